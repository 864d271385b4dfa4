import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../yaml/parse.js';
import type { NxProject } from './nx-projects.js';
import type { WorkspacePackage } from './workspaces.js';
import { nxCommandPackages, nxOptionValues, nxReleaseGroups, nxReleasePatterns, nxReleaseProjects } from './nx-release.js';

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

describe('an `nx release` command line\'s --projects and --groups (survey800a M3)', () => {
  it('reads --projects=a,b, --projects a, -p a, repeated; a shell expansion is unreadable', () => {
    expect(nxOptionValues(['publish', '--projects=core,@acme/ui'], '--projects', '-p')).toEqual(['core', '@acme/ui']);
    expect(nxOptionValues(['publish', '--projects', 'core', '-p', 'vite-plugin'], '--projects', '-p')).toEqual(['core', 'vite-plugin']);
    expect(nxOptionValues(['--projects=core eslint-plugin'], '--projects', '-p')).toEqual(['core', 'eslint-plugin']);
    expect(nxOptionValues(['-p=core'], '--projects', '-p')).toEqual(['core']);
    expect(nxOptionValues(['publish', '--projects=$PROJECTS'], '--projects', '-p')).toBeUndefined();
    expect(nxOptionValues(['publish', '--tag', 'next'], '--projects', '-p')).toBeUndefined();
  });

  it('reads release.groups by name', () => {
    expect([...nxReleaseGroups(release({ release: { groups: { npm: { projects: ['a', 'b'] }, docker: { projects: 'c' } } } }))]).toEqual([['npm', ['a', 'b']], ['docker', ['c']]]);
    expect(nxReleaseGroups(release({ release: { projects: ['a'] } })).size).toBe(0);
  });

  const pkgOf = (p: NxProject): WorkspacePackage => ({ dir: p.dir, name: p.config.name, isRoot: false, private: false, pkg: { name: p.config.name } as WorkspacePackage['pkg'] });
  const ALL = PROJECTS.map(pkgOf);
  const nx = { projects: PROJECTS, groups: new Map([['plugins', ['*-plugin']], ['main', ['core']]]) };
  const kept = (args: string[], facts: typeof nx | undefined = nx): string[] => nxCommandPackages(args, ALL, facts).map((p) => p.dir);

  it('keeps the packages of the matched projects: names, globs, tags, directories, exclusions', () => {
    expect(kept(['publish', '--projects=core'])).toEqual(['libs/core']);
    expect(kept(['publish', '-p', '*-plugin'])).toEqual(['tools/eslint-plugin', 'libs/vite-plugin']);
    expect(kept(['publish', '--projects=tag:npm,!core'])).toEqual(['tools/eslint-plugin']);
    expect(kept(['publish', '--projects', 'packages/*'])).toEqual(['packages/ui']);
  });

  it('--groups keeps its projects, and --projects narrows them further', () => {
    expect(kept(['publish', '--groups=plugins'])).toEqual(['tools/eslint-plugin', 'libs/vite-plugin']);
    expect(kept(['publish', '-g', 'plugins', '--projects=vite-plugin'])).toEqual(['libs/vite-plugin']);
  });

  it('controls: no selector, an unreadable one, unknown projects, or nothing left keep every package', () => {
    const every = ALL.map((p) => p.dir);
    expect(kept(['publish'])).toEqual(every);
    expect(kept(['publish', '--projects=$P'])).toEqual(every);
    expect(nxCommandPackages(['publish', '--projects=core'], ALL, undefined).map((p) => p.dir)).toEqual(every);
    expect(kept(['publish', '--projects=nothing-like-it'])).toEqual(every);
  });
});
