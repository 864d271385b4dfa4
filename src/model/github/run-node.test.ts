import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';
import type { NpmAtPublish } from '../npm/npm-version.js';
import { npmAtPublish } from './npm-upgrades.js';

/**
 * `pnpm env use --global <version>` in a `run:` script (./run-node.ts; unnoq/orpc's release jobs):
 * the Node and npm at each publish of the only job, as `Node <version>: npm <version>` or the
 * reason it is unknown, with where the Node came from.
 */
const W = '.github/workflows/release.yml';
const job = (steps: string): string => `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', packageManager: 'pnpm@10.28.1' });
const PNPM = '      - uses: pnpm/action-setup@v4\n';

function show(a: NpmAtPublish): string {
  const npm = a.npm ? (a.npm.min === a.npm.max ? a.npm.min : `${a.npm.min}-${a.npm.max}`) : 'unknown';
  const node = a.node.version ?? `unknown (${a.node.unknown})`;
  return `Node ${node}: npm ${npm} [${a.node.origins[0]?.label ?? 'no origin'}]`;
}

function resolve(steps: string, files: Record<string, string> = {}): string[] {
  const project = loadProject(new MemoryFs({ 'package.json': PKG, ...files, [W]: job(steps) }));
  const j = project.workflows[0]!.jobs[0]!;
  return project.facts.jobSites(j).flatMap((site) => npmAtPublish(project, j, site.step, site.publish).map(show));
}

const RUNNER = 'unknown (no `actions/setup-node` step sets a Node version before it and the job has no `node:` container, so it gets whatever Node the runner image ships)';

describe('pnpm env use --global: the Node of the later commands', () => {
  const cases: [string, string, string[], Record<string, string>?][] = [
    // unnoq/orpc: `- run: pnpm env use --global 22` before `pnpm publish`.
    ['an earlier step (unnoq/orpc)', `${PNPM}      - run: pnpm env use --global 22\n      - run: pnpm publish\n`, ['Node 22.23.3: npm 10.9.9 [`pnpm env use --global 22` in a `run:` step]']],
    ['control: without it, the runner image', `${PNPM}      - run: pnpm publish\n`, [`Node ${RUNNER}: npm unknown [no origin]`]],
    ['-g, the version before it', `${PNPM}      - run: pnpm env use 24 -g\n      - run: pnpm publish\n`, ['Node 24.23.0: npm 11.19.0-11.21.2 [`pnpm env use 24 -g` in a `run:` step]']],
    ['the same script, before the publish', `${PNPM}      - run: |\n          pnpm env use --global 24\n          pnpm publish\n`, ['Node 24.23.0: npm 11.19.0-11.21.2 [`pnpm env use --global 24` in a `run:` step]']],
    ['control: the same script, after the publish', `${PNPM}      - run: |\n          pnpm publish\n          pnpm env use --global 24\n`, [`Node ${RUNNER}: npm unknown [no origin]`]],
    ['control: without --global pnpm refuses it', `${PNPM}      - run: pnpm env use 24\n      - run: pnpm publish\n`, [`Node ${RUNNER}: npm unknown [no origin]`]],
    ['control: `pnpm env add` installs without using it', `${PNPM}      - run: pnpm env add --global 24\n      - run: pnpm publish\n`, [`Node ${RUNNER}: npm unknown [no origin]`]],
    ['pnpm 11: `pnpm runtime set node <v> -g`', `${PNPM}      - run: pnpm runtime set node 24 -g\n      - run: pnpm publish\n`, ['Node 24.23.0: npm 11.19.0-11.21.2 [`pnpm runtime set node 24 -g` in a `run:` step]']],
    ['`lts`, as pnpm/setup reads it', `${PNPM}      - run: pnpm env use --global lts\n      - run: pnpm publish\n`, ['Node 26.14.0: npm 11.20.0-11.21.2 [`pnpm env use --global lts` in a `run:` step]']],
    [
      'a later setup-node wins (it puts its Node first on PATH)',
      `${PNPM}      - run: pnpm env use --global 20\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n      - run: pnpm publish\n`,
      ['Node 24.23.0: npm 11.19.0-11.21.2 [setup-node `node-version: 24`]'],
    ],
    [
      'it wins over an earlier setup-node',
      `      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n${PNPM}      - run: pnpm env use --global 20\n      - run: pnpm publish\n`,
      ['Node 20.20.2: npm 10.8.2 [`pnpm env use --global 20` in a `run:` step]'],
    ],
    [
      'a shell variable: unknown, with the reason',
      `${PNPM}      - run: pnpm env use --global "$NODE_VERSION"\n      - run: pnpm publish\n`,
      ['Node unknown (the job installs Node with `pnpm env use --global "$NODE_VERSION"`, whose version tp-doctor cannot read): npm unknown [`pnpm env use --global "$NODE_VERSION"` in a `run:` step]'],
    ],
    [
      'a prerelease channel: unknown, with the reason',
      `${PNPM}      - run: pnpm env use --global nightly\n      - run: pnpm publish\n`,
      ['Node unknown (the job installs Node with `pnpm env use --global nightly`, whose version tp-doctor cannot read ("nightly" is not a Node version)): npm unknown [`pnpm env use --global nightly` in a `run:` step]'],
    ],
    [
      'a matrix expression is evaluated',
      `${PNPM}      - run: pnpm env use --global \${{ matrix.node }}\n      - run: pnpm publish\n`,
      ['Node 22.23.3: npm 10.9.9 [matrix value "22"]'],
    ],
    [
      'in a local composite action the job uses',
      `      - uses: ./.github/actions/setup\n      - run: pnpm publish\n`,
      ['Node 22.23.3: npm 10.9.9 [`pnpm env use --global 22` in a `run:` step]'],
      { '.github/actions/setup/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: pnpm/action-setup@v4\n    - run: pnpm env use --global 22\n      shell: bash\n' },
    ],
  ];
  for (const [name, steps, want, files] of cases) {
    it(name, () => {
      expect(name.startsWith('a matrix') ? resolveMatrix(steps) : resolve(steps, files)).toEqual(want);
    });
  }
});

function resolveMatrix(steps: string): string[] {
  const project = loadProject(new MemoryFs({ 'package.json': PKG, [W]: job(steps).replace('    steps:', '    strategy:\n      matrix:\n        node: [22]\n    steps:') }));
  const j = project.workflows[0]!.jobs[0]!;
  return project.facts.jobSites(j).flatMap((site) => npmAtPublish(project, j, site.step, site.publish).map(show));
}
