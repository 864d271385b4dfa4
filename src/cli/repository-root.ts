import { lstatSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root of `start`: the nearest directory, `start` itself included, that holds a
 * `.git` entry or CI configuration of its own (`.github/workflows`, `.gitlab-ci.yml`,
 * `.circleci/config.yml`), the way git finds its top level and actionlint the nearest
 * `.github/workflows`. `.git` is a directory in a normal clone and a file (`gitdir: ...`) in a
 * worktree or a submodule; either counts, as does a symbolic link. A directory with CI
 * configuration and no `.git` is a repository of its own (an exported tree, an example or fixture
 * checked into another repository): it is linted, not the repository around it. A `package.json`
 * or a `.github/` without workflows is no root: every package of a monorepo has a package.json
 * (`packages/foo` lints the root's workflows), and GitHub runs nothing from a `.github/` that is
 * not at the top of a repository. Only those entries of each ancestor are looked at (lstat),
 * nothing is read. `undefined` when no ancestor has one: the caller then lints `start` itself.
 *
 * The walk follows the path as given (`..` of a symlinked directory is its parent in the path, as
 * in the shell), so paths shown relative to the working directory stay the ones the user typed.
 */
export function findRepositoryRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (hasCiFiles(dir) || hasGitEntry(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** What makes a folder a repository root for `findRepositoryRoot`, said in the CLI's note. */
export const ROOT_MARKERS = '.git, .github/workflows, .gitlab-ci.yml or .circleci/config.yml';

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
