/**
 * Which publish tools can publish with npm trusted publishing (OIDC), and from which version: the
 * table of docs/domain.md §5 as data. `rules/publish-tool-supports-oidc` interprets it; the npm
 * rows (and pnpm 10, which shells out to npm) are judged by `rules/npm-supports-oidc` instead.
 * Tools that only run the npm CLI and have no OIDC exchange of their own (publib-npm,
 * npmci, `beachball publish`, `napi prepublish`: `./npm-cli.ts`) have no row: the npm at the
 * publish decides. One place to update when a tool ships OIDC support. Every row has a test row in
 * `publish-tool-support.test.ts`.
 *
 * Reviewed November 2026 against: npm 11.5.1 / 11.15.0 release notes, pnpm 10/11 changelogs, Yarn
 * 4.10 changelog, Bun 1.3 docs, lerna 9.0.0 and @lerna-lite/publish 4.9.0 changelogs,
 * @semantic-release/npm 13.1.0 (semantic-release 25), JS-DevTools/npm-publish v4, release-it and np
 * issue threads, changesets/action 1.7.0. Updated 2026-12-03 (docs/domain.md §0): pnpm CHANGELOG
 * to 11.3 (OIDC over a static token from 11.0.7, the `${NODE_AUTH_TOKEN}` placeholder until 11.1.3,
 * `pnpm stage publish`, Node >= 22.13), Yarn berry#6911 (scoped packages, 4.10.3) and berry#7122
 * (CircleCI), np 11.0.1, @semantic-release/npm 13.2.0 `lib/trusted-publishing/token-exchange.js`
 * (CircleCI), semantic-release 25 engines, release-it `npm.stage`.
 */
import { NPM_FIRST_CIRCLECI_OIDC } from './node-releases.js';

/**
 * The first JS-DevTools/npm-publish whose `token` input is optional (#247/#248). Before it the action
 * stops with `InvalidTokenError` when the input is missing or empty (`getRequiredSecretInput`,
 * `validateToken` in src/normalize-options.ts at v4.0.1), before it runs npm.
 */
export const JS_DEVTOOLS_TOKEN_OPTIONAL = '4.1.0';

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

/**
 * Whether the tool exchanges an OIDC token on CircleCI, where npm reads `NPM_ID_TOKEN` only from
 * npm 11.11.0 on and each tool's own OIDC code must recognise CircleCI.
 */
export type CircleciSupport =
  /**
   * The tool's own exchange recognises CircleCI from `version` on. `tokenVerify`: the releases from
   * `from` up to `version` verify a long-lived token first (any valid one, from a context or project
   * variable tp-doctor cannot see) and then publish with an npm of their own (`npm` range) that
   * exchanges `NPM_ID_TOKEN` itself from npm 11.11.0: the publish is a trusted one when that token
   * exists, so a finding there is a warning.
   */
  | { kind: 'from'; version: string; tokenVerify?: { from: string; variable: string; npm: string } }
  /** The publish goes through npm on PATH: npm `npm` or later is needed. */
  | { kind: 'through-npm'; npm: string }
  /** The tool's OIDC code detects GitHub Actions and GitLab only. */
  | { kind: 'never' }
  /** No release works yet; `checkedUpTo` is the newest release known to fail. */
  | { kind: 'not-yet'; checkedUpTo: string };

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
  /** docs/domain.md §5 notes. */
  readonly notes?: string;
  /** On CircleCI, when known (absent: not known; `support` is about GitHub Actions and GitLab). */
  readonly circleci?: CircleciSupport;
  /** The Node versions the tool's OIDC-capable releases need (`engines.node`), when narrower than npm's. */
  readonly node?: string;
  /** The first release of the tool that needs `node` (set on every row that has `node`). */
  readonly nodeSince?: string;
  /** Set when `node` is only reported, not read in the tool's source: a finding on it is a warning at most. */
  readonly nodeReported?: true;
}

const NO_TOKEN = 'the publish finds no credential and fails with ENEEDAUTH, or with E404 / "Access token expired or revoked" when an old token is still configured';

export const TOOL_SUPPORT: readonly ToolSupportRow[] = [
  {
    id: 'npm',
    tool: 'npm',
    package: 'npm',
    support: { kind: 'through-npm', npm: '11.5.1' },
    consequence: `npm before 11.5.1 cannot exchange an OIDC token: ${NO_TOKEN}`,
    circleci: { kind: 'through-npm', npm: NPM_FIRST_CIRCLECI_OIDC },
  },
  {
    id: 'npm-stage',
    tool: 'npm',
    package: 'npm',
    support: { kind: 'through-npm', npm: '11.15.0' },
    consequence: '`npm stage` does not exist before npm 11.15.0',
    notes: 'the trusted publisher must allow stage publish',
    circleci: { kind: 'through-npm', npm: '11.15.0' },
  },
  {
    id: 'pnpm-10',
    tool: 'pnpm',
    package: 'pnpm',
    support: { kind: 'through-npm', npm: '11.5.1' },
    consequence: `pnpm 10 runs \`npm publish\`; npm before 11.5.1 cannot exchange an OIDC token: ${NO_TOKEN}`,
    notes: 'pnpm 10 shells out to the npm on PATH',
    circleci: { kind: 'through-npm', npm: NPM_FIRST_CIRCLECI_OIDC },
  },
  {
    id: 'pnpm-11',
    tool: 'pnpm',
    package: 'pnpm',
    support: { kind: 'unless-static-token', broken: '>=11.0.0 <11.0.7', fixed: '11.0.7' },
    consequence:
      'pnpm 11.0.0 to 11.0.6 publish natively but skip the OIDC exchange whenever any static `_authToken` is configured (an `.npmrc` line, setup-node `registry-url`, which writes one for `NODE_AUTH_TOKEN`), so they publish with that token instead: ENEEDAUTH or E404 with the placeholder, a leaked-token publish otherwise',
    notes: 'from 11.0.7 a successful OIDC exchange wins over a static token [src: pnpm CHANGELOG]',
    circleci: { kind: 'from', version: '11.0.7' },
    // pnpm 11 checks the Node it runs on when it starts and exits on an older one [src: pnpm CHANGELOG 11.0.0].
    node: '>=22.13',
    nodeSince: '11.0.0',
  },
  {
    id: 'pnpm-11-placeholder',
    tool: 'pnpm',
    package: 'pnpm',
    support: { kind: 'from', version: '11.1.3' },
    consequence:
      'pnpm 11 before 11.1.3 sends the unresolved `${NODE_AUTH_TOKEN}` placeholder that setup-node `registry-url` writes into `.npmrc` as the token when `NODE_AUTH_TOKEN` is unset, and the registry answers E404',
    notes:
      'only with setup-node `registry-url` (or an `.npmrc` line with an unset variable) and a publish to that host [src: pnpm CHANGELOG 11.1.3]; "unset" means unset after setup-node, which is v7 or later only: up to v6 setup-node exports `NODE_AUTH_TOKEN=XXXXX-XXXXX-XXXXX-XXXXX` itself, a static token pnpm 11.0.7 and later let OIDC override (`SETUP_NODE_NO_PLACEHOLDER_MAJOR`, data/node-actions.ts)',
  },
  {
    id: 'pnpm-stage',
    tool: 'pnpm',
    package: 'pnpm',
    support: { kind: 'from', version: '11.3.0' },
    consequence: '`pnpm stage publish` does not exist before pnpm 11.3.0',
    notes: 'a stage publish: the trusted publisher must allow stage publish',
    node: '>=22.13',
    nodeSince: '11.3.0',
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
    notes: 'a configured `npmAuthToken` wins over OIDC, an empty one (`${NPM_TOKEN:-}` with NPM_TOKEN unset) is none (docs/domain.md A.37); provenance is not automatic; `registry.yarnpkg.com` maps to the npmjs audience',
    circleci: { kind: 'not-yet', checkedUpTo: '4.14.1' },
  },
  {
    id: 'yarn-berry-scoped',
    tool: 'Yarn',
    package: '@yarnpkg/cli',
    support: { kind: 'from', version: '4.10.3' },
    consequence: `Yarn 4.10.0 to 4.10.2 fail the OIDC exchange for scoped packages (\`@scope/name\`): ${NO_TOKEN}`,
    notes: 'scoped packages only (berry#6911) [rep]',
    severity: 'warning',
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
    notes: 'on CircleCI the bundled @semantic-release/npm must be 13.2.0 or later (see semantic-release-npm)',
    node: '^22.14.0 || >=24.10.0',
    nodeSince: '25.0.0',
    nodeReported: true,
  },
  {
    id: 'semantic-release-npm',
    tool: '@semantic-release/npm',
    package: '@semantic-release/npm',
    support: { kind: 'from', version: '13.1.0' },
    consequence:
      '@semantic-release/npm before 13.1.0 demands an `NPM_TOKEN` in its `verifyConditions` step: without one the release stops with ENONPMTOKEN before anything is published',
    notes: 'its token exchange knows GitHub Actions and GitLab from 13.1.0, CircleCI from 13.2.0 (13.1.5 has no CircleCI branch)',
    // 13.0.0 to 13.1.x depend on npm ^11.6.2, check `NPM_TOKEN` with `npm whoami` and publish with
    // that npm (execa `preferLocal`): lib/verify-auth.js, set-npmrc-auth.js, publish.js at v13.1.5.
    circleci: { kind: 'from', version: '13.2.0', tokenVerify: { from: '13.0.0', variable: 'NPM_TOKEN', npm: '^11.6.2' } },
  },
  {
    id: 'js-devtools-npm-publish',
    tool: 'JS-DevTools/npm-publish',
    package: 'JS-DevTools/npm-publish',
    // v2.0.0 to v4.1.x run the npm on PATH with the `token` input in a temporary user configuration
    // (src/npm/call-npm-cli.ts, use-npm-environment.ts at tags v2.0.0, v3.1.1, v4.0.1, v4.1.0), so npm
    // 11.5.1's exchange replaces that token (docs/domain.md §1.7); rstackjs/prebundle released with v3
    // and `token: empty` (survey of 2026-12-06). Before 4.1.0 the input is required:
    // `JS_DEVTOOLS_TOKEN_OPTIONAL`. v1 stays below the line, as docs/domain.md §5 has it.
    support: { kind: 'from', version: '2.0.0' },
    consequence:
      'JS-DevTools/npm-publish v1 requires a `token` input and publishes with it; from v2 the action runs the npm on PATH, whose OIDC exchange replaces the token',
  },
  {
    id: 'release-it',
    tool: 'release-it',
    package: 'release-it',
    support: { kind: 'config', setting: 'npm.skipChecks: true' },
    consequence:
      'release-it first runs `npm whoami` and a collaborator check; under OIDC there is no login yet, so it stops with "Not authenticated with npm" before publishing',
    notes: 'with `npm.stage: true` it runs a stage publish (see STAGE_PUBLISH_FORMS)',
  },
  {
    id: 'np',
    tool: 'np',
    package: 'np',
    support: { kind: 'from', version: '11.0.1' },
    consequence:
      'np before 11.0.1 verifies the npm login with `npm whoami` before publishing; under OIDC there is no login yet, so it stops with "Authentication error"',
    severity: 'warning',
    notes: 'OIDC detection from 11.0.0, fixed in 11.0.1 [src]; it detects GitHub Actions and GitLab only',
    circleci: { kind: 'never' },
  },
  {
    id: 'changesets-action',
    tool: 'changesets/action',
    package: 'changesets/action',
    support: { kind: 'from', version: '1.7.0' },
    consequence:
      'changesets/action before 1.7 writes `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` into `.npmrc` before publishing, which becomes `_authToken=undefined` without the secret: pnpm 11.0.0 to 11.0.6 and Yarn Berry use that bogus token instead of OIDC, and when the OIDC exchange fails npm reports it instead of the real cause',
    severity: 'warning',
  },
];

/** How a publish becomes a *stage* publish, which the trusted publisher must allow (`allowed-actions-match`). */
export interface StagePublishForm {
  readonly id: string;
  readonly tool: string;
  /** A command (with the publish recogniser that finds it) or a configuration setting. */
  readonly form: { kind: 'command'; text: string; recognizer: string } | { kind: 'config'; setting: string; files: string };
  /** The first version of `package` that has it. */
  readonly since?: { package: string; version: string };
}

export const STAGE_PUBLISH_FORMS: readonly StagePublishForm[] = [
  {
    id: 'npm-stage-publish',
    tool: 'npm',
    form: { kind: 'command', text: 'npm stage publish', recognizer: 'npm-stage-publish' },
    since: { package: 'npm', version: '11.15.0' },
  },
  {
    id: 'pnpm-stage-publish',
    tool: 'pnpm',
    form: { kind: 'command', text: 'pnpm stage publish', recognizer: 'pnpm-stage-publish' },
    since: { package: 'pnpm', version: '11.3.0' },
  },
  {
    id: 'release-it-stage',
    tool: 'release-it',
    form: { kind: 'config', setting: 'npm.stage: true', files: '.release-it.json / .release-it.yaml / package.json `release-it`, or `--npm.stage`' },
  },
];

export function toolSupport(id: string): ToolSupportRow {
  const row = TOOL_SUPPORT.find((r) => r.id === id);
  if (!row) throw new Error(`no publish-tool support row ${id}`);
  return row;
}

/**
 * Plugins a publish tool installs itself, by the tool that does (for overrides written under that
 * parent: `semantic-release>@semantic-release/npm`).
 */
export const PLUGIN_PARENTS: Readonly<Record<string, readonly string[]>> = {
  '@semantic-release/npm': ['semantic-release'],
};
