/**
 * The GitHub Action's entry point (`action.yml`, `runs.using: node24`, `main: dist/action/index.js`).
 * `npm run build` bundles this file, the CLI, the rules and every dependency into that one committed
 * file, which the runner starts directly: nothing is installed or downloaded, and tp-doctor needs no
 * network. The logic is in run.ts.
 */
import path from 'node:path';
import type { Io } from '../cli/io.js';
import { runAction } from './run.js';

/** The runner's process: the workspace as the working directory, output on stdout/stderr. */
function processIo(env: NodeJS.ProcessEnv): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env,
    isTTY: false,
    cwd: path.resolve(env.GITHUB_WORKSPACE || process.cwd()),
  };
}

runAction(process.env, processIo(process.env)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Never a stack trace unless asked for, as in bin/tp-doctor.js.
    process.stderr.write(`tp-doctor: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.TP_DOCTOR_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    process.exitCode = 2;
  },
);
