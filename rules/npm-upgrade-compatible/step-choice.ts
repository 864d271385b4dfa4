/**
 * An npm upgrade in a step whose own `if:` tp-doctor cannot evaluate, in a job with a publish that
 * may run without it (docs/domain.md A.64, audit1207 p03): the `if:` may be what keeps this
 * (legacy) path from ever running, so its failure on the job's Node is a guess.
 */
import type { RelatedTarget } from '../../src/engine/report-once.js';
import { undecidedStepChoice } from '../../src/model/github/entry-events.js';
import type { Job, Step } from '../../src/model/github/types.js';
import { runsWithPublish } from '../../src/model/github/upgrade-conditions.js';
import type { GithubSite } from '../../src/model/publish.js';
import { undecidedRulesIf } from '../../src/model/gitlab/rules-if.js';
import type { GitlabJob } from '../../src/model/gitlab/types.js';

/** The step's `if:` and a publish of another step the upgrade may not run before, as related locations; undefined when there is none. */
export function upgradeChoiceAway(job: Job, step: Step, sites: readonly GithubSite[]): RelatedTarget[] | undefined {
  const choice = undecidedStepChoice(job, step, sites);
  const other = choice?.others.find((s) => runsWithPublish(step.node.get('if')?.text, s.step) !== true);
  if (!choice || !other) return undefined;
  return [
    { at: choice.condition, label: "the step's `if:`, which tp-doctor cannot evaluate, decides whether it runs" },
    { at: other.publish.location, label: `"${other.publish.match.label}" also publishes in job "${job.id}", and may run without this upgrade` },
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
