/**
 * `make <target>` followed into the committed makefile (src/model/npm/make-runs.ts, with
 * make-command.ts and makefile.ts): evanw/esbuild's `make publish-all` runs 29 `cd npm/... && npm
 * publish` through `$(MAKE)`. Each case has its control: a target that publishes nothing, a dry run,
 * an unknown target, no makefile.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { analyzeScript, findPublishCommands, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import { expandMake, MAKE_VALUE, parseMakeCommand, type MakeLookup } from '../../src/model/npm/make-command.js';
import { parseMakefile } from '../../src/model/npm/makefile.js';
import { MAX_MAKE_TARGETS } from '../../src/model/npm/make-runs.js';

const mk = (...lines: string[]): string => `${lines.join('\n')}\n`;

function ctx(files: Record<string, string>, more: Partial<RecognizeContext> = {}): RecognizeContext {
  return { shellFile: (f) => files[f], dir: '', ...more };
}

/** `label confidence via script@line:command` of each publish, and the commands left unread. */
function read(script: string, files: Record<string, string>, more: Partial<RecognizeContext> = {}): { publishes: string[]; unread: string[] } {
  const analysis = analyzeScript(script, ctx(files, more), { unread: true });
  return {
    publishes: analysis.matches.map((m) => `${m.label} ${m.confidence} ${m.via.map((v) => `${v.script}@${v.at?.start.line ?? ''}:${v.command}`).join(' > ')}`),
    unread: analysis.unread.map((u) => u.text),
  };
}

describe('parseMakeCommand', () => {
  const cases: { words: string[]; want: Partial<ReturnType<typeof parseMakeCommand>> | undefined }[] = [
    { words: ['make', 'publish-all'], want: { goals: ['publish-all'], dirs: [], files: [], dry: false } },
    { words: ['make', '-C', 'packages/core', 'publish'], want: { goals: ['publish'], dirs: ['packages/core'] } },
    { words: ['make', '-Cpackages/core', '--directory=sub', 'publish'], want: { dirs: ['packages/core', 'sub'] } },
    { words: ['gmake', '-f', 'release.mk', '--no-print-directory', 'publish'], want: { files: ['release.mk'], goals: ['publish'] } },
    { words: ['make', '-sj4', 'publish'], want: { goals: ['publish'] } },
    { words: ['make', '-j', '4', 'publish', '-k'], want: { goals: ['publish'] } },
    { words: ['make', '-j', 'publish'], want: { goals: ['publish'] } },
    { words: ['make', '-n', 'publish'], want: { dry: true } },
    { words: ['make', '--dry', 'publish'], want: { dry: true } },
    { words: ['make', '--just-print', 'publish'], want: { dry: true } },
    { words: ['make', '-t', 'publish'], want: { dry: true } },
    { words: ['make', '--version'], want: { nothing: true } },
    { words: ['make', '-e', 'publish'], want: { environment: true } },
    { words: ['make', 'publish', 'TAG=next', 'REG:=x', 'N+=1'], want: { goals: ['publish'], vars: new Map([['TAG', 'next'], ['REG', 'x'], ['N', undefined]]) } },
    { words: ['make', '--', '-weird'], want: { goals: ['-weird'] } },
    { words: ['make'], want: { goals: [] } },
    { words: ['make', '-X', 'publish'], want: undefined },
    { words: ['make', '--eval=publish: ; npm publish', 'publish'], want: undefined },
    { words: ['make', '-o', 'build', 'publish'], want: undefined },
    { words: ['make', '-C', '$DIR', 'publish'], want: undefined },
    { words: ['make', '$TARGET'], want: undefined },
    { words: ['make', '-f', '-'], want: undefined },
  ];
  it.each(cases)('$words', ({ words, want }) => {
    const run = parseMakeCommand(words);
    if (want === undefined) expect(run).toBeUndefined();
    else expect(run).toMatchObject(want);
  });
});

describe('expandMake', () => {
  const vars: Record<string, string | null> = { TAG: 'next', DIR: 'npm/$(NAME)', NAME: 'esbuild', HOST: null, LOOP: '$(LOOP)', '@': 'publish' };
  const lookup: MakeLookup = (name) => (name in vars ? vars[name]! : undefined);
  const cases: [string, string][] = [
    ['npm publish --tag $(TAG)', 'npm publish --tag next'],
    ['cd ${DIR} && npm publish', 'cd npm/esbuild && npm publish'],
    ['echo $$HOME $@', 'echo $HOME publish'],
    ['$(MAKE) --no-print-directory publish-x', 'make --no-print-directory publish-x'],
    ['npm publish --registry $(HOST)', `npm publish --registry ${MAKE_VALUE}`],
    ['npm publish $(shell cat tag.txt) $(TAG:n=m)', `npm publish ${MAKE_VALUE} ${MAKE_VALUE}`],
    ['NODE_AUTH_TOKEN=$(NPM_TOKEN) npm publish', 'NODE_AUTH_TOKEN=${NPM_TOKEN} npm publish'],
    ['echo $(LOOP)', `echo ${MAKE_VALUE}`],
    ['echo $(unclosed', `echo ${MAKE_VALUE}`],
  ];
  it.each(cases)('%s', (text, want) => {
    expect(expandMake(text, lookup)).toBe(want);
  });
});

describe('parseMakefile', () => {
  it('reads rules, recipes with their prefixes and continuations, and the default goal', () => {
    const model = parseMakefile(
      mk('.PHONY: all publish', 'VERSION = 1.0', '', 'all: build # the default', '\t@echo "$(VERSION)"', '# a comment inside', '', '\t-rm -rf dist \\', '\t  tmp', 'publish:: all ; +npm publish', 'publish:: docs', '\tnpm run docs:deploy'),
    );
    expect(model.defaultGoal).toBe('all');
    expect([...model.phony]).toEqual(['all', 'publish']);
    expect(model.variables.get('VERSION')).toBe('1.0');
    const all = model.targets.get('all')!;
    expect(all.rules[0]!.prereqs).toEqual(['build']);
    expect(all.rules[0]!.recipe.map((l) => l.text)).toEqual(['echo "$(VERSION)"', 'rm -rf dist \\\n  tmp']);
    const publish = model.targets.get('publish')!;
    expect(publish.doubleColon).toBe(true);
    expect(publish.rules.map((r) => r.recipe.map((l) => [l.text, l.runsWhenDry]))).toEqual([[['npm publish', true]], [['npm run docs:deploy', false]]]);
    expect(model.open).toBe(false);
  });

  it('ends a rule context at an assignment, not at a conditional, and reads tabbed assignments outside one', () => {
    const model = parseMakefile(mk('ifeq ($(OS),Windows_NT)', '\tEXE = .exe', 'endif', 'publish:', 'ifdef CI', '\tnpm publish', 'else', '\techo local', 'endif', 'X = 1', '\techo orphan'));
    expect(model.variables.has('EXE')).toBe(true);
    expect(model.variables.get('EXE')).toBeUndefined(); // assigned inside a conditional
    const recipe = model.targets.get('publish')!.rules[0]!.recipe;
    expect(recipe.map((l) => [l.text, l.conditional])).toEqual([['npm publish', true], ['echo local', true]]);
  });

  it('keeps a value it cannot read as undefined: assigned twice, +=, define, override, target-specific', () => {
    const model = parseMakefile(mk('A = 1', 'A = 2', 'B := x', 'B += y', 'define C', 'publish: ; npm publish', 'endef', 'override D = 1', 'E ?= e', 'F := $(E)-f', 'publish: G = 1', 'H := $(shell date)'));
    expect(Object.fromEntries(model.variables)).toEqual({ A: undefined, B: undefined, C: undefined, D: undefined, E: 'e', F: 'e-f', G: undefined, H: undefined });
    expect(model.targets.has('publish')).toBe(false);
  });

  it('marks the makefile open when rules may come from elsewhere; a target with a variable it cannot read hides the default goal', () => {
    expect(parseMakefile(mk('include common.mk', 'publish: ; npm publish')).open).toBe(true);
    expect(parseMakefile(mk('%.js: %.ts', '\ttsc $<')).open).toBe(true);
    const model = parseMakefile(mk('$(BIN): main.go', '\tgo build', 'publish: ; npm publish'));
    expect([model.open, model.defaultGoal]).toEqual([true, undefined]);
    expect(parseMakefile(mk('.DEFAULT_GOAL := publish', 'build: ; tsc', 'publish: ; npm publish')).defaultGoal).toBe('publish');
  });

  it('.RECIPEPREFIX: a one-character prefix', () => {
    const model = parseMakefile(mk('.RECIPEPREFIX = >', 'publish:', '> npm publish'));
    expect(model.targets.get('publish')!.rules[0]!.recipe.map((l) => l.text)).toEqual(['npm publish']);
    expect(parseMakefile(mk('.RECIPEPREFIX = $(P)', 'publish:', '\tnpm publish')).unreadable).toBe(true);
  });
});

const ESBUILD = mk(
  'ESBUILD_VERSION = $(shell cat version.txt)',
  '',
  'publish-all: check-go-version',
  '\t# Make sure the npm directory is pristine',
  '\trm -fr npm && git checkout npm',
  '\t@$(MAKE) --no-print-directory publish-linux-x64',
  '\t@$(MAKE) --no-print-directory publish-neutral',
  '',
  'check-go-version:',
  '\t@go version | grep -F " go1.25 " || (echo "Please install Go" && false)',
  '',
  'publish-linux-x64: platform-linux-x64',
  '\tcd npm/@esbuild/linux-x64 && npm publish',
  '',
  'publish-neutral: platform-neutral',
  '\tcd npm/esbuild && npm publish',
  '',
  'platform-linux-x64:',
  '\t@$(MAKE) --no-print-directory GOOS=linux NPMDIR=npm/@esbuild/linux-x64 platform-internal',
  'platform-neutral: platform-linux-x64',
  'platform-internal:',
  '\t@test -n "$(NPMDIR)" || (echo "NPMDIR must be provided" && false)',
  '\tgo build -o "$(NPMDIR)/bin/esbuild" ./cmd/esbuild',
);

describe('make runs read in the makefile', () => {
  it('evanw/esbuild: `make publish-all` publishes through `$(MAKE) publish-x`, each placed at its recipe line', () => {
    expect(read('make publish-all', { Makefile: ESBUILD })).toEqual({
      publishes: [
        'npm publish (run by make publish-linux-x64) heuristic Makefile@6:make --no-print-directory publish-linux-x64 > Makefile@13:cd npm/@esbuild/linux-x64 && npm publish',
        'npm publish (run by make publish-neutral) heuristic Makefile@7:make --no-print-directory publish-neutral > Makefile@16:cd npm/esbuild && npm publish',
      ],
      unread: [],
    });
  });

  it('the same through `gmake`, a `cd` before it, and a package.json script', () => {
    const files = { 'tools/Makefile': ESBUILD };
    expect(read('cd tools && gmake publish-neutral', files).publishes).toHaveLength(1);
    expect(read('npm run release', files, { scripts: { release: 'make -C tools publish-neutral' } }).publishes).toEqual([
      'npm publish (run by make publish-neutral) heuristic release@:make -C tools publish-neutral > tools/Makefile@16:cd npm/esbuild && npm publish',
    ]);
  });

  it('is found without the unread list too (`make` is a trigger)', () => {
    expect(findPublishCommands('make publish-neutral', ctx({ Makefile: ESBUILD }))).toHaveLength(1);
  });

  it('control: a target whose recipes publish nothing is no publish, and no command left unread', () => {
    expect(read('make check-go-version', { Makefile: ESBUILD })).toEqual({ publishes: [], unread: [] });
    // Without a goal: the first target (`build`), not `publish`.
    expect(read('make', { Makefile: mk('build:', '\tnpm run build', 'publish: build', '\tnpm publish') }, { scripts: { build: 'tsc' } })).toEqual({ publishes: [], unread: [] });
  });

  it('control: a dry run (`-n`) publishes nothing, even through `$(MAKE)`, with or without a makefile', () => {
    expect(read('make -n publish-all', { Makefile: ESBUILD })).toEqual({ publishes: [], unread: [] });
    expect(read('make --dry-run publish', {})).toEqual({ publishes: [], unread: [] });
    // A `+` line runs even under `-n`.
    expect(read('make -n publish', { Makefile: mk('publish:', '\t+npm publish') }).publishes).toHaveLength(1);
  });

  it('control: an unknown target, a missing makefile, or a recipe tp-doctor cannot read keep the command unread', () => {
    expect(read('make publish-nothing', { Makefile: ESBUILD })).toEqual({ publishes: [], unread: ['make publish-nothing'] });
    expect(read('make publish-all', {})).toEqual({ publishes: [], unread: ['make publish-all'] });
    expect(read('make publish', { Makefile: mk('publish:', '\tnode scripts/release.js') })).toEqual({ publishes: [], unread: ['make publish'] });
    expect(read('make -C $DIR publish', { Makefile: ESBUILD }).unread).toEqual(['make -C $DIR publish']);
  });

  it('prerequisites run first and publish too; `$@`, the makefile variables and the command line are put in', () => {
    const files = { Makefile: mk('TAG = latest', 'release: build publish-npm', 'build: ; tsc', 'publish-npm:', '\tnpm publish --tag $(TAG) # $@') };
    expect(read('make release', files).publishes).toEqual(['npm publish (run by make publish-npm) heuristic Makefile@5:npm publish --tag latest # publish-npm']);
    const flags = (script: string): unknown[] => analyzeScript(script, ctx(files)).matches.map((m) => m.flags.tag);
    expect(flags('make release TAG=next')).toEqual(['next']);
    // Command-line variables reach the makes a recipe starts (MAKEFLAGS).
    expect(flags('make outer TAG=beta')).toEqual([]);
    const nested = { Makefile: `${files.Makefile}outer:\n\t$(MAKE) publish-npm\n` };
    expect(analyzeScript('make outer TAG=beta', ctx(nested)).matches.map((m) => m.flags.tag)).toEqual(['beta']);
  });

  it('GNUmakefile before makefile before Makefile; `-f` reads only the file it names', () => {
    const files = { GNUmakefile: mk('publish: ; npm publish --tag gnu'), Makefile: mk('publish: ; npm publish --tag plain'), 'release.mk': mk('publish: ; npm publish --tag mk') };
    const tags = (script: string): unknown[] => analyzeScript(script, ctx(files)).matches.map((m) => m.flags.tag);
    expect(tags('make publish')).toEqual(['gnu']);
    expect(tags('make -f release.mk publish')).toEqual(['mk']);
  });

  it('each recipe line runs in its own shell; `.ONESHELL` runs the recipe in one', () => {
    const recipe = ['publish:', '\tcd packages/app', '\tnpm run release'];
    const more: Partial<RecognizeContext> = { scripts: { release: 'echo root' }, packageScripts: (s) => (s === './packages/app' ? { release: 'npm publish' } : undefined) };
    expect(read('make publish', { Makefile: mk(...recipe) }, more).publishes).toEqual([]);
    expect(read('make publish', { Makefile: mk('.ONESHELL:', ...recipe) }, more).publishes).toHaveLength(1);
  });

  it('a recursive make into its own target ends; a graph over the bound is not read', () => {
    expect(read('make publish', { Makefile: mk('publish:', '\t$(MAKE) publish', '\tnpm publish') }).publishes).toHaveLength(1);
    const chain = Array.from({ length: MAX_MAKE_TARGETS + 1 }, (_, i) => `t${i}: t${i + 1}`);
    expect(read('make t0', { Makefile: mk(...chain, `t${MAX_MAKE_TARGETS + 1}: ; npm publish`) }).unread).toEqual(['make t0']);
  });

  it('a build target many makes share is read once per call, so the budget holds (evanw/esbuild starts 29 makes)', () => {
    const names = Array.from({ length: 30 }, (_, i) => `p${i}`);
    const makefile = mk('all:', ...names.map((n) => `\t$(MAKE) publish-${n}`), ...names.flatMap((n) => [`publish-${n}: build`, `\tcd npm/${n} && npm publish`]), 'build:', '\tnode scripts/build.js');
    const build = Array.from({ length: 10 }, (_, i) => `execSync('node step${i}.js');`).join('\n');
    expect(read('make all', { Makefile: makefile, 'scripts/build.js': build }).publishes).toHaveLength(30);
  });

  it('a conditional that decides which recipe a target has: every branch is read', () => {
    const files = { Makefile: mk('ifeq ($(CI),true)', 'publish:', '\tnpm publish', 'else', 'publish:', '\techo "not on CI"', 'endif') };
    expect(read('make publish', files).publishes).toHaveLength(1);
  });
});

const pkg = (name: string): string => JSON.stringify({ name, version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });

describe('the targets of a publish in a recipe line', () => {
  const ci: Record<string, (command: string) => Record<string, string>> = {
    github: (command) => ({ '.github/workflows/publish.yml': `on: push\npermissions:\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${command}\n` }),
    gitlab: (command) => ({ '.gitlab-ci.yml': `publish:\n  image: node:24\n  script:\n    - ${command}\n` }),
    circleci: (command) => ({
      '.circleci/config.yml': `version: 2.1\njobs:\n  publish:\n    docker:\n      - image: cimg/node:24.11\n    steps:\n      - checkout\n      - run: ${command}\nworkflows:\n  main:\n    jobs:\n      - publish\n`,
    }),
  };
  const repo = (command: string, makefile: string, provider = 'github'): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['npm/esbuild', 'npm/@esbuild/*'] }),
    'npm/esbuild/package.json': pkg('esbuild'),
    'npm/@esbuild/linux-x64/package.json': pkg('@esbuild/linux-x64'),
    'sub/Makefile': makefile,
    Makefile: makefile,
    ...ci[provider]!(command),
  });
  const sites = (files: Record<string, string>): string[] =>
    loadProject(new MemoryFs(files), {}).facts.sites.map((s) => `${s.certainty} ${s.directory ?? '?'} ${(s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages).map((p) => p.name).join(',')}`);

  it.each(Object.keys(ci))('evanw/esbuild: each publish names the package its recipe line goes to (%s)', (provider) => {
    expect(sites(repo('make publish-all', ESBUILD, provider))).toEqual(['likely npm/@esbuild/linux-x64 @esbuild/linux-x64', 'likely npm/esbuild esbuild']);
  });

  it('`make -C dir`: the recipes run in dir, and a `cd` in them goes on from there', () => {
    expect(sites(repo('make publish-neutral', ESBUILD))).toEqual(['likely npm/esbuild esbuild']);
    // sub/Makefile's `cd npm/esbuild` goes to sub/npm/esbuild, which holds no package.json.
    expect(sites(repo('make -C sub publish-neutral', ESBUILD))).toEqual(['likely sub/npm/esbuild ']);
    const own: Record<string, string> = { ...repo('make -C npm/esbuild publish', ESBUILD), 'npm/esbuild/Makefile': mk('publish:', '\tnpm publish --access public') };
    expect(sites(own)).toEqual(['likely npm/esbuild esbuild']);
    expect(sites({ ...own, '.github/workflows/publish.yml': own['.github/workflows/publish.yml']!.replace('run: make', 'run: cd npm && make').replace('-C npm/esbuild', '-C esbuild') })).toEqual(['likely npm/esbuild esbuild']);
  });

  it('control: a make started by a make that ran in another directory is not placed (every candidate)', () => {
    const files = { ...repo('make -C sub outer', ESBUILD), 'sub/Makefile': mk('outer:', '\t$(MAKE) -C ../npm/esbuild publish'), 'npm/esbuild/Makefile': mk('publish:', '\tnpm publish') };
    expect(sites(files)).toEqual(['likely ? @esbuild/linux-x64,esbuild']);
  });
});
