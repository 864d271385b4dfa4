import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';
import type { NpmAtPublish } from '../npm/npm-version.js';
import { npmAtPublish } from './npm-upgrades.js';

/**
 * `jdx/mise-action` (data/mise.ts): the Node and npm at each publish of the only job, as
 * `Node <version>: npm <version> (<source>[ by "<upgrade>"])` or the reason it is unknown.
 */
const W = '.github/workflows/release.yml';
const job = (steps: string, env = ''): string => `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n${env}    steps:\n${steps}`;
const MISE = '      - uses: jdx/mise-action@v4\n';
const PUBLISH = '      - run: npm publish\n';
const PKG = JSON.stringify({ name: 'widget', version: '1.0.0' });
const setupNode = (v: string): string => `      - uses: actions/setup-node@v6\n        with:\n          node-version: ${v}\n`;

function show(a: NpmAtPublish): string {
  const npm = a.npm ? (a.npm.min === a.npm.max ? a.npm.min : `${a.npm.min}-${a.npm.max}`) : `unknown (${a.unknown})`;
  const up = a.upgrade ? ` by "${a.upgrade.upgrade.text}"` : '';
  const node = a.node.version ?? `unknown (${a.node.unknown})`;
  return `Node ${node}: npm ${npm} (${a.source}${up})${a.upgradeFails ? ' EBADENGINE' : ''}`;
}

function resolve(files: Record<string, string>): string[] {
  const project = loadProject(new MemoryFs({ 'package.json': PKG, ...files }));
  const j = project.workflows[0]!.jobs[0]!;
  return project.facts.jobSites(j).flatMap((site) => npmAtPublish(project, j, site.step, site.publish).map(show));
}

describe('jdx/mise-action: the npm mise pins', () => {
  const cases: [string, Record<string, string>, string[]][] = [
    // Survey 400c, finding 1: rover's config form with an older Node gave a false npm-supports-oidc error.
    ['`"npm:npm"` replaces the npm of Node 22.14.0', { 'mise.toml': '[tools]\nnode = "22.14.0"\n"npm:npm" = "11.6.2"\n', [W]: job(MISE + PUBLISH) }, ['Node 22.14.0: npm 11.6.2 (upgrade by ""npm:npm" = "11.6.2" in mise.toml")']],
    ['control: without the pin, the bundled npm', { 'mise.toml': '[tools]\nnode = "22.14.0"\n', [W]: job(MISE + PUBLISH) }, ['Node 22.14.0: npm 10.9.2 (bundled)']],
    ['the short `npm` form', { 'mise.toml': '[tools]\nnode = "22.14.0"\nnpm = "11.6.2"\n', [W]: job(MISE + PUBLISH) }, ['Node 22.14.0: npm 11.6.2 (upgrade by "npm = "11.6.2" in mise.toml")']],
    // The reverse: an old npm pinned next to Node 24 is what runs.
    ['an old npm pinned beside Node 24', { 'mise.toml': '[tools]\nnode = "24"\nnpm = "10.9.2"\n', [W]: job(MISE + PUBLISH) }, ['Node 24.23.0: npm 10.9.2 (upgrade by "npm = "10.9.2" in mise.toml")']],
    // npm 12 on Node 22.14: mise downloads it (or installs it with its own package manager), with no engine check.
    ['npm 12 on a Node its engines exclude: no EBADENGINE', { 'mise.toml': '[tools]\nnode = "22.14.0"\nnpm = "12.0.2"\n', [W]: job(MISE + PUBLISH) }, ['Node 22.14.0: npm 12.0.2 (upgrade by "npm = "12.0.2" in mise.toml")']],
    ['`latest` and a prefix resolve as mise matches them', { 'mise.toml': '[tools]\nnode = "20"\nnpm = "11"\n', [W]: job(MISE + PUBLISH) }, ['Node 20.20.2: npm 11.21.2 (upgrade by "npm = "11" in mise.toml")']],
    ['`.tool-versions` `npm` line', { '.tool-versions': 'nodejs 22.14.0\nnpm 11.6.2\n', [W]: job(MISE + PUBLISH) }, ['Node 22.14.0: npm 11.6.2 (upgrade by "npm 11.6.2 in .tool-versions")']],
    [
      'a range mise does not match: unknown, not the bundled npm',
      { 'mise.toml': '[tools]\nnode = "22.14.0"\nnpm = "^11.5.1"\n', [W]: job(MISE + PUBLISH) },
      ['Node 22.14.0: npm unknown (`jdx/mise-action` installs the npm mise is asked for, and "mise.toml" asks mise for npm "^11.5.1", which mise matches as a version prefix, not as a range, and which tp-doctor does not read) (upgrade by "mise.toml")'],
    ],
    // mise installs only npm: the Node is setup-node's, the npm mise's.
    ['npm only, after setup-node', { 'mise.toml': '[tools]\n"npm:npm" = "11.6.2"\n', [W]: job(setupNode('22.14.0') + MISE + PUBLISH) }, ['Node 22.14.0: npm 11.6.2 (upgrade by ""npm:npm" = "11.6.2" in mise.toml")']],
    ['control: setup-node after mise puts its own Node and npm first', { 'mise.toml': '[tools]\n"npm:npm" = "11.6.2"\n', [W]: job(MISE + setupNode('22.14.0') + PUBLISH) }, ['Node 22.14.0: npm 10.9.2 (bundled)']],
    [
      'an upgrade before mise does not reach its npm',
      { 'mise.toml': '[tools]\n"npm:npm" = "11.6.2"\n', [W]: job(`${setupNode('22.14.0')}      - run: npm install -g npm@10.9.3\n${MISE}${PUBLISH}`) },
      ['Node 22.14.0: npm 11.6.2 (upgrade by ""npm:npm" = "11.6.2" in mise.toml")'],
    ],
    [
      'an `npm install -g` after mise lands behind its npm: unknown',
      { 'mise.toml': '[tools]\nnode = "24"\nnpm = "11.6.2"\n', [W]: job(`${MISE}      - run: npm install -g npm@10.9.3\n${PUBLISH}`) },
      ['Node 24.23.0: npm unknown (mise puts the npm of `npm` in mise.toml first on PATH, and "npm install -g npm@10.9.3" installs another npm into the Node\'s own directory, behind it: tp-doctor does not tell which one runs) (upgrade by "npm install -g npm@10.9.3")'],
    ],
    ['control: without an npm pin, a later upgrade decides as before', { 'mise.toml': '[tools]\nnode = "24"\n', [W]: job(`${MISE}      - run: npm install -g npm@11.6.2\n${PUBLISH}`) }, ['Node 24.23.0: npm 11.6.2 (upgrade by "npm install -g npm@11.6.2")']],
    ['`MISE_NPM_VERSION` in the job env wins over the file', { 'mise.toml': '[tools]\nnode = "22.14.0"\nnpm = "10.9.2"\n', [W]: job(MISE + PUBLISH, '    env:\n      MISE_NPM_VERSION: 11.6.2\n') }, ['Node 22.14.0: npm 11.6.2 (upgrade by "MISE_NPM_VERSION=11.6.2")']],
  ];
  it.each(cases)('%s', (_name, files, expected) => {
    expect(resolve(files)).toEqual(expected);
  });
});

describe('jdx/mise-action: the Node forms it reads, or why not', () => {
  const cases: [string, Record<string, string>, string[]][] = [
    ['`[tools.node]` table', { 'mise.toml': '[tools.node]\nversion = "22.14.0"\n', '.tool-versions': 'nodejs 24.5.0\n', [W]: job(MISE + PUBLISH) }, ['Node 22.14.0: npm 10.9.2 (bundled)']],
    ['inline table', { 'mise.toml': '[tools]\nnode = { version = "22.14.0" }\n', [W]: job(MISE + PUBLISH) }, ['Node 22.14.0: npm 10.9.2 (bundled)']],
    ['a list: the first is the default', { 'mise.toml': '[tools]\nnode = ["22.14.0", "24"]\n', [W]: job(MISE + PUBLISH) }, ['Node 22.14.0: npm 10.9.2 (bundled)']],
    ['`.tool-versions` with two versions', { '.tool-versions': 'nodejs 22.14.0 24.5.0\n', [W]: job(MISE + PUBLISH) }, ['Node 22.14.0: npm 10.9.2 (bundled)']],
    ['`MISE_NODE_VERSION` in the step env wins over the file', { 'mise.toml': '[tools]\nnode = "24"\n', [W]: job(`${MISE}        env:\n          MISE_NODE_VERSION: 22.14.0\n${PUBLISH}`) }, ['Node 22.14.0: npm 10.9.2 (bundled)']],
    [
      '`MISE_NODE_VERSION` from a matrix',
      { 'mise.toml': '[tools]\nnode = "24"\n', [W]: job(`${MISE}${PUBLISH}`, '    strategy:\n      matrix:\n        node: [20, 22.14.0]\n    env:\n      MISE_NODE_VERSION: ${{ matrix.node }}\n') },
      ['Node 20.20.2: npm 10.8.2 (bundled)', 'Node 22.14.0: npm 10.9.2 (bundled)'],
    ],
    [
      '`MISE_NODE_VERSION` it cannot evaluate: unknown, not the file',
      { 'mise.toml': '[tools]\nnode = "24"\n', [W]: job(MISE + PUBLISH, '    env:\n      MISE_NODE_VERSION: ${{ vars.NODE }}\n') },
      ['Node unknown (`jdx/mise-action` installs the Node mise is asked for, and `MISE_NODE_VERSION` is "${{ vars.NODE }}", which tp-doctor cannot evaluate): npm unknown (`jdx/mise-action` installs the Node mise is asked for, and `MISE_NODE_VERSION` is "${{ vars.NODE }}", which tp-doctor cannot evaluate) (bundled)'],
    ],
    [
      'a form it does not read: unknown, not the lower `.tool-versions`',
      { 'mise.toml': '[tools]\nnode = "ref:v24.5.0"\n', '.tool-versions': 'nodejs 20\n', [W]: job(setupNode('24') + MISE + PUBLISH) },
      ['Node unknown (`jdx/mise-action` installs the Node mise is asked for, and "mise.toml" asks mise for node "ref:v24.5.0", which tp-doctor does not read as a version): npm unknown (`jdx/mise-action` installs the Node mise is asked for, and "mise.toml" asks mise for node "ref:v24.5.0", which tp-doctor does not read as a version) (bundled)'],
    ],
    ['`MISE_ENV` files', { 'mise.toml': '[tools]\nnode = "24"\n', 'mise.release.toml': '[tools]\nnode = "22.14.0"\n', [W]: job(MISE + PUBLISH, '    env:\n      MISE_ENV: release\n') }, ['Node 22.14.0: npm 10.9.2 (bundled)']],
    ['a working directory reads the files above it too', { 'mise.toml': '[tools]\nnode = "22.14.0"\n', 'web/mise.toml': '[tools]\npython = "3.12"\n', [W]: job(`${MISE}        with:\n          working_directory: web\n${PUBLISH}`) }, ['Node 22.14.0: npm 10.9.2 (bundled)']],
    ['control: no mise file names Node: earlier steps decide', { 'mise.toml': '[tools]\npython = "3.12"\n', [W]: job(setupNode('24.5.0') + MISE + PUBLISH) }, ['Node 24.5.0: npm 11.5.1 (bundled)']],
  ];
  it.each(cases)('%s', (_name, files, expected) => {
    expect(resolve(files)).toEqual(expected);
  });
});

describe('jdx/mise-action: inputs that keep its tools off PATH (review400 A3)', () => {
  const files = { 'mise.toml': '[tools]\nnode = "22.14.0"\n' };
  const withInputs = (inputs: string, publish = PUBLISH): Record<string, string> => ({ ...files, [W]: job(`${setupNode('24.5.0')}      - uses: jdx/mise-action@v3\n        with:\n${inputs}${publish}`) });
  const unknownCases: [string, string, string, RegExp][] = [
    ['no shims and no env: none of its tools on PATH', '          add_shims_to_path: false\n          env: false\n', PUBLISH, /^Node unknown \(`jdx\/mise-action` is given `add_shims_to_path: false` and `env` or `export_path` false, so it puts none of mise's tools on PATH/],
    ['no shims and no export_path', '          add_shims_to_path: False\n          export_path: "false"\n', PUBLISH, /so it puts none of mise's tools on PATH/],
    [
      'shims only, the publish in another directory',
      '          env: false\n',
      '      - run: npm publish\n        working-directory: web\n',
      /`add_shims_to_path: true` and `env` or `export_path` false, so mise's shims pick the tools of the directory each command runs in, and the publish does not run in "\."/,
    ],
    ['an input it cannot evaluate', '          add_shims_to_path: ${{ inputs.shims }}\n', PUBLISH, /is given `add_shims_to_path: \$\{\{ inputs\.shims \}\}`, which tp-doctor does not read as true or false/],
  ];
  it.each(unknownCases)('%s: unknown, neither mise\'s Node nor the earlier one', (_name, inputs, publish, reason) => {
    const got = resolve({ ...withInputs(inputs, publish), 'web/package.json': PKG });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(reason);
  });

  const known: [string, string, string][] = [
    ['control: no shims, but env and export_path on: the install paths', '          add_shims_to_path: false\n', 'Node 22.14.0: npm 10.9.2 (bundled)'],
    ['control: shims only, the publish in the same directory', '          env: false\n', 'Node 22.14.0: npm 10.9.2 (bundled)'],
    ['control: every input true as written', '          add_shims_to_path: "true"\n          env: TRUE\n          export_path: true\n', 'Node 22.14.0: npm 10.9.2 (bundled)'],
  ];
  it.each(known)('%s', (_name, inputs, expected) => {
    expect(resolve(withInputs(inputs))).toEqual([expected]);
  });
});
