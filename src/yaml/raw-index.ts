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
  return raw ? findNode(raw.contents, start, end, kind) : null;
}

/**
 * The outermost value node of `kind` at exactly [start, end) under `root` (aliases and keys not
 * followed): down from the root through the one child whose range holds the place. A walk, not an
 * index of every node: the fixers ask for a few nodes of a document, and an index of a hostile one
 * (75,000 `env:` keys) cost 150,000 map entries and a third of the run.
 */
function findNode(root: unknown, start: number, end: number, kind: Kind): Node | null {
  // Depth first, the children in order: should two children's ranges touch (an empty value right
  // before the next), each that holds the place is tried.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isNode(node) || isAlias(node) || !node.range) continue;
    const [from, to] = node.range;
    if (from === start && to === end && kindOf(node) === kind) return node;
    if (!isMap(node) && !isSeq(node)) continue;
    const holding: unknown[] = [];
    for (const item of node.items as unknown[]) {
      const value = isPair(item) ? item.value : item;
      if (isNode(value) && value.range && value.range[0] <= start && end <= value.range[1]) holding.push(value);
    }
    for (let i = holding.length - 1; i >= 0; i--) stack.push(holding[i]);
  }
  return null;
}

function kindOf(node: Node): Kind {
  return isMap(node) ? 'map' : isSeq(node) ? 'seq' : isScalar(node) && node.value !== null && node.value !== undefined ? 'scalar' : 'null';
}
