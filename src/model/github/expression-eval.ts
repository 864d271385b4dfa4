/**
 * The evaluator behind every GitHub Actions expression tp-doctor reads (`if:` conditions and
 * values such as `node-version`, container images and action inputs): the text inside `${{ }}`.
 *
 * It knows literals (`'a'`, with `''` for a quote; numbers; `true`, `false`, `null`), references
 * that the caller resolves (`matrix.x`, `inputs.x`, `env.X`, `steps.<id>.outputs.<name>`), `!`,
 * `==`, `!=`, `&&`, `||` and parentheses, with GitHub's semantics: `a && b` is the first falsy
 * operand, else the last; `a || b` the first truthy one, else the last; `false`, `0`, `''` and
 * `null` are falsy; `==` compares strings ignoring case and converts operands of different types
 * to numbers (`null` and `''` are 0, `true` 1); an index by a literal name (`matrix['node-version']`,
 * the same property as `.`); `contains`, `startsWith` and `endsWith` of two known operands (cast to
 * strings, ignoring case). Anything else (other function calls, a function of an unknown operand,
 * `<`, `>`, other indexes) is unknown. Unknown is three-valued: an unknown operand may still have a known truthiness
 * (`x || 'a'` is truthy whatever `x` is, `x && false` falsy), so that `if:` stays exact.
 *
 * An unknown operand may also say which references its text can come from (`copies`, what
 * `yieldedReferences` reads): `!`, `==`, `!=`, `<`, `>`, `<=`, `>=` and the functions of
 * `FUNCTION_RESULTS` (`contains(...)`, `startsWith(...)`, `hashFiles(...)`) give a value of their
 * own whatever their operands are; `a || b` may be either operand, `a && b` is `b` or a falsy `a`
 * (`''`, `false`, `0`, `null`, `NaN`: no text of `a`). Other functions (`format`, `join`,
 * `toJSON`, `fromJSON`) and indexes say nothing.
 */
import type { NodeOrigin } from '../npm/node-version.js';

export type Scalar = string | number | boolean | null;

/**
 * A known value, with where it came from. `loose`: text read from YAML or from a caller whose type
 * tp-doctor does not track. `yaml` (a matrix value): `false`, `0` and `''` are falsy, and `==`
 * compares numbers when both sides read as numbers, else text ignoring case. `untyped` (a
 * workflow's input in an `if:`, which may be a boolean or a string): compared the same way, its
 * truthiness unknown.
 */
export interface KnownOperand {
  kind: 'value';
  value: Scalar;
  origins: NodeOrigin[];
  loose?: 'yaml' | 'untyped';
}

/** An operand tp-doctor cannot evaluate: why (in words for a message), and its truthiness when known anyway. */
export interface UnknownOperand {
  kind: 'unknown';
  why?: string;
  truthy?: boolean;
  /**
   * When given, the value is a boolean, a number, `null`, a literal of the expression, a falsy
   * value, a function's computed result (a hash), or else the value of one of these references as
   * written: no other text reaches it. Absent: it may be anything.
   */
  copies?: readonly string[];
}

export type Operand = KnownOperand | UnknownOperand;

/** Resolves a reference (`matrix.node`, `inputs.node-version`, `github.ref`) to an operand. */
export type Resolve = (path: string) => Operand;

const MAX_DEPTH = 16;

export function known(value: Scalar, origins: NodeOrigin[] = [], loose?: KnownOperand['loose']): KnownOperand {
  return loose ? { kind: 'value', value, origins, loose } : { kind: 'value', value, origins };
}

export function unknown(why?: string, truthy?: boolean, copies?: readonly string[]): UnknownOperand {
  const out: UnknownOperand = { kind: 'unknown' };
  if (why !== undefined) out.why = why;
  if (truthy !== undefined) out.truthy = truthy;
  if (copies !== undefined) out.copies = copies;
  return out;
}

/** The references an operand's text may come from (`UnknownOperand.copies`); none for a known value, undefined when anything may. */
function copiesOf(o: Operand): readonly string[] | undefined {
  return o.kind === 'value' ? [] : o.copies;
}

/** `copiesOf` for either of two operands. */
function eitherCopies(a: Operand, b: Operand): readonly string[] | undefined {
  const [x, y] = [copiesOf(a), copiesOf(b)];
  return x === undefined || y === undefined ? undefined : [...x, ...y.filter((r) => !x.includes(r))];
}

/** Whether an operand is truthy; undefined when tp-doctor cannot tell. */
export function truthy(o: Operand): boolean | undefined {
  if (o.kind === 'unknown') return o.truthy;
  const v = o.value;
  if (o.loose === 'untyped') return undefined;
  if (o.loose === 'yaml' && typeof v === 'string') return v !== '' && v !== 'false' && v !== '0';
  return !(v === false || v === null || v === '' || v === 0 || Number.isNaN(v));
}

/** Evaluates the text of an expression (without `${{ }}`). */
export function evaluateExpression(text: string, resolve: Resolve, depth = 0): Operand {
  if (depth > MAX_DEPTH) return unknown();
  const body = text.trim();
  if (wrapped(body)) return evaluateExpression(body.slice(1, -1), resolve, depth + 1);
  const ors = splitTopLevel(body, '||');
  if (ors.length > 1) return fold(ors, resolve, depth, or, true);
  const ands = splitTopLevel(body, '&&');
  if (ands.length > 1) return fold(ands, resolve, depth, and, false);
  const eq = lastEquality(body);
  // `<`, `>`, `<=`, `>=` give a boolean tp-doctor does not work out.
  if (eq === 'relational') return unknown(undefined, undefined, []);
  if (eq) {
    const left = evaluateExpression(body.slice(0, eq.at), resolve, depth + 1);
    const right = evaluateExpression(body.slice(eq.at + 2), resolve, depth + 1);
    return compare(left, right, eq.op);
  }
  if (body.startsWith('!')) return not(evaluateExpression(body.slice(1), resolve, depth + 1));
  return atom(body, resolve, depth);
}

/**
 * The operands of a chain of `||` (`stop`: true) or `&&` (`stop`: false), left to right, stopping
 * as GitHub does at the first operand whose truthiness is `stop`: the rest are never evaluated (nor
 * the references in them read).
 */
function fold(parts: readonly string[], resolve: Resolve, depth: number, combine: (a: Operand, b: Operand) => Operand, stop: boolean): Operand {
  let acc = evaluateExpression(parts[0] ?? '', resolve, depth + 1);
  for (const part of parts.slice(1)) {
    if (truthy(acc) === stop) return acc;
    acc = combine(acc, evaluateExpression(part, resolve, depth + 1));
  }
  return acc;
}

/** `a || b`: the first truthy operand, else the last. */
function or(a: Operand, b: Operand): Operand {
  const ta = truthy(a);
  if (ta === true) return a;
  if (ta === false) return b;
  return unknown(whyOf(a) ?? whyOf(b), truthy(b) === true ? true : undefined, eitherCopies(a, b));
}

/** `a && b`: the first falsy operand, else the last. */
function and(a: Operand, b: Operand): Operand {
  const ta = truthy(a);
  if (ta === false) return a;
  if (ta === true) return b;
  // `a` is the value only when it is falsy, which carries none of its text.
  return unknown(whyOf(a) ?? whyOf(b), truthy(b) === false ? false : undefined, copiesOf(b));
}

function not(o: Operand): Operand {
  const t = truthy(o);
  return t === undefined ? unknown(whyOf(o), undefined, []) : known(!t);
}

function whyOf(o: Operand): string | undefined {
  return o.kind === 'unknown' ? o.why : undefined;
}

function compare(a: Operand, b: Operand, op: '==' | '!='): Operand {
  if (a.kind === 'unknown' || b.kind === 'unknown') return unknown(whyOf(a) ?? whyOf(b), undefined, []);
  const equal = a.loose || b.loose ? looseEqual(a.value, b.value) : strictEqual(a.value, b.value);
  return known(op === '==' ? equal : !equal);
}

/** GitHub's `==`: strings ignoring case; other operands of one type as they are; of different types, as numbers. */
function strictEqual(a: Scalar, b: Scalar): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function toNumber(v: Scalar): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  const s = v.trim();
  if (s === '') return 0;
  return JSON_NUMBER.test(s) ? Number(s) : Number.NaN;
}

/** `==` with a value whose type is not tracked: numbers when both sides read as numbers, else text ignoring case. */
function looseEqual(a: Scalar, b: Scalar): boolean {
  const [x, y] = [a === null ? '' : String(a), b === null ? '' : String(b)];
  if (x !== '' && y !== '' && !Number.isNaN(Number(x)) && !Number.isNaN(Number(y))) return Number(x) === Number(y);
  return x.toLowerCase() === y.toLowerCase();
}

const STRING = /^'((?:[^']|'')*)'$/;
/** Double quotes are not GitHub syntax; read as a string as tp-doctor always has. */
const DOUBLE_QUOTED = /^"([^"]*)"$/;
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const HEX = /^0x[0-9a-fA-F]+$/;
/** `22.12.0`: not a GitHub number, kept as the text written (a version). */
const DOTTED = /^\d+(?:\.\d+){2,}$/;
const REFERENCE = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_*-]+)+$/;

function atom(text: string, resolve: Resolve, depth: number): Operand {
  if (text === 'true') return known(true);
  if (text === 'false') return known(false);
  if (text === 'null') return known(null);
  const quoted = STRING.exec(text);
  if (quoted) return known((quoted[1] ?? '').replace(/''/g, "'"));
  const double = DOUBLE_QUOTED.exec(text);
  if (double) return known(double[1] ?? '');
  if (DOTTED.test(text)) return known(text);
  if (NUMBER.test(text) || HEX.test(text)) return known(Number(text));
  const reference = REFERENCE.test(text) ? text : dotted(text);
  if (reference !== undefined) {
    const value = resolve(reference);
    return value.kind === 'unknown' && value.copies === undefined ? { ...value, copies: [reference] } : value;
  }
  return call(text, resolve, depth) ?? unknown();
}

/** A reference with an index by a literal name: `matrix['node-version']`, `steps.a.outputs['x']`. */
const INDEXED = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_*-]+|\[\s*'[A-Za-z0-9_-]+'\s*\])+$/;

/**
 * `matrix['node-version']` as `matrix.node-version`: GitHub's `[ ]` with a literal name is the
 * same property dereference as `.` (docs "Expressions", operators). A name `.` cannot write
 * (`['a b']`) or an index by a number or an expression stays unknown, as before.
 */
function dotted(text: string): string | undefined {
  if (!text.includes('[') || !INDEXED.test(text)) return undefined;
  return text.replace(/\[\s*'([A-Za-z0-9_-]+)'\s*\]/g, '.$1');
}

/**
 * What a function returns, by its name in lower case (GitHub's are case-insensitive): `boolean`,
 * or `computed` text of its own (a hash). A function not here may return its arguments' text.
 */
const FUNCTION_RESULTS: Readonly<Record<string, 'boolean' | 'computed'>> = {
  contains: 'boolean',
  startswith: 'boolean',
  endswith: 'boolean',
  success: 'boolean',
  always: 'boolean',
  cancelled: 'boolean',
  failure: 'boolean',
  hashfiles: 'computed',
};

const CALL = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/;

/** The longest argument text of a string function tp-doctor works out (hostile nesting stays linear and cheap). */
const MAX_CALL_TEXT = 2000;

/** The string functions tp-doctor works out when both operands are known: GitHub's, ignoring case. */
const STRING_TESTS: Readonly<Record<string, (haystack: string, needle: string) => boolean>> = {
  contains: (h, n) => h.includes(n),
  startswith: (h, n) => h.startsWith(n),
  endswith: (h, n) => h.endsWith(n),
};

/**
 * A call of a function of `FUNCTION_RESULTS` (the whole text, `name(...)`): `contains`,
 * `startsWith` and `endsWith` of two known scalar operands are worked out (GitHub casts them to
 * strings and ignores case: `startsWith(matrix.node, '2')`); any other call, or one with an
 * unknown operand, is unknown, with no references its text comes from.
 */
function call(text: string, resolve: Resolve, depth: number): Operand | undefined {
  const m = CALL.exec(text);
  const name = (m?.[1] ?? '').toLowerCase();
  const args = text.slice(m?.[0].length ?? 0, -1);
  if (!m || !Object.hasOwn(FUNCTION_RESULTS, name) || !wrapped(text.slice(m[0].length - 1))) return undefined;
  // A call longer than any real condition's is left unknown: its operands are not read again.
  const test = Object.hasOwn(STRING_TESTS, name) && args.length <= MAX_CALL_TEXT ? STRING_TESTS[name] : undefined;
  const parts = test ? splitTopLevelCommas(args) : [];
  if (test && parts.length === 2) {
    const [haystack, needle] = parts.map((p) => evaluateExpression(p, resolve, depth + 1));
    const [h, n] = [castString(haystack!), castString(needle!)];
    if (h !== undefined && n !== undefined) return known(test(h.toLowerCase(), n.toLowerCase()));
  }
  return unknown(undefined, undefined, []);
}

/** GitHub's cast of a scalar to a string (`null` is '', numbers in decimal); undefined for an unknown operand. */
function castString(o: Operand): string | undefined {
  if (o.kind === 'unknown') return undefined;
  const v = o.value;
  return v === null ? '' : String(v);
}

/** The arguments of a call (the text between its parentheses), split at top-level commas. */
function splitTopLevelCommas(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  someTopLevel(text, (i) => {
    if (text.charAt(i) !== ',') return false;
    parts.push(text.slice(start, i));
    start = i + 1;
    return false;
  });
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/**
 * Calls `visit` with each index of `text` outside quotes and parentheses, in order, until it
 * returns true; true when one did. A scan, not a regular expression, so that it is linear on any
 * input; a callback, not a generator, so that it allocates nothing per character (every `if:` and
 * `${{ }}` evaluated goes through it three times).
 */
function someTopLevel(text: string, visit: (i: number) => boolean): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && visit(i)) return true;
  }
  return false;
}

/** Splits an expression at a top-level `||` or `&&` (outside parentheses and quotes). */
function splitTopLevel(text: string, op: '||' | '&&'): string[] {
  const parts: string[] = [];
  let start = 0;
  someTopLevel(text, (i) => {
    if (i < start || !text.startsWith(op, i)) return false;
    parts.push(text.slice(start, i));
    start = i + 2;
    return false;
  });
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/**
 * The last top-level `==` or `!=` (equality is left-associative); `relational` when a top-level
 * `<` or `>` (which binds tighter, and tp-doctor does not evaluate) is there.
 */
function lastEquality(text: string): { at: number; op: '==' | '!=' } | 'relational' | undefined {
  let found: { at: number; op: '==' | '!=' } | undefined;
  let skip = -1;
  const relational = someTopLevel(text, (i) => {
    if (i <= skip) return false;
    const c = text.charAt(i);
    if (c === '<' || c === '>') return true;
    if ((c === '=' || c === '!') && text.charAt(i + 1) === '=') {
      found = { at: i, op: c === '=' ? '==' : '!=' };
      skip = i + 1;
    }
    return false;
  });
  return relational ? 'relational' : found;
}

/** True when the whole text is one parenthesised group: `(a && b)`, nothing of it at the top level. */
function wrapped(text: string): boolean {
  return text.startsWith('(') && text.endsWith(')') && !someTopLevel(text, () => true);
}

/**
 * A value with `${{ }}` in it, cut into its literal text and its expressions
 * (`node@${{ matrix.node }}`); undefined when an expression is not closed.
 */
export function templateParts(text: string): ({ literal: string } | { expression: string })[] | undefined {
  const parts: ({ literal: string } | { expression: string })[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('${{', at);
    if (open < 0) break;
    if (open > at) parts.push({ literal: text.slice(at, open) });
    const close = closingBraces(text, open + 3);
    if (close < 0) return undefined;
    parts.push({ expression: text.slice(open + 3, close) });
    at = close + 2;
  }
  if (at < text.length) parts.push({ literal: text.slice(at) });
  return parts;
}

/** The index of the `}}` that closes an expression starting at `from` (a `}}` inside a string does not). */
function closingBraces(text: string, from: number): number {
  let quote = false;
  for (let i = from; i < text.length - 1; i++) {
    const c = text.charAt(i);
    if (c === "'") quote = !quote;
    else if (!quote && c === '}' && text.charAt(i + 1) === '}') return i;
  }
  return -1;
}
