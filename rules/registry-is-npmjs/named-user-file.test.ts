/**
 * A GitLab or CircleCI publish that names its own user configuration file
 * (`NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish`) reads that file instead of `~/.npmrc`
 * (docs/domain.md A.63, src/model/npm/named-user-file.ts): a committed one's `registry=` decides
 * where the publish goes, and its `_authToken=${NPM_TOKEN}` is a long-lived token the job still
 * gives; a file tp-doctor cannot read (neither committed nor written by the job) may name any
 * registry, so the publish is no certain npm publish. Before, GitLab and CircleCI read none of
 * this: a publish to GitLab's own registry through such a file got certain trusted-publishing errors.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';
import { circleConfig, circleRepo } from '../../test/repos.js';

const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'git+https://gitlab.com/acme/widget.git' } });
const GITLAB_REGISTRY = 'https://gitlab.com/api/v4/projects/123/packages/npm/';
const TO_GITLAB = `registry=${GITLAB_REGISTRY}\n//gitlab.com/api/v4/projects/123/packages/npm/:_authToken=\${CI_JOB_TOKEN}\n`;

function gitlab(command: string, extra: Record<string, string> = {}, lines: string[] = []): Record<string, string> {
  const yml = ['publish:', '  image: node:18', '  script:', '    - npm ci', ...lines.map((l) => `    - ${l}`), `    - ${command}`, ''].join('\n');
  return { 'package.json': PKG, '.gitlab-ci.yml': yml, '.git/config': '[remote "origin"]\n\turl = https://gitlab.com/acme/widget.git\n', ...extra };
}

async function summary(files: Record<string, string>): Promise<string[]> {
  return (await lintFiles(files)).map((d) => `${d.ruleId}@${d.severity}`);
}

describe('GitLab: the user configuration file the publish names', () => {
  it('a committed file whose `registry=` is GitLab\'s own registry: no npm publish, no trusted-publishing finding', async () => {
    expect(await summary(gitlab('NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish', { '.npmrc.ci': TO_GITLAB }))).toEqual([]);
  });

  it('the same through `--userconfig` and `$CI_PROJECT_DIR/`', async () => {
    expect(await summary(gitlab('npm publish --userconfig "$CI_PROJECT_DIR/.npmrc.ci"', { '.npmrc.ci': TO_GITLAB }))).toEqual([]);
  });

  it('a file tp-doctor cannot read may name any registry: the findings are infos, not errors', async () => {
    expect(await summary(gitlab('NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish'))).toEqual([
      'gitlab-npm-id-token@info',
      'gitlab-sigstore-token@info',
      'require-environment-protection@info',
      'npm-supports-oidc@info',
    ]);
  });

  it('control: a file the job writes is read as the job\'s lines (npmjs.org there): the errors stay', async () => {
    const found = await summary(gitlab('NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish', {}, ['echo "registry=https://registry.npmjs.org/" > .npmrc.ci']));
    expect(found).toContain('gitlab-npm-id-token@error');
    expect(found).toContain('npm-supports-oidc@error');
  });

  it('control: a committed file with only npmjs.org settings leaves the publish on npmjs.org', async () => {
    const found = await summary(gitlab('NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish', { '.npmrc.ci': 'registry=https://registry.npmjs.org/\n' }));
    expect(found).toContain('gitlab-npm-id-token@error');
  });

  it('a committed file the job appends to (`echo "strict-ssl=false" >> .npmrc.ci`) keeps its own registry line (review1208a 2)', async () => {
    expect(await summary(gitlab('NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish', { '.npmrc.ci': TO_GITLAB }, ['echo "strict-ssl=false" >> .npmrc.ci']))).toEqual([]);
  });

  it('a line the job writes to `$NPM_CONFIG_USERCONFIG` counts as a write into the named file (npmjs.org there): the error stays', async () => {
    const yml = ['publish:', '  image: node:18', '  variables:', '    NPM_CONFIG_USERCONFIG: .npmrc.ci', '  script:', '    - echo "registry=https://registry.npmjs.org/" > "$NPM_CONFIG_USERCONFIG"', '    - npm publish', ''].join('\n');
    expect(await summary({ 'package.json': PKG, '.gitlab-ci.yml': yml })).toContain('gitlab-npm-id-token@error');
  });

  it('a committed file with `//registry.npmjs.org/:_authToken=${NPM_TOKEN}`: the job still gives a token, so the errors are warnings that name it', async () => {
    const found = await lintFiles(gitlab('NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish', { '.npmrc.ci': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' }));
    const idToken = found.find((d) => d.ruleId === 'gitlab-npm-id-token');
    expect(idToken?.severity).toBe('warning');
    expect(idToken?.why).toContain('`//registry.npmjs.org/:_authToken` in .npmrc.ci, the user configuration the publish reads, from the environment variable `NPM_TOKEN`');
  });
});

describe('CircleCI: the user configuration file the publish names', () => {
  it('a committed file whose `registry=` is another registry: no circleci-npm-id-token error', async () => {
    const files = circleRepo(circleConfig(['- run: NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish']), undefined, { '.npmrc.ci': TO_GITLAB });
    expect((await summary(files)).filter((s) => s.endsWith('@error'))).toEqual([]);
  });

  it('a committed file a step appends to keeps its own registry line', async () => {
    const files = circleRepo(circleConfig(['- run: echo "strict-ssl=false" >> .npmrc.ci', '- run: NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish']), undefined, { '.npmrc.ci': TO_GITLAB });
    expect((await summary(files)).filter((s) => s.endsWith('@error'))).toEqual([]);
  });

  it('control: without the file\'s registry line the publish is npmjs.org\'s and misses its ID token', async () => {
    const files = circleRepo(circleConfig(['- run: NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish']), undefined, { '.npmrc.ci': 'registry=https://registry.npmjs.org/\n' });
    expect(await summary(files)).toContain('circleci-npm-id-token@error');
  });
});

describe('GitHub: a committed user configuration file\'s token line (review 1208a, as on GitLab and CircleCI)', () => {
  const yml = (env: string): string =>
    ['on: push', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions:', '      contents: read', '    env:', '      NPM_CONFIG_USERCONFIG: .npmrc.ci', '    steps:', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 24', '      - run: npm publish', ...env.split('\n'), ''].join('\n');
  const files = (env: string, rc: string): Record<string, string> => ({ 'package.json': JSON.stringify({ name: 'widget', version: '1.0.0' }), '.github/workflows/release.yml': yml(env), '.npmrc.ci': rc });

  it('`_authToken=${PUBLISH_KEY}` in the committed file, the key from a secret: the job still gives a token, a warning that names it', async () => {
    const found = await lintFiles(files('        env:\n          PUBLISH_KEY: ${{ secrets.PUBLISH_KEY }}', '//registry.npmjs.org/:_authToken=${PUBLISH_KEY}\n'));
    const finding = found.find((d) => d.ruleId === 'require-id-token-write');
    expect(finding?.severity).toBe('warning');
    expect(finding?.why).toContain('`PUBLISH_KEY` from secrets.PUBLISH_KEY');
  });

  it('control: the token line is for another registry: no token for npmjs.org, the error stays', async () => {
    const found = await lintFiles(files('        env:\n          PUBLISH_KEY: ${{ secrets.PUBLISH_KEY }}', '//npm.example.com/:_authToken=${PUBLISH_KEY}\n'));
    expect(found.find((d) => d.ruleId === 'require-id-token-write')?.severity).toBe('error');
  });
});
