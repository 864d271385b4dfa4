/**
 * The workspaces the npm CLI sees when it runs in a directory other than the repository root
 * (`cd npm && npm publish --workspaces`, `working-directory: npm`), for `--workspaces`/`-ws` and
 * `-w <name|dir>` (./targets.ts). npm (8+) takes as its local prefix the nearest directory at or
 * above where it runs that has a `package.json`; when that directory is a workspace of the
 * `package.json` of a directory above it (the nearest such one), that directory is the workspace
 * root and npm selects the one workspace it runs in (`--workspaces` publishes only it); else the
 * local prefix's own `workspaces`, its patterns relative to it; else npm fails ("No workspaces
 * found"). npm reads only `package.json` `workspaces` here, never `pnpm-workspace.yaml`.
 */
import { cleanRepoPath } from '../../fs/paths.js';
import type { PackageJson } from './package-json.js';
import { listsRoot, packagesFrom, workspaceMembers, workspacesAt, type ListDir, type PackageDiscovery, type WorkspacePackage } from './workspaces.js';

export interface NpmWorkspaceScope {
  /** The workspace packages of the workspace root npm finds. */
  packages: WorkspacePackage[];
  /** npm runs in one of them: `--workspaces` selects that one only. */
  implied?: WorkspacePackage;
  /**
   * Not certain: the directory has no `package.json` committed (npm would take one the job writes
   * there before a committed one above it), or the directory walk stopped at its bound.
   */
  guessed: boolean;
}

/** `a/b/c` → `a/b`, `a` → ``. */
function parentOf(dir: string): string {
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
}

/**
 * The workspaces npm sees when it runs in `dir` (see the file comment); undefined when it finds
 * none (npm fails) or the directory cannot be read. The root's are the discovered packages
 * (`discovery`), as a publish at the root reads them. `fixedPrefix`: npm was given its prefix
 * (`--prefix`/`-C`), which it takes as it is, without looking above it.
 */
export function npmWorkspaceScope(
  discovery: PackageDiscovery,
  list: ListDir,
  packageAt: (dir: string) => PackageJson | undefined,
  dir: string,
  fixedPrefix = false,
): NpmWorkspaceScope | undefined {
  const start = cleanRepoPath(dir);
  if (start === undefined) return undefined;
  if (fixedPrefix && start !== '') {
    const own = workspacesAt(list, start, packageAt);
    return own && { packages: own.packages, guessed: own.truncated };
  }
  let prefix = start;
  while (prefix !== '' && packageAt(prefix) === undefined) prefix = parentOf(prefix);
  const guessed = prefix !== start;
  if (prefix === '') return packageAt('') === undefined ? undefined : { packages: workspaceMembers(discovery, listsRoot(discovery, ['package.json'])), guessed: guessed || discovery.truncated };
  // The nearest directory above whose `workspaces` list the local prefix is the workspace root.
  for (let above = parentOf(prefix); ; above = parentOf(above)) {
    const members = above === '' ? (packagesFrom(discovery, 'package.json') ?? []) : workspacesAt(list, above, packageAt)?.packages;
    const implied = members?.find((p) => p.dir === prefix);
    if (members && implied) return { packages: members, implied, guessed };
    if (above === '') break;
  }
  const own = workspacesAt(list, prefix, packageAt);
  return own && { packages: own.packages, guessed: guessed || own.truncated };
}
