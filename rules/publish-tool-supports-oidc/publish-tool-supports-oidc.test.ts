import { describe, expect, it } from 'vitest';
import { publisherConfig, ruleTester, type Diagnostic, type ExpectedFinding } from '../../test/rule-tester.js';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'publish-tool-supports-oidc';
const WF = '.github/workflows/release.yml';

/** `line:col-line:col` of the first `needle` in `text` (1-based, end exclusive). */
function loc(text: string, needle: string): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in the workflow`);
  const before = text.slice(0, at).split('\n');
  const line = before.length;
  const column = (before.at(-1) ?? '').length + 1;
  return `${line}:${column}-${line}:${column + needle.length}`;
}

function workflow(steps: string): string {
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
    steps,
    '',
  ].join('\n');
}

function pkg(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'widget', repository: 'github:acme/widget', ...extra }, null, 2);
}

/** A Rush repository whose rush.json (`pnpmVersion` on line 3) publishes `packages/widget`. */
const RUSH_FILES = (pnpm: string): Record<string, string> => ({
  'package.json': pkg({ private: true }),
  'rush.json': `{\n  "rushVersion": "5.148.0",\n  "pnpmVersion": "${pnpm}",\n  "projects": [{ "packageName": "widget", "projectFolder": "packages/widget", "shouldPublish": true }]\n}\n`,
  'packages/widget/package.json': pkg({ version: '1.0.0' }),
});

/** An Nx workspace with bun.lock and `@nx/js` at `nx` (line 8 of package.json), publishing packages/a. */
const NX_BUN = (nx: string): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], devDependencies: { '@nx/js': nx } }, null, 2),
  'nx.json': '{}',
  'bun.lock': '{ "lockfileVersion": 1 }\n',
  'packages/a/package.json': pkg({ name: '@acme/a', version: '1.0.0' }),
});

interface Case {
  name: string;
  steps: string;
  files?: Record<string, string>;
  /** [messageId, needle in the workflow] */
  expected: [string, string][];
  data?: Record<string, string>[];
  /** `file:line` of each diagnostic's first related location. */
  related?: string[];
  /** Each finding's severity, when the row checks it. */
  severities?: ('error' | 'warning' | 'info')[];
}

/** iamkun/dayjs: semantic-release and its npm plugin are in the lockfile only as peers of @semantic-release/github. */
const SR_PEER_LOCK = JSON.stringify({
  lockfileVersion: 3,
  packages: {
    '': { devDependencies: { '@semantic-release/github': '^11.0.4' } },
    'node_modules/@semantic-release/npm': { version: '12.0.2', dev: true, peer: true },
    'node_modules/semantic-release': { version: '24.2.7', dev: true, peer: true },
  },
});
/** spartan-ng/spartan: @semantic-release/npm 12 locked, while the configuration may leave it out. */
const SR12_PNPM_LOCK = "lockfileVersion: '9.0'\nimporters:\n  .:\n    devDependencies:\n      '@semantic-release/npm':\n        specifier: 12.0.2\n        version: 12.0.2(semantic-release@24.2.6)\n      semantic-release:\n        specifier: 24.2.6\n        version: 24.2.6\npackages:\n  '@semantic-release/npm@12.0.2':\n    resolution: {integrity: sha512-x}\n  semantic-release@24.2.6:\n    resolution: {integrity: sha512-x}\n";
const SR_PLUGINS_NO_NPM = "plugins: [\n    '@semantic-release/commit-analyzer',\n    ['@semantic-release/exec', { publishCmd: 'echo done' }],\n    '@semantic-release/github',\n  ],";
/** [configuration file, its text, the findings on `pnpm semantic-release`] */
const SR_CONFIG_CASES: [string, string, string[]][] = [
  ['release.config.mjs', `export default {\n  branches: ['main'],\n  ${SR_PLUGINS_NO_NPM}\n};\n`, []],
  ['release.config.js', `module.exports = {\n  ${SR_PLUGINS_NO_NPM}\n};\n`, []],
  ['release.config.cjs', "module.exports = { plugins: ['@semantic-release/commit-analyzer', ['@semantic-release/npm', { npmPublish: false }]] };\n", []],
  ['.releaserc.cjs', "module.exports = { npmPublish: false };\n", []],
  ['.releaserc.json', JSON.stringify({ plugins: ['@semantic-release/commit-analyzer', '@semantic-release/github'] }), []],
  // Controls: what the text does not show leaves the plugin running.
  ['release.config.mjs', "export default { plugins: ['@semantic-release/commit-analyzer', ...shared] };\n", ['tooOld']],
  ['release.config.mjs', "const plugins = ['@semantic-release/github'];\nexport default { plugins };\n", ['tooOld']],
  ['release.config.mjs', "export default { extends: 'shared-config' };\n", ['tooOld']],
  ['release.config.js', "module.exports = { plugins: [['@semantic-release/npm', { npmPublish: process.env.PUBLISH === '1' }]] };\n", ['tooOld']],
  ['release.config.js', "module.exports = { plugins: [['@semantic-release/npm', options]] };\n", ['tooOld']],
  ['release.config.ts', "export default { plugins: ['@semantic-release/github'] };\n", ['tooOld']],
  ['release.config.cjs', "module.exports = () => ({ plugins: ['@semantic-release/github'] });\n", ['tooOld']],
];
const SHIP_LERNA = "module.exports = {\n  publishCommand: () => 'yarn lerna publish from-package --yes',\n};\n";
const lerna8Lock = JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/lerna': { version: '8.2.3' } } }, null, 2);

/** yarn.lock entries for @changesets/cli `v`, in the Yarn 2+ and the Yarn 1 format. */
const CS_BERRY_LOCK = (v: string): string => `__metadata:\n  version: 8\n  cacheKey: 10c0\n\n"@changesets/cli@npm:^${v}":\n  version: ${v}\n  resolution: "@changesets/cli@npm:${v}"\n`;
const CS_CLASSIC_LOCK = (v: string): string => `# yarn lockfile v1\n\n"@changesets/cli@^${v}":\n  version "${v}"\n`;
/** Yarn 3.6.4 and no @changesets/cli version: 2.x runs npm publish, 3.x yarn npm publish. */
const CS_UNSURE = { 'package.json': pkg({ packageManager: 'yarn@3.6.4' }), '.yarnrc.yml': 'nodeLinker: node-modules\n', [WF]: workflow('      - run: yarn changeset publish') };

const cases: Case[] = [
  // Yarn 1
  {
    name: 'yarn publish on Yarn 1 (yarn.lock v1)',
    steps: '      - run: yarn publish --non-interactive',
    files: { 'yarn.lock': '# yarn lockfile v1\n' },
    expected: [['never', 'yarn publish --non-interactive']],
    data: [{ command: 'yarn publish', tool: 'Yarn 1 (yarn.lock is in the Yarn 1 format)', path: 'jobs.release.steps[1]' }],
  },
  {
    name: 'yarn publish with packageManager yarn@1 points at it',
    steps: '      - run: yarn publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@1.22.22' }) },
    expected: [['never', 'yarn publish']],
    related: ['package.json:4'],
  },
  { name: 'yarn publish on Yarn Berry is not Yarn 1', steps: '      - run: yarn publish', files: { 'package.json': pkg({ packageManager: 'yarn@4.10.3' }) }, expected: [] },
  // Bun
  {
    name: 'bun publish',
    steps: '      - run: bun publish --access public',
    expected: [['never', 'bun publish --access public']],
    data: [{ tool: 'Bun', alternative: '`bunx npm publish` or `npm publish` (npm 11.5.1 or later)' }],
  },
  { name: 'bunx npm publish is npm', steps: '      - run: bunx npm publish', expected: [] },
  { name: 'bun publish to GitHub Packages is not trusted publishing', steps: '      - run: bun publish --registry https://npm.pkg.github.com', expected: [] },
  // Nx Release: the publish command of the package manager Nx detects (src/model/npm/nx-publish.ts)
  {
    name: 'nx release in a Bun workspace on Nx 21 runs bun publish: a warning (a project may override the executor)',
    steps: '      - run: npx nx release --yes',
    files: NX_BUN('21.0.0'),
    expected: [['nxBunPublish', 'npx nx release --yes']],
    data: [{ command: 'nx release', version: '21.0.0', because: 'bun.lock', required: '22.7.3' }],
    related: ['package.json:8'],
    severities: ['warning'],
  },
  { name: 'nx release on Nx 22.7.3 retries a failed bun publish with npm publish (npm-supports-oidc\'s)', steps: '      - run: npx nx release --yes', files: NX_BUN('22.7.3'), expected: [] },
  { name: 'nx release with nx.json `cli.packageManager: npm` in a Bun workspace runs npm publish', steps: '      - run: npx nx release --yes', files: { ...NX_BUN('21.0.0'), 'nx.json': '{ "cli": { "packageManager": "npm" } }' }, expected: [] },
  {
    name: 'nx release whose project overrides `nx-release-publish` stays a guess',
    steps: '      - run: npx nx release --yes',
    files: { ...NX_BUN('21.0.0'), 'packages/a/project.json': '{ "name": "a", "targets": { "nx-release-publish": { "executor": "nx:run-commands", "options": { "command": "npm publish" } } } }' },
    expected: [],
  },
  { name: 'nx release --dry-run publishes nothing', steps: '      - run: npx nx release --yes --dry-run', files: NX_BUN('21.0.0'), expected: [] },
  // Yarn Berry
  {
    name: 'yarn npm publish on Yarn 4.9',
    steps: '      - run: yarn npm publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.9.1' }) },
    expected: [['tooOld', 'yarn npm publish']],
    data: [{ tool: 'Yarn', version: '4.9.1', source: '`packageManager` in package.json', required: '4.10' }],
    related: ['package.json:4'],
  },
  {
    name: 'yarn npm publish in a directory whose own package.json pins Yarn 4.12: the directory decides',
    steps: '      - run: yarn npm publish\n        working-directory: client',
    files: { 'client/package.json': pkg({ name: 'client', packageManager: 'yarn@4.12.0' }), 'client/yarn.lock': '__metadata:\n  version: 8\n' },
    expected: [],
  },
  {
    name: 'the directory pin wins over the root one',
    steps: '      - run: yarn npm publish\n        working-directory: client',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.12.0' }), 'client/package.json': pkg({ name: 'client', packageManager: 'yarn@4.9.1' }) },
    expected: [['tooOld', 'yarn npm publish']],
    data: [{ version: '4.9.1', source: '`packageManager` in client/package.json' }],
  },
  {
    name: 'a directory without its own pin: the root yarnPath still wins over the root packageManager',
    steps: '      - run: yarn npm publish\n        working-directory: client',
    files: {
      'package.json': pkg({ packageManager: 'yarn@4.9.1' }),
      '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-4.12.0.cjs\n',
      'client/package.json': pkg({ name: 'client' }),
    },
    expected: [],
  },
  {
    name: 'yarn npm publish on Yarn 4.10 with an npmAuthToken in .yarnrc.yml',
    steps: '      - run: yarn npm publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.10.3' }), '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN}"\n' },
    expected: [['yarnTokenWins', 'yarn npm publish']],
    data: [{ key: 'npmAuthToken', when: '' }],
    related: ['.yarnrc.yml:1'],
  },
  {
    name: 'yarn npm publish with `${NPM_TOKEN:-}` in .yarnrc.yml and NPM_TOKEN from a secret',
    steps: '      - run: yarn npm publish\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.10.3' }), '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN:-}"\n' },
    expected: [['yarnTokenWins', 'yarn npm publish']],
    data: [{ key: 'npmAuthToken', when: ' whenever `NPM_TOKEN` has a value' }],
    severities: ['warning'],
  },
  {
    // Yarn puts in the empty fallback while NPM_TOKEN is unset, and an empty `npmAuthToken` is no token (docs/domain.md A.37).
    name: 'yarn npm publish with `${NPM_TOKEN:-}` in .yarnrc.yml and no NPM_TOKEN in the job',
    steps: '      - run: yarn npm publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.10.3' }), '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN:-}"\n' },
    expected: [],
  },
  {
    name: 'yarn npm publish with `${NPM_TOKEN-}` when an earlier step writes NPM_TOKEN to $GITHUB_ENV',
    steps: '      - run: echo "NPM_TOKEN=$(cat /tmp/t)" >> "$GITHUB_ENV"\n      - run: yarn npm publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.10.3' }), '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN-}"\n' },
    expected: [['yarnTokenWins', 'yarn npm publish']],
    data: [{ when: ' whenever `NPM_TOKEN` has a value' }],
  },
  {
    // review918: a `$GITHUB_ENV` write whose names tp-doctor cannot read may set NPM_TOKEN.
    name: 'yarn npm publish with `${NPM_TOKEN:-}` after an earlier step appends a file to $GITHUB_ENV',
    steps: '      - run: cat ci.env >> "$GITHUB_ENV"\n      - run: yarn npm publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.10.3' }), '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN:-}"\n' },
    expected: [['yarnTokenWins', 'yarn npm publish']],
    data: [{ when: ' whenever `NPM_TOKEN` has a value' }],
  },
  {
    // review918: `source`, `.` and `eval` load variables tp-doctor cannot see.
    name: 'yarn npm publish with `${NPM_TOKEN:-}` after `source .env.ci` in its step',
    steps: '      - run: source .env.ci && yarn npm publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.10.3' }), '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN:-}"\n' },
    expected: [['yarnTokenWins', 'yarn npm publish']],
    data: [{ when: ' whenever `NPM_TOKEN` has a value' }],
  },
  {
    name: 'yarn npm publish with `${NPM_TOKEN:-}` after `eval "$(./get-env)"` in its step',
    steps: '      - run: eval "$(./get-env)"; yarn npm publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.10.3' }), '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN:-}"\n' },
    expected: [['yarnTokenWins', 'yarn npm publish']],
    data: [{ when: ' whenever `NPM_TOKEN` has a value' }],
  },
  {
    name: 'control: `${NPM_TOKEN:-}` after a $GITHUB_ENV write of another name only',
    steps: '      - run: echo "FOO=bar" >> "$GITHUB_ENV"\n      - run: yarn npm publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.10.3' }), '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN:-}"\n' },
    expected: [],
  },
  {
    name: 'yarn npm publish of a scoped package on Yarn 4.10.2 (berry#6911)',
    steps: '      - run: yarn npm publish',
    files: { 'package.json': pkg({ name: '@acme/widget', version: '1.0.0', packageManager: 'yarn@4.10.2' }) },
    expected: [['yarnScopedOld', 'yarn npm publish']],
    data: [{ packages: '"@acme/widget"', required: '4.10.3', version: '4.10.2' }],
    related: ['package.json:5'],
  },
  { name: 'yarn npm publish of an unscoped package on Yarn 4.10.2', steps: '      - run: yarn npm publish', files: { 'package.json': pkg({ packageManager: 'yarn@4.10.2' }) }, expected: [] },
  {
    name: 'yarn npm publish of a scoped package on Yarn 4.10.3',
    steps: '      - run: yarn npm publish',
    files: { 'package.json': pkg({ name: '@acme/widget', version: '1.0.0', packageManager: 'yarn@4.10.3' }) },
    expected: [],
  },
  {
    name: 'yarn npm publish of a scoped package with a Yarn range that may be before 4.10.3: not reported',
    steps: '      - run: yarn npm publish',
    files: { 'package.json': pkg({ name: '@acme/widget' }), '.yarnrc.yml': 'nodeLinker: node-modules\n' },
    expected: [['unknown', 'yarn npm publish']],
  },
  { name: 'yarn npm publish on Yarn 4.10 without a token', steps: '      - run: yarn npm publish', files: { '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-4.12.0.cjs\n' }, expected: [] },
  {
    name: 'yarn npm publish with no Yarn version anywhere',
    steps: '      - run: yarn npm publish',
    files: { '.yarnrc.yml': 'nodeLinker: node-modules\n' },
    expected: [['unknown', 'yarn npm publish']],
    data: [{ requirement: 'Yarn 4.10 or later' }],
  },
  // lerna
  {
    name: 'npx lerna@8 publish',
    steps: '      - run: npx lerna@8 publish from-package --yes',
    expected: [['tooOld', 'npx lerna@8 publish from-package --yes']],
    data: [{ tool: 'lerna', version: '8', required: '9' }],
  },
  {
    name: 'lerna 8 from package-lock.json',
    steps: '      - run: npx lerna publish from-package --yes',
    files: { 'package.json': pkg({ devDependencies: { lerna: '^8.1.0' } }), 'package-lock.json': lerna8Lock },
    expected: [['tooOld', 'npx lerna publish from-package --yes']],
    data: [{ version: '8.2.3', source: 'package-lock.json' }],
    related: ['package-lock.json:5'],
  },
  {
    name: 'a global lerna defers to the local lerna 8 once dependencies are installed',
    steps: '      - run: npm ci\n      - run: |\n          npm install -g lerna\n          lerna publish from-package',
    files: { 'package.json': pkg({ devDependencies: { lerna: '^8.1.0' } }) },
    expected: [['tooOld', 'lerna publish from-package']],
    data: [{ version: '^8.1.0' }],
  },
  {
    name: 'a global lerna without installed dependencies is the latest',
    steps: '      - run: |\n          npm install -g lerna\n          lerna publish from-package',
    files: { 'package.json': pkg({ devDependencies: { lerna: '^8.1.0' } }) },
    expected: [],
  },
  { name: 'lerna 9', steps: '      - run: npx lerna publish from-package', files: { 'package.json': pkg({ devDependencies: { lerna: '^9.0.3' } }) }, expected: [] },
  {
    name: '@lerna-lite/publish 4.8',
    steps: '      - run: npx lerna publish from-git',
    files: { 'package.json': pkg({ devDependencies: { '@lerna-lite/cli': '4.8.0', '@lerna-lite/publish': '4.8.0' } }) },
    expected: [['tooOld', 'npx lerna publish from-git']],
    data: [{ tool: '@lerna-lite/publish', required: '4.9' }],
  },
  { name: '@lerna-lite/publish 4.9', steps: '      - run: npx lerna publish', files: { 'package.json': pkg({ devDependencies: { '@lerna-lite/publish': '^4.9.0' } }) }, expected: [] },
  {
    name: 'lerna publish with nothing installed',
    steps: '      - run: lerna publish',
    expected: [['unknown', 'lerna publish']],
    data: [{ reason: 'no version of lerna is pinned, installed in the job or listed in package.json' }],
  },
  // semantic-release
  {
    // george43g/mcp-cli-starter-template: the version is in the filtered package, not the root.
    name: 'pnpm --filter <pkg> exec semantic-release reads the version of that package',
    steps: '      - run: pnpm --filter @acme/core exec semantic-release',
    files: {
      'package.json': JSON.stringify({ name: 'root', private: true, repository: 'github:acme/widget' }),
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/core/package.json': pkg({ name: '@acme/core', devDependencies: { 'semantic-release': '^24.2.0' } }),
    },
    expected: [['tooOld', 'pnpm --filter @acme/core exec semantic-release']],
    data: [{ tool: 'semantic-release', version: '^24.2.0', required: '25' }],
  },
  {
    // bahmutov/cypress-split: the action installs semantic-release itself, the input's version.
    name: 'cycjimmy/semantic-release-action with `semantic_version: 24.2.9`',
    steps: '      - uses: cycjimmy/semantic-release-action@v6\n        with:\n          semantic_version: 24.2.9',
    files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^25.0.3' } }) },
    expected: [['tooOld', 'cycjimmy/semantic-release-action@v6']],
    data: [{ tool: 'semantic-release', version: '24.2.9', source: '`semantic_version: 24.2.9`', required: '25' }],
  },
  ...[
    ['a configuration without `@semantic-release/npm` publishes nothing to npm: silent', undefined, []],
    ['the same with an `extends` input, which may bring the plugin: reported', 'extends: "@acme/release-config"', [['tooOld', 'cycjimmy/semantic-release-action@v6']]],
  ].map(([what, extra, expected]) => ({
    name: `cycjimmy/semantic-release-action with \`semantic_version: 24.2.9\`: ${what as string}`,
    steps: `      - uses: cycjimmy/semantic-release-action@v6\n        with:\n          semantic_version: 24.2.9${extra ? `\n          ${extra as string}` : ''}`,
    files: { '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/commit-analyzer', '@semantic-release/github'] }) },
    expected: expected as [string, string][],
  })),
  {
    name: 'cycjimmy/semantic-release-action without `semantic_version` runs the latest release, whatever package.json says',
    steps: '      - uses: cycjimmy/semantic-release-action@v6',
    files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^24.2.0' } }) },
    expected: [],
  },
  {
    // semantic-release loads plugins from its own install first: the action's, not the repository's.
    name: 'cycjimmy/semantic-release-action after `npm ci`: the repository\'s locked @semantic-release/npm is not the one loaded',
    steps: '      - run: npm ci\n      - uses: cycjimmy/semantic-release-action@v6',
    files: { 'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/@semantic-release/npm': { version: '12.0.2' } } }) },
    expected: [],
  },
  {
    name: 'cycjimmy/semantic-release-action with `semantic_version: 24` beside a locked plugin 13.2: the input decides',
    steps: '      - run: npm ci\n      - uses: cycjimmy/semantic-release-action@v6\n        with:\n          semantic_version: 24',
    files: { 'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/@semantic-release/npm': { version: '13.2.0' } } }) },
    expected: [['tooOld', 'cycjimmy/semantic-release-action@v6']],
    data: [{ tool: 'semantic-release', version: '24' }],
  },
  // Actions that bundle their own semantic-release: their release decides, never the repository's lockfile.
  {
    // electron/rebuild: semantic-release 25.0.1 in every release, on the Node 24.10.0 the action sets up.
    name: 'electron/semantic-trusted-release beside a locked semantic-release 24 on Node 20: its own copy and Node, silent',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          node-version: 20\n      - uses: electron/semantic-trusted-release@03517840010ba30fe5264f4875f4cff066b658d1 # v1.1.0',
    files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^24.2.0' } }), 'package-lock.json': SR_PEER_LOCK },
    expected: [],
  },
  {
    name: 'codfish/semantic-release-action@v4 bundles semantic-release 24, whatever package.json says',
    steps: '      - uses: codfish/semantic-release-action@v4',
    files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^25.0.3' } }) },
    expected: [['tooOld', 'codfish/semantic-release-action@v4']],
    data: [{ tool: 'semantic-release', version: '24', source: 'bundled by `uses: codfish/semantic-release-action@v4`', required: '25', how: 'change `jobs.release.steps[1].uses` to `codfish/semantic-release-action@v5`' }],
  },
  {
    name: 'codfish/semantic-release-action pinned by SHA with `# v2.2.1`: semantic-release 20, pin the SHA of v5.0.0',
    steps: '      - uses: codfish/semantic-release-action@4e0079a1e7511dab622628e1bf298e572a9f3d22 # v2.2.1',
    expected: [['tooOld', 'codfish/semantic-release-action@4e0079a1e7511dab622628e1bf298e572a9f3d22']],
    data: [{ version: '20', how: 'pin `jobs.release.steps[1].uses` to the commit SHA of codfish/semantic-release-action v5.0.0 or later, with a `# v5.0.0` comment' }],
  },
  {
    name: 'codfish/semantic-release-action@v1: the newest v1 release, semantic-release 17',
    steps: '      - uses: codfish/semantic-release-action@v1',
    expected: [['tooOld', 'codfish/semantic-release-action@v1']],
    data: [{ version: '17' }],
  },
  {
    // Its own image by tag (its README): the tag is the release.
    name: 'docker://ghcr.io/codfish/semantic-release-action:v4 bundles semantic-release 24',
    steps: '      - uses: docker://ghcr.io/codfish/semantic-release-action:v4',
    files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^25.0.3' } }) },
    expected: [['tooOld', 'docker://ghcr.io/codfish/semantic-release-action:v4']],
    data: [{ version: '24', source: 'bundled by `uses: docker://ghcr.io/codfish/semantic-release-action:v4`' }],
  },
  {
    // codfish/eslint-config: by digest, its release is unknown.
    name: 'docker://ghcr.io/codfish/semantic-release-action@sha256:…: its release is unknown, nothing is said',
    steps: '      - uses: docker://ghcr.io/codfish/semantic-release-action@sha256:c6a4e05d93f73f2870887434c1286df7a23a55770be16cb826b6e2432f92e650',
    files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^24.2.0' } }), 'package-lock.json': SR_PEER_LOCK },
    expected: [],
  },
  {
    name: 'codfish/semantic-release-action@v5 beside a locked @semantic-release/npm 12: silent',
    steps: '      - run: npm ci\n      - uses: codfish/semantic-release-action@v5',
    files: { 'package-lock.json': SR_PEER_LOCK },
    expected: [],
  },
  {
    name: 'codfish/semantic-release-action by SHA without a version comment: its release is unknown, nothing is said',
    steps: '      - uses: codfish/semantic-release-action@4e0079a1e7511dab622628e1bf298e572a9f3d22',
    files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^24.2.0' } }), 'package-lock.json': SR_PEER_LOCK },
    expected: [],
  },
  {
    name: 'codfish/semantic-release-action@v6, a release not read: nothing is said',
    steps: '      - uses: codfish/semantic-release-action@v6',
    files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^24.2.0' } }) },
    expected: [],
  },
  {
    // vercel/ncc's pattern with semantic-release 25: it needs Node ^22.14.0 || >=24.10.0.
    name: 'npx semantic-release@25.0.2 on Node 20: nodeTooOld, a warning',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          node-version: 20\n      - run: npx semantic-release@25.0.2',
    expected: [['nodeTooOld', 'npx semantic-release@25.0.2']],
    data: [{ version: '"25.0.2" ("npx semantic-release@25.0.2")', node: 'Node 20.20.2 ("20")', needs: '^22.14.0 || >=24.10.0' }],
  },
  {
    // The action runs semantic-release on its own Node (the runner's node20/node24 runtime), not the job's.
    name: 'cycjimmy/semantic-release-action (the latest release) in a job on Node 20: no nodeTooOld',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          node-version: 20\n      - uses: cycjimmy/semantic-release-action@v6',
    expected: [],
  },
  {
    name: 'npx semantic-release (the latest release) on Node 22.12: nodeTooOld',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          node-version: 22.12.0\n      - run: npx semantic-release',
    expected: [['nodeTooOld', 'npx semantic-release']],
    data: [{ version: '(the latest release)' }],
  },
  {
    name: 'semantic-release 25 on Node 22.14 and on Node 24: silent',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          node-version: 22.14.0\n      - run: npx semantic-release@25\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n      - run: npx semantic-release@25',
    expected: [],
  },
  {
    name: 'npx semantic-release@24 on Node 20: only tooOld, not nodeTooOld',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          node-version: 20\n      - run: npx semantic-release@24',
    expected: [['tooOld', 'npx semantic-release@24']],
  },
  {
    name: 'npx semantic-release@24',
    steps: '      - run: npx semantic-release@24',
    expected: [['tooOld', 'npx semantic-release@24']],
    data: [{ tool: 'semantic-release', version: '24', required: '25' }],
  },
  {
    // george43g/mcp-cli-starter-template: semantic-release 24 with its npm plugin forced to 13.1.5.
    name: 'an override of @semantic-release/npm (pnpm.overrides) decides over the semantic-release range',
    steps: '      - run: npx semantic-release',
    files: { 'package.json': pkg({ packageManager: 'pnpm@10.18.0', devDependencies: { 'semantic-release': '^24.2.9' }, pnpm: { overrides: { '@semantic-release/npm': '^13.1.5' } } }) },
    expected: [],
  },
  {
    name: 'an override under its parent (npm overrides) or a Yarn resolution to 12 is too old',
    steps: '      - run: npx semantic-release',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.10.3', devDependencies: { 'semantic-release': '^25.0.0' }, resolutions: { 'semantic-release/@semantic-release/npm': '12.0.2' } }) },
    expected: [['tooOld', 'npx semantic-release']],
    data: [{ tool: '@semantic-release/npm', required: '13.1' }],
  },
  {
    name: 'an override under another parent, or in a field this package manager does not read, decides nothing',
    steps: '      - run: npx semantic-release',
    files: {
      'package.json': pkg({
        devDependencies: { 'semantic-release': '^25.0.0' },
        overrides: { 'some-tool': { '@semantic-release/npm': '12.0.0' } },
        resolutions: { '@semantic-release/npm': '12.0.0' },
      }),
    },
    expected: [],
  },
  {
    name: 'npm overrides nested under semantic-release',
    steps: '      - run: npx semantic-release',
    files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^24.0.0' }, overrides: { 'semantic-release': { '@semantic-release/npm': '^13.1.3' } } }) },
    expected: [],
  },
  // semantic-release's configuration decides whether @semantic-release/npm runs at all (src/model/npm/semantic-release-config.ts).
  ...SR_CONFIG_CASES.map(([file, text, expected]): Case => ({
    name: `@semantic-release/npm 12 in the lockfile, ${file}: ${expected.length === 0 ? 'the plugin does not run' : 'the plugin may run'}`,
    steps: '      - run: pnpm semantic-release',
    files: { 'package.json': pkg({ packageManager: 'pnpm@10.11.0', devDependencies: { 'semantic-release': '24.2.6', '@semantic-release/npm': '12.0.2' } }), 'pnpm-lock.yaml': SR12_PNPM_LOCK, [file]: text },
    expected: expected.map((id): [string, string] => [id, 'pnpm semantic-release']),
  })),
  {
    // renovatebot/renovate: @containerbase/semantic-release-pnpm publishes with `pnpm -r publish`: pnpm 11.0 with a static token.
    name: '@containerbase/semantic-release-pnpm runs pnpm publish: the pnpm checks apply, not @semantic-release/npm\'s',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm semantic-release',
    files: {
      'package.json': pkg({ packageManager: 'pnpm@11.0.4', devDependencies: { 'semantic-release': '24.2.6', '@containerbase/semantic-release-pnpm': '1.4.3' } }),
      '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/commit-analyzer', '@containerbase/semantic-release-pnpm'] }),
    },
    expected: [['pnpmStaticToken', 'pnpm semantic-release']],
    data: [{ command: 'pnpm publish', version: '11.0.4' }],
  },
  {
    name: '@anolilab/semantic-release-pnpm exchanges the token itself: no pnpm nor @semantic-release/npm check',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm semantic-release',
    files: {
      'package.json': pkg({ packageManager: 'pnpm@11.0.4', devDependencies: { 'semantic-release': '24.2.6', '@semantic-release/npm': '12.0.2', '@anolilab/semantic-release-pnpm': '8.1.6' } }),
      'release.config.cjs': "module.exports = { plugins: ['@semantic-release/commit-analyzer', '@anolilab/semantic-release-pnpm'] };\n",
    },
    expected: [],
  },
  {
    name: '@semantic-release/npm 12 decides over semantic-release',
    steps: '      - run: npx semantic-release',
    files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^25.0.0', '@semantic-release/npm': '^12.0.1' } }) },
    expected: [['tooOld', 'npx semantic-release']],
    data: [{ tool: '@semantic-release/npm', required: '13.1' }],
  },
  { name: 'semantic-release 25', steps: '      - run: npx semantic-release', files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^25.0.1' } }) }, expected: [] },
  { name: 'npx semantic-release without a local copy runs the latest', steps: '      - run: npx semantic-release', expected: [] },
  {
    name: 'semantic-release installed with sudo (as on CircleCI images) is the installed version',
    steps: '      - run: sudo npm i -g semantic-release@25\n      - run: semantic-release',
    expected: [],
  },
  {
    name: 'semantic-release 24 installed with sudo',
    steps: '      - run: sudo -E npm install --global semantic-release@24\n      - run: semantic-release --ci',
    expected: [['tooOld', 'semantic-release --ci']],
    data: [{ tool: 'semantic-release', version: '24', required: '25' }],
  },
  {
    name: 'semantic-release without the npm plugin does not publish to npm',
    steps: '      - run: npx semantic-release@24',
    files: { '.releaserc.json': '{ "plugins": ["@semantic-release/commit-analyzer", "@semantic-release/github"] }' },
    expected: [],
  },
  {
    name: 'semantic-release through npm run release',
    steps: '      - run: npm run release',
    files: { 'package.json': pkg({ scripts: { release: 'semantic-release' }, devDependencies: { 'semantic-release': '^24.2.0' } }) },
    expected: [['tooOld', 'npm run release']],
  },
  // A semantic-release the job installs (or npx fetches for a pin the repository's copy does not
  // satisfy) brings its own @semantic-release/npm: the lockfile's plugin is not the one that runs.
  ...(
    [
      // iamkun/dayjs: no version, and package.json does not list semantic-release: the latest release
      ['npm install @semantic-release/changelog @semantic-release/git semantic-release --no-save', 'npx semantic-release', []],
      ['npm install semantic-release@25 --no-save', 'npx semantic-release', []],
      ['npm i -g semantic-release@25', 'semantic-release', []],
      ['pnpm add semantic-release@25', 'npx semantic-release', []],
      ['yarn add semantic-release@25', 'npx semantic-release', []],
      ['echo', 'npx semantic-release@25', []],
      ['echo', 'npx semantic-release@latest', []],
      ['npm install semantic-release@24 --no-save', 'npx semantic-release', [{ tool: 'semantic-release', version: '24' }]],
      // what it installs cannot be read: unknown, never an error
      ['npm install semantic-release@$SR_VERSION --no-save', 'npx semantic-release', [{ reason: '"npm install semantic-release@$SR_VERSION --no-save" allows semantic-release "$SR_VERSION"' }]],
      ['echo', 'npx semantic-release@$SR_VERSION', [{ reason: '"npx semantic-release@$SR_VERSION" allows semantic-release "$SR_VERSION"' }]],
      // npx runs the repository's copy when it satisfies the pin: the lockfile's plugin, as before
      ['echo', 'npx semantic-release@24.2', [{ tool: '@semantic-release/npm', version: '12.0.2' }]],
      // an npm global install does not replace the local copy npx runs
      ['npm i -g semantic-release', 'npx semantic-release', [{ tool: '@semantic-release/npm', version: '12.0.2' }]],
      // a plugin the job installs itself still wins
      ['npm install semantic-release @semantic-release/npm@12.0.1 --no-save', 'npx semantic-release', [{ tool: '@semantic-release/npm', version: '12.0.1' }]],
    ] as [string, string, Record<string, string>[]][]
  ).map(([install, run, data]): Case => ({
    name: `after \`${install}\` in the step, \`${run}\` beside a lockfile with semantic-release 24.2.7 and @semantic-release/npm 12.0.2`,
    steps: `      - run: npm ci\n      - run: |\n          ${install}\n          ${run}`,
    files: { 'package.json': pkg({ devDependencies: { '@semantic-release/github': '^11.0.4' } }), 'package-lock.json': SR_PEER_LOCK },
    expected: data.map((d) => [d['reason'] ? 'unknown' : 'tooOld', run]),
    data,
  })),
  // JS-DevTools/npm-publish: v1 publishes with its token; v2 to v4 run the npm on PATH (its
  // exchange replaces the token); before 4.1.0 the `token` input is required.
  {
    name: 'JS-DevTools/npm-publish@v1',
    steps: '      - uses: JS-DevTools/npm-publish@v1\n        with:\n          token: ${{ secrets.NPM_TOKEN }}',
    expected: [['tooOld', 'JS-DevTools/npm-publish@v1']],
    data: [{ version: '1', source: '`uses: JS-DevTools/npm-publish@v1`', required: '2', how: 'change `jobs.release.steps[1].uses` to `JS-DevTools/npm-publish@v4`' }],
  },
  {
    name: 'JS-DevTools/npm-publish@v3 with a token input: the npm on PATH publishes (its exchange replaces the token)',
    steps: '      - uses: JS-DevTools/npm-publish@v3\n        with:\n          token: ${{ secrets.NPM_TOKEN }}',
    expected: [],
  },
  {
    name: 'JS-DevTools/npm-publish@v3 with `token: empty` (rstackjs/prebundle)',
    steps: '      - uses: JS-DevTools/npm-publish@v3\n        with:\n          token: empty',
    expected: [],
  },
  {
    name: 'JS-DevTools/npm-publish@v3 with an empty token: the action stops before npm runs',
    steps: "      - uses: JS-DevTools/npm-publish@v3\n        with:\n          token: ''",
    expected: [['tokenInputRequired', 'JS-DevTools/npm-publish@v3']],
    data: [{ version: '3', optional: '4.1.0', how: 'change `jobs.release.steps[1].uses` to `JS-DevTools/npm-publish@v4`' }],
  },
  {
    name: 'JS-DevTools/npm-publish@v3 with `token:` and nothing after it (null): the same empty input',
    steps: '      - uses: JS-DevTools/npm-publish@v3\n        with:\n          token:\n          access: public',
    expected: [['tokenInputRequired', 'JS-DevTools/npm-publish@v3']],
  },
  {
    name: 'JS-DevTools/npm-publish@v4.0.1 without a token input',
    steps: '      - uses: JS-DevTools/npm-publish@v4.0.1',
    expected: [['tokenInputRequired', 'JS-DevTools/npm-publish@v4.0.1']],
  },
  {
    name: 'JS-DevTools/npm-publish pinned by SHA with a v2 comment, without a token input',
    steps: `      - uses: JS-DevTools/npm-publish@${'b'.repeat(40)} # v2.2.2`,
    expected: [['tokenInputRequired', `JS-DevTools/npm-publish@${'b'.repeat(40)}`]],
    data: [{ version: '2.2.2', how: 'pin `jobs.release.steps[1].uses` to the commit SHA of JS-DevTools/npm-publish v4.1.0 or later, with a `# v4.1.0` comment' }],
  },
  { name: 'JS-DevTools/npm-publish@v4.1.0 without a token input', steps: '      - uses: JS-DevTools/npm-publish@v4.1.0', expected: [] },
  { name: 'JS-DevTools/npm-publish@v4', steps: '      - uses: JS-DevTools/npm-publish@v4', expected: [] },
  // Tools that only run the npm CLI: the npm version decides (npm-supports-oidc), not theirs.
  {
    name: 'beachball publish and napi prepublish run npm publish: nothing of their own to check',
    steps: '      - run: npx napi prepublish -t npm\n      - run: npx beachball@2.40.0 publish -y',
    files: { 'package.json': pkg({ devDependencies: { beachball: '^2.0.0', '@napi-rs/cli': '^2.18.0' } }) },
    expected: [],
  },
  {
    // survey800b D2 (asyncapi/asyncapi-react): the version in words and as a release URL in the comment.
    name: 'JS-DevTools/npm-publish pinned by SHA with a `# using 4.1.0 version …/releases/tag/v4.1.0` comment',
    steps: `      - uses: JS-DevTools/npm-publish@${'c'.repeat(40)} # using 4.1.0 version https://github.com/JS-DevTools/npm-publish/releases/tag/v4.1.0`,
    expected: [],
  },
  {
    name: 'JS-DevTools/npm-publish pinned by SHA with a `…/releases/tag/v2.2.2` comment: v2 needs a token input',
    steps: `      - uses: JS-DevTools/npm-publish@${'c'.repeat(40)} # https://github.com/JS-DevTools/npm-publish/releases/tag/v2.2.2`,
    expected: [['tokenInputRequired', `JS-DevTools/npm-publish@${'c'.repeat(40)}`]],
    data: [{ version: '2.2.2' }],
  },
  {
    name: 'control: JS-DevTools/npm-publish pinned by SHA with a comment naming two versions: unknown, as before',
    steps: `      - uses: JS-DevTools/npm-publish@${'c'.repeat(40)} # using 4.1.0 (was 3.0.1)`,
    expected: [['unknown', `JS-DevTools/npm-publish@${'c'.repeat(40)}`]],
  },
  {
    name: 'JS-DevTools/npm-publish at a bare SHA',
    steps: `      - uses: JS-DevTools/npm-publish@${'c'.repeat(40)}`,
    expected: [['unknown', `JS-DevTools/npm-publish@${'c'.repeat(40)}`]],
  },
  // release-it
  {
    name: 'release-it without configuration',
    steps: '      - run: npx release-it --ci',
    expected: [['releaseItChecks', 'npx release-it --ci']],
    data: [{ where: 'no release-it configuration sets `npm.skipChecks`', file: '.release-it.json' }],
  },
  {
    name: 'release-it with skipChecks false in .release-it.json',
    steps: '      - run: npx release-it --ci',
    files: { '.release-it.json': '{\n  "npm": { "skipChecks": false }\n}\n' },
    expected: [['releaseItChecks', 'npx release-it --ci']],
    data: [{ where: '`npm.skipChecks` is "false" in .release-it.json' }],
    related: ['.release-it.json:2'],
  },
  { name: 'release-it with skipChecks in .release-it.yaml', steps: '      - run: npx release-it --ci', files: { '.release-it.yaml': 'npm:\n  skipChecks: true\n' }, expected: [] },
  { name: 'release-it with --npm.skipChecks', steps: '      - run: npx release-it --ci --npm.skipChecks', expected: [] },
  {
    name: 'release-it that does not publish to npm (package.json key)',
    steps: '      - run: npx release-it --ci',
    files: { 'package.json': pkg({ 'release-it': { npm: { publish: false } } }) },
    expected: [],
  },
  {
    name: 'release-it with `--config` naming a JSON file that sets `npm.skipChecks: true`',
    steps: '      - run: npx release-it --ci --config .release-it.ci.json',
    files: { '.release-it.ci.json': '{ "npm": { "skipChecks": true } }\n', '.release-it.json': '{}\n' },
    expected: [],
  },
  {
    name: 'release-it with `--config` naming a JSON file without `npm.skipChecks`',
    steps: '      - run: npx release-it --ci --config .release-it.ci.json',
    files: { '.release-it.ci.json': '{ "git": false }\n' },
    expected: [['releaseItChecks', 'npx release-it --ci --config .release-it.ci.json']],
    data: [{ where: '.release-it.ci.json does not set `npm.skipChecks`', file: '.release-it.ci.json' }],
  },
  {
    name: 'release-it with `--config` naming a file that is not committed: cannot tell',
    steps: '      - run: npx release-it --ci --config ci/release.json',
    expected: [['unknown', 'npx release-it --ci --config ci/release.json']],
  },
  {
    // langfuse/langfuse-js: a private root; release-it returns before its npm checks and publishes nothing.
    name: 'release-it on a private package: no npm publish, nothing to check',
    steps: '      - run: npx release-it --ci',
    files: { 'package.json': pkg({ private: true }), '.release-it.json': '{}\n' },
    expected: [],
  },
  {
    name: 'release-it with `npm.skipChecks: true` in .release-it.js, read as text',
    steps: '      - run: npx release-it --ci',
    files: { '.release-it.js': 'module.exports = { npm: { skipChecks: true } };\n' },
    expected: [],
  },
  {
    name: 'release-it with .release-it.mjs that does not set `npm.skipChecks`',
    steps: '      - run: npx release-it --ci',
    files: { '.release-it.mjs': 'export default {\n  github: { release: true },\n};\n' },
    expected: [['releaseItChecks', 'npx release-it --ci']],
    data: [{ where: '.release-it.mjs does not set `npm.skipChecks`', file: '.release-it.mjs' }],
  },
  {
    name: 'release-it with `npm.skipChecks: false` in .release-it.cjs: the value is named',
    steps: '      - run: npx release-it --ci',
    files: { '.release-it.cjs': 'module.exports = {\n  npm: { skipChecks: false },\n};\n' },
    expected: [['releaseItChecks', 'npx release-it --ci']],
    data: [{ where: '`npm.skipChecks` is not `true` in .release-it.cjs' }],
    related: ['.release-it.cjs:2'],
  },
  {
    name: 'release-it with `npm.skipChecks` from an expression in .release-it.js: cannot tell',
    steps: '      - run: npx release-it --ci',
    files: { '.release-it.js': 'module.exports = { npm: { skipChecks: Boolean(process.env.CI) } };\n' },
    expected: [['unknown', 'npx release-it --ci']],
  },
  {
    // vitalets/playwright-bdd (survey 924a D1): release-it's documented TypeScript configuration, read as text.
    name: 'release-it with `npm.skipChecks: true` in .release-it.ts (`satisfies Config`), read as text',
    steps: '      - run: npx release-it --ci',
    files: { '.release-it.ts': "import type { Config } from 'release-it';\n\nexport default {\n  npm: {\n    skipChecks: true, // OIDC\n  },\n} satisfies Config;\n" },
    expected: [],
  },
  {
    name: 'release-it with .release-it.mts (`as Config`) that does not set `npm.skipChecks`',
    steps: '      - run: npx release-it --ci',
    files: { '.release-it.mts': "import type { Config } from 'release-it';\nexport default {\n  github: { release: true },\n} as Config\n" },
    expected: [['releaseItChecks', 'npx release-it --ci']],
    data: [{ where: '.release-it.mts does not set `npm.skipChecks`', file: '.release-it.mts' }],
  },
  {
    name: 'release-it with `npm.skipChecks: false` in .release-it.cts: the value is named',
    steps: '      - run: npx release-it --ci',
    files: { '.release-it.cts': 'module.exports = {\n  npm: { skipChecks: false },\n};\n' },
    expected: [['releaseItChecks', 'npx release-it --ci']],
    data: [{ where: '`npm.skipChecks` is not `true` in .release-it.cts' }],
    related: ['.release-it.cts:2'],
  },
  {
    name: 'release-it configured in TypeScript through a variable: cannot tell',
    steps: '      - run: npx release-it --ci',
    files: { '.release-it.ts': "import type { Config } from 'release-it';\nconst config: Config = { npm: { skipChecks: true } };\nexport default config;\n" },
    expected: [['unknown', 'npx release-it --ci']],
    data: [{ reason: 'its configuration is in .release-it.ts, which tp-doctor does not evaluate' }],
  },
  // np
  {
    name: 'np from devDependencies',
    steps: '      - run: npx np --yolo --no-release-draft',
    files: { 'package.json': pkg({ devDependencies: { np: '^10.0.0' } }) },
    expected: [['npRecent', 'npx np --yolo --no-release-draft']],
    data: [{ version: '"^10.0.0" (`devDependencies` in package.json)', required: '11.0.1' }],
  },
  {
    name: 'np 11.0.0: OIDC detection, but before the 11.0.1 fix',
    steps: '      - run: npx np --yolo',
    files: { 'package.json': pkg({ devDependencies: { np: '11.0.0' } }) },
    expected: [['npRecent', 'npx np --yolo']],
  },
  { name: 'np 11.0.1 and later publish with OIDC', steps: '      - run: npx np --yolo', files: { 'package.json': pkg({ devDependencies: { np: '^11.2.0' } }) }, expected: [] },
  { name: 'np pinned on the command line', steps: '      - run: npx np@11.0.1 --yolo', expected: [] },
  {
    name: 'np from a git URL: its version cannot be read',
    steps: '      - run: npx np --yolo',
    files: { 'package.json': pkg({ devDependencies: { np: 'github:sindresorhus/np' } }) },
    expected: [['unknown', 'npx np --yolo']],
  },
  { name: 'npx np without a local copy runs the latest', steps: '      - run: npx np --yolo', expected: [] },
  // changesets
  {
    name: 'changesets/action 1.4.9 with a publish',
    steps: '      - uses: changesets/action@v1.4.9\n        with:\n          publish: npx changeset publish',
    expected: [['changesetsActionOld', 'changesets/action@v1.4.9']],
    data: [{ version: '1.4.9', how: 'change `jobs.release.steps[1].uses` to `changesets/action@v1`' }],
  },
  {
    // A SHA pin is never moved to a floating tag by a fix.
    name: 'changesets/action 1.4.9 pinned by SHA',
    steps: `      - uses: changesets/action@${'b'.repeat(40)} # v1.4.9\n        with:\n          publish: npx changeset publish`,
    expected: [['changesetsActionOld', `changesets/action@${'b'.repeat(40)}`]],
    data: [{ version: '1.4.9', how: 'pin `jobs.release.steps[1].uses` to the commit SHA of a v1.7.0 or later release, with its `# v1.x.y` comment' }],
  },
  // The bogus token only stands in for OIDC with Yarn Berry and pnpm 11.0.0 to 11.0.6 (electron-userland/electron-builder: pnpm 11.9.0).
  {
    name: 'changesets/action 1.5.3 running `pnpm publish` with pnpm 11.9.0: info (the token cannot take the place of OIDC)',
    steps: '      - uses: changesets/action@v1.5.3\n        with:\n          publish: pnpm publish -r',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.9.0' }) },
    expected: [['changesetsActionOld', 'changesets/action@v1.5.3']],
    severities: ['info'],
  },
  {
    name: 'changesets/action 1.5.3 running `npm publish`: info',
    steps: '      - uses: changesets/action@v1.5.3\n        with:\n          publish: npm publish',
    expected: [['changesetsActionOld', 'changesets/action@v1.5.3']],
    severities: ['info'],
  },
  // survey904a M1: no `stage` command before pnpm 11.3.0 (pnpm-stage.test.ts has the rest).
  {
    name: '`pnpm stage publish` with pnpm 11.2.0: an error',
    steps: '      - run: pnpm stage publish --no-git-checks',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.2.0' }) },
    expected: [['stageTooOld', 'pnpm stage publish --no-git-checks']],
    severities: ['error'],
  },
  { name: 'control: `pnpm stage publish` with pnpm 11.3.0', steps: '      - run: pnpm stage publish --no-git-checks', files: { 'package.json': pkg({ packageManager: 'pnpm@11.3.0' }) }, expected: [] },
  // survey904b F4 (preactjs/prefresh): `npm stage publish` goes through npm's OIDC routine like `npm publish`.
  {
    name: 'changesets/action 1.5.3 (SHA) running `npm stage publish`: info, the fix names the step',
    steps: `      - uses: changesets/action@${'e'.repeat(40)} # v1.5.3\n        with:\n          publish: npm stage publish`,
    expected: [['changesetsActionOld', `changesets/action@${'e'.repeat(40)}`]],
    severities: ['info'],
    data: [{ version: '1.5.3', how: 'pin `jobs.release.steps[1].uses` to the commit SHA of a v1.7.0 or later release, with its `# v1.x.y` comment' }],
  },
  {
    name: 'changesets/action 1.5.3 (SHA) running a script that runs `npm stage publish`: info, the fix names the step, not the script',
    steps: `      - uses: changesets/action@${'e'.repeat(40)} # v1.5.3\n        with:\n          publish: node .github/scripts/stage-packages.mjs`,
    files: { '.github/scripts/stage-packages.mjs': 'import { spawnSync } from "node:child_process";\nspawnSync("npm", ["stage", "publish", "--access", "public"], { stdio: "inherit" });\n' },
    expected: [['changesetsActionOld', `changesets/action@${'e'.repeat(40)}`]],
    severities: ['info'],
    data: [{ version: '1.5.3', how: 'pin `jobs.release.steps[1].uses` to the commit SHA of a v1.7.0 or later release, with its `# v1.x.y` comment' }],
  },
  {
    name: 'changesets/action 1.5.3 running `pnpm stage publish` with pnpm 11.5.0 (after 11.0.6): info',
    steps: '      - uses: changesets/action@v1.5.3\n        with:\n          publish: pnpm stage publish -r',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.5.0' }) },
    expected: [['changesetsActionOld', 'changesets/action@v1.5.3']],
    severities: ['info'],
  },
  {
    name: 'control: changesets/action 1.5.3 running `pnpm publish` with pnpm 11.0.3: a warning',
    steps: '      - uses: changesets/action@v1.5.3\n        with:\n          publish: pnpm publish -r',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.0.3' }) },
    expected: [['changesetsActionOld', 'changesets/action@v1.5.3']],
    severities: ['warning'],
  },
  // `changeset publish` is judged by what it runs (storybookjs/addon-designs: pnpm 10, changesets/action 1.5.3).
  {
    name: 'changesets/action 1.5.3 running `changeset publish` in an npm repository (npm publish): info',
    steps: '      - uses: changesets/action@v1.5.3\n        with:\n          publish: npx changeset publish',
    expected: [['changesetsActionOld', 'changesets/action@v1.5.3']],
    severities: ['info'],
  },
  {
    name: 'changesets/action 1.5.3 running `changeset publish` with pnpm 10 (pnpm publish, which runs npm): info',
    steps: '      - uses: changesets/action@v1.5.3\n        with:\n          publish: pnpm changeset publish',
    files: { 'package.json': pkg({ packageManager: 'pnpm@10.27.0' }) },
    expected: [['changesetsActionOld', 'changesets/action@v1.5.3']],
    severities: ['info'],
  },
  {
    name: 'control: changesets/action 1.5.3 running `changeset publish` with pnpm 11.0.3: a warning',
    steps: '      - uses: changesets/action@v1.5.3\n        with:\n          publish: pnpm changeset publish',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.0.3' }) },
    expected: [['changesetsActionOld', 'changesets/action@v1.5.3']],
    severities: ['warning'],
  },
  {
    name: 'control: changesets/action 1.5.3 running `changeset publish` 3 on Yarn 4 (yarn npm publish): a warning',
    steps: '      - uses: changesets/action@v1.5.3\n        with:\n          publish: yarn changeset publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.12.0', devDependencies: { '@changesets/cli': '^3.0.0' } }), 'yarn.lock': CS_BERRY_LOCK('3.0.0') },
    expected: [['changesetsActionOld', 'changesets/action@v1.5.3']],
    severities: ['warning'],
  },
  { name: 'changesets/action@v1 follows the latest 1.x', steps: '      - uses: changesets/action@v1\n        with:\n          publish: npx changeset publish', expected: [] },
  { name: 'changesets/action 1.4 without publish only versions', steps: '      - uses: changesets/action@v1.4.9', expected: [] },
  // changeset publish: @changesets/cli 3 runs `yarn npm publish` on Yarn 2+ and stops on Yarn 1 (2.x runs npm publish)
  {
    name: 'changeset publish, @changesets/cli 3.0.0 on Yarn 3.6.4: the finding of yarn npm publish',
    steps: '      - run: yarn changeset publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@3.6.4', devDependencies: { '@changesets/cli': '^3.0.0' } }), 'yarn.lock': CS_BERRY_LOCK('3.0.0') },
    expected: [['tooOld', 'yarn changeset publish']],
    data: [{ command: 'changeset publish', tool: 'Yarn', version: '3.6.4', source: '`packageManager` in package.json', required: '4.10' }],
    related: ['package.json:4'],
  },
  {
    name: 'changeset publish, `npx @changesets/cli@3` on Yarn 3.6.4: the pin is changesets\', not Yarn\'s',
    steps: '      - run: npx @changesets/cli@3 publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@3.6.4' }), '.yarnrc.yml': 'nodeLinker: node-modules\n' },
    expected: [['tooOld', 'npx @changesets/cli@3 publish']],
    data: [{ version: '3.6.4' }],
  },
  {
    name: 'changeset publish, @changesets/cli 3 on Yarn 4.12 with an npmAuthToken: the token wins',
    steps: '      - run: yarn changeset publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.12.0', devDependencies: { '@changesets/cli': '^3.0.0' } }), 'yarn.lock': CS_BERRY_LOCK('3.0.0'), '.yarnrc.yml': 'npmAuthToken: ${NPM_TOKEN}\n' },
    expected: [['yarnTokenWins', 'yarn changeset publish']],
  },
  {
    name: 'changeset publish, @changesets/cli 3.0.3 on Yarn 1: changesets stops before publishing',
    steps: '      - run: yarn changeset publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@1.22.22', devDependencies: { '@changesets/cli': '^3.0.3' } }), 'yarn.lock': CS_CLASSIC_LOCK('3.0.3') },
    expected: [['changesetsYarnClassic', 'yarn changeset publish']],
    data: [{ version: '3.0.3', source: 'yarn.lock', required: '3.0.0' }],
  },
  {
    name: 'changeset publish, @changesets/cli 3 on Yarn 4.12',
    steps: '      - run: yarn changeset publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@4.12.0', devDependencies: { '@changesets/cli': '^3.0.0' } }), 'yarn.lock': CS_BERRY_LOCK('3.0.0') },
    expected: [],
  },
  {
    name: 'changeset publish, @changesets/cli 2 on Yarn 3.6.4 runs npm publish (npm-supports-oidc\'s)',
    steps: '      - run: yarn changeset publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@3.6.4', devDependencies: { '@changesets/cli': '^2.29.7' } }), 'yarn.lock': CS_BERRY_LOCK('2.29.7') },
    expected: [],
  },
  {
    name: 'changeset publish, @changesets/cli 2 on Yarn 1 runs npm publish',
    steps: '      - run: yarn changeset publish',
    files: { 'package.json': pkg({ packageManager: 'yarn@1.22.22', devDependencies: { '@changesets/cli': '^2.29.7' } }), 'yarn.lock': CS_CLASSIC_LOCK('2.29.7') },
    expected: [],
  },
  {
    name: 'changeset publish, @changesets/cli 3 in an npm repository runs npm publish',
    steps: '      - run: npx changeset publish',
    files: { 'package.json': pkg({ devDependencies: { '@changesets/cli': '^3.0.0' } }), 'package-lock.json': '{}' },
    expected: [],
  },
  // pnpm 11.0.x
  {
    name: 'pnpm 11.0 with setup-node registry-url',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.0.4' }) },
    expected: [['pnpmStaticToken', 'pnpm publish --no-git-checks']],
    data: [{ version: '11.0.4', token: '`registry-url` of actions/setup-node writes `_authToken=${NODE_AUTH_TOKEN}`' }],
    related: ['package.json:4'],
  },
  {
    // setup-node exports NPM_CONFIG_USERCONFIG naming its `.npmrc`; the step's own `env:` names another file, which npm and pnpm read instead.
    name: "pnpm 11.0: the step's NPM_CONFIG_USERCONFIG replaces setup-node's .npmrc, whose token is not read",
    steps: '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks\n        env:\n          NPM_CONFIG_USERCONFIG: /dev/null',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.0.4' }) },
    expected: [],
  },
  {
    name: 'changeset publish in a pnpm 11.0 repository with a committed .npmrc token',
    steps: '      - uses: pnpm/action-setup@v4\n        with:\n          version: 11.0.2\n      - run: pnpm changeset publish',
    files: { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' },
    expected: [['pnpmStaticToken', 'pnpm changeset publish']],
    data: [{ token: '`//registry.npmjs.org/:_authToken` in .npmrc', how: 'set `version: 11` on `pnpm/action-setup`' }],
  },
  {
    // What runs earlier on the line runs before a publish found through a package.json script too.
    name: 'pnpm 11.0: a token written earlier on the line of a publish through a script',
    steps: '      - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && pnpm run release',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.0.4', scripts: { release: 'pnpm publish --no-git-checks' } }) },
    expected: [['pnpmStaticToken', 'pnpm run release']],
    data: [{ version: '11.0.4', token: 'a command writes `_authToken` (command 1 before the publish)' }],
  },
  // The `.npmrc` files pnpm reads, as the registry decision has them: its directory's, then the root's.
  {
    name: 'pnpm 11.0 in a workspace package reads the root .npmrc token too',
    steps: '      - working-directory: packages/lib\n        run: pnpm publish',
    files: { 'package.json': pkg({ private: true, packageManager: 'pnpm@11.0.4' }), 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n', 'packages/lib/package.json': pkg({ name: 'lib' }), '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' },
    expected: [['pnpmStaticToken', 'pnpm publish']],
    data: [{ token: '`//registry.npmjs.org/:_authToken` in .npmrc' }],
  },
  {
    name: 'pnpm 11.0 in a directory from an input: the .npmrc of the one package it can publish',
    steps: '      - working-directory: ${{ inputs.dir }}\n        run: pnpm publish',
    files: { 'package.json': pkg({ private: true, packageManager: 'pnpm@11.0.4' }), 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n', 'packages/lib/package.json': pkg({ name: 'lib', version: '1.0.0' }), 'packages/lib/.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' },
    expected: [['pnpmStaticToken', 'pnpm publish']],
    data: [{ token: '`//registry.npmjs.org/:_authToken` in packages/lib/.npmrc' }],
  },
  {
    name: 'pnpm 11.0 in a directory from an input: not the .npmrc of one of several packages it may publish',
    steps: '      - working-directory: ${{ inputs.dir }}\n        run: pnpm publish',
    files: {
      'package.json': pkg({ private: true, packageManager: 'pnpm@11.0.4' }),
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/lib/package.json': pkg({ name: 'lib', version: '1.0.0' }),
      'packages/app/package.json': pkg({ name: 'app', version: '1.0.0' }),
      'packages/lib/.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
    },
    expected: [],
  },
  // pnpm 11 before 11.1.3 sends setup-node's unresolved `${NODE_AUTH_TOKEN}` placeholder (inertiajs/inertia: pnpm 11.1.1),
  // unset only with setup-node v7 or later: up to v6 it exports `XXXXX-…`, a static token OIDC overrides from pnpm 11.0.7 (review400 A1).
  {
    name: 'pnpm 11.1.1 after setup-node v7 registry-url without NODE_AUTH_TOKEN',
    steps: '      - uses: pnpm/action-setup@v4\n        with:\n          version: 11.1.1\n      - uses: actions/setup-node@v7\n        with:\n          node-version: 24\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks',
    files: { 'package.json': pkg({}) },
    expected: [['pnpmPlaceholder', 'pnpm publish --no-git-checks']],
    data: [{ version: '11.1.1', required: '11.1.3', token: '`registry-url` of actions/setup-node in `jobs.release.steps[2]`' }],
    severities: ['error'],
  },
  {
    name: "pnpm 11.1.0 after setup-node v7 registry-url, `--userconfig` naming another file: setup-node's placeholder is not read",
    steps: '      - uses: actions/setup-node@v7.0.0\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks --userconfig /dev/null',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) },
    expected: [],
  },
  { name: 'pnpm 11.1.0 after setup-node v7.0.0 registry-url', steps: '      - uses: actions/setup-node@v7.0.0\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks', files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) }, expected: [['pnpmPlaceholder', 'pnpm publish --no-git-checks']], severities: ['error'] },
  { name: 'control: setup-node v6 exports `NODE_AUTH_TOKEN=XXXXX-…` itself, which OIDC overrides', steps: '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks', files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) }, expected: [] },
  { name: 'control: setup-node v4.4.0 the same', steps: '      - uses: actions/setup-node@v4.4.0\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks', files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) }, expected: [] },
  { name: 'control: a SHA with a `# v4` comment the same', steps: '      - uses: actions/setup-node@1a4442cacd436585916779262731d5b162bc6ec7 # v4.4.0\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks', files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) }, expected: [] },
  {
    name: 'setup-node at a SHA without a comment: a warning, worded "may"',
    steps: '      - uses: actions/setup-node@1a4442cacd436585916779262731d5b162bc6ec7\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) },
    expected: [['pnpmPlaceholderMay', 'pnpm publish --no-git-checks']],
    data: [{ doubt: 'setup-node `@1a4442c` is not known to be v7 or later (up to v6 it exports `NODE_AUTH_TOKEN=XXXXX-XXXXX-XXXXX-XXXXX` itself, a static token pnpm 11.0.7 and later let OIDC override)' }],
    severities: ['warning'],
  },
  { name: 'setup-node at a SHA with a `# v7.0.0` comment: a warning (a comment is no proof)', steps: '      - uses: actions/setup-node@1a4442cacd436585916779262731d5b162bc6ec7 # v7.0.0\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks', files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) }, expected: [['pnpmPlaceholderMay', 'pnpm publish --no-git-checks']], severities: ['warning'] },
  { name: 'setup-node at a branch: a warning', steps: '      - uses: actions/setup-node@main\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks', files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) }, expected: [['pnpmPlaceholderMay', 'pnpm publish --no-git-checks']], severities: ['warning'] },
  { name: 'control: an earlier setup-node v6 with registry-url exported the placeholder for the later v7 one', steps: '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n      - uses: actions/setup-node@v7\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks', files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) }, expected: [] },
  {
    name: 'control: registry-url for GitHub Packages, the publish to npmjs: the token is not for that host',
    steps: '      - uses: actions/setup-node@v7\n        with:\n          registry-url: https://npm.pkg.github.com\n      - run: pnpm publish --registry https://registry.npmjs.org/',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) },
    expected: [],
  },
  {
    // The registry is then unknown: a possible trusted publish, which this rule does not judge.
    name: 'control: registry-url from an expression: no error',
    steps: '      - uses: actions/setup-node@v7\n        with:\n          registry-url: ${{ vars.REGISTRY }}\n      - run: pnpm publish --no-git-checks',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) },
    expected: [],
  },
  {
    name: 'control: NODE_AUTH_TOKEN set on the command itself',
    steps: '      - uses: actions/setup-node@v7\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: NODE_AUTH_TOKEN=${{ secrets.NPM_TOKEN }} pnpm publish --no-git-checks',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) },
    expected: [],
  },
  {
    name: 'control: NODE_AUTH_TOKEN exported earlier in the same script',
    steps: '      - uses: actions/setup-node@v7\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: |\n          export NODE_AUTH_TOKEN=${{ secrets.NPM_TOKEN }}\n          pnpm publish --no-git-checks',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) },
    expected: [],
  },
  {
    name: 'an export in an earlier step does not reach the publish step',
    steps: '      - uses: actions/setup-node@v7\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: export NODE_AUTH_TOKEN=${{ secrets.NPM_TOKEN }}\n      - run: pnpm publish --no-git-checks',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }) },
    expected: [['pnpmPlaceholder', 'pnpm publish --no-git-checks']],
    severities: ['error'],
  },
  {
    name: 'control: NODE_AUTH_TOKEN set in the package.json script the publish runs through',
    steps: '      - uses: actions/setup-node@v7\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm run release',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0', scripts: { release: 'NODE_AUTH_TOKEN=$NPM_TOKEN pnpm publish --no-git-checks' } }) },
    expected: [],
  },
  {
    name: 'control: pnpm 11.1.3 after the same registry-url',
    steps: '      - uses: actions/setup-node@v7\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.3' }) },
    expected: [],
  },
  {
    name: 'control: pnpm 11.1.1 with NODE_AUTH_TOKEN set on the publish step',
    steps: '      - uses: actions/setup-node@v7\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish --no-git-checks\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.1' }) },
    expected: [],
  },
  {
    name: 'control: pnpm 11.1.1 without registry-url',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n      - run: pnpm publish --no-git-checks',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.1' }) },
    expected: [],
  },
  { name: 'pnpm 11.1 with a token is fine', steps: '      - run: pnpm publish', files: { 'package.json': pkg({ packageManager: 'pnpm@11.1.0' }), '.npmrc': '//registry.npmjs.org/:_authToken=${T}\n' }, expected: [] },
  { name: 'pnpm 11.0 without a token is fine', steps: '      - run: pnpm publish', files: { 'package.json': pkg({ packageManager: 'pnpm@11.0.4' }) }, expected: [] },
  {
    name: 'pnpm 10 is npm-supports-oidc business',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm publish',
    files: { 'package.json': pkg({ packageManager: 'pnpm@10.20.0' }) },
    expected: [],
  },
  // Rush installs rush.json's pnpm and hands it `.npmrc-publish` as its user configuration (src/model/npm/rush.ts).
  {
    name: 'rush publish with rush.json `pnpmVersion` 11.0.4 and a token in .npmrc-publish (VisActor/VTable\'s line)',
    steps: '      - run: node common/scripts/install-run-rush.js publish --publish --include-all',
    files: { ...RUSH_FILES('11.0.4'), 'common/config/rush/.npmrc-publish': '# the template\n //registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}\n' },
    expected: [['pnpmStaticToken', 'node common/scripts/install-run-rush.js publish --publish --include-all']],
    data: [{ version: '11.0.4', source: '`"pnpmVersion"` in rush.json', token: '`//registry.npmjs.org/:_authToken` in common/config/rush/.npmrc-publish', how: 'set `"pnpmVersion"` in rush.json to "11.0.7" or later' }],
    related: ['rush.json:3'],
  },
  {
    name: 'rush publish: rush.json\'s pnpm, not the job\'s `packageManager` pnpm 11.0.4',
    steps: '      - run: rush publish -p --include-all',
    files: { ...RUSH_FILES('11.1.0'), 'package.json': pkg({ private: true, packageManager: 'pnpm@11.0.4' }), 'common/config/rush/.npmrc-publish': '//registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}\n' },
    expected: [],
  },
  { name: 'rush publish with pnpm 11.0.4 and no token anywhere', steps: '      - run: rush publish -p --include-all', files: RUSH_FILES('11.0.4'), expected: [] },
  {
    name: 'rush publish --apply without --publish publishes nothing',
    steps: '      - run: rush publish --apply',
    files: { ...RUSH_FILES('11.0.4'), 'common/config/rush/.npmrc-publish': '//registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}\n' },
    expected: [],
  },
  // release-plan runs `pnpm publish` where a pnpm-lock.yaml is, the job's pnpm (src/model/npm/release-plan.ts).
  {
    name: 'release-plan publish with pnpm 11.0 and setup-node registry-url (embroider-build/embroider\'s workflow)',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: NPM_CONFIG_PROVENANCE=true pnpm release-plan publish',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.0.4' }), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" },
    expected: [['pnpmStaticToken', 'NPM_CONFIG_PROVENANCE=true pnpm release-plan publish']],
    data: [{ version: '11.0.4' }],
  },
  {
    name: 'release-plan publish without a pnpm-lock.yaml runs npm publish (npm-supports-oidc\'s)',
    steps: '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n      - run: pnpm release-plan publish',
    files: { 'package.json': pkg({ packageManager: 'pnpm@11.0.4' }) },
    expected: [],
  },
  { name: 'plain npm publish', steps: '      - run: npm publish', expected: [] },
  // Ship.js: the tool its publishCommand (ship.config.js, read as text) runs is checked.
  {
    name: 'shipjs trigger whose publishCommand runs lerna 6 (algolia/instantsearch)',
    steps: '      - run: yarn shipjs trigger',
    files: { 'package.json': pkg({ devDependencies: { shipjs: '0.26.0', lerna: '6.0.3' } }), 'ship.config.js': SHIP_LERNA },
    expected: [['tooOld', 'yarn shipjs trigger']],
    data: [{ command: 'lerna publish', tool: 'lerna', version: '6.0.3', required: '9' }],
    related: ['package.json:6'],
  },
  {
    name: 'shipjs trigger whose publishCommand runs lerna 9',
    steps: '      - run: yarn shipjs trigger',
    files: { 'package.json': pkg({ devDependencies: { shipjs: '0.28.2', lerna: '9.0.3' } }), 'ship.config.js': SHIP_LERNA },
    expected: [],
  },
  {
    name: 'shipjs trigger whose publishCommand is a condition: not read, a guess as before',
    steps: '      - run: yarn shipjs trigger',
    files: {
      'package.json': pkg({ devDependencies: { shipjs: '0.26.0', lerna: '6.0.3' } }),
      'ship.config.js': "module.exports = {\n  publishCommand: ({ isYarn }) => (isYarn ? 'yarn lerna publish from-package' : 'npx lerna publish from-package'),\n};\n",
    },
    expected: [],
  },
  // A makefile recipe (`make publish`, read as text): the tool its recipe line runs is checked,
  // the line named as a related location and the makefile in the fix.
  {
    name: 'make publish whose recipe runs yarn publish (Yarn 1), after a prerequisite',
    steps: '      - run: make publish',
    files: { 'yarn.lock': '# yarn lockfile v1\n', Makefile: 'publish: build\n\tyarn publish --non-interactive\n\nbuild:\n\ttsc -p .\n' },
    expected: [['never', 'make publish']],
    data: [{ command: 'yarn publish', path: 'Makefile' }],
    related: ['Makefile:2'],
  },
  { name: 'control: make publish whose recipe runs npm publish', steps: '      - run: make publish', files: { 'yarn.lock': '# yarn lockfile v1\n', Makefile: 'publish:\n\tnpm publish\n' }, expected: [] },
];

/**
 * Yarn Berry reads `YARN_NPM_AUTH_TOKEN` (any case) as `npmAuthToken`, over .yarnrc.yml (react-airplay,
 * nimbus, pikku). [name, the env entry of the workflow / the job / the publish step / an earlier step,
 * the needle of the finding (its first occurrence, in the order workflow, job, earlier step, publish
 * step) or undefined]; the publish is the finding's related location.
 */
const YARN_ENV_CASES: [string, { workflow?: string; job?: string; step?: string; earlier?: string }, string | undefined][] = [
  ['the publish step sets it from a secret (react-airplay)', { step: 'YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}' }, 'YARN_NPM_AUTH_TOKEN'],
  ['the job sets it', { job: 'YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}' }, 'YARN_NPM_AUTH_TOKEN'],
  ['the workflow sets it', { workflow: 'YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}' }, 'YARN_NPM_AUTH_TOKEN'],
  ['Yarn lower-cases the names it reads', { step: 'yarn_npm_auth_token: ${{ secrets.NPM_TOKEN }}' }, 'yarn_npm_auth_token'],
  ['an explicitly empty value sets no token', { step: "YARN_NPM_AUTH_TOKEN: ''" }, undefined],
  ['the step\'s empty value hides the job\'s', { job: 'YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}', step: 'YARN_NPM_AUTH_TOKEN: ""' }, undefined],
  ['a step that is not the publish (the install)', { earlier: 'YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}' }, undefined],
  ['npm\'s variable is no Yarn setting', { step: 'NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}' }, undefined],
  ['Yarn reads no map settings from the environment', { step: 'YARN_NPM_SCOPES_ACME_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}' }, undefined],
];

function yarnEnvWorkflow(env: { workflow?: string; job?: string; step?: string; earlier?: string }): string {
  const block = (indent: string, entry: string | undefined): string[] => (entry ? [`${indent}env:`, `${indent}  ${entry}`] : []);
  return [
    'on: push',
    ...block('', env.workflow),
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    ...block('    ', env.job),
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          node-version: 24',
    '      - run: yarn install --immutable',
    ...block('        ', env.earlier),
    '      - run: yarn npm publish --access public',
    ...block('        ', env.step),
    '',
  ].join('\n');
}

const YARN_ENV_FILES = { 'package.json': pkg({ packageManager: 'yarn@4.12.0' }), '.yarnrc.yml': 'nodeLinker: node-modules\n' };

/** A row's findings: each needle's range in the workflow, the row's data by position. */
const errorsOf = (c: Case, yaml: string): ExpectedFinding[] =>
  c.expected.map(([messageId, needle], i) => ({ messageId, at: loc(yaml, needle), data: c.data?.[i], ...(c.severities?.[i] ? { severity: c.severities[i] } : {}) }));

/** The `file:line` of each finding's first related location, when the row gives them. */
const firstRelated =
  (c: Case) =>
  (found: Diagnostic[]): void => {
    (c.related ?? []).forEach((want, i) => expect(`${found[i]?.related[0]?.file}:${found[i]?.related[0]?.start.line}`).toBe(want));
  };

const filesOf = (c: Case): Record<string, string> => ({ 'package.json': pkg(), ...c.files, [WF]: workflow(c.steps) });

const GITLAB_CI = 'release:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - npm ci\n    - npx semantic-release\n';
const GITLAB_LOCK = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/semantic-release': { version: '24.2.8' }, 'node_modules/@semantic-release/npm': { version: '12.0.2' } } });
const GITLAB_PKG_SR = JSON.stringify({ name: 'w', version: '1.0.0', devDependencies: { 'semantic-release': '^24.2.8' }, repository: { url: 'https://gitlab.com/acme/w' } });

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: [
      ...cases.filter((c) => c.expected.length === 0).map((c) => ({ name: c.name, files: filesOf(c) })),
      ...YARN_ENV_CASES.filter(([, , needle]) => needle === undefined).map(([name, env]) => ({ name: `YARN_NPM_AUTH_TOKEN: ${name}`, files: { ...YARN_ENV_FILES, [WF]: yarnEnvWorkflow(env) } })),
      {
        name: 'GitLab: a version the job installs itself wins over the lockfile',
        files: {
          'package.json': GITLAB_PKG_SR,
          'package-lock.json': GITLAB_LOCK,
          '.gitlab-ci.yml': GITLAB_CI.replace('    - npm ci\n', '    - npm ci\n    - npm install semantic-release@25 @semantic-release/npm@13.1.3 --no-save\n'),
        },
      },
    ],
    invalid: [
      ...cases
        .filter((c) => c.expected.length > 0)
        .map((c) => ({ name: c.name, files: filesOf(c), errors: errorsOf(c, workflow(c.steps)), check: firstRelated(c) })),
      ...YARN_ENV_CASES.filter(([, , needle]) => needle !== undefined).map(([name, env, needle]) => {
        const yaml = yarnEnvWorkflow(env);
        const publish = loc(yaml, 'yarn npm publish').split('-')[0]!;
        const error = { messageId: 'yarnEnvTokenWins', at: loc(yaml, needle!), severity: 'warning' as const, data: { name: needle, command: 'yarn npm publish' }, related: [`${publish} \`yarn npm publish\` runs here`] };
        return { name: `YARN_NPM_AUTH_TOKEN: ${name}`, files: { ...YARN_ENV_FILES, [WF]: yaml }, errors: [error] };
      }),
      {
        name: 'YARN_NPM_AUTH_TOKEN: renders a full message',
        files: { ...YARN_ENV_FILES, [WF]: yarnEnvWorkflow({ job: 'YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}' }) },
        errors: [
          {
            messageId: 'yarnEnvTokenWins',
            at: '8:7-8:26',
            message: '`YARN_NPM_AUTH_TOKEN` in `env` gives `yarn npm publish` an `npmAuthToken`, which Yarn uses instead of OIDC; expected no Yarn token for registry.npmjs.org',
            fix: 'Remove `YARN_NPM_AUTH_TOKEN` from the `env` of the publish (and the secret that feeds it)',
          },
        ],
      },
      {
        name: 'YARN_NPM_AUTH_TOKEN: GitLab `variables:` of the publishing job',
        files: {
          ...YARN_ENV_FILES,
          '.gitlab-ci.yml': 'release:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  variables:\n    YARN_NPM_AUTH_TOKEN: $NPM_TOKEN\n  script:\n    - yarn npm publish\n',
        },
        errors: [{ messageId: 'yarnEnvTokenWins', at: '7:5-7:24', file: '.gitlab-ci.yml', data: { section: 'variables' } }],
      },
      {
        // The project's CI/CD variables are not in the files: NPM_TOKEN may be set (docs/domain.md A.37).
        name: 'GitLab: `${NPM_TOKEN:-}` in .yarnrc.yml, a token whenever NPM_TOKEN has a value',
        files: {
          'package.json': JSON.stringify({ name: '@acme/gl-yarn', version: '1.0.0', packageManager: 'yarn@4.12.0', repository: { url: 'https://gitlab.com/acme/gl-yarn.git' } }),
          '.yarnrc.yml': 'nodeLinker: node-modules\nnpmAuthToken: "${NPM_TOKEN:-}"\n',
          '.gitlab-ci.yml': 'publish:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - corepack enable\n    - yarn npm publish --access public\n',
        },
        errors: [
          {
            messageId: 'yarnTokenWins',
            at: '8:7-8:39',
            file: '.gitlab-ci.yml',
            severity: 'warning',
            message: '`yarn npm publish` uses `npmAuthToken` from .yarnrc.yml instead of OIDC whenever `NPM_TOKEN` has a value; expected no `npmAuthToken` for registry.npmjs.org',
          },
        ],
      },
      {
        name: 'renders a full message',
        files: { 'package.json': pkg(), [WF]: workflow('      - run: npx semantic-release@24') },
        errors: [
          {
            messageId: 'tooOld',
            at: loc(workflow('      - run: npx semantic-release@24'), 'npx semantic-release@24'),
            severity: 'error',
            message: '`semantic-release` runs semantic-release "24" ("npx semantic-release@24"); trusted publishing needs semantic-release 25 or later',
            why: expect.stringMatching(/ENONPMTOKEN/),
            fix: 'Upgrade semantic-release to 25 or later: change the version in "npx semantic-release@24" (`jobs.release.steps[1]`) to `semantic-release@25`',
          },
        ],
      },
      {
        name: 'reports the unknown and advisory cases as warnings',
        files: { 'package.json': pkg(), [WF]: workflow('      - run: lerna publish') },
        errors: [{ messageId: 'unknown', at: loc(workflow('      - run: lerna publish'), 'lerna publish'), severity: 'warning' }],
      },
      {
        name: 'changeset publish on Yarn 3.6.4 with no @changesets/cli version: Yarn\'s finding as a warning (3.x only)',
        files: CS_UNSURE,
        errors: [{ messageId: 'tooOld', at: loc(CS_UNSURE[WF], 'yarn changeset publish'), severity: 'warning', why: expect.stringMatching(/^if its @changesets\/cli is 3\.x/) }],
      },
      {
        name: 'changeset publish of @changesets/cli 3 on Yarn 1 is an error',
        files: { 'package.json': pkg({ packageManager: 'yarn@1.22.22', devDependencies: { '@changesets/cli': '3.0.1' } }), [WF]: workflow('      - run: yarn changeset publish') },
        errors: [
          {
            messageId: 'changesetsYarnClassic',
            at: loc(workflow('      - run: yarn changeset publish'), 'yarn changeset publish'),
            severity: 'error',
            message: '`changeset publish` runs @changesets/cli "3.0.1" (`devDependencies` in package.json) with Yarn 1 (package.json has "packageManager": "yarn@1.22.22"); @changesets/cli 3.0.0 and later do not publish with Yarn 1',
          },
        ],
      },
      {
        name: 'GitLab: semantic-release from the lockfile, too old for OIDC',
        files: { 'package.json': GITLAB_PKG_SR, 'package-lock.json': GITLAB_LOCK, '.gitlab-ci.yml': GITLAB_CI },
        errors: [{ messageId: 'tooOld', at: '8:7-8:27', file: '.gitlab-ci.yml', data: { version: '12.0.2' } }],
      },
    ],
    notCovered: { ...Object.fromEntries(['circleciTooOld', 'circleciNever', 'circleciNotYet', 'circleciYarnTooOld', 'circleciTokenVerify'].map((id) => [id, 'CircleCI: circleci.test.ts'])), releaseItPluginChecks: 'release-it-plugins.test.ts', yarnTokenKept: 'CircleCI: circleci.test.ts' },
  });
});

describe('publish-tool-supports-oidc: a publish under an if: tp-doctor cannot evaluate, beside one whose tool can publish (audit1208 o01/o03, A.66)', () => {
  const SETUP = "    runs-on: ubuntu-latest\n    permissions: { id-token: write, contents: read }\n    steps:\n      - uses: actions/setup-node@v4\n        with: { node-version: 24 }\n";
  const steps = (first: string, second: string): string =>
    `on: release\njobs:\n  release:\n${SETUP}      - if: ${first}\n        run: yarn publish --non-interactive\n      - if: ${second}\n        run: npm publish\n`;
  const jobs = (bunIf: string, npmIf: string): string =>
    `on: release\njobs:\n  npm:\n    if: ${npmIf}\n${SETUP}      - run: npm publish\n  bun:\n    if: ${bunIf}\n${SETUP}      - run: bun publish\n`;
  const lintWorkflow = async (yaml: string): Promise<Diagnostic[]> =>
    lintFiles({ 'package.json': pkg(), 'tp-doctor.yml': publisherConfig({}), [WF]: yaml }, { rule: RULE });
  const brief = (found: Diagnostic[]): string[] => found.map((d) => `${d.messageId}@${d.severity} ${d.line}`);

  it('a Yarn 1 publish step under `if: vars.X`, an npm publish step under its negation: a warning naming the if: and the other publish', async () => {
    const found = await lintWorkflow(steps("vars.USE_YARN == 'true'", "vars.USE_YARN != 'true'"));
    expect(brief(found)).toEqual(['never@warning 10']);
    expect(found[0]?.related?.map((r) => `${r.start.line} ${r.label}`)).toEqual([
      "9 the step's `if:`, which tp-doctor cannot evaluate, decides whether this publish runs",
      '12 step 3 of job "release" also publishes, without this problem',
    ]);
  });
  it('a `bun publish` job under `if: vars.X`, an npm publish job under its negation: a warning', async () => {
    const found = await lintWorkflow(jobs("vars.USE_BUN == 'true'", "vars.USE_BUN != 'true'"));
    expect(brief(found)).toEqual(['never@warning 18']);
    expect(found[0]?.related?.map((r) => `${r.start.line} ${r.label}`)).toEqual([
      "12 the job's `if:`, which tp-doctor cannot evaluate, decides whether this publish runs",
      '10 job "npm" also publishes, without this problem',
    ]);
  });
  it('control: an if: that holds on the trigger runs the Yarn 1 publish: the error stays', async () => {
    expect(brief(await lintWorkflow(steps("github.event_name == 'release'", "vars.USE_YARN != 'true'")))).toEqual(['never@error 10']);
  });
  it('control: no other publish of the workflow can publish with trusted publishing: the error stays', async () => {
    const yaml = steps("vars.USE_YARN == 'true'", "vars.USE_YARN != 'true'").replace('run: npm publish', 'run: yarn publish');
    expect(brief(await lintWorkflow(yaml))).toEqual(['never@error 10', 'never@error 12']);
  });
  it('control: an if: that picks a matrix leg still publishes in that leg: the error stays', async () => {
    const yaml = steps('matrix.node == env.LATEST', "vars.USE_YARN != 'true'").replace('    steps:', '    strategy: { matrix: { node: [22, 24] } }\n    steps:');
    expect(brief(await lintWorkflow(yaml))).toEqual(['never@error 11']);
  });
  it('control: a job under `if: vars.X` whose steps all run Bun: the job-level if: alone keeps the error when no other job publishes', async () => {
    const yaml = jobs("vars.USE_BUN == 'true'", "vars.USE_BUN != 'true'").replace(/ {2}npm:[\s\S]*?(?= {2}bun:)/, '');
    expect(brief(await lintWorkflow(yaml))).toEqual(['never@error 10']);
  });
});
