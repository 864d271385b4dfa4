import { describe, expect } from 'vitest';
import { GITHUB_PKG, GITLAB_PKG, publisherConfig, ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';

const RULE = 'no-cache-in-publish-job';

/**
 * A release workflow whose `publish` job checks out (line 10) and then runs `steps` (from line 11),
 * then `npm publish`, then `after`.
 */
const wf = (steps: string, after = ''): string => `on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v5
${steps}      - run: npm publish
${after}`;

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ ...JSON.parse(GITHUB_PKG), ...fields });

interface Case {
  name: string;
  steps?: string;
  after?: string;
  files?: Record<string, string>;
  pkg?: Record<string, unknown>;
  want: string[];
  severities?: ExpectedFinding['severity'][];
  data?: Record<string, string>;
}

const VP_CACHE = `name: setup
inputs:
  cache:
    default: 'false'
runs:
  using: composite
  steps:
    - uses: voidzero-dev/setup-vp@v1
      with:
        cache: \${{ inputs.cache == 'true' && 'true' || 'false' }}
`;

const CONDITIONAL_CACHE = `name: setup
inputs:
  use-cache: {}
runs:
  using: composite
  steps:
    - if: \${{ inputs.use-cache == 'true' }}
      uses: actions/setup-node@v4
      with:
        cache: pnpm
    - if: \${{ inputs.use-cache != 'true' }}
      uses: actions/setup-node@v4
`;

const cases: Case[] = [
  {
    name: 'actions/cache before the publish',
    steps: '      - uses: actions/cache@v4\n        with:\n          path: ~/.npm\n          key: npm\n',
    want: ['cacheAction@11:15-11:31'],
    severities: ['warning'],
    data: { job: 'publish', action: 'actions/cache', path: 'jobs.publish.steps[1]' },
  },
  {
    // typescript-eslint's prepare-build action: the build handed from job to job of one run.
    name: 'actions/cache keyed by `github.run_id` in `key` and every restore key: info',
    steps: '      - uses: actions/cache@v4\n        with:\n          path: dist\n          key: build-${{ github.run_id }}\n          restore-keys: |\n            build-${{ github.ref }}-${{ github.run_id }}\n',
    want: ['cacheActionThisRun@11:15-11:31'],
    severities: ['info'],
  },
  {
    name: 'a restore key without `github.run_id` restores other runs: a warning',
    steps: '      - uses: actions/cache@v4\n        with:\n          path: dist\n          key: build-${{ github.run_id }}\n          restore-keys: |\n            build-${{ github.run_id }}\n            build-\n',
    want: ['cacheAction@11:15-11:31'],
    severities: ['warning'],
  },
  {
    name: '`github.run_id` only in the path, or `github.run_number`: a warning',
    steps: '      - uses: actions/cache@v4\n        with:\n          path: dist-${{ github.run_id }}\n          key: build-${{ github.run_number }}\n',
    want: ['cacheAction@11:15-11:31'],
    severities: ['warning'],
  },
  {
    name: 'actions/cache/restore, SHA-pinned',
    steps: '      - uses: actions/cache/restore@0400d5f644dc74513175e3cd8d07132dd4860809 # v4.2.4\n        with:\n          path: x\n          key: k\n',
    want: ['cacheAction@11:15-11:77'],
    data: { action: 'actions/cache/restore' },
  },
  {
    name: 'actions/cache/save only saves: silent; a cache after the publish: silent',
    steps: '      - uses: actions/cache/save@v4\n        with:\n          path: x\n          key: k\n',
    after: '      - uses: actions/cache@v4\n        with:\n          path: x\n          key: k\n',
    want: [],
  },
  {
    name: 'setup-node `cache: npm`',
    steps: '      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n          cache: npm\n',
    want: ['cacheInput@14:18-14:21'],
    data: { action: 'actions/setup-node', value: 'npm', path: 'jobs.publish.steps[1]' },
  },
  {
    name: "setup-node v4 `cache: ''` (or `cache: false`) and no packageManager: silent",
    steps: "      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n          cache: ''\n      - uses: actions/setup-node@v4\n        with:\n          cache: false\n",
    want: [],
  },
  {
    name: 'pnpm/action-setup `cache: true`; `cache: false` is silent',
    steps: '      - uses: pnpm/action-setup@v5\n        with:\n          cache: true\n      - uses: pnpm/action-setup@v5\n        with:\n          cache: false\n',
    want: ['cacheInput@13:18-13:22'],
    data: { action: 'pnpm/action-setup', value: 'true' },
  },
  {
    // primer/octicons: the gems `bundle install` put there are restored in the publishing job.
    name: 'ruby/setup-ruby `bundler-cache: true`; `bundler-cache: false` and a bare `cache:` are silent',
    steps: '      - uses: ruby/setup-ruby@v1\n        with:\n          bundler-cache: true\n      - uses: ruby/setup-ruby@v1\n        with:\n          bundler-cache: false\n          cache: true\n',
    want: ['cacheInput@13:26-13:30'],
    data: { action: 'ruby/setup-ruby', input: 'bundler-cache', value: 'true' },
  },
  {
    // typescript-eslint's prepare-install action: pnpm/setup (pnpm with its runtime) caches the pnpm store.
    name: 'pnpm/setup `cache: true`; `cache: false` is silent',
    steps: '      - uses: pnpm/setup@v2\n        with:\n          cache: true\n      - uses: pnpm/setup@v2\n        with:\n          cache: false\n',
    want: ['cacheInput@13:18-13:22'],
    data: { action: 'pnpm/setup', value: 'true' },
  },
  {
    // ueberdosis/tiptap: Vite+'s setup action caches the project's dependencies.
    name: "voidzero-dev/setup-vp `cache: 'true'`; `cache: false` is silent",
    steps: "      - uses: voidzero-dev/setup-vp@v1\n        with:\n          cache: 'true'\n      - uses: voidzero-dev/setup-vp@v1\n        with:\n          cache: false\n",
    want: ['cacheInput@13:18-13:24'],
    data: { action: 'voidzero-dev/setup-vp', value: 'true' },
  },
  {
    // honojs/middleware: setup-deno caches downloaded modules and packages with `cache: true`.
    name: 'denoland/setup-deno `cache: true`; `cache: false` and no `cache:` are silent',
    steps: '      - uses: denoland/setup-deno@v2\n        with:\n          cache: true\n      - uses: denoland/setup-deno@v2\n        with:\n          cache: false\n      - uses: denoland/setup-deno@v2\n',
    want: ['cacheInput@13:18-13:22'],
    data: { action: 'denoland/setup-deno', value: 'true' },
  },
  {
    // loro-dev/loro: the cargo registry and `target/` of the WebAssembly build that is published.
    name: 'Swatinem/rust-cache',
    steps: '      - uses: Swatinem/rust-cache@v2\n',
    want: ['cacheAction@11:15-11:37'],
    data: { action: 'swatinem/rust-cache' },
  },
  {
    // kentcdodds/match-sorter (survey904c M11): it always restores and saves the npm cache.
    name: 'bahmutov/npm-install',
    steps: '      - uses: bahmutov/npm-install@v1\n',
    want: ['cacheAction@11:15-11:38'],
    data: { action: 'bahmutov/npm-install' },
  },
  {
    // modernweb-dev/web canary.yml: Wireit restores `wireit` scripts' output from the Actions cache.
    name: 'google/wireit@setup-github-actions-caching/v2; google/wireit at another ref is silent',
    steps: '      - uses: google/wireit@setup-github-actions-caching/v2\n      - uses: google/wireit@v1\n',
    want: ['cacheAction@11:15-11:60'],
    data: { action: 'google/wireit' },
  },
  {
    // tree-sitter: setup-rust-toolchain runs Swatinem/rust-cache unless `cache: false`.
    name: 'setup-rust-toolchain caches by default, also with `cache: true`; `cache: false` and an expression are silent',
    steps:
      "      - uses: actions-rust-lang/setup-rust-toolchain@v1\n      - uses: actions-rust-lang/setup-rust-toolchain@v1\n        with:\n          cache: 'true'\n      - uses: actions-rust-lang/setup-rust-toolchain@v1\n        with:\n          cache: false\n      - uses: moonrepo/setup-rust@v1\n        with:\n          cache: ${{ inputs.cache }}\n",
    want: ['cacheByDefault@11:15-11:56', 'cacheTools@14:18-14:24'],
  },
  {
    // elysiajs/elysia, arshad-yaseen/bunup: setup-bun restores the Bun executable unless `no-cache: true`.
    name: 'setup-bun caches its executable by default, also with `no-cache: false`; `no-cache: true` is silent',
    steps:
      "      - uses: oven-sh/setup-bun@v2\n      - uses: oven-sh/setup-bun@v2\n        with:\n          no-cache: false\n      - uses: oven-sh/setup-bun@v2\n        with:\n          no-cache: true\n",
    want: ['cacheByDefault@11:15-11:35', 'cacheByDefault@14:21-14:26'],
    data: { action: 'oven-sh/setup-bun', input: 'no-cache', state: 'off', off: 'no-cache: true' },
  },
  {
    // prisma/prisma: `cache: true` on mise-action restores its tools, not dependencies; the fix turns it off.
    name: 'mise-action with `cache: true`: the tools it installs, fixed by `cache: false`',
    steps: "      - uses: jdx/mise-action@v3\n        with:\n          cache: true\n",
    want: ['cacheTools@13:18-13:22'],
    data: { action: 'jdx/mise-action', input: 'cache', value: 'true', what: 'the tools it installs from a cache', off: 'cache: false' },
  },
  {
    name: 'mise-action caches the tools it installs by default; `cache: false` is silent',
    steps: "      - uses: jdx/mise-action@v3\n      - uses: jdx/mise-action@v3\n        with:\n          cache: false\n",
    want: ['cacheByDefault@11:15-11:33'],
    data: { action: 'jdx/mise-action', input: 'cache', state: 'on', off: 'cache: false' },
  },
  {
    name: 'setup-python `cache: pip`',
    steps: "      - uses: actions/setup-python@v5\n        with:\n          python-version: '3.13'\n          cache: pip\n",
    want: ['cacheInput@14:18-14:21'],
  },
  {
    name: 'setup-node v5 caches by itself for a yarn `packageManager`',
    steps: '      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n',
    pkg: { packageManager: 'yarn@4.10.3' },
    want: ['autoCache@11:15-11:36'],
    data: { manager: 'yarn', ref: 'v5', reason: '`packageManager` "yarn@4.10.3" in package.json' },
  },
  {
    name: 'setup-node v6 caches by itself only for npm: yarn is silent',
    steps: '      - uses: actions/setup-node@v6\n',
    pkg: { packageManager: 'yarn@4.10.3' },
    want: [],
  },
  {
    name: 'setup-node v6 with `packageManager: npm@11`',
    steps: '      - uses: actions/setup-node@v6.1.0\n',
    pkg: { packageManager: 'npm@11.6.2' },
    want: ['autoCache@11:15-11:40'],
    data: { manager: 'npm', ref: 'v6.1.0' },
  },
  {
    name: 'setup-node v7 with `devEngines.packageManager` naming npm (a list)',
    steps: '      - uses: actions/setup-node@v7\n',
    pkg: { devEngines: { packageManager: [{ name: 'npm', version: '^11' }] } },
    want: ['autoCache@11:15-11:36'],
    data: { reason: '`devEngines.packageManager` "npm" in package.json' },
  },
  {
    name: 'SHA pin with a `# v6.0.0` comment counts as v6',
    steps: '      - uses: actions/setup-node@2028fbc5c25fe9cf00d9f06a71cc4710d4507903 # v6.0.0\n',
    pkg: { packageManager: 'npm@11.6.2' },
    want: ['autoCache@11:15-11:74'],
  },
  {
    name: 'SHA pin without a version comment: tp-doctor cannot tell, silent',
    steps: '      - uses: actions/setup-node@2028fbc5c25fe9cf00d9f06a71cc4710d4507903\n',
    pkg: { packageManager: 'npm@11.6.2' },
    want: [],
  },
  {
    name: '`package-manager-cache: false` turns it off',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          package-manager-cache: false\n',
    pkg: { packageManager: 'npm@11.6.2' },
    want: [],
  },
  {
    name: "`cache: ''` does not turn it off (only package-manager-cache does)",
    steps: "      - uses: actions/setup-node@v6\n        with:\n          cache: ''\n",
    pkg: { packageManager: 'npm@11.6.2' },
    want: ['autoCache@11:15-11:36'],
  },
  {
    name: 'a non-empty `cache:` that names no manager replaces the automatic cache: silent',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          cache: false\n',
    pkg: { packageManager: 'npm@11.6.2' },
    want: [],
  },
  {
    name: 'setup-node v4 never caches by itself',
    steps: '      - uses: actions/setup-node@v4\n',
    pkg: { packageManager: 'npm@11.6.2' },
    want: [],
  },
  {
    name: 'a local composite action with `cache: ${{ inputs.cache }}` whose default is npm',
    steps: '      - uses: ./.github/actions/setup\n',
    files: {
      '.github/actions/setup/action.yml': `name: setup
inputs:
  cache:
    default: npm
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        cache: \${{ inputs.cache }}
`,
    },
    want: ['cacheInput@10:16-10:35'],
    data: { path: './.github/actions/setup (step 1)', value: 'npm' },
  },
  {
    // emberjs/ember.js: the cached setup-node runs only when the caller asks for the cache.
    name: "a composite step with `if: inputs.use-cache == 'true'`, called with `use-cache: false`: silent",
    steps: '      - uses: ./.github/actions/setup\n        with:\n          use-cache: false\n',
    files: { '.github/actions/setup/action.yml': CONDITIONAL_CACHE },
    want: [],
  },
  {
    name: 'the same action called with `use-cache: true`: the cached step runs',
    steps: '      - uses: ./.github/actions/setup\n        with:\n          use-cache: true\n',
    files: { '.github/actions/setup/action.yml': CONDITIONAL_CACHE },
    want: ['cacheInput@10:16-10:20'],
  },
  {
    name: "the same action called with no value: an input not given is '', the cached step does not run",
    steps: '      - uses: ./.github/actions/setup\n',
    files: { '.github/actions/setup/action.yml': CONDITIONAL_CACHE },
    want: [],
  },
  {
    name: 'the same action called with a value the caller computes: not compared, the cached step counts',
    steps: '      - uses: ./.github/actions/setup\n        with:\n          use-cache: ${{ matrix.cache }}\n',
    files: { '.github/actions/setup/action.yml': CONDITIONAL_CACHE },
    want: ['cacheInput@10:16-10:20'],
  },
  {
    // ueberdosis/tiptap: `cache: ${{ inputs.cache == 'true' && 'true' || 'false' }}`, evaluated with the caller's input.
    name: "a composite step's `cache:` computed from the caller's input by `a && b || c`",
    steps: "      - uses: ./.github/actions/setup\n        with:\n          cache: 'true'\n",
    files: { '.github/actions/setup/action.yml': VP_CACHE },
    want: ['cacheInput@10:16-10:66'],
    data: { action: 'voidzero-dev/setup-vp', value: 'true' },
  },
  {
    // A composite action's inputs are strings: `'true' == true` is false on GitHub.
    name: 'the same comparison with the boolean `true`: false for a string input, silent',
    steps: "      - uses: ./.github/actions/setup\n        with:\n          cache: 'true'\n",
    files: { '.github/actions/setup/action.yml': VP_CACHE.replace("inputs.cache == 'true'", 'inputs.cache == true') },
    want: [],
  },
  {
    name: 'the same action with its default (`false`): silent',
    steps: '      - uses: ./.github/actions/setup\n',
    files: { '.github/actions/setup/action.yml': VP_CACHE },
    want: [],
  },
  {
    name: 'the same action given a value the caller computes: not evaluated, not reported',
    steps: '      - uses: ./.github/actions/setup\n        with:\n          cache: ${{ vars.CACHE }}\n',
    files: { '.github/actions/setup/action.yml': VP_CACHE },
    want: [],
  },
  {
    // ionic-team/stencil: job → ./publish-npm → ./get-core-dependencies → setup-node `cache: npm`.
    name: 'a local action inside a local action: its steps are read too, with the inputs passed down',
    steps: '      - uses: ./.github/actions/outer\n        with:\n          pm: pnpm\n',
    files: {
      '.github/actions/outer/action.yml': 'inputs:\n  pm: {}\nruns:\n  using: composite\n  steps:\n    - uses: ./.github/actions/inner\n      with:\n        cache: ${{ inputs.pm }}\n',
      '.github/actions/inner/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n      with:\n        cache: ${{ inputs.cache }}\n',
    },
    want: ['cacheInput@6:16-6:35'],
    data: { path: './.github/actions/inner (step 1)', value: 'pnpm' },
  },
  {
    name: 'a nested local action given no cache: silent',
    steps: '      - uses: ./.github/actions/outer\n',
    files: {
      '.github/actions/outer/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/inner\n',
      '.github/actions/inner/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n      with:\n        cache: ${{ inputs.cache }}\n',
    },
    want: [],
  },
  {
    name: 'local actions that use each other in a loop: read three levels deep, then stopped',
    steps: '      - uses: ./.github/actions/a\n',
    files: {
      '.github/actions/a/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/b\n    - uses: actions/cache@v4\n      with: { path: x, key: k }\n',
      '.github/actions/b/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/a\n',
    },
    want: ['cacheAction@5:13-5:29'],
  },
  {
    name: "the same action called with `cache: ''`: silent",
    steps: "      - uses: ./.github/actions/setup\n        with:\n          cache: ''\n",
    files: {
      '.github/actions/setup/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n      with:\n        cache: ${{ inputs.cache }}\n',
    },
    want: [],
  },
];

const filesOf = (c: Case): Record<string, string> => ({
  'package.json': c.pkg ? pkg(c.pkg) : GITHUB_PKG,
  'tp-doctor.yml': publisherConfig({}),
  '.github/workflows/release.yml': wf(c.steps ?? '', c.after ?? ''),
  ...c.files,
});

/** Each finding of a row with its severity (when the row gives them); the row's data on the first. */
const errorsOf = (c: Case): ExpectedFinding[] =>
  c.want.map((w, i) => {
    const [messageId = '', at = ''] = w.split('@');
    return { messageId, at, severity: c.severities?.[i], data: i === 0 ? c.data : undefined };
  });

const gitlab = (ci: string): Record<string, string> => ({ 'package.json': GITLAB_PKG, '.gitlab-ci.yml': ci });
const PUBLISH = 'publish:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script: npm publish\n';

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: [
      ...cases.filter((c) => c.want.length === 0).map((c) => ({ name: c.name, files: filesOf(c) })),
      {
        name: 'a job that does not publish may cache',
        files: {
          'package.json': GITHUB_PKG,
          '.github/workflows/test.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          cache: npm\n      - run: npm test\n',
        },
      },
      { name: 'GitLab: `policy: push` only saves', files: gitlab(`${PUBLISH}  cache:\n    key: deps\n    paths: [node_modules]\n    policy: push\n`) },
      { name: 'GitLab: `cache: []` turns the default off', files: gitlab(`default:\n  cache:\n    paths: [node_modules]\n${PUBLISH}  cache: []\n`) },
    ],
    invalid: [
      ...cases.filter((c) => c.want.length > 0).map((c) => ({ name: c.name, files: filesOf(c), errors: errorsOf(c) })),
      {
        name: 'renders the headline and the fix',
        files: { 'package.json': pkg({ packageManager: 'npm@11.6.2' }), '.github/workflows/release.yml': wf('      - uses: actions/setup-node@v6\n') },
        errors: [
          {
            messageId: 'autoCache',
            at: '11:15-11:36',
            message:
              'Job "publish" publishes to npm after `actions/setup-node@v6` restores the npm cache automatically (`packageManager` "npm@11.6.2" in package.json)',
            fix: "Add `package-manager-cache: false` under `with:` of the setup-node step (jobs.publish.steps[1]), as npm's trusted-publishing example does",
          },
        ],
      },
      {
        name: 'a possible publish caps the finding at info',
        files: {
          'package.json': GITHUB_PKG,
          '.github/workflows/release.yml': wf(
            '      - uses: actions/setup-node@v4\n        with:\n          registry-url: https://registry.npmjs.org\n          cache: npm\n      - run: ./scripts/release.sh\n',
          ).replace('      - run: npm publish\n', ''),
        },
        errors: [{ messageId: 'cacheInput', at: '14:18-14:21', severity: 'info', message: expect.stringContaining('may publish') }],
      },
      {
        name: 'GitLab: a cache from `default:` is reported once, where it is written, as info',
        files: gitlab(`default:\n  cache:\n    key: deps\n    paths: [node_modules]\n${PUBLISH}other:\n  script: npm publish --tag next\n`),
        errors: [
          {
            messageId: 'gitlabCache',
            at: '2:3-2:8',
            severity: 'info',
            data: { job: 'publish', path: 'default.cache' },
            related: ['publishing job "publish"', 'publishing job "other"'],
          },
        ],
      },
      {
        name: 'GitLab: `unprotect: true` in a list of caches is a warning',
        files: gitlab(`${PUBLISH}  cache:\n    - key: a\n      paths: [a]\n      policy: push\n    - key: b\n      paths: [b]\n      unprotect: true\n`),
        errors: [{ messageId: 'gitlabUnprotected', at: '6:3-6:8', severity: 'warning' }],
      },
    ],
  });
});
