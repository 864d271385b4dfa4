/**
 * The two file views the ESLint adapter lints through:
 *
 * - `SnapshotFs`: the repository on disk (through `DiskFs`, so the same safety rules apply), with
 *   every answer remembered. It also remembers a stamp (mtime, ctime, size, inode) of each path it
 *   touched, so `isFresh()` can tell, with a few `stat` calls, whether anything the last lint read
 *   has changed since: an editor session lasts hours, a CLI run a few seconds, and both reuse one
 *   snapshot for as long as the disk agrees with it.
 * - `OverlayFs`: one file's live text (the editor's unsaved buffer) over any other view. The buffer
 *   wins over the disk; every other path is answered by the view below.
 */
import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { cleanRepoPath } from '../fs/paths.js';
import { DiskFs, MAX_FILE_BYTES, type DirEntry, type ListResult, type ReadResult, type SourceFs } from '../fs/source.js';

/**
 * The repository path as every `SourceFs` normalises it (`repoPath`, the containment point), or
 * undefined for a path that leaves the repository: such a path is passed to the view below, which
 * refuses it, and is never remembered or stamped.
 */
export function normalizePath(file: string): string | undefined {
  return cleanRepoPath(file);
}

/** What identifies one version of a path on disk; `missing` when there is nothing there. */
function stamp(abs: string): string {
  try {
    const l = lstatSync(abs);
    let text = `${l.mtimeMs}:${l.ctimeMs}:${l.size}:${l.ino}`;
    if (l.isSymbolicLink()) {
      const s = statSync(abs, { throwIfNoEntry: false });
      text += s ? `>${s.mtimeMs}:${s.ctimeMs}:${s.size}:${s.ino}` : '>missing';
    }
    return text;
  } catch {
    return 'missing';
  }
}

export class SnapshotFs implements SourceFs {
  readonly root: string;
  private readonly disk: DiskFs;
  private readonly reads = new Map<string, ReadResult>();
  private readonly lists = new Map<string, ListResult>();
  private readonly exist = new Map<string, boolean>();
  /** Absolute path → its stamp when first touched. */
  private readonly stamps = new Map<string, string>();

  constructor(root: string) {
    this.disk = new DiskFs(root);
    this.root = this.disk.root;
  }

  get rootLabel(): string {
    return this.disk.rootLabel;
  }

  /** Stamp first, then read: a change in between makes the next `isFresh()` false, never the reverse. */
  private touch(file: string): void {
    const abs = path.join(this.root, file);
    if (!this.stamps.has(abs)) this.stamps.set(abs, stamp(abs));
  }

  read(file: string): ReadResult {
    const key = normalizePath(file);
    if (key === undefined) return this.disk.read(file);
    let result = this.reads.get(key);
    if (!result) {
      this.touch(key);
      result = this.disk.read(key);
      this.reads.set(key, result);
    }
    return result;
  }

  readDir(dir: string): ListResult {
    const key = normalizePath(dir);
    if (key === undefined) return this.disk.readDir(dir);
    let result = this.lists.get(key);
    if (!result) {
      this.touch(key);
      result = this.disk.readDir(key);
      this.lists.set(key, result);
    }
    return result;
  }

  list(dir: string): DirEntry[] | undefined {
    const result = this.readDir(dir);
    return result.ok ? result.entries : undefined;
  }

  exists(file: string): boolean {
    const key = normalizePath(file);
    if (key === undefined) return false;
    let result = this.exist.get(key);
    if (result === undefined) {
      this.touch(key);
      result = this.disk.exists(key);
      this.exist.set(key, result);
    }
    return result;
  }

  /** True while every path read, listed or probed so far is unchanged on disk. */
  isFresh(): boolean {
    for (const [abs, was] of this.stamps) if (stamp(abs) !== was) return false;
    return true;
  }
}

/** One file's text laid over another view (normally a `SnapshotFs`). */
export class OverlayFs implements SourceFs {
  readonly file: string;

  constructor(
    private readonly base: SourceFs,
    file: string,
    private readonly text: string,
  ) {
    const key = normalizePath(file);
    if (key === undefined || key === '') throw new Error(`OverlayFs: "${file}" is not a repository-relative file path`);
    this.file = key;
  }

  get rootLabel(): string {
    return this.base.rootLabel;
  }

  read(file: string): ReadResult {
    if (normalizePath(file) !== this.file) return this.base.read(file);
    const bytes = Buffer.byteLength(this.text);
    if (bytes > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', bytes, limit: MAX_FILE_BYTES };
    return { ok: true, text: this.text };
  }

  /** The base listing, plus the overlaid file (or the folder leading to it) when the disk lacks it. */
  readDir(dir: string): ListResult {
    const base = this.base.readDir(dir);
    const prefix = normalizePath(dir);
    if (prefix === undefined) return base;
    const rest = prefix === '' ? this.file : this.file.startsWith(`${prefix}/`) ? this.file.slice(prefix.length + 1) : undefined;
    if (rest === undefined) return base;
    if (!base.ok && base.reason !== 'missing') return base;
    const entries = base.ok ? base.entries : [];
    const slash = rest.indexOf('/');
    const name = slash === -1 ? rest : rest.slice(0, slash);
    if (entries.some((e) => e.name === name)) return base;
    const merged = [...entries, { name, isDir: slash !== -1 }].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { ok: true, entries: merged };
  }

  list(dir: string): DirEntry[] | undefined {
    const result = this.readDir(dir);
    return result.ok ? result.entries : undefined;
  }

  exists(file: string): boolean {
    const key = normalizePath(file);
    if (key === undefined) return false;
    return key === this.file || this.file.startsWith(`${key}/`) || key === '' || this.base.exists(key);
  }
}
