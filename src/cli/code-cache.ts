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
 */
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * What happened to the cache of one file in one load (for tests and `TP_DOCTOR_DEBUG`): `unavailable`
 * is a cache folder that cannot be made, or that someone else owns or can write.
 */
export type CacheState = 'disabled' | 'unavailable' | 'missing' | 'used' | 'rejected';

export interface BundleLoad<T> {
  exports: T;
  /** The entry file's cache. */
  state: CacheState;
  /** Every bundle file loaded so far (the entry and the chunks it required) with its cache state. */
  files: Map<string, CacheState>;
  /** The directory of the cache files, when caching is on. */
  cacheDir: string | undefined;
  /**
   * Writes the code cache of every loaded file that had none or whose cache V8 rejected. Call it
   * after the run, so that the functions the run compiled lazily are in it too. Returns how many
   * files it wrote; never throws.
   */
  save(): number;
}

interface Options {
  env?: NodeJS.ProcessEnv;
  /** The temporary directory (tests); `os.tmpdir()` otherwise. */
  tmpdir?: string;
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

/** The cached data, when the file is a regular file the user owns and nobody else can write. */
function readCache(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile() || !owned(stat)) return undefined;
    return readFileSync(fd);
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
}

/**
 * Runs a CommonJS bundle the way `require` would, each file compiled with the code cache when there
 * is one. The bundle's chunks (`require('./<name>.cjs')` from one bundle file to another, which is
 * how the build splits out the code a run may not need: subcommands, formatters, the fixer) load
 * through the same cache when they are first required; anything else goes to Node's `require`.
 */
export function loadBundle<T>(file: string, options: Options = {}): BundleLoad<T> {
  const env = options.env ?? process.env;
  const enabled = !env.NODE_DISABLE_COMPILE_CACHE;
  const dir = enabled ? cacheDirectory(env, options.tmpdir ?? os.tmpdir()) : undefined;
  const loaded = new Map<string, Loaded>();

  const load = (filename: string): Loaded => {
    const done = loaded.get(filename);
    if (done) return done;
    const source = decode(readFileSync(filename));
    let state: CacheState = enabled ? (dir === undefined ? 'unavailable' : 'missing') : 'disabled';
    let cacheFile: string | undefined;
    let cached: Buffer | undefined;
    if (dir !== undefined) {
      cacheFile = path.join(dir, cacheFileName(filename, source));
      cached = readCache(cacheFile);
      if (cached) state = 'used';
    }
    const script = new vm.Script(`${WRAPPER[0]}${source}${WRAPPER[1]}`, { filename, ...(cached ? { cachedData: cached } : {}) });
    if (cached && script.cachedDataRejected === true) state = 'rejected';
    const module = { exports: {} as unknown };
    const entry: Loaded = { module, script, state, cacheFile };
    loaded.set(filename, entry); // before running it, as `require` does for cycles
    const nodeRequire = createRequire(filename);
    const dirname = path.dirname(filename);
    const requireChunk = (id: string): unknown =>
      id.startsWith('./') && id.endsWith('.cjs') ? load(path.join(dirname, id)).module.exports : nodeRequire(id);
    (script.runInThisContext() as Wrapped).call(module.exports, module.exports, requireChunk, module, filename, dirname);
    return entry;
  };

  const main = load(file);
  const saved = new Set<string>();
  return {
    exports: main.module.exports as T,
    state: main.state,
    get files() {
      return new Map([...loaded].map(([name, l]) => [name, l.state]));
    },
    cacheDir: dir,
    save() {
      let written = 0;
      if (dir !== undefined && [...loaded.values()].some((l) => l.state === 'missing' || l.state === 'rejected')) prune(dir);
      for (const [name, l] of loaded) {
        if (saved.has(name) || l.cacheFile === undefined || (l.state !== 'missing' && l.state !== 'rejected')) continue;
        saved.add(name);
        try {
          if (writeCache(l.cacheFile, l.script.createCachedData())) written++;
        } catch {
          // The cache is an optimisation: a run never fails for it.
        }
      }
      return written;
    },
  };
}

/**
 * A bundle file's text. The build writes the bundle in ASCII (`charset: 'ascii'` in scripts/build.mjs),
 * and ASCII read as Latin-1 is the same text: Latin-1 skips UTF-8's decoding (about 3 ms for the
 * 800 KB core chunk) and gives V8 a one-byte string, half the size of the two-byte string that even
 * one non-ASCII character makes. Any other file is read as UTF-8, as `require` reads it.
 */
function decode(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
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
