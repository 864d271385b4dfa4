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
import type { NpmAtPublish } from '../../src/model/npm/npm-version.js';
import { leastCertain, type Certainty } from '../../src/model/publish.js';
import type { Ctx } from './npm-supports-oidc.js';

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

/** `nodeBelowDocumented` (./node-floor.ts) for a publish whose npm is enough, once per Node of the job. */
export function reportNodeFloor(ctx: Pick<Ctx, 'report'>, at: NpmAtPublish, npm: NpmAtPublish['npm'], setNode: (major: string) => string, command: string, place: () => Omit<Parameters<Ctx['report']>[0], 'messageId' | 'data'>, seen: Set<string>): void {
  const key = JSON.stringify(['floor', at.node.version]);
  if (seen.has(key)) return;
  const data = nodeFloorData(at.node, npm, setNode);
  if (!data) return;
  seen.add(key);
  ctx.report({ messageId: 'nodeBelowDocumented', data: { command, ...data }, ...place() });
}

/** A Node taken from what a remote action or a version manager is given (`NodeResolution.assumed`) is a guess: `likely` at most. */
export function floorCertainty(certainty: Certainty, at: NpmAtPublish): Certainty {
  return at.node.assumed !== undefined || at.node.undecided === true ? leastCertain([certainty, 'likely']) : certainty;
}
