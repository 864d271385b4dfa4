/**
 * `make <goal>` (also `gmake`, and `$(MAKE) <goal>` in a recipe) followed into the committed
 * makefile, the way `npm run x` is followed into package.json scripts and `./x.sh` into a
 * committed shell script: make-command.ts reads the command, makefile.ts the file (`GNUmakefile`,
 * `makefile` or `Makefile` in the directory it runs in, after `-C`; or the one `-f` names).
 *
 * The goals (the default goal without one) and, first, their prerequisites, each once, are the
 * targets that run; each recipe line runs in its own shell (`.ONESHELL`: the recipe in one), so it
 * is recognised like a script of its own, one hop down, placed at its line in the makefile
 * (`ViaScript.at`, `recipe`), with the makefile's literal variables put in. A make a recipe starts
 * (`$(MAKE) --no-print-directory publish-x`, evanw/esbuild) inherits the options and command-line
 * variables the way `MAKEFLAGS` passes them (`Frame.make`), and is followed the same way.
 *
 * What is found there is a guess (`heuristic`): make decides at run time whether a target is up
 * to date (a file or folder of that name, timestamps), conditionals are not evaluated, the
 * environment may set a `?=` variable, and a file make includes may change a rule. A publish
 * certain as written in its recipe line is marked so (`ViaScript.readCertain`), and its targets are
 * then read in that line like a committed script's (./script-file-targets.ts), unless a make on the
 * way ran elsewhere (`-C`). Nothing found and nothing unreadable: the run publishes nothing (a
 * `make build`). Anything else keeps the command one tp-doctor cannot read, a possible publish by
 * its words as before: an unknown goal, no makefile, a recipe that runs something tp-doctor cannot
 * read, a graph over `MAX_MAKE_TARGETS`, `--eval`. A dry run (`-n`, `-t`, `-q`) runs only the `+`
 * and `$(MAKE)` lines, and publishes nothing when the makefile cannot be read.
 *
 * Bounds as for scripts: `MAX_SCRIPT_DEPTH` make runs and scripts deep, one resolution of the
 * call's budget per target read (a target that published nothing is read once per call and place:
 * esbuild starts 29 makes that share their build targets), `MAX_SHELL_FILE_CHARS` per makefile.
 */
import path from 'node:path/posix';
import { MAKE_BINS, MAKEFILE_NAMES } from '../data/make.js';
import { basename } from './command-words.js';
import { movedInScript } from './frame-moves.js';
import { expandMake, parseMakeCommand, type MakeFlags, type MakeLookup, type MakeRun } from './make-command.js';
import { parseMakefile, type Makefile, type MakeRule, type RecipeLine } from './makefile.js';
import { chargeFound, MAX_SCRIPT_DEPTH, type Found, type Frame, type Outcome, type Recognize, type Unread, type ViaScript } from './publish-match.js';
import { MAX_SHELL_FILE_CHARS, shellFilePath } from './shell-files.js';

/** Targets one make run reads at most, prerequisites included: a larger graph keeps the command unread. */
export const MAX_MAKE_TARGETS = 64;

const NOTHING: Outcome = { found: [], rejected: false, unknown: false, unread: [] };
const REJECTED: Outcome = { found: [], rejected: true, unknown: false, unread: [] };

/** True for a command that runs make (`make`, `gmake`, `/usr/bin/make`). */
export function isMakeCommand(words: readonly string[]): boolean {
  return MAKE_BINS.includes(basename(words[0] ?? ''));
}

/** Parsed makefiles by text: a run reads the same file once per make it starts. */
const parsed = new Map<string, Makefile>();
const MAX_PARSED = 4;

function parseCached(text: string): Makefile {
  let model = parsed.get(text);
  if (model === undefined) {
    model = parseMakefile(text);
    if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, model);
  }
  return model;
}

/** The makefile a run reads and where its recipes run. */
interface Loaded {
  file: string;
  model: Makefile;
  /** `-C`, joined: where the recipes run, relative to where make was started; undefined when there. */
  cd: string | undefined;
}

function loadMakefile(run: MakeRun, frame: Frame): Loaded | undefined {
  if (frame.shellFile === undefined || frame.dir === undefined || run.files.length > 1) return undefined;
  const cd = run.dirs.length === 0 ? undefined : path.join(...run.dirs);
  const dir = cd === undefined ? frame.dir : shellFilePath(cd, frame.dir);
  if (dir === undefined) return undefined;
  for (const name of run.files.length === 1 ? run.files : MAKEFILE_NAMES) {
    const file = shellFilePath(name, dir);
    const text = file === undefined ? undefined : frame.shellFile(file);
    if (file === undefined || text === undefined) continue;
    const model = text.length > MAX_SHELL_FILE_CHARS ? undefined : parseCached(text);
    return model === undefined || model.unreadable ? undefined : { file, model, cd: dir === frame.dir ? undefined : cd };
  }
  return undefined;
}

/**
 * The targets a run of `goals` makes, prerequisites first, each once; `unknown` when one may run
 * what tp-doctor does not see (a prerequisite written with a value it cannot read, or without a
 * rule in a makefile that may have rules elsewhere). Undefined over `MAX_MAKE_TARGETS`.
 */
function runOrder(model: Makefile, goals: readonly string[]): { order: string[]; unknown: boolean } | undefined {
  const order: string[] = [];
  const visited = new Set<string>();
  let unknown = false;
  let over = false;
  const visit = (name: string): void => {
    if (visited.has(name) || over) return;
    const target = model.targets.get(name);
    // A file (a glob, `src/*.ts`, names files), or a target a rule tp-doctor does not see may make.
    if (target === undefined) {
      unknown ||= model.open && !model.phony.has(name) && !/[*?[]/.test(name);
      return;
    }
    if (visited.size >= MAX_MAKE_TARGETS) over = true;
    visited.add(name);
    for (const p of target.rules.flatMap((r) => r.prereqs)) {
      if (p === undefined) unknown = true;
      else visit(p);
    }
    order.push(name);
  };
  for (const goal of goals) visit(goal);
  return over ? undefined : { order, unknown };
}

/**
 * The recipes of a target that run, each with the prerequisites its `$<` and `$^` name: each rule's
 * for a `::` target; else the last recipe written, or every one when a conditional decides which.
 */
function recipesOf(model: Makefile, name: string): { lines: RecipeLine[]; prereqs: (string | undefined)[] }[] {
  const target = model.targets.get(name)!;
  const recipes = target.doubleColon
    ? target.rules.map((r) => ({ lines: r.recipe, prereqs: r.prereqs }))
    : [{ lines: pickRecipe(target.rules), prereqs: target.rules.flatMap((r) => r.prereqs) }];
  if (!model.oneShell) return recipes;
  return recipes.map(({ lines, prereqs }) => {
    if (lines.length <= 1) return { lines, prereqs };
    const one: RecipeLine = { text: lines.map((l) => l.text).join('\n'), runsWhenDry: lines.some((l) => l.runsWhenDry), conditional: lines.some((l) => l.conditional), offset: lines[0]!.offset, end: lines.at(-1)!.end };
    return { lines: [one], prereqs };
  });
}

function pickRecipe(rules: readonly MakeRule[]): RecipeLine[] {
  const withRecipe = rules.filter((r) => r.recipe.length > 0);
  return withRecipe.some((r) => r.conditional) ? withRecipe.flatMap((r) => r.recipe) : (withRecipe.at(-1)?.recipe ?? []);
}

/** Values for a recipe of `target`: `$@`, `$<`, `$^`, the command line's variables, then the makefile's. */
function lookupFor(model: Makefile, flags: MakeFlags, target: string, prereqs: readonly (string | undefined)[]): MakeLookup {
  return (name) => {
    if (name === '@') return target;
    if (name === '<' || name === '^') {
      if (prereqs.includes(undefined)) return null;
      return name === '<' ? (prereqs[0] ?? '') : [...new Set(prereqs)].join(' ');
    }
    if (flags.vars.has(name)) return flags.vars.get(name) ?? null;
    if (model.variables.has(name)) return flags.environment ? null : (model.variables.get(name) ?? null);
    // An automatic variable tp-doctor does not put in (`$*`, `$?`, `$(@D)`), or one from the environment.
    return /^[A-Za-z_]\w*$/.test(name) ? undefined : null;
  };
}

/** One make run being read. */
interface Run {
  frame: Frame;
  loaded: Loaded;
  flags: MakeFlags;
  recognize: Recognize;
}

interface Reading {
  found: Found[];
  rejected: boolean;
  unknown: boolean;
  unread: Unread[];
}

/** Per call (its budget object): what a target that published nothing gave, by target and place. */
const readOnce = new WeakMap<Frame['budget'], Map<string, { rejected: boolean; unknown: boolean }>>();

function memoOf(frame: Frame): Map<string, { rejected: boolean; unknown: boolean }> {
  let memo = readOnce.get(frame.budget);
  if (memo === undefined) readOnce.set(frame.budget, (memo = new Map()));
  return memo;
}

/** The frame the recipe lines of target `key` are read in (each with its own `via` entry): one hop down, in the directory make runs in. */
function targetFrame(run: Run, key: string): Frame {
  const { frame, flags, loaded } = run;
  const child: Frame = { ...frame, depth: frame.depth + 1, seen: new Set([...frame.seen, key]), via: [...frame.via, { script: loaded.file, command: '' }], publishContext: false, make: flags };
  return loaded.cd === undefined ? child : movedInScript(child, child, ['cd', loaded.cd]);
}

/** A publish found in a recipe line: a guess, certain as written there when it was (see the file comment). */
function fromRecipe(f: Found, index: number, run: Run, target: string): Found {
  if (f.via.length !== index + 1 || f.via[index]?.recipe !== true) return { ...f, confidence: 'heuristic' };
  // A make's own `-C` is placed (`ViaScript.makeDir`); one that ran in another directory on the way is not.
  const certain = f.confidence === 'certain' && run.frame.make?.moved !== true;
  const via = certain ? f.via.map((v, i) => (i === index ? { ...v, readCertain: true as const } : v)) : f.via;
  return { ...f, confidence: 'heuristic', via, label: `${f.label} (run by make ${target})` };
}

/** Reads the recipes of target `name` into `acc`. */
function readTarget(run: Run, name: string, acc: Reading): void {
  const { frame, flags, loaded } = run;
  const key = `make\0${loaded.file}\0${name}`;
  const recipes = recipesOf(loaded.model, name);
  if (frame.seen.has(key) || recipes.every((r) => r.lines.length === 0)) return;
  const vars = [...flags.vars].map(([k, v]) => `${k}=${v ?? '\0'}`);
  const memoKey = [key, frame.depth, frame.dir, frame.moved, frame.inPackage?.selector, loaded.cd, flags.dry, flags.environment, ...vars].join('\u0001');
  const known = memoOf(frame).get(memoKey);
  if (known !== undefined || frame.budget.left <= 0) {
    acc.rejected ||= known?.rejected === true;
    acc.unknown ||= known?.unknown !== false;
    return;
  }
  frame.budget.left--;
  const before = acc.found.length;
  const own = { rejected: false, unknown: false };
  const base = targetFrame(run, key);
  for (const { lines, prereqs } of recipes) {
    const lookup = lookupFor(loaded.model, flags, name, prereqs);
    for (const line of lines) {
      if (flags.dry && !line.runsWhenDry) continue;
      const command = expandMake(line.text, lookup);
      const entry: ViaScript = { script: loaded.file, command, at: loaded.model.locate(loaded.file, line.offset, line.end), recipe: true };
      if (loaded.cd !== undefined) entry.makeDir = loaded.cd;
      // A recipe line with a make variable in it may run with another value (`MODE ?= build`, `MODE=upload make publish`).
      const outcome = run.recognize(command, { ...base, via: [...frame.via, entry], ...(command !== line.text ? { argsUnsure: true as const } : {}) });
      for (const f of outcome.found) acc.found.push(fromRecipe(f, frame.via.length, run, name));
      own.rejected ||= outcome.rejected;
      own.unknown ||= outcome.unknown;
      acc.unread.push(...outcome.unread);
    }
  }
  if (acc.found.length === before) memoOf(frame).set(memoKey, own);
  acc.rejected ||= own.rejected;
  acc.unknown ||= own.unknown;
}

/** The flags of a make started in `frame` (what its parent passed on) with `run`'s own. */
function flagsOf(frame: Frame, run: MakeRun, loaded: Loaded | undefined): MakeFlags {
  const parent = frame.make;
  const vars = new Map(parent?.vars ?? []);
  for (const [name, value] of run.vars) vars.set(name, value);
  return { dry: run.dry || parent?.dry === true, environment: run.environment || parent?.environment === true, vars, moved: parent?.moved === true || loaded?.cd !== undefined };
}

/**
 * What the make run `words` publishes, read in its makefile (see the file comment); undefined
 * when `words` is no make command or tp-doctor cannot read the run.
 */
export function readMakeRun(words: readonly string[], frame: Frame, recognize: Recognize): Outcome | undefined {
  const command = isMakeCommand(words) ? parseMakeCommand(words) : undefined;
  if (command === undefined) return undefined;
  if (command.nothing) return NOTHING;
  const loaded = loadMakefile(command, frame);
  const flags = flagsOf(frame, command, loaded);
  const unreadable = flags.dry ? REJECTED : undefined;
  if (loaded === undefined || frame.depth >= MAX_SCRIPT_DEPTH || frame.budget.left <= 0) return unreadable;
  const { model } = loaded;
  const goals = command.goals.length > 0 ? command.goals : model.defaultGoal === undefined ? [] : [model.defaultGoal];
  const order = goals.length > 0 && goals.every((g) => model.targets.has(g)) ? runOrder(model, goals) : undefined;
  if (order === undefined) return unreadable;
  const run: Run = { frame, loaded, flags, recognize };
  const acc: Reading = { found: [], rejected: flags.dry, unknown: order.unknown, unread: [] };
  const counted = frame.budget.counted;
  for (const name of order.order) readTarget(run, name, acc);
  if (!chargeFound(frame, acc.found.length, counted)) return undefined;
  if (acc.found.length > 0 || acc.rejected) return { found: acc.found, rejected: acc.rejected, unknown: false, unread: [] };
  return acc.unknown ? undefined : { ...NOTHING, unread: acc.unread };
}
