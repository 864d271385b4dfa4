/** The repository on disk (`DiskFs`): reads contained in the root, symbolic links resolved and checked. */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { basenameOf, dirnameOf, repoPath } from './paths.js';
import { byName, decodeText, MAX_FILE_BYTES, refused, type DirEntry, type ListResult, type ReadFailure, type ReadResult } from './read-result.js';
import type { SourceFs } from './source.js';

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
  /**
   * The names a listing (`readDir`) showed as regular files, per real directory. Reading one skips
   * the `lstat`: the listing's entry type is the same pre-open look (and has the same window before
   * the open as an `lstat` would), and the open with O_NOFOLLOW and the `fstat` after it check
   * again. Saves a system call per workflow file. Kept per folder as the listing's own name strings
   * (an earlier version held a joined absolute path per file, and a folder listed again after its
   * files were read, a missing-call check listing 20,000 workflows, kept 12 MB of them to the end).
   */
  private readonly listedFiles = new Map<string, Set<string>>();

  /**
   * Called before each file is read: the CLI's heap tuning for large repositories watches the
   * young generation as the files come in (src/cli/heap.ts). Nothing else uses it.
   */
  beforeRead: ((file: string) => void) | undefined = undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.realRoot = safeRealpath(this.root) ?? this.root;
  }

  get rootLabel(): string {
    return this.root;
  }

  /**
   * The real location of a repository directory, refused when it resolves outside the root. The
   * parents first: a link higher up is judged (and cached) once, and no realpath below a refused
   * directory is ever asked for. A loop, not a recursion: a path of thousands of segments (a
   * hostile `working-directory`) overflowed the stack (review400 C1).
   */
  private resolveDir(dir: string): DirResolution {
    // Up to the nearest directory already resolved (the root at the latest), then down from it.
    const below: string[] = [];
    let resolved: DirResolution = { ok: true, real: this.realRoot };
    for (let at = dir; at !== ''; at = dirnameOf(at)) {
      const cached = this.dirs.get(at);
      if (cached) {
        resolved = cached;
        break;
      }
      below.push(at);
    }
    for (let i = below.length - 1; i >= 0; i--) {
      const at = below[i]!;
      if (resolved.ok) resolved = this.realDir(path.join(resolved.real, basenameOf(at)), at);
      this.dirs.set(at, resolved);
    }
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
  private locate(file: string): { ok: true; abs: string; path: string; dir: string; name: string } | ({ ok: false } & ReadFailure) {
    const clean = repoPath(file);
    if (!clean.ok) return refused(clean);
    if (clean.path === '') return { ok: false, reason: 'not-a-file' };
    const dir = this.resolveDir(dirnameOf(clean.path));
    if (!dir.ok) return dir;
    const name = basenameOf(clean.path);
    return { ok: true, abs: path.join(dir.real, name), path: clean.path, dir: dir.real, name };
  }

  read(file: string): ReadResult {
    this.beforeRead?.(file);
    const located = this.locate(file);
    if (!located.ok) return located;
    const abs = located.abs;
    // Each listed path is used once (a second read takes the `lstat` path): 20,000 listed workflow
    // paths held to the end of a run were 3 MB of its peak.
    if (NO_FOLLOW !== undefined && this.listedFiles.get(located.dir)?.delete(located.name) === true) return this.openListed(abs, NO_FOLLOW);
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

  /** A file the listing showed as regular: opened without following a link, then checked (fstat). */
  private openListed(abs: string, flags: number): ReadResult {
    const opened = openFile(abs, flags);
    if ('fd' in opened) return readFd(opened.fd);
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
      let files = this.listedFiles.get(resolved.real);
      if (files === undefined) this.listedFiles.set(resolved.real, (files = new Set()));
      const listed = files;
      const entries = readdirSync(resolved.real, { withFileTypes: true }).map((e) => {
        if (e.isFile()) listed.add(e.name);
        return { name: e.name, isDir: e.isDirectory() };
      });
      return { ok: true, entries: entries.sort(byName) };
    } catch (error) {
      const failed = failure(error);
      return failed.reason === 'unreadable' ? { ...failed, folder: true } : failed;
    }
  }

  /**
   * The size the file system gives a directory of the repository, without listing it: a hint of
   * how many entries it holds (ext4 about 48 bytes an entry in 4 KiB blocks, tmpfs 20, btrfs twice
   * the names), for the heap tuning of large repositories (src/cli/heap.ts). Undefined when it is
   * missing, not a directory, or outside the root.
   */
  dirBytes(dir: string): number | undefined {
    const clean = repoPath(dir);
    if (!clean.ok) return undefined;
    const resolved = this.resolveDir(clean.path);
    if (!resolved.ok) return undefined;
    try {
      const st = lstatSync(resolved.real);
      return st.isDirectory() ? st.size : undefined;
    } catch {
      return undefined;
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
