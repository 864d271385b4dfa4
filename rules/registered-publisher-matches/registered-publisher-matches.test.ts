import { describe, expect, it } from 'vitest';
import type { PackageRegistration, RegisteredPublisher, RegistryFacts } from '../../src/model/core/registrations.js';
import { GITHUB_PKG, gitlabRepo, lintRule, publisherConfig, releaseWorkflow, ruleTester } from '../../test/rule-tester.js';

const RULE = 'registered-publisher-matches';
const REGISTRY = 'https://registry.npmjs.org/';
const WF = '.github/workflows/release.yml';

function facts(packages: PackageRegistration[], credentials = true): RegistryFacts {
  return { registry: REGISTRY, packages, ...(credentials ? { credentials: { source: '~/.npmrc' } } : {}) };
}

function registered(name: string, publishers: RegisteredPublisher[]): PackageRegistration {
  return { name, exists: 'yes', trust: { ok: true, publishers } };
}

function github(fields: Partial<Extract<RegisteredPublisher, { type: 'github' }>> = {}): RegisteredPublisher {
  return { type: 'github', id: 'id-1', repository: 'acme/widget', file: 'release.yml', actions: ['publish'], permissionsListed: true, ...fields };
}

const repo = (config = publisherConfig({}), workflow = releaseWorkflow()): Record<string, string> => ({
  'package.json': GITHUB_PKG,
  'tp-doctor.yml': config,
  [WF]: workflow,
});

const SCOPED = { ...repo(), 'package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } }) };
const SCOPED_MISSING: PackageRegistration = { name: '@acme/widget', exists: 'no', trust: { ok: false, reason: 'not-found', detail: 'x' } };
const UNDECLARED = { 'package.json': GITHUB_PKG, [WF]: releaseWorkflow() };
const ENV_NPM = releaseWorkflow().replace('    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    environment: npm\n');

const GITLAB_CI = ['publish:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: npm:registry.npmjs.org', '  script:', '    - npm publish', ''].join('\n');
const GITLAB_CONFIG = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
const gitlab = (fields: Partial<Extract<RegisteredPublisher, { type: 'gitlab' }>> = {}): RegisteredPublisher => ({
  type: 'gitlab',
  id: 'g1',
  project: 'acme/widget',
  file: '.gitlab-ci.yml',
  actions: ['publish'],
  permissionsListed: true,
  ...fields,
});

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: [
      { name: 'does nothing offline', files: repo() },
      { name: 'is silent when the registration matches', files: repo(), registrations: facts([registered('widget', [github()])]) },
      { name: 'without a declaration: silent when the registration matches the workflows', files: UNDECLARED, registrations: facts([registered('widget', [github()])]) },
      { name: 'GitLab: is silent when the registration matches', files: gitlabRepo(GITLAB_CI, GITLAB_CONFIG), registrations: facts([registered('widget', [gitlab()])]) },
    ],
    invalid: [
      {
        name: 'notRegistered: no trusted publisher, with the npm trust command that registers it',
        files: repo(),
        registrations: facts([registered('widget', [])]),
        errors: [
          {
            messageId: 'notRegistered',
            at: '4:15-4:26',
            file: 'tp-doctor.yml',
            severity: 'error',
            message: 'Package "widget" has no trusted publisher on https://registry.npmjs.org/; expected GitHub Actions ("release.yml")',
            fix: expect.stringContaining('`npm trust github widget --file release.yml --repository acme/widget --allow-publish`'),
          },
        ],
      },
      {
        name: 'fieldDiffers: another workflow file is registered, both values named, at `workflow`',
        files: repo(),
        registrations: facts([registered('widget', [github({ file: 'publish.yml' })])]),
        errors: [
          {
            messageId: 'fieldDiffers',
            at: '4:15-4:26',
            file: 'tp-doctor.yml',
            message: 'The trusted publisher of "widget" on https://registry.npmjs.org/ has workflow file "publish.yml", but the config says "release.yml"',
            data: { registered: '"publish.yml"', expected: '"release.yml"', target: '`publishers[0].workflow`', id: 'id-1' },
          },
        ],
      },
      {
        name: 'fieldDiffers: the repository differs in case',
        files: repo(),
        registrations: facts([registered('widget', [github({ repository: 'Acme/widget' })])]),
        errors: [{ messageId: 'fieldDiffers', at: '3:17-3:28', file: 'tp-doctor.yml', data: { field: 'repository', registered: '"Acme/widget"', expected: '"acme/widget"' } }],
      },
      {
        name: 'fieldDiffers: an environment is registered that nobody expects',
        files: repo(),
        registrations: facts([registered('widget', [github({ environment: 'prod' })])]),
        errors: [{ messageId: 'fieldDiffers', at: '4:15-4:26', file: 'tp-doctor.yml', data: { field: 'environment', registered: '"prod"', expected: 'no environment' } }],
      },
      {
        name: 'environmentNotRegistered: the declared environment is not registered (warning)',
        files: repo(publisherConfig({ environment: 'npm' }), ENV_NPM),
        registrations: facts([registered('widget', [github()])]),
        errors: [{ messageId: 'environmentNotRegistered', at: '5:18-5:21', file: 'tp-doctor.yml', severity: 'warning' }],
      },
      {
        name: 'declarationStale: the registration matches the workflows, the config does not (warning)',
        files: repo(publisherConfig({ environment: 'prod' }), ENV_NPM),
        registrations: facts([registered('widget', [github({ environment: 'npm' })])]),
        errors: [
          {
            messageId: 'declarationStale',
            at: '5:18-5:22',
            file: 'tp-doctor.yml',
            severity: 'warning',
            message: 'The config declares environment "prod" for "widget", but npm has "npm" registered, which is what the workflows use',
          },
        ],
      },
      {
        name: 'providerDiffers: a GitLab publisher is registered for a GitHub-published package',
        files: repo(),
        registrations: facts([registered('widget', [gitlab()])]),
        errors: [{ messageId: 'providerDiffers', at: '2:15-2:21', file: 'tp-doctor.yml', data: { registered: 'GitLab CI/CD', expected: 'GitHub Actions ("release.yml")', id: 'g1' } }],
      },
      {
        name: 'actionNotAllowed: the workflow runs npm publish, the registration allows stage publish only',
        files: repo(),
        registrations: facts([registered('widget', [github({ actions: ['stage-publish'] })])]),
        errors: [
          {
            messageId: 'actionNotAllowed',
            at: '14:14-14:25',
            file: WF,
            data: { job: 'publish', command: 'npm publish', action: '"publish"', allowed: '"stage publish"' },
            fix: expect.stringContaining('--allow-publish --allow-stage-publish'),
          },
        ],
      },
      {
        name: 'actionNotAllowed: a record without permissions allows publish only',
        files: repo(publisherConfig({}), releaseWorkflow('npm stage publish')),
        registrations: facts([registered('widget', [github({ actions: ['publish'], permissionsListed: false })])]),
        errors: [{ messageId: 'actionNotAllowed', at: '14:14-14:31', file: WF, data: { action: '"stage publish"', allowed: '"publish"' } }],
      },
      {
        name: 'actionsDiffer: the declared allowed actions are not the registered ones (warning)',
        files: repo(publisherConfig({ extra: '    allowedActions: [publish, stage-publish]' })),
        registrations: facts([registered('widget', [github()])]),
        errors: [{ messageId: 'actionsDiffer', at: '5:21-5:45', file: 'tp-doctor.yml', data: { expected: '"publish" and "stage publish"', registered: '"publish"' } }],
      },
      {
        name: 'packageMissing: the package does not exist (error)',
        files: repo(),
        registrations: facts([{ name: 'widget', exists: 'no', trust: { ok: false, reason: 'not-found', detail: 'x' } }], false),
        errors: [{ messageId: 'packageMissing', at: '4:15-4:26', file: 'tp-doctor.yml', severity: 'error' }],
      },
      {
        name: 'packageMaybeMissing: a scoped package not found without credentials (warning)',
        files: SCOPED,
        registrations: facts([SCOPED_MISSING], false),
        errors: [{ messageId: 'packageMaybeMissing', at: '4:15-4:26', file: 'tp-doctor.yml' }],
      },
      {
        name: 'packageMissing: with credentials a 404 is an answer',
        files: SCOPED,
        registrations: facts([SCOPED_MISSING], true),
        errors: [{ messageId: 'packageMissing', at: '4:15-4:26', file: 'tp-doctor.yml' }],
      },
      {
        name: 'checkUnavailable: without credentials, one info per publisher and reason',
        files: repo(),
        registrations: facts(
          [{ name: 'widget', exists: 'yes', trust: { ok: false, reason: 'no-credentials', detail: 'no npm credentials for https://registry.npmjs.org/' } }],
          false,
        ),
        errors: [
          {
            messageId: 'checkUnavailable',
            at: '4:15-4:26',
            file: 'tp-doctor.yml',
            severity: 'info',
            message: 'Could not read the trusted publishers registered for "widget" on https://registry.npmjs.org/: no npm credentials for https://registry.npmjs.org/',
            fix: expect.stringContaining('npm login'),
          },
        ],
      },
      {
        name: 'existenceUnknown: the packument could not be read',
        files: repo(),
        registrations: facts([
          {
            name: 'widget',
            exists: 'unknown',
            existenceProblem: { reason: 'timeout', detail: 'GET /widget: no answer within 10 s (3 attempts)' },
            trust: { ok: true, publishers: [github()] },
          },
        ]),
        errors: [{ messageId: 'existenceUnknown', at: '4:15-4:26', file: 'tp-doctor.yml', data: { packages: '"widget"', detail: 'GET /widget: no answer within 10 s (3 attempts)' } }],
      },
      {
        name: 'without a declaration: compares with the workflows and points at the publish command',
        files: UNDECLARED,
        registrations: facts([registered('widget', [github({ file: 'publish.yml' })])]),
        errors: [
          {
            messageId: 'fieldDiffers',
            at: '14:14-14:25',
            file: WF,
            message: 'The trusted publisher of "widget" on https://registry.npmjs.org/ has workflow file "publish.yml", but the workflows use "release.yml"',
          },
        ],
      },
      {
        name: 'GitLab: fieldDiffers: another CI file and project',
        files: gitlabRepo(GITLAB_CI, GITLAB_CONFIG),
        registrations: facts([registered('widget', [gitlab({ file: 'ci/release.yml', project: 'acme/tools/widget' })])]),
        errors: [
          { messageId: 'fieldDiffers', at: '3:14-3:25', file: 'tp-doctor.yml', data: { field: 'project' } },
          { messageId: 'fieldDiffers', at: '4:13-4:27', file: 'tp-doctor.yml', data: { field: 'CI file' } },
        ],
      },
      {
        name: 'GitLab: actionNotAllowed on the script line',
        files: gitlabRepo(GITLAB_CI, GITLAB_CONFIG),
        registrations: facts([registered('widget', [gitlab({ actions: ['stage-publish'] })])]),
        errors: [{ messageId: 'actionNotAllowed', at: '7:7-7:18', file: '.gitlab-ci.yml' }],
      },
    ],
  });

  it('notRegistered: the publish command is the related location', async () => {
    const [d] = await lintRule(RULE, repo(), { registrations: facts([registered('widget', [])]) });
    expect(d?.related.map((r) => `${r.file}:${r.start.line}`)).toEqual([`${WF}:14`]);
  });
});

describe(`${RULE}: a stage publish that an if: tp-doctor cannot evaluate chooses (audit1208 rp01, A.66)`, () => {
  const twoSteps = (stageIf: string, otherIf: string, other = 'npm publish'): string =>
    releaseWorkflow('npm stage publish', [`      - if: ${otherIf}`, `        run: ${other}`]).replace('      - run: npm stage publish', `      - if: ${stageIf}\n        run: npm stage publish`);
  const registrations = facts([registered('widget', [github({ actions: ['publish'] })])]);
  const brief = async (wf: string): Promise<string[]> => (await lintRule(RULE, repo(publisherConfig({}), wf), { registrations })).map((d) => `${d.messageId}@${d.severity} ${d.line}`);
  it('`npm stage publish` under `if: vars.X`, `npm publish` under its negation, publish allowed only: a warning naming the if: and the other publish', async () => {
    const found = await lintRule(RULE, repo(publisherConfig({}), twoSteps("vars.STAGED == 'true'", "vars.STAGED != 'true'")), { registrations });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.line}`)).toEqual(['actionNotAllowed@warning 15']);
    expect(found[0]?.related?.map((r) => `${r.start.line} ${r.label}`).slice(-2)).toEqual([
      "14 the step's `if:`, which tp-doctor cannot evaluate, decides whether this publish runs",
      '17 step 3 of job "publish" also publishes, without this problem',
    ]);
  });
  it('control: an if: that holds on the trigger runs the stage publish: the error stays', async () => {
    expect(await brief(twoSteps("github.event_name == 'push'", "vars.STAGED != 'true'"))).toEqual(['actionNotAllowed@error 15']);
  });
  it('control: the other publish is a stage publish too: the errors stay', async () => {
    expect(await brief(twoSteps("vars.STAGED == 'true'", "vars.STAGED != 'true'", 'npm stage publish --tag next'))).toEqual(['actionNotAllowed@error 15', 'actionNotAllowed@error 17']);
  });
});
