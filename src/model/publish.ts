/**
 * Provider-neutral publish facts: one answer per publish command, computed once in the model and
 * read by every rule (DOMAIN.md sections 1, 5 and 6). A `PublishSite` says where a publish command
 * is written, how sure tp-doctor is that it publishes, which registry it goes to and which setting
 * decided that, the directory it runs in and the packages it publishes.
 */
import type { YNode } from '../yaml/parse.js';
import type { Location } from '../yaml/span.js';
import type { Job, Step } from './github/types.js';
import type { CircleConfig, CircleJob, CircleStep } from './circleci/types.js';
import type { GitlabJob, GitlabPipeline } from './gitlab/types.js';
import type { PublishMatch } from './npm/publish-commands.js';
import type { WorkspacePackage } from './npm/workspaces.js';

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
  /** For a `possible` publish: what makes tp-doctor think it may publish, in words. */
  because?: string;
}

/** The registry setting that decided where a publish goes (DOMAIN 1.4, npm's precedence). */
export interface RegistrySetting {
  url: string;
  /** Where the setting comes from, in words: "`publishConfig.registry` in `package.json`". */
  source: string;
  at: YNode | Location;
  atValue: boolean;
  /** Set when an `@scope:registry` setting decided. */
  scope?: string;
}

export interface RegistryDecision {
  registry: Registry;
  /** The setting that decided; undefined when nothing is set (the default, registry.npmjs.org). */
  setting?: RegistrySetting;
}

/** Which packages a publish command publishes. */
export interface PublishTargets {
  /**
   * `single`: the packages of the directories it publishes; `workspaces`: every publishable
   * workspace package (lerna, changesets, `-r`); `unknown`: tp-doctor cannot tell.
   */
  kind: 'single' | 'workspaces' | 'unknown';
  /** The packages it publishes (named, not private; versioned unless the tool sets the version). */
  packages: WorkspacePackage[];
  /**
   * For `unknown`: the packages it may publish. Empty when it publishes something tp-doctor cannot
   * see (a `package.json` generated at build time in a directory outside every package).
   */
  candidates: WorkspacePackage[];
  /**
   * For `single`: the manifests of the directories it publishes, publishable or not (npm still reads
   * their `publishConfig` before it refuses an unversioned or private one).
   */
  manifests?: WorkspacePackage[];
}

interface SiteBase {
  publish: PublishCommand;
  /** The directory the command runs in (repository-relative, `` for the root); undefined when unknown. */
  directory: string | undefined;
  targets: PublishTargets;
  /** Where the command publishes, over all its targets (npmjs when one goes there). */
  registry: RegistryDecision;
  /** Per target (or candidate) package directory: where that package goes. */
  packageRegistries: ReadonlyMap<string, RegistryDecision>;
  /** The publish's certainty, lowered to `possible` when its registry is unknown. */
  certainty: Certainty;
}

export interface GithubSite extends SiteBase {
  provider: 'github';
  job: Job;
  step: Step;
}

export interface GitlabSite extends SiteBase {
  provider: 'gitlab';
  job: GitlabJob;
  pipeline: GitlabPipeline;
  /** Index in `job.scripts` of the line that holds it (-1 when in no line). */
  line: number;
}

export interface CircleciSite extends SiteBase {
  provider: 'circleci';
  /** The job instance (parameters bound from one workflow invocation and matrix combination). */
  job: CircleJob;
  config: CircleConfig;
  /** The `run` step that holds the command (commands expanded). */
  step: CircleStep;
}

export type PublishSite = GithubSite | GitlabSite | CircleciSite;

/** True when a publish may be a trusted publish: it goes to registry.npmjs.org, or may. */
export function mayGoToNpmjs(site: PublishSite): boolean {
  return site.registry.registry !== 'other';
}
