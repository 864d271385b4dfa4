/**
 * `yarn workspaces foreach --include/--exclude … npm publish` publishes the workspaces its options
 * select (src/model/npm/foreach-targets.ts; survey800a M3): the publish's packages named every one.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (name: string): string => JSON.stringify({ name, version: '1.0.0' });

function packages(run: string): string[] {
  const files = {
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*', 'tools/*'], packageManager: 'yarn@4.10.3' }),
    '.yarnrc.yml': 'nodeLinker: node-modules\n',
    'packages/a/package.json': pkg('@acme/a'),
    'packages/b/package.json': pkg('@acme/b'),
    'tools/t/package.json': pkg('acme-tool'),
    '.github/workflows/release.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`,
  };
  return loadProject(new MemoryFs(files), {}).facts.sites.flatMap((s) => (s.targets.kind === 'unknown' ? ['?'] : s.targets.packages.map((p) => p.name ?? '?')));
}

describe('yarn workspaces foreach … npm publish: the selected workspaces', () => {
  it('--include a name glob or a name', () => {
    expect(packages('yarn workspaces foreach -A --no-private --include "@acme/*" npm publish')).toEqual(['@acme/a', '@acme/b']);
    expect(packages('yarn workspaces foreach -A --include @acme/a npm publish')).toEqual(['@acme/a']);
  });
  it('--exclude a name, and a path glob', () => {
    expect(packages('yarn workspaces foreach -A --exclude acme-tool npm publish')).toEqual(['@acme/a', '@acme/b']);
    expect(packages("yarn workspaces foreach -A --include 'packages/*' npm publish")).toEqual(['@acme/a', '@acme/b']);
  });
  it('controls: no selecting option, or one tp-doctor cannot read, keeps every workspace', () => {
    expect(packages('yarn workspaces foreach -A npm publish')).toEqual(['@acme/a', '@acme/b', 'acme-tool']);
    expect(packages('yarn workspaces foreach -A --include "$PKGS" npm publish')).toEqual(['@acme/a', '@acme/b', 'acme-tool']);
  });
});
