#!/usr/bin/env node
// Start-up and throughput bench for the BUILT CLI (dist/). See bench/README.md.
//
//   npm run build && npm run bench            # table
//   npm run bench -- --json                   # machine-readable
//   BENCH_RUNS=11 npm run bench               # more runs per scenario (default 5)
//   npm run bench -- --keep                   # keep the temporary repositories (for profiling)
//   npm run bench -- --no-scale               # skip the 1k–8k scaling series and the 20,000 files
//   npm run bench -- --instructions           # also count instructions with valgrind (load-independent)
//
// Never fails the build: it prints numbers. Exit 1 only when it cannot run (no dist/, no data).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'tp-doctor.js');
const BENCH_WORKFLOWS = path.resolve(ROOT, '../shared/bench/workflows');

const args = new Set(process.argv.slice(2));
const asJson = args.has('--json');
const keep = args.has('--keep');
const scale = !args.has('--no-scale');
const countInstructions = args.has('--instructions');
const OPTIONS = ['--json', '--keep', '--no-scale', '--instructions'];
for (const a of args) {
  if (!OPTIONS.includes(a)) {
    console.error(`bench: unknown option ${a} (options: ${OPTIONS.join(', ')}; env BENCH_RUNS, BENCH_SCALE_RUNS, BENCH_RSS)`);
    process.exit(1);
  }
}

const RUNS = Number.parseInt(process.env.BENCH_RUNS ?? '5', 10);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`bench: BENCH_RUNS must be a positive integer, got "${process.env.BENCH_RUNS}"`);
  process.exit(1);
}

const SCALE_RUNS = Number.parseInt(process.env.BENCH_SCALE_RUNS ?? '1', 10);
if (!Number.isInteger(SCALE_RUNS) || SCALE_RUNS < 1) {
  console.error(`bench: BENCH_SCALE_RUNS must be a positive integer, got "${process.env.BENCH_SCALE_RUNS}"`);
  process.exit(1);
}

if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.cjs'))) {
  console.error('bench: dist/ is missing or incomplete; the bench runs the built CLI. Run `npm run build` first.');
  process.exit(1);
}
if (!existsSync(BENCH_WORKFLOWS)) {
  console.error(`bench: ${BENCH_WORKFLOWS} not found; the shared test data must sit beside the clone (../shared).`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Temporary repositories and the bare-parse baseline script.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-bench-'));
// The CLI's code cache (bin/tp-doctor.js) lives in the bench's own directory: every bench starts
// without one, the unmeasured first run of each scenario fills it (as a user's first run does), and
// a cache left by other builds never flatters or slows the figures.
process.env.NODE_COMPILE_CACHE = path.join(tmp, 'code-cache');
delete process.env.NODE_DISABLE_COMPILE_CACHE;

function writeTree(dir, files) {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

// (b) A small typical repository: a CI workflow, a release workflow publishing with npm through
// trusted publishing, package.json, the publisher declared in tp-doctor.yml, a git remote.
const typicalRepo = path.join(tmp, 'typical');
writeTree(typicalRepo, {
  '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n',
  'package.json': `${JSON.stringify(
    {
      name: '@acme/widget',
      version: '1.4.0',
      type: 'module',
      repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' },
      scripts: { build: 'tsc -p .', test: 'node --test' },
      devDependencies: { typescript: '5.9.3' },
    },
    null,
    2,
  )}\n`,
  'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: npm\n',
  '.github/workflows/ci.yml': `name: CI
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
        node: [20, 22, 24]
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: \${{ matrix.node }}
          cache: npm
      - run: npm ci
      - run: npm run build
      - run: npm test
`,
  '.github/workflows/release.yml': `name: Release
on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    environment: npm
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm run build
      - run: npm publish --access public
`,
});

// (c) All bench workflows in one repository.
const benchRepo = path.join(tmp, 'bench');
const benchDir = path.join(benchRepo, '.github', 'workflows');
mkdirSync(benchDir, { recursive: true });
const benchNames = readdirSync(BENCH_WORKFLOWS).filter((n) => /\.ya?ml$/i.test(n));
for (const name of benchNames) copyFileSync(path.join(BENCH_WORKFLOWS, name), path.join(benchDir, name));

// (e) Scaling: repositories of 1,000, 2,000, 4,000, 8,000 and 20,000 workflows, the bench files
// repeated under new names (`r<round>-<name>`), each file a hard link when the file system allows
// it (no extra disk), a copy otherwise.
const SCALE_SIZES = [1000, 2000, 4000, 8000];
const LARGE_SIZE = 20_000;
function scaleRepo(count) {
  const dir = path.join(tmp, `scale-${count}`, '.github', 'workflows');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const name = benchNames[i % benchNames.length];
    const target = path.join(dir, `r${Math.floor(i / benchNames.length)}-${name}`);
    try {
      linkSync(path.join(benchDir, name), target);
    } catch {
      copyFileSync(path.join(benchDir, name), target);
    }
  }
  return path.dirname(path.dirname(dir));
}

// (d) Bare parse of the same files: read + yaml parseDocument with a LineCounter, nothing else.
// yaml is resolved exactly as the CLI resolves it (the project's node_modules).
const yamlEntry = createRequire(path.join(ROOT, 'package.json')).resolve('yaml');
const parseScript = path.join(tmp, 'parse-only.mjs');
writeFileSync(
  parseScript,
  `import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from ${JSON.stringify(pathToFileURL(yamlEntry).href)};
const dir = process.argv[2];
let documents = 0;
for (const name of readdirSync(dir)) {
  if (!/\\.ya?ml$/i.test(name)) continue;
  const lineCounter = new yaml.LineCounter();
  yaml.parseDocument(readFileSync(path.join(dir, name), 'utf8'), { lineCounter });
  documents++;
}
if (documents === 0) process.exitCode = 3;
`,
);

// ---------------------------------------------------------------------------------------------
// Peak RSS: GNU time when it exists and understands -f (it measures the child without changing
// it); otherwise a preload that reports process.resourceUsage().maxRSS on exit through fd 3.

const rssPreload = path.join(tmp, 'rss-preload.mjs');
writeFileSync(
  rssPreload,
  `import { writeSync } from 'node:fs';
process.on('exit', () => {
  try { writeSync(3, String(process.resourceUsage().maxRSS) + '\\n'); } catch { /* fd 3 not open */ }
});
`,
);

function gnuTimeWorks() {
  if (!existsSync('/usr/bin/time')) return false;
  const out = path.join(tmp, 'time-probe.txt');
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, '-e', '0'], { stdio: 'ignore' });
  return r.status === 0 && existsSync(out) && /^\d+\s*$/m.test(readFileSync(out, 'utf8'));
}

const rssMethod = (() => {
  const wanted = process.env.BENCH_RSS;
  if (wanted === 'preload') return 'preload';
  if (wanted === 'time') {
    if (gnuTimeWorks()) return 'gnu-time';
    console.error('bench: BENCH_RSS=time but /usr/bin/time -f %M does not work here; using the preload');
    return 'preload';
  }
  return gnuTimeWorks() ? 'gnu-time' : 'preload';
})();

/** Peak resident set size of one run of `node ...argv`, in KiB. */
function peakRssKb(argv, cwd, env = {}) {
  if (rssMethod === 'gnu-time') {
    const out = path.join(tmp, 'time.txt');
    rmSync(out, { force: true });
    spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, ...argv], { cwd, env: { ...process.env, ...env }, stdio: 'ignore' });
    const m = /(\d+)\s*$/.exec(existsSync(out) ? readFileSync(out, 'utf8') : '');
    return m ? Number(m[1]) : undefined;
  }
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(rssPreload).href, ...argv], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const m = /(\d+)/.exec(r.output?.[3]?.toString() ?? '');
  return m ? Number(m[1]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

const scenarios = [
  { id: 'node', label: 'node -e 0 (start-up baseline)', argv: ['-e', '0'], okCodes: [0] },
  { id: 'typical', label: 'CLI on a small typical repository', argv: [CLI, typicalRepo], okCodes: [0, 1] },
  {
    id: 'typical-cold',
    label: 'the same without the code cache (a first run)',
    argv: [CLI, typicalRepo],
    env: { NODE_DISABLE_COMPILE_CACHE: '1' },
    okCodes: [0, 1],
  },
  { id: 'bench', label: `CLI on all ${benchNames.length} bench workflows`, argv: [CLI, benchRepo], okCodes: [0, 1] },
  { id: 'parse', label: `bare yaml parse of the ${benchNames.length} files`, argv: [parseScript, benchDir], okCodes: [0] },
  {
    id: 'action',
    label: 'GitHub Action bundle on the typical repository (annotations, summary, SARIF file)',
    argv: [path.join(ROOT, 'dist', 'action', 'index.js')],
    // What the runner passes to a JavaScript action (see action.yml).
    env: {
      GITHUB_WORKSPACE: typicalRepo,
      GITHUB_STEP_SUMMARY: path.join(tmp, 'step-summary.md'),
      INPUT_DIRECTORY: '.',
      INPUT_FORMAT: 'github',
      'INPUT_SARIF-FILE': path.join(tmp, 'action.sarif'),
    },
    okCodes: [0, 1],
  },
];

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function runOnce(scenario) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, scenario.argv, {
    cwd: ROOT,
    env: { ...process.env, ...scenario.env },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: r.status, stderr: r.stderr?.toString() ?? '' };
}

// Runs are interleaved (round-robin over the scenarios) so that a change in the machine's load
// during the bench hits every scenario alike and the ratios stay meaningful.
const state = scenarios.map((scenario) => ({ scenario, times: [], status: null, problem: undefined }));
const tail = (text) => text.trim().split('\n').slice(-3).join(' | ');
for (const s of state) {
  const warm = runOnce(s.scenario); // fills the file system cache and checks the command; not counted
  s.status = warm.status;
  if (!s.scenario.okCodes.includes(warm.status)) s.problem = tail(warm.stderr);
}
for (let i = 0; i < RUNS; i++) {
  if (!asJson) process.stderr.write(`bench: timing round ${i + 1}/${RUNS}\n`);
  for (const s of state) {
    const r = runOnce(s.scenario);
    s.times.push(r.ms);
    s.status = r.status;
    if (!s.scenario.okCodes.includes(r.status)) s.problem ??= tail(r.stderr);
  }
}
if (!asJson) process.stderr.write(`bench: peak RSS (${RUNS} more runs per scenario)\n`);
const results = state.map(({ scenario, times, status, problem }) => {
  const rss = [];
  for (let i = 0; i < RUNS; i++) {
    const kb = peakRssKb(scenario.argv, ROOT, scenario.env);
    if (kb !== undefined) rss.push(kb);
  }
  return {
    id: scenario.id,
    label: scenario.label,
    command: `node ${scenario.argv.map((a) => a.replace(tmp, '$TMP').replace(ROOT, '.')).join(' ')}`,
    runs: RUNS,
    medianMs: round(median(times)),
    minMs: round(Math.min(...times)),
    maxMs: round(Math.max(...times)),
    timesMs: times.map(round),
    peakRssKb: rss.length ? median(rss) : null,
    exitCode: status,
    problem: problem ?? null,
  };
});

function round(n) {
  return Math.round(n * 10) / 10;
}

// ---------------------------------------------------------------------------------------------
// Scaling series and 20,000 files: BENCH_SCALE_RUNS runs each (default 1: a 20,000-file run takes
// seconds), wall time and peak RSS from the same run when GNU time is there.

/** One run of `node ...argv` with its wall time and, with GNU time, its peak RSS (KiB). */
function timedRssRun(argv) {
  const out = path.join(tmp, 'time.txt');
  rmSync(out, { force: true });
  const viaTime = rssMethod === 'gnu-time';
  const start = process.hrtime.bigint();
  const r = viaTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 })
    : spawnSync(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const m = viaTime ? /(\d+)\s*$/.exec(existsSync(out) ? readFileSync(out, 'utf8') : '') : null;
  // The CLI reads at most a fixed number of workflow files (a hardening limit, README "Safety"):
  // above it the run measures the limit, not the files. Its `limit` finding says so.
  const capped = /"messageId":\s*"limit"[^}]*workflow files/.test(r.stdout?.toString() ?? '');
  return { ms, status: r.status, capped, stderr: r.stderr?.toString() ?? '', rssKb: m ? Number(m[1]) : viaTime ? undefined : peakRssKb(argv, ROOT) };
}

const scaling = [];
if (scale) {
  for (const files of [...SCALE_SIZES, LARGE_SIZE]) {
    if (!asJson) process.stderr.write(`bench: ${files.toLocaleString('en-US')} workflows (${SCALE_RUNS} run${SCALE_RUNS > 1 ? 's' : ''})\n`);
    const repo = scaleRepo(files);
    const times = [];
    const rss = [];
    let status = null;
    let problem;
    let capped = false;
    for (let i = 0; i < SCALE_RUNS; i++) {
      const r = timedRssRun([CLI, '--no-root-search', '--format', 'json', repo]);
      capped ||= r.capped;
      times.push(r.ms);
      if (r.rssKb !== undefined) rss.push(r.rssKb);
      status = r.status;
      if (![0, 1].includes(r.status)) problem ??= tail(r.stderr);
    }
    rmSync(repo, { recursive: true, force: true });
    scaling.push({ files, runs: SCALE_RUNS, capped, medianMs: round(median(times)), peakRssKb: rss.length ? median(rss) : null, exitCode: status, problem: problem ?? null });
  }
}
/**
 * Linear growth: the cost of each added workflow (time between two sizes over the files added)
 * at the top of the 1k–8k series against the bottom. About 1 when time is linear in files; well
 * above 1 when something grows faster (a pass over all pairs of jobs, a heap that outgrows memory).
 */
const series = scaling.filter((s) => SCALE_SIZES.includes(s.files) && !s.capped);
const marginal = (a, b) => (b.medianMs - a.medianMs) / (b.files - a.files);
const growth = series.length >= 3 ? marginal(series.at(-2), series.at(-1)) / marginal(series[0], series[1]) : undefined;
const large = scaling.find((s) => s.files === LARGE_SIZE);

// ---------------------------------------------------------------------------------------------
// Instruction counts (valgrind's callgrind): the same for the same binary and inputs whatever else
// the machine is doing, so the start-up ratio can be checked on a loaded machine. Slow (seconds per
// run), hence only with --instructions.
function instructions(argv, env = {}) {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...argv], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const m = /Collected\s*:\s*(\d+)/.exec(r.stderr?.toString() ?? '');
  return m ? Number(m[1]) : undefined;
}
let instructionCounts;
if (countInstructions) {
  if (!asJson) process.stderr.write('bench: counting instructions with valgrind\n');
  const node = instructions(['-e', '0']);
  const typical = instructions([CLI, typicalRepo]);
  instructionCounts = node && typical ? { node, typical, ratio: Math.round((typical / node) * 100) / 100 } : { problem: 'valgrind is not installed or failed' };
}

const by = Object.fromEntries(results.map((r) => [r.id, r]));
// Goals of issue 17: start-up <= 1.6x Node's own, the 846 files <= 1.3x the bare parse.
const ratios = [
  { id: 'startup', label: 'typical repo / node -e 0', value: by.typical.medianMs / by.node.medianMs, target: 1.6 },
  { id: 'throughput', label: 'whole bench / bare parse', value: by.bench.medianMs / by.parse.medianMs, target: 1.3 },
].map((r) => ({ ...r, value: Math.round(r.value * 100) / 100, met: r.value <= r.target }));
// On a busy machine the fastest run is the least disturbed one: the same ratios from the minimums.
const minRatios = { startup: by.typical.minMs / by.node.minMs, throughput: by.bench.minMs / by.parse.minMs };
for (const r of ratios) r.valueFromMin = Math.round(minRatios[r.id] * 100) / 100;
const limits = [];
if (large?.peakRssKb && !large.capped) limits.push({ id: 'memory', label: `${LARGE_SIZE.toLocaleString('en-US')} workflows, peak RSS`, value: round(large.peakRssKb / 1024), unit: 'MiB', target: 200, met: large.peakRssKb / 1024 < 200 });
if (growth !== undefined) limits.push({ id: 'linear', label: 'cost per added file, 4k-8k / 1k-2k', value: Math.round(growth * 100) / 100, unit: 'x', target: 1.25, met: growth <= 1.25 });

if (keep) {
  process.stderr.write(`bench: kept the temporary repositories in ${tmp}\n`);
} else {
  rmSync(tmp, { recursive: true, force: true });
}

if (asJson) {
  const out = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: os.cpus().length,
    runs: RUNS,
    rssMethod,
    scenarios: results,
    ratios,
    scaling,
    limits,
    instructions: instructionCounts ?? null,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  const rows = [['scenario', 'median ms', 'min ms', 'max ms', 'peak RSS MiB', 'exit']];
  for (const r of results) {
    rows.push([
      r.label,
      r.medianMs.toFixed(1),
      r.minMs.toFixed(1),
      r.maxMs.toFixed(1),
      r.peakRssKb === null ? 'n/a' : (r.peakRssKb / 1024).toFixed(1),
      String(r.exitCode),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const lines = [
    `tp-doctor bench — node ${process.version}, ${process.platform}-${process.arch}, ${os.cpus().length} CPUs, ` +
      `${RUNS} runs per scenario (median), peak RSS via ${rssMethod === 'gnu-time' ? '/usr/bin/time -f %M' : 'an exit preload (process.resourceUsage().maxRSS)'}`,
    '',
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    '',
    ...ratios.map(
      (r) =>
        `${r.label.padEnd(28)} ${r.value.toFixed(2)}x  (goal <= ${r.target}x: ${r.met ? 'met' : 'NOT met'}; ` +
        `from the fastest runs: ${r.valueFromMin.toFixed(2)}x)`,
    ),
  ];
  if (scaling.length > 0) {
    lines.push('', `scaling (${SCALE_RUNS} run${SCALE_RUNS > 1 ? 's' : ''} each, median)`, 'workflows     ms  ms/1000 files  peak RSS MiB  exit');
    for (const s of scaling) {
      lines.push(
        `${String(s.files).padStart(9)}  ${s.medianMs.toFixed(0).padStart(6)}  ${((s.medianMs / s.files) * 1000).toFixed(0).padStart(13)}  ` +
          `${s.peakRssKb === null ? 'n/a'.padStart(12) : (s.peakRssKb / 1024).toFixed(1).padStart(12)}  ${String(s.exitCode).padStart(4)}`,
      );
      if (s.problem) lines.push(`warning: ${s.files} workflows exited ${s.exitCode}: ${s.problem}`);
      if (s.capped) lines[lines.length - 1] += '  capped: the CLI read only its maximum number of workflow files';
    }
    if (growth === undefined) lines.push('cost per added file: n/a (fewer than three sizes below the CLI\'s workflow-file limit)');
    if (large?.capped) lines.push(`${LARGE_SIZE.toLocaleString('en-US')} workflows: n/a (above the CLI's workflow-file limit)`);
    for (const l of limits) lines.push(`${l.label.padEnd(38)} ${l.value}${l.unit === 'x' ? 'x' : ` ${l.unit}`}  (goal ${l.unit === 'x' ? '<=' : '<'} ${l.target}${l.unit === 'x' ? 'x' : ` ${l.unit}`}: ${l.met ? 'met' : 'NOT met'})`);
  }
  if (instructionCounts) {
    lines.push(
      '',
      instructionCounts.problem
        ? `instructions: ${instructionCounts.problem}`
        : `instructions (valgrind): node -e 0 ${instructionCounts.node.toLocaleString('en-US')}, typical ${instructionCounts.typical.toLocaleString('en-US')}: ${instructionCounts.ratio}x`,
    );
  }
  for (const r of results) if (r.problem) lines.push(`warning: ${r.label} exited ${r.exitCode}: ${r.problem}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
