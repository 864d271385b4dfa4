/**
 * A step's `env:` (or input) that passes on the job's or the workflow's entry with
 * `${{ env.NAME }}` hands the publish whatever that entry holds (src/model/github/tokens.ts
 * `forwardedEnvEntry`, `envSecretSource`). wso2/oxygen-ui (survey 400b §2): the workflow's
 * `NPM_TOKEN: ${{ secrets.WSO2_NPM_TOKEN }}`, forwarded by the changesets/action step's
 * `NPM_TOKEN: ${{ env.NPM_TOKEN }}`, was reported by no rule but named by the token-fallback cap.
 */
import { describe } from 'vitest';
import { ruleTester, type InvalidCase, type ValidCase } from '../../test/rule-tester.js';
import rule from './no-long-lived-token.js';

const RULE = 'no-long-lived-token';
const FILE = '.github/workflows/release.yml';
const PKG = '{ "name": "widget", "repository": { "type": "git", "url": "git+https://github.com/acme/widget.git" } }\n';

/** `line:col-line:col` of the first `needle` in `text`; of its key only for a `key: value` needle (where an env entry is reported). */
function loc(text: string, needle: string): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in the workflow`);
  const before = text.slice(0, at).split('\n');
  const column = (before.at(-1) ?? '').length + 1;
  const length = needle.startsWith('$') ? needle.length : needle.indexOf(':');
  return `${before.length}:${column}-${before.length}:${column + length}`;
}

function workflow(step: string, extra: { top?: string; jobEnv?: string } = {}): string {
  return [
    'on: push',
    ...(extra.top ? [extra.top] : []),
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    ...(extra.jobEnv ? [extra.jobEnv] : []),
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          node-version: 24',
    step,
    '',
  ].join('\n');
}

const WF_TOKEN = 'env:\n  NPM_TOKEN: ${{ secrets.WSO2_NPM_TOKEN }}';
const JOB_TOKEN = '    env:\n      NODE_AUTH_TOKEN: ${{ secrets.T }}';
const CHANGESETS = (env: string): string => `      - uses: changesets/action@v1.4.9\n        with:\n          publish: npx changeset publish\n        env:\n${env}`;
const PUBLISH = (env: string): string => `      - run: npm publish\n        env:\n${env}`;

interface Case {
  name: string;
  yaml: string;
  /** [messageId, needle: the first occurrence is where it is reported, data] */
  expected?: [string, string, Record<string, string>];
}

const cases: Case[] = [
  {
    name: 'oxygen-ui: workflow `NPM_TOKEN` from a secret, forwarded by the changesets step as `${{ env.NPM_TOKEN }}`: reported where it is written',
    yaml: workflow(CHANGESETS('          NPM_TOKEN: ${{ env.NPM_TOKEN }}'), { top: WF_TOKEN }),
    expected: ['envToken', 'NPM_TOKEN: ${{ secrets.WSO2_NPM_TOKEN }}', { path: 'env.NPM_TOKEN', source: 'secrets.WSO2_NPM_TOKEN', job: 'release' }],
  },
  {
    name: 'job `NODE_AUTH_TOKEN` forwarded under its own name to a plain `npm publish`',
    yaml: workflow(PUBLISH('          NODE_AUTH_TOKEN: ${{ env.NODE_AUTH_TOKEN }}'), { jobEnv: JOB_TOKEN }),
    expected: ['envToken', 'NODE_AUTH_TOKEN: ${{ secrets.T }}', { path: 'jobs.release.env.NODE_AUTH_TOKEN', source: 'secrets.T' }],
  },
  {
    name: 'a name that is no token variable, forwarded into `NODE_AUTH_TOKEN`: reported at the step, through the entry',
    yaml: workflow(PUBLISH('          NODE_AUTH_TOKEN: ${{ env.PUBLISH_KEY }}'), { top: 'env:\n  PUBLISH_KEY: ${{ secrets.NPM_KEY }}' }),
    expected: ['envToken', 'NODE_AUTH_TOKEN: ${{ env.PUBLISH_KEY }}', { path: 'jobs.release.steps[1].env.NODE_AUTH_TOKEN', source: 'secrets.NPM_KEY through `env.PUBLISH_KEY`' }],
  },
  {
    name: 'the job\'s entry wins over the workflow\'s of the same name',
    yaml: workflow(PUBLISH('          NODE_AUTH_TOKEN: ${{ env.PUBLISH_KEY }}'), { top: 'env:\n  PUBLISH_KEY: ""', jobEnv: '    env:\n      PUBLISH_KEY: ${{ secrets.JOB_KEY }}' }),
    expected: ['envToken', 'NODE_AUTH_TOKEN: ${{ env.PUBLISH_KEY }}', { source: 'secrets.JOB_KEY through `env.PUBLISH_KEY`' }],
  },
  {
    name: 'a token input given `${{ env.KEY }}`',
    yaml: workflow('      - uses: JS-DevTools/npm-publish@v4\n        with:\n          token: ${{ env.KEY }}', { top: 'env:\n  KEY: ${{ secrets.NPM_KEY }}' }),
    expected: ['actionInput', 'token: ${{ env.KEY }}', { input: 'token', source: 'secrets.NPM_KEY through `env.KEY`' }],
  },
  // Controls.
  {
    name: 'control: a forwarded entry that is no secret',
    yaml: workflow(PUBLISH('          NODE_AUTH_TOKEN: ${{ env.PUBLISH_KEY }}'), { top: 'env:\n  PUBLISH_KEY: none' }),
  },
  {
    name: 'control: a step that sets the name to something else still shadows the workflow entry',
    yaml: workflow(CHANGESETS('          NPM_TOKEN: ""'), { top: WF_TOKEN }),
  },
  {
    name: 'control: forwarding a name no `env:` sets (setup-node\'s export, none here)',
    yaml: workflow(PUBLISH('          NODE_AUTH_TOKEN: ${{ env.NODE_AUTH_TOKEN }}')),
  },
];

const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];
for (const c of cases) {
  const files = { [FILE]: c.yaml, 'package.json': PKG };
  if (!c.expected) valid.push({ name: c.name, files });
  else {
    const [messageId, needle, data] = c.expected;
    invalid.push({ name: c.name, files, errors: [{ messageId, at: loc(c.yaml, needle), data }] });
  }
}

const produced = new Set(cases.flatMap((c) => (c.expected ? [c.expected[0]] : [])));

describe(`${RULE}: \`\${{ env.NAME }}\` forwarding`, () => {
  ruleTester.run(RULE, {
    valid,
    invalid,
    notCovered: Object.fromEntries(Object.keys(rule.meta.messages).filter((id) => !produced.has(id)).map((id) => [id, 'no-long-lived-token.test.ts and circleci.test.ts'])),
  });
});
