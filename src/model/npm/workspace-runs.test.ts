import { describe, expect, it } from 'vitest';
import { findPublishCommands, type RecognizeContext, type WorkspaceScripts } from './publish-commands.js';
import { MAX_RESOLUTIONS } from './publish-match.js';
import { matchScriptRun } from './script-runs.js';
import { filterProjects, selectWorkspaces, wildcardMatch } from './workspace-runs.js';

/** `recognizer@confidence`, the scripts on the way, and the package it ran in. */
function brief(script: string, ctx: RecognizeContext): string[] {
  return findPublishCommands(script, ctx).map((m) => {
    const via = m.via.map((v) => `<${v.script}`).join('');
    const where = m.inPackage ? ` in ${m.inPackage.selector}@${m.inPackage.depth}` : '';
    return `${m.recognizer}@${m.confidence}${via}${where}`;
  });
}

const WORKSPACES: WorkspaceScripts[] = [
  { dir: 'packages/a', name: '@acme/a', scripts: { release: 'release-it' } },
  { dir: 'packages/b', name: '@acme/b', scripts: { release: 'npm publish --access public', prerelease: 'tsc' } },
  { dir: 'packages/c', name: '@acme/c', scripts: { build: 'tsc' } },
  { dir: 'tools/d', name: 'd', scripts: { release: 'echo not a publish' } },
];
const workspaceScripts = (): readonly WorkspaceScripts[] => WORKSPACES;
const ROOT = { release: 'npm run release --workspaces --if-present --' };
const A = 'release-it@certain<release in ./packages/a@0';
const B = 'npm-publish@certain<release in ./packages/b@0';
const GUESS = ['npm-run@heuristic'];

interface Row {
  name: string;
  script: string;
  scripts?: Record<string, string>;
  ctx?: Partial<RecognizeContext>;
  want: string[];
}

describe('npm run <script> in workspaces reads each workspace\'s script', () => {
  const rows: Row[] = [
    { name: '--workspaces --if-present', script: 'npm run release --workspaces --if-present', want: [A, B] },
    { name: '-ws', script: 'npm run release -ws', want: [A, B] },
    { name: 'before the script name', script: 'npm run --workspaces release', want: [A, B] },
    { name: 'before run', script: 'npm --workspaces run-script release', want: [A, B] },
    { name: '--workspaces=true', script: 'npm run release --workspaces=true', want: [A, B] },
    { name: 'through a root script, arguments forwarded (redis/node-redis)', script: 'npm run release -- --ci', scripts: ROOT, want: ['release-it@certain<release<release in ./packages/a@1', 'npm-publish@certain<release<release in ./packages/b@1'] },
    { name: 'a workspace named by package name', script: 'npm run release -w @acme/a', want: [A] },
    { name: 'a workspace named by directory', script: 'npm run release --workspace=./packages/b', want: [B] },
    { name: 'a parent directory selects the workspaces directly in it', script: 'npm run release -w packages', want: [A, B] },
    { name: 'several -w', script: 'npm run release -w tools/d -w @acme/b', want: [B] },
    { name: 'named ones beside --workspaces: only those', script: 'npm run release -ws -w @acme/a', want: [A] },
    { name: '--include-workspace-root adds the root', script: 'npm run release -ws --include-workspace-root', scripts: { release: 'npm publish' }, want: ['npm-publish@certain<release', A, B] },
    { name: '-iwr with one workspace', script: 'npm run release -iwr -w @acme/a', scripts: { release: 'npm publish' }, want: ['npm-publish@certain<release', A] },
    { name: 'a workspace\'s configuration that publishes nothing', script: 'npm run release -ws', ctx: { workspaceScripts: () => [{ ...WORKSPACES[0]!, configSkipsNpm: (id) => id === 'release-it' }, WORKSPACES[1]!] }, want: [B] },
    { name: 'no workspace has the script: nothing runs', script: 'npm run publish -ws', want: [] },
    { name: 'the named workspace lacks it: nothing runs', script: 'npm run release -w @acme/c', want: [] },
    { name: 'a dry run forwarded to each', script: 'npm run release -ws -- --dry-run', want: [] },
  ];
  it.each(rows)('$name', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts: scripts ?? {}, workspaceScripts, ...ctx })).toEqual(want);
  });
});

describe('when the workspaces cannot be read, the run stays a guess as before', () => {
  const many: WorkspaceScripts[] = Array.from({ length: MAX_RESOLUTIONS + 1 }, (_, i) => ({ dir: `packages/p${i}`, scripts: { release: 'npm publish' } }));
  const rows: Row[] = [
    { name: 'no lookup', script: 'npm run release -ws', ctx: { workspaceScripts: undefined }, want: GUESS },
    { name: 'no workspaces found', script: 'npm run release -ws', ctx: { workspaceScripts: () => undefined }, want: GUESS },
    { name: 'a workspace tp-doctor did not find', script: 'npm run release -w @acme/missing', want: GUESS },
    { name: 'one name of several not found', script: 'npm run release -w @acme/a -w @acme/missing', want: GUESS },
    { name: 'a glob', script: 'npm run release -w "packages/*"', want: GUESS },
    { name: 'with --prefix', script: 'npm run release -ws --prefix packages/a', want: GUESS },
    { name: 'after a cd in the step', script: 'cd packages && npm run release -ws', want: GUESS },
    { name: 'after a cd in a script', script: 'npm run ship', scripts: { ship: 'cd sub && npm run release -ws' }, want: ['npm-run@heuristic<ship'] },
    { name: 'after a pushd in a script', script: 'npm run ship', scripts: { ship: 'pushd sub && npm run release -ws' }, want: ['npm-run@heuristic<ship'] },
    {
      name: 'in a lifecycle script of a package a cd moved to',
      script: 'cd packages/b && npm publish',
      ctx: { packageScripts: (selector) => (selector === './packages/b' ? { prepublishOnly: 'npm run release -ws' } : undefined) },
      want: ['npm-run@heuristic<prepublishOnly', 'npm-publish@certain'],
    },
    { name: 'from a package a runner switched to', script: 'pnpm --filter ./packages/b exec npm run release -ws', want: GUESS },
    { name: 'more workspaces than the call may resolve', script: 'npm run release -ws', ctx: { workspaceScripts: () => many }, want: GUESS },
  ];
  it.each(rows)('$name', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts: scripts ?? {}, workspaceScripts, ...ctx })).toEqual(want);
  });

  it('a workspace whose script runs the workspaces again is not followed twice', () => {
    const loop = (): readonly WorkspaceScripts[] => [{ dir: 'packages/a', name: 'a', scripts: { release: 'npm run release -ws && npm publish' } }];
    expect(brief('npm run release -ws', { scripts: {}, workspaceScripts: loop })).toEqual(['npm-run@heuristic<release', 'npm-publish@certain<release in ./packages/a@0']);
  });
});

describe('yarn workspaces foreach run <script> reads each workspace\'s script (package.json workspaces)', () => {
  const yarnScripts = (source: string): readonly WorkspaceScripts[] | undefined =>
    source === 'package.json' ? [...WORKSPACES, { dir: 'packages/e', name: '@acme/e', private: true, scripts: { release: 'npm publish' } }] : undefined;
  const E = 'npm-publish@certain<release in ./packages/e@0';
  const rows: Row[] = [
    { name: '--all run', script: 'yarn workspaces foreach --all run release', want: [A, B, E] },
    { name: '-A with other options, a bare script name', script: 'yarn workspaces foreach -A -pt --jobs 2 release', want: [A, B, E] },
    { name: 'Yarn 2-3: no selection option', script: 'yarn workspaces foreach run release', want: [A, B, E] },
    { name: '--no-private skips private workspaces', script: 'yarn workspaces foreach -A --no-private run release', want: [A, B] },
    { name: '--include a name pattern', script: "yarn workspaces foreach -A --include '@acme/*' run release", want: [A, B, E] },
    { name: '--include a path, --exclude a name', script: 'yarn workspaces foreach -A --include packages/* --exclude @acme/a run release', want: [B, E] },
    { name: '--include=<name>', script: 'yarn workspaces foreach -A --include=@acme/b run release', want: [B] },
    {
      name: 'through the root script of the same name: the root is skipped',
      script: 'yarn release',
      scripts: { release: 'yarn workspaces foreach -A --no-private run release' },
      want: ['release-it@certain<release<release in ./packages/a@1', 'npm-publish@certain<release<release in ./packages/b@1'],
    },
    { name: 'from the workflow, the root\'s own script runs too', script: 'yarn workspaces foreach -A run release', scripts: { release: 'npm publish' }, want: ['npm-publish@certain<release', A, B, E] },
    // The root's name and `private` are not at hand: options that filter leave it out.
    { name: 'options that filter leave the root out', script: 'yarn workspaces foreach -A --no-private run release', scripts: { release: 'npm publish' }, want: [A, B] },
    { name: '--dry-run runs nothing', script: 'yarn workspaces foreach -A --dry-run run release', want: [] },
    { name: '--since: the changed ones, a guess', script: 'yarn workspaces foreach --since run release', want: ['release-it@heuristic<release in ./packages/a@0', 'npm-publish@heuristic<release in ./packages/b@0', 'npm-publish@heuristic<release in ./packages/e@0'] },
    { name: 'no workspace has the script: nothing runs', script: 'yarn workspaces foreach -A run ship', want: [] },
  ];
  it.each(rows)('$name', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts: scripts ?? {}, workspaceScripts: yarnScripts, ...ctx })).toEqual(want);
  });

  const guesses: Row[] = [
    { name: 'a dependency walk (-R --from)', script: 'yarn workspaces foreach -R --from @acme/a run release', want: ['yarn-run@heuristic'] },
    { name: 'a variable pattern', script: 'yarn workspaces foreach -A --include "$PKG" run release', want: ['yarn-run@heuristic'] },
    { name: 'no workspaces found', script: 'yarn workspaces foreach -A run release', ctx: { workspaceScripts: () => undefined }, want: ['yarn-run@heuristic'] },
  ];
  it.each(guesses)('cannot be read, a guess as before: $name', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts: scripts ?? {}, workspaceScripts: yarnScripts, ...ctx })).toEqual(want);
  });
});

describe('Yarn 1\'s yarn workspaces run <script> reads each workspace\'s script, never the root\'s (jcoreio/aws-utils)', () => {
  const SR = 'semantic-release@certain<semantic-release in ./packages/a@0';
  const semrel = (): readonly WorkspaceScripts[] => [{ dir: 'packages/a', name: '@acme/a', scripts: { 'semantic-release': 'semantic-release -e semantic-release-monorepo' } }, WORKSPACES[2]!];
  const rows: Row[] = [
    { name: 'every workspace that has it', script: 'yarn workspaces run release', want: [A, B] },
    { name: 'the root\'s own script does not run', script: 'yarn workspaces run release', scripts: { release: 'npm publish' }, want: [A, B] },
    { name: 'after yarn\'s global options', script: 'yarn --silent workspaces run release', want: [A, B] },
    { name: 'through a root script', script: 'yarn release', scripts: { release: 'yarn workspaces run release' }, want: ['release-it@certain<release<release in ./packages/a@1', 'npm-publish@certain<release<release in ./packages/b@1'] },
    { name: 'a dry run forwarded to each', script: 'yarn workspaces run release --dry-run', want: [] },
    { name: 'a script named like a publish tool is the workspace\'s script, not the root\'s bin', script: 'yarn workspaces run semantic-release || true', ctx: { workspaceScripts: semrel }, want: [SR] },
    { name: 'no workspace has the script: nothing runs', script: 'yarn workspaces run ship', want: [] },
    { name: 'no workspaces found: a guess as before', script: 'yarn workspaces run release', ctx: { workspaceScripts: () => undefined }, want: ['yarn-run@heuristic'] },
    // Controls: the other workspace commands.
    { name: 'control: one workspace', script: 'yarn workspace @acme/b run release', ctx: { packageScripts: (selector) => (selector === '@acme/b' ? WORKSPACES[1]!.scripts : undefined) }, want: ['npm-publish@certain<release in @acme/b@0'] },
    { name: 'control: yarn workspaces info runs nothing', script: 'yarn workspaces info', want: [] },
    { name: 'control: the root\'s bin, run from the root', script: 'yarn run semantic-release', ctx: { workspaceScripts: semrel }, want: ['semantic-release@certain'] },
  ];
  it.each(rows)('$name', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts: scripts ?? {}, workspaceScripts, ...ctx })).toEqual(want);
  });

  it('reads the words as a run of the script in every workspace', () => {
    expect(matchScriptRun(['yarn', 'workspaces', 'run', 'release', '--ci'], 'yarn')).toMatchObject({ name: 'release', forwarded: ['--ci'], otherPackages: true, label: 'yarn workspaces run release', workspaces: { source: 'package.json', names: [], includeRoot: false } });
    expect(matchScriptRun(['yarn', 'workspaces', 'list'], 'yarn')).toBeUndefined();
  });
});

describe('a selection tp-doctor cannot read: each workspace\'s script is read, what it finds a guess (rollup/plugins: `pnpm --filter [HEAD^] release`)', () => {
  const everywhere = (source: string): readonly WorkspaceScripts[] | undefined => (source === 'package.json' || source === 'pnpm-workspace.yaml' ? WORKSPACES : undefined);
  const A_GUESS = 'release-it@heuristic<release in ./packages/a@0';
  const B_GUESS = 'npm-publish@heuristic<release in ./packages/b@0';
  const rows: Row[] = [
    { name: 'npm: a variable', script: 'npm run release -w "$PKG"', want: [A_GUESS, B_GUESS] },
    { name: 'pnpm: a graph selector', script: 'pnpm --filter "@acme/a..." run release', want: [A_GUESS, B_GUESS] },
    { name: 'pnpm: dependencies only', script: 'pnpm --filter "@acme/a^..." run release', want: [A_GUESS, B_GUESS] },
    { name: 'pnpm: changed since', script: 'pnpm --filter "[HEAD^]" --workspace-concurrency=1 release', want: [A_GUESS, B_GUESS] },
    { name: 'pnpm: an exclusion', script: 'pnpm -r --filter "!@acme/c" run release', want: [A_GUESS, B_GUESS] },
    { name: 'pnpm: a deep directory glob', script: 'pnpm --filter "./packages/**" release', want: [A_GUESS, B_GUESS] },
    { name: 'yarn: a brace pattern', script: "yarn workspaces foreach -A --include '@acme/{a,b}' run release", want: [A_GUESS, B_GUESS] },
    // Before: matched literally, so no workspace and no publish.
    { name: 'yarn: an extglob', script: "yarn workspaces foreach -A --include '@acme/@(a|b)' run release", want: [A_GUESS, B_GUESS] },
    { name: 'no workspace has the script: nothing runs', script: 'pnpm --filter "[HEAD^]" run ship', want: [] },
    // Control: a name that matches no workspace is no unread selection (the run fails), nor npm's quoted glob.
    { name: 'control: npm, a name not found', script: 'npm run release -w @acme/missing', want: GUESS },
    { name: 'control: npm, a quoted glob', script: 'npm run release -w "packages/*"', want: GUESS },
  ];
  it.each(rows)('$name', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts: scripts ?? {}, workspaceScripts: everywhere, ...ctx })).toEqual(want);
  });
});

describe('pnpm -r run <script> reads each project\'s script (pnpm-workspace.yaml packages:)', () => {
  const pnpmScripts = (source: string): readonly WorkspaceScripts[] | undefined => (source === 'pnpm-workspace.yaml' ? WORKSPACES : undefined);
  const rows: Row[] = [
    { name: '-r run', script: 'pnpm -r run release', want: [A, B] },
    { name: '--recursive run', script: 'pnpm --recursive run release', want: [A, B] },
    { name: '-r with the implicit run', script: 'pnpm -r release', want: [A, B] },
    { name: 'run -r', script: 'pnpm run -r release', want: [A, B] },
    { name: 'through a root script', script: 'pnpm release', scripts: { release: 'pnpm -r run release' }, want: ['release-it@certain<release<release in ./packages/a@1', 'npm-publish@certain<release<release in ./packages/b@1'] },
    { name: 'a name pattern', script: 'pnpm -r --filter "@acme/*" run release', want: [A, B] },
    { name: '--filter alone is recursive', script: 'pnpm --filter "@acme/*" release', want: [A, B] },
    { name: 'a directory pattern', script: 'pnpm -F "./packages/*" run release', want: [A, B] },
    { name: 'several filters', script: 'pnpm --filter @acme/a --filter ./tools/d run release', want: [A] },
    { name: 'a name without its scope', script: 'pnpm -r --filter b run release', want: [B] },
    { name: '--include-workspace-root adds the root', script: 'pnpm -r --include-workspace-root release', scripts: { release: 'npm publish' }, want: ['npm-publish@certain<release', A, B] },
    { name: 'options after the script name are the script\'s', script: 'pnpm -r run release --include-workspace-root', scripts: { release: 'npm publish' }, want: [A, B] },
    { name: 'no project has the script: nothing runs', script: 'pnpm -r run ship', want: [] },
  ];
  it.each(rows)('$name', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts: scripts ?? {}, workspaceScripts: pnpmScripts, ...ctx })).toEqual(want);
  });

  const guesses: Row[] = [
    { name: 'no projects at all', script: 'pnpm -r run release', ctx: { workspaceScripts: () => undefined }, want: ['pnpm-run@heuristic'] },
    { name: 'a project tp-doctor did not find', script: 'pnpm --filter @acme/a --filter @acme/missing run release', want: ['pnpm-run@heuristic'] },
    { name: 'the workspace root (-w)', script: 'pnpm -r -w run release', want: ['pnpm-run@heuristic'] },
    { name: 'another directory', script: 'pnpm -r --dir sub run release', want: ['pnpm-run@heuristic'] },
  ];
  it.each(guesses)('$name: a guess, as before', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts: scripts ?? {}, workspaceScripts: pnpmScripts, ...ctx })).toEqual(want);
  });
});

describe('pnpm -r without pnpm-workspace.yaml projects: the package.json workspaces, each script read, what it finds a guess (survey 400b §3)', () => {
  // pnpm then runs in every package.json below (@pnpm/fs.find-packages `['.', '**']`): the workspaces are some of them.
  const npmOnly = (source: string): readonly WorkspaceScripts[] | undefined => (source === 'package.json' ? WORKSPACES : undefined);
  const rows: Row[] = [
    { name: '-r run', script: 'pnpm -r run release', want: ['release-it@heuristic<release in ./packages/a@0', 'npm-publish@heuristic<release in ./packages/b@0'] },
    { name: 'a name filter', script: 'pnpm --filter @acme/b run release', want: ['npm-publish@heuristic<release in ./packages/b@0'] },
    { name: 'no package has the script: nothing runs', script: 'pnpm -r run ship', want: [] },
    // pnpm's projects may hold a package the workspaces do not: the run stays a guess from its name.
    { name: 'control: a name no workspace has', script: 'pnpm --filter @acme/zz run release', want: ['pnpm-run@heuristic'] },
  ];
  it.each(rows)('$name', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts: scripts ?? {}, workspaceScripts: npmOnly, ...ctx })).toEqual(want);
  });

  it('control: with pnpm-workspace.yaml projects, those are read, certain', () => {
    const both = (source: string): readonly WorkspaceScripts[] | undefined => (source === 'package.json' ? WORKSPACES : source === 'pnpm-workspace.yaml' ? [WORKSPACES[1]!] : undefined);
    expect(brief('pnpm -r run release', { scripts: {}, workspaceScripts: both })).toEqual([B]);
  });
});

describe('lerna run <script> reads the script of each package of lerna\'s list (palantir/conjure-typescript-runtime, survey 400b §3)', () => {
  const LERNA: WorkspaceScripts[] = [...WORKSPACES, { dir: 'packages/e', name: '@acme/e', private: true, scripts: { release: 'npm publish' } }, { dir: 'packages/f', name: 'f-2', scripts: { release: 'npm publish' } }];
  const lernaScripts = (source: string): readonly WorkspaceScripts[] | undefined => (source === 'lerna.json' ? LERNA : undefined);
  const E = 'npm-publish@certain<release in ./packages/e@0';
  const F = 'npm-publish@certain<release in ./packages/f@0';
  const guess = (want: string[]): string[] => want.map((w) => w.replace('@certain', '@heuristic'));
  const rows: Row[] = [
    { name: 'run', script: 'lerna run release', want: [A, B, E, F] },
    { name: 'through npx, the root script of the same name (the root never runs it)', script: 'npm run release', scripts: { release: 'npx lerna run release' }, want: [A, B, E, F].map((w) => w.replace('<release in', '<release<release in').replace('@0', '@1')) },
    { name: 'through yarn and node_modules/.bin', script: 'yarn lerna run release && node_modules/.bin/lerna run release --stream', want: [A, B, E, F, A, B, E, F] },
    { name: 'arguments after -- go to the script (each a dry run then)', script: 'lerna run release -- --dry-run', want: [] },
    { name: '--scope a name', script: 'lerna run --scope @acme/b release', want: [B] },
    { name: '--scope= a glob, after the script name', script: "lerna run release --scope='@acme/*' --stream", want: [A, B, E] },
    { name: 'a star does not cross the slash of a scope', script: "lerna run release --scope '*-2'", want: [F] },
    { name: 'several --scope, an --ignore', script: 'lerna run release --scope @acme/a --scope @acme/b --ignore @acme/a', want: [B] },
    { name: '--no-private', script: 'lerna --loglevel silly run --no-private release', want: [A, B, F] },
    { name: 'global options before run', script: 'lerna --concurrency 1 run release --npm-client yarn', want: [A, B, E, F] },
    { name: '--since: changed packages, a guess', script: 'lerna run release --since main', want: guess([A, B, E, F]) },
    { name: '--since without a ref before the script name', script: 'lerna run --since --scope @acme/b release', want: guess([B]) },
    { name: '--include-dependencies: a guess', script: 'lerna run --scope @acme/b --include-dependencies release', want: guess([B]) },
    { name: 'an extglob tp-doctor does not match: each package, a guess', script: "lerna run release --scope '@acme/@(a|b)'", want: guess([A, B, E, F]) },
    { name: 'a brace pattern: a guess', script: "lerna run release --ignore '@acme/{a,e}'", want: guess([A, B, E, F]) },
    { name: 'a variable: a guess', script: 'lerna run release --scope "$PKG"', want: guess([A, B, E, F]) },
    { name: 'no package has the script: nothing runs', script: 'lerna run ship', want: [] },
    { name: 'a scope that matches none: nothing runs', script: 'lerna run release --scope @other/x', want: [] },
    { name: 'lerna-lite --run-dry-run runs nothing', script: 'lerna run release --run-dry-run', want: [] },
    // Controls: lerna's other commands are not script runs.
    { name: 'control: lerna version runs no script', script: 'lerna version --yes', want: [] },
    { name: 'control: lerna publish is recognised as such', script: 'lerna publish from-package', want: ['lerna-publish@certain'] },
  ];
  it.each(rows)('$name', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts: scripts ?? {}, workspaceScripts: lernaScripts, ...ctx })).toEqual(want);
  });

  const unread: Row[] = [
    { name: 'no list found', script: 'lerna run release', ctx: { workspaceScripts: () => undefined }, want: ['lerna-run@heuristic'] },
    { name: 'several scripts at once (lerna 6+)', script: 'lerna run build,release', want: [] },
    { name: 'after a cd', script: 'cd packages && lerna run release', want: ['lerna-run@heuristic'] },
  ];
  it.each(unread)('not followed: $name', ({ script, scripts, ctx, want }) => {
    expect(brief(script, { scripts: scripts ?? {}, workspaceScripts: lernaScripts, ...ctx })).toEqual(want);
  });
});

describe('filterProjects', () => {
  it.each([
    [[], ['packages/a', 'packages/b', 'packages/c', 'tools/d']],
    [['d'], ['tools/d']],
    [['c'], ['packages/c']],
    [['./tools/d'], ['tools/d']],
    [['./packages/*', 'd'], ['packages/a', 'packages/b', 'packages/c', 'tools/d']],
    [['*/b'], ['packages/b']],
    [['@acme/b', '@acme/a'], ['packages/a', 'packages/b']],
    [['./packages'], undefined],
    [['./packages/**'], undefined],
    [['{packages/a}'], undefined],
    [['.'], undefined],
    [['...@acme/a'], undefined],
    [['@acme/z*'], undefined],
  ])('%j', (filters, want) => {
    expect(filterProjects(WORKSPACES, filters)?.map((w) => w.dir)).toEqual(want);
  });

  it.each([
    ['@acme/*', '@acme/b', true],
    ['*/b', '@acme/b', true],
    ['*', '@acme/b', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['*a*', 'bab', true],
    ['x*', 'ax', false],
  ])('wildcard %s against %s: %s', (pattern, name, want) => {
    expect(wildcardMatch(pattern, name)).toBe(want);
  });

  it('matches a many-star filter without backtracking (a regular expression took seconds; review of 2026-12-04)', () => {
    const names: WorkspaceScripts[] = [{ dir: 'p/x', name: 'a'.repeat(40), scripts: {} }];
    expect(filterProjects(names, [`${'a*'.repeat(30)}b`])).toBeUndefined();
    expect(filterProjects(names, [`${'a*'.repeat(30)}a`])?.map((w) => w.dir)).toEqual(['p/x']);
  });

  it('a name without its scope that several scopes have selects none tp-doctor can tell', () => {
    const scoped: WorkspaceScripts[] = [...WORKSPACES, { dir: 'other/b', name: '@other/b', scripts: {} }];
    expect(filterProjects(scoped, ['b'])).toBeUndefined();
  });
});

describe('matchScriptRun: the workspace selection of npm run', () => {
  const selection = (command: string): unknown => {
    const words = command.split(' ');
    return matchScriptRun(words, words[0]!)?.workspaces;
  };
  it.each([
    ['npm run release -ws', { source: 'package.json', names: [], includeRoot: false }],
    ['npm -w a -w ./b run release', { source: 'package.json', names: ['a', './b'], includeRoot: false }],
    ['npm run release --workspace=a --if-present -iwr', { source: 'package.json', names: ['a'], includeRoot: true }],
    ['npm run release -ws --include-workspace-root=false', { source: 'package.json', names: [], includeRoot: false }],
    ['npm run release', undefined],
    ['npm run release --workspaces=false', undefined],
    ['npm run release -ws --prefix x', undefined],
    ['npm run release -- -ws', undefined],
    // Before: pnpm's recursive run selected nothing tp-doctor read (its scripts stayed a guess).
    ['pnpm -r run release', { source: 'pnpm-workspace.yaml', names: [], includeRoot: false }],
    ['pnpm run -r release', { source: 'pnpm-workspace.yaml', names: [], includeRoot: false }],
    ['pnpm --recursive --include-workspace-root release', { source: 'pnpm-workspace.yaml', names: [], includeRoot: true }],
    ['pnpm -F a --filter=./b run release', { source: 'pnpm-workspace.yaml', names: ['a', './b'], includeRoot: false }],
    ['pnpm -r run release --include-workspace-root', { source: 'pnpm-workspace.yaml', names: [], includeRoot: false }],
    ['pnpm -r -w run release', undefined],
    ['pnpm -r --dir x run release', undefined],
  ])('%s', (command, want) => {
    expect(selection(command)).toEqual(want);
  });

  it('a run that adds the root is no single package\'s', () => {
    expect(matchScriptRun(['npm', 'run', 'x', '-w', 'a'], 'npm')?.target).toBe('a');
    expect(matchScriptRun(['npm', 'run', 'x', '-w', 'a', '-iwr'], 'npm')?.target).toBeUndefined();
  });
});

describe('selectWorkspaces', () => {
  it.each([
    [[], ['packages/a', 'packages/b', 'packages/c', 'tools/d']],
    [['d'], ['tools/d']],
    [['tools/d'], ['tools/d']],
    [['./tools/d/'], ['tools/d']],
    [['tools'], ['tools/d']],
    [['packages', '@acme/a'], ['packages/a', 'packages/b', 'packages/c']],
    [['.'], undefined],
    [['../x'], undefined],
    [['packages/a/src'], undefined],
  ])('%j', (names, want) => {
    expect(selectWorkspaces(WORKSPACES, names)?.map((w) => w.dir)).toEqual(want);
  });
});
