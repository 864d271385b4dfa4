import { describe, expect, it } from 'vitest';
import { shellFilesRunBy } from './shell-files.js';

const FILES: Record<string, string> = {
  'scripts/auth.sh': 'echo auth\n',
  'scripts/ci.sh': './scripts/auth.sh\n',
  'tools/bin/run': '#!/bin/bash\necho hi\n',
  'tools/bin/node-tool': '#!/usr/bin/env node\n',
  'loop.sh': 'source ./loop.sh\n',
};
const read = (file: string): string | undefined => FILES[file];

describe('shellFilesRunBy', () => {
  const cases: [string, string, string, string[]][] = [
    ['a .sh path', './scripts/auth.sh', '', ['scripts/auth.sh']],
    ['bash with an option', 'bash -e scripts/auth.sh arg', '', ['scripts/auth.sh']],
    ['source', 'source scripts/auth.sh', '', ['scripts/auth.sh']],
    ['bash -c is not a file', "bash -c './scripts/auth.sh'", '', []],
    ['a script run by a script', './scripts/ci.sh', '', ['scripts/ci.sh', 'scripts/auth.sh']],
    ['an interpreter line, from a directory', './bin/run', 'tools', ['tools/bin/run']],
    ['a node script is not read', './bin/node-tool', 'tools', []],
    ['a cd is followed', 'cd scripts && ./auth.sh', '', ['scripts/auth.sh']],
    ['a cd to a variable ends the search', 'cd "$DIR" && ./scripts/auth.sh', '', []],
    ['a missing file', './scripts/none.sh', '', []],
    ['a script that sources itself is read once', './loop.sh', '', ['loop.sh']],
  ];
  it.each(cases)('%s', (_name, script, dir, want) => {
    expect(shellFilesRunBy(script, dir, read).map((r) => r.file)).toEqual(want);
  });

  it('places a nested script at the outer command', () => {
    const script = 'set -e\n./scripts/ci.sh\n';
    const runs = shellFilesRunBy(script, '', read);
    expect(runs.map((r) => script.slice(r.offset, r.end))).toEqual(['./scripts/ci.sh', './scripts/ci.sh']);
  });
});
