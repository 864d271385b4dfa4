/**
 * Which publish path runs, when an `if:` tp-doctor cannot evaluate chooses it (docs/domain.md A.61,
 * A.66): a finding that only a publish under such an `if:` gives, while another publish of the same
 * workflow that may run without it gives none, rests on what tp-doctor cannot see (`vars.*`,
 * `secrets.*`, `github.ref`, a step's outputs): the `if:` usually keeps a legacy path from running.
 * Such a finding is a warning at most. A publish whose `if:` certainly holds on a trigger, or that
 * has none, runs: its finding stays. The question is the same for every rule; what counts as a
 * publish the rule "finds nothing wrong with" is the rule's (`fine`).
 */
import { undecidedStepOrJobIf } from './github/entry-events.js';
import type { GithubSite, Job, Workflow } from './github/types.js';
import type { CircleciSite } from './circleci/types.js';
import type { YNode } from '../yaml/parse.js';
import type { Location } from '../yaml/span.js';

/** The related locations that say why a finding of `site` is no certain failure. */
export interface UndecidedBeside {
  related: { at: YNode | Location; label: string }[];
}

/** The first publish a rule finds nothing wrong with, and the first of another step and of another job. */
interface FineSites {
  first?: GithubSite;
  otherStep?: GithubSite;
  otherJob?: GithubSite;
}

/**
 * Answers `undecidedBeside` for one rule's notion of a fine publish, reading each workflow's
 * publishes once (a rule asks for every finding; thousands of publishes in a workflow must not make
 * that quadratic). `sitesOf` gives a job's trusted publishes (`ProjectFacts.trustedSites`).
 */
export function undecidedBesideFine(sitesOf: (job: Job) => readonly GithubSite[], fine: (site: GithubSite) => boolean): (site: GithubSite) => UndecidedBeside | undefined {
  const byWorkflow = new WeakMap<Workflow, FineSites>();
  const fineSites = (workflow: Workflow): FineSites => {
    const known = byWorkflow.get(workflow);
    if (known) return known;
    const found = firstFine(workflow, sitesOf, fine);
    byWorkflow.set(workflow, found);
    return found;
  };
  return (site) => {
    const decided = undecidedStepOrJobIf(site.job, site.step);
    if (!decided) return undefined;
    const { first, otherStep, otherJob } = fineSites(site.job.workflow);
    // The other publish must be able to run without this one: another step for a step's `if:`, another job for a job's.
    const other =
      decided.of === 'step'
        ? [first, otherStep, otherJob].find((s) => s !== undefined && s.step !== site.step)
        : [first, otherJob].find((s) => s !== undefined && s.job !== site.job);
    if (!other) return undefined;
    const where = other.job === site.job ? `step ${other.step.index + 1} of job "${other.job.id}"` : `job "${other.job.id}"`;
    return {
      related: [
        { at: decided.at, label: `the ${decided.of}'s \`if:\`, which tp-doctor cannot evaluate, decides whether this publish runs` },
        { at: other.publish.location, label: `${where} also publishes, without this problem` },
      ],
    };
  };
}

/** The first fine publish of the workflow, and the first fine one of another step and of another job (stops there). */
function firstFine(workflow: Workflow, sitesOf: (job: Job) => readonly GithubSite[], fine: (site: GithubSite) => boolean): FineSites {
  const found: FineSites = {};
  for (const job of workflow.jobs) {
    for (const site of sitesOf(job)) {
      if (!fine(site)) continue;
      if (!found.first) found.first = site;
      else if (!found.otherStep && site.step !== found.first.step) found.otherStep = site;
      if (site.job !== found.first.job) {
        found.otherJob = site;
        return found;
      }
    }
  }
  return found;
}

/**
 * CircleCI: a publish in a step under a `when:`/`unless:` tp-doctor cannot decide
 * (`CircleStep.conditional`: a pipeline parameter, whose default a trigger may replace, or a logic
 * statement), beside a publish of another step of the same job that the rule finds nothing wrong
 * with (`fine`, asked at most once per site of `sites`, the job's trusted publishes): the related
 * locations that say why a finding of `site` is no certain failure (A.61, A.66). `says` names what the
 * other publish does right.
 */
export function circleUndecidedBeside(sites: readonly CircleciSite[], site: CircleciSite, fine: (other: CircleciSite) => boolean, says: string): UndecidedBeside | undefined {
  if (!site.step.conditional) return undefined;
  const other = sites.find((s) => s.step !== site.step && fine(s));
  if (!other) return undefined;
  return {
    related: [
      { at: site.step.node, label: 'a `when:`/`unless:` condition tp-doctor cannot decide (a pipeline parameter, a logic statement) decides whether this step runs' },
      { at: other.publish.location, label: `\`${other.publish.match.label}\` here ${says}` },
    ],
  };
}
