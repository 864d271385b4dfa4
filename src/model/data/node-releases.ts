/**
 * Node.js releases, the npm each one bundles, and the npm release lines with their `engines.node`:
 * the data behind DOMAIN.md section 2. This is the ONE file to update when Node or npm ship; see
 * README.md ("Node and npm versions", "Updating the table"). No network at run time: tp-doctor knows what this file
 * knows, as of TABLE_DATE.
 *
 * Sources (checked 2026-11-01):
 * - Node release dates and LTS codenames: the `node-releases` package 2.0.65 (data/processed/envs.json
 *   and data/release-schedule/release-schedule.json), which mirrors nodejs.org/dist/index.json and
 *   the Release working group's schedule.
 * - Bundled npm: the Node.js changelogs (doc/changelogs/CHANGELOG_V18…V26.md, "deps: upgrade npm to
 *   x.y.z") for releases up to 2025; for 2026 the Fedora `nodejsNN-npm` packages, which ship the npm
 *   bundled in the Node tarball (e.g. nodejs24-npm-11.12.1 = Node 24.15.0, nodejs22-npm-10.9.7 =
 *   Node 22.22.2, nodejs26-npm-11.20.0 = Node 26.12.1). 24.6.0 → 11.5.1 is also confirmed by a public
 *   EBADENGINE log (`Actual: {"npm":"11.5.1","node":"v24.6.0"}`).
 * - npm versions and engines: the npm registry document of `npm` (`versions`, `engines.node`,
 *   dist-tag `latest` = 12.2.0 on 2026-11-01).
 *
 * Rows whose bundled npm could not be confirmed carry `npmMax`: `npm` is then the lowest plausible
 * version (the last confirmed one earlier in the same line) and `npmMax` the highest (the next
 * confirmed one, or the newest of that npm line at the time). Rules only call such a row too old
 * when even `npmMax` is too old. Every such row is marked `// estimated` below.
 */

/** The day this table describes. Aliases (`lts/*`, `latest`, `npm@latest`) resolve as of this day. */
export const TABLE_DATE = '2026-11-01';

export interface NodeRelease {
  /** `major.minor.patch`. The table lists every minor of 18–26 plus the patches that matter. */
  readonly version: string;
  /** Release date (YYYY-MM-DD); absent for a few patch rows whose date was not confirmed. */
  readonly date?: string;
  /** The npm bundled with this release (the lowest plausible one when `npmMax` is set). */
  readonly npm: string;
  /** Set when the bundled npm is not confirmed: the highest plausible bundled npm. */
  readonly npmMax?: string;
}

/** An LTS line: its codename (lowercase, as `lts/<codename>` and Docker tags write it) and first LTS release. */
export interface LtsLine {
  readonly major: number;
  readonly codename: string;
  /** The first release of the line that is LTS. */
  readonly since: string;
}

export const LTS_LINES: readonly LtsLine[] = [
  { major: 14, codename: 'fermium', since: '14.15.0' },
  { major: 16, codename: 'gallium', since: '16.13.0' },
  { major: 18, codename: 'hydrogen', since: '18.12.0' },
  { major: 20, codename: 'iron', since: '20.9.0' },
  { major: 22, codename: 'jod', since: '22.11.0' },
  { major: 24, codename: 'krypton', since: '24.11.0' },
  { major: 26, codename: 'lithium', since: '26.13.0' },
];

function r(version: string, date: string | undefined, npm: string, npmMax?: string): NodeRelease {
  const row: { version: string; date?: string; npm: string; npmMax?: string } = { version, npm };
  if (date !== undefined) row.date = date;
  if (npmMax !== undefined) row.npmMax = npmMax;
  return row;
}

/** Sorted by version. */
export const NODE_RELEASES: readonly NodeRelease[] = [
  // Node 8–16: only the rows needed to place these lines (npm 5–8) below npm 11.
  r('8.0.0', '2017-05-30', '5.0.0'),
  r('10.0.0', '2018-04-24', '5.6.0'),
  r('12.0.0', '2019-04-23', '6.9.0'),
  r('12.22.12', '2022-04-05', '6.14.16'),
  r('14.0.0', '2020-04-21', '6.14.4'),
  r('14.15.0', '2020-10-27', '6.14.8'),
  r('14.21.3', '2023-02-16', '6.14.18'),
  r('16.0.0', '2021-04-20', '7.10.0'),
  r('16.13.0', '2021-10-26', '8.1.0'),
  r('16.20.2', '2023-08-09', '8.19.4'),
  // Node 18 (Hydrogen, end of life 2025-04-30).
  r('18.0.0', '2022-04-18', '8.6.0'),
  r('18.1.0', '2022-05-03', '8.8.0'),
  r('18.2.0', '2022-05-17', '8.9.0'),
  r('18.3.0', '2022-06-02', '8.11.0'),
  r('18.4.0', '2022-06-16', '8.12.1'),
  r('18.5.0', '2022-07-06', '8.12.1'),
  r('18.6.0', '2022-07-13', '8.13.2'),
  r('18.7.0', '2022-07-26', '8.15.0'),
  r('18.8.0', '2022-08-24', '8.18.0'),
  r('18.9.0', '2022-09-07', '8.19.1'),
  r('18.10.0', '2022-09-28', '8.19.2'),
  r('18.11.0', '2022-10-13', '8.19.2'),
  r('18.12.0', '2022-10-25', '8.19.2'),
  r('18.13.0', '2023-01-05', '8.19.3'),
  r('18.14.0', '2023-02-01', '9.3.1'),
  r('18.15.0', '2023-03-05', '9.5.0'),
  r('18.16.0', '2023-04-12', '9.5.1'),
  r('18.17.0', '2023-07-18', '9.6.7'),
  r('18.18.0', '2023-09-18', '9.8.1'),
  r('18.19.0', '2023-11-29', '10.2.3'),
  r('18.20.0', '2024-03-26', '10.5.0'),
  r('18.20.8', '2025-03-27', '10.8.2'),
  // Node 20 (Iron, end of life 2026-04-30).
  r('20.0.0', '2023-04-17', '9.6.4'),
  r('20.1.0', '2023-05-03', '9.6.4'),
  r('20.2.0', '2023-05-16', '9.6.6'),
  r('20.3.0', '2023-06-08', '9.6.7'),
  r('20.4.0', '2023-07-04', '9.7.2'),
  r('20.5.0', '2023-07-19', '9.8.0'),
  r('20.6.0', '2023-08-23', '9.8.1'),
  r('20.7.0', '2023-09-18', '10.1.0'),
  r('20.8.0', '2023-09-28', '10.1.0'),
  r('20.9.0', '2023-10-24', '10.1.0'),
  r('20.10.0', '2023-11-22', '10.2.3'),
  r('20.11.0', '2024-01-09', '10.2.4'),
  r('20.12.0', '2024-03-26', '10.5.0'),
  r('20.13.0', '2024-05-07', '10.5.2'),
  r('20.14.0', '2024-05-28', '10.7.0'),
  r('20.15.0', '2024-06-20', '10.7.0'),
  r('20.16.0', '2024-07-24', '10.8.1'),
  r('20.17.0', '2024-08-21', '10.8.2'),
  r('20.18.0', '2024-10-03', '10.8.2'),
  r('20.19.0', '2025-03-13', '10.8.2'),
  r('20.20.0', '2026-01-12', '10.8.2'),
  r('20.20.2', undefined, '10.8.2'),
  // Node 22 (Jod).
  r('22.0.0', '2024-04-24', '10.5.1'),
  r('22.1.0', '2024-05-02', '10.7.0'),
  r('22.2.0', '2024-05-15', '10.7.0'),
  r('22.3.0', '2024-06-11', '10.8.1'),
  r('22.4.0', '2024-07-02', '10.8.1'),
  r('22.5.0', '2024-07-17', '10.8.2'),
  r('22.6.0', '2024-08-06', '10.8.2'),
  r('22.7.0', '2024-08-21', '10.8.2'),
  r('22.8.0', '2024-09-03', '10.8.2'),
  r('22.9.0', '2024-09-17', '10.8.3'),
  r('22.10.0', '2024-10-16', '10.9.0'),
  r('22.11.0', '2024-10-29', '10.9.0'),
  r('22.12.0', '2024-12-02', '10.9.0'),
  r('22.13.0', '2025-01-06', '10.9.2'),
  r('22.14.0', '2025-02-11', '10.9.2'),
  r('22.15.0', '2025-04-22', '10.9.2'),
  r('22.16.0', '2025-05-20', '10.9.2'),
  r('22.17.0', '2025-06-24', '10.9.2'),
  r('22.18.0', '2025-07-31', '10.9.3'),
  r('22.19.0', '2025-08-28', '10.9.3'),
  r('22.20.0', '2025-09-24', '10.9.3'),
  r('22.21.0', '2025-10-20', '10.9.4'),
  r('22.22.0', '2026-01-12', '10.9.4'),
  r('22.22.1', undefined, '10.9.4', '10.9.7'), // estimated
  // 22.22.2 is the first 22.x that npm 12 accepts (`^22.22.2`).
  r('22.22.2', undefined, '10.9.7'),
  r('22.23.0', '2026-06-17', '10.9.7', '10.9.9'), // estimated
  r('22.23.3', undefined, '10.9.9'),
  // Node 23 (end of life 2025-06-01).
  r('23.0.0', '2024-10-16', '10.9.0'),
  r('23.1.0', '2024-10-24', '10.9.0'),
  r('23.2.0', '2024-11-11', '10.9.0'),
  r('23.3.0', '2024-11-20', '10.9.0'),
  r('23.4.0', '2024-12-10', '10.9.2'),
  r('23.5.0', '2024-12-19', '10.9.2'),
  r('23.6.0', '2025-01-07', '10.9.2'),
  r('23.7.0', '2025-01-30', '10.9.2'),
  r('23.8.0', '2025-02-13', '10.9.2'),
  r('23.9.0', '2025-02-26', '10.9.2'),
  r('23.10.0', '2025-03-13', '10.9.2'),
  r('23.11.0', '2025-04-01', '10.9.2'),
  // Node 24 (Krypton). 24.0.0–24.4.x bundle npm 11.3/11.4: "Node 24" alone is not enough.
  r('24.0.0', '2025-05-06', '11.3.0'),
  r('24.1.0', '2025-05-20', '11.3.0'),
  r('24.2.0', '2025-06-09', '11.3.0'),
  r('24.3.0', '2025-06-24', '11.4.2'),
  r('24.4.0', '2025-07-09', '11.4.2'),
  r('24.4.1', '2025-07-15', '11.4.2'),
  // 24.5.0: the first Node release that bundles an npm with trusted publishing (11.5.1).
  r('24.5.0', '2025-07-31', '11.5.1'),
  r('24.6.0', '2025-08-14', '11.5.1'),
  r('24.7.0', '2025-08-27', '11.5.1'),
  r('24.8.0', '2025-09-10', '11.6.0'),
  r('24.9.0', '2025-09-25', '11.6.0'),
  r('24.10.0', '2025-10-08', '11.6.1'),
  r('24.11.0', '2025-10-28', '11.6.1'),
  r('24.11.1', '2025-11-11', '11.6.2'),
  r('24.12.0', '2025-12-10', '11.6.2'),
  r('24.13.0', '2026-01-12', '11.6.2'),
  r('24.14.0', '2026-02-24', '11.6.2', '11.11.0'), // estimated
  r('24.14.1', '2026-03-24', '11.11.0'),
  // 24.15.0 is the first 24.x that npm 12 accepts (`^24.15.0`).
  r('24.15.0', '2026-04-15', '11.12.1'),
  r('24.16.0', '2026-05-21', '11.12.1', '11.16.0'), // estimated
  r('24.17.0', '2026-06-17', '11.12.1', '11.16.0'), // estimated
  r('24.18.0', '2026-06-23', '11.16.0'),
  r('24.19.0', '2026-08-03', '11.16.0', '11.19.0'), // estimated
  r('24.20.0', '2026-08-26', '11.16.0', '11.19.0'), // estimated
  r('24.21.0', '2026-09-07', '11.19.0'),
  r('24.22.0', '2026-10-14', '11.19.0', '11.21.1'), // estimated
  // Node 25 (end of life 2026-06-01).
  r('25.0.0', '2025-10-15', '11.6.2'),
  r('25.1.0', '2025-10-28', '11.6.2'),
  r('25.2.0', '2025-11-11', '11.6.2'),
  r('25.3.0', '2026-01-12', '11.6.2', '11.12.1'), // estimated
  r('25.4.0', '2026-01-19', '11.6.2', '11.12.1'), // estimated
  r('25.5.0', '2026-01-26', '11.6.2', '11.12.1'), // estimated
  r('25.6.0', '2026-02-02', '11.6.2', '11.12.1'), // estimated
  r('25.7.0', '2026-02-24', '11.6.2', '11.12.1'), // estimated
  r('25.8.0', '2026-03-03', '11.6.2', '11.12.1'), // estimated
  r('25.9.0', '2026-03-31', '11.6.2', '11.12.1'), // estimated
  // Node 26 (Lithium, LTS since 26.13.0 on 2026-10-28).
  r('26.0.0', '2026-05-05', '11.12.1', '11.16.0'), // estimated
  r('26.1.0', '2026-05-06', '11.12.1', '11.16.0'), // estimated
  r('26.2.0', '2026-05-20', '11.12.1', '11.16.0'), // estimated
  r('26.3.0', '2026-06-01', '11.12.1', '11.16.0'), // estimated
  r('26.3.1', undefined, '11.16.0'),
  r('26.4.0', '2026-06-24', '11.16.0', '11.20.0'), // estimated
  r('26.5.0', '2026-07-08', '11.16.0', '11.20.0'), // estimated
  r('26.6.0', '2026-08-03', '11.16.0', '11.20.0'), // estimated
  r('26.7.0', '2026-08-05', '11.16.0', '11.20.0'), // estimated
  r('26.8.0', '2026-08-25', '11.16.0', '11.20.0'), // estimated
  r('26.9.0', '2026-09-16', '11.16.0', '11.20.0'), // estimated
  r('26.10.0', '2026-09-21', '11.16.0', '11.20.0'), // estimated
  r('26.11.0', '2026-10-07', '11.16.0', '11.20.0'), // estimated
  r('26.12.0', '2026-10-14', '11.16.0', '11.20.0'), // estimated
  r('26.12.1', undefined, '11.20.0'),
  r('26.13.0', '2026-10-28', '11.20.0', '11.21.1'), // estimated
];

/** An npm release line and the Node versions its `engines.node` accepts (npm checks them strictly when installing itself). */
export interface NpmLine {
  readonly major: number;
  readonly engines: string;
}

export const NPM_LINES: readonly NpmLine[] = [
  { major: 7, engines: '>=10' },
  { major: 8, engines: '^12.13.0 || ^14.15.0 || >=16.0.0' },
  { major: 9, engines: '^14.17.0 || ^16.13.0 || >=18.0.0' },
  { major: 10, engines: '^18.17.0 || >=20.5.0' },
  { major: 11, engines: '^20.17.0 || >=22.9.0' },
  // npm 12 became `latest` on 2026-07-09; from then on `npm install -g npm@latest` fails with
  // EBADENGINE on Node 20, Node 22 < 22.22.2 and Node 24 < 24.15.0.
  { major: 12, engines: '^22.22.2 || ^24.15.0 || >=26.0.0' },
];

/** The first npm that publishes with an OIDC token (trusted publishing), released 2025-07-25. */
export const NPM_FIRST_OIDC = '11.5.1';
/** The first npm with `npm stage publish` (whose trusted publisher must allow stage publish). */
export const NPM_FIRST_STAGE = '11.15.0';
/** What `npm@latest` installs as of TABLE_DATE (npm 12 is `latest` since 2026-07-09). */
export const NPM_LATEST = '12.2.0';
/** The day npm 12 became `latest`, which broke `npm install -g npm@latest` on Node 20 and 22. */
export const NPM_12_LATEST_SINCE = '2026-07-09';

/**
 * npm versions published up to TABLE_DATE: the last of each line up to 9, then every 10.x, 11.x
 * and 12.x release, so that a spec like `^11.5.1` or `11` resolves to what it installs today.
 */
export const NPM_VERSIONS: readonly string[] = [
  '6.14.18',
  '7.24.2',
  '8.19.4',
  '9.9.4',
  ...'0.0 1.0 2.0 2.1 2.2 2.3 2.4 2.5 3.0 4.0 5.0 5.1 5.2 6.0 7.0 8.0 8.1 8.2 8.3 9.0 9.1 9.2 9.3 9.4 9.5 9.6 9.7 9.8 9.9'
    .split(' ')
    .map((v) => `10.${v}`),
  ...'0.0 1.0 2.0 3.0 4.0 4.1 4.2 5.0 5.1 5.2 6.0 6.1 6.2 6.3 6.4 7.0 8.0 9.0 10.0 10.1 11.0 11.1 12.0 12.1 13.0 14.0 14.1 15.0 16.0 17.0 18.0 19.0 19.1 20.0 21.0 21.1'
    .split(' ')
    .map((v) => `11.${v}`),
  '12.0.0',
  '12.0.1',
  '12.0.2',
  '12.1.0',
  '12.2.0',
];
