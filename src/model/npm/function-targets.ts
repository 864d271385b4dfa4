/**
 * A publish inside a shell function its script calls only with literal arguments
 * (Neko-Catpital-Labs/Invoker: `publish_if_missing() { local package_dir="$1"; …; npm publish
 * "${tarball}"; }`, then `publish_if_missing packages/npm-cli`, `publish_if_missing packages/npm-ui`):
 * read once per call, as a `for` loop is read once per value (./value-targets.ts `loopTargets`), with
 * the call's arguments put in for `$1`…`$9` and for the variables the body sets once to one of them
 * (`local package_dir="$1"`), in the publish and in the body's text before it. The targets stay
 * unknown (the body may return before the publish), their candidates the packages of the readings.
 *
 * The body runs where the function is called, not where it is defined: after a `cd`/`pushd`/`popd`
 * outside the body and after its definition (berenddeboer/ready-for-agent: `( cd apps/x;
 * publish_if_missing )`, survey904b F1), each call is read in its own place, the body put in for
 * the call and the definition left out, also for a publish whose targets were known where it is
 * defined (one call: that reading; more: unknown targets, their candidates). There a call
 * tp-doctor cannot follow (any reason below, or a call inside a function body) leaves the
 * directory unknown, never the definition's.
 *
 * Without such a `cd`, anything else keeps the unknown targets as they were: no `textAfter` (the calls are not known), a
 * body that is not a `{ … }` group, a call with an argument that is not literal (`$x`, `"$@"`, a
 * glob), a call from inside the body, the function's name anywhere else in the script (`export -f`,
 * `xargs -n1 f`, `bash -c 'f x'`), a `shift`, `set --`, `source` or `eval` in the body before the publish, no call, more than `MAX_LOOP_READINGS` calls, or more readings of the
 * body's publishes together than `MAX_READINGS_PER_FUNCTION`, or a script over `MAX_READ_CHARS`.
 */
import type { ShellCommand } from './shell.js';
import { functionDefined } from './shell-definitions.js';
import { changesPositional } from './positional-branches.js';
import { isDirectoryChange } from './shell-scope-walk.js';
import { functionsOf, type ShellFunction } from './shell-functions.js';
import { scriptIndex } from './script-index.js';
import { MAX_LOOP_READINGS, PLAIN_VALUE, mergeReadings, reference, type LoopHooks } from './value-targets.js';
import type { ResolvedTargets, TargetInput } from './targets.js';

/** Reserved words a call may follow in its command (`then f x`, `! f x`). */
const BEFORE_CALL: ReadonlySet<string> = new Set(['!', 'then', 'else', 'do', 'if', 'elif', 'while', 'until']);
/** What a function's definition holds: `name()`, `name ( )`, `function name`. */
const DEFINES_FUNCTION = /\(\s*\)|\bfunction\b/;
/** `$1`…`$9`, `${1}`…: a positional parameter, the whole value. */
const PARAMETER = /^\$(?:([1-9])|\{([1-9])\})$/;

/** The targets of a publish in a function called with literal arguments (see the file comment); undefined when it is not one. */
export function functionTargets(input: TargetInput, hooks: LoopHooks, once: ResolvedTargets): ResolvedTargets | undefined {
  const before = input.textBefore;
  if (before === undefined || input.textAfter === undefined || input.viaAction || input.match.action) return undefined;
  // A known publish is read again only in a function body: not with no definition before it (10,000 publish lines).
  if (once.targets.kind !== 'unknown' && !DEFINES_FUNCTION.test(before)) return undefined;
  const text = before + input.match.text + input.textAfter;
  const at = before.length;
  const commands = scriptIndex(text).commands;
  const fn = enclosingFunction(text, commands, at);
  if (fn === undefined) return undefined;
  // A `cd` outside the body after its definition: the body runs where it is called, not where it is defined.
  const moves = commands.some((c) => c.offset >= fn.close && isDirectoryChange(c));
  if (!moves && once.targets.kind !== 'unknown') return undefined;
  const unread = (): ResolvedTargets | undefined => (moves ? elsewhere(input, hooks) : undefined);
  const calls = callsOf(text, commands, fn);
  if (calls === undefined || calls.length === 0 || calls.length > MAX_LOOP_READINGS || !withinBudget(text, commands, fn, calls.length)) return unread();
  const body = commands.filter((c) => c.offset > fn.open && c.offset < at);
  // `shift`, `set -- …` (or `source`, `eval`) before the publish: `$1` is no longer the call's (review of 2026-12-05).
  if (body.some(changesPositional)) return unread();
  // Each call read where it stands (its `cd`s), only when none is in a function body (whose own directory is its caller's).
  const functions = functionsOf(text, commands);
  if (moves && calls.some((c) => c.start < fn.close || functions.some((f) => f.open < c.start && c.start < f.close))) return unread();
  const aliases = parameterAliases(body);
  const { match } = input;
  const readings = calls.map((call) => {
    const put = (t: string): string => {
      let out = t.replace(/\$(?:([1-9])|\{([1-9])\})/g, (_m, a?: string, b?: string) => call.args[Number(a ?? b) - 1] ?? '');
      for (const [name, index] of aliases) out = out.replace(reference(name), call.args[index - 1] ?? '');
      return out;
    };
    const read: TargetInput = { ...input, match: { ...match, text: put(match.text), args: match.args.map(put) } };
    if (moves) {
      // The body put in for the call, the function's definition left out.
      read.textBefore = text.slice(0, fn.at) + text.slice(fn.close, call.start) + put(text.slice(fn.open, at));
      read.textAfter = put(text.slice(at + match.text.length, fn.close)) + text.slice(call.end);
    } else read.textBefore = text.slice(0, fn.open) + put(text.slice(fn.open, at));
    // The changes of directory, loops and place are read again from the new text.
    delete read.directoryChangesBefore;
    delete read.loopsBefore;
    delete read.scope;
    delete read.within;
    return hooks.resolve(read);
  });
  return once.targets.kind !== 'unknown' && readings.length === 1 ? readings[0] : mergeReadings(input, readings);
}

/** A publish whose function's calls tp-doctor cannot follow, after a `cd`: its directory is unknown, not the definition's. */
function elsewhere(input: TargetInput, hooks: LoopHooks): ResolvedTargets {
  const read: TargetInput = { ...input, directory: undefined };
  delete read.absoluteDirectory;
  return hooks.resolve(read);
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

/** The innermost `name() { … }` function whose body holds `at`. */
function enclosingFunction(text: string, commands: readonly ShellCommand[], at: number): ShellFunction | undefined {
  let found: ShellFunction | undefined;
  for (const fn of functionsOf(text, commands)) {
    if (fn.at >= at) break;
    if (fn.open < at && at < fn.close) found = fn;
  }
  return found;
}

/** One call of a function: its literal arguments, and where its words start (the name) and end in the script. */
interface FunctionCall {
  args: string[];
  start: number;
  end: number;
}

/** The arguments of each call of the function, outside its body; undefined when one is not literal or the name is used otherwise. */
function callsOf(text: string, commands: readonly ShellCommand[], fn: ShellFunction): FunctionCall[] | undefined {
  const calls: FunctionCall[] = [];
  const named = new RegExp(`(?:^|[^\\w.:-])${fn.name.replace(/[.]/g, '\\.')}(?![\\w.:-])`);
  for (const cmd of commands) {
    const inside = cmd.offset > fn.open && cmd.offset < fn.close;
    if (!named.test(cmd.text) || functionDefined(text, cmd) === fn.name) continue;
    const words = cmd.words;
    let i = 0;
    while (i < words.length - 1 && BEFORE_CALL.has(words[i]!.value)) i++;
    const args = words.slice(i + 1);
    if (inside || cmd.substitution || words[i]?.value !== fn.name || args.some((w) => named.test(w.value))) return undefined;
    // A literal argument: written without expansions or globs (quotes allowed).
    if (!args.every((w) => PLAIN_VALUE.test(w.value) && !/[$`*?[]/.test(text.slice(w.offset, w.end)))) return undefined;
    calls.push({ args: args.map((w) => w.value), start: words[i]!.offset, end: cmd.offset + cmd.text.length });
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
