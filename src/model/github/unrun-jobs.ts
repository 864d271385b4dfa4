/**
 * A GitHub job whose `if:` no run can satisfy, though it is not false as written: it holds only for
 * `github.event_name == 'workflow_call'`, and no run has that event (a called workflow's `github`
 * is its caller's: ./entry-events.ts; `falseForEveryEvent`, ./expressions.ts). Such a job never
 * runs, so it publishes nothing: it is no publish site for any rule, the publish list or the
 * inferred publisher. What it would publish is kept as `Job.unrun` for the finding that says so
 * (publish-from-trusted-workflow `neverRuns`): portpowered/you-agent-factory gated its release
 * publish so, and the release never published.
 */
import { evaluateCondition, falseForEveryEvent } from './expressions.js';
import type { Job } from './types.js';

/**
 * When the job's `if:` is false for every event (not as written: `if: false` is a deliberate
 * switch, and stays silent): reads the job's publishes without the `if:` (`detect`), records how
 * many there are (`Job.unrun`), clears them and answers true. False, and nothing done, otherwise.
 */
export function dropUnrunJob(job: Job, detect: () => void): boolean {
  const condition = job.node.get('if');
  const own = job.if;
  if (own === undefined || !condition || !falseForEveryEvent(own) || evaluateCondition(own, undefined) === false) return false;
  delete job.if;
  try {
    detect();
  } finally {
    job.if = own;
  }
  const publishes = job.steps.reduce((n, s) => n + s.publishes.length, 0);
  if (publishes > 0) job.unrun = { condition, publishes };
  else delete job.unrun;
  for (const step of job.steps) step.publishes = [];
  return true;
}
