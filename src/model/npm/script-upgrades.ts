/**
 * The npm upgrades inside the committed shell scripts a publish runs through
 * (`./tools/deploy_to_npm.sh`, pyodide/pyodide: `npm install -g npm@11.18.0` a few lines before its
 * `npm publish`): they run after every upgrade of the CI file before the command that starts the
 * script, and before the publish. Each provider adds them to the upgrades of its job
 * (github/npm-upgrades.ts, gitlab/job-facts.ts, circleci/facts.ts), so `npmAfter` counts them.
 */
import { LineIndex, type Location } from '../../yaml/span.js';
import type { NpmUpgrade } from './npm-commands.js';
import type { PublishMatch } from './publish-match.js';
import { scriptIndex } from './script-index.js';
import { resolveNpmSpec } from './npm-version.js';

/** An upgrade in a script file, in the shape of `NpmUpgradeAt` (each provider adds its own place: step, line). */
export interface ScriptUpgrade {
  upgrade: NpmUpgrade;
  /** Where the command is written in the script file. */
  location: Location;
  /** The script file's repository path (`NpmUpgradeAt.viaScript`). */
  viaScript: string;
  /** Its index in `PublishMatch.via` (`NpmUpgradeAt.viaIndex`). */
  viaIndex: number;
  /** What the spec installs as of the table date (`NpmUpgradeAt.version`). */
  version?: string;
}

/**
 * The upgrades of each committed shell script on the publish's way (`ViaScript.file`), outer
 * scripts first, each one's only before the command of it that leads to the publish
 * (`ViaScript.publishAt`). A `package.json` script on the way is not read for upgrades (where in
 * it the next hop stands is not recorded).
 */
export function scriptUpgradesBefore(match: PublishMatch): ScriptUpgrade[] {
  const out: ScriptUpgrade[] = [];
  for (const [viaIndex, via] of match.via.entries()) {
    if (via.file !== true || via.publishAt === undefined) continue;
    const before = scriptIndex(via.command).npmUpgrades.filter((u) => u.end <= via.publishAt!.offset);
    if (before.length === 0) continue;
    const lines = new LineIndex(via.command);
    for (const upgrade of before) {
      const version = resolveNpmSpec(upgrade.spec);
      out.push({ upgrade, viaScript: via.script, viaIndex, location: { file: via.script, ...lines.span(upgrade.offset, upgrade.end) }, ...(version !== undefined ? { version } : {}) });
    }
  }
  return out;
}
