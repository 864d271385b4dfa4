/**
 * `remoteCallee` (info): a job that calls another repository's workflow named for publishing (or
 * passes it an npm token) and grants it no ID token (salesforcecli/plugin-org's `onRelease.yml`
 * calling `salesforcecli/github-workflows/.github/workflows/npmPublish.yml@main`). tp-doctor does
 * not read that workflow, so the finding is an info, and the call is no publish of its own: the
 * inferred publisher does not move to it.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { inferPublishers } from '../../src/config/infer.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'git+https://github.com/acme/widget.git' } });
const GIT = { '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n' };

const caller = (uses: string, more = ''): string =>
  ['on:', '  release:', '    types: [published]', 'jobs:', '  npm:', more, `    uses: ${uses}`, '    secrets: inherit', ''].filter((l) => l !== '').join('\n');

async function remote(files: Record<string, string>): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG, ...GIT, ...files }, { rule: 'require-id-token-write' });
  return found.map((d) => `${d.messageId} ${d.severity} ${d.line}`);
}

describe('require-id-token-write: a call to another repository that may publish', () => {
  it('a workflow named for publishing, no permissions: an info at the uses value', async () => {
    expect(await remote({ '.github/workflows/onRelease.yml': caller('salesforcecli/github-workflows/.github/workflows/npmPublish.yml@main') })).toEqual(['remoteCallee info 6']);
    const [d] = await lintFiles({ 'package.json': PKG, ...GIT, '.github/workflows/onRelease.yml': caller('org/shared/.github/workflows/npm-publish.yml@v1') }, { rule: 'require-id-token-write' });
    expect(d?.message).toBe('Job "npm" calls "org/shared/.github/workflows/npm-publish.yml@v1" in another repository, whose name says it publishes (tp-doctor does not read it), and gives it `id-token: none`; if it publishes with trusted publishing, it needs `id-token: write` from this job');
    expect(d?.suggestions?.length).toBe(1);
  });
  it('an npm token passed to a workflow not named for publishing: an info', async () => {
    const files = { '.github/workflows/ci.yml': caller('org/shared/.github/workflows/build.yml@v1').replace('    secrets: inherit', '    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}') };
    expect(await remote(files)).toEqual(['remoteCallee info 6']);
  });
  it('controls: a caller that grants id-token: write, a workflow not named for publishing, a call of this repository', async () => {
    expect(await remote({ '.github/workflows/onRelease.yml': caller('org/shared/.github/workflows/npmPublish.yml@main', '    permissions:\n      id-token: write\n      contents: read') })).toEqual([]);
    expect(await remote({ '.github/workflows/ci.yml': caller('org/shared/.github/workflows/test.yml@v1') })).toEqual([]);
    // `npm` in a name that says it tests or checks (digicatapult's shared tests-npm.yml, static-checks-npm.yml; survey912a F1).
    // And one that makes a software bill of materials (digicatapult's generate-sbom-npm.yml; survey1207b).
    for (const name of ['tests-npm.yml', 'static-checks-npm.yml', 'synchronise-labels-npm.yml', 'lint-npm.yml', 'generate-sbom-npm.yml']) {
      expect(await remote({ '.github/workflows/ci.yml': caller(`digicatapult/shared-workflows/.github/workflows/${name}@main`) })).toEqual([]);
    }
    // Control: npm with a publishing word, or npm alone, stays named for publishing.
    for (const name of ['npm-publish.yml', 'release-npm.yml', 'npm.yml']) {
      expect(await remote({ '.github/workflows/ci.yml': caller(`org/shared/.github/workflows/${name}@main`) })).toEqual(['remoteCallee info 6']);
    }
    // A name that says only release (a GitHub release as often as an npm one: salesforcecli's create-github-release.yml).
    expect(await remote({ '.github/workflows/ci.yml': caller('salesforcecli/github-workflows/.github/workflows/create-github-release.yml@main') })).toEqual([]);
    expect(await remote({ '.github/workflows/ci.yml': caller('acme/widget/.github/workflows/npm-publish.yml@main'), '.github/workflows/npm-publish.yml': 'on: workflow_call\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n' })).toEqual([]);
  });
  it('a called workflow without permissions passes its callers\' grant on: nothing when every caller grants id-token: write (iexec-sdk)', async () => {
    const inner = 'on: workflow_call\njobs:\n  npm-publish:\n    uses: other-org/shared/.github/workflows/publish-npm.yml@v1\n';
    const release = 'on:\n  release:\n    types: [published]\npermissions:\n  id-token: write\n  contents: read\njobs:\n  publish:\n    uses: ./.github/workflows/_npm.yml\n';
    expect(await remote({ '.github/workflows/release.yml': release, '.github/workflows/_npm.yml': inner })).toEqual([]);
    // A second caller that grants none (a pull-request check): the job may run without the token.
    const check = 'on: pull_request\njobs:\n  test:\n    uses: ./.github/workflows/_npm.yml\n';
    expect(await remote({ '.github/workflows/release.yml': release, '.github/workflows/pr.yml': check, '.github/workflows/_npm.yml': inner })).toContain('remoteCallee info 4');
    // Control: the workflow is also run on its own (a push), where the repository default grants none.
    expect(await remote({ '.github/workflows/release.yml': release, '.github/workflows/_npm.yml': inner.replace('on: workflow_call', 'on: [push, workflow_call]') })).toContain('remoteCallee info 4');
  });
  it('the call is no publish: a recognised publish elsewhere stays the inferred publisher', () => {
    const release = 'on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n      - run: npm publish\n';
    const project = loadProject(new MemoryFs({ 'package.json': PKG, ...GIT, '.github/workflows/release.yml': release, '.github/workflows/onRelease.yml': caller('org/shared/.github/workflows/npmPublish.yml@main') }));
    const { config } = inferPublishers(project, EMPTY_CONFIG);
    expect(config.publishers.map((p) => (p.provider === 'github' ? p.workflow : undefined))).toEqual(['release.yml']);
  });
});
