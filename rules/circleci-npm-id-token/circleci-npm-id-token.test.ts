import { describe, expect, it } from 'vitest';
import { circleConfig, lintFiles, circlePublisherConfig, circleRepo, publisherConfig } from '../../test/helpers.js';
import { CIRCLE_TRIGGER_COMMAND } from '../../test/repos.js';
import { fromRuleCases, ruleTester, type RuleCase } from '../../test/rule-tester.js';

const RULE = 'circleci-npm-id-token';
const OIDC = `circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}'`;
/** A multi-line `run` step (its first line is the step's line + 1). */
/** A semantic-release configuration whose exec plugin publishes with `publishCmd` (the npm plugin off). */
const execConfig = (publishCmd: string): string =>
  `module.exports = { branches: ['main'], plugins: [['@semantic-release/npm', { npmPublish: false }], ['@semantic-release/exec', { publishCmd: ${JSON.stringify(publishCmd)} }]] };\n`;
const run = (...lines: string[]): string => `- run: |\n${lines.map((l) => `          ${l}`).join('\n')}`;

/** A setup configuration that continues with the committed `.circleci/template.yml`. */
const SETUP = [
  'version: 2.1',
  'setup: true',
  'orbs:',
  '  continuation: circleci/continuation@0.1.2',
  'jobs:',
  '  generate:',
  '    docker: [{ image: cimg/node:24.15 }]',
  '    steps:',
  '      - checkout',
  '      - continuation/continue:',
  '          configuration_path: .circleci/template.yml',
  'workflows:',
  '  setup:',
  '    jobs: [generate]',
  '',
].join('\n');


const cases: RuleCase[] = [
  {
    name: "npm's documented pattern (export in the publishing step) is silent",
    files: circleRepo(circleConfig([run(`export NPM_ID_TOKEN=$(${OIDC})`, 'npm publish')])),
    want: [],
  },
  {
    name: 'the same with a declared publisher is silent',
    files: circleRepo(circleConfig([run(`export NPM_ID_TOKEN=$(${OIDC})`, 'npm publish')]), circlePublisherConfig()),
    want: [],
  },
  {
    name: 'the token as the prefix of the publish command is silent',
    files: circleRepo(circleConfig([`- run: NPM_ID_TOKEN=$(${OIDC}) npm publish`])),
    want: [],
  },
  {
    name: 'written to $BASH_ENV by an earlier step (escaped command substitution) is silent',
    files: circleRepo(circleConfig([`- run: echo "export NPM_ID_TOKEN=\\$(circleci run oidc get --claims '{\\"aud\\":\\"npm:registry.npmjs.org\\"}')" >> "$BASH_ENV"`, '- run: npm publish'])),
    want: [],
  },
  {
    name: 'written to $BASH_ENV by an earlier step (token value written) is silent',
    files: circleRepo(circleConfig([run(`echo "export NPM_ID_TOKEN=$(${OIDC})" >> "$BASH_ENV"`), '- run: npm publish'])),
    want: [],
  },
  {
    name: 'written to $BASH_ENV and sourced in the publishing step is silent',
    files: circleRepo(circleConfig([run(`echo "export NPM_ID_TOKEN=$(${OIDC})" >> $BASH_ENV`, 'source $BASH_ENV', 'npm publish')])),
    want: [],
  },
  {
    name: 'an assignment after `set -a` is exported: silent',
    files: circleRepo(circleConfig([run('set -a', `NPM_ID_TOKEN=$(${OIDC})`, 'npm publish')])),
    want: [],
  },
  {
    name: 'an assignment exported by a later `export NPM_ID_TOKEN` is silent',
    files: circleRepo(circleConfig([run(`NPM_ID_TOKEN=$(${OIDC}); export NPM_ID_TOKEN`, 'npm publish')])),
    want: [],
  },
  {
    name: 'an `export NPM_ID_TOKEN` after the publish does not help',
    files: circleRepo(circleConfig([run(`NPM_ID_TOKEN=$(${OIDC})`, 'npm publish', 'export NPM_ID_TOKEN')])),
    want: ['unexported@9:11-9:92'],
  },
  {
    name: 'no step sets NPM_ID_TOKEN',
    files: circleRepo(circleConfig(['- run: npm ci', '- run: npm publish'])),
    want: ['missing@9:14-9:25'],
    data: { job: 'publish', publishes: 'publishes', command: 'npm publish', step: 'step 3 (`npm publish`)' },
  },
  {
    // Every publish of a step sees the same variable: one finding, at the first publish.
    name: 'several publishes in one step without NPM_ID_TOKEN: one finding for the step',
    files: circleRepo(circleConfig([run('npm publish -w a', 'npm publish -w b'), '- run: npm publish -w c'])),
    want: ['missing@9:11-9:27', 'missing@11:14-11:30'],
  },
  {
    name: 'a named step is named in the message',
    files: circleRepo(circleConfig(['- run:\n          name: Publish\n          command: npm publish'])),
    want: ['missing@10:20-10:31'],
    data: { step: 'step "Publish"' },
  },
  {
    name: 'an export in an earlier step does not carry over',
    files: circleRepo(circleConfig([`- run: export NPM_ID_TOKEN=$(${OIDC})`, '- run: npm publish'])),
    want: ['earlierExport@8:14-8:102'],
    data: { setStep: 'step 2 (`export NPM_ID_TOKEN=$(circleci run oidc…`)', step: 'step 3 (`npm publish`)' },
    related: ['`npm publish` runs here'],
  },
  {
    name: 'an assignment without export is not passed to npm',
    files: circleRepo(circleConfig([run(`NPM_ID_TOKEN=$(${OIDC})`, 'npm publish')])),
    want: ['unexported@9:11-9:92'],
  },
  {
    name: 'a $BASH_ENV write in the publishing step itself is read only by later steps',
    files: circleRepo(circleConfig([run(`echo "export NPM_ID_TOKEN=$(${OIDC})" >> $BASH_ENV`, 'npm publish')])),
    want: ['bashEnvSameStep@9:11-9:119'],
  },
  {
    name: 'NPM_ID_TOKEN from `environment:` is a stored value: info',
    files: circleRepo(circleConfig(['- run: npm publish'], 'cimg/node:24.15', ['environment:', '  NPM_ID_TOKEN: abc'])),
    want: ['environment@10:7-10:19'],
    data: { value: '"abc"' },
  },
  {
    name: 'an unread orb command before the publish may write $BASH_ENV: info',
    files: circleRepo(circleConfig(['- secrets/load-npm', '- run: npm publish']).replace('version: 2.1\n', 'version: 2.1\norbs:\n  secrets: acme/secrets@1.2\n')),
    want: ['unseen@11:14-11:25'],
    data: { reason: 'no step tp-doctor reads sets `NPM_ID_TOKEN`, but an earlier step runs the orb command `secrets/load-npm`, which it does not fetch and which could write it to `$BASH_ENV`' },
  },
  {
    // jcoreio (survey919c D3): an upload orb is something tp-doctor cannot see into, not a sign of a
    // token; with another unread step it is counted, and a step seen writing to $BASH_ENV is named first.
    name: 'two unread orb commands: the first named, the other counted',
    files: circleRepo(
      circleConfig(['- codecov/upload', '- slack/notify', '- run: npm publish']).replace('version: 2.1\n', 'version: 2.1\norbs:\n  codecov: codecov/codecov@4.1.0\n  slack: circleci/slack@4.13\n'),
    ),
    want: ['unseen@13:14-13:25'],
    data: { reason: 'no step tp-doctor reads sets `NPM_ID_TOKEN`, but an earlier step runs the orb command `codecov/upload` (and 1 more step it cannot read), which it does not fetch and which could write it to `$BASH_ENV`' },
  },
  {
    name: 'an unread orb command and a step appending unread text to $BASH_ENV: the $BASH_ENV write is named',
    files: circleRepo(circleConfig(['- codecov/upload', '- run: cat /workspace/env >> $BASH_ENV', '- run: npm publish']).replace('version: 2.1\n', 'version: 2.1\norbs:\n  codecov: codecov/codecov@4.1.0\n')),
    want: ['unseen@12:14-12:25'],
    data: { reason: 'step 3 (`cat /workspace/env >> $BASH_ENV`) appends the output of `cat /workspace/env` to `$BASH_ENV`, which tp-doctor cannot read and which may set it for the later steps' },
  },
  {
    // OpusCapita/react-dates: the job appends a file an upstream job generated to $BASH_ENV.
    name: 'an earlier step appends a file tp-doctor cannot read to $BASH_ENV: info, never an error',
    files: circleRepo(circleConfig(['- run: cat /workspace/generated_bash_env >> $BASH_ENV', '- run: npm publish'])),
    want: ['unseen@9:14-9:25'],
    data: { reason: 'step 2 (`cat /workspace/generated_bash_env >> $B…`) appends the output of `cat /workspace/generated_bash_env` to `$BASH_ENV`, which tp-doctor cannot read and which may set it for the later steps' },
    related: ['tp-doctor cannot read what this sets'],
  },
  {
    name: "a variable's value appended to $BASH_ENV: info",
    files: circleRepo(circleConfig(['- run: echo "$ENV_LINES" | tee -a "$BASH_ENV"', '- run: npm publish'])),
    want: ['unseen@9:14-9:25'],
  },
  {
    name: 'literal text appended to $BASH_ENV sets no token: still missing',
    files: circleRepo(circleConfig([`- run: echo 'export PATH="$HOME/.local/bin:$PATH"' >> $BASH_ENV`, '- run: npm publish'])),
    want: ['missing@9:14-9:25'],
  },
  {
    name: 'a heredoc appended to $BASH_ENV without the token is read: still missing',
    files: circleRepo(circleConfig([run('cat <<EOF >> $BASH_ENV', 'export FOO=bar', 'EOF'), '- run: npm publish'])),
    want: ['missing@12:14-12:25'],
  },
  {
    // OpusCapita/react-dates: `configure-npm.sh` comes with the organisation's CI image.
    name: 'an earlier step runs a script that is not in the repository: info',
    files: circleRepo(circleConfig(['- run: if [ -f /.dockerenv ]; then configure-maven.sh && configure-npm.sh; fi', '- run: npm publish'])),
    want: ['unseen@9:14-9:25'],
    data: { reason: 'step 2 (`if [ -f /.dockerenv ]; then configure-m…`) runs `configure-maven.sh` (a script that is not in the repository), which may write it to `$BASH_ENV`' },
  },
  {
    name: 'a committed script that does not write $BASH_ENV: still missing',
    files: circleRepo(circleConfig(['- run: ./scripts/setup.sh', '- run: npm publish']), undefined, { 'scripts/setup.sh': 'npm ci\n' }),
    want: ['missing@9:14-9:25'],
  },
  {
    name: 'a committed script that appends what tp-doctor cannot read to $BASH_ENV: info',
    files: circleRepo(circleConfig(['- run: ./scripts/env.sh', '- run: npm publish']), undefined, { 'scripts/env.sh': 'vault read -field=env ci/npm >> "$BASH_ENV"\n' }),
    want: ['unseen@9:14-9:25'],
    data: { reason: 'step 2 (`./scripts/env.sh`) runs the script "scripts/env.sh", which writes to `$BASH_ENV` what tp-doctor does not follow' },
  },
  {
    name: 'the publishing step sources a script that is not in the repository first: info',
    files: circleRepo(circleConfig([run('source /opt/ci/oidc-env.sh', 'npm publish')])),
    want: ['unseen@10:11-10:22'],
    data: { reason: 'its step sources `/opt/ci/oidc-env.sh` (a script tp-doctor cannot find in the repository) before it, which may set it' },
  },
  {
    name: 'the publishing step runs (not sources) such a script first: its environment ends with it, still missing',
    files: circleRepo(circleConfig([run('bash /opt/ci/oidc-env.sh', 'npm publish')])),
    want: ['missing@10:11-10:22'],
  },
  {
    name: "the circleci/node orb's commands set no token: still missing",
    files: circleRepo(circleConfig(['- node/install-packages', '- run: npm publish']).replace('version: 2.1\n', 'version: 2.1\norbs:\n  node: circleci/node@7\n')),
    want: ['missing@11:14-11:25'],
  },
  {
    name: 'a guessed publish (a release script) is capped at warning',
    files: circleRepo(circleConfig(['- run: npm run release'])),
    want: ['missing@8:14-8:29'],
    data: { publishes: 'appears to publish' },
  },
  {
    name: 'a release script that runs a shell script tp-doctor does not read may set the token itself: info',
    files: circleRepo(circleConfig(['- run: npm run publish-all']), undefined, { 'package.json': '{ "name": "w", "version": "1.0.0", "scripts": { "publish-all": "./.circleci/publish_npm.sh" } }' }),
    want: ['unseen@8:14-8:33'],
    data: { reason: 'it runs `./.circleci/publish_npm.sh`, which tp-doctor does not read and which may set `NPM_ID_TOKEN` itself' },
  },
  {
    // birdofpreyru/js-utils `bin/release.sh` (survey919c D1): the script exports the token right before
    // `npm publish`, in the same shell: read like an export in the step (config-line-token.ts).
    name: 'a shell script that exports NPM_ID_TOKEN before its npm publish is silent',
    files: circleRepo(circleConfig(['- run: ./scripts/publish.sh']), undefined, {
      'scripts/publish.sh': 'set -e\nexport NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud": "npm:registry.npmjs.org"}\')\nnpm publish --access public\n',
    }),
    want: [],
  },
  {
    name: 'a shell script that sets NPM_ID_TOKEN as the prefix of its npm publish is silent',
    files: circleRepo(circleConfig(['- run: ./scripts/publish.sh']), undefined, { 'scripts/publish.sh': `NPM_ID_TOKEN=$(${OIDC}) npm publish\n` }),
    want: [],
  },
  {
    name: 'a shell script that exports NPM_ID_TOKEN only after its npm publish: info, named as a shell script',
    files: circleRepo(circleConfig(['- run: ./scripts/publish.sh']), undefined, { 'scripts/publish.sh': `npm publish\nexport NPM_ID_TOKEN=$(${OIDC})\n` }),
    want: ['unseen@8:14-8:34'],
    data: { reason: 'the shell script "scripts/publish.sh" it runs sets `NPM_ID_TOKEN` itself, but not in a way tp-doctor can follow to the publish (an `export` before it in the same script)' },
  },
  {
    name: 'a shell script that assigns NPM_ID_TOKEN without export: info',
    files: circleRepo(circleConfig(['- run: ./scripts/publish.sh']), undefined, { 'scripts/publish.sh': `NPM_ID_TOKEN=$(${OIDC})\nnpm publish\n` }),
    want: ['unseen@8:14-8:34'],
  },
  // snyk/broker: semantic-release's exec plugin runs a `publishCmd` that fetches the token itself.
  {
    name: 'a publishCmd that exports the token before its publish (snyk/broker) is silent',
    files: circleRepo(circleConfig(['- run: npx semantic-release']), undefined, { 'release.config.cjs': execConfig(`export NPM_ID_TOKEN=$(${OIDC}) && npm publish`) }),
    want: [],
  },
  {
    name: 'a publishCmd that sets the token as its publish\'s prefix is silent',
    files: circleRepo(circleConfig(['- run: npx semantic-release']), undefined, { 'release.config.cjs': execConfig(`NPM_ID_TOKEN=$(${OIDC}) npm publish`) }),
    want: [],
  },
  {
    name: 'a publishCmd that assigns the token without export: unseen, naming the publishCmd',
    files: circleRepo(circleConfig(['- run: npx semantic-release']), undefined, { 'release.config.cjs': execConfig(`NPM_ID_TOKEN=$(${OIDC}); npm publish`) }),
    want: ['unseen@8:14-8:34'],
    data: { reason: 'the publishCmd of @semantic-release/exec in release.config.cjs sets `NPM_ID_TOKEN` itself, but not in a way tp-doctor can follow to the publish (an `export` before it in the same command)' },
  },
  {
    name: 'control: a publishCmd that exports it after its publish: unseen',
    files: circleRepo(circleConfig(['- run: npx semantic-release']), undefined, { 'release.config.cjs': execConfig(`npm publish && export NPM_ID_TOKEN=$(${OIDC})`) }),
    want: ['unseen@8:14-8:34'],
  },
  {
    name: 'control: a publishCmd without the token: missing',
    files: circleRepo(circleConfig(['- run: npx semantic-release']), undefined, { 'release.config.cjs': execConfig('npm publish') }),
    want: ['missing@8:14-8:34'],
  },
  {
    // Financial-Times/n-logger: the possible publish is the helper that says publish, after the token is set.
    name: 'a possible publish in the step that says publish, after a step that sets it in $BASH_ENV, is silent',
    files: circleRepo(
      circleConfig([
        '- run:\n          name: npm-store-auth-token\n          command: ./helpers/helper-npm-store-auth-token',
        run(`echo "export NPM_ID_TOKEN=$(${OIDC})" >> "$BASH_ENV"`),
        '- run:\n          name: npm-version-and-publish-public\n          command: ./helpers/helper-npm-version-and-publish-public',
      ]),
    ),
    want: [],
  },
  {
    name: 'the same without the step that sets it: missing, on the step that says publish',
    files: circleRepo(
      circleConfig([
        '- run:\n          name: npm-store-auth-token\n          command: ./helpers/helper-npm-store-auth-token',
        '- run:\n          name: npm-version-and-publish-public\n          command: ./helpers/helper-npm-version-and-publish-public',
      ]),
    ),
    want: ['missing@13:20-13:67'],
  },
  {
    name: 'the circleci/node orb executor node/default sets no environment: missing',
    files: circleRepo(['version: 2.1', 'orbs:', '  node: circleci/node@4.7', 'jobs:', '  publish:', '    executor: node/default', '    steps:', '      - checkout', '      - run: npm publish', 'workflows:', '  release:', '    jobs: [publish]', ''].join('\n')),
    want: ['missing@9:14-9:25'],
  },
  {
    // survey914a (cypress-io/cypress-example-kitchensink): an executor's `environment:` holds fixed strings, never a token issued for the job.
    name: 'an orb executor tp-doctor does not know, given literal arguments: missing, as on a docker executor',
    files: circleRepo(['version: 2.1', 'orbs:', '  kit: acme/kit@1.0', 'jobs:', '  publish:', '    executor:', '      name: kit/default', "      node-version: '24.18.0'", '    steps:', '      - checkout', '      - run: npm publish', 'workflows:', '  release:', '    jobs: [publish]', ''].join('\n')),
    want: ['missing@11:14-11:25'],
  },
  {
    name: 'the same with no argument: missing',
    files: circleRepo(['version: 2.1', 'orbs:', '  kit: acme/kit@1.0', 'jobs:', '  publish:', '    executor: kit/default', '    steps:', '      - checkout', '      - run: npm publish', 'workflows:', '  release:', '    jobs: [publish]', ''].join('\n')),
    want: ['missing@9:14-9:25'],
  },
  {
    name: 'an orb executor passed an argument from a pipeline parameter may give it to npm: info',
    files: circleRepo(
      ['version: 2.1', 'parameters:', '  token:', '    type: string', '    default: ""', 'orbs:', '  kit: acme/kit@1.0', 'jobs:', '  publish:', '    executor:', '      name: kit/default', '      token: << pipeline.parameters.token >>', '    steps:', '      - checkout', '      - run: npm publish', 'workflows:', '  release:', '    jobs: [publish]', ''].join('\n'),
    ),
    want: ['unseen@15:14-15:25'],
    data: { reason: 'the job runs on the orb executor "kit/default" and passes it `token` from a parameter, which the executor\'s `environment:` (not read) may give npm as `NPM_ID_TOKEN`' },
  },
  {
    name: 'a command that is a pipeline parameter (the trigger chooses it), a possible publish, may set the token itself: info',
    files: circleRepo(CIRCLE_TRIGGER_COMMAND),
    want: ['unseen@11:14-11:55'],
    data: { reason: 'the trigger chooses its command (`pipeline.parameters.release_command`), which may set `NPM_ID_TOKEN` itself' },
  },
  {
    name: 'a continued configuration under a publisher of another file: silent',
    files: circleRepo(SETUP, circlePublisherConfig('    configFile: .circleci/release.yml'), { '.circleci/template.yml': circleConfig(['- run: npm publish']) }),
    want: [],
  },
  {
    name: 'a declared CircleCI publisher (default configFile) is checked',
    files: circleRepo(circleConfig(['- run: npm publish']), circlePublisherConfig()),
    want: ['missing@8:14-8:25'],
  },
  {
    name: 'a declared publisher naming the file with ./ is checked',
    files: circleRepo(circleConfig(['- run: npm publish']), circlePublisherConfig('    configFile: ./.circleci/config.yml')),
    want: ['missing@8:14-8:25'],
  },
  {
    name: 'no CircleCI publisher (only a GitHub one is declared): silent',
    files: circleRepo(circleConfig(['- run: npm publish']), publisherConfig({})),
    want: [],
  },
  {
    name: 'a CircleCI publisher for another configuration file: silent',
    files: circleRepo(circleConfig(['- run: npm publish']), circlePublisherConfig('    configFile: .circleci/release.yml')),
    want: [],
  },
  {
    name: 'a publish to another registry is not a trusted publish',
    files: circleRepo(circleConfig(['- run: npm publish --registry https://npm.pkg.github.com'])),
    want: [],
  },
];

describe(RULE, () => {

  it('is an error on a certain publish, a warning on a guessed one, info for `environment:`', async () => {
    const severity = async (steps: string[], extra: string[] = []): Promise<string[]> =>
      (await lintFiles(circleRepo(circleConfig(steps, 'cimg/node:24.15', extra)), { rule: RULE })).map((d) => d.severity);
    expect(await severity(['- run: npm publish'])).toEqual(['error']);
    expect(await severity(['- run: npm run release'])).toEqual(['warning']);
    expect(await severity(['- run: npm publish'], ['environment:', '  NPM_ID_TOKEN: abc'])).toEqual(['info']);
  });

  it('the fix gives the documented export line', async () => {
    const [d] = await lintFiles(circleRepo(circleConfig(['- run: npm publish'])), { rule: RULE });
    expect(d?.fix).toContain(`export NPM_ID_TOKEN=$(${OIDC})`);
  });
});

/** A configuration with `orbs:`, a local job `build` with `steps`, and the workflow's further `jobs`. */
const orbConfig = (orbs: string[], steps: string[], workflow: string[] = []): string =>
  ['version: 2.1', 'orbs:', ...orbs.map((o) => `  ${o}`), 'jobs:', '  build:', '    docker: [{ image: cimg/node:24.15 }]', '    steps:', '      - checkout', ...steps.map((s) => `      ${s}`), 'workflows:', '  main:', '    jobs:', '      - build', ...workflow.map((w) => `      ${w}`), ''].join('\n');

describe(`${RULE}: rule tester`, () => {
  const table = fromRuleCases(cases);
  ruleTester.run(RULE, {
    valid: [
      ...table.valid,
      {
        name: 'orb commands that say nothing of publishing (circleci/node, slack) are not read as publishes',
        files: circleRepo(orbConfig(['node: circleci/node@7.1.0', 'slack: circleci/slack@4.12.0'], ['- node/install-packages', '- slack/notify']), circlePublisherConfig()),
      },
      {
        name: 'an orb job that says it publishes, without any sign of npm, is not read as one',
        files: circleRepo(orbConfig(['kit: acme/kit@1.0.0'], [], ['- kit/publish']), circlePublisherConfig()),
      },
    ],
    invalid: [
      ...table.invalid,
      {
        name: "the circleci/node orb's node/run job running a script that publishes: missingInOrbJob, at the script argument",
        files: circleRepo(
          ['version: 2.1', 'orbs:', '  node: circleci/node@7.1.0', 'workflows:', '  release:', '    jobs:', '      - node/run:', '          npm-run: release', ''].join('\n'),
          circlePublisherConfig(),
          { 'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget', scripts: { release: 'npm publish' } }) },
        ),
        errors: [{ messageId: 'missingInOrbJob', at: '8:20-8:27', severity: 'error', message: 'Job "node/run" publishes with `npm publish` in step "Run npm release" of the orb job, but no step sets `NPM_ID_TOKEN`; expected it from `circleci run oidc get`' }],
      },
      {
        name: 'a publish in the configuration a setup configuration continues with is checked, under the publisher of the setup file',
        files: circleRepo(SETUP, circlePublisherConfig(), { '.circleci/template.yml': circleConfig(['- run: npm publish']) }),
        errors: [{ messageId: 'missing', at: '8:14-8:25', file: '.circleci/template.yml', severity: 'error' }],
      },
      {
        name: 'an orb job that may publish (a context named for npm): unseen, info, the orb is not read',
        files: circleRepo(orbConfig(['auto: acme/auto-release@1.2.0'], [], ['- auto/publish:', '    context: npm-deploy']), circlePublisherConfig()),
        errors: [
          {
            messageId: 'unseen',
            at: '13:9-13:21',
            severity: 'info',
            data: {
              job: 'auto/publish',
              command: '"auto/publish"',
              step: 'step 1 (orb job `auto/publish`)',
              reason: 'it is a job of the orb "acme/auto-release@1.2.0", which tp-doctor does not fetch, so it cannot see whether the orb runs `circleci run oidc get` itself',
            },
          },
        ],
      },
      {
        name: 'an orb command that may publish (an npm token passed by name): unseen, info',
        files: circleRepo(orbConfig(['npm: acme/npm-publisher@0.2.0'], ['- npm/publish:', '    token-variable: NPM_TOKEN']), circlePublisherConfig()),
        errors: [{ messageId: 'unseen', at: '9:9-9:20', severity: 'info', data: { step: 'step 2 (orb command `npm/publish`)', reason: expect.stringContaining('a command of the orb "acme/npm-publisher@0.2.0"') } }],
      },
    ],
  });
});

describe(`${RULE}: a pnpm publish whose package sets publishConfig.registry against an .npmrc scope line`, () => {
  // contentful/forma-36: `.npmrc` `@acme:registry=https://registry.npmjs.org`, `publishConfig.registry`
  // GitHub Packages, `pnpm -r publish` in a CircleCI job with no `NPM_ID_TOKEN`. pnpm 11.0.5 and later
  // publish to publishConfig.registry; pnpm 10 runs npm publish, where the scope line wins.
  const files = (packageManager: string | undefined, run: string) =>
    circleRepo(circleConfig([`- run: ${run}`]), circlePublisherConfig(), {
      'package.json': JSON.stringify({ name: 'root', private: true, ...(packageManager ? { packageManager } : {}) }),
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0', publishConfig: { registry: 'https://npm.pkg.github.com/', access: 'public' } }),
      '.npmrc': '@acme:registry=https://registry.npmjs.org\n',
    });
  const rows: [packageManager: string | undefined, run: string, want: string[]][] = [
    ['pnpm@11.21.0', 'pnpm -r publish', []],
    ['pnpm@11.21.0', 'cd packages/a && pnpm publish', []],
    ['pnpm@10.34.5', 'pnpm -r publish', ['missing error']],
    [undefined, 'pnpm -r publish', ['missing info']], // pnpm of unknown version: the registry is unknown, a possible trusted publish
    ['pnpm@11.21.0', 'npm publish -w packages/a', ['missing error']],
  ];
  it.each(rows)('%s: %s', async (packageManager, run, want) => {
    const got = await lintFiles(files(packageManager, run), { rule: RULE });
    expect(got.map((d) => `${d.messageId} ${d.severity}`)).toEqual(want);
  });
});

describe(`${RULE}: a pipeline configuration beside config.yml (CircleCI-Public/sign-and-publish-examples)`, () => {
  // `.circleci/npm-publish.yml` is read without a declaration (src/model/circleci/discover.ts); a
  // pipeline definition runs it only when its config file path names it: a warning at most.
  const build = circleConfig(['- run: npm test']);
  const rows: [name: string, files: Record<string, string>, want: string[]][] = [
    ['no NPM_ID_TOKEN in npm-publish.yml: a warning there', circleRepo(build, undefined, { '.circleci/npm-publish.yml': circleConfig(['- run: npm publish']) }), ['missing warning .circleci/npm-publish.yml:8']],
    ['the token in the publishing step: silent', circleRepo(build, undefined, { '.circleci/npm-publish.yml': circleConfig([run(`export NPM_ID_TOKEN=$(${OIDC})`, 'npm publish')]) }), []],
    ['control: the same publish in config.yml is an error', circleRepo(circleConfig(['- run: npm publish'])), ['missing error .circleci/config.yml:8']],
    ['a declared publisher naming config.yml: the other file is not read', circleRepo(build, circlePublisherConfig(), { '.circleci/npm-publish.yml': circleConfig(['- run: npm publish']) }), []],
  ];
  it.each(rows)('%s', async (_name, files, want) => {
    const got = await lintFiles(files, { rule: RULE });
    expect(got.map((d) => `${d.messageId} ${d.severity} ${d.file}:${d.line}`)).toEqual(want);
  });
});

describe('missingInOrbJob only for an orb job tp-doctor knows', () => {
  it('the stand-in of an unknown orb job whose pre-steps publish gets plain `missing`', async () => {
    const config = ['version: 2.1', 'orbs:', '  kit: acme/kit@1.0.0', 'workflows:', '  release:', '    jobs:', '      - kit/build:', '          pre-steps:', '            - run: npm publish', ''].join('\n');
    const got = await lintFiles(circleRepo(config, circlePublisherConfig()), { rule: RULE });
    expect(got.map((d) => d.messageId)).toEqual(['missing']);
  });
});


describe('circleci-npm-id-token: a publishing step under a when:/unless: tp-doctor cannot decide, beside one that gets NPM_ID_TOKEN (audit1207 c01, A.61)', () => {
  const config = (when: string, withToken = true): string => `version: 2.1
parameters:
  legacy: { type: boolean, default: false }
jobs:
  publish:
    docker: [{ image: cimg/node:24.15 }]
    steps:
      - checkout
${when}
      - unless:
          condition: << pipeline.parameters.legacy >>
          steps:
            - run: |
                ${withToken ? `export NPM_ID_TOKEN=$(${OIDC})` : 'echo no token'}
                npm publish
workflows:
  release:
    jobs: [publish]
`;
  const legacy = `      - when:
          condition: << pipeline.parameters.legacy >>
          steps:
            - run: npm publish`;
  it('a pipeline parameter chooses the step: a warning whose related locations say the condition decides and name the other step', async () => {
    const found = await lintFiles(circleRepo(config(legacy)), { rule: RULE });
    expect(found.map((d) => `${d.severity}: ${d.messageId}: ${d.line}`)).toEqual(['warning: missing: 12']);
    const labels = found[0]?.related?.map((r) => r.label) ?? [];
    expect(labels).toContain('a `when:`/`unless:` condition tp-doctor cannot decide (a pipeline parameter, a logic statement) decides whether this step runs');
    expect(labels).toContain('`npm publish` here gets `NPM_ID_TOKEN`');
  });
  it('control: the same step without a when: keeps the error', async () => {
    const found = await lintFiles(circleRepo(config('      - run: npm publish')), { rule: RULE });
    expect(found.map((d) => `${d.severity}: ${d.messageId}`)).toEqual(['error: missing']);
  });
  it('control: no other publishing step gets the token: errors', async () => {
    const found = await lintFiles(circleRepo(config(legacy, false)), { rule: RULE });
    expect(found.map((d) => `${d.severity}: ${d.messageId}`)).toEqual(['error: missing', 'error: missing']);
  });
});
