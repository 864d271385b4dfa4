import { lstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Os from 'node:os';
import path from 'node:path';

/**
 * The repository root of `start`: `start` itself when it holds a `.git` entry or CI configuration of
 * its own (`.github/workflows`, `.gitlab-ci.yml`, `.circleci/config.yml`); else the nearest ancestor
 * with a `.git` entry, git's top level, whatever CI folders lie between: GitHub, GitLab and CircleCI
 * read CI files only at the top of a repository, so `packages/foo/.github/workflows` of a monorepo
 * (or an example's, below its own folder) runs nothing, and from `packages/foo/src` the root's
 * workflows are linted. Only when no ancestor has `.git` at all (an exported tree, a downloaded
 * archive) is the nearest ancestor with CI configuration the root, the home directory excepted (a
 * `~/.github/workflows` without `.git` is no repository the project lives in). `.git` is a directory
 * in a normal clone and a file (`gitdir: ...`) in a worktree or a submodule; either counts, as does a
 * symbolic link. A `package.json` or a `.github/` without workflows is no root. Only those entries
 * of each ancestor are looked at (lstat), nothing is read. `undefined` when none is found: the
 * caller then lints `start` itself.
 *
 * The walk follows the path as given (`..` of a symlinked directory is its parent in the path, as
 * in the shell), so paths shown relative to the working directory stay the ones the user typed.
 */
export function findRepositoryRoot(start: string, home?: string): string | undefined {
  const from = path.resolve(start);
  if (hasCiFiles(from) || hasGitEntry(from)) return from;
  const git = findGitRoot(from);
  if (git !== undefined) return git;
  const homeDir = path.resolve(home ?? homeDirectory());
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (dir !== homeDir && hasCiFiles(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The CI configuration that makes a folder without `.git` a repository root for `findRepositoryRoot`, said in the CLI's note. */
export const ROOT_MARKERS = '.github/workflows, .gitlab-ci.yml or .circleci/config.yml';

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

/**
 * The user's home directory, asked only when no `.git` is above the start: `node:os` is loaded
 * then and never on the usual path (test/cli-startup.test.ts: a clean run loads no `os` module).
 */
function homeDirectory(): string {
  return (createRequire(import.meta.url)('node:os') as typeof Os).homedir();
}
