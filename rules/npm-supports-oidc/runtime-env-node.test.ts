import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/**
 * survey1207b F1: `node-version: ${{ env.NODE_VERSION }}` where an earlier step writes
 * `NODE_VERSION` to `$GITHUB_ENV` (payloadcms/payload's `.github/actions/setup`, which reads it
 * from `.tool-versions`). GitHub puts a `$GITHUB_ENV` write into the `env` context of the job's
 * later steps, so that setup-node sets the Node the runner only knows at run time: never "no
 * version", and never the Node of an earlier setup-node step (docs/domain.md A.59).
 */
const PKG = JSON.stringify({ name: 'pkg-x', version: '1.0.0', repository: 'github:o/r' });
const HEAD = ['on:', '  push:', "    tags: ['v*']", 'permissions:', '  id-token: write', '  contents: read', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    steps:'];
const setupNode = (version: string): string[] => ['      - uses: actions/setup-node@v5', '        with:', `          node-version: ${version}`, '          package-manager-cache: false'];
const run = (text: string): string[] => [`      - run: ${text}`];

async function lint(steps: string[], extra: Record<string, string> = {}): Promise<string[]> {
  const yml = [...HEAD, ...steps, ''].join('\n');
  const found = await lintFiles({ 'package.json': PKG, '.nvmrc': '24\n', '.github/workflows/release.yml': yml, ...extra }, {});
  return found.filter((d) => d.ruleId === 'npm-supports-oidc').map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

const WRITE_FROM_FILE = run('echo "NODE_VERSION=$(cat .nvmrc)" >> "$GITHUB_ENV"');

describe('npm-supports-oidc on a setup-node version an earlier step writes to $GITHUB_ENV', () => {
  it('an earlier setup-node of another Node does not decide: unknown, never an error', async () => {
    const steps = [...setupNode('20'), ...run('npm ci && npm test'), ...WRITE_FROM_FILE, ...setupNode('${{ env.NODE_VERSION }}'), ...run('npm publish')];
    expect(await lint(steps)).toEqual([
      '21:14 warning Cannot tell which npm runs `npm publish` in job "publish": `node-version` is "${{ env.NODE_VERSION }}", and `env.NODE_VERSION` is set at run time by a `$GITHUB_ENV` write of an earlier step, which tp-doctor does not read',
    ]);
  });

  it('no earlier setup-node: the message says the step sets it at run time, not that no step sets one', async () => {
    const steps = [...WRITE_FROM_FILE, ...setupNode('${{ env.NODE_VERSION }}'), ...run('npm publish')];
    expect(await lint(steps)).toEqual([
      '16:14 warning Cannot tell which npm runs `npm publish` in job "publish": `node-version` is "${{ env.NODE_VERSION }}", and `env.NODE_VERSION` is set at run time by a `$GITHUB_ENV` write of an earlier step, which tp-doctor does not read',
    ]);
  });

  it('a literal value every run writes is that Node', async () => {
    const steps = [...setupNode('24'), ...run('echo "NODE_VERSION=20" >> "$GITHUB_ENV"'), ...setupNode('${{ env.NODE_VERSION }}'), ...run('npm publish')];
    expect(await lint(steps)).toEqual([
      '20:14 error `npm publish` runs with npm 10.8.2, bundled with Node 20.20.2 ("20") (`env.NODE_VERSION`, which an earlier step writes to `$GITHUB_ENV`); trusted publishing needs npm 11.5.1 or later',
    ]);
  });

  it('the step’s own `env:` entry wins over the write', async () => {
    const steps = [...WRITE_FROM_FILE, ...setupNode('${{ env.NODE_VERSION }}'), '        env:', "          NODE_VERSION: '24'", ...run('npm publish')];
    expect(await lint(steps)).toEqual([]);
  });

  it('a name no step writes stays what the workflow declares (a declared `env:` entry)', async () => {
    const yml = [...HEAD, ...setupNode('${{ env.CI_NODE }}'), ...run('npm publish'), ''].join('\n').replace('permissions:', "env:\n  CI_NODE: '20'\npermissions:");
    const found = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': yml }, {});
    expect(found.filter((d) => d.ruleId === 'npm-supports-oidc').map((d) => d.severity)).toEqual(['error']);
  });

  it('inside a local composite action: its own earlier write makes the Node unknown (payloadcms/payload)', async () => {
    const action = [
      'name: setup',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - shell: bash',
      "      run: echo \"NODE_VERSION=$(grep '^nodejs ' .tool-versions | awk '{print $2}')\" >> $GITHUB_ENV",
      '    - uses: actions/setup-node@v6',
      '      with:',
      '        node-version: ${{ env.NODE_VERSION }}',
      '',
    ].join('\n');
    const steps = [...setupNode('20'), ...run('npm test'), '      - uses: ./.github/actions/setup', ...run('npm publish')];
    expect(await lint(steps, { '.github/actions/setup/action.yml': action, '.tool-versions': 'nodejs 24.15.0\n' })).toEqual([
      '17:14 warning Cannot tell which npm runs `npm publish` in job "publish": `node-version` is "${{ env.NODE_VERSION }}", and `env.NODE_VERSION` is set at run time by a `$GITHUB_ENV` write of an earlier step, which tp-doctor does not read',
    ]);
  });
});
