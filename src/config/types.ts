import type { Severity } from '../diagnostics/diagnostic.js';

export type RuleSetting = Severity | 'off';

export type RepositoryVisibility = 'public' | 'private';

// The publisher declaration types live below the model, which reads them (coverage, inference).
export type { CircleciPublisher, GithubPublisher, GitlabPublisher, Publisher, PublisherAction } from '../model/core/publishers.js';
import type { Publisher } from '../model/core/publishers.js';

export interface ResolvedConfig {
  /** Repository-relative path of the config file, or undefined when none was found. */
  file?: string;
  publishers: Publisher[];
  /** True when no publisher was declared and the list above was inferred. */
  inferred: boolean;
  /** Facts about the repository declared in the config (`repository:`); absent when not declared. */
  repository?: { visibility: RepositoryVisibility };
  rules: Record<string, RuleSetting>;
  runners: { hosted: string[] };
  /** Globs (repository-relative) of files not to lint. */
  ignore: string[];
}

export const EMPTY_CONFIG: ResolvedConfig = {
  publishers: [],
  inferred: true,
  rules: {},
  runners: { hosted: [] },
  ignore: [],
};
