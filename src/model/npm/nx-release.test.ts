import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../yaml/parse.js';
import type { NxProject } from './nx-projects.js';
import { nxReleasePatterns, nxReleaseProjects } from './nx-release.js';

const project = (name: string, dir: string, tags: string[] = []): NxProject => ({ dir, pkg: undefined, config: { name, targets: {}, tags } });
const PROJECTS = [
  project('core', 'libs/core', ['npm', 'scope:public']),
  project('core-e2e', 'apps/core-e2e'),
  project('eslint-plugin', 'tools/eslint-plugin', ['npm']),
  project('vite-plugin', 'libs/vite-plugin'),
  project('@acme/ui', 'packages/ui', ['scope:public']),
];
const names = (patterns: string[]): string[] => nxReleaseProjects(patterns, PROJECTS).map((p) => p.config.name);
const release = (json: unknown) => parseYaml('nx.json', JSON.stringify(json)).root?.get('release');

describe('nxReleaseProjects: the projects nx.json `release` selects, as Nx matches them', () => {
  it('exact project names, scoped names included', () => {
    expect(names(['core', '@acme/ui'])).toEqual(['core', '@acme/ui']);
  });

  it('a name matches whole: `core` is not `core-e2e`', () => {
    expect(names(['core'])).toEqual(['core']);
  });

  it('globs of names, and `*` for every project', () => {
    expect(names(['*-plugin'])).toEqual(['eslint-plugin', 'vite-plugin']);
    expect(names(['*'])).toHaveLength(PROJECTS.length);
  });

  it('an unlabelled pattern that names no project is a glob of project roots', () => {
    expect(names(['libs/*'])).toEqual(['core', 'vite-plugin']);
    expect(names(['packages/ui'])).toEqual(['@acme/ui']);
  });

  it('`tag:`, `name:` and `directory:` labels', () => {
    expect(names(['tag:npm'])).toEqual(['core', 'eslint-plugin']);
    expect(names(['tag:scope:*'])).toEqual(['core', '@acme/ui']);
    expect(names(['name:vite-plugin'])).toEqual(['vite-plugin']);
    expect(names(['directory:tools/*'])).toEqual(['eslint-plugin']);
  });

  it('`!` excludes, whatever its place in the list', () => {
    expect(names(['!core', '*'])).toEqual(['core-e2e', 'eslint-plugin', 'vite-plugin', '@acme/ui']);
    expect(names(['libs/*', '!tag:npm'])).toEqual(['vite-plugin']);
  });

  it('a pattern that matches nothing selects nothing', () => {
    expect(names(['missing', 'tag:none'])).toEqual([]);
  });
});

describe('nxReleasePatterns', () => {
  it('`release.projects` (a list or one string), else every group\'s projects', () => {
    expect(nxReleasePatterns(release({ release: { projects: ['a', 'libs/*'] } }))).toEqual(['a', 'libs/*']);
    expect(nxReleasePatterns(release({ release: { projects: 'tag:npm' } }))).toEqual(['tag:npm']);
    expect(nxReleasePatterns(release({ release: { groups: { npm: { projects: ['a'] }, docker: { projects: 'b' } } } }))).toEqual(['a', 'b']);
    expect(nxReleasePatterns(release({ release: { version: {} } }))).toBeUndefined();
    expect(nxReleasePatterns(release({}))).toBeUndefined();
  });

});
