/**
 * `envsubst < .npmrc.tpl > .npmrc` with a committed template holding an `_authToken=${NPM_TOKEN}`
 * line writes a token into the npm configuration, as `echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc`
 * does (../../src/model/npm/npmrc-templates.ts): on GitHub, GitLab and CircleCI the publish falls
 * back on it (the trusted-publishing errors become warnings) and no-long-lived-token reports the
 * write. A template with no token line writes none: the errors stay.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers.js';

const PKG = JSON.stringify({ name: 'lib', version: '1.0.0', repository: 'https://github.com/acme/lib' });
const GL_PKG = JSON.stringify({ name: 'lib', version: '1.0.0', repository: 'https://gitlab.com/acme/lib' });
const TOKEN_TPL = '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n';
const PLAIN_TPL = 'registry=https://registry.npmjs.org/\n';

const github = (run: string): string =>
  ['on: push', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v5', '      - uses: actions/setup-node@v5', '        with:', '          node-version: 24', `      - run: ${run}`, '        env:', '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}', '      - run: npm publish', ''].join('\n');
const gitlab = (line: string): string => ['publish:', '  image: node:24', '  script:', `    - ${line}`, '    - npm publish', ''].join('\n');
const circle = (line: string): string =>
  `version: 2.1\njobs:\n  release:\n    docker:\n      - image: cimg/node:24.11\n    steps:\n      - checkout\n      - run: ${line}\n      - run: npm publish\nworkflows:\n  main:\n    jobs:\n      - release\n`;

async function findings(files: Record<string, string>): Promise<string[]> {
  return (await lintFiles(files)).filter((d) => d.severity !== 'info').map((d) => `${d.severity} ${d.ruleId}`).sort();
}

describe('an .npmrc filled from a committed template', () => {
  it('GitHub: the token line is a token write (require-id-token-write a warning, no-long-lived-token)', async () => {
    const ci = github('envsubst < .npmrc.tpl > .npmrc');
    expect(await findings({ 'package.json': PKG, '.npmrc.tpl': TOKEN_TPL, '.github/workflows/release.yml': ci })).toEqual(['warning no-long-lived-token', 'warning require-id-token-write']);
    expect(await findings({ 'package.json': PKG, '.npmrc.tpl': PLAIN_TPL, '.github/workflows/release.yml': ci })).toEqual(['error require-id-token-write']);
    const piped = github('cat .npmrc.tmpl | envsubst > .npmrc');
    expect(await findings({ 'package.json': PKG, '.npmrc.tmpl': TOKEN_TPL, '.github/workflows/release.yml': piped })).toEqual(['warning no-long-lived-token', 'warning require-id-token-write']);
  });

  it('GitLab: the token line is a token write (gitlab-npm-id-token a warning, no-long-lived-token)', async () => {
    const ci = gitlab('envsubst < .npmrc.template > ~/.npmrc');
    expect(await findings({ 'package.json': GL_PKG, '.npmrc.template': TOKEN_TPL, '.gitlab-ci.yml': ci })).toEqual(['warning gitlab-npm-id-token', 'warning no-long-lived-token']);
    expect(await findings({ 'package.json': GL_PKG, '.npmrc.template': PLAIN_TPL, '.gitlab-ci.yml': ci })).toEqual(['error gitlab-npm-id-token']);
  });

  it('CircleCI: the publish falls back on the token line', async () => {
    const ci = circle('envsubst < .npmrc.tpl > ~/.npmrc');
    const fallback = async (tpl: string): Promise<boolean> =>
      (await lintFiles({ 'package.json': PKG, '.npmrc.tpl': tpl, '.circleci/config.yml': ci })).some((d) => d.ruleId === 'circleci-npm-id-token' && JSON.stringify(d).includes('a token its script writes into the npm configuration'));
    expect(await fallback(TOKEN_TPL)).toBe(true);
    expect(await fallback(PLAIN_TPL)).toBe(false);
  });
});
