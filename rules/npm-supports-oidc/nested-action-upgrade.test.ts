import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/**
 * An npm upgrade inside a local composite action that another local composite action uses (nested
 * actions): it counts when it runs before the publish, as the first action's own upgrades do; an
 * upgrade after the publishing step, or in a step whose `if:` never holds, does not.
 */
const PKG = JSON.stringify({ name: 'pkg-x', version: '1.0.0', repository: 'github:o/r' });
const workflow = (steps: string): string =>
  `name: Release\non: workflow_dispatch\npermissions:\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 20\n${steps}`;
const composite = (steps: string, inputs = ''): string => `name: x\n${inputs}runs:\n  using: composite\n  steps:\n${steps}`;
const UPGRADE = '    - run: npm install -g npm@11.6.0\n      shell: bash\n';
const PUBLISH = '    - run: npm publish\n      shell: bash\n';

async function findings(files: Record<string, string>): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG, ...files }, { rule: 'npm-supports-oidc' });
  return found.map((d) => `${d.messageId}@${d.severity}:${d.file}:${d.line}`);
}

const release = workflow('      - uses: ./.github/actions/release\n');

describe('npm-supports-oidc: npm upgrades in nested local composite actions', () => {
  it('an upgrade in the nested action before its own publish counts: no finding', async () => {
    const files = {
      '.github/actions/release/action.yml': composite('    - uses: ./.github/actions/publish\n'),
      '.github/actions/publish/action.yml': composite(UPGRADE + PUBLISH),
      '.github/workflows/release.yml': release,
    };
    expect(await findings(files)).toEqual([]);
  });
  it('an upgrade in a nested action an earlier step of the outer action uses counts: no finding', async () => {
    const files = {
      '.github/actions/release/action.yml': composite('    - uses: ./.github/actions/npm11\n' + PUBLISH),
      '.github/actions/npm11/action.yml': composite(UPGRADE),
      '.github/workflows/release.yml': release,
    };
    expect(await findings(files)).toEqual([]);
  });
  it('an upgrade in a nested action of an earlier workflow step counts: no finding', async () => {
    const files = {
      '.github/actions/setup/action.yml': composite('    - uses: ./.github/actions/npm11\n'),
      '.github/actions/npm11/action.yml': composite(UPGRADE),
      '.github/workflows/release.yml': workflow('      - uses: ./.github/actions/setup\n      - run: npm publish\n'),
    };
    expect(await findings(files)).toEqual([]);
  });
  it('an upgrade in the outer action after the nested publishing action does not count: the error stays', async () => {
    const files = {
      '.github/actions/release/action.yml': composite('    - uses: ./.github/actions/publish\n' + UPGRADE),
      '.github/actions/publish/action.yml': composite(PUBLISH),
      '.github/workflows/release.yml': release,
    };
    expect(await findings(files)).toEqual(['bundledTooOld@error:.github/actions/publish/action.yml:5']);
  });
  it('an upgrade after the publish in the nested action does not count: the error stays', async () => {
    const files = {
      '.github/actions/release/action.yml': composite('    - uses: ./.github/actions/publish\n'),
      '.github/actions/publish/action.yml': composite(PUBLISH + UPGRADE),
      '.github/workflows/release.yml': release,
    };
    expect(await findings(files)).toEqual(['bundledTooOld@error:.github/actions/publish/action.yml:5']);
  });
  it('an upgrade under an outer action step whose `if:` never holds with the inputs does not count', async () => {
    const inputs = 'inputs:\n  upgrade:\n    default: "false"\n';
    const files = {
      '.github/actions/release/action.yml': composite("    - uses: ./.github/actions/npm11\n      if: inputs.upgrade == 'true'\n" + PUBLISH, inputs),
      '.github/actions/npm11/action.yml': composite(UPGRADE),
      '.github/workflows/release.yml': release,
    };
    expect(await findings(files)).toEqual(['bundledTooOld@error:.github/actions/release/action.yml:10']);
  });
});
