/**
 * Installed packages: the version a lockfile (npm-shrinkwrap.json, package-lock.json,
 * pnpm-lock.yaml, yarn.lock, Yarn 1 and Berry) pins, and the range package.json declares.
 * Files are read once per run (`Lockfiles`, owned by `ProjectFacts`).
 */
import { semver } from '../core/semver.js';
import { repoPathOrAsWritten } from '../../fs/paths.js';
import { parseYaml, type YamlDocument, type YNode } from '../../yaml/parse.js';
import { LineIndex, type Location } from '../../yaml/span.js';
import { LOCKFILES } from '../core/inputs.js';
import type { NpmRepo } from './repo.js';
import { readPackageJson, type PackageJson } from './package-json.js';
import type { ToolVersion } from './tool-versions.js';
import type { PackageManager } from './package-manager.js';
import { PLUGIN_PARENTS } from '../data/publish-tool-support.js';
import { cutAtFirst } from '../../fs/strings.js';

/**
 * The override fields each package manager reads from the root package.json (`overrides` is npm's
 * and Bun's, `pnpm.overrides` pnpm's, `resolutions` Yarn's, pnpm's and Bun's).
 */
const OVERRIDE_FIELDS: Record<PackageManager, readonly (readonly string[])[]> = {
  npm: [['overrides']],
  pnpm: [['pnpm', 'overrides'], ['resolutions']],
  'yarn-classic': [['resolutions']],
  'yarn-berry': [['resolutions']],
  bun: [['overrides'], ['resolutions']],
};

/**
 * The range the root package.json forces on `name` wherever it is installed, in the fields the
 * repository's package manager reads: `"@semantic-release/npm": "^13.1.5"`, or under the one
 * parent that installs it (`PLUGIN_PARENTS`: npm's nested `{"semantic-release": {...}}`, Yarn's
 * `semantic-release/@semantic-release/npm`, pnpm's `semantic-release>@semantic-release/npm`), or
 * npm's `"."` for the parent itself. An override under another parent, with a version selector
 * (`name@<13`) or an npm `$name` reference decides nothing here.
 */
function overrideRange(project: NpmRepo, name: string, parents: readonly string[] = PLUGIN_PARENTS[name] ?? []): ToolVersion | undefined {
  const pkg = packageAt(project, '');
  if (!pkg) return undefined;
  const direct = (key: string): boolean => key === name || parents.some((p) => key === `${p}/${name}` || key === `${p}>${name}`);
  for (const path of OVERRIDE_FIELDS[project.facts.packageManager.name]) {
    const map = pkg.root.at(...path);
    if (!map?.isMap) continue;
    for (const entry of map.entries()) {
      const key = entry.key ?? '';
      const node = entry.isMap ? (key === name ? entry.get('.') : parents.includes(key) ? entry.get(name) : undefined) : direct(key) ? entry : undefined;
      const text = node?.text;
      if (!node || text === undefined || text.startsWith('$')) continue;
      return { spec: text, source: 'package-json', at: locationOf(node, true), label: `\`${path.join('.')}\` in ${pkg.file}`, floating: !hasLockfile(project, '') };
    }
  }
  return undefined;
}

/**
 * `dependencies` / `devDependencies` / `optionalDependencies` of `<dir>/package.json`, then of the
 * root; an override of the root's (`overrideRange`) first, as it decides what any of them installs.
 */
export function dependencyRange(project: NpmRepo, name: string, dir = '', options: { overrides?: boolean } = {}): ToolVersion | undefined {
  const forced = options.overrides === false ? undefined : overrideRange(project, name);
  if (forced) return forced;
  for (const d of dir === '' ? [''] : [dir, '']) {
    const pkg = packageAt(project, d);
    if (!pkg) continue;
    for (const field of ['devDependencies', 'dependencies', 'optionalDependencies']) {
      const node = pkg.root.get(field)?.get(name);
      if (node?.text === undefined) continue;
      const local = /^(?:file|link|portal|workspace):(.*)$/.exec(node.text);
      if (local) {
        // The repository's own copy (`file:packages/lerna`, `workspace:*`): its package.json version, if readable.
        const target = local[1]?.startsWith('.') || local[1]?.includes('/') ? packageAt(project, joinDir(d, local[1] ?? '')) : undefined;
        if (target?.version === undefined || !semver.valid(target.version)) return undefined;
        const at = target.root.get('version')!;
        return { spec: target.version, source: 'package-json', at: locationOf(at, true), label: `\`version\` in ${target.file}`, floating: false };
      }
      const floating = !hasLockfile(project, d) && !hasLockfile(project, '');
      return { spec: node.text, source: 'package-json', at: locationOf(node, true), label: `\`${field}\` in ${pkg.file}`, floating };
    }
  }
  return undefined;
}

/** Through the containment point: a directory outside the repository stays as written, and no read of it succeeds. */
function joinDir(base: string, rel: string): string {
  return repoPathOrAsWritten(base === '' ? rel : `${base}/${rel}`);
}

function hasLockfile(project: NpmRepo, dir: string): boolean {
  return LOCKFILES.some((f) => project.facts.exists(dir === '' ? f : `${dir}/${f}`));
}

/** The exact version a lockfile pins for `name` (the step's directory's lockfile first, then the root's). */
export function lockedVersion(project: NpmRepo, name: string, dir = ''): ToolVersion | undefined {
  for (const d of dir === '' ? [''] : [dir, '']) {
    const prefix = d === '' ? '' : `${d}/`;
    // A lockfile of the step's own directory describes it as `.`; the root one names it by its path.
    const importers = d === '' && dir !== '' ? [dir, '.'] : ['.'];
    const hit =
      npmLock(project, `${prefix}npm-shrinkwrap.json`, name) ??
      npmLock(project, `${prefix}package-lock.json`, name) ??
      pnpmLock(project, `${prefix}pnpm-lock.yaml`, name, importers) ??
      yarnLock(project, `${prefix}yarn.lock`, name, dir);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The version of `name` that `parent`, a dependency the repository installs, gets where its own
 * package.json asks for `range` (@qiwi/multi-semantic-release 7 depends on semantic-release
 * ^21.0.5): the exact version the lockfile of the step's directory, then the root's, installs for
 * it (yarn.lock: the entry that resolves `name@range`, or the only entry of `name`;
 * package-lock.json / npm-shrinkwrap.json: the copy Node finds from `parent`'s folder; pnpm-lock.yaml:
 * `parent`'s `dependencies`), else the range the root's overrides force on `name`, everywhere or
 * under `parent` (`overrideRange`). Undefined when neither says: `range` decides.
 */
export function dependencyOfVersion(project: NpmRepo, parent: string, name: string, range: string, dir = ''): ToolVersion | undefined {
  for (const d of dir === '' ? [''] : [dir, '']) {
    const prefix = d === '' ? '' : `${d}/`;
    const hit =
      npmLockBelow(project, `${prefix}npm-shrinkwrap.json`, parent, name, d === '' ? dir : '') ??
      npmLockBelow(project, `${prefix}package-lock.json`, parent, name, d === '' ? dir : '') ??
      pnpmLockBelow(project, `${prefix}pnpm-lock.yaml`, parent, name) ??
      yarnLockFor(project, `${prefix}yarn.lock`, name, range);
    if (hit) return hit;
  }
  return overrideRange(project, name, [parent]);
}

/** package-lock.json: from where `parent` is installed, the nearest `node_modules/<name>` upwards, as Node resolves it. */
function npmLockBelow(project: NpmRepo, file: string, parent: string, name: string, dir: string): ToolVersion | undefined {
  const lock = readNpmLock(project, file);
  if (!lock) return undefined;
  // The root's lockfile names a copy of the step's own directory `dir` under that folder.
  const homes = dir === '' ? [`node_modules/${parent}`] : [`${dir}/node_modules/${parent}`, `node_modules/${parent}`];
  const packages = lock.json.packages;
  const home = packages ? homes.find((h) => packages[h] !== undefined) : undefined;
  let key: string | undefined;
  let version: unknown;
  if (packages && home !== undefined) {
    // Node's resolution: `<home>/node_modules/<name>`, then the folders above, to the root's.
    let base = home;
    for (let i = 0; i < 64 && key === undefined; i++) {
      const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
      if (packages[candidate] !== undefined) [key, version] = [candidate, packages[candidate]?.version];
      if (base === '') break;
      const cut = base.lastIndexOf('node_modules/');
      base = cut <= 0 ? '' : base.slice(0, cut - 1);
    }
  } else if (!packages) {
    // Lockfile v1: `dependencies` nested under the parent, else at the top.
    const deps = lock.json.dependencies as Record<string, { version?: unknown; dependencies?: Record<string, { version?: unknown }> }> | undefined;
    const own = deps?.[parent];
    if (own) [key, version] = [name, (own.dependencies?.[name] ?? deps[name])?.version];
  }
  if (key === undefined || typeof version !== 'string' || !semver.valid(version)) return undefined;
  const needle = `"${key}"`;
  const index = Math.max(0, lock.text.indexOf(needle));
  return { spec: version, source: 'lockfile', at: { file, ...lock.lines.span(index, index + needle.length) }, label: file, floating: false };
}

/** pnpm-lock.yaml: the version of `name` in the `dependencies` of `parent`'s entries (`snapshots`, older `packages`), when they agree. */
function pnpmLockBelow(project: NpmRepo, file: string, parent: string, name: string): ToolVersion | undefined {
  const root = readPnpmLock(project, file)?.root;
  if (!root?.isMap) return undefined;
  const found = new Map<string, YNode>();
  for (const section of ['snapshots', 'packages']) {
    for (const entry of root.get(section)?.entries() ?? []) {
      const key = cutAtFirst(entry.key?.replace(/^\//, '') ?? '', '(');
      const rest = key.startsWith(`${parent}@`) || key.startsWith(`${parent}/`) ? key.slice(parent.length + 1) : undefined;
      const dep = rest !== undefined && semver.valid(rest) ? entry.get('dependencies')?.get(name) : undefined;
      const version = dep?.text === undefined ? undefined : cutAtFirst(dep.text, '(');
      if (dep && version !== undefined && semver.valid(version)) found.set(version, dep);
    }
    if (found.size > 0) break;
  }
  const only = found.size === 1 ? [...found][0] : undefined;
  return only && { spec: only[0], source: 'lockfile', at: locationOf(only[1], true), label: file, floating: false };
}

/** yarn.lock: the entry that resolves `name@range`, else the only entry of `name` (what every dependent gets). */
function yarnLockFor(project: NpmRepo, file: string, name: string, range: string): ToolVersion | undefined {
  const lock = readYarnLock(project, file);
  const entries = lock?.entries.get(name) ?? [];
  const chosen = entries.find((e) => e.ranges.includes(range)) ?? (entries.length === 1 ? entries[0] : undefined);
  if (!lock || !chosen) return undefined;
  const at = { file, ...lock.lines.span(chosen.offset, chosen.offset + chosen.length) };
  return { spec: chosen.version, source: 'lockfile', at, label: file, floating: false };
}

/**
 * The lockfiles and package.json files read for version lookups, each read and parsed once per run
 * (`ProjectFacts.lockfiles`, so an editor session never sees a file from an earlier run).
 */
export class Lockfiles {
  private readonly files = new Map<string, unknown>();

  constructor(private readonly repo: NpmRepo) {}

  /** The exact version a lockfile pins for `name` (see `lockedVersion`). */
  lockedVersion(name: string, dir = ''): ToolVersion | undefined {
    return lockedVersion(this.repo, name, dir);
  }

  /** The range package.json declares for `name` (see `dependencyRange`). */
  dependencyRange(name: string, dir = ''): ToolVersion | undefined {
    return dependencyRange(this.repo, name, dir);
  }

  /** A file read for a lookup, parsed once: `pkg:<dir>` (a package.json), `lock:<file>` (a lockfile). */
  read<T>(key: string, load: () => T): T {
    if (!this.files.has(key)) this.files.set(key, load());
    return this.files.get(key) as T;
  }
}

function cached<T>(project: NpmRepo, key: string, load: () => T): T {
  return project.facts.lockfiles.read(key, load);
}

function packageAt(project: NpmRepo, dir: string): PackageJson | undefined {
  if (dir === '') return project.packageJson;
  return cached(project, `pkg:${dir}`, () => {
    const file = `${dir}/package.json`;
    const read = project.fs.read(file);
    const pkg = read.ok ? readPackageJson(file, read.text) : undefined;
    return pkg && !('invalid' in pkg) ? pkg : undefined;
  });
}

interface NpmLock {
  text: string;
  lines: LineIndex;
  json: { packages?: Record<string, { version?: unknown }>; dependencies?: Record<string, { version?: unknown }> };
}

function readNpmLock(project: NpmRepo, file: string): NpmLock | undefined {
  return cached<NpmLock | undefined>(project, `lock:${file}`, () => {
    const read = project.fs.read(file);
    if (!read.ok) return undefined;
    try {
      const json: unknown = JSON.parse(read.text);
      return json && typeof json === 'object' ? { text: read.text, lines: new LineIndex(read.text), json: json as NpmLock['json'] } : undefined;
    } catch {
      return undefined;
    }
  });
}

function npmLock(project: NpmRepo, file: string, name: string): ToolVersion | undefined {
  const lock = readNpmLock(project, file);
  if (!lock) return undefined;
  const v2 = lock.json.packages?.[`node_modules/${name}`]?.version;
  const v1 = lock.json.dependencies?.[name]?.version;
  const version = typeof v2 === 'string' ? v2 : typeof v1 === 'string' ? v1 : undefined;
  if (version === undefined || !semver.valid(version)) return undefined;
  const needle = typeof v2 === 'string' ? `"node_modules/${name}"` : `"${name}"`;
  const index = Math.max(0, lock.text.indexOf(needle));
  return { spec: version, source: 'lockfile', at: { file, ...lock.lines.span(index, index + needle.length) }, label: file, floating: false };
}

function readPnpmLock(project: NpmRepo, file: string): YamlDocument | undefined {
  return cached<YamlDocument | undefined>(project, `lock:${file}`, () => {
    const read = project.fs.read(file);
    // pnpm lockfiles have no aliases; a large one has many nodes, so allow more than for CI files.
    return read.ok ? parseYaml(file, read.text, { maxExpandedNodes: 2_000_000 }) : undefined;
  });
}

function pnpmLock(project: NpmRepo, file: string, name: string, importers: string[]): ToolVersion | undefined {
  const root = readPnpmLock(project, file)?.root;
  if (!root?.isMap) return undefined;
  const found = (node: YNode | undefined, at: YNode | undefined): ToolVersion | undefined => {
    const written = node?.isMap ? node.get('version')?.text : node?.text;
    const version = written === undefined ? undefined : cutAtFirst(written, '(');
    if (version === undefined || !semver.valid(version) || !at) return undefined;
    return { spec: version, source: 'lockfile', at: locationOf(at, false), label: file, floating: false };
  };
  const sections = ['devDependencies', 'dependencies', 'optionalDependencies'];
  for (const importer of importers) {
    // Lockfiles without `importers` (no workspace) list the root's dependencies at the top level.
    const importerNode = root.get('importers')?.get(importer) ?? (importer === '.' ? root : undefined);
    for (const section of sections) {
      const entry = importerNode?.get(section)?.get(name);
      const hit = found(entry, entry);
      if (hit) return hit;
    }
  }
  // Not a direct dependency: the newest copy in `packages` (`name@1.2.3`, `/name@1.2.3`, `/name/1.2.3`).
  let best: ToolVersion | undefined;
  for (const entry of root.get('packages')?.entries() ?? []) {
    const key = cutAtFirst(entry.key?.replace(/^\//, '') ?? '', '(');
    const m = key.startsWith(`${name}@`) ? key.slice(name.length + 1) : key.startsWith(`${name}/`) ? key.slice(name.length + 1) : undefined;
    if (m === undefined || !semver.valid(m) || (best && semver.lte(m, best.spec))) continue;
    best = { spec: m, source: 'lockfile', at: locationOf(entry, false), label: file, floating: false };
  }
  return best;
}

interface YarnEntry {
  ranges: string[];
  version: string;
  offset: number;
  length: number;
}

/** yarn.lock entries for `name`, Yarn 1 (`name@^1:` / `  version "1.2.3"`) and Berry (`"name@npm:^1":` / `  version: 1.2.3`). */
function readYarnLock(project: NpmRepo, file: string): { lines: LineIndex; entries: Map<string, YarnEntry[]> } | undefined {
  return cached<{ lines: LineIndex; entries: Map<string, YarnEntry[]> } | undefined>(project, `lock:${file}`, () => {
    const read = project.fs.read(file);
    return read.ok ? { lines: new LineIndex(read.text), entries: parseYarnLock(read.text) } : undefined;
  });
}

function yarnLock(project: NpmRepo, file: string, name: string, dir: string): ToolVersion | undefined {
  const lock = readYarnLock(project, file);
  const entries = lock?.entries.get(name);
  if (!lock || !entries || entries.length === 0) return undefined;
  const declared = dependencyRange(project, name, dir)?.spec;
  const chosen =
    entries.find((e) => declared !== undefined && e.ranges.includes(declared)) ??
    [...entries].sort((a, b) => semver.rcompare(a.version, b.version))[0]!;
  const at = { file, ...lock.lines.span(chosen.offset, chosen.offset + chosen.length) };
  return { spec: chosen.version, source: 'lockfile', at, label: file, floating: false };
}

/** The entries of a yarn.lock text by package name, with the ranges each resolves. */
export function parseYarnLock(text: string): Map<string, YarnEntry[]> {
  const out = new Map<string, YarnEntry[]>();
  let current: { names: [string, string][]; offset: number; length: number } | undefined;
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const start = offset;
    offset += raw.length + 1;
    if (line === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = undefined;
      if (!line.endsWith(':') || line.startsWith('__metadata')) continue;
      const names: [string, string][] = [];
      for (const part of line.slice(0, -1).split(/,\s*/)) {
        const descriptor = part.trim().replace(/^"|"$/g, '');
        const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
        if (at > 0) names.push([descriptor.slice(0, at), descriptor.slice(at + 1).replace(/^npm:/, '')]);
      }
      current = { names, offset: start, length: line.length - 1 };
      continue;
    }
    const version = current && /^\s+version:?\s+"?([^"\s]+)"?\s*$/.exec(line)?.[1];
    if (!current || version === undefined || !semver.valid(version)) continue;
    for (const [name, range] of current.names) {
      const list = out.get(name) ?? [];
      const same = list.find((e) => e.offset === current!.offset);
      if (same) same.ranges.push(range);
      else list.push({ ranges: [range], version, offset: current.offset, length: current.length });
      out.set(name, list);
    }
    current = undefined;
  }
  return out;
}

/** A node's location: its value, or the entry with its key. */
export function locationOf(node: YNode, atValue: boolean): Location {
  return { file: node.file, ...(atValue ? node.span : node.anchorSpan) };
}
