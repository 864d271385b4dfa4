import semver from 'semver';
import { describe, expect, it, vi } from 'vitest';
import { NODE_RELEASES, NPM_VERSIONS } from '../data/node-releases.js';
import { bundledNpm, resolveNodeSpec } from './node-version.js';
import { compareNumbers, majorOf, validVersion, versionGte, versionNumbers } from './version-numbers.js';

const EDGE = ['24.1.0', 'v24.1.0', '=24.1.0', ' 24.1.0 ', '24.1.0+build.5', '24.1.0-rc.1', '024.1.0', '24.01.0', '24.1', '24', '24.x', 'lts/*', '', '1.2.3.4',
  '9007199254740991.0.0', '9007199254740992.0.0', '999999999999999.0.0', '1000000000000000.0.0', '0.0.0', '24.1.0-0', 'x.y.z', 'v24', '=24', '24.1.', '.1.2', '1..2', 'v24.1.0-rc.1+b'];

describe('version numbers', () => {
  it('validVersion answers as semver.valid', () => {
    for (const v of [...EDGE, ...NODE_RELEASES.map((r) => r.version)]) expect(validVersion(v), v).toBe(semver.valid(v));
  });

  it('orders versions as semver does: the Node rows, npm releases and prereleases against releases', () => {
    const releases = [...NODE_RELEASES.map((r) => r.version), ...NPM_VERSIONS.filter((v) => !v.includes('-')).slice(0, 400)];
    const pre = ['24.0.0-rc.1', '20.0.0-0', '18.20.0-nightly', '22.14.0-beta.2'];
    const sign = (n: number): number => Math.sign(n);
    const wrong: string[] = [];
    for (const a of [...releases.slice(0, 120), ...pre]) {
      for (const b of releases) if (sign(compareNumbers(versionNumbers(a), versionNumbers(b))) !== semver.compare(a, b)) wrong.push(`${a} ${b}`);
    }
    expect(wrong).toEqual([]);
  });

  it('versionGte answers as semver.gte, and throws where it throws', () => {
    const versions = [...EDGE.filter((v) => semver.valid(v) !== null), '11.5.1', '11.5.10', '11.10.0', '10.99.99', '22.14.0', '22.13.1', '9.0.0'];
    const wrong: string[] = [];
    for (const a of versions) for (const b of versions) if (versionGte(a, b) !== semver.gte(a, b)) wrong.push(`${a} ${b}`);
    expect(wrong).toEqual([]);
    expect(() => versionGte('24', '22.14.0')).toThrow();
    expect(() => versionGte('11.5.1', 'lts/*')).toThrow();
  });

  it('majorOf answers as semver.major, and throws where it throws', () => {
    for (const v of ['24.1.0', '0.10.48', '24.1.0-rc.1', 'v26.0.0']) expect(majorOf(v)).toBe(semver.major(v));
    expect(() => majorOf('24')).toThrow();
  });
});

describe('the Node release table without semver', () => {
  it('resolves a line, an alias and an exact version, and finds their npm, without calling semver', () => {
    const names = ['valid', 'parse', 'major', 'minor', 'gt', 'gte', 'lt', 'lte', 'compare', 'satisfies', 'maxSatisfying', 'validRange'] as const;
    const spies = names.map((name) => vi.spyOn(semver, name));
    try {
      const answers = ['24', '22.x', 'lts/*', 'lts/jod', 'latest', '20.19.0', 'v18.20.8'].map((spec) => {
        const found = resolveNodeSpec(spec);
        return 'version' in found ? bundledNpm(found.version)?.min : found.unknown;
      });
      expect(answers.every((a) => a !== undefined)).toBe(true);
      expect(spies.filter((s) => s.mock.calls.length > 0).map((s) => s.getMockName())).toEqual([]);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});
