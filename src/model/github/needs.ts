/**
 * Whether a job never runs for an event because a job it `needs:` (directly or through other
 * needed jobs) is skipped for that event.
 *
 * GitHub skips a job whose needed job was skipped or failed, unless the job's own `if:` calls one
 * of the status functions that let it run anyway (`always()`, `cancelled()`, `failure()`, as in
 * `!cancelled()`); without one, the `if:` gets an implicit `success()`, which is false after a
 * skipped need. A needed job is skipped for an event when its `if:` is certainly false for that
 * event, read with `evaluateCondition` (./expressions.ts) knowing only `github.event_name`, and for
 * `pull_request` that `github.ref` is `refs/pull/<number>/merge`: `startsWith(github.ref, 'refs/tags/v')`
 * and `github.ref == 'refs/heads/main'` are false there. Everything else stays unknown, so a
 * condition tp-doctor cannot decide keeps the job running.
 */
import { evaluateCondition, neverRuns } from './expressions.js';
import type { Job } from './types.js';

/** A status function that lets a job run after a need that was skipped. */
const RUNS_AFTER_SKIPPED_NEED = /\b(?:always|cancelled|failure)\s*\(/i;
/** A status function call, GitHub's function names ignoring case. */
const STATUS_FUNCTION = /\b(always|success|cancelled|failure)\(\s*\)/gi;
/** The ref of a `pull_request` run, up to the pull request's number. */
const PULL_REQUEST_REF = 'refs/pull/';
/** `startsWith(github.ref, 'prefix')`, GitHub's function names ignoring case. */
const REF_STARTS_WITH = /\bstartsWith\(\s*github\.ref\s*,\s*'([^']*)'\s*\)/gi;
/** `github.ref == 'ref'` or `!=`, either way round. */
const REF_COMPARED = /\bgithub\.ref\s*(==|!=)\s*'([^']*)'|'([^']*)'\s*(==|!=)\s*github\.ref\b(?![._-])/gi;

/**
 * The needed job (the first found, depth first) whose `if:` keeps `event` out and so skips `job`
 * with it; undefined when none does, or when `job`'s own `if:` lets it run after a skipped need.
 */
export function skippedWithNeed(job: Job, event: string): Job | undefined {
  return skippingNeed(job, RUNS_AFTER_SKIPPED_NEED, (needed) => needed.if !== undefined && keepsOut(needed.if, event), new Set([job.id]));
}

/**
 * The `if:` conditions of the jobs `job` needs, directly or through other needed jobs, that it
 * waits on: a needed job its `if:` skips skips `job` too, so each works as a condition on `job`
 * (sebamarynissen/sc4: `publish` needs `release`, whose `if:` asks for a merged pull request).
 * None past a job whose own `if:` lets it run after a skipped need (`always()`, `failure()`,
 * `cancelled()`, `!cancelled()`), `job` included.
 */
export function needGuards(job: Job): string[] {
  const found: string[] = [];
  skippingNeed(job, RUNS_AFTER_SKIPPED_NEED, (needed) => (needed.if !== undefined && found.push(needed.if), false), new Set([job.id]));
  return found;
}

/**
 * The jobs `job` waits on, directly or through other needed jobs, whose failure skips `job`, in the
 * order found (depth first). None past a job whose own `if:` lets it run after a failed or skipped
 * need (`always()`, `failure()`, `cancelled()`, `!cancelled()`), `job` included. A job with
 * `continue-on-error` is walked through but not returned: a failure it tolerates does not fail the
 * jobs that need it (whether it is tolerated may depend on an expression; it is left out either way).
 */
export function failingNeedsSkip(job: Job): Job[] {
  const found: Job[] = [];
  const collect = (needed: Job) => {
    if (needed.node.get('continue-on-error') === undefined) found.push(needed);
    return false;
  };
  skippingNeed(job, RUNS_AFTER_SKIPPED_NEED, collect, new Set([job.id]));
  return found;
}

/**
 * True when `job` never runs in any run: a job it needs (directly or through other needed jobs)
 * never runs (`neverRuns`: `if: false`, a template's guard on its own repository), and its own
 * `if:` calls no status function (any of them: GitHub adds its implicit `success()` only to a
 * condition without one; duckdb/duckdb-node's jobs needing an `if: false` job).
 */
export function needsNeverRun(job: Job, repository: string | undefined): boolean {
  return skippingNeed(job, ANY_STATUS_FUNCTION, (needed) => neverRuns(needed.if, repository), new Set([job.id])) !== undefined;
}

/** Any status function, `success()` too (`success() || github.event_name == 'x'`): the job may run after a skipped need. */
const ANY_STATUS_FUNCTION = /\b(?:always|success|cancelled|failure)\s*\(/i;

/**
 * The walk both share: the needed job (depth first) that `skips` says does not run, or one that
 * needs such a job in turn; none when `job`'s `if:` matches `runsAnyway`.
 */
function skippingNeed(job: Job, runsAnyway: RegExp, skips: (needed: Job) => boolean, seen: Set<string>): Job | undefined {
  if (job.if !== undefined && runsAnyway.test(job.if)) return undefined;
  for (const id of job.needs) {
    if (seen.has(id)) continue;
    seen.add(id);
    const needed = job.workflow.jobs.find((j) => j.id === id);
    if (!needed) continue;
    if (skips(needed) || skippingNeed(needed, runsAnyway, skips, seen)) return needed;
  }
  return undefined;
}

/** True when the `if:` condition is certainly false for a run of `event`. */
export function keepsOut(condition: string, event: string): boolean {
  return conditionForEvent(condition, event) === false;
}

/**
 * An `if:` condition read for a run of `event`: true when it certainly holds, false when it
 * certainly fails, undefined when tp-doctor cannot tell. It goes through the evaluator every `if:`
 * goes through (./expressions.ts), knowing only the event (and a `pull_request` ref, see
 * `withPullRequestRef`). `passingRun`: the status functions read as in a run where every step and
 * needed job before succeeded and nothing was cancelled (`always()`, `success()` true;
 * `cancelled()`, `failure()` false); otherwise they stay unknown.
 */
export function conditionForEvent(condition: string, event: string, passingRun = false): boolean | undefined {
  const statusRead = passingRun ? condition.replace(STATUS_FUNCTION, (_, name: string) => String(/^(?:always|success)$/i.test(name))) : condition;
  return evaluateCondition(event === 'pull_request' ? withPullRequestRef(statusRead) : statusRead, undefined, undefined, { eventName: event });
}

/**
 * The condition with what a `pull_request` ref decides written as `true`/`false`: `startsWith`
 * with a prefix that is not one of `refs/pull/` (nor longer than it), and comparisons with a ref
 * outside `refs/pull/`. GitHub compares both ignoring case.
 */
function withPullRequestRef(body: string): string {
  return body
    .replace(REF_STARTS_WITH, (whole, prefix: string) => {
      const p = prefix.toLowerCase();
      // `refs/pull/` itself (or a part of it) holds for every pull request's ref.
      if (PULL_REQUEST_REF.startsWith(p)) return 'true';
      return p.startsWith(PULL_REQUEST_REF) ? whole : 'false';
    })
    .replace(REF_COMPARED, (whole, op1?: string, ref1?: string, ref2?: string, op2?: string) => {
      const ref = (ref1 ?? ref2 ?? '').toLowerCase();
      if (ref.startsWith(PULL_REQUEST_REF)) return whole;
      return (op1 ?? op2) === '==' ? 'false' : 'true';
    });
}
