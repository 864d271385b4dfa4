/**
 * Possible publishes of a CircleCI job, as for GitHub and GitLab (`../npm/possible-publish.ts`):
 * when no command of the job is a recognised publish, the first command tp-doctor cannot read
 * (`./bin/release.sh`, `pnpm run tc release`) in a job that shows signs of an npm publish becomes a
 * `possible` publish, so findings on it stay at `info` and the note names it instead of saying
 * nothing.
 *
 * A step whose whole command is a pipeline parameter (`run: << pipeline.parameters.cmd >>`), or
 * has one in a command position, runs what the trigger passes: it is such an unreadable command,
 * read by the parameter's name (never by its default). A context whose name says npm, given to the
 * job's invocation, is a sign of npm; so is, for such a step, a release tool that triggers the
 * pipeline with a plan that publishes (Twilio's `.release.json`, `trigger-tools.ts`).
 *
 * An orb command or job given a publish command in an argument named for publishing (`publish:
 * 'pnpm release:publish'`) is a possible publish of that command.
 *
 * Orb commands (`- npm-publisher/publish`) and orb jobs a workflow invokes (`- auto/publish`) are
 * read like the GitHub actions tp-doctor does not know: the orb is never fetched, so only its names
 * speak. One whose orb, job or command name says publish or release (or deploy, with npm named),
 * of an orb not known never to publish to npm (`NEVER_PUBLISHING_ORBS`), with the signs of npm the
 * words need (`possiblePublish`), is a possible publish.
 */
import { NPM_RELEASE_TOOL_ORBS, neverPublishingOrb, OTHER_ECOSYSTEM_ORB_WORDS } from '../data/orbs.js';
import type { PackageJson } from '../npm/package-json.js';
import { NPM_DEPLOY_HINT, possiblePublish, PUBLISH_HINT, publishRank, RANK_OWN_PUBLISH, unreadPublishMatch, unreadRank, type NpmSignal } from '../npm/possible-publish.js';
import { pipelineDefaults } from './template.js';
import { analyzeScript, type RecognizeContext, type UnreadCommand } from '../npm/publish-commands.js';
import type { PublishCommand } from '../npm/publish-site.js';
import { classifyRegistry } from '../npm/registry.js';
import { semanticReleaseDataSkipsNpm } from '../npm/semantic-release-config.js';
import { isTokenName } from '../npm/tokens.js';
import { locate } from './run.js';
import type { CircleEnvEntry, CircleJob, CircleRun, CircleStep, CircleSubstitution, CircleWorkflowJob } from './types.js';

function tokenIn(environment: readonly CircleEnvEntry[]): NpmSignal | undefined {
  const entry = environment.find((e) => isTokenName(e.name) && (e.value?.text ?? '').trim() !== '');
  return entry ? { label: `the job gets \`${entry.name}\``, strong: true } : undefined;
}

/** A context whose name says npm (`npm-release`, `NPMJS`) given to the job's invocation: a sign of npm. */
export function contextSignals(invocation: CircleWorkflowJob | undefined): NpmSignal[] {
  const contexts = (invocation?.contexts ?? []).filter((c) => /(?:^|[^a-z])npm(?:js)?(?:$|[^a-z])/i.test(c.text));
  return contexts.map((c) => ({ label: `the job gets the context "${c.text}"`, strong: true }));
}

/**
 * The sign of npm the repository's root package.json gives: a named package, not private, whose
 * `publishConfig.registry` is npm's registry (QRun-IO/qqq-frontend-core). It is published there by
 * something, so an orb job named publish (`node_publish`, `npm_publish`) is worth an info without
 * a sign in the job; only such an orb job takes it (`orbCandidate`), never a command the job runs.
 */
export function manifestSign(pkg: PackageJson | undefined): NpmSignal | undefined {
  if (pkg?.name === undefined || pkg.private) return undefined;
  const registry = pkg.publishConfig?.isMap ? pkg.publishConfig.get('registry')?.text : undefined;
  if (classifyRegistry(registry) !== 'npmjs') return undefined;
  return { label: `\`${pkg.file}\` sets \`publishConfig.registry\` to npm's registry`, strong: false };
}

/** The words of an orb's or orb job's name, lower case (`node_publish` → node, publish). */
function nameWords(...names: (string | undefined)[]): string[] {
  return names.flatMap((n) => (n ?? '').toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w !== '');
}

/** Names of an orb, its jobs or commands worth a look: publish, release, deploy. */
const ORB_HINT = /publish|releas|deploy/i;

interface Candidate {
  publish: PublishCommand;
  step: CircleStep;
  /**
   * How much it says publish (`publishRank`): its own command, orb names or parameter name (3)
   * beat its step's name (2), which beats a text that says only "npm" (1:
   * `helper-npm-store-auth-token`, which may as well set up the token for a later publish), which
   * beats one only the job's name makes plausible (0).
   */
  rank: number;
}

/**
 * Sets `job.publishes` (and the step's) to the most plausible possible publish, when the job has no
 * recognised one: the first of the highest rank, so a later step whose own command says publish
 * is not lost to an earlier one only names made a candidate. One per job, not one per step as on
 * GitHub: the job's name counts for every step (`outerName`), so a job `publish-core` would make
 * its version bump a second possible publish. `extra`: signs the job's invocation gives (an orb
 * job's contexts). `recognizeAt`: what a step that runs below the root (`CircleRun.readIn`) reads.
 */
export function detectCirclePossiblePublish(job: CircleJob, recognize: RecognizeContext, extra: readonly NpmSignal[] = [], manifest?: NpmSignal, trigger?: NpmSignal, recognizeAt?: (dir: string) => RecognizeContext): void {
  if (job.publishes.length > 0) return;
  const scripts = Object.values(recognize.scripts ?? {});
  const hinted = PUBLISH_HINT.test(job.name) || scripts.some((s) => PUBLISH_HINT.test(s));
  const signals: NpmSignal[] = [];
  const add = (signal: NpmSignal | undefined): void => {
    if (signal && !signals.some((s) => s.label === signal.label)) signals.push(signal);
  };
  extra.forEach(add);
  add(tokenIn(job.environment));
  let chosen: Candidate | undefined;
  for (const step of job.steps) {
    const found = step.orb ? (publishArgument(step, recognize) ?? orbCandidate(step, signals, manifest, recognize)) : step.run ? runCandidate(job, step, step.run, hinted, signals, runContext(step.run, recognize, recognizeAt), trigger) : undefined;
    if (found && (!chosen || found.rank > chosen.rank)) chosen = found;
    if (chosen?.rank === RANK_OWN_PUBLISH) break;
    // Signs for the later steps: an `_authToken` written, an npm upgrade, an npm ID token set.
    const run = step.run;
    if (!run) continue;
    if (run.authTokenWrites.length > 0) add({ label: 'an earlier step writes an npm `_authToken`', strong: true });
    if (run.npmUpgrades.length > 0) add({ label: 'an earlier step upgrades npm', strong: true });
    if (run.npmIdToken.length > 0) add({ label: 'an earlier step sets `NPM_ID_TOKEN`', strong: true });
  }
  if (!chosen) return;
  if (chosen.step.run) chosen.step.run.publishes = [chosen.publish];
  else if (chosen.step.orb) chosen.step.orb.publishes = [chosen.publish];
  job.publishes = [chosen.publish];
}

/**
 * What follows a command that guards the job: `cmd || circleci step halt` (or `circleci-agent`,
 * maybe in a `{ …; }` group) ends the job, successfully, when `cmd` fails: `cmd` decides whether
 * the job goes on (Pascal-Lohscheidt/m4trix: `check-package-scope.ts core || circleci step halt`).
 */
const HALTS_ON_FAILURE = /^\s*\|\|\s*(?:\{[^}]*?)?\bcircleci(?:-agent)?\s+step\s+halt\b/;

/**
 * What a `run` step's commands are read with: the root's, that of the directory below it the step
 * runs in (`readIn`), or, for a step with its own `working_directory` tp-doctor could not place,
 * the root's package.json scripts without script files or configuration (steps.ts).
 */
function runContext(run: CircleRun, recognize: RecognizeContext, recognizeAt: ((dir: string) => RecognizeContext) | undefined): RecognizeContext {
  if (run.readIn !== undefined && recognizeAt !== undefined) return recognizeAt(run.readIn);
  return run.workingDirectory && !run.atRoot ? { ...recognize, shellFile: undefined, toolConfig: undefined, workspaceScripts: undefined } : recognize;
}

/** The best possible publish among the unreadable commands of a `run` step. */
function runCandidate(job: CircleJob, step: CircleStep, run: CircleRun, hinted: boolean, signals: readonly NpmSignal[], recognize: RecognizeContext, trigger?: NpmSignal): Candidate | undefined {
  const text = run.command.text;
  const name = run.name?.text;
  if (!hinted && !PUBLISH_HINT.test(text) && !NPM_DEPLOY_HINT.test(text) && !PUBLISH_HINT.test(name ?? '')) return undefined;
  const here = [...signals];
  const own = tokenIn(run.environment);
  if (own) here.push(own);
  if (run.triggerChosen) return triggerCandidate(job, step, run, run.triggerChosen, trigger ? [...here, trigger] : here);
  let chosen: Candidate | undefined;
  const context = pipelineDefaults(run.command).length > 0 ? { ...recognize, argsUnsure: true as const } : recognize; // a trigger may pass other values
  for (const unread of analyzeScript(text, context).unread) {
    const before = (list: readonly { offset: number }[]): boolean => list.some((x) => x.offset < unread.offset);
    const inStep = [...here];
    if (before(run.authTokenWrites)) inStep.push({ label: 'the step writes an npm `_authToken` before it', strong: true });
    if (before(run.npmIdToken)) inStep.push({ label: 'the step sets `NPM_ID_TOKEN` before it', strong: true });
    const guard = HALTS_ON_FAILURE.test(text.slice(unread.end));
    const because = possiblePublish({ unread, name, outerName: job.name, signals: inStep, guard });
    if (because === undefined) continue;
    const publish: PublishCommand = { match: unreadPublishMatch(unread), location: locate(run.command, unread.offset, unread.end), certainty: 'possible', because };
    const rank = unreadRank(unread, name);
    if (!chosen || rank > chosen.rank) chosen = { publish, step, rank };
    if (rank === RANK_OWN_PUBLISH) break;
  }
  return chosen;
}

/**
 * A step whose command is (or has in a command position) a pipeline parameter: the trigger chooses
 * it, so it is read like any command tp-doctor cannot read, by the parameter's name, the step's and
 * job's names and the job's signs of npm, and a release tool's plan that publishes when the tool
 * triggers the pipeline (`trigger-tools.ts`); the default is named in the reason, never read as the command.
 */
function triggerCandidate(job: CircleJob, step: CircleStep, run: CircleRun, parameter: CircleSubstitution, signals: readonly NpmSignal[]): Candidate | undefined {
  const unread: UnreadCommand = { words: [parameter.name], via: [], offset: parameter.offset, end: parameter.end, text: `<< ${parameter.name} >>` };
  const name = run.name?.text;
  const shown = parameter.value.length > 40 ? `${parameter.value.slice(0, 39)}…` : parameter.value;
  const unreadable = `is a pipeline parameter, so the trigger chooses the command (its default, "${shown}", runs only when none is passed)`;
  const because = possiblePublish({ unread, name, outerName: job.name, signals, unreadable });
  if (because === undefined) return undefined;
  const publish: PublishCommand = { match: unreadPublishMatch(unread), location: locate(run.command, parameter.offset, parameter.end), certainty: 'possible', because };
  return { publish, step, rank: publishRank([parameter.name], name) };
}

/**
 * An orb command or job given a publish command as an argument named for publishing (`publish:
 * 'pnpm release:publish'`, as changesets/action's `publish` input): the orb is not fetched, but
 * an argument of that name is most likely what it runs to publish (ethereum-optimism/actions'
 * `utils/changesets`). The command read from it is a possible publish (findings at info).
 */
function publishArgument(step: CircleStep, recognize: RecognizeContext): Candidate | undefined {
  const orb = step.orb!;
  for (const [key, value] of orb.texts) {
    if (!/publish/i.test(key) || !PUBLISH_HINT.test(value.text)) continue;
    const match = analyzeScript(value.text, { ...recognize, shellFile: undefined, toolConfig: undefined }, { unread: false }).matches[0];
    if (match === undefined) continue;
    const because = `the ${orb.job ? 'job' : 'command'} "${orb.alias}/${orb.command}" of an orb tp-doctor does not fetch gets \`${key}: ${value.text}\`, a publish command it most likely runs`;
    const publish: PublishCommand = { match, location: locate(value, match.offset, match.end), certainty: 'possible', because };
    return { publish, step, rank: RANK_OWN_PUBLISH };
  }
  return undefined;
}

/** `namespace`, `name` of an orb reference `namespace/name@version`. */
function orbName(ref: string | undefined): { namespace?: string; name?: string } {
  const m = /^([^/@\s]+)\/([^/@\s]+)/.exec(ref ?? '');
  return m ? { namespace: m[1]!, name: m[2]! } : {};
}

/**
 * An orb command or orb job that may publish to npm: its orb's or its own name says publish or
 * release (deploy counts when npm is named), the orb is not one that never publishes to npm, and
 * `possiblePublish` accepts its words (the names, the arguments' names) with the job's signs of npm,
 * an argument that passes an npm token's name, an orb named after an npm release tool, and, for an
 * orb job whose own name says publish, the repository's package.json (`manifestSign`) unless a
 * name of the orb or job names another tool chain (`OTHER_ECOSYSTEM_ORB_WORDS`: `maven`, `python`).
 */
function orbCandidate(step: CircleStep, signals: readonly NpmSignal[], manifest: NpmSignal | undefined, recognize: RecognizeContext): Candidate | undefined {
  const orb = step.orb!;
  const name = `${orb.alias}/${orb.command}`;
  const { namespace, name: ofOrb } = orbName(orb.ref);
  if (!ORB_HINT.test(`${name} ${ofOrb ?? ''}`) || neverPublishingOrb(namespace, ofOrb)) return undefined;
  // A semantic-release orb, where nothing can be published or the repository's configuration leaves @semantic-release/npm out.
  if (/semantic-release/i.test(`${name} ${ofOrb ?? ''}`) && recognize.toolConfig !== undefined && semanticReleaseDataSkipsNpm(recognize.toolConfig)) return undefined;
  const here = [...signals];
  for (const [key, value] of orb.texts) {
    if (isTokenName(value.text)) here.push({ label: `its \`${key}\` names \`${value.text}\``, strong: true });
  }
  const tool = [ofOrb, orb.alias].find((n) => n !== undefined && NPM_RELEASE_TOOL_ORBS.has(n.toLowerCase()));
  if (tool !== undefined) here.push({ label: `the orb is named after ${tool}, an npm release tool`, strong: true });
  const words = nameWords(orb.alias, ofOrb, orb.command);
  if (manifest && orb.job && nameWords(orb.command).includes('publish') && !words.some((w) => OTHER_ECOSYSTEM_ORB_WORDS.has(w))) here.push(manifest);
  const unread: UnreadCommand = { words: [name, ...(orb.ref !== undefined ? [orb.ref] : []), ...orb.args.keys()], via: [], offset: 0, end: 0, text: name };
  const what = orb.job ? 'job' : 'command';
  const unreadable = `is a ${what} of the orb ${orb.ref !== undefined ? `"${orb.ref}"` : `"${orb.alias}"`}, which tp-doctor does not fetch`;
  const because = possiblePublish({ unread, signals: here, unreadable, deployNamesPublish: true });
  if (because === undefined) return undefined;
  const key = step.node.isMap ? (step.node.entries()[0] ?? step.node) : step.node;
  const publish: PublishCommand = { match: unreadPublishMatch(unread), location: { file: key.file, ...key.anchorSpan }, certainty: 'possible', because };
  return { publish, step, rank: publishRank([name, ofOrb ?? '']) };
}
