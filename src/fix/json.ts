/**
 * Text edits on JSON files (package.json), computed from the positions of the YAML parser that
 * reads them (JSON is YAML 1.2): a property is added with the file's own indentation and line
 * ends, every other byte stays. A string value is replaced with `setScalar` (src/fix/yaml.ts),
 * which writes JSON strings for double-quoted scalars.
 */
import { isMap, isPair, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { YNode } from '../yaml/parse.js';
import { newlineOf, type TextEdit } from './edits.js';
import { editable } from './yaml.js';

type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Adds `"key": value` to a JSON object after the first of `after` that it has (else as its last
 * property). A multi-line object gets the property on its own line at the indentation of the
 * others, nested values indented the same way; a one-line object gets it inline.
 */
export function insertJsonProperty(object: YNode, key: string, value: JsonValue, after: readonly string[] = []): TextEdit | undefined {
  if (!editable(object) || !isMap(object.node) || object.get(key)) return undefined;
  const raw = object.node as YAMLMap;
  const text = object.doc.text;
  const nl = newlineOf(text);
  const items = raw.items.filter((i): i is Pair<Node, Node> => isPair(i) && isScalar(i.key) && i.key.range !== undefined && (i.value as Node | null)?.range !== undefined);
  if (!raw.flow || items.length === 0 || text[raw.range![0]] !== '{') return undefined;
  const anchor = after.map((k) => items.find((p) => String((p.key as { value: unknown }).value) === k)).find((p) => p !== undefined) ?? items.at(-1)!;
  const at = (anchor.value as Node).range![1];
  const first = items[0]!.key.range![0];
  const open = raw.range![0];
  if (!text.slice(open + 1, first).includes('\n')) {
    const spaced = /":\s/.test(text.slice(open, raw.range![1]));
    return { start: at, end: at, text: `,${spaced ? ' ' : ''}${JSON.stringify(key)}:${spaced ? ' ' : ''}${JSON.stringify(value)}` };
  }
  const lineStart = text.lastIndexOf('\n', first - 1) + 1;
  const indent = text.slice(lineStart, first);
  if (indent.trim() !== '') return undefined;
  const openLine = text.slice(text.lastIndexOf('\n', open - 1) + 1, open);
  const base = /^\s*/.exec(openLine)![0];
  const unit = indent.startsWith(base) && indent.length > base.length ? indent.slice(base.length) : '  ';
  const body = JSON.stringify(value, null, unit).split('\n').join(nl + indent);
  return { start: at, end: at, text: `,${nl}${indent}${JSON.stringify(key)}: ${body}` };
}
