import { describe, expect, it } from 'vitest';
import { renamesIn, rewritesManifest } from './manifest-edits.js';
import { mayRunShellFile } from './shell-files.js';

const RENAME = 'npm pkg set name=@acme/widget-legacy\n';
const FILES: Record<string, string> = {
  'scripts/prepare-release': `#!/usr/bin/env bash\n${RENAME}`,
  'scripts/no-shebang': RENAME,
  'scripts/rename.sh': RENAME,
  'scripts/rename-env': RENAME,
  'scripts/rename.js': "require('child_process').execSync('npm pkg set name=@acme/widget-legacy');\n",
  'scripts/keep': '#!/bin/sh\nnpm pkg get name\n',
};
const read = (file: string): string | undefined => FILES[file];
const renames = (text: string): boolean => renamesIn(text, ['@acme/widget'], read);

describe('renamesIn: the committed scripts a command runs, in each form', () => {
  it.each([
    // A bare relative path, executable, no extension (read with its interpreter line, as ./shell-files.ts does).
    ['scripts/prepare-release', true],
    ['scripts/prepare-release --preview "$SHA"', true],
    ['cd . && scripts/prepare-release', true],
    ['sudo -E scripts/prepare-release', true],
    ['timeout 60 scripts/prepare-release', true],
    ['PREVIEW=1 scripts/prepare-release', true],
    ['if scripts/prepare-release; then echo ok; fi', true],
    ['"$GITHUB_WORKSPACE/scripts/prepare-release"', true],
    ['${{ github.workspace }}/scripts/prepare-release', true],
    // A shell given the file: its options peeled (`-o` takes a value), any name.
    ['bash scripts/no-shebang', true],
    ['bash -eo pipefail scripts/no-shebang', true],
    ['sh scripts/rename.sh', true],
    // `sh -c '…'`: the command string is read as a script.
    ["sh -c 'scripts/prepare-release'", true],
    ["bash -c 'scripts/prepare-release --preview'", true],
    ["sh -c 'npm pkg set name=@acme/widget-legacy'", true],
    ['source scripts/rename-env', true],
    ['. scripts/rename-env', true],
    // Controls: no interpreter line when run directly; a script that keeps the name; the path only an
    // argument; a Node script (renames are not read in JavaScript); a `-c` string that runs nothing.
    ['scripts/no-shebang', false],
    ["sh -c 'scripts/no-shebang'", false],
    ['scripts/keep', false],
    ['echo scripts/prepare-release', false],
    ['npm publish ./scripts/prepare-release', false],
    ['node scripts/rename.js', false],
    ["sh -c 'echo scripts/prepare-release'", false],
  ])('%s', (text, want) => {
    expect(renames(`${text}\n`)).toBe(want);
  });
});

describe('mayRunShellFile: which texts are split to look for scripts they run', () => {
  it.each([
    './x',
    'scripts/x',
    '  scripts/x arg',
    'a && scripts/x',
    'a | scripts/x',
    'V=$(scripts/x)',
    'A=1 B=2 scripts/x',
    'sudo -E scripts/x',
    'env A=b scripts/x',
    'then scripts/x',
    '! scripts/x',
    '"$GITHUB_WORKSPACE/x"',
    "'my dir/x'",
    '${{ github.workspace }}/x',
    'x.sh',
    'bash x',
    "sh -c 'x'",
    'source x',
    '. x',
  ])('%s: may run one', (text) => {
    expect(mayRunShellFile(text)).toBe(true);
  });

  it.each([
    'npm publish',
    'npm publish ./pkg',
    'npm publish packages/a --registry https://registry.npmjs.org/',
    'NPM_CONFIG_REGISTRY=https://r.example/ npm publish',
    'echo "//registry.npmjs.org/:_authToken=$T" >> ~/.npmrc',
    'pnpm -r publish --no-git-checks',
  ])('%s: runs none', (text) => {
    expect(mayRunShellFile(text)).toBe(false);
  });

  it('stays linear on long hostile text (a quadratic test would not finish)', { timeout: 20_000 }, () => {
    const n = 200_000;
    const none = ['if '.repeat(n), ';a='.repeat(n), 'A=b '.repeat(n), ';"'.repeat(n), `;${'x'.repeat(n)}`, 'sudo -x '.repeat(n), '"'.repeat(n), "a='b ".repeat(n), 'a=b=c'.repeat(n)];
    for (const text of none) expect(mayRunShellFile(text)).toBe(false);
    // With a `/` in assignment values only, or more than 8 words after a prefix.
    for (const text of [' a=/'.repeat(n), 'if '.repeat(n) + 'x x x x x x x x x x/']) expect(mayRunShellFile(text)).toBe(false);
    // Many command starts before the one that runs a path.
    for (const text of ['(a='.repeat(n) + ' x/', '{'.repeat(n) + ' x/', '`'.repeat(n) + ' x/', 'if '.repeat(n) + 'x/']) expect(mayRunShellFile(text)).toBe(true);
  });
});

describe('rewritesManifest', () => {
  it('finds a package.json write, a jq edit of publishConfig, a local Verdaccio; nothing else', () => {
    const texts = [
      `node -e "fs.writeFileSync('package.json', JSON.stringify(p))"`,
      `jq '.publishConfig.registry = "x"' package.json > tmp && mv tmp package.json`,
      'nohup npx verdaccio &',
      '  verdaccio --config ./v.yml',
      'npm ci\nnpm run build',
      `node -e "fs.writeFileSync('manifest.json', s)"`,
      'echo verdaccio',
      'cat package.json',
    ];
    expect(texts.map(rewritesManifest)).toEqual([true, true, true, true, false, false, false, false]);
  });
});
