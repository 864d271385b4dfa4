/**
 * Publishes in a script's `post<x>` (or `pre<x>`) hook under `pnpm run x` and `yarn x`
 * (src/model/npm/pre-post-scripts.ts): Kikobeats/tinyspawn runs `pnpm run release` after
 * `pnpm/action-setup` `version: latest`, and its `postrelease` ends in `npm publish`. pnpm 9+ runs
 * the hook unless a setting it reads turns it off; Yarn 1 runs it, Yarn 2+ does not.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const SCRIPTS = {
  release: 'standard-version -a',
  postrelease: 'npm run release:tags && npm run release:github && (ci-publish || npm publish --access=public)',
  'release:tags': 'git push --follow-tags origin HEAD:master',
  'release:github': 'github-generate-release',
};

function files(run: string, extra: { setup?: string; packageManager?: string; more?: Record<string, string> } = {}): Record<string, string> {
  const setup = extra.setup === undefined ? '' : `      - uses: pnpm/action-setup@v4\n        with:\n          version: ${extra.setup}\n`;
  const pkg = { name: 'widget', version: '1.0.0', scripts: SCRIPTS, ...(extra.packageManager ? { packageManager: extra.packageManager } : {}) };
  return {
    'package.json': JSON.stringify(pkg),
    '.github/workflows/main.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${setup}      - run: ${run}\n`,
    ...extra.more,
  };
}

/** The `npm publish` sites (`release:github`, which runs a command tp-doctor cannot read, is a guess of its own by its name). */
function sites(repo: Record<string, string>): string[] {
  return loadProject(new MemoryFs(repo))
    .facts.sites.filter((s) => s.publish.match.label === 'npm publish')
    .map((s) => `${s.publish.match.label} ${s.certainty}`);
}

const LOCK = { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" };
/** A package of its own in `js/`, with the same scripts. */
const JS_PKG = (extra: Record<string, unknown> = {}): string => JSON.stringify({ name: 'js-widget', version: '1.0.0', scripts: SCRIPTS, ...extra });

describe('pnpm run x follows post<x> by the pnpm that runs and its settings', () => {
  const rows: [string, string, Parameters<typeof files>[1], string[]][] = [
    ['tinyspawn: action-setup latest', 'pnpm run release', { setup: 'latest' }, ['npm publish certain']],
    ['the implicit run, pnpm 9', 'pnpm release', { setup: '9' }, ['npm publish certain']],
    ['pnpm 8 runs no hooks', 'pnpm run release', { setup: '8.15.9' }, []],
    ['pnpm 8 with enable-pre-post-scripts=true', 'pnpm run release', { setup: '8', more: { '.npmrc': 'enable-pre-post-scripts=true\n' } }, ['npm publish certain']],
    ['pnpm 10 with enable-pre-post-scripts=false', 'pnpm run release', { setup: '10', more: { '.npmrc': 'enable-pre-post-scripts=false\n' } }, []],
    ['pnpm 11 reads no such .npmrc setting', 'pnpm run release', { setup: '11', more: { '.npmrc': 'enable-pre-post-scripts=false\n' } }, ['npm publish certain']],
    ['pnpm 11 with enablePrePostScripts: false', 'pnpm run release', { setup: '11', more: { 'pnpm-workspace.yaml': 'enablePrePostScripts: false\n' } }, []],
    ['packageManager pnpm@8', 'pnpm run release', { packageManager: 'pnpm@8.15.9' }, []],
    ['packageManager pnpm@10', 'pnpm run release', { packageManager: 'pnpm@10.12.1' }, ['npm publish certain']],
    ['action-setup before packageManager', 'pnpm run release', { setup: '9', packageManager: 'pnpm@8.15.9' }, ['npm publish certain']],
    ['no version known: a guess', 'pnpm run release', { more: LOCK }, ['npm publish likely']],
    ['no version known, the .npmrc turns them off', 'pnpm run release', { more: { ...LOCK, '.npmrc': 'enable-pre-post-scripts=false\n' } }, []],
  ];
  it.each(rows)('%s', (_name, run, extra, expected) => {
    expect(sites(files(run, extra))).toEqual(expected);
  });
});

describe('yarn x follows post<x> in Yarn 1 only', () => {
  const rows: [string, string, Parameters<typeof files>[1], string[]][] = [
    ['a Yarn 1 lockfile', 'yarn release', { more: { 'yarn.lock': '# yarn lockfile v1\n' } }, ['npm publish certain']],
    ['packageManager yarn@1', 'yarn run release', { packageManager: 'yarn@1.22.22' }, ['npm publish certain']],
    ['packageManager yarn@4', 'yarn run release', { packageManager: 'yarn@4.9.1' }, []],
    ['a .yarnrc.yml', 'yarn release', { more: { '.yarnrc.yml': 'nodeLinker: node-modules\n' } }, []],
    ['nothing says which: a guess', 'yarn release', {}, ['npm publish likely']],
    // The Yarn project the script runs in decides (src/model/npm/yarn-project.ts), not only the root's files.
    ['after cd js, js/.yarnrc.yml yarnPath at Yarn 4', 'cd js && yarn release', { more: { 'js/package.json': JS_PKG(), 'js/.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-4.0.2.cjs\n' } }, []],
    ['after cd js, js/package.json packageManager yarn@1', 'cd js && yarn release', { more: { 'js/package.json': JS_PKG({ packageManager: 'yarn@1.22.22' }) } }, ['npm publish certain']],
    ['after cd js, a Yarn 2+ js/yarn.lock', 'cd js && yarn release', { more: { 'js/package.json': JS_PKG(), 'js/yarn.lock': '__metadata:\n  version: 8\n' } }, []],
  ];
  it.each(rows)('%s', (_name, run, extra, expected) => {
    expect(sites(files(run, extra))).toEqual(expected);
  });
});

describe('npm run x always ran post<x>', () => {
  it('npm run release', () => {
    expect(sites(files('npm run release'))).toEqual(['npm publish certain']);
  });
});

describe('GitLab and CircleCI read packageManager', () => {
  const gitlab = (packageManager: string): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', packageManager, scripts: SCRIPTS }),
    '.gitlab-ci.yml': 'release:\n  image: node:24\n  script:\n    - pnpm run release\n',
  });
  it.each([
    ['pnpm@10.12.1', ['npm publish certain']],
    ['pnpm@8.15.9', []],
  ])('%s', (packageManager, expected) => {
    expect(sites(gitlab(packageManager))).toEqual(expected);
  });
});
