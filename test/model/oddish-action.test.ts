/**
 * decentraland/oddish-action (`ACTION_RECOGNIZERS` in src/model/data/publish-tools.ts), found by
 * survey 910a (dcl-regenesislabs/opendcl): a JavaScript action that runs the job's `npm publish` in
 * its `cwd` input's directory, to the registry of its `registry-url` input, with its `access` and
 * `provenance` inputs; `only-update-versions: true` skips the publish.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import type { Project } from '../../src/model/project.js';
import { loadLintInput } from '../../src/api.js';
import { lintFiles } from '../helpers.js';

const PKG = JSON.stringify({ name: '@acme/lib', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/lib.git' } });
const REMOTE = '[remote "origin"]\n  url = https://github.com/acme/lib.git\n';

/**
 * The survey's reproduction: setup-node on Node `node`, then the action with `with` lines; `on`,
 * the workflow's triggers; `job`, more lines of the job (an `if:`, `env:`, no `id-token: write`).
 */
function workflow(node: string, withLines: string, on = ['  push:', '    branches: [main]'], job = ['    permissions:', '      contents: read', '      id-token: write']): string {
  return [
    'on:',
    ...on,
    'jobs:',
    '  build-release:',
    ...job,
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    `          node-version: ${node}`,
    '      - run: npm ci',
    '      - uses: decentraland/oddish-action@master',
    '        with:',
    withLines,
    '',
  ].join('\n');
}

function load(files: Record<string, string>): Project {
  const input = loadLintInput({ fs: new MemoryFs({ '.git/config': REMOTE, ...files }) });
  if (!input.ok) throw new Error('config errors');
  return input.project;
}

/** `certainty recognizer label directory targets[packages] registry` per site. */
function sites(project: Project): string[] {
  return project.facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.certainty} ${s.publish.match.recognizer} ${s.publish.match.label} ${s.directory} ${s.targets.kind}[${list.map((p) => p.name).join(',')}] ${s.registry.registry}`;
  });
}

describe('decentraland/oddish-action', () => {
  it('runs `npm publish` of the package in the working directory, to registry.npmjs.org', () => {
    const p = load({ 'package.json': PKG, '.github/workflows/release.yml': workflow('24', "          registry-url: 'https://registry.npmjs.org'\n          access: public") });
    expect(sites(p)).toEqual(['certain npm-publish decentraland/oddish-action (runs npm publish)  single[@acme/lib] npmjs']);
  });

  it('in the directory of its `cwd` input', () => {
    const files = { 'package.json': JSON.stringify({ name: 'root', private: true }), 'packages/lib/package.json': PKG };
    const p = load({ ...files, '.github/workflows/release.yml': workflow('24', '          cwd: packages/lib') });
    expect(sites(p)).toEqual(['certain npm-publish decentraland/oddish-action (runs npm publish) packages/lib single[@acme/lib] npmjs']);
  });

  it('to the registry of its `registry-url` input', () => {
    const p = load({ 'package.json': PKG, '.github/workflows/release.yml': workflow('24', "          registry-url: 'https://npm.pkg.github.com'") });
    expect(sites(p).map((s) => s.split(' ').at(-1))).toEqual(['other']);
  });

  it('`only-update-versions: true` publishes nothing', () => {
    const p = load({ 'package.json': PKG, '.github/workflows/release.yml': workflow('24', '          only-update-versions: true') });
    expect(sites(p)).toEqual([]);
  });

  it("on Node 20 the job's bundled npm 10 cannot publish with OIDC (npm-supports-oidc); on Node 24 it can", async () => {
    const on = async (node: string): Promise<string[]> =>
      (await lintFiles({ 'package.json': PKG, '.git/config': REMOTE, '.github/workflows/release.yml': workflow(node, '          access: public') }, { rule: 'npm-supports-oidc' })).map((d) => `${d.severity} ${d.messageId}`);
    expect(await on('20')).toEqual(['error bundledTooOld']);
    expect(await on('24')).toEqual([]);
  });

  // It publishes only for a tag or on main/master (`publishesOnRefs`): the workflow's triggers decide (src/model/github/action-refs.ts).
  describe('publishes only in runs for a tag or on main/master', () => {
    const PUBLISH = 'certain npm-publish decentraland/oddish-action (runs npm publish)  single[@acme/lib] npmjs';
    const GUESS = 'likely npm-publish decentraland/oddish-action (runs npm publish)  single[@acme/lib] npmjs';
    const on = (trigger: string[], withLines = '          access: public', job?: string[]): string[] => sites(load({ 'package.json': PKG, '.github/workflows/release.yml': workflow('24', withLines, trigger, job) }));

    it('a workflow run only for pull requests publishes nothing (a detached merge commit)', () => {
      expect(on(['  pull_request:'])).toEqual([]);
      expect(on(['  pull_request:', '    branches: [main]', '  merge_group:'])).toEqual([]);
    });

    it('a push to main, a tag push, a release, a dispatch or a schedule: as before', () => {
      expect(on(['  push:', '    branches: [main]'])).toEqual([PUBLISH]);
      expect(on(['  push:', "    tags: ['v*']"])).toEqual([PUBLISH]);
      expect(on(['  push:', '    branches: [develop]', "    tags: ['v*']"])).toEqual([PUBLISH]);
      expect(on(['  push:'])).toEqual([PUBLISH]);
      expect(on(['  push:', "    branches: ['*']"])).toEqual([PUBLISH]);
      expect(on(['  push:', '    branches-ignore: [main]'])).toEqual([PUBLISH]);
      expect(on(['  release:', '    types: [published]'])).toEqual([PUBLISH]);
      expect(on(['  pull_request:', '  workflow_dispatch:'])).toEqual([PUBLISH]);
      expect(on(['  schedule:', "    - cron: '0 0 * * *'"])).toEqual([PUBLISH]);
    });

    it('pushes to other branches only publish nothing', () => {
      expect(on(['  push:', '    branches: [develop]'])).toEqual([]);
      expect(on(['  push:', "    branches: ['release/**', '!main']", '  pull_request:'])).toEqual([]);
      expect(on(['  push:', "    branches: ['**', '!main', '!master']"])).toEqual([]);
      expect(on(['  push:', '    branches-ignore: [main, master]'])).toEqual([]);
    });

    it('a branch its `branch-to-next` input names publishes too', () => {
      expect(on(['  push:', '    branches: [develop]'], '          branch-to-next: develop')).toEqual([PUBLISH]);
      expect(on(['  push:', '    branches: [develop]'], '          branch-to-next: ${{ vars.NEXT }}')).toEqual([GUESS]);
    });

    it('a job an `if:` keeps out of the runs that publish publishes nothing', () => {
      const job = ["    if: github.event_name == 'pull_request'", '    permissions:', '      id-token: write'];
      expect(on(['  pull_request:', '  push:', '    branches: [main]'], '          access: public', job)).toEqual([]);
    });

    it('a guess, with its directory and packages, when tp-doctor cannot tell', () => {
      // The branch it reads from the environment first; a pattern not evaluated (`?`, `+`).
      expect(on(['  pull_request:'], '          access: public', ['    env:', '      BRANCH_NAME: main', '    permissions:', '      id-token: write'])).toEqual([GUESS]);
      expect(on(['  push:', "    branches: ['ma?in']"])).toEqual([GUESS]);
      const files = { 'package.json': JSON.stringify({ name: 'root', private: true }), 'packages/lib/package.json': PKG };
      const wf = workflow('24', '          cwd: packages/lib', ['  push:', "    branches: ['mai+n']"]);
      expect(sites(load({ ...files, '.github/workflows/release.yml': wf }))).toEqual(['likely npm-publish decentraland/oddish-action (runs npm publish) packages/lib single[@acme/lib] npmjs']);
      // A pull request's job that checks out a ref of its own.
      const checkout = workflow('24', '          access: public', ['  pull_request:']).replace('actions/checkout@v4', 'actions/checkout@v4\n        with:\n          ref: main');
      expect(sites(load({ 'package.json': PKG, '.github/workflows/release.yml': checkout }))).toEqual([GUESS]);
    });

    it('a called workflow publishes in the runs of its callers', () => {
      const called = workflow('24', '          access: public', ['  workflow_call:']);
      const caller = (trigger: string): string => `on:\n  ${trigger}:\njobs:\n  release:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/release.yml\n`;
      const withCaller = (trigger: string): string[] => sites(load({ 'package.json': PKG, '.github/workflows/release.yml': called, '.github/workflows/ci.yml': caller(trigger) }));
      expect(withCaller('pull_request')).toEqual([]);
      expect(withCaller('workflow_dispatch')).toEqual([PUBLISH]);
      // Called from elsewhere only: its callers' runs are not seen.
      expect(sites(load({ 'package.json': PKG, '.github/workflows/release.yml': called }))).toEqual([GUESS]);
    });

    it('no error for a workflow that never publishes, or may not (no `id-token: write`, Node 20)', async () => {
      const files = (trigger: string[]): Record<string, string> => ({ 'package.json': PKG, '.git/config': REMOTE, '.github/workflows/release.yml': workflow('20', '          access: public', trigger, ['    permissions:', '      contents: read']) });
      const errors = async (trigger: string[]): Promise<string[]> => (await lintFiles(files(trigger))).filter((d) => d.severity === 'error').map((d) => `${d.ruleId} ${d.messageId}`);
      expect(await errors(['  pull_request:'])).toEqual([]);
      expect(await errors(['  push:', "    branches: ['ma?in']"])).toEqual([]);
      expect(await errors(['  push:', '    branches: [main]'])).toEqual(expect.arrayContaining([expect.stringMatching(/^require-id-token-write /), 'npm-supports-oidc bundledTooOld']));
    });
  });
});
