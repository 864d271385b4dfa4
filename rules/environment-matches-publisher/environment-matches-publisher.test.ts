import { describe, expect, it } from 'vitest';
import { GITHUB_PKG, gitlabRepo, lintFiles, publisherConfig } from '../../test/helpers.js';
import { fromRuleCases, ruleTester, type RuleCase } from '../../test/rule-tester.js';

const RULE = 'environment-matches-publisher';

/** A release workflow; `environment` is inserted as line 9 (the job id `publish` is line 7). */
function release(environment?: string, publish = 'npm publish'): string {
  return [
    'name: Release',
    'on:',
    '  push:',
    "    tags: ['v*']",
    'permissions: {}',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    ...(environment !== undefined ? [`    environment: ${environment}`] : []),
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

function repo(workflows: Record<string, string>, config?: string): Record<string, string> {
  const files: Record<string, string> = { 'package.json': GITHUB_PKG };
  for (const [name, text] of Object.entries(workflows)) files[`.github/workflows/${name}`] = text;
  if (config !== undefined) files['tp-doctor.yml'] = config;
  return files;
}

const CALLER = `name: CI
on:
  push:
    tags: ['v*']
jobs:
  release:
    permissions:
      id-token: write
      contents: read
    uses: ./.github/workflows/release.yml
`;

const CALLEE = (environment?: string): string =>
  release(environment).replace("on:\n  push:\n    tags: ['v*']", 'on:\n  workflow_call:');

/**
 * A reusable workflow whose publish job runs in `environment: ${{ inputs.env }}` (line 11, 12 with a default; the
 * input's `default:` line 7 when given), called from ci.yml.
 */
const INPUT_CALLEE = (defaultEnv?: string, environment = '${{ inputs.env }}'): string =>
  [
    'name: Release',
    'on:',
    '  workflow_call:',
    '    inputs:',
    '      env:',
    '        type: string',
    ...(defaultEnv !== undefined ? [`        default: ${defaultEnv}`] : []),
    'permissions: {}',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    `    environment: ${environment}`,
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    '      - run: npm publish',
    '',
  ].join('\n');

/** ci.yml: one caller job per entry of `withs` (`undefined`: passes no `with:`); job i's `env:` value is on line 5 + 6i + 4. */
const INPUT_CALLERS = (...withs: (string | undefined)[]): string =>
  [
    'name: CI',
    'on:',
    '  push:',
    "    tags: ['v*']",
    'jobs:',
    ...withs.flatMap((env, i) => [
      `  release${i}:`,
      '    permissions:',
      '      id-token: write',
      '    uses: ./.github/workflows/release.yml',
      ...(env !== undefined ? ['    with:', `      env: ${env}`] : ['    with: {}', '']),
    ]),
    '',
  ].join('\n');

const CI_NPM = publisherConfig({ workflow: 'ci.yml', environment: 'npm' });

/** `environment: ${{ inputs.env }}` of a called workflow, read from its callers (`callerEnvironments`). */
const CALLER_VALID = [
  { name: 'environment from a caller: the caller passes the declared name', files: repo({ 'ci.yml': INPUT_CALLERS('npm'), 'release.yml': INPUT_CALLEE() }, CI_NPM) },
  { name: "environment from a caller that omits it: the input's `default:` is the declared name", files: repo({ 'ci.yml': INPUT_CALLERS(undefined), 'release.yml': INPUT_CALLEE('npm') }, CI_NPM) },
  {
    name: 'environment from a caller that omits an input without a default, and a publisher without an environment: no environment on either side',
    files: repo({ 'ci.yml': INPUT_CALLERS(undefined), 'release.yml': INPUT_CALLEE() }, publisherConfig({ workflow: 'ci.yml' })),
  },
];
const CALLER_INVALID = [
  {
    name: 'environment from a caller: `Npm` passed for `${{ inputs.env }}` is the case mismatch a literal gives, at the caller',
    files: repo({ 'ci.yml': INPUT_CALLERS('Npm'), 'release.yml': INPUT_CALLEE() }, CI_NPM),
    errors: [
      {
        messageId: 'caseMismatch',
        at: '11:12-11:15',
        file: '.github/workflows/ci.yml',
        severity: 'error' as const,
        message: 'Environment "Npm" differs only in case from the trusted publisher\'s environment "npm"',
        fix: 'Set `jobs.release0.with.env` to "npm" (or, if npmjs.com says "Npm", correct `publishers[0].environment`)',
        related: ['tp-doctor.yml:5:18 trusted publisher environment', '.github/workflows/release.yml:11:5 `environment` of job "publish" (${{ inputs.env }})'],
      },
    ],
  },
  {
    name: 'environment from a caller, map form `{ name: ${{ inputs.env }} }`',
    files: repo({ 'ci.yml': INPUT_CALLERS('prod'), 'release.yml': INPUT_CALLEE(undefined, '{ name: "${{ inputs.env }}" }') }, CI_NPM),
    errors: [{ messageId: 'mismatch', at: '11:12-11:16', file: '.github/workflows/ci.yml', data: { actual: 'prod', expected: 'npm' } }],
  },
  {
    name: "environment from a caller that omits it: the input's `default:` is checked, at the default",
    files: repo({ 'ci.yml': INPUT_CALLERS(undefined), 'release.yml': INPUT_CALLEE('Npm') }, CI_NPM),
    errors: [{ messageId: 'caseMismatch', at: '7:18-7:21', file: '.github/workflows/release.yml', data: { envPath: 'on.workflow_call.inputs.env.default' } }],
  },
  {
    name: 'environment from callers passing different values: each is checked, the mismatching one reported',
    files: repo({ 'ci.yml': INPUT_CALLERS('npm', 'staging'), 'release.yml': INPUT_CALLEE() }, CI_NPM),
    errors: [{ messageId: 'mismatch', at: '17:12-17:19', file: '.github/workflows/ci.yml', data: { actual: 'staging', envPath: 'jobs.release1.with.env' } }],
  },
  {
    name: 'environment from a caller passing an expression: still an expression (info)',
    files: repo({ 'ci.yml': INPUT_CALLERS('npm', '${{ github.ref_name }}'), 'release.yml': INPUT_CALLEE() }, CI_NPM),
    errors: [{ messageId: 'expression', at: '11:18-11:35', file: '.github/workflows/release.yml', severity: 'info' as const }],
  },
  {
    name: 'environment from a caller that omits an input without a default: GitHub gives `""`, so no environment (at the input)',
    files: repo({ 'ci.yml': INPUT_CALLERS(undefined), 'release.yml': INPUT_CALLEE() }, CI_NPM),
    errors: [
      {
        messageId: 'emptyEnvironment',
        at: '5:7-5:10',
        file: '.github/workflows/release.yml',
        severity: 'error' as const,
        message:
          'Job "publish" publishes without an environment in runs of "ci.yml": `${{ inputs.env }}` is empty there (input `env` of release.yml, which has no `default:` ("" when not passed)); the trusted publisher expects environment "npm"',
        fix: 'Pass `env: npm` under `with:` of the calling job, or add `default: npm` to `on.workflow_call.inputs.env` in .github/workflows/release.yml',
        related: ['tp-doctor.yml:5:18 trusted publisher environment', '.github/workflows/release.yml:11:5 `environment` of job "publish" (${{ inputs.env }})'],
      },
    ],
  },
  {
    name: 'environment from a caller that omits an input whose `default:` is `""`: no environment, at the default',
    files: repo({ 'ci.yml': INPUT_CALLERS(undefined), 'release.yml': INPUT_CALLEE('""') }, CI_NPM),
    errors: [
      {
        messageId: 'emptyEnvironment',
        at: '7:18-7:20',
        file: '.github/workflows/release.yml',
        severity: 'error' as const,
        fix: 'Set `on.workflow_call.inputs.env.default` in .github/workflows/release.yml to "npm"',
        data: { source: 'the `default:` of input `env` of release.yml' },
      },
    ],
  },
  {
    name: 'environment from a caller passing `""`, map form `{ name: ${{ inputs.env }} }`: no environment, at the caller',
    files: repo({ 'ci.yml': INPUT_CALLERS("''"), 'release.yml': INPUT_CALLEE(undefined, '{ name: "${{ inputs.env }}" }') }, CI_NPM),
    errors: [{ messageId: 'emptyEnvironment', at: '11:12-11:14', file: '.github/workflows/ci.yml', data: { source: '`with: env` of job "release0" in ci.yml' } }],
  },
  {
    name: 'environment from callers, one passing the name and one omitting it: only the run without an environment is reported',
    files: repo({ 'ci.yml': INPUT_CALLERS('npm', undefined), 'release.yml': INPUT_CALLEE() }, CI_NPM),
    errors: [{ messageId: 'emptyEnvironment', at: '5:7-5:10', file: '.github/workflows/release.yml' }],
  },
  {
    name: 'environment from a caller that omits a `required: true` input without a default: GitHub refuses the call, still an expression',
    files: repo({ 'ci.yml': INPUT_CALLERS(undefined), 'release.yml': INPUT_CALLEE().replace('        type: string', '        type: string\n        required: true') }, CI_NPM),
    errors: [{ messageId: 'expression', at: '12:18-12:35', severity: 'info' as const }],
  },
  {
    name: 'environment from one caller omitting the input and another passing an expression: still an expression',
    files: repo({ 'ci.yml': INPUT_CALLERS(undefined, '${{ vars.ENV }}'), 'release.yml': INPUT_CALLEE() }, CI_NPM),
    errors: [{ messageId: 'expression', at: '11:18-11:35', severity: 'info' as const }],
  },
  {
    name: 'environment of a called workflow that also runs on its own (a dispatch gives `inputs`): neither the caller nor the `default:` is assumed, still an expression',
    files: repo({ 'ci.yml': INPUT_CALLERS('npm'), 'release.yml': INPUT_CALLEE('npm').replace('on:\n', 'on:\n  workflow_dispatch:\n') }, publisherConfig({ environment: 'npm' })),
    errors: [{ messageId: 'expression', at: '13:18-13:35', file: '.github/workflows/release.yml', severity: 'info' as const }],
  },
  {
    name: 'environment from a caller with no environment declared: unexpected, at the caller',
    files: repo({ 'ci.yml': INPUT_CALLERS('npm'), 'release.yml': INPUT_CALLEE() }, publisherConfig({ workflow: 'ci.yml' })),
    errors: [{ messageId: 'unexpected', at: '11:12-11:15', file: '.github/workflows/ci.yml', severity: 'warning' as const }],
  },
];

/** A dispatch-only workflow whose job's environment is the choice input `env` (options [production, staging]). */
const CHOICE_RELEASE = [
  'on:',
  '  workflow_dispatch:',
  '    inputs:',
  '      env: { type: choice, options: [production, staging], required: true }',
  'jobs:',
  '  release:',
  '    runs-on: ubuntu-latest',
  '    environment: ${{ inputs.env }}',
  '    permissions: { id-token: write }',
  '    steps:',
  '      - uses: actions/setup-node@v5',
  '        with: { node-version: 24 }',
  '      - run: npm publish',
  '',
].join('\n');

const cases: RuleCase[] = [
  {
    name: 'a choice input none of whose options is the publisher environment',
    files: repo({ 'release.yml': CHOICE_RELEASE }, publisherConfig({ environment: 'npm' })),
    want: ['noChoiceMatches@8:18-8:35'],
    data: { input: 'env', choices: '"production", "staging"', expected: 'npm', hint: '' },
  },
  {
    name: 'same environment',
    files: repo({ 'release.yml': release('npm') }, publisherConfig({ environment: 'npm' })),
    want: [],
  },
  {
    name: 'same environment, map form',
    files: repo({ 'release.yml': release('{ name: npm, url: https://www.npmjs.com/package/widget }') }, publisherConfig({ environment: 'npm' })),
    want: [],
  },
  { name: 'neither declares an environment', files: repo({ 'release.yml': release() }, publisherConfig({})), want: [] },
  {
    name: 'publisher names an environment, job has none',
    files: repo({ 'release.yml': release() }, publisherConfig({ environment: 'npm' })),
    want: ['missing@7:3-7:10'],
    data: { job: 'publish', expected: 'npm', workflow: 'release.yml', publishes: 'publishes' },
  },
  {
    name: 'a heuristic publish says "appears to publish"',
    files: repo({ 'release.yml': release(undefined, 'npm run release') }, publisherConfig({ environment: 'npm' })),
    want: ['missing@7:3-7:10'],
    data: { publishes: 'appears to publish' },
  },
  {
    name: 'job environment map without a name',
    files: repo({ 'release.yml': release('{ url: https://example.com }') }, publisherConfig({ environment: 'npm' })),
    want: ['missing@9:5-9:16'],
  },
  {
    name: 'case-only difference',
    files: repo({ 'release.yml': release('Release') }, publisherConfig({ environment: 'release' })),
    want: ['caseMismatch@9:18-9:25'],
    data: { actual: 'Release', expected: 'release', configPath: 'publishers[0].environment' },
  },
  {
    name: 'different name',
    files: repo({ 'release.yml': release('production') }, publisherConfig({ environment: 'npm' })),
    want: ['mismatch@9:18-9:28'],
    data: { actual: 'production', expected: 'npm' },
  },
  {
    name: 'different name in map form points at name:',
    files: repo({ 'release.yml': release('{ name: prod }') }, publisherConfig({ environment: 'npm' })),
    want: ['mismatch@9:26-9:30'],
  },
  {
    name: 'environment with spaces must match exactly',
    files: repo({ 'release.yml': release("'npm  publish'") }, publisherConfig({ environment: "'npm publish'" })),
    want: ['mismatch@9:18-9:32'],
    data: { actual: 'npm  publish', expected: 'npm publish' },
  },
  {
    name: 'job environment but none declared',
    files: repo({ 'release.yml': release('npm') }, publisherConfig({})),
    want: ['unexpected@9:18-9:21'],
    data: { actual: 'npm', index: 0, workflow: 'release.yml' },
  },
  {
    name: 'expression with a declared environment',
    files: repo({ 'release.yml': release('${{ inputs.env }}') }, publisherConfig({ environment: 'npm' })),
    want: ['expression@9:18-9:35'],
    data: { actual: '${{ inputs.env }}', expected: '"npm"' },
  },
  {
    name: 'expression without a declared environment',
    files: repo({ 'release.yml': release('${{ inputs.env }}') }, publisherConfig({})),
    want: ['expression@9:18-9:35'],
    data: { expected: 'no environment' },
  },
  {
    name: 'reusable workflow: the callee job is checked against the caller workflow',
    files: repo({ 'ci.yml': CALLER, 'release.yml': CALLEE() }, publisherConfig({ workflow: 'ci.yml', environment: 'npm' })),
    want: ['missing@6:3-6:10'],
    data: { workflow: 'ci.yml' },
  },
  {
    name: 'reusable workflow: callee with the environment is fine',
    files: repo({ 'ci.yml': CALLER, 'release.yml': CALLEE('npm') }, publisherConfig({ workflow: 'ci.yml', environment: 'npm' })),
    want: [],
  },
  {
    name: 'publisher for another workflow: left to publish-from-trusted-workflow',
    files: repo({ 'release.yml': release() }, publisherConfig({ workflow: 'deploy.yml', environment: 'npm' })),
    want: [],
  },
  {
    name: 'inferred publisher: silent',
    files: repo({ 'release.yml': release('npm') }),
    want: [],
  },
  {
    name: 'job that does not publish: silent',
    files: repo({ 'release.yml': release(undefined, 'npm test') }, publisherConfig({ environment: 'npm' })),
    want: [],
  },
  {
    name: 'two publishers on the workflow, one fits: silent',
    files: repo(
      { 'release.yml': release('npm') },
      publisherConfig({ environment: 'npm', extra: '    packages: [widget]\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: other\n    packages: [gadget]' }),
    ),
    want: [],
  },
  {
    name: 'two publishers on the workflow, none fits: both reported',
    files: repo(
      { 'release.yml': release('prod') },
      publisherConfig({ environment: 'npm', extra: '  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: Prod' }),
    ),
    want: ['caseMismatch@9:18-9:22', 'mismatch@9:18-9:22'],
  },
];

describe(RULE, () => {

  it('renders the message, severity and the related config location', async () => {
    const [d] = await lintFiles(repo({ 'release.yml': release('Release') }, publisherConfig({ environment: 'release' })), { rule: RULE });
    expect(d?.severity).toBe('error');
    expect(d?.message).toBe('Environment "Release" differs only in case from the trusted publisher\'s environment "release"');
    expect(d?.fix).toBe('Set `jobs.publish.environment` to "release" (or, if npmjs.com says "Release", correct `publishers[0].environment`)');
    expect(d?.related).toEqual([
      { file: 'tp-doctor.yml', start: { line: 5, column: 18 }, end: { line: 5, column: 25 }, label: 'trusted publisher environment' },
    ]);
  });

  it('uses lower severities for the unprovable cases', async () => {
    const [unexpected] = await lintFiles(repo({ 'release.yml': release('npm') }, publisherConfig({})), { rule: RULE });
    expect(unexpected?.severity).toBe('warning');
    expect(unexpected?.why).toContain('reported to fail');
    expect(unexpected?.related[0]).toMatchObject({ file: 'tp-doctor.yml', start: { line: 2, column: 5 }, label: 'trusted publisher' });
    const [expression] = await lintFiles(
      repo({ 'release.yml': release('${{ inputs.env }}') }, publisherConfig({ environment: 'npm' })),
      { rule: RULE },
    );
    expect(expression?.severity).toBe('info');
  });
});

// ---------------------------------------------------------------------------------------------
// GitLab

function gitlabConfig(environment?: string): string {
  const lines = ['publishers:', '  - provider: gitlab', '    project: acme/widget', '    ciFile: .gitlab-ci.yml'];
  if (environment !== undefined) lines.push(`    environment: ${environment}`);
  return `${lines.join('\n')}\n`;
}

/** A publishing job `publish` at line 1; `environment` (when given) is line 2. */
function gitlabCi(environment?: string, script = 'npm publish'): string {
  return [
    'publish:',
    ...(environment !== undefined ? [`  environment: ${environment}`] : []),
    '  image: node:24',
    '  id_tokens:',
    '    NPM_ID_TOKEN:',
    '      aud: "npm:registry.npmjs.org"',
    `  script: ${script}`,
    '',
  ].join('\n');
}

/** The environment comes from a template two `extends:` away; the template's value is line 3. */
const EXTENDED = `.deploy:
  stage: deploy
  environment: production
.release:
  extends: .deploy
publish:
  extends: .release
  image: node:24
  script: npm publish
`;

const gitlabCases: RuleCase[] = [
  { name: 'gitlab: same environment', files: gitlabRepo(gitlabCi('npm'), gitlabConfig('npm')), want: [] },
  { name: 'gitlab: same environment, map form', files: gitlabRepo(gitlabCi('{ name: npm, url: https://www.npmjs.com }'), gitlabConfig('npm')), want: [] },
  { name: 'gitlab: neither declares an environment', files: gitlabRepo(gitlabCi(), gitlabConfig()), want: [] },
  {
    name: 'gitlab: publisher names an environment, job has none',
    files: gitlabRepo(gitlabCi(), gitlabConfig('npm')),
    want: ['missing@1:1-1:8'],
    data: { job: 'publish', expected: 'npm', workflow: '.gitlab-ci.yml', publishes: 'publishes', jobPath: 'publish' },
  },
  {
    name: 'gitlab: a heuristic publish says "appears to publish"',
    files: gitlabRepo(gitlabCi(undefined, 'npm run release'), gitlabConfig('npm')),
    want: ['missing@1:1-1:8'],
    data: { publishes: 'appears to publish' },
  },
  {
    name: 'gitlab: case-only difference',
    files: gitlabRepo(gitlabCi('Release'), gitlabConfig('release')),
    want: ['caseMismatch@2:16-2:23'],
    data: { actual: 'Release', expected: 'release', envPath: 'publish.environment', configPath: 'publishers[0].environment' },
  },
  {
    name: 'gitlab: different name in map form points at name:',
    files: gitlabRepo(gitlabCi('{ name: prod }'), gitlabConfig('npm')),
    want: ['mismatch@2:24-2:28'],
    data: { actual: 'prod', expected: 'npm' },
  },
  {
    name: 'gitlab: mismatch in an extended template is reported at the template',
    files: gitlabRepo(EXTENDED, gitlabConfig('npm')),
    want: ['mismatch@3:16-3:26'],
    data: { actual: 'production', envPath: '.deploy.environment' },
  },
  {
    name: 'gitlab: job environment but none declared',
    files: gitlabRepo(gitlabCi('npm'), gitlabConfig()),
    want: ['unexpected@2:16-2:19'],
    data: { actual: 'npm', index: 0, workflow: '.gitlab-ci.yml' },
  },
  {
    name: 'gitlab: a variable the model expands is compared by its value',
    files: gitlabRepo(`variables:\n  DEPLOY_ENV: npm\n${gitlabCi('$DEPLOY_ENV')}`, gitlabConfig('npm')),
    want: [],
  },
  {
    name: 'gitlab: an expanded variable with another value',
    files: gitlabRepo(`variables:\n  DEPLOY_ENV: prod\n${gitlabCi('${DEPLOY_ENV}')}`, gitlabConfig('npm')),
    want: ['mismatch@4:16-4:29'],
    data: { actual: 'prod', expected: 'npm' },
  },
  {
    name: 'gitlab: a predefined variable cannot be expanded',
    files: gitlabRepo(gitlabCi('review/$CI_COMMIT_REF_SLUG'), gitlabConfig('npm')),
    want: ['expression@2:16-2:42'],
    data: { actual: 'review/$CI_COMMIT_REF_SLUG', expected: '"npm"' },
  },
  { name: 'gitlab: inferred publisher: silent', files: gitlabRepo(gitlabCi('npm')), want: [] },
  { name: 'gitlab: job that does not publish: silent', files: gitlabRepo(gitlabCi(undefined, 'npm test'), gitlabConfig('npm')), want: [] },
  {
    name: 'gitlab: a GitHub publisher does not apply to the GitLab pipeline',
    files: { ...gitlabRepo(gitlabCi('prod')), 'tp-doctor.yml': publisherConfig({ environment: 'npm' }), '.github/workflows/release.yml': release('npm') },
    want: [],
  },
];

describe(`${RULE} (GitLab)`, () => {

  it('points at the template and names the job that inherits it', async () => {
    const [d] = await lintFiles(gitlabRepo(EXTENDED, gitlabConfig('npm')), { rule: RULE });
    expect(d?.message).toBe('Environment "production" does not match the trusted publisher\'s environment "npm"');
    expect(d?.fix).toBe('Set `.deploy.environment` to "npm" (or, if npmjs.com says "production", correct `publishers[0].environment`)');
    expect(d?.related).toEqual([
      { file: 'tp-doctor.yml', start: { line: 5, column: 18 }, end: { line: 5, column: 21 }, label: 'trusted publisher environment' },
      { file: '.gitlab-ci.yml', start: { line: 6, column: 1 }, end: { line: 6, column: 8 }, label: 'job "publish", which inherits this through `extends`' },
    ]);
  });

  it('names the variable behind an expanded environment', async () => {
    const [d] = await lintFiles(gitlabRepo(`variables:\n  DEPLOY_ENV: prod\n${gitlabCi('$DEPLOY_ENV')}`, gitlabConfig('npm')), { rule: RULE });
    expect(d?.related.at(-1)).toEqual({ file: '.gitlab-ci.yml', start: { line: 2, column: 3 }, end: { line: 2, column: 13 }, label: 'variable DEPLOY_ENV = "prod"' });
    expect(d?.severity).toBe('error');
  });

  it('an unexpandable name is info', async () => {
    const [d] = await lintFiles(gitlabRepo(gitlabCi('review/$CI_COMMIT_REF_SLUG'), gitlabConfig('npm')), { rule: RULE });
    expect(d?.severity).toBe('info');
  });
});

/** Two publishing jobs of one workflow, `prerelease` (line 3, `environment: Preview` on line 5) and `release` (line 10, none). */
const TWO_ENVIRONMENTS = `on: push
jobs:
  prerelease:
    runs-on: ubuntu-latest
    environment: Preview
    permissions:
      id-token: write
    steps:
      - run: npx changeset publish --tag beta
  release:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - run: npx changeset publish
`;
const WORKSPACES_ROOT = JSON.stringify({ name: 'r', private: true, workspaces: ['p/*'] });

/** TWO_ENVIRONMENTS as a called workflow, `prerelease` in `environment: ${{ inputs.env }}` (line 9), called from ci.yml passing `env`. */
const TWO_CALLED = (env: string): Record<string, string> => ({
  'package.json': WORKSPACES_ROOT,
  '.github/workflows/release.yml': TWO_ENVIRONMENTS.replace('on: push\n', 'on:\n  workflow_call:\n    inputs:\n      env:\n        type: string\n').replace('environment: Preview', 'environment: ${{ inputs.env }}'),
  '.github/workflows/ci.yml': `on: push\njobs:\n  release:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/release.yml\n    with:\n      env: ${env}\n`,
});

describe(`${RULE}: rule tester`, () => {
  ruleTester.run(RULE, {
    ...fromRuleCases([...cases, ...gitlabCases]),
    valid: [
      ...fromRuleCases([...cases, ...gitlabCases]).valid,
      ...CALLER_VALID,
      { name: 'jobs of one called workflow, one environment an expression its caller passes: not compared', files: TWO_CALLED('${{ github.ref_name }}') },
      {
        name: 'jobs of one workflow: the same environment in both jobs is fine',
        files: {
          'package.json': WORKSPACES_ROOT,
          '.github/workflows/release.yml': TWO_ENVIRONMENTS.replace('  release:\n    runs-on: ubuntu-latest\n', '  release:\n    runs-on: ubuntu-latest\n    environment: Preview\n'),
        },
      },
    ],
    invalid: [
      ...fromRuleCases([...cases, ...gitlabCases]).invalid,
      ...CALLER_INVALID,
      {
        name: 'a matrix leg whose `environment: ${{ matrix.env }}` is empty: emptyMatrix at the matrix value (matrix-environment.test.ts)',
        files: repo(
          {
            'release.yml': release('${{ matrix.env }}').replace('    runs-on: ubuntu-latest\n', "    strategy:\n      matrix:\n        env: ['npm', '']\n    runs-on: ubuntu-latest\n"),
          },
          publisherConfig({ environment: 'npm' }),
        ),
        errors: [{ messageId: 'emptyMatrix', at: '10:22-10:24' }],
      },
      {
        name: 'jobs of one called workflow, one in the environment its caller passes: environmentsDiffer names that environment',
        files: TWO_CALLED('Preview'),
        errors: [
          { messageId: 'environmentsDiffer', at: '9:18-9:35', data: { actual: 'environment "Preview"', otherEnvironment: 'no environment', workflow: 'ci.yml' } },
          { messageId: 'environmentsDiffer', at: '14:3-14:10' },
        ],
      },
      {
        name: 'jobs of one called workflow, one whose caller passes `""` (no environment) beside one in "Preview": environmentsDiffer says no environment',
        files: {
          ...TWO_CALLED('""'),
          '.github/workflows/release.yml': TWO_CALLED('""')['.github/workflows/release.yml']!.replace('  release:\n    runs-on: ubuntu-latest\n', '  release:\n    runs-on: ubuntu-latest\n    environment: Preview\n'),
        },
        errors: [
          { messageId: 'environmentsDiffer', at: '9:18-9:35', data: { actual: 'no environment', otherEnvironment: 'environment "Preview"', workflow: 'ci.yml' } },
          { messageId: 'environmentsDiffer', at: '16:18-16:25', data: { actual: 'environment "Preview"', otherEnvironment: 'no environment' } },
        ],
      },
      {
        name: 'jobs of one workflow in different environments (no declaration): environmentsDiffer on each job, as a warning',
        files: { 'package.json': WORKSPACES_ROOT, '.github/workflows/release.yml': TWO_ENVIRONMENTS },
        errors: [
          {
            messageId: 'environmentsDiffer',
            at: '5:18-5:25',
            severity: 'warning',
            message:
              'Job "prerelease" publishes in environment "Preview", but job "release" publishes the same packages from "release.yml" in no environment; a trusted publisher names at most one environment, so each needs its own trusted publisher on npmjs.com',
          },
          { messageId: 'environmentsDiffer', at: '10:3-10:10', severity: 'warning' },
        ],
      },
    ],
  });
});

describe('environment-matches-publisher: `environment: ${{ inputs.x }}` of a choice input (survey904a D1)', () => {
  const workflow = (options: string, on = 'workflow_dispatch'): string =>
    [
      'on:',
      `  ${on}:`,
      '    inputs:',
      '      env:',
      '        type: choice',
      `        options: ${options}`,
      '        required: true',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    environment: ${{ inputs.env }}',
      '    permissions: { id-token: write }',
      '    steps:',
      '      - uses: actions/setup-node@v5',
      '        with: { node-version: 24 }',
      '      - run: npm publish',
      '',
    ].join('\n');
  const config = 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: npm\n';
  const run = async (wf: string) =>
    (await lintFiles({ 'package.json': JSON.stringify({ name: 'widget', repository: { url: 'https://github.com/acme/widget' } }), 'tp-doctor.yml': config, '.github/workflows/release.yml': wf }, { rule: 'environment-matches-publisher' })).map(
      (d) => `${d.messageId} ${d.severity} ${d.line}: ${d.message}`,
    );

  it('no option is the publisher environment: an error, no run can match', async () => {
    expect(await run(workflow('[production, staging]'))).toEqual([
      'noChoiceMatches error 11: Environment "${{ inputs.env }}" is one of "production", "staging", the options of input `env`, and none is the trusted publisher\'s environment "npm"',
    ]);
  });

  it('an option that differs only in case is named', async () => {
    expect((await run(workflow('[NPM, staging]')))[0]).toContain('none is the trusted publisher\'s environment "npm" ("NPM" differs only in case)');
  });

  it('control: one option is the publisher environment: only the expression info', async () => {
    expect((await run(workflow('[npm, staging]'))).map((f) => f.split(':')[0])).toEqual(['expression info 11']);
  });

  it('control: another publisher of the workflow names one of the options: the job may publish for that one', async () => {
    const two = config + '  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: production\n';
    const found = await lintFiles({ 'package.json': JSON.stringify({ name: 'widget', repository: { url: 'https://github.com/acme/widget' } }), 'tp-doctor.yml': two, '.github/workflows/release.yml': workflow('[production, staging]') }, { rule: 'environment-matches-publisher' });
    expect(found.filter((d) => d.messageId === 'noChoiceMatches')).toEqual([]);
  });

  it('control: a workflow that another trigger also starts: the value is not bounded by the options', async () => {
    const wf = workflow('[production, staging]').replace('on:\n', 'on:\n  push:\n');
    expect((await run(wf)).map((f) => f.split(':')[0])).toEqual(['expression info 12']);
  });
});

describe('environment-matches-publisher: a job that still publishes with a token', () => {
  /** `NODE_AUTH_TOKEN` for the publish, which the `.npmrc` of setup-node's `registry-url` reads (`read: false`: no `registry-url`, nothing reads it). */
  const token = (wf: string, read = true): string =>
    `${read ? wf.replace('          node-version: 24\n', '          node-version: 24\n          registry-url: https://registry.npmjs.org\n') : wf}        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`;

  it('the refused exchange is silent and npm publishes with the token: a warning that says so', async () => {
    const [d] = await lintFiles(repo({ 'release.yml': token(release('staging')) }, publisherConfig({ environment: 'npm' })), { rule: RULE });
    expect([d?.messageId, d?.severity, d?.line]).toEqual(['mismatch', 'warning', 9]);
    expect(d?.why).toContain('such a run publishes with it, not through the trusted publisher, and fails once the token is removed or no longer valid');
  });

  it('a token nothing reads (no `registry-url`): npm has no token, the mismatch stays an error, the missing environment too (review921 A)', async () => {
    const [d] = await lintFiles(repo({ 'release.yml': token(release('staging'), false) }, publisherConfig({ environment: 'npm' })), { rule: RULE });
    expect([d?.messageId, d?.severity, d?.line]).toEqual(['mismatch', 'error', 9]);
    expect(d?.why).not.toContain('long-lived');
    const [missing] = await lintFiles(repo({ 'release.yml': token(release(), false) }, publisherConfig({ environment: 'npm' })), { rule: RULE });
    expect([missing?.messageId, missing?.severity]).toEqual(['missing', 'error']);
    const [read] = await lintFiles(repo({ 'release.yml': token(release()) }, publisherConfig({ environment: 'npm' })), { rule: RULE });
    expect([read?.messageId, read?.severity]).toEqual(['missing', 'warning']);
  });

  it('control: without a token the mismatch stays an error', async () => {
    const [d] = await lintFiles(repo({ 'release.yml': release('staging') }, publisherConfig({ environment: 'npm' })), { rule: RULE });
    expect([d?.messageId, d?.severity]).toEqual(['mismatch', 'error']);
  });

  it('an empty matrix leg (emptyMatrix) of a job that publishes with a token is a warning too', async () => {
    const matrix = (wf: string): string => wf.replace('    runs-on: ubuntu-latest\n', "    strategy:\n      matrix:\n        env: ['npm', '']\n    runs-on: ubuntu-latest\n");
    const [d] = await lintFiles(repo({ 'release.yml': token(matrix(release('${{ matrix.env }}'))) }, publisherConfig({ environment: 'npm' })), { rule: RULE });
    expect([d?.messageId, d?.severity]).toEqual(['emptyMatrix', 'warning']);
    const [unread] = await lintFiles(repo({ 'release.yml': token(matrix(release('${{ matrix.env }}')), false) }, publisherConfig({ environment: 'npm' })), { rule: RULE });
    expect([unread?.messageId, unread?.severity]).toEqual(['emptyMatrix', 'error']);
    const [e] = await lintFiles(repo({ 'release.yml': matrix(release('${{ matrix.env }}')) }, publisherConfig({ environment: 'npm' })), { rule: RULE });
    expect([e?.messageId, e?.severity]).toEqual(['emptyMatrix', 'error']);
  });
});

describe('environment-matches-publisher: a publishing job whose if: tp-doctor cannot evaluate, beside one whose environment matches (audit1207 p08, A.61)', () => {
  const job = (id: string, condition: string | undefined, environment: string): string => `  ${id}:
${condition === undefined ? '' : `    if: ${condition}\n`}    runs-on: ubuntu-latest
    environment: ${environment}
    permissions: { id-token: write, contents: read }
    steps:
      - uses: actions/setup-node@v4
        with: { node-version: 24, registry-url: 'https://registry.npmjs.org' }
      - run: npm publish
`;
  const files = (otherIf: string | undefined, npmIf: string | undefined, on = 'release', npmEnv = 'npm'): Record<string, string> =>
    repo({ 'release.yml': `on: ${on}\njobs:\n${job('a', npmIf, npmEnv)}${job('b', otherIf, 'gpr')}` }, publisherConfig({ environment: 'npm' }));
  const brief = async (f: Record<string, string>): Promise<string[]> => (await lintFiles(f, { rule: RULE })).map((d) => `${d.severity}: ${d.messageId}`);

  it('`if: vars.X` chooses between the jobs: a warning whose related locations name the if: and the matching job', async () => {
    const found = await lintFiles(files("vars.CHANNEL == 'github'", "vars.CHANNEL == 'npm'"), { rule: RULE });
    expect(found.map((d) => `${d.severity}: ${d.message}`)).toEqual(['warning: Environment "gpr" does not match the trusted publisher\'s environment "npm"']);
    const labels = found[0]?.related?.map((r) => r.label);
    expect(labels).toContain("the job's `if:`, which tp-doctor cannot evaluate, decides whether it runs");
    expect(labels).toContain('job "a" also publishes, in environment "npm"');
  });
  it('a job without `environment:` under such an if: is a warning too (missing)', async () => {
    const f = files("vars.CHANNEL == 'github'", "vars.CHANNEL == 'npm'");
    f['.github/workflows/release.yml'] = f['.github/workflows/release.yml']!.replace('    environment: gpr\n', '');
    expect(await brief(f)).toEqual(['warning: missing']);
    f['.github/workflows/release.yml'] = f['.github/workflows/release.yml']!.replace("    if: vars.CHANNEL == 'github'\n", '');
    expect(await brief(f)).toEqual(['error: missing']);
  });
  it('control: a job without if: beside the matching one keeps the error', async () => {
    expect(await brief(files(undefined, "vars.CHANNEL == 'npm'"))).toEqual(['error: mismatch']);
  });
  it('control: an if: certainly true on one trigger keeps the error', async () => {
    expect(await brief(files("github.event_name == 'workflow_dispatch'", "github.event_name == 'release'", '[release, workflow_dispatch]'))).toEqual(['error: mismatch']);
  });
  it('no job `if:`, but the only publish step has `if: vars.CHANNEL == \'github\'`: a warning that names the step\'s if: (audit1207 p03, A.64)', async () => {
    const f = files(undefined, "vars.CHANNEL == 'npm'");
    f['.github/workflows/release.yml'] = f['.github/workflows/release.yml']!.replace(/(environment: gpr\n[\s\S]*)- run: npm publish/, "$1- if: vars.CHANNEL == 'github'\n        run: npm publish");
    const found = await lintFiles(f, { rule: RULE });
    expect(found.map((d) => `${d.severity}: ${d.messageId}`)).toEqual(['warning: mismatch']);
    expect(found[0]?.related?.map((r) => r.label)).toContain("the publishing step's `if:`, which tp-doctor cannot evaluate, decides whether it runs");
  });
  it('control: no sibling in the publisher\'s environment: errors', async () => {
    expect(await brief(files("vars.CHANNEL == 'github'", "vars.CHANNEL == 'npm'", 'release', 'staging'))).toEqual(['error: mismatch', 'error: mismatch']);
  });
});
