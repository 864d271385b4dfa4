/**
 * How the recogniser's `Frame` (./publish-match.ts) moves with the commands of a script: a `cd`,
 * `pushd` or `popd`, an `export PATH=...`; and what holds after a compound command that may or
 * may not have moved it (`joinFrames`, for ./shell-scope-walk.ts).
 */
import type { ShellCommand } from './shell.js';
import { values } from './command-words.js';
import { pathFrame } from './path-shim.js';
import { afterCdForFiles } from './shell-files.js';
import { movedFrame } from './lifecycle-scripts.js';
import type { Frame } from './publish-match.js';
import { changeWords } from './shell-scope-walk.js';
import { afterLocalInstall } from './local-npm.js';

/** `current` after a command (`words`) of a script read with `frame`: a `cd`, `pushd`, `popd`, `export PATH=...`. */
export function movedInScript(frame: Frame, current: Frame, commandWords: string[]): Frame {
  const words = changeWords(commandWords);
  let next = current;
  // `cd packages/core && pnpm pub:release` in a script: the next commands read that package's scripts.
  if (words[0] === 'cd' && frame.via.length > 0) next = afterCd(frame, words[1]);
  // A script's `cd` leaves the directory whose workspaces `npm run x -ws` would read.
  if (frame.via.length > 0 && ['cd', 'pushd', 'popd'].includes(words[0] ?? '')) next = { ...next, away: true };
  if (words[0] === 'cd') next = afterCdForFiles(next, words[1]);
  return withLocalNpm(pathFrame(movedFrame(next, words), words), words);
}

/** `frame` with what `words` installs into a directory of its own, or forgets (./local-npm.ts). */
function withLocalNpm(frame: Frame, words: readonly string[]): Frame {
  const localNpm = afterLocalInstall(frame.localNpm, words);
  if (localNpm === frame.localNpm) return frame;
  const { localNpm: _dropped, ...rest } = frame;
  return localNpm === undefined ? rest : { ...rest, localNpm };
}

/**
 * A script's `cd <dir>` into a package whose scripts the caller can look up (a literal directory
 * below the repository root, from a script of the root package): what follows runs there.
 */
function afterCd(frame: Frame, target: string | undefined): Frame {
  if (frame.inPackage !== undefined || target === undefined || !/^[\w@.][\w@./-]*$/.test(target) || target.split('/').includes('..')) return frame;
  const selector = target.startsWith('./') ? target : `./${target}`;
  const scripts = frame.packageScripts?.(selector);
  return scripts === undefined ? frame : { ...frame, scripts, configSkipsNpm: undefined, inPackage: { selector, depth: frame.via.length } };
}

/**
 * After a `run:` block's `cd <dir>`, script files are looked up there (or not at all), and a publish
 * publishes the package there; after an `export PATH=<dir>:$PATH`, publishes run with it.
 */
export function cdFrame(frame: Frame, cmd: ShellCommand): Frame {
  if (cmd.substitution) return frame;
  const words = changeWords(values(cmd));
  const moved = withLocalNpm(pathFrame(movedFrame(frame, words), words), words);
  return words[0] === 'cd' ? afterCdForFiles(moved, words[1]) : moved;
}

/**
 * `join` for the recogniser's `Frame` (./publish-commands.ts): where a compound command may or may
 * not have moved it, the directory (`dir`, `moved`) and the package whose scripts are read are
 * unknown, a `cd` counts as one (`away`), and a `PATH` a branch set may hold (`pathShim`).
 */
export function joinFrames(a: Frame, b: Frame): Frame {
  if (a === b) return a;
  const out: Frame = { ...b, pathShim: b.pathShim ?? a.pathShim };
  if (a.away || b.away) out.away = true;
  if (a.dir !== b.dir) out.dir = undefined;
  if (a.moved !== b.moved) out.moved = null;
  if (a.localNpm !== b.localNpm) delete out.localNpm;
  if (a.inPackage !== b.inPackage || a.scripts !== b.scripts) {
    out.scripts = undefined;
    out.inPackage = undefined;
    out.configSkipsNpm = undefined;
  }
  return out;
}
