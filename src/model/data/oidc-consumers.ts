/**
 * Actions that spend a GitHub job's OIDC token on a login of their own, not on npm: a job that
 * runs one has `id-token: write` for that login, so the permission is no sign that it publishes to
 * npm (`npmSignals`, github/npm-signals.ts; serverless/serverless assumes an AWS role with it in its
 * release jobs). Keyed by the action (`owner/name`, lower case); `input` is the input that makes the
 * action use the token (without it, the action logs in with a stored secret and the token may still
 * be meant for npm).
 */
export const OIDC_CONSUMER_ACTIONS: ReadonlyMap<string, { input: string; service: string }> = new Map([
  ['aws-actions/configure-aws-credentials', { input: 'role-to-assume', service: 'AWS' }],
  ['google-github-actions/auth', { input: 'workload_identity_provider', service: 'Google Cloud' }],
  ['azure/login', { input: 'client-id', service: 'Azure' }],
  ['hashicorp/vault-action', { input: 'role', service: 'Vault' }],
  ['pypa/gh-action-pypi-publish', { input: '', service: 'PyPI' }],
  ['rubygems/release-gem', { input: '', service: 'RubyGems' }],
  ['rubygems/configure-rubygems-credentials', { input: '', service: 'RubyGems' }],
]);
