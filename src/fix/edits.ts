/**
 * Fixes as data (see docs/ARCHITECTURE.md, "Fixes"): what a rule hands the engine (`FixSpec`, whose
 * edits may still be positions in a file the rule never read), how the engine turns it into a
 * `Fix` of plain offsets, and how edits are applied to a text.
 */
import type { Fix, TextEdit } from '../diagnostics/diagnostic.js';
import { LineIndex, type Location, type Span } from '../yaml/span.js';

export type { Fix, TextEdit } from '../diagnostics/diagnostic.js';

/**
 * An edit as a rule writes it: offsets (from the YAML helpers, which know the text), or a span of
 * 1-based positions with either the replacement `text` or a `scalar` value to write in the quoting
 * style the span has (for files rules only know by positions: `.nvmrc`, `.npmrc`, the config).
 */
export type EditSpec = TextEdit | { at: Span; text: string; was?: string } | { at: Span; scalar: string };

export interface FixSpec {
  file: string;
  description: string;
  edits: readonly EditSpec[];
}

/** True when the path is repository-relative, forward slashes, and stays inside the repository. */
export function isRepositoryPath(file: string): boolean {
  if (file === '' || file.startsWith('/') || /^[A-Za-z]:/.test(file) || file.includes('\\') || file.includes('\0')) return false;
  return !file.split('/').some((part) => part === '..' || part === '.' || part === '');
}

/** `\r\n` when the text uses it, else `\n`: inserted lines follow the file's line ends. */
export function newlineOf(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** Two edits overlap when they share a character, or insert at the same place (order would be ambiguous). */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.start === b.start) return true;
  return a.start < b.end && b.start < a.end;
}

/** The edits sorted; undefined when two of them overlap or one falls outside the text. */
export function sortedEdits(edits: readonly TextEdit[], length: number): TextEdit[] | undefined {
  const sorted = [...edits].sort((x, y) => x.start - y.start || x.end - y.end);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > length) return undefined;
    const next = sorted[i + 1];
    if (next && editsOverlap(e, next)) return undefined;
  }
  return sorted;
}

/** Applies non-overlapping edits (see `sortedEdits`); throws on overlapping or out-of-range edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortedEdits(edits, text.length);
  if (!sorted) throw new Error('overlapping or out-of-range edits');
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** A scalar value written in the style of `original` (its source text): JSON/YAML double quotes, single quotes or plain. */
export function requote(original: string, value: string): string {
  const first = original.trimStart()[0];
  if (first === '"') return JSON.stringify(value);
  if (first === "'") return value.includes('\n') ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

/** What YAML reads as a number (decimal, float, hex, octal, infinity, not-a-number). */
export const NUMBER = /^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[\da-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** YAML words that would read as something other than the string (booleans, null). */
const SPECIAL = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;

/**
 * True when `value` can be written as a plain YAML scalar, in block and in flow context, and reads
 * back as the same text: no indicator at the start, no `: `, ` #`, flow characters, quotes or
 * doubled blanks.
 * Conservative: anything doubtful gets quotes.
 */
export function isPlainSafe(value: string): boolean {
  if (value === '' || SPECIAL.test(value) || NUMBER.test(value)) return false;
  // Single spaces inside are plain too (`npm install -g npm@^11.5.1`), never `: ` nor a blank at the end.
  if (!/^[A-Za-z0-9_./^~+=$][A-Za-z0-9_./^~+=$@:-]*(?: [A-Za-z0-9_./^~+=$@:-]+)*$/.test(value)) return false;
  return !value.endsWith(':') && !value.includes('::') && !value.includes(': ');
}

/** Resolves a spec against the file's text: every edit as offsets, checked. Undefined when it does not fit the text. */
export function resolveFix(spec: FixSpec, text: string): Fix | undefined {
  if (!isRepositoryPath(spec.file)) return undefined;
  let lines: LineIndex | undefined;
  const offset = (line: number, column: number): number | undefined => {
    lines ??= new LineIndex(text);
    // Just past the last line: the end of the text (removing a last line without a line break).
    if (line === lines.lineCount + 1 && column === 1) return text.length;
    if (line < 1 || line > lines.lineCount || column < 1) return undefined;
    const start = lines.lineStart(line);
    const lineEnd = line < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    const at = start + column - 1;
    return at <= lineEnd ? at : undefined;
  };
  const edits: TextEdit[] = [];
  for (const e of spec.edits) {
    if (!('at' in e)) {
      edits.push({ start: e.start, end: e.end, text: e.text });
      continue;
    }
    const start = offset(e.at.start.line, e.at.start.column);
    const end = offset(e.at.end.line, e.at.end.column);
    if (start === undefined || end === undefined || end < start) return undefined;
    // A span computed from a value (a command in a script) must still cover that exact text.
    if ('was' in e && e.was !== undefined && text.slice(start, end) !== e.was) return undefined;
    edits.push({ start, end, text: 'scalar' in e ? requote(text.slice(start, end), e.scalar) : e.text });
  }
  const sorted = sortedEdits(edits, text.length);
  if (!sorted || sorted.length === 0) return undefined;
  return { file: spec.file, description: spec.description, edits: sorted };
}

/** The edit that removes the whole 1-based line `line` (with its line break). */
export function removeLineSpec(line: number): EditSpec {
  return { at: { start: { line, column: 1 }, end: { line: line + 1, column: 1 } }, text: '' };
}

/**
 * Replaces the text at `at` (a command found in a script, whose span the model knows), only when
 * the file holds exactly `was` there: a quoted scalar with escapes maps differently, and then no fix.
 */
export function replaceAtSpec(at: Location, was: string, text: string, description: string): FixSpec | undefined {
  if (was === text || text.includes('\n')) return undefined;
  return { file: at.file, description, edits: [{ at: { start: at.start, end: at.end }, text, was }] };
}
