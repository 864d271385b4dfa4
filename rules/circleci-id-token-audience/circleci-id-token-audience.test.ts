import { describe, expect, it } from 'vitest';
import { circleConfig, circleRepo, lintFiles, publisherConfig, ruleCases, type RuleCase } from '../../test/helpers.js';

const RULE = 'circleci-id-token-audience';
/** The publishing step: `export NPM_ID_TOKEN=$(<get>)` on line 9 (column 11), `npm publish` on line 10. */
const step = (get: string): string => `- run: |\n          export NPM_ID_TOKEN=$(${get})\n          npm publish`;
const claims = (aud: string): string => `circleci run oidc get --claims '{"aud":${aud}}'`;
const repo = (get: string): Record<string, string> => circleRepo(circleConfig([step(get)]));

const cases: RuleCase[] = [
  { name: 'the npm audience is silent', files: repo(claims('"npm:registry.npmjs.org"')), want: [] },
  { name: 'the npm audience among others in a list is silent', files: repo(claims('["sigstore","npm:registry.npmjs.org"]')), want: [] },
  {
    name: 'no --claims: the audience is the organization ID',
    files: repo('circleci run oidc get'),
    want: ['noClaims@9:33-9:54'],
    data: { oidc: 'circleci run oidc get' },
    related: ['`npm publish` runs here'],
  },
  {
    name: "CircleCI's own $CIRCLE_OIDC_TOKEN_V2",
    files: circleRepo(circleConfig(['- run: |\n          export NPM_ID_TOKEN=$CIRCLE_OIDC_TOKEN_V2\n          npm publish'])),
    want: ['circleToken@9:11-9:52'],
    data: { variable: 'CIRCLE_OIDC_TOKEN_V2' },
  },
  { name: 'a URL', files: repo(claims('"https://registry.npmjs.org"')), want: ['url@9:33-9:102'], data: { value: 'https://registry.npmjs.org' } },
  { name: 'no npm: prefix', files: repo(claims('"registry.npmjs.org"')), want: ['noPrefix@9:33-9:94'], data: { value: 'registry.npmjs.org' } },
  { name: 'wrong case', files: repo(claims('"npm:Registry.npmjs.org"')), want: ['wrongCase@9:33-9:98'] },
  { name: 'a trailing slash', files: repo(claims('"npm:registry.npmjs.org/"')), want: ['trailingSlash@9:33-9:99'] },
  { name: 'another registry host', files: repo(claims('"npm:npm.pkg.github.com"')), want: ['otherHost@9:33-9:98'], data: { value: 'npm:npm.pkg.github.com' } },
  { name: 'another audience', files: repo(claims('"sigstore"')), want: ['other@9:33-9:84'], data: { value: 'sigstore' } },
  { name: 'a list names the near miss', files: repo(claims('["sigstore","npm:registry.npmjs.org/"]')), want: ['trailingSlash@9:33-9:112'], data: { value: 'npm:registry.npmjs.org/' } },
  { name: 'claims that are not JSON: warning', files: repo("circleci run oidc get --claims '{aud: npm}'"), want: ['unreadableClaims@9:33-9:76'] },
  {
    name: 'claims from a shell variable: info',
    files: repo('circleci run oidc get --claims "{\\"aud\\":\\"$AUD\\"}"'),
    want: ['unresolved@9:33-9:84'],
  },
  {
    name: 'a value that is not `circleci run oidc get`: info',
    files: circleRepo(circleConfig(['- run: |\n          export NPM_ID_TOKEN=$(cat token.txt)\n          npm publish'])),
    want: ['unknownValue@9:11-9:47'],
    data: { value: '$(cat token.txt)' },
  },
  {
    name: 'an audience written to $BASH_ENV by an earlier step is checked there',
    files: circleRepo(circleConfig(['- run: echo "export NPM_ID_TOKEN=\\$(circleci run oidc get)" >> "$BASH_ENV"', '- run: npm publish'])),
    want: ['noClaims@8:14-8:81'],
  },
  {
    name: 'a token that never reaches the publish is left to circleci-npm-id-token',
    files: circleRepo(circleConfig(['- run: export NPM_ID_TOKEN=$(circleci run oidc get)', '- run: npm publish'])),
    want: [],
  },
  {
    name: 'no CircleCI publisher: silent',
    files: circleRepo(circleConfig([step('circleci run oidc get')]), publisherConfig({})),
    want: [],
  },
];

describe(RULE, () => {
  ruleCases(RULE, cases);

  it('an exact miss is an error, unreadable claims a warning, a variable info', async () => {
    const severity = async (get: string): Promise<string[]> => (await lintFiles(repo(get), { rule: RULE })).map((d) => d.severity);
    expect(await severity(claims('"registry.npmjs.org"'))).toEqual(['error']);
    expect(await severity("circleci run oidc get --claims '{aud: npm}'")).toEqual(['warning']);
    expect(await severity('circleci run oidc get --claims "{\\"aud\\":\\"$AUD\\"}"')).toEqual(['info']);
  });
});
