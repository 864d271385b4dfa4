import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';

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
  | { reason: 'unreadable'; detail: string }
  | { reason: 'outside-root'; target: string };

export type ReadResult = { ok: true; text: string } | ({ ok: false } & ReadFailure);

/** Read-only access to a repository, by repository-relative paths with forward slashes. */
export interface SourceFs {
  /** A name for the root, for messages (never put into diagnostic text). */
  readonly rootLabel: string;
  read(file: string): ReadResult;
  /** Entries of a directory (names only), or undefined when it does not exist. */
  list(dir: string): { name: string; isDir: boolean }[] | undefined;
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

function normalize(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** A repository on disk. Symbolic links that leave the root are not followed. */
export class DiskFs implements SourceFs {
  readonly root: string;
  private readonly realRoot: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.realRoot = safeRealpath(this.root) ?? this.root;
  }

  get rootLabel(): string {
    return this.root;
  }

  private resolve(file: string): string {
    return path.join(this.root, normalize(file));
  }

  read(file: string): ReadResult {
    const abs = this.resolve(file);
    // One open: O_NOFOLLOW refuses a symbolic link as the last component (ELOOP), so a regular
    // file needs no lstat, and the checks run on what was opened (fstat), not on a path that
    // could change in between. O_NONBLOCK: opening a named pipe must not wait for a writer.
    // Where O_NOFOLLOW does not exist (Windows), lstat decides first.
    if (NO_FOLLOW === undefined) {
      let link: boolean;
      try {
        link = lstatSync(abs).isSymbolicLink();
      } catch (error) {
        return failure(error);
      }
      return link ? this.readLink(abs) : readOpened(abs);
    }
    const opened = openFile(abs, NO_FOLLOW);
    if ('fd' in opened) return readFd(opened.fd);
    // ELOOP: the last component is a symbolic link (or a loop of them); EMLINK on some BSDs.
    if (opened.code === 'ELOOP' || opened.code === 'EMLINK') return this.readLink(abs);
    return failure(opened.error);
  }

  /** A symbolic link inside the repository: followed only when its target stays inside the root. */
  private readLink(abs: string): ReadResult {
    let real: string;
    try {
      real = realpathSync(abs);
    } catch (error) {
      return brokenLink(error);
    }
    if (!isInside(this.realRoot, real)) return { ok: false, reason: 'outside-root', target: real };
    return readOpened(real);
  }

  list(dir: string): { name: string; isDir: boolean }[] | undefined {
    const abs = this.resolve(dir);
    const real = safeRealpath(abs);
    if (!real || !isInside(this.realRoot, real)) return undefined;
    try {
      return readdirSync(abs, { withFileTypes: true })
        .map((e) => ({ name: e.name, isDir: e.isDirectory() }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return undefined;
    }
  }

  exists(file: string): boolean {
    try {
      lstatSync(this.resolve(file));
      return true;
    } catch {
      return false;
    }
  }
}

/** An in-memory repository for tests and the ESLint adapter. */
export class MemoryFs implements SourceFs {
  readonly rootLabel = '<memory>';
  private readonly files = new Map<string, string | Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [name, content] of Object.entries(files)) this.files.set(normalize(name), content);
  }

  read(file: string): ReadResult {
    const content = this.files.get(normalize(file));
    if (content === undefined) {
      return this.list(file) ? { ok: false, reason: 'not-a-file' } : { ok: false, reason: 'missing' };
    }
    if (typeof content === 'string') {
      const bytes = Buffer.byteLength(content);
      if (bytes > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', bytes, limit: MAX_FILE_BYTES };
      return { ok: true, text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content };
    }
    return decodeText(content);
  }

  list(dir: string): { name: string; isDir: boolean }[] | undefined {
    const clean = normalize(dir).replace(/\/$/, '');
    // The repository root is '' or '.'.
    const prefix = clean === '' || clean === '.' ? '' : `${clean}/`;
    const out = new Map<string, boolean>();
    for (const name of this.files.keys()) {
      if (!name.startsWith(prefix)) continue;
      const rest = name.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash === -1) out.set(rest, out.get(rest) ?? false);
      else out.set(rest.slice(0, slash), true);
    }
    if (out.size === 0) return undefined;
    return [...out.entries()]
      .map(([name, isDir]) => ({ name, isDir }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  exists(file: string): boolean {
    return this.files.has(normalize(file)) || this.list(file) !== undefined;
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
function brokenLink(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return { ok: false, reason: 'unreadable', detail: 'a loop of symbolic links, ELOOP' };
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return { ok: false, reason: 'unreadable', detail: 'a symbolic link to a file that does not exist' };
  }
  return failure(error);
}

function failure(error: unknown): ReadResult {
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
      return `the file cannot be read (${f.detail})`;
    case 'outside-root':
      return 'it is a symbolic link that points outside the repository; tp-doctor does not follow it';
  }
}
