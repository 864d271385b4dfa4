/**
 * The packages of a repository: the root package and the workspace packages declared by npm/yarn
 * `workspaces`, `pnpm-workspace.yaml` `packages:` or `lerna.json` `packages`. Globs are expanded
 * over the repository through `fs.list`, never into `node_modules` or hidden directories, and the
 * walk is bounded. Which packages a publish command publishes is `./targets.ts`; which publisher
 * covers a package is the facts object's (`../facts.ts`).
 */
import { compileGlobs } from '../../fs/globs.js';
import { joinRepoPath } from '../../fs/paths.js';
import type { SourceFs } from '../../fs/source.js';
import { parseYaml } from '../../yaml/parse.js';
import type { NxProject } from './nx-projects.js';
import type { PackageJson } from './package-json.js';

export type WorkspaceSource = 'package.json' | 'pnpm-workspace.yaml' | 'lerna.json' | 'nx.json';

export interface WorkspacePackage {
  pkg: PackageJson;
  name?: string;
  /** Repository-relative directory, `` for the root. */
  dir: string;
  isRoot: boolean;
  private: boolean;
}

/** True when a command that names this package publishes it (targets.ts): it has a name and is not private. */
export function isNamedTarget(pkg: WorkspacePackage): boolean {
  return pkg.name !== undefined && pkg.name.trim() !== '' && !pkg.private;
}

export interface PackageDiscovery {
  /** The root package first (when there is one), then workspace packages by directory. */
  packages: WorkspacePackage[];
  /** True when the repository declares workspaces in any of the three places. */
  isMonorepo: boolean;
  /** The workspace globs read, with the file they come from (negations keep their `!`). */
  patterns: { pattern: string; source: WorkspaceSource }[];
  /** True when the directory walk stopped at its bound (some packages may be missing). */
  truncated: boolean;
  /**
   * The packages `rush publish` publishes, by directory (./rush.ts: the rush.json projects
   * with `shouldPublish` or a version policy, that have a package.json); undefined without a
   * readable rush.json. Not among `packages`: Rush's own workspace, not npm's.
   */
  rush?: WorkspacePackage[];
  /**
   * The packages of the Nx projects nx.json's `release` selects (./nx-release.ts), by directory;
   * undefined when it selects none (then nx.json's directory globs among `patterns` are read).
   */
  nxRelease?: WorkspacePackage[];
  /** The Nx projects and nx.json's release groups, when the root has an nx.json whose projects were found (what `nx release --projects/--groups` match: ./nx-release.ts). */
  nx?: NxReleaseFacts;
  /** True when the root has a `lerna.json` (intuit/auto's npm plugin then publishes with `lerna publish`). */
  lernaJson?: boolean;
}

/** What an `nx release` command line's selectors are matched against. */
export interface NxReleaseFacts {
  projects: readonly NxProject[];
  /** nx.json `release.groups`: each group's project patterns. */
  groups: ReadonlyMap<string, readonly string[]>;
}

/** Directories listed during one discovery, at most. */
const MAX_LISTINGS = 2000;
/** Depth of a `**` walk below the static prefix of a pattern. */
const MAX_GLOB_DEPTH = 6;
const GLOB_CHARS = /[*?[\]{}()!+@]/;

type Matcher = (input: string) => boolean;

function compile(patterns: readonly string[]): Matcher {
  return compileGlobs(patterns, { dot: false });
}

export function hasGlobChars(pattern: string): boolean {
  return GLOB_CHARS.test(pattern.replace(/^@(?=[^/]+\/)/, ''));
}

function cleanPattern(pattern: string): string {
  return pattern
    .trim()
    .replace(/^\.\//, '')
    .replace(/\/package\.json$/, '')
    .replace(/(?<!\/)\/+$/, '');
}

function readPatterns(fs: SourceFs, root: PackageJson | undefined): { pattern: string; source: WorkspaceSource }[] {
  const out: { pattern: string; source: WorkspaceSource }[] = [];
  for (const pattern of root?.workspaces ?? []) out.push({ pattern, source: 'package.json' });
  const pnpm = fs.read('pnpm-workspace.yaml');
  if (pnpm.ok) {
    const doc = parseYaml('pnpm-workspace.yaml', pnpm.text);
    for (const item of doc.root?.get('packages')?.items() ?? []) {
      if (item.text !== undefined) out.push({ pattern: item.text, source: 'pnpm-workspace.yaml' });
    }
  }
  const lerna = fs.read('lerna.json');
  if (lerna.ok) {
    const doc = parseYaml('lerna.json', lerna.text);
    const list = doc.root?.get('packages');
    // Lerna before 7 with `useWorkspaces: true` ignored `packages` for the package manager's workspaces.
    const usesWorkspaces = doc.root?.get('useWorkspaces')?.value === true && out.length > 0;
    if (list?.isSeq && !usesWorkspaces) {
      for (const item of list.items()) if (item.text !== undefined) out.push({ pattern: item.text, source: 'lerna.json' });
    } else if (doc.root?.isMap && out.length === 0) {
      out.push({ pattern: 'packages/*', source: 'lerna.json' }); // lerna's default
    }
  }
  // Nx Release publishes the projects of `release.projects`; those written as paths (`packages/*`)
  // are directories (names such as `cli` or `*-plugin` are Nx project names, not read).
  const nx = fs.read('nx.json');
  if (nx.ok) {
    const projects = parseYaml('nx.json', nx.text).root?.at('release', 'projects');
    const items = projects?.isSeq ? projects.items() : projects?.isScalar ? [projects] : [];
    for (const item of items) if (item.text?.includes('/')) out.push({ pattern: item.text, source: 'nx.json' });
  }
  return out;
}

/** Lists a repository directory (`SourceFs.list`, or the project's cached `RepoFiles.list`). */
export type ListDir = (dir: string) => readonly { name: string; isDir: boolean }[] | undefined;

/**
 * The directories one source's workspace patterns select, the patterns relative to `base` (``
 * for the root) and the directories repository-relative: each source with its own negations.
 */
function workspaceDirs(list: ListDir, base: string, patterns: readonly string[], budget: { left: number }): string[] {
  const inBase = (p: string): string => (base === '' ? p : `${base}/${p}`);
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => inBase(cleanPattern(p.slice(1))));
  const excluded = negative.length > 0 ? compile(negative) : () => false;
  const dirs: string[] = [];
  for (const raw of patterns) {
    if (raw.startsWith('!')) continue;
    const pattern = cleanPattern(raw);
    // `.` lists the root itself, which the discovery keeps once, as the root (`listsRoot`).
    if (pattern === '' || pattern === '.' || pattern.split('/').includes('..')) continue;
    for (const dir of expand(list, inBase(pattern), budget)) if (!excluded(dir)) dirs.push(dir);
  }
  return dirs;
}

/** The packages of a set of directories, by directory: those with a `package.json`. */
function packagesIn(dirs: Iterable<string>, packageAt: (dir: string) => PackageJson | undefined): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const dir of [...new Set(dirs)].sort()) {
    const pkg = packageAt(dir);
    if (pkg) out.push({ pkg, name: pkg.name, dir, isRoot: false, private: pkg.private });
  }
  return out;
}

/**
 * Every package of the repository: the root one first, then the workspace packages by directory.
 * `packageAt` reads (once) the `package.json` of a directory.
 */
export function discoverPackages(fs: SourceFs, root: PackageJson | undefined, packageAt: (dir: string) => PackageJson | undefined, rushDirs?: readonly string[]): PackageDiscovery {
  const patterns = readPatterns(fs, root);
  const packages: WorkspacePackage[] = [];
  if (root) packages.push({ pkg: root, name: root.name, dir: '', isRoot: true, private: root.private });
  const budget = { left: MAX_LISTINGS };
  const dirs: string[] = [];
  // Each source with its own negations: nx.json's `!packages/b` does not take a package out of npm's workspaces.
  for (const source of new Set(patterns.map((p) => p.source))) {
    dirs.push(...workspaceDirs((d) => fs.list(d), '', patterns.filter((p) => p.source === source).map((p) => p.pattern), budget));
  }
  packages.push(...packagesIn(dirs, packageAt));
  const discovery: PackageDiscovery = { packages, isMonorepo: patterns.length > 0, patterns, truncated: budget.left <= 0 };
  if (rushDirs) discovery.rush = packagesIn(rushDirs, packageAt);
  if (fs.exists('lerna.json')) discovery.lernaJson = true;
  return discovery;
}

/**
 * The workspace packages the `workspaces` of the `package.json` in a repository directory
 * declares, its patterns relative to that directory (npm's reading when it runs there: a
 * `package.json` under `npm/` with platform packages, lovell/sharp); undefined when it declares
 * none. `truncated`: the directory walk stopped at its bound.
 */
export function workspacesAt(list: ListDir, base: string, packageAt: (dir: string) => PackageJson | undefined): { packages: WorkspacePackage[]; truncated: boolean } | undefined {
  return patternPackagesAt(list, base, packageAt(base)?.workspaces ?? [], packageAt);
}

/** The packages workspace `patterns` relative to the directory `base` select (`workspacesAt`; a pnpm-workspace.yaml's there, ./changesets-root.ts); undefined without patterns. */
export function patternPackagesAt(list: ListDir, base: string, patterns: readonly string[], packageAt: (dir: string) => PackageJson | undefined): { packages: WorkspacePackage[]; truncated: boolean } | undefined {
  // A directory name with glob characters would be read as a pattern.
  if (patterns.length === 0 || /[*?[\]{}()!]/.test(base)) return undefined;
  const budget = { left: MAX_LISTINGS };
  const packages = packagesIn(workspaceDirs(list, base, patterns, budget), packageAt);
  return { packages, truncated: budget.left <= 0 };
}

/** A workspace pattern naming the root itself (`.`, `./`): pnpm-workspace.yaml `packages: ['.']`. */
function namesRoot(pattern: string): boolean {
  return /^\.\/?$/.test(pattern.trim());
}

/**
 * True when a workspace pattern of `sources` (of any source, without them) lists the root itself
 * (`.`, `./`): the root package is then one of the workspace packages (ember-cli/ember-cli:
 * `packages: ['.', 'packages/*']`), once, as the root. Negations (`!.`) are not read (pnpm refuses them).
 */
export function listsRoot(discovery: PackageDiscovery, sources?: readonly WorkspaceSource[]): boolean {
  return discovery.patterns.some((p) => namesRoot(p.pattern) && (sources === undefined || sources.includes(p.source)));
}

/** The workspace packages: every discovered package but the root, and the root first when `withRoot`. */
export function workspaceMembers(discovery: PackageDiscovery, withRoot: boolean): WorkspacePackage[] {
  return discovery.packages.filter((p) => withRoot || !p.isRoot);
}

/**
 * The workspace packages the patterns of one source select (`lerna.json` `packages`, which lerna
 * uses before the package manager's workspaces); undefined when that source names none.
 */
export function packagesFrom(discovery: PackageDiscovery, source: WorkspaceSource): WorkspacePackage[] | undefined {
  const own = discovery.patterns.filter((p) => p.source === source);
  const positive = own.filter((p) => !p.pattern.startsWith('!')).map((p) => cleanPattern(p.pattern));
  if (positive.length === 0) return undefined;
  const negative = own.filter((p) => p.pattern.startsWith('!')).map((p) => cleanPattern(p.pattern.slice(1)));
  const included = compile(positive);
  const excluded = negative.length > 0 ? compile(negative) : () => false;
  return discovery.packages.filter((p) => !p.isRoot && included(p.dir) && !excluded(p.dir));
}

/**
 * The directory of the one package a command names (`yarn workspace <name>`, `pnpm --filter
 * ./dir`, `npm -w <name|dir>`, `cd dir`): a workspace package of that name, else that directory
 * relative to `fromDir`; undefined when it leaves the repository or holds a variable.
 */
export function selectedPackageDir(discovery: PackageDiscovery, selector: string, fromDir: string): string | undefined {
  const named = discovery.packages.find((p) => !p.isRoot && p.name === selector);
  if (named) return named.dir;
  if (/[$`~]/.test(selector)) return undefined;
  const dir = joinRepoPath(fromDir, selector);
  return dir.ok ? dir.path : undefined;
}

/**
 * The directories a repository-relative glob matches (`packages/*`, the words of a shell `for`
 * loop), walked as workspace patterns are; undefined when the walk stopped at its bound.
 */
export function directoriesMatching(list: ListDir, pattern: string): string[] | undefined {
  const budget = { left: MAX_LISTINGS };
  const dirs = expand(list, pattern, budget);
  return budget.left <= 0 ? undefined : dirs;
}

/** Directories matching one workspace pattern. */
function expand(list: ListDir, pattern: string, budget: { left: number }): string[] {
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  if (firstGlob < 0) return [pattern];
  const prefix = segments.slice(0, firstGlob).join('/');
  const rest = segments.slice(firstGlob);
  const deep = rest.includes('**');
  const maxDepth = deep ? MAX_GLOB_DEPTH : rest.length;
  const matches = compile([pattern]);
  const out: string[] = [];
  let level = [prefix];
  for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (budget.left-- <= 0) return out;
      for (const entry of list(dir === '' ? '.' : dir) ?? []) {
        if (!entry.isDir || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const child = dir === '' ? entry.name : `${dir}/${entry.name}`;
        next.push(child);
        if ((deep || depth === maxDepth) && matches(child)) out.push(child);
      }
    }
    level = next;
  }
  return out;
}


/**
 * The directories below `base` (`` for the root, itself included) that hold a file called `name`
 * (`project.json`: the Nx projects), walked as `**` workspace patterns are: through the cached
 * listings, never into `node_modules` or hidden directories, at most `MAX_GLOB_DEPTH` levels down
 * and `MAX_LISTINGS` listings; undefined when the walk stopped at that bound.
 */
export function directoriesHolding(list: ListDir, name: string, base = ''): string[] | undefined {
  const budget = { left: MAX_LISTINGS };
  const out: string[] = [];
  let level = [base];
  for (let depth = 0; depth <= MAX_GLOB_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (budget.left-- <= 0) return undefined;
      for (const entry of list(dir === '' ? '.' : dir) ?? []) {
        if (!entry.isDir) {
          if (entry.name === name) out.push(dir);
          continue;
        }
        if (entry.name === 'node_modules' || entry.name.startsWith('.') || depth === MAX_GLOB_DEPTH) continue;
        next.push(dir === '' ? entry.name : `${dir}/${entry.name}`);
      }
    }
    level = next;
  }
  return out.sort();
}

/**
 * Whether a package manager's workspace-wide publish (`-r`, `--workspaces`) or `-w <name>` counts
 * the root package among the workspaces: pnpm always (its docs: "The root package is always
 * included"; only `run`, `exec`, `add` and `test` leave it out of `-r`, and its recursive publish
 * then sends it when it is named, versioned and not private); the npm CLI when the root
 * `package.json` `workspaces` list it (`.`: @npmcli/map-workspaces reads it as a workspace) or with
 * `--include-workspace-root`; another when any workspace pattern lists it.
 */
export function rootIsMember(discovery: PackageDiscovery, tool: string, words: readonly string[]): boolean {
  if (tool === 'pnpm') return true;
  if (tool === 'npm') return listsRoot(discovery, ['package.json']) || words.some((w) => /^--include-workspace-root(?:=true)?$/.test(w));
  return listsRoot(discovery);
}
