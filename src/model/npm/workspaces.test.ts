import { describe, expect, it } from 'vitest';
import type { GithubPublisher, Publisher } from '../../config/types.js';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';
import { hasGlobChars } from '../facts.js';
import type { Project } from '../project.js';

const discoverPackages = (p: Project) => p.facts.packages;
const coveredPackages = (p: Project, publishers: readonly Publisher[]) => p.facts.coverage(publishers);

const pkg = (fields: Record<string, unknown>): string => JSON.stringify(fields, null, 2);

function project(files: Record<string, string>) {
  return loadProject(new MemoryFs(files));
}

function dirs(files: Record<string, string>): string[] {
  return discoverPackages(project(files)).packages.map((p) => `${p.dir || '.'}:${p.name ?? '?'}${p.private ? ':private' : ''}`);
}

describe('discoverPackages', () => {
  const cases: { name: string; files: Record<string, string>; want: string[]; monorepo?: boolean }[] = [
    { name: 'single package', files: { 'package.json': pkg({ name: 'a' }) }, want: ['.:a'], monorepo: false },
    { name: 'no package.json', files: { 'README.md': '' }, want: [], monorepo: false },
    {
      name: 'npm workspaces array',
      files: {
        'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
        'packages/b/package.json': pkg({ name: '@x/b' }),
        'packages/a/package.json': pkg({ name: '@x/a', private: true }),
        'packages/no-manifest/README.md': '',
      },
      want: ['.:root:private', 'packages/a:@x/a:private', 'packages/b:@x/b'],
      monorepo: true,
    },
    {
      name: 'yarn workspaces { packages }',
      files: {
        'package.json': pkg({ private: true, workspaces: { packages: ['./libs/*/'] } }),
        'libs/one/package.json': pkg({ name: 'one' }),
      },
      want: ['.:?:private', 'libs/one:one'],
    },
    {
      name: 'pnpm-workspace.yaml with a negation',
      files: {
        'package.json': pkg({ name: 'root', private: true }),
        'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - '!packages/internal'\n  - tools/cli\n",
        'packages/a/package.json': pkg({ name: 'a' }),
        'packages/internal/package.json': pkg({ name: 'internal' }),
        'tools/cli/package.json': pkg({ name: 'cli' }),
      },
      want: ['.:root:private', 'packages/a:a', 'tools/cli:cli'],
    },
    {
      name: 'globstar, node_modules and hidden directories skipped',
      files: {
        'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/**'] }),
        'packages/a/package.json': pkg({ name: 'a' }),
        'packages/group/b/package.json': pkg({ name: 'b' }),
        'packages/a/node_modules/dep/package.json': pkg({ name: 'dep' }),
        'packages/.cache/c/package.json': pkg({ name: 'c' }),
      },
      want: ['.:root:private', 'packages/a:a', 'packages/group/b:b'],
    },
    {
      name: 'lerna.json packages',
      files: {
        'package.json': pkg({ name: 'root', private: true }),
        'lerna.json': pkg({ packages: ['modules/*'] }),
        'modules/m/package.json': pkg({ name: 'm' }),
      },
      want: ['.:root:private', 'modules/m:m'],
    },
    {
      name: "lerna.json without packages uses lerna's default",
      files: {
        'package.json': pkg({ name: 'root', private: true }),
        'lerna.json': pkg({ version: 'independent' }),
        'packages/p/package.json': pkg({ name: 'p' }),
      },
      want: ['.:root:private', 'packages/p:p'],
    },
    {
      name: 'the same directory from two sources is listed once; parent paths are refused',
      files: {
        'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*', '../outside/*'] }),
        'pnpm-workspace.yaml': 'packages: [packages/*]\n',
        'packages/a/package.json': pkg({ name: 'a' }),
      },
      want: ['.:root:private', 'packages/a:a'],
    },
    {
      name: 'an invalid workspace package.json is skipped',
      files: {
        'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
        'packages/a/package.json': '{ not json',
        'packages/b/package.json': pkg({ name: 'b' }),
      },
      want: ['.:root:private', 'packages/b:b'],
    },
  ];
  it.each(cases)('$name', ({ files, want, monorepo }) => {
    expect(dirs(files)).toEqual(want);
    if (monorepo !== undefined) expect(discoverPackages(project(files)).isMonorepo).toBe(monorepo);
  });

  it('treats a truthy private value as private, as npm does (the string "false" and 1 too; false, 0 and "" are not)', () => {
    const files = {
      'package.json': pkg({ name: 'root', private: 'true', workspaces: ['p/*'] }),
      'p/a/package.json': pkg({ name: 'a', private: 'false' }),
      'p/b/package.json': pkg({ name: 'b', private: false }),
      'p/c/package.json': pkg({ name: 'c', private: 1 }),
      'p/d/package.json': pkg({ name: 'd', private: '' }),
      'p/e/package.json': pkg({ name: 'e', private: 0 }),
    };
    expect(dirs(files)).toEqual(['.:root:private', 'p/a:a:private', 'p/b:b', 'p/c:c:private', 'p/d:d', 'p/e:e']);
  });

  it('is cached per project', () => {
    const p = project({ 'package.json': pkg({ name: 'a' }) });
    expect(discoverPackages(p)).toBe(discoverPackages(p));
  });

  it('bounds the walk', () => {
    const files: Record<string, string> = { 'package.json': pkg({ private: true, workspaces: ['a/**'] }) };
    for (let i = 0; i < 3000; i++) files[`a/d${i}/package.json`] = pkg({ name: `p${i}` });
    for (let i = 0; i < 5; i++) files[`a/d${i}/x/y/z/package.json`] = pkg({ name: `deep${i}` });
    const result = discoverPackages(project(files));
    expect(result.truncated).toBe(true);
    expect(result.packages.length).toBeGreaterThan(100);
  });
});

describe('hasGlobChars', () => {
  it.each([
    ['@acme/cli', false],
    ['widget', false],
    ['@acme/*', true],
    ['*', true],
    ['@acme/{a,b}', true],
  ] as const)('%s → %s', (glob, want) => {
    expect(hasGlobChars(glob)).toBe(want);
  });
});

describe('coveredPackages', () => {
  const files = {
    'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'packages/cli/package.json': pkg({ name: '@acme/cli', version: '1.0.0' }),
    'packages/core/package.json': pkg({ name: '@acme/core', version: '1.0.0' }),
    'packages/internal/package.json': pkg({ name: '@acme/internal', version: '1.0.0', private: true }),
    'packages/other/package.json': pkg({ name: 'other', version: '1.0.0' }),
    '.github/workflows/r.yml': 'on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish --workspaces\n',
  };
  const publisher = (packages?: string[]): GithubPublisher => ({
    provider: 'github',
    repository: 'acme/widget',
    workflow: 'release.yml',
    fieldLocations: {},
    inferred: false,
    ...(packages ? { packages } : {}),
  });

  it('matches publisher globs against package names', () => {
    const a = publisher(['@acme/*']);
    const b = publisher(['other', '@acme/internal']);
    const p = project(files);
    const list: Publisher[] = [a, b];
    const got = coveredPackages(p, list).map(
      (c) => `${c.name}: ${c.publishers.map((x) => list.indexOf(x)).join(',')} named:${c.namedBy.map((x) => list.indexOf(x)).join(',')} ${c.published ? 'published' : 'not published'}`,
    );
    expect(got).toEqual([
      'root:  named: not published',
      '@acme/cli: 0 named: published',
      '@acme/core: 0 named: published',
      '@acme/internal: 0,1 named:1 not published',
      'other: 1 named:1 published',
    ]);
    expect(coveredPackages(p, list)).toBe(coveredPackages(p, list));
  });

  it('a publisher without packages covers every package', () => {
    const a = publisher();
    expect(coveredPackages(project(files), [a]).every((c) => c.publishers.length === 1 && c.namedBy.length === 0)).toBe(true);
  });
});

describe('publish targets', () => {
  const base = {
    'package.json': pkg({ name: 'root', version: '0.0.0', workspaces: ['packages/*'], scripts: { release: 'npm publish' } }),
    'packages/a/package.json': pkg({ name: '@x/a', version: '1.0.0' }),
    'packages/b/package.json': pkg({ name: '@x/b', version: '1.0.0' }),
    'packages/c/package.json': pkg({ name: '@x/c', version: '1.0.0', private: true }),
  };
  function targets(step: string, files: Record<string, string> = base): string {
    const wf = `on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n${step}\n`;
    const p = project({ ...files, '.github/workflows/r.yml': wf });
    const t = p.facts.jobSites(p.workflows[0]!.jobs[0]!)[0]!.targets;
    const list = t.kind === 'unknown' ? t.candidates : t.packages;
    return `${t.kind}: ${list.map((x) => x.dir || '.').join(',')}`;
  }
  const rows: [string, string][] = [
    ['      - run: npm publish', 'single: .'],
    ['      - run: npm publish\n        working-directory: packages/a', 'single: packages/a'],
    ['      - run: npm publish\n        working-directory: ./packages/a/', 'single: packages/a'],
    ['      - run: cd packages/b && npm publish --provenance', 'single: packages/b'],
    ['      - run: npm publish packages/a --tag next', 'single: packages/a'],
    ['      - run: npm publish --tag next ./packages/b', 'single: packages/b'],
    ['      - run: npm publish -w @x/b', 'single: packages/b'],
    ['      - run: npm publish --workspace=packages/a', 'single: packages/a'],
    ['      - run: npm publish --workspaces', 'workspaces: packages/a,packages/b'],
    // pnpm counts the root among its workspace projects, and its recursive publish sends it when it is named, versioned and public.
    ['      - run: pnpm -r publish --no-git-checks', 'workspaces: .,packages/a,packages/b'],
    ['      - run: npx changeset publish', 'workspaces: packages/a,packages/b'],
    // A directory without a package.json holds a package built by the job: none of these.
    ['      - run: npm publish dist', 'unknown: '],
    ['      - run: npm publish *.tgz', 'unknown: '],
    // An expression in the directory: any publishable workspace package may be the one (the
    // root that declares the workspaces is their container).
    ['      - run: cd $DIR && npm publish', 'unknown: packages/a,packages/b'],
    ['      - run: npm publish\n        working-directory: ${{ matrix.dir }}', 'unknown: packages/a,packages/b'],
    ['      - run: pnpm --filter @x/a publish', 'single: packages/a'],
    ['      - run: pnpm --filter "@x/*" --filter "!@x/b" publish', 'single: packages/a'],
    ['      - run: pnpm --filter ./packages/b publish', 'single: packages/b'],
    ['      - run: pnpm --filter "[origin/main]" publish', 'unknown: packages/a,packages/b'],
    ['      - run: pnpm -C packages/b publish', 'single: packages/b'],
    ['      - run: yarn workspace @x/a npm publish', 'single: packages/a'],
    ['      - run: npm publish packages/c', 'single: '],
    ['      - run: npm publish\n        working-directory: tools/unlisted', 'unknown: '],
    ['      - run: npm run release', 'single: .'],
    ['      - run: rm -r tmp && npm publish', 'single: .'],
    ['      - run: npx lerna exec -- npm publish --provenance', 'workspaces: packages/a,packages/b'],
    ['      - run: yarn workspaces foreach -A npm publish', 'workspaces: packages/a,packages/b'],
    ['      - uses: JS-DevTools/npm-publish@v4\n        with:\n          package: ./packages/b', 'single: packages/b'],
    ['      - uses: JS-DevTools/npm-publish@v4\n        with:\n          package: packages/a/package.json', 'single: packages/a'],
    ['      - uses: JS-DevTools/npm-publish@v4', 'single: .'],
    ['      - run: npx semantic-release', 'single: .'],
    ['      - run: pnpm run release:npm', 'unknown: packages/a,packages/b'],
  ];
  it.each(rows)('%s → %s', (step, want) => {
    expect(targets(step)).toBe(want);
  });

  it('follows a script that publishes every workspace', () => {
    const files = { ...base, 'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { release: 'lerna version --yes && lerna exec -- npm publish' } }) };
    expect(targets('      - run: npm run release', files)).toBe('workspaces: packages/a,packages/b');
  });
});

describe('the root of a monorepo', () => {
  const wf = (run: string) => `on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;
  const files = (root: Record<string, unknown>, run: string) => ({
    'package.json': pkg({ name: 'root', version: '1.0.0', workspaces: ['packages/*'], ...root }),
    'packages/a/package.json': pkg({ name: 'a', version: '1.0.0' }),
    '.github/workflows/r.yml': wf(run),
  });
  const published = (root: Record<string, unknown>, run: string) =>
    coveredPackages(project(files(root, run)), []).find((p) => p.isRoot)?.published;
  // The root is published only when a command publishes it: a workspace publish never does.
  it.each([
    ['a bare container', {}, 'npm publish --workspaces', false],
    ['published directly at the root', {}, 'npm publish', true],
    ['with entry points, but only the workspaces are published', { main: 'index.js', bin: { x: 'x.js' } }, 'npm publish --workspaces', false],
    ['private, even when published directly', { private: true }, 'npm publish', false],
    // Another job may write the version (video-dev/hls.js): the command still publishes this package.
    ['without a version, still the package npm publishes there', { version: undefined }, 'npm publish', true],
    ['without a version, a workspace-wide publish leaves it out', { version: undefined, workspaces: ['.', 'packages/*'] }, 'npm publish --workspaces', false],
    ['without a version, set by an earlier command', { version: undefined }, 'npm version 1.2.3 --no-git-tag-version && npm publish', true],
    ['without a name', { name: undefined }, 'npm publish', false],
  ] as const)('%s', (_name, root, run, want) => {
    expect(published(root, run)).toBe(want);
  });
  it('a single-package root is published unless private', () => {
    const p = project({ 'package.json': pkg({ name: 'solo', version: '1.0.0' }) });
    expect(coveredPackages(p, []).map((c) => c.published)).toEqual([true]);
  });
});
