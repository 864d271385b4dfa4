/**
 * Whether a GitLab publishing job forces provenance on or switches it off, and where that is
 * written. npm reads, from strongest to weakest: the command line (`--provenance`,
 * `--no-provenance`), `npm_config_provenance` from the environment (any case: the publish's own
 * shell first, `ProvenanceSwitch` `commandEnv`, then the job's `variables:`), the project
 * `.npmrc` the publish reads (`ProjectFacts.npmrcDirsRead`). The environment counts only for a
 * publish that surely runs the npm CLI (`runsNpmCliSurely`): Yarn Berry reads its own
 * `npmPublishProvenance`, pnpm 11 its own settings (docs/domain.md A.13); `publishConfig.provenance: true` in package.json also forces it (docs/domain.md §1.10: a
 * `false` there does not switch automatic provenance off).
 */
import type { ReportTarget } from '../../src/engine/define-rule.js';
import type { GitlabJob, GitlabSite } from '../../src/model/gitlab/types.js';
import type { ProjectFacts } from '../../src/model/facts.js';
import { runsNpmCliSurely } from '../../src/model/npm/npm-cli.js';
import type { NpmRepo } from '../../src/model/npm/repo.js';
import { npmrcGet } from '../../src/model/npm/npmrc.js';
import type { PackageJson } from '../../src/model/npm/package-json.js';

export interface ProvenanceSetting {
  value: boolean;
  /** How it is set, for messages: "`--provenance`", "`NPM_CONFIG_PROVENANCE: "true"`"... */
  how: string;
  at: ReportTarget;
  atValue: boolean;
}

function bool(text: string | undefined): boolean | undefined {
  const v = text?.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

export function provenanceSetting(job: GitlabJob, facts: ProjectFacts, project: NpmRepo, root: PackageJson | undefined): ProvenanceSetting | undefined {
  for (const p of job.publishes) {
    const flag = p.match.flags.provenance;
    if (flag !== undefined) return { value: flag, how: flag ? '`--provenance`' : '`--no-provenance`', at: p.location, atValue: false };
  }
  // Set in the publish's own shell (on the command, by a package.json script, exported earlier): over the job's `variables:` (the model's `commandEnv` switch).
  const sites = facts.trustedSites(job);
  const npmCli = (site: GitlabSite): boolean => runsNpmCliSurely(project, site.publish, () => facts.textsBefore(site), site.directory ?? '');
  const shell = facts.provenanceSwitches.find((s) => s.kind === 'commandEnv' && s.site.provider === 'gitlab' && s.site.job === job && npmCli(s.site));
  if (shell?.kind === 'commandEnv') return { value: shell.value, how: shell.source, at: shell.location, atValue: false };
  // The job's `variables:` reach every publish in it: they count when one of them runs the npm CLI.
  for (const variable of sites.some(npmCli) ? job.variables.values() : []) {
    if (variable.name.toLowerCase() !== 'npm_config_provenance') continue;
    const value = bool(variable.value);
    if (value === undefined) continue;
    return { value, how: `\`${variable.name}: "${value}"\``, at: variable.valueNode ?? variable.origin.node, atValue: variable.valueNode !== undefined };
  }
  // The project `.npmrc` files the job's publishes read, as their registry decision does (the npm
  // CLI reads its local prefix's only, other tools their directory's and the root's).
  const dirs = sites.length === 0 ? [''] : [...new Set(sites.flatMap((site) => facts.npmrcDirsRead(site)))];
  for (const dir of dirs) {
    const npmrc = facts.npmrc(dir);
    const rc = npmrcGet(npmrc, 'provenance');
    const rcValue = bool(rc?.value);
    if (npmrc && rc && rcValue !== undefined) return { value: rcValue, how: `\`provenance=${rcValue}\` in ${npmrc.file}`, at: rc.valueLocation, atValue: false };
  }
  const pc = root?.publishConfig?.get('provenance');
  if (pc && pc.value === true) return { value: true, how: '`publishConfig.provenance: true` in package.json', at: pc, atValue: true };
  return undefined;
}
