/**
 * `YNode`: a node of a parsed document with its 1-based `span`/`keySpan`, aliases and merge keys
 * followed, and offsets inside a scalar mapped back to the source (`valueSpan`).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, isNode, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from './span.js';
import type { YamlDocument } from './document.js';
import { scalarValueRange, scalarValueSpan } from './scalar-position.js';
import { resolveAlias } from './aliases.js';
import { rawNodeAt } from './raw-index.js';

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

/** What a wrapper keeps of a scalar's or an alias's less common details (one object, rarely made). */
interface Extra {
  readonly tag: string | undefined;
  /** The plain source of a scalar that is not a string (`24.10` for the number 24.1). */
  readonly source: string | undefined;
  /** Where the value was written when it came through an alias (the alias itself); -1 when not. */
  readonly viaStart: number;
  readonly viaEnd: number;
}

/**
 * A YAML node with its position, aliases followed. Models read YAML only through this wrapper so
 * that every value they keep can say where it came from.
 *
 * The wrapper copies what its readers ask (kind, ranges, scalar value and style) from the yaml
 * library's node when it is made, and keeps the library's node only to compute its children.
 * `compactTree` (`compact.ts`) computes every wrapper's children and drops those references, so
 * a document kept for the whole run (a publishing workflow) holds its wrappers and its text, not
 * the library's tree as well; `node` then finds the library's node again in a fresh parse of the
 * text (`raw-index.ts`; the fixers are its only readers).
 */
export class YNode {
  /** The key this value sits under, when it is a mapping value. */
  readonly key: string | undefined;
  readonly kind: YKind;
  /** Offsets [start, end) of the value in the text; -1 when the value has no range. */
  private readonly from: number;
  private readonly to: number;
  private readonly keyFrom: number;
  private readonly keyTo: number;
  /** Scalar style: PLAIN, QUOTE_SINGLE, QUOTE_DOUBLE, BLOCK_LITERAL, BLOCK_FOLDED. */
  readonly scalarType: string | undefined;
  private readonly extra: Extra | undefined;
  /**
   * One field for what the kind needs (one field, not three: a kept document holds a wrapper per
   * node for the whole run): a scalar's value; a map's or sequence's entries or items once
   * computed, shared with the other wrappers of its node, and the library's node until then.
   */
  private content: Node | readonly YNode[] | string | number | boolean | undefined;

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
    const n = isNode(resolved) && !isAlias(resolved) ? resolved : null;
    this.key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    const keyRange = isNode(keyNode) ? keyNode.range : undefined;
    this.keyFrom = keyRange ? keyRange[0] : -1;
    this.keyTo = keyRange ? keyRange[1] : -1;
    const range = n?.range;
    this.from = range ? range[0] : -1;
    this.to = range ? range[1] : -1;
    let scalar: string | number | boolean | undefined;
    let source: string | undefined;
    if (isScalar(n)) {
      const v: unknown = n.value;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') scalar = v;
      else if (typeof v === 'bigint') scalar = Number(v);
      this.kind = v === null || v === undefined ? 'null' : 'scalar';
      this.scalarType = n.type ?? undefined;
      if (typeof v !== 'string' && typeof n.source === 'string') source = n.source;
    } else {
      this.kind = isMap(n) ? 'map' : isSeq(n) ? 'seq' : 'null';
      this.scalarType = undefined;
    }
    this.content = isMap(n) || isSeq(n) ? n : scalar;
    const tag = n?.tag;
    const viaRange = firstAlias?.range;
    this.extra =
      tag !== undefined || source !== undefined || firstAlias !== undefined
        ? { tag, source, viaStart: viaRange ? viaRange[0] : firstAlias ? -2 : -1, viaEnd: viaRange ? viaRange[1] : -1 }
        : undefined;
  }

  /**
   * The yaml library's node (the fixers edit through it): the one this wrapper was made from, or,
   * once the tree is compacted, the node at the same place in a fresh parse of the text.
   */
  get node(): Node | null {
    const content = this.content;
    if ((this.kind === 'map' || this.kind === 'seq') && isNode(content)) return content;
    if (this.from < 0) return null;
    return rawNodeAt(this.doc, this.from, this.to, this.kind);
  }

  get file(): string {
    return this.doc.file;
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
    return this.extra?.tag;
  }

  /** The span of the value, or of its alias when it came through one. */
  get span(): Span {
    const extra = this.extra;
    if (extra && extra.viaStart !== -1) {
      // An alias without a range (never made by the parser) shows nothing better than the key.
      if (extra.viaStart >= 0) return this.doc.lines.span(extra.viaStart, extra.viaEnd);
    } else if (this.from >= 0) return this.doc.lines.span(this.from, this.to);
    // `key:` with no value: point at the key.
    return this.keySpan ?? this.doc.lines.span(0, 0);
  }

  /** The span of the key this value sits under. */
  get keySpan(): Span | undefined {
    return this.keyFrom >= 0 ? this.doc.lines.span(this.keyFrom, this.keyTo) : undefined;
  }

  /** Key span when there is a key, else the value span: where a user looks for this entry. */
  get anchorSpan(): Span {
    return this.keySpan ?? this.span;
  }

  /** Offset range [start, end) of the key this value sits under, in the source text. */
  get keyRange(): [number, number] | undefined {
    return this.keyFrom >= 0 ? [this.keyFrom, this.keyTo] : undefined;
  }

  /** Offset range [start, end) of the value in the source text. */
  get range(): [number, number] | undefined {
    return this.from >= 0 ? [this.from, this.to] : undefined;
  }

  /** True when the value was written through an alias rather than in place. */
  get viaAlias(): boolean {
    return this.extra !== undefined && this.extra.viaStart !== -1;
  }

  /** The scalar value (string, number, boolean), or undefined for collections and null. */
  get value(): string | number | boolean | undefined {
    return this.kind === 'scalar' ? (this.content as string | number | boolean | undefined) : undefined;
  }

  /** The scalar as text (numbers and booleans as YAML wrote them), undefined otherwise. */
  get text(): string | undefined {
    if (this.kind !== 'scalar') return undefined;
    const v = this.content as string | number | boolean | undefined;
    if (typeof v === 'string') return v;
    // Keep `24.10` rather than `24.1`: prefer the source text of plain numbers.
    const source = this.extra?.source;
    if (source !== undefined && this.scalarType === 'PLAIN') return source;
    if (this.from >= 0) {
      const src = this.doc.text.slice(this.from, this.to).trim();
      if (src.length > 0 && !/[\n#]/.test(src)) return src.replace(/^['"]|['"]$/g, '');
    }
    return String(v);
  }

  /**
   * Maps a character range of the scalar's *value* back to the source. Exact for literal block
   * scalars (`run: |`) and single-line plain or quoted scalars without escapes; otherwise falls
   * back to the whole scalar, which is still the right place to look.
   */
  valueSpan(start: number, end: number): Span {
    return scalarValueSpan(this.doc, this, this.text, this.span, start, end);
  }

  /**
   * The source offsets [from, to) of a character range of the scalar's *value*, when the mapping is
   * exact: literal block scalars (`run: |`) and single-line plain or quoted scalars without
   * escapes. Undefined otherwise (folded scalars, escapes, multi-line flow scalars), and for a value
   * that came through an alias. What autofixes use to edit inside a script.
   */
  valueRange(start: number, end: number): [number, number] | undefined {
    return scalarValueRange(this.doc, this, this.viaAlias, this.text, start, end);
  }

  /** Map entries in order, merge keys (`<<`) expanded with explicit keys winning. */
  entries(): readonly YNode[] {
    if (this.kind !== 'map') return NO_NODES;
    const node = this.content;
    if (Array.isArray(node)) return node as readonly YNode[];
    if (!isMap(node)) return NO_NODES;
    const holder = node as WithChildren;
    let cached = holder[CHILDREN];
    if (!cached) {
      holder[CHILDREN] = NO_NODES; // a map merging itself sees no entries instead of recursing
      cached = Object.freeze(this.computeEntries(node));
      holder[CHILDREN] = cached;
    }
    // Not kept while the map is still being expanded (a merge of itself sees NO_NODES for now).
    if (cached !== NO_NODES) this.content = cached;
    return cached;
  }

  private computeEntries(map: YAMLMap): YNode[] {
    const own: YNode[] = [];
    const merged: YNode[] = [];
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      if (isMergeKey(pair.key)) {
        merged.push(...this.mergeEntries(pair, 0));
        continue;
      }
      own.push(new YNode(this.doc, pair.value, pair.key));
    }
    // A copy of exactly its length: `push` left room for 17 entries, and a kept document holds
    // one such array per map for the whole run (6 MB over 2,000 kept workflows).
    if (merged.length === 0) return own.slice();
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
    if (this.kind !== 'seq') return NO_NODES;
    const node = this.content;
    if (Array.isArray(node)) return node as readonly YNode[];
    if (!isSeq(node)) return NO_NODES;
    const holder = node as WithChildren;
    let cached = holder[CHILDREN];
    if (!cached) {
      cached = Object.freeze((node as YAMLSeq).items.map((item) => new YNode(this.doc, item, undefined)));
      holder[CHILDREN] = cached;
    }
    this.content = cached;
    return cached;
  }

  /** A list for `x` or `[x, y]`: scalars and sequences alike become a list of nodes. */
  list(): readonly YNode[] {
    return this.isSeq ? this.items() : this.isNull ? [] : [this];
  }

  /** The texts of `list()`'s scalar items (`tags: [a, b]`, `projects: a`). */
  texts(): string[] {
    return this.list().flatMap((i) => (i.text === undefined ? [] : [i.text]));
  }

  /**
   * Keeps the children computed and drops the library's node (`compactTree`). The children must
   * already be computed: a wrapper released first would leave its children to lose their source.
   */
  release(): void {
    if (this.kind === 'map') this.entries();
    else if (this.kind === 'seq') this.items();
    // Only a map still merging itself keeps its node after that, and none is by now.
    if (isNode(this.content)) this.content = NO_NODES;
    // Shared key strings for a document kept for the run only: interning every document's keys
    // cost 1 % of the 846 bench workflows' run, most of them streamed and dropped at once.
    // The same text: readers never see the difference, so the field stays `readonly` for them.
    if (this.key !== undefined) (this as { key: string | undefined }).key = internKey(this.key);
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
 * One copy of each short key text: a workflow repeats the same few dozen keys (`name`, `run`,
 * `uses`, `with`) in every step, and the parser makes a new string for each, which a kept document
 * holds for the whole run (2.7 MB over 2,000 kept workflows). Bounded: past `MAX_INTERNED`
 * distinct keys, later ones are kept as they come.
 */
const INTERNED = new Map<string, string>();
const MAX_INTERNED = 4096;

function internKey(key: string): string {
  if (key.length > 32) return key;
  const known = INTERNED.get(key);
  if (known !== undefined) return known;
  if (INTERNED.size < MAX_INTERNED) INTERNED.set(key, key);
  return key;
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
