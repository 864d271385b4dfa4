/**
 * `just <recipe>` followed into the committed justfile (justfile.ts reads it; the facts are in
 * ../data/just.ts), the way `make <target>` is followed into the makefile (./make-runs.ts).
 *
 * The justfile is the first of `JUSTFILE_NAMES` in the directory the command runs in or one of
 * its parents; its recipes run in its own directory. The recipes named on the command line (the
 * first recipe without one), each after its dependencies and before those after `&&`, each once,
 * run their lines, each recognised like a script of its own, one hop down, placed at its line in
 * the justfile (`ViaScript.recipe`, as a makefile's). An interpolation (`{{ version }}`, a
 * parameter) is a value tp-doctor does not know (`JUST_VALUE`), and the line may then run with
 * other arguments (`argsUnsure`).
 *
 * What is found there is a guess (`heuristic`), as a makefile's: a recipe may depend on what
 * tp-doctor does not evaluate. Nothing found and nothing unreadable: the run publishes nothing
 * (`just test`). Anything else keeps the command one tp-doctor cannot read, a possible publish by
 * its words: an option it does not read (`--justfile`, `--working-directory`, `--shell`), a recipe
 * it does not find or read (a module's `mod::recipe`, a shebang of another interpreter, an
 * attribute that changes where or whether it runs), a line that runs what it cannot read, more
 * than `MAX_JUST_RECIPES` recipes. `--dry-run`, `--list` and the like run no recipe.
 *
 * Bounds as for make: `MAX_SCRIPT_DEPTH` runs and scripts deep, one resolution of the call's
 * budget per recipe read, `MAX_SHELL_FILE_CHARS` per justfile, the parents of the directory
 * (bounded by its path) looked up once each.
 */
import path from 'node:path/posix';
import { JUST_BINS, JUST_OPTIONS, JUSTFILE_NAMES } from '../data/just.js';
import { basename } from './command-words.js';
import { movedInScript } from './frame-moves.js';
import { parseJustfile, type Justfile, type JustRecipe } from './justfile.js';
import { chargeFound, MAX_SCRIPT_DEPTH, type Found, type Frame, type Outcome, type Recognize, type ViaScript } from './publish-match.js';
import { MAX_SHELL_FILE_CHARS, shellFilePath } from './shell-files.js';

/** Recipes one just run reads at most, dependencies included: more keeps the command unread. */
export const MAX_JUST_RECIPES = 64;

/** A value just puts in that tp-doctor does not read, as a shell word (a variable nothing sets). */
export const JUST_VALUE = '${just_value}';

const NOTHING: Outcome = { found: [], rejected: false, unknown: false, unread: [] };

/** True for a command that runs just. */
export function isJustCommand(words: readonly string[]): boolean {
  return JUST_BINS.includes(basename(words[0] ?? ''));
}

/** A just command line: the words after its options (recipes and their arguments); `nothing` when it runs no recipe. */
interface JustRun {
  args: string[];
  nothing: boolean;
  noDeps: boolean;
}

/** The command line of `just` (see ../data/just.ts), or undefined when an option or word is one tp-doctor does not read. */
export function parseJustCommand(words: readonly string[]): JustRun | undefined {
  const run: JustRun = { args: [], nothing: false, noDeps: false };
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (run.args.length > 0 || !word.startsWith('-')) {
      // `NAME=VALUE` before the first recipe sets a variable; a word with a value of the shell (`$RECIPE`) is unknown.
      if (/[$`*?[\]{}]/.test(word)) return undefined;
      if (run.args.length > 0 || !/^[A-Za-z_][\w-]*=/.test(word)) run.args.push(word);
      continue;
    }
    if (word === '--') {
      run.args.push(...words.slice(i + 1));
      break;
    }
    const [flag, inline] = word.split(/=(.*)/s);
    const option = JUST_OPTIONS.find((o) => o.names.includes(flag!));
    if (option === undefined) return undefined;
    if (option.effect === 'nothing') run.nothing = true;
    if (option.effect === 'noDeps') run.noDeps = true;
    i += Math.max(0, (option.values ?? 0) - (inline === undefined ? 0 : 1));
  }
  return run;
}

/** The justfile a run reads: the first one in the directory or a parent, and the directory its recipes run in relative to there. */
interface Loaded {
  file: string;
  model: Justfile;
  /** Where the recipes run, relative to where just was started; undefined when there. */
  cd: string | undefined;
}

function loadJustfile(frame: Frame): Loaded | undefined {
  if (frame.shellFile === undefined || frame.dir === undefined) return undefined;
  let dir = frame.dir;
  for (let hop = 0; hop <= frame.dir.split('/').length; hop++) {
    for (const name of JUSTFILE_NAMES) {
      const file = shellFilePath(name, dir);
      const text = file === undefined ? undefined : frame.shellFile(file);
      if (file === undefined || text === undefined) continue;
      if (text.length > MAX_SHELL_FILE_CHARS) return undefined;
      const model = parseJustfile(text);
      return model.unreadable === undefined ? { file, model, cd: dir === frame.dir ? undefined : path.relative(frame.dir || '.', dir || '.') } : undefined;
    }
    if (dir === '') break;
    const up = path.dirname(dir);
    dir = up === '.' ? '' : up;
  }
  return undefined;
}

/** The recipes a run of `args` runs, in order, each once; undefined when one cannot be read or there are too many. */
function runOrder(model: Justfile, args: readonly string[], noDeps: boolean): string[] | undefined {
  const named: string[] = [];
  if (args.length === 0) {
    if ([...model.recipes.values()].some((r) => r.isDefault) || model.first === undefined) return undefined;
    named.push(model.first);
  }
  for (let i = 0; i < args.length; i++) {
    const name = model.aliases.get(args[i]!) ?? args[i]!;
    const recipe = model.recipes.get(name);
    if (recipe === undefined) return undefined;
    named.push(name);
    // Its arguments: as many words as it has parameters, the rest for a variadic one.
    i += recipe.variadic ? args.length : Math.min(recipe.params, args.length - i - 1);
  }
  const order: string[] = [];
  const visiting = new Set<string>();
  let over = false;
  // Each recipe is expanded once (`visiting`: a cycle, which just refuses, is not read).
  const visit = (written: string): boolean => {
    const name = model.aliases.get(written) ?? written;
    const recipe = model.recipes.get(name);
    if (recipe === undefined || recipe.unreadable !== undefined || visiting.has(name)) return false;
    if (order.includes(name)) return true;
    // The recursion is as deep as the chain of dependencies: bounded like the recipes read.
    over ||= visiting.size >= MAX_JUST_RECIPES || order.length >= MAX_JUST_RECIPES;
    if (over) return false;
    visiting.add(name);
    const deps = (list: string[]): boolean => noDeps || list.every(visit);
    const before = deps(recipe.before);
    visiting.delete(name);
    if (!before || order.length >= MAX_JUST_RECIPES) return false;
    order.push(name);
    return deps(recipe.after);
  };
  return named.every(visit) && !over ? order : undefined;
}

/** A line with its interpolations as a value tp-doctor does not know (`{{{{` is a literal `{{`). */
function interpolated(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    out += text.slice(i, open);
    if (text.startsWith('{{{{', open)) {
      out += '{{';
      i = open + 4;
      continue;
    }
    const close = text.indexOf('}}', open + 2);
    out += JUST_VALUE;
    i = close < 0 ? text.length : close + 2;
  }
  return out + text.slice(i);
}

/** A publish found in a recipe line: a guess, certain as written there when it was and the justfile is where just started. */
function fromRecipe(f: Found, index: number, name: string, moved: boolean): Found {
  if (f.via.length !== index + 1 || f.via[index]?.recipe !== true) return { ...f, confidence: 'heuristic' };
  const via = f.confidence === 'certain' && !moved ? f.via.map((v, i) => (i === index ? { ...v, readCertain: true as const } : v)) : f.via;
  return { ...f, confidence: 'heuristic', via, label: `${f.label} (run by just ${name})` };
}

/** Reads the lines of `recipe` into `acc`. */
function readRecipe(frame: Frame, loaded: Loaded, name: string, recipe: JustRecipe, recognize: Recognize, acc: Outcome): void {
  const key = `just\0${loaded.file}\0${name}`;
  if (frame.seen.has(key)) return;
  if (frame.budget.left <= 0) {
    acc.unknown = true;
    return;
  }
  frame.budget.left--;
  const child: Frame = { ...frame, depth: frame.depth + 1, seen: new Set([...frame.seen, key]), via: [...frame.via, { script: loaded.file, command: '' }], publishContext: false };
  const base = loaded.cd === undefined ? child : movedInScript(child, child, ['cd', loaded.cd]);
  for (const line of recipe.lines) {
    const command = interpolated(line.text);
    const entry: ViaScript = { script: loaded.file, command, at: loaded.model.locate(loaded.file, line.offset, line.end), recipe: true };
    if (loaded.cd !== undefined) entry.makeDir = loaded.cd;
    const outcome = recognize(command, { ...base, via: [...frame.via, entry], ...(command !== line.text ? { argsUnsure: true as const } : {}) });
    for (const f of outcome.found) acc.found.push(fromRecipe(f, frame.via.length, name, loaded.cd !== undefined));
    acc.rejected ||= outcome.rejected;
    acc.unknown ||= outcome.unknown;
    acc.unread.push(...outcome.unread);
  }
}

/**
 * What the just run `words` publishes, read in its justfile (see the file comment); undefined
 * when `words` is no just command or tp-doctor cannot read the run.
 */
export function readJustRun(words: readonly string[], frame: Frame, recognize: Recognize): Outcome | undefined {
  const command = isJustCommand(words) ? parseJustCommand(words) : undefined;
  if (command === undefined) return undefined;
  if (command.nothing) return NOTHING;
  const loaded = loadJustfile(frame);
  if (loaded === undefined || frame.depth >= MAX_SCRIPT_DEPTH || frame.budget.left <= 0) return undefined;
  const order = runOrder(loaded.model, command.args, command.noDeps);
  if (order === undefined) return undefined;
  const acc: Outcome = { found: [], rejected: false, unknown: false, unread: [] };
  const counted = frame.budget.counted;
  for (const name of order) readRecipe(frame, loaded, name, loaded.model.recipes.get(name)!, recognize, acc);
  if (!chargeFound(frame, acc.found.length, counted)) return undefined;
  if (acc.found.length > 0 || acc.rejected) return { found: acc.found, rejected: acc.rejected, unknown: false, unread: [] };
  return acc.unknown ? undefined : { ...NOTHING, unread: acc.unread };
}
