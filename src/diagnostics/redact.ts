import type { Diagnostic, Fix } from './diagnostic.js';

/**
 * Secret redaction at the output boundary: every string tp-doctor prints passes `redact` first
 * (the CLI redacts diagnostics, notes and errors before formatting; the ESLint plugin redacts what
 * it hands to ESLint). Rules never put a secret's value in a message on purpose, but messages quote
 * user values (a `runs-on` label, an environment name, the first line of a version file), and a
 * user value can be a pasted token.
 *
 * What is masked, keeping a short prefix so the user can tell which secret it was:
 *
 * | input                                              | output                             |
 * |----------------------------------------------------|------------------------------------|
 * | `npm_` + 36 letters/digits (npm access token)      | `npm_****`                         |
 * | `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 30 or more | `ghp_****` (GitHub tokens)         |
 * | `github_pat_` + 20 or more                         | `github_pat_****`                  |
 * | `glpat-` + 20 or more                              | `glpat-****` (GitLab tokens)       |
 * | `_authToken=v`, `_auth=v`, `_password=v`           | `_authToken=****` (npmrc style)    |
 * | `Authorization: Bearer v` (also `Basic`)           | `Authorization: Bearer ****`       |
 * | a JWT (`eyJ` header `.` payload `.` signature)     | `eyJ****` (an OIDC ID token)       |
 *
 * npmrc keys match with or without a `//host/:` prefix, in any case (`NPM_CONFIG__AUTHTOKEN=`), with
 * spaces around `=`, and with a quoted value. A value that is an environment reference (`${NPM_TOKEN}`,
 * `$NPM_TOKEN`, `${{ secrets.NPM_TOKEN }}`), `undefined`, `null`, an ellipsis or setup-node's
 * placeholder is not a secret and stays readable; a value that starts with a known token prefix
 * keeps that prefix (`_authToken=npm_****`).
 *
 * Every pattern is a literal followed by single character classes, never nested or adjacent
 * overlapping unbounded quantifiers, so each runs in time linear in the text (a ReDoS-safe shape).
 * `redact(redact(x)) === redact(x)`.
 */

export const MASK = '****';

/** Token formats by prefix. The body classes are disjoint from what may follow a token in prose. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /npm_[A-Za-z0-9]{36,}/g,
  /gh[pousr]_[A-Za-z0-9]{30,}/g,
  /github_pat_[A-Za-z0-9_]{20,}/g,
  /glpat-[A-Za-z0-9_.-]{20,}/g,
  // A JWT (an OIDC ID token): a base64url JSON header (`{"` → `eyJ`), payload and signature.
  /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
];

/** Prefixes kept when a token is masked (longest first, so `github_pat_` wins over nothing). */
const TOKEN_PREFIXES = ['github_pat_', 'glpat-', 'npm_', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'];
/** Prefixes a masked token pattern keeps: the token prefixes, and a JWT's `eyJ`. */
const PATTERN_PREFIXES = [...TOKEN_PREFIXES, 'eyJ'];

/**
 * `_authToken`, `_auth`, `_password` (npmrc keys, also as `NPM_CONFIG__AUTH...` environment
 * variables), `=` with optional blanks, an optional quote, then the value up to a blank or a quote.
 * `_authToken` comes before `_auth` in the alternation so the longer key wins.
 */
const NPMRC_SECRET = /(_authToken|_auth|_password)([ \t]*=[ \t]*)(["'`]?)([^\s"'`]+)/gi;

/** `Authorization: Bearer <v>` / `Basic <v>` in a header, a curl `-H` argument or a log line. */
const AUTHORIZATION = /(Authorization[ \t]*:[ \t]*(?:Bearer|Basic|token)[ \t]+)([^\s"'`]+)/gi;

/**
 * Values that hold no secret and that messages need to show: a reference (`${NPM_TOKEN}`,
 * `$NPM_TOKEN`, `${{ secrets.NPM_TOKEN }}`), what an unset variable becomes (`undefined`, `null`),
 * an ellipsis, setup-node's placeholder `XXXXX-XXXXX-XXXXX-XXXXX`.
 */
const NOT_A_SECRET = /^(?:\$.*|undefined|null|\.\.\.|…|XXXXX-XXXXX-XXXXX-XXXXX)$/;

function isReference(value: string): boolean {
  return NOT_A_SECRET.test(value);
}

function maskValue(value: string): string {
  if (isReference(value)) return value;
  const prefix = TOKEN_PREFIXES.find((p) => value.startsWith(p));
  return `${prefix ?? ''}${MASK}`;
}

function maskToken(token: string): string {
  const prefix = PATTERN_PREFIXES.find((p) => token.startsWith(p)) ?? '';
  // A GitLab token's class includes `.`: keep a sentence's full stop after it.
  return `${prefix}${MASK}${token.endsWith('.') ? '.' : ''}`;
}

/** Masks every secret `redact` knows in `text` (see the table above). */
export function redact(text: string): string {
  // Cheap pre-check: most strings hold none of the markers, and stay the same object.
  if (!/npm_|gh[pousr]_|github_pat_|glpat-|_auth|_password|authorization|eyJ/i.test(text)) return text;
  let out = text.replace(NPMRC_SECRET, (_all, key: string, eq: string, quote: string, value: string) => `${key}${eq}${quote}${maskValue(value)}`);
  out = out.replace(AUTHORIZATION, (_all, head: string, value: string) => `${head}${maskValue(value)}`);
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, maskToken);
  return out;
}

/** True when `text` still holds something `redact` would mask (for tests and assertions). */
export function holdsSecret(text: string): boolean {
  return redact(text) !== text;
}

function redactData(data: Diagnostic['data']): Diagnostic['data'] {
  let changed = false;
  const out: Diagnostic['data'] = {};
  for (const [key, value] of Object.entries(data)) {
    const masked = typeof value === 'string' ? redact(value) : value;
    if (masked !== value) changed = true;
    out[key] = masked;
  }
  return changed ? out : data;
}

/**
 * A fix with its description redacted; undefined when an edit would write a secret (masking it
 * would write the mask into the user's file, so the fix is dropped instead).
 */
function redactFix(fix: Fix): Fix | undefined {
  if (fix.edits.some((e) => holdsSecret(e.text))) return undefined;
  const description = redact(fix.description);
  return description === fix.description ? fix : { ...fix, description };
}

/** A diagnostic with every text field redacted: message, why, fix, data values, related labels, fix descriptions. */
export function redactDiagnostic(d: Diagnostic): Diagnostic {
  const out: Diagnostic = {
    ...d,
    message: redact(d.message),
    why: redact(d.why),
    fix: redact(d.fix),
    data: redactData(d.data),
    related: d.related.map((r) => ({ ...r, label: redact(r.label) })),
  };
  if (d.autofix) {
    const autofix = redactFix(d.autofix);
    if (autofix) out.autofix = autofix;
    else delete out.autofix;
  }
  if (d.suggestions) {
    const suggestions = d.suggestions.map(redactFix).filter((f): f is Fix => f !== undefined);
    if (suggestions.length > 0) out.suggestions = suggestions;
    else delete out.suggestions;
  }
  return out;
}
