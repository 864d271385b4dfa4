/**
 * `YNode`: a node of a parsed document with its 1-based `span`/`keySpan`, aliases and merge keys
 * followed, and offsets inside a scalar mapped back to the source (`valueSpan`).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, isNode, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from './span.js';
import type { YamlDocument } from './document.js';
import { scalarValueRange, scalarValueSpan } from './scalar-position.js';
import { resolveAlias } from './aliases.js';

/** How deep alias chains and merge keys are followed before giving up. */
export const MAX_ALIAS_DEPTH = 64;

export type YKind = 'map' | 'seq' | 'scalar' | 'null';

/**
 * Wrappers of a map's entries and a sequence's items, computed once per underlying yaml node: the
 * models call `get()` (a scan of `entries()`) many times on the same maps. Entries depend only on
 * the node (and its document, which owns it), never on the wrapper asking. Frozen, as they are
 * shared by every caller. Kept on the yaml node itself, under a symbol no library reads, rather
 * than in a WeakMap: a WeakMap's table grows with every node of every document a large run reads
 * and keeps its size after they die (9 MB after 20,000 workflows), and each full collection must
 * walk its entries (bench/README.md, "2026-12-04, fifth stop").
 */
const CHILDREN = Symbol('tp-doctor children');
type WithChildren = Node & { [CHILDREN]?: readonly YNode[] };
const NO_NODES: readonly YNode[] = Object.freeze([]);

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
  /**
   * This wrapper's own reference to the shared entries or items: `get()` asks for them on every
   * call, and a field read is cheaper than the WeakMap lookup (most reads go through one wrapper).
   */
  private children: readonly YNode[] | undefined;

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
      resolved = resolveAlias(doc.raw, resolved);
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
    return scalarValueSpan(this.doc, this.node, this.text, this.span, start, end);
  }

  /**
   * The source offsets [from, to) of a character range of the scalar's *value*, when the mapping is
   * exact: literal block scalars (`run: |`) and single-line plain or quoted scalars without
   * escapes. Undefined otherwise (folded scalars, escapes, multi-line flow scalars), and for a value
   * that came through an alias. What autofixes use to edit inside a script.
   */
  valueRange(start: number, end: number): [number, number] | undefined {
    return scalarValueRange(this.doc, this.node, this.via !== undefined, this.text, start, end);
  }

  /** Map entries in order, merge keys (`<<`) expanded with explicit keys winning. */
  entries(): readonly YNode[] {
    if (this.children) return this.children;
    const node = this.node;
    if (!isMap(node)) return NO_NODES;
    const holder = node as WithChildren;
    let cached = holder[CHILDREN];
    if (!cached) {
      holder[CHILDREN] = NO_NODES; // a map merging itself sees no entries instead of recursing
      cached = Object.freeze(this.computeEntries());
      holder[CHILDREN] = cached;
    }
    // Not kept while the map is still being expanded (a merge of itself sees NO_NODES for now).
    if (cached !== NO_NODES) this.children = cached;
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
    if (this.children) return this.children;
    const node = this.node;
    if (!isSeq(node)) return NO_NODES;
    const holder = node as WithChildren;
    let cached = holder[CHILDREN];
    if (!cached) {
      cached = Object.freeze((node as YAMLSeq).items.map((item) => new YNode(this.doc, item, undefined)));
      holder[CHILDREN] = cached;
    }
    this.children = cached;
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

/** `<<` keys: a plain `<<` scalar, which the yaml package may also represent by a symbol. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  // Only a plain `<<` merges: a quoted `"<<"` (and every JSON key) is an ordinary key.
  const type = (key as Scalar).type;
  if (type !== undefined && type !== 'PLAIN') return false;
  const value = (key as Scalar).value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<') || (key as Scalar).source === '<<';
}
