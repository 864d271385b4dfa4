/**
 * The `uses:` steps of a job, the way a rule about actions reads them (no-cache-in-publish-job):
 * the job's own steps and the inner steps of the local composite actions it uses (and of the local
 * actions those use, three levels at most, `MAX_ACTION_STEPS` in all), each with its action
 * reference and its `with:` inputs, `${{ inputs.x }}` replaced by what the caller passes and steps
 * whose `if:` is false for those inputs left out.
 */
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import { MAX_ACTION_STEPS } from '../core/limits.js';
import { evaluateCondition, withInputValues } from './expressions.js';
import { compositeAction } from './composite-action.js';
import type { Job, Step } from './types.js';
import { isLocalAction } from './workflow.js';

/** Reads a local composite action's document at a repository directory (`ProjectFacts.action`). */
export type ReadAction = (dir: string) => YamlDocument | undefined;

export interface UsesStepView {
  /** The workflow step (for an action's inner step: the step that uses the action). */
  step: Step;
  /** The action without `@ref`, lower case: `actions/setup-node`. */
  name: string;
  /** The ref after `@`, as written. */
  ref: string | undefined;
  /** The `uses:` value. */
  usesNode: YNode;
  input(name: string): YNode | undefined;
  /** An input's text, with `${{ inputs.x }}` replaced by what the caller passes inside an action (undefined when absent). */
  inputText(name: string): string | undefined;
  /** Where the step is, for messages: `jobs.release.steps[2]` or `./.github/actions/setup (step 3)`. */
  path: string;
}

function split(text: string): { name: string; ref: string | undefined } {
  const at = text.lastIndexOf('@');
  return at > 0 ? { name: text.slice(0, at).toLowerCase(), ref: text.slice(at + 1) } : { name: text.toLowerCase(), ref: undefined };
}

/** The steps of `job` up to and including `lastIndex`, with the inner steps of local composite actions (nested ones too). */
export function usesSteps(job: Job, lastIndex: number, readAction: ReadAction): UsesStepView[] {
  const out: UsesStepView[] = [];
  // Action steps read for the job, nested uses included (an action using itself fans out).
  const budget = { left: MAX_ACTION_STEPS };
  for (const step of job.steps) {
    if (step.index > lastIndex) break;
    const uses = step.uses;
    if (!uses) continue;
    if (!isLocalAction(uses.name)) {
      out.push({
        step,
        name: uses.name.toLowerCase(),
        ref: uses.ref,
        usesNode: uses.node,
        input: (name) => step.with.get(name),
        inputText: (name) => step.with.get(name)?.text,
        path: `jobs.${job.id}.steps[${step.index}]`,
      });
      continue;
    }
    out.push(...actionSteps(readAction, step, uses.name, (name) => step.with.get(name)?.text, 1, budget));
  }
  return out;
}

/**
 * The steps of the local composite action `uses` that a workflow step runs (directly or through
 * other local actions), `given` being what its caller passes for each input (with the caller's
 * own inputs already in place). An input the caller does not give is its default, else ''.
 */
function actionSteps(readAction: ReadAction, step: Step, uses: string, given: (name: string) => string | undefined, depth: number, budget: { left: number }): UsesStepView[] {
  const action = compositeAction(readAction, step.job, uses, given, depth);
  if (action === undefined) return [];
  const callerInput = (name: string): string => action.input(name) ?? '';
  // `if: ${{ inputs.use-cache == 'true' }}` with the caller's `use-cache: false` (or none: an
  // input not given is ''): never runs here. A value the caller computes is not compared.
  const literal = (name: string): string | undefined => {
    const value = callerInput(name);
    return value.includes('${{') ? undefined : value;
  };
  const out: UsesStepView[] = [];
  action.steps.forEach((node, i) => {
    if (budget.left-- <= 0) return;
    const usesNode = node.get('uses');
    const text = usesNode?.text;
    if (!usesNode || text === undefined) return;
    if (evaluateCondition(node.get('if')?.text, undefined, literal) === false) return;
    const withNode = node.get('with');
    const inputText = (name: string): string | undefined => {
      const value = withNode?.get(name)?.text;
      return value === undefined ? undefined : withInputValues(value, callerInput);
    };
    if (isLocalAction(text)) {
      out.push(...actionSteps(readAction, step, text, inputText, depth + 1, budget));
      return;
    }
    out.push({ step, ...split(text), usesNode, input: (name) => withNode?.get(name), inputText, path: `${uses} (step ${i + 1})` });
  });
  return out;
}
