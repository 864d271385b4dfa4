/**
 * A `make` command line (`make [options] [NAME=value ...] [goal ...]`, also `gmake`), read as GNU
 * make reads it (the options in ../data/make.ts), and the text a recipe line becomes once make has
 * put its variables in (`expandMake`). ./make-runs.ts follows the run into the makefile.
 */
import { MAKE_BUILTIN_VALUES, MAKE_OPTIONS, type MakeOption } from '../data/make.js';

/** What a make run hands to the makes its recipes start (`MAKEFLAGS`), and what tp-doctor keeps of the way there. */
export interface MakeFlags {
  /** `-n`, `-t` or `-q`: only `+` lines and lines that write `$(MAKE)` run. */
  dry: boolean;
  /** `-e`: the environment overrides the makefile's own variables. */
  environment: boolean;
  /** Command-line variables: a literal value, or undefined for one tp-doctor cannot read. */
  vars: ReadonlyMap<string, string | undefined>;
  /** A make on the way ran in another directory (`-C`): where its recipes run is not placed in the text that ran it. */
  moved: boolean;
}

/** One `make` command. */
export interface MakeRun {
  /** `-C` directories, in order, each relative to the one before. */
  dirs: string[];
  /** `-f` files, as written. */
  files: string[];
  goals: string[];
  vars: Map<string, string | undefined>;
  /** `-n`, `-t`, `-q`. */
  dry: boolean;
  /** `--version`, `--help`: no recipe runs. */
  nothing: boolean;
  /** `-e`. */
  environment: boolean;
}

const SHORT: ReadonlyMap<string, MakeOption> = new Map(MAKE_OPTIONS.flatMap((o) => (o.short === undefined ? [] : [[o.short, o] as const])));
const LONG: ReadonlyMap<string, MakeOption> = new Map(MAKE_OPTIONS.flatMap((o) => o.long.map((l) => [l, o] as const)));

/** A long option by its name or an abbreviation of one name only (`--dry` is `--dry-run`), as getopt reads it. */
function longOption(name: string): MakeOption | undefined {
  const exact = LONG.get(name);
  if (exact) return exact;
  const options = new Set([...LONG].filter(([l]) => l.startsWith(name)).map(([, o]) => o));
  return options.size === 1 ? [...options][0] : undefined;
}

/** False when the option makes the run one tp-doctor does not read. */
function apply(run: MakeRun, option: MakeOption, value: string | undefined): boolean {
  if (option.value === 'required' && value === undefined) return false;
  switch (option.effect) {
    case 'directory':
    case 'file':
      if (value === undefined || value === '-' || /[$`~*?[\]{}]/.test(value)) return false;
      (option.effect === 'directory' ? run.dirs : run.files).push(value);
      return true;
    case 'dry':
      run.dry = true;
      return true;
    case 'nothing':
      run.nothing = true;
      return true;
    case 'environment':
      run.environment = true;
      return true;
    case 'unreadable':
      return false;
    default:
      return true;
  }
}

/** `NAME=value` (also `:=`, `::=`; `+=`, `?=`, `!=` give a value tp-doctor does not read). */
const ASSIGNMENT = /^([^\s:#=$]+?)(:::=|::=|:=|\?=|\+=|!=|=)([^]*)$/;

/** `-sj4`, `-C dir`, `-Cdir`: false for an option make does not have, or one that makes the run unreadable. */
function shortOptions(run: MakeRun, words: readonly string[], at: number): number | undefined {
  const word = words[at]!;
  let i = at;
  for (let k = 1; k < word.length; k++) {
    const option = SHORT.get(word[k]!);
    if (option === undefined) return undefined;
    let value: string | undefined;
    if (option.value !== undefined) {
      const rest = word.slice(k + 1);
      if (rest !== '') value = rest;
      else if (option.value === 'required') value = words[++i];
      else if (/^\d+(?:\.\d+)?$/.test(words[i + 1] ?? '')) value = words[++i];
      k = word.length;
    }
    if (!apply(run, option, value)) return undefined;
  }
  return i;
}

/**
 * The make run `words` (its first word the program) asks for, or undefined when tp-doctor cannot
 * read it: an option make does not have, `--eval`, `-o`, a directory or file that is not literal
 * text, a goal holding a value (`make $TARGET`).
 */
export function parseMakeCommand(words: readonly string[]): MakeRun | undefined {
  const run: MakeRun = { dirs: [], files: [], goals: [], vars: new Map(), dry: false, nothing: false, environment: false };
  let options = true;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (options && word === '--') {
      options = false;
    } else if (options && word.startsWith('--')) {
      const eq = word.indexOf('=');
      const option = longOption(eq < 0 ? word : word.slice(0, eq));
      let value = eq < 0 ? undefined : word.slice(eq + 1);
      if (option?.value === 'required' && value === undefined) value = words[++i];
      if (option === undefined || !apply(run, option, value)) return undefined;
    } else if (options && word.startsWith('-') && word.length > 1) {
      const next = shortOptions(run, words, i);
      if (next === undefined) return undefined;
      i = next;
    } else if (ASSIGNMENT.test(word)) {
      const [, name, op, value] = ASSIGNMENT.exec(word)!;
      run.vars.set(name!, ['=', ':=', '::=', ':::='].includes(op!) && !value!.includes('$') ? value : undefined);
    } else if (word === '' || /[$`~*?[\]{}]/.test(word)) {
      return undefined;
    } else {
      run.goals.push(word);
    }
  }
  return run;
}

/** A value make puts in that tp-doctor cannot read, as a shell word (a variable nothing sets). */
export const MAKE_VALUE = '${make_value}';

/**
 * A variable's text for `expandMake`: a string (expanded in turn), null for a value tp-doctor
 * cannot read, undefined for a name nothing in make assigns (make takes it from the environment,
 * where the recipe's shell finds it too).
 */
export type MakeLookup = (name: string) => string | null | undefined;

/** References expanded inside a value, at most: deeper, the value is one tp-doctor does not read. */
const MAX_EXPANSION_DEPTH = 8;

/** A plain variable name (`$(NAME)`, `$@`), not a function call (`$(shell …)`) nor a substitution reference (`$(X:a=b)`). */
const PLAIN_NAME = /^[^\s:=#$(){},]+$/;

function valueOf(name: string, lookup: MakeLookup, depth: number): string {
  if (!PLAIN_NAME.test(name)) return MAKE_VALUE;
  const value = name in MAKE_BUILTIN_VALUES && lookup(name) === undefined ? MAKE_BUILTIN_VALUES[name]! : lookup(name);
  if (value === null) return MAKE_VALUE;
  if (value === undefined) return /^[A-Za-z_]\w*$/.test(name) ? `\${${name}}` : MAKE_VALUE;
  return depth >= MAX_EXPANSION_DEPTH ? MAKE_VALUE : expandMake(value, lookup, depth + 1);
}

/** Where the reference starting at `open` (`(` or `{`) ends, or -1 when it does not. */
function closingOf(text: string, open: number): number {
  const opener = text[open]!;
  const closer = opener === '(' ? ')' : '}';
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === opener) depth++;
    else if (text[j] === closer && --depth === 0) return j;
  }
  return -1;
}

/**
 * `text` (a recipe line) as make hands it to the shell: `$$` is `$`, each `$(NAME)`, `${NAME}` and
 * `$X` its value (`lookup`), and a function call or anything tp-doctor cannot read `MAKE_VALUE`.
 */
export function expandMake(text: string, lookup: MakeLookup, depth = 0): string {
  let out = '';
  let from = 0;
  for (let i = text.indexOf('$'); i >= 0 && i < text.length; i = text.indexOf('$', from)) {
    out += text.slice(from, i);
    const next = text[i + 1];
    if (next === undefined) return out;
    if (next === '$') {
      out += '$';
      from = i + 2;
      continue;
    }
    const close = next === '(' || next === '{' ? closingOf(text, i + 1) : i + 1;
    if (close < 0) return out + MAKE_VALUE;
    out += valueOf(close === i + 1 ? next : text.slice(i + 2, close), lookup, depth);
    from = close + 1;
  }
  return out + text.slice(from);
}

/**
 * The indexes of the words of a make command (`words[0]` the program) that hold a `-C` directory
 * (`-C dir`, `-Cdir`, `-sC dir`, `--directory=dir`, `--directory dir`, `--dir=dir`), whatever they
 * hold: where a caller may put in values it knows before the command is read (a GitHub matrix
 * value: ../github/make-matrix.ts). Options are read as `parseMakeCommand` reads them; the words
 * after `--` are no options.
 */
export function makeDirectoryWords(words: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') break;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const option = longOption(eq < 0 ? word : word.slice(0, eq));
      const at = eq >= 0 ? i : option?.value === 'required' ? ++i : undefined;
      if (option?.effect === 'directory' && at !== undefined) out.push(at);
    } else if (word.startsWith('-') && word.length > 1) {
      for (let k = 1; k < word.length; k++) {
        const option = SHORT.get(word[k]!);
        if (option?.value === undefined) continue;
        const at = k + 1 < word.length ? i : option.value === 'required' || /^\d+(?:\.\d+)?$/.test(words[i + 1] ?? '') ? ++i : undefined;
        if (option.effect === 'directory' && at !== undefined) out.push(at);
        break;
      }
    }
  }
  return out;
}
