import { compareDiagnostics, summarize } from '../diagnostics/diagnostic.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { runErrorLine, shownPath, warningLimitMessage } from './run-info.js';
import type { FormatInput, FormatOptions, Formatter, Paint } from './types.js';
import { trimEndChar } from '../fs/strings.js';
import { lazy } from '../model/core/lazy.js';

/**
 * Human output, modelled on ESLint's `stylish`:
 *
 * ```
 * .github/workflows/release.yml
 *   12:7   ✖ error    Job "publish" publishes to npm but ...   require-id-token-write
 *                     why: npm trades the job OIDC token for a publish token; ...
 *                     fix: Add `id-token: write` under `jobs.publish.permissions`
 *                     ↳ tp-doctor.config.json:3:5 trusted publisher declared here
 *
 * ✖ 1 problem (1 error, 0 warnings, 0 infos)
 * ```
 *
 * Diagnostics are sorted with `compareDiagnostics` and grouped by file. Columns are aligned within a
 * file group; `why:`/`fix:` are wrapped at a fixed width (never the terminal's) so the output is
 * deterministic. Run-level errors (`input.errors`) come first, one line each; an exceeded
 * `--max-warnings` is one line after the summary. Nothing of that → the empty string. Colour comes
 * only from `options.color`.
 */

/** Total width `why:` / `fix:` text is wrapped to. Fixed so output never depends on the terminal. */
export const WRAP_WIDTH = 100;
/** Wrapped text never gets narrower than this, however far right the message column is. */
const MIN_TEXT_WIDTH = 40;

/** No colours: every paint function returns its text unchanged, at any depth (`c.red.bold`). */
const PLAIN: Paint = (() => {
  const plain = ((text: string) => text) as Paint;
  for (const key of ['red', 'yellow', 'blue', 'green', 'cyan', 'dim', 'bold', 'underline'] as const) plain[key] = plain;
  return plain;
})();

const SEVERITY_SYMBOL: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

export const stylish: Formatter = (input: FormatInput, options: FormatOptions): string => {
  const c = options.color && options.paint ? options.paint : PLAIN;
  const prefix = options.cwdPrefix ?? '';
  const out: string[] = [];
  // Run-level errors first: they say why the findings are missing or incomplete.
  for (const e of input.errors ?? []) out.push(c.red(`${SEVERITY_SYMBOL.error} ${singleLine(runErrorLine(e, prefix))}`));
  if (out.length > 0 && input.diagnostics.length > 0) out.push('');

  if (input.diagnostics.length > 0) {
    const sorted = [...input.diagnostics].sort(compareDiagnostics);
    const groups = new Map<string, Diagnostic[]>();
    for (const d of sorted) {
      const group = groups.get(d.file);
      if (group) group.push(d);
      else groups.set(d.file, [d]);
    }
    for (const [file, diagnostics] of groups) {
      out.push(c.underline(singleLine(shownPath(prefix, file))));
      // Appended one by one: a spread of a 100,000-line group would overflow the call stack.
      for (const line of renderGroup(diagnostics, prefix, c)) out.push(line);
      out.push('');
    }
    out.push(renderSummary(sorted, c));
    for (const note of input.notes ?? []) out.push(c.dim(`note: ${singleLine(note)}`));
  }

  const exceeded = warningLimitMessage(input.warningLimit);
  if (exceeded) out.push(c.yellow.bold(`${SEVERITY_SYMBOL.warning} ${exceeded}`));
  return out.length > 0 ? `${out.join('\n')}\n` : '';
};

function severityColor(c: Paint, severity: Severity): Paint {
  return severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.blue;
}

function renderGroup(diagnostics: readonly Diagnostic[], prefix: string, c: Paint): string[] {
  const rows = diagnostics.map((d) => ({
    d,
    line: String(d.line),
    column: String(d.column),
    severity: `${SEVERITY_SYMBOL[d.severity]} ${d.severity}`,
    message: multiLine(d.message).split('\n'),
  }));
  // Loops, not Math.max(...rows): a spread of an unbounded array can overflow the call stack.
  let lineWidth = 0;
  let columnWidth = 0;
  let severityWidth = 0;
  let messageWidth = 0;
  for (const r of rows) {
    lineWidth = Math.max(lineWidth, r.line.length);
    columnWidth = Math.max(columnWidth, r.column.length);
    severityWidth = Math.max(severityWidth, displayWidth(r.severity));
    messageWidth = Math.max(messageWidth, displayWidth(r.message[0] ?? ''));
  }
  // "  " + line:col + "  " + severity + "  " → where the message (and the details) start.
  const indent = ' '.repeat(2 + lineWidth + 1 + columnWidth + 2 + severityWidth + 2);
  const textWidth = Math.max(MIN_TEXT_WIDTH, WRAP_WIDTH - indent.length);

  const out: string[] = [];
  for (const r of rows) {
    const [first = '', ...rest] = r.message;
    const position =
      ' '.repeat(lineWidth - r.line.length) + c.dim(`${r.line}:${r.column}`) + ' '.repeat(columnWidth - r.column.length);
    const severity = severityColor(c, r.d.severity)(r.severity) + pad(r.severity, severityWidth);
    out.push(`  ${position}  ${severity}  ${first}${pad(first, messageWidth)}  ${c.dim(singleLine(r.d.ruleId))}`);
    for (const more of rest) out.push(trimEnd(indent + more));

    for (const line of labelled(indent, 'why: ', r.d.why, textWidth, c.dim)) out.push(line);
    for (const line of labelled(indent, 'fix: ', r.d.fix, textWidth, c.green)) out.push(line);
    for (const rel of r.d.related) {
      const where = singleLine(`${shownPath(prefix, rel.file)}:${rel.start.line}:${rel.start.column}`);
      const label = singleLine(rel.label);
      out.push(`${indent}${c.dim('↳')} ${c.cyan(where)}${label ? ` ${label}` : ''}`);
    }
  }
  return out;
}

/** `why: ...` / `fix: ...`, wrapped with a hanging indent; nothing when the text is empty. */
function labelled(indent: string, label: string, text: string, width: number, paint: Paint): string[] {
  const body = multiLine(text).trim();
  if (body === '') return [];
  const hang = ' '.repeat(label.length);
  return wrap(body, width - label.length).map((line, i) =>
    trimEnd(i === 0 ? `${indent}${paint(label)}${line}` : `${indent}${hang}${line}`),
  );
}

function renderSummary(diagnostics: readonly Diagnostic[], c: Paint): string {
  const { errors, warnings, infos } = summarize(diagnostics);
  const total = errors + warnings + infos;
  const text =
    `${total} ${plural(total, 'problem')} ` +
    `(${errors} ${plural(errors, 'error')}, ${warnings} ${plural(warnings, 'warning')}, ${infos} ${plural(infos, 'info')})`;
  const severity: Severity = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'info';
  return severityColor(c, severity).bold(`${SEVERITY_SYMBOL[severity]} ${text}`);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function pad(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function trimEnd(line: string): string {
  return trimEndChar(line, ' ');
}

/**
 * Greedy word wrap of each paragraph (explicit newlines are kept). Words longer than the width
 * (URLs, YAML paths) stay whole on their own line rather than being cut.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(' ').filter((w) => w !== '');
    let current = '';
    for (const word of words) {
      if (current === '') current = word;
      else if (displayWidth(current) + 1 + displayWidth(word) <= width) current += ` ${word}`;
      else {
        lines.push(current);
        current = word;
      }
    }
    lines.push(current);
  }
  return lines;
}

// --- terminal safety -------------------------------------------------------------------------------

// C0 controls except \n, DEL, C1 controls, and bidi overrides/isolates ("Trojan Source").
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(ch: string): string {
  if (ch === '\t') return ' ';
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text from repositories ends up in messages; make sure it cannot drive the terminal (ANSI escapes,
 * bidi overrides). Newlines are kept (CRLF → LF); other controls become visible `\xNN` escapes.
 */
export function multiLine(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, escapeChar);
}

/** Like `multiLine`, for fields that must stay on one line (paths, rule ids, labels). */
export function singleLine(text: string): string {
  return multiLine(text).replace(/\n/g, '\\n');
}

// --- display width ---------------------------------------------------------------------------------

// Made on first use (`lazy`): their Unicode property sets cost about 2 M instructions at load, and
// only text outside printable ASCII reaches them.
const ZERO_WIDTH = lazy(() => /^[\p{Mn}\p{Me}\p{Cf}]$/u);
const WIDE = lazy(() => /^[\p{Extended_Pictographic}]$/u);

/** Columns a code point takes in a terminal: 0 for combining marks, 2 for East Asian wide and emoji. */
function codePointWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (ZERO_WIDTH().test(ch)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff && WIDE().test(ch)) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Approximate terminal width of plain (uncoloured) text, for column alignment. */
export function displayWidth(text: string): number {
  // Printable ASCII is one column a character: most messages are, and need no per-character look.
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const ch of text) width += codePointWidth(ch);
  return width;
}
