/**
 * A publish inside a shell function its script calls only with literal arguments
 * (Neko-Catpital-Labs/Invoker: `publish_if_missing() { local package_dir="$1"; …; npm publish
 * "${tarball}"; }`, then `publish_if_missing packages/npm-cli`, `publish_if_missing packages/npm-ui`):
 * read once per call, as a `for` loop is read once per value (./value-targets.ts `loopTargets`), with
 * the call's arguments put in for `$1`…`$9` and for the variables the body sets once to one of them
 * (`local package_dir="$1"`), in the publish and in the body's text before it. The targets stay
 * unknown (the body may return before the publish), their candidates the packages of the readings.
 *
 * Anything else keeps the unknown targets as they were: no `textAfter` (the calls are not known), a
 * body that is not a `{ … }` group, a call with an argument that is not literal (`$x`, `"$@"`, a
 * glob), a call from inside the body, the function's name anywhere else in the script (`export -f`,
 * `xargs -n1 f`, `bash -c 'f x'`), a `shift`, `set --`, `source` or `eval` in the body before the publish, a
 * `cd`/`pushd`/`popd` outside the body after its definition (the
 * calls would run elsewhere), no call, more than `MAX_LOOP_READINGS` calls, or more readings of the
 * body's publishes together than `MAX_READINGS_PER_FUNCTION`, or a script over `MAX_READ_CHARS`.
 */
import type { ShellCommand } from './shell.js';
import { functionDefined } from './shell-definitions.js';
import { changesPositional } from './positional-branches.js';
import { isDirectoryChange } from './shell-scope-walk.js';
import { skipBalanced } from './shell-scan.js';
import { scriptIndex } from './script-index.js';
import { MAX_LOOP_READINGS, PLAIN_VALUE, mergeReadings, reference, type LoopHooks } from './value-targets.js';
import type { ResolvedTargets, TargetInput } from './targets.js';

/** Reserved words a call may follow in its command (`then f x`, `! f x`). */
const BEFORE_CALL: ReadonlySet<string> = new Set(['!', 'then', 'else', 'do', 'if', 'elif', 'while', 'until']);
/** `$1`…`$9`, `${1}`…: a positional parameter, the whole value. */
const PARAMETER = /^\$(?:([1-9])|\{([1-9])\})$/;

/** A function of a script: its name, and the offsets of its body's `{` and just after its `}`. */
interface ShellFunction {
  name: string;
  open: number;
  close: number;
}

/** The targets of a publish in a function called with literal arguments (see the file comment); undefined when it is not one. */
export function functionTargets(input: TargetInput, hooks: LoopHooks): ResolvedTargets | undefined {
  const before = input.textBefore;
  if (before === undefined || input.textAfter === undefined || input.viaAction || input.match.action) return undefined;
  const text = before + input.match.text + input.textAfter;
  const at = before.length;
  const commands = scriptIndex(text).commands;
  const fn = enclosingFunction(text, commands, at);
  if (fn === undefined) return undefined;
  const calls = callsOf(text, commands, fn);
  if (calls === undefined || calls.length === 0 || calls.length > MAX_LOOP_READINGS || !withinBudget(text, commands, fn, calls.length)) return undefined;
  const body = commands.filter((c) => c.offset > fn.open && c.offset < at);
  // `shift`, `set -- …` (or `source`, `eval`) before the publish: `$1` is no longer the call's (review of 2026-12-05).
  if (body.some(changesPositional)) return undefined;
  const aliases = parameterAliases(body);
  const { match } = input;
  const readings = calls.map((args) => {
    const put = (t: string): string => {
      let out = t.replace(/\$(?:([1-9])|\{([1-9])\})/g, (_m, a?: string, b?: string) => args[Number(a ?? b) - 1] ?? '');
      for (const [name, index] of aliases) out = out.replace(reference(name), args[index - 1] ?? '');
      return out;
    };
    const textBefore = text.slice(0, fn.open) + put(text.slice(fn.open, at));
    const read: TargetInput = { ...input, textBefore, match: { ...match, text: put(match.text), args: match.args.map(put) } };
    // The changes of directory, loops and place are read again from the new text.
    delete read.directoryChangesBefore;
    delete read.loopsBefore;
    delete read.scope;
    delete read.within;
    return hooks.resolve(read);
  });
  return mergeReadings(input, readings);
}

/**
 * Each reading splits the script again, once per publish of the body: a function with 1,000
 * publishes called 200 times took 75 s (review of 2026-12-05). The readings of all the body's
 * publishes together (its commands that say publish, at least one) stay under this many, in a
 * script of at most `MAX_READ_CHARS`; past that the publish keeps its unknown targets.
 */
const MAX_READINGS_PER_FUNCTION = 64;
const MAX_READ_CHARS = 200_000;

function withinBudget(text: string, commands: readonly ShellCommand[], fn: ShellFunction, calls: number): boolean {
  if (text.length > MAX_READ_CHARS) return false;
  const publishes = commands.filter((c) => c.offset > fn.open && c.offset < fn.close && c.text.includes('publish')).length;
  return calls * Math.max(1, publishes) <= MAX_READINGS_PER_FUNCTION;
}

/**
 * The functions a script's commands define, in order, with the offset of the defining command: read
 * once per split script (`scriptIndex` keeps one per text), not once per publish (10,000 publishes
 * in one step made that quadratic).
 */
const definedFunctions = new WeakMap<readonly ShellCommand[], (ShellFunction & { at: number })[]>();

function functionsOf(text: string, commands: readonly ShellCommand[]): (ShellFunction & { at: number })[] {
  const known = definedFunctions.get(commands);
  if (known) return known;
  const out: (ShellFunction & { at: number })[] = [];
  for (const cmd of commands) {
    const name = cmd.substitution ? undefined : functionDefined(text, cmd);
    if (name === undefined) continue;
    // The body: the first `{` after the name (and its `()`), nothing but blanks and newlines between.
    const open = /^(?:[ \t]*\([ \t]*\))?\s*\{/.exec(text.slice(cmd.offset + cmd.text.length));
    if (!open) continue;
    const start = cmd.offset + cmd.text.length + open[0].length - 1;
    out.push({ name, open: start, close: skipBalanced(text, start, text.length), at: cmd.offset });
  }
  definedFunctions.set(commands, out);
  return out;
}

/** The innermost `name() { … }` function whose body holds `at`. */
function enclosingFunction(text: string, commands: readonly ShellCommand[], at: number): ShellFunction | undefined {
  let found: ShellFunction | undefined;
  for (const fn of functionsOf(text, commands)) {
    if (fn.at >= at) break;
    if (fn.open < at && at < fn.close) found = { name: fn.name, open: fn.open, close: fn.close };
  }
  return found;
}

/** The arguments of each call of the function, outside its body; undefined when one is not literal or the name is used otherwise. */
function callsOf(text: string, commands: readonly ShellCommand[], fn: ShellFunction): string[][] | undefined {
  const calls: string[][] = [];
  const named = new RegExp(`(?:^|[^\\w.:-])${fn.name.replace(/[.]/g, '\\.')}(?![\\w.:-])`);
  for (const cmd of commands) {
    const inside = cmd.offset > fn.open && cmd.offset < fn.close;
    if (!inside && cmd.offset > fn.open && isDirectoryChange(cmd)) return undefined;
    if (!named.test(cmd.text) || functionDefined(text, cmd) === fn.name) continue;
    const words = cmd.words;
    let i = 0;
    while (i < words.length - 1 && BEFORE_CALL.has(words[i]!.value)) i++;
    const args = words.slice(i + 1);
    if (inside || cmd.substitution || words[i]?.value !== fn.name || args.some((w) => named.test(w.value))) return undefined;
    // A literal argument: written without expansions or globs (quotes allowed).
    if (!args.every((w) => PLAIN_VALUE.test(w.value) && !/[$`*?[]/.test(text.slice(w.offset, w.end)))) return undefined;
    calls.push(args.map((w) => w.value));
  }
  return calls;
}

/** The variables the body sets once, to a positional parameter (`local package_dir="$1"`): name → parameter number. */
function parameterAliases(body: readonly ShellCommand[]): Map<string, number> {
  const sets = new Map<string, number[]>();
  for (const cmd of body) {
    const words = cmd.words.map((w) => w.value);
    const from = ['local', 'declare', 'typeset', 'readonly', 'export'].includes(words[0] ?? '') ? 1 : 0;
    for (const w of words.slice(from)) {
      const m = /^([A-Za-z_]\w*)(\+?)=([\s\S]*)$/.exec(w);
      if (!m) {
        if (from === 0) break;
        continue;
      }
      const p = m[2] === '' ? PARAMETER.exec(m[3]!) : null;
      sets.set(m[1]!, [...(sets.get(m[1]!) ?? []), p ? Number(p[1] ?? p[2]) : 0]);
    }
    // `read x`, `for x in`, `x+=…`: the variable may change.
    if (words[0] === 'read' || words[0] === 'for') for (const w of words.slice(1)) sets.set(w, [...(sets.get(w) ?? []), 0]);
  }
  return new Map([...sets].filter(([, v]) => v.length === 1 && v[0]! > 0).map(([k, v]) => [k, v[0]!]));
}
