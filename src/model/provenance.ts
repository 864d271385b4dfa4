/**
 * Where provenance is switched on or off for a publish (docs/domain.md §1.10). npm reads `provenance` from
 * the command line (`--provenance`, `--no-provenance`), the environment (`NPM_CONFIG_PROVENANCE`)
 * and `.npmrc`; after a successful OIDC exchange it turns provenance on by itself when that setting
 * is still at its default and the repository is public. `publishConfig.provenance` is applied after
 * that decision: `true` still forces provenance, `false` does not prevent the automatic one.
 */
import type { YNode } from '../yaml/parse.js';
import type { Location } from '../yaml/span.js';
import { siteEnv } from './sites.js';
import type { PublishSite } from './publish.js';
import { npmrcGet, type Npmrc, type NpmrcEntry } from './npm/npmrc.js';
import type { WorkspacePackage } from './npm/workspaces.js';

export type ProvenanceSwitch =
  | { kind: 'flag'; value: boolean; site: PublishSite; location: Location }
  | { kind: 'env'; value: boolean; site: PublishSite; node: YNode }
  | { kind: 'npmrc'; value: boolean; dir: string; entry: NpmrcEntry }
  | { kind: 'publishConfig'; value: boolean; pkg: WorkspacePackage; node: YNode };

function bool(text: string | undefined): boolean | undefined {
  const t = text?.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** The `NPM_CONFIG_PROVENANCE` a publish sees (step, job, workflow env; GitLab variables; CircleCI environment). */
function provenanceEnv(site: PublishSite): { value: string | undefined; node: YNode } | undefined {
  return siteEnv(site, 'npm_config_provenance');
}

/** Every explicit provenance setting in the repository: on the publish sites, in `.npmrc` files, in `publishConfig`. */
export function collectProvenanceSwitches(sites: readonly PublishSite[], packages: readonly WorkspacePackage[], npmrc: (dir: string) => Npmrc | undefined): ProvenanceSwitch[] {
  const out: ProvenanceSwitch[] = [];
  const seenEnv = new Set<YNode>();
  for (const site of sites) {
    const flag = site.publish.match.flags.provenance;
    if (flag !== undefined) out.push({ kind: 'flag', value: flag, site, location: site.publish.location });
    const env = provenanceEnv(site);
    const value = bool(env?.value);
    if (env && value !== undefined && !seenEnv.has(env.node)) {
      seenEnv.add(env.node);
      out.push({ kind: 'env', value, site, node: env.node });
    }
  }
  for (const dir of new Set(['', ...packages.map((p) => p.dir)])) {
    const entry = npmrcGet(npmrc(dir), 'provenance');
    const value = bool(entry?.value);
    if (entry && value !== undefined) out.push({ kind: 'npmrc', value, dir, entry });
  }
  for (const pkg of packages) {
    const node = pkg.pkg.publishConfig?.get('provenance');
    const value = typeof node?.value === 'boolean' ? node.value : bool(node?.text);
    if (node && value !== undefined) out.push({ kind: 'publishConfig', value, pkg, node });
  }
  return out;
}

/** The switches that apply to a package: its own publishConfig and `.npmrc`, the root `.npmrc`, and the commands that publish it. */
export function switchesFor(all: readonly ProvenanceSwitch[], pkg: WorkspacePackage, publishes: (site: PublishSite, pkg: WorkspacePackage) => boolean): ProvenanceSwitch[] {
  return all.filter((s) => {
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
