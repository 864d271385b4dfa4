import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { circleConfig, circleRepo, GITHUB_PKG, GITLAB_PKG, lintFiles, releaseRepo as repo, setupNodeWorkflow } from '../../test/helpers.js';
import { fromRuleCases, ruleTester, type RuleCase } from '../../test/rule-tester.js';

const RULE = 'npm-upgrade-compatible';

/** The `publish` job: setup-node with `node-version: <node>` (none when undefined) on lines 11–13, then `steps` from line 14 (11 without setup-node). */
function workflow(nodeVersion: string | undefined, steps: string, jobExtra = ''): string {
  return setupNodeWorkflow(nodeVersion === undefined ? '' : `          node-version: ${nodeVersion}\n`, steps, jobExtra);
}

/** A deploy job with ioBroker/testing-action-deploy@v1 (its `uses:` on line 12), given `node-version: <node>` and `extra` inputs. */
const IOBROKER = (node: string, extra = ''): string =>
  `on:\n  push:\n    tags: ['v*']\njobs:\n  release:\n    runs-on: ubuntu-latest\n    environment: npm\n    permissions:\n      contents: write\n      id-token: write\n    steps:\n      - uses: ioBroker/testing-action-deploy@v1\n        with:\n          node-version: '${node}'\n          github-token: \${{ secrets.GITHUB_TOKEN }}\n${extra}`;

/** A release job on setup-node's Node 24.15 with `steps` from line 16. */
const FLAG_WORKFLOW = (steps: string): string =>
  `name: Release\non:\n  push:\n    tags: ['v*']\npermissions:\n  contents: read\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: actions/setup-node@v5\n        with:\n          node-version: '24.15'\n${steps}`;

const NPM12 = '^22.22.2 || ^24.15.0 || >=26.0.0';

const cases: RuleCase[] = [
  // npm 12 stops on options it does not know (./flags.ts; more in flags.test.ts).
  {
    name: 'npm publish --no-git-checks after npm@latest: npm 12 stops on the pnpm option',
    files: { 'package.json': JSON.stringify({ name: '@acme/lib', version: '1.0.0', repository: 'github:acme/lib' }), '.github/workflows/release.yml': FLAG_WORKFLOW('      - run: npm install -g npm@latest\n      - run: npm publish --no-git-checks\n') },
    want: ['floatingLatest@16:14-16:39', 'unknownFlag@17:14-17:41'],
  },
  {
    name: 'pnpm 10.12.4 publish --no-git-checks after npm@latest: pnpm passes it on to npm 12',
    files: {
      'package.json': JSON.stringify({ name: '@acme/lib', version: '1.0.0', repository: 'github:acme/lib', packageManager: 'pnpm@10.12.4' }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      '.github/workflows/release.yml': FLAG_WORKFLOW('      - uses: pnpm/action-setup@v4\n      - run: npm install -g npm@latest\n      - run: pnpm publish --no-git-checks\n'),
    },
    want: ['floatingLatest@17:14-17:39', 'forwardedFlag@18:14-18:42'],
  },
  {
    name: 'a pnpm 10.12.4 installed in the job against packageManager pnpm 11: it may pass --no-git-checks on to npm 12',
    files: {
      'package.json': JSON.stringify({ name: '@acme/lib', version: '1.0.0', repository: 'github:acme/lib', packageManager: 'pnpm@11.3.0' }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      '.github/workflows/release.yml': FLAG_WORKFLOW('      - run: npm install -g pnpm@10.12.4\n      - run: npm install -g npm@latest\n      - run: pnpm publish --no-git-checks\n'),
    },
    want: ['floatingLatest@17:14-17:39', 'forwardedFlagMay@18:14-18:42'],
  },
  // ioBroker/testing-action-deploy runs `npm install -g npm@latest` itself, on the Node of its `node-version` input, when `npm-token` is empty (krobipd/ioBroker.govee-smart).
  {
    name: 'ioBroker/testing-action-deploy on Node 20.x without a token: its own npm@latest upgrade fails',
    files: repo(IOBROKER('20.x')),
    want: ['engineMismatch@12:15-12:48'],
    data: {
      command: 'npm install -g npm@latest',
      node: 'Node 20.20.2 ("20.x")',
      from: 'ioBroker/testing-action-deploy `node-version: 20.x`',
      remedy: 'the action "ioBroker/testing-action-deploy" runs this upgrade itself: give it Node 24.15 or later (set `node-version: 24`), where npm 12.2.2 installs',
    },
  },
  { name: 'ioBroker/testing-action-deploy on Node 24.x: its upgrade installs (no floating-spec warning for a command the repository does not hold)', files: repo(IOBROKER('24.x')), want: [] },
  { name: 'ioBroker/testing-action-deploy given an npm-token: it does not upgrade npm', files: repo(IOBROKER('20.x', '          npm-token: ${{ secrets.NPM_TOKEN }}\n')), want: [] },
  // `npx npm@<spec> publish`: npx does not check engines, so npm 12 runs on Node 20 with a warning (Fern's SDK template).
  {
    name: 'npx -y npm@latest publish on Node 20: npm 12 does not support it (a warning)',
    files: repo(workflow('20', '      - run: npx -y npm@latest publish --access public\n')),
    want: ['pinnedEngines@14:14-14:55'],
    data: { command: 'npx -y npm@latest publish --access public', npm: '12.2.2', engines: NPM12, node: 'Node 20.20.2 ("20")', from: 'setup-node `node-version: 20`', remedy: 'pin `npm@^11.5.1` in the command, which supports Node 20.20.2 and trusted publishing' },
  },
  {
    name: 'npm exec -- npm@12 publish on Node 22.15',
    files: repo(workflow('22.15.0', '      - run: npm exec -- npm@12 publish\n')),
    want: ['pinnedEngines@14:14-14:40'],
  },
  {
    name: 'npx -p npm@latest npm publish on Node 18: no npm with trusted publishing fits, so the fix is a Node',
    files: repo(workflow('18', '      - run: npx -p npm@latest npm publish\n')),
    want: ['pinnedEngines@14:14-14:43'],
    data: { remedy: 'use Node 24.15 or later (set `node-version: 24`), which npm 12.2.2 supports' },
  },
  // sinclairzx81/typebox: `npm install npm -g` on Node 20 (bundled npm 10.8.2, which picks by engines) installs npm 11.
  { name: 'bare `npm install npm -g` on Node 20: npm 10.8.2 picks npm 11, which fits', files: repo(workflow('20', '      - run: npm install npm -g\n      - run: npm publish\n')), want: [] },
  { name: 'a range (`npm@>=11.5.1`) on Node 22.15: the newest npm 11 fits', files: repo(workflow('22.15.0', "      - run: npm install -g 'npm@>=11.5.1'\n      - run: npm publish\n")), want: [] },
  { name: 'npx npm@latest publish on Node 24: fits', files: repo(workflow('24', '      - run: npx npm@latest publish\n')), want: [] },
  { name: 'npx npm@11 publish on Node 20: fits', files: repo(workflow('20', '      - run: npx npm@11 publish\n')), want: [] },
  { name: 'npx npm@latest publish on an unknown Node: nothing new', files: repo(workflow(undefined, '      - run: npx npm@latest publish\n')), want: [] },
  { name: 'under `mise x node --` the Node is not the job\'s: not judged', files: repo(workflow('20', '      - run: mise x node -- npx npm@latest publish\n')), want: [] },
  {
    name: 'npm@latest on Node 22.15: npm 12 refuses it',
    files: repo(workflow('22.15.0', '      - run: npm install -g npm@latest\n      - run: npm publish\n')),
    want: ['engineMismatch@14:14-14:39'],
    data: { command: 'npm install -g npm@latest', npm: '12.2.2', engines: NPM12, node: 'Node 22.15.0', from: 'setup-node `node-version: 22.15.0`' },
  },
  {
    // Node 20.16 bundles npm 10.8.1, which still takes a bare name as `latest` (10.8.2 picks by engines).
    name: 'bare `npm i -g npm` is latest too with an npm before 10.8.2; Node 20.16',
    files: repo(workflow('20.16.0', '      - run: |\n          sudo npm i -g npm\n          npm publish\n')),
    want: ['engineMismatch@15:11-15:28'],
    // (npm 11 needs Node 20.17, whose npm 10.8.2 already picks by engines: here no npm with trusted publishing fits.)
    data: { node: 'Node 20.16.0', npm: '12.2.2', remedy: 'no npm with trusted publishing installs on Node 20.16.0; use Node 24.15 or later (set `node-version: 24`), where npm 12.2.2 installs' },
  },
  {
    name: 'npm@11 on Node 18: no npm with OIDC installs there',
    files: repo(workflow('18', '      - run: npm install --global npm@11\n      - run: npm publish\n')),
    want: ['engineMismatch@14:14-14:41'],
    data: {
      engines: '^20.17.0 || >=22.9.0',
      remedy: 'no npm with trusted publishing installs on Node 18.20.8; use Node 24 or later (set `node-version: 24`), where npm 11.21.2 installs',
    },
  },
  {
    name: 'npm@12 on Node 24.14 (24.15 is the first Node 24 it accepts)',
    files: repo(workflow('24.14.1', '      - run: npm install -g npm@12\n      - run: npm publish\n')),
    want: ['engineMismatch@14:14-14:35'],
  },
  {
    name: 'Node 22 + npm@11: compatible and pinned',
    files: repo(workflow('22', '      - run: npm install -g npm@11\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'Node 22 + npm@^11.5.1',
    files: repo(workflow('22.15.0', '      - run: npm install -g npm@^11.5.1\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'npm@latest on an exact Node 24 works today but floats',
    files: repo(workflow('24.15.0', '      - run: npm install -g npm@latest\n      - run: npm publish\n')),
    want: ['floatingLatest@14:14-14:39'],
    data: { npm: '12.2.2', node: 'Node 24.15.0', pin: '12' },
  },
  // survey900a D2: a whole line (`24`, `24.x`, `lts/krypton`) runs its newest release; Node 24 is
  // supported until 2028-04-30, more than 12 months after the data date (2026-12-03): advice.
  ...['24', '24.x', 'v24', 'lts/krypton', '26'].map(
    (node): RuleCase => ({
      name: `npm@latest on the whole line "${node}", far from its end of life: advice`,
      files: repo(workflow(node, '      - run: npm install -g npm@latest\n      - run: npm publish\n')),
      want: ['floatingLatestAdvice@14:14-14:39'],
      data: { pin: '12' },
    }),
  ),
  // The promise-retry crash of npm 10.9.5–10.9.7 (Node 22.22.2; more in promise-retry.test.ts).
  {
    name: 'npm@11 on Node 22.22.2: npm 10.9.7 crashes with MODULE_NOT_FOUND promise-retry',
    files: repo(workflow('22.22.2', '      - run: npm install -g npm@11\n      - run: npm publish\n')),
    want: ['selfUpgradeCrash@14:14-14:35'],
    data: { installer: '10.9.7', npm: '11.21.2' },
  },
  {
    name: 'npm@latest on Node 22.22.2: the same crash, a warning (`latest` moves)',
    files: repo(workflow('22.22.2', '      - run: npm install -g npm@latest\n      - run: npm publish\n')),
    want: ['selfUpgradeCrashMay@14:14-14:39'],
  },
  // Controls: a minor or an exact version, and a line within 12 months of its end of life (Node 22, 2027-04-30). On 22.22.2 the promise-retry crash replaces the warning (promise-retry.test.ts).
  ...['22', '22.x', 'lts/jod', '22.22.3', '24.15', '24.15.0'].map(
    (node): RuleCase => ({
      name: `npm@latest on "${node}" (a minor, an exact version, or a line near its end of life): the warning stays`,
      files: repo(workflow(node, '      - run: npm install -g npm@latest\n      - run: npm publish\n')),
      want: ['floatingLatest@14:14-14:39'],
    }),
  ),
  {
    name: 'matrix [22, 24]: Node 22 is near its end of life, the warning names it',
    files: repo(workflow('${{ matrix.node }}', '      - run: npm i -g npm@latest\n      - run: npm publish\n', '    strategy:\n      matrix:\n        node: [22, 24]\n')),
    want: ['floatingLatest@17:14-17:33'],
    data: { node: 'Node 22.23.3 ("22")' },
  },
  {
    name: 'matrix [24, 26]: both whole lines far from their end of life, advice',
    files: repo(workflow('${{ matrix.node }}', '      - run: npm i -g npm@latest\n      - run: npm publish\n', '    strategy:\n      matrix:\n        node: [24, 26]\n')),
    want: ['floatingLatestAdvice@17:14-17:33'],
  },
  {
    // Node unknown: tp-doctor cannot say the next major breaks it, so only advice.
    name: 'npm@>=11 floats as well; Node unknown → advice to pin npm 11',
    files: repo(workflow(undefined, "      - run: npm install -g 'npm@>=11'\n      - run: npm publish\n")),
    want: ['floatingLatestAdvice@11:14-11:39'],
    data: { pin: '^11.5.1' },
  },
  {
    // lts/* moves with Node's releases, which the newest npm always accepts: only advice.
    name: 'npm@latest on lts/*: advice only',
    files: repo(workflow('lts/*', '      - run: npm install -g npm@latest\n      - run: npm publish\n')),
    want: ['floatingLatestAdvice@14:14-14:39'],
  },
  {
    name: '--force skips the engine check',
    files: repo(workflow('20', '      - run: npm install -g npm@latest --force\n      - run: npm publish\n')),
    want: ['force@14:14-14:47'],
    data: { npm: '12.2.2', engines: NPM12, pin: '^11.5.1' },
  },
  {
    name: 'matrix [20, 24]: the upgrade fails for 20 only',
    files: repo(workflow('${{ matrix.node }}', '      - run: npm i -g npm@latest\n      - run: npm publish\n', '    strategy:\n      matrix:\n        node: [20, 24]\n')),
    want: ['engineMismatch@17:14-17:33'],
    data: { node: 'Node 20.20.2 ("20")', from: 'matrix value "20", matrix node=20' },
  },
  {
    name: 'matrix [20, 24] where only Node 24 publishes',
    files: repo(
      workflow(
        '${{ matrix.node }}',
        '      - if: matrix.node == 24\n        run: npm i -g npm@12\n      - if: matrix.node == 24\n        run: npm publish\n',
        '    strategy:\n      matrix:\n        node: [20, 24]\n',
      ),
    ),
    want: [],
  },
  {
    name: 'an upgrade inside a local composite action is checked against the Node set before it',
    files: repo(workflow(undefined, '      - uses: ./.github/actions/setup\n      - run: npm publish\n'), {
      '.github/actions/setup/action.yml':
        'runs:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v5\n      with:\n        node-version: 22.15.0\n    - run: npm install -g npm@latest\n      shell: bash\n',
    }),
    want: ['engineMismatch@11:15-11:38'],
    data: { node: 'Node 22.15.0' },
  },
  {
    name: 'corepack does not check engines',
    files: repo(workflow('22.15.0', '      - run: corepack install -g npm@latest\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'an upgrade after the publish is not judged',
    files: repo(workflow('20', '      - run: npm publish\n      - run: npm i -g npm@latest\n')),
    want: [],
  },
  {
    name: 'a job that does not publish is not judged',
    files: repo(workflow('20', '      - run: npm i -g npm@latest\n      - run: npm test\n')),
    want: [],
  },
  {
    name: 'a version tp-doctor cannot read is not judged',
    files: repo(workflow('20', '      - run: npm i -g npm@$NPM_VERSION\n      - run: npm publish\n')),
    want: [],
  },
];

describe(RULE, () => {

  it('renders the EBADENGINE error with both ranges', async () => {
    const [d] = (await lintFiles(repo(workflow('22.15.0', '      - run: npm install -g npm@latest\n      - run: npm publish\n')), { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('error');
    expect(d.message).toBe(
      '"npm install -g npm@latest" installs npm 12.2.2, whose engines require Node "^22.22.2 || ^24.15.0 || >=26.0.0"; the job runs Node 22.15.0 (setup-node `node-version: 22.15.0`)',
    );
    expect(d.why).toBe('npm checks its own `engines` strictly when it installs itself: the step fails with EBADENGINE and the job stops before it publishes');
    expect(d.fix).toBe("Make the upgrade fit the job's Node: pin `npm install -g npm@^11.5.1`, which installs on Node 22.15.0 and supports trusted publishing");
    expect(d.related.map((r) => `${r.label}@${r.start.line}`)).toEqual(['Node version: setup-node `node-version: 22.15.0`@13']);
  });

  it('a Node taken from what a remote action is given is a guess: EBADENGINE on it is a warning', async () => {
    const steps = "      - uses: acme/ci/setup@v2\n        with:\n          node-version: '22.15.0'\n      - run: npm install -g npm@latest\n      - run: npm publish\n";
    const [d] = (await lintFiles(repo(workflow(undefined, steps)), { rule: RULE })) as [Diagnostic];
    expect([d.messageId, d.severity]).toEqual(['engineMismatch', 'warning']);
    expect(d.message).toContain('acme/ci/setup');
  });

  it('a matrix leg whose upgrade and publish hang on an `if:` reading the matrix that tp-doctor cannot evaluate may not run them: a warning (docs/domain.md A.58)', async () => {
    const found = async (condition: string): Promise<string[]> => {
      const steps = `      - if: \${{ ${condition} }}\n        run: npm i -g npm@12\n      - if: \${{ ${condition} }}\n        run: npm publish\n`;
      const files = repo(workflow('${{ matrix.node }}', steps, '    strategy:\n      matrix:\n        node: [20, 24]\n'));
      return ((await lintFiles(files, { rule: RULE })) as Diagnostic[]).map((d) => `${d.messageId} ${d.severity} ${String(d.data?.node)}`);
    };
    expect(await found('matrix.node == env.LATEST')).toEqual(['engineMismatch warning Node 20.20.2 ("20")']);
    expect(await found("matrix['node'] == 24")).toEqual([]);
    // Control: an `if:` that reads no matrix value is the same in every leg.
    expect(await found('github.ref == env.MAIN')).toEqual(['engineMismatch error Node 20.20.2 ("20")']);
  });

  it('an upgrade under a step `if:` tp-doctor cannot evaluate, beside a publish that may run without it: a warning naming the if: (audit1207 p03b, A.64)', async () => {
    const legacy = (condition: string, other: string): string =>
      `      - if: ${condition}\n        run: npm install -g npm@11.6.0\n      - if: ${condition}\n        run: npm publish\n      - uses: actions/setup-node@v4\n        if: ${other}\n        with: { node-version: 24 }\n      - if: ${other}\n        run: npm publish\n`;
    const found = async (condition: string, other: string): Promise<Diagnostic[]> => (await lintFiles(repo(workflow('18', legacy(condition, other))), { rule: RULE })) as Diagnostic[];
    const [d, ...rest] = await found("vars.LEGACY == 'true'", "vars.LEGACY != 'true'");
    expect(rest).toEqual([]);
    expect([d?.messageId, d?.severity]).toEqual(['engineMismatch', 'warning']);
    expect(d?.related.map((r) => r.label)).toEqual([
      'Node version: setup-node `node-version: 18`',
      "the step's `if:`, which tp-doctor cannot evaluate, decides whether it runs",
      '"npm publish" also publishes in job "publish", and may run without this upgrade',
    ]);
    // Control (typeorm/typeorm, publish-package.yml): the other publish's `if:` has the upgrade's as a conjunct, so it runs only after the upgrade: the error.
    const within = `      - if: vars.LEGACY == 'true'\n        run: npm install -g npm@11.6.0\n      - if: vars.LEGACY == 'true'\n        run: npm publish\n      - if: \${{ (vars.LEGACY == 'true') && matrix.ref != 'v0' }}\n        run: npm publish --workspace codemod\n`;
    expect(((await lintFiles(repo(workflow('18', within)), { rule: RULE })) as Diagnostic[]).map((f) => `${f.messageId} ${f.severity}`)).toEqual(['engineMismatch error']);
    // Control: an `if:` certainly true on the workflow's trigger runs the upgrade: the error.
    expect((await found("github.event_name == 'release'", "github.event_name != 'release'")).map((f) => `${f.messageId} ${f.severity}`)).toEqual(['engineMismatch error']);
  });

  it('GitLab: an upgrade in a job chosen by `rules: if: $USE_TOKEN == "true"`, beside another publishing job: a warning naming the if: (audit1207 g02, A.64)', async () => {
    const job = (name: string, image: string, condition: string | undefined, script: string): string =>
      `${name}:\n  image: ${image}\n  id_tokens:\n    NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" }\n${condition ? `  rules:\n    - if: ${condition}\n` : ''}  script:\n${script}`;
    const upgrade = '    - npm install -g npm@11.6.0\n    - npm publish\n';
    const found = async (condition: string | undefined): Promise<string[]> =>
      ((await lintFiles({ 'package.json': GITLAB_PKG, '.gitlab-ci.yml': `${job('publish', 'node:24', '$USE_TOKEN != "true"', '    - npm publish\n')}${job('legacy', 'node:18', condition, upgrade)}` }, { rule: RULE })) as Diagnostic[]).map(
        (d) => `${d.messageId} ${d.severity} ${d.related.map((r) => r.label).filter((l) => l.includes('rules: if:') || l.startsWith('job ')).join(' | ')}`,
      );
    expect(await found('$USE_TOKEN == "true"')).toEqual([
      "engineMismatch warning the job's `rules: if:`, which reads a variable no file sets (project settings are not in the repository), decides whether it runs | job \"publish\" also publishes, without this upgrade",
    ]);
    // Control: the job without rules runs in every pipeline: the error.
    expect(await found(undefined)).toEqual(['engineMismatch error ']);
  });

  it('renders the floating warning', async () => {
    const [d] = (await lintFiles(repo(workflow('24.15.0', '      - run: npm install -g npm@latest\n      - run: npm publish\n')), { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('warning');
    expect(d.message).toBe(
      '"npm install -g npm@latest" installs whatever npm is `latest` when the job runs: npm 12.2.2 today, which installs on this job\'s Node 24.15.0, but the next npm major may not',
    );
    expect(d.why).not.toContain('every publishing job');
    expect(d.fix).toBe('Pin the major: `npm install -g npm@12`');
  });

  it('renders the advice for a whole Node line far from its end of life (survey900a D2)', async () => {
    const [d] = (await lintFiles(repo(workflow('24', '      - run: npm install -g npm@latest\n      - run: npm publish\n')), { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('info');
    expect(d.message).toBe(
      '"npm install -g npm@latest" installs whatever npm is `latest` when the job runs (npm 12.2.2 today); the job\'s Node 24.23.0 ("24") (setup-node `node-version: 24`) is the newest Node 24 release, and Node 24 is supported until 2028-04-30: npm majors have dropped Node lines only around their end of life',
    );
    expect(d.fix).toBe('Pin the major if you want reproducible publishes: `npm install -g npm@12`');
  });

  it('renders the --force warning', async () => {
    const [d] = (await lintFiles(repo(workflow('20', '      - run: npm install -g npm@latest --force\n      - run: npm publish\n')), { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('warning');
    expect(d.message).toBe('"npm install -g npm@latest --force" uses `--force`, which skips npm\'s engine check for npm 12.2.2');
  });
});

// ---------------------------------------------------------------------------------------------
// GitLab: upgrade lines in `before_script` / `script`, Node from `image: node:<tag>`

/** Job `publish` on line 1, `image:` on line 2, `script:` items from line 7. */
function gitlabCi(image: string, script: string[], head = ''): string {
  return [
    ...(head ? [head.trimEnd()] : []),
    'publish:',
    `  image: ${image}`,
    '  id_tokens:',
    '    NPM_ID_TOKEN:',
    '      aud: "npm:registry.npmjs.org"',
    '  script:',
    ...script.map((l) => `    - ${l}`),
    '',
  ].join('\n');
}

const gitlabRepo = (ci: string): Record<string, string> => ({ 'package.json': GITLAB_PKG, '.gitlab-ci.yml': ci });

/** The upgrade sits in a template's `before_script`; the job extends it. */
const TEMPLATE = `.npm-upgrade:
  before_script:
    - npm install -g npm@latest
publish:
  extends: .npm-upgrade
  image: node:22.15.0
  script:
    - npm publish
`;

const gitlabCases: RuleCase[] = [
  {
    name: 'gitlab: npx npm@latest publish on node:20',
    files: gitlabRepo(gitlabCi('node:20', ['npx npm@latest publish'])),
    want: ['pinnedEngines@7:7-7:29'],
    data: { from: 'image "node:20"' },
  },
  {
    name: 'gitlab: npm@latest on node:20',
    files: gitlabRepo(gitlabCi('node:20', ['npm install -g npm@latest', 'npm publish'])),
    want: ['engineMismatch@7:7-7:32'],
    data: { npm: '12.2.2', engines: NPM12, node: 'Node 20.20.2 ("20")', from: 'image "node:20"', remedy: 'pin `npm install -g npm@^11.5.1`, which installs on Node 20.20.2 and supports trusted publishing' },
  },
  {
    // crowdin/ota-client-js: the pin must run the job's `npm stage publish` too (npm 11.15.0).
    name: 'npm@latest on Node 20 before `npm stage publish`: the pin is npm 11.15.0 or later',
    files: repo(workflow('20', '      - run: npm install -g npm@latest\n      - run: npm stage publish\n')),
    want: ['engineMismatch@14:14-14:39'],
    data: { remedy: 'pin `npm install -g npm@^11.15.0`, which installs on Node 20.20.2 and supports trusted publishing' },
  },
  {
    name: 'gitlab: npm@11 on node:18 says to change the image',
    files: gitlabRepo(gitlabCi('node:18', ['npm i -g npm@11', 'npm publish'])),
    want: ['engineMismatch@7:7-7:22'],
    data: { remedy: 'no npm with trusted publishing installs on Node 18.20.8; use Node 24 or later (use the image `node:24`), where npm 11.21.2 installs' },
  },
  {
    name: 'gitlab: with the version from a variable, the fix names the variable',
    files: gitlabRepo(gitlabCi('node:$NODE', ['npm i -g npm@11', 'npm publish'], 'variables:\n  NODE: "18"\n')),
    want: ['engineMismatch@9:7-9:22'],
    data: { remedy: 'no npm with trusted publishing installs on Node 18.20.8; use Node 24 or later (set variable NODE to `24`), where npm 11.21.2 installs' },
  },
  {
    name: 'gitlab: an upgrade in an extended template is reported there',
    files: gitlabRepo(TEMPLATE),
    want: ['engineMismatch@3:7-3:32'],
    data: { node: 'Node 22.15.0', from: 'image "node:22.15.0"' },
  },
  {
    name: 'gitlab: npm@latest on node:22 floats',
    files: gitlabRepo(gitlabCi('node:22', ['npm install -g npm@latest', 'npm publish'])),
    want: ['floatingLatest@7:7-7:32'],
    data: { pin: '12' },
  },
  {
    name: 'gitlab: npm@latest on node:24 (the newest of a line far from its end of life): advice',
    files: gitlabRepo(gitlabCi('node:24', ['npm install -g npm@latest', 'npm publish'])),
    want: ['floatingLatestAdvice@7:7-7:32'],
    data: { pin: '12' },
  },
  {
    name: 'gitlab: --force',
    files: gitlabRepo(gitlabCi('node:20', ['npm install -g npm@latest --force', 'npm publish'])),
    want: ['force@7:7-7:40'],
  },
  {
    name: 'gitlab: a pinned npm 11 on node:22',
    files: gitlabRepo(gitlabCi('node:22', ['npm install -g npm@^11.5.1', 'npm publish'])),
    want: [],
  },
  {
    name: 'gitlab: unknown Node: only the floating spec is judged',
    files: gitlabRepo(gitlabCi('alpine:3.20', ['npm install -g npm@11', 'npm publish'])),
    want: [],
  },
  {
    name: 'gitlab: an upgrade after the publish is not judged',
    files: gitlabRepo(gitlabCi('node:20', ['npm publish', 'npm i -g npm@latest'])),
    want: [],
  },
  {
    name: 'gitlab: a job that does not publish is not judged',
    files: gitlabRepo(gitlabCi('node:20', ['npm i -g npm@latest', 'npm test'])),
    want: [],
  },
];

describe(`${RULE} (GitLab)`, () => {

  it('names the image and the job that inherits the upgrade', async () => {
    const [d] = (await lintFiles(gitlabRepo(TEMPLATE), { rule: RULE })) as [Diagnostic];
    expect(d.message).toBe(
      '"npm install -g npm@latest" installs npm 12.2.2, whose engines require Node "^22.22.2 || ^24.15.0 || >=26.0.0"; the job runs Node 22.15.0 (image "node:22.15.0")',
    );
    expect(d.related.map((r) => `${r.label}@${r.start.line}`)).toEqual(['Node version: image "node:22.15.0"@6', 'job "publish"@4']);
  });
});

const CIRCLE_PUBLISH = `- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')\n          npm publish`;
const CIRCLE_ORB = 'version: 2.1\norbs:\n  node: circleci/node@7.1.0\n';
const CIRCLE_ORB_4 = 'version: 2.1\norbs:\n  node: circleci/node@4.7\n';

const circleCases: RuleCase[] = [
  {
    name: 'npx npm@latest publish on cimg/node:22.14: the pin the fix names is CircleCI\'s first npm',
    files: circleRepo(circleConfig([CIRCLE_PUBLISH.replace('npm publish', 'npx npm@latest publish')], 'cimg/node:22.14')),
    want: ['pinnedEngines@10:11-10:33'],
    data: { remedy: 'pin `npm@^11.11.0` in the command, which supports Node 22.14.0 and trusted publishing' },
  },
  {
    name: 'a global install without sudo on a cimg image fails with EACCES',
    files: circleRepo(circleConfig(['- run: npm install -g npm@11', CIRCLE_PUBLISH], 'cimg/node:24.10')),
    want: ['needsSudo@8:14-8:35'],
    data: { command: 'npm install -g npm@11', image: 'cimg/node:24.10', image2: 'cimg/node:24.14', step: 'step 2 (`npm install -g npm@11`)' },
    related: ['image "cimg/node:24.10"'],
  },
  {
    name: 'the same inside the publishing step',
    files: circleRepo(circleConfig([`- run: |\n          npm i -g npm@11.12.1\n          npm publish`], 'cimg/node:24.10')),
    want: ['needsSudo@9:11-9:31'],
  },
  { name: 'with sudo: silent', files: circleRepo(circleConfig(['- run: sudo npm install -g npm@11', CIRCLE_PUBLISH], 'cimg/node:24.10')), want: [] },
  { name: "Docker's node image runs as root: silent", files: circleRepo(circleConfig(['- run: npm install -g npm@11', CIRCLE_PUBLISH], 'node:24')), want: [] },
  {
    name: 'a user prefix set earlier needs no sudo: silent',
    files: circleRepo(circleConfig(['- run: |\n          npm config set prefix ~/.npm-global\n          npm install -g npm@11', CIRCLE_PUBLISH], 'cimg/node:24.10')),
    want: [],
  },
  {
    name: 'Node from node/install lives in the home directory: no sudo needed',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: "24.10"', '- run: npm install -g npm@11', CIRCLE_PUBLISH], 'cimg/node:24.10').replace('version: 2.1\n', CIRCLE_ORB)),
    want: [],
  },
  {
    name: 'npm@latest with sudo on cimg/node:22.14: npm 12 does not install there (the fix keeps sudo)',
    files: circleRepo(circleConfig(['- run: sudo npm install -g npm@latest', CIRCLE_PUBLISH], 'cimg/node:22.14')),
    want: ['engineMismatch@8:14-8:44'],
    data: { npm: '12.2.2', remedy: 'pin `sudo npm install -g npm@^11.11.0`, which installs on Node 22.14.0 and supports trusted publishing' },
  },
  {
    name: 'npm@latest on a pinned cimg/node:24.15 floats: advice pins the major',
    files: circleRepo(circleConfig(['- run: sudo npm install -g npm@latest', CIRCLE_PUBLISH], 'cimg/node:24.15')),
    want: ['floatingLatest@8:14-8:44'],
  },
  {
    // survey500c F1: the node orb 1.x-4.x `install-npm` runs `sudo npm install -g npm@latest` by default.
    name: 'node/install-npm of the node orb 4.x on cimg/node:22.14: npm 12 does not install there (the remedy names its parameter)',
    files: circleRepo(circleConfig(['- node/install-npm', CIRCLE_PUBLISH], 'cimg/node:22.14').replace('version: 2.1\n', CIRCLE_ORB_4)),
    want: ['engineMismatch@10:9-10:25'],
    data: { command: 'node/install-npm (sudo npm install -g npm@latest)', npm: '12.2.2', remedy: 'set `version: "^11.11.0"` on the `node/install-npm` step, which installs on Node 22.14.0 and supports trusted publishing' },
  },
  {
    name: 'node/install of the node orb 4.x upgrades npm with the Node it installs (22.14), not the image\'s',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: "22.14"', CIRCLE_PUBLISH], 'cimg/base:current').replace('version: 2.1\n', CIRCLE_ORB_4)),
    want: ['engineMismatch@10:9-10:21'],
    data: { npm: '12.2.2', from: 'node/install `node-version: 22.14`', remedy: 'set `npm-version: "^11.11.0"` on the `node/install` step, which installs on Node 22.14.0 and supports trusted publishing' },
  },
  {
    name: 'control: node/install of the node orb 7.x upgrades no npm: silent',
    files: circleRepo(circleConfig(['- node/install:\n          node-version: "22.14"', CIRCLE_PUBLISH], 'cimg/base:current').replace('version: 2.1\n', CIRCLE_ORB)),
    want: [],
  },
  {
    name: 'node/install-npm of the node orb 4.x to npm 11 on cimg/node:22.14: sudo is the orb\'s, silent',
    files: circleRepo(circleConfig(['- node/install-npm:\n          version: "11"', CIRCLE_PUBLISH], 'cimg/node:22.14').replace('version: 2.1\n', CIRCLE_ORB_4)),
    want: [],
  },
  {
    name: '--force skips the engine check',
    files: circleRepo(circleConfig(['- run: sudo npm install -g npm@latest --force', CIRCLE_PUBLISH], 'cimg/node:22.14')),
    want: ['force@8:14-8:52'],
    data: { pin: '^11.11.0' },
  },
];

describe(`${RULE} (CircleCI)`, () => {
  it("an orb command's npm upgrade has no edit: the command is the orb's", async () => {
    const found = await lintFiles(circleRepo(circleConfig(['- node/install-npm', CIRCLE_PUBLISH], 'cimg/node:22.14').replace('version: 2.1\n', CIRCLE_ORB_4)), { rule: RULE });
    expect(found.map((d) => [d.messageId, d.autofix, d.suggestions?.length ?? 0])).toEqual([['engineMismatch', undefined, 0]]);
  });

  it('needsSudo is a warning; an engine mismatch stays an error', async () => {
    const sudo = await lintFiles(circleRepo(circleConfig(['- run: npm install -g npm@11', CIRCLE_PUBLISH], 'cimg/node:24.10')), { rule: RULE });
    expect(sudo.map((d) => d.severity)).toEqual(['warning']);
    const engines = await lintFiles(circleRepo(circleConfig(['- run: sudo npm install -g npm@latest', CIRCLE_PUBLISH], 'cimg/node:22.14')), { rule: RULE });
    expect(engines.map((d) => d.severity)).toEqual(['error']);
  });
});

/**
 * A called workflow whose setup-node reads `${{ inputs.node }}` (default 24), called by release.yml
 * `with: node: 20`, upgrading npm with `upgrade` on line 15 (auth0/node-auth0: `npm install -g npm@^11`).
 */
function calledNodeRepo(upgrade: string): Record<string, string> {
  const called = ['on:', '  workflow_call:', '    inputs:', '      node:', '        type: string', '        default: "24"', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - uses: actions/setup-node@v5', '        with: { node-version: "${{ inputs.node }}" }', `      - run: ${upgrade}`, '      - run: npm publish', ''];
  const release = ['on: push', 'permissions:', '  id-token: write', 'jobs:', '  call:', '    uses: ./.github/workflows/publish.yml', '    with:', '      node: "20"', ''];
  return { 'package.json': GITHUB_PKG, '.github/workflows/publish.yml': called.join('\n'), '.github/workflows/release.yml': release.join('\n') };
}

const PIPELINE = (param: string): string => `version: 2.1\nparameters:\n  ${param}\n`;

describe(`${RULE}: rule tester`, () => {
  const table = fromRuleCases([...cases, ...gitlabCases, ...circleCases]);
  ruleTester.run(RULE, {
    ...table,
    valid: [...table.valid, { name: "a called workflow's Node from its caller's `with:` (20) takes npm@^11", files: calledNodeRepo('npm install -g npm@^11') }],
    invalid: [
      ...table.invalid,
      {
        name: "a called workflow's Node from its caller's `with:` (20): npm@latest (npm 12) refuses it",
        files: calledNodeRepo('npm install -g npm@latest'),
        errors: [{ messageId: 'engineMismatch', at: '15:14-15:39', file: '.github/workflows/publish.yml', severity: 'error', data: { npm: '12.2.2' } }],
      },
      {
        name: "CircleCI: npm 12 on a Node from a pipeline parameter's default: a trigger may pass another Node, so a warning",
        files: circleRepo(circleConfig(['- run: sudo npm install -g npm@latest', CIRCLE_PUBLISH], 'cimg/node:<< pipeline.parameters.node >>').replace('version: 2.1\n', PIPELINE('node: { type: string, default: "22.14" }'))),
        errors: [{ messageId: 'engineMismatch', at: '10:14-10:44', severity: 'warning', data: { npm: '12.2.2' } }],
      },
      {
        name: "CircleCI: an npm spec from a pipeline parameter's default: a warning",
        files: circleRepo(circleConfig(['- run: sudo npm install -g npm@<< pipeline.parameters.npm >>', CIRCLE_PUBLISH], 'cimg/node:22.14').replace('version: 2.1\n', PIPELINE('npm: { type: string, default: "12" }'))),
        errors: [{ messageId: 'engineMismatch', at: '10:14-10:67', severity: 'warning' }],
      },
      {
        name: 'CircleCI: the same npm 12 on a literal image stays an error',
        files: circleRepo(circleConfig(['- run: sudo npm install -g npm@12', CIRCLE_PUBLISH], 'cimg/node:22.14')),
        errors: [{ messageId: 'engineMismatch', at: '8:14-8:40', severity: 'error' }],
      },
    ],
  });
});

describe('npm-upgrade-compatible: an upgrade inside a remote action', () => {
  it('is an error without a fix or suggestion (the command is not in the repository), with the action\'s Node input as related', async () => {
    const found = await lintFiles(repo(IOBROKER('20.x')), { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['engineMismatch@error']);
    expect(found[0]?.autofix).toBeUndefined();
    expect(found[0]?.fix).toContain('give it Node 24.15 or later');
    expect(found[0]?.suggestions ?? []).toEqual([]);
    expect(found[0]?.related.map((r) => `${r.start.line} ${r.label}`)).toEqual(['14 Node version: ioBroker/testing-action-deploy `node-version: 20.x`']);
  });
});

describe('npm-upgrade-compatible: an upgrade inside a committed script the publish runs through', () => {
  const script = (upgrade: string): Record<string, string> => ({ 'tools/release.sh': `#!/usr/bin/env bash\nset -e\n${upgrade}\nnpm publish\n` });
  it('is judged on the job\'s Node and reported in the script, without a fix (a warning: a publish read in a script is likely)', async () => {
    const found = await lintFiles(repo(workflow('20', '      - run: ./tools/release.sh\n'), script('npm install -g npm@latest')), { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}:${d.column}`)).toEqual(['engineMismatch@warning tools/release.sh:3:1']);
    expect(found[0]?.autofix).toBeUndefined();
    expect(found[0]?.message).toContain('the job runs Node 20.20.2 ("20") (setup-node `node-version: 20`)');
  });
  it('one that fits the Node: nothing', async () => {
    expect(await lintFiles(repo(workflow('22', '      - run: ./tools/release.sh\n'), script('npm install -g npm@11.18.0')), { rule: RULE })).toEqual([]);
  });
});

describe('an upgrade whose failure the job goes on after', () => {
  it.each([
    ['a fallback after `||`: a warning', '      - run: npm install -g npm@latest || npm install -g npm@11\n      - run: npm publish\n', 'warning'],
    ['`continue-on-error: true`: a warning', '      - run: npm install -g npm@latest\n        continue-on-error: true\n      - run: npm publish\n', 'warning'],
    ['control: `&&` after it stops the job, an error', '      - run: npm install -g npm@latest && npm --version\n      - run: npm publish\n', 'error'],
  ])('%s', async (_name, steps, severity) => {
    const found = await lintFiles(repo(workflow('20', steps)), { rule: RULE });
    expect(found.map((d) => `${d.messageId}:${d.severity}`)).toEqual([`engineMismatch:${severity}`]);
  });
});

describe('volta-cli/action: an npm upgrade under Volta', () => {
  const volta = (withs: string, pkg?: Record<string, string>): Record<string, string> => {
    const files = repo(workflow(undefined, `      - uses: volta-cli/action@v4\n${withs}      - run: npm install -g npm@latest\n      - run: npm publish ./dist\n`));
    if (pkg) files['package.json'] = JSON.stringify({ name: 'widget', version: '1.0.0', volta: pkg });
    else delete files['package.json'];
    return files;
  };
  it('once `node-version` gave Volta a default Node, it runs it as `volta install npm`: no engine check, nothing', async () => {
    expect(await lintFiles(volta('        with:\n          node-version: 20.19.3\n'), { rule: RULE })).toEqual([]);
  });
  it('control: without `node-version` npm runs it on the project Node (`volta.node` 20): EBADENGINE', async () => {
    const found = await lintFiles(volta('', { node: '20.19.3' }), { rule: RULE });
    expect(found.map((d) => `${d.messageId}:${d.severity}`)).toEqual(['engineMismatch:error']);
    expect(found[0]?.message).toContain('Node 20.19.3 (package.json `volta.node`)');
  });
});

describe('jdx/mise-action: an npm that mise installs', () => {
  const mise = (toml: string, run = ''): Record<string, string> => ({
    ...repo(workflow(undefined, `      - uses: jdx/mise-action@v4\n${run}      - run: npm publish ./dist\n`)),
    'mise.toml': toml,
  });
  it('`npm = "12.0.2"` on Node 22.14.0: mise installs it without npm\'s engine check, nothing', async () => {
    expect(await lintFiles(mise('[tools]\nnode = "22.14.0"\nnpm = "12.0.2"\n'), { rule: RULE })).toEqual([]);
  });
  it('control: `npm install -g npm@12.0.2` on the same Node: EBADENGINE', async () => {
    const found = await lintFiles(mise('[tools]\nnode = "22.14.0"\n', '      - run: npm install -g npm@12.0.2\n'), { rule: RULE });
    expect(found.map((d) => `${d.messageId}:${d.severity}`)).toEqual(['engineMismatch:error']);
    expect(found[0]?.message).toContain('Node 22.14.0 (mise.toml)');
  });
});

describe('an upgrade after a version manager switched the Node in its shell (src/model/npm/node-switch.ts)', () => {
  const NODE_18 = '          node-version: 18\n';
  it('GitHub: `nvm install 24` before `npm install -g npm@12` on setup-node 18: judged on Node 24, no EBADENGINE', async () => {
    const run = '      - run: |\n          source ~/.nvm/nvm.sh\n          nvm install 24\n          npm install -g npm@12\n          npm publish\n';
    expect(await lintFiles(repo(setupNodeWorkflow(NODE_18, run)), { rule: RULE })).toEqual([]);
    // Control: the upgrade before the switch runs on setup-node's Node 18.
    const before = '      - run: |\n          npm install -g npm@12\n          source ~/.nvm/nvm.sh\n          nvm install 24\n          npm publish\n';
    expect((await lintFiles(repo(setupNodeWorkflow(NODE_18, before)), { rule: RULE })).map((d) => `${d.messageId}:${d.severity}`)).toEqual(['engineMismatch:error']);
  });
  it('GitLab and CircleCI alike', async () => {
    const gitlab = (line: string): Record<string, string> => ({
      'package.json': GITLAB_PKG,
      '.gitlab-ci.yml': `release:\n  image: node:18\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - ${line}\n    - npm install -g npm@12\n    - npm publish\n`,
    });
    expect(await lintFiles(gitlab('source ~/.nvm/nvm.sh && nvm install 24'), { rule: RULE })).toEqual([]);
    expect((await lintFiles(gitlab('echo hi'), { rule: RULE })).map((d) => d.messageId)).toEqual(['engineMismatch']);
    const circle = (line: string): Record<string, string> => circleRepo(circleConfig([`- run: ${line} && sudo npm install -g npm@12 && npm publish`], 'cimg/node:18.20'));
    expect(await lintFiles(circle('source ~/.nvm/nvm.sh && nvm install 24'), { rule: RULE })).toEqual([]);
    expect((await lintFiles(circle('echo hi'), { rule: RULE })).map((d) => d.messageId)).toEqual(['engineMismatch']);
  });
});

describe('npm-upgrade-compatible: an upgrade that fails only in matrix legs that do not publish (audit1208 n01, A.67)', () => {
  const legs = (publishIf: string, strategy = ''): string =>
    workflow(
      '"${{ matrix.node }}"',
      `      - run: npm install -g npm@latest\n      - if: ${publishIf}\n        run: npm publish\n`,
      `    strategy:\n${strategy}      matrix:\n        node: [20, 24]\n`,
    );
  const brief = async (wf: string): Promise<string[]> => (await lintFiles(repo(wf), { rule: RULE })).map((d) => `${d.messageId}@${d.severity} ${d.line}`);
  it('npm@latest on the Node 20 leg, the publish only on the Node 24 leg: a warning that says the leg does not publish and fail-fast may cancel the one that does', async () => {
    const found = await lintFiles(repo(legs('matrix.node == 24')), { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.line}`)).toEqual(['engineMismatch@warning 17']);
    expect(found[0]?.related?.map((r) => r.label).at(-1)).toBe(
      'the publish runs only in other matrix legs (node=24); `fail-fast`, on by default, cancels them when this leg fails, unless they are done',
    );
  });
  it('with `fail-fast: false` the publishing leg goes on: still a warning, which says so', async () => {
    const found = await lintFiles(repo(legs('matrix.node == 24', '      fail-fast: false\n')), { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.line}`)).toEqual(['engineMismatch@warning 18']);
    expect(found[0]?.related?.map((r) => r.label).at(-1)).toBe('the publish runs only in other matrix legs (node=24), which `fail-fast: false` lets go on when this leg fails');
  });
  it('control: the Node 20 leg publishes: the error stays', async () => {
    expect(await brief(legs('matrix.node == 20'))).toEqual(['engineMismatch@error 17']);
  });
  it('control: every leg publishes: the error stays', async () => {
    expect(await brief(legs('success()'))).toEqual(['engineMismatch@error 17']);
  });
});
