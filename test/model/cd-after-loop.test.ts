/**
 * The packages a publish after a shell loop publishes: a loop whose body comes back where it
 * started (`cd $pkg … cd ../..`, src/model/npm/loop-returns.ts) leaves the directory it found
 * (ast-grep/ast-grep: `cd npm; for pkg in platforms/*; do cd $pkg; npm publish; cd ../..; done;
 * npm publish` publishes `npm/` last; parcel-bundler/lightningcss: `cd wasm` after such a loop);
 * one that may not keeps it unknown, and a plain `cd wasm` from an unknown directory names only the
 * packages whose directory ends in `wasm` as candidates, never the root package
 * (src/model/npm/value-targets.ts `endingIn`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (name: string): string => JSON.stringify({ name, version: '1.0.0' });

/** Not a monorepo: today's unknown publish names the root package. */
const FILES = {
  'package.json': pkg('root'),
  'npm/package.json': pkg('cli'),
  'npm/platforms/a/package.json': pkg('cli-a'),
  'npm/platforms/b/package.json': pkg('cli-b'),
  'wasm/package.json': pkg('root-wasm'),
  'tools/wasm/package.json': pkg('tools-wasm'),
};

/** `kind[packages or candidates] directory` of each site, in order. */
function sites(run: string): string[] {
  const block = run.split('\n').map((l) => `          ${l}`).join('\n');
  const workflow = `on: push\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${block}\n`;
  return loadProject(new MemoryFs({ ...FILES, '.github/workflows/r.yml': workflow }), {}).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.targets.kind}[${list.map((x) => x.name).join(',')}] ${s.directory ?? '?'}`;
  });
}

const LOOP = 'unknown[cli-a,cli-b] ?';
const AST_GREP = 'cd npm\nfor pkg in platforms/*; do\n  echo "Publishing $pkg..."\n  cd $pkg;\n  npm publish;\n  cd ../..;\ndone\n';

describe('a publish after a loop', () => {
  it.each([
    ['ast-grep: back in npm/', `${AST_GREP}npm publish`, [LOOP, 'single[cli] npm']],
    ['lightningcss: `cd wasm` after the loop', 'for pkg in npm/platforms/*; do cd $pkg; npm publish; cd ../../..; done\ncd wasm\nnpm publish\ncd ..\nnpm publish', [LOOP, 'single[root-wasm] wasm', 'single[root] ']],
    ['`cd -`', 'cd npm\nfor pkg in platforms/*; do cd $pkg; npm publish; cd -; done\nnpm publish', [LOOP, 'single[cli] npm']],
    ['`pushd` / `popd`', 'cd npm\nfor pkg in platforms/*; do pushd $pkg; npm publish; popd; done\nnpm publish', [LOOP, 'single[cli] npm']],
    // Controls: a body that may not come back keeps today's unknown directory and candidates.
    ['control: `continue` between the cds', 'cd npm\nfor pkg in platforms/*; do cd $pkg; npm publish || continue; cd ../..; done\nnpm publish', [LOOP, 'unknown[root] ?']],
    ['control: `cd ..` after values two deep', 'cd npm\nfor pkg in platforms/*; do cd $pkg; npm publish; cd ..; done\nnpm publish', [LOOP, 'unknown[root] ?']],
    ['control: an `if` around the way back', 'cd npm\nfor pkg in platforms/*; do cd $pkg; npm publish; if [ -z "$A" ]; then cd ../..; fi; done\nnpm publish', [LOOP, 'unknown[root] ?']],
  ])('%s', (_name, run, want) => {
    expect(sites(run)).toEqual(want);
  });
});

describe('a `cd <dir>` from a directory tp-doctor cannot tell', () => {
  it.each([
    ['the packages whose directory ends in it', 'cd "$DIR"\ncd wasm\nnpm publish', ['unknown[tools-wasm,root-wasm] ?']],
    ['after a loop that may not come back', 'cd npm\nfor pkg in platforms/*; do cd $pkg; npm publish; cd ..; done\ncd ../wasm\nnpm publish', [LOOP, 'unknown[root] ?']],
    ['no committed package there: no candidate', 'cd "$DIR"\ncd dist\nnpm publish', ['unknown[] ?']],
    ['a deeper path', 'cd "$DIR"\ncd tools/wasm\nnpm publish', ['unknown[tools-wasm] ?']],
    // Controls: no plain `cd` after the unknown one, or a publish that selects another directory, keep today's candidates.
    ['control: no `cd` after it', 'cd "$DIR"\nnpm publish', ['unknown[root] ?']],
    ['control: back above it', 'cd "$DIR"\ncd wasm\ncd ..\nnpm publish', ['unknown[root] ?']],
    ['control: a directory argument', 'cd "$DIR"\ncd wasm\nnpm publish dist', ['unknown[root] ?']],
  ])('%s', (_name, run, want) => {
    expect(sites(run)).toEqual(want);
  });
});
