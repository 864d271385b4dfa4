/**
 * A publish whose deciding npm upgrade may not run (`NpmAtPublish.otherwise`: an `if:` the
 * publishing step does not share, or a failing upgrade under `continue-on-error: ${{ … }}`): when it
 * does not, the npm before it publishes. tp-doctor cannot tell which runs skip it, so a warning.
 */
import { semver } from '../../src/model/core/semver.js';
import { bundledText, nodeLabel, originLabel } from '../../src/model/npm/node-version.js';
import type { NpmAtPublish } from '../../src/model/npm/npm-version.js';

/** True when the npm without the skipped upgrade is certainly too old for `required`. */
export function otherwiseTooOld(at: NpmAtPublish, required: string): boolean {
  const other = at.otherwise;
  return other !== undefined && other.upgradeFails !== true && other.npm !== undefined && semver.lt(other.npm.max, required);
}

/** True when the npm without the skipped upgrade is certainly enough for `required`: a finding on the upgrade's npm is a guess. */
export function otherwiseEnough(at: NpmAtPublish, required: string): boolean {
  const other = at.otherwise;
  return other !== undefined && other.upgradeFails !== true && other.npm !== undefined && semver.gte(other.npm.min, required);
}

/** The words of `upgradeMayNotRun`: the npm without the upgrade, where it comes from, and why the upgrade may not run. */
export function mayNotRunData(at: NpmAtPublish): { npm: string; from: string; because: string } {
  const other = at.otherwise!;
  const skipped = other.skipped;
  const from = other.source === 'bundled' ? `bundled with ${nodeLabel(at.node)} (${originLabel(at.node)})` : `installed by "${other.upgrade?.upgrade.text ?? ''}"`;
  const because = skipped.runsWhen !== undefined
    ? `"${skipped.upgrade.text}" runs only when \`${skipped.runsWhen}\``
    : `"${skipped.upgrade.text}" fails on ${nodeLabel(at.node)} with EBADENGINE, and the job goes on without it when \`continue-on-error: \${{ ${skipped.mayContinue ?? ''} }}\` holds`;
  return { npm: bundledText(other.npm!), from, because };
}
