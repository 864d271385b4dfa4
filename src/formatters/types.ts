import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { PublishSummary } from '../model/sites.js';

/** What a formatter needs to know about a rule (SARIF and others describe rules, not just results). */
export interface RuleMetaSummary {
  id: string;
  severity: Severity;
  summary: string;
  docsUrl: string;
  providers: string[];
  /** 0.0–10.0 for GitHub code scanning's `security-severity` (SARIF); absent → not a security finding. */
  securitySeverity?: number;
  /** Free-form tags (SARIF `properties.tags`). */
  tags?: string[];
  /** The rule page (rules/<id>/<id>.md) as Markdown, when the caller could read it (SARIF `help`). */
  helpMarkdown?: string;
}

export interface FormatInput {
  diagnostics: readonly Diagnostic[];
  rules: readonly RuleMetaSummary[];
  toolVersion: string;
  /** Run-level remarks, e.g. "publisher inferred from git remote". */
  notes?: readonly string[];
  /**
   * Every publish command tp-doctor found, with how sure it is (machine formats list them, so that a
   * possible publish is never silently dropped). Absent when nothing was linted.
   */
  publishes?: readonly PublishSummary[];
  /**
   * The text of a line of a linted file (1-based), without its line break; undefined when unknown.
   * Formatters use it for fingerprints that survive unrelated lines moving (SARIF, GitLab). The CLI
   * provides it from the files it read; formatters never read files themselves.
   */
  sourceLines?: (file: string, line: number) => string | undefined;
  /**
   * Run-level errors: a config error (nothing was linted) or a rule that failed (an internal error).
   * Machine formats carry them (JSON `errors`, SARIF notifications, a GitLab issue, a GitHub
   * annotation) so that a CI step that reads the report sees why the run failed.
   */
  errors?: readonly RunError[];
  /** The `--max-warnings` limit and the warnings it counted (hidden ones included), when one was given. */
  warningLimit?: WarningLimit;
}

/** A run-level error. Positions are 1-based, end exclusive, as in diagnostics. */
export interface RunError {
  /** `config`: the config could not be used and nothing was linted; `internal`: a rule failed. */
  kind: 'config' | 'internal';
  /** What went wrong, without a "config error:" prefix. */
  message: string;
  /** The rule that failed (internal errors). */
  ruleId?: string;
  /** Repository-relative file, when known. */
  file?: string;
  /** The region, when known (config errors point at the key). */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface WarningLimit {
  /** `--max-warnings`: exit 1 when there are more warnings than this. */
  maxWarnings: number;
  /** Warnings found, including those `--quiet` hides. */
  warnings: number;
  /** True when `--quiet` hid the warnings from the report. */
  quiet: boolean;
}

/**
 * The colouring functions stylish uses. A chalk instance fits; the CLI imports chalk only when it
 * decides to colour, so plain runs never load it.
 */
export interface Paint {
  (text: string): string;
  red: Paint;
  yellow: Paint;
  blue: Paint;
  green: Paint;
  cyan: Paint;
  dim: Paint;
  bold: Paint;
  underline: Paint;
}

export interface FormatOptions {
  /** Emit ANSI colours. Decided by the CLI (TTY, NO_COLOR, FORCE_COLOR); formatters never detect it. */
  color: boolean;
  /** The colours to use when `color` is true (a chalk instance); without it output stays plain. */
  paint?: Paint;
  /** Prefix shown before repo-relative paths in stylish, e.g. "fixtures/repos/x/". */
  cwdPrefix?: string;
}

/**
 * A formatter is a pure function: no process, console, fs or clock. Same input, same string.
 */
export type Formatter = (input: FormatInput, options: FormatOptions) => string;
