/**
 * The scans that keep a hostile file from exhausting memory or the stack, and the checks the yaml
 * package leaves to its caller: scalar count (lexer only), nesting depth (token tree, no
 * recursion), alias expansion (alias bombs), repeated keys and non-core tags (composed document).
 */
import { CST, Lexer, isAlias, isMap, isScalar, isSeq, isNode, type Document, type Node } from 'yaml';
import type { LineIndex, Span } from './span.js';
import { MAX_ALIAS_DEPTH } from './node.js';
import { resolveAlias } from './aliases.js';

export const DEFAULT_MAX_EXPANDED_NODES = 200_000;
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
export const COUNT_FROM_BYTES = 2 * MAX_YAML_VALUES;

/** The scalars of a YAML text, counted by the lexer (cheap: strings, no tree), up to `stopAt`. */
export function countScalars(text: string, stopAt: number): number {
  let count = 0;
  for (const token of new Lexer().lex(text)) {
    // A plain or block scalar is announced by the lexer's SCALAR marker; quoted ones start with their quote.
    if (token === '\x1f' || token[0] === '"' || token[0] === "'") {
      if (++count > stopAt) break;
    }
  }
  return count;
}

export const CORE_PREFIX = 'tag:yaml.org,2002:';
const MAX_DUPLICATES_REPORTED = 100;
/** Keys compared in a list up to this many per map, in a Set beyond (linear either way). */
const SMALL_MAP = 16;
/** The tags of YAML 1.2's core schema, which every CI platform's parser reads alike. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq', 'merge'].map((t) => CORE_PREFIX + t));

/**
 * One pass over a composed document (an explicit stack: any depth): keys repeated within a map
 * (scalar keys compared by value, as the yaml package does, in linear time), and nodes with a tag
 * outside the core schema (`!!js/function`, a custom `!tag`; GitLab's `!reference` where allowed).
 */
export function scanNodes(root: unknown, allowReference: boolean): { kind: 'duplicate' | 'tag'; node: Node }[] {
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
      // Most maps are small: their keys are compared in a list (no Set per map); a large one gets a Set.
      const items = node.items;
      const seen: unknown[] = [];
      let keys: Set<unknown> | undefined;
      for (const pair of items) {
        const key = pair.key;
        if (isScalar(key)) {
          const value = key.value;
          if (!keys && seen.length >= SMALL_MAP) keys = new Set(seen);
          const repeated = keys ? keys.has(value) : seen.includes(value);
          if (!repeated) {
            if (keys) keys.add(value);
            else seen.push(value);
          } else if (duplicates++ < MAX_DUPLICATES_REPORTED) out.push({ kind: 'duplicate', node: key });
        }
        stack.push(pair.value, pair.key);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return out;
}


/**
 * Walks the token tree with an explicit stack (the tree can be arbitrarily deep): the offset of
 * the first collection nested deeper than `limit` (undefined when the nesting is within bounds),
 * and whether any alias (`*name`) is written, in any document of the text.
 */
export function scanTokens(tokens: CST.Token[], limit: number): { tooDeepAt: number | undefined; hasAliases: boolean } {
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
export function findAliasBomb(
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
      const target = resolveAlias(doc, node);
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
