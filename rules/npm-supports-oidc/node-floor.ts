/**
 * npm documents Node 22.14.0 or later for trusted and staged publishing (docs/domain.md section 0,
 * `NODE_MIN_TRUSTED_PUBLISHING`), while npm 11 installs from Node 22.9 (and 20.17): a job that
 * upgrades npm on an older Node passes every check npm makes itself. A documented requirement, not
 * a certain failure: `nodeBelowDocumented`, a warning, when the job's Node is a known 22.x release
 * before 22.14.0 (an older line, Node 20, is not reported: left to the lead, see CHANGELOG).
 */
import { NODE_MIN_TRUSTED_PUBLISHING } from '../../src/model/data/node-releases.js';
import { bundledText, nodeLabel, originLabel, type NodeResolution } from '../../src/model/npm/node-version.js';
import type { BundledNpm } from '../../src/model/npm/node-version.js';
import { compareNumbers, validVersion, versionNumbers } from '../../src/model/npm/version-numbers.js';

/** The data of `nodeBelowDocumented` when the job's Node is known and older than the documented minimum; else undefined. */
export function nodeFloorData(node: NodeResolution, npm: BundledNpm | undefined, setNode: (major: string) => string): { npm: string; node: string; from: string; minimum: string; setNode: string } | undefined {
  const version = node.version;
  // Node 22 only: an older line is past its end of life, and its own checks (npm 12's engines, the tools' Node floors) say more.
  const valid = version === undefined ? null : validVersion(version);
  const numbers = valid === null ? undefined : versionNumbers(valid);
  const floor = versionNumbers(NODE_MIN_TRUSTED_PUBLISHING);
  if (numbers === undefined || npm === undefined || numbers[0] !== floor[0] || compareNumbers(numbers, floor) >= 0) return undefined;
  return { npm: bundledText(npm), node: nodeLabel(node), from: originLabel(node), minimum: NODE_MIN_TRUSTED_PUBLISHING, setNode: setNode('24') };
}
