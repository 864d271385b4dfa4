/**
 * Which publish tools run the npm CLI to publish (so the npm version decides whether trusted
 * publishing works), by recogniser id (`./publish-tools.ts`). docs/domain.md §1, §2 and §5.
 *
 * - `npm`: the tool runs `npm publish` (JS-DevTools/npm-publish v4, release-it's npm plugin,
 *   changelogen `--publish`, publib-npm, npmci, `beachball publish`/`canary` in each changed
 *   package, `napi prepublish`/`pre-publish` in each platform package under `npm/`, `wasm-pack publish` in
 *   the package directory its build generated);
 * - `stage`: `npm stage publish`;
 * - `pnpm`: pnpm 10 and older shell out to `npm publish`; pnpm 11 publishes natively;
 * - `changesets`: `changeset publish` (@changesets/cli 2.x) runs `pnpm publish` in a pnpm
 *   repository and `npm publish` everywhere else, Yarn Berry repositories included; 3.x runs
 *   `yarn npm publish` on Yarn 2+ and stops on Yarn 1 (`../npm/changesets.ts`, `npmCliPublish`);
 * - `np`: np publishes with the repository's package manager;
 * - `rush`: `rush publish --publish` runs the npm or pnpm rush.json names, installed by Rush (not the
 *   job's), and the npm on PATH in a Yarn repository (`../npm/rush.ts`);
 * - `release-plan`: `release-plan publish` runs `pnpm publish` where a `pnpm-lock.yaml` is, else
 *   `npm publish`, the job's (`../npm/release-plan.ts`);
 * - `nx-release`: Nx Release runs its package manager's publish (`./nx.ts`, `../npm/nx-publish.ts`):
 *   `npm publish` with npm and Yarn, `pnpm publish`, `bun publish` (run again as `npm publish`
 *   when it fails to authenticate, from Nx 22.7.3); a guess when the Nx version or the executor is
 *   not known;
 * - `npm-reported`: the tool runs the npm on PATH by what its documentation and its users show, not
 *   by its source (closed): GoReleaser Pro's `npms:` ("customize with npm config"; GoReleaser's
 *   own release job publishes with setup-node's Node 24 and `id-token: write`, no token, and
 *   go-task/task's runs `npm install -g npm@latest` first for it): a finding is `likely` at most;
 * - `guess`: a publish guessed from a script's name (`npm run release` whose script tp-doctor cannot
 *   read, or that runs something it cannot read): if it publishes with npm, the npm version
 *   decides, so it is checked as a possible publish (info).
 * Tools that exchange the OIDC token themselves (lerna 9, @semantic-release/npm 13.1+, Yarn Berry)
 * or never use OIDC (Yarn 1, Bun) are not listed: the npm version does not decide for them.
 */
export type NpmCliUse = 'npm' | 'npm-reported' | 'stage' | 'pnpm' | 'changesets' | 'np' | 'rush' | 'release-plan' | 'nx-release' | 'guess';

export const NPM_CLI_USE: Readonly<Record<string, NpmCliUse>> = {
  'npm-publish': 'npm',
  'npm-stage-publish': 'stage',
  'pnpm-publish': 'pnpm',
  'changeset-publish': 'changesets',
  'js-devtools-npm-publish': 'npm',
  'release-it': 'npm',
  np: 'np',
  'rush-publish': 'rush',
  'release-plan-publish': 'release-plan',
  changelogen: 'npm',
  'publib-npm': 'npm',
  // clean-publish runs `npm publish` on a cleaned copy, unless its configuration picks pnpm or yarn.
  'clean-publish': 'npm',
  'npmci-publish': 'npm',
  'npmci-publish-legacy': 'npm',
  // beachball passes a token only as npm configuration, which a successful exchange overrides.
  'beachball-publish': 'npm',
  'beachball-canary': 'npm',
  // napi's `napi.npmClient` (npm by default) is not read: the recognisers are guesses (warning at most).
  'napi-prepublish': 'npm',
  'napi-pre-publish': 'npm',
  // wasm-pack publish runs the npm on PATH in its generated package directory (a guess: warning at most).
  'wasm-pack-publish': 'npm',
  // aegir release / release-rc run the npm on PATH (a guess: warning at most).
  'aegir-release': 'npm',
  // An unreadable command that may publish: if it publishes, it most likely ends in `npm publish`.
  // Findings on it stay at info (a possible publish).
  'unread-command': 'npm',
  'npm-run': 'guess',
  'pnpm-run': 'guess',
  'yarn-run': 'guess',
  'bun-run': 'guess',
  'nr-run': 'guess',
  // auto's npm plugin runs `npm publish` (lerna's in a monorepo): which plugins run is not read.
  'auto-shipit': 'guess',
  'auto-canary': 'guess',
  'auto-next': 'guess',
  'auto-latest': 'guess',
  'shipjs-trigger': 'guess',
  // A `@semantic-release/exec` `publishCmd` that runs something tp-doctor cannot read (src/model/npm/semantic-release-exec.ts).
  'semantic-release-exec': 'guess',
  // A release-it plugin in the npm plugin's place whose publish command tp-doctor cannot read (src/model/npm/release-it-hooks.ts).
  'release-it-plugin': 'guess',
  // GoReleaser Pro's `npms:` (src/model/npm/goreleaser.ts).
  'goreleaser-release': 'npm-reported',
  // `nx release` publishes each project with its package manager's CLI (src/model/npm/nx-publish.ts).
  'nx-release': 'nx-release',
  // An Nx target named like a publish whose commands tp-doctor cannot read (src/model/npm/nx-runs.ts).
  'nx-run': 'guess',
  // A Turborepo task named like a publish whose packages or scripts tp-doctor cannot read (src/model/npm/turbo-runs.ts).
  'turbo-run': 'guess',
};

/**
 * `npm dist-tag` exchanges an OIDC token from npm 11.21.0 in the 11.x line and from 12.2.0 in the
 * 12.x line (read in the released `lib/commands/dist-tag.js`); `npm deprecate`, `access` and
 * `owner` never use OIDC.
 */
export const NPM_DIST_TAG_OIDC = '>=11.21.0 <12.0.0 || >=12.2.0';
/** The versions named in messages about `npm dist-tag`. */
export const NPM_DIST_TAG_FIRST = { v11: '11.21.0', v12: '12.2.0' } as const;

/**
 * npm commands that write to the registry and never use an OIDC token (docs/domain.md §0): with no
 * stored token they fail with ENEEDAUTH (or E401 with setup-node's placeholder). The subcommands
 * that write; `*` for a command that always does. Read-only forms (`npm access get`, `npm owner ls`)
 * are left out.
 */
export const NPM_NO_OIDC_COMMANDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['deprecate', ['*']],
  ['undeprecate', ['*']],
  ['access', ['set', 'grant', 'revoke', 'public', 'restricted', '2fa-required', '2fa-not-required', 'edit']],
  ['owner', ['add', 'rm', 'remove']],
  ['author', ['add', 'rm', 'remove']],
]);

/**
 * `npm trust` subcommands that create or remove a trusted publisher (docs/domain.md §0): npm asks
 * for two-factor authentication and refuses bypass-2FA tokens, so they cannot run unattended.
 */
export const NPM_TRUST_WRITES: readonly string[] = ['github', 'gitlab', 'circleci', 'revoke'];

/**
 * The first npm that stops on a command-line option it does not know (EUNKNOWNCONFIG, "Unknown cli
 * flag"), where npm 11 only warned ("This will stop working in the next major version of npm"):
 * pnpm/pnpm#9646 for the warning; the failures with npm 12 in optimizely-axiom/optiaxiom#1742,
 * OpenRouterTeam/ai-sdk-provider#563, webspatial/webspatial-sdk#1359, Auxx-Ai/auxx-ai#1723 [obs].
 */
export const NPM_REJECTS_UNKNOWN_FLAGS = '12.0.0';

/**
 * pnpm's own options of `pnpm publish` that reach npm: pnpm 10 and older publish by running the npm
 * on PATH with the command's options (`runNpm(npmPath, ['publish', ..., ...args])`,
 * releasing/plugin-commands-publishing/src/publish.ts), and `changeset publish` adds
 * `--no-git-checks` to each `pnpm publish` it runs (changesets/changesets#434). npm has no git
 * checks: given to `npm publish` itself, either spelling is an unknown option.
 */
export const PNPM_ONLY_PUBLISH_FLAGS = ['--no-git-checks', '--git-checks'] as const;

/**
 * The first pnpm 10 that removes `--no-git-checks` (with `--embed-readme`, `--no-embed-readme`,
 * `--publish-branch`, `--npm-path`) before it runs npm: `removePnpmSpecificOptions`, added in
 * v10.18.3 (absent from v9.15.9 and from every v10 tag before it). `--git-checks` is not removed.
 * pnpm 11 publishes without npm.
 */
export const PNPM_STRIPS_OPTIONS_FROM = '10.18.3';
