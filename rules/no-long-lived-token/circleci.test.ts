/**
 * no-long-lived-token on CircleCI: token-named `environment:` entries that reach a publish, run
 * steps that write an `_authToken` before a publish, contexts named like npm tokens (info), and
 * literal tokens anywhere in the configuration.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';
import { ruleTester, type Diagnostic } from '../../test/rule-tester.js';


const RULE = 'no-long-lived-token';
const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });
const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';
// Built at run time so that no token-shaped literal sits in the source.
const FAKE = `npm_${'A1b2C3d4E5'.repeat(3)}abcdef`;

function lines(...l: string[]): string {
  return `${l.join('\n')}\n`;
}

/** a job environment NPM_TOKEN reaches the publish */
const JOB_ENV = lines(
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

/** a step environment reaches only its own step */
const STEP_ENV = lines(
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

/** an executor environment shared by two publishing jobs is reported once, the jobs related */
const EXECUTOR_ENV = lines(
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

/** an .npmrc write from a project variable in an earlier step reaches the publish; after the publish it does not */
const RUN_WRITE = lines(
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

/** writing NPM_ID_TOKEN or a token for another registry is not a long-lived npm token */
const OTHER_WRITES = lines(
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

/** a context named like an npm token on the publishing job is info; other contexts are silent */
const CONTEXT = lines(
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

/** OpusCapita/react-dates: a script of the CI image, not of the repository, configures npm before the publish */
const UNREAD_SETUP = (command: string): string =>
  lines(
    'version: 2.1',
    'jobs:',
    '  release:',
    '    docker:',
    '      - image: cimg/node:24.15',
    '    steps:',
    '      - checkout',
    `      - run: ${command}`,
    '      - run: npm publish',
    'workflows:',
    '  main:',
    '    jobs: [release]',
  );

/** a token in a job that does not publish is silent; a literal token anywhere is an error */
const NOT_PUBLISHING = lines(
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

/** a committed shell script an earlier run step runs writes the token (palantir/plottable scripts/authenticateNpm.sh) */
const SCRIPT_STEP = lines(
      'version: 2.1',
      'jobs:',
      '  release:',
      '    docker:',
      '      - image: cimg/node:24.15',
      '    steps:',
      '      - checkout',
      '      - run: ./scripts/auth.sh',
      `      - run: ${ID} && npm publish`,
      'workflows:',
      '  main:',
      '    jobs: [release]',
);
const AUTH_SH = '#!/usr/bin/env bash\necho "//registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}" > .npmrc\n';

/** an install job writes the token into the checkout's .npmrc and persists it; the release job downstream attaches the workspace (GetJobber/atlantis) */
const WORKSPACE = lines(
      'version: 2.1',
      'jobs:',
      '  install:',
      '    docker: [{ image: cimg/node:24.15 }]',
      '    working_directory: ~/repo',
      '    steps:',
      '      - checkout',
      '      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/repo/.npmrc',
      '      - persist_to_workspace: { root: ., paths: ["*"] }',
      '  release:',
      '    docker: [{ image: cimg/node:24.15 }]',
      '    working_directory: ~/repo',
      '    steps:',
      '      - attach_workspace: { at: . }',
      `      - run: ${ID} && npm publish`,
      'workflows:',
      '  main:',
      '    jobs:',
      '      - install',
      '      - release: { requires: [install] }',
);

const files = (config: string, extra: Record<string, string> = {}): Record<string, string> => ({ 'package.json': PKG, '.circleci/config.yml': config, ...extra });
const relatedLines = (want: string[]) => (found: Diagnostic[]): void => {
  expect(found[0]?.related.map((r) => `${r.start.line}:${r.label}`)).toEqual(want);
};

describe('no-long-lived-token on CircleCI', () => {
  ruleTester.run(RULE, {
    valid: [
      {
        name: 'envsubst from a committed template without a token line',
        files: files(RUN_WRITE.replace('echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc', 'envsubst < .npmrc.tpl > ~/.npmrc'), { '.npmrc.tpl': 'save-exact=true\n' }),
      },
      {
        name: 'an .npmrc write after the publish does not reach it',
        files: files(
          RUN_WRITE.replace(
            '      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc\n      - run: npm publish\n',
            '      - run: npm publish\n      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc\n',
          ),
        ),
      },
      { name: 'writing NPM_ID_TOKEN or a token for another registry is not a long-lived npm token', files: files(OTHER_WRITES) },
      { name: 'a token file an upstream job does not persist does not reach the publish', files: files(WORKSPACE.replace('      - persist_to_workspace: { root: ., paths: ["*"] }\n', '')) },
      { name: 'a persist whose paths leave the .npmrc out', files: files(WORKSPACE.replace('paths: ["*"]', 'paths: [dist]')) },
      { name: 'a publishing job that does not require the writer', files: files(WORKSPACE.replace('      - release: { requires: [install] }', '      - release')) },
      { name: 'a script an earlier step runs that writes a registry line without a token', files: files(SCRIPT_STEP, { 'scripts/auth.sh': 'echo "registry=https://registry.npmjs.org/" > .npmrc\n' }) },
      { name: 'a script that writes the token run after the publish', files: files(SCRIPT_STEP.replace('      - run: ./scripts/auth.sh\n', '').replace(`${ID} && npm publish\n`, `${ID} && npm publish\n      - run: ./scripts/auth.sh\n`), { 'scripts/auth.sh': AUTH_SH }) },
      { name: 'a script run from a working_directory is not read', files: files(SCRIPT_STEP.replace('      - run: ./scripts/auth.sh\n', '      - run:\n          command: ./scripts/auth.sh\n          working_directory: ~/other\n'), { 'scripts/auth.sh': AUTH_SH }) },
      { name: 'an unread script with another name, or a committed one named for npm, is no hidden token', files: files(UNREAD_SETUP('configure-maven.sh && ./scripts/configure-npm.sh'), { 'scripts/configure-npm.sh': 'npm config set fund false\n' }) },
    ],
    invalid: [
      {
        name: 'a job environment NPM_TOKEN reaches the publish',
        files: files(JOB_ENV),
        errors: [
          {
            messageId: 'circleciEnvToken',
            at: '7:7-7:16',
            severity: 'warning',
            message:
              'Long-lived npm token (`<< pipeline.parameters.token >>`) in `environment: NPM_TOKEN` reaches job "release", which publishes with "npm publish"; trusted publishing needs no token',
          },
        ],
      },
      {
        name: "a pipeline parameter carries the token though its default is empty (a trigger passes it)",
        files: files(JOB_ENV.replace('version: 2.1\n', 'version: 2.1\nparameters:\n  token: { type: string, default: "" }\n')),
        errors: [{ messageId: 'circleciEnvToken', at: '9:7-9:16', severity: 'warning', message: expect.stringContaining('Long-lived npm token (`<< pipeline.parameters.token >>`) in `environment: NPM_TOKEN`') }],
      },
      { name: 'a step environment reaches only its own step', files: files(STEP_ENV), errors: [{ messageId: 'circleciEnvToken', at: '14:13-14:56' }] },
      {
        name: 'an executor environment shared by two publishing jobs is reported once, the jobs related',
        files: files(EXECUTOR_ENV),
        errors: [{ messageId: 'circleciEnvToken', at: '7:7-7:16' }],
        check: relatedLines(['9:publishing job "a"', '13:publishing job "b"']),
      },
      {
        name: 'an .npmrc write from a project variable in an earlier step reaches the publish',
        files: files(RUN_WRITE),
        errors: [
          {
            messageId: 'circleciRunWrite',
            at: '7:20-7:63',
            severity: 'warning',
            message: expect.stringContaining('(environment variable `$NPM_TOKEN`, set in the project settings or a context)'),
          },
        ],
        check: (found) => expect(found[0]?.message).not.toContain('$NPM_TOKEN"'),
      },
      {
        // As on GitHub and GitLab: envsubst copies the template's lines into the `.npmrc`.
        name: 'envsubst fills ~/.npmrc from a committed template with a token line: reported at the envsubst',
        files: files(RUN_WRITE.replace('echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc', 'envsubst < .npmrc.tpl > ~/.npmrc'), { '.npmrc.tpl': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' }),
        errors: [
          {
            messageId: 'circleciRunWrite',
            at: '7:14-7:22',
            severity: 'warning',
            message: expect.stringContaining('(environment variable `$NPM_TOKEN`, set in the project settings or a context)'),
          },
        ],
      },
      {
        name: 'a committed script an earlier run step runs writes the token: reported in the script, a guess',
        files: files(SCRIPT_STEP, { 'scripts/auth.sh': AUTH_SH }),
        errors: [
          {
            messageId: 'circleciRunWrite',
            file: 'scripts/auth.sh',
            at: '2:7-2:57',
            severity: 'warning',
            data: { path: 'scripts/auth.sh', source: 'environment variable `$NPM_AUTH_TOKEN`, set in the project settings or a context', verb: 'publishes' },
          },
        ],
      },
      {
        name: 'a script an earlier step runs from its `working_directory` below the checkout: read there',
        files: files(SCRIPT_STEP.replace('      - run: ./scripts/auth.sh\n', '      - run:\n          command: ./scripts/auth.sh\n          working_directory: ~/project/tools\n'), { 'tools/scripts/auth.sh': AUTH_SH, 'scripts/auth.sh': '#!/bin/sh\necho nothing\n' }),
        errors: [{ messageId: 'circleciRunWrite', file: 'tools/scripts/auth.sh', at: '2:7-2:57', severity: 'warning', data: { path: 'tools/scripts/auth.sh' } }],
      },
      {
        name: 'a token file an upstream job persists and the publishing job attaches: reported at the write, the publishing job related',
        files: files(WORKSPACE),
        errors: [
          {
            messageId: 'circleciWorkspaceWrite',
            at: '8:20-8:63',
            severity: 'warning',
            data: { from: 'install', file: '`~/repo/.npmrc`', carries: 'carries', path: 'jobs.install.steps', job: 'release' },
          },
        ],
        check: relatedLines(['10:publishing job "release"']),
      },
      {
        name: 'a workspace path tp-doctor cannot decide: the token may be there, a guess',
        files: files(WORKSPACE.replace('paths: ["*"]', 'paths: ["**/.npmrc"]')),
        errors: [{ messageId: 'circleciWorkspaceWrite', at: '8:20-8:63', severity: 'warning', message: expect.stringContaining('may carry to job "release"') }],
        check: (found) => expect(found[0]?.why).toContain('(if the workspace carries it: tp-doctor cannot tell whether `paths: **/.npmrc` includes it)'),
      },
      {
        name: 'a context named like an npm token on the publishing job is info; other contexts are silent',
        files: files(CONTEXT),
        errors: [{ messageId: 'circleciTokenContext', at: '12:40-12:49', severity: 'info', message: expect.stringContaining('under context "npm-token"') }],
      },
      {
        name: 'a script not in the repository whose name says it sets npm up, before the publish: info',
        files: files(UNREAD_SETUP('if [ -f /.dockerenv ]; then configure-maven.sh && configure-npm.sh; fi')),
        errors: [
          {
            messageId: 'circleciUnreadConfig',
            at: '8:64-8:80',
            severity: 'info',
            data: { what: '`configure-npm.sh` (a script that is not in the repository)', step: 'step 2 (`if [ -f /.dockerenv ]; then configure-m…`)', command: 'npm publish' },
          },
        ],
      },
      {
        name: 'a token in a job that does not publish is silent; a literal token anywhere is an error',
        files: files(NOT_PUBLISHING),
        errors: [{ messageId: 'literalToken', at: '8:7-8:12', severity: 'error' }],
        check: (found) => expect(found[0]?.message).not.toContain(FAKE),
      },
    ],
    notCovered: Object.fromEntries(
      ['envToken', 'setupNodeToken', 'npmrcWrite', 'npmrcWriteUnset', 'githubEnvToken', 'githubEnvTokenFirstPublish', 'commandLineToken', 'actionInput', 'npmrcFile', 'yarnrcToken', 'committedToken', 'gitlabVariable', 'gitlabScriptWrite', 'gitlabSelfManaged', 'remoteWorkflowSecret', 'remoteActionSecret'].map((id) => [id, 'GitHub, GitLab and committed files: no-long-lived-token.test.ts']),
    ),
  });
});

describe(`${RULE} on CircleCI: a script run through a variable holding the script's own directory`, () => {
  // palantir/documentalist: scripts/publish-npm-tagged writes the token into ~/.npmrc, then runs
  // "$SCRIPTS_DIR/circle-publish-npm" (SCRIPTS_DIR="$(dirname "$(readlink -f "$0")")"), which publishes.
  const files = (dirVar: string, call: string): Record<string, string> => ({
    'package.json': PKG,
    '.circleci/config.yml': lines('version: 2.1', 'jobs:', '  deploy-npm:', '    docker:', '      - image: cimg/node:24.15', '    steps:', '      - checkout', '      - run: ./scripts/publish-npm-tagged', 'workflows:', '  main:', '    jobs: [deploy-npm]'),
    'scripts/publish-npm-tagged': lines('#!/bin/bash', 'set -e', dirVar, 'echo "//registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}" > ~/.npmrc', call),
    'scripts/circle-publish-npm': lines('#!/bin/bash', 'set -e', 'npm publish --access public'),
  });
  const cases: [name: string, dirVar: string, call: string, want: string[]][] = [
    ['readlink -f "$0"', 'SCRIPTS_DIR="$( dirname "$(readlink -f "$0")" )"', '"$SCRIPTS_DIR/circle-publish-npm"', ['scripts/publish-npm-tagged:4']],
    ['cd "$(dirname "$0")" && pwd', 'DIR=$(cd "$(dirname "$0")" && pwd)', '"$DIR/circle-publish-npm"', ['scripts/publish-npm-tagged:4']],
    ['the literal path, as before', ':', './scripts/circle-publish-npm', ['scripts/publish-npm-tagged:4']],
    ['a directory from elsewhere: not followed', 'SCRIPTS_DIR="$(git rev-parse --show-toplevel)/scripts"', '"$SCRIPTS_DIR/circle-publish-npm"', []],
  ];
  it.each(cases)('%s', async (_name, dirVar, call, want) => {
    const got = await lintFiles(files(dirVar, call), { rule: RULE });
    expect(got.map((d) => `${d.file}:${d.line}`)).toEqual(want);
  });
});

describe('the publish in a script run through its own directory is found as through the literal path', () => {
  const files = (call: string): Record<string, string> => ({
    'package.json': PKG,
    '.circleci/config.yml': lines('version: 2.1', 'jobs:', '  deploy-npm:', '    docker:', '      - image: cimg/node:24.15', '    steps:', '      - checkout', '      - run: ./scripts/publish-npm-tagged', 'workflows:', '  main:', '    jobs: [deploy-npm]'),
    'scripts/publish-npm-tagged': lines('#!/bin/bash', 'set -e', 'SCRIPTS_DIR="$( dirname "$(readlink -f "$0")" )"', call),
    'scripts/circle-publish-npm': lines('#!/bin/bash', 'set -e', 'npm publish --access public'),
  });
  it.each(['"$SCRIPTS_DIR/circle-publish-npm"', './scripts/circle-publish-npm'])('%s', async (call) => {
    const got = await lintFiles(files(call), { rule: 'circleci-npm-id-token' });
    expect(got.map((d) => [d.messageId, d.severity, d.data.command])).toEqual([['missing', 'warning', 'npm publish']]);
  });
});
