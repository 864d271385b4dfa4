/**
 * What reading a repository path gives (`ReadResult`, `ListResult`, the `ReadFailure` reasons and
 * their one-line description), text decoding with its size and UTF-8 checks, and the helpers both
 * `SourceFs` implementations share.
 */
import type { RepoPathResult } from './paths.js';

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

export function byName(a: DirEntry, b: DirEntry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The failure for a path `repoPath` refuses. */
export function refused(result: Exclude<RepoPathResult, { ok: true }>): ReadResult & { ok: false } {
  return result.reason === 'invalid-path'
    ? { ok: false, reason: 'invalid-path', detail: result.detail }
    : { ok: false, reason: 'outside-root', target: result.target, link: false };
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
