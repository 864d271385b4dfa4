/**
 * The `inputs.*` of a workflow that runs as the top-level workflow, one reading per kind of run
 * that may reach a job (docs/domain.md A.43): what a Node (`node-version: ${{ inputs.node }}`) or a
 * pnpm version reads when the callers' readings (`callerReadings`, ./call-inputs.ts) do not apply,
 * because the workflow is started by its own triggers or called from another repository.
 *
 * - A `workflow_dispatch` run: each input is what the person (or API call) starting the run gives;
 *   left as offered, its literal `default:` (an optional input without one is the empty string).
 *   The default is the value of every such run not started with another one, so it is read, and
 *   the reading says so (`assumed`: findings on it are warnings at most). A `required: true` input
 *   without a default, or a default that is an expression, stays unknown.
 *   `${{ github.event.inputs.x }}` is the same value there (GitHub docs, "Events that trigger workflows").
 * - A `workflow_call` run from another repository (no caller in this one, or the workflow is also an
 *   entry): the caller's `with:` value, else the input's literal `default:` (else `false`, `0` or
 *   `""` by type), read as ./call-inputs.ts reads it; a caller may pass another, so `assumed` too.
 *   `github.event.inputs` is then the caller's event's: unknown.
 * - A run of any other trigger (`push`, `release`, `schedule`, ...): the `inputs` context is empty and
 *   no default applies (GitHub docs, "Contexts": `inputs` is only for reusable and dispatched
 *   workflows; community discussions 26322, 29242), so `inputs.x` and `github.event.inputs.x` are
 *   null (the empty string in a value).
 *
 * A kind of run is read only when an event of it can reach the job and its steps (`reachingEvents`,
 * ./entry-events.ts, evaluates their `if:` against `github.event_name`).
 */
import type { YNode } from '../../yaml/parse.js';
import { chainReadings, declaredInput, inputLiteral, MAX_CALLER_READINGS, unsetValue, type CallInputReading, type CallInputReadings, type InputType } from './call-inputs.js';
import type { CallGraph } from './call-graph.js';
import { reachingEvents, runnableEntryChains } from './entry-events.js';
import type { Job, Step, Workflow } from './types.js';

/** One kind of run's `inputs.*` and `github.event.inputs.*` (undefined for a name whose value is unknown). */
export interface EntryInputReading {
  inputs: CallInputReadings;
  eventInputs: CallInputReadings;
  /** Set on the reading of runs of other triggers, whose inputs are all empty: the first such trigger (`push`). */
  emptyOn?: string;
}

const DISPATCH = 'workflow_dispatch';
const CALL = 'workflow_call';

/**
 * The readings of the kinds of run of `job`'s workflow as a top-level workflow that may reach
 * `steps` (see the file comment), in the order dispatch, call, other; empty when it has no trigger.
 * `external`: the workflow's `workflow_call` runs are called from other repositories (no workflow
 * of this one calls it); else its callers' readings (./call-inputs.ts) stand for them.
 */
export function entryInputReadings(job: Job, steps: readonly Step[], external: boolean): EntryInputReading[] {
  const workflow = job.workflow;
  const reaching = new Set(reachingEvents({ entry: workflow, callers: [] }, job, steps));
  const out: EntryInputReading[] = [];
  if (reaching.has(DISPATCH)) {
    const inputs = memo((name) => dispatchReading(workflow, name));
    out.push({ inputs, eventInputs: inputs });
  }
  // A call from another repository: its event is not known, so `if:` conditions on it are not read.
  if (external && workflow.triggers.some((t) => t.event === CALL)) out.push({ inputs: memo((name) => calledReading(workflow, name)), eventInputs: () => undefined });
  const other = workflow.triggers.find((t) => t.event !== DISPATCH && t.event !== CALL && reaching.has(t.event));
  if (other) {
    const empty = (name: string): CallInputReading => ({ value: null, at: other.node, label: `\`inputs.${name}\`, empty on a \`${other.event}\` run`, path: `on.${other.event}` });
    out.push({ inputs: empty, eventInputs: empty, emptyOn: other.event });
  }
  return out;
}

function memo(read: (name: string) => CallInputReading | undefined): CallInputReadings {
  const seen = new Map<string, CallInputReading | undefined>();
  return (name) => {
    const key = name.toLowerCase();
    if (!seen.has(key)) seen.set(key, read(key));
    return seen.get(key);
  };
}

/** Dispatch input types whose value is a string (`choice`, `environment`) or as `call-inputs.ts` reads them. */
function dispatchType(declared: YNode): InputType | undefined {
  const type = declared.get('type')?.text ?? 'string';
  if (type === 'choice' || type === 'environment') return 'string';
  return type === 'boolean' || type === 'number' || type === 'string' ? type : undefined;
}

/** `inputs.<name>` of a dispatched run left as offered: the literal `default:` (see the file comment). */
function dispatchReading(workflow: Workflow, name: string): CallInputReading | undefined {
  const declared = declaredInput(workflow, name, DISPATCH);
  const type = declared ? dispatchType(declared) : undefined;
  if (!declared || type === undefined) return undefined;
  const key = declared.key ?? name;
  const options = declared.get('type')?.text === 'choice' ? declared.get('options')?.items().flatMap((o) => (o.text === undefined ? [] : [o.text])) : undefined;
  const other = options && options.length > 1 ? `another of its options (${options.map((o) => `"${o}"`).join(', ')})` : 'another value';
  const fallback = declared.get('default');
  if (fallback === undefined || fallback.isNull) {
    if (declared.get('required')?.value === true) return undefined;
    const assumed = `\`inputs.${key}\` is empty in a \`workflow_dispatch\` run given no value; a run started by hand may give ${other}`;
    return { value: '', at: declared, label: `input \`${key}\` of ${workflow.fileName}, which has no \`default:\``, path: `on.${DISPATCH}.inputs.${key}`, assumed };
  }
  // GitHub passes a dispatch's inputs as strings; a boolean or number default reads as its text here.
  const value = inputLiteral(fallback, type === 'string' ? 'string' : type);
  if (value === undefined || value === null) return undefined;
  const assumed = `\`inputs.${key}\` is taken at its \`default:\` "${String(value)}" of the \`workflow_dispatch\` input; a run started by hand may give ${other}`;
  return { value, at: fallback, label: `the \`default:\` of the \`workflow_dispatch\` input \`${key}\` of ${workflow.fileName}, which a run started by hand may replace`, path: `on.${DISPATCH}.inputs.${key}.default`, assumed };
}

/** `inputs.<name>` of a run called from another repository that passes no value (see the file comment). */
function calledReading(workflow: Workflow, name: string): CallInputReading | undefined {
  const declared = declaredInput(workflow, name, CALL);
  const type = declared?.get('type')?.text;
  if (!declared || (type !== 'boolean' && type !== 'number' && type !== 'string')) return undefined;
  const key = declared.key ?? name;
  const fallback = declared.get('default');
  const reading = fallback ? literalDefault(workflow, key, fallback, type) : unsetValue(declared, type, key, workflow);
  if (!reading) return undefined;
  const assumed = `\`inputs.${key}\` is taken at ${fallback ? `its \`default:\` "${String(reading.value)}"` : 'its value when not passed'}: ${workflow.fileName} is called from outside this repository's workflows, and a caller may pass another value`;
  return { ...reading, label: `${reading.label}, which a caller in another repository may replace`, assumed };
}

function literalDefault(workflow: Workflow, key: string, fallback: YNode, type: InputType): CallInputReading | undefined {
  const value = inputLiteral(fallback, type);
  if (value === undefined) return undefined;
  return { value, at: fallback, label: `the \`default:\` of input \`${key}\` of ${workflow.fileName}`, path: `on.${CALL}.inputs.${key}.default` };
}

/**
 * The readings of the workflow's `inputs.*` a step is read with (a Node's `node-version: ${{
 * inputs.node }}`, ./setup-node.ts; a pnpm's `version: ${{ inputs.pnpm }}`, ./package-manager.ts):
 * one per caller in a workflow only called from this repository's workflows (`chainReadings`,
 * ./call-inputs.ts), else one per kind of run that starts it (`entryInputReadings`: a dispatch's
 * defaults, another repository's call, a push's empty inputs). Undefined past `MAX_CALLER_READINGS` callers.
 */
export function stepInputReadings(graph: CallGraph | undefined, job: Job, step: Step): EntryInputReading[] | undefined {
  const called = job.workflow.triggers.some((t) => t.event === CALL);
  // Only a called workflow reads the call graph (a streamed workflow is never called: ../workflow-files.ts).
  const chains = graph && called ? runnableEntryChains(graph, job, [step]).filter((c) => c.callers.length > 0) : [];
  if (chains.length > MAX_CALLER_READINGS) return undefined;
  const callers = chainReadings(chains, job).map((inputs): EntryInputReading => ({ inputs, eventInputs: () => undefined }));
  // A workflow no workflow of this repository calls is called from others, with their values.
  const external = called && (graph === undefined || graph.callersOf(job.workflow).length === 0);
  return [...callers, ...entryInputReadings(job, [step], external)];
}
