/**
 * `npm dist-tag` and `npm deprecate` after a trusted publish: what gives them a token is the
 * model's token writes (src/model/npm/tokens.ts `npmTokenWrites`, GitLab's `jobTokenWrites`), not
 * any text that mentions `_authToken`. `echo "no _authToken needed"`, `grep _authToken .npmrc` and
 * `sed -i '/_authToken/d' .npmrc` (which removes a token) write none; every real write still keeps
 * the check quiet. Yarn's `npmAuthToken` is no token for the npm CLI.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'npm-supports-oidc';
const TAG = 'npm dist-tag add @acme/widget@1.0.0 latest';
const DEPRECATE = 'npm deprecate @acme/widget@1.0.0 old';
const MENTIONS = ['echo "no _authToken needed"', 'grep -q _authToken ~/.npmrc', "sed -i '/_authToken/d' ~/.npmrc", "sed -i -e '/_authToken/d' -e '/always-auth/d' .npmrc"];
/** Writes `npmTokenWrites` does not read: a substitution into a template with sed, perl or awk (review of 2026-12-06). */
const SPLICES = ['sed -i "s/__TOKEN__/_authToken=$PUBLISH_KEY/" ~/.npmrc', "perl -pi -e 's/x/_authToken=$ENV{T}/' .npmrc", 'awk \'{ sub(/__T__/, "_authToken=" ENVIRON["T"]) } 1\' .npmrc.tpl > .npmrc'];

async function lint(files: Record<string, string>): Promise<string[]> {
  return (await lintFiles(files, { rule: RULE })).map((d) => `${d.messageId}@${d.severity} ${d.line}`);
}

describe(`${RULE}: GitHub, a step that mentions _authToken before its npm deprecate / dist-tag`, () => {
  const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: 'github:acme/widget' });
  /** Node 24 (npm 11.x before 11.21), id-token: write; `run` on line 14 after the publish. */
  const workflow = (run: string, env = ''): string =>
    `on: push\npermissions:\n  contents: read\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 24.15.0\n          registry-url: https://registry.npmjs.org\n      - run: npm publish\n      - run: ${run}\n${env}`;
  const github = (run: string, env = ''): Promise<string[]> => lint({ 'package.json': PKG, '.github/workflows/release.yml': workflow(run, env) });
  it.each(MENTIONS)('`%s && <command>`: no token, the findings stay', async (mention) => {
    expect(await github(`${mention} && ${DEPRECATE}`)).toEqual(['noOidcCommandUnsure@warning 14']);
    expect(await github(`${mention}; ${DEPRECATE}`)).toEqual(['noOidcCommand@error 14']);
    expect(await github(`${mention}; ${TAG}`)).toEqual(['distTagTooOld@error 14']);
  });
  it('controls: real writes in the step keep it quiet (npm config set, an .npmrc line, a key a variable builds)', async () => {
    expect(await github(`npm config set //registry.npmjs.org/:_authToken "$T"; ${DEPRECATE}`)).toEqual([]);
    expect(await github(`echo "//registry.npmjs.org/:_authToken=\${{ secrets.NPM_TOKEN }}" >> ~/.npmrc; ${TAG}`)).toEqual([]);
    expect(await github(`npm config set "\${REGISTRY#https:}:_authToken" "$T"; ${DEPRECATE}`)).toEqual([]);
    expect(await github(`env "npm_config_//registry.npmjs.org/:_authToken=$T" ${DEPRECATE}`)).toEqual([]);
  });
  it('control: a Yarn npmAuthToken is no token for npm', async () => {
    expect(await github(`yarn config set npmAuthToken "$T"; ${DEPRECATE}`)).toEqual(['noOidcCommand@error 14']);
  });
  it.each(SPLICES)('a token spliced into a file in a way tp-doctor does not read (`%s`) may be one: no error on a guess', async (splice) => {
    expect(await github(`${splice}; ${TAG}`)).toEqual([]);
    expect(await github(`${splice}; ${DEPRECATE}`)).toEqual([]);
  });
});

describe(`${RULE}: GitLab, a script line that mentions _authToken`, () => {
  const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://gitlab.com/acme/widget.git' } });
  const CONFIG = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\nrepository:\n  visibility: public\n';
  /** node:24.15.0 (npm 11.12.1) with the npm ID token; the script lines from line 9. */
  const gitlab = (lines: string[]): string =>
    ['publish:', '  image: node:24.15.0', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: "npm:registry.npmjs.org"', '  rules:', '    - if: $CI_COMMIT_TAG', '  script:', ...lines.map((l) => `    - ${l}`), ''].join('\n');
  const gl = (lines: string[]): Promise<string[]> => lint({ 'package.json': PKG, 'tp-doctor.yml': CONFIG, '.gitlab-ci.yml': gitlab(lines) });
  it.each(MENTIONS)('`%s` before the publish or after it: no token, the findings stay', async (mention) => {
    expect(await gl([mention, 'npm publish', TAG])).toEqual(['distTagTooOld@error 11']);
    expect(await gl(['npm publish', mention, DEPRECATE])).toEqual(['noOidcCommand@error 11']);
  });
  it('controls: a line that writes the token keeps it quiet', async () => {
    expect(await gl(['npm publish', 'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" >> ~/.npmrc', DEPRECATE])).toEqual([]);
    expect(await gl(['npm publish', 'npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"', TAG])).toEqual([]);
    expect(await gl(['npm publish', `env "npm_config_//registry.npmjs.org/:_authToken=$NPM_TOKEN" ${DEPRECATE}`])).toEqual([]);
  });
  it.each(SPLICES)('a line that may splice a token into a file (`%s`) keeps it quiet', async (splice) => {
    expect(await gl(['npm publish', splice, TAG])).toEqual([]);
  });
  it('control: a key built from a variable set to another registry is no token; one left unknown is', async () => {
    const write = 'npm config set "${REGISTRY#https:}:_authToken" "$T"';
    const other = gitlab(['npm publish', write, DEPRECATE]).replace('  rules:', '  variables:\n    REGISTRY: https://npm.pkg.github.com/\n  rules:');
    expect(await lint({ 'package.json': PKG, 'tp-doctor.yml': CONFIG, '.gitlab-ci.yml': other })).toEqual(['noOidcCommand@error 13']);
    expect(await gl(['npm publish', write, DEPRECATE])).toEqual([]);
  });
});

describe(`${RULE}: CircleCI, a run command that mentions _authToken`, () => {
  const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } });
  const CONFIG = 'publishers:\n  - provider: circleci\n    organizationId: 8b4e1c2a-1111-4a5b-9c3d-0123456789ab\n    projectId: 5f6a7b8c-2222-4d5e-8f90-abcdef012345\n    pipelineDefinitionId: 0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3\n    vcsOrigin: github.com/acme/widget\nrepository:\n  visibility: public\n';
  /** cimg/node:24.15 (npm 11.12.1); the publishing command's lines from line 12. */
  const circle = (lines: string[]): string =>
    ['version: 2.1', 'jobs:', '  publish:', '    docker:', '      - image: cimg/node:24.15', '    steps:', '      - checkout', '      - run:', '          name: publish', '          command: |', `            export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`, ...lines.map((l) => `            ${l}`), 'workflows:', '  release:', '    jobs:', '      - publish', ''].join('\n');
  const cc = (lines: string[]): Promise<string[]> => lint({ 'package.json': PKG, 'tp-doctor.yml': CONFIG, '.circleci/config.yml': circle(lines) });
  it.each(MENTIONS)('`%s` in the command: no token, the findings stay', async (mention) => {
    expect(await cc(['npm publish', mention, DEPRECATE])).toEqual(['noOidcCommand@error 14']);
    expect(await cc(['npm publish', mention, TAG])).toEqual(['distTagTooOld@error 14']);
  });
  it.each(SPLICES)('a command that may splice a token into a file (`%s`) keeps it quiet', async (splice) => {
    expect(await cc(['npm publish', splice, DEPRECATE])).toEqual([]);
  });
  it('controls: a command that writes the token keeps it quiet', async () => {
    expect(await cc(['npm publish', 'echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc', DEPRECATE])).toEqual([]);
    expect(await cc(['npm publish', 'npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"', TAG])).toEqual([]);
  });
});
