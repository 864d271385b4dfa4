/**
 * allowed-actions-match on GitLab and CircleCI (docs/domain.md §0: allowed actions apply to every
 * provider): the declared `allowedActions` of the publisher that names the CI file / configuration
 * against `npm publish` and `npm stage publish` in its publishing jobs.
 */
import { describe, expect } from 'vitest';
import { ruleTester } from '../../test/rule-tester.js';

const RULE = 'allowed-actions-match';
const PKG = JSON.stringify({ name: 'widget', version: '1.0.0' });
const ORG = '8b4e1c2a-1111-4a5b-9c3d-0123456789ab';
const PROJECT = '5f6a7b8c-2222-4d5e-8f90-abcdef012345';
const PIPELINE = '0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3';
const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';

function gitlab(command: string, actions?: string): Record<string, string> {
  const ci = ['release:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: npm:registry.npmjs.org', '  script:', `    - ${command}`, ''].join('\n');
  const config = ['publishers:', '  - provider: gitlab', '    project: acme/widget', ...(actions ? [`    allowedActions: ${actions}`] : []), ''].join('\n');
  return { 'package.json': PKG, '.gitlab-ci.yml': ci, 'tp-doctor.yml': config };
}

function circle(command: string, actions?: string, configFile?: string): Record<string, string> {
  const file = configFile ?? '.circleci/config.yml';
  const cfg = ['version: 2.1', 'jobs:', '  release:', '    docker:', '      - image: cimg/node:24.15', '    steps:', `      - run: ${ID} && ${command}`, 'workflows:', '  main:', '    jobs: [release]', ''].join('\n');
  const config = [
    'publishers:',
    '  - provider: circleci',
    `    organizationId: ${ORG}`,
    `    projectId: ${PROJECT}`,
    `    pipelineDefinitionId: ${PIPELINE}`,
    '    vcsOrigin: github.com/acme/widget',
    ...(configFile ? [`    configFile: ${configFile}`] : []),
    ...(actions ? [`    allowedActions: ${actions}`] : []),
    '',
  ].join('\n');
  return { 'package.json': PKG, [file]: cfg, 'tp-doctor.yml': config };
}

/** The CircleCI repository of `circle()` with its configuration moved to `.circleci/template.yml`, which a setup configuration continues with. */
function continued(command: string, actions: string): Record<string, string> {
  const files = circle(command, actions);
  files['.circleci/template.yml'] = files['.circleci/config.yml']!;
  files['.circleci/config.yml'] = [
    'version: 2.1',
    'setup: true',
    'orbs:',
    '  continuation: circleci/continuation@1.1.0',
    'workflows:',
    '  setup:',
    '    jobs:',
    '      - continuation/continue: { configuration_path: .circleci/template.yml }',
    '',
  ].join('\n');
  return files;
}

describe('allowed-actions-match on GitLab and CircleCI', () => {
  const releaseYml = circle('npm publish', '[stage-publish]', '.circleci/release.yml');
  releaseYml['.circleci/config.yml'] = releaseYml['.circleci/release.yml']!;
  ruleTester.run(RULE, {
    valid: [
      { name: 'GitLab: matching actions are silent (publish)', files: gitlab('npm publish', '[publish]') },
      { name: 'GitLab: matching actions are silent (both)', files: gitlab('npm stage publish', '[publish, stage-publish]') },
      { name: 'GitLab: no actions declared is silent', files: gitlab('npm publish') },
      { name: 'CircleCI: matching actions are silent', files: circle('npm publish', '[publish]') },
      { name: 'CircleCI: no actions declared is silent', files: circle('npm publish') },
    ],
    invalid: [
      {
        name: 'GitLab: stage publish only, the job runs npm publish',
        files: gitlab('npm publish', '[stage-publish]'),
        errors: [
          {
            messageId: 'publishNotAllowed',
            at: '7:7-7:18',
            file: '.gitlab-ci.yml',
            message:
              'Job "release" runs `npm publish` (a direct publish), but the trusted publisher for ".gitlab-ci.yml" allows only "stage publish"; expected `npm stage publish`',
            fix: expect.stringContaining('`release.script`'),
            related: ['tp-doctor.yml:4:21 allowed actions declared here'],
          },
        ],
      },
      {
        name: 'GitLab: publish only, the job stages',
        files: gitlab('npm stage publish', '[publish]'),
        errors: [{ messageId: 'stageNotAllowed', at: '7:7-7:24', file: '.gitlab-ci.yml' }],
      },
      {
        name: 'CircleCI: stage publish only, the job runs npm publish',
        files: circle('npm publish', '[stage-publish]'),
        errors: [
          {
            messageId: 'publishNotAllowed',
            at: '7:106-7:117',
            file: '.circleci/config.yml',
            message: expect.stringContaining('the trusted publisher for ".circleci/config.yml" allows only "stage publish"'),
            fix: expect.stringContaining('`jobs.release.steps`'),
          },
        ],
      },
      {
        name: 'CircleCI: publish only, pnpm stage publish is a stage publish',
        files: circle('pnpm stage publish', '[publish]'),
        errors: [{ messageId: 'stageNotAllowed', at: '7:106-7:124', file: '.circleci/config.yml' }],
      },
      {
        name: 'CircleCI: a configuration a setup configuration continues with runs under the publisher of the setup file',
        files: continued('npm publish', '[stage-publish]'),
        errors: [{ messageId: 'publishNotAllowed', at: '7:106-7:117', file: '.circleci/template.yml' }],
      },
      {
        name: 'CircleCI: the declared configFile is the configuration checked',
        files: releaseYml,
        errors: [{ messageId: 'publishNotAllowed', at: '7:106-7:117', file: '.circleci/release.yml' }],
      },
    ],
  });
});
