/**
 * Trusted-publisher declarations, as the config declares them or inference guesses them. They live
 * below the model because the model's facts (which packages a publisher covers, which jobs run
 * under it) read them; `src/config` fills them in.
 */
import type { Location } from '../../yaml/span.js';

/** What a trusted publisher may do on npmjs.com (`allowedActions` in the config). */
export type PublisherAction = 'publish' | 'stage-publish';

interface PublisherBase {
  /** GitHub and GitLab only (a CircleCI trusted publisher has no environment). */
  environment?: string;
  /** Package name globs this publisher covers; undefined = every package the repository publishes. */
  packages?: string[];
  /** Actions the trusted publisher is allowed to perform; undefined = not declared. */
  allowedActions?: PublisherAction[];
  /** Where the entry and each of its fields were written (absent for inferred publishers). */
  location?: Location;
  fieldLocations: Partial<Record<string, Location>>;
  /** True when tp-doctor guessed this publisher instead of reading it from a config file. */
  inferred: boolean;
  /** For inferred publishers: where the guess came from, in words ("git remote origin"). */
  inferredFrom?: string;
}

export interface GithubPublisher extends PublisherBase {
  provider: 'github';
  /** `owner/repo`, exact case, as registered on npmjs.com (may be undefined when inferred). */
  repository?: string;
  /** Workflow file name only, e.g. `publish.yml` (undefined when it could not be inferred). */
  workflow?: string;
}

export interface GitlabPublisher extends PublisherBase {
  provider: 'gitlab';
  /** `namespace[/sub]/project`. */
  project?: string;
  /** Path of the top-level CI file, default `.gitlab-ci.yml`. */
  ciFile: string;
  /** Host of the GitLab instance; only gitlab.com is supported by npm. */
  host?: string;
}

export interface CircleciPublisher extends PublisherBase {
  provider: 'circleci';
  /** Organization UUID (`oidc.circleci.com/org-id`). */
  organizationId?: string;
  /** Project UUID (`oidc.circleci.com/project-id`). */
  projectId?: string;
  /** Pipeline definition UUID (`oidc.circleci.com/pipeline-definition-id`). */
  pipelineDefinitionId?: string;
  /** `host/owner/repo`, no scheme (`oidc.circleci.com/vcs-origin`). */
  vcsOrigin?: string;
  /** Context UUIDs (`oidc.circleci.com/context-ids`); undefined = none registered. */
  contextIds?: string[];
  /** Path of the CircleCI configuration, default `.circleci/config.yml`. */
  configFile: string;
}

export type Publisher = GithubPublisher | GitlabPublisher | CircleciPublisher;

