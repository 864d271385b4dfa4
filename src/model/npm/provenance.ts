/**
 * Where provenance is switched on or off for a publish (DOMAIN 1.10). npm reads `provenance` from
 * the command line (`--provenance`, `--no-provenance`), the environment (`NPM_CONFIG_PROVENANCE`)
 * and `.npmrc`; after a successful OIDC exchange it turns provenance on by itself when that setting
 * is still at its default and the repository is public. `publishConfig.provenance` is applied after
 * that decision: `true` still forces provenance, `false` does not prevent the automatic one.
 */
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import type { Project } from '../project.js';
import { readNpmrc, npmrcGet, type NpmrcEntry } from './npmrc.js';
import { envFor } from './registry.js';
import { discoverPackages, publishSites, type PublishSite, type WorkspacePackage } from './workspaces.js';

export type ProvenanceSwitch =
  | { kind: 'flag'; value: boolean; site: PublishSite; location: Location }
  | { kind: 'env'; value: boolean; site: PublishSite; node: YNode }
  | { kind: 'npmrc'; value: boolean; dir: string; entry: NpmrcEntry }
  | { kind: 'publishConfig'; value: boolean; pkg: WorkspacePackage; node: YNode };

function bool(text: string | undefined): boolean | undefined {
  const t = text?.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

const cache = new WeakMap<Project, ProvenanceSwitch[]>();

/** Every explicit provenance setting in the repository. Cached per project. */
export function provenanceSwitches(project: Project): ProvenanceSwitch[] {
  const cached = cache.get(project);
  if (cached) return cached;
  const out: ProvenanceSwitch[] = [];
  const seenEnv = new Set<YNode>();
  for (const site of publishSites(project)) {
    const flag = site.publish.match.flags.provenance;
    if (flag !== undefined) out.push({ kind: 'flag', value: flag, site, location: site.publish.location });
    const env = envFor(site.step, 'npm_config_provenance');
    const value = bool(env?.value);
    if (env && value !== undefined && !seenEnv.has(env.node)) {
      seenEnv.add(env.node);
      out.push({ kind: 'env', value, site, node: env.node });
    }
  }
  const packages = discoverPackages(project).packages;
  for (const dir of new Set(['', ...packages.map((p) => p.dir)])) {
    const entry = npmrcGet(readNpmrc(project.fs, dir), 'provenance');
    const value = bool(entry?.value);
    if (entry && value !== undefined) out.push({ kind: 'npmrc', value, dir, entry });
  }
  for (const pkg of packages) {
    const node = pkg.pkg.publishConfig?.get('provenance');
    const value = typeof node?.value === 'boolean' ? node.value : bool(node?.text);
    if (node && value !== undefined) out.push({ kind: 'publishConfig', value, pkg, node });
  }
  cache.set(project, out);
  return out;
}

/** The switches that apply to a package: its own publishConfig and `.npmrc`, the root `.npmrc`, and the commands that publish it. */
export function switchesFor(project: Project, pkg: WorkspacePackage): ProvenanceSwitch[] {
  return provenanceSwitches(project).filter((s) => {
    switch (s.kind) {
      case 'publishConfig':
        return s.pkg.dir === pkg.dir;
      case 'npmrc':
        return s.dir === '' || s.dir === pkg.dir;
      default:
        return publishes(s.site, pkg);
    }
  });
}

/** True when the site publishes the package, or may (its targets are unknown). */
export function publishes(site: PublishSite, pkg: WorkspacePackage): boolean {
  return site.targets.kind === 'unknown' || site.targets.packages.some((p) => p.dir === pkg.dir);
}
