/**
 * An npm upgrade in a step whose own `if:` tp-doctor cannot evaluate, in a job with a publish that
 * may run without it (docs/domain.md A.64, audit1207 p03), or in a job whose own `if:` tp-doctor
 * cannot evaluate, beside another publishing job (audit1208 n03): the `if:` may be what keeps this
 * (legacy) path from ever running, so its failure on the job's Node is a guess.
 */
import type { RelatedTarget } from '../../src/engine/report-once.js';
import { undecidedJobIf, undecidedStepChoice } from '../../src/model/github/entry-events.js';
import type { Job, Step, Workflow } from '../../src/model/github/types.js';
import { runsWithPublish } from '../../src/model/github/upgrade-conditions.js';
import type { GithubSite } from '../../src/model/publish.js';
import { undecidedRulesIf } from '../../src/model/gitlab/rules-if.js';
import type { GitlabJob } from '../../src/model/gitlab/types.js';

/**
 * The step's `if:` and a publish of another step the upgrade may not run before, as related
 * locations; else the job's own `if:` tp-doctor cannot evaluate (`undecidedJobIf`, audit1208 n03,
 * A.61) and a publish of another job of the workflow (`facts.trustedSites`), which runs
 * without this upgrade; undefined when there is none.
 */
export function upgradeChoiceAway(job: Job, step: Step, sites: readonly GithubSite[], facts: SitesOf): RelatedTarget[] | undefined {
  const choice = undecidedStepChoice(job, step, sites);
  const other = choice?.others.find((s) => runsWithPublish(step.node.get('if')?.text, s.step) !== true);
  if (!choice || !other) return jobChoiceAway(job, facts);
  return [
    { at: choice.condition, label: "the step's `if:`, which tp-doctor cannot evaluate, decides whether it runs" },
    { at: other.publish.location, label: `"${other.publish.match.label}" also publishes in job "${job.id}", and may run without this upgrade` },
  ];
}

/** The project's facts, which give a job's trusted publishes. */
interface SitesOf {
  trustedSites(job: Job): readonly GithubSite[];
}

/** Per project's facts and workflow, the first publish of its first two publishing jobs: read once (no quadratic walk over thousands of jobs). */
const firstPublishes = new WeakMap<SitesOf, WeakMap<Workflow, GithubSite[]>>();

function jobChoiceAway(job: Job, facts: SitesOf): RelatedTarget[] | undefined {
  const condition = undecidedJobIf(job);
  if (!condition) return undefined;
  let known = firstPublishes.get(facts);
  if (!known) firstPublishes.set(facts, (known = new WeakMap()));
  let firsts = known.get(job.workflow);
  if (!firsts) {
    firsts = [];
    for (const j of job.workflow.jobs) {
      const first = facts.trustedSites(j)[0];
      if (first && firsts.push(first) === 2) break;
    }
    known.set(job.workflow, firsts);
  }
  const other = firsts.find((s) => s.job !== job);
  if (!other) return undefined;
  return [
    { at: condition, label: "the job's `if:`, which tp-doctor cannot evaluate, decides whether it runs" },
    { at: other.publish.location, label: `job "${other.job.id}" also publishes, without this upgrade` },
  ];
}

/**
 * The GitLab sibling (audit1207 g02, A.64): an upgrade in a job whose `rules:` hang on a variable no
 * file sets (`undecidedRulesIf`), beside another publishing job of the pipeline, which runs without
 * it: the rules' `if:` and that job as related locations; else undefined.
 */
export function rulesUpgradeAway(job: GitlabJob, publishing: readonly GitlabJob[]): RelatedTarget[] | undefined {
  const condition = undecidedRulesIf(job);
  const other = condition ? publishing.find((o) => o !== job) : undefined;
  if (!condition || !other) return undefined;
  return [
    { at: condition, label: "the job's `rules: if:`, which reads a variable no file sets (project settings are not in the repository), decides whether it runs" },
    { at: other.node, label: `job "${other.name}" also publishes, without this upgrade` },
  ];
}
