import { describe, expect, it } from 'vitest';
import { rules } from '../index.js';
import { lint } from '../../src/api.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { MemoryFs } from '../../src/fs/source.js';
import type { PackageRegistration, RegisteredPublisher, RegistryFacts } from '../../src/registry/types.js';
import { GITHUB_PKG, gitlabRepo, publisherConfig, releaseWorkflow } from '../../test/helpers.js';

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

async function run(files: Record<string, string>, registrations?: RegistryFacts): Promise<Diagnostic[]> {
  const outcome = await lint({ fs: new MemoryFs(files), rules, registrations });
  if (!outcome.ok) throw new Error(outcome.configErrors.map((e) => e.message).join('; '));
  expect(outcome.internalErrors).toEqual([]);
  return outcome.diagnostics.filter((d) => d.ruleId === RULE);
}

const at = (d: Diagnostic): string => `${d.messageId}@${d.file}:${d.line}:${d.column}`;

const repo = (config = publisherConfig({}), workflow = releaseWorkflow()): Record<string, string> => ({
  'package.json': GITHUB_PKG,
  'tp-doctor.yml': config,
  [WF]: workflow,
});

describe(RULE, () => {
  it('does nothing offline', async () => {
    expect(await run(repo())).toEqual([]);
  });

  it('is silent when the registration matches', async () => {
    expect(await run(repo(), facts([registered('widget', [github()])]))).toEqual([]);
  });

  it('notRegistered: no trusted publisher, with the npm trust command that registers it', async () => {
    const [d, ...rest] = await run(repo(), facts([registered('widget', [])]));
    expect(rest).toEqual([]);
    expect(at(d!)).toBe('notRegistered@tp-doctor.yml:4:15');
    expect(d!.severity).toBe('error');
    expect(d!.message).toBe('Package "widget" has no trusted publisher on https://registry.npmjs.org/; expected GitHub Actions ("release.yml")');
    expect(d!.fix).toContain('`npm trust github widget --file release.yml --repository acme/widget --allow-publish`');
    expect(d!.related.map((r) => `${r.file}:${r.start.line}`)).toEqual([`${WF}:14`]);
  });

  it('fieldDiffers: another workflow file is registered, both values named, at `workflow`', async () => {
    const found = await run(repo(), facts([registered('widget', [github({ file: 'publish.yml' })])]));
    expect(found.map(at)).toEqual(['fieldDiffers@tp-doctor.yml:4:15']);
    expect(found[0]!.message).toBe(
      'The trusted publisher of "widget" on https://registry.npmjs.org/ has workflow file "publish.yml", but the config says "release.yml"',
    );
    expect(found[0]!.data).toMatchObject({ registered: '"publish.yml"', expected: '"release.yml"', target: '`publishers[0].workflow`', id: 'id-1' });
  });

  it('fieldDiffers: the repository differs in case', async () => {
    const found = await run(repo(), facts([registered('widget', [github({ repository: 'Acme/widget' })])]));
    expect(found.map(at)).toEqual(['fieldDiffers@tp-doctor.yml:3:17']);
    expect(found[0]!.data).toMatchObject({ field: 'repository', registered: '"Acme/widget"', expected: '"acme/widget"' });
  });

  it('fieldDiffers: an environment is registered that nobody expects', async () => {
    const found = await run(repo(), facts([registered('widget', [github({ environment: 'prod' })])]));
    expect(found.map(at)).toEqual(['fieldDiffers@tp-doctor.yml:4:15']);
    expect(found[0]!.data).toMatchObject({ field: 'environment', registered: '"prod"', expected: 'no environment' });
  });

  it('environmentNotRegistered: the declared environment is not registered (warning)', async () => {
    const config = publisherConfig({ environment: 'npm' });
    const wf = releaseWorkflow().replace('    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    environment: npm\n');
    const found = await run(repo(config, wf), facts([registered('widget', [github()])]));
    expect(found.map(at)).toEqual(['environmentNotRegistered@tp-doctor.yml:5:18']);
    expect(found[0]!.severity).toBe('warning');
  });

  it('declarationStale: the registration matches the workflows, the config does not (warning)', async () => {
    const config = publisherConfig({ environment: 'prod' });
    const wf = releaseWorkflow().replace('    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    environment: npm\n');
    const found = await run(repo(config, wf), facts([registered('widget', [github({ environment: 'npm' })])]));
    expect(found.map(at)).toEqual(['declarationStale@tp-doctor.yml:5:18']);
    expect(found[0]!.message).toBe('The config declares environment "prod" for "widget", but npm has "npm" registered, which is what the workflows use');
    expect(found[0]!.severity).toBe('warning');
  });

  it('providerDiffers: a GitLab publisher is registered for a GitHub-published package', async () => {
    const gitlab: RegisteredPublisher = { type: 'gitlab', id: 'g1', project: 'acme/widget', file: '.gitlab-ci.yml', actions: ['publish'], permissionsListed: true };
    const found = await run(repo(), facts([registered('widget', [gitlab])]));
    expect(found.map(at)).toEqual(['providerDiffers@tp-doctor.yml:2:15']);
    expect(found[0]!.data).toMatchObject({ registered: 'GitLab CI/CD', expected: 'GitHub Actions ("release.yml")', id: 'g1' });
  });

  it('actionNotAllowed: the workflow runs npm publish, the registration allows stage publish only', async () => {
    const found = await run(repo(), facts([registered('widget', [github({ actions: ['stage-publish'] })])]));
    expect(found.map(at)).toEqual([`actionNotAllowed@${WF}:14:14`]);
    expect(found[0]!.data).toMatchObject({ job: 'publish', command: 'npm publish', action: '"publish"', allowed: '"stage publish"' });
    expect(found[0]!.fix).toContain('--allow-publish --allow-stage-publish');
  });

  it('actionNotAllowed: a record without permissions allows publish only', async () => {
    const wf = releaseWorkflow('npm stage publish');
    const found = await run(repo(publisherConfig({}), wf), facts([registered('widget', [github({ actions: ['publish'], permissionsListed: false })])]));
    expect(found.map(at)).toEqual([`actionNotAllowed@${WF}:14:14`]);
    expect(found[0]!.data).toMatchObject({ action: '"stage publish"', allowed: '"publish"' });
  });

  it('actionsDiffer: the declared allowed actions are not the registered ones (warning)', async () => {
    const config = publisherConfig({ extra: '    allowedActions: [publish, stage-publish]' });
    const found = await run(repo(config), facts([registered('widget', [github()])]));
    expect(found.map(at)).toEqual(['actionsDiffer@tp-doctor.yml:5:21']);
    expect(found[0]!.data).toMatchObject({ expected: '"publish" and "stage publish"', registered: '"publish"' });
  });

  it('packageMissing: the package does not exist (error)', async () => {
    const missing: PackageRegistration = { name: 'widget', exists: 'no', trust: { ok: false, reason: 'not-found', detail: 'x' } };
    const found = await run(repo(), facts([missing], false));
    expect(found.map(at)).toEqual(['packageMissing@tp-doctor.yml:4:15']);
    expect(found[0]!.severity).toBe('error');
  });

  it('packageMaybeMissing: a scoped package not found without credentials (warning)', async () => {
    const pkg = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });
    const missing: PackageRegistration = { name: '@acme/widget', exists: 'no', trust: { ok: false, reason: 'not-found', detail: 'x' } };
    const files = { ...repo(), 'package.json': pkg };
    expect((await run(files, facts([missing], false))).map(at)).toEqual(['packageMaybeMissing@tp-doctor.yml:4:15']);
    // With credentials a 404 is an answer.
    expect((await run(files, facts([missing], true))).map(at)).toEqual(['packageMissing@tp-doctor.yml:4:15']);
  });

  it('checkUnavailable: without credentials, one info per publisher and reason', async () => {
    const noAuth: PackageRegistration = { name: 'widget', exists: 'yes', trust: { ok: false, reason: 'no-credentials', detail: 'no npm credentials for https://registry.npmjs.org/' } };
    const found = await run(repo(), facts([noAuth], false));
    expect(found.map(at)).toEqual(['checkUnavailable@tp-doctor.yml:4:15']);
    expect(found[0]!.severity).toBe('info');
    expect(found[0]!.message).toBe('Could not read the trusted publishers registered for "widget" on https://registry.npmjs.org/: no npm credentials for https://registry.npmjs.org/');
    expect(found[0]!.fix).toContain('npm login');
  });

  it('existenceUnknown: the packument could not be read', async () => {
    const reg: PackageRegistration = {
      name: 'widget',
      exists: 'unknown',
      existenceProblem: { reason: 'timeout', detail: 'GET /widget: no answer within 10 s (3 attempts)' },
      trust: { ok: true, publishers: [github()] },
    };
    const found = await run(repo(), facts([reg]));
    expect(found.map(at)).toEqual(['existenceUnknown@tp-doctor.yml:4:15']);
    expect(found[0]!.data).toMatchObject({ packages: '"widget"', detail: 'GET /widget: no answer within 10 s (3 attempts)' });
  });

  it('without a declaration: compares with the workflows and points at the publish command', async () => {
    const files = { 'package.json': GITHUB_PKG, [WF]: releaseWorkflow() };
    const found = await run(files, facts([registered('widget', [github({ file: 'publish.yml' })])]));
    expect(found.map(at)).toEqual([`fieldDiffers@${WF}:14:14`]);
    expect(found[0]!.message).toBe(
      'The trusted publisher of "widget" on https://registry.npmjs.org/ has workflow file "publish.yml", but the workflows use "release.yml"',
    );
    expect(await run(files, facts([registered('widget', [github()])]))).toEqual([]);
  });

  describe('GitLab', () => {
    const ci = ['publish:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: npm:registry.npmjs.org', '  script:', '    - npm publish', ''].join('\n');
    const config = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
    const gitlab = (fields: Partial<Extract<RegisteredPublisher, { type: 'gitlab' }>> = {}): RegisteredPublisher => ({
      type: 'gitlab',
      id: 'g1',
      project: 'acme/widget',
      file: '.gitlab-ci.yml',
      actions: ['publish'],
      permissionsListed: true,
      ...fields,
    });

    it('is silent when the registration matches', async () => {
      expect(await run(gitlabRepo(ci, config), facts([registered('widget', [gitlab()])]))).toEqual([]);
    });

    it('fieldDiffers: another CI file and project', async () => {
      const found = await run(gitlabRepo(ci, config), facts([registered('widget', [gitlab({ file: 'ci/release.yml', project: 'acme/tools/widget' })])]));
      expect(found.map(at)).toEqual(['fieldDiffers@tp-doctor.yml:3:14', 'fieldDiffers@tp-doctor.yml:4:13']);
      expect(found.map((d) => d.data['field'])).toEqual(['project', 'CI file']);
    });

    it('actionNotAllowed on the script line', async () => {
      const found = await run(gitlabRepo(ci, config), facts([registered('widget', [gitlab({ actions: ['stage-publish'] })])]));
      expect(found.map(at)).toEqual(['actionNotAllowed@.gitlab-ci.yml:7:7']);
    });
  });
});
