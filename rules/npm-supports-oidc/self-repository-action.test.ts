import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/**
 * `uses: $/path` names an action of the workflow's own repository like `./path` (DOMAIN §0,
 * GitHub 2026-07): its npm upgrade and its setup-node count the same (survey700c s4, s2).
 */
const PKG = JSON.stringify({ name: 'pkg-x', version: '1.0.0', repository: 'github:o/r' });
const workflow = (steps: string): string =>
  `name: Release\non: workflow_dispatch\npermissions:\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n${steps}`;
const composite = (steps: string): string => `name: x\nruns:\n  using: composite\n  steps:\n${steps}`;

async function findings(files: Record<string, string>): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG, ...files }, { rule: 'npm-supports-oidc' });
  return found.map((d) => `${d.messageId}@${d.severity}`);
}

describe('npm-supports-oidc: a composite action named with $/ (the workflow\'s own repository)', () => {
  const upgrade = composite('    - run: npm install -g npm@11.6.0\n      shell: bash\n');
  const node20 = '      - uses: actions/setup-node@v5\n        with:\n          node-version: 20\n';
  for (const prefix of ['$/', './']) {
    it(`its npm upgrade before the publish counts (${prefix}): no finding`, async () => {
      const files = { '.github/actions/upgrade-npm/action.yml': upgrade, '.github/workflows/release.yml': workflow(`${node20}      - uses: ${prefix}.github/actions/upgrade-npm\n      - run: npm publish\n`) };
      expect(await findings(files)).toEqual([]);
    });
    it(`its setup-node before its own publish counts (${prefix}): Node 20's npm 10 is an error`, async () => {
      const pub = composite('    - uses: actions/setup-node@v5\n      with:\n        node-version: 20\n    - run: npm publish --provenance\n      shell: bash\n');
      const files = { '.github/actions/pub/action.yml': pub, '.github/workflows/release.yml': workflow(`      - uses: ${prefix}.github/actions/pub\n`) };
      expect(await findings(files)).toEqual(['bundledTooOld@error']);
    });
  }
  it('control: without the upgrade action, Node 20\'s npm 10 is an error', async () => {
    expect(await findings({ '.github/workflows/release.yml': workflow(`${node20}      - run: npm publish\n`) })).toEqual(['bundledTooOld@error']);
  });
});
