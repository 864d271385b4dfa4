/**
 * `pnpm publish --filter <value>` whose value holds a shell value tp-doctor cannot put in
 * (bytecodealliance/jco: `pnpm publish --filter "@bytecodealliance/$PROJECT" --provenance`): the
 * publish stays unknown (the value may select none), its candidates the packages the filter's
 * literal start may name, not every workspace package (an example outside the scope).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (name: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ name, version: '1.0.0', ...extra });

const WORKSPACE = {
  'package.json': pkg('root', { private: true }),
  'pnpm-workspace.yaml': 'packages:\n  - packages/*\n  - tools/*\n  - examples/*\n',
  'packages/core/package.json': pkg('@acme/core'),
  'packages/cli/package.json': pkg('@acme/cli'),
  'packages/wasm-x/package.json': pkg('@acme/wasm-x'),
  'tools/build/package.json': pkg('acme-build'),
  'examples/demo/package.json': pkg('node-compat'),
  'examples/private/package.json': pkg('@acme/example', { private: true }),
};
const ALL = '@acme/cli,@acme/core,@acme/wasm-x,acme-build,node-compat';

const cases: [name: string, run: string, want: string][] = [
  ['a scope and a value (bytecodealliance/jco)', 'pnpm publish --filter "@acme/$PROJECT" --provenance --no-git-checks', 'unknown[@acme/cli,@acme/core,@acme/wasm-x]'],
  ['-F=', 'pnpm publish -F="@acme/${PROJECT}" --no-git-checks', 'unknown[@acme/cli,@acme/core,@acme/wasm-x]'],
  ['--filter-prod', 'pnpm publish --filter-prod @acme/$PROJECT --no-git-checks', 'unknown[@acme/cli,@acme/core,@acme/wasm-x]'],
  ['a GitHub expression', 'pnpm publish --filter "@acme/${{ inputs.package }}" --no-git-checks', 'unknown[@acme/cli,@acme/core,@acme/wasm-x]'],
  ['the filter before publish', 'pnpm --filter "@acme/$PROJECT" publish --no-git-checks', 'unknown[@acme/cli,@acme/core,@acme/wasm-x]'],
  ['npm publish in the filtered projects', 'pnpm --filter "@acme/$PROJECT" exec npm publish', 'unknown[@acme/cli,@acme/core,@acme/wasm-x]'],
  ['a name prefix', 'pnpm publish --filter "@acme/wasm-$X" --no-git-checks', 'unknown[@acme/wasm-x]'],
  ['a name prefix then a star', 'pnpm publish --filter "@acme/c*$X" --no-git-checks', 'unknown[@acme/cli,@acme/core]'],
  // pnpm tries `@*/<name>` for a name without scope that matches none.
  ['a prefix without scope also names scoped packages', 'pnpm publish --filter "c$X" --no-git-checks', 'unknown[@acme/cli,@acme/core]'],
  ['a prefix with a dash', 'pnpm publish --filter "acme-$X" --no-git-checks', 'unknown[acme-build]'],
  ['a directory and a value', 'pnpm publish --filter "./packages/$X" --no-git-checks', 'unknown[@acme/cli,@acme/core,@acme/wasm-x]'],
  ['a directory prefix', 'pnpm publish --filter "./packages/wasm-$X" --no-git-checks', 'unknown[@acme/wasm-x]'],
  ['a directory glob then a value', 'pnpm publish --filter "./tools/*$X" --no-git-checks', 'unknown[acme-build]'],
  ['a literal filter beside a value one: the union', 'pnpm publish --filter acme-build --filter "@acme/wasm-$X" --no-git-checks', 'unknown[@acme/wasm-x,acme-build]'],
  ['a literal exclusion only takes away', 'pnpm publish --filter "@acme/$X" --filter "!@acme/core" --no-git-checks', 'unknown[@acme/cli,@acme/core,@acme/wasm-x]'],
  // As before: every workspace package a candidate.
  ['control: a value alone', 'pnpm publish --filter "$PROJECT" --no-git-checks', `unknown[${ALL}]`],
  ['control: dependencies too (name...)', 'pnpm publish --filter "@acme/$X..." --no-git-checks', `unknown[${ALL}]`],
  ['control: dependents (...name)', 'pnpm publish --filter "...@acme/$X" --no-git-checks', `unknown[${ALL}]`],
  ['control: ^', 'pnpm publish --filter "@acme/$X^..." --no-git-checks', `unknown[${ALL}]`],
  ['control: an exclusion holding a value', 'pnpm publish --filter "!@acme/$X" --no-git-checks', `unknown[${ALL}]`],
  ['control: a since range', 'pnpm publish --filter "@acme/$X[origin/main]" --no-git-checks', `unknown[${ALL}]`],
  ['control: braces', 'pnpm publish --filter "{packages/$X}" --no-git-checks', `unknown[${ALL}]`],
  ['control: a directory that is only a value', 'pnpm publish --filter "./$X" --no-git-checks', `unknown[${ALL}]`],
  ['control: a .. after the value', 'pnpm publish --filter "./packages/$X/.." --no-git-checks', `unknown[${ALL}]`],
  ['control: a literal since range', 'pnpm publish --filter "@acme/$X" --filter "[origin/main]" --no-git-checks', `unknown[${ALL}]`],
  ['control: a literal filter', 'pnpm publish --filter "@acme/core" --no-git-checks', 'single[@acme/core]'],
];

function workflow(run: string): string {
  return `on: push\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          PROJECT: \${{ github.ref_name }}\n        run: ${run}\n`;
}

describe('pnpm --filter holding a value: the candidates its literal start may name', () => {
  it.each(cases)('%s', (_name, run, want) => {
    const p = loadProject(new MemoryFs({ ...WORKSPACE, '.github/workflows/r.yml': workflow(run) }), {});
    const got = p.facts.sites.map((s) => {
      const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
      return `${s.targets.kind}[${list.map((x) => x.name).sort().join(',')}]`;
    });
    expect(got).toEqual([want]);
  });
});
