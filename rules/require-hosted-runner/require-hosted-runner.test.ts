import { describe, expect, it } from 'vitest';
import { circleConfig, circleRepo, GITHUB_PKG, gitlabRepo, lintFiles } from '../../test/helpers.js';
import { fromRuleCases, ruleTester, type RuleCase } from '../../test/rule-tester.js';

const RULE = 'require-hosted-runner';

/**
 * A publishing workflow. The job id `publish` is line 7; `before` lines (a strategy) come next,
 * then `runs-on: <runsOn>` (line 8 without `before`).
 */
function workflow(runsOn: string, before: string[] = [], publish = 'npm publish'): string {
  return [
    'name: Release',
    'on:',
    '  push:',
    "    tags: ['v*']",
    'permissions: {}',
    'jobs:',
    '  publish:',
    ...before.map((l) => `    ${l}`),
    `    runs-on: ${runsOn}`,
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    `      - run: ${publish}`,
    '',
  ].join('\n');
}

/** A job appended after `workflow()`'s: `<id>:` on its first line, `before` lines, then `runs-on`. */
function neededJob(runsOn: string, before: string[] = [], id = 'build', run = 'npm test'): string {
  return [`  ${id}:`, ...before.map((l) => `    ${l}`), `    runs-on: ${runsOn}`, '    steps:', `      - run: ${run}`, ''].join('\n');
}

function repo(wf: string, config?: string): Record<string, string> {
  const files: Record<string, string> = { 'package.json': GITHUB_PKG, '.github/workflows/release.yml': wf };
  if (config !== undefined) files['tp-doctor.yml'] = config;
  return files;
}

const hostedConfig = (...labels: string[]): string => `runners:\n  hosted: [${labels.join(', ')}]\n`;

const cases: RuleCase[] = [
  { name: 'GitHub-hosted label', files: repo(workflow('ubuntu-latest')), want: [] },
  { name: 'hosted labels are case-insensitive', files: repo(workflow('Ubuntu-24.04')), want: [] },
  { name: 'hosted label in a list', files: repo(workflow('[ubuntu-24.04-arm]')), want: [] },
  { name: 'hosted larger macOS label', files: repo(workflow('macos-latest-xlarge')), want: [] },
  {
    name: 'self-hosted',
    files: repo(workflow('self-hosted')),
    want: ['selfHosted@8:14-8:25'],
    data: { job: 'publish', label: 'self-hosted', origin: '', path: 'jobs.publish.runs-on', publishes: 'publishes' },
  },
  {
    name: 'self-hosted label list: one diagnostic at the decisive label',
    files: repo(workflow('[linux, x64, self-hosted]')),
    want: ['selfHosted@8:27-8:38'],
  },
  {
    name: 'self-hosted wins over a hosted label in the same list',
    files: repo(workflow('[self-hosted, ubuntu-latest]')),
    want: ['selfHosted@8:15-8:26'],
  },
  {
    name: 'Blacksmith',
    files: repo(workflow('blacksmith-4vcpu-ubuntu-2404')),
    want: ['thirdParty@8:14-8:42'],
    data: { provider: 'Blacksmith', label: 'blacksmith-4vcpu-ubuntu-2404' },
  },
  {
    name: 'Namespace profile',
    files: repo(workflow('namespace-profile-default')),
    want: ['thirdParty@8:14-8:39'],
    data: { provider: 'Namespace' },
  },
  {
    name: 'Depot',
    files: repo(workflow('depot-ubuntu-24.04-arm-small')),
    want: ['thirdParty@8:14-8:42'],
    data: { provider: 'Depot' },
  },
  {
    name: 'runner group not declared as hosted',
    files: repo(workflow('{ group: release-runners }')),
    want: ['group@8:23-8:38'],
    data: { group: 'release-runners' },
  },
  {
    // The group's runners are set on GitHub: the `self-hosted` label beside it decides (an error).
    name: 'runner group not declared as hosted, with a self-hosted label',
    files: repo(workflow('{ group: release-runners, labels: [self-hosted] }')),
    want: ['selfHosted@8:49-8:60'],
  },
  {
    // The self-hosted leg never runs the publish step.
    name: 'a matrix leg on which no publish step runs is not judged',
    files: repo(workflow('${{ matrix.os }}', ['strategy:', '  matrix:', '    os: [ubuntu-latest, self-hosted]'], "npm publish\n        if: matrix.os == 'ubuntu-latest'")),
    want: [],
  },
  {
    name: 'control: the same matrix without the condition',
    files: repo(workflow('${{ matrix.os }}', ['strategy:', '  matrix:', '    os: [ubuntu-latest, self-hosted]'])),
    want: ['selfHosted@10:29-10:40'],
  },
  {
    name: 'runner group declared as hosted (larger runners), with their own labels',
    files: repo(workflow('{ group: larger, labels: [ubuntu-24.04-16core] }'), hostedConfig('larger')),
    want: [],
  },
  {
    name: 'hosted group still rejects a self-hosted label',
    files: repo(workflow('{ group: larger, labels: [self-hosted] }'), hostedConfig('larger')),
    want: ['selfHosted@8:40-8:51'],
  },
  {
    name: 'labels map without group',
    files: repo(workflow('{ labels: [self-hosted, linux] }')),
    want: ['selfHosted@8:25-8:36'],
  },
  {
    name: 'retired hosted label',
    files: repo(workflow('ubuntu-20.04')),
    want: ['retired@8:14-8:26'],
    data: { label: 'ubuntu-20.04', retiredOn: '2025-04-15' },
  },
  {
    name: 'a macOS 14 label, retired on 2026-11-02: the job never starts',
    files: repo(workflow('macos-14')),
    want: ['retired@8:14-8:22'],
    data: { label: 'macos-14', retiredOn: '2026-11-02', publishes: 'publishes' },
  },
  {
    name: 'macos-14-xlarge is retired too, whatever the case',
    files: repo(workflow('MacOS-14-XLarge')),
    want: ['retired@8:14-8:29'],
    data: { label: 'MacOS-14-XLarge', retiredOn: '2026-11-02' },
  },
  {
    name: 'ubuntu-22.04 works but is scheduled to retire: advice',
    files: repo(workflow('ubuntu-22.04')),
    want: ['retiring@8:14-8:26'],
    data: { label: 'ubuntu-22.04', retiresOn: '2027-04-17', suggestion: 'ubuntu-24.04', path: 'jobs.publish.runs-on' },
  },
  {
    name: 'ubuntu-22.04-arm from a matrix: advice at the matrix value, once',
    files: repo(workflow('${{ matrix.os }}', ['strategy:', '  matrix:', '    os: [ubuntu-22.04-arm, ubuntu-24.04]', '    node: [22, 24]'])),
    want: ['retiring@10:14-10:30'],
    data: { suggestion: 'ubuntu-24.04-arm', origin: ' from `${{ matrix.os }}`', path: 'jobs.publish.strategy.matrix.os' },
  },
  {
    name: 'new hosted labels are hosted: xcode-27, windows-11-vs2026-arm, ubuntu-26.04 (preview)',
    files: repo(workflow('${{ matrix.os }}', ['strategy:', '  matrix:', '    os: [xcode-27, xcode-27-xlarge, windows-11-vs2026-arm, ubuntu-26.04-arm]'])),
    want: [],
  },
  { name: 'a job that does not publish on a retired label: silent', files: repo(workflow('macos-14', [], 'npm test')), want: [] },
  {
    name: 'the publishing job needs a job on a retired label: that job fails, the publish is skipped',
    files: repo(workflow('ubuntu-latest', ['needs: build']) + neededJob('macos-14')),
    want: ['retiredNeed@19:14-19:22'],
    data: { job: 'publish', needed: 'build', label: 'macos-14', retiredOn: '2026-11-02', path: 'jobs.build.runs-on' },
  },
  {
    name: 'a retired label two needs away (publish -> test -> build) skips the publish as well',
    files: repo(workflow('ubuntu-latest', ['needs: test']) + neededJob('ubuntu-latest', ['needs: build'], 'test') + neededJob('macos-14')),
    want: ['retiredNeed@24:14-24:22'],
    data: { needed: 'build' },
  },
  {
    name: 'one retired matrix leg of the needed job fails it: at the matrix value',
    files: repo(
      workflow('ubuntu-latest', ['needs: build']) + neededJob('${{ matrix.os }}', ['strategy:', '  matrix:', '    os: [ubuntu-latest, macos-14]']),
    ),
    want: ['retiredNeed@21:29-21:37'],
    data: { origin: ' from `${{ matrix.os }}`', path: 'jobs.build.strategy.matrix.os' },
  },
  {
    name: 'control: the publishing job runs whatever its needs did (`if: always()`)',
    files: repo(workflow('ubuntu-latest', ['needs: build', 'if: always()']) + neededJob('macos-14')),
    want: [],
  },
  {
    name: 'control: a needed job with continue-on-error does not fail the publish',
    files: repo(workflow('ubuntu-latest', ['needs: build']) + neededJob('macos-14', ['continue-on-error: true'])),
    want: [],
  },
  {
    name: 'control: a needed job on a self-hosted machine labelled macos-14',
    files: repo(workflow('ubuntu-latest', ['needs: build']) + neededJob('[self-hosted, macos-14]')),
    want: [],
  },
  {
    name: 'control: a needed job on a current label',
    files: repo(workflow('ubuntu-latest', ['needs: build']) + neededJob('macos-15')),
    want: [],
  },
  {
    name: 'a needed job that publishes itself on a retired label: its own finding only',
    files: repo(workflow('ubuntu-latest', ['needs: build']) + neededJob('macos-14', [], 'build', 'npm publish')),
    want: ['retired@19:14-19:22'],
  },
  {
    name: 'unknown label',
    files: repo(workflow('ubuntu-latest-16-cores')),
    want: ['unknown@8:14-8:36'],
    data: { label: 'ubuntu-latest-16-cores' },
  },
  {
    name: 'unknown label declared as a hosted larger runner',
    files: repo(workflow('ubuntu-latest-16-cores'), hostedConfig('ubuntu-latest-16-cores')),
    want: [],
  },
  {
    name: 'unresolvable expression',
    files: repo(workflow('${{ inputs.runner }}')),
    want: ['expression@8:14-8:34'],
    data: { expression: '${{ inputs.runner }}' },
  },
  {
    name: 'unresolvable group expression',
    files: repo(workflow("{ group: '${{ vars.GROUP }}' }")),
    want: ['expression@8:23-8:42'],
  },
  {
    name: 'matrix: the bad value is reported at the matrix entry',
    files: repo(workflow('${{ matrix.os }}', ['strategy:', '  matrix:', '    os: [ubuntu-latest, blacksmith-4vcpu-ubuntu-2404]'])),
    want: ['thirdParty@10:29-10:57'],
    data: { origin: ' from `${{ matrix.os }}`', path: 'jobs.publish.strategy.matrix.os' },
  },
  {
    name: 'matrix: a bad value repeated across combinations is reported once',
    files: repo(
      workflow('${{ matrix.os }}', ['strategy:', '  matrix:', '    os: [self-hosted, ubuntu-latest]', '    node: [22, 24]']),
    ),
    want: ['selfHosted@10:14-10:25'],
  },
  {
    name: 'matrix: each distinct bad value is reported',
    files: repo(workflow('${{ matrix.os }}', ['strategy:', '  matrix:', '    os: [ubuntu-20.04, buildjet-4vcpu-ubuntu-2204]'])),
    want: ['retired@10:14-10:26', 'thirdParty@10:28-10:54'],
  },
  {
    name: 'matrix: nested include value',
    files: repo(
      workflow('${{ matrix.settings.host }}', [
        'strategy:',
        '  matrix:',
        '    settings:',
        '      - host: ubuntu-latest',
        '      - host: macos-13',
      ]),
    ),
    want: ['retired@12:19-12:27'],
    data: { path: 'jobs.publish.strategy.matrix.settings.host' },
  },
  {
    name: 'matrix: a list value makes one choice',
    files: repo(workflow('${{ matrix.runner }}', ['strategy:', '  matrix:', '    runner: [[self-hosted, linux], [ubuntu-latest]]'])),
    want: ['selfHosted@10:19-10:30'],
  },
  {
    name: 'matrix: include entry',
    files: repo(workflow('${{ matrix.os }}', ['strategy:', '  matrix:', '    include:', '      - os: warp-ubuntu-latest-x64-4x'])),
    want: ['thirdParty@11:17-11:42'],
    data: { provider: 'WarpBuild' },
  },
  {
    name: 'matrix in a label list',
    files: repo(workflow("[self-hosted, '${{ matrix.host }}']", ['strategy:', '  matrix:', '    host: [macOS, linux]'])),
    want: ['selfHosted@11:15-11:26'],
  },
  {
    name: 'matrix all hosted',
    files: repo(workflow('${{ matrix.os }}', ['strategy:', '  matrix:', '    os: [ubuntu-latest, macos-latest, windows-latest]'])),
    want: [],
  },
  {
    name: 'matrix from fromJSON cannot be resolved',
    files: repo(workflow('${{ matrix.os }}', ['strategy:', '  matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}'])),
    want: ['expression@10:14-10:30'],
  },
  {
    name: 'matrix value that is itself an expression',
    files: repo(
      workflow('${{ matrix.os }}', ['strategy:', '  matrix:', "    os: [\"${{ vars.BIG && 'big-box' || 'ubuntu-latest' }}\"]"]),
    ),
    want: ['expression@10:14-10:63'],
    data: { expression: "${{ vars.BIG && 'big-box' || 'ubuntu-latest' }}" },
  },
  { name: 'job that does not publish: silent', files: repo(workflow('self-hosted', [], 'npm test')), want: [] },
  {
    name: 'a heuristic publish says "appears to publish"',
    files: repo(workflow('self-hosted', [], 'npm run release')),
    want: ['selfHosted@8:14-8:25'],
    data: { publishes: 'appears to publish' },
  },
  {
    name: 'reusable workflow: the callee job is checked, the caller job has no runs-on',
    files: {
      'package.json': GITHUB_PKG,
      '.github/workflows/ci.yml': 'on: push\njobs:\n  release:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/release.yml\n',
      '.github/workflows/release.yml': workflow('[self-hosted]').replace("on:\n  push:\n    tags: ['v*']", 'on:\n  workflow_call:'),
    },
    want: ['selfHosted@7:15-7:26'],
  },
];

/**
 * publish.yml, a called workflow whose job `npm` runs on `runsOn` (line 10) and publishes; input
 * `runner` (line 5) has `default: <fallback>` on line 7, or none. `triggers`: more events than
 * `workflow_call` (before it, lines 3ff.), which shift every line by their count.
 */
function calledWorkflow(runsOn: string, fallback?: string, triggers: string[] = []): string {
  return [
    'name: publish',
    'on:',
    ...triggers.map((t) => `  ${t}`),
    '  workflow_call:',
    '    inputs:',
    '      runner:',
    '        type: string',
    fallback === undefined ? '        required: false' : `        default: ${fallback}`,
    'jobs:',
    '  npm:',
    `    runs-on: ${runsOn}`,
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    '      - run: npm publish',
    '',
  ].join('\n');
}

/** release.yml: one caller job `publish<i>` of publish.yml per entry (`undefined`: no `with:`); job i's `runner:` value is on line 11 + 6i. */
function runnerCallers(...runners: (string | undefined)[]): string {
  const jobs = runners.flatMap((runner, i) => [
    `  publish${i}:`,
    '    permissions:',
    '      id-token: write',
    '    uses: ./.github/workflows/publish.yml',
    ...(runner === undefined ? ['    with: {}', ''] : ['    with:', `      runner: ${runner}`]),
  ]);
  return ['name: release', 'on:', '  push:', "    tags: ['v*']", 'jobs:', ...jobs, ''].join('\n');
}

const called = (callee: string, callers: string): Record<string, string> => ({
  'package.json': GITHUB_PKG,
  '.github/workflows/publish.yml': callee,
  '.github/workflows/release.yml': callers,
});

/** A called workflow's `runs-on: ${{ inputs.runner }}`, read from its callers' `with:` (or the input's `default:`). */
const callerCases: RuleCase[] = [
  {
    name: 'called workflow: the caller passes self-hosted: the error a literal gives, at the caller',
    files: called(calledWorkflow('${{ inputs.runner }}', 'ubuntu-latest'), runnerCallers('self-hosted')),
    want: ['selfHosted@11:15-11:26'],
    data: { label: 'self-hosted', origin: ' from `${{ inputs.runner }}`, `with: runner` of job "publish0" in release.yml', path: 'jobs.publish0.with.runner' },
    related: ['runs-on of job "npm" in publish.yml'],
  },
  { name: "called workflow: no caller passes the runner: the input's hosted default", files: called(calledWorkflow('${{ inputs.runner }}', 'ubuntu-latest'), runnerCallers(undefined)), want: [] },
  { name: 'called workflow: every caller passes a hosted runner', files: called(calledWorkflow('${{ inputs.runner }}'), runnerCallers('ubuntu-24.04', 'macos-latest')), want: [] },
  {
    name: "called workflow: the input's default is self-hosted and no caller overrides it: at the default",
    files: called(calledWorkflow('${{ inputs.runner }}', 'self-hosted'), runnerCallers(undefined)),
    want: ['selfHosted@7:18-7:29'],
    data: { origin: ' from `${{ inputs.runner }}`, the `default:` of input `runner` of publish.yml', path: 'on.workflow_call.inputs.runner.default' },
  },
  {
    name: 'called workflow: callers disagree: the self-hosted one is judged as a matrix leg',
    files: called(calledWorkflow('${{ inputs.runner }}', 'ubuntu-latest'), runnerCallers('ubuntu-latest', 'self-hosted')),
    want: ['selfHosted@17:15-17:26'],
    data: { path: 'jobs.publish1.with.runner' },
  },
  {
    name: 'called workflow: one caller passes an expression: that run stays unknown (info), the other is judged',
    files: called(calledWorkflow('${{ inputs.runner }}', 'ubuntu-latest'), runnerCallers('${{ github.event.inputs.runner }}', 'blacksmith-4vcpu-ubuntu-2404')),
    want: ['expression@10:14-10:34', 'thirdParty@17:15-17:43'],
  },
  {
    name: 'called workflow: a group from an input',
    files: called(calledWorkflow("{ group: '${{ inputs.runner }}' }", 'ubuntu-latest'), runnerCallers('release-runners')),
    want: ['group@11:15-11:30'],
    data: { group: 'release-runners' },
  },
  {
    name: 'called workflow: an input in a label list',
    files: called(calledWorkflow("[linux, '${{ inputs.runner }}']"), runnerCallers('self-hosted')),
    want: ['selfHosted@11:15-11:26'],
  },
  {
    name: 'called workflow: a runner the expression itself writes is shown at runs-on',
    files: called(calledWorkflow("${{ inputs.runner == 'gpu' && 'self-hosted' || 'ubuntu-latest' }}", 'gpu'), runnerCallers('gpu', 'cpu')),
    want: ['selfHosted@10:14-10:79'],
    data: { origin: " from `${{ inputs.runner == 'gpu' && 'self-hosted' || 'ubuntu-latest' }}`", path: 'jobs.npm.runs-on' },
  },
  {
    name: 'called workflow that also runs on its own trigger: its inputs are not only the callers\', so the expression stays unknown',
    files: called(calledWorkflow('${{ inputs.runner }}', 'ubuntu-latest', ['workflow_dispatch:']), runnerCallers('ubuntu-latest')),
    want: ['expression@11:14-11:34'],
  },
];

describe(RULE, () => {

  it('renders the message, severity and the related runs-on for a matrix value', async () => {
    const [d] = await lintFiles(
      repo(workflow('${{ matrix.os }}', ['strategy:', '  matrix:', '    os: [blacksmith-4vcpu-ubuntu-2404]'])),
      { rule: RULE },
    );
    expect(d?.severity).toBe('error');
    expect(d?.message).toBe(
      'Job "publish" publishes on a Blacksmith runner ("blacksmith-4vcpu-ubuntu-2404" from `${{ matrix.os }}`); npm trusted publishing needs a GitHub-hosted runner',
    );
    expect(d?.fix).toBe(
      'Set `jobs.publish.strategy.matrix.os` to a GitHub-hosted label such as `ubuntu-latest` (keep Blacksmith for the build and test jobs)',
    );
    expect(d?.related).toEqual([
      { file: '.github/workflows/release.yml', start: { line: 11, column: 5 }, end: { line: 11, column: 12 }, label: 'runs-on ${{ matrix.os }}' },
    ]);
  });

  it("a leg whose publish step hangs on an `if:` reading the leg that tp-doctor cannot evaluate may not publish: a warning, not an error", async () => {
    const legs = ['strategy:', '  matrix:', '    os: [ubuntu-latest, self-hosted]'];
    const found = async (condition: string): Promise<string[]> =>
      (await lintFiles(repo(workflow('${{ matrix.os }}', legs, `npm publish\n        if: ${condition}`)), { rule: RULE })).map((d) => `${d.severity}: ${d.message}`);
    const guessed = ['warning: Job "publish" may publish on a self-hosted runner ("self-hosted" from `${{ matrix.os }}`); npm trusted publishing needs a GitHub-hosted runner'];
    expect(await found("startsWith(matrix.os, format('{0}', 'ubuntu'))")).toEqual(guessed);
    // `runner.os` is the leg's when `runs-on` reads the matrix.
    expect(await found("runner.os == 'Linux'")).toEqual(guessed);
    // Evaluated now: an index by a literal name, `startsWith` of known operands.
    expect(await found("matrix['os'] == 'ubuntu-latest'")).toEqual([]);
    expect(await found("startsWith(matrix.os, 'Ubuntu')")).toEqual([]);
    // Control: a condition that reads no leg is the same in every leg: the self-hosted leg publishes when any does.
    expect(await found("github.ref == 'refs/heads/main'")).toEqual([guessed[0]!.replace('warning', 'error').replace('may publish', 'publishes')]);
  });

  it('uses error for a retired label, warning and info for what cannot be proven, info for a scheduled retirement', async () => {
    const severities = async (runsOn: string): Promise<string[]> =>
      (await lintFiles(repo(workflow(runsOn)), { rule: RULE })).map((d) => d.severity);
    expect(await severities('macos-12')).toEqual(['error']);
    expect(await severities('macos-14-large')).toEqual(['error']);
    expect(await severities('gpu-runner')).toEqual(['warning']);
    // A group may hold GitHub-hosted larger runners, which the files do not show.
    expect(await severities('{ group: release-runners }')).toEqual(['warning']);
    expect(await severities('${{ vars.RUNNER }}')).toEqual(['info']);
    expect(await severities('ubuntu-22.04')).toEqual(['info']);
  });

  it('renders the retired error with its date, and the retirement advice', async () => {
    const [retired] = await lintFiles(repo(workflow('macos-14')), { rule: RULE });
    expect(retired?.message).toBe('Job "publish" publishes on runner label "macos-14", which GitHub retired on 2026-11-02: the job never starts');
    expect(retired?.fix).toBe('Set `jobs.publish.runs-on` to a current GitHub-hosted label such as `ubuntu-latest`');
    const [advice] = await lintFiles(repo(workflow('ubuntu-22.04')), { rule: RULE });
    expect(advice?.message).toBe('Runner label "ubuntu-22.04" of job "publish" is scheduled to be retired by GitHub on 2027-04-17');
    expect(advice?.fix).toBe('Move `jobs.publish.runs-on` to `ubuntu-24.04` (or `ubuntu-latest`) before 2027-04-17');
  });
});

// ---------------------------------------------------------------------------------------------
// GitLab: `tags:`

/** A publishing job `publish` at line 1; `tags: <tags>` is line 2 when given. */
function gitlabCi(tags?: string, script = 'npm publish', head = ''): string {
  return [
    ...(head ? [head.trimEnd()] : []),
    'publish:',
    ...(tags !== undefined ? [`  tags: ${tags}`] : []),
    '  image: node:24',
    '  id_tokens:',
    '    NPM_ID_TOKEN:',
    '      aud: "npm:registry.npmjs.org"',
    `  script: ${script}`,
    '',
  ].join('\n');
}

const TEMPLATE = `.runner:
  tags:
    - saas-linux-small-amd64
    - my-k8s-runner
publish:
  extends: .runner
  image: node:24
  script: npm publish
`;

const gitlabCases: RuleCase[] = [
  { name: 'gitlab: no tags run on hosted runners', files: gitlabRepo(gitlabCi()), want: [] },
  { name: 'gitlab: a saas-linux tag', files: gitlabRepo(gitlabCi('[saas-linux-medium-amd64]')), want: [] },
  { name: 'gitlab: a saas-macos tag', files: gitlabRepo(gitlabCi('[saas-macos-large-m2pro]')), want: [] },
  { name: 'gitlab: an empty tag list', files: gitlabRepo(gitlabCi('[]')), want: [] },
  {
    name: 'gitlab: a self-managed runner tag',
    files: gitlabRepo(gitlabCi('[my-k8s-runner]')),
    want: ['gitlabTag@2:10-2:23'],
    data: { job: 'publish', tag: 'my-k8s-runner', from: '', path: 'publish.tags', publishes: 'publishes' },
  },
  {
    name: 'gitlab: one foreign tag next to a hosted one is enough',
    files: gitlabRepo(gitlabCi('[saas-linux-small-amd64, docker]')),
    want: ['gitlabTag@2:34-2:40'],
    data: { tag: 'docker' },
  },
  {
    name: 'gitlab: several foreign tags give one diagnostic, at the first',
    files: gitlabRepo(gitlabCi('[docker, linux]')),
    want: ['gitlabTag@2:10-2:16'],
  },
  {
    name: 'gitlab: tags from an extended template are reported in the template',
    files: gitlabRepo(TEMPLATE),
    want: ['gitlabTag@4:7-4:20'],
    data: { tag: 'my-k8s-runner', path: '.runner.tags' },
  },
  {
    name: 'gitlab: tags from default:',
    files: gitlabRepo(gitlabCi(undefined, 'npm publish', 'default:\n  tags: [shared-docker]\n')),
    want: ['gitlabTag@2:10-2:23'],
    data: { tag: 'shared-docker', path: 'default.tags' },
  },
  {
    name: "gitlab: the job's own tags replace default:'s",
    files: gitlabRepo(gitlabCi('[saas-linux-small-amd64]', 'npm publish', 'default:\n  tags: [shared-docker]\n')),
    want: [],
  },
  {
    name: 'gitlab: a tag from a variable is judged by its value',
    files: gitlabRepo(gitlabCi('[$RUNNER_TAG]', 'npm publish', 'variables:\n  RUNNER_TAG: my-k8s-runner\n')),
    want: ['gitlabTag@4:10-4:21'],
    data: { tag: 'my-k8s-runner', from: ' from "$RUNNER_TAG"' },
  },
  {
    name: 'gitlab: a hosted tag from a variable',
    files: gitlabRepo(gitlabCi('[$RUNNER_TAG]', 'npm publish', 'variables:\n  RUNNER_TAG: saas-linux-small-amd64\n')),
    want: [],
  },
  {
    name: 'gitlab: a variable tp-doctor cannot expand',
    files: gitlabRepo(gitlabCi('[$CI_RUNNER_TAG]')),
    want: ['gitlabTagVariable@2:10-2:24'],
    data: { tag: '$CI_RUNNER_TAG', path: 'publish.tags' },
  },
  { name: 'gitlab: a tag declared in runners.hosted', files: gitlabRepo(gitlabCi('[Docker]'), hostedConfig('docker')), want: [] },
  { name: 'gitlab: a job that does not publish', files: gitlabRepo(gitlabCi('[my-k8s-runner]', 'npm test')), want: [] },
];

describe(`${RULE} (GitLab)`, () => {

  it('renders the message as a warning with the job as related location', async () => {
    const [d] = await lintFiles(gitlabRepo(TEMPLATE), { rule: RULE });
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('Job "publish" publishes on a runner tagged "my-k8s-runner", which is not a GitLab.com hosted runner tag');
    expect(d?.fix).toMatch(/^Remove `\.runner\.tags` from the publishing job/);
    expect(d?.related).toEqual([
      { file: '.gitlab-ci.yml', start: { line: 5, column: 1 }, end: { line: 5, column: 8 }, label: 'job "publish", which inherits this through `extends`' },
    ]);
  });

  it('an unresolvable variable is info', async () => {
    const [d] = await lintFiles(gitlabRepo(gitlabCi('[$CI_RUNNER_TAG]')), { rule: RULE });
    expect(d?.severity).toBe('info');
    expect(d?.related).toEqual([]);
  });
});

const CIRCLE_PUBLISH = `- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')\n          npm publish`;
/** A publishing job whose `resource_class` line (after the steps) is line 11. */
const circleJob = (resourceClass: string, extra: string[] = []): string => circleConfig([CIRCLE_PUBLISH], 'cimg/node:24.15', [`resource_class: ${resourceClass}`, ...extra]);

const circleCases: RuleCase[] = [
  { name: 'a cloud resource class: silent', files: circleRepo(circleJob('medium')), want: [] },
  { name: 'a cloud ARM resource class: silent', files: circleRepo(circleJob('arm.large')), want: [] },
  {
    name: 'a self-hosted runner resource class `namespace/name`',
    files: circleRepo(circleJob('acme/release-runners')),
    want: ['circleciSelfHosted@11:21-11:41'],
    data: { job: 'publish', value: 'acme/release-runners', path: 'jobs.publish.resource_class', publishes: 'publishes' },
  },
  {
    name: 'a self-hosted resource class from an executor names the executor',
    files: circleRepo(
      [
        'version: 2.1',
        'executors:',
        '  runner:',
        '    machine: true',
        '    resource_class: acme/linux',
        'jobs:',
        '  publish:',
        '    executor: runner',
        '    steps:',
        `      ${CIRCLE_PUBLISH}`,
        'workflows:',
        '  release:',
        '    jobs: [publish]',
        '',
      ].join('\n'),
    ),
    want: ['circleciSelfHosted@5:21-5:31'],
    data: { origin: ' (from executor "runner")', path: 'executors.runner.resource_class' },
  },
  {
    name: 'a resource class from a job parameter lists the argument',
    files: circleRepo(
      [
        'version: 2.1',
        'jobs:',
        '  publish:',
        '    parameters:',
        '      rc: { type: string, default: medium }',
        '    docker: [{ image: cimg/node:24.15 }]',
        '    resource_class: << parameters.rc >>',
        '    steps:',
        `      ${CIRCLE_PUBLISH}`,
        'workflows:',
        '  release:',
        '    jobs:',
        '      - publish: { rc: acme/runner }',
        '',
      ].join('\n'),
    ),
    want: ['circleciSelfHosted@7:21-7:40'],
    data: { value: 'acme/runner' },
    related: ['`parameters.rc` = "acme/runner" (argument)'],
  },
  {
    name: 'a resource class from a pipeline parameter without a default is unknown: info',
    files: circleRepo(circleJob('<< pipeline.parameters.rc >>').replace('version: 2.1\n', 'version: 2.1\nparameters:\n  rc: { type: string }\n')),
    want: ['circleciResourceClassUnknown@13:21-13:49'],
    data: { unknown: '`<< pipeline.parameters.rc >>`' },
  },
  {
    name: 'a resource class from a pipeline parameter\'s default: the default is read (a cloud class: silent)',
    files: circleRepo(circleJob('<< pipeline.parameters.rc >>').replace('version: 2.1\n', 'version: 2.1\nparameters:\n  rc: { type: string, default: medium }\n')),
    want: [],
  },
  {
    name: 'a self-hosted class from a pipeline parameter\'s default is named, with the default',
    files: circleRepo(circleJob('<< pipeline.parameters.rc >>').replace('version: 2.1\n', 'version: 2.1\nparameters:\n  rc: { type: string, default: acme/runner }\n')),
    want: ['circleciSelfHosted@13:21-13:49'],
    data: { value: 'acme/runner', origin: ' (`pipeline.parameters.rc` = "acme/runner")' },
    related: ['`pipeline.parameters.rc` = "acme/runner" (pipeline default)'],
  },
  { name: 'a job that does not publish: silent', files: circleRepo(circleConfig(['- run: npm test'], 'cimg/node:24.15', ['resource_class: acme/runner'])), want: [] },
  {
    name: 'no CircleCI publisher (only a GitHub one): silent',
    files: circleRepo(circleJob('acme/release-runners'), 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n'),
    want: [],
  },
];

describe(`${RULE} (CircleCI)`, () => {

  it('a self-hosted resource class is a warning (npm documents cloud runners only; the token carries no runner claim)', async () => {
    const [d] = await lintFiles(circleRepo(circleJob('acme/release-runners')), { rule: RULE });
    expect(d?.severity).toBe('warning');
  });
});

describe(`${RULE}: rule tester`, () => {
  ruleTester.run(RULE, fromRuleCases([...cases, ...callerCases, ...gitlabCases, ...circleCases]));
});

describe('require-hosted-runner: a self-hosted publishing job whose if: tp-doctor cannot evaluate, beside a hosted one (audit1207 h1b)', () => {
  const job = (id: string, condition: string, runsOn: string): string => `  ${id}:
    if: ${condition}
    runs-on: ${runsOn}
    permissions: { id-token: write, contents: read }
    steps:
      - uses: actions/setup-node@v4
        with: { node-version: 24, registry-url: 'https://registry.npmjs.org' }
      - run: npm publish
`;
  const files = (selfIf: string, hostedIf: string, on = 'release', other = 'ubuntu-latest'): Record<string, string> => ({
    'package.json': GITHUB_PKG,
    '.github/workflows/release.yml': `on: ${on}\njobs:\n${job('hosted', hostedIf, other)}${job('own', selfIf, '[self-hosted, linux]')}`,
  });
  const brief = async (f: Record<string, string>): Promise<string[]> => (await lintFiles(f, { rule: RULE })).map((d) => `${d.severity}: ${d.message}`);
  it('`if: vars.X` chooses between the jobs: a warning that says "may publish" and names the if:', async () => {
    const found = await lintFiles(files("vars.SELF_HOSTED == 'true'", "vars.SELF_HOSTED != 'true'"), { rule: RULE });
    expect(found.map((d) => `${d.severity}: ${d.message}`)).toEqual([
      'warning: Job "own" may publish on a self-hosted runner ("self-hosted"); npm trusted publishing needs a GitHub-hosted runner',
    ]);
    expect(found[0]?.related?.map((r) => r.label)).toContain("the job's `if:`, which tp-doctor cannot evaluate, decides whether it runs");
  });
  it('control: an if: certainly true on one trigger keeps the error', async () => {
    expect(await brief(files("github.event_name == 'workflow_dispatch'", "github.event_name == 'release'", '[release, workflow_dispatch]'))).toEqual([
      'error: Job "own" publishes on a self-hosted runner ("self-hosted"); npm trusted publishing needs a GitHub-hosted runner',
    ]);
  });
  it('control: the other job on a self-hosted runner too: whichever runs fails, errors', async () => {
    expect((await brief(files("vars.SELF_HOSTED == 'true'", "vars.SELF_HOSTED != 'true'", 'release', '[self-hosted, big]'))).map((m) => m.split(':')[0])).toEqual(['error', 'error']);
  });
});

describe('require-hosted-runner: a self-hosted job whose publish steps hang on an if: tp-doctor cannot evaluate, beside a hosted one (audit1207 p03, A.64)', () => {
  const job = (id: string, runsOn: string, ...conditions: (string | undefined)[]): string => `  ${id}:
    runs-on: ${runsOn}
    permissions: { id-token: write, contents: read }
    steps:
      - uses: actions/setup-node@v4
        with: { node-version: 24, registry-url: 'https://registry.npmjs.org' }
${conditions.map((c) => `      - ${c === undefined ? '' : `if: ${c}\n        `}run: npm publish\n`).join('')}`;
  const files = (own: string, hosted: string): Record<string, string> => ({ 'package.json': GITHUB_PKG, '.github/workflows/release.yml': `on: release\njobs:\n${own}${hosted}` });
  const brief = async (f: Record<string, string>): Promise<string[]> => (await lintFiles(f, { rule: RULE })).map((d) => `${d.severity}: ${d.message}`);
  it("probe p03c: the self-hosted job's only publish step under `if: vars.SELF_HOSTED == 'true'`: a warning that names the step's if:", async () => {
    const found = await lintFiles(files(job('own', '[self-hosted, linux]', "vars.SELF_HOSTED == 'true'"), job('hosted', 'ubuntu-latest', "vars.SELF_HOSTED != 'true'")), { rule: RULE });
    expect(found.map((d) => `${d.severity}: ${d.message}`)).toEqual(['warning: Job "own" may publish on a self-hosted runner ("self-hosted"); npm trusted publishing needs a GitHub-hosted runner']);
    expect(found[0]?.related?.map((r) => `${r.start.line} ${r.label}`)).toEqual(["9 the publishing step's `if:`, which tp-doctor cannot evaluate, decides whether it runs", '11 job "hosted" also publishes, on a GitHub-hosted runner']);
  });
  it('control: one publish step of the self-hosted job has no `if:`: the job publishes whenever it runs, the error', async () => {
    expect(await brief(files(job('own', '[self-hosted, linux]', "vars.SELF_HOSTED == 'true'", undefined), job('hosted', 'ubuntu-latest')))).toEqual([
      'error: Job "own" publishes on a self-hosted runner ("self-hosted"); npm trusted publishing needs a GitHub-hosted runner',
    ]);
  });
  it('control: no hosted publishing job beside it: the error', async () => {
    expect(await brief(files(job('own', '[self-hosted, linux]', "vars.SELF_HOSTED == 'true'"), ''))).toEqual([
      'error: Job "own" publishes on a self-hosted runner ("self-hosted"); npm trusted publishing needs a GitHub-hosted runner',
    ]);
  });
});
