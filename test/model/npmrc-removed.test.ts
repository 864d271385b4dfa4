/**
 * A line an earlier step wrote into an `.npmrc` stops deciding the registry once the job removes
 * (`rm .npmrc`), restores (`git checkout .npmrc`) or overwrites (`> .npmrc`) that file (survey904c
 * M6: the second publish of a dual GitHub Packages / npmjs job was read as a GitHub Packages one).
 * Only when the two name the same file for certain; a committed `.npmrc` removed is gone too.
 * `npm config delete registry --location project` empties the project file's key, not the user one.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });
const GPR_LINES = ['echo "@acme:registry=https://npm.pkg.github.com" > .npmrc', 'echo "//npm.pkg.github.com/:_authToken=${GH_TOKEN}" >> .npmrc', 'npm publish'];

function workflow(first: readonly string[], second: readonly string[], secondStep: readonly string[] = [], node = 24): string {
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
    `        with: { node-version: ${node} }`,
    '      - name: Publish to GitHub Packages',
    ...run(first),
    '        env: { GH_TOKEN: "${{ secrets.GITHUB_TOKEN }}" }',
    '      - name: Publish to npm',
    ...secondStep.map((l) => `        ${l}`),
    ...run(second),
    '',
  ].join('\n');
}

const registries = (files: Record<string, string>): string[] =>
  loadProject(new MemoryFs({ 'package.json': PKG, ...files })).facts.sites.map((s) => s.registry.registry);
const dual = (second: readonly string[], secondStep: readonly string[] = [], first = GPR_LINES): string[] =>
  registries({ '.github/workflows/release.yml': workflow(first, second, secondStep) });

describe('an .npmrc removed, restored or overwritten before a publish', () => {
  it.each([
    'rm .npmrc',
    'rm -f .npmrc',
    'rm -f -- ./.npmrc',
    'rm -f "$GITHUB_WORKSPACE/.npmrc"',
    'git checkout .npmrc',
    'git checkout -- .npmrc',
    'git restore .npmrc',
    'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc',
  ])('%s: the later publish goes to npmjs', (cmd) => {
    expect(dual([cmd, 'npm publish'])).toEqual(['other', 'npmjs']);
  });

  it('survey904c M6: npm 10 of Node 20 publishing to npmjs without a token is an error', async () => {
    const ds = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': workflow(GPR_LINES, ['rm .npmrc', 'npm publish'], [], 20) });
    expect(ds.filter((d) => d.ruleId === 'npm-supports-oidc').map((d) => [d.messageId, d.severity])).toEqual([['bundledTooOld', 'error']]);
  });

  it('a file the same step removes, then writes again, decides again', () => {
    expect(dual(['rm .npmrc', 'echo "@acme:registry=https://npm.pkg.github.com" >> .npmrc', 'npm publish'])).toEqual(['other', 'other']);
  });

  it('control: without the removal, or with an append, the second publish still goes to GitHub Packages', () => {
    expect(dual(['npm publish'])).toEqual(['other', 'other']);
    expect(dual(['echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" >> .npmrc', 'npm publish'])).toEqual(['other', 'other']);
    expect(dual(['rm .npmrc.bak', 'npm publish'])).toEqual(['other', 'other']);
    expect(dual(['git restore --staged .npmrc', 'npm publish'])).toEqual(['other', 'other']);
  });

  it('control: an .npmrc of another directory, or one tp-doctor cannot tell, is not the one written', () => {
    expect(dual(['cd packages', 'rm .npmrc', 'cd ..', 'npm publish'])).toEqual(['other', 'other']);
    expect(dual(['rm .npmrc', 'npm publish'], ['working-directory: packages'])).toEqual(['other', 'other']);
    expect(dual(['rm "$DIR/.npmrc"', 'npm publish'])).toEqual(['other', 'other']);
    expect(dual(['rm ~/.npmrc', 'npm publish'])).toEqual(['other', 'other']);
  });

  it('control: a removal that may not run changes nothing', () => {
    expect(dual(['rm .npmrc'], ['if: github.event_name == \'release\''])).toEqual(['other']);
    expect(dual(['if [ -n "$X" ]; then rm .npmrc; fi', 'npm publish'])).toEqual(['other', 'other']);
  });

  it('a home .npmrc removed by its path from anywhere', () => {
    const home = ['echo "@acme:registry=https://npm.pkg.github.com" >> ~/.npmrc', 'npm publish'];
    expect(dual(['rm -f "$HOME/.npmrc"', 'npm publish'], ['working-directory: packages'], home)).toEqual(['other', 'npmjs']);
  });

  it('a committed .npmrc removed stays gone for the later steps; restored, it decides again', () => {
    const files = (second: readonly string[]): Record<string, string> => ({
      '.npmrc': '@acme:registry=https://npm.pkg.github.com\n',
      '.github/workflows/release.yml': workflow(['npm publish', 'rm .npmrc'], second),
    });
    expect(registries(files(['npm publish']))).toEqual(['other', 'npmjs']);
    expect(registries(files(['git checkout .npmrc', 'npm publish']))).toEqual(['other', 'other']);
  });
});

describe('npm config delete registry --location project', () => {
  const userSet = ['npm config set registry https://npm.pkg.github.com', 'npm publish'];
  const projectSet = ['npm config set --location=project registry https://npm.pkg.github.com', 'npm publish'];

  it.each(['npm config delete registry --location=project', 'npm config delete -L project registry', 'npm config rm --location project registry'])('%s leaves the user configuration\'s registry', (cmd) => {
    expect(dual([cmd, 'npm publish'], [], userSet)).toEqual(['other', 'other']);
  });

  it.each(['npm config delete registry --location=project', 'npm config delete -L project registry'])('%s undoes a project `config set`', (cmd) => {
    expect(dual([cmd, 'npm publish'], [], projectSet)).toEqual(['other', 'npmjs']);
    expect(dual([cmd, 'npm publish'], [], ['echo "registry=https://npm.pkg.github.com" >> .npmrc', 'npm publish'])).toEqual(['other', 'npmjs']);
  });

  it('control: a user-level delete still undoes the user configuration\'s registry', () => {
    expect(dual(['npm config delete registry', 'npm publish'], [], userSet)).toEqual(['other', 'npmjs']);
  });
});
