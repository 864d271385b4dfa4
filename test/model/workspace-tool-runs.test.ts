/**
 * semantic-release and release-it run in one named workspace (a whole repository, through
 * `loadProject`): the tool runs in that workspace's directory and reads its configuration and
 * package.json, not the root's.
 * - `npx --workspace=<w> semantic-release`, `npm exec -w <w> -- release-it`: npm's exec runs the
 *   command in the workspace (lib/commands/exec.js `execWorkspaces`, `runPath`), as `npm -w <w> exec`
 *   does (remeda/remeda, ci-library.yml: `npx --workspace=remeda --no semantic-release`); `npm exec
 *   --prefix <dir>` runs it in the current directory all the same.
 * - `npm run release -w <w>`, `pnpm --filter <w> run release`, `yarn workspace <w> run release`,
 *   `npm --prefix <dir> run release` whose script runs the tool: the "private package, no npm
 *   publish" check reads the workspace's package.json, as `--workspaces` and `cd` do.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const REPOSITORY = { type: 'git', url: 'https://github.com/acme/widget' };

interface Layout {
  /** The tool the workspace's `release` script runs. */
  tool: 'semantic-release' | 'release-it';
  rootPrivate?: boolean;
  libPrivate?: boolean;
}

function repo(run: string, { tool, rootPrivate = true, libPrivate = false }: Layout): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'root', version: '1.0.0', private: rootPrivate, workspaces: ['packages/*'], repository: REPOSITORY }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    'packages/lib/package.json': JSON.stringify({
      name: 'lib',
      version: '1.0.0',
      ...(libPrivate ? { private: true } : {}),
      repository: REPOSITORY,
      scripts: { release: tool },
      devDependencies: { 'semantic-release': '^25.0.0', 'release-it': '^19.0.0' },
      'release-it': { npm: { skipChecks: true } },
    }),
    '.github/workflows/release.yml': `on: push\npermissions:\n  id-token: write\n  contents: write\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n`,
  };
}

/** `recognizer confidence directory [packages]` per publish site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.publish.match.recognizer} ${s.publish.match.confidence} ${s.directory ?? '?'} [${list.map((p) => p.name).join(',')}]`;
  });
}

const LIB = (tool: string): string => `${tool} certain packages/lib [lib]`;

interface Row {
  run: string;
  layout: Layout;
  want: string[];
}

describe('a publish tool run in a named workspace reads that workspace', () => {
  const rows: Row[] = [
    // MISS-1: npx / npm exec with a workspace option.
    { run: 'npx --workspace=lib --no semantic-release', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { run: 'npx -w lib semantic-release', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { run: 'npm exec -w lib -- semantic-release', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { run: 'npm exec --workspace packages/lib -- semantic-release', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { run: 'npx -w lib release-it --ci', layout: { tool: 'release-it' }, want: [LIB('release-it')] },
    { run: 'npm x --workspace=lib -- release-it', layout: { tool: 'release-it' }, want: [LIB('release-it')] },
    // A root that is not private: the workspace's package, not the root's.
    { run: 'npx -w lib semantic-release', layout: { tool: 'semantic-release', rootPrivate: false }, want: [LIB('semantic-release')] },
    // MISS-2: a script of the named workspace that runs the tool.
    { run: 'npm run release -w lib', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { run: 'npm run release --workspace=packages/lib', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { run: 'pnpm --filter lib run release', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { run: 'yarn workspace lib run release', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { run: 'npm --prefix packages/lib run release', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { run: 'npm run release -w lib', layout: { tool: 'release-it' }, want: [LIB('release-it')] },
    { run: 'pnpm --filter lib run release', layout: { tool: 'release-it' }, want: [LIB('release-it')] },
    { run: 'yarn workspace lib run release', layout: { tool: 'release-it' }, want: [LIB('release-it')] },
    { run: 'npm --prefix packages/lib run release', layout: { tool: 'release-it' }, want: [LIB('release-it')] },
  ];
  for (const { run, layout, want } of rows) {
    it(`${run} (${layout.tool}${layout.rootPrivate === false ? ', public root' : ''})`, () => {
      expect(sites(repo(run, layout))).toEqual(want);
    });
  }
});

/** A guess in a workspace tp-doctor cannot tell: no directory, the workspaces as candidates. */
const SOME = (tool: string): string => `${tool} heuristic ? [lib]`;

describe('a publish tool npm exec runs in every workspace, or in workspaces a variable selects', () => {
  const rows: Row[] = [
    // `npx -ws`, `npm exec --workspaces`: npm's exec runs the tool in each workspace (lib/commands/exec.js `execWorkspaces`), never the root.
    { run: 'npx -ws semantic-release', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { run: 'npm exec --workspaces semantic-release', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { run: 'npm exec -ws -- release-it', layout: { tool: 'release-it' }, want: [LIB('release-it')] },
    { run: 'npx -ws semantic-release', layout: { tool: 'semantic-release', rootPrivate: false }, want: [LIB('semantic-release')] },
    // A selector tp-doctor cannot resolve: some workspace, not the root (private or not); a guess.
    { run: 'npx -w "$WS" semantic-release', layout: { tool: 'semantic-release' }, want: [SOME('semantic-release')] },
    { run: 'npx --workspace=$PKG semantic-release', layout: { tool: 'semantic-release' }, want: [SOME('semantic-release')] },
    { run: 'npm -w "$WS" exec semantic-release', layout: { tool: 'semantic-release' }, want: [SOME('semantic-release')] },
    { run: 'npm exec -w "${{ inputs.ws }}" -- release-it', layout: { tool: 'release-it' }, want: [SOME('release-it')] },
    { run: 'npx -w "$WS" semantic-release', layout: { tool: 'semantic-release', rootPrivate: false }, want: [SOME('semantic-release')] },
  ];
  for (const { run, layout, want } of rows) {
    it(`${run} (${layout.tool}${layout.rootPrivate === false ? ', public root' : ''})`, () => {
      expect(sites(repo(run, layout))).toEqual(want);
    });
  }

  it('a selector from a job env literal the model resolves keeps its one workspace', () => {
    const files = repo('npx -w ${{ env.WS }} semantic-release', { tool: 'semantic-release' });
    files['.github/workflows/release.yml'] = files['.github/workflows/release.yml']!.replace('runs-on: ubuntu-latest\n', 'runs-on: ubuntu-latest\n    env:\n      WS: lib\n');
    expect(sites(files)).toEqual([LIB('semantic-release')]);
  });
});

describe('controls', () => {
  const rows: (Row & { name: string })[] = [
    { name: '--workspaces (unchanged)', run: 'npm run release --workspaces', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { name: 'pnpm -r (unchanged)', run: 'pnpm -r run release', layout: { tool: 'release-it' }, want: [LIB('release-it')] },
    { name: 'cd (unchanged)', run: 'cd packages/lib && npm run release', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    { name: 'npm -w before exec (unchanged)', run: 'npm --workspace=lib exec semantic-release', layout: { tool: 'semantic-release' }, want: [LIB('semantic-release')] },
    // A private workspace: the tool's npm plugin publishes nothing there.
    { name: 'private workspace, npm run -w', run: 'npm run release -w lib', layout: { tool: 'semantic-release', libPrivate: true }, want: [] },
    { name: 'private workspace, yarn workspace', run: 'yarn workspace lib run release', layout: { tool: 'release-it', libPrivate: true }, want: [] },
    { name: 'private workspace, npx -w', run: 'npx -w lib semantic-release', layout: { tool: 'semantic-release', libPrivate: true }, want: [] },
    { name: 'private workspace, pnpm --filter exec', run: 'pnpm --filter lib exec semantic-release', layout: { tool: 'semantic-release', libPrivate: true }, want: [] },
    { name: 'private workspace, --workspaces', run: 'npm run release --workspaces', layout: { tool: 'semantic-release', libPrivate: true }, want: [] },
    // npm does not expand a glob (no workspace matches, the run fails): read where the command runs, as before.
    { name: "npx -w 'packages/*': as before", run: "npx -w 'packages/*' semantic-release", layout: { tool: 'semantic-release' }, want: [] },
    // Every workspace: a private one publishes nothing there.
    { name: 'private workspace, npx -ws', run: 'npx -ws semantic-release', layout: { tool: 'semantic-release', libPrivate: true }, want: [] },
    // `npm exec --prefix` runs the command in the current directory (the private root).
    { name: 'npm exec --prefix runs in the current directory', run: 'npm exec --prefix packages/lib -- semantic-release', layout: { tool: 'semantic-release' }, want: [] },
  ];
  for (const { name, run, layout, want } of rows) {
    it(name, () => {
      expect(sites(repo(run, layout))).toEqual(want);
    });
  }
});
