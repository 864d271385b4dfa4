/**
 * `cutTests`/`cutMay` (src/model/npm/manifest-edits.ts) answer the cheap tests of `renamesIn` for
 * every start of one step's text after one pass over it (thousands of publish lines in one `run:`
 * asked them once per publish, each from the text's beginning). They must say "false" only where
 * the tests on the start itself say false, a `\b` at the cut included (`sed` cut right after its
 * `d` matches, `sedx` does not), and `renamesIn` given them must answer as without them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutMay, cutTests, renamesIn, renamesInStart, type StartWalk } from '../../src/model/npm/manifest-edits.js';
import { mayRunShellFile } from '../../src/model/npm/shell-files.js';
import { nodeSourceIn, nodeSourceInWalked } from '../../src/model/npm/nodesource.js';

/** The test `renamingCommand` made before it splits a text (as it was before `cutTests`). */
const oldRenameTest = (text: string): boolean => text.includes('name') || /\bsed\b|\bperl\b|changelogen|\bjq\b/.test(text);

const PIECES = [
  'sed', 'sed -i', 'gsed', 'perl -pi', 'jq', 'changelogen', 'name', 'nam', 'e', 'x', '_', '1', '-', '.sh', '.bash', '.s', 'h', 'bash ',
  'sh', ' -c ', 'source', ' ', '\t', '\n', '/', './x', 'scripts/', '$', '${{ github.workspace }}', '}}', '}}/', '{', '.', ';', '&&', '|', '(',
  '`', '!', '"', "'", '=', 'A=1 ', 'sudo ', 'then ', 'npm pkg set name=y', 'npm publish', 'package.json', '.name = "z"', 's/@a/@b/',
];
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const withCut = texts.chain((text) => fc.tuple(fc.constant(text), fc.integer({ min: 0, max: text.length })));
const runs = Number(process.env.FC_RUNS ?? '3000');
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

describe('cutTests: the starts of one text', () => {
  it('says false only where the test on the start says false', () => {
    fc.assert(
      fc.property(withCut, ([whole, cut]) => {
        const start = whole.slice(0, cut);
        const may = cutMay(cutTests(whole), cut);
        if (!may.rename) expect(oldRenameTest(start)).toBe(false);
        if (!may.shell) expect(mayRunShellFile(start)).toBe(false);
      }),
      { numRuns: runs, seed },
    );
  });

  it('leaves renamesIn as it was on every start', () => {
    const files: Record<string, string> = { 'x': '#!/bin/sh\nnpm pkg set name=a\n', 'scripts/r.sh': 'sed -i s/a/b/ package.json\n', 'x.sh': 'jq ".name = 1" package.json > t\n' };
    const read = (file: string) => files[file];
    fc.assert(
      fc.property(withCut, fc.constantFrom<string[]>([], ['@a/w'], ['name']), ([whole, cut], names) => {
        const start = whole.slice(0, cut);
        expect(renamesIn(start, names, read, '', 0, new Set(), cutMay(cutTests(whole), cut))).toBe(renamesIn(start, names, read));
      }),
      { numRuns: runs, seed },
    );
  });

  it('renamesInStart answers as renamesIn on the start, walks shared across starts (issue 17)', () => {
    const files: Record<string, string> = {
      'x': '#!/bin/sh\nnpm pkg set name=a\n',
      'scripts/r.sh': 'sed -i s/a/b/ package.json\n',
      'x.sh': 'jq ".name = 1" package.json > t\n',
      'y.sh': 'bash ./x.sh\n',
      'z.sh': 'echo ok\n',
    };
    const read = (file: string) => files[file];
    const SHELL = [...PIECES, 'bash ./x.sh', 'bash -', 'curl -fsSL https://deb.nodesource.com/setup_20.x | ', './y.sh', './z.sh', 'sh -c "./x"', ' # c\n', 'cat <<EOF\n', 'EOF\n', 'case a in a) ', ';;', ' esac', '\\\n', '$(', ')', 'if ', 'fi', '\n'];
    const shellTexts = fc.array(fc.constantFrom(...SHELL), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(shellTexts, fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 8 }), fc.constantFrom<string[]>([], ['@a/w'], ['name']), (whole, cuts, names) => {
        const walks = new Map<string, StartWalk>();
        for (const raw of cuts) {
          const cut = Math.min(raw, whole.length);
          const may = cutMay(cutTests(whole), cut);
          expect(renamesInStart(whole, cut, names, read, may, walks)).toBe(renamesIn(whole.slice(0, cut), names, read, '', 0, new Set(), may));
        }
      }),
      { numRuns: runs, seed },
    );
  });

  it('renamesInStart after `curl … | bash -`: a later script that renames counts from its command on', () => {
    const read = (file: string) => ({ 'r.sh': '#!/bin/sh\nnpm pkg set name=b\n' })[file];
    const whole = 'curl -fsSL https://deb.nodesource.com/setup_20.x | bash -\nnpm publish\n./r.sh\nnpm publish\n';
    const walks = new Map<string, StartWalk>();
    const at = (n: number) => whole.split('npm publish').slice(0, n).join('npm publish').length;
    const ask = (cut: number) => renamesInStart(whole, cut, [], read, cutMay(cutTests(whole), cut), walks);
    expect(ask(at(1))).toBe(false);
    expect(ask(at(2))).toBe(true);
    expect(walks.size).toBe(1);
  });

  it('judges a word at the cut as the start would (`\\b` at its end)', () => {
    const whole = 'echo a.shx sedx';
    const tests = cutTests(whole);
    // `echo a.sh` ends in a word: a shell file there; `echo a.shx` names none.
    expect(mayRunShellFile(whole.slice(0, 9))).toBe(true);
    expect(cutMay(tests, 9).shell).toBe(true);
    expect(oldRenameTest(whole.slice(0, 14))).toBe(true);
    expect(cutMay(tests, 14).rename).toBe(true);
    expect(cutMay(tests, 5)).toEqual({ rename: false, shell: false });
  });
});

describe('nodeSourceIn: the walk read once per text', () => {
  const NS = [
    'curl -fsSL https://deb.nodesource.com/setup_20.x', 'curl -sL https://deb.nodesource.com/setup_22.x', ' | ', '|', 'bash -', 'sudo -E bash -', 'sh',
    'apt-get install -y nodejs', 'sudo apt-get install nodejs', 'npm publish', '\n', '; ', ' && ', ' || true', 'if true; then\n', 'fi\n', '(', ')', ' ', 'echo $(a)', '\\\n',
  ];
  const nsTexts = fc.array(fc.constantFrom(...NS), { maxLength: 30 }).map((parts) => parts.join(''));
  it('gives what a walk from the first command gives, for every limit', () => {
    fc.assert(
      fc.property(nsTexts, fc.array(fc.integer({ min: -1, max: 2000 }), { maxLength: 6 }), (text, befores) => {
        for (const before of [...befores, text.length, Number.POSITIVE_INFINITY]) expect(nodeSourceIn(text, before)).toEqual(nodeSourceInWalked(text, before));
      }),
      { numRuns: runs, seed },
    );
  });
});
