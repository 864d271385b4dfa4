/**
 * The yaml library's node at a place of a document whose wrappers were compacted (`compactTree` in
 * `node.ts`): found by kind and range in a fresh parse of the text, which the document's `raw`
 * gives once compacted (`compactDocument` in `parse.ts`). The fixers are its only readers.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, isNode, type Document, type Node } from 'yaml';
import type { YamlDocument } from './document.js';
import { compose } from './compose.js';

/** The kinds of `YNode` (`node.ts`), repeated here so that this module does not import it. */
type Kind = 'map' | 'seq' | 'scalar' | 'null';

/** The library's nodes of the last document asked for, by kind and range (one entry, as above). */
let lastIndex: { raw: Document.Parsed; nodes: Map<string, Node> } | undefined;

/**
 * The last fresh parse of a compacted document's text. One entry: the fixers work on one document
 * at a time, and more would keep alive the trees that compacting let go.
 */
let lastParse: { text: string; options: object; composed: { doc: Document.Parsed; header?: Document.Parsed } | undefined } | undefined;

/**
 * The yaml library's document of `doc`: its own while it has one, else (compacted) a fresh parse
 * of its text with the options it was parsed with. Undefined for a document with no tree.
 */
export function rawDocument(doc: YamlDocument): Document.Parsed | undefined {
  if (doc.raw || !doc.compacted || !doc.parsedWith) return doc.raw;
  const options = doc.parsedWith;
  if (lastParse?.text !== doc.text || lastParse.options !== options) {
    const composed = compose(doc.text, doc.lines, options);
    lastParse = { text: doc.text, options, composed: 'problem' in composed ? undefined : composed };
  }
  return doc.isHeader ? lastParse.composed?.header : lastParse.composed?.doc;
}

/** The library's node of `kind` at [start, end) in a fresh parse of `doc` (see `YNode.node`). */
export function rawNodeAt(doc: YamlDocument, start: number, end: number, kind: Kind): Node | null {
  const raw = rawDocument(doc);
  if (!raw) return null;
  if (lastIndex?.raw !== raw) lastIndex = { raw, nodes: indexNodes(raw.contents) };
  return lastIndex.nodes.get(`${kind}:${start}:${end}`) ?? null;
}

/** Every value node of the tree under `root` (aliases and keys not), by kind and range; the outermost wins. */
function indexNodes(root: unknown): Map<string, Node> {
  const nodes = new Map<string, Node>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value);
      continue;
    }
    if (!isNode(node) || isAlias(node) || !node.range) continue;
    const kind: Kind = isMap(node) ? 'map' : isSeq(node) ? 'seq' : isScalar(node) && node.value !== null && node.value !== undefined ? 'scalar' : 'null';
    const id = `${kind}:${node.range[0]}:${node.range[1]}`;
    if (!nodes.has(id)) nodes.set(id, node);
    if (isMap(node) || isSeq(node)) for (const item of node.items as unknown[]) stack.push(item);
  }
  return nodes;
}
