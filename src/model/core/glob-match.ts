/**
 * Shell-style glob matching in linear time, for patterns and texts read from untrusted files: the
 * shell's `${NAME#pattern}` removals (../npm/shell-values.ts) and Go's `filepath.Match` segments of
 * CircleCI's `persist_to_workspace` paths (../circleci/workspace.ts).
 *
 * Why not a regular expression: a pattern such as `*x*x*y` turned into `[\s\S]*x[\s\S]*x[\s\S]*y`
 * backtracks polynomially on a long text, and a removal tries every prefix (a review measured a
 * minute for one script line). Here the pattern is a list of tokens run as a set of positions
 * (a Thompson simulation): each character of the text advances every position at once, so a
 * match costs text length × pattern length, and every prefix length that matches comes out of the
 * same single pass. Hand-written because the glob libraries of the stack (picomatch) compile to
 * regular expressions and match whole paths, not the shell's or Go's single-segment forms.
 */

/** One pattern token: `*`, `?`, a `[…]` class, or a literal character. */
export type GlobToken = { kind: 'star' } | { kind: 'any' } | { kind: 'class'; negated: boolean; ranges: readonly (readonly [string, string])[] } | { kind: 'char'; c: string };

/** Options of a dialect: `escapes` lets `\x` stand for `x` (Go); `negation` is the class negation characters (`!` for the shell, `^` for Go). */
export interface GlobDialect {
  escapes: boolean;
  negation: readonly string[];
}

export const SHELL_GLOB: GlobDialect = { escapes: false, negation: ['!', '^'] };
export const GO_GLOB: GlobDialect = { escapes: true, negation: ['^'] };

/**
 * The pattern's tokens; undefined for a pattern the dialect rejects (an unclosed `[` in Go) — the
 * shell takes an unclosed `[` literally.
 */
export function globTokens(pattern: string, dialect: GlobDialect): GlobToken[] | undefined {
  const out: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*') {
      if (out.at(-1)?.kind !== 'star') out.push({ kind: 'star' }); // `**` in a segment is `*`
    } else if (c === '?') out.push({ kind: 'any' });
    else if (c === '\\' && dialect.escapes) out.push({ kind: 'char', c: pattern.charAt(++i) });
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        if (dialect.escapes) return undefined;
        out.push({ kind: 'char', c });
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negated = dialect.negation.includes(body.charAt(0));
      if (negated) body = body.slice(1);
      const ranges: (readonly [string, string])[] = [];
      for (let j = 0; j < body.length; j++) {
        const from = body.charAt(j);
        if (body.charAt(j + 1) === '-' && j + 2 < body.length) {
          // A reversed range (`[z-a]`): Go's is not decided here (a bad pattern at worst), the shell's matches nothing.
          if (from > body.charAt(j + 2) && dialect.escapes) return undefined;
          ranges.push([from, body.charAt(j + 2)]);
          j += 2;
        } else ranges.push([from, from]);
      }
      out.push({ kind: 'class', negated, ranges });
      i = close;
    } else out.push({ kind: 'char', c });
  }
  return out;
}

function accepts(token: GlobToken, c: string): boolean {
  if (token.kind === 'any' || token.kind === 'star') return true;
  if (token.kind === 'char') return token.c === c;
  const inside = token.ranges.some(([from, to]) => c >= from && c <= to);
  return inside !== token.negated;
}

/** Positions reachable without reading a character (a `*` may match nothing). */
function closure(states: Set<number>, tokens: readonly GlobToken[]): Set<number> {
  for (const s of [...states]) {
    let i = s;
    while (i < tokens.length && tokens[i]!.kind === 'star') states.add(++i);
  }
  return states;
}

/**
 * The lengths `k` (0 to `text.length`, ascending) for which the whole of `tokens` matches
 * `text.slice(0, k)`. One pass over `text`; stops early once no position is alive.
 */
export function matchingPrefixLengths(tokens: readonly GlobToken[], text: string): number[] {
  const lengths: number[] = [];
  let states = closure(new Set([0]), tokens);
  if (states.has(tokens.length)) lengths.push(0);
  for (let k = 0; k < text.length && states.size > 0; k++) {
    const c = text.charAt(k);
    const next = new Set<number>();
    for (const s of states) {
      const token = tokens[s];
      if (token === undefined) continue;
      if (token.kind === 'star') next.add(s);
      if (accepts(token, c)) next.add(s + 1);
    }
    states = closure(next, tokens);
    if (states.has(tokens.length)) lengths.push(k + 1);
  }
  return lengths;
}

/** The lengths `k` for which `tokens` matches the last `k` characters of `text` (ascending). */
export function matchingSuffixLengths(tokens: readonly GlobToken[], text: string): number[] {
  return matchingPrefixLengths([...tokens].reverse(), text.split('').reverse().join(''));
}

/** True when `tokens` matches all of `text`. */
export function globMatchesAll(tokens: readonly GlobToken[], text: string): boolean {
  return matchingPrefixLengths(tokens, text).at(-1) === text.length;
}
