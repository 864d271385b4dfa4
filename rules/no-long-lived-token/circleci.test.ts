/**
 * no-long-lived-token on CircleCI: token-named `environment:` entries that reach a publish, run
 * steps that write an `_authToken` before a publish, contexts named like npm tokens (info), and
 * literal tokens anywhere in the configuration.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'no-long-lived-token';
const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });
const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';
// Built at run time so that no token-shaped literal sits in the source.
const FAKE = `npm_${'A1b2C3d4E5'.repeat(3)}abcdef`;

async function run(config: string): Promise<{ id: string; severity: string; line: number; message: string; related: string[] }[]> {
  const diags = await lintFiles({ 'package.json': PKG, '.circleci/config.yml': config }, { rule: RULE });
  return diags.map((d) => ({ id: d.messageId, severity: d.severity, line: d.line, message: d.message, related: d.related.map((r) => `${r.start.line}:${r.label}`) }));
}

function lines(...l: string[]): string {
  return `${l.join('\n')}\n`;
}

describe('no-long-lived-token on CircleCI', () => {
  it('a job environment NPM_TOKEN reaches the publish', async () => {
    const config = lines(
      'version: 2.1',
      'jobs:',
      '  release:',
      '    docker:',
      '      - image: cimg/node:24.15',
      '    environment:',
      '      NPM_TOKEN: << pipeline.parameters.token >>',
      '    steps:',
      '      - checkout',
      `      - run: ${ID} && npm publish`,
      'workflows:',
      '  main:',
      '    jobs: [release]',
    );
    const diags = await run(config);
    expect(diags.map((d) => `${d.id}:${d.severity}:${d.line}`)).toEqual(['circleciEnvToken:warning:7']);
    expect(diags[0]!.message).toBe(
      'Long-lived npm token (`<< pipeline.parameters.token >>`) in `environment: NPM_TOKEN` reaches job "release", which publishes with "npm publish"; trusted publishing needs no token',
    );
  });

  it('a step environment reaches only its own step', async () => {
    const config = lines(
      'version: 2.1',
      'jobs:',
      '  release:',
      '    docker:',
      '      - image: cimg/node:24.15',
      '    steps:',
      '      - run:',
      '          command: npm ci',
      '          environment:',
      '            NODE_AUTH_TOKEN: read-only-token',
      '      - run:',
      `          command: ${ID} && npm publish`,
      '          environment:',
      '            NPM_CONFIG_//registry.npmjs.org/:_authToken: abc',
      'workflows:',
      '  main:',
      '    jobs: [release]',
    );
    expect((await run(config)).map((d) => `${d.id}:${d.line}`)).toEqual(['circleciEnvToken:14']);
  });

  it('an executor environment shared by two publishing jobs is reported once, the jobs related', async () => {
    const config = lines(
      'version: 2.1',
      'executors:',
      '  node:',
      '    docker:',
      '      - image: cimg/node:24.15',
      '    environment:',
      '      NPM_TOKEN: xyz',
      'jobs:',
      '  a:',
      '    executor: node',
      '    steps:',
      `      - run: ${ID} && npm publish`,
      '  b:',
      '    executor: node',
      '    steps:',
      `      - run: ${ID} && npm publish`,
      'workflows:',
      '  main:',
      '    jobs: [a, b]',
    );
    const diags = await run(config);
    expect(diags.map((d) => `${d.id}:${d.line}`)).toEqual(['circleciEnvToken:7']);
    expect(diags[0]!.related).toEqual(['9:publishing job "a"', '13:publishing job "b"']);
  });

  it('an .npmrc write from a project variable in an earlier step reaches the publish; after the publish it does not', async () => {
    const before = lines(
      'version: 2.1',
      'jobs:',
      '  release:',
      '    docker:',
      '      - image: cimg/node:24.15',
      '    steps:',
      '      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc',
      '      - run: npm publish',
      'workflows:',
      '  main:',
      '    jobs: [release]',
    );
    const diags = await run(before);
    expect(diags.map((d) => `${d.id}:${d.severity}:${d.line}`)).toEqual(['circleciRunWrite:warning:7']);
    expect(diags[0]!.message).toContain('(environment variable `$NPM_TOKEN`, set in the project settings or a context)');
    expect(diags[0]!.message).not.toContain('$NPM_TOKEN"');
    const after = before.replace('      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc\n      - run: npm publish\n', '      - run: npm publish\n      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc\n');
    expect(await run(after)).toEqual([]);
  });

  it('writing NPM_ID_TOKEN or a token for another registry is not a long-lived npm token', async () => {
    const config = lines(
      'version: 2.1',
      'jobs:',
      '  release:',
      '    docker:',
      '      - image: cimg/node:24.15',
      '    steps:',
      '      - run: echo "//npm.pkg.github.com/:_authToken=$GH_TOKEN" >> ~/.npmrc',
      '      - run: npm config set //registry.npmjs.org/:_authToken "$NPM_ID_TOKEN"',
      `      - run: ${ID} && npm publish`,
      'workflows:',
      '  main:',
      '    jobs: [release]',
    );
    expect(await run(config)).toEqual([]);
  });

  it('a context named like an npm token on the publishing job is info; other contexts are silent', async () => {
    const config = lines(
      'version: 2.1',
      'jobs:',
      '  release:',
      '    docker:',
      '      - image: cimg/node:24.15',
      '    steps:',
      `      - run: ${ID} && npm publish`,
      'workflows:',
      '  main:',
      '    jobs:',
      '      - release:',
      '          context: [release-approvers, npm-token]',
    );
    const diags = await run(config);
    expect(diags.map((d) => `${d.id}:${d.severity}:${d.line}`)).toEqual(['circleciTokenContext:info:12']);
    expect(diags[0]!.message).toContain('under context "npm-token"');
  });

  it('a token in a job that does not publish is silent; a literal token anywhere is an error', async () => {
    const config = lines(
      'version: 2.1',
      'jobs:',
      '  test:',
      '    docker:',
      '      - image: cimg/node:24.15',
      '    environment:',
      '      NPM_TOKEN: from-settings',
      `      OTHER: ${FAKE}`,
      '    steps:',
      '      - run: npm test',
      'workflows:',
      '  main:',
      '    jobs: [test]',
    );
    const diags = await run(config);
    expect(diags.map((d) => `${d.id}:${d.severity}:${d.line}`)).toEqual(['literalToken:error:8']);
    expect(diags[0]!.message).not.toContain(FAKE);
  });
});
