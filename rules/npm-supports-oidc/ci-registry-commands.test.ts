/**
 * `npm dist-tag` and `npm deprecate` after a trusted publish on GitLab CI script lines and CircleCI
 * `run` commands (survey904a M3): the npm of the job as for its publish (docs/domain.md §0: dist-tag
 * uses OIDC from npm 11.21.0 / 12.2.0; deprecate never does).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'npm-supports-oidc';
const TAG = 'npm dist-tag add @acme/widget@1.0.0 latest';

const glPkg = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://gitlab.com/acme/widget.git' } });
const glConfig = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\nrepository:\n  visibility: public\n';
/** A GitLab job on `image` with the npm ID token; its script lines from line 11. */
const gitlab = (lines: string[], { image = 'node:24.15.0', extra = '' } = {}): string =>
  ['stages: [publish]', 'publish:', '  stage: publish', `  image: ${image}`, '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: "npm:registry.npmjs.org"', `${extra}  rules:`, '    - if: $CI_COMMIT_TAG', '  script:', ...lines.map((l) => `    - ${l}`), ''].join('\n');

const ccPkg = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } });
const ccConfig = 'publishers:\n  - provider: circleci\n    organizationId: 8b4e1c2a-1111-4a5b-9c3d-0123456789ab\n    projectId: 5f6a7b8c-2222-4d5e-8f90-abcdef012345\n    pipelineDefinitionId: 0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3\n    vcsOrigin: github.com/acme/widget\nrepository:\n  visibility: public\n';
/** A CircleCI job on `image` whose publishing step's commands start on line 12. */
const circle = (lines: string[], image = 'cimg/node:24.15'): string =>
  ['version: 2.1', 'jobs:', '  publish:', '    docker:', `      - image: ${image}`, '    steps:', '      - checkout', '      - run:', '          name: publish', '          command: |', `            export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`, ...lines.map((l) => `            ${l}`), 'workflows:', '  release:', '    jobs:', '      - publish', ''].join('\n');

async function lint(files: Record<string, string>): Promise<string[]> {
  return (await lintFiles(files, { rule: RULE })).map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`);
}
const gl = (text: string): Promise<string[]> => lint({ 'package.json': glPkg, 'tp-doctor.yml': glConfig, '.gitlab-ci.yml': text });
const cc = (text: string): Promise<string[]> => lint({ 'package.json': ccPkg, 'tp-doctor.yml': ccConfig, '.circleci/config.yml': text });

describe(`${RULE}: npm dist-tag and npm deprecate on GitLab CI`, () => {
  it('node:24.15.0 bundles npm 11.12.1: dist-tag after the publish is an error on its line', async () => {
    expect(await gl(gitlab(['npm ci', 'npm publish --tag next', TAG]))).toEqual(['distTagTooOld@error .gitlab-ci.yml:13']);
  });
  it('`|| true` after it: an info; `after_script`: an info', async () => {
    expect(await gl(gitlab(['npm ci', 'npm publish --tag next', `${TAG} || true`]))).toEqual(['distTagTooOldTolerated@info .gitlab-ci.yml:13']);
    expect(await gl(gitlab(['npm publish --tag next', 'echo done']).replace('  script:', `  after_script:\n    - ${TAG}\n  script:`))).toEqual(['distTagTooOldTolerated@info .gitlab-ci.yml:11']);
  });
  it('controls: npm 11.21.0 installed first, or a token in the job, or no OIDC publish: quiet', async () => {
    expect(await gl(gitlab(['npm ci', 'npm install -g npm@11.21.0', 'npm publish --tag next', TAG], { image: 'node:24' }))).toEqual([]);
    expect(await gl(gitlab(['npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"', 'npm publish --tag next', TAG]))).toEqual([]);
    expect(await gl(gitlab(['npm publish --tag next', TAG], { extra: '  variables:\n    NPM_TOKEN: abc\n' }))).toEqual([]);
    expect(await gl(gitlab(['npm ci', TAG]))).toEqual([]);
  });
  it('a guessed publish (an unread script) or an unreadable include: noOidcCommandUnsure, and a dist-tag capped with the publish (a possible one: info) (review 908)', async () => {
    const deprecate = 'npm deprecate @acme/widget@1.0.0 old';
    expect(await gl(gitlab(['./ci/publish-npm.sh', deprecate], { image: 'node:24' }))).toEqual(['noOidcCommandUnsure@warning .gitlab-ci.yml:12']);
    expect(await gl(`include:\n  - remote: https://example.com/ci.yml\n${gitlab(['npm publish', deprecate], { image: 'node:24' })}`)).toEqual(['noOidcCommandUnsure@warning .gitlab-ci.yml:14']);
    expect(await gl(gitlab(['./ci/publish-npm.sh', TAG]))).toEqual(['distTagTooOld@info .gitlab-ci.yml:12']);
  });
  it('npm deprecate after the publish: noOidcCommand', async () => {
    expect(await gl(gitlab(['npm publish', 'npm deprecate @acme/widget@"<1.0.0" "use 1.x"'], { image: 'node:24' }))).toEqual(['noOidcCommand@error .gitlab-ci.yml:12']);
  });
});

describe(`${RULE}: npm dist-tag and npm deprecate on CircleCI`, () => {
  it('cimg/node:24.15 bundles npm 11.12.1: dist-tag after the publish is an error on its line', async () => {
    expect(await cc(circle(['npm publish --tag next', TAG]))).toEqual(['distTagTooOld@error .circleci/config.yml:13']);
  });
  it('controls: npm 11.21.0 installed first is quiet; `|| true` is an info', async () => {
    expect(await cc(circle(['sudo npm install -g npm@11.21.0', 'npm publish --tag next', TAG]))).toEqual([]);
    expect(await cc(circle(['npm publish --tag next', `${TAG} || true`]))).toEqual(['distTagTooOldTolerated@info .circleci/config.yml:13']);
  });
  it('a guessed publish (an unread script): noOidcCommandUnsure (review 908)', async () => {
    expect(await cc(circle(['./ci/publish-npm.sh', 'npm deprecate @acme/widget@1.0.0 old']))).toEqual(['noOidcCommandUnsure@warning .circleci/config.yml:13']);
  });
  it('npm deprecate after the publish: noOidcCommand', async () => {
    expect(await cc(circle(['npm publish', 'npm deprecate @acme/widget@1.0.0 old']))).toEqual(['noOidcCommand@error .circleci/config.yml:13']);
  });
});
