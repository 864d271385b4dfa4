/**
 * `npm publish --workspaces` (and `-w`) away from the root (src/model/npm/npm-workspaces.ts): npm
 * reads the workspaces of the `package.json` where it runs (lovell/sharp: `cd npm && npm publish
 * --workspaces`, `npm/package.json` listing the platform packages), or, in a workspace of a
 * directory above, publishes that one workspace; never the root's workspaces for a directory that
 * is not one of them. Checked against npm 11 (`npm pack --workspaces --dry-run`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', ...fields });

/** `directory kind[names]` per site (the candidates of unknown targets). */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.directory ?? '?'} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

function workflow(run: string, extra = ''): string {
  return `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n${extra}`;
}

/** sharp's layout: a private `npm/package.json` with its own workspaces; the root has none. */
const SHARP = {
  'package.json': pkg({ name: 'widget' }),
  'npm/package.json': pkg({ name: '@widget/all', private: true, workspaces: ['linux-x64', 'darwin-arm64'] }),
  'npm/linux-x64/package.json': pkg({ name: '@widget/linux-x64' }),
  'npm/darwin-arm64/package.json': pkg({ name: '@widget/darwin-arm64' }),
};
/** The same with root workspaces under `packages/*` that `npm/` is not one of. */
const BOTH = {
  ...SHARP,
  'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
  'packages/a/package.json': pkg({ name: 'a' }),
  'packages/b/package.json': pkg({ name: 'b' }),
  'other/package.json': pkg({ name: 'other' }),
};

const cases: [name: string, files: Record<string, string>, want: string[]][] = [
  ['sharp: `cd npm && npm publish --workspaces` publishes npm/package.json\'s workspaces', { ...SHARP, '.github/workflows/r.yml': workflow('cd npm && npm publish --workspaces --tag=latest') }, ['npm workspaces[@widget/darwin-arm64,@widget/linux-x64]']],
  ['the same with `working-directory: npm` and `-ws`', { ...SHARP, '.github/workflows/r.yml': workflow('npm publish -ws', '        working-directory: npm\n') }, ['npm workspaces[@widget/darwin-arm64,@widget/linux-x64]']],
  ['globs relative to that directory', { ...SHARP, 'npm/package.json': pkg({ private: true, workspaces: ['*'] }), '.github/workflows/r.yml': workflow('cd npm && npm publish --workspaces') }, ['npm workspaces[@widget/darwin-arm64,@widget/linux-x64]']],
  ['root workspaces elsewhere are not credited to the publish in npm/', { ...BOTH, '.github/workflows/r.yml': workflow('cd npm && npm publish --workspaces') }, ['npm workspaces[@widget/darwin-arm64,@widget/linux-x64]']],
  ['control: `npm publish --workspaces` at the root is unchanged', { ...BOTH, '.github/workflows/r.yml': workflow('npm publish --workspaces') }, [' workspaces[a,b]']],
  ['a directory without workspaces that is no root workspace: unknown, no candidate (npm: "No workspaces found")', { ...BOTH, '.github/workflows/r.yml': workflow('cd other && npm publish --workspaces') }, ['other unknown[]']],
  ['in a root workspace package npm publishes that one workspace', { ...BOTH, '.github/workflows/r.yml': workflow('cd packages/a && npm publish --workspaces') }, ['packages/a workspaces[a]']],
  ['in a workspace of npm/package.json, that one workspace', { ...SHARP, '.github/workflows/r.yml': workflow('cd npm/linux-x64 && npm publish --workspaces') }, ['npm/linux-x64 workspaces[@widget/linux-x64]']],
  ['a directory without package.json: the one above, unknown (the job may write one there)', { ...BOTH, '.github/workflows/r.yml': workflow('cd scripts && npm publish --workspaces') }, ['scripts unknown[a,b]']],
  ['`--prefix npm`: that directory\'s workspaces', { ...BOTH, '.github/workflows/r.yml': workflow('npm publish --prefix npm --workspaces') }, ['npm workspaces[@widget/darwin-arm64,@widget/linux-x64]']],
  ['`--prefix packages/a`: npm takes the prefix as it is, which has no workspaces', { ...BOTH, '.github/workflows/r.yml': workflow('npm publish --prefix packages/a --workspaces') }, ['packages/a unknown[]']],
  ['`-w <name>` in npm/ names one of npm/package.json\'s workspaces', { ...BOTH, '.github/workflows/r.yml': workflow('cd npm && npm publish -w @widget/linux-x64') }, ['npm single[@widget/linux-x64]']],
  ['`-w <dir>` in npm/, relative to it', { ...BOTH, '.github/workflows/r.yml': workflow('cd npm && npm publish -w darwin-arm64') }, ['npm single[@widget/darwin-arm64]']],
  ['`-w <name>` of a root workspace in npm/: not one npm sees there', { ...BOTH, '.github/workflows/r.yml': workflow('cd npm && npm publish -w a') }, ['npm unknown[@widget/darwin-arm64,@widget/linux-x64]']],
  [
    'pnpm -r in a subdirectory keeps the root workspace (pnpm looks up for pnpm-workspace.yaml), whose root project pnpm always counts',
    { ...SHARP, 'pnpm-workspace.yaml': 'packages:\n  - npm/*\n', '.github/workflows/r.yml': workflow('cd npm && pnpm -r publish') },
    ['npm workspaces[widget,@widget/darwin-arm64,@widget/linux-x64]'],
  ],
];

describe('npm --workspaces away from the root', () => {
  it.each(cases)('%s', (_name, files, want) => {
    expect(sites(files)).toEqual(want);
  });
});
