/**
 * A `package.json` script run (`npm run release`, `pnpm release`, `yarn workspace app release`):
 * the script's name, the arguments it forwards, and whether (and where) it runs in another package.
 */
import { SCRIPT_RUNNERS, type ScriptRunner, type WorkspaceRunFlags } from '../data/publish-tools.js';
import { readOptions, singleSelector, skipGlobalFlags, type PackageSelection } from './command-words.js';
import type { ForeachSelection } from './command-runners.js';
import { matchFilteredRun } from './lerna-runs.js';
import { booleanOption } from './shell.js';

/**
 * The workspace packages a run selects by the runner's workspace options (`npm run release
 * --workspaces`, `-w a -w b`, `-w packages`): `names` as written (none: every workspace), and
 * whether the root package runs it too (`--include-workspace-root`).
 */
export interface WorkspaceSelection {
  source: WorkspaceRunFlags['source'];
  names: string[];
  includeRoot: boolean;
}

export interface ScriptRun {
  runner: ScriptRunner;
  name: string;
  nameIndex: number;
  explicit: boolean;
  forwarded: string[];
  otherPackages: boolean;
  /** The one package it runs in, when the options name it literally (`npm run release -w app`). */
  target?: string;
  /**
   * The workspace packages it runs in, when only the runner's workspace options point it at other
   * packages (`npm run release --workspaces`): read against the workspaces of the repository.
   */
  workspaces?: WorkspaceSelection;
  /** How the runner's filter options narrow `workspaces` (`lerna run --scope …`: ./lerna-runs.ts). */
  filter?: ForeachSelection;
  /** The command up to the script name, e.g. `npm run release`. */
  label: string;
}

/** The first script runner of each bin (what `SCRIPT_RUNNERS.find` by bin gives): asked for nearly every command the publish walk reads. */
const RUNNER_OF_BIN: ReadonlyMap<string, ScriptRunner> = (() => {
  const byBin = new Map<string, ScriptRunner>();
  for (const runner of SCRIPT_RUNNERS) if (!byBin.has(runner.bin)) byBin.set(runner.bin, runner);
  return byBin;
})();

export function matchScriptRun(words: string[], bin: string): ScriptRun | undefined {
  const runner = RUNNER_OF_BIN.get(bin);
  // `nr release ?` prints the command it would run: a known use that runs nothing.
  if (!runner || runner.printOnly?.some((w) => words.includes(w, 1)) === true) return undefined;
  if (runner.packageFilter) return matchFilteredRun(words, runner, runner.packageFilter);
  // `node --run x`: the subcommand is one of node's options, wherever it stands among them.
  const optionSub = runner.subcommands.find((s) => s.startsWith('-'));
  const globals = optionSub === undefined ? skipGlobalFlags(words, 1, bin) : { index: optionIndex(words, optionSub), other: false, selectors: [], flags: [] };
  let { index, other: otherPackages } = globals;
  const selectors = [...globals.selectors];
  const flags = [...globals.flags];
  // `yarn workspaces run release`: `run` in every workspace.
  const every = runner.everyWorkspace !== undefined && words[index] === runner.everyWorkspace.word && runner.subcommands.includes(words[index + 1] ?? '') ? runner.everyWorkspace : undefined;
  if (every) index++;
  const sub = words[index];
  const explicit = sub !== undefined && runner.subcommands.includes(sub);
  if (explicit) {
    const afterRun = skipGlobalFlags(words, index + 1, bin);
    index = afterRun.index;
    otherPackages ||= afterRun.other;
    selectors.push(...afterRun.selectors);
    flags.push(...afterRun.flags);
  } else if (!runner.implicit || sub === undefined || sub.startsWith('-') || runner.builtins?.includes(sub)) {
    return undefined;
  }
  // `npm run -- release`: the `--` ends the runner's options, the script name follows (`dashesBeforeName`).
  const endOfOptions = explicit && runner.dashesBeforeName === true && words[index] === '--';
  if (endOfOptions) index++;
  const name = words[index];
  if (name === undefined || name === '--') return undefined;
  const after = words.slice(index + 1);
  const dashes = after.indexOf('--');
  let forwarded: string[];
  /** The runner's own options: every word but the script name and what it forwards. */
  let own = [...words.slice(1, endOfOptions ? index - 1 : index)];
  if (endOfOptions) {
    // After the end of the runner's options every word is the script's.
    forwarded = after;
  } else if (runner.forwardsAll) {
    forwarded = after[0] === '--' ? after.slice(1) : after;
  } else {
    // npm 7+: positional arguments go to the script (`npm run changeset publish`); options are
    // npm's own unless after `--`.
    const options = dashes < 0 ? after : after.slice(0, dashes);
    const read = readOptions(options, bin);
    forwarded = [...read.positionals, ...(dashes < 0 ? [] : after.slice(dashes + 1))];
    otherPackages ||= read.other;
    selectors.push(...read.selectors);
    flags.push(...read.flags);
    own = [...own, ...options];
  }
  const label = [bin, ...(every ? [every.word] : []), ...(explicit && sub !== undefined ? [sub] : []), name].join(' ');
  if (every) return { runner, name, nameIndex: index, explicit, forwarded, otherPackages: true, label, workspaces: { source: every.source, names: [], includeRoot: false } };
  const run: ScriptRun = { runner, name, nameIndex: index, explicit, forwarded, otherPackages, label };
  const workspaces = runner.workspaces && workspaceSelection(runner.workspaces, { other: otherPackages, selectors, flags }, own);
  if (workspaces) run.workspaces = workspaces;
  // With the root added, the run is no longer one package's.
  const target = otherPackages && !workspaces?.includeRoot ? singleSelector(selectors) : undefined;
  if (target !== undefined) run.target = target;
  return run;
}

/** The selection, when every option that points the run elsewhere is one of the runner's workspace options. */
function workspaceSelection(spec: WorkspaceRunFlags, selection: PackageSelection, own: readonly string[]): WorkspaceSelection | undefined {
  const { flags, selectors } = selection;
  if (!selection.other || !flags.every((f) => spec.all.includes(f) || spec.named.includes(f))) return undefined;
  if (spec.unread?.some((flag) => own.includes(flag))) return undefined;
  const names = selectors.filter((_, i) => spec.named.includes(flags[i] ?? ''));
  return { source: spec.source, names, includeRoot: booleanOption(own, ...spec.root) === true };
}

/** Where option `name` stands among the options that open `words` (after the bin); past them when it is not there. */
function optionIndex(words: readonly string[], name: string): number {
  let i = 1;
  for (; i < words.length && words[i]!.startsWith('-') && words[i] !== '--'; i++) if (words[i] === name) return i;
  return i;
}
