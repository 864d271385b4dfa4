import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/**
 * A publish given its token as `${{ env.NAME }}` that no `env:` sets, after a step that may set NAME
 * at run time (circlefin/circle-nodejs-sdk: aws-actions/aws-secretsmanager-get-secrets): the token
 * may publish, so an npm that cannot use trusted publishing is a warning, not an error.
 */
const PKG = JSON.stringify({ name: 'pkg-x', version: '1.0.0', repository: 'github:o/r' });
const workflow = (before: string): string =>
  `on: workflow_dispatch\npermissions: { id-token: write }\njobs:\n  publish-npm:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: actions/setup-node@v4\n        with: { node-version: 16, registry-url: https://registry.npmjs.org/ }\n${before}      - run: npm publish --access public\n        env:\n          NODE_AUTH_TOKEN: \${{ env._PROD_NPM_TOKEN }}\n`;

async function npmFinding(before: string): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG, '.github/workflows/publish.yml': workflow(before) }, { rule: 'npm-supports-oidc' });
  return found.map((d) => `${d.messageId}@${d.severity}`);
}

describe('npm-supports-oidc: a token from ${{ env.NAME }} set at run time by an earlier step', () => {
  it('a remote action that may export it: a warning', async () => {
    expect(await npmFinding('      - uses: aws-actions/aws-secretsmanager-get-secrets@v2\n        with: { secret-ids: /prod/npm-token }\n')).toEqual(['bundledTooOld@warning']);
  });
  it('a $GITHUB_ENV write of a value tp-doctor cannot read: a warning', async () => {
    expect(await npmFinding('      - run: echo "_PROD_NPM_TOKEN=$(cat /tmp/t)" >> "$GITHUB_ENV"\n')).toEqual(['bundledTooOld@warning']);
  });
  it('control: nothing before it can set the name (checkout and setup-node set no chosen name): an error', async () => {
    expect(await npmFinding('')).toEqual(['bundledTooOld@error']);
  });
  it('control: a step that only builds: an error', async () => {
    expect(await npmFinding('      - run: npm ci && npm run build\n')).toEqual(['bundledTooOld@error']);
  });
});
