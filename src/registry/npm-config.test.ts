import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envReplace, normalizeRegistry, readRegistrySettings, type RegistrySettings } from './npm-config.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A home directory and a project, each with an optional .npmrc. */
function setup(files: { user?: string; project?: string }): { home: string; project: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-npmrc-'));
  made.push(root);
  const home = path.join(root, 'home');
  const project = path.join(root, 'project');
  mkdirSync(home);
  mkdirSync(project);
  if (files.user !== undefined) writeFileSync(path.join(home, '.npmrc'), files.user);
  if (files.project !== undefined) writeFileSync(path.join(project, '.npmrc'), files.project);
  return { home, project };
}

function read(files: { user?: string; project?: string }, env: NodeJS.ProcessEnv = {}, registryFlag?: string): RegistrySettings {
  const { home, project } = setup(files);
  const got = readRegistrySettings({ projectDir: project, env: { HOME: home, ...env }, registryFlag });
  if ('error' in got) throw new Error(got.error);
  return got;
}

describe('readRegistrySettings', () => {
  it('defaults to registry.npmjs.org without credentials', () => {
    expect(read({})).toEqual({ registry: 'https://registry.npmjs.org/', registrySource: 'npm default' });
  });

  it('takes --registry over npm_config_registry over the project .npmrc over the user .npmrc', () => {
    const user = 'registry=https://user.example/\n';
    const project = 'registry=https://project.example/\n';
    expect(read({ user }).registry).toBe('https://user.example/');
    expect(read({ user, project })).toMatchObject({ registry: 'https://project.example/', registrySource: '.npmrc (project)' });
    expect(read({ user, project }, { NPM_CONFIG_REGISTRY: 'https://env.example' })).toMatchObject({
      registry: 'https://env.example/',
      registrySource: 'NPM_CONFIG_REGISTRY',
    });
    expect(read({ user, project }, { npm_config_registry: 'https://env.example' }, 'http://127.0.0.1:9/')).toMatchObject({
      registry: 'http://127.0.0.1:9/',
      registrySource: '--registry',
    });
  });

  it('reads the token for the registry host, expanding ${VAR} from the environment', () => {
    const got = read({ user: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' }, { NPM_TOKEN: 'npm_secret' });
    expect(got.auth).toEqual({ header: 'Bearer npm_secret', source: '~/.npmrc' });
  });

  it('names an unset ${VAR} instead of sending it', () => {
    const got = read({ project: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' });
    expect(got.auth).toBeUndefined();
    expect(got.unresolved).toEqual({ variable: 'NPM_TOKEN', source: '.npmrc (project)' });
  });

  it('treats ${VAR?} of an unset variable as no token', () => {
    const got = read({ user: '//registry.npmjs.org/:_authToken=${NPM_TOKEN?}\n' });
    expect(got.auth).toBeUndefined();
    expect(got.unresolved).toBeUndefined();
  });

  it('walks up the registry path to the host, like npm-registry-fetch', () => {
    const user = ['registry=http://127.0.0.1:4873/npm/private/', '//127.0.0.1:4873/:_authToken=host-token', '//other.example/:_authToken=other'].join('\n');
    expect(read({ user }).auth?.header).toBe('Bearer host-token');
    const deeper = `${user}\n//127.0.0.1:4873/npm/:_authToken=path-token\n`;
    expect(read({ user: deeper }).auth?.header).toBe('Bearer path-token');
  });

  it('never sends the token of another host', () => {
    expect(read({ user: '//other.example/:_authToken=other\n' }).auth).toBeUndefined();
  });

  it('reads _auth and username/_password', () => {
    expect(read({ user: '//registry.npmjs.org/:_auth=dXNlcjpwdw==\n' }).auth?.header).toBe('Basic dXNlcjpwdw==');
    const pw = Buffer.from('pw').toString('base64');
    const got = read({ user: `//registry.npmjs.org/:username=user\n//registry.npmjs.org/:_password=${pw}\n` });
    expect(got.auth?.header).toBe(`Basic ${Buffer.from('user:pw').toString('base64')}`);
  });

  it('reads NPM_CONFIG_USERCONFIG instead of ~/.npmrc', () => {
    const { home, project } = setup({ user: '//registry.npmjs.org/:_authToken=home\n' });
    const other = path.join(home, 'other-npmrc');
    writeFileSync(other, '//registry.npmjs.org/:_authToken=other\n');
    const got = readRegistrySettings({ projectDir: project, env: { HOME: home, NPM_CONFIG_USERCONFIG: other } });
    expect(got).toMatchObject({ auth: { header: 'Bearer other', source: other } });
  });

  it('reads a token from an npm_config_//host/:_authToken variable', () => {
    const got = read({}, { 'npm_config_//registry.npmjs.org/:_authToken': 'from-env' });
    expect(got.auth).toEqual({ header: 'Bearer from-env', source: 'npm_config_//registry.npmjs.org/:_authToken' });
  });

  it('project settings win over user settings for the same key', () => {
    const got = read({ user: '//registry.npmjs.org/:_authToken=user\n', project: '//registry.npmjs.org/:_authToken=project\n' });
    expect(got.auth).toEqual({ header: 'Bearer project', source: '.npmrc (project)' });
  });

  it('rejects a registry that is not an http(s) URL', () => {
    const { home, project } = setup({});
    expect(readRegistrySettings({ projectDir: project, env: { HOME: home }, registryFlag: 'file:///tmp' })).toEqual({
      error: 'the registry "file:///tmp" (from --registry) is not an http(s) URL',
    });
  });
});

describe('normalizeRegistry', () => {
  it('adds the trailing slash and drops credentials, query and fragment', () => {
    expect(normalizeRegistry('https://u:p@example.com/npm?x=1#y')).toBe('https://example.com/npm/');
    expect(normalizeRegistry('not a url')).toBeUndefined();
  });
});

describe('envReplace', () => {
  it('expands like npm, with escapes', () => {
    const env = { A: 'a', B: 'b' };
    expect(envReplace('${A}-${B}-${C}-${C?}', env)).toBe('a-b-${C}-');
    expect(envReplace('\\${A}', env)).toBe('${A}');
    expect(envReplace('\\\\${A}', env)).toBe('\\a');
  });
});
