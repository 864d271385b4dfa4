/**
 * `eval` joins its arguments and runs them as shell code (yarnpkg/yarn `scripts/update-npm.sh`:
 * `eval "npx npm@4 publish '$tarball' --access public $npm_flags"`): when its arguments are literal
 * text (values only in an argument's place), its commands are read where it stands, placed inside
 * the quoted string when it is written without escapes, else at the `eval` command. A `$(...)`, a
 * backtick, another `${…}` form, a compound command or a value in a command's place keep it a
 * command tp-doctor cannot read. src/model/npm/eval-text.ts.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';

describe('analyzeScript: the commands of an eval', () => {
  it.each<[script: string, publishes: string[], unread: string[]]>([
    ['eval "npm publish --access public"', ['npm publish --access public'], []],
    ["eval 'npm publish'", ['npm publish'], []],
    ['eval npm publish', ['npm publish'], []],
    ['eval -- "npm publish"', ['npm publish'], []],
    ["eval \"npx npm@4 publish '$tarball' --access public $npm_flags\"", ["npx npm@4 publish '$tarball' --access public $npm_flags"], []],
    ['eval "npm" "publish" "--tag x"', ['"npm" "publish" "--tag x"'], []],
    ['if eval "npm publish"; then echo ok; fi', ['npm publish'], []],
    ['X=1 eval "npm publish"', ['npm publish'], []],
    ['eval "eval \'npm publish --tag next\'"', ['npm publish --tag next'], []],
    ['eval "npm publish ${{ inputs.flags }}"', ['npm publish ${{ inputs.flags }}'], []],
    // escapes: the commands are read, placed at the eval command
    ['eval "npm publish \\"$dir\\""', ['eval "npm publish \\"$dir\\""'], []],
    // nothing published: a dry run, a builtin; an unreadable command is placed in the quotes
    ['eval "npm publish --dry-run"', [], []],
    ['eval "export A=1"', [], []],
    ['eval "./scripts/release.sh"', [], ['./scripts/release.sh']],
    // kept a command tp-doctor cannot read
    ['eval "$CMD"', [], ['eval "$CMD"']],
    ['eval "$NPM publish"', [], ['eval "$NPM publish"']],
    ['eval "${{ inputs.cmd }}"', [], ['eval "${{ inputs.cmd }}"']],
    ['eval "$(ssh-agent -s)"', [], ['eval "$(ssh-agent -s)"']],
    ['eval "npm publish $(cat flags)"', [], ['eval "npm publish $(cat flags)"']],
    ['eval `echo npm publish`', [], ['eval `echo npm publish`']],
    ['eval "${CMD:-npm publish}"', [], ['eval "${CMD:-npm publish}"']],
    ['eval "if true; then npm publish; fi"', [], ['eval "if true; then npm publish; fi"']],
    ['eval "(npm publish)"', [], ['eval "(npm publish)"']],
  ])('%s', (script, publishes, unread) => {
    const analysis = analyzeScript(script);
    expect(analysis.matches.map((m) => m.text)).toEqual(publishes);
    expect(analysis.matches.map((m) => script.slice(m.offset, m.end))).toEqual(publishes);
    expect(analysis.unread.map((u) => u.text)).toEqual(unread);
  });

  // A value among the words is read as it is outside an eval: `npm publish $FLAGS` is a publish.
  it.each([
    ['npm publish $npm_flags', 'eval "npm publish $npm_flags"'],
    ['npm_flags=--dry-run; npm publish $npm_flags', 'npm_flags=--dry-run; eval "npm publish $npm_flags"'],
    ['npx npm@4 publish "$tarball"', "eval \"npx npm@4 publish '$tarball'\""],
    ['npm publish --dry-run "$DRY"', 'eval "npm publish --dry-run $DRY"'],
  ])('%s as eval: %s', (direct, evaluated) => {
    const read = (s: string): unknown[] => analyzeScript(s).matches.map((m) => [m.recognizer, m.confidence, m.args, m.pinnedVersion]);
    expect(read(evaluated)).toEqual(read(direct));
    expect(read(direct)).toHaveLength(1);
  });
});

const REPO = { 'package.json': JSON.stringify({ name: 'widget', version: '1.0.0' }) };
const indent = (text: string, by: string): string => text.split('\n').map((l) => by + l).join('\n');
const github = (run: string): Record<string, string> => ({ '.github/workflows/r.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${indent(run, '          ')}\n` });
const gitlab = (run: string): Record<string, string> => ({ '.gitlab-ci.yml': `release:\n  script:\n    - |\n${indent(run, '      ')}\n` });
const circleci = (run: string): Record<string, string> => ({
  '.circleci/config.yml': `version: 2.1\njobs:\n  release:\n    docker:\n      - image: cimg/node:24.11\n    steps:\n      - checkout\n      - run: |\n${indent(run, '          ')}\nworkflows:\n  main:\n    jobs:\n      - release\n`,
});

/** `certainty label` of each recognised site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ ...REPO, ...files })).facts.sites.filter((s) => s.certainty !== 'possible').map((s) => `${s.certainty} ${s.publish.match.label}`);
}

const UPDATE_NPM = '#!/bin/bash\nset -ex\ntarball=./artifacts/widget.tgz\nnpm_flags=""\neval "npx npm@4 publish \'$tarball\' --access public $npm_flags"\n';

const cases: [name: string, run: string, files: Record<string, string>, want: string[]][] = [
  ['eval in the CI file', 'eval "npm publish --access public"', {}, ['certain npm publish']],
  ['yarnpkg/yarn: eval in a committed script', './scripts/update-npm.sh', { 'scripts/update-npm.sh': UPDATE_NPM }, ['likely npm publish']],
  ['eval of a simple publish in a committed script', 'bash ./scripts/p.sh', { 'scripts/p.sh': 'eval "npm publish --access public"\n' }, ['likely npm publish']],
  ['control: eval of a variable', 'eval "$PUBLISH_CMD"', {}, []],
];

describe('a publish in an eval is a publish of the job', () => {
  it.each(cases)('GitHub: %s', (_name, run, files, want) => {
    expect(sites({ ...files, ...github(run) })).toEqual(want);
  });
  it.each(cases)('GitLab: %s', (_name, run, files, want) => {
    expect(sites({ ...files, ...gitlab(run) })).toEqual(want);
  });
  it.each(cases)('CircleCI: %s', (_name, run, files, want) => {
    expect(sites({ ...files, ...circleci(run) })).toEqual(want);
  });
});
