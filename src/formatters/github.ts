import { compareDiagnostics, SEVERITY_RANK, summarize } from '../diagnostics/diagnostic.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { runErrorLine, shownPath, warningLimitMessage } from './run-info.js';
import type { FormatInput, FormatOptions, Formatter, RunError } from './types.js';

/**
 * ## GitHub Actions annotations (`--format github`)
 *
 * One workflow command per finding, which the runner turns into an annotation on the file:
 *
 * ```
 * ::error file=.github/workflows/release.yml,line=9,endLine=9,col=5,endColumn=16,title=tp-doctor/require-id-token-write::Job "publish" ...%0A%0AWhy: ...%0AFix: ...
 * ```
 *
 * - `error` → `::error`, `warning` → `::warning`, `info` → `::notice`.
 * - Errors come first, then warnings, then notices (each group in file/position order): a step
 *   shows only about ten annotations of each kind, so the ones that fail the job must not be
 *   crowded out. The CLI also writes every finding to `GITHUB_STEP_SUMMARY` (see `stepSummary`).
 * - `col`/`endColumn` are sent only for a single-line region (the runner rejects them otherwise).
 * - Escaping as in `@actions/core`: the message (data) escapes `%`, CR and LF as `%25`, `%0D`,
 *   `%0A`; property values additionally escape `:` and `,` as `%3A` and `%2C`. Text from the
 *   repository can therefore neither end the command early nor start another one.
 * - A run-level error (config error, failed rule) is an `::error` annotation of its own, first,
 *   titled `tp-doctor config error` / `tp-doctor internal error`, on its file and line when known.
 * - An exceeded `--max-warnings` is an `::error title=tp-doctor::N warnings exceed --max-warnings M`
 *   annotation: it is why the step fails.
 * - A last plain line sums up; no findings, no error and no exceeded limit → no output at all.
 */

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** `@actions/core` `escapeData`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** `@actions/core` `escapeProperty`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Errors first, then warnings, then infos; within a severity, the usual file/position order. */
export function bySeverityFirst(a: Diagnostic, b: Diagnostic): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareDiagnostics(a, b);
}

function annotation(d: Diagnostic, prefix: string): string {
  const props: [string, string | number][] = [
    ['file', shownPath(prefix, d.file)],
    ['line', d.line],
    ['endLine', Math.max(d.line, d.endLine)],
  ];
  if (d.endLine <= d.line) {
    props.push(['col', d.column], ['endColumn', Math.max(d.column, d.endColumn)]);
  }
  props.push(['title', `tp-doctor/${d.ruleId}`]);
  const body = [d.message];
  const details: string[] = [];
  if (d.why.trim()) details.push(`Why: ${d.why}`);
  if (d.fix.trim()) details.push(`Fix: ${d.fix}`);
  for (const r of d.related) details.push(`See ${shownPath(prefix, r.file)}:${r.start.line}:${r.start.column}${r.label ? ` (${r.label})` : ''}`);
  details.push(`Docs: ${d.docsUrl}`);
  body.push(details.join('\n'));
  const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[d.severity]} ${properties}::${escapeData(body.join('\n\n'))}`;
}

function counts(diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings, infos } = summarize(diagnostics);
  const n = (k: number, word: string): string => `${k} ${k === 1 ? word : `${word}s`}`;
  return `${n(errors, 'error')}, ${n(warnings, 'warning')}, ${n(infos, 'info')}`;
}

function runErrorAnnotation(e: RunError, prefix: string): string {
  const props: [string, string | number][] = [];
  if (e.file !== undefined) {
    props.push(['file', shownPath(prefix, e.file)]);
    if (e.line !== undefined) {
      const endLine = Math.max(e.line, e.endLine ?? e.line);
      props.push(['line', e.line], ['endLine', endLine]);
      if (endLine === e.line && e.column !== undefined) props.push(['col', e.column], ['endColumn', Math.max(e.column, e.endColumn ?? e.column)]);
    }
  }
  props.push(['title', `tp-doctor ${e.kind === 'config' ? 'config error' : 'internal error'}`]);
  const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::error ${properties}::${escapeData(runErrorLine(e, prefix))}`;
}

export const github: Formatter = (input: FormatInput, options: FormatOptions): string => {
  const prefix = options.cwdPrefix ?? '';
  const lines = (input.errors ?? []).map((e) => runErrorAnnotation(e, prefix));
  const exceeded = warningLimitMessage(input.warningLimit);
  if (input.diagnostics.length > 0) {
    const sorted = [...input.diagnostics].sort(bySeverityFirst);
    for (const d of sorted) lines.push(annotation(d, prefix));
    if (exceeded) lines.push(`::error title=tp-doctor::${escapeData(exceeded)}`);
    lines.push(`tp-doctor: ${counts(sorted)}`);
  } else if (exceeded) {
    lines.push(`::error title=tp-doctor::${escapeData(exceeded)}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};

// --- step summary ------------------------------------------------------------------------------

/** A Markdown table cell: one line, no table breaks, no HTML from the repository. */
function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r\n?|\n/g, '<br>');
}

const SEVERITY_LABEL: Record<Severity, string> = { error: '❌ error', warning: '⚠️ warning', info: 'ℹ️ info' };

/**
 * Markdown for `$GITHUB_STEP_SUMMARY`: a heading, the counts, and a table of every finding (the
 * annotations alone are capped by GitHub). The CLI appends it when `--format github` runs with
 * that variable set.
 */
export function stepSummary(input: FormatInput, options: Pick<FormatOptions, 'cwdPrefix'> = {}): string {
  const prefix = options.cwdPrefix ?? '';
  const sorted = [...input.diagnostics].sort(bySeverityFirst);
  const out = ['## tp-doctor', ''];
  for (const e of input.errors ?? []) out.push(`❌ **${cell(runErrorLine(e, prefix))}**`, '');
  if ((input.errors ?? []).some((e) => e.kind === 'config')) {
    out.push('Nothing was checked.');
  } else if (sorted.length === 0) {
    out.push('No problems found.');
  } else {
    out.push(`${sorted.length} ${sorted.length === 1 ? 'problem' : 'problems'} (${counts(sorted)})`, '');
    out.push('| Severity | Location | Problem | Rule |', '|---|---|---|---|');
    for (const d of sorted) {
      const where = `\`${cell(`${shownPath(prefix, d.file)}:${d.line}:${d.column}`).replace(/`/g, "'")}\``;
      const problem = [cell(d.message), d.fix.trim() ? `<br>**Fix:** ${cell(d.fix)}` : ''].join('');
      out.push(`| ${SEVERITY_LABEL[d.severity]} | ${where} | ${problem} | [${cell(d.ruleId)}](${encodeURI(d.docsUrl)}) |`);
    }
  }
  const exceeded = warningLimitMessage(input.warningLimit);
  if (exceeded) out.push('', `**${cell(exceeded)}**`);
  for (const note of input.notes ?? []) out.push('', `> ${cell(note)}`);
  return `${out.join('\n')}\n`;
}
