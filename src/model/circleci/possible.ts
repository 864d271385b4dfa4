/**
 * Possible publishes of a CircleCI job, as for GitHub and GitLab (`../npm/possible-publish.ts`):
 * when no command of the job is a recognised publish, the first command tp-doctor cannot read
 * (`./bin/release.sh`, `pnpm run tc release`) in a job that shows signs of an npm publish becomes a
 * `possible` publish, so findings on it stay at `info` and the note names it instead of saying
 * nothing.
 */
import { possiblePublish, PUBLISH_HINT, unreadPublishMatch, type NpmSignal } from '../npm/possible-publish.js';
import { analyzeScript, type RecognizeContext } from '../npm/publish-commands.js';
import type { PublishCommand } from '../npm/publish-site.js';
import { isTokenName } from '../npm/tokens.js';
import { locate } from './run.js';
import type { CircleEnvEntry, CircleJob, CircleRun } from './types.js';


function tokenIn(environment: readonly CircleEnvEntry[]): NpmSignal | undefined {
  const entry = environment.find((e) => isTokenName(e.name) && (e.value?.text ?? '').trim() !== '');
  return entry ? { label: `the job gets \`${entry.name}\``, strong: true } : undefined;
}

/** A candidate whose own command or step name says "publish" or "npm" is preferred to one that only the job's name makes plausible. */
const SAYS_PUBLISH = /publish|\bnpm\b/i;

/**
 * Sets `job.publishes` (and the step's) to the most plausible possible publish, when the job has no
 * recognised one: the first whose command or step name says "publish" or "npm", else the first.
 */
export function detectCirclePossiblePublish(job: CircleJob, recognize: RecognizeContext): void {
  if (job.publishes.length > 0) return;
  const scripts = Object.values(recognize.scripts ?? {});
  const hinted = PUBLISH_HINT.test(job.name) || scripts.some((s) => PUBLISH_HINT.test(s));
  const signals: NpmSignal[] = [];
  const add = (signal: NpmSignal | undefined): void => {
    if (signal && !signals.some((s) => s.label === signal.label)) signals.push(signal);
  };
  add(tokenIn(job.environment));
  let chosen: { publish: PublishCommand; run: CircleRun; strong: boolean } | undefined;
  for (const step of job.steps) {
    const run = step.run;
    if (!run) continue;
    const text = run.command.text;
    const name = run.name?.text;
    if (hinted || PUBLISH_HINT.test(text) || PUBLISH_HINT.test(name ?? '')) {
      const here = [...signals];
      const own = tokenIn(run.environment);
      if (own) here.push(own);
      for (const unread of analyzeScript(text, run.workingDirectory ? { ...recognize, shellFile: undefined } : recognize).unread) {
        const before = (list: readonly { offset: number }[]): boolean => list.some((x) => x.offset < unread.offset);
        const inStep = [...here];
        if (before(run.authTokenWrites)) inStep.push({ label: 'the step writes an npm `_authToken` before it', strong: true });
        if (before(run.npmIdToken)) inStep.push({ label: 'the step sets `NPM_ID_TOKEN` before it', strong: true });
        const because = possiblePublish({ unread, name: [job.name, name].filter((n) => n !== undefined).join(' '), signals: inStep });
        if (because === undefined) continue;
        const publish: PublishCommand = { match: unreadPublishMatch(unread), location: locate(run.command, unread.offset, unread.end), certainty: 'possible', because };
        const strong = SAYS_PUBLISH.test(unread.text) || SAYS_PUBLISH.test(name ?? '');
        if (!chosen || (strong && !chosen.strong)) chosen = { publish, run, strong };
        if (strong) break;
      }
      if (chosen?.strong) break;
    }
    // Signs for the later steps: an `_authToken` written, an npm upgrade, an npm ID token set.
    if (run.authTokenWrites.length > 0) add({ label: 'an earlier step writes an npm `_authToken`', strong: true });
    if (run.npmUpgrades.length > 0) add({ label: 'an earlier step upgrades npm', strong: true });
    if (run.npmIdToken.length > 0) add({ label: 'an earlier step sets `NPM_ID_TOKEN`', strong: true });
  }
  if (chosen) {
    chosen.run.publishes = [chosen.publish];
    job.publishes = [chosen.publish];
  }
}
