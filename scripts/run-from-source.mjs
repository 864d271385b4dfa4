#!/usr/bin/env node
// Runs tp-doctor from a source checkout of this repository, building it on first use.
//
// Used by the pre-commit hook (`.pre-commit-hooks.yaml`, `language: script`), which gets a plain
// checkout of this repository in pre-commit's cache. (The GitHub Action does not need it: it runs
// its committed bundle, dist/action/index.js.) The CLI's `dist/` is build output and is not
// committed, so the first run installs the dependencies (`npm ci`, from package-lock.json) and
// compiles (`node scripts/build.mjs`) inside that checkout, then leaves a stamp file; later runs
// start the CLI straight away. Install and build output go to stderr so that stdout carries only
// the report. A lock directory keeps two simultaneous first runs from building over each other.
//
// Why not `language: node`: pre-commit installs a node hook with `npm install`, `npm pack` and a
// global install of the packed tarball. The tarball has no `dist/` unless a lifecycle script builds
// it, and `prepare`/`prepack` scripts print npm's script banner on the stdout that pre-commit reads
// the tarball name from, so the install fails. See README.md, "Why the hook builds on first use".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = fileURLToPath(new URL('../dist/.tp-doctor-built', import.meta.url));
const lock = fileURLToPath(new URL('../.tp-doctor-build.lock', import.meta.url));
/** A lock older than this is left over from a killed build. */
const STALE_LOCK_MS = 10 * 60 * 1000;

function say(text) {
  process.stderr.write(`tp-doctor: ${text}\n`);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock() {
  const deadline = Date.now() + STALE_LOCK_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let age;
    try {
      age = Date.now() - statSync(lock).mtimeMs;
    } catch {
      continue; // released between mkdir and stat
    }
    if (age > STALE_LOCK_MS || Date.now() > deadline) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    sleep(250);
  }
}

/** Runs a command in the checkout with its output on stderr; exits 2 when it fails. */
function step(description, command, args) {
  say(description);
  const windows = process.platform === 'win32';
  const result = spawnSync(windows && command === 'npm' ? 'npm.cmd' : command, args, {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
    shell: windows,
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  if (result.status !== 0) {
    const why = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
    say(`could not set up tp-doctor in ${root}: "${command} ${args.join(' ')}" failed (${why}).`);
    say('It needs Node.js >= 20.19 with npm on PATH and access to the npm registry on the first run.');
    process.exit(2);
  }
}

function build() {
  acquireLock();
  try {
    if (existsSync(stamp)) return; // another run finished the build while we waited
    step('first run: installing dependencies (npm ci)', 'npm', ['ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
    step('first run: building', process.execPath, ['scripts/build.mjs']);
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
    say('ready');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (!existsSync(stamp)) build();
// bin/tp-doctor.js runs the CLI with process.argv and sets process.exitCode.
await import(new URL('../bin/tp-doctor.js', import.meta.url).href);
