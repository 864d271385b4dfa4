/**
 * A publish whose step's own `if:` tp-doctor cannot evaluate, in a job with another publish that may
 * run with an npm that can use trusted publishing (docs/domain.md A.64, audit1207 p03): the `if:` may
 * be what keeps this (legacy) path from ever running, so a too-old npm there is a guess.
 */
import { undecidedStepChoice, undecidedStepIf } from '../../src/model/github/entry-events.js';
import { npmAtPublish } from '../../src/model/github/npm-upgrades.js';
import type { GithubNodeContext } from '../../src/model/github/setup-node.js';
import type { Job } from '../../src/model/github/types.js';
import { versionGte } from '../../src/model/npm/version-numbers.js';
import type { GithubSite } from '../../src/model/publish.js';
import type { RelatedTarget } from '../../src/engine/report-once.js';
import type { ProjectFacts } from '../../src/model/facts.js';
import { undecidedRulesIf } from '../../src/model/gitlab/rules-if.js';
import type { GitlabJob, GitlabPipeline } from '../../src/model/gitlab/types.js';

/** The words added to the command of a finding on such a publish, as A.58's matrix legs have theirs. */
export const STEP_CHOICE_WORDS = '(in a step where an if: condition tp-doctor cannot evaluate decides whether it runs)';

/**
 * The step's `if:` and the job's other publish that may run with an npm of `required` or later (or
 * one tp-doctor cannot tell), as related locations; undefined when the step's `if:` is decided or
 * absent, or when every other publish of the job has too old an npm as well (whichever runs fails).
 * `mayWork` remembers, per job and `required`, which other publishes may work: each is asked once.
 */
export function stepChoiceAway(ctx: GithubNodeContext, job: Job, site: GithubSite, sites: readonly GithubSite[], required: string, mayWork: Map<string, GithubSite[]>): RelatedTarget[] | undefined {
  if (!undecidedStepIf(job, site.step)) return undefined;
  let working = mayWork.get(required);
  if (!working) mayWork.set(required, (working = sites.filter((o) => npmAtPublish(ctx, job, o.step, o.publish).some((a) => a.upgradeFails !== true && (a.npm === undefined || versionGte(a.npm.max, required))))));
  const choice = undecidedStepChoice(job, site.step, working);
  const other = choice?.others[0];
  if (!choice || !other) return undefined;
  return [
    { at: choice.condition, label: "the step's `if:`, which tp-doctor cannot evaluate, decides whether it runs" },
    { at: other.publish.location, label: `"${other.publish.match.label}" also publishes in job "${job.id}", with an npm that may use trusted publishing` },
  ];
}

/** The words added to the command of a finding on a GitLab job chosen by `rules:` tp-doctor cannot evaluate. */
export const RULES_CHOICE_WORDS = '(in a job where a rules: if: tp-doctor cannot evaluate decides whether it runs)';

/**
 * The GitLab sibling (audit1207 g02, A.64): a job whose `rules:` hang on a variable no file sets
 * (`undecidedRulesIf`), beside another publishing job of the pipeline whose npm may use trusted
 * publishing: the rules' `if:` and that job, as related locations; else undefined.
 */
export function rulesChoiceAway(facts: ProjectFacts, job: GitlabJob, pipeline: GitlabPipeline, required: string): RelatedTarget[] | undefined {
  const condition = undecidedRulesIf(job);
  if (!condition) return undefined;
  const mayWork = (o: GitlabJob): boolean =>
    facts.trustedSites(o).some((s) => {
      const a = facts.gitlab.npmAtPublish(o, s.publish);
      return a.upgradeFails !== true && (a.npm === undefined || versionGte(a.npm.max, required));
    });
  const other = facts.publishingGitlabJobs(pipeline).find((o) => o !== job && mayWork(o));
  if (!other) return undefined;
  return [
    { at: condition, label: "the job's `rules: if:`, which reads a variable no file sets (project settings are not in the repository), decides whether it runs" },
    { at: other.node, label: `job "${other.name}" also publishes, with an npm that may use trusted publishing` },
  ];
}
