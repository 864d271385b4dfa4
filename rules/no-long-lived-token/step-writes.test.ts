/**
 * One token written into `~/.npmrc` by a step is one finding (survey908a P3): the same write in the
 * `if`/`elif` branches of the step (napi-rs template: resvg-js, ast-grep, node-tantivy-binding) and
 * the step's `NPM_TOKEN` env entry that only feeds it. Controls: different secrets, a tool that reads
 * the variable itself, an `.npmrc` that names it, another mention in the script, a write twice in a row.
 */
import { describe, expect } from 'vitest';
import { ruleTester, type InvalidCase } from '../../test/rule-tester.js';
import { applyEdits } from '../../src/fix/edits.js';
import rule from './no-long-lived-token.js';

const RULE = 'no-long-lived-token';
const FILE = '.github/workflows/release.yml';
const PKG = '{ "name": "widget", "repository": { "type": "git", "url": "git+https://github.com/acme/widget.git" } }\n';
const WRITE = 'echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" >> ~/.npmrc';

function workflow(run: readonly string[], env: readonly string[], before: readonly string[] = []): string {
  return [
    'on: push',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          node-version: 24',
    ...before.map((l) => `          ${l}`),
    '      - run: |',
    ...run.map((l) => `          ${l}`),
    ...(env.length > 0 ? ['        env:', ...env.map((l) => `          ${l}`)] : []),
    '',
  ].join('\n');
}

/** `line:column` of the `n`th (0-based) occurrence of `needle`, plus `offset` characters. */
function pos(text: string, needle: string, n = 0, offset = 0): string {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not in the workflow`);
  const before = text.slice(0, at + offset).split('\n');
  return `${before.length}:${(before.at(-1) ?? '').length + 1}`;
}

/** The range of the `_authToken` write of the `n`th `WRITE`-like line (`//…=$VAR`). */
function writeAt(text: string, n = 0, value = '$NPM_TOKEN'): string {
  const key = `//registry.npmjs.org/:_authToken=${value}`;
  const start = pos(text, key, n);
  const [line, column] = start.split(':').map(Number);
  return `${start}-${line}:${column! + key.length}`;
}

const BRANCHES = ['if [ "$TAG" = latest ]; then', `  ${WRITE}`, '  npm publish', 'elif [ -n "$TAG" ]; then', `  ${WRITE}`, '  npm publish --tag next', 'else', '  echo skip', 'fi'];
const ENV = ['NPM_TOKEN: ${{ secrets.NPM_TOKEN }}'];
const napi = workflow(BRANCHES, ENV);
const branchesOnly = workflow(
  BRANCHES.map((l) => l.replace('$NPM_TOKEN', '${{ secrets.NPM_TOKEN }}')),
  [],
);
const single = workflow([WRITE, 'npm publish'], ENV);
const twoSecrets = workflow(
  BRANCHES.map((l, i) => (i === 4 ? l.replace('$NPM_TOKEN', '$NEXT_TOKEN') : l)),
  [...ENV, 'NEXT_TOKEN: ${{ secrets.NPM_NEXT_TOKEN }}'],
);
const semrel = workflow([WRITE, 'npx semantic-release'], ENV);
const alsoRead = workflow([WRITE, 'curl -H "Authorization: Bearer $NPM_TOKEN" https://example.com/hook', 'npm publish'], ENV);
// Into the project `.npmrc`: after setup-node's `registry-url` npm does not read `~/.npmrc`.
const setupNode = workflow(
  [WRITE.replace('$NPM_TOKEN', '$NODE_AUTH_TOKEN').replace('~/.npmrc', '.npmrc'), 'npm publish'],
  ['NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}'],
  ['registry-url: https://registry.npmjs.org'],
);
const NAPI_PKG = '{ "name": "widget", "version": "1.0.0", "napi": { "binaryName": "widget" }, "scripts": { "prepublishOnly": "napi prepublish -t npm" }, "repository": { "type": "git", "url": "git+https://github.com/acme/widget.git" } }\n';
const SCRIPT_PKG = '{ "name": "widget", "version": "1.0.0", "scripts": { "release": "node notify.js $NPM_TOKEN && npm publish" }, "repository": { "type": "git", "url": "git+https://github.com/acme/widget.git" } }\n';
const viaScript = workflow([WRITE, 'npm run release'], ENV);
const twice = workflow([WRITE, 'npm publish', WRITE, 'npm publish --tag next'], []);

const RELATED_ENV = '`NPM_TOKEN` (secrets.NPM_TOKEN), which only this line reads: remove it too';
const RELATED_BRANCH = 'the same token, written in another branch of the script';

const invalid: InvalidCase[] = [
  {
    name: 'napi-rs template: the write in the if and the elif, and the env entry feeding it: one finding at the first write',
    files: { [FILE]: napi, 'package.json': PKG },
    errors: [
      {
        messageId: 'npmrcWrite',
        at: writeAt(napi),
        data: { source: '$NPM_TOKEN from secrets.NPM_TOKEN', path: 'jobs.release.steps[1].run' },
        related: [`${pos(napi, '//registry', 1)} ${RELATED_BRANCH}`, `${pos(napi, 'NPM_TOKEN: ')} ${RELATED_ENV}`],
      },
    ],
    check: ([d]) => {
      // The fix removes both lines; removing the env entry is a suggestion.
      const fixed = applyEdits(napi, d!.autofix!.edits);
      expect(fixed).not.toContain('_authToken');
      expect(fixed).toContain('npm publish --tag next');
      expect(fixed).toContain('NPM_TOKEN: ${{ secrets.NPM_TOKEN }}');
      expect(d!.suggestions?.map((s) => s.description)).toEqual(['Remove the `NPM_TOKEN` env entry']);
    },
  },
  {
    name: 'the same write in two branches, from the secret directly: one finding',
    files: { [FILE]: branchesOnly, 'package.json': PKG },
    errors: [{ messageId: 'npmrcWrite', at: writeAt(branchesOnly, 0, '${{ secrets.NPM_TOKEN }}'), data: { source: 'secrets.NPM_TOKEN' }, related: [RELATED_BRANCH] }],
  },
  {
    name: 'one write fed by the step env entry: one finding at the write',
    files: { [FILE]: single, 'package.json': PKG },
    errors: [{ messageId: 'npmrcWrite', at: writeAt(single), related: [`${pos(single, 'NPM_TOKEN: ')} ${RELATED_ENV}`] }],
  },
  {
    name: "napi-rs: npm publish runs napi prepublish (prepublishOnly), which publishes through npm and reads no NPM_TOKEN: one finding",
    files: { [FILE]: napi, 'package.json': NAPI_PKG },
    errors: [{ messageId: 'npmrcWrite', at: writeAt(napi), related: [RELATED_BRANCH, RELATED_ENV] }],
  },
  {
    name: 'control: a package script the publish runs through names the variable: both stay',
    files: { [FILE]: viaScript, 'package.json': SCRIPT_PKG },
    errors: [
      { messageId: 'npmrcWrite', at: writeAt(viaScript) },
      { messageId: 'envToken', at: `${pos(viaScript, 'NPM_TOKEN: ')}-${pos(viaScript, 'NPM_TOKEN: ', 0, 9)}` },
    ],
  },
  {
    name: 'control: two secrets written in two branches stay two write findings (the env entry of each folded)',
    files: { [FILE]: twoSecrets, 'package.json': PKG },
    errors: [
      { messageId: 'npmrcWrite', at: writeAt(twoSecrets), data: { source: '$NPM_TOKEN from secrets.NPM_TOKEN' }, related: [RELATED_ENV] },
      { messageId: 'npmrcWrite', at: writeAt(twoSecrets, 0, '$NEXT_TOKEN'), data: { source: '$NEXT_TOKEN from secrets.NPM_NEXT_TOKEN' } },
    ],
  },
  {
    name: 'control: semantic-release reads NPM_TOKEN itself: the env finding stays',
    files: { [FILE]: semrel, 'package.json': PKG },
    errors: [
      { messageId: 'npmrcWrite', at: writeAt(semrel) },
      { messageId: 'envToken', at: `${pos(semrel, 'NPM_TOKEN: ')}-${pos(semrel, 'NPM_TOKEN: ', 0, 9)}`, data: { names: '`NPM_TOKEN`' } },
    ],
  },
  {
    name: 'control: another command of the step reads the variable: both stay',
    files: { [FILE]: alsoRead, 'package.json': PKG },
    errors: [
      { messageId: 'npmrcWrite', at: writeAt(alsoRead) },
      { messageId: 'envToken', at: `${pos(alsoRead, 'NPM_TOKEN: ')}-${pos(alsoRead, 'NPM_TOKEN: ', 0, 9)}` },
    ],
  },
  {
    name: "control: setup-node's .npmrc reads NODE_AUTH_TOKEN: both stay",
    files: { [FILE]: setupNode, 'package.json': PKG },
    errors: [
      { messageId: 'npmrcWrite', at: writeAt(setupNode, 0, '$NODE_AUTH_TOKEN') },
      { messageId: 'envToken', at: `${pos(setupNode, 'NODE_AUTH_TOKEN: ')}-${pos(setupNode, 'NODE_AUTH_TOKEN: ', 0, 15)}` },
    ],
  },
  {
    name: 'control: the same write twice in a row (not in branches) stays two findings',
    files: { [FILE]: twice, 'package.json': PKG },
    errors: [
      { messageId: 'npmrcWriteUnset', at: writeAt(twice) },
      { messageId: 'npmrcWriteUnset', at: writeAt(twice, 1) },
    ],
  },
];

describe(`${RULE}: one token written by a step is one finding`, () => {
  ruleTester.run(RULE, {
    valid: [],
    invalid,
    notCovered: Object.fromEntries(
      Object.keys(rule.meta.messages)
        .filter((id) => !['envToken', 'npmrcWrite', 'npmrcWriteUnset'].includes(id))
        .map((id) => [id, 'no-long-lived-token.test.ts and circleci.test.ts']),
    ),
  });
});
