/**
 * The fixes npm-supports-oidc names for an npm that is too old: the first Node whose bundled npm is
 * enough (from the release table), and the npm upgrade that works on the job's Node. When an explicit
 * install or pin decides the npm (`installedTooOld`), the fix is that install: a newer Node does not
 * change what it installs.
 */
import { semver } from '../../src/model/core/semver.js';
import { NODE_RELEASES, NPM_LINES } from '../../src/model/data/node-releases.js';
import { bundledText, nodeLabel, whereToSetNode } from '../../src/model/npm/node-version.js';
import type { NpmAtPublish } from '../../src/model/npm/npm-version.js';
import { memoByKey } from '../../src/model/core/memo.js';

/**
 * The first Node 24+ release from which every later release of its line bundles at least `npm`:
 * `24.5` when the line's `.0` release already does, else the exact release (`24.14.1`: 24.14.0
 * bundles npm 11.6.2, 24.14.1 npm 11.11.0).
 */
export const firstNodeBundling: (npm: string) => string | undefined = memoByKey(firstBundling);

function firstBundling(npm: string): string | undefined {
  const rows = NODE_RELEASES.filter((r) => semver.major(r.version) >= 24);
  const ok = rows.filter((r, i) => rows.slice(i).every((x) => semver.major(x.version) !== semver.major(r.version) || semver.gte(x.npm, npm)));
  const first = ok.find((r) => semver.gte(r.npm, npm));
  if (!first) return undefined;
  return semver.patch(first.version) === 0 ? `${semver.major(first.version)}.${semver.minor(first.version)}` : first.version;
}

export interface NpmFix {
  minNode: string;
  setNode: string;
  alternative: string;
}

/** The fix: a Node that bundles `required`, or (when npm 11 installs on this Node) an upgrade step. */
export function fixFor(
  at: Pick<NpmAtPublish, 'node' | 'source'>,
  required: string,
  where: (major: string) => string = (major) => whereToSetNode(at.node, major),
): NpmFix {
  const minNode = firstNodeBundling(required) ?? '24';
  const setNode = where(minNode.split('.')[0]!);
  const node = at.node.version;
  const npm11 = NPM_LINES.find((l) => l.major === 11)!.engines;
  // An action's own image (mikeal/merge-release), a `docker run` container: no step of the job reaches its npm.
  if (node === undefined || at.node.origins[0]?.kind === 'image' || (at.node.switched?.runtime === true && at.node.origins[0]?.kind === 'container')) return { minNode, setNode, alternative: '' };
  if (!semver.satisfies(node, npm11)) return { minNode, setNode, alternative: ` (no npm with trusted publishing installs on Node ${node}: npm 11 requires "${npm11}")` };
  const npm12 = NPM_LINES.find((l) => l.major === 12)!.engines;
  const note = semver.satisfies(node, npm12) ? '' : `; \`npm@latest\` (npm 12) does not, it requires "${npm12}"`;
  // After a version manager's switch (`nvm install 22`), an upgrade reaches that Node's npm only after it.
  const switched = at.node.switched === undefined ? undefined : at.node.origins.find((o) => o.kind === 'command')?.label;
  const before = switched !== undefined && at.source === 'bundled' ? `between ${switched} and the publish` : 'before the publish';
  const step = at.source === 'pinned' ? `pin \`npx npm@^${required} publish\`` : at.node.toolchain !== undefined && at.source === 'bundled' ? voltaNpmStep(at.node.toolchain, required) : `${at.source === 'bundled' ? 'add' : 'change the upgrade to'} \`npm install -g npm@^${required}\` ${before}`;
  return { minNode, setNode, alternative: `; or ${step} (npm 11 installs on Node ${node}${note})` };
}

/**
 * The fix of `installedTooOld`: an install (`npm install -g npm@11.4.0`) or pin (`npx npm@11.4.0
 * publish`) decides the npm whatever the Node bundles, so change that. Removing it is offered when
 * the job's Node already bundles enough; a Node change only when no npm with trusted publishing
 * installs on the job's Node, together with the install.
 */
export function installedFix(at: Pick<NpmAtPublish, 'node' | 'source'>, fix: NpmFix, required: string): string {
  const what = at.source === 'pinned' ? 'the pin' : 'the upgrade';
  const bundled = at.node.npm;
  const remove = at.source !== 'pinned' && at.node.version !== undefined && bundled !== undefined && semver.gte(bundled.min, required) ? `, or remove it: ${nodeLabel(at.node)} bundles npm ${bundledText(bundled)}` : '';
  if (fix.alternative.startsWith('; or ')) {
    const text = fix.alternative.slice('; or '.length);
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}${remove}`;
  }
  if (at.node.version === undefined || at.node.origins[0]?.kind === 'image') return `Change ${what} to install npm ${required} or later, on a Node it installs on`;
  return `Use Node ${fix.minNode} or later (${fix.setNode}) and change ${what} to npm ${required} or later, or remove it${fix.alternative}`;
}

/** How to pin a newer npm under Volta: its action's `npm-version` when its default platform runs the command, else `volta pin`. */
function voltaNpmStep(toolchain: NonNullable<NpmAtPublish['node']['toolchain']>, required: string): string {
  return toolchain.globalInstall === 'default' ? `set \`npm-version: ^${required}\` on \`volta-cli/action\`` : `run \`volta pin npm@^${required}\`, which sets \`volta.npm\``;
}

/** True when npm 11 installs on this Node version (its `engines`). */
export function installsNpm11(node: string | undefined): boolean {
  const npm11 = NPM_LINES.find((l) => l.major === 11)?.engines;
  return node !== undefined && npm11 !== undefined && semver.satisfies(node, npm11);
}
