/** An in-memory repository (`MemoryFs`) with the same path rules as the disk. */
import { cleanRepoPath, repoPath } from './paths.js';
import { byName, decodeText, MAX_FILE_BYTES, refused, type DirEntry, type ListResult, type ReadResult } from './read-result.js';
import type { SourceFs } from './source.js';

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
