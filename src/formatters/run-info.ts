import type { RunError, WarningLimit } from './types.js';

/** True for a path outside the repository, written absolute (a `--config /etc/x.yml`). */
export function isAbsolutePath(file: string): boolean {
  return file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file);
}

/**
 * A file as the user sees it: a repository-relative one after the display prefix (`fixtures/x/`),
 * one outside the repository (an absolute `--config`) as it is.
 */
export function shownPath(prefix: string, file: string): string {
  return isAbsolutePath(file) ? file : prefix + file;
}

/**
 * Texts every format shares for what is not a finding: run-level errors and an exceeded
 * `--max-warnings`. Kept here so stylish, JSON, SARIF, GitHub and GitLab say the same thing.
 */

/** The one line that explains an exit code 1 caused by `--max-warnings`; undefined within the limit. */
export function warningLimitMessage(limit: WarningLimit | undefined): string | undefined {
  if (!limit || limit.warnings <= limit.maxWarnings) return undefined;
  const n = limit.warnings;
  const text = `${n} ${n === 1 ? 'warning exceeds' : 'warnings exceed'} --max-warnings ${limit.maxWarnings}`;
  return limit.quiet ? `${text} (--quiet hides warnings from the report)` : text;
}

/** `file:line:col` (or `file`) of a run error, or undefined when it has no file. */
export function runErrorWhere(e: RunError, prefix = ''): string | undefined {
  if (e.file === undefined) return undefined;
  return e.line !== undefined ? `${shownPath(prefix, e.file)}:${e.line}:${e.column ?? 1}` : shownPath(prefix, e.file);
}

/** "config error" / "internal error in rule x": the headline word of a run error. */
export function runErrorTitle(e: RunError): string {
  return e.kind === 'config' ? 'config error' : `internal error in rule ${e.ruleId ?? '(unknown)'}`;
}

/** One line for people: `config error: tp-doctor.yml:2:17: <message>`. */
export function runErrorLine(e: RunError, prefix = ''): string {
  const where = runErrorWhere(e, prefix);
  const tail = e.kind === 'internal' ? ' (please report it)' : '';
  return `${runErrorTitle(e)}: ${where ? `${where}: ` : ''}${e.message}${tail}`;
}
