/**
 * Which top-level workflows can actually run a job, given the `if:` conditions on the way that test
 * `github.event_name`.
 *
 * In a reusable-workflow run the `github` context is the caller's, down the whole chain: a called
 * workflow's `github.event_name` is the event that started the top-level workflow, never
 * `workflow_call` (GitHub docs, "Reuse workflows": "the github context is always associated with
 * the caller workflow"). So a job guarded by `if: github.event_name == 'push'` in a workflow that
 * `on: schedule` and `on: push` workflows both call runs only in the runs of the second.
 */
import type { CallGraph, EntryChain } from './call-graph.js';
import { evaluateCondition } from './expressions.js';
import type { Job, Step, Workflow } from './types.js';

/**
 * The events that can start a run of `entry` as the top-level workflow: its triggers but
 * `workflow_call` (when it is called, the run's top-level workflow is its caller's: another chain).
 */
export function entryEvents(entry: Workflow): string[] {
  return [...new Set(entry.triggers.map((t) => t.event).filter((e) => e !== 'workflow_call'))];
}

/**
 * False only when, for every event that can start the chain's entry, an `if:` certainly stops the
 * job (the job's own, or a caller job's on the way from the entry) or stops every step in `steps`
 * (the job's publish steps; none given: only the job conditions count). Only `github.event_name`
 * is put in; anything tp-doctor cannot evaluate (`github.ref`, `contains(...)`, `inputs.*`) leaves
 * the condition unknown, and an unknown condition keeps the entry.
 */
export function chainMayRun(chain: EntryChain, job: Job, steps: readonly Step[] = []): boolean {
  const events = entryEvents(chain.entry);
  if (events.length === 0) return true;
  const jobConditions = [...chain.callers, job].map((j) => j.if).filter((c): c is string => c !== undefined);
  const stepConditions = [...new Set(steps.map((s) => s.node.get('if')?.text))];
  if (jobConditions.length === 0 && stepConditions.every((c) => c === undefined)) return true;
  return events.some((eventName) => {
    const github = { eventName };
    if (jobConditions.some((c) => evaluateCondition(c, undefined, undefined, github) === false)) return false;
    return stepConditions.length === 0 || stepConditions.some((c) => evaluateCondition(c, undefined, undefined, github) !== false);
  });
}

/**
 * The entry chains of a job (`CallGraph.entryChains`) whose `if:` conditions may let it run
 * (`chainMayRun`): the top-level workflows whose runs can reach its publish steps `steps`.
 */
export function runnableEntryChains(graph: CallGraph, job: Job, steps: readonly Step[] = []): EntryChain[] {
  return graph.entryChains(job.workflow).filter((c) => chainMayRun(c, job, steps));
}
