/**
 * Putting known values of shell variables into a word, the way the shell expands it: `$NAME`,
 * `${NAME}`, and the prefix and suffix removals `${NAME#pattern}`, `${NAME##pattern}`,
 * `${NAME%pattern}`, `${NAME%%pattern}` (rxap's `"${PACKAGE_REGISTRY#https?}:_authToken=…"`, which
 * turns `https://registry.npmjs.org/` into `//registry.npmjs.org/`). The caller says what a name
 * holds (a GitLab job's `variables:`, src/model/gitlab/variables.ts). Provider-neutral.
 */

import { globTokens, matchingPrefixLengths, matchingSuffixLengths, SHELL_GLOB } from '../core/glob-match.js';

/** `$NAME`, `${NAME}` and `${NAME<op><pattern>}` with `<op>` one of `#`, `##`, `%`, `%%`; any other `${…}` form stays as written. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(##?|%%?)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Bounds on what is matched (files are untrusted): a removal pattern's length, a value's length. */
const MAX_PATTERN = 64;
const MAX_VALUE = 1024;

/**
 * `value` with the shortest or longest prefix (`#`, `##`) or suffix (`%`, `%%`) matching `pattern`
 * (a glob: `*`, `?`, `[…]`, the rest literal) removed, in one linear pass (../core/glob-match.ts).
 * Undefined for a pattern that expands something itself (`$`, quotes, a backslash), or past the bounds.
 */
function removeMatch(value: string, op: string, pattern: string): string | undefined {
  if (/[$'"`\\]/.test(pattern) || pattern.length > MAX_PATTERN || value.length > MAX_VALUE) return undefined;
  const tokens = globTokens(pattern, SHELL_GLOB);
  if (!tokens) return undefined;
  const prefix = op === '#' || op === '##';
  const lengths = prefix ? matchingPrefixLengths(tokens, value) : matchingSuffixLengths(tokens, value);
  if (lengths.length === 0) return value;
  const len = op === '#' || op === '%' ? lengths[0]! : lengths.at(-1)!;
  return prefix ? value.slice(len) : value.slice(0, value.length - len);
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
