import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/source.js';
import { loadProject } from './project.js';

/**
 * Where a publish's registry comes from, through the whole model (each provider's site builder and
 * npm/registry.ts): npm's scope registry on the command line and in the environment, the user
 * configuration npm reads (github/user-config.ts) and Yarn 2+'s environment. Every row gives the
 * registry of the job's one publish, its certainty and, where it matters, the setting's source.
 */
const GPR = 'https://npm.pkg.github.com';
const NPMJS = 'https://registry.npmjs.org/';
const WF = '.github/workflows/release.yml';

interface Flow {
  /** Lines of setup-node's `with:` after `node-version`. */
  setup?: string[];
  /** Lines of the job's `env:`. */
  jobEnv?: string[];
  /** Whole steps (indented six spaces) between setup-node and the publish. */
  before?: string[];
  publish?: string;
  /** Lines of the publishing step's `env:`. */
  stepEnv?: string[];
}

function flow(o: Flow = {}): string {
  return [
    'on: push',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    ...(o.jobEnv ? ['    env:', ...o.jobEnv.map((l) => `      ${l}`)] : []),
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          node-version: 24',
    ...(o.setup ?? []).map((l) => `          ${l}`),
    ...(o.before ?? []).map((l) => `      ${l}`),
    `      - run: ${o.publish ?? 'npm publish'}`,
    ...(o.stepEnv ? ['        env:', ...o.stepEnv.map((l) => `          ${l}`)] : []),
    '',
  ].join('\n');
}

function pkg(name = '@acme/widget', extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name, version: '1.0.0', ...extra });
}

interface Row {
  name: string;
  files: Record<string, string>;
  registry: 'npmjs' | 'other' | 'unknown';
  certainty?: 'certain' | 'likely' | 'possible';
  source?: string;
}

function github(o: Flow, files: Record<string, string> = {}): Record<string, string> {
  return { 'package.json': pkg(), [WF]: flow(o), ...files };
}

const scopeRows: Row[] = [
  // npm 11.19.1: `npm config get @acme:registry --@acme:registry=URL` is URL, and `npm publish --dry-run` says "Publishing to URL".
  { name: '`--@acme:registry=URL` on npm publish', files: github({ publish: `npm publish --@acme:registry=${GPR}` }), registry: 'other', certainty: 'certain', source: '`--@acme:registry` on `npm publish`' },
  // nopt reads `--@acme:registry URL` as `@acme:registry=true` and the URL as the package to publish.
  { name: '`--@acme:registry URL` (no `=`): npm reads `true`, unknown', files: github({ publish: `npm publish --@acme:registry ${GPR}` }), registry: 'unknown', certainty: 'possible' },
  { name: '`--@acme:registry=URL` on pnpm publish', files: github({ publish: `pnpm publish --@acme:registry=${GPR}` }), registry: 'other', source: '`--@acme:registry` on `pnpm publish`' },
  { name: 'the command-line scope registry beats publishConfig', files: github({ publish: `npm publish --@acme:registry=${NPMJS}` }, { 'package.json': pkg('@acme/widget', { publishConfig: { '@acme:registry': GPR } }) }), registry: 'npmjs' },
  { name: 'the command-line scope registry beats the environment', files: github({ publish: `npm publish --@acme:registry=${NPMJS}`, jobEnv: [`"npm_config_@acme:registry": ${GPR}`] }), registry: 'npmjs' },
  { name: 'a scope registry (command line) beats `--registry`', files: github({ publish: `npm publish --registry ${NPMJS} --@acme:registry=${GPR}` }), registry: 'other' },
  { name: 'control: another scope on the command line', files: github({ publish: `npm publish --@other:registry=${GPR}` }), registry: 'npmjs' },
  { name: 'control: an unscoped package ignores a scope registry', files: github({ publish: `npm publish --@acme:registry=${GPR}` }, { 'package.json': pkg('widget') }), registry: 'npmjs' },
  { name: 'control: `--@ACME:registry` is not the key npm looks up', files: github({ publish: `npm publish --@ACME:registry=${GPR}` }), registry: 'npmjs' },
  { name: 'control: a tool that does not pass it on (lerna)', files: github({ publish: `npx lerna publish from-package --@acme:registry=${GPR}` }), registry: 'npmjs' },
  // `npm_config_@acme:registry=URL npm config get @acme:registry` is URL; `NPM_CONFIG_@ACME:REGISTRY` too (npm lowercases the key).
  { name: '`npm_config_@acme:registry` in the job env', files: github({ jobEnv: [`"npm_config_@acme:registry": ${GPR}`] }), registry: 'other', certainty: 'certain', source: '`npm_config_@acme:registry` in the job `env`' },
  { name: '`NPM_CONFIG_@ACME:REGISTRY` in the step env', files: github({ stepEnv: [`"NPM_CONFIG_@ACME:REGISTRY": ${GPR}`] }), registry: 'other', source: '`NPM_CONFIG_@ACME:REGISTRY` in the step `env`' },
  { name: "`env 'npm_config_@acme:registry=URL' npm publish`", files: github({ publish: `env 'npm_config_@acme:registry=${GPR}' npm publish` }), registry: 'other', certainty: 'certain', source: '`npm_config_@acme:registry` on the command' },
  { name: 'the environment beats the project .npmrc', files: github({ jobEnv: [`"npm_config_@acme:registry": ${NPMJS}`] }, { '.npmrc': `@acme:registry=${GPR}\n` }), registry: 'npmjs' },
  { name: 'an empty variable sets nothing (npm skips it)', files: github({ stepEnv: ['"npm_config_@acme:registry": ""'] }, { '.npmrc': `@acme:registry=${GPR}\n` }), registry: 'other', source: '`@acme:registry=` in `.npmrc`' },
  { name: 'control: another scope in the environment', files: github({ jobEnv: [`"npm_config_@other:registry": ${GPR}`] }), registry: 'npmjs' },
];

const SETUP_GPR = [`registry-url: ${GPR}`, 'scope: "@acme"'];
const STEP = "setup-node's `registry-url` (scope @acme) in `jobs.publish.steps[0]`";

const userConfigRows: Row[] = [
  { name: "control: setup-node's .npmrc is the user configuration", files: github({ setup: SETUP_GPR }), registry: 'other', certainty: 'certain', source: STEP },
  { name: 'the step env names a file the job does not make: unknown', files: github({ setup: SETUP_GPR, stepEnv: ['NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public'] }), registry: 'unknown', certainty: 'possible' },
  { name: '`--userconfig <file>` not in the repository: unknown', files: github({ setup: SETUP_GPR, publish: 'npm publish --userconfig .npmrc-public' }), registry: 'unknown', certainty: 'possible' },
  { name: '`NPM_CONFIG_USERCONFIG=<file> npm publish`: unknown', files: github({ setup: SETUP_GPR, publish: 'NPM_CONFIG_USERCONFIG=/tmp/npmrc npm publish' }), registry: 'unknown' },
  { name: 'a committed user configuration is read: npmjs', files: github({ setup: SETUP_GPR, stepEnv: ['NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/ci.npmrc'] }, { 'ci.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' }), registry: 'npmjs', certainty: 'certain' },
  {
    name: 'a committed user configuration is read: its scope line',
    files: github({ stepEnv: ['NPM_CONFIG_USERCONFIG: ci.npmrc'] }, { 'ci.npmrc': `@acme:registry=${GPR}\n` }),
    registry: 'other',
    source: '`@acme:registry=` in `ci.npmrc`, the user configuration',
  },
  { name: '`/dev/null` holds nothing: npmjs', files: github({ setup: SETUP_GPR, stepEnv: ['npm_config_userconfig: /dev/null'] }), registry: 'npmjs', certainty: 'certain' },
  { name: 'an empty step value leaves `~/.npmrc` (npm skips it): npmjs', files: github({ setup: SETUP_GPR, stepEnv: ['NPM_CONFIG_USERCONFIG: ""'] }), registry: 'npmjs' },
  { name: '`unset NPM_CONFIG_USERCONFIG` before the publish: npmjs', files: github({ setup: SETUP_GPR, publish: 'unset NPM_CONFIG_USERCONFIG && npm publish' }), registry: 'npmjs' },
  { name: 'a bare assignment changes the exported variable: unknown', files: github({ setup: SETUP_GPR, publish: 'NPM_CONFIG_USERCONFIG=/tmp/npmrc; npm publish' }), registry: 'unknown' },
  { name: 'a file the job writes is read as written: npmjs', files: github({ setup: SETUP_GPR, before: ['- run: echo "//registry.npmjs.org/:_authToken=$T" > /tmp/ci.npmrc'], stepEnv: ['NPM_CONFIG_USERCONFIG: /tmp/ci.npmrc'] }), registry: 'npmjs' },
  // actions/runner: `$GITHUB_ENV` (setup-node's `core.exportVariable`) writes over the job's `env:`, a step's `env:` over that.
  { name: "control: the job env is overwritten by setup-node's export", files: github({ setup: SETUP_GPR, jobEnv: ['NPM_CONFIG_USERCONFIG: /tmp/npmrc'] }), registry: 'other', certainty: 'certain', source: STEP },
  { name: 'a later `$GITHUB_ENV` write replaces setup-node\'s', files: github({ setup: SETUP_GPR, before: ['- run: echo "NPM_CONFIG_USERCONFIG=/tmp/npmrc" >> "$GITHUB_ENV"'] }), registry: 'unknown' },
  { name: 'the job env without setup-node `registry-url`: unknown', files: github({ jobEnv: ['NPM_CONFIG_USERCONFIG: /tmp/npmrc'] }), registry: 'unknown' },
  { name: 'control: the project .npmrc beats an unread user configuration', files: github({ stepEnv: ['NPM_CONFIG_USERCONFIG: /tmp/npmrc'] }, { '.npmrc': `@acme:registry=${GPR}\n` }), registry: 'other', certainty: 'certain', source: '`@acme:registry=` in `.npmrc`' },
];

const precedenceRows: Row[] = [
  { name: '`--registry URL` (space) beats the environment', files: github({ publish: `npm publish --registry ${NPMJS}`, jobEnv: [`NPM_CONFIG_REGISTRY: ${GPR}`] }, { 'package.json': pkg('widget') }), registry: 'npmjs' },
  { name: '`--registry=URL` on the command', files: github({ publish: `npm publish --registry=${GPR}` }, { 'package.json': pkg('widget') }), registry: 'other', source: '`--registry` on `npm publish`' },
  { name: '`npm_config_registry` beats the project .npmrc', files: github({ jobEnv: [`npm_config_registry: ${NPMJS}`] }, { 'package.json': pkg('widget'), '.npmrc': `registry=${GPR}\n` }), registry: 'npmjs' },
  { name: '`env NPM_CONFIG_REGISTRY=URL npm publish`', files: github({ publish: `env NPM_CONFIG_REGISTRY=${GPR} npm publish` }, { 'package.json': pkg('widget') }), registry: 'other', source: '`NPM_CONFIG_REGISTRY` on the command' },
  { name: 'pnpm: `--registry` beats the environment', files: github({ publish: `pnpm publish --registry=${NPMJS}`, jobEnv: [`NPM_CONFIG_REGISTRY: ${GPR}`] }, { 'package.json': pkg('widget') }), registry: 'npmjs' },
];

function yarn(o: Flow, files: Record<string, string> = {}): Record<string, string> {
  return { 'package.json': pkg('@acme/widget', { packageManager: 'yarn@4.18.0' }), 'yarn.lock': '', [WF]: flow({ publish: 'yarn npm publish', ...o }), ...files };
}

// Yarn 2+ `getEnvironmentSettings`: `YARN_NPM_PUBLISH_REGISTRY` is `npmPublishRegistry`, used before every `.yarnrc.yml`.
const yarnRows: Row[] = [
  { name: 'YARN_NPM_PUBLISH_REGISTRY in the job env', files: yarn({ jobEnv: [`YARN_NPM_PUBLISH_REGISTRY: ${GPR}`] }), registry: 'other', certainty: 'certain', source: '`YARN_NPM_PUBLISH_REGISTRY` in the job `env`' },
  { name: 'YARN_NPM_REGISTRY_SERVER in the step env', files: yarn({ stepEnv: [`YARN_NPM_REGISTRY_SERVER: ${GPR}`] }), registry: 'other' },
  { name: '`YARN_NPM_PUBLISH_REGISTRY=URL yarn npm publish`', files: yarn({ publish: `YARN_NPM_PUBLISH_REGISTRY=${GPR} yarn npm publish` }), registry: 'other', source: '`YARN_NPM_PUBLISH_REGISTRY` on the command' },
  { name: 'the environment beats the committed .yarnrc.yml', files: yarn({ jobEnv: [`YARN_NPM_PUBLISH_REGISTRY: ${NPMJS}`] }, { '.yarnrc.yml': `npmPublishRegistry: ${GPR}\n` }), registry: 'npmjs' },
  { name: "control: a scope's npmPublishRegistry in .yarnrc.yml beats the top-level variable", files: yarn({ jobEnv: [`YARN_NPM_PUBLISH_REGISTRY: ${NPMJS}`] }, { '.yarnrc.yml': `npmScopes:\n  acme:\n    npmPublishRegistry: ${GPR}\n` }), registry: 'other' },
  { name: "control: Yarn 2+ does not read npm's NPM_CONFIG_REGISTRY", files: yarn({ jobEnv: [`NPM_CONFIG_REGISTRY: ${GPR}`] }), registry: 'npmjs' },
  { name: "control: npm does not read Yarn's variable", files: github({ jobEnv: [`YARN_NPM_PUBLISH_REGISTRY: ${GPR}`] }), registry: 'npmjs' },
];

// A `package.json` script's own assignments set npm's configuration as the CI command's do (`"release": "NPM_CONFIG_REGISTRY=<url> npm publish"`).
const scripted = (script: string, extra: Record<string, string> = {}): Record<string, string> => github({ publish: 'npm run release' }, { 'package.json': pkg('@acme/widget', { scripts: { release: script, ...extra } }) });
const scriptRows: Row[] = [
  { name: 'NPM_CONFIG_REGISTRY=URL in the script', files: scripted(`NPM_CONFIG_REGISTRY=${GPR} npm publish`), registry: 'other', certainty: 'certain', source: '`NPM_CONFIG_REGISTRY` in the `release` script' },
  { name: '`cross-env npm_config_registry=URL` in the script', files: scripted(`cross-env npm_config_registry=${GPR} npm publish`), registry: 'other', source: '`npm_config_registry` in the `release` script' },
  { name: '`env` in a script another one runs', files: scripted(`env NPM_CONFIG_REGISTRY=${GPR} npm run pub`, { pub: 'npm publish' }), registry: 'other', source: '`NPM_CONFIG_REGISTRY` in the `release` script' },
  { name: 'the script\'s assignment beats the job env', files: { ...scripted(`NPM_CONFIG_REGISTRY=${NPMJS} npm publish`), [WF]: flow({ publish: 'npm run release', jobEnv: [`NPM_CONFIG_REGISTRY: ${GPR}`] }) }, registry: 'npmjs' },
  { name: '`npm_config_@acme:registry` in the script', files: scripted(`env 'npm_config_@acme:registry=${GPR}' npm publish`), registry: 'other', source: '`npm_config_@acme:registry` in the `release` script' },
  { name: 'NPM_CONFIG_USERCONFIG=<file> in the script: unknown', files: { ...scripted('NPM_CONFIG_USERCONFIG=/tmp/npmrc npm publish'), [WF]: flow({ publish: 'npm run release', setup: SETUP_GPR }) }, registry: 'unknown' },
  { name: 'control: HUSKY=0 changes no registry', files: scripted('HUSKY=0 npm publish'), registry: 'npmjs' },
  { name: 'control: the assignment of a sibling command', files: scripted(`NPM_CONFIG_REGISTRY=${GPR} npm run build && npm publish`, { build: 'tsc' }), registry: 'npmjs' },
];

describe('registry sources of a GitHub publish', () => {
  it.each([...scopeRows, ...userConfigRows, ...precedenceRows, ...yarnRows, ...scriptRows])('$name', (row) => {
    const project = loadProject(new MemoryFs(row.files));
    const [site] = project.facts.jobSites(project.workflows[0]!.jobs[0]!);
    expect(site?.registry.registry).toBe(row.registry);
    if (row.certainty !== undefined) expect(site?.certainty).toBe(row.certainty);
    if (row.source !== undefined) expect(site?.registry.setting?.source).toBe(row.source);
  });
});

const gitlabRows: Row[] = [
  { name: 'gitlab: `npm_config_@acme:registry` in `variables:`', files: { 'package.json': pkg(), '.gitlab-ci.yml': `publish:\n  image: node:24\n  variables:\n    "npm_config_@acme:registry": ${GPR}\n  script:\n    - npm publish\n` }, registry: 'other', source: 'variable `npm_config_@acme:registry`' },
  { name: 'gitlab: YARN_NPM_PUBLISH_REGISTRY in `variables:`', files: { 'package.json': pkg('@acme/widget', { packageManager: 'yarn@4.18.0' }), 'yarn.lock': '', '.gitlab-ci.yml': `publish:\n  image: node:24\n  variables:\n    YARN_NPM_PUBLISH_REGISTRY: ${GPR}\n  script:\n    - yarn npm publish\n` }, registry: 'other' },
  { name: 'gitlab: `--@acme:registry=URL`', files: { 'package.json': pkg(), '.gitlab-ci.yml': `publish:\n  image: node:24\n  script:\n    - npm publish --@acme:registry=${GPR}\n` }, registry: 'other' },
  { name: 'circleci: `NPM_CONFIG_@ACME:REGISTRY` in `environment:`', files: { 'package.json': pkg(), '.circleci/config.yml': `version: 2.1\njobs:\n  publish:\n    docker:\n      - image: cimg/node:24.15\n    environment:\n      "NPM_CONFIG_@ACME:REGISTRY": ${GPR}\n    steps:\n      - checkout\n      - run: npm publish\nworkflows:\n  release:\n    jobs:\n      - publish\n` }, registry: 'other', source: 'environment `NPM_CONFIG_@ACME:REGISTRY`' },
  { name: 'circleci: control: another scope', files: { 'package.json': pkg(), '.circleci/config.yml': `version: 2.1\njobs:\n  publish:\n    docker:\n      - image: cimg/node:24.15\n    environment:\n      "NPM_CONFIG_@OTHER:REGISTRY": ${GPR}\n    steps:\n      - checkout\n      - run: npm publish\nworkflows:\n  release:\n    jobs:\n      - publish\n` }, registry: 'npmjs' },
];

describe('registry sources of a GitLab or CircleCI publish', () => {
  it.each(gitlabRows)('$name', (row) => {
    const project = loadProject(new MemoryFs(row.files));
    const [site] = project.facts.sites;
    expect(site?.registry.registry).toBe(row.registry);
    if (row.source !== undefined) expect(site?.registry.setting?.source).toBe(row.source);
  });
});
