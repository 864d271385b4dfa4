/**
 * Which publish tools can publish with npm trusted publishing (OIDC), and from which version: the
 * table of DOMAIN.md section 5 as data. `rules/publish-tool-supports-oidc` interprets it; the npm
 * rows (and pnpm 10, which shells out to npm) are judged by `rules/npm-supports-oidc` instead.
 * One place to update when a tool ships OIDC support. Every row has a test row in
 * `publish-tool-support.test.ts`.
 *
 * Reviewed November 2026 against: npm 11.5.1 / 11.15.0 release notes, pnpm 10/11 changelogs, Yarn
 * 4.10 changelog, Bun 1.3 docs, lerna 9.0.0 and @lerna-lite/publish 4.9.0 changelogs,
 * @semantic-release/npm 13.1.0 (semantic-release 25), JS-DevTools/npm-publish v4, release-it and np
 * issue threads, changesets/action 1.7.0.
 */

export type OidcSupport =
  /** The tool never asks for an OIDC token. */
  | { kind: 'never'; alternative: string }
  /** Supported from `version` on (earlier versions fail). */
  | { kind: 'from'; version: string }
  /** Supported by the npm on PATH (the npm rows, pnpm 10): `npm-supports-oidc` checks it. */
  | { kind: 'through-npm'; npm: string }
  /** Supported, except in the versions of `broken` when a static `_authToken` is configured. */
  | { kind: 'unless-static-token'; broken: string; fixed: string }
  /** Supported only with a configuration setting. */
  | { kind: 'config'; setting: string }
  /** Only recent versions; no confirmed first version. */
  | { kind: 'recent' };

export interface ToolSupportRow {
  /** Stable id, used by the rule and the tests. */
  readonly id: string;
  /** How messages name the tool ("Yarn", "lerna", "@semantic-release/npm"). */
  readonly tool: string;
  /** The npm package (or GitHub action, `owner/repo`) whose version decides. */
  readonly package?: string;
  readonly support: OidcSupport;
  /** What happens when this tool publishes without OIDC support (the `why` of a diagnostic). */
  readonly consequence: string;
  /** Set when a failing row is only likely to break the publish, not certain to. */
  readonly severity?: 'warning';
  /** DOMAIN.md section 5 notes. */
  readonly notes?: string;
}

const NO_TOKEN = 'the publish finds no credential and fails with ENEEDAUTH, or with E404 / "Access token expired or revoked" when an old token is still configured';

export const TOOL_SUPPORT: readonly ToolSupportRow[] = [
  {
    id: 'npm',
    tool: 'npm',
    package: 'npm',
    support: { kind: 'through-npm', npm: '11.5.1' },
    consequence: `npm before 11.5.1 cannot exchange an OIDC token: ${NO_TOKEN}`,
  },
  {
    id: 'npm-stage',
    tool: 'npm',
    package: 'npm',
    support: { kind: 'through-npm', npm: '11.15.0' },
    consequence: '`npm stage` does not exist before npm 11.15.0',
    notes: 'the trusted publisher must allow stage publish',
  },
  {
    id: 'pnpm-10',
    tool: 'pnpm',
    package: 'pnpm',
    support: { kind: 'through-npm', npm: '11.5.1' },
    consequence: `pnpm 10 runs \`npm publish\`; npm before 11.5.1 cannot exchange an OIDC token: ${NO_TOKEN}`,
    notes: 'pnpm 10 shells out to the npm on PATH',
  },
  {
    id: 'pnpm-11',
    tool: 'pnpm',
    package: 'pnpm',
    support: { kind: 'unless-static-token', broken: '>=11.0.0 <11.1.0', fixed: '11.1.0' },
    consequence:
      'pnpm 11.0.x publishes natively but skips the OIDC exchange whenever any static `_authToken` is configured (an `.npmrc` line, setup-node `registry-url`, which writes one for `NODE_AUTH_TOKEN`), so it publishes with that token instead: ENEEDAUTH or E404 with the placeholder, a leaked-token publish otherwise',
    notes: 'fixed in 11.1.0',
  },
  {
    id: 'yarn-classic',
    tool: 'Yarn 1',
    package: 'yarn',
    support: { kind: 'never', alternative: '`npm publish` (npm 11.5.1 or later), or `yarn npm publish` with Yarn 4.10 or later' },
    consequence: `\`yarn publish\` (Yarn 1) never asks for an OIDC token: ${NO_TOKEN}`,
  },
  {
    id: 'yarn-berry',
    tool: 'Yarn',
    package: '@yarnpkg/cli',
    support: { kind: 'from', version: '4.10.0' },
    consequence: `Yarn before 4.10 does not know trusted publishing: ${NO_TOKEN}`,
    notes: 'a configured `npmAuthToken` wins over OIDC; provenance is not automatic',
  },
  {
    id: 'bun',
    tool: 'Bun',
    package: 'bun',
    support: { kind: 'never', alternative: '`bunx npm publish` or `npm publish` (npm 11.5.1 or later)' },
    consequence: `\`bun publish\` does not support trusted publishing: ${NO_TOKEN}`,
  },
  {
    id: 'lerna',
    tool: 'lerna',
    package: 'lerna',
    support: { kind: 'from', version: '9.0.0' },
    consequence: `lerna before 9 publishes through its own npm client, which has no OIDC exchange: ${NO_TOKEN}`,
  },
  {
    id: 'lerna-lite',
    tool: '@lerna-lite/publish',
    package: '@lerna-lite/publish',
    support: { kind: 'from', version: '4.9.0' },
    consequence: `@lerna-lite/publish before 4.9.0 has no OIDC exchange: ${NO_TOKEN}`,
  },
  {
    id: 'semantic-release',
    tool: 'semantic-release',
    package: 'semantic-release',
    support: { kind: 'from', version: '25.0.0' },
    consequence:
      'semantic-release before 25 bundles @semantic-release/npm before 13.1.0, whose `verifyConditions` step demands an `NPM_TOKEN`: without one the release stops with ENONPMTOKEN before anything is published',
  },
  {
    id: 'semantic-release-npm',
    tool: '@semantic-release/npm',
    package: '@semantic-release/npm',
    support: { kind: 'from', version: '13.1.0' },
    consequence:
      '@semantic-release/npm before 13.1.0 demands an `NPM_TOKEN` in its `verifyConditions` step: without one the release stops with ENONPMTOKEN before anything is published',
  },
  {
    id: 'js-devtools-npm-publish',
    tool: 'JS-DevTools/npm-publish',
    package: 'JS-DevTools/npm-publish',
    support: { kind: 'from', version: '4.0.0' },
    consequence:
      'JS-DevTools/npm-publish v1 to v3 require a `token` input and publish with it; only v4 leaves authentication to the system npm and its OIDC exchange',
  },
  {
    id: 'release-it',
    tool: 'release-it',
    package: 'release-it',
    support: { kind: 'config', setting: 'npm.skipChecks: true' },
    consequence:
      'release-it first runs `npm whoami` and a collaborator check; under OIDC there is no login yet, so it stops with "Not authenticated with npm" before publishing',
  },
  {
    id: 'np',
    tool: 'np',
    package: 'np',
    support: { kind: 'recent' },
    consequence:
      'older np releases verify the npm login with `npm whoami` before publishing; under OIDC there is no login yet, so they stop with "Authentication error"',
    severity: 'warning',
    notes: 'no confirmed first version (np added OIDC detection in late 2025) [rep]',
  },
  {
    id: 'changesets-action',
    tool: 'changesets/action',
    package: 'changesets/action',
    support: { kind: 'from', version: '1.7.0' },
    consequence:
      'changesets/action before 1.7 writes `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` into `.npmrc` before publishing, which becomes `_authToken=undefined` without the secret: pnpm 11.0.x and Yarn Berry use that bogus token instead of OIDC, and when the OIDC exchange fails npm reports it instead of the real cause',
    severity: 'warning',
  },
];

export function toolSupport(id: string): ToolSupportRow {
  const row = TOOL_SUPPORT.find((r) => r.id === id);
  if (!row) throw new Error(`no publish-tool support row ${id}`);
  return row;
}
