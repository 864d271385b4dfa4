/** `booleanOptionStateWith` (./shell-words.ts): a run-time word after a boolean flag whose values are known. */
import { describe, expect, it } from 'vitest';
import { booleanOptionStateWith } from './shell-words.js';

describe('booleanOptionStateWith', () => {
  const values = (map: Record<string, string[]>) => (word: string): readonly string[] | undefined => map[word];
  const WORD = '${{ matrix.dir }}';
  const cases: { name: string; known: string[] | undefined; want: boolean | 'expression' }[] = [
    { name: 'every value a path: the flag is set, the word is the argument', known: ['packages/a', 'packages/b'], want: true },
    { name: 'a value `false`: nopt may take it as the value', known: ['packages/a', 'false'], want: 'expression' },
    { name: 'a value `true`', known: ['true'], want: 'expression' },
    { name: 'a value that is an option (`--no-dry-run`)', known: ['--no-dry-run'], want: 'expression' },
    { name: 'a value that splits into words, or holds a run-time part', known: ['a b', '$X'], want: 'expression' },
    { name: 'an empty value (the word disappears)', known: [''], want: 'expression' },
    { name: 'values not known', known: undefined, want: 'expression' },
  ];
  it.each(cases)('$name', ({ known, want }) => {
    expect(booleanOptionStateWith(['publish', '--dry-run', WORD], ['--dry-run'], values(known ? { [WORD]: known } : {}))).toBe(want);
  });
  it('control: without values, as `booleanOptionState`', () => {
    expect(booleanOptionStateWith(['publish', '--dry-run', WORD], ['--dry-run'])).toBe('expression');
  });
});
