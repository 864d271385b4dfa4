import { describe, expect, it } from 'vitest';
import { splitCommands } from './shell.js';
import { changeWords, directoryAt, isDirectoryChange } from './shell-scope-walk.js';

/** Each command of a script with the scopes it stands in (`kind#id.branch`). */
function scopes(script: string): string[] {
  return splitCommands(script).map((c) => `${c.text} @${(c.scope ?? []).map((s) => `${s.kind}#${s.id}.${s.branch}`).join('/')}`);
}

/** The directory each `npm publish` of a script runs in, following its `cd`s as tp-doctor does ('?': unknown). */
function publishDirs(script: string): string[] {
  const commands = splitCommands(script);
  const join = (dir: string, target: string): string => [dir, target].filter(Boolean).join('/');
  return commands
    .filter((c) => changeWords(c.words.map((w) => w.value))[0] === 'npm')
    .map((c) => directoryAt('', commands.filter((d) => d.offset < c.offset && isDirectoryChange(d)), c, join) ?? '?');
}

describe('ShellCommand.scope', () => {
  it.each([
    ['if a; then b; elif c; then d; else e; fi; f', ['if a @if#0.0', 'then b @if#0.0', 'elif c @if#0.1', 'then d @if#0.1', 'else e @if#0.2', 'fi @', 'f @']],
    ['case $x in a) b ;; c) d ;; esac', ['case $x in a @case#0.0', 'b @case#0.1', 'c @case#0.1', 'd @case#0.2', 'esac @']],
    // A pattern's optional `(`: no subshell; one in a branch's body is.
    ['case $x in (a) b ;; (c) d ;; esac', ['case $x in @case#0.0', 'a @case#0.0', 'b @case#0.1', 'c @case#0.1', 'd @case#0.2', 'esac @']],
    ['case $x in a) (b) ;; esac', ['case $x in a @case#0.0', 'b @case#0.1/subshell#1.0', 'esac @']],
    ['(a; b); c', ['a @subshell#0.0', 'b @subshell#0.0', 'c @']],
    ['{ a; }; for x in y; do b; done', ['a @', 'for x in y @loop#0.0', 'do b @loop#0.0', 'done @']],
    // A compound command opened after `then`, `do`, `else` on the same line is one.
    ['if a; then if b; then c; fi; d; fi', ['if a @if#0.0', 'then if b @if#0.0/if#1.0', 'then c @if#0.0/if#1.0', 'fi @if#0.0', 'd @if#0.0', 'fi @']],
    ['for x in y; do for z in w; do c; done; d; done', ['for x in y @loop#0.0', 'do for z in w @loop#0.0/loop#1.0', 'do c @loop#0.0/loop#1.0', 'done @loop#0.0', 'd @loop#0.0', 'done @']],
    ['for x in y; do { a; }; b; done', ['for x in y @loop#0.0', 'do @loop#0.0', 'a @loop#0.0', 'b @loop#0.0', 'done @']],
    ['if a; then b; else case $x in y) c;; esac; fi', ['if a @if#0.0', 'then b @if#0.0', 'else case $x in y @if#0.1/case#1.0', 'c @if#0.1/case#1.1', 'esac @if#0.1', 'fi @']],
  ])('%s', (script, want) => {
    expect(scopes(script)).toEqual(want);
  });
});

describe('a `cd` reaches the commands of its own branch and shell', () => {
  it.each([
    ['if a; then npm publish; cd w; npm publish; elif b; then npm publish; cd w; npm publish; fi', ['', 'w', '', 'w']],
    ['case $t in a) cd w; npm publish;; b) npm publish;; esac', ['w', '']],
    ['(cd w; npm publish); npm publish', ['w', '']],
    ['case $t in (a) cd w; npm publish;; (b) npm publish;; esac; npm publish', ['w', '', '?']],
    ['case $t in a) (cd w; npm publish);; esac; npm publish', ['w', '']],
    ['if a; then cd w; fi; npm publish', ['?']],
    ['if a; then cd w; else cd w; fi; npm publish', ['?']],
    ['while a; do cd w; done; npm publish', ['?']],
    ['if a; then (cd w); fi; npm publish', ['']],
    // `popd` goes back where its `pushd` was run; options make it unknown
    ['pushd w; npm publish; popd; npm publish', ['w', '']],
    ['cd a; pushd w; pushd x; npm publish; popd; npm publish; popd; npm publish; popd; npm publish', ['a/w/x', 'a/w', 'a', 'a']],
    ['(pushd w; npm publish); popd; npm publish', ['w', '']],
    ['if a; then pushd w; fi; popd; npm publish', ['?']],
    ['pushd w; popd +1; npm publish', ['?']],
    ['pushd; npm publish', ['?']],
    ['cd -P w; npm publish; cd -- x; npm publish', ['w', 'w/x']],
    // controls
    ['cd w; if a; then npm publish; fi', ['w']],
    ['if a; then cd w; if b; then npm publish; fi; fi', ['w']],
    ['cd w && npm publish', ['w']],
    ['{ cd w; }; npm publish', ['w']],
    // a `cd` in `$(...)` or backticks moves the rest of that substitution only
    ['OUT=$(cd w && npm publish); npm publish', ['w', '']],
    ['cd a; X=$(cd w && npm publish)', ['a/w']],
    ['X=`cd w; npm publish`; npm publish', ['w', '']],
    ['A=$(cd w) B=$(npm publish)', ['']],
    ['X=$(cd w) && npm publish', ['']],
    ['X=$(cd w && Y=$(npm publish)); npm publish', ['w', '']],
    ['X=$(Y=$(cd w) && npm publish)', ['']],
    ['if a; then cd w; X=$(npm publish); fi', ['w']],
    ['X=$( (cd w); npm publish)', ['']],
  ])('%s', (script, want) => {
    expect(publishDirs(script)).toEqual(want);
  });
});
