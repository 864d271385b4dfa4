/**
 * The project `.npmrc` files a job replaces with another file before a publish, by `mv` or `cp`
 * (caido/sdk-js: `mv .npmrc .npmrc.pub; mv .npmrc.github .npmrc`, then `pnpm publish` reads the
 * committed `.npmrc.github`, whose `@caido:registry=https://npm.pkg.github.com` sends the packages to
 * GitHub Packages). A publish's project `.npmrc` layer (registry.ts `RegistryLayers.npmrc`) then
 * reads the committed file moved there (`RepoFiles.npmrcSetting`), when it can: a file tp-doctor
 * cannot tell (a value in the path, a branch that may not have run, a file the repository does not
 * hold, a copy into a directory it cannot tell) makes the registry unknown, never npmjs for certain.
 *
 * Followed, in order, from the directory the script runs in (its `cd`s as ./shell-scope-walk.ts
 * follows them): `mv SRC DEST` and `cp SRC DEST` with simple options, the file `SRC` held going to
 * `DEST` (or `DEST/<name of SRC>` for a directory: `.`, a path ending in `/`, and any other `DEST`
 * when `SRC` is an `.npmrc`), and `mv` leaving nothing at `SRC`; `mv`/`cp` back (`mv .npmrc.pub
 * .npmrc`) restores what was there. `rm .npmrc` and an overwrite (`echo … > .npmrc`) leave nothing of
 * the committed file, `git checkout .npmrc` puts it back (./npmrc-resets.ts). The lines a job writes
 * into an `.npmrc` (`echo … >> .npmrc`) are registry writes of their own (./registry-writes.ts).
 */
import { changeWords, isDirectoryChange, ScopeWalk } from './shell-scope-walk.js';
import type { ShellCommand } from './shell.js';
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { shellFilePath } from './shell-files.js';
import { placeAt, scriptIndex } from './script-index.js';
import { npmrcFilePath, type NpmrcReset } from './npmrc-resets.js';
import type { ScriptRegistryWrite } from './registry-writes.js';
import { registryWritesWithTemplates, templateReaderIn } from './npmrc-templates.js';
import { memoByKey } from '../core/memo.js';

/**
 * What a path holds after the job's moves and copies: the committed file `from`, nothing, the job's
 * user configuration (`cp "$NPM_CONFIG_USERCONFIG" .npmrc`: the settings the user layer already
 * reads), a file tp-doctor cannot tell, or one of a few of those (`either`: after a step that may be
 * skipped, each way it may have gone; the reader decides whether they differ in the key it reads).
 * `gone.writes`: the registry keys an overwrite (`echo … > .npmrc`) writes into the file it empties
 * (the lines themselves are a registry write of their own).
 */
export type MovedFile = ({ kind: 'from'; from: string } | { kind: 'gone'; writes?: readonly string[] } | { kind: 'user' } | { kind: 'unknown' } | { kind: 'either'; options: readonly OneFile[] }) & MovedBy;

/** A `MovedFile` that is one thing. */
export type OneFile = Exclude<MovedFile, { kind: 'either' }>;

/** At most this many ways a path may hold (more are a file tp-doctor cannot tell). */
const MAX_OPTIONS = 4;

/** The command that left a path as it is, and where the script that runs it is (for messages). */
export interface MovedBy {
  command: string;
  at: YNode | Location;
}

/** The files a job's `mv`/`cp` commands touched before a publish. */
export interface NpmrcSwaps {
  /** By repository path: what the path holds now (a path absent here holds its committed file). */
  files: ReadonlyMap<string, MovedFile>;
  /** A `mv`/`cp` onto an `.npmrc` in a directory tp-doctor cannot tell: any project `.npmrc` may hold another file. */
  anywhere?: MovedBy;
}

export const NO_SWAPS: NpmrcSwaps = { files: new Map() };

const MOVERS: ReadonlySet<string> = new Set(['mv', 'cp']);
/** Options of `mv`/`cp` that take no value and change nothing of where the file goes. */
const SIMPLE_OPTION = /^-[fivnpaRrLPHu]+$|^--(?:force|interactive|verbose|no-clobber|preserve|archive|recursive|update)$/;

/** `p` without the slashes that end it (`dir/` → `dir`). */
function trimSlashes(p: string): string {
  let end = p.length;
  while (end > 0 && p[end - 1] === '/') end--;
  return p.slice(0, end);
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** What `path` holds in `swaps`. */
function holding(swaps: NpmrcSwaps, path: string, by: MovedBy): MovedFile {
  return swaps.files.get(path) ?? { kind: 'from', from: path, command: by.command, at: by.at };
}

/** A path outside the repository as written (`~/.npmrc`, `$HOME/.npmrc`, `/tmp/.npmrc`): the user configuration, not a project one. */
const OUTSIDE = /^(?:~|\/|\$)/;

/** The user configuration npm reads (setup-node's `registry-url` and `npm config set` write it). */
const USER_CONFIG = /^(?:\$\{?NPM_CONFIG_USERCONFIG\}?|(?:~|\$\{?HOME\}?)\/\.npmrc)$/i;

/**
 * `swaps` after a command that removes, restores or overwrites an `.npmrc` (./npmrc-resets.ts), run
 * in `dir`: `rm` and `>` leave nothing of the committed file (the lines `>` writes are a registry
 * write of their own), `git checkout`/`git restore` the committed file. `resets`: those standing
 * at `cmd` (a pipeline's `| tee .npmrc` stands at its first command). One in a directory
 * tp-doctor cannot tell changes nothing (never a guess).
 */
function afterReset(swaps: NpmrcSwaps, cmd: ShellCommand, resets: readonly NpmrcReset[], dir: string | undefined, at: YNode | Location, writes: readonly ScriptRegistryWrite[]): NpmrcSwaps {
  if (resets.length === 0) return swaps;
  const files = new Map(swaps.files);
  for (const r of resets) {
    const path = npmrcFilePath(r.path, dir);
    // A key deleted (`npm config delete registry --location project`) leaves the file's other lines: not followed.
    if (path === undefined || path.startsWith('~/') || r.key !== undefined) continue;
    const keys = r.how === 'overwritten' ? writes.filter((w) => w.path === r.path).map((w) => w.key.toLowerCase()) : [];
    const gone: MovedFile = keys.length > 0 ? { kind: 'gone', writes: keys, command: cmd.text, at } : { kind: 'gone', command: cmd.text, at };
    files.set(path, r.how === 'restored' ? { kind: 'from', from: path, command: cmd.text, at } : gone);
  }
  return { ...swaps, files };
}

/** `swaps` after `cmd`, run in `dir` (undefined: a directory tp-doctor cannot tell), which writes `writes` (its registry lines). */
function afterMove(swaps: NpmrcSwaps, cmd: ShellCommand, resets: readonly NpmrcReset[], dir: string | undefined, at: YNode | Location, writes: readonly ScriptRegistryWrite[]): NpmrcSwaps {
  const words = changeWords(cmd.words.map((w) => w.value));
  const tool = words[0];
  if (tool === undefined || !MOVERS.has(tool)) return afterReset(swaps, cmd, resets, dir, at, writes);
  const operands = words.slice(1).filter((w) => !SIMPLE_OPTION.test(w));
  if (!operands.some((w) => basename(trimSlashes(w)) === '.npmrc')) return swaps;
  const by: MovedBy = { command: cmd.text, at };
  const [src, dest] = operands;
  const resolve = (p: string | undefined): string | undefined => (p === undefined || dir === undefined || p.startsWith('-') ? undefined : shellFilePath(p, dir));
  const to = resolve(dest);
  // `cp .npmrc.ci ~/.npmrc`: the user configuration, which a registry write of its own would set.
  if (to === undefined && dest !== undefined && OUTSIDE.test(dest) && operands.length === 2) return swaps;
  // `cp -t dir a b`, several sources, a value in the path, a directory tp-doctor cannot tell: any `.npmrc` may have changed.
  if (operands.length !== 2 || to === undefined) return { ...swaps, anywhere: by };
  const from = resolve(src);
  const moved: MovedFile = USER_CONFIG.test(src!) ? { kind: 'user', ...by } : from === undefined ? { kind: 'unknown', ...by } : { ...holding(swaps, from, by), ...by };
  const intoDir = dest === '.' || dest === '..' || dest!.endsWith('/') || to === '';
  // `cp config/.npmrc packages/a`: `packages/a` may be a directory (then its `.npmrc` is written) or the file itself.
  const targets = intoDir ? [joinPath(to, basename(from ?? src!))] : basename(to) === '.npmrc' ? [to] : [to, joinPath(to, basename(from ?? src!))];
  const files = new Map(swaps.files);
  for (const t of targets) files.set(t, moved);
  if (tool === 'mv' && from !== undefined && !targets.includes(from)) files.set(from, { kind: 'gone', ...by });
  return { ...swaps, files };
}

function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** What holds after either of two ways that may have run: a path held alike by both keeps it, any other is unknown. */
export function joinSwaps(a: NpmrcSwaps, b: NpmrcSwaps): NpmrcSwaps {
  if (a === b) return a;
  const files = new Map<string, MovedFile>();
  for (const path of new Set([...a.files.keys(), ...b.files.keys()])) {
    const by = (b.files.get(path) ?? a.files.get(path))!;
    // A path neither way touched holds its committed file (`mv` there and back holds it too).
    const x = holding(a, path, by);
    const y = holding(b, path, by);
    files.set(path, eitherOf(x, y, by));
  }
  const anywhere = a.anywhere ?? b.anywhere;
  return anywhere === undefined ? { files } : { files, anywhere };
}

function sameFile(x: OneFile, y: OneFile): boolean {
  if (x.kind === 'gone' && y.kind === 'gone') return (x.writes ?? []).join('\n') === (y.writes ?? []).join('\n');
  return x.kind === y.kind && (x.kind !== 'from' || (y.kind === 'from' && x.from === y.from));
}

/** What a path holds when it holds `x` or `y`: one of them when alike, else both (a few at most, else unknown). */
function eitherOf(x: MovedFile, y: MovedFile, by: MovedBy): MovedFile {
  const options: OneFile[] = [];
  for (const f of [x, y].flatMap((m) => (m.kind === 'either' ? m.options : [m]))) if (!options.some((o) => sameFile(o, f))) options.push(f);
  if (options.length === 1) return x;
  if (options.length > MAX_OPTIONS || options.some((o) => o.kind === 'unknown')) return { kind: 'unknown', command: by.command, at: by.at };
  return { kind: 'either', options, command: by.command, at: by.at };
}

interface WalkState {
  dir: string | undefined;
  swaps: NpmrcSwaps;
}

/**
 * `before` after the `mv`/`cp` commands of `script` (at `at`), run from `dir` (undefined: not known), that
 * reach the command starting at `upTo` (the publish; none: the end of the script). Cheap for a
 * script that never names an `.npmrc`. With `template` (the repository's committed files), an
 * envsubst that overwrites an `.npmrc` from a template writes the template's registry keys there
 * (`MovedFile` `gone.writes`), as an `echo … > .npmrc` of the same lines does (./npmrc-templates.ts).
 */
export function swapsAfter(before: NpmrcSwaps, script: string, dir: string | undefined, at: YNode | Location, upTo?: number, template?: (file: string) => string | undefined): NpmrcSwaps {
  if (!script.includes('.npmrc')) return before;
  // No command before the publish moves, copies or resets an `.npmrc`: every step keeps `before`
  // (a `cd` alone changes no file). Known once per script, not walked again for each of its
  // publishes (issue 17: a GitLab job of thousands of `>> ~/.npmrc…` lines and publishes).
  if (firstSwap(script) >= (upTo ?? Infinity)) return before;
  const join = (a: WalkState, b: WalkState): WalkState => ({ dir: a.dir === b.dir ? a.dir : undefined, swaps: joinSwaps(a.swaps, b.swaps) });
  const walk = new ScopeWalk<WalkState>({ dir, swaps: before }, join);
  const index = scriptIndex(script);
  const registryWrites = registryWritesWithTemplates(script, template === undefined ? undefined : templateReaderIn(script, dir, template));
  const resetsAt = new Map<number, NpmrcReset[]>();
  // A reset after `&&` takes out the lines of its own chain only (../npm/npmrc-kept.ts), not a file that was there before.
  for (const r of index.npmrcResets) if (r.after === undefined) resetsAt.set(r.offset, [...(resetsAt.get(r.offset) ?? []), r]);
  // The lines each command writes (a heredoc's body follows its command's text): those from its
  // offset to the next command's, in their order. Put with their command once, not looked for
  // among every write at every command (n² per publish: issue 17).
  const writesOf = writesByCommand(index.commands, registryWrites);
  for (const [i, cmd] of index.commands.entries()) {
    if (upTo !== undefined && cmd.offset >= upTo) break;
    const writes = writesOf.get(i) ?? [];
    walk.step(cmd, (s) => {
      if (!isDirectoryChange(cmd)) return { ...s, swaps: afterMove(s.swaps, cmd, resetsAt.get(cmd.offset) ?? [], s.dir, at, writes) };
      const words = changeWords(cmd.words.map((w) => w.value));
      return { ...s, dir: words[0] === 'cd' && words[1] !== undefined && s.dir !== undefined ? shellFilePath(words[1], s.dir) : undefined };
    });
  }
  return walk.at(upTo === undefined ? undefined : placeAt(index, upTo)).swaps;
}

/**
 * The offset of the first command of `script` whose step in `swapsAfter` may change the files
 * (`afterMove`: a `mv`/`cp` with an `.npmrc` operand, or another command with a reset standing at
 * it); Infinity when none does.
 */
const firstSwap: (script: string) => number = memoByKey((script) => {
  const index = scriptIndex(script);
  const resets = new Set(index.npmrcResets.filter((r) => r.after === undefined).map((r) => r.offset));
  for (const cmd of index.commands) {
    const words = changeWords(cmd.words.map((w) => w.value));
    const tool = words[0];
    const swaps = tool === undefined || !MOVERS.has(tool) ? resets.has(cmd.offset) : words.slice(1).some((w) => !SIMPLE_OPTION.test(w) && basename(trimSlashes(w)) === '.npmrc');
    if (swaps) return cmd.offset;
  }
  return Infinity;
}, 64);

/**
 * The writes with a path of each command (by index): those at or after its offset and before the
 * next command's (commands are in offset order), in the order of `writes`.
 */
function writesByCommand<W extends { offset: number; path?: string | undefined }>(commands: readonly { offset: number }[], writes: readonly W[]): Map<number, W[]> {
  const out = new Map<number, W[]>();
  for (const w of writes) {
    if (w.path === undefined) continue;
    // The last command starting at or before the write: the one whose range holds it.
    let lo = 0;
    let hi = commands.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (commands[mid]!.offset <= w.offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) continue;
    const list = out.get(lo - 1);
    if (list) list.push(w);
    else out.set(lo - 1, [w]);
  }
  return out;
}

/**
 * What the project `.npmrc` of `dir` holds for a publish: undefined when it is the committed one
 * (nothing moved over it, or it was moved back), else what a move left there.
 */
export function swappedNpmrc(swaps: NpmrcSwaps | undefined, dir: string): MovedFile | undefined {
  if (swaps === undefined) return undefined;
  const path = joinPath(dir, '.npmrc');
  const held = swaps.files.get(path);
  if (held !== undefined) return held.kind === 'from' && held.from === path ? undefined : held;
  return swaps.anywhere === undefined ? undefined : { kind: 'unknown', ...swaps.anywhere };
}

