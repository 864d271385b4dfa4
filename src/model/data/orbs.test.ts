import { describe, expect, it } from 'vitest';
import { NEVER_PUBLISHING_ORBS, neverPublishingOrb, NPM_RELEASE_TOOL_ORBS, ORB_EXECUTORS, orbExecutor, ORB_SCRIPT_JOBS, orbScriptJob } from './orbs.js';

describe('CircleCI orb tables', () => {
  it.each([
    ['circleci', 'aws-ecr', true],
    ['circleci', 'aws-s3', true],
    ['CircleCI', 'Slack', true],
    ['codecov', 'codecov', true],
    ['circleci', 'orb-tools', true],
    ['circleci', 'github-cli', true],
    ['circleci', 'docker', true],
    ['circleci', 'node', false],
    ['acme', 'auto', false],
    ['acme', 'aws-ecr', false],
    [undefined, 'slack', false],
  ])('%s/%s never publishes to npm: %s', (namespace, name, never) => {
    expect(neverPublishingOrb(namespace, name)).toBe(never);
  });

  it.each([
    ['1.0.2', { image: 'circleci/node:<< parameters.tag >>', tagDefault: 'latest' }],
    ['1', { image: 'circleci/node:<< parameters.tag >>', tagDefault: 'latest' }],
    ['2.0.0', { image: 'cimg/node:<< parameters.tag >>', tagDefault: '13.11' }],
    ['4.7', { image: 'cimg/node:<< parameters.tag >>', tagDefault: '13.11' }],
    ['5.0.0', { image: 'cimg/node:<< parameters.tag >>', tagDefault: 'lts' }],
    ['7.2.1', { image: 'cimg/node:<< parameters.tag >>', tagDefault: 'lts' }],
    ['8.0.0', { image: 'cimg/node:<< parameters.tag >>' }],
    ['volatile', { image: 'cimg/node:<< parameters.tag >>' }],
    ['dev:alpha', { image: 'cimg/node:<< parameters.tag >>' }],
    [undefined, { image: 'cimg/node:<< parameters.tag >>' }],
  ])('circleci/node@%s node/default: %o', (version, want) => {
    expect(orbExecutor('circleci', 'node', version, 'default')).toEqual(want);
  });

  it('knows no other executor or orb', () => {
    expect(orbExecutor('circleci', 'node', '7.2.1', 'browsers')).toBeUndefined();
    expect(orbExecutor('acme', 'node', '7.2.1', 'default')).toBeUndefined();
    expect(orbExecutor(undefined, 'node', '7.2.1', 'default')).toBeUndefined();
  });

  it('orb executor rows cover contiguous majors and put the tag in the image', () => {
    for (const e of ORB_EXECUTORS) {
      expect(e.orb).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
      e.versions.forEach((v, i) => {
        expect(v.majors[0]).toBeLessThanOrEqual(v.majors[1]);
        if (i > 0) expect(v.majors[0]).toBe(e.versions[i - 1]!.majors[1] + 1);
        expect(v.image).toContain('<< parameters.tag >>');
      });
    }
  });

  it('entries are lower case `namespace/name`, without a version', () => {
    for (const orb of NEVER_PUBLISHING_ORBS) expect(orb).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+\*?$/);
    for (const name of NPM_RELEASE_TOOL_ORBS) expect(name).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('ORB_SCRIPT_JOBS (the circleci/node orb job run)', () => {
  it.each([
    ['4.9.0', 'version', '13.11.0', undefined, ['npm', 'else']],
    ['5.2.0', 'version', 'lts', undefined, ['npm', 'else', 'pnpm']],
    ['6.3.0', 'version', 'lts', undefined, ['npm', 'else', 'pnpm']],
    ['7.1.0', undefined, undefined, 'executor', ['npm', 'else', 'pnpm', 'bun']],
  ])('circleci/node@%s: tag parameter %s (default %s), executor parameter %s, managers %j', (version, tagParameter, tagDefault, executorParameter, managers) => {
    const found = orbScriptJob('CircleCI', 'node', version, 'run');
    const row = found!.row;
    expect([row.tagParameter, row.tagDefault, row.executorParameter]).toEqual([tagParameter, tagDefault, executorParameter]);
    expect(row).toMatchObject({ managerParameter: 'pkg-manager', managerDefault: 'npm', directoryParameter: 'app-dir', directoryDefault: '~/project' });
    expect(Object.keys(found!.row.scripts)).toEqual(managers);
    expect(found!.row.scripts['npm']).toEqual({ parameter: 'npm-run', runner: 'npm run' });
    expect(found!.row.scripts['else']).toEqual({ parameter: 'yarn-run', runner: 'yarn run' });
  });

  it.each([
    ['circleci', 'node', 'volatile', 'run'],
    ['circleci', 'node', '8.0.0', 'run'],
    ['circleci', 'node', '3.0.0', 'run'],
    ['circleci', 'node', '7.1.0', 'test'],
    ['acme', 'node', '7.1.0', 'run'],
  ])('%s/%s@%s job %s: not known', (namespace, name, version, job) => {
    expect(orbScriptJob(namespace, name, version, job)).toBeUndefined();
  });

  it('each job runs on an executor ORB_EXECUTORS knows', () => {
    for (const job of ORB_SCRIPT_JOBS) expect(ORB_EXECUTORS.some((e) => e.orb === job.orb && e.executor === job.executor)).toBe(true);
  });
});
