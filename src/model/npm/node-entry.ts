/**
 * The file `node X` runs when `X` names no JavaScript file by its extension (`node
 * build-scripts/release`; catamphetamine/libphonenumber-js): Node resolves its entry point with the
 * CommonJS loader, relative to the working directory, as `require('./X')` would (Node's "Program
 * entry point" and `require` "All together"; docs/domain.md A.52):
 *
 * - `X` itself when it is a file, then `X.js`, `X.json`, `X.node` (no `.mjs`, `.cjs` or `.ts`: those
 *   are never appended);
 * - else a directory's `package.json` `main` (that file, with the same extensions, or its
 *   `index.*`), else the directory's `index.js`, `index.json`, `index.node`.
 *
 * Under `--experimental-default-type=module` the ES module loader resolves it and appends nothing,
 * and a loader option (`--import`, `--loader`) hands the lookup to hooks: ./node-scripts.ts does not
 * ask then. `"type": "module"` changes how the file found is loaded, not which one is found, except
 * that an extensionless file in such a scope is refused by some Node versions
 * (ERR_UNKNOWN_FILE_EXTENSION) and run as a module by others: that one is not read. A name that resolves to a `.json`, a `.node` addon, another extension or
 * nothing gives no file (the command stays as before: unread).
 */
import path from 'node:path';
import { shellFilePath } from './shell-files.js';

/** A file tp-doctor reads as JavaScript by its name (as ./node-scripts.ts `JS_FILE`). */
const JS_FILE = /\.(?:[cm]?js|[cm]?ts)$/;

/** What one step of the lookup found: a file to read, a file that is not read (`stop`), or nothing (undefined: look on). */
type Step = { file: string } | 'stop' | undefined;

/** A repository path joined from a directory and a name (`''` is the root). */
function join(dir: string, name: string): string {
  const joined = path.posix.normalize(path.posix.join(dir, name));
  return joined === '.' ? '' : joined;
}

/** The parsed package.json at `dir`, `null` when there is none, undefined when it cannot be parsed. */
function manifestAt(dir: string, read: (file: string) => string | undefined): Record<string, unknown> | null | undefined {
  const text = read(join(dir, 'package.json'));
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the nearest package.json up from `file` says `"type": "module"`; undefined when one on the way cannot be parsed. */
function inModuleScope(file: string, read: (file: string) => string | undefined): boolean | undefined {
  for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
    const at = dir === '.' ? '' : dir;
    const manifest = manifestAt(at, read);
    if (manifest === undefined) return undefined;
    if (manifest !== null) return manifest.type === 'module';
    if (at === '') return false;
  }
}

/** `X` itself when it is a file: read as JavaScript by its extension; an extensionless one outside a `"type": "module"` scope. */
function exactFile(x: string, read: (file: string) => string | undefined): Step {
  if (x === '' || read(x) === undefined) return undefined;
  if (JS_FILE.test(x)) return { file: x };
  const extensionless = !path.posix.basename(x).includes('.');
  return extensionless && inModuleScope(x, read) === false ? { file: x } : 'stop';
}

/** The first of `names` (in `dir`, or appended to `x`) that exists: read when it is a `.js` file. */
function firstOf(candidates: readonly string[], read: (file: string) => string | undefined): Step {
  const found = candidates.find((c) => read(c) !== undefined);
  return found === undefined ? undefined : found.endsWith('.js') ? { file: found } : 'stop';
}

function asFile(x: string, read: (file: string) => string | undefined): Step {
  return exactFile(x, read) ?? (x === '' ? undefined : firstOf([`${x}.js`, `${x}.json`, `${x}.node`], read));
}

function index(x: string, read: (file: string) => string | undefined): Step {
  return firstOf(['index.js', 'index.json', 'index.node'].map((n) => join(x, n)), read);
}

function asDirectory(x: string, read: (file: string) => string | undefined): Step {
  const manifest = manifestAt(x, read);
  // Node throws on a package.json it cannot parse.
  if (manifest === undefined) return 'stop';
  const main = manifest?.main;
  if (typeof main !== 'string' || main === '') return index(x, read);
  const m = shellFilePath(main, x);
  if (m === undefined) return 'stop';
  return asFile(m, read) ?? index(m, read) ?? index(x, read);
}

/**
 * The repository path of the file Node runs for the entry point at repository path `x` (see the
 * file comment), read through `read`; undefined when it finds none, or one tp-doctor does not read.
 */
export function nodeEntryFile(x: string, read: (file: string) => string | undefined): string | undefined {
  const step = asFile(x, read) ?? asDirectory(x, read);
  return typeof step === 'object' ? step.file : undefined;
}
