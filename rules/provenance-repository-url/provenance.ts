/**
 * What provenance-repository-url compares, per platform: whether npm will sign provenance for a
 * package published from GitHub Actions or from GitLab CI (docs/domain.md §1.10, §4), and the
 * repository that provenance will name. CircleCI never gets provenance (§0).
 */
import type { GithubPublisher, GitlabPublisher } from '../../src/config/types.js';
import type { CoveredPackage, ProjectFacts } from '../../src/model/facts.js';
import { exchangesByHand } from '../../src/model/manual-exchange.js';
import { normalizeRepositoryUrl, type RepositoryRef } from '../../src/model/npm/repository-url.js';
import { changesetsRunOf } from '../../src/model/npm/changesets.js';
import type { ProvenanceSwitch } from '../../src/model/provenance.js';
import { leastCertain, mostCertain, type Certainty, type PublishSite } from '../../src/model/publish.js';
import type { Project } from '../../src/model/project.js';
import type { GithubSite } from '../../src/model/github/types.js';
import { undecidedBesideFine, type UndecidedBeside } from '../../src/model/undecided-publish.js';

export type Platform = 'github' | 'gitlab';

/** The host provenance names, and the words messages use for the platform. */
export const PLATFORMS: Record<Platform, { host: string; name: string; checkout: string }> = {
  github: { host: 'github.com', name: 'GitHub', checkout: 'actions/checkout writes it' },
  gitlab: { host: 'gitlab.com', name: 'GitLab', checkout: "the GitLab runner's clone writes it" },
};

export const DECLARED = 'the trusted publisher in the tp-doctor config';
export const REMOTE = 'the git remote';
type Source = typeof DECLARED | typeof REMOTE | 'package.json';

/** `owner/repo` on GitHub; `group[/sub]/project` on GitLab. */
function isRepositoryPath(path: string, platform: Platform): boolean {
  const parts = path.split('/');
  const count = platform === 'github' ? parts.length === 2 : parts.length >= 2;
  return count && parts.every((p) => p !== '' && !/\s/.test(p));
}

function declaredPath(pkg: CoveredPackage, platform: Platform): string | undefined {
  if (platform === 'github') {
    return pkg.publishers.find((p): p is GithubPublisher => p.provider === 'github' && !p.inferred && isRepositoryPath(p.repository ?? '', 'github'))?.repository;
  }
  // npm supports gitlab.com only: a publisher of another host is publisher-config-valid's.
  const gitlab = (p: (typeof pkg.publishers)[number]): p is GitlabPublisher => p.provider === 'gitlab' && !p.inferred && (p.host ?? 'gitlab.com') === 'gitlab.com';
  return pkg.publishers.find((p): p is GitlabPublisher => gitlab(p) && isRepositoryPath(p.project ?? '', 'gitlab'))?.project;
}

/**
 * The repository provenance will name on the platform: a declared publisher's (GitHub
 * `repository`, GitLab `project`), else the git remote's; else the root package's (only good for
 * `missing`).
 */
export function expectedRepository(project: Project, pkg: CoveredPackage, platform: Platform): { ref: RepositoryRef; from: Source } | undefined {
  const host = PLATFORMS[platform].host;
  const declared = declaredPath(pkg, platform);
  if (declared) return { ref: { host, path: declared }, from: DECLARED };
  if (pkg.publishers.some((p) => !p.inferred)) return undefined; // another platform's publisher: checked for that platform
  const remote = project.gitRemote;
  if (remote?.host === host && isRepositoryPath(remote.path, platform)) return { ref: { host: remote.host, path: remote.path }, from: REMOTE };
  const root = project.packageJson?.repository?.url;
  const ref = root ? normalizeRepositoryUrl(root) : undefined;
  return ref?.host === host ? { ref, from: 'package.json' } : undefined;
}

/**
 * Whether a publish signs provenance by itself, and how surely: not `yarn npm publish`, nor a
 * `changeset publish` that runs it (@changesets/cli 3 in a Yarn 2+ repository, `changesets.ts`) or
 * stops (3 on Yarn 1); `likely` at most when the changesets major is unknown in a Yarn 2+ repository.
 * On GitLab only a job with a `SIGSTORE_ID_TOKEN` ID token (docs/domain.md §1.10, §4), and not one
 * that exchanges its ID token by hand (npm's own exchange, which turns provenance on, never runs).
 */
function automaticOn(ctx: { project: Project; facts: ProjectFacts }, site: PublishSite): Certainty | undefined {
  if (site.publish.match.tool === 'yarn-berry') return undefined;
  if (site.provider === 'gitlab' && (!site.job.idTokens?.tokens.has('SIGSTORE_ID_TOKEN') || exchangesByHand(ctx.facts, site))) return undefined;
  const runs = changesetsRunOf(ctx.project, site.publish, () => ctx.facts.textsBefore(site), site.directory ?? '')?.runs;
  if (runs === 'yarn-berry' || runs === 'yarn-classic') return undefined;
  return runs === 'npm-or-yarn-berry' ? leastCertain([site.certainty, 'likely']) : site.certainty;
}

/**
 * A switch written on a publish of another platform does not apply to this platform's publishes;
 * neither does an `.npmrc` that only another platform's publishes read.
 */
function appliesTo(s: ProvenanceSwitch, platform: Platform): boolean {
  switch (s.kind) {
    case 'flag':
    case 'env':
    case 'commandEnv':
      return s.site.provider === platform;
    case 'npmrc':
      return s.readBy.length === 0 || s.readBy.some((site) => site.provider === platform);
    default:
      return true;
  }
}

/**
 * Whether npm will sign provenance for the package when the platform publishes it, and how sure
 * that is: forced by a setting that applies to it, or automatic (a publish that is, or will be once
 * migrated, a trusted publish, provenance not switched off on the command line, in the environment
 * or in `.npmrc`; `publishConfig.provenance: false` does not count, docs/domain.md §1.10). Yarn
 * Berry does not sign provenance by itself. On GitLab only a publish seen in a GitLab job counts.
 */
export function getsProvenance(
  ctx: { project: Project; facts: ProjectFacts },
  pkg: CoveredPackage,
  platform: Platform,
  guessed?: readonly PublishSite[],
): { forced: boolean; certainty: Certainty; related?: UndecidedBeside['related'] } | undefined {
  // `guessed`: the guessed publishes that may send a package no publish surely sends (guessed-publish.ts).
  const sites = (guessed ?? ctx.facts.sitesPublishing(pkg)).filter((s) => s.provider === platform);
  if (platform === 'gitlab' && sites.length === 0) return undefined;
  // A guessed publish's own flags and environment apply to what it may send.
  const own = (s: ProvenanceSwitch): boolean => guessed !== undefined && (s.kind === 'flag' || s.kind === 'env' || s.kind === 'commandEnv') && guessed.includes(s.site);
  const switches = [...ctx.facts.provenanceFor(pkg), ...ctx.facts.provenanceSwitches.filter(own)].filter((s) => appliesTo(s, platform));
  // A package that is only a candidate of publishes whose targets are unknown
  // (`npm publish -w ${{ inputs.package }}`) may not be published at all: a warning at most. So is
  // one that only the runs dispatched with some values of a choice input publish (`chosen`).
  const candidateOnly = sites.length > 0 && (guessed !== undefined || sites.every((s) => s.targets.kind === 'unknown' || s.targets.chosen?.includes(pkg.dir) === true));
  const found = mostCertain(sites.map((s) => s.certainty)) ?? 'certain';
  const certainty = candidateOnly ? leastCertain([found, 'likely']) : found;
  const forcing = switches.filter((s) => s.value);
  if (forcing.length > 0) {
    // Forced only on GitHub publishes an `if:` tp-doctor cannot evaluate chooses, beside one that switches it off (A.66).
    const chosen = forcing.map((s) => (s.kind === 'flag' || s.kind === 'env' || s.kind === 'commandEnv') && s.site.provider === 'github' ? besideUnsigned(ctx.facts)(s.site) : undefined);
    if (chosen.every((c) => c !== undefined)) return { forced: true, certainty: leastCertain([certainty, 'likely']), related: chosen[0]!.related };
    return { forced: true, certainty };
  }
  if (switches.some((s) => s.kind !== 'publishConfig' && !s.value)) return undefined;
  if (pkg.publishers.length === 0) return undefined;
  const automatic = sites.flatMap((s) => automaticOn(ctx, s) ?? []);
  if (pkg.publishers.some((p) => !p.inferred)) return sites.length === 0 || automatic.length > 0 ? { forced: false, certainty: leastCertain([certainty, mostCertain(automatic) ?? certainty]) } : undefined;
  const automaticCertainty = mostCertain(automatic) ?? 'certain';
  return automatic.length > 0 ? { forced: false, certainty: candidateOnly ? leastCertain([automaticCertainty, 'likely']) : automaticCertainty } : undefined;
}

/** Per run (its facts): `undecidedBesideFine` over the GitHub publishes whose own command or environment switches provenance off. */
const unsignedBeside = new WeakMap<ProjectFacts, (site: GithubSite) => UndecidedBeside | undefined>();

function besideUnsigned(facts: ProjectFacts): (site: GithubSite) => UndecidedBeside | undefined {
  let ask = unsignedBeside.get(facts);
  if (!ask) {
    const off = new Set(facts.provenanceSwitches.flatMap((s) => ((s.kind === 'flag' || s.kind === 'env' || s.kind === 'commandEnv') && !s.value ? [s.site] : [])));
    ask = undecidedBesideFine((job) => facts.trustedSites(job), (site) => off.has(site));
    unsignedBeside.set(facts, ask);
  }
  return ask;
}
