/**
 * multi-semantic-release runs semantic-release in each workspace package's directory, so a package
 * with a semantic-release configuration of its own (`packages/b/.releaserc.json`, its package.json
 * `release`) runs that configuration: one whose plugins certainly leave @semantic-release/npm out
 * (or set `npmPublish: false`) publishes nothing to npm (survey800b F3, BitGo/BitGoWASM: a package
 * released to Maven by `@semantic-release/exec`). A package without a configuration of its own, or
 * with one tp-doctor cannot read, keeps the root's reading.
 */
import { semanticReleaseSkipsNpm } from './semantic-release-config.js';
import { semanticReleaseConfigIn, type ToolConfigFiles } from './tool-config.js';
import type { WorkspacePackage } from './workspaces.js';

/** For multi-semantic-release (`recognizer`), the packages whose own configuration does not certainly skip npm; others as given. */
export function msrPublishingPackages(recognizer: string, files: ToolConfigFiles | undefined, packages: readonly WorkspacePackage[]): WorkspacePackage[] {
  if (recognizer !== 'multi-semantic-release' || files === undefined) return [...packages];
  return packages.filter((p) => {
    if (p.dir === '') return true;
    const own = semanticReleaseConfigIn(files, p.dir);
    if (own === undefined || !own.file.startsWith(`${p.dir}/`)) return true;
    return semanticReleaseSkipsNpm(files, p.dir) !== true;
  });
}
