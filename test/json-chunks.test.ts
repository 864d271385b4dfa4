import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFormatter, loadReportWriter } from '../src/formatters/index.js';
import type { FormatInput } from '../src/formatters/index.js';
import { batched, jsonChunks, LazyArray } from '../src/formatters/json-chunks.js';
import { toJsonReport } from '../src/formatters/json.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';

// JSON-like values with what JSON.stringify leaves out or turns into null (undefined, functions),
// Dates (serialised through toJSON), odd keys and strings with line breaks.
const leafValue = fc.oneof(
  fc.string(),
  fc.constantFrom('a\nb', '\r\n', '"\\', '\u2028', 'é', '\ud83d\ude00'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.constant(new Date(0)),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leafValue, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('0', '10', '__proto__x', 'a"b')), tie('value'), { maxKeys: 4 }),
}));

describe('jsonChunks', () => {
  it('joins to exactly JSON.stringify(value, null, 2) at every depth', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 6 }), (v, depth) => {
        if (v === undefined || typeof v === 'function') return; // JSON.stringify gives no text for them
        expect([...jsonChunks(v, depth)].join('')).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it('writes a LazyArray as the array of its items, made one at a time', () => {
    const made: number[] = [];
    function* items(): Generator<{ n: number }> {
      for (let n = 0; n < 3; n++) {
        made.push(n);
        yield { n };
      }
    }
    const chunks = jsonChunks({ a: new LazyArray(items()), b: [] }, 2);
    const first = [chunks.next().value, chunks.next().value];
    expect(first).toEqual(['{\n  "a": ', '[\n    ']);
    // The first item is made when the array opens, the next only when the first is written.
    expect(made).toEqual([0]);
    const third = chunks.next().value;
    expect(made).toEqual([0]);
    const rest = [...chunks].join('');
    expect(made).toEqual([0, 1, 2]);
    expect(third).toBe('{\n      "n": 0\n    }');
    expect(first.join('') + third + rest).toBe(JSON.stringify({ a: [{ n: 0 }, { n: 1 }, { n: 2 }], b: [] }, null, 2));
    expect(JSON.stringify(new LazyArray([1, 2]))).toBe('[1,2]');
    expect([...jsonChunks(new LazyArray([]), 3)].join('')).toBe('[]');
  });

  it('does not split a leaf below the depth asked', () => {
    const chunks = [...jsonChunks({ list: [{ a: 1 }, { b: [2, 3] }] }, 2)];
    expect(chunks).toContain('{\n      "b": [\n        2,\n        3\n      ]\n    }');
  });
});

describe('batched', () => {
  it('joins pieces into runs of at least the size, keeping every character in order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 })), fc.integer({ min: 1, max: 25 }), (pieces, size) => {
        const runs = [...batched(pieces, size)];
        expect(runs.join('')).toBe(pieces.join(''));
        for (const run of runs.slice(0, -1)) expect(run.length).toBeGreaterThanOrEqual(size);
        expect(runs.every((r) => r.length > 0)).toBe(true);
      }),
    );
  });
});

function diag(i: number): Diagnostic {
  return {
    ruleId: i % 2 ? 'require-id-token-write' : 'no-npm-token-env',
    messageId: 'm',
    severity: i % 3 ? 'error' : 'warning',
    message: `message ${i}\nwith a line break`,
    why: 'why',
    fix: 'fix',
    file: `.github/workflows/w${i % 7}.yml`,
    line: (i % 11) + 1,
    column: 3,
    endLine: (i % 11) + 1,
    endColumn: 9,
    related: i % 4 ? [] : [{ file: 'tp-doctor.yml', start: { line: 1, column: 1 }, end: { line: 1, column: 5 }, label: 'declared here' }],
    docsUrl: 'https://example.test/rule',
    data: { job: `j${i}`, n: i },
    ...(i % 5 ? {} : { autofix: { file: `.github/workflows/w${i % 7}.yml`, description: 'add', edits: [{ start: i, end: i, text: 'x' }] } }),
  };
}

describe('the machine formats in pieces', () => {
  const input: FormatInput = {
    diagnostics: Array.from({ length: 40 }, (_, i) => diag(i)),
    rules: [],
    toolVersion: '1.2.3',
    notes: ['a note'],
    errors: [{ kind: 'internal', message: 'boom', ruleId: 'x' }],
    publishes: [],
  };
  const options = { color: false, cwdPrefix: 'sub/' };

  it.each(['json', 'sarif'] as const)('%s: the pieces join to the formatter text', async (format) => {
    const text = (await loadFormatter(format))(input, options);
    const report = (await loadReportWriter(format))(input, options);
    expect(typeof report).not.toBe('string');
    const pieces = [...(report as Iterable<string>)];
    expect(pieces.length).toBeGreaterThan(40);
    expect(pieces.join('')).toBe(text);
    // And the text is still what JSON.stringify gives for the same data.
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it('json: the pieces are the serialised report of toJsonReport', async () => {
    const report = (await loadReportWriter('json'))(input, options) as Iterable<string>;
    expect([...report].join('')).toBe(`${JSON.stringify(toJsonReport(input), null, 2)}\n`);
  });

  it('the human formats stay one text', async () => {
    expect(typeof (await loadReportWriter('stylish'))(input, options)).toBe('string');
    expect(typeof (await loadReportWriter('github'))(input, options)).toBe('string');
  });
});
