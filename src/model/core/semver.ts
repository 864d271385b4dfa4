/**
 * The `semver` package, loaded on first use. Loading it makes its 86 regular expressions
 * (`internal/re.js`) and a few objects, work every run paid at start-up although a typical run
 * never compares a version with it (the Node release table and the npm versions compare numbers:
 * `npm/version-numbers.ts`). Importers use `semver.x(...)` as they would the package's default
 * export; the first such use loads it.
 *
 * `createRequire(import.meta.url)('semver')`, which a bundler cannot see: scripts/build.mjs turns it
 * into a plain `require('semver')` in the CLI and action bundles, which bundle the package and still
 * run it only on first use.
 */
import { createRequire } from 'node:module';
import type Semver from 'semver';
import { lazy } from './lazy.js';

const load = lazy(() => createRequire(import.meta.url)('semver') as typeof Semver);

/** `semver`'s default export; each property read loads the package when it is not yet loaded. */
export const semver: typeof Semver = new Proxy({} as typeof Semver, {
  get: (_target, key) => load()[key as keyof typeof Semver],
});
