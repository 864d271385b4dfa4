import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';
import { circleConfig, circlePublisherConfig, circleRepo, fromRuleCases, gitlabRepo, publisherConfig, ruleTester, type RuleCase } from '../../test/rule-tester.js';

const RULE = 'registry-is-npmjs';
const GPR = 'https://npm.pkg.github.com';
const PROXY = 'https://npm.corp.example/';

function pkg(fields: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ name: 'widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' }, ...fields }, null, 2)}\n`;
}

interface WorkflowOptions {
  setup?: string[];
  before?: string[];
  publish?: string;
  stepExtra?: string[];
  jobEnv?: string[];
  name?: string;
}

/** Line 6 is the job id, line 13 the setup-node `node-version`; setup lines (or the publish) start at 14. */
function workflow(o: WorkflowOptions = {}): string {
  return [
    `name: ${o.name ?? 'Release'}`,
    'on:',
    '  push:',
    "    tags: ['v*']",
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    ...(o.jobEnv ? ['    env:', ...o.jobEnv.map((l) => `      ${l}`)] : []),
    '    steps:',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    ...(o.setup ?? []).map((l) => `          ${l}`),
    ...(o.before ?? []),
    `      - run: ${o.publish ?? 'npm publish'}`,
    ...(o.stepExtra ?? []),
    '',
  ].join('\n');
}

const BOTH = `name: Release
on:
  push:
    tags: ['v*']
jobs:
  github-packages:
    runs-on: ubuntu-latest
    permissions:
      packages: write
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: 24
          registry-url: ${GPR}
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.GITHUB_TOKEN }}
  npm:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - run: npm publish
`;

function repo(files: Record<string, string>, declared = true): Record<string, string> {
  return {
    'package.json': pkg(),
    '.github/workflows/release.yml': workflow(),
    ...(declared ? { 'tp-doctor.yml': publisherConfig({}) } : {}),
    ...files,
  };
}

/** A called workflow whose setup-node `registry-url` is `${{ inputs.registry }}` (default npmjs; line 17), called by release.yml with `withs`. */
function calledRepo(withs: (string | undefined)[]): Record<string, string> {
  const called = [
    'on:',
    '  workflow_call:',
    '    inputs:',
    '      registry:',
    '        type: string',
    "        default: 'https://registry.npmjs.org'",
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    '          registry-url: ${{ inputs.registry }}',
    '      - run: npm publish',
    '',
  ].join('\n');
  const jobs = withs.flatMap((w, i) => [`  call${i}:`, '    uses: ./.github/workflows/publish.yml', ...(w === undefined ? [] : ['    with:', `      registry: ${w}`])]);
  const release = ['name: Release', 'on:', '  push:', "    tags: ['v*']", 'permissions:', '  id-token: write', 'jobs:', ...jobs, ''].join('\n');
  return repo({ '.github/workflows/release.yml': release, '.github/workflows/publish.yml': called });
}

const ARTIFACTORY = 'https://packages.example.com/api/npm/npm-public/';

/** `.npmrc` line 1 sends `@acme` to an Artifactory registry; the workflow publishes `@acme/widget`. */
function artifactoryRepo(o: WorkflowOptions, declared = true): Record<string, string> {
  return repo({ 'package.json': pkg({ name: '@acme/widget' }), '.npmrc': `@acme:registry=${ARTIFACTORY}\n`, '.github/workflows/release.yml': workflow(o) }, declared);
}

/** A step of atlassian-labs/artifact-publish-token with `output-modes`. */
function TOKEN_ACTION(modes: string): string[] {
  return ['      - uses: atlassian-labs/artifact-publish-token@v1.0.1', '        with:', `          output-modes: ${modes}`];
}

/** `files` with the root package.json's `scripts.release` (and `more` scripts) set; the workflow's publish becomes `publish` when given. */
function withScript(files: Record<string, string>, release: string, publish?: string, more: Record<string, string> = {}): Record<string, string> {
  const root = JSON.parse(files['package.json']!) as Record<string, unknown>;
  const out: Record<string, string> = { ...files, 'package.json': `${JSON.stringify({ ...root, scripts: { release, ...more } })}\n` };
  if (publish !== undefined) out['.github/workflows/release.yml'] = workflow({ publish });
  return out;
}

const cases: RuleCase[] = [
  { name: 'default registry', files: repo({}), want: [] },
  {
    name: "a called workflow's `registry-url: ${{ inputs.registry }}`: the caller's literal",
    files: calledRepo([PROXY]),
    want: ['otherRegistry@17:25-17:47'],
    data: { registry: PROXY, source: "setup-node's `registry-url` in `jobs.publish.steps[1]` with `inputs.registry` as its callers set it" },
  },
  { name: "a called workflow's `registry-url: ${{ inputs.registry }}`: the input's default (npmjs)", files: calledRepo([undefined]), want: [] },
  { name: "a called workflow's `registry-url: ${{ inputs.registry }}`: callers that differ leave it unknown", files: calledRepo([undefined, PROXY]), want: [] },
  {
    name: 'publishConfig.registry points at GitHub Packages while an npm trusted publisher is declared',
    files: repo({ 'package.json': pkg({ publishConfig: { registry: GPR } }) }),
    want: ['otherRegistry@9:17-9:45'],
    data: { packages: '"widget"', registry: GPR, host: 'npm.pkg.github.com', source: '`publishConfig.registry` in `package.json`' },
    related: ['.github/workflows/release.yml:14:14 publish command (npm publish)'],
  },
  {
    name: 'publishConfig.registry to npmjs',
    files: repo({ 'package.json': pkg({ publishConfig: { registry: 'https://registry.npmjs.org/' } }) }),
    want: [],
  },
  {
    name: 'a --registry flag beats publishConfig',
    files: repo({
      'package.json': pkg({ publishConfig: { registry: GPR } }),
      '.github/workflows/release.yml': workflow({ publish: 'npm publish --registry https://registry.npmjs.org' }),
    }),
    want: [],
  },
  {
    name: 'a --registry flag to a proxy',
    files: repo({ '.github/workflows/release.yml': workflow({ publish: 'npm publish --registry https://npm.corp.example/' }) }),
    want: ['otherRegistry@14:14-14:62'],
    data: { source: '`--registry` on `npm publish`', host: 'npm.corp.example' },
    related: [],
  },
  {
    name: 'setup-node registry-url registry.yarnpkg.com',
    files: repo({ '.github/workflows/release.yml': workflow({ setup: ['registry-url: https://registry.yarnpkg.com'] }) }),
    want: ['npmjsAlias@14:25-14:53'],
    data: { host: 'registry.yarnpkg.com', source: "setup-node's `registry-url` in `jobs.publish.steps[0]`" },
  },
  {
    name: 'setup-node registry-url npmjs',
    files: repo({ '.github/workflows/release.yml': workflow({ setup: ["registry-url: 'https://registry.npmjs.org'"] }) }),
    want: [],
  },
  {
    name: 'setup-node GitHub Packages only scopes the owner: an unscoped package still goes to npmjs',
    files: repo({ '.github/workflows/release.yml': workflow({ setup: [`registry-url: ${GPR}`] }) }),
    want: [],
  },
  {
    name: "setup-node GitHub Packages for a package of the owner's scope",
    files: repo({
      'package.json': pkg({ name: '@acme/widget' }),
      '.github/workflows/release.yml': workflow({ setup: [`registry-url: ${GPR}`] }),
    }),
    want: ['otherRegistry@14:25-14:51'],
    data: { packages: '"@acme/widget"', source: "setup-node's `registry-url` (scope @acme) in `jobs.publish.steps[0]`" },
  },
  {
    name: 'setup-node with another scope leaves the package alone',
    files: repo({
      'package.json': pkg({ name: '@acme/widget' }),
      '.github/workflows/release.yml': workflow({ setup: ['registry-url: https://npm.corp.example', 'scope: "@other"'] }),
    }),
    want: [],
  },
  {
    name: 'the project .npmrc beats the user config setup-node writes',
    files: repo({
      '.npmrc': 'registry=https://registry.npmjs.org/\n',
      '.github/workflows/release.yml': workflow({ setup: ['registry-url: https://npm.corp.example'] }),
    }),
    want: [],
  },
  {
    name: '.npmrc @scope:registry for the package scope',
    files: repo({
      'package.json': pkg({ name: '@acme/widget' }),
      '.npmrc': `# GitHub Packages\n@acme:registry=${GPR}\nsave-exact=true\n`,
    }),
    want: ['otherRegistry@2:1-2:42'],
    data: { source: '`@acme:registry=` in `.npmrc`' },
  },
  {
    name: '.npmrc @scope:registry for another scope',
    files: repo({ 'package.json': pkg({ name: '@acme/widget' }), '.npmrc': '@jsr:registry=https://npm.jsr.io\n' }),
    want: [],
  },
  {
    name: 'NPM_CONFIG_REGISTRY on the job',
    files: repo({ '.github/workflows/release.yml': workflow({ jobEnv: ['NPM_CONFIG_REGISTRY: https://npm.corp.example/'] }) }),
    want: ['otherRegistry@11:28-11:53'],
    data: { source: '`NPM_CONFIG_REGISTRY` in the job `env`' },
  },
  {
    name: 'a registry from an expression is not judged',
    files: repo({ '.github/workflows/release.yml': workflow({ setup: ['registry-url: ${{ vars.REGISTRY }}'] }) }),
    want: [],
  },
  {
    name: 'npm config set registry in an earlier step',
    files: repo({ '.github/workflows/release.yml': workflow({ before: ['      - run: npm config set registry https://npm.corp.example'] }) }),
    want: ['otherRegistry@14:14-14:62'],
    data: { source: '`npm config set registry` in `jobs.publish.steps[1]`' },
  },
  {
    name: 'inferred publisher: a job with id-token and no token publishing to a proxy',
    files: repo({ 'package.json': pkg({ publishConfig: { registry: 'https://npm.corp.example' } }) }, false),
    want: ['otherRegistry@9:17-9:43'],
  },
  {
    name: 'inferred publisher: a token publish to GitHub Packages is not a trusted publish',
    files: repo(
      {
        'package.json': pkg({ name: '@acme/widget', publishConfig: { registry: GPR } }),
        '.github/workflows/release.yml': workflow({ stepExtra: ['        env:', '          NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}'] }),
      },
      false,
    ),
    want: [],
  },
  {
    // google/zx: the job writes its proxy's token into .npmrc (the host from its `env:`), then publishes there.
    name: 'inferred publisher: a job that writes an _authToken line before publishing to a proxy has a token of its own',
    files: repo(
      {
        '.github/workflows/release.yml': workflow({
          jobEnv: ['PROXY: npm.corp.example', 'PROXY_TOKEN: ${{ secrets.AUTH_TOKEN }}'],
          before: ['      - run: echo "//${{ env.PROXY }}/:_authToken=$PROXY_TOKEN" >> .npmrc'],
          publish: 'npm publish --registry https://${{ env.PROXY }}',
        }),
      },
      false,
    ),
    want: [],
  },
  {
    name: 'inferred publisher: the same publish without the token line is a trusted publish to a proxy',
    files: repo(
      {
        '.github/workflows/release.yml': workflow({
          jobEnv: ['PROXY: npm.corp.example'],
          publish: 'npm publish --registry https://${{ env.PROXY }}',
        }),
      },
      false,
    ),
    want: ['otherRegistry@16:14-16:61'],
  },
  {
    name: 'inferred publisher: NPM_CONFIG_TOKEN on the step is a token of its own (bun, npm config)',
    files: repo(
      {
        'package.json': pkg({ publishConfig: { registry: 'https://npm.corp.example' } }),
        '.github/workflows/release.yml': workflow({ stepExtra: ['        env:', '          NPM_CONFIG_TOKEN: ${{ secrets.NPM_TOKEN }}'] }),
      },
      false,
    ),
    want: [],
  },
  {
    name: 'a workflow that publishes to GitHub Packages (own job, token) and to npm',
    files: repo({ 'package.json': pkg({ name: '@acme/widget' }), '.github/workflows/release.yml': BOTH }),
    want: [],
  },
  {
    name: 'setup-node keeps an earlier scope line: a later npmjs registry-url does not undo it',
    files: repo({
      'package.json': pkg({ name: '@acme/widget' }),
      '.github/workflows/release.yml': workflow({
        setup: [`registry-url: ${GPR}`],
        stepExtra: [
          '        env:',
          '          NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
          '      - uses: actions/setup-node@v5',
          '        with:',
          '          registry-url: https://registry.npmjs.org',
          '      - run: npm publish --registry https://registry.npmjs.org',
        ],
      }),
    }),
    want: ['otherRegistry@14:25-14:51'],
    data: { packages: '"@acme/widget"' },
  },
  {
    name: "GitHub Packages publishing from a workflow that is not the trusted publisher's",
    files: repo({
      'package.json': pkg({ name: '@acme/widget' }),
      '.github/workflows/gpr.yml': workflow({ name: 'GPR', setup: [`registry-url: ${GPR}`] }),
    }),
    want: [],
  },
  {
    name: 'monorepo: each workspace package with its own publishConfig.registry',
    files: repo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: '@acme/a', publishConfig: { registry: GPR } }),
      'packages/b/package.json': pkg({ name: '@acme/b' }),
      'packages/c/package.json': pkg({ name: '@acme/c', private: true, publishConfig: { registry: GPR } }),
      '.github/workflows/release.yml': workflow({ publish: 'npx changeset publish' }),
    }),
    want: ['otherRegistry@9:17-9:45'],
    data: { packages: '"@acme/a"', source: '`publishConfig.registry` in `packages/a/package.json`' },
  },
  {
    name: 'monorepo: one setup-node setting reported once for every package it redirects',
    files: repo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      'packages/b/package.json': pkg({ name: '@acme/b' }),
      '.github/workflows/release.yml': workflow({ setup: ['registry-url: https://registry.yarnpkg.com'], publish: 'npm publish --workspaces' }),
    }),
    want: ['npmjsAlias@14:25-14:53'],
    data: { packages: '"@acme/a", "@acme/b"' },
  },
  {
    name: "Yarn Berry does not read setup-node's .npmrc",
    files: repo({ '.github/workflows/release.yml': workflow({ setup: ['registry-url: https://npm.corp.example'], publish: 'yarn npm publish' }) }),
    want: [],
  },
  {
    name: 'Yarn Berry reads publishConfig.registry',
    files: repo({
      'package.json': pkg({ publishConfig: { registry: 'https://npm.corp.example' } }),
      '.github/workflows/release.yml': workflow({ publish: 'yarn npm publish' }),
    }),
    want: ['otherRegistry@9:17-9:43'],
  },
  // Yarn Berry asks GitHub for the audience with registry.yarnpkg.com mapped to registry.npmjs.org
  // (berry `npmHttpUtils.getOidcToken`) and exchanges at the alias, which serves npm's registry (A.65).
  {
    name: 'Yarn Berry: `npmRegistryServer` registry.yarnpkg.com (its own default, written out) gets the npmjs audience',
    files: repo({ '.yarnrc.yml': 'npmRegistryServer: "https://registry.yarnpkg.com"\n', '.github/workflows/release.yml': workflow({ publish: 'yarn npm publish' }) }),
    want: [],
  },
  {
    name: 'Yarn Berry: `npmPublishRegistry` registry.yarnpkg.com/ (trailing slash) gets the npmjs audience',
    files: repo({ '.yarnrc.yml': 'npmPublishRegistry: https://registry.yarnpkg.com/\n', '.github/workflows/release.yml': workflow({ publish: 'yarn npm publish --access public' }) }),
    want: [],
  },
  {
    name: "Yarn Berry: a scope's `npmRegistryServer` registry.yarnpkg.com gets the npmjs audience",
    files: repo({
      'package.json': pkg({ name: '@acme/widget' }),
      '.yarnrc.yml': 'npmScopes:\n  acme:\n    npmRegistryServer: "https://registry.yarnpkg.com"\n',
      '.github/workflows/release.yml': workflow({ publish: 'yarn npm publish' }),
    }),
    want: [],
  },
  {
    name: 'Yarn Berry: `publishConfig.registry` and `YARN_NPM_PUBLISH_REGISTRY` registry.yarnpkg.com get the npmjs audience',
    files: repo({
      'package.json': pkg({ publishConfig: { registry: 'https://registry.yarnpkg.com' } }),
      '.github/workflows/release.yml': workflow({ jobEnv: ['YARN_NPM_PUBLISH_REGISTRY: https://registry.yarnpkg.com'], publish: 'yarn npm publish' }),
    }),
    want: [],
  },
  {
    name: 'Yarn Berry: registry.npmjs.com is not mapped (audience "npm:registry.npmjs.com")',
    files: repo({ '.yarnrc.yml': 'npmRegistryServer: "https://registry.npmjs.com"\n', '.github/workflows/release.yml': workflow({ publish: 'yarn npm publish' }) }),
    want: ['npmjsAlias@1:20-1:48'],
    data: { host: 'registry.npmjs.com', source: '`npmRegistryServer` in `.yarnrc.yml`' },
  },
  // `changeset publish` runs `yarn npm publish` from @changesets/cli 3 in a Yarn 2+ repository
  // (changesets `packages/cli/src/lib/yarn.ts`): Yarn's settings decide, not `.npmrc` (A.65).
  {
    name: "changesets 3 in a Yarn Berry repository: setup-node's GitHub Packages `.npmrc` is not read",
    files: repo({
      'package.json': pkg({ name: '@acme/widget', packageManager: 'yarn@4.12.0', devDependencies: { '@changesets/cli': '^3.0.0' } }),
      '.github/workflows/release.yml': workflow({ setup: [`registry-url: ${GPR}`], publish: 'yarn changeset publish' }),
    }),
    want: [],
  },
  {
    name: 'changesets 3 in a Yarn Berry repository: a committed `.npmrc` registry is not read',
    files: repo({
      'package.json': pkg({ packageManager: 'yarn@4.12.0', devDependencies: { '@changesets/cli': '^3.0.0' } }),
      '.npmrc': `registry=${PROXY}\n`,
      '.github/workflows/release.yml': workflow({ publish: 'yarn changeset publish' }),
    }),
    want: [],
  },
  {
    name: 'changesets of unknown major in a Yarn Berry repository: npm and Yarn would disagree, not judged',
    files: repo({
      'package.json': pkg({ packageManager: 'yarn@4.12.0' }),
      '.npmrc': `registry=${PROXY}\n`,
      '.github/workflows/release.yml': workflow({ publish: 'npx changeset publish' }),
    }),
    want: [],
  },
  {
    name: 'changesets 3 in a Yarn Berry repository: `.yarnrc.yml` `npmPublishRegistry` to a proxy is read',
    files: repo({
      'package.json': pkg({ packageManager: 'yarn@4.12.0', devDependencies: { '@changesets/cli': '^3.0.0' } }),
      '.yarnrc.yml': `npmPublishRegistry: ${PROXY}\n`,
      '.github/workflows/release.yml': workflow({ publish: 'yarn changeset publish' }),
    }),
    want: ['otherRegistry@1:21-1:46'],
    data: { source: '`npmPublishRegistry` in `.yarnrc.yml`' },
  },
  {
    name: 'changesets 2 in a Yarn Berry repository runs `npm publish`: the committed `.npmrc` registry is read',
    files: repo({
      'package.json': pkg({ packageManager: 'yarn@4.12.0', devDependencies: { '@changesets/cli': '^2.29.0' } }),
      '.npmrc': `registry=${PROXY}\n`,
      '.github/workflows/release.yml': workflow({ publish: 'yarn changeset publish' }),
    }),
    want: ['otherRegistry@1:1-1:35'],
    data: { source: '`registry=` in `.npmrc`' },
  },
  {
    name: 'the npm CLI: publishConfig.registry registry.yarnpkg.com is still an alias (audience "npm:registry.yarnpkg.com")',
    files: repo({ 'package.json': pkg({ publishConfig: { registry: 'https://registry.yarnpkg.com' } }) }),
    want: ['npmjsAlias@9:17-9:47'],
    data: { host: 'registry.yarnpkg.com', source: '`publishConfig.registry` in `package.json`' },
  },

  // atlassian-labs/compiled: a token publish through Atlassian Artifactory, which forwards to npmjs.
  {
    name: 'inferred publisher: NPM_CONFIG_USERCONFIG names a file the job makes (not committed): a credential of its own',
    files: artifactoryRepo({ stepExtra: ['        env:', '          NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public'] }, false),
    want: [],
  },
  {
    name: 'inferred publisher: atlassian-labs/artifact-publish-token with output-modes npm before the publish: a credential of its own',
    files: artifactoryRepo({ before: TOKEN_ACTION('npm') }, false),
    want: [],
  },
  {
    name: 'inferred publisher: `npm publish --userconfig=./.npmrc-public` (a file not in the repository)',
    files: artifactoryRepo({ publish: 'npm publish --userconfig=./.npmrc-public' }, false),
    want: [],
  },
  {
    name: 'control: artifact-publish-token for Maven only gives npm no credential',
    files: artifactoryRepo({ before: TOKEN_ACTION('maven') }, false),
    want: ['otherRegistry@1:1-1:64'],
  },
  {
    name: 'control: NPM_CONFIG_USERCONFIG=/dev/null holds nothing',
    files: artifactoryRepo({ stepExtra: ['        env:', '          npm_config_userconfig: /dev/null'] }, false),
    want: ['otherRegistry@1:1-1:64'],
  },
  {
    name: 'control: --userconfig naming a committed file is no unread credential',
    files: { ...artifactoryRepo({ publish: 'npm publish --userconfig ./ci.npmrc' }, false), 'ci.npmrc': 'loglevel=verbose\n' },
    want: ['otherRegistry@1:1-1:64'],
  },
  {
    name: 'control: a user configuration the job writes before the publish is read, not an unread credential',
    files: artifactoryRepo(
      {
        jobEnv: ['NPM_CONFIG_USERCONFIG: ${{ runner.temp }}/npmrc'],
        before: ["      - run: printf '%s\\n' 'loglevel=verbose' > \"$NPM_CONFIG_USERCONFIG\""],
      },
      false,
    ),
    want: ['otherRegistry@1:1-1:64'],
  },
  // review400 B1: the redirect is found by the one reader of written files (npm/write-targets.ts), in linear time.
  {
    name: 'control: a quoted `"${{ github.workspace }}/.npmrc-public"` after `>` writes the named file',
    files: artifactoryRepo(
      {
        stepExtra: ['        env:', '          NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public'],
        before: ['      - run: echo loglevel=verbose > "${{ github.workspace }}/.npmrc-public"'],
      },
      false,
    ),
    want: ['otherRegistry@1:1-1:64'],
  },
  {
    name: 'control: `tee -a` after blanks writing the named file is read, not an unread credential',
    files: artifactoryRepo(
      {
        stepExtra: ['        env:', '          NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public'],
        before: ['      - run: echo loglevel=verbose | tee   -a   ./.npmrc-public'],
      },
      false,
    ),
    want: ['otherRegistry@1:1-1:64'],
  },
  {
    name: 'control: `>>` after a run of `>` in an earlier line, writing the named file',
    files: artifactoryRepo(
      {
        stepExtra: ['        env:', '          NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public'],
        before: ["      - run: |\n          echo '>>>>>>>>'\n          echo loglevel=verbose >>  ./.npmrc-public"],
      },
      false,
    ),
    want: ['otherRegistry@1:1-1:64'],
  },
  // npm reads `--@scope:registry=URL` and `npm_config_@scope:registry` (npm 11.19.1: `npm publish --dry-run` says "Publishing to URL").
  {
    name: '`--@acme:registry=URL` on the command sends the scoped package elsewhere',
    files: repo({ 'package.json': pkg({ name: '@acme/widget' }), '.github/workflows/release.yml': workflow({ publish: `npm publish --@acme:registry=${GPR}` }) }),
    want: ['otherRegistry@14:14-14:69'],
    data: { packages: '"@acme/widget"', source: '`--@acme:registry` on `npm publish`', host: 'npm.pkg.github.com' },
  },
  {
    name: '`--@acme:registry URL` without `=`: npm reads `true` (and the URL as the package): not judged',
    files: repo({ 'package.json': pkg({ name: '@acme/widget' }), '.github/workflows/release.yml': workflow({ publish: `npm publish --@acme:registry ${GPR}` }) }),
    want: [],
  },
  {
    name: '`npm_config_@acme:registry` in the job env',
    files: repo({ 'package.json': pkg({ name: '@acme/widget' }), '.github/workflows/release.yml': workflow({ jobEnv: [`"npm_config_@acme:registry": ${GPR}`] }) }),
    want: ['otherRegistry@11:36-11:62'],
    data: { source: '`npm_config_@acme:registry` in the job `env`' },
  },
  {
    name: 'control: `npm_config_@other:registry` is another scope',
    files: repo({ 'package.json': pkg({ name: '@acme/widget' }), '.github/workflows/release.yml': workflow({ jobEnv: [`"npm_config_@other:registry": ${GPR}`] }) }),
    want: [],
  },
  {
    name: 'Yarn 2+: YARN_NPM_PUBLISH_REGISTRY in the job env',
    files: repo({ '.github/workflows/release.yml': workflow({ jobEnv: [`YARN_NPM_PUBLISH_REGISTRY: ${PROXY}`], publish: 'yarn npm publish' }) }),
    want: ['otherRegistry@11:34-11:59'],
    data: { source: '`YARN_NPM_PUBLISH_REGISTRY` in the job `env`' },
  },
  // setup-node's `registry-url` writes `$RUNNER_TEMP/.npmrc` and exports NPM_CONFIG_USERCONFIG naming it.
  {
    name: "a step's NPM_CONFIG_USERCONFIG replaces setup-node's .npmrc: its registry is not read, the file named is not known",
    files: repo({
      'package.json': pkg({ name: '@acme/widget' }),
      '.github/workflows/release.yml': workflow({ setup: [`registry-url: ${GPR}`], stepExtra: ['        env:', '          NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public'] }),
    }),
    want: [],
  },
  {
    name: "`--userconfig` naming a committed file replaces setup-node's .npmrc: that file decides",
    files: repo({
      'package.json': pkg({ name: '@acme/widget' }),
      'ci.npmrc': `@acme:registry=${PROXY}\n`,
      '.github/workflows/release.yml': workflow({ setup: [`registry-url: ${GPR}`], publish: 'npm publish --userconfig ci.npmrc' }),
    }),
    want: ['otherRegistry@1:1-1:41'],
    data: { source: '`@acme:registry=` in `ci.npmrc`, the user configuration', host: 'npm.corp.example' },
  },
  {
    name: "control: a job-level NPM_CONFIG_USERCONFIG is overwritten by setup-node's export: its .npmrc decides, an error",
    files: repo({
      'package.json': pkg({ name: '@acme/widget' }),
      '.github/workflows/release.yml': workflow({ setup: [`registry-url: ${GPR}`], jobEnv: ['NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public'] }),
    }),
    want: ['otherRegistry@16:25-16:51'],
    data: { source: "setup-node's `registry-url` (scope @acme) in `jobs.publish.steps[0]`" },
  },
  {
    name: 'declared publisher: the project .npmrc still decides the registry, the unread user configuration the credential: a warning',
    files: artifactoryRepo({ stepExtra: ['        env:', '          NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public'] }),
    want: ['otherRegistryOwnCredential@1:1-1:64'],
    data: { credential: '`NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public` in the step `env`', host: 'packages.example.com' },
  },
  {
    name: '`"release": "env npm_config_registry=<proxy> npm publish"` run by the step: the script sets the registry (any case)',
    files: withScript(repo({}), `env npm_config_registry=${PROXY} npm publish`, 'npm run release'),
    want: ['otherRegistry@14:14-14:29'],
    data: { source: '`npm_config_registry` in the `release` script' },
  },
  {
    name: '`"release": "NPM_CONFIG_REGISTRY=<proxy> npm run pub"`, `"pub": "npm publish"`: set by a script on the way',
    files: withScript(repo({}), `NPM_CONFIG_REGISTRY=${PROXY} npm run pub`, 'npm run release', { pub: 'npm publish' }),
    want: ['otherRegistry@14:14-14:29'],
    data: { source: '`NPM_CONFIG_REGISTRY` in the `release` script' },
  },
  {
    name: "scoped: `\"release\": \"env 'npm_config_@acme:registry=<proxy>' npm publish\"`",
    files: withScript(repo({ 'package.json': pkg({ name: '@acme/widget' }) }), `env 'npm_config_@acme:registry=${PROXY}' npm publish`, 'npm run release'),
    want: ['otherRegistry@14:14-14:29'],
    data: { source: '`npm_config_@acme:registry` in the `release` script' },
  },
  {
    name: "the script's registry is the one nearest the publish: npmjs in the script wins over the workflow env's proxy",
    files: withScript(repo({ '.github/workflows/release.yml': workflow({ publish: 'npm run release', jobEnv: [`NPM_CONFIG_REGISTRY: ${PROXY}`] }) }), 'NPM_CONFIG_REGISTRY=https://registry.npmjs.org/ npm publish'),
    want: [],
  },
];

const GITLAB_REGISTRY = 'https://gitlab.com/api/v4/projects/42/packages/npm/';
const GITLAB_PUBLISHER = ['publishers:', '  - provider: gitlab', '    project: acme/widget', '    ciFile: .gitlab-ci.yml', ''].join('\n');

/** `.gitlab-ci.yml` with one job `publish` (lines 1-8); `idToken` adds `id_tokens: NPM_ID_TOKEN`. */
function gitlabCi(script = 'npm publish', idToken = true): string {
  return [
    'publish:',
    '  image: node:24',
    ...(idToken ? ['  id_tokens:', '    NPM_ID_TOKEN:', '      aud: npm:registry.npmjs.org'] : []),
    '  script:',
    `    - ${script}`,
    '',
  ].join('\n');
}

const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';

const providerCases: RuleCase[] = [
  {
    name: 'gitlab: a declared publisher, .npmrc sends the publish to the GitLab package registry',
    files: { ...gitlabRepo(gitlabCi(), GITLAB_PUBLISHER), '.npmrc': `registry=${GITLAB_REGISTRY}\n` },
    want: ['otherRegistryIdToken@1:1-1:61'],
    data: { packages: '"widget"', host: 'gitlab.com' },
  },
  {
    name: 'gitlab: a declared publisher, publishConfig.registry elsewhere',
    files: gitlabRepo(gitlabCi(), GITLAB_PUBLISHER),
    want: [],
  },
  {
    name: 'gitlab: publishing to npmjs is fine',
    files: { ...gitlabRepo(gitlabCi(), GITLAB_PUBLISHER), '.npmrc': 'registry=https://registry.npmjs.org/\n' },
    want: [],
  },
  {
    name: 'gitlab: an alias of the npm registry is not judged (the ID token carries its own audience)',
    files: { ...gitlabRepo(gitlabCi(), GITLAB_PUBLISHER), '.npmrc': 'registry=https://registry.yarnpkg.com/\n' },
    want: [],
  },
  {
    name: 'gitlab: without a declared publisher and without NPM_ID_TOKEN the job is not a trusted publish',
    files: { ...gitlabRepo(gitlabCi('npm publish', false)), '.npmrc': `registry=${GITLAB_REGISTRY}\n` },
    want: [],
  },
  {
    name: 'circleci: a declared publisher, .npmrc sends the publish elsewhere',
    files: circleRepo(circleConfig([`- run: ${ID} && npm publish`]), circlePublisherConfig(), { '.npmrc': 'registry=https://npm.corp.example/\n' }),
    want: ['otherRegistryIdToken@1:1-1:35'],
    data: { packages: '"widget"', host: 'npm.corp.example' },
  },
  {
    name: 'circleci: publishing to npmjs is fine',
    files: circleRepo(circleConfig([`- run: ${ID} && npm publish`]), circlePublisherConfig()),
    want: [],
  },
  {
    name: 'circleci: an inferred publisher without NPM_ID_TOKEN is not a trusted publish',
    files: circleRepo(circleConfig(['- run: npm publish']), undefined, { '.npmrc': 'registry=https://npm.corp.example/\n' }),
    want: [],
  },
  {
    name: 'circleci: nothing declared and nothing goes to npmjs: no publisher is inferred, nothing to judge',
    files: circleRepo(circleConfig([`- run: ${ID} && npm publish`]), undefined, { '.npmrc': 'registry=https://npm.corp.example/\n' }),
    want: [],
  },
  {
    name: 'gitlab: nothing declared and nothing goes to npmjs: no publisher is inferred, nothing to judge',
    files: { ...gitlabRepo(gitlabCi()), '.npmrc': `registry=${GITLAB_REGISTRY}\n` },
    want: [],
  },
  // A `package.json` script's own assignment (`PublishMatch.scriptEnv`) is read on GitLab and CircleCI as on GitHub.
  {
    name: 'gitlab: `"release": "NPM_CONFIG_REGISTRY=<proxy> npm publish"` run by the job: the script sets the registry',
    files: withScript({ ...gitlabRepo(gitlabCi('npm run release'), GITLAB_PUBLISHER) }, `NPM_CONFIG_REGISTRY=${PROXY} npm publish`),
    want: ['otherRegistryIdToken@7:7-7:22'],
    data: { source: '`NPM_CONFIG_REGISTRY` in the `release` script' },
  },
  {
    name: 'circleci: `"release": "cross-env NPM_CONFIG_REGISTRY=<proxy> npm publish"`: the script sets the registry',
    files: withScript(circleRepo(circleConfig([`- run: ${ID} && npm run release`]), circlePublisherConfig()), `cross-env NPM_CONFIG_REGISTRY=${PROXY} npm publish`),
    want: ['otherRegistryIdToken@8:106-8:121'],
    data: { source: '`NPM_CONFIG_REGISTRY` in the `release` script' },
  },
  {
    name: 'gitlab: the script names the user configuration (`NPM_CONFIG_USERCONFIG=ci.npmrc`) the job writes a registry into',
    files: withScript(gitlabRepo(gitlabCi(`echo "registry=${PROXY}" > ci.npmrc && npm run release`), GITLAB_PUBLISHER), 'NPM_CONFIG_USERCONFIG=ci.npmrc npm publish'),
    want: ['otherRegistryIdToken@7:7-7:48'],
  },
  {
    name: 'circleci: the script names the user configuration the job writes a registry into',
    files: withScript(circleRepo(circleConfig([`- run: echo "registry=${PROXY}" > ci.npmrc && ${ID} && npm run release`]), circlePublisherConfig()), 'NPM_CONFIG_USERCONFIG=ci.npmrc npm publish'),
    want: ['otherRegistryIdToken@8:14-8:55'],
  },
  {
    name: 'gitlab control: a registry line written into ci.npmrc that no publish reads',
    files: withScript(gitlabRepo(gitlabCi(`echo "registry=${PROXY}" > ci.npmrc && npm run release`), GITLAB_PUBLISHER), 'npm publish'),
    want: [],
  },
];

describe(RULE, () => {
  ruleTester.run(RULE, {
    ...fromRuleCases([...cases, ...providerCases]),
    invalid: [
      ...fromRuleCases([...cases, ...providerCases]).invalid,
      {
        name: "circleci: NPM_CONFIG_REGISTRY from a pipeline parameter's default is read; a trigger may pass another, so a warning",
        files: circleRepo(
          circleConfig([`- run: ${ID} && npm publish`], 'cimg/node:24.15', ['environment:', '  NPM_CONFIG_REGISTRY: << pipeline.parameters.registry >>']).replace(
            'version: 2.1\n',
            'version: 2.1\nparameters:\n  registry: { type: string, default: "https://npm.corp.example/" }\n',
          ),
          circlePublisherConfig(),
        ),
        errors: [{ messageId: 'otherRegistryIdToken', at: '12:28-12:62', severity: 'warning', data: { host: 'npm.corp.example' } }],
      },
      {
        name: 'gitlab monorepo: inferred publisher (one package goes to npmjs), another package of the NPM_ID_TOKEN job goes elsewhere: a warning',
        files: {
          'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
          'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0' }),
          'packages/b/package.json': JSON.stringify({ name: '@acme/b', version: '1.0.0', publishConfig: { registry: GITLAB_REGISTRY } }),
          '.gitlab-ci.yml': gitlabCi('npm publish --workspaces'),
        },
        errors: [{ messageId: 'otherRegistryIdToken', at: '1:65-1:118', file: 'packages/b/package.json', severity: 'warning', data: { packages: '"@acme/b"' } }],
      },
      {
        name: 'gitlab: a declared publisher makes it an error',
        files: { ...gitlabRepo(gitlabCi(), GITLAB_PUBLISHER), '.npmrc': `registry=${GITLAB_REGISTRY}\n` },
        errors: [{ messageId: 'otherRegistryIdToken', at: '1:1-1:61', severity: 'error', why: expect.stringContaining('`NPM_ID_TOKEN`') }],
      },
      {
        name: 'renders the full message',
        files: repo({ 'package.json': pkg({ publishConfig: { registry: GPR } }) }),
        errors: [
          {
            messageId: 'otherRegistry',
            at: '9:17-9:45',
            file: 'package.json',
            message:
              'Trusted publish of "widget" goes to "https://npm.pkg.github.com" (`publishConfig.registry` in `package.json`), not to https://registry.npmjs.org',
            why: expect.stringContaining('"npm:npm.pkg.github.com"'),
            fix: 'Point `publishConfig.registry` in `package.json` at https://registry.npmjs.org/ or remove it for this publish; publish to another registry from a separate step that has its own token',
          },
        ],
      },
    ],
  });
});

describe('a publish that goes to another registry, or may, gets no npmjs-only error', () => {
  /** Node 20 (npm 10) and no `id-token: write`: a publish to npmjs gets npm-supports-oidc and require-id-token-write errors. */
  const old = (publish: string, stepEnv: string[] = [], setup: string[] = []): Record<string, string> => ({
    'package.json': pkg({ name: '@acme/widget' }),
    'tp-doctor.yml': publisherConfig({}),
    '.github/workflows/release.yml': workflow({ publish, setup, stepExtra: stepEnv }).replace('      id-token: write\n', '      contents: read\n').replace('node-version: 24', 'node-version: 20'),
  });
  const errors = async (files: Record<string, string>): Promise<string[]> =>
    (await lintFiles(files))
      .filter((d) => d.severity === 'error')
      .map((d) => d.ruleId)
      .sort();
  it('control: a publish to npmjs', async () => {
    expect(await errors(old('npm publish'))).toEqual(['npm-supports-oidc', 'require-id-token-write']);
  });
  it('`--@acme:registry=URL`: only the registry finding', async () => {
    expect(await errors(old(`npm publish --@acme:registry=${GPR}`))).toEqual(['registry-is-npmjs']);
  });
  it('`--@acme:registry URL` (npm reads `true`): where it goes is not known, no error', async () => {
    expect(await errors(old(`npm publish --@acme:registry ${GPR}`))).toEqual([]);
  });
  it("a user configuration in place of setup-node's: no error from the .npmrc npm does not read", async () => {
    const files = {
      'package.json': pkg({ name: '@acme/widget' }),
      'tp-doctor.yml': publisherConfig({}),
      'ci.npmrc': 'loglevel=verbose\n',
      '.github/workflows/release.yml': workflow({ setup: [`registry-url: ${GPR}`], publish: 'npm publish --userconfig ci.npmrc' }),
    };
    expect(await errors(files)).toEqual([]);
  });
});
