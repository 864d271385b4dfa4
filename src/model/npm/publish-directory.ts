/**
 * A package's `publishConfig.directory` under a tool that packs it (pnpm, lerna, `changeset publish`
 * running pnpm: `PUBLISH_DIRECTORY_TOOLS` in ../data/publish-tools.ts; docs/domain.md A.38): the
 * `package.json` sent is the one in that directory, not the package's own. The directory is usually
 * written by the build in the job (`"publishConfig": {"directory": "dist"}`), so, as for `npm publish
 * ./dist`, a package whose directory holds no committed package.json publishes something tp-doctor
 * cannot see; one whose directory holds a committed package.json publishes that one.
 *
 * The package's own manifest still decides which packages a workspace-wide publish picks (name,
 * version, `private`: pnpm's recursive publish and lerna read it) and whose lifecycle scripts run
 * (./lifecycle-scripts.ts reads the scripts when the command is recognised, not here).
 */
import { PUBLISH_DIRECTORY_TOOLS, PUBLISH_DIRECTORY_UNDER_PNPM } from '../data/publish-tools.js';
import type { PackageManager } from './package-manager.js';
import type { PublishMatch } from './publish-commands.js';
import type { ResolvedTargets } from './targets.js';
import { joinDir } from './value-targets.js';
import { isNamedTarget, type WorkspacePackage } from './workspaces.js';

/** True when the publish packs a package's `publishConfig.directory` (see the file comment). */
export function packsPublishDirectory(match: PublishMatch, packageManager: PackageManager | undefined, viaLerna = false): boolean {
  if (viaLerna || PUBLISH_DIRECTORY_TOOLS.has(match.tool)) return true;
  return packageManager === 'pnpm' && PUBLISH_DIRECTORY_UNDER_PNPM.has(match.tool);
}

/**
 * The directory a package's `publishConfig.directory` names, repository-relative; undefined without
 * one (absent, empty, not a string, the package's own). `null` when it names one tp-doctor cannot
 * place (a path leaving the repository, a `~` or `$`): its manifest is not in the files either.
 */
export function publishDirectoryOf(pkg: WorkspacePackage): string | undefined | null {
  const node = pkg.pkg.publishConfig?.get('directory');
  // `path.join(<package>, directory)`: a leading `/` is joined like a relative path.
  const value = node?.isScalar === true && typeof node.value === 'string' ? node.value.trim().replace(/^\/+/, '') : undefined;
  if (value === undefined || value === '' || value === '.' || value === './') return undefined;
  const dir = joinDir(pkg.dir, value);
  return dir === undefined || dir === pkg.dir ? (dir === undefined ? null : undefined) : dir;
}

/**
 * The targets with each package that has a `publishConfig.directory` replaced by the package.json
 * committed in that directory (`atDir`), or left out when none is: single targets whose every
 * manifest is left out, and workspace-wide ones whose every package is, become unknown targets
 * without a candidate (something built in the job is published); the candidates of unknown targets
 * are replaced the same way. `directory` stays where the command runs (its configuration is read
 * there).
 */
export function withPublishDirectories(resolved: ResolvedTargets, atDir: (dir: string) => WorkspacePackage[]): ResolvedTargets {
  const { targets } = resolved;
  const all = [...targets.packages, ...targets.candidates, ...(targets.manifests ?? [])];
  if (!all.some((p) => publishDirectoryOf(p) !== undefined)) return resolved;
  const swap = (list: readonly WorkspacePackage[]): WorkspacePackage[] => list.flatMap((p) => {
    const dir = publishDirectoryOf(p);
    if (dir === undefined) return [p];
    return dir === null ? [] : atDir(dir);
  });
  if (targets.kind === 'unknown') return { ...resolved, targets: { ...targets, candidates: swap(targets.candidates) } };
  const packages = swap(targets.packages).filter(isNamedTarget);
  const manifests = targets.manifests === undefined ? undefined : swap(targets.manifests);
  const seen = targets.kind === 'single' && manifests !== undefined ? manifests.length > 0 : packages.length > 0;
  if (!seen) return { ...resolved, targets: { kind: 'unknown', packages: [], candidates: [] } };
  return { ...resolved, targets: { ...targets, packages, ...(manifests !== undefined ? { manifests } : {}) } };
}
