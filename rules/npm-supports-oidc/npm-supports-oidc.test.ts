import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { circleConfig, circleRepo, GITHUB_PKG, GITLAB_PKG, lintFiles, publisherConfig, releaseRepo as repo, setupNodeWorkflow as workflow } from '../../test/helpers.js';
import { CIRCLE_TRIGGER_COMMAND } from '../../test/repos.js';
import { fromRuleCases, ruleTester, type RuleCase } from '../../test/rule-tester.js';

const RULE = 'npm-supports-oidc';
const W = '.github/workflows/release.yml';

const node = (v: string): string => `          node-version: ${v}\n`;
/** A semantic-release configuration whose npm plugin publishes nothing and whose exec plugin runs `publishCmd`. */
const SEMREL_EXEC = (publishCmd: string): string => JSON.stringify({ plugins: [['@semantic-release/npm', { npmPublish: false }], ['@semantic-release/exec', { publishCmd }]] });

/**
 * A called workflow on Node 20 whose setup-node `registry-url` is `${{ inputs.npm-registry }}`
 * (default npmjs), called by release.yml with each of `withs` (undefined: the input left out;
 * kubev2v/migration-planner-client-generator). The publish is on line 18.
 */
function calledRegistryRepo(withs: (string | undefined)[]): Record<string, string> {
  const called = ['on:', '  workflow_call:', '    inputs:', '      npm-registry:', '        required: false', '        type: string', "        default: 'https://registry.npmjs.org'", 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - uses: actions/setup-node@v4', '        with:', "          node-version: '20'", '          registry-url: ${{ inputs.npm-registry }}', '      - run: npm publish --access public', ''];
  const jobs = withs.flatMap((w, i) => [`  call${i}:`, '    uses: ./.github/workflows/publish.yml', ...(w === undefined ? [] : ['    with:', `      npm-registry: ${w}`])]);
  const release = ['on:', '  push:', '    branches: [main]', 'permissions:', '  id-token: write', 'jobs:', ...jobs, ''];
  return { 'package.json': JSON.stringify({ name: 'w', version: '1.0.0' }), '.github/workflows/publish.yml': called.join('\n'), '.github/workflows/release.yml': release.join('\n') };
}

/** The registry of a called workflow read from its callers' inputs: npmjs for certain is an error, callers that disagree an info. */
function calledRegistryCases(): { name: string; files: Record<string, string>; errors: { messageId: string; at: string; file: string; severity: 'error' | 'info' }[] }[] {
  const at = { messageId: 'bundledTooOld', at: '18:14-18:41', file: '.github/workflows/publish.yml' };
  return [
    { name: "a called workflow's registry-url from the input's default (npmjs): an error", files: calledRegistryRepo([undefined]), errors: [{ ...at, severity: 'error' }] },
    { name: "a called workflow's registry-url from the caller's literal (npmjs): an error", files: calledRegistryRepo(["'https://registry.npmjs.org'"]), errors: [{ ...at, severity: 'error' }] },
    { name: "a called workflow's registry-url its callers set differently: unknown, an info", files: calledRegistryRepo([undefined, '${{ vars.NPM_REGISTRY }}']), errors: [{ ...at, severity: 'info' }] },
  ];
}

/**
 * A called workflow whose setup-node reads `node-version: ${{ inputs.node }}` (default `dflt`),
 * called by release.yml with each of `withs` (undefined: the input left out; auth0/node-auth0's
 * `npm-release.yml`); `before`: steps before the publish. The publish is on line 16.
 */
function calledNodeRepo(withs: (string | undefined)[], dflt = '"24"', before: string[] = []): Record<string, string> {
  const called = ['on:', '  workflow_call:', '    inputs:', '      node:', '        type: string', `        default: ${dflt}`, 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - uses: actions/setup-node@v5', '        with:', '          node-version: ${{ inputs.node }}', ...before, '      - run: npm publish', ''];
  const jobs = withs.flatMap((w, i) => [`  call${i}:`, '    uses: ./.github/workflows/publish.yml', ...(w === undefined ? [] : ['    with:', `      node: ${w}`])]);
  const release = ['on: push', 'permissions:', '  id-token: write', 'jobs:', ...jobs, ''];
  return { 'package.json': GITHUB_PKG, '.github/workflows/publish.yml': called.join('\n'), '.github/workflows/release.yml': release.join('\n') };
}

/** auth0/node-auth0: the called workflow passes its input on to a local composite action, whose setup-node reads the action's own input. */
function calledNodeThroughAction(node: string): Record<string, string> {
  const files = calledNodeRepo([node]);
  const action = ['inputs:', '  node-version:', '    required: true', 'runs:', '  using: composite', '  steps:', '    - uses: actions/setup-node@v5', '      with:', '        node-version: ${{ inputs.node-version }}', '    - run: npm publish --provenance', '      shell: bash', ''];
  const publish = (files['.github/workflows/publish.yml'] ?? '').replace(/ {6}- uses: actions\/setup-node@v5[\s\S]*$/, '      - uses: ./.github/actions/npm-publish\n        with:\n          node-version: ${{ inputs.node }}\n');
  return { ...files, '.github/workflows/publish.yml': publish, '.github/actions/npm-publish/action.yml': action.join('\n') };
}

/** The Node of a called workflow read per caller: each caller's run is judged on its own Node, as a matrix value is. */
function calledNodeCases(): { valid: { name: string; files: Record<string, string> }[]; invalid: { name: string; files: Record<string, string>; errors: { messageId: string; at: string; file: string; severity: 'error' | 'warning'; data?: Record<string, string>; related?: string[] }[] }[] } {
  const at = { at: '16:14-16:25', file: '.github/workflows/publish.yml' };
  const fromCaller = { node: 'Node 20.20.2 ("20")', from: '`with: node` of job "call0" in release.yml', setNode: 'set `node: 24`' };
  return {
    valid: [
      { name: "a called workflow's Node from the input's default (24), the caller leaving it out: enough", files: calledNodeRepo([undefined]) },
      { name: "a called workflow's Node from the caller's literal (20), upgraded before the publish: enough", files: calledNodeRepo(['"20"'], '"24"', ['      - run: npm install -g npm@^11']) },
    ],
    invalid: [
      {
        name: "a called workflow's Node from the caller's literal (20): an error",
        files: calledNodeRepo(['"20"']),
        errors: [{ messageId: 'bundledTooOld', ...at, severity: 'error', data: fromCaller, related: ['Node version: `with: node` of job "call0" in release.yml', 'Node version: setup-node `node-version: ${{ inputs.node }}`'] }],
      },
      {
        name: "a called workflow's Node from the input's default (20): an error",
        files: calledNodeRepo([undefined], '"20"'),
        errors: [{ messageId: 'bundledTooOld', ...at, severity: 'error', data: { from: 'the `default:` of input `node` of publish.yml' } }],
      },
      { name: 'a called workflow its callers give 20 and 24: the run on 20 is an error', files: calledNodeRepo(['"20"', '"24"']), errors: [{ messageId: 'bundledTooOld', ...at, severity: 'error', data: fromCaller }] },
      {
        name: "a called workflow's Node passed on to a local composite action (auth0/node-auth0): an error",
        files: calledNodeThroughAction('22.23.1'),
        errors: [{ messageId: 'bundledTooOld', at: '10:12-10:36', file: '.github/actions/npm-publish/action.yml', severity: 'error', data: { node: 'Node 22.23.1', from: '`with: node` of job "call0" in release.yml' } }],
      },
      { name: "a called workflow's Node a caller passes as an expression: still unknown", files: calledNodeRepo(['${{ vars.NODE }}']), errors: [{ messageId: 'unknownNpm', ...at, severity: 'warning' }] },
    ],
  };
}

/**
 * A matrix job whose publish step's `if:` picks the leg (k-yle/osm-api-js: `matrix['node-version'] == '20.x'`
 * on 18.x, 20.x, 21.x), on Node `${{ matrix.node }}` (`legs`) unless `nodeVersion` is given; `os`: another matrix key. The publish is on line 18 (19 with `os`).
 */
function legRepo(condition: string, legs = '[20, 24]', nodeVersion = '${{ matrix.node }}', os = ''): Record<string, string> {
  return repo(workflow(node(nodeVersion), `      - if: \${{ ${condition} }}\n        run: npm publish\n`, `    strategy:\n      matrix:\n        node: ${legs}\n${os}`));
}

/** Legs whose publish step may not run: never an error on a leg tp-doctor cannot tell runs the publish. */
function undecidedLegCases(): { valid: { name: string; files: Record<string, string> }[]; invalid: { name: string; files: Record<string, string>; errors: { messageId: string; at: string; severity: 'error' | 'warning'; data?: Record<string, unknown> }[] }[] } {
  const at = '18:14-18:25';
  const guessed = expect.stringContaining("(in a matrix leg where an if: condition tp-doctor cannot evaluate decides whether it runs)");
  return {
    valid: [
      { name: "an index by a literal name is the property: `matrix['node'] == 24` keeps Node 20 out", files: legRepo("matrix['node'] == 24") },
      { name: "`startsWith(matrix.node, '24')` of known operands is evaluated", files: legRepo("github.ref == 'refs/heads/main' && startsWith(matrix.node, '24')") },
    ],
    invalid: [
      {
        name: 'an `if:` reading the matrix that tp-doctor cannot evaluate: the Node 20 leg may not publish, a warning',
        files: legRepo('matrix.node == env.LATEST'),
        errors: [{ messageId: 'bundledTooOld', at, severity: 'warning', data: { command: guessed, node: 'Node 20.20.2 ("20")' } }],
      },
      {
        name: 'control: an `if:` that reads no matrix value is the same in every leg: the Node 20 leg publishes when any does, an error',
        files: legRepo("github.ref == 'refs/heads/main'"),
        errors: [{ messageId: 'bundledTooOld', at, severity: 'error', data: { command: 'npm publish' } }],
      },
      {
        name: 'a leg the `if:` certainly lets publish stays an error; the undecided one is a warning',
        files: legRepo('matrix.node == env.X || matrix.node == 22', '[20, 22]'),
        errors: [
          { messageId: 'bundledTooOld', at, severity: 'error', data: { node: 'Node 22.23.3 ("22")', command: 'npm publish' } },
          { messageId: 'bundledTooOld', at, severity: 'warning', data: { node: 'Node 20.20.2 ("20")', command: guessed } },
        ],
      },
      {
        name: 'control: every leg that may publish has the same Node 20: whichever publishes fails, an error',
        files: legRepo("startsWith(matrix.os, format('{0}', 'ubuntu'))", '[20]', '20', '        os: [ubuntu-latest, windows-latest]\n'),
        errors: [{ messageId: 'bundledTooOld', at: '19:14-19:25', severity: 'error', data: { command: 'npm publish' } }],
      },
    ],
  };
}

/** A Turborepo whose package `widget` publishes with its `publish-package` script, declared for it in turbo.json. */
const TURBO_REPO: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { 'package:publish': 'turbo run widget#publish-package' } }),
  'turbo.json': JSON.stringify({ tasks: { build: {}, 'widget#publish-package': { dependsOn: ['^build'] } } }),
  'packages/a/package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget', scripts: { build: 'tsc', 'publish-package': 'npm publish' } }),
};

/**
 * A Rush repository (VisActor/VTable): rush.json with Rush's comments, the package manager `pm`
 * (a `"npmVersion": "x"` line, or none), one published project; `run` on Node `nodeV`, line 14.
 */
const RUSH_JSON = (pm: string): string =>
  `{\n  // generated by rush init\n  "rushVersion": "5.148.0",\n  /* "pnpmVersion": "9.0.0", */\n  ${pm},\n  "projects": [\n    { "packageName": "widget", "projectFolder": "packages/widget", "shouldPublish": true },\n  ],\n}\n`;
const RUSH_PUBLISH = 'node common/scripts/install-run-rush.js publish --publish --include-all';
const rushRepo = (pm: string | undefined, nodeV: string, run = RUSH_PUBLISH): Record<string, string> =>
  repo(workflow(node(nodeV), `      - run: ${run}\n`), {
    'package.json': JSON.stringify({ name: 'root', private: true }),
    ...(pm === undefined ? {} : { 'rush.json': RUSH_JSON(pm) }),
    'packages/widget/package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } }),
  });
/** An Ember addon publishing with release-plan (embroider-build/embroider): `packageManager` `pm` and its lockfile. */
const releasePlanRepo = (pm: string, lockfile: string, nodeV: string, run = 'pnpm release-plan publish'): Record<string, string> =>
  repo(workflow(node(nodeV), `      - run: ${run}\n`), {
    'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget', packageManager: pm }),
    [lockfile]: '',
  });

const VOLTA = '      - uses: volta-cli/action@v4\n';
/** The repository's package.json (`GITHUB_PKG`) with a `volta` object. */
const voltaPkg = (volta: Record<string, string>): string => JSON.stringify({ ...(JSON.parse(GITHUB_PKG) as object), volta });

const cases: RuleCase[] = [
  {
    // survey904a M2: npm 11 installs on Node 22.9+, but npm documents Node 22.14.0 for trusted publishing.
    name: 'Node 22.13.0 upgraded to npm 11.6.2: nodeBelowDocumented, a warning',
    files: repo(workflow(node('22.13.0'), '      - run: npm install -g npm@11.6.2\n      - run: npm publish\n')),
    want: ['nodeBelowDocumented@15:14-15:25'],
    data: { command: 'npm publish', npm: '11.6.2', node: 'Node 22.13.0', minimum: '22.14.0', setNode: 'set `node-version: 24`' },
  },
  {
    name: 'Node 20 without an upgrade: npm 10.8.2',
    files: repo(workflow(node('20'), '      - run: npm publish\n')),
    want: ['bundledTooOld@14:14-14:25'],
    data: { command: 'npm publish', npm: '10.8.2', node: 'Node 20.20.2 ("20")', from: 'setup-node `node-version: 20`', required: '11.5.1' },
    related: ['Node version: setup-node `node-version: 20`'],
  },
  {
    // Survey 500b M4: `just release` is read in the justfile's recipe, as `make release` is in the makefile: a likely publish.
    name: 'a publish in a justfile recipe: just release on Node 20, a warning',
    files: repo(workflow(node('20'), '      - run: just release\n'), { justfile: 'build:\n    echo build\nrelease: build\n    npm publish --access public\n' }),
    want: ['bundledTooOld@14:14-14:26'],
    data: { command: 'npm publish (run by just release)', npm: '10.8.2' },
  },
  {
    name: 'control: a justfile recipe that publishes nothing (just test): no finding',
    files: repo(workflow(node('20'), '      - run: just test\n'), { justfile: 'test:\n    echo test\nrelease:\n    npm publish\n' }),
    want: [],
  },
  {
    // calcite-design-system: `npm run publish:latest` runs ./support/release.sh (unread).
    name: 'a publish guessed from a script name: checked as a possible publish (info), if it runs npm publish',
    files: repo(workflow(node('20'), '      - run: npm run release\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', scripts: { release: './scripts/release.sh' } }),
    }),
    want: ['bundledTooOld@14:14-14:29'],
    data: { command: 'npm run release (if it runs npm publish)', npm: '10.8.2' },
  },
  {
    // open-feature/js-sdk-contrib: `npm run publish` runs `npx nx run-many --all --target=publish`,
    // whose project.json `publish` target (`nx:run-commands`) runs `npm publish` in the project.
    name: 'a publish through an Nx target: nx run-many, a project.json nx:run-commands target',
    files: repo(workflow(node('22'), '      - run: npm run publish\n'), {
      'package.json': JSON.stringify({ name: 'root', private: true, scripts: { publish: 'npx nx run-many --all --target=publish' } }),
      'nx.json': '{}',
      'libs/a/package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget' }),
      'libs/a/project.json': JSON.stringify({ name: 'a', targets: { publish: { executor: 'nx:run-commands', options: { command: 'npm publish', cwd: 'libs/a' } } } }),
    }),
    want: ['bundledTooOld@14:14-14:29'],
  },
  {
    // Pascal-Lohscheidt/m4trix: `pnpm run package:publish` runs `turbo run @m4trix/core#publish-package`,
    // which runs that package's `publish-package` script, `npm publish`.
    name: 'a publish through a Turborepo task: turbo run <pkg>#<task>',
    files: repo(workflow(node('22'), '      - run: npm run package:publish\n'), TURBO_REPO),
    want: ['bundledTooOld@14:14-14:37'],
    data: { command: 'npm publish' },
  },
  {
    name: 'a Turborepo task that builds publishes nothing (control)',
    files: repo(workflow(node('22'), '      - run: npx turbo run build\n'), TURBO_REPO),
    want: [],
  },
  {
    // vitest-dev/vitest-browser-react: `npm i -g npm@^11.5.2 && pnpm run publish-ci`. The upgrade
    // earlier on the line runs before a publish found through a script too.
    name: 'an upgrade earlier on the same line as a publish through a package.json script counts',
    files: repo(workflow(node('20'), '      - run: npm i -g npm@^11.5.2 && npm run release\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', scripts: { release: 'npm publish' } }),
    }),
    want: [],
  },
  {
    name: 'an upgrade after a publish through a package.json script on the same line does not count',
    files: repo(workflow(node('20'), '      - run: npm run release && npm i -g npm@^11.5.2\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', scripts: { release: 'npm publish' } }),
    }),
    want: ['bundledTooOld@14:14-14:29'],
    data: { command: 'npm publish', npm: '10.8.2' },
  },
  {
    // intuit/auto, honeycombio/libhoney-js: a minor of a line the table lists only in part.
    name: 'Node 16.17 bundles an npm 8 (the table bounds it): certain',
    files: repo(workflow(node('16.17'), '      - run: npm publish\n')),
    want: ['bundledTooOld@14:14-14:25'],
    data: { npm: '8.1.0–8.19.4', node: 'Node 16.17.0 ("16.17")' },
  },
  {
    // Node 10 has one row (10.0.0, npm 5.6.0): a later release bundles npm 5.6.0 or later, never
    // exactly it, and npm 7 at most (npm 8 requires Node 12.13): certainly too old.
    name: 'Node 10.24.1, after the only row of its line: a range bounded by npm engines, certain',
    files: repo(workflow(node('10.24.1'), '      - run: npm publish\n')),
    want: ['bundledTooOld@14:14-14:25'],
    data: { npm: '5.6.0–7.24.2', node: 'Node 10.24.1' },
  },
  {
    name: 'Node 8.17.0, after the only row of its line',
    files: repo(workflow(node('8.17.0'), '      - run: npm publish\n')),
    want: ['bundledTooOld@14:14-14:25'],
    data: { npm: '5.0.0–6.14.18' },
  },
  {
    // openai-node's bin/publish-npm (Stainless): npm installed into another folder, run from there.
    name: 'an npm run from a local install the script made before (`npm install --prefix ../oidc/ npm@11.6.2`): that npm, silent',
    files: repo(workflow(node('20'), '      - run: |\n          npm install --prefix ../oidc/ npm@11.6.2\n          export npm_config_registry=https://registry.npmjs.org\n          ../oidc/node_modules/.bin/npm publish\n')),
    want: [],
  },
  {
    name: 'the same from a committed script the step runs (`bash ./bin/publish-npm`): silent',
    files: repo(workflow(node('20'), '      - run: bash ./bin/publish-npm\n'), { 'bin/publish-npm': '#!/usr/bin/env bash\nset -eux\nnpm i npm@11.6.2 --prefix=../oidc\n../oidc/node_modules/.bin/npm publish --tag latest\n' }),
    want: [],
  },
  {
    name: 'a local install of an npm without OIDC: that npm, an error',
    files: repo(workflow(node('20'), '      - run: |\n          npm install --prefix ./tools npm@10.9.2\n          tools/node_modules/.bin/npm publish\n')),
    want: ['installedTooOld@16:11-16:46'],
    data: { npm: '10.9.2', how: 'pinned in' },
  },
  ...[
    ['no install seen', '      - run: ../oidc/node_modules/.bin/npm publish\n', 'unknownNpm@14:14-14:51'],
    ['an install into another folder', '      - run: |\n          npm install --prefix ../other npm@11.6.2\n          ../oidc/node_modules/.bin/npm publish\n', 'unknownNpm@16:11-16:48'],
    ['a `cd` between', '      - run: |\n          npm install --prefix ../oidc npm@11.6.2\n          cd packages/a\n          ../oidc/node_modules/.bin/npm publish\n', 'unknownNpm@17:11-17:48'],
    ['an install in one branch only', '      - run: |\n          if [ -n "$X" ]; then npm install --prefix ../oidc npm@11.6.2; fi\n          ../oidc/node_modules/.bin/npm publish\n', 'unknownNpm@16:11-16:48'],
  ].map(([what, steps, at]) => ({
    name: `an npm run from a local install whose version is not read (${what}): a warning`,
    files: repo(workflow(node('20'), steps!)),
    want: [at!],
    data: { reason: 'the command runs `../oidc/node_modules/.bin/npm`, an npm installed by the job whose version tp-doctor does not read' },
  })),
  {
    // salishforge/memforge: npm installed into a prefix that `$GITHUB_PATH` puts first for the later steps.
    name: 'an npm an earlier step installs into a prefix and appends to $GITHUB_PATH: that npm, silent',
    files: repo(workflow(node('20'), '      - run: |\n          npm install --prefix /tmp/fresh-npm --no-save npm@11.6.2\n          echo "/tmp/fresh-npm/node_modules/.bin" >> $GITHUB_PATH\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'the same with a relative prefix and $(pwd): silent',
    files: repo(workflow(node('20'), '      - run: |\n          npm i npm@11.6.2 --prefix=.npm-new\n          echo "$(pwd)/.npm-new/node_modules/.bin" >> "$GITHUB_PATH"\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'a prefix under $RUNNER_TEMP, the PATH line before the install in the same step: that npm, silent',
    files: repo(workflow(node('20'), '      - run: |\n          echo "$RUNNER_TEMP/npm/node_modules/.bin" >> "$GITHUB_PATH"\n          npm install --prefix "$RUNNER_TEMP/npm" npm@11.6.2\n      - run: npm publish\n')),
    want: [],
  },
  ...[
    ['a Node setup after it puts its own npm first again', '      - run: |\n          npm install --prefix /tmp/n npm@11.6.2\n          echo "/tmp/n/node_modules/.bin" >> $GITHUB_PATH\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n      - run: npm publish\n', 'bundledTooOld@20:14-20:25'],
    ['in the same step (PATH changes from the next step on)', '      - run: |\n          npm install --prefix /tmp/n npm@11.6.2\n          echo "/tmp/n/node_modules/.bin" >> $GITHUB_PATH\n          npm publish\n', 'bundledTooOld@17:11-17:22'],
    ['another folder on PATH', '      - run: |\n          npm install --prefix /tmp/n npm@11.6.2\n          echo "/tmp/other/node_modules/.bin" >> $GITHUB_PATH\n      - run: npm publish\n', 'bundledTooOld@17:14-17:25'],
    ['a relative PATH entry', '      - run: |\n          npm install --prefix n npm@11.6.2\n          echo "n/node_modules/.bin" >> $GITHUB_PATH\n      - run: npm publish\n', 'bundledTooOld@17:14-17:25'],
  ].map(([what, steps, at]) => ({ name: `a prefix install not put on the later steps' PATH (${what}): the bundled npm`, files: repo(workflow(node('20'), steps!)), want: [at!] })),
  {
    // apollographql/apollo-client: a wrapper directory first on PATH may hold another `npm`.
    name: 'a publish with another directory first on PATH: which npm runs is not known, a warning',
    files: repo(workflow(node('20'), '      - run: PATH="$PWD/bin:$PATH" npm publish\n'), { 'bin/npm': '#!/bin/sh\nexec npm "$@"\n' }),
    want: ['unknownNpm@14:14-14:47'],
    data: { reason: 'the command runs with `PATH=$PWD/bin:$PATH`, where another `npm` may come first' },
  },
  {
    // jdx/mise: `mise x <tools> -- <command>`; with a Node among the tools, that Node (and its npm) runs the publish.
    name: 'a publish under `mise x node --`: mise\'s Node runs it, which npm is not known, a warning',
    files: repo(workflow(node('20'), '      - run: mise x node -- ./scripts/release.sh\n'), { 'scripts/release.sh': '#!/usr/bin/env bash\nnpm publish --access public\n' }),
    want: ['unknownNpm@14:14-14:49'],
    data: { reason: "the command runs under `mise x node --`, with that tool's Node and the npm it bundles, not the job's" },
  },
  {
    // ryanrasti/typegres: `nix develop --command bash -c '…'`: the flake's Node and npm publish, not setup-node's: info, naming the manager.
    name: 'a publish in `nix develop --command bash -c`: the environment\'s npm, unknown, an info',
    files: repo(workflow(node('20'), "      - run: nix develop --command bash -c 'npm ci && npm publish'\n")),
    want: ['unknownNpmEnvironment@14:14-14:67'],
    data: { runtime: 'nix develop --command' },
  },
  {
    // `nix develop -i` clears the environment: the runner's OIDC variables do not reach npm, whatever its version.
    name: 'a publish in `nix develop -i -c`: npm gets no ID token, a warning',
    files: repo(workflow(node('24'), '      - run: nix develop -i -c npm publish\n')),
    want: ['environmentClearsOidc@14:14-14:43'],
    data: { runtime: 'nix develop -i -c', missing: '`GITHUB_ACTIONS`, `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN`' },
  },
  {
    name: 'a publish in `nix-shell --pure` keeping one of the variables: the others are missing, a warning',
    files: repo(workflow(node('24'), "      - run: nix-shell --pure --keep ACTIONS_ID_TOKEN_REQUEST_URL --run 'npm publish'\n")),
    want: ['environmentClearsOidc@14:14-14:86'],
    data: { missing: '`GITHUB_ACTIONS` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN`', keep: '`--keep GITHUB_ACTIONS` `--keep ACTIONS_ID_TOKEN_REQUEST_TOKEN`' },
  },
  {
    name: 'a publish in `nix shell --ignore-environment` keeping every variable npm needs: only the unknown npm, an info',
    files: repo(workflow(node('24'), '      - run: nix shell --ignore-environment -k GITHUB_ACTIONS --keep ACTIONS_ID_TOKEN_REQUEST_URL --keep-env-var=ACTIONS_ID_TOKEN_REQUEST_TOKEN nixpkgs#nodejs_24 -c npm publish\n')),
    want: ['unknownNpmEnvironment@14:14-14:177'],
  },
  {
    name: 'a publish under `mise exec --` without a Node: the job\'s Node and npm',
    files: repo(workflow(node('20'), '      - run: mise exec -- npm publish\n')),
    want: ['bundledTooOld@14:14-14:38'],
  },
  {
    // diamirio/backend-nx-skeleton: nx publishes with the package manager's CLI.
    name: '`nx release` on Node 20 (npm 10): a possible publish, if it runs npm publish (info)',
    files: repo(workflow(node('20'), '      - run: npx nx release --yes\n')),
    want: ['bundledTooOld@14:14-14:34'],
    data: { command: 'nx release (if it runs npm publish)', npm: '10.8.2' },
  },
  {
    name: 'a toolchain folder first on PATH holds no npm: the Node\'s npm is judged',
    files: repo(workflow(node('20'), '      - run: |\n          export PATH="$HOME/.cargo/bin:$PATH"\n          npm publish\n')),
    want: ['bundledTooOld@16:11-16:22'],
  },
  {
    name: 'Node 19.3, a line the table does not list: still below npm 11',
    files: repo(workflow(node('19.3'), '      - run: npm publish\n')),
    want: ['bundledTooOld@14:14-14:25'],
  },
  {
    name: 'Node 24.4 still bundles npm 11.4.2',
    files: repo(workflow(node('24.4'), '      - run: npm publish --provenance\n')),
    want: ['bundledTooOld@14:14-14:38'],
    data: { npm: '11.4.2', node: 'Node 24.4.1 ("24.4")' },
  },
  {
    name: 'Node 24.5.0 is enough',
    files: repo(workflow(node('24.5.0'), '      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'node-version: 24 is enough',
    files: repo(workflow(node('24'), '      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'lts/* is Node 26 on the table date',
    files: repo(workflow(node('lts/*'), '      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'lts/jod is Node 22',
    files: repo(workflow(node('lts/jod'), '      - run: npm publish\n')),
    want: ['bundledTooOld@14:14-14:25'],
    data: { node: 'Node 22.23.3 ("lts/jod")', npm: '10.9.9' },
  },
  {
    name: '.nvmrc with 14 through node-version-file',
    files: repo(workflow('          node-version-file: .nvmrc\n', '      - run: npm publish\n'), { '.nvmrc': '14\n' }),
    want: ['bundledTooOld@14:14-14:25'],
    data: { npm: '6.14.18', from: '.nvmrc' },
    related: ['Node version: .nvmrc', 'Node version: setup-node `node-version-file: .nvmrc`'],
  },
  {
    name: 'jdx/mise-action installs the Node of .config/mise/config.toml: 24.13 is enough',
    files: repo(workflow('', '      - uses: jdx/mise-action@v2\n      - run: npm publish\n'), { '.config/mise/config.toml': '[tools]\nnode = "24.13.0"\n' }),
    want: [],
  },
  {
    name: 'jdx/mise-action installs the Node of mise.toml: 18 bundles npm 10',
    files: repo(workflow('', '      - uses: jdx/mise-action@v2\n      - run: npm publish\n'), { 'mise.toml': '[tools]\nnode = "18"\n' }),
    want: ['bundledTooOld@12:14-12:25'],
    data: { from: 'mise.toml' },
    related: ['Node version: mise.toml', 'Node version: `jdx/mise-action`'],
  },
  {
    name: 'jdx/mise-action with its configuration inline: unknown, said so',
    files: repo(workflow('', '      - uses: jdx/mise-action@v2\n        with:\n          mise_toml: |\n            [tools]\n            node = "24"\n      - run: npm publish\n')),
    want: ['unknownNpm@16:14-16:25'],
    data: { reason: expect.stringContaining('`mise_toml` input') },
  },
  // jdx/mise-action with an npm tool (survey 400c: apollographql/rover, chrisdoc/hevy-mcp): mise's npm runs the publish.
  {
    name: 'jdx/mise-action: `"npm:npm" = "11.6.2"` beside Node 22.14.0 is the npm, enough',
    files: repo(workflow('', '      - uses: jdx/mise-action@v4\n      - run: npm publish\n'), { 'mise.toml': '[tools]\nnode = "22.14.0"\n"npm:npm" = "11.6.2"\n' }),
    want: [],
  },
  {
    name: 'control: jdx/mise-action with Node 22.14.0 and no npm tool: its bundled npm 10.9.2',
    files: repo(workflow('', '      - uses: jdx/mise-action@v4\n      - run: npm publish\n'), { 'mise.toml': '[tools]\nnode = "22.14.0"\n' }),
    want: ['bundledTooOld@12:14-12:25'],
    data: { npm: '10.9.2' },
  },
  {
    name: 'jdx/mise-action: `npm = "10.9.2"` beside Node 24 is the pin to change',
    files: repo(workflow('', '      - uses: jdx/mise-action@v4\n      - run: npm publish\n'), { 'mise.toml': '[tools]\nnode = "24"\nnpm = "10.9.2"\n' }),
    want: ['pinnedTooOld@12:14-12:25'],
    data: { npm: '10.9.2', where: '`npm` in mise.toml' },
    related: ['Node version: mise.toml', 'Node version: `jdx/mise-action`', 'npm installed here: "npm = "10.9.2" in mise.toml"'],
  },
  {
    name: 'jdx/mise-action: an npm range mise does not match is unknown, a warning',
    files: repo(workflow('', '      - uses: jdx/mise-action@v4\n      - run: npm publish\n'), { 'mise.toml': '[tools]\nnode = "22.14.0"\nnpm = "^11.5.1"\n' }),
    want: ['unknownNpm@12:14-12:25'],
    data: { reason: expect.stringContaining('matches as a version prefix, not as a range') },
  },
  {
    name: 'jdx/mise-action: `[tools.node]` 18 is read, not skipped for the .tool-versions below it',
    files: repo(workflow('', '      - uses: jdx/mise-action@v4\n      - run: npm publish\n'), { 'mise.toml': '[tools.node]\nversion = "18"\n', '.tool-versions': 'nodejs 24.13.0\n' }),
    want: ['bundledTooOld@12:14-12:25'],
    data: { from: 'mise.toml' },
  },
  {
    // pnpm/setup v2 installs Node (with its bundled npm) from `runtime`.
    name: 'pnpm/setup `runtime: node@22.12.0` bundles npm 10.9.0',
    files: repo(workflow('', '      - uses: pnpm/setup@v2\n        with:\n          runtime: node@22.12.0\n      - run: npm publish\n')),
    want: ['bundledTooOld@14:14-14:25'],
    data: { npm: '10.9.0', node: 'Node 22.12.0', from: 'pnpm/setup `runtime: node@22.12.0`', setNode: 'set `runtime: node@24`' },
    related: ['Node version: pnpm/setup `runtime: node@22.12.0`'],
  },
  {
    // ueberdosis/tiptap: Vite+'s setup action installs Node (`vp env use`).
    name: 'voidzero-dev/setup-vp `node-version: 22.12.0` after a setup-node 24: the later one decides',
    files: repo(workflow(node('24'), '      - uses: voidzero-dev/setup-vp@v1\n        with:\n          node-version: 22.12.0\n      - run: npm publish\n')),
    want: ['bundledTooOld@17:14-17:25'],
    data: { npm: '10.9.0', node: 'Node 22.12.0', from: 'setup-vp `node-version: 22.12.0`' },
  },
  // volta-cli/action (keplergl/kepler.gl, mainmatter/ember-simple-auth, matheusrezende/codeplot): the package.json `volta` pins.
  {
    name: 'volta-cli/action runs `volta.node` 20.19.3: npm 10.8.2, as setup-node 20 would',
    files: repo(workflow('', `${VOLTA}      - run: npm publish\n`), { 'package.json': voltaPkg({ node: '20.19.3', yarn: '4.4.0' }) }),
    want: ['bundledTooOld@12:14-12:25'],
    data: { npm: '10.8.2', node: 'Node 20.19.3', from: 'package.json `volta.node`', setNode: 'set package.json `volta.node` to a Node 24 release, such as `24.23.0`' },
    related: ['Node version: package.json `volta.node`', 'Node version: `volta-cli/action`'],
  },
  {
    name: 'volta-cli/action runs `volta.node` 24.13.0: npm 11.6, enough',
    files: repo(workflow('', `${VOLTA}      - run: npm publish\n`), { 'package.json': voltaPkg({ node: '24.13.0', pnpm: '10.34.3' }) }),
    want: [],
  },
  {
    name: 'volta-cli/action with `volta.npm` 11.6.0 on Node 20: that npm, enough',
    files: repo(workflow('', `${VOLTA}      - run: npm publish\n`), { 'package.json': voltaPkg({ node: '20.19.3', npm: '11.6.0' }) }),
    want: [],
  },
  {
    name: 'volta-cli/action with `volta.npm` 10.9.2: the pin to change',
    files: repo(workflow('', `${VOLTA}      - run: npm publish\n`), { 'package.json': voltaPkg({ node: '22.17.0', npm: '10.9.2' }) }),
    want: ['pinnedTooOld@12:14-12:25'],
    data: { npm: '10.9.2', where: '`volta.npm` in package.json' },
    related: ['Node version: package.json `volta.node`', 'Node version: `volta-cli/action`', 'npm installed here: "volta.npm 10.9.2 in package.json"'],
  },
  {
    name: 'volta-cli/action `node-version: 24` is pinned over `volta.node` 20: enough',
    files: repo(workflow('', `${VOLTA}        with:\n          node-version: 24\n      - run: npm publish\n`), { 'package.json': voltaPkg({ node: '20.19.3' }) }),
    want: [],
  },
  {
    name: 'volta-cli/action with a `node-version` tp-doctor cannot evaluate: unknown, a warning',
    files: repo(workflow('', `${VOLTA}        with:\n          node-version: \${{ vars.NODE }}\n      - run: npm publish\n`), { 'package.json': voltaPkg({ node: '24.13.0' }) }),
    want: ['unknownNpm@14:14-14:25'],
    data: { reason: '`volta-cli/action` is given `node-version: ${{ vars.NODE }}`, which tp-doctor cannot evaluate' },
  },
  {
    name: 'voidzero-dev/setup-vp `node-version-file: .nvmrc`',
    files: repo(workflow('', '      - uses: voidzero-dev/setup-vp@v1\n        with:\n          node-version-file: .nvmrc\n      - run: npm publish\n'), { '.nvmrc': '22.12.0\n' }),
    want: ['bundledTooOld@14:14-14:25'],
    data: { npm: '10.9.0', from: '.nvmrc' },
  },
  {
    name: 'voidzero-dev/setup-vp without a version leaves the Node to Vite+: unknown, a warning',
    files: repo(workflow(node('20'), '      - uses: voidzero-dev/setup-vp@v1\n      - run: npm publish\n')),
    want: ['unknownNpm@15:14-15:25'],
  },
  {
    name: 'pnpm/setup `runtime: node@24` is enough',
    files: repo(workflow('', '      - uses: pnpm/setup@v2\n        with:\n          runtime: node@24\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'pnpm/setup without `runtime`: devEngines.runtime of package.json',
    files: repo(workflow('', '      - uses: pnpm/setup@v2\n      - run: npm publish\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', devEngines: { runtime: { name: 'node', version: '^22.0.0' } } }),
    }),
    want: ['bundledTooOld@12:14-12:25'],
    data: { from: 'package.json `devEngines.runtime`' },
    related: ['Node version: package.json `devEngines.runtime`', 'Node version: `pnpm/setup`'],
  },
  {
    // lerna/lerna: `node-version-file: ${{ inputs.node-version == '' && 'package.json' || '' }}` in a
    // composite action its release job calls without `node-version`.
    name: "a composite action's node-version-file chosen by `a && b || c`: package.json's volta.node",
    files: repo(workflow('', '      - uses: ./.github/actions/setup\n      - run: npm publish\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', volta: { node: '22.15.0' } }),
      '.github/actions/setup/action.yml': [
        'name: setup',
        'inputs:',
        '  node-version:',
        '    required: false',
        'runs:',
        '  using: composite',
        '  steps:',
        '    - uses: actions/setup-node@v5',
        '      with:',
        "        node-version-file: ${{ inputs.node-version == '' && 'package.json' || '' }}",
        '        node-version: ${{ inputs.node-version }}',
        '',
      ].join('\n'),
    }),
    want: ['bundledTooOld@12:14-12:25'],
    data: { node: 'Node 22.15.0', from: 'package.json `volta.node`' },
  },
  {
    // Node set up by an action tp-doctor does not read (as oxc-project/setup-node was before it was read).
    name: 'an action named like setup-node that tp-doctor does not read: unknown, said so',
    files: repo(workflow('', '      - uses: acme/setup-node@v1.4.0\n      - run: npm publish\n')),
    want: ['unknownNpm@12:14-12:25'],
    data: { reason: 'the job sets up Node with `acme/setup-node`, which tp-doctor does not read' },
  },
  // wevm/wagmi: Node set up inside a remote composite action given `node-version: 24.5`: that Node,
  // taken to be what the action sets up (`NodeResolution.assumed`), so a finding on it is a warning at most.
  {
    name: 'a remote action given `node-version: 24.5` (wevm/actions/.github/actions/pnpm): Node 24.5, npm 11.5.1, silent',
    files: repo(workflow('', '      - uses: wevm/actions/.github/actions/pnpm@2a55cccb5234b9fa0bbd87c1eaba45571c466a68\n        with:\n          node-version: 24.5\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: "a remote action given `node_version: '22'`: Node 22's bundled npm, a warning (assumed)",
    files: repo(workflow('', "      - uses: acme/ci/setup@v2\n        with:\n          node_version: '22'\n          skip-cache: true\n      - run: npm publish\n")),
    want: ['bundledTooOld@15:14-15:25'],
    related: ["Node version: `node_version: 22` of `acme/ci/setup`"],
  },
  {
    name: 'a remote action given an expression: the Node is chosen inside it, said so',
    files: repo(workflow('', '      - uses: acme/ci/setup@v2\n        with:\n          node-version: ${{ vars.NODE }}\n      - run: npm publish\n')),
    want: ['unknownNpm@14:14-14:25'],
    data: { reason: 'the Node is chosen inside the action "acme/ci/setup", which is given `node-version: ${{ vars.NODE }}` and which tp-doctor does not read' },
  },
  {
    name: 'a remote action given `node-version` after setup-node: the setup-node still decides',
    files: repo(workflow(node('24'), '      - uses: acme/ci/setup@v2\n        with:\n          node-version: 20\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'a remote action with other inputs only: the runner image, as before',
    files: repo(workflow('', '      - uses: acme/ci/setup@v2\n        with:\n          skip-cache: true\n      - run: npm publish\n')),
    want: ['unknownNpm@14:14-14:25'],
    data: { reason: 'no `actions/setup-node` step sets a Node version before it and the job has no `node:` container, so it gets whatever Node the runner image ships' },
  },
  {
    name: 'a remote action given `node-version` after the publish says nothing about it',
    files: repo(workflow('', '      - run: npm publish\n      - uses: acme/ci/setup@v2\n        with:\n          node-version: 24\n')),
    want: ['unknownNpm@11:14-11:25'],
    data: { reason: 'no `actions/setup-node` step sets a Node version before it and the job has no `node:` container, so it gets whatever Node the runner image ships' },
  },
  {
    name: 'package.json engines.node through node-version-file',
    files: repo(workflow('          node-version-file: package.json\n', '      - run: npm publish\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', engines: { node: '^20.19.0' } }),
    }),
    want: ['bundledTooOld@14:14-14:25'],
    data: { node: 'Node 20.20.2 ("^20.19.0")', from: 'package.json `engines.node`' },
  },
  {
    name: 'container public.ecr.aws/docker/library/node:22-alpine is Docker Hub\'s node:22-alpine',
    files: repo(workflow('', '      - run: npm publish\n', '    container: public.ecr.aws/docker/library/node:22-alpine\n')),
    want: ['bundledTooOld@12:14-12:25'],
  },
  {
    name: 'container node:22-alpine',
    files: repo(workflow('', '      - run: npm publish\n', '    container: node:22-alpine\n')),
    want: ['bundledTooOld@12:14-12:25'],
    data: { from: 'container image "node:22-alpine"' },
  },
  // CircleCI's convenience images in a GitHub job container hold the same Node as on CircleCI (src/model/npm/node-images.ts).
  {
    name: 'container cimg/node:22.14: Node 22.14, npm 10',
    files: repo(workflow('', '      - run: npm publish\n', '    container: cimg/node:22.14\n')),
    want: ['bundledTooOld@12:14-12:25'],
    data: { from: 'container image "cimg/node:22.14"' },
  },
  { name: 'container cimg/node:24.13: an npm with trusted publishing', files: repo(workflow('', '      - run: npm publish\n', '    container: cimg/node:24.13\n')), want: [] },
  {
    name: 'matrix [20, 24]: one diagnostic, for Node 20',
    files: repo(workflow(node('${{ matrix.node }}'), '      - run: npm publish\n', '    strategy:\n      matrix:\n        node: [20, 24]\n')),
    want: ['bundledTooOld@17:14-17:25'],
    data: { node: 'Node 20.20.2 ("20")', from: 'matrix value "20", matrix node=20' },
  },
  {
    name: 'matrix [20, 24] where only 24 publishes',
    files: repo(
      workflow(node('${{ matrix.node }}'), '      - if: matrix.node == 24\n        run: npm publish\n', '    strategy:\n      matrix:\n        node: [20, 24]\n'),
    ),
    want: [],
  },
  {
    name: 'matrix [20, 22] where both fail: one diagnostic per value',
    files: repo(workflow(node('${{ matrix.node }}'), '      - run: npm publish\n', '    strategy:\n      matrix:\n        node: [20, 22]\n')),
    want: ['bundledTooOld@17:14-17:25', 'bundledTooOld@17:14-17:25'],
  },
  {
    name: 'an upgrade compatible with Node 22 fixes it',
    files: repo(workflow(node('22'), '      - run: npm install -g npm@^11.5.1\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'npm@latest failing with EBADENGINE is left to npm-upgrade-compatible',
    files: repo(workflow(node('22.15.0'), '      - run: npm install -g npm@latest\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'an upgrade to npm 10',
    files: repo(workflow(node('24'), '      - run: npm i -g npm@10\n      - run: npm publish\n')),
    want: ['installedTooOld@15:14-15:25'],
    data: { npm: '10.9.9', how: 'installed by', upgrade: 'npm i -g npm@10' },
    related: ['Node version: setup-node `node-version: 24`', 'npm installed here: "npm i -g npm@10"'],
  },
  {
    name: 'npx npm@11.4.2 publish pins an npm without trusted publishing',
    files: repo(workflow(node('24'), '      - run: npx -y npm@11.4.2 publish\n')),
    want: ['installedTooOld@14:14-14:39'],
    data: { npm: '11.4.2', how: 'pinned in', upgrade: 'npx -y npm@11.4.2 publish' },
  },
  {
    name: 'npm stage publish needs 11.15.0: Node 24.15.0 bundles 11.12.1',
    files: repo(workflow(node('24.15.0'), '      - run: npm stage publish\n')),
    want: ['bundledTooOld@14:14-14:31'],
    data: { command: 'npm stage publish', npm: '11.12.1', required: '11.15.0' },
  },
  {
    name: 'npm stage publish needs 11.15.0: Node 24.16.0 bundles 11.13.0',
    files: repo(workflow(node('24.16.0'), '      - run: npm stage publish\n')),
    want: ['bundledTooOld@14:14-14:31'],
    data: { command: 'npm stage publish', npm: '11.13.0', required: '11.15.0' },
  },
  {
    name: 'npm stage publish on Node 24.17: the table only knows a range',
    files: repo(workflow(node('24.17.0'), '      - run: npm stage publish\n')),
    want: ['unknownNpm@14:14-14:31'],
    data: { reason: 'Node 24.17.0, setup-node `node-version: 24.17.0` bundles an npm between 11.13.0 and 11.16.0, and tp-doctor does not know which' },
  },
  {
    name: 'no setup-node and no container: unknown',
    files: repo(workflow('', '      - run: npm publish\n')),
    want: ['unknownNpm@11:14-11:25'],
    data: { job: 'publish' },
  },
  {
    name: 'no setup-node, but npm upgraded to a known version',
    files: repo(workflow('', '      - run: npm install -g npm@11\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'changeset publish in an npm repository runs npm publish',
    files: repo(workflow(node('22'), '      - run: npx changeset publish\n')),
    want: ['bundledTooOld@14:14-14:35'],
    data: { command: 'changeset publish (runs npm publish)' },
  },
  {
    name: 'changeset publish with pnpm 10 goes through npm',
    files: repo(workflow(node('20'), '      - run: pnpm changeset publish\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', packageManager: 'pnpm@10.33.0' }),
    }),
    want: ['bundledTooOld@14:14-14:36'],
    data: { command: 'changeset publish (pnpm 10 runs npm publish)' },
  },
  {
    // Rush installs rush.json's `npmVersion` and publishes with it: the job's Node 24 (npm 11) does not help.
    name: 'rush publish with rush.json `npmVersion` 6.14.15: that npm, not the job\'s',
    files: rushRepo('"npmVersion": "6.14.15"', '24'),
    want: ['ownNpmTooOld@14:14-14:85'],
    data: { command: 'rush publish --publish (runs npm publish)', npm: '6.14.15', key: 'npmVersion', file: 'rush.json', required: '11.5.1' },
    related: ['npm version: "npmVersion": "6.14.15"'],
  },
  { name: 'rush publish with rush.json `npmVersion` 11.6.2 on Node 20: enough, whatever Node 20 bundles', files: rushRepo('"npmVersion": "11.6.2"', '20'), want: [] },
  {
    name: 'rush publish with rush.json `pnpmVersion` 10.7.0: pnpm 10 hands the publish to the job\'s npm',
    files: rushRepo('"pnpmVersion": "10.7.0"', '20'),
    want: ['bundledTooOld@14:14-14:85'],
    data: { command: 'rush publish --publish (pnpm 10.7.0 of rush.json runs npm publish)', npm: '10.8.2' },
  },
  { name: 'rush publish with rush.json `pnpmVersion` 11.1.0: pnpm publishes itself (publish-tool-supports-oidc)', files: rushRepo('"pnpmVersion": "11.1.0"', '20'), want: [] },
  {
    name: 'rush publish with rush.json `yarnVersion`: Rush publishes with the npm on PATH',
    files: rushRepo('"yarnVersion": "1.22.22"', '20'),
    want: ['bundledTooOld@14:14-14:85'],
    data: { command: 'rush publish --publish (runs npm publish)' },
  },
  { name: 'rush publish without --publish only prints what it would do', files: rushRepo('"npmVersion": "6.14.15"', '24', 'rush publish --apply --include-all'), want: [] },
  { name: 'rush change publishes nothing', files: rushRepo('"npmVersion": "6.14.15"', '24', 'node common/scripts/install-run-rush.js change --verify'), want: [] },
  {
    name: 'release-plan publish with a pnpm-lock.yaml: pnpm 10 runs npm publish',
    files: releasePlanRepo('pnpm@10.14.0', 'pnpm-lock.yaml', '20', 'NPM_CONFIG_PROVENANCE=true pnpm release-plan publish'),
    want: ['bundledTooOld@14:14-14:66'],
    data: { command: 'release-plan publish (pnpm 10 runs npm publish)', npm: '10.8.2' },
  },
  { name: 'release-plan publish with pnpm 11: pnpm publishes itself (publish-tool-supports-oidc)', files: releasePlanRepo('pnpm@11.1.0', 'pnpm-lock.yaml', '20'), want: [] },
  {
    name: 'release-plan publish without a pnpm-lock.yaml runs npm publish',
    files: releasePlanRepo('yarn@1.22.22', 'yarn.lock', '20', 'npx release-plan publish'),
    want: ['bundledTooOld@14:14-14:38'],
    data: { command: 'release-plan publish (runs npm publish)' },
  },
  { name: 'release-plan publish --dryRun publishes nothing', files: releasePlanRepo('pnpm@10.14.0', 'pnpm-lock.yaml', '20', 'pnpm release-plan publish --dryRun'), want: [] },
  { name: 'release-plan prepare publishes nothing', files: releasePlanRepo('pnpm@10.14.0', 'pnpm-lock.yaml', '20', 'pnpm release-plan prepare'), want: [] },
  {
    // fabian-hiller/valibot: the pnpm comes from `pnpm/action-setup` inside a local composite action.
    name: 'a local composite action installs pnpm 9 (from its caller\'s input) over a pnpm 11 `packageManager`: pnpm 9 goes through npm',
    files: repo(workflow(node('20'), '      - uses: ./.github/actions/env\n        with:\n          pnpm: 9\n      - run: pnpm publish -r\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', packageManager: 'pnpm@11.9.0' }),
      '.github/actions/env/action.yml':
        "name: env\ninputs:\n  pnpm:\n    default: '11'\nruns:\n  using: composite\n  steps:\n    - uses: pnpm/action-setup@v4\n      with:\n        version: ${{ inputs.pnpm }}\n",
    }),
    want: ['bundledTooOld@17:14-17:29'],
    data: { command: 'pnpm publish (pnpm 9 runs npm publish)' },
  },
  {
    // fi3ework/vite-plugin-checker: danielroe/uppt/publish sets up its own Node and npm.
    name: 'a possible publish inside an action tp-doctor does not read: the reason says the action may bring its own npm',
    files: repo(workflow(node('22'), '      - uses: acme/npm-release-action@v1\n')),
    want: ['unknownNpm@14:15-14:41'],
    data: {
      reason:
        'it runs inside the action "acme/npm-release-action", which tp-doctor does not read and which may set up its own Node and npm (outside it, Node 22.23.3 ("22"), setup-node `node-version: 22` bundles npm 10.9.9)',
    },
  },
  {
    name: 'pnpm 11 publishes by itself',
    files: repo(workflow(node('20'), '      - run: pnpm publish -r\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', packageManager: 'pnpm@11.9.0' }),
    }),
    want: [],
  },
  {
    name: 'lerna and semantic-release bring their own publishing code',
    files: repo(workflow(node('20'), '      - run: npx lerna publish from-package\n      - run: npx semantic-release\n')),
    want: [],
  },
  {
    // analogjs/analog: `@semantic-release/npm` with `npmPublish: false`, and `@semantic-release/exec`
    // publishing with its `publishCmd`, which runs the job's npm.
    name: 'semantic-release whose exec plugin runs `npm publish` (publishCmd): that npm is checked',
    files: repo(workflow(node('22'), '      - run: npx semantic-release\n'), { '.releaserc.json': SEMREL_EXEC('npm publish') }),
    want: ['bundledTooOld@14:14-14:34'],
    data: { command: 'npm publish (publishCmd of @semantic-release/exec in .releaserc.json)', required: '11.5.1' },
  },
  {
    // anthropics/anthropic-sdk-typescript's bin/publish-npm (Stainless): pnpm 10 publishes through the npm at `--npm-path`.
    name: 'pnpm 10 `--npm-path` at an npm the script installed (`npm install --prefix ../oidc/ npm@11.6.2`): that npm, silent',
    files: repo(workflow(node('20'), '      - run: bash ./bin/publish-npm\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', packageManager: 'pnpm@10.34.5' }),
      'bin/publish-npm':
        '#!/usr/bin/env bash\nset -eux\npnpm build\ncd dist\nnpm install --prefix ../oidc/ npm@11.6.2\npnpm publish --npm-path "$(cd ../ && pwd)/oidc/node_modules/.bin/npm" --no-git-checks --tag "$TAG"\n',
    }),
    want: [],
  },
  {
    name: 'pnpm 10 `--npm-path` at an npm installed too old: that npm, an error',
    files: repo(workflow(node('20'), '      - run: |\n          npm install --prefix ./tools npm@10.9.2\n          pnpm publish --npm-path=./tools/node_modules/.bin/npm\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', packageManager: 'pnpm@10.34.5' }),
    }),
    want: ['installedTooOld@16:11-16:64'],
    data: { npm: '10.9.2' },
  },
  {
    name: 'pnpm 10 `--npm-path` at an npm tp-doctor did not see installed: unknown, a warning (never the bundled npm)',
    files: repo(workflow(node('20'), '      - run: pnpm publish --npm-path /opt/npm/bin/npm\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', packageManager: 'pnpm@10.34.5' }),
    }),
    want: ['unknownNpm@14:14-14:54'],
    data: { reason: 'the command runs `/opt/npm/bin/npm`, an npm installed by the job whose version tp-doctor does not read' },
  },
  // semantic-release plugins that publish to npm other than @semantic-release/npm (src/model/data/semantic-release-plugins.ts).
  {
    // renovatebot/renovate: @containerbase/semantic-release-pnpm runs `pnpm -r publish`; pnpm 10 runs npm publish.
    name: '@containerbase/semantic-release-pnpm with pnpm 10: the npm that pnpm runs is checked',
    files: repo(workflow(node('22'), '      - run: pnpm semantic-release\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', packageManager: 'pnpm@10.15.0' }),
      '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/commit-analyzer', '@containerbase/semantic-release-pnpm'] }),
    }),
    want: ['bundledTooOld@14:14-14:35'],
    data: { command: 'pnpm publish (run by @containerbase/semantic-release-pnpm in .releaserc.json) (pnpm 10 runs npm publish)' },
  },
  {
    name: 'plugins that exchange the token themselves (@amanda-mitchell/semantic-release-npm-multiple, @anolilab/semantic-release-pnpm): no npm check',
    files: repo(workflow(node('22'), '      - run: pnpm semantic-release\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', packageManager: 'pnpm@10.15.0' }),
      'release.config.mjs': "export default { plugins: [['@amanda-mitchell/semantic-release-npm-multiple', { registries: { npm: {} } }], '@anolilab/semantic-release-pnpm'] };\n",
    }),
    want: [],
  },
  { name: 'control: a publishCmd that only runs echo', files: repo(workflow(node('22'), '      - run: npx semantic-release\n'), { '.releaserc.json': SEMREL_EXEC('echo ${nextRelease.version}') }), want: [] },
  {
    name: 'two publishes in one job: one diagnostic',
    files: repo(workflow(node('20'), '      - run: |\n          npm publish -w a\n          npm publish -w b\n')),
    want: ['bundledTooOld@15:11-15:27'],
  },
  {
    // setup-node scopes GitHub Packages to the repository owner: the owner's packages go there.
    name: 'a publish to GitHub Packages (setup-node registry-url) needs no OIDC',
    files: repo(workflow(`${node('20')}          registry-url: https://npm.pkg.github.com\n`, '      - run: npm publish\n'), {
      'package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } }),
    }),
    want: [],
  },
  {
    name: 'a publish with --registry to another host needs no OIDC; to npmjs it does',
    files: repo(workflow(node('20'), '      - run: npm publish --registry https://npm.example.com\n      - run: npm publish --registry=https://registry.npmjs.org/\n')),
    want: ['bundledTooOld@15:14-15:64'],
  },
  {
    name: 'a dry run is not a publish',
    files: repo(workflow(node('20'), '      - run: npm publish --dry-run\n')),
    want: [],
  },
];

describe(RULE, () => {
  it('a publish guessed from a script name, or auto shipit, is checked at info only', async () => {
    const scripts = { release: './scripts/release.sh' };
    const guessed = await lintFiles(repo(workflow(node('20'), '      - run: npm run release\n'), { 'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', scripts }) }), { rule: RULE });
    expect(guessed.map((d) => [d.messageId, d.severity])).toEqual([['bundledTooOld', 'info']]);
    const auto = await lintFiles(repo(workflow(node('20'), '      - run: yarn auto shipit\n')), { rule: RULE });
    expect(auto.map((d) => [d.messageId, d.severity, d.data.command])).toEqual([['bundledTooOld', 'info', 'auto shipit (if it runs npm publish)']]);
  });

  // spartan-ng/spartan: semantic-release's exec `publishCmd` runs what tp-doctor cannot read; if it runs npm publish, the job's npm decides.
  it('a publishCmd tp-doctor cannot read is checked like a guess from a script name (info); `echo` in its place is nothing', async () => {
    const exec = (publishCmd: string): Promise<Diagnostic[]> => lintFiles(repo(workflow(node('20'), '      - run: npx semantic-release\n'), { '.releaserc.json': SEMREL_EXEC(publishCmd) }), { rule: RULE });
    expect((await exec('./scripts/publish.sh')).map((d) => [d.messageId, d.severity, d.data.command])).toEqual([
      ['bundledTooOld', 'info', './scripts/publish.sh (if it runs npm publish)'],
    ]);
    expect(await exec('echo done')).toEqual([]);
  });


  it('a Node given to a remote action is assumed: an error on it is a warning, naming the action', async () => {
    const files = repo(workflow('', "      - uses: acme/ci/setup@v2\n        with:\n          node_version: '22'\n      - run: npm publish\n"));
    const [d] = (await lintFiles(files, { rule: RULE })) as [Diagnostic];
    expect([d.messageId, d.severity]).toEqual(['bundledTooOld', 'warning']);
    expect(d.message).toContain('acme/ci/setup');
  });

  it('a token the job sets in the environment does not reach a publish under `nix develop -i`: no fallback sentence', async () => {
    const steps = '      - run: nix develop -i -c npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n';
    // No publisher declared: a token that reaches the publish is said in the `why` (the engine's token cap).
    const inferred = (wf: string): Record<string, string> => ({ 'package.json': GITHUB_PKG, '.github/workflows/release.yml': wf });
    const [d] = (await lintFiles(inferred(workflow(node('24'), steps)), { rule: RULE })) as [Diagnostic];
    expect([d.messageId, d.severity]).toEqual(['environmentClearsOidc', 'warning']);
    expect(d.why).not.toContain('No trusted publisher is declared');
    const [plain] = (await lintFiles(inferred(workflow(node('24'), steps.replace(' -i', ''))), { rule: RULE })) as [Diagnostic];
    expect([plain.messageId, plain.why]).toEqual(['unknownNpmEnvironment', expect.stringContaining('No trusted publisher is declared')]);
  });

  it('renders the full message, the consequence and both fixes', async () => {
    const [d] = (await lintFiles(repo(workflow(node('22.15.0'), '      - run: npm publish\n')), { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('error');
    expect(d.message).toBe(
      '`npm publish` runs with npm 10.9.2, bundled with Node 22.15.0 (setup-node `node-version: 22.15.0`); trusted publishing needs npm 11.5.1 or later',
    );
    expect(d.why).toBe(
      "npm before 11.5.1 cannot exchange the job's OIDC token for a publish token: the publish falls back to whatever token is configured and fails with ENEEDAUTH, or with E404 when an old token is still set (often after provenance was already signed)",
    );
    expect(d.fix).toBe(
      'Use Node 24.5 or later: set `node-version: 24`; or add `npm install -g npm@^11.5.1` before the publish (npm 11 installs on Node 22.15.0; `npm@latest` (npm 12) does not, it requires "^22.22.2 || ^24.15.0 || >=26.0.0")',
    );
    expect(d.related[0]).toMatchObject({ file: W, start: { line: 13, column: 11 } });
  });

  it('says no npm upgrade helps on Node 18, and where to change the version', async () => {
    const [d] = (await lintFiles(repo(workflow('          node-version-file: .nvmrc\n', '      - run: npm publish\n'), { '.nvmrc': 'v18\n' }), { rule: RULE })) as [Diagnostic];
    expect(d.fix).toBe('Use Node 24.5 or later: set .nvmrc to `24` (no npm with trusted publishing installs on Node 18.20.8: npm 11 requires "^20.17.0 || >=22.9.0")');
  });

  it('warns (not errors) when the Node is unknown', async () => {
    const [d] = (await lintFiles(repo(workflow('', '      - run: npm publish\n')), { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('warning');
    expect(d.message).toBe(
      'Cannot tell which npm runs `npm publish` in job "publish": no `actions/setup-node` step sets a Node version before it and the job has no `node:` container, so it gets whatever Node the runner image ships',
    );
  });

  it('follows the severity configured in tp-doctor.yml', async () => {
    const files = repo(workflow(node('20'), '      - run: npm publish\n'), { 'tp-doctor.yml': `${publisherConfig({})}rules:\n  ${RULE}: warning\n` });
    const [d] = (await lintFiles(files, { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('warning');
  });
});

// ---------------------------------------------------------------------------------------------
// GitLab: `image: node:<tag>` and script-line upgrades

/** A job `publish` (line 1 after `head`); `image:` (when given) is its first line, `script:` lines follow. */
function gitlabCi(image: string | undefined, script: string[], head = ''): string {
  return [
    ...(head ? [head.trimEnd()] : []),
    'publish:',
    ...(image !== undefined ? [`  image: ${image}`] : []),
    '  id_tokens:',
    '    NPM_ID_TOKEN:',
    '      aud: "npm:registry.npmjs.org"',
    '  script:',
    ...script.map((l) => `    - ${l}`),
    '',
  ].join('\n');
}

function gitlabRepo(ci: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'package.json': GITLAB_PKG, '.gitlab-ci.yml': ci, ...extra };
}

const TEMPLATE = `.node:
  image: node:22
publish:
  extends: .node
  script:
    - npm publish
`;

/** GITLAB_PKG with a `release` script that publishes. */
const SCRIPTED_GITLAB_PKG = JSON.stringify({ ...(JSON.parse(GITLAB_PKG) as object), scripts: { release: 'npm publish' } });

/** GITLAB_PKG named in the scope `@acme`. */
const SCOPED_GITLAB_PKG = JSON.stringify({ ...(JSON.parse(GITLAB_PKG) as object), name: '@acme/widget' });

const GITLAB_INCLUDE = (inputs: string): string => `include:\n  - local: ci/publish.yml${inputs}\n`;
/** ci/publish.yml: a `spec: inputs: node` header (default `dflt`), then a job on `node:$[[ inputs.node ]]` (line 7). */
const INPUTS_FILE = (dflt: string): string =>
  `spec:\n  inputs:\n    node:\n      default: ${dflt}\n---\npublish:\n  image: node:$[[ inputs.node ]]\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n  script:\n    - npm publish\n`;

const gitlabCases: RuleCase[] = [
  {
    // survey500c M1: GitLab's Dependency Proxy names Docker Hub's node:20 (npm 10.8.2).
    name: 'gitlab: ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:20 is Docker Hub\'s node:20',
    files: gitlabRepo(gitlabCi('${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:20', ['npm publish'])),
    want: ['bundledTooOld@2:10-2:59'],
    data: { npm: '10.8.2' },
  },
  {
    name: 'gitlab: $CI_DEPENDENCY_PROXY_DIRECT_GROUP_IMAGE_PREFIX/node:20 likewise',
    files: gitlabRepo(gitlabCi('$CI_DEPENDENCY_PROXY_DIRECT_GROUP_IMAGE_PREFIX/node:20', ['npm publish'])),
    want: ['bundledTooOld@2:10-2:64'],
  },
  {
    name: 'gitlab: mirror.gcr.io/library/node:20 likewise',
    files: gitlabRepo(gitlabCi('mirror.gcr.io/library/node:20', ['npm publish'])),
    want: ['bundledTooOld@2:10-2:39'],
  },
  {
    name: 'gitlab: control: registry.example.com/node:20 may hold anything: not a node image, a warning',
    files: gitlabRepo(gitlabCi('registry.example.com/node:20', ['npm publish'])),
    want: ['unknownNpmGitlab@2:10-2:38'],
    data: { reason: 'the job runs in image "registry.example.com/node:20", which is not a `node` image' },
  },
  // survey700a D3: CircleCI's convenience images are the same Docker images on GitLab (src/model/npm/node-images.ts).
  { name: 'gitlab: cimg/node:24.13 bundles an npm with trusted publishing (probe q3)', files: gitlabRepo(gitlabCi('cimg/node:24.13', ['npm publish'])), want: [] },
  {
    name: 'gitlab: cimg/node:22.14 bundles npm 10, as on CircleCI',
    files: gitlabRepo(gitlabCi('cimg/node:22.14-browsers', ['npm publish'])),
    want: ['bundledTooOld@2:10-2:34'],
    data: { node: 'Node 22.14.0 ("22.14")', from: 'image "cimg/node:22.14-browsers"', setNode: 'use the image `node:24`' },
  },
  {
    name: "gitlab: a moving tag of CircleCI's frozen legacy circleci/node images is unknown, saying why",
    files: gitlabRepo(gitlabCi('circleci/node:latest', ['npm publish'])),
    want: ['unknownNpmGitlab@2:10-2:30'],
    data: { reason: expect.stringContaining("one of CircleCI's legacy `circleci/` images, which have not changed since 2021-12-31") },
  },
  {
    name: 'gitlab: control: cimg/python with a node variant is not a node image',
    files: gitlabRepo(gitlabCi('cimg/python:3.12-node', ['npm publish'])),
    want: ['unknownNpmGitlab@2:10-2:31'],
    data: { reason: 'the job runs in image "cimg/python:3.12-node", which is not a `node` image' },
  },
  {
    name: 'gitlab: control: another variable in front of node:20 stays unexpanded',
    files: gitlabRepo(gitlabCi('${MY_REGISTRY}/node:20', ['npm publish'])),
    want: ['unknownNpmGitlab@2:10-2:32'],
  },
  {
    name: 'gitlab: an upgrade earlier on the line of a publish through a package.json script counts',
    files: gitlabRepo(gitlabCi('node:20', ['npm i -g npm@^11.5.2 && npm run release']), { 'package.json': SCRIPTED_GITLAB_PKG }),
    want: [],
  },
  {
    name: 'gitlab: without that upgrade, the same publish through a script runs npm 10',
    files: gitlabRepo(gitlabCi('node:20', ['npm run release']), { 'package.json': SCRIPTED_GITLAB_PKG }),
    want: ['bundledTooOld@2:10-2:17'],
  },
  {
    name: "gitlab: rush publish runs rush.json's npm 6.14.15, whatever node:24 bundles",
    files: gitlabRepo(gitlabCi('node:24', ['node common/scripts/install-run-rush.js install', 'node common/scripts/install-run-rush.js publish -a -p']), {
      'rush.json': RUSH_JSON('"npmVersion": "6.14.15"'),
      'packages/widget/package.json': GITLAB_PKG,
    }),
    want: ['ownNpmTooOld@8:7-8:60'],
    data: { npm: '6.14.15', key: 'npmVersion' },
  },
  { name: "gitlab: rush publish with rush.json's npm 11.6.2 on node:20", files: gitlabRepo(gitlabCi('node:20', ['rush publish -a -p']), { 'rush.json': RUSH_JSON('"npmVersion": "11.6.2"'), 'packages/widget/package.json': GITLAB_PKG }), want: [] },
  {
    // diamirio/backend-nx-skeleton's shape without its `corepack prepare`: no pnpm version anywhere (pnpm-installs.test.ts).
    name: 'gitlab: pnpm publish on node:22 with no pnpm version anywhere: which pnpm runs is unknown, a warning at the image',
    files: gitlabRepo(gitlabCi('node:22', ['corepack enable', 'pnpm publish --no-git-checks']), { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" }),
    want: ['unknownPnpm@2:10-2:17'],
    data: { command: 'pnpm publish', job: 'publish', from: 'bundled with Node 22.23.3 ("22")', setNode: 'use the image `node:24`' },
  },
  { name: 'gitlab: node:24 is enough', files: gitlabRepo(gitlabCi('node:24', ['npm publish'])), want: [] },
  { name: 'gitlab: node:lts-alpine is enough', files: gitlabRepo(gitlabCi('node:lts-alpine', ['npm publish'])), want: [] },
  {
    name: 'gitlab: node:20 without an upgrade, reported at the image',
    files: gitlabRepo(gitlabCi('node:20', ['npm publish'])),
    want: ['bundledTooOld@2:10-2:17'],
    data: { command: 'npm publish', npm: '10.8.2', node: 'Node 20.20.2 ("20")', from: 'image "node:20"', setNode: 'use the image `node:24`' },
    related: ['publish command "npm publish"'],
  },
  {
    name: 'gitlab: node:24.4 still bundles npm 11.4.2',
    files: gitlabRepo(gitlabCi('node:24.4-bookworm-slim', ['npm publish'])),
    want: ['bundledTooOld@2:10-2:33'],
    data: { npm: '11.4.2' },
  },
  {
    name: 'gitlab: node:${NODE_VERSION} with NODE_VERSION 20 is reported at the variable',
    files: gitlabRepo(gitlabCi('node:${NODE_VERSION}', ['npm publish'], 'variables:\n  NODE_VERSION: "20"\n')),
    want: ['bundledTooOld@2:17-2:21'],
    data: { from: 'image "node:${NODE_VERSION}" with NODE_VERSION = "20"', setNode: 'set variable NODE_VERSION to `24`' },
    related: ['Node version: image "node:${NODE_VERSION}" with NODE_VERSION = "20"', 'job "publish"', 'publish command "npm publish"'],
  },
  {
    name: 'gitlab: a job variable overrides the global one',
    files: gitlabRepo(gitlabCi('node:$NODE_VERSION', ['npm publish'], 'variables:\n  NODE_VERSION: "20"\n').replace('publish:\n', 'publish:\n  variables:\n    NODE_VERSION: "24"\n')),
    want: [],
  },
  {
    name: 'gitlab: the image of an extended template is reported in the template',
    files: gitlabRepo(TEMPLATE),
    want: ['bundledTooOld@2:10-2:17'],
    data: { npm: '10.9.9', setNode: 'use the image `node:24`' },
    related: ['job "publish"', 'publish command "npm publish"'],
  },
  {
    name: 'gitlab: an upgrade in before_script fixes node:22',
    files: gitlabRepo(gitlabCi('node:22', ['npm publish']).replace('  script:', '  before_script:\n    - npm install -g npm@^11.5.1\n  script:')),
    want: [],
  },
  {
    name: 'gitlab: an upgrade to an old npm, reported at the upgrade',
    files: gitlabRepo(gitlabCi('node:22', ['npm install -g npm@11.4', 'npm publish'])),
    want: ['installedTooOld@7:7-7:30'],
    data: { npm: '11.4.2', how: 'installed by', upgrade: 'npm install -g npm@11.4' },
  },
  {
    name: 'gitlab: an upgrade after the publish does not count',
    files: gitlabRepo(gitlabCi('node:20', ['npm publish', 'npm install -g npm@11'])),
    want: ['bundledTooOld@2:10-2:17'],
  },
  {
    name: 'gitlab: npx npm@11.4 publish pins an old npm',
    files: gitlabRepo(gitlabCi('node:24', ['npx npm@11.4.0 publish'])),
    want: ['installedTooOld@7:7-7:29'],
    data: { how: 'pinned in' },
  },
  {
    name: 'gitlab: an upgrade that fails on this Node is left to npm-upgrade-compatible',
    files: gitlabRepo(gitlabCi('node:20', ['npm install -g npm@latest', 'npm publish'])),
    want: [],
  },
  {
    name: 'gitlab: no image: warning at the job',
    files: gitlabRepo(gitlabCi(undefined, ['npm publish'])),
    want: ['unknownNpmGitlab@1:1-1:8'],
    data: { job: 'publish', path: 'publish.image' },
    related: ['publish command "npm publish"'],
  },
  {
    name: 'gitlab: an image that is not a node image',
    files: gitlabRepo(gitlabCi('alpine:3.20', ['apk add npm', 'npm publish'])),
    want: ['unknownNpmGitlab@2:10-2:21'],
    data: { reason: 'the job runs in image "alpine:3.20", which is not a `node` image' },
  },
  {
    name: 'gitlab: node:10.24.1, after the only row of Node 10: npm 5.6.0–7.24.2, certainly too old',
    files: gitlabRepo(gitlabCi('node:10.24.1', ['npm publish'])),
    want: ['bundledTooOld@2:10-2:22'],
    data: { npm: '5.6.0–7.24.2' },
  },
  {
    name: 'gitlab: an image variable tp-doctor cannot expand',
    files: gitlabRepo(gitlabCi('$CI_REGISTRY_IMAGE/node:20', ['npm publish'])),
    want: ['unknownNpmGitlab@2:10-2:36'],
  },
  {
    name: "gitlab: a publish to GitLab's package registry needs no OIDC",
    files: gitlabRepo(gitlabCi('node:20', ['echo "@acme:registry=${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/npm/" > .npmrc', 'npm publish']), { 'package.json': SCOPED_GITLAB_PKG }),
    want: [],
  },
  {
    name: "gitlab: control: GitLab's registry for @acme only: the unscoped package goes to npmjs",
    files: gitlabRepo(gitlabCi('node:20', ['echo "@acme:registry=${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/npm/" > .npmrc', 'npm publish'])),
    want: ['bundledTooOld@2:10-2:17'],
  },
  {
    name: 'gitlab: a registry= line echoed into .npmrc: another registry, no OIDC needed',
    files: gitlabRepo(gitlabCi('node:20', ['echo "registry=https://npm.example.com/" >> .npmrc', 'npm publish'])),
    want: [],
  },
  {
    name: 'gitlab: --registry to another host needs no OIDC',
    files: gitlabRepo(gitlabCi('node:20', ['npm publish --registry https://npm.example.com'])),
    want: [],
  },
  {
    // CI/CD inputs: the include's `inputs:` value is interpolated into `$[[ inputs.node ]]`, reported where the include gives it.
    name: 'gitlab: image node:$[[ inputs.node ]] in a local include given node "20": an error at the include\'s input',
    files: gitlabRepo(GITLAB_INCLUDE('\n    inputs:\n      node: "20"'), { 'ci/publish.yml': INPUTS_FILE('"24"') }),
    want: ['bundledTooOld@4:13-4:17'],
    data: { from: 'image "node:$[[ inputs.node ]]" with input node = "20"', setNode: 'set input node to `24`' },
    related: ['Node version: image "node:$[[ inputs.node ]]" with input node = "20"', 'job "publish"', 'publish command "npm publish"'],
  },
  {
    name: 'gitlab: control: the include gives node "24": nothing',
    files: gitlabRepo(GITLAB_INCLUDE('\n    inputs:\n      node: "24"'), { 'ci/publish.yml': INPUTS_FILE('"20"') }),
    want: [],
  },
  {
    name: "gitlab: an include that gives no inputs: the included file's default (20) is what runs, an error at the default",
    files: gitlabRepo(GITLAB_INCLUDE(''), { 'ci/publish.yml': INPUTS_FILE('"20"') }),
    want: ['bundledTooOld@4:16-4:20'],
  },
  {
    name: 'gitlab: an input function ($[[ inputs.node | expand_vars ]]) is not interpolated: unknown',
    files: gitlabRepo(GITLAB_INCLUDE('\n    inputs:\n      node: "20"'), { 'ci/publish.yml': INPUTS_FILE('"24"').replace('inputs.node ]]', 'inputs.node | expand_vars ]]') }),
    want: ['unknownNpmGitlab@7:10-7:47'],
    data: { reason: 'the job image "node:$[[ inputs.node | expand_vars ]]" uses a CI/CD input or variable tp-doctor cannot expand' },
  },
];

const gitlabInputCases: RuleCase[] = [
  {
    name: 'gitlab: a job that does not publish',
    files: gitlabRepo(gitlabCi('node:20', ['npm test'])),
    want: [],
  },
  {
    // One job per `parallel: matrix:` combination, as GitLab runs them: only `publish: [22]` fails.
    name: 'gitlab: image node:$V with a parallel matrix V: ["24", "22"], the V=22 job reported at its value',
    files: gitlabRepo(gitlabCi('node:$V', ['npm publish']).replace('publish:\n', 'publish:\n  parallel:\n    matrix:\n      - V: ["24", "22"]\n')),
    want: ['bundledTooOld@4:19-4:23'],
    data: { npm: '10.9.9', from: 'image "node:$V" with V = "22", matrix job "publish: [22]"', setNode: 'use `24` for V in `parallel: matrix:`' },
    related: ['Node version: image "node:$V" with V = "22"', 'publish command "npm publish"'],
  },
  {
    name: 'gitlab: control: a matrix of Node 24 images only is enough',
    files: gitlabRepo(gitlabCi('node:$V', ['npm publish']).replace('publish:\n', 'publish:\n  parallel:\n    matrix:\n      - V: ["24", "26"]\n')),
    want: [],
  },
  {
    name: 'gitlab: each matrix item is its own product; the failing jobs reported at their own values',
    files: gitlabRepo(gitlabCi('node:$V-$OS', ['npm publish']).replace('publish:\n', 'publish:\n  parallel:\n    matrix:\n      - V: "24"\n        OS: [alpine, bookworm]\n      - V: ["20", "22"]\n        OS: alpine\n')),
    want: ['bundledTooOld@6:13-6:17', 'bundledTooOld@6:19-6:23'],
  },
  {
    name: 'gitlab: control: a matrix over 200 jobs is refused by GitLab and not expanded',
    files: gitlabRepo(gitlabCi('node:$V', ['npm publish']).replace('publish:\n', `publish:\n  parallel:\n    matrix:\n      - V: ["22"]\n        W: [${Array.from({ length: 201 }, (_, i) => `"w${i}"`).join(', ')}]\n`)),
    want: ['unknownNpmGitlab@6:10-6:17'],
  },
  {
    // The script's `$REG` is the job variable each matrix job's shell holds: only the npmjs job needs OIDC.
    name: 'gitlab: a matrix value read in the script: `--registry $REG` on node:20, only the npmjs job reported',
    files: gitlabRepo(gitlabCi('node:20', ['npm publish --registry $REG']).replace('publish:\n', 'publish:\n  parallel:\n    matrix:\n      - REG: ["https://npm.example.com/", "https://registry.npmjs.org/"]\n')),
    want: ['bundledTooOld@5:10-5:17'],
  },
  {
    name: 'gitlab: control: no matrix job publishes to npmjs, no finding',
    files: gitlabRepo(gitlabCi('node:20', ['npm publish --registry $REG']).replace('publish:\n', 'publish:\n  parallel:\n    matrix:\n      - REG: ["https://npm.example.com/", "https://npm.example.org/"]\n')),
    want: [],
  },
];

describe(`${RULE} (GitLab)`, () => {

  it('CI/CD inputs: the finding is in the file that gives the value; the top-level file\'s own default is a warning that says so', async () => {
    const where = async (files: Record<string, string>): Promise<string[]> =>
      (await lintFiles(files, { rule: RULE })).map((d) => `${d.messageId} ${d.severity} ${d.file}:${d.line}:${d.column}`);
    expect(await where(gitlabRepo(GITLAB_INCLUDE('\n    inputs:\n      node: "20"'), { 'ci/publish.yml': INPUTS_FILE('"24"') }))).toEqual(['bundledTooOld error .gitlab-ci.yml:4:13']);
    expect(await where(gitlabRepo(GITLAB_INCLUDE(''), { 'ci/publish.yml': INPUTS_FILE('"20"') }))).toEqual(['bundledTooOld error ci/publish.yml:4:16']);
    const top = await lintFiles(gitlabRepo(INPUTS_FILE('"20"')), { rule: RULE });
    expect(top.map((d) => `${d.messageId} ${d.severity} ${d.file}:${d.line}:${d.column}`)).toEqual(['bundledTooOld warning .gitlab-ci.yml:4:16']);
    expect(top[0]?.message).toContain('with input node = "20" (the default, which a pipeline run may override)');
    expect(await where(gitlabRepo(INPUTS_FILE('"24"')))).toEqual([]);
  });

  it('a matrix job whose `--registry $REG` is npmjs publishes there for certain: an error, not an info', async () => {
    const files = gitlabRepo(gitlabCi('node:20', ['npm publish --registry $REG']).replace('publish:\n', 'publish:\n  parallel:\n    matrix:\n      - REG: ["https://npm.example.com/", "https://registry.npmjs.org/"]\n'));
    const found = await lintFiles(files, { rule: RULE });
    expect(found.map((d) => `${d.messageId} ${d.severity}`)).toEqual(['bundledTooOld error']);
  });

  it('renders the message for node:${NODE_VERSION}, with the image and the job as related locations', async () => {
    const files = gitlabRepo(gitlabCi('node:${NODE_VERSION}', ['npm publish'], 'variables:\n  NODE_VERSION: "20"\n'));
    const [d] = (await lintFiles(files, { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('error');
    expect(d.file).toBe('.gitlab-ci.yml');
    expect(d.message).toBe(
      '`npm publish` runs with npm 10.8.2, bundled with Node 20.20.2 ("20") (image "node:${NODE_VERSION}" with NODE_VERSION = "20"); trusted publishing needs npm 11.5.1 or later',
    );
    expect(d.fix).toMatch(/^Use Node 24\.5 or later: set variable NODE_VERSION to `24`; or add `npm install -g npm@\^11\.5\.1` before the publish/);
    expect(d.related.map((r) => `${r.file}:${r.start.line}:${r.start.column}`)).toEqual(['.gitlab-ci.yml:4:3', '.gitlab-ci.yml:3:1', '.gitlab-ci.yml:9:7']);
  });

  it('an unknown Node is a warning that says to set the image', async () => {
    const [d] = (await lintFiles(gitlabRepo(gitlabCi(undefined, ['npm publish'])), { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('warning');
    expect(d.message).toBe(
      "Cannot tell which npm runs `npm publish` in job \"publish\": the job has no `image:`, so it runs in the runner's default image, whose Node (if any) tp-doctor cannot know",
    );
    expect(d.fix).toBe('Run the job in a Node image that bundles npm 11.5.1 or later: set `publish.image` to `node:24`');
  });
});

/** A job `tag` (id-token: write) on Node `node` whose step on line 12 runs `run` (column 14), then `env`. */
const distTagWorkflow = (node: string, run: string, env = ''): string =>
  `on: push\njobs:\n  tag:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: ${node}\n          registry-url: https://registry.npmjs.org\n      - run: ${run}\n${env}`;
const distTagFiles = (yaml: string): Record<string, string> => ({ 'package.json': JSON.stringify({ name: 'w', version: '1.0.0' }), '.github/workflows/tag.yml': yaml });
/** `pnpm dist-tag add` on Node 22.15.0 (npm 10.9.2), with package.json `packageManager` set to `pm` when given. */
const pnpmDistTag = (pm: string | undefined): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'w', version: '1.0.0', ...(pm ? { packageManager: pm } : {}) }),
  '.github/workflows/tag.yml': distTagWorkflow('22.15.0', 'pnpm dist-tag add w@1.2.3 next'),
});

describe(`${RULE}: tools that run npm publish`, () => {
  const wf = (node: string, run: string): string =>
    `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    strategy:\n      matrix:\n        node: [20, 22, 24]\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: ${node}\n      - if: matrix.node == 22\n        run: ${run}\n`;
  it('changelogen --publish on the matrix leg that publishes (Node 22: npm 10)', async () => {
    const got = await lintFiles({ 'package.json': JSON.stringify({ name: 'w', version: '1.0.0' }), '.github/workflows/ci.yml': wf('${{ matrix.node }}', 'npx changelogen --release --publish') }, { rule: RULE });
    expect(got.map((d) => `${d.messageId} ${d.data.command}`)).toEqual(['bundledTooOld changelogen --publish (runs npm publish)']);
  });

  it('changeset publish in a Yarn Berry repository runs npm publish', async () => {
    const got = await lintFiles(
      {
        'package.json': JSON.stringify({ name: 'r', private: true, workspaces: ['p/*'], packageManager: 'yarn@4.12.0' }),
        '.github/workflows/ci.yml': wf('20', 'yarn changeset publish'),
      },
      { rule: RULE },
    );
    expect(got.map((d) => d.messageId)).toEqual(['bundledTooOld']);
  });

  // @changesets/cli 3 publishes with `yarn npm publish` on Yarn 2+ and stops on Yarn 1 (read in its
  // released dist/getPublishPlan.mjs, 3.0.0 to 3.0.3); 2.x runs `npm publish` there.
  const CS_BERRY_LOCK = (v: string): string => `__metadata:\n  version: 8\n  cacheKey: 10c0\n\n"@changesets/cli@npm:^${v}":\n  version: ${v}\n  resolution: "@changesets/cli@npm:${v}"\n`;
  const CS_CLASSIC_LOCK = (v: string): string => `# yarn lockfile v1\n\n"@changesets/cli@^${v}":\n  version "${v}"\n`;
  const csRepo = (pm: string | undefined, range: string | undefined, extra: Record<string, string>, run = 'yarn changeset publish'): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'r', private: true, workspaces: ['p/*'], ...(pm ? { packageManager: pm } : {}), ...(range ? { devDependencies: { '@changesets/cli': range } } : {}) }),
    'p/w/package.json': JSON.stringify({ name: '@acme/w', version: '1.0.0' }),
    '.github/workflows/ci.yml': wf('22', run),
    ...extra,
  });
  it.each<[string, Record<string, string>, string[]]>([
    ['Yarn 4.12, @changesets/cli 3.0.0 locked: yarn npm publish, npm never runs', csRepo('yarn@4.12.0', '^3.0.0', { 'yarn.lock': CS_BERRY_LOCK('3.0.0') }), []],
    ['Yarn 4.12, @changesets/cli ^3.0.0 without a lockfile', csRepo('yarn@4.12.0', '^3.0.0', {}), []],
    ['Yarn 1, @changesets/cli 3.0.3: changesets stops before any npm runs', csRepo('yarn@1.22.22', '^3.0.3', { 'yarn.lock': CS_CLASSIC_LOCK('3.0.3') }), []],
    ['Yarn 4.12, @changesets/cli 2.29.7 locked: npm publish, certain', csRepo('yarn@4.12.0', '^2.29.7', { 'yarn.lock': CS_BERRY_LOCK('2.29.7') }), ['bundledTooOld error changeset publish (runs npm publish)']],
    ['Yarn 4.12, no @changesets/cli version: npm publish with 2.x, a warning', csRepo('yarn@4.12.0', undefined, {}), ['bundledTooOld warning changeset publish (runs npm publish with @changesets/cli 2)']],
    ['Yarn 2+ from .yarnrc.yml, no version: a warning', csRepo(undefined, undefined, { 'yarn.lock': '__metadata:\n  version: 8\n', '.yarnrc.yml': 'nodeLinker: node-modules\n' }), ['bundledTooOld warning changeset publish (runs npm publish with @changesets/cli 2)']],
    ['Yarn 1, no version: npm publish as before', csRepo('yarn@1.22.22', undefined, {}), ['bundledTooOld error changeset publish (runs npm publish)']],
    ['npm repository, @changesets/cli 3: npm publish', csRepo(undefined, '^3.0.0', { 'package-lock.json': '{}' }, 'npx changeset publish'), ['bundledTooOld error changeset publish (runs npm publish)']],
    ['Bun repository, @changesets/cli 3: npm publish', csRepo('bun@1.3.0', '^3.0.0', {}, 'bunx changeset publish'), ['bundledTooOld error changeset publish (runs npm publish)']],
    ['pnpm 10, @changesets/cli 3: pnpm publish through npm', csRepo('pnpm@10.33.0', '^3.0.0', {}, 'pnpm changeset publish'), ['bundledTooOld error changeset publish (pnpm 10 runs npm publish)']],
    ['Yarn 4.12, `npx @changesets/cli@2 publish`: the pin decides, npm publish', csRepo('yarn@4.12.0', '^3.0.0', {}, 'npx @changesets/cli@2 publish'), ['bundledTooOld error changeset publish (runs npm publish)']],
  ])('changeset publish on Node 22: %s', async (_name, files, want) => {
    const got = await lintFiles(files, { rule: RULE });
    expect(got.map((d) => `${d.messageId} ${d.severity} ${d.data.command}`)).toEqual(want);
  });

  // Rush: a rush.json tp-doctor cannot read leaves the npm a guess; `rush publish --publish` without
  // `--include-all` or `--apply` publishes only what change files an earlier `--apply` bumped.
  it.each<[string, Record<string, string>, string[]]>([
    ['no rush.json: a possible publish (info)', rushRepo(undefined, '20'), ['bundledTooOld info rush publish --publish (if it runs npm publish)']],
    ['rush.json that is not JSON: the same', { ...rushRepo(undefined, '20'), 'rush.json': '{ "npmVersion": ' }, ['bundledTooOld info rush publish --publish (if it runs npm publish)']],
    ['`rush publish --publish` alone: a guess (warning)', rushRepo('"npmVersion": "6.14.15"', '24', 'rush publish --publish'), ['ownNpmTooOld warning rush publish --publish (runs npm publish)']],
    ['`rush publish -a -p`: certain (error)', rushRepo('"npmVersion": "6.14.15"', '24', 'rush publish -a -p -b main'), ['ownNpmTooOld error rush publish --publish (runs npm publish)']],
    ['`--pack` packs tarballs instead', rushRepo('"npmVersion": "6.14.15"', '24', 'rush publish -p --include-all --pack'), []],
  ])('rush publish: %s', async (_name, files, want) => {
    const got = await lintFiles(files, { rule: RULE });
    expect(got.map((d) => `${d.messageId} ${d.severity} ${d.data.command}`)).toEqual(want);
  });

  // beachball and napi-rs run `npm publish` themselves; their configuration (beachball's `publish` and
  // `registry`, napi's `npmClient`) is not read, so the finding is a guess: a warning at most.
  it.each([
    ['npx beachball publish -y', 'beachball publish (runs npm publish)'],
    ['yarn beachball canary', 'beachball canary (runs npm publish)'],
    ['npx napi prepublish -t npm --skip-gh-release', 'napi prepublish (runs npm publish)'],
    ['npx @napi-rs/cli pre-publish -t npm', 'napi pre-publish (runs npm publish)'],
  ])('%s on Node 20 (npm 10.8.2): the finding of `npm publish`, as a warning', async (run, command) => {
    const got = await lintFiles(repo(workflow(node('20'), `      - run: ${run}\n`)), { rule: RULE });
    expect(got.map((d) => [d.messageId, d.severity, d.data.command, d.data.npm, d.data.required])).toEqual([['bundledTooOld', 'warning', command, '10.8.2', '11.5.1']]);
  });

  it.each(['npx beachball publish --no-publish', 'npx beachball bump', 'npx napi prepublish -t npm --dry-run', 'npx napi build --release'])('%s publishes nothing: silent', async (run) => {
    expect(await lintFiles(repo(workflow(node('20'), `      - run: ${run}\n`)), { rule: RULE })).toEqual([]);
  });
});

const CIRCLE_OIDC = `circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}'`;
/** The documented publishing step: the export on line 8 + offset, `<cmd>` on the line after it. */
const circlePublish = (cmd = 'npm publish'): string => `- run: |\n          export NPM_ID_TOKEN=$(${CIRCLE_OIDC})\n          ${cmd}`;
const ORB = 'version: 2.1\norbs:\n  node: circleci/node@7.1.0\n';
const NODE_ORB_4 = 'version: 2.1\norbs:\n  node: circleci/node@4.7\n';

/** A job on the node orb's `node/default` executor (line 6) whose publish is on line 11. */
const nodeOrbExecutor = (ref: string, executor = 'node/default'): string =>
  ['version: 2.1', 'orbs:', `  node: ${ref}`, 'jobs:', '  publish:', `    executor: ${executor}`, '    steps:', '      - checkout', `      ${circlePublish()}`, 'workflows:', '  release:', '    jobs: [publish]', ''].join('\n');


describe(`${RULE}: an npm spec the release table cannot resolve`, () => {
  // yarnpkg/yarn: `npx npm@4 publish`. The table lists nothing before 6.14.18, but every 4.x is below
  // 11.5.1: as certain as a resolved npm 6. A spec that could be new enough stays unknown; one the
  // table resolves (`>=4`: the newest) is judged as before.
  const specs: [spec: string, npm: string | 'unknown' | 'silent'][] = [
    ['4', '4'],
    ['4.x', '4.x'],
    ['^3.10.0', '"^3.10.0"'],
    ['<6', '"<6"'],
    ['5.6.0', '5.6.0'],
    ['4 || 5', '"4 || 5"'],
    ['>=4', 'silent'],
    ['4 || >=11', 'silent'],
    ['next-4', 'unknown'],
    ['13', 'unknown'],
  ];
  const summary = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.messageId} ${d.severity} ${String(d.data.npm ?? d.data.reason)}`);
  const expected = (npm: string): unknown[] =>
    npm === 'silent' ? [] : npm === 'unknown' ? [expect.stringMatching(/^unknownNpm\w* warning .*cannot (resolve|read)/)] : [`installedTooOld error ${npm}`];
  for (const [spec, npm] of specs) {
    it(`GitHub: npx npm@${spec} publish`, async () => {
      expect(summary(await lintFiles(repo(workflow(node('24'), `      - run: npx -y "npm@${spec}" publish\n`)), { rule: RULE }))).toEqual(expected(npm));
    });
    it(`GitHub: npm i -g npm@${spec} before npm publish`, async () => {
      expect(summary(await lintFiles(repo(workflow(node('20'), `      - run: npm i -g "npm@${spec}"\n      - run: npm publish\n`)), { rule: RULE }))).toEqual(expected(npm));
    });
    it(`GitLab: npx npm@${spec} publish`, async () => {
      expect(summary(await lintFiles(gitlabRepo(gitlabCi('node:24', [`npx "npm@${spec}" publish`])), { rule: RULE }))).toEqual(expected(npm));
    });
    it(`CircleCI: npx npm@${spec} publish`, async () => {
      expect(summary(await lintFiles(circleRepo(circleConfig([circlePublish(`npx "npm@${spec}" publish`)])), { rule: RULE }))).toEqual(expected(npm));
    });
  }
  it('the message names the spec as written and what pins it', async () => {
    const [d] = await lintFiles(circleRepo(circleConfig([circlePublish('npx npm@4 publish --access public')])), { rule: RULE });
    expect(d?.message).toBe('`npm publish` runs with npm 4, pinned in "npx npm@4 publish --access public"; trusted publishing needs npm 11.11.0 or later');
  });
  it('dist-tag: npx npm@4 dist-tag is below every npm that uses OIDC for dist-tag', async () => {
    const got = await lintFiles(distTagFiles(distTagWorkflow('24', 'npx npm@4 dist-tag add w@1.2.3 next')), { rule: RULE });
    expect(got.map((d) => [d.messageId, d.data.npm])).toEqual([['distTagTooOld', '4']]);
  });
});

/** A package with a `release` script that publishes. */
const SCRIPTED_CIRCLE_PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget', scripts: { release: 'npm publish' } });

const circleCases: RuleCase[] = [
  {
    name: 'an upgrade earlier on the line of a publish through a package.json script counts',
    files: circleRepo(circleConfig([circlePublish('npm i -g npm@^11.11.0 && npm run release')], 'node:22.14'), undefined, { 'package.json': SCRIPTED_CIRCLE_PKG }),
    want: [],
  },
  {
    name: 'without that upgrade, the same publish through a script runs npm 10',
    files: circleRepo(circleConfig([circlePublish('npm run release')], 'node:22.14'), undefined, { 'package.json': SCRIPTED_CIRCLE_PKG }),
    want: ['bundledTooOld@10:11-10:26'],
  },
  { name: 'cimg/node:24.15 ships npm 11.12.1: silent', files: circleRepo(circleConfig([circlePublish()])), want: [] },
  { name: 'node:26 ships npm 11.11 or later: silent', files: circleRepo(circleConfig([circlePublish()], 'node:26')), want: [] },
  {
    name: 'cimg/node:22.14 ships npm 10',
    files: circleRepo(circleConfig([circlePublish()], 'cimg/node:22.14')),
    want: ['bundledTooOld@10:11-10:22'],
    data: { npm: '10.9.2', required: '11.11.0', setNode: 'use the image `cimg/node:24.14.1`' },
    related: ['Node version: image "cimg/node:22.14"'],
  },
  {
    name: 'cimg/node:24.10 ships npm 11.6.1, which predates CircleCI support (11.5.1 would do on GitHub)',
    files: circleRepo(circleConfig([circlePublish()], 'cimg/node:24.10')),
    want: ['bundledTooOld@10:11-10:22'],
    data: { npm: '11.6.1', required: '11.11.0' },
  },
  {
    name: "Docker's node:22 image: the fix names node:24",
    files: circleRepo(circleConfig([circlePublish()], 'node:22')),
    want: ['bundledTooOld@10:11-10:22'],
    data: { setNode: 'use the image `node:24`' },
  },
  {
    name: 'an upgrade with sudo to npm 11 on cimg/node:24.10: silent',
    files: circleRepo(circleConfig(['- run: sudo npm install -g npm@11', circlePublish()], 'cimg/node:24.10')),
    want: [],
  },
  {
    name: 'an upgrade to an npm before 11.11.0',
    files: circleRepo(circleConfig(['- run: npm install -g npm@11.6.0', circlePublish()], 'node:22')),
    want: ['installedTooOld@11:11-11:22'],
    data: { npm: '11.6.0', how: 'installed by', upgrade: 'npm install -g npm@11.6.0' },
  },
  {
    name: 'an upgrade without sudo to a good npm: silent here (npm-upgrade-compatible warns about sudo)',
    files: circleRepo(circleConfig(['- run: npm install -g npm@11', circlePublish()], 'cimg/node:24.10')),
    want: [],
  },
  {
    name: 'an upgrade without sudo to a too old npm is still judged',
    files: circleRepo(circleConfig(['- run: npm install -g npm@11.6.0', circlePublish()], 'cimg/node:22.22')),
    want: ['installedTooOld@11:11-11:22'],
    data: { npm: '11.6.0' },
  },
  {
    name: 'npx npm@11.6.0 publish pins an npm too old for CircleCI',
    files: circleRepo(circleConfig([circlePublish('npx npm@11.6.0 publish')])),
    want: ['installedTooOld@10:11-10:33'],
    data: { how: 'pinned in' },
  },
  {
    name: 'npm stage publish needs 11.15.0 even on CircleCI',
    files: circleRepo(circleConfig([circlePublish('npm stage publish')])),
    want: ['bundledTooOld@10:11-10:28'],
    data: { required: '11.15.0', npm: '11.12.1' },
  },
  {
    name: 'not a Node image: warning with the sudo upgrade in the fix',
    files: circleRepo(circleConfig([circlePublish()], 'cimg/base:current')),
    want: ['unknownNpmCircleci@10:11-10:22'],
    data: { upgrade: 'sudo npm install -g npm@^11.11.0', minNode: '24.14.1' },
  },
  {
    // adierkens/webpack-inject-plugin: CircleCI froze its legacy `circleci/` images on 2021-12-31.
    name: 'a legacy circleci/node:latest-browsers image is frozen, not the newest Node: warning saying so',
    files: circleRepo(circleConfig([circlePublish()], 'circleci/node:latest-browsers')),
    want: ['unknownNpmCircleci@10:11-10:22'],
    data: { reason: expect.stringContaining("one of CircleCI's legacy `circleci/` images, which have not changed since 2021-12-31: its `latest` tag holds a Node released by then") },
  },
  {
    name: 'control: the next-generation cimg/node:current follows the newest release: silent',
    files: circleRepo(circleConfig([circlePublish()], 'cimg/node:current')),
    want: [],
  },
  {
    name: 'a legacy circleci/node:lts image likewise',
    files: circleRepo(circleConfig([circlePublish()], 'circleci/node:lts')),
    want: ['unknownNpmCircleci@10:11-10:22'],
  },
  {
    name: 'a Docker Hub mirror of node:22 on CircleCI is node:22: npm 10, too old',
    files: circleRepo(circleConfig([circlePublish()], 'mirror.gcr.io/library/node:22')),
    want: ['bundledTooOld@10:11-10:22'],
  },
  {
    name: 'control: node:22 on a registry tp-doctor does not know is no Node image on CircleCI either: a warning',
    files: circleRepo(circleConfig([circlePublish()], 'registry.example.com/node:22')),
    want: ['unknownNpmCircleci@10:11-10:22'],
  },
  {
    name: 'a numbered legacy tag keeps its number: Node 14.17, npm 6, too old',
    files: circleRepo(circleConfig([circlePublish()], 'circleci/node:14.17')),
    want: ['bundledTooOld@10:11-10:22'],
  },
  {
    name: 'node/install with a literal node-version decides the Node',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: "22.14"', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', ORB)),
    want: ['bundledTooOld@14:11-14:22'],
    data: { npm: '10.9.2', setNode: 'set `node-version: "24.14.1"` on the `node/install` step' },
  },
  {
    name: 'node/install without node-version reads .nvmrc',
    files: circleRepo(circleConfig(['- node/install', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', ORB), undefined, { '.nvmrc': '22.14.0\n' }),
    want: ['bundledTooOld@13:11-13:22'],
    data: { npm: '10.9.2', setNode: 'set `.nvmrc` to 24.14.1' },
    related: ['Node version: .nvmrc (read by node/install)', 'Node version: node/install'],
  },
  {
    // survey500c M5 (probe c40): node-orb 6.x and 7.x `install-nvm.sh` read `.node-version` when there is no `.nvmrc`.
    name: 'node/install of the node orb 7.x without node-version or .nvmrc reads .node-version',
    files: circleRepo(circleConfig(['- node/install', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', ORB), undefined, { '.node-version': '20\n' }),
    want: ['bundledTooOld@13:11-13:22'],
    data: { npm: '10.8.2', setNode: 'set `.node-version` to 24.14.1' },
    related: ['Node version: .node-version (read by node/install)', 'Node version: node/install'],
  },
  {
    name: 'control: .nvmrc comes before .node-version',
    files: circleRepo(circleConfig(['- node/install', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', ORB), undefined, { '.nvmrc': '24.15\n', '.node-version': '20\n' }),
    want: [],
  },
  {
    name: 'control: the node orb 5.x reads .nvmrc only, so a .node-version alone leaves the LTS: silent',
    files: circleRepo(circleConfig(['- node/install', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', ORB.replace('@7.1.0', '@5.3.0')), undefined, { '.node-version': '20\n' }),
    want: [],
  },
  {
    name: 'node/install `node-version: lts` of the node orb 7.x reads .nvmrc first',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: lts', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', ORB), undefined, { '.nvmrc': '22.14.0\n' }),
    want: ['bundledTooOld@14:11-14:22'],
  },
  {
    name: 'control: node orb 5.0.0 passes `lts` to nvm as it is, no Node version tp-doctor knows: unknown as before, a warning',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: lts', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', ORB.replace('@7.1.0', '@5.0.0')), undefined, { '.nvmrc': '22.14.0\n' }),
    want: ['unknownNpmCircleci@14:11-14:22'],
    data: { reason: '"lts" is not a Node version' },
  },
  {
    name: 'node/install of the node orb 4.x without node-version installs the newest Node, not .nvmrc: unknown, a warning',
    files: circleRepo(circleConfig(['- node/install:\n          install-npm: false', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', NODE_ORB_4), undefined, { '.nvmrc': '22.14.0\n' }),
    want: ['unknownNpmCircleci@14:11-14:22'],
    data: { reason: 'its `node/install` step has no `node-version`, so "circleci/node@4.7" installs the newest Node release when the job runs' },
  },
  {
    name: 'node/install of the node orb 4.x with `lts: true` installs the LTS whatever node-version says: silent',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: "20"\n          lts: true\n          install-npm: false', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', NODE_ORB_4)),
    want: [],
  },
  {
    name: 'control: the same with `lts: false` installs Node 20',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: "20"\n          lts: false\n          install-npm: false', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', NODE_ORB_4)),
    want: ['bundledTooOld@16:11-16:22'],
  },
  {
    name: 'node/install without node-version of a node orb whose version tp-doctor cannot tell: unknown, a warning',
    files: circleRepo(circleConfig(['- node/install', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', ORB.replace('@7.1.0', '@volatile')), undefined, { '.node-version': '20\n' }),
    want: ['unknownNpmCircleci@13:11-13:22'],
  },
  {
    name: 'node/install without node-version or .nvmrc installs the LTS: silent',
    files: circleRepo(circleConfig(['- node/install', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', ORB)),
    want: [],
  },
  {
    name: 'a node/install node-version from a pipeline parameter without a default is unknown',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: << pipeline.parameters.node >>', circlePublish()], 'cimg/node:24.15').replace('version: 2.1\n', `${ORB}parameters:\n  node:\n    type: string\n`)),
    want: ['unknownNpmCircleci@17:11-17:22'],
  },
  {
    name: "a node/install node-version from a pipeline parameter's default is read (Node 24: silent)",
    files: circleRepo(circleConfig(['- node/install:\n          node-version: << pipeline.parameters.node >>', circlePublish()], 'cimg/node:24.15').replace('version: 2.1\n', `${ORB}parameters:\n  node:\n    type: string\n    default: "24"\n`)),
    want: [],
  },
  {
    name: "a node/install node-version from a job parameter's default is read",
    files: circleRepo(
      circleConfig(['- node/install:\n          node-version: << parameters.node >>', circlePublish()], 'cimg/base:current', ['parameters:', '  node: { type: string, default: "22.14" }']).replace('version: 2.1\n', ORB),
    ),
    want: ['bundledTooOld@14:11-14:22'],
    data: { npm: '10.9.2', setNode: 'set `node-version: "24.14.1"` on the `node/install` step' },
  },
  {
    // survey500c F1 (probe c5): the node orb 1.x-4.x `install-npm` runs `sudo npm install -g "npm@$VERSION"`.
    name: 'node/install-npm of the node orb 4.x upgrades npm: 11.12.0 on cimg/node:22.23 is enough, silent',
    files: circleRepo(circleConfig(["- node/install-npm:\n          version: '11.12.0'", circlePublish()], 'cimg/node:22.23').replace('version: 2.1\n', NODE_ORB_4)),
    want: [],
  },
  {
    name: 'node/install-npm of the node orb 4.x to npm 10: installed by it, too old',
    files: circleRepo(circleConfig(["- node/install-npm:\n          version: '10.9.4'", circlePublish()], 'cimg/node:22.23').replace('version: 2.1\n', NODE_ORB_4)),
    want: ['installedTooOld@14:11-14:22'],
    data: { npm: '10.9.4', upgrade: 'node/install-npm (sudo npm install -g npm@10.9.4)' },
    related: ['Node version: image "cimg/node:22.23"', 'npm installed here: "node/install-npm (sudo npm install -g npm@10.9.4)"'],
  },
  {
    // survey500c F1 (probe c4): `install-npm: true`, `npm-version: latest` by default.
    name: 'node/install of the node orb 4.x with its defaults upgrades npm to latest: silent',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: "22.23.0"', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', NODE_ORB_4)),
    want: [],
  },
  {
    name: 'control: node/install of the node orb 4.x with install-npm: false keeps the bundled npm',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: "22.23.0"\n          install-npm: false', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', NODE_ORB_4)),
    want: ['bundledTooOld@15:11-15:22'],
  },
  {
    // survey500c F1 (probe c4v7): from 5.0.0 `node/install` upgrades no npm.
    name: 'control: node/install of the node orb 7.x upgrades no npm: the bundled npm 10, an error',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: "22.23.0"', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', ORB)),
    want: ['bundledTooOld@14:11-14:22'],
  },
  {
    name: 'control: node/install of the node orb 5.0 likewise',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: "22.23.0"', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', ORB.replace('@7.1.0', '@5.0'))),
    want: ['bundledTooOld@14:11-14:22'],
  },
  {
    name: 'node/install-npm of a node orb whose version tp-doctor cannot tell: the npm is unknown, a warning',
    files: circleRepo(circleConfig(["- node/install-npm:\n          version: '10.9.4'", circlePublish()], 'cimg/node:22.23').replace('version: 2.1\n', ORB.replace('@7.1.0', '@volatile'))),
    want: ['unknownNpmCircleci@14:11-14:22'],
    data: { reason: expect.stringContaining('`node/install-npm` upgrades npm in versions 1.x to 4.x of circleci/node (to `latest` by default), and tp-doctor cannot tell which version "circleci/node@volatile" is') },
  },
  {
    name: 'node/install-npm with a version tp-doctor cannot resolve: the npm is unknown, a warning',
    files: circleRepo(circleConfig(['- node/install-npm:\n          version: << pipeline.parameters.npm >>', circlePublish()], 'cimg/node:22.23').replace('version: 2.1\n', `${NODE_ORB_4}parameters:\n  npm:\n    type: string\n`)),
    want: ['unknownNpmCircleci@17:11-17:22'],
  },
  {
    name: 'a later run step that installs npm wins over the orb\'s upgrade',
    files: circleRepo(circleConfig(['- node/install-npm', '- run: sudo npm install -g npm@10.9.4', circlePublish()], 'cimg/node:22.23').replace('version: 2.1\n', NODE_ORB_4)),
    want: ['installedTooOld@14:11-14:22'],
    data: { upgrade: 'sudo npm install -g npm@10.9.4' },
  },
  {
    name: 'no CircleCI publisher (a GitHub one is declared): silent',
    files: circleRepo(circleConfig([circlePublish()], 'cimg/node:22.14'), publisherConfig({})),
    want: [],
  },
];

describe(`${RULE} (CircleCI)`, () => {

  it('names CircleCI in the explanation', async () => {
    const [d] = await lintFiles(circleRepo(circleConfig([circlePublish()], 'cimg/node:24.10')), { rule: RULE });
    expect(d?.message).toContain('trusted publishing needs npm 11.11.0 or later');
    expect(d?.why).toMatch(/CircleCI/);
  });
});

describe(`${RULE}: rule tester`, () => {
  ruleTester.run(RULE, {
    ...fromRuleCases([...cases, ...gitlabCases, ...gitlabInputCases, ...circleCases]),
    valid: [
      ...fromRuleCases([...cases, ...gitlabCases, ...gitlabInputCases, ...circleCases]).valid,
      ...calledNodeCases().valid,
      ...undecidedLegCases().valid,
      { name: 'CircleCI: node/default of the node orb 7.x runs cimg/node:lts: enough', files: circleRepo(nodeOrbExecutor('circleci/node@7.1.0')) },
      { name: 'CircleCI: node/default with a tag argument that is enough', files: circleRepo(nodeOrbExecutor('circleci/node@4.7', '{ name: node/default, tag: "24.15" }')) },
      { name: 'dist-tag: npm 11.21 uses OIDC for dist-tag', files: distTagFiles(distTagWorkflow('24', 'npm i -g npm@11.21.0 && npm dist-tag add w@1.2.3 next')) },
      { name: 'dist-tag: npm 12.2 uses OIDC for dist-tag', files: distTagFiles(distTagWorkflow('24', 'npx npm@12.2.0 dist-tag add w@1.2.3 next')) },
      {
        name: 'dist-tag: a token for the step is out of scope',
        files: distTagFiles(distTagWorkflow('20', 'npm dist-tag add w@1.2.3 next', '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n')),
      },
      { name: 'dist-tag: `dist-tag ls` is out of scope', files: distTagFiles(distTagWorkflow('20', 'npm dist-tag ls w')) },
      {
        // faker-js/faker: a token an earlier step writes into the npm configuration reaches the step.
        name: 'dist-tag: a token written into the npm configuration by an earlier step is out of scope',
        files: distTagFiles(
          distTagWorkflow('20', 'npm dist-tag add w@1.2.3 next').replace(
            '      - run: npm dist-tag',
            `      - run: npm config set '//registry.npmjs.org/:_authToken' "\${NPM_AUTH_TOKEN}"\n        env:\n          NPM_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n      - run: npm dist-tag`,
          ),
        ),
      },
      { name: 'dist-tag: pnpm 11 no longer hands dist-tag to npm: not judged', files: pnpmDistTag('pnpm@11.1.0') },
      {
        name: 'dist-tag: a token variable the script itself sets before writing it: out of scope',
        files: distTagFiles(
          distTagWorkflow('20', 'npm dist-tag add w@1.2.3 next').replace(
            '      - run: npm dist-tag',
            '      - run: |\n          export NPM_TOKEN="${{ secrets.NPM_TOKEN }}"\n          npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"\n      - run: npm dist-tag',
          ),
        ),
      },
      {
        name: 'dist-tag: a literal token written by an earlier step is out of scope',
        files: distTagFiles(
          distTagWorkflow('20', 'npm dist-tag add w@1.2.3 next').replace('      - run: npm dist-tag', '      - run: echo "//registry.npmjs.org/:_authToken=${{ secrets.NPM_TOKEN }}" > ~/.npmrc\n      - run: npm dist-tag'),
        ),
      },
      { name: 'dist-tag: a pnpm of unknown version is not judged', files: pnpmDistTag(undefined) },
      {
        name: 'dist-tag: a job without id-token is out of scope',
        files: distTagFiles(distTagWorkflow('20', 'npm dist-tag add w@1.2.3 next').replace('      id-token: write\n', '      contents: read\n')),
      },
    ],
    invalid: [
      ...fromRuleCases([...cases, ...gitlabCases, ...gitlabInputCases, ...circleCases]).invalid,
      // registry-commands.ts (registry-commands.test.ts has the controls): registry writes that never use OIDC, and `npm trust`.
      { name: 'npm deprecate after a trusted publish, no token', files: distTagFiles(distTagWorkflow('24', 'npm publish && npm deprecate w@1.0.0 old')), errors: [{ messageId: 'noOidcCommand', at: '12:29-12:54', severity: 'error' }] },
      { name: 'npm owner add with a token-like variable an unread .npmrc may use', files: distTagFiles(distTagWorkflow('24', 'npm publish && npm owner add x w', '        env:\n          MY_REGISTRY_AUTH: ${{ secrets.X }}\n')), errors: [{ messageId: 'noOidcCommandUnsure', at: '12:29-12:46', severity: 'warning' }] },
      { name: 'npm access set allowed to fail', files: distTagFiles(distTagWorkflow('24', 'npm publish && npm access set status=public w || true')), errors: [{ messageId: 'noOidcCommandTolerated', at: '12:29-12:59', severity: 'info' }] },
      { name: 'npm trust github in CI', files: distTagFiles(distTagWorkflow('24', 'npm trust github w --file tag.yml --repository o/r --yes')), errors: [{ messageId: 'trustInCi', at: '12:14-12:70', severity: 'warning' }] },
      {
        name: "CircleCI: an image from a pipeline parameter's default is read; a trigger may pass another, so a warning",
        files: circleRepo(circleConfig([circlePublish()], 'cimg/node:<< pipeline.parameters.node >>').replace('version: 2.1\n', 'version: 2.1\nparameters:\n  node: { type: string, default: "22.14" }\n')),
        errors: [
          {
            messageId: 'bundledTooOld',
            at: '12:11-12:22',
            severity: 'warning',
            data: { npm: '10.9.2', required: '11.11.0' },
            related: ['Node version: image "cimg/node:<< pipeline.parameters.node >>"', 'Node version: pipeline.parameters.node = "22.14" (pipeline default)'],
          },
        ],
      },
      {
        name: 'CircleCI: an orb job that may publish runs an npm tp-doctor cannot see: info',
        files: circleRepo(['version: 2.1', 'orbs:', '  auto: acme/auto-release@1.2.0', 'jobs: {}', 'workflows:', '  main:', '    jobs:', '      - auto/publish: { context: npm-deploy }', ''].join('\n')),
        errors: [
          {
            messageId: 'unknownNpmCircleci',
            at: '8:9-8:21',
            severity: 'info',
            data: { command: '"auto/publish" (if it runs npm publish)', reason: 'the job is defined in the orb "acme/auto-release@1.2.0", which tp-doctor does not fetch' },
          },
        ],
      },
      ...calledRegistryCases(),
      ...calledNodeCases().invalid,
      ...undecidedLegCases().invalid,
      {
        name: 'CircleCI: the circleci/node orb executor node/default runs cimg/node:13.11 in orb 4.x (its default tag): npm 6, an error',
        files: circleRepo(nodeOrbExecutor('circleci/node@4.7')),
        errors: [
          {
            messageId: 'bundledTooOld',
            at: '11:11-11:22',
            severity: 'error',
            data: { npm: '6.9.0–6.14.18', setNode: 'pass `tag: "24.14.1"` to the executor `node/default`' },
            related: ['Node version: image "cimg/node:<< parameters.tag >>" of the orb executor "node/default"', 'Node version: parameters.tag = "13.11" (default of circleci/node@4.7)'],
          },
        ],
      },
      {
        name: 'CircleCI: node/default of an orb version tp-doctor cannot tell: the default tag is unknown, a warning',
        files: circleRepo(nodeOrbExecutor('circleci/node@volatile')),
        errors: [{ messageId: 'unknownNpmCircleci', at: '11:11-11:22', severity: 'warning', data: { reason: expect.stringContaining('whose default `tag` depends on the version of "circleci/node@volatile"') } }],
      },
      {
        name: 'CircleCI: a command that is a pipeline parameter (the trigger chooses it) in a release job with an npm context: a possible publish, info',
        files: circleRepo(CIRCLE_TRIGGER_COMMAND),
        errors: [{ messageId: 'bundledTooOld', at: '11:14-11:55', severity: 'info', data: { command: '"<< pipeline.parameters.release_command >>" (if it runs npm publish)', npm: '10.9.0' } }],
      },
      {
        name: "CircleCI: a node/install node-version from a pipeline parameter's default: a warning",
        files: circleRepo(
          circleConfig(['- node/install:\n          node-version: << pipeline.parameters.node >>', circlePublish()], 'cimg/base:current').replace('version: 2.1\n', `${ORB}parameters:\n  node: { type: string, default: "22.14" }\n`),
        ),
        errors: [{ messageId: 'bundledTooOld', at: '16:11-16:22', severity: 'warning', data: { npm: '10.9.2' } }],
      },
      {
        name: "CircleCI: an npm upgrade from a pipeline parameter's default: a warning",
        files: circleRepo(
          circleConfig(['- run: sudo npm install -g npm@<< pipeline.parameters.npm >>', circlePublish()], 'cimg/node:24.10').replace('version: 2.1\n', 'version: 2.1\nparameters:\n  npm: { type: string, default: "11.6.0" }\n'),
        ),
        errors: [{ messageId: 'installedTooOld', at: '13:11-13:22', severity: 'warning', data: { npm: '11.6.0', upgrade: 'sudo npm install -g npm@11.6.0' } }],
      },
      {
        name: 'dist-tag: an npm without OIDC for dist-tag and no token: distTagTooOld',
        files: distTagFiles(distTagWorkflow('22.15.0', 'npm dist-tag add w@1.2.3 next')),
        errors: [{ messageId: 'distTagTooOld', at: '12:14-12:43', severity: 'error', data: { npm: '10.9.2', v11: '11.21.0', v12: '12.2.0' } }],
      },
      {
        name: 'dist-tag: an npm 12.1 (after npm 11.21, before 12.2) does not either',
        files: distTagFiles(distTagWorkflow('24', 'npm i -g npm@12.1.0 && npm dist-tag add w@1.2.3 next')),
        errors: [{ messageId: 'distTagTooOld', at: '12:37-12:66' }],
      },
      {
        // Review of 2026-12-04: `"$NPM_TOKEN"` with no `NPM_TOKEN` in any `env:` writes an empty token.
        name: 'dist-tag: an earlier step writes a token from a variable nothing sets: still distTagTooOld',
        files: distTagFiles(
          distTagWorkflow('22.15.0', 'npm dist-tag add w@1.2.3 next').replace('      - run: npm dist-tag', `      - run: npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"\n      - run: npm dist-tag`),
        ),
        errors: [{ messageId: 'distTagTooOld', at: '13:14-13:43', severity: 'error' }],
      },
      {
        // faker-js/faker: pnpm 9 passes `dist-tag` to the npm on PATH (Node 22.15.0: npm 10.9.2).
        name: 'dist-tag: `pnpm dist-tag add` with pnpm 9 runs npm dist-tag: distTagTooOld',
        files: pnpmDistTag('pnpm@9.12.2'),
        errors: [
          {
            messageId: 'distTagTooOld',
            at: '12:14-12:44',
            severity: 'error',
            message: expect.stringContaining('`pnpm dist-tag add (pnpm 9 runs npm dist-tag)` runs with npm 10.9.2'),
          },
        ],
      },
      {
        name: 'dist-tag: a bundled npm the table only knows as a range around 11.21: distTagUnknown, a warning',
        files: distTagFiles(distTagWorkflow('24.22.0', 'npm dist-tag add w@1.2.3 next')),
        errors: [{ messageId: 'distTagUnknown', at: '12:14-12:43', severity: 'warning' }],
      },
      {
        name: 'an npm upgrade under an `if:` the publish step does not share (survey700c D2): upgradeMayNotRun, a warning',
        files: repo(workflow('          node-version: 20\n', "      - run: npm i -g npm@11.6.0\n        if: startsWith(github.ref, 'refs/tags/v1')\n      - run: npm publish\n")),
        errors: [{ messageId: 'upgradeMayNotRun', at: '16:14-16:25', severity: 'warning' }],
        },
        {
        // survey800b D1 (sebamarynissen/sc4): the dist-tag step may fail, the job and its publish still succeed.
        name: 'dist-tag: `continue-on-error: true` on the step: distTagTooOldTolerated, an info that says the step is allowed to fail',
        files: distTagFiles(distTagWorkflow('22.15.0', 'npm dist-tag add w@1.2.3 next', '        continue-on-error: true\n')),
        errors: [
          {
            messageId: 'distTagTooOldTolerated',
            at: '12:14-12:43',
            severity: 'info',
            data: { npm: '10.9.2', tolerance: '`continue-on-error: true` on the step' },
            message: expect.stringContaining('the step is allowed to fail'),
          },
        ],
      },
      {
        name: 'dist-tag: `continue-on-error: true` with an npm the table knows only as a range: distTagUnknownTolerated, an info',
        files: distTagFiles(distTagWorkflow('24.22.0', 'npm dist-tag add w@1.2.3 next', '        continue-on-error: true\n')),
        errors: [{ messageId: 'distTagUnknownTolerated', at: '12:14-12:43', severity: 'info', data: { tolerance: '`continue-on-error: true` on the step' } }],
      },
      {
        name: 'dist-tag: `|| true` after the command: tolerated too, an info',
        files: distTagFiles(distTagWorkflow('22.15.0', 'npm dist-tag add w@1.2.3 next || true')),
        errors: [{ messageId: 'distTagTooOldTolerated', at: '12:14-12:43', severity: 'info', data: { tolerance: 'the `||` after the command' } }],
      },
      {
        name: 'dist-tag: control: `continue-on-error` from an expression keeps distTagTooOld, an error',
        files: distTagFiles(distTagWorkflow('22.15.0', 'npm dist-tag add w@1.2.3 next', "        continue-on-error: ${{ matrix.experimental }}\n")),
        errors: [{ messageId: 'distTagTooOld', at: '12:14-12:43', severity: 'error' }],
      },
      {
        name: 'dist-tag: control: `continue-on-error: false` and `|| exit 1` keep distTagUnknown, a warning',
        files: distTagFiles(distTagWorkflow('24.22.0', 'npm dist-tag add w@1.2.3 next || exit 1', '        continue-on-error: false\n')),
        errors: [{ messageId: 'distTagUnknown', at: '12:14-12:43', severity: 'warning' }],
      },
    ],
  });
});

describe('npm-supports-oidc: ioBroker/testing-action-deploy, which sets up the Node of its `node-version` input', () => {
  const deploy = (node: string, extra = ''): string =>
    `on:\n  push:\n    tags: ['v*']\njobs:\n  release:\n    runs-on: ubuntu-latest\n    environment: npm\n    permissions:\n      contents: write\n      id-token: write\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n      - uses: ioBroker/testing-action-deploy@v1\n        with:\n          node-version: '${node}'\n${extra}`;
  it('judges the npm of the action\'s Node, not of the job\'s earlier setup-node, and suggests no upgrade step before it', async () => {
    const found = await lintFiles(repo(deploy('20.x', '          npm-token: ${{ secrets.NPM_TOKEN }}\n')), { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.line}`)).toEqual(['bundledTooOld@error 15']);
    expect(found[0]?.message).toContain('bundled with Node 20.20.2 ("20.x") (ioBroker/testing-action-deploy `node-version: 20.x`)');
    expect((found[0]?.suggestions ?? []).map((s) => s.description).filter((d) => d.includes('npm install -g'))).toEqual([]);
  });
  it('without a token the action upgrades npm first: judged by npm-upgrade-compatible (Node 20), fine on Node 24', async () => {
    expect(await lintFiles(repo(deploy('20.x')), { rule: 'npm-supports-oidc' })).toEqual([]);
    expect(await lintFiles(repo(deploy('24.x')), { rule: 'npm-supports-oidc' })).toEqual([]);
  });
});

describe('npm-supports-oidc: mikeal/merge-release, a Docker action that publishes in its own node:18-slim image (mikeal/bent)', () => {
  const job = (uses: string, env = ''): string =>
    `on:\n  push:\n    branches: [main]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    environment: npm\n    permissions:\n      contents: write\n      id-token: write\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n      - run: npm install -g npm@11.18.0\n      - uses: ${uses}\n${env}`;
  it('judges the image\'s Node 18 and npm 10, not the job\'s Node 24 and upgrade: an error with no fix and no upgrade step', async () => {
    const found = await lintFiles(repo(job('mikeal/merge-release@master')), { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.line}`)).toEqual(['bundledTooOld@error 16']);
    expect(found[0]?.message).toContain('runs with npm 10.8.2, bundled with Node 18.20.8 ("18") (the image "node:18-slim" that `mikeal/merge-release` runs in)');
    expect(found[0]?.fix).toBe('Use Node 24.5 or later: the image "node:18-slim" that `mikeal/merge-release` runs in cannot be changed from the workflow: publish in a `run:` step on Node 24 instead');
    expect(found[0]?.autofix ?? undefined).toBeUndefined();
    expect(found[0]?.suggestions ?? []).toEqual([]);
  });
  it('with its NPM_AUTH_TOKEN and no publisher declared, a warning naming the token', async () => {
    const files = repo(job('mikeal/merge-release@master', '        env:\n          NPM_AUTH_TOKEN: ${{ secrets.NPM_AUTH_TOKEN }}\n'));
    delete files['tp-doctor.yml'];
    const found = await lintFiles(files, { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@warning']);
    expect(found[0]?.why).toContain('NPM_AUTH_TOKEN');
  });
  it('control: a `run: npm publish` after the same steps has the job\'s npm 11.18.0', async () => {
    expect(await lintFiles(repo(job('actions/checkout@v5\n      - run: npm publish')), { rule: RULE })).toEqual([]);
  });
});

describe('npm-supports-oidc: an npm upgrade inside the committed script that publishes (pyodide/pyodide)', () => {
  const files = (body: string, run = './tools/deploy.sh'): Record<string, string> => ({
    ...repo(workflow('          node-version: 22\n', `      - run: ${run}\n`)),
    'tools/deploy.sh': `#!/usr/bin/env bash\nset -e\n# Trusted publishing requires npm >= 11.5.1.\n${body}\n`,
  });
  it('counts for the publish after it in the script', async () => {
    expect(await lintFiles(files('npm install -g npm@11.18.0\nnpm publish'), { rule: 'npm-supports-oidc' })).toEqual([]);
  });
  it('control: after the publish, or only in another script, it does not', async () => {
    const after = await lintFiles(files('npm publish\nnpm install -g npm@11.18.0'), { rule: 'npm-supports-oidc' });
    expect(after.map((d) => d.messageId)).toEqual(['bundledTooOld']);
  });
  it('GitLab and CircleCI read it too', async () => {
    const gitlab = { 'package.json': GITLAB_PKG, '.gitlab-ci.yml': 'release:\n  image: node:22\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - ./tools/deploy.sh\n', 'tools/deploy.sh': 'set -e\nnpm install -g npm@11.18.0\nnpm publish\n' };
    expect(await lintFiles(gitlab, { rule: 'npm-supports-oidc' })).toEqual([]);
    const circle = { ...circleRepo(circleConfig(['- run: ./tools/deploy.sh'], 'cimg/node:22.14')), 'tools/deploy.sh': 'set -e\nsudo npm install -g npm@11.18.0\nnpm publish\n' };
    expect(await lintFiles(circle, { rule: 'npm-supports-oidc' })).toEqual([]);
    // Control: the same scripts without the upgrade.
    expect((await lintFiles({ ...gitlab, 'tools/deploy.sh': 'npm publish\n' }, { rule: 'npm-supports-oidc' })).length).toBe(1);
    expect((await lintFiles({ ...circle, 'tools/deploy.sh': 'npm publish\n' }, { rule: 'npm-supports-oidc' })).length).toBe(1);
  });
});

describe('npm-supports-oidc: volta-cli/action (keplergl/kepler.gl, mainmatter/ember-simple-auth)', () => {
  const kepler = (extra = ''): Record<string, string> =>
    repo(workflow('', `${VOLTA}${extra}      - run: npm publish --workspaces --access public\n`), { 'package.json': voltaPkg({ node: '20.19.3', yarn: '4.4.0' }) });
  it('Node 20 from `volta.node` is as certain as setup-node 20: an error, whose fix names an exact release and `volta pin`', async () => {
    const [d, ...rest] = await lintFiles(kepler(), { rule: RULE });
    expect(rest).toEqual([]);
    expect([d?.messageId, d?.severity]).toEqual(['bundledTooOld', 'error']);
    expect(d?.fix).toContain('`volta pin npm@^11.5.1`');
    expect(d?.autofix ?? undefined).toBeUndefined();
    expect((d?.suggestions ?? []).map((s) => s.description)).toEqual(['Set package.json `volta.node` to `24.23.0`']);
    // Control: setup-node 20 gives the same finding, with the npm upgrade step as its alternative.
    const [s] = await lintFiles(repo(workflow('          node-version: 20.19.3\n', '      - run: npm publish --workspaces --access public\n')), { rule: RULE });
    expect([s?.messageId, s?.severity, s?.data.npm]).toEqual(['bundledTooOld', 'error', d?.data.npm]);
    expect(s?.fix).toContain('`npm install -g npm@^11.5.1`');
  });
  it('with `node-version` given, the way out is `npm-version` when no package.json pins the project', async () => {
    const files = repo(workflow('', `${VOLTA}        with:\n          node-version: 20.19.3\n      - run: npm publish ./dist\n`));
    delete files['package.json'];
    const [d] = await lintFiles(files, { rule: RULE });
    expect(d?.fix).toContain('`npm-version: ^11.5.1` on `volta-cli/action`');
  });
  it('a package.json without `volta.node` (and no inputs): the runner Node, unknown, a warning', async () => {
    const files = repo(workflow('', `${VOLTA}      - run: npm publish\n`));
    const [d, ...rest] = await lintFiles(files, { rule: RULE });
    expect(rest).toEqual([]);
    expect([d?.messageId, d?.severity]).toEqual(['unknownNpm', 'warning']);
  });
});
