import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';

/** What a formatter needs to know about a rule (SARIF and others describe rules, not just results). */
export interface RuleMetaSummary {
  id: string;
  severity: Severity;
  summary: string;
  docsUrl: string;
  providers: string[];
}

export interface FormatInput {
  diagnostics: readonly Diagnostic[];
  rules: readonly RuleMetaSummary[];
  toolVersion: string;
  /** Run-level remarks, e.g. "publisher inferred from git remote". */
  notes?: readonly string[];
}

export interface FormatOptions {
  /** Emit ANSI colours. Decided by the CLI (TTY, NO_COLOR, FORCE_COLOR); formatters never detect it. */
  color: boolean;
  /** Prefix shown before repo-relative paths in stylish, e.g. "fixtures/repos/x/". */
  cwdPrefix?: string;
}

/**
 * A formatter is a pure function: no process, console, fs or clock. Same input, same string.
 */
export type Formatter = (input: FormatInput, options: FormatOptions) => string;
