/**
 * The provider-neutral part of the publish facts (docs/domain.md §1, §5 and §6): how sure
 * tp-doctor is that a command publishes, the publish command, the registry decision and the packages
 * it publishes. Each provider's site type (`GithubSite` in `../github/types.ts`, `GitlabSite`,
 * `CircleciSite`) extends `SiteBase`; `../publish.ts` joins them into `PublishSite`.
 */
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import type { PackageJson } from './package-json.js';
import type { PackageManager } from './package-manager.js';
import type { PublishMatch } from './publish-commands.js';
import type { PackageDiscovery, WorkspacePackage } from './workspaces.js';
import type { NpmrcSwaps } from './npmrc-swaps.js';
import type { ToolConfigFiles } from './tool-config.js';
import type { ChangesetsRuns } from './changesets.js';
import type { UserConfig } from './user-config.js';

/**
 * How sure tp-doctor is that a command publishes to npm:
 * - `certain`: a recognised publish command (`npm publish`, `changeset publish`, an action);
 * - `likely`: a guess from a name (a `release` script that runs something unreadable);
 * - `possible`: a command tp-doctor cannot read (`./scripts/release.sh`) in a step that shows signs
 *   of an npm publish (a token, `registry-url`, `id-token: write`, "publish" in its words).
 * Findings that rest on a `likely` publish are at most warnings, on a `possible` one at most infos.
 */
export type Certainty = 'certain' | 'likely' | 'possible';

export const CERTAINTY_RANK: Readonly<Record<Certainty, number>> = { possible: 0, likely: 1, certain: 2 };

/** The least certain of several certainties (`certain` for none). */
export function leastCertain(values: Iterable<Certainty>): Certainty {
  let out: Certainty = 'certain';
  for (const v of values) if (CERTAINTY_RANK[v] < CERTAINTY_RANK[out]) out = v;
  return out;
}

/**
 * Publishes in their order, except that of several at one command (a publish and those its
 * lifecycle scripts run) the most certain comes first: rules that report once per command and
 * job then describe the command's own publish, not a guess found behind it.
 */
export function certainFirst(list: readonly PublishCommand[]): PublishCommand[] {
  const place = (p: PublishCommand): string => `${p.location.file}\0${p.location.start.line}:${p.location.start.column}`;
  const order = new Map<string, number>();
  for (const p of list) if (!order.has(place(p))) order.set(place(p), order.size);
  return [...list].sort((a, b) => order.get(place(a))! - order.get(place(b))! || CERTAINTY_RANK[b.certainty] - CERTAINTY_RANK[a.certainty]);
}

/** The most certain of several certainties (undefined for none). */
export function mostCertain(values: Iterable<Certainty>): Certainty | undefined {
  let out: Certainty | undefined;
  for (const v of values) if (out === undefined || CERTAINTY_RANK[v] > CERTAINTY_RANK[out]) out = v;
  return out;
}

/** The verb rules put in headlines for a certainty. */
export function publishVerbOf(certainty: Certainty): 'publishes' | 'appears to publish' | 'may publish' {
  return certainty === 'certain' ? 'publishes' : certainty === 'likely' ? 'appears to publish' : 'may publish';
}

/**
 * The command as tp-doctor names it, for quoting inside a message: the label without the double
 * quotes an unreadable command's label carries (`"./scripts/release.sh"` → `./scripts/release.sh`).
 */
export function commandName(publish: PublishCommand): string {
  const label = publish.match.label;
  return label.length >= 2 && label.startsWith('"') && label.endsWith('"') ? label.slice(1, -1) : label;
}

/** Where a publish goes: npmjs, another registry (GitHub Packages, a proxy), or unknown (an expression). */
export type Registry = 'npmjs' | 'other' | 'unknown';

/** A publish command found in a step, a script line or a local composite action, with where it is written. */
export interface PublishCommand {
  match: PublishMatch;
  location: Location;
  /** The composite action the command was found in, when it came through `uses: ./path`. */
  viaAction?: string;
  certainty: Certainty;
  /** The directory the command was recognised in, when its step runs in one per matrix value. */
  directory?: string;
  /**
   * For a command in a `run:` of a local composite action (`viaAction`): that `run:` text as it was
   * read (the caller's inputs put in; the command's offsets are in it) and the directory the
   * action's step runs in (its `working-directory`, else the workspace), undefined when unknown.
   */
  actionStep?: { text: string; directory: string | undefined };
  /** For a `possible` publish: what makes tp-doctor think it may publish, in words. */
  because?: string;
}

/** The registry setting that decided where a publish goes (docs/domain.md §1.4, npm's precedence). */
export interface RegistrySetting {
  url: string;
  /** Where the setting comes from, in words: "`publishConfig.registry` in `package.json`". */
  source: string;
  at: YNode | Location;
  atValue: boolean;
  /** Set when an `@scope:registry` setting decided. */
  scope?: string;
  /** Set when a package's own `publishConfig` decided (the package's, not the command's or the job's). */
  fromPackage?: true;
}

export interface RegistryDecision {
  registry: Registry;
  /** The setting that decided; undefined when nothing is set (the default, registry.npmjs.org). */
  setting?: RegistrySetting;
  /**
   * The setting names an alias host of npm's registry for which the publish tool still asks for the
   * `npm:registry.npmjs.org` audience (Yarn Berry maps registry.yarnpkg.com: docs/domain.md A.65).
   */
  npmjsAudience?: true;
}

/** Which packages a publish command publishes. */
export interface PublishTargets {
  /**
   * `single`: the packages of the directories it publishes; `workspaces`: every publishable
   * workspace package (lerna, changesets, `-r`); `unknown`: tp-doctor cannot tell.
   */
  kind: 'single' | 'workspaces' | 'unknown';
  /** The packages it publishes (named, not private; of a selection among many, versioned unless the version is set for them: ./targets.ts). */
  packages: WorkspacePackage[];
  /**
   * For `unknown`: the packages it may publish. Empty when it publishes something tp-doctor cannot
   * see (a `package.json` generated at build time in a directory outside every package).
   */
  candidates: WorkspacePackage[];
  /**
   * For `unknown` targets without a candidate: the names of the packages it publishes from
   * directories the job makes, when their names are known without a manifest (napi-rs's platform
   * packages from the napi configuration, `napi create-npm-dirs` writing them in the job:
   * ./napi-packages.ts). No package.json of theirs is in the repository, so no rule reads one; the
   * JSON output lists them. Each may not be published (napi publishes only what was built).
   */
  generatedNames?: string[];
  /**
   * For `single`: the manifests of the directories it publishes, publishable or not (npm still reads
   * their `publishConfig` before it refuses an unversioned or private one).
   */
  manifests?: WorkspacePackage[];
  /**
   * For `single`: the package whose package.json an earlier command of the job copies into the
   * manifests before the publish (napi-rs's `create-npm-dirs` writes every platform package's
   * package.json from the package it runs in, `repository` included: ./napi-npm-dirs.ts). What npm
   * publishes of them is that package's `repository`, not the committed one.
   */
  writtenFrom?: WorkspacePackage;
  /**
   * The packages among `packages` (or `candidates`) whose `package.json` sent is not their own but
   * the one in the directory their `publishConfig.directory` names, under a tool that packs it (pnpm,
   * lerna, `changeset publish` running pnpm: ./publish-directory.ts), when no package.json is
   * committed there: the build writes it in the job. Usually a copy of the package's own (the same
   * name, so the package stays a target), but its fields (`repository`, `private`, `publishConfig`)
   * are the build's, which tp-doctor cannot see.
   */
  builtManifests?: BuiltManifest[];
  /**
   * Package directories that only some runs publish: the packages of some options of a
   * `workflow_dispatch` choice input and not of others (`yarn workspace ${{ inputs.package }} exec npm
   * publish`). Which option a run gets is chosen when it is dispatched, so a finding about one of
   * these packages rests on a run that may never happen: at most a warning, as for a candidate.
   */
  chosen?: string[];
  /**
   * The packages were read once per caller of a called workflow (`working-directory: ${{
   * inputs.package-path }}`, each caller giving its own path): each run publishes the packages of
   * its caller's values, not all of these.
   */
  byCallers?: true;
}

/** A package published through the package.json its build writes in its `publishConfig.directory` (`PublishTargets.builtManifests`). */
export interface BuiltManifest {
  /** The package's directory (`WorkspacePackage.dir`). */
  dir: string;
  /** The repository directory its `publishConfig.directory` names, where the published package.json is built. */
  directory: string;
}

/** What every provider's publish site has; each provider's site type extends it with where it is. */
export interface SiteBase {
  publish: PublishCommand;
  /** The directory the command runs in (repository-relative, `` for the root); undefined when unknown. */
  directory: string | undefined;
  /** When `directory` is undefined because the command's readings run in several known directories: those (`ResolvedTargets.directories`). */
  directories?: string[];
  targets: PublishTargets;
  /** Where the command publishes, over all its targets (npmjs when one goes there). */
  registry: RegistryDecision;
  /** Per target (or candidate) package directory: where that package goes. */
  packageRegistries: ReadonlyMap<string, RegistryDecision>;
  /** The publish's certainty, lowered to `possible` when its registry is unknown. */
  certainty: Certainty;
  /** The user configuration npm reads there (./user-config.ts; GitHub's ../github/user-config.ts); undefined: `~/.npmrc`. */
  userConfig?: UserConfig;
}

/** What the providers' site builders read from the project (`ProjectFacts` gives it). */
export interface SiteContext {
  discovery: PackageDiscovery;
  packageAt(dir: string): PackageJson | undefined;
  /** The entries of a repository directory (`RepoFiles.list`). */
  list(dir: string): readonly { name: string; isDir: boolean }[] | undefined;
  readAction(dir: string): YamlDocument | undefined;
  /**
   * A registry setting of the project `.npmrc` of `dir` (then the root's; for the npm CLI, of its
   * local prefix), after the files the job moved or copied over them (`swaps`, ./npmrc-swaps.ts).
   */
  npmrc(dir: string, key: string, npmCli?: boolean, swaps?: NpmrcSwaps): RegistrySetting | undefined;
  /** The directories whose project `.npmrc` a publish tool run in `dir` reads (`RepoFiles.projectNpmrcDirs`: the npm CLI its local prefix's). */
  npmrcDirs?(dir: string, npmCli: boolean): string[];
  /** One Yarn Berry registry key of the committed `.yarnrc.yml` (`npmPublishRegistry`, `npmScopes.acme.npmRegistryServer`). */
  yarnrc(key: string): RegistrySetting | undefined;
  /** Whether a user configuration file a job names (`NPM_CONFIG_USERCONFIG`) is committed, by repository path (`RepoFiles.userConfigExists`). */
  userConfigExists?(file: string): boolean;
  /** A registry setting of a committed user configuration file, by repository path (`RepoFiles.userConfigSetting`). */
  userConfigSetting?(file: string, key: string): RegistrySetting | undefined;
  /** The text of a committed template a job fills an `.npmrc` from (`envsubst < .npmrc.tpl > .npmrc`), by repository path (`RepoFiles.npmrcTemplate`). */
  npmrcTemplate?(file: string): string | undefined;
  /** The scope to assume when a publish's package is unknown: the repository's one scope, if any. */
  scopeHint: string | undefined;
  /** The repository owner (setup-node's default scope for GitHub Packages). */
  owner: string | undefined;
  /** The publish tools' configuration files (semantic-release's `pkgRoot`, read for a publish's targets). */
  toolConfigFiles?: ToolConfigFiles;
  /** The repository's package manager (`packageManager`, else lockfiles): which pnpm publishes, for its registry order. */
  packageManager?: { name: PackageManager; version?: string };
  /**
   * What a `changeset publish` runs (./changesets.ts `changesetsRun`; `before`: the texts of the job
   * before it), for its registry order: `yarn npm publish` reads Yarn's settings, not `.npmrc`.
   * Undefined for any other command.
   */
  changesetsRuns?(publish: PublishCommand, dir: string, before: readonly string[]): ChangesetsRuns | undefined;
}
