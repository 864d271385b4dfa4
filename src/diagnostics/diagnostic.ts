import type { Location } from '../yaml/span.js';

export type Severity = 'error' | 'warning' | 'info';
export type Provider = 'github' | 'gitlab' | 'circleci' | 'package';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface RelatedLocation extends Location {
  /** What the other location is, e.g. "trusted publisher declared here". */
  label: string;
}

/**
 * One replacement in a file's text. Offsets count UTF-16 code units (JavaScript string indices) of
 * the text as tp-doctor read it, a leading byte order mark removed; `end` is exclusive. An insertion
 * has `start === end`, a deletion an empty `text`.
 */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * A change to one file that resolves a finding: its edits apply together (they never overlap).
 * `description` says what it does, e.g. "Add `id-token: write` under `jobs.publish.permissions`".
 */
export interface Fix {
  /** Repository-relative path with forward slashes. */
  file: string;
  description: string;
  /** Sorted by `start`, non-overlapping. */
  edits: TextEdit[];
}

/**
 * One finding. Plain data: no rendering, no colours. Positions are 1-based; `endLine`/`endColumn`
 * are exclusive (the position just after the last character).
 */
export interface Diagnostic {
  ruleId: string;
  messageId: string;
  severity: Severity;
  /** Headline: what is wrong, with the actual and the expected value. */
  message: string;
  /** What npm or the CI platform will do because of it. */
  why: string;
  /** One concrete action. */
  fix: string;
  /** Repository-relative path with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: RelatedLocation[];
  docsUrl: string;
  /** The values interpolated into the message, for machine consumers. */
  data: Record<string, string | number>;
  /**
   * The change `tp-doctor --fix` applies (and the ESLint fix): only when it is certainly right and
   * changes nothing else. Absent otherwise.
   */
  autofix?: Fix;
  /** Changes offered but never applied automatically (several answers, or a guess). */
  suggestions?: Fix[];
}

export interface LintSummary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(diagnostics: readonly Diagnostic[]): LintSummary {
  const summary: LintSummary = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') summary.errors++;
    else if (d.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.line - b.line ||
    a.column - b.column ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
