/**
 * A GitLab job that writes the `.npmrc` for GitLab's own package registry (only its `_authToken`
 * line, `gitlab/sites.ts` `writesGitlabNpmrc`) and then removes that file before the publish
 * (`rm .npmrc`, `rm -f .npmrc`, an overwrite): the line no longer sends the publish to GitLab, as a
 * removed registry line no longer counts (`keptWrites`, ../../src/model/npm/npmrc-kept.ts). The
 * publish then goes to npmjs, and a job without `id_tokens` gets gitlab-npm-id-token's error.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const PKG = JSON.stringify({ name: 'lib', version: '1.0.0', repository: 'https://gitlab.com/acme/lib' });
const TOKEN = 'echo "//${CI_SERVER_HOST}/api/v4/projects/${CI_PROJECT_ID}/packages/npm/:_authToken=${CI_JOB_TOKEN}" >> .npmrc';

function gitlab(script: readonly string[], before: readonly string[] = []): string {
  const list = (key: string, lines: readonly string[]): string[] => (lines.length > 0 ? [`  ${key}:`, ...lines.map((l) => `    - ${l}`)] : []);
  return ['publish:', '  image: node:24', ...list('before_script', before), ...list('script', script), ''].join('\n');
}

function registries(script: readonly string[], before: readonly string[] = []): string[] {
  return loadProject(new MemoryFs({ 'package.json': PKG, '.gitlab-ci.yml': gitlab(script, before) })).facts.sites.map((s) => `${s.certainty} ${s.registry.registry}`);
}

describe("GitLab: the own-registry token line of a removed .npmrc", () => {
  it('rm .npmrc, rm -f .npmrc, an overwrite, before_script: the publish goes to npmjs', () => {
    expect(registries([TOKEN, 'npm ci', 'rm .npmrc', 'npm publish'])).toEqual(['certain npmjs']);
    expect(registries([TOKEN, 'npm ci', 'rm -f .npmrc', 'npm publish'])).toEqual(['certain npmjs']);
    expect(registries([TOKEN, 'rm -f ./.npmrc', 'npm publish'])).toEqual(['certain npmjs']);
    expect(registries(['npm ci', 'rm .npmrc', 'npm publish'], [TOKEN])).toEqual(['certain npmjs']);
    expect(registries([TOKEN, 'echo "access=public" > .npmrc', 'npm publish'])).toEqual(['certain npmjs']);
  });

  it('controls: no removal, removed after the publish, another file removed, written again after the removal', () => {
    expect(registries([TOKEN, 'npm publish'])).toEqual(['certain other']);
    expect(registries([TOKEN, 'npm publish', 'rm .npmrc'])).toEqual(['certain other']);
    expect(registries([TOKEN, 'rm packages/a/.npmrc', 'npm publish'])).toEqual(['certain other']);
    expect(registries([TOKEN, 'cd packages/a && rm .npmrc', 'npm publish'])).toEqual(['certain other']);
    expect(registries([TOKEN, 'rm .npmrc', TOKEN, 'npm publish'])).toEqual(['certain other']);
  });

  it('findings: no id_tokens and the token file removed is an error; kept, no error', async () => {
    const rules = async (script: string[]): Promise<string[]> =>
      (await lintFiles({ 'package.json': PKG, '.gitlab-ci.yml': gitlab(script) })).filter((d) => d.severity === 'error').map((d) => `${d.ruleId}/${d.messageId}`);
    expect(await rules([TOKEN, 'npm ci', 'rm .npmrc', 'npm publish'])).toEqual(['gitlab-npm-id-token/noIdTokens']);
    expect(await rules([TOKEN, 'npm ci', 'npm publish'])).toEqual([]);
  });
});
