/**
 * One secret given as several token variables of one `env:` block is one finding naming each
 * (survey904b D2, PerryLink/dsh-auto-review: `NPM_TOKEN` and `NODE_AUTH_TOKEN` from one
 * `secrets.NPM_TOKEN` on the publish step gave two warnings). Different secrets, or the same secret
 * in another block, stay findings of their own.
 */
import { describe } from 'vitest';
import { ruleTester, type InvalidCase } from '../../test/rule-tester.js';
import rule from './no-long-lived-token.js';

const RULE = 'no-long-lived-token';
const FILE = '.github/workflows/release.yml';
const PKG = '{ "name": "widget", "repository": { "type": "git", "url": "git+https://github.com/acme/widget.git" } }\n';

function workflow(stepEnv: readonly string[], jobEnv: readonly string[] = []): string {
  return [
    'on: push',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    ...(jobEnv.length > 0 ? ['    env:', ...jobEnv.map((l) => `      ${l}`)] : []),
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          node-version: 24',
    '      - run: npm publish',
    ...(stepEnv.length > 0 ? ['        env:', ...stepEnv.map((l) => `          ${l}`)] : []),
    '',
  ].join('\n');
}

/** `line:col-line:col` of the key of the first `needle` line (`NAME: value`). */
function loc(text: string, needle: string): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in the workflow`);
  const before = text.slice(0, at).split('\n');
  const column = (before.at(-1) ?? '').length + 1;
  return `${before.length}:${column}-${before.length}:${column + needle.indexOf(':')}`;
}

const BOTH = ['NPM_TOKEN: ${{ secrets.NPM_TOKEN }}', 'NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}'];
const both = workflow(BOTH);
const jobBoth = workflow([], BOTH);
const two = workflow(['NPM_TOKEN: ${{ secrets.NPM_TOKEN }}', 'NODE_AUTH_TOKEN: ${{ secrets.OTHER_TOKEN }}']);
const split = workflow(['NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}'], ['NPM_TOKEN: ${{ secrets.NPM_TOKEN }}']);

const invalid: InvalidCase[] = [
  {
    name: 'dsh-auto-review: NPM_TOKEN and NODE_AUTH_TOKEN from one secret on the step: one finding naming both',
    files: { [FILE]: both, 'package.json': PKG },
    errors: [
      {
        messageId: 'envToken',
        at: loc(both, BOTH[0]!),
        data: { names: '`NPM_TOKEN` and `NODE_AUTH_TOKEN`', paths: '`jobs.release.steps[1].env.NPM_TOKEN` and `jobs.release.steps[1].env.NODE_AUTH_TOKEN`', source: 'secrets.NPM_TOKEN' },
        related: [`${loc(both, BOTH[1]!).split('-')[0]} \`NODE_AUTH_TOKEN\`, the same token`],
      },
    ],
  },
  {
    name: 'the same in a job env block: one finding',
    files: { [FILE]: jobBoth, 'package.json': PKG },
    errors: [{ messageId: 'envToken', at: loc(jobBoth, BOTH[0]!), data: { names: '`NPM_TOKEN` and `NODE_AUTH_TOKEN`', paths: '`jobs.release.env.NPM_TOKEN` and `jobs.release.env.NODE_AUTH_TOKEN`' } }],
  },
  {
    name: 'control: two secrets in one block stay two findings',
    files: { [FILE]: two, 'package.json': PKG },
    errors: [
      { messageId: 'envToken', at: loc(two, 'NPM_TOKEN: '), data: { names: '`NPM_TOKEN`', source: 'secrets.NPM_TOKEN' } },
      { messageId: 'envToken', at: loc(two, 'NODE_AUTH_TOKEN: '), data: { names: '`NODE_AUTH_TOKEN`', source: 'secrets.OTHER_TOKEN' } },
    ],
  },
  {
    name: 'control: one secret in the job block and the step block stays two findings',
    files: { [FILE]: split, 'package.json': PKG },
    errors: [
      { messageId: 'envToken', at: loc(split, 'NPM_TOKEN: '), data: { path: 'jobs.release.env.NPM_TOKEN' } },
      { messageId: 'envToken', at: loc(split, 'NODE_AUTH_TOKEN: '), data: { path: 'jobs.release.steps[1].env.NODE_AUTH_TOKEN' } },
    ],
  },
];

describe(`${RULE}: one secret as several variables of one env block`, () => {
  ruleTester.run(RULE, {
    valid: [],
    invalid,
    notCovered: Object.fromEntries(Object.keys(rule.meta.messages).filter((id) => id !== 'envToken').map((id) => [id, 'no-long-lived-token.test.ts and circleci.test.ts'])),
  });
});
