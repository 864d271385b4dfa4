/**
 * The packages changesets finds when it runs in a directory below the repository root
 * (changesets/action `cwd: packages/sdk`, `cd packages/sdk && changeset publish`): changesets 2
 * reads them with @manypkg/get-packages, whose @manypkg/find-root takes the nearest directory at or
 * above where it runs that is a monorepo root (its package.json declares `workspaces`, or it holds
 * a pnpm-workspace.yaml, the two in that order) and reads that root's workspace patterns, relative
 * to it. A root found at the repository root is the discovery's (./workspaces.ts).
 */
import { cleanRepoPath } from '../../fs/paths.js';
import type { PackageJson } from './package-json.js';
import { inDir, type ToolConfigFiles } from './tool-config.js';
import { patternPackagesAt, type ListDir, type WorkspacePackage } from './workspaces.js';

export interface ChangesetsRootInput {
  packageAt(dir: string): PackageJson | undefined;
  list?: ListDir;
  toolConfig?: ToolConfigFiles;
}

/** `a/b/c` → `a/b`, `a` → ``. */
function parentOf(dir: string): string {
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
}

/** The `packages:` patterns of the pnpm-workspace.yaml in `dir`, undefined without one. */
function pnpmPatterns(files: ToolConfigFiles, dir: string): string[] | undefined {
  const root = files.yaml(inDir(dir, 'pnpm-workspace.yaml'));
  if (root === undefined) return undefined;
  return (root.get('packages')?.items() ?? []).flatMap((item) => (item.text === undefined ? [] : [item.text]));
}

/**
 * The workspace packages changesets publishes from when it runs in `dir` (a workspace-wide tool's
 * `changesets` publish): those of the nearest monorepo root below the repository root at or above
 * `dir`; undefined when there is none (the repository root's, the discovery's, apply), for another
 * tool, or when the directory cannot be listed.
 */
export function changesetsRootPackages(input: ChangesetsRootInput, tool: string, dir: string): WorkspacePackage[] | undefined {
  const start = tool === 'changesets' ? cleanRepoPath(dir) : undefined;
  const { list, toolConfig } = input;
  if (start === undefined || list === undefined) return undefined;
  // Each turn drops one path segment: the walk ends at the root.
  for (let at = start; at !== ''; at = parentOf(at)) {
    const declared = input.packageAt(at)?.workspaces ?? [];
    const patterns = declared.length > 0 ? declared : toolConfig && pnpmPatterns(toolConfig, at);
    if (patterns === undefined) continue;
    // Its workspace packages, not the monorepo root itself (get-packages returns that apart).
    return patternPackagesAt(list, at, patterns, input.packageAt)?.packages;
  }
  return undefined;
}
