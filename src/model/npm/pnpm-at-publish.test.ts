import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';
import { detectPackageManager, devEnginesPackageManager, pinnedPnpmMajor, pnpmMajorOfSpec } from './package-manager.js';
import { pnpmAtPublish } from './pnpm-at-publish.js';
import { packageManagerVersion } from './tool-versions.js';

const WF = '.github/workflows/release.yml';
const workflow = (steps: string): string => `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${steps}\n`;

/** The pnpm of the first publish of a one-job workflow: `major source-label [other-label]`. */
function pnpmOf(steps: string, pkg: Record<string, unknown> = {}): string {
  const project = loadProject(new MemoryFs({ [WF]: workflow(steps), 'package.json': JSON.stringify({ name: 'w', ...pkg }) }));
  const site = project.facts.jobSites(project.workflows[0]!.jobs[0]!)[0]!;
  const p = pnpmAtPublish(project, site.publish, project.facts.textsBefore(site));
  return [String(p.major), p.version?.label ?? '-', ...(p.other ? [p.other.label] : [])].join(' | ');
}

describe('pnpmMajorOfSpec', () => {
  const cases: [string, number | 'latest' | undefined][] = [
    ['10.18.0', 10],
    ['v10.18.0', 10],
    ['10', 10],
    ['10.x', 10],
    ['^10.2.0', 10],
    ['~9.15.0', 9],
    ['latest-10', 10],
    ['next-11', 11],
    ['latest', 'latest'],
    ['', 'latest'],
    ['>=9', undefined],
    ['9 || 10', undefined],
    ['nightly', undefined],
  ];
  for (const [spec, major] of cases) it(`"${spec}" → ${String(major)}`, () => expect(pnpmMajorOfSpec(spec)).toBe(major));
});

describe('pnpmAtPublish: the pnpm a job installs before the publish', () => {
  it.each([
    ['corepack prepare pnpm@10.18.0 --activate', '10 | "corepack prepare pnpm@10.18.0 --activate"'],
    ['corepack prepare pnpm@latest-10 --activate', '10 | "corepack prepare pnpm@latest-10 --activate"'],
    ['corepack use pnpm@10.18.0', '10 | "corepack use pnpm@10.18.0"'],
    ['npm i -g pnpm@10', '10 | "npm i -g pnpm@10"'],
    ['pnpm self-update 10.18.0', '10 | "pnpm self-update 10.18.0"'],
    ['pnpm self-update', 'latest | "pnpm self-update"'],
  ])('`%s` in an earlier step', (line, want) => {
    expect(pnpmOf(`      - run: ${line}\n      - run: pnpm publish`)).toBe(want);
  });

  it('control: an install after the publish does not count', () => {
    expect(pnpmOf('      - run: pnpm publish\n      - run: corepack prepare pnpm@10.18.0 --activate')).toBe('undefined | -');
  });

  it('an install on the other side of pnpm 11 from `packageManager`: the one that runs npm, the other named', () => {
    expect(pnpmOf('      - run: corepack prepare pnpm@10.18.0 --activate\n      - run: pnpm publish', { packageManager: 'pnpm@11.1.3' })).toBe(
      '10 | "corepack prepare pnpm@10.18.0 --activate" | `packageManager` in package.json',
    );
    expect(pnpmOf('      - run: npm i -g pnpm@11\n      - run: pnpm publish', { packageManager: 'pnpm@10.18.0' })).toBe('10 | `packageManager` in package.json | "npm i -g pnpm@11"');
  });

  it('control: an install of the same side as `packageManager`, or `corepack use`, decides alone', () => {
    expect(pnpmOf('      - run: npm i -g pnpm@9\n      - run: pnpm publish', { packageManager: 'pnpm@10.18.0' })).toBe('9 | "npm i -g pnpm@9"');
    expect(pnpmOf('      - run: corepack use pnpm@10.18.0\n      - run: pnpm publish', { packageManager: 'pnpm@11.1.3' })).toBe('10 | "corepack use pnpm@10.18.0"');
  });

  it('`devEngines.packageManager` when `packageManager` is absent', () => {
    expect(pnpmOf('      - run: pnpm publish', { devEngines: { packageManager: { name: 'pnpm', version: '10.x' } } })).toBe('10 | `devEngines.packageManager` in package.json');
    expect(pnpmOf('      - run: pnpm publish', { packageManager: 'pnpm@11.1.3', devEngines: { packageManager: { name: 'pnpm', version: '10.x' } } })).toBe('11 | `packageManager` in package.json');
    // `onFail: warn` or `ignore` lets another pnpm run: it pins nothing (`error`, the default, does).
    expect(pnpmOf('      - run: pnpm publish', { devEngines: { packageManager: { name: 'pnpm', version: '10.x', onFail: 'warn' } } })).toBe('undefined | -');
    expect(pnpmOf('      - run: pnpm publish', { devEngines: { packageManager: { name: 'pnpm', version: '10.x', onFail: 'error' } } })).toBe('10 | `devEngines.packageManager` in package.json');
  });
});

describe('devEngines.packageManager', () => {
  const load = (pkg: Record<string, unknown>) => loadProject(new MemoryFs({ 'package.json': JSON.stringify({ name: 'w', ...pkg }) }));

  it('an object, or the first entry of a list with a name and a version', () => {
    expect(devEnginesPackageManager(load({ devEngines: { packageManager: { name: 'pnpm', version: '10.x' } } }).packageJson?.root)).toMatchObject({ name: 'pnpm', spec: '10.x' });
    const list = [{ name: 'yarn' }, { name: 'pnpm', version: '^10.2.0' }];
    expect(devEnginesPackageManager(load({ devEngines: { packageManager: list } }).packageJson?.root)).toMatchObject({ name: 'pnpm', spec: '^10.2.0' });
    expect(devEnginesPackageManager(load({ devEngines: { runtime: { name: 'node', version: '24' } } }).packageJson?.root)).toBeUndefined();
  });

  it('is the repository package manager and pnpm version when `packageManager` is absent', () => {
    const project = load({ devEngines: { packageManager: { name: 'pnpm', version: '10.x' } } });
    expect(project.facts.packageManager).toEqual({ name: 'pnpm', version: '10.x' });
    expect(pinnedPnpmMajor(project)).toBe(10);
    expect(packageManagerVersion(project, 'pnpm')?.label).toBe('`devEngines.packageManager` in package.json');
    expect(packageManagerVersion(project, 'yarn')).toBeUndefined();
  });

  it('control: `packageManager` wins; a range in `packageManager` is not read as a version', () => {
    expect(detectPackageManager('pnpm@11.1.3', () => false, { name: 'pnpm', spec: '10.x' })).toEqual({ name: 'pnpm', version: '11.1.3' });
    expect(detectPackageManager('pnpm@^10', () => true, undefined)).toEqual({ name: 'pnpm' });
    expect(detectPackageManager(undefined, () => false, { name: 'yarn', spec: '4.x' })).toEqual({ name: 'yarn-berry', version: '4.x' });
  });
});
