import { parseArgs, type ParseArgsConfig } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPTIONS, parseCliArgs, positionalsOnly } from './options.js';

/** parseArgs' answer: its result, or the message it throws. */
function outcome(parse: () => unknown): { result: unknown } | { error: string } {
  try {
    return { result: parse() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Deep equality that also tells a null-prototype object from a plain one. */
function expectSame(actual: unknown, expected: unknown): void {
  expect(actual).toStrictEqual(expected);
  if (actual !== null && typeof actual === 'object') {
    expect(Object.getPrototypeOf(actual)).toBe(Object.getPrototypeOf(expected));
    for (const key of Object.keys(actual)) expectSame((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]);
  }
}

// Arguments as people type them: directories, options with and without values, negations,
// short-option clusters, `--`, `-`, and any text.
const argument = fc.oneof(
  fc.string(),
  fc.constantFrom('.', 'repo', 'a b', '', '-', '--', '-f', 'json', '--format', '--format=sarif', '-fjson', '--quiet', '--no-quiet', '--no-color', '--rule', 'x:off', '-qh', '--frobnicate', '-x', '--no-root-search', '—quiet', '\u2212f'),
  fc.string().map((s) => `-${s}`),
  fc.string().map((s) => `--${s}`),
);

describe('parseCliArgs', () => {
  it('returns exactly what parseArgs returns (or throws what it throws), for any arguments', () => {
    fc.assert(
      fc.property(fc.array(argument, { maxLength: 6 }), (argv) => {
        const ours = outcome(() => parseCliArgs(argv));
        const node = outcome(() => parseArgs({ args: argv, allowPositionals: true, allowNegative: true, options: OPTIONS }));
        expectSame(ours, node);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives positionals and no values when no argument starts with "-"', () => {
    const parsed = parseCliArgs(['repo', 'x']);
    expectSame(parsed, parseArgs({ args: ['repo', 'x'], allowPositionals: true, allowNegative: true, options: OPTIONS }));
    expect(Object.keys(parsed.values)).toEqual([]);
    expect(parsed.positionals).toEqual(['repo', 'x']);
  });
});

describe('positionalsOnly', () => {
  // The lint run's options have no defaults; parseArgs' defaults are still built the same way.
  const withDefaults = {
    format: { type: 'string', short: 'f', default: 'stylish' },
    rule: { type: 'string', multiple: true, default: ['a:off'] },
    quiet: { type: 'boolean', default: false },
    color: { type: 'boolean' },
  } as const satisfies NonNullable<ParseArgsConfig['options']>;

  it('is parseArgs for arguments without "-", with the options\' defaults', () => {
    fc.assert(
      fc.property(fc.array(fc.string().filter((s) => !s.startsWith('-')), { maxLength: 5 }), (argv) => {
        expectSame(positionalsOnly(argv, withDefaults), parseArgs({ args: argv, allowPositionals: true, options: withDefaults }));
        expectSame(positionalsOnly(argv, OPTIONS), parseArgs({ args: argv, allowPositionals: true, allowNegative: true, options: OPTIONS }));
      }),
      { numRuns: 500 },
    );
    expectSame(positionalsOnly(['.'], withDefaults), { values: { __proto__: null, format: 'stylish', rule: ['a:off'], quiet: false }, positionals: ['.'] });
  });

  it('does not share the argument list', () => {
    const argv = ['repo'];
    const parsed = positionalsOnly(argv, OPTIONS);
    argv.push('other');
    expect(parsed.positionals).toEqual(['repo']);
  });
});
