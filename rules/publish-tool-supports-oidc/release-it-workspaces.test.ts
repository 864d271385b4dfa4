/**
 * publish-tool-supports-oidc: one `npm run release --workspaces` that runs release-it in every
 * workspace package (redis/node-redis, survey917a): the packages whose configuration leaves the npm
 * pre-checks on are one finding naming their files, not one identical finding per package.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'publish-tool-supports-oidc';
const workflow = ['name: Release', 'on: workflow_dispatch', 'permissions:', '  id-token: write', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v5', '      - uses: actions/setup-node@v5', '        with:', '          node-version: 24', '      - run: npm ci', '      - run: npm run release -- --ci', ''].join('\n');
const CHECKS_ON = '{\n  "npm": { "publish": true }\n}\n';
const CHECKS_OFF = '{\n  "npm": { "skipChecks": true }\n}\n';

function repo(configs: Record<string, string>): Record<string, string> {
  const files: Record<string, string> = {
    '.github/workflows/release.yml': workflow,
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: Object.keys(configs).map((p) => `packages/${p}`), scripts: { release: 'npm run release --workspaces --if-present --' }, repository: 'github:acme/mono' }),
  };
  for (const [name, config] of Object.entries(configs)) {
    files[`packages/${name}/package.json`] = JSON.stringify({ name: `@acme/${name}`, version: '1.0.0', scripts: { release: 'release-it' }, devDependencies: { 'release-it': '^19.0.0' } });
    files[`packages/${name}/.release-it.json`] = config;
  }
  return files;
}

describe(`${RULE}: release-it run in several workspace packages`, () => {
  it('five packages with the checks on: one finding naming three files and how many more, each file related', async () => {
    const found = await lintFiles(repo({ a: CHECKS_ON, b: CHECKS_ON, c: CHECKS_ON, d: CHECKS_ON, e: CHECKS_ON }), { rule: RULE });
    expect(found.map((d) => `${d.messageId} ${d.line}`)).toEqual(['releaseItChecks 14']);
    const [d] = found;
    expect(d?.message).toBe('`release-it` runs release-it with its npm pre-checks on (the release-it configurations of 5 packages do not set `npm.skipChecks`: packages/a/.release-it.json, packages/b/.release-it.json, packages/c/.release-it.json and 2 more); trusted publishing needs `npm.skipChecks: true`');
    expect(d?.fix).toContain('in each of packages/a/.release-it.json, packages/b/.release-it.json, packages/c/.release-it.json and 2 more');
    expect(d?.related?.map((r) => r.file)).toEqual(['packages/a/.release-it.json', 'packages/b/.release-it.json', 'packages/c/.release-it.json', 'packages/d/.release-it.json', 'packages/e/.release-it.json']);
  });

  it('two packages with the checks on and one with them off: the two, named', async () => {
    const found = await lintFiles(repo({ a: CHECKS_ON, b: CHECKS_OFF, c: CHECKS_ON }), { rule: RULE });
    expect(found.map((d) => d.data.where)).toEqual(['the release-it configurations of 2 packages do not set `npm.skipChecks`: packages/a/.release-it.json and packages/c/.release-it.json']);
  });

  it('one package with the checks on: the finding as for a single package', async () => {
    const found = await lintFiles(repo({ a: CHECKS_OFF, b: CHECKS_ON }), { rule: RULE });
    expect(found.map((d) => d.data.where)).toEqual(['packages/b/.release-it.json does not set `npm.skipChecks`']);
  });
});
