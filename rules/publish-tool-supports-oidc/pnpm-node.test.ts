/**
 * `nodeTooOld` for pnpm (survey800c M1): pnpm 11 needs Node >= 22.13 (docs/domain.md §0, Tools, read
 * in pnpm's changelog) and exits when it starts on an older Node. An error when the pnpm is
 * certainly 11 or later and the Node is known; a warning when either is a guess.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = { rule: 'publish-tool-supports-oidc' };
const pkg = (pm: string, host = 'github.com'): string =>
  JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: `git+https://${host}/acme/widget.git` }, packageManager: pm });

// Corepack runs pnpm on the job's Node; pnpm/action-setup may install the standalone pnpm itself (below).
const workflow = (node: string, command = 'pnpm publish --no-git-checks', setup = '      - run: corepack enable\n'): string =>
  [
    'on: push',
    'permissions:',
    '  id-token: write',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: actions/setup-node@v5',
    '        with:',
    `          node-version: ${node}`,
    `${setup}      - run: ${command}`,
    '',
  ].join('\n');

const summary = (found: { severity: string; messageId: string }[]): string[] => found.map((d) => `${d.severity} ${d.messageId}`);
const lint = (files: Record<string, string>) => lintFiles(files, RULE);

describe('publish-tool-supports-oidc nodeTooOld for pnpm 11', () => {
  it('p800c/pts-pnpm11-node20: pnpm@11.2.0 on Node 20 is an error at the publish', async () => {
    const found = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('20') });
    expect(summary(found)).toEqual(['error nodeTooOld']);
    expect(found[0]).toMatchObject({ file: '.github/workflows/release.yml', line: 13 });
    expect(found[0]!.message).toBe(
      '`pnpm publish` runs pnpm "11.2.0" (`packageManager` in package.json) on Node 20.20.2 ("20") (setup-node `node-version: 20`); pnpm 11 and later need Node >=22.13',
    );
    expect(found[0]!.why).toContain('pnpm 11 and later check the Node they run on when they start');
    expect(found[0]!.fix).toMatch(/^Run the job on Node 24: /);
  });

  it('Node 22.12 is refused too', async () => {
    const found = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('22.12') });
    expect(summary(found)).toEqual(['error nodeTooOld']);
  });

  it('pnpm/action-setup 6 (a range certainly 11, ^11.1.0) on Node 20: a warning, since the action may install the standalone pnpm with its own Node', async () => {
    // aptos-labs/aptos-ts-sdk: pnpm/action-setup v6 chooses the standalone pnpm on a Node older than 22.13.
    const found = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('20', 'pnpm publish --no-git-checks', '      - uses: pnpm/action-setup@v6\n        with:\n          version: ^11.1.0\n') });
    expect(summary(found)).toEqual(['warning nodeTooOld']);
    const plain = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('22.12', 'pnpm publish --no-git-checks', '      - uses: pnpm/action-setup@v6\n') });
    expect(summary(plain)).toEqual(['warning nodeTooOld']);
    // `standalone: false` does not stop v6 from choosing the standalone pnpm by itself.
    const off = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('22.12', 'pnpm publish --no-git-checks', '      - uses: pnpm/action-setup@v6.0.3\n        with:\n          standalone: false\n') });
    expect(summary(off)).toEqual(['warning nodeTooOld']);
  });

  // survey904a D2: `standalone` defaults to false (action.yml), and v4 never picks `@pnpm/exe` by itself (v5 was not read: a warning).
  it('p904a/pnpm-11-node-22-12: pnpm/action-setup@v4 without `standalone` runs pnpm 11 on the job\'s Node 22.12: an error, as on GitLab', async () => {
    const found = await lint({ 'package.json': pkg('pnpm@11.1.3'), '.github/workflows/release.yml': workflow('22.12.0', 'pnpm publish --no-git-checks', '      - uses: pnpm/action-setup@v4\n') });
    expect(summary(found)).toEqual(['error nodeTooOld']);
    const ranged = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('20', 'pnpm publish --no-git-checks', '      - uses: pnpm/action-setup@v4.1.0\n        with:\n          version: ^11.1.0\n') });
    expect(summary(ranged)).toEqual(['error nodeTooOld']);
    const off = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('20', 'pnpm publish --no-git-checks', '      - uses: pnpm/action-setup@v4\n        with:\n          standalone: false\n') });
    expect(summary(off)).toEqual(['error nodeTooOld']);
    const v5 = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('20', 'pnpm publish --no-git-checks', '      - uses: pnpm/action-setup@v5\n        with:\n          standalone: false\n') });
    expect(summary(v5)).toEqual(['warning nodeTooOld']);
  });

  it('pnpm/action-setup pinned by SHA: the `# v4.1.0` comment decides; without a comment a warning', async () => {
    const sha = 'a'.repeat(40);
    const commented = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('22.12', 'pnpm publish --no-git-checks', `      - uses: pnpm/action-setup@${sha} # v4.1.0\n`) });
    expect(summary(commented)).toEqual(['error nodeTooOld']);
    const bare = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('22.12', 'pnpm publish --no-git-checks', `      - uses: pnpm/action-setup@${sha}\n`) });
    expect(summary(bare)).toEqual(['warning nodeTooOld']);
    const branch = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('22.12', 'pnpm publish --no-git-checks', '      - uses: pnpm/action-setup@master\n') });
    expect(summary(branch)).toEqual(['warning nodeTooOld']);
  });

  it('pnpm stage publish (pnpm-stage row) on Node 20: an error', async () => {
    const found = await lint({ 'package.json': pkg('pnpm@11.3.0'), '.github/workflows/release.yml': workflow('20', 'pnpm stage publish --no-git-checks') });
    expect(summary(found).filter((s) => s.endsWith('nodeTooOld'))).toEqual(['error nodeTooOld']);
  });

  it('a `standalone` input tp-doctor cannot evaluate: a warning', async () => {
    const setup = '      - uses: pnpm/action-setup@v4\n        with:\n          standalone: ${{ vars.STANDALONE }}\n';
    const found = await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('20', 'pnpm publish --no-git-checks', setup) });
    expect(summary(found)).toEqual(['warning nodeTooOld']);
  });

  it('on GitLab (`image: node:20`) and CircleCI (`cimg/node:20.19`)', async () => {
    const gitlab = 'publish:\n  image: node:20\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - corepack enable\n    - pnpm publish --no-git-checks\n';
    const gl = await lint({ 'package.json': pkg('pnpm@11.2.0', 'gitlab.com'), '.gitlab-ci.yml': gitlab });
    expect(summary(gl)).toEqual(['error nodeTooOld']);
    expect(gl[0]!.fix).toBe('Run the job on Node 24: use the image `node:24`');
    const id = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';
    const circle = ['version: 2.1', 'workflows:', '  main:', '    jobs: [publish]', 'jobs:', '  publish:', '    docker: [{image: "cimg/node:20.19"}]', '    steps:', '      - checkout', `      - run: ${id} && pnpm publish --no-git-checks`, ''].join('\n');
    expect(summary(await lint({ 'package.json': pkg('pnpm@11.2.0'), '.circleci/config.yml': circle })).filter((s) => s.endsWith('nodeTooOld'))).toEqual(['error nodeTooOld']);
  });

  it.each(['22.13', '22', '24', 'lts/*'])('control: pnpm 11 on Node %s says nothing', async (node) => {
    expect(summary(await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow(node) }))).toEqual([]);
  });

  it('control: pnpm 10 on Node 20 gets nothing from this check', async () => {
    expect(summary(await lint({ 'package.json': pkg('pnpm@10.18.0'), '.github/workflows/release.yml': workflow('20') }))).toEqual([]);
  });

  it('control: pnpm/action-setup `standalone: true` runs its own Node', async () => {
    const setup = '      - uses: pnpm/action-setup@v4\n        with:\n          standalone: true\n';
    expect(summary(await lint({ 'package.json': pkg('pnpm@11.2.0'), '.github/workflows/release.yml': workflow('20', 'pnpm publish --no-git-checks', setup) }))).toEqual([]);
  });

  it('control: semantic-release 25 on Node 20 stays a warning (its Node requirement is only reported)', async () => {
    const files = { 'package.json': JSON.stringify({ name: 'w', version: '1.0.0', repository: { url: 'https://github.com/acme/w' }, devDependencies: { 'semantic-release': '25.0.2' } }), '.github/workflows/release.yml': workflow('20', 'npx semantic-release', '') };
    const found = await lint(files);
    expect(summary(found)).toEqual(['warning nodeTooOld']);
    expect(found[0]!.message).toContain('semantic-release 25 and later need Node ^22.14.0 || >=24.10.0');
  });
});
