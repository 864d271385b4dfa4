import { describe, expect, it } from 'vitest';
import { brief, GITHUB_PKG, lintFiles, publisherConfig } from '../../test/helpers.js';
import { untrustedIn } from './contexts.js';

const RULE = 'no-script-injection-in-publish-job';

/**
 * A workflow triggered by `on` (line 2) with a `build` job (line 4, its script on line 8) that the
 * `publish` job (line 9) needs; the publish job runs `script` on line 16, then `npm publish`.
 */
const wf = (on: string, script: string, buildScript = 'npm run build'): string => `on:
${on}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - run: ${buildScript}
  publish:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v5
      - run: ${script}
      - run: npm publish
`;

const lint = async (workflow: string, files: Record<string, string> = {}) =>
  lintFiles({ 'package.json': GITHUB_PKG, 'tp-doctor.yml': publisherConfig({}), '.github/workflows/release.yml': workflow, ...files }, { rule: RULE });

describe(RULE, () => {
  it('a commit message expanded in the publishing job (push)', async () => {
    const got = await lint(wf('  push:', 'echo "${{ github.event.head_commit.message }}"'));
    expect(got.map(brief)).toEqual(['publishingJob@16:20-16:59']);
    expect(got[0]?.severity).toBe('warning');
    expect(got[0]?.data).toMatchObject({ job: 'publish', what: 'the head commit message', kind: '`run:` script' });
    expect(got[0]?.message).toBe(
      'Job "publish" publishes to npm and expands `${{ github.event.head_commit.message }}` (the head commit message) into a `run:` script',
    );
  });

  it('a pull request title in a job the publishing job needs', async () => {
    const got = await lint(wf('  pull_request_target:', 'echo ok', 'echo "${{ github.event.pull_request.title }}"'));
    expect(got.map(brief)).toEqual(['neededJob@8:20-8:58']);
    expect(got[0]?.data).toMatchObject({ job: 'build', publisher: 'publish', what: 'the pull request title' });
    expect(got[0]?.related.map((r) => r.label)).toEqual(['publishing job "publish"']);
  });

  it('a value whose event never reaches the workflow is empty: silent', async () => {
    // On `push` there is no pull request: github.event.pull_request.title is always empty.
    expect(await lint(wf("  push:\n    tags: ['v*']", 'echo "${{ github.event.pull_request.title }}"'))).toEqual([]);
  });

  it('values an outsider cannot choose are silent (sha, ref_name, inputs, env)', async () => {
    const script = 'echo "${{ github.sha }} ${{ github.event.pull_request.number }} ${{ inputs.tag }} ${{ env.X }}"';
    expect(await lint(wf('  pull_request:\n  push:', script))).toEqual([]);
  });

  it('the same value passed through `env:` is silent', async () => {
    const workflow = wf('  push:', 'echo "$MSG"').replace('      - run: echo "$MSG"\n', '      - run: echo "$MSG"\n        env:\n          MSG: ${{ github.event.head_commit.message }}\n');
    expect(await lint(workflow)).toEqual([]);
  });

  it('`toJSON(github.event.pull_request)` renders the title too; a branch name through `github.head_ref`', async () => {
    const got = await lint(wf('  pull_request:', 'echo \'${{ toJSON(github.event.pull_request) }}\' "${{ github.head_ref }}"'));
    expect(got.map((d) => d.data.what)).toEqual([
      'the pull request title, the pull request body, the pull request branch name, the pull request head label, the fork\'s default branch name',
      'the pull request branch name',
    ]);
  });

  it('`actions/github-script` scripts count; other actions\' `script:` inputs do not', async () => {
    const workflow = wf('  issue_comment:', 'echo ok').replace(
      '      - run: npm publish\n',
      '      - uses: actions/github-script@v8\n        with:\n          script: console.log("${{ github.event.comment.body }}")\n      - uses: other/action@v1\n        with:\n          script: ${{ github.event.comment.body }}\n      - run: npm publish\n',
    );
    const got = await lint(workflow);
    expect(got.map((d) => `${brief(d)} ${String(d.data.kind)}`)).toEqual(['publishingJob@19:32-19:64 `actions/github-script` script']);
  });

  it('a run script inside a local composite action the publishing job uses', async () => {
    const action = 'runs:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "${{ github.event.issue.title }}"\n';
    const got = await lint(wf('  issues:', 'echo ok').replace('      - run: echo ok\n', '      - uses: ./.github/actions/notes\n'), {
      '.github/actions/notes/action.yml': action,
    });
    expect(got.map((d) => `${d.file} ${brief(d)}`)).toEqual(['.github/actions/notes/action.yml publishingJob@5:18-5:49']);
  });

  it('a job that does not publish (and is not needed by one) is silent', async () => {
    const test = 'on: pull_request_target\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
    expect(await lintFiles({ 'package.json': GITHUB_PKG, '.github/workflows/greet.yml': test }, { rule: RULE })).toEqual([]);
  });

  it('a possible publish caps the finding at info', async () => {
    const workflow = wf('  push:', 'echo "${{ github.event.head_commit.message }}"').replace(
      '      - run: npm publish\n',
      '      - uses: actions/setup-node@v5\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: ./scripts/release.sh\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
    );
    const got = await lint(workflow);
    expect(got.map((d) => `${d.messageId} ${d.severity}`)).toEqual(['publishingJob info']);
    expect(got[0]?.message).toContain('may publish');
  });
});

describe('untrustedIn', () => {
  it('normalises indexes and bracket keys', () => {
    expect(untrustedIn(" github.event.commits[0].message ", undefined).map((c) => c.path)).toEqual(['event.commits.*.message']);
    expect(untrustedIn(" github['event']['issue']['title'] ", undefined).map((c) => c.path)).toEqual(['event.issue.title']);
    expect(untrustedIn(' github.event.issue.number ', undefined)).toEqual([]);
    expect(untrustedIn(' github.event.issue["title"] ', undefined).map((c) => c.path)).toEqual(['event.issue.title']);
  });

  it('filters by the events the workflow runs on', () => {
    expect(untrustedIn(' github.event.issue.title ', new Set(['push']))).toEqual([]);
    expect(untrustedIn(' github.event.issue.title ', new Set(['issues'])).map((c) => c.what)).toEqual(['the issue title']);
  });

  it('a whole object only counts inside toJSON', () => {
    expect(untrustedIn(' github.event.pull_request ', undefined)).toEqual([]);
    expect(untrustedIn(' toJSON(github.event.issue) ', undefined).map((c) => c.path)).toEqual(['event.issue.title', 'event.issue.body']);
  });
});
