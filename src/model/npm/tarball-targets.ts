/**
 * The package a publish of a tarball written as a literal path sends (`npx npm@11.7.0 publish
 * typescript/schemas/package.tgz`, foxglove/foxglove-sdk, after `yarn workspace @foxglove/schemas
 * pack` in an earlier step). Two readings, the first that answers:
 *
 * 1. An earlier pack command of the job that writes that file (`TargetInput.packRuns`: the earlier
 *    `run:` steps of a GitHub job or `run` steps of a CircleCI job, in their directories; the
 *    publish's own script before it, from where it starts, up to its first `cd`/`pushd`/`popd`):
 *    the package it packs. What each writes:
 *    - `npm pack [<./dir>] [-w <name|dir>] [--pack-destination <d>]`: `<name>-<version>.tgz`, a scoped
 *      `@s/n` as `s-n-<version>.tgz`, in the destination (default: where it runs);
 *    - `pnpm [-C <d>] [--filter <name|./dir>] pack [--pack-destination <d>] [--out <path>]`: the same
 *      name, in the destination (with `--filter`: from where it runs or from the package's
 *      directory), or `--out` with `%s`/`%v` (name, version; with `--filter`, not read);
 *    - `yarn [workspace <name>] pack [-o|--out|--filename|-f <path>]`: Yarn 2+ writes `package.tgz` in
 *      the package's directory, Yarn 1 `<s-n>-v<version>.tgz` where it runs (both read: either names
 *      the package); a path is taken from the directory the pack runs in (`yarn workspace <name>`:
 *      that workspace's; Yarn 2+ puts in `%s`/`%v`).
 * 2. Else, only as a candidate (`unknown` targets: the file may come from elsewhere, an artifact a
 *    `uses:` step downloads, a pack in another job or in an action), the package.json committed in
 *    the tarball's directory, when the file's name is the one a pack of that package writes:
 *    `<s-n>-<version>.tgz` (npm, pnpm; Yarn 1's `<s-n>-v<version>.tgz`) or Yarn 2+'s `package.tgz`.
 *    Another name (`foo-1.0.0.tgz` next to the package.json of `mono-tools`) says nothing: unknown.
 *
 * A version is never known (a `%v`, the `<version>` part, match any text without `/`). Anything
 * else leaves the tarball's package unknown, as before (targets.ts: the packed candidates): a path
 * with a value, a glob, a `..`, an absolute or home path; a publish through a script or an action,
 * or that moves with `--prefix`/`-C`/`-w`; an earlier pack tp-doctor cannot read (a value, a
 * recursive or workspace-wide pack, a registry spec, `bun pm pack`, a `--prefix`, after a `cd`),
 * since it may have written the file.
 */
import { PNPM_RECURSIVE_RUN } from '../data/publish-tools.js';
import { splitCommands } from './shell.js';
import { joinDir } from './value-targets.js';
import { isNamedTarget, type WorkspacePackage } from './workspaces.js';
import type { ResolvedTargets, TargetInput } from './targets.js';

/** A script that may pack before a publish, and the directory it starts in (undefined: unknown). */
export interface PackRun {
  text: string;
  dir: string | undefined;
  /** The step may not run before the publish (GitHub: an `if:`; CircleCI: `circleci/sites.ts` `circleRunsBefore`). */
  conditional?: true;
}

/** A file a pack may write: its directory and a test of its name. */
interface PackOutput {
  dir: string;
  file: RegExp;
}

/** One pack command: the package it packs and the files it may write; `unread` when either cannot be told. */
type PackWrite = { pkgDir: string; outputs: PackOutput[] } | 'unread';

/** A tarball path tp-doctor reads: relative, literal, no glob. */
const LITERAL_TARBALL = /^(?:\.\/)?(?:[\w.@+-]+\/)*[\w.@+%-]+\.tgz$/i;
/** Options of a publish that move it elsewhere. */
const MOVES = /(?:^|\s)(?:--prefix|-C|--dir|--cwd|-w|--workspace)(?:[=\s]|$)/;
const PACKAGE_MANAGER = /^(npm|pnpm|yarn)(?:@[\w.^~-]+)?$/;
/** Each package manager's options that take a value (npm's `-C` is `--prefix`, pnpm's `-w` `--workspace-root`, npm's `-f` `--force`). */
const VALUE_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set(['-C', '--prefix', '-w', '--workspace', '--pack-destination', '--registry', '--loglevel', '--userconfig', '--cache']),
  pnpm: new Set(['-C', '--dir', '--filter', '-F', '--pack-destination', '--out', '--pack-gzip-level', '--registry', '--loglevel']),
  yarn: new Set(['--cwd', '--out', '-o', '--filename', '-f']),
};
/** Options that make what a pack writes, or from where, unread: another prefix, or many packages. */
const UNREAD_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set(['-C', '--prefix', '-ws', '--workspaces', '--userconfig']),
  pnpm: new Set(PNPM_RECURSIVE_RUN.all), // `-r`, `--recursive`: pnpm's table of its recursive runs
  yarn: new Set(),
};

/**
 * The targets of a tarball publish (`target`: its first argument, ending in `.tgz`), when the
 * tarball's package can be told (see the file comment); undefined otherwise. `dirOf`: the
 * directory the publish runs in (after the `cd`s before it), undefined when unknown.
 */
export function tarballTargets(input: TargetInput, target: string, dirOf: () => string | undefined): ResolvedTargets | undefined {
  const { match } = input;
  if (match.confidence !== 'certain' || input.viaAction || match.action !== undefined || match.via.length > 0) return undefined;
  if (!LITERAL_TARBALL.test(target) || target.split('/').includes('..') || MOVES.test(match.text)) return undefined;
  const dir = input.directory === undefined ? undefined : dirOf();
  const path = dir === undefined ? undefined : joinDir(dir, target);
  if (dir === undefined || path === undefined) return undefined;
  const slash = path.lastIndexOf('/');
  const [fileDir, file] = [slash < 0 ? '' : path.slice(0, slash), path.slice(slash + 1)];
  const atDir = (d: string): WorkspacePackage[] => {
    const found = input.discovery.packages.filter((p) => p.dir === d);
    if (found.length > 0) return found;
    const pkg = input.packageAt(d);
    return pkg ? [{ pkg, name: pkg.name, dir: d, isRoot: d === '', private: pkg.private }] : [];
  };
  const named = (d: string): ResolvedTargets | undefined => {
    const found = atDir(d);
    return found.length === 0 ? undefined : { targets: { kind: 'single', packages: found.filter(isNamedTarget), candidates: [], manifests: found }, directory: dir };
  };
  const runs = [...(input.packRuns ?? []), ...(input.textBefore === undefined ? [] : [{ text: input.textBefore, dir: input.directory }])];
  const writes = runs.flatMap((run) => packWrites(run, input, atDir));
  for (const write of [...writes].reverse()) {
    if (write === 'unread') return undefined;
    if (write.outputs.some((o) => o.dir === fileDir && o.file.test(file))) return named(write.pkgDir);
  }
  return beside(fileDir, file, atDir, dir);
}

/** Reading 2: the package committed in the tarball's directory whose pack would have that file name, as a candidate only. */
function beside(fileDir: string, file: string, atDir: (d: string) => WorkspacePackage[], dir: string): ResolvedTargets | undefined {
  const found = atDir(fileDir).filter((p) => isNamedTarget(p) && (file === 'package.tgz' || packName(p.name!).test(file)));
  return found.length === 0 ? undefined : { targets: { kind: 'unknown', packages: [], candidates: found }, directory: dir };
}

/** The file name npm and pnpm give a pack of `name` (`@s/n` → `s-n-<version>.tgz`; Yarn 1's `s-n-v<version>.tgz` matches too). */
function packName(name: string): RegExp {
  return new RegExp(`^${escape(name.replace(/^@/, '').replace('/', '-'))}-[^/]+\\.tgz$`);
}

/** The pack commands of a script, in order; those after a directory change, whose directory is not followed here, unread. */
function packWrites(run: PackRun, input: TargetInput, atDir: (d: string) => WorkspacePackage[]): PackWrite[] {
  if (!/\bpack\b/.test(run.text)) return [];
  const out: PackWrite[] = [];
  let moved = false;
  for (const cmd of splitCommands(run.text)) {
    const words = cmd.words.map((w) => w.value);
    if (['cd', 'pushd', 'popd'].includes(words[0] ?? '')) moved = true;
    const write = packWrite(words, moved ? undefined : run.dir, input, atDir);
    if (write !== undefined) out.push(write);
  }
  return out;
}

/** What one command packs (undefined: it is no pack, or a dry run); `cwd` undefined when unknown. */
function packWrite(all: readonly string[], cwd: string | undefined, input: TargetInput, atDir: (d: string) => WorkspacePackage[]): PackWrite | undefined {
  const start = all.findIndex((w) => PACKAGE_MANAGER.test(w) || w === 'bun');
  if (start < 0) return undefined;
  const words = all.slice(start);
  if (words[0] === 'bun') return words[1] === 'pm' && words[2] === 'pack' ? 'unread' : undefined;
  const pm = PACKAGE_MANAGER.exec(words[0]!)![1]!;
  const yarnWorkspace = pm === 'yarn' && words[1] === 'workspace' ? words[2] : undefined;
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = yarnWorkspace === undefined ? 1 : 3; i < words.length; i++) {
    const [flag, inline] = splitOption(words[i]!);
    if (flag.startsWith('-') && VALUE_OPTIONS[pm]!.has(flag)) {
      options.set(flag, inline ?? words[++i] ?? '');
    } else if (flag.startsWith('-')) {
      if (/^(?:--dry-run|-n)$/.test(flag)) return undefined;
      options.set(flag, '');
    } else positional.push(flag);
  }
  if (positional[0] !== 'pack') return undefined;
  const values = [...options.values(), ...positional, yarnWorkspace ?? ''];
  if (cwd === undefined || values.some((v) => /[$`~]/.test(v)) || [...options.keys()].some((k) => UNREAD_OPTIONS[pm]!.has(k))) return 'unread';
  const here = joinDir(cwd, (pm === 'npm' ? undefined : (options.get('-C') ?? options.get('--dir') ?? options.get('--cwd'))) ?? '.');
  const pkgDir = here === undefined ? undefined : packedDir(pm, here, positional.slice(1), options, yarnWorkspace, input);
  const name = pkgDir === undefined ? undefined : atDir(pkgDir)[0]?.name;
  if (here === undefined || pkgDir === undefined || name === undefined) return 'unread';
  const outputs = packOutputs(pm, here, pkgDir, name, options);
  return outputs === undefined ? 'unread' : { pkgDir, outputs };
}

/** `--flag=value` → [`--flag`, `value`]. */
function splitOption(word: string): [string, string | undefined] {
  const eq = word.startsWith('--') ? word.indexOf('=') : -1;
  return eq < 0 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
}

/** The directory of the package a pack selects: its argument, `-w`, `--filter`, `yarn workspace`, else where it runs. */
function packedDir(pm: string, here: string, args: readonly string[], options: ReadonlyMap<string, string>, yarnWorkspace: string | undefined, input: TargetInput): string | undefined {
  const packages = input.discovery.packages;
  const selector = yarnWorkspace ?? options.get('--filter') ?? options.get('-F') ?? options.get('-w') ?? options.get('--workspace');
  if (args.length > 1 || (args.length === 1 && selector !== undefined)) return undefined;
  // `npm pack ./dir`: a directory; another spec (`a/b` is GitHub's, `x@1` the registry's) is not one of the repository.
  if (args.length === 1) return pm === 'npm' && /^\.\.?(?:\/|$)/.test(args[0]!) ? joinDir(here, args[0]!) : undefined;
  if (selector === undefined) return here;
  const byName = packages.find((p) => p.name === selector && !p.isRoot);
  if (byName) return byName.dir;
  // A directory: `npm -w packages/a`, `pnpm --filter ./packages/a` (a pnpm selector without `./` is a name or pattern).
  const dir = pm === 'yarn' || (pm === 'pnpm' && !selector.startsWith('./')) ? undefined : joinDir(here, selector);
  return dir !== undefined && packages.some((p) => p.dir === dir && !p.isRoot) ? dir : undefined;
}

/** The files a pack of the package named `name` in `pkgDir`, run in `here`, may write; undefined when they cannot be told. */
function packOutputs(pm: string, here: string, pkgDir: string, name: string, options: ReadonlyMap<string, string>): PackOutput[] | undefined {
  const norm = name.replace(/^@/, '').replace('/', '-');
  const npmName = packName(name);
  const out = pm === 'npm' ? undefined : (options.get('--out') ?? options.get('-o') ?? (pm === 'yarn' ? (options.get('--filename') ?? options.get('-f')) : undefined));
  const filtered = options.has('--filter') || options.has('-F');
  if (out !== undefined) {
    // Where a filtered pnpm pack puts an `--out` path is not told here; Yarn runs in the workspace it packs (`yarn workspace <name>` moves there first).
    if (filtered) return undefined;
    const path = joinDir(pm === 'yarn' ? pkgDir : here, out);
    const slash = path?.lastIndexOf('/') ?? -1;
    if (path === undefined || path.slice(0, Math.max(slash, 0)).includes('%')) return undefined;
    const file = new RegExp(`^${escape(path.slice(slash + 1)).replace(/%[sv]/g, '[^/]*')}$`);
    return [{ dir: slash < 0 ? '' : path.slice(0, slash), file }];
  }
  if (pm === 'yarn') return [{ dir: pkgDir, file: /^package\.tgz$/ }, { dir: pkgDir, file: new RegExp(`^${escape(norm)}-v[^/]+\\.tgz$`) }];
  const destination = options.get('--pack-destination') ?? '.';
  // A name that spells the package's own: where a filtered pnpm pack runs it, or where the command runs.
  const dirs = [joinDir(here, destination), ...(filtered ? [joinDir(pkgDir, destination)] : [])];
  if (dirs.some((d) => d === undefined)) return undefined;
  return dirs.map((d) => ({ dir: d!, file: npmName }));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
