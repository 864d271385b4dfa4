/**
 * Which top-level workflows can actually run a job, given the `if:` conditions on the way that test
 * `github.event_name` or a called workflow's `inputs.*` its caller passes as literals.
 *
 * In a reusable-workflow run the `github` context is the caller's, down the whole chain: a called
 * workflow's `github.event_name` is the event that started the top-level workflow, never
 * `workflow_call` (GitHub docs, "Reuse workflows": "the github context is always associated with
 * the caller workflow"). So a job guarded by `if: github.event_name == 'push'` in a workflow that
 * `on: schedule` and `on: push` workflows both call runs only in the runs of the second.
 */
import type { CallGraph, EntryChain } from './call-graph.js';
import { chainInputs } from './call-inputs.js';
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
 * (the job's publish steps; none given: only the job conditions count). Put in: `github.event_name`,
 * and in each called workflow of the chain the `inputs.*` its caller job passes as literals, or
 * their literal defaults (`chainInputs`, ./call-inputs.ts: `with: dry_run: true` stops a job under
 * `if: ${{ !inputs.dry_run }}`). Anything tp-doctor cannot evaluate (`github.ref`, `contains(...)`,
 * an input passed as an expression) leaves the condition unknown, and an unknown condition keeps
 * the entry.
 */
export function chainMayRun(chain: EntryChain, job: Job, steps: readonly Step[] = []): boolean {
  return entryEvents(chain.entry).length === 0 || reachingEvents(chain, job, steps).length > 0;
}

/**
 * The events that can start the chain's entry (`entryEvents`) for which no `if:` on the way
 * certainly stops the job or every step in `steps`, read as `chainMayRun` reads them.
 */
export function reachingEvents(chain: EntryChain, job: Job, steps: readonly Step[] = []): string[] {
  const events = entryEvents(chain.entry);
  const inputs = chainInputs(chain, job);
  const jobConditions = [...chain.callers, job].flatMap((j, hop) => (j.if === undefined ? [] : [{ text: j.if, callInputs: inputs[hop] }]));
  const stepConditions = [...new Set(steps.map((s) => s.node.get('if')?.text))];
  if (jobConditions.length === 0 && stepConditions.every((c) => c === undefined)) return events;
  const stepInputs = inputs.at(-1);
  return events.filter((eventName) => {
    if (jobConditions.some((c) => evaluateCondition(c.text, undefined, undefined, { eventName, callInputs: c.callInputs }) === false)) return false;
    const context = { eventName, callInputs: stepInputs };
    return stepConditions.length === 0 || stepConditions.some((c) => evaluateCondition(c, undefined, undefined, context) !== false);
  });
}

/**
 * The entry chains of a job (`CallGraph.entryChains`) whose `if:` conditions may let it run
 * (`chainMayRun`): the top-level workflows whose runs can reach its publish steps `steps`.
 */
export function runnableEntryChains(graph: CallGraph, job: Job, steps: readonly Step[] = []): EntryChain[] {
  return graph.entryChains(job.workflow).filter((c) => chainMayRun(c, job, steps));
}

/**
 * The job's own `if:` when tp-doctor cannot tell whether it lets the job run on any event that
 * starts its workflow: never certainly true and not false for every one (`vars.*`, `secrets.*`,
 * `github.ref`, `needs.*` outputs, as `github.event_name` is put in). Such a job may never run; beside
 * another publishing job of the workflow, the `if:` is what chooses which of them publishes
 * (audit1207 h1b, docs/domain.md A.61). Undefined when the job has no `if:`, or one that certainly
 * holds on some trigger (`github.event_name == 'workflow_dispatch'`: the job runs then).
 */
export function undecidedJobIf(job: Job): Job['node'] | undefined {
  const condition = job.node.get('if');
  if (job.if === undefined || !condition) return undefined;
  const events = entryEvents(job.workflow);
  const runs = (events.length === 0 ? [undefined] : events).map((eventName) => evaluateCondition(job.if, undefined, undefined, eventName === undefined ? undefined : { eventName }));
  return runs.some((r) => r === true) || runs.every((r) => r === false) ? undefined : condition;
}
