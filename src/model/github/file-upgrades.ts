/**
 * The npm upgrades inside the committed files a `run:` step starts (`node scripts/setup-npm.mjs`,
 * `bash scripts/setup.sh`: ../npm/run-file-upgrades.ts), as upgrades of that step for the later
 * steps' publishes (./npm-upgrades.ts `upgradesBefore`). The publishing step's own files are read
 * on the publish's way instead (`scriptUpgradesOf`).
 */
import type { NodeContext } from '../npm/node-version.js';
import { runFileUpgrades } from '../npm/run-file-upgrades.js';
import type { NpmUpgradeStep } from './npm-upgrades.js';
import { stepDirectory } from './steps.js';
import type { Step } from './types.js';

const cache = new WeakMap<Step, NpmUpgradeStep[]>();

/** The upgrades of the files `step`'s `run:` starts, placed in those files. */
export function fileUpgradesOf(ctx: NodeContext, step: Step): NpmUpgradeStep[] {
  const read = ctx.facts.shellScript;
  if (!step.run || read === undefined) return [];
  let found = cache.get(step);
  if (found === undefined) {
    found = runFileUpgrades(step.run.text, stepDirectory(step), (file) => read.call(ctx.facts, file)).map((u) => ({ ...u, step }));
    cache.set(step, found);
  }
  return found;
}
