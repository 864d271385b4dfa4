/**
 * npm put in place by other means than `npm install -g npm@…` (npm/npm-commands.ts): Corepack's npm
 * shim (`corepack enable npm`, which runs the version of `packageManager`), a global install by
 * another package manager (first on PATH or not, by the order of the setup steps), and files written
 * into npm's own package directory (de-id/agents-sdk). Each is a certain version or unknown, never
 * the bundled npm it replaced.
 */
import { describe, expect, it } from 'vitest';
import { GITHUB_PKG, lintFiles, releaseRepo, setupNodeWorkflow } from '../../test/helpers.js';

const RULE = 'npm-supports-oidc';
const pkg = (extra: Record<string, string>): string => JSON.stringify({ ...JSON.parse(GITHUB_PKG), ...extra });

/** Node 22 (bundled npm 10.9.x), then `run` in a step of its own, then `npm publish` (line 15). */
async function findings(run: string, extra: Record<string, string> = {}, rule = RULE, nodeVersion = '22'): Promise<string[]> {
  const wf = setupNodeWorkflow(`          node-version: ${nodeVersion}\n`, `      - run: |\n${run.split('\n').map((l) => `          ${l}`).join('\n')}\n      - run: npm publish\n`);
  const diagnostics = await lintFiles(releaseRepo(wf, extra), { rule });
  return diagnostics.map((d) => `${d.severity} ${d.messageId}: ${d.message}`);
}

describe('npm-supports-oidc: npm replaced without npm install -g', () => {
  it('`corepack enable npm` runs the npm of `packageManager`: 11.6.2 is enough, 10.9.0 is an error naming where to change it', async () => {
    expect(await findings('corepack enable npm', { 'package.json': pkg({ packageManager: 'npm@11.6.2+sha512.0123abcd' }) })).toEqual([]);
    const old = await findings('corepack enable npm', { 'package.json': pkg({ packageManager: 'npm@10.9.0' }) });
    expect(old).toEqual([expect.stringMatching(/^error pinnedTooOld: `npm publish` runs with npm 10\.9\.0, which the `packageManager` of package\.json pins/)]);
  });

  it('`corepack enable npm` reads the nearest `packageManager` up from where the publish runs (review)', async () => {
    const extra = { 'package.json': pkg({ packageManager: 'npm@10.9.2' }), 'packages/lib/package.json': pkg({ packageManager: 'npm@11.6.2' }) };
    const wf = setupNodeWorkflow('          node-version: 22\n', '      - run: corepack enable npm\n      - run: npm publish\n        working-directory: packages/lib\n');
    expect(await lintFiles(releaseRepo(wf, extra), { rule: RULE })).toEqual([]);
    // Control: the same repository, the publish at the root: npm 10.9.2.
    expect(await findings('corepack enable npm', extra)).toEqual([expect.stringMatching(/^error pinnedTooOld: `npm publish` runs with npm 10\.9\.2/)]);
  });

  it('`corepack enable npm` without an npm `packageManager` is unknown, a warning', async () => {
    expect(await findings('corepack enable npm')).toEqual([expect.stringMatching(/^warning unknownNpm: .*names no `packageManager`, so Corepack runs its own default npm/)]);
    expect(await findings('corepack enable npm', { 'package.json': pkg({ packageManager: 'pnpm@10.1.0' }) })).toEqual([
      expect.stringMatching(/^warning unknownNpm: .*`packageManager` is "pnpm@10\.1\.0", not npm/),
    ]);
  });

  it('plain `corepack enable` shims Yarn and pnpm only: the bundled npm stays, an error', async () => {
    expect(await findings('corepack enable', { 'package.json': pkg({ packageManager: 'npm@11.6.2' }) })).toEqual([expect.stringMatching(/^error bundledTooOld: `npm publish` runs with npm 10\.9\.\d+, bundled with Node 22/)]);
  });

  it.each(['pnpm add -g npm@11.6.0', 'yarn global add npm@11.6.0', 'bun add --global npm@11.6.0'])('`%s` installs npm where PATH may or may not reach first: a warning', async (run) => {
    expect(await findings(run)).toEqual([expect.stringMatching(/^warning unknownNpm: .*global bin directory, and whether it or the Node's own npm comes first on PATH/)]);
  });

  it("goes through none of npm's own EBADENGINE checks: no npm-upgrade-compatible finding on Node 20", async () => {
    expect(await findings('pnpm add -g npm@latest', {}, 'npm-upgrade-compatible', '20')).toEqual([]);
    // Control: npm's own global install of npm@latest (npm 12 drops Node 20) fails there.
    expect(await findings('npm install -g npm@latest', {}, 'npm-upgrade-compatible', '20')).toEqual([expect.stringMatching(/^error engineMismatch:/)]);
  });

  it('a pnpm install that is not of npm, or not global, changes nothing', async () => {
    for (const run of ['pnpm add -g typescript', 'pnpm add npm@11.6.0']) {
      expect(await findings(run)).toEqual([expect.stringMatching(/^error bundledTooOld:/)]);
    }
  });

  it("a tarball extracted into npm's own directory (de-id/agents-sdk) is unknown, a warning", async () => {
    const run = 'NPM_DIR="/opt/hostedtoolcache/node/${NODE_VERSION#v}/x64/lib/node_modules/npm"\ncurl -fsSL https://registry.npmjs.org/npm/-/npm-11.5.1.tgz | tar -xz --strip-components=1 -C "$NPM_DIR"';
    expect(await findings(run)).toEqual([expect.stringMatching(/^warning unknownNpm: .*"tar -xz --strip-components=1 -C \$NPM_DIR" writes files in a script that names npm's own package directory/)]);
    // Control: another package's folder (`node_modules/npm-run-all`) is not npm's.
    expect(await findings('rm -rf node_modules/npm-run-all')).toEqual([expect.stringMatching(/^error bundledTooOld:/)]);
  });
});
