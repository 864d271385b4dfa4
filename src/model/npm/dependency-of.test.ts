import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';
import { dependencyOfVersion } from './lockfiles.js';

/** The semantic-release that @qiwi/multi-semantic-release (its own range ^21.0.5) gets: `spec label`, or undefined. */
function of(files: Record<string, string>, dir = ''): string | undefined {
  const v = dependencyOfVersion(loadProject(new MemoryFs({ 'package.json': '{"name":"root"}', ...files })), '@qiwi/multi-semantic-release', 'semantic-release', '^21.0.5', dir);
  return v && `${v.spec} ${v.label}`;
}

const PARENT = '@qiwi/multi-semantic-release';

describe('dependencyOfVersion', () => {
  it('package-lock.json: a workspace\'s own copy of the package, then the root\'s, as Node resolves', () => {
    const lock = JSON.stringify({ lockfileVersion: 3, packages: {
      [`packages/a/node_modules/${PARENT}`]: { version: '7.1.2' },
      'packages/a/node_modules/semantic-release': { version: '21.1.2' },
      [`node_modules/${PARENT}`]: { version: '7.1.2' },
      'node_modules/semantic-release': { version: '25.0.2' },
    } });
    expect(of({ 'package-lock.json': lock }, 'packages/a')).toBe('21.1.2 package-lock.json');
    expect(of({ 'package-lock.json': lock })).toBe('25.0.2 package-lock.json');
  });
  it('package-lock.json v1: nested under the package, else at the top; nothing when the package is not locked', () => {
    const v1 = (nested: boolean): string => JSON.stringify({ lockfileVersion: 1, dependencies: {
      [PARENT]: { version: '7.1.2', ...(nested ? { dependencies: { 'semantic-release': { version: '21.1.2' } } } : {}) },
      'semantic-release': { version: '25.0.2' },
    } });
    expect(of({ 'package-lock.json': v1(true) })).toBe('21.1.2 package-lock.json');
    expect(of({ 'package-lock.json': v1(false) })).toBe('25.0.2 package-lock.json');
    expect(of({ 'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/semantic-release': { version: '25.0.2' } } }) })).toBeUndefined();
  });
  it('pnpm-lock.yaml: the package\'s entries must agree (v6 `packages` too)', () => {
    const v6 = (versions: string[]): string => ['lockfileVersion: \'6.0\'', 'packages:', ...versions.flatMap((v, i) => [`  /${PARENT}@7.1.${i}:`, '    dependencies:', `      semantic-release: ${v}`]), ''].join('\n');
    expect(of({ 'pnpm-lock.yaml': v6(['25.0.2']) })).toBe('25.0.2 pnpm-lock.yaml');
    expect(of({ 'pnpm-lock.yaml': v6(['25.0.2', '21.1.2']) })).toBeUndefined();
  });
  it('yarn.lock: the entry that resolves the range, else the only entry; several others decide nothing', () => {
    const entry = (ranges: string, version: string): string => `${ranges}:\n  version "${version}"\n`;
    expect(of({ 'yarn.lock': entry('semantic-release@^21.0.5', '21.1.2') + entry('semantic-release@^25.0.0', '25.0.2') })).toBe('21.1.2 yarn.lock');
    expect(of({ 'yarn.lock': entry('semantic-release@^25.0.0', '25.0.2') })).toBe('25.0.2 yarn.lock');
    expect(of({ 'yarn.lock': entry('semantic-release@^24.0.0', '24.2.9') + entry('semantic-release@^25.0.0', '25.0.2') })).toBeUndefined();
  });
  it('without a lockfile that says: the root\'s override, else nothing (the package\'s range decides)', () => {
    expect(of({ 'package.json': '{"name":"root","overrides":{"semantic-release":"^25.0.0"}}' })).toBe('^25.0.0 `overrides` in package.json');
    expect(of({})).toBeUndefined();
  });
});
