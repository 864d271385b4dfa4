/**
 * Compacting a kept document's wrappers (`compactDocument` in `parse.ts`): see `YNode`.
 */
import type { YNode } from './node.js';

/**
 * Computes the children of every wrapper reachable from `root` and then drops each one's reference
 * to the yaml library's node, so that the library's tree can be collected (see `YNode`). Every
 * wrapper a reader can hold is reachable: the models only ever get wrappers from `entries()`,
 * `items()` and the document's root. Linear in the nodes: children are shared between the
 * wrappers of one node (an alias and its anchor), and each wrapper is visited once.
 */
export function compactTree(root: YNode): void {
  const seen = new Set<YNode>();
  const stack = [root];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const children = next.kind === 'map' ? next.entries() : next.kind === 'seq' ? next.items() : [];
    for (const child of children) stack.push(child);
  }
  for (const wrapper of seen) wrapper.release();
}
