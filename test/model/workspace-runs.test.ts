/**
 * `npm run <script> --workspaces` (src/model/npm/workspace-runs.ts) on loaded projects: each
 * workspace's script is read, and what it publishes is a site in that workspace's directory, as
 * `npm -w <dir> run <script>` is. The pattern of redis/node-redis: `npm run release --workspaces
 * --if-present`, each workspace's `release` running release-it.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { circleConfig, lintFiles } from '../helpers.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', repository: 'github:acme/widgets', ...fields });

function workflow(run: string): string {
  return `on: workflow_dispatch\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - uses: actions/checkout@v6\n      - run: ${run}\n`;
}

/** A root with `workspaces`, `packages/a` releasing with release-it, `packages/b` with `npm publish`, `packages/c` without a release. */
function repo(run: string, root: Record<string, unknown> = { workspaces: ['packages/*'] }): Record<string, string> {
  return {
    'package.json': pkg({ name: 'widgets-root', private: true, scripts: { release: 'npm run release --workspaces --if-present --' }, ...root }),
    'packages/a/package.json': pkg({ name: '@acme/a', scripts: { release: 'release-it' } }),
    'packages/a/.release-it.json': '{"npm":{"publish":true}}',
    'packages/b/package.json': pkg({ name: '@acme/b', scripts: { release: 'npm publish --access public' } }),
    '.npmrc': 'provenance=true\n',
    'packages/c/package.json': pkg({ name: '@acme/c', scripts: { build: 'tsc' } }),
    '.github/workflows/release.yml': workflow(run),
  };
}

/** `label certainty targets[...] in <directory>` per site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.publish.match.label} ${s.certainty} ${s.targets.kind}[${list.map((p) => p.name).join(',')}] in ${s.directory ?? '?'}`;
  });
}

const A = 'release-it certain single[@acme/a] in packages/a';
const B = 'npm publish certain single[@acme/b] in packages/b';
// A guess from a script's name, with no sign of npm in the job: possible (github/publishes.ts `lowerUnsignedGuesses`).
const GUESSED = 'npm run release (script not found) possible unknown[@acme/a,@acme/b,@acme/c] in ?';

describe('npm run <script> --workspaces publishes from each workspace\'s directory', () => {
  it.each([
    ['through the root script', 'npm run release -- --ci', {}, [A, B]],
    ['directly', 'npm run release --workspaces --if-present', {}, [A, B]],
    ['one workspace by name', 'npm run release -w @acme/b', {}, [B]],
    ['the workspaces of a listed directory', 'npm run release -w packages', {}, [A, B]],
    ['a workspace list of paths', 'npm run release -ws', { workspaces: ['packages/a', './packages/b/'] }, [A, B]],
    ['a workspace list with a negation', 'npm run release -ws', { workspaces: ['packages/*', '!packages/a'] }, [B]],
    ['npm\'s `workspaces` in an object', 'npm run release -ws', { workspaces: { packages: ['packages/b'] } }, [B]],
  ])('%s: %s', (_what, run, root, want) => {
    expect(sites(repo(run, { workspaces: ['packages/*'], ...root }))).toEqual(want);
  });

  it('a site is the one `npm -w <dir> run` gives: same directory, targets, registry, .npmrc files and provenance', () => {
    const shape = (run: string): unknown => {
      const { facts } = loadProject(new MemoryFs(repo(run)));
      const site = facts.sites.find((s) => s.publish.match.tool === 'npm');
      const b = facts.packages.packages.find((p) => p.name === '@acme/b')!;
      return site && {
        directory: site.directory,
        targets: site.targets.packages.map((p) => p.dir),
        registry: site.registry.registry,
        npmrc: facts.npmrcDirsRead(site),
        provenance: facts.provenanceFor(b).map((p) => `${p.kind} ${p.value}`),
      };
    };
    expect(shape('npm run release -ws')).toEqual(shape('npm -w packages/b run release'));
    expect(shape('npm run release -ws')).toMatchObject({ directory: 'packages/b', targets: ['packages/b'], npmrc: [''], provenance: ['npmrc true'] });
  });

  it.each([
    ['no workspaces field', { workspaces: undefined }],
    ['globs that match no committed package.json', { workspaces: ['libs/*'] }],
  ])('%s: a guess, as before', (_what, root) => {
    expect(sites(repo('npm run release -ws', root))).toEqual(['npm run release (script not found) possible unknown[] in ?']);
  });

  it('workspaces only in pnpm-workspace.yaml are not npm\'s: a guess', () => {
    const files = { ...repo('npm run release -ws', { workspaces: undefined }), 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n' };
    expect(sites(files)).toEqual([GUESSED]);
  });

  it('a step in a subdirectory does not read the root\'s workspaces', () => {
    const files = repo('npm run release -ws');
    files['.github/workflows/release.yml'] = workflow('npm run release -ws').replace('      - run:', '      - working-directory: packages/c\n        run:');
    expect(sites(files)).toEqual([GUESSED]);
  });

  it('a GitLab job reads them too', () => {
    const files = repo('echo');
    delete files['.github/workflows/release.yml'];
    files['.gitlab-ci.yml'] = 'release:\n  image: node:24\n  script:\n    - npm run release --workspaces --if-present\n';
    expect(sites(files)).toEqual([A, B]);
  });

  it('a CircleCI run step too, unless its working_directory moves it', () => {
    const files = repo('echo');
    delete files['.github/workflows/release.yml'];
    files['.circleci/config.yml'] = circleConfig(['- run: npm run release -ws']);
    expect(sites(files)).toEqual([A, B]);
    files['.circleci/config.yml'] = circleConfig(['- run:', '    command: npm run release -ws', '    working_directory: packages/c']);
    // CircleCI keeps a name guess likely (its tokens live in contexts tp-doctor cannot see).
    expect(sites(files)).toEqual([GUESSED.replace('possible', 'likely')]);
  });
});

describe('pnpm -r run <script> publishes from each project\'s directory (pnpm-workspace.yaml)', () => {
  const pnpmRepo = (run: string, yaml = 'packages:\n  - packages/*\n'): Record<string, string> => ({ ...repo(run, { workspaces: undefined }), 'pnpm-workspace.yaml': yaml });
  it.each([
    ['-r run', 'pnpm -r run release', [A, B]],
    ['-r with the implicit run', 'pnpm -r release', [A, B]],
    ['a directory filter', 'pnpm --filter "./packages/*" run release', [A, B]],
    ['a name filter', 'pnpm -r --filter @acme/b run release', [B]],
  ])('%s: %s', (_what, run, want) => {
    expect(sites(pnpmRepo(run))).toEqual(want);
  });

  it('a project list with an exclusion', () => {
    expect(sites(pnpmRepo('pnpm -r run release', 'packages:\n  - packages/*\n  - "!packages/a"\n'))).toEqual([B]);
  });

  it('a site is the one `pnpm --filter ./<dir> run` gives', () => {
    const site = (run: string): unknown => {
      const found = loadProject(new MemoryFs(pnpmRepo(run))).facts.sites.find((s) => s.publish.match.tool === 'npm');
      return found && { directory: found.directory, targets: found.targets.packages.map((p) => p.dir), registry: found.registry.registry };
    };
    expect(site('pnpm -r run release')).toEqual(site('pnpm --filter ./packages/b run release'));
    expect(site('pnpm -r run release')).toMatchObject({ directory: 'packages/b', targets: ['packages/b'] });
  });

  // pnpm without pnpm-workspace.yaml runs in every package.json below (@pnpm/fs.find-packages `['.', '**']`):
  // npm's `workspaces` are some of them. Before: `pnpm run release (script not found)`, possible (survey 400b §3).
  it('npm `workspaces` only: some of pnpm\'s projects, each script read, what it finds likely', () => {
    expect(sites(repo('pnpm -r run release'))).toEqual(['release-it likely unknown[@acme/a,@acme/b,@acme/c] in ?', 'npm publish likely unknown[@acme/a,@acme/b,@acme/c] in ?']);
  });
});

describe('lerna run <script> publishes from each package of lerna\'s list (palantir/conjure-typescript-runtime, survey 400b §3)', () => {
  const lerna = (run: string, lernaJson = '{"packages":["packages/*"],"version":"independent"}'): Record<string, string> => ({ ...repo(run, { scripts: { release: 'lerna run release' } }), 'lerna.json': lernaJson });
  it.each([
    ['through the root script', 'npm run release', [A, B]],
    ['directly, through npx', 'npx lerna run release --stream', [A, B]],
    ['--scope', 'yarn lerna run --scope @acme/b release', [B]],
    ['--ignore', 'npx lerna run release --ignore @acme/b', [A]],
  ])('%s: %s', (_what, run, want) => {
    expect(sites(lerna(run))).toEqual(want);
  });

  it('lerna.json without `packages`: the package manager\'s workspaces (lerna 7+)', () => {
    expect(sites({ ...repo('npx lerna run release'), 'lerna.json': '{"version":"1.0.0","useWorkspaces":true}' })).toEqual([A, B]);
  });

  it('lerna.json `packages` decide, not `workspaces`', () => {
    expect(sites(lerna('npx lerna run release', '{"packages":["packages/b"]}'))).toEqual([B]);
  });

  it('--since: changed packages, each script read, what it finds likely', () => {
    expect(sites(lerna('npx lerna run release --since main'))).toEqual(['release-it likely unknown[@acme/a,@acme/b,@acme/c] in ?', 'npm publish likely unknown[@acme/a,@acme/b,@acme/c] in ?']);
  });

  it('control: no lerna.json and no workspaces: a guess from the name, as before', () => {
    const files = repo('npx lerna run release', { workspaces: undefined });
    // The private root is no candidate; before, `lerna run` was no publish at all (knownUse).
    expect(sites(files)).toEqual(['lerna run release (script not found) possible unknown[] in ?']);
  });
});

describe('yarn workspaces foreach run <script> publishes from each workspace\'s directory', () => {
  it.each([
    ['--all run', 'yarn workspaces foreach --all run release', [A, B]],
    ['--no-private with a private workspace', 'yarn workspaces foreach -A --no-private run release', [B]],
    ['--exclude', 'yarn workspaces foreach -A --exclude @acme/b run release', [A]],
  ])('%s: %s', (_what, run, want) => {
    // The root has no `release` of its own here (Yarn's root is a workspace too).
    const files = repo(run, { workspaces: ['packages/*'], scripts: {} });
    files['packages/a/package.json'] = files['packages/a/package.json']!.replace('"name"', run.includes('--no-private') ? '"private":true,"name"' : '"name"');
    expect(sites(files)).toEqual(want);
  });

  it('the root\'s own loop (`"release": "yarn workspaces foreach -A run release"`) through `yarn release`', () => {
    const files = repo('yarn release', { workspaces: ['packages/*'], scripts: { release: 'yarn workspaces foreach -A run release' } });
    expect(sites(files)).toEqual([A, B]);
  });
});

describe('lint: npm run release --workspaces with release-it in a workspace (redis/node-redis)', () => {
  it('checks release-it against the workspace\'s configuration, and the job as a certain publish', async () => {
    const files = repo('npm run release -- --ci -i patch', { workspaces: ['./packages/a'] });
    files['.git/config'] = '[remote "origin"]\n\turl = https://github.com/acme/widgets.git\n';
    const diagnostics = await lintFiles(files);
    // Before: the root's `npm run release` was a guess ("script not found"), so a warning for
    // `id-token` and no look at release-it at all.
    expect(diagnostics.map((d) => `${d.ruleId}@${d.severity} ${d.file}:${d.line}`)).toEqual([
      'require-environment-protection@info .github/workflows/release.yml:3',
      'require-id-token-write@error .github/workflows/release.yml:5',
      'publish-tool-supports-oidc@error .github/workflows/release.yml:9',
      'npm-supports-oidc@warning .github/workflows/release.yml:9',
      // The root `.npmrc`'s `provenance=true` in a job without `id-token: write`: npm 9.5.0 or later stops with
      // EUSAGE (A.70); the job's npm is not known here (npm-supports-oidc's warning), so a warning.
      'provenance-settings@warning .npmrc:1',
    ]);
    expect(diagnostics.find((d) => d.ruleId === 'publish-tool-supports-oidc')?.message).toContain('packages/a/.release-it.json');
  });
});
