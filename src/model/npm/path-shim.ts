/**
 * A `PATH` that puts a directory that may hold another `npm` before the inherited one
 * (`PublishMatch.pathShim`): set for one command (`PATH="$PWD/bin:$PATH" npm publish`) or for the
 * rest of its script (`export PATH=...`). Then the npm that runs, and what it does, are unknown.
 */
import type { Frame, PathShim } from './publish-match.js';
import { ASSIGNMENT } from './shell-words.js';

/**
 * The `PATH` a command's assignments set when it puts another directory before the inherited
 * one (`PATH="$PWD/bin:$PATH"`, or a `PATH` without `$PATH`); undefined when there is none, or it
 * only appends (`PATH=$PATH:/opt/bin`).
 */
export function prependedPath(words: readonly string[]): string | undefined {
  for (const word of words) {
    if (!ASSIGNMENT.test(word)) return undefined;
    if (!word.startsWith('PATH=')) continue;
    const value = word.slice('PATH='.length);
    const first = value.split(':')[0] ?? '';
    if (first !== '$PATH' && first !== '${PATH}') return value;
  }
  return undefined;
}

/** The ways a script names the repository's root at the start of a path. */
const WORKSPACE_PREFIX = /^(?:\$PWD|\$\{PWD\}|\$\(pwd\)|`pwd`|\$GITHUB_WORKSPACE|\$\{GITHUB_WORKSPACE\}|\$\{\{\s*github\.workspace\s*\}\}|\$CI_PROJECT_DIR|\$\{CI_PROJECT_DIR\}|\.)\//;

/**
 * What the first directory of a `PATH` may hold: `wrapper`, a folder of the repository with an
 * `npm` file in it (apollographql/apollo-client's `scripts/changesets/wrap-staged/npm`, which may
 * do anything, staging every publish included); `install`, a folder named for npm or Node (an npm
 * installed there, or nvm's Node) or `node_modules/.bin` (npm, when a package depends on it);
 * undefined for anything else (`$HOME/.cargo/bin`), so the Node's npm is still the one judged.
 */
function heldNpm(path: string, frame: Pick<Frame, 'dir' | 'shellFile'>): PathShim['holds'] | undefined {
  let dir = path.split(':')[0] ?? '';
  while (dir.endsWith('/')) dir = dir.slice(0, -1);
  // A committed `npm` first (a wrapper in `scripts/npm-wrap/` is still a wrapper), then the name.
  const rest = dir.replace(WORKSPACE_PREFIX, '');
  const relative = rest !== dir || !/^[/$~`]/.test(dir);
  const inRepository = relative && rest !== '' && !/[$`~]/.test(rest) && !rest.split('/').includes('..');
  if (inRepository && frame.shellFile?.(`${frame.dir ? `${frame.dir}/` : ''}${rest}/npm`) !== undefined) return 'wrapper';
  return /node_modules\/\.bin|(?:^|[/._-])(?:npm|node|nodejs)(?:$|[/._@\d-])/i.test(dir) ? 'install' : undefined;
}

/** A `PATH` the words set that puts a directory that may hold another `npm` first. */
export function shimPath(words: readonly string[], frame: Pick<Frame, 'dir' | 'shellFile'>): PathShim | undefined {
  const path = prependedPath(words);
  const holds = path === undefined ? undefined : heldNpm(path, frame);
  return path !== undefined && holds !== undefined ? { path, holds } : undefined;
}

/**
 * The `PATH` an `export PATH=<dir>:$PATH` (or a bare `PATH=...` assignment) command sets for the
 * later commands of its shell, when it may bring another npm; undefined for any other command.
 */
export function exportedShim(words: readonly string[], frame: Pick<Frame, 'dir' | 'shellFile'>): PathShim | undefined {
  const assignments = words[0] === 'export' ? words.slice(1) : words;
  if (assignments.length === 0 || !assignments.every((w) => ASSIGNMENT.test(w))) return undefined;
  return shimPath(assignments, frame);
}

/** After `export PATH=<dir>:$PATH` (or a bare `PATH=...` assignment) in a script: later commands run with it. */
export function pathFrame(frame: Frame, words: readonly string[]): Frame {
  const shim = exportedShim(words, frame);
  // `export PATH=$PATH:/x` keeps what an earlier prepend did.
  return shim === undefined ? frame : { ...frame, pathShim: shim };
}
