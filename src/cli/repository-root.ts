import { lstatSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root above `start`, found like git finds it: the nearest directory, `start`
 * itself included, that holds a `.git` entry. `.git` is a directory in a normal clone and a file
 * (`gitdir: ...`) in a worktree or a submodule; either counts, as does a symbolic link. Only the
 * `.git` entry of each ancestor is looked at (lstat), nothing is read. `undefined` when no
 * ancestor has one: the caller then lints `start` itself. A `start` that holds CI configuration of
 * its own (`.github/workflows`, `.gitlab-ci.yml`, `.circleci/config.yml`) is taken as the root.
 *
 * The walk follows the path as given (`..` of a symlinked directory is its parent in the path, as
 * in the shell), so paths shown relative to the working directory stay the ones the user typed.
 */
export function findRepositoryRoot(start: string): string | undefined {
  const from = path.resolve(start);
  // A directory with CI configuration of its own is a repository root already (an exported tree, a
  // fixture or example checked into another repository): lint it, not the repository around it.
  if (hasCiFiles(from)) return from;
  return findGitRoot(from);
}

/** The nearest directory, `start` included, that holds a `.git` entry (what git calls the top level). */
export function findGitRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (hasGitEntry(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** CI configuration files that only sit at a repository's root. */
const ROOT_CI_FILES = ['.github/workflows', '.gitlab-ci.yml', '.circleci/config.yml'];

function hasCiFiles(dir: string): boolean {
  return ROOT_CI_FILES.some((f) => {
    try {
      lstatSync(path.join(dir, f));
      return true;
    } catch {
      return false;
    }
  });
}

function hasGitEntry(dir: string): boolean {
  try {
    const st = lstatSync(path.join(dir, '.git'));
    return st.isDirectory() || st.isFile() || st.isSymbolicLink();
  } catch {
    return false;
  }
}
