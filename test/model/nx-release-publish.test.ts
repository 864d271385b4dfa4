/**
 * What Nx Release publishes with (src/model/npm/nx-publish.ts, facts in src/model/data/nx.ts): the
 * package manager Nx detects (nx.json `cli.packageManager`, else bun.lockb/bun.lock, yarn.lock,
 * pnpm-lock.yaml, else npm) and the Nx release (`bun publish` from 20.5.0, run again as `npm
 * publish` on an authentication error from 22.7.3 and 23.0.0-beta.18; `pnpm publish` from 19.7.1),
 * and how npm-supports-oidc and publish-tool-supports-oidc judge it. nrwl/nx-labs: bun.lock, Nx
 * 23.2.0-beta.9, `bunx nx release`.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { nxReleaseRun, nxRunsText } from '../../src/model/npm/nx-publish.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const WF = '.github/workflows/release.yml';
const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** An Nx workspace with one package; `nx` the `@nx/js` version (none: not listed), `files` more (lockfiles). */
function workspace(nx: string | undefined, files: Record<string, string> = {}, nxJson: Record<string, unknown> = {}): Record<string, string> {
  return {
    'package.json': json({ name: 'root', private: true, workspaces: ['packages/*'], devDependencies: nx === undefined ? {} : { '@nx/js': nx, nx } }),
    'nx.json': json(nxJson),
    'packages/a/package.json': json({ name: '@acme/a', version: '1.0.0', repository: 'github:acme/a' }),
    ...files,
  };
}

const BUN = { 'bun.lock': '{ "lockfileVersion": 1 }\n' };
const BUNB = { 'bun.lockb': 'binary' };
const PNPM = { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" };
const YARN = { 'yarn.lock': '# yarn lockfile v1\n' };
const NPM = { 'package-lock.json': json({ lockfileVersion: 3, packages: {} }) };

const run = (files: Record<string, string>): string => {
  const r = nxReleaseRun(loadProject(new MemoryFs(files)));
  return r.runs === 'unknown' ? 'unknown' : `${r.runs} (${r.because ?? ''})`;
};

describe('nxReleaseRun: the package manager Nx detects', () => {
  it('bun.lock and bun.lockb are Bun, yarn.lock Yarn, pnpm-lock.yaml pnpm, else npm', () => {
    expect(run(workspace('21.0.0', BUN))).toBe('bun (bun.lock)');
    expect(run(workspace('21.0.0', BUNB))).toBe('bun (bun.lockb)');
    expect(run(workspace('21.0.0', PNPM))).toBe('pnpm (pnpm-lock.yaml)');
    expect(run(workspace('21.0.0', YARN))).toBe('npm (yarn.lock)');
    expect(run(workspace('21.0.0', NPM))).toBe('npm (no Bun, Yarn or pnpm lockfile)');
  });

  it('looks for the lockfiles in Nx\'s order: Bun before Yarn before pnpm', () => {
    expect(run(workspace('21.0.0', { ...PNPM, ...YARN, ...BUN }))).toBe('bun (bun.lock)');
    expect(run(workspace('21.0.0', { ...PNPM, ...YARN }))).toBe('npm (yarn.lock)');
  });

  it('nx.json `cli.packageManager` wins over the lockfiles', () => {
    expect(run(workspace('21.0.0', BUN, { cli: { packageManager: 'npm' } }))).toBe('npm (`cli.packageManager` in nx.json)');
    expect(run(workspace('21.0.0', NPM, { cli: { packageManager: 'bun' } }))).toBe('bun (`cli.packageManager` in nx.json)');
    expect(run(workspace('21.0.0', NPM, { cli: { packageManager: 'deno' } }))).toBe('unknown');
  });

  it('package.json `packageManager` is not what Nx reads', () => {
    const files = workspace('21.0.0', NPM);
    files['package.json'] = json({ ...JSON.parse(files['package.json']!), packageManager: 'pnpm@10.0.0' });
    expect(run(files)).toBe('npm (no Bun, Yarn or pnpm lockfile)');
  });
});

describe('nxReleaseRun: the Nx release decides the command', () => {
  it('`bun publish` from 20.5.0; before it npm, and bun.lock was not read', () => {
    expect(run(workspace('20.5.0', BUN))).toBe('bun (bun.lock)');
    expect(run(workspace('20.4.6', BUNB))).toBe('npm (bun.lockb)');
    expect(run(workspace('20.4.6', BUN))).toBe('npm (no Bun, Yarn or pnpm lockfile)');
  });

  it('from 22.7.3 and 23.0.0-beta.18 a failed `bun publish` is run again as `npm publish`', () => {
    expect(run(workspace('22.7.2', BUN))).toBe('bun (bun.lock)');
    expect(run(workspace('22.7.3', BUN))).toBe('bun-then-npm (bun.lock)');
    expect(run(workspace('23.0.0-beta.17', BUN))).toBe('bun (bun.lock)');
    expect(run(workspace('23.0.0-beta.18', BUN))).toBe('bun-then-npm (bun.lock)');
    expect(run(workspace('23.2.0-beta.9', BUN))).toBe('bun-then-npm (bun.lock)');
    expect(run(workspace('^23.0.0', BUN))).toBe('bun-then-npm (bun.lock)');
  });

  it('`pnpm publish` from 19.7.1', () => {
    expect(run(workspace('19.7.1', PNPM))).toBe('pnpm (pnpm-lock.yaml)');
    expect(run(workspace('19.6.0', PNPM))).toBe('npm (pnpm-lock.yaml)');
  });

  it('an Nx version that cannot be read leaves Bun and pnpm unknown, npm and Yarn not', () => {
    expect(run(workspace(undefined, BUN))).toBe('unknown');
    expect(run(workspace('^22.0.0', BUN))).toBe('unknown');
    expect(run(workspace(undefined, PNPM))).toBe('unknown');
    expect(run(workspace(undefined, YARN))).toBe('npm (yarn.lock)');
    expect(run(workspace(undefined, NPM))).toBe('npm (no Bun, Yarn or pnpm lockfile)');
  });

  it('is unknown without nx.json, or away from the workspace root', () => {
    const files = workspace('21.0.0', BUN);
    delete files['nx.json'];
    expect(run(files)).toBe('unknown');
    expect(nxReleaseRun(loadProject(new MemoryFs(workspace('21.0.0', BUN))), 'packages/a').runs).toBe('unknown');
  });

  it('says what runs', () => {
    const text = (files: Record<string, string>): string => nxRunsText(nxReleaseRun(loadProject(new MemoryFs(files))));
    expect(text(workspace('23.2.0-beta.9', BUN))).toBe('Nx 23.2.0-beta.9 runs npm publish when bun publish fails to authenticate');
    expect(text(workspace('21.0.0', YARN))).toBe('Nx runs npm publish in a Yarn workspace: yarn.lock');
    expect(text(workspace('19.6.0', PNPM))).toBe('Nx 19.6.0 runs npm publish');
  });
});

describe('nxReleaseRun: a project that overrides the executor keeps the guess', () => {
  const target = (value: Record<string, unknown>): Record<string, string> => ({ 'packages/a/project.json': json({ name: 'a', targets: { 'nx-release-publish': value } }) });

  it('an `nx-release-publish` target of another executor', () => {
    expect(run(workspace('21.0.0', { ...BUN, ...target({ executor: 'nx:run-commands', options: { command: 'npm publish' } }) }))).toBe('unknown');
    expect(run(workspace('21.0.0', { ...BUN, ...target({ command: 'npm publish' }) }))).toBe('unknown');
  });

  it('options only, or the default executor, are the default publish (nx-labs: `packageRoot` only)', () => {
    expect(run(workspace('21.0.0', { ...BUN, ...target({ options: { packageRoot: 'dist/{projectRoot}' } }) }))).toBe('bun (bun.lock)');
    expect(run(workspace('21.0.0', { ...BUN, ...target({ executor: '@nx/js:release-publish' }) }))).toBe('bun (bun.lock)');
  });

  it('nx.json `targetDefaults` for it', () => {
    expect(run(workspace('21.0.0', BUN, { targetDefaults: { 'nx-release-publish': { executor: '@acme/tools:publish' } } }))).toBe('unknown');
    expect(run(workspace('21.0.0', BUN, { targetDefaults: { 'nx-release-publish': { dependsOn: ['build'] } } }))).toBe('bun (bun.lock)');
  });

  it('only the projects nx.json `release.projects` selects count', () => {
    const other = { 'packages/b/package.json': json({ name: '@acme/b', version: '1.0.0' }), 'packages/b/project.json': json({ name: 'b', targets: { 'nx-release-publish': { executor: 'nx:run-commands' } } }) };
    expect(run(workspace('21.0.0', { ...BUN, ...other }, { release: { projects: ['@acme/a'] } }))).toBe('bun (bun.lock)');
    expect(run(workspace('21.0.0', { ...BUN, ...other }))).toBe('unknown');
  });
});

/** A release job on Node `node` running `command` at the root. */
const workflow = (command: string, node = '24'): string =>
  [
    'on: push',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with:',
    `          node-version: ${node}`,
    `      - run: ${command}`,
    '',
  ].join('\n');

/** `ruleId severity: message` of the two rules that judge the publish tool. */
async function findings(files: Record<string, string>): Promise<string[]> {
  const found = await lintFiles(files);
  return found.filter((d) => d.ruleId === 'publish-tool-supports-oidc' || d.ruleId === 'npm-supports-oidc').map((d) => `${d.ruleId} ${d.severity}: ${d.message}`);
}

describe('Nx Release judged as the command it runs', () => {
  it('`bun publish` (Nx 21): publish-tool-supports-oidc, a warning', async () => {
    const found = await findings({ ...workspace('21.0.0', BUN), [WF]: workflow('npx nx release --yes') });
    expect(found).toEqual([expect.stringMatching(/^publish-tool-supports-oidc warning: `nx release` publishes with `bun publish`, .*Nx "21\.0\.0" .* Bun \(bun\.lock\); expected Nx 22\.7\.3 or later/)]);
  });

  it('nx.json `cli.packageManager: npm` in the same workspace: no Bun finding', async () => {
    expect(await findings({ ...workspace('21.0.0', BUN, { cli: { packageManager: 'npm' } }), [WF]: workflow('npx nx release --yes') })).toEqual([]);
  });

  it('Nx 23 retries with npm: the job\'s npm decides (Node 20: npm 10)', async () => {
    expect(await findings({ ...workspace('23.2.0-beta.9', BUN), [WF]: workflow('bunx nx release --yes') })).toEqual([]);
    const old = await findings({ ...workspace('23.2.0-beta.9', BUN), [WF]: workflow('bunx nx release --yes', '20') });
    expect(old).toEqual([expect.stringMatching(/^npm-supports-oidc warning: .*nx release \(Nx 23\.2\.0-beta\.9 runs npm publish when bun publish fails to authenticate\)/)]);
  });

  it('Yarn and npm workspaces: npm\'s version rules, as a warning (was a possible publish)', async () => {
    expect(await findings({ ...workspace('21.0.0', YARN), [WF]: workflow('npx nx release --yes', '20') })).toEqual([
      expect.stringMatching(/^npm-supports-oidc warning: .*nx release \(Nx runs npm publish in a Yarn workspace: yarn\.lock\)/),
    ]);
    expect(await findings({ ...workspace('21.0.0', NPM), [WF]: workflow('npx nx release --yes', '20') })).toEqual([expect.stringMatching(/^npm-supports-oidc warning: .*nx release \(Nx runs npm publish: no Bun, Yarn or pnpm lockfile\)/)]);
  });

  it('pnpm 10: pnpm runs npm publish, the job\'s npm decides', async () => {
    const files = workspace('21.0.0', PNPM);
    files['package.json'] = json({ ...JSON.parse(files['package.json']!), packageManager: 'pnpm@10.12.1' });
    expect(await findings({ ...files, [WF]: workflow('pnpm nx release --yes', '20') })).toEqual([expect.stringMatching(/^npm-supports-oidc warning: .*nx release \(Nx runs pnpm publish; pnpm 10 runs npm publish\)/)]);
  });

  it('a project overriding the executor: the guess, as before (info)', async () => {
    const files = { ...workspace('21.0.0', BUN), 'packages/a/project.json': json({ name: 'a', targets: { 'nx-release-publish': { executor: 'nx:run-commands', options: { command: 'npm publish' } } } }) };
    expect(await findings({ ...files, [WF]: workflow('npx nx release --yes', '20') })).toEqual([expect.stringMatching(/^npm-supports-oidc info: .*nx release \(if it runs npm publish\)/)]);
  });

  it('`nx run a:nx-release-publish` with options only is the default executor\'s publish', async () => {
    const files = { ...workspace('21.0.0', BUN), 'packages/a/project.json': json({ name: 'a', targets: { 'nx-release-publish': { options: { packageRoot: 'packages/a' } } } }) };
    expect(await findings({ ...files, [WF]: workflow('npx nx run a:nx-release-publish') })).toEqual([expect.stringMatching(/^publish-tool-supports-oidc warning: `nx run a:nx-release-publish` publishes with `bun publish`/)]);
  });
});
