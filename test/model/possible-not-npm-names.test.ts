/**
 * Possible publishes (src/model/npm/possible-publish.ts) that a command's or script's own name
 * rules out (`NOT_AN_NPM_PUBLISH`, src/model/data/not-npm-publish.ts): a command that regenerates a
 * lockfile or shrinkwrap (mongodb-js/mongosh's `npm run update-shrinkwrap` in a step "Update
 * npm-shrinkwrap.json for release packages", after an `npm i -g npm@10` step), or makes a code
 * host's release (link-foundation/test-anywhere's `node scripts/create-github-release.mjs` in a job
 * with `id-token: write` and setup-node's `registry-url`), is no npm publish, even as a guess. The
 * same function decides on GitHub, GitLab and CircleCI; the controls still count.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { inferPublishers } from '../../src/config/infer.js';
import { loadProject } from '../../src/model/project.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { lintFiles } from '../helpers.js';
import { circleNamedRun } from '../repos.js';

// Scripts tp-doctor cannot read past: each runs a file it does not read.
const SCRIPTS = {
  'update-shrinkwrap': 'ts-node scripts/update-shrinkwrap.ts',
  'update-and-publish': 'node scripts/update-and-publish.mjs',
  'release:github': 'node scripts/gh.mjs',
};
const PKG = JSON.stringify({ name: 'lib', version: '1.0.0', scripts: SCRIPTS });

/** A GitHub job set up for npmjs with `id-token: write` and an npm upgrade before the step. */
function github(name: string, run: string): string {
  return [
    'on: push',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          registry-url: https://registry.npmjs.org',
    '      - run: npm install -g npm@10',
    `      - name: ${name}`,
    `        run: ${run}`,
    '',
  ].join('\n');
}

/** `certainty label` of the sites. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ 'package.json': PKG, ...files })).facts.sites.map((s) => `${s.certainty} ${s.publish.match.label}`);
}

const providers: [string, (name: string, run: string) => Record<string, string>][] = [
  ['GitHub', (name, run) => ({ '.github/workflows/release.yml': github(name, run) })],
  ['GitLab', (name, run) => ({ '.gitlab-ci.yml': `${JSON.stringify(name)}:\n  image: node:24\n  variables:\n    NPM_TOKEN: x\n  script:\n    - npm install -g npm@10\n    - ${run}\n` })],
  ['CircleCI', (name, run) => ({ '.circleci/config.yml': circleNamedRun('release', name, run) })],
];

// [what, step (GitHub, CircleCI) or job (GitLab) name, command, possible?]
const cases: [string, string, string, boolean][] = [
  ['mongosh: a script that regenerates the shrinkwrap', 'Update npm-shrinkwrap.json for release packages', 'npm run update-shrinkwrap', false],
  ['a file that regenerates the shrinkwrap', 'Release packages to npm', './scripts/update-shrinkwrap.sh', false],
  ['a file that updates the lockfile', 'Release packages to npm', 'node scripts/release-update-lockfile.mjs', false],
  ['a file that syncs package-lock.json', 'Release packages to npm', './scripts/release-sync-package-lock.sh', false],
  ['test-anywhere: a file that creates a GitHub release', 'Release', 'node scripts/create-github-release.mjs', false],
  ['a file in camel case that makes a GitHub release', 'Release to npm', 'node scripts/createGithubRelease.js', false],
  ['a gh-release file', 'Release to npm', './scripts/gh-release.sh', false],
  ['a GitLab release', 'Release to npm', './scripts/gitlab-release.sh', false],
  ['a script that opens a release pull request', 'Release to npm', './scripts/create-release-pr.sh', false],
  ['a file that releases to GitHub', 'Release to npm', './scripts/release-github.sh', false],
  ["release-please's GitHub release", 'Release', 'npx release-please github-release', false],
  ["release-please's release pull request", 'Release', 'npx release-please release-pr', false],
  // controls
  ['control: a release file', 'Release packages to npm', './scripts/release.sh', true],
  ['control: a publish file', 'Release', 'node scripts/publish.mjs', true],
  ['control: an npm-release file', 'Release', './scripts/npm-release.sh', true],
  ['control: a deploy-npm file', 'Ship', './scripts/deploy-npm.sh', true],
  ['control: a script that updates and publishes', 'Release', 'npm run update-and-publish', true],
  ['control: a file that names the shrinkwrap and says publish', 'Release', './scripts/update-shrinkwrap-and-publish.sh', true],
  ['control: a file that makes a GitHub release and publishes', 'Release', './scripts/github-release-and-publish.sh', true],
  ['control: a release to GitHub and npm', 'Release', './scripts/release-to-github-and-npm.sh', true],
  ['control: a file naming npm beside the GitHub release', 'Release', './scripts/npm-and-github-release.sh', true],
  ['control: an option that names the lockfile', 'Release', './scripts/release.sh --frozen-lockfile', true],
  ['control: a file under .github (a directory names nothing)', 'Release', './.github/release.sh', true],
  ['control: the step name alone says GitHub release', 'Create GitHub release', './scripts/release.sh', true],
];

describe('a command whose own name says it does something else than publish to npm is no possible publish', () => {
  for (const [provider, files] of providers) {
    it.each(cases)(`${provider}: %s`, (_what, name, run, possible) => {
      expect(sites(files(name, run)).map((s) => s.split(' ')[0])).toEqual(possible ? ['possible'] : []);
    });
  }
});

describe('an unknown action named for a GitHub release is no possible publish', () => {
  it.each([
    ['acme/action-gh-release@v1', []],
    ['acme/github-release-action@v1', []],
    ['acme/npm-publish-action@v1', ['possible']],
  ])('%s', (action, want) => {
    const workflow = github('Release', 'x').replace('        run: x', `        uses: ${action}`);
    expect(sites({ '.github/workflows/release.yml': workflow }).map((s) => s.split(' ')[0])).toEqual(want);
  });
});

describe('the inferred trusted workflow', () => {
  const REMOTE = '[remote "origin"]\n  url = https://github.com/acme/lib.git\n';
  const cron = github('Update npm-shrinkwrap.json for release packages', 'npm run update-shrinkwrap').replace('on: push', 'on: { schedule: [{ cron: "0 3 * * 0" }] }');
  const publish = ['on: push', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - run: npm publish', ''].join('\n');
  const infer = (files: Record<string, string>): { workflow: unknown; note: string | undefined } => {
    const { config, note } = inferPublishers(loadProject(new MemoryFs({ '.git/config': REMOTE, 'package.json': PKG, ...files })), EMPTY_CONFIG);
    return { workflow: (config.publishers[0] as { workflow?: string } | undefined)?.workflow, note };
  };
  it('is the workflow with a recognised publish, not one with a guess beside it (mongosh)', () => {
    const { workflow, note } = infer({ '.github/workflows/cron-tasks.yml': cron, '.github/workflows/publish.yml': publish });
    expect(workflow).toBe('publish.yml');
    expect(note).not.toContain('cron-tasks.yml');
  });
  it('is the recognised one over a guess that still counts (a release script in another workflow)', () => {
    const guess = github('Release', './scripts/release.sh');
    expect(infer({ '.github/workflows/guess.yml': guess, '.github/workflows/publish.yml': publish }).workflow).toBe('publish.yml');
  });
  it('is never a workflow whose only command regenerates the shrinkwrap', () => {
    const { workflow, note } = infer({ '.github/workflows/cron-tasks.yml': cron });
    expect(workflow).toBeUndefined();
    expect(note).not.toContain('cron-tasks.yml');
  });
});

describe('mongodb-js/mongosh: the weekly shrinkwrap update gets no findings', () => {
  // The shape of its `.github/workflows/cron-tasks.yml` (fixture bc-step-name-for-release-packages).
  const cron = [
    'name: Update generated files',
    'on:',
    '  schedule:',
    '    - cron: "0 3 * * 0"',
    'permissions:',
    '  contents: none',
    'jobs:',
    '  update:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 24.x',
    '      - name: Pin npm',
    '        run: npm install -g npm@10',
    '      - run: npm ci',
    '      - name: Update npm-shrinkwrap.json for release packages',
    '        run: |',
    '          npm run update-shrinkwrap',
    '          git add npm-shrinkwrap.json',
    '      - run: git commit -m "update generated files" || true',
    '',
  ].join('\n');
  const pkg = JSON.stringify({ name: '@acme/shell', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/shell.git' }, scripts: { 'update-shrinkwrap': 'ts-node scripts/update-shrinkwrap.ts' } });
  it.each(['require-id-token-write', 'require-environment-protection', 'npm-supports-oidc'])('%s', async (rule) => {
    expect(await lintFiles({ 'package.json': pkg, '.github/workflows/cron-tasks.yml': cron }, { rule })).toEqual([]);
  });
  it('infers no trusted workflow from it', () => {
    const { note } = inferPublishers(loadProject(new MemoryFs({ 'package.json': pkg, '.github/workflows/cron-tasks.yml': cron })), EMPTY_CONFIG);
    expect(note).not.toContain('cron-tasks.yml');
  });
});
