import { describe, expect, it } from 'vitest';
import { publisherConfig, ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'allowed-actions-match';
const PKG = '{ "name": "widget", "repository": "github:acme/widget" }\n';

function loc(text: string, needle: string): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in the workflow`);
  const before = text.slice(0, at).split('\n');
  const line = before.length;
  const column = (before.at(-1) ?? '').length + 1;
  return `${line}:${column}-${line}:${column + needle.length}`;
}

function workflow(steps: string, on = 'push'): string {
  return [
    `on: ${on}`,
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          node-version: 24',
    steps,
    '',
  ].join('\n');
}

interface Case {
  name: string;
  files: Record<string, string>;
  /** The file holding the diagnostics, and [messageId, needle] in it. */
  file?: string;
  expected: [string, string][];
  data?: Record<string, string>[];
}

const WF = '.github/workflows/release.yml';
const stageOnly = publisherConfig({ extra: '    allowedActions: [stage-publish]' });
const publishOnly = publisherConfig({ extra: '    allowedActions: [publish]' });

const cases: Case[] = [
  {
    // MetaMask/action-npm-publish stages its publish unless `staged-publish: false`.
    name: 'MetaMask/action-npm-publish stages by default: refused by a publish-only publisher',
    files: { 'tp-doctor.yml': publishOnly, [WF]: workflow('      - uses: MetaMask/action-npm-publish@v6') },
    expected: [['stageNotAllowed', 'MetaMask/action-npm-publish@v6']],
  },
  {
    name: 'MetaMask/action-npm-publish with `staged-publish: false` publishes: allowed',
    files: { 'tp-doctor.yml': publishOnly, [WF]: workflow("      - uses: MetaMask/action-npm-publish@v6\n        with:\n          staged-publish: 'false'") },
    expected: [],
  },
  {
    name: 'MetaMask/action-npm-publish with a staged-publish expression: either action, silent',
    files: { 'tp-doctor.yml': stageOnly, [WF]: workflow('      - uses: MetaMask/action-npm-publish@v6\n        with:\n          staged-publish: ${{ inputs.staged }}') },
    expected: [],
  },
  {
    // apollographql/apollo-client: `scripts/changesets/wrap-staged/npm` turns `npm publish` into `npm stage publish`.
    name: 'stage publish only, the publish runs with a wrapper directory first on PATH: silent (either action)',
    files: {
      'tp-doctor.yml': stageOnly,
      'package.json': '{ "name": "widget", "scripts": { "release": "PATH=\\"$PWD/scripts/wrap-staged:$PATH\\" changeset publish" } }\n',
      'scripts/wrap-staged/npm': '#!/usr/bin/env bash\nif [ "$1" = publish ]; then shift; exec npm stage publish "$@"; fi\nexec npm "$@"\n',
      [WF]: workflow('      - run: npm run release'),
    },
    expected: [],
  },
  {
    name: 'stage publish only, a committed wrapper in a folder named for npm: silent',
    files: {
      'tp-doctor.yml': stageOnly,
      'scripts/npm-wrap/npm': '#!/usr/bin/env bash\nexec npm stage "$@"\n',
      [WF]: workflow('      - run: PATH="$PWD/scripts/npm-wrap:$PATH" npm publish'),
    },
    expected: [],
  },
  {
    name: 'stage publish only, an npm installed in a folder first on PATH: still a direct publish',
    files: { 'tp-doctor.yml': stageOnly, [WF]: workflow('      - run: PATH=/opt/npm11/bin:$PATH npm publish') },
    expected: [['publishNotAllowed', 'PATH=/opt/npm11/bin:$PATH npm publish']],
  },
  {
    name: 'stage publish only, PATH only appended to: the direct publish is still reported',
    files: { 'tp-doctor.yml': stageOnly, [WF]: workflow('      - run: PATH=$PATH:/opt/bin npm publish') },
    expected: [['publishNotAllowed', 'PATH=$PATH:/opt/bin npm publish']],
  },
  {
    name: 'stage publish only, workflow runs npm publish (403)',
    files: { 'tp-doctor.yml': stageOnly, [WF]: workflow('      - run: npm publish --provenance') },
    expected: [['publishNotAllowed', 'npm publish --provenance']],
    data: [{ job: 'release', command: 'npm publish', workflow: 'release.yml', allowed: '"stage publish"', path: 'jobs.release.steps[1]', config: 'tp-doctor.yml' }],
  },
  {
    name: 'release-it with `npm.stage: true` in .release-it.json is a stage publish (publish only: 403)',
    files: { 'tp-doctor.yml': publishOnly, '.release-it.json': '{ "npm": { "stage": true } }\n', [WF]: workflow('      - run: npx release-it --ci') },
    expected: [['stageNotAllowed', 'npx release-it --ci']],
  },
  {
    name: 'release-it with `npm.stage` in package.json, stage publish allowed: silent',
    files: { 'tp-doctor.yml': stageOnly, 'package.json': '{ "name": "widget", "release-it": { "npm": { "stage": true } } }\n', [WF]: workflow('      - run: npx release-it --ci') },
    expected: [],
  },
  {
    name: 'release-it without `npm.stage` is a direct publish (stage only: 403)',
    files: { 'tp-doctor.yml': stageOnly, '.release-it.yaml': 'git:\n  tagName: v${version}\n', [WF]: workflow('      - run: npx release-it --ci') },
    expected: [['publishNotAllowed', 'npx release-it --ci']],
  },
  {
    name: 'the command line wins over the file: --no-npm.stage is a direct publish',
    files: { 'tp-doctor.yml': publishOnly, '.release-it.json': '{ "npm": { "stage": true } }\n', [WF]: workflow('      - run: npx release-it --ci --no-npm.stage') },
    expected: [],
  },
  {
    name: 'release-it with a literal `npm.stage: true` in .release-it.js is a stage publish (publish only: 403)',
    files: { 'tp-doctor.yml': publishOnly, '.release-it.js': 'module.exports = {\n  npm: { stage: true },\n};\n', [WF]: workflow('      - run: npx release-it --ci') },
    expected: [['stageNotAllowed', 'npx release-it --ci']],
  },
  {
    name: 'release-it configured in JavaScript without `npm.stage` is a direct publish (stage only: 403)',
    files: { 'tp-doctor.yml': stageOnly, '.release-it.mjs': 'export default { git: { tagName: "v${version}" } };\n', [WF]: workflow('      - run: npx release-it --ci') },
    expected: [['publishNotAllowed', 'npx release-it --ci']],
  },
  {
    name: 'release-it configured in JavaScript: either action, nothing reported',
    files: { 'tp-doctor.yml': stageOnly, '.release-it.cjs': 'module.exports = { npm: { stage: process.env.STAGE === "1" } };\n', [WF]: workflow('      - run: npx release-it --ci') },
    expected: [],
  },
  {
    name: 'stage publish only, pnpm publish is a direct publish too',
    files: { 'tp-doctor.yml': stageOnly, [WF]: workflow('      - run: pnpm -r publish') },
    expected: [['publishNotAllowed', 'pnpm -r publish']],
  },
  {
    name: 'publish only, workflow stages',
    files: { 'tp-doctor.yml': publishOnly, [WF]: workflow('      - run: npm stage publish') },
    expected: [['stageNotAllowed', 'npm stage publish']],
    data: [{ allowed: '"publish"' }],
  },
  { name: 'stage publish allowed and used', files: { 'tp-doctor.yml': stageOnly, [WF]: workflow('      - run: npm stage publish') }, expected: [] },
  {
    name: 'both allowed',
    files: { 'tp-doctor.yml': publisherConfig({ extra: '    allowedActions: [publish, stage-publish]' }), [WF]: workflow('      - run: npm publish\n      - run: npm stage publish') },
    expected: [],
  },
  {
    name: 'nothing allowed',
    files: { 'tp-doctor.yml': publisherConfig({ extra: '    allowedActions: []' }), [WF]: workflow('      - run: npm publish') },
    expected: [['publishNotAllowed', 'npm publish']],
    data: [{ allowed: 'no action' }],
  },
  { name: 'allowed actions not declared: silent', files: { 'tp-doctor.yml': publisherConfig({}), [WF]: workflow('      - run: npm publish') }, expected: [] },
  { name: 'no config (inferred publisher): silent', files: { [WF]: workflow('      - run: npm publish') }, expected: [] },
  {
    name: 'another workflow than the declared one is not this publisher',
    files: { 'tp-doctor.yml': publisherConfig({ workflow: 'other.yml', extra: '    allowedActions: [stage-publish]' }), [WF]: workflow('      - run: npm publish') },
    expected: [],
  },
  {
    name: 'a reusable workflow reached from the declared entry',
    files: {
      'tp-doctor.yml': stageOnly,
      [WF]: 'on: push\njobs:\n  call:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/publish.yml\n',
      '.github/workflows/publish.yml': workflow('      - run: npm publish', 'workflow_call'),
    },
    file: '.github/workflows/publish.yml',
    expected: [['publishNotAllowed', 'npm publish']],
    data: [{ workflow: 'release.yml' }],
  },
  {
    name: 'two publishers on one workflow: one allows publish',
    files: {
      'tp-doctor.yml': `${stageOnly}    packages: ['@acme/a']\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    packages: ['@acme/b']\n    allowedActions: [publish]\n`,
      [WF]: workflow('      - run: npm publish -w @acme/b'),
    },
    expected: [],
  },
  {
    name: 'an unresolved script could be either action',
    files: { 'tp-doctor.yml': stageOnly, [WF]: workflow('      - run: npm run release') },
    expected: [],
  },
  {
    name: 'a publish to another registry is not checked',
    files: { 'tp-doctor.yml': stageOnly, [WF]: workflow('      - run: npm publish --registry https://npm.pkg.github.com') },
    expected: [],
  },
];

/** A row's findings: each needle's range in the row's file. */
const errorsOf = (c: Case): ExpectedFinding[] => {
  const text = c.files[c.file ?? WF] ?? '';
  return c.expected.map(([messageId, needle], i) => ({ messageId, at: loc(text, needle), file: c.file ?? WF, data: c.data?.[i] }));
};

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: cases.filter((c) => c.expected.length === 0).map((c) => ({ name: c.name, files: { 'package.json': PKG, ...c.files } })),
    invalid: [
      ...cases.filter((c) => c.expected.length > 0).map((c) => ({ name: c.name, files: { 'package.json': PKG, ...c.files }, errors: errorsOf(c) })),
      {
        name: 'renders the message and points at the declaration',
        files: { 'package.json': PKG, 'tp-doctor.yml': stageOnly, [WF]: workflow('      - run: npm publish') },
        errors: [
          {
            messageId: 'publishNotAllowed',
            at: loc(workflow('      - run: npm publish'), 'npm publish'),
            severity: 'error',
            message:
              'Job "release" runs `npm publish` (a direct publish), but the trusted publisher for "release.yml" allows only "stage publish"; expected `npm stage publish`',
            why: expect.stringMatching(/403 "OIDC permission denied for this action"/),
            related: ['tp-doctor.yml:5:21 allowed actions declared here'],
          },
        ],
      },
    ],
  });
});

describe(`${RULE}: severities since npm/documentation#2034 (September 2026)`, () => {
  const severities = async (config: string, step: string) =>
    (await lintFiles({ 'tp-doctor.yml': config, [WF]: workflow(step) }, { rule: RULE })).map((d) => `${d.messageId} ${d.severity}`);

  it('a stage publish against a publish-only declaration is a warning: stage publish is always allowed for publishers registered since then', async () => {
    expect(await severities(publishOnly, '      - run: npm stage publish')).toEqual(['stageNotAllowed warning']);
  });

  it('control: a direct publish against a stage-only declaration stays an error (direct publishing is the option)', async () => {
    expect(await severities(stageOnly, '      - run: npm publish')).toEqual(['publishNotAllowed error']);
  });
});

describe(`${RULE}: a publish found in a committed script (survey917a M1, preactjs/signals)`, () => {
  const SCRIPT = [
    "import { spawnSync } from 'node:child_process';",
    "const result = spawnSync('pnpm', ['stage', 'publish', '.', '--provenance'], { stdio: 'inherit' });",
    'process.exit(result.status ?? 1);',
    '',
  ].join('\n');
  const NPM_SCRIPT = SCRIPT.replace("['stage', 'publish'", "['publish'");
  const CHANGESETS = "      - uses: changesets/action@v1\n        with:\n          publish: node .github/scripts/stage-packages.mjs";
  const found = async (config: string, step: string, script = SCRIPT) =>
    (await lintFiles({ 'package.json': PKG, 'tp-doctor.yml': config, '.github/scripts/stage-packages.mjs': script, [WF]: workflow(step) }, { rule: RULE })).map(
      (d) => `${d.messageId} ${d.severity} ${d.line}:${d.column} ${d.message}`,
    );

  it('a `pnpm stage publish` a `node` step runs (a likely publish) is checked: a warning that says it may run', async () => {
    expect(await found(publishOnly, '      - run: node .github/scripts/stage-packages.mjs')).toEqual([
      'stageNotAllowed warning 11:14 Job "release" may run `pnpm stage publish (run by .github/scripts/stage-packages.mjs)` (a stage publish), but the trusted publisher for "release.yml" is declared to allow only "publish"; expected `npm publish`',
    ]);
  });

  it("the same through changesets/action's `publish:` input", async () => {
    expect(await found(publishOnly, CHANGESETS)).toEqual([expect.stringMatching(/^stageNotAllowed warning .* may run `pnpm stage publish \(run by \.github\/scripts\/stage-packages\.mjs\)`/)]);
  });

  it('a direct publish in the script against a stage-only declaration: capped at a warning (never an error on a guess)', async () => {
    expect(await found(stageOnly, '      - run: node .github/scripts/stage-packages.mjs', NPM_SCRIPT)).toEqual([expect.stringMatching(/^publishNotAllowed warning 11:14 Job "release" may run `pnpm publish/)]);
  });

  it('controls: allowed actions that match are silent', async () => {
    expect(await found(stageOnly, '      - run: node .github/scripts/stage-packages.mjs')).toEqual([]);
    expect(await found(publishOnly, '      - run: node .github/scripts/stage-packages.mjs', NPM_SCRIPT)).toEqual([]);
  });
});
