import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/**
 * npm registry writes that never use an OIDC token (`npm deprecate`, `npm access`, `npm owner`) in
 * a job that publishes with trusted publishing, and `npm trust` in any CI job (docs/domain.md §0).
 */
const RULE = 'npm-supports-oidc';
const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: 'github:acme/widget' });

/** A trusted-publishing job on Node 24 (npm 11.x, with OIDC): `before` steps, the publish, then `run` with `extra` keys. */
const workflow = (run: string, { extra = '', before = '', permissions = 'id-token: write', publishEnv = '' } = {}): string =>
  `on: push\npermissions:\n  contents: read\n  ${permissions}\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n          registry-url: https://registry.npmjs.org\n${before}      - run: npm publish\n${publishEnv}      - run: ${run}\n${extra}`;

async function lint(files: Record<string, string>): Promise<string[]> {
  const found = await lintFiles(files, { rule: RULE });
  return found.map((d) => `${d.messageId}@${d.severity} ${d.line}`);
}
const github = (yaml: string): Promise<string[]> => lint({ 'package.json': PKG, '.github/workflows/release.yml': yaml });

describe(`${RULE}: npm deprecate / access / owner after a trusted publish`, () => {
  it('npm deprecate with no token: an error on its line', async () => {
    expect(await github(workflow('npm deprecate @acme/widget@"<1.0.0" "use 1.x"'))).toEqual(['noOidcCommand@error 14']);
    const [d] = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': workflow('npm deprecate @acme/widget@"<1.0.0" "use 1.x"') }, { rule: RULE });
    expect(d!.message).toBe('`npm deprecate` never uses an OIDC token, and no npm token reaches it in job "publish", which publishes with trusted publishing');
  });
  it('npm access set and npm owner add: errors', async () => {
    expect(await github(workflow('npm access set mfa=automation @acme/widget'))).toEqual(['noOidcCommand@error 14']);
    expect(await github(workflow('npm owner add someone @acme/widget'))).toEqual(['noOidcCommand@error 14']);
  });
  it('even with an npm that uses OIDC for dist-tag (11.21): deprecate never does', async () => {
    const before = '      - run: npm install -g npm@11.21.0\n';
    expect(await github(workflow('npm deprecate @acme/widget@1.0.0 "x"', { before }))).toEqual(['noOidcCommand@error 15']);
    expect(await github(workflow('npm dist-tag add @acme/widget@1.0.0 latest', { before }))).toEqual([]);
  });
  it('allowed to fail (`|| true`, continue-on-error): an info', async () => {
    expect(await github(workflow('npm deprecate @acme/widget@1.0.0 "x" || true'))).toEqual(['noOidcCommandTolerated@info 14']);
    expect(await github(workflow('npm deprecate @acme/widget@1.0.0 "x"', { extra: '        continue-on-error: true\n' }))).toEqual(['noOidcCommandTolerated@info 14']);
  });
  it('a step under `if:`, or a token-like variable npm may read: a warning', async () => {
    expect(await github(workflow('npm deprecate @acme/widget@1.0.0 "x"', { extra: "        if: github.ref == 'refs/heads/main'\n" }))).toEqual(['noOidcCommandUnsure@warning 14']);
    expect(await github(workflow('npm deprecate @acme/widget@1.0.0 "x"', { extra: '        env:\n          MY_REGISTRY_AUTH: ${{ secrets.X }}\n' }))).toEqual(['noOidcCommandUnsure@warning 14']);
  });
  it('in a branch or after `&&` of its script, which may not run: a warning', async () => {
    expect(await github(workflow('if [ -n "$DEPRECATE" ]; then npm deprecate @acme/widget@1.0.0 "x"; fi'))).toEqual(['noOidcCommandUnsure@warning 14']);
    expect(await github(workflow('test -n "$DEPRECATE" && npm deprecate @acme/widget@1.0.0 "x"'))).toEqual(['noOidcCommandUnsure@warning 14']);
  });
  it('control: an `if:` that holds whenever the publish runs (`always()`): still an error', async () => {
    expect(await github(workflow('npm deprecate @acme/widget@1.0.0 "x"', { extra: '        if: always()\n' }))).toEqual(['noOidcCommand@error 14']);
  });
  it('controls: a token for the step, a job that publishes with a token, no id-token, read-only forms: quiet', async () => {
    expect(await github(workflow('npm deprecate @acme/widget@1.0.0 "x"', { extra: '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n' }))).toEqual([]);
    expect(await github(workflow('npm deprecate @acme/widget@1.0.0 "x"', { publishEnv: '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n' }))).toEqual([]);
    expect(await github(workflow('echo "//registry.npmjs.org/:_authToken=$T" > ~/.npmrc && npm deprecate @acme/widget@1.0.0 "x"'))).toEqual([]);
    expect(await github(workflow('npm deprecate @acme/widget@1.0.0 "x"', { permissions: 'id-token: none' }))).toEqual([]);
    expect(await github(workflow('npm access get status @acme/widget && npm owner ls @acme/widget'))).toEqual([]);
  });
});

describe(`${RULE}: npm trust in CI`, () => {
  it('GitHub: `npm trust github` is a warning, whatever the token', async () => {
    expect(await github(workflow('npm trust github @acme/widget --file release.yml --repository acme/widget --allow-publish --yes'))).toEqual(['trustInCi@warning 14']);
    expect(await github(workflow('npm trust revoke @acme/widget --id x', { extra: '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n' }))).toEqual(['trustInCi@warning 14']);
  });
  it('control: `npm trust list` reads only: quiet', async () => {
    expect(await github(workflow('npm trust list @acme/widget'))).toEqual([]);
  });
  it('GitLab and CircleCI: a warning on the script line', async () => {
    const gitlab = 'publish:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n  script:\n    - npm publish\n    - npm trust gitlab @acme/widget --file .gitlab-ci.yml --project acme/widget --yes\n';
    expect(await lint({ 'package.json': PKG, '.gitlab-ci.yml': gitlab })).toEqual(['trustInCi@warning 8']);
    const circle = 'version: 2.1\njobs:\n  publish:\n    docker:\n      - image: cimg/node:24.15\n    steps:\n      - checkout\n      - run:\n          command: |\n            npm publish\n            npm trust circleci @acme/widget --org-id x --project-id y --pipeline-definition-id z --vcs-origin github.com/acme/widget --yes\nworkflows:\n  release:\n    jobs:\n      - publish\n';
    expect(await lint({ 'package.json': PKG, '.circleci/config.yml': circle })).toEqual(['trustInCi@warning 11']);
  });
});
