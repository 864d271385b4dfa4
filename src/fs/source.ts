import type { DirEntry, ListResult, ReadResult } from './read-result.js';

export { DiskFs } from './disk-fs.js';
export { MemoryFs, type MemoryFsOptions } from './memory-fs.js';
export { decodeText, describeReadFailure, MAX_FILE_BYTES, type DirEntry, type ListResult, type ReadFailure, type ReadResult } from './read-result.js';

/**
 * Read-only access to a repository, by repository-relative POSIX paths. Every implementation
 * passes each path through `repoPath` (./paths.ts), the one place paths are normalised and
 * contained: an absolute path or `..` above the root is refused with `outside-root`. The
 * implementations: `DiskFs` (disk-fs.ts) and `MemoryFs` (memory-fs.ts); results in read-result.ts.
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

