/**
 * Publish tools that never publish in a run for a pull request, whatever their configuration's
 * branches, unless told not to look (read 2026-12 in semantic-release `index.js` `run()` and env-ci
 * `services/github.js`, `services/gitlab.js`):
 *
 * - semantic-release asks env-ci whether the run is for a pull request and, when it is on CI and
 *   `noCi` is not set, logs "This run was triggered by a pull request and therefore a new version
 *   won't be published." and returns before any plugin runs (`if (isCi && isPr && !options.noCi)`).
 *   env-ci's `isPr` is `GITHUB_EVENT_NAME` `pull_request` or `pull_request_target` on GitHub
 *   Actions, and a set `CI_MERGE_REQUEST_ID` (a merge-request pipeline) on GitLab CI.
 *   `noCi` is the command line's `--no-ci` (`--ci false`) or the configuration's `ci: false`.
 * - env-ci reads the run from environment variables: on GitHub `GITHUB_ACTIONS` (set: GitHub
 *   Actions, else another service or none, whose `isPr` is another's) and `GITHUB_EVENT_NAME`
 *   (`isPr`); on GitLab `GITLAB_CI` and `CI_MERGE_REQUEST_ID`. A command that sets one of them
 *   (`GITHUB_EVENT_NAME=push npx semantic-release`, a step's `env:`) may publish in a
 *   pull-request run: `envVariables`.
 *
 * Only the `semantic-release` command is listed: the actions that run semantic-release
 * (cycjimmy's, codfish's, electron's) and multi-semantic-release pass options of their own that
 * tp-doctor does not read here. `docs/domain.md` A.36.
 */
export interface PullRequestSkip {
  /** `PublishMatch.recognizer` ids of the commands (src/model/data/publish-tools.ts). */
  readonly recognizers: readonly string[];
  /** The GitHub events whose runs never publish. */
  readonly githubEvents: readonly string[];
  /** True when a GitLab merge-request pipeline never publishes either. */
  readonly gitlabMergeRequests: boolean;
  /** The boolean command-line option that, false (`--no-ci`), turns the check off. */
  readonly offOption: string;
  /** The configuration key that, `false`, turns the check off. */
  readonly configKey: string;
  /** The environment variables the tool reads the run from, per platform: one set by the command or its step may make a pull-request run look like another. */
  readonly envVariables: { readonly github: readonly string[]; readonly gitlab: readonly string[] };
}

export const PULL_REQUEST_SKIPS: readonly PullRequestSkip[] = [
  { recognizers: ['semantic-release'], githubEvents: ['pull_request', 'pull_request_target'], gitlabMergeRequests: true, offOption: '--ci', configKey: 'ci', envVariables: { github: ['GITHUB_ACTIONS', 'GITHUB_EVENT_NAME'], gitlab: ['GITLAB_CI', 'CI_MERGE_REQUEST_ID'] } },
];
