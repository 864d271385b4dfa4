import { createHash } from 'node:crypto';
import { compareDiagnostics } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FormatInput } from './types.js';

/**
 * Stable fingerprints for findings (SARIF `partialFingerprints`, GitLab Code Quality `fingerprint`).
 *
 * A fingerprint is the SHA-256 (hex) of: the rule id, the file, the message id, the message data
 * (sorted by key), the trimmed text of the offending line(s) — NOT their line numbers — and an
 * occurrence counter that tells apart findings whose other parts are identical (counted in
 * position order). So a finding keeps its fingerprint when unrelated lines are inserted or removed
 * above it or when the file is re-indented, and gets a new one when the offending text changes.
 *
 * Without `sourceLines` (or for a line it does not know) the line text is left out; the
 * fingerprint then still does not depend on positions, only less precisely.
 *
 * Bump FINGERPRINT_VERSION when the recipe changes: code scanning and GitLab would otherwise see
 * every finding as fixed and re-opened.
 */
export const FINGERPRINT_VERSION = 1;

/** At most this many lines of a multi-line region go into the hash. */
const MAX_LINES = 20;

function lineText(d: Diagnostic, sourceLines: FormatInput['sourceLines']): string {
  if (!sourceLines) return '';
  // An exclusive end at column 1 of a later line covers nothing of that line.
  const last = d.endLine > d.line && d.endColumn <= 1 ? d.endLine - 1 : Math.max(d.line, d.endLine);
  const parts: string[] = [];
  for (let line = d.line; line <= Math.min(last, d.line + MAX_LINES - 1); line++) {
    parts.push((sourceLines(d.file, line) ?? '').trim());
  }
  return parts.join('\n');
}

function keyOf(d: Diagnostic, sourceLines: FormatInput['sourceLines']): string {
  const data = Object.keys(d.data)
    .sort()
    .map((k) => [k, String(d.data[k])]);
  // JSON keeps the parts unambiguous whatever characters they contain.
  return JSON.stringify([FINGERPRINT_VERSION, d.ruleId, d.file, d.messageId, data, lineText(d, sourceLines)]);
}

/**
 * The fingerprint of every diagnostic, by identity. Order of `diagnostics` does not matter: the
 * occurrence counter follows `compareDiagnostics`.
 */
export function fingerprints(
  diagnostics: readonly Diagnostic[],
  sourceLines?: FormatInput['sourceLines'],
): Map<Diagnostic, string> {
  const seen = new Map<string, number>();
  const out = new Map<Diagnostic, string>();
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    const key = keyOf(d, sourceLines);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    out.set(d, createHash('sha256').update(`${key}\n${occurrence}`).digest('hex'));
  }
  return out;
}
