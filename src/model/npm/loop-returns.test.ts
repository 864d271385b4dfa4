import { describe, expect, it } from 'vitest';
import { splitCommands } from './shell.js';
import { changeWords, directoryPlace, isDirectoryChange } from './shell-scope-walk.js';
import { joinDir } from './value-targets.js';

/** The directory each `npm publish` of a script runs in ('?': unknown; '?/x': unknown, ending in `x`). */
function publishDirs(script: string): string[] {
  const commands = splitCommands(script);
  return commands
    .filter((c) => changeWords(c.words.map((w) => w.value))[0] === 'npm')
    .map((c) => {
      const place = directoryPlace('', commands.filter((d) => d.offset < c.offset && isDirectoryChange(d)), c, joinDir);
      return place.dir ?? (place.tail === undefined ? '?' : `?/${place.tail}`);
    });
}

/** The last publish of each script (the one after its loop). */
const after = (script: string): string | undefined => publishDirs(script).at(-1);

describe('after a loop whose body comes back to where it started, the directory it started in', () => {
  it.each([
    // ast-grep/ast-grep release.yml: `cd $pkg` (values two deep), `cd ../..`.
    ['ast-grep', 'cd npm\nfor pkg in platforms/*; do\n  echo "Publishing $pkg..."\n  cd $pkg;\n  npm publish;\n  cd ../..;\ndone\nnpm publish', 'npm'],
    ['parcel-bundler/lightningcss, then `cd wasm`', 'for pkg in npm/*; do cd $pkg; npm publish; cd ../..; done\ncd wasm\nnpm publish', 'wasm'],
    ['literal words of one depth', 'for p in a b; do cd "$p"; npm publish; cd ..; done; npm publish', ''],
    ['${p} under a literal start', 'for p in a b; do cd "npm/${p}"; npm publish; cd ../..; done; npm publish', ''],
    ['a variable inside a component', 'for p in a b; do cd npm/pkg-$p; npm publish; cd ../..; done; npm publish', ''],
    ['`./x/*/` counts x and the match', 'for p in ./x/*/; do cd $p; npm publish; cd ../..; done; npm publish', ''],
    ['`cd -` goes back to OLDPWD', 'for p in x/*; do cd $p; npm publish; cd -; done; npm publish', ''],
    ['`pushd` / `popd`', 'cd a; for p in x/*; do pushd $p; npm publish; popd; done; npm publish', 'a'],
    ['the cds in a subshell', 'for p in $(ls); do (cd $p && npm publish); done; npm publish', ''],
    ['a while loop whose cds are in a subshell', 'while read -r d; do (cd "$d"; npm publish); done < list; npm publish', ''],
    ['`continue` before the `cd`', 'for p in x/*; do [ -d $p ] || continue; cd $p; npm publish; cd ../..; done; npm publish', ''],
    ['a branch that comes back itself', 'for p in a b; do if [ -d $p ]; then cd $p; npm publish; cd ..; fi; done; npm publish', ''],
    ['a nested loop that comes back', 'for a in x/*; do cd $a; for b in q r; do cd $b; npm publish; cd ..; done; cd ../..; done; npm publish', ''],
    ['`then for` on one line', 'if true; then for p in a b; do cd $p; npm publish; cd ..; done; fi; npm publish', ''],
    ['`cd -L -- $p`', 'for p in a b; do cd -L -- $p; npm publish; cd ..; done; npm publish', ''],
    ['`exit` away from the start', 'for p in a b; do cd $p; npm publish || exit 1; cd ..; done; npm publish', ''],
    ['a group in the body, a pipeline after the way back', 'for p in a b; do { cd $p; npm publish; }; cd ..; ls | cat; done; npm publish', ''],
    ['a loop sent to the background as a whole', 'for p in a b; do cd $p; npm publish; cd ..; done & npm publish', ''],
  ])('%s', (_name, script, want) => {
    expect(after(script)).toBe(want);
  });
});

describe('a loop whose body may not come back keeps the directory after it unknown', () => {
  it.each([
    ['`continue` between the two cds', 'for p in x/*; do cd $p; npm publish || continue; cd ../..; done; npm publish'],
    ['`[ … ] && continue` between the two cds', 'for p in x/*; do cd $p; [ -f skip ] && continue; cd ../..; done; npm publish'],
    ['`cd $p || continue` (taken as a cd that may have moved)', 'for p in x/*; do cd $p || continue; npm publish; cd ../..; done; npm publish'],
    ['`break` away from the start', 'for p in x/*; do cd $p; npm publish; break; cd ../..; done; npm publish'],
    ['a depth mismatch: values two deep, `cd ..`', 'for p in x/*; do cd $p; npm publish; cd ..; done; npm publish'],
    ['words of two depths', 'for p in a b/c; do cd $p; npm publish; cd ..; done; npm publish'],
    ['an `if` around the way back', 'for p in x/*; do cd $p; npm publish; if [ -n "$A" ]; then cd ../..; fi; done; npm publish'],
    ['the way back after `&&`', 'for p in a b; do cd $p && npm publish && cd ..; done; npm publish'],
    ['a cd in a pipeline', 'for p in a b; do cd $p | cat; cd ..; done; npm publish'],
    ['something sent to the background', 'for p in a b; do cd $p; npm publish & cd ..; done; npm publish'],
    ['a group sent to the background', 'for p in a b; do { cd $p; npm publish; } & cd ..; done; npm publish'],
    ['a group in a pipeline', 'for p in a b; do { cd $p; npm publish; } | cat; cd ..; done; npm publish'],
    ['a group after `|`', 'for p in a b; do ls | { cd $p; cat; }; cd ..; done; npm publish'],
    ['the body sets the variable', 'for p in a b; do cd $p; p=x/y; npm publish; cd ..; done; npm publish'],
    ['a variable not from the loop', 'for p in a b; do cd $DIR; npm publish; cd ..; done; npm publish'],
    ['a loop over $(ls)', 'for p in $(ls); do cd $p; npm publish; cd ..; done; npm publish'],
    ['`..` in a word', 'for p in ../x; do cd $p; npm publish; cd ../..; done; npm publish'],
    ['`cd -P`', 'for p in a b; do cd -P $p; npm publish; cd ..; done; npm publish'],
    ['`cd -` with no OLDPWD of the body', 'for p in a b; do npm publish; cd -; done; npm publish'],
    ['`pushd` without `popd`', 'for p in a b; do pushd $p; npm publish; cd ..; done; npm publish'],
    ['an `eval`', 'for p in a b; do cd $p; eval "$CMD"; cd ..; done; npm publish'],
    ['a nested loop that does not come back', 'for a in x/*; do cd $a; for b in q r; do cd $b; npm publish; done; cd ../..; done; npm publish'],
    ['a while loop over read values', 'while read -r d; do cd "$d"; npm publish; cd ..; done < list; npm publish'],
    ['a body that does not come back', 'for p in a b; do cd $p; npm publish; done; npm publish'],
  ])('%s', (_name, script) => {
    expect(after(script)).toBe('?');
  });
});

describe('a `cd` from a directory tp-doctor cannot tell says how the path ends', () => {
  it.each([
    ['cd "$X"; cd wasm; npm publish', ['?/wasm']],
    ['cd "$X"; cd pkg/wasm; npm publish; cd ..; npm publish; cd ..; npm publish', ['?/pkg/wasm', '?/pkg', '?']],
    ['for p in a; do cd $p; done; cd wasm; npm publish', ['?/wasm']],
    ['cd "$X"; pushd wasm; npm publish; popd; npm publish', ['?/wasm', '?']],
    // controls
    ['cd "$X"; npm publish', ['?']],
    ['cd "$X"; cd ../wasm; npm publish', ['?']],
    ['cd "$X"; cd "$Y/wasm"; npm publish', ['?']],
    ['cd wasm; npm publish', ['wasm']],
  ])('%s', (script, want) => {
    expect(publishDirs(script)).toEqual(want);
  });
});
