/**
 * release-it plugins that take the place of release-it's own npm plugin: a plugin listed under the
 * configuration's `plugins` whose `static disablePlugin()` names `npm`. release-it
 * (21.1.2 and earlier, `lib/plugin/factory.js` `getPlugins`) loads each plugin of `plugins`
 * (`{ "<name>": options }`, or `{ "<name>": ["<namespace>", options] }`), and when its
 * `isEnabled(options)` holds (the base `Plugin` says always) leaves out every built-in plugin its
 * `disablePlugin(options)` names. The npm plugin then never runs: neither its `npm whoami` and
 * collaborator pre-checks (what `npm.skipChecks` switches off), nor its publish, nor the hooks
 * `before:npm:*`/`after:npm:*`, whatever `npm` says. The publish is the plugin's own command, run
 * through a shell where release-it runs (`this.exec`). Read in the plugins' released sources:
 * - release-it-pnpm (hyoban/release-it-pnpm `src/index.js`, 1.0 to 4.6.6, 2024-02 to 2026):
 *   `disablePlugin()` returns `['npm', 'version']` (`'npm'` from its first release); in `bump` it
 *   runs `publishCommand.replace('$tag', tag)` (`tag`: the prerelease id, else `latest`), by default
 *   `pnpm -r publish --access public --no-git-checks --tag $tag` (only when a bumped package.json is
 *   not private), else the command its `publishCommand` option gives (read from 4.5.0, April 2024;
 *   always run); nothing in a dry run.
 * Not listed: `@release-it-plugins/workspaces`, which does not disable the npm plugin itself (it asks
 * for `npm: false` in its README): `RELEASE_IT_WORKSPACES` below.
 */

export interface ReleaseItNpmPlugin {
  /** The name written under `plugins` (the package release-it imports). */
  readonly plugin: string;
  /** The built-in plugins its `disablePlugin()` names (always `npm` here). */
  readonly disables: readonly string[];
  /** The option that holds its publish command. */
  readonly commandOption: string;
  /** The command it runs without that option; `$tag` is the release's dist-tag, a word tp-doctor cannot read. */
  readonly defaultCommand: string;
}

export const RELEASE_IT_NPM_PLUGINS: readonly ReleaseItNpmPlugin[] = [
  {
    plugin: 'release-it-pnpm',
    disables: ['npm', 'version'],
    commandOption: 'publishCommand',
    defaultCommand: 'pnpm -r publish --access public --no-git-checks --tag $tag',
  },
];

/**
 * `@release-it-plugins/workspaces`, the plugin that releases a monorepo with release-it: it leaves
 * release-it's npm plugin on (its README asks for `"npm": false`) and publishes each workspace
 * itself. Read in release-it-plugins/workspaces `index.js` (5.x, 2025-2026):
 * - `static isEnabled(options)`: a package.json where release-it runs and options not `false`;
 * - its workspaces are its `workspaces` option, else the root package.json `workspaces` (a list or
 *   `{ packages }`), else, when `pnpm-lock.yaml` or `pnpm-workspace.yaml` is there (`hasPnpm()`),
 *   pnpm-workspace.yaml `packages`; with none, its constructor throws;
 * - `init()` returns at once when its `skipChecks` option is set, else runs `npm|pnpm ping` and
 *   `npm|pnpm whoami --registry <registry>` (pnpm when `hasPnpm()`), ignoring only an E400/E404
 *   answer: under OIDC nobody is logged in yet, whoami fails, and it throws "Not authenticated
 *   with npm" before anything is published (the `npm.skipChecks` of release-it's npm plugin does
 *   not reach it);
 * - `release()` does nothing when its `publish` option is `false`, else for each workspace that is
 *   not private runs `npm|pnpm publish ./<workspace> --tag <tag>` (`--access`, `--otp`,
 *   `--dry-run` as needed), or, when its `publishCommand` option is set, that command (execa, no
 *   shell; the workspace in `RELEASE_IT_WORKSPACES_PATH_TO_WORKSPACE`).
 */
export const RELEASE_IT_WORKSPACES = {
  plugin: '@release-it-plugins/workspaces',
  /** The option that turns `init()`'s registry and whoami checks off. */
  skipChecksOption: 'skipChecks',
  /** `false`: no publish. */
  publishOption: 'publish',
  /** A command run for each workspace instead of `npm|pnpm publish`. */
  commandOption: 'publishCommand',
  /** Globs that replace the root's `workspaces`. */
  workspacesOption: 'workspaces',
  /** Files whose presence where release-it runs makes it run pnpm instead of npm. */
  pnpmFiles: ['pnpm-lock.yaml', 'pnpm-workspace.yaml'],
  /** The words after `publish ./<workspace>`; `$tag`, the release's dist-tag, is a word tp-doctor cannot read. */
  publishArgs: '--tag $tag',
  /** The check its `skipChecks` turns off. */
  check: 'whoami',
} as const;
