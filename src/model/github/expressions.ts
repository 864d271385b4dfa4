/**
 * The small subset of GitHub Actions expressions tp-doctor evaluates: a value written as a literal
 * or `${{ ... }}` with `matrix`, `env`, `inputs`, `steps` and `||` (for `node-version` and
 * container images), and `if:` conditions over `matrix.*` comparisons (three-valued).
 */
import { repoPathOrAsWritten } from '../../fs/paths.js';
import type { YNode } from '../../yaml/parse.js';
import type { VersionFileResult } from '../npm/node-version-file.js';
import type { NodeOrigin } from '../npm/node-version.js';
import { resolveMatrixRef } from './matrix.js';
import type { MatrixCombination } from './types.js';

const EXPRESSION = /\$\{\{/;

export interface ExpressionScope {
  combo: MatrixCombination | undefined;
  /** True when the job has a `strategy.matrix` that could not be expanded (so `matrix.x` is unknown, not null). */
  matrixUnresolved?: boolean;
  /** `env` entries visible to the expression, innermost first (step, job, workflow). */
  env: { name: string; value: string | undefined; node: YNode }[];
  /** `inputs.x` inside a composite action: the caller's `with:` value (and the scope to read it in) or the default. */
  inputs?: (name: string) => { node: YNode; scope: ExpressionScope } | undefined;
  /** Steps that ran earlier in the same job (for `steps.<id>.outputs.<name>`). */
  steps: readonly { id?: string; run?: { text: string } }[];
  /** Reads a `node-version-file` once per lint run (see `versionFileOf` in npm/node-version.ts). */
  versionFile: (file: string) => VersionFileResult;
}

export type ExpressionValue = { text: string; origins: NodeOrigin[] } | { unknown: string } | { empty: true };

/** A value as written (a literal, or `${{ ... }}` with `matrix`, `env`, `inputs`, `steps` and `||`). */
export function evaluateValue(text: string, node: YNode, scope: ExpressionScope, depth = 0): ExpressionValue {
  if (!EXPRESSION.test(text)) return text.trim() === '' ? { empty: true } : { text: text.trim(), origins: [] };
  const whole = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  if (!whole || depth > 4) return { unknown: `\`node-version\` is "${text.trim()}", which tp-doctor cannot evaluate` };
  for (const operand of (whole[1] ?? '').split('||').map((s) => s.trim())) {
    const value = operandValue(operand, text, scope, depth);
    if ('empty' in value) continue;
    return value;
  }
  return { empty: true };
}

function operandValue(operand: string, text: string, scope: ExpressionScope, depth: number): ExpressionValue {
  const literal = /^(?:'([^']*)'|"([^"]*)"|(\d+(?:\.\d+)*))$/.exec(operand);
  if (literal) {
    const v = literal[1] ?? literal[2] ?? literal[3] ?? '';
    return v === '' ? { empty: true } : { text: v, origins: [] };
  }
  if (/^matrix\./.test(operand)) {
    const ref = resolveMatrixRef(`\${{ ${operand} }}`, scope.combo);
    if (!ref || ref.text === undefined) {
      return scope.matrixUnresolved ? { unknown: `\`node-version\` is "${text.trim()}" and the job's matrix cannot be expanded` } : { empty: true };
    }
    return withOrigin(evaluateValue(ref.text, ref.node, scope, depth + 1), { label: `matrix value "${ref.text}"`, kind: 'matrix', at: ref.node });
  }
  const env = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(operand);
  if (env) {
    const entry = scope.env.find((e) => e.name === env[1]);
    if (!entry || entry.value === undefined) return { empty: true };
    return withOrigin(evaluateValue(entry.value, entry.node, scope, depth + 1), { label: `\`env.${entry.name}\``, kind: 'env', at: entry.node });
  }
  const input = /^inputs\.([A-Za-z0-9_-]+)$/.exec(operand);
  if (input && scope.inputs) {
    const found = scope.inputs(input[1] ?? '');
    if (!found || found.node.text === undefined) return { empty: true };
    const value = evaluateValue(found.node.text, found.node, found.scope, depth + 1);
    return withOrigin(value, { label: `input \`${input[1]}\``, kind: 'input', at: found.node });
  }
  const output = /^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)$/.exec(operand);
  if (output) {
    const step = scope.steps.find((s) => s.id === output[1]);
    const file = step?.run ? new RegExp(`\\b${output[2]}=\\$\\(\\s*cat\\s+["']?([^\\s"')]+)`).exec(step.run.text)?.[1] : undefined;
    if (step && file) {
      const read = scope.versionFile(repoPathOrAsWritten(file));
      if ('unknown' in read) return read;
      return { text: read.spec, origins: [{ label: read.label, kind: 'file', at: read.at }] };
    }
  }
  return { unknown: `\`node-version\` is "${text.trim()}", which tp-doctor cannot evaluate` };
}

function withOrigin(value: ExpressionValue, origin: NodeOrigin): ExpressionValue {
  return 'text' in value ? { text: value.text, origins: value.origins.length > 0 ? value.origins : [origin] } : value;
}

/**
 * Evaluates an `if:` against one matrix combination: false only when the condition certainly
 * fails (comparisons of `matrix.*` with literals, joined by `&&` / `||`); undefined when unknown.
 */
export function evaluateCondition(condition: string | undefined, combo: MatrixCombination | undefined, inputs?: (name: string) => string | undefined): boolean | undefined {
  if (condition === undefined) return true;
  const body = (/^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition)?.[1] ?? condition).trim();
  return evaluateExpression(body, { combo, inputs }, 0);
}

/** What an expression can read: the matrix combination, and a composite action's inputs as its caller gives them. */
interface Context {
  combo: MatrixCombination | undefined;
  inputs: ((name: string) => string | undefined) | undefined;
}

/**
 * Splits an expression at a top-level operator (`||` or `&&`): outside parentheses and quotes.
 * A scan, not a regular expression, so that it is linear on any input.
 */
function splitTopLevel(text: string, op: '||' | '&&'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === op.charAt(0) && text.charAt(i + 1) === op.charAt(1)) {
      parts.push(text.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** True when the whole text is one parenthesised group: `(a && b)`. */
function wrapped(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0 && i < text.length - 1) return false;
  }
  return true;
}

/**
 * Three-valued: false only when the expression certainly fails for this combination (a false
 * `matrix.*` comparison in an `&&`, every `||` branch false); atoms tp-doctor does not evaluate
 * (`github.event_name == 'push'`, `contains(...)`) are unknown.
 */
function evaluateExpression(text: string, combo: Context, depth: number): boolean | undefined {
  if (depth > 16) return undefined;
  const body = text.trim();
  if (wrapped(body)) return evaluateExpression(body.slice(1, -1), combo, depth + 1);
  const any = (xs: (boolean | undefined)[]): boolean | undefined => (xs.some((x) => x === true) ? true : xs.every((x) => x === false) ? false : undefined);
  const all = (xs: (boolean | undefined)[]): boolean | undefined => (xs.some((x) => x === false) ? false : xs.every((x) => x === true) ? true : undefined);
  const ors = splitTopLevel(body, '||');
  if (ors.length > 1) return any(ors.map((o) => evaluateExpression(o, combo, depth + 1)));
  const ands = splitTopLevel(body, '&&');
  if (ands.length > 1) return all(ands.map((a) => evaluateExpression(a, combo, depth + 1)));
  return atomValue(body, combo);
}

function atomValue(atom: string, { combo, inputs }: Context): boolean | undefined {
  if (atom === 'true') return true;
  if (atom === 'false') return false;
  const cmp = /^(!?)(matrix(?:\.[A-Za-z0-9_-]+)+|inputs\.[A-Za-z0-9_-]+)\s*(?:(==|!=)\s*(?:'([^']*)'|"([^"]*)"|([\w.-]+)))?$/.exec(atom);
  if (!cmp) return undefined;
  const ref = cmp[2] ?? '';
  const isInput = ref.startsWith('inputs.');
  if (isInput ? !inputs : !combo) return undefined;
  const value = isInput ? inputs?.(ref.slice('inputs.'.length)) : resolveMatrixRef(`\${{ ${ref} }}`, combo)?.text;
  // A bare input is truthy by its type (a string "false" is true, a boolean false is not): unknown.
  if (isInput && (value === undefined || cmp[3] === undefined)) return undefined;
  if (cmp[3] === undefined) {
    const truthy = value !== undefined && value !== '' && value !== 'false' && value !== '0';
    return cmp[1] ? !truthy : truthy;
  }
  if (cmp[1]) return undefined;
  const expected = cmp[4] ?? cmp[5] ?? cmp[6] ?? '';
  const a = value ?? '';
  const equal = a !== '' && expected !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(expected)) ? Number(a) === Number(expected) : a.toLowerCase() === expected.toLowerCase();
  return cmp[3] === '==' ? equal : !equal;
}

/**
 * `${{ inputs.name }}` in a local action's text, replaced by what `inputs` gives (the caller's
 * `with:` value, else the input's default); a reference it cannot fill stays as written.
 */
export function withInputs(text: string, inputs: (name: string) => string | undefined): string {
  if (!text.includes('${{')) return text;
  return text.replace(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g, (whole, name: string) => inputs(name) ?? whole);
}
