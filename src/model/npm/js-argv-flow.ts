/**
 * The control flow ./js-argv-dispatch.ts reads around a test of the run's arguments, from the
 * tokens (./js-tokens.ts), exactly and conservatively: an unbraced branch (`if (cmd === 'x')
 * doX(); else …`), a flag test (`process.argv.includes('--publish')`), and the code after an
 * `if (args.includes('--dry-run')) return;` that a run passing the flag never reaches.
 */
import { isPunct, literalText } from './js-tokens.js';
import type { BracketedTokens } from './js-argv-changes.js';

/** A character (or token) range `[start, end)`. */
export type Range = [number, number];

/** Whether an offset is in one of `ranges`: merged once, then a binary search. */
export function within(ranges: readonly Range[]): (offset: number) => boolean {
  const merged: Range[] = [];
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return (offset) => {
    let lo = 0;
    let hi = merged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (merged[mid]![0] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && offset < merged[lo - 1]![1];
  };
}

/** Words that start a statement an unbraced branch is not read as (a nested `if` would take the `else`; a declaration is no branch). */
const COMPOUND = new Set(['if', 'for', 'while', 'do', 'switch', 'try', 'function', 'class', 'const', 'let', 'var', 'else', 'with', 'async', 'import', 'export']);

/**
 * The last token of the branch that starts at token `p`: a braced block's `}`, or one statement
 * on one line ended by `;` (`if (cmd === 'x') doX();`); undefined when it cannot be read so (a
 * compound statement, a label, a statement without `;` or over several lines).
 */
export function branchEnd(b: BracketedTokens, p: number): number | undefined {
  const t = b.tokens;
  if (isPunct(t[p], '{')) return b.close.get(p);
  const first = t[p];
  if (first === undefined || (first.kind === 'ident' && COMPOUND.has(first.raw)) || isPunct(t[p + 1], ':')) return undefined;
  for (let k = p; k < t.length; k++) {
    if (k > p && t[k]!.newlineBefore) return undefined;
    if (isPunct(t[k], ';')) return k;
    const close = b.close.get(k);
    if (close !== undefined) k = close;
    else if (b.open.has(k)) return undefined;
  }
  return undefined;
}

/** `return`, `throw` or `process.exit(` at token `k`. */
function exitsAt(b: BracketedTokens, k: number): boolean {
  const t = b.tokens;
  const word = (i: number, raw: string): boolean => t[i]?.kind === 'ident' && t[i]!.raw === raw;
  return word(k, 'return') || word(k, 'throw') || (word(k, 'process') && isPunct(t[k + 1], '.') && word(k + 2, 'exit') && isPunct(t[k + 3], '('));
}

/** Whether the branch `[body, end]` always leaves: it is, or its block holds at its top level, a statement `return`, `throw` or `process.exit(…)`. */
export function exitsAlways(b: BracketedTokens, body: number, end: number): boolean {
  if (!isPunct(b.tokens[body], '{')) return exitsAt(b, body);
  for (let k = body + 1; k < end; k++) if (b.parent[k] === body && (k === body + 1 || isPunct(b.tokens[k - 1], ';')) && exitsAt(b, k)) return true;
  return false;
}

/** The last `function` token directly in each block (-1: the top level): a function declared there is hoisted. */
export function lastFunctions(b: BracketedTokens): Map<number, number> {
  const out = new Map<number, number>();
  b.tokens.forEach((x, k) => x.kind === 'ident' && x.raw === 'function' && out.set(b.parent[k]!, k));
  return out;
}

/**
 * The tokens `[from, to]` after the statement `[start, end]` up to the end of its block, which a
 * run leaving in that statement never reaches; undefined when the statement is not one of its own
 * (after a `for (…)` or a label), the block is a `switch`'s (other cases are entered by their
 * labels), or it declares a function after the statement (hoisted, it may be called before).
 */
export function restOfBlock(b: BracketedTokens, start: number, end: number, hoisted: ReadonlyMap<number, number>): [number, number] | undefined {
  const t = b.tokens;
  const prev = t[start - 1];
  if (prev !== undefined && !isPunct(prev, ';') && !isPunct(prev, '{') && !isPunct(prev, '}')) return undefined;
  const block = b.parent[start]!;
  if (block >= 0 && !isPunct(t[block], '{')) return undefined;
  const head = block >= 0 && isPunct(t[block - 1], ')') ? b.open.get(block - 1) : undefined;
  if (head !== undefined && t[head - 1]?.raw === 'switch') return undefined;
  const last = block >= 0 ? b.close.get(block)! - 1 : t.length - 1;
  if (last <= end || (hoisted.get(block) ?? -1) > end) return undefined;
  return [end + 1, last];
}

/**
 * `X.includes('--flag')` at token `i`, X the run's arguments (`process.argv`, `Bun.argv`,
 * `Deno.args`, or a list bound to them: `list(i)` gives its end): its end and the flag.
 */
export function argvFlag(b: BracketedTokens, i: number, list: (i: number) => number | undefined): { end: number; flag: string } | undefined {
  const t = b.tokens;
  const x = t[i];
  if (x?.kind !== 'ident' || isPunct(t[i - 1], '.')) return undefined;
  const holder = (x.raw === 'process' || x.raw === 'Bun') && isPunct(t[i + 1], '.') && t[i + 2]?.raw === 'argv' ? i + 3 : x.raw === 'Deno' && isPunct(t[i + 1], '.') && t[i + 2]?.raw === 'args' ? i + 3 : list(i);
  if (holder === undefined || !isPunct(t[holder], '.') || t[holder + 1]?.raw !== 'includes' || !isPunct(t[holder + 2], '(') || !isPunct(t[holder + 4], ')')) return undefined;
  const flag = literalText(t[holder + 3]!);
  return flag?.startsWith('-') === true ? { end: holder + 5, flag } : undefined;
}
