/**
 * What src/cli/code-cache.ts needs from Node besides files, at the lowest start-up cost: the
 * temporary directory without `node:os`, and V8's heap figures without `node:v8`.
 */
import { createRequire } from 'node:module';
import type * as Os from 'node:os';

/**
 * `os.tmpdir()` without loading `node:os` (compiling it costs ~5 M instructions on a Node that
 * compiles its own modules at start, as Debian's does). On POSIX this is what Node's lib/os.js does:
 * TMPDIR, else TMP, else TEMP (the first that is set and not empty), else `/tmp`, without a trailing
 * slash unless it is `/`. Node reads these through `safeGetenv`, which ignores the environment in a
 * set-user-ID or set-group-ID process: there, and on Windows (its own rules), `os.tmpdir()` itself.
 */
export function tempDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const elevated =
    typeof process.getuid !== 'function' ||
    typeof process.geteuid !== 'function' ||
    typeof process.getgid !== 'function' ||
    typeof process.getegid !== 'function' ||
    process.getuid() !== process.geteuid() ||
    process.getgid() !== process.getegid();
  if (process.platform === 'win32' || elevated) return (createRequire(import.meta.url)('node:os') as typeof Os).tmpdir();
  const dir = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
}

/** The two V8 figures the code cache's refresh decision reads. */
export interface HeapFigures {
  /** Bytes used in V8's old space: cheap (no heap walk). Bytecode is allocated there. */
  oldSpace(): number;
  /** `bytecode_and_metadata_size` of `v8.getHeapCodeStatistics()`: walks the heap (~10 M instructions for the typical run). */
  bytecode(): number;
}

interface V8Binding {
  updateHeapCodeStatisticsBuffer(): void;
  heapCodeStatisticsBuffer: Float64Array;
  kBytecodeAndMetadataSizeIndex: number;
  updateHeapSpaceStatisticsBuffer(space: number): void;
  heapSpaceStatisticsBuffer: Float64Array;
  kSpaceUsedSizeIndex: number;
  kHeapSpaces: string[];
}

/**
 * V8's heap figures, read the way `node:v8` reads them (its `getHeapCodeStatistics` and
 * `getHeapSpaceStatistics` are these calls), or undefined when that is not possible.
 *
 * Why not `require('node:v8')`: on Node 20 loading it compiles node:v8, its heap utilities and all
 * of node:stream, ~35 M instructions measured on every run (the typical run is ~285 M). The binding
 * is what `node:v8` wraps; `process.binding` is deprecated (DEP0111, a warning for 'v8'), so the
 * warning is held back while it is read. This module only runs on Node 20 and 22.0 (Node >= 22.1 has
 * its own compile cache), whose binding has these names; anything unexpected gives undefined, and
 * the cache is then written as before, only when missing or rejected.
 */
export function heapFigures(): HeapFigures | undefined {
  const proc = process as NodeJS.Process & { binding?: (name: string) => unknown; noDeprecation?: boolean };
  if (typeof proc.binding !== 'function') return undefined;
  const own = Object.prototype.hasOwnProperty.call(proc, 'noDeprecation');
  const quiet = proc.noDeprecation;
  let v8: Partial<V8Binding>;
  try {
    proc.noDeprecation = true;
    v8 = proc.binding('v8') as Partial<V8Binding>;
  } catch {
    return undefined;
  } finally {
    if (own) proc.noDeprecation = quiet;
    else delete proc.noDeprecation;
  }
  const oldIndex = Array.isArray(v8.kHeapSpaces) ? v8.kHeapSpaces.indexOf('old_space') : -1;
  if (
    typeof v8.updateHeapCodeStatisticsBuffer !== 'function' ||
    !(v8.heapCodeStatisticsBuffer instanceof Float64Array) ||
    typeof v8.kBytecodeAndMetadataSizeIndex !== 'number' ||
    typeof v8.updateHeapSpaceStatisticsBuffer !== 'function' ||
    !(v8.heapSpaceStatisticsBuffer instanceof Float64Array) ||
    typeof v8.kSpaceUsedSizeIndex !== 'number' ||
    oldIndex < 0
  ) {
    return undefined;
  }
  const b = v8 as V8Binding;
  return {
    oldSpace() {
      b.updateHeapSpaceStatisticsBuffer(oldIndex);
      return b.heapSpaceStatisticsBuffer[b.kSpaceUsedSizeIndex]!;
    },
    bytecode() {
      b.updateHeapCodeStatisticsBuffer();
      return b.heapCodeStatisticsBuffer[b.kBytecodeAndMetadataSizeIndex]!;
    },
  };
}
