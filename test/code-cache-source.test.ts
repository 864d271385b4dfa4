/**
 * src/cli/code-cache.ts: how the loader reads a bundle file (into one buffer with CommonJS's wrapper
 * around it, Latin-1 for an ASCII file, UTF-8 otherwise) and keys its cache by the build stamp.
 * Each test loads made-up files from a temporary directory, with a private temporary "tmpdir".
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBundle } from '../src/cli/code-cache.js';

let base: string;
let tmpdir: string;

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'tp-code-cache-source-'));
  tmpdir = path.join(base, 'tmp');
  mkdirSync(tmpdir);
});

afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

const cacheFiles = (): string[] => {
  const dir = readdirSync(tmpdir).map((d) => path.join(tmpdir, d))[0];
  return dir !== undefined && existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bin')).sort() : [];
};

/** Loads `text` as a bundle file twice (no cache, then the cache the first load wrote) and returns both loads' exports and states. */
function loadTwice<T>(name: string, text: string | Buffer): Array<{ exports: T; state: string }> {
  const file = path.join(base, name);
  writeFileSync(file, text);
  return [0, 1].map(() => {
    const load = loadBundle<T>(file, { env: {}, tmpdir });
    const result = { exports: load.exports, state: load.state };
    load.save();
    return result;
  });
}

const stamped = (hex: string, body: string): string => `// tp-doctor bundle sha256:${hex.repeat(64)}\n${body}`;

describe('loadBundle reading a file', () => {
  it('runs an empty file, and one whose last line is a comment without a newline', () => {
    expect(loadTwice<object>('empty.cjs', '').map((l) => [l.exports, l.state])).toEqual([
      [{}, 'missing'],
      [{}, 'used'],
    ]);
    expect(loadTwice<{ a: number }>('comment.cjs', 'exports.a = 1;\n// the end').map((l) => [l.exports.a, l.state])).toEqual([
      [1, 'missing'],
      [1, 'used'],
    ]);
  });

  it('reads a file larger than a mebibyte whole, ASCII or not', () => {
    // Node keeps strings over ~1 MB outside V8's heap; the wrapper's end must follow the whole file.
    const filler = 'x'.repeat(1.5 * 1024 * 1024);
    const ascii = loadTwice<{ n: number; end: string }>('ascii.cjs', `exports.n = ${JSON.stringify(filler)}.length;\nexports.end = "tail";`);
    expect(ascii.map((l) => [l.exports.n, l.exports.end, l.state])).toEqual([
      [filler.length, 'tail', 'missing'],
      [filler.length, 'tail', 'used'],
    ]);
    // One non-ASCII character at the very end: the whole file reads as UTF-8, not as Latin-1.
    const utf8 = loadTwice<{ n: number; end: string }>('utf8.cjs', `exports.n = ${JSON.stringify(filler)}.length;\nexports.end = "caf\u00e9 \u{1F600}";`);
    expect(utf8.map((l) => [l.exports.n, l.exports.end, l.state])).toEqual([
      [filler.length, 'caf\u00e9 \u{1F600}', 'missing'],
      [filler.length, 'caf\u00e9 \u{1F600}', 'used'],
    ]);
  });

  it('reads bytes that are not UTF-8 as UTF-8 does (replacement characters), as require would', () => {
    const bytes = Buffer.concat([Buffer.from('exports.text = "a'), Buffer.from([0xe9]), Buffer.from('b";\n')]);
    expect(loadTwice<{ text: string }>('latin1.cjs', bytes).map((l) => l.exports.text)).toEqual(['a\ufffdb', 'a\ufffdb']);
  });
});

describe('loadBundle keying a cache by the build stamp', () => {
  it('gives a rebuilt file (another stamp) its own cache file: the old cache is neither used nor rejected', () => {
    expect(loadTwice<{ v: number }>('main.cjs', stamped('a', 'exports.v = 1;\n')).map((l) => [l.exports.v, l.state])).toEqual([
      [1, 'missing'],
      [1, 'used'],
    ]);
    expect(loadTwice<{ v: number }>('main.cjs', stamped('b', 'exports.v = 22;\n')).map((l) => [l.exports.v, l.state])).toEqual([
      [22, 'missing'],
      [22, 'used'],
    ]);
    expect(cacheFiles().map((f) => f.slice(0, 'main.cjs-'.length + 32))).toEqual([`main.cjs-${'a'.repeat(32)}`, `main.cjs-${'b'.repeat(32)}`]);
  });

  it('rejects a cache whose file was changed without a new stamp to another length, and replaces it', () => {
    const [first] = loadTwice<{ v: number }>('edited.cjs', stamped('c', `exports.v = ${Date.now()};\n`));
    expect(first?.state).toBe('missing');
    const file = path.join(base, 'edited.cjs');
    writeFileSync(file, stamped('c', 'exports.v = 3; // edited by hand\n'));
    const load = loadBundle<{ v: number }>(file, { env: {}, tmpdir });
    expect([load.exports.v, load.state]).toEqual([3, 'rejected']);
    expect(load.save()).toBe(1);
    expect(loadBundle<{ v: number }>(file, { env: {}, tmpdir }).state).toBe('used');
  });
});
