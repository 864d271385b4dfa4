/**
 * Remote actions that set no environment variable of a name a workflow chooses: a `${{ env.NAME }}`
 * that no `env:` sets is not put in by them (github/env-context.ts `runtimeEnvSetter`). Any other
 * remote action may export anything (aws-actions/aws-secretsmanager-get-secrets puts each secret
 * in as a variable named after it). From each action's documentation: checkout, cache and the
 * artifact actions export nothing; setup-node only its own `NPM_CONFIG_USERCONFIG` and
 * `NODE_AUTH_TOKEN`; pnpm/action-setup `PNPM_HOME` and `PATH`; setup-bun nothing by name.
 */
export const ACTIONS_SETTING_NO_CHOSEN_ENV: ReadonlySet<string> = new Set([
  'actions/checkout',
  'actions/cache',
  'actions/cache/restore',
  'actions/upload-artifact',
  'actions/download-artifact',
  'actions/setup-node',
  'pnpm/action-setup',
  'oven-sh/setup-bun',
]);
