/**
 * The unmatched-publisher cap of `oidcOnly` findings (./token-fallback-cap.ts), with publishers
 * declared: a publishing job whose runs no declared trusted publisher matches (its top-level
 * workflow is none of the declared GitHub publishers' workflows, or is declared with an
 * environment the job does not run in, its CI file none of the declared
 * GitLab publishers', its configuration none of the declared CircleCI publishers') has its token
 * exchange refused whatever its permissions, npm or tools are, and npm then goes on, silently, with
 * the long-lived token the job still gives the publish (docs/domain.md §1.6-1.8). Such a run
 * publishes with that token today and after the switch alike, so an error saying that trusted
 * publishing fails there is no certain failure: the engine lowers it to `warning` and says why
 * (survey1208b W1: ianstormtaylor/slate's comment.yml beside a declared release.yml).
 */
import type { GithubPublisher, ResolvedConfig } from '../config/types.js';
import { circleJobInstances } from '../model/circleci/config.js';
import { hasCirclePublisher } from '../model/circleci/facts.js';
import { runnableEntryChains } from '../model/github/entry-events.js';
import type { Job } from '../model/github/types.js';
import { sameCiFile } from '../model/gitlab/jobs.js';
import type { Project } from '../model/project.js';
import { POSSIBLY, type FallbackJob } from '../model/token-fallback.js';

const quoted = (names: Iterable<string>): string => [...names].map((n) => `"${n}"`).join(', ');

/**
 * Why no declared publisher matches the runs of the job, for the `why` (`its top-level workflow
 * "canary.yml" is not …`); undefined when no publisher is declared, when one may match, and when
 * tp-doctor cannot tell (a declared GitHub publisher without a workflow, a job no run reaches).
 */
export function unmatchedRuns(project: Project, config: ResolvedConfig, ref: FallbackJob): string | undefined {
  // Asked once per finding: a job with thousands of publishes is answered once (test/hardening).
  let byJob = memo.get(config);
  if (!byJob) memo.set(config, (byJob = new WeakMap()));
  if (byJob.has(ref.job)) return byJob.get(ref.job) ?? undefined;
  const reason = computeUnmatched(project, config, ref);
  byJob.set(ref.job, reason ?? null);
  return reason;
}

const memo = new WeakMap<ResolvedConfig, WeakMap<object, string | null>>();

function computeUnmatched(project: Project, config: ResolvedConfig, ref: FallbackJob): string | undefined {
  const declared = config.publishers.filter((p) => p.inferred !== true);
  if (config.inferred || declared.length === 0) return undefined;
  if (ref.kind === 'github') return githubUnmatched(project, declared.flatMap((p) => (p.provider === 'github' ? [p] : [])), ref.job);
  if (ref.kind === 'gitlab') {
    const gitlab = declared.flatMap((p) => (p.provider === 'gitlab' ? [p] : []));
    if (gitlab.some((p) => sameCiFile(p.ciFile, ref.job.ciFile))) return undefined;
    if (gitlab.length === 0) return 'no GitLab trusted publisher is declared';
    return `its CI file "${ref.job.ciFile}" is not the one a declared GitLab trusted publisher names, ${quoted(new Set(gitlab.map((p) => p.ciFile)))}`;
  }
  const circle = declared.flatMap((p) => (p.provider === 'circleci' ? [p] : []));
  const file = project.circleci.find((c) => circleJobInstances(c).some((j) => j === ref.job || j.node === ref.job.node));
  if (!file || hasCirclePublisher(file, circle)) return undefined;
  if (circle.length === 0) return 'no CircleCI trusted publisher is declared';
  return `its configuration "${file.file}" is not the one a declared CircleCI trusted publisher names, ${quoted(new Set(circle.map((p) => p.configFile)))}`;
}

/**
 * A GitHub job's runs match no declared GitHub publisher: their top-level workflows are none of the
 * declared ones, or each is declared only with an environment the job does not run in (its own
 * literal `environment:`, or none; npm compares the name exactly). A job whose environment is an
 * expression, or whose runs start from declared and undeclared workflows alike, is not judged.
 */
function githubUnmatched(project: Project, github: readonly GithubPublisher[], job: Job): string | undefined {
  if (github.some((p) => p.workflow === undefined)) return undefined;
  const names = [...new Set(github.map((p) => p.workflow!))].sort();
  const steps = project.facts.jobSites(job).map((s) => s.step);
  const entries = [...new Set(runnableEntryChains(project.callGraph, job, steps).map((c) => c.entry.fileName))].sort();
  const declaredEntries = entries.filter((e) => names.includes(e));
  if (entries.length === 0 || (declaredEntries.length > 0 && declaredEntries.length < entries.length)) return undefined;
  if (declaredEntries.length === 0) {
    if (names.length === 0) return 'no GitHub trusted publisher is declared';
    const its = entries.length === 1 ? `its top-level workflow ${quoted(entries)} is` : `its top-level workflows ${quoted(entries)} are`;
    const theirs = names.length === 1 ? 'the one the declared GitHub trusted publisher names' : 'any the declared GitHub trusted publishers name';
    return `${its} not ${theirs}, ${quoted(names)}`;
  }
  if (job.environment?.isExpression === true) return undefined;
  const actual = job.environment?.name;
  const publishers = github.filter((p) => declaredEntries.includes(p.workflow!));
  if (publishers.some((p) => p.environment === undefined || p.environment === '' || p.environment === actual)) return undefined;
  const expected = quoted(new Set(publishers.map((p) => p.environment!)));
  const of = `the declared trusted publisher of ${quoted(declaredEntries)} names environment ${expected}`;
  return actual === undefined ? `the job has no \`environment\`, and ${of}` : `the job runs in environment "${actual}", and ${of}`;
}

/**
 * The sentence the engine adds to a finding it lowers for a job no declared publisher matches; a
 * token tp-doctor cannot confirm (`POSSIBLY`) is one the job may give.
 */
export function unmatchedWhy(reason: string, fallback: string): string {
  const gives = fallback.startsWith(POSSIBLY)
    ? `the long-lived npm token the job may still give the publish (${fallback.slice(POSSIBLY.length)})`
    : `the long-lived npm token the job still gives the publish (${fallback})`;
  return `No declared trusted publisher matches the runs of this job (${reason}): npm's token exchange is refused for them whatever this finding says, silently, and npm goes on with ${gives}, so such a run publishes with that token today. This is what fails only once these runs are to publish with trusted publishing too (a trusted publisher declared and registered for them, the token removed)`;
}
