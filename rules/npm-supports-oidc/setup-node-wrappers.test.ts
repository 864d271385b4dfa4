import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/**
 * Composite actions that run actions/setup-node with inputs of their own (`SETUP_NODE_WRAPPERS`,
 * src/model/data/node-actions.ts): `oxc-project/setup-node` passes `node-version-file:
 * .node-version` (oxc-project/oxc, rolldown), `sxzz/workflows/setup-js` passes its `node-version`
 * input, default `lts/*` (eslint-stylistic). Read like setup-node, they decide the Node at the
 * publish instead of leaving it unknown.
 */
const PKG = JSON.stringify({ name: '@acme/pkg', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/pkg.git' } });
const workflow = (job: string, steps: string): string =>
  `name: Release\non: workflow_dispatch\npermissions:\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n${job}    steps:\n${steps}      - run: npm publish\n`;

async function findings(files: Record<string, string>): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG, ...files }, { rule: 'npm-supports-oidc' });
  return found.map((d) => `${d.messageId}@${d.severity}${d.data?.['node'] === undefined ? '' : ` ${String(d.data['node'])}`}`);
}

const oxc = '      - uses: oxc-project/setup-node@fdbf0dfd334c4e6d56ceeb77d91c76339c2a0885 # v1.0.4\n';
const sxzz = (input = ''): string => `      - uses: sxzz/workflows/setup-js@v1\n${input === '' ? '' : `        with:\n          node-version: ${input}\n`}`;

describe('npm-supports-oidc: composite actions that run setup-node with inputs of their own', () => {
  it('oxc-project/setup-node reads `.node-version`: 24 is silent', async () => {
    expect(await findings({ '.node-version': '24.11.0\n', '.github/workflows/release.yml': workflow('', oxc) })).toEqual([]);
  });
  it('oxc-project/setup-node reads `.node-version`: 20 bundles npm 10, an error', async () => {
    expect(await findings({ '.node-version': '20.19.0\n', '.github/workflows/release.yml': workflow('', oxc) })).toEqual(['bundledTooOld@error Node 20.19.0']);
  });
  it('oxc-project/setup-node ignores a `node-version` input: the file decides', async () => {
    const steps = `${oxc}        with:\n          node-version: 24\n`;
    expect(await findings({ '.node-version': '20.19.0\n', '.github/workflows/release.yml': workflow('', steps) })).toEqual(['bundledTooOld@error Node 20.19.0']);
  });
  it('oxc-project/setup-node without `.node-version`: unknown, a warning', async () => {
    expect(await findings({ '.github/workflows/release.yml': workflow('', oxc) })).toEqual(['unknownNpm@warning']);
  });
  it('oxc-project/setup-node in a job container (skipped on Alpine): unknown, a warning', async () => {
    const files = { '.node-version': '24.11.0\n', '.github/workflows/release.yml': workflow('    container: node:20-alpine\n', oxc) };
    const found = await lintFiles({ 'package.json': PKG, ...files }, { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['unknownNpm@warning']);
    expect(found[0]?.message).toContain('in a container, where it skips actions/setup-node on Alpine images');
  });
  it('sxzz/workflows/setup-js without `node-version`: its default `lts/*`, silent', async () => {
    expect(await findings({ '.github/workflows/release.yml': workflow('', sxzz()) })).toEqual([]);
  });
  it('sxzz/workflows/setup-js with `node-version: 20`: npm 10, an error', async () => {
    expect(await findings({ '.github/workflows/release.yml': workflow('', sxzz('20')) })).toEqual(['bundledTooOld@error Node 20.20.2 ("20")']);
  });
  it('a later setup-node decides over the wrapper', async () => {
    const steps = `${sxzz('20')}      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n`;
    expect(await findings({ '.github/workflows/release.yml': workflow('', steps) })).toEqual([]);
  });
  it('the wrapper decides over an earlier setup-node', async () => {
    const steps = `      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n${sxzz('20')}`;
    expect(await findings({ '.github/workflows/release.yml': workflow('', steps) })).toEqual(['bundledTooOld@error Node 20.20.2 ("20")']);
  });
});
