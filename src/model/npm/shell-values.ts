/**
 * Putting known values of shell variables into a word, the way the shell expands it: `$NAME`,
 * `${NAME}`, and the prefix and suffix removals `${NAME#pattern}`, `${NAME##pattern}`,
 * `${NAME%pattern}`, `${NAME%%pattern}` (rxap's `"${PACKAGE_REGISTRY#https?}:_authToken=…"`, which
 * turns `https://registry.npmjs.org/` into `//registry.npmjs.org/`). The caller says what a name
 * holds (a GitLab job's `variables:`, src/model/gitlab/variables.ts). Provider-neutral.
 */

/** `$NAME`, `${NAME}` and `${NAME<op><pattern>}` with `<op>` one of `#`, `##`, `%`, `%%`; any other `${…}` form stays as written. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(##?|%%?)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Bounds on what is matched (files are untrusted): a removal pattern's length and stars, a value's length. */
const MAX_PATTERN = 64;
const MAX_STARS = 3;
const MAX_VALUE = 1024;

/**
 * A removal pattern the shell matches as a glob: `*`, `?`, `[…]`, the rest literal. Undefined for
 * one that expands something itself (`$`, quotes, a backslash), or past the bounds.
 */
function globRegex(pattern: string): RegExp | undefined {
  if (/[$'"`\\]/.test(pattern) || pattern.length > MAX_PATTERN || pattern.split('*').length - 1 > MAX_STARS) return undefined;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/[\\\]]/g, '\\$&');
      out += `[${body}]`;
      i = close;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`);
}

/** `value` with the shortest or longest prefix (`#`, `##`) or suffix (`%`, `%%`) matching `pattern` removed. */
function removeMatch(value: string, op: string, pattern: string): string | undefined {
  const re = globRegex(pattern);
  if (!re || value.length > MAX_VALUE) return undefined;
  const n = value.length;
  if (op === '#' || op === '##') {
    for (let k = 0; k <= n; k++) {
      const len = op === '#' ? k : n - k;
      if (re.test(value.slice(0, len))) return value.slice(len);
    }
    return value;
  }
  for (let k = 0; k <= n; k++) {
    const len = op === '%' ? k : n - k;
    if (re.test(value.slice(n - len))) return value.slice(0, n - len);
  }
  return value;
}

/**
 * `word` with each reference whose value `valueOf` knows put in. A plain reference takes the value
 * as it is (it may itself hold references the caller could not resolve, left for the registry
 * classification: `${CI_API_V4_URL}/projects/…`); a removal needs a value without `$`, as does
 * a removal pattern. Every other reference stays as written.
 */
export function putShellValues(word: string, valueOf: (name: string) => string | undefined): string {
  if (!word.includes('$')) return word;
  return word.replace(REFERENCE, (whole, braced: string | undefined, op: string | undefined, pattern: string | undefined, bare: string | undefined) => {
    const value = valueOf(braced ?? bare ?? '');
    if (value === undefined) return whole;
    if (op === undefined) return value;
    if (value.includes('$')) return whole;
    return removeMatch(value, op, pattern ?? '') ?? whole;
  });
}
