import { describe, expect, it } from 'vitest';
import { afterLocalInstall, localNpmInstall, localNpmSpec } from './local-npm.js';

describe('localNpmInstall', () => {
  it.each([
    ['npm install --prefix ../oidc/ npm@11.6.2', { bin: '../oidc/node_modules/.bin/npm', spec: '11.6.2' }],
    ['npm i npm@^11.5.1 --prefix=./tools', { bin: 'tools/node_modules/.bin/npm', spec: '^11.5.1' }],
    ['npm add --prefix . npm', { bin: 'node_modules/.bin/npm', spec: '*' }],
    ['npm install --prefix ../oidc npm@11 semver', { bin: '../oidc/node_modules/.bin/npm', spec: '11' }],
    // not a local install of npm
    ['npm install -g npm@11.6.2', undefined],
    ['npm install --prefix ../oidc --location=global npm@11', undefined],
    ['npm install --prefix ../oidc semver', undefined],
    ['npm install npm@11.6.2', undefined],
    ['npm install --prefix "$DIR" npm@11', undefined],
    ['npm install --prefix /opt/npm npm@11', undefined],
    ['npm ci --prefix ../oidc', undefined],
    ['pnpm add --prefix ../oidc npm@11', undefined],
  ])('%s', (command, want) => {
    expect(localNpmInstall(command.split(' ').map((w) => w.replace(/^"|"$/g, '')))).toEqual(want);
  });
});

describe('afterLocalInstall / localNpmSpec', () => {
  const words = (s: string): string[] => s.split(' ');
  it('keeps the last install at a path, finds it under another spelling, forgets after a cd', () => {
    let known = afterLocalInstall(undefined, words('npm install --prefix ../oidc npm@11.5.1'));
    known = afterLocalInstall(known, words('npm install --prefix ../oidc/ npm@11.6.2'));
    known = afterLocalInstall(known, words('echo done'));
    expect(localNpmSpec(known, './../oidc//node_modules/.bin/npm')).toBe('11.6.2');
    expect(localNpmSpec(known, 'node_modules/.bin/npm')).toBeUndefined();
    expect(afterLocalInstall(known, words('cd packages/a'))).toBeUndefined();
    expect(afterLocalInstall(known, words('popd'))).toBeUndefined();
  });
});
