/**
 * Provider-neutral publish facts: one answer per publish command, computed once in the model and
 * read by every rule (docs/domain.md §1, §5 and §6). A `PublishSite` says where a publish command
 * is written, how sure tp-doctor is that it publishes, which registry it goes to and which setting
 * decided that, the directory it runs in and the packages it publishes.
 *
 * This file is the top of the model: the neutral part lives in `./npm/publish-site.ts`, each
 * provider's site type next to its model (`./github/types.ts`, `./gitlab/types.ts`,
 * `./circleci/types.ts`); here they are joined into the union rules read.
 */
import type { GithubSite } from './github/types.js';
import type { GitlabSite } from './gitlab/types.js';
import type { CircleciSite } from './circleci/types.js';

export {
  CERTAINTY_RANK,
  commandName,
  leastCertain,
  mostCertain,
  publishVerbOf,
  type Certainty,
  type PublishCommand,
  type PublishTargets,
  type Registry,
  type RegistryDecision,
  type RegistrySetting,
  type SiteBase,
} from './npm/publish-site.js';
export type { GithubSite } from './github/types.js';
export type { GitlabSite } from './gitlab/types.js';
export type { CircleciSite } from './circleci/types.js';

export type PublishSite = GithubSite | GitlabSite | CircleciSite;

/** True when a publish may be a trusted publish: it goes to registry.npmjs.org, or may. */
export function mayGoToNpmjs(site: PublishSite): boolean {
  return site.registry.registry !== 'other';
}
