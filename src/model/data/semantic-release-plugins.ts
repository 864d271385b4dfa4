/**
 * semantic-release plugins, other than @semantic-release/npm, whose publish step publishes to the
 * npm registry (src/model/npm/semantic-release-config.ts reads which of them a configuration
 * lists). A semantic-release run whose configuration lists one is a publish of the command the
 * plugin runs, in semantic-release's directory. Read in their released sources, December 2026:
 * - @containerbase/semantic-release-pnpm (containerbase/semantic-release `packages/pnpm/src/index.ts`):
 *   `publish` runs `pnpm -r publish --tag <channel> --no-git-checks`; no option turns it off, and it
 *   exchanges no OIDC token itself (pnpm does, or npm under pnpm 10). What renovatebot/renovate uses.
 * - @anolilab/semantic-release-pnpm (anolilab/semantic-release `packages/semantic-release-pnpm/src/
 *   publish.ts`, `verify/verify-auth.ts`): `pnpm publish <pkgRoot> ... --tag <channel> --registry
 *   <registry> --no-git-checks`, nothing with `npmPublish: false` (or a private package without
 *   workspaces); from 3.0.0 (2025-11-20) its `verifyConditions` exchanges the OIDC token itself and
 *   writes it to the `.npmrc` the publish reads, so pnpm's own OIDC support does not decide.
 * - semantic-release-yarn (hongaar/semantic-release-yarn `src/publish.ts`): `yarn npm publish --tag
 *   <channel>` (Yarn 2 and later; `yarn workspaces foreach ... npm publish` in a monorepo), nothing
 *   with `npmPublish: false`; its `verifyConditions` has demanded an npm token (ENONPMTOKEN), not
 *   known for every release: a guess.
 * - @amanda-mitchell/semantic-release-npm-multiple (its README): calls @semantic-release/npm (its own
 *   dependency) once per entry of `registries`, with that entry's options: @semantic-release/npm's
 *   `npm publish`, with that plugin's own token exchange, to registries the options name.
 * Not listed: plugins whose publish step could not be read (`semantic-release-pnpm`,
 * `@colbyfayock/semantic-release-pnpm`).
 */

export interface SemanticReleasePublishPlugin {
  /** The name written in `plugins`. */
  readonly plugin: string;
  /** The command its publish step runs, recognised like a `package.json` script (`${nextRelease.channel}`: the release's value). */
  readonly command: string;
  /** How it publishes is read in its source and does not depend on its version or options: a publish; else a guess (`likely`). */
  readonly certain: boolean;
  /** Its option `npmPublish: false` (or the configuration's root one) turns the publish off. */
  readonly npmPublishOption: boolean;
  /**
   * The plugin exchanges the OIDC token itself (from this version of the plugin, or `always`): the
   * version checks of the command's tool (npm, pnpm) do not apply to it.
   */
  readonly ownExchange?: string;
}

export const SEMANTIC_RELEASE_PUBLISH_PLUGINS: readonly SemanticReleasePublishPlugin[] = [
  { plugin: '@containerbase/semantic-release-pnpm', command: 'pnpm -r publish --tag ${nextRelease.channel} --no-git-checks', certain: true, npmPublishOption: false },
  { plugin: '@anolilab/semantic-release-pnpm', command: 'pnpm publish --tag ${nextRelease.channel} --no-git-checks', certain: false, npmPublishOption: true, ownExchange: '3.0.0' },
  { plugin: 'semantic-release-yarn', command: 'yarn npm publish --tag ${nextRelease.channel}', certain: false, npmPublishOption: true },
  { plugin: '@amanda-mitchell/semantic-release-npm-multiple', command: 'npm publish --tag ${nextRelease.channel}', certain: false, npmPublishOption: false, ownExchange: 'always' },
];

/** The recogniser id of a publish by a plugin that exchanges the token itself (no tool version check applies). */
export const OWN_EXCHANGE_RECOGNIZER = 'semantic-release-plugin';
