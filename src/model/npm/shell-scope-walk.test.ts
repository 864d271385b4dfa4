import { describe, expect, it } from 'vitest';
import { splitCommands } from './shell.js';
import { changeWords, isDirectoryChange, joinDirectory, ScopeWalk } from './shell-scope-walk.js';

/** Each command of a script with the scopes it stands in (`kind#id.branch`). */
function scopes(script: string): string[] {
  return splitCommands(script).map((c) => `${c.text} @${(c.scope ?? []).map((s) => `${s.kind}#${s.id}.${s.branch}`).join('/')}`);
}

/** The directory each `npm publish` of a script runs in, following its `cd`s as tp-doctor does ('?': unknown). */
function publishDirs(script: string): string[] {
  const walk = new ScopeWalk<string | undefined>('', joinDirectory);
  const out: string[] = [];
  for (const cmd of splitCommands(script)) {
    const words = changeWords(cmd.words.map((w) => w.value));
    if (words[0] === 'npm') out.push(walk.at(cmd.scope) ?? '?');
    else if (isDirectoryChange(cmd)) walk.step(cmd, (d) => (d === undefined ? d : [d, words[1]].filter(Boolean).join('/')));
  }
  return out;
}

describe('ShellCommand.scope', () => {
  it.each([
    ['if a; then b; elif c; then d; else e; fi; f', ['if a @if#0.0', 'then b @if#0.0', 'elif c @if#0.1', 'then d @if#0.1', 'else e @if#0.2', 'fi @', 'f @']],
    ['case $x in a) b ;; c) d ;; esac', ['case $x in a @case#0.0', 'b @case#0.1', 'c @case#0.1', 'd @case#0.2', 'esac @']],
    ['(a; b); c', ['a @subshell#0.0', 'b @subshell#0.0', 'c @']],
    ['{ a; }; for x in y; do b; done', ['a @', 'for x in y @loop#0.0', 'do b @loop#0.0', 'done @']],
  ])('%s', (script, want) => {
    expect(scopes(script)).toEqual(want);
  });
});

describe('a `cd` reaches the commands of its own branch and shell', () => {
  it.each([
    ['if a; then npm publish; cd w; npm publish; elif b; then npm publish; cd w; npm publish; fi', ['', 'w', '', 'w']],
    ['case $t in a) cd w; npm publish;; b) npm publish;; esac', ['w', '']],
    ['(cd w; npm publish); npm publish', ['w', '']],
    ['if a; then cd w; fi; npm publish', ['?']],
    ['if a; then cd w; else cd w; fi; npm publish', ['?']],
    ['while a; do cd w; done; npm publish', ['?']],
    ['if a; then (cd w); fi; npm publish', ['']],
    // controls
    ['cd w; if a; then npm publish; fi', ['w']],
    ['if a; then cd w; if b; then npm publish; fi; fi', ['w']],
    ['cd w && npm publish', ['w']],
    ['{ cd w; }; npm publish', ['w']],
  ])('%s', (script, want) => {
    expect(publishDirs(script)).toEqual(want);
  });
});
