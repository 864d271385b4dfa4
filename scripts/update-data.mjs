#!/usr/bin/env node
// Refreshes the generated part of tp-doctor's version data, src/model/data/generated/releases.ts,
// from the npm registry and the `node-releases` package. Hand-written facts (the npm each Node
// release bundles, the first npm with OIDC, runner labels, tool support) stay in
// src/model/data/*.ts and are never touched.
//
//   npm run update-data                          ask the registry, read node-releases, write the file
//   node scripts/update-data.mjs --check         exit 1 when the file differs from a fresh run
//   node scripts/update-data.mjs --npm-view <f>  use a saved `npm view npm time dist-tags engines --json`
//   node scripts/update-data.mjs --date <day>    the data date to record (default: today, UTC)
//
// Update node-releases first (`npm install -D --save-exact node-releases@latest`): its
// data/processed/envs.json lists every Node minor release with its date and LTS codename, and
// data/release-schedule/release-schedule.json each line's start and end of life.
//
// The transform (`transformReleaseData`) and the rendering (`renderReleases`) are pure and tested on
// a saved registry response (test/data/); only `main` touches the network and the disk.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = 'src/model/data/generated/releases.ts';
/** Node lines older than this are not listed (the hand-written table keeps a few rows for them). */
export const MIN_NODE_MAJOR = 18;
/** LTS lines from this major on (`lts/fermium` is still written in old workflows). */
export const MIN_LTS_MAJOR = 14;
/** npm lines listed in full; older lines contribute their last release only. */
export const MIN_FULL_NPM_MAJOR = 10;
/** npm lines older than this are left out entirely. */
export const MIN_NPM_MAJOR = 6;

const STABLE = /^(\d+)\.(\d+)\.(\d+)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parse(version) {
  const m = STABLE.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compareVersions(a, b) {
  const pa = parse(a) ?? [0, 0, 0];
  const pb = parse(b) ?? [0, 0, 0];
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
}

function fail(message) {
  throw new Error(message);
}

/**
 * Turns the raw inputs into the data the generated file holds. Pure; throws an Error naming what is
 * missing when an input does not have the expected shape.
 * @param {{
 *   npmView: unknown,
 *   nodeEnvs: unknown,
 *   nodeSchedule: unknown,
 *   nodeReleasesVersion: string,
 *   today: string,
 * }} input
 */
export function transformReleaseData({ npmView, nodeEnvs, nodeSchedule, nodeReleasesVersion, today }) {
  if (!DAY.test(today)) fail(`the data date must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  if (!npmView || typeof npmView !== 'object') fail('the npm registry response is not a JSON object');
  const time = npmView.time;
  const tags = npmView['dist-tags'];
  const engines = npmView.engines;
  if (!time || typeof time !== 'object') fail('the npm registry response has no `time` map');
  if (!tags || typeof tags.latest !== 'string') fail('the npm registry response has no `dist-tags.latest`');
  if (!engines || typeof engines.node !== 'string') fail('the npm registry response has no `engines.node`');
  if (!parse(tags.latest)) fail(`dist-tags.latest is not a release version: ${tags.latest}`);

  const released = Object.entries(time)
    .filter(([version, date]) => parse(version) && typeof date === 'string' && DAY.test(date.slice(0, 10)))
    .map(([version, date]) => ({ version, date: date.slice(0, 10) }))
    .sort((a, b) => compareVersions(a.version, b.version));
  if (!released.some((r) => r.version === tags.latest)) fail(`dist-tags.latest ${tags.latest} is not in the \`time\` map`);
  const npm = [];
  for (const release of released) {
    const major = parse(release.version)[0];
    if (major < MIN_NPM_MAJOR) continue;
    if (major >= MIN_FULL_NPM_MAJOR) {
      npm.push(release);
      continue;
    }
    const last = released.filter((r) => parse(r.version)[0] === major).at(-1);
    if (last === release) npm.push(release);
  }

  if (!Array.isArray(nodeEnvs)) fail('node-releases data/processed/envs.json is not a list');
  const node = [];
  const lts = new Map();
  for (const entry of nodeEnvs) {
    if (!entry || entry.name !== 'nodejs' || typeof entry.version !== 'string') continue;
    const v = parse(entry.version);
    if (!v || typeof entry.date !== 'string' || !DAY.test(entry.date)) continue;
    const codename = typeof entry.lts === 'string' && entry.lts !== '' ? entry.lts.toLowerCase() : undefined;
    if (codename && v[0] >= MIN_LTS_MAJOR) {
      const known = lts.get(v[0]);
      if (!known || compareVersions(entry.version, known.since) < 0) lts.set(v[0], { major: v[0], codename, since: entry.version });
    }
    if (v[0] < MIN_NODE_MAJOR) continue;
    node.push({ version: entry.version, date: entry.date, ...(codename ? { lts: codename } : {}) });
  }
  node.sort((a, b) => compareVersions(a.version, b.version));
  if (node.length === 0) fail(`node-releases lists no Node ${MIN_NODE_MAJOR}+ release`);

  if (!nodeSchedule || typeof nodeSchedule !== 'object') fail('node-releases release-schedule.json is not a JSON object');
  const lines = [];
  for (const [key, line] of Object.entries(nodeSchedule)) {
    const major = /^v(\d+)$/.exec(key)?.[1];
    if (major === undefined || Number(major) < MIN_NODE_MAJOR) continue;
    if (!line || typeof line.start !== 'string' || typeof line.end !== 'string') fail(`release-schedule.json: ${key} has no start or end`);
    if (line.start > today) continue; // not released yet: nothing to resolve against
    lines.push({ major: Number(major), start: line.start, end: line.end });
  }
  lines.sort((a, b) => a.major - b.major);

  return {
    dataDate: today,
    nodeReleasesVersion,
    npmLatest: tags.latest,
    npmLatestEngines: engines.node,
    npm,
    node,
    lts: [...lts.values()].sort((a, b) => a.major - b.major),
    lines,
  };
}

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Renders the generated TypeScript module. Pure.
 * @param {ReturnType<typeof transformReleaseData>} data
 * @returns {string}
 */
export function renderReleases(data) {
  const out = [];
  out.push(
    '// GENERATED by scripts/update-data.mjs (`npm run update-data`). Do not edit by hand: run the',
    '// script again. Sources: the npm registry (`npm view npm time dist-tags engines --json`) and the',
    `// node-releases package ${data.nodeReleasesVersion} (data/processed/envs.json, data/release-schedule).`,
    '// Hand-written facts (bundled npm, OIDC versions, runners, tools) live in ../*.ts and read this file.',
    '',
    '/** The day this data was read from the registry. */',
    `export const DATA_DATE = ${q(data.dataDate)};`,
    '',
    '/** The node-releases package version the Node data came from. */',
    `export const NODE_RELEASES_PACKAGE = ${q(data.nodeReleasesVersion)};`,
    '',
    '/** npm\'s `latest` dist-tag on DATA_DATE: what `npm install -g npm@latest` installs. */',
    `export const NPM_DIST_TAG_LATEST = ${q(data.npmLatest)};`,
    '',
    '/** `engines.node` of that version (npm checks it strictly when it installs itself). */',
    `export const NPM_LATEST_ENGINES = ${q(data.npmLatestEngines)};`,
    '',
    'export interface GeneratedNpmRelease {',
    '  readonly version: string;',
    '  /** Publication date in the registry (`time`). */',
    '  readonly date: string;',
    '}',
    '',
    `/** Every npm release from ${MIN_FULL_NPM_MAJOR}.0.0 on, and the last release of each line ${MIN_NPM_MAJOR}–${MIN_FULL_NPM_MAJOR - 1}; sorted. */`,
    'export const NPM_RELEASES: readonly GeneratedNpmRelease[] = [',
    ...data.npm.map((r) => `  { version: ${q(r.version)}, date: ${q(r.date)} },`),
    '];',
    '',
    'export interface GeneratedNodeRelease {',
    '  readonly version: string;',
    '  readonly date: string;',
    '  /** The LTS codename in lower case, when the release is an LTS release. */',
    '  readonly lts?: string;',
    '}',
    '',
    `/** Node ${MIN_NODE_MAJOR}+ releases node-releases lists (every minor, a few patches); sorted. */`,
    'export const NODE_RELEASE_DATES: readonly GeneratedNodeRelease[] = [',
    ...data.node.map((r) => `  { version: ${q(r.version)}, date: ${q(r.date)}${r.lts ? `, lts: ${q(r.lts)}` : ''} },`),
    '];',
    '',
    `/** LTS lines from Node ${MIN_LTS_MAJOR} on: codename (lower case) and first LTS release. */`,
    'export const NODE_LTS_LINES: readonly { readonly major: number; readonly codename: string; readonly since: string }[] = [',
    ...data.lts.map((l) => `  { major: ${l.major}, codename: ${q(l.codename)}, since: ${q(l.since)} },`),
    '];',
    '',
    `/** Release lines from Node ${MIN_NODE_MAJOR} on that have started: first release and end of life (release schedule). */`,
    'export const NODE_LINES: readonly { readonly major: number; readonly start: string; readonly end: string }[] = [',
    ...data.lines.map((l) => `  { major: ${l.major}, start: ${q(l.start)}, end: ${q(l.end)} },`),
    '];',
    '',
  );
  return out.join('\n');
}

/** `npm view npm time dist-tags engines --json`, through the npm client (its registry settings apply). */
function npmView() {
  const result = spawnSync('npm', ['view', 'npm', 'time', 'dist-tags', 'engines', '--json'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) fail(`could not run npm: ${result.error.message}`);
  if (result.status !== 0) fail(`npm view failed (exit ${result.status}): ${(result.stderr || '').trim().split('\n').at(-1) ?? ''}`);
  return JSON.parse(result.stdout);
}

function readNodeReleases() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  let pkgFile;
  try {
    pkgFile = require.resolve('node-releases/package.json');
  } catch {
    fail('the node-releases package is not installed: run `npm ci` (it is a devDependency)');
  }
  const dir = path.dirname(pkgFile);
  const read = (rel) => JSON.parse(readFileSync(path.join(dir, rel), 'utf8'));
  return {
    nodeReleasesVersion: read('package.json').version,
    nodeEnvs: read('data/processed/envs.json'),
    nodeSchedule: read('data/release-schedule/release-schedule.json'),
  };
}

function option(argv, name) {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
}

function main(argv) {
  const check = argv.includes('--check');
  const saved = option(argv, '--npm-view');
  const today = option(argv, '--date') ?? new Date().toISOString().slice(0, 10);
  const view = saved ? JSON.parse(readFileSync(path.resolve(saved), 'utf8')) : npmView();
  const data = transformReleaseData({ npmView: view, ...readNodeReleases(), today });
  const text = renderReleases(data);
  const file = path.join(ROOT, OUTPUT);
  let current;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (check) {
    if (current !== text) {
      console.error(`${OUTPUT} differs from a fresh run of scripts/update-data.mjs; run \`npm run update-data\` and commit it.`);
      process.exitCode = 1;
    }
    return;
  }
  if (current === text) {
    console.log(`${OUTPUT} is up to date (data ${data.dataDate})`);
    return;
  }
  writeFileSync(file, text);
  console.log(
    `wrote ${OUTPUT}: data ${data.dataDate}, npm latest ${data.npmLatest}, ` +
      `${data.npm.length} npm releases, ${data.node.length} Node releases (newest ${data.node.at(-1)?.version}). ` +
      'Now add the bundled npm of new Node releases to src/model/data/node-releases.ts when it is known, ' +
      'and run `npx vitest run src/model/data src/model/npm rules`.',
  );
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`update-data: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
