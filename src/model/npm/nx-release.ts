/**
 * The projects Nx Release publishes (`nx release`, `nx release publish`): nx.json's
 * `release.projects` (`["transloco", "transloco-locale"]`, `tag:npm`, `*-plugin`, `packages/*`),
 * else the union of `release.groups.*.projects`, matched against the Nx projects
 * (./nx-projects.ts) as Nx's `findMatchingProjects` matches them: `*` is every project; an
 * exact project name; `tag:`, `name:` and `directory:` labels; an unlabelled pattern is a name, or
 * a glob of names when it has one of `*|{}()`, and otherwise (or when no name matched) a glob of
 * project roots; `!` excludes, after every inclusion. A command line's `--projects`/`-p` and
 * `--groups`/`-g` narrow them (`nxCommandPackages`: survey800a M3).
 */
import { compileGlobs } from '../../fs/globs.js';
import type { YNode } from '../../yaml/parse.js';
import type { NxProject } from './nx-projects.js';
import { valueOptions } from './shell-words.js';
import type { NxReleaseFacts, WorkspacePackage } from './workspaces.js';

const NAME_GLOB = /[*|{}()]/;
const LABELS = new Set(['name', 'tag', 'directory']);

/** The patterns of nx.json `release` (`projects`, else every group's); undefined when it names none. */
export function nxReleasePatterns(release: YNode | undefined): string[] | undefined {
  const list = (node: YNode | undefined): string[] | undefined => (node?.isSeq || node?.isScalar ? node.texts() : undefined);
  const own = list(release?.get('projects'));
  if (own !== undefined) return own;
  const groups = release?.get('groups');
  if (!groups?.isMap) return undefined;
  const all = groups.entries().flatMap((g) => list(g.get('projects')) ?? []);
  return all.length > 0 ? all : undefined;
}

/** nx.json `release.groups`: each group's project patterns, by group name. */
export function nxReleaseGroups(release: YNode | undefined): Map<string, string[]> {
  const groups = release?.get('groups');
  const byName = new Map<string, string[]>();
  if (!groups?.isMap) return byName;
  for (const group of groups.entries()) {
    const projects = group.get('projects');
    if (group.key !== undefined && (projects?.isSeq || projects?.isScalar)) byName.set(group.key, projects.texts());
  }
  return byName;
}

/**
 * The values of an option of an `nx release` command line (`--projects=a,b`, `--projects a`,
 * `-p a`, repeated), split at commas and spaces as Nx's `parseCSV` splits them; undefined when the
 * option is absent or a value holds a shell expansion tp-doctor cannot read.
 */
export function nxOptionValues(args: readonly string[], long: string, short: string): string[] | undefined {
  const values = valueOptions(args, long, short);
  if (values.some((value) => /[$`]/.test(value))) return undefined;
  const split = values.flatMap((value) => value.split(/[\s,]+/).filter((v) => v !== ''));
  return split.length > 0 ? split : undefined;
}

/**
 * The packages of `packages` (those Nx Release may publish) that an `nx release` command line's
 * `--groups` and `--projects` keep: Nx filters its release groups by them, so a package outside
 * the matched projects is not published. All of `packages` when the command names neither, when
 * a value cannot be read, when the Nx projects are unknown, or when nothing would be left (a
 * selector tp-doctor matched differently from Nx: the earlier answer stands).
 */
export function nxCommandPackages(args: readonly string[], packages: readonly WorkspacePackage[], nx: NxReleaseFacts | undefined): WorkspacePackage[] {
  const projects = nxOptionValues(args, '--projects', '-p');
  const groups = nxOptionValues(args, '--groups', '-g');
  if (nx === undefined || (projects === undefined && groups === undefined)) return [...packages];
  let kept: readonly WorkspacePackage[] = packages;
  if (groups !== undefined) {
    const patterns = groups.flatMap((g) => nx.groups.get(g) ?? []);
    const dirs = new Set(nxReleaseProjects(patterns, nx.projects).map((p) => p.dir));
    kept = kept.filter((p) => dirs.has(p.dir));
  }
  if (projects !== undefined) {
    const dirs = new Set(nxReleaseProjects(projects, nx.projects).map((p) => p.dir));
    kept = kept.filter((p) => dirs.has(p.dir));
  }
  return [...(kept.length > 0 ? kept : packages)];
}

/** The projects the patterns select, in the projects' order. */
export function nxReleaseProjects(patterns: readonly string[], projects: readonly NxProject[]): NxProject[] {
  const byName = new Map(projects.map((p) => [p.config.name, p]));
  const selected = new Set<NxProject>();
  const excluded = new Set<NxProject>();
  for (const raw of patterns) {
    const exclude = raw.startsWith('!');
    const { type, value } = parsePattern(exclude ? raw.slice(1) : raw, byName);
    const into = exclude ? excluded : selected;
    const found = value === '*' ? [...projects] : matching(type, value, projects, byName);
    for (const p of found) into.add(p);
  }
  return projects.filter((p) => selected.has(p) && !excluded.has(p));
}

function parsePattern(pattern: string, byName: ReadonlyMap<string, NxProject>): { type: string; value: string } {
  const colon = pattern.indexOf(':');
  if (byName.has(pattern) || colon === -1) return { type: byName.has(pattern) ? 'name' : 'unlabeled', value: pattern };
  const label = pattern.slice(0, colon);
  return LABELS.has(label) ? { type: label, value: pattern.slice(colon + 1) } : { type: 'unlabeled', value: pattern.slice(colon + 1) };
}

function matching(type: string, value: string, projects: readonly NxProject[], byName: ReadonlyMap<string, NxProject>): NxProject[] {
  const match = compileGlobs([value], { dot: false });
  const glob = (items: readonly string[]): boolean => items.some((item) => item === value || match(item));
  const named = (): NxProject[] => {
    const exact = byName.get(value);
    if (exact) return [exact];
    return NAME_GLOB.test(value) ? projects.filter((p) => glob([p.config.name])) : [];
  };
  const inDirectory = (): NxProject[] => projects.filter((p) => glob([p.dir]));
  if (type === 'tag') return projects.filter((p) => (p.config.tags ?? []).includes(value) || (NAME_GLOB.test(value) && glob(p.config.tags ?? [])));
  if (type === 'name') return named();
  if (type === 'directory') return inDirectory();
  const byNames = named();
  return byNames.length > 0 ? byNames : inDirectory();
}
