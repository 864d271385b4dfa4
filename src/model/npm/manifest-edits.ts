/**
 * Commands that may change the `name` of a package.json before a publish sends it: the package
 * that publish sends is then not the one the committed manifest names (docs/domain.md §1.8: a
 * trusted publisher is per package name). Recognised, in a script's simple commands (shell.ts):
 *
 * - `npm pkg set name=<v>` (also `'name'=<v>`, several pairs, `pnpm pkg`), `npm pkg delete name`;
 * - an in-place edit of a package.json (`sed -i`, `sed --in-place`, `perl -pi`) whose script names
 *   the `name` field or a part of the package's name (`s/@acme/@acme-legacy/g` under
 *   `@acme/widget`), or any such edit when the package's name is not known, or when the script
 *   comes from a file (`-f`);
 * - a `jq` filter that assigns the `name` field (`.name = "x"`, `.name |= ...`, or in the file its
 *   `-f`/`--from-file` names) in a script that mentions a package.json (jq writes to standard
 *   output: `> tmp && mv tmp package.json`);
 * - changelogen with a `--nameSuffix <s>` or `--canary <s>` string (name-suffix.ts reads them as
 *   its argument parser does), which writes `<name>-<s>` into the package.json even when a later
 *   command publishes (nitrojs/nitro: `pnpm changelogen --bump --canary nightly`, then `npm publish`
 *   sends `nitro-nightly`).
 *
 * `renamesIn` also reads the committed shell scripts a command runs (`./x.sh`, `scripts/x` with an
 * interpreter line, `bash -e x`, `source x`) and the command string of a `sh -c '…'`.
 *
 * Not recognised: a `sed` whose pattern comes from a variable (`s/$OLD/$NEW/`), a Node script that
 * rewrites the manifest, a copy of another manifest over it. Version edits (`npm pkg set
 * version=...`, a `sed` on `"version"`) and edits of other files are not renames.
 *
 * Apart from renames, `rewritesManifest` says that a script may rewrite a package.json at all (a
 * `node -e` that writes it, a `jq` edit of `publishConfig`, a local Verdaccio the job publishes to):
 * then its committed `publishConfig.registry` does not decide for certain (github/sites.ts).
 */
import { basenameOf } from '../../fs/paths.js';
import { splitCommands, stripPrefixes, type ShellCommand } from './shell.js';
import { PUBLISH_RECOGNIZERS } from '../data/publish-tools.js';
import { readNameSuffix } from './name-suffix.js';
import { optionValues } from './command-words.js';
import { MAX_SHELL_FILE_CHARS, mayRunShellFile, SHELL_INTERPRETER, shellFileCut, shellFilePath, shellFileRun } from './shell-files.js';
import { matchRunner, SHELL_RUNNER_BINS } from './command-runners.js';
import { memoByKey } from '../core/memo.js';

const IN_PLACE_EDITORS = new Set(['sed', 'gsed', 'perl']);
const PKG_RUNNERS = new Set(['npm', 'pnpm']);
/** The word `name` on its own (`"name"`, `.name`, `name=`), not `filename` or `names`. */
const NAME_FIELD = /(?<![\w-])name(?![\w-])/;
/** A jq assignment to the `name` field: `.name =`, `.name |=`, `."name" =`, `.["name"] //=`. */
const JQ_NAME_ASSIGNMENT = /\.\[?"?name"?\]?\s*(?:[|+\-*/%]|\/\/)?=(?!=)/;

/**
 * The first command of `text` that may change the `name` of a package.json, given the names of the
 * packages published (empty: not known). `readFile` reads a repository file, from where the command
 * runs: a `jq --from-file <f>` filter is read there (MetaMask's `scripts/prepare-preview-builds.jq`).
 */
export function renamingCommand(text: string, names: readonly string[], readFile?: (written: string) => string | undefined): ShellCommand | undefined {
  if (!text.includes('name') && !RENAMING_WORDS.test(text)) return undefined;
  const fragments = nameFragments(names);
  return splitCommands(text).find((command) => {
    const words = stripPrefixes(command.words).map((w) => w.value);
    const tool = basenameOf(words[0] ?? '');
    if (renamesByChangelogen(words)) return true;
    if (PKG_RUNNERS.has(tool)) return setsName(words);
    if (IN_PLACE_EDITORS.has(tool)) return editsName(words, fragments);
    if (tool === 'jq') return jqAssignsName(words, readFile) && text.includes('package.json');
    return false;
  });
}

/** What a text must mention for `renamingCommand` to split it (besides `name`). */
const RENAMING_WORDS = /\bsed\b|\bperl\b|changelogen|\bjq\b/;
/**
 * `RENAMING_WORDS` without a `\b` after a word: where `RENAMING_WORDS` matches a start of a text
 * (cut right after `sed`), this matches the whole text at the same place.
 */
const RENAMING_WORDS_ANY_CUT = /\bsed|\bperl|changelogen|\bjq/;

/**
 * For the starts of one text `whole` (the text before each of many publishes in one step, which
 * `renamesIn` would otherwise test from its beginning once per publish): what one pass over it
 * says about every start at once.
 */
export interface CutTests {
  /** Where `name` first ends in the text (-1: never); a start of `cut` characters holds it when `cut >= nameEnd`. */
  nameEnd: number;
  /** Where a match of `RENAMING_WORDS` on a start can begin at the earliest (Infinity: nowhere). */
  wordsFrom: number;
  /** Where a match of `mayRunShellFile` on a start can begin at the earliest (`shellFileCut`). */
  shellFrom: number;
}

/** `cutTests` once per text (a step's whole text comes back for each publish in it); bounded (`memoByKey`). */
export const cutTestsOf: (whole: string) => CutTests = memoByKey(cutTests, 64);

export function cutTests(whole: string): CutTests {
  const name = whole.indexOf('name');
  return { nameEnd: name < 0 ? -1 : name + 4, wordsFrom: RENAMING_WORDS_ANY_CUT.exec(whole)?.index ?? Infinity, shellFrom: shellFileCut(whole) };
}

/**
 * The cheap tests of `renamesIn` on `whole.slice(0, cut)`, from `cutTests(whole)`: false only when
 * the test on that start is false (`rename`: `renamingCommand` finds nothing without splitting it;
 * `shell`: `mayRunShellFile` is false). True: the start itself is tested.
 */
export function cutMay(tests: CutTests, cut: number): { rename: boolean; shell: boolean } {
  return { rename: (tests.nameEnd >= 0 && cut >= tests.nameEnd) || tests.wordsFrom < cut, shell: tests.shellFrom < cut };
}

/** `jq` with a filter assigning `.name`: on its command line, or in the file `-f`/`--from-file` names. */
function jqAssignsName(words: readonly string[], readFile: ((written: string) => string | undefined) | undefined): boolean {
  if (words.slice(1).some((w) => JQ_NAME_ASSIGNMENT.test(w))) return true;
  const filters = optionValues(words, '-f', '--from-file');
  return filters.some((f) => JQ_NAME_ASSIGNMENT.test(readFile?.(f) ?? ''));
}

/** How many scripts deep `renamesIn` follows the committed shell scripts a command runs. */
const MAX_RENAME_DEPTH = 3;
/** Committed scripts one walk of `renamesIn` reads at most. */
const MAX_RENAME_SCRIPTS = 32;

/**
 * True when a command of `text`, or of a committed shell script it runs (read from `dir`, where
 * the command runs, never the script's own folder, as ./shell-files.ts finds them; scripts they run
 * too, `MAX_RENAME_DEPTH` deep), may rename a package.json (`renamingCommand`): MetaMask's
 * `./scripts/prepare-preview-builds.sh @metamask-previews $SHA`, whose `jq --from-file` filter sets
 * `.name`. `read` gives a committed file by its repository path.
 */
export function renamesIn(
  text: string,
  names: readonly string[],
  read: (file: string) => string | undefined,
  dir = '',
  depth = 0,
  followed = new Set<string>(),
  may: { rename: boolean; shell: boolean } = { rename: true, shell: true },
): boolean {
  const readFile = (written: string): string | undefined => {
    const file = shellFilePath(written, dir);
    const found = file === undefined ? undefined : read(file);
    return found !== undefined && found.length <= MAX_SHELL_FILE_CHARS ? found : undefined;
  };
  // Each script is followed once in a whole walk (a script that runs itself 3,000 times took
  // minutes), and a walk follows at most MAX_RENAME_SCRIPTS of them.
  const follow = (written: string): string | undefined => {
    const file = shellFilePath(written, dir);
    if (file === undefined || followed.has(file) || followed.size >= MAX_RENAME_SCRIPTS) return undefined;
    followed.add(file);
    return readFile(written);
  };
  // `may` (`cutMay`): false where the cheap test of a start of a step's text is known to be false.
  if (may.rename && renamingCommand(text, names, readFile) !== undefined) return true;
  // Splitting the text to find the scripts it runs costs its length, and a job with thousands of
  // publishes asks once per publish about the text before it: only a text that may run a committed
  // script (`./x`, `scripts/x` where a command starts, `x.sh`, a shell, `source`) is split.
  if (depth >= MAX_RENAME_DEPTH || !may.shell || !mayRunShellFile(text)) return false;
  return splitCommands(text).some((command) => runsRenamingScript(command, names, read, dir, depth, followed, follow));
}

/**
 * `renamesIn`'s test of one command of its text: it runs a committed shell script (or a `sh -c`
 * string) that may rename, `follow` reading each script once per walk.
 */
function runsRenamingScript(
  command: ShellCommand,
  names: readonly string[],
  read: (file: string) => string | undefined,
  dir: string,
  depth: number,
  followed: Set<string>,
  follow: (written: string) => string | undefined,
): boolean {
  let words = stripPrefixes(command.words).map((w) => w.value);
  // `bash -eo pipefail ./x.sh`: the shell's options peeled as ./shell-files.ts does, then the file.
  const bin = basenameOf(words[0] ?? '');
  const byShell = SHELL_RUNNER_BINS.has(bin);
  if (byShell) {
    const runner = matchRunner(words, bin);
    // `sh -c 'scripts/x'`: the command string is a script of its own.
    if (runner?.command !== undefined) return renamesIn(runner.command, names, read, dir, depth + 1, followed);
    words = runner?.shell === true ? runner.rest : [];
  }
  const run = shellFileRun(words, byShell);
  const script = run === undefined ? undefined : follow(run.path);
  if (script === undefined || (run?.needsInterpreterLine === true && !SHELL_INTERPRETER.test(script))) return false;
  return renamesIn(script, names, read, dir, depth + 1, followed);
}

/**
 * One walk of a whole text's commands for `renamesInStart` (per text, names and reader): the
 * commands' offsets, the furthest end of the first i + 1 of them (`ends`), and the index of the
 * first command that runs a renaming script (`first`; Infinity: none), as `renamesIn`'s walk of
 * the whole text meets them, each script read once.
 */
export interface StartWalk {
  offsets: readonly number[];
  ends: readonly number[];
  first: number;
}

/** What separates commands, and nothing else: a start that ends in it after its last whole command splits into the same commands. */
const ONLY_SEPARATORS = /^[\s;&|]*$/;

/**
 * `renamesIn(whole.slice(0, cut), names, read, '', 0, new Set(), may)` for a start of `whole` (the
 * text before one of many publishes in one step), without splitting each start (issue 17: after
 * `curl … | bash -`, a step of thousands of publish lines split the text before each of them
 * again, n² work). A start whose commands are the whole text's first k, complete (no command of
 * the whole runs across the cut) and followed by nothing but separators, splits into those
 * commands (shell.ts splits left to right; script-index.ts relies on the same): a walk of them stops
 * where the walk of the whole text does (`StartWalk.first`, read once per text in `walks`). Any
 * other start is split as before.
 */
export function renamesInStart(
  whole: string,
  cut: number,
  names: readonly string[],
  read: (file: string) => string | undefined,
  may: { rename: boolean; shell: boolean },
  walks: Map<string, StartWalk>,
): boolean {
  const start = whole.slice(0, cut);
  if (!may.shell || !mayRunShellFile(start)) return renamesIn(start, names, read, '', 0, new Set(), may);
  if (renamesIn(start, names, read, '', 0, new Set(), { rename: may.rename, shell: false })) return true;
  let walk = walks.get(whole);
  if (!walk) walks.set(whole, (walk = startWalk(whole, names, read)));
  // The commands that start before the cut: the first k.
  let lo = 0;
  let hi = walk.offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (walk.offsets[mid]! < cut) lo = mid + 1;
    else hi = mid;
  }
  const k = lo;
  const end = k === 0 ? 0 : walk.ends[k - 1]!;
  if (end > cut || !ONLY_SEPARATORS.test(whole.slice(end, cut))) return renamesIn(start, names, read, '', 0, new Set(), may);
  return walk.first < k;
}

function startWalk(whole: string, names: readonly string[], read: (file: string) => string | undefined): StartWalk {
  const commands = splitCommands(whole);
  const offsets: number[] = [];
  const ends: number[] = [];
  let furthest = 0;
  for (const c of commands) {
    offsets.push(c.offset);
    furthest = Math.max(furthest, c.offset + c.text.length);
    ends.push(furthest);
  }
  const followed = new Set<string>();
  const follow = (written: string): string | undefined => {
    const file = shellFilePath(written, '');
    if (file === undefined || followed.has(file) || followed.size >= MAX_RENAME_SCRIPTS) return undefined;
    followed.add(file);
    const found = read(file);
    return found !== undefined && found.length <= MAX_SHELL_FILE_CHARS ? found : undefined;
  };
  const first = commands.findIndex((c) => runsRenamingScript(c, names, read, '', 0, followed, follow));
  return { offsets, ends, first: first < 0 ? Infinity : first };
}

/** Words that may start `changelogen` (`npx`, `pnpm`, `pnpm dlx`, `yarn`, `bunx`, `npx -y`). */
const CHANGELOGEN_RUNNERS = new Set(['npx', 'pnpm', 'pnpx', 'yarn', 'bunx', 'bun', 'x', 'exec', 'dlx', '-y', '--yes']);
const CHANGELOGEN_SUFFIX = PUBLISH_RECOGNIZERS.find((r) => r.id === 'changelogen')?.flagNames?.nameSuffix;

/** `changelogen --canary <s>` / `--nameSuffix <s>` (through a runner), which renames the package it bumps. */
function renamesByChangelogen(words: readonly string[]): boolean {
  const at = words.findIndex((w) => /^changelogen(?:@[^/\s]*)?$/.test(basenameOf(w)));
  if (at < 0 || words.slice(0, at).some((w) => !CHANGELOGEN_RUNNERS.has(basenameOf(w)))) return false;
  return readNameSuffix(words.slice(at + 1), CHANGELOGEN_SUFFIX) !== undefined;
}

/** `npm pkg set name=x ...`, `npm pkg delete name` (keys may be quoted: the words are unquoted). */
function setsName(words: readonly string[]): boolean {
  const at = words.indexOf('pkg');
  const verb = at > 0 ? words[at + 1] : undefined;
  if (verb !== 'set' && verb !== 'delete') return false;
  const keys = words.slice(at + 2).filter((w) => !w.startsWith('-'));
  return keys.some((w) => (verb === 'set' ? w.slice(0, w.indexOf('=')) : w) === 'name');
}

/** `sed -i 'script' package.json`: in place, on a package.json, with a script that may touch the name. */
function editsName(words: readonly string[], fragments: readonly string[]): boolean {
  const options = words.slice(1).filter((w) => w.startsWith('-'));
  const inPlace = options.some((w) => w.startsWith('--in-place') || (!w.startsWith('--') && w.slice(1).includes('i')));
  const files = words.slice(1).filter((w) => basenameOf(w) === 'package.json');
  if (!inPlace || files.length === 0) return false;
  if (fragments.length === 0 || options.some((w) => w === '-f' || w.startsWith('--file'))) return true;
  // The script: every other word (`-e` values, `--expression=...`; the options never quote a name).
  const script = words.slice(1).filter((w) => basenameOf(w) !== 'package.json');
  return script.some((w) => NAME_FIELD.test(w) || fragments.some((f) => w.includes(f)));
}

/** What a script that renames `@acme/widget` may quote of it: the name, `@acme`, `acme`, `widget`. */
function nameFragments(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    out.add(name);
    const slash = name.indexOf('/');
    if (name.startsWith('@') && slash > 1) {
      out.add(name.slice(0, slash));
      out.add(name.slice(1, slash));
      out.add(name.slice(slash + 1));
    }
  }
  return [...out].filter((f) => f.length > 0);
}

/**
 * A script that writes a package.json (`fs.writeFileSync('package.json', …)` in a `node -e`, a `jq …
 * > package.json`), or a job that starts a local Verdaccio registry to publish to (powersync-ja's
 * test job, whose helper script strips `publishConfig.registry`): the committed `publishConfig` may
 * not be what decides.
 */
const REWRITES_MANIFEST = /write(?:File|FileSync|Json|JsonSync)\s*\([^)\n]{0,200}package\.json|jq\b[^\n]{0,300}publishConfig[^\n]{0,300}package\.json|^[ \t]*(?:nohup[ \t]+)?(?:npx[ \t]+)?verdaccio\b/m;

/** Every match of `REWRITES_MANIFEST` holds one of these words: a text without them never makes V8 compile it (issue 17). */
function mayRewriteManifest(text: string): boolean {
  return text.includes('package.json') || text.includes('verdaccio');
}

/** The last text `rewritesManifest` read: each publish of a step asks about the same `run:` text. */
let lastRewrites: { text: string; result: boolean } | undefined;

/** True when a script rewrites a package.json, or publishes to a local Verdaccio (`REWRITES_MANIFEST`). */
export function rewritesManifest(text: string): boolean {
  if (lastRewrites?.text !== text) lastRewrites = { text, result: mayRewriteManifest(text) && REWRITES_MANIFEST.test(text) };
  return lastRewrites.result;
}
