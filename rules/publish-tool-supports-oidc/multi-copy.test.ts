import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';
import { MULTI_SEMANTIC_RELEASE_COPIES } from '../../src/model/data/multi-semantic-release.js';
import semver from 'semver';

/**
 * A multi-semantic-release whose release depends on a semantic-release of its own (survey700b
 * MISS-4): that copy runs, so a release that depends on semantic-release 21 cannot publish with
 * trusted publishing. A warning: the package manager's layout may still differ.
 */
const workflow = ['name: Release', 'on: push', 'permissions:', '  id-token: write', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v5', '      - uses: actions/setup-node@v5', '        with:', '          node-version: 24', '      - run: npm ci', '      - run: npx multi-semantic-release', ''].join('\n');
const repo = (devDependencies: Record<string, string>): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], repository: 'github:acme/mono', devDependencies }),
  'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0', repository: 'github:acme/mono' }),
  '.github/workflows/release.yml': workflow,
});

async function tooOld(devDependencies: Record<string, string>): Promise<string[]> {
  const found = await lintFiles(repo(devDependencies), { rule: 'publish-tool-supports-oidc' });
  return found.filter((d) => d.messageId === 'tooOld').map((d) => `${d.severity} ${String(d.data['version'])}`);
}

describe('publish-tool-supports-oidc: a multi-semantic-release with its own semantic-release', () => {
  it('@qiwi/multi-semantic-release 7 depends on semantic-release ^21: a warning', async () => {
    expect(await tooOld({ '@qiwi/multi-semantic-release': '^7.1.0' })).toEqual(['warning ^21.0.5']);
    const [d] = (await lintFiles(repo({ '@qiwi/multi-semantic-release': '^7.1.0' }), { rule: 'publish-tool-supports-oidc' })).filter((x) => x.messageId === 'tooOld');
    expect(d?.message).toBe('`multi-semantic-release` runs semantic-release "^21.0.5" (the dependency of @qiwi/multi-semantic-release "^7.1.0", `devDependencies` in package.json); trusted publishing needs semantic-release 25 or later');
  });
  it('multi-semantic-release 2.13 depends on semantic-release ^17: a warning, even beside the repository\'s semantic-release 25', async () => {
    expect(await tooOld({ 'multi-semantic-release': '2.13.0', 'semantic-release': '^25.0.0' })).toEqual(['warning ^17.3.0']);
  });
  it('controls: multi-semantic-release 3.1 (semantic-release >=19.0.5), @anolilab (a peer), an unknown release', async () => {
    expect(await tooOld({ 'multi-semantic-release': '^3.1.0', 'semantic-release': '^25.0.0' })).toEqual([]);
    expect(await tooOld({ '@anolilab/multi-semantic-release': '^1.0.0', 'semantic-release': '^25.0.0' })).toEqual([]);
    expect(await tooOld({ '@qiwi/multi-semantic-release': '^6.0.0', 'semantic-release': '^25.0.0' })).toEqual([]);
  });
});

describe('MULTI_SEMANTIC_RELEASE_COPIES', () => {
  it('each row is a valid range of releases and of semantic-release, and the ranges of a package do not overlap', () => {
    for (const rows of Object.values(MULTI_SEMANTIC_RELEASE_COPIES)) {
      for (const row of rows) {
        expect(semver.validRange(row.versions), row.versions).not.toBeNull();
        expect(semver.validRange(row.semanticRelease), row.semanticRelease).not.toBeNull();
      }
      for (let i = 1; i < rows.length; i++) expect(semver.intersects(rows[i - 1]!.versions, rows[i]!.versions)).toBe(false);
    }
  });
});
