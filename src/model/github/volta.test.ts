import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';
import type { NpmAtPublish } from '../npm/npm-version.js';
import { npmAtPublish } from './npm-upgrades.js';

/**
 * `volta-cli/action` (data/node-actions.ts): the Node and npm at each publish of the only job, as
 * `Node <version>: npm <version> (<source>[ by "<upgrade>"])` or the reason it is unknown.
 */
const W = '.github/workflows/release.yml';
const job = (steps: string): string => `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const VOLTA = '      - uses: volta-cli/action@v4\n';
const pkg = (volta?: Record<string, string>, extra: Record<string, unknown> = {}): string => JSON.stringify({ name: 'widget', version: '1.0.0', ...extra, ...(volta ? { volta } : {}) });

function show(a: NpmAtPublish): string {
  const npm = a.npm ? (a.npm.min === a.npm.max ? a.npm.min : `${a.npm.min}-${a.npm.max}`) : `unknown (${a.unknown})`;
  const up = a.upgrade ? ` by "${a.upgrade.upgrade.text}"` : '';
  const node = a.node.version ?? `unknown (${a.node.unknown})`;
  return `Node ${node}: npm ${npm} (${a.source}${up})${a.upgradeFails ? ' EBADENGINE' : ''}`;
}

function resolve(files: Record<string, string>): string[] {
  const project = loadProject(new MemoryFs(files));
  const j = project.workflows[0]!.jobs[0]!;
  return project.facts.jobSites(j).flatMap((site) => npmAtPublish(project, j, site.step, site.publish).map(show));
}

describe('volta-cli/action: Node and npm', () => {
  const cases: [string, Record<string, string>, string[]][] = [
    // keplergl/kepler.gl: `volta.node` 20.19.3, no `volta.npm`.
    ['no inputs: `volta.node` of the root package.json, its bundled npm', { 'package.json': pkg({ node: '20.19.3', yarn: '4.4.0' }), [W]: job(`${VOLTA}      - run: npm publish\n`) }, ['Node 20.19.3: npm 10.8.2 (bundled)']],
    // Control: the same Node through actions/setup-node gives the same npm.
    ['control: setup-node with the same version', { 'package.json': pkg(), [W]: job('      - uses: actions/setup-node@v5\n        with:\n          node-version: 20.19.3\n      - run: npm publish\n') }, ['Node 20.19.3: npm 10.8.2 (bundled)']],
    // mainmatter/ember-simple-auth: Node 24.13.0 bundles npm 11.6.x.
    ['`volta.node` 24.13.0', { 'package.json': pkg({ node: '24.13.0', pnpm: '10.34.3' }), [W]: job(`${VOLTA}      - run: npm publish\n`) }, ['Node 24.13.0: npm 11.6.2 (bundled)']],
    // matheusrezende/codeplot: `volta.npm` replaces the bundled npm.
    ['`volta.npm` 10.9.2 replaces the bundled npm', { 'package.json': pkg({ node: '22.17.0', npm: '10.9.2' }), [W]: job(`${VOLTA}      - run: npm publish\n`) }, ['Node 22.17.0: npm 10.9.2 (upgrade by "volta.npm 10.9.2 in package.json")']],
    ['`volta.npm` 11.6.0 on Node 20: no engine check', { 'package.json': pkg({ node: '20.19.3', npm: '11.6.0' }), [W]: job(`${VOLTA}      - run: npm publish\n`) }, ['Node 20.19.3: npm 11.6.0 (upgrade by "volta.npm 11.6.0 in package.json")']],
    [
      '`node-version` is pinned into the root package.json: it beats `volta.node`, `volta.npm` stays',
      { 'package.json': pkg({ node: '20.19.3', npm: '10.9.2' }), [W]: job(`${VOLTA}        with:\n          node-version: 24\n      - run: npm publish\n`) },
      ['Node 24.23.0: npm 10.9.2 (upgrade by "volta.npm 10.9.2 in package.json")'],
    ],
    [
      '`node-version` and `npm-version` are both pinned',
      { 'package.json': pkg({ node: '20.19.3', npm: '10.9.2' }), [W]: job(`${VOLTA}        with:\n          node-version: 24.13.0\n          npm-version: 11.6.2\n      - run: npm publish\n`) },
      ['Node 24.13.0: npm 11.6.2 (upgrade by "npm-version: 11.6.2 of volta-cli/action")'],
    ],
    [
      'control: `package-json-path` elsewhere leaves the root pin, which a command at the root runs',
      { 'package.json': pkg({ node: '20.19.3' }), 'web/package.json': pkg(), [W]: job(`${VOLTA}        with:\n          node-version: 24\n          package-json-path: web/package.json\n      - run: npm publish\n`) },
      ['Node 20.19.3: npm 10.8.2 (bundled)'],
    ],
    [
      'without a package.json, `node-version` is the default platform; `true` is the latest LTS',
      { [W]: job(`${VOLTA}        with:\n          node-version: 'true'\n          npm-version: bundled\n      - run: npm publish ./dist\n`) },
      ['Node 26.14.0: npm 11.20.0-11.21.2 (bundled)'],
    ],
    [
      'a matrix `node-version`',
      { 'package.json': pkg(), [W]: job(`${VOLTA}        with:\n          node-version: \${{ matrix.node }}\n      - run: npm publish\n`).replace('    steps:', '    strategy:\n      matrix:\n        node: [20, 24]\n    steps:') },
      ['Node 20.20.2: npm 10.8.2 (bundled)', 'Node 24.23.0: npm 11.19.0-11.21.2 (bundled)'],
    ],
    [
      'an input tp-doctor cannot evaluate: unknown',
      { 'package.json': pkg({ node: '24.13.0' }), [W]: job(`${VOLTA}        with:\n          node-version: \${{ vars.NODE }}\n      - run: npm publish\n`) },
      ['Node unknown (`volta-cli/action` is given `node-version: ${{ vars.NODE }}`, which tp-doctor cannot evaluate): npm unknown (`volta-cli/action` is given `node-version: ${{ vars.NODE }}`, which tp-doctor cannot evaluate) (bundled)'],
    ],
    [
      'no package.json and no inputs: the system Node, which an earlier setup-node decides',
      { [W]: job(`      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n${VOLTA}      - run: npm publish ./dist\n`) },
      ['Node 24.23.0: npm 11.19.0-11.21.2 (bundled)'],
    ],
    [
      'a package without `volta` under a root with it: Volta reads the nearest package.json only',
      {
        'package.json': pkg({ node: '24.13.0' }, { private: true, workspaces: ['packages/*'] }),
        'packages/a/package.json': pkg(),
        [W]: job(`      - uses: actions/setup-node@v5\n        with:\n          node-version: 20\n${VOLTA}      - run: cd packages/a && npm publish\n`),
      },
      ['Node 20.20.2: npm 10.8.2 (bundled)'],
    ],
    [
      'control: with `volta.extends` it takes the root pin (and in a `working-directory` too)',
      {
        'package.json': pkg({ node: '24.13.0' }, { private: true, workspaces: ['packages/*'] }),
        'packages/a/package.json': pkg({ extends: '../../package.json' }),
        [W]: job(`${VOLTA}      - run: cd packages/a && npm publish\n      - run: npm publish\n        working-directory: packages/a\n`),
      },
      ['Node 24.13.0: npm 11.6.2 (bundled)', 'Node 24.13.0: npm 11.6.2 (bundled)'],
    ],
    [
      // ember-simple-auth: `pnpm run --filter <pkg> release` starts at the root; pnpm runs the package's `npm publish` on the root's Node.
      'a script run from the root in a package without `volta`: the root platform that started it',
      {
        'package.json': pkg({ node: '24.13.0' }, { private: true }),
        'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
        'packages/a/package.json': pkg(undefined, { name: 'a', scripts: { release: 'npm publish' } }),
        [W]: job(`${VOLTA}      - run: pnpm run --filter a release\n`),
      },
      ['Node 24.13.0: npm 11.6.2 (bundled)'],
    ],
    ['a `volta` object without a Node: Volta stops, unknown', { 'package.json': pkg({ yarn: '4.4.0' }), [W]: job(`${VOLTA}      - run: npm publish\n`) }, [
      'Node unknown ("package.json" has a `volta` object that names no Node (nor does its `volta.extends` chain): Volta stops with an error): npm unknown ("package.json" has a `volta` object that names no Node (nor does its `volta.extends` chain): Volta stops with an error) (bundled)',
    ]],
    ['`volta.node` that is not an exact version: unknown', { 'package.json': pkg({ node: '20' }), [W]: job(`${VOLTA}      - run: npm publish\n`) }, [
      'Node unknown (`volta.node` in "package.json" is "20", not an exact version as Volta pins them): npm unknown (`volta.node` in "package.json" is "20", not an exact version as Volta pins them) (bundled)',
    ]],
    ['a missing `volta.extends` target: unknown', { 'package.json': pkg({ extends: './base.json' }), [W]: job(`${VOLTA}      - run: npm publish\n`) }, [
      'Node unknown ("base.json", which Volta reads for the project\'s tools, is not in the repository): npm unknown ("base.json", which Volta reads for the project\'s tools, is not in the repository) (bundled)',
    ]],
    ['`npm-version` without `node-version`: the step fails, unknown', { 'package.json': pkg({ node: '24.13.0' }), [W]: job(`${VOLTA}        with:\n          npm-version: 11\n      - run: npm publish\n`) }, [
      'Node unknown (`volta-cli/action` is given `npm-version: 11` without `node-version`, and Volta installs an npm only after a default Node: the step fails): npm unknown (`volta-cli/action` is given `npm-version: 11` without `node-version`, and Volta installs an npm only after a default Node: the step fails) (bundled)',
    ]],
    [
      'an npm upgrade before the Volta step changed the runner Node\'s npm, not Volta\'s',
      { 'package.json': pkg({ node: '20.19.3' }), [W]: job(`      - run: npm install -g npm@11.6.0\n${VOLTA}      - run: npm publish\n`) },
      ['Node 20.19.3: npm 10.8.2 (bundled)'],
    ],
    [
      'an npm upgrade after it, without a default Node: npm runs it, on the project\'s Node',
      { 'package.json': pkg({ node: '20.19.3' }), [W]: job(`${VOLTA}      - run: npm install -g npm@11.6.0\n      - run: npm publish\n`) },
      ['Node 20.19.3: npm 11.6.0 (upgrade by "npm install -g npm@11.6.0")'],
    ],
    [
      'with `node-version` Volta takes it as `volta install npm`, which a project platform does not see: unknown',
      { 'package.json': pkg({ node: '20.19.3' }), [W]: job(`${VOLTA}        with:\n          node-version: 20.19.3\n      - run: npm install -g npm@11.6.0\n      - run: npm publish\n`) },
      [
        'Node 20.19.3: npm unknown (Volta runs "npm install -g npm@11.6.0" as `volta install npm`, which changes its default npm, not that of the project "package.json", which keeps the npm Node 20.19.3 bundles) (upgrade by "npm install -g npm@11.6.0")',
      ],
    ],
    [
      'with `node-version` and no package.json it sets the default npm, without npm\'s engine check',
      { [W]: job(`${VOLTA}        with:\n          node-version: 20.19.3\n      - run: npm install -g npm@latest\n      - run: npm publish ./dist\n`) },
      ['Node 20.19.3: npm 12.2.2 (upgrade by "npm install -g npm@latest")'],
    ],
  ];
  for (const [name, files, want] of cases) it(name, () => expect(resolve(files)).toEqual(want));
});
