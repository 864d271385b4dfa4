/**
 * The engine's caps for `RuleMeta.oidcOnly` findings (define-rule.ts), the findings that say
 * trusted publishing fails:
 *
 * - The token cap: with no publisher declared and a long-lived npm token still reaching the job's
 *   publish (src/model/token-fallback.ts), such an error is what blocks moving to trusted
 *   publishing, not a publish that fails today: it is lowered to `warning`, and the `why` says why.
 *   A finding of such a rule that is already a warning or an info (a guessed publish, an npm it
 *   cannot tell) keeps its severity and gets the same sentence.
 * - The refused-exchange cap (`MessageSpec.refusedExchange`): a run that does not match the declared
 *   trusted publisher (another workflow, another environment) has its exchange refused silently, and
 *   npm goes on with a long-lived token that reaches the job's publish: declared or not, the run
 *   publishes with that token, so an error is lowered to `warning` and the `why` says so. Here a
 *   token counts only when something reads it for the publish (`tokenFallback`'s `read`): one in
 *   `NODE_AUTH_TOKEN` that no `.npmrc` names gives npm no token, and the run fails either way.
 * - The unmatched-publisher cap (./unmatched-publisher.ts): with publishers declared, a job whose
 *   runs none of them matches (another workflow, CI file or configuration, or a provider with no
 *   declared publisher) has its exchange refused whatever the finding says, and npm goes on with a
 *   long-lived token that npm reads for the job's publish (`read`): an error is lowered to
 *   `warning`, and the `why` says the run publishes with that token.
 * - The self-managed cap: a GitLab job whose pipeline runs on a self-managed GitLab
 *   (`selfManagedGitlabHost`) cannot publish with trusted publishing at all (npm accepts GitLab.com
 *   ID tokens only, docs/domain.md §1.8), so what would make it work there is moot: `info` at most,
 *   the `why` and the fix say trusted publishing needs GitLab.com, and a fix is only offered, never
 *   applied.
 *
 * The job is the report's `tokenFrom` (one job, or every job of a report made once for several),
 * else the running job hook's (`inJob`), else the one the report names (`data.job`).
 */
import type { ResolvedConfig } from '../config/types.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import { circleJobInstances } from '../model/circleci/config.js';
import { selfManagedGitlabHost } from '../model/gitlab/jobs.js';
import type { Project } from '../model/project.js';
import { POSSIBLY, tokenFallback, type FallbackJob } from '../model/token-fallback.js';
import { unmatchedRuns, unmatchedWhy } from './unmatched-publisher.js';

/** A report's `tokenFrom` (define-rule.ts `ReportDescriptor.tokenFrom`). */
export type TokenFrom = FallbackJob | readonly FallbackJob[] | null | undefined;

/**
 * The jobs a report is about: its `tokenFrom`, else the running job hook's job, else the job the
 * report names (`data.job`) in its file's workflow, or a GitLab or CircleCI job of that name.
 * Empty when none is found (or `tokenFrom` is `null`).
 */
function jobsOf(project: Project, tokenFrom: TokenFrom, current: { job?: FallbackJob }, file: string, name: unknown): readonly FallbackJob[] {
  if (tokenFrom === null) return [];
  if (tokenFrom !== undefined) return Array.isArray(tokenFrom) ? tokenFrom : [tokenFrom as FallbackJob];
  if (current.job) return [current.job];
  if (typeof name !== 'string') return [];
  try {
    const github = project.workflows.find((w) => w.file === file)?.jobs.find((j) => j.id === name);
    if (github) return [{ kind: 'github', job: github }];
    const gitlab = project.gitlab.flatMap((p) => p.jobs).find((j) => j.name === name);
    if (gitlab) return [{ kind: 'gitlab', job: gitlab }];
    const circle = project.circleci.flatMap((c) => circleJobInstances(c)).find((j) => j.name === name);
    return circle ? [{ kind: 'circleci', job: circle }] : [];
  } catch {
    // A streamed workflow's view has no project-wide parts: nothing to cap there.
    return [];
  }
}

/**
 * The long-lived token the jobs still publish with (src/model/token-fallback.ts): the first job's,
 * when every one of them has one. Undefined when a publisher is declared or none is found.
 */
function fallbackOf(project: Project, config: ResolvedConfig, jobs: readonly FallbackJob[], declaredToo = false): string | undefined {
  if ((!config.inferred && !declaredToo) || jobs.length === 0) return undefined;
  // A declared publisher's certain error is lowered only for a token npm really reads (`read`).
  const read = declaredToo && !config.inferred;
  const each = jobs.map((job) => tokenFallback(project.facts, job, { read }));
  return each.every((f) => f !== undefined) ? each[0] : undefined;
}

/**
 * With publishers declared: why none of them matches the runs of the jobs, and the long-lived token
 * npm reads for their publish (the first job's), when every one of the jobs is such a job.
 */
function unmatchedOf(project: Project, config: ResolvedConfig, jobs: readonly FallbackJob[]): { reason: string; fallback: string } | undefined {
  if (config.inferred || jobs.length === 0) return undefined;
  const reasons = jobs.map((job) => unmatchedRuns(project, config, job));
  if (reasons.some((r) => r === undefined)) return undefined;
  const fallback = fallbackOf(project, config, jobs, true);
  return fallback === undefined ? undefined : { reason: reasons[0]!, fallback };
}

/** The self-managed GitLab every one of the jobs runs on, when they are GitLab jobs of such a pipeline. */
function selfManagedHostOf(config: ResolvedConfig, jobs: readonly FallbackJob[]): string | undefined {
  const publishers = config.publishers.filter((p) => p.provider === 'gitlab');
  let host: string | undefined;
  for (const job of jobs) {
    const here = job.kind === 'gitlab' ? selfManagedGitlabHost(job.job.ciFile, publishers) : undefined;
    if (here === undefined) return undefined;
    host ??= here;
  }
  return host;
}

const FALLBACK_WHY = 'No trusted publisher is declared, and the job still gives the publish a long-lived npm token';

/**
 * The sentence the engine adds for a fallback (`tokenFallback`): `lowered` for an error it lowers
 * (or a finding already below one), else for a message whose runs fail unless a token stands in
 * (`MessageSpec.failsUnlessToken`). A token tp-doctor cannot confirm (`POSSIBLY`: an upstream
 * CircleCI job's token file that the workspace may carry) is said to be one the job may give.
 */
export function fallbackWhy(fallback: string, lowered: boolean): string {
  if (fallback.startsWith(POSSIBLY)) {
    const token = fallback.slice(POSSIBLY.length);
    const head = `No trusted publisher is declared, and the job may still give the publish a long-lived npm token (${token})`;
    return lowered ? `${head}: then the publish authenticates with it today, and this is what fails once the token is removed for trusted publishing` : `${head}: then, until it is removed, those runs publish with it instead`;
  }
  return lowered
    ? `${FALLBACK_WHY} (${fallback}): the publish authenticates with it today, and this is what fails once the token is removed for trusted publishing`
    : `${FALLBACK_WHY} (${fallback}): until it is removed, those runs publish with it instead`;
}

/**
 * The sentence for a refused exchange of a run that does not match the declared publisher when the
 * job still gives the publish a long-lived token (`MessageSpec.refusedExchange`).
 */
export function refusedWhy(fallback: string): string {
  if (fallback.startsWith(POSSIBLY)) {
    const token = fallback.slice(POSSIBLY.length);
    return `But the job may still give the publish a long-lived npm token (${token}): npm's refused exchange is silent and npm then goes on with that token, so such a run publishes with it, not through the trusted publisher, and fails once the token is removed or no longer valid`;
  }
  return `But the job still gives the publish a long-lived npm token (${fallback}): npm's refused exchange is silent and npm goes on with that token, so such a run publishes with it, not through the trusted publisher, and fails once the token is removed or no longer valid`;
}

/** Runs `fn` with `job` as the running job hook's job (`RunFacts.current`). */
export function inJob(current: { job?: FallbackJob }, job: FallbackJob, fn: () => void): void {
  current.job = job;
  try {
    fn();
  } finally {
    current.job = undefined;
  }
}

/** What the caps need of one report. */
export interface CapInput {
  project: Project;
  config: ResolvedConfig;
  current: { job?: FallbackJob };
  tokenFrom: TokenFrom;
  file: string;
  /** `data.job` of the report. */
  name: unknown;
  /** The rule is `oidcOnly` and the message does not opt out. */
  oidcOnly: boolean;
  /** `MessageSpec.failsUnlessToken`. */
  failsUnlessToken: boolean;
  /** `MessageSpec.refusedExchange`. */
  refusedExchange?: boolean;
}

/** A finding's severity, `why` and fix after the caps; `offerOnly`: its automatic fix becomes a suggestion. */
export interface Capped {
  severity: Severity;
  why: string;
  fix: string;
  offerOnly: boolean;
}

/** "Add …" → "add …" after a colon; a fix that starts with a name or code keeps its case. */
function continued(fix: string): string {
  return /^[A-Z][a-z]+\b/.test(fix) ? fix.charAt(0).toLowerCase() + fix.slice(1) : fix;
}

/** Applies the token cap and the self-managed cap (see the file comment) to one report. */
export function applyOidcCaps(input: CapInput, finding: { severity: Severity; why: string; fix: string }): Capped {
  let { severity, why, fix } = finding;
  let offerOnly = false;
  if (!input.oidcOnly && !input.failsUnlessToken && input.refusedExchange !== true) return { severity, why, fix, offerOnly };
  const jobs = jobsOf(input.project, input.tokenFrom, input.current, input.file, input.name);
  const fallback = fallbackOf(input.project, input.config, jobs, input.refusedExchange === true);
  // With publishers declared, a job none of them matches (./unmatched-publisher.ts).
  const unmatched = input.oidcOnly && fallback === undefined ? unmatchedOf(input.project, input.config, jobs) : undefined;
  if (input.refusedExchange === true && !input.config.inferred && fallback !== undefined) {
    if (severity === 'error') severity = 'warning';
    why = `${why}. ${refusedWhy(fallback)}`;
  } else if (unmatched !== undefined) {
    if (severity === 'error') severity = 'warning';
    why = `${why}. ${unmatchedWhy(unmatched.reason, unmatched.fallback)}`;
  } else if (input.oidcOnly && fallback !== undefined) {
    // An error is lowered; a finding already a warning or an info (a guessed publish, an npm
    // tp-doctor cannot tell) keeps its severity but says the same: its "fails" is what happens
    // once the token goes, not today.
    if (severity === 'error') severity = 'warning';
    why = `${why}. ${fallbackWhy(fallback, true)}`;
  } else if (fallback !== undefined) {
    why = `${why}. ${fallbackWhy(fallback, false)}`;
  }
  const host = input.oidcOnly ? selfManagedHostOf(input.config, jobs) : undefined;
  if (host !== undefined) {
    if (severity !== 'info') severity = 'info';
    offerOnly = true;
    why = `${why}. The pipeline appears to run on a self-managed GitLab (${host}), and npm trusted publishing accepts ID tokens from GitLab.com only: there the job cannot publish with trusted publishing whatever its configuration, so this matters only for a pipeline on GitLab.com`;
    fix = `Only on GitLab.com (trusted publishing is not available on ${host}): ${continued(fix)}`;
  }
  return { severity, why, fix, offerOnly };
}
