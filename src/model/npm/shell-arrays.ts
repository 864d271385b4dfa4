/**
 * Bash arrays a script fills with literal words and then expands in a command (TryGhost/algolia):
 *
 * ```bash
 * args=(release publish "--projects=$PROJECTS")
 * if [[ "$DRY_RUN" == "true" ]]; then args+=(--dry-run); fi
 * pnpm nx "${args[@]}"
 * ```
 *
 * The command's words are read with the array's words put in (`commandWords`): `"${name[@]}"` as
 * one word per element, `${name[@]}` and `${name[*]}` split again at blanks, `"${name[*]}"` as one
 * word (the elements joined by a space). Only for a script bash runs (`RecognizeContext.bash`: `sh`
 * has no arrays), and only from assignments of the same shell before the command, walked like a
 * `cd` (./shell-scope-walk.ts): `name=(...)`, `name+=(...)` (also after `declare -a`, `local`,
 * `typeset`, `readonly`, `export`), in a branch, a loop or after `&&` / `||` only sometimes, in a
 * subshell or a pipeline never for the commands after it.
 *
 * The words of an assignment are as the splitter reads any command's words: one that is not
 * literal (`"--projects=$PROJECTS"`) stays as written, as it would in the command itself. Words an
 * `args+=(...)` that may not run appends are left out and the expansion is `unsure`: the command
 * is then read without them (a `--dry-run` appended in an `if` does not make the publish
 * disappear; it becomes a likely one). Anything else that may set the array (`args=x`, `unset
 * args`, `read -a args`, `mapfile args`, `declare -A`, `eval`, `source`, two branches that set
 * different words) makes it unknown: its references stay as written.
 */
import { splitCommands, type ShellCommand, type ShellWord } from './shell.js';
import { ScopeWalk } from './shell-scope-walk.js';
import { setsAnyVariable, SETTER_WORD, type ScriptPlace } from './shell-definitions.js';
import { settingWords } from './shell-setters.js';

/** Elements of one array kept at most: a longer one is unknown. */
export const MAX_ARRAY_WORDS = 64;
/** Characters between the parentheses of an array assignment read at most. */
const MAX_LITERAL_CHARS = 4096;

/** An array's words; `unsure` when an append that may not have run was left out. */
interface ArrayValue {
  readonly words: readonly string[];
  readonly unsure: boolean;
}

/** The arrays known at a place, by name; a name missing is unknown (never set, or set in a way not read). */
type Arrays = ReadonlyMap<string, ArrayValue>;

const NONE: Arrays = new Map();

/** `"${name[@]}"`, `${name[@]}`, `${name[*]}`, `"${name[*]}"` as a whole word. */
const REFERENCE = /^("?)\$\{([A-Za-z_]\w*)\[([@*])\]\}("?)$/;
/** An assignment of an array literal: `name=(...)`, `name+=(...)`. */
const ARRAY_ASSIGNMENT = /^([A-Za-z_]\w*)(\+?)=\(([\s\S]*)\)$/;
const SCALAR_ASSIGNMENT = /^[A-Za-z_]\w*\+?=/;
/** Builtins an array assignment may follow. */
const DECLARING: ReadonlySet<string> = new Set(['declare', 'typeset', 'local', 'readonly', 'export']);
/** Their options that keep the words as written (`-A` makes an associative array, `-i`, `-l`, `-u` change the values). */
const KEEPING_OPTIONS = /^-[agrx]+$/;
/** Reserved words a command may follow on its line (`then args+=(x)`). */
const LEADING: ReadonlySet<string> = new Set(['!', 'then', 'else', 'do', 'time']);

/** The words of a command as bash runs them, with the arrays its script sets put in. */
export interface CommandWords {
  words: string[];
  /** An array put in may hold more words than read (an append that may not have run). */
  unsure: boolean;
}

/**
 * The words of `cmd` (split from the text `place` is in) with each reference to an array that the
 * script sets before it put in, when `bash` runs the script; its words as split otherwise.
 */
export function commandWords(cmd: ShellCommand, place: ScriptPlace, bash: boolean | undefined): CommandWords {
  const plain = cmd.words.map((w) => w.value);
  if (bash !== true || !cmd.words.some((w) => w.value.endsWith('@]}') || w.value.endsWith('*]}'))) return { words: plain, unsure: false };
  const arrays = arraysAt(place.text).get(place.offset);
  if (arrays === undefined || arrays.size === 0) return { words: plain, unsure: false };
  const words: string[] = [];
  let unsure = false;
  for (const word of cmd.words) {
    const raw = place.text.slice(place.offset - cmd.offset + word.offset, place.offset - cmd.offset + word.end);
    const m = REFERENCE.exec(raw);
    const value = m && m[1] === m[4] ? arrays.get(m[2]!) : undefined;
    if (value === undefined) {
      words.push(word.value);
      continue;
    }
    unsure ||= value.unsure;
    if (m![1] === '"') words.push(...(m![3] === '@' ? value.words : [value.words.join(' ')]));
    else words.push(...value.words.flatMap((w) => w.split(/[ \t\n]+/).filter((part) => part !== '')));
  }
  return { words, unsure };
}

/** Scripts remembered at most (the model reads the same few scripts in a row). */
const MAX_CACHED = 64;
const cache = new Map<string, ReadonlyMap<number, Arrays>>();

/** The arrays known where each command of `text` that references one stands, by the command's offset (one walk per script). */
function arraysAt(text: string): ReadonlyMap<number, Arrays> {
  const known = cache.get(text);
  if (known) return known;
  const out = new Map<number, Arrays>();
  if (text.includes('=(')) {
    const walk = new ScopeWalk<Arrays>(NONE, joinArrays);
    for (const cmd of splitCommands(text)) {
      if (cmd.words.some((w) => REFERENCE.test(w.value))) out.set(cmd.offset, walk.at(cmd));
      const change = changeOf(text, cmd);
      if (change !== undefined) walk.step(cmd, change);
    }
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(text, out);
  return out;
}

/** What a command does to the arrays, when it may change one; undefined when it changes none. */
function changeOf(text: string, cmd: ShellCommand): ((arrays: Arrays) => Arrays) | undefined {
  if (setsAnyVariable(text, cmd)) return () => NONE;
  const words = withoutLeading(cmd.words);
  const assigned = assignments(text, words);
  // The words that may set a variable (./shell-setters.ts): not an argument of another program (`echo args`).
  const touched = settingWords(text, cmd).flatMap((w) => SETTER_WORD.exec(w.value)?.[1] ?? []);
  if (touched.length === 0) return undefined;
  const before = operatorBefore(text, cmd.offset);
  // `x | args+=(y)`: a pipeline's commands run in subshells of their own.
  if (before === '|') return undefined;
  const apply = (arrays: Arrays): Arrays => {
    const next = new Map(arrays);
    for (const name of touched) next.delete(name);
    for (const a of assigned ?? []) {
      const base = a.append ? arrays.get(a.name) : { words: [], unsure: false };
      const words = base && a.words && [...base.words, ...a.words];
      if (base && words && words.length <= MAX_ARRAY_WORDS && touched.filter((n) => n === a.name).length === 1) next.set(a.name, { words, unsure: base.unsure });
    }
    return next;
  };
  // `[ -n "$TAG" ] && args+=(--tag "$TAG")`: it may not run.
  return before === '&&' || before === '||' ? (arrays) => joinArrays(arrays, apply(arrays)) : apply;
}

/** The words after the reserved words the command follows on its line. */
function withoutLeading(words: readonly ShellWord[]): readonly ShellWord[] {
  let i = 0;
  while (i < words.length - 1 && LEADING.has(words[i]!.value)) i++;
  return words.slice(i);
}

/** The array assignments of a command that only assigns (`args=(a b)`, `declare -a args=(a b)`), with their literal words; undefined for another command. */
function assignments(text: string, words: readonly ShellWord[]): { name: string; append: boolean; words: string[] | undefined }[] | undefined {
  let i = 0;
  if (words[0] !== undefined && DECLARING.has(words[0].value)) {
    i = 1;
    while (words[i] !== undefined && words[i]!.value.startsWith('-')) if (!KEEPING_OPTIONS.test(words[i++]!.value)) return undefined;
  }
  const out: { name: string; append: boolean; words: string[] | undefined }[] = [];
  for (const word of words.slice(i)) {
    const m = ARRAY_ASSIGNMENT.exec(text.slice(word.offset, word.end));
    if (m !== null) out.push({ name: m[1]!, append: m[2] === '+', words: literalWords(m[3]!) });
    // Another assignment (`X=1`), or a name a builtin declares (`local args`): what it sets is unknown (`changeOf`).
    else if (i === 0 && !SCALAR_ASSIGNMENT.test(word.value)) return undefined;
  }
  return out;
}

/** The words between an array assignment's parentheses, as the splitter reads a command's; undefined when they are not plain words. */
function literalWords(inner: string): string[] | undefined {
  if (inner.length > MAX_LITERAL_CHARS) return undefined;
  const commands = splitCommands(inner).filter((c) => !c.substitution);
  if (commands.some((c) => c.nested || c.heredocs !== undefined || c.outputs !== undefined)) return undefined;
  const words = commands.flatMap((c) => c.words.map((w) => w.value));
  return words.length <= MAX_ARRAY_WORDS ? words : undefined;
}

/** The operator just before the command at `offset` (`&&`, `||`, `|`), else undefined. */
function operatorBefore(text: string, offset: number): string | undefined {
  let i = offset;
  while (i > 0 && /[ \t\r\n\\]/.test(text[i - 1]!)) i--;
  const two = text.slice(Math.max(0, i - 2), i);
  if (two === '&&' || two === '||') return two;
  return text[i - 1] === '|' ? '|' : undefined;
}

/** What holds after one of two ways: the arrays both know, with the words of the shorter where one extends the other (then `unsure`). */
function joinArrays(a: Arrays, b: Arrays): Arrays {
  if (a === b) return a;
  const out = new Map<string, ArrayValue>();
  for (const [name, x] of a) {
    const y = b.get(name);
    if (y === undefined) continue;
    const [short, long] = x.words.length <= y.words.length ? [x, y] : [y, x];
    if (!short.words.every((w, i) => w === long.words[i])) continue;
    out.set(name, { words: short.words, unsure: x.unsure || y.unsure || short.words.length !== long.words.length });
  }
  return out;
}
