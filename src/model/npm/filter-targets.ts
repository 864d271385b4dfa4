/**
 * Which workspace packages a pnpm `--filter` selection picks (./targets.ts): `filterSelect` for
 * the selectors it can read, `filterCandidates` for those holding a shell value.
 */
import { compileGlobs } from '../../fs/globs.js';
import { filterValueCandidates, joinDir } from './value-targets.js';
import type { PackageDiscovery, WorkspacePackage } from './workspaces.js';

/**
 * Packages a pnpm `--filter` selector picks: a name or name glob, `./dir` or `{dir}` (a directory
 * glob), with `...` and `^` (dependencies, dependents) dropped, which can only add packages. A
 * git-range selector (`[origin/main]`) is undefined: unknown.
 */
export function filterSelect(discovery: PackageDiscovery, base: string, selectors: readonly string[]): WorkspacePackage[] | undefined {
  const include = new Set<WorkspacePackage>();
  const exclude = new Set<WorkspacePackage>();
  for (const raw of selectors) {
    let sel = raw.trim();
    const negate = sel.startsWith('!');
    if (negate) sel = sel.slice(1);
    if (sel.includes('[') || sel.includes('$')) return undefined;
    sel = sel.replace(/^\.\.\.\^?/, '').replace(/\^?\.\.\.$/, '');
    let picked: WorkspacePackage[];
    const dirSel = /^\{(.+)\}$/.exec(sel)?.[1] ?? (sel.startsWith('.') || sel.startsWith('/') ? sel : undefined);
    if (dirSel !== undefined) {
      const dir = joinDir(base, dirSel.replace(/^\.\//, ''));
      if (dir === undefined) return undefined;
      const matches = compileGlobs([dir], { dot: false });
      picked = discovery.packages.filter((p) => !p.isRoot && (p.dir === dir || matches(p.dir)));
    } else {
      const matches = compileGlobs([sel], { dot: true });
      picked = discovery.packages.filter((p) => p.name !== undefined && matches(p.name));
    }
    for (const p of picked) (negate ? exclude : include).add(p);
  }
  if (include.size === 0 && exclude.size > 0) for (const p of discovery.packages) if (!p.isRoot) include.add(p);
  return [...include].filter((p) => !exclude.has(p));
}

/**
 * What `--filter` values that filterSelect cannot read may select: the union of what each selects,
 * a value holding a shell value bounded by its literal start (value-targets.ts
 * `filterValueCandidates`); exclusions (`!a`) only take away. Undefined (every package) when one
 * cannot be bounded, or when there is nothing but exclusions.
 */
export function filterCandidates(discovery: PackageDiscovery, base: string, selectors: readonly string[]): WorkspacePackage[] | undefined {
  const found = new Set<WorkspacePackage>();
  const included = selectors.filter((s) => !s.trim().startsWith('!') || /[$`]/.test(s));
  if (included.length === 0) return undefined;
  for (const sel of included) {
    const picked = /[$`]/.test(sel) ? filterValueCandidates(discovery.packages, base, sel) : filterSelect(discovery, base, [sel]);
    if (picked === undefined) return undefined;
    for (const p of picked) found.add(p);
  }
  return discovery.packages.filter((p) => found.has(p));
}
