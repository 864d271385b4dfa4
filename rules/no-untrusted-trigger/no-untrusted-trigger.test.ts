import { describe, expect } from 'vitest';
import { GITHUB_PKG, GITLAB_PKG, publisherConfig, ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';

const RULE = 'no-untrusted-trigger';

/** A workflow triggered by `on` (lines 1–2) whose `publish` job (line 4) runs `steps` (from line 10) and then `npm publish`. */
const wf = (on: string, steps = '', jobExtra = ''): string => `on:
${on}
jobs:
  publish:
    runs-on: ubuntu-latest
${jobExtra}    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v5
${steps}      - run: npm publish
`;

/** `wf` whose publish job needs `needs`, followed by the `jobs` it needs. */
const needing = (on: string, needs: string, jobs: string): string => `${wf(on, '', `    needs: ${needs}\n`)}${jobs}`;
/** A job that publishes nothing, with its `if:` (and `needs:`) when given. */
const other = (id: string, cond?: string, needs?: string): string =>
  `  ${id}:\n${cond === undefined ? '' : `    if: ${cond}\n`}${needs === undefined ? '' : `    needs: ${needs}\n`}    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${id}\n`;
const PR_AND_PUSH = '  pull_request:\n  push:';

/**
 * A top-level workflow on `on` (lines 1–2) whose job `call` (with `callerIf`) calls publish.yml, whose
 * job `publish` (with `jobIf`) publishes: a caller chain. `via`: a middle workflow in between whose
 * calling job has that `if:`.
 */
const chain = (on: string, callerIf: string | undefined, jobIf: string | undefined, via?: string): Pick<Case, 'workflow' | 'files'> => {
  const ifLine = (c: string | undefined): string => (c === undefined ? '' : `    if: ${c}\n`);
  const call = (c: string | undefined, target: string): string => `  call:\n${ifLine(c)}    permissions:\n      id-token: write\n    uses: ./.github/workflows/${target}\n`;
  const callee = `on: workflow_call\njobs:\n  publish:\n${ifLine(jobIf)}    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n`;
  const middle: Record<string, string> = via === undefined ? {} : { '.github/workflows/middle.yml': `on: workflow_call\njobs:\n${call(via, 'publish.yml')}` };
  return {
    workflow: `on:\n${on}\njobs:\n${call(callerIf, via === undefined ? 'publish.yml' : 'middle.yml')}`,
    files: { '.github/workflows/publish.yml': callee, ...middle },
  };
};
/** `wf` with its publish step replaced by two publish steps with these `if:` conditions. */
const twoPublishSteps = (on: string, first: string, second: string): string =>
  wf(on).replace('      - run: npm publish\n', `      - run: npm publish\n        if: ${first}\n      - run: npm publish --workspace b\n        if: ${second}\n`);

/** `wf` whose publish step runs semantic-release (`command`). */
const semrel = (on: string, command = 'npx semantic-release'): string => wf(on).replace('      - run: npm publish\n', `      - run: ${command}\n`);
/** The GitHub package with a `release` script and semantic-release's configuration `release`. */
const SEMREL_PKG = (release: Record<string, unknown>): string => JSON.stringify({ ...JSON.parse(GITHUB_PKG), scripts: { release: 'semantic-release' }, release });

const HEAD_SHA = '        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n';

interface Case {
  name: string;
  workflow?: string;
  files?: Record<string, string>;
  want: string[];
  severities?: ExpectedFinding['severity'][];
  data?: Record<string, string>;
  related?: string[];
}

const cases: Case[] = [
  {
    name: 'pull_request_target and a checkout of the pull request head: warning at the ref',
    workflow: wf('  pull_request_target:', '').replace('      - uses: actions/checkout@v5\n', `      - uses: actions/checkout@v5\n${HEAD_SHA}`),
    want: ['untrustedCheckout@11:16-11:57'],
    severities: ['warning'],
    data: { event: 'pull_request_target', ref: '${{ github.event.pull_request.head.sha }}', path: 'jobs.publish.steps[0]' },
    related: ['`pull_request_target` in release.yml'],
  },
  {
    name: 'pull_request_target alone: warning at the trigger',
    workflow: wf('  pull_request_target:\n    types: [closed]'),
    want: ['pullRequestTarget@2:3-2:22'],
    severities: ['warning'],
    related: ['publishing job "publish" in release.yml'],
  },
  {
    name: '`on: pull_request_target` as a scalar points at the value',
    workflow: wf('  pull_request_target').replace('on:\n  pull_request_target\n', 'on: pull_request_target\n'),
    want: ['pullRequestTarget@1:5-1:24'],
  },
  {
    name: 'a checkout of the head after the publish does not count',
    workflow: `${wf('  pull_request_target:')}      - uses: actions/checkout@v5\n${HEAD_SHA}`,
    want: ['pullRequestTarget@2:3-2:22'],
  },
  {
    name: 'issue_comment and `gh pr checkout`',
    workflow: wf('  issue_comment:', '      - run: gh pr checkout ${{ github.event.issue.number }}\n'),
    want: ['untrustedCheckout@10:14-10:61'],
    severities: ['warning'],
    data: { event: 'issue_comment', ref: 'gh pr checkout' },
  },
  {
    // ianstormtaylor/slate: GitHub's older CLI, `hub`, checks out the pull request's head the same way.
    name: 'issue_comment and `hub pr checkout`',
    workflow: wf('  issue_comment:', '      - run: hub pr checkout ${{ github.event.issue.number }}\n'),
    want: ['untrustedCheckout@10:14-10:62'],
    data: { event: 'issue_comment', ref: 'hub pr checkout' },
  },
  {
    name: 'issue_comment alone',
    workflow: wf('  issue_comment:\n    types: [created]'),
    want: ['issueComment@2:3-2:16'],
    severities: ['warning'],
  },
  {
    name: 'workflow_run is a warning, even with a checkout of its head',
    workflow: wf("  workflow_run:\n    workflows: [CI]\n    types: [completed]", '').replace(
      '      - uses: actions/checkout@v5\n',
      '      - uses: actions/checkout@v5\n        with:\n          ref: ${{ github.event.workflow_run.head_sha }}\n',
    ),
    want: ['workflowRun@2:3-2:15'],
    severities: ['warning'],
  },
  {
    name: 'pull_request without any `if:` is info',
    workflow: wf('  pull_request:\n  push:\n    branches: [main]'),
    want: ['pullRequest@2:3-2:15'],
    severities: ['info'],
  },
  {
    name: 'pull_request with an `if:` on the job is silent',
    workflow: wf('  pull_request:\n  push:', '', "    if: github.event_name == 'push'\n"),
    want: [],
  },
  {
    name: 'pull_request with an `if:` on the publish step is silent',
    workflow: wf('  pull_request:').replace('      - run: npm publish\n', "      - run: npm publish\n        if: github.ref == 'refs/heads/main'\n"),
    want: [],
  },
  {
    name: 'pull_request_target kept out by `if: github.event_name == push`',
    workflow: wf('  pull_request_target:\n  push:', HEAD_SHA.replace('        with:', '      - uses: actions/checkout@v5\n        with:'), "    if: github.event_name == 'push'\n"),
    want: [],
  },
  {
    name: "pull_request_target kept out by `github.event_name != 'pull_request_target'`",
    workflow: wf('  pull_request_target:\n  release:', '', "    if: github.event_name != 'pull_request_target'\n"),
    want: [],
  },
  {
    name: 'pull_request_target limited to branches of this repository',
    workflow: wf('  pull_request_target:', '', '    if: github.event.pull_request.head.repo.full_name == github.repository\n'),
    want: [],
  },
  {
    name: 'issue_comment limited to members by `author_association` is silent',
    workflow: wf('  issue_comment:', '', "    if: contains(fromJSON('[\"OWNER\",\"MEMBER\"]'), github.event.comment.author_association)\n"),
    want: [],
  },
  {
    name: 'workflow_run limited to runs started by a push is silent',
    workflow: wf('  workflow_run:\n    workflows: [CI]', '', "    if: github.event.workflow_run.event == 'push'\n"),
    want: [],
  },
  // dotenvx/dotenvx: the publishing job needs a job that runs only for tags, so it is skipped with it.
  ...[
    ["a needed job's `startsWith(github.ref, 'refs/tags/v')`", "startsWith(github.ref, 'refs/tags/v') && github.event_name == 'push'"],
    ["a needed job's `${{ startsWith(github.ref, 'refs/tags/') }}`", "${{ startsWith(github.ref, 'refs/tags/') }}"],
    ["a needed job's `github.ref == 'refs/heads/main'`", "github.ref == 'refs/heads/main'"],
    ["a needed job's `${{ 'refs/heads/main' == github.ref }}`", "${{ 'refs/heads/main' == github.ref }}"],
    ["a needed job's `github.event_name == 'push'`", "github.event_name == 'push'"],
    ["a needed job's `github.event_name != 'pull_request'`", "github.event_name != 'pull_request'"],
    ["a needed job's `always() && startsWith(github.ref, 'refs/tags/')`", "always() && startsWith(github.ref, 'refs/tags/')"],
  ].map(([what, cond]) => ({ name: `pull_request: ${what} skips the publishing job`, workflow: needing(PR_AND_PUSH, 'release', other('release', cond)), want: [] })),
  {
    name: 'pull_request: a job needed through another one (`success()` in between) skips the publishing job',
    workflow: needing(PR_AND_PUSH, '[build]', other('build', 'success()', 'release') + other('release', "startsWith(github.ref, 'refs/tags/v')")),
    want: [],
  },
  {
    name: 'pull_request_target: a needed job limited to pushes skips the publishing job',
    workflow: needing('  pull_request_target:\n  push:', 'release', other('release', "github.event_name == 'push'")),
    want: [],
  },
  ...[
    ['a needed job without `if:`', other('release')],
    ["a needed job's `startsWith(github.ref, 'refs/pull/')`", other('release', "startsWith(github.ref, 'refs/pull/')")],
    ["a needed job's `github.event_name == 'pull_request'`", other('release', "github.event_name == 'pull_request'")],
    ["a needed job's `if:` that lets pull requests through with `||`", other('release', "startsWith(github.ref, 'refs/tags/') || github.event_name == 'pull_request'")],
    ['a job in between with `always()`', other('build', 'always()', 'release') + other('release', "startsWith(github.ref, 'refs/tags/v')")],
    ['a job in between with `!cancelled()`', other('build', '${{ !cancelled() }}', 'release') + other('release', "github.event_name == 'push'")],
    ['needs that name each other', other('release', undefined, 'publish')],
  ].map(([what = '', jobs = '']) => ({
    name: `pull_request: ${what} still reports`,
    workflow: needing(PR_AND_PUSH, what.includes('between') ? 'build' : 'release', jobs),
    want: ['pullRequest@2:3-2:15'],
  })),
  // sebamarynissen/sc4: the `if:` of a needed job tp-doctor cannot decide skips the publishing job
  // with it, so it counts as one of the job's own (`needGuards`), as on the job itself.
  ...[
    ["a needed job's `if:` that does not read the event", other('release', "github.repository == 'acme/widget'"), 'release'],
    ["a needed job's `contains(github.ref, 'tags')` (not read)", other('release', "contains(github.ref, 'tags')"), 'release'],
    ['a job needed through another one', other('build', undefined, 'gate') + other('gate', "github.repository == 'acme/widget'"), 'build'],
  ].map(([what = '', jobs = '', needs = '']) => ({ name: `pull_request: ${what} is a guard: silent`, workflow: needing(PR_AND_PUSH, needs, jobs), want: [] })),
  {
    name: 'pull_request closed: a needed job kept to merged pull requests gives pullRequestMerged (sebamarynissen/sc4)',
    workflow: needing('  pull_request:\n    types: [closed]', 'gate', other('gate', 'github.event.pull_request.merged == true')),
    want: ['pullRequestMerged@2:3-2:15'],
  },
  {
    name: 'pull_request closed: a needed job kept to merged pull requests, the publishing job runs anyway with `always()`: still reports',
    workflow: needing('  pull_request:\n    types: [closed]', 'gate', other('gate', 'github.event.pull_request.merged == true')).replace('    needs: gate\n', '    needs: gate\n    if: always()\n'),
    want: ['pullRequest@2:3-2:15'],
  },
  {
    name: 'pull_request closed: a needed job kept to merged pull requests behind a job with `!cancelled()`: still reports',
    workflow: needing('  pull_request:\n    types: [closed]', 'build', other('build', '${{ !cancelled() }}', 'gate') + other('gate', 'github.event.pull_request.merged == true')),
    want: ['pullRequest@2:3-2:15'],
  },
  {
    name: 'pull_request_target: a needed job limited to tags still runs (the ref is the base branch)',
    workflow: needing('  pull_request_target:\n  push:', 'release', other('release', "startsWith(github.ref, 'refs/tags/v')")),
    want: ['pullRequestTarget@2:3-2:22'],
  },
  // An `if:` read with the event set (`conditionForEvent`): one certainly true for it guards nothing,
  // one certainly false keeps it out, one tp-doctor cannot decide counts as a guard.
  ...[
    ["`github.event_name != 'schedule'`", "github.event_name != 'schedule'"],
    ['`true`', 'true'],
    ['`${{ always() }}`', '${{ always() }}'],
    ["`always() && github.event_name != 'workflow_run'`", "always() && github.event_name != 'workflow_run'"],
    ['`success()`', 'success()'],
    ['`${{ !cancelled() }}`', '${{ !cancelled() }}'],
    ["`github.event_name == 'pull_request' || github.event_name == 'push'`", "github.event_name == 'pull_request' || github.event_name == 'push'"],
    ["`github.actor == 'bot' || github.event_name != 'schedule'`", "github.actor == 'bot' || github.event_name != 'schedule'"],
  ].map(([what, cond = '']) => ({ name: `pull_request: a job \`if:\` ${what} lets pull requests through: still info`, workflow: wf(PR_AND_PUSH, '', `    if: ${cond}\n`), want: ['pullRequest@2:3-2:15'], severities: ['info' as const] })),
  ...[
    ['the same repository', 'github.event.pull_request.head.repo.full_name == github.repository'],
    ['the commit message', "contains(github.event.head_commit.message, '[release]')"],
    ['the actor', "github.actor == 'release-bot'"],
    ['`always()` and the actor', "always() && github.actor == 'release-bot'"],
    ['`failure()`', 'failure()'],
    ["`github.event_name != 'pull_request'`", "github.event_name != 'pull_request'"],
    ["`${{ github.event_name == 'push' && always() }}`", "${{ github.event_name == 'push' && always() }}"],
  ].map(([what, cond = '']) => ({ name: `pull_request: a job \`if:\` on ${what} is silent`, workflow: wf(PR_AND_PUSH, '', `    if: ${cond}\n`), want: [] })),
  // kibertoad/toad-cache: a release on the merge of a labelled pull request.
  ...[
    ['`types: [closed]` and `merged == true`', '  pull_request:\n    types: [closed]', 'github.event.pull_request.merged == true', ['pullRequestMerged@2:3-2:15']],
    ['`types: closed` (a string) and `merged` with labels', '  pull_request:\n    types: closed', "github.event.pull_request.merged && contains(github.event.pull_request.labels.*.name, 'release')", ['pullRequestMerged@2:3-2:15']],
    ['`merged == true` without `closed` among the types (never runs merged)', '  pull_request:\n    types: [opened, synchronize]', 'github.event.pull_request.merged == true', []],
    ['no `types` (opened, synchronize, reopened)', '  pull_request:', 'github.event.pull_request.merged == true', []],
    ['`merged` and the same repository', '  pull_request:\n    types: [closed]', 'github.event.pull_request.merged == true && github.event.pull_request.head.repo.full_name == github.repository', []],
    ['`merged` and not a fork', '  pull_request:\n    types: [closed]', 'github.event.pull_request.merged && !github.event.pull_request.head.repo.fork', []],
    ['`merged` and a release branch (`head.ref`)', '  pull_request:\n    types: [closed]', "github.event.pull_request.merged == true && startsWith(github.event.pull_request.head.ref, 'release/')", []],
    ['`merged` and the head label of this owner', '  pull_request:\n    types: [closed]', "github.event.pull_request.merged == true && github.event.pull_request.head.label == 'acme:release'", []],
    ['`merged` and a release bot as author', '  pull_request:\n    types: [closed]', "github.event.pull_request.merged && github.event.pull_request.user.login == 'release-bot'", []],
    ['`merged` and a release title (less/less.js)', '  pull_request:\n    types: [closed]', "github.event.pull_request.merged == true && startsWith(github.event.pull_request.title, 'chore: release v')", []],
    ['`closed` and a guard on labels only', '  pull_request:\n    types: [closed]', "contains(github.event.pull_request.labels.*.name, 'release')", []],
    ['`merged` on pull_request_target (a warning of its own)', '  pull_request_target:\n    types: [closed]', 'github.event.pull_request.merged == true', ['pullRequestTarget@2:3-2:22']],
  ].map(([what, on, cond, want]) => ({
    name: `a publish on a merged pull request: ${what as string}`,
    workflow: wf(on as string, '', `    if: ${cond as string}\n`),
    want: want as string[],
  })),
  {
    name: 'a merged pull request: info, and the message names the fork',
    workflow: wf('  pull_request:\n    types: [closed]', '', '    if: github.event.pull_request.merged == true\n'),
    want: ['pullRequestMerged@2:3-2:15'],
    severities: ['info'],
  },
  {
    name: 'pull_request: one publish step open to pull requests, the other on the actor: info',
    workflow: twoPublishSteps(PR_AND_PUSH, "github.event_name != 'schedule'", "github.actor == 'release-bot'"),
    want: ['pullRequest@2:3-2:15'],
  },
  {
    name: 'pull_request: one publish step for pushes only, the other on the actor: silent',
    workflow: twoPublishSteps(PR_AND_PUSH, "github.event_name == 'push'", "github.actor == 'release-bot'"),
    want: [],
  },
  // upstash/redis-js: router.yml on pull_request calls tests.yaml from a job with `if: github.event_name != 'workflow_run'`.
  {
    name: "pull_request: a caller job's `github.event_name != 'workflow_run'` lets pull requests through",
    ...chain(PR_AND_PUSH, "github.event_name != 'workflow_run'", undefined),
    want: ['pullRequest@2:3-2:15'],
    related: ['publishing job "publish" in publish.yml'],
  },
  {
    name: 'pull_request: a nested chain of conditions that all let pull requests through',
    ...chain(PR_AND_PUSH, 'always()', "github.event_name != 'schedule'", 'true'),
    want: ['pullRequest@2:3-2:15'],
  },
  ...([
    ["a caller job's `github.event_name == 'push'`", chain(PR_AND_PUSH, "github.event_name == 'push'", 'true')],
    ["a caller job's condition on the owner", chain(PR_AND_PUSH, "github.repository_owner == 'acme'", "github.event_name != 'schedule'")],
    ["a middle caller's `github.event_name != 'pull_request'`", chain(PR_AND_PUSH, 'true', undefined, "github.event_name != 'pull_request'")],
  ] as const).map(([what, c]) => ({ name: `pull_request: ${what} is silent`, ...c, want: [] })),
  {
    name: "pull_request_target: `github.event_name != 'pull_request'` lets it through",
    workflow: wf('  pull_request_target:\n  push:', '', "    if: github.event_name != 'pull_request'\n"),
    want: ['pullRequestTarget@2:3-2:22'],
    severities: ['warning'],
  },
  {
    name: "issue_comment: `github.event_name != 'push'` lets it through",
    workflow: wf('  issue_comment:\n  push:', '', "    if: github.event_name != 'push'\n"),
    want: ['issueComment@2:3-2:16'],
  },
  {
    name: "workflow_run: a caller job's `github.event_name != 'schedule'` lets it through",
    ...chain("  workflow_run:\n    workflows: [CI]", "github.event_name != 'schedule'", undefined),
    want: ['workflowRun@2:3-2:15'],
  },
  {
    name: 'pull_request_target: one publish step kept out, the other open: warning',
    workflow: twoPublishSteps('  pull_request_target:\n  push:', "github.event_name == 'push'", "github.event_name != 'push'"),
    want: ['pullRequestTarget@2:3-2:22'],
  },
  {
    name: 'pull_request_target: the event and the same repository is silent',
    workflow: wf('  pull_request_target:', '', "    if: github.event_name == 'pull_request_target' && github.event.pull_request.head.repo.full_name == github.repository\n"),
    want: [],
  },
  {
    name: 'pull_request_target: an event list the evaluator cannot read that leaves it out is silent',
    workflow: wf('  pull_request_target:\n  push:', '', "    if: contains(fromJSON('[\"push\",\"release\"]'), github.event_name)\n"),
    want: [],
  },
  // mongodb-js/devtools-shared: a manual fallback joined with `||` keeps no event out; the rest decides.
  ...[
    ["github.event_name == 'workflow_dispatch' || github.event.workflow_run.conclusion == 'success'", '  workflow_dispatch:\n  workflow_run:\n    workflows: [CI]', 'workflowRun@3:3-3:15'],
    ["github.event_name != 'workflow_dispatch' && github.event.workflow_run.conclusion == 'success'", '  workflow_dispatch:\n  workflow_run:\n    workflows: [CI]', 'workflowRun@3:3-3:15'],
    ["github.event_name == 'push' || contains(github.event.pull_request.labels.*.name, 'publish')", '  push:\n  pull_request_target:', 'pullRequestTarget@3:3-3:22'],
  ].map(([condition, on, at]) => ({
    name: `an event test the evaluator reads, joined with a condition it cannot (${condition}): a warning`,
    workflow: wf(on!, '', `    if: ${condition}\n`),
    want: [at!],
    severities: ['warning' as const],
  })),
  // mdn/rari: the triggering workflow is this repository's and runs only on `release`.
  ...[
    ['runs only on release: silent', 'name: Build\non:\n  release:\n    types: [created]\njobs: {}\n', []],
    ['runs on push and workflow_dispatch: silent', 'name: Build\non: [push, workflow_dispatch]\njobs: {}\n', []],
    ['also runs on pull_request: a warning', 'name: Build\non: [push, pull_request]\njobs: {}\n', ['workflowRun@2:3-2:15']],
    ['has another name: a warning', 'name: Other\non: [release]\njobs: {}\n', ['workflowRun@2:3-2:15']],
  ].map(([what, build, want]) => ({
    name: `workflow_run of a workflow of this repository that ${what as string}`,
    workflow: wf('  workflow_run:\n    workflows: [Build]\n    types: [completed]', ''),
    files: { '.github/workflows/build.yml': build as string },
    want: want as string[],
  })),
  {
    // openai/openai-agents-js: only the run of the default branch's tip commit publishes.
    name: 'workflow_run limited to the run of github.sha is silent',
    workflow: wf('  workflow_run:\n    workflows: [CI]', '', "    if: github.event.workflow_run.conclusion == 'success' && github.sha == github.event.workflow_run.head_sha\n"),
    want: [],
  },
  {
    name: 'a push of a tag is fine',
    workflow: wf("  push:\n    tags: ['v*']"),
    want: [],
  },
  // semantic-release publishes nothing in a pull request's run (env-ci `isPr`; docs/domain.md A.36).
  { name: 'pull_request: semantic-release is silent', workflow: semrel(PR_AND_PUSH), want: [] },
  { name: 'pull_request: semantic-release through a package script is silent', workflow: semrel(PR_AND_PUSH, 'npm run release'), files: { 'package.json': SEMREL_PKG({}) }, want: [] },
  { name: 'pull_request_target: semantic-release without a checkout of the head is silent', workflow: semrel('  pull_request_target:'), want: [] },
  { name: 'pull_request: semantic-release with `ci: false` in its configuration publishes', workflow: semrel(PR_AND_PUSH, 'npm run release'), files: { 'package.json': SEMREL_PKG({ ci: false }) }, want: ['pullRequest@2:3-2:15'] },
  { name: 'pull_request: semantic-release --no-ci publishes', workflow: semrel(PR_AND_PUSH, 'npx semantic-release --no-ci'), want: ['pullRequest@2:3-2:15'] },
  { name: 'pull_request: semantic-release with GITHUB_EVENT_NAME set on the command publishes (env-ci reads the event from it)', workflow: semrel(PR_AND_PUSH, 'GITHUB_EVENT_NAME=push npx semantic-release'), want: ['pullRequest@2:3-2:15'] },
  { name: 'pull_request: semantic-release with GITHUB_EVENT_NAME in the step env publishes', workflow: semrel(PR_AND_PUSH).replace('      - run: npx semantic-release\n', '      - run: npx semantic-release\n        env:\n          GITHUB_EVENT_NAME: push\n'), want: ['pullRequest@2:3-2:15'] },
  { name: 'pull_request: semantic-release --ci "$CI_MODE" may publish', workflow: semrel(PR_AND_PUSH, 'npx semantic-release --ci "$CI_MODE"'), want: ['pullRequest@2:3-2:15'] },
  // A word only known at run time may be `--no-ci`; an `extends` on the command line may set `ci: false`.
  ...['npx semantic-release $ARGS', 'npx semantic-release ${{ inputs.args }}', 'npx semantic-release --extends ./shared-release.js', 'npx semantic-release -e ./shared-release.js'].map((run) => ({
    name: `pull_request: \`${run}\` may publish`,
    workflow: semrel(PR_AND_PUSH, run),
    want: ['pullRequest@2:3-2:15'],
  })),
  { name: 'pull_request: a package script that forwards `$EXTRA` to semantic-release may publish', workflow: semrel(PR_AND_PUSH, 'npm run release -- $EXTRA'), files: { 'package.json': SEMREL_PKG({}) }, want: ['pullRequest@2:3-2:15'] },
  {
    name: 'pull_request: an npm publish beside semantic-release still counts',
    workflow: semrel(PR_AND_PUSH).replace('      - run: npx semantic-release\n', '      - run: npx semantic-release\n      - run: npm publish --workspace b\n'),
    want: ['pullRequest@2:3-2:15'],
  },
  {
    name: 'pull_request_target: semantic-release after a checkout of the head is still reported (the code runs with the token)',
    workflow: semrel('  pull_request_target:').replace('      - uses: actions/checkout@v5\n', `      - uses: actions/checkout@v5\n${HEAD_SHA}`),
    want: ['untrustedCheckout@11:16-11:57'],
  },
  { name: 'issue_comment: semantic-release is still reported', workflow: semrel('  issue_comment:'), want: ['issueComment@2:3-2:16'] },
];

const filesOf = (c: Case): Record<string, string> => ({
  'package.json': GITHUB_PKG,
  'tp-doctor.yml': publisherConfig({}),
  '.github/workflows/release.yml': c.workflow ?? '',
  ...c.files,
});

/** Each finding of a row with its severity (when the row gives them); the row's data and related labels on the first. */
const errorsOf = (c: Case): ExpectedFinding[] =>
  c.want.map((w, i) => {
    const [messageId = '', at = ''] = w.split('@');
    return { messageId, at, severity: c.severities?.[i], ...(i === 0 ? { data: c.data, related: c.related } : {}) };
  });

const CALLEE = `on: workflow_call
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
  b:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish --workspace x
`;
const CALLER = 'on:\n  pull_request_target:\njobs:\n  call:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/publish.yml\n';

const MR_WORKFLOW = 'workflow:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n    - if: $CI_COMMIT_BRANCH\n';
const gitlab = (ci: string): Record<string, string> => ({ 'package.json': GITLAB_PKG, '.gitlab-ci.yml': ci });
/** A GitLab finding: a warning with its `because`. */
const mergeRequest = (at: string, because: string): ExpectedFinding => ({ messageId: 'gitlabMergeRequest', at, severity: 'warning', data: { because } });

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: [
      ...cases.filter((c) => c.want.length === 0).map((c) => ({ name: c.name, files: filesOf(c) })),
      { name: 'GitLab: a job limited to tags is silent', files: gitlab(`${MR_WORKFLOW}publish:\n  script: npm publish\n  rules:\n    - if: $CI_COMMIT_TAG\n`) },
      { name: 'GitLab: a pipeline without merge-request pipelines is silent', files: gitlab('publish:\n  script: npm publish\n') },
      { name: 'GitLab: semantic-release in merge-request pipelines is silent', files: gitlab(`${MR_WORKFLOW}publish:\n  script: npx semantic-release\n`) },
      {
        name: 'GitLab: merge-request pipelines turned off by `when: never` are silent',
        files: gitlab('workflow:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n      when: never\n    - when: always\npublish:\n  script: npm publish\n'),
      },
    ],
    invalid: [
      ...cases.filter((c) => c.want.length > 0).map((c) => ({ name: c.name, files: filesOf(c), errors: errorsOf(c) })),
      {
        name: 'follows a reusable workflow to the trigger of its caller, once for two publishing jobs',
        files: { 'package.json': GITHUB_PKG, '.github/workflows/ci.yml': CALLER, '.github/workflows/publish.yml': CALLEE },
        errors: [
          {
            messageId: 'pullRequestTarget',
            at: '2:3-2:22',
            file: '.github/workflows/ci.yml',
            related: ['publishing job "a" in publish.yml', 'publishing job "b" in publish.yml'],
          },
        ],
      },
      {
        name: 'renders the checkout message',
        files: {
          'package.json': GITHUB_PKG,
          '.github/workflows/release.yml': wf('  pull_request_target:').replace('      - uses: actions/checkout@v5\n', `      - uses: actions/checkout@v5\n${HEAD_SHA}`),
        },
        errors: [
          {
            messageId: 'untrustedCheckout',
            at: '11:16-11:57',
            message:
              'Job "publish" publishes to npm after checking out the pull request\'s code (`${{ github.event.pull_request.head.sha }}`) in a workflow that runs on `pull_request_target`',
          },
        ],
      },
      {
        name: 'a guessed publish caps the checkout finding at info',
        files: {
          'package.json': GITHUB_PKG,
          '.github/workflows/release.yml': wf('  pull_request_target:')
            .replace('      - uses: actions/checkout@v5\n', `      - uses: actions/checkout@v5\n${HEAD_SHA}      - uses: actions/setup-node@v5\n        with:\n          registry-url: https://registry.npmjs.org\n`)
            .replace('      - run: npm publish\n', '      - run: ./scripts/release.sh\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'),
        },
        errors: [{ messageId: 'untrustedCheckout', at: '11:16-11:57', severity: 'info', message: expect.stringContaining('may publish') }],
      },
      {
        name: 'GitLab: a publishing job without rules in a pipeline that runs for merge requests',
        files: gitlab(`${MR_WORKFLOW}publish:\n  script: npm publish\n`),
        errors: [mergeRequest('5:1-5:8', 'it has no `rules:` and `workflow:rules` start merge-request pipelines')],
      },
      {
        name: 'GitLab: semantic-release with arguments only known at run time in merge-request pipelines',
        files: gitlab(`${MR_WORKFLOW}publish:\n  script: npx semantic-release $SR_ARGS\n`),
        errors: [mergeRequest('5:1-5:8', 'it has no `rules:` and `workflow:rules` start merge-request pipelines')],
      },
      {
        name: 'GitLab: semantic-release --no-ci in merge-request pipelines',
        files: gitlab(`${MR_WORKFLOW}publish:\n  script: npx semantic-release --no-ci\n`),
        errors: [mergeRequest('5:1-5:8', 'it has no `rules:` and `workflow:rules` start merge-request pipelines')],
      },
      {
        name: "GitLab: the job's own rules",
        files: gitlab('publish:\n  script: npm publish\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n'),
        errors: [mergeRequest('1:1-1:8', 'its `rules:` match `merge_request_event`')],
      },
      {
        name: 'GitLab: `only: merge_requests`',
        files: gitlab('publish:\n  script: npm publish\n  only: [merge_requests]\n'),
        errors: [mergeRequest('1:1-1:8', '`only: merge_requests`')],
      },
    ],
  });
});
