/**
 * `npm dist-tag` and `npm deprecate`/`access`/`owner` after a trusted publish on GitLab CI (the
 * job's script lines) and CircleCI (its `run` commands): the same findings as on GitHub
 * (./dist-tags.ts, ./registry-commands.ts), with the npm each provider's model computes for a
 * publish at that place (`facts.gitlab.npmAtPublish`, `facts.circleci.npmAtPublish`). The
 * `package.json` scripts and committed shell scripts a line or command runs are followed as on
 * GitHub (./command-places.ts `reachedPlaces`): a command there is reported where it is written.
 */
import type { CircleJob } from '../../src/model/circleci/types.js';
import { locate } from '../../src/model/circleci/index.js';
import type { GitlabJob } from '../../src/model/gitlab/types.js';
import { jobTemplateReader, jobTokenWrites } from '../../src/model/gitlab/variables.js';
import { circleStepDirectory } from '../../src/model/circleci/checkout-dir.js';
import { templateReaderIn } from '../../src/model/npm/npmrc-templates.js';
import { ANY_REGISTRY_KEY, npmTokenWrites } from '../../src/model/npm/tokens.js';
import { mayWriteToken } from '../../src/model/npm/token-edits.js';
import { failureTolerated } from '../../src/model/npm/upgrade-failure.js';
import { shellScripts } from '../../src/model/gitlab/publishes.js';
import { findDistTags, findRegistryCommands, type DistTagCommand, type PublishMatch, type RecognizeContext, type RegistryCommand } from '../../src/model/npm/publish-commands.js';
import type { Certainty, PublishCommand } from '../../src/model/publish.js';
import { tokenFallback } from '../../src/model/token-fallback.js';
import type { Location } from '../../src/yaml/span.js';
import { contextAt, reachedPlaces, type TextPlace } from './command-places.js';
import { AUTH_ENV, TOKEN_NAMES } from './dist-tag-token.js';
import { judgeDistTag } from './dist-tags.js';
import type { Ctx } from './npm-supports-oidc.js';

/** A command of a script text, with what the providers differ in. */
interface CiCommand {
  text: string;
  location: (offset: number, end: number) => Location;
  /** Why the job goes on when the command fails, beyond `|| true` after it. */
  tolerated?: string;
  /** What keeps a registry-command finding from being certain (`noOidcCommandUnsure`), beyond a branch. */
  doubt: string | undefined;
  /** The job's publish certainty: a dist-tag finding on a guessed publish is capped with it. */
  certainty: Certainty | undefined;
  npmAt: (command: PublishCommand) => Parameters<typeof judgeDistTag>[1];
}

/** The dist-tag and registry-command findings of the GitLab job's script lines, when it publishes with trusted publishing and no long-lived token. */
export function checkGitlabRegistryCommands(job: GitlabJob, unreadIncludes: boolean, ctx: Ctx): void {
  if (ctx.facts.trustedSites(job).length === 0 || tokenFallback(ctx.facts, { kind: 'gitlab', job }) !== undefined) return;
  if ([...job.variables.values()].some((v) => TOKEN_NAMES.includes(v.name) && (v.value ?? '').trim() !== '')) return;
  const seen = new Set<string>();
  // An `include:` tp-doctor cannot read may add a `before_script` that writes a token.
  const doubt = unreadIncludes ? 'the pipeline includes files tp-doctor cannot read, which may give the job a token' : publishDoubt(ctx.facts.trustedSites(job));
  // The scripts the lines run are read as the publish detection reads them: from the root, with the functions earlier lines define.
  const recognize = contextAt(ctx.facts, '', false);
  const shells = shellScripts(job);
  for (const [i, line] of job.scripts.entries()) {
    // A token written into the npm configuration by this line or an earlier one of the job (the
    // model's token writes, not a mere mention: `grep _authToken .npmrc` writes none).
    const read = (file: string): string | undefined => ctx.facts.npmrcTemplate(file);
    if (AUTH_ENV.test(line.text) || mayWriteToken(line.text, jobTemplateReader(job, i, read)) || jobTokenWrites(job, i, read).some((w) => w.yarn === undefined)) return;
    const node = line.node;
    const tolerated = line.section === 'after_script' ? 'the `after_script` section, whose failure does not fail the job,' : undefined;
    check(ctx, job.name, seen, { text: line.text, location: (o, e) => ({ file: node.file, ...node.valueSpan(o, e) }), ...(tolerated ? { tolerated } : {}), doubt, certainty: ctx.facts.jobCertainty(job), npmAt: (command) => ctx.facts.gitlab.npmAtPublish(job, command) }, shells[i] ? { ...recognize, shellScript: shells[i] } : recognize);
  }
}

/** The dist-tag and registry-command findings of the CircleCI job's `run` commands. */
export function checkCircleRegistryCommands(job: CircleJob, ctx: Ctx): void {
  if (ctx.facts.trustedSites(job).length === 0 || tokenFallback(ctx.facts, { kind: 'circleci', job }) !== undefined) return;
  const seen = new Set<string>();
  const doubt = publishDoubt(ctx.facts.trustedSites(job));
  const recognize = contextAt(ctx.facts, '', false);
  for (const step of job.steps) {
    const run = step.run;
    if (run === undefined) continue;
    // An `envsubst < .npmrc.tpl > .npmrc` reads the committed template from the step's directory.
    const template = templateReaderIn(run.command.text, circleStepDirectory(job, step), (file) => ctx.facts.npmrcTemplate(file));
    if (AUTH_ENV.test(run.command.text) || npmTokenWrites(run.command.text, { ...ANY_REGISTRY_KEY, template }).length > 0 || mayWriteToken(run.command.text, template)) return;
    if ([...job.environment, ...run.environment].some((e) => TOKEN_NAMES.includes(e.name) && (e.value?.text ?? '').trim() !== '')) continue;
    // As the publish detection (circleci/jobs.ts): a step below the root reads that directory's scripts; one tp-doctor cannot place, no script file.
    const at = run.readIn !== undefined ? contextAt(ctx.facts, run.readIn, false) : run.workingDirectory && !run.atRoot ? { ...recognize, shellFile: undefined } : recognize;
    check(ctx, job.name, seen, { text: run.command.text, location: (o, e) => locate(run.command, o, e), doubt, certainty: ctx.facts.jobCertainty(job), npmAt: (command) => ctx.facts.circleci.npmAtPublish(job, command, ctx.project) }, at);
  }
}

/**
 * The command's own registry commands, then those of the package.json scripts and committed shell
 * scripts it runs (./command-places.ts `reachedPlaces`, the walk GitHub steps use), placed where
 * they are written with the CI command as related location.
 */
function check(ctx: Ctx, jobName: string, seen: Set<string>, cmd: CiCommand, recognize: RecognizeContext | undefined): void {
  const own: TextPlace = { text: cmd.text, distTags: findDistTags(cmd.text), registry: findRegistryCommands(cmd.text), locate: cmd.location, npm: { via: [] }, related: [] };
  checkPlace(ctx, jobName, seen, cmd, own);
  if (recognize !== undefined) for (const place of reachedPlaces(cmd.text, cmd.location, recognize, ctx.facts)) checkPlace(ctx, jobName, seen, cmd, place);
}

function checkPlace(ctx: Ctx, jobName: string, seen: Set<string>, cmd: CiCommand, place: TextPlace): void {
  const related = place.related;
  for (const tag of place.distTags) {
    // pnpm's dist-tag depends on the pnpm version, which is read on GitHub only.
    if (tag.tool !== 'npm') continue;
    const location = place.locate(tag.offset, tag.end);
    const label = `npm dist-tag ${tag.subcommand}`;
    judgeDistTag(ctx, cmd.npmAt(asPublish(tag, label, location, cmd, place)), { label, tolerance: toleranceAfter(cmd, place, tag), location, related, certainty: cmd.certainty }, seen);
  }
  for (const reg of place.registry) {
    if (reg.kind !== 'token') continue;
    const at = place.locate(reg.offset, reg.end);
    const data = { command: reg.label, job: jobName };
    const tolerance = toleranceAfter(cmd, place, reg);
    if (tolerance !== undefined) ctx.report({ messageId: 'noOidcCommandTolerated', data: { ...data, tolerance }, at, related });
    else if (reg.nested) ctx.report({ messageId: 'noOidcCommandUnsure', data: { ...data, doubt: 'the command stands in a branch, a group or after `&&`/`||` of its script and may not run, and with no token it fails whenever it runs' }, at, related });
    else if (cmd.doubt !== undefined) ctx.report({ messageId: 'noOidcCommandUnsure', data: { ...data, doubt: cmd.doubt }, at, related });
    else ctx.report({ messageId: 'noOidcCommand', data, at, related });
  }
}

/** The job's publish is a guess (GitHub's `githubDoubt` says the same): the job may not rely on trusted publishing. */
function publishDoubt(sites: readonly { certainty: Certainty }[]): string | undefined {
  return sites.some((s) => s.certainty === 'certain') ? undefined : 'the job\'s publish is a guess, so the job may not rely on trusted publishing';
}

/**
 * The command as a publish command, for the npm the model finds at its place: for one a script
 * runs, the CI command that runs the script (its line or step, the upgrades before it) with the
 * scripts on the way (a shell script's upgrades before the command count too).
 */
function asPublish(tag: DistTagCommand, label: string, location: Location, cmd: CiCommand, place: TextPlace): PublishCommand {
  const { offset, end } = place.npm;
  const ci = offset !== undefined && end !== undefined ? { offset, end } : undefined;
  const match: PublishMatch = { recognizer: 'npm-dist-tag', tool: 'npm', label, confidence: 'certain', offset: ci?.offset ?? tag.offset, end: ci?.end ?? tag.end, text: tag.text, args: [], via: place.npm.via, flags: {} };
  if (tag.pinnedVersion !== undefined) match.pinnedVersion = tag.pinnedVersion;
  return { match, location: ci ? cmd.location(ci.offset, ci.end) : location, certainty: 'certain' };
}

function toleranceAfter(cmd: CiCommand, place: TextPlace, found: DistTagCommand | RegistryCommand): string | undefined {
  if (failureTolerated(undefined, place.text.slice(found.end)) || (place.after !== undefined && failureTolerated(undefined, place.after))) return 'the `||` after the command';
  return cmd.tolerated;
}
