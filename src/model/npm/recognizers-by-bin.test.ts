import { describe, expect, it } from 'vitest';
import { PUBLISH_RECOGNIZERS, REGISTRY_COMMAND_RECOGNIZERS, type PublishRecognizer } from '../data/publish-tools.js';
import { recognizersFor } from './recognizers-by-bin.js';

/** What `matchTool` scanned before the index: every recogniser of the list that names the bin or takes any bin, in order. */
const scanned = (list: readonly PublishRecognizer[], bin: string): string[] => list.filter((r) => r.anyBin === true || r.bins.includes(bin)).map((r) => r.id);

describe('recognizersFor', () => {
  const lists = { PUBLISH_RECOGNIZERS, REGISTRY_COMMAND_RECOGNIZERS };
  for (const [name, list] of Object.entries(lists)) {
    it(`${name}: the recognisers of every bin, in table order, as a scan finds them`, () => {
      const bins = [...new Set(list.flatMap((r) => r.bins)), 'echo', './scripts/publish.sh', ''];
      for (const bin of bins) expect(recognizersFor(list, bin).map((r) => r.id), bin).toEqual(scanned(list, bin));
    });
  }

  it('a bin no recogniser names gets only those for any bin', () => {
    const anyBin = PUBLISH_RECOGNIZERS.filter((r) => r.anyBin === true).map((r) => r.id);
    expect(anyBin.length).toBeGreaterThan(0);
    expect(recognizersFor(PUBLISH_RECOGNIZERS, 'no-such-bin').map((r) => r.id)).toEqual(anyBin);
  });

  it('keeps one index per list: a list of its own is not answered from another', () => {
    const npmOnly = PUBLISH_RECOGNIZERS.filter((r) => r.bins.includes('npm') && r.anyBin !== true);
    expect(npmOnly.length).toBeGreaterThan(0);
    expect(recognizersFor(npmOnly, 'npm')).toEqual(npmOnly);
    expect(recognizersFor(npmOnly, 'pnpm')).toEqual(npmOnly.filter((r) => r.bins.includes('pnpm')));
  });
});
