/**
 * `npm run update-data` (scripts/update-data.mjs): its pure transform and rendering, on saved
 * registry and node-releases data (test/data/update-data/). No network.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OUTPUT, renderReleases, transformReleaseData } from '../scripts/update-data.mjs';
import * as generated from '../src/model/data/generated/releases.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const json = (file: string): unknown => JSON.parse(readFileSync(path.join(ROOT, 'test/data/update-data', file), 'utf8'));

interface Data {
  dataDate: string;
  nodeReleasesVersion: string;
  npmLatest: string;
  npmLatestEngines: string;
  npm: { version: string; date: string }[];
  node: { version: string; date: string; lts?: string }[];
  lts: { major: number; codename: string; since: string }[];
  lines: { major: number; start: string; end: string }[];
}

function input(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    npmView: json('npm-view.json'),
    nodeEnvs: json('node-envs.json'),
    nodeSchedule: json('release-schedule.json'),
    nodeReleasesVersion: '2.0.67',
    today: '2026-12-03',
    ...overrides,
  };
}

const transform = (overrides: Record<string, unknown> = {}): Data => transformReleaseData(input(overrides) as never) as Data;

describe('update-data transform', () => {
  const data = transform();

  it('records the data date and the node-releases version', () => {
    expect(data.dataDate).toBe('2026-12-03');
    expect(data.nodeReleasesVersion).toBe('2.0.67');
  });

  it('reads npm latest and its engines', () => {
    expect(data.npmLatest).toBe('12.2.2');
    expect(data.npmLatestEngines).toBe('^22.22.2 || ^24.15.0 || >=26.0.0');
  });

  it('keeps every npm release from 10 on, the last of lines 6–9, no prerelease, sorted, dated by day', () => {
    expect(data.npm.map((r) => r.version)).toEqual([
      '6.14.18',
      '7.24.2',
      '9.9.4',
      '10.0.0',
      '10.9.4',
      '10.9.9',
      '11.5.1',
      '11.10.0',
      '11.11.0',
      '11.21.1',
      '11.21.2',
      '12.0.0',
      '12.2.0',
      '12.2.1',
      '12.2.2',
    ]);
    expect(data.npm.find((r) => r.version === '12.2.2')?.date).toBe('2026-11-04');
    expect(data.npm.find((r) => r.version === '12.2.1')?.date).toBe('2026-10-15');
    expect(data.npm.find((r) => r.version === '11.21.2')?.date).toBe('2026-11-04');
  });

  it('keeps Node 18+ stable releases with their LTS codename in lower case', () => {
    expect(data.node).toEqual([
      { version: '18.0.0', date: '2022-04-18' },
      { version: '18.12.0', date: '2022-10-25', lts: 'hydrogen' },
      { version: '22.14.0', date: '2025-02-11', lts: 'jod' },
      { version: '24.22.0', date: '2026-10-14', lts: 'krypton' },
      { version: '24.23.0', date: '2026-11-30', lts: 'krypton' },
      { version: '26.13.0', date: '2026-10-28', lts: 'lithium' },
      { version: '26.14.0', date: '2026-11-30', lts: 'lithium' },
    ]);
  });

  it('finds each LTS line from 14 on and its first LTS release', () => {
    expect(data.lts).toEqual([
      { major: 14, codename: 'fermium', since: '14.15.0' },
      { major: 16, codename: 'gallium', since: '16.13.0' },
      { major: 18, codename: 'hydrogen', since: '18.12.0' },
      { major: 22, codename: 'jod', since: '22.14.0' },
      { major: 24, codename: 'krypton', since: '24.22.0' },
      { major: 26, codename: 'lithium', since: '26.13.0' },
    ]);
  });

  it('lists the release lines from 18 on that have started by the data date', () => {
    expect(data.lines).toEqual([
      { major: 18, start: '2022-04-19', end: '2025-04-30' },
      { major: 22, start: '2024-04-24', end: '2027-04-30' },
      { major: 24, start: '2025-05-06', end: '2028-04-30' },
      { major: 26, start: '2026-05-05', end: '2029-04-30' },
    ]);
    expect(transform({ today: '2027-05-01' }).lines.map((l) => l.major)).toEqual([18, 22, 24, 26, 27]);
  });

  it('ignores non-version keys of `time` (the registry adds created and modified)', () => {
    const view = json('npm-view.json') as { time: Record<string, string> };
    view.time['created'] = '2010-09-29T21:40:55.906Z';
    view.time['modified'] = '2026-11-04T23:03:00.114Z';
    expect(transform({ npmView: view }).npm).toEqual(data.npm);
  });

  it.each([
    [{ npmView: null }, /not a JSON object/],
    [{ npmView: { 'dist-tags': { latest: '12.2.2' }, engines: { node: '>=22' } } }, /no `time` map/],
    [{ npmView: { time: {}, engines: { node: '>=22' } } }, /no `dist-tags.latest`/],
    [{ npmView: { time: { '12.2.2': '2026-11-04T00:00:00Z' }, 'dist-tags': { latest: '12.2.2' } } }, /no `engines.node`/],
    [{ npmView: { time: {}, 'dist-tags': { latest: '12.2.2' }, engines: { node: '>=22' } } }, /not in the `time` map/],
    [{ nodeEnvs: {} }, /envs.json is not a list/],
    [{ nodeEnvs: [] }, /lists no Node 18\+ release/],
    [{ nodeSchedule: { v24: { start: '2025-05-06' } } }, /v24 has no start or end/],
    [{ today: '3 Dec 2026' }, /YYYY-MM-DD/],
  ])('a malformed input gives a clear error (%#)', (overrides, message) => {
    expect(() => transform(overrides)).toThrow(message);
  });
});

describe('update-data rendering', () => {
  const text = renderReleases(transform());

  it('writes a header that says it is generated, and the data date', () => {
    expect(text.split('\n')[0]).toMatch(/^\/\/ GENERATED by scripts\/update-data\.mjs/);
    expect(text).toContain("export const DATA_DATE = '2026-12-03';");
    expect(text).toContain("export const NPM_DIST_TAG_LATEST = '12.2.2';");
    expect(text).toContain("  { version: '26.14.0', date: '2026-11-30', lts: 'lithium' },");
    expect(text).toContain("  { major: 26, codename: 'lithium', since: '26.13.0' },");
    expect(text.endsWith('\n')).toBe(true);
  });

  it('the committed generated file is exactly what the script renders from its own values (not edited by hand)', () => {
    const committed = readFileSync(path.join(ROOT, OUTPUT), 'utf8');
    const rendered = renderReleases({
      dataDate: generated.DATA_DATE,
      nodeReleasesVersion: generated.NODE_RELEASES_PACKAGE,
      npmLatest: generated.NPM_DIST_TAG_LATEST,
      npmLatestEngines: generated.NPM_LATEST_ENGINES,
      npm: [...generated.NPM_RELEASES],
      node: [...generated.NODE_RELEASE_DATES],
      lts: [...generated.NODE_LTS_LINES],
      lines: [...generated.NODE_LINES],
    });
    expect(rendered).toBe(committed);
  });
});
