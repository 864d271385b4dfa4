/**
 * The layout knowledge behind the YAML edits of yaml.ts: values to write (`YamlRaw`, `YamlValue`)
 * and how they are written (plain or quoted scalars, block maps, flow text), line and column
 * arithmetic, the file's indent unit, and where a map entry or sequence item starts and ends.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { YamlDocument, YNode } from '../yaml/parse.js';
import { isPlainSafe } from './edits.js';

/** Text written as is (already valid YAML in its place), e.g. a quoted value the caller chose. */
export class YamlRaw {
  constructor(readonly text: string) {}
}

/** A value to write: a scalar (plain when safe, else double-quoted), raw text, or a map written in block style. */
export type YamlValue = string | YamlRaw | { readonly [key: string]: YamlValue };

// ---------------------------------------------------------------------------------------------
// Lines

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset of the line break that ends the line holding `offset` (its `\r` for CRLF), or the text's end. */
export function lineEndOf(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  if (lf === -1) return text.length;
  return lf > 0 && text[lf - 1] === '\r' ? lf - 1 : lf;
}

/** Past the line break at `lineEnd` (as `lineEndOf` returns it). */
export function pastLineBreak(text: string, lineEnd: number): number {
  if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') return lineEnd + 2;
  return text[lineEnd] === '\n' ? lineEnd + 1 : lineEnd;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The end of a node's content: its range end, trailing white space and line breaks excluded. */
export function contentEnd(text: string, node: Node): number {
  let end = node.range?.[1] ?? 0;
  while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
  return end;
}

/**
 * Where to insert before the line starting at `lineStart`: above the comment lines written right
 * above it at the same indentation (they belong to it), never across a blank line.
 */
export function aboveLeadingComments(text: string, lineStart: number, indent: number): number {
  let at = lineStart;
  while (at > 0) {
    const prevStart = lineStartOf(text, at - 1);
    const prev = text.slice(prevStart, at).replace(/\r?\n$/, '');
    const trimmed = prev.trimStart();
    if (!trimmed.startsWith('#') || prev.length - trimmed.length !== indent) break;
    at = prevStart;
  }
  return at;
}

const UNITS = new WeakMap<YamlDocument, number>();

/**
 * The document's indentation step for nested maps: the most common increase from a `key:` line to
 * the first key below it (list items aside). 2 when the document has no nested map.
 */
export function indentUnit(doc: YamlDocument): number {
  const cached = UNITS.get(doc);
  if (cached !== undefined) return cached;
  const counts = new Map<number, number>();
  const lines = doc.text.split(/\r?\n/, 2000);
  let prev: { indent: number; opens: boolean } | undefined;
  for (const line of lines) {
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = line.length - trimmed.length;
    if (prev?.opens && indent > prev.indent && !trimmed.startsWith('-')) counts.set(indent - prev.indent, (counts.get(indent - prev.indent) ?? 0) + 1);
    prev = { indent, opens: /:\s*(?:#.*)?$/.test(trimmed) };
  }
  let unit = 2;
  let best = 0;
  for (const [step, n] of counts) if (n > best || (n === best && step < unit)) [unit, best] = [step, n];
  UNITS.set(doc, unit);
  return unit;
}

// ---------------------------------------------------------------------------------------------
// Rendering

export function scalarText(value: string | YamlRaw): string {
  if (value instanceof YamlRaw) return value.text;
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

export function keyText(key: string): string {
  return isPlainSafe(key) ? key : JSON.stringify(key);
}

/** `key: value` (or `key:` and the nested entries below it), one string per line, indented. */
export function blockLines(key: string, value: YamlValue, indent: number, unit: number): string[] {
  const pad = ' '.repeat(indent);
  if (typeof value === 'string' || value instanceof YamlRaw) return [`${pad}${keyText(key)}: ${scalarText(value)}`];
  const out = [`${pad}${keyText(key)}:`];
  for (const [k, v] of Object.entries(value)) out.push(...blockLines(k, v, indent + unit, unit));
  return out;
}

/** A value in flow style: `{ a: b, c: { d: e } }`. */
export function flowText(value: YamlValue): string {
  if (typeof value === 'string' || value instanceof YamlRaw) return scalarText(value);
  return `{ ${Object.entries(value)
    .map(([k, v]) => `${keyText(k)}: ${flowText(v)}`)
    .join(', ')} }`;
}

// ---------------------------------------------------------------------------------------------
// Nodes

/** True when the node is written in place (not through an alias) and has a position. */
export function editable(node: YNode | undefined): node is YNode {
  return node !== undefined && !node.viaAlias && node.node !== null && node.node.range !== undefined;
}

/** The map's own entry for `key` (the last one, as YAML reads it); merged (`<<`) entries are not own. */
export function ownPair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  let found: Pair<Node, Node | null> | undefined;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String((item.key as Scalar).value) === key) found = item as Pair<Node, Node | null>;
  }
  return found;
}

export function pairs(map: YAMLMap): Pair<Node, Node | null>[] {
  return map.items.filter((i): i is Pair<Node, Node | null> => isPair(i) && isScalar(i.key) && i.key.range !== undefined);
}

/** The end of an entry: its value's content, or its key's when the value is empty. */
export function pairEnd(text: string, pair: Pair<Node, Node | null>): number {
  const value = pair.value;
  const valueEnd = value && value.range && value.range[1] > value.range[0] ? contentEnd(text, value) : 0;
  return Math.max(valueEnd, pair.key.range?.[1] ?? 0);
}

/** True when the map is an item of a block list whose first key shares the `- ` line. */
export function keyAfterDash(text: string, pair: Pair<Node, Node | null>): boolean {
  const start = pair.key.range![0];
  return text.slice(lineStartOf(text, start), start).trim() !== '';
}

/** The dash of a block list item, and the column its content starts at. */
export function dashOf(text: string, item: Node): { dash: number; content: number } | undefined {
  const start = item.range?.[0];
  if (start === undefined) return undefined;
  let at = start - 1;
  while (at >= 0 && (text[at] === ' ' || text[at] === '\t')) at--;
  if (text[at] !== '-') return undefined;
  if (text.slice(lineStartOf(text, at), at).trim() !== '') return undefined;
  return { dash: at, content: columnOf(text, start) };
}

export function seqItem(seq: YNode, item: YNode): Node | undefined {
  if (!editable(seq) || !isSeq(seq.node) || (seq.node as YAMLSeq).flow) return undefined;
  const found = (seq.node as YAMLSeq).items.find((i) => i === item.node);
  return found && (isMap(found) || isScalar(found)) ? (found as Node) : undefined;
}
