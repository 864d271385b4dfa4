/**
 * Committed JavaScript files a command runs with Node (`node scripts/publish.mjs`, `node
 * --import tsx scripts/release.ts`, `tsx scripts/release.ts`, `zx scripts/publish.mjs`), read as
 * text, never run: the shell commands they hand to a child process with a literal
 * (`execSync('npm publish --access public')`, `spawnSync('pnpm', ['publish', '-r'])`,
 * `` await $`npm publish` `` with zx, Bun's shell or execa) are recognised like a script's,
 * each placed where the file writes it. What a JavaScript file does is decided by code tp-doctor
 * does not follow (conditions, loops, functions), so a publish found there is a guess
 * (`heuristic`); the `cwd` a call passes is read per call (./js-cwd.ts: a literal one is that
 * directory, any other, or a `process.chdir`, a directory tp-doctor cannot see). A file with no such literal that publishes stays a command tp-doctor cannot
 * read (a possible publish), as before: it may publish through a library. A command in a branch of
 * a dispatch on the file's first argument that this run's argument does not take is not counted
 * (./js-argv-dispatch.ts: `node build.mjs preview` of a file that publishes only `if (command === 'publish')`).
 * A file the job wrote from
 * a heredoc before (written-files.ts) is read from what it wrote, and one with no child process,
 * library or registry in it publishes nothing (lovell/sharp's smoke test `node release.mjs`).
 *
 * Hand-written over a JavaScript parser for the reason js-tokens.ts gives: only call sites with
 * literal arguments are read, from the tokens.
 */
import { LineIndex, type Location } from '../../yaml/span.js';
import { fileArgsWrappers } from './js-wrappers.js';
import { templateWord, topLevelConsts } from './js-consts.js';
import { callCwd, cwdFrame, type JsCwd } from './js-cwd.js';
import { isPunct, tokenize, type JsToken, type TemplatePart } from './js-tokens.js';
import { apiCalls } from './js-api-calls.js';
import { MAX_SCRIPT_DEPTH, recognizeConfigCommand, type Found, type Frame, type Outcome, type Recognize, type ViaScript } from './publish-match.js';
import { isTestScript, MAX_SHELL_FILE_CHARS, namesElsewhere, readShellFile, scriptFilePath, shellFileRun } from './shell-files.js';
import type { ScriptPlace } from './shell-definitions.js';
import { shellQuote } from './shell-words.js';
import { forwardsDryRun } from './command-words.js';
import { namesNpm } from './possible-publish.js';
import { publishFree } from './js-publish-free.js';
import { argvReachOfText } from './js-argv-dispatch.js';
import { isMakeCommand, readMakeRun } from './make-runs.js';
import { MAKE_BINS } from '../data/make.js';
import { JUST_BINS } from '../data/just.js';
import { isJustCommand, readJustRun } from './just-runs.js';
import { COMMAND_RUNNERS } from '../data/publish-tools.js';
import { nodeEntryFile } from './node-entry.js';

/** The runners of a JavaScript file (besides `node`, peeled as the `node-bin` runner): `tsx x.ts`, `zx x.mjs`, `ts-node x.ts`. */
export const JS_FILE_RUNNERS: readonly string[] = ['tsx', 'zx', 'ts-node', 'ts-node-esm'];

/**
 * Text every command that runs a committed script read here holds, a JavaScript file or a makefile
 * (publish-commands.ts splits only scripts that mention one of its triggers).
 */
export const SCRIPT_FILE_TRIGGERS: readonly string[] = ['node', ...JS_FILE_RUNNERS, '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', ...MAKE_BINS, ...JUST_BINS];

/** A JavaScript or TypeScript file by its name. */
const JS_FILE = /\.(?:[cm]?js|[cm]?ts)$/;

/**
 * Calls that run their first argument as a shell command line; with a list after it, the list's
 * words are appended (`@actions/exec`: `exec('npm', ['publish', '--provenance'])`,
 * `getExecOutput(commandLine, args)`; inngest/inngest-js).
 */
const COMMAND_LINE_CALLS = new Set(['exec', 'execSync', 'execaCommand', 'execaCommandSync', 'execCommand', 'getExecOutput']);
/** Calls that run a file with an argument list (`spawn('npm', ['publish'])`). */
const FILE_ARGS_CALLS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'execa', 'execaSync', 'execaNode']);
/**
 * Packages whose named exports run a file with an argument list, by export: tinyexec's `x(file,
 * args)` (nuxt/cli's `x('changelogen', ['--canary', 'nightly', '--publish'])`). Counted only under
 * the local name the file imports it as, so that no other `x(...)` is read as one.
 */
const IMPORTED_FILE_ARGS_CALLS: Readonly<Record<string, readonly string[]>> = { tinyexec: ['x'] };

/** The local names of `IMPORTED_FILE_ARGS_CALLS` a file imports (`import { x as run } from 'tinyexec'`). */
function importedFileArgsCalls(text: string): Set<string> {
  const names = new Set<string>();
  for (const [pkg, exports] of Object.entries(IMPORTED_FILE_ARGS_CALLS)) {
    if (!text.includes(pkg)) continue;
    for (const m of text.matchAll(/import\s*\{([^{}]{0,500})\}\s*from\s*['"]([^'"]{1,100})['"]/g)) {
      if (m[2] !== pkg) continue;
      for (const spec of (m[1] ?? '').split(',')) {
        const [name, as, local] = spec.trim().split(/\s+/);
        if (name !== undefined && exports.includes(name)) names.add(as === 'as' && local !== undefined ? local : name);
      }
    }
  }
  return names;
}

/** Tags of template literals that run their text as a command (zx, Bun's shell, execa). */
const COMMAND_TAGS = new Set(['$', 'execa', 'execaSync', 'execaCommand', 'execaCommandSync']);

/** A value the file computes, as a shell word tp-doctor cannot read. */
const JS_VALUE = '${js_value}';

/** A command the file hands to a child process, with its character range in the file. */
export interface JsCommand {
  command: string;
  start: number;
  end: number;
  /** The directory a child-process call runs it in (./js-cwd.ts); undefined for a call whose options are not read (a zx template, a helper, an API call). */
  cwd?: JsCwd;
}

/** A literal's text with each substitution as `JS_VALUE` (undefined for a string with escapes tp-doctor does not decode). */
function literalText(token: JsToken): string | undefined {
  if (token.kind === 'string') return token.value;
  if (token.kind !== 'template' || !token.parts) return undefined;
  return token.parts.map((p: TemplatePart) => ('text' in p ? p.text : JS_VALUE)).join('');
}

/** `['publish', '--tag', tag]`: the words, a value for each item that is no literal; undefined when no list follows. */
function argList(tokens: readonly JsToken[], at: number): { words: string[]; end: number } | undefined {
  if (!isPunct(tokens[at], '[')) return undefined;
  const words: string[] = [];
  let i = at + 1;
  for (; i < tokens.length && !isPunct(tokens[i], ']'); i++) {
    const t = tokens[i]!;
    if (isPunct(t, ',')) continue;
    const text = literalText(t);
    words.push(text !== undefined && (t.kind === 'string' || !text.includes(JS_VALUE)) ? shellQuote(text) : (templateWord(tokens, t, JS_VALUE) ?? JS_VALUE));
    // Skip the rest of an item that is an expression (`x.y`, `f(a)`): up to the next `,` or `]` at this depth.
    let depth = 0;
    while (i + 1 < tokens.length && (depth > 0 || !(isPunct(tokens[i + 1], ',') || isPunct(tokens[i + 1], ']')))) {
      i++;
      if (isPunct(tokens[i], '(') || isPunct(tokens[i], '[') || isPunct(tokens[i], '{')) depth++;
      if (isPunct(tokens[i], ')') || isPunct(tokens[i], ']') || isPunct(tokens[i], '}')) depth--;
      if (depth < 0) return undefined;
    }
  }
  return i < tokens.length ? { words, end: tokens[i]!.end } : undefined;
}

/**
 * `spawnSync('pnpm', args)` where the file declares `args` once, as a list literal
 * (`const args = ['stage', 'publish', dir]`; urql-graphql/urql's stage-packages.mjs), or declares it
 * several times and the nearest `const` before the call is in scope there: that list. Anything else
 * (not a list literal, only other declarations in scope) is not read.
 */
function namedList(tokens: readonly JsToken[], at: number): { words: string[]; end: number } | undefined {
  const name = tokens[at];
  const value = name?.kind === 'ident' ? declaredOnce(tokens, at) : undefined;
  const list = value === undefined ? undefined : argList(tokens, value);
  return list && name ? { words: list.words, end: name.end } : undefined;
}

/** The single declaration `const|let|var NAME =` of the name at `at`: the token index after its `=`, or undefined. */
function declaredOnce(tokens: readonly JsToken[], at: number): number | undefined {
  const name = tokens[at]!;
  if (!(isPunct(tokens[at + 1], ')') || isPunct(tokens[at + 1], ','))) return undefined;
  let value: number | undefined;
  let declarations = 0;
  let nearest: number | undefined;
  for (let i = 1; i + 2 < tokens.length; i++) {
    if (tokens[i]!.kind !== 'ident' || tokens[i]!.raw !== name.raw || !/^(?:const|let|var)$/.test(tokens[i - 1]!.raw)) continue;
    declarations++;
    value = isPunct(tokens[i + 1], '=') ? i + 2 : undefined;
    // Several: the nearest `const` before the use whose block is still open there (anvia-hq/anvia's
    // `const args` in two functions).
    if (i < at && tokens[i - 1]!.raw === 'const' && isPunct(tokens[i + 1], '=') && inScopeAt(tokens, i, at)) nearest = i + 2;
  }
  return declarations === 1 ? value : nearest;
}

/** True when no block that holds token `from` closes before token `at`. */
function inScopeAt(tokens: readonly JsToken[], from: number, at: number): boolean {
  let depth = 0;
  for (let i = from; i < at; i++) {
    if (isPunct(tokens[i], '{')) depth++;
    else if (isPunct(tokens[i], '}') && --depth < 0) return false;
  }
  return true;
}

/**
 * `execSync(publishCmd)` where the file declares `publishCmd` once as a string or template
 * literal ending its statement (less/less.js: `` const publishCmd = `npm publish --tag ${npmTag}` ``):
 * that literal. Anything else is not read.
 */
function namedLiteral(tokens: readonly JsToken[], at: number): JsToken | undefined {
  const value = declaredOnce(tokens, at);
  const literal = value === undefined ? undefined : tokens[value];
  const after = value === undefined ? undefined : tokens[value + 1];
  const ends = after === undefined || isPunct(after, ';') || after.newlineBefore;
  return literal && (literal.kind === 'string' || literal.kind === 'template') && ends ? literal : undefined;
}

/** The commands `text` hands to a child process with a literal, in file order. */
export function jsCommands(text: string): JsCommand[] {
  const tokens = tokenize(text);
  if (!tokens) return [];
  const imported = importedFileArgsCalls(text);
  const direct = (name: string): boolean => FILE_ARGS_CALLS.has(name) || imported.has(name);
  // The file's own helpers around one (`function runCommand(command, args) { spawnSync(command, args) }`: ./js-wrappers.ts).
  const wrappers = fileArgsWrappers(tokens, direct);
  const fileArgs = (name: string): boolean => direct(name) || wrappers.has(name);
  const out: JsCommand[] = [];
  let consts: Map<string, string> | undefined;
  const cwdOf = (open: number, lead: 'command-line' | 'file-args'): JsCwd => callCwd(tokens, text, open, lead, (consts ??= topLevelConsts(tokens)));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'ident') continue;
    const next = tokens[i + 1];
    if (COMMAND_TAGS.has(t.raw) && next?.kind === 'template') {
      const command = literalText(next);
      if (command !== undefined) out.push({ command, start: next.start, end: next.end });
      continue;
    }
    if (!isPunct(next, '(')) continue;
    const first = tokens[i + 2]?.kind === 'ident' ? namedLiteral(tokens, i + 2) : tokens[i + 2];
    const head = first && literalText(first);
    if (first === undefined || head === undefined) continue;
    const appended = COMMAND_LINE_CALLS.has(t.raw) && isPunct(tokens[i + 3], ',') ? argList(tokens, i + 4) : undefined;
    // A helper of the file's own may pass any `cwd`: its calls' directory is not read.
    const cwd = (lead: 'command-line' | 'file-args'): { cwd?: JsCwd } => (wrappers.has(t.raw) && !direct(t.raw) ? {} : { cwd: cwdOf(i + 1, lead) });
    if (appended) {
      out.push({ command: [head, ...appended.words].join(' '), start: first.start, end: appended.end, ...cwd('command-line') });
    } else if (COMMAND_LINE_CALLS.has(t.raw) || (fileArgs(t.raw) && /\s/.test(head.trim()))) {
      out.push({ command: head, start: first.start, end: first.end, ...cwd(COMMAND_LINE_CALLS.has(t.raw) ? 'command-line' : 'file-args') });
    } else if (fileArgs(t.raw)) {
      const list = isPunct(tokens[i + 3], ',') ? argList(tokens, i + 4) ?? namedList(tokens, i + 4) : undefined;
      out.push({ command: [shellQuote(head), ...(list?.words ?? [])].join(' '), start: first.start, end: list?.end ?? first.end, ...cwd('file-args') });
    }
  }
  // A publish tool's API call (`releasePublish()` from `nx/release`) as the command it stands for.
  const calls = apiCalls(tokens);
  return calls.length === 0 ? out : [...out, ...calls].sort((a, b) => a.start - b.start);
}

/**
 * `jsCommands` of the files read last, with their places: a make run starts the same file from
 * many targets (evanw/esbuild's `node scripts/esbuild.js` in each platform's build).
 */
const commandsCache = new Map<string, { command: JsCommand; at: (file: string) => Location }[]>();
const MAX_CACHED_FILES = 8;

function commandsOf(text: string): { command: JsCommand; at: (file: string) => Location }[] {
  let known = commandsCache.get(text);
  if (known === undefined) {
    let index: LineIndex | undefined;
    known = jsCommands(text).map((command) => ({ command, at: (file: string) => ({ file, ...(index ??= new LineIndex(text)).span(command.start, command.end) }) }));
    if (commandsCache.size >= MAX_CACHED_FILES) commandsCache.delete(commandsCache.keys().next().value!);
    commandsCache.set(text, known);
  }
  return known;
}

/** Node's options that take a value (`node --import tsx x.ts`); `-e`/`-p` run code, not a file. */
const NODE_VALUE_OPTIONS: ReadonlySet<string> = new Set(COMMAND_RUNNERS.find((r) => r.id === 'node-bin')?.valueFlags ?? []);
const NODE_CODE_OPTIONS = /^(?:-e|-p|--eval|--print)(?:=|$)/;
/** Node's options under which the ES module loader (`--experimental-default-type=module`) or its hooks resolve the entry point: no lookup (./node-entry.ts). */
const NODE_ESM_LOOKUP = /^--(?:import|loader|experimental-loader|experimental-default-type)$/;

/** The JavaScript file a command runs (`nodeScriptRun`). */
export interface NodeScriptRun {
  /** As written. */
  path: string;
  args: string[];
  /** Run directly (`./scripts/publish.mjs`): read only with a Node interpreter line. */
  needsInterpreterLine?: true;
  /** `node X` where `X` has no JavaScript extension: the file is Node's lookup of it (./node-entry.ts `nodeEntryFile`). */
  lookup?: true;
}

/** The repository path of the file `run` runs from `dir` (a repository path of the directory it names), read through `read`. */
export function nodeScriptFile(run: NodeScriptRun, file: string | undefined, read: (file: string) => string | undefined): string | undefined {
  return file !== undefined && run.lookup ? nodeEntryFile(file, read) : file;
}

/**
 * The JavaScript file `words` runs and its arguments: `node [options] x.mjs`, `tsx x.ts`, or a path
 * run directly (`./scripts/publish.mjs`, then read only with a Node interpreter line); undefined for
 * anything else.
 */
export function nodeScriptRun(words: readonly string[]): NodeScriptRun | undefined {
  const first = words[0] ?? '';
  const bin = first.slice(first.lastIndexOf('/') + 1);
  if (first.includes('/') && JS_FILE.test(first)) return { path: first, args: words.slice(1), needsInterpreterLine: true };
  const node = bin === 'node' || bin === 'nodejs';
  if (!node && bin !== 'bun' && !JS_FILE_RUNNERS.includes(bin)) return undefined;
  // `bun run x.ts` and `bun x.ts` run the file (t3-oss/t3-env: `bun run scripts/canary.ts`); a name that is no file is a script.
  let i = bin === 'bun' && words[1] === 'run' ? 2 : 1;
  let esm = false;
  for (; i < words.length && words[i]!.startsWith('-'); i++) {
    if (NODE_CODE_OPTIONS.test(words[i]!)) return undefined;
    const [name, inline] = words[i]!.split('=', 2) as [string, string | undefined];
    if (NODE_ESM_LOOKUP.test(name) && (name !== '--experimental-default-type' || (inline ?? words[i + 1]) === 'module')) esm = true;
    if (inline === undefined && NODE_VALUE_OPTIONS.has(name)) i++;
  }
  const file = words[i];
  if (file === undefined) return undefined;
  if (JS_FILE.test(file)) return { path: file, args: words.slice(i + 1) };
  // `node build-scripts/release`: Node's own lookup (./node-entry.ts), unless the ES module loader or its hooks resolve it.
  return node && !esm ? { path: file, args: words.slice(i + 1), lookup: true } : undefined;
}

/** The interpreter line of a file run directly as `./scripts/publish.mjs`: Node, zx, tsx, Bun. */
const JS_INTERPRETER = /^#![ \t]*\S*\/(?:env[ \t]+(?:-\S+[ \t]+)*)?(?:node|nodejs|zx|tsx|bun|ts-node(?:-esm)?)(?:\s|$)/;

/** What a JavaScript file may publish through besides a literal command it hands to a child process. */
const MAY_PUBLISH = /publish|registry|npm|child_process|\bexec|\bspawn|\bfork\b|\$`|\bimport\s*\(|\brequire\s*\(\s*[^'"\s]/i;

/** A file that names another working directory for what it runs: a `cwd` (read per call: ./js-cwd.ts), `process.chdir`. */
const NAMES_CWD = /\bcwd\b/;
const CHDIR = /\bchdir\b/;
/** zx's and shelljs's `cd(dir)`: the directory of what it runs after, not followed. */
const CD_CALL = /\bcd\s*\(/;

/**
 * What a committed JavaScript file run by `words` publishes (see the file comment), in `frame`:
 * undefined when it is no such file, cannot be read, or hands no command that publishes to a child
 * process (the command then stays unread).
 */
function readNodeScript(words: readonly string[], frame: Frame, recognize: Recognize): Outcome | undefined {
  const run = nodeScriptRun(words);
  // A file the job wrote exists, its text known or not.
  const readAny = (f: string): string | undefined => (frame.written?.has(f) === true ? (frame.written.get(f) ?? '') : frame.shellFile!(f));
  const file = run && frame.shellFile ? nodeScriptFile(run, scriptFilePath(run.path, frame), readAny) : undefined;
  const key = `js\0${file}`;
  // Too deep: no command it hands on would be read (`recognizeConfigCommand`), so the file is not tokenized.
  if (run === undefined || file === undefined || frame.seen.has(key) || frame.depth >= MAX_SCRIPT_DEPTH) return undefined;
  // A file the script wrote before (written-files.ts) is read from what it wrote, never from the repository.
  const written = frame.written?.has(file) === true;
  const text = written ? frame.written!.get(file) : frame.shellFile!(file);
  if (text === undefined || text.length > MAX_SHELL_FILE_CHARS || (run.needsInterpreterLine && !JS_INTERPRETER.test(text))) return undefined;
  const nothing: Outcome = { found: [], rejected: false, unknown: false, unread: [] };
  if (forwardsDryRun(run.args) || isTestScript(file)) return nothing;
  const here: Frame = { ...frame, seen: new Set([...frame.seen, key]) };
  const chdir = CHDIR.test(text);
  const namesCwd = NAMES_CWD.test(text);
  const cdCall = CD_CALL.test(text);
  const found: Found[] = [];
  /** A command it runs that tp-doctor cannot read (`execSync('./deploy.sh')` of a script it cannot see). */
  let runsUnread = false;
  // `node build.mjs preview` of a file that publishes only `if (command === 'publish')` (./js-argv-dispatch.ts);
  // zx's `process.argv` holds the file itself at 2, and arguments a runner may add are not known.
  const zx = /\bzx\b/.test(run.needsInterpreterLine ? text.split('\n', 1)[0]! : (words[0] ?? ''));
  const reach = zx || frame.argsUnsure === true ? undefined : argvReachOfText(text, run.args);
  let skipped = false;
  for (const { command: c, at: atOf } of commandsOf(text)) {
    if (reach && !reach.reached(c.start)) {
      skipped = true;
      continue;
    }
    const at = written ? undefined : atOf(file);
    // `process.chdir` anywhere, or a `cwd` in a call tp-doctor does not read: a directory it cannot see.
    const cwd: JsCwd = chdir ? { kind: 'unknown', what: 'after process.chdir' } : (c.cwd ?? (namesCwd ? { kind: 'unknown', what: `with a cwd ${file} may give it` } : { kind: 'none' }));
    const { elsewhere, moves, stays } = cwdFrame(cwd, file, frame);
    const inner = recognizeConfigCommand(here, `js\0${file}\0${c.start}`, { file, command: c.command, ...(at ? { at } : {}) }, recognize, elsewhere);
    runsUnread ||= inner === undefined || inner.unknown || inner.unread.length > 0;
    for (const f of inner?.found ?? []) found.push({ ...f, label: `${f.label} (run by ${file})`, confidence: 'heuristic', via: fileVia(f.via, frame.via.length, moves, stays && !cdCall && f.confidence === 'certain') });
  }
  // `node publish-native-addons.ts --mode pkg-pr-new` (voidzero-dev/vite-plus): arguments naming
  // another destination and not npm may take the file past its publishes, as for a shell script.
  if (found.length > 0 && namesElsewhere(run.args) && !namesNpm(run.args)) return undefined;
  if (found.length > 0) return { ...nothing, found };
  // A written file tp-doctor sees whole: without a child process, a publishing library or the registry, it publishes nothing.
  if (written) return MAY_PUBLISH.test(text) ? undefined : nothing;
  // A committed one whose every command was read and which, with its local imports, never names a publish.
  return !runsUnread && publishFree(file, skipped ? reach!.reachedText() : text, run.args, frame.shellFile!) ? nothing : undefined;
}

/**
 * `via` with the file's own entry (at `index`) marked as a JavaScript file's (`ViaScript.jsFile`):
 * running its commands in directories it computes when it `moves` (`ViaScript.computedDir`), and
 * `certain` when the publish was certain as written there and the file changes no directory (`ViaScript.readCertain`).
 */
function fileVia(via: readonly ViaScript[], index: number, moves: boolean, certain: boolean): ViaScript[] {
  const marks = { jsFile: true as const, ...(moves ? { computedDir: true as const } : {}), ...(certain ? { readCertain: true as const } : {}) };
  return via.map((v, i) => (i === index ? { ...v, ...marks } : v));
}

/**
 * A committed script `words` runs, read: a makefile's recipes (`make publish`: make-runs.ts), a
 * justfile's (`just publish`: just-runs.ts), a
 * shell script (shell-files.ts `readShellFile`; `byShell`: a shell runner was peeled), else a
 * JavaScript file (`node x.mjs`, `tsx x.ts`, `./x.mjs`).
 * Undefined when the command runs neither, or it cannot be read.
 */
export function readCommittedScript(words: readonly string[], byShell: boolean, frameOf: () => Frame, recognize: Recognize, place?: ScriptPlace): Outcome | undefined {
  if (!byShell && isMakeCommand(words)) return readMakeRun(words, frameOf(), recognize);
  if (!byShell && isJustCommand(words)) return readJustRun(words, frameOf(), recognize);
  const file = shellFileRun(words, byShell);
  // No file to read (most commands): the frame is not made.
  if (file === undefined && (byShell || nodeScriptRun(words) === undefined)) return undefined;
  const frame = frameOf();
  if (frame.shellFile === undefined) return undefined;
  return (file && readShellFile(file, frame, recognize, place)) || (byShell ? undefined : readNodeScript(words, frame, recognize));
}
