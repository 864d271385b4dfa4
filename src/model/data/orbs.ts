/**
 * CircleCI orbs, as of 2026-12. tp-doctor never fetches an orb from CircleCI's registry, so what an
 * orb job or command runs is unknown; one whose name says it publishes, in a job with signs of an
 * npm publish, is read as a possible publish (`circleci/possible.ts`), the way a GitHub action
 * tp-doctor does not know is (`NEVER_PUBLISHING_ACTIONS` in publish-tools.ts). These tables are
 * the orbs' names that decide more than the words do.
 */

/**
 * Orbs that never publish to the npm registry whatever their jobs and commands are called: cloud
 * and container deploys, notifications, coverage, other languages' tool chains, GitHub releases, and
 * CircleCI's orb tooling (which publishes orbs). `namespace/name` in lower case, without `@version`;
 * a trailing `*` matches a prefix.
 */
export const NEVER_PUBLISHING_ORBS: readonly string[] = [
  // cloud, containers, hosting
  'circleci/aws-*', 'circleci/gcp-*', 'circleci/azure-*', 'circleci/docker', 'circleci/kubernetes', 'circleci/helm',
  'circleci/terraform', 'circleci/heroku',
  // notifications, issue trackers, coverage
  'circleci/slack', 'circleci/jira', 'codecov/codecov',
  // GitHub releases, orb publishing, pipeline plumbing
  'circleci/github-cli', 'circleci/orb-tools', 'circleci/continuation', 'circleci/path-filtering',
  // other languages and platforms
  'circleci/python', 'circleci/ruby', 'circleci/go', 'circleci/rust', 'circleci/android', 'circleci/macos',
  'circleci/windows', 'circleci/browser-tools', 'circleci/shellcheck',
];

/** True when `namespace/name` (any case) is one of `NEVER_PUBLISHING_ORBS`. */
export function neverPublishingOrb(namespace: string | undefined, name: string | undefined): boolean {
  if (namespace === undefined || name === undefined) return false;
  const ref = `${namespace}/${name}`.toLowerCase();
  return NEVER_PUBLISHING_ORBS.some((o) => (o.endsWith('*') ? ref.startsWith(o.slice(0, -1)) : ref === o));
}

/**
 * Orb names that are npm release tools (`NPM_RELEASE_TOOL_NAMES` in publish-tools.ts: intuit's auto,
 * changesets, semantic-release, lerna, release-it, np, Ship.js): a job of such an orb that says it
 * publishes or releases most likely ends in an npm publish. A sign of npm, like an npm token, for
 * `possiblePublish`.
 */
export { NPM_RELEASE_TOOL_NAMES as NPM_RELEASE_TOOL_ORBS } from './publish-tools.js';
