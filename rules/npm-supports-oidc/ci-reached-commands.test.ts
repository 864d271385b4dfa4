/**
 * `npm dist-tag` / `npm deprecate` after a trusted publish on GitLab CI and CircleCI, reached
 * through a `package.json` script (`npm run release`) or a committed shell script
 * (`./scripts/release.sh`): followed as on GitHub (./reached-commands.test.ts), reported where the
 * command is written, with the CI line as related location.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'npm-supports-oidc';
const TAG = 'npm dist-tag add @acme/widget@1.0.0 latest';
const DEPRECATE = 'npm deprecate @acme/widget@1.0.0 old';
const SCRIPT = (line: string): string => `#!/bin/sh\nset -e\n${line}\n`;
const pkg = (url: string, scripts: Record<string, string> = {}): string => JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url }, scripts }, null, 2);

const glConfig = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\nrepository:\n  visibility: public\n';
/** A GitLab job on `image` with the npm ID token; its script lines from line 11. */
const gitlab = (lines: string[], image = 'node:24.15.0'): string =>
  ['stages: [publish]', 'publish:', '  stage: publish', `  image: ${image}`, '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: "npm:registry.npmjs.org"', '  rules:', '    - if: $CI_COMMIT_TAG', '  script:', ...lines.map((l) => `    - ${l}`), ''].join('\n');

const ccConfig = 'publishers:\n  - provider: circleci\n    organizationId: 8b4e1c2a-1111-4a5b-9c3d-0123456789ab\n    projectId: 5f6a7b8c-2222-4d5e-8f90-abcdef012345\n    pipelineDefinitionId: 0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3\n    vcsOrigin: github.com/acme/widget\nrepository:\n  visibility: public\n';
/** A CircleCI job on `image` whose publishing step's commands start on line 12. */
const circle = (lines: string[], image = 'cimg/node:24.15'): string =>
  ['version: 2.1', 'jobs:', '  publish:', '    docker:', `      - image: ${image}`, '    steps:', '      - checkout', '      - run:', '          name: publish', '          command: |', `            export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`, ...lines.map((l) => `            ${l}`), 'workflows:', '  release:', '    jobs:', '      - publish', ''].join('\n');

async function lint(files: Record<string, string>): Promise<string[]> {
  const found = await lintFiles(files, { rule: RULE });
  return found.map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line} <- ${d.related.map((r) => `${r.file}:${r.start.line}`).join(',')}`);
}
const gl = (text: string, scripts: Record<string, string> = {}, more: Record<string, string> = {}): Promise<string[]> =>
  lint({ 'package.json': pkg('git+https://gitlab.com/acme/widget.git', scripts), 'tp-doctor.yml': glConfig, '.gitlab-ci.yml': text, ...more });
const cc = (text: string, scripts: Record<string, string> = {}, more: Record<string, string> = {}): Promise<string[]> =>
  lint({ 'package.json': pkg('git+https://github.com/acme/widget.git', scripts), 'tp-doctor.yml': ccConfig, '.circleci/config.yml': text, ...more });
const GL = '.gitlab-ci.yml';
const CC = '.circleci/config.yml';

describe(`${RULE}: registry commands through scripts on GitLab CI`, () => {
  it('`npm run release` whose script publishes then runs npm dist-tag: an error at the package.json line, the script line related', async () => {
    expect(await gl(gitlab(['npm ci', 'npm run release']), { release: `npm publish --tag next && ${TAG}` })).toEqual([`distTagTooOld@error package.json:9 <- ${GL}:12,${GL}:4`]);
  });
  it('npm deprecate in a committed shell script after the publish: noOidcCommand at the script line; a publish in the script itself is a likely one: a warning', async () => {
    expect(await gl(gitlab(['npm publish', './scripts/deprecate.sh'], 'node:24'), {}, { 'scripts/deprecate.sh': SCRIPT(DEPRECATE) })).toEqual([`noOidcCommand@error scripts/deprecate.sh:3 <- ${GL}:12`]);
    expect(await gl(gitlab(['./scripts/release.sh'], 'node:24'), {}, { 'scripts/release.sh': SCRIPT(`npm publish\n${DEPRECATE}`) })).toEqual([`noOidcCommandUnsure@warning scripts/release.sh:4 <- ${GL}:11`]);
  });
  it('controls: npm 11.21.0 installed on an earlier line or in the script, `|| true` after the CI command, a script with no registry command', async () => {
    const scripts = { release: `npm publish --tag next && ${TAG}` };
    expect(await gl(gitlab(['npm install -g npm@11.21.0', 'npm run release'], 'node:24'), scripts)).toEqual([]);
    expect(await gl(gitlab(['./scripts/release.sh']), {}, { 'scripts/release.sh': SCRIPT(`npm install -g npm@11.21.0\nnpm publish\n${TAG}`) })).toEqual([]);
    expect(await gl(gitlab(['npm run release || true']), scripts)).toEqual([`distTagTooOldTolerated@info package.json:9 <- ${GL}:11,${GL}:4`]);
    expect(await gl(gitlab(['npm run release']), { release: 'npm publish --tag next && echo done' })).toEqual([]);
  });
});

describe(`${RULE}: registry commands through scripts on CircleCI`, () => {
  it('`npm run release` whose script publishes then runs npm dist-tag: an error at the package.json line, the run command related', async () => {
    expect(await cc(circle(['npm run release']), { release: `npm publish --tag next && ${TAG}` })).toEqual([`distTagTooOld@error package.json:9 <- ${CC}:12,${CC}:5`]);
  });
  it('npm deprecate in a committed shell script after the publish: noOidcCommand at the script line; a publish in the script itself is a likely one: a warning', async () => {
    expect(await cc(circle(['npm publish', './scripts/deprecate.sh']), {}, { 'scripts/deprecate.sh': SCRIPT(DEPRECATE) })).toEqual([`noOidcCommand@error scripts/deprecate.sh:3 <- ${CC}:13`]);
    expect(await cc(circle(['./scripts/release.sh']), {}, { 'scripts/release.sh': SCRIPT(`npm publish\n${DEPRECATE}`) })).toEqual([`noOidcCommandUnsure@warning scripts/release.sh:4 <- ${CC}:12`]);
  });
  it('a step with `working_directory: packages/x` reads the script and package.json scripts there, not the root\'s', async () => {
    const inX = (lines: string[]): string => circle(lines).replace('          name: publish\n', '          name: publish\n          working_directory: packages/x\n');
    const x = { 'packages/x/package.json': pkg('git+https://github.com/acme/widget.git', { release: `npm publish && ${DEPRECATE}` }).replace('@acme/widget', '@acme/x'), 'packages/x/scripts/deprecate.sh': SCRIPT(DEPRECATE) };
    expect(await cc(inX(['npm publish', './scripts/deprecate.sh']), {}, x)).toEqual([`noOidcCommand@error packages/x/scripts/deprecate.sh:3 <- ${CC}:14`]);
    expect(await cc(inX(['npm run release']), { release: 'npm publish' }, x)).toEqual([`noOidcCommand@error packages/x/package.json:9 <- ${CC}:13`]);
  });
  it('controls: npm 11.21.0 installed first, a script with no registry command', async () => {
    const scripts = { release: `npm publish --tag next && ${TAG}` };
    expect(await cc(circle(['sudo npm install -g npm@11.21.0', 'npm run release']), scripts)).toEqual([]);
    expect(await cc(circle(['npm run release']), { release: 'npm publish --tag next && echo done' })).toEqual([]);
  });
});
