import { describe, expect, it } from 'vitest';
import semver from 'semver';
import { NODE_RELEASES } from '../data/node-releases.js';
import { MemoryFs } from '../../fs/source.js';
import type { Location } from '../../yaml/span.js';
import { expandMatrix } from '../github/matrix.js';
import { loadProject } from '../project.js';
import { parseYaml } from '../../yaml/parse.js';
import {
  bundledNpm,
  bundledText,
  NPM_OPEN_MAX,
  parseNodeImage,
  readNodeVersionFile,
  nodeResolution,
  resolveNodeSpec,
  type NodeResolution,
} from './node-version.js';
import { wholeLineFarFromEnd } from './node-line-end.js';
import { resolveStepNode } from '../github/setup-node.js';
import { evaluateCondition } from '../github/expressions.js';

describe('resolveNodeSpec', () => {
  const cases: [string, string][] = [
    ['24', '24.23.0'],
    ['24.x', '24.23.0'],
    ['v24', '24.23.0'],
    ['24.4', '24.4.1'],
    ['^24.5', '24.23.0'],
    ['>=22', '26.14.0'],
    ['^20.19.0 || ^22.13.0 || >=24.11.0', '26.14.0'],
    ['22.15.0', '22.15.0'],
    ['v20.1.0', '20.1.0'],
    ['20.19.5', '20.19.5'],
    ['lts/*', '26.14.0'],
    ['lts/-1', '24.23.0'],
    ['lts/iron', '20.20.2'],
    ['lts/Krypton', '24.23.0'],
    ['lts/jod', '22.23.3'],
    ['node', '26.14.0'],
    ['latest', '26.14.0'],
    ['current', '26.14.0'],
  ];
  for (const [spec, version] of cases) {
    it(`"${spec}" → ${version}`, () => expect(resolveNodeSpec(spec)).toEqual({ spec, version }));
  }
  // Lines the table lists in part or not at all: the first release of that minor (its npm is bounded).
  for (const [spec, version] of [['16.17', '16.17.0'], ['14.20', '14.20.0'], ['19.3', '19.3.0'], ['21', '21.0.0']] as const) {
    it(`"${spec}" → ${version}`, () => expect(resolveNodeSpec(spec)).toEqual({ spec, version }));
  }
  for (const spec of ['lts/argon', 'banana', '30', '', 'lts/-9', '3.1']) {
    it(`"${spec}" is unknown`, () => expect(resolveNodeSpec(spec)).toHaveProperty('unknown'));
  }
});

describe('bundledNpm', () => {
  const cases: [string, { min: string; max: string } | undefined][] = [
    ['24.4.1', { min: '11.4.2', max: '11.4.2' }],
    ['24.5.0', { min: '11.5.1', max: '11.5.1' }],
    ['24.4.9', { min: '11.4.2', max: '11.4.2' }],
    ['20.19.5', { min: '10.8.2', max: '10.8.2' }],
    ['24.14.0', { min: '11.6.2', max: '11.11.0' }],
    // A major the table does not list: Node 21.5.0 bundled npm 10.2.4, between Node 20's lowest and 22's highest.
    ['21.5.0', { min: '9.6.4', max: '10.9.9' }],
    ['27.0.0', { min: '11.20.0', max: NPM_OPEN_MAX }],
    ['6.17.1', undefined],
    // Node 16 is listed only in part: 16.18.1 bundles npm 8.19.2, somewhere between the rows'.
    ['16.18.1', { min: '8.1.0', max: '8.19.4' }],
    ['16.13.0', { min: '8.1.0', max: '8.1.0' }],
    ['16.20.2', { min: '8.19.4', max: '8.19.4' }],
    ['14.20.1', { min: '6.14.8', max: '6.14.18' }],
    // Node 8 and 10 have one row each (their first release): a later release bundles at least that
    // row's npm, never exactly it, and at most the newest npm whose engines accept it (10.24.1
    // bundled npm 6.14.12; npm 8 requires Node 12.13, so npm 7 at most; npm 7 requires Node 10).
    ['10.0.0', { min: '5.6.0', max: '5.6.0' }],
    ['10.24.1', { min: '5.6.0', max: '7.24.2' }],
    ['10.16.0', { min: '5.6.0', max: '7.24.2' }],
    ['8.17.0', { min: '5.0.0', max: '6.14.18' }],
  ];
  for (const [version, npm] of cases) it(`Node ${version}`, () => expect(bundledNpm(version)).toEqual(npm));
});

describe('bundledText', () => {
  const cases: [string, string][] = [
    ['20.19.5', '10.8.2'],
    ['16.18.1', '8.1.0–8.19.4'],
    ['10.24.1', '5.6.0–7.24.2'],
    ['8.17.0', '5.0.0–6.14.18'],
    ['27.0.0', '11.20.0 or later'],
  ];
  for (const [version, text] of cases) it(`Node ${version}: npm ${text}`, () => expect(bundledText(bundledNpm(version)!)).toBe(text));
});

describe('parseNodeImage', () => {
  const cases: [string, string | undefined][] = [
    ['node:24-alpine', '24'],
    ['node:24.5.0-bookworm-slim', '24.5.0'],
    ['node:22.15', '22.15'],
    ['node:lts', 'lts/*'],
    ['node:lts-alpine', 'lts/*'],
    ['node:iron-slim', 'lts/iron'],
    ['node:current-alpine', 'latest'],
    ['node:alpine', 'latest'],
    ['node', 'latest'],
    ['docker.io/library/node:22', '22'],
    ['node:20@sha256:0123abcd', '20'],
    ['ubuntu:24.04', undefined],
    ['cimg/node:22.1', undefined],
    ['mynode:24', undefined],
    // survey500c M1: Docker Hub's image behind a mirror or GitLab's Dependency Proxy (data/image-mirrors.ts).
    ['mirror.gcr.io/library/node:20', '20'],
    ['mirror.gcr.io/node:20', '20'],
    ['public.ecr.aws/docker/library/node:20', '20'],
    ['registry.hub.docker.com/library/node:20-alpine', '20'],
    ['${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:20', '20'],
    ['$CI_DEPENDENCY_PROXY_DIRECT_GROUP_IMAGE_PREFIX/node:lts', 'lts/*'],
    ['gitlab.com:443/acme/dependency_proxy/containers/node:20', '20'],
    ['gitlab.example.com/acme/sub/dependency_proxy/containers/library/node:22', '22'],
    // Controls: a registry tp-doctor does not know may hold anything under that name.
    ['registry.example.com/node:20', undefined],
    ['ghcr.io/nodejs/node:20', undefined],
    ['public.ecr.aws/acme/node:20', undefined],
    ['mirror.gcr.io/cimg/node:24.15', undefined],
    ['/dependency_proxy/containers/node:20', undefined],
  ];
  for (const [image, spec] of cases) it(`"${image}"`, () => expect(parseNodeImage(image)).toBe(spec));
});

describe('readNodeVersionFile', () => {
  const at = (r: ReturnType<typeof readNodeVersionFile>): string => {
    if ('unknown' in r) return `unknown: ${r.unknown}`;
    const span = 'start' in r.at ? (r.at as Location) : { ...r.at.span, file: r.at.file };
    return `${r.spec} @${span.file}:${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column} (${r.label})`;
  };
  const cases: [string, Record<string, string>, string, string][] = [
    ['.nvmrc with a major', { '.nvmrc': '14\n' }, '.nvmrc', '14 @.nvmrc:1:1-1:3 (.nvmrc)'],
    ['.nvmrc with v and CRLF', { '.nvmrc': 'v24.5.0\r\n' }, '.nvmrc', '24.5.0 @.nvmrc:1:2-1:8 (.nvmrc)'],
    ['.nvmrc alias', { '.nvmrc': 'lts/*\n' }, '.nvmrc', 'lts/* @.nvmrc:1:1-1:6 (.nvmrc)'],
    ['.node-version', { '.node-version': '22\n' }, '.node-version', '22 @.node-version:1:1-1:3 (.node-version)'],
    [
      '.tool-versions nodejs line',
      { '.tool-versions': 'pnpm 10.0.0\nnodejs 20.14.0\n' },
      '.tool-versions',
      '20.14.0 @.tool-versions:2:8-2:15 (.tool-versions)',
    ],
    ['mise.toml', { 'mise.toml': '[tools]\nnode = "24"\n' }, 'mise.toml', '24 @mise.toml:2:9-2:11 (mise.toml)'],
    [
      'package.json volta wins over engines',
      { 'package.json': '{\n  "engines": { "node": ">=18" },\n  "volta": { "node": "22.22.1" }\n}\n' },
      'package.json',
      '22.22.1 @package.json:3:22-3:31 (package.json `volta.node`)',
    ],
    [
      'package.json devEngines.runtime',
      { 'package.json': '{\n  "devEngines": { "runtime": [{ "name": "bun" }, { "name": "node", "version": "^24.5.0" }] },\n  "engines": { "node": ">=18" }\n}\n' },
      'package.json',
      '^24.5.0 @package.json:2:79-2:88 (package.json `devEngines.runtime`)',
    ],
    [
      'package.json engines.node',
      { 'packages/a/package.json': '{ "engines": { "node": ">=20" } }' },
      'packages/a/package.json',
      '>=20 @packages/a/package.json:1:24-1:30 (packages/a/package.json `engines.node`)',
    ],
    [
      'package.json volta.extends',
      { 'packages/a/package.json': '{ "volta": { "extends": "../../package.json" } }', 'package.json': '{ "volta": { "node": "24.1.0" } }' },
      'packages/a/package.json',
      '24.1.0 @package.json:1:22-1:30 (package.json `volta.node`)',
    ],
    ['missing file', {}, '.nvmrc', 'unknown: its `node-version-file` ".nvmrc" is not in the repository'],
    ['package.json without a version', { 'package.json': '{ "name": "x" }' }, 'package.json', 'unknown: "package.json" names no Node version (`volta.node`, `devEngines.runtime` or `engines.node`)'],
  ];
  for (const [name, files, file, want] of cases) {
    it(name, () => expect(at(readNodeVersionFile(new MemoryFs(files), file))).toBe(want));
  }
});

describe('evaluateCondition', () => {
  const matrix = parseYaml('m.yml', 'node: [20, 24]\nos: [ubuntu-latest]\n').root;
  const [c20, c24] = expandMatrix(matrix).combinations!;
  const cases: [string | undefined, boolean | undefined, boolean | undefined][] = [
    [undefined, true, true],
    ['matrix.node == 24', false, true],
    ["${{ matrix.node == '24' }}", false, true],
    ['matrix.node != 24', true, false],
    ["matrix.os == 'Ubuntu-Latest' && matrix.node == 20", true, false],
    ["matrix.node == 20 || matrix.node == 24", true, true],
    ["github.ref == 'refs/heads/main' && matrix.node == 24", false, undefined],
    ["github.ref == 'refs/heads/main'", undefined, undefined],
    ['success() && (matrix.node == 24)', false, undefined],
    ["github.event_name == 'push' &&\nmatrix.node == 24 &&\n!contains(github.event.head_commit.message, '[skip-release]')", false, undefined],
    ["(matrix.node == 20 || matrix.node == 24) && contains(github.ref, 'a && b')", undefined, undefined],
    ['matrix.missing', false, false],
  ];
  for (const [cond, on20, on24] of cases) {
    it(`${cond ?? '(none)'}`, () => {
      expect(evaluateCondition(cond, c20)).toBe(on20);
      expect(evaluateCondition(cond, c24)).toBe(on24);
    });
  }

  it('reads a composite action\'s inputs as its caller gives them', () => {
    const inputs = (name: string): string | undefined => ({ cache: 'false', node: '24' })[name];
    expect(evaluateCondition("${{ inputs.cache == 'true' }}", undefined, inputs)).toBe(false);
    expect(evaluateCondition("inputs.cache != 'true'", undefined, inputs)).toBe(true);
    expect(evaluateCondition('inputs.node == 24 && matrix.node == 24', c24, inputs)).toBe(true);
    // A bare input is truthy by its type, an unknown input by nothing tp-doctor sees.
    expect(evaluateCondition('inputs.cache', undefined, inputs)).toBeUndefined();
    expect(evaluateCondition("inputs.missing == 'true'", undefined, inputs)).toBeUndefined();
    expect(evaluateCondition("inputs.cache == 'true'", undefined)).toBeUndefined();
  });
});

/** lerna/lerna's install-node-and-dependencies action, cut down. */
const LERNA_ACTION = `name: setup
inputs:
  node-version:
    required: false
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v5
      with:
        node-version-file: \${{ inputs.node-version == '' && 'package.json' || '' }}
        node-version: \${{ inputs.node-version }}
`;

describe('resolveStepNode', () => {
  const workflow = (job: string): string => `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n${job}`;
  /** Resolves the Node at the last step of the only job. */
  function resolve(files: Record<string, string>): string[] {
    const project = loadProject(new MemoryFs(files));
    const job = project.workflows[0]!.jobs[0]!;
    return resolveStepNode(project, job, job.steps.at(-1)!).map(show);
  }
  function show(r: NodeResolution): string {
    const origins = r.origins.map((o) => {
      const span = 'start' in o.at ? (o.at as Location) : { file: o.at.file, ...o.at.span };
      return `${o.label}@${span.file}:${span.start.line}:${span.start.column}`;
    });
    const npm = r.npm ? ` npm ${r.npm.min === r.npm.max ? r.npm.min : `${r.npm.min}-${r.npm.max}`}` : '';
    const matrix = r.matrix ? ` [${r.matrix}]` : '';
    return `${r.version ?? `unknown (${r.unknown})`}${npm}${matrix} <- ${origins.join(' <- ')}`;
  }
  const W = '.github/workflows/release.yml';

  const cases: [string, Record<string, string>, string[]][] = [
    [
      'setup-node node-version',
      { [W]: workflow('    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 20\n      - run: npm publish\n') },
      [`20.20.2 npm 10.8.2 <- setup-node \`node-version: 20\`@${W}:8:25`],
    ],
    [
      'the last setup-node before the step wins',
      {
        [W]: workflow(
          '    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 20\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 24.4\n      - run: npm publish\n',
        ),
      },
      [`24.4.1 npm 11.4.2 <- setup-node \`node-version: 24.4\`@${W}:11:25`],
    ],
    [
      'node-version wins over node-version-file',
      {
        '.nvmrc': '14\n',
        [W]: workflow('    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version-file: .nvmrc\n          node-version: 24\n      - run: npm publish\n'),
      },
      [`24.23.0 npm 11.19.0-11.21.2 <- setup-node \`node-version: 24\`@${W}:9:25`],
    ],
    [
      'node-version-file',
      { '.nvmrc': '14\n', [W]: workflow('    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version-file: .nvmrc\n      - run: npm publish\n') },
      [`14.21.3 npm 6.14.18 <- .nvmrc@.nvmrc:1:1 <- setup-node \`node-version-file: .nvmrc\`@${W}:8:30`],
    ],
    [
      'matrix: one result per value',
      {
        [W]: workflow(
          '    strategy:\n      matrix:\n        node: [20, 24]\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: ${{ matrix.node }}\n      - run: npm publish\n',
        ),
      },
      [
        `20.20.2 npm 10.8.2 [node=20] <- matrix value "20"@${W}:7:16 <- setup-node \`node-version: \${{ matrix.node }}\`@${W}:11:25`,
        `24.23.0 npm 11.19.0-11.21.2 [node=24] <- matrix value "24"@${W}:7:20 <- setup-node \`node-version: \${{ matrix.node }}\`@${W}:11:25`,
      ],
    ],
    [
      'matrix: a step `if:` keeps only the value that publishes',
      {
        [W]: workflow(
          '    strategy:\n      matrix:\n        node: [20, 24]\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: ${{ matrix.node }}\n      - if: matrix.node == 24\n        run: npm publish\n',
        ),
      },
      [`24.23.0 npm 11.19.0-11.21.2 [node=24] <- matrix value "24"@${W}:7:20 <- setup-node \`node-version: \${{ matrix.node }}\`@${W}:11:25`],
    ],
    [
      'env and a fallback literal',
      {
        [W]: `env:\n  NODE_VERSION: 22.15.0\n${workflow("    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: ${{ env.NODE_VERSION || '24' }}\n      - run: npm publish\n")}`,
      },
      [`22.15.0 npm 10.9.2 <- \`env.NODE_VERSION\`@${W}:2:17 <- setup-node \`node-version: \${{ env.NODE_VERSION || '24' }}\`@${W}:10:25`],
    ],
    [
      'a matrix reference without a matrix falls back to the literal',
      { [W]: workflow("    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: ${{ matrix.node || '24' }}\n      - run: npm publish\n") },
      [`24.23.0 npm 11.19.0-11.21.2 <- setup-node \`node-version: \${{ matrix.node || '24' }}\`@${W}:8:25`],
    ],
    [
      'a matrix that cannot be expanded makes a matrix reference unknown',
      {
        [W]: workflow(
          "    strategy:\n      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: ${{ matrix.node || '24' }}\n      - run: npm publish\n",
        ),
      },
      [`unknown (\`node-version\` is "\${{ matrix.node || '24' }}" and the job's matrix cannot be expanded) <- setup-node \`node-version: \${{ matrix.node || '24' }}\`@${W}:10:25`],
    ],
    [
      'a step output read from .nvmrc',
      {
        '.nvmrc': '14\n',
        [W]: workflow(
          '    steps:\n      - id: nvm\n        run: echo "NVMRC=$(cat .nvmrc)" >> $GITHUB_OUTPUT\n      - uses: actions/setup-node@v3\n        with:\n          node-version: \'${{steps.nvm.outputs.NVMRC}}\'\n      - run: npm publish\n',
        ),
      },
      [`14.21.3 npm 6.14.18 <- .nvmrc@.nvmrc:1:1 <- setup-node \`node-version: \${{steps.nvm.outputs.NVMRC}}\`@${W}:10:25`],
    ],
    [
      'an input in a push-only workflow: empty on a push run (src/model/github/entry-inputs.ts), so the runner image\'s Node',
      { [W]: workflow('    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: ${{ inputs.node }}\n      - run: npm publish\n') },
      ['unknown (on a `push` run `inputs.node` is empty, and then no `actions/setup-node` step sets a Node version before it and the job has no `node:` container, so it gets whatever Node the runner image ships) <- '],
    ],
    [
      'a local composite action with setup-node and an input default',
      {
        '.github/actions/setup/action.yml':
          "name: setup\ninputs:\n  node-version:\n    default: '22'\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v5\n      with:\n        node-version: ${{ inputs.node-version }}\n",
        [W]: workflow('    steps:\n      - uses: ./.github/actions/setup\n      - run: npm publish\n'),
      },
      [
        `22.23.3 npm 10.9.9 <- input \`node-version\`@.github/actions/setup/action.yml:4:14 <- setup-node \`node-version: \${{ inputs.node-version }}\`@.github/actions/setup/action.yml:10:23 <- local action "./.github/actions/setup"@${W}:6:15`,
      ],
    ],
    [
      // aws-amplify/amplify-js: the repository checked out under `path:`, its action used from there.
      'a local composite action under a checkout path',
      {
        '.github/actions/setup/action.yml': 'name: setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v5\n      with:\n        node-version: 24\n',
        [W]: workflow('    steps:\n      - uses: actions/checkout@v5\n        with:\n          path: src-repo\n      - uses: ./src-repo/.github/actions/setup\n      - run: npm publish\n'),
      },
      [`24.23.0 npm 11.19.0-11.21.2 <- setup-node \`node-version: 24\`@.github/actions/setup/action.yml:7:23 <- local action "./src-repo/.github/actions/setup"@${W}:9:15`],
    ],
    [
      'a local composite action given the version by its caller',
      {
        '.github/actions/setup/action.yml':
          "name: setup\ninputs:\n  node-version:\n    default: '22'\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v5\n      with:\n        node-version: ${{ inputs.node-version }}\n",
        [W]: workflow('    steps:\n      - uses: ./.github/actions/setup\n        with:\n          node-version: 24.15.0\n      - run: npm publish\n'),
      },
      [
        `24.15.0 npm 11.12.1 <- input \`node-version\`@${W}:8:25 <- setup-node \`node-version: \${{ inputs.node-version }}\`@.github/actions/setup/action.yml:10:23 <- local action "./.github/actions/setup"@${W}:6:15`,
      ],
    ],
    [
      // lerna/lerna: `node-version-file` chosen by an expression over an input the caller does not give ('').
      'a local composite action choosing node-version-file with `a && b || c`: no input given',
      {
        'package.json': '{ "name": "x", "volta": { "node": "22.15.0" } }',
        '.github/actions/setup/action.yml': LERNA_ACTION,
        [W]: workflow('    steps:\n      - uses: ./.github/actions/setup\n      - run: npm publish\n'),
      },
      [
        `22.15.0 npm 10.9.2 <- package.json \`volta.node\`@package.json:1:35 <- setup-node \`node-version-file: \${{ inputs.node-version == '' && 'package.json' || '' }}\`@.github/actions/setup/action.yml:10:28 <- local action "./.github/actions/setup"@${W}:6:15`,
      ],
    ],
    [
      'a local composite action choosing node-version-file with `a && b || c`: the caller gives the version',
      {
        'package.json': '{ "name": "x", "volta": { "node": "22.15.0" } }',
        '.github/actions/setup/action.yml': LERNA_ACTION,
        [W]: workflow('    steps:\n      - uses: ./.github/actions/setup\n        with:\n          node-version: 24.15.0\n      - run: npm publish\n'),
      },
      [
        `24.15.0 npm 11.12.1 <- input \`node-version\`@${W}:8:25 <- setup-node \`node-version: \${{ inputs.node-version }}\`@.github/actions/setup/action.yml:11:23 <- local action "./.github/actions/setup"@${W}:6:15`,
      ],
    ],
    [
      'a local composite action choosing node-version-file with `a && b || c`: the caller passes `github.event.inputs.node`, empty on a push run, so the file',
      {
        'package.json': '{ "name": "x", "volta": { "node": "22.15.0" } }',
        '.github/actions/setup/action.yml': LERNA_ACTION,
        [W]: workflow('    steps:\n      - uses: ./.github/actions/setup\n        with:\n          node-version: ${{ github.event.inputs.node }}\n      - run: npm publish\n'),
      },
      [
        `22.15.0 npm 10.9.2 <- package.json \`volta.node\`@package.json:1:35 <- setup-node \`node-version-file: \${{ inputs.node-version == '' && 'package.json' || '' }}\`@.github/actions/setup/action.yml:10:28 <- local action "./.github/actions/setup"@${W}:6:15`,
      ],
    ],
    [
      'a container image with an expression inside it',
      { [W]: workflow('    strategy:\n      matrix:\n        node: [22]\n    container: node:${{ matrix.node }}-alpine\n    steps:\n      - run: npm publish\n') },
      [`22.23.3 npm 10.9.9 [node=22] <- matrix value "22"@${W}:7:16 <- container image "node:\${{ matrix.node }}-alpine"@${W}:8:16`],
    ],
    [
      'pnpm/setup `runtime: node@<version>`',
      { [W]: workflow('    steps:\n      - uses: pnpm/setup@v2\n        with:\n          runtime: node@22.12.0\n      - run: npm publish\n') },
      [`22.12.0 npm 10.9.0 <- pnpm/setup \`runtime: node@22.12.0\`@${W}:8:20`],
    ],
    [
      'pnpm/setup `runtime: node@lts` is lts/*, an LTS codename is its line',
      { [W]: workflow('    steps:\n      - uses: pnpm/setup@v2\n        with:\n          runtime: node@jod\n      - uses: pnpm/setup@v2\n        with:\n          runtime: node@lts\n      - run: npm publish\n') },
      [`26.14.0 npm 11.20.0-11.21.2 <- pnpm/setup \`runtime: node@lts\`@${W}:11:20`],
    ],
    [
      'pnpm/setup `runtime: node@<codename>`',
      { [W]: workflow('    steps:\n      - uses: pnpm/setup@v2\n        with:\n          runtime: node@Jod\n      - run: npm publish\n') },
      [`22.23.3 npm 10.9.9 <- pnpm/setup \`runtime: node@Jod\`@${W}:8:20`],
    ],
    [
      'pnpm/setup with the version from the matrix',
      {
        [W]: workflow(
          '    strategy:\n      matrix:\n        node: [20, 24]\n    steps:\n      - uses: pnpm/setup@v2\n        with:\n          runtime: node@${{ matrix.node }}\n      - run: npm publish\n',
        ),
      },
      [
        `20.20.2 npm 10.8.2 [node=20] <- matrix value "20"@${W}:7:16 <- pnpm/setup \`runtime: node@\${{ matrix.node }}\`@${W}:11:20`,
        `24.23.0 npm 11.19.0-11.21.2 [node=24] <- matrix value "24"@${W}:7:20 <- pnpm/setup \`runtime: node@\${{ matrix.node }}\`@${W}:11:20`,
      ],
    ],
    [
      'pnpm/setup `runtime: node`: the version of devEngines.runtime named node',
      {
        'package.json': '{ "name": "x", "devEngines": { "runtime": [{ "name": "bun", "version": "1" }, { "name": "node", "version": "^22.0.0" }] } }',
        [W]: workflow('    steps:\n      - uses: pnpm/setup@v2\n        with:\n          runtime: node\n      - run: npm publish\n'),
      },
      [`22.23.3 npm 10.9.9 <- package.json \`devEngines.runtime\`@package.json:1:108 <- \`pnpm/setup\`@${W}:6:15`],
    ],
    [
      'pnpm/setup `runtime: node` without devEngines.runtime: lts',
      { [W]: workflow('    steps:\n      - uses: pnpm/setup@v2\n        with:\n          runtime: node\n      - run: npm publish\n') },
      [`26.14.0 npm 11.20.0-11.21.2 <- pnpm/setup \`runtime: node\`@${W}:8:20`],
    ],
    [
      'pnpm/setup `runtime: node` with two node entries of different versions: unknown',
      {
        'package.json': '{ "name": "x", "devEngines": { "runtime": [{ "name": "node", "version": "20" }, { "name": "node", "version": "24" }] } }',
        [W]: workflow('    steps:\n      - uses: pnpm/setup@v2\n        with:\n          runtime: node\n      - run: npm publish\n'),
      },
      [
        `unknown (\`pnpm/setup\` takes Node from \`devEngines.runtime\` in "package.json", where v2.0.2 (the first entry) and a change under review (the last of each name) pick different Node versions) <- \`pnpm/setup\`@${W}:6:15`,
      ],
    ],
    [
      'pnpm/setup without `runtime`: devEngines.runtime of the package.json it is given',
      {
        'web/package.json': '{ "name": "x", "devEngines": { "runtime": { "name": "node", "version": "24.4.0", "onFail": "download" } } }',
        [W]: workflow('    steps:\n      - uses: pnpm/setup@v2\n        with:\n          package-json-file: web/package.json\n      - run: npm publish\n'),
      },
      [`24.4.0 npm 11.4.2 <- web/package.json \`devEngines.runtime\`@web/package.json:1:72 <- \`pnpm/setup\`@${W}:6:15`],
    ],
    [
      'pnpm/setup without `runtime` or devEngines.runtime installs no Node: the setup-node before it decides',
      {
        [W]: workflow(
          '    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 20\n      - uses: pnpm/setup@v2\n      - uses: pnpm/setup@v2\n        with:\n          runtime: bun@1\n      - run: npm publish\n',
        ),
      },
      [`20.20.2 npm 10.8.2 <- setup-node \`node-version: 20\`@${W}:8:25`],
    ],
    [
      'pnpm/setup without `runtime`, devEngines.runtime with bun first: its releases differ, unknown',
      {
        'package.json': '{ "name": "x", "devEngines": { "runtime": [{ "name": "bun", "version": "1" }, { "name": "node", "version": "24" }] } }',
        [W]: workflow('    steps:\n      - uses: pnpm/setup@v2\n      - run: npm publish\n'),
      },
      [
        `unknown (\`pnpm/setup\` takes Node from \`devEngines.runtime\` in "package.json", where v2.0.2 (the first entry) and a change under review (the last of each name) pick different Node versions) <- \`pnpm/setup\`@${W}:6:15`,
      ],
    ],
    [
      'pnpm/setup reading package.yaml: unknown',
      { [W]: workflow('    steps:\n      - uses: pnpm/setup@v2\n        with:\n          package-json-file: package.yaml\n      - run: npm publish\n') },
      [`unknown (\`pnpm/setup\` reads its runtime from "package.yaml", which tp-doctor does not read) <- \`pnpm/setup\`@${W}:6:15`],
    ],
    [
      'pnpm/setup with a runtime tp-doctor cannot evaluate, or one it does not install',
      {
        [W]: workflow(
          '    steps:\n      - uses: pnpm/setup@v2\n        with:\n          runtime: ${{ github.event.inputs.runtime }}\n      - uses: pnpm/setup@v2\n        with:\n          runtime: yarn@1\n      - run: npm publish\n',
        ),
      },
      [`unknown (\`pnpm/setup\` gets \`runtime: yarn@1\`, which names no runtime it installs (node, bun, deno)) <- \`pnpm/setup\`@${W}:9:15`],
    ],
    [
      'pnpm/setup with a runtime from `github.event.inputs`, empty on a push run',
      { [W]: workflow('    steps:\n      - uses: pnpm/setup@v2\n        with:\n          runtime: ${{ github.event.inputs.runtime }}\n      - run: npm publish\n') },
      ['unknown (on a `push` run `github.event.inputs.runtime` is empty, and then no `actions/setup-node` step sets a Node version before it and the job has no `node:` container, so it gets whatever Node the runner image ships) <- '],
    ],
    [
      // A remote action named like setup-node, which tp-doctor does not read.
      'an action whose name says it sets up Node',
      { [W]: workflow('    steps:\n      - uses: acme/setup-node@v1.4.0\n      - run: npm publish\n') },
      ['unknown (the job sets up Node with `acme/setup-node`, which tp-doctor does not read) <- `acme/setup-node`@.github/workflows/release.yml:6:15'],
    ],
    [
      // Not a guess that the unread action leaves Node alone: its Node is the one that runs.
      'an action whose name says it sets up Node, after a setup-node that names a version',
      { [W]: workflow('    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n      - uses: acme/setup-node@v1.4.0\n      - run: npm publish\n') },
      ['unknown (the job sets up Node with `acme/setup-node`, which tp-doctor does not read) <- `acme/setup-node`@.github/workflows/release.yml:9:15'],
    ],
    [
      'actions whose names say nothing about Node',
      { [W]: workflow('    steps:\n      - uses: pnpm/action-setup@v4\n      - uses: actions/setup-python@v5\n      - run: npm publish\n') },
      [
        'unknown (no `actions/setup-node` step sets a Node version before it and the job has no `node:` container, so it gets whatever Node the runner image ships) <- ',
      ],
    ],
    [
      'an action named like setup-node inside a local composite action',
      {
        '.github/actions/setup/action.yml': 'name: setup\nruns:\n  using: composite\n  steps:\n    - uses: acme/workflows/setup-js@v1\n',
        [W]: workflow('    steps:\n      - uses: ./.github/actions/setup\n      - run: npm publish\n'),
      },
      ['unknown (the job sets up Node with `acme/workflows/setup-js`, which tp-doctor does not read) <- `acme/workflows/setup-js`@.github/actions/setup/action.yml:5:13 <- local action "./.github/actions/setup"@.github/workflows/release.yml:6:15'],
    ],
    [
      'container image',
      { [W]: workflow('    container: node:24-alpine\n    steps:\n      - run: npm publish\n') },
      [`24.23.0 npm 11.19.0-11.21.2 <- container image "node:24-alpine"@${W}:5:16`],
    ],
    [
      'container image in a map; setup-node without a version does not decide',
      { [W]: workflow('    container:\n      image: node:lts\n    steps:\n      - uses: actions/setup-node@v5\n      - run: npm publish\n') },
      [`26.14.0 npm 11.20.0-11.21.2 <- container image "node:lts"@${W}:6:14`],
    ],
    [
      'a container that is not node',
      { [W]: workflow('    container: ubuntu:24.04\n    steps:\n      - run: npm publish\n') },
      [`unknown (the job runs in container "ubuntu:24.04", which is not a \`node\` image) <- container image "ubuntu:24.04"@${W}:5:16`],
    ],
    [
      'nothing sets the Node version',
      { [W]: workflow('    steps:\n      - run: npm publish\n') },
      [
        'unknown (no `actions/setup-node` step sets a Node version before it and the job has no `node:` container, so it gets whatever Node the runner image ships) <- ',
      ],
    ],
  ];
  for (const [name, files, want] of cases) it(name, () => expect(resolve(files)).toEqual(want));
});

describe('node-version-file reads', () => {
  it('read and parse a version file once per lint run, however many steps and matrix values use it', () => {
    class CountingFs extends MemoryFs {
      reads = 0;
      override read(file: string) {
        if (file === '.nvmrc') this.reads++;
        return super.read(file);
      }
    }
    const fs = new CountingFs({
      '.nvmrc': '22\n',
      '.github/workflows/r.yml': `on: push
jobs:
  p:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        os: [a, b, c]
    steps:
      - uses: actions/setup-node@v6
        with:
          node-version-file: .nvmrc
      - run: npm ci
      - run: npm publish
`,
    });
    const project = loadProject(fs);
    const job = project.workflows[0]!.jobs[0]!;
    for (const step of job.steps.slice(1)) expect(resolveStepNode(project, job, step).map((n) => n.version)).toEqual(['22.23.3']);
    expect(fs.reads).toBe(1);
  });
});

describe('resolveNodeSpec: the fast path for `N`, `N.x`, `N.M`, `N.M.x` agrees with semver ranges', () => {
  const versions = NODE_RELEASES.map((r) => r.version);
  it('for every major and minor the table knows, and some it does not', () => {
    const specs: string[] = [];
    for (let major = 0; major <= 30; major++) {
      specs.push(`${major}`, `${major}.x`, `${major}.X`, `0${major}`);
      for (let minor = 0; minor <= 25; minor++) specs.push(`${major}.${minor}`, `${major}.${minor}.x`, `${major}.0${minor}`);
    }
    const majors = new Set(versions.map((v) => semver.major(v)));
    const [low, high] = [Math.min(...majors), Math.max(...majors)];
    // A line listed in part (before 18) or not at all, inside the table's span: its first release of the minor.
    const bounded = (major: number): boolean => major > low && major < high && (major < 18 || !majors.has(major));
    for (const spec of specs) {
      const got = resolveNodeSpec(spec);
      const range = semver.validRange(spec);
      const best = range ? semver.maxSatisfying(versions, range) : null;
      const line = /^(0|[1-9]\d*)(?:\.(x|0|[1-9]\d*)(?:\.x)?)?$/.exec(spec.toLowerCase());
      if (best) expect(got, spec).toEqual({ spec, version: best });
      else if (line && bounded(Number(line[1]))) expect(got, spec).toEqual({ spec, version: `${line[1]}.${line[2] === undefined || line[2] === 'x' ? 0 : line[2]}.0` });
      else expect('unknown' in got, spec).toBe(true);
    }
  });
});

describe('wholeLineFarFromEnd: a spec that asks for a whole line more than 12 months from its end of life (survey900a D2)', () => {
  const of = (spec: string): ReturnType<typeof wholeLineFarFromEnd> => wholeLineFarFromEnd(nodeResolution(resolveNodeSpec(spec), []));
  it.each([
    ['24', { major: 24, end: '2028-04-30' }],
    ['24.x', { major: 24, end: '2028-04-30' }],
    ['v24', { major: 24, end: '2028-04-30' }],
    ['24.x.x', { major: 24, end: '2028-04-30' }],
    ['lts/krypton', { major: 24, end: '2028-04-30' }],
    ['26', { major: 26, end: '2029-04-30' }],
  ])('%s: its line and end of life', (spec, want) => {
    expect(of(spec)).toEqual(want);
  });

  it.each([
    ['22', 'Node 22 ends 2027-04-30, within 12 months of the data date 2026-12-03'],
    ['lts/jod', 'the same line by its codename'],
    ['20', 'past its end of life'],
    ['24.15', 'a minor'],
    ['24.15.0', 'an exact version'],
    ['lts/*', 'an alias that follows the newest releases (judged apart)'],
    ['>=24', 'a range'],
    ['19', 'an odd line long past its end of life'],
  ])('%s: none (%s)', (spec) => {
    expect(of(spec)).toBeUndefined();
  });
});
