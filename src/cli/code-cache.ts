/**
 * Loads the bundled CLI (`dist/cli/main.cjs`) with a V8 code cache on Node versions that have no
 * compile cache of their own (`module.enableCompileCache` arrived in Node 22.1; `bin/tp-doctor.js`
 * uses it where it exists and this module only where it does not).
 *
 * Why: most of a small repository's run is V8 parsing and compiling the ~800 KB bundle, and that
 * work is the same on every run. V8 can serialise the compiled code (`vm.Script#createCachedData`)
 * and take it back on the next run (`cachedData`), which skips the parse and the lazy compiles the
 * previous run did (bench/README.md has the figures). This is the mechanism behind Node's own
 * compile cache; it is a few lines over `node:vm`, so no dependency (the one package that did this,
 * `v8-compile-cache`, hooks `Module.prototype._compile` for every module and is unmaintained).
 *
 * What is cached is tp-doctor's own code, never anything read from the inspected repository.
 * Where: `NODE_COMPILE_CACHE` when set (the directory Node's own cache uses), else
 * `<os temp dir>/tp-doctor-code-cache-<uid>`. `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as it
 * does Node's. The directory is created private (0700); on POSIX a directory or cache file that is
 * not the user's own, or that others can write, is neither read nor written, so another local user
 * cannot plant code in it. The file name carries a hash of the bundle, the Node version, the
 * platform and the architecture, and V8 itself rejects data made by another V8 or other flags: a
 * rejected or unreadable cache only costs the time it would have saved, and is rewritten.
 * Every failure here (no temp dir, a full disk, a read-only file system) falls back silently to a
 * plain compile: the cache is an optimisation, never a reason for a run to fail.
 *
 * A cache holds what the run that wrote it compiled. When that run was a light one (an empty
 * folder, a repository without publishes, a pre-commit run on a docs change), later runs would
 * compile the rest lazily on every start (the typical repository: ~400 M instructions instead of
 * ~285 M). So a run that used a cache rewrites it when it compiled much more than the writing run
 * had (see `refreshWanted`); the new cache also holds the old functions (still compiled), so it only
 * grows and settles after a few runs. Each cache file starts with a small header: the V8 bytecode
 * the writing run ended with.
 *
 * Node >= 22.1 (its own compile cache, used by bin/tp-doctor.js there) serialises a file's cache
 * right after compiling it (`CreateCodeCacheForFunction` in Node's src/compile_cache.cc), before any
 * of it runs, and keeps an accepted cache as it is: its cache holds only the top level and the
 * functions V8 compiles eagerly, the same for every run, and `module.flushCompileCache()` only writes
 * those entries sooner. It is thin by design, not by the first run, and no option refreshes it;
 * loading the bundle through this module on Node 22 too would (not done: a decision for the lead).
 */
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { heapFigures, tempDirectory, type HeapFigures } from './code-cache-env.js';

/**
 * What happened to the cache of one file in one load (for tests and `TP_DOCTOR_DEBUG`): `unavailable`
 * is a cache folder that cannot be made, or that someone else owns or can write.
 */
export type CacheState = 'disabled' | 'unavailable' | 'missing' | 'used' | 'rejected' | 'refreshed';

export interface BundleLoad<T> {
  exports: T;
  /** The entry file's cache. */
  state: CacheState;
  /** Every bundle file loaded so far (the entry and the chunks it required) with its cache state. */
  files: Map<string, CacheState>;
  /** The directory of the cache files, when caching is on. */
  cacheDir: string | undefined;
  /**
   * Writes the code cache of every loaded file that had none or whose cache V8 rejected, and
   * rewrites a used one when the run compiled much more than the run that wrote it (the state
   * becomes `refreshed`). Call it after the run, so that the functions the run compiled lazily are
   * in it too. Returns how many files it wrote; never throws.
   */
  save(): number;
}

interface Options {
  env?: NodeJS.ProcessEnv;
  /** The temporary directory (tests); what `os.tmpdir()` gives otherwise (`tempDirectory`). */
  tmpdir?: string;
  /** V8's heap figures (tests); Node's otherwise (`heapFigures`). */
  heap?: HeapFigures | undefined;
}

/** CommonJS's module wrapper (what `require` puts around a file; `Module.wrap` is not public API). */
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'] as const;

/** The first line of a bundle file built by scripts/build.mjs: `// tp-doctor bundle sha256:<hex of the rest>`. */
export const STAMP = /^\/\/ tp-doctor bundle sha256:([0-9a-f]{64})\n/;

const SAFE_MODE_BITS = 0o022; // group- or world-writable

function owned(stat: { uid: number; mode: number }): boolean {
  if (typeof process.getuid !== 'function') return true; // Windows: the temp directory is per user
  return stat.uid === process.getuid() && (stat.mode & SAFE_MODE_BITS) === 0;
}

/** The private cache directory, created when missing; undefined when it cannot be trusted. */
function cacheDirectory(env: NodeJS.ProcessEnv, tmpdir: string): string | undefined {
  const uid = typeof process.getuid === 'function' ? `-${process.getuid()}` : '';
  const dir = env.NODE_COMPILE_CACHE ? path.resolve(env.NODE_COMPILE_CACHE) : path.join(tmpdir, `tp-doctor-code-cache${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // In the shared temporary directory the folder must be a real one: a symbolic link planted
    // there by someone else could point into one of the user's own folders. A folder named in
    // NODE_COMPILE_CACHE is the user's choice, link or not.
    const stat = env.NODE_COMPILE_CACHE ? statSync(dir) : lstatSync(dir);
    return stat.isDirectory() && owned(stat) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A cache file: a magic number (8 bytes), two figures of the run that wrote it (float64,
 * little-endian, NaN when unknown: the V8 bytecode in the heap at its end, and how much its old
 * space grew), then V8's data.
 */
const MAGIC = Buffer.from('tpdcc\x00\x00\x02', 'latin1');
const HEADER = MAGIC.length + 16;

interface CacheFile {
  data: Buffer;
  /** The bytecode (bytes) the writing run ended with. */
  bytecode: number;
  /** How much V8's old space grew (bytes) in the writing run, or in the largest run that checked it since. */
  growth: number;
}

export function withHeader(data: Buffer, bytecode: number, growth = Number.NaN): Buffer {
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header);
  header.writeDoubleLE(bytecode, MAGIC.length);
  header.writeDoubleLE(growth, MAGIC.length + 8);
  return Buffer.concat([header, data]);
}

/** The cache file's contents, when it is a regular file the user owns and nobody else can write and has the header. */
function readCache(file: string): CacheFile | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile() || !owned(stat)) return undefined;
    const bytes = readFileSync(fd);
    if (bytes.length <= HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    return { data: bytes.subarray(HEADER), bytecode: bytes.readDoubleLE(MAGIC.length), growth: bytes.readDoubleLE(MAGIC.length + 8) };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Cache files left by other builds or Node versions go when they are a month old. */
const PRUNE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Deletes this cache's files not written for a month (each build of tp-doctor and each Node version
 * has its own files, and nothing else would ever remove them). Runs only when a cache file is about
 * to be written, so at most once per build, Node version and machine in the common case. A file
 * still in use is simply written again by the next run.
 */
function prune(dir: string): void {
  try {
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.bin') && !name.endsWith('.tmp')) continue;
      const file = path.join(dir, name);
      const stat = lstatSync(file);
      if (stat.isFile() && owned(stat) && now - stat.mtimeMs > PRUNE_AFTER_MS) unlinkSync(file);
    }
  } catch {
    // Pruning is housekeeping: a failure leaves files behind, nothing worse.
  }
}

/** Writes through a temporary name and renames: a concurrent run reads the old file or the new, never half of one. */
function writeCache(file: string, data: Buffer): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing was written.
    }
    return false;
  }
}

type Wrapped = (exports: unknown, require: NodeJS.Require | ((id: string) => unknown), module: { exports: unknown }, filename: string, dirname: string) => void;

interface Loaded {
  module: { exports: unknown };
  script: vm.Script;
  state: CacheState;
  cacheFile: string | undefined;
  /** The cache it was loaded with. */
  cached: CacheFile | undefined;
}

/**
 * When a run that used a cache rewrites it. Measured on the typical repository (bench/README.md,
 * twenty-seventh stop), V8's bytecode in the heap at the end of the run against what the run that
 * wrote the cache ended with: a cache written by a light run (an empty folder) +510 KiB; its own
 * cache +0 to +22 KiB (Node's own modules a run compiles: node:stream for a file, node:net too for a
 * pipe), a repository without publishes or a run with findings up to +60 KiB. 256 KiB is well above
 * what Node's modules add and well under a light run's gap, so a run rewrites the cache when it
 * compiled about a quarter of the bundle's usual code that the cache did not hold.
 */
const REFRESH_BYTECODE = 256 * 1024;

/**
 * Reading the bytecode walks the heap (~10 M instructions at the end of the typical run, 3 % of it;
 * 50 to 80 ms at the end of the 846-file run), so it is read only when V8's old space (where
 * bytecode goes; read for free) grew by at least this much in the run, and by half as much more
 * than in the run that wrote the cache (or the largest run that checked it since, see `save`). The
 * typical repository grows it by 0.4 to 0.8 MiB with its own cache, by 1.44 MiB with an empty
 * folder's cache (the bytecode it compiles, and its metadata), whose writer grew it by 0.59 MiB. A
 * larger repository grows it with its data: it pays one walk, and the cache remembers its growth.
 */
const REFRESH_GATE = 1024 * 1024;

/**
 * A run whose old space grew more than this (a large repository: the 846-file run grows it by
 * 24 MiB) neither walks the heap nor refreshes: what it compiles lazily is a small part of its run,
 * while a cache grown by it costs every small run more to load than it saves (the typical run with
 * the 846-file run's cache: 354 M instructions, against 286 M with its own).
 */
const REFRESH_LIMIT = 4 * 1024 * 1024;

/**
 * Runs a CommonJS bundle the way `require` would, each file compiled with the code cache when there
 * is one. The bundle's chunks (`require('./<name>.cjs')` from one bundle file to another, which is
 * how the build splits out the code a run may not need: subcommands, formatters, the fixer) load
 * through the same cache when they are first required; anything else goes to Node's `require`.
 */
export function loadBundle<T>(file: string, options: Options = {}): BundleLoad<T> {
  const env = options.env ?? process.env;
  const enabled = !env.NODE_DISABLE_COMPILE_CACHE;
  const dir = enabled ? cacheDirectory(env, options.tmpdir ?? tempDirectory(env)) : undefined;
  const heap = dir === undefined ? undefined : 'heap' in options ? options.heap : heapFigures();
  const loaded = new Map<string, Loaded>();

  const load = (filename: string): Loaded => {
    const done = loaded.get(filename);
    if (done) return done;
    const { wrapped, source } = readSource(filename);
    let state: CacheState = enabled ? (dir === undefined ? 'unavailable' : 'missing') : 'disabled';
    let cacheFile: string | undefined;
    let cached: CacheFile | undefined;
    if (dir !== undefined) {
      cacheFile = path.join(dir, cacheFileName(filename, source));
      cached = readCache(cacheFile);
      if (cached) state = 'used';
    }
    const script = new vm.Script(wrapped, { filename, ...(cached ? { cachedData: cached.data } : {}) });
    if (cached && script.cachedDataRejected === true) state = 'rejected';
    const module = { exports: {} as unknown };
    const entry: Loaded = { module, script, state, cacheFile, cached };
    loaded.set(filename, entry); // before running it, as `require` does for cycles
    const nodeRequire = createRequire(filename);
    const dirname = path.dirname(filename);
    const requireChunk = (id: string): unknown =>
      id.startsWith('./') && id.endsWith('.cjs') ? load(path.join(dirname, id)).module.exports : nodeRequire(id);
    (script.runInThisContext() as Wrapped).call(module.exports, module.exports, requireChunk, module, filename, dirname);
    return entry;
  };

  const main = load(file);
  const oldSpaceAfterLoad = heap?.oldSpace();
  const saved = new Set<string>();
  return {
    exports: main.module.exports as T,
    state: main.state,
    get files() {
      return new Map([...loaded].map(([name, l]) => [name, l.state]));
    },
    cacheDir: dir,
    save() {
      return saveCaches(loaded, saved, dir, heap, oldSpaceAfterLoad);
    },
  };
}

/** `BundleLoad#save`: writes the missing and rejected caches, and refreshes the used ones a run outgrew. */
function saveCaches(loaded: Map<string, Loaded>, saved: Set<string>, dir: string | undefined, heap: HeapFigures | undefined, oldSpaceAfterLoad: number | undefined): number {
  let written = 0;
  const fresh = (l: Loaded): boolean => l.state === 'missing' || l.state === 'rejected';
  const pending = [...loaded].filter(([name, l]) => !saved.has(name) && l.cacheFile !== undefined);
  if (pending.length === 0) return 0;
  // The bytecode is read (a heap walk) when a file is written, for its header, or when the old
  // space grew enough for a used cache to be worth checking.
  let growth = Number.NaN;
  let bytecode = Number.NaN;
  try {
    if (heap !== undefined && oldSpaceAfterLoad !== undefined) growth = heap.oldSpace() - oldSpaceAfterLoad;
  } catch {
    // Unknown: nothing is checked.
  }
  const gated = (l: Loaded): boolean =>
    l.state === 'used' && l.cached !== undefined && growth >= REFRESH_GATE && growth <= REFRESH_LIMIT && growth - l.cached.growth >= REFRESH_GATE / 2;
  try {
    if (heap !== undefined && pending.some(([, l]) => fresh(l) || gated(l))) bytecode = heap.bytecode();
  } catch {
    // Unknown: the header says NaN, and no used cache is rewritten.
  }
  const stale = (l: Loaded): boolean => gated(l) && bytecode - l.cached!.bytecode > REFRESH_BYTECODE;
  if (dir !== undefined && pending.some(([, l]) => fresh(l) || stale(l))) prune(dir);
  for (const [name, l] of pending) {
    if (!fresh(l) && !gated(l)) continue;
    saved.add(name);
    try {
      const data = stale(l) || fresh(l) ? l.script.createCachedData() : undefined;
      // A refresh only ever grows the cache: V8 may have flushed the bytecode of a function
      // unused for a long run, and a smaller cache would lose more than it gains.
      if (!fresh(l) && (data === undefined || data.length <= l.cached!.data.length)) {
        // Checked and kept: the same data, with this run's larger growth in the header, so that
        // runs of this size (a larger repository's data) do not walk the heap every time.
        writeCache(l.cacheFile!, withHeader(l.cached!.data, l.cached!.bytecode, growth));
        continue;
      }
      if (writeCache(l.cacheFile!, withHeader(data!, bytecode, growth))) {
        written++;
        if (!fresh(l)) l.state = 'refreshed';
      }
    } catch {
      // The cache is an optimisation: a run never fails for it.
    }
  }
  return written;
}

const PREFIX = Buffer.from(WRAPPER[0], 'latin1');
const SUFFIX = Buffer.from(WRAPPER[1], 'latin1');

/**
 * A bundle file's text (`source`) and the text V8 compiles (`wrapped`: it in CommonJS's wrapper).
 * The build writes the bundle in ASCII (`charset: 'ascii'` in scripts/build.mjs), and ASCII read
 * as Latin-1 is the same text: Latin-1 skips UTF-8's decoding (about 3 ms for the core chunk) and
 * gives V8 a one-byte string, half the size of the two-byte string that even one non-ASCII
 * character makes. The file is read into a buffer that already holds the wrapper around it, so the
 * wrapped text is one flat string: a concatenation would be a cons string that V8 copies into a
 * flat one before compiling (about 3 ms for the core chunk). Any other file is read as UTF-8, as
 * `require` reads it.
 */
function readSource(filename: string): { wrapped: string; source: string } {
  const fd = openSync(filename, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.allocUnsafe(PREFIX.length + size + SUFFIX.length);
    PREFIX.copy(bytes, 0);
    let length = 0;
    for (let n = -1; length < size && n !== 0; length += n) n = readSync(fd, bytes, PREFIX.length + length, size - length, length);
    const body = bytes.subarray(PREFIX.length, PREFIX.length + length);
    if (!isAscii(body)) {
      const source = body.toString('utf8');
      return { wrapped: `${WRAPPER[0]}${source}${WRAPPER[1]}`, source };
    }
    SUFFIX.copy(bytes, PREFIX.length + length);
    const wrapped = bytes.toString('latin1', 0, PREFIX.length + length + SUFFIX.length);
    return { wrapped, source: wrapped.slice(PREFIX.length, PREFIX.length + length) };
  } finally {
    closeSync(fd);
  }
}

/** The name of a bundle file's cache file in the cache directory. */
export function cacheFileName(filename: string, source: string): string {
  return `${path.basename(filename)}-${cacheKey(source)}.bin`;
}

/**
 * The cache file's key: the bundle file's content, the Node version, platform, architecture and
 * flags. The build stamps each bundle file with a hash of its content (scripts/build.mjs): hashing
 * 800 KB, or even loading `node:crypto`, on every run would cost a good part of what the cache
 * saves. An unstamped file (not built by scripts/build.mjs) is hashed here.
 */
function cacheKey(source: string): string {
  const stamp = STAMP.exec(source.slice(0, 200))?.[1] ?? sha256(source);
  const flags = process.execArgv.length === 0 ? '' : `-${fnv1a(process.execArgv.join('\0'))}`;
  return `${stamp.slice(0, 32)}-${process.version}-${process.platform}-${process.arch}${flags}`;
}

function sha256(text: string): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return createHash('sha256').update(text).digest('hex');
}

/** FNV-1a, 32 bits: names the flag set in the file name (V8 itself rejects a cache made under other flags). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}
