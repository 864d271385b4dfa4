/**
 * Which packages a publish command publishes, from the directory it really runs in and the selection it makes (docs/domain.md §5). Known forms: a plain publish in its directory (after a `cd` earlier
 * in the same script), `npm publish <dir>` (a `<dir>` holding a value: only the packages under its
 * literal start may be it), `--prefix`/`-C`/`--dir`/`--cwd <dir>`, `-w <name|dir>` (repeatable), `pnpm
 * --filter <selector>` (one holding a value: only the packages its literal start may name), `yarn workspace
 * <name> npm publish`, and the workspace-wide forms (`--workspaces`, `pnpm -r`, lerna, changesets, nx,
 * release-plan, `lerna exec`, `yarn workspaces foreach`; the npm CLI's `--workspaces` and `-w` away from the
 * root read the workspaces npm sees there, ./npm-workspaces.ts), Rush's published projects (`rush publish`:
 * rush.json, ./rush.ts), and napi-rs's platform packages (`napi prepublish`: every package under its npm
 * directory, never the one it runs in), and the packages GoReleaser Pro makes from its `npms:` (by name only: `generatedNames`). A publish in a shell `for` loop whose directory names the loop's variable
 * is read for each value of the loop (./value-targets.ts). A package counts only when npm would publish it: it has a `name` and is not
 * `private`. Among many (a workspace-wide publish, a pnpm `--filter`, the candidates of an unknown one in a monorepo) it also needs a
 * `version`, unless the tool or an earlier command sets one: pnpm's recursive publish skips a package without one. A package the
 * command names by itself (the one of its directory, `npm -w <name>`, a single-package repository's root) is its target with or
 * without one: another job may write it (video-dev/hls.js downloads the package.json `npm version` changed), and its name,
 * `private` and `repository` are committed all the same. The root is a workspace package when a workspace pattern lists it (`.`) or the tool counts it (`rootIsMember`).
 */
import { VERSION_COMMAND } from './version-command.js';
import { OWN_PACKAGE_RECOGNIZERS as OWN_PACKAGE } from '../data/publish-tools.js';
import { actionRecognizer } from './action-recognizers.js';
import { optionValues, variableOptions } from './command-words.js';
import { runsInEveryPackageBy } from './command-runners.js';
import { napiTargets } from './napi-targets.js';
import { pkgRootTargets } from './pkg-root-targets.js';
import { changesetsRootPackages } from './changesets-root.js';
import { tarballTargets, type PackRun } from './tarball-targets.js';
import { findPlaceholderCandidates, isFindPlaceholder } from './find-placeholder.js';
import type { ToolConfigFiles } from './tool-config.js';
import { msrPublishingPackages } from './msr-packages.js';
import { foreachTargets } from './foreach-targets.js';
import { publishesWithLerna, toolPackagesOf } from './tool-packages.js';
import { basenameOf } from '../../fs/paths.js';
import type { PublishTargets } from './publish-site.js';
import type { PackageJson } from './package-json.js';
import type { PublishMatch } from './publish-commands.js';
import { splitCommands, type ShellCommand, type SubstitutionBody } from './shell.js';
import { npmWorkspaceScope } from './npm-workspaces.js';
import { endingIn, forwardsArguments, joinDir, loopTargets, tarballPackageDir, tarballVariable, underLiteralPrefix, xargsCandidates, type LoopHooks } from './value-targets.js';
import { filterCandidates, filterSelect } from './filter-targets.js';
import { configLineTargets, jsFileTargets, scriptFileTargets, withComputedRoot } from './script-file-targets.js';
import { functionTargets } from './function-targets.js';
import { expressionGivesOptions, publishOptionsIn, valuesGiveOptions } from './script-index.js';
export { isNamedTarget, joinDir };
import type { ShellLoop, ShellScope } from './shell-nesting.js';
import { withEnvValues, type EnvValues } from './env-values.js';
import { changeWords, directoryPlace, isDirectoryChange, type DirectoryPlace, type ShellPlace } from './shell-scope-walk.js';
import { isNamedTarget, listsRoot, rootIsMember, selectedPackageDir, workspaceMembers, type PackageDiscovery, type WorkspacePackage } from './workspaces.js';
import { packsPublishDirectory, withPublishDirectories } from './publish-directory.js';
import { dependencyFolderName, dependencyFolderTargets } from './dependency-folder.js';
import type { PackageManager } from './package-manager.js';

/** Tools that publish every (changed) publishable workspace package. */
const WORKSPACE_TOOLS = new Set(['lerna', 'changesets', 'nx', 'covector', 'release-plan']);
const WORKSPACE_RECOGNIZERS = new Set(['multi-semantic-release']);
/** Tools that set the version themselves: a manifest without `version` is still published by them. */
const VERSIONING_TOOLS = new Set(['semantic-release', 'release-it', 'np', 'changelogen', 'nx', 'lerna', 'changesets', 'covector', 'publib', 'auto', 'shipjs', 'napi']);
/** Tools whose own command line tp-doctor reads for a selection (`-w`, `--filter`, a directory). */
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'yarn-berry', 'bun']);

export interface TargetInput {
  discovery: PackageDiscovery;
  /** A `package.json` outside the discovered packages (a `dist/` or `npm/` directory), read by the model. */
  packageAt(dir: string): PackageJson | undefined;
  /** The entries of a repository directory (napi's platform packages); undefined when it does not exist or is not known. */
  list?(dir: string): readonly { name: string; isDir: boolean }[] | undefined;
  /** The directory the command's step or script line runs in; undefined when unknown (an expression). */
  directory: string | undefined;
  /** The script text before the command, in the same `run:` block or script line (for `cd`). */
  textBefore?: string;
  /** With `textBefore`: the script text after the command (the calls of a function it is in: ./function-targets.ts). */
  textAfter?: string;
  /**
   * The `cd` / `pushd` commands of `textBefore`, when the caller has them from a script index
   * (./script-index.ts): then `textBefore` is not split again for each publish of a long script.
   */
  directoryChangesBefore?: readonly ShellCommand[];
  /** The `for` loops of `textBefore` (./script-index.ts), in its offsets, as `directoryChangesBefore`. */
  loopsBefore?: readonly ShellLoop[];
  /** With `directoryChangesBefore`: where the publish command stands in its script (`ShellCommand.scope`). */
  scope?: readonly ShellScope[];
  /** With `directoryChangesBefore`: the substitution the publish command is in (`ShellCommand.within`). */
  within?: SubstitutionBody;
  match: PublishMatch;
  /** The publish tools' configuration files (semantic-release's `pkgRoot`: ./pkg-root-targets.ts). */
  toolConfig?: ToolConfigFiles;
  /** Found inside a local composite action, whose own directory handling is not followed. */
  viaAction?: boolean;
  /** The earlier scripts of the job a tarball publish's pack (./tarball-targets.ts) or a `napi create-npm-dirs` (./napi-npm-dirs.ts) may be in: a GitHub job's `run:` steps, a CircleCI job's `run` steps. */
  packRuns?: readonly PackRun[];
  /** The packages the job packed before a tarball publish (`packsItsDirectory`): its candidates. */
  packed?: readonly WorkspacePackage[];
  /** Where an action's step names the package it publishes (`ActionRecognizer.packageFrom`: JS-DevTools/npm-publish's `package` input). */
  packageInput?: string;
  /** A command of the job before the publish sets the version (`npm version`, `npm pkg set version`). */
  versionSetBefore?: boolean;
  /**
   * The repository path a `cd` from the root or the home names (`cd ~/repo/lib`: `lib` below a checkout at `~/repo`;
   * ../circleci/checkout-dir.ts), undefined when none; such a `cd` also tells an unknown `directory`. Without it: unknown.
   */
  absoluteDirectory?(target: string): string | undefined;
  /**
   * The values a word of the command may hold, when the provider can list them all (a GitHub step
   * output every write of which is a literal: ../github/step-outputs.ts); undefined otherwise.
   */
  wordValues?(word: string): readonly string[] | undefined;
  /** The literal values the CI file gives the command's environment (./env-values.ts): a `cd "$DIR"` before it is followed with them. */
  envValues?: EnvValues;
  /** The repository's package manager (`changeset publish` runs pnpm's publish in a pnpm repository: ./publish-directory.ts). */
  packageManager?: PackageManager;
}

export interface ResolvedTargets {
  targets: PublishTargets;
  /** The directory the publish command itself runs in, after `cd`, `--prefix` and friends. */
  directory: string | undefined;
  /**
   * When `directory` is undefined because the readings of one publish run in different known
   * directories (one per matrix value or caller): those directories.
   */
  directories?: string[];
}

/** True when a publish of many packages (or the tool) would publish this one: named, not private, and versioned unless the version is set for it. */
export function isPublishable(pkg: WorkspacePackage, tool: string, versionSetBefore = false): boolean {
  if (!isNamedTarget(pkg)) return false;
  return pkg.pkg.version !== undefined || versionSetBefore || VERSIONING_TOOLS.has(tool);
}

/** True when a script text sets a package version (`npm version 1.2.3`, `npm pkg set version=...`). */
export function setsVersion(text: string): boolean {
  return VERSION_COMMAND.test(text);
}

const wordsOf = (cmd: ShellCommand | undefined): string[] => cmd?.words.map((w) => w.value) ?? [];

/** The command of a script that publishes (a script may run several: `lerna version && lerna publish`). */
function publishingCommand(text: string): ShellCommand | undefined {
  const commands = splitCommands(text);
  return commands.filter((c) => c.words.some((w) => /^pu(?:b(?:l(?:i(?:sh)?)?)?)?$/.test(w.value))).at(-1) ?? commands.at(-1);
}

const VALUE_FLAGS = new Set(['--tag', '--access', '--registry', '--otp', '--provenance-file', '--workspace', '-w', '--loglevel', '--publish-branch', '--filter', '-F', '--prefix', '-C', '--dir', '--cwd', '--report-summary-file', '--userconfig', '--globalconfig']);

const LOOP_HOOKS: LoopHooks = { resolve: resolveOnce, directoryAfter: (input, changes) => (input.directory === undefined ? undefined : changeDirectories({ ...input, directoryChangesBefore: changes }, input.directory)) };

/** Which packages a publish command publishes (see the file comment); in a `for` loop, ./value-targets.ts; in a function, ./function-targets.ts; in a committed script, a JavaScript file or a configuration's command line, ./script-file-targets.ts. */
export function resolveTargets(input: TargetInput): ResolvedTargets {
  // Packages the tool makes at run time from its configuration (GoReleaser Pro's `npms:`): none of the repository's.
  if (input.match.generatedNames !== undefined) return { targets: { kind: 'unknown', packages: [], candidates: [], generatedNames: [...input.match.generatedNames] }, directory: input.directory };
  const inFile = scriptFileTargets(input, resolveTargets, (i) => (i.directory === undefined ? undefined : changeDirectories(i, i.directory))) ?? configLineTargets(input, resolveTargets) ?? jsFileTargets(input, resolveTargets);
  if (inFile !== undefined) return inFile;
  const once = resolveOnce(input);
  return (once.targets.kind === 'unknown' ? loopTargets(input, LOOP_HOOKS) : undefined) ?? functionTargets(input, LOOP_HOOKS, once) ?? once;
}

/** The packages of a directory: the discovered ones, else its committed `package.json`. */
function packagesAt(input: TargetInput, d: string): WorkspacePackage[] {
  const found = input.discovery.packages.filter((p) => p.dir === d);
  if (found.length > 0) return found;
  const pkg = input.packageAt(d);
  return pkg ? [{ pkg, name: pkg.name, dir: d, isRoot: d === '', private: pkg.private }] : [];
}

/** `resolveSelection`, then the `publishConfig.directory` of the packages selected, for the tools that pack it (./publish-directory.ts). */
function resolveOnce(input: TargetInput): ResolvedTargets {
  const resolved = resolveSelection(input);
  const packs = packsPublishDirectory(input.match, input.packageManager, publishesWithLerna(input.discovery, input.match.tool, resolved.directory));
  return packs ? { ...resolved, targets: withPublishDirectories(resolved.targets, (d) => packagesAt(input, d)) } : resolved;
}

function resolveSelection(input: TargetInput): ResolvedTargets {
  const { discovery, match } = input;
  const publishable = (p: WorkspacePackage): boolean => isPublishable(p, match.tool, input.versionSetBefore);
  const workspacePackages = workspaceMembers(discovery, listsRoot(discovery)).filter(publishable);
  // What an unknown publish may publish: in a monorepo its workspace packages (a root that declares workspaces is their container, unless a pattern lists it), else the root package.
  const toolPackages = toolPackagesOf(discovery, match)?.filter(publishable);
  const allPackages = withComputedRoot(match, discovery, toolPackages ?? (discovery.isMonorepo ? workspacePackages : discovery.packages.filter(isNamedTarget)), publishable);
  const unknown = (candidates: WorkspacePackage[] = allPackages, directory?: string): ResolvedTargets => ({ targets: { kind: 'unknown', packages: [], candidates }, directory });

  // A tarball: the package ./tarball-targets.ts traces it to, else only what the job packed first (`packed`; Shopify/react-native-skia copies it to /tmp).
  const tarball = PACKAGE_MANAGERS.has(match.tool) ? match.args.find((a, i) => !a.startsWith('-') && !isFlagValue(match.args, i)) : undefined;
  if (tarball !== undefined && /\.tgz$/i.test(tarball)) return tarballTargets(input, tarball, () => directoryOf(input, input.directory).dir) ?? unknown((input.packed ?? []).filter(publishable), input.directory);
  // A guess (`pnpm run release:npm` whose script tp-doctor cannot read) says nothing about what it selects;
  // napi's does (a guess for its npm client only), one in a build output directory (`builtFrom`, ./nx-outputs.ts), and a tool
  // whose configuration was not read (`configUnread`: whether it publishes). From a directory tp-doctor cannot tell, only a `cd` the provider maps (`absoluteDirectory`) tells it.
  if ((input.directory === undefined && input.absoluteDirectory === undefined) || input.viaAction || (match.confidence !== 'certain' && match.tool !== 'napi' && !OWN_PACKAGE.has(match.recognizer) && match.builtFrom === undefined && match.configUnread === undefined)) return unknown();
  // Through `npm run x`: the script runs in the package directory; a `cd` inside it (also in an `if`'s branch) is not followed.
  const inner = match.via.at(-1)?.command;
  if (inner !== undefined && splitCommands(inner).some(isDirectoryChange)) return unknown();
  const place = directoryOf(input, input.directory);
  let dir = place.dir;
  // From a directory tp-doctor cannot tell, `cd wasm; npm publish` publishes a package whose directory ends in `wasm`.
  if (dir === undefined) return unknown(input.directory !== undefined && place.tail !== undefined && publishesItsDirectory(match) ? endingIn(input, place.tail).filter(publishable) : allPackages);
  // `yarn workspace @acme/app release`, `pnpm --filter @acme/app exec semantic-release`: the
  // scripts, or the tool, run in that package. A package manager's own publish reads its
  // selection from the command that makes it (`pnpm --filter ./dir exec npm publish`, in a step or
  // in a root script), unless a script of that package stands between them.
  const moved = match.inPackage;
  if (moved !== undefined && (match.via.length > moved.depth || !PACKAGE_MANAGERS.has(match.tool))) {
    dir = selectedPackageDir(discovery, moved.selector, dir);
    if (dir === undefined) return unknown();
  }
  const atDir = (d: string): WorkspacePackage[] => packagesAt(input, d);
  /** The package of a directory: published when publishable; a directory without a manifest publishes something generated. */
  const single = (d: string): ResolvedTargets => {
    const found = atDir(d);
    if (found.length === 0) return unknown([], d);
    return { targets: { kind: 'single', packages: found.filter(isNamedTarget), candidates: [], manifests: found }, directory: d };
  };
  // clean-publish publishes a cleaned copy of the package it runs in, from its root's lifecycle too (tinylibs/tinybench).
  if (OWN_PACKAGE.has(match.recognizer)) return single(dir);
  if (match.tool === 'napi') return napiTargets(input, dir, atDir, publishable, unknown);
  if (match.tool === 'rush') return toolPackages ? { targets: { kind: 'workspaces', packages: toolPackages, candidates: [] }, directory: dir } : unknown([], dir); // unknown without rush.json
  if (WORKSPACE_TOOLS.has(match.tool) || WORKSPACE_RECOGNIZERS.has(match.recognizer) || publishesWithLerna(discovery, match.tool, dir)) {
    // Lerna (7+) takes `packages` from lerna.json before pnpm-workspace.yaml or `workspaces`; changesets below the root, those of the monorepo root it finds there.
    const packages = msrPublishingPackages(match.recognizer, input.toolConfig, changesetsRootPackages(input, match.tool, dir)?.filter(publishable) ?? toolPackages ?? (discovery.isMonorepo ? workspacePackages : atDir(dir).filter(publishable)));
    return { targets: { kind: 'workspaces', packages, candidates: [] }, directory: dir };
  }
  // An action's own publish selects what the files do not say (in a directory its `directoryInput` names, that one's package, if any), unless it runs in the job's working directory (bcomnes/npm-bump); a command given as its input (changesets/action `publish:`) is read like a `run:`'s.
  if (match.action && match.action.given !== true) {
    if (actionRecognizer(match.action.name)?.publishesWorkspace !== true) return pkgRootTargets(input, dir, atDir) ?? unknown(dir === '' ? allPackages : atDir(dir).filter(isNamedTarget), dir);
    // Where the step names another package (`ActionRecognizer.packageFrom`: npm-publish's `package`
    // input, merge-release's `DEPLOY_DIR`): a directory or a package.json path.
    const given = input.packageInput?.trim().replace(/(?:^|\/)package\.json$/, '');
    if (given === undefined || given === '') return single(dir);
    const target = joinDir(dir, given);
    return target === undefined ? unknown(allPackages, dir) : single(target);
  }

  const text = inner ?? match.text;
  const command = publishingCommand(text);
  const words = wordsOf(command);
  // `… | xargs npm publish`: what it publishes comes from its input, which tp-doctor cannot see.
  if (splitCommands(text).some((c) => basenameOf(wordsOf(c)[0] ?? '') === 'xargs')) return unknown(xargsCandidates(input, dir, match.args.find((a, i) => !a.startsWith('-') && !isFlagValue(match.args, i)), { all: allPackages, atDir, publishable }), dir);
  // Runners that repeat the command in every workspace package (`pnpm -r exec` and `npm exec -ws` leave the root out).
  const every = splitCommands(text).find(runsInEveryPackage);
  if (every) return { targets: { kind: 'workspaces', packages: foreachTargets(every, workspacePackages.filter((p) => !p.isRoot)), candidates: [] }, directory: dir };
  if (!PACKAGE_MANAGERS.has(match.tool)) return pkgRootTargets(input, dir, atDir) ?? single(dir);
  const underPrefix = (d: string, target: string): WorkspacePackage[] | undefined => underLiteralPrefix(input, d, target, atDir, publishable);
  return packageManagerTargets({ input, publishable, workspacePackages, allPackages, unknown, single, atDir, underPrefix }, match, text, words, dir);
}

/**
 * `dir` after the `cd`/`pushd` commands of the text before the publish that reach it
 * (./shell-scope-walk.ts: not one in another branch of an `if`/`case` or in a subshell; one in a
 * compound command the publish is not in makes it unknown, unless it is a loop whose body returns
 * to where it started); undefined when they cannot be followed.
 */
function changeDirectories(input: TargetInput, start: string): string | undefined {
  return directoryOf(input, start).dir;
}

/** `changeDirectories`, with the path an unknown directory ends in when a plain `cd` after it says (`DirectoryPlace.tail`). */
function directoryOf(input: TargetInput, start: string | undefined): DirectoryPlace {
  const before = input.textBefore;
  if (before === undefined || input.match.action) return { dir: start };
  let changes = input.directoryChangesBefore;
  let place: ShellPlace | undefined = input.scope === undefined && input.within === undefined ? undefined : { scope: input.scope, within: input.within };
  if (changes === undefined || (place === undefined && changes.length > 0)) {
    // The publish command itself too: where it stands decides which changes reach it (also for
    // changes given without it: a loop's readings, ./value-targets.ts, on GitLab's script lines).
    const commands = splitCommands(before + input.match.text);
    changes ??= commands.filter((c) => c.offset + c.text.length <= before.length && isDirectoryChange(c));
    place ??= commands.find((c) => c.offset === before.length);
  }
  // `cd "$PKG_DIR"` with `PKG_DIR` a literal of the CI file's environment (./env-values.ts).
  const envValues = input.envValues;
  if (envValues !== undefined) changes = changes.map((c) => withEnvValues(c, envValues, () => before.slice(0, c.offset)));
  return directoryPlace(start, changes, place, joinerOf(input));
}

/** How a `cd` target moves a directory: `joinDir`, and a path from the root or the home through `absoluteDirectory`. */
function joinerOf(input: TargetInput): (dir: string, target: string) => string | undefined {
  const absolute = input.absoluteDirectory;
  if (absolute === undefined) return joinDir;
  return (dir, target) => (/^[/~$]/.test(target) ? absolute(target) : joinDir(dir, target));
}

/**
 * A publish written where it runs (not through a script) of the package in its directory,
 * selecting no other (`npm publish`, `npx semantic-release`): no directory argument, `-w`,
 * `--filter`, `--prefix`, workspace-wide flag, `yarn workspace`, `xargs` or workspace tool.
 */
function publishesItsDirectory(match: PublishMatch): boolean {
  if (match.action || match.via.length > 0 || match.tool === 'napi' || match.inPackage !== undefined || WORKSPACE_TOOLS.has(match.tool) || WORKSPACE_RECOGNIZERS.has(match.recognizer)) return false;
  const words = splitCommands(match.text).flatMap((c) => wordsOf(c).map(basenameOf));
  return selectingWords(match).length === 0 && !words.some((w) => /^(?:-ws|--workspaces|-r|--recursive|workspace|workspaces|xargs)$/.test(w));
}

/** What resolveTargets shares with the package-manager selection below. */
interface TargetScope {
  input: TargetInput;
  publishable: (p: WorkspacePackage) => boolean;
  workspacePackages: WorkspacePackage[];
  allPackages: WorkspacePackage[];
  unknown: (candidates?: WorkspacePackage[], directory?: string) => ResolvedTargets;
  single: (d: string) => ResolvedTargets;
  /** The packages of a directory (discovered, or its committed `package.json`). */
  atDir: (d: string) => WorkspacePackage[];
  /** The candidates of a directory argument holding an unknown value, from its literal start (`underLiteralPrefix`). */
  underPrefix: (dir: string, target: string) => WorkspacePackage[] | undefined;
}

/** A package manager's publish: `--prefix`/`-C`, `--filter`, `-ws`/`-r`, `-w <name>`, or a directory argument. */
function packageManagerTargets(scope: TargetScope, match: TargetInput['match'], text: string, words: string[], start: string): ResolvedTargets {
  const { input, publishable, allPackages, unknown, single, underPrefix } = scope;
  const { discovery } = input;
  let dir = start;
  // `pnpm $filterStr publish`: options before the subcommand tp-doctor cannot read may select any package, as a `--filter` holding a value.
  if (variableOptions(match.optionsBefore).length > 0) return unknown(allPackages, dir);
  // `--prefix`, `-C`, `--dir`, `--cwd`: the command runs in another directory.
  const moved = optionValues(words, '--prefix', '-C', '--dir', '--cwd').at(-1);
  if (moved !== undefined) {
    const next = joinDir(dir, moved);
    if (next === undefined) return unknown();
    dir = next;
  }
  const filters = optionValues(words, '--filter', '-F', '--filter-prod');
  if (filters.length > 0) {
    const picked = filterSelect(discovery, dir, filters);
    if (picked === undefined) return unknown(filterCandidates(discovery, dir, filters)?.filter(publishable) ?? scope.workspacePackages, dir);
    return { targets: { kind: 'single', packages: picked.filter(publishable), candidates: [] }, directory: dir };
  }
  const workspaceWide = words.some((w) => /^(?:-ws|--workspaces|-r|--recursive)$/.test(w));
  const yarnWorkspace = /\byarn\s+workspace\s+(\S+)/.exec(text)?.[1];
  const named = [...optionValues(words, '-w', '--workspace'), ...(yarnWorkspace !== undefined ? [yarnWorkspace] : [])];
  // The npm CLI away from the root reads the workspaces of the directory it runs in (./npm-workspaces.ts);
  // with `--prefix`/`-C` that directory's own only.
  const npmAway = match.tool === 'npm' && dir !== '' && (workspaceWide || named.length > 0);
  const npmScope = npmAway && input.list ? npmWorkspaceScope(discovery, input.list, input.packageAt, dir, moved !== undefined) : undefined;
  const workspacePackages = npmAway ? (npmScope?.packages.filter(publishable) ?? []) : scope.workspacePackages;
  const rootToo = rootIsMember(discovery, match.tool, words);
  if (workspaceWide) {
    if (!npmAway) return { targets: { kind: 'workspaces', packages: workspaceMembers(discovery, rootToo).filter(publishable), candidates: [] }, directory: dir };
    const selected = (npmScope?.implied ? [npmScope.implied] : (npmScope?.packages ?? [])).filter(publishable);
    if (npmScope === undefined || npmScope.guessed) return unknown(selected, dir);
    return { targets: { kind: 'workspaces', packages: selected, candidates: [] }, directory: dir };
  }
  if (named.length > 0) {
    const hit: WorkspacePackage[] = [];
    for (const ws of named) {
      if (ws.includes('$')) return unknown(workspacePackages, dir);
      const wsDir = joinDir(dir, ws);
      const members = npmAway ? (npmScope?.packages ?? []) : workspaceMembers(discovery, rootToo);
      hit.push(...members.filter((p) => p.name === ws || (wsDir !== undefined && p.dir === wsDir)));
    }
    if (hit.length === 0 || npmScope?.guessed) return unknown(hit.length > 0 ? hit.filter(publishable) : workspacePackages, dir);
    return { targets: { kind: 'single', packages: hit.filter(isNamedTarget), candidates: [] }, directory: dir };
  }
  // `npm publish $ARGS` with `ARGS` only ever set to options like `--access public --tag next` (lancedb/lancedb);
  // a step output only ever written as such options, or nothing (gsd-build/gsd-2: `${{ steps.v.outputs.tag_flag }}`).
  const options = (a: string): boolean => expressionGivesOptions(a) || valuesGiveOptions(input.wordValues?.(a)) || (input.textBefore !== undefined && publishOptionsIn(input.textBefore, a) !== undefined);
  const target = match.args.find((a, i) => !a.startsWith('-') && !isFlagValue(match.args, i) && !options(a));
  if (target !== undefined && forwardsArguments(target)) return unknown([...scope.atDir(dir).filter(publishable), ...(dir === '' ? workspacePackages : [])], dir);
  if (target !== undefined) {
    // A tarball: the package of the directory its pack command names, if any (Neko-Catpital-Labs/Invoker).
    const packed = tarballPackageDir(target, input.textBefore, dir);
    if (packed !== undefined) return unknown(scope.atDir(packed).filter(publishable), dir);
    if (/\.tgz$|^[a-z]+:/i.test(target) || tarballVariable(target, input.textBefore)) return unknown([], dir);
    // `find . -name '*.tgz' -exec npm publish {} \;` (middyjs/middy): the paths find gives, never a folder named `{}` (./find-placeholder.ts).
    if (isFindPlaceholder(target)) return unknown(findPlaceholderCandidates(match.text, (input.packed ?? []).filter(publishable), allPackages), dir);
    const next = joinDir(dir, target);
    if (next === undefined) return unknown(underPrefix(dir, target) ?? allPackages, dir);
    const dependency = scope.atDir(next).length === 0 ? dependencyFolderName(next) : undefined;
    if (dependency !== undefined) return dependencyFolderTargets(discovery, dependency, publishable, next);
    return single(next);
  }
  return single(dir);
}

/** `lerna exec`, `aegir exec`, `yarn workspaces foreach`, `pnpm -r exec`, `npm exec -ws`: the command runs in every workspace package. */
function runsInEveryPackage(cmd: ShellCommand): boolean {
  const words = wordsOf(cmd).map((w) => w.slice(w.lastIndexOf('/') + 1));
  const has = (...w: string[]): boolean => words.some((x) => w.includes(x));
  if (runsInEveryPackageBy(words)) return true; // `lerna exec`, `aegir exec`, `yarn workspaces foreach` (COMMAND_RUNNERS)
  if (has('pnpm', 'pn') && has('exec') && has('-r', '--recursive')) return true;
  return has('npm') && has('exec', 'x') && has('-ws', '--workspaces');
}

/**
 * The words of a publish command that choose what it publishes: its directory or tarball argument
 * and the values of `-w`/`--workspace`, `--filter`/`-F`, `--prefix`/`-C`/`--dir`/`--cwd`, and the
 * targets of the `cd`/`pushd` before it in `textBefore` (not `--tag`, `--access`, ...).
 */
export function selectingWords(match: PublishMatch, textBefore = ''): string[] {
  const words = wordsOf(publishingCommand(match.text));
  const positional = match.args.filter((a, i) => !a.startsWith('-') && !isFlagValue(match.args, i));
  const moves = splitCommands(textBefore)
    .filter(isDirectoryChange)
    .flatMap((c) => changeWords(wordsOf(c))[1] ?? []);
  return [...positional, ...variableOptions(match.optionsBefore), ...optionValues(words, '-w', '--workspace', '--filter', '-F', '--filter-prod', '--prefix', '-C', '--dir', '--cwd'), ...moves];
}

function isFlagValue(args: readonly string[], index: number): boolean {
  const prev = args[index - 1];
  return prev !== undefined && VALUE_FLAGS.has(prev);
}
