/**
 * Runners of several scripts or commands (`ScriptRunner.chain`, `ScriptChain` in
 * ../data/publish-tools.ts): `run-s build pub`, `run-p pub`, `npm-run-all -s build -p 'pub:*'`,
 * `concurrently "npm run a" "npm:b"`. Each operand is read as the command it becomes (`npm run pub`,
 * the quoted command) in the same frame, so a certain publish through them is as certain as in
 * `npm run build && npm run pub`. A script pattern tp-doctor cannot expand (the scripts are not
 * known, a variable, concurrently's `(!x)` exclusion) is a command it cannot read, as are the
 * commands beyond `MAX_CHAIN_COMMANDS` and the patterns beyond the call's budget.
 */
import { SCRIPT_RUNNERS, type ScriptChain } from '../data/publish-tools.js';
import { compileGlobs } from '../../fs/globs.js';
import { splitOption } from './shell.js';
import { shellQuote } from './shell-words.js';
import { MAX_COMMAND_NESTING, type Frame, type Outcome, type Recognize } from './publish-match.js';

/** Operands read at most from one command (each may expand to many scripts). */
const MAX_OPERANDS = 64;

/**
 * Commands read at most from one chain, its patterns expanded: beyond them the chain is a command
 * tp-doctor cannot read (a hostile package.json's `run-s 's*'` over 20,000 scripts, review of 2026-12-06).
 */
export const MAX_CHAIN_COMMANDS = 64;

/** The bins of the chain runners. */
export const CHAIN_BINS: ReadonlySet<string> = new Set(SCRIPT_RUNNERS.filter((r) => r.chain).map((r) => r.bin));

/** The commands a chain runner's words run, and whether some operand could not be read. */
export interface ChainCommands {
  commands: string[];
  unread: boolean;
}

/**
 * What `words` (a chain runner's command, `bin` its bin) run, read with `recognize` in `frameOf()` (made only for a chain runner);
 * undefined when `bin` is no chain runner. Nothing for `--help`/`--version`.
 */
export function runScriptChain(bin: string, words: readonly string[], frameOf: () => Frame, recognize: Recognize): Outcome | undefined {
  const chain = SCRIPT_RUNNERS.find((r) => r.bin === bin)?.chain;
  if (!chain) return undefined;
  const frame = frameOf();
  const nested = (frame.commandDepth ?? 0) + 1;
  const unknown: Outcome = { found: [], rejected: false, unknown: true, unread: [{ words: [...words], via: [...frame.via] }] };
  if (nested > MAX_COMMAND_NESTING) return unknown;
  const { commands, unread } = chainCommands(chain, words, frame.scripts, frame.budget);
  if (commands.length > Math.max(0, frame.budget.left)) return unknown;
  const outcomes = commands.map((c) => recognize(c, { ...frame, commandDepth: nested }));
  if (unread) outcomes.push(unknown);
  return {
    found: outcomes.flatMap((o) => o.found),
    rejected: outcomes.some((o) => o.rejected),
    unknown: outcomes.some((o) => o.unknown),
    unread: outcomes.flatMap((o) => o.unread),
  };
}

/**
 * The commands the operands of `words` become, in order, each script once, at most
 * `MAX_CHAIN_COMMANDS`. Each pattern expanded is charged to `budget` (the call's, `Frame.budget`):
 * one spent is a pattern not read.
 */
export function chainCommands(chain: ScriptChain, words: readonly string[], scripts: Record<string, string> | undefined, budget: { left: number }): ChainCommands {
  const { operands, extra, printOnly } = readWords(chain, words);
  if (printOnly) return { commands: [], unread: false };
  const commands = new Set<string>();
  let unread = operands.length > MAX_OPERANDS;
  const nodeRun = chain.nodeRunFlags?.some((f) => words.includes(f)) === true;
  const expand = (pattern: string): string[] | undefined => (budget.left-- > 0 ? matchingScripts(chain, pattern, scripts) : undefined);
  for (const operand of operands.slice(0, MAX_OPERANDS)) {
    const text = withPlaceholders(operand, extra);
    const expanded = chain.operands === 'scripts' ? scriptOperand(text, expand, nodeRun ? 'node --run' : 'npm run') : commandOperand(chain, text, expand);
    if (expanded === undefined) unread = true;
    else for (const c of expanded) commands.add(c);
    if (commands.size > MAX_CHAIN_COMMANDS) return { commands: [...commands].slice(0, MAX_CHAIN_COMMANDS), unread: true };
  }
  return { commands: [...commands], unread };
}

/** The operands, the words after `--` that fill placeholders, and whether an option only prints. */
function readWords(chain: ScriptChain, words: readonly string[]): { operands: string[]; extra: string[]; printOnly: boolean } {
  const operands: string[] = [];
  let extra: string[] = [];
  const passthrough = chain.passthrough === 'always' || words.some((w) => chain.passthrough.includes(w));
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') {
      if (passthrough) extra = words.slice(i + 1);
      else operands.push(...words.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      operands.push(word);
      continue;
    }
    const { name, inline } = splitOption(word);
    const combined = chain.combinable !== undefined && /^-[a-z]{2,}$/.test(word) && [...word.slice(1)].every((c) => chain.combinable!.includes(c));
    if (chain.printOnly.includes(name) && !combined) return { operands: [], extra: [], printOnly: true };
    if (!chain.valueFlags.includes(name) || inline !== undefined) {
      if (inline !== undefined && chain.commandFlags?.includes(name) === true) operands.push(inline);
      continue;
    }
    const value = words[++i];
    if (value !== undefined && chain.commandFlags?.includes(name) === true) operands.push(value);
  }
  return { operands, extra, printOnly: false };
}

/** `{1}`, `{@}`, `{*}` replaced by the arguments after `--` (npm-run-all's and concurrently's placeholders). */
function withPlaceholders(operand: string, extra: readonly string[]): string {
  if (!operand.includes('{')) return operand;
  return operand.replace(/\{(@|\*|\d{1,2})\}/g, (_, key: string) => {
    if (key === '@') return extra.map(shellQuote).join(' ');
    if (key === '*') return shellQuote(extra.join(' '));
    const value = extra[Number(key) - 1];
    return value === undefined ? '' : shellQuote(value);
  });
}

const GLOB_CHARS = /[*?[{]/;

/** The scripts a pattern selects (`matchingScripts`), charged to the call's budget. */
type Expand = (pattern: string) => string[] | undefined;

/**
 * npm-run-all's operand: a script name pattern, then its arguments (`"build -- --prod"`), run as
 * `<run> <name> <arguments>` for each script it names; undefined when the pattern cannot be expanded.
 * A literal name is run as written (`npm run x` then reads it, or guesses when it is not there).
 */
function scriptOperand(operand: string, expand: Expand, run: string): string[] | undefined {
  const trimmed = operand.trim();
  const space = trimmed.search(/\s/);
  const pattern = space < 0 ? trimmed : trimmed.slice(0, space);
  const args = space < 0 ? '' : trimmed.slice(space);
  if (pattern === '') return [];
  if (/[$`]/.test(pattern)) return undefined;
  if (!GLOB_CHARS.test(pattern)) return [`${run} ${shellQuote(pattern)}${args}`];
  return expand(pattern)?.map((name) => `${run} ${shellQuote(name)}${args}`);
}

/**
 * concurrently's operand: a shell command, or `<prefix>:<script> [args]` (`npm:build`, `npm:lint:*`),
 * the script run by that prefix's command.
 */
function commandOperand(chain: ScriptChain, operand: string, expand: Expand): string[] | undefined {
  const trimmed = operand.trim();
  const m = /^([a-z]+):(?=\S)/.exec(trimmed);
  const run = m ? chain.shorthands?.[m[1]!] : undefined;
  if (!m || run === undefined) return [operand];
  const rest = trimmed.slice(m[0].length);
  const space = rest.search(/\s/);
  const [script, args] = space < 0 ? [rest, ''] : [rest.slice(0, space), rest.slice(space)];
  if (/[$`]/.test(script)) return undefined;
  if (!script.includes('*')) return [`${run} ${shellQuote(script)}${args}`];
  return expand(script)?.map((name) => `${run} ${shellQuote(name)}${args}`);
}

/**
 * The scripts a pattern selects, in the order package.json lists them, at most one more than
 * `MAX_CHAIN_COMMANDS` (enough to tell the chain is too long); undefined when they cannot be known.
 */
function matchingScripts(chain: ScriptChain, pattern: string, scripts: Record<string, string> | undefined): string[] | undefined {
  if (scripts === undefined) return undefined;
  const test = scriptTest(chain, pattern);
  if (test === undefined) return undefined;
  const names: string[] = [];
  for (const name in scripts) {
    if (!Object.hasOwn(scripts, name) || !test(name)) continue;
    if (names.push(name) > MAX_CHAIN_COMMANDS) break;
  }
  return names;
}

/** Whether a script name matches `pattern`; undefined when the pattern cannot be read. */
function scriptTest(chain: ScriptChain, pattern: string): ((name: string) => boolean) | undefined {
  if (chain.glob === 'segments') {
    const matches = compileGlobs([pattern.replaceAll(':', '/')], { dot: true });
    return (n) => matches(n.replaceAll(':', '/'));
  }
  // concurrently: `lint:*(!fix)` runs every `lint:*` but those whose `*` part matches `fix` (a
  // regular expression there, read only when it is plain text).
  const omission = /\(!([^)]*)\)/.exec(pattern);
  const left = omission?.[1];
  if (left !== undefined && !/^[\w:-]+$/.test(left)) return undefined;
  const glob = omission ? pattern.replace(omission[0], '') : pattern;
  const [before, after] = [glob.slice(0, glob.indexOf('*')), glob.slice(glob.indexOf('*') + 1)];
  return (n) => n.length >= before.length + after.length && n.startsWith(before) && n.endsWith(after) && (left === undefined || !n.slice(before.length, n.length - after.length).includes(left));
}
