/**
 * An `.npmrc` filled from a template (`envsubst < .npmrc.tpl > .npmrc`) before `npm dist-tag` on an
 * npm without OIDC for dist-tag: a committed template with a token line hands dist-tag a token, one
 * tp-doctor cannot read may (no error on a guess), and one without a token line gives none.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const PKG = JSON.stringify({ name: 'lib', version: '1.0.0', repository: 'https://github.com/acme/lib' });
const WORKFLOW = [
  'on: push',
  'permissions:',
  '  id-token: write',
  'jobs:',
  '  publish:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v5',
  '      - uses: actions/setup-node@v5',
  '        with:',
  '          node-version: 24',
  '      - run: npm install -g npm@11.6.2',
  '      - run: envsubst < .npmrc.tpl > .npmrc',
  '        env:',
  '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
  '      - run: npm publish',
  '      - run: npm dist-tag add lib@1.0.0 next',
  '',
].join('\n');

async function distTag(template: string | undefined): Promise<string[]> {
  const files: Record<string, string> = { 'package.json': PKG, '.github/workflows/release.yml': WORKFLOW, ...(template === undefined ? {} : { '.npmrc.tpl': template }) };
  return (await lintFiles(files)).filter((d) => d.ruleId === 'npm-supports-oidc').map((d) => `${d.messageId}@${d.severity} ${d.line}`);
}

describe('npm-supports-oidc: dist-tag after an .npmrc filled from a template', () => {
  it('a token line in the committed template: a token, no finding', async () => {
    expect(await distTag('//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n')).toEqual([]);
  });
  it('no template committed: it may hold a token, no finding', async () => {
    expect(await distTag(undefined)).toEqual([]);
  });
  it('a template without a token line: no token, the error stays', async () => {
    expect(await distTag('registry=https://registry.npmjs.org/\n')).toEqual(['distTagTooOld@error 17']);
  });
});
