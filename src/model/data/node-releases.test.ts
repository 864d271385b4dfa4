import semver from 'semver';
import { describe, expect, it } from 'vitest';
import {
  LTS_LINES,
  NODE_RELEASES,
  NPM_FIRST_OIDC,
  NPM_FIRST_STAGE,
  NPM_LATEST,
  NPM_LINES,
  NPM_VERSIONS,
  TABLE_DATE,
  type NodeRelease,
} from './node-releases.js';

function row(version: string): NodeRelease {
  const found = NODE_RELEASES.find((r) => r.version === version);
  if (!found) throw new Error(`no table row for Node ${version}`);
  return found;
}

const engines = (major: number): string => NPM_LINES.find((l) => l.major === major)!.engines;
const rowsOf = (major: number): NodeRelease[] => NODE_RELEASES.filter((r) => semver.major(r.version) === major);
const maxNpm = (r: NodeRelease): string => r.npmMax ?? r.npm;

describe('Node release table: shape', () => {
  it('is sorted by version, without duplicates, with valid versions', () => {
    const versions = NODE_RELEASES.map((r) => r.version);
    for (const v of versions) expect(semver.valid(v), v).toBe(v);
    expect([...versions].sort(semver.compare)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('has dates up to the table date, increasing within each line', () => {
    for (const r of NODE_RELEASES) {
      if (r.date === undefined) continue;
      expect(r.date, r.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.date <= TABLE_DATE, r.version).toBe(true);
    }
    for (const major of [18, 20, 22, 23, 24, 25, 26]) {
      const dates = rowsOf(major).flatMap((r) => (r.date ? [r.date] : []));
      expect([...dates].sort(), `Node ${major}`).toEqual(dates);
    }
  });

  it('gives estimated rows a plausible range, and never lets npm go down within a line', () => {
    for (const r of NODE_RELEASES) {
      expect(semver.valid(r.npm), r.version).toBe(r.npm);
      if (r.npmMax !== undefined) expect(semver.gt(r.npmMax, r.npm), r.version).toBe(true);
    }
    for (const major of [18, 20, 22, 23, 24, 25, 26]) {
      const rows = rowsOf(major);
      rows.slice(1).forEach((r, i) => expect(semver.gte(r.npm, rows[i]!.npm), r.version).toBe(true));
    }
  });

  // Every minor of each line the rules reason about, up to the newest one as of the table date.
  const lastMinor: [number, number][] = [[18, 20], [20, 20], [22, 23], [23, 11], [24, 22], [25, 9], [26, 13]];
  for (const [major, last] of lastMinor) {
    it(`lists every minor of Node ${major} (${major}.0 – ${major}.${last})`, () => {
      const minors = new Set(rowsOf(major).map((r) => semver.minor(r.version)));
      expect([...minors].sort((a, b) => a - b)).toEqual(Array.from({ length: last + 1 }, (_, i) => i));
    });
  }
});

describe('Node release table: boundaries', () => {
  it('24.4.1 bundles npm 11.4.2, still without trusted publishing', () => {
    expect(row('24.4.1').npm).toBe('11.4.2');
    expect(semver.lt(maxNpm(row('24.4.1')), NPM_FIRST_OIDC)).toBe(true);
  });

  it('24.5.0 is the first release that bundles npm 11.5.1 (the first npm with trusted publishing)', () => {
    expect(row('24.5.0').npm).toBe(NPM_FIRST_OIDC);
    const before = NODE_RELEASES.filter((r) => semver.lt(r.version, '24.5.0'));
    for (const r of before) expect(semver.lt(maxNpm(r), NPM_FIRST_OIDC), r.version).toBe(true);
    const after = NODE_RELEASES.filter((r) => semver.gte(r.version, '24.5.0'));
    for (const r of after) expect(semver.gte(r.npm, NPM_FIRST_OIDC), r.version).toBe(true);
  });

  it('Node 18, 20, 22 and 23 bundle npm 10 or older in every release', () => {
    for (const major of [18, 20, 22, 23]) for (const r of rowsOf(major)) expect(semver.major(maxNpm(r)), r.version).toBeLessThanOrEqual(10);
  });

  it('22.22.1 → 22.22.2: the first Node 22 that npm 12 installs on', () => {
    expect(row('22.22.1')).toBeDefined();
    expect(semver.satisfies('22.22.1', engines(12))).toBe(false);
    expect(semver.satisfies('22.22.2', engines(12))).toBe(true);
    expect(row('22.22.2').npm).toBe('10.9.7');
  });

  it('24.14 → 24.15: the first Node 24 that npm 12 installs on', () => {
    expect(semver.satisfies(row('24.14.1').version, engines(12))).toBe(false);
    expect(semver.satisfies(row('24.15.0').version, engines(12))).toBe(true);
    expect(row('24.15.0').npm).toBe('11.12.1');
  });

  it('no Node 20 release accepts npm 12; npm 11 needs 20.17 or 22.9', () => {
    for (const r of rowsOf(20)) expect(semver.satisfies(r.version, engines(12)), r.version).toBe(false);
    expect(semver.satisfies('20.16.0', engines(11))).toBe(false);
    expect(semver.satisfies('20.17.0', engines(11))).toBe(true);
    expect(semver.satisfies('22.8.0', engines(11))).toBe(false);
    expect(semver.satisfies('22.9.0', engines(11))).toBe(true);
  });

  it('npm stage publish (11.15.0) is bundled from 24.18.0 and 26.3.1 on', () => {
    expect(semver.gte(row('24.18.0').npm, NPM_FIRST_STAGE)).toBe(true);
    expect(semver.lt(maxNpm(row('24.15.0')), NPM_FIRST_STAGE)).toBe(true);
    expect(semver.gte(row('26.3.1').npm, NPM_FIRST_STAGE)).toBe(true);
  });
});

describe('LTS lines and npm lines', () => {
  it('names each LTS line from a release in the table', () => {
    for (const line of LTS_LINES) {
      expect(row(line.since).version).toBe(line.since);
      expect(line.codename).toBe(line.codename.toLowerCase());
    }
    expect(LTS_LINES.at(-1)).toMatchObject({ major: 26, codename: 'lithium' });
  });

  it('knows the engines of npm 10, 11 and 12', () => {
    expect(engines(10)).toBe('^18.17.0 || >=20.5.0');
    expect(engines(11)).toBe('^20.17.0 || >=22.9.0');
    expect(engines(12)).toBe('^22.22.2 || ^24.15.0 || >=26.0.0');
  });

  it('has npm versions sorted, with latest = the newest 12.x', () => {
    expect([...NPM_VERSIONS].sort(semver.compare)).toEqual(NPM_VERSIONS);
    expect(NPM_VERSIONS).toContain(NPM_FIRST_OIDC);
    expect(NPM_VERSIONS).toContain(NPM_FIRST_STAGE);
    expect(NPM_LATEST).toBe(NPM_VERSIONS.at(-1));
    expect(semver.major(NPM_LATEST)).toBe(12);
  });
});
