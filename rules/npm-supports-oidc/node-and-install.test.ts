import { describe, expect, it } from 'vitest';
import { circleConfig, circleRepo, GITLAB_PKG, lintFiles } from '../../test/helpers.js';
import { firstNodeBundling } from './npm-fix.js';

/**
 * survey904a M2, W1, W2 and survey904b M1: the documented Node 22.14.0 minimum with an upgraded npm
 * (`nodeBelowDocumented`), the fix of an explicit install of too old an npm (`installedTooOld`), the
 * first Node that really bundles the npm a provider needs, and `env:` values in `npm@<spec>`.
 */
const PKG = JSON.stringify({ name: 'pkg-x', version: '1.0.0', repository: 'github:o/r' });
const workflow = (node: string, upgrade: string, publish = 'npm publish', env = ''): string =>
  `name: Release\non: workflow_dispatch\npermissions:\n  id-token: write\n${env}jobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: ${node}\n          package-manager-cache: false\n${upgrade}      - run: ${publish}\n`;

type Found = Awaited<ReturnType<typeof lintFiles>>;

async function github(yml: string): Promise<Found> {
  const found = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': yml }, {});
  return found.filter((d) => d.ruleId === 'npm-supports-oidc' || d.ruleId === 'npm-upgrade-compatible');
}

const ids = (found: Found): string[] => found.map((d) => `${d.ruleId}/${d.messageId}@${d.severity}`).sort();

const CIRCLE_PUBLISHER = [
  'publishers:',
  '  - provider: circleci',
  '    organizationId: 8b4e1c2a-1111-4a5b-9c3d-0123456789ab',
  '    projectId: 5f6a7b8c-2222-4d5e-8f90-abcdef012345',
  '    pipelineDefinitionId: 0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3',
  '    vcsOrigin: github.com/o/r',
  '',
].join('\n');

async function circle(image: string, upgrade: string | undefined): Promise<Found> {
  const command = [`export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`, ...(upgrade ? [upgrade] : []), 'npm publish'];
  const steps = ['- run:', '    name: publish', '    command: |', ...command.map((c) => `      ${c}`)];
  const found = await lintFiles(circleRepo(circleConfig(steps, image), CIRCLE_PUBLISHER), {});
  return found.filter((d) => d.ruleId === 'npm-supports-oidc');
}

async function gitlab(image: string, upgrade: string): Promise<Found> {
  const ci = `publish:\n  image: ${image}\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n  script:\n    - ${upgrade}\n    - npm publish\n`;
  const found = await lintFiles({ 'package.json': GITLAB_PKG, '.gitlab-ci.yml': ci }, {});
  return found.filter((d) => d.ruleId === 'npm-supports-oidc');
}

describe('npm-supports-oidc: Node below the documented 22.14.0 with an npm that has trusted publishing (survey904a M2)', () => {
  it('Node 22.13.0 with `npm install -g npm@11.6.2`: a warning naming both', async () => {
    const found = await github(workflow('22.13.0', '      - run: npm install -g npm@11.6.2\n'));
    expect(ids(found)).toEqual(['npm-supports-oidc/nodeBelowDocumented@warning']);
    expect(found[0]!.message).toBe('`npm publish` runs with npm 11.6.2 on Node 22.13.0 (setup-node `node-version: 22.13.0`); npm documents Node 22.14.0 or later for trusted publishing');
    expect(found[0]!.fix).toBe('Use Node 22.14.0 or later: set `node-version: 24`');
  });
  it('`npm stage publish` on Node 22.13.1 with npm 11.15.0: the same warning', async () => {
    expect(ids(await github(workflow('22.13.1', '      - run: npm install -g npm@11.15.0\n', 'npm stage publish')))).toEqual(['npm-supports-oidc/nodeBelowDocumented@warning']);
  });
  it('GitLab `image: node:22.13.0` with npm 11.6.2: the warning', async () => {
    const found = await gitlab('node:22.13.0', 'npm install -g npm@11.6.2');
    expect(ids(found)).toEqual(['npm-supports-oidc/nodeBelowDocumented@warning']);
    expect(found[0]!.fix).toBe('Use Node 22.14.0 or later: use the image `node:24`');
  });
  it('CircleCI `cimg/node:22.13` with npm 11.11.0: the warning', async () => {
    expect(ids(await circle('cimg/node:22.13', 'sudo npm install -g npm@11.11.0'))).toEqual(['npm-supports-oidc/nodeBelowDocumented@warning']);
  });
  it('controls: Node 22.14.0, 22 (newest 22.x) and 24 with the same upgrade, and GitLab/CircleCI on 22.14: quiet', async () => {
    for (const node of ['22.14.0', '22', '24']) {
      expect(ids(await github(workflow(node, '      - run: npm install -g npm@11.6.2\n'))), node).toEqual([]);
    }
    expect(ids(await gitlab('node:22.14.0', 'npm install -g npm@11.6.2'))).toEqual([]);
    expect(ids(await circle('cimg/node:22.14', 'sudo npm install -g npm@11.11.0'))).toEqual([]);
  });
  it('control: Node 22.13.0 without an upgrade keeps the bundledTooOld error alone (the npm is the problem there)', async () => {
    expect(ids(await github(workflow('22.13.0', '')))).toEqual(['npm-supports-oidc/bundledTooOld@error']);
  });
  it('control: an unknown Node with npm 11.6.2 installed: no warning about the Node', async () => {
    expect(ids(await github(workflow('${{ inputs.node }}', '      - run: npm install -g npm@11.6.2\n')))).toEqual([]);
  });
});

describe('npm-supports-oidc: the fix of an explicit install of too old an npm (survey904a W1)', () => {
  it('`npm install -g npm@11.4.0` on Node 24: change the install (or remove it), not "Use Node 24.5"', async () => {
    const found = await github(workflow('24', '      - run: npm install -g npm@11.4.0\n'));
    expect(ids(found)).toEqual(['npm-supports-oidc/installedTooOld@error']);
    expect(found[0]!.fix).toMatch(/^Change the upgrade to `npm install -g npm@\^11\.5\.1` before the publish \(npm 11 installs on Node 24\.\d+\.\d+\), or remove it: Node 24\.\d+\.\d+ \("24"\) bundles npm 11\./);
    expect(found[0]!.fix).not.toContain('Use Node');
  });
  it('CircleCI `cimg/node:24.15` with `sudo npm install -g npm@11.10.0`: change the install, no image going down to 24.14', async () => {
    const found = await circle('cimg/node:24.15', 'sudo npm install -g npm@11.10.0');
    expect(ids(found)).toEqual(['npm-supports-oidc/installedTooOld@error']);
    expect(found[0]!.fix).toBe('Change the upgrade to `sudo npm install -g npm@^11.11.0` before the publish (npm 11 installs on Node 24.15.0), or remove it: Node 24.15.0 ("24.15") bundles npm 11.12.1');
  });
  it('Node 22 with npm 11.4.0 installed: change the install; no removal (the bundled npm 10 is too old)', async () => {
    const found = await github(workflow('22', '      - run: npm install -g npm@11.4.0\n'));
    expect(found[0]!.fix).toMatch(/^Change the upgrade to `npm install -g npm@\^11\.5\.1` before the publish \(npm 11 installs on Node 22\.\d+\.\d+\)$/);
  });
  it('`npx npm@11.4.0 publish` on Node 24: change the pin', async () => {
    const found = await github(workflow('24', '', 'npx npm@11.4.0 publish'));
    expect(found[0]!.messageId).toBe('installedTooOld');
    expect(found[0]!.fix).toMatch(/^Pin `npx npm@\^11\.5\.1 publish` \(npm 11 installs on Node 24/);
  });
  it('control: the bundled npm decides (Node 22, no install): the Node change comes first, as before', async () => {
    const found = await github(workflow('22', ''));
    expect(found[0]!.messageId).toBe('bundledTooOld');
    expect(found[0]!.fix).toMatch(/^Use Node 24\.5 or later: set `node-version: 24`; or add `npm install -g npm@\^11\.5\.1` before the publish/);
  });
});

describe('npm-supports-oidc: the first Node that bundles the npm needed, from the release table (survey904a W2)', () => {
  it('11.11.0 (CircleCI): 24.14.1, since 24.14.0 bundles 11.6.2', () => {
    expect(firstNodeBundling('11.11.0')).toBe('24.14.1');
  });
  it('control: 11.5.1 is bundled from 24.5.0 on: `24.5`', () => {
    expect(firstNodeBundling('11.5.1')).toBe('24.5');
  });
  it('`cimg/node:22.14` with no upgrade: the image named is `cimg/node:24.14.1`', async () => {
    const found = await circle('cimg/node:22.14', undefined);
    expect(found[0]!.messageId).toBe('bundledTooOld');
    expect(found[0]!.fix).toMatch(/^Use Node 24\.14\.1 or later: use the image `cimg\/node:24\.14\.1`; or add `sudo npm install -g npm@\^11\.11\.0`/);
  });
});

describe('npm-supports-oidc: literal `env:` values in `npm install -g npm@…` (survey904b M1, KitsuneKode/kunai)', () => {
  const env = (npm: string): string => `env:\n  RELEASE_NODE_VERSION: "22.14.0"\n  RELEASE_NPM_VERSION: "${npm}"\n`;
  const node = '${{ env.RELEASE_NODE_VERSION }}';
  for (const upgrade of ['npm install -g npm@${{ env.RELEASE_NPM_VERSION }}', 'npm install -g "npm@${RELEASE_NPM_VERSION}"', 'npm install -g npm@$RELEASE_NPM_VERSION']) {
    it(`\`${upgrade}\` with npm 11.5.1 on Node 22.14.0: no finding`, async () => {
      expect(ids(await github(workflow(node, `      - run: ${upgrade}\n`, 'npm publish', env('11.5.1'))))).toEqual([]);
    });
    it(`\`${upgrade}\` with npm 11.4.0: installedTooOld, naming npm 11.4.0`, async () => {
      const found = await github(workflow(node, `      - run: ${upgrade}\n`, 'npm publish', env('11.4.0')));
      expect(ids(found)).toEqual(['npm-supports-oidc/installedTooOld@error']);
      expect(found[0]!.message).toContain('runs with npm 11.4.0');
    });
  }
  it('the engines check reads the value: npm 12.2.2 on Node 22.14.0 fails with EBADENGINE', async () => {
    expect(ids(await github(workflow(node, '      - run: npm install -g npm@${{ env.RELEASE_NPM_VERSION }}\n', 'npm publish', env('12.2.2'))))).toEqual(['npm-upgrade-compatible/engineMismatch@error']);
  });
  it('control: a value that is not literal (`${{ vars.NPM }}`) stays unknown', async () => {
    const yml = workflow(node, '      - run: npm install -g npm@${{ env.RELEASE_NPM_VERSION }}\n', 'npm publish', 'env:\n  RELEASE_NODE_VERSION: "22.14.0"\n  RELEASE_NPM_VERSION: ${{ vars.NPM }}\n');
    expect(ids(await github(yml))).toEqual(['npm-supports-oidc/unknownNpm@warning']);
  });
  it('control: a name the script sets first is not the `env:` value', async () => {
    const yml = workflow(node, '      - run: |\n          RELEASE_NPM_VERSION=$(cat .npm-version)\n          npm install -g npm@$RELEASE_NPM_VERSION\n', 'npm publish', env('11.5.1'));
    expect(ids(await github(yml))).toEqual(['npm-supports-oidc/unknownNpm@warning']);
  });
  it('control: a name an earlier step writes to $GITHUB_ENV is not the `env:` value', async () => {
    const yml = workflow(node, '      - run: echo "RELEASE_NPM_VERSION=$(cat .npm-version)" >> "$GITHUB_ENV"\n      - run: npm install -g npm@${{ env.RELEASE_NPM_VERSION }}\n', 'npm publish', env('11.5.1'));
    expect(ids(await github(yml))).toEqual(['npm-supports-oidc/unknownNpm@warning']);
  });
});
