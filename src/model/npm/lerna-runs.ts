/**
 * `lerna run <script>` (`ScriptRunner.packageFilter`, `LERNA_RUN_FILTER` in ../data/publish-tools.ts):
 * the script of each package of lerna's list that has it (lerna.json `packages`, else the package
 * manager's workspaces: `RecognizeContext.workspaceScripts('lerna.json')`), never the root's. Its
 * options may stand before or after the script name (yargs); `--scope`/`--ignore` are globs on
 * package names, `--no-private` leaves private packages out, and `--since` or the options that add
 * dependents or dependencies select packages the files do not say (what is found is a guess).
 * The selection is read by ./workspace-runs.ts like `yarn workspaces foreach`'s.
 */
import type { PackageFilterFlags, ScriptRunner } from '../data/publish-tools.js';
import type { ForeachSelection } from './command-runners.js';
import type { ScriptRun } from './script-runs.js';
import { splitOption } from './shell.js';

/**
 * The run of `words` (`lerna … run <script> … [-- args]`), its packages chosen by `filter`;
 * undefined when it is no run, runs nothing (a dry run) or names what tp-doctor does not read
 * (several scripts at once, `build,test`, lerna 6+).
 */
export function matchFilteredRun(words: readonly string[], runner: ScriptRunner, filter: PackageFilterFlags): ScriptRun | undefined {
  const dashes = words.indexOf('--');
  const own = dashes < 0 ? words.slice(1) : words.slice(1, dashes);
  const positionals: { word: string; index: number }[] = [];
  const selection: ForeachSelection = { include: [], exclude: [], noPrivate: false, namesOnly: true };
  for (let i = 0; i < own.length; i++) {
    const word = own[i]!;
    if (!word.startsWith('-') || word === '-') {
      positionals.push({ word, index: i + 1 });
      continue;
    }
    const { name, inline } = splitOption(word);
    if (filter.dryRun.includes(name)) return undefined;
    const next = own[i + 1];
    const takesNext = inline === undefined && filter.valueFlags.includes(name) && next !== undefined && !(filter.optionalValue.includes(name) && next.startsWith('-'));
    const value = inline ?? (takesNext ? next : undefined);
    if (takesNext) i++;
    if (filter.noPrivate.includes(name) && !/^false$/i.test(value ?? '')) selection.noPrivate = true;
    if (filter.unsure.includes(name)) selection.since = true;
    const list = filter.include.includes(name) ? selection.include : filter.exclude.includes(name) ? selection.exclude : undefined;
    if (list !== undefined && value !== undefined) list.push(value);
  }
  const sub = positionals[0];
  const script = positionals[1];
  if (sub === undefined || !runner.subcommands.includes(sub.word) || script === undefined || script.word.includes(',')) return undefined;
  const forwarded = dashes < 0 ? [] : words.slice(dashes + 1);
  return {
    runner,
    name: script.word,
    nameIndex: script.index,
    explicit: true,
    forwarded,
    otherPackages: true,
    workspaces: { source: 'lerna.json', names: [], includeRoot: false },
    filter: selection,
    label: `${runner.bin} ${sub.word} ${script.word}`,
  };
}
