/**
 * The functions of a committed JavaScript file declared once by name, for ./js-argv-dispatch.ts:
 * a declaration `function publish() {…}` (`async`, `export`, a TypeScript return type) or a `const
 * publish = async (…) => {…}` / `= function (…) {…}`, with its body's range. A function expression
 * passed on (`program.action(async function publish() {…})`) is none: it runs without its name.
 * Read from the tokens (./js-tokens.ts), never run.
 */
import { isPunct, type JsToken } from './js-tokens.js';

/** The tokens of a file with the closing bracket of each opening one. */
export interface Brackets {
  tokens: readonly JsToken[];
  close: ReadonlyMap<number, number>;
}

/** A function declared once by name: its name token, body and whether it is exported. */
export interface Declared {
  name: string;
  from: number;
  body: [number, number];
  exported: boolean;
}

const DECLARES = new Set(['function', 'const', 'let', 'var', 'class']);

/** The functions of the file declared once by name (see the file comment), with their bodies. */
export function declaredFunctions(r: Brackets): Declared[] {
  const t = r.tokens;
  const count = new Map<string, number>();
  const out: Declared[] = [];
  for (let i = 1; i < t.length; i++) {
    if (t[i]!.kind !== 'ident' || !DECLARES.has(t[i - 1]!.raw)) continue;
    count.set(t[i]!.raw, (count.get(t[i]!.raw) ?? 0) + 1);
    const lead = t[i - 1]!.raw === 'function' ? (t[i - 2]?.raw === 'async' ? i - 2 : i - 1) : i - 1;
    // `program.action(async function publish() {…})` names a function expression, which runs without its name being used.
    if (t[i - 1]!.raw === 'function' && !statementStart(t, lead)) continue;
    const exported = t[lead - 1]?.raw === 'export' || (t[lead - 1]?.raw === 'default' && t[lead - 2]?.raw === 'export');
    const open = t[i - 1]!.raw === 'function' ? functionBody(r, i + 1) : t[i - 1]!.raw === 'class' ? undefined : isPunct(t[i + 1], '=') ? assignedBody(r, i + 2) : undefined;
    if (open !== undefined) out.push({ name: t[i]!.raw, from: t[lead]!.start, body: [t[open]!.start, t[r.close.get(open)!]!.end], exported });
  }
  return out.filter((d) => count.get(d.name) === 1);
}

/** Whether token `at` starts a statement: after `;`, `{`, `}`, `export`, `export default`, or on a new line after no operator. */
function statementStart(t: readonly JsToken[], at: number): boolean {
  const prev = t[at - 1];
  if (prev === undefined || isPunct(prev, ';') || isPunct(prev, '{') || isPunct(prev, '}') || prev.raw === 'export' || (prev.raw === 'default' && t[at - 2]?.raw === 'export')) return true;
  return t[at]!.newlineBefore && (prev.kind !== 'punct' || isPunct(prev, ')') || isPunct(prev, ']')) && !EXPRESSION_WORDS.has(prev.raw);
}
/** Words after which a `function` continues an expression (`return function x() {}`, `await function`…). */
const EXPRESSION_WORDS = new Set(['return', 'typeof', 'new', 'void', 'yield', 'await', 'in', 'of', 'instanceof', 'delete', 'case']);

/** Code that may call a function by a computed name (`globalThis[name]()`, `eval`): every function stays reached. */
export function callsByName(t: readonly JsToken[]): boolean {
  return t.some((x, i) => x.kind === 'ident' && !isPunct(t[i - 1], '.') && ((['eval', 'Function'].includes(x.raw) && isPunct(t[i + 1], '(')) || (['globalThis', 'global', 'window', 'self', 'this'].includes(x.raw) && isPunct(t[i + 1], '['))));
}

/** The `{` of the body of a function whose parameters open at `at` (after a `<T>` and before a return type). */
function functionBody(r: Brackets, at: number): number | undefined {
  let i = at;
  if (isPunct(r.tokens[i], '<')) while (i < r.tokens.length && !isPunct(r.tokens[i], '(')) i++;
  const close = isPunct(r.tokens[i], '(') ? r.close.get(i) : undefined;
  if (close === undefined) return undefined;
  let k = close + 1;
  if (isPunct(r.tokens[k], ':')) while (k < r.tokens.length && !isPunct(r.tokens[k], '{') && !isPunct(r.tokens[k], ';') && !isPunct(r.tokens[k], '=')) k++;
  return isPunct(r.tokens[k], '{') ? k : undefined;
}

/** `[async] function [name](…) {`, `[async] (…) => {` or `[async] x => {` at `at`: the body's `{`. */
function assignedBody(r: Brackets, at: number): number | undefined {
  const t = r.tokens;
  const i = t[at]?.raw === 'async' && !isPunct(t[at + 1], '=') ? at + 1 : at;
  if (t[i]?.raw === 'function') return functionBody(r, t[i + 1]?.kind === 'ident' ? i + 2 : i + 1);
  let k = isPunct(t[i], '(') ? r.close.get(i) : t[i]?.kind === 'ident' ? i : undefined;
  if (k === undefined) return undefined;
  k++;
  if (isPunct(t[k], ':')) while (k < t.length && !isPunct(t[k], '=>') && !isPunct(t[k], ';') && !isPunct(t[k], '=')) k++;
  return isPunct(t[k], '=>') && isPunct(t[k + 1], '{') ? k + 1 : undefined;
}

