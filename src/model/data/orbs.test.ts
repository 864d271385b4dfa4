import { describe, expect, it } from 'vitest';
import { NEVER_PUBLISHING_ORBS, neverPublishingOrb, NPM_RELEASE_TOOL_ORBS, ORB_EXECUTORS, orbExecutor } from './orbs.js';

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
