/**
 * The targets of a publish found in a committed shell script a CI command runs (`bash
 * ./scripts/release.sh`, moonrepo/moon: `for package in packages/cli packages/core-*; do (cd
 * "$package" && npm publish --access public); done`): read in the script, as a `run:` block's
 * publish is, from the script's text before it (`ViaScript.publishAt`: its `cd`s and `for` loops,
 * ./value-targets.ts), starting in the directory the command that ran the script ran in (after the
 * `cd`s before it in the CI file, and in each script on the way), never the script's own folder;
 * a makefile's recipe lines run where its make ran, or in its `-C` directory (`ViaScript.makeDir`).
 *
 * Only a publish the script runs itself, certain as written there (`ViaScript.readCertain`), and
 * only through scripts (no `package.json` script on the way, no package switch before the first). The publish is a
 * guess (the script may branch on its arguments), so what the reading finds stays unknown targets
 * whose candidates are the packages it names; anything else keeps the guess's every candidate.
 * The scripts are bounded already (`MAX_SHELL_FILE_CHARS`, `MAX_SCRIPT_DEPTH`).
 */
import type { ResolvedTargets, TargetInput } from './targets.js';
import type { PublishMatch, ViaScript } from './publish-match.js';
import type { PackageDiscovery, WorkspacePackage } from './workspaces.js';
import { shellFilePath } from './shell-files.js';
import { readOptions } from './command-words.js';

/** The script file's place of a publish read there, with the chain of scripts before it. */
type Placed = ViaScript & { publishAt: NonNullable<ViaScript['publishAt']> };

/** A committed shell script's entry, or a makefile recipe line's (./make-runs.ts), with the publish's place in it. */
function placed(v: ViaScript): v is Placed {
  return (v.file === true || v.recipe === true) && v.publishAt !== undefined;
}

/** `input` moved into `entry`'s text: the command there that led on, the text before it (and after it: `after`), from `directory`. */
function inScript(input: TargetInput, entry: Placed, directory: string | undefined, after = false): TargetInput {
  const { directoryChangesBefore: _changes, loopsBefore: _loops, scope: _scope, within: _within, textAfter: _after, ...rest } = input;
  const { offset, end } = entry.publishAt;
  const { inPackage, ...found } = input.match;
  const inLast = inPackage !== undefined && inPackage.depth >= input.match.via.length;
  const switched = inLast ? { inPackage: { ...inPackage, depth: inPackage.depth - input.match.via.length } } : {};
  const match = { ...found, ...switched, text: entry.command.slice(offset, end), via: [], confidence: 'certain' as const };
  const textAfter = after ? { textAfter: entry.command.slice(end) } : input.textAfter !== undefined ? { textAfter: input.textAfter } : {};
  return { ...rest, directory, textBefore: entry.command.slice(0, offset), ...textAfter, match };
}

/**
 * The targets of a certain publish a configuration's command line runs itself
 * (`@semantic-release/exec`'s `publishCmd: "cd sdk/nodejs && npm publish"`,
 * neovasili/pulumi-components-demo): read in that line as a `run:` block's publish is, from the
 * directory the tool ran in (`ViaScript.startDir`), its `cd`s followed; undefined for any other
 * publish. The line is the tool's own publish step, so what it selects is as certain as in a `run:`.
 */
export function configLineTargets(input: TargetInput, resolve: (input: TargetInput) => ResolvedTargets): ResolvedTargets | undefined {
  const last = input.match.via.at(-1);
  if (last?.startDir === undefined || last.publishAt === undefined || input.match.confidence !== 'certain' || input.match.action || input.viaAction) return undefined;
  return resolve(inScript(input, last as Placed, last.startDir, true));
}

/**
 * What a publish may publish among `packages` when a committed JavaScript file on its way runs it
 * in a directory it computes (`ViaScript.computedDir`, xtermjs/xterm.js: `spawnSync('npm',
 * ['publish'], { cwd: packageDir })` for the root and each addon): the root package too when
 * `publishable` (the candidates of a monorepo are otherwise its workspaces only), first.
 */
export function withComputedRoot(match: PublishMatch, discovery: PackageDiscovery, packages: WorkspacePackage[], publishable: (p: WorkspacePackage) => boolean): WorkspacePackage[] {
  if (!match.via.some((v) => v.computedDir === true)) return packages;
  const root = discovery.packages.filter((p) => p.isRoot && publishable(p) && !packages.includes(p));
  return [...root, ...packages];
}

/** Where a recipe line of a make run with `-C` runs: that directory, from where the make started. */
function intoMake(entry: Placed, directory: string | undefined): string | undefined {
  return entry.makeDir === undefined || directory === undefined ? directory : shellFilePath(entry.makeDir, directory);
}

/**
 * The targets of a publish a committed script runs (see the file comment), or undefined when it
 * is not one: `resolve` reads a `run:` block's publish, `directoryOf` the directory a command of
 * one runs in after the `cd`s before it.
 */
export function scriptFileTargets(
  input: TargetInput,
  resolve: (input: TargetInput) => ResolvedTargets,
  directoryOf: (input: TargetInput) => string | undefined,
): ResolvedTargets | undefined {
  const { match } = input;
  // `package.json` scripts that only hand on to the script files (girder/girder: `npm run
  // publish-all` → `./.circleci/publish_npm.sh`) run where the command ran, the root package's.
  const lead = match.via.findIndex((v) => !handsOn(v));
  const via = lead < 0 ? [] : match.via.slice(lead);
  const last = via.at(-1);
  // A package switch inside the scripts (a `cd packages/x` there, which the reading follows, or `yarn
  // workspace x …` in the last one, read from the command); none before the first, nor with a
  // `package.json` script on the way.
  const switched = match.inPackage === undefined || (lead === 0 && match.inPackage.depth >= 1);
  if (last === undefined || last.readCertain !== true || !via.every(placed) || !switched || match.action || input.viaAction) return undefined;
  let directory = input.directory === undefined ? undefined : directoryOf(input);
  for (const entry of via.slice(0, -1)) {
    directory = intoMake(entry, directory);
    if (directory === undefined) break;
    directory = directoryOf(inScript(input, entry, directory));
  }
  const read = resolve(inScript(input, last as Placed, intoMake(last as Placed, directory)));
  const { targets } = read;
  const candidates = targets.kind === 'unknown' ? targets.candidates : targets.packages;
  return { targets: { kind: 'unknown', packages: [], candidates }, directory: read.directory };
}

/** A `cd` in a command line (as ./targets.ts reads a `package.json` script's). */
const CD = /(?:^|[;&|(]\s*)(?:cd|pushd)\s/;

/** A root `package.json` script that runs the next one where it was started: no `cd`, no lifecycle, file or configuration. */
function handsOn(v: ViaScript): boolean {
  return v.file !== true && v.recipe !== true && v.jsFile !== true && v.lifecycle !== true && v.at === undefined && v.startDir === undefined && v.computedDir !== true && !CD.test(v.command);
}

/**
 * The targets of a publish a committed JavaScript file hands a child process (`` await $`npm
 * publish --access public` ``, sst/sst `sdk/js/scripts/release.ts` under `cd sdk/js` and `bun run
 * release`), or undefined when it is not one: certain as written there, in a file that changes no
 * directory (`ViaScript.readCertain`), with no directory argument or package selection, run from a
 * sub-directory tp-doctor knows through `package.json` scripts without a `cd`. The file runs it where
 * it was started, so it is read as that directory's publish (`resolve`, as a `run:` block's); the
 * file may do other things, so its one package stays a candidate of unknown targets.
 */
export function jsFileTargets(input: TargetInput, resolve: (input: TargetInput) => ResolvedTargets): ResolvedTargets | undefined {
  const { match } = input;
  const last = match.via.at(-1);
  if (last?.jsFile !== true || last.readCertain !== true || match.confidence === 'certain' || match.action || input.viaAction) return undefined;
  const scriptsOnly = match.via.slice(0, -1).every((v) => v.file !== true && v.recipe !== true && v.jsFile !== true && v.at === undefined && v.startDir === undefined && v.lifecycle !== true && !CD.test(v.command));
  const options = readOptions(match.args, match.tool);
  if (!scriptsOnly || options.positionals.length > 0 || options.other) return undefined;
  const read = resolve({ ...input, match: { ...match, confidence: 'certain' } });
  // From the root, a monorepo's candidates stay its workspaces (`withComputedRoot`: xtermjs/xterm.js).
  if (read.targets.kind !== 'single' || read.targets.packages.length === 0 || !read.directory) return undefined;
  return { targets: { kind: 'unknown', packages: [], candidates: read.targets.packages }, directory: read.directory };
}
