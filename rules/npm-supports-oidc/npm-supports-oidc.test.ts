import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { brief, lintFiles, publisherConfig } from '../../test/helpers.js';

const RULE = 'npm-supports-oidc';
const W = '.github/workflows/release.yml';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });

/**
 * A release workflow whose `publish` job sets Node with `setup` (YAML lines under `with:` of
 * actions/setup-node, or '' for no setup-node step) and then runs `steps`. Line numbers: the
 * setup-node step is on line 11, its first `with` line on 13; the first of `steps` follows it.
 */
function workflow(setup: string, steps: string, jobExtra = ''): string {
  const setupStep = setup === '' ? '' : `      - uses: actions/setup-node@v5\n        with:\n${setup}`;
  return `name: Release
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
${jobExtra}    permissions:
      id-token: write
    steps:
${setupStep}${steps}`;
}

function repo(wf: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'package.json': PKG, 'tp-doctor.yml': publisherConfig({}), [W]: wf, ...extra };
}

const node = (v: string): string => `          node-version: ${v}\n`;

interface Case {
  name: string;
  files: Record<string, string>;
  want: string[];
  data?: Record<string, string | number>;
  /** Related-location labels of the first diagnostic. */
  related?: string[];
}

const cases: Case[] = [
  {
    name: 'Node 20 without an upgrade: npm 10.8.2',
    files: repo(workflow(node('20'), '      - run: npm publish\n')),
    want: ['bundledTooOld@14:14-14:25'],
    data: { command: 'npm publish', npm: '10.8.2', node: 'Node 20.20.2 ("20")', from: 'setup-node `node-version: 20`', required: '11.5.1' },
    related: ['Node version: setup-node `node-version: 20`'],
  },
  {
    name: 'Node 24.4 still bundles npm 11.4.2',
    files: repo(workflow(node('24.4'), '      - run: npm publish --provenance\n')),
    want: ['bundledTooOld@14:14-14:38'],
    data: { npm: '11.4.2', node: 'Node 24.4.1 ("24.4")' },
  },
  {
    name: 'Node 24.5.0 is enough',
    files: repo(workflow(node('24.5.0'), '      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'node-version: 24 is enough',
    files: repo(workflow(node('24'), '      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'lts/* is Node 26 on the table date',
    files: repo(workflow(node('lts/*'), '      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'lts/jod is Node 22',
    files: repo(workflow(node('lts/jod'), '      - run: npm publish\n')),
    want: ['bundledTooOld@14:14-14:25'],
    data: { node: 'Node 22.23.3 ("lts/jod")', npm: '10.9.9' },
  },
  {
    name: '.nvmrc with 14 through node-version-file',
    files: repo(workflow('          node-version-file: .nvmrc\n', '      - run: npm publish\n'), { '.nvmrc': '14\n' }),
    want: ['bundledTooOld@14:14-14:25'],
    data: { npm: '6.14.18', from: '.nvmrc' },
    related: ['Node version: .nvmrc', 'Node version: setup-node `node-version-file: .nvmrc`'],
  },
  {
    name: 'package.json engines.node through node-version-file',
    files: repo(workflow('          node-version-file: package.json\n', '      - run: npm publish\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', engines: { node: '^20.19.0' } }),
    }),
    want: ['bundledTooOld@14:14-14:25'],
    data: { node: 'Node 20.20.2 ("^20.19.0")', from: 'package.json `engines.node`' },
  },
  {
    name: 'container node:22-alpine',
    files: repo(workflow('', '      - run: npm publish\n', '    container: node:22-alpine\n')),
    want: ['bundledTooOld@12:14-12:25'],
    data: { from: 'container image "node:22-alpine"' },
  },
  {
    name: 'matrix [20, 24]: one diagnostic, for Node 20',
    files: repo(workflow(node('${{ matrix.node }}'), '      - run: npm publish\n', '    strategy:\n      matrix:\n        node: [20, 24]\n')),
    want: ['bundledTooOld@17:14-17:25'],
    data: { node: 'Node 20.20.2 ("20")', from: 'matrix value "20", matrix node=20' },
  },
  {
    name: 'matrix [20, 24] where only 24 publishes',
    files: repo(
      workflow(node('${{ matrix.node }}'), '      - if: matrix.node == 24\n        run: npm publish\n', '    strategy:\n      matrix:\n        node: [20, 24]\n'),
    ),
    want: [],
  },
  {
    name: 'matrix [20, 22] where both fail: one diagnostic per value',
    files: repo(workflow(node('${{ matrix.node }}'), '      - run: npm publish\n', '    strategy:\n      matrix:\n        node: [20, 22]\n')),
    want: ['bundledTooOld@17:14-17:25', 'bundledTooOld@17:14-17:25'],
  },
  {
    name: 'an upgrade compatible with Node 22 fixes it',
    files: repo(workflow(node('22'), '      - run: npm install -g npm@^11.5.1\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'npm@latest failing with EBADENGINE is left to npm-upgrade-compatible',
    files: repo(workflow(node('22.15.0'), '      - run: npm install -g npm@latest\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'an upgrade to npm 10',
    files: repo(workflow(node('24'), '      - run: npm i -g npm@10\n      - run: npm publish\n')),
    want: ['installedTooOld@15:14-15:25'],
    data: { npm: '10.9.9', how: 'installed by', upgrade: 'npm i -g npm@10' },
    related: ['Node version: setup-node `node-version: 24`', 'npm installed here: "npm i -g npm@10"'],
  },
  {
    name: 'npx npm@11.4.2 publish pins an npm without trusted publishing',
    files: repo(workflow(node('24'), '      - run: npx -y npm@11.4.2 publish\n')),
    want: ['installedTooOld@14:14-14:39'],
    data: { npm: '11.4.2', how: 'pinned in', upgrade: 'npx -y npm@11.4.2 publish' },
  },
  {
    name: 'npm stage publish needs 11.15.0: Node 24.15.0 bundles 11.12.1',
    files: repo(workflow(node('24.15.0'), '      - run: npm stage publish\n')),
    want: ['bundledTooOld@14:14-14:31'],
    data: { command: 'npm stage publish', npm: '11.12.1', required: '11.15.0' },
  },
  {
    name: 'npm stage publish on Node 24.16: the table only knows a range',
    files: repo(workflow(node('24.16.0'), '      - run: npm stage publish\n')),
    want: ['unknownNpm@14:14-14:31'],
    data: { reason: 'Node 24.16.0, setup-node `node-version: 24.16.0` bundles an npm between 11.12.1 and 11.16.0, and tp-doctor does not know which' },
  },
  {
    name: 'no setup-node and no container: unknown',
    files: repo(workflow('', '      - run: npm publish\n')),
    want: ['unknownNpm@11:14-11:25'],
    data: { job: 'publish' },
  },
  {
    name: 'no setup-node, but npm upgraded to a known version',
    files: repo(workflow('', '      - run: npm install -g npm@11\n      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'changeset publish in an npm repository runs npm publish',
    files: repo(workflow(node('22'), '      - run: npx changeset publish\n')),
    want: ['bundledTooOld@14:14-14:35'],
    data: { command: 'changeset publish (runs npm publish)' },
  },
  {
    name: 'changeset publish with pnpm 10 goes through npm',
    files: repo(workflow(node('20'), '      - run: pnpm changeset publish\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', packageManager: 'pnpm@10.33.0' }),
    }),
    want: ['bundledTooOld@14:14-14:36'],
    data: { command: 'changeset publish (pnpm 10 runs npm publish)' },
  },
  {
    name: 'pnpm 11 publishes by itself',
    files: repo(workflow(node('20'), '      - run: pnpm publish -r\n'), {
      'package.json': JSON.stringify({ name: 'widget', repository: 'github:acme/widget', packageManager: 'pnpm@11.9.0' }),
    }),
    want: [],
  },
  {
    name: 'lerna and semantic-release bring their own publishing code',
    files: repo(workflow(node('20'), '      - run: npx lerna publish from-package\n      - run: npx semantic-release\n')),
    want: [],
  },
  {
    name: 'two publishes in one job: one diagnostic',
    files: repo(workflow(node('20'), '      - run: |\n          npm publish -w a\n          npm publish -w b\n')),
    want: ['bundledTooOld@15:11-15:27'],
  },
  {
    name: 'a publish to GitHub Packages (setup-node registry-url) needs no OIDC',
    files: repo(workflow(`${node('20')}          registry-url: https://npm.pkg.github.com\n`, '      - run: npm publish\n')),
    want: [],
  },
  {
    name: 'a publish with --registry to another host needs no OIDC; to npmjs it does',
    files: repo(workflow(node('20'), '      - run: npm publish --registry https://npm.example.com\n      - run: npm publish --registry=https://registry.npmjs.org/\n')),
    want: ['bundledTooOld@15:14-15:64'],
  },
  {
    name: 'a dry run is not a publish',
    files: repo(workflow(node('20'), '      - run: npm publish --dry-run\n')),
    want: [],
  },
];

describe(RULE, () => {
  for (const c of cases) {
    it(c.name, async () => {
      const diagnostics = await lintFiles(c.files, { rule: RULE });
      expect(diagnostics.map(brief)).toEqual(c.want);
      if (c.data) expect(diagnostics[0]?.data).toMatchObject(c.data);
      if (c.related) expect(diagnostics[0]?.related.map((r) => r.label)).toEqual(c.related);
    });
  }

  it('renders the full message, the consequence and both fixes', async () => {
    const [d] = (await lintFiles(repo(workflow(node('22.15.0'), '      - run: npm publish\n')), { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('error');
    expect(d.message).toBe(
      '`npm publish` runs with npm 10.9.2, bundled with Node 22.15.0 (setup-node `node-version: 22.15.0`); trusted publishing needs npm 11.5.1 or later',
    );
    expect(d.why).toBe(
      "npm before 11.5.1 cannot exchange the job's OIDC token for a publish token: the publish falls back to whatever token is configured and fails with ENEEDAUTH, or with E404 when an old token is still set (often after provenance was already signed)",
    );
    expect(d.fix).toBe(
      'Use Node 24.5 or later: set `node-version: 24`; or add `npm install -g npm@^11.5.1` before the publish (npm 11 installs on Node 22.15.0; `npm@latest` (npm 12) does not, it requires "^22.22.2 || ^24.15.0 || >=26.0.0")',
    );
    expect(d.related[0]).toMatchObject({ file: W, start: { line: 13, column: 11 } });
  });

  it('says no npm upgrade helps on Node 18, and where to change the version', async () => {
    const [d] = (await lintFiles(repo(workflow('          node-version-file: .nvmrc\n', '      - run: npm publish\n'), { '.nvmrc': 'v18\n' }), { rule: RULE })) as [Diagnostic];
    expect(d.fix).toBe('Use Node 24.5 or later: set .nvmrc to `24` (no npm with trusted publishing installs on Node 18.20.8: npm 11 requires "^20.17.0 || >=22.9.0")');
  });

  it('warns (not errors) when the Node is unknown', async () => {
    const [d] = (await lintFiles(repo(workflow('', '      - run: npm publish\n')), { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('warning');
    expect(d.message).toBe(
      'Cannot tell which npm runs `npm publish` in job "publish": no `actions/setup-node` step sets a Node version before it and the job has no `node:` container, so it gets whatever Node the runner image ships',
    );
  });

  it('follows the severity configured in tp-doctor.yml', async () => {
    const files = repo(workflow(node('20'), '      - run: npm publish\n'), { 'tp-doctor.yml': `${publisherConfig({})}rules:\n  ${RULE}: warning\n` });
    const [d] = (await lintFiles(files, { rule: RULE })) as [Diagnostic];
    expect(d.severity).toBe('warning');
  });
});
