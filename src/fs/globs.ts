import { createRequire } from 'node:module';
import type Picomatch from 'picomatch';

/**
 * Glob matching in time linear in the path, whatever the pattern.
 *
 * Both the patterns (the config's `ignore:` and `packages:`, package.json `workspaces`, GitLab
 * `include: local:` wildcards) and the file names come from the repository under review, so a
 * hostile pull request chooses both. A regular expression with several lazy stars
 * (`*a*a*a*a*b.yml`, GitLab's `**a**a**a.yml`) backtracks polynomially against a long file name:
 * seconds to hours. So patterns are not turned into regular expressions here: they are compiled to
 * a small automaton of tokens, and a path is matched by simulating every state at once (a set of
 * active states per character, as Thompson's construction does). The cost of one match is at most
 * (path length) × (pattern tokens), with no backtracking.
 *
 * Two dialects:
 * - `compileGlobs`: picomatch's syntax and results (the matcher globby is built on) for the
 *   common subset: `*`, `**` as a whole segment (written so, not from braces), `?`, `[abc]` / `[a-z]` / `[^a]`, `{a,b}` (nested,
 *   up to 64 alternatives), a leading `!` and `./`, the `dot` option. A property test compares it
 *   with picomatch. Patterns outside that subset (extglobs such as `@(a|b)`, escapes, `[!a]`,
 *   classes containing `/`, brace ranges, braces with an empty alternative or one that starts
 *   with a wildcard) go to picomatch itself, behind a bound: such a pattern must be at most 100
 *   characters with at most two runs of `*`, and is tried only on paths of at most 256
 *   characters (a longer path does not match it). Within those bounds the worst backtracking is
 *   a few tens of thousands of steps. A pattern beyond them matches nothing (`globMatching`).
 * - `compileGitlabGlob`: GitLab's wildcard grammar for `include: local:`.
 *
 * Every pattern is at most `MAX_GLOB_LENGTH` characters; a longer one matches nothing.
 */
export const MAX_GLOB_LENGTH = 256;
const MAX_ALTERNATIVES = 64;
const FALLBACK_MAX_LENGTH = 100;
const FALLBACK_MAX_STARS = 2;
const FALLBACK_MAX_INPUT = 256;

let picomatch: typeof Picomatch | undefined;

type Matcher = (file: string) => boolean;

// ---------------------------------------------------------------------------------------------
// Segment tokens (picomatch dialect): one path segment at a time, `/` never inside.

type Token =
  | { t: 'lit'; c: string }
  | { t: 'any' }
  | { t: 'star' }
  | { t: 'class'; negated: boolean; chars: string; ranges: [number, number][] };

type Segment = { globstar: true } | { globstar: false; tokens: Token[] };

/** A compiled alternative: its segments, or undefined when it needs picomatch. */
function compileSegments(pattern: string, finalNeedsOne: boolean): Segment[] | undefined {
  const segments: Segment[] = [];
  for (const part of pattern.split('/')) {
    if (part === '**') {
      // `a/**/**/b` is `a/**/b`.
      if (segments.at(-1)?.globstar !== true) segments.push({ globstar: true });
      continue;
    }
    const tokens: Token[] = [];
    for (let i = 0; i < part.length; i++) {
      const c = part[i]!;
      if (c === '*') {
        while (part[i + 1] === '*') i++; // `a**b` is `a*b` in picomatch
        if (tokens.at(-1)?.t !== 'star') tokens.push({ t: 'star' });
      } else if (c === '?') {
        tokens.push({ t: 'any' });
      } else if (c === '[') {
        const close = part.indexOf(']', i + (part[i + 1] === '^' ? 3 : 2));
        if (close < 0 || part[i + 1] === '!') return undefined;
        const body = part.slice(i + 1 + (part[i + 1] === '^' ? 1 : 0), close);
        if (body === '') return undefined;
        const ranges: [number, number][] = [];
        let chars = '';
        for (let k = 0; k < body.length; k++) {
          if (body[k + 1] === '-' && k + 2 < body.length) {
            const from = body.charCodeAt(k);
            const to = body.charCodeAt(k + 2);
            if (from > to) return undefined;
            ranges.push([from, to]);
            k += 2;
          } else {
            chars += body[k];
          }
        }
        tokens.push({ t: 'class', negated: part[i + 1] === '^', chars, ranges });
        i = close;
      } else {
        tokens.push({ t: 'lit', c });
      }
    }
    segments.push({ globstar: false, tokens });
  }
  // See `finalGlobstarNeedsOne`: a `*` segment before the final `**` says "one more segment".
  if (finalNeedsOne && segments.at(-1)?.globstar) segments.splice(segments.length - 1, 0, { globstar: false, tokens: [{ t: 'star' }] });
  return segments;
}

// picomatch reads a final globstar segment written right after a `*` (`a*` + `/**`) as "at
// least one more segment"; after anything else (`a` + `/**`, `{a,b}` + `/**`) it also matches
// nothing more. Decided on the pattern as written, before braces are expanded.

function finalGlobstarNeedsOne(written: string): boolean {
  let pattern = written;
  while (pattern.endsWith('/**/**')) pattern = pattern.slice(0, -3); // `a*/**/**` is `a*/**`
  if (!pattern.endsWith('*/**')) return false;
  const segments = pattern.split('/');
  return segments.length >= 2 && segments[segments.length - 2] !== '**';
}

function classMatches(token: Extract<Token, { t: 'class' }>, c: string): boolean {
  const code = c.charCodeAt(0);
  const inside = token.chars.includes(c) || token.ranges.some(([a, b]) => code >= a && code <= b);
  return inside !== token.negated;
}

/** One pattern segment against one path segment: all states at once, O(segment × tokens). */
function matchSegment(tokens: readonly Token[], segment: string, dot: boolean): boolean {
  const first = tokens[0];
  // picomatch: without `dot`, a segment that starts with a wildcard never matches a dotfile.
  if (!dot && segment.startsWith('.') && (first?.t === 'star' || first?.t === 'any')) return false;
  const n = tokens.length;
  let current = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  const close = (set: Uint8Array): void => {
    for (let s = 0; s < n; s++) if (set[s] && tokens[s]!.t === 'star') set[s + 1] = 1;
  };
  current[0] = 1;
  close(current);
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    next.fill(0);
    let alive = false;
    for (let s = 0; s < n; s++) {
      if (!current[s]) continue;
      const token = tokens[s]!;
      if (token.t === 'star') {
        next[s] = 1;
        alive = true;
      } else if ((token.t === 'lit' && token.c === c) || token.t === 'any' || (token.t === 'class' && classMatches(token, c))) {
        next[s + 1] = 1;
        alive = true;
      }
    }
    if (!alive) return false;
    close(next);
    [current, next] = [next, current];
  }
  return current[n] === 1;
}

/** A path against compiled segments: all segment states at once, each segment pair matched once. */
function matchSegments(segments: readonly Segment[], path: string, dot: boolean): boolean {
  const parts = path.split('/');
  const m = segments.length;
  let current = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  const close = (set: Uint8Array): void => {
    for (let s = 0; s < m; s++) if (set[s] && segments[s]!.globstar) set[s + 1] = 1;
  };
  current[0] = 1;
  close(current);
  for (const part of parts) {
    next.fill(0);
    let alive = false;
    for (let s = 0; s < m; s++) {
      if (!current[s]) continue;
      const segment = segments[s]!;
      if (segment.globstar) {
        // picomatch: `**` crosses no dot segment without `dot`, and never `.` or `..`.
        if ((dot || !part.startsWith('.')) && part !== '.' && part !== '..') {
          next[s] = 1;
          alive = true;
        }
      } else if (matchSegment(segment.tokens, part, dot)) {
        next[s + 1] = 1;
        alive = true;
      }
    }
    if (!alive) return false;
    close(next);
    [current, next] = [next, current];
  }
  return current[m] === 1;
}

/** `{a,b}c` → `ac`, `bc` (nested groups too); undefined when it is not a plain brace list. */
function expandBraces(pattern: string): string[] | undefined {
  const open = pattern.indexOf('{');
  if (open < 0) return pattern.includes('}') ? undefined : [pattern];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      close = i;
      break;
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0 || commas.length === 0) return undefined;
  const inner = pattern.slice(open + 1, close);
  if (inner.includes('..')) return undefined;
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const option = pattern.slice(bounds[k]! + 1, bounds[k + 1]);
    // picomatch keeps braces as a group inside the segment, so an empty alternative or one that
    // starts with a wildcard does not get the dotfile rule of a segment that starts with one:
    // such patterns are left to picomatch.
    if (option === '' || /^[*?[]/.test(option)) return undefined;
    const expanded = expandBraces(`${pattern.slice(0, open)}${option}${pattern.slice(close + 1)}`);
    if (!expanded) return undefined;
    out.push(...expanded);
    if (out.length > MAX_ALTERNATIVES) return undefined;
  }
  return out;
}

/** Characters that only picomatch understands (extglobs, escapes, `[!a]`, classes with `/`). */
function needsPicomatch(pattern: string): boolean {
  if (/[\\()|]/.test(pattern) || pattern.includes('[!')) return true;
  // `**` inside a segment (`a**`, `**{a,b}`) means different things to picomatch in different places.
  if (pattern.split('/').some((segment) => segment !== '**' && segment.includes('**'))) return true;
  for (let i = pattern.indexOf('['); i >= 0; i = pattern.indexOf('[', i + 1)) {
    const close = pattern.indexOf(']', i + 2);
    if (close >= 0 && pattern.slice(i, close).includes('/')) return true;
  }
  return false;
}

/** A pattern split into its negation and what is matched (leading `!` and `./` removed). */
function prepare(raw: string): { negated: boolean; pattern: string } {
  let pattern = raw;
  let negated = false;
  if (pattern.startsWith('!') && !pattern.startsWith('!(')) {
    negated = true;
    pattern = pattern.slice(1);
  }
  while (pattern.startsWith('./')) pattern = pattern.slice(2);
  return { negated, pattern };
}

/** The compiled alternatives, or undefined when the pattern needs picomatch. */
function compileLinear(pattern: string): Segment[][] | undefined {
  const alternatives = needsPicomatch(pattern) || pattern.startsWith('!') ? undefined : expandBraces(pattern);
  const needsOne = finalGlobstarNeedsOne(pattern);
  const compiled = alternatives?.map((alternative) => compileSegments(alternative, needsOne));
  return compiled?.every((c): c is Segment[] => c !== undefined) ? compiled : undefined;
}

/** Runs of `*` (`**` is one): the backtracking degree of picomatch's expression. */
function starRuns(pattern: string): number {
  return pattern.split(/\*+/).length - 1;
}

/**
 * How a pattern is matched: `linear` (the automaton here), `bounded` (picomatch, within the
 * bounds above), or `refused` (outside them: it matches nothing). For tests and messages.
 */
export function globMatching(raw: string): 'linear' | 'bounded' | 'refused' {
  if (raw.length > MAX_GLOB_LENGTH) return 'refused';
  const { pattern } = prepare(raw);
  if (compileLinear(pattern)) return 'linear';
  return pattern.length > FALLBACK_MAX_LENGTH || starRuns(pattern) > FALLBACK_MAX_STARS ? 'refused' : 'bounded';
}

/** One pattern, picomatch dialect. */
function compileOne(raw: string, dot: boolean): Matcher {
  if (raw.length > MAX_GLOB_LENGTH) return () => false;
  const { negated, pattern } = prepare(raw);
  const compiled = compileLinear(pattern);
  const matcher: Matcher = compiled ? (file) => compiled.some((segments) => matchSegments(segments, file, dot)) : boundedPicomatch(pattern, dot);
  return negated ? (file) => !matcher(file) : matcher;
}

/** picomatch for the rare pattern outside the subset, within bounds that keep its backtracking small. */
function boundedPicomatch(pattern: string, dot: boolean): Matcher {
  if (pattern.length > FALLBACK_MAX_LENGTH || starRuns(pattern) > FALLBACK_MAX_STARS) return () => false;
  picomatch ??= createRequire(import.meta.url)('picomatch') as typeof Picomatch;
  const re = picomatch.makeRe(pattern, { dot });
  return (file) => file.length <= FALLBACK_MAX_INPUT && re.test(file);
}

/**
 * A matcher for a list of globs (true when any matches), for the config's `ignore:` and
 * `packages:` lists and for workspace patterns. Paths are repository-relative with `/`.
 */
export function compileGlobs(patterns: readonly string[], options: { dot?: boolean } = {}): Matcher {
  const dot = options.dot ?? true;
  const matchers = patterns.map((p) => compileOne(p, dot));
  return (file: string) => matchers.some((m) => m(file));
}

// ---------------------------------------------------------------------------------------------
// GitLab's dialect

/**
 * `lit`: one character; `star`: any run without `/`; `any`: any run; `dirs` + `dirsIn`: the two
 * states of `**` + `/`, a run of directories or none: `dirs` may be skipped, and its first
 * character leads into `dirsIn`, which can only be left through a `/`.
 */
type GitlabToken = { t: 'lit'; c: string } | { t: 'star' } | { t: 'any' } | { t: 'dirs' } | { t: 'dirsIn' };

/**
 * GitLab's wildcard grammar for `include: local:` (Repository#search_files_by_wildcard_path):
 * `**` + `/` is any run of directories or none, `**` any characters, `*` any characters but `/`.
 * Nothing else is special. Matched like the segment tokens above: O(path × pattern).
 */
export function compileGitlabGlob(pattern: string): Matcher {
  if (pattern.length > MAX_GLOB_LENGTH) return () => false;
  const tokens: GitlabToken[] = [];
  for (let i = 0; i < pattern.length; ) {
    if (pattern.startsWith('**/', i)) {
      tokens.push({ t: 'dirs' }, { t: 'dirsIn' });
      i += 3;
    } else if (pattern.startsWith('**', i)) {
      tokens.push({ t: 'any' });
      i += 2;
    } else if (pattern[i] === '*') {
      tokens.push({ t: 'star' });
      i += 1;
    } else {
      tokens.push({ t: 'lit', c: pattern[i]! });
      i += 1;
    }
  }
  const n = tokens.length;
  /** ε-moves, in token order (each only moves forward): past a star or `**`, or past a whole `dirs` group. */
  const close = (set: Uint8Array): void => {
    for (let s = 0; s < n; s++) {
      if (!set[s]) continue;
      const t = tokens[s]!.t;
      if (t === 'star' || t === 'any') set[s + 1] = 1;
      else if (t === 'dirs') set[s + 2] = 1;
    }
  };
  return (path: string) => {
    let current = new Uint8Array(n + 1);
    let next = new Uint8Array(n + 1);
    current[0] = 1;
    close(current);
    for (let i = 0; i < path.length; i++) {
      const c = path[i]!;
      next.fill(0);
      let alive = false;
      for (let s = 0; s < n; s++) {
        if (!current[s]) continue;
        const token = tokens[s]!;
        let to = -1;
        let stay = false;
        if (token.t === 'lit') to = token.c === c ? s + 1 : -1;
        else if (token.t === 'star') stay = c !== '/';
        else if (token.t === 'any') stay = true;
        else if (token.t === 'dirs') {
          // The first character of the run: into it, and a `/` may also end it at once.
          to = s + 1;
          if (c === '/') next[s + 2] = 1;
        }
        else {
          stay = true;
          if (c === '/') to = s + 1;
        }
        if (stay) next[s] = 1;
        if (to >= 0) next[to] = 1;
        alive ||= stay || to >= 0;
      }
      if (!alive) return false;
      close(next);
      [current, next] = [next, current];
    }
    return current[n] === 1;
  };
}
