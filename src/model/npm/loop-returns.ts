/**
 * Whether a loop's body ends each pass in the directory it started in (`ShellScope.returns`, set by
 * ./shell-nesting.ts when the loop's `done` is read), so that what its `cd`s change does not outlast
 * the loop (./shell-scope-walk.ts): ast-grep/ast-grep's `for pkg in platforms/*; do cd $pkg; npm
 * publish; cd ../..; done; npm publish` publishes `npm/` last, where it started.
 *
 * The body's directory is followed as a depth below where it started (names do not matter: bash's
 * logical `cd ..` drops the last component of `$PWD`): a relative path down adds its components,
 * `..` takes one away, `$NAME` of a `for NAME in WORDS` loop around it adds the depth every word
 * has (`platforms/*` and `npm/a`: 2; words of different depths, a `..`, an absolute path, a
 * variable or `$(...)` among them: unknown), `cd -` goes back to `OLDPWD` (which a `cd`, `pushd` or
 * `popd` of the body set, else unknown), `pushd`/`popd` keep a stack of their own. A `cd` is taken
 * to succeed, as everywhere tp-doctor follows one (a failing one stops a GitHub `run:` block).
 * The body returns when it ends at depth 0 with its own stack empty, through every branch of its
 * `if`s and `case`s (one that may not run counts as not moving), nested loops and subshells walked
 * as `ScopeWalk` walks them. Anything it cannot follow makes it not return: a change after `&&` or
 * `||` or in a pipeline, anything sent to the background (`&`) in the body, a `continue`, `break`
 * or `return` where the body is not back at its start (`cd $pkg || continue` too), an `eval`,
 * `source` or `.`, a `cd` without a directory, with an option other than `-L`, to an absolute path
 * or `~`, above where the body started, or naming a variable it cannot put in (a loop variable the
 * loop also sets, `read NAME`, `NAME=`, is one).
 */
import type { ShellScope } from './shell-nesting.js';
import { ScopeWalk } from './shell-scope-walk.js';

/** A command of a loop's body, as ./shell-nesting.ts records it (same shell level only). */
export interface LoopEntry {
  /** Its words, unquoted, from its own first one (`cd x` of `then cd x`). */
  readonly words: readonly string[];
  readonly scope: readonly ShellScope[];
  /** After `&&` or `||`, or in a pipeline: it may not run, or not in the body's shell. */
  chained: boolean;
}

/** A `for NAME in WORDS` (or `select`) loop's variable, and the depth of every value it takes. */
export interface LoopVariable {
  readonly name: string;
  /** The depth every value has (undefined: not one depth, or not known). */
  readonly depth: number | undefined;
  /** No value holds a `/` (so a `$NAME` inside a component adds none). */
  readonly flat: boolean;
  /**
   * A command of the loop's body may set it (`setsVariable`; ./shell-nesting.ts marks it while the
   * loop is open): its values are then not known.
   */
  set: boolean;
}

/** Where the body's directory is, below where it started: unknown (undefined) once it cannot be followed. */
interface Place {
  depth: number;
  /** `OLDPWD`'s depth, when a change of the body set it. */
  old: number | undefined;
  /** The directories the body's `pushd`s left, innermost last. */
  stack: readonly number[];
}
type State = Place | undefined;

const START: Place = { depth: 0, old: undefined, stack: [] };

function join(a: State, b: State): State {
  if (a === b) return a;
  if (a === undefined || b === undefined || a.depth !== b.depth || a.stack.length !== b.stack.length || a.stack.some((d, i) => d !== b.stack[i])) return undefined;
  return a.old === b.old ? a : { ...a, old: undefined };
}

const JUMPS: ReadonlySet<string> = new Set(['continue', 'break', 'return']);
const UNREAD: ReadonlySet<string> = new Set(['eval', 'source', '.']);

/** The variable of a `for NAME in WORDS` / `select NAME in WORDS` header (words after its reserved words), or undefined. */
export function loopVariable(words: readonly string[]): LoopVariable | undefined {
  const [opener, name, keyword, ...values] = words;
  if ((opener !== 'for' && opener !== 'select') || name === undefined || !/^[A-Za-z_]\w*$/.test(name)) return undefined;
  if (keyword !== 'in') return { name, depth: undefined, flat: false, set: false };
  const depths = new Set(values.map(valueDepth));
  const depth = depths.size === 1 ? [...depths][0] : undefined;
  return { name, depth, flat: values.every((v) => !v.includes('/')), set: false };
}

/** The depth of one word of a loop's list (`platforms/*`: 2); undefined for one it cannot tell. */
function valueDepth(value: string): number | undefined {
  if (/[$`{}\s~]|\*\*/.test(value) || value.startsWith('/')) return undefined;
  const parts = value.split('/').filter((p) => p !== '' && p !== '.');
  return parts.includes('..') ? undefined : parts.length;
}

/**
 * True when the body of a loop ends every pass where it started (see the file comment).
 * `around`: the scopes of the loop's body, the loop last; `entries`: the commands of its body that
 * may move the directory or leave it, in order; `variables`: the variables of the `for` loops it
 * stands in and of those in its body, by loop; `forks`: something in the body was sent to the
 * background or a pipeline.
 */
export function bodyReturns(around: readonly ShellScope[], entries: readonly LoopEntry[], variables: ReadonlyMap<ShellScope, LoopVariable>, forks: boolean): boolean {
  const loop = around.at(-1)!;
  if (forks) return false;
  const walk = new ScopeWalk<State>(START, join);
  const depthOf = (name: string, scope: readonly ShellScope[]): LoopVariable | undefined => {
    const around = scope.findLast((s) => variables.get(s)?.name === name);
    const variable = around === undefined ? undefined : variables.get(around);
    return variable?.set === false ? variable : undefined;
  };
  let jumped = false;
  for (const entry of entries) {
    const words = entry.words;
    const inSubshell = JUMPS.has(words[0] ?? '') && entry.scope.slice(entry.scope.indexOf(loop) + 1).some((s) => s.kind === 'subshell');
    walk.step({ text: '', offset: 0, words: [], scope: entry.scope }, (state) => {
      if (JUMPS.has(words[0] ?? '') && !inSubshell && (state === undefined || state.depth !== 0 || state.stack.length > 0)) jumped = true;
      if (state === undefined || UNREAD.has(words[0] ?? '')) return undefined;
      if (words[0] !== 'cd' && words[0] !== 'pushd' && words[0] !== 'popd') return state;
      return entry.chained ? undefined : moved(state, words, (name) => depthOf(name, entry.scope));
    });
    if (jumped) return false;
  }
  const end = walk.at({ scope: around });
  return end !== undefined && end.depth === 0 && end.stack.length === 0;
}

/** `state` after a `cd`, `pushd` or `popd` (`words`), or undefined when it cannot be followed. */
function moved(state: Place, words: readonly string[], depthOf: VariableDepth): State {
  const [command, ...args] = words;
  if (command === 'popd') {
    const back = state.stack.at(-1);
    return args.length > 0 || back === undefined ? undefined : { depth: back, old: state.depth, stack: state.stack.slice(0, -1) };
  }
  let rest = args;
  if (command === 'cd') while (rest[0] === '-L' || (rest[0] === '--' && rest.length > 1)) rest = rest.slice(1);
  const [target] = rest;
  if (rest.length !== 1 || target === undefined) return undefined;
  if (command === 'cd' && target === '-') return state.old === undefined ? undefined : { depth: state.old, old: state.depth, stack: state.stack };
  const depth = target.startsWith('-') || target.startsWith('+') ? undefined : pathDepth(state.depth, target, depthOf);
  if (depth === undefined) return undefined;
  return { depth, old: state.depth, stack: command === 'pushd' ? [...state.stack, state.depth] : state.stack };
}

/** What a loop variable named in a path adds: its values' depth (`flat`: none of them holds a `/`); undefined when not known. */
type VariableDepth = (name: string) => { depth: number | undefined; flat: boolean } | undefined;

/** The depth after `cd <target>` from `depth`; undefined when the target cannot be followed or goes above the start. */
function pathDepth(start: number, target: string, depthOf: VariableDepth): number | undefined {
  if (target.startsWith('/') || target.startsWith('~')) return undefined;
  let depth = start;
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (--depth < 0) return undefined;
      continue;
    }
    if (/[*?[\]`]/.test(part)) return undefined;
    if (!part.includes('$')) {
      depth++;
      continue;
    }
    const whole = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/.exec(part);
    if (whole !== null) {
      const found = depthOf(whole[1] ?? whole[2]!)?.depth;
      if (found === undefined) return undefined;
      depth += found;
      continue;
    }
    // A component holding variables among other text (`pkg-$v`): one component when no value holds a `/`.
    const names = [...part.matchAll(/\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g)].map((m) => m[1] ?? m[2]!);
    const other = part.replace(/\$(?:\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)/g, '');
    if (other.includes('$') || !names.every((n) => depthOf(n)?.flat === true)) return undefined;
    depth++;
  }
  return depth;
}

/**
 * True when a command of a loop's body (`words`, not its own header) may set the loop's variable
 * `name`: any word naming it other than as `$name` or `${name}` (`name=…`, `read name`, `export
 * name`, `for name`, `${name:=x}`).
 */
export function setsVariable(words: readonly { value: string }[], name: string): boolean {
  return words.some((w) => w.value.includes(name) && mentions(w.value, name));
}

/** True when `word` names `name` other than as `$name` or `${name}`. */
function mentions(word: string, name: string): boolean {
  for (let at = word.indexOf(name); at >= 0; at = word.indexOf(name, at + name.length)) {
    const before = word[at - 1] ?? '';
    const after = word[at + name.length] ?? '';
    if (/\w/.test(before) || /\w/.test(after)) continue;
    if (before === '$') continue;
    if (before === '{' && word[at - 2] === '$' && after === '}') continue;
    return true;
  }
  return false;
}
