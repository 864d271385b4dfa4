import { describe, expect, it } from 'vitest';
import { findMisnamed, findNearMiss } from './near-miss.js';

describe('findMisnamed', () => {
  const names = ['CI.yml', 'Release.yaml', 'deploy.yml', 'publish.yml', 'release-notes.yml', 'relase.yml'].sort();

  it('gives what findNearMiss gives for the other extension and a case difference, from names already sorted', () => {
    for (const wanted of ['ci.yml', 'Release.yml', 'release.yaml', 'publish.yaml', 'PUBLISH.yml', 'deploy.YML']) {
      const near = findNearMiss(wanted, names);
      expect(near?.kind, wanted).not.toBe('similar');
      expect(findMisnamed(wanted, names), wanted).toEqual(near);
    }
  });

  it('names the other extension before a case difference, the first in sorted order', () => {
    expect(findMisnamed('Release.yml', names)).toEqual({ kind: 'otherExtension', name: 'Release.yaml' });
    expect(findMisnamed('b.yml', ['B.yml', 'b.yaml'])).toEqual({ kind: 'otherExtension', name: 'b.yaml' });
    expect(findMisnamed('x.yml', ['X.yml', 'x.YML'])).toEqual({ kind: 'caseMismatch', name: 'X.yml' });
  });

  it('gives nothing for a merely similar name or a prefix (findNearMiss says similar)', () => {
    expect(findNearMiss('relese.yml', names)).toEqual({ kind: 'similar', name: 'relase.yml' });
    expect(findMisnamed('relese.yml', names)).toBeUndefined();
    expect(findMisnamed('release.yml', ['release-notes.yml', 'release.yml.bak'])).toBeUndefined();
  });
});
