/**
 * The npm CLI a publish runs through, and the first npm that can do it with an OIDC token
 * (data: `../data/npm-cli.ts`). Provider-neutral: the caller gives the pnpm major the job uses, and
 * what the tools that choose their own package manager run (`toolRunsOf`).
 */
import { semver } from '../core/semver.js';
import type { Location } from '../../yaml/span.js';
import { NPM_FIRST_OIDC, NPM_FIRST_STAGE } from '../data/node-releases.js';
import { NPM_CLI_USE } from '../data/npm-cli.js';
import { changesetsRunOf, type ChangesetsRun } from './changesets.js';
import { nxReleaseRun, nxRunsText, type NxReleaseRun } from './nx-publish.js';
import type { PublishMatch } from './publish-commands.js';
import { packageManagerOf, pinnedPnpmMajor, type PackageManager } from './package-manager.js';
import { leastCertain, type Certainty, type PublishCommand } from './publish-site.js';
import { releasePlanRunOf, type ReleasePlanRun } from './release-plan.js';
import type { NpmRepo } from './repo.js';
import { rushRunOf, type RushRun } from './rush.js';
import type { TextBefore } from './tool-versions.js';

export interface NpmCliPublish {
  /** How a diagnostic names the command, e.g. "npm publish" or "changeset publish (runs npm publish)". */
  command: string;
  /** The first npm that can do it with an OIDC token. */
  required: string;
  /**
   * The command is a guess whose tool is unknown (`npm run release` whose script tp-doctor cannot
   * read): the npm version matters only if it ends in `npm publish`, a possible publish at most.
   */
  possible?: true;
  /**
   * The tool may not run npm at all (`changeset publish` in a Yarn 2+ repository whose
   * @changesets/cli major is unknown: 3.x runs `yarn npm publish`): a finding is `likely` at most.
   */
  unsure?: true;
  /**
   * The tool runs an npm of its own, not the job's (Rush's rush.json `npmVersion`, installed under
   * common/temp): that version decides, whatever the job's Node bundles.
   */
  ownNpm?: { version: string; key: string; at: Location };
}

/** What the tools that pick their package manager themselves run, for one publish (`toolRunsOf`). */
export interface ToolRuns {
  /** `changeset publish` (`changesets.ts`; undefined: read as @changesets/cli 2). */
  changesets?: ChangesetsRun;
  /** `rush publish --publish` (`rush.ts`). */
  rush?: RushRun;
  /** `release-plan publish` (`release-plan.ts`). */
  releasePlan?: ReleasePlanRun;
  /**
   * A certain `auto shipit` (auto's npm plugin loaded: auto-config.ts): the plugin runs `npm publish`
   * with the npm on PATH, or `lerna publish` where a `lerna.json` is (its `isMonorepo`).
   */
  auto?: 'npm' | 'lerna';
  /** Nx Release's publish (`nx-publish.ts`). */
  nx?: NxReleaseRun;
}

/** `ToolRuns` for a publish: `before` gives the job's commands before it, `dir` the directory it runs in. */
export function toolRunsOf(project: NpmRepo, publish: PublishCommand, before: () => readonly TextBefore[], dir = ''): ToolRuns {
  const runs: ToolRuns = {};
  const changesets = changesetsRunOf(project, publish, before, dir);
  if (changesets) runs.changesets = changesets;
  const rush = rushRunOf(project, publish);
  if (rush) runs.rush = rush;
  const releasePlan = releasePlanRunOf(project, publish, dir);
  if (releasePlan) runs.releasePlan = releasePlan;
  if (publish.match.recognizer === 'nx-release') runs.nx = nxReleaseRunOf(project, publish, dir);
  if (publish.match.tool === 'auto' && publish.match.confidence === 'certain') runs.auto = project.facts.exists(dir === '' ? 'lerna.json' : `${dir}/lerna.json`) ? 'lerna' : 'npm';
  return runs;
}

/**
 * When the publish runs the npm CLI: how to name it and the npm it needs. `pnpmMajor` is the pnpm
 * major the job runs (undefined when unknown); `pm` the repository's package manager; `tools` what
 * the tools that choose their package manager run (`toolRunsOf`).
 */
export function npmCliPublish(match: PublishMatch, pm: PackageManager, pnpmMajor: number | undefined, tools: ToolRuns = {}): NpmCliPublish | undefined {
  const use = NPM_CLI_USE[match.recognizer];
  // A label that already says npm publishes (`napi pre-publish (runs npm publish)`, `npm publish (run by wasm-pack publish)`) is kept.
  const through = (label: string): NpmCliPublish => ({ command: label.endsWith('(runs npm publish)') || label.startsWith('npm publish (run by ') ? label : `${label} (runs npm publish)`, required: NPM_FIRST_OIDC });
  const viaPnpm = (label: string): NpmCliPublish | undefined =>
    pnpmMajor !== undefined && pnpmMajor <= 10 ? { command: `${label} (pnpm ${pnpmMajor} runs npm publish)`, required: NPM_FIRST_OIDC } : undefined;
  switch (use) {
    case 'stage':
      return { command: match.label, required: NPM_FIRST_STAGE };
    case 'npm':
      return match.recognizer === 'npm-publish' ? { command: match.label, required: NPM_FIRST_OIDC } : through(match.label);
    case 'npm-reported':
      return { ...through(match.label.replace(/ \(.*\)$/, '')), unsure: true };
    case 'pnpm':
      return viaPnpm(match.label);
    case 'changesets':
      return changesetsCli(match.label, pm, tools.changesets, through, viaPnpm);
    case 'np':
      return pm === 'npm' ? through(match.label) : undefined;
    case 'rush':
      return rushCli(match.label, tools.rush, through);
    case 'release-plan':
      return tools.releasePlan?.runs === 'pnpm' ? viaPnpm(match.label) : through(match.label);
    case 'nx-release':
      return nxCli(match.label, tools.nx, pnpmMajor);
    case 'guess':
      if (tools.auto !== undefined) return tools.auto === 'npm' ? through(match.label) : undefined;
      return { command: `${match.label.replace(/ \(.*\)$/, '')} (if it runs npm publish)`, required: NPM_FIRST_OIDC, possible: true };
    default:
      return undefined;
  }
}

/**
 * Whether a publish certainly runs the npm CLI (`npmCliPublish`, neither `possible` nor `unsure`),
 * so that npm's environment config (`npm_config_provenance` in any case) reaches the npm that
 * decides it. Yarn Berry reads its own settings (`npmPublishProvenance`), pnpm 11 publishes by
 * itself, and a pnpm whose major is not pinned may be either: an environment switch is then not
 * known to decide anything (docs/domain.md A.13). `before` and `dir` as for `toolRunsOf`.
 */
export function runsNpmCliSurely(project: NpmRepo, publish: PublishCommand, before: () => readonly TextBefore[], dir = ''): boolean {
  const cli = npmCliPublish(publish.match, packageManagerOf(project).name, pinnedPnpmMajor(project), toolRunsOf(project, publish, before, dir));
  return cli !== undefined && cli.possible !== true && cli.unsure !== true;
}

/**
 * How surely a publish goes through Yarn Berry (`yarn npm publish`), which sends a configured
 * `npmAuthToken` (`.yarnrc.yml`) instead of exchanging an OIDC token (docs/domain.md §1.7);
 * undefined when it does not: the npm CLI, pnpm and the other tools never read `.yarnrc.yml`.
 * `yarn npm publish` itself (also what semantic-release-yarn or MetaMask/action-npm-publish runs)
 * and @changesets/cli 3 on Yarn 2+ (`tools.changesets`) at the publish's certainty; a Yarn 2+
 * repository whose changesets major is unknown `likely` at most; a command tp-doctor cannot read,
 * or a publish guessed from a script's name, `possible` (it may end in `yarn npm publish`).
 */
export function yarnBerryPublish(match: PublishMatch, certainty: Certainty, tools: ToolRuns = {}): Certainty | undefined {
  if (match.tool === 'yarn-berry') return certainty;
  if (match.recognizer === 'changeset-publish') {
    const runs = tools.changesets?.runs;
    if (runs === 'yarn-berry') return certainty;
    return runs === 'npm-or-yarn-berry' ? leastCertain([certainty, 'likely']) : undefined;
  }
  if (match.recognizer === 'unread-command' || (NPM_CLI_USE[match.recognizer] === 'guess' && tools.auto === undefined)) return leastCertain([certainty, 'possible']);
  return undefined;
}

/**
 * What an Nx Release publish runs, for one publish: a target read as running `@nx/js:release-publish`
 * (`nx run app:nx-release-publish`, labelled `nx run …`) is not overridden by any project's target.
 */
export function nxReleaseRunOf(project: NpmRepo, publish: PublishCommand, dir = ''): NxReleaseRun {
  return nxReleaseRun(project, dir, publish.match.label.startsWith('nx run '));
}

/**
 * Nx Release (`nx-publish.ts`): `npm publish` (also after a `bun publish` that fails to
 * authenticate), `pnpm publish` with pnpm 10 and older; `likely` at most, as a project may
 * override the executor. Unknown: a guess, as before it was read.
 */
function nxCli(label: string, nx: NxReleaseRun | undefined, pnpmMajor: number | undefined): NpmCliPublish | undefined {
  const base = label.replace(/ \(.*\)$/, '');
  switch (nx?.runs) {
    case 'npm':
    case 'bun-then-npm':
      return { command: `${base} (${nxRunsText(nx)})`, required: NPM_FIRST_OIDC, unsure: true };
    case 'pnpm':
      return pnpmMajor !== undefined && pnpmMajor <= 10 ? { command: `${base} (Nx runs pnpm publish; pnpm ${pnpmMajor} runs npm publish)`, required: NPM_FIRST_OIDC, unsure: true } : undefined;
    case 'bun':
      return undefined;
    default:
      return { command: `${base} (if it runs npm publish)`, required: NPM_FIRST_OIDC, possible: true };
  }
}

function changesetsCli(
  label: string,
  pm: PackageManager,
  changesets: ChangesetsRun | undefined,
  through: (label: string) => NpmCliPublish,
  viaPnpm: (label: string) => NpmCliPublish | undefined,
): NpmCliPublish | undefined {
  if (pm === 'pnpm') return viaPnpm(label);
  // @changesets/cli 3 publishes with `yarn npm publish` on Yarn 2+ and stops on Yarn 1: no npm runs.
  if (changesets?.runs === 'yarn-berry' || changesets?.runs === 'yarn-classic') return undefined;
  if (changesets?.runs === 'npm-or-yarn-berry') return { command: `${label} (runs npm publish with @changesets/cli 2)`, required: NPM_FIRST_OIDC, unsure: true };
  return through(label);
}

/**
 * `rush publish --publish`: the pnpm of rush.json's `pnpmVersion` (pnpm 10 and older hand the
 * publish to the job's npm; 11 publishes itself), the npm of its `npmVersion` (its own, `ownNpm`),
 * the job's npm with Yarn; a rush.json tp-doctor cannot read leaves it a guess.
 */
function rushCli(label: string, rush: RushRun | undefined, through: (label: string) => NpmCliPublish): NpmCliPublish | undefined {
  switch (rush?.runs) {
    case 'pnpm': {
      const major = semver.coerce(rush.version)?.major;
      return major !== undefined && major <= 10 ? { command: `${label} (pnpm ${rush.version ?? ''} of rush.json runs npm publish)`, required: NPM_FIRST_OIDC } : undefined;
    }
    case 'npm': {
      const own = rush.version !== undefined && rush.key !== undefined && rush.at !== undefined ? { ownNpm: { version: rush.version, key: rush.key, at: rush.at } } : {};
      return { ...through(label), ...own };
    }
    case 'npm-on-path':
      return through(label);
    default:
      return { command: `${label} (if it runs npm publish)`, required: NPM_FIRST_OIDC, possible: true };
  }
}
