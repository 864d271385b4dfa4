/**
 * `YNode`: a node of a parsed document with its 1-based `span`/`keySpan`, aliases and merge keys
 * followed, and offsets inside a scalar mapped back to the source (`valueSpan`).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, isNode, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from './span.js';
import type { YamlDocument } from './document.js';

/** How deep alias chains and merge keys are followed before giving up. */
export const MAX_ALIAS_DEPTH = 64;

export type YKind = 'map' | 'seq' | 'scalar' | 'null';

/**
 * Wrappers of a map's entries and a sequence's items, computed once per underlying yaml node: the
 * models call `get()` (a scan of `entries()`) many times on the same maps. Entries depend only on
 * the node (and its document, which owns it), never on the wrapper asking. Frozen, as they are
 * shared by every caller.
 */
const ENTRIES = new WeakMap<Node, readonly YNode[]>();
const NO_NODES: readonly YNode[] = Object.freeze([]);
const ITEMS = new WeakMap<Node, readonly YNode[]>();
/** Where each line of a literal block scalar starts, and its indentation (`valueSpan`). */
const BLOCK_LAYOUT = new WeakMap<Node, { firstLine: number; starts: number[]; valueLength: number; indent: number }>();

/**
 * A YAML node with its position, aliases followed. Models read YAML only through this wrapper so
 * that every value they keep can say where it came from.
 */
export class YNode {
  readonly node: Node | null;
  /** The key this value sits under, when it is a mapping value. */
  readonly key: string | undefined;
  private readonly keyNode: Node | undefined;
  /** Where the value was written when it came through an alias (the alias itself). */
  private readonly via: Node | undefined;

  constructor(
    readonly doc: YamlDocument,
    node: unknown,
    keyNode: unknown,
    via?: Node,
  ) {
    let resolved: unknown = node;
    let depth = 0;
    let firstAlias: Node | undefined = via;
    while (isAlias(resolved) && depth < MAX_ALIAS_DEPTH && doc.raw) {
      firstAlias ??= resolved;
      resolved = resolved.resolve(doc.raw);
      depth++;
    }
    this.node = isNode(resolved) && !isAlias(resolved) ? resolved : null;
    this.keyNode = isNode(keyNode) ? keyNode : undefined;
    this.key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    this.via = firstAlias;
  }

  get file(): string {
    return this.doc.file;
  }

  get kind(): YKind {
    const n = this.node;
    if (isMap(n)) return 'map';
    if (isSeq(n)) return 'seq';
    if (isScalar(n)) return n.value === null || n.value === undefined ? 'null' : 'scalar';
    return 'null';
  }

  get isMap(): boolean {
    return this.kind === 'map';
  }

  get isSeq(): boolean {
    return this.kind === 'seq';
  }

  get isScalar(): boolean {
    return this.kind === 'scalar';
  }

  get isNull(): boolean {
    return this.kind === 'null';
  }

  get tag(): string | undefined {
    return this.node?.tag;
  }

  /** The span of the value, or of its alias when it came through one. */
  get span(): Span {
    const shown = this.via ?? this.node;
    const range = shown?.range;
    if (range) return this.doc.lines.span(range[0], range[1]);
    // `key:` with no value: point at the key.
    return this.keySpan ?? this.doc.lines.span(0, 0);
  }

  /** The span of the key this value sits under. */
  get keySpan(): Span | undefined {
    const range = this.keyNode?.range;
    return range ? this.doc.lines.span(range[0], range[1]) : undefined;
  }

  /** Key span when there is a key, else the value span: where a user looks for this entry. */
  get anchorSpan(): Span {
    return this.keySpan ?? this.span;
  }

  /** Offset range [start, end) of the key this value sits under, in the source text. */
  get keyRange(): [number, number] | undefined {
    const r = this.keyNode?.range;
    return r ? [r[0], r[1]] : undefined;
  }

  /** Offset range [start, end) of the value in the source text. */
  get range(): [number, number] | undefined {
    const r = this.node?.range;
    return r ? [r[0], r[1]] : undefined;
  }

  /** True when the value was written through an alias rather than in place. */
  get viaAlias(): boolean {
    return this.via !== undefined;
  }

  /** The scalar value (string, number, boolean), or undefined for collections and null. */
  get value(): string | number | boolean | undefined {
    if (!isScalar(this.node)) return undefined;
    const v = (this.node as Scalar).value;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return Number(v);
    return undefined;
  }

  /** The scalar as text (numbers and booleans as YAML wrote them), undefined otherwise. */
  get text(): string | undefined {
    if (!isScalar(this.node)) return undefined;
    const s = this.node as Scalar;
    if (s.value === null || s.value === undefined) return undefined;
    if (typeof s.value === 'string') return s.value;
    // Keep `24.10` rather than `24.1`: prefer the source text of plain numbers.
    if (s.source !== undefined && typeof s.source === 'string' && s.type === 'PLAIN') return s.source;
    if (this.node.range) {
      const [a, b] = this.node.range;
      const src = this.doc.text.slice(a, b).trim();
      if (src.length > 0 && !/[\n#]/.test(src)) return src.replace(/^['"]|['"]$/g, '');
    }
    return String(s.value);
  }

  /** Scalar style: PLAIN, QUOTE_SINGLE, QUOTE_DOUBLE, BLOCK_LITERAL, BLOCK_FOLDED. */
  get scalarType(): string | undefined {
    return isScalar(this.node) ? ((this.node as Scalar).type ?? undefined) : undefined;
  }

  /**
   * Maps a character range of the scalar's *value* back to the source. Exact for literal block
   * scalars (`run: |`) and single-line plain or quoted scalars without escapes; otherwise falls
   * back to the whole scalar, which is still the right place to look.
   */
  valueSpan(start: number, end: number): Span {
    const whole = this.span;
    const n = this.node;
    const value = this.text;
    if (!isScalar(n) || !n.range || value === undefined) return whole;
    const [from, to] = n.range;
    const source = this.doc.text.slice(from, to);
    const type = (n as Scalar).type;
    if (type === 'BLOCK_LITERAL') {
      // Computed once per scalar: a run block with 10,000 publish commands asks 10,000 times.
      let layout = BLOCK_LAYOUT.get(n);
      if (!layout) {
        const header = this.doc.lines.position(from);
        const firstLine = header.line + 1;
        const starts = [0];
        for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) starts.push(i + 1);
        layout = { firstLine, starts, valueLength: value.length, indent: blockIndent(this.doc, firstLine) };
        BLOCK_LAYOUT.set(n, layout);
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
        return this.doc.lines.span(from + quote + start, from + quote + end);
      }
    }
    return whole;
  }

  /**
   * The source offsets [from, to) of a character range of the scalar's *value*, when the mapping is
   * exact: literal block scalars (`run: |`) and single-line plain or quoted scalars without
   * escapes. Undefined otherwise (folded scalars, escapes, multi-line flow scalars), and for a value
   * that came through an alias. What autofixes use to edit inside a script.
   */
  valueRange(start: number, end: number): [number, number] | undefined {
    const n = this.node;
    const value = this.text;
    if (this.via || !isScalar(n) || !n.range || value === undefined || start < 0 || end < start || end > value.length) return undefined;
    const [from, to] = n.range;
    const source = this.doc.text.slice(from, to);
    const type = (n as Scalar).type;
    if (type === 'BLOCK_LITERAL') {
      const lines = this.doc.lines;
      const firstLine = lines.position(from).line + 1;
      const indent = blockIndent(this.doc, firstLine);
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

  /** Map entries in order, merge keys (`<<`) expanded with explicit keys winning. */
  entries(): readonly YNode[] {
    const node = this.node;
    if (!isMap(node)) return [];
    let cached = ENTRIES.get(node);
    if (!cached) {
      ENTRIES.set(node, NO_NODES); // a map merging itself sees no entries instead of recursing
      cached = Object.freeze(this.computeEntries());
      ENTRIES.set(node, cached);
    }
    return cached;
  }

  private computeEntries(): YNode[] {
    const own: YNode[] = [];
    const merged: YNode[] = [];
    for (const pair of (this.node as YAMLMap).items) {
      if (!isPair(pair)) continue;
      if (isMergeKey(pair.key)) {
        merged.push(...this.mergeEntries(pair, 0));
        continue;
      }
      own.push(new YNode(this.doc, pair.value, pair.key));
    }
    if (merged.length === 0) return own;
    const ownKeys = new Set(own.map((e) => e.key));
    const seen = new Set<string | undefined>();
    const fromMerge: YNode[] = [];
    for (const entry of merged) {
      if (ownKeys.has(entry.key) || seen.has(entry.key)) continue;
      seen.add(entry.key);
      fromMerge.push(entry);
    }
    return [...fromMerge, ...own];
  }

  private mergeEntries(pair: Pair, depth: number): YNode[] {
    if (depth > MAX_ALIAS_DEPTH) return [];
    const sources = isSeq(pair.value) ? (pair.value as YAMLSeq).items : [pair.value];
    const out: YNode[] = [];
    for (const src of sources) {
      const target = new YNode(this.doc, src, undefined);
      out.push(...target.entries());
    }
    return out;
  }

  /** Keys of a map, in order. */
  keys(): string[] {
    return this.entries()
      .map((e) => e.key)
      .filter((k): k is string => k !== undefined);
  }

  /** The value under `key` in a map (the last one, as YAML parsers and CI platforms do). */
  get(key: string): YNode | undefined {
    const entries = this.entries();
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.key === key) return entries[i];
    return undefined;
  }

  /** Follows a path of keys. */
  at(...path: string[]): YNode | undefined {
    const [first, ...rest] = path;
    if (first === undefined) return this;
    const next = this.get(first);
    return next && rest.length > 0 ? next.at(...rest) : next;
  }

  /** Sequence items. */
  items(): readonly YNode[] {
    const node = this.node;
    if (!isSeq(node)) return [];
    let cached = ITEMS.get(node);
    if (!cached) {
      cached = Object.freeze((node as YAMLSeq).items.map((item) => new YNode(this.doc, item, undefined)));
      ITEMS.set(node, cached);
    }
    return cached;
  }

  /** A list for `x` or `[x, y]`: scalars and sequences alike become a list of nodes. */
  list(): readonly YNode[] {
    if (this.isSeq) return this.items();
    if (this.isNull) return [];
    return [this];
  }

  /**
   * Converts to plain JavaScript with a bound on the number of nodes visited, so that even a
   * crafted document cannot make it explode. Returns undefined past the bound.
   */
  toJS(maxNodes = 10_000): unknown {
    let budget = maxNodes;
    const convert = (n: YNode): unknown => {
      if (--budget < 0) throw new RangeError('bound');
      switch (n.kind) {
        case 'map': {
          const out: Record<string, unknown> = {};
          // defineProperty: a `__proto__` key is data, never the object's prototype.
          for (const e of n.entries()) {
            if (e.key !== undefined) Object.defineProperty(out, e.key, { value: convert(e), enumerable: true, writable: true, configurable: true });
          }
          return out;
        }
        case 'seq':
          return n.items().map(convert);
        case 'scalar':
          return n.value;
        default:
          return null;
      }
    };
    try {
      return convert(this);
    } catch {
      return undefined;
    }
  }
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

/** `<<` keys: a plain `<<` scalar, which the yaml package may also represent by a symbol. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  // Only a plain `<<` merges: a quoted `"<<"` (and every JSON key) is an ordinary key.
  const type = (key as Scalar).type;
  if (type !== undefined && type !== 'PLAIN') return false;
  const value = (key as Scalar).value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<') || (key as Scalar).source === '<<';
}
