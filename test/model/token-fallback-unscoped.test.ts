/**
 * The token cap (src/model/token-fallback.ts `configFileFallback`) and a committed `.npmrc` line
 * `_authToken=${NPM_TOKEN}` with no registry before it: npm 9 and later read a token only under a
 * registry's key (`//registry.npmjs.org/:_authToken`) and stop with ERR_INVALID_AUTH on the bare
 * key (docs/domain.md A.34); trusted publishing needs npm 11.5.1, so for `npm publish` on GitLab
 * and CircleCI that line is no token, and the errors that say trusted publishing fails stay errors.
 * Controls: the scoped key keeps capping them; a tool whose reading of the bare key is not known
 * here (pnpm) keeps the cap; GitHub, where a secret reaches a step only through `env:`, is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { circleConfig, circleRepo, gitlabRepo, lintFiles, releaseRepo, releaseWorkflow } from '../helpers.js';

const OIDC_RULES = ['require-id-token-write', 'npm-supports-oidc', 'publish-tool-supports-oidc', 'gitlab-npm-id-token', 'circleci-npm-id-token'];
type Found = Awaited<ReturnType<typeof lintFiles>>;
const brief = (ds: Found): string[] => ds.filter((d) => OIDC_RULES.includes(d.ruleId)).map((d) => `${d.ruleId}/${d.messageId} ${d.severity}`);

const UNSCOPED = '_authToken=${NPM_TOKEN}\n';
const SCOPED = '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n';

describe('CircleCI: npm publish with a committed .npmrc token', () => {
  const config = circleConfig(['- run: npm publish'], 'cimg/node:24.14.0');
  it('`_authToken=${NPM_TOKEN}` with no registry: no token for npm 9+, the error stays', async () => {
    const found = await lintFiles(circleRepo(config, undefined, { '.npmrc': UNSCOPED }));
    expect(brief(found)).toContain('circleci-npm-id-token/missing error');
    expect(brief(found)).not.toContain('circleci-npm-id-token/missing warning');
  });
  it('control: `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` still caps it to a warning', async () => {
    const found = await lintFiles(circleRepo(config, undefined, { '.npmrc': SCOPED }));
    expect(brief(found)).toContain('circleci-npm-id-token/missing warning');
    expect(found.find((d) => d.ruleId === 'circleci-npm-id-token')?.why).toContain('(`//registry.npmjs.org/:_authToken` in .npmrc from the environment variable `NPM_TOKEN`)');
  });
  it('control: both lines, the scoped one caps', async () => {
    expect(brief(await lintFiles(circleRepo(config, undefined, { '.npmrc': UNSCOPED + SCOPED })))).toContain('circleci-npm-id-token/missing warning');
  });
});

describe('GitLab: npm publish with a committed .npmrc token and no id_tokens', () => {
  const GIT = { '.git/config': '[remote "origin"]\n\turl = https://gitlab.com/acme/widget.git\n' };
  const ci = (publish: string): string => ['publish:', '  image: node:24', '  script:', `    - ${publish}`, ''].join('\n');
  const files = (npmrc: string, publish = 'npm publish'): Record<string, string> => ({ ...gitlabRepo(ci(publish)), ...GIT, '.npmrc': npmrc });
  it('`_authToken=${NPM_TOKEN}` with no registry: the error stays', async () => {
    expect(brief(await lintFiles(files(UNSCOPED)))).toEqual(['gitlab-npm-id-token/noIdTokens error']);
  });
  it('control: the scoped key caps it to a warning that names it', async () => {
    const found = await lintFiles(files(SCOPED));
    expect(brief(found)).toEqual(['gitlab-npm-id-token/noIdTokens warning']);
    expect(found.find((d) => d.ruleId === 'gitlab-npm-id-token')?.why).toContain('(`//registry.npmjs.org/:_authToken` in .npmrc from the environment variable `NPM_TOKEN`)');
  });
  it('control: a publish not through the npm CLI (pnpm) keeps the cap for the bare key', async () => {
    const pnpm = { ...files(UNSCOPED, 'pnpm publish'), 'package.json': JSON.stringify({ ...JSON.parse(gitlabRepo('')['package.json']!), packageManager: 'pnpm@10.12.1' }), 'pnpm-lock.yaml': '' };
    expect(brief(await lintFiles(pnpm)).filter((f) => f.startsWith('gitlab-npm-id-token/'))).toEqual(['gitlab-npm-id-token/noIdTokens warning']);
  });
});

describe('GitHub is unchanged: the bare key names the variable a secret fills through `env:`', () => {
  const repo = (env: string[] = []): Record<string, string> => {
    // Node 22 bundles npm 10: npm-supports-oidc's error, which the token caps.
    const { 'tp-doctor.yml': _declared, ...files } = releaseRepo(releaseWorkflow('npm publish', env).replace('node-version: 24', 'node-version: 22.14.0'));
    return { ...files, '.npmrc': '_authToken=${MY_PUBLISH_SECRET}\n' };
  };
  it('the variable from a secret in the step env: a warning, as before; without it the error', async () => {
    expect(brief(await lintFiles(repo()))).toEqual(['npm-supports-oidc/bundledTooOld error']);
    const withSecret = await lintFiles(repo(['        env:', '          MY_PUBLISH_SECRET: ${{ secrets.NPM_TOKEN }}']));
    expect(brief(withSecret)).toEqual(['npm-supports-oidc/bundledTooOld warning']);
  });
});
