/**
 * The containment point: every path tp-doctor reads is a POSIX path relative to the repository
 * root, and nothing else. Every `SourceFs` (the disk, memory, the ESLint snapshot and overlay)
 * passes each path it is given through `repoPath` before touching anything, so a path that came
 * from repository content (a file name, `uses:`, `include:`, `workspaces`, `node-version-file`,
 * `working-directory`) or from the configuration can never name a file outside the root:
 *
 * - `/` is the only separator. A backslash is a character of a name, as it is for git and for a
 *   Linux runner: a file named `..\..\x.yml` is that file, never `../../x.yml`. (On Windows, where
 *   the operating system would read a backslash as a separator, such a path is refused.)
 * - `.` segments, empty segments and a trailing `/` are dropped; `a/../b` is `b`.
 * - An absolute path, or `..` that climbs above the root, is refused (`outside-root`), as is a
 *   NUL character or a drive letter (`invalid-path`).
 * - A path longer than `MAX_PATH_LENGTH` is refused (`invalid-path`): no file of a checkout has
 *   one (Linux opens no longer path), and the walks up a directory's parents (the npm prefix, the
 *   realpath of each parent) cost the square of a path's length, so a hostile
 *   `working-directory` of thousands of levels took seconds.
 *
 * Symbolic links are the other half: `DiskFs` resolves every directory it reads through with
 * `realpath` and refuses one that lands outside the root (see source.ts).
 */

export type RepoPathResult =
  | { ok: true; path: string }
  | { ok: false; reason: 'outside-root'; target: string; link: false }
  | { ok: false; reason: 'invalid-path'; detail: string };

const WINDOWS = process.platform === 'win32';

/** Linux's `PATH_MAX`, the bytes of the longest path the kernel opens (with its final NUL). */
export const MAX_PATH_LENGTH = 4096;

/**
 * Normalises a repository-relative path (`''` is the root). Pure; the only place paths are
 * normalised.
 */
export function repoPath(input: string): RepoPathResult {
  if (input.length >= MAX_PATH_LENGTH) {
    return { ok: false, reason: 'invalid-path', detail: `the path is ${input.length.toLocaleString('en-US')} characters long, more than any file of a checkout can have (${MAX_PATH_LENGTH.toLocaleString('en-US')})` };
  }
  if (input.includes('\0')) return { ok: false, reason: 'invalid-path', detail: 'the path contains a NUL character' };
  if (WINDOWS && input.includes('\\')) {
    return { ok: false, reason: 'invalid-path', detail: 'the path contains a backslash, which Windows would read as a separator' };
  }
  if (/^[A-Za-z]:/.test(input) && WINDOWS) return { ok: false, reason: 'outside-root', target: input, link: false };
  if (input.startsWith('/')) return { ok: false, reason: 'outside-root', target: input, link: false };
  const out: string[] = [];
  for (const segment of input.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return { ok: false, reason: 'outside-root', target: input, link: false };
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return { ok: true, path: out.join('/') };
}

/** `repoPath` of `rel` taken from the directory `base` (itself repository-relative). */
export function joinRepoPath(base: string, rel: string): RepoPathResult {
  if (rel.startsWith('/')) return repoPath(rel);
  return repoPath(base === '' ? rel : `${base}/${rel}`);
}

/** The normalised path, or undefined when it leaves the repository or is not a path. */
export function cleanRepoPath(input: string): string | undefined {
  const result = repoPath(input);
  return result.ok ? result.path : undefined;
}

/**
 * For paths taken from repository content: the normalised path, or, when it leaves the
 * repository, the path as written. Every `SourceFs` refuses to read such a path (`outside-root`),
 * so a caller that only reads through `SourceFs` needs no other check, and its messages can quote
 * what the user wrote.
 */
export function repoPathOrAsWritten(input: string): string {
  const result = repoPath(input);
  return result.ok ? result.path : input;
}

/** `name` inside the repository directory `dir` (`''` is the root): never a leading `/`. */
export function inDir(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** `a/b/c.yml` → `a/b`; `c.yml` → ``. */
export function dirnameOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/** `a/b/c.yml` → `c.yml`. */
export function basenameOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
