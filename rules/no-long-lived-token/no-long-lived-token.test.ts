import { describe, expect } from 'vitest';
import { publisherConfig, ruleTester, textWith, type Diagnostic, type ExpectedFinding, type InvalidCase, type ValidCase } from '../../test/rule-tester.js';


const RULE = 'no-long-lived-token';
const FILE = '.github/workflows/release.yml';
const PKG = '{ "name": "widget", "repository": { "type": "git", "url": "git+https://github.com/acme/widget.git" } }\n';
/** Shaped like an npm token (`npm_` + 36 base62), built at run time so no token-like string is committed. */
const FAKE_TOKEN = ['npm', `FAKE${'0'.repeat(28)}TEST`].join('_');

/** `line:col-line:col` of the `occurrence`-th `needle` in `text` (1-based, end exclusive). */
function loc(text: string, needle: string, occurrence = 1): string {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${occurrence} not in the workflow`);
  }
  const before = text.slice(0, at).split('\n');
  const line = before.length;
  const column = (before.at(-1) ?? '').length + 1;
  return `${line}:${column}-${line}:${column + needle.length}`;
}

/** A release workflow: `jobEnv`/`steps` are inserted as written (job-level indentation 4, steps 6). */
function workflow(steps: string, extra: { top?: string; jobEnv?: string } = {}): string {
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
    "          registry-url: 'https://registry.npmjs.org'",
    steps,
    '',
  ].join('\n');
}

interface Case {
  name: string;
  yaml: string;
  /** [messageId, needle, occurrence?] → messageId@loc(yaml, needle). */
  expected: [string, string, number?][];
  data?: Record<string, string>[];
  files?: Record<string, string>;
  /** `line:col` ends replacing the i-th expected range's end, for a command over several lines. */
  ends?: string[];
}

const PUBLISH = '      - run: npm publish';

/** A setup-node step given a token in its `env:` (Esri/calcite-design-system), then `rest`. */
const SETUP_WITH_TOKEN = (registry: string, rest: string): string =>
  workflow(`      - uses: actions/setup-node@v4\n        with:\n          registry-url: ${registry}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n${rest}`);

const cases: Case[] = [
  {
    name: 'NODE_AUTH_TOKEN on a setup-node step with registry-url: setup-node passes it on to the publish',
    yaml: SETUP_WITH_TOKEN('https://registry.npmjs.org', PUBLISH),
    expected: [['setupNodeToken', 'NODE_AUTH_TOKEN']],
    data: [{ name: 'NODE_AUTH_TOKEN', source: 'secrets.NPM_TOKEN', job: 'release', verb: 'publishes', command: 'npm publish', path: 'jobs.release.steps[1].env.NODE_AUTH_TOKEN' }],
  },
  {
    name: 'control: a publish step with its own NODE_AUTH_TOKEN does not get setup-node\'s (its own is reported)',
    yaml: SETUP_WITH_TOKEN('https://registry.npmjs.org', `${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.OTHER_NPM_TOKEN }}`),
    expected: [['envToken', 'NODE_AUTH_TOKEN', 2]],
  },
  {
    name: 'a publish step that passes the exported value on with `${{ env.NODE_AUTH_TOKEN }}` gets setup-node\'s token',
    yaml: SETUP_WITH_TOKEN('https://registry.npmjs.org', `${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ env.NODE_AUTH_TOKEN }}`),
    expected: [['setupNodeToken', 'NODE_AUTH_TOKEN']],
  },
  {
    name: 'control: a publish step that sets NODE_AUTH_TOKEN to another variable does not get setup-node\'s token',
    yaml: SETUP_WITH_TOKEN('https://registry.npmjs.org', `${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ env.OTHER }}`),
    expected: [],
  },
  {
    name: 'control: a setup-node for GitHub Packages passes on that registry\'s token',
    yaml: SETUP_WITH_TOKEN('https://npm.pkg.github.com', PUBLISH),
    expected: [],
  },
  {
    name: 'control: without registry-url setup-node exports nothing',
    yaml: workflow(`      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n${PUBLISH}`),
    expected: [],
  },
  {
    name: 'a token on the publish\'s command line from a secret variable (npm\'s `--//registry.npmjs.org/:_authToken=`)',
    yaml: workflow('      - run: npm publish --//registry.npmjs.org/:_authToken=$NPM_AUTHTOKEN\n        env:\n          NPM_AUTHTOKEN: ${{ secrets.NPM_AUTHTOKEN }}'),
    expected: [['commandLineToken', 'npm publish --//registry.npmjs.org/:_authToken=$NPM_AUTHTOKEN']],
    data: [{ source: '$NPM_AUTHTOKEN from secrets.NPM_AUTHTOKEN', token: '$NPM_AUTHTOKEN', job: 'release', command: 'npm publish' }],
  },
  {
    name: 'control: a command-line token that is no secret, or one for another registry',
    yaml: workflow('      - run: npm publish --//registry.npmjs.org/:_authToken=$LOCAL\n        env:\n          LOCAL: abc\n      - run: npm publish --registry https://npm.pkg.github.com --//npm.pkg.github.com/:_authToken=${{ secrets.GH }}'),
    expected: [],
  },
  {
    name: 'NODE_AUTH_TOKEN from a secret on the publish step',
    yaml: workflow(`${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}`),
    expected: [['envToken', 'NODE_AUTH_TOKEN']],
    data: [{ name: 'NODE_AUTH_TOKEN', source: 'secrets.NPM_TOKEN', job: 'release', verb: 'publishes', command: 'npm publish', path: 'jobs.release.steps[1].env.NODE_AUTH_TOKEN' }],
  },
  {
    name: 'NPM_TOKEN in the job env with a || fallback',
    yaml: workflow(PUBLISH, { jobEnv: '    env:\n      NPM_TOKEN: ${{ secrets.NPM_PUBLISH || secrets.NPM_TOKEN }}' }),
    expected: [['envToken', 'NPM_TOKEN']],
    data: [{ source: 'secrets.NPM_PUBLISH', path: 'jobs.release.env.NPM_TOKEN' }],
  },
  {
    name: 'workflow env reaching two publishing jobs is reported once',
    yaml:
      workflow(PUBLISH, { top: 'env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}' }) +
      '  again:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish --tag next\n',
    expected: [['envToken', 'NPM_TOKEN']],
    data: [{ path: 'env.NPM_TOKEN', job: 'release' }],
  },
  {
    name: 'npm_config_ registry auth env, any case',
    yaml: workflow(`${PUBLISH}\n        env:\n          'npm_config_//registry.npmjs.org/:_authToken': \${{ secrets.NPM }}`),
    expected: [['envToken', "'npm_config_//registry.npmjs.org/:_authToken'"]],
    data: [{ name: 'npm_config_//registry.npmjs.org/:_authToken', path: 'jobs.release.steps[1].env["npm_config_//registry.npmjs.org/:_authToken"]' }],
  },
  {
    // `bun publish` reads NPM_CONFIG_TOKEN in CI (arshad-yaseen/bunup).
    name: 'NPM_CONFIG_TOKEN with bun publish',
    yaml: workflow('      - run: bun publish\n        env:\n          NPM_CONFIG_TOKEN: ${{ secrets.NPM_TOKEN }}'),
    expected: [['envToken', 'NPM_CONFIG_TOKEN']],
  },
  {
    name: 'YARN_NPM_AUTH_TOKEN with yarn npm publish',
    yaml: workflow('      - run: yarn npm publish\n        env:\n          YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}'),
    expected: [['envToken', 'YARN_NPM_AUTH_TOKEN']],
    data: [{ command: 'yarn npm publish' }],
  },
  {
    name: 'changesets/action with a publish command and NPM_TOKEN',
    yaml: workflow(
      '      - uses: changesets/action@v1\n        with:\n          publish: npx changeset publish\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
    ),
    expected: [['envToken', 'NPM_TOKEN']],
    data: [{ command: 'changeset publish', verb: 'publishes' }],
  },
  {
    name: 'a script that may publish is worded as a heuristic',
    yaml: workflow('      - run: npm run release\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}'),
    expected: [['envToken', 'NODE_AUTH_TOKEN']],
    data: [{ verb: 'appears to publish' }],
  },
  {
    // Into the project `.npmrc`: after setup-node's `registry-url` npm does not read `~/.npmrc` (npmrc-targets.test.ts).
    name: 'echo of an _authToken into .npmrc before the publish',
    yaml: workflow(
      '      - run: |\n          echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" >> .npmrc\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n' + PUBLISH,
    ),
    expected: [['npmrcWrite', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}']],
    data: [{ source: '$NPM_TOKEN from secrets.NPM_TOKEN', path: 'jobs.release.steps[1].run', command: 'npm publish' }],
  },
  {
    name: 'npm config set in the publishing step',
    yaml: workflow('      - run: |\n          npm config set //registry.npmjs.org/:_authToken ${{ secrets.NPM_TOKEN }}\n          npm publish'),
    expected: [['npmrcWrite', 'npm config set //registry.npmjs.org/:_authToken ${{ secrets.NPM_TOKEN }}']],
    data: [{ source: 'secrets.NPM_TOKEN' }],
  },
  {
    name: 'heredoc into an .npmrc',
    yaml: workflow(
      '      - run: |\n          cat > .npmrc <<EOF\n          //registry.npmjs.org/:_authToken=$TOKEN\n          EOF\n          npm publish\n        env:\n          TOKEN: ${{ secrets.PUBLISH }}',
    ),
    expected: [['npmrcWrite', '//registry.npmjs.org/:_authToken=$TOKEN']],
    data: [{ source: '$TOKEN from secrets.PUBLISH' }],
  },
  {
    name: 'printf into an .npmrc, value not a variable',
    yaml: workflow(`      - run: printf '//registry.npmjs.org/:_authToken=%s' "$T" > .npmrc\n${PUBLISH}`),
    expected: [['npmrcWrite', '//registry.npmjs.org/:_authToken=%s']],
    data: [{ source: 'value written by the script' }],
  },
  {
    name: 'npm config set with the key spelt across quotes, from a variable set nowhere: a leftover, at info',
    yaml: workflow("      - run: |\n          npm config set '//registry.npmjs.org/:_auth'To\"ken\" \"$T\"\n          npm publish"),
    expected: [['npmrcWriteUnset', 'npm config set \'//registry.npmjs.org/:_auth\'To"ken" "$T"']],
  },
  {
    name: 'npm config set with the key spelt across a line continuation (the whole command is reported)',
    yaml: workflow('      - run: |\n          npm config set //registry.npmjs.org/:_auth\\\n          Token "${{ secrets.NPM_TOKEN }}"\n          npm publish'),
    expected: [['npmrcWrite', 'npm config set //registry.npmjs.org/:_auth']],
    ends: ['14:43'],
  },
  {
    name: 'yarn config set npmAuthToken before yarn npm publish',
    yaml: workflow('      - run: yarn config set npmAuthToken "$T" && yarn npm publish\n        env:\n          T: ${{ secrets.NPM_TOKEN }}'),
    expected: [['npmrcWrite', 'yarn config set npmAuthToken "$T"']],
    data: [{ source: '$T from secrets.NPM_TOKEN', command: 'yarn npm publish' }],
  },
  {
    name: 'yarn config set npmAuthToken for the registry yarn config set npmPublishRegistry sends the publish to (not npmjs)',
    yaml: workflow('      - run: |\n          yarn config set npmPublishRegistry http://localhost:4000\n          yarn config set npmAuthToken "$T"\n          yarn npm publish\n        env:\n          T: ${{ secrets.NPM_TOKEN }}'),
    expected: [],
  },
  {
    name: 'yarn config set npmAuthToken after yarn config set npmPublishRegistry https://registry.npmjs.org',
    yaml: workflow('      - run: |\n          yarn config set npmPublishRegistry https://registry.npmjs.org\n          yarn config set npmAuthToken "$T"\n          yarn npm publish\n        env:\n          T: ${{ secrets.NPM_TOKEN }}'),
    expected: [['npmrcWrite', 'yarn config set npmAuthToken "$T"']],
    data: [{ source: '$T from secrets.NPM_TOKEN', command: 'yarn npm publish' }],
  },
  {
    name: 'JS-DevTools/npm-publish token input',
    yaml: workflow('      - uses: JS-DevTools/npm-publish@v3\n        with:\n          token: ${{ secrets.NPM_TOKEN }}'),
    expected: [['actionInput', 'token', 2]], // the input's key; `id-token` holds the first "token"
    data: [{ input: 'token', action: 'JS-DevTools/npm-publish', path: 'jobs.release.steps[1].with.token', verb: 'publishes' }],
  },
  {
    name: 'literal token in an env entry, even outside a publishing job',
    yaml: `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      NPM_TOKEN: ${FAKE_TOKEN}\n    steps:\n      - run: npm test\n`,
    expected: [['literalToken', 'NPM_TOKEN']],
    data: [{ path: 'jobs.test.env.NPM_TOKEN' }],
  },
  {
    name: 'literal token in a script',
    yaml: workflow(`      - run: |\n          npm config set //registry.npmjs.org/:_authToken ${FAKE_TOKEN}\n          npm publish`),
    expected: [['literalToken', FAKE_TOKEN]],
    data: [{ path: 'jobs.release.steps[1].run' }],
  },
  // Silent cases.
  { name: 'explicitly empty NPM_TOKEN', yaml: workflow(`${PUBLISH}\n        env:\n          NPM_TOKEN: ""`), expected: [] },
  { name: 'NPM_TOKEN with no value', yaml: workflow(`${PUBLISH}\n        env:\n          NPM_TOKEN:`), expected: [] },
  { name: 'GITHUB_TOKEN', yaml: workflow(`${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.GITHUB_TOKEN }}`), expected: [] },
  { name: 'github.token', yaml: workflow(`${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ github.token }}`), expected: [] },
  { name: 'token from a step output', yaml: workflow(`${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ steps.auth.outputs.token }}`), expected: [] },
  {
    name: 'GitHub Packages through setup-node',
    yaml: workflow(
      "      - uses: actions/setup-node@v6\n        with:\n          registry-url: 'https://npm.pkg.github.com'\n" +
        `${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.GPR_TOKEN }}`,
    ),
    expected: [],
  },
  {
    name: 'a proxy registry through --registry',
    yaml: workflow('      - run: npm publish --registry https://wombat.example.com/\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.WOMBAT }}'),
    expected: [],
  },
  {
    name: 'NPM_CONFIG_REGISTRY pointing elsewhere',
    yaml: workflow(`${PUBLISH}\n        env:\n          NPM_CONFIG_REGISTRY: https://npm.example.com\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}`),
    expected: [],
  },
  {
    name: '.npmrc write for another host',
    yaml: workflow('      - run: echo "//npm.pkg.github.com/:_authToken=${{ secrets.GPR }}" >> ~/.npmrc\n' + PUBLISH),
    expected: [],
  },
  {
    name: 'read-only install token in a job that does not publish',
    yaml: `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_READ_TOKEN }}\n`,
    expected: [],
  },
  {
    name: 'install token on a step of a publishing job that does not publish',
    yaml: workflow(`      - run: npm ci\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_READ_TOKEN }}\n${PUBLISH}`),
    expected: [],
  },
  {
    name: '.npmrc write after the publish',
    yaml: workflow(`${PUBLISH}\n      - run: echo "//registry.npmjs.org/:_authToken=\${{ secrets.NPM_TOKEN }}" > ~/.npmrc`),
    expected: [],
  },
  { name: 'dry run only', yaml: workflow('      - run: npm publish --dry-run\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}'), expected: [] },
  {
    name: 'workflow env shadowed by an empty job env',
    yaml: workflow(PUBLISH, { top: 'env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}', jobEnv: '    env:\n      NPM_TOKEN: ""' }),
    expected: [],
  },
  {
    name: 'a commented-out .npmrc write',
    yaml: workflow('      - run: |\n          # echo "//registry.npmjs.org/:_authToken=${{ secrets.NPM_TOKEN }}" > ~/.npmrc\n          npm publish'),
    expected: [],
  },
  // A command-running action's script input is the step's `run` (src/model/data/command-actions.ts).
  {
    name: 'an .npmrc write in nick-fields/retry `command`, path at the input',
    yaml: workflow(`      - uses: nick-fields/retry@v3\n        with:\n          max_attempts: 3\n          command: echo "//registry.npmjs.org/:_authToken=\${{ secrets.NPM_TOKEN }}" > .npmrc && npm publish`),
    expected: [['npmrcWrite', '//registry.npmjs.org/:_authToken=${{ secrets.NPM_TOKEN }}']],
    data: [{ source: 'secrets.NPM_TOKEN', path: 'jobs.release.steps[1].with.command', command: 'npm publish' }],
  },
  {
    name: 'a literal token in a retry `command` is reported once, in the script',
    yaml: workflow(`      - uses: Wandalen/wretry.action@v3\n        with:\n          command: npm publish --//registry.npmjs.org/:_authToken=${FAKE_TOKEN}`),
    expected: [['literalToken', FAKE_TOKEN]],
    data: [{ path: 'jobs.release.steps[1].with.command' }],
  },
  // Reusable workflows of another repository are not read: an npm token passed to one is an `info`.
  ...remoteCallCases(),
];

/** A job calling `target` with the `secrets:` lines given (indented 6). */
function caller(target: string, secrets: string): string {
  return ['on: push', 'jobs:', '  stable:', '    permissions:', '      id-token: write', `    uses: ${target}`, '    secrets:', secrets, ''].join('\n');
}

function remoteCallCases(): Case[] {
  const remote = 'the-guild-org/shared-config/.github/workflows/release-stable.yml@v1';
  return [
    {
      name: 'remote reusable workflow: secret NODE_AUTH_TOKEN passed as npmToken',
      yaml: caller(remote, '      githubToken: ${{ secrets.GITHUB_TOKEN }}\n      npmToken: ${{ secrets.NODE_AUTH_TOKEN }}'),
      expected: [['remoteWorkflowSecret', '${{ secrets.NODE_AUTH_TOKEN }}']],
      data: [{ job: 'stable', name: 'npmToken', source: 'secrets.NODE_AUTH_TOKEN', target: remote, path: 'jobs.stable.secrets.npmToken', grant: 'this job grants `id-token: write`' }],
    },
    {
      name: 'remote reusable workflow: NODE_AUTH_TOKEN from secret NPM_TOKEN',
      yaml: caller('tree-sitter/workflows/.github/workflows/package-npm.yml@main', '      NODE_AUTH_TOKEN: ${{secrets.NPM_TOKEN}}'),
      expected: [['remoteWorkflowSecret', '${{secrets.NPM_TOKEN}}']],
      data: [{ name: 'NODE_AUTH_TOKEN', source: 'secrets.NPM_TOKEN' }],
    },
    {
      name: 'remote reusable workflow: a `token` fed from NPM_PUBLISH_TOKEN',
      yaml: caller(remote, '      token: ${{ secrets.NPM_PUBLISH_TOKEN }}'),
      expected: [['remoteWorkflowSecret', '${{ secrets.NPM_PUBLISH_TOKEN }}']],
    },
    {
      name: 'remote reusable workflow: a caller without `id-token: write` is told to grant it',
      yaml: caller(remote, '      npmToken: ${{ secrets.NPM_TOKEN }}').replace('    permissions:\n      id-token: write\n', ''),
      expected: [['remoteWorkflowSecret', '${{ secrets.NPM_TOKEN }}']],
      data: [{ grant: 'grant this job `id-token: write`, which the called workflow needs too' }],
    },
    {
      // survey910b M4: an action of another repository tp-doctor does not read, given an npm token (remote-action.test.ts).
      name: 'remote action: an npm token input is an info at its value',
      yaml: 'on: workflow_dispatch\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: taiga-family/actions/release-it@v2.12.0\n        with:\n          npmToken: ${{ secrets.NPM_TOKEN }}\n',
      expected: [['remoteActionSecret', '${{ secrets.NPM_TOKEN }}']],
      data: [{ input: 'npmToken', source: 'secrets.NPM_TOKEN', action: 'taiga-family/actions/release-it@v2.12.0', path: 'jobs.release.steps[0].with.npmToken' }],
    },
    { name: 'remote reusable workflow: secrets: inherit names no token', yaml: caller(remote, '      inherit').replace('secrets:\n      inherit', 'secrets: inherit'), expected: [] },
    { name: 'remote reusable workflow: GITHUB_TOKEN and a non-token npm secret', yaml: caller(remote, '      gh: ${{ secrets.GITHUB_TOKEN }}\n      npmRegistry: ${{ secrets.NPM_REGISTRY }}'), expected: [] },
    { name: 'remote reusable workflow: a literal value is no secret', yaml: caller(remote, '      npmToken: none'), expected: [] },
    {
      name: 'a local reusable workflow is read, not reported as a remote call',
      yaml: caller('./.github/workflows/publish.yml', '      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}'),
      files: { '.github/workflows/publish.yml': 'on:\n  workflow_call:\n    secrets:\n      NPM_TOKEN:\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' },
      expected: [],
    },
    {
      name: "a call to this repository's own workflow by owner/repo is read like a local one",
      yaml: caller('acme/widget/.github/workflows/publish.yml@main', '      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}'),
      files: { '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n' },
      expected: [],
    },
  ];
}

/** Every case of this file: the describes below add theirs, one rule-tester run at the end checks them all. */
const valid: ValidCase[] = [];
const invalid: InvalidCase[] = [];

/** A committed literal token is a certain leak (docs/domain.md §6): error; everything else warns. No finding prints the token. */
const severityOf = (messageId: string): ExpectedFinding['severity'] =>
  messageId === 'literalToken' ? 'error' : messageId === 'npmrcWriteUnset' || messageId === 'remoteWorkflowSecret' || messageId === 'remoteActionSecret' || messageId === 'gitlabSelfManaged' ? 'info' : 'warning';
const noTokenPrinted = (found: Diagnostic[]): void => {
  for (const d of found) expect(JSON.stringify(d)).not.toContain(FAKE_TOKEN);
};

{
  // GitHub Actions
  for (const c of cases) {
    const files = { [FILE]: c.yaml, 'package.json': PKG, ...c.files };
    if (c.expected.length === 0) valid.push({ name: c.name, files });
    else {
      invalid.push({
        name: c.name,
        files,
        errors: c.expected.map(([id, needle, n], i) => {
          const at = loc(c.yaml, needle, n);
          const end = c.ends?.[i];
          return { messageId: id, at: end === undefined ? at : at.replace(/-.*$/, `-${end}`), data: c.data?.[i], severity: severityOf(id) };
        }),
        check: noTokenPrinted,
      });
    }
  }

  const envToken = workflow(`${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}`);
  invalid.push({
    name: 'renders the full message',
    files: { [FILE]: envToken, 'package.json': PKG },
    errors: [
      {
        messageId: 'envToken',
        at: loc(envToken, 'NODE_AUTH_TOKEN'),
        message:
          'Long-lived npm token secrets.NPM_TOKEN in `NODE_AUTH_TOKEN` reaches job "release", which publishes with "npm publish"; trusted publishing needs no token',
        why: textWith('overrides this token', 'E404 Not Found - PUT'),
        fix: 'Once the job publishes with trusted publishing (`id-token: write` and npm 11.5.1 or later in the publishing job, the trusted publisher registered on npmjs.com; the other findings on the job say what is still missing, and until then the publish needs this token), remove `jobs.release.steps[1].env.NODE_AUTH_TOKEN`, revoke the token on npmjs.com and delete the secret',
      },
    ],
  });

  const npmSet = workflow('      - run: export NPM_TOKEN="$(cat /run/secrets/npm)" && npm set "//registry.npmjs.org/:_authToken=$NPM_TOKEN" && npm publish');
  invalid.push({
    name: 'renders the .npmrc message',
    files: { [FILE]: npmSet, 'package.json': PKG },
    errors: [
      {
        messageId: 'npmrcWrite',
        at: loc(npmSet, 'npm set "//registry.npmjs.org/:_authToken=$NPM_TOKEN"'),
        message:
          'Step writes a long-lived npm token ($NPM_TOKEN) into the npm configuration, and job "release" then publishes with "npm publish"; trusted publishing needs no token',
        fix: expect.stringContaining('`jobs.release.steps[1].run`'),
      },
    ],
  });

  const literal = workflow(`${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: ${FAKE_TOKEN}`);
  invalid.push({
    name: 'says a literal token is a committed secret without printing it',
    files: { [FILE]: literal, 'package.json': PKG },
    errors: [
      {
        messageId: 'literalToken',
        at: '14:11-14:26',
        message: 'A literal npm access token is committed in `jobs.release.steps[1].env.NODE_AUTH_TOKEN`; expected no token in the repository',
        why: expect.stringContaining('leaked secret'),
      },
    ],
  });

  const composite = workflow('      - uses: ./.github/actions/publish\n        with:\n          token: ${{ secrets.NPM_TOKEN }}');
  invalid.push({
    name: 'follows a local composite action that publishes',
    files: { [FILE]: composite, 'package.json': PKG, '.github/actions/publish/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: npm publish\n      shell: bash\n' },
    errors: [{ messageId: 'actionInput', at: loc(composite, 'token', 2), data: { action: './.github/actions/publish', input: 'token' } }],
  });

  const anywhere = workflow(
    "      - uses: actions/setup-node@v6\n        with:\n          registry-url: ${{ inputs.registry }}\n" +
      `${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}`,
  );
  invalid.push({
    name: 'registry-url from an expression: the publish may go anywhere, so the token is only an info',
    files: { [FILE]: anywhere, 'package.json': PKG },
    errors: [{ messageId: 'envToken', at: '17:11-17:26', severity: 'info', data: { verb: 'may publish' } }],
  });

  valid.push({
    name: 'honours publishConfig.registry of package.json',
    files: {
      [FILE]: `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ secrets.GPR }}\n`,
      'package.json': '{ "name": "@acme/widget", "version": "1.0.0", "publishConfig": { "registry": "https://npm.pkg.github.com" } }\n',
    },
  });
}

{
  // Earlier steps that hand the publish a token it does not see in its own step (docs/domain.md §6):
  // a committed shell script a step runs writing `_authToken` into an `.npmrc` (the file stays for
  // the later steps; a guess, `likely` at most), and a token-named variable written to `$GITHUB_ENV`.
  const AUTH_SH = '#!/usr/bin/env bash\necho "//registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}" > .npmrc\n';
  const WRITTEN = '//registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}';
  const SECRET_ENV = '        env:\n          NPM_AUTH_TOKEN: ${{ secrets.NPM_AUTH_TOKEN }}';
  // For a script run in the publishing step: a variable name npm does not read, so the step's env is no token of its own.
  const TOKEN_SH = '#!/usr/bin/env bash\necho "//registry.npmjs.org/:_authToken=${TOKEN}" > .npmrc\n';
  const TOKEN_ENV = '        env:\n          TOKEN: ${{ secrets.NPM_AUTH_TOKEN }}';
  const FROM_SECRET = { source: '$NPM_AUTH_TOKEN from secrets.NPM_AUTH_TOKEN', path: 'scripts/auth.sh', job: 'release', verb: 'publishes', command: 'npm publish' };
  interface EarlierCase {
    name: string;
    steps: string;
    files?: Record<string, string>;
    /** [messageId, file (the workflow when absent), needle, data, related] */
    expected: [string, string | undefined, string, Record<string, string>, string[]?][];
  }
  const earlier: EarlierCase[] = [
    {
      name: 'a committed script run by an earlier step writes the token (palantir/plottable)',
      steps: `      - run: ./scripts/auth.sh\n${SECRET_ENV}\n${PUBLISH}`,
      files: { 'scripts/auth.sh': AUTH_SH },
      expected: [['npmrcWrite', 'scripts/auth.sh', WRITTEN, FROM_SECRET, ['.github/workflows/release.yml:12:9 run by jobs.release.steps[1]']]],
    },
    {
      name: 'bash runs the script earlier in the publishing step',
      steps: `      - run: bash -e scripts/auth.sh && npm publish\n${TOKEN_ENV}`,
      files: { 'scripts/auth.sh': TOKEN_SH },
      expected: [['npmrcWrite', 'scripts/auth.sh', '//registry.npmjs.org/:_authToken=${TOKEN}', { ...FROM_SECRET, source: '$TOKEN from secrets.NPM_AUTH_TOKEN' }]],
    },
    {
      name: 'an extension-less script with a shell interpreter line, in the step working-directory',
      steps: `      - run: ./bin/npm-auth\n        working-directory: tools\n${SECRET_ENV}\n${PUBLISH}`,
      files: { 'tools/bin/npm-auth': AUTH_SH },
      expected: [['npmrcWrite', 'tools/bin/npm-auth', WRITTEN, { ...FROM_SECRET, path: 'tools/bin/npm-auth' }]],
    },
    {
      name: 'a script run by the script the step runs',
      steps: `      - run: ./scripts/ci.sh\n${SECRET_ENV}\n${PUBLISH}`,
      files: { 'scripts/ci.sh': 'set -e\n./scripts/auth.sh\n', 'scripts/auth.sh': AUTH_SH },
      expected: [['npmrcWrite', 'scripts/auth.sh', WRITTEN, FROM_SECRET]],
    },
    {
      name: 'a script writing a variable nothing sets is a leftover (info)',
      steps: `      - run: ./scripts/auth.sh\n${PUBLISH}`,
      files: { 'scripts/auth.sh': AUTH_SH },
      expected: [['npmrcWriteUnset', 'scripts/auth.sh', WRITTEN, { source: '$NPM_AUTH_TOKEN', path: 'scripts/auth.sh' }]],
    },
    {
      name: 'a token written to $GITHUB_ENV, passed on as env.NODE_AUTH_TOKEN (dotenvx/dotenvx)',
      steps: `      - run: |\n          echo "NODE_AUTH_TOKEN=\${{ secrets.NPM_TOKEN }}" >> $GITHUB_ENV\n${PUBLISH}\n        env:\n          NODE_AUTH_TOKEN: \${{ env.NODE_AUTH_TOKEN }}`,
      expected: [['githubEnvToken', undefined, '"NODE_AUTH_TOKEN=${{ secrets.NPM_TOKEN }}"', { source: 'secrets.NPM_TOKEN', name: 'NODE_AUTH_TOKEN', path: 'jobs.release.steps[1].run', job: 'release', verb: 'publishes', command: 'npm publish' }]],
    },
    {
      name: 'a token written to "$GITHUB_ENV", inherited by the publish',
      steps: `      - run: echo NPM_TOKEN=\${{ secrets.NPM_TOKEN }} >> "$GITHUB_ENV"\n${PUBLISH}`,
      expected: [['githubEnvToken', undefined, 'NPM_TOKEN=${{ secrets.NPM_TOKEN }}', { name: 'NPM_TOKEN' }]],
    },
    {
      name: 'a heredoc appended to $GITHUB_ENV',
      steps: `      - run: |\n          cat <<EOF >> "\${GITHUB_ENV}"\n          NODE_AUTH_TOKEN=\${{ secrets.NPM_TOKEN }}\n          EOF\n${PUBLISH}`,
      expected: [['githubEnvToken', undefined, 'NODE_AUTH_TOKEN=${{ secrets.NPM_TOKEN }}', { name: 'NODE_AUTH_TOKEN' }]],
    },
    {
      name: 'a $GITHUB_ENV write through tee of a variable read from a secret',
      steps: `      - run: echo "NPM_TOKEN=$TOKEN" | tee -a $GITHUB_ENV\n        env:\n          TOKEN: \${{ secrets.NPM_PUBLISH_TOKEN }}\n${PUBLISH}`,
      expected: [['githubEnvToken', undefined, '"NPM_TOKEN=$TOKEN"', { source: '$TOKEN from secrets.NPM_PUBLISH_TOKEN' }]],
    },
  ];
  for (const c of earlier) {
    const yaml = workflow(c.steps);
    invalid.push({
      name: `earlier step: ${c.name}`,
      files: { [FILE]: yaml, 'package.json': PKG, ...c.files },
      errors: c.expected.map(([messageId, file, needle, data, related]) => ({
        messageId,
        file: file ?? FILE,
        at: loc(file === undefined ? yaml : (c.files?.[file] ?? ''), needle),
        data,
        severity: severityOf(messageId),
        related,
      })),
    });
  }

  const quiet: EarlierCase[] = [
    { name: 'a script that writes a registry line without a token', steps: `      - run: ./scripts/auth.sh\n${SECRET_ENV}\n${PUBLISH}`, files: { 'scripts/auth.sh': 'echo "registry=https://registry.npmjs.org/" > .npmrc\n' }, expected: [] },
    { name: 'a script that writes the token after the publish', steps: `${PUBLISH}\n      - run: ./scripts/auth.sh\n${SECRET_ENV}`, files: { 'scripts/auth.sh': AUTH_SH }, expected: [] },
    { name: 'a script run after the publish in the same step', steps: `      - run: npm publish && ./scripts/auth.sh\n${TOKEN_ENV}`, files: { 'scripts/auth.sh': TOKEN_SH }, expected: [] },
    { name: 'a script in a job that does not publish', steps: `      - run: ./scripts/auth.sh\n${SECRET_ENV}\n      - run: npm test`, files: { 'scripts/auth.sh': AUTH_SH }, expected: [] },
    { name: 'a script that is not committed', steps: `      - run: ./scripts/auth.sh\n${SECRET_ENV}\n${PUBLISH}`, expected: [] },
    {
      // dotenvx/dotenvx: the secret is the vault's token, an argument; what the command prints is not known.
      name: 'a $GITHUB_ENV token from a command that only takes a secret as an argument',
      steps: `      - run: |\n          echo "NODE_AUTH_TOKEN=$(npx vault-cli get npm --token '\${{ secrets.OPS_TOKEN }}')" >> $GITHUB_ENV\n${PUBLISH}`,
      expected: [],
    },
    { name: 'a $GITHUB_ENV write of a variable that is no token', steps: `      - run: echo "SLACK_WEBHOOK=\${{ secrets.SLACK_WEBHOOK }}" >> $GITHUB_ENV\n${PUBLISH}`, expected: [] },
    { name: 'a $GITHUB_ENV write of GITHUB_TOKEN', steps: `      - run: echo "NODE_AUTH_TOKEN=\${{ secrets.GITHUB_TOKEN }}" >> $GITHUB_ENV\n${PUBLISH}`, expected: [] },
    { name: 'a $GITHUB_ENV token written after the publish', steps: `${PUBLISH}\n      - run: echo "NPM_TOKEN=\${{ secrets.NPM_TOKEN }}" >> $GITHUB_ENV`, expected: [] },
    {
      name: 'a $GITHUB_ENV token the publish step empties',
      steps: `      - run: echo "NPM_TOKEN=\${{ secrets.NPM_TOKEN }}" >> $GITHUB_ENV\n${PUBLISH}\n        env:\n          NPM_TOKEN: ""`,
      expected: [],
    },
    {
      name: 'a $GITHUB_ENV NODE_AUTH_TOKEN after setup-node for GitHub Packages',
      steps: `      - uses: actions/setup-node@v6\n        with:\n          registry-url: 'https://npm.pkg.github.com'\n      - run: echo "NODE_AUTH_TOKEN=\${{ secrets.GPR_TOKEN }}" >> $GITHUB_ENV\n${PUBLISH}`,
      expected: [],
    },
    { name: 'a token echoed to a file that is not $GITHUB_ENV', steps: `      - run: echo "NPM_TOKEN=\${{ secrets.NPM_TOKEN }}" >> .env\n${PUBLISH}`, expected: [] },
  ];
  for (const c of quiet) valid.push({ name: `earlier step: ${c.name}`, files: { [FILE]: workflow(c.steps), 'package.json': PKG, ...c.files } });

  const publishSh = '#!/bin/sh\necho "//registry.npmjs.org/:_authToken=${TOKEN}" > ~/.npmrc\nnpm publish\n';
  invalid.push({
    name: 'earlier step: a script through which the publish runs is reported once, by the publish',
    files: { [FILE]: workflow(`      - run: ./scripts/publish.sh\n${TOKEN_ENV}`), 'package.json': PKG, 'scripts/publish.sh': publishSh },
    errors: [{ messageId: 'npmrcWrite', file: 'scripts/publish.sh', at: loc(publishSh, '//registry.npmjs.org/:_authToken=${TOKEN}'), data: { path: 'scripts/publish.sh', verb: 'appears to publish' }, related: ['run by jobs.release.steps[1]'] }],
  });
}

{
  // A literal `${NPM_TOKEN}` written into an `.npmrc` (a single-quoted echo): npm expands it when it
  // reads the file, in the environment of the publishing step (cloudflare/workerd release.yml). The
  // variable is looked up there too, and a local composite action is read for what it sets.
  const LINE = "      - run: echo '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' > .npmrc";
  const WRITTEN = '//registry.npmjs.org/:_authToken=${NPM_TOKEN}';
  const SETUP = 'inputs:\n  COOKIE:\n    required: true\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      env:\n        COOKIE: ${{ inputs.COOKIE }}\n      run: echo "configure toolchain"\n';
  const USE_SETUP = '      - uses: ./.github/actions/setup\n        with:\n          COOKIE: ${{ secrets.SOME_COOKIE }}';
  const AUTH = 'runs:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "NPM_TOKEN=${{ inputs.token }}" >> "$GITHUB_ENV"\n';
  const AUTH_SH = '#!/usr/bin/env bash\necho "//registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}" > .npmrc\n';
  interface ScopeCase {
    name: string;
    steps: string;
    files?: Record<string, string>;
    /** [messageId, file (the workflow when absent), needle, occurrence, data] */
    expected: [string, string | undefined, string, number, Record<string, string>?][];
  }
  const scopeCases: ScopeCase[] = [
    {
      name: 'the publishing step sets the variable: the line writes its token, beside the env finding (workerd upload-artifacts)',
      steps: `${LINE}\n${PUBLISH}\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_ACCESS_TOKEN }}`,
      expected: [
        ['npmrcWrite', undefined, WRITTEN, 1, { source: '$NPM_TOKEN from secrets.NPM_ACCESS_TOKEN', path: 'jobs.release.steps[1].run', command: 'npm publish' }],
        ['envToken', undefined, 'NPM_TOKEN', 2, { source: 'secrets.NPM_ACCESS_TOKEN', path: 'jobs.release.steps[2].env.NPM_TOKEN' }],
      ],
    },
    {
      name: 'a readable local composite action that sets nothing does not set it: a leftover (workerd publish-wrapper)',
      steps: `${USE_SETUP}\n${LINE}\n${PUBLISH}`,
      files: { '.github/actions/setup/action.yml': SETUP },
      expected: [['npmrcWriteUnset', undefined, WRITTEN, 1, { source: '$NPM_TOKEN', path: 'jobs.release.steps[2].run' }]],
    },
    {
      name: 'the publishing step sets it empty: a leftover',
      steps: `${LINE}\n${PUBLISH}\n        env:\n          NPM_TOKEN: ""`,
      expected: [['npmrcWriteUnset', undefined, WRITTEN, 1, { source: '$NPM_TOKEN' }]],
    },
    {
      name: 'a local composite action writes it to $GITHUB_ENV',
      steps: `      - uses: ./.github/actions/auth\n        with:\n          token: \${{ secrets.NPM }}\n${LINE}\n${PUBLISH}`,
      files: { '.github/actions/auth/action.yml': AUTH },
      expected: [['npmrcWrite', undefined, WRITTEN, 1, { source: '$NPM_TOKEN' }]],
    },
    {
      name: 'a local action tp-doctor cannot read may set it',
      steps: `      - uses: ./.github/actions/auth\n        with:\n          token: \${{ secrets.NPM }}\n${LINE}\n${PUBLISH}`,
      expected: [['npmrcWrite', undefined, WRITTEN, 1, { source: '$NPM_TOKEN' }]],
    },
    {
      name: 'a committed script an earlier step runs, the variable set on the publishing step',
      steps: `      - run: ./scripts/auth.sh\n${PUBLISH}\n        env:\n          NPM_AUTH_TOKEN: \${{ secrets.NPM_AUTH_TOKEN }}`,
      files: { 'scripts/auth.sh': AUTH_SH },
      expected: [
        ['envToken', undefined, 'NPM_AUTH_TOKEN', 1, { path: 'jobs.release.steps[2].env.NPM_AUTH_TOKEN' }],
        ['npmrcWrite', 'scripts/auth.sh', '//registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}', 1, { source: '$NPM_AUTH_TOKEN from secrets.NPM_AUTH_TOKEN', path: 'scripts/auth.sh' }],
      ],
    },
  ];
  for (const c of scopeCases) {
    const yaml = workflow(c.steps);
    invalid.push({
      name: `variable scope: ${c.name}`,
      files: { [FILE]: yaml, 'package.json': PKG, ...c.files },
      errors: c.expected.map(([messageId, file, needle, n, data]) => ({
        messageId,
        file: file ?? FILE,
        at: loc(file === undefined ? yaml : (c.files?.[file] ?? ''), needle, n),
        data,
        severity: severityOf(messageId),
      })),
    });
  }
}

{
  // committed .npmrc and .yarnrc.yml
  const release = workflow(PUBLISH);
  interface FileCase {
    name: string;
    files: Record<string, string>;
    /** [messageId, file, line, column, endColumn] */
    expected: [string, string, number, number, number][];
    data?: Record<string, string>[];
    severity?: string;
  }
  const fileCases: FileCase[] = [
    {
      name: 'root .npmrc with ${NPM_TOKEN}',
      files: { '.npmrc': 'registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' },
      expected: [['npmrcFile', '.npmrc', 2, 1, 33]],
      data: [{ file: '.npmrc', key: '//registry.npmjs.org/:_authToken', source: 'the environment variable `${NPM_TOKEN}`' }],
    },
    {
      name: 'a workspace package .npmrc, quoted value',
      files: {
        'package.json': '{ "name": "root", "private": true, "workspaces": ["packages/*"] }',
        'packages/a/package.json': '{ "name": "a" }',
        'packages/a/.npmrc': '_authToken="${NODE_AUTH_TOKEN}"\n',
      },
      expected: [['npmrcFile', 'packages/a/.npmrc', 1, 1, 11]],
      data: [{ source: 'the environment variable `${NODE_AUTH_TOKEN}`' }],
    },
    {
      name: 'the .npmrc of the directory a publishing step runs in',
      files: { 'dist/.npmrc': '//registry.npmjs.org/:_authToken=XXXXX-XXXXX-XXXXX-XXXXX\n', [FILE]: workflow('      - run: npm publish\n        working-directory: dist') },
      expected: [['npmrcFile', 'dist/.npmrc', 1, 1, 33]],
      data: [{ source: 'a value written in the file' }],
    },
    {
      name: 'a literal token in .npmrc is an error and is never printed',
      files: { '.npmrc': `//registry.npmjs.org/:_authToken=${FAKE_TOKEN}\n` },
      expected: [['committedToken', '.npmrc', 1, 1, 33]],
      data: [{ file: '.npmrc', key: '//registry.npmjs.org/:_authToken' }],
      severity: 'error',
    },
    {
      name: 'a literal token is reported even when nothing publishes',
      files: { '.npmrc': `//registry.npmjs.org/:_authToken=${FAKE_TOKEN}\n`, [FILE]: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' },
      expected: [['committedToken', '.npmrc', 1, 1, 33]],
      severity: 'error',
    },
    {
      name: '.yarnrc.yml npmAuthToken, top level and for the npmjs registry',
      files: {
        '.yarnrc.yml': 'npmAuthToken: ${NPM_TOKEN:-}\nnpmRegistries:\n  //registry.npmjs.org:\n    npmAuthToken: "${NPM_AUTH}"\n',
        [FILE]: workflow('      - run: yarn npm publish\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}'),
      },
      expected: [
        ['envToken', FILE, 14, 11, 20],
        ['yarnrcToken', '.yarnrc.yml', 1, 1, 13],
        ['yarnrcToken', '.yarnrc.yml', 4, 5, 17],
      ],
      data: [
        {},
        { file: '.yarnrc.yml', key: 'npmAuthToken', source: 'the environment variable `${NPM_TOKEN}`', when: ' whenever `NPM_TOKEN` has a value' },
        { key: 'npmRegistries["//registry.npmjs.org"].npmAuthToken', source: 'the environment variable `${NPM_AUTH}`', when: '' },
      ],
    },
    {
      // Yarn puts in the empty fallback while NPM_TOKEN is unset, and an empty token is none (docs/domain.md A.37).
      name: '.yarnrc.yml `${NPM_TOKEN:-}` in a GitHub job that sets no NPM_TOKEN: only the other token',
      files: {
        '.yarnrc.yml': 'npmAuthToken: ${NPM_TOKEN:-}\nnpmRegistries:\n  //registry.npmjs.org:\n    npmAuthToken: "${NPM_AUTH}"\n',
        [FILE]: workflow('      - run: yarn npm publish'),
      },
      expected: [['yarnrcToken', '.yarnrc.yml', 4, 5, 17]],
    },
    {
      name: '.yarnrc.yml scope token',
      files: { '.yarnrc.yml': 'npmScopes:\n  acme:\n    npmAuthToken: ${NPM_TOKEN}\n', [FILE]: workflow('      - run: yarn npm publish') },
      expected: [['yarnrcToken', '.yarnrc.yml', 3, 5, 17]],
      data: [{ key: 'npmScopes.acme.npmAuthToken' }],
    },
    {
      name: 'a literal token in .yarnrc.yml',
      files: { '.yarnrc.yml': `npmAuthToken: ${FAKE_TOKEN}\n` },
      expected: [['committedToken', '.yarnrc.yml', 1, 1, 13]],
      data: [{ key: 'npmAuthToken' }],
      severity: 'error',
    },
    {
      // VisActor/VTable: `rush publish` gives this file to the package manager as its user configuration.
      name: "Rush's .npmrc-publish in a Rush repository",
      files: { 'rush.json': '{ "rushVersion": "5.148.0", "pnpmVersion": "10.7.0", "projects": [] }\n', 'common/config/rush/.npmrc-publish': '# template\n //registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}\n' },
      expected: [['npmrcFile', 'common/config/rush/.npmrc-publish', 2, 2, 34]],
      data: [{ file: 'common/config/rush/.npmrc-publish', key: '//registry.npmjs.org/:_authToken', source: 'the environment variable `${NPM_AUTH_TOKEN}`' }],
    },
    // Silent cases.
    { name: 'an .npmrc-publish without rush.json is not read', files: { 'common/config/rush/.npmrc-publish': '//registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}\n' }, expected: [] },
    { name: 'a token for GitHub Packages', files: { '.npmrc': '//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}\n' }, expected: [] },
    // homebound-team/form-state: the npm CLI publishes, and it never reads `.yarnrc.yml`.
    { name: 'a .yarnrc.yml token when only the npm CLI publishes', files: { '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN:-}"\n' }, expected: [] },
    { name: 'a GitHub Packages scope in .yarnrc.yml', files: { '.yarnrc.yml': 'npmScopes:\n  acme:\n    npmRegistryServer: https://npm.pkg.github.com\n    npmAuthToken: ${GH}\n' }, expected: [] },
    { name: 'an empty token', files: { '.npmrc': '//registry.npmjs.org/:_authToken=\n' }, expected: [] },
    { name: 'a commented-out token', files: { '.npmrc': '# //registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' }, expected: [] },
    {
      name: 'an interpolated token when nothing publishes to npm',
      files: { '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', [FILE]: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n' },
      expected: [],
    },
    { name: 'other settings only', files: { '.npmrc': 'provenance=true\nregistry=https://registry.npmjs.org/\n' }, expected: [] },
  ];

  for (const c of fileCases) {
    const files = { [FILE]: release, 'package.json': PKG, ...c.files };
    if (c.expected.length === 0) valid.push({ name: `files: ${c.name}`, files });
    else {
      invalid.push({
        name: `files: ${c.name}`,
        files,
        errors: c.expected.map(([messageId, file, line, col, end], i) => ({
          messageId,
          at: `${line}:${col}-${line}:${end}`,
          file,
          data: c.data?.[i],
          severity: (c.severity ?? 'warning') as ExpectedFinding['severity'],
        })),
        check: noTokenPrinted,
      });
    }
  }

  invalid.push({
    name: 'files: renders the .npmrc and .yarnrc.yml messages',
    files: { [FILE]: workflow('      - run: npm publish\n      - run: yarn npm publish'), 'package.json': PKG, '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', '.yarnrc.yml': 'npmAuthToken: ${NPM_TOKEN}\n' },
    errors: [
      {
        messageId: 'npmrcFile',
        at: '1:1-1:33',
        message:
          '`.npmrc` configures a long-lived npm token for registry.npmjs.org (`//registry.npmjs.org/:_authToken` from the environment variable `${NPM_TOKEN}`); trusted publishing needs no token',
        fix: 'Once every job that publishes with it publishes with trusted publishing (`id-token: write` and npm 11.5.1 or later in the publishing job, the trusted publisher registered on npmjs.com; the other findings say what is still missing, and until then the publish needs this token), delete the `//registry.npmjs.org/:_authToken` line from `.npmrc`, revoke the token on npmjs.com and delete the secret',
      },
      {
        messageId: 'yarnrcToken',
        at: '1:1-1:13',
        message:
          '`.yarnrc.yml` sets `npmAuthToken` for registry.npmjs.org from the environment variable `${NPM_TOKEN}`, and "yarn npm publish" in job "release" publishes through Yarn Berry, which publishes with a configured token instead of OIDC',
        fix: 'Once every job that publishes with it publishes with trusted publishing (`id-token: write` in the publishing job, the trusted publisher registered on npmjs.com; the other findings say what is still missing, and until then the publish needs this token), remove `npmAuthToken` from `.yarnrc.yml`, revoke the token on npmjs.com and delete the secret',
      },
    ],
  });
}

{
  // GitLab CI
  const GL_PKG = JSON.stringify({ name: '@acme/widget', repository: { url: 'git+https://gitlab.com/acme/widget.git' } });
  const GITLAB = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
  /** A publishing job with npm's OIDC setup; `extra` is inserted after `image:` (job indentation 2). */
  const job = (extra: string, script = '    - npm publish', name = 'publish'): string =>
    `${name}:\n  image: node:24\n${extra ? `${extra}\n` : ''}  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n  script:\n${script}\n`;

  interface GitlabCase {
    name: string;
    ci: string;
    files?: Record<string, string>;
    config?: string;
    /** [messageId, needle, occurrence?] → messageId@loc(ci, needle). */
    expected: [string, string, number?][];
    data?: Record<string, string>[];
    /** `line:col label` of each related location of the first diagnostic. */
    related?: string[];
  }

  const WRITE = 'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc';
  const WRITTEN = '//registry.npmjs.org/:_authToken=${NPM_TOKEN}';
  const RXAP_WRITE = 'npm config set "${PACKAGE_REGISTRY#https?}:_authToken=${PACKAGE_REGISTRY_TOKEN}"';
  /** rxap/schematics' publish template and its three jobs; `npmjs`: the registry of `publish:npm`; `first`: a line before the write. */
  const RXAP = (npmjs = 'https://registry.npmjs.org/', first = ''): string =>
    [
      '.publish:',
      '  image: node:24',
      '  script:',
      `${first}    - ${RXAP_WRITE}`,
      '    - npm publish --registry $PACKAGE_REGISTRY --access public',
      '',
      'publish:npm:',
      '  extends: .publish',
      '  variables:',
      `    PACKAGE_REGISTRY: ${npmjs}`,
      '    PACKAGE_REGISTRY_TOKEN: "$NPM_TOKEN"',
      'publish:rxap:',
      '  extends: .publish',
      '  variables:',
      '    PACKAGE_REGISTRY: https://npm.rxap.dev/',
      '    PACKAGE_REGISTRY_TOKEN: "$RXAP_NPM_TOKEN"',
      'publish:gitlab:',
      '  extends: .publish',
      '  variables:',
      '    PACKAGE_REGISTRY: "${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/npm/"',
      '    PACKAGE_REGISTRY_TOKEN: "$CI_JOB_TOKEN"',
      '',
    ].join('\n');

  const gitlabCases: GitlabCase[] = [
    {
      name: 'NPM_TOKEN written to .npmrc in before_script',
      ci: job(`  before_script:\n    - ${WRITE}`),
      expected: [['gitlabScriptWrite', WRITTEN]],
      data: [{ source: 'CI/CD variable `$NPM_TOKEN`', job: 'publish', verb: 'publishes', command: 'npm publish', path: 'publish.before_script' }],
      related: [],
    },
    {
      name: '>> ~/.npmrc in the script, before the publish line',
      ci: job('', '    - echo "//registry.npmjs.org/:_authToken=$NODE_AUTH_TOKEN" >> ~/.npmrc\n    - npm publish'),
      expected: [['gitlabScriptWrite', '//registry.npmjs.org/:_authToken=$NODE_AUTH_TOKEN']],
      data: [{ source: 'CI/CD variable `$NODE_AUTH_TOKEN`', path: 'publish.script' }],
    },
    {
      name: 'printf into .npmrc, a value the script computes',
      ci: job(`  before_script:\n    - printf '//registry.npmjs.org/:_authToken=%s' "$T" > .npmrc`),
      expected: [['gitlabScriptWrite', '//registry.npmjs.org/:_authToken=%s']],
      data: [{ source: 'a value written in the script' }],
    },
    {
      name: 'tee into .npmrc',
      ci: job('', '    - echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" | tee .npmrc\n    - npm publish'),
      expected: [['gitlabScriptWrite', WRITTEN]],
    },
    {
      name: 'npm config set in the publish line, before the publish',
      ci: job('', '    - npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN" && npm publish'),
      expected: [['gitlabScriptWrite', 'npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"']],
    },
    {
      name: 'npm set with key=value',
      ci: job('  before_script:\n    - npm set //registry.npmjs.org/:_authToken=${NPM_TOKEN}'),
      expected: [['gitlabScriptWrite', 'npm set //registry.npmjs.org/:_authToken=${NPM_TOKEN}']],
    },
    {
      name: 'yarn config set npmAuthToken before yarn npm publish',
      ci: job('', '    - yarn config set npmAuthToken "$NPM_TOKEN"\n    - yarn npm publish'),
      expected: [['gitlabScriptWrite', 'yarn config set npmAuthToken "$NPM_TOKEN"']],
      data: [{ command: 'yarn npm publish' }],
    },
    {
      name: 'a template before_script is reported once at the template, the extending jobs related',
      ci: `.npm-auth:\n  before_script:\n    - ${WRITE}\n${job('  extends: .npm-auth')}${job('  extends: .npm-auth', '    - npm publish --tag next', 'publish-next')}`,
      expected: [['gitlabScriptWrite', WRITTEN]],
      data: [{ path: '.npm-auth.before_script', job: 'publish' }],
      related: ['4:1 publishing job "publish"', '12:1 publishing job "publish-next"'],
    },
    {
      name: 'a default: before_script',
      ci: `default:\n  before_script:\n    - ${WRITE}\n${job('')}`,
      expected: [['gitlabScriptWrite', WRITTEN]],
      data: [{ path: 'default.before_script' }],
      related: ['4:1 publishing job "publish"'],
    },
    {
      name: 'a !reference to a setup block',
      ci: `.setup:\n  script:\n    - ${WRITE}\n${job('  before_script:\n    - !reference [.setup, script]')}`,
      expected: [['gitlabScriptWrite', WRITTEN]],
      data: [{ path: '.setup' }],
      related: ['4:1 publishing job "publish"'],
    },
    {
      name: 'a job variable fed from a CI/CD variable',
      ci: job('  variables:\n    NODE_AUTH_TOKEN: $NPM_TOKEN'),
      expected: [['gitlabVariable', 'NODE_AUTH_TOKEN']],
      data: [{ name: 'NODE_AUTH_TOKEN', variable: 'NPM_TOKEN', job: 'publish', verb: 'publishes', command: 'npm publish', path: 'publish.variables.NODE_AUTH_TOKEN' }],
      related: [],
    },
    {
      name: 'a global variable reaching two publishing jobs is reported once',
      ci: `variables:\n  NPM_TOKEN: \${NPM_PUBLISH_TOKEN}\n${job('')}${job('', '    - npm publish --tag next', 'publish-next')}`,
      expected: [['gitlabVariable', 'NPM_TOKEN']],
      data: [{ name: 'NPM_TOKEN', variable: 'NPM_PUBLISH_TOKEN', path: 'variables.NPM_TOKEN' }],
      related: ['3:1 publishing job "publish"', '10:1 publishing job "publish-next"'],
    },
    {
      name: 'a template variable in the expanded form',
      ci: `.npm:\n  variables:\n    YARN_NPM_AUTH_TOKEN:\n      value: $NPM_TOKEN\n      description: publish token\n${job('  extends: .npm', '    - yarn npm publish')}`,
      expected: [['gitlabVariable', 'YARN_NPM_AUTH_TOKEN']],
      data: [{ path: '.npm.variables.YARN_NPM_AUTH_TOKEN', command: 'yarn npm publish' }],
      related: ['6:1 publishing job "publish"'],
    },
    {
      name: 'the npm_config_ registry auth variable',
      ci: job("  variables:\n    'NPM_CONFIG_//registry.npmjs.org/:_authToken': $NPM_TOKEN"),
      expected: [['gitlabVariable', "'NPM_CONFIG_//registry.npmjs.org/:_authToken'"]],
      data: [{ name: 'NPM_CONFIG_//registry.npmjs.org/:_authToken' }],
    },
    {
      name: 'a heuristic publish says "appears to publish"',
      ci: job('  variables:\n    NPM_TOKEN: $NPM_TOKEN_RW', '    - npm run release'),
      expected: [['gitlabVariable', 'NPM_TOKEN']],
      data: [{ verb: 'appears to publish', command: 'npm run release (script not found)' }],
    },
    {
      name: 'a literal token in variables is an error at the entry',
      ci: job(`  variables:\n    NPM_TOKEN: ${FAKE_TOKEN}`),
      expected: [['literalToken', 'NPM_TOKEN']],
      data: [{ path: 'publish.variables.NPM_TOKEN' }],
    },
    {
      name: 'a literal token in a script line is an error at the token, even in a job that does not publish',
      ci: `setup:\n  script:\n    - npm config set //registry.npmjs.org/:_authToken ${FAKE_TOKEN}\n`,
      expected: [['literalToken', FAKE_TOKEN]],
      data: [{ path: 'setup.script[0]' }],
    },
    {
      // rxap/schematics: one template, the registry and its token per job in `variables:`.
      name: 'a key built from a variable the job sets to registry.npmjs.org (`${PACKAGE_REGISTRY#https?}:_authToken`)',
      ci: RXAP(),
      expected: [['gitlabScriptWrite', RXAP_WRITE]],
      data: [{ source: 'CI/CD variable `$NPM_TOKEN`', job: 'publish:npm', path: '.publish.script' }],
      related: ['7:1 publishing job "publish:npm"'],
    },
    {
      name: 'a key built from a variable, echoed into .npmrc',
      ci: job('  variables:\n    REGISTRY: https://registry.npmjs.org/\n  before_script:\n    - echo "${REGISTRY#https:}:_authToken=${NPM_TOKEN}" > .npmrc'),
      expected: [['gitlabScriptWrite', '${REGISTRY#https:}:_authToken=${NPM_TOKEN}']],
      data: [{ source: 'CI/CD variable `$NPM_TOKEN`' }],
    },
    {
      name: 'on a self-managed GitLab (publisher `host:`): trusted publishing is not available there, info',
      ci: job(`  variables:\n    NODE_AUTH_TOKEN: $NPM_TOKEN\n  before_script:\n    - ${WRITE}`),
      config: `${GITLAB}    host: gitlab.example.org\n`,
      expected: [
        ['gitlabSelfManaged', 'NODE_AUTH_TOKEN'],
        ['gitlabSelfManaged', WRITTEN],
      ],
      data: [
        { source: 'CI/CD variable `$NPM_TOKEN`', where: 'in `variables: NODE_AUTH_TOKEN`', host: 'gitlab.example.org', job: 'publish' },
        { source: 'CI/CD variable `$NPM_TOKEN`', where: 'written into the npm configuration by a script line', host: 'gitlab.example.org' },
      ],
    },
    // Silent cases.
    // Controls of the rxap case: the job that would publish to npmjs sets another registry, or its script changes the variable first.
    { name: 'a key built from a variable every job sets to another registry', ci: RXAP('https://npm.example.com/'), expected: [] },
    { name: 'a key built from a variable the script changes first (registry unknown)', ci: RXAP('https://registry.npmjs.org/', '    - PACKAGE_REGISTRY=$(cat .registry)\n'), expected: [] },
    { name: 'an explicitly empty NPM_TOKEN', ci: job('  variables:\n    NPM_TOKEN: ""'), expected: [] },
    { name: 'a global token emptied by the job', ci: `variables:\n  NPM_TOKEN: $NPM_PUBLISH\n${job('  variables:\n    NPM_TOKEN: ""')}`, expected: [] },
    { name: 'a write of a variable the pipeline sets to nothing', ci: `variables:\n  NPM_TOKEN: ""\n${job(`  before_script:\n    - ${WRITE}`)}`, expected: [] },
    { name: 'the job token is not an npm token', ci: job('  variables:\n    NODE_AUTH_TOKEN: $CI_JOB_TOKEN'), expected: [] },
    { name: 'an ID token is not long-lived', ci: job('  variables:\n    NODE_AUTH_TOKEN: $NPM_ID_TOKEN'), expected: [] },
    { name: 'a variable with expand: false is literal text', ci: job('  variables:\n    NPM_TOKEN:\n      value: $NPM_TOKEN\n      expand: false'), expected: [] },
    {
      name: "a job publishing to GitLab's package registry",
      ci: `publish:
  image: node:24
  variables:
    NPM_TOKEN: $CI_DEPLOY_TOKEN
  script:
    - echo "\${CI_API_V4_URL#https?}/projects/\${CI_PROJECT_ID}/packages/npm/:_authToken=\${CI_JOB_TOKEN}" > .npmrc
    - echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" >> .npmrc
    - npm publish --registry \${CI_API_V4_URL}/projects/\${CI_PROJECT_ID}/packages/npm/
`,
      expected: [],
    },
    { name: 'an .npmrc write for another host', ci: job('  before_script:\n    - echo "//npm.example.com/:_authToken=${NPM_TOKEN}" > .npmrc'), expected: [] },
    { name: 'an .npmrc write after the publish', ci: job('  after_script:\n    - echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc'), expected: [] },
    { name: 'a read-only token in a job that does not publish', ci: `test:\n  variables:\n    NPM_TOKEN: $NPM_READ_TOKEN\n  script:\n    - ${WRITE}\n    - npm ci\n`, expected: [] },
    { name: 'a dry run only', ci: job(`  before_script:\n    - ${WRITE}`, '    - npm publish --dry-run'), expected: [] },
    {
      name: 'no GitLab publisher: the pipeline does not publish with trusted publishing',
      ci: job('  variables:\n    NODE_AUTH_TOKEN: $NPM_TOKEN'),
      config: publisherConfig({}),
      expected: [],
    },
  ];

  for (const c of gitlabCases) {
    const files = { 'package.json': GL_PKG, 'tp-doctor.yml': c.config ?? GITLAB, '.gitlab-ci.yml': c.ci, ...c.files };
    if (c.expected.length === 0) valid.push({ name: `GitLab: ${c.name}`, files });
    else {
      invalid.push({
        name: `GitLab: ${c.name}`,
        files,
        errors: c.expected.map(([id, needle, n], i) => ({
          messageId: id,
          at: loc(c.ci, needle, n),
          data: c.data?.[i],
          severity: severityOf(id),
          related: i === 0 ? c.related : undefined,
        })),
        check: noTokenPrinted,
      });
    }
  }

  const both = `variables:\n  NODE_AUTH_TOKEN: $NPM_TOKEN\n${job(`  before_script:\n    - ${WRITE}`)}`;
  invalid.push({
    name: 'GitLab: renders the GitLab messages',
    files: { 'package.json': GL_PKG, 'tp-doctor.yml': GITLAB, '.gitlab-ci.yml': both },
    errors: [
      {
        messageId: 'gitlabVariable',
        at: '2:3-2:18',
        message:
          'Long-lived npm token from CI/CD variable `$NPM_TOKEN` in `variables: NODE_AUTH_TOKEN` reaches job "publish", which publishes with "npm publish"; trusted publishing needs no token',
        fix: 'Once the job publishes with trusted publishing (an `NPM_ID_TOKEN` under `id_tokens:` with `aud: npm:registry.npmjs.org` and npm 11.5.1 or later in the job, the trusted publisher registered on npmjs.com; the other findings on the job say what is still missing, and until then the publish needs this token), remove `variables.NODE_AUTH_TOKEN`, revoke the token on npmjs.com and delete the CI/CD variable in Settings > CI/CD > Variables',
        why: textWith('overrides this token', '`NPM_ID_TOKEN` under `id_tokens:`', '"Access token expired or revoked"'),
      },
      {
        messageId: 'gitlabScriptWrite',
        at: '6:13-6:58',
        message:
          'Script line writes a long-lived npm token (CI/CD variable `$NPM_TOKEN`) into the npm configuration, and job "publish" then publishes with "npm publish"; trusted publishing needs no token',
        fix: 'Once the job publishes with trusted publishing (an `NPM_ID_TOKEN` under `id_tokens:` with `aud: npm:registry.npmjs.org` and npm 11.5.1 or later in the job, the trusted publisher registered on npmjs.com; the other findings on the job say what is still missing, and until then the publish needs this token), delete the command that writes the `_authToken` from `publish.before_script`, revoke the token on npmjs.com and delete the CI/CD variable in Settings > CI/CD > Variables',
      },
    ],
  });

  const templates = { 'ci/npm.yml': `.npm-auth:\n  before_script:\n    - ${WRITE}\n` };
  invalid.push({
    name: 'GitLab: reports a template in an included file where it is written',
    files: { 'package.json': GL_PKG, 'tp-doctor.yml': GITLAB, '.gitlab-ci.yml': `include: ci/npm.yml\n${job('  extends: .npm-auth')}`, ...templates },
    errors: [{ messageId: 'gitlabScriptWrite', at: loc(templates['ci/npm.yml'], WRITTEN), file: 'ci/npm.yml' }],
    check: (found) => expect(found[0]?.related.map((r) => `${r.file}:${r.start.line} ${r.label}`)).toEqual(['.gitlab-ci.yml:2 publishing job "publish"']),
  });

  invalid.push({
    name: 'GitLab: counts a GitLab publish for a committed .npmrc',
    files: { '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', '.gitlab-ci.yml': job(''), 'tp-doctor.yml': GITLAB, 'package.json': GL_PKG },
    errors: [{ messageId: 'npmrcFile', at: '1:1-1:33', file: '.npmrc' }],
  });
}

describe(`${RULE}: rule tester`, () => {
  ruleTester.run(RULE, {
    valid,
    invalid,
    notCovered: {
      ...Object.fromEntries(['circleciEnvToken', 'circleciRunWrite', 'circleciTokenContext', 'circleciUnreadConfig', 'circleciWorkspaceWrite'].map((id) => [id, 'CircleCI: the rule tester run of circleci.test.ts'])),
      githubEnvTokenFirstPublish: 'first-publish-token.test.ts',
    },
  });
});
