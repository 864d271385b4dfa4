import { describe, expect, it } from 'vitest';
import { loadLintInput } from '../api.js';
import { EMPTY_CONFIG } from '../config/types.js';
import { MemoryFs } from '../fs/source.js';
import { repoFacts } from '../facts/repo-facts.js';
import { planInit, type InitPlan } from './plan.js';

function plan(files: Record<string, string>): InitPlan {
  const input = loadLintInput({ fs: new MemoryFs(files), config: EMPTY_CONFIG });
  if (!input.ok) throw new Error('config errors');
  return planInit(repoFacts(input.project, input.config));
}

const job = (command: string, file = '.circleci/config.yml'): Record<string, string> => ({
  [file]: [
    'version: 2.1',
    'jobs:',
    '  release:',
    '    docker:',
    '      - image: cimg/node:24.15',
    '    steps:',
    '      - checkout',
    '      - run: |',
    `          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`,
    `          ${command}`,
    'workflows:',
    '  release:',
    '    jobs: [release]',
    '',
  ].join('\n'),
});
const ROOT = (scripts: Record<string, string>): string => JSON.stringify({ name: '@acme/lint', version: '0.0.0', repository: 'github:acme/mono', scripts });
const LOOP = '#!/bin/bash\nset -e\nreadonly PUBLISHED=(\n  packages/a\n  packages/b\n)\nfor directory in "${PUBLISHED[@]}"; do\n  pushd "$directory"\n  npm publish --access public\n  popd\ndone\n';
const SUBS = { 'packages/a/package.json': '{"name":"@acme/a","version":"1.0.0"}', 'packages/b/package.json': '{"name":"@acme/b","version":"1.0.0"}' };

// survey919c F3 (girder/girder): a script that `pushd`s into listed directories publishes them, never the root package.
describe('init: a publish whose packages tp-doctor cannot tell', () => {
  it('a script looping `pushd "$directory"` over sub-packages: lists them, not the root package', () => {
    const p = plan({ 'package.json': ROOT({ 'publish-all': './.circleci/publish_npm.sh' }), '.circleci/publish_npm.sh': LOOP, ...SUBS, ...job('npm run publish-all') });
    expect(p.publishers.map((x) => x.packages)).toEqual([['@acme/a', '@acme/b']]);
    expect(p.publishers[0]!.notes.filter((n) => !n.startsWith('the organization'))).toEqual([
      'no publish command was recognised for certain (`npm publish` is in .circleci/publish_npm.sh, which tp-doctor read, but the script may not reach it); `allowedActions` assumes `npm publish`',
      'the publish command does not say which packages it publishes; listed the packages it may publish, in packages/a, packages/b ("@acme/a", "@acme/b"): remove the ones it does not publish',
    ]);
    expect(p.commands.map((c) => c.pkg)).toEqual(['@acme/a', '@acme/b']);
  });

  it('a script that changes to a directory it is given (`cd "$1"`): a placeholder, not the root package', () => {
    const p = plan({ 'package.json': ROOT({ release: './rel.sh' }), 'rel.sh': '#!/bin/bash\ncd "$1"\nnpm publish\n', ...job('npm run release') });
    expect(p.publishers.map((x) => x.packages)).toEqual([[]]);
    expect(p.publishers[0]!.notes.at(-1)).toBe(
      'the publish command runs in a directory tp-doctor cannot tell, so it does not say which packages it publishes: add them to `packages` by hand ("@acme/lint" only if that directory holds it or a copy of it)',
    );
    expect(p.commands).toEqual([]);
  });

  it('control: a script tp-doctor cannot read, run at the root: the only package is assumed', () => {
    const p = plan({ 'package.json': ROOT({ release: 'node scripts/release.js' }), ...job('npm run release') });
    expect(p.publishers.map((x) => x.packages)).toEqual([['@acme/lint']]);
    expect(p.publishers[0]!.notes.filter((n) => !n.startsWith('the organization'))).toEqual([
      'no publish command was recognised for certain (a script tp-doctor cannot read); `allowedActions` assumes `npm publish`',
      'the publish command does not say which package it publishes; assumed the repository\'s only package "@acme/lint"',
    ]);
  });
});

// survey919c D2: the reason a publish is a guess, as it is.
describe('init: why no publish command was recognised for certain', () => {
  it('a plain `npm publish` in a CircleCI configuration other than the default one', () => {
    const p = plan({ 'package.json': ROOT({}), ...job('npm publish', '.circleci/npm-publish.yml') });
    expect(p.publishers[0]!.notes[0]).toBe(
      'no publish command was recognised for certain (.circleci/npm-publish.yml is not the default .circleci/config.yml: a pipeline runs it only when its config file path names it); `allowedActions` assumes `npm publish`',
    );
  });

  it('a committed script tp-doctor read (birdofpreyru/js-utils `bin/release.sh`)', () => {
    const p = plan({ 'package.json': ROOT({}), 'bin/release.sh': '#!/bin/bash\nset -e\nnpm run build\nnpm publish\n', ...job('./bin/release.sh') });
    expect(p.publishers[0]!.notes[0]).toBe(
      'no publish command was recognised for certain (`npm publish` is in bin/release.sh, which tp-doctor read, but the script may not reach it); `allowedActions` assumes `npm publish`',
    );
  });
});

// An inline `cd` before the publish, in the publish's own shell: a literal one names its package; one tp-doctor cannot follow says so.
describe('init: a publish after an inline `cd`', () => {
  const MONO = { 'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }), ...SUBS };
  const github = (run: string): Record<string, string> => ({
    '.github/workflows/release.yml': `on: push\npermissions:\n  id-token: write\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n`,
  });
  const gitlab = (lines: string[]): Record<string, string> => ({
    '.gitlab-ci.yml': `release:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n  script:\n${lines.map((l) => `    - ${l}\n`).join('')}`,
  });
  const UNKNOWN_DIR = 'the publish command runs in a directory tp-doctor cannot tell, so it does not say which packages it publishes';

  it.each([
    ['a GitHub `run:`', github('cd packages/b && npm publish')],
    ['a CircleCI `run`', job('cd packages/b && npm publish')],
    ['GitLab script lines', gitlab(['cd packages/b', 'npm publish'])],
  ])('`cd packages/b` in %s: that package, with no CHECK', (_name, files) => {
    const p = plan({ ...MONO, ...files });
    expect(p.publishers.map((x) => x.packages)).toEqual([['@acme/b']]);
    expect(p.publishers[0]!.notes.filter((n) => n.includes('packages'))).toEqual([]);
  });

  it.each([
    ['a GitHub `run:`', github('cd "$DIR" && npm publish')],
    ['a CircleCI `run`', job('cd "$DIR" && npm publish')],
    ['GitLab script lines', gitlab(['cd "$DIR"', 'npm publish'])],
  ])('`cd "$DIR"` in %s: the packages it may publish, saying the directory is unknown', (_name, files) => {
    const p = plan({ ...MONO, ...files });
    expect(p.publishers.map((x) => x.packages)).toEqual([['@acme/a', '@acme/b']]);
    expect(p.publishers[0]!.notes.at(-1)).toBe(`${UNKNOWN_DIR}; listed the packages it may publish ("@acme/a", "@acme/b"): remove the ones it does not publish`);
  });

  it('`cd "$DIR"` in a single-package repository: a placeholder, not the root package', () => {
    const p = plan({ 'package.json': ROOT({}), ...github('cd "$DIR" && npm publish') });
    expect(p.publishers.map((x) => x.packages)).toEqual([[]]);
    expect(p.publishers[0]!.notes.at(-1)).toBe(`${UNKNOWN_DIR}: add them to \`packages\` by hand ("@acme/lint" only if that directory holds it or a copy of it)`);
  });

  it('control: no `cd` at all: the root package, with no CHECK about its directory', () => {
    const p = plan({ 'package.json': ROOT({}), ...github('npm publish') });
    expect(p.publishers.map((x) => x.packages)).toEqual([['@acme/lint']]);
    expect(p.publishers[0]!.notes.filter((n) => n.includes('directory'))).toEqual([]);
  });
});
