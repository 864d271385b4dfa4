import { describe, expect, it } from 'vitest';
import { matchScriptRun } from './script-runs.js';

const run = (line: string) => {
  const words = line.split(' ');
  const r = matchScriptRun(words, words[0]!);
  return r && { name: r.name, forwarded: r.forwarded, label: r.label, other: r.otherPackages };
};

describe('matchScriptRun: `--` before the script name ends the runner options only', () => {
  it.each([
    ['npm run -- pub', { name: 'pub', forwarded: [], label: 'npm run pub', other: false }],
    // After the `--` every word is the script's, options too.
    ['npm run -- pub --tag next', { name: 'pub', forwarded: ['--tag', 'next'], label: 'npm run pub', other: false }],
    ['npm run-script -- pub', { name: 'pub', forwarded: [], label: 'npm run-script pub', other: false }],
    ['pnpm run -- tc release', { name: 'tc', forwarded: ['release'], label: 'pnpm run tc', other: false }],
    // jcoreio/clarity-plugin-toolkit (@jcoreio/toolchain-circle).
    ['pnpm -r --workspace-concurrency=1 run --if-present -- tc release', { name: 'tc', forwarded: ['release'], label: 'pnpm run tc', other: true }],
    ['yarn run -- release', { name: 'release', forwarded: [], label: 'yarn run release', other: false }],
  ])('%s', (line, want) => expect(run(line)).toEqual(want));

  it.each([
    // Nothing after the `--`.
    'npm run --',
    // Yarn 1 cuts the line at `--`: `yarn -- release` is `yarn` (install), not a script.
    'yarn -- release',
    // Without an explicit `run`, pnpm's implicit script form is not read past a `--` either.
    'pnpm -- release',
  ])('%s: no script run', (line) => expect(run(line)).toBeUndefined());

  it('control: without `--` the script and its arguments are read as before', () => {
    expect(run('npm run pub --tag next')).toEqual({ name: 'pub', forwarded: [], label: 'npm run pub', other: false });
    expect(run('pnpm run tc release')).toEqual({ name: 'tc', forwarded: ['release'], label: 'pnpm run tc', other: false });
  });
});
