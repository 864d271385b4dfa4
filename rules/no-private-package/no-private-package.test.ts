import { describe, expect, it } from 'vitest';
import { lintFiles, publisherConfig } from '../../test/helpers.js';
import { fromRuleCases, ruleTester, type RuleCase } from '../../test/rule-tester.js';

const RULE = 'no-private-package';

const REPO = { type: 'git', url: 'git+https://github.com/acme/widget.git' };

/** Pretty-printed: `name` on line 2, `private` on line 4 when given. */
function pkg(name: string, fields: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ name, version: '1.0.0', ...fields, repository: REPO }, null, 2)}\n`;
}

function workflow(steps: string[]): string {
  return [
    'name: Release',
    'on:',
    '  push:',
    "    tags: ['v*']",
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    ...steps,
    '',
  ].join('\n');
}

function single(privateValue: boolean | undefined, steps: string[], config = publisherConfig({})): Record<string, string> {
  return {
    'package.json': pkg('widget', privateValue === undefined ? {} : { private: privateValue }),
    '.github/workflows/release.yml': workflow(steps),
    'tp-doctor.yml': config,
  };
}

const MONOREPO = {
  'package.json': pkg('widget-monorepo', { private: true, workspaces: ['packages/*'] }),
  'packages/core/package.json': pkg('@acme/core'),
  'packages/cli/package.json': pkg('@acme/cli', { private: true }),
  'packages/internal/package.json': pkg('@acme/internal', { private: true }),
  '.github/workflows/release.yml': workflow(['      - run: npx changeset publish']),
};

const withPackages = (list: string): string => publisherConfig({ extra: `    packages: ${list}` });

const cases: RuleCase[] = [
  { name: 'a public package published at the root', files: single(undefined, ['      - run: npm publish']), want: [] },
  { name: 'private: false', files: single(false, ['      - run: npm publish']), want: [] },
  {
    name: 'a private workspace root published by `npm publish "$@"` in a script (survey908b M2)',
    files: { ...single(true, ['      - run: ./scripts/publish.sh --tag beta']), 'package.json': pkg('widget', { private: true, workspaces: ['packages/*'] }), 'packages/core/package.json': pkg('@acme/core'), 'scripts/publish.sh': '#!/bin/sh\nnpm publish "$@"\n' },
    want: ['publishedPrivateUnlessWorkspaces@4:14-4:18'],
    data: { package: 'widget', job: 'release', command: 'npm publish', expression: '$@' },
  },
  {
    name: 'a private root package published with npm publish',
    files: single(true, ['      - run: npm publish --provenance']),
    want: ['publishedPrivate@4:14-4:18'],
    data: { package: 'widget', job: 'release', command: 'npm publish', file: 'package.json' },
  },
  {
    name: 'a private root package published through npm run',
    files: {
      ...single(true, ['      - run: npm run release']),
      'package.json': pkg('widget', { private: true, scripts: { release: 'npm publish' } }),
    },
    want: ['publishedPrivate@4:14-4:18'],
  },
  {
    name: 'a private root published with an expression named for a dry run: a warning (auth0/auth0-angular)',
    files: single(true, ['      - run: npm publish --tag ${{ needs.configure.outputs.vtag }} ${{ needs.configure.outputs.dry-run }}']),
    want: ['publishedPrivateUnlessDryRun@4:14-4:18'],
    data: { package: 'widget', job: 'release', command: 'npm publish', expression: '${{ needs.configure.outputs.dry-run }}' },
  },
  {
    name: 'a private root published with a choice that may be --dry-run: a warning',
    files: single(true, ["      - run: npm publish ${{ inputs.dry && '--dry-run' || '' }}"]),
    want: ['publishedPrivateUnlessDryRun@4:14-4:18'],
  },
  {
    name: 'control: an expression that gives other options only is still the error',
    files: single(true, ["      - run: npm publish ${{ inputs.prov && '--provenance' || '' }}"]),
    want: ['publishedPrivate@4:14-4:18'],
  },
  { name: 'control: an expression that may name a directory: nothing', files: single(true, ['      - run: npm publish ${{ matrix.dir }}']), want: [] },
  { name: 'the build output is published: npm publish dist', files: single(true, ['      - run: npm publish dist']), want: [] },
  {
    name: 'the build output is published: working-directory',
    files: single(true, ['      - run: npm publish', '        working-directory: dist']),
    want: [],
  },
  { name: 'cd into the build output first', files: single(true, ['      - run: cd build && npm publish']), want: [] },
  {
    name: 'a script removes private before publishing',
    files: single(true, ['      - run: npm pkg delete private', '      - run: npm publish']),
    want: [],
  },
  { name: 'semantic-release skips private packages by itself', files: single(true, ['      - run: npx semantic-release']), want: [] },
  {
    name: 'monorepo: private packages skipped by a workspace publish',
    files: { ...MONOREPO, 'tp-doctor.yml': publisherConfig({}) },
    want: [],
  },
  {
    name: 'monorepo: a private package the publisher names explicitly',
    files: { ...MONOREPO, 'tp-doctor.yml': withPackages('["@acme/core", "@acme/cli"]') },
    want: ['namedPrivate@4:14-4:18'],
    data: { package: '@acme/cli', entry: 'publishers[0]', file: 'packages/cli/package.json', path: 'publishers[0].packages' },
  },
  {
    // unovue/reka-ui (survey918a F1): the private workspace root and packages/core share the name
    // "reka-ui"; `packages` names the one that is published.
    name: 'a private root named like a workspace package that is not private: the publisher names that package, quiet',
    files: {
      'package.json': pkg('@acme/core', { private: true, workspaces: ['packages/*'] }),
      'packages/core/package.json': pkg('@acme/core'),
      '.github/workflows/release.yml': workflow(['      - run: npm publish -w packages/core']),
      'tp-doctor.yml': withPackages('["@acme/core"]'),
    },
    want: [],
  },
  {
    name: 'control: two packages of one name, both private: namedPrivate for each',
    files: {
      'package.json': pkg('@acme/core', { private: true, workspaces: ['packages/*'] }),
      'packages/core/package.json': pkg('@acme/core', { private: true }),
      '.github/workflows/release.yml': workflow(['      - run: npx changeset publish']),
      'tp-doctor.yml': withPackages('["@acme/core"]'),
    },
    want: ['namedPrivate@4:14-4:18', 'namedPrivate@4:14-4:18'],
  },
  {
    // apollographql/apollo-client: the publish script points the workspaces at a built `dist/`,
    // whose package.json drops `private`; tp-doctor does not run the build.
    name: 'a private package named in `packages`, published after a script rewrites the workspaces: a warning',
    files: {
      'package.json': pkg('widget', {
        private: true,
        workspaces: ['.'],
        scripts: { 'changeset-publish': "npm pkg set 'workspaces[0]'=dist && npm run build && changeset publish", build: 'node scripts/build.mjs' },
      }),
      '.github/workflows/release.yml': workflow(['      - run: npm run changeset-publish']),
      'tp-doctor.yml': withPackages('["widget"]'),
    },
    want: ['namedPrivateMaybeBuilt@4:14-4:18'],
    data: { package: 'widget', reason: 'a command before `changeset publish` edits package manifests, so the package.json that is published may be another' },
  },
  {
    name: 'a private package named in `packages`, published as a directory the job builds: a warning',
    files: { ...single(true, ['      - run: npm run build && npm publish dist']), 'tp-doctor.yml': withPackages('["widget"]') },
    want: ['namedPrivateMaybeBuilt@4:14-4:18'],
    data: { reason: '`npm publish` publishes a directory with no committed package.json, which the job may build' },
  },
  {
    // survey919a F1: pnpm publishes the package.json of `publishConfig.directory`, which the build writes.
    name: 'a private package named in `packages`, published by pnpm through its `publishConfig.directory`: a warning',
    files: { ...single(true, ['      - run: pnpm publish --no-git-checks']), 'package.json': pkg('widget', { private: true, publishConfig: { directory: 'dist' } }), 'tp-doctor.yml': withPackages('["widget"]') },
    want: ['namedPrivateMaybeBuilt@4:14-4:18'],
    data: { reason: '`pnpm publish` publishes the package.json in its `publishConfig.directory` ("dist"), which the job builds' },
  },
  {
    name: 'control: npm publish ignores `publishConfig.directory`: still an error',
    files: { ...single(true, ['      - run: npm publish']), 'package.json': pkg('widget', { private: true, publishConfig: { directory: 'dist' } }), 'tp-doctor.yml': withPackages('["widget"]') },
    want: ['publishedPrivate@4:14-4:18', 'namedPrivate@4:14-4:18'],
  },
  // Review of 2026-12-04: flag values are no directory, a bare word is no edit, another workflow's publish is not this publisher's.
  {
    name: 'a private package named in `packages`, published with `npm publish --access public`: still an error',
    files: { ...single(true, ['      - run: npm publish --access public']), 'tp-doctor.yml': withPackages('["widget"]') },
    want: ['publishedPrivate@4:14-4:18', 'namedPrivate@4:14-4:18'],
  },
  {
    name: 'an earlier `npm ci --workspaces` edits nothing: still an error',
    files: { ...single(true, ['      - run: npm ci --workspaces', '      - run: npm publish']), 'tp-doctor.yml': withPackages('["widget"]') },
    want: ['publishedPrivate@4:14-4:18', 'namedPrivate@4:14-4:18'],
  },
  {
    name: 'monorepo: a directory publish in a workflow the publisher does not name leaves the error',
    files: {
      ...MONOREPO,
      '.github/workflows/canary.yml': workflow(['      - run: npm publish packages/core/dist']),
      'tp-doctor.yml': withPackages('["@acme/core", "@acme/cli"]'),
    },
    want: ['namedPrivate@4:14-4:18'],
  },
  {
    name: 'monorepo: a glob that also matches private packages',
    files: { ...MONOREPO, 'tp-doctor.yml': withPackages('["@acme/*"]') },
    want: [],
  },
  {
    name: 'monorepo: globs that match a public package too',
    files: { ...MONOREPO, 'tp-doctor.yml': withPackages('["@acme/c*", "@acme/int*"]') },
    want: [],
  },
  {
    name: 'monorepo: every package the globs match is private',
    files: { ...MONOREPO, 'tp-doctor.yml': withPackages('["@acme/cl*", "@acme/int*"]') },
    want: ['onlyPrivate@5:15-5:42'],
    data: { entry: 'publishers[0]', packages: '"@acme/cli", "@acme/internal"' },
  },
  {
    name: 'monorepo: npm publish at the private root',
    files: { ...MONOREPO, '.github/workflows/release.yml': workflow(['      - run: npm publish']), 'tp-doctor.yml': publisherConfig({}) },
    want: ['publishedPrivate@4:14-4:18'],
    data: { package: 'widget-monorepo' },
  },
  // From the private root, these publish the package they select, never the root.
  ...['npm publish --workspace=packages/core', 'yarn workspace @acme/core exec npm publish', 'pnpm --filter @acme/core exec npm publish'].map((run) => ({
    name: `monorepo: \`${run}\` from the private root publishes the selected package`,
    files: { ...MONOREPO, '.github/workflows/release.yml': workflow([`      - run: ${run}`]), 'tp-doctor.yml': publisherConfig({}) },
    want: [],
  })),
  {
    // reduxjs/redux-toolkit: the package comes from a `workflow_dispatch` choice.
    name: 'monorepo: yarn workspace <choice> exec npm publish from the private root',
    files: {
      ...MONOREPO,
      '.github/workflows/release.yml': workflow(['      - run: yarn workspace ${{ inputs.package }} exec npm publish']).replace(
        "  push:\n    tags: ['v*']",
        "  workflow_dispatch:\n    inputs:\n      package:\n        required: true\n        type: choice\n        options: ['@acme/core']",
      ),
      'tp-doctor.yml': publisherConfig({}),
    },
    want: [],
  },
];

describe(RULE, () => {

  it('renders the full message and points at the private value', async () => {
    const [d] = await lintFiles(single(true, ['      - run: npm publish']), { rule: RULE });
    expect(d?.message).toBe('Package "widget" is `private: true`, but job "release" publishes it with `npm publish`');
    expect(d?.file).toBe('package.json');
    expect(d?.related.map((r) => `${r.file}:${r.start.line}`)).toEqual(['.github/workflows/release.yml:14']);
    expect(d?.severity).toBe('error');
  });

  it('reports a publisher covering only private packages as a warning', async () => {
    const [d] = await lintFiles({ ...MONOREPO, 'tp-doctor.yml': withPackages('["@acme/cl*", "@acme/int*"]') }, { rule: RULE });
    expect(d?.severity).toBe('warning');
    expect(d?.file).toBe('tp-doctor.yml');
  });
});

describe(`${RULE}: rule tester`, () => {
  ruleTester.run(RULE, fromRuleCases(cases));
});

/** survey800c M2: npm tests `private` for truthiness (libnpmpublish `if (manifest.private)`), so any non-empty string and a non-zero number are private. */
describe('no-private-package with a `private` that is not a boolean', () => {
  const files = (value: unknown): Record<string, string> => ({
    'package.json': pkg('widget', { private: value }),
    '.github/workflows/release.yml': workflow(['      - run: npm publish']),
    'tp-doctor.yml': publisherConfig({}),
  });
  const summary = (found: { severity: string; messageId: string }[]): string[] => found.map((d) => `${d.severity} ${d.messageId}`);

  it('p800c/x-private-string-false: "private": "false" is an error whose message says the string is still true to npm', async () => {
    const found = await lintFiles(files('false'), { rule: RULE });
    expect(summary(found)).toEqual(['error publishedPrivate']);
    expect(found[0]).toMatchObject({ file: 'package.json', line: 4 });
    expect(found[0]!.message).toBe(
      'Package "widget" is `"private": "false"` (a non-empty string, which npm takes as true: the string "false" is not the boolean `false`), but job "release" publishes it with `npm publish`',
    );
    expect(found[0]!.fix).toContain('or set it to the boolean `false`');
  });

  it.each([
    ['true', '`"private": "true"` (a non-empty string, which npm takes as true)'],
    [1, '`"private": 1` (which npm takes as true)'],
  ])('"private": %j is an error too', async (value, shown) => {
    const found = await lintFiles(files(value), { rule: RULE });
    expect(summary(found)).toEqual(['error publishedPrivate']);
    expect(found[0]!.message).toContain(`is ${shown}, but job`);
  });

  it('a package named in `packages` with "private": "false": namedPrivate names the string', async () => {
    const found = await lintFiles({ ...files('false'), 'tp-doctor.yml': withPackages('["widget"]') }, { rule: RULE });
    expect(summary(found)).toEqual(['error publishedPrivate', 'error namedPrivate']);
    expect(found[1]!.message).toMatch(/^Package "widget" is `"private": "false"` \(a non-empty string/);
  });

  it.each([[false], [''], [0]])('control: "private": %j is not private', async (value) => {
    expect(await lintFiles(files(value), { rule: RULE })).toEqual([]);
  });

  it('control: the boolean keeps its message', async () => {
    const found = await lintFiles(files(true), { rule: RULE });
    expect(found[0]!.message).toBe('Package "widget" is `private: true`, but job "release" publishes it with `npm publish`');
  });
});

/** survey908b M2 (Financial-Times/content-tree): `npm publish "$@"` in a script run at a private workspace root. */
describe('no-private-package: `npm publish "$@"` at a private workspace root', () => {
  const CIRCLE_PUBLISHER = [
    'publishers:',
    '  - provider: circleci',
    '    organizationId: 8b4e1c2a-1111-4a5b-9c3d-0123456789ab',
    '    projectId: 5f6a7b8c-2222-4d5e-8f90-abcdef012345',
    '    pipelineDefinitionId: 0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3',
    '    vcsOrigin: github.com/acme/widget',
    '',
  ].join('\n');
  const circle = (call: string, script: string, privateRoot = true): Record<string, string> => ({
    'package.json': pkg('@o/root-pkg', { ...(privateRoot ? { private: true } : {}), workspaces: ['libraries/*'] }),
    'libraries/lib-a/package.json': pkg('@o/lib-a'),
    'scripts/circleci-publish.sh': `#!/usr/bin/env bash\nset -euo pipefail\n${script}\n`,
    '.circleci/config.yml': [
      'version: 2.1',
      'jobs:',
      '  publish-npm:',
      '    docker:',
      '      - image: cimg/node:24.15',
      '    steps:',
      '      - checkout',
      '      - run:',
      '          command: |',
      `            export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`,
      `            ${call}`,
      'workflows:',
      '  release:',
      '    jobs: [publish-npm]',
      '',
    ].join('\n'),
    'tp-doctor.yml': CIRCLE_PUBLISHER,
  });
  const summary = (found: { severity: string; messageId: string }[]): string[] => found.map((d) => `${d.severity} ${d.messageId}`);

  it('b908b/publish-args-root-pkg made private: a warning that names the EPRIVATE failure unless the arguments select workspaces', async () => {
    const found = await lintFiles(circle('./scripts/circleci-publish.sh --tag beta', 'npm publish "$@"'), { rule: RULE });
    expect(summary(found)).toEqual(['warning publishedPrivateUnlessWorkspaces']);
    expect(found[0]).toMatchObject({ file: 'package.json', line: 4 });
    expect(found[0]!.message).toBe(
      'Package "@o/root-pkg" is `private: true`, and job "publish-npm" runs `npm publish` with the arguments of its script (`$@`) at the repository root, which publishes that package unless the arguments select workspaces',
    );
    expect(found[0]!.why).toContain('EPRIVATE');
    expect(found[0]!.related.map((r) => `${r.file}:${r.start.line}`)).toEqual(['.circleci/config.yml:11']);
  });

  it('the same on GitHub Actions', async () => {
    const files = {
      ...single(true, ['      - run: ./scripts/publish.sh']),
      'package.json': pkg('widget', { private: true, workspaces: ['packages/*'] }),
      'packages/core/package.json': pkg('@acme/core'),
      'scripts/publish.sh': '#!/bin/sh\nnpm publish $*\n',
    };
    expect(summary(await lintFiles(files, { rule: RULE }))).toEqual(['warning publishedPrivateUnlessWorkspaces']);
  });

  it('control: `npm publish --workspaces "$@"` publishes the workspaces', async () => {
    expect(await lintFiles(circle('./scripts/circleci-publish.sh', 'npm publish --workspaces "$@"'), { rule: RULE })).toEqual([]);
  });

  it('control: the script called with literal arguments that select workspaces (review of 2026-12-06)', async () => {
    expect(await lintFiles(circle('./scripts/circleci-publish.sh --workspaces --access public', 'npm publish "$@"'), { rule: RULE })).toEqual([]);
    expect(await lintFiles(circle('./scripts/circleci-publish.sh -w packages/a', 'npm publish "$@"'), { rule: RULE })).toEqual([]);
    // Read as the shell gives them: quoted (`"--workspaces"`, `'-w'`) they select workspaces all the same.
    expect(await lintFiles(circle(`./scripts/circleci-publish.sh "--workspaces"`, 'npm publish "$@"'), { rule: RULE })).toEqual([]);
    expect(await lintFiles(circle(`./scripts/circleci-publish.sh '-w' packages/a`, 'npm publish "$@"'), { rule: RULE })).toEqual([]);
    const found = await lintFiles(circle('./scripts/circleci-publish.sh --access public', 'npm publish "$@"'), { rule: RULE });
    expect(summary(found)).toEqual(['warning publishedPrivateUnlessWorkspaces']);
  });

  it('CircleCI: a literal `npm publish` of a private root is the certain EPRIVATE error, as on GitHub (review of c7360a4)', async () => {
    const found = await lintFiles(circle('npm publish --access public', ''), { rule: RULE });
    expect(summary(found)).toEqual(['error publishedPrivate']);
    expect(found[0]!.message).toBe('Package "@o/root-pkg" is `private: true`, but job "publish-npm" publishes it with `npm publish`');
    expect(found[0]!.related.map((r) => `${r.file}:${r.start.line}:${r.start.column}`)).toEqual(['.circleci/config.yml:11:13']);
    const github = { ...single(true, ['      - run: npm publish --access public']), 'package.json': pkg('widget', { private: true, workspaces: ['packages/*'] }), 'packages/core/package.json': pkg('@acme/core') };
    expect(summary(await lintFiles(github, { rule: RULE }))).toEqual(['error publishedPrivate']);
  });

  it('control: CircleCI, a literal `npm publish` of a root that is not private is quiet', async () => {
    expect(await lintFiles(circle('npm publish --access public', '', false), { rule: RULE })).toEqual([]);
  });

  it('control: `npm publish "$@"` with a root that is not private', async () => {
    expect(await lintFiles(circle('./scripts/circleci-publish.sh --tag beta', 'npm publish "$@"', false), { rule: RULE })).toEqual([]);
  });

  it('control: a step that deletes `private` first', async () => {
    const files = circle('npm pkg delete private && ./scripts/circleci-publish.sh', 'npm publish "$@"');
    expect(await lintFiles(files, { rule: RULE })).toEqual([]);
  });

  it('control: a literal `npm publish` of the private root on GitHub keeps its error', async () => {
    const files = { ...single(true, ['      - run: npm publish --tag beta']), 'package.json': pkg('widget', { private: true, workspaces: ['packages/*'] }), 'packages/core/package.json': pkg('@acme/core') };
    expect(summary(await lintFiles(files, { rule: RULE }))).toEqual(['error publishedPrivate']);
  });
});

describe(`${RULE}: a publish of a private package that an if: tp-doctor cannot evaluate chooses (audit1208 p02, A.66)`, () => {
  const files = (rootIf: string, workspacesIf: string, other = 'npm publish --workspaces'): Record<string, string> => ({
    ...MONOREPO,
    'tp-doctor.yml': publisherConfig({}),
    '.github/workflows/release.yml': workflow([`      - if: ${rootIf}`, '        run: npm publish', `      - if: ${workspacesIf}`, `        run: ${other}`]),
  });
  const brief = async (f: Record<string, string>): Promise<string[]> => (await lintFiles(f, { rule: RULE })).map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`);
  it('`npm publish` of the private root under `if: vars.X`, a workspace publish under its negation: a warning naming the if: and the other publish', async () => {
    const found = await lintFiles(files("vars.SINGLE == 'true'", "vars.SINGLE != 'true'"), { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`)).toEqual(['publishedPrivate@warning package.json:4']);
    expect(found[0]?.related?.map((r) => `${r.file}:${r.start.line} ${r.label}`)).toEqual([
      '.github/workflows/release.yml:15 publish command (npm publish)',
      ".github/workflows/release.yml:14 the step's `if:`, which tp-doctor cannot evaluate, decides whether this publish runs",
      '.github/workflows/release.yml:17 step 3 of job "release" also publishes, without this problem',
    ]);
  });
  it('control: an if: that holds on the trigger publishes the private root: the error stays', async () => {
    expect(await brief(files("github.event_name == 'push'", "vars.SINGLE != 'true'"))).toEqual(['publishedPrivate@error package.json:4']);
  });
  it('control: the other publish is of the private root too: the error stays (one finding at the package)', async () => {
    expect(await brief(files("vars.SINGLE == 'true'", "vars.SINGLE != 'true'", 'npm publish --tag next'))).toEqual(['publishedPrivate@error package.json:4']);
  });
});
