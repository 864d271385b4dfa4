#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json says so), not an ES module: Node starts a CommonJS entry without its
// ES module loader (resolving, reading the file through fs/promises, the `node:*` facades), about
// 8 ms of a small repository's run (bench/README.md).
const module_ = require('node:module');
const path = require('node:path');

// The CLI is one CommonJS bundle (dist/cli/main.cjs). Most of a small repository's run is V8
// compiling it, the same work every time, so it is loaded with a code cache of tp-doctor's own code
// (never anything read from the repository):
// - Node >= 22.1 has its own compile cache (in the system's temporary directory, or
//   NODE_COMPILE_CACHE); the bundle is then a plain `require`.
// - Older Nodes (20) get the same through src/cli/code-cache.ts (built as dist/cli/code-cache.cjs),
//   which writes the cache after the run so that it holds what the run compiled, and rewrites it
//   when a later run compiled much more (the first run may have been a light one).
//   NODE_DISABLE_COMPILE_CACHE=1 turns either off.
const bundle = path.join(__dirname, '..', 'dist', 'cli', 'main.cjs');

let run;
let cache;
if (typeof module_.enableCompileCache === 'function') {
  try {
    module_.enableCompileCache();
  } catch {
    // A cache directory that cannot be written only costs speed.
  }
  ({ run } = require(bundle));
} else {
  const { loadBundle } = require('../dist/cli/code-cache.cjs');
  cache = loadBundle(bundle);
  ({ run } = cache.exports);
}

// Standard output and standard error can fail: a reader that stops early (`tp-doctor | head`)
// closes the pipe (EPIPE: not an error to report, keep the exit code), and a full disk or
// `> /dev/full` gives ENOSPC. Never a stack trace: one line on stderr when stderr still works,
// and exit code 2.
let failing = false;
function guard(name, stream) {
  stream.on('error', (error) => {
    const code = (error && error.code) || 'EIO';
    if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (!failing && name === 'standard output') {
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
// Node creates process.stdout and process.stderr on first use, and most runs write to neither (a
// clean run prints nothing; a run with findings never writes to stderr). Creating one loads Node's
// streams (node:stream for a file or /dev/null, node:net for a pipe or a terminal: 4 to 8 % of a
// small repository's run, bench/README.md). So each is guarded when it is created, by whatever
// first uses it, not here: every write still goes through the guard.
function guardOnFirstUse(property, name) {
  const descriptor = Object.getOwnPropertyDescriptor(process, property);
  if (!descriptor || !descriptor.configurable || typeof descriptor.get !== 'function') {
    guard(name, process[property]);
    return;
  }
  let guarded = false;
  Object.defineProperty(process, property, {
    configurable: true,
    enumerable: descriptor.enumerable,
    get() {
      const stream = descriptor.get.call(process);
      if (!guarded) {
        guarded = true;
        guard(name, stream);
      }
      return stream;
    },
  });
}
guardOnFirstUse('stdout', 'standard output');
guardOnFirstUse('stderr', 'standard error');

// Large repositories are linted on several threads (src/cli/parallel.ts) by this worker.
const workerScript = path.join(__dirname, '..', 'dist', 'cli', 'lint-worker.cjs');
run(process.argv.slice(2), undefined, { workerScript }).then(
  (code) => {
    if (!failing) process.exitCode = code;
    // `--help` and `--version` compile almost nothing: a cache written after them would leave later
    // runs compiling most of the bundle again, so the first real run writes it instead.
    const informational = process.argv.slice(2).some((a) => ['-h', '--help', '-v', '--version'].includes(a));
    if (cache) {
      const saved = informational ? 0 : cache.save();
      if (process.env.TP_DOCTOR_DEBUG) {
        const states = [...cache.files].map(([file, state]) => `${file.replace(/^.*[\\/]/, '')} ${state}`).join(', ');
        process.stderr.write(`tp-doctor: code cache in ${cache.cacheDir ?? '(off)'}: ${states}; ${saved} written\n`);
      }
    }
  },
  (error) => {
    // Last line of defence: never a stack trace unless asked for.
    process.stderr.write(`tp-doctor: internal error: ${error && error.message ? error.message : String(error)}\n`);
    if (process.env.TP_DOCTOR_DEBUG) process.stderr.write(`${error && error.stack ? error.stack : ''}\n`);
    process.exitCode = 2;
  },
);
