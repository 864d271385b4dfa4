import type { ProjectFacts } from '../../src/model/facts.js';
import type { CallGraph, EntryChain } from '../../src/model/github/call-graph.js';
import { runnableEntryChains } from '../../src/model/github/entry-events.js';
import type { Job, Workflow } from '../../src/model/github/types.js';
import type { GithubSite } from '../../src/model/publish.js';

/**
 * True when a run of `workflow` can reach a recognised publish (certain or likely): one of its jobs
 * publishes, or calls a local reusable workflow that does. A call tp-doctor cannot follow (another
 * repository, a missing file) counts as "may publish", so the rule never claims a workflow does not
 * publish on a guess; a call to a workflow the loader streamed leads to no publish (`callsStreamed`).
 */
export function reachesPublish(workflow: Workflow, graph: CallGraph, facts: ProjectFacts): boolean {
  return [...graph.reachable(workflow)].some((wf) =>
    // Any publish counts here, to any registry: one aimed at the wrong registry is
    // registry-is-npmjs's finding, not a workflow that "does not publish".
    wf.jobs.some(
      (job) => facts.jobSites(job).some((s) => s.certainty !== 'possible') || (job.uses !== undefined && !graph.callee(job) && !graph.callsStreamed(job)),
    ),
  );
}

/** The possible publishes (commands tp-doctor cannot read) a run of `workflow` reaches. */
export function possibleSites(workflow: Workflow, graph: CallGraph, facts: ProjectFacts): GithubSite[] {
  return [...graph.reachable(workflow)].flatMap((wf) => wf.jobs.flatMap((job) => facts.jobSites(job).filter((s) => s.certainty === 'possible')));
}

/** `step "Publish" (`./scripts/release.sh`)`: a possible publish, for messages. */
export function describeSite(site: GithubSite): string {
  const step = site.step.name ? `step "${site.step.name}"` : `job "${site.job.id}" step ${site.step.index + 1}`;
  return `${step} (${site.publish.match.label})`;
}

/**
 * The ways a run reaches a publishing job: its entry chains, without those whose `if:` conditions
 * (the job's, its callers', its publish steps') certainly stop it for every event that can start
 * the entry (`runnableEntryChains`: a called workflow's `github.event_name` is its caller's).
 */
export function publishChains(job: Job, graph: CallGraph, facts: ProjectFacts): EntryChain[] {
  return runnableEntryChains(graph, job, facts.jobSites(job).map((s) => s.step));
}

/** The file names of the top-level workflows whose runs can reach a publishing job (`publishChains`), sorted. */
export function publishEntries(job: Job, graph: CallGraph, facts: ProjectFacts): string[] {
  return [...new Set(publishChains(job, graph, facts).map((c) => c.entry.fileName))].sort();
}
