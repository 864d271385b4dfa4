/**
 * `just <recipe>` followed into the committed justfile (src/model/npm/just-runs.ts, with
 * justfile.ts), as `make <target>` is into the makefile (survey 500b M4). Each case has its
 * control: a recipe that publishes nothing, a dry run, an unknown recipe, no justfile, what the
 * reader does not follow.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { analyzeScript, findPublishCommands, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import { parseJustCommand, MAX_JUST_RECIPES } from '../../src/model/npm/just-runs.js';
import { parseJustfile } from '../../src/model/npm/justfile.js';

const jf = (...lines: string[]): string => `${lines.join('\n')}\n`;

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

describe('parseJustCommand', () => {
  const cases: { words: string[]; want: Partial<ReturnType<typeof parseJustCommand>> | undefined }[] = [
    { words: ['just', 'release'], want: { args: ['release'], nothing: false } },
    { words: ['just', '-q', '--yes', 'release', '1.2.3'], want: { args: ['release', '1.2.3'] } },
    { words: ['just', '--set', 'tag', 'next', 'VERSION=2', 'release'], want: { args: ['release'] } },
    { words: ['just', '--color=never', 'release'], want: { args: ['release'] } },
    { words: ['just', '--no-deps', 'release'], want: { noDeps: true } },
    { words: ['just', '-n', 'release'], want: { nothing: true } },
    { words: ['just', '--list'], want: { nothing: true } },
    { words: ['just'], want: { args: [] } },
    { words: ['just', '--justfile', 'ci.just', 'release'], want: undefined },
    { words: ['just', '-d', 'sub', 'release'], want: undefined },
    { words: ['just', '--shell', 'bash', 'release'], want: undefined },
    { words: ['just', '$RECIPE'], want: undefined },
  ];
  it.each(cases)('$words', ({ words, want }) => {
    const run = parseJustCommand(words);
    if (want === undefined) expect(run).toBeUndefined();
    else expect(run).toMatchObject(want);
  });
});

describe('parseJustfile', () => {
  it('reads recipes, parameters, dependencies, aliases, prefixes, continuations and shebang recipes', () => {
    const model = parseJustfile(
      jf(
        '# a comment',
        'set shell := ["bash", "-uc"]',
        'version := `cat VERSION`',
        'export TAG := "latest"',
        'alias r := release',
        '',
        '[private]',
        '@build target="all":',
        '    @echo "building {{target}}"',
        '',
        '    -rm -rf dist \\',
        '      tmp',
        'release tag=\'next\' +rest: build (bump "minor") && notify # after',
        '    npm publish --tag {{tag}}',
        'bump kind:',
        '  echo {{kind}}',
        'notify:',
        '  #!/usr/bin/env bash',
        '  set -eu',
        '  echo done',
        'py:',
        '  #!/usr/bin/env python3',
        '  print(1)',
        '[linux]',
        'os:',
        '  npm publish',
      ),
    );
    expect(model.unreadable).toBeUndefined();
    expect(model.first).toBe('build');
    expect([...model.aliases]).toEqual([['r', 'release']]);
    const build = model.recipes.get('build')!;
    expect([build.params, build.lines.map((l) => l.text)]).toEqual([1, ['echo "building {{target}}"', 'rm -rf dist \\\n      tmp']]);
    const release = model.recipes.get('release')!;
    expect([release.params, release.variadic, release.before, release.after]).toEqual([2, true, ['build', 'bump'], ['notify']]);
    expect(model.recipes.get('notify')!.lines.map((l) => l.text)).toEqual(['set -eu\necho done']);
    expect(model.recipes.get('py')!.unreadable).toBe('it runs as a script of "#!/usr/bin/env python3"');
    expect(model.recipes.get('os')!.unreadable).toBe('its attribute `[linux]`');
  });

  it('control: what it does not follow makes the file or the recipe unreadable, or the file open', () => {
    expect(parseJustfile(jf('set working-directory := "sub"', 'release:', '  npm publish')).unreadable).toBeDefined();
    expect(parseJustfile(jf("x := '''", 'release:', "'''", 'release:', '  npm publish')).unreadable).toBeDefined();
    expect(parseJustfile(jf('x := if a == "b" {', '  "c"', '} else { "d" }')).unreadable).toBeDefined();
    expect(parseJustfile(jf('release:', '  npm publish', 'release:', '  echo')).recipes.get('release')!.unreadable).toBe('it is defined twice');
    expect(parseJustfile(jf('import "common.just"', 'release:', '  npm publish')).open).toBe(true);
  });
});

const RELEASE = jf('build:', '    npm run build', '', 'release: build', '    npm publish --access public', '', 'test:', '    npm test');

describe('just runs read in the justfile', () => {
  it('survey 500b M4: `just release` publishes through its recipe, placed at its line, after its dependency', () => {
    expect(read('just release', { justfile: RELEASE }, { scripts: { build: 'tsc' } })).toEqual({
      publishes: ['npm publish (run by just release) heuristic justfile@5:npm publish --access public'],
      unread: [],
    });
  });

  it('is found without the unread list too (`just` is a trigger)', () => {
    expect(findPublishCommands('just release', ctx({ justfile: RELEASE }, { scripts: { build: 'tsc' } }))).toHaveLength(1);
  });

  it('Justfile and .justfile; an alias; `@` prefixes; a dependency that publishes; arguments taken by parameters', () => {
    expect(read('just r', { Justfile: jf('alias r := release', '@release:', '    @npm publish') }).publishes).toHaveLength(1);
    expect(read('just ship', { '.justfile': jf('ship: publish', '    echo shipped', 'publish:', '    npm publish') }).publishes).toEqual([
      'npm publish (run by just publish) heuristic .justfile@4:npm publish',
    ]);
    // `1.2.3` is the argument of `release`, not a recipe.
    expect(read('just release 1.2.3', { justfile: jf('release version:', '    npm version {{version}}', '    npm publish') }).publishes).toHaveLength(1);
    // Without a recipe: the first one.
    expect(read('just', { justfile: jf('publish:', '    npm publish', 'test:', '    echo') }).publishes).toHaveLength(1);
  });

  it('an interpolation is a value tp-doctor does not know', () => {
    const files = { justfile: jf('tag := "next"', 'release:', '    npm publish --tag {{tag}}') };
    expect(analyzeScript('just release', ctx(files)).matches.map((m) => m.flags.tag)).toEqual(['${just_value}']);
  });

  it('a justfile in a parent directory: its recipes run there', () => {
    const files = { justfile: jf('release:', '    cd packages/app && npm publish') };
    expect(read('just release', files, { dir: 'packages/app' }).publishes).toEqual(['npm publish (run by just release) heuristic justfile@2:cd packages/app && npm publish']);
    // The nearest justfile wins.
    expect(read('just release', { ...files, 'packages/app/justfile': jf('release:', '    echo nothing') }, { dir: 'packages/app' })).toEqual({ publishes: [], unread: [] });
  });

  it('control: a recipe that publishes nothing, a dry run, `--no-deps` over a publishing dependency', () => {
    expect(read('just test', { justfile: RELEASE })).toEqual({ publishes: [], unread: [] });
    expect(read('just -n release', { justfile: RELEASE })).toEqual({ publishes: [], unread: [] });
    expect(read('just --no-deps ship', { justfile: jf('ship: publish', '    echo', 'publish:', '    npm publish') })).toEqual({ publishes: [], unread: [] });
  });

  it('control: what it cannot follow keeps the command unread (a possible publish), never a certain one', () => {
    const unread = (script: string, files: Record<string, string>): string[] => read(script, files).unread;
    expect(unread('just release', {})).toEqual(['just release']);
    expect(unread('just publish-all', { justfile: RELEASE })).toEqual(['just publish-all']);
    expect(unread('just release', { justfile: jf('release:', '    ./scripts/release.sh') })).toEqual(['just release']);
    expect(unread('just release', { justfile: jf('[no-cd]', 'release:', '    npm publish') })).toEqual(['just release']);
    expect(unread('just release', { justfile: jf('release:', '    #!/usr/bin/env node', '    require("child_process").execSync("npm publish")') })).toEqual(['just release']);
    expect(unread('just release', { justfile: jf('release: missing', '    npm publish') })).toEqual(['just release']);
    expect(unread('just -f ci.just release', { 'ci.just': jf('release:', '    npm publish') })).toEqual(['just -f ci.just release']);
    expect(unread('just npm::publish', { justfile: jf('mod npm', 'build:', '    echo') })).toEqual(['just npm::publish']);
    // A `[default]` recipe decides what `just` alone runs.
    expect(unread('just', { justfile: jf('test:', '    echo', '[default]', 'release:', '    npm publish') })).toEqual(['just']);
  });

  it('a dependency cycle and a chain over the bound are not read', () => {
    expect(read('just a', { justfile: jf('a: b', '    npm publish', 'b: a', '    echo') }).unread).toEqual(['just a']);
    const chain = Array.from({ length: MAX_JUST_RECIPES + 1 }, (_, i) => `t${i}: t${i + 1}\n    echo ${i}`);
    expect(read('just t0', { justfile: jf(...chain, `t${MAX_JUST_RECIPES + 1}:`, '    npm publish') }).unread).toEqual(['just t0']);
  });
});

describe('the site of a publish in a recipe line', () => {
  const workflow = (command: string): string => `on: push\npermissions:\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${command}\n`;
  const sites = (files: Record<string, string>): string[] => loadProject(new MemoryFs(files), {}).facts.sites.map((s) => `${s.certainty} ${s.directory ?? '?'} ${s.publish.match.label}`);
  const pkg = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });

  it('a likely publish in the job, like a make target’s', () => {
    expect(sites({ 'package.json': pkg, '.github/workflows/release.yml': workflow('just release'), justfile: jf('release:', '    npm publish') })).toEqual(['likely  npm publish (run by just release)']);
  });

  it('control: without a justfile, `just release` is no certain publish', () => {
    expect(sites({ 'package.json': pkg, '.github/workflows/release.yml': workflow('just release') }).every((s) => s.startsWith('possible'))).toBe(true);
  });
});
