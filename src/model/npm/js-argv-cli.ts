/**
 * The subcommands of a committed JavaScript file built with commander, cac or yargs, for
 * ./js-argv-dispatch.ts: a run whose first argument is `build` does not run the action of
 * `program.command('publish').action(…)` (commander), `cli.command('publish').action(…)` (cac) or
 * the handler of `yargs(hideBin(process.argv)).command('publish', desc, builder, handler)` [doc:
 * commander, cac and yargs READMEs: a subcommand's action runs when its name is the first operand].
 * Read from the tokens (./js-tokens.ts), exactly and conservatively; anything else decides nothing:
 *
 * - the program is `const program = new Command()` (`new commander.Command()`), commander's
 *   `program` imported by name, `const cli = cac(…)` or `yargs(…)` (called at the chain's head or
 *   bound once), in a file that names the library; every other use of its name is the head of a
 *   call chain (`program.x(…)`): an alias, an argument (`addCommand(sub)`) or a reassignment
 *   decides nothing for the whole file;
 * - it reads the arguments the run passes: `parse()` / `parseAsync()` with no arguments or
 *   `process.argv` (commander, cac), `yargs()`, `yargs(hideBin(process.argv))` or
 *   `yargs(process.argv.slice(2))` (`hideBin` from yargs/helpers) and `parse()` with none of them or one of those: any other
 *   `parse(…)` of a program decides nothing for the whole file;
 * - a commander or cac chain holds one `.command('name …')` right after the program, no `.alias()`
 *   or `.aliases()`, no `isDefault`; a yargs `.command('name …', …)` has a string name and no
 *   `aliases`. A default command (`'*'`, `'$0'`, `'[files]'`, `isDefault`) or `program.action(…)`
 *   is never left out;
 * - the first argument passed is known and no option (commander reads options before the command).
 */
import { isPunct, literalText } from './js-tokens.js';
import type { BracketedTokens } from './js-argv-changes.js';

type Kind = 'commander' | 'cac' | 'yargs';

/** What the subcommands of the file leave out: token ranges `[from, to]`, and the `process` tokens a parse only reads. */
export interface CliReach {
  unreached: [number, number][];
  readOnly: Set<number>;
}

const COMMAND_NAME = /^[A-Za-z0-9][\w:.-]*$/;
const LIBRARIES: Record<Kind, RegExp> = { commander: /^(?:commander|@commander-js\/extra-typings)$/, cac: /^cac$/, yargs: /^yargs(?:\/yargs)?$/ };

interface Segment {
  name: string;
  /** The `(` and `)` of its call, when it is one. */
  open?: number;
  close?: number;
}

/** What one file's reading shares: its tokens, the libraries it names and the `process` tokens a parse only reads. */
interface Reader {
  b: BracketedTokens;
  libraries: Set<Kind>;
  /** The file names yargs/helpers (where yargs' `hideBin` comes from). */
  helpers: boolean;
  readOnly: Set<number>;
}

/** The subcommands a run whose first argument is `first` does not reach (see the file comment); undefined when nothing is decided. */
export function cliReach(b: BracketedTokens, first: string | undefined): CliReach | undefined {
  if (first?.startsWith('-') === true) return undefined;
  const r = librariesNamed(b);
  if (r.libraries.size === 0) return undefined;
  const found = programsOf(r);
  if (found === undefined) return undefined;
  const { programs, declared } = found;
  const t = b.tokens;
  const unreached: [number, number][] = [];
  let decided = false;
  const marks = defaultMarks(b);
  for (let i = 0; i < t.length; i++) {
    const x = t[i]!;
    if (x.kind !== 'ident' || isPunct(t[i - 1], '.')) continue;
    const named = programs.get(x.raw);
    const headCall = named === undefined && r.libraries.has('yargs') && is(t, i, 'yargs', '(');
    if (named === undefined && !headCall) continue;
    if (named !== undefined && (declared.get(x.raw) ?? 0) > 1) return undefined;
    let k = i + 1;
    if (headCall) {
      const close = b.close.get(i + 1)!;
      if (!readsArgs(r, i + 1, close, 'yargs')) return undefined;
      k = close + 1;
    } else if (!isPunct(t[k], '.')) {
      if (!isOwnDeclaration(b, i)) return undefined;
      continue;
    }
    const kind = named ?? 'yargs';
    const chain = chainFrom(b, k);
    for (const s of chain) if ((s.name === 'parse' || s.name === 'parseAsync') && (s.open === undefined || !readsArgs(r, s.open, s.close!, kind))) return undefined;
    decided = chainUnreached(b, chain, kind, first, marks, unreached) || decided;
  }
  return decided ? { unreached, readOnly: r.readOnly } : undefined;
}

/** Whether the tokens from `i` are the non-string, non-template tokens `raws`. */
function is(t: BracketedTokens['tokens'], i: number, ...raws: string[]): boolean {
  return raws.every((raw, k) => t[i + k]?.raw === raw && t[i + k]!.kind !== 'string' && t[i + k]!.kind !== 'template');
}

/** The libraries the file's strings name, and whether it names yargs/helpers. */
function librariesNamed(b: BracketedTokens): Reader {
  const libraries = new Set<Kind>();
  let helpers = false;
  for (const x of b.tokens) {
    const text = x.kind === 'string' ? x.value : undefined;
    if (text !== undefined) for (const k of Object.keys(LIBRARIES) as Kind[]) if (LIBRARIES[k].test(text)) libraries.add(k);
    helpers ||= text === 'yargs/helpers';
  }
  return { b, libraries, helpers, readOnly: new Set<number>() };
}

/** The arguments `[open, close]` read the run's arguments as the library expects: its `process` token then only reads them. */
function readsArgs(r: Reader, open: number, close: number, kind: Kind): boolean {
  const t = r.b.tokens;
  const argv = open + 1;
  if (close === argv) return true;
  const bare = kind === 'yargs' ? undefined : argv;
  // yargs' own `hideBin` (imported from yargs/helpers) only slices the list.
  const hidden = kind === 'yargs' && r.helpers && is(t, argv, 'hideBin', '(', 'process', '.', 'argv', ')') && close === argv + 6 ? argv + 2 : undefined;
  const at = bare !== undefined && is(t, argv, 'process', '.', 'argv') && close === argv + 3 ? bare : hidden;
  if (at !== undefined) r.readOnly.add(at);
  return at !== undefined || (kind === 'yargs' && is(t, argv, 'process', '.', 'argv', '.', 'slice', '(', '2', ')') && close === argv + 8);
}

/**
 * The programs, by name (`const NAME = new Command(…)`, `= cac(…)`, `= yargs(…)`, commander's
 * `program` imported), and how often each name is declared; undefined when a bound `yargs(…)` reads
 * other arguments.
 */
function programsOf(r: Reader): { programs: Map<string, Kind>; declared: Map<string, number> } | undefined {
  const { b } = r;
  const t = b.tokens;
  const programs = new Map<string, Kind>();
  const declared = new Map<string, number>();
  for (let i = 1; i < t.length; i++) {
    const x = t[i]!;
    if (x.kind !== 'ident' || isPunct(t[i - 1], '.')) continue;
    if (['const', 'let', 'var', 'function', 'class', 'import'].includes(t[i - 1]!.raw) || isPunct(t[i - 1], ',') || isPunct(t[i - 1], '{')) declared.set(x.raw, (declared.get(x.raw) ?? 0) + 1);
    if (!['const', 'let', 'var'].includes(t[i - 1]!.raw) || !isPunct(t[i + 1], '=')) continue;
    const v = i + 2;
    const kind: Kind | undefined = is(t, v, 'new', 'Command', '(') || is(t, v, 'new', 'commander', '.', 'Command', '(') ? 'commander' : is(t, v, 'cac', '(') ? 'cac' : is(t, v, 'yargs', '(') ? 'yargs' : undefined;
    if (kind === undefined || !r.libraries.has(kind)) continue;
    const open = kind === 'commander' ? (t[v + 2]!.raw === '(' ? v + 2 : v + 4) : v + 1;
    const close = b.close.get(open)!;
    if (kind === 'yargs' && !readsArgs(r, open, close, 'yargs')) return undefined;
    if (isPunct(t[close + 1], ';') || t[close + 1]?.newlineBefore === true || t[close + 1] === undefined) programs.set(x.raw, kind);
  }
  if (importsProgram(b)) programs.set('program', 'commander');
  return { programs, declared };
}

/** Whether commander's `program` is imported: `import { program } from 'commander'`, `const { program } = require('commander')`. */
function importsProgram(b: BracketedTokens): boolean {
  const t = b.tokens;
  let found = false;
  for (let i = 0; i < t.length; i++) {
    const list = b.parent[i]!;
    if (t[i]!.raw !== 'program' || t[i]!.kind !== 'ident' || list < 0 || !(isPunct(t[i - 1], '{') || isPunct(t[i - 1], ',')) || !(isPunct(t[i + 1], '}') || isPunct(t[i + 1], ','))) continue;
    if (importsCommander(b, list)) found = true;
  }
  return found;
}

/** How many `isDefault` and `aliases` come before each token: a call names one when the count changes across it. */
function defaultMarks(b: BracketedTokens): number[] {
  const marks: number[] = [0];
  for (const x of b.tokens) marks.push(marks.at(-1)! + (x.kind === 'ident' && (x.raw === 'isDefault' || x.raw === 'aliases') ? 1 : 0));
  return marks;
}

/** Whether the program name at `i`, not followed by `.`, is its own declaration (`const program = …`, `import { program }`) and nothing else. */
function isOwnDeclaration(b: BracketedTokens, i: number): boolean {
  const t = b.tokens;
  const k = i + 1;
  const list = b.parent[i]!;
  const imported = (isPunct(t[k], '}') || isPunct(t[k], ',')) && (isPunct(t[i - 1], '{') || isPunct(t[i - 1], ',')) && list >= 0 && isPunct(t[list], '{') && t[list - 1]?.raw !== '=';
  return ['const', 'let', 'var'].includes(t[i - 1]!.raw) ? isPunct(t[k], '=') : imported && importsCommander(b, list);
}

/** The call chain `.name(…)` / `.name` starting at the `.` at `k`. */
function chainFrom(b: BracketedTokens, k: number): Segment[] {
  const t = b.tokens;
  const chain: Segment[] = [];
  while (isPunct(t[k], '.') && t[k + 1]?.kind === 'ident') {
    const name = t[k + 1]!.raw;
    if (isPunct(t[k + 2], '(')) {
      const close = b.close.get(k + 2)!;
      chain.push({ name, open: k + 2, close });
      k = close + 1;
    } else {
      chain.push({ name });
      k += 2;
    }
  }
  return chain;
}

/** Adds to `unreached` what the chain's commands not named `first` leave out; whether any command decided. */
function chainUnreached(b: BracketedTokens, chain: Segment[], kind: Kind, first: string | undefined, marks: number[], unreached: [number, number][]): boolean {
  const commands = chain.filter((s) => s.name === 'command');
  if (commands.length === 0) return false;
  if (kind !== 'yargs' && (commands.length > 1 || chain[0] !== commands[0] || chain.some((s) => s.name === 'alias' || s.name === 'aliases'))) return false;
  let decided = false;
  for (const c of commands) {
    if (c.open === undefined) continue;
    const name = marks[c.close!] === marks[c.open] ? commandName(b, c.open, c.close!) : undefined;
    if (name === undefined || name === first) continue;
    decided = true;
    if (kind === 'yargs') {
      const comma = firstComma(b, c.open, c.close!);
      if (comma !== undefined && comma + 1 < c.close!) unreached.push([comma + 1, c.close! - 1]);
    } else for (const s of chain) if (s.name === 'action' && s.open !== undefined && s.close! > s.open + 1) unreached.push([s.open + 1, s.close! - 1]);
  }
  return decided;
}

/** Whether the `{` at `open` is the list of `import { … } from 'commander'` or `const { … } = require('commander')`. */
function importsCommander(b: BracketedTokens, open: number): boolean {
  const t = b.tokens;
  const after = (b.close.get(open) ?? -2) + 1;
  const fromImport = t[after]?.raw === 'from' && t[open - 1]?.raw === 'import' ? t[after + 1] : undefined;
  const fromRequire = isPunct(t[after], '=') && t[after + 1]?.raw === 'require' && isPunct(t[after + 2], '(') && ['const', 'let', 'var'].includes(t[open - 1]?.raw ?? '') ? t[after + 3] : undefined;
  const from = fromImport ?? fromRequire;
  return from?.kind === 'string' && LIBRARIES.commander.test(from.value ?? '');
}

/** The top-level `,` of the call `(open, close)`. */
function firstComma(b: BracketedTokens, open: number, close: number): number | undefined {
  for (let k = open + 1; k < close; k++) if (isPunct(b.tokens[k], ',') && b.parent[k] === open) return k;
  return undefined;
}

/** The name of `.command('name <arg>', …)`: its first word, when it is a plain name. */
function commandName(b: BracketedTokens, open: number, close: number): string | undefined {
  const lit = b.tokens[open + 1];
  const text = lit && literalText(lit);
  const after = b.tokens[open + 2];
  if (text === undefined || !(isPunct(after, ',') || open + 2 === close)) return undefined;
  const name = text.trim().split(/\s+/)[0] ?? '';
  return COMMAND_NAME.test(name) ? name : undefined;
}
