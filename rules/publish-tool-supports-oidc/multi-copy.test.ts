import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';
import { MULTI_SEMANTIC_RELEASE_COPIES } from '../../src/model/data/multi-semantic-release.js';
import semver from 'semver';

/**
 * A multi-semantic-release whose release depends on a semantic-release of its own (survey700b
 * MISS-4): that copy runs, so a release that depends on semantic-release 21 cannot publish with
 * trusted publishing. A warning: the package manager's layout may still differ.
 */
const workflow = ['name: Release', 'on: push', 'permissions:', '  id-token: write', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v5', '      - uses: actions/setup-node@v5', '        with:', '          node-version: 24', '      - run: npm ci', '      - run: npx multi-semantic-release', ''].join('\n');
const repo = (devDependencies: Record<string, string>): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], repository: 'github:acme/mono', devDependencies }),
  'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0', repository: 'github:acme/mono' }),
  '.github/workflows/release.yml': workflow,
});

async function tooOld(devDependencies: Record<string, string>): Promise<string[]> {
  const found = await lintFiles(repo(devDependencies), { rule: 'publish-tool-supports-oidc' });
  return found.filter((d) => d.messageId === 'tooOld').map((d) => `${d.severity} ${String(d.data['version'])}`);
}

describe('publish-tool-supports-oidc: a multi-semantic-release with its own semantic-release', () => {
  it('@qiwi/multi-semantic-release 7 depends on semantic-release ^21: a warning', async () => {
    expect(await tooOld({ '@qiwi/multi-semantic-release': '^7.1.0' })).toEqual(['warning ^21.0.5']);
    const [d] = (await lintFiles(repo({ '@qiwi/multi-semantic-release': '^7.1.0' }), { rule: 'publish-tool-supports-oidc' })).filter((x) => x.messageId === 'tooOld');
    expect(d?.message).toBe('`multi-semantic-release` runs semantic-release "^21.0.5" (the dependency of @qiwi/multi-semantic-release "^7.1.0", `devDependencies` in package.json); trusted publishing needs semantic-release 25 or later');
  });
  it('multi-semantic-release 2.13 depends on semantic-release ^17: a warning, even beside the repository\'s semantic-release 25', async () => {
    expect(await tooOld({ 'multi-semantic-release': '2.13.0', 'semantic-release': '^25.0.0' })).toEqual(['warning ^17.3.0']);
  });
  it('controls: multi-semantic-release 3.1 (semantic-release >=19.0.5), @anolilab (a peer), an unknown release', async () => {
    expect(await tooOld({ 'multi-semantic-release': '^3.1.0', 'semantic-release': '^25.0.0' })).toEqual([]);
    expect(await tooOld({ '@anolilab/multi-semantic-release': '^1.0.0', 'semantic-release': '^25.0.0' })).toEqual([]);
    expect(await tooOld({ '@qiwi/multi-semantic-release': '^6.0.0', 'semantic-release': '^25.0.0' })).toEqual([]);
  });
});

/**
 * The root's overrides and the lockfile decide which semantic-release the package's copy gets
 * (survey904b F2, ForestAdmin/agent-nodejs: Yarn `resolutions` forcing semantic-release ^25, its
 * yarn.lock resolving `semantic-release@^21.0.5, semantic-release@^25.0.0` to 25.0.2).
 */
describe('publish-tool-supports-oidc: a multi-semantic-release whose semantic-release the repository forces', () => {
  const qiwi = { '@qiwi/multi-semantic-release': '^7.1.2' };
  const withRoot = (fields: Record<string, unknown>, files: Record<string, string> = {}, run = 'npx multi-semantic-release'): Record<string, string> => {
    const base = repo(qiwi);
    const root = { ...(JSON.parse(base['package.json']!) as Record<string, unknown>), ...fields };
    return { ...base, 'package.json': JSON.stringify(root), '.github/workflows/release.yml': workflow.replace('npx multi-semantic-release', run), ...files };
  };
  const found = async (files: Record<string, string>): Promise<string[]> =>
    (await lintFiles(files, { rule: 'publish-tool-supports-oidc' })).filter((d) => d.messageId === 'tooOld').map((d) => `${d.severity} ${String(d.data['version'])} (${String(d.data['source'])})`);
  const yarn1 = { packageManager: 'yarn@1.22.19' };
  const yarnLock = (version: string): string => ['semantic-release@^21.0.5, semantic-release@^25.0.0:', `  version "${version}"`, '', '"@semantic-release/npm@^13.1.1":', '  version "13.1.3"', ''].join('\n');

  it('Yarn `resolutions`, npm `overrides`, `pnpm.overrides` forcing ^25: no tooOld', async () => {
    expect(await found(withRoot({ ...yarn1, resolutions: { 'semantic-release': '^25.0.0' } }))).toEqual([]);
    expect(await found(withRoot({ overrides: { 'semantic-release': '^25.0.0' } }))).toEqual([]);
    expect(await found(withRoot({ packageManager: 'pnpm@10.18.0', pnpm: { overrides: { 'semantic-release': '^25.0.0' } } }))).toEqual([]);
    // Under the package only: Yarn's `parent/name`, npm's nested map, pnpm's `parent>name`.
    expect(await found(withRoot({ ...yarn1, resolutions: { '@qiwi/multi-semantic-release/semantic-release': '^25.0.0' } }))).toEqual([]);
    expect(await found(withRoot({ overrides: { '@qiwi/multi-semantic-release': { 'semantic-release': '^25.0.0' } } }))).toEqual([]);
    expect(await found(withRoot({ packageManager: 'pnpm@10.18.0', pnpm: { overrides: { '@qiwi/multi-semantic-release>semantic-release': '^25.0.0' } } }))).toEqual([]);
  });
  it('the survey repository: `resolutions` and a yarn.lock that resolves the package\'s ^21.0.5 to 25.0.2: no tooOld', async () => {
    expect(await found(withRoot({ ...yarn1, resolutions: { 'semantic-release': '^25.0.0' } }, { 'yarn.lock': yarnLock('25.0.2') }, 'yarn multi-semantic-release'))).toEqual([]);
  });
  it('an override to an older range is judged as a range, named where it is written', async () => {
    expect(await found(withRoot({ ...yarn1, resolutions: { 'semantic-release': '^24.2.0' } }))).toEqual([
      'warning ^24.2.0 (`resolutions` in package.json, for the dependency of @qiwi/multi-semantic-release "^7.1.2", `devDependencies` in package.json)',
    ]);
  });
  it('the lockfile\'s exact version wins over the override and over the package\'s range', async () => {
    expect(await found(withRoot({ ...yarn1, resolutions: { 'semantic-release': '^25.0.0' } }, { 'yarn.lock': yarnLock('24.2.9') }))).toEqual([
      'warning 24.2.9 (yarn.lock, for the dependency of @qiwi/multi-semantic-release "^7.1.2", `devDependencies` in package.json)',
    ]);
    // package-lock.json: the copy Node finds from the package's folder (its own, else the hoisted one).
    const npmLock = (nested: boolean): string => JSON.stringify({ lockfileVersion: 3, packages: {
      '': { devDependencies: qiwi },
      'node_modules/@qiwi/multi-semantic-release': { version: '7.1.2' },
      ...(nested ? { 'node_modules/@qiwi/multi-semantic-release/node_modules/semantic-release': { version: '21.1.2' } } : {}),
      'node_modules/semantic-release': { version: '25.0.2' },
    } });
    expect(await found(withRoot({}, { 'package-lock.json': npmLock(false) }))).toEqual([]);
    expect((await found(withRoot({}, { 'package-lock.json': npmLock(true) }))).map((f) => f.split(' (')[0])).toEqual(['warning 21.1.2']);
    // pnpm-lock.yaml: the package's own `dependencies` (v9 `snapshots`).
    const pnpmLock = (version: string): string => ['lockfileVersion: \'9.0\'', 'importers:', '  .:', '    devDependencies:', '      \'@qiwi/multi-semantic-release\':', '        specifier: ^7.1.2', '        version: 7.1.2', 'snapshots:', '  \'@qiwi/multi-semantic-release@7.1.2\':', '    dependencies:', `      semantic-release: ${version}(typescript@5.9.3)`, ''].join('\n');
    const pnpm = { packageManager: 'pnpm@10.18.0' };
    expect(await found(withRoot(pnpm, { 'pnpm-lock.yaml': pnpmLock('25.0.2') }))).toEqual([]);
    expect((await found(withRoot(pnpm, { 'pnpm-lock.yaml': pnpmLock('21.1.2') }))).map((f) => f.split(' (')[0])).toEqual(['warning 21.1.2']);
  });
  it('controls: an override of another package, a field the package manager does not read, a copy the job installs itself', async () => {
    const before = ['warning ^21.0.5 (the dependency of @qiwi/multi-semantic-release "^7.1.2", `devDependencies` in package.json)'];
    expect(await found(withRoot({}))).toEqual(before);
    expect(await found(withRoot({ ...yarn1, resolutions: { '@semantic-release/npm': '^13.1.3' } }))).toEqual(before);
    expect(await found(withRoot({ ...yarn1, resolutions: { 'other-package/semantic-release': '^25.0.0' } }))).toEqual(before);
    expect(await found(withRoot({ ...yarn1, overrides: { 'semantic-release': '^25.0.0' } }))).toEqual(before);
    const global = await found(withRoot({ overrides: { 'semantic-release': '^25.0.0' } }, {}, 'npm i -g @qiwi/multi-semantic-release@7.1.2 && multi-semantic-release'));
    expect(global.map((f) => f.split(' (')[0])).toEqual(['warning ^21.0.5']);
  });
});

describe('MULTI_SEMANTIC_RELEASE_COPIES', () => {
  it('each row is a valid range of releases and of semantic-release, and the ranges of a package do not overlap', () => {
    for (const rows of Object.values(MULTI_SEMANTIC_RELEASE_COPIES)) {
      for (const row of rows) {
        expect(semver.validRange(row.versions), row.versions).not.toBeNull();
        expect(semver.validRange(row.semanticRelease), row.semanticRelease).not.toBeNull();
      }
      for (let i = 1; i < rows.length; i++) expect(semver.intersects(rows[i - 1]!.versions, rows[i]!.versions)).toBe(false);
    }
  });
});
