import { describe, expect, it } from 'vitest';
import { decideTest, type TestWord } from './positional-tests.js';
import { literalArguments, reachedWith } from './positional-branches.js';
import { splitCommands } from './shell.js';
import { analyzeScript } from './publish-commands.js';

/** The words of the first command of `line`, as the splitter gives them, with their text as written. */
function testWords(line: string): TestWord[] {
  const cmd = splitCommands(line)[0]!;
  return cmd.words.map((w) => ({ value: w.value, raw: line.slice(w.offset, w.end) }));
}

describe('decideTest', () => {
  const cases: [test: string, args: string[], want: boolean | undefined][] = [
    ['[[ "$1" = "upload" ]]', ['upload'], true],
    ['[[ "$1" = "upload" ]]', [], false],
    ['[[ "$1" = "upload" ]]', ['other'], false],
    ['[[ $1 == upload ]]', ['upload'], true],
    ['[[ ${1} != upload ]]', ['upload'], false],
    ['[[ "$2" = "x" ]]', ['a'], false],
    ['[[ "$2" = "x" ]]', ['a', 'x'], true],
    ['[[ "upload" = "$1" ]]', ['upload'], true],
    ['[[ ! "$1" = upload ]]', [], true],
    // duckdb/duckdb-node: one operand of a `&&` certainly false makes the test false.
    ['[[ "$GITHUB_REF" =~ ^(refs/heads/main|refs/tags/v.+)$ && "$1" = "upload" ]]', [], false],
    ['[[ "$GITHUB_REF" =~ ^(refs/heads/main|refs/tags/v.+)$ && "$1" = "upload" ]]', ['upload'], undefined],
    ['[[ "$1" = upload && "$2" = npm ]]', ['upload', 'npm'], true],
    // `||`, a group, a glob pattern, a variable, `=~` on `$1`: undecided.
    ['[[ "$1" = upload || "$CI" = true ]]', [], undefined],
    ['[[ ( "$1" = upload ) ]]', [], undefined],
    ['[[ "$1" = up* ]]', ['upload'], undefined],
    ['[[ "$1" = "$TARGET" ]]', ['upload'], undefined],
    ['[[ "$1" =~ ^up ]]', ['upload'], undefined],
    ['[[ -n "$1" ]]', [], undefined],
    ['[ "$1" = "upload" ]', [], false],
    ['[ "$1" != "upload" ]', [], true],
    ['[ ! "$1" = "upload" ]', [], true],
    ['! [ "$1" = "upload" ]', [], true],
    ['test "$1" = upload', ['upload'], true],
    // `==` in `[ ]`: dash rejects it, so only false is certain.
    ['[ "$1" == "upload" ]', ['upload'], undefined],
    ['[ "$1" == "upload" ]', ['x'], false],
    // An unquoted parameter `[ ]` would drop or split.
    ['[ $1 = upload ]', [], undefined],
    ['[ $1 = upload ]', ['x'], false],
    ['[ $1 = upload ]', ['a b'], undefined],
    ['[ "$1" = upload -a "$2" = x ]', [], undefined],
    ['[ "$1" ]', [], undefined],
    ['echo "$1" = upload', [], undefined],
  ];
  it.each(cases)('%s with %j', (test, args, want) => {
    expect(decideTest(testWords(test), args)).toBe(want);
  });
});

describe('literalArguments', () => {
  it.each([
    [[], true],
    [['upload'], true],
    [['--tag', 'next'], true],
    [['$1'], false],
    [['${{ matrix.target }}'], false],
    [['*'], false],
    [['$(cat x)'], false],
  ])('%j', (args, want) => {
    expect(literalArguments(args)).toBe(want);
  });
});

/** The first words of the commands of `text` a call with `args` reaches (all when nothing is decided). */
function reached(text: string, args: string[]): string[] {
  const reach = reachedWith(text, { positional: { text, args } });
  return splitCommands(text)
    .filter((c) => reach === undefined || reach(c))
    .map((c) => c.words.map((w) => w.value).join(' ').replace(/^(?:then|else|do) /, ''));
}

describe('reachedWith', () => {
  const IF = 'set -ex\nnpm pack\nif [[ "$GITHUB_REF" =~ ^refs/tags/ && "$1" = "upload" ]] ; then\n  npm publish\nfi\necho done\n';
  it('an `if` on `$1` with the `&&` of another test: not reached without the argument', () => {
    expect(reached(IF, [])).not.toContain('npm publish');
    expect(reached(IF, [])).toContain('echo done');
    // The condition itself runs.
    expect(reached(IF, []).some((c) => c.startsWith('if [['))).toBe(true);
  });
  it('control: with `upload` the branch may run', () => {
    expect(reached(IF, ['upload'])).toContain('npm publish');
  });

  const ELIF = 'if [ "$1" = dry ]; then\n  echo dry\nelif [ "$1" = publish ]; then\n  npm publish\nelse\n  npm pack\nfi\n';
  it.each([
    [[], ['echo dry', 'npm publish'], ['npm pack']],
    [['dry'], ['npm publish', 'npm pack'], ['echo dry']],
    [['publish'], ['echo dry', 'npm pack'], ['npm publish']],
  ])('elif and else with %j', (args, gone, kept) => {
    const got = reached(ELIF, args);
    for (const g of gone) expect(got).not.toContain(g);
    for (const k of kept) expect(got).toContain(k);
  });

  const CASE = 'case "$1" in\n  upload|publish)\n    npm publish\n    ;;\n  pack) npm pack ;;\n  *)\n    echo usage\n    ;;\nesac\n';
  it.each([
    [[], ['npm publish', 'npm pack'], ['echo usage']],
    [['upload'], ['npm pack', 'echo usage'], ['npm publish']],
    [['publish'], ['npm pack', 'echo usage'], ['npm publish']],
    [['pack'], ['npm publish', 'echo usage'], ['npm pack']],
  ])('case with %j', (args, gone, kept) => {
    const got = reached(CASE, args);
    for (const g of gone) expect(got).not.toContain(g);
    for (const k of kept) expect(got).toContain(k);
  });

  it('a `&&` list from its start: `[ "$1" = publish ] && npm publish`', () => {
    expect(reached('[ "$1" = publish ] && npm publish\n', [])).not.toContain('npm publish');
    expect(reached('[ "$1" = publish ] && npm run build && npm publish\n', [])).not.toContain('npm publish');
    expect(reached('[ "$1" = publish ] && npm publish\n', ['publish'])).toContain('npm publish');
    // Controls: after `||`, `x || [ … ]` may succeed without the test; the command after `||` runs when it fails.
    expect(reached('false || [ "$1" = publish ] && npm publish\n', [])).toContain('npm publish');
    expect(reached('[ "$1" = publish ] || npm publish\n', [])).toContain('npm publish');
  });

  it('a publish in a substitution is reached as the command holding it', () => {
    expect(reached('if [ "$1" = publish ]; then\n  OUT=$(npm publish 2>&1)\nfi\n', [])).not.toContain('npm publish');
  });

  const undecided: [string, string][] = [
    ['shift', 'shift\nif [ "$1" = publish ]; then npm publish; fi\n'],
    ['set --', 'set -- publish\nif [ "$1" = publish ]; then npm publish; fi\n'],
    ['source', 'source ./lib.sh\nif [ "$1" = publish ]; then npm publish; fi\n'],
    ['a function body', 'release() {\n  if [ "$1" = publish ]; then npm publish; fi\n}\nrelease publish\n'],
    ['a function body that is the `if`', 'release() if [ "$1" = publish ]; then npm publish; fi\nrelease publish\n'],
    ['a subshell', '(\n  if [ "$1" = publish ]; then npm publish; fi\n)\n'],
    ['a list in a function body', 'release() {\n  echo start\n  [ "$1" = publish ] && npm publish\n}\nrelease publish\n'],
    ['a list in a function defined in an `if`', 'if true; then\n  release() { echo start; [ "$1" = publish ] && npm publish; }\nfi\nrelease publish\n'],
    ['an `if` in a group inside an `if`', 'if true; then\n  release() {\n    if [ "$1" = publish ]; then npm publish; fi\n  }\nfi\nrelease publish\n'],
    ['`||` between the tests', 'if [ "$1" = publish ] || [ -n "$CI" ]; then npm publish; fi\n'],
    ['`;` between the tests', 'if [ "$1" = publish ]; [ -n "$CI" ]; then npm publish; fi\n'],
    ['a variable subject', 'case "$MODE" in publish) npm publish ;; esac\n'],
    ['a glob pattern', 'case "$1" in pub*) npm publish ;; esac\n'],
    ['a fall-through `;&`', 'case "$1" in x) echo x ;& publish) npm publish ;; esac\n'],
  ];
  it.each(undecided)('undecided: %s', (_name, text) => {
    expect(reached(text, [])).toContain('npm publish');
  });

  it('`[[ ]]` under a `sh` interpreter line is undecided (dash has no `[[`); `[ ]` is read there', () => {
    expect(reached('#!/bin/sh\nif [[ "$1" = publish ]]; then npm publish; fi\n', [])).toContain('npm publish');
    expect(reached('#!/bin/sh\nif [ "$1" = publish ]; then npm publish; fi\n', [])).not.toContain('npm publish');
    expect(reached('#!/usr/bin/env bash\nif [[ "$1" = publish ]]; then npm publish; fi\n', [])).not.toContain('npm publish');
  });

  it('control for the undecided cases: the same `if` at the top level is decided', () => {
    expect(reached('if [ "$1" = publish ]; then npm publish; fi\n', [])).not.toContain('npm publish');
    expect(reached('set -euo pipefail\nif [ "$1" = publish ]; then npm publish; fi\n', [])).not.toContain('npm publish');
  });

  it('a script naming no positional parameter, or another script, is not read', () => {
    expect(reachedWith('npm publish\n', { positional: { text: 'npm publish\n', args: [] } })).toBeUndefined();
    expect(reachedWith(IF, { positional: { text: 'other', args: [] } })).toBeUndefined();
    expect(reachedWith(IF, {})).toBeUndefined();
  });
});

describe('committed scripts called with literal arguments', () => {
  const script = '#!/usr/bin/env bash\nset -ex\nnpm pack --dry-run\nif [[ "$GITHUB_REF" =~ ^(refs/heads/main|refs/tags/v.+)$ && "$1" = "upload" ]] ; then\n  npm publish --access public $TAG\nfi\n';
  const files: Record<string, string> = { 'scripts/node_version.sh': script };
  const publishes = (run: string): string[] => analyzeScript(run, { shellFile: (f) => files[f], dir: '' }).matches.map((m) => m.label);
  it.each([
    ['./scripts/node_version.sh', []],
    ['./scripts/node_version.sh build', []],
    ['bash scripts/node_version.sh', []],
    ['./scripts/node_version.sh upload', ['npm publish']],
    ['bash ./scripts/node_version.sh upload', ['npm publish']],
    // Arguments tp-doctor cannot read, and a sourced script (the caller's `$1`): as before.
    ['./scripts/node_version.sh "$MODE"', ['npm publish']],
    ['./scripts/node_version.sh ${{ matrix.mode }}', ['npm publish']],
    ['source ./scripts/node_version.sh', ['npm publish']],
  ])('%s', (run, want) => {
    expect(publishes(run)).toEqual(want);
  });
});
