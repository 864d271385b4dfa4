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
