/**
 * A `package.json` script run (`npm run release`, `pnpm release`, `yarn workspace app release`):
 * the script's name, the arguments it forwards, and whether (and where) it runs in another package.
 */
import { SCRIPT_RUNNERS, type ScriptRunner } from '../data/publish-tools.js';
import { readOptions, singleSelector, skipGlobalFlags } from './command-words.js';

export interface ScriptRun {
  runner: ScriptRunner;
  name: string;
  nameIndex: number;
  explicit: boolean;
  forwarded: string[];
  otherPackages: boolean;
  /** The one package it runs in, when the options name it literally (`npm run release -w app`). */
  target?: string;
  /** The command up to the script name, e.g. `npm run release`. */
  label: string;
}

export function matchScriptRun(words: string[], bin: string): ScriptRun | undefined {
  const runner = SCRIPT_RUNNERS.find((r) => r.bin === bin);
  if (!runner) return undefined;
  const globals = skipGlobalFlags(words, 1, bin);
  let { index, other: otherPackages } = globals;
  const selectors = [...globals.selectors];
  const sub = words[index];
  const explicit = sub !== undefined && runner.subcommands.includes(sub);
  if (explicit) {
    const afterRun = skipGlobalFlags(words, index + 1, bin);
    index = afterRun.index;
    otherPackages ||= afterRun.other;
    selectors.push(...afterRun.selectors);
  } else if (!runner.implicit || sub === undefined || sub.startsWith('-') || runner.builtins?.includes(sub)) {
    return undefined;
  }
  const name = words[index];
  if (name === undefined || name === '--') return undefined;
  const after = words.slice(index + 1);
  const dashes = after.indexOf('--');
  let forwarded: string[];
  if (runner.forwardsAll) {
    forwarded = after[0] === '--' ? after.slice(1) : after;
  } else {
    // npm 7+: positional arguments go to the script (`npm run changeset publish`); options are
    // npm's own unless after `--`.
    const own = readOptions(dashes < 0 ? after : after.slice(0, dashes), bin);
    forwarded = [...own.positionals, ...(dashes < 0 ? [] : after.slice(dashes + 1))];
    otherPackages ||= own.other;
    selectors.push(...own.selectors);
  }
  const label = [bin, ...(explicit && sub !== undefined ? [sub] : []), name].join(' ');
  const run: ScriptRun = { runner, name, nameIndex: index, explicit, forwarded, otherPackages, label };
  const target = otherPackages ? singleSelector(selectors) : undefined;
  if (target !== undefined) run.target = target;
  return run;
}
