/**
 * trusted-workflow-exists for CircleCI publishers: the declared (or default) `configFile` exists
 * with exactly that path, and has a job that publishes.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'trusted-workflow-exists';
const PKG = JSON.stringify({ name: 'widget', version: '1.0.0' });
const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';

function config(run = `${ID} && npm publish`, head: string[] = []): string {
  return ['version: 2.1', ...head, 'jobs:', '  release:', '    docker:', '      - image: cimg/node:24.15', '    steps:', `      - run: ${run}`, 'workflows:', '  main:', '    jobs: [release]', ''].join('\n');
}

function publisher(configFile?: string): string {
  return [
    'publishers:',
    '  - provider: circleci',
    '    organizationId: 8b4e1c2a-1111-4a5b-9c3d-0123456789ab',
    '    projectId: 5f6a7b8c-2222-4d5e-8f90-abcdef012345',
    '    pipelineDefinitionId: 0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3',
    '    vcsOrigin: github.com/acme/widget',
    ...(configFile === undefined ? [] : [`    configFile: ${configFile}`]),
    '',
  ].join('\n');
}

async function run(files: Record<string, string>): Promise<{ id: string; severity: string; where: string; message: string }[]> {
  return (await lintFiles({ 'package.json': PKG, ...files }, { rule: RULE })).map((d) => ({ id: d.messageId, severity: d.severity, where: `${d.file}:${d.line}`, message: d.message }));
}

describe('trusted-workflow-exists on CircleCI', () => {
  it('the default configuration exists and publishes: silent; a declared one too', async () => {
    expect(await run({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': config() })).toEqual([]);
    expect(await run({ 'tp-doctor.yml': publisher('.circleci/release.yml'), '.circleci/release.yml': config() })).toEqual([]);
    expect(await run({ 'tp-doctor.yml': publisher('./.circleci/release.yml'), '.circleci/release.yml': config() })).toEqual([]);
  });

  it('a declared configuration that does not exist is an error naming the files there are', async () => {
    const diags = await run({ 'tp-doctor.yml': publisher('.circleci/publish.yml'), '.circleci/config.yml': config() });
    expect(diags.map((d) => `${d.id}:${d.severity}:${d.where}`)).toEqual(['circleciConfigMissing:error:tp-doctor.yml:7']);
    expect(diags[0]!.message).toBe('CircleCI configuration ".circleci/publish.yml" does not exist in the repository');
  });

  it('the default configuration missing is a warning (the pipeline definition may run another file)', async () => {
    const diags = await run({ 'tp-doctor.yml': publisher() });
    expect(diags.map((d) => `${d.id}:${d.severity}:${d.where}`)).toEqual(['circleciConfigDefaultMissing:warning:tp-doctor.yml:2']);
  });

  it('near misses: another extension, another case (error when declared, warning when defaulted)', async () => {
    const yaml = await run({ 'tp-doctor.yml': publisher('.circleci/release.yml'), '.circleci/release.yaml': config() });
    expect(yaml.map((d) => `${d.id}:${d.severity}`)).toEqual(['circleciConfigNearMiss:error']);
    expect(yaml[0]!.message).toBe('CircleCI configuration ".circleci/release.yml" does not exist; ".circleci/release.yaml" exists, with another extension');
    const cased = await run({ 'tp-doctor.yml': publisher(), '.circleci/Config.yml': config() });
    expect(cased.map((d) => `${d.id}:${d.severity}`)).toEqual(['circleciConfigNearMissDefault:warning']);
  });

  it('a config.yml of another tool elsewhere is not offered as the CircleCI configuration', async () => {
    const diags = await run({ 'tp-doctor.yml': publisher('.circleci/config.yml'), 'docs/config.yml': 'a: 1\n' });
    expect(diags.map((d) => d.id)).toEqual(['circleciConfigMissing']);
  });

  it('a configuration without a publishing job: warning; with an unreadable orb: info', async () => {
    const none = await run({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': config('npm test') });
    expect(none.map((d) => `${d.id}:${d.severity}`)).toEqual(['circleciConfigNoPublish:warning']);
    const orb = await run({ 'tp-doctor.yml': publisher(), '.circleci/config.yml': config('npm test', ['orbs:', '  release: acme/release@1.2.3']) });
    expect(orb.map((d) => `${d.id}:${d.severity}`)).toEqual(['circleciConfigNoPublishUnreadable:info']);
    expect(orb[0]!.message).toContain('"acme/release@1.2.3"');
  });

  it('an inferred CircleCI publisher is not checked', async () => {
    expect(await run({ '.circleci/config.yml': config() })).toEqual([]);
  });
});
