/**
 * allowed-actions-match on GitLab and CircleCI (DOMAIN.md section 0: allowed actions apply to every
 * provider): the declared `allowedActions` of the publisher that names the CI file / configuration
 * against `npm publish` and `npm stage publish` in its publishing jobs.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

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

async function ids(files: Record<string, string>): Promise<string[]> {
  return (await lintFiles(files, { rule: RULE })).map((d) => `${d.messageId}:${d.file}:${d.line}`);
}

describe('allowed-actions-match on GitLab', () => {
  it('stage publish only, the job runs npm publish', async () => {
    const diags = await lintFiles(gitlab('npm publish', '[stage-publish]'), { rule: RULE });
    expect(diags.map((d) => `${d.messageId}:${d.file}:${d.line}`)).toEqual(['publishNotAllowed:.gitlab-ci.yml:7']);
    expect(diags[0]!.message).toBe('Job "release" runs `npm publish` (a direct publish), but the trusted publisher for ".gitlab-ci.yml" allows only "stage publish"; expected `npm stage publish`');
    expect(diags[0]!.fix).toContain('`release.script`');
    expect(diags[0]!.related.map((r) => `${r.file}:${r.start.line}`)).toEqual(['tp-doctor.yml:4']);
  });

  it('publish only, the job stages', async () => {
    expect(await ids(gitlab('npm stage publish', '[publish]'))).toEqual(['stageNotAllowed:.gitlab-ci.yml:7']);
  });

  it('matching actions, or none declared, are silent', async () => {
    expect(await ids(gitlab('npm publish', '[publish]'))).toEqual([]);
    expect(await ids(gitlab('npm stage publish', '[publish, stage-publish]'))).toEqual([]);
    expect(await ids(gitlab('npm publish'))).toEqual([]);
  });
});

describe('allowed-actions-match on CircleCI', () => {
  it('stage publish only, the job runs npm publish', async () => {
    const diags = await lintFiles(circle('npm publish', '[stage-publish]'), { rule: RULE });
    expect(diags.map((d) => `${d.messageId}:${d.file}:${d.line}`)).toEqual(['publishNotAllowed:.circleci/config.yml:7']);
    expect(diags[0]!.message).toContain('the trusted publisher for ".circleci/config.yml" allows only "stage publish"');
    expect(diags[0]!.fix).toContain('`jobs.release.steps`');
  });

  it('publish only, pnpm stage publish is a stage publish', async () => {
    expect(await ids(circle('pnpm stage publish', '[publish]'))).toEqual(['stageNotAllowed:.circleci/config.yml:7']);
  });

  it('the declared configFile is the configuration checked', async () => {
    const files = circle('npm publish', '[stage-publish]', '.circleci/release.yml');
    files['.circleci/config.yml'] = files['.circleci/release.yml']!;
    expect(await ids(files)).toEqual(['publishNotAllowed:.circleci/release.yml:7']);
  });

  it('matching actions, or none declared, are silent', async () => {
    expect(await ids(circle('npm publish', '[publish]'))).toEqual([]);
    expect(await ids(circle('npm publish'))).toEqual([]);
  });
});
