/**
 * A committed `.npmrc` that a GitLab CI or CircleCI job removes (`rm .npmrc`), restores (`git
 * checkout .npmrc`), overwrites (`echo … > .npmrc`, `… | tee .npmrc`) or moves away before a publish
 * no longer decides its registry, as on GitHub (./npmrc-removed.test.ts, src/model/npm/npmrc-swaps.ts).
 * `tee .npmrc` without `-a` overwrites the file on all three platforms; `tee -a` appends.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });
const COMMITTED = '@acme:registry=https://npm.pkg.github.com\n';
const TOKEN_LINE = 'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"';

const registries = (files: Record<string, string>): string[] =>
  loadProject(new MemoryFs({ 'package.json': PKG, '.npmrc': COMMITTED, ...files })).facts.sites.map((s) => s.registry.registry);

const gitlab = (lines: readonly string[], beforeScript: readonly string[] = []): string[] => {
  const before = beforeScript.length > 0 ? ['  before_script:', ...beforeScript.map((l) => `    - ${l}`)] : [];
  const yml = ['publish:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: "npm:registry.npmjs.org"', ...before, '  script:', ...lines.map((l) => `    - ${l}`), ''].join('\n');
  return registries({ '.gitlab-ci.yml': yml });
};

const circle = (...steps: (readonly string[])[]): string[] => {
  const run = (lines: readonly string[]): string[] => ['      - run:', '          command: |', ...lines.map((l) => `            ${l}`)];
  const yml = ['version: 2.1', 'jobs:', '  publish:', '    docker:', '      - image: cimg/node:24.15', '    steps:', '      - checkout', ...steps.flatMap(run), 'workflows:', '  release:', '    jobs:', '      - publish', ''].join('\n');
  return registries({ '.circleci/config.yml': yml });
};

const RESETS = ['rm .npmrc', 'rm -f .npmrc', `${TOKEN_LINE} > .npmrc`, `${TOKEN_LINE} | tee .npmrc`, `${TOKEN_LINE} | sudo tee .npmrc > /dev/null`, 'mv .npmrc .npmrc.bak'];

describe('GitLab CI: a committed .npmrc removed or overwritten before a publish', () => {
  it.each(RESETS)('%s: the publish goes to npmjs', (cmd) => {
    expect(gitlab([cmd, 'npm publish'])).toEqual(['npmjs']);
  });
  it('on an earlier line of `before_script` (one shell with `script`), or after a `cd` and back', () => {
    expect(gitlab(['npm publish'], ['rm .npmrc'])).toEqual(['npmjs']);
    expect(gitlab(['cd packages', 'cd ..', 'rm .npmrc', 'npm publish'])).toEqual(['npmjs']);
  });
  it('restored (`git checkout .npmrc`): the committed file decides again', () => {
    expect(gitlab(['rm .npmrc', 'git checkout .npmrc', 'npm publish'])).toEqual(['other']);
    expect(gitlab(['rm .npmrc', 'git restore .npmrc', 'npm publish'])).toEqual(['other']);
  });
  it('controls: no removal, the removal after the publish, an append (`>>`, `tee -a`), another directory, a branch', () => {
    expect(gitlab(['npm publish'])).toEqual(['other']);
    expect(gitlab(['npm publish', 'rm .npmrc'])).toEqual(['other']);
    expect(gitlab([`${TOKEN_LINE} >> .npmrc`, 'npm publish'])).toEqual(['other']);
    expect(gitlab([`${TOKEN_LINE} | tee -a .npmrc`, 'npm publish'])).toEqual(['other']);
    expect(gitlab(['rm packages/.npmrc', 'npm publish'])).toEqual(['other']);
    expect(gitlab(['if [ -n "$X" ]; then rm .npmrc; fi', 'npm publish'])).toEqual(['other']);
    expect(gitlab(['true && rm .npmrc', 'npm publish'])).toEqual(['other']);
  });
});

describe('CircleCI: a committed .npmrc removed or overwritten before a publish', () => {
  it.each(RESETS)('%s: the publish goes to npmjs', (cmd) => {
    expect(circle([cmd, 'npm publish'])).toEqual(['npmjs']);
  });
  it('in an earlier step (files stay for the job)', () => {
    expect(circle(['rm .npmrc'], ['npm publish'])).toEqual(['npmjs']);
  });
  it('restored (`git checkout -- .npmrc`): the committed file decides again', () => {
    expect(circle(['rm .npmrc'], ['git checkout -- .npmrc', 'npm publish'])).toEqual(['other']);
  });
  it('controls: no removal, the removal after the publish, an append (`tee -a`)', () => {
    expect(circle(['npm publish'])).toEqual(['other']);
    expect(circle(['npm publish', 'rm .npmrc'])).toEqual(['other']);
    expect(circle(['npm publish'], ['rm .npmrc'])).toEqual(['other']);
    expect(circle([`${TOKEN_LINE} | tee -a .npmrc`, 'npm publish'])).toEqual(['other']);
  });
});

describe('GitHub: `tee .npmrc` overwrites, `tee -a` appends', () => {
  const github = (lines: readonly string[]): string[] => {
    const yml = ['on: push', 'permissions: { contents: read, id-token: write }', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - run: |', ...lines.map((l) => `          ${l}`), ''].join('\n');
    return registries({ '.github/workflows/release.yml': yml });
  };
  it('a committed .npmrc overwritten by `tee`: npmjs; a line written earlier and overwritten by `tee`: npmjs', () => {
    expect(github([`${TOKEN_LINE} | tee .npmrc`, 'npm publish'])).toEqual(['npmjs']);
    expect(github(['rm .npmrc', 'echo "@acme:registry=https://npm.pkg.github.com" >> .npmrc', `${TOKEN_LINE} | tee .npmrc`, 'npm publish'])).toEqual(['npmjs']);
  });
  it('the lines `tee` writes itself decide; controls: `tee -a` and `tee` in a branch keep the committed file', () => {
    expect(github(['rm .npmrc', 'echo "@acme:registry=https://npm.pkg.github.com" | tee .npmrc', 'npm publish'])).toEqual(['other']);
    expect(github([`${TOKEN_LINE} | tee -a .npmrc`, 'npm publish'])).toEqual(['other']);
    expect(github([`${TOKEN_LINE} | tee --append .npmrc`, 'npm publish'])).toEqual(['other']);
    expect(github([`if [ -n "$X" ]; then ${TOKEN_LINE} | tee .npmrc; fi`, 'npm publish'])).toEqual(['other']);
    expect(github([`true && ${TOKEN_LINE} | tee .npmrc`, 'npm publish'])).toEqual(['other']);
  });
});
