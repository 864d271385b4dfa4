/**
 * src/cli/code-cache.ts: the V8 code cache the CLI bundle is loaded with on Node versions without a
 * compile cache of their own. Each test loads a small made-up bundle (an entry and a chunk, as the
 * build makes them) from a temporary directory and a private temporary "tmpdir" for the cache.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFileName, loadBundle, STAMP, withHeader } from '../src/cli/code-cache.js';
import { heapFigures, tempDirectory } from '../src/cli/code-cache-env.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POSIX = typeof process.getuid === 'function';

let base: string;
let bundle: string;
let tmpdir: string;

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'tp-code-cache-'));
  bundle = path.join(base, 'bundle');
  tmpdir = path.join(base, 'tmp');
  mkdirSync(bundle);
  mkdirSync(tmpdir);
  writeFileSync(
    path.join(bundle, 'main.cjs'),
    [
      'const chunk = require("./chunk-abc.cjs");',
      'const nodePath = require("node:path");',
      'exports.run = (x) => chunk.twice(x) + nodePath.sep.length;',
      'exports.file = __filename;',
      'exports.dir = __dirname;',
    ].join('\n'),
  );
  writeFileSync(path.join(bundle, 'chunk-abc.cjs'), 'let loads = (globalThis.__chunkLoads ?? 0) + 1; globalThis.__chunkLoads = loads;\nexports.twice = (x) => 2 * x;\n');
});

afterEach(() => {
  rmSync(base, { recursive: true, force: true });
  delete (globalThis as { __chunkLoads?: number }).__chunkLoads;
});

interface Fake {
  run(x: number): number;
  file: string;
  dir: string;
}

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...extra });
const cacheDir = (): string => path.join(tmpdir, `tp-doctor-code-cache${POSIX ? `-${process.getuid!()}` : ''}`);
const cacheFiles = (): string[] => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((f) => f.endsWith('.bin')).sort() : []);

describe('loadBundle', () => {
  it('runs a CommonJS bundle with its chunks, each once, with the right __filename and require', () => {
    const load = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir });
    expect(load.exports.run(20)).toBe(40 + path.sep.length);
    expect(load.exports.file).toBe(path.join(bundle, 'main.cjs'));
    expect(load.exports.dir).toBe(bundle);
    expect((globalThis as { __chunkLoads?: number }).__chunkLoads).toBe(1);
    expect([...load.files.keys()].map((f) => path.basename(f))).toEqual(['main.cjs', 'chunk-abc.cjs']);
  });

  it('reads an ASCII file as Latin-1 and any other as UTF-8: the same text either way, cached or not', () => {
    // The build writes ASCII bundles; a file with other characters (not built by scripts/build.mjs)
    // must still read as UTF-8, never as Latin-1 mojibake.
    writeFileSync(path.join(bundle, 'chunk-abc.cjs'), 'exports.twice = (x) => 2 * x;\nexports.text = "caf\\u00e9 \\u2192";\n');
    writeFileSync(path.join(bundle, 'main.cjs'), 'const chunk = require("./chunk-abc.cjs");\nexports.run = chunk.twice;\nexports.texts = [chunk.text, "caf\u00e9 \u2192 \u{1F600}"];\n');
    for (let i = 0; i < 2; i++) {
      const load = loadBundle<{ texts: string[] }>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir });
      expect(load.exports.texts).toEqual(['caf\u00e9 \u2192', 'caf\u00e9 \u2192 \u{1F600}']);
      expect([...load.files.values()]).toEqual(i === 0 ? ['missing', 'missing'] : ['used', 'used']);
      load.save();
    }
  });

  it('writes the cache after the run and uses it on the next load', () => {
    const first = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir });
    expect(first.state).toBe('missing');
    expect(cacheFiles()).toEqual([]);
    expect(first.exports.run(1)).toBe(2 + path.sep.length);
    expect(first.save()).toBe(2);
    expect(first.save()).toBe(0); // once
    expect(cacheFiles()).toHaveLength(2);
    expect(cacheFiles().every((f) => f.startsWith('main.cjs-') || f.startsWith('chunk-abc.cjs-'))).toBe(true);

    const second = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir });
    expect([...second.files.values()]).toEqual(['used', 'used']);
    expect(second.exports.run(3)).toBe(6 + path.sep.length);
    expect(second.save()).toBe(0);
  });

  it.runIf(POSIX)('creates the cache directory private, and the files readable by the user only', () => {
    loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir }).save();
    expect(statSync(cacheDir()).mode & 0o777).toBe(0o700);
    for (const f of cacheFiles()) expect(statSync(path.join(cacheDir(), f)).mode & 0o777).toBe(0o600);
  });

  it('replaces a cache V8 rejects (corrupt, or from another build) and still runs', () => {
    // A source this process never compiled (V8 keeps compiled scripts in memory, and a second load
    // of the same source would not consult the cache), with garbage planted as its cache.
    const source = `exports.run = () => ${Date.now()};\n`;
    const file = path.join(bundle, 'fresh.cjs');
    writeFileSync(file, source);
    mkdirSync(cacheDir(), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(cacheDir(), cacheFileName(file, source)), withHeader(Buffer.from('not a code cache at all'), 0), { mode: 0o600 });
    const load = loadBundle<{ run(): number }>(file, { env: env(), tmpdir });
    expect(load.state).toBe('rejected');
    expect(typeof load.exports.run()).toBe('number');
    expect(load.save()).toBe(1);
    expect(statSync(path.join(cacheDir(), cacheFileName(file, source))).size).toBeGreaterThan(100);
  });

  it('reads a cache file without its header as missing, and writes it again', () => {
    const source = `exports.run = () => ${Date.now() + 1};\n`;
    const file = path.join(bundle, 'headless.cjs');
    writeFileSync(file, source);
    mkdirSync(cacheDir(), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(cacheDir(), cacheFileName(file, source)), Buffer.from('no header here, and long enough'), { mode: 0o600 });
    const load = loadBundle<{ run(): number }>(file, { env: env(), tmpdir });
    expect(load.state).toBe('missing');
    expect(load.save()).toBe(1);
  });

  it('does not measure the heap for a run that used its caches and whose old space barely grew', () => {
    loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir }).save();
    let walks = 0;
    const heap = { oldSpace: () => 0, bytecode: () => (walks++, 1e9) };
    const load = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir, heap });
    expect(load.save()).toBe(0);
    expect(walks).toBe(0);
  });

  it('walks the heap once for a run whose data grows the old space, and remembers that growth', () => {
    const MiB = 1024 * 1024;
    let walks = 0;
    const fake = (growth: number, bytecode: number) => {
      let reads = 0;
      return { oldSpace: () => (reads++ === 0 ? 0 : growth), bytecode: () => (walks++, bytecode) };
    };
    expect(loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir, heap: fake(0.5 * MiB, 10 * MiB) }).save()).toBe(2);
    expect(walks).toBe(1); // for the header
    // A larger repository: 3 MiB of data, 100 KiB more bytecode than the writer: checked, kept.
    const larger = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir, heap: fake(3 * MiB, 10 * MiB + 100 * 1024) });
    expect(larger.save()).toBe(0);
    expect(walks).toBe(2);
    expect([...larger.files.values()]).toEqual(['used', 'used']);
    // The same again: the header remembers 3 MiB, so no walk.
    expect(loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir, heap: fake(3 * MiB, 10 * MiB + 100 * 1024) }).save()).toBe(0);
    expect(walks).toBe(2);
    // Larger, and 1 MiB more bytecode: a refresh would be due, but V8's data for these tiny files is
    // no larger than what the cache holds, so the cache is kept (it only grows).
    const heavy = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir, heap: fake(3.9 * MiB, 11 * MiB) });
    expect(heavy.save()).toBe(0);
    expect(walks).toBe(3);
    // A large repository's run (over 4 MiB): no walk, no refresh.
    expect(loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir, heap: fake(24 * MiB, 12 * MiB) }).save()).toBe(0);
    expect(walks).toBe(3);
  });

  it('keys the cache by content: an edited bundle file gets a new cache file', () => {
    loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir }).save();
    const before = cacheFiles();
    writeFileSync(path.join(bundle, 'chunk-abc.cjs'), 'exports.twice = (x) => 3 * x;\n');
    const load = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir });
    expect([...load.files.values()]).toEqual(['used', 'missing']);
    expect(load.exports.run(1)).toBe(3 + path.sep.length);
    load.save();
    expect(cacheFiles().length).toBe(before.length + 1);
  });

  it('takes the key from the build stamp when there is one', () => {
    const stamped = `// tp-doctor bundle sha256:${'a'.repeat(64)}\nexports.run = () => 7;\n`;
    expect(STAMP.exec(stamped)?.[1]).toBe('a'.repeat(64));
    writeFileSync(path.join(bundle, 'stamped.cjs'), stamped);
    const load = loadBundle<{ run(): number }>(path.join(bundle, 'stamped.cjs'), { env: env(), tmpdir });
    expect(load.exports.run()).toBe(7);
    load.save();
    expect(cacheFiles()).toEqual([expect.stringMatching(new RegExp(`^stamped\\.cjs-${'a'.repeat(32)}-${process.version}-`))]);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE, and writes nothing', () => {
    const load = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env({ NODE_DISABLE_COMPILE_CACHE: '1' }), tmpdir });
    expect(load.state).toBe('disabled');
    expect(load.exports.run(1)).toBe(2 + path.sep.length);
    expect(load.save()).toBe(0);
    expect(existsSync(cacheDir())).toBe(false);
  });

  it('uses NODE_COMPILE_CACHE as the directory when set', () => {
    const dir = path.join(base, 'mine');
    const load = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env({ NODE_COMPILE_CACHE: dir }), tmpdir });
    expect(load.cacheDir).toBe(dir);
    expect(load.save()).toBe(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(2);
    expect(existsSync(cacheDir())).toBe(false);
  });

  it.runIf(POSIX)('neither reads nor writes a cache directory that others can write', () => {
    mkdirSync(cacheDir(), { mode: 0o700 });
    chmodSync(cacheDir(), 0o777);
    const load = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir });
    expect(load.state).toBe('unavailable');
    expect(load.exports.run(1)).toBe(2 + path.sep.length);
    expect(load.save()).toBe(0);
    expect(readdirSync(cacheDir())).toEqual([]);
  });

  it.runIf(POSIX)('does not follow a symbolic link planted where its folder goes in the temporary directory', () => {
    const target = path.join(base, 'users-own-folder');
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, cacheDir());
    const load = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir });
    expect(load.state).toBe('unavailable');
    expect(load.exports.run(1)).toBe(2 + path.sep.length);
    expect(load.save()).toBe(0);
    expect(readdirSync(target)).toEqual([]);
  });

  it.runIf(POSIX)('ignores a cache file that others can write (planted code), and replaces it', () => {
    loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir }).save();
    for (const f of cacheFiles()) chmodSync(path.join(cacheDir(), f), 0o666);
    const load = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir });
    expect([...load.files.values()]).toEqual(['missing', 'missing']);
    expect(load.save()).toBe(2);
    for (const f of cacheFiles()) expect(statSync(path.join(cacheDir(), f)).mode & 0o777).toBe(0o600);
  });

  it('never fails a run when the cache cannot be written', () => {
    // The temporary directory is a file: no cache directory can be made under it.
    const notADir = path.join(base, 'file');
    writeFileSync(notADir, '');
    const load = loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir: notADir });
    expect(load.state).toBe('unavailable');
    expect(load.exports.run(2)).toBe(4 + path.sep.length);
    expect(load.save()).toBe(0);
  });

  it('prunes cache files a month old when it writes, and keeps recent ones', () => {
    mkdirSync(cacheDir(), { recursive: true, mode: 0o700 });
    const old = path.join(cacheDir(), 'main.cjs-old-build.bin');
    const recent = path.join(cacheDir(), 'main.cjs-other-build.bin');
    writeFileSync(old, 'x', { mode: 0o600 });
    writeFileSync(recent, 'y', { mode: 0o600 });
    const monthsAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(old, monthsAgo, monthsAgo);
    loadBundle<Fake>(path.join(bundle, 'main.cjs'), { env: env(), tmpdir }).save();
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });
});

describe('tempDirectory', () => {
  it.runIf(POSIX && process.getuid!() === process.geteuid!())('is what os.tmpdir() says, without node:os', () => {
    for (const e of [{}, { TMPDIR: '/x/y/' }, { TMPDIR: '', TMP: '/t' }, { TEMP: '/e//' }, { TMPDIR: '/' }, { TMP: 'rel/' }]) {
      const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
      for (const k of ['TMPDIR', 'TMP', 'TEMP'] as const) {
        const v = (e as Record<string, string | undefined>)[k];
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      try {
        expect(tempDirectory(process.env)).toBe(os.tmpdir());
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    }
  });
});

// A cache written by a light run is rewritten by a heavy one. Each "run" is a child process (V8
// keeps a compiled script in memory for the process's life, so an in-process second load would not
// consult the cache); it counts what it compiled lazily with the heap's bytecode figure.
const LOADER = path.join(ROOT, 'dist/cli/code-cache.cjs');
const HEAP = heapFigures() !== undefined;

describe.runIf(existsSync(LOADER) && HEAP)('refreshing a thin cache', () => {
  const fn = (name: string, i: number): string =>
    `function ${name}${i}(x) { let s = ${i}; for (let k = 0; k < 3; k++) { s += (x * ${i} + k) % 7; if (s > ${i * 3}) s -= ${i}; else s += k * 2; } return [s, x, "${name}"].join(":").length + s; }`;
  const calls = (name: string): string => Array.from({ length: name === 'a' ? 1500 : 3000 }, (_, i) => `${name}${i}(x)`).join(' + ');
  const run = (what: string): { states: string[]; written: number; compiled: number } => {
    const script = [
      `const v8 = require('node:v8');`,
      `const { loadBundle } = require(${JSON.stringify(LOADER)});`,
      `const load = loadBundle(${JSON.stringify(path.join(bundle, 'big.cjs'))}, { env: {}, tmpdir: ${JSON.stringify(tmpdir)} });`,
      `const after = v8.getHeapCodeStatistics().bytecode_and_metadata_size;`,
      `load.exports[process.argv[2]](1);`,
      `const compiled = v8.getHeapCodeStatistics().bytecode_and_metadata_size - after;`,
      `const written = load.save();`,
      `console.log(JSON.stringify({ states: [...load.files.values()], written, compiled }));`,
    ].join('\n');
    const file = path.join(base, 'run.cjs');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, [file, what], { encoding: 'utf8', env: { ...process.env, NODE_COMPILE_CACHE: '', NODE_DISABLE_COMPILE_CACHE: '' } });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as { states: string[]; written: number; compiled: number };
  };

  beforeEach(() => {
    const a = Array.from({ length: 1500 }, (_, i) => fn('a', i));
    const b = Array.from({ length: 3000 }, (_, i) => fn('b', i));
    writeFileSync(
      path.join(bundle, 'big.cjs'),
      [...a, ...b, `exports.nothing = () => 0;`, `exports.light = (x) => ${calls('a')};`, `exports.heavy = (x) => ${calls('b')};`].join('\n'),
    );
  });

  it('rewrites a cache a light run wrote after a heavy run, keeps the old functions, and then leaves it', () => {
    const light = run('nothing');
    expect(light).toMatchObject({ states: ['missing'], written: 1 });
    const heavy = run('heavy');
    expect(heavy.compiled).toBeGreaterThan(256 * 1024);
    expect(heavy).toMatchObject({ states: ['refreshed'], written: 1 });
    // The next heavy run compiles almost nothing, and writes nothing.
    const again = run('heavy');
    expect(again).toMatchObject({ states: ['used'], written: 0 });
    expect(again.compiled).toBeLessThan(heavy.compiled / 10);
  });

  it('keeps the functions of the cache it rewrites', () => {
    expect(run('light')).toMatchObject({ states: ['missing'], written: 1 });
    expect(run('heavy')).toMatchObject({ states: ['refreshed'], written: 1 });
    // The light run's functions were in the old cache, not run by the heavy one: still in the new.
    const light = run('light');
    expect(light).toMatchObject({ states: ['used'], written: 0 });
    expect(light.compiled).toBeLessThan(64 * 1024);
  });

  it('does not rewrite a full cache after an ordinary or a lighter run', () => {
    expect(run('heavy')).toMatchObject({ states: ['missing'], written: 1 });
    for (const what of ['heavy', 'nothing']) expect(run(what)).toMatchObject({ states: ['used'], written: 0 });
  });
});

// The built CLI: the cache really is written and used, and changes nothing in the output.
const BUILT = existsSync(path.join(ROOT, 'dist/cli/main.cjs'));
const NODE_HAS_COMPILE_CACHE = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe.runIf(BUILT)('the built CLI', () => {
  it('gives the same report with a cold cache, a warm cache and no cache', () => {
    const cache = path.join(base, 'cache');
    const repo = path.join(ROOT, 'fixtures/repos/require-id-token-write-id-token-read');
    const cli = (extra: NodeJS.ProcessEnv): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/tp-doctor.js'), repo, '--format', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', NODE_COMPILE_CACHE: cache, TP_DOCTOR_DEBUG: '1', ...extra },
      });
    const cold = cli({});
    const warm = cli({});
    const none = cli({ NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(cold.status).toBe(1);
    expect(warm.stdout).toBe(cold.stdout);
    expect(none.stdout).toBe(cold.stdout);
    expect(String(cold.stdout)).toContain('"ruleId": "require-id-token-write"');
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    if (!NODE_HAS_COMPILE_CACHE) {
      // Node 20: tp-doctor's own cache, which says what it did under TP_DOCTOR_DEBUG.
      expect(String(cold.stderr)).toMatch(/code cache in .*main\.cjs missing.*[1-9]\d* written/);
      expect(String(warm.stderr)).toMatch(/main\.cjs used, core-[\w-]+\.cjs used.*; 0 written/);
      expect(String(none.stderr)).toMatch(/code cache in \(off\): main\.cjs disabled/);
    }
  });

  it.runIf(!NODE_HAS_COMPILE_CACHE)('writes no cache after --version or --help (they compile almost nothing); the first lint run does', () => {
    const cache = path.join(base, 'cache-info');
    const env = { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', NODE_COMPILE_CACHE: cache, TP_DOCTOR_DEBUG: '1' };
    for (const flag of ['--version', '--help']) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/tp-doctor.js'), flag], { encoding: 'utf8', env });
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/; 0 written/);
    }
    const lint = spawnSync(process.execPath, [path.join(ROOT, 'bin/tp-doctor.js'), path.join(ROOT, 'fixtures/repos/require-id-token-write-id-token-read')], { encoding: 'utf8', env });
    expect(lint.stderr).toMatch(/main\.cjs missing.*; [1-9]\d* written/);
  });

  it('survives runs that start together on an empty cache (each writes through its own temporary file)', async () => {
    const cache = path.join(base, 'cache-race');
    const repo = path.join(ROOT, 'fixtures/repos/require-id-token-write-id-token-read');
    const once = (): Promise<{ code: number | null; out: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'bin/tp-doctor.js'), repo, '--format', 'json'], {
          env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', NODE_COMPILE_CACHE: cache },
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('close', (code) => resolve({ code, out }));
      });
    const runs = await Promise.all([once(), once(), once(), once()]);
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1]);
    expect(new Set(runs.map((r) => r.out)).size).toBe(1);
    expect(readdirSync(cache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const after = await once();
    expect(after.out).toBe(runs[0]!.out);
  });
});
