/**
 * The engine's cap for `RuleMeta.oidcOnly` errors (define-rule.ts): with no publisher declared and a
 * long-lived npm token still reaching the job's publish (src/model/token-fallback.ts), such an
 * error is what blocks moving to trusted publishing, not a publish that fails today: the engine
 * (run.ts `report`) lowers it to `warning` and says why. A finding of such a rule that is already a
 * warning or an info (a guessed publish, an npm it cannot tell) keeps its severity and gets the same
 * sentence. The job is the running job hook's
 * (`inJob`), else the one the report names.
 */
import type { ResolvedConfig } from '../config/types.js';
import { circleJobInstances } from '../model/circleci/config.js';
import type { Project } from '../model/project.js';
import { POSSIBLY, tokenFallback, type FallbackJob } from '../model/token-fallback.js';

/**
 * The long-lived token an `oidcOnly` error's job still publishes with (src/model/token-fallback.ts):
 * the running job hook's job, else the job the report names (`data.job`) in its file's workflow,
 * or a GitLab or CircleCI job of that name. Undefined when a publisher is declared or none is found.
 */
export function fallbackOf(project: Project, config: ResolvedConfig, current: { job?: FallbackJob }, file: string, name: unknown): string | undefined {
  if (!config.inferred) return undefined;
  let job = current.job;
  if (!job && typeof name === 'string') {
    try {
      const github = project.workflows.find((w) => w.file === file)?.jobs.find((j) => j.id === name);
      const gitlab = github ? undefined : project.gitlab.flatMap((p) => p.jobs).find((j) => j.name === name);
      const circle = github || gitlab ? undefined : project.circleci.flatMap((c) => circleJobInstances(c)).find((j) => j.name === name);
      job = github ? { kind: 'github', job: github } : gitlab ? { kind: 'gitlab', job: gitlab } : circle ? { kind: 'circleci', job: circle } : undefined;
    } catch {
      // A streamed workflow's view has no project-wide parts: nothing to cap there.
      return undefined;
    }
  }
  return job && tokenFallback(project.facts, job);
}

export const FALLBACK_WHY = 'No trusted publisher is declared, and the job still gives the publish a long-lived npm token';

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

/** Runs `fn` with `job` as the running job hook's job (`RunFacts.current`). */
export function inJob(current: { job?: FallbackJob }, job: FallbackJob, fn: () => void): void {
  current.job = job;
  try {
    fn();
  } finally {
    current.job = undefined;
  }
}

