/**
 * Offsets inside a scalar's *value* mapped back to the source text of its document: exact for
 * literal block scalars (`run: |`) and single-line plain or quoted scalars without escapes. What
 * `YNode.valueSpan` and `YNode.valueRange` answer with.
 */
import type { YamlDocument } from './document.js';
import type { Span } from './span.js';

/** What these functions read of a scalar: its kind, style and offsets in the text (a `YNode`). */
export interface ScalarPlace {
  readonly kind: string;
  readonly scalarType: string | undefined;
  readonly range: [number, number] | undefined;
}

interface BlockLayout {
  firstLine: number;
  starts: number[];
  valueLength: number;
  indent: number;
}

/**
 * Where each line of a literal block scalar starts, and its indentation (`valueSpan`), by document
 * and the scalar's offset: the wrappers of one scalar (its place and every alias of it) share one.
 * Only block scalars asked for a place inside them get an entry.
 */
const BLOCK_LAYOUT = new WeakMap<YamlDocument, Map<number, BlockLayout>>();

/** The source span of the value range [start, end) of scalar `n`; `whole` (the scalar's span) when it cannot be exact. */
export function scalarValueSpan(doc: YamlDocument, n: ScalarPlace, value: string | undefined, whole: Span, start: number, end: number): Span {
  const range = n.range;
  if (n.kind !== 'scalar' || !range || value === undefined) return whole;
  const [from, to] = range;
  const source = doc.text.slice(from, to);
  const type = n.scalarType;
  if (type === 'BLOCK_LITERAL') {
    // Computed once per scalar: a run block with 10,000 publish commands asks 10,000 times.
    let layouts = BLOCK_LAYOUT.get(doc);
    if (!layouts) BLOCK_LAYOUT.set(doc, (layouts = new Map()));
    let layout = layouts.get(from);
    if (!layout) {
      const header = doc.lines.position(from);
      const firstLine = header.line + 1;
      const starts = [0];
      for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) starts.push(i + 1);
      layout = { firstLine, starts, valueLength: value.length, indent: blockIndent(doc, firstLine) };
      layouts.set(from, layout);
    }
    const { firstLine, starts, indent } = layout;
    const lineOf = (offset: number): { line: number; col: number } => {
      if (offset > layout!.valueLength) return { line: starts.length - 1, col: 0 };
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, col: offset - starts[lo]! };
    };
    const a = lineOf(start);
    const b = lineOf(end);
    return {
      start: { line: firstLine + a.line, column: indent + a.col + 1 },
      end: { line: firstLine + b.line, column: indent + b.col + 1 },
    };
  }
  if ((type === 'PLAIN' || type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE') && !source.includes('\n')) {
    const quote = type === 'PLAIN' ? 0 : 1;
    if (source.length - 2 * quote === value.length) {
      return doc.lines.span(from + quote + start, from + quote + end);
    }
  }
  return whole;
}

/** The source offsets of the value range [start, end) of scalar `n` when exact; undefined otherwise or when it came through an alias (`via`). */
export function scalarValueRange(doc: YamlDocument, n: ScalarPlace, via: boolean, value: string | undefined, start: number, end: number): [number, number] | undefined {
  const range = n.range;
  if (via || n.kind !== 'scalar' || !range || value === undefined || start < 0 || end < start || end > value.length) return undefined;
  const [from, to] = range;
  const source = doc.text.slice(from, to);
  const type = n.scalarType;
  if (type === 'BLOCK_LITERAL') {
    const lines = doc.lines;
    const firstLine = lines.position(from).line + 1;
    const indent = blockIndent(doc, firstLine);
    const offsetOf = (at: number): number | undefined => {
      let rest = at;
      const valueLines = value.split('\n');
      for (let i = 0; i < valueLines.length; i++) {
        const len = (valueLines[i] ?? '').length;
        if (rest <= len) {
          const line = firstLine + i;
          if (line > lines.lineCount) return undefined;
          const text = lines.lineText(line);
          // An empty value line may be shorter than the indentation in the source.
          if (len === 0) return lines.lineStart(line) + Math.min(indent, text.length);
          if (text.slice(indent, indent + len) !== valueLines[i]) return undefined;
          return lines.lineStart(line) + indent + rest;
        }
        rest -= len + 1;
      }
      return undefined;
    };
    const a = offsetOf(start);
    const b = offsetOf(end);
    return a !== undefined && b !== undefined && b <= to ? [a, b] : undefined;
  }
  if ((type === 'PLAIN' || type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE') && !source.includes('\n')) {
    const quote = type === 'PLAIN' ? 0 : 1;
    if (source.length - 2 * quote === value.length && source.slice(quote, quote + value.length) === value) {
      return [from + quote + start, from + quote + end];
    }
  }
  return undefined;
}

/**
 * Indentation (in characters) of a block scalar's content, read from its first non-blank line.
 * Scans the text once from that line (900,000 blank lines cost one pass, not a slice each).
 */
function blockIndent(doc: YamlDocument, firstLine: number): number {
  if (firstLine > doc.lines.lineCount) return 0;
  const text = doc.text;
  let lineStart = doc.lines.lineStart(firstLine);
  for (let i = lineStart; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lineStart = i + 1;
    else if (c !== 32 && c !== 9 && c !== 13) return i - lineStart;
  }
  return 0;
}
