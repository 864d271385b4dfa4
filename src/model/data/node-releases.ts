/**
 * Node.js releases, the npm each one bundles, and the npm release lines with their `engines.node`:
 * the data behind docs/domain.md §2. Two parts:
 *
 * - `./generated/releases.ts`, written by `npm run update-data` (scripts/update-data.mjs): which
 *   Node minors exist and when they were released, the LTS lines, every npm release, npm's `latest`
 *   dist-tag and its `engines`, and DATA_DATE, the day the registry was read. Never edit it by hand.
 * - This file, hand-written: the npm each Node release bundles (the registry does not say), patch
 *   releases that matter, the engines of each npm line, and the dated facts about npm versions
 *   (first OIDC, first CircleCI OIDC, `npm dist-tag` OIDC, ...). See README.md ("Node and npm
 *   versions", "Updating the data"). No network at run time: tp-doctor knows what these files know,
 *   as of DATA_DATE.
 *
 * Sources of the hand-written rows (checked 2026-12-03):
 * - Bundled npm: the Node.js changelogs (doc/changelogs/CHANGELOG_V18…V26.md, "deps: upgrade npm to
 *   x.y.z") for releases up to 2025 and for 26.6.0 (npm 11.18.0); for 2026 the Fedora
 *   `nodejsNN-npm` packages, which ship the npm bundled in the Node tarball (e.g. nodejs24-npm-11.12.1
 *   = Node 24.15.0, nodejs22-npm-10.9.7 = Node 22.22.2, nodejs26-npm-11.20.0 = Node 26.12.1), and
 *   reports for 24.16.0 (npm 11.13.0) and 24.19.0 (npm 11.17.0). 24.6.0 → 11.5.1 is also confirmed
 *   by a public EBADENGINE log (`Actual: {"npm":"11.5.1","node":"v24.6.0"}`).
 * - npm facts: npm's released source (`npm pack npm@<v>`, `lib/utils/oidc.js`,
 *   `lib/commands/dist-tag.js`) and the npm documentation (docs/domain.md §0).
 *
 * Rows whose bundled npm could not be confirmed carry `npmMax`: `npm` is then the lowest plausible
 * version (the last confirmed one earlier in the same line) and `npmMax` the highest (the next
 * confirmed one, or the newest of that npm line at the time). Rules only call such a row too old
 * when even `npmMax` is too old. Every such row is marked `// estimated` below; a Node minor that the
 * generated data lists but this file does not is estimated the same way (see `composeReleases`).
 */
import {
  DATA_DATE,
  NODE_LINES,
  NODE_LTS_LINES,
  NODE_RELEASE_DATES,
  NPM_DIST_TAG_LATEST,
  NPM_LATEST_ENGINES,
  NPM_RELEASES,
  type GeneratedNodeRelease,
  type GeneratedNpmRelease,
} from './generated/releases.js';

export { DATA_DATE };

/** The day this table describes (= DATA_DATE). Aliases (`lts/*`, `latest`, `npm@latest`) resolve as of this day. */
export const TABLE_DATE: string = DATA_DATE;

export interface NodeRelease {
  /** `major.minor.patch`. The table lists every minor of 18 and 20 and later lines, plus the patches that matter. */
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

/** From the generated data (node-releases). */
export const LTS_LINES: readonly LtsLine[] = NODE_LTS_LINES;

/**
 * The end of life of a Node release line (YYYY-MM-DD), from the generated data (node-releases'
 * release schedule, which is Node's own: github.com/nodejs/Release, `schedule.json`; 20 → 2026-04-30,
 * 22 → 2027-04-30, 24 → 2028-04-30, 26 → 2029-04-30). Undefined for a line the table does not know.
 */
export function nodeLineEnd(major: number): string | undefined {
  return NODE_LINES.find((l) => l.major === major)?.end;
}

/**
 * How many months before its end of life a Node line counts as near it: npm majors have dropped
 * only Node lines at or after their end of life (npm 12, `latest` since 2026-07-09, dropped Node 20,
 * end of life 2026-04-30), plus old minors of lines they keep, which a job that asks for a whole
 * line never runs (npm-upgrade-compatible: a floating `npm@latest` on such a line is advice).
 */
export const NODE_LINE_NEAR_END_MONTHS = 12;

/** A hand-written row: the npm a Node release bundles. `date` only for releases the generated data does not list (patches). */
export interface BundledNpmRow {
  readonly version: string;
  readonly npm: string;
  readonly npmMax?: string;
  readonly date?: string;
}

function r(version: string, npm: string, extra: { max?: string; date?: string } = {}): BundledNpmRow {
  const row: { version: string; npm: string; npmMax?: string; date?: string } = { version, npm };
  if (extra.max !== undefined) row.npmMax = extra.max;
  if (extra.date !== undefined) row.date = extra.date;
  return row;
}

/**
 * The first Node major whose bundled npm `BUNDLED_NPM` lists at every change; older lines have only
 * the rows that place them below npm 11, so a release between two rows bundles an npm between theirs,
 * and one after a line's last row (Node 8 and 10 have only their first release) at least that row's,
 * with no upper bound (`bundledNpm` in ../npm/node-version.ts).
 */
export const DENSE_FROM_MAJOR = 18;

/** Sorted by version. Dates of the minors come from the generated data. */
export const BUNDLED_NPM: readonly BundledNpmRow[] = [
  // Node 8–16: only the rows needed to place these lines (npm 5–8) below npm 11.
  r('8.0.0', '5.0.0', { date: '2017-05-30' }),
  r('10.0.0', '5.6.0', { date: '2018-04-24' }),
  r('12.0.0', '6.9.0', { date: '2019-04-23' }),
  r('12.22.12', '6.14.16', { date: '2022-04-05' }),
  r('14.0.0', '6.14.4', { date: '2020-04-21' }),
  r('14.15.0', '6.14.8', { date: '2020-10-27' }),
  r('14.21.3', '6.14.18', { date: '2023-02-16' }),
  r('16.0.0', '7.10.0', { date: '2021-04-20' }),
  r('16.13.0', '8.1.0', { date: '2021-10-26' }),
  r('16.20.2', '8.19.4', { date: '2023-08-09' }),
  // Node 18 (Hydrogen, end of life 2025-04-30).
  r('18.0.0', '8.6.0'),
  r('18.1.0', '8.8.0'),
  r('18.2.0', '8.9.0'),
  r('18.3.0', '8.11.0'),
  r('18.4.0', '8.12.1'),
  r('18.5.0', '8.12.1'),
  r('18.6.0', '8.13.2'),
  r('18.7.0', '8.15.0'),
  r('18.8.0', '8.18.0'),
  r('18.9.0', '8.19.1'),
  r('18.10.0', '8.19.2'),
  r('18.11.0', '8.19.2'),
  r('18.12.0', '8.19.2'),
  r('18.13.0', '8.19.3'),
  r('18.14.0', '9.3.1'),
  r('18.15.0', '9.5.0'),
  r('18.16.0', '9.5.1'),
  r('18.17.0', '9.6.7'),
  r('18.18.0', '9.8.1'),
  r('18.19.0', '10.2.3'),
  r('18.20.0', '10.5.0'),
  r('18.20.8', '10.8.2', { date: '2025-03-27' }),
  // Node 20 (Iron, end of life 2026-04-30).
  r('20.0.0', '9.6.4'),
  r('20.1.0', '9.6.4'),
  r('20.2.0', '9.6.6'),
  r('20.3.0', '9.6.7'),
  r('20.4.0', '9.7.2'),
  r('20.5.0', '9.8.0'),
  r('20.6.0', '9.8.1'),
  r('20.7.0', '10.1.0'),
  r('20.8.0', '10.1.0'),
  r('20.9.0', '10.1.0'),
  r('20.10.0', '10.2.3'),
  r('20.11.0', '10.2.4'),
  r('20.12.0', '10.5.0'),
  r('20.13.0', '10.5.2'),
  r('20.14.0', '10.7.0'),
  r('20.15.0', '10.7.0'),
  r('20.16.0', '10.8.1'),
  r('20.17.0', '10.8.2'),
  r('20.18.0', '10.8.2'),
  r('20.19.0', '10.8.2'),
  r('20.20.0', '10.8.2'),
  r('20.20.2', '10.8.2'),
  // Node 22 (Jod).
  r('22.0.0', '10.5.1'),
  r('22.1.0', '10.7.0'),
  r('22.2.0', '10.7.0'),
  r('22.3.0', '10.8.1'),
  r('22.4.0', '10.8.1'),
  r('22.5.0', '10.8.2'),
  r('22.6.0', '10.8.2'),
  r('22.7.0', '10.8.2'),
  r('22.8.0', '10.8.2'),
  r('22.9.0', '10.8.3'),
  r('22.10.0', '10.9.0'),
  r('22.11.0', '10.9.0'),
  r('22.12.0', '10.9.0'),
  r('22.13.0', '10.9.2'),
  r('22.14.0', '10.9.2'),
  r('22.15.0', '10.9.2'),
  r('22.16.0', '10.9.2'),
  r('22.17.0', '10.9.2'),
  r('22.18.0', '10.9.3'),
  r('22.19.0', '10.9.3'),
  r('22.20.0', '10.9.3'),
  r('22.21.0', '10.9.4'),
  r('22.22.0', '10.9.4'),
  r('22.22.1', '10.9.4'), // docker node:22.22.1 `npm -v` (react-native-executorch#1052)
  // 22.22.2 is the first 22.x that npm 12 accepts (`^22.22.2`); the only Node bundling an npm of NPM_SELF_UPGRADE_CRASH.
  r('22.22.2', '10.9.7'),
  r('22.22.3', '10.9.8', { date: '2026-05-13' }), // reported: "deps: upgrade npm to 10.9.8"
  r('22.23.0', '10.9.8', { max: '10.9.9' }), // estimated (22.23.2 reported with 10.9.8)
  r('22.23.3', '10.9.9'),
  // Node 23 (end of life 2025-06-01).
  r('23.0.0', '10.9.0'),
  r('23.1.0', '10.9.0'),
  r('23.2.0', '10.9.0'),
  r('23.3.0', '10.9.0'),
  r('23.4.0', '10.9.2'),
  r('23.5.0', '10.9.2'),
  r('23.6.0', '10.9.2'),
  r('23.7.0', '10.9.2'),
  r('23.8.0', '10.9.2'),
  r('23.9.0', '10.9.2'),
  r('23.10.0', '10.9.2'),
  r('23.11.0', '10.9.2'),
  // Node 24 (Krypton). 24.0.0–24.4.x bundle npm 11.3/11.4: "Node 24" alone is not enough.
  r('24.0.0', '11.3.0'),
  r('24.1.0', '11.3.0'),
  r('24.2.0', '11.3.0'),
  r('24.3.0', '11.4.2'),
  r('24.4.0', '11.4.2'),
  r('24.4.1', '11.4.2', { date: '2025-07-15' }),
  // 24.5.0: the first Node release that bundles an npm with trusted publishing (11.5.1).
  r('24.5.0', '11.5.1'),
  r('24.6.0', '11.5.1'),
  r('24.7.0', '11.5.1'),
  r('24.8.0', '11.6.0'),
  r('24.9.0', '11.6.0'),
  r('24.10.0', '11.6.1'),
  r('24.11.0', '11.6.1'),
  r('24.11.1', '11.6.2', { date: '2025-11-11' }),
  r('24.12.0', '11.6.2'),
  r('24.13.0', '11.6.2'),
  r('24.14.0', '11.6.2', { max: '11.11.0' }), // estimated
  r('24.14.1', '11.11.0', { date: '2026-03-24' }),
  // 24.15.0 is the first 24.x that npm 12 accepts (`^24.15.0`).
  r('24.15.0', '11.12.1'),
  r('24.16.0', '11.13.0'),
  r('24.17.0', '11.13.0', { max: '11.16.0' }), // estimated
  r('24.18.0', '11.16.0'),
  r('24.19.0', '11.17.0'),
  r('24.20.0', '11.17.0', { max: '11.19.0' }), // estimated
  r('24.21.0', '11.19.0'),
  r('24.22.0', '11.19.0', { max: '11.21.1' }), // estimated
  // 24.23.0 (2026-11-30): bundled npm not confirmed; estimated from 24.22.0 by `composeReleases`.
  // Node 25 (end of life 2026-06-01).
  r('25.0.0', '11.6.2'),
  r('25.1.0', '11.6.2'),
  r('25.2.0', '11.6.2'),
  r('25.3.0', '11.6.2', { max: '11.12.1' }), // estimated
  r('25.4.0', '11.6.2', { max: '11.12.1' }), // estimated
  r('25.5.0', '11.6.2', { max: '11.12.1' }), // estimated
  r('25.6.0', '11.6.2', { max: '11.12.1' }), // estimated
  r('25.7.0', '11.6.2', { max: '11.12.1' }), // estimated
  r('25.8.0', '11.6.2', { max: '11.12.1' }), // estimated
  r('25.9.0', '11.6.2', { max: '11.12.1' }), // estimated
  // Node 26 (Lithium, LTS since 26.13.0 on 2026-10-28).
  r('26.0.0', '11.12.1', { max: '11.16.0' }), // estimated
  r('26.1.0', '11.12.1', { max: '11.16.0' }), // estimated
  r('26.2.0', '11.12.1', { max: '11.16.0' }), // estimated
  r('26.3.0', '11.12.1', { max: '11.16.0' }), // estimated
  r('26.3.1', '11.16.0'),
  r('26.4.0', '11.16.0', { max: '11.18.0' }), // estimated
  r('26.5.0', '11.16.0', { max: '11.18.0' }), // estimated
  r('26.6.0', '11.18.0'),
  r('26.7.0', '11.18.0', { max: '11.20.0' }), // estimated
  r('26.8.0', '11.18.0', { max: '11.20.0' }), // estimated
  r('26.9.0', '11.18.0', { max: '11.20.0' }), // estimated
  r('26.10.0', '11.18.0', { max: '11.20.0' }), // estimated
  r('26.11.0', '11.18.0', { max: '11.20.0' }), // estimated
  r('26.12.0', '11.18.0', { max: '11.20.0' }), // estimated
  r('26.12.1', '11.20.0'),
  r('26.13.0', '11.20.0', { max: '11.21.1' }), // estimated
  // 26.14.0 (2026-11-30): bundled npm not confirmed; estimated from 26.13.0 by `composeReleases`.
];

/**
 * The release table: the generated Node releases joined with the hand-written bundled npm.
 * - A release both list: the generated date, the hand-written npm.
 * - A hand-written row the generated data does not list (a patch release): as written.
 * - A generated release without a hand-written row, in a line that has hand-written rows or is newer
 *   than all of them (a new major): estimated from the closest earlier row (of the same line when
 *   there is one): `npm` is that row's npm, `npmMax` the newest release of that npm line published on
 *   or before the Node release (the newest npm overall for a new major). Older lines without any
 *   hand-written row (19, 21) are left out: nothing is known about their npm.
 * Pure; exported for the tests.
 */
export function composeReleases(
  bundled: readonly BundledNpmRow[],
  generated: readonly GeneratedNodeRelease[],
  npmReleases: readonly GeneratedNpmRelease[],
): NodeRelease[] {
  // Plain `x.y.z` versions only (both inputs are): compared as numbers, which keeps this cheap at
  // start-up (it runs once per process) where semver would parse each version many times.
  const keys = new Map<string, number>();
  const key = (v: string): number => {
    let k = keys.get(v);
    if (k === undefined) {
      const [a = 0, b = 0, c = 0] = v.split('.').map(Number);
      k = a * 1e8 + b * 1e4 + c;
      keys.set(v, k);
    }
    return k;
  };
  const cmp = (x: string, y: string): number => key(x) - key(y);
  const major = (v: string): number => Math.floor(key(v) / 1e8);
  const newer = (a: string, b: string): string => (cmp(b, a) > 0 ? b : a);
  const byVersion = new Set(bundled.map((row) => row.version));
  const dates = new Map(generated.map((g) => [g.version, g.date]));
  const majors = new Set(bundled.map((row) => major(row.version)));
  const newestMajor = Math.max(...majors);
  const out: NodeRelease[] = bundled.map((row) => release(row.version, dates.get(row.version) ?? row.date, row.npm, row.npmMax));
  const missing = generated.filter((g) => !byVersion.has(g.version) && (majors.has(major(g.version)) || major(g.version) > newestMajor));
  for (const g of [...missing].sort((a, b) => cmp(a.version, b.version))) {
    const earlier = out.filter((row) => cmp(row.version, g.version) < 0).sort((a, b) => cmp(a.version, b.version));
    const floor = earlier.filter((row) => major(row.version) === major(g.version)).at(-1) ?? earlier.at(-1);
    if (!floor) continue;
    const sameLine = major(floor.version) === major(g.version);
    const line = major(floor.npmMax ?? floor.npm);
    const newest = npmReleases
      .filter((n) => n.date <= g.date && (!sameLine || major(n.version) === line))
      .map((n) => n.version)
      .reduce<string | undefined>((a, b) => (a === undefined ? b : newer(a, b)), undefined);
    const max = newer(floor.npmMax ?? floor.npm, newest ?? floor.npm);
    out.push(release(g.version, g.date, floor.npm, cmp(max, floor.npm) > 0 ? max : undefined));
  }
  return out.sort((a, b) => cmp(a.version, b.version));
}

function release(version: string, date: string | undefined, npm: string, npmMax: string | undefined): NodeRelease {
  const row: { version: string; date?: string; npm: string; npmMax?: string } = { version, npm };
  if (date !== undefined) row.date = date;
  if (npmMax !== undefined) row.npmMax = npmMax;
  return row;
}

/** Sorted by version. */
export const NODE_RELEASES: readonly NodeRelease[] = composeReleases(BUNDLED_NPM, NODE_RELEASE_DATES, NPM_RELEASES);

/** An npm release line and the Node versions its `engines.node` accepts (npm checks them strictly when installing itself). */
export interface NpmLine {
  readonly major: number;
  readonly engines: string;
}

const HAND_WRITTEN_NPM_LINES: readonly NpmLine[] = [
  { major: 7, engines: '>=10' },
  { major: 8, engines: '^12.13.0 || ^14.15.0 || >=16.0.0' },
  { major: 9, engines: '^14.17.0 || ^16.13.0 || >=18.0.0' },
  { major: 10, engines: '^18.17.0 || >=20.5.0' },
  { major: 11, engines: '^20.17.0 || >=22.9.0' },
  // npm 12 became `latest` on 2026-07-09; from then on `npm install -g npm@latest` fails with
  // EBADENGINE on Node 20, Node 22 < 22.22.2 and Node 24 < 24.15.0.
  { major: 12, engines: '^22.22.2 || ^24.15.0 || >=26.0.0' },
];

/** The hand-written lines, with the `latest` line's engines taken from the registry (added when it is a new major). */
export const NPM_LINES: readonly NpmLine[] = (() => {
  const major = Number(NPM_DIST_TAG_LATEST.split('.')[0]);
  const lines = HAND_WRITTEN_NPM_LINES.filter((l) => l.major !== major);
  return [...lines, { major, engines: NPM_LATEST_ENGINES }].sort((a, b) => a.major - b.major);
})();

/** The first npm that publishes with an OIDC token (trusted publishing), released 2025-07-25. */
export const NPM_FIRST_OIDC = '11.5.1';

/** The first npm with provenance (`--provenance`, `provenance=true`, `publishConfig.provenance`): older ones ignore the setting. */
export const NPM_FIRST_PROVENANCE = '9.5.0';
/** The first npm with `npm stage publish` (whose trusted publisher must allow stage publish). */
export const NPM_FIRST_STAGE = '11.15.0';
/**
 * The first npm whose OIDC routine recognises CircleCI (`ciInfo.CIRCLE`); 11.10.0 has no CircleCI
 * branch. Older npm ignores `NPM_ID_TOKEN` on CircleCI [src: lib/utils/oidc.js].
 */
export const NPM_FIRST_CIRCLECI_OIDC = '11.11.0';
/**
 * The npm versions whose `npm dist-tag` exchanges an OIDC token: 11.21.0 on the 11.x line, 12.2.0 on
 * the 12.x line (11.20.0 and 12.1.0 have no OIDC there) [src: lib/commands/dist-tag.js]. A semver range.
 */
export const NPM_DIST_TAG_OIDC = '^11.21.0 || >=12.2.0';
/**
 * The oldest Node the npm documentation names for trusted publishing and staged publishing [doc].
 * A documented requirement: npm itself only checks its own `engines`.
 */
export const NODE_MIN_TRUSTED_PUBLISHING = '22.14.0';
/** What `npm@latest` installs as of DATA_DATE (the registry's `latest` dist-tag). */
export const NPM_LATEST: string = NPM_DIST_TAG_LATEST;
/** The day npm 12 became `latest`, which broke `npm install -g npm@latest` on Node 20 and 22. */
export const NPM_12_LATEST_SINCE = '2026-07-09';
/**
 * The promise-retry crash (docs/domain.md A.46): npm 10.9.5–10.9.7 `require('promise-retry')` only
 * when they link bins, after `npm install -g npm@…` replaced their files; npm 11.12.0 and later
 * (12.x too) no longer ship `promise-retry` (`@gar/promise-retry`), so the install stops with
 * MODULE_NOT_FOUND [src: `npm pack npm@<v>`, arborist `rebuild.js`; npm/cli#9151, #9152 (10.9.8)].
 */
export const NPM_SELF_UPGRADE_CRASH = { installers: '>=10.9.5 <=10.9.7', targets: '>=11.12.0', safePin: '11.11.1' } as const;

/**
 * npm versions published up to DATA_DATE (generated): the last of each line up to 9, then every 10.x,
 * 11.x and 12.x release, so that a spec like `^11.5.1` or `11` resolves to what it installs today.
 */
export const NPM_VERSIONS: readonly string[] = NPM_RELEASES.map((r) => r.version);
