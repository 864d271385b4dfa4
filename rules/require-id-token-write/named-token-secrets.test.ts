/**
 * survey1207b W2 (firebase/firebase-js-sdk): a publish tp-doctor only guesses (`yarn release` runs a
 * TypeScript script it cannot read) gets secrets named `NPM_TOKEN_<PACKAGE>`, which the script writes
 * into the npm configuration. No tool reads such a name by itself, so tp-doctor cannot confirm a
 * token: the warning must not say the publish fails with ENEEDAUTH as if no token were there, but
 * that the job may still give one. A certain `npm publish` with the same variables has no token.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const PKG = JSON.stringify({ name: 'sdk', private: true, repository: { url: 'git+https://github.com/acme/sdk.git' }, scripts: { release: 'ts-node-script scripts/release/cli.ts' } });

const workflow = (run: string, env: string): string => `on: workflow_dispatch
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - name: Publish to NPM
        run: ${run}
        env:
${env}
`;

const TOKENS = `          NPM_TOKEN_ANALYTICS: \${{ secrets.NPM_TOKEN_ANALYTICS }}
          NPM_TOKEN_APP: \${{ secrets.NPM_TOKEN_APP }}
          NPM_TOKEN_AUTH: \${{ secrets.NPM_TOKEN_AUTH }}`;

describe('secrets named for npm tokens on a publish through an unread script', () => {
  it('the warning says the job may still give a long-lived token, naming the first and counting the others', async () => {
    const found = await lintFiles({ 'package.json': PKG, 'scripts/release/cli.ts': 'export {};\n', '.github/workflows/release.yml': workflow('yarn release --ci', TOKENS) });
    const finding = found.find((d) => d.ruleId === 'require-id-token-write');
    expect(finding?.severity).toBe('warning');
    expect(finding?.why).toContain(
      'the job may still give the publish a long-lived npm token (`NPM_TOKEN_ANALYTICS` from secrets.NPM_TOKEN_ANALYTICS and 2 more secrets named for npm tokens, which the script the publish runs may write into the npm configuration: tp-doctor cannot read it)',
    );
  });

  it('a secret named otherwise (`RELEASE_KEY`) gives no such sentence', async () => {
    const found = await lintFiles({ 'package.json': PKG, 'scripts/release/cli.ts': 'export {};\n', '.github/workflows/release.yml': workflow('yarn release --ci', '          RELEASE_KEY: ${{ secrets.RELEASE_KEY }}') });
    const finding = found.find((d) => d.ruleId === 'require-id-token-write');
    expect(finding?.severity).toBe('warning');
    expect(finding?.why).not.toContain('long-lived npm token');
  });

  it('a job with a certain `npm publish` besides the guessed one keeps the error: the secrets do not reach the certain publish (review1208a 1)', async () => {
    const yml = workflow('yarn release --ci', TOKENS).replace('      - name: Publish to NPM\n', '      - run: npm publish\n      - name: Publish to NPM\n');
    const found = await lintFiles({ 'package.json': PKG, 'scripts/release/cli.ts': 'export {};\n', '.github/workflows/release.yml': yml });
    const finding = found.find((d) => d.ruleId === 'require-id-token-write');
    expect(finding?.severity).toBe('error');
    expect(finding?.why).not.toContain('long-lived npm token');
  });

  it('a secret whose name says npm but not token (`NPM_AUTHOR_EMAIL`) is no token', async () => {
    const found = await lintFiles({ 'package.json': PKG, 'scripts/release/cli.ts': 'export {};\n', '.github/workflows/release.yml': workflow('yarn release --ci', '          NPM_AUTHOR_EMAIL: ${{ secrets.NPM_AUTHOR_EMAIL }}') });
    const finding = found.find((d) => d.ruleId === 'require-id-token-write');
    expect(finding?.why).not.toContain('long-lived npm token');
  });

  it('a certain `npm publish`, which reads no such variable, stays an error without a token', async () => {
    const found = await lintFiles({ 'package.json': PKG.replace('"private":true,', ''), '.github/workflows/release.yml': workflow('npm publish', TOKENS) });
    const finding = found.find((d) => d.ruleId === 'require-id-token-write');
    expect(finding?.severity).toBe('error');
    expect(finding?.why).not.toContain('long-lived npm token');
  });
});
