/**
 * The top-level package.json fields whose value matters to a publish: a repeated one (npm keeps the
 * last value, `JSON.parse`) may change what npm publishes, whether it publishes, or how the CI
 * publish runs, so `invalid-package-json/duplicateKey` is a warning there; any other repeated key
 * (`prettier`, `eslintConfig`, `resolutions`, `overrides`, `keywords`…) is an info.
 *
 * Why each group counts:
 * - npm's own checks on publish: `name`, `version`, `private` (EPRIVATE), `publishConfig` (registry,
 *   access, tag, provenance), `repository` (compared with the provenance/trusted-publisher repository).
 * - What the tarball holds and what it points at: `files`, `main`, `exports`, `bin`, `module`,
 *   `types`, `typings`, `browser`, `type`, `directories`, `man`.
 * - What runs during the publish: `scripts` (`prepublishOnly`, `prepack`, `prepare`, `postpublish`,
 *   and the `npm run release` a CI step calls), `packageManager` (which Yarn or pnpm runs),
 *   `engines`, `workspaces` (which packages a workspace publish sends), and the configuration a
 *   publish tool reads from package.json (`release` for semantic-release, `release-it`).
 * - Dependencies: `dependencies`, `peerDependencies`, `optionalDependencies`,
 *   `bundleDependencies`/`bundledDependencies` are written into the published manifest, so a repeated
 *   one publishes other requirements than the reader sees; `devDependencies` pins the publish tool
 *   the CI installs (semantic-release, lerna, npm itself), whose version decides whether it supports
 *   trusted publishing. `resolutions`, `overrides` and `pnpm` adjust an install and are rarely how
 *   a publish tool is chosen: info.
 */
export const PUBLISH_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'version',
  'private',
  'publishConfig',
  'repository',
  'files',
  'main',
  'exports',
  'bin',
  'module',
  'types',
  'typings',
  'browser',
  'type',
  'directories',
  'man',
  'scripts',
  'packageManager',
  'engines',
  'workspaces',
  'release',
  'release-it',
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
  'bundleDependencies',
  'bundledDependencies',
  'devDependencies',
]);
