/**
 * The GitHub Actions expressions tp-doctor evaluates (the evaluator is ./expression-eval.ts): a
 * value written as a literal or with `${{ ... }}` (`node-version`, container images, action
 * inputs) over `matrix`, `env`, a composite action's `inputs` and `steps.<id>.outputs`; and `if:`
 * conditions over `matrix.*`, a composite action's or a dispatch's literal `inputs.*`, a called
 * workflow's typed `inputs.*` and `github.event_name` (three-valued).
 */
import { repoPathOrAsWritten } from '../../fs/paths.js';
import type { YNode } from '../../yaml/parse.js';
import type { VersionFileResult } from '../npm/node-version-file.js';
import type { NodeOrigin } from '../npm/node-version.js';
import type { CallInputReadings } from './call-inputs.js';
import { evaluateExpression, known, templateParts, truthy, unknown, type Operand, type Resolve, type Scalar } from './expression-eval.js';
import { resolveMatrixRef } from './matrix.js';
import type { MatrixCombination, Step } from './types.js';

const EXPRESSION = /\$\{\{/;

export interface ExpressionScope {
  combo: MatrixCombination | undefined;
  /** True when the job has a `strategy.matrix` that could not be expanded (so `matrix.x` is unknown, not null). */
  matrixUnresolved?: boolean;
  /** `env` entries visible to the expression, innermost first (step, job, workflow). */
  env: { name: string; value: string | undefined; node: YNode }[];
  /** `inputs.x` inside a composite action: the caller's `with:` value (and the scope to read it in) or the default. */
  inputs?: (name: string) => { node: YNode; scope: ExpressionScope } | undefined;
  /**
   * `inputs.x` outside a composite action, in a workflow only called from this repository's
   * workflows: the value one caller gives it (`callerReadings`, ./call-inputs.ts); undefined when unknown.
   */
  callInputs?: CallInputReadings;
  /** `github.event.inputs.x`: a dispatch's inputs, as one kind of run gives them (./entry-inputs.ts); undefined when unknown. */
  eventInputs?: CallInputReadings;
  /** Steps that ran earlier in the same job (for `steps.<id>.outputs.<name>`). */
  steps: readonly { id?: string; run?: { text: string } }[];
  /** Reads a `node-version-file` once per lint run (see `versionFileOf` in npm/node-version.ts). */
  versionFile: (file: string) => VersionFileResult;
  /** Evaluations left for the value being evaluated, its references included (`MAX_EVALUATIONS`). */
  budget?: { left: number };
  /**
   * `env.NAME` as an earlier step of the job writes it to `$GITHUB_ENV` (./env-context.ts
   * `envWrittenBefore`): undefined when no step does (the declared `env:` entries decide). Set for
   * the steps a Node version is read at (./setup-node.ts).
   */
  runtimeEnv?: (name: string) => RuntimeEnv | undefined;
}

/** How an earlier step sets `env.NAME` at run time: `by` for the words, `value` when every run writes that one plain text. */
export interface RuntimeEnv {
  by: string;
  at: YNode;
  value?: string;
}

/**
 * `evaluateValue` calls for one value, the values its references lead to included: `env.A || env.B`
 * where each of those is again a chain fans out, and a hostile workflow of a few KB would take
 * minutes (review of 2026-12-04). Past it the value is unknown.
 */
const MAX_EVALUATIONS = 256;

export type ExpressionValue = { text: string; origins: NodeOrigin[] } | { unknown: string } | { empty: true };

/**
 * A value as written: a literal, one `${{ ... }}` expression, or text with expressions in it
 * (`node@${{ matrix.node }}`, each expression's value put in as text). Empty when it comes to `''`
 * or `null`; unknown when a part cannot be evaluated.
 */
export function evaluateValue(text: string, node: YNode, scope: ExpressionScope, depth = 0): ExpressionValue {
  if (!EXPRESSION.test(text)) return text.trim() === '' ? { empty: true } : { text: text.trim(), origins: [] };
  const cannot = { unknown: `\`node-version\` is "${text.trim()}", which tp-doctor cannot evaluate` };
  const budget = scope.budget ?? { left: MAX_EVALUATIONS };
  if (--budget.left < 0) return { unknown: `\`node-version\` is "${text.trim()}", whose references lead to more values than tp-doctor evaluates` };
  const parts = depth > 4 ? undefined : templateParts(text);
  if (!parts) return cannot;
  const resolve = valueRefs(text, scope.budget === budget ? scope : { ...scope, budget }, depth);
  const origins: NodeOrigin[] = [];
  let out = '';
  for (const part of parts) {
    if ('literal' in part) {
      out += part.literal;
      continue;
    }
    const value = evaluateExpression(part.expression, resolve);
    if (value.kind === 'unknown') return value.why !== undefined ? { unknown: value.why } : cannot;
    out += value.value === null ? '' : String(value.value);
    origins.push(...value.origins);
  }
  return out.trim() === '' ? { empty: true } : { text: out.trim(), origins };
}

/** The references of a value: `matrix.*`, `env.X`, a composite action's `inputs.x`, `steps.<id>.outputs.<name>`. */
function valueRefs(text: string, scope: ExpressionScope, depth: number): Resolve {
  const cannot = `\`node-version\` is "${text.trim()}", which tp-doctor cannot evaluate`;
  return (path) => {
    if (/^matrix\./i.test(path)) {
      const ref = resolveMatrixRef(`\${{ ${path} }}`, scope.combo);
      if (!ref || ref.text === undefined) {
        return scope.matrixUnresolved ? unknown(`\`node-version\` is "${text.trim()}" and the job's matrix cannot be expanded`) : known(null, [], 'yaml');
      }
      return operandOf(evaluateValue(ref.text, ref.node, scope, depth + 1), { label: `matrix value "${ref.text}"`, kind: 'matrix', at: ref.node }, 'yaml');
    }
    const env = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(path);
    if (env) {
      // A `$GITHUB_ENV` write of an earlier step is what the expression reads there (survey1207b F1).
      const written = scope.runtimeEnv?.(env[1]!);
      if (written?.value !== undefined) return known(written.value, [{ label: `\`env.${env[1]}\`, which an earlier step writes to \`$GITHUB_ENV\``, kind: 'env', at: written.at }]);
      if (written) return unknown(`\`node-version\` is "${text.trim()}", and \`env.${env[1]}\` is set at run time by ${written.by}, which tp-doctor does not read`);
      const entry = scope.env.find((e) => e.name === env[1]);
      if (!entry || entry.value === undefined) return known(null);
      return operandOf(evaluateValue(entry.value, entry.node, scope, depth + 1), { label: `\`env.${entry.name}\``, kind: 'env', at: entry.node });
    }
    const input = /^inputs\.([A-Za-z0-9_-]+)$/.exec(path);
    if (input && scope.inputs) {
      // A composite action's inputs are strings: one its caller does not give, without a default, is ''.
      const found = scope.inputs(input[1] ?? '');
      if (!found || found.node.text === undefined) return known('');
      const value = evaluateValue(found.node.text, found.node, { ...found.scope, budget: scope.budget }, depth + 1);
      return operandOf(value, { label: `input \`${input[1]}\``, kind: 'input', at: found.node });
    }
    const eventInput = input ? undefined : /^github\.event\.inputs\.([A-Za-z0-9_-]+)$/i.exec(path);
    const read = input && !scope.inputs ? scope.callInputs : eventInput ? scope.eventInputs : undefined;
    if ((input || eventInput) && read) {
      // A workflow's input as this run gives it (its caller's, a dispatch's default): a typed literal, never an expression.
      const name = (input ?? eventInput)?.[1] ?? '';
      const found = read(name);
      if (found === undefined) return unknown(cannot);
      return known(found.value, [{ label: found.label, kind: 'input', at: found.at, written: { name: found.at.key ?? name, prefix: '' } }]);
    }
    const output = /^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)$/.exec(path);
    if (output) return stepOutput(scope, output[1] ?? '', output[2] ?? '') ?? unknown(cannot);
    return unknown(cannot);
  };
}

/** `steps.<id>.outputs.<name>` of a step that wrote it as `name=$(cat <file>)`: that file's Node version. */
function stepOutput(scope: ExpressionScope, id: string, name: string): Operand | undefined {
  const step = scope.steps.find((s) => s.id === id);
  const file = step?.run ? new RegExp(`\\b${name}=\\$\\(\\s*cat\\s+["']?([^\\s"')]+)`).exec(step.run.text)?.[1] : undefined;
  if (!step || !file) return undefined;
  const read = scope.versionFile(repoPathOrAsWritten(file));
  if ('unknown' in read) return unknown(read.unknown);
  return known(read.spec, [{ label: read.label, kind: 'file', at: read.at }]);
}

/** A referenced value as an operand: its own origins, else `origin`. Empty is `''`. */
function operandOf(value: ExpressionValue, origin: NodeOrigin, loose?: 'yaml'): Operand {
  if ('unknown' in value) return unknown(value.unknown);
  if ('empty' in value) return known('', [], loose);
  return known(value.text, value.origins.length > 0 ? value.origins : [origin], loose);
}

/**
 * Evaluates an `if:` against one matrix combination: false only when the condition certainly
 * fails, true when it certainly holds, undefined when unknown. Reads `matrix.*` (unknown without a
 * combination) and, when `inputs` is given, `inputs.*` (a value it does not give is unknown; a bare
 * input's truthiness too, since it may be a boolean or a string), and what `context` gives:
 * `github.event_name`, and a called workflow's typed `inputs.*`. Every other context (other
 * `github.*`, `needs.*`) is unknown, and so is every function but `contains`, `startsWith` and
 * `endsWith` of known operands (expression-eval.ts).
 */
export function evaluateCondition(
  condition: string | undefined,
  combo: MatrixCombination | undefined,
  inputs?: (name: string) => string | undefined,
  context?: ConditionContext,
): boolean | undefined {
  if (condition === undefined) return true;
  const body = (/^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition)?.[1] ?? condition).trim();
  return truthy(evaluateExpression(body, conditionRefs(combo, inputs, context)));
}

/**
 * What a caller knows of the run it asks about. `eventName`: the event that started the top-level
 * workflow (in a called workflow too: its `github` context is the caller's); any other `github.*`
 * stays unknown. `callInputs`: in a called workflow, the value of `inputs.<name>` with its type
 * (`true`, not `'true'`; ./call-inputs.ts), undefined when unknown.
 */
export interface ConditionContext {
  eventName?: string;
  callInputs?: (name: string) => Scalar | undefined;
  /** `github.repository` (`owner/name`); its owner is `github.repository_owner`. */
  repository?: string;
  /**
   * For a step's `if:`, the ids (lower case) of the steps before it in its job: `steps.<id>.*` of
   * any other id is `null` (no such step has run), as GitHub evaluates it.
   */
  earlierStepIds?: ReadonlySet<string>;
}

/** A repository no condition names, to tell a guard on this repository from one false everywhere. */
const ELSEWHERE = 'tp-doctor.invalid/no-such-repository';

/**
 * True when an `if:` can never let its job or step run: false as written, or false in this
 * repository (`repository`: the `owner/name` of the GitHub git remote) but not in another one, as
 * a template's guard `github.repository != 'storybookjs/addon-kit'` is in the template itself (its
 * release job runs only in the repositories made from it). A condition false in every repository
 * (`github.repository == 'acme/new-name'` read in a clone whose remote keeps the old name) is no
 * proof: the job is kept.
 */
export function neverRuns(condition: string | undefined, repository: string | undefined, earlierStepIds?: ReadonlySet<string>): boolean {
  const steps = earlierStepIds === undefined ? {} : { earlierStepIds };
  if (evaluateCondition(condition, undefined, undefined, steps) === false) return true;
  if (repository === undefined || condition === undefined || !/github\.repository/i.test(condition)) return false;
  const inRepository = (name: string): boolean | undefined => evaluateCondition(condition, undefined, undefined, { ...steps, repository: name });
  return inRepository(repository) === false && inRepository(ELSEWHERE) !== false;
}

/** An event name no event has: one that a condition names nowhere. */
const OTHER_EVENT = '\u0000other';

/**
 * True when an `if:` is false whatever event started the run, though not as written: it holds only
 * for `github.event_name == 'workflow_call'`, which no run has (a called workflow's `github` is its
 * caller's, and a top-level run is never started by `workflow_call`: ./entry-events.ts;
 * portpowered/you-agent-factory gated its release publish so). Evaluated for every event the
 * condition names but `workflow_call`, and for one it does not name, which stands for all others.
 */
export function falseForEveryEvent(condition: string | undefined, earlierStepIds?: ReadonlySet<string>): boolean {
  if (condition === undefined || !/github\.event_name/i.test(condition)) return false;
  const named = [...condition.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '').filter((e) => e.toLowerCase() !== 'workflow_call');
  const steps = earlierStepIds === undefined ? {} : { earlierStepIds };
  return [OTHER_EVENT, ...named].every((eventName) => evaluateCondition(condition, undefined, undefined, { ...steps, eventName }) === false);
}

function conditionRefs(combo: MatrixCombination | undefined, inputs: ((name: string) => string | undefined) | undefined, context?: ConditionContext): Resolve {
  return (path) => {
    // Context property names are case-insensitive (`github.EVENT_NAME`); event names are compared ignoring case by `==`.
    if (context?.eventName !== undefined && /^github\.event_name$/i.test(path)) return known(context.eventName);
    const stepId = context?.earlierStepIds ? /^steps\.([A-Za-z_][\w-]*)(?:\.|$)/i.exec(path)?.[1] : undefined;
    if (stepId !== undefined && !context?.earlierStepIds?.has(stepId.toLowerCase())) return known(null);
    if (context?.repository !== undefined && /^github\.repository(?:_owner)?$/i.test(path)) {
      return known(path.length > 'github.repository'.length ? (context.repository.split('/')[0] ?? '') : context.repository);
    }
    const called = context?.callInputs ? /^inputs\.([A-Za-z0-9_-]+)$/i.exec(path) : null;
    if (called && context?.callInputs) {
      const value = context.callInputs(called[1] ?? '');
      return value === undefined ? unknown() : known(value);
    }
    if (/^matrix\./i.test(path)) {
      if (!combo) return unknown();
      const node = resolveMatrixRef(`\${{ ${path} }}`, combo);
      // A mapping or a list is truthy, and no string: `contains(matrix.targets, 'x')` looks among its items.
      if (node && node.text === undefined && (node.node.isMap || node.node.isSeq)) return unknown(undefined, true);
      return known(node?.text ?? null, [], 'yaml');
    }
    const input = /^inputs\.([A-Za-z0-9_-]+)$/.exec(path);
    const value = input && inputs ? inputs(input[1] ?? '') : undefined;
    return value === undefined ? unknown() : known(value, [], 'untyped');
  };
}

/**
 * The references whose text the value of an expression (the text inside `${{ }}`) may carry, as
 * written (`github.event.issue.title`): `contains(github.event.issue.title, 'x')` and
 * `github.event.issue.title == 'x'` are `true` or `false` (none), `a || github.head_ref` may be
 * either, `cond && github.head_ref` is the branch name or a falsy `cond`. Undefined when tp-doctor
 * cannot tell: a function that may return its arguments' text (`format`, `join`, `toJSON`,
 * `fromJSON`), an index (`github.event.commits[0].message`), anything it does not read, or a text
 * whose quotes are not closed (cut at a `}}` inside a string).
 */
export function yieldedReferences(expression: string): readonly string[] | undefined {
  let quote: string | undefined;
  for (const c of expression) {
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
  }
  if (quote !== undefined) return undefined;
  const value = evaluateExpression(expression, () => unknown());
  return value.kind === 'value' ? [] : value.copies;
}

/**
 * `${{ inputs.name }}` in a local action's text, replaced by what `inputs` gives (the caller's
 * `with:` value, else the input's default); a reference it cannot fill stays as written.
 */
export function withInputs(text: string, inputs: (name: string) => string | undefined): string {
  if (!text.includes('${{')) return text;
  return text.replace(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g, (whole, name: string) => inputs(name) ?? whole);
}

/**
 * A local action's `with:` value with its expressions over `inputs.*` evaluated, as GitHub does
 * (`${{ inputs.cache == 'true' && 'true' || 'false' }}` with the caller's `cache: 'true'` is
 * `true`); an expression that reads anything else stays as written.
 */
export function withInputValues(text: string, inputs: (name: string) => string | undefined): string {
  const replaced = withInputs(text, inputs);
  if (!replaced.includes('${{')) return replaced;
  const parts = templateParts(text);
  if (!parts) return replaced;
  // A composite action's inputs are strings (`'true' == true` is false, `'false'` is truthy); a
  // caller's value that is itself an expression is not a value to compare.
  const refs: Resolve = (path) => {
    const name = /^inputs\.([A-Za-z0-9_-]+)$/.exec(path)?.[1];
    const value = name === undefined ? undefined : inputs(name);
    return value === undefined || value.includes('${{') ? unknown() : known(value);
  };
  let out = '';
  for (const part of parts) {
    if ('literal' in part) {
      out += part.literal;
      continue;
    }
    const value = evaluateExpression(part.expression.trim(), refs);
    if (!('value' in value)) return replaced;
    out += value.value === null ? '' : String(value.value);
  }
  return out;
}

/** The ids (lower case) of the steps before `step` in its job (`ConditionContext.earlierStepIds`). */
export function earlierStepIds(step: Step): ReadonlySet<string> {
  return new Set(step.job.steps.slice(0, step.index).flatMap((s) => (s.id === undefined ? [] : [s.id.toLowerCase()])));
}
