import { lstatSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root above `start`, found like git finds it: the nearest directory, `start`
 * itself included, that holds a `.git` entry. `.git` is a directory in a normal clone and a file
 * (`gitdir: ...`) in a worktree or a submodule; either counts, as does a symbolic link. Only the
 * `.git` entry of each ancestor is looked at (lstat), nothing is read. `undefined` when no
 * ancestor has one: the caller then lints `start` itself.
 *
 * The walk follows the path as given (`..` of a symlinked directory is its parent in the path, as
 * in the shell), so paths shown relative to the working directory stay the ones the user typed.
 */
export function findRepositoryRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (hasGitEntry(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function hasGitEntry(dir: string): boolean {
  try {
    const st = lstatSync(path.join(dir, '.git'));
    return st.isDirectory() || st.isFile() || st.isSymbolicLink();
  } catch {
    return false;
  }
}
