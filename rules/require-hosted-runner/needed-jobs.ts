/**
 * A publishing job waits on the jobs it `needs:`; when one of them runs on a runner label GitHub
 * has retired, that job fails without starting and GitHub skips every job that needs it, so the
 * publish never runs (survey904a M8: `publish` needs `build` on `macos-14`).
 */
import { failingNeedsSkip } from '../../src/model/github/needs.js';
import type { Job, RunsOn } from '../../src/model/github/types.js';
import { decide, place, type Place } from './runner-choice.js';

export interface RetiredNeed {
  needed: Job;
  label: string;
  retiredOn: string;
  where: Place;
}

/**
 * The needed jobs whose failure skips `job` that run on a retired label, one finding per job (its
 * first retired choice: one retired matrix leg fails the whole job). Left out: a job that itself
 * publishes (its own `retired` finding says it), a reusable-workflow call (its runners are in the
 * callee), and a job with `continue-on-error` (`failingNeedsSkip`). A choice counts only when the
 * retired label decides it (`[self-hosted, macos-14]` is a self-hosted machine with that label).
 * `runsOn`: a job's runners, a called workflow's inputs put in per caller (`ProjectFacts.runsOn`).
 */
export function retiredNeeds(job: Job, hosted: readonly string[], publishes: (j: Job) => boolean, runsOn: (j: Job) => RunsOn | undefined): RetiredNeed[] {
  const out: RetiredNeed[] = [];
  for (const needed of failingNeedsSkip(job)) {
    const runners = needed.uses || publishes(needed) ? undefined : runsOn(needed);
    for (const choice of runners?.choices ?? []) {
      const finding = decide(choice, hosted);
      if (finding?.kind !== 'retired' || !finding.label) continue;
      out.push({ needed, label: finding.value, retiredOn: finding.detail, where: place(needed, finding.label) });
      break;
    }
  }
  return out;
}
