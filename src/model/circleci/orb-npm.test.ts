import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { orbNpmUpgrade } from '../data/orbs.js';
import { loadCircleConfig } from './config.js';
import { orbNpmUpgradeOf } from './orb-npm.js';
import type { CircleJob } from './types.js';

/** The job `j` on `image`, with the node orb pinned at `ref`, whose steps (indented six spaces) are `steps`. */
function jobOf(ref: string, steps: string[], image = 'cimg/node:22.23', head: string[] = []): CircleJob {
  const yaml = ['version: 2.1', ...head, 'orbs:', `  node: ${ref}`, 'jobs:', '  j:', '    docker:', `      - image: ${image}`, '    steps:', ...steps.map((l) => `      ${l}`), ''].join('\n');
  const { config } = loadCircleConfig(new MemoryFs({ '.circleci/config.yml': yaml }));
  const job = config?.jobs.find((x) => x.name === 'j');
  if (!job) throw new Error('no job j');
  return job;
}

const upgradeOf = (job: CircleJob) => {
  const step = job.steps[0];
  return step ? orbNpmUpgradeOf(step, job) : undefined;
};

describe('orbNpmUpgrade (the node orb 1.x to 4.x upgrades npm; 5.0.0 dropped it)', () => {
  it.each([
    ['1.1.6', 'install-npm', 1],
    ['2', 'install', 2],
    ['4.7', 'install-npm', 4],
    ['4.9.0', 'install', 4],
  ])('circleci/node@%s %s upgrades npm (major %s)', (version, command, major) => {
    expect(orbNpmUpgrade('circleci', 'node', version, command)?.major).toBe(major);
  });

  it.each([['5.0.0'], ['5'], ['7.1.0'], ['8']])('circleci/node@%s install upgrades no npm', (version) => {
    expect(orbNpmUpgrade('circleci', 'node', version, 'install')).toBeUndefined();
  });

  it('a version tp-doctor cannot tell leaves it open; other orbs and commands are not in the table', () => {
    expect(orbNpmUpgrade('circleci', 'node', 'volatile', 'install-npm')).toMatchObject({ entry: { command: 'install-npm' } });
    expect(orbNpmUpgrade('circleci', 'node', 'volatile', 'install-npm')?.major).toBeUndefined();
    expect(orbNpmUpgrade('circleci', 'node', undefined, 'install')?.major).toBeUndefined();
    expect(orbNpmUpgrade('circleci', 'node', '4.7', 'install-packages')).toBeUndefined();
    expect(orbNpmUpgrade('acme', 'node', '4.7', 'install-npm')).toBeUndefined();
  });
});

describe('orbNpmUpgradeOf', () => {
  it('node/install-npm: its `version`, else `latest`, under sudo, located at the step', () => {
    const given = upgradeOf(jobOf('circleci/node@4.7', ['- node/install-npm:', "    version: '11.12.0'"]));
    expect(given).toMatchObject({ sudo: true, upgrade: { spec: '11.12.0', text: 'node/install-npm (sudo npm install -g npm@11.12.0)' }, location: { file: '.circleci/config.yml', start: { line: 9, column: 9 }, end: { line: 9, column: 25 } } });
    expect(given?.upgrade.unknown).toBeUndefined();
    expect(upgradeOf(jobOf('circleci/node@4.7', ['- node/install-npm']))?.upgrade.spec).toBe('latest');
  });

  it('node/install: `npm-version`, unless `install-npm` is false', () => {
    expect(upgradeOf(jobOf('circleci/node@3.0.1', ['- node/install:', '    npm-version: "11"']))?.upgrade.spec).toBe('11');
    expect(upgradeOf(jobOf('circleci/node@4.7', ['- node/install']))?.viaOrb).toMatchObject({ command: 'node/install', parameter: 'npm-version', installsNode: true });
    expect(upgradeOf(jobOf('circleci/node@4.7', ['- node/install:', '    install-npm: false']))).toBeUndefined();
    expect(upgradeOf(jobOf('circleci/node@4.7', ['- node/install:', '    install-npm: true']))?.upgrade.spec).toBe('latest');
  });

  it('control: the node orb 5.x and later upgrades no npm', () => {
    expect(upgradeOf(jobOf('circleci/node@5.0.0', ['- node/install']))).toBeUndefined();
    expect(upgradeOf(jobOf('circleci/node@7.1.0', ['- node/install']))).toBeUndefined();
  });

  it('an orb version, a switch or a spec tp-doctor cannot read: an upgrade to an unknown npm', () => {
    expect(upgradeOf(jobOf('circleci/node@volatile', ['- node/install']))?.upgrade.unknown).toContain('tp-doctor cannot tell which version "circleci/node@volatile" is');
    expect(upgradeOf(jobOf('circleci/node@4.7', ['- node/install:', '    install-npm: << pipeline.parameters.npm >>'], undefined, ['parameters:', '  npm: { type: boolean }']))?.upgrade.unknown).toContain('cannot resolve `install-npm:');
    expect(upgradeOf(jobOf('circleci/node@4.7', ['- node/install-npm:', '    version: << pipeline.parameters.npm >>'], undefined, ['parameters:', '  npm: { type: string }']))?.upgrade.unknown).toContain('which tp-doctor cannot resolve');
  });

  it("a spec from a pipeline parameter's default is read, and marked as assumed", () => {
    const u = upgradeOf(jobOf('circleci/node@4.7', ['- node/install-npm:', '    version: << pipeline.parameters.npm >>'], undefined, ['parameters:', '  npm: { type: string, default: "11.12.0" }']));
    expect(u).toMatchObject({ upgrade: { spec: '11.12.0' }, assumed: true });
  });

  it("node orb 1.x on an Alpine image installs Alpine's npm package: unknown; 2.x does not", () => {
    expect(upgradeOf(jobOf('circleci/node@1.1.6', ['- node/install-npm'], 'node:22-alpine'))?.upgrade.unknown).toContain("Alpine's `npm` package");
    expect(upgradeOf(jobOf('circleci/node@2.1.1', ['- node/install-npm'], 'node:22-alpine'))?.upgrade.unknown).toBeUndefined();
  });
});
