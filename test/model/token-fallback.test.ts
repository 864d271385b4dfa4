/**
 * Errors that say trusted publishing fails (`RuleMeta.oidcOnly`) on a job that still publishes
 * with a long-lived npm token, when no publisher is declared (src/model/token-fallback.ts,
 * src/engine/token-fallback-cap.ts): the publish authenticates with the token today, so they are
 * warnings (what blocks moving to trusted publishing); with a declared publisher they stay errors.
 */
import { describe, expect, it } from 'vitest';
import { GITHUB_PKG, circleConfig, circlePublisherConfig, circleRepo, gitlabRepo, lintFiles, publisherConfig } from '../helpers.js';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';

const workflow = (env: string, steps = '', permissions = '    permissions:\n      contents: read\n'): string =>
  [
    'on: push',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    permissions.trimEnd(),
    '    steps:',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 18',
    "          registry-url: 'https://registry.npmjs.org'",
    steps.trimEnd(),
    '      - run: npm publish',
    env.trimEnd(),
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');

const TOKEN_ENV = '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}';
const repo = (wf: string, declared = false): Record<string, string> => ({
  'package.json': GITHUB_PKG,
  '.github/workflows/release.yml': wf,
  ...(declared ? { 'tp-doctor.yml': publisherConfig({}) } : {}),
});
const brief = (ds: { ruleId: string; severity: string; why: string }[]): string[] =>
  ds.filter((d) => ['require-id-token-write', 'npm-supports-oidc', 'publish-tool-supports-oidc', 'gitlab-npm-id-token', 'circleci-npm-id-token'].includes(d.ruleId)).map((d) => `${d.ruleId} ${d.severity}`);

describe('errors on a job that still publishes with a long-lived token', () => {
  it('inferred publisher, NODE_AUTH_TOKEN from a secret on the publish step: warnings that say why', async () => {
    const found = await lintFiles(repo(workflow(TOKEN_ENV)));
    expect(brief(found)).toEqual(['require-id-token-write warning', 'npm-supports-oidc warning']);
    expect(found.find((d) => d.ruleId === 'npm-supports-oidc')?.why).toContain('No trusted publisher is declared, and the job still gives the publish a long-lived npm token (`NODE_AUTH_TOKEN` from secrets.NPM_TOKEN)');
  });
  it('a token written into the user configuration npm reads by an earlier step from a secret variable', async () => {
    // setup-node's `registry-url` points NPM_CONFIG_USERCONFIG at its own .npmrc: a write there reaches the publish.
    const write = '      - run: echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" >> "$NPM_CONFIG_USERCONFIG"\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}';
    expect(brief(await lintFiles(repo(workflow('', write))))).toEqual(['require-id-token-write warning', 'npm-supports-oidc warning']);
    // ~/.npmrc after setup-node's `registry-url`: npm reads the other file, no token reaches the publish (survey924a F1).
    const home = write.replace('>> "$NPM_CONFIG_USERCONFIG"', '> ~/.npmrc');
    expect(home).not.toBe(write);
    expect(brief(await lintFiles(repo(workflow('', home))))).toEqual(['require-id-token-write error', 'npm-supports-oidc error']);
  });
  it('NODE_AUTH_TOKEN given to the setup-node step, which passes it on to the publish (Esri/calcite-design-system)', async () => {
    const wf = workflow('').replace("          registry-url: 'https://registry.npmjs.org'", "          registry-url: 'https://registry.npmjs.org'\n" + TOKEN_ENV);
    const found = await lintFiles(repo(wf));
    expect(brief(found)).toEqual(['require-id-token-write warning', 'npm-supports-oidc warning']);
    expect(found.find((d) => d.ruleId === 'npm-supports-oidc')?.why).toContain('`NODE_AUTH_TOKEN` from secrets.NPM_TOKEN (exported by actions/setup-node)');
    // The publish step passes the exported value on by name: the same fallback.
    const passed = wf.replace('      - run: npm publish', '      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ env.NODE_AUTH_TOKEN }}');
    expect(passed).not.toBe(wf);
    expect(brief(await lintFiles(repo(passed)))).toEqual(['require-id-token-write warning', 'npm-supports-oidc warning']);
    // Control: without `registry-url` setup-node exports nothing, and the errors stay.
    const bare = wf.replace("          registry-url: 'https://registry.npmjs.org'\n", '');
    expect(brief(await lintFiles(repo(bare)))).toEqual(['require-id-token-write error', 'npm-supports-oidc error']);
  });
  it('a token fetched at run time and written to $GITHUB_ENV, passed on as env.NODE_AUTH_TOKEN (dotenvx/dotenvx)', async () => {
    const write = '      - run: echo "NODE_AUTH_TOKEN=$(vault-cli get npm --token \'${{ secrets.VAULT }}\')" >> $GITHUB_ENV';
    const found = await lintFiles(repo(workflow('        env:\n          NODE_AUTH_TOKEN: ${{ env.NODE_AUTH_TOKEN }}', write)));
    expect(brief(found)).toEqual(['require-id-token-write warning', 'npm-supports-oidc warning']);
    expect(found.find((d) => d.ruleId === 'npm-supports-oidc')?.why).toContain('`NODE_AUTH_TOKEN`, which an earlier step writes to `$GITHUB_ENV`');
    // Control: the publish step sets the name to something else (empty): no token reaches it.
    expect(brief(await lintFiles(repo(workflow("        env:\n          NODE_AUTH_TOKEN: ''", write))))).toEqual(['require-id-token-write error', 'npm-supports-oidc error']);
  });
  it('a token written to $GITHUB_ENV on a line in upper case (`echo "NODE_AUTH_TOKEN=${{ secrets.NPM_TOKEN }}"`)', async () => {
    const write = '      - run: echo "NODE_AUTH_TOKEN=${{ secrets.NPM_TOKEN }}" >> $GITHUB_ENV';
    expect(brief(await lintFiles(repo(workflow('', write))))).toEqual(['require-id-token-write warning', 'npm-supports-oidc warning']);
  });
  it('a token under any name the committed .npmrc reads into `_authToken` (partykit: `${NPM_PUBLISH_TOKEN}`)', async () => {
    const env = '        env:\n          NPM_PUBLISH_TOKEN: ${{ secrets.NPM_PUBLISH_TOKEN }}';
    const npmrc = { '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_PUBLISH_TOKEN}\n' };
    const found = await lintFiles({ ...repo(workflow(env)), ...npmrc });
    expect(brief(found)).toEqual(['require-id-token-write warning', 'npm-supports-oidc warning']);
    expect(found.find((d) => d.ruleId === 'npm-supports-oidc')?.why).toContain('`NPM_PUBLISH_TOKEN` from secrets.NPM_PUBLISH_TOKEN');
    // Control: no .npmrc reads that name, so npm never sees it.
    expect(brief(await lintFiles(repo(workflow(env))))).toEqual(['require-id-token-write error', 'npm-supports-oidc error']);
  });
  it("a token a step fetched, passed as a step's output (briansunter/archfetch: Bitwarden's `bws`)", async () => {
    const fetch = '      - id: bws\n        run: echo "npm_token=$(bws secret get x)" >> $GITHUB_OUTPUT';
    const found = await lintFiles(repo(workflow('        env:\n          NODE_AUTH_TOKEN: ${{ steps.bws.outputs.npm_token }}', fetch)));
    expect(brief(found)).toEqual(['require-id-token-write warning', 'npm-supports-oidc warning']);
    expect(found.find((d) => d.ruleId === 'npm-supports-oidc')?.why).toContain('`NODE_AUTH_TOKEN` from steps.bws.outputs.npm_token');
    // Control: an output under a name npm does not read gives the publish nothing.
    expect(brief(await lintFiles(repo(workflow('        env:\n          OTHER: ${{ steps.bws.outputs.npm_token }}', fetch))))).toEqual(['require-id-token-write error', 'npm-supports-oidc error']);
  });
  it('a token given on the command line (`--//registry.npmjs.org/:_authToken=$T`, beachball\'s `-n "$T"`) from a secret variable', async () => {
    const wf = workflow('        env:\n          NPM_AUTHTOKEN: ${{ secrets.NPM_AUTHTOKEN }}').replace('      - run: npm publish', '      - run: npm publish --//registry.npmjs.org/:_authToken=$NPM_AUTHTOKEN');
    const found = await lintFiles(repo(wf));
    expect(brief(found)).toEqual(['require-id-token-write warning', 'npm-supports-oidc warning']);
    expect(found.find((d) => d.ruleId === 'npm-supports-oidc')?.why).toContain('a token from $NPM_AUTHTOKEN from secrets.NPM_AUTHTOKEN on the command line');
    // Control: the variable holds no secret.
    expect(brief(await lintFiles(repo(wf.replace('${{ secrets.NPM_AUTHTOKEN }}', 'abc'))))).toEqual(['require-id-token-write error', 'npm-supports-oidc error']);
  });
  it('a step value `${{ env.NAME }}` that reads the workflow\'s entry from a secret (no-long-lived-token reads it the same way)', async () => {
    const forward = '        env:\n          NODE_AUTH_TOKEN: ${{ env.PUBLISH_KEY }}';
    const wf = (key: string): string => workflow(forward).replace('on: push', `on: push\nenv:\n  PUBLISH_KEY: ${key}`);
    const found = await lintFiles(repo(wf('${{ secrets.NPM_KEY }}')));
    expect(brief(found)).toEqual(['require-id-token-write warning', 'npm-supports-oidc warning']);
    expect(found.find((d) => d.ruleId === 'npm-supports-oidc')?.why).toContain('`NODE_AUTH_TOKEN` from secrets.NPM_KEY through `env.PUBLISH_KEY`');
    expect(found.filter((d) => d.ruleId === 'no-long-lived-token')).toHaveLength(1);
    // Control: the entry holds no secret.
    expect(brief(await lintFiles(repo(wf('none'))))).toEqual(['require-id-token-write error', 'npm-supports-oidc error']);
  });
  it('control: a declared publisher keeps them errors (trusted publishing is what the user says is in use)', async () => {
    expect(brief(await lintFiles(repo(workflow(TOKEN_ENV), true)))).toEqual(['require-id-token-write error', 'npm-supports-oidc error']);
  });
  it('a finding already a warning (a guessed publish, an npm it cannot tell) says the token still authenticates (slab/quill, ast-grep)', async () => {
    // setup-node with no version: the npm is unknown, `unknownNpm` is a warning of its own.
    const unknown = workflow(TOKEN_ENV).replace('          node-version: 18\n', '');
    const found = await lintFiles(repo(unknown));
    const npm = found.find((d) => d.ruleId === 'npm-supports-oidc');
    expect(npm?.messageId).toBe('unknownNpm');
    expect(npm?.severity).toBe('warning');
    expect(npm?.why).toContain('No trusted publisher is declared, and the job still gives the publish a long-lived npm token (`NODE_AUTH_TOKEN` from secrets.NPM_TOKEN): the publish authenticates with it today');
    // A publish tp-doctor cannot read (an unread script): `possible`, an info before the token is looked at.
    const guessed = workflow(TOKEN_ENV).replace('      - run: npm publish', '      - run: ./scripts/publish-npm.sh');
    const viaScript = (await lintFiles(repo(guessed))).find((d) => d.ruleId === 'require-id-token-write');
    expect(viaScript?.severity).toBe('info');
    expect(viaScript?.why).toContain('the publish authenticates with it today');
    // Control: no token, the same findings say nothing of one.
    const bare = (await lintFiles(repo(workflow('').replace('          node-version: 18\n', '')))).find((d) => d.ruleId === 'npm-supports-oidc');
    expect(bare?.messageId).toBe('unknownNpm');
    expect(bare?.why).not.toContain('long-lived npm token');
  });
  it('control: no token, the publish fails: errors', async () => {
    expect(brief(await lintFiles(repo(workflow(''))))).toEqual(['require-id-token-write error', 'npm-supports-oidc error']);
  });
  it('control: a token for another variable name, or not from a secret, is no fallback', async () => {
    expect(brief(await lintFiles(repo(workflow('        env:\n          GH_TOKEN: ${{ secrets.NPM_TOKEN }}'))))).toEqual(['require-id-token-write error', 'npm-supports-oidc error']);
    expect(brief(await lintFiles(repo(workflow('        env:\n          NODE_AUTH_TOKEN: ""'))))).toEqual(['require-id-token-write error', 'npm-supports-oidc error']);
  });
  it('control: an invalid `id-token` value makes the workflow invalid, token or not: error', async () => {
    const found = await lintFiles(repo(workflow(TOKEN_ENV, '', '    permissions:\n      id-token: read\n')));
    expect(found.filter((d) => d.ruleId === 'require-id-token-write').map((d) => `${d.messageId} ${d.severity}`)).toEqual(['invalidIdToken error']);
  });
  it('GitLab: a job that writes a token into .npmrc before publishing', async () => {
    const ci = ['publish:', '  image: node:18', '  script:', '    - echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc', '    - npm publish', ''].join('\n');
    const files = gitlabRepo(ci);
    const git = { '.git/config': '[remote "origin"]\n\turl = https://gitlab.com/acme/widget.git\n' };
    expect(brief(await lintFiles({ ...files, ...git }))).toEqual(['gitlab-npm-id-token warning', 'npm-supports-oidc warning']);
    const noToken = gitlabRepo(ci.replace('    - echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\n', ''));
    expect(brief(await lintFiles({ ...noToken, ...git }))).toEqual(['gitlab-npm-id-token error', 'npm-supports-oidc error']);
  });
  it('CircleCI: a step that writes a token into ~/.npmrc before the publish step', async () => {
    const config = circleConfig(['- run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc', '- run: npm publish'], 'cimg/node:18.20');
    expect(brief(await lintFiles(circleRepo(config)))).toEqual(['circleci-npm-id-token warning', 'npm-supports-oidc warning']);
    const bare = circleConfig(['- run: npm publish'], 'cimg/node:18.20');
    expect(brief(await lintFiles(circleRepo(bare)))).toEqual(['circleci-npm-id-token error', 'npm-supports-oidc error']);
  });
  // On CircleCI and GitLab the token lives in the CI/CD variables or a context, which the files do not show.
  it('CircleCI: a context named for an npm token (Financial-Times/x-dash): warnings', async () => {
    const config = circleConfig(['- run: npm publish'], 'cimg/node:18.20').replace('      - publish\n', '      - publish:\n          context: npm-publish-token\n');
    const found = await lintFiles(circleRepo(config));
    expect(brief(found)).toEqual(['circleci-npm-id-token warning', 'npm-supports-oidc warning']);
    expect(found.find((d) => d.ruleId === 'circleci-npm-id-token')?.why).toContain('the context "npm-publish-token", named for an npm token');
  });
  it('CircleCI: a command named for an npm token before the publish: warnings', async () => {
    const config = circleConfig(['- run: .circleci/shared-helpers/helper-npm-store-auth-token', '- run: npm publish'], 'cimg/node:18.20');
    expect(brief(await lintFiles(circleRepo(config)))).toEqual(['circleci-npm-id-token warning', 'npm-supports-oidc warning']);
  });
  // OpusCapita/react-dates: `configure-npm.sh` comes with the organisation's CI image, not the repository.
  it('CircleCI: a script not in the repository named for npm configuration before the publish: warnings, "may"', async () => {
    const config = circleConfig(['- run: if [ -f /.dockerenv ]; then configure-maven.sh && configure-npm.sh; fi', '- run: npm publish'], 'cimg/node:18.20');
    const found = await lintFiles(circleRepo(config));
    // circleci-npm-id-token is an info: the unread script may also write NPM_ID_TOKEN to $BASH_ENV.
    expect(brief(found)).toEqual(['npm-supports-oidc warning', 'circleci-npm-id-token info']);
    expect(found.find((d) => d.ruleId === 'npm-supports-oidc')?.why).toContain(
      'the job may still give the publish a long-lived npm token (a token that `configure-npm.sh` (a script that is not in the repository) may write into the npm configuration',
    );
    // Declared: trusted publishing is in use, the npm error stays.
    expect(brief(await lintFiles(circleRepo(config, circlePublisherConfig())))).toEqual(['npm-supports-oidc error', 'circleci-npm-id-token info']);
  });
  it('control: a script not in the repository with another name keeps the npm error', async () => {
    const config = circleConfig(['- run: configure-maven.sh', '- run: npm publish'], 'cimg/node:18.20');
    expect(brief(await lintFiles(circleRepo(config)))).toEqual(['npm-supports-oidc error', 'circleci-npm-id-token info']);
  });
  it('control: a committed script named for npm configuration is read, not a guess', async () => {
    const config = circleConfig(['- run: ./scripts/configure-npm.sh', '- run: npm publish'], 'cimg/node:18.20');
    const found = await lintFiles({ ...circleRepo(config), 'scripts/configure-npm.sh': 'npm config set fund false\n' });
    expect(brief(found)).toEqual(['circleci-npm-id-token error', 'npm-supports-oidc error']);
  });
  it('CircleCI: semantic-release reads NPM_TOKEN itself (snyk/dep-graph): warnings', async () => {
    const config = circleConfig(['- run: npx semantic-release@17'], 'cimg/node:14.19');
    const found = brief(await lintFiles(circleRepo(config)));
    expect(found.filter((f) => f.endsWith(' error'))).toEqual([]);
    expect(found).toContain('circleci-npm-id-token warning');
  });
  it('CircleCI: auto\'s npm plugin reads NPM_TOKEN itself too (intuit/design-systems-cli): warnings', async () => {
    const config = circleConfig(['- run: npx auto shipit'], 'cimg/node:24.14');
    const found = brief(await lintFiles({ ...circleRepo(config), 'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget', auto: { plugins: ['npm'] } }) }));
    expect(found).toEqual(['circleci-npm-id-token warning']);
  });
  describe('CircleCI: Ship.js writes `_authToken=${NPM_AUTH_TOKEN}` before its publishCommand (algolia/instantsearch)', () => {
    const ship = (extra = ''): string => `module.exports = {\n${extra}  publishCommand: ({ tag }) => \`npm publish --tag \${tag}\`,\n};\n`;
    const files = (shipConfig: string): Record<string, string> => ({ ...circleRepo(circleConfig(['- run: npx shipjs trigger'], 'cimg/node:24.14')), 'ship.config.js': shipConfig });
    it('its publishCommand read: warnings that name NPM_AUTH_TOKEN', async () => {
      const found = await lintFiles(files(ship()));
      expect(brief(found)).toEqual(['circleci-npm-id-token warning']);
      expect(found.find((d) => d.ruleId === 'circleci-npm-id-token')?.why).toContain('`NPM_AUTH_TOKEN`, which Ship.js reads from the CI/CD variables or a context tp-doctor cannot see');
    });
    it('its configuration not read (shipjs trigger itself the publish): warnings too', async () => {
      const found = await lintFiles({ ...circleRepo(circleConfig(['- run: npx shipjs trigger'], 'cimg/node:24.14')) });
      expect(brief(found).filter((f) => f.endsWith(' error'))).toEqual([]);
    });
    it('control: `useOidcTokenProvider: true` writes no token line: the error stays', async () => {
      expect(brief(await lintFiles(files(ship('  useOidcTokenProvider: true,\n'))))).toEqual(['circleci-npm-id-token error']);
    });
  });
  it('control: CircleCI with `circleci run oidc get` and a context named for an npm token keeps its errors', async () => {
    const config = circleConfig(['- run: echo "export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')" >> "$BASH_ENV"', '- run: npm publish'], 'cimg/node:18.20').replace(
      '      - publish\n',
      '      - publish:\n          context: npm-publish-token\n',
    );
    expect(brief(await lintFiles(circleRepo(config)))).toEqual(['npm-supports-oidc error']);
  });
  describe('CircleCI: a token file an upstream job carries through the workspace (GetJobber/atlantis)', () => {
    const TOKEN = '- run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/repo/.npmrc';
    const PERSIST = '- persist_to_workspace: { root: ., paths: ["*"] }';
    /** An install job (`install` steps), a test job it leads to and the publishing job (`requires`). */
    const workspaceConfig = (install: string[], requires = 'test', attach = '- attach_workspace: { at: . }'): string =>
      [
        'version: 2.1',
        'defaults: &defaults',
        '  docker: [{ image: cimg/node:18.20 }]',
        '  working_directory: ~/repo',
        'jobs:',
        '  install:',
        '    <<: *defaults',
        '    steps:',
        '      - checkout',
        ...install.map((l) => `      ${l}`),
        '  test:',
        '    <<: *defaults',
        '    steps: [{ run: npm test }]',
        '  publish:',
        '    <<: *defaults',
        '    steps:',
        `      ${attach}`,
        '      - run: npm publish',
        'workflows:',
        '  release:',
        '    jobs:',
        '      - install',
        '      - test: { requires: [install] }',
        `      - publish${requires === '' ? '' : `: { requires: [${requires}] }`}`,
        '',
      ].join('\n');
    it('written and persisted upstream: warnings, naming the write', async () => {
      const found = await lintFiles(circleRepo(workspaceConfig([TOKEN, PERSIST])));
      expect(brief(found)).toEqual(['circleci-npm-id-token warning', 'npm-supports-oidc warning']);
      expect(found.find((d) => d.ruleId === 'circleci-npm-id-token')?.why).toContain(
        'the job still gives the publish a long-lived npm token (a token the job "install" writes into `~/repo/.npmrc` at .circleci/config.yml:10, which its `persist_to_workspace` carries',
      );
      const write = found.find((d) => d.ruleId === 'no-long-lived-token');
      expect([write?.messageId, write?.severity, write?.line]).toEqual(['circleciWorkspaceWrite', 'warning', 10]);
    });
    it('control: the same without persist_to_workspace keeps the errors', async () => {
      expect(brief(await lintFiles(circleRepo(workspaceConfig([TOKEN]))))).toEqual(['circleci-npm-id-token error', 'npm-supports-oidc error']);
    });
    it('control: persisted paths that leave .npmrc out keep the errors', async () => {
      const found = await lintFiles(circleRepo(workspaceConfig([TOKEN, '- persist_to_workspace: { root: ., paths: [dist, node_modules] }'])));
      expect(brief(found)).toEqual(['circleci-npm-id-token error', 'npm-supports-oidc error']);
      expect(found.filter((d) => d.ruleId === 'no-long-lived-token')).toEqual([]);
    });
    it('control: a publishing job that is not downstream of the writer keeps the errors', async () => {
      expect(brief(await lintFiles(circleRepo(workspaceConfig([TOKEN, PERSIST], ''))))).toEqual(['circleci-npm-id-token error', 'npm-supports-oidc error']);
    });
    it('a glob tp-doctor cannot decide: warnings that say the token may be there', async () => {
      const found = await lintFiles(circleRepo(workspaceConfig([TOKEN, '- persist_to_workspace: { root: ., paths: ["**/*rc"] }'])));
      expect(brief(found)).toEqual(['circleci-npm-id-token warning', 'npm-supports-oidc warning']);
      expect(found.find((d) => d.ruleId === 'circleci-npm-id-token')?.why).toContain(
        'the job may still give the publish a long-lived npm token (a token the job "install" writes into `~/repo/.npmrc` at .circleci/config.yml:10, if its `persist_to_workspace` carries it to this job\'s `attach_workspace` (tp-doctor cannot tell whether `paths: **/*rc` includes it)): then the publish authenticates with it today',
      );
      const write = found.find((d) => d.ruleId === 'no-long-lived-token');
      expect([write?.messageId, write?.severity]).toEqual(['circleciWorkspaceWrite', 'warning']);
      expect(write?.message).toContain('which its `persist_to_workspace` may carry to job "publish"');
    });
    it('control: a declared publisher keeps the errors', async () => {
      const found = brief(await lintFiles(circleRepo(workspaceConfig([TOKEN, PERSIST]), circlePublisherConfig())));
      expect(found).toContain('circleci-npm-id-token error');
    });
  });
  // sikt-no/sds-komponentbibliotek (survey 300f §1): `id_tokens` only for Vault, the npm token fetched
  // through `secrets:` and written into the npm configuration. The finding is made once per
  // `id_tokens:` block (from the pipeline hook): the job must still be the one whose token counts.
  const GIT = { '.git/config': '[remote "origin"]\n\turl = https://gitlab.com/acme/widget.git\n' };
  const vault = (write: boolean, name = 'publish-npm', extra = ''): string =>
    [
      `${name}:`,
      '  image: node:24',
      extra,
      '  id_tokens:',
      '    VAULT_ID_TOKEN:',
      '      aud: $VAULT_SERVER_URL',
      '  secrets:',
      '    NPM_TOKEN:',
      '      vault: "gitlab/${CI_PROJECT_PATH}/npm-token@secret"',
      '      token: $VAULT_ID_TOKEN',
      '      file: false',
      ...(write ? ['  before_script:', '    - npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"'] : []),
      '  script:',
      '    - npm publish --access public',
      '',
    ]
      .filter((l) => l !== '')
      .join('\n');
  it('GitLab: `id_tokens` for Vault only and a token written before the publish (sikt-no): a warning, like the same job with no `id_tokens`', async () => {
    const found = await lintFiles({ ...gitlabRepo(vault(true)), ...GIT });
    const finding = found.find((d) => d.ruleId === 'gitlab-npm-id-token');
    expect(`${finding?.messageId} ${finding?.severity}`).toBe('notListed warning');
    expect(finding?.why).toContain('the publish authenticates with it today');
    // Control: no token written, the publish has none: the error stays.
    expect(brief(await lintFiles({ ...gitlabRepo(vault(false)), ...GIT }))).toContain('gitlab-npm-id-token error');
  });
  it('GitLab: an `id_tokens:` block of a template two jobs inherit is an error when one of them has no token', async () => {
    const template = ['.vault:', '  id_tokens:', '    VAULT_ID_TOKEN:', '      aud: $VAULT_SERVER_URL', ''].join('\n');
    const job = (name: string, write: boolean): string =>
      [`${name}:`, '  extends: .vault', '  image: node:24', '  script:', ...(write ? ['    - npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"'] : []), `    - npm publish --tag ${name}`, ''].join('\n');
    const severities = async (a: boolean, b: boolean): Promise<string[]> =>
      (await lintFiles({ ...gitlabRepo(template + job('one', a) + job('two', b)), ...GIT })).filter((d) => d.ruleId === 'gitlab-npm-id-token').map((d) => `${d.messageId} ${d.severity}`);
    expect(await severities(true, true)).toEqual(['notListed warning']);
    expect(await severities(true, false)).toEqual(['notListed error']);
    expect(await severities(false, false)).toEqual(['notListed error']);
  });
  it('GitLab: a wrong `NPM_ID_TOKEN` audience in a job that writes a token: a warning (gitlab-id-token-audience, also made once per place)', async () => {
    const ci = (write: boolean): string =>
      ['publish:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: https://registry.npmjs.org', '  script:', ...(write ? ['    - npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"'] : []), '    - npm publish', ''].join('\n');
    const audience = async (write: boolean): Promise<string[]> => (await lintFiles({ ...gitlabRepo(ci(write)), ...GIT })).filter((d) => d.ruleId === 'gitlab-id-token-audience').map((d) => `${d.messageId} ${d.severity}`);
    expect(await audience(true)).toEqual(['url warning']);
    expect(await audience(false)).toEqual(['url error']);
    // A token missing its `aud` makes GitLab reject the configuration: an error, token or not.
    const missing = ci(true).replace('      aud: https://registry.npmjs.org\n', '').replace('    NPM_ID_TOKEN:\n', '    NPM_ID_TOKEN: {}\n');
    expect((await lintFiles({ ...gitlabRepo(missing), ...GIT })).filter((d) => d.ruleId === 'gitlab-id-token-audience').map((d) => `${d.messageId} ${d.severity}`)).toEqual(['missingAud error']);
  });
  it('GitLab: semantic-release with no id_tokens: warnings', async () => {
    const git = { '.git/config': '[remote "origin"]\n\turl = https://gitlab.com/acme/widget.git\n' };
    const ci = ['publish:', '  image: node:18', '  script:', '    - npx semantic-release@17', ''].join('\n');
    const found = brief(await lintFiles({ ...gitlabRepo(ci), ...git }));
    expect(found.filter((f) => f.endsWith(' error'))).toEqual([]);
    expect(found).toContain('gitlab-npm-id-token warning');
  });
});

describe('PublishFlags.token: a token on the command line', () => {
  it.each([
    ['beachball publish -y -n "$NPM_AUTHTOKEN"', '$NPM_AUTHTOKEN'],
    ['beachball publish --token=${{ secrets.NPM }}', '${{ secrets.NPM }}'],
    ['npm publish --//registry.npmjs.org/:_authToken=$T', '$T'],
    ['pnpm publish --//registry.npmjs.org/:_authToken "$T"', '$T'],
    ['npm publish --tag next', undefined],
    // Another registry's token is no npm token.
    ['npm publish --//npm.pkg.github.com/:_authToken=$GPR', undefined],
  ])('%s', (script, token) => {
    expect(analyzeScript(script, {}).matches[0]?.flags.token).toBe(token);
  });
  it('forwarded to a package.json script that runs beachball (microsoft/workspace-tools)', () => {
    expect(analyzeScript('yarn release -y -n "$NPM_AUTHTOKEN"', { scripts: { release: 'beachball publish -y' } }).matches[0]?.flags.token).toBe('$NPM_AUTHTOKEN');
  });
});
