import { describe, expect, it } from 'vitest';
import { NEVER_PUBLISHING_ORBS, neverPublishingOrb, NPM_RELEASE_TOOL_ORBS } from './orbs.js';

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

  it('entries are lower case `namespace/name`, without a version', () => {
    for (const orb of NEVER_PUBLISHING_ORBS) expect(orb).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+\*?$/);
    for (const name of NPM_RELEASE_TOOL_ORBS) expect(name).toMatch(/^[a-z0-9-]+$/);
  });
});
