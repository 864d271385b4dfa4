import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import type { Location } from '../../yaml/span.js';
import { loadProject } from '../project.js';
import type { NodeResolution } from '../npm/node-version.js';
import { pnpmNodeInstalls } from '../npm/pnpm-env-use.js';
import { resolveStepNode } from './setup-node.js';

const W = '.github/workflows/release.yml';
const workflow = (steps: string): string => `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const SETUP = '      - uses: pnpm/action-setup@v4\n';

function show(r: NodeResolution): string {
  const origins = r.origins.map((o) => {
    const span = 'start' in o.at ? (o.at as Location) : { file: o.at.file, ...o.at.span };
    return `${o.label}@${span.start.line}:${span.start.column}`;
  });
  const npm = r.npm ? ` npm ${r.npm.min === r.npm.max ? r.npm.min : `${r.npm.min}-${r.npm.max}`}` : '';
  const assumed = r.assumed === undefined ? '' : ' (assumed)';
  return `${r.version ?? `unknown (${r.unknown})`}${npm}${assumed} <- ${origins.join(' <- ')}`;
}

function resolve(steps: string): string[] {
  const project = loadProject(new MemoryFs({ [W]: workflow(steps) }));
  const job = project.workflows[0]!.jobs[0]!;
  return resolveStepNode(project, job, job.steps.at(-1)!).map(show);
}

describe('pnpm env use --global: the Node of the later steps (survey800a M1, unnoq/orpc)', () => {
  const cases: [string, string, string][] = [
    ['a major, after pnpm/action-setup', `${SETUP}      - run: pnpm env use --global 22\n      - run: pnpm publish\n`, '22.23.3 npm 10.9.9 <- `pnpm env use --global 22`@7:14'],
    ['-g with an exact release', `${SETUP}      - run: pnpm env use -g 22.14.0\n      - run: pnpm publish\n`, '22.14.0 npm 10.9.2 <- `pnpm env use -g 22.14.0`@7:14'],
    ['lts, as setup-node reads lts/*', `${SETUP}      - run: pnpm env use --global lts\n      - run: pnpm publish\n`, '26.14.0 npm 11.20.0-11.21.2 <- `pnpm env use --global lts`@7:14'],
    ['an LTS codename', `${SETUP}      - run: pnpm env use -g jod\n      - run: pnpm publish\n`, '22.23.3 npm 10.9.9 <- `pnpm env use -g jod`@7:14'],
    ['pnpm 11 `pnpm runtime set node <v> -g`', `${SETUP}      - run: pnpm runtime set node 24.4.0 -g\n      - run: pnpm publish\n`, '24.4.0 npm 11.4.2 <- `pnpm runtime set node 24.4.0 -g`@7:14'],
    ['the last of several in a step, among other commands', `${SETUP}      - run: |\n          pnpm env use -g 20\n          pnpm env use -g 24\n          pnpm i\n      - run: pnpm publish\n`, '24.23.0 npm 11.19.0-11.21.2 <- `pnpm env use -g 24`@9:11'],
    ['without pnpm/action-setup before it: taken', '      - run: pnpm env use --global 22\n      - run: pnpm publish\n', '22.23.3 npm 10.9.9 (assumed) <- `pnpm env use --global 22`@6:14'],
    ['a version in a shell variable: unknown', `${SETUP}      - run: pnpm env use --global "$NODE"\n      - run: pnpm publish\n`, 'unknown (`pnpm env use --global "$NODE"` installs a Node for the later steps whose version tp-doctor cannot read) <- `pnpm env use --global "$NODE"`@7:14'],
    ['in a branch: unknown', `${SETUP}      - run: if [ -n "$X" ]; then pnpm env use -g 22; fi\n      - run: pnpm publish\n`, 'unknown (`pnpm env use -g 22` runs in a branch or after `&&`/`||`, so the Node of the later steps is the one it installs or the one before) <- `pnpm env use -g 22`@7:35'],
    ['a later setup-node wins', `${SETUP}      - run: pnpm env use -g 22\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n      - run: pnpm publish\n`, '24.23.0 npm 11.19.0-11.21.2 <- setup-node `node-version: 24`@10:25'],
    // Review of 2026-12-06: setup-node after pnpm/action-setup puts its Node first on PATH.
    ['setup-node after pnpm/action-setup keeps its Node first on PATH', `${SETUP}      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n      - run: pnpm env use --global 20\n      - run: pnpm publish\n`, '24.23.0 npm 11.19.0-11.21.2 <- setup-node `node-version: 24`@9:25'],
    ['it wins over an earlier setup-node', `      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n${SETUP}      - run: pnpm env use -g 22\n      - run: pnpm publish\n`, '22.23.3 npm 10.9.9 <- `pnpm env use -g 22`@10:14'],
  ];
  for (const [name, steps, want] of cases) it(name, () => expect(resolve(steps)).toEqual([want]));

  it('controls: without --global, `pnpm env add`, `pnpm env list` leave the runner Node', () => {
    for (const run of ['pnpm env use 22', 'pnpm env add --global 22', 'pnpm env list --remote 22', 'echo pnpm env use -g 22']) {
      expect(resolve(`${SETUP}      - run: ${run}\n      - run: pnpm publish\n`)[0]).toMatch(/^unknown \(no `actions\/setup-node` step/);
    }
  });

  it('reads the command words after sudo and reserved words, with its place', () => {
    expect(pnpmNodeInstalls('set -e\nsudo pnpm env use --global 22 # x')).toEqual([{ text: 'sudo pnpm env use --global 22', offset: 7, end: 36, spec: '22', maybe: false }]);
  });
});
