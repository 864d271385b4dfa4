import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { basenameOf, cleanRepoPath, dirnameOf, repoPath, type RepoPathResult } from './paths.js';

/**
 * Why a file could not be read as text. Every reason becomes a diagnostic or a one-line error at
 * a higher layer; nothing here throws.
 */
export type ReadFailure =
  | { reason: 'missing' }
  | { reason: 'not-a-file' }
  | { reason: 'too-large'; bytes: number; limit: number }
  | { reason: 'binary' }
  | { reason: 'not-utf8'; byteOffset: number }
  /** `folder`: a directory that cannot be listed. */
  | { reason: 'unreadable'; detail: string; folder?: boolean }
  /**
   * `link`: a symbolic link points outside (`dir`: the linked directory the path goes through,
   * when it is not the file itself); otherwise the path itself does (`..`, absolute).
   */
  | { reason: 'outside-root'; target: string; link: boolean; dir?: string }
  | { reason: 'invalid-path'; detail: string };

export type ReadResult = { ok: true; text: string } | ({ ok: false } & ReadFailure);

/**
 * Read-only access to a repository, by repository-relative POSIX paths. Every implementation
 * passes each path through `repoPath` (./paths.ts), the one place paths are normalised and
 * contained: an absolute path or `..` above the root is refused with `outside-root`.
 */
export interface SourceFs {
  /** A name for the root, for messages (never put into diagnostic text). */
  readonly rootLabel: string;
  read(file: string): ReadResult;
  /** Entries of a directory (names only), or undefined when it does not exist or cannot be listed. */
  list(dir: string): DirEntry[] | undefined;
  /** Entries of a directory, or why it cannot be listed (missing, unreadable, outside the root). */
  readDir(dir: string): ListResult;
  exists(file: string): boolean;
}

/** Largest file tp-doctor reads. Real CI files are a few kilobytes; 2 MiB leaves a wide margin. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8 text, refusing binary data and invalid sequences. A BOM is dropped. */
export function decodeText(bytes: Uint8Array, limit = MAX_FILE_BYTES): ReadResult {
  if (bytes.length > limit) return { ok: false, reason: 'too-large', bytes: bytes.length, limit };
  const probe = Math.min(bytes.length, 8000);
  for (let i = 0; i < probe; i++) if (bytes[i] === 0) return { ok: false, reason: 'binary' };
  try {
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'not-utf8', byteOffset: firstInvalidUtf8(bytes) };
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let n: number;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return bytes.length;
}

/** An entry of a directory listing: its name, and whether it is a directory (symbolic links are not). */
export interface DirEntry {
  name: string;
  isDir: boolean;
}

export type ListResult = { ok: true; entries: DirEntry[] } | ({ ok: false } & ReadFailure);

function byName(a: DirEntry, b: DirEntry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The failure for a path `repoPath` refuses. */
function refused(result: Exclude<RepoPathResult, { ok: true }>): ReadResult & { ok: false } {
  return result.reason === 'invalid-path'
    ? { ok: false, reason: 'invalid-path', detail: result.detail }
    : { ok: false, reason: 'outside-root', target: result.target, link: false };
}

type DirResolution = { ok: true; real: string } | ({ ok: false } & ReadFailure);

/**
 * A repository on disk. Every path goes through `repoPath` (no absolute paths, no `..` above the
 * root, backslashes are name characters), and every directory a path goes through is resolved with
 * `realpath` and must stay inside the root: a symbolic link to a directory outside (`.git ->
 * /elsewhere`, a linked action or workspace folder) is never followed, for reading, listing or
 * probing. A symbolic link as the last component is followed only when its target stays inside.
 * Only regular files are opened for reading, with O_NONBLOCK (a named pipe never blocks a run).
 */
export class DiskFs implements SourceFs {
  readonly root: string;
  private readonly realRoot: string;
  /** Repository-relative directory → where it really is (or why it cannot be used), per instance. */
  private readonly dirs = new Map<string, DirResolution>();

  constructor(root: string) {
    this.root = path.resolve(root);
    this.realRoot = safeRealpath(this.root) ?? this.root;
  }

  get rootLabel(): string {
    return this.root;
  }

  /** The real location of a repository directory, refused when it resolves outside the root. */
  private resolveDir(dir: string): DirResolution {
    if (dir === '') return { ok: true, real: this.realRoot };
    const cached = this.dirs.get(dir);
    if (cached) return cached;
    // The parent first: a link higher up is judged (and cached) once, and no realpath below a
    // refused directory is ever asked for.
    const parent = this.resolveDir(dirnameOf(dir));
    const resolved = parent.ok ? this.realDir(path.join(parent.real, basenameOf(dir)), dir) : parent;
    this.dirs.set(dir, resolved);
    return resolved;
  }

  private realDir(abs: string, dir: string): DirResolution {
    try {
      const real = realpathSync.native(abs);
      return isInside(this.realRoot, real) ? { ok: true, real } : { ok: false, reason: 'outside-root', target: real, link: true, dir };
    } catch (error) {
      return failure(error);
    }
  }

  /** The absolute path to open for a repository file, with its directory already contained. */
  private locate(file: string): { ok: true; abs: string; path: string } | ({ ok: false } & ReadFailure) {
    const clean = repoPath(file);
    if (!clean.ok) return refused(clean);
    if (clean.path === '') return { ok: false, reason: 'not-a-file' };
    const dir = this.resolveDir(dirnameOf(clean.path));
    if (!dir.ok) return dir;
    return { ok: true, abs: path.join(dir.real, basenameOf(clean.path)), path: clean.path };
  }

  read(file: string): ReadResult {
    const located = this.locate(file);
    if (!located.ok) return located;
    const abs = located.abs;
    // lstat first, so that nothing but a regular file is ever opened (opening a device or a named
    // pipe can block or have side effects); then one open with O_NOFOLLOW (a link swapped in
    // meanwhile fails with ELOOP) and O_NONBLOCK, and the checks again on what was opened (fstat).
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(abs);
    } catch (error) {
      return failure(error);
    }
    if (st.isSymbolicLink()) return this.readLink(abs);
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    const opened = openFile(abs, NO_FOLLOW ?? READ_FLAGS);
    if ('fd' in opened) return readFd(opened.fd);
    // ELOOP: the last component became a symbolic link (or a loop of them); EMLINK on some BSDs.
    if (opened.code === 'ELOOP' || opened.code === 'EMLINK') return this.readLink(abs);
    return failure(opened.error);
  }

  /** A symbolic link inside the repository: followed only when its target stays inside the root. */
  private readLink(abs: string): ReadResult {
    let real: string;
    try {
      real = realpathSync.native(abs);
    } catch (error) {
      return brokenLink(error);
    }
    if (!isInside(this.realRoot, real)) return { ok: false, reason: 'outside-root', target: real, link: true };
    // Not a regular file (a directory, a pipe, a device): never opened.
    try {
      if (!lstatSync(real).isFile()) return { ok: false, reason: 'not-a-file' };
    } catch (error) {
      return failure(error);
    }
    return readOpened(real);
  }

  readDir(dir: string): ListResult {
    const clean = repoPath(dir);
    if (!clean.ok) return refused(clean);
    const resolved = this.resolveDir(clean.path);
    if (!resolved.ok) return resolved;
    try {
      const entries = readdirSync(resolved.real, { withFileTypes: true }).map((e) => ({ name: e.name, isDir: e.isDirectory() }));
      return { ok: true, entries: entries.sort(byName) };
    } catch (error) {
      const failed = failure(error);
      return failed.reason === 'unreadable' ? { ...failed, folder: true } : failed;
    }
  }

  list(dir: string): DirEntry[] | undefined {
    const result = this.readDir(dir);
    return result.ok ? result.entries : undefined;
  }

  exists(file: string): boolean {
    const clean = repoPath(file);
    if (!clean.ok) return false;
    if (clean.path === '') return true;
    const dir = this.resolveDir(dirnameOf(clean.path));
    if (!dir.ok) return false;
    try {
      lstatSync(path.join(dir.real, basenameOf(clean.path)));
      return true;
    } catch {
      return false;
    }
  }
}

export interface MemoryFsOptions {
  /**
   * Paths (files or directories) that exist but cannot be read, like a `chmod 000` entry on disk:
   * reading or listing them, or anything below them, fails with `unreadable` (EACCES).
   */
  unreadable?: readonly string[];
}

/** An in-memory repository for tests and the ESLint adapter. Paths follow the same containment rules as `DiskFs`. */
export class MemoryFs implements SourceFs {
  readonly rootLabel = '<memory>';
  private readonly files = new Map<string, string | Uint8Array>();
  private readonly unreadable: string[];

  constructor(files: Record<string, string | Uint8Array> = {}, options: MemoryFsOptions = {}) {
    for (const [name, content] of Object.entries(files)) {
      const clean = repoPath(name);
      if (!clean.ok || clean.path === '') throw new Error(`MemoryFs: "${name}" is not a repository-relative file path`);
      this.files.set(clean.path, content);
    }
    this.unreadable = (options.unreadable ?? []).map((p) => cleanRepoPath(p) ?? p);
  }

  /** The failure for a path at or below an unreadable entry, if any. */
  private denied(file: string): { ok: false; reason: 'unreadable'; detail: string } | undefined {
    const hit = this.unreadable.some((u) => file === u || file.startsWith(`${u}/`) || u === '');
    return hit ? { ok: false, reason: 'unreadable', detail: 'EACCES' } : undefined;
  }

  read(file: string): ReadResult {
    const clean = repoPath(file);
    if (!clean.ok) return refused(clean);
    const denied = this.denied(clean.path);
    if (denied) return denied;
    const content = this.files.get(clean.path);
    if (content === undefined) {
      return this.list(clean.path) ? { ok: false, reason: 'not-a-file' } : { ok: false, reason: 'missing' };
    }
    if (typeof content === 'string') {
      const bytes = Buffer.byteLength(content);
      if (bytes > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', bytes, limit: MAX_FILE_BYTES };
      return { ok: true, text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content };
    }
    return decodeText(content);
  }

  readDir(dir: string): ListResult {
    const clean = repoPath(dir);
    if (!clean.ok) return refused(clean);
    const prefix = clean.path === '' ? '' : `${clean.path}/`;
    const out = new Map<string, boolean>();
    for (const name of this.files.keys()) {
      if (!name.startsWith(prefix)) continue;
      const rest = name.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash === -1) out.set(rest, out.get(rest) ?? false);
      else out.set(rest.slice(0, slash), true);
    }
    const isFile = out.size === 0 && this.files.has(clean.path);
    if (out.size === 0 && !this.unreadable.includes(clean.path)) return isFile ? { ok: false, reason: 'not-a-file' } : { ok: false, reason: 'missing' };
    const denied = this.denied(clean.path);
    if (denied) return { ...denied, folder: true };
    return { ok: true, entries: [...out.entries()].map(([name, isDir]) => ({ name, isDir })).sort(byName) };
  }

  list(dir: string): DirEntry[] | undefined {
    const result = this.readDir(dir);
    return result.ok ? result.entries : undefined;
  }

  exists(file: string): boolean {
    const clean = repoPath(file);
    if (!clean.ok) return false;
    return this.files.has(clean.path) || this.unreadable.includes(clean.path) || this.list(clean.path) !== undefined;
  }
}

const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
/** Undefined where the platform has no O_NOFOLLOW. */
const NO_FOLLOW = constants.O_NOFOLLOW === undefined ? undefined : READ_FLAGS | constants.O_NOFOLLOW;

function openFile(abs: string, flags: number): { fd: number } | { code: string | undefined; error: unknown } {
  try {
    return { fd: openSync(abs, flags) };
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code, error };
  }
}

function readOpened(abs: string): ReadResult {
  const opened = openFile(abs, READ_FLAGS);
  return 'fd' in opened ? readFd(opened.fd) : failure(opened.error);
}

/** Checks what `fd` is (fstat), reads it whole if it is a small regular file, and closes it. */
function readFd(fd: number): ReadResult {
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', bytes: st.size, limit: MAX_FILE_BYTES };
    // Reads the size fstat gave (as readFileSync does): a file that changes meanwhile is read as far
    // as that size, never past the limit checked above.
    const buffer = Buffer.allocUnsafe(st.size);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return decodeText(buffer.subarray(0, length));
  } catch (error) {
    return failure(error);
  } finally {
    closeSync(fd);
  }
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A symbolic link that cannot be resolved: it names an entry, so "does not exist" would mislead. */
function brokenLink(error: unknown): ReadResult & { ok: false } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return { ok: false, reason: 'unreadable', detail: 'a loop of symbolic links, ELOOP' };
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return { ok: false, reason: 'unreadable', detail: 'a symbolic link to a file that does not exist' };
  }
  return failure(error);
}

function failure(error: unknown): ReadResult & { ok: false } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing' };
  if (code === 'EISDIR') return { ok: false, reason: 'not-a-file' };
  return { ok: false, reason: 'unreadable', detail: code ?? (error as Error).message };
}

/** Human words for a read failure, used in diagnostics and CLI errors. */
export function describeReadFailure(f: ReadFailure): string {
  switch (f.reason) {
    case 'missing':
      return 'the file does not exist';
    case 'not-a-file':
      return 'it is not a regular file';
    case 'too-large': {
      const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
      // Just over the limit, "2 MiB; reads up to 2 MiB" would read as a contradiction: use bytes.
      const exact = mib(f.bytes) === mib(f.limit);
      const size = exact ? `${f.bytes.toLocaleString('en-US')} bytes` : mib(f.bytes);
      const limit = exact ? `${f.limit.toLocaleString('en-US')} bytes` : mib(f.limit);
      return `the file is ${size}; tp-doctor reads files up to ${limit}`;
    }
    case 'binary':
      return 'the file contains NUL bytes (binary data), not YAML text';
    case 'not-utf8':
      return `the file is not valid UTF-8 (first bad byte at offset ${f.byteOffset})`;
    case 'unreadable':
      return `the ${f.folder ? 'folder' : 'file'} cannot be read (${f.detail})`;
    case 'outside-root':
      if (!f.link) return 'the path leaves the repository (an absolute path or `..` above the root); tp-doctor reads only files inside it';
      return f.dir === undefined
        ? 'it is a symbolic link that points outside the repository; tp-doctor does not follow it'
        : `the folder "${f.dir}" is a symbolic link that points outside the repository; tp-doctor does not follow it`;
    case 'invalid-path':
      return `it is not a repository path: ${f.detail}`;
  }
}
