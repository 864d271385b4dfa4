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


/**
 * Which of `functions` a run reaches (one declared by name is reached when exported, or named at a
 * reached place: outside its own header, not in `unreachedAt`, in no function or only in reached
 * ones), and `inner(start)`: the innermost function holding the token that starts at `start`.
 * Linear in the tokens and functions (one sweep, one worklist): a file of thousands of functions
 * took quadratic time (review of 2026-12-07).
 */
export function functionReach(tokens: readonly JsToken[], functions: readonly Declared[], unreachedAt: (offset: number) => boolean): { reached: (offset: number) => boolean; reachedFns: ReadonlySet<Declared> } {
  const sorted = [...functions].sort((a, b) => a.body[0] - b.body[0]);
  const parent = new Map<Declared, Declared | undefined>();
  const innermost = new Map<number, Declared>();
  const stack: Declared[] = [];
  let next = 0;
  for (const t of tokens) {
    while (stack.length > 0 && t.start >= stack.at(-1)!.body[1]) stack.pop();
    for (; next < sorted.length && sorted[next]!.body[0] <= t.start; next++) {
      const f = sorted[next]!;
      while (stack.length > 0 && f.body[0] >= stack.at(-1)!.body[1]) stack.pop();
      parent.set(f, stack.at(-1));
      stack.push(f);
    }
    const top = stack.at(-1);
    if (top) innermost.set(t.start, top);
  }
  const byName = new Map(functions.map((f) => [f.name, f]));
  // Where each function is named, by the innermost function there (undefined: the top level); a use in a template's `${…}` counts at the template.
  const usesIn = new Map<Declared | undefined, Declared[]>();
  const use = (f: Declared | undefined, offset: number): void => {
    if (f === undefined || (offset >= f.from && offset < f.body[0]) || unreachedAt(offset)) return;
    const at = innermost.get(offset);
    const list = usesIn.get(at);
    if (list) list.push(f);
    else usesIn.set(at, [f]);
  };
  for (const t of tokens) {
    if (t.kind === 'ident') use(byName.get(t.raw), t.start);
    else if (t.kind === 'template') for (const p of t.parts ?? []) if ('expr' in p) for (const m of new Set(p.expr.match(/[\w$]+/g))) use(byName.get(m), t.start);
  }
  const reachedFns = new Set<Declared>();
  /** Functions reached with every function around them: what they name is reached. */
  const deep = new Set<Declared>();
  const work: Declared[] = [];
  const reach = (f: Declared): void => {
    if (reachedFns.has(f)) return;
    reachedFns.add(f);
    const p = parent.get(f);
    if (p === undefined || deep.has(p)) work.push(f);
  };
  for (const f of [...functions.filter((x) => x.exported), ...(usesIn.get(undefined) ?? [])]) reach(f);
  const children = new Map<Declared, Declared[]>();
  for (const f of sorted) {
    const p = parent.get(f);
    const list = p && children.get(p);
    if (list) list.push(f);
    else if (p) children.set(p, [f]);
  }
  while (work.length > 0) {
    const f = work.pop()!;
    if (deep.has(f)) continue;
    deep.add(f);
    for (const g of usesIn.get(f) ?? []) reach(g);
    for (const c of children.get(f) ?? []) if (reachedFns.has(c)) work.push(c);
  }
  const holder = (offset: number): Declared | undefined => innermost.get(offset) ?? sorted.filter((f) => offset >= f.body[0] && offset < f.body[1]).at(-1);
  return {
    reached: (offset) => {
      const f = holder(offset);
      return f === undefined || deep.has(f);
    },
    reachedFns,
  };
}
