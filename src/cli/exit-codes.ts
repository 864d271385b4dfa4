import type { LintSummary } from '../diagnostics/diagnostic.js';

/** The CLI's exit codes; the README documents the same table. */
export const EXIT = {
  /** Nothing at error level (and warnings within --max-warnings). */
  ok: 0,
  /** At least one error, or more warnings than --max-warnings. */
  problems: 1,
  /** Usage error, config error, unwritable output, or an internal error. */
  usage: 2,
} as const;

/** The same policy for every output format: SARIF and annotations do not make a run green. */
export function exitCodeFor(summary: LintSummary, maxWarnings?: number): number {
  if (summary.errors > 0) return EXIT.problems;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) return EXIT.problems;
  return EXIT.ok;
}
