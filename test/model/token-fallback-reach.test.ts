/**
 * The token fallback (src/model/token-fallback.ts) counts a token line a job writes only when npm
 * reads it at the publish, by the reading no-long-lived-token uses (src/model/token-write-reach.ts,
 * docs/domain.md A.42): a `&& rm ~/.npmrc` ends its chain's write, a project `.npmrc` of another
 * directory is not the root publish's, and the file `NPM_CONFIG_USERCONFIG` names is one; a file a
 * later command copies or moves before the publish (`cp .npmrc ~/.npmrc; rm .npmrc`) still gives it.
 */
import { describe, expect, it } from 'vitest';
import { GITHUB_PKG, gitlabRepo, lintFiles } from '../helpers.js';

const ECHO = 'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"';
const workflow = (line: string, env: string[] = []): string =>
  [
    'on: push',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    ...env,
    '    steps:',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 18',
    `      - run: ${line}`,
    '        env:',
    '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
    '      - run: npm publish',
    '',
  ].join('\n');
const severities = (ds: { ruleId: string; severity: string }[]): string[] => ds.filter((d) => ['require-id-token-write', 'npm-supports-oidc'].includes(d.ruleId)).map((d) => `${d.ruleId} ${d.severity}`);
const github = async (line: string, env: string[] = [], extra: Record<string, string> = {}): Promise<string[]> =>
  severities(await lintFiles({ 'package.json': GITHUB_PKG, '.github/workflows/release.yml': workflow(line, env), ...extra }));

const TOKEN = ['require-id-token-write warning', 'npm-supports-oidc warning'];
const NONE = ['require-id-token-write error', 'npm-supports-oidc error'];

describe('token fallback: a written token line counts only where npm reads it', () => {
  it('control: `> ~/.npmrc` gives the publish a token (the errors are warnings)', async () => {
    expect(await github(`${ECHO} > ~/.npmrc`)).toEqual(TOKEN);
  });
  it('`&& npm ci && rm ~/.npmrc`: gone before the publish, no token', async () => {
    expect(await github(`${ECHO} > ~/.npmrc && npm ci && rm ~/.npmrc`)).toEqual(NONE);
  });
  it.each([`${ECHO} > .npmrc; cp .npmrc ~/.npmrc; rm .npmrc`, `${ECHO} > packages/a/.npmrc; mv packages/a/.npmrc .`])('`%s`: copied or moved before the publish, the token still stands', async (line) => {
    expect(await github(line, [], { 'packages/a/package.json': '{"name":"a","version":"1.0.0"}' })).toEqual(TOKEN);
  });
  it('`> packages/a/.npmrc`: not read by the publish at the root, no token', async () => {
    expect(await github(`${ECHO} > packages/a/.npmrc`, [], { 'packages/a/package.json': '{"name":"a","version":"1.0.0"}' })).toEqual(NONE);
  });
  it('the file `NPM_CONFIG_USERCONFIG` names is a configuration file, and only with the variable', async () => {
    expect(await github(`${ECHO} > /home/runner/.npmrc-ci`, ['    env:', '      NPM_CONFIG_USERCONFIG: /home/runner/.npmrc-ci'])).toEqual(TOKEN);
    expect(await github(`${ECHO} > /home/runner/.npmrc-ci`)).toEqual(NONE);
  });
  it('GitLab: the same readings for a script line', async () => {
    const job = (line: string, variables: string[] = []): string => ['publish:', '  image: node:18', ...variables, '  script:', `    - ${JSON.stringify(line)}`, '    - npm publish', ''].join('\n');
    const gl = async (line: string, variables: string[] = []): Promise<boolean> =>
      (await lintFiles(gitlabRepo(job(line, variables)))).some((d) => d.ruleId === 'gitlab-npm-id-token' && d.why.includes('a token its script writes into the npm configuration'));
    expect(await gl(`${ECHO} > ~/.npmrc`)).toBe(true);
    // (Still a warning: a command named for an npm token stands before the publish, `hiddenFallback`.)
    expect(await gl(`${ECHO} > ~/.npmrc && npm ci && rm ~/.npmrc`)).toBe(false);
    expect(await gl(`${ECHO} > .npmrc && cp .npmrc ~/.npmrc && rm .npmrc`)).toBe(true);
    expect(await gl(`${ECHO} > /home/runner/.npmrc-ci`, ['  variables:', '    NPM_CONFIG_USERCONFIG: /home/runner/.npmrc-ci'])).toBe(true);
    expect(await gl(`${ECHO} > /home/runner/.npmrc-ci`)).toBe(false);
  });
});
