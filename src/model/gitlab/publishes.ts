/**
 * The publish commands of a GitLab job: recognised ones in its script lines (`certain`, or `likely`
 * for a guess from a name), then `possible` ones when none is recognised: a command tp-doctor
 * cannot read in a job that shows signs of an npm publish (see `../npm/possible-publish.ts`), or,
 * failing that, the part of the job's script that comes from a template tp-doctor cannot read
 * (`./unread-script.ts`).
 */
import { NPM_RELEASE_TOOL_NAMES } from '../data/publish-tools.js';
import { NPM_OIDC_AUDIENCE } from '../npm/oidc-audience.js';
import { NPM_DEPLOY_HINT, possiblePublish, PUBLISH_HINT, RANK_OWN_PUBLISH, unreadPublishMatch, unreadRank, type NpmSignal } from '../npm/possible-publish.js';
import { analyzeScript, findNpmUpgrades, type RecognizeContext, type UnreadCommand } from '../npm/publish-commands.js';
import { findTokenWrites, isTokenName } from '../npm/tokens.js';
import type { PublishCommand } from '../npm/publish-site.js';
import { withPromptCertainty } from '../npm/prompts.js';
import { jobDirectoryValue } from './variables.js';
import type { GitlabJob } from './types.js';
import { readableScriptShowsWork, unreadScriptParts, type UnreadScriptPart, type UnreadSources } from './unread-script.js';
import { neverRuns } from './never-runs.js';

export type { UnreadSources } from './unread-script.js';

/** Signs the job gives before any script line: its ID tokens, token variables and image. */
function jobSignals(job: GitlabJob): NpmSignal[] {
  const base: NpmSignal[] = [];
  const tokens = job.idTokens?.tokens;
  const npmAud = tokens && [...tokens.values()].find((t) => t.aud.some((a) => (a.expanded ?? a.raw) === NPM_OIDC_AUDIENCE));
  if (tokens?.has('NPM_ID_TOKEN')) base.push({ label: 'the job declares `NPM_ID_TOKEN`', strong: true });
  else if (npmAud) base.push({ label: `the job declares the ID token \`${npmAud.name}\` with the npm audience`, strong: true });
  for (const v of job.variables.values()) {
    if (isTokenName(v.name) && (v.value ?? '').trim() !== '') {
      base.push({ label: `the job gets \`${v.name}\``, strong: true });
      break;
    }
  }
  const image = job.image?.expanded;
  if (image !== undefined && npmImage(image)) base.push({ label: `the job runs in the image "${image}", named after npm or an npm release tool`, strong: true });
  return base;
}

/**
 * An image named after npm or an npm release tool (`.../semantic-release:latest`, `acme/npm-publish`).
 * A plain Node image is no sign: it serves builds, tests and publishes to other registries alike
 * (a `node:22` job that publishes to GitLab's own registry is not a possible npm publish).
 */
function npmImage(image: string): boolean {
  const segments = image.toLowerCase().split('/');
  // The tag or digest of the last segment is not part of the name (`x/semantic-release:24`).
  const last = segments.pop() ?? '';
  const cut = [last.indexOf('@'), last.indexOf(':')].filter((i) => i >= 0);
  segments.push(cut.length > 0 ? last.slice(0, Math.min(...cut)) : last);
  return segments.some((segment) => NPM_RELEASE_TOOL_NAMES.has(segment) || segment.split(/[^a-z0-9]+/).includes('npm'));
}

/**
 * Signs, before each script line, that the job publishes to npm: `signals[i]` holds the signs
 * before line `i`, and `signals[job.scripts.length]` those after the last line. One pass over the
 * lines (a job may have thousands).
 */
export function gitlabNpmSignals(job: GitlabJob): NpmSignal[][] {
  const out: NpmSignal[][] = [];
  let current = jobSignals(job);
  let writes = false;
  let upgrades = false;
  for (const line of job.scripts) {
    out.push(current);
    const w: boolean = !writes && line.text.includes('_authToken') && findTokenWrites(line.text).length > 0;
    const u: boolean = !upgrades && line.text.includes('npm') && findNpmUpgrades(line.text).length > 0;
    if (w || u) {
      current = [...current];
      if (w) current.push({ label: 'an earlier script line writes an npm `_authToken`', strong: true });
      if (u) current.push({ label: 'an earlier script line upgrades npm', strong: true });
      writes ||= w;
      upgrades ||= u;
    }
  }
  out.push(current);
  return out;
}

/**
 * Finds the job's publishes (in script order) and sets `job.publishes`; with none recognised, the
 * possible one: of the unreadable commands `possiblePublish` accepts, the first of the highest
 * `unreadRank`. `unread`: what of the pipeline tp-doctor cannot read, for a job whose script comes
 * from there.
 */
export function detectGitlabPublishes(job: GitlabJob, recognize: RecognizeContext, unread?: UnreadSources): void {
  // A job whose every rule says `when: never` is never added to a pipeline: it publishes nothing.
  if (neverRuns(job)) {
    job.publishes = [];
    return;
  }
  const scripts = recognize.scripts;
  // Unreadable commands matter only where a publish or release is named (job name, line, scripts).
  const nameHint = PUBLISH_HINT.test(job.name);
  const scriptHint = Object.values(scripts ?? {}).some((s) => PUBLISH_HINT.test(s));
  const shells = shellScripts(job);
  // `cd "$PKG_DIR"` with `PKG_DIR` in the `variables:` the job sees (global, its own, `extends`), unless a rule may change it (./variables.ts `jobDirectoryValue`; the pipeline's own are read for the site).
  const withEnv: RecognizeContext = { ...recognize, envValues: (name) => jobDirectoryValue(job, name, []) };
  const analyses = job.scripts.map((line, i) => {
    const shellScript = shells[i];
    return analyzeScript(line.text, shellScript ? { ...withEnv, shellScript } : withEnv, { unread: nameHint || scriptHint || PUBLISH_HINT.test(line.text) || NPM_DEPLOY_HINT.test(line.text) });
  });
  job.publishes = analyses.flatMap((analysis, i) => {
    const line = job.scripts[i]!;
    return analysis.matches.map((match): PublishCommand =>
      withPromptCertainty({
        match,
        location: { file: line.node.file, ...line.node.valueSpan(match.offset, match.end) },
        certainty: match.confidence === 'certain' ? 'certain' : 'likely',
      }),
    );
  });
  if (job.publishes.length > 0 || job.kind !== 'job') return;
  const parts = unread ? unreadScriptParts(job, unread) : [];
  if (parts.length === 0 && analyses.every((a) => a.unread.length === 0)) return;
  const signals = gitlabNpmSignals(job);
  // The first of the highest `unreadRank`: in a job "publish", `./publish.sh` after `./bump.sh`.
  let best = -1;
  for (const [i, analysis] of analyses.entries()) {
    const line = job.scripts[i]!;
    for (const unreadCommand of analysis.unread) {
      const because = possiblePublish({ unread: unreadCommand, name: job.name, signals: signals[i] ?? [] });
      const rank = unreadRank(unreadCommand, job.name);
      if (because === undefined || rank <= best) continue;
      const match = unreadPublishMatch(unreadCommand);
      job.publishes = [{ match, location: { file: line.node.file, ...line.node.valueSpan(unreadCommand.offset, unreadCommand.end) }, certainty: 'possible', because }];
      best = rank;
      if (rank === RANK_OWN_PUBLISH) return;
    }
  }
  if (best >= 0) return;
  if (parts.length > 0 && !readableScriptShowsWork(job)) detectUnreadScriptPublish(job, parts, signals.at(-1) ?? []);
}

/**
 * Each script line's place in the shell script it is part of, for a shell of more than one line:
 * GitLab runs `before_script` and `script` in one shell, in order, and `after_script` in another,
 * so a function or variable one line defines is there for the later lines. The lines are joined
 * by newlines (one pass, whatever the number of lines).
 */
export function shellScripts(job: GitlabJob): ({ text: string; offset: number } | undefined)[] {
  let known = shellsOfJob.get(job);
  if (!known) shellsOfJob.set(job, (known = readShellScripts(job)));
  return known;
}

/** `shellScripts` per job: each publish of a job of thousands of lines asks for the same joined text. */
const shellsOfJob = new WeakMap<GitlabJob, ({ text: string; offset: number } | undefined)[]>();

function readShellScripts(job: GitlabJob): ({ text: string; offset: number } | undefined)[] {
  const out: ({ text: string; offset: number } | undefined)[] = [];
  for (const after of [false, true]) {
    const indexes = [...job.scripts.keys()].filter((i) => (job.scripts[i]!.section === 'after_script') === after);
    if (indexes.length < 2) continue;
    const text = indexes.map((i) => job.scripts[i]!.text).join('\n');
    let offset = 0;
    for (const i of indexes) {
      out[i] = { text, offset };
      offset += job.scripts[i]!.text.length + 1;
    }
  }
  return out;
}

/** A part whose own name says publish or names npm is preferred to one only the job's name makes plausible. */
const SAYS_PUBLISH = /publish|npm/i;

/**
 * A job whose script comes, wholly or partly, from a template tp-doctor cannot read (an `extends:`
 * or `!reference` target defined in no file read, while an include cannot be read offline) is read
 * the way a GitHub action or CircleCI orb tp-doctor does not know is: by its names. The job's name
 * and the template's name say publish or release, with the signs of npm `possiblePublish` needs (a
 * template named after an npm release tool, `.semantic-release`, is one), and the part becomes a
 * possible publish located at the `extends:` item or the `!reference`.
 */
function detectUnreadScriptPublish(job: GitlabJob, parts: readonly UnreadScriptPart[], signals: readonly NpmSignal[]): void {
  let chosen: PublishCommand | undefined;
  for (const part of parts) {
    const here = [...signals];
    const tool = part.template.replace(/^\./, '').toLowerCase();
    if (NPM_RELEASE_TOOL_NAMES.has(tool)) here.push({ label: `the template is named after ${tool}, an npm release tool`, strong: true });
    const command: UnreadCommand = { words: [part.template], via: [], offset: 0, end: 0, text: part.text };
    const because = possiblePublish({ unread: command, name: job.name, signals: here, unreadable: part.unreadable });
    if (because === undefined) continue;
    const publish: PublishCommand = { match: unreadPublishMatch(command), location: part.location, certainty: 'possible', because };
    if (!chosen) chosen = publish;
    if (SAYS_PUBLISH.test(part.template)) {
      chosen = publish;
      break;
    }
  }
  if (chosen) job.publishes = [chosen];
}
