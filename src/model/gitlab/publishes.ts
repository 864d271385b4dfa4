/**
 * The publish commands of a GitLab job: recognised ones in its script lines (`certain`, or `likely`
 * for a guess from a name), then `possible` ones when none is recognised: a command tp-doctor
 * cannot read in a job that shows signs of an npm publish (see `../npm/possible-publish.ts`).
 */
import { possiblePublish, PUBLISH_HINT, unreadPublishMatch, type NpmSignal } from '../npm/possible-publish.js';
import { analyzeScript, findNpmUpgrades, type RecognizeContext } from '../npm/publish-commands.js';
import { findTokenWrites, isTokenName } from '../npm/tokens.js';
import type { PublishCommand } from '../npm/publish-site.js';
import type { GitlabJob } from './types.js';

/**
 * Signs, before each script line, that the job publishes to npm: `signals[i]` holds the signs
 * before line `i`. One pass over the lines (a job may have thousands).
 */
export function gitlabNpmSignals(job: GitlabJob): NpmSignal[][] {
  const base: NpmSignal[] = [];
  if (job.idTokens?.tokens.has('NPM_ID_TOKEN')) base.push({ label: 'the job declares `NPM_ID_TOKEN`', strong: true });
  for (const v of job.variables.values()) {
    if (isTokenName(v.name) && (v.value ?? '').trim() !== '') {
      base.push({ label: `the job gets \`${v.name}\``, strong: true });
      break;
    }
  }
  const out: NpmSignal[][] = [];
  let current = base;
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
  return out;
}


/** Finds the job's publishes (in script order) and sets `job.publishes`. */
export function detectGitlabPublishes(job: GitlabJob, recognize: RecognizeContext): void {
  const scripts = recognize.scripts;
  // Unreadable commands matter only where a publish or release is named (job name, line, scripts).
  const nameHint = PUBLISH_HINT.test(job.name);
  const scriptHint = Object.values(scripts ?? {}).some((s) => PUBLISH_HINT.test(s));
  const analyses = job.scripts.map((line) => analyzeScript(line.text, recognize, { unread: nameHint || scriptHint || PUBLISH_HINT.test(line.text) }));
  job.publishes = analyses.flatMap((analysis, i) => {
    const line = job.scripts[i]!;
    return analysis.matches.map((match): PublishCommand => ({
      match,
      location: { file: line.node.file, ...line.node.valueSpan(match.offset, match.end) },
      certainty: match.confidence === 'certain' ? 'certain' : 'likely',
    }));
  });
  if (job.publishes.length > 0 || job.kind !== 'job' || analyses.every((a) => a.unread.length === 0)) return;
  const signals = gitlabNpmSignals(job);
  for (const [i, analysis] of analyses.entries()) {
    const line = job.scripts[i]!;
    for (const unread of analysis.unread) {
      const because = possiblePublish({ unread, name: job.name, signals: signals[i] ?? [] });
      if (because === undefined) continue;
      const match = unreadPublishMatch(unread);
      job.publishes = [{ match, location: { file: line.node.file, ...line.node.valueSpan(unread.offset, unread.end) }, certainty: 'possible', because }];
      return;
    }
  }
}
