/**
 * What a shell script defines for its own later commands (src/model/npm/shell-definitions.ts):
 * functions, whose calls are no commands tp-doctor cannot read (pnpm/pnpm create-release-pr.yml:
 * `add "pacquet" pnpm/npm/pnpm/package.json` was a possible publish), and variables set once to a
 * literal, which a publish flag names (pnpm/pnpm npm-staged-publication.sh: `--registry
 * "$registry"` after `registry=https://registry.npmjs.org/` left the registry unknown and the
 * publish possible). Also where the splitter places a command (`ShellCommand.nested`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { analyzeScript, findPublishCommands, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import { MAX_EXPANDED_CHARS, MAX_EXPANSION_DEPTH } from '../../src/model/npm/shell-definitions.js';
import { splitCommands } from '../../src/model/npm/shell.js';
import { loadProject } from '../../src/model/project.js';
import { gitlabRepo, lintFiles } from '../helpers.js';

describe('splitCommands: top level or nested', () => {
  // Each command as its words, `*` marking a nested one.
  const rows: [name: string, script: string, expected: string[]][] = [
    ['lines and ;', 'a=1\nb; c', ['a=1', 'b', 'c']],
    ['&& and ||: what follows is conditional, what comes before is not', 'a && b || c', ['a', '*b', '*c']],
    ['&& at the end of a line', 'a &&\n  b\nc', ['a', '*b', 'c']],
    ['a pipeline and the background run in subshells', 'a | b\nc &\nd', ['*a', '*b', '*c', 'd']],
    ['if, then, else, fi', 'if a; then b; else c; fi\nd', ['*if a', '*then b', '*else c', '*fi', 'd']],
    ['for, while, until and select loops', 'for x in 1; do a; done\nwhile b; do c; done\nuntil d; do e; done\nselect x in 1; do f; done\ng', ['*for x in 1', '*do a', '*done', '*while b', '*do c', '*done', '*until d', '*do e', '*done', '*select x in 1', '*do f', '*done', 'g']],
    ['case: its patterns do not close anything', 'case $x in\n  a|b) c ;;\n  (d) e ;;\nesac\nf', ['*case $x in', '*a', '*b', '*c', '*d', '*e', '*esac', 'f']],
    ['a function body', 'f() {\n  a\n}\nf\nfunction g {\n  b\n}\nc', ['f', '*a', 'f', 'function g', '*b', 'c']],
    ['a one-line function', 'f() { a; b; }; c', ['f', '*a', '*b', 'c']],
    ['a group and a subshell', '{ a; }\n(b)\nc', ['*a', '*b', 'c']],
    ['nested groups', 'if a; then\n  { b; (c); }\n  d\nfi\ne', ['*if a', '*then', '*b', '*c', '*d', '*fi', 'e']],
    ['a quoted reserved word is a word', '"if" a\nb', ['if a', 'b']],
    ['a brace that is an argument is no group', 'echo }\na', ['echo', 'a']],
    ['[[ ]] operators are the test\'s', '[[ a && b ]] && c\nd', ['[[ a && b ]]', '*c', 'd']],
    ['a substitution\'s commands are its own', 'a=$(if b; then c; fi)\nd', ['a=$(if b; then c; fi)', '*if b', '*then c', '*fi', 'd']],
  ];
  for (const [name, script, expected] of rows) {
    it(name, () => {
      const got = splitCommands(script).map((c) => `${c.nested ? '*' : ''}${c.words.map((w) => w.value).join(' ')}`);
      expect(got).toEqual(expected);
    });
  }
});

/** The commands of a script tp-doctor cannot read, and its publishes with their place. */
function summary(script: string, ctx: RecognizeContext = {}): { unread: string[]; matches: string[] } {
  const a = analyzeScript(script, ctx, { unread: true });
  return { unread: a.unread.map((u) => u.words.join(' ')), matches: a.matches.map((m) => `${m.recognizer} ${m.confidence} @${script.slice(m.offset, m.end)}`) };
}

describe('a call of a function the script defines is no command tp-doctor cannot read', () => {
  const jq = '  echo "$1 $(jq -r .version "$2")"\n';
  const rows: [name: string, script: string, unread: string[], ctx?: RecognizeContext][] = [
    ['`name() {` (pnpm/pnpm create-release-pr.yml)', `add() {\n${jq}}\nadd "pacquet" pnpm/npm/pnpm/package.json`, []],
    ['`name () {`', `add () {\n${jq}}\nadd "pacquet" pnpm/npm/pnpm/package.json`, []],
    ['`function name {`', `function add {\n${jq}}\nadd "pacquet" pnpm/npm/pnpm/package.json`, []],
    ['`function name() {`', `function add() {\n${jq}}\nadd "pacquet" pnpm/npm/pnpm/package.json`, []],
    ['the body on the next line', `add()\n{\n${jq}}\nadd x npm/y`, []],
    ['one line', 'add() { jq . "$2" > tmp && mv tmp "$2"; }\nadd "pacquet" pnpm/npm/pnpm/package.json', []],
    ['after reserved words and assignments', 'add() { :; }\nif true; then add x; fi\nX=1 add y\n! add z', []],
    ['a name with a dash', 'stage-it() { :; }\nstage-it npm/x', []],
    ['what the body cannot read stays unread, at the body', 'rel() {\n  ./scripts/release.sh "$1"\n}\nrel npm', ['./scripts/release.sh $1']],
    // what is no call of the script's function
    ['no such function', 'add "pacquet" pnpm/npm/pnpm/package.json', ['add pacquet pnpm/npm/pnpm/package.json']],
    ['a function of another name', 'other() { :; }\nadd x', ['add x']],
    ['`sudo` and `command` run a program, not the function', 'add() { :; }\nsudo add x\ncommand add y', ['add x', 'add y']],
    ['a new shell does not have it', "add() { :; }\nbash -c 'add x'", ['add x']],
    ['a word that only looks like one', 'echo "add() {"\nadd x', ['add x']],
  ];
  for (const [name, script, unread, ctx] of rows) {
    it(name, () => expect(summary(script, ctx).unread).toEqual(unread));
  }

  it('a function whose body publishes is still a publish, where the body says so', () => {
    expect(summary('pub() { npm publish; }; pub')).toEqual({ unread: [], matches: ['npm-publish certain @npm publish'] });
    expect(summary('function pub {\n  pnpm publish --no-git-checks\n}\npub').matches).toEqual(['pnpm-publish certain @pnpm publish --no-git-checks']);
  });

  it('in a package.json script', () => {
    const scripts = { build: 'f() { tsc; }; f src/npm/x', other: 'f src/npm/x' };
    expect(summary('npm run build', { scripts }).unread).toEqual([]);
    expect(summary('npm run other', { scripts }).unread).toEqual(['f src/npm/x']);
  });

  it('in a committed shell script', () => {
    const files: Record<string, string> = { 'scripts/x.sh': 'add() {\n  jq . "$2"\n}\nadd pacquet pnpm/npm/pnpm/package.json\n', 'scripts/y.sh': 'add pacquet npm/x\n' };
    const ctx: RecognizeContext = { shellFile: (file) => files[file], dir: '' };
    expect(summary('./scripts/x.sh', ctx).unread).toEqual([]);
    expect(summary('./scripts/y.sh', ctx).unread).toEqual(['./scripts/y.sh']);
  });

  it('in a GitLab job, one line defines and a later one calls (RecognizeContext.shellScript)', () => {
    const whole = 'add() { jq . "$2"; }\nadd pacquet npm/x';
    expect(summary('add pacquet npm/x', { shellScript: { text: whole, offset: 21 } }).unread).toEqual([]);
    expect(summary('add pacquet npm/x').unread).toEqual(['add pacquet npm/x']);
  });
});

describe('a GitHub, GitLab and CircleCI job calling its own function is no possible publish', () => {
  const pkg = JSON.stringify({ name: 'r', version: '1.0.0', repository: 'github:o/r' });
  const fn = 'add() {\n  echo "$1 $(jq -r .version "$2")"\n}';
  const publishers = (files: Record<string, string>): string[] => loadProject(new MemoryFs(files)).facts.sites.map((s) => s.certainty);

  it('GitHub: a step named for a release (pnpm/pnpm create-release-pr.yml)', () => {
    const run = `${fn}\nadd "pacquet" pnpm/npm/pnpm/package.json`.replaceAll('\n', '\n          ');
    const wf = `on: workflow_dispatch\njobs:\n  pr:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Compose release summary\n        run: |\n          ${run}\n`;
    expect(publishers({ 'package.json': pkg, '.github/workflows/pr.yml': wf })).toEqual([]);
    const undefinedFn = wf.replace('add() {', 'other() {');
    expect(publishers({ 'package.json': pkg, '.github/workflows/pr.yml': undefinedFn })).toEqual(['possible']);
  });

  it('GitLab: a function of `before_script` called in `script`; not in `after_script`', () => {
    const ci = (section: string): string =>
      `release:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  before_script:\n    - |\n      ${fn.replaceAll('\n', '\n      ')}\n  ${section}:\n    - add pacquet npm/release/package.json\n`;
    expect(publishers(gitlabRepo(ci('script')))).toEqual([]);
    expect(publishers(gitlabRepo(ci('after_script')))).toEqual(['possible']);
  });

  it('CircleCI: a run command', () => {
    const config = (command: string): string =>
      ['version: 2.1', 'jobs:', '  release:', '    docker:', '      - image: cimg/node:24.5', '    steps:', '      - run: |', ...command.split('\n').map((l) => `          ${l}`), 'workflows:', '  release:', '    jobs:', '      - release', ''].join('\n');
    const files = (command: string): Record<string, string> => ({ 'package.json': pkg, '.circleci/config.yml': config(command), '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' });
    expect(publishers(files(`${fn}\nadd pacquet npm/publish/package.json`))).toEqual([]);
    expect(publishers(files('add pacquet npm/publish/package.json'))).toEqual(['possible']);
  });
});

describe('a publish flag naming a variable the script sets once to a literal', () => {
  const npmjs = 'https://registry.npmjs.org/';
  /** The `--registry` of the script's one publish. */
  const registry = (script: string, ctx: RecognizeContext = {}): string | undefined => {
    const found = findPublishCommands(script, ctx);
    expect(found).toHaveLength(1);
    return found[0]?.flags.registry;
  };
  const positive: [name: string, script: string][] = [
    ['"$x"', `registry=${npmjs}\nnpm publish --registry "$registry"`],
    ['$x and ${x}', `registry=${npmjs}\nnpm publish --registry $registry\n`],
    ['${x}', `registry=${npmjs}\npnpm publish --registry "\${registry}"`],
    ['--registry=$x', `registry=${npmjs}\nnpm publish --registry=$registry`],
    ['a quoted literal', `registry='${npmjs}'\nnpm publish --registry "$registry"`],
    ['a double-quoted literal', `registry="${npmjs}"\nnpm publish --registry "$registry"`],
    ['export and readonly', `export registry=${npmjs}\nnpm publish --registry "$registry"`],
    ['readonly', `readonly registry=${npmjs}\nnpm publish --registry "$registry"`],
    ['with other assignments', `set -eu\nscope=acme registry=${npmjs}\nnpm publish --registry "$registry"`],
    ['through a runner', `registry=${npmjs}\nnpx npm@11 publish --registry "$registry"`],
    ['the pnpm/pnpm script: in a function, a case and a substitution', `registry=${npmjs}\nstage() {\n  case "$1" in\n    x) out=$(pnpm stage publish "$2" --registry "$registry" --access public) ;;\n  esac\n}\nstage x .`],
  ];
  for (const [name, script] of positive) {
    it(`resolved: ${name}`, () => expect(registry(script)).toBe(npmjs));
  }

  const negative: [name: string, script: string][] = [
    ['never set', 'npm publish --registry "$registry"'],
    ['set twice', `registry=${npmjs}\nregistry=https://npm.pkg.github.com\nnpm publish --registry "$registry"`],
    ['set after the publish', `npm publish --registry "$registry"\nregistry=${npmjs}`],
    ['set in an if', `if true; then\n  registry=${npmjs}\nfi\nnpm publish --registry "$registry"`],
    ['set after &&', `[ -n "$CI" ] && registry=${npmjs}\nnpm publish --registry "$registry"`],
    ['set in a function', `f() { registry=${npmjs}; }\nf\nnpm publish --registry "$registry"`],
    ['set in a subshell', `(registry=${npmjs})\nnpm publish --registry "$registry"`],
    ['set in a pipeline', `registry=${npmjs} | cat\nnpm publish --registry "$registry"`],
    ['an assignment before a command is its environment', `registry=${npmjs} true\nnpm publish --registry "$registry"`],
    ['set from another variable', 'registry=$BASE\nnpm publish --registry "$registry"'],
    ['set from a command', 'registry=$(npm config get registry)\nnpm publish --registry "$registry"'],
    ['set to nothing', 'registry=\nnpm publish --registry "$registry"'],
    ['set to a home path', 'registry=~/r\nnpm publish --registry "$registry"'],
    ['also read into', `registry=${npmjs}\nread -r registry < f\nnpm publish --registry "$registry"`],
    ['also a loop variable', `registry=${npmjs}\nfor registry in a b; do :; done\nnpm publish --registry "$registry"`],
    ['also exported by name', `registry=${npmjs}\nexport registry\nnpm publish --registry "$registry"`],
    ['a default expansion may set it', `registry=${npmjs}\necho "\${registry:=x}"\nnpm publish --registry "$registry"`],
    ['eval may set anything', `registry=${npmjs}\neval "$SETUP"\nnpm publish --registry "$registry"`],
    ['a sourced file may set anything', `registry=${npmjs}\nsource ./env.sh\nnpm publish --registry "$registry"`],
    // Review of 2026-12-04: builtins given a name the shell computes may set any variable.
    ['export of a computed list (a .env file)', `registry=${npmjs}\nexport $(grep -v '^#' release.env | xargs)\nnpm publish --registry "$registry"`],
    ['declare of a computed name', `registry=${npmjs}\ndeclare "$k=$v"\nnpm publish --registry "$registry"`],
    ['read into a computed name', `registry=${npmjs}\nread -r "$v" < f\nnpm publish --registry "$registry"`],
    ['printf -v into a computed name', `registry=${npmjs}\nprintf -v "$v" '%s' x\nnpm publish --registry "$registry"`],
    ['single quotes: not expanded', `registry=${npmjs}\nnpm publish --registry '$registry'`],
    ['escaped: not expanded', `registry=${npmjs}\nnpm publish --registry \\$registry`],
    ['more than a reference', `registry=${npmjs}\nnpm publish --registry "$registry/x"`],
    ['a default in the reference', `registry=${npmjs}\nnpm publish --registry "\${registry:-x}"`],
    ['a new shell does not have it', `registry=${npmjs}\nbash -c 'npm publish --registry "$registry"'`],
  ];
  for (const [name, script] of negative) {
    it(`left unknown: ${name}`, () => expect(registry(script)).toMatch(/^\$/));
  }

  it('printf without -v, or an export of a literal name from a variable, sets nothing computed', () => {
    expect(registry(`registry=${npmjs}\nprintf '%s\\n' "$v"\nnpm publish --registry "$registry"`)).toBe(npmjs);
    expect(registry(`registry=${npmjs}\nexport OTHER="$v"\nnpm publish --registry "$registry"`)).toBe(npmjs);
  });

  it('names where the value comes from', () => {
    const [found] = findPublishCommands(`registry=${npmjs}\nnpm publish --registry "$registry"`);
    expect(found?.flags).toEqual({ registry: npmjs, registrySource: `\`--registry $registry\` on \`npm publish\` (set to ${npmjs} earlier in the script)` });
  });

  it('in a package.json script and across a GitLab job\'s lines', () => {
    const scripts = { release: `R=${npmjs} && npm publish --registry $R` };
    expect(registry('npm run release', { scripts })).toBe(npmjs);
    const whole = `R=${npmjs}\nnpm publish --registry $R`;
    expect(registry('npm publish --registry $R', { shellScript: { text: whole, offset: whole.indexOf('\n') + 1 } })).toBe(npmjs);
  });
});

describe('a committed script that sets its registry in a variable (pnpm/pnpm npm-staged-publication.sh)', () => {
  const pkg = JSON.stringify({ name: 'r', version: '1.0.0', packageManager: 'pnpm@11.22.0', repository: 'github:o/r' });
  const wf = 'on:\n  push:\n    tags: [v*]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - uses: actions/checkout@v4\n      - run: scripts/stage.sh .\n';
  const sites = (script: string): string[] =>
    loadProject(new MemoryFs({ 'package.json': pkg, '.github/workflows/release.yml': wf, 'scripts/stage.sh': script })).facts.sites.map((s) => `${s.certainty} ${s.registry.registry}`);

  it('the literal decides: npmjs, and the publish is likely, not possible', () => {
    expect(sites('#!/usr/bin/env bash\nregistry=https://registry.npmjs.org/\npnpm stage publish "$1" --registry "$registry" --access public\n')).toEqual(['likely npmjs']);
    expect(sites('#!/usr/bin/env bash\nregistry=https://npm.pkg.github.com\npnpm stage publish "$1" --registry "$registry"\n')).toEqual(['likely other']);
  });

  it('a variable set less certainly leaves it unknown, a possible publish', () => {
    expect(sites('#!/usr/bin/env bash\nregistry=${REGISTRY:-https://registry.npmjs.org/}\npnpm stage publish "$1" --registry "$registry"\n')).toEqual(['possible unknown']);
  });

  it('rules see a likely publish: warnings, not infos', async () => {
    const found = await lintFiles({ 'package.json': pkg, '.github/workflows/release.yml': wf, 'scripts/stage.sh': '#!/usr/bin/env bash\nregistry=https://registry.npmjs.org/\npnpm stage publish "$1" --registry "$registry"\n' }, { rule: 'require-id-token-write' });
    expect(found.map((d) => d.severity)).toEqual(['warning']);
  });
});

describe('a variable set once from other variables set once (raineorshine/npm-check-updates test/e2e.sh)', () => {
  const local = 'http://127.0.0.1:4873';
  const registry = (script: string): string | undefined => {
    const found = findPublishCommands(script);
    expect(found).toHaveLength(1);
    return found[0]?.flags.registry;
  };
  const chain = (n: number): string => [...Array.from({ length: n }, (_, i) => `v${i + 1}="\${v${i}}"`), `npm publish --registry "$v${n}"`].join('\n');
  const expanded: [name: string, script: string, value: string][] = [
    ['two levels, braces, quotes (the e2e script)', 'registry_host=127.0.0.1\nregistry_port=4873\nregistry_addr="${registry_host}:${registry_port}"\nregistry_local="http://${registry_addr}"\nnpm publish --registry "${registry_local}"', local],
    ['unquoted $name', 'addr=127.0.0.1:4873\nurl=http://$addr\nnpm publish --registry $url', local],
    ['quoted and unquoted pieces, and single quotes', "host=127.0.0.1\nurl='http://'\"$host\":4873\nnpm publish --registry \"$url\"", local],
    ['export, and several assignments on one line', 'export host=127.0.0.1 port=4873\nexport url="http://$host:$port"\nnpm publish --registry "$url"', local],
    ['a literal written in pieces', "url='http://127.0.0.1'\":4873\"\nnpm publish --registry \"$url\"", local],
    [`references ${MAX_EXPANSION_DEPTH} deep`, `v0=${local}\n${chain(MAX_EXPANSION_DEPTH)}`, local],
    ['a single-quoted reference is text, as before', "host=127.0.0.1\nurl='http://$host'\nnpm publish --registry \"$url\"", 'http://$host'],
  ];
  for (const [name, script, value] of expanded) {
    it(`expanded: ${name}`, () => expect(registry(script)).toBe(value));
  }

  const unknown: [name: string, script: string][] = [
    ['a reference to a variable never set', 'url="http://$HOST:4873"\nnpm publish --registry "$url"'],
    ['set after the variable that reads it', 'url="http://$host"\nhost=127.0.0.1\nnpm publish --registry "$url"'],
    ['on the same line (before the variable is set, as far as tp-doctor reads)', 'host=127.0.0.1 url="http://$host"\nnpm publish --registry "$url"'],
    ['the referenced variable is set twice', 'host=127.0.0.1\nhost=localhost\nurl="http://$host"\nnpm publish --registry "$url"'],
    ['the referenced variable is set in an if', 'if true; then host=127.0.0.1; fi\nurl="http://$host"\nnpm publish --registry "$url"'],
    ['the referenced variable is also read into', 'host=127.0.0.1\nread -r host\nurl="http://$host"\nnpm publish --registry "$url"'],
    ['the referenced variable may be defaulted', 'host=127.0.0.1\necho "${host:=x}"\nurl="http://$host"\nnpm publish --registry "$url"'],
    ['eval may set anything', 'host=127.0.0.1\nurl="http://$host"\neval "$X"\nnpm publish --registry "$url"'],
    ['itself', 'url=http://x\nurl2="$url2/x"\nnpm publish --registry "$url2"'],
    ['a parameter operator', 'host=127.0.0.1\nurl="http://${host:-localhost}"\nnpm publish --registry "$url"'],
    ['a command substitution', 'host=127.0.0.1\nurl="http://$host:$(cat port)"\nnpm publish --registry "$url"'],
    ['a positional parameter', 'url="http://$1"\nnpm publish --registry "$url"'],
    ['an escape', 'host=127.0.0.1\nurl="http://\\$host"\nnpm publish --registry "$url"'],
    ['a glob', 'host=127.0.0.1\nurl=http://$host/*\nnpm publish --registry "$url"'],
    ['set to nothing', 'host=\nurl="$host"\nnpm publish --registry "$url"'],
    [`references ${MAX_EXPANSION_DEPTH + 1} deep`, `v0=${local}\n${chain(MAX_EXPANSION_DEPTH + 1)}`],
    ['longer than the bound', `a=${'x'.repeat(MAX_EXPANDED_CHARS)}\nurl="http://$a"\nnpm publish --registry "$url"`],
  ];
  for (const [name, script] of unknown) {
    it(`left unknown: ${name}`, () => expect(registry(script)).toMatch(/^\$/));
  }

  it('names the expanded value', () => {
    const [found] = findPublishCommands('host=127.0.0.1\nurl="http://$host:4873"\nnpm publish --registry "$url"');
    expect(found?.flags.registrySource).toBe(`\`--registry $url\` on \`npm publish\` (set to ${local} earlier in the script)`);
  });

  it('a variable found too deep through another is still read when asked directly', () => {
    const n = MAX_EXPANSION_DEPTH;
    const script = [`v0=${local}`, ...Array.from({ length: n + 1 }, (_, i) => `v${i + 1}="\${v${i}}"`), `npm publish --registry "$v${n + 1}"`, `npm publish --registry "$v${n}"`].join('\n');
    expect(findPublishCommands(script).map((f) => f.flags.registry)).toEqual([`$v${n + 1}`, local]);
  });

  it('a script with many references to one chain gets the same value everywhere', () => {
    const lines = [`v0=${local}`, ...Array.from({ length: MAX_EXPANSION_DEPTH }, (_, i) => `v${i + 1}="\${v${i}}"`), ...Array.from({ length: 500 }, (_, i) => `npm publish --registry "$v${i % (MAX_EXPANSION_DEPTH + 1)}"`)];
    const found = findPublishCommands(lines.join('\n'));
    expect(new Set(found.map((f) => f.flags.registry))).toEqual(new Set([local]));
  });

  const e2e = '#!/bin/bash\nset -e\nregistry_host=127.0.0.1\nregistry_port=4873\nregistry_addr="${registry_host}:${registry_port}"\nregistry_local="http://${registry_addr}"\nnpx verdaccio -l "${registry_addr}" &\nnpm config set "//${registry_addr}/:_authToken=e2e_dummy"\nnpm publish --registry "${registry_local}"\n';
  const pkg = JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget', scripts: { 'test:e2e': 'bash ./test/e2e.sh' } });
  const sites = (files: Record<string, string>): string[] => loadProject(new MemoryFs({ 'package.json': pkg, 'test/e2e.sh': e2e, ...files })).facts.sites.map((s) => `${s.certainty} ${s.registry.registry}`);
  const providers: [name: string, files: Record<string, string>][] = [
    ['GitHub', { '.github/workflows/e2e.yml': 'on:\n  push:\n    branches: [main]\npermissions:\n  contents: read\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - run: npm ci\n      - run: npm run test:e2e\n' }],
    ['GitLab', { '.gitlab-ci.yml': 'e2e:\n  image: node:24\n  script:\n    - npm ci\n    - npm run test:e2e\n' }],
    ['CircleCI', { '.circleci/config.yml': 'version: 2.1\njobs:\n  e2e:\n    docker:\n      - image: cimg/node:24.5\n    steps:\n      - checkout\n      - run: npm run test:e2e\nworkflows:\n  main:\n    jobs:\n      - e2e\n' }],
  ];
  for (const [name, files] of providers) {
    it(`${name}: an end-to-end test publishing to a local registry is no npmjs publish`, () => {
      expect(sites(files).filter((s) => !s.endsWith(' other'))).toEqual([]);
    });
  }
});
