import { describe, expect, it } from 'vitest';
import { lintRule, publisherConfig, ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';

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

const CALLER = (callee: string, on = 'push'): string => `on: ${on}
jobs:
  release:
    permissions:
      id-token: write
    uses: ./.github/workflows/${callee}
`;

interface Case {
  name: string;
  files: Record<string, string>;
  want: string[];
  data?: Record<string, string | number>[];
}

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
];

const silent: Case[] = [
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

/** Each finding of a row with the row's data by position. */
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
      {
        name: 'two workflows publishing the same packages (no declaration): samePackages at the first publish of each, as a warning',
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
            severity: 'warning',
            message:
              '"dev.yml" and "prod.yml" both publish package "widget"; a package has exactly one trusted publisher, so runs of one of them cannot publish it with trusted publishing',
          },
          { messageId: 'samePackages', at: '11:14-11:25', file: '.github/workflows/prod.yml', severity: 'warning' },
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
        errors: [{ messageId: 'samePackages', at: '5:12-5:23', file: '.github/actions/publish/action.yml', data: { file: 'dev.yml', other: 'prod.yml' } }],
      },
      {
        name: 'two workflows: the same command with an unknown target counts as the same packages',
        files: { 'package.json': PKG_V, '.github/workflows/a.yml': `on: push\njobs:\n${publishJob(LOOP)}`, '.github/workflows/b.yml': `on: push\njobs:\n${publishJob(LOOP)}` },
        errors: [
          { messageId: 'samePackages', at: '11:31-11:48' },
          { messageId: 'samePackages', at: '11:31-11:48' },
        ],
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
});
