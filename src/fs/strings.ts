/**
 * String helpers for text that comes from the repository under review, written as scans instead
 * of regular expressions: `s.replace(/\/+$/, '')` is quadratic on a long run of `/` followed by
 * another character (the engine retries the run from every position), and eslint-plugin-regexp
 * (`regexp/no-super-linear-move`) flags it. Each helper here is one pass.
 */

/** `s` without the run of `ch` at its end (`a//` → `a`). */
export function trimEndChar(s: string, ch: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === ch) end--;
  return s.slice(0, end);
}

/** `s` without the run of `ch` at its start (`//a` → `a`). */
export function trimStartChar(s: string, ch: string): string {
  let start = 0;
  while (start < s.length && s[start] === ch) start++;
  return s.slice(start);
}

/** `s` up to (not including) the first of `chars` (`a@v1@x` with `@` → `a`); all of `s` when none occurs. */
export function cutAtFirst(s: string, chars: string): string {
  for (let i = 0; i < s.length; i++) if (chars.includes(s[i]!)) return s.slice(0, i);
  return s;
}

/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 keeps a substring as a
 * slice of its parent (a `run:` value is a slice of its workflow's whole text), so a long-lived
 * cache that holds a small piece would otherwise hold the whole file: the script-split cache
 * (`src/model/npm/shell.ts`) counts its bound in the characters of its keys, which is only true
 * when each key owns its characters (in an editor, every edit of a file leaves the old text behind).
 * JavaScript has no explicit copy; prefixing a character and cutting it off again makes V8 write
 * the characters to a new string of their own (a concatenation is flattened before it is cut), in
 * one copy, with no encoding round trip.
 */
export function ownCopy(s: string): string {
  return ` ${s}`.slice(1);
}
