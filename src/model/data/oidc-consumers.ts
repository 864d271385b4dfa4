/**
 * Actions that spend a GitHub job's OIDC token on a login of their own, not on npm: a job that
 * runs one has `id-token: write` for that login, so the permission is no sign that it publishes to
 * npm (`npmSignals`, github/npm-signals.ts; serverless/serverless assumes an AWS role with it in its
 * release jobs). Keyed by the action (`owner/name`, lower case); `input` is the input that makes the
 * action use the token (without it, the action logs in with a stored secret and the token may still
 * be meant for npm; empty: the action always uses it).
 *
 * `npmCredential`: the action trades the token for a registry credential that npm can use, written
 * to `file` when its input `input` lists `value` (a comma-separated list). A publish after such a
 * step carries a credential of its own (`passesOwnToken`, own-token.ts): it is a token publish to
 * that registry, not a trusted publish. atlassian-labs/artifact-publish-token (action.js
 * `generateNpmConfig`, v1.0.1) writes `.npmrc-public` with a temporary username and password for
 * packages.atlassian.com's `npm-public`, which forwards allow-listed packages to npmjs; its users
 * point npm at it (`NPM_CONFIG_USERCONFIG`, `--userconfig`).
 */
export interface OidcConsumer {
  input: string;
  service: string;
  npmCredential?: { input: string; value: string; file: string };
}

export const OIDC_CONSUMER_ACTIONS: ReadonlyMap<string, OidcConsumer> = new Map<string, OidcConsumer>([
  ['aws-actions/configure-aws-credentials', { input: 'role-to-assume', service: 'AWS' }],
  ['google-github-actions/auth', { input: 'workload_identity_provider', service: 'Google Cloud' }],
  ['azure/login', { input: 'client-id', service: 'Azure' }],
  ['hashicorp/vault-action', { input: 'role', service: 'Vault' }],
  ['pypa/gh-action-pypi-publish', { input: '', service: 'PyPI' }],
  ['rubygems/release-gem', { input: '', service: 'RubyGems' }],
  ['rubygems/configure-rubygems-credentials', { input: '', service: 'RubyGems' }],
  [
    'atlassian-labs/artifact-publish-token',
    { input: '', service: 'Atlassian Artifactory', npmCredential: { input: 'output-modes', value: 'npm', file: '.npmrc-public' } },
  ],
]);
