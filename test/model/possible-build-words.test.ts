/**
 * Possible publishes (src/model/npm/possible-publish.ts) guessed from words: a step whose command
 * or own name says it builds, compiles, prepares, packs or checks is no possible publish unless
 * something says publish, deploy, or release as the whole verb (ckeditor/ckeditor5-package-generator:
 * "Create npm-like builds of packages" running `npm run release:prepare-packages -- --compile-only`).
 * The same function decides on GitHub, GitLab and CircleCI.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { circleNamedRun } from '../repos.js';

// Scripts that are not named like a publish (`PUBLISH_SCRIPT_NAME`): they run a file tp-doctor does not read.
const SCRIPTS = { 'release:prepare-packages': 'node scripts/preparepackages.js' };
const PKG = JSON.stringify({ name: 'lib', version: '1.0.0', scripts: SCRIPTS });

/** Certainties of the sites a GitHub step (set up for npmjs, with `NPM_TOKEN`) and a CircleCI step (with `NPM_TOKEN`) give. */
function github(name: string, run: string): string[] {
  const workflow = [
    'on: push',
    'jobs:',
    '  package_js:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          registry-url: https://registry.npmjs.org',
    `      - name: ${name}`,
    `        run: ${run}`,
    '        env:',
    '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
    '',
  ].join('\n');
  return loadProject(new MemoryFs({ 'package.json': PKG, '.github/workflows/r.yml': workflow })).facts.sites.map((s) => s.certainty);
}

function circleci(name: string, run: string, job = 'package_js'): string[] {
  return loadProject(new MemoryFs({ 'package.json': PKG, '.circleci/config.yml': circleNamedRun(job, name, run) })).facts.sites.map((s) => s.certainty);
}

describe('a step that says it builds, compiles, prepares or checks is no possible publish', () => {
  const none: [string, string, string][] = [
    ['the ckeditor case: a builds step running a release-prefixed prepare script', 'Create npm-like builds of packages', 'npm run release:prepare-packages -- --compile-only'],
    ['the step name alone says builds', 'Create npm-like builds of packages', './scripts/release-packages.sh'],
    ['the command alone says compile', 'Release packages to npm', './scripts/release-packages.sh --compile-only'],
    ['the command alone says prepare', 'Release', 'npm run release:prepare-packages'],
    ['the command says pack', 'Release', './scripts/release-pack.sh'],
    ['the step name says verify', 'Verify the npm release', './scripts/release-packages.sh'],
    ['the step name says test', 'Test npm release packages', './scripts/ci-release.sh'],
    ['the step name says prepare; release is no whole verb there', 'Prepare npm release', './scripts/ci-release.sh'],
  ];
  it.each(none)('GitHub: %s', (_why, name, run) => {
    expect(github(name, run)).toEqual([]);
  });
  it.each(none)('CircleCI: %s', (_why, name, run) => {
    expect(circleci(name, run)).toEqual([]);
  });
});

describe('what says publish, deploy, or release as the whole verb keeps the guess', () => {
  const possible: [string, string, string][] = [
    ['the command says publish', 'Create npm-like builds of packages', './scripts/build-and-publish.sh'],
    ['the step name says publish', 'Build and publish to npm', './scripts/release-packages.sh'],
    ['the step name says deploy', 'Build and deploy to npm', './scripts/release-packages.sh'],
    ['the command runs a file named release', 'Build packages', 'make release'],
    ['the command runs a script file named release', 'Build packages', 'node scripts/release.mjs'],
    ['the step name says release as a verb after the build', 'Build and release', './scripts/ci-release.sh'],
    ['the step name says release as a verb after a list', 'Lint, test & release', './scripts/ci-release.sh'],
    ['no build word anywhere', 'Release packages to npm', './scripts/release-packages.sh'],
  ];
  it.each(possible)('GitHub: %s', (_why, name, run) => {
    expect(github(name, run)).toEqual(['possible']);
  });
  it.each(possible)('CircleCI: %s', (_why, name, run) => {
    expect(circleci(name, run)).toEqual(['possible']);
  });

  it("CircleCI: the job's name never vetoes as the step's name does (a build-and-release job)", () => {
    expect(circleci('Release packages to npm', './scripts/release-packages.sh', 'build_and_test')).toEqual(['possible']);
    expect(circleci('Create npm-like builds of packages', './scripts/release-packages.sh', 'release')).toEqual([]);
  });
});

describe('GitLab: the job name is the name of what runs the command', () => {
  const gitlab = (job: string, script: string): string[] =>
    loadProject(new MemoryFs({ 'package.json': PKG, '.gitlab-ci.yml': `${job}:\n  variables:\n    NPM_TOKEN: x\n  script:\n    - ${script}\n` })).facts.sites.map((s) => s.certainty);
  it.each([
    ['build-npm-packages', './scripts/release-packages.sh', []],
    ['release-npm-packages', './scripts/release-packages.sh', ['possible']],
    ['build-npm-packages', './release.sh', ['possible']],
  ])('%s running %s', (job, script, want) => {
    expect(gitlab(job, script)).toEqual(want);
  });
});
