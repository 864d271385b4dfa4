/**
 * A token line reaches a publish through the user configuration that publish reads, the one
 * question of every provider (src/model/npm/user-config.ts, docs/domain.md A.50): written into the
 * file `--userconfig` or `NPM_CONFIG_USERCONFIG` names, it counts as a write into `~/.npmrc` does
 * for a publish reading `~/.npmrc`; written into `~/.npmrc` while the publish reads another file
 * (GitLab `variables:`, CircleCI `environment:`, an `export` or `--userconfig`), it configures nothing.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'git+https://github.com/acme/widget.git' } });
const ECHO = 'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"';

/** Step 2 (line 11) writes `write`, step 3 (line 14) runs `publish`, with `env` on it. */
function github(write: string, publish: string, env: string[] = []): Record<string, string> {
  const yml = ['on: push', 'permissions:', '  id-token: write', 'jobs:', '  main:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 24', `      - run: ${write}`, '        env:', '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}', `      - run: ${publish}`, ...env, ''];
  return { 'package.json': PKG, '.github/workflows/release.yml': yml.join('\n') };
}

/** Job `publish`: `variables` (line 6 on), the write, then `publish`. */
function gitlab(write: string, publish: string, variables: string[] = []): Record<string, string> {
  const yml = ['publish:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: npm:registry.npmjs.org', ...variables, '  script:', `    - ${JSON.stringify(write)}`, `    - ${publish}`, ''];
  return { 'package.json': PKG, '.gitlab-ci.yml': yml.join('\n') };
}

/** Job `publish` with `environment`, a run step writing `write`, then one publishing with an ID token. */
function circleci(write: string, publish: string, environment: string[] = []): Record<string, string> {
  const id = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';
  const yml = ['version: 2.1', 'jobs:', '  publish:', '    docker:', '      - image: cimg/node:24.0', ...environment, '    steps:', '      - checkout', `      - run: ${JSON.stringify(write)}`, `      - run: ${JSON.stringify(`${id} && ${publish}`)}`, 'workflows:', '  release:', '    jobs:', '      - publish', ''];
  return { 'package.json': PKG, '.circleci/config.yml': yml.join('\n') };
}

async function writes(files: Record<string, string>): Promise<string[]> {
  return (await lintFiles(files, { rule: 'no-long-lived-token' })).filter((d) => d.message.includes('writes a long-lived npm token')).map((d) => `${d.severity} ${d.file}:${d.line}:${d.column}`);
}

const GH = ['warning .github/workflows/release.yml:11:20'];

describe('no-long-lived-token: a token line written into the user configuration the publish reads', () => {
  it('GitHub: `--userconfig /tmp/npmrc`, `NPM_CONFIG_USERCONFIG=/tmp/npmrc` on the command or in the step `env:` read the file written', async () => {
    expect(await writes(github(`${ECHO} > /tmp/npmrc`, 'npm publish --userconfig /tmp/npmrc'))).toEqual(GH);
    expect(await writes(github(`${ECHO} > /tmp/npmrc`, 'NPM_CONFIG_USERCONFIG=/tmp/npmrc npm publish'))).toEqual(GH);
    expect(await writes(github(`${ECHO} > /tmp/npmrc`, 'npm publish', ['        env:', '          NPM_CONFIG_USERCONFIG: /tmp/npmrc']))).toEqual(GH);
    // Control: a file no publish reads.
    expect(await writes(github(`${ECHO} > /tmp/npmrc`, 'npm publish --userconfig /tmp/other'))).toEqual([]);
  });
  it('GitLab: `~/.npmrc` while `variables:`, an `export` or `--userconfig` name another file configures nothing; the named file does', async () => {
    const home = `${ECHO} > ~/.npmrc`;
    expect(await writes(gitlab(home, 'npm publish'))).toEqual(['warning .gitlab-ci.yml:7:7']);
    expect(await writes(gitlab(home, 'npm publish', ['  variables:', '    NPM_CONFIG_USERCONFIG: /tmp/npmrc-ci']))).toEqual([]);
    expect(await writes(gitlab(home, 'npm publish --userconfig /tmp/npmrc-ci'))).toEqual([]);
    expect(await writes(gitlab(`${ECHO} > /tmp/npmrc-ci`, 'npm publish --userconfig /tmp/npmrc-ci'))).toEqual(['warning .gitlab-ci.yml:7:7']);
  });
  it('CircleCI: `~/.npmrc` while the `environment` or `--userconfig` name another file configures nothing', async () => {
    const home = `${ECHO} > ~/.npmrc`;
    expect(await writes(circleci(home, 'npm publish'))).toEqual(['warning .circleci/config.yml:8:14']);
    expect(await writes(circleci(home, 'npm publish', ['    environment:', '      NPM_CONFIG_USERCONFIG: /tmp/npmrc-ci']))).toEqual([]);
    expect(await writes(circleci(home, 'npm publish --userconfig /tmp/npmrc-ci'))).toEqual([]);
  });
  it('an `export`/`unset` in a subshell `( )`, a `$( )`, a pipeline or a function body does not reach the publish outside it; a `{ …; }` group does (review927 item 5)', async () => {
    const home = `${ECHO} > ~/.npmrc`;
    expect(await writes(gitlab(home, '(export NPM_CONFIG_USERCONFIG=/tmp/npmrc-ci; npm whoami) && npm publish'))).toEqual(['warning .gitlab-ci.yml:7:7']);
    expect(await writes(gitlab(home, 'X=$(export NPM_CONFIG_USERCONFIG=/tmp/npmrc-ci; npm whoami) && npm publish'))).toEqual(['warning .gitlab-ci.yml:7:7']);
    expect(await writes(gitlab(home, 'export NPM_CONFIG_USERCONFIG=/tmp/npmrc-ci | cat; npm publish'))).toEqual(['warning .gitlab-ci.yml:7:7']);
    expect(await writes(gitlab(home, 'f() { export NPM_CONFIG_USERCONFIG=/tmp/npmrc-ci; }; npm publish'))).toEqual(['warning .gitlab-ci.yml:7:7']);
    expect(await writes(circleci(home, '(export NPM_CONFIG_USERCONFIG=/tmp/npmrc-ci; npm whoami) && npm publish'))).toEqual(['warning .circleci/config.yml:8:14']);
    // Controls: the same shell.
    expect(await writes(gitlab(home, '{ export NPM_CONFIG_USERCONFIG=/tmp/npmrc-ci; } && npm publish'))).toEqual([]);
    expect(await writes(gitlab(home, '(export NPM_CONFIG_USERCONFIG=/tmp/npmrc-ci; npm publish)'))).toEqual([]);
    expect(await writes(gitlab(home, 'export NPM_CONFIG_USERCONFIG=/tmp/npmrc-ci && npm publish'))).toEqual([]);
  });
});
