/**
 * npm-supports-oidc for a publish run in a container (`docker run … node:20 npm publish`,
 * src/model/npm/node-switch.ts `containerNode`): the image's Node and npm, not the job's.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { circleConfig, circleRepo, gitlabRepo, lintFiles, releaseRepo as repo, setupNodeWorkflow as workflow } from '../../test/helpers.js';

const RULE = 'npm-supports-oidc';
const node = (v: string): string => `          node-version: ${v}\n`;
const run = (line: string, setup = node('24')): Record<string, string> => repo(workflow(setup, `      - run: ${line}\n`));
const lint = async (f: Record<string, string>): Promise<string[]> => (await lintFiles(f, { rule: RULE })).map((d) => `${d.severity} ${d.messageId}`);
const PASS = '-e ACTIONS_ID_TOKEN_REQUEST_URL -e ACTIONS_ID_TOKEN_REQUEST_TOKEN';

describe(`${RULE}: a publish in a \`docker run\` container`, () => {
  it('`node:20` on a Node 24 job: the image\'s npm 10, an error whose fix names the image', async () => {
    const [d, ...rest] = (await lintFiles(run(`docker run --rm ${PASS} -v "$PWD:/w" -w /w node:20 npm publish`), { rule: RULE })) as Diagnostic[];
    expect(rest).toEqual([]);
    expect([d?.severity, d?.messageId, d?.line, d?.column, d?.data.from]).toEqual(['error', 'bundledTooOld', 14, 14, 'container image "node:20" the command runs in']);
    expect(d?.fix).toContain('use the image `node:24`');
    expect(d?.fix).not.toContain('npm install -g');
  });

  it('`node:24` on a Node 20 job: the image decides, no finding', async () => {
    expect(await lint(run(`docker run --rm ${PASS} node:24 npm publish`, node('20')))).toEqual([]);
    expect(await lint(run(`docker run --rm ${PASS} docker.io/library/node:24-alpine sh -c "npm ci && npm publish"`, node('20')))).toEqual([]);
  });

  it('the job\'s npm upgrade does not reach the container; one inside it (a pin) does', async () => {
    expect(await lint(repo(workflow(node('24'), `      - run: npm install -g npm@11\n      - run: docker run ${PASS} node:20 npm publish\n`)))).toEqual(['error bundledTooOld']);
    expect(await lint(run(`docker run ${PASS} node:20 npx npm@11.6.2 publish`))).toEqual([]);
  });

  it('an upgrade in the container\'s own command (`sh -c "npm i -g npm@11 && npm publish"`): not followed there, a warning, not the image\'s npm', async () => {
    expect(await lint(run(`docker run ${PASS} node:22 sh -c "npm i -g npm@11 && npm publish"`))).toEqual(['warning unknownNpm']);
    expect(await lint(run(`docker run ${PASS} cimg/node:22.14 bash -c "sudo npm i -g npm@latest; npm publish"`))).toEqual(['warning unknownNpm']);
  });

  it('an image tp-doctor cannot map to a Node: unknown npm, a warning', async () => {
    expect(await lint(run(`docker run ${PASS} ghcr.io/acme/builder:1 npm publish`))).toEqual(['warning unknownNpm']);
  });

  it('GitLab and CircleCI: the container\'s image, not the job\'s', async () => {
    const ci = (line: string): string => `release:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - ${line}\n`;
    expect(await lint(gitlabRepo(ci('docker run -e NPM_ID_TOKEN node:20 npm publish')))).toEqual(['error bundledTooOld']);
    expect(await lint(gitlabRepo(ci('docker run -e NPM_ID_TOKEN node:24 npm publish')))).toEqual([]);
    const circle = (line: string): Record<string, string> => circleRepo(circleConfig([`- run: ${line}`], 'cimg/node:24.11'));
    const [d, ...rest] = (await lintFiles(circle('docker run -v "$PWD:/w" -w /w node:20 npm publish'), { rule: RULE })) as Diagnostic[];
    expect([rest, d?.severity, d?.messageId, d?.data.setNode]).toEqual([[], 'error', 'bundledTooOld', 'use the image `node:24`']);
  });
});
