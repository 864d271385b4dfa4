#!/usr/bin/env node
// Time and peak memory of the BUILT CLI on hostile inputs (issue 12), each at two sizes, n/2 and
// n, where n is the size named in the issue (both stay under the 2 MiB file limit, so the ratio
// measures the algorithm, not the refusal). Prints numbers; never fails on a slow case.
//
//   npm run build && npm run bench:hostile
//   npm run bench:hostile -- --json
//   npm run bench:hostile -- --case env-keys --case many-steps
//   npm run bench:hostile -- --scale 0.5          # every n times 0.5
//   BENCH_TIMEOUT=120 npm run bench:hostile        # seconds per run before it is killed (default 60)
//
// Peak RSS comes from GNU time (`/usr/bin/time -v`) when present, else from the child's
// `process.resourceUsage().maxRSS` printed at exit by a preloaded module.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TIME_CASES } from '../scripts/gen-hostile.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'tp-doctor.js');

const argv = process.argv.slice(2);
let asJson = false;
let scale = 1;
const only = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--json') asJson = true;
  else if (a === '--case') only.push(argv[++i]);
  else if (a === '--scale') scale = Number(argv[++i]);
  else {
    console.error(`bench:hostile: unknown option ${a} (options: --json, --case <id>, --scale <factor>)`);
    process.exit(1);
  }
}
const unknown = only.filter((id) => !TIME_CASES.some((c) => c.id === id));
if (unknown.length > 0) {
  console.error(`bench:hostile: unknown case ${unknown.join(', ')}; cases: ${TIME_CASES.map((c) => c.id).join(', ')}`);
  process.exit(1);
}
if (!(scale > 0)) {
  console.error('bench:hostile: --scale must be a positive number');
  process.exit(1);
}
if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.error('bench:hostile: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}
const TIMEOUT = Number(process.env.BENCH_TIMEOUT ?? '60') * 1000;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-hostile-'));
const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0 ? '/usr/bin/time' : undefined;
const preload = path.join(tmp, 'rss.cjs');
writeFileSync(preload, "process.on('exit', () => { process.stderr.write(`\\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`); });\n");

/** One run of the CLI on `dir`: wall seconds, peak RSS in MB, exit code, output size. */
function run(dir) {
  const node = [CLI, dir, '--format', 'json'];
  const started = process.hrtime.bigint();
  const child = GNU_TIME
    ? spawnSync(GNU_TIME, ['-v', process.execPath, ...node], { encoding: 'utf8', timeout: TIMEOUT, maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, ['--require', preload, ...node], { encoding: 'utf8', timeout: TIMEOUT, maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stderr = child.stderr ?? '';
  const kb = GNU_TIME ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] : /BENCH_MAXRSS_KB=(\d+)/.exec(stderr)?.[1];
  const timedOut = child.error?.code === 'ETIMEDOUT' || child.signal === 'SIGTERM';
  return {
    seconds: Number(seconds.toFixed(3)),
    rssMB: kb ? Math.round(Number(kb) / 1024) : undefined,
    exit: timedOut ? 'timeout' : child.status,
    outputBytes: (child.stdout ?? '').length,
  };
}

const results = [];
try {
  for (const kase of TIME_CASES) {
    if (only.length > 0 && !only.includes(kase.id)) continue;
    const full = Math.max(2, Math.round(kase.n * scale));
    const half = Math.max(1, Math.round(full / 2));
    const sizes = [half, full];
    const runs = sizes.map((n) => {
      const dir = path.join(tmp, `${kase.id}-${n}`);
      kase.build(dir, n);
      const r = run(dir);
      rmSync(dir, { recursive: true, force: true });
      return { n, ...r };
    });
    const [a, b] = runs;
    const ratio = a.exit !== 'timeout' && b.exit !== 'timeout' && a.seconds > 0 ? Number((b.seconds / a.seconds).toFixed(2)) : undefined;
    const row = { id: kase.id, what: kase.what, owner: kase.lead ? 'lead (publish model)' : 'hardening', runs, ratio };
    results.push(row);
    if (!asJson) {
      const cell = (r) => `n=${r.n}: ${r.exit === 'timeout' ? `>${TIMEOUT / 1000}s (killed)` : `${r.seconds.toFixed(2)} s`}, ${r.rssMB ?? '?'} MB, exit ${r.exit}`;
      console.log(`${kase.id.padEnd(22)} ${cell(a).padEnd(42)} ${cell(b).padEnd(42)} 2n/n ${ratio ?? '-'}${kase.lead ? '  (lead)' : ''}`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (asJson) console.log(JSON.stringify({ node: process.version, rss: GNU_TIME ? 'gnu-time' : 'resourceUsage', results }, null, 2));
