/**
 * Which publishes a token line a job's script writes reaches, on GitHub, GitLab and CircleCI
 * (./npm/token-reach.ts `tokenWriteMiss`, docs/domain.md A.42): the one reading for
 * no-long-lived-token's write findings and the token fallback (./token-fallback.ts), as the
 * registry lines are read (`keptWrites`, `writtenProjectDir`, `envUserConfigs`).
 */
import type { ProjectFacts } from './facts.js';
import type { GithubSite, Step } from './github/types.js';
import { stepDirectory } from './github/steps.js';
import type { GitlabJob, GitlabSite } from './gitlab/types.js';
import { shellScripts } from './gitlab/publishes.js';
import type { CircleJob, CircleStep, CircleciSite } from './circleci/types.js';
import { circleStepDirectory } from './circleci/checkout-dir.js';
import { registrySubjects } from './npm/registry.js';
import { userConfigFiles } from './npm/user-config.js';
import { tokenWriteMiss, type TokenMiss, type TokenReader, type TokenShell } from './npm/token-reach.js';
import type { TokenWrite } from './npm/tokens.js';
import type { PublishSite } from './publish.js';

/** The files a publish reads as npm's user configuration (`SiteBase.userConfig`, ./npm/user-config.ts), the one question of every provider. */
export function siteUserConfigs(site: PublishSite): string[] {
  return userConfigFiles(site.userConfig);
}

/** Those of every site (`TokenWriteOptions.userConfigs`: a line echoed into one of them is a token write). */
export function userConfigsOf(sites: readonly PublishSite[]): string[] {
  return [...new Set(sites.flatMap(siteUserConfigs))];
}

/**
 * The directories whose project `.npmrc` a publish reads: its directory's (`ProjectFacts.npmrcDirs`),
 * else those of every package it publishes; undefined when tp-doctor cannot tell (every one counts).
 */
function readDirs(site: PublishSite, facts: ProjectFacts): string[] | undefined {
  if (site.directory !== undefined) return facts.npmrcDirs(site);
  if (site.targets.kind === 'unknown') return undefined;
  const subjects = registrySubjects(site.targets);
  return subjects.length === 0 ? undefined : [...new Set(subjects.flatMap((p) => facts.npmrcDirs(site, p.dir)))];
}

/** Of `sites`, those `write` reaches, with why it misses each of the others (`misses`, in the order of `sites`). */
function reached<S extends PublishSite>(write: TokenWrite, text: string, shell: TokenShell, sites: readonly S[], facts: ProjectFacts, limit: (site: S) => number): { sites: S[]; misses: TokenMiss[] } {
  const out: S[] = [];
  const misses: TokenMiss[] = [];
  for (const site of sites) {
    const reader: TokenReader = { limit: limit(site), dirs: readDirs(site, facts), userConfig: site.userConfig };
    const miss = tokenWriteMiss(write, text, shell, reader);
    if (miss === undefined) out.push(site);
    else misses.push(miss);
  }
  return { sites: out, misses };
}

/** Of `sites`, the GitHub publishes a token line of `step`'s `run:` reaches. */
export function githubWriteReach(step: Step, write: TokenWrite, sites: readonly GithubSite[], facts: ProjectFacts): { sites: GithubSite[]; misses: TokenMiss[] } {
  const text = step.run?.text ?? '';
  const limit = (s: GithubSite): number => (s.step === step && s.publish.viaAction === undefined ? s.publish.match.offset : Infinity);
  return reached(write, text, { text, offset: 0, start: stepDirectory(step) }, sites, facts, limit);
}

/** Of `sites`, the GitLab publishes a token line of script line `index` reaches (the job's shell read from the repository root). */
export function gitlabWriteReach(job: GitlabJob, index: number, write: TokenWrite, sites: readonly GitlabSite[], facts: ProjectFacts): { sites: GitlabSite[]; misses: TokenMiss[] } {
  const line = job.scripts[index];
  if (line === undefined) return { sites: [...sites], misses: [] };
  const shells = shellScripts(job);
  const shell = shells[index] ?? { text: line.text, offset: 0 };
  // A publish in the same shell: the resets before it; one in another shell (`after_script`): every one.
  const limit = (s: GitlabSite): number => {
    const own = s.line < 0 ? undefined : shells[s.line];
    return own !== undefined && own.text === shell.text ? own.offset + s.publish.match.offset : Infinity;
  };
  return reached(write, line.text, { ...shell, start: '' }, sites, facts, limit);
}

/** Of `sites`, the CircleCI publishes a token line of `step`'s `run` command reaches. */
export function circleWriteReach(job: CircleJob, step: CircleStep, write: TokenWrite, sites: readonly CircleciSite[], facts: ProjectFacts): { sites: CircleciSite[]; misses: TokenMiss[] } {
  const text = step.run?.command.text ?? '';
  const limit = (s: CircleciSite): number => (s.step === step && s.publish.match.via.length === 0 ? s.publish.match.offset : Infinity);
  return reached(write, text, { text, offset: 0, start: circleStepDirectory(job, step) }, sites, facts, limit);
}
