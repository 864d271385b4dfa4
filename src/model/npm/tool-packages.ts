/**
 * The packages a workspace-wide publish tool reads from its own configuration (lerna.json, nx.json,
 * rush.json, the workspaces changesets and release-plan read), and publib-npm's candidates without
 * example workspaces, for ./targets.ts.
 */
import { EXAMPLE_FOLDERS_NOT_PUBLISHED } from '../data/publish-tools.js';
import { nxCommandPackages } from './nx-release.js';
import type { PublishMatch } from './publish-commands.js';
import { listsRoot, packagesFrom, workspaceMembers, type PackageDiscovery, type WorkspacePackage, type WorkspaceSource } from './workspaces.js';

/**
 * The packages a workspace-wide tool reads from its own configuration, when it lists them: Lerna's
 * and Nx Release's (by directory glob, or by project name: `PackageDiscovery.nxRelease`); changesets 2 finds them with @manypkg/get-packages 1, the root package.json's
 * `workspaces` first, then pnpm-workspace.yaml (ts-rest/ts-rest lists only `libs/ts-rest/*` there,
 * and its examples only in pnpm-workspace.yaml). Rush's are rush.json's published projects;
 * release-plan's the workspace packages and the root (`getPackages` of its src/interdep.ts).
 */
export function toolPackagesOf(discovery: PackageDiscovery, match: PublishMatch): WorkspacePackage[] | undefined {
  const listed = listedPackagesOf(discovery, match.tool);
  // `nx release --projects a`: Nx keeps the matched projects of its release groups (without nx.json globs, of a monorepo's workspace members).
  const released = match.tool === 'nx' ? (listed ?? (discovery.isMonorepo ? workspaceMembers(discovery, listsRoot(discovery)) : undefined)) : undefined;
  if (released) return nxCommandPackages(match.args, released, discovery.nx);
  return listed ?? withoutExamples(discovery, match.tool);
}

/**
 * A monorepo's workspace packages for a tool of `EXAMPLE_FOLDERS_NOT_PUBLISHED` (publib-npm), without
 * those in its example folders; undefined for another tool, or when none is left out.
 */
function withoutExamples(discovery: PackageDiscovery, tool: string): WorkspacePackage[] | undefined {
  const rule = Object.hasOwn(EXAMPLE_FOLDERS_NOT_PUBLISHED, tool) ? EXAMPLE_FOLDERS_NOT_PUBLISHED[tool] : undefined;
  if (rule === undefined || !discovery.isMonorepo) return undefined;
  const members = workspaceMembers(discovery, listsRoot(discovery));
  const example = (p: WorkspacePackage): boolean =>
    !p.isRoot && rule.folders.includes(p.dir.split('/')[0] ?? '') && p.dir.includes('/') && rule.unlessFields.every((f) => p.pkg.root.get(f) === undefined);
  const kept = members.filter((p) => !example(p));
  return kept.length < members.length ? kept : undefined;
}

function listedPackagesOf(discovery: PackageDiscovery, recognized: string): WorkspacePackage[] | undefined {
  const tool = publishesWithLerna(discovery, recognized) ? 'lerna' : recognized;
  if (tool === 'rush' || tool === 'release-plan') return tool === 'rush' ? discovery.rush : discovery.packages;
  if (tool === 'nx' && discovery.nxRelease !== undefined) return discovery.nxRelease;
  const sources: readonly WorkspaceSource[] =
    tool === 'lerna' ? ['lerna.json'] : tool === 'nx' ? ['nx.json'] : tool === 'changesets' ? ['package.json', 'pnpm-workspace.yaml'] : [];
  // A source whose patterns list the root itself (`packages: ['./', 'tests/**']`, marcalexiei/biome-config) counts it too.
  return sources
    .map((source) => {
      const found = packagesFrom(discovery, source);
      return found && listsRoot(discovery, [source]) ? [...discovery.packages.filter((p) => p.isRoot), ...found] : found;
    })
    .find((found) => found !== undefined);
}

/**
 * `auto shipit` (`canary`, `next`, `latest`) where the root has a `lerna.json`: auto's npm plugin
 * takes the repository for a lerna monorepo (its `isMonorepo`: a `lerna.json` in the directory it
 * runs in) and publishes with `lerna publish`, so lerna's packages (survey910b M2, grafana/scenes).
 */
export function publishesWithLerna(discovery: PackageDiscovery, tool: string, dir = ''): boolean {
  return tool === 'auto' && dir === '' && discovery.lernaJson === true;
}
