/**
 * Nested loops over literal words around a publish are read for every combination of their values
 * (src/model/npm/value-targets.ts `loopTargets`): ianlewis/todos publishes
 * @ianlewis/todos-{linux,darwin,windows}-{amd64,arm64} with `for os …; for arch …; ( cd
 * "packages/todos-${os}-${arch}"; npm publish )`, which was checked as the root package.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (name: string, more: Record<string, unknown> = {}): string => JSON.stringify({ name, version: '1.0.0', ...more });

const SINGLE = {
  'package.json': pkg('root-pkg'),
  'packages/pkg-linux-amd64/package.json': pkg('pkg-linux-amd64'),
  'packages/pkg-linux-arm64/package.json': pkg('pkg-linux-arm64'),
  'packages/pkg-darwin-amd64/package.json': pkg('pkg-darwin-amd64'),
  'packages/pkg-darwin-arm64/package.json': pkg('pkg-darwin-arm64'),
};

function workflow(run: string): string {
  const block = run.split('\n').map((l) => `          ${l}`).join('\n');
  return `on: push\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${block}\n`;
}

/** `kind[packages or candidates] directory` of each site. */
function sites(files: Record<string, string>, run: string): string[] {
  return loadProject(new MemoryFs({ ...files, '.github/workflows/r.yml': workflow(run) }), {}).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.targets.kind}[${list.map((x) => x.name).join(',')}] ${s.directory === undefined ? '?' : JSON.stringify(s.directory)}`;
  });
}

const NESTED = 'npm publish\nfor os in linux darwin; do\n  for arch in amd64 arm64; do\n    (\n      cd "packages/pkg-${os}-${arch}"\n      npm publish\n    )\n  done\ndone';

describe('nested loops over literal words are read for each combination', () => {
  it('ianlewis/todos: for os …; for arch …; ( cd "packages/pkg-${os}-${arch}"; npm publish )', () => {
    expect(sites(SINGLE, NESTED)).toEqual(['single[root-pkg] ""', 'unknown[pkg-darwin-amd64,pkg-darwin-arm64,pkg-linux-amd64,pkg-linux-arm64] ?']);
  });

  it('one line, both variables in a --prefix', () => {
    const run = 'for os in linux darwin; do for arch in amd64 arm64; do npm publish --prefix "packages/pkg-$os-$arch"; done; done';
    expect(sites(SINGLE, run)).toEqual(['unknown[pkg-darwin-amd64,pkg-darwin-arm64,pkg-linux-amd64,pkg-linux-arm64] ?']);
  });

  it('controls: one loop is read as before; a product over the bound is not read', () => {
    expect(sites(SINGLE, 'for arch in amd64 arm64; do (cd "packages/pkg-linux-$arch" && npm publish); done')).toEqual(['unknown[pkg-linux-amd64,pkg-linux-arm64] ?']);
    const many = Array.from({ length: 20 }, (_, i) => `v${i}`).join(' ');
    const run = `for a in ${many}; do for b in ${many}; do (cd "packages/pkg-$a-$b" && npm publish); done; done`;
    // Not read: today's unknown targets (every package of the repository, here its root).
    expect(sites(SINGLE, run)).toEqual(['unknown[root-pkg] ?']);
  });
});
