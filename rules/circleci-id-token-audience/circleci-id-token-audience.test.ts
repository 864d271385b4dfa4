import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';
import { circleConfig, circleRepo, publisherConfig, ruleTester } from '../../test/rule-tester.js';

const RULE = 'circleci-id-token-audience';
/** The publishing step: `export NPM_ID_TOKEN=$(<get>)` on line 9 (column 11), `npm publish` on line 10. */
const step = (get: string): string => `- run: |\n          export NPM_ID_TOKEN=$(${get})\n          npm publish`;
const claims = (aud: string): string => `circleci run oidc get --claims '{"aud":${aud}}'`;
const repo = (get: string): Record<string, string> => circleRepo(circleConfig([step(get)]));
/** A semantic-release run whose exec plugin's `publishCmd` exports the token from `get`, then publishes. */
const execRepo = (get: string): Record<string, string> =>
  circleRepo(circleConfig(['- run: npx semantic-release']), undefined, {
    'release.config.cjs': `module.exports = { branches: ['main'], plugins: [['@semantic-release/npm', { npmPublish: false }], ['@semantic-release/exec', { publishCmd: ${JSON.stringify(`export NPM_ID_TOKEN=$(${get}) && npm publish`)} }]] };\n`,
  });
/** A step that runs a committed shell script that exports the token from `get` (its line 2), then publishes (birdofpreyru/js-utils `bin/release.sh`). */
const scriptRepo = (get: string): Record<string, string> =>
  circleRepo(circleConfig(['- run: ./bin/release.sh']), undefined, { 'bin/release.sh': `set -e\nexport NPM_ID_TOKEN=$(${get})\nnpm publish --access public\n` });
/** A step that sets the shell variable from `get` (line 9), then writes it to `$BASH_ENV` with `write` (line 10). */
const selfWrite = (get: string, write: string): string => `- run: |\n          NPM_ID_TOKEN=$(${get})\n          ${write}`;

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: [
      { name: 'the npm audience is silent', files: repo(claims('"npm:registry.npmjs.org"')) },
      { name: 'the npm audience among others in a list is silent', files: repo(claims('["sigstore","npm:registry.npmjs.org"]')) },
      {
        name: 'a token that never reaches the publish is left to circleci-npm-id-token',
        files: circleRepo(circleConfig(['- run: export NPM_ID_TOKEN=$(circleci run oidc get)', '- run: npm publish'])),
      },
      {
        name: 'a variable set from `circleci run oidc get`, then written to $BASH_ENV with echo: checked, right',
        files: circleRepo(circleConfig([selfWrite(claims('"npm:registry.npmjs.org"'), 'echo "export NPM_ID_TOKEN=$NPM_ID_TOKEN" >> $BASH_ENV'), '- run: npm publish'])),
      },
      {
        name: 'the same written with printf %q: checked, right',
        files: circleRepo(circleConfig([selfWrite(claims('"npm:registry.npmjs.org"'), `printf 'export NPM_ID_TOKEN=%q\\n' "$NPM_ID_TOKEN" >> "$BASH_ENV"`), '- run: npm publish'])),
      },
      { name: 'a publishCmd that exports the npm audience before its publish (snyk/broker) is silent', files: execRepo(claims('"npm:registry.npmjs.org"')) },
      { name: 'a shell script that exports the npm audience before its publish is silent', files: scriptRepo(claims('"npm:registry.npmjs.org"')) },
      { name: 'no CircleCI publisher: silent', files: circleRepo(circleConfig([step('circleci run oidc get')]), publisherConfig({})) },
    ],
    invalid: [
      {
        name: 'no --claims: the audience is the organization ID',
        files: repo('circleci run oidc get'),
        errors: [{ messageId: 'noClaims', at: '9:33-9:54', data: { oidc: 'circleci run oidc get' }, related: ['`npm publish` runs here'] }],
      },
      {
        name: "CircleCI's own $CIRCLE_OIDC_TOKEN_V2",
        files: circleRepo(circleConfig(['- run: |\n          export NPM_ID_TOKEN=$CIRCLE_OIDC_TOKEN_V2\n          npm publish'])),
        errors: [{ messageId: 'circleToken', at: '9:11-9:52', data: { variable: 'CIRCLE_OIDC_TOKEN_V2' } }],
      },
      { name: 'a URL', files: repo(claims('"https://registry.npmjs.org"')), errors: [{ messageId: 'url', at: '9:33-9:102', data: { value: 'https://registry.npmjs.org' }, severity: 'error' }] },
      {
        name: "an audience from a pipeline parameter's default: read, and a warning (a trigger may pass another)",
        files: circleRepo(circleConfig([step(claims('"<< pipeline.parameters.aud >>"'))]).replace('version: 2.1\n', 'version: 2.1\nparameters:\n  aud: { type: string, default: "https://registry.npmjs.org" }\n')),
        errors: [{ messageId: 'url', at: '10:14-13:1', data: { value: 'https://registry.npmjs.org' }, severity: 'warning' }],
      },
      {
        name: 'no npm: prefix (an exact miss is an error)',
        files: repo(claims('"registry.npmjs.org"')),
        errors: [{ messageId: 'noPrefix', at: '9:33-9:94', data: { value: 'registry.npmjs.org' }, severity: 'error' }],
      },
      {
        name: 'a publishCmd that exports another host\'s audience before its publish: read there',
        files: execRepo(claims('"npm:registry.npmjs.com"')),
        errors: [{ messageId: 'otherHost', file: 'release.config.cjs', at: '1:141-1:250', data: { value: 'npm:registry.npmjs.com' }, severity: 'error' }],
      },
      {
        // The publish through a script is read as likely (the script may branch): a warning, as for any such publish.
        name: "a shell script that exports another host's audience before its publish: read there",
        files: scriptRepo(claims('"npm:registry.npmjs.com"')),
        errors: [{ messageId: 'otherHost', file: 'bin/release.sh', at: '2:23-2:88', data: { value: 'npm:registry.npmjs.com' }, severity: 'warning', related: ['`npm publish` runs here'] }],
      },
      { name: 'wrong case', files: repo(claims('"npm:Registry.npmjs.org"')), errors: ['wrongCase@9:33-9:98'] },
      { name: 'a blank before the audience', files: repo(claims('" npm:registry.npmjs.org"')), errors: ['whitespace@9:33-9:99'] },
      { name: 'a trailing slash', files: repo(claims('"npm:registry.npmjs.org/"')), errors: ['trailingSlash@9:33-9:99'] },
      {
        name: 'another registry host',
        files: repo(claims('"npm:npm.pkg.github.com"')),
        errors: [{ messageId: 'otherHost', at: '9:33-9:98', data: { value: 'npm:npm.pkg.github.com' } }],
      },
      { name: 'another audience', files: repo(claims('"sigstore"')), errors: [{ messageId: 'other', at: '9:33-9:84', data: { value: 'sigstore' } }] },
      {
        name: 'a list names the near miss',
        files: repo(claims('["sigstore","npm:registry.npmjs.org/"]')),
        errors: [{ messageId: 'trailingSlash', at: '9:33-9:112', data: { value: 'npm:registry.npmjs.org/' } }],
      },
      {
        name: 'claims that are not JSON: warning',
        files: repo("circleci run oidc get --claims '{aud: npm}'"),
        errors: [{ messageId: 'unreadableClaims', at: '9:33-9:76', severity: 'warning' }],
      },
      {
        name: 'claims from a shell variable: info',
        files: repo('circleci run oidc get --claims "{\\"aud\\":\\"$AUD\\"}"'),
        errors: [{ messageId: 'unresolved', at: '9:33-9:84', severity: 'info' }],
      },
      {
        name: 'a value that is not `circleci run oidc get`: info',
        files: circleRepo(circleConfig(['- run: |\n          export NPM_ID_TOKEN=$(cat token.txt)\n          npm publish'])),
        errors: [{ messageId: 'unknownValue', at: '9:11-9:47', data: { value: '$(cat token.txt)' } }],
      },
      {
        name: 'a value given to the publish command alone: the value is named, not the command after it',
        files: circleRepo(circleConfig(['- run: NPM_ID_TOKEN="$VAULT_TOKEN" npm publish'])),
        errors: [{ messageId: 'unknownValue', at: '8:14-8:53', data: { value: '"$VAULT_TOKEN"' } }],
      },
      {
        name: 'an audience written to $BASH_ENV by an earlier step is checked there',
        files: circleRepo(circleConfig(['- run: echo "export NPM_ID_TOKEN=\\$(circleci run oidc get)" >> "$BASH_ENV"', '- run: npm publish'])),
        errors: ['noClaims@8:14-8:81'],
      },
      {
        name: 'a variable of unknown origin written to $BASH_ENV: its value is named without the redirect',
        files: circleRepo(circleConfig(['- run: echo "export NPM_ID_TOKEN=$TOKEN_FROM_VAULT" >> $BASH_ENV', '- run: npm publish'])),
        errors: [{ messageId: 'unknownValue', at: '8:14-8:71', data: { value: '$TOKEN_FROM_VAULT' } }],
      },
      {
        name: 'a variable set from `circleci run oidc get` with a wrong audience, then written to $BASH_ENV: checked',
        files: circleRepo(circleConfig([selfWrite(claims('"registry.npmjs.org"'), 'echo "export NPM_ID_TOKEN=${NPM_ID_TOKEN}" >> $BASH_ENV'), '- run: npm publish'])),
        errors: [{ messageId: 'noPrefix', at: '9:26-9:87', data: { value: 'registry.npmjs.org' } }],
      },
    ],
  });
});

describe(`${RULE}: a step under a when: tp-doctor cannot decide, beside one with the npm audience (audit1208 cc01, A.66)`, () => {
  const params = 'parameters:\n  legacy:\n    type: boolean\n    default: false\n';
  const guarded = (kind: 'when' | 'unless', aud: string): string =>
    `- ${kind}:\n          condition: << pipeline.parameters.legacy >>\n          steps:\n            - run: export NPM_ID_TOKEN=$(${claims(aud)}) && npm publish`;
  const config = (legacyAud: string, otherAud: string): string => circleConfig([guarded('when', legacyAud), guarded('unless', otherAud)]).replace('jobs:\n', `${params}jobs:\n`);
  const brief = async (text: string): Promise<string[]> => (await lintFiles(circleRepo(text), { rule: RULE })).map((d) => `${d.messageId}@${d.severity} ${d.line}`);
  it('a URL audience in a `when:` step on a pipeline parameter, the npm audience in the `unless:` step: a warning naming the condition and the other publish', async () => {
    const found = await lintFiles(circleRepo(config('"https://registry.npmjs.org"', '"npm:registry.npmjs.org"')), { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.line}`)).toEqual(['url@warning 15']);
    expect(found[0]?.related?.map((r) => `${r.start.line} ${r.label}`)).toEqual([
      '15 `npm publish` runs here',
      '15 a `when:`/`unless:` condition tp-doctor cannot decide (a pipeline parameter, a logic statement) decides whether this step runs',
      '19 `npm publish` here requests the npm audience',
    ]);
  });
  it('control: both steps request a URL audience: whichever runs fails, the errors stay', async () => {
    expect(await brief(config('"https://registry.npmjs.org"', '"https://registry.npmjs.org"'))).toEqual(['url@error 15', 'url@error 19']);
  });
});
