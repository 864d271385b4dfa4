/**
 * A worker thread of a parallel run (./parallel.ts): lints one part of a large repository's
 * workflow files (`lintPart`) and posts the plain result back. It reads the repository itself
 * (read-only, through `DiskFs`, like the main thread) and loads the same configuration.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { rules } from '../../rules/index.js';
import { lintPart } from '../api.js';
import { DiskFs } from '../fs/source.js';
import type { WorkerInput } from './parallel.js';

const input = workerData as WorkerInput;
const result = lintPart(
  { fs: new DiskFs(input.root), rules, configPath: input.configPath, ruleOverrides: input.ruleOverrides, registrations: input.registrations },
  input.files,
);
parentPort?.postMessage(result);
