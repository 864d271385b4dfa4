/**
 * With publishers declared, a publishing job whose runs no declared trusted publisher matches
 * (another workflow, a CI provider with no declared publisher) has its token exchange refused
 * whatever its permissions and npm are, and npm goes on with the long-lived token the job still
 * gives the publish (docs/domain.md §1.6-1.8): the errors that say trusted publishing fails there
 * (`RuleMeta.oidcOnly`) are warnings, like the mismatch itself (`MessageSpec.refusedExchange`).
 * Found in survey1208b W1: ianstormtaylor/slate's comment.yml, Shopify/quilt's snapit.yml and
 * processing/p5.js's release-workflow-v2.yml beside a declared release workflow.
 */
import { describe, expect, it } from 'vitest';
import { GITHUB_PKG, circleConfig, circlePublisherConfig, lintFiles, publisherConfig } from '../helpers.js';

const TOKEN = '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n';

/** A workflow publishing `npm publish` on Node `node` with setup-node's `registry-url`; `permissions` first. */
const workflow = (node: string, env = '', permissions = '    permissions:\n      contents: read\n'): string =>
  [
    'on: push',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    permissions.trimEnd(),
    '    steps:',
    '      - uses: actions/setup-node@v4',
    '        with:',
    `          node-version: ${node}`,
    "          registry-url: 'https://registry.npmjs.org'",
    '      - run: npm publish',
    env.trimEnd(),
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');

const RELEASE = workflow('24', '', '    permissions:\n      id-token: write\n');
const repo = (canary: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'package.json': GITHUB_PKG,
  'tp-doctor.yml': publisherConfig({ workflow: 'release.yml' }),
  '.github/workflows/release.yml': RELEASE,
  '.github/workflows/canary.yml': canary,
  ...extra,
});

const OIDC_RULES = ['require-id-token-write', 'npm-supports-oidc', 'publish-tool-supports-oidc', 'gitlab-npm-id-token', 'circleci-npm-id-token'];
const brief = (ds: { ruleId: string; severity: string; file: string }[]): string[] =>
  ds.filter((d) => OIDC_RULES.includes(d.ruleId)).map((d) => `${d.file} ${d.ruleId} ${d.severity}`);

describe('a job no declared trusted publisher matches, which still publishes with a token', () => {
  it('a workflow other than the declared one, with NODE_AUTH_TOKEN: warnings that say the run publishes with the token', async () => {
    const found = await lintFiles(repo(workflow('20', TOKEN)));
    expect(brief(found)).toEqual([
      '.github/workflows/canary.yml require-id-token-write warning',
      '.github/workflows/canary.yml npm-supports-oidc warning',
    ]);
    const npm = found.find((d) => d.ruleId === 'npm-supports-oidc');
    expect(npm?.why).toContain(
      'No declared trusted publisher matches the runs of this job (its top-level workflow "canary.yml" is not the one the declared GitHub trusted publisher names, "release.yml"): npm\'s token exchange is refused for them whatever this finding says, silently, and npm goes on with the long-lived npm token the job still gives the publish (`NODE_AUTH_TOKEN` from secrets.NPM_TOKEN), so such a run publishes with that token today',
    );
    // The mismatch itself stays the warning it was (refusedExchange).
    const mismatch = found.find((d) => d.ruleId === 'publish-from-trusted-workflow');
    expect([mismatch?.messageId, mismatch?.severity]).toEqual(['wrongWorkflow', 'warning']);
  });

  it('control: the same job without a token fails whatever happens: errors', async () => {
    expect(brief(await lintFiles(repo(workflow('20'))))).toEqual([
      '.github/workflows/canary.yml require-id-token-write error',
      '.github/workflows/canary.yml npm-supports-oidc error',
    ]);
  });

  it('control: the declared workflow itself with a token keeps its errors (trusted publishing is what the user says is in use there)', async () => {
    const files = { ...repo(workflow('24', '', '    permissions:\n      id-token: write\n')), '.github/workflows/release.yml': workflow('20', TOKEN) };
    expect(brief(await lintFiles(files))).toEqual([
      '.github/workflows/release.yml require-id-token-write error',
      '.github/workflows/release.yml npm-supports-oidc error',
    ]);
  });

  it('control: a reusable workflow the declared one calls too keeps its errors (a run of release.yml reaches it)', async () => {
    const callee = workflow('20', TOKEN).replace('on: push', 'on: workflow_call');
    const call = (name: string): string => `on: push\njobs:\n  call:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/${name}\n`;
    const files = { ...repo(call('publish.yml')), '.github/workflows/release.yml': call('publish.yml'), '.github/workflows/publish.yml': callee };
    const found = brief(await lintFiles(files));
    expect(found).toContain('.github/workflows/publish.yml npm-supports-oidc error');
  });

  it('a GitHub workflow when only a GitLab publisher is declared: warnings naming the missing GitHub publisher', async () => {
    const gitlab = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
    const ci = ['publish:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" }', '  script:', '    - npm publish', ''].join('\n');
    const files = { 'package.json': GITHUB_PKG, 'tp-doctor.yml': gitlab, '.gitlab-ci.yml': ci, '.github/workflows/canary.yml': workflow('20', TOKEN) };
    const found = await lintFiles(files);
    expect(brief(found)).toEqual([
      '.github/workflows/canary.yml require-id-token-write warning',
      '.github/workflows/canary.yml npm-supports-oidc warning',
    ]);
    expect(found.find((d) => d.ruleId === 'require-id-token-write')?.why).toContain('(no GitHub trusted publisher is declared)');
  });

  it('a GitLab job that writes a token when only a GitHub publisher is declared: a warning (gitlab-npm-id-token checks declared GitLab publishers only)', async () => {
    const ci = ['publish:', '  image: node:18', '  script:', '    - echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc', '    - npm publish', ''].join('\n');
    const files = { 'package.json': GITHUB_PKG, 'tp-doctor.yml': publisherConfig({ workflow: 'release.yml' }), '.github/workflows/release.yml': RELEASE, '.gitlab-ci.yml': ci };
    const found = await lintFiles(files);
    expect(brief(found)).toEqual(['.gitlab-ci.yml npm-supports-oidc warning']);
    expect(found.find((d) => d.ruleId === 'npm-supports-oidc')?.why).toContain('(no GitLab trusted publisher is declared)');
    // Control: the declared GitLab publisher names this CI file: errors.
    const gitlab = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
    const declared = await lintFiles({ ...files, 'tp-doctor.yml': gitlab });
    expect(brief(declared)).toEqual(['.gitlab-ci.yml gitlab-npm-id-token error', '.gitlab-ci.yml npm-supports-oidc error']);
  });

  it('control: a CircleCI job with a token when only a GitHub publisher is declared is not checked; a declared CircleCI publisher keeps errors', async () => {
    const config = circleConfig(['- run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc', '- run: npm publish'], 'cimg/node:18.20');
    const files = { 'package.json': GITHUB_PKG, 'tp-doctor.yml': publisherConfig({ workflow: 'release.yml' }), '.github/workflows/release.yml': RELEASE, '.circleci/config.yml': config };
    expect(brief(await lintFiles(files))).toEqual([]);
    const declared = await lintFiles({ ...files, 'tp-doctor.yml': circlePublisherConfig() });
    expect(brief(declared)).toEqual(['.circleci/config.yml circleci-npm-id-token error', '.circleci/config.yml npm-supports-oidc error']);
  });
});

describe('a job of the declared workflow in another environment than the declared one, which still publishes with a token', () => {
  /** release.yml: `publish` in environment npm with OIDC, `canary` with `canaryEnv` and a token on Node 20. */
  const release = (canaryEnv: string, token = TOKEN): string =>
    [
      'on: push',
      'jobs:',
      '  publish:',
      '    runs-on: ubuntu-latest',
      '    environment: npm',
      '    permissions:',
      '      id-token: write',
      '    steps:',
      '      - uses: actions/setup-node@v4',
      '        with:',
      '          node-version: 24',
      "          registry-url: 'https://registry.npmjs.org'",
      '      - run: npm publish',
      '  canary:',
      '    runs-on: ubuntu-latest',
      canaryEnv,
      '    steps:',
      '      - uses: actions/setup-node@v4',
      '        with:',
      '          node-version: 20',
      "          registry-url: 'https://registry.npmjs.org'",
      '      - run: npm publish --tag canary',
      token.trimEnd(),
      '',
    ]
      .filter((l) => l !== '')
      .join('\n');
  const files = (canaryEnv: string, environment: string | null = 'npm', token = TOKEN): Record<string, string> => ({
    'package.json': GITHUB_PKG,
    'tp-doctor.yml': publisherConfig(environment === null ? { workflow: 'release.yml' } : { workflow: 'release.yml', environment }),
    '.github/workflows/release.yml': release(canaryEnv, token),
  });
  /** The finding on canary's publish (Node 20), whatever line it is on. */
  const npm = (ds: { ruleId: string; severity: string; message: string; why: string }[]) => ds.find((d) => d.ruleId === 'npm-supports-oidc' && d.message.includes('Node 20'));

  it('no `environment` while the publisher names "npm": npm-supports-oidc is a warning that names the environment', async () => {
    const d = npm(await lintFiles(files('')));
    expect(d?.severity).toBe('warning');
    expect(d?.why).toContain('(the job has no `environment`, and the declared trusted publisher of "release.yml" names environment "npm")');
  });

  it('another literal environment, also one that differs only in case (npm compares exactly): a warning', async () => {
    expect(npm(await lintFiles(files('    environment: staging')))?.why).toContain('(the job runs in environment "staging", and the declared trusted publisher');
    expect(npm(await lintFiles(files('    environment: NPM')))?.severity).toBe('warning');
  });

  it('controls: the declared environment, a publisher with no environment, an expression, or no token keep the error', async () => {
    expect(npm(await lintFiles(files('    environment: npm')))?.severity).toBe('error');
    expect(npm(await lintFiles(files('', null)))?.severity).toBe('error');
    expect(npm(await lintFiles(files('    environment: ${{ vars.ENV }}')))?.severity).toBe('error');
    expect(npm(await lintFiles(files('', 'npm', '')))?.severity).toBe('error');
  });
});
