import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { NPM_CLI_USE } from '../data/npm-cli.js';
import { loadProject } from '../project.js';
import { analyzeScript, findPublishCommands, type RecognizeContext, type WorkspaceScripts } from './publish-commands.js';
import { parseTurboRun } from './turbo-runs.js';
import { turboDeclared, turboEntries, type TurboTask } from './turbo-tasks.js';

const AT = { file: 'turbo.json', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
const task = (...dependsOn: string[]): TurboTask => ({ dependsOn, at: AT });
const declared = (names: Record<string, TurboTask>, complete = true): WorkspaceScripts['turbo'] => ({ tasks: names, complete });

/**
 * The root (`//`, its `release` declared as `//#release`); `@acme/core` publishes with its
 * `publish-package` script; `@acme/ui` too, and its `release` depends on `publish`; `tools`
 * builds only; `@acme/docs` has a `publish-package` script that no turbo.json declares for it.
 */
const PACKAGES: WorkspaceScripts[] = [
  { dir: '', name: '//', scripts: { release: 'changeset publish', 'package:publish': 'turbo run @acme/core#publish-package' }, turbo: declared({ release: task() }) },
  { dir: 'packages/core', name: '@acme/core', scripts: { build: 'tsc', 'publish-package': 'npm publish --no-git-checks' }, turbo: declared({ build: task(), 'publish-package': task('^build') }) },
  { dir: 'packages/ui', name: '@acme/ui', scripts: { build: 'tsc', 'publish-package': 'npm publish', publish: 'node ship.js', release: 'echo done' }, turbo: declared({ build: task(), 'publish-package': task(), release: task('build', 'publish') }) },
  { dir: 'tools', name: 'tools', scripts: { build: 'tsc' }, turbo: declared({ build: task() }) },
  { dir: 'apps/docs', name: '@acme/docs', scripts: { 'publish-package': 'npm publish' }, turbo: declared({ build: task() }) },
];
const ctx = (packages: WorkspaceScripts[] | null = PACKAGES, extra: Partial<RecognizeContext> = {}): RecognizeContext => ({
  scripts: PACKAGES[0]!.scripts,
  workspaceScripts: (source) => (source === 'turbo' ? (packages ?? undefined) : undefined),
  ...extra,
});

/** `recognizer@confidence`, the scripts on the way, and the package it ran in. */
function brief(script: string, context: RecognizeContext = ctx()): string[] {
  return findPublishCommands(script, context).map((m) => {
    const via = m.via.map((v) => `<${v.script}`).join('');
    const where = m.inPackage ? ` in ${m.inPackage.selector}` : '';
    return `${m.recognizer}@${m.confidence}${via}${where}`;
  });
}

const CORE = 'npm-publish@certain<publish-package in ./packages/core';
const UI = 'npm-publish@certain<publish-package in ./packages/ui';
const guessed = (s: string): string => s.replace('@certain', '@heuristic');

describe('a Turborepo task run follows the task into each package it runs in', () => {
  const rows: { name: string; script: string; context?: RecognizeContext; want: string[] }[] = [
    { name: '<pkg>#<task> (Pascal-Lohscheidt/m4trix): that package only', script: 'turbo run @acme/core#publish-package', want: [CORE] },
    { name: 'through the root script that runs it', script: 'pnpm run package:publish', want: ['npm-publish@certain<package:publish<publish-package in ./packages/core'] },
    { name: 'no filter: every package that declares the task and has the script', script: 'turbo run publish-package', want: [CORE, UI] },
    { name: 'turbo <task> (turbo 2 alias), through a runner', script: 'npx turbo publish-package', want: [CORE, UI] },
    { name: '--filter=<name>', script: 'turbo run publish-package --filter=@acme/ui', want: [UI] },
    { name: '-F <name> before the task', script: 'pnpm turbo -F @acme/core run publish-package', want: [CORE] },
    { name: 'a name without its scope matches the one scoped package', script: 'turbo run publish-package --filter core', want: [CORE] },
    { name: 'a directory filter', script: 'turbo run publish-package --filter=./packages/ui', want: [UI] },
    { name: 'the packages of a directory', script: 'turbo run publish-package --filter "./packages/*"', want: [CORE, UI] },
    { name: 'several filters: the union', script: 'turbo run publish-package -F @acme/core -F=@acme/ui', want: [CORE, UI] },
    { name: 'several tasks in one run', script: 'turbo run build publish-package --filter=@acme/core', want: [CORE] },
    { name: 'the root runs a task declared //#task (and @acme/ui its release)', script: 'turbo run release', want: ['changeset-publish@certain<release', 'turbo-run@heuristic in ./packages/ui'] },
    { name: '//#task', script: 'turbo run //#release', want: ['changeset-publish@certain<release'] },
    { name: 'arguments after -- reach the script', script: 'turbo run publish-package --filter=@acme/core -- --tag next', want: [CORE] },
    { name: 'a dry run forwarded publishes nothing', script: 'turbo run publish-package -- --dry-run', want: [] },
    { name: '--dry runs no task', script: 'turbo run publish-package --dry', want: [] },
    { name: '--graph runs no task', script: 'turbo run publish-package --graph out.svg', want: [] },
    // Controls
    { name: 'a build task publishes nothing', script: 'turbo run build', want: [] },
    { name: 'a task no turbo.json declares for a package does not run there', script: 'turbo run publish-package --filter=@acme/docs', want: [] },
    { name: "turbo's other commands publish nothing", script: 'turbo prune @acme/core --docker', want: [] },
    // Guesses
    { name: '--affected: which packages is unknown', script: 'turbo run publish-package --affected', want: [guessed(CORE), guessed(UI)] },
    { name: 'a graph selector: a guess over every package', script: 'turbo run publish-package --filter=@acme/core...', want: [guessed(CORE), guessed(UI)] },
    { name: 'a git range: a guess', script: 'turbo run publish-package --filter=[HEAD^1]', want: [guessed(CORE), guessed(UI)] },
    { name: 'an exclusion: a guess', script: 'turbo run publish-package --filter=!@acme/ui', want: [guessed(CORE), guessed(UI)] },
    { name: 'a glob it cannot resolve: a guess', script: 'turbo run publish-package --filter="./packages/**"', want: [guessed(CORE), guessed(UI)] },
    { name: 'an unknown option: a guess', script: 'turbo run publish-package --filter=@acme/core --new-option', want: [guessed(CORE)] },
    { name: '<pkg>#<task> outside the filter: turbo 2 skips it, older releases ran it', script: 'turbo run @acme/core#publish-package --filter=@acme/ui', want: [guessed(CORE)] },
    { name: 'an unknown package keeps a guess', script: 'turbo run publish-package --filter=@acme/nope', want: ['turbo-run@heuristic'] },
    { name: 'an unknown <pkg>#<task> keeps a guess', script: 'turbo run @acme/nope#publish-package', want: ['turbo-run@heuristic'] },
    { name: 'a task named like a publish reached through dependsOn is a guess', script: 'turbo run release --filter=@acme/ui', want: ['turbo-run@heuristic in ./packages/ui'] },
    { name: '--only: no dependsOn', script: 'turbo run release --filter=@acme/ui --only', want: [] },
    { name: 'packages not read: a task named like a publish is a guess', script: 'turbo run publish-package', context: ctx(null), want: ['turbo-run@heuristic'] },
    { name: '--cwd elsewhere: the packages are not read', script: 'turbo run publish-package --cwd apps', want: ['turbo-run@heuristic'] },
    { name: 'not at the root: the packages are not read', script: 'cd packages/ui && turbo run publish-package', want: ['turbo-run@heuristic'] },
    {
      name: 'a turbo.json it cannot read: the declarations are a guess',
      script: 'turbo run publish-package --filter=@acme/docs',
      context: ctx(PACKAGES.map((p) => ({ ...p, turbo: declared({}, false) }))),
      want: ['npm-publish@heuristic<publish-package in ./apps/docs'],
    },
  ];
  it.each(rows)('$name', ({ script, context, want }) => {
    expect(brief(script, context)).toEqual(want);
  });

  it('a run of tasks not named like a publish it cannot read stays a command it cannot read', () => {
    const result = analyzeScript('turbo run build', ctx(null));
    expect(result.matches).toEqual([]);
    expect(result.unread.map((u) => u.words.join(' '))).toEqual(['turbo run build']);
  });

  it('turbo watch is not followed', () => {
    expect(analyzeScript('turbo watch publish-package', ctx()).unread.map((u) => u.words.join(' '))).toEqual(['turbo watch publish-package']);
  });

  it('the guess it adds is checked as a possible npm publish (table row turbo-run)', () => {
    expect(NPM_CLI_USE['turbo-run']).toBe('guess');
    expect(brief('turbo run publish', ctx(null))).toEqual(['turbo-run@heuristic']);
  });
});

describe('parseTurboRun', () => {
  const rows: { script: string; want: Partial<ReturnType<typeof parseTurboRun>> | undefined }[] = [
    { script: 'turbo run build test', want: { tasks: ['build', 'test'], filters: [] } },
    { script: 'turbo build --filter web -F=./apps/* -Fdocs', want: { tasks: ['build'], filters: ['web', './apps/*', 'docs'] } },
    { script: 'turbo run @m4trix/core#publish-package', want: { tasks: ['@m4trix/core#publish-package'] } },
    { script: 'turbo run publish --concurrency 1 --cache-dir .turbo --force', want: { tasks: ['publish'], unsure: false } },
    { script: 'turbo run publish --force true --summarize', want: { tasks: ['publish'], unsure: false } },
    { script: 'turbo run publish --graph graph.svg', want: { tasks: ['publish'], noRun: true } },
    { script: 'turbo run publish --dry=json', want: { tasks: ['publish'], noRun: true } },
    { script: 'turbo run publish --affected --only', want: { unknownSelection: true, only: true } },
    { script: 'turbo run publish -- --tag next', want: { tasks: ['publish'], forwarded: ['--tag', 'next'] } },
    { script: 'turbo run publish --cwd=./', want: { elsewhere: false } },
    { script: 'turbo run publish --root-turbo-json other.json', want: { elsewhere: true } },
    { script: 'turbo run', want: undefined },
    { script: 'turbo prune web', want: undefined },
    { script: 'turbo --version', want: undefined },
  ];
  it.each(rows)('$script', ({ script, want }) => {
    const run = parseTurboRun(script.split(' '));
    if (want === undefined) expect(run).toBeUndefined();
    else expect(run).toMatchObject(want);
  });
});

describe('turbo.json declarations', () => {
  const files = (texts: Record<string, string>) => {
    const project = loadProject(new MemoryFs({ 'package.json': '{}', ...texts }));
    return { exists: (f: string) => project.facts.exists(f), text: (f: string) => project.facts.text(f) };
  };
  const keys = (d: { tasks: Record<string, TurboTask>; complete: boolean }): string => `${Object.keys(d.tasks).sort().join(',')}${d.complete ? '' : ' (incomplete)'}`;
  const root = JSON.stringify({ tasks: { build: {}, '@a/x#publish': { dependsOn: ['^build'] }, '//#format': {}, '@a/y#lint': {} } });

  it('a package: plain tasks, its own <name>#task, and its own turbo.json', () => {
    const f = files({ 'turbo.json': root, 'packages/x/turbo.json': JSON.stringify({ extends: ['//'], tasks: { deploy: {} } }) });
    expect(keys(turboDeclared(f, turboEntries(f, ''), 'packages/x', '@a/x'))).toBe('build,deploy,publish');
    expect(turboDeclared(f, turboEntries(f, ''), 'packages/x', '@a/x').tasks['publish']?.dependsOn).toEqual(['^build']);
  });
  it('the root: its //#task entries only', () => {
    const f = files({ 'turbo.json': root });
    expect(keys(turboDeclared(f, turboEntries(f, ''), '', undefined))).toBe('format');
  });
  it("turbo 1's pipeline key", () => {
    const f = files({ 'turbo.json': JSON.stringify({ pipeline: { release: {} } }) });
    expect(keys(turboDeclared(f, turboEntries(f, ''), 'packages/x', '@a/x'))).toBe('release');
  });
  it('turbo.jsonc, and comments in either file', () => {
    const plain = files({ 'turbo.jsonc': root });
    expect(keys(turboDeclared(plain, turboEntries(plain, ''), 'packages/x', '@a/x'))).toBe('build,publish');
    const text = `{\n  // the tasks, "url": "http://x"\n  "tasks": { /* all */ "build": { "outputs": ["dist/**"] }, "a//b": {} }\n}\n`;
    for (const name of ['turbo.json', 'turbo.jsonc']) {
      const commented = files({ [name]: text });
      expect(keys(turboDeclared(commented, turboEntries(commented, ''), 'packages/x', '@a/x'))).toBe('a//b,build');
    }
  });
  it('a turbo.json it cannot parse leaves the declarations incomplete', () => {
    const f = files({ 'turbo.json': '{ "tasks": { "build": ' });
    expect(turboEntries(f, '')).toBe('unread');
    expect(keys(turboDeclared(f, 'unread', 'packages/x', '@a/x'))).toBe(' (incomplete)');
  });
  it('no turbo.json: nothing known to be declared', () => {
    const f = files({});
    expect(turboEntries(f, '')).toBe('none');
    expect(keys(turboDeclared(f, 'none', 'packages/x', '@a/x'))).toBe(' (incomplete)');
  });
});

describe('a Turborepo in a repository (Pascal-Lohscheidt/m4trix)', () => {
  const circleci = `version: 2.1
jobs:
  publish-core:
    docker:
      - image: cimg/node:20.0
    steps:
      - checkout
      - run: pnpm install
      - run:
          name: Publish core package
          command: pnpm run package:publish
workflows:
  release:
    jobs:
      - publish-core
`;
  const base: Record<string, string> = {
    '.circleci/config.yml': circleci,
    'package.json': JSON.stringify({ name: 'core', private: true, packageManager: 'pnpm@9.0.0', scripts: { 'package:publish': 'turbo run @m4trix/core#publish-package', 'evals:publish': 'turbo run @m4trix/evals#publish-package' } }),
    'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
    'turbo.json': JSON.stringify({ tasks: { '@m4trix/core#publish-package': { dependsOn: ['^build'] }, '@m4trix/evals#publish-package': { dependsOn: ['^build'] } } }),
    'packages/core/package.json': JSON.stringify({ name: '@m4trix/core', version: '1.0.0', scripts: { 'publish-package': 'npm publish --no-git-checks' } }),
    'packages/evals/package.json': JSON.stringify({ name: '@m4trix/evals', version: '1.0.0', scripts: { 'publish-package': 'npm publish --no-git-checks' } }),
  };
  const sites = (files: Record<string, string | undefined>): string[] => {
    const present = Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined));
    const project = loadProject(new MemoryFs(present));
    return project.facts.sites.map((p) => `${p.certainty} ${p.publish.match.tool} ${p.targets.kind === 'single' ? p.targets.packages.map((x) => x.name).join(',') : '?'}`);
  };
  it('`pnpm run package:publish` is a certain npm publish of @m4trix/core only', () => {
    expect(sites(base)).toEqual(['certain npm @m4trix/core']);
  });
  it('control: without turbo.json the task is a guess', () => {
    expect(sites({ ...base, 'turbo.json': undefined })).toEqual(['likely npm ?']);
  });
});
