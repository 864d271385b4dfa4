/**
 * Large repositories on several threads. From `PARALLEL_FROM` workflow files, the files are cut
 * into contiguous parts in name order: the main thread lints the first (`lintPart`), one worker
 * thread each of the others (./lint-worker.ts), at the same time. Each part checks the workflows
 * nothing project-wide depends on (most of them: see docs/ARCHITECTURE.md, "Streaming") and names
 * them; the final `lintSync(request, parts)` on the main thread reads the remaining files, runs
 * the project-wide checks and merges everything. The findings are those of a run on one thread
 * (test/parallel.test.ts compares them); a worker that fails is replaced by the main thread
 * linting its part. Below the threshold, or on one CPU, nothing changes: a worker costs its start.
 * The CLI uses it when asked (`TP_DOCTOR_THREADS`): on the 2-CPU bench machine it did not pay for
 * itself (bench/README.md).
 */
import { lstatSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lintSync, lintPart, type LintOutcome, type LintRequest, type PartResult } from '../api.js';
import { DiskFs } from '../fs/source.js';
import { MAX_STREAMED_WORKFLOW_FILES, MAX_WORKFLOW_CHARS } from '../model/core/limits.js';
import { WORKFLOW_DIR, workflowFilesOf } from '../model/project.js';

/**
 * Workflow files from which a run uses worker threads. Each thread warms up its own compiled code
 * (the first thousand files cost about twice the next thousand), and the final load reads the
 * workflows the parts kept again, so below this the threads cost about what they save
 * (bench/README.md has the measurements).
 */
export const PARALLEL_FROM = 1_000;

/** The threads a run asking for `wanted` gets: no more than the CPUs (node:os is loaded only here). */
export function threadsFor(wanted: number): number {
  return Math.min(wanted, availableParallelism());
}

/** What a worker receives (plain data). */
export interface WorkerInput {
  root: string;
  files: string[];
  configPath?: string;
  ruleOverrides?: LintRequest['ruleOverrides'];
  registrations?: LintRequest['registrations'];
}

/**
 * Lints like `lint(request)`, on `threads` threads when the repository is on disk and has
 * at least `from` (`PARALLEL_FROM`) workflow files. `workerScript`: the built worker (dist/cli/lint-worker.cjs).
 */
export async function lintInParallel(
  request: LintRequest,
  workerScript: string,
  { threads = 2, from = PARALLEL_FROM }: { threads?: number; from?: number } = {},
): Promise<LintOutcome> {
  const fs = request.fs;
  if (!(fs instanceof DiskFs) || threads < 2) return lintSync(request);
  const listing = fs.readDir(WORKFLOW_DIR);
  const files = workflowFilesOf(listing).map((e) => `${WORKFLOW_DIR}/${e.name}`);
  // Over the text budget, where a run stops reading matters: only one thread reproduces it.
  if (files.length < from || totalBytes(fs.root, files) > MAX_WORKFLOW_CHARS) return lintSync(request);
  const chunks = split(files.slice(0, MAX_STREAMED_WORKFLOW_FILES), threads);
  const input = { root: fs.root, configPath: request.configPath, ruleOverrides: request.ruleOverrides, registrations: request.registrations };
  // Each promise settles to undefined on failure at once: a worker that fails while the main
  // thread waits for another must not become an unhandled rejection.
  const started = chunks.slice(1).map((part) => ({ part, result: runWorker(workerScript, { ...input, files: part }).catch(() => undefined) }));
  // The main thread's own part, while the workers run theirs.
  const parts: PartResult[] = [lintPart(request, chunks[0] ?? [])];
  for (const { part, result } of started) parts.push((await result) ?? lintPart(request, part));
  return lintSync(request, parts);
}

/**
 * The workflow files' sizes added up (lstat: a link counts as its own size; an unreadable file as
 * nothing). Bytes are at least the characters the loader counts against `MAX_WORKFLOW_CHARS`.
 */
function totalBytes(root: string, files: readonly string[]): number {
  let total = 0;
  for (const file of files) {
    try {
      total += lstatSync(path.join(root, file)).size;
    } catch {
      // Unreadable: the loader reports it.
    }
  }
  return total;
}

/** `files` in `n` contiguous parts of (nearly) equal size. */
function split(files: readonly string[], n: number): string[][] {
  const size = Math.ceil(files.length / n);
  const out: string[][] = [];
  for (let i = 0; i < files.length; i += size) out.push(files.slice(i, i + size));
  return out;
}

/** The result a worker posts; rejected when it fails or exits without one. */
function runWorker(script: string, input: WorkerInput): Promise<PartResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(script, { workerData: input });
    worker.once('message', (result: PartResult) => {
      settled = true;
      resolve(result);
    });
    worker.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`worker exited with code ${code} and no result`));
      settled = true;
    });
  });
}
