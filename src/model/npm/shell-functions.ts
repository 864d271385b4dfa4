/**
 * The shell functions a script defines (`name() { … }`, `function name { … }`) and which of them
 * may be called: a function's body runs only where the function is called (survey904b F1, F3).
 * ./function-targets.ts reads a publish in a body once per call; ./positional-branches.ts leaves a
 * body unreached when no command that runs names the function (veryfront/veryfront-code:
 * `publish-npm-packages.sh preflight`, whose `case` calls `run_preflight` only, not `run_release_publish`).
 */
import type { ShellCommand } from './shell.js';
import { functionDefined } from './shell-definitions.js';
import { skipBalanced } from './shell-scan.js';

/** A function of a script: its name, the offset of its defining command, of its body's `{` and just after its `}`. */
export interface ShellFunction {
  name: string;
  at: number;
  open: number;
  close: number;
}

/**
 * The functions a script's commands define, in order: read once per split script (`scriptIndex`
 * keeps one per text), not once per publish (10,000 publishes in one step made that quadratic).
 */
const definedFunctions = new WeakMap<readonly ShellCommand[], ShellFunction[]>();

export function functionsOf(text: string, commands: readonly ShellCommand[]): ShellFunction[] {
  const known = definedFunctions.get(commands);
  if (known) return known;
  const out: ShellFunction[] = [];
  for (const cmd of commands) {
    const name = cmd.substitution ? undefined : functionDefined(text, cmd);
    if (name === undefined) continue;
    // The body: the first `{` after the name (and its `()`), nothing but blanks and newlines between.
    const open = /^(?:[ \t]*\([ \t]*\))?\s*\{/.exec(text.slice(cmd.offset + cmd.text.length));
    if (!open) continue;
    const start = cmd.offset + cmd.text.length + open[0].length - 1;
    out.push({ name, at: cmd.offset, open: start, close: skipBalanced(text, start, text.length) });
  }
  definedFunctions.set(commands, out);
  return out;
}

/** Reserved words and assignments that may come before a command's name. */
const BEFORE_NAME = /^(?:!|then|else|do|if|elif|while|until|time|[A-Za-z_]\w*\+?=.*)$/s;
/** A name a function may have, as it stands in a command's text. */
const NAME_TOKEN = /[\w.:-]+/g;

/** Commands that run a command given as words, which may be a function named by a variable. */
const DISPATCHERS: ReadonlySet<string> = new Set(['eval', 'exec', 'command', 'builtin', 'env', 'xargs', 'sh', 'bash', 'source', '.']);

/**
 * Whether each of `commands` (a script's, not in substitutions: a command's text holds its
 * substitutions) runs, given whether it runs as far as its own branches tell (`runs`): a command in
 * a function's body runs only when the function may be called, that is when a command that runs,
 * outside the body, names it (a call, `export -f f`, `trap f EXIT`, `$(f)`). Undefined when the
 * script defines no function, or when a command's name is not literal (`"$cmd"`, `run_$1`): any
 * function may be called.
 */
export function reachedThroughCalls(text: string, commands: readonly ShellCommand[], runs: readonly boolean[]): boolean[] | undefined {
  const functions = functionsOf(text, commands);
  if (functions.length === 0) return undefined;
  const byName = new Map<string, ShellFunction[]>();
  for (const f of functions) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  // The innermost function whose body holds each command (functions come in the order of their `{`, bodies nest), and the functions each names.
  const inner: (ShellFunction | undefined)[] = [];
  const named: ShellFunction[][] = [];
  const open: ShellFunction[] = [];
  let next = 0;
  for (const cmd of commands) {
    const head = cmd.words.find((w) => !BEFORE_NAME.test(w.value));
    if (head !== undefined && /[$`]/.test(text.slice(head.offset, head.end))) return undefined;
    // `eval "run_$MODE"`, `exec "$f"`, `command "$name"`: a function named at run time may be any of them.
    if (head !== undefined && DISPATCHERS.has(head.value) && cmd.words.some((w) => w !== head && /[$`]/.test(text.slice(w.offset, w.end)))) return undefined;
    while (next < functions.length && functions[next]!.open < cmd.offset) open.push(functions[next++]!);
    while (open.length > 0 && open.at(-1)!.close <= cmd.offset) open.pop();
    const found = open.at(-1);
    inner.push(found);
    const defines = functionDefined(text, cmd);
    const names = new Set<ShellFunction>();
    for (const token of cmd.text.match(NAME_TOKEN) ?? []) {
      for (const f of byName.get(token) ?? []) if (f.name !== defines && f !== found) names.add(f);
    }
    named.push([...names]);
  }
  const bodies = new Map<ShellFunction, number[]>();
  inner.forEach((f, k) => {
    if (f === undefined) return;
    const list = bodies.get(f);
    if (list === undefined) bodies.set(f, [k]);
    else list.push(k);
  });
  const called = new Set<ShellFunction>();
  const runsNow = (k: number): boolean => runs[k]! && (inner[k] === undefined || called.has(inner[k]!));
  // From the commands outside every body that run, to the bodies of the functions they name: each command once.
  const queue = commands.map((_c, k) => k).filter((k) => inner[k] === undefined && runs[k]);
  for (let q = 0; q < queue.length; q++) {
    for (const f of named[queue[q]!]!) {
      if (called.has(f)) continue;
      called.add(f);
      for (const k of bodies.get(f) ?? []) if (runs[k]) queue.push(k);
    }
  }
  return commands.map((_c, k) => runsNow(k));
}
