/**
 * Text edits on YAML files, computed from the `yaml` library's node ranges so that everything the
 * edit does not touch stays byte for byte: comments, blank lines, quoting, flow style, line ends.
 * Each helper returns the edit, or undefined when it cannot make the change safely (a value that
 * came through an alias or a merge key, a folded scalar, a shape it does not know); the rule then
 * offers no fix rather than a wrong one. The fix runner parses every edited file again before it
 * keeps it.
 *
 * Hand-written on purpose: the `yaml` library can re-serialise a document, but that rewrites
 * quoting, spacing and comment placement of the whole file; its CST can be edited in place but
 * has no notion of "insert a key at this map's indentation". Positions plus a few line rules do
 * (yaml-layout.ts).
 */
import { isAlias, isCollection, isMap, isPair, isScalar, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Fix } from '../diagnostics/diagnostic.js';
import { rawDocument, type YamlDocument, type YNode } from '../yaml/parse.js';
import { newlineOf, NUMBER, sortedEdits, type TextEdit } from './edits.js';
import { aboveLeadingComments, blockLines, columnOf, contentEnd, dashOf, editable, flowText, indentUnit, keyAfterDash, keyText, lineEndOf, lineStartOf, ownPair, pairEnd, pairs, pastLineBreak, scalarText, seqItem, YamlRaw, type YamlValue } from './yaml-layout.js';

export { editable, flowText, indentUnit, YamlRaw, type YamlValue } from './yaml-layout.js';

/** Where to put a new map entry: after the first of `after` that exists, else before the first of `before`, else last. */
export interface EntryPlace {
  after?: readonly string[];
  before?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Edits

/**
 * Sets a scalar value, in the quoting style it has (plain stays plain when the new value allows
 * it). An empty value (`key:`) gets ` value` after its colon. Undefined for block scalars and
 * collections.
 */
export function setScalar(node: YNode, value: string): TextEdit | undefined {
  if (!editable(node) || !isScalar(node.node)) return undefined;
  const text = node.doc.text;
  const scalar = node.node as Scalar;
  const [start, end] = scalar.range!;
  const source = text.slice(start, end);
  if (scalar.value === null || scalar.value === undefined) {
    if (source.trim() !== '') return { start, end, text: scalarText(value) };
    const keyEnd = node.keyRange?.[1];
    if (keyEnd === undefined) return undefined;
    const colon = text.indexOf(':', keyEnd);
    if (colon === -1 || colon > start) return undefined;
    return { start: colon + 1, end: colon + 1, text: ` ${scalarText(value)}` };
  }
  switch (scalar.type) {
    case 'QUOTE_DOUBLE':
      return { start, end, text: JSON.stringify(value) };
    case 'QUOTE_SINGLE':
      return { start, end, text: `'${value.replace(/'/g, "''")}'` };
    case 'PLAIN':
      // A version written bare stays bare (`node-version: 22.12.0` → `24`); any other value is
      // quoted when plain would read as something else.
      return { start, end, text: /^\d[\d.]*$/.test(source.trim()) && NUMBER.test(value) ? value : scalarText(value) };
    default:
      return undefined;
  }
}

/**
 * Replaces characters `start`..`end` of a scalar's value (e.g. one word of a `run:` script),
 * escaped for the scalar's style. Undefined when the value does not map exactly to the source (see
 * `YNode.valueRange`) or when a plain scalar would read differently afterwards.
 */
export function replaceInScalar(node: YNode, start: number, end: number, replacement: string): TextEdit | undefined {
  if (!editable(node) || !isScalar(node.node) || replacement.includes('\n')) return undefined;
  const range = node.valueRange(start, end);
  const value = node.text;
  if (!range || value === undefined) return undefined;
  const type = (node.node as Scalar).type;
  if (type === 'QUOTE_DOUBLE') return { start: range[0], end: range[1], text: JSON.stringify(replacement).slice(1, -1) };
  if (type === 'QUOTE_SINGLE') return { start: range[0], end: range[1], text: replacement.replace(/'/g, "''") };
  if (type === 'PLAIN') {
    const after = value.slice(0, start) + replacement + value.slice(end);
    if (/\s#|:\s|^[-?:,[\]{}#&*!|>'"%@`]|\s$/.test(after)) return undefined;
  }
  return { start: range[0], end: range[1], text: replacement };
}

/**
 * Adds `key: value` to a map, at the indentation of its entries (block maps) or before its closing
 * brace (flow maps). An empty value (`permissions:`) becomes a block map holding the entry.
 * Undefined when the key is already there, or the map is not written in place.
 */
export function insertEntry(map: YNode, key: string, value: YamlValue, place: EntryPlace = {}): TextEdit | undefined {
  if (!editable(map)) return undefined;
  const doc = map.doc;
  const text = doc.text;
  const nl = newlineOf(text);
  const unit = indentUnit(doc);
  const n = map.node;
  if (isScalar(n) && (n.value === null || n.value === undefined)) {
    const keyStart = map.keyRange?.[0];
    if (keyStart === undefined || text.slice(n.range![0], n.range![1]).trim() !== '') return undefined;
    const at = lineEndOf(text, keyStart);
    return { start: at, end: at, text: nl + blockLines(key, value, columnOf(text, keyStart) + unit, unit).join(nl) };
  }
  if (!isMap(n)) return undefined;
  const raw = n as YAMLMap;
  if (ownPair(raw, key) || map.get(key)) return undefined;
  const items = pairs(raw);
  if (raw.flow) {
    const [start, end] = raw.range!;
    const close = text.lastIndexOf('}', end);
    if (close < start || text[start] !== '{') return undefined;
    const entry = `${keyText(key)}: ${flowText(value)}`;
    const last = items.at(-1);
    if (!last) return { start, end: close + 1, text: `{ ${entry} }` };
    const at = pairEnd(text, last);
    if (text.slice(at, close).trim() !== '' && text.slice(at, close).trim() !== ',') return undefined;
    return { start: at, end: at, text: `, ${entry}` };
  }
  const first = items[0];
  if (!first) return undefined;
  const indent = columnOf(text, first.key.range![0]);
  const lines = blockLines(key, value, indent, unit);
  const named = (keys: readonly string[] | undefined): Pair<Node, Node | null> | undefined => {
    for (const k of keys ?? []) {
      const p = ownPair(raw, k);
      if (p?.key.range) return p;
    }
    return undefined;
  };
  const before = place.after && named(place.after) ? undefined : named(place.before);
  if (before && (before !== first || !keyAfterDash(text, first))) {
    const lineStart = lineStartOf(text, before.key.range![0]);
    const at = aboveLeadingComments(text, lineStart, indent);
    // At the top level, keep the blank line that separates the next block from the one above.
    const blankAbove = indent === 0 && at > 0 && text.slice(lineStartOf(text, at - 1), at).trim() === '';
    return { start: at, end: at, text: lines.join(nl) + nl + (blankAbove ? nl : '') };
  }
  const after = named(place.after) ?? items.at(-1)!;
  const at = lineEndOf(text, pairEnd(text, after));
  return { start: at, end: at, text: nl + lines.join(nl) };
}

/**
 * Removes a map entry with its line(s), comments on those lines included. When it is the map's only
 * entry the map would be left empty: then `parent` (the map holding it, and its key there) is
 * removed instead, or nothing when there is no parent. Undefined for merged or aliased entries.
 */
export function removeEntry(map: YNode, key: string, parent?: { map: YNode; key: string }): TextEdit | undefined {
  if (!editable(map) || !isMap(map.node)) return undefined;
  const raw = map.node as YAMLMap;
  const pair = ownPair(raw, key);
  if (!pair?.key.range || isAlias(pair.value)) return undefined;
  const items = pairs(raw);
  if (items.length === 1 || map.entries().length === 1) return parent ? removeEntry(parent.map, parent.key) : undefined;
  const text = map.doc.text;
  if (raw.flow) {
    const index = items.indexOf(pair);
    const next = items[index + 1];
    if (next) return { start: pair.key.range[0], end: next.key.range![0], text: '' };
    const prev = items[index - 1]!;
    return { start: pairEnd(text, prev), end: pairEnd(text, pair), text: '' };
  }
  if (keyAfterDash(text, pair)) return undefined;
  const start = lineStartOf(text, pair.key.range[0]);
  const end = pastLineBreak(text, lineEndOf(text, pairEnd(text, pair)));
  return { start, end, text: '' };
}

/** Removes an item of a block list with its line(s). Undefined for the only item, and for flow lists. */
export function removeItem(seq: YNode, item: YNode): TextEdit | undefined {
  const node = seqItem(seq, item);
  if (!node || (seq.node as YAMLSeq).items.length < 2) return undefined;
  const text = seq.doc.text;
  const dash = dashOf(text, node);
  if (!dash) return undefined;
  const start = lineStartOf(text, dash.dash);
  const end = pastLineBreak(text, lineEndOf(text, contentEnd(text, node)));
  return { start, end, text: '' };
}

/** Inserts a new item right before `item` in a block list (above the comments written over it). */
export function insertItemBefore(seq: YNode, item: YNode, value: YamlValue): TextEdit | undefined {
  const node = seqItem(seq, item);
  if (!node) return undefined;
  const text = seq.doc.text;
  const nl = newlineOf(text);
  const dash = dashOf(text, node);
  if (!dash) return undefined;
  const dashColumn = columnOf(text, dash.dash);
  const at = aboveLeadingComments(text, lineStartOf(text, dash.dash), dashColumn);
  const pad = ' '.repeat(dashColumn);
  let lines: string[];
  if (typeof value === 'string' || value instanceof YamlRaw) {
    lines = [`${pad}- ${scalarText(value)}`];
  } else {
    const entries = Object.entries(value);
    if (entries.length === 0) return undefined;
    lines = entries.flatMap(([k, v]) => blockLines(k, v, dash.content, indentUnit(seq.doc)));
    lines[0] = `${pad}-${' '.repeat(Math.max(1, dash.content - dashColumn - 1))}${lines[0]!.trimStart()}`;
  }
  return { start: at, end: at, text: lines.join(nl) + nl };
}

/**
 * Removes the whole lines of a literal block scalar (`run: |`) that hold value characters
 * `start`..`end` and nothing else (a trailing shell comment aside). Undefined when those lines hold other text too, when the
 * scalar is not a literal block, or when nothing but blank lines would be left.
 */
export function removeScriptLines(node: YNode, start: number, end: number): TextEdit | undefined {
  if (!editable(node) || !isScalar(node.node) || (node.node as Scalar).type !== 'BLOCK_LITERAL') return undefined;
  const value = node.text ?? '';
  const lineStart = value.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = value.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = value.length;
  // A shell comment after the command goes with its line.
  if (value.slice(lineStart, start).trim() !== '' || !/^\s*(?:#.*)?$/.test(value.slice(end, lineEnd))) return undefined;
  const rest = value.slice(0, lineStart) + value.slice(lineEnd + 1);
  if (rest.trim() === '') return undefined;
  const from = node.valueRange(lineStart, lineStart);
  const to = node.valueRange(lineEnd, lineEnd);
  if (!from || !to) return undefined;
  const text = node.doc.text;
  return { start: lineStartOf(text, from[0]), end: pastLineBreak(text, lineEndOf(text, to[0])), text: '' };
}

// ---------------------------------------------------------------------------------------------
// Fixes

const ANCHORED = new WeakMap<YamlDocument, [number, number][]>();

/**
 * The ranges of anchored nodes (`&name`) that an alias (`*name`) repeats elsewhere: an edit inside
 * one would change every place that repeats it, so no fix edits there.
 */
function sharedRanges(doc: YamlDocument): [number, number][] {
  const cached = ANCHORED.get(doc);
  if (cached) return cached;
  const out: [number, number][] = [];
  const raw = /\*[^\s*]/.test(doc.text) ? rawDocument(doc) : undefined;
  if (raw) {
    const anchored = new Map<string, [number, number]>();
    const used = new Set<string>();
    const stack: unknown[] = [raw.contents];
    let budget = 100_000;
    while (stack.length > 0 && --budget > 0) {
      const node = stack.pop();
      if (isAlias(node)) {
        used.add(node.source);
        continue;
      }
      if (isPair(node)) {
        stack.push(node.key, node.value);
        continue;
      }
      if (isScalar(node) || isCollection(node)) {
        const anchor = (node as { anchor?: string }).anchor;
        if (anchor && node.range) anchored.set(anchor, [node.range[0], node.range[2]]);
        if (isCollection(node)) stack.push(...(node.items as unknown[]));
      }
    }
    for (const [name, range] of anchored) if (used.has(name)) out.push(range);
  }
  ANCHORED.set(doc, out);
  return out;
}

/**
 * A fix of the file `at` is in, from edits computed by the helpers above: undefined when any edit
 * could not be made, when edits overlap, or when one falls inside an anchored node that an alias
 * repeats.
 */
export function yamlFix(at: YNode, description: string, ...edits: (TextEdit | undefined)[]): Fix | undefined {
  if (edits.length === 0 || edits.some((e) => e === undefined)) return undefined;
  const list = edits as TextEdit[];
  const shared = sharedRanges(at.doc);
  if (list.some((e) => shared.some(([a, b]) => e.start < b && e.end > a))) return undefined;
  const sorted = sortedEdits(list, at.doc.text.length);
  return sorted ? { file: at.file, description, edits: sorted } : undefined;
}
