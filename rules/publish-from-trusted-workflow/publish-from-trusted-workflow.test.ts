import { describe, expect, it } from 'vitest';
import {
  circleConfig,
  circlePublisherConfig,
  GITHUB_PKG,
  lintRule,
  publisherConfig,
  releaseWorkflow,
  ruleTester,
  type ExpectedFinding,
} from '../../test/rule-tester.js';

const RULE = 'publish-from-trusted-workflow';
const PKG = JSON.stringify({ name: 'widget', repository: { url: 'git+https://github.com/acme/widget.git' } });

/** A job `publish` that runs `npm publish` on line `start + 8` of its file. */
const publishJob = (run = 'npm publish'): string => `  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: ${run}
`;

/** Two workflows running one publish script; b.yml's job first runs `checkouts` (OpenZeppelin's release-upgradeable.yml). */
const checkoutFiles = (checkouts: string): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'root', private: true }),
  'scripts/publish.sh': '#!/usr/bin/env bash\nnpm publish "$TARBALL" --tag "$TAG"\n',
  '.github/workflows/a.yml': `on: push\njobs:\n${publishJob('bash scripts/publish.sh')}`,
  '.github/workflows/b.yml': `on: push\njobs:\n${publishJob('bash scripts/publish.sh').replace('    steps:\n', `    steps:\n${checkouts}`)}`,
});

const CALLER = (callee: string, on = 'push'): string => `on: ${on}
jobs:
  release:
    permissions:
      id-token: write
    uses: ./.github/workflows/${callee}
`;

/**
 * supabase/cli: `smoke-test-pr.yml` calls `release-shared.yml` `with: dry_run: true`, whose publish
 * job runs `if: ${{ !inputs.dry_run }}`: only runs of `release.yml` publish. The publish is on line 16.
 */
const dryRunFiles = (smoke: string): Record<string, string> => ({
  '.github/workflows/release.yml': `${CALLER('release-shared.yml')}    with:\n      dry_run: false\n`,
  '.github/workflows/smoke-test-pr.yml': `${CALLER('release-shared.yml', 'pull_request')}    with:\n      dry_run: ${smoke}\n`,
  '.github/workflows/release-shared.yml': `on:\n  workflow_call:\n    inputs:\n      dry_run:\n        type: boolean\njobs:\n${publishJob().replace('  publish:\n', '  publish:\n    if: ${{ !inputs.dry_run }}\n')}`,
});

interface Case {
  name: string;
  files: Record<string, string>;
  want: string[];
  data?: Record<string, string | number>[];
}

/**
 * dev.yml is called by release.yml (`on: push`) and also runs on `push` itself (`alsoPush`); its job
 * `publish` has `if: <condition>` on line 7 (line 5 without `alsoPush`). The trusted publisher names `declared`.
 */
const gatedFiles = (condition: string, alsoPush = true, declared = 'dev.yml'): Record<string, string> => ({
  'tp-doctor.yml': publisherConfig({ workflow: declared }),
  '.github/workflows/release.yml': CALLER('dev.yml'),
  '.github/workflows/dev.yml': `on:\n${alsoPush ? '  push:\n    branches: [main]\n' : ''}  workflow_call:\njobs:\n${publishJob().replace('  publish:\n', `  publish:\n    if: ${condition}\n`)}`,
});

const cases: Case[] = [
  {
    name: 'trusted publisher registered for the called workflow instead of the caller (docs/domain.md §8.3)',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'release.yml' }),
      '.github/workflows/ci.yml': CALLER('release.yml'),
      '.github/workflows/release.yml': `on: workflow_call\njobs:\n${publishJob()}`,
    },
    want: ['callableOnly@4:15-4:26'],
    data: [{ workflow: 'release.yml', callers: '"ci.yml"', path: 'publishers[0].workflow' }],
  },
  {
    name: 'declared workflow is callable-only and nothing in the repository calls it',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'release.yml' }),
      '.github/workflows/release.yml': `on: workflow_call\njobs:\n${publishJob()}`,
    },
    want: ['callableOnly@4:15-4:26'],
    data: [{ callers: 'none in this repository' }],
  },
  {
    name: 'publish runs from another workflow than the declared one',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'ci.yml' }),
      '.github/workflows/ci.yml': `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n`,
      '.github/workflows/release.yml': `on: push\njobs:\n${publishJob()}`,
    },
    want: ['wrongWorkflow@11:14-11:25', 'doesNotPublish@4:15-4:21'],
    data: [
      { job: 'publish', file: 'release.yml', entries: '"release.yml"', declared: '"ci.yml"', publishes: 'publishes' },
      { workflow: 'ci.yml', actual: '"release.yml"' },
    ],
  },
  {
    name: 'publishing job in a reusable workflow reached from an undeclared entry',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'publish.yml' }),
      '.github/workflows/publish.yml': `on: push\njobs:\n${publishJob()}`,
      '.github/workflows/nightly.yml': CALLER('shared.yml', 'schedule'),
      '.github/workflows/shared.yml': `on: workflow_call\njobs:\n${publishJob('npm publish --tag next')}`,
    },
    want: ['wrongWorkflow@11:14-11:36'],
    data: [{ file: 'shared.yml', entries: '"nightly.yml"', declared: '"publish.yml"' }],
  },
  {
    name: 'heuristic publish says "appears to publish"',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'publish.yml' }),
      '.github/workflows/publish.yml': `on: push\njobs:\n${publishJob()}`,
      '.github/workflows/other.yml': `on: push\njobs:\n${publishJob('npm run release')}`,
    },
    want: ['wrongWorkflow@11:14-11:29'],
    data: [{ publishes: 'appears to publish' }],
  },
  {
    name: 'declared workflow reachable, but also dispatched directly: several entries',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'ci.yml' }),
      '.github/workflows/ci.yml': CALLER('release.yml'),
      '.github/workflows/release.yml': `on: [workflow_call, workflow_dispatch]\njobs:\n${publishJob()}`,
    },
    want: ['severalEntries@11:14-11:25'],
    data: [{ count: 2, entries: '"ci.yml", "release.yml"', failing: '"release.yml"' }],
  },
  {
    name: 'several entries without a declared publisher',
    files: {
      '.github/workflows/ci.yml': CALLER('release.yml'),
      '.github/workflows/nightly.yml': CALLER('release.yml', 'schedule'),
      '.github/workflows/release.yml': `on: workflow_call\njobs:\n${publishJob()}`,
    },
    want: ['severalEntries@11:14-11:25'],
    data: [{ entries: '"ci.yml", "nightly.yml"', failing: 'every workflow but the registered one' }],
  },
  {
    name: 'several entries passing the same package: still several entries',
    files: {
      '.github/workflows/release-a.yml': `${CALLER('release.yml')}    with:\n      name: a\n`,
      '.github/workflows/release-b.yml': `${CALLER('release.yml')}    with:\n      name: a\n`,
      '.github/workflows/release.yml': `on:\n  workflow_call:\n    inputs:\n      name:\n        type: string\njobs:\n${publishJob('npm publish napi/${{ inputs.name }}')}`,
    },
    want: ['severalEntries@15:14-15:49'],
  },
  {
    name: 'several entries whose input is only the dist-tag, after a cd the package cannot be named from: still several entries',
    files: {
      '.github/workflows/release-a.yml': `${CALLER('release.yml')}    with:\n      tag: latest\n`,
      '.github/workflows/release-b.yml': `${CALLER('release.yml')}    with:\n      tag: next\n`,
      '.github/workflows/release.yml': `on:\n  workflow_call:\n    inputs:\n      tag:\n        type: string\njobs:\n${publishJob('cd "$OUT" && npm publish --tag ${{ inputs.tag }}')}`,
    },
    want: ['severalEntries@15:27-15:62'],
  },
  {
    name: 'several entries whose inputs only change the dist-tag publish the same package: still several entries',
    files: {
      'package.json': PKG,
      '.github/workflows/release-a.yml': `${CALLER('release.yml')}    with:\n      tag: latest\n`,
      '.github/workflows/release-b.yml': `${CALLER('release.yml')}    with:\n      tag: next\n`,
      '.github/workflows/release.yml': `on:\n  workflow_call:\n    inputs:\n      tag:\n        type: string\njobs:\n${publishJob('npm publish --tag ${{ inputs.tag }}')}`,
    },
    want: ['severalEntries@15:14-15:49'],
  },
  {
    name: 'no publish command anywhere is only a warning',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'release.yml' }),
      '.github/workflows/release.yml': `on: push\njobs:\n  go:\n    runs-on: ubuntu-latest\n    steps:\n      - run: node scripts/ship.mjs\n`,
    },
    want: ['noPublishFound@4:15-4:26'],
    data: [{ detail: 'no other workflow publishes either', path: 'publishers[0].workflow' }],
  },
  {
    name: 'declared workflow publishes through a custom script while another workflow publishes',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'release.yml' }),
      '.github/workflows/release.yml': `on: push\njobs:\n  go:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Run publish scripts\n        run: node scripts/ship.mjs\n`,
      '.github/workflows/nightly.yml': `on: push\njobs:\n${publishJob('npm publish --tag next')}`,
    },
    want: ['wrongWorkflow@11:14-11:36', 'noPublishFound@4:15-4:26'],
    data: [
      { entries: '"nightly.yml"' },
      { detail: 'step "Run publish scripts" ("node scripts/ship.mjs") may publish through something tp-doctor cannot read; recognised publishes run from "nightly.yml"' },
    ],
  },
  {
    name: 'declared workflow calls another repository, but a local publish runs elsewhere',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'release.yml' }),
      '.github/workflows/release.yml': `on: push\njobs:\n  go:\n    uses: acme/shared/.github/workflows/publish.yml@v1\n`,
      '.github/workflows/other.yml': `on: push\njobs:\n${publishJob()}`,
    },
    want: ['wrongWorkflow@11:14-11:25'],
  },
  {
    name: 'supabase/cli control: a `dry_run` computed by the caller may be false: several entries',
    files: dryRunFiles("${{ github.event_name != 'pull_request' }}"),
    want: ['severalEntries@16:14-16:25'],
    data: [{ entries: '"release.yml", "smoke-test-pr.yml"' }],
  },
  {
    name: 'supabase/cli: declared smoke-test-pr.yml, whose runs never get past `if: !inputs.dry_run`',
    files: { 'tp-doctor.yml': publisherConfig({ workflow: 'smoke-test-pr.yml' }), ...dryRunFiles('true') },
    want: ['wrongWorkflow@16:14-16:25'],
    data: [{ entries: '"release.yml"', declared: '"smoke-test-pr.yml"' }],
  },
  {
    // portpowered/you-agent-factory: the release publish never ran (survey919b M2).
    name: "a publishing job gated on `github.event_name == 'workflow_call'` never runs: said at its `if:`, and it is no publish",
    files: gatedFiles("github.event_name == 'workflow_call'"),
    want: ['neverRuns@7:9-7:45'],
    data: [{ job: 'publish', file: 'dev.yml', count: 1 }],
  },
];

const silent: Case[] = [
  { name: 'a job gated on `workflow_call` or `push` runs in the caller\'s push runs', files: gatedFiles("github.event_name == 'workflow_call' || github.event_name == 'push'", false, 'release.yml'), want: [] },
  { name: 'supabase/cli: a caller passes `dry_run: true` to a job under `if: !inputs.dry_run`: one entry', files: dryRunFiles('true'), want: [] },
  {
    name: 'supabase/cli: declared release.yml, the only caller whose inputs let the publish run',
    files: { 'tp-doctor.yml': publisherConfig({ workflow: 'release.yml' }), ...dryRunFiles('true') },
    want: [],
  },
  {
    // oxc-project/oxc: reusable_release_napi.yml, called once per package by five workflows.
    name: 'several entries that each pass the package to publish (inputs) may match one publisher each: no finding',
    files: {
      '.github/workflows/release-a.yml': `${CALLER('release.yml')}    with:\n      name: a\n`,
      '.github/workflows/release-b.yml': `${CALLER('release.yml')}    with:\n      name: b\n`,
      '.github/workflows/release.yml': `on:\n  workflow_call:\n    inputs:\n      name:\n        type: string\njobs:\n${publishJob('npm publish napi/${{ inputs.name }}')}`,
    },
    want: [],
  },
  {
    name: 'reusable chain registered under the caller',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'ci.yml' }),
      '.github/workflows/ci.yml': CALLER('release.yml'),
      '.github/workflows/release.yml': `on: workflow_call\njobs:\n${publishJob()}`,
    },
    want: [],
  },
  {
    name: 'declared file does not exist (trusted-workflow-exists reports it)',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'publish.yaml' }),
      '.github/workflows/release.yml': `on: push\njobs:\n${publishJob()}`,
    },
    want: [],
  },
  {
    name: 'monorepo: two declared publishers, a shared callee reached from both',
    files: {
      'tp-doctor.yml': `publishers:
  - provider: github
    repository: acme/widget
    workflow: a.yml
    packages: ['@acme/a']
  - provider: github
    repository: acme/widget
    workflow: b.yml
    packages: ['@acme/b']
`,
      '.github/workflows/a.yml': CALLER('shared.yml'),
      '.github/workflows/b.yml': CALLER('shared.yml'),
      '.github/workflows/shared.yml': `on: workflow_call\njobs:\n${publishJob()}`,
    },
    want: [],
  },
  {
    name: 'declared workflow calls a reusable workflow in another repository',
    files: {
      'tp-doctor.yml': publisherConfig({ workflow: 'release.yml' }),
      '.github/workflows/release.yml': `on: push\njobs:\n  go:\n    uses: acme/shared/.github/workflows/publish.yml@v1\n`,
      '.github/workflows/other.yml': `on: push\njobs:\n${publishJob('npm publish --dry-run')}`,
      '.github/workflows/docs.yml': `on: push\njobs:\n  go:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run build\n`,
    },
    want: [],
  },
  {
    name: 'inferred publisher with one publishing workflow',
    files: { '.github/workflows/release.yml': `on: push\njobs:\n${publishJob()}` },
    want: [],
  },
];

/**
 * oxc's `reusable_release_napi.yml`: the package words of the publish read an `env:` variable
 * (`pnpm publish ${package_path}`) whose value comes from the input each caller passes. `run` is
 * the command on line 13; `step` and `job` are lines appended to the step and to the job,
 * `workflow` lines at the end of the file, `before` the run step before it.
 */
interface EnvCase {
  name: string;
  run: string;
  step?: string[];
  job?: string[];
  workflow?: string[];
  before?: string;
  runsOn?: string;
  /** The `severalEntries` finding, or none. */
  at?: string;
}

const envWorkflow = (c: EnvCase): string =>
  [
    'on:',
    '  workflow_call:',
    '    inputs:',
    '      name:',
    '        type: string',
    'jobs:',
    '  publish:',
    `    runs-on: ${c.runsOn ?? 'ubuntu-latest'}`,
    '    permissions:',
    '      id-token: write',
    '    steps:',
    `      - run: ${c.before ?? 'echo start'}`,
    `      - run: ${c.run}`,
    ...(c.step ?? []).map((l) => `        ${l}`),
    ...(c.job ?? []).map((l) => `    ${l}`),
    ...(c.workflow ?? []),
    '',
  ].join('\n');

const FROM_INPUT = 'package_path: napi/${{ inputs.name }}';

/** Two callers passing other names to the workflow of `c`. */
const envFiles = (c: EnvCase): Record<string, string> => ({
  'package.json': PKG,
  '.github/workflows/release-a.yml': `${CALLER('release.yml')}    with:\n      name: a\n`,
  '.github/workflows/release-b.yml': `${CALLER('release.yml')}    with:\n      name: b\n`,
  '.github/workflows/release.yml': envWorkflow(c),
});

const envCases: EnvCase[] = [
  { name: 'job env from the input, `${package_path}`', run: 'pnpm publish ${package_path} --no-git-checks', job: ['env:', `  ${FROM_INPUT}`] },
  { name: 'step env from the input, `cd "$package_path"`', run: 'cd "$package_path" && npm publish', step: ['env:', `  ${FROM_INPUT}`] },
  { name: 'workflow env from the input, `$package_path/dist`', run: 'npm publish $package_path/dist', workflow: ['env:', `  ${FROM_INPUT}`] },
  { name: 'workflow env from the input, `--filter "./${package_path}"`', run: 'pnpm publish --filter "./${package_path}"', workflow: ['env:', `  ${FROM_INPUT}`] },
  { name: 'the step env (from the input) hides a literal job env', run: 'npm publish $package_path', step: ['env:', `  ${FROM_INPUT}`], job: ['env:', '  package_path: dist'] },
  { name: 'explicit `shell: bash`', run: 'npm publish $package_path', step: ['shell: bash -e {0}'], job: ['env:', `  ${FROM_INPUT}`] },
  { name: 'a literal job env', run: 'pnpm publish ${package_path}', job: ['env:', '  package_path: napi/parser'], at: '13:14-13:42' },
  { name: 'a job env from a secret', run: 'pnpm publish ${package_path}', job: ['env:', '  package_path: ${{ secrets.PACKAGE }}'], at: '13:14-13:42' },
  {
    name: 'a job env from a matrix value',
    run: 'pnpm publish ${package_path}',
    job: ['strategy:', '  matrix:', '    pkg: [parser, minify]', 'env:', '  package_path: napi/${{ matrix.pkg }}'],
    at: '13:14-13:42',
  },
  { name: 'a job env from a variable', run: 'pnpm publish ${package_path}', job: ['env:', '  package_path: napi/${{ vars.PACKAGE }}'], at: '13:14-13:42' },
  {
    name: 'a job env from the caller\'s event (`github.event.inputs` is the top-level run\'s, not what `with:` passes)',
    run: 'pnpm publish ${package_path}',
    job: ['env:', '  package_path: napi/${{ github.event.inputs.name }}'],
    at: '13:14-13:42',
  },
  { name: 'the nearest env (a literal in the step) wins over the job\'s input', run: 'npm publish $package_path', step: ['env:', '  package_path: dist'], job: ['env:', `  ${FROM_INPUT}`], at: '13:14-13:39' },
  { name: 'an env from the input used only for the dist-tag', run: 'npm publish --tag "$TAG"', job: ['env:', '  TAG: ${{ inputs.name }}'], at: '13:14-13:38' },
  { name: 'another case (`PACKAGE_PATH`) than the command reads', run: 'npm publish $package_path', job: ['env:', '  PACKAGE_PATH: napi/${{ inputs.name }}'], at: '13:14-13:39' },
  { name: 'the shell sets the variable first', run: 'package_path=dist; npm publish $package_path', job: ['env:', `  ${FROM_INPUT}`], at: '13:33-13:58' },
  { name: 'an earlier step writes it to $GITHUB_ENV', run: 'npm publish $package_path', before: 'echo "package_path=dist" >> "$GITHUB_ENV"', job: ['env:', `  ${FROM_INPUT}`], at: '13:14-13:39' },
  { name: '`shell: pwsh` (reads `$env:name`, not `$name`)', run: 'npm publish $package_path', step: ['shell: pwsh'], job: ['env:', `  ${FROM_INPUT}`], at: '13:14-13:39' },
  { name: 'a Windows runner (pwsh by default)', run: 'npm publish $package_path', runsOn: 'windows-latest', job: ['env:', `  ${FROM_INPUT}`], at: '13:14-13:39' },
];

const PKG_V = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'git+https://github.com/acme/widget.git' } });
const LOOP = 'for p in dist/*; do npm publish $p; done';

/**
 * Publishes of two CI providers (docs/domain.md §0, §1.8: one trusted publisher per package, of
 * one provider). Lines: the GitHub publish is on line 14 of `.github/workflows/release.yml`
 * (column 14), the CircleCI one on line 8 of `.circleci/config.yml` (column 14), the GitLab one on
 * line 7 of `.gitlab-ci.yml` (column 7).
 */
const GH = '.github/workflows/release.yml';
const CIRCLE = '.circleci/config.yml';
const GITLAB = '.gitlab-ci.yml';
const OIDC_GET = `export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`;
const circleRun = (command: string): string => circleConfig([`- run: ${command}`]);
const gitlabCi = (script: string): string =>
  ['publish:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: npm:registry.npmjs.org', '  script:', `    - ${script}`, ''].join('\n');
const MONOREPO = {
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], repository: { url: 'https://github.com/acme/widget' } }),
  'packages/a/package.json': JSON.stringify({ name: 'a', version: '1.0.0' }),
  'packages/b/package.json': JSON.stringify({ name: 'b', version: '1.0.0' }),
};
/** The one `crossProvider` finding of a group of files, at `file`, `range`, naming every file of the group (`files`). */
const cross = (file: string, at: string, data: Record<string, string>, extra: Partial<ExpectedFinding> = {}): ExpectedFinding => ({
  messageId: 'crossProvider',
  file,
  at,
  severity: 'warning',
  data,
  ...extra,
});
const GH_AT = '14:14-14:25';
const SCRIPTED_PKG = JSON.stringify({ ...(JSON.parse(GITHUB_PKG) as object), scripts: { release: 'npm run build && npm publish' } });
const CIRCLE_AT = '8:14-8:25';
const GITLAB_AT = '7:7-7:18';
const GH_NAME = 'GitHub workflow "release.yml"';
const CIRCLE_NAME = `CircleCI configuration "${CIRCLE}"`;
const GITLAB_NAME = `GitLab CI file "${GITLAB}"`;

const crossInvalid: { name: string; files: Record<string, string>; errors: ExpectedFinding[] }[] = [
  {
    // segmentio/analytics-node: a GitHub workflow and a CircleCI pipeline both run `npm publish`.
    name: 'a GitHub workflow and a CircleCI pipeline publish the root package: one warning, at the workflow, naming the pipeline (segmentio/analytics-node gave one at each)',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow(), [CIRCLE]: circleConfig([`- run: |`, `    ${OIDC_GET}`, '    npm publish']) },
    errors: [
      cross(GH, GH_AT, { files: `${GH_NAME} and ${CIRCLE_NAME}`, what: 'package "widget"' }, {
        message:
          'GitHub workflow "release.yml" and CircleCI configuration ".circleci/config.yml" publish package "widget"; a trusted publisher names one CI provider, so the runs of a provider not registered for the package cannot publish it with trusted publishing',
        related: [`${CIRCLE}:10:11 publish in the CircleCI configuration ".circleci/config.yml"`],
      }),
    ],
  },
  {
    name: 'a GitHub workflow and a GitLab CI file publish the root package',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow(), [GITLAB]: gitlabCi('npm publish') },
    errors: [cross(GH, GH_AT, { files: `${GH_NAME} and ${GITLAB_NAME}` }, { related: [`${GITLAB}:7:7 publish in the GitLab CI file ".gitlab-ci.yml"`] })],
  },
  {
    name: 'a GitLab CI file and a CircleCI pipeline publish the root package',
    files: { 'package.json': GITHUB_PKG, [GITLAB]: gitlabCi('npm publish'), [CIRCLE]: circleRun('npm publish') },
    errors: [cross(GITLAB, GITLAB_AT, { files: `${GITLAB_NAME} and ${CIRCLE_NAME}` }, { related: [`${CIRCLE}:8:14 publish in the CircleCI configuration ".circleci/config.yml"`] })],
  },
  {
    name: 'three providers: one finding naming all three (six before, each file once per other provider)',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow(), [GITLAB]: gitlabCi('npm publish'), [CIRCLE]: circleRun('npm publish') },
    errors: [
      cross(GH, GH_AT, { files: `${GH_NAME}, ${GITLAB_NAME} and ${CIRCLE_NAME}` }, {
        related: [`${GITLAB}:7:7 publish in the GitLab CI file ".gitlab-ci.yml"`, `${CIRCLE}:8:14 publish in the CircleCI configuration ".circleci/config.yml"`],
      }),
    ],
  },
  {
    name: 'two GitHub workflows and a CircleCI pipeline: samePackages between the workflows once, crossProvider once for the three files',
    files: {
      'package.json': GITHUB_PKG,
      [GH]: releaseWorkflow(),
      '.github/workflows/next.yml': releaseWorkflow('npm publish --tag next'),
      [CIRCLE]: circleRun('npm publish'),
    },
    errors: [
      cross('.github/workflows/next.yml', '14:14-14:36', { files: `GitHub workflow "next.yml", ${GH_NAME} and ${CIRCLE_NAME}` }),
      { messageId: 'samePackages', file: '.github/workflows/next.yml', at: '14:14-14:36', severity: 'info' },
    ],
  },
  {
    name: 'a monorepo: one package by name in a workflow, every workspace package in the pipeline: the shared package is named',
    files: { ...MONOREPO, [GH]: releaseWorkflow('npm publish -w a'), [CIRCLE]: circleRun('npm publish --workspaces') },
    errors: [cross(GH, '14:14-14:30', { files: `${GH_NAME} and ${CIRCLE_NAME}`, what: 'package "a"' })],
  },
  {
    name: 'the same command with an unknown target in a workflow and a pipeline: the same packages',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow(LOOP), [CIRCLE]: circleRun(LOOP) },
    errors: [cross(GH, '14:31-14:48', { files: `${GH_NAME} and ${CIRCLE_NAME}`, what: 'the same packages' })],
  },
  {
    name: 'a publish that appears to publish (a script named release) against a certain one: still a warning',
    files: { 'package.json': SCRIPTED_PKG, [GH]: releaseWorkflow('npm run release'), [CIRCLE]: circleRun('npm publish') },
    errors: [cross(GH, '14:14-14:29', { files: `${GH_NAME} and ${CIRCLE_NAME}` })],
  },
  {
    name: 'a declared GitLab publisher leaves the GitHub and CircleCI publishes to compare',
    files: {
      'package.json': GITHUB_PKG,
      'tp-doctor.yml': 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    packages: [other]\n',
      [GH]: releaseWorkflow(),
      [GITLAB]: gitlabCi('npm publish'),
      [CIRCLE]: circleRun('npm publish'),
    },
    errors: [cross(GH, GH_AT, { files: `${GH_NAME} and ${CIRCLE_NAME}` })],
  },
];

const crossValid: { name: string; files: Record<string, string> }[] = [
  {
    name: 'the CircleCI publish is a dry run',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow(), [CIRCLE]: circleRun('npm publish --dry-run') },
  },
  {
    name: 'the CircleCI publish goes to another registry',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow(), [CIRCLE]: circleRun('npm publish --registry https://npm.pkg.github.com') },
  },
  {
    name: 'the GitLab publish goes to the project registry',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow(), [GITLAB]: gitlabCi('npm publish --registry "https://gitlab.com/api/v4/projects/${CI_PROJECT_ID}/packages/npm/"') },
  },
  {
    name: 'different packages of a monorepo',
    files: { ...MONOREPO, [GH]: releaseWorkflow('npm publish -w a'), [CIRCLE]: circleRun('npm publish -w b') },
  },
  {
    name: 'the only package both publish goes to another registry (its publishConfig)',
    files: {
      ...MONOREPO,
      'packages/a/package.json': JSON.stringify({ name: 'a', version: '1.0.0', publishConfig: { registry: 'https://npm.pkg.github.com' } }),
      'packages/c/package.json': JSON.stringify({ name: 'c', version: '1.0.0' }),
      [GH]: releaseWorkflow('npm publish -w a -w b'),
      [CIRCLE]: circleRun('npm publish -w a -w c'),
    },
  },
  {
    name: 'both sides only may publish, through the same script tp-doctor cannot read',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow('./scripts/release-npm.sh'), [CIRCLE]: circleRun('./scripts/release-npm.sh') },
  },
  {
    name: 'the CircleCI side only may publish (a script tp-doctor cannot read)',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow(), [CIRCLE]: circleRun('./scripts/release-npm.sh') },
  },
  {
    name: 'the GitHub side only may publish (a script tp-doctor cannot read)',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow('./scripts/release-npm.sh'), [CIRCLE]: circleRun('npm publish') },
  },
  {
    name: 'the GitHub workflow renames the package before its publish (npm pkg set name=)',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow('npm pkg set name=widget-legacy && npm publish'), [CIRCLE]: circleRun('npm publish') },
  },
  {
    name: 'the GitLab job renames the package on an earlier script line (sed -i on package.json)',
    files: { 'package.json': GITHUB_PKG, [GH]: releaseWorkflow(), [GITLAB]: gitlabCi("sed -i 's/widget/widget-legacy/' package.json\n    - npm publish") },
  },
  {
    name: 'a declared GitHub publisher says which one is registered',
    files: { 'package.json': GITHUB_PKG, 'tp-doctor.yml': publisherConfig({}), [GH]: releaseWorkflow(), [CIRCLE]: circleRun('npm publish') },
  },
  {
    name: 'a declared CircleCI publisher says which one is registered',
    files: { 'package.json': GITHUB_PKG, 'tp-doctor.yml': circlePublisherConfig(), [GH]: releaseWorkflow(), [CIRCLE]: circleRun('npm publish') },
  },
  {
    name: 'a CircleCI job that no workflow runs',
    files: {
      'package.json': GITHUB_PKG,
      [GH]: releaseWorkflow(),
      [CIRCLE]: circleRun('npm publish').replace('      - publish\n', '      - test\n').replace('jobs:\n  publish:', 'jobs:\n  test:\n    docker: [{ image: cimg/node:24.15 }]\n    steps: [checkout]\n  publish:'),
    },
  },
];

/** `.circleci/config.yml` and a pipeline configuration beside it (src/model/circleci/discover.ts). */
const NEXT = '.circleci/next.yml';
const pipelineInvalid: { name: string; files: Record<string, string>; errors: ExpectedFinding[] }[] = [
  {
    name: 'config.yml and next.yml publish the root package: one warning, at config.yml, naming both (one at each before)',
    files: { 'package.json': GITHUB_PKG, [CIRCLE]: circleRun('npm publish'), [NEXT]: circleRun('npm publish --tag next') },
    errors: [
      {
        messageId: 'samePipelines',
        file: CIRCLE,
        at: CIRCLE_AT,
        severity: 'warning',
        message:
          'CircleCI configurations ".circleci/config.yml" and ".circleci/next.yml" publish package "widget"; each is a pipeline of its own, and a CircleCI trusted publisher names one pipeline definition, so the runs of a pipeline not registered for the package cannot publish it with trusted publishing',
        related: [`${NEXT}:8:14 publish in the CircleCI configuration "${NEXT}"`],
        data: { files: `"${CIRCLE}" and "${NEXT}"`, what: 'package "widget"' },
      },
    ],
  },
];

const pipelineValid: { name: string; files: Record<string, string> }[] = [
  {
    name: 'different packages of a monorepo',
    files: { ...MONOREPO, [CIRCLE]: circleRun('npm publish -w a'), [NEXT]: circleRun('npm publish -w b') },
  },
  {
    name: 'the other pipeline publishes to another registry',
    files: { 'package.json': GITHUB_PKG, [CIRCLE]: circleRun('npm publish'), [NEXT]: circleRun('npm publish --registry https://npm.pkg.github.com') },
  },
  {
    name: 'a continued configuration runs in the setup file\'s pipeline',
    files: {
      'package.json': GITHUB_PKG,
      [CIRCLE]: 'version: 2.1\nsetup: true\norbs:\n  continuation: circleci/continuation@1.1.0\nworkflows:\n  setup:\n    jobs:\n      - continuation/continue:\n          configuration_path: .circleci/next.yml\n',
      [NEXT]: circleRun('npm publish'),
    },
  },
  {
    name: 'a declared CircleCI publisher: only the file it names is read',
    files: { 'package.json': GITHUB_PKG, 'tp-doctor.yml': circlePublisherConfig(), [CIRCLE]: circleRun('npm publish'), [NEXT]: circleRun('npm publish --tag next') },
  },
];

/**
 * elysiajs/eden's `publish-legacy.yml`: a command before the publish in the same job may change
 * the package's `name` (npm/manifest-edits.ts), so the two workflows need not publish the same
 * package and `samePackages` must not claim they do. `step` runs as the step before the publish (a block scalar),
 * `line` before it on the publish's own line, `after` as a step after it. `renames: false` rows
 * are the controls: the finding stays, at `at` in `publish-legacy.yml`.
 */
interface RenameCase {
  name: string;
  step?: string;
  line?: string;
  after?: string;
  /** Committed files besides the package and the workflows (a script the step runs). */
  files?: Record<string, string>;
  renames: boolean;
  at?: string;
}

/** MetaMask's preview builds: a committed script renames the package with a `jq --from-file` filter. */
const PREVIEW_SH = '#!/usr/bin/env bash\nset -euo pipefail\njq --raw-output --arg npm_scope "$1" --from-file scripts/preview.jq "package.json" > temp.json\nmv temp.json package.json\n';
const PREVIEW_JQ = '.name |= sub("@acme/"; "\\($npm_scope)/") |\n.version |= split("-")[0] + "-preview"\n';

const SCOPED_PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'git+https://github.com/acme/widget.git' } });
const renameCases: RenameCase[] = [
  { name: 'sed -i replacing the scope in package.json (eden)', step: "sed -i 's/@acme/@acme-legacy/g' package.json", renames: true },
  { name: 'sed -i on the "name" field', step: `sed -i 's/"name": ".*"/"name": "widget-legacy"/' package.json`, renames: true },
  { name: 'sed -E -i after sudo, on a package.json in a directory', step: "sudo sed -E -i 's/widget/gadget/' ./package.json", renames: true },
  { name: 'perl -pi on the name', step: `perl -pi -e 's/"name"/"name"/' package.json`, renames: true },
  { name: 'npm pkg set name=', step: 'npm pkg set name=@acme/widget-legacy', renames: true },
  { name: "npm pkg set 'name'= earlier on the publish's own line", line: "npm pkg set 'name'='@acme/widget-legacy' && ", renames: true },
  { name: 'npm pkg delete name, with other keys', step: 'npm pkg delete scripts.prepare name', renames: true },
  { name: 'jq assigning .name, its output moved over package.json', step: `jq '.name = "@acme/widget-legacy"' package.json > tmp.json && mv tmp.json package.json`, renames: true },
  { name: 'jq updating .name with |=', step: `jq '.name |= sub("@acme"; "@acme-legacy")' package.json > p.json && mv p.json package.json`, renames: true },
  // nitrojs/nitro: changelogen bumps with a canary suffix, then a plain `npm publish` sends `nitro-nightly`.
  { name: 'changelogen --canary <s> through pnpm', step: 'pnpm changelogen --bump -r 3.0.1 --canary nightly', renames: true },
  { name: 'npx changelogen --nameSuffix=<s>', step: 'npx changelogen@0.6.2 --bump --nameSuffix=edge', renames: true },
  // MetaMask/smart-transactions-controller: the rename is in a committed script the step runs, its jq filter in a file.
  { name: 'a committed script whose jq --from-file filter sets .name', step: './scripts/preview.sh @acme-previews', files: { 'scripts/preview.sh': PREVIEW_SH, 'scripts/preview.jq': PREVIEW_JQ }, renames: true },
  { name: 'the script run by bash, the filter given with -f', step: 'bash -e scripts/preview.sh @acme-previews', files: { 'scripts/preview.sh': PREVIEW_SH.replace('--from-file', '-f'), 'scripts/preview.jq': PREVIEW_JQ }, renames: true },
  { name: 'a script that runs the renaming script', step: 'bash scripts/outer.sh', files: { 'scripts/outer.sh': '#!/bin/sh\n./scripts/preview.sh "$1"\n', 'scripts/preview.sh': PREVIEW_SH, 'scripts/preview.jq': PREVIEW_JQ }, renames: true },
  { name: 'npm pkg set name= in a committed script', step: './scripts/rename.sh', files: { 'scripts/rename.sh': '#!/bin/sh\nnpm pkg set name=@acme/widget-legacy\n' }, renames: true },
  // A committed script run by a bare relative path (no `./`, no extension, an interpreter line), or through `sh -c`.
  { name: 'a committed script run by a bare relative path', step: 'scripts/prepare-release', files: { 'scripts/prepare-release': '#!/usr/bin/env bash\nnpm pkg set name=@acme/widget-legacy\n' }, renames: true },
  { name: "the script run through sh -c '…' with an argument", step: "sh -c 'scripts/prepare-release preview'", files: { 'scripts/prepare-release': '#!/usr/bin/env bash\nnpm pkg set name=@acme/widget-legacy\n' }, renames: true },
  { name: 'control: a Node script (renames are not read in JavaScript)', step: 'node scripts/prepare-release.js', files: { 'scripts/prepare-release.js': "require('child_process').execSync('npm pkg set name=@acme/widget-legacy');\n" }, renames: false, at: '13:14-13:25' },
  { name: 'control: the bare path only an argument', step: 'echo scripts/prepare-release', files: { 'scripts/prepare-release': '#!/usr/bin/env bash\nnpm pkg set name=@acme/widget-legacy\n' }, renames: false, at: '13:14-13:25' },
  { name: 'control: the jq filter file sets only .version', step: './scripts/preview.sh @acme-previews', files: { 'scripts/preview.sh': PREVIEW_SH, 'scripts/preview.jq': '.version |= split("-")[0] + "-preview"\n' }, renames: false, at: '13:14-13:25' },
  { name: 'control: the jq filter file is not committed', step: './scripts/preview.sh @acme-previews', files: { 'scripts/preview.sh': PREVIEW_SH }, renames: false, at: '13:14-13:25' },
  { name: 'control: a committed script that only reads the name', step: './scripts/name.sh', files: { 'scripts/name.sh': '#!/bin/sh\njq -r .name package.json\n' }, renames: false, at: '13:14-13:25' },
  { name: 'control: a script that is not committed', step: './scripts/preview.sh @acme-previews', renames: false, at: '13:14-13:25' },
  { name: 'control: changelogen --canary without a suffix keeps the name', step: 'pnpm changelogen --bump --canary', renames: false, at: '13:14-13:25' },
  { name: 'control: npm pkg set version=', step: 'npm pkg set version=2.0.0', renames: false, at: '13:14-13:25' },
  { name: 'control: sed -i on the version only', step: `sed -i 's/"version": "1.0.0"/"version": "2.0.0"/' package.json`, renames: false, at: '13:14-13:25' },
  { name: 'control: sed -i with the scope on another file', step: "sed -i 's/@acme/@acme-legacy/g' README.md", renames: false, at: '13:14-13:25' },
  { name: 'control: sed without -i only prints', step: "sed -n 's/@acme/@acme-legacy/p' package.json", renames: false, at: '13:14-13:25' },
  { name: 'control: jq reading .name', step: 'echo "NAME=$(jq -r .name package.json)" >> "$GITHUB_ENV"', renames: false, at: '13:14-13:25' },
  { name: 'control: jq comparing .name', step: `jq -e '.name == "@acme/widget"' package.json`, renames: false, at: '13:14-13:25' },
  { name: 'control: jq assigning .version', step: `jq '.version = "2.0.0"' package.json > tmp.json && mv tmp.json package.json`, renames: false, at: '13:14-13:25' },
  { name: 'control: the rename runs after the publish', after: 'npm pkg set name=@acme/widget-legacy', renames: false, at: '11:14-11:25' },
];

const renameFiles = (c: RenameCase): Record<string, string> => {
  let job = publishJob(`${c.line ?? ''}npm publish`);
  // A block scalar: a `sed` script may hold `": "`, which a plain scalar cannot.
  if (c.step !== undefined) job = job.replace('      - run: ', `      - run: |\n          ${c.step}\n      - run: `);
  if (c.after !== undefined) job += `      - run: ${c.after}\n`;
  return {
    ...c.files,
    'package.json': SCOPED_PKG,
    '.github/workflows/publish.yml': `on: push\njobs:\n${publishJob()}`,
    '.github/workflows/publish-legacy.yml': `on: push\njobs:\n${job}`,
  };
};

/**
 * One info for the two workflows, at the publish with the lower line: publish.yml's (line 11) when a
 * step comes before publish-legacy.yml's, else publish-legacy.yml's (the same line, first by name).
 */
const renameErrors = (c: RenameCase): ExpectedFinding[] => {
  const legacy = c.at === '11:14-11:25';
  const [file, other] = legacy ? ['publish-legacy.yml', 'publish.yml'] : ['publish.yml', 'publish-legacy.yml'];
  return [{ messageId: 'samePackages', file: `.github/workflows/${file}`, at: '11:14-11:25', severity: 'info', data: { what: 'package "@acme/widget"', workflows: `"${file}" and "${other}"` } }];
};

/**
 * nuxt/test-utils: `release-nightly.yml` runs `pnpm changelogen --canary nightly --publish` beside
 * `release.yml`'s `pnpm publish`; changelogen 0.6 publishes the package as `<name>-nightly`
 * (npm/name-suffix.ts), another package with a trusted publisher of its own. `what`: the package
 * the finding at each workflow names; none: no finding.
 */
const canaryCases: { name: string; nightly: string; other: string; what?: string }[] = [
  { name: 'a nightly canary beside the release (nuxt/test-utils)', nightly: 'pnpm changelogen --canary nightly --publish', other: 'pnpm publish --no-git-checks' },
  { name: '--nameSuffix alone', nightly: 'npx changelogen --nameSuffix next --publish', other: 'npm publish' },
  { name: 'a suffix tp-doctor cannot read', nightly: 'pnpm changelogen --canary "$TAG" --publish', other: 'pnpm changelogen --canary "$TAG" --publish' },
  { name: 'control: a bare --canary keeps the name', nightly: 'pnpm changelogen --canary --publish', other: 'pnpm publish', what: 'package "@acme/widget"' },
  { name: 'control: two nightly canaries publish one package', nightly: 'pnpm changelogen --canary nightly --publish', other: 'pnpm changelogen --publish --canary=nightly', what: 'package "@acme/widget-nightly"' },
];

const canaryFiles = (c: (typeof canaryCases)[number]): Record<string, string> => ({
  'package.json': SCOPED_PKG,
  '.github/workflows/nightly.yml': `on: push\njobs:\n${publishJob(c.nightly)}`,
  '.github/workflows/publish.yml': `on: push\njobs:\n${publishJob(c.other)}`,
});

/** One finding, at nightly.yml (before publish.yml in file name order). */
const canaryErrors = (c: (typeof canaryCases)[number]): ExpectedFinding[] => [
  { messageId: 'samePackages', file: '.github/workflows/nightly.yml', at: `11:14-11:${14 + c.nightly.length}`, data: { what: c.what } },
];

/** Each finding of a row with the row's data by position. */
/**
 * amplify-backend's `health_checks.yml`: a reusable workflow with triggers of its own whose
 * publishing job runs only `if: github.event_name == 'push'`. In a called workflow
 * `github.event_name` is the top-level run's event, so only entries started by an event the
 * conditions let through reach the publish. `checks.yml` runs on pull_request, schedule,
 * workflow_dispatch and workflow_call; `nightly.yml` (on `nightlyOn`, its caller job under
 * `callerIf`) and `release.yml` (on `push`) call it. The publish is `npm publish` on line 16.
 */
interface EventCase {
  name: string;
  jobIf?: string;
  stepIf?: string;
  callerIf?: string;
  nightlyOn?: string;
  declared?: string;
  /** The finding at the publish and the entries it names; none: no finding. */
  want?: { messageId: 'severalEntries' | 'wrongWorkflow'; entries: string };
}

const eventCaller = (on: string, callerIf = 'true'): string =>
  `on: ${on}\njobs:\n  checks:\n    if: ${callerIf}\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/checks.yml\n`;

const eventFiles = (c: EventCase): Record<string, string> => ({
  'package.json': PKG,
  ...(c.declared ? { 'tp-doctor.yml': publisherConfig({ workflow: c.declared }) } : {}),
  '.github/workflows/nightly.yml': eventCaller(c.nightlyOn ?? 'schedule', c.callerIf),
  '.github/workflows/release.yml': eventCaller('push'),
  '.github/workflows/checks.yml': [
    'on: [pull_request, schedule, workflow_dispatch, workflow_call]',
    '# line 2',
    '# line 3',
    '# line 4',
    '# line 5',
    'jobs:',
    '  publish:',
    `    if: ${c.jobIf ?? 'true'}`,
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 24',
    '      - run: npm publish',
    `        if: ${c.stepIf ?? 'true'}`,
    '',
  ].join('\n'),
});

const ALL_THREE = '"checks.yml", "nightly.yml", "release.yml"';

const eventCases: EventCase[] = [
  {
    name: 'amplify: `github.event_name == push && (github.ref == ...)` only in runs of the push workflow',
    jobIf: "github.event_name == 'push' && (github.ref == 'refs/heads/main' || startsWith(github.ref, 'refs/heads/release'))",
  },
  { name: 'the condition in `${{ }}`, the event in capitals', jobIf: "${{ github.event_name == 'PUSH' && github.ref_name == 'main' }}" },
  { name: 'the step `if:` of the publish decides', stepIf: "${{ github.event_name == 'push' }}" },
  { name: 'negated: `!(github.event_name != push)`', jobIf: "${{ !(github.event_name != 'push') }}" },
  { name: 'the declared workflow is the only entry left', jobIf: "github.event_name == 'push'", declared: 'release.yml' },
  { name: 'the caller job of nightly.yml keeps it out', jobIf: "github.event_name != 'pull_request'", callerIf: "github.event_name == 'push'", want: { messageId: 'severalEntries', entries: '"checks.yml", "release.yml"' } },
  { name: 'control: `!=` lets the other events through', jobIf: "github.event_name != 'push'", want: { messageId: 'severalEntries', entries: '"checks.yml", "nightly.yml"' } },
  { name: 'control: an entry with `push` among its events stays', jobIf: "github.event_name == 'push'", nightlyOn: '[schedule, push]', want: { messageId: 'severalEntries', entries: '"nightly.yml", "release.yml"' } },
  { name: 'control: the schedule entries', jobIf: "github.event_name == 'schedule'", want: { messageId: 'severalEntries', entries: '"checks.yml", "nightly.yml"' } },
  { name: 'control: `contains(fromJSON(...), github.event_name)` is unknown', jobIf: `contains(fromJSON('["push"]'), github.event_name)`, want: { messageId: 'severalEntries', entries: ALL_THREE } },
  { name: 'control: `github.ref` alone is unknown', jobIf: "github.ref == 'refs/heads/main'", want: { messageId: 'severalEntries', entries: ALL_THREE } },
  { name: 'control: `|| github.ref == ...` may be true for any event', jobIf: "github.event_name == 'push' || github.ref == 'refs/heads/main'", want: { messageId: 'severalEntries', entries: ALL_THREE } },
  { name: 'control: a step `if:` on the matrix is unknown', stepIf: "matrix.os == 'linux'", jobIf: "github.event_name != 'schedule'", want: { messageId: 'severalEntries', entries: '"checks.yml", "release.yml"' } },
  { name: 'control: no condition, a declared publisher', declared: 'release.yml', want: { messageId: 'severalEntries', entries: ALL_THREE } },
  { name: 'declared nightly.yml, which never gets past the condition', jobIf: "github.event_name == 'push'", declared: 'nightly.yml', want: { messageId: 'wrongWorkflow', entries: '"release.yml"' } },
];

const errorsOf = (c: Case): ExpectedFinding[] =>
  c.want.map((w, i) => {
    const [messageId = '', at = ''] = w.split('@');
    return { messageId, at, data: c.data?.[i] };
  });

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: [
      ...silent.map((c) => ({ name: c.name, files: { 'package.json': PKG, ...c.files } })),
      ...envCases.filter((c) => c.at === undefined).map((c) => ({ name: `callers choose the package through env: ${c.name}`, files: envFiles(c) })),
      ...crossValid.map((c) => ({ name: `two providers: ${c.name}`, files: c.files })),
      ...pipelineValid.map((c) => ({ name: `two CircleCI pipelines: ${c.name}`, files: c.files })),
      ...renameCases.filter((c) => c.renames).map((c) => ({ name: `a rename before one publish: ${c.name}`, files: renameFiles(c) })),
      ...canaryCases.filter((c) => !c.what).map((c) => ({ name: `a tool renames the package: ${c.name}`, files: canaryFiles(c) })),
      ...eventCases.filter((c) => !c.want).map((c) => ({ name: `github.event_name of the entry: ${c.name}`, files: eventFiles(c) })),
      {
        // moonrepo/moon: two committed scripts, each `cd "$package" && npm publish` in a loop of its own.
        name: 'two workflows: the same command with an unknown target through two different committed scripts is not the same packages',
        files: {
          'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
          'packages/cli/package.json': JSON.stringify({ name: '@acme/cli', version: '1.0.0' }),
          'packages/report/package.json': JSON.stringify({ name: '@acme/report', version: '1.0.0' }),
          'scripts/secondary.sh': '#!/usr/bin/env bash\nfor package in packages/*; do\n  if [[ "$package" == *cli* ]]; then continue; fi\n  (cd "$package" && npm publish --access public)\ndone\n',
          'scripts/binary.sh': '#!/usr/bin/env bash\nfor package in packages/cli; do\n  (cd "$package" && npm publish --access public)\ndone\n',
          '.github/workflows/a.yml': `on: push\njobs:\n${publishJob('bash ./scripts/secondary.sh')}`,
          '.github/workflows/b.yml': `on: push\njobs:\n${publishJob('bash ./scripts/binary.sh')}`,
        },
      },
      {
        // pulumi/pulumi: two makefiles run one publish script, each with its own package settings.
        name: 'two workflows: one committed script run by two different makefiles is not the same packages',
        files: {
          'package.json': JSON.stringify({ name: 'root', private: true }),
          'scripts/publish_npm.sh': '#!/usr/bin/env bash\nnpm publish "$NPM_ARTIFACT" --tag "$TAG"\n',
          'sdk/Makefile': 'publish:\n\tNPM_ARTIFACT=sdk.tgz bash ../scripts/publish_npm.sh\n',
          'cli/Makefile': 'publish:\n\tNPM_ARTIFACT=cli.tgz bash ../scripts/publish_npm.sh\n',
          '.github/workflows/a.yml': `on: push\njobs:\n${publishJob('make -C sdk publish')}`,
          '.github/workflows/b.yml': `on: push\njobs:\n${publishJob('make -C cli publish')}`,
        },
      },
      {
        // OpenZeppelin/openzeppelin-contracts: release-upgradeable.yml runs the same publish script over a
        // checkout of the -upgradeable repository at the workspace root (this one under lib/).
        name: "two workflows: the same command over another repository's checkout is not the same packages",
        files: checkoutFiles('      - uses: actions/checkout@v5\n        with:\n          repository: ${{ github.repository }}-upgradeable\n      - uses: actions/checkout@v5\n        with:\n          path: lib/openzeppelin-contracts\n'),
      },
      {
        name: 'two workflows: loops over disjoint packages (no candidate in common) are not the same packages',
        files: {
          'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
          'packages/cli/package.json': JSON.stringify({ name: '@acme/cli', version: '1.0.0' }),
          'packages/core/package.json': JSON.stringify({ name: '@acme/core', version: '1.0.0' }),
          'packages/report/package.json': JSON.stringify({ name: '@acme/report', version: '1.0.0' }),
          'packages/docs/package.json': JSON.stringify({ name: '@acme/docs', version: '1.0.0' }),
          '.github/workflows/a.yml': `on: push\njobs:\n${publishJob('for p in packages/cli packages/core; do (cd "$p" && npm publish); done')}`,
          '.github/workflows/b.yml': `on: push\njobs:\n${publishJob('for p in packages/report packages/docs; do (cd "$p" && npm publish); done')}`,
        },
      },
      {
        name: 'two workflows, different packages are fine, and so is a declared publisher (wrongWorkflow says the rest)',
        files: {
          'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
          'packages/a/package.json': JSON.stringify({ name: 'a', version: '1.0.0' }),
          'packages/b/package.json': JSON.stringify({ name: 'b', version: '1.0.0' }),
          '.github/workflows/a.yml': `on: push\njobs:\n${publishJob('npm publish -w a')}`,
          '.github/workflows/b.yml': `on: push\njobs:\n${publishJob('npm publish -w b')}`,
        },
      },
    ],
    invalid: [
      ...cases.map((c) => ({ name: c.name, files: { 'package.json': PKG, ...c.files }, errors: errorsOf(c) })),
      ...envCases
        .filter((c) => c.at !== undefined)
        .map((c) => ({ name: `several entries, package from env: ${c.name}`, files: envFiles(c), errors: [{ messageId: 'severalEntries', at: c.at!, severity: 'warning' as const }] })),
      ...crossInvalid.map((c) => ({ name: `two providers: ${c.name}`, files: c.files, errors: c.errors })),
      ...pipelineInvalid.map((c) => ({ name: `two CircleCI pipelines: ${c.name}`, files: c.files, errors: c.errors })),
      ...renameCases.filter((c) => !c.renames).map((c) => ({ name: `same packages despite an edit: ${c.name}`, files: renameFiles(c), errors: renameErrors(c) })),
      ...canaryCases.filter((c) => c.what).map((c) => ({ name: `a tool that renames alike or not at all: ${c.name}`, files: canaryFiles(c), errors: canaryErrors(c) })),
      ...eventCases
        .filter((c) => c.want)
        .map((c) => ({ name: `github.event_name of the entry: ${c.name}`, files: eventFiles(c), errors: [{ messageId: c.want!.messageId, at: '16:14-16:25', data: { entries: c.want!.entries } }] })),
      {
        // firebase/firebase-js-sdk: `yarn release` runs a TypeScript CLI tp-doctor cannot read, from two workflows.
        name: 'two workflows running one publish-named script that runs something unreadable: may be the same packages, info',
        files: {
          'package.json': JSON.stringify({ name: 'root', version: '1.0.0', scripts: { release: 'ts-node-script scripts/release/cli.ts' } }),
          '.github/workflows/prod.yml': `on: push\njobs:\n${publishJob('yarn release --releaseType Production')}`,
          '.github/workflows/staging.yml': `on: push\njobs:\n${publishJob('yarn release --releaseType Staging')}`,
        },
        errors: [
          {
            messageId: 'samePackages',
            file: '.github/workflows/prod.yml',
            at: '11:14-11:51',
            severity: 'info',
            data: { what: 'what may be the same packages (the same script, which tp-doctor cannot read)' },
          },
        ],
      },
      {
        name: "control: another repository checked out under a path, the publish at this repository's root: the same packages",
        files: checkoutFiles('      - uses: actions/checkout@v5\n      - uses: actions/checkout@v5\n        with:\n          repository: acme/other\n          path: vendor/other\n'),
        errors: [{ messageId: 'samePackages', file: '.github/workflows/a.yml', at: '11:14-11:37', severity: 'info' }],
      },
      {
        name: 'two workflows publishing the same packages (no declaration): one samePackages info, at the first workflow in file name order, the other related',
        files: {
          'package.json': PKG_V,
          '.github/workflows/dev.yml': `on: push\njobs:\n${publishJob('npm publish --tag next')}`,
          '.github/workflows/prod.yml': `on: push\njobs:\n${publishJob('npm publish')}`,
        },
        errors: [
          {
            messageId: 'samePackages',
            at: '11:14-11:36',
            file: '.github/workflows/dev.yml',
            severity: 'info',
            message:
              '"dev.yml" and "prod.yml" publish package "widget"; the token exchange of a run is refused unless its own workflow is registered as a trusted publisher of the package, so each of them must be registered (npm allows up to 10 per package)',
            related: ['.github/workflows/prod.yml:11:14 publish in "prod.yml"'],
          },
        ],
      },
      {
        name: 'two workflows publishing through one composite action: one finding at its line, naming both',
        files: {
          'package.json': PKG_V,
          '.github/actions/publish/action.yml': 'name: publish\nruns:\n  using: composite\n  steps:\n    - run: npm publish\n      shell: bash\n',
          '.github/workflows/dev.yml': `on: push\njobs:\n${publishJob('echo dev').replace('      - run: echo dev', '      - uses: actions/checkout@v5\n      - uses: ./.github/actions/publish')}`,
          '.github/workflows/prod.yml': `on: push\njobs:\n${publishJob('echo prod').replace('      - run: echo prod', '      - uses: actions/checkout@v5\n      - uses: ./.github/actions/publish')}`,
        },
        errors: [{ messageId: 'samePackages', at: '5:12-5:23', file: '.github/actions/publish/action.yml', data: { workflows: '"dev.yml" and "prod.yml"' } }],
      },
      {
        // Esri/calcite-design-system: `npm run publish:latest` and `npm run publish:next` both run `./support/release.sh`.
        name: 'two workflows: the same publish of one committed script, reached through different npm scripts, is the same packages',
        files: {
          'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { 'publish:latest': './support/release.sh latest', 'publish:next': './support/release.sh next' } }),
          'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0' }),
          'support/release.sh': '#!/usr/bin/env bash\nfor p in packages/*; do (cd "$p" && npm publish --tag "$1"); done\n',
          '.github/workflows/a.yml': `on: push\njobs:\n${publishJob('npm run publish:latest')}`,
          '.github/workflows/b.yml': `on: push\njobs:\n${publishJob('npm run publish:next')}`,
        },
        errors: [{ messageId: 'samePackages', at: '11:14-11:36', file: '.github/workflows/a.yml' }],
      },
      {
        name: 'two workflows: the same command with an unknown target counts as the same packages',
        files: { 'package.json': PKG_V, '.github/workflows/a.yml': `on: push\njobs:\n${publishJob(LOOP)}`, '.github/workflows/b.yml': `on: push\njobs:\n${publishJob(LOOP)}` },
        errors: [{ messageId: 'samePackages', at: '11:31-11:48', file: '.github/workflows/a.yml' }],
      },
    ],
  });

  it('renders the callee-registered message and points back at the workflow', async () => {
    const [d] = await lintRule(RULE, { 'package.json': PKG, ...cases[0]!.files });
    expect(d?.message).toBe(
      'The trusted publisher names "release.yml", which only runs through `workflow_call`; npm checks the top-level workflow that calls it ("ci.yml")',
    );
    expect(d?.fix).toBe('Set `publishers[0].workflow` and the trusted publisher on npmjs.com to the calling workflow ("ci.yml")');
    expect(d?.file).toBe('tp-doctor.yml');
    expect(d?.related).toEqual([
      { file: '.github/workflows/release.yml', start: { line: 1, column: 1 }, end: { line: 1, column: 3 }, label: '"release.yml"' },
    ]);
  });

  it('relates a mismatch to the declared workflow field and keeps several entries a warning', async () => {
    const [wrong] = await lintRule(RULE, { 'package.json': PKG, ...cases[3]!.files });
    expect(wrong?.message).toBe(
      'Job "publish" in "shared.yml" publishes to npm in runs of the top-level "nightly.yml", but the trusted publisher names "publish.yml"',
    );
    expect(wrong?.related).toEqual([
      { file: 'tp-doctor.yml', start: { line: 4, column: 15 }, end: { line: 4, column: 26 }, label: 'trusted publisher workflow "publish.yml"' },
    ]);
    const several = await lintRule(RULE, { 'package.json': PKG, ...cases[5]!.files });
    expect(several.map((d) => d.severity)).toEqual(['warning']);
  });

  it('several entries of a job that still publishes with a token: those runs publish with it (alejoamiras/tee-rex)', async () => {
    const files = (env: string): Record<string, string> => ({
      'package.json': PKG,
      '.github/workflows/ci.yml': CALLER('release.yml'),
      '.github/workflows/nightly.yml': CALLER('release.yml', 'schedule'),
      '.github/workflows/release.yml': `on: workflow_call\njobs:\n${publishJob()}${env}`,
    });
    const [withToken] = await lintRule(RULE, files('        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'));
    expect(withToken?.why).toContain('the job still gives the publish a long-lived npm token (`NODE_AUTH_TOKEN` from secrets.NPM_TOKEN): until it is removed, those runs publish with it instead');
    // Control: no token, runs of the other workflows fail.
    const [without] = await lintRule(RULE, files(''));
    expect(without?.why).not.toContain('long-lived');
  });
});

describe(`${RULE}: another workflow's publish that an if: tp-doctor cannot evaluate chooses (audit1208 t01/t03, A.66)`, () => {
  const files = (legacy: string): Record<string, string> => ({
    'package.json': PKG,
    'tp-doctor.yml': publisherConfig({}),
    '.github/workflows/release.yml': `on: release\njobs:\n${publishJob()}`,
    '.github/workflows/legacy.yml': legacy,
  });
  const brief = async (legacy: string): Promise<string[]> => (await lintRule(RULE, files(legacy))).map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`);
  it('a job of legacy.yml under `if: vars.X` while the declared release.yml publishes: a warning naming the if: and the declared publish', async () => {
    const found = await lintRule(RULE, files(`on: push\njobs:\n${publishJob().replace('    runs-on:', "    if: vars.LEGACY_PUBLISH == 'true'\n    runs-on:")}`));
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`)).toEqual(['wrongWorkflow@warning .github/workflows/legacy.yml:12']);
    expect(found[0]?.related?.map((r) => `${r.file}:${r.start.line} ${r.label}`).slice(-2)).toEqual([
      ".github/workflows/legacy.yml:4 the job's `if:`, which tp-doctor cannot evaluate, decides whether this publish runs",
      '.github/workflows/release.yml:11 job "publish" of "release.yml", the declared workflow, also publishes',
    ]);
  });
  it('a canary publish step of another workflow under `if: vars.CANARY`: a warning', async () => {
    expect(await brief(`on: push\njobs:\n${publishJob().replace('      - run: npm publish', "      - run: npm test\n      - if: vars.CANARY == 'true'\n        run: npm publish --tag canary")}`)).toEqual([
      'wrongWorkflow@warning .github/workflows/legacy.yml:13',
    ]);
  });
  it('control: the other workflow publishes with no if: the error stays', async () => {
    expect(await brief(`on: push\njobs:\n${publishJob()}`)).toEqual(['wrongWorkflow@error .github/workflows/legacy.yml:11']);
  });
  it('control: an if: that holds on its trigger: the error stays', async () => {
    expect(await brief(`on: push\njobs:\n${publishJob().replace('    runs-on:', "    if: github.event_name == 'push'\n    runs-on:")}`)).toEqual(['wrongWorkflow@error .github/workflows/legacy.yml:12']);
  });
});
