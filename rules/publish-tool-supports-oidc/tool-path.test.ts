/**
 * Where the semantic-release that runs is written outside the root's package.json (audit908a P5):
 * a bin run by its path from another directory's install (vercel/nft: `pnpm --dir publish install
 * && ./publish/node_modules/.bin/semantic-release`), read against that directory's package.json and
 * lockfile; and a version pinned by a runner's `--package` written before its subcommand
 * (`pnpm --package=semantic-release@25 dlx semantic-release`, svelte-testing-library).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'publish-tool-supports-oidc';
const workflow = (run: string): string =>
  ['name: release', 'on: push', 'permissions:', '  contents: write', '  id-token: write', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v5', '      - uses: actions/setup-node@v5', '        with:', '          node-version: 24', `      - run: ${run}`, '        env:', '          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}', ''].join('\n');
const root = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: 'github:acme/widget' });
const files = (run: string, extra: Record<string, string> = {}): Record<string, string> => ({ 'package.json': root, '.github/workflows/release.yml': workflow(run), ...extra });
const found = async (f: Record<string, string>): Promise<string[]> =>
  (await lintFiles(f, { rule: RULE })).map((d) => `${d.severity} ${d.messageId}${d.data['version'] === undefined ? '' : ` ${String(d.data['version'])} (${String(d.data['source'])})`}`);

describe(`${RULE}: a bin run by its path from another directory's install`, () => {
  const nft = 'pnpm --dir publish install --ignore-workspace && ./publish/node_modules/.bin/semantic-release';
  const publishDir = (range: string): Record<string, string> => ({ 'publish/package.json': JSON.stringify({ private: true, dependencies: { 'semantic-release': range } }) });
  it('publish/package.json pins semantic-release 25.0.3: nothing to report', async () => {
    expect(await found(files(nft, publishDir('25.0.3')))).toEqual([]);
    expect(await found(files('publish/node_modules/.bin/semantic-release', publishDir('^25.0.0')))).toEqual([]);
  });
  it('its lockfile decides over the range', async () => {
    const lock = ['lockfileVersion: \'9.0\'', 'importers:', '  .:', '    dependencies:', '      semantic-release:', '        specifier: ^24.0.0', '        version: 24.2.3', ''].join('\n');
    expect(await found(files(nft, { ...publishDir('^24.0.0'), 'publish/pnpm-lock.yaml': lock }))).toEqual(['error tooOld 24.2.3 (publish/pnpm-lock.yaml)']);
  });
  it('control: an old version there is still reported; without that directory, today\'s unknown', async () => {
    expect(await found(files(nft, publishDir('24.2.0')))).toEqual(['error tooOld 24.2.0 (`dependencies` in publish/package.json)']);
    expect(await found(files(nft))).toEqual(['warning unknown']);
  });
});

describe(`${RULE}: a runner's --package before its subcommand`, () => {
  it('`pnpm --package=semantic-release@25 dlx semantic-release` (both spellings): nothing to report', async () => {
    expect(await found(files('pnpm --package="semantic-release@25" dlx semantic-release'))).toEqual([]);
    expect(await found(files('pnpm --package semantic-release@25 dlx semantic-release'))).toEqual([]);
  });
  it('control: an old pinned version is reported; the forms after the subcommand read as before', async () => {
    expect(await found(files('pnpm --package=semantic-release@24 dlx semantic-release'))).toEqual(['error tooOld 24 ("pnpm --package=semantic-release@24 dlx semantic-release")']);
    expect(await found(files('pnpm dlx --package=semantic-release@25 semantic-release'))).toEqual([]);
    expect(await found(files('pnpm dlx --package=semantic-release@24 semantic-release'))).toEqual(['error tooOld 24 ("pnpm dlx --package=semantic-release@24 semantic-release")']);
    expect(await found(files('npx -p semantic-release@24 semantic-release'))).toEqual(['error tooOld 24 ("npx -p semantic-release@24 semantic-release")']);
  });
});

describe(`${RULE}: a multi-semantic-release pinned by a runner`, () => {
  it('its pin is its own version, never read as semantic-release\'s (svelte-testing-library: `--package=@anolilab/multi-semantic-release@3`)', async () => {
    // Before: "runs semantic-release "3"", an error. Now today's unknown (which plugin publishes is not read), or,
    // for `pnpm dlx` written together, the latest release dlx installs.
    const run = 'pnpm --package=@anolilab/multi-semantic-release@3 --package=semantic-release@25 dlx multi-semantic-release';
    expect(await found(files(run))).toEqual(['warning unknown']);
    expect(await found(files('pnpm dlx --package=@anolilab/multi-semantic-release@3 multi-semantic-release'))).toEqual([]);
  });
});
