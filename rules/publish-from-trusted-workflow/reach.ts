import type { CallGraph } from '../../src/model/github/call-graph.js';
import type { Step, Workflow } from '../../src/model/github/types.js';

/** GitHub allows ten levels of reusable-workflow nesting. */
const MAX_DEPTH = 10;
/** Words in a step's name or command that suggest a publish tp-doctor cannot see into, strongest first. */
const PUBLISH_WORDS = [/publish/i, /release|deploy/i];

/** The workflow and the local reusable workflows it calls, each once. */
function reachable(workflow: Workflow, graph: CallGraph, depth = 0, seen = new Set<Workflow>()): Set<Workflow> {
  if (depth > MAX_DEPTH || seen.has(workflow)) return seen;
  seen.add(workflow);
  for (const job of workflow.jobs) {
    const callee = graph.callee(job);
    if (callee) reachable(callee, graph, depth + 1, seen);
  }
  return seen;
}

/**
 * True when a run of `workflow` can reach a publishing job: one of its jobs publishes, or calls a
 * local reusable workflow that does. A call tp-doctor cannot follow (another repository, a missing
 * file) counts as "may publish", so the rule never claims a workflow does not publish on a guess.
 */
export function reachesPublish(workflow: Workflow, graph: CallGraph): boolean {
  return [...reachable(workflow, graph)].some((wf) =>
    // Any publish counts here, to any registry: one aimed at the wrong registry is
    // registry-is-npmjs's finding, not a workflow that "does not publish".
    wf.jobs.some((job) => job.steps.some((s) => s.publishes.length > 0) || (job.uses !== undefined && !graph.callee(job))),
  );
}

/** The step of a run of `workflow` whose name or command most suggests a publish, as a label. */
export function publishLikeStep(workflow: Workflow, graph: CallGraph): string | undefined {
  const steps = [...reachable(workflow, graph)].flatMap((wf) => wf.jobs.flatMap((j) => j.steps));
  // Step names first (they say what the step is for), then commands and actions.
  for (const field of [(s: Step) => [s.name], (s: Step) => [s.run?.text, s.uses?.name]]) {
    for (const words of PUBLISH_WORDS) {
      const step = steps.find((s) => field(s).some((t) => t !== undefined && words.test(t)));
      if (step) return step.name ?? `${step.job.id} step ${step.index + 1}`;
    }
  }
  return undefined;
}
