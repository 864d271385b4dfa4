/**
 * The edit that pins an `npm install -g npm@<spec>` command to another spec, shared by
 * npm-upgrade-compatible and npm-supports-oidc (rules never import each other).
 */
import type { NpmUpgradeStep } from '../model/github/npm-upgrades.js';
import type { NpmUpgrade } from '../model/npm/publish-commands.js';
import { replaceAtSpec, type FixSpec } from './edits.js';

/**
 * The upgrade command with its npm spec replaced by `pin` (and `--force` dropped when asked), as an
 * edit of the command's text where it is written; undefined when the spec is not written as
 * `npm@<spec>` or the command came from a composite action or a script.
 */
export function pinUpgrade(upgrade: { upgrade: NpmUpgrade; location: NpmUpgradeStep['location'] }, pin: string, dropForce = false): FixSpec | undefined {
  const { text, spec } = upgrade.upgrade;
  const at = text.lastIndexOf(`npm@${spec}`);
  if (at === -1 || !/^[\w.^~<>=|-]+$/.test(pin)) return undefined;
  let next = `${text.slice(0, at)}npm@${pin}${text.slice(at + 4 + spec.length)}`;
  if (dropForce) next = next.replace(/ --force(?=\s|$)| -f(?=\s|$)/g, '');
  return replaceAtSpec(upgrade.location, text, next, `Change "${text}" to "${next}"`);
}
