/**
 * The publish recognisers a command's bin may match, in table order: those that name the bin and
 * those for any bin (`anyBin`). `matchTool` (publish-commands.ts) asks for every hop of every
 * command of every script; an index per recogniser list saves scanning each recogniser's `bins`.
 * Only the bins the list names are keys, so the index does not grow with the commands read.
 */
import type { PublishRecognizer } from '../data/publish-tools.js';

interface BinIndex {
  byBin: ReadonlyMap<string, readonly PublishRecognizer[]>;
  /** For a bin no recogniser names: the `anyBin` ones. */
  otherBins: readonly PublishRecognizer[];
}

const INDEXES = new WeakMap<readonly PublishRecognizer[], BinIndex>();

function indexOf(list: readonly PublishRecognizer[]): BinIndex {
  const known = INDEXES.get(list);
  if (known) return known;
  const byBin = new Map<string, readonly PublishRecognizer[]>();
  for (const bin of list.flatMap((r) => (r.anyBin ? [] : r.bins))) {
    if (!byBin.has(bin)) byBin.set(bin, list.filter((r) => r.anyBin === true || r.bins.includes(bin)));
  }
  const index = { byBin, otherBins: list.filter((r) => r.anyBin === true) };
  INDEXES.set(list, index);
  return index;
}

/** The recognisers of `list` that may match `bin`, in the list's order (an `anyBin` one still checks how the bin was reached). */
export function recognizersFor(list: readonly PublishRecognizer[], bin: string): readonly PublishRecognizer[] {
  const index = indexOf(list);
  return index.byBin.get(bin) ?? index.otherBins;
}
