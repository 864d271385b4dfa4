import { describe, expect, it } from 'vitest';
import { circleConfig, circleRepo, lintFiles, publisherConfig, releaseWorkflow as workflow } from '../../test/helpers.js';
import { fromRuleCases, ruleTester, type RuleCase } from '../../test/rule-tester.js';

const RULE = 'provenance-settings';

const PRIVATE = `${publisherConfig({})}repository:\n  visibility: private\n`;
const PUBLIC = `${publisherConfig({})}repository:\n  visibility: public\n`;

/** Pretty-printed: `publishConfig` on line 8, its first key on line 9. */
function pkg(fields: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ name: 'widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' }, ...fields }, null, 2)}\n`;
}

function repo(files: Record<string, string>, config = PRIVATE): Record<string, string> {
  return { 'package.json': pkg(), '.github/workflows/release.yml': workflow(), 'tp-doctor.yml': config, ...files };
}

/** A package `lib` in `packages/lib`, of a pnpm workspace or of the root package.json `workspaces`. */
const pnpmWorkspace = { 'package.json': JSON.stringify({ name: 'root', private: true }), 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n', 'packages/lib/package.json': pkg({ name: 'lib' }) };
const npmWorkspaces = { ...pnpmWorkspace, 'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }) };
const inLib = ['        working-directory: packages/lib'];

const cases: RuleCase[] = [
  { name: 'private repository, provenance left alone', files: repo({}), want: [] },
  {
    name: '--provenance in a private repository',
    files: repo({ '.github/workflows/release.yml': workflow('npm publish --provenance --access public') }),
    want: ['forcedInPrivate@14:26-14:38'],
    data: { source: '`--provenance` on `npm publish` in job "publish"' },
  },
  {
    name: '--provenance in a multi-line command: the whole command',
    files: repo({ '.github/workflows/release.yml': workflow('|', ['          npm publish \\', '            --provenance']) }),
    want: ['forcedInPrivate@15:11-16:25'],
  },
  {
    name: 'NPM_CONFIG_PROVENANCE=true on the step',
    files: repo({ '.github/workflows/release.yml': workflow('npm publish', ['        env:', '          NPM_CONFIG_PROVENANCE: true']) }),
    want: ['forcedInPrivate@16:34-16:38'],
    data: { source: '`NPM_CONFIG_PROVENANCE: true` in `env`' },
  },
  {
    name: '.npmrc provenance=true',
    files: repo({ '.npmrc': 'save-exact=true\nprovenance = true\n' }),
    want: ['forcedInPrivate@2:1-2:18'],
    data: { source: '`provenance=true` in `.npmrc`' },
  },
  {
    name: 'publishConfig.provenance: true',
    files: repo({ 'package.json': pkg({ publishConfig: { provenance: true } }) }),
    want: ['forcedInPrivate@9:19-9:23'],
    data: { source: '`publishConfig.provenance: true` in `package.json`' },
  },
  {
    name: 'forced provenance in a public repository is fine',
    files: repo({ '.github/workflows/release.yml': workflow('npm publish --provenance'), '.npmrc': 'provenance=true\n' }, PUBLIC),
    want: [],
  },
  {
    name: 'visibility not declared: assumed public',
    files: repo({ '.github/workflows/release.yml': workflow('npm publish --provenance') }, publisherConfig({})),
    want: [],
  },
  {
    name: 'forced in a private workspace package that is never published',
    files: repo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      'packages/b/package.json': pkg({ name: '@acme/b', private: true, publishConfig: { provenance: true } }),
      '.github/workflows/release.yml': workflow('npm publish --workspaces'),
    }),
    want: [],
  },
  // The `.npmrc` files a publish reads are those its registry decision reads: `npm publish` the
  // project `.npmrc` of its local prefix only (the nearest package.json directory, or the root for a
  // member of package.json `workspaces`).
  {
    name: 'root .npmrc provenance=true, npm publish in a package of a pnpm workspace: npm never reads the root file there',
    files: repo({ ...pnpmWorkspace, '.npmrc': 'provenance=true\n', '.github/workflows/release.yml': workflow('npm publish', inLib) }),
    want: [],
  },
  {
    name: 'the package\'s own .npmrc provenance=true, npm publish in it: reported',
    files: repo({ ...pnpmWorkspace, 'packages/lib/.npmrc': 'provenance=true\n', '.github/workflows/release.yml': workflow('npm publish', inLib) }),
    want: ['forcedInPrivate@1:1-1:16'],
    data: { source: '`provenance=true` in `packages/lib/.npmrc`' },
  },
  {
    name: 'the package\'s .npmrc provenance=true, npm publish in a member of package.json workspaces: npm reads the root\'s only',
    files: repo({ ...npmWorkspaces, 'packages/lib/.npmrc': 'provenance=true\n', '.github/workflows/release.yml': workflow('npm publish', inLib) }),
    want: [],
  },
  {
    name: 'root .npmrc provenance=true, pnpm publish in a package: pnpm reads the root\'s',
    files: repo({ ...pnpmWorkspace, '.npmrc': 'provenance=true\n', '.github/workflows/release.yml': workflow('pnpm publish', inLib) }),
    want: ['forcedInPrivate@1:1-1:16'],
    data: { source: '`provenance=true` in `.npmrc`' },
  },
  {
    name: 'publishConfig.provenance: false in a package published by npm from its directory, root .npmrc provenance=false not read',
    files: repo(
      { ...pnpmWorkspace, 'packages/lib/package.json': pkg({ name: 'lib', publishConfig: { provenance: false } }), '.npmrc': 'provenance=false\n', '.github/workflows/release.yml': workflow('npm publish', inLib) },
      PUBLIC,
    ),
    want: ['publishConfigFalse@9:19-9:24'],
    data: { file: 'packages/lib/package.json' },
  },
  {
    name: 'publishConfig.provenance: false in a member of package.json workspaces with the package\'s .npmrc provenance=false (not read by npm)',
    files: repo(
      { ...npmWorkspaces, 'packages/lib/package.json': pkg({ name: 'lib', publishConfig: { provenance: false } }), 'packages/lib/.npmrc': 'provenance=false\n', '.github/workflows/release.yml': workflow('npm publish', inLib) },
      PUBLIC,
    ),
    want: ['publishConfigFalse@9:19-9:24'],
    data: { file: 'packages/lib/package.json' },
  },
  {
    name: 'publishConfig.provenance: false in a public repository',
    files: repo({ 'package.json': pkg({ publishConfig: { access: 'public', provenance: false } }) }, PUBLIC),
    want: ['publishConfigFalse@10:19-10:24'],
    data: { file: 'package.json' },
  },
  {
    name: 'publishConfig.provenance: false with .npmrc provenance=false',
    files: repo({ 'package.json': pkg({ publishConfig: { provenance: false } }), '.npmrc': 'provenance=false\n' }, PUBLIC),
    want: [],
  },
  {
    name: 'publishConfig.provenance: false with --no-provenance',
    files: repo({ 'package.json': pkg({ publishConfig: { provenance: false } }), '.github/workflows/release.yml': workflow('npm publish --no-provenance') }, PUBLIC),
    want: [],
  },
  {
    name: 'publishConfig.provenance: false in a private repository is moot',
    files: repo({ 'package.json': pkg({ publishConfig: { provenance: false } }) }),
    want: [],
  },
  {
    name: 'publishConfig.provenance: false on a private package',
    files: repo({ 'package.json': pkg({ private: true, publishConfig: { provenance: false } }) }, PUBLIC),
    want: [],
  },
  {
    name: 'NPM_CONFIG_PROVENANCE=true on the publish command in a private repository',
    files: repo({ '.github/workflows/release.yml': workflow('NPM_CONFIG_PROVENANCE=true npm publish') }),
    want: ['forcedInPrivate@14:14-14:52'],
    data: { source: '`NPM_CONFIG_PROVENANCE=true` on the command of `npm publish`' },
  },
  {
    name: '`"release": "env npm_config_provenance=true npm publish"` in a private repository',
    files: repo({ 'package.json': pkg({ scripts: { release: 'env npm_config_provenance=true npm publish' } }), '.github/workflows/release.yml': workflow('npm run release') }),
    want: ['forcedInPrivate@14:14-14:29'],
  },
  // One setting decides a publish, in npm's order; npm's environment config counts only for the npm CLI (A.13).
  {
    name: '`--provenance=false` on the command wins over `NPM_CONFIG_PROVENANCE=true` on it: silent',
    files: repo({ '.github/workflows/release.yml': workflow('NPM_CONFIG_PROVENANCE=true npm publish --provenance=false') }),
    want: [],
  },
  {
    name: '`--no-provenance` on the command wins over `NPM_CONFIG_PROVENANCE=true` on it: silent',
    files: repo({ '.github/workflows/release.yml': workflow('NPM_CONFIG_PROVENANCE=true npm publish --no-provenance') }),
    want: [],
  },
  {
    name: '`--no-provenance` on the command wins over `NPM_CONFIG_PROVENANCE: "true"` in the step\'s `env`: silent',
    files: repo({ '.github/workflows/release.yml': workflow('npm publish --no-provenance', ['        env: {NPM_CONFIG_PROVENANCE: "true"}']) }),
    want: [],
  },
  {
    name: '`--provenance` on the command wins over `NPM_CONFIG_PROVENANCE=false`: still forced',
    files: repo({ '.github/workflows/release.yml': workflow('NPM_CONFIG_PROVENANCE=false npm publish --provenance') }),
    want: ['forcedInPrivate@14:54-14:66'],
  },
  {
    name: '`NPM_CONFIG_PROVENANCE=true yarn npm publish`: Yarn Berry reads its own `npmPublishProvenance`, silent',
    files: repo({ '.github/workflows/release.yml': workflow('NPM_CONFIG_PROVENANCE=true yarn npm publish') }),
    want: [],
  },
  {
    name: '`NPM_CONFIG_PROVENANCE: "true"` in the step\'s `env` of `yarn npm publish`: silent',
    files: repo({ '.github/workflows/release.yml': workflow('yarn npm publish', ['        env: {NPM_CONFIG_PROVENANCE: "true"}']) }),
    want: [],
  },
  {
    name: '`NPM_CONFIG_PROVENANCE=true pnpm publish` with no pnpm pinned (pnpm 11 publishes by itself): silent',
    files: repo({ '.github/workflows/release.yml': workflow('NPM_CONFIG_PROVENANCE=true pnpm publish') }),
    want: [],
  },
  {
    name: '`NPM_CONFIG_PROVENANCE=true pnpm publish` with pnpm 10 pinned (it runs npm publish): forced',
    files: repo({ 'package.json': pkg({ packageManager: 'pnpm@10.12.1' }), '.github/workflows/release.yml': workflow('NPM_CONFIG_PROVENANCE=true pnpm publish') }),
    want: ['forcedInPrivate@14:14-14:53'],
  },
];

describe(RULE, () => {

  it('renders the full message', async () => {
    const [d] = await lintFiles(repo({ '.github/workflows/release.yml': workflow('npm publish --provenance') }), { rule: RULE });
    expect(d?.message).toBe('Provenance is forced by `--provenance` on `npm publish` in job "publish", but the repository is declared private');
    expect(d?.why).toContain('E422');
    expect(d?.severity).toBe('error');
  });

  it('reports an ineffective publishConfig.provenance: false as info, with the switches that work', async () => {
    const [d] = await lintFiles(repo({ 'package.json': pkg({ publishConfig: { provenance: false } }) }, PUBLIC), { rule: RULE });
    expect(d?.severity).toBe('info');
    expect(d?.fix).toContain('`provenance=false` in `.npmrc`');
    expect(d?.fix).toContain('`--no-provenance`');
  });
});

const CIRCLE_TOKEN = `export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`;
/** The publishing step: the export on line 9, `<cmd>` on line 10 (column 11). */
const circleStep = (cmd: string): string => `- run: |\n          ${CIRCLE_TOKEN}\n          ${cmd}`;
const circleFiles = (cmd: string, extra: Record<string, string> = {}, jobExtra: string[] = []): Record<string, string> =>
  circleRepo(circleConfig([circleStep(cmd)], 'cimg/node:24.15', jobExtra), undefined, extra);

const circleCases: RuleCase[] = [
  { name: 'CircleCI without a provenance setting: silent (automatic provenance skips CircleCI)', files: circleFiles('npm publish'), want: [] },
  {
    name: '--provenance on CircleCI fails the publish',
    files: circleFiles('npm publish --provenance --access public'),
    want: ['circleciForced@10:23-10:35'],
    data: { source: '`--provenance` on `npm publish` in job "publish"', command: 'npm publish', job: 'publish' },
  },
  {
    name: 'publishConfig.provenance: true on CircleCI',
    files: circleFiles('npm publish', { 'package.json': pkg({ publishConfig: { provenance: true } }) }),
    want: ['circleciForced@9:19-9:23'],
    related: ['`npm publish` runs here'],
  },
  {
    name: '--no-provenance on the command wins over publishConfig: silent',
    files: circleFiles('npm publish --no-provenance', { 'package.json': pkg({ publishConfig: { provenance: true } }) }),
    want: [],
  },
  {
    name: '.npmrc provenance=true on CircleCI',
    files: circleFiles('npm publish', { '.npmrc': 'provenance=true\n' }),
    want: ['circleciForced@1:1-1:16'],
  },
  {
    name: 'NPM_CONFIG_PROVENANCE in the job environment on CircleCI',
    files: circleFiles('npm publish', {}, ['environment:', '  NPM_CONFIG_PROVENANCE: "true"']),
    want: ['circleciForced@12:30-12:36'],
  },
  {
    name: 'in a private repository a CircleCI --provenance is reported once, as circleciForced',
    files: { ...circleFiles('npm publish --provenance'), 'tp-doctor.yml': 'repository:\n  visibility: private\n' },
    want: ['circleciForced@10:23-10:35'],
  },
  {
    name: 'root .npmrc provenance=true on CircleCI, npm publish in a package of a pnpm workspace: not read there',
    files: circleFiles('cd packages/lib && npm publish', { ...pnpmWorkspace, '.npmrc': 'provenance=true\n' }),
    want: [],
  },
  {
    name: 'the package\'s .npmrc provenance=true on CircleCI, npm publish in it',
    files: circleFiles('cd packages/lib && npm publish', { ...pnpmWorkspace, 'packages/lib/.npmrc': 'provenance=true\n' }),
    want: ['circleciForced@1:1-1:16'],
    data: { source: '`provenance=true` in `packages/lib/.npmrc`' },
  },
  {
    name: 'publishConfig.provenance: false is no problem on CircleCI',
    files: circleFiles('npm publish', { 'package.json': pkg({ publishConfig: { provenance: false } }) }),
    want: [],
  },
  // NPM_CONFIG_PROVENANCE set in the publish's own shell (the model's `commandEnv` switch), over the CI file's environment.
  {
    name: 'CircleCI: `"release": "cross-env NPM_CONFIG_PROVENANCE=true npm publish"` run by the step forces it',
    files: circleFiles('npm run release', { 'package.json': pkg({ scripts: { release: 'cross-env NPM_CONFIG_PROVENANCE=true npm publish' } }) }),
    want: ['circleciForced@10:11-10:26'],
    data: { source: '`NPM_CONFIG_PROVENANCE=true` in the `release` script of `npm publish`' },
  },
  {
    name: 'CircleCI: `export NPM_CONFIG_PROVENANCE=true` earlier in the step forces it',
    files: circleFiles('export NPM_CONFIG_PROVENANCE=true\n          npm publish'),
    want: ['circleciForced@11:11-11:22'],
    data: { source: '`NPM_CONFIG_PROVENANCE=true` earlier in its script of `npm publish`' },
  },
  {
    name: 'CircleCI: a bare assignment earlier in the step, not exported and not in the environment: npm does not see it',
    files: circleFiles('NPM_CONFIG_PROVENANCE=true\n          npm publish'),
    want: [],
  },
  {
    name: 'CircleCI: `npm_config_provenance=false` on the command wins over the job environment: silent',
    files: circleFiles('npm_config_provenance=false npm publish', {}, ['environment:', '  NPM_CONFIG_PROVENANCE: "true"']),
    want: [],
  },
  {
    name: 'CircleCI: a value tp-doctor cannot read on the command hides the job environment\'s: silent',
    files: circleFiles('NPM_CONFIG_PROVENANCE="$PROV" npm publish', {}, ['environment:', '  NPM_CONFIG_PROVENANCE: "true"']),
    want: [],
  },
  {
    name: 'CircleCI: an export in an earlier step does not reach the publish (its own shell)',
    files: circleRepo(circleConfig(['- run: export NPM_CONFIG_PROVENANCE=true', circleStep('npm publish')], 'cimg/node:24.15'), undefined, {}),
    want: [],
  },
];

describe(`${RULE} (CircleCI)`, () => {

  it('names the libnpmpublish error', async () => {
    const [d] = await lintFiles(circleFiles('npm publish --provenance'), { rule: RULE });
    expect(d?.severity).toBe('error');
    expect(d?.why).toContain('Automatic provenance generation not supported for provider: CircleCI');
  });
});

/** release.yml whose job `publish` grants `permissions` (default: `contents: read`, no `id-token`); the publish on line 14. */
const noIdToken = (publish: string, permissions = '      contents: read', extra: string[] = []): string =>
  workflow(publish, extra).replace('      id-token: write', permissions);
const TOKEN_STEP = ['        env:', '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}'];

// survey1208b: a token publish that forces provenance in a job without `id-token: write` fails today
// (libnpmpublish `ensureProvenanceGeneration`), whatever the token.
const idTokenCases: RuleCase[] = [
  {
    name: '--provenance in a job without id-token: write (public repository)',
    files: repo({ '.github/workflows/release.yml': noIdToken('npm publish --provenance --access public') }, PUBLIC),
    want: ['githubForcedNoIdToken@14:26-14:38'],
    data: { source: '`--provenance` on `npm publish` in job "publish"', job: 'publish' },
  },
  {
    name: 'NPM_CONFIG_PROVENANCE: true on the step, no permissions anywhere (the repository default has no id-token)',
    files: repo({ '.github/workflows/release.yml': noIdToken('npm publish', '      contents: read', ['        env:', '          NPM_CONFIG_PROVENANCE: true']).replace('    permissions:\n      contents: read\n', '') }, PUBLIC),
    want: ['githubForcedNoIdToken@14:34-14:38'],
  },
  {
    name: 'control: --provenance with id-token: write',
    files: repo({ '.github/workflows/release.yml': workflow('npm publish --provenance --access public') }, PUBLIC),
    want: [],
  },
  {
    name: 'control: a called workflow with no permissions of its own: its caller decides, not judged',
    files: repo({ '.github/workflows/release.yml': noIdToken('npm publish --provenance').replace("  push:\n    tags: ['v*']", '  workflow_call:').replace('    permissions:\n      contents: read\n', '') }, PUBLIC),
    want: [],
  },
  {
    name: 'control: npm older than 9.5.0 (Node 16 bundles npm 8) ignores --provenance and publishes (review 1208b)',
    files: repo({ '.github/workflows/release.yml': noIdToken('npm publish --provenance --access public').replace('node-version: 24', 'node-version: 16') }, PUBLIC),
    want: [],
  },
  {
    name: 'in a private repository the forced flag is said once, as the missing ID token (review 1208b)',
    files: repo({ '.github/workflows/release.yml': noIdToken('npm publish --provenance --access public') }),
    want: ['githubForcedNoIdToken@14:26-14:38'],
  },
  {
    name: 'control: --no-provenance wins, nothing is signed',
    files: repo({ '.github/workflows/release.yml': noIdToken('npm publish --no-provenance', '      contents: read', ['        env:', '          NPM_CONFIG_PROVENANCE: true']) }, PUBLIC),
    want: [],
  },
];

describe(`${RULE} (GitHub job without id-token: write)`, () => {
  it('an npm tp-doctor cannot tell (a self-hosted runner, no setup-node): a warning, not an error (review 1208b)', async () => {
    const yml = noIdToken('npm publish --provenance --access public').replace('runs-on: ubuntu-latest', 'runs-on: [self-hosted, linux]').replace('      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n', '');
    const found = await lintFiles(repo({ '.github/workflows/release.yml': yml }, PUBLIC), { rule: RULE });
    expect(found.map((d) => `${d.messageId} ${d.severity} ${d.line}`)).toEqual(['githubForcedNoIdToken warning 11']);
  });

  it('stays an error with a long-lived token and no declared publisher, and names the npm error', async () => {
    const files = { 'package.json': pkg(), '.github/workflows/release.yml': noIdToken('npm publish --provenance --access public', '      contents: read', TOKEN_STEP) };
    const found = await lintFiles(files, { rule: RULE });
    expect(found.map((d) => `${d.messageId} ${d.severity}`)).toEqual(['githubForcedNoIdToken error']);
    expect(found[0]?.why).toContain('Provenance generation in GitHub Actions requires \\"write\\" access to the \\"id-token\\" permission');
    expect(found[0]?.why).toContain('whatever npm token the job has');
  });
});

describe(`${RULE}: rule tester`, () => {
  ruleTester.run(RULE, fromRuleCases([...cases, ...circleCases, ...idTokenCases]));
});

describe(`${RULE}: a publish an if: tp-doctor cannot evaluate chooses, and a flag over publishConfig (audit1208 s01/s02/s04, A.66)`, () => {
  const brief = async (files: Record<string, string>): Promise<string[]> =>
    (await lintFiles(repo(files), { rule: RULE })).map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`);
  const twoSteps = (forcedIf: string, otherIf: string, other = 'npm publish'): string =>
    workflow(`npm publish --provenance`, [`      - if: ${otherIf}`, `        run: ${other}`]).replace('      - run: npm publish --provenance', `      - if: ${forcedIf}\n        run: npm publish --provenance`);
  it('`--provenance` on a publish step under `if: vars.X`, a publish without it under the negation: a warning naming the if: and the other publish', async () => {
    const found = await lintFiles(repo({ '.github/workflows/release.yml': twoSteps("vars.PROVENANCE == 'true'", "vars.PROVENANCE != 'true'") }), { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.line}`)).toEqual(['forcedInPrivate@warning 15']);
    expect(found[0]?.related?.map((r) => `${r.start.line} ${r.label}`)).toEqual([
      "14 the step's `if:`, which tp-doctor cannot evaluate, decides whether this publish runs",
      '17 step 3 of job "publish" also publishes, without this problem',
    ]);
  });
  it('`--provenance` under `if: ${{ !github.event.repository.private }}` (a guard tp-doctor does not read): a warning, not an error', async () => {
    expect(await brief({ '.github/workflows/release.yml': twoSteps('${{ !github.event.repository.private }}', 'github.event.repository.private') })).toEqual([
      'forcedInPrivate@warning .github/workflows/release.yml:15',
    ]);
  });
  it('control: both publishes force provenance: whichever runs is refused, the errors stay', async () => {
    expect(await brief({ '.github/workflows/release.yml': twoSteps("vars.PROVENANCE == 'true'", "vars.PROVENANCE != 'true'", 'npm publish --provenance') })).toEqual([
      'forcedInPrivate@error .github/workflows/release.yml:15',
      'forcedInPrivate@error .github/workflows/release.yml:17',
    ]);
  });
  it('control: an if: that holds on the trigger runs the publish: the error stays', async () => {
    expect(await brief({ '.github/workflows/release.yml': twoSteps("github.event_name == 'push'", "vars.PROVENANCE != 'true'") })).toEqual(['forcedInPrivate@error .github/workflows/release.yml:15']);
  });
  it('`publishConfig.provenance: true` while every publish of the package passes `--no-provenance`: the flag wins (npm drops publishConfig keys given on the command line), silent', async () => {
    expect(await brief({ 'package.json': pkg({ publishConfig: { provenance: true } }), '.github/workflows/release.yml': workflow('npm publish --no-provenance') })).toEqual([]);
  });
  it('control: `publishConfig.provenance: true` with a publish that leaves the flag out: the error stays', async () => {
    expect(await brief({ 'package.json': pkg({ publishConfig: { provenance: true } }), '.github/workflows/release.yml': workflow('npm publish') })).toEqual(['forcedInPrivate@error package.json:9']);
  });
  it('control: `publishConfig.provenance: true`, one publish with `--no-provenance` and one without: the error stays', async () => {
    const yaml = workflow('npm publish --no-provenance', ['      - run: npm publish --tag next']);
    expect(await brief({ 'package.json': pkg({ publishConfig: { provenance: true } }), '.github/workflows/release.yml': yaml })).toEqual(['forcedInPrivate@error package.json:9']);
  });
});

describe(`${RULE}: CircleCI, --provenance in a step under a when: tp-doctor cannot decide (audit1208 cc03, A.66)`, () => {
  const params = 'parameters:\n  provenance:\n    type: boolean\n    default: false\n';
  const guarded = (kind: 'when' | 'unless', command: string): string =>
    `- ${kind}:\n          condition: << pipeline.parameters.provenance >>\n          steps:\n            - run: export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}') && ${command}`;
  const files = (forced: string, other: string): Record<string, string> => ({
    ...circleRepo(circleConfig([guarded('when', forced), guarded('unless', other)]).replace('jobs:\n', `${params}jobs:\n`)),
  });
  const brief = async (f: Record<string, string>): Promise<string[]> => (await lintFiles(f, { rule: RULE })).map((d) => `${d.messageId}@${d.severity} ${d.line}`);
  it('`--provenance` in the `when:` step, a plain publish in the `unless:` step: a warning naming the condition and the other publish', async () => {
    const found = await lintFiles(files('npm publish --provenance', 'npm publish'), { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.line}`)).toEqual(['circleciForced@warning 15']);
    expect(found[0]?.related?.map((r) => r.label)).toEqual([
      '`npm publish` runs here',
      'a `when:`/`unless:` condition tp-doctor cannot decide (a pipeline parameter, a logic statement) decides whether this step runs',
      '`npm publish` here forces no provenance',
    ]);
  });
  it('control: both steps force provenance: the errors stay', async () => {
    expect(await brief(files('npm publish --provenance', 'npm publish --provenance --tag next'))).toEqual(['circleciForced@error 15', 'circleciForced@error 19']);
  });
});
