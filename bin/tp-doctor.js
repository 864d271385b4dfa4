#!/usr/bin/env node
import { run } from '../dist/cli/main.js';

// A reader that stops early (`tp-doctor | head`) closes the pipe: that is not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // Last line of defence: never a stack trace unless asked for.
    process.stderr.write(`tp-doctor: internal error: ${error && error.message ? error.message : String(error)}\n`);
    if (process.env.TP_DOCTOR_DEBUG) process.stderr.write(`${error && error.stack ? error.stack : ''}\n`);
    process.exitCode = 2;
  },
);
