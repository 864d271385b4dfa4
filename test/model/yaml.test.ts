import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/yaml/parse.js';
import { LineIndex } from '../../src/yaml/span.js';

describe('parseYaml', () => {
  it('gives 1-based spans for keys and values', () => {
    const doc = parseYaml('f.yml', 'a:\n  bb: "ccc"\n');
    const bb = doc.root?.at('a', 'bb');
    expect(bb?.keySpan).toEqual({ start: { line: 2, column: 3 }, end: { line: 2, column: 5 } });
    expect(bb?.span).toEqual({ start: { line: 2, column: 7 }, end: { line: 2, column: 12 } });
    expect(bb?.text).toBe('ccc');
  });

  it('reports syntax errors and duplicate keys with positions instead of throwing', () => {
    const dup = parseYaml('f.yml', 'a: 1\na: 2\n');
    expect(dup.root).toBeUndefined();
    expect(dup.problems.map((p) => [p.code, p.span.start.line, p.span.start.column])).toEqual([['duplicate-key', 2, 1]]);
    const bad = parseYaml('f.yml', 'a: [1,\nb: 2\n');
    expect(bad.problems[0]?.code).toBe('syntax');
    expect(bad.problems[0]?.message).not.toMatch(/line \d+/);
  });

  it('finds repeated keys in small and large maps alike (compared by value)', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}: ${i}`);
    const lines = (extra: string[]): string => `${[...keys, ...extra].join('\n')}\n`;
    const at = (text: string): number[] => parseYaml('f.yml', text).problems.map((p) => p.span.start.line);
    expect(at(lines([]))).toEqual([]);
    // a repeat of an early key after the map has grown past the small-map list, and one of a late key
    expect(at(lines(['k3: again', 'k39: again']))).toEqual([41, 42]);
    // `1` and `1.0` are the same number, `"1"` is a string
    expect(at('1: a\n"1": b\n1.0: c\n')).toEqual([3]);
  });

  it('reports several documents', () => {
    expect(parseYaml('f.yml', 'a: 1\n---\nb: 2\n').problems[0]?.code).toBe('multiple-documents');
  });

  it('stops an alias bomb without expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const doc = parseYaml('bomb.yml', levels.join('\n') + '\n');
    expect(doc.problems.map((p) => p.code)).toEqual(['alias-bomb']);
    expect(doc.root).toBeUndefined();
  });

  it('counts expansion only when the text has aliases, wherever they are written', () => {
    const limit = { maxExpandedNodes: 12 };
    // many nodes but no alias: nothing expands, nothing to report
    expect(parseYaml('f.yml', 'a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]\n', limit).problems).toEqual([]);
    // '*' in globs and cron lines is not an alias
    expect(parseYaml('f.yml', 'on:\n  schedule:\n    - cron: "* * * * *"\npaths: ["**/*.ts", "*"]\n', { maxExpandedNodes: 8 }).problems).toEqual([]);
    const aliased = [
      'x: &x [1, 2, 3, 4]\ny: *x\nz: *x\n',
      'x: &x [1, 2, 3, 4]\nl:\n  - [*x, *x]\n',
      'x: &x {a: 1, b: 2, c: 3}\ny: {<<: [*x], d: *x}\n',
      'x: &x [1, 2, 3, 4]\n? *x\n: *x\n',
    ];
    for (const text of aliased) expect(parseYaml('f.yml', text, limit).problems.map((p) => p.code), text).toEqual(['alias-bomb']);
  });

  it('follows aliases and merge keys, explicit keys winning', () => {
    const doc = parseYaml('f.yml', 'base: &b\n  x: 1\n  y: 2\njob:\n  <<: *b\n  y: 3\n  ref: *b\n');
    const job = doc.root?.get('job');
    expect(job?.keys()).toEqual(['x', 'y', 'ref']);
    expect(job?.get('y')?.text).toBe('3');
    expect(job?.get('ref')?.get('x')?.text).toBe('1');
    expect(job?.get('ref')?.viaAlias).toBe(true);
  });

  it('resolves an alias to the last anchor of its name written before it, as the yaml package does', () => {
    // A redefined anchor: each alias names the definition that precedes it, keys before values.
    const text = 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n? &x k\n: *x\ne: [&y 3, *y, {&y f: *y}]\n';
    const doc = parseYaml('f.yml', text);
    expect(doc.problems).toEqual([]);
    expect(['b', 'd', 'k'].map((k) => doc.root?.get(k)?.text)).toEqual(['1', '2', 'k']);
    expect(doc.root?.get('e')?.items()[1]?.text).toBe('3');
    expect(doc.root?.get('e')?.items()[2]?.get('f')?.text).toBe('f');
    // The same answers as the yaml package's own resolution, alias by alias.
    const plain = doc.root?.toJS() as Record<string, unknown>;
    expect(plain).toEqual({ a: 1, b: 1, c: 2, d: 2, k: 'k', e: [3, 3, { f: 'f' }] });
    // An anchor on a collection that holds an alias to itself: found, and refused as unbounded.
    const cyclic = parseYaml('f.yml', 'a: &x\n  b: *x\n');
    expect(cyclic.problems.map((p) => [p.code, p.span.start])).toEqual([['alias-bomb', { line: 2, column: 6 }]]);
  });

  it('computes entries and items once per node and shares them, frozen', () => {
    const doc = parseYaml('f.yml', 'base: &b\n  x: 1\njob:\n  <<: *b\n  steps: [a, b]\nalias: *b\n');
    const job = doc.root?.get('job');
    expect(job?.entries()).toBe(doc.root?.get('job')?.entries());
    expect(Object.isFrozen(job?.entries())).toBe(true);
    expect(job?.get('steps')?.items()).toBe(doc.root?.at('job', 'steps')?.items());
    expect(Object.isFrozen(job?.get('steps')?.items())).toBe(true);
    // the same map through an alias and through a merge key: the same wrappers
    expect(doc.root?.get('alias')?.get('x')).toBe(doc.root?.at('base', 'x'));
    expect(job?.get('x')).toBe(doc.root?.at('base', 'x'));
    // two documents never share entries
    const other = parseYaml('f.yml', 'base: &b\n  x: 1\n');
    expect(other.root?.at('base', 'x')).not.toBe(doc.root?.at('base', 'x'));
    expect(other.root?.at('base', 'x')?.file).toBe('f.yml');
  });

  it('returns the last value of a repeated key through merges', () => {
    const doc = parseYaml('f.yml', 'a: &a\n  k: 1\nb: &b\n  k: 2\nc:\n  <<: [*a, *b]\n');
    expect(doc.root?.at('c', 'k')?.text).toBe('1');
    expect(doc.root?.get('c')?.keys()).toEqual(['k']);
    expect(doc.root?.get('missing')).toBeUndefined();
    expect(doc.root?.at('c', 'k', 'deeper')).toBeUndefined();
  });

  it('keeps numbers as written', () => {
    const doc = parseYaml('f.yml', 'a: 24.10\nb: 020\nc: 1e3\n');
    expect(doc.root?.get('a')?.text).toBe('24.10');
    expect(doc.root?.get('c')?.text).toBe('1e3');
  });

  it('maps offsets inside a literal block scalar back to the source', () => {
    const text = 'steps:\n  - run: |\n      npm ci\n      npm publish --provenance\n';
    const run = parseYaml('f.yml', text).root?.get('steps')?.items()[0]?.get('run');
    const value = run?.text ?? '';
    const at = value.indexOf('npm publish');
    expect(run?.valueSpan(at, at + 'npm publish'.length)).toEqual({
      start: { line: 4, column: 7 },
      end: { line: 4, column: 18 },
    });
  });

  it('maps offsets inside plain and quoted scalars', () => {
    const doc = parseYaml('f.yml', 'a: npm ci && npm publish\nb: "npm publish"\n');
    const a = doc.root?.get('a');
    expect(a?.valueSpan(10, 21)).toEqual({ start: { line: 1, column: 14 }, end: { line: 1, column: 25 } });
    expect(doc.root?.get('b')?.valueSpan(0, 11)).toEqual({ start: { line: 2, column: 5 }, end: { line: 2, column: 16 } });
  });

  it('treats an empty document as having no root', () => {
    expect(parseYaml('f.yml', '').root).toBeUndefined();
    expect(parseYaml('f.yml', '# only a comment\n').root).toBeUndefined();
  });

  it('bounds toJS', () => {
    const doc = parseYaml('f.yml', 'a: [1, 2, 3]\n');
    expect(doc.root?.toJS()).toEqual({ a: [1, 2, 3] });
    expect(doc.root?.toJS(2)).toBeUndefined();
  });
});

describe('LineIndex', () => {
  it('converts offsets to positions and back', () => {
    const idx = new LineIndex('ab\ncd\n\nef');
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(3)).toEqual({ line: 2, column: 1 });
    expect(idx.position(7)).toEqual({ line: 4, column: 1 });
    expect(idx.position(999)).toEqual({ line: 4, column: 3 });
    expect(idx.lineText(2)).toBe('cd');
    expect(idx.lineCount).toBe(4);
  });
});
