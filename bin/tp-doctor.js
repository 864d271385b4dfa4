#!/usr/bin/env node
import { run } from '../dist/cli/main.js';

// Standard output and standard error can fail: a reader that stops early (`tp-doctor | head`)
// closes the pipe (EPIPE: not an error to report, keep the exit code), and a full disk or
// `> /dev/full` gives ENOSPC. Never a stack trace: one line on stderr when stderr still works,
// and exit code 2.
let failing = false;
for (const [name, stream] of [['standard output', process.stdout], ['standard error', process.stderr]]) {
  stream.on('error', (error) => {
    const code = (error && error.code) || 'EIO';
    if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (!failing && stream === process.stdout) {
      failing = true;
      try {
        process.stderr.write(`tp-doctor: cannot write to ${name}: ${code}\n`);
      } catch {
        // stderr is gone too: the exit code still tells.
      }
    }
    // Let stderr flush its line, then stop; nothing more can be written usefully.
    process.exitCode = 2;
    process.stderr.write('', () => process.exit(2));
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    if (!failing) process.exitCode = code;
  },
  (error) => {
    // Last line of defence: never a stack trace unless asked for.
    process.stderr.write(`tp-doctor: internal error: ${error && error.message ? error.message : String(error)}\n`);
    if (process.env.TP_DOCTOR_DEBUG) process.stderr.write(`${error && error.stack ? error.stack : ''}\n`);
    process.exitCode = 2;
  },
);
