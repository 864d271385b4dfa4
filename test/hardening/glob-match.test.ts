/**
 * Globs from untrusted files are matched in linear time (src/model/core/glob-match.ts). Each
 * repository below hung the build before it (a review of stop 39 measured a minute, more than two
 * minutes, and almost four): a hang fails here by the test timeout, and the findings are checked.
 */
import { describe, expect, it } from 'vitest';
import { GO_GLOB, SHELL_GLOB, globMatchesAll, globTokens, matchingPrefixLengths, matchingSuffixLengths } from '../../src/model/core/glob-match.js';
import { putShellValues } from '../../src/model/npm/shell-values.js';
import { lintFiles } from '../helpers.js';

const GITLAB_REMOTE = { '.git/config': '[remote "origin"]\n\turl = https://gitlab.com/acme/widget.git\n' };

describe('glob matching (shell and Go dialects)', () => {
  const rows: [string, string, boolean][] = [
    ['*', '', true],
    ['*', 'abc', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbb', false],
    ['?', 'a', true],
    ['?', '', false],
    ['[a-c]x', 'bx', true],
    ['[!a-c]x', 'bx', false],
    ['[!a-c]x', 'dx', true],
    ['*.npmrc', '.npmrc', true],
    ['*x*x*y', `${'x'.repeat(5000)}`, false],
    ['*x*x*y', `${'x'.repeat(5000)}y`, true],
  ];
  it.each(rows)('shell %s on %s: %s', (pattern, text, want) => {
    expect(globMatchesAll(globTokens(pattern, SHELL_GLOB)!, text)).toBe(want);
  });

  it('Go: `\\*` is a literal star, `[^a]` negates, an unclosed `[` is a bad pattern', () => {
    expect(globMatchesAll(globTokens('a\\*', GO_GLOB)!, 'a*')).toBe(true);
    expect(globMatchesAll(globTokens('a\\*', GO_GLOB)!, 'ab')).toBe(false);
    expect(globMatchesAll(globTokens('[^a]', GO_GLOB)!, 'b')).toBe(true);
    expect(globMatchesAll(globTokens('[^a]', GO_GLOB)!, 'a')).toBe(false);
    expect(globTokens('[ab', GO_GLOB)).toBeUndefined();
    // The shell takes it literally.
    expect(globMatchesAll(globTokens('[ab', SHELL_GLOB)!, '[ab')).toBe(true);
  });

  it('every matching prefix and suffix length in one pass', () => {
    expect(matchingPrefixLengths(globTokens('a*', SHELL_GLOB)!, 'abab')).toEqual([1, 2, 3, 4]);
    expect(matchingPrefixLengths(globTokens('*b', SHELL_GLOB)!, 'abab')).toEqual([2, 4]);
    expect(matchingSuffixLengths(globTokens('b*', SHELL_GLOB)!, 'abab')).toEqual([1, 3]);
    expect(matchingSuffixLengths(globTokens('[x-z]', SHELL_GLOB)!, 'abc')).toEqual([]);
  });
});

describe('shell removals (`${X#p}`, `${X##p}`, `${X%p}`, `${X%%p}`) as the shell does them', () => {
  const v = (name: string): string | undefined => ({ R: 'https://registry.npmjs.org/', P: 'a/b/c.tar.gz' })[name];
  const rows: [string, string][] = [
    ['${R#https?}', '//registry.npmjs.org/'],
    ['${R#*/}', '/registry.npmjs.org/'],
    ['${R##*/}', ''],
    ['${P%.*}', 'a/b/c.tar'],
    ['${P%%.*}', 'a/b/c'],
    ['${P#*/}', 'b/c.tar.gz'],
    ['${P##*/}', 'c.tar.gz'],
    ['${P%/*}', 'a/b'],
    ['${P#x}', 'a/b/c.tar.gz'],
    ['${P#[ab]}', '/b/c.tar.gz'],
  ];
  it.each(rows)('%s → %s', (word, want) => {
    expect(putShellValues(word, v)).toBe(want);
  });
});

describe('hostile globs in repositories finish', () => {
  it('a GitLab `${R#*x*x*y}` removal on a 1,000-character variable', async () => {
    const line = '    - npm config set "${R#*x*x*y}:_authToken=$NPM_TOKEN"\n';
    const ci = `publish:\n  image: node:24\n  id_tokens: { NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" } }\n  variables:\n    R: "${'x'.repeat(1000)}"\n  script:\n${line.repeat(20)}    - npm publish\n`;
    const found = await lintFiles({ '.gitlab-ci.yml': ci, 'package.json': '{"name":"w","version":"1.0.0"}', ...GITLAB_REMOTE });
    expect(found.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a CircleCI `persist_to_workspace` path with many stars against a long directory name', async () => {
    const dir = 'a'.repeat(300);
    const config = [
      'version: 2.1',
      'jobs:',
      '  build:',
      '    docker: [{ image: cimg/node:24.11 }]',
      '    steps:',
      '      - checkout',
      `      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ${dir}/.npmrc`,
      '      - persist_to_workspace: { root: ., paths: ["*a*a*a*a*a*a*a*b"] }',
      '  publish:',
      '    docker: [{ image: cimg/node:24.11 }]',
      '    steps:',
      '      - attach_workspace: { at: . }',
      '      - run: npm publish',
      'workflows:',
      '  release:',
      '    jobs:',
      '      - build',
      '      - publish: { requires: [build] }',
      '',
    ].join('\n');
    const found = await lintFiles({ '.circleci/config.yml': config, 'package.json': '{"name":"w","version":"1.0.0"}' });
    expect(found.some((d) => d.ruleId === 'circleci-npm-id-token')).toBe(true);
  });

  it('a committed script that runs itself 3,000 times, run by two publishing workflows', async () => {
    const script = `#!/bin/sh\n${'./x.sh\n'.repeat(3000)}`;
    const wf = 'on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    permissions: { id-token: write }\n    steps:\n      - run: ./x.sh\n      - run: npm publish\n';
    const found = await lintFiles({
      'x.sh': script,
      'package.json': '{"name":"w","version":"1.0.0"}',
      '.github/workflows/release.yml': wf,
      '.github/workflows/other.yml': wf,
    });
    expect(found.some((d) => d.ruleId === 'publish-from-trusted-workflow')).toBe(true);
  });
});
