import {
  Composer,
  CST,
  Lexer,
  Parser,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  isNode,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
  YAMLParseError,
} from 'yaml';
import { LineIndex, type Span } from './span.js';

export type YamlProblemCode =
  | 'syntax'
  | 'duplicate-key'
  | 'alias-bomb'
  | 'multiple-documents'
  | 'too-deep'
  | 'too-many-values'
  | 'unsupported-tag';

export interface YamlProblem {
  code: YamlProblemCode;
  /** The parser's own words, without position or snippet. */
  message: string;
  span: Span;
}

export interface ParseOptions {
  /** Recognise GitLab's `!reference [job, key]` tag. */
  gitlabTags?: boolean;
  /**
   * Accept GitLab's header document: a first document holding only `spec:` (inputs of a CI/CD
   * component or included file), then `---` and the configuration. The configuration becomes
   * `root` (positions stay those of the whole file) and the header is kept in `header`. Without
   * such a header the file must hold one document, as usual.
   */
  gitlabSpecHeader?: boolean;
  /**
   * Upper bound on the number of nodes the document expands to once every alias is followed.
   * A legitimate CI file stays far below it; an alias bomb ("billion laughs") exceeds it quickly.
   */
  maxExpandedNodes?: number;
}

/** A parsed YAML file. `root` is undefined when the file could not be parsed or is empty. */
export interface YamlDocument {
  file: string;
  text: string;
  lines: LineIndex;
  problems: YamlProblem[];
  root: YNode | undefined;
  /** The yaml library's document, kept for the few callers that need it (never rules). */
  raw: Document.Parsed | undefined;
  /** With `gitlabSpecHeader`: the `spec:` header document's root map, when the file has one. */
  header?: YNode;
}

const DEFAULT_MAX_EXPANDED_NODES = 200_000;
/**
 * Deepest collection nesting accepted. The yaml package composes nodes recursively, so thousands
 * of nested `[` exhaust the call stack (and can abort the process outright); real CI files nest
 * about ten levels. Checked on the parser's token tree, which is built without recursion.
 */
export const MAX_NESTING_DEPTH = 128;
/**
 * Most scalars (keys and values) a file may hold. The yaml package's token tree and document take
 * about 1 KB of memory per scalar, so 150,000 `env:` keys (300,000 scalars in a 1.8 MB file) took
 * over 300 MB; the largest of the 846 real workflows of the benchmark holds about 10,000. Counted
 * with the lexer (no tree) on files over `COUNT_FROM_BYTES` only: a scalar takes at least two bytes.
 */
export const MAX_YAML_VALUES = 200_000;
const COUNT_FROM_BYTES = 2 * MAX_YAML_VALUES;

/** The scalars of a YAML text, counted by the lexer (cheap: strings, no tree), up to `stopAt`. */
function countScalars(text: string, stopAt: number): number {
  let count = 0;
  for (const token of new Lexer().lex(text)) {
    // A plain or block scalar is announced by the lexer's SCALAR marker; quoted ones start with their quote.
    if (token === '\x1f' || token[0] === '"' || token[0] === "'") {
      if (++count > stopAt) break;
    }
  }
  return count;
}

/** How deep alias chains and merge keys are followed before giving up. */
const MAX_ALIAS_DEPTH = 64;

const referenceTag = {
  tag: '!reference',
  collection: 'seq' as const,
  default: false,
  resolve: (value: unknown) => value,
};

function errorCode(code: string): YamlProblemCode {
  if (code === 'DUPLICATE_KEY') return 'duplicate-key';
  return 'syntax';
}

/**
 * Parses YAML text and never throws: syntax errors, duplicate keys, several documents and alias
 * bombs come back as problems with positions. Comments stay in the text (suppression comments
 * are read from it by the engine).
 */
export function parseYaml(file: string, text: string, options: ParseOptions = {}): YamlDocument {
  const lines = new LineIndex(text);
  const problems: YamlProblem[] = [];
  let raw: Document.Parsed | undefined;
  let headerDoc: Document.Parsed | undefined;
  let hasAliases: boolean;
  try {
    if (text.length > COUNT_FROM_BYTES && countScalars(text, MAX_YAML_VALUES) > MAX_YAML_VALUES) {
      problems.push({
        code: 'too-many-values',
        message: `the file holds more than ${MAX_YAML_VALUES.toLocaleString('en-US')} YAML keys and values, where tp-doctor reads at most that many; the file was not checked`,
        span: lines.span(0, 0),
      });
      return { file, text, lines, problems, root: undefined, raw: undefined };
    }
    const tokens = Array.from(new Parser().parse(text));
    const scan = scanTokens(tokens, MAX_NESTING_DEPTH);
    hasAliases = scan.hasAliases;
    const deep = scan.tooDeepAt;
    if (deep !== undefined) {
      problems.push({
        code: 'too-deep',
        message: `collections nest more than ${MAX_NESTING_DEPTH} levels deep`,
        span: lines.span(deep, deep + 1),
      });
      return { file, text, lines, problems, root: undefined, raw: undefined };
    }
    ({ doc: raw, header: headerDoc } = composeFirst(
      tokens,
      text.length,
      {
        prettyErrors: false,
        // Duplicate keys are found below in one linear pass: the yaml package compares each key
        // with every earlier key of its map, which takes minutes for 150,000 `env:` keys.
        uniqueKeys: false,
        merge: true,
        strict: true,
        customTags: options.gitlabTags ? [referenceTag] : [],
      },
      options.gitlabSpecHeader === true,
    ));
  } catch (error) {
    // The yaml package does not throw for bad input; this is a last resort so that a parser bug
    // can never become a stack trace for the user.
    problems.push({ code: 'syntax', message: (error as Error).message, span: lines.span(0, 0) });
    return { file, text, lines, problems, root: undefined, raw: undefined };
  }
  const found: { offset: number; problem: YamlProblem }[] = [];
  for (const err of raw.errors) {
    const [start, end] = err.pos;
    // The parser's own words, without its position and source excerpt.
    const excerpt = err.message.search(/ at line \d+, column \d+/);
    const message = excerpt < 0 ? err.message : err.message.slice(0, excerpt);
    if (err.code === 'MULTIPLE_DOCS') {
      // Point at the first line of the second document (its `---`), not at all of it.
      const line = lines.position(start).line;
      const lineEnd = lines.lineStart(line) + lines.lineText(line).length;
      found.push({ offset: start, problem: { code: 'multiple-documents', message, span: lines.span(start, Math.min(end, lineEnd)) } });
    } else {
      found.push({ offset: start, problem: { code: errorCode(err.code), message, span: lines.span(start, end) } });
    }
  }
  // The header first: its problems break the file as much as the configuration's.
  for (const d of headerDoc ? [headerDoc, raw] : [raw]) {
    for (const hit of scanNodes(d.contents, options.gitlabTags === true)) {
      const [start, end] = hit.node.range ?? [0, 0];
      const source = text.slice(start, end);
      const span = source.includes('\n') ? lines.span(start, start + 1) : lines.span(start, end);
      if (hit.kind === 'duplicate') {
        const name = isScalar(hit.node) ? JSON.stringify(String(hit.node.value)) : source.trim();
        const shown = name.length > 60 ? `${name.slice(0, 57)}...` : name;
        const message = name ? `${shown} is repeated in the same mapping; keys must be unique` : 'a key is repeated in the same mapping; keys must be unique';
        found.push({ offset: start, problem: { code: 'duplicate-key', message, span } });
      } else {
        // The node's range starts after its tag: point at the tag (`!!js/function "…"`) too.
        let bang = start;
        while (bang > 0 && (text[bang - 1] === ' ' || text[bang - 1] === '\t')) bang--;
        const floor = Math.max(0, bang - 256);
        while (bang > floor && !/\s/.test(text[bang - 1]!)) bang--;
        const tagSpan = text[bang] === '!' ? lines.span(bang, source.includes('\n') ? start + 1 : end) : span;
        const tag = hit.node.tag ?? '';
        const shown = tag.startsWith(CORE_PREFIX) ? `!!${tag.slice(CORE_PREFIX.length)}` : tag;
        const message = `the tag \`${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown}\` is not a standard YAML tag (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are)`;
        found.push({ offset: start, problem: { code: 'unsupported-tag', message, span: tagSpan } });
      }
    }
  }
  // In the order of the text (a stable sort keeps the parser's order at equal offsets).
  found.sort((a, b) => a.offset - b.offset);
  for (const f of found) problems.push(f.problem);
  if (problems.length > 0) return { file, text, lines, problems, root: undefined, raw };

  const docInfo: YamlDocument = { file, text, lines, problems, root: undefined, raw };
  const contents = raw.contents;
  if (contents && isNode(contents)) {
    const limit = options.maxExpandedNodes ?? DEFAULT_MAX_EXPANDED_NODES;
    // Without a single alias nothing expands: the walk (a memo entry per node) is skipped.
    const bomb = hasAliases ? findAliasBomb(raw, contents, limit, lines) : undefined;
    if (bomb) {
      problems.push({
        code: 'alias-bomb',
        message: `aliases expand the document to more than ${limit.toLocaleString('en-US')} nodes`,
        span: bomb,
      });
      return docInfo;
    }
    docInfo.root = new YNode(docInfo, contents, undefined);
  }
  if (headerDoc && isNode(headerDoc.contents)) {
    // The header is a document of its own: its aliases resolve against it, not the body.
    const headerInfo: YamlDocument = { file, text, lines, problems: [], root: undefined, raw: headerDoc };
    docInfo.header = new YNode(headerInfo, headerDoc.contents, undefined);
    headerInfo.root = docInfo.header;
  }
  return docInfo;
}

const CORE_PREFIX = 'tag:yaml.org,2002:';
const MAX_DUPLICATES_REPORTED = 100;
/** The tags of YAML 1.2's core schema, which every CI platform's parser reads alike. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq', 'merge'].map((t) => CORE_PREFIX + t));

/**
 * One pass over a composed document (an explicit stack: any depth): keys repeated within a map
 * (scalar keys compared by value, as the yaml package does, in linear time), and nodes with a tag
 * outside the core schema (`!!js/function`, a custom `!tag`; GitLab's `!reference` where allowed).
 */
function scanNodes(root: unknown, allowReference: boolean): { kind: 'duplicate' | 'tag'; node: Node }[] {
  const out: { kind: 'duplicate' | 'tag'; node: Node }[] = [];
  // One tag and a hundred duplicates say enough: a generated file must not become 100,000 findings.
  let tags = 0;
  let duplicates = 0;
  // A composed document is a tree (an alias is a node of its own and is not followed).
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isNode(node) || isAlias(node)) continue;
    const tag = node.tag;
    if (tag !== undefined && tag !== '!' && !CORE_TAGS.has(tag) && !(allowReference && tag === '!reference') && tags++ === 0) {
      out.push({ kind: 'tag', node });
    }
    if (isMap(node)) {
      const keys = new Map<unknown, true>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          if (!keys.has(key.value)) keys.set(key.value, true);
          else if (duplicates++ < MAX_DUPLICATES_REPORTED) out.push({ kind: 'duplicate', node: key });
        }
        stack.push(pair.value, pair.key);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return out;
}

type ComposeOptions = ConstructorParameters<typeof Composer>[0];

/**
 * What `parseDocument` does, from tokens already parsed: the first document, later ones flagged.
 * With `allowSpecHeader`, a first document that holds only `spec:` is GitLab's header: the second
 * document is the configuration, and only a third one is flagged.
 */
function composeFirst(
  tokens: CST.Token[],
  length: number,
  options: ComposeOptions,
  allowSpecHeader: boolean,
): { doc: Document.Parsed; header?: Document.Parsed } {
  const composer = new Composer(options);
  const docs: Document.Parsed[] = [];
  for (const next of composer.compose(tokens, true, length)) {
    docs.push(next);
    if (docs.length === 3) break;
  }
  // `compose(…, true, …)` always yields at least one document, even for an empty text.
  const first = docs[0];
  if (!first) throw new Error('the YAML composer produced no document');
  let header: Document.Parsed | undefined;
  let doc = first;
  let extra = docs[1];
  if (allowSpecHeader && docs[1] && isSpecHeader(first)) {
    header = first;
    doc = docs[1];
    extra = docs[2];
    // A mistake in the header breaks the file as much as one in the configuration.
    doc.errors.unshift(...first.errors);
  }
  if (extra) {
    doc.errors.push(new YAMLParseError([extra.range[0], extra.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
  }
  return header ? { doc, header } : { doc };
}

/** A document whose root is a map with the single key `spec` (GitLab's header). */
function isSpecHeader(doc: Document.Parsed): boolean {
  const contents = doc.contents;
  if (!isMap(contents) || contents.items.length !== 1) return false;
  const key = contents.items[0]?.key;
  return isScalar(key) && key.value === 'spec';
}

/**
 * Walks the token tree with an explicit stack (the tree can be arbitrarily deep): the offset of
 * the first collection nested deeper than `limit` (undefined when the nesting is within bounds),
 * and whether any alias (`*name`) is written, in any document of the text.
 */
function scanTokens(tokens: CST.Token[], limit: number): { tooDeepAt: number | undefined; hasAliases: boolean } {
  // Two parallel stacks (token, depth) rather than a tuple per token: this runs over every file.
  const stack: CST.Token[] = [];
  const depths: number[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    stack.push(tokens[i]!);
    depths.push(0);
  }
  let hasAliases = false;
  while (stack.length > 0) {
    const token = stack.pop()!;
    const depth = depths.pop()!;
    if (token.type === 'document') {
      if (token.value) {
        stack.push(token.value);
        depths.push(depth);
      }
      continue;
    }
    if (token.type === 'alias') {
      hasAliases = true;
      continue;
    }
    if (!CST.isCollection(token)) continue;
    if (depth >= limit) return { tooDeepAt: token.type === 'flow-collection' ? token.start.offset : token.offset, hasAliases };
    for (let i = token.items.length - 1; i >= 0; i--) {
      const item = token.items[i]!;
      if (item.value) {
        stack.push(item.value);
        depths.push(depth + 1);
      }
      if (item.key) {
        stack.push(item.key);
        depths.push(depth + 1);
      }
    }
  }
  return { tooDeepAt: undefined, hasAliases };
}

/**
 * Counts the nodes the document would have with every alias expanded, memoising per node so the
 * count itself stays linear. Returns the span of the first alias that pushes it over the limit.
 */
function findAliasBomb(
  doc: Document.Parsed,
  root: Node,
  limit: number,
  lines: LineIndex,
): Span | undefined {
  const memo = new Map<Node, number>();
  let culprit: Node | undefined;
  const visit = (node: unknown, depth: number): number => {
    if (!isNode(node)) return 1;
    const cached = memo.get(node);
    if (cached !== undefined) return cached;
    if (depth > MAX_ALIAS_DEPTH * 4) return limit + 1;
    memo.set(node, limit + 1); // a cycle through an alias counts as infinite
    let count = 1;
    // The culprit is the innermost node that crosses the limit: the alias that pushes a
    // collection over it, or the collection itself when many small aliases add up.
    const over = (item: unknown): void => {
      if (!culprit && isAlias(item)) culprit = item;
    };
    if (isAlias(node)) {
      const target = node.resolve(doc);
      count = target ? visit(target, depth + 1) : 1;
    } else if (isMap(node)) {
      for (const item of node.items) {
        count += visit(item.key, depth + 1) + visit(item.value, depth + 1);
        if (count > limit) {
          over(item.value);
          over(item.key);
          break;
        }
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        count += visit(item, depth + 1);
        if (count > limit) {
          over(item);
          break;
        }
      }
    }
    if (count > limit && !culprit) culprit = node;
    memo.set(node, count);
    return count;
  };
  const total = visit(root, 0);
  if (total <= limit) return undefined;
  const node = culprit ?? root;
  const range = node.range ?? [0, 0, 0];
  return lines.span(range[0], range[1]);
}

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
