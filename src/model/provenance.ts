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
import { publishEnvSetting } from './npm/registry-writes.js';
import { splitCommands } from './npm/shell.js';
import { shellVariableAt } from './npm/user-config.js';
import type { TextBefore } from './npm/tool-versions.js';
import type { WorkspacePackage } from './npm/workspaces.js';

export type ProvenanceSwitch =
  | { kind: 'flag'; value: boolean; site: PublishSite; location: Location }
  | { kind: 'env'; value: boolean; site: PublishSite; node: YNode }
  /**
   * `NPM_CONFIG_PROVENANCE` (any case) set in the shell of the publish itself, over the CI file's
   * environment: on the command (`NPM_CONFIG_PROVENANCE=true npm publish`, also after `env`), by a
   * `package.json` script on the way (`"release": "cross-env NPM_CONFIG_PROVENANCE=true npm
   * publish"`), or exported earlier in the same shell (`export NPM_CONFIG_PROVENANCE=true`).
   * `source` says which, for messages; reported at the publish command.
   */
  | { kind: 'commandEnv'; value: boolean; site: PublishSite; source: string; location: Location }
  /** `readBy`: the publishes that read this `.npmrc` whatever they publish (`ProjectFacts.npmrcDirsRead`). */
  | { kind: 'npmrc'; value: boolean; dir: string; entry: NpmrcEntry; readBy: PublishSite[] }
  | { kind: 'publishConfig'; value: boolean; pkg: WorkspacePackage; node: YNode };

function bool(text: string | undefined): boolean | undefined {
  const t = text?.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** The `NPM_CONFIG_PROVENANCE` a publish sees (step, job, workflow env; GitLab variables; CircleCI environment). */
function provenanceEnv(site: PublishSite): { value: string | undefined; node: YNode } | undefined {
  return siteEnv(site, 'npm_config_provenance');
}

const PROVENANCE_ENV = (name: string): boolean => name.toLowerCase() === 'npm_config_provenance';

/**
 * The publish's own shell before it (not earlier steps' shells: `TextBefore.earlierStep`), where an
 * `export NPM_CONFIG_PROVENANCE=…` reaches it, from `ProjectFacts.textsBefore`. Read only where the
 * step's (a GitLab job's lines') script names the variable at all, once per step or job: a block of
 * many publishes is not sliced for each.
 */
export function ownShellOf(textsBefore: (site: PublishSite) => readonly TextBefore[]): (site: PublishSite) => string | undefined {
  const names = new WeakMap<object, boolean>();
  const namesProvenance = (site: PublishSite): boolean => {
    const holder: object = site.provider === 'gitlab' ? site.job : site.step;
    let found = names.get(holder);
    if (found === undefined) {
      const texts = site.provider === 'gitlab' ? site.job.scripts.map((l) => l.text) : [(site.provider === 'github' ? site.step.run?.text : site.step.run?.command.text) ?? ''];
      found = texts.some((t) => /npm_config_provenance/i.test(t));
      names.set(holder, found);
    }
    return found;
  };
  return (site) => {
    if (!namesProvenance(site)) return undefined;
    const own = textsBefore(site).filter((t) => t.earlierStep !== true);
    return own.length === 0 ? undefined : own.map((t) => t.text).join('\n');
  };
}

/**
 * `NPM_CONFIG_PROVENANCE` as the publish's own shell sets it (the `commandEnv` switch): on the
 * command or in a `package.json` script on the way (the innermost wins), else exported earlier in
 * `shell`, the publish's own shell before it (a bare assignment counts only when the CI file's
 * environment already has the name: the shell then changes the exported variable).
 */
function shellProvenance(site: PublishSite, shell: string | undefined, inEnv: boolean): { value: boolean; source: string } | 'unknown' | undefined {
  const command = site.publish.viaAction !== undefined || site.publish.match.action ? undefined : splitCommands(site.publish.match.text)[0];
  const set = publishEnvSetting(command, site.publish.match.scriptEnv, PROVENANCE_ENV);
  const fromCommand = bool(set?.value);
  if (set && fromCommand !== undefined) return { value: fromCommand, source: `\`${set.name}=${set.value}\`${set.script === undefined ? ' on the command' : ` in the \`${set.script}\` script`}` };
  if (set) return 'unknown';
  if (shell === undefined || !/npm_config_provenance/i.test(shell)) return undefined;
  const own = shellVariableAt(shell, shell.length, 'npm_config_provenance');
  if (own === undefined) return undefined;
  // `unset NPM_CONFIG_PROVENANCE`: npm's default, as if nothing set it.
  if ('unset' in own) return 'unknown';
  if (!(own.exported || inEnv)) return undefined;
  const value = bool(own.value);
  return value === undefined ? 'unknown' : { value, source: `\`NPM_CONFIG_PROVENANCE=${own.value}\` earlier in its script` };
}

/**
 * Every explicit provenance setting in the repository: on the publish sites, in `.npmrc` files (the
 * root's, the packages', and those the publishes read: `npmrcDirsRead`), in `publishConfig`.
 */
export function collectProvenanceSwitches(
  sites: readonly PublishSite[],
  packages: readonly WorkspacePackage[],
  npmrc: (dir: string) => Npmrc | undefined,
  npmrcDirsRead: (site: PublishSite) => readonly string[],
  ownShell: (site: PublishSite) => string | undefined = () => undefined,
): ProvenanceSwitch[] {
  const out: ProvenanceSwitch[] = [];
  const seenEnv = new Set<YNode>();
  for (const site of sites) {
    const flag = site.publish.match.flags.provenance;
    if (flag !== undefined) out.push({ kind: 'flag', value: flag, site, location: site.publish.location });
    const env = provenanceEnv(site);
    // The publish's own shell sets it over the CI file's environment.
    const shell = shellProvenance(site, ownShell(site), env !== undefined);
    if (shell !== undefined) {
      // A value tp-doctor cannot read (`NPM_CONFIG_PROVENANCE=$X`, an `unset`) hides the CI file's: no switch.
      if (shell !== 'unknown') out.push({ kind: 'commandEnv', ...shell, site, location: site.publish.location });
      continue;
    }
    const value = bool(env?.value);
    if (env && value !== undefined && !seenEnv.has(env.node)) {
      seenEnv.add(env.node);
      out.push({ kind: 'env', value, site, node: env.node });
    }
  }
  const readBy = new Map<string, PublishSite[]>();
  for (const site of sites) {
    for (const dir of npmrcDirsRead(site)) {
      const list = readBy.get(dir);
      if (list) list.push(site);
      else readBy.set(dir, [site]);
    }
  }
  for (const dir of new Set(['', ...packages.map((p) => p.dir), ...readBy.keys()])) {
    const entry = npmrcGet(npmrc(dir), 'provenance');
    const value = bool(entry?.value);
    if (entry && value !== undefined) out.push({ kind: 'npmrc', value, dir, entry, readBy: readBy.get(dir) ?? [] });
  }
  for (const pkg of packages) {
    const node = pkg.pkg.publishConfig?.get('provenance');
    const value = typeof node?.value === 'boolean' ? node.value : bool(node?.text);
    if (node && value !== undefined) out.push({ kind: 'publishConfig', value, pkg, node });
  }
  return out;
}

/** How `switchesFor` asks the project about publishes. */
export interface SwitchContext {
  sites: readonly PublishSite[];
  publishes(site: PublishSite, pkg: WorkspacePackage): boolean;
  /** The project `.npmrc` directories a publish reads for the package in `pkgDir` (`ProjectFacts.npmrcDirs`). */
  npmrcDirs(site: PublishSite, pkgDir: string): readonly string[];
}

/**
 * The switches that apply to a package: its own publishConfig, the commands that publish it, and
 * the `.npmrc` files those commands read for it, as their registry decision does (the npm CLI its
 * local prefix's only, other tools their directory's and the root's). For a package no command is
 * seen publishing, its own `.npmrc` and the root's.
 */
export function switchesFor(all: readonly ProvenanceSwitch[], pkg: WorkspacePackage, ctx: SwitchContext): ProvenanceSwitch[] {
  const from = ctx.sites.filter((site) => ctx.publishes(site, pkg));
  const read = new Set(from.length === 0 ? ['', pkg.dir] : from.flatMap((site) => ctx.npmrcDirs(site, pkg.dir)));
  return all.filter((s) => {
    switch (s.kind) {
      case 'publishConfig':
        return s.pkg.dir === pkg.dir;
      case 'npmrc':
        return read.has(s.dir);
      default:
        return ctx.publishes(s.site, pkg);
    }
  });
}
