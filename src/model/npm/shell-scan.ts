/**
 * The character-level scans of the shell splitter (shell.ts): where a quoted string, a `$(...)` /
 * `${...}` or a backtick substitution ends. Each never throws and always advances; an unclosed one
 * runs to `end`. `enclosingString` answers, with the same scans, which quoted string a position of
 * a text lies in (a value written inside a string that is shell text of its own).
 */

/**
 * Index just after the bracket that closes the one at `i` (`(` or `{`), skipping quotes and
 * escapes; `end` when unbalanced.
 */
export function skipBalanced(s: string, i: number, end: number): number {
  const open = s[i];
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  let j = i;
  while (j < end) {
    const c = s[j];
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      j = skipQuoted(s, j, end);
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
    j++;
  }
  return end;
}

/** Index just after the quote that closes the one at `i`. */
export function skipQuoted(s: string, i: number, end: number): number {
  const q = s[i];
  let j = i + 1;
  while (j < end && s[j] !== q) j += q === '"' && s[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, end);
}

/** Index of the backtick closing the one at `i` (or `end`). */
export function findBacktick(s: string, i: number, end: number): number {
  let j = i + 1;
  while (j < end && s[j] !== '`') j += s[j] === '\\' ? 2 : 1;
  return Math.min(j, end);
}

/**
 * Index just after the double quote that closes the one at `i`, past the `$(...)`, `${...}` and
 * backticks inside the string, as the splitter reads it (`end` when unclosed).
 */
export function skipDoubleQuoted(s: string, i: number, end: number): number {
  let j = i + 1;
  while (j < end) {
    const c = s[j];
    if (c === '"') return j + 1;
    if (c === '\\') j += 2;
    else if (c === '`') j = findBacktick(s, j, end) + 1;
    else if (c === '$' && (s[j + 1] === '(' || s[j + 1] === '{')) j = skipBalanced(s, j + 1, end);
    else j++;
  }
  return end;
}

/** A quoted string of a text: its quote, where it opens, and just after where it closes (`closed` false when it runs to the end). */
export interface QuotedString {
  quote: '"' | "'";
  start: number;
  end: number;
  closed: boolean;
}

/**
 * The outermost quoted string that position `pos` of `s` lies in; undefined when `pos` is outside
 * quotes or inside a `$(...)`, `${...}` or backtick substitution written outside quotes (whose
 * commands the splitter splits itself).
 */
export function enclosingString(s: string, pos: number): QuotedString | undefined {
  let i = 0;
  while (i <= pos && i < s.length) {
    const c = s[i];
    let j: number;
    if (c === '\\') j = i + 2;
    else if (c === "'" || c === '"') {
      j = c === "'" ? skipQuoted(s, i, s.length) : skipDoubleQuoted(s, i, s.length);
      if (pos < j) return { quote: c, start: i, end: j, closed: j - 1 > i && s[j - 1] === c };
    } else if (c === '`') j = Math.min(findBacktick(s, i, s.length) + 1, s.length);
    else if (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) j = skipBalanced(s, i + 1, s.length);
    else j = i + 1;
    if ((c === '`' || c === '$') && pos < j) return undefined;
    i = j;
  }
  return undefined;
}
