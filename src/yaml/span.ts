/**
 * Positions are 1-based lines and columns. `end` is exclusive: it is the position just after the
 * last character of the span, which is what SARIF regions and editors expect.
 */
export interface Position {
  line: number;
  column: number;
}

export interface Span {
  start: Position;
  end: Position;
}

/** A span inside a named file (repository-relative path with forward slashes). */
export interface Location extends Span {
  file: string;
}

/**
 * Maps character offsets of one text to positions. Hand-rolled rather than yaml's LineCounter so
 * that non-YAML files (package.json, .npmrc, .nvmrc) share the same arithmetic.
 */
export class LineIndex {
  /**
   * The offset where each line starts. A typed array of exactly the line count (counted first): a
   * kept document holds its index for the whole run, and an array grown by `push` holds up to
   * half as much again, at twice the bytes per entry.
   */
  private readonly starts: Uint32Array;

  constructor(readonly text: string) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const starts = new Uint32Array(lines);
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset → 1-based position. Offsets past the end clamp to the end of the text. */
  position(offset: number): Position {
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: off - (this.starts[lo] ?? 0) + 1 };
  }

  span(startOffset: number, endOffset: number): Span {
    return { start: this.position(startOffset), end: this.position(Math.max(startOffset, endOffset)) };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))] ?? 0;
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line < this.starts.length ? (this.starts[line] ?? this.text.length) : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$/, '');
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column;
}

/** A zero-width span at the start of a file, for diagnostics about a whole file. */
export const FILE_START: Span = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
