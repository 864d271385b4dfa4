/**
 * no-long-lived-token on committed configuration files: a `.yarnrc.yml` `npmAuthToken` is reported
 * only when a publish goes (or may go) through Yarn Berry, at that publish's certainty, and the fix
 * of `.yarnrc.yml` and `.npmrc` tokens speaks the trusted-publishing words of the publishing jobs'
 * providers (homebound-team/form-state: a CircleCI-only repository told about `id-token: write`).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';
import type { Diagnostic } from '../../test/rule-tester.js';

const RULE = 'no-long-lived-token';
const PKG = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ name: '@acme/widget', version: '1.0.0', packageManager: 'yarn@4.12.0', repository: { url: 'git+https://github.com/acme/widget.git' }, ...extra });
const YARNRC = 'nodeLinker: node-modules\nnpmAuthToken: "${NPM_TOKEN:-}"\n';
const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';

function circle(command: string): string {
  return ['version: 2.1', 'jobs:', '  publish:', '    docker:', '      - image: cimg/node:24.15', '    steps:', '      - checkout', `      - run: ${command}`, 'workflows:', '  main:', '    jobs: [publish]', ''].join('\n');
}

/** A GitHub job running `command`; `env`: the step gives it `NPM_TOKEN` from a secret (else no `NPM_TOKEN` is set). */
function github(command: string, env = true): string {
  const secret = env ? ['        env:', '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}'] : [];
  return ['on: push', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - uses: actions/setup-node@v6', '        with:', '          node-version: 24', `      - run: ${command}`, ...secret, ''].join('\n');
}

const GITLAB_CI = ['publish:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: "npm:registry.npmjs.org"', '  script:', '    - yarn npm publish', ''].join('\n');
const GITLAB_PUBLISHER = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';

const configFindings = async (files: Record<string, string>): Promise<Diagnostic[]> =>
  (await lintFiles(files, { rule: RULE })).filter((d) => d.messageId === 'yarnrcToken' || d.messageId === 'npmrcFile');

describe('a .yarnrc.yml token reaches only a publish through Yarn Berry', () => {
  it('semantic-release (the npm CLI) on CircleCI: no yarnrcToken', async () => {
    const files = { 'package.json': PKG({ devDependencies: { 'semantic-release': '^25.0.0' } }), '.yarnrc.yml': YARNRC, '.circleci/config.yml': circle(`${ID} && npx semantic-release`) };
    expect(await configFindings(files)).toEqual([]);
  });

  it('npm publish on CircleCI: no yarnrcToken; yarn npm publish: reported with CircleCI wording', async () => {
    expect(await configFindings({ 'package.json': PKG(), '.yarnrc.yml': YARNRC, '.circleci/config.yml': circle(`${ID} && npm publish`) })).toEqual([]);
    const got = await configFindings({ 'package.json': PKG(), '.yarnrc.yml': YARNRC, '.circleci/config.yml': circle('yarn npm publish') });
    expect(got.map((d) => [d.messageId, d.severity, d.line])).toEqual([['yarnrcToken', 'warning', 2]]);
    expect(got[0]!.message).toBe(
      '`.yarnrc.yml` sets `npmAuthToken` for registry.npmjs.org from the environment variable `${NPM_TOKEN}`, and "yarn npm publish" in job "publish" publishes through Yarn Berry, which publishes with a configured token instead of OIDC whenever `NPM_TOKEN` has a value',
    );
    expect(got[0]!.fix).toBe(
      'Once every job that publishes with it publishes with trusted publishing (`NPM_ID_TOKEN` from `circleci run oidc get` in the publishing step, the trusted publisher registered on npmjs.com; the other findings say what is still missing, and until then the publish needs this token), remove `npmAuthToken` from `.yarnrc.yml`, revoke the token on npmjs.com and delete the environment variable from the CircleCI project settings or context',
    );
    expect(got[0]!.fix).not.toContain('id-token');
  });

  it('GitLab: the fix names `id_tokens`', async () => {
    const got = await configFindings({ 'package.json': PKG({ repository: { url: 'git+https://gitlab.com/acme/widget.git' } }), '.yarnrc.yml': YARNRC, '.gitlab-ci.yml': GITLAB_CI, 'tp-doctor.yml': GITLAB_PUBLISHER });
    expect(got.map((d) => d.messageId)).toEqual(['yarnrcToken']);
    // The project's CI/CD variables are not in the files: NPM_TOKEN may be set.
    expect(got[0]!.message).toBe(
      '`.yarnrc.yml` sets `npmAuthToken` for registry.npmjs.org from the environment variable `${NPM_TOKEN}`, and "yarn npm publish" in job "publish" publishes through Yarn Berry, which publishes with a configured token instead of OIDC whenever `NPM_TOKEN` has a value',
    );
    expect(got[0]!.fix).toContain('(an `NPM_ID_TOKEN` under `id_tokens:` with `aud: npm:registry.npmjs.org` in the job, the trusted publisher');
    expect(got[0]!.fix).toContain('delete the CI/CD variable in Settings > CI/CD > Variables');
  });

  it('Yarn on GitHub and on CircleCI: both wordings', async () => {
    const got = await configFindings({ 'package.json': PKG(), '.yarnrc.yml': YARNRC, '.circleci/config.yml': circle('yarn npm publish'), '.github/workflows/release.yml': github('yarn npm publish') });
    expect(got.map((d) => d.messageId)).toEqual(['yarnrcToken']);
    expect(got[0]!.fix).toContain(
      '(on GitHub Actions `id-token: write` in the publishing job; on CircleCI `NPM_ID_TOKEN` from `circleci run oidc get` in the publishing step, the trusted publisher registered on npmjs.com;',
    );
    expect(got[0]!.fix).toContain('delete the secret or the environment variable from the CircleCI project settings or context');
  });

  // Yarn puts in the empty fallback of `${NPM_TOKEN:-}` when the variable is unset, and an empty
  // `npmAuthToken` is no token (docs/domain.md A.37): on GitHub nothing but `env:` sets it.
  it('`${NPM_TOKEN:-}` on GitHub with no NPM_TOKEN in the job: no token, only the CircleCI job speaks', async () => {
    expect(await configFindings({ 'package.json': PKG(), '.yarnrc.yml': YARNRC, '.github/workflows/release.yml': github('yarn npm publish', false) })).toEqual([]);
    const got = await configFindings({ 'package.json': PKG(), '.yarnrc.yml': YARNRC, '.circleci/config.yml': circle('yarn npm publish'), '.github/workflows/release.yml': github('yarn npm publish', false) });
    expect(got.map((d) => [d.messageId, d.file, d.line])).toEqual([['yarnrcToken', '.yarnrc.yml', 2]]);
    expect(got[0]!.fix).not.toContain('id-token');
  });

  it('`${NPM_TOKEN}` (no fallback) on GitHub: reported whatever the job sets', async () => {
    const got = await configFindings({ 'package.json': PKG(), '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN}"\n', '.github/workflows/release.yml': github('yarn npm publish', false) });
    expect(got.map((d) => d.message)).toEqual([
      '`.yarnrc.yml` sets `npmAuthToken` for registry.npmjs.org from the environment variable `${NPM_TOKEN}`, and "yarn npm publish" in job "release" publishes through Yarn Berry, which publishes with a configured token instead of OIDC',
    ]);
  });

  it('GitHub npm publish next to a CircleCI Yarn publish: only the Yarn job speaks', async () => {
    const got = await configFindings({ 'package.json': PKG(), '.yarnrc.yml': YARNRC, '.circleci/config.yml': circle('yarn npm publish'), '.github/workflows/release.yml': github('npm publish') });
    expect(got[0]!.fix).not.toContain('id-token');
    expect(got[0]!.fix).toContain('circleci run oidc get');
  });

  it('a command tp-doctor cannot read may run yarn npm publish: info', async () => {
    const got = await configFindings({ 'package.json': PKG(), '.yarnrc.yml': YARNRC, '.circleci/config.yml': circle(`${ID} && ./scripts/publish.sh`) });
    expect(got.map((d) => [d.messageId, d.severity])).toEqual([['yarnrcToken', 'info']]);
    expect(got[0]!.message).toContain('"./scripts/publish.sh" in job "publish" may publish through Yarn Berry');
  });

  it('changeset publish in a Yarn 2+ repository: @changesets/cli 3 runs yarn npm publish, 2 runs npm', async () => {
    const files = (cli: string): Record<string, string> => ({ 'package.json': PKG({ devDependencies: { '@changesets/cli': cli } }), '.yarnrc.yml': YARNRC, '.github/workflows/release.yml': github('yarn changeset publish') });
    expect((await configFindings(files('^3.0.0'))).map((d) => [d.messageId, d.severity])).toEqual([['yarnrcToken', 'warning']]);
    expect(await configFindings(files('^2.29.0'))).toEqual([]);
  });
});

describe('a committed .npmrc token: the fix follows the publishing provider', () => {
  const NPMRC = '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n';
  it('CircleCI', async () => {
    const got = await configFindings({ 'package.json': PKG(), '.npmrc': NPMRC, '.circleci/config.yml': circle(`${ID} && npm publish`) });
    expect(got.map((d) => d.messageId)).toEqual(['npmrcFile']);
    expect(got[0]!.fix).toBe(
      'Once every job that publishes with it publishes with trusted publishing (`NPM_ID_TOKEN` from `circleci run oidc get` in the publishing step and npm 11.11.0 or later, the trusted publisher registered on npmjs.com; the other findings say what is still missing, and until then the publish needs this token), delete the `//registry.npmjs.org/:_authToken` line from `.npmrc`, revoke the token on npmjs.com and delete the environment variable from the CircleCI project settings or context',
    );
  });
  it('GitHub (control: the wording it always had)', async () => {
    const got = await configFindings({ 'package.json': PKG(), '.npmrc': NPMRC, '.github/workflows/release.yml': github('npm publish') });
    expect(got[0]!.fix).toContain('(`id-token: write` and npm 11.5.1 or later in the publishing job, the trusted publisher');
    expect(got[0]!.fix).toMatch(/delete the secret$/);
  });
});
