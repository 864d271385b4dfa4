/**
 * The version manager commands of a shell text (../data/node-managers.ts has their shapes): what
 * each asks for (a version as written, the version files it reads, why none can be read), and the
 * commands that load a manager (`source ~/.nvm/nvm.sh`). ./node-switch.ts decides what they do to
 * the Node of a later command.
 */
import { MANAGER_LOADS, NODE_MANAGER_COMMANDS, type NodeManagerCommand } from '../data/node-managers.js';
import { basename, strip } from './command-words.js';
import { commandEnd, scriptIndex } from './script-index.js';
import { splitOption, type ShellCommand } from './shell.js';
import { changeWords } from './shell-scope-walk.js';

/** What a manager command asks for: a version as written, the version files it reads, why it names none tp-doctor can read, or no Node change. */
export type ManagerAsk = { spec: string } | { files: { names: readonly string[]; upward: boolean } } | { unknown: string } | { none: true };

/** A manager command of a script. */
export interface ManagerCall {
  command: NodeManagerCommand;
  /** The command as written. */
  text: string;
  offset: number;
  end: number;
  ask: ManagerAsk;
  /** An option that installs another npm right after (nvm's `--latest-npm`). */
  npmFlag?: string;
}

/** A command that loads a manager (or a profile that may): `source ~/.nvm/nvm.sh`, `eval "$(fnm env)"`. */
export interface LoadCall {
  load: string;
  offset: number;
}

/** The words of a command as it runs: reserved words before it, assignments and prefixes (`sudo`) removed. */
function runWords(cmd: ShellCommand): string[] {
  return strip([...changeWords(cmd.words.map((w) => w.value))]);
}

/** Versions that name no one release: a range, an alias, a variable (GitHub expressions are read by the caller). */
export function checkSpec(command: NodeManagerCommand, spec: string, text: string): ManagerAsk | undefined {
  if (/[$`]/.test(spec.replace(/\$\{\{[^}]*\}\}/g, ''))) return { unknown: `\`${text}\` before it switches to a Node version held in a shell variable, which tp-doctor cannot read` };
  const alias = command.releaseAliases;
  if (alias?.names.includes(spec.toLowerCase()) === true) return { unknown: `\`${text}\` before it ${alias.why}` };
  if (command.floatingVersions?.includes(spec.toLowerCase())) return { unknown: `\`${text}\` before it switches to "${spec}", a Node release line that moves, which tp-doctor does not pin to one version` };
  return undefined;
}

/** `--lts=<codename>`: `lts/<codename>`; `--lts` alone, or `--latest`, a line that moves. */
function floatingFlag(command: NodeManagerCommand, word: string, text: string): ManagerAsk | undefined {
  const { name, inline } = splitOption(word);
  if (!command.floatingFlags?.includes(name)) return undefined;
  if (inline !== undefined && inline !== '' && name === '--lts') return { spec: `lts/${inline}` };
  return { unknown: `\`${text}\` before it switches to the newest Node release of a line that moves (\`${name}\`), which tp-doctor does not pin to one version` };
}

/** The operands of a manager command and what its options say (`undefined` operands: an option stops the reading). */
function readArgs(command: NodeManagerCommand, args: readonly string[], text: string): { operands: string[]; flag?: ManagerAsk; npmFlag?: string } | { none: true } {
  const operands: string[] = [];
  let flag: ManagerAsk | undefined;
  let npmFlag: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (!word.startsWith('-') || word === '-') {
      operands.push(word);
      continue;
    }
    const { name, inline } = splitOption(word);
    if (command.noChangeFlags?.includes(name)) return { none: true };
    if (command.npmFlags?.includes(name)) npmFlag = name;
    flag ??= floatingFlag(command, word, text);
    if (inline === undefined && command.valueFlags.includes(name)) i++;
  }
  return { operands, ...(flag ? { flag } : {}), ...(npmFlag ? { npmFlag } : {}) };
}

/** What the operands ask for, by where the command takes its version (`NodeManagerCommand.version`). */
function askOf(command: NodeManagerCommand, operands: readonly string[], text: string): ManagerAsk {
  const how = command.version;
  let spec: string | undefined;
  if (how === 'operand') spec = operands[0];
  else if ('at' in how) {
    const tool = operands.find((o) => how.at.includes(o.split('@')[0]!.toLowerCase()));
    if (tool === undefined) return { none: true };
    const at = tool.indexOf('@');
    // `volta install node`, `mise use node`: the latest (LTS) release, not one version.
    if (at < 0) return { unknown: `\`${text}\` before it switches to the newest Node release, which tp-doctor does not pin to one version` };
    spec = tool.slice(at + 1);
  } else {
    const index = operands.findIndex((o) => how.after.includes(o.toLowerCase()));
    if (index < 0) return { none: true };
    spec = operands[index + 1];
    if (spec === undefined) return { none: true };
  }
  if (spec === undefined) return command.versionFiles ? { files: command.versionFiles } : { none: true };
  return checkSpec(command, spec, text) ?? { spec };
}

/** The manager command `cmd` runs, if any (`NODE_MANAGER_COMMANDS`). */
export function readManagerCall(cmd: ShellCommand): ManagerCall | undefined {
  const words = runWords(cmd);
  const bin = words[0] === undefined ? undefined : basename(words[0]);
  if (bin === undefined) return undefined;
  for (const command of NODE_MANAGER_COMMANDS) {
    if (command.bin !== bin || !command.sub.every((s, i) => words[i + 1] === s)) continue;
    const args = words.slice(1 + command.sub.length);
    if (command.sub.length === 0 && (args.length === 0 || command.otherCommands?.includes(args.find((a) => !a.startsWith('-')) ?? ''))) return undefined;
    // As written from its own first word (`then nvm use 24` is `nvm use 24`), `sudo` kept.
    const first = cmd.words[cmd.words.length - changeWords(cmd.words.map((w) => w.value)).length];
    const offset = first?.offset ?? cmd.offset;
    const text = cmd.text.slice(offset - cmd.offset).trim();
    const read = readArgs(command, args, text);
    const base = { command, text, offset, end: commandEnd(cmd) };
    if ('none' in read) return { ...base, ask: { none: true } };
    // `n` with no operand (its menu) or an option only: no version to switch to.
    if (command.sub.length === 0 && read.operands.length === 0) return undefined;
    const ask = read.operands.length === 0 && read.flag ? read.flag : askOf(command, read.operands, text);
    return { ...base, ask, ...(read.npmFlag ? { npmFlag: read.npmFlag } : {}) };
  }
  return undefined;
}

/** `source <file>` / `. <file>` / `eval "$(<command>)"` that loads a manager (`MANAGER_LOADS`). */
function readLoad(cmd: ShellCommand): LoadCall | undefined {
  const words = runWords(cmd);
  const first = words[0];
  if (first === 'source' || first === '.') {
    const file = words[1] ?? '';
    const found = MANAGER_LOADS.find((l) => l.sourced?.test(file));
    return found ? { load: found.manager, offset: cmd.offset } : undefined;
  }
  if (first !== 'eval') return undefined;
  const found = MANAGER_LOADS.find((l) => l.evals?.test(cmd.text));
  return found ? { load: found.manager, offset: cmd.offset } : undefined;
}

/** The manager and load commands of a script, by text (a bounded cache: the same `run:` is asked about per publish). */
const callsCache = new Map<string, readonly { cmd: ShellCommand; call?: ManagerCall; load?: LoadCall }[]>();
// One entry per distinct `run:` text a job asks about (up to the 2,000 steps of a job): with fewer, a job of
// many steps evicted each text before its next publish asked again, and every publish re-split them all.
const MAX_CACHED = 2048;
const MANAGER_BINS = new Set([...NODE_MANAGER_COMMANDS.map((c) => c.bin), 'source', '.', 'eval']);

export function managerCommandsIn(text: string): readonly { cmd: ShellCommand; call?: ManagerCall; load?: LoadCall }[] {
  const known = callsCache.get(text);
  if (known) return known;
  const out: { cmd: ShellCommand; call?: ManagerCall; load?: LoadCall }[] = [];
  for (const cmd of scriptIndex(text).commands) {
    if (!cmd.words.some((w) => MANAGER_BINS.has(basename(w.value)))) continue;
    const call = readManagerCall(cmd);
    const load = call ? undefined : readLoad(cmd);
    if (call) out.push({ cmd, call });
    else if (load) out.push({ cmd, load });
  }
  if (callsCache.size >= MAX_CACHED) callsCache.delete(callsCache.keys().next().value!);
  callsCache.set(text, out);
  return out;
}

/** The manager calls of a script, anywhere in it (for a later step's Node: every one may have run). */
export function managerCallsIn(text: string): ManagerCall[] {
  return managerCommandsIn(text).flatMap((c) => (c.call && !('none' in c.call.ask) ? [c.call] : []));
}

/**
 * The runner a publish runs under, when it is a manager's (`mise x node@24 --`, `PathShim.path` with
 * `holds: runtime`) that names a Node version and no npm of its own; undefined otherwise (the
 * runner's unknown npm stands).
 */
export function runtimeCall(runtime: string): ManagerCall | undefined {
  const cmd = scriptIndex(runtime).commands[0];
  const call = cmd === undefined ? undefined : readManagerCall(cmd);
  if (call === undefined || call.command.reach.length > 0 || !('spec' in call.ask)) return undefined;
  return runWords(cmd!).some((w) => /^npm(?:@|$)/.test(w)) ? undefined : call;
}
