/**
 * `npm publish <folder>` whose folder holds a value (dotenvx/dotenvx: `npm publish
 * dist/npm/dotenvx-${{ matrix.platform }}`, a folder whose package.json the job writes): the
 * matrix values are put in when they are literal; a folder tp-doctor cannot name leaves the
 * publish unknown, with the packages under the folder's literal start as candidates, never the
 * package of the directory the command runs in.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (name: string): string => JSON.stringify({ name, version: '1.0.0' });

const MATRIX = '    strategy:\n      matrix:\n        platform: [linux-x64, darwin-arm64]\n';
const INCLUDE = '    strategy:\n      matrix:\n        include:\n          - platform: linux-x64\n          - platform: darwin-arm64\n';
// A matrix an earlier job writes at run time: its values cannot be read.
const DYNAMIC = '    needs: plan\n    strategy:\n      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}\n';
const COMMITTED = { 'dist/npm/widget-linux-x64/package.json': pkg('widget-linux-x64'), 'dist/npm/widget-darwin-arm64/package.json': pkg('widget-darwin-arm64') };

interface Case {
  name: string;
  run: string;
  strategy?: string;
  files?: Record<string, string>;
  /** `kind[packages or candidates] directory` of the one site. */
  want: string;
}

const cases: Case[] = [
  { name: 'matrix values put in, folders made in the job: unknown, no candidate', run: 'npm publish dist/npm/widget-${{ matrix.platform }}', strategy: MATRIX, want: 'unknown[] ""' },
  { name: 'matrix from include, folders made in the job: unknown, no candidate', run: 'npm publish dist/npm/widget-${{ matrix.platform }}', strategy: INCLUDE, want: 'unknown[] ""' },
  {
    name: 'matrix values put in, folders committed: each one',
    run: 'npm publish dist/npm/widget-${{ matrix.platform }}',
    strategy: MATRIX,
    files: COMMITTED,
    want: 'single[widget-linux-x64,widget-darwin-arm64] ""',
  },
  {
    name: 'one folder committed, one made in the job: unknown, the committed one a candidate',
    run: 'npm publish dist/npm/widget-${{ matrix.platform }}',
    strategy: MATRIX,
    files: { 'dist/npm/widget-linux-x64/package.json': pkg('widget-linux-x64') },
    want: 'unknown[widget-linux-x64] ""',
  },
  { name: 'a matrix written at run time, nothing committed: unknown, no candidate', run: 'npm publish dist/npm/widget-${{ matrix.platform }}', strategy: DYNAMIC, want: 'unknown[] ""' },
  {
    name: 'a matrix written at run time: the committed folders under the literal start',
    run: 'npm publish dist/npm/widget-${{ matrix.platform }}',
    strategy: DYNAMIC,
    files: { ...COMMITTED, 'dist/npm/other/package.json': pkg('other') },
    want: 'unknown[widget-darwin-arm64,widget-linux-x64] ""',
  },
  { name: 'a shell variable in the folder: unknown, no candidate', run: 'npm publish "dist/npm/widget-$PLATFORM"', want: 'unknown[] ""' },
  { name: 'a shell variable after a slash: the folders listed there', run: 'npm publish dist/npm/${PLATFORM}', files: COMMITTED, want: 'unknown[widget-darwin-arm64,widget-linux-x64] ""' },
  // A tarball in a variable (20jasper/JJPWRGEM, cargo-dist, `pnpm pack` then `npm publish`): no candidate.
  { name: 'a variable assigned a .tgz listing', run: '|\n          tarball=$(ls -1 *.tgz | head -n1)\n          npm publish --provenance "${tarball}"', want: 'unknown[] ""' },
  { name: "a variable assigned npm pack's output", run: '|\n          f=$(npm pack --silent)\n          npm publish "$f"', want: 'unknown[] ""' },
  { name: 'a variable named for a tarball, set where tp-doctor cannot see', run: 'npm publish "$TARBALL" --tag "$TAG"', want: 'unknown[] ""' },
  // cline/cline: the tarball's file name under the folder `--destination` names.
  { name: "a path ending in a tarball variable's file name", run: '|\n          TARBALL=$(bun pm pack --destination "$RUNNER_TEMP/packs" --quiet)\n          npm publish "$RUNNER_TEMP/packs/$(basename "$TARBALL")" --access public', want: 'unknown[] ""' },
  { name: 'the same with a ## prefix removal', run: '|\n          TARBALL=$(npm pack)\n          npm publish "$OUT/${TARBALL##*/}"', want: 'unknown[] ""' },
  { name: 'control: the file name of a variable that holds a folder', run: '|\n          D=$(pwd)\n          npm publish "$OUT/$(basename "$D")"', want: 'unknown[widget-root] ""' },
  // Controls: a literal folder as before; no literal start to go by keeps every package as a candidate.
  { name: 'control: a variable assigned a folder may be the root', run: '|\n          pkg=$(pwd)\n          npm publish "$pkg"', want: 'unknown[widget-root] ""' },
  { name: 'control: a variable named for a tarball but assigned a folder', run: '|\n          TARBALL_DIR=x; TARBALL=$TARBALL_DIR\n          npm publish "$TARBALL"', want: 'unknown[widget-root] ""' },
  { name: 'control: a literal folder made in the job', run: 'npm publish dist/npm/widget-linux', want: 'unknown[] "dist/npm/widget-linux"' },
  { name: 'control: a literal committed folder', run: 'npm publish dist/npm/widget-linux-x64', files: COMMITTED, want: 'single[widget-linux-x64] "dist/npm/widget-linux-x64"' },
  { name: 'control: no folder publishes the root package', run: 'npm publish', want: 'single[widget-root] ""' },
  { name: 'control: a folder that is only a variable may be the root', run: 'npm publish "$DIR"', want: 'unknown[widget-root] ""' },
  { name: 'control: ./$DIR may be the root', run: 'npm publish ./$DIR', want: 'unknown[widget-root] ""' },
  { name: 'control: a .. after the variable may be anything', run: 'npm publish dist/$X/..', want: 'unknown[widget-root] ""' },
];

function workflow(run: string, strategy = ''): string {
  const plan = strategy === DYNAMIC ? '  plan:\n    runs-on: ubuntu-latest\n    outputs:\n      matrix: ${{ steps.m.outputs.matrix }}\n    steps:\n      - id: m\n        run: ./plan.sh\n' : '';
  return `on: push\njobs:\n${plan}  npm:\n    runs-on: ubuntu-latest\n${strategy}    steps:\n      - run: ${run}\n`;
}

describe('a publish of a folder that holds a value', () => {
  for (const c of cases) {
    it(c.name, () => {
      const p = loadProject(new MemoryFs({ 'package.json': pkg('widget-root'), '.github/workflows/r.yml': workflow(c.run, c.strategy), ...c.files }), {});
      const got = p.facts.sites.map((s) => {
        const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
        return `${s.targets.kind}[${list.map((x) => x.name).join(',')}] ${JSON.stringify(s.directory)}`;
      });
      expect(got).toEqual([c.want]);
    });
  }
});
