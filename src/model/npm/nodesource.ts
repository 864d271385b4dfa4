/**
 * Node installed from NodeSource in a shell text (../data/nodesource.ts has the facts):
 * `curl -fsSL https://deb.nodesource.com/setup_22.x | sudo -E bash -` then `apt-get install -y
 * nodejs`. `nodeSourceIn` finds the two commands of a text (a setup script piped into a shell, the
 * package install after it) and whether each surely runs; `nodeSourceNode` turns them into the Node
 * of a later command when the job's image has no Node of its own (`NodeResolution.noNode`): the
 * newest release of the line in tp-doctor's table, unknown when either command may not run. Each
 * provider places it (../circleci/node-switch.ts, ../gitlab/node-switch.ts, ../github/node-switch.ts),
 * after the version managers, which put their own Node first on `PATH`.
 */
import type { Location } from '../../yaml/span.js';
import { NODESOURCE_FETCHERS, NODESOURCE_PACKAGE, NODESOURCE_PACKAGE_INSTALLS, NODESOURCE_SETUP, NODESOURCE_SHELLS, nodeSourceSpec } from '../data/nodesource.js';
import { basename, strip } from './command-words.js';
import { nodeResolution, resolveNodeSpec, type NodeOrigin, type NodeResolution } from './node-version.js';
import { commandEnd, scriptIndex } from './script-index.js';
import type { ShellCommand } from './shell-command.js';
import { memoByKey } from '../core/memo.js';

/** A command of the install, as written (its offsets in the text), and whether it surely runs when the text runs on. */
export interface NodeSourceCommand {
  text: string;
  offset: number;
  end: number;
  sure: boolean;
  /** Set when the command is in a step that may not run (a GitHub `if:`, CircleCI's `when`/`unless`): `sure` is then false. */
  inConditionalStep?: true;
}

/** The setup script's pipeline with the line it sets up (`22`, `lts`, `current`), and the package install after it. */
export interface NodeSourceInstall {
  setup?: NodeSourceCommand & { line: string };
  install?: NodeSourceCommand;
}

function runWords(cmd: ShellCommand): string[] {
  return strip(cmd.words.map((w) => w.value));
}

/** The text between two commands, line continuations removed. */
function between(text: string, from: number, to: number): string {
  return to - from > 200 ? '\n' : text.slice(from, to).replace(/\\\r?\n/g, ' ').trim();
}

/**
 * True when `cmd` (the first command of what `from`..`end` spans) runs whenever the text goes on
 * past it: not in a branch, loop, group, subshell or substitution, not followed by `||`, and at the
 * start of a line or after `;`, or after `&&` following a command that surely runs (`prev`).
 */
function surelyRuns(text: string, cmd: ShellCommand, end: number, prev: { cmd: ShellCommand; sure: boolean } | undefined): boolean {
  if (cmd.scope !== undefined || cmd.substitution === true || cmd.grouped === true) return false;
  if (/^[ \t]*(?:\\\r?\n[ \t]*)?\|\|/.test(text.slice(end, end + 64))) return false;
  const lineStart = text.lastIndexOf('\n', cmd.offset - 1) + 1;
  const before = text.slice(lineStart, cmd.offset).trim();
  if (before === '' || before.endsWith(';')) return true;
  if (prev === undefined || between(text, commandEnd(prev.cmd), cmd.offset) !== '&&') return false;
  return prev.sure;
}

function isSetupFetch(cmd: ShellCommand): RegExpExecArray | null {
  const words = runWords(cmd);
  if (!NODESOURCE_FETCHERS.includes(basename(words[0] ?? ''))) return null;
  for (const w of words.slice(1)) {
    const m = NODESOURCE_SETUP.exec(w);
    if (m) return m;
  }
  return null;
}

function isShell(cmd: ShellCommand | undefined): boolean {
  const words = cmd === undefined ? [] : runWords(cmd);
  return NODESOURCE_SHELLS.includes(basename(words[0] ?? '')) && words.slice(1).every((w) => w.startsWith('-'));
}

function isPackageInstall(cmd: ShellCommand): boolean {
  const words = runWords(cmd);
  const bin = basename(words[0] ?? '');
  const row = NODESOURCE_PACKAGE_INSTALLS.find((r) => r.bin === bin);
  if (row === undefined) return false;
  const rest = words.slice(1).filter((w) => !w.startsWith('-'));
  return rest[0] === row.sub && rest.slice(1).some((w) => w === NODESOURCE_PACKAGE || w.startsWith(`${NODESOURCE_PACKAGE}=`));
}

/**
 * Whether `text` names NodeSource or its package at all. Each publish of a shell asks about the same
 * text (a GitLab job's joined script lines, a `run:` of thousands of lines), so a long text's answer
 * is kept: looked for in it again per publish, the search grew with the square of its lines.
 */
function mentionsNodeSource(text: string): boolean {
  if (text.length < MENTION_CACHE_MIN) return text.includes('nodesource') || text.includes(NODESOURCE_PACKAGE);
  let known = mentionCache.get(text);
  if (known !== undefined) return known;
  known = text.includes('nodesource') || text.includes(NODESOURCE_PACKAGE);
  mentionCache.set(text, known);
  mentionCacheChars += text.length;
  // Bounded, oldest dropped first (strings cannot key a WeakMap), as ./script-index.ts's cache.
  while (mentionCache.size > 1 && mentionCacheChars > MENTION_CACHE_CHARS) {
    const oldest = mentionCache.keys().next().value!;
    mentionCache.delete(oldest);
    mentionCacheChars -= oldest.length;
  }
  return known;
}

/** Texts shorter than this are searched each time; longer ones once, up to this many characters in all. */
const MENTION_CACHE_MIN = 4096;
const MENTION_CACHE_CHARS = 4 * 1024 * 1024;
const mentionCache = new Map<string, boolean>();
let mentionCacheChars = 0;

/**
 * The last NodeSource setup of `text` that ends before `before`, and the first package install of
 * `nodejs` after it (before `before` too); without a setup, the last such install alone.
 */
export function nodeSourceIn(text: string, before = Number.POSITIVE_INFINITY): NodeSourceInstall {
  if (!mentionsNodeSource(text)) return {};
  const walk = nodeSourceWalk(text);
  // The walk with no limit, read once per text (a step of thousands of publish lines asks once per
  // publish): until its first iteration that looks at a command ending after `before`, the walk up
  // to `before` does the same; from there on it runs as it always did.
  const j = firstAbove(walk.reach, before);
  if (j === undefined) return walk.out;
  const from = walk.iterations[j]!;
  return walkCommands(text, walk.commands, before, from.i, from.out, from.prev);
}

/** `nodeSourceIn` walked from the text's first command each time, as it was before the walk was read once per text (for tests). */
export function nodeSourceInWalked(text: string, before = Number.POSITIVE_INFINITY): NodeSourceInstall {
  if (!mentionsNodeSource(text)) return {};
  return walkCommands(text, scriptIndex(text).commands.filter((c) => c.substitution !== true), before, 0, {}, undefined);
}

type Prev = { cmd: ShellCommand; sure: boolean } | undefined;
interface Iteration {
  /** The command the iteration starts at, and the state before it. */
  i: number;
  out: NodeSourceInstall;
  prev: Prev;
}
interface NodeSourceWalk {
  commands: ShellCommand[];
  iterations: Iteration[];
  /** Per iteration, the furthest end of a command it or an earlier one compares with `before`. */
  reach: number[];
  out: NodeSourceInstall;
}

/** The first index whose value is above `before` in a non-decreasing list, undefined when none. */
function firstAbove(values: readonly number[], before: number): number | undefined {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! > before) hi = mid;
    else lo = mid + 1;
  }
  return lo < values.length ? lo : undefined;
}

/** The last few texts walked with no limit (`nodeSourceIn`), remembered by the project's bounded memo. */
const nodeSourceWalk: (text: string) => NodeSourceWalk = memoByKey(walkWhole, 8);

function walkWhole(text: string): NodeSourceWalk {
  const commands = scriptIndex(text).commands.filter((c) => c.substitution !== true);
  const iterations: Iteration[] = [];
  const reach: number[] = [];
  const out = walkCommands(text, commands, Number.POSITIVE_INFINITY, 0, {}, undefined, (iteration, end) => {
    iterations.push(iteration);
    reach.push(Math.max(reach[reach.length - 1] ?? Number.NEGATIVE_INFINITY, end));
  });
  return { commands, iterations, reach, out };
}

/**
 * The walk of `nodeSourceIn` from command `start` with the state it had there. `record` gets each
 * iteration's start and state, and the end of the command it compares with `before` (the shell's
 * of a setup, else its own).
 */
function walkCommands(text: string, commands: readonly ShellCommand[], before: number, start: number, from: NodeSourceInstall, fromPrev: Prev, record?: (iteration: Iteration, end: number) => void): NodeSourceInstall {
  let out = from;
  let prev = fromPrev;
  for (let i = start; i < commands.length; i++) {
    const cmd = commands[i]!;
    const fetch = isSetupFetch(cmd);
    const shell = commands[i + 1];
    const setupShell = fetch && isShell(shell) && between(text, commandEnd(cmd), shell!.offset) === '|';
    record?.({ i, out, prev }, setupShell ? commandEnd(shell!) : commandEnd(cmd));
    if (setupShell && commandEnd(shell!) <= before) {
      const end = commandEnd(shell!);
      const sure = surelyRuns(text, cmd, end, prev);
      out = { setup: { text: text.slice(cmd.offset, end).trim(), offset: cmd.offset, end, sure, line: fetch[1]! } };
      prev = { cmd: shell!, sure };
      i++;
      continue;
    }
    if (commandEnd(cmd) > before) break;
    const sure = surelyRuns(text, cmd, commandEnd(cmd), prev);
    if (isPackageInstall(cmd) && (out.setup === undefined || out.install === undefined)) {
      out = { ...out, install: { text: cmd.text.trim(), offset: cmd.offset, end: commandEnd(cmd), sure } };
    }
    prev = { cmd, sure };
  }
  return out;
}

/** The line as written in the setup command, for a fix that names another (`setup_22.x` → `setup_24.x`): only where it is the first such text of the command. */
function setupCommand(setup: NodeSourceCommand & { line: string }): Pick<NodeOrigin, 'command'> {
  const at = setup.text.indexOf(`setup_${setup.line}.x`);
  return at >= 0 && setup.text.indexOf(setup.line) === at + 'setup_'.length ? { command: { text: setup.text, spec: setup.line } } : {};
}

/** Where a command of the install is, for its origin. */
export type LocateCommand = (command: NodeSourceCommand) => Location;

/**
 * The Node after a NodeSource setup (`setup`) and its package install (`install`, maybe from a later
 * step), in a job whose image `base` has no Node of its own: that line's newest release in the
 * table; unknown when either may not run. Undefined when it changes nothing: the image has a Node
 * (first on `PATH`), or no install of `nodejs` follows the setup.
 */
export function nodeSourceNode(base: NodeResolution, setup: NodeSourceCommand & { line: string }, install: NodeSourceCommand | undefined, at: LocateCommand, installAt: LocateCommand = at): NodeResolution | undefined {
  if (base.noNode === undefined || install === undefined) return undefined;
  const origins: NodeOrigin[] = [
    { label: `\`${setup.text}\``, kind: 'command', at: at(setup), ...setupCommand(setup) },
    { label: `\`${install.text}\``, kind: 'command', at: installAt(install) },
    ...base.origins,
  ];
  const spec = nodeSourceSpec(setup.line);
  if (!setup.sure || !install.sure) {
    const unsure = setup.sure ? install : setup;
    const why = unsure.inConditionalStep === true ? 'is in a step that runs only under a condition' : 'runs in a branch or may fail (`||`) before it';
    return { unknown: `\`${unsure.text}\` ${why}, so whether Node "${spec}" from NodeSource is installed is not known`, origins };
  }
  const res = nodeResolution(resolveNodeSpec(spec), origins);
  if (res.unknown !== undefined) return { ...res, unknown: `\`${setup.text}\` sets up a Node line tp-doctor cannot resolve (${res.unknown})` };
  if (base.noNode === 'assumed') res.assumed = `${base.origins[0]?.label ?? 'the image'} is taken to ship no Node of its own, so the one NodeSource installs is the one on PATH`;
  return res;
}

/** A step read for NodeSource (`nodeSourceSteps`). */
export interface NodeSourceStep {
  /** The step's shell text. */
  text: string;
  locate: LocateCommand;
  /** True when the step may not run although the publish does: a GitHub `if:` not always true, CircleCI's `when:`/`unless:`. */
  conditional: boolean;
  /** False for a step before the job's last setup action (`actions/setup-node`), whose Node is first on `PATH` after it: its NodeSource changes nothing. */
  afterSetupAction: boolean;
  /** Only the text before this offset counts (the publishing step's own text, before the publish). */
  before?: number;
}

function inStep<C extends NodeSourceCommand>(command: C | undefined, conditional: boolean): C | undefined {
  return command === undefined || !conditional ? command : { ...command, sure: false, inConditionalStep: true };
}

/**
 * Reads the steps of a job for the Node NodeSource installs, the publishing step first, then the
 * earlier ones latest first: each call gives the Node of the latest setup read so far
 * (`nodeSourceNode`, with the package install of its own step or the nearest later one, a sure one
 * first), undefined while none decides it. A setup or an install in a conditional step is not
 * sure, so the Node is unknown: another step may have set up another line, or none (a legacy step
 * under `if: inputs.legacy` with `setup_20.x` after one under `if: !inputs.legacy` with `setup_24.x`).
 */
export function nodeSourceSteps(base: NodeResolution): (step: NodeSourceStep) => NodeResolution | undefined {
  let later: { install: NodeSourceCommand; at: LocateCommand } | undefined;
  return (step) => {
    if (!step.afterSetupAction) return undefined;
    const got = nodeSourceIn(step.text, step.before);
    const install = inStep(got.install, step.conditional);
    const setup = inStep(got.setup, step.conditional);
    if (setup) return nodeSourceNode(base, setup, install ?? later?.install, step.locate, install ? step.locate : later?.at);
    if (install && (later === undefined || (!later.install.sure && install.sure))) later = { install, at: step.locate };
    return undefined;
  };
}
