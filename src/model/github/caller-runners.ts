/**
 * The runners of a job of a called workflow whose `runs-on` reads the workflow's `inputs.*`
 * (`runs-on: ${{ inputs.runner }}`, in a list or under `group:`/`labels:` too): one runner choice
 * per run, each caller's `with:` value (one passed through from further out, else the input's
 * literal `default:`) put in, as `callerReadings` (./call-inputs.ts) gives them to the Node, the
 * registry and the environment. Every such run happens, so each caller's runner is judged as a
 * matrix leg is: tehw0lf/workflows `publish-npm-libraries.yml` (`runs-on: ${{ inputs.runner }}`,
 * default `ubuntu-latest`).
 */
import type { YNode } from '../../yaml/parse.js';
import type { CallGraph } from './call-graph.js';
import { callerReadings, type CallInputReading, type CallInputReadings } from './call-inputs.js';
import { runnableEntryChains } from './entry-events.js';
import { evaluateValue } from './expressions.js';
import { readRunsOn, type RunnerExpression } from './matrix.js';
import type { Job, RunnerChoice, RunsOn, Step } from './types.js';

/** A reference to `inputs.*` in an expression (`inputs.runner`, `inputs['runner']`). */
const INPUTS_REF = /\binputs\s*(?:\.|\[)/i;

/** True when a runner choice holds an expression that reads `inputs.*` (what the callers' values may resolve). */
function readsInputs(choice: RunnerChoice): boolean {
  return [choice.unresolved?.value, choice.group?.value].some((t) => t !== undefined && t.includes('${{') && INPUTS_REF.test(t));
}

/**
 * `job.runsOn` with each caller's inputs put in: the choices of every run, merged (a value several
 * callers give is one choice, shown at the first caller's place). Undefined when nothing changes:
 * `runs-on` reads no `inputs.*`, or the workflow is not only called from this repository's
 * workflows (`callerReadings`: one that also runs on its own trigger, or is called from another
 * repository, may get any value). A run whose value stays unknown keeps the expression.
 */
export function callerRunsOn(graph: () => CallGraph, job: Job, steps: () => readonly Step[]): RunsOn | undefined {
  const runsOn = job.runsOn;
  // A workflow that is never called reads no call graph (a streamed workflow: ../workflow-files.ts).
  if (!runsOn || !runsOn.choices.some(readsInputs) || !job.workflow.triggers.some((t) => t.event === 'workflow_call')) return undefined;
  const readings = callerReadings(() => runnableEntryChains(graph(), job, steps()), job);
  if (!readings) return undefined;
  const choices: RunnerChoice[] = [];
  const seen = new Set<string>();
  for (const inputs of readings) {
    for (const choice of readRunsOn(runsOn.node, job.matrix, callerExpression(job, inputs))?.choices ?? []) {
      const key = JSON.stringify([choice.group?.value, choice.labels.map((l) => l.value), choice.unresolved?.value, choice.combos?.length]);
      if (seen.has(key)) continue;
      seen.add(key);
      choices.push(choice);
    }
  }
  return { node: runsOn.node, choices };
}

/** Resolves a `runs-on` expression with one caller's inputs: one label, with the place its value was read. */
function callerExpression(job: Job, inputs: CallInputReadings): RunnerExpression {
  return (text: string, node: YNode, combo) => {
    if (!INPUTS_REF.test(text)) return undefined;
    const used: CallInputReading[] = [];
    const callInputs = (name: string): CallInputReading | undefined => {
      const found = inputs(name);
      if (found) used.push(found);
      return found;
    };
    const scope = { combo, matrixUnresolved: job.matrixUnresolved, env: [], steps: [], versionFile: () => ({ unknown: '' }), callInputs };
    const value = evaluateValue(text, node, scope);
    if (!('text' in value)) return undefined;
    const read = used.find((r) => value.origins.some((o) => o.at === r.at));
    const fromInput = { expression: text.trim(), ...(read ? { read: { at: read.at, label: read.label, path: read.path } } : {}) };
    return [{ value: value.text, node, fromInput }];
  };
}
