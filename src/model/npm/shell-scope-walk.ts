/**
 * What the commands of a script change for the commands after them (the directory a `cd` moves
 * to, `Frame.moved`), kept to the commands that see the change (`ShellCommand.scope`,
 * ./shell-nesting.ts):
 * - a change inside one branch of an `if`/`elif`/`else` or a `case` does not reach another branch
 *   of it: each branch starts from what held before the compound command;
 * - after the `fi`/`esac`/`done` of a compound command one of whose branches (or whose loop body)
 *   changed something, which branch ran (if any) is unknown: what holds is `join` of what held
 *   before it and at the end of each branch (the directory: unknown when they differ); after the
 *   `done` of a loop whose body ends every pass where it started (`ShellScope.returns`), the
 *   directory is the one it was entered with (`back`);
 * - a change inside a subshell (`( )`) ends with it;
 * - groups and function bodies (`{ }`) and `&&`/`||` chains run in the same shell: their changes
 *   hold after them, as at the top level (`cd dist && npm publish`).
 * A command inside `$(...)` or backticks runs in a subshell of its own (`ShellCommand.within`): it
 * starts from what held where the substitution stands and its changes reach the later commands of
 * the same substitution only (`OUT=$(cd "$d" && npm publish)`), not the script's.
 */
import type { ShellCommand, SubstitutionBody } from './shell.js';
import type { ShellScope } from './shell-nesting.js';

const TOP: readonly ShellScope[] = [];

/** Where a command stands: its compound commands and subshells, and the substitution it is in. */
export type ShellPlace = Pick<ShellCommand, 'scope' | 'within'>;

/** An open substitution: its body and the walk of its own commands. */
interface OpenSubstitution<T> {
  body: SubstitutionBody;
  walk: ScopeWalk<T>;
}

interface OpenScope<T> {
  scope: ShellScope;
  /** What held when the compound command or subshell was entered. */
  entry: T;
  /** `join` of what held at the end of its branches left so far; `ended` false before the first. */
  ends: T | undefined;
  ended: boolean;
}

export class ScopeWalk<T> {
  private readonly open: OpenScope<T>[] = [];
  /** The substitutions the last command walked stands in, outermost first (none after a command of the script's own shell). */
  private substitutions: OpenSubstitution<T>[] = [];

  /**
   * `back`: what holds at the end of the body of a loop that returns to the directory it started
   * in (`ShellScope.returns`, ./loop-returns.ts), from what held when it was entered and at the end
   * of its body: the directory of the first with the rest of the second. Without it, such a loop
   * is joined like any other.
   */
  constructor(
    private state: T,
    private readonly join: (a: T, b: T) => T,
    private readonly back?: (entry: T, end: T) => T,
  ) {}

  /**
   * `apply` to what holds where `cmd` stands, after the commands walked before it (in source order;
   * the commands that change nothing may be left out); what it returns holds after `cmd`.
   */
  step(cmd: ShellCommand, apply: (state: T) => T): T {
    const sub = this.substitutionOf(cmd);
    if (sub !== undefined) return sub.step(ownShell(cmd), apply);
    this.moveTo(cmd.scope ?? TOP);
    this.state = apply(this.state);
    return this.state;
  }

  /** What holds where a command standing at `place` runs, after the commands walked so far. */
  at(place: ShellPlace | undefined): T {
    const sub = this.substitutionOf(place ?? {});
    return sub !== undefined ? sub.stateAt(place?.scope) : this.stateAt(place?.scope);
  }

  /** What holds where a command of this walk's own shell standing in `scope` runs. */
  private stateAt(scope: readonly ShellScope[] | undefined): T {
    this.moveTo(scope ?? TOP);
    return this.state;
  }

  /**
   * The walk of the substitution `place` is in (undefined outside one): the open one with its body,
   * else a new one that starts from what holds where it stands (in the substitution around it, or
   * in the script's shell). The substitutions `place` is not in are closed: nothing reaches out of them.
   */
  private substitutionOf(place: ShellPlace): ScopeWalk<T> | undefined {
    const body = place.within;
    const open = this.substitutions;
    if (body === undefined) {
      if (open.length > 0) this.substitutions = [];
      return undefined;
    }
    while (open.length > 0 && !contains(open[open.length - 1]!.body, body)) open.pop();
    const top = open[open.length - 1];
    if (top !== undefined && top.body.from === body.from) return top.walk;
    const walk = new ScopeWalk<T>((top === undefined ? this : top.walk).stateAt(body.scope), this.join, this.back);
    open.push({ body, walk });
    return walk;
  }

  private moveTo(scope: readonly ShellScope[]): void {
    const open = this.open;
    let kept = 0;
    while (kept < open.length && kept < scope.length && sameBranch(open[kept]!.scope, scope[kept]!)) kept++;
    while (open.length > kept) {
      const top = open[open.length - 1]!;
      this.endBranch(top);
      const next = scope[open.length - 1];
      if (open.length - 1 === kept && next?.id === top.scope.id) {
        // Another branch of the same `if` / `case`: it starts from what held before it.
        top.scope = next;
        this.state = top.entry;
        break;
      }
      open.pop();
      this.state = top.scope.kind === 'subshell' ? top.entry : this.join(top.entry, this.endOf(top));
    }
    for (let i = open.length; i < scope.length; i++) open.push({ scope: scope[i]!, entry: this.state, ends: undefined, ended: false });
  }

  /** What holds at the end of a compound command's branches: for a loop that returns, with the directory it was entered with. */
  private endOf(top: OpenScope<T>): T {
    const ends = top.ends as T;
    return top.scope.returns === true && this.back !== undefined ? this.back(top.entry, ends) : ends;
  }

  private endBranch(top: OpenScope<T>): void {
    top.ends = top.ended ? this.join(top.ends as T, this.state) : this.state;
    top.ended = true;
  }
}

/** A command of a substitution as a command of the substitution's own shell. */
function ownShell(cmd: ShellCommand): ShellCommand {
  const { substitution: _substitution, within: _within, ...rest } = cmd;
  return rest;
}

/** True when substitution body `inner` is `outer` or inside it (the same `from`: the same body). */
function contains(outer: SubstitutionBody, inner: SubstitutionBody): boolean {
  return outer.from === inner.from || (outer.from <= inner.from && inner.from < outer.to);
}

function sameBranch(a: ShellScope, b: ShellScope): boolean {
  return a.id === b.id && a.branch === b.branch;
}

/** The directory after the walk, for a `string | undefined` state: unknown when two ways differ. */
export function joinDirectory(a: string | undefined, b: string | undefined): string | undefined {
  return a === b ? a : undefined;
}

/**
 * Reserved words a command in the script's own shell may follow on its line (`then cd wasm`,
 * `do cd "$d"`, `if ! cd x; then`): the command after them is what changes the directory.
 */
const LEADING_RESERVED: ReadonlySet<string> = new Set(['!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', 'time']);

/** The words of a command without the reserved words it follows (`then cd wasm` → `cd wasm`). */
export function changeWords(words: readonly string[]): readonly string[] {
  let i = 0;
  while (i < words.length - 1 && LEADING_RESERVED.has(words[i]!)) i++;
  return i === 0 ? words : words.slice(i);
}

/**
 * A `cd`, `pushd` or `popd` command (one inside `$(...)` too: `ScopeWalk` keeps what it changes to
 * the rest of its substitution).
 */
export function isDirectoryChange(cmd: ShellCommand): boolean {
  const first = changeWords(cmd.words.map((w) => w.value))[0];
  return first === 'cd' || first === 'pushd' || first === 'popd';
}

/**
 * The directory and the directories `pushd` left on the stack (innermost last; undefined when
 * they cannot be told: two branches that pushed differently, `pushd` without a directory).
 */
interface Dirs {
  dir: string | undefined;
  stack: readonly (string | undefined)[] | undefined;
}

function joinDirs(a: Dirs, b: Dirs): Dirs {
  const sameStack = a.stack !== undefined && b.stack !== undefined && a.stack.length === b.stack.length && a.stack.every((d, i) => d === b.stack![i]);
  if (a.dir === b.dir && sameStack) return a;
  return { dir: joinDirectory(a.dir, b.dir), stack: sameStack ? a.stack : undefined };
}

function withoutCdOptions(args: readonly string[]): readonly string[] {
  let i = 0;
  while (i < args.length - 1 && /^-[LPe@]+$/.test(args[i]!)) i++;
  return args[i] === '--' ? args.slice(i + 1) : args.slice(i);
}

const UNKNOWN_DIRS: Dirs = { dir: undefined, stack: undefined };

/**
 * A directory below one tp-doctor cannot tell: this marker, then `/` and the path below it (`cd
 * wasm` after `cd "$DIR"`: the directory ends in `wasm`). It never leaves this file.
 */
const UNKNOWN_BASE = '\u0000';

/** A `cd` target that does not depend on where it is run: from the root, or from the home directory. */
const ABSOLUTE_TARGET = /^(?:\/|~(?:\/|$)|\$(?:HOME|\{HOME\})(?:\/|$))/;

/** A word that a quote or a backslash keeps from tilde expansion (`cd "~/x"` is a directory named `~`). */
const QUOTED_TILDE = /^(?:["']|\\)~/;

/** `dir` after `cd <target>`; from a directory tp-doctor cannot tell, the path below it a plain relative target names. */
function nextDirectory(dir: string | undefined, target: string, join: (dir: string, target: string) => string | undefined): string | undefined {
  if (dir !== undefined && !dir.startsWith(UNKNOWN_BASE)) return join(dir, target);
  // A path from the root or the home (`/x`, `~/x`, `$HOME/x`) names the same directory from anywhere: the join tells whether it is the repository's.
  if (ABSOLUTE_TARGET.test(target)) return join('', target);
  if (/[$`~\\]/.test(target) || target.startsWith('/')) return undefined;
  const parts = dir === undefined ? [] : dir.split('/').slice(1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.length === 0 ? undefined : [UNKNOWN_BASE, ...parts].join('/');
}

/**
 * Where a command runs after the `cd`s before it (`directoryPlace`): `dir`, a path from the
 * repository root, when known; else `tail`, when a plain relative `cd` after the last change
 * tp-doctor cannot follow says how the path ends (`cd "$DIR"; cd wasm`: `wasm`).
 */
export interface DirectoryPlace {
  dir: string | undefined;
  tail?: string;
}

/**
 * `start` after the `cd` / `pushd` / `popd` commands among `commands` (in source order, before
 * the command they are for) that reach a command standing at `place`; `join` follows one
 * (`joinDir`). `popd` goes back to where the matching `pushd` was run (a `popd` on an empty stack
 * fails and stays). Undefined when they cannot be followed (`cd -`, a variable, a branch that may
 * have moved it, `pushd` without a directory or with `+N`, `-n`). After a loop whose body returns
 * to where it started (`ShellScope.returns`), the directory it was entered with.
 */
export function directoryAt(
  start: string,
  commands: readonly ShellCommand[],
  place: ShellPlace | undefined,
  join: (dir: string, target: string) => string | undefined,
): string | undefined {
  return directoryPlace(start, commands, place, join).dir;
}

/**
 * `directoryAt`, with the path an unknown directory ends in when a plain `cd` after it tells
 * (`DirectoryPlace.tail`). From an unknown `start` (undefined), a `cd` to a path from the root or
 * the home (`cd /home/circleci/repo/lib`) is known when `join('', target)` maps it.
 */
export function directoryPlace(
  start: string | undefined,
  commands: readonly ShellCommand[],
  place: ShellPlace | undefined,
  join: (dir: string, target: string) => string | undefined,
): DirectoryPlace {
  const walk = new ScopeWalk<Dirs>({ dir: start, stack: [] }, joinDirs, (entry) => entry);
  for (const cmd of commands) {
    if (!isDirectoryChange(cmd)) continue;
    const values = cmd.words.map((w) => w.value);
    const [command, ...args] = changeWords(values);
    // `cd -P dir`, `cd -- dir`: the options of `cd` change nothing tp-doctor follows.
    const operands = command === 'cd' ? withoutCdOptions(args) : args;
    const [target, extra] = operands;
    const word = cmd.words[values.length - operands.length];
    const quotedTilde = word !== undefined && QUOTED_TILDE.test(cmd.text.slice(word.offset - cmd.offset, word.end - cmd.offset));
    walk.step(cmd, ({ dir, stack }) => {
      // A quoted `~` is a directory named `~`, no home: not followed, as a variable is not.
      const optionOrMore = quotedTilde || extra !== undefined || (target !== undefined && /^[-+]./.test(target));
      if (command === 'popd') {
        if (target !== undefined || stack === undefined) return UNKNOWN_DIRS;
        return stack.length === 0 ? { dir, stack } : { dir: stack.at(-1), stack: stack.slice(0, -1) };
      }
      const next = target === undefined || target === '-' || optionOrMore ? undefined : nextDirectory(dir, target, join);
      if (command === 'cd') return { dir: next, stack };
      return next === undefined ? UNKNOWN_DIRS : { dir: next, stack: stack === undefined ? undefined : [...stack, dir] };
    });
  }
  const dir = walk.at(place).dir;
  return dir?.startsWith(UNKNOWN_BASE) ? { dir: undefined, tail: dir.slice(UNKNOWN_BASE.length + 1) } : { dir };
}
