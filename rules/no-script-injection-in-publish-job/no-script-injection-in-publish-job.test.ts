import { describe, expect, it } from 'vitest';
import { GITHUB_PKG, publisherConfig, ruleTester } from '../../test/rule-tester.js';
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

const repo = (workflow: string, files: Record<string, string> = {}): Record<string, string> => ({
  'package.json': GITHUB_PKG,
  'tp-doctor.yml': publisherConfig({}),
  '.github/workflows/release.yml': workflow,
  ...files,
});

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: [
      {
        // On `push` there is no pull request: github.event.pull_request.title is always empty.
        name: 'a value whose event never reaches the workflow is empty: silent',
        files: repo(wf("  push:\n    tags: ['v*']", 'echo "${{ github.event.pull_request.title }}"')),
      },
      {
        name: 'values an outsider cannot choose are silent (sha, ref_name, inputs, env)',
        files: repo(wf('  pull_request:\n  push:', 'echo "${{ github.sha }} ${{ github.event.pull_request.number }} ${{ inputs.tag }} ${{ env.X }}"')),
      },
      {
        name: 'the same value passed through `env:` is silent',
        files: repo(
          wf('  push:', 'echo "$MSG"').replace('      - run: echo "$MSG"\n', '      - run: echo "$MSG"\n        env:\n          MSG: ${{ github.event.head_commit.message }}\n'),
        ),
      },
      ...(
        [
          ['contains()', "${{ contains(github.event.head_commit.message, 'version packages') }}"],
          ['startsWith()', "${{ startsWith(github.event.head_commit.message, 'chore(release)') }}"],
          ['endsWith()', "${{ endsWith(github.event.head_commit.message, 'x') }}"],
          ['a comparison', "${{ github.event.head_commit.message == 'x' }}"],
          ['a relational comparison', "${{ github.event.head_commit.message < 'x' }}"],
          ['`!`', '${{ !github.event.head_commit.message }}'],
          ['`&&` ending in a boolean', "${{ steps.a.outputs.b == 'true' && contains(github.event.head_commit.message, 'x') }}"],
          ['a choice between literals', "${{ contains(github.event.head_commit.message, 'x') && 'yes' || 'no' }}"],
          ['hashFiles()', "${{ hashFiles('**/lock', github.event.head_commit.message) }}"],
        ] as const
      ).map(([what, expression]) => ({
        // heroui-inc/heroui pre-release.yaml: `true` or `false` reaches the script, never the message.
        name: `an expression whose value is no untrusted text is silent: ${what}`,
        files: repo(wf('  push:', `echo "${expression}"`)),
      })),
      {
        // link-foundation/test-anywhere: a check job for pull requests before a publish that runs on push only.
        name: 'a needed job that runs only for pull requests, a publishing job only for pushes: never the same run, silent',
        files: repo(
          wf('  push:\n  pull_request:', 'echo ok', 'echo "${{ github.head_ref }}"')
            .replace('  build:\n', "  build:\n    if: github.event_name == 'pull_request'\n")
            .replace('    needs: build\n', "    needs: build\n    if: always() && github.event_name == 'push' && needs.build.result != 'failure'\n"),
        ),
      },
      {
        name: 'a publishing job whose `if:` keeps pull requests out: the branch name is empty where it runs, silent',
        files: repo(wf('  push:\n  pull_request:', 'echo "${{ github.head_ref }}"').replace('    needs: build\n', "    needs: build\n    if: github.event_name != 'pull_request'\n")),
      },
      {
        name: 'a publishing job skipped for pull requests with a job it needs: silent',
        files: repo(wf('  push:\n  pull_request:', 'echo "${{ github.event.pull_request.title }}"').replace('  build:\n', "  build:\n    if: github.event_name == 'push'\n")),
      },
      {
        name: 'a job that does not publish (and is not needed by one) is silent',
        files: {
          'package.json': GITHUB_PKG,
          '.github/workflows/greet.yml': 'on: pull_request_target\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n',
        },
      },
    ],
    invalid: [
      // A command-running action's script inputs are scripts (src/model/data/command-actions.ts).
      ...(
        [
          ['`command`, which publishes', 'command: echo "${{ github.event.head_commit.message }}" && npm publish', '19:26-19:65', 'command'],
          ['`new_command_on_retry`', 'command: npm publish\n          new_command_on_retry: echo "${{ github.event.head_commit.message }}" && npm publish', '20:39-20:78', 'new_command_on_retry'],
        ] as const
      ).map(([what, inputs, at, input]) => ({
        name: `a commit message expanded into nick-fields/retry ${what}`,
        files: repo(
          wf('  push:', 'echo ok').replace('      - run: echo ok\n      - run: npm publish\n', `      - uses: nick-fields/retry@v3\n        with:\n          max_attempts: 3\n          ${inputs}\n`),
        ),
        errors: [{ messageId: 'publishingJob', at, data: { job: 'publish', kind: `\`nick-fields/retry\` \`${input}\` script` } }],
      })),
      {
        name: 'a commit message expanded in the publishing job (push)',
        files: repo(wf('  push:', 'echo "${{ github.event.head_commit.message }}"')),
        errors: [
          {
            messageId: 'publishingJob',
            at: '16:20-16:59',
            severity: 'warning',
            data: { job: 'publish', what: 'the head commit message', kind: '`run:` script' },
            message: 'Job "publish" publishes to npm and expands `${{ github.event.head_commit.message }}` (the head commit message) into a `run:` script',
          },
        ],
      },
      {
        name: 'a pull request title in a job the publishing job needs',
        files: repo(wf('  pull_request_target:', 'echo ok', 'echo "${{ github.event.pull_request.title }}"')),
        errors: [
          {
            messageId: 'neededJob',
            at: '8:20-8:58',
            data: { job: 'build', publisher: 'publish', what: 'the pull request title' },
            related: ['publishing job "publish"'],
          },
        ],
      },
      {
        name: 'a needed job that runs for pull requests, a publishing job whose `if:` tp-doctor cannot decide: still reported',
        files: repo(
          wf('  push:\n  pull_request:', 'echo ok', 'echo "${{ github.head_ref }}"')
            .replace('  build:\n', "  build:\n    if: github.event_name == 'pull_request'\n")
            .replace('    needs: build\n', "    needs: build\n    if: always() && vars.PUBLISH == 'yes'\n"),
        ),
        errors: [{ messageId: 'neededJob', at: '10:20-10:42', data: { job: 'build', what: 'the pull request branch name' } }],
      },
      {
        name: '`toJSON(github.event.pull_request)` renders the title too; a branch name through `github.head_ref`',
        files: repo(wf('  pull_request:', 'echo \'${{ toJSON(github.event.pull_request) }}\' "${{ github.head_ref }}"')),
        errors: [
          {
            messageId: 'publishingJob',
            at: '16:20-16:60',
            data: {
              what: "the pull request title, the pull request body, the pull request branch name, the pull request head label, the fork's default branch name",
            },
          },
          { messageId: 'publishingJob', at: '16:63-16:85', data: { what: 'the pull request branch name' } },
        ],
      },
      {
        name: "`actions/github-script` scripts count; other actions' `script:` inputs do not",
        files: repo(
          wf('  issue_comment:', 'echo ok').replace(
            '      - run: npm publish\n',
            '      - uses: actions/github-script@v8\n        with:\n          script: console.log("${{ github.event.comment.body }}")\n      - uses: other/action@v1\n        with:\n          script: ${{ github.event.comment.body }}\n      - run: npm publish\n',
          ),
        ),
        errors: [{ messageId: 'publishingJob', at: '19:32-19:64', data: { kind: '`actions/github-script` script' } }],
      },
      {
        name: 'a run script inside a local composite action the publishing job uses',
        files: repo(wf('  issues:', 'echo ok').replace('      - run: echo ok\n', '      - uses: ./.github/actions/notes\n'), {
          '.github/actions/notes/action.yml': 'runs:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "${{ github.event.issue.title }}"\n',
        }),
        errors: [{ messageId: 'publishingJob', at: '5:18-5:49', file: '.github/actions/notes/action.yml' }],
      },
      ...(
        [
          ['`||` may yield its left operand', "${{ github.event.head_commit.message || 'x' }}", 'the head commit message'],
          ["`&&` yields its right operand", "${{ steps.a.outputs.b == 'true' && github.event.head_commit.author.name }}", 'the head commit author name'],
          ['only the operand that can be yielded is named', "${{ contains(github.event.head_commit.message, 'x') && github.event.head_commit.author.email || 'none' }}", 'the head commit author email'],
          ['format() puts the text in', "${{ format('v{0}', github.event.head_commit.message) }}", 'the head commit message'],
          ['join() puts the text in', '${{ join(github.event.commits.*.message) }}', 'a commit message'],
          ['fromJSON() of the text', '${{ fromJSON(github.event.head_commit.message) }}', 'the head commit message'],
          ['a boolean function beside text tp-doctor does not read', "${{ contains(github.event.head_commit.message, 'x') github.event.head_commit.message }}", 'the head commit message'],
        ] as const
      ).map(([name, expression, what]) => ({
        name,
        files: repo(wf('  push:', `echo "${expression}"`)),
        // The script starts at column 14 of line 16, the expression at column 20 (after `echo "`).
        errors: [{ messageId: 'publishingJob' as const, at: `16:20-16:${20 + expression.length}`, data: { what } }],
      })),
      {
        name: 'a possible publish caps the finding at info',
        files: repo(
          wf('  push:', 'echo "${{ github.event.head_commit.message }}"').replace(
            '      - run: npm publish\n',
            '      - uses: actions/setup-node@v5\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: ./scripts/release.sh\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
          ),
        ),
        errors: [{ messageId: 'publishingJob', at: '16:20-16:59', severity: 'info', message: expect.stringContaining('may publish') }],
      },
    ],
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
