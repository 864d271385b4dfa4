/**
 * The CLI bundle holds the Node release table composed at build time (scripts/build.mjs
 * `composedReleaseTable`): the same rows that `composeReleases` gives at run time from the same
 * sources, and the build stops when the table is no longer composed the way the plugin expects.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composedReleaseTable } from '../scripts/build.mjs';
import { NODE_RELEASES } from '../src/model/data/node-releases.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const COMPILED = path.join(ROOT, 'dist/src/model/data/node-releases.js');

describe.skipIf(!existsSync(COMPILED))('the composed release table in the CLI bundle', () => {
  const load = () => composedReleaseTable();

  it('replaces the call with the rows the sources compose', async () => {
    const plugin = await load();
    const out = plugin.transform(readFileSync(COMPILED, 'utf8'), COMPILED);
    expect(out?.code).toContain(`export const NODE_RELEASES = ${JSON.stringify(NODE_RELEASES)};`);
    expect(out?.code).not.toContain('composeReleases(BUNDLED_NPM');
  });

  it('leaves other modules alone and stops the build when the line changed', async () => {
    const plugin = await load();
    expect(plugin.transform('export const NODE_RELEASES = composeReleases(BUNDLED_NPM, NODE_RELEASE_DATES, NPM_RELEASES);', '/x/dist/src/model/npm/node-version.js')).toBeNull();
    expect(() => plugin.transform('export const NODE_RELEASES = composeReleases(BUNDLED_NPM, DATES, NPM_RELEASES);', COMPILED)).toThrow(/no longer/);
  });
});
