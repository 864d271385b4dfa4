/**
 * `npm config delete registry` (also `del`, `rm`, and pnpm's) undoes an earlier `npm config set
 * registry …` of the job: the publish after it goes to npm's default registry (survey904c F2: a job
 * that publishes to GitHub Packages, deletes the key, then publishes to npmjs was read as two
 * GitHub Packages publishes, with a false `registry-is-npmjs` error on the second).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });

function workflow(second: readonly string[]): string {
  const run = (lines: readonly string[]): string[] => ['        run: |', ...lines.map((l) => `          ${l}`)];
  return [
    'on: push',
    'permissions: { contents: read, id-token: write, packages: write }',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: actions/setup-node@v5',
    '        with: { node-version: 24 }',
    '      - name: Publish to GitHub Packages',
    ...run(['npm config set registry https://npm.pkg.github.com', 'npm config set //npm.pkg.github.com/:_authToken "$GH_TOKEN"', 'npm publish']),
    '        env: { GH_TOKEN: "${{ secrets.GITHUB_TOKEN }}" }',
    '      - name: Publish to npm',
    ...run(second),
    '',
  ].join('\n');
}

const registries = (second: readonly string[]): string[] =>
  loadProject(new MemoryFs({ 'package.json': PKG, '.github/workflows/release.yml': workflow(second) })).facts.sites.map((s) => s.registry.registry);

describe('npm config delete registry', () => {
  it.each(['npm config delete registry', 'npm config rm registry', 'npm config del registry', 'pnpm config delete registry'])('%s sends the later publish to npmjs', (cmd) => {
    expect(registries([cmd, 'npm publish'])).toEqual(['other', 'npmjs']);
  });

  it('gives no registry-is-npmjs error on the npmjs publish', async () => {
    const ds = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': workflow(['npm config delete registry', 'npm publish']) });
    expect(ds.filter((d) => d.ruleId === 'registry-is-npmjs')).toEqual([]);
  });

  it('control: without the delete the second publish still goes to GitHub Packages', () => {
    expect(registries(['npm publish'])).toEqual(['other', 'other']);
  });

  it('control: deleting another key, or a scoped registry, changes nothing', () => {
    expect(registries(['npm config delete always-auth', 'npm publish'])).toEqual(['other', 'other']);
    expect(registries(['npm config delete @acme:registry', 'npm publish'])).toEqual(['other', 'other']);
  });
});
