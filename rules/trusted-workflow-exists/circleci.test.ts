/**
 * trusted-workflow-exists for CircleCI publishers: the declared (or default) `configFile` exists
 * with exactly that path, and has a job that publishes.
 */
import { describe, expect } from 'vitest';
import { ruleTester } from '../../test/rule-tester.js';

const RULE = 'trusted-workflow-exists';
const PKG = JSON.stringify({ name: 'widget', version: '1.0.0' });
const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';

function config(run = `${ID} && npm publish`, head: string[] = []): string {
  return ['version: 2.1', ...head, 'jobs:', '  release:', '    docker:', '      - image: cimg/node:24.15', '    steps:', `      - run: ${run}`, 'workflows:', '  main:', '    jobs: [release]', ''].join('\n');
}

function publisher(configFile?: string, contextIds?: string): string {
  return [
    'publishers:',
    '  - provider: circleci',
    '    organizationId: 8b4e1c2a-1111-4a5b-9c3d-0123456789ab',
    '    projectId: 5f6a7b8c-2222-4d5e-8f90-abcdef012345',
    '    pipelineDefinitionId: 0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3',
    '    vcsOrigin: github.com/acme/widget',
    ...(configFile === undefined ? [] : [`    configFile: ${configFile}`]),
    ...(contextIds === undefined ? [] : [`    contextIds: ${contextIds}`]),
    '',
  ].join('\n');
}

const CONTEXT_ID = 'c0ffee00-4444-4abc-8def-0123456789ab';
const WITH_IDS = publisher(undefined, `[${CONTEXT_ID}]`);

/** Probe cx1/cx2: the publishing job `release` and a test job, with `workflows:` lines of their own. */
function contextConfig(workflows: string[], run = `${ID} && npm publish`): string {
  return ['version: 2.1', 'jobs:', '  release:', '    docker:', '      - image: cimg/node:24.15', '    steps:', `      - run: ${run}`, '  test:', '    docker: [{ image: cimg/node:24.15 }]', '    steps: [{ run: npm test }]', 'workflows:', ...workflows, ''].join('\n');
}

const files = (extra: Record<string, string>): Record<string, string> => ({ 'package.json': PKG, ...extra });

/** A setup configuration (`setup: true`) whose job continues through the continuation orb with `path`. */
function setupConfig(path: string): string {
  return [
    'version: 2.1',
    'setup: true',
    'orbs:',
    '  continuation: circleci/continuation@1.1.0',
    'jobs:',
    '  generate:',
    '    docker: [{ image: cimg/base:current }]',
    '    steps:',
    '      - checkout',
    `      - continuation/continue: { configuration_path: ${path} }`,
    'workflows:',
    '  setup:',
    '    jobs: [generate]',
    '',
  ].join('\n');
}

describe('trusted-workflow-exists on CircleCI', () => {
  ruleTester.run(RULE, {
    valid: [
      { name: 'the default configuration exists and publishes', files: files({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': config() }) },
      { name: 'a declared configuration exists and publishes', files: files({ 'tp-doctor.yml': publisher('.circleci/release.yml'), '.circleci/release.yml': config() }) },
      { name: 'a declared configuration with ./ exists and publishes', files: files({ 'tp-doctor.yml': publisher('./.circleci/release.yml'), '.circleci/release.yml': config() }) },
      { name: 'an inferred CircleCI publisher is not checked', files: files({ '.circleci/config.yml': config() }) },
      {
        name: 'a setup configuration continued with a committed file that publishes',
        files: files({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': setupConfig('.circleci/template.yml'), '.circleci/template.yml': config() }),
      },
      {
        name: 'an orb job that may publish (a context named for npm) is a publishing job',
        files: files({
          'tp-doctor.yml': publisher(),
          '.circleci/config.yml': ['version: 2.1', 'orbs:', '  release: acme/release@1.2.3', 'jobs: {}', 'workflows:', '  main:', '    jobs:', '      - release/publish: { context: npm-deploy }', ''].join('\n'),
        }),
      },
      { name: 'context IDs: the publishing job runs under a context (a name tp-doctor cannot compare with an ID)', files: files({ 'tp-doctor.yml': WITH_IDS, '.circleci/config.yml': contextConfig(['  main:', '    jobs:', '      - test', '      - release: { context: [npm-oidc] }']) }) },
      {
        name: 'context IDs: a context from a pipeline parameter is a context',
        files: files({
          'tp-doctor.yml': WITH_IDS,
          '.circleci/config.yml': contextConfig(['  main:', '    jobs:', '      - release:', '          context: << pipeline.parameters.ctx >>']).replace('version: 2.1\n', 'version: 2.1\nparameters:\n  ctx: { type: string, default: npm-oidc }\n'),
        }),
      },
      { name: 'no context IDs declared: a job without a context is fine', files: files({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': contextConfig(['  main:', '    jobs: [test, release]']) }) },
      { name: 'an empty list of context IDs restricts nothing', files: files({ 'tp-doctor.yml': publisher(undefined, '[]'), '.circleci/config.yml': contextConfig(['  main:', '    jobs: [test, release]']) }) },
      {
        name: 'context IDs: a job that does not publish may run without a context',
        files: files({ 'tp-doctor.yml': WITH_IDS, '.circleci/config.yml': contextConfig(['  main:', '    jobs:', '      - test', '      - release: { context: npm-oidc }']) }),
      },
    ],
    invalid: [
      {
        // survey700a M4, probe cx2.
        name: 'context IDs, and the publishing job runs with no `context:`: a warning at its workflow entry',
        files: files({ 'tp-doctor.yml': WITH_IDS, '.circleci/config.yml': contextConfig(['  main:', '    jobs:', '      - test', '      - release']) }),
        errors: [
          {
            messageId: 'circleciNoContext',
            at: '15:9-15:16',
            file: '.circleci/config.yml',
            severity: 'warning',
            message: `Job "release" publishes in workflow "main" of .circleci/config.yml without a \`context:\`, but the trusted publisher lists context IDs ("${CONTEXT_ID}"); expected the job to run under a context`,
            fix: 'Add `context:` with the context whose ID the publisher lists to the "release" entry of workflow "main" in .circleci/config.yml; or, if the publish needs no context, remove the context IDs from the trusted publisher on npmjs.com and `publishers[0].contextIds`',
            related: [
              'tp-doctor.yml:7:17 context IDs of the trusted publisher',
              '.circleci/config.yml:7:106 publish command "npm publish"',
            ],
          },
        ],
      },
      {
        name: 'context IDs: of two workflows running the publishing job, the one without a context is reported',
        files: files({
          'tp-doctor.yml': WITH_IDS,
          '.circleci/config.yml': contextConfig(['  main:', '    jobs:', '      - release: { context: npm-oidc }', '  nightly:', '    jobs:', '      - release']),
        }),
        errors: [{ messageId: 'circleciNoContext', at: '17:9-17:16', data: { workflow: 'nightly' } }],
      },
      {
        name: 'context IDs: a matrix entry without a context is reported once',
        files: files({
          'tp-doctor.yml': WITH_IDS,
          '.circleci/config.yml': contextConfig(['  main:', '    jobs:', '      - release:', '          matrix: { parameters: { n: ["1", "2"] } }']).replace('  release:\n', '  release:\n    parameters: { n: { type: string } }\n'),
        }),
        errors: [{ messageId: 'circleciNoContext', at: '15:9-15:16' }],
      },
      {
        name: 'a declared configuration that does not exist is an error naming the files there are',
        files: files({ 'tp-doctor.yml': publisher('.circleci/publish.yml'), '.circleci/config.yml': config() }),
        errors: [
          {
            messageId: 'circleciConfigMissing',
            at: '7:17-7:38',
            file: 'tp-doctor.yml',
            severity: 'error',
            message: 'CircleCI configuration ".circleci/publish.yml" does not exist in the repository',
          },
        ],
      },
      {
        name: 'the default configuration missing is a warning (the pipeline definition may run another file)',
        files: files({ 'tp-doctor.yml': publisher() }),
        errors: [{ messageId: 'circleciConfigDefaultMissing', at: '2:15-2:23', file: 'tp-doctor.yml', severity: 'warning' }],
      },
      {
        name: 'near miss: another extension (error when declared)',
        files: files({ 'tp-doctor.yml': publisher('.circleci/release.yml'), '.circleci/release.yaml': config() }),
        errors: [
          {
            messageId: 'circleciConfigNearMiss',
            at: '7:17-7:38',
            severity: 'error',
            message: 'CircleCI configuration ".circleci/release.yml" does not exist; ".circleci/release.yaml" exists, with another extension',
          },
        ],
      },
      {
        name: 'near miss: another case (warning when defaulted)',
        files: files({ 'tp-doctor.yml': publisher(), '.circleci/Config.yml': config() }),
        errors: [{ messageId: 'circleciConfigNearMissDefault', at: '2:15-2:23', severity: 'warning' }],
      },
      {
        name: 'a config.yml of another tool elsewhere is not offered as the CircleCI configuration',
        files: files({ 'tp-doctor.yml': publisher('.circleci/config.yml'), 'docs/config.yml': 'a: 1\n' }),
        errors: [{ messageId: 'circleciConfigMissing', at: '7:17-7:37' }],
      },
      {
        name: 'a configuration without a publishing job: warning',
        files: files({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': config('npm test') }),
        errors: [{ messageId: 'circleciConfigNoPublish', at: '2:15-2:23', severity: 'warning' }],
      },
      {
        name: 'a configuration without a publishing job but an unreadable orb: info',
        files: files({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': config('npm test', ['orbs:', '  release: acme/release@1.2.3']) }),
        errors: [{ messageId: 'circleciConfigNoPublishUnreadable', at: '2:15-2:23', severity: 'info', message: expect.stringContaining('"acme/release@1.2.3"') }],
      },
      {
        name: 'a setup configuration continued with a file the setup job writes at run time: info, saying so',
        files: files({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': setupConfig('/tmp/generated.yml') }),
        errors: [
          {
            messageId: 'circleciConfigNoPublishUnreadable',
            at: '2:15-2:23',
            severity: 'info',
            message:
              'CircleCI configuration ".circleci/config.yml" has no job that tp-doctor sees publishing to registry.npmjs.org; it is a setup configuration (`setup: true`) whose continuation through `continuation/continue` tp-doctor cannot read: "/tmp/generated.yml" is not a file of the repository, so the setup job writes it at run time',
          },
        ],
      },
      {
        name: 'a configuration whose release step runs a pipeline parameter the trigger chooses: info, naming it',
        files: files({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': config('npm ci && << pipeline.parameters.release_command >>', ['parameters:', '  release_command: { type: string, default: "echo none" }']) }),
        errors: [{ messageId: 'circleciConfigNoPublishUnreadable', at: '2:15-2:23', severity: 'info', message: expect.stringContaining("a step's command is the pipeline parameter `pipeline.parameters.release_command`, which the pipeline's trigger chooses") }],
      },
      {
        name: 'a pipeline parameter only as an argument: the default is read, no publish, a warning as before',
        files: files({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': config('npm test --tag << pipeline.parameters.tag >>', ['parameters:', '  tag: { type: string, default: "latest" }']) }),
        errors: [{ messageId: 'circleciConfigNoPublish', at: '2:15-2:23', severity: 'warning' }],
      },
      {
        name: 'a setup configuration without a continuation tp-doctor knows: info',
        files: files({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': config('./generate-and-continue.sh', ['setup: true']) }),
        errors: [{ messageId: 'circleciConfigNoPublishUnreadable', at: '2:15-2:23', severity: 'info', message: expect.stringContaining('whose continuation tp-doctor cannot find') }],
      },
      {
        name: 'a setup configuration continued with a committed file that does not publish: warning',
        files: files({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': setupConfig('.circleci/template.yml'), '.circleci/template.yml': config('npm test') }),
        errors: [{ messageId: 'circleciConfigNoPublish', at: '2:15-2:23', severity: 'warning' }],
      },
    ],
    notCovered: Object.fromEntries(
      ['missing', 'otherExtension', 'caseMismatch', 'similar', 'noWorkflows', 'ciFileMissing', 'ciFileOtherExtension', 'ciFileCase', 'ciFileSimilar', 'ciFileOtherDirectory', 'noCiFile', 'ciFileNoPublish', 'ciFileNoPublishUnreadable', 'calledWorkflowMissing', 'calledWorkflowMissingNoPublish'].map(
        (id) => [id, 'GitHub and GitLab publishers: trusted-workflow-exists.test.ts'],
      ),
    ),
  });
});
