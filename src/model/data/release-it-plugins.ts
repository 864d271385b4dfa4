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
 * for `npm: false` in its README and runs its own `npm|pnpm whoami` unless its `skipChecks`).
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
