/**
 * How the recogniser's `Frame` (./publish-match.ts) moves with the commands of a script: a `cd`,
 * `pushd` or `popd`, an `export PATH=...`; and what holds after a compound command that may or
 * may not have moved it (`joinFrames`, for ./shell-scope-walk.ts).
 */
import { splitCommands, type ShellCommand } from './shell.js';
import { strip, values } from './command-words.js';
import { configSkipsNpmIn } from './config-skips-npm.js';
import { pathFrame } from './path-shim.js';
import { afterCdForFiles, shellFilePath } from './shell-files.js';
import type { RunnerHit } from './command-runners.js';
import { movedFrame, relativeJoin } from './lifecycle-scripts.js';
import type { Frame } from './publish-match.js';
import { changeWords, isDirectoryChange, ScopeWalk } from './shell-scope-walk.js';
import { afterLocalInstall } from './local-npm.js';
import { afterWrites, fileWrites, joinWritten } from './written-files.js';
import { withEnvValues, type EnvValues } from './env-values.js';

/** `current` after a command (`words`, `cmd`) of a script read with `frame`: a `cd`, `pushd`, `popd`, `export PATH=...`, a file it writes. */
export function movedInScript(frame: Frame, current: Frame, commandWords: string[], cmd?: ShellCommand): Frame {
  const words = changeWords(commandWords);
  let next = current;
  // `cd packages/core && pnpm pub:release` in a script: the next commands read that package's scripts.
  if (words[0] === 'cd' && frame.via.length > 0) next = afterCd(frame, current, words[1]);
  // A `pushd`/`popd` in a script: where its later `cd`s lead is not followed.
  if (frame.via.length > 0 && (words[0] === 'pushd' || words[0] === 'popd')) next = { ...next, scriptCd: { depth: frame.via.length, path: null } };
  // A script's `cd` leaves the directory whose workspaces `npm run x -ws` would read.
  if (frame.via.length > 0 && ['cd', 'pushd', 'popd'].includes(words[0] ?? '')) next = { ...next, away: true };
  if (words[0] === 'cd') next = afterCdForFiles(next, words[1]);
  return withWrites(withLocalNpm(pathFrame(movedFrame(next, words), words), words), cmd);
}

/** `frame` with the files `cmd` writes where it runs (./written-files.ts). */
function withWrites(frame: Frame, cmd: ShellCommand | undefined): Frame {
  const written = cmd === undefined ? frame.written : afterWrites(frame.written, cmd, frame.dir);
  return written === frame.written ? frame : { ...frame, written };
}

/** `frame` with what `words` installs into a directory of its own, or forgets (./local-npm.ts). */
function withLocalNpm(frame: Frame, words: readonly string[]): Frame {
  const localNpm = afterLocalInstall(frame.localNpm, words);
  if (localNpm === frame.localNpm) return frame;
  const { localNpm: _dropped, ...rest } = frame;
  return localNpm === undefined ? rest : { ...rest, localNpm };
}

/**
 * Where the `cd`s of the script read at `frame`'s depth took it, relative to where it started
 * (`Frame.scriptCd`): '' before any; null when one could not be followed. A script another one
 * runs starts in its own package's directory, so the path of the script that ran it does not count.
 */
function scriptCdPath(frame: Frame): string | null {
  const cd = frame.scriptCd;
  return cd !== undefined && cd.depth === frame.via.length ? cd.path : '';
}

/** A literal relative directory a script's `cd` names (no variable, glob, `~`, `-` or absolute path). */
const LITERAL_DIR = /^[\w@.][\w@./-]*$/;

/**
 * A script's `cd <dir>` (from a script of the root package, `frame` where the script started,
 * `current` before the `cd`): the directory it leads to, from where the script's earlier `cd`s
 * left it (`cd packages/a && … && cd ../b` is in `packages/b`); when that is a directory below the
 * script's start whose package the caller can look up, what follows reads that package's scripts,
 * else the scripts the script started with, as before any `cd`.
 */
function afterCd(frame: Frame, current: Frame, target: string | undefined): Frame {
  const depth = frame.via.length;
  const base = scriptCdPath(current);
  const path = base === null || target === undefined || !LITERAL_DIR.test(target) ? null : (relativeJoin(base, target) ?? null);
  const start: Frame = { ...current, scripts: frame.scripts, inPackage: frame.inPackage, configSkipsNpm: frame.configSkipsNpm, scriptCd: { depth, path } };
  // After a `run:` block's `cd` (`Frame.moved`), the lookup's selectors would be relative to the wrong directory.
  if (frame.inPackage !== undefined || (frame.moved !== undefined && frame.moved !== '') || path === null || path === '') return start;
  const selector = `./${path}`;
  const scripts = frame.packageScripts?.(selector);
  return scripts === undefined ? start : { ...start, scripts, configSkipsNpm: undefined, inPackage: { selector, depth } };
}

/**
 * After a `run:` block's `cd <dir>`, script files are looked up there (or not at all), and a publish
 * publishes the package there; after an `export PATH=<dir>:$PATH`, publishes run with it.
 */
export function cdFrame(frame: Frame, cmd: ShellCommand): Frame {
  const words = changeWords(values(cmd));
  const after = withWrites(withLocalNpm(pathFrame(movedFrame(frame, words), words), words), cmd);
  // A directory change leaves the directory with unknown segments behind (`dir` says what is known).
  const moved = after.dirPattern !== undefined && (words[0] === 'cd' || words[0] === 'pushd' || words[0] === 'popd') ? { ...after, dirPattern: undefined } : after;
  return words[0] === 'cd' ? afterCdForFiles(moved, words[1]) : moved;
}

/**
 * Where a command of a `run:` block (or a script line, a CircleCI `run` step) stands after a `cd`
 * into a directory with a committed package.json (`Frame.moved`, a literal path): `npm run x`,
 * `pnpm run x`, `yarn x` there read that package's scripts, and a publish tool its configuration
 * (tailwindlabs/tailwindcss-intellisense: `cd packages/vscode-tailwindcss && pnpm run publish` runs
 * that package's `vsce publish`, not a root script). A directory without a package.json, a `cd`
 * tp-doctor cannot follow (a variable, `popd`, a branch that may not have run: `moved` null) and a
 * command already sent to another package keep the scripts of where the commands started.
 * Computed where each command is read, so a `cd` back (`cd ../..`) returns to them.
 */
export function inMovedPackage(frame: Frame): Frame {
  const moved = frame.moved;
  if (frame.via.length > 0 || frame.inPackage !== undefined || moved === undefined || moved === null || moved === '') return frame;
  const scripts = frame.packageScripts?.(`./${moved}`);
  if (scripts === undefined) return frame;
  const configSkipsNpm = frame.dir === undefined ? undefined : configSkipsNpmIn(frame.toolConfig, frame.dir);
  return { ...frame, scripts, configSkipsNpm, away: true };
}

/** The directory changes and file writes of a shell script text, by text (a GitLab job's lines share one script). */
const changesCache = new Map<string, readonly ShellCommand[]>();
const MAX_CACHED_CHANGES = 8;

function directoryChanges(text: string): readonly ShellCommand[] {
  const known = changesCache.get(text);
  if (known !== undefined) return known;
  const changes = splitCommands(text).filter((c) => isDirectoryChange(c) || fileWrites(c).length > 0);
  if (changesCache.size >= MAX_CACHED_CHANGES) changesCache.delete(changesCache.keys().next().value!);
  changesCache.set(text, changes);
  return changes;
}

/**
 * The frame a script line starts with when it is part of a longer shell script
 * (`RecognizeContext.shellScript`: GitLab runs a job's `before_script` and `script` lines in one
 * shell): `start` after the `cd`, `pushd` and `popd` of the earlier lines, as at their top level,
 * with the files they write (./written-files.ts); a `cd "$DIR"` read with `envValues` (./env-values.ts).
 */
export function frameAtLine(start: Frame, shell: { text: string; offset: number } | undefined, envValues?: EnvValues): Frame {
  if (shell === undefined || shell.offset === 0) return start;
  const walk = new ScopeWalk(start, joinFrames, frameBack);
  for (const cmd of directoryChanges(shell.text)) {
    if (cmd.offset + cmd.text.length > shell.offset) break;
    const moving = withEnvValues(cmd, envValues, () => shell.text.slice(0, cmd.offset));
    walk.step(cmd, (f) => cdFrame(f, moving));
  }
  return walk.at(undefined);
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
  if (scriptCdPath(a) !== scriptCdPath(b)) out.scriptCd = { depth: b.via.length, path: null };
  if (a.written !== b.written) out.written = joinWritten(a.written, b.written);
  if (a.inPackage !== b.inPackage || a.scripts !== b.scripts) {
    out.scripts = undefined;
    out.inPackage = undefined;
    out.configSkipsNpm = undefined;
  }
  return out;
}

/**
 * `back` for the recogniser's `Frame` (./shell-scope-walk.ts): after a loop whose body returns to
 * the directory it started in, the directory and the package whose scripts are read are the ones
 * it was entered with; the rest (a `PATH` set, an npm installed, `away`) as its body left them.
 */
export function frameBack(entry: Frame, end: Frame): Frame {
  return { ...end, dir: entry.dir, moved: entry.moved, scripts: entry.scripts, inPackage: entry.inPackage, configSkipsNpm: entry.configSkipsNpm, scriptCd: entry.scriptCd };
}

/**
 * The frame a runner's command is read in: script files looked up in the directory it runs the
 * command in (none when that is not a literal path inside the repository), and the Node its tools
 * put first on `PATH` as a `PATH` shim (`holds: 'runtime'`): the npm that runs is then not the job's.
 */
export function runnerFrame(frame: Frame, hit: RunnerHit): Frame {
  let out = frame;
  if (hit.cd !== undefined) {
    const dir = frame.dir === undefined ? undefined : shellFilePath(hit.cd, frame.dir);
    out = { ...out, dir };
  }
  if (hit.runtime !== undefined) out = { ...out, pathShim: { path: hit.runtime, holds: 'runtime', ...(hit.environment ? { environment: true as const } : {}), ...(hit.keptEnv !== undefined ? { keptEnv: hit.keptEnv } : {}) } };
  // `docker run … node:20 npm publish`: the image's `PATH`, Node and npm, whatever the job set up.
  if (hit.container !== undefined) out = { ...out, pathShim: { path: hit.container.image, holds: 'image', container: hit.container } };
  return out;
}

/**
 * The scripts of the one package a command names (`yarn workspace app release`, `pnpm --filter
 * app run release`), when the caller can look it up; undefined when it names several or none.
 */
export function scriptsElsewhere(frame: Frame, target: string | undefined): Record<string, string> | undefined {
  return target === undefined ? undefined : frame.packageScripts?.(target);
}

/**
 * Where the scripts of the package a command names run (`pnpm --filter app run release`: in
 * `app`'s directory, so its `node ../../scripts/publish.js` is found from there); unknown without
 * the lookup. The publish tools run there read that directory's configuration and package.json
 * (`configSkipsNpm`: `npm run release -w app` running semantic-release publishes `app` when the
 * root package is private, not when `app` is). When no such package's scripts were found, the
 * directory is unchanged and no configuration is known (the command runs in packages tp-doctor
 * cannot tell).
 */
export function inPackageDir(whole: Frame, target: string | undefined, scripts: Record<string, string> | undefined): Frame {
  // Another package's scripts: not those of a directory tp-doctor could not see.
  const { scriptsUnseen: _other, ...frame } = whole;
  if (target === undefined || scripts === undefined) return { ...frame, configSkipsNpm: undefined };
  const dir = frame.packageDir?.(target);
  return { ...frame, dir, dirPattern: undefined, configSkipsNpm: dir === undefined ? undefined : configSkipsNpmIn(frame.toolConfig, dir) };
}

/**
 * `frame` with the variables a command of a `package.json` script (or a script file it runs) sets
 * for itself and what it runs: the assignments before it and those of a prefix that takes them
 * (`HUSKY=0 semantic-release`, `cross-env NODE_ENV=production npm publish`, `env A=b npm publish`:
 * `words` as written, before `strip`). The CI file's own command is read by the sites (../inline-env.ts).
 */
export function withScriptEnv(frame: Frame, words: readonly string[]): Frame {
  const script = frame.via.at(-1)?.script;
  if (script === undefined) return frame;
  const prefix = words.slice(0, words.length - strip([...words]).length);
  const set = prefix.flatMap((w) => (w.indexOf('=') > 0 && !w.startsWith('-') ? [{ name: w.slice(0, w.indexOf('=')), value: w.slice(w.indexOf('=') + 1), script }] : []));
  return set.length === 0 ? frame : { ...frame, scriptEnv: [...(frame.scriptEnv ?? []), ...set] };
}
