/**
 * The token cap (src/model/token-fallback.ts `configFileFallback`, src/engine/token-fallback-cap.ts)
 * on GitLab and CircleCI for a token committed in a configuration file and filled from an
 * environment variable: the CI/CD variables and the contexts are in every job's environment, so a
 * `.yarnrc.yml` `npmAuthToken: "${NPM_TOKEN}"` reaches a Yarn Berry publish, and a `.npmrc`
 * `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` an npm publish (homebound-team/truss). The
 * errors that say trusted publishing fails are warnings that name the file; a declared publisher
 * keeps them errors, and GitHub (where a secret reaches a step only through `env:`) is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { circleConfig, circlePublisherConfig, circleRepo, gitlabRepo, lintFiles, releaseRepo, releaseWorkflow } from '../helpers.js';

const OIDC_RULES = ['require-id-token-write', 'npm-supports-oidc', 'publish-tool-supports-oidc', 'gitlab-npm-id-token', 'circleci-npm-id-token'];
type Found = Awaited<ReturnType<typeof lintFiles>>;
const brief = (ds: Found): string[] => ds.filter((d) => OIDC_RULES.includes(d.ruleId)).map((d) => `${d.ruleId}/${d.messageId} ${d.severity}`);

const YARN = { 'package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: 'github:acme/widget', packageManager: 'yarn@4.6.0' }), 'yarn.lock': '' };
const yarnrc = (token: string): string => `npmAuthToken: "${token}"\nnpmRegistryServer: "https://registry.npmjs.org/"\nyarnPath: .yarn/releases/yarn-4.6.0.cjs\n`;
const circle = (publish: string, extra: string[] = []): string =>
  circleConfig([...extra, '- run: yarn install', `- run: ${publish}`], 'cimg/node:24.14.0').replace('      - publish\n', '      - publish:\n          context: npm-publish\n');
const CIRCLE_ERRORS = ['circleci-npm-id-token/missing error', 'publish-tool-supports-oidc/circleciYarnTooOld error'];
const CIRCLE_WARNINGS = ['circleci-npm-id-token/missing warning', 'publish-tool-supports-oidc/circleciYarnTooOld warning'];
const WHY = 'No trusted publisher is declared, and the job still gives the publish a long-lived npm token (`npmAuthToken` in .yarnrc.yml from the environment variable `NPM_TOKEN`, which Yarn Berry publishes with)';

describe('CircleCI: a .yarnrc.yml npmAuthToken from an environment variable, yarn npm publish', () => {
  it.each([['${NPM_TOKEN}'], ['${NPM_TOKEN-ignore_for_gh_pages_action}'], ['${NPM_TOKEN:-}']])('%s: warnings that name the .yarnrc.yml token', async (token) => {
    const found = await lintFiles(circleRepo(circle('yarn npm publish'), undefined, { ...YARN, '.yarnrc.yml': yarnrc(token) }));
    expect(brief(found)).toEqual(CIRCLE_WARNINGS);
    for (const d of found.filter((x) => x.ruleId === 'circleci-npm-id-token' || x.ruleId === 'publish-tool-supports-oidc')) expect(d.why).toContain(WHY);
  });
  it('any variable name, and a token under npmRegistries', async () => {
    const rc = 'npmRegistries:\n  "//registry.npmjs.org":\n    npmAuthToken: "${YARN_PUBLISH_AUTH}"\nyarnPath: .yarn/releases/yarn-4.6.0.cjs\n';
    const found = await lintFiles(circleRepo(circle('yarn npm publish'), undefined, { ...YARN, '.yarnrc.yml': rc }));
    expect(brief(found)).toEqual(CIRCLE_WARNINGS);
    expect(found.find((d) => d.ruleId === 'circleci-npm-id-token')?.why).toContain('`npmRegistries["//registry.npmjs.org"].npmAuthToken` in .yarnrc.yml from the environment variable `YARN_PUBLISH_AUTH`');
  });
  it('a publish in a package directory reads the .yarnrc.yml of its ancestors', async () => {
    const files = { ...YARN, 'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0' }), 'packages/.yarnrc.yml': yarnrc('${NPM_TOKEN}'), '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-4.6.0.cjs\n' };
    const found = await lintFiles(circleRepo(circle('cd packages/a && yarn npm publish'), undefined, files));
    expect(brief(found)).toEqual(CIRCLE_WARNINGS);
    expect(found.find((d) => d.ruleId === 'circleci-npm-id-token')?.why).toContain('`npmAuthToken` in packages/.yarnrc.yml');
    // Control: one in another package's directory is not read there.
    const sibling = { ...files, 'packages/.yarnrc.yml': 'nodeLinker: node-modules\n', 'packages/b/.yarnrc.yml': yarnrc('${NPM_TOKEN}') };
    expect(brief(await lintFiles(circleRepo(circle('cd packages/a && yarn npm publish'), undefined, sibling)))).toEqual(CIRCLE_ERRORS);
  });
  it('control: a declared publisher keeps the errors', async () => {
    expect(brief(await lintFiles(circleRepo(circle('yarn npm publish'), circlePublisherConfig(), { ...YARN, '.yarnrc.yml': yarnrc('${NPM_TOKEN}') })))).toEqual(CIRCLE_ERRORS);
  });
  it('control: no npmAuthToken, a literal value, or a token for another registry: errors', async () => {
    const repo = (rc: string): Record<string, string> => circleRepo(circle('yarn npm publish'), undefined, { ...YARN, '.yarnrc.yml': rc });
    expect(brief(await lintFiles(repo('yarnPath: .yarn/releases/yarn-4.6.0.cjs\n')))).toEqual(CIRCLE_ERRORS);
    expect(brief(await lintFiles(repo(yarnrc('none'))))).toEqual(CIRCLE_ERRORS);
    expect(brief(await lintFiles(repo(yarnrc('${NPM_TOKEN}').replace('https://registry.npmjs.org/', 'https://npm.pkg.github.com/'))))).toEqual([]);
  });
  it('control: a job that asks for NPM_ID_TOKEN keeps its errors (the token may be gone)', async () => {
    const oidc = '- run: echo "export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')" >> "$BASH_ENV"';
    const found = await lintFiles(circleRepo(circle('yarn npm publish', [oidc]), undefined, { ...YARN, '.yarnrc.yml': yarnrc('${NPM_TOKEN}') }));
    expect(brief(found)).toEqual(['publish-tool-supports-oidc/circleciYarnTooOld error']);
  });
  it('control: npm publish never reads .yarnrc.yml: the error stays', async () => {
    const config = circleConfig(['- run: npm publish'], 'cimg/node:24.14.0').replace('      - publish\n', '      - publish:\n          context: npm-publish\n');
    const found = await lintFiles(circleRepo(config, undefined, { '.yarnrc.yml': yarnrc('${NPM_TOKEN}') }));
    expect(brief(found)).toContain('circleci-npm-id-token/missing error');
  });
});

describe('CircleCI: a committed .npmrc _authToken from an environment variable, npm publish', () => {
  const config = circleConfig(['- run: npm publish'], 'cimg/node:24.14.0');
  it('warnings that name the .npmrc entry', async () => {
    const found = await lintFiles(circleRepo(config, undefined, { '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_PUBLISH}\n' }));
    expect(brief(found).filter((f) => f.endsWith(' error'))).toEqual([]);
    expect(brief(found)).toContain('circleci-npm-id-token/missing warning');
    expect(found.find((d) => d.ruleId === 'circleci-npm-id-token')?.why).toContain('(`//registry.npmjs.org/:_authToken` in .npmrc from the environment variable `NPM_PUBLISH`)');
  });
  it('control: a token for GitHub Packages, or none: the error stays', async () => {
    expect(brief(await lintFiles(circleRepo(config, undefined, { '.npmrc': '//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}\n' })))).toContain('circleci-npm-id-token/missing error');
    expect(brief(await lintFiles(circleRepo(config)))).toContain('circleci-npm-id-token/missing error');
  });
  it('control: yarn npm publish never reads .npmrc', async () => {
    const found = await lintFiles(circleRepo(circle('yarn npm publish'), undefined, { ...YARN, '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-4.6.0.cjs\n', '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' }));
    expect(brief(found)).toEqual(CIRCLE_ERRORS);
  });
});

describe('GitLab: a .yarnrc.yml npmAuthToken from an environment variable', () => {
  const GIT = { '.git/config': '[remote "origin"]\n\turl = https://gitlab.com/acme/widget.git\n' };
  const ci = (idTokens: boolean): string =>
    ['publish:', '  image: node:24', ...(idTokens ? ['  id_tokens:', '    NPM_ID_TOKEN:', '      aud: npm:registry.npmjs.org'] : []), '  script:', '    - yarn install', '    - yarn npm publish', ''].join('\n');
  const files = (idTokens: boolean, config?: string): Record<string, string> => ({ ...gitlabRepo(ci(idTokens), config), ...GIT, ...YARN, 'package.json': YARN['package.json'].replace('github:', 'gitlab:'), '.yarnrc.yml': yarnrc('${NPM_TOKEN}') });
  it('no id_tokens: warnings that name the .yarnrc.yml token', async () => {
    const found = await lintFiles(files(false));
    expect(brief(found)).toEqual(['gitlab-npm-id-token/noIdTokens warning', 'publish-tool-supports-oidc/tooOld warning']);
    expect(found.find((d) => d.ruleId === 'gitlab-npm-id-token')?.why).toContain(WHY);
  });
  it('control: a declared publisher keeps the errors', async () => {
    const declared = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
    expect(brief(await lintFiles(files(false, declared)))).toEqual(['gitlab-npm-id-token/noIdTokens error', 'publish-tool-supports-oidc/tooOld error']);
  });
  it('control: a job with an NPM_ID_TOKEN keeps the Yarn error', async () => {
    expect(brief(await lintFiles(files(true)))).toEqual(['publish-tool-supports-oidc/tooOld error']);
  });
});

describe('GitHub is unchanged: a secret reaches a step only through `env:`', () => {
  // No publisher declared (the inferred one), so only the fallback decides.
  const repo = (env: string[] = []): Record<string, string> => {
    const { 'tp-doctor.yml': _declared, ...files } = releaseRepo(releaseWorkflow('yarn npm publish', env));
    return { ...files, ...YARN, '.yarnrc.yml': yarnrc('${NPM_TOKEN}') };
  };
  it('the same .yarnrc.yml and yarn npm publish with no env: the error stays', async () => {
    expect(brief(await lintFiles(repo()))).toEqual(['publish-tool-supports-oidc/tooOld error']);
  });
  it('NPM_TOKEN from a secret in the step env: a warning, as before', async () => {
    const found = await lintFiles(repo(['        env:', '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}']));
    expect(brief(found)).toEqual(['publish-tool-supports-oidc/tooOld warning']);
    expect(found.find((d) => d.ruleId === 'publish-tool-supports-oidc')?.why).toContain('(`NPM_TOKEN` from secrets.NPM_TOKEN)');
  });
});
