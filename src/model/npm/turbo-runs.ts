/**
 * A Turborepo task run (`turbo run publish`, `turbo publish`, `turbo run @scope/pkg#publish`,
 * `turbo run publish --filter=<selector>`): turbo runs each task's `package.json` script in each
 * selected package whose turbo.json declarations name the task, and this follows it there (the
 * facts are in `../data/turbo.ts`; the packages and their declarations, the root as `//`, in
 * `./turbo-tasks.ts`, given by `RecognizeContext.workspaceScripts('turbo')` for a command run at
 * the repository root, as `./workspace-runs.ts` and `./nx-runs.ts` are). Each script is read the
 * way a workspace run reads it (its package's scripts and directory: `PublishMatch.inPackage`).
 *
 * What it finds is certain when the selection is literal and read in full (no filter, or filters
 * naming packages or `./dir`, `./dir/*`, matched as pnpm's are: `filterProjects`), the task is
 * declared for the package, and every option was read; otherwise a guess: `--affected`, graph
 * selectors (`...`, `^`), `[ref]`, `{dir}`, `!` exclusions, globs it cannot resolve, a
 * turbo.json it cannot read, an option it does not know, `<pkg>#task` outside the filter (turbo 2
 * skips it, older releases ran it).
 *
 * `dependsOn` is not followed: a task the run's tasks depend on whose name reads like a publish
 * (`"release": { "dependsOn": ["publish"] }`) is a guessed publish (`turbo-run`), never a certain
 * one; `--only` turns that off.
 *
 * When the packages cannot be read (not at the root, none found, `--cwd`, a filter or
 * `<pkg>#task` naming a package that is not there), a task named like a publish is a guessed
 * publish (`turbo-run`) and any other stays a command tp-doctor cannot read, as before runs were
 * followed. `--dry`, `--graph` run nothing; turbo's other commands (`turbo prune`) publish nothing;
 * `turbo watch` is not followed.
 */
import {
  TURBO_BOOLEAN_FLAGS, TURBO_COMMANDS, TURBO_ELSEWHERE_FLAGS, TURBO_FILTER_FLAGS, TURBO_NO_RUN_FLAGS, TURBO_ONLY_FLAGS, TURBO_OPTIONAL_VALUE_FLAGS,
  TURBO_RUN, TURBO_UNKNOWN_SELECTION_FLAGS, TURBO_VALUE_FLAGS, TURBO_WATCH,
} from '../data/turbo.js';
import { DEFAULT_FLAG_NAMES } from '../data/publish-tools.js';
import { cleanRepoPath } from '../../fs/paths.js';
import { forwardsDryRun } from './command-words.js';
import { namesOtherDestination } from './possible-publish.js';
import { scriptRun } from './nx-runs.js';
import { namedLikePublish } from './possible-publish.js';
import { filterProjects, workspaceFrame } from './workspace-runs.js';
import { readFlags } from './publish-flags.js';
import type { ScriptRun } from './script-runs.js';
import { chargeFound, type Found, type Frame, type Outcome, type ViaScript, type WorkspaceScripts } from './publish-match.js';

type Resolve = (run: ScriptRun, scripts: Record<string, string>, frame: Frame) => Outcome;

export interface TurboRun {
  /** `turbo run` and its tasks, for labels. */
  label: string;
  /** The tasks as written (`publish`, `@scope/pkg#publish`, `//#publish`). */
  tasks: string[];
  /** `--filter`/`-F` values. */
  filters: string[];
  /** `--affected` (turbo 1: `--since`, `--scope`): which packages is unknown. */
  unknownSelection: boolean;
  /** `--cwd`, `--root-turbo-json`, `--single-package`: another workspace or turbo.json than the root's. */
  elsewhere: boolean;
  /** `--dry`, `--graph`: no task runs. */
  noRun: boolean;
  /** `--only`: no `dependsOn`. */
  only: boolean;
  /** An option tp-doctor does not know (its words may have been read wrongly), or one missing its value. */
  unsure: boolean;
  /** The arguments after `--`, passed to every task's script. */
  forwarded: string[];
}

/** One task of one package the run reaches. */
interface PackageTask {
  ws: WorkspaceScripts;
  task: string;
  /** The selection named the package literally and in full. */
  certain: boolean;
}

const NOTHING: Outcome = { found: [], rejected: false, unknown: false, unread: [] };

/** The run a `turbo` command asks for; undefined for turbo's other commands and a run without tasks. */
export function parseTurboRun(words: readonly string[]): TurboRun | undefined {
  const run: TurboRun = { label: '', tasks: [], filters: [], unknownSelection: false, elsewhere: false, noRun: false, only: false, unsure: false, forwarded: [] };
  const positional: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') {
      run.forwarded = words.slice(i + 1);
      break;
    }
    if (word.startsWith('-') && word !== '-') i = readOption(words, i, run);
    else positional.push(word);
  }
  const sub = positional[0];
  if (sub === undefined || (sub !== TURBO_RUN && TURBO_COMMANDS.has(sub))) return undefined;
  run.tasks = sub === TURBO_RUN ? positional.slice(1) : positional;
  run.label = `turbo run ${run.tasks.join(' ')}`;
  return run.tasks.length > 0 ? run : undefined;
}

/** Reads the option at `i` into `run`; the index of its last word. */
function readOption(words: readonly string[], i: number, run: TurboRun): number {
  const word = words[i]!;
  const eq = word.indexOf('=');
  // `-Fweb`, `-F=web`: a short option's value may be attached.
  const short = /^-F./.test(word);
  const name = short ? '-F' : eq < 0 ? word : word.slice(0, eq);
  let value = short ? word.slice(word[2] === '=' ? 3 : 2) : eq < 0 ? undefined : word.slice(eq + 1);
  let last = i;
  const optional = Object.hasOwn(TURBO_OPTIONAL_VALUE_FLAGS, name) ? TURBO_OPTIONAL_VALUE_FLAGS[name] : undefined;
  const next = words[i + 1];
  if (value === undefined && TURBO_VALUE_FLAGS.has(name)) {
    value = next;
    last = i + 1;
    if (next === undefined) run.unsure = true;
  } else if (value === undefined && optional !== undefined && next !== undefined && !next.startsWith('-') && (optional === 'file' || optional.includes(next))) {
    value = next;
    last = i + 1;
  } else if (optional === undefined && !TURBO_VALUE_FLAGS.has(name) && !TURBO_BOOLEAN_FLAGS.has(name)) {
    run.unsure = true;
  }
  if (TURBO_FILTER_FLAGS.includes(name)) run.filters.push(value ?? '');
  if (TURBO_UNKNOWN_SELECTION_FLAGS.includes(name)) run.unknownSelection = true;
  if (TURBO_ELSEWHERE_FLAGS.includes(name) && !(name === '--cwd' && value !== undefined && cleanRepoPath(value) === '')) run.elsewhere = true;
  if (TURBO_NO_RUN_FLAGS.includes(name)) run.noRun = true;
  if (TURBO_ONLY_FLAGS.includes(name)) run.only = true;
  return last;
}

/**
 * What a `turbo` command runs, followed into the packages' scripts; undefined when it is a run
 * tp-doctor cannot read of tasks not named like a publish, or `turbo watch` (the caller keeps it a
 * command it cannot read).
 */
export function runTurbo(words: readonly string[], frame: Frame, resolve: Resolve): Outcome | undefined {
  const run = parseTurboRun(words);
  if (!run) return words.includes(TURBO_WATCH) ? undefined : NOTHING;
  if (run.noRun) return { ...NOTHING, rejected: true };
  const atRoot = frame.away !== true && frame.inPackage === undefined && (frame.moved ?? '') === '';
  const all = atRoot && !run.elsewhere ? frame.workspaceScripts?.('turbo') : undefined;
  const reached = all !== undefined && all.length > 0 ? packageTasks(all, run) : undefined;
  if (!reached || reached.length > Math.max(0, frame.budget.left)) return unreadRun(run, frame.via);
  const ran = new Set(reached.map((r) => `${r.ws.dir}\0${r.task}`));
  const outcomes = reached.map((r) => runTask(r, run, frame, resolve, ran));
  return {
    found: outcomes.flatMap((o) => o.found),
    rejected: outcomes.some((o) => o.rejected),
    unknown: outcomes.some((o) => o.unknown),
    unread: outcomes.flatMap((o) => o.unread),
  };
}

/** Each task of the run with each package it runs in; undefined when a package it names is not there. */
function packageTasks(all: readonly WorkspaceScripts[], run: TurboRun): PackageTask[] | undefined {
  const picked = select(all, run);
  if (!picked) return undefined;
  const out: PackageTask[] = [];
  for (const written of run.tasks) {
    const hash = written.indexOf('#');
    if (hash < 0) {
      for (const ws of picked.packages) out.push({ ws, task: written, certain: picked.certain });
      continue;
    }
    const owner = written.slice(0, hash);
    const ws = all.find((w) => w.name === owner);
    if (!ws || hash === written.length - 1) return undefined;
    out.push({ ws, task: written.slice(hash + 1), certain: picked.certain && picked.packages.includes(ws) });
  }
  return out;
}

/**
 * The packages the filters select, and whether certainly those: every one without a filter; a
 * filter tp-doctor cannot read selects every one as a guess; undefined when a literal filter
 * matches no package (turbo fails: the run keeps a guess).
 */
function select(all: readonly WorkspaceScripts[], run: TurboRun): { packages: readonly WorkspaceScripts[]; certain: boolean } | undefined {
  if (run.filters.length === 0) return { packages: all, certain: !run.unknownSelection };
  if (!run.filters.every(readableFilter)) return { packages: all, certain: false };
  const hits = filterProjects(all, run.filters);
  return hits === undefined ? undefined : { packages: hits, certain: !run.unknownSelection };
}

/** A filter `filterProjects` reads as turbo does: a name (`*` patterns too), `//`, `./dir` or `./dir/*`. */
function readableFilter(filter: string): boolean {
  if (filter === '' || /[$`~!^[\]{}?,\\]|\.\.\./.test(filter)) return false;
  if (!filter.startsWith('.')) return true;
  const dir = cleanRepoPath(filter);
  if (dir === undefined || dir === '') return false;
  return !(dir.endsWith('/*') ? dir.slice(0, -2) : dir).includes('*');
}

/** What one package's task runs: its script, when turbo.json declares the task for it and it has one. */
function runTask(reached: PackageTask, run: TurboRun, frame: Frame, resolve: Resolve, ran: ReadonlySet<string>): Outcome {
  const { ws, task } = reached;
  const declared = ws.turbo?.tasks[task];
  if ((declared === undefined && ws.turbo?.complete === true) || !Object.hasOwn(ws.scripts, task)) return NOTHING;
  const sure = reached.certain && declared !== undefined && !run.unsure;
  const outcome = resolve(scriptRun(task, run.forwarded), ws.scripts, ws.dir === '' ? frame : workspaceFrame(frame, ws));
  const found = sure ? outcome.found : outcome.found.map((f) => ({ ...f, confidence: 'heuristic' as const }));
  const guesses = run.only || declared === undefined ? [] : dependsOnGuesses(declared.dependsOn, reached, run, frame, ran);
  return { ...outcome, found: [...found, ...guesses] };
}

/**
 * The tasks a task depends on whose names read like a publish, as guessed publishes: not
 * followed (`dependsOn` runs them before it), and not when the run runs them itself.
 */
function dependsOnGuesses(dependsOn: readonly string[], reached: PackageTask, run: TurboRun, frame: Frame, ran: ReadonlySet<string>): Found[] {
  const { ws, task } = reached;
  const guesses: Found[] = [];
  for (const dep of dependsOn) {
    const name = dep.slice(dep.indexOf('#') + 1).replace(/^\^/, '');
    if (dep.startsWith('$') || !namedLikePublish(name) || frame.via.some((v) => namesOtherDestination(v.script))) continue;
    const sameWs = !dep.includes('#') && !dep.startsWith('^');
    // `^publish` on every package the run runs `publish` in: those are the run's own.
    if ((sameWs && ran.has(`${ws.dir}\0${name}`)) || (dep.startsWith('^') && run.filters.length === 0 && !run.unknownSelection && run.tasks.includes(name))) continue;
    const label = `turbo run ${ws.name ?? ws.dir}#${task} (dependsOn ${dep}: not read)`;
    const found: Found = { recognizer: 'turbo-run', tool: 'other', label, confidence: 'heuristic', args: [], via: [...frame.via], flags: {}, runsUnread: true };
    if (sameWs && ws.dir !== '') found.inPackage = { selector: `./${ws.dir}`, depth: frame.via.length };
    guesses.push(found);
  }
  return chargeFound(frame, guesses.length, frame.budget.counted) ? guesses : [];
}

/**
 * The run when its packages cannot be read: a guessed publish when a task is named like one (not
 * with `-- --dry-run`), else undefined (a command tp-doctor cannot read, as before).
 */
function unreadRun(run: TurboRun, via: ViaScript[]): Outcome | undefined {
  if (forwardsDryRun(run.forwarded)) return { ...NOTHING, rejected: true };
  const names = run.tasks.map((t) => t.slice(t.indexOf('#') + 1));
  if (!names.some(namedLikePublish) || via.some((v) => namesOtherDestination(v.script))) return undefined;
  const found: Found = { recognizer: 'turbo-run', tool: 'other', label: `${run.label} (packages not read)`, confidence: 'heuristic', args: run.forwarded, via: [...via], flags: readFlags(run.forwarded, DEFAULT_FLAG_NAMES), runsUnread: true };
  return { ...NOTHING, found: [found] };
}
