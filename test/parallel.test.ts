/**
 * Parallel runs (src/cli/parallel.ts): parts of a large repository's workflows are linted on
 * worker threads, the rest on the main thread. The findings must be those of a run on one thread,
 * whatever happens to a worker. Needs the built worker (`npm run build`: dist/cli/lint-worker.cjs).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lintSync, type LintOutcome } from '../src/api.js';
import { lintInParallel, PARALLEL_FROM } from '../src/cli/parallel.js';
import { DiskFs } from '../src/fs/source.js';
import { requireShared } from './shared.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORKER = path.join(ROOT, 'dist/cli/lint-worker.cjs');
const benchDir = requireShared('bench/workflows', 'test/parallel.test.ts');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The 846 bench workflows in a repository on disk, with `extra` files beside them. */
function benchRepo(extra: Record<string, string> = {}): string {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-parallel-'));
  made.push(repo);
  mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
  for (const name of readdirSync(benchDir!)) copyFileSync(path.join(benchDir!, name), path.join(repo, '.github/workflows', name));
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  return repo;
}

function comparable(outcome: LintOutcome): unknown {
  if (!outcome.ok) return outcome;
  const checked = [...outcome.project.workflows.map((w) => w.file), ...(outcome.project.streamed ?? [])].sort();
  return { diagnostics: outcome.diagnostics, internalErrors: outcome.internalErrors, notes: outcome.notes, checked, problems: outcome.project.problems.length };
}

describe.skipIf(!benchDir || !existsSync(WORKER))('parallel runs give the findings of one thread', () => {
  it('the 846 bench workflows, inferred publisher, on 2 and 4 threads', async () => {
    const fs = new DiskFs(benchRepo());
    const one = comparable(lintSync({ fs, rules }));
    expect(comparable(await lintInParallel({ fs, rules }, WORKER, { threads: 2, from: 1 }))).toEqual(one);
    expect(comparable(await lintInParallel({ fs, rules }, WORKER, { threads: 4, from: 1 }))).toEqual(one);
  });

  it('with a declared publisher, a rule override and a broken package.json and a broken local action that only a streamed workflow uses', async () => {
    const repo = benchRepo({
      'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: example/repo\n    workflow: TanStack+query__release.yml\n    environment: npm\nrules:\n  require-environment-protection: \'off\'\n',
      'package.json': '{ "name": "x", "version": "1.0.0",, }\n',
      '.github/workflows/zz-local-action.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/broken\n      - run: npm run build\n        working-directory: packages/broken\n',
      'packages/broken/package.json': '{ not json',
      '.github/actions/broken/action.yml': 'runs: [using\n',
    });
    const request = { fs: new DiskFs(repo), rules, ruleOverrides: { 'no-cache-in-publish-job': 'info' as const } };
    const single = lintSync(request);
    // What the streamed workflow's publish detection read is reported as in a run on one thread.
    expect(single.ok && single.diagnostics.filter((d) => d.file === 'packages/broken/package.json').map((d) => d.messageId)).toEqual(['syntax']);
    expect(single.ok && single.diagnostics.filter((d) => d.file === '.github/actions/broken/action.yml').map((d) => d.ruleId)).toContain('invalid-yaml');
    expect(comparable(await lintInParallel(request, WORKER, { threads: 3, from: 1 }))).toEqual(comparable(single));
  });

  it('a worker that fails is replaced by the main thread: same findings', async () => {
    const fs = new DiskFs(benchRepo());
    const one = comparable(lintSync({ fs, rules }));
    expect(comparable(await lintInParallel({ fs, rules }, path.join(ROOT, 'no-such-worker.cjs'), { threads: 2, from: 1 }))).toEqual(one);
  });

  it('over the workflow-text budget, a parallel run reads and stops as one thread does', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-parallel-'));
    made.push(repo);
    mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
    const big = `# ${'x'.repeat(2 * 1024 * 1024 - 100)}\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n`;
    for (let i = 0; i < 34; i++) writeFileSync(path.join(repo, `.github/workflows/w${String(i).padStart(2, '0')}.yml`), i === 33 ? 'on: [push\n' : big);
    const fs = new DiskFs(repo);
    const single = lintSync({ fs, rules });
    expect(single.ok && single.diagnostics.map((d) => d.messageId)).toEqual(['limit']);
    expect(comparable(await lintInParallel({ fs, rules }, WORKER, { threads: 2, from: 1 }))).toEqual(comparable(single));
  });

  it('two workers that fail at different times (one at once, one after a while) are both replaced', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-parallel-'));
    made.push(dir);
    const script = path.join(dir, 'fail.cjs');
    // The first worker's part (the second part) fails late, the second worker's at once: the
    // early failure happens while the main thread waits for the late one.
    writeFileSync(
      script,
      `const { workerData } = require('node:worker_threads');\nif (workerData.files[0] < '.github/workflows/o') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);\nthrow new Error('worker failed');\n`,
    );
    const fs = new DiskFs(benchRepo());
    const one = comparable(lintSync({ fs, rules }));
    expect(comparable(await lintInParallel({ fs, rules }, script, { threads: 3, from: 1 }))).toEqual(one);
  });

  it(`below ${PARALLEL_FROM} workflow files (the default threshold), no worker is started; from it, one is`, async () => {
    // A worker that only leaves a mark (and no result: the main thread then lints its part).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-parallel-'));
    made.push(dir);
    const mark = path.join(dir, 'started');
    const script = path.join(dir, 'mark.cjs');
    writeFileSync(script, `require('node:fs').writeFileSync(${JSON.stringify(mark)}, 'x');\n`);
    const fs = new DiskFs(benchRepo());
    const single = comparable(lintSync({ fs, rules }));
    expect(comparable(await lintInParallel({ fs, rules }, script, { threads: 2 }))).toEqual(single);
    expect(existsSync(mark), 'a worker started below the threshold').toBe(false);
    expect(comparable(await lintInParallel({ fs, rules }, script, { threads: 2, from: 846 }))).toEqual(single);
    expect(existsSync(mark), 'no worker started at the threshold').toBe(true);
  });

  it('the CLI with TP_DOCTOR_THREADS=2 prints what it prints on one thread', () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-parallel-'));
    made.push(repo);
    mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
    const job = (run: string): string => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n      NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n    steps:\n      - run: ${run}\n`;
    for (let i = 0; i < PARALLEL_FROM; i++) writeFileSync(path.join(repo, `.github/workflows/w${String(i).padStart(4, '0')}.yml`), job(i % 250 === 0 ? 'npm publish' : 'npm test'));
    const cli = (threads: string): string => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/tp-doctor.js'), repo, '--format', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, TP_DOCTOR_THREADS: threads },
        timeout: 120_000,
      });
      // Warnings only: the publishes still get a long-lived token and no publisher is declared,
      // so their trusted-publishing errors are warnings (src/model/token-fallback.ts).
      expect(r.status).toBe(0);
      return r.stdout;
    };
    const one = cli('1');
    expect(JSON.parse(one).diagnostics.length).toBeGreaterThan(4);
    expect(cli('2')).toBe(one);
  });
});

