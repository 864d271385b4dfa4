/**
 * The commands of a committed shell script that a call with given arguments does not reach,
 * because they stand in a branch whose test of the script's positional parameters is certainly
 * false for those arguments (duckdb/duckdb-node: `./scripts/node_version.sh upload` publishes,
 * `./scripts/node_version.sh` in four other jobs does not, through `if [[ "$GITHUB_REF" =~ … &&
 * "$1" = "upload" ]] ; then … npm publish … fi`). Read from the splitter's compound-command
 * scopes (`ShellCommand.scope`, ./shell-nesting.ts), the tests decided by ./positional-tests.ts:
 *
 * - an `if`/`elif` branch whose condition, a test or a `&&` list of them, is certainly false, and
 *   every branch after one whose condition is certainly true (`else` too); the conditions
 *   themselves run as long as no branch before them was taken;
 * - a `case "$1" in` branch whose patterns (literal words, `*`) certainly do not match the value,
 *   and every branch after one that certainly matches;
 * - a command after a `&&` list whose members (from the start of its list) include such a test
 *   (`[ "$1" = publish ] && npm publish`).
 * - a command in the body of a function that no reached command names (`case "$1" in preflight)
 *   run_preflight ;;` does not reach `run_release_publish`'s publish: ./shell-functions.ts), unless
 *   a command's name is not literal (`"run_$1"`).
 *
 * A `case` may test a variable set once, alone, just before it in the same place, to a positional
 * parameter (veryfront/veryfront-code: `MODE="${1:-}"`, `case "${MODE}" in`): its value, defaults read.
 *
 * A command inside `$(...)` or an `eval` is reached when the command holding it is. Only a call
 * whose arguments are literal words counts (./shell-files.ts `readShellFile`: none is a call too,
 * a sourced script keeps its caller's); anything that may change or hide what `$1` is leaves the
 * whole script undecided (`shift`, `set --` or `set` with words, `source`/`.`, `eval`), and a test
 * in a group or function body (`{ }`, `ShellCommand.grouped`: its `$1` may be the function's), in a
 * subshell or right after a function's `()` is undecided, as is an `||` or `;` between a
 * condition's commands, and `[[ ]]` in a script whose interpreter line names another shell than
 * bash, zsh or ksh.
 */
import { splitCommands, stripPrefixes, type ShellCommand } from './shell.js';
import type { ShellScope } from './shell-nesting.js';
import { allOf, decideTest, literalValue, parameterValue, type TestWord } from './positional-tests.js';
import type { Frame } from './publish-match.js';
import { reachedThroughCalls } from './shell-functions.js';

/** An argument the shell passes as it is written: no expansion, quote, escape, glob or brace. */
const LITERAL_ARGUMENT = /^[^$`\\'"*?[\]{}~]*$/;

/** True when the arguments of a call are literal words, so that `$1`… of the script it runs are known. */
export function literalArguments(args: readonly string[]): boolean {
  return args.every((a) => LITERAL_ARGUMENT.test(a));
}

/** Commands after which nothing tells what `$1` is. */
const HIDES_POSITIONAL: ReadonlySet<string> = new Set(['shift', 'source', '.', 'eval']);
/** Reserved words that may come before a command's own words. */
const LEADING: ReadonlySet<string> = new Set(['then', 'else', 'do']);

/** `set` with words that set the positional parameters (`set -- a b`, `set a`, not `set -euo pipefail`). */
function setsPositional(words: readonly string[]): boolean {
  return words.slice(1).some((w, i) => w === '--' || w === '-' || (!/^[-+]/.test(w) && !/^[-+]\w*o$/.test(words[i] ?? '')));
}

/** A command after which `$1`… are no longer the call's (`shift`, `set -- …`, `source`, `eval`). */
export function changesPositional(cmd: ShellCommand): boolean {
  const words = stripPrefixes(cmd.words).map((w) => w.value);
  const first = words.find((w) => !LEADING.has(w) && w !== '!' && w !== 'if' && w !== 'elif' && w !== 'while' && w !== 'until');
  return first !== undefined && (HIDES_POSITIONAL.has(first) || (first === 'set' && setsPositional(words.slice(words.indexOf(first)))));
}

/** Text between two commands, without line continuations: what joins them. */
function joint(text: string, from: number, to: number): string {
  return text.slice(from, to).replace(/\\\r?\n/g, '');
}
const isAnd = (gap: string): boolean => gap.trim() === '&&';
/** A gap that starts a new list: a newline or `;` (a `(` or `{` too), and nothing else. */
const startsList = (gap: string): boolean => /^[\s;({]*$/.test(gap) && /[\n;({]/.test(gap);

/** What the branches of one `if` or `case` are known to do: their conditions' values, by branch. */
interface Compound {
  conditions: Map<number, boolean | undefined>;
  undecided: boolean;
}

/** The script's top-level commands (not in a substitution) and what is decided about them. */
class Reading {
  readonly compounds = new Map<number, Compound>();
  /** Commands that are part of a condition (an `if`'s, a `case` pattern): their own branch does not decide them. */
  readonly conditions = new Set<number>();
  /** Commands after a `&&` list holding a false test. */
  readonly guarded = new Set<number>();

  constructor(
    readonly text: string,
    readonly commands: readonly ShellCommand[],
    readonly args: readonly string[],
  ) {
    this.doubleBrackets = !/^#!/.test(text) || /^#![^\n]*\b(?:bash|zsh|ksh)\b/.test(text);
  }

  /** `[[ ]]` is bash's (zsh's, ksh's): read unless the interpreter line names another shell (`#!/bin/sh`). */
  readonly doubleBrackets: boolean;

  test(words: readonly TestWord[]): boolean | undefined {
    return decideTest(words, this.args, this.doubleBrackets);
  }

  words(cmd: ShellCommand): TestWord[] {
    return cmd.words.map((w) => ({ value: w.value, raw: this.text.slice(w.offset, w.end) }));
  }

  /** The gap before command `k` (from the end of the one before it). */
  gapBefore(k: number): string | undefined {
    const prev = this.commands[k - 1];
    return prev === undefined ? undefined : joint(this.text, prev.offset + prev.text.length, this.commands[k]!.offset);
  }

  compound(scope: ShellScope): Compound {
    let known = this.compounds.get(scope.id);
    if (known === undefined) this.compounds.set(scope.id, (known = { conditions: new Map(), undecided: false }));
    return known;
  }

  /**
   * Whether the `$1` of command `k` may not be the script's: in a group or function body, a
   * subshell (`f() ( … )`), or a compound command right after a function's `()` (`f() if …`).
   */
  mayBeFunctions(k: number): boolean {
    const cmd = this.commands[k]!;
    return cmd.grouped === true || (cmd.scope ?? []).some((s) => s.kind === 'subshell') || /\(\s*\)\s*$/.test(this.gapBefore(k) ?? '') || this.commands[k - 1]?.words[0]?.value === 'function';
  }

  /** The innermost scope of command `k` when it is of `kind` (its opener); left undecided when its `$1` may be a function's. */
  opened(k: number, kind: 'if' | 'case'): ShellScope | undefined {
    const scope = this.commands[k]!.scope?.at(-1);
    if (scope?.kind !== kind) return undefined;
    if (this.mayBeFunctions(k)) this.compound(scope).undecided = true;
    return scope;
  }

  /** Whether branch `branch` of `scope` may run (`condition`: for a command of its condition). */
  mayRun(scope: ShellScope, condition: boolean): boolean {
    const known = this.compounds.get(scope.id);
    if (known === undefined || known.undecided) return true;
    if (!condition && known.conditions.get(scope.branch) === false) return false;
    for (const [branch, value] of known.conditions) if (branch < scope.branch && value === true) return false;
    return true;
  }

  reached(k: number): boolean {
    const cmd = this.commands[k]!;
    if (this.guarded.has(k)) return false;
    const scopes = cmd.scope ?? [];
    return scopes.every((s, i) => this.mayRun(s, i === scopes.length - 1 && this.conditions.has(k)));
  }
}

/** Index of the first word after the reserved words that may lead a command (`then if …`). */
function ownStart(words: readonly TestWord[]): number {
  let i = 0;
  while (i < words.length - 1 && LEADING.has(words[i]!.raw)) i++;
  return i;
}

/** The `if`/`elif` conditions: from the command that starts one to the `then` command. */
function readIfs(r: Reading): void {
  let open: { scope: ShellScope; parts: (boolean | undefined)[]; joined: boolean } | undefined;
  r.commands.forEach((cmd, k) => {
    const words = r.words(cmd);
    let i = 0;
    if (open !== undefined) {
      if (words[0]?.raw !== 'then') {
        r.conditions.add(k);
        open.joined &&= isAnd(r.gapBefore(k) ?? '') && cmd.scope?.at(-1)?.id === open.scope.id;
        open.parts.push(r.test(words));
        return;
      }
      r.compound(open.scope).conditions.set(open.scope.branch, open.joined ? allOf(open.parts) : undefined);
      open = undefined;
      i = 1;
    }
    i += ownStart(words.slice(i));
    const head = words[i]?.raw;
    if (head !== 'if' && head !== 'elif') return;
    const scope = r.opened(k, 'if');
    if (scope === undefined) return;
    r.conditions.add(k);
    open = { scope, parts: [r.test(words.slice(i + 1))], joined: true };
  });
}

/** Whether a `case` pattern word matches `value`: `*` always, a literal when equal; undefined for another glob. */
function patternMatches(word: TestWord, value: string): boolean | undefined {
  if (word.raw === '*') return true;
  const literal = literalValue(word);
  return literal === undefined ? undefined : literal === value;
}


/** The `case "$1" in` branches: each pattern's alternatives, decided against the value. */
function readCases(r: Reading): void {
  // `;&`, `;;&` (bash) go on to the next branch: not read.
  if (r.text.includes(';&')) return;
  const open = new Map<number, { value: string; alternatives: (boolean | undefined)[]; pattern: boolean; due: boolean }>();
  r.commands.forEach((cmd, k) => {
    const words = r.words(cmd);
    const i = ownStart(words);
    const scope = cmd.scope?.at(-1);
    if (words[i]?.raw === 'case' && words[i + 2]?.raw === 'in') {
      const opened = r.opened(k, 'case');
      const value = words[i + 1] && (parameterValue(words[i + 1]!, r.args)?.value ?? aliasValue(r, words[i + 1]!, k));
      if (opened === undefined) return;
      if (value === undefined) r.compound(opened).undecided = true;
      else open.set(opened.id, { value, alternatives: [], pattern: false, due: true });
      const first = words.slice(i + 3);
      if (value !== undefined && first.length > 0) pattern(r, k, opened, open.get(opened.id)!, first);
      return;
    }
    const state = scope?.kind === 'case' ? open.get(scope.id) : undefined;
    if (state === undefined || scope === undefined) return;
    const gap = r.gapBefore(k) ?? '';
    if (state.due || gap.includes(';;') || (state.pattern && gap.trim() === '|')) pattern(r, k, scope, state, words);
    else state.pattern = false;
    state.due = false;
  });
}

/** `$NAME`, `"${NAME}"`: a variable, the whole word. */
const VARIABLE_WORD = /^"?\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})"?$/;
/** `"$1"`, `"${1:-}"`, `${1-x}`: a positional parameter, with the default its expansion may give. */
const PARAMETER_WORD = /^"?\$(?:([1-9])|\{([1-9])(?:(:?)-([^}"'$`\\]*))?\})"?$/;

/**
 * The value for the call of a variable the script sets once, alone in a command just before `k`
 * in the same place, to a positional parameter (veryfront/veryfront-code: `MODE="${1:-}"`, then
 * `case "${MODE}" in`); undefined when the variable is named anywhere else (`read`, `export`,
 * `local`, set again) or set another way. `k`: the `case` command.
 */
function aliasValue(r: Reading, word: TestWord, k: number): string | undefined {
  const v = VARIABLE_WORD.exec(word.raw);
  if (!v) return undefined;
  const name = v[1] ?? v[2]!;
  let set: number | undefined;
  for (const [j, cmd] of r.commands.entries()) {
    if (!cmd.words.some((w) => w.value === name || w.value.startsWith(`${name}=`) || w.value.startsWith(`${name}+=`))) continue;
    if (set !== undefined || j >= k || cmd.words.length !== 1 || !cmd.words[0]!.value.startsWith(`${name}=`)) return undefined;
    set = j;
  }
  if (set === undefined) return undefined;
  const cmd = r.commands[set]!;
  // The `case` command stands in its own scope: its place is the one around it.
  const here = r.commands[k]!.scope?.at(-2);
  const there = cmd.scope?.at(-1);
  const gap = r.gapBefore(set);
  if (cmd.grouped === true || r.conditions.has(set) || here?.id !== there?.id || here?.branch !== there?.branch || (gap !== undefined && (/[&|]/.test(gap) || !/[\n;]/.test(gap)))) return undefined;
  const w = cmd.words[0]!;
  const p = PARAMETER_WORD.exec(r.text.slice(w.offset + name.length + 1, w.end));
  if (!p) return undefined;
  const arg = r.args[Number(p[1] ?? p[2]) - 1];
  if (p[4] === undefined) return arg ?? '';
  return (p[3] === ':' ? arg === undefined || arg === '' : arg === undefined) ? p[4] : arg;
}

/** A pattern command (`upload`, before its `)`) of the branch after `scope`'s: one more alternative. */
function pattern(r: Reading, k: number, scope: ShellScope, state: { value: string; alternatives: (boolean | undefined)[]; pattern: boolean }, words: readonly TestWord[]): void {
  if (!state.pattern) state.alternatives = [];
  state.pattern = true;
  r.conditions.add(k);
  state.alternatives.push(...(words.length === 1 ? [patternMatches(words[0]!, state.value)] : [undefined]));
  const alts = state.alternatives;
  r.compound(scope).conditions.set(scope.branch + 1, alts.includes(true) ? true : alts.every((a) => a === false) ? false : undefined);
}

/** Reserved words that start a list (`if [ "$1" = x ] && …`, `then [ … ] && …`). */
const LIST_OPENERS: ReadonlySet<string> = new Set(['then', 'else', 'do', 'if', 'elif', 'while', 'until']);

/** The commands after a `&&` list that holds a test certainly false from the start of its list. */
function readGuards(r: Reading): void {
  r.commands.forEach((_cmd, k) => {
    const tests: (boolean | undefined)[] = [];
    for (let j = k; isAnd(r.gapBefore(j) ?? ''); j--) {
      const words = r.words(r.commands[j - 1]!);
      let i = 0;
      while (i < words.length - 1 && LIST_OPENERS.has(words[i]!.raw)) i++;
      const before = r.gapBefore(j - 1);
      // `x || [ … ] && y`: the first member of a list that follows `||` or `|` need not succeed.
      if (i === 0 && before !== undefined && !isAnd(before) && !startsList(before)) break;
      tests.push(r.mayBeFunctions(j - 1) ? undefined : r.test(words.slice(i)));
      if (i > 0) break;
    }
    if (tests.includes(false)) r.guarded.add(k);
  });
}

/** A positional parameter named in a script. */
const NAMES_POSITIONAL = /\$\{?[1-9]/;
const MAX_CACHED = 8;
const cache = new Map<string, ((cmd: ShellCommand) => boolean) | undefined>();

/**
 * For the text of the committed script `Frame.positional` says was called with literal
 * arguments: whether a command of it (of `commandsOf(text)`, a substitution's or an `eval`'s too)
 * is reached for that call. Undefined when `text` is not that script or nothing is decided.
 */
export function reachedWith(text: string, frame: Pick<Frame, 'positional'>): ((cmd: ShellCommand) => boolean) | undefined {
  const call = frame.positional;
  if (call === undefined || call.text !== text || !NAMES_POSITIONAL.test(text)) return undefined;
  const key = `${call.args.join('\0')}\u0001${text}`;
  if (cache.has(key)) return cache.get(key);
  const found = decide(text, call.args);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, found);
  return found;
}

function decide(text: string, args: readonly string[]): ((cmd: ShellCommand) => boolean) | undefined {
  const all = splitCommands(text);
  if (all.some(changesPositional)) return undefined;
  const top = all.filter((c) => !c.substitution);
  const r = new Reading(text, top, args);
  readIfs(r);
  readCases(r);
  readGuards(r);
  const branches = top.map((_c, k) => r.reached(k));
  // A function's body runs only where a command that runs calls it (`case "$1" in preflight) run_preflight ;;`).
  const reach = reachedThroughCalls(text, top, branches) ?? branches;
  if (reach.every(Boolean)) return undefined;
  return (cmd) => {
    // The top-level command holding `cmd` (itself, or the one whose `$(...)` or `eval` it is in).
    let lo = 0;
    let hi = top.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (top[mid]!.offset <= cmd.offset) lo = mid;
      else hi = mid - 1;
    }
    const holder = top[lo];
    const inside = holder !== undefined && holder.offset <= cmd.offset && cmd.offset + cmd.text.length <= holder.offset + holder.text.length;
    return !inside || reach[lo]!;
  };
}
