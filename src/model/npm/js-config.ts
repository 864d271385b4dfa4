/**
 * A JavaScript configuration file read as text, never run: the object it exports, and the
 * literal a function-valued property of that object returns, in the few forms whose value is
 * certain. Anything else (a variable, a condition, a spread that may override the key, the key
 * written twice or assigned elsewhere) reads as unknown. Used for Ship.js's `publishCommand`
 * (shipjs-config.ts).
 */
import { isPunct, tokenize, type JsToken, type TemplatePart } from './js-tokens.js';
import { lazy } from '../core/lazy.js';

/** The object a file exports, as tokens: `module.exports = { ... }` or `export default { ... }`. */
export interface ExportedObject {
  tokens: readonly JsToken[];
  /** Bracket depth before each token (`{`, `(`, `[`). */
  depths: readonly number[];
  /** Indexes of the object's `{` and its `}`. */
  open: number;
  close: number;
}

/** What a function-valued property returns: a string or template literal, and the names it destructures. */
export interface ReturnedLiteral {
  /** The parameter names the function destructures (`({ tag, dir }) =>`); none for `()` or a single name. */
  params: string[];
  parts: TemplatePart[];
  /** Where the property's key is in the text. */
  keyStart: number;
  keyEnd: number;
}

/** Statements that may run the export only sometimes (`if (x) module.exports = ...`). */
const CONTROL_WORDS = new Set(['if', 'else', 'for', 'while', 'do', 'with', 'switch', 'try', 'catch', 'finally']);

const isWord = (t: JsToken | undefined, raw: string): boolean => t?.kind === 'ident' && t.raw === raw;

/**
 * A character that continues an identifier: around `key`, it makes a longer name. Made on first use
 * (`lazy`): the Unicode property set costs about 3 M instructions at load, and most runs read no
 * JavaScript config file.
 */
const IDENTIFIER_PART = lazy(() => /[\p{ID_Continue}$\u200C\u200D]/u);

/**
 * True when a string, template or other token's text holds `word` as a whole name (`'key'`,
 * `${config.key}`), not inside a longer one: algolia/instantsearch's `${publishCommands}` in
 * another function's template does not name `publishCommand`.
 */
function holdsWord(raw: string, word: string): boolean {
  if (word === '') return false;
  for (let at = raw.indexOf(word); at !== -1; at = raw.indexOf(word, at + 1)) {
    const part = IDENTIFIER_PART();
    if (!part.test(raw[at - 1] ?? '') && !part.test(raw[at + word.length] ?? '')) return true;
  }
  return false;
}

/**
 * The object `text` exports, when the file assigns it once, unconditionally, written in place:
 * `module.exports = {...}` or `export default {...}` (in TypeScript also followed by `satisfies
 * Config` or `as Config`), no other `exports`/`export`, and no spread (`...base`) among its own
 * properties. Undefined otherwise.
 */
export function exportedObject(text: string): ExportedObject | undefined {
  const tokens = tokenize(text);
  const depths = tokens && bracketDepths(tokens);
  if (!tokens || !depths) return undefined;
  if (tokens.filter((t) => isWord(t, 'exports') || isWord(t, 'export')).length !== 1) return undefined;
  const at = tokens.findIndex((t) => isWord(t, 'exports') || isWord(t, 'export'));
  const cjs = isWord(tokens[at], 'exports') && isWord(tokens[at - 2], 'module') && isPunct(tokens[at - 1], '.') && isPunct(tokens[at + 1], '=');
  const esm = isWord(tokens[at], 'export') && isWord(tokens[at + 1], 'default');
  const start = cjs ? at - 2 : at;
  const open = at + 2;
  if ((!cjs && !esm) || !isPunct(tokens[open], '{') || depths[start] !== 0 || !startsStatement(tokens, depths, start)) return undefined;
  const close = closingIndex(tokens, depths, open);
  if (close === undefined) return undefined;
  const after = tokens[typeCheckEnd(tokens, depths, close + 1)];
  if (after !== undefined && !isPunct(after, ';') && !after.newlineBefore) return undefined;
  for (let i = open + 1; i < close; i++) if (depths[i] === 1 && isPunct(tokens[i], '...')) return undefined;
  return { tokens, depths, open, close };
}

/**
 * The index after a TypeScript type check that follows the exported object (`} satisfies Config`,
 * `} as Config`, `} as const`: they change no value), up to a `;` or a new line outside brackets;
 * `i` itself when there is none.
 */
function typeCheckEnd(tokens: readonly JsToken[], depths: readonly number[], i: number): number {
  if (!isWord(tokens[i], 'satisfies') && !isWord(tokens[i], 'as')) return i;
  let j = i + 1;
  while (j < tokens.length && !(depths[j] === 0 && (isPunct(tokens[j], ';') || (j > i + 1 && tokens[j]!.newlineBefore)))) j++;
  return j;
}

/** True when the object holds `name` as a word anywhere (a key, a shorthand property, a value). */
export function mentions(object: ExportedObject, name: string): boolean {
  for (let i = object.open + 1; i < object.close; i++) if (isWord(object.tokens[i], name)) return true;
  return false;
}

/**
 * The literal that property `key` of the exported object returns when it is a function written in
 * one of these forms, and nothing else names `key` in the file (as a whole name: an identifier, or
 * within a string, template or regular expression; `${keys}` does not name `key`):
 * `key: () => '…'`, `key: ({ a, b }) => \`…\``, `key: x => ('…')`, `key: function () { return '…'; }`,
 * `key({ a }) { return \`…\`; }`. `absent` when the file never names `key`; undefined for anything
 * else (a string value, a condition, a variable, `async`, default values in the parameters).
 */
export function returnedLiteral(object: ExportedObject, key: string): ReturnedLiteral | 'absent' | undefined {
  const { tokens, depths } = object;
  const named = tokens.filter((t) => (t.kind === 'ident' ? t.raw === key : holdsWord(t.raw, key)));
  if (named.length === 0) return 'absent';
  const k = tokens.indexOf(named[0]!);
  if (named.length > 1 || named[0]!.kind !== 'ident' || k <= object.open || k >= object.close || depths[k] !== 1) return undefined;
  if (k - 1 !== object.open && !isPunct(tokens[k - 1], ',')) return undefined;
  const read = isPunct(tokens[k + 1], ':') ? functionValue(tokens, k + 2) : isPunct(tokens[k + 1], '(') ? functionBody(tokens, k + 1, 'block') : undefined;
  if (!read) return undefined;
  const next = read.next;
  if (next !== object.close && !isPunct(tokens[next], ',')) return undefined;
  return { params: read.params, parts: read.parts, keyStart: named[0]!.start, keyEnd: named[0]!.end };
}

interface Read {
  params: string[];
  parts: TemplatePart[];
  /** Index of the token after the function. */
  next: number;
}

/** `function [name] (params) { return lit; }` or an arrow function, starting at token `i`. */
function functionValue(tokens: readonly JsToken[], i: number): Read | undefined {
  if (isWord(tokens[i], 'function')) {
    const at = tokens[i + 1]?.kind === 'ident' ? i + 2 : i + 1;
    return isPunct(tokens[at], '(') ? functionBody(tokens, at, 'block') : undefined;
  }
  if (tokens[i]?.kind === 'ident' && isPunct(tokens[i + 1], '=>')) return arrowBody(tokens, i + 2, []);
  return isPunct(tokens[i], '(') ? functionBody(tokens, i, 'arrow') : undefined;
}

/** Parameters at `(` (index `i`), then the body: a block with one `return`, or an arrow's. */
function functionBody(tokens: readonly JsToken[], i: number, kind: 'block' | 'arrow'): Read | undefined {
  const params = parameters(tokens, i);
  if (!params) return undefined;
  if (kind === 'arrow') return isPunct(tokens[params.next], '=>') ? arrowBody(tokens, params.next + 1, params.names) : undefined;
  return isPunct(tokens[params.next], '{') ? blockBody(tokens, params.next, params.names) : undefined;
}

/** `()`, `(name)` or `({ a, b })` at index `i`: the destructured names and the index after `)`. */
function parameters(tokens: readonly JsToken[], i: number): { names: string[]; next: number } | undefined {
  if (isPunct(tokens[i + 1], ')')) return { names: [], next: i + 2 };
  if (tokens[i + 1]?.kind === 'ident' && isPunct(tokens[i + 2], ')')) return { names: [], next: i + 3 };
  if (!isPunct(tokens[i + 1], '{')) return undefined;
  const names: string[] = [];
  let j = i + 2;
  while (tokens[j]?.kind === 'ident') {
    names.push(tokens[j]!.raw);
    j++;
    if (!isPunct(tokens[j], ',')) break;
    j++;
  }
  return isPunct(tokens[j], '}') && isPunct(tokens[j + 1], ')') ? { names, next: j + 2 } : undefined;
}

/** An arrow's body at `i`: a literal, a parenthesised literal, or a block with one `return`. */
function arrowBody(tokens: readonly JsToken[], i: number, params: string[]): Read | undefined {
  if (isPunct(tokens[i], '{')) return blockBody(tokens, i, params);
  const value = literalAt(tokens, i);
  return value && { params, parts: value.parts, next: value.next };
}

/** `{ return lit; }` at index `i` (the literal on the `return`'s line: a line break there returns nothing). */
function blockBody(tokens: readonly JsToken[], i: number, params: string[]): Read | undefined {
  if (!isWord(tokens[i + 1], 'return')) return undefined;
  const value = tokens[i + 2]?.newlineBefore === false ? literalAt(tokens, i + 2) : undefined;
  if (!value) return undefined;
  const end = isPunct(tokens[value.next], ';') ? value.next + 1 : value.next;
  return isPunct(tokens[end], '}') ? { params, parts: value.parts, next: end + 1 } : undefined;
}

/** A string or template literal at `i`, or one in parentheses, with its pieces. */
function literalAt(tokens: readonly JsToken[], i: number): { parts: TemplatePart[]; next: number } | undefined {
  // Counted, not recursive: 20,000 parentheses around the literal overflowed the stack (review of 2026-12-04).
  let open = 0;
  while (isPunct(tokens[i + open], '(')) open++;
  const t = tokens[i + open];
  let parts: TemplatePart[] | undefined;
  if (t?.kind === 'string' && t.value !== undefined) parts = [{ text: t.value }];
  else if (t?.kind === 'template' && t.parts !== undefined) parts = t.parts;
  if (parts === undefined) return undefined;
  let next = i + open + 1;
  for (let closed = 0; closed < open; closed++, next++) if (!isPunct(tokens[next], ')')) return undefined;
  return { parts, next };
}

/** The bracket depth before each token; undefined when the brackets do not match. */
function bracketDepths(tokens: readonly JsToken[]): number[] | undefined {
  const depths: number[] = [];
  const stack: string[] = [];
  const pairs: Record<string, string> = { '}': '{', ')': '(', ']': '[' };
  for (const t of tokens) {
    if (t.kind === 'punct' && pairs[t.raw] !== undefined && stack.pop() !== pairs[t.raw]) return undefined;
    depths.push(stack.length);
    if (t.kind === 'punct' && (t.raw === '{' || t.raw === '(' || t.raw === '[')) stack.push(t.raw);
  }
  return stack.length === 0 ? depths : undefined;
}

/** The `}` that closes the `{` at `open`. */
function closingIndex(tokens: readonly JsToken[], depths: readonly number[], open: number): number | undefined {
  for (let i = open + 1; i < tokens.length; i++) if (depths[i] === depths[open] && isPunct(tokens[i], '}')) return i;
  return undefined;
}

/**
 * The token at `start` begins a statement that always runs: no control statement at the top level
 * before it, and the token before it ends a statement (`;`, `}`, or a line break).
 */
function startsStatement(tokens: readonly JsToken[], depths: readonly number[], start: number): boolean {
  for (let i = 0; i < start; i++) if (depths[i] === 0 && tokens[i]!.kind === 'ident' && CONTROL_WORDS.has(tokens[i]!.raw)) return false;
  const prev = tokens[start - 1];
  return prev === undefined || isPunct(prev, ';') || isPunct(prev, '}') || tokens[start]!.newlineBefore;
}
