import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { NODE_LINES, NODE_RELEASE_DATES, NPM_RELEASES } from './generated/releases.js';
import {
  BUNDLED_NPM,
  composeReleases,
  DATA_DATE,
  LTS_LINES,
  NODE_MIN_TRUSTED_PUBLISHING,
  NODE_RELEASES,
  NPM_DIST_TAG_OIDC,
  NPM_FIRST_CIRCLECI_OIDC,
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
  const lastMinor: [number, number][] = [[18, 20], [20, 20], [22, 23], [23, 11], [24, 23], [25, 9], [26, 14]];
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

/** docs/domain.md §0 (verified 2026-12-03): one row per dated fact. */
describe('dated facts, 2026-12-03', () => {
  const npmDate = (v: string): string | undefined => NPM_RELEASES.find((r) => r.version === v)?.date;

  it.each([
    ['12.2.2', '2026-11-04'],
    ['12.2.1', '2026-10-15'],
    ['11.21.2', '2026-11-04'],
  ])('npm %s was released on %s', (version, date) => {
    expect(NPM_VERSIONS).toContain(version);
    expect(npmDate(version)).toBe(date);
  });

  it('npm latest is 12.2.2, with the npm 12 engines unchanged', () => {
    expect(NPM_LATEST).toBe('12.2.2');
    expect(engines(12)).toBe('^22.22.2 || ^24.15.0 || >=26.0.0');
  });

  it.each([
    ['24.23.0', '2026-11-30'],
    ['26.14.0', '2026-11-30'],
  ])('Node %s was released on %s', (version, date) => {
    expect(row(version).date).toBe(date);
  });

  it.each([
    ['26.6.0', '11.18.0'],
    ['24.16.0', '11.13.0'],
    ['24.19.0', '11.17.0'],
  ])('Node %s bundles npm %s (confirmed, not estimated)', (version, npm) => {
    expect(row(version).npm).toBe(npm);
    expect(row(version).npmMax).toBeUndefined();
  });

  it.each([
    ['24.23.0', '11.19.0', '11.21.2'],
    ['26.14.0', '11.20.0', '11.21.2'],
  ])('Node %s (not confirmed) is estimated between npm %s and %s', (version, min, max) => {
    expect(row(version)).toMatchObject({ npm: min, npmMax: max });
  });

  it('the documented Node requirement for trusted and staged publishing is 22.14.0', () => {
    expect(NODE_MIN_TRUSTED_PUBLISHING).toBe('22.14.0');
    expect(row(NODE_MIN_TRUSTED_PUBLISHING).version).toBe('22.14.0');
  });

  it('npm recognises CircleCI from 11.11.0', () => {
    expect(NPM_FIRST_CIRCLECI_OIDC).toBe('11.11.0');
    expect(NPM_VERSIONS).toContain('11.10.0');
    expect(semver.gt(NPM_FIRST_CIRCLECI_OIDC, NPM_FIRST_OIDC)).toBe(true);
  });

  it.each([
    ['11.20.0', false],
    ['11.21.0', true],
    ['11.21.2', true],
    ['12.1.0', false],
    ['12.2.0', true],
    ['12.2.2', true],
    ['10.9.4', false],
  ])('npm %s: `npm dist-tag` exchanges an OIDC token: %s', (version, yes) => {
    expect(semver.satisfies(version, NPM_DIST_TAG_OIDC)).toBe(yes);
  });
});

describe('generated data and its composition', () => {
  it('is dated, and the table date is the data date', () => {
    expect(DATA_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(TABLE_DATE).toBe(DATA_DATE);
    for (const r of NPM_RELEASES) expect(r.date <= DATA_DATE, r.version).toBe(true);
    for (const r of NODE_RELEASE_DATES) expect(r.date <= DATA_DATE, r.version).toBe(true);
  });

  it('lists npm releases sorted, without duplicates, and only stable versions', () => {
    expect([...NPM_VERSIONS].sort(semver.compare)).toEqual(NPM_VERSIONS);
    expect(new Set(NPM_VERSIONS).size).toBe(NPM_VERSIONS.length);
    for (const v of NPM_VERSIONS) expect(semver.valid(v), v).toBe(v);
    expect(NPM_VERSIONS.filter((v) => semver.major(v) < 10)).toEqual(['6.14.18', '7.24.2', '8.19.4', '9.9.4']);
  });

  it('has an end of life for each line the rules reason about', () => {
    expect(NODE_LINES.find((l) => l.major === 20)?.end).toBe('2026-04-30');
    expect(NODE_LINES.find((l) => l.major === 26)).toMatchObject({ start: '2026-05-05', end: '2029-04-30' });
  });

  it('takes the dates of minors from the generated data, never from a hand-written row', () => {
    const generated = new Set(NODE_RELEASE_DATES.map((g) => g.version));
    for (const b of BUNDLED_NPM) {
      if (b.date !== undefined) expect(generated.has(b.version), `${b.version} has a hand-written date but is generated`).toBe(false);
      if (semver.major(b.version) >= 18 && semver.patch(b.version) === 0) expect(generated.has(b.version), b.version).toBe(true);
    }
  });

  it('composes: hand-written npm, generated dates, patch rows kept, unknown old lines left out, new lines estimated', () => {
    const bundled = [
      { version: '22.0.0', npm: '10.5.1' },
      { version: '22.1.0', npm: '10.7.0' },
      { version: '22.1.1', npm: '10.7.1', date: '2024-05-10' },
      { version: '24.0.0', npm: '11.3.0', npmMax: '11.4.0' },
    ];
    const generated = [
      { version: '22.0.0', date: '2024-04-24' },
      { version: '22.1.0', date: '2024-05-02' },
      { version: '22.2.0', date: '2024-05-15' },
      { version: '23.0.0', date: '2024-10-16' },
      { version: '24.0.0', date: '2025-05-06' },
      { version: '24.1.0', date: '2025-05-20' },
      { version: '28.0.0', date: '2027-04-22' },
    ];
    const npm = [
      { version: '10.7.0', date: '2024-05-01' },
      { version: '10.8.0', date: '2024-05-14' },
      { version: '10.9.0', date: '2024-06-01' },
      { version: '11.4.0', date: '2025-05-15' },
      { version: '11.5.0', date: '2025-06-01' },
      { version: '12.0.0', date: '2026-07-09' },
    ];
    expect(composeReleases(bundled, generated, npm)).toEqual([
      { version: '22.0.0', date: '2024-04-24', npm: '10.5.1' },
      { version: '22.1.0', date: '2024-05-02', npm: '10.7.0' },
      { version: '22.1.1', date: '2024-05-10', npm: '10.7.1' },
      // estimated from 22.1.1: the newest 10.x published by 2024-05-15
      { version: '22.2.0', date: '2024-05-15', npm: '10.7.1', npmMax: '10.8.0' },
      // 23: no hand-written row and older than the newest hand-written line: left out
      { version: '24.0.0', date: '2025-05-06', npm: '11.3.0', npmMax: '11.4.0' },
      { version: '24.1.0', date: '2025-05-20', npm: '11.3.0', npmMax: '11.4.0' },
      // a new major: from the previous row, up to the newest npm published by then
      { version: '28.0.0', date: '2027-04-22', npm: '11.3.0', npmMax: '12.0.0' },
    ]);
  });
});
