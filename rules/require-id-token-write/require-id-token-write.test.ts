import { describe, expect, it } from 'vitest';
import { publisherConfig, ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'require-id-token-write';
const PKG = JSON.stringify({ name: 'widget', repository: { url: 'git+https://github.com/acme/widget.git' } });

/** A publishing job body (steps only), indented for a job at `jobs.<id>`. */
const PUBLISH_STEPS = `    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm publish
`;

interface Case {
  name: string;
  files: Record<string, string>;
  want: string[];
  data?: Record<string, string>[];
}

const inContainer = (line: string): string => `on: push
permissions:
  id-token: write
jobs:
  publish:
${PUBLISH_STEPS.replace('      - run: npm publish', `      - run: ${line}`)}`;

const cases: Case[] = [
  {
    // More in container-env.test.ts.
    name: 'a publish in a `docker run` container that gets none of the job\'s OIDC variables: a warning',
    files: { '.github/workflows/release.yml': inContainer('docker run --rm -v "$PWD:/w" -w /w node:24 npm publish') },
    want: ['containerEnv@12:14-12:68'],
    data: [{ command: 'npm publish', image: 'node:24', missing: '`GITHUB_ACTIONS`, `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN`' }],
  },
  {
    name: 'a publish in a `docker run` container with an `--env-file`: a warning',
    files: { '.github/workflows/release.yml': inContainer('docker run --env-file ci.env node:24 npm publish') },
    want: ['containerEnvUnread@12:14-12:62'],
    data: [{ unread: '--env-file ci.env' }],
  },
  {
    name: 'a publish in a `docker run` container given a registry token but not the OIDC variables: a warning',
    files: { '.github/workflows/release.yml': inContainer('docker run -e NPM_TOKEN node:24 npm publish') },
    want: ['containerEnvToken@12:14-12:57'],
    data: [{ token: 'NPM_TOKEN' }],
  },
  {
    // More in remote-callee.test.ts.
    name: 'a call to another repository\'s workflow named for publishing, no permissions: an info',
    files: {
      '.github/workflows/onRelease.yml': `on: push
jobs:
  npm:
    uses: salesforcecli/github-workflows/.github/workflows/npmPublish.yml@main
    secrets: inherit
`,
    },
    want: ['remoteCallee@4:11-4:79'],
    data: [{ job: 'npm', target: 'salesforcecli/github-workflows/.github/workflows/npmPublish.yml@main', file: 'onRelease.yml' }],
  },
  {
    name: 'no permissions anywhere',
    files: {
      '.github/workflows/release.yml': `on: push
jobs:
  publish:
${PUBLISH_STEPS}`,
    },
    want: ['noPermissions@3:3-3:10'],
    data: [{ job: 'publish', publishes: 'publishes', file: 'release.yml', path: 'permissions' }],
  },
  {
    name: 'workflow-level block without id-token',
    files: {
      '.github/workflows/release.yml': `on: push
permissions:
  contents: read
jobs:
  publish:
${PUBLISH_STEPS}`,
    },
    want: ['workflowBlock@2:1-2:12'],
    data: [{ path: 'permissions' }],
  },
  {
    name: 'job-level block without id-token',
    files: {
      '.github/workflows/release.yml': `on: push
jobs:
  publish:
    permissions:
      contents: write
${PUBLISH_STEPS}`,
    },
    want: ['jobBlock@4:5-4:16'],
    data: [{ path: 'jobs.publish.permissions' }],
  },
  {
    name: 'job-level block shadows the workflow-level id-token: write',
    files: {
      '.github/workflows/release.yml': `on: push
permissions:
  id-token: write
  contents: read
jobs:
  publish:
    permissions:
      contents: write
${PUBLISH_STEPS}`,
    },
    want: ['shadowed@7:5-7:16'],
    data: [{ path: 'jobs.publish.permissions', job: 'publish' }],
  },
  {
    name: 'read-all at workflow level, {} at job level',
    files: {
      '.github/workflows/release.yml': `on: push
permissions: read-all
jobs:
  publish:
${PUBLISH_STEPS}  other:
    permissions: {}
${PUBLISH_STEPS}`,
    },
    want: ['readAll@2:14-2:22', 'readAll@13:18-13:20'],
    data: [{ value: 'read-all', path: 'permissions' }, { value: '{}', path: 'jobs.other.permissions' }],
  },
  {
    name: 'explicit id-token: none',
    files: {
      '.github/workflows/release.yml': `on: push
jobs:
  publish:
    permissions:
      id-token: none
${PUBLISH_STEPS}`,
    },
    want: ['explicitNone@5:17-5:21'],
  },
  {
    name: 'expression is only info',
    files: {
      '.github/workflows/release.yml': `on: push
jobs:
  publish:
    permissions:
      id-token: \${{ inputs.level }}
${PUBLISH_STEPS}`,
    },
    want: ['expression@5:17-5:36'],
    data: [{ value: '${{ inputs.level }}' }],
  },
  {
    name: 'id-token: read is reported on every job and at workflow level, publishing or not',
    files: {
      '.github/workflows/ci.yml': `on: push
permissions:
  id-token: read
jobs:
  test:
    permissions:
      id-token: read
    runs-on: ubuntu-latest
    steps:
      - run: npm test
`,
    },
    want: ['invalidIdToken@3:13-3:17', 'invalidIdToken@7:17-7:21'],
    data: [{ value: 'read' }, { value: 'read' }],
  },
  {
    name: 'invalid permissions value on a publishing job',
    files: {
      '.github/workflows/release.yml': `on: push
jobs:
  publish:
    permissions: write
${PUBLISH_STEPS}`,
    },
    want: ['invalidPermissions@4:18-4:23'],
    data: [{ value: 'write' }],
  },
  {
    name: 'heuristic publish says "appears to publish"',
    files: {
      '.github/workflows/release.yml': `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm run release
`,
    },
    want: ['noPermissions@3:3-3:10'],
    data: [{ publishes: 'appears to publish' }],
  },
  {
    name: 'caller job without id-token in a reusable chain (docs/domain.md §8.4)',
    files: {
      '.github/workflows/ci.yml': `on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  release:
    uses: ./.github/workflows/release.yml
`,
      '.github/workflows/release.yml': `on: workflow_call
jobs:
  publish:
    permissions:
      contents: read
      id-token: write
${PUBLISH_STEPS}`,
    },
    want: ['callerMissing@7:3-7:10'],
    data: [{ caller: 'release', callee: 'release.yml', job: 'publish', file: 'ci.yml' }],
  },
  {
    name: 'a caller with no permissions anywhere, calling a job that asks for id-token: write: the repository default decides (warning)',
    files: {
      '.github/workflows/ci.yml': `on:
  push:
    tags: ['v*']
jobs:
  release:
    uses: ./.github/workflows/release.yml
`,
      '.github/workflows/release.yml': `on: workflow_call
jobs:
  publish:
    permissions:
      contents: read
      id-token: write
${PUBLISH_STEPS}`,
    },
    want: ['callerDefault@5:3-5:10'],
    data: [{ caller: 'release', callee: 'release.yml', job: 'publish', file: 'ci.yml' }],
  },
  {
    name: 'nested chain: only the entry caller decides when the middle one has no permissions',
    files: {
      '.github/workflows/ci.yml': `on: push
jobs:
  go:
    uses: ./.github/workflows/middle.yml
`,
      '.github/workflows/middle.yml': `on: workflow_call
jobs:
  inner:
    uses: ./.github/workflows/release.yml
`,
      '.github/workflows/release.yml': `on: workflow_call
jobs:
  publish:
${PUBLISH_STEPS}`,
    },
    want: ['callerMissing@3:3-3:5'],
    data: [{ caller: 'go', callee: 'middle.yml', job: 'publish' }],
  },
  {
    name: 'caller permissions as an expression',
    files: {
      '.github/workflows/ci.yml': `on: push
jobs:
  release:
    permissions: \${{ inputs.perms }}
    uses: ./.github/workflows/release.yml
`,
      '.github/workflows/release.yml': `on: workflow_call
jobs:
  publish:
${PUBLISH_STEPS}`,
    },
    want: ['expression@4:18-4:37'],
    data: [{ job: 'release', publishes: 'calls a workflow that publishes' }],
  },
  {
    name: 'callee that asks for id-token but is also dispatched directly without permissions',
    files: {
      '.github/workflows/ci.yml': `on: push
jobs:
  release:
    permissions:
      id-token: write
    uses: ./.github/workflows/release.yml
`,
      '.github/workflows/release.yml': `on: [workflow_call, workflow_dispatch]
jobs:
  publish:
${PUBLISH_STEPS}`,
    },
    want: ['noPermissions@3:3-3:10'],
  },
];

const silent: Case[] = [
  {
    name: 'job-level id-token: write',
    files: {
      '.github/workflows/release.yml': `on: push
jobs:
  publish:
    permissions:
      contents: read
      id-token: write
${PUBLISH_STEPS}`,
    },
    want: [],
  },
  {
    name: 'workflow-level id-token: write and write-all',
    files: {
      '.github/workflows/release.yml': `on: push
permissions:
  id-token: write
jobs:
  publish:
${PUBLISH_STEPS}  again:
    permissions: write-all
${PUBLISH_STEPS}`,
    },
    want: [],
  },
  {
    name: 'reusable chain done right: caller grants, callee inherits',
    files: {
      '.github/workflows/ci.yml': `on: push
jobs:
  release:
    permissions:
      contents: read
      id-token: write
    uses: ./.github/workflows/release.yml
`,
      '.github/workflows/release.yml': `on: workflow_call
jobs:
  publish:
${PUBLISH_STEPS}`,
    },
    want: [],
  },
  {
    name: 'callable-only workflow called from another repository: the caller is not visible',
    files: {
      '.github/workflows/release.yml': `on: workflow_call
jobs:
  publish:
${PUBLISH_STEPS}`,
    },
    want: [],
  },
  {
    name: 'jobs that do not publish need nothing',
    files: {
      '.github/workflows/ci.yml': `on: push
permissions: read-all
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish --dry-run
`,
    },
    want: [],
  },
];

const withConfig = (files: Record<string, string>): Record<string, string> => ({ 'package.json': PKG, 'tp-doctor.yml': publisherConfig({}), ...files });

/** Each finding of a row with the row's data by position. */
const errorsOf = (c: Case, extra: Partial<ExpectedFinding> = {}): ExpectedFinding[] =>
  c.want.map((w, i) => {
    const [messageId = '', at = ''] = w.split('@');
    return { messageId, at, data: c.data?.[i], ...(i === 0 ? extra : {}) };
  });

const caller = cases.find((c) => c.name.includes('8.4'))!;
const expression = cases.find((c) => c.name === 'expression is only info')!;

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: [...cases, ...silent].filter((c) => c.want.length === 0).map((c) => ({ name: c.name, files: withConfig(c.files) })),
    invalid: [
      ...[...cases, ...silent].filter((c) => c.want.length > 0).map((c) => ({ name: c.name, files: withConfig(c.files), errors: errorsOf(c) })),
      {
        name: 'renders the shadowing message with the workflow entry as related location',
        files: {
          'package.json': PKG,
          '.github/workflows/release.yml': `on: push
permissions:
  id-token: write
jobs:
  publish:
    permissions:
      contents: read
${PUBLISH_STEPS}`,
        },
        errors: [
          {
            messageId: 'shadowed',
            at: '6:5-6:16',
            message:
              'The job-level `permissions` of "publish", which publishes to npm, replace the workflow-level `id-token: write`: the job gets `id-token: none`',
            fix: 'Add `id-token: write` under `jobs.publish.permissions` in release.yml as well',
          },
        ],
        check: (found) =>
          expect(found[0]?.related).toEqual([
            { file: '.github/workflows/release.yml', start: { line: 3, column: 3 }, end: { line: 3, column: 11 }, label: 'workflow-level `id-token: write`' },
          ]),
      },
      {
        name: 'renders the caller message naming the nested job',
        files: { 'package.json': PKG, ...caller.files },
        errors: errorsOf(caller, {
          message: 'Job "release" calls "release.yml", whose job "publish" publishes to npm, but gives it `id-token: none`; expected `id-token: write`',
          severity: 'error',
        }),
        check: (found) => expect(found[0]?.related[0]).toMatchObject({ file: '.github/workflows/release.yml', start: { line: 3, column: 3 } }),
      },
      {
        name: 'keeps the expression message at info',
        files: expression.files,
        errors: errorsOf(expression).map((e) => ({ ...e, severity: 'info' as const })),
      },
    ],
  });
});

describe('require-id-token-write: a caller of a workflow that publishes with a long-lived token (continuedev/continue)', () => {
  const callee = (asks: boolean): string =>
    `on:\n  workflow_call:\n    secrets:\n      NPM: { required: true }\n${asks ? 'permissions:\n  contents: write\n  id-token: write\n' : 'permissions:\n  contents: write\n'}jobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM }}\n`;
  const caller = 'on:\n  push:\n    tags: [\'v*\']\npermissions:\n  contents: write\njobs:\n  release:\n    uses: ./.github/workflows/reusable-release.yml\n    secrets:\n      NPM: ${{ secrets.NPM_TOKEN }}\n';
  const files = (asks: boolean, declared = false): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget' }),
    '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n',
    '.github/workflows/release.yml': caller,
    '.github/workflows/reusable-release.yml': callee(asks),
    ...(declared ? { 'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n' } : {}),
  });
  const brief = async (f: Record<string, string>): Promise<string[]> =>
    (await lintFiles(f, { rule: 'require-id-token-write' })).map((d) => `${d.messageId}@${d.severity} ${d.file}`);
  it('no publisher declared: the caller\'s finding is a warning, like the called job\'s (the token publishes today)', async () => {
    const found = await lintFiles(files(false), { rule: 'require-id-token-write' });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.file}`)).toEqual(['callerMissing@warning .github/workflows/release.yml', 'workflowBlock@warning .github/workflows/reusable-release.yml']);
    expect(found[0]?.why).toContain('long-lived npm token');
  });
  it('control: a called job that asks for id-token: write makes GitHub refuse the run: an error, token or not', async () => {
    expect(await brief(files(true))).toEqual(['callerMissing@error .github/workflows/release.yml']);
  });
  it('control: a declared publisher keeps it an error', async () => {
    expect(await brief(files(false, true))).toEqual(['callerMissing@error .github/workflows/release.yml', 'workflowBlock@error .github/workflows/reusable-release.yml']);
  });
});

describe('require-id-token-write: a caller of a workflow whose only publish is a guess (kosli-dev/cli)', () => {
  // The called job asks for `id-token: write` (for an attestation) and its only "publish" is an
  // action tp-doctor cannot read whose name says publish: whether it publishes to npm at all is a guess.
  const callee = (step: string): string =>
    `name: sbom\non:\n  workflow_call: {}\njobs:\n  sbom:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n      contents: write\n    steps:\n      - uses: actions/checkout@v5\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n${step}`;
  const files = (step: string): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'x-cli', version: '1.0.0', repository: 'github:acme/x-cli' }),
    '.github/workflows/release.yml': "name: release\non:\n  push:\n    tags: ['v*']\njobs:\n  sbom:\n    uses: ./.github/workflows/sbom.yml\n",
    '.github/workflows/sbom.yml': callee(step),
  });
  const brief = async (f: Record<string, string>): Promise<string[]> =>
    (await lintFiles(f, { rule: 'require-id-token-write' })).map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`);
  it('a possible publish (an unread action named publish): the caller is reported at info level', async () => {
    expect(await brief(files('      - uses: anchore/sbom-action/publish-sbom@v0\n'))).toEqual(['callerMissing@info .github/workflows/release.yml:6']);
  });
  it('npm publish in the called job: the caller declares no permissions, so the repository default decides (a warning)', async () => {
    expect(await brief(files('      - run: npm publish\n'))).toEqual(['callerDefault@warning .github/workflows/release.yml:6']);
  });
});

describe('require-id-token-write: a caller with no permissions anywhere (survey800a, latticexyz/mud)', () => {
  // The called job asks for `id-token: write`; whether GitHub starts the run depends on the
  // repository's default token permissions (permissive: it starts; restricted: start-up failure).
  const files = (callerPermissions: string, declared = false): Record<string, string> => ({
    'package.json': JSON.stringify({ name: '@acme/one', version: '1.0.0', repository: 'github:acme/mono' }),
    '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/mono.git\n',
    '.github/workflows/publish.yml': `on:\n  push:\n    branches: [main]\n${callerPermissions}jobs:\n  release:\n    uses: ./.github/workflows/release.yml\n`,
    '.github/workflows/release.yml':
      'on: workflow_call\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      id-token: write\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n      - run: npm publish\n',
    ...(declared ? { 'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/mono\n    workflow: publish.yml\n' } : {}),
  });
  const brief = async (f: Record<string, string>): Promise<string[]> =>
    (await lintFiles(f, { rule: 'require-id-token-write' })).map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`);
  it('no permissions in the caller: a warning that names the repository setting', async () => {
    const found = await lintFiles(files(''), { rule: 'require-id-token-write' });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`)).toEqual(['callerDefault@warning .github/workflows/publish.yml:5']);
    expect(found[0]?.why).toContain('permissive default');
    expect(found[0]?.message).toContain('declares no `permissions`');
  });
  it('a declared publisher does not make it certain: still a warning', async () => {
    expect(await brief(files('', true))).toEqual(['callerDefault@warning .github/workflows/publish.yml:5']);
  });
  it('control: a caller whose workflow-level block leaves id-token out refuses it: the error stays', async () => {
    expect(await brief(files('permissions:\n  contents: read\n'))).toEqual(['callerMissing@error .github/workflows/publish.yml:7']);
  });
  it('control: a caller granting id-token: write: nothing', async () => {
    expect(await brief(files('permissions:\n  contents: read\n  id-token: write\n'))).toEqual([]);
  });
});

describe('require-id-token-write: a publishing job whose if: tp-doctor cannot evaluate, beside one that has id-token: write (audit1207 h1b)', () => {
  const job = (id: string, condition: string, permissions: string): string => `  ${id}:
    if: ${condition}
    permissions: { ${permissions} }
${PUBLISH_STEPS}`;
  const files = (wrongIf: string, rightIf: string, on = 'release', rightPermissions = 'id-token: write, contents: read'): Record<string, string> => ({
    'package.json': PKG,
    'tp-doctor.yml': publisherConfig({}),
    '.github/workflows/release.yml': `on: ${on}\njobs:\n${job('oidc', rightIf, rightPermissions)}${job('legacy', wrongIf, 'contents: read')}`,
  });
  const brief = async (f: Record<string, string>): Promise<string[]> =>
    (await lintFiles(f, { rule: 'require-id-token-write' })).map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`);
  it('`if: vars.X` chooses the job, another job publishes with id-token: write: a warning that names the if:', async () => {
    const found = await lintFiles(files("vars.USE_TOKEN == 'true'", "vars.USE_TOKEN != 'true'"), { rule: 'require-id-token-write' });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`)).toEqual(['jobBlock@warning .github/workflows/release.yml:15']);
    expect(found[0]?.related?.map((r) => r.label)).toEqual([
      "the job's `if:`, which tp-doctor cannot evaluate, decides whether it runs",
      'job "oidc" also publishes, with `id-token: write`',
    ]);
  });
  it('control: an if: that certainly holds on one of the triggers keeps the error', async () => {
    expect(await brief(files("github.event_name == 'workflow_dispatch'", "github.event_name == 'release'", '[release, workflow_dispatch]'))).toEqual([
      'jobBlock@error .github/workflows/release.yml:15',
    ]);
  });
  it('control: when the other job lacks id-token: write too, whichever runs fails: errors', async () => {
    expect(await brief(files("vars.USE_TOKEN == 'true'", "vars.USE_TOKEN != 'true'", 'release', 'contents: read'))).toEqual([
      'jobBlock@error .github/workflows/release.yml:5',
      'jobBlock@error .github/workflows/release.yml:15',
    ]);
  });
  it('the job has no `if:` but its only publish step has `if: vars.USE_TOKEN == \'true\'`: a warning that names the step\'s if: (audit1207 p03, A.64)', async () => {
    const f = files("vars.USE_TOKEN == 'true'", "vars.USE_TOKEN != 'true'");
    f['.github/workflows/release.yml'] = f['.github/workflows/release.yml']!.replace("    if: vars.USE_TOKEN == 'true'\n", '').replace(/(permissions: \{ contents: read \}\n[\s\S]*)- run: npm publish/, "$1- if: vars.USE_TOKEN == 'true'\n        run: npm publish");
    const found = await lintFiles(f, { rule: 'require-id-token-write' });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['jobBlock@warning']);
    expect(found[0]?.related?.map((r) => `${r.start.line} ${r.label}`)).toEqual([
      "21 the publishing step's `if:`, which tp-doctor cannot evaluate, decides whether it runs",
      '3 job "oidc" also publishes, with `id-token: write`',
    ]);
  });
});
