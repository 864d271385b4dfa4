/**
 * What a shell script defines for its own later commands, read from its split commands (shell.ts):
 *
 * - the functions it defines (`name() { ...; }`, `name () {`, `function name {`, `function name()
 *   {`): the splitter reads a function's body as commands of the script where it is written, so its
 *   publishes are found there, and a call of it (`add "pacquet" pnpm/npm/pnpm/package.json`) is no
 *   command tp-doctor cannot read;
 * - the value of a variable it sets once, to a literal, at its top level (`registry=https://...`,
 *   read where a publish flag names it, `--registry "$registry"`, or a registry write, `npm config set
 *   registry "$registry"`: ./registry-writes.ts), or to literal text and references
 *   to earlier such variables (`registry_local="http://${registry_addr}"`), expanded; or, in a
 *   committed script, to the script's own directory (`DIR="$(dirname "$0")"`: `scriptDirReference`).
 *
 * Both answer for one script text: a `run:` block, a `package.json` script, a committed shell
 * script, or a GitLab job's `before_script` and `script` lines, which one shell runs in order
 * (`RecognizeContext.shellScript`).
 */
import { splitCommands, stripPrefixes, type ShellCommand, type ShellWord } from './shell.js';
import { enclosingString } from './shell-scan.js';
import { SETS_BY_ARGUMENT, settingWords } from './shell-setters.js';

/** A command of a script: the whole script text and the command's span in it. */
export interface ScriptPlace {
  text: string;
  offset: number;
  end: number;
}

/** A function name as `name()` defines it (bash also takes `.`, `:` and `-`). */
const FUNCTION_NAME = /^[A-Za-z_][\w.:-]*$/;
/** The `()` after a function's name. */
const PARENS = /[ \t]*\([ \t]*\)/y;
/** Reserved words a function call may follow in its command (`then add x`, `! add x`). */
const BEFORE_CALL: ReadonlySet<string> = new Set(['!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', 'time']);
const ASSIGNMENT = /^[A-Za-z_]\w*\+?=/;
/** A value an assignment writes without any expansion: plain characters, or one quoted string without `$`, backticks or escapes. */
const LITERAL_VALUE = /^(?:[^\s$`\\'"~*?[\](){}<>;&|]+|'[^']+'|"[^"$`\\]+")$/;
/** Builtins that run what their arguments say (`eval`, `source`): they may set any variable. */
const RUNS_TEXT: ReadonlySet<string> = new Set(['eval', 'source', '.']);
/** Builtins whose `-n` makes a name reference, through which any variable may be set. */
const DECLARES: ReadonlySet<string> = new Set(['declare', 'typeset', 'local']);
/**
 * A word that may set the variable it starts with: `name=`, `name+=`, `name[`, or the bare name (as
 * `read name`, `for name in`, `export name`, `unset name` and `printf -v name` write it), among the
 * words of a command that may set one (./shell-setters.ts `settingWords`: not `npm set registry x`).
 */
export const SETTER_WORD = /^([A-Za-z_]\w*)(?:$|\+?=|\[)/;
/** `${name=x}` and `${name:=x}`, which set `name` when it is unset (or empty). */
const DEFAULT_ASSIGNMENT = /\$\{([A-Za-z_]\w*):?=/g;

/**
 * How deep references between variables are followed, at most: `a="http://${b}"` with `b="${c}:${d}"`
 * and `c`, `d` literals is 2 deep (raineorshine/npm-check-updates test/e2e.sh).
 */
export const MAX_EXPANSION_DEPTH = 4;
/** The characters of an expanded value, at most: a longer one is left unknown. */
export const MAX_EXPANDED_CHARS = 1024;

/** A variable's value as its one assignment gives it, with how deep its references go (0: none). */
interface Expanded {
  value: string;
  height: number;
}

/** What is remembered of a variable's value: expanded, unknown, or too deep for `deepAt` levels or fewer. */
type Remembered = Expanded | { unknown: true } | { deepAt: number };

/** What one pass over a script's commands finds (`definitionsOf`). */
interface Definitions {
  /** The names of the functions it defines, anywhere in it. */
  functions: ReadonlySet<string>;
  /** Per variable name, the words that may set it: how many, and the first. */
  setters: ReadonlyMap<string, { count: number; cmd: ShellCommand; word: ShellWord }>;
  /** Something may set any variable: `eval`, `source`, a name reference (`declare -n`). */
  setsAny: boolean;
  /** Where the first such command starts (`Infinity`: none). */
  firstSetsAny: number;
  /** Those commands, in order. */
  anySetters: readonly ShellCommand[];
  /** Names a `${name=x}` or `${name:=x}` expansion may set. */
  defaulted: ReadonlySet<string>;
  /** The values worked out so far (`expandedValue`): each depends on the script only, not on where it is read. */
  values: Map<string, Remembered>;
}

/** Scripts remembered at most (the model asks about the same few scripts in a row). */
const MAX_CACHED = 64;
const cache = new Map<string, Definitions>();

/** The definitions of a script, in one pass over its commands (cached by text: a script may hold thousands of publishes). */
function definitionsOf(text: string): Definitions {
  const known = cache.get(text);
  if (known) return known;
  const functions = new Set<string>();
  const setters = new Map<string, { count: number; cmd: ShellCommand; word: ShellWord }>();
  let setsAny = false;
  let firstSetsAny = Infinity;
  const anySetters: ShellCommand[] = [];
  for (const cmd of splitCommands(text)) {
    const any = setsAnyVariable(text, cmd);
    if (any && !setsAny) firstSetsAny = cmd.offset;
    if (any) anySetters.push(cmd);
    setsAny ||= any;
    const name = functionDefined(text, cmd);
    if (name !== undefined) functions.add(name);
    for (const word of settingWords(text, cmd)) {
      const target = SETTER_WORD.exec(word.value)?.[1];
      if (target === undefined) continue;
      const seen = setters.get(target);
      if (seen) seen.count++;
      else setters.set(target, { count: 1, cmd, word });
    }
  }
  const defaulted = new Set([...text.matchAll(DEFAULT_ASSIGNMENT)].map((m) => m[1]!));
  const definitions: Definitions = { functions, setters, setsAny, firstSetsAny, anySetters, defaulted, values: new Map() };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(text, definitions);
  return definitions;
}

/** The command may set any variable: `eval`, `source`, a name reference (`declare -n`), a name the shell computes (`export "$k=$v"`). */
export function setsAnyVariable(text: string, cmd: ShellCommand): boolean {
  const runs = stripPrefixes(cmd.words)[0]?.value ?? '';
  return RUNS_TEXT.has(runs) || (DECLARES.has(runs) && cmd.words.some((w) => /^-\w*n/.test(w.value))) || setsComputedName(text, cmd, runs);
}

/** A builtin of `SETS_BY_ARGUMENT` given a name the shell computes: what it sets is unknown. */
function setsComputedName(text: string, cmd: ShellCommand, runs: string): boolean {
  // `printf` sets a variable only with `-v` (`printf '%s' "$x"` prints).
  if (!SETS_BY_ARGUMENT.has(runs) || (runs === 'printf' && !cmd.words.some((w) => w.value === '-v'))) return false;
  return cmd.words.some((w) => {
    const raw = text.slice(w.offset, w.end);
    const name = raw.includes('=') ? raw.slice(0, raw.indexOf('=')) : raw;
    return name.includes('$') || name.includes('`');
  });
}

/** The function a command defines: `name` before `()`, or `function name`. */
export function functionDefined(text: string, cmd: ShellCommand): string | undefined {
  const [first, second] = cmd.words;
  if (!first || !unquoted(text, first)) return undefined;
  if (cmd.words.length === 2 && second && first.value === 'function') return FUNCTION_NAME.test(second.value) ? second.value : undefined;
  if (cmd.words.length !== 1 || !FUNCTION_NAME.test(first.value)) return undefined;
  PARENS.lastIndex = first.end;
  return PARENS.test(text) ? first.value : undefined;
}

/** The names of the functions a script defines, anywhere in it. */
export function definedFunctions(text: string): ReadonlySet<string> {
  return definitionsOf(text).functions;
}

/**
 * True when a command (`words`, as split) calls a function its script defines: its name comes first,
 * after assignments and reserved words only (`sudo add`, `command add` run a program instead).
 */
export function callsDefinedFunction(words: readonly string[], place: ScriptPlace | undefined): boolean {
  if (place === undefined) return false;
  const name = words.find((w) => !ASSIGNMENT.test(w) && !BEFORE_CALL.has(w));
  return name !== undefined && FUNCTION_NAME.test(name) && definedFunctions(place.text).has(name);
}

/** `$name` or `${name}`, the whole value (quotes already removed by the splitter). */
const VARIABLE_REFERENCE = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})$/;

/**
 * The literal a value stands for when it is nothing but a reference to a variable (`$registry`,
 * `${registry}`, `"$registry"`) that the command's script sets exactly once (`literalVariable`) before
 * the command, and that the shell expands in the command (not `'$registry'` or `\$registry`).
 * Undefined otherwise: anything less certain is left to the caller as unknown.
 */
export function resolveVariable(value: string, place: ScriptPlace | undefined): string | undefined {
  const name = referencedName(value);
  if (place === undefined || name === undefined || !expandedIn(place, name)) return undefined;
  return literalVariable(place.text, name, place.offset);
}

/** The variable a value is nothing but a reference to (`$registry`, `${registry}`), if it is one. */
function referencedName(value: string): string | undefined {
  const match = VARIABLE_REFERENCE.exec(value);
  return match?.[1] ?? match?.[2];
}

/**
 * `resolveVariable` for a value the shell expands outside the command's own words (a line of an
 * unquoted heredoc the command reads, `cat <<EOF > .npmrc`): the same definitions, from `place.offset`.
 */
export function resolveExpandedVariable(value: string, place: ScriptPlace): string | undefined {
  const name = referencedName(value);
  return name === undefined ? undefined : literalVariable(place.text, name, place.offset);
}

/** Every reference to `name` in the command is expanded by the shell: none in single quotes or escaped. */
function expandedIn(place: ScriptPlace, name: string): boolean {
  const command = place.text.slice(place.offset, place.end);
  const reference = new RegExp(String.raw`\$(?:${name}(?!\w)|\{${name}\})`, 'g');
  let seen = false;
  for (const m of command.matchAll(reference)) {
    if (command[m.index - 1] === '\\' || enclosingString(command, m.index)?.quote === "'") return false;
    seen = true;
  }
  return seen;
}

/**
 * The value a script gives `name` when exactly one word in it may set the variable (`SETTER_WORD`),
 * and that word is an assignment (`name=value`, `export name=value`, `readonly name=value`) in a
 * command of its own, at the script's top level, ending before `before`, of a literal or of literal
 * text and references to variables set the same way before it (`registry_local="http://${addr}"`),
 * expanded (`expandedValue`: `MAX_EXPANSION_DEPTH` deep, `MAX_EXPANDED_CHARS` long at most).
 * Undefined when anything else may set one of them: `${name:=x}`, `eval`, `source`, a name reference.
 */
export function literalVariable(text: string, name: string, before: number): string | undefined {
  const definitions = definitionsOf(text);
  const setter = setOnce(definitions, name);
  if (setter === undefined || setter.cmd.offset + setter.cmd.text.length > before) return undefined;
  const found = expandedValue(text, definitions, name, MAX_EXPANSION_DEPTH);
  return typeof found === 'object' ? found.value : undefined;
}

/** The one word that may set `name`, when nothing else may (no `eval`, `source`, `${name:=x}`). */
function setOnce(definitions: Definitions, name: string): { cmd: ShellCommand; word: ShellWord } | undefined {
  const setter = definitions.setters.get(name);
  return definitions.setsAny || definitions.defaulted.has(name) || setter?.count !== 1 ? undefined : setter;
}

/**
 * The value `name` gets from its one assignment wherever it is read, its references expanded
 * with `depth` levels left; `deep` when they go deeper. Remembered per script: a variable's value
 * does not depend on where it is read, and each is worked out once (a few times when too deep).
 */
function expandedValue(text: string, definitions: Definitions, name: string, depth: number): Expanded | 'unknown' | 'deep' {
  const known = definitions.values.get(name);
  if (known !== undefined) {
    if ('value' in known) return known.height <= depth ? known : 'deep';
    if ('unknown' in known) return 'unknown';
    if (depth <= known.deepAt) return 'deep';
  }
  const found = assignedValue(text, definitions, name, depth);
  definitions.values.set(name, found === 'deep' ? { deepAt: depth } : found === 'unknown' ? { unknown: true } : found);
  return found;
}

function assignedValue(text: string, definitions: Definitions, name: string, depth: number): Expanded | 'unknown' | 'deep' {
  const setter = setOnce(definitions, name);
  const raw = setter && assignedText(text, setter.cmd, setter.word, name);
  if (setter === undefined || raw === undefined) return 'unknown';
  if (LITERAL_VALUE.test(raw)) return { value: setter.word.value.slice(name.length + 1), height: 0 };
  const parts = valueParts(raw);
  if (parts === undefined) return 'unknown';
  let value = '';
  let height = 0;
  for (const part of parts) {
    const found = typeof part === 'string' ? { value: part, height: -1 } : referencedValue(text, definitions, part.name, setter.cmd, depth);
    if (typeof found !== 'object') return found;
    value += found.value;
    height = Math.max(height, found.height + 1);
    if (value.length > MAX_EXPANDED_CHARS) return 'unknown';
  }
  return value === '' ? 'unknown' : { value, height };
}

/** The value of a variable another assignment (`by`) references, set before it (never by it: `a="$a/x"`), so references cannot go round. */
function referencedValue(text: string, definitions: Definitions, name: string, by: ShellCommand, depth: number): Expanded | 'unknown' | 'deep' {
  const inner = setOnce(definitions, name);
  if (inner === undefined || inner.cmd.offset + inner.cmd.text.length > by.offset) return 'unknown';
  return depth <= 0 ? 'deep' : expandedValue(text, definitions, name, depth - 1);
}

/** The text an assignment of `name` writes, as written, when it is one the script's later commands see whatever runs. */
function assignedText(text: string, cmd: ShellCommand, word: ShellWord, name: string): string | undefined {
  if (cmd.nested || cmd.substitution) return undefined;
  const [first] = cmd.words;
  const builtin = first !== undefined && (first.value === 'export' || first.value === 'readonly') && unquoted(text, first);
  // Assignments only (`a=1 name=x`): before a command (`name=x npm publish`) they are its environment.
  const assignments = cmd.words.slice(builtin ? 1 : 0);
  if (!assignments.every((w) => ASSIGNMENT.test(w.value) && text.startsWith(w.value.slice(0, w.value.indexOf('=') + 1), w.offset))) return undefined;
  const raw = text.slice(word.offset, word.end);
  return raw.startsWith(`${name}=`) ? raw.slice(name.length + 1) : undefined;
}

/** The script's own path as the shell knows it: `$0`, `${0}`, `$BASH_SOURCE`, `${BASH_SOURCE[0]}`. */
const SELF = String.raw`(?:\$0|\$\{0\}|\$BASH_SOURCE|\$\{BASH_SOURCE(?:\[0\])?\})`;
/** That path, or its target (`$(readlink -f "$0")`, `$(realpath "$0")`). */
const SELF_REAL = String.raw`(?:${SELF}|\$\((?:readlink -f|realpath) (?:-- )?${SELF}\))`;
const DIRNAME = String.raw`\$\(dirname (?:-- )?${SELF_REAL}\)`;
/**
 * The common ways of writing "the directory of this script", quotes removed and spaces collapsed:
 * `$(dirname "$0")`, `$(dirname "$(readlink -f "$0")")`, `$(realpath "$(dirname "$0")")`,
 * `$(cd "$(dirname "$0")" && pwd)` (also `pwd -P`, `cd --`, `&> /dev/null`), each also with
 * `${BASH_SOURCE[0]}`.
 */
const SCRIPT_DIR = new RegExp(
  String.raw`^(?:${DIRNAME}|\$\((?:readlink -f|realpath) ${DIRNAME}\)|\$\(cd (?:-- )?${DIRNAME}(?: (?:&>|>|1>) ?/dev/null(?: 2>&1)?)?(?: &&|;| ;) pwd(?: -P)?\))$`,
);

/** An assignment's value as `SCRIPT_DIR` reads it: no double quotes, backticks as `$(…)`, single spaces. */
function scriptDirForm(raw: string): string {
  const text = raw.replace(/"/g, '').replace(/^`([^`]*)`$/, '$$($1)');
  return text.replace(/\s+/g, ' ').replace(/\$\( /g, '$$(').replace(/ \)/g, ')').trim();
}

/**
 * For a word of a committed script's command that starts with a variable the script sets once, at
 * its top level and before the command, to its own directory (`SCRIPTS_DIR="$(dirname "$(readlink
 * -f "$0")")"`, then `"$SCRIPTS_DIR/circle-publish-npm"`, palantir/documentalist), the rest of the
 * word after the variable (`/circle-publish-npm`; `` for the variable alone). Undefined otherwise.
 * Only the caller knows that the text is a committed script file (in a `run:` block `$0` is the shell).
 */
export function scriptDirReference(value: string, place: ScriptPlace | undefined, sourced?: SourcedFile): string | undefined {
  const match = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})(?=\/|$)/.exec(value);
  const name = match?.[1] ?? match?.[2];
  if (place === undefined || match === null || name === undefined || !expandedIn(place, name)) return undefined;
  // A `source`/`eval` from the command on (`source "$DIR/lib.sh"` itself) has not run before it.
  const definitions = definitionsOf(place.text);
  const setter = definitions.setters.get(name);
  const before = definitions.anySetters.filter((c) => c.offset < place.offset);
  if (!before.every((c) => sourcesLibrary(c, name, sourced)) || definitions.defaulted.has(name) || setter?.count !== 1) return undefined;
  if (setter.cmd.offset + setter.cmd.text.length > place.offset) return undefined;
  const raw = assignedText(place.text, setter.cmd, setter.word, name);
  return raw !== undefined && SCRIPT_DIR.test(scriptDirForm(raw)) ? value.slice(match[0].length) : undefined;
}

/** Reads a committed file by its path after the script's own directory variable (`/lib/robust-bash.sh`); undefined when it cannot. */
export type SourcedFile = (rest: string) => string | undefined;

/**
 * `. "$SCRIPT_DIR"/lib/robust-bash.sh` (pact-foundation/pact-js): a `source` of a committed file
 * below the script's own directory, read, that neither names the variable nor sources or evals
 * anything itself, leaves the variable as it was.
 */
function sourcesLibrary(cmd: ShellCommand, name: string, sourced: SourcedFile | undefined): boolean {
  const words = stripPrefixes(cmd.words).map((w) => w.value);
  if (sourced === undefined || words.length !== 2 || (words[0] !== '.' && words[0] !== 'source')) return false;
  const rest = new RegExp(String.raw`^\$(?:${name}|\{${name}\})(/.+)$`).exec(words[1] ?? '')?.[1];
  const text = rest === undefined ? undefined : sourced(rest);
  if (text === undefined) return false;
  const inner = definitionsOf(text);
  return inner.anySetters.length === 0 && !inner.setters.has(name) && !inner.defaulted.has(name);
}

/** Unquoted characters that stand for themselves in an assignment (no expansion, tilde, glob or operator). */
const PLAIN = /[^\s$`\\'"~*?[\](){}<>;&|]+/y;
const SINGLE_QUOTED = /'([^']*)'/y;
/** Characters inside double quotes that stand for themselves. */
const PLAIN_QUOTED = /[^"$`\\]+/y;
/** `$name` or `${name}`, nothing more (`${name:-x}`, `$1`, `$(...)` are not read). */
const REFERENCE = /\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})/y;

/**
 * A value as written, as literal text and variable references (`http://"${host}:$port"`): plain
 * characters, single-quoted strings and double-quoted ones holding only text and references.
 * Undefined for anything else: an escape, a command substitution, a parameter operator, a glob.
 */
function valueParts(raw: string): (string | { name: string })[] | undefined {
  const parts: (string | { name: string })[] = [];
  let at = 0;
  let quoted = false;
  const take = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = at;
    const m = pattern.exec(raw);
    if (m) at = pattern.lastIndex;
    return m;
  };
  while (at < raw.length) {
    if (raw[at] === '"') {
      quoted = !quoted;
      at++;
      continue;
    }
    const reference = take(REFERENCE);
    if (reference) {
      parts.push({ name: reference[1] ?? reference[2]! });
      continue;
    }
    const text = quoted ? take(PLAIN_QUOTED)?.[0] : (take(PLAIN)?.[0] ?? take(SINGLE_QUOTED)?.[1]);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  return quoted ? undefined : parts;
}

/** The word is written as its value: no quotes, no escapes. */
function unquoted(text: string, word: ShellWord): boolean {
  return word.end - word.offset === word.value.length && text.startsWith(word.value, word.offset);
}
