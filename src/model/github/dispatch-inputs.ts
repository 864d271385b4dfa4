/**
 * The values a `workflow_dispatch` input of `type: choice` can take, so that a publish whose
 * package is such an input (`yarn workspace ${{ inputs.package }} exec npm publish`,
 * reduxjs/redux-toolkit) publishes the packages of its options, not every workspace package.
 *
 * Read conservatively (docs/domain.md §3, "Dispatch inputs"): a choice input counts only when its
 * value is certainly one of a known list.
 * - `workflow_dispatch` is the workflow's only trigger. On any other event the `inputs` context is
 *   empty (the dispatch defaults do not apply), so `${{ inputs.package }}` is the empty string and
 *   the command does something tp-doctor does not model (`yarn workspace  exec npm publish`); and
 *   a `workflow_call` input of the same name is a free-form string, number or boolean (there is no
 *   `choice` type for `workflow_call`). Such a workflow keeps the package unknown.
 * - The input has `type: choice` and `options:` a list of plain values: no expression, nothing the
 *   shell would split, quote or expand (GitHub pastes the value into the script as text). The form
 *   offers only these, and GitHub refuses a dispatch (REST API, `gh workflow run`) whose value for
 *   a choice input is not one of them.
 * - The input is `required: true` or has a plain `default:` (then a value too): a dispatch through
 *   the API may leave an optional input without a default out, and its value is then empty.
 *
 * `${{ inputs.x }}` and `${{ github.event.inputs.x }}` are the same value on `workflow_dispatch`
 * (a choice is a string either way), and expression property names are case-insensitive. Only a
 * whole reference is replaced: `${{ inputs.x || 'a' }}` or `${{ format(...) }}` stay as written, and
 * keep what they select unknown.
 */
import type { Workflow } from './types.js';

/** Lower-cased input name → the values a run can get. */
export type DispatchChoices = ReadonlyMap<string, readonly string[]>;

/** One run's values of the choice inputs a command names (lower-cased name → value). */
export type ChoiceAssignment = ReadonlyMap<string, string>;

/** A value that stays one plain shell word once pasted into a script. */
const PLAIN_VALUE = /^[\w@./:+{}^!-]+$/;

/** True when `value` stays one plain shell word once pasted into a script (`PLAIN_VALUE`). */
export function isPlainValue(value: string): boolean {
  return PLAIN_VALUE.test(value);
}

const INPUT_REF = /\$\{\{\s*(?:github\.event\.)?inputs(?:\.([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\])\s*\}\}/gi;

/** `INPUT_REF` as the whole of a value (`environment: ${{ inputs.env }}`). */
const WHOLE_INPUT_REF = new RegExp(`^${INPUT_REF.source}$`, 'i');

/**
 * The values a value that is nothing but one reference to a choice input can take, with the input's
 * name as written (`dispatchChoices`); undefined for any other value.
 */
export function wholeChoiceValues(value: string, choices: DispatchChoices): { input: string; values: readonly string[] } | undefined {
  const m = WHOLE_INPUT_REF.exec(value.trim());
  const input = m?.[1] ?? m?.[2];
  const values = input === undefined ? undefined : choices.get(input.toLowerCase());
  return input === undefined || values === undefined ? undefined : { input, values };
}

/** The choice inputs of a workflow that only `workflow_dispatch` starts (see the file comment); empty otherwise. */
export function dispatchChoices(workflow: Workflow): DispatchChoices {
  const out = new Map<string, readonly string[]>();
  const [trigger, ...others] = workflow.triggers;
  if (!trigger || trigger.event !== 'workflow_dispatch' || others.length > 0) return out;
  const inputs = trigger.node.isMap ? trigger.node.get('inputs') : undefined;
  for (const input of inputs?.isMap ? inputs.entries() : []) {
    if (input.key === undefined || !input.isMap || input.get('type')?.text !== 'choice') continue;
    const options = input.get('options');
    if (!options?.isSeq) continue;
    const values = options.items().map((o) => o.text);
    const fallback = input.get('default');
    if (fallback !== undefined && !fallback.isNull) values.push(fallback.text);
    else if (input.get('required')?.text !== 'true') continue;
    if (values.length === 0 || !values.every((v): v is string => v !== undefined && PLAIN_VALUE.test(v))) continue;
    out.set(input.key.toLowerCase(), [...new Set(values)]);
  }
  return out;
}

/** The choice inputs the texts name in whole references, lower-cased, each once. */
export function choiceInputsIn(texts: readonly (string | undefined)[], choices: DispatchChoices): string[] {
  if (choices.size === 0) return [];
  const names = new Set<string>();
  for (const text of texts) {
    if (text === undefined || !text.includes('${{')) continue;
    for (const m of text.matchAll(INPUT_REF)) {
      const name = (m[1] ?? m[2] ?? '').toLowerCase();
      if (choices.has(name)) names.add(name);
    }
  }
  return [...names];
}

/** Every combination of the named inputs' values; undefined when there are more than `max`. */
export function choiceAssignments(names: readonly string[], choices: DispatchChoices, max: number): ChoiceAssignment[] | undefined {
  let out: Map<string, string>[] = [new Map()];
  for (const name of names) {
    const values = choices.get(name) ?? [];
    if (out.length * values.length > max) return undefined;
    out = out.flatMap((a) => values.map((v) => new Map(a).set(name, v)));
  }
  return out;
}

/** `text` with each whole reference to an assigned input replaced by its value. */
export function substituteInputs(text: string, assignment: ChoiceAssignment): string {
  if (assignment.size === 0 || !text.includes('${{')) return text;
  return text.replace(INPUT_REF, (whole, dotted: string | undefined, quoted: string | undefined) => assignment.get((dotted ?? quoted ?? '').toLowerCase()) ?? whole);
}

/**
 * The texts `text` becomes in the runs dispatched with each combination of the choice inputs it
 * names in whole references (`release:${{ inputs.channel }}` → `release:latest`, `release:next`),
 * those `runs` lets run; undefined when it names none, holds another expression, or has more than
 * `max` combinations.
 */
export function choiceTexts(text: string, choices: DispatchChoices, max: number, runs: (assignment: ChoiceAssignment) => boolean): string[] | undefined {
  const names = choiceInputsIn([text], choices);
  const assignments = names.length === 0 ? undefined : choiceAssignments(names, choices, max);
  if (assignments === undefined) return undefined;
  const texts = [...new Set(assignments.filter(runs).map((a) => substituteInputs(text, a)))];
  return texts.some((t) => t.includes('${{')) ? undefined : texts;
}
