/**
 * Committed shell scripts that a command runs (`./scripts/publish.sh`, `bash scripts/release.sh`,
 * `source ./ci/publish.sh`): which file a command names, and where it is in the repository. The
 * recognition (publish-commands.ts) reads the file's text through `RecognizeContext.shellFile` and
 * looks for publishes in it like in a `run:` block. tp-doctor reads such a file, never runs it.
 *
 * A file is read when the command makes it a shell script: a `.sh` or `.bash` name, a shell
 * running it (`bash ./bin/publish-npm`, `sh ci/release`, `zsh`, `dash`: the runners with
 * `shellOptions`, their options peeled; its arguments are the script's, as for `./x.sh args`),
 * `source`/`.`, or a path run directly
 * (`./bin/release`) whose first line is a `sh`/`bash` interpreter line. Anything else may be any
 * program (a Node script, a binary) and stays unread; a script that runs what tp-doctor cannot read
 * (`./gradlew` runs Java) stays a command it cannot see into. The list of files tp-doctor reads
 * (src/model/core/inputs.ts) keeps fixed globs (`.sh` and `.bash` files): an extension-less script read this way is named by the command, like a `node-version-file`, and a
 * change to it alone does not make the pre-commit hook or the path filters run the check.
 */
import path from 'node:path/posix';
import { LineIndex, type Location } from '../../yaml/span.js';
import { COMMAND_PREFIXES, OTHER_DESTINATION_ARGUMENTS } from '../data/publish-tools.js';
import { forwardsDryRun } from './command-words.js';
import { matchRunner, SHELL_RUNNER_BINS } from './command-runners.js';
import { splitCommands, stripPrefixes, type ShellCommand } from './shell.js';
import { scriptDirReference, type ScriptPlace } from './shell-definitions.js';
import { chargeFound, MAX_SCRIPT_DEPTH, type Found, type Frame, type Outcome } from './publish-match.js';
import { namesNpm, namesOtherDestination } from './possible-publish.js';
import { scriptIndex } from './script-index.js';
import { literalArguments } from './positional-branches.js';

/** A shell script file by its name. */
export const SHELL_FILE = /\.(?:sh|bash)$/;

/**
 * The interpreter line of a shell script (`#!/bin/sh`, `#!/usr/bin/env bash`, `#!/usr/bin/env -S
 * bash -e`, `#!/bin/bash -eu`): what makes a file run as `./bin/release` a shell script.
 */
export const SHELL_INTERPRETER = /^#![ \t]*(?:\/usr)?(?:\/local)?\/bin\/(?:env[ \t]+(?:-\S+[ \t]+)*)?(?:ba)?sh(?:\s|$)/;

/**
 * The characters of a shell script read, at most (256 KiB; release scripts are a few KiB). A
 * larger one is not read: it stays a command tp-doctor cannot see into.
 */
export const MAX_SHELL_FILE_CHARS = 256 * 1024;

/** Prefixes that name the repository root in a CI job (`$GITHUB_WORKSPACE/scripts/x.sh`). */
const ROOT_PREFIXES: readonly RegExp[] = [
  /^\$\{\{\s*github\.workspace\s*\}\}\//,
  /^\$\{?GITHUB_WORKSPACE\}?\//,
  /^\$\{?CI_PROJECT_DIR\}?\//,
];

/** The script file a command runs and the arguments it gets, after runners (`bash`, `sh`) are peeled. */
export interface ShellFileRun {
  /** As written: `./scripts/publish.sh`. */
  path: string;
  args: string[];
  /** Run directly under a name that does not say shell (`./bin/release`): read only with a shell interpreter line. */
  needsInterpreterLine?: true;
  /** `source x.sh`, `. x.sh`: it runs in the caller's shell, with the caller's `$1`… when given no arguments. */
  sourced?: true;
}

/**
 * The shell script file `words` runs: `./x.sh args`, `scripts/x.sh`, `source x`, `. x`, any file a
 * shell runs (`byShell`: a shell runner, `bash`/`sh`/`zsh`/`dash`, was peeled), or a path run directly (`./bin/x`,
 * then read only if it is a shell script by its first line). Undefined for anything else: a bare
 * name is looked up in `PATH`, not in the repository.
 */
export function shellFileRun(words: readonly string[], byShell = false): ShellFileRun | undefined {
  const sourced = words[0] === 'source' || words[0] === '.';
  const file = sourced ? words[1] : words[0];
  if (file === undefined || file.startsWith('-')) return undefined;
  const args = words.slice(sourced ? 2 : 1);
  if (sourced) return { path: file, args, sourced };
  if (byShell || SHELL_FILE.test(file)) return { path: file, args };
  return file.includes('/') ? { path: file, args, needsInterpreterLine: true } : undefined;
}

/** The prefixes of `COMMAND_PREFIXES` that are words (`sudo`, `env`, `time`, `if`, `then`, `do`…; `!` starts a command below). */
const PREFIX_WORDS = COMMAND_PREFIXES.flatMap((p) => p.names).filter((n) => /^[\w-]+$/.test(n));
/** A `.sh`/`.bash` file, a shell or `source` given a file, a `.` given one (each alternative led by a literal, as the test before it was). */
const shellWords = (afterExtension: string): RegExp =>
  new RegExp(String.raw`\.(?:sh|bash)${afterExtension}|\b(?:${[...SHELL_RUNNER_BINS, 'source'].join('|')})\s|\.(?<=(?:^|[\s;&|(){}\x60!])\.)[ \t]`);
const SHELL_WORDS = shellWords(String.raw`\b`);
/**
 * `SHELL_WORDS` without the `\b` after an extension: where `SHELL_WORDS` matches a start of a text
 * (cut right after `x.sh`, where the cut is a word's end), this matches the whole text at the same
 * place. Its other parts look at no character after what they match.
 */
const SHELL_WORDS_ANY_CUT = shellWords('');
/** The first word of a command up to a `/` in it: `scripts/`, `"$DIR/`, `'my dir/` (quoted: 100 characters at most). */
const PATH_WORD = String.raw`(?:"[^"\n]{0,100}|'[^'\n]{0,100}|[^\s;&|(){}<>"'=/\x60!]*)/`;
/** Assignments, then the first word of a command with a `/` (`A=1 scripts/x`). */
const ASSIGNED_PATH = String.raw`[ \t]*(?:[A-Za-z_]\w*\+?=[^\s;&|(){}\x60!]*[ \t]+)*${PATH_WORD}`;
/**
 * A path in the first word of a command: where a command starts (the text's start, a line's,
 * after `;`, `&`, `|`, `(`, `{`, a backtick, `!`) after assignments; within 8 words after a
 * prefix word (`sudo -E scripts/x`, `timeout 60 scripts/x`, `then scripts/x`); after a CI
 * expression (`${{ github.workspace }}/x`). No part runs past the next space, operator or start of
 * a command (assignment values included) or 8 words, so each test stays linear on any text; they
 * are tried one by one, which is faster than one alternation.
 */
const COMMAND_PATHS: readonly RegExp[] = [
  new RegExp(`^${ASSIGNED_PATH}`),
  new RegExp(String.raw`[\n;&|(){}\x60!]${ASSIGNED_PATH}`),
  new RegExp(String.raw`\b(?:${PREFIX_WORDS.join('|')})[ \t]+(?:[^\s;&|/]+[ \t]+){0,8}?${PATH_WORD}`),
  /\}\}\//,
];

/**
 * A cheap test of a script's text, before it is split: false only when none of its commands can run
 * a committed shell script as `shellFileRun` reads one, after the prefixes `stripPrefixes` drops: a
 * `.sh`/`.bash` file, a shell (`bash x`, `sh -c 'scripts/x'`), `source x`, `. x`, or a path run
 * directly (`./x`, `scripts/prepare-release`: `COMMAND_PATHS`). A path that is only an argument
 * (`npm publish ./pkg`) is no such command. Linear in the text, and a text without a `/` costs what
 * the test before it did: a job with thousands of publish lines asks it once per publish, about the
 * text before each.
 */
export function mayRunShellFile(text: string): boolean {
  return SHELL_WORDS.test(text) || (text.includes('/') && COMMAND_PATHS.some((re) => re.test(text)));
}

/**
 * For the starts of one text (the text before each of many publishes in one step): the least index
 * at which a match of `mayRunShellFile`'s tests on a start of `whole` can begin, Infinity when none
 * can. `mayRunShellFile(whole.slice(0, cut))` is false whenever `cut` is at most this index: a
 * match on a start is a match on the whole text at the same place (`SHELL_WORDS_ANY_CUT`; the
 * `COMMAND_PATHS` end on a `/` and look no further), so it begins at or after the first one there.
 * One pass over the text answers every cut before it.
 */
export function shellFileCut(whole: string): number {
  let first = Infinity;
  for (const re of [SHELL_WORDS_ANY_CUT, ...COMMAND_PATHS]) {
    const at = re.exec(whole)?.index;
    if (at !== undefined && at < first) first = at;
  }
  return first;
}

/**
 * The repository path of a script named `written` by a command run in `fromDir` (`` for the
 * root), or undefined when it is not a literal path inside the repository: an absolute path, a
 * variable other than the workspace's (`$SCRIPTS/x.sh`, `$(dirname "$0")/x.sh`), or one that leaves
 * the repository (`../../x.sh`).
 */
/** A directory segment whose value tp-doctor does not know (`RecognizeContext.dirPattern`); no file name holds it. */
export const UNKNOWN_SEGMENT = '\u0000';

/**
 * Where a script file a command names is, from where the command runs (`Frame.dir`, else
 * `Frame.dirPattern` when the path climbs out of every unknown segment); undefined when not known.
 */
export function scriptFilePath(written: string, frame: Pick<Frame, 'dir' | 'dirPattern'>): string | undefined {
  if (frame.dir !== undefined) return shellFilePath(written, frame.dir);
  const file = frame.dirPattern === undefined ? undefined : shellFilePath(written, frame.dirPattern);
  return file?.includes(UNKNOWN_SEGMENT) ? undefined : file;
}

export function shellFilePath(written: string, fromDir: string): string | undefined {
  // Also where a `cd <dir>` goes (`cd packages/core && ./publish.sh`), by the same rules.
  let rel = written;
  let base = fromDir;
  for (const prefix of ROOT_PREFIXES) {
    if (prefix.test(rel)) {
      rel = rel.replace(prefix, '');
      base = '';
      break;
    }
  }
  if (rel.startsWith('/') || /[$`~*?[\]{}]/.test(rel)) return undefined;
  const joined = path.normalize(path.join(base, rel));
  if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return undefined;
  return joined === '.' ? '' : joined;
}

/**
 * The repository path of a script a committed script (`self`, its repository path) names through
 * a variable it set to its own directory (`"$SCRIPTS_DIR/circle-publish-npm"`, `$DIR/../x.sh`,
 * `source "$DIR/lib.sh"`; `scriptDirReference`): relative to that script's directory, wherever the
 * script was started from. Undefined for anything else (in a `run:` block `$0` is not a script).
 */
export function ownDirPath(written: string, self: string | undefined, place: ScriptPlace | undefined, read?: (file: string) => string | undefined): string | undefined {
  if (self === undefined) return undefined;
  const inOwnDir = (rest: string): string | undefined => shellFilePath(rest.replace(/^\/+/, '') || '.', path.dirname(self) === '.' ? '' : path.dirname(self));
  // A library the script sources from its own directory is read, to see it leaves the variable alone.
  const sourced = read && ((rest: string): string | undefined => {
    const file = inOwnDir(rest);
    return file === undefined ? undefined : read(file);
  });
  const rest = scriptDirReference(written, place, sourced);
  return rest === undefined ? undefined : inOwnDir(rest);
}

/**
 * Arguments that choose a destination other than npm: the words of `OTHER_DESTINATION_WORDS`, and
 * the words of `OTHER_DESTINATION_ARGUMENTS` given alone (`./upload.sh github`: a GitHub release),
 * which in a command's name would not be enough (`release-to-github-and-npm`).
 */
export function namesElsewhere(args: readonly string[]): boolean {
  return namesOtherDestination(args.join(' ')) || args.some((a) => OTHER_DESTINATION_ARGUMENTS.has(a.toLowerCase()));
}

/** After `cd <dir>`: the directory script and configuration files are looked up in, or none when the target is not a literal path. */
export function afterCdForFiles(frame: Frame, target: string | undefined): Frame {
  if ((frame.shellFile === undefined && frame.toolConfig === undefined) || frame.dir === undefined) return frame;
  return { ...frame, dir: target === undefined ? undefined : shellFilePath(target, frame.dir) };
}

/**
 * A script that tests the release scripts (`npm-staged-publication.test.sh`, `publish_test.sh`,
 * `test-release.sh`, anything under a `test/`, `tests/`, `__tests__/` or `spec/` folder): it runs
 * them against fakes (pnpm/pnpm puts a fake `pnpm` first on `PATH` and runs its staged-publication
 * script), so what it calls publishes nothing. Read as publishing nothing.
 */
const TEST_DIR = /(?:^|\/)(?:test|tests|__tests__|spec)\//i;
const TEST_NAME = /^(?:test(?:[_.-][^/]*)?|[^/]*[._-](?:test|spec)s?\.[a-z]+)$/i;
export function isTestScript(file: string): boolean {
  return TEST_DIR.test(file) || TEST_NAME.test(file.slice(file.lastIndexOf('/') + 1));
}

/**
 * What a committed shell script run by a command does, read like a `run:` block with `recognize`:
 * its publishes (a guess at most: tp-doctor does not follow most conditions and functions the
 * script branches on; a branch on `$1` the call's literal arguments certainly rule out is left out,
 * ./positional-branches.ts), a dry run (`./publish.sh --dry-run`), or nothing when every
 * command in it is known and none publishes. Undefined when the file cannot be read (absent, too
 * large, outside the repository, too deep) or runs something tp-doctor cannot read: the command
 * then stays unread, as the file's name alone says. A file the job wrote before (`Frame.written`,
 * written-files.ts) is read from what it wrote (unread when that is not known), as text of the CI
 * file: it has no place of its own (`ViaScript.file` unset).
 */
export function readShellFile(run: ShellFileRun, frame: Frame, recognize: (text: string, frame: Frame) => Outcome, place?: ScriptPlace): Outcome | undefined {
  // In a committed script (the last step of `via`, whose text `place` is in), `"$DIR/x.sh"` with `DIR` its own directory.
  const current = frame.via.at(-1);
  const self = current?.file === true && place !== undefined && place.text === current.command ? current.script : undefined;
  const own = ownDirPath(run.path, self, place, frame.shellFile);
  if (frame.shellFile === undefined) return undefined;
  const file = own ?? scriptFilePath(run.path, frame);
  const key = `file\0${file}`;
  if (file === undefined || frame.seen.has(key) || frame.depth >= MAX_SCRIPT_DEPTH || frame.budget.left <= 0) return undefined;
  // A file the script wrote before (written-files.ts) is read from what it wrote, never from the repository.
  const written = frame.written?.has(file) === true;
  const text = written ? frame.written!.get(file) : frame.shellFile(file);
  if (text === undefined || text.length > MAX_SHELL_FILE_CHARS) return undefined;
  if (run.needsInterpreterLine && !SHELL_INTERPRETER.test(text)) return undefined;
  frame.budget.left--;
  const nothing: Outcome = { found: [], rejected: false, unknown: false, unread: [] };
  if (forwardsDryRun(run.args) || isTestScript(file)) return nothing;
  // Only a committed file has places of its own (`ViaScript.file`); a written one is text of the CI file.
  const child: Frame = { ...frame, depth: frame.depth + 1, seen: new Set([...frame.seen, key]), via: [...frame.via, { script: file, command: text, ...(written ? {} : { file: true as const }) }], publishContext: false };
  // `./scripts/node_version.sh` and `… upload` (duckdb/duckdb-node): a branch on `$1` is decided for literal arguments.
  child.positional = run.sourced !== true && frame.argsUnsure !== true && literalArguments(run.args) ? { text, args: run.args } : undefined;
  child.argsUnknown = run.sourced !== true && child.positional === undefined ? { text } : undefined;
  const counted = frame.budget.counted;
  const outcome = recognize(text, child);
  if (!chargeFound(frame, outcome.found.length, counted)) return undefined;
  // `./upload.sh github`, a script that publishes to npm only when told `npm` (snyk/cli): arguments
  // that name another destination and not npm leave it a command tp-doctor cannot read, which the
  // possible-publish check then judges by those words, as before the file was read.
  if (outcome.found.length > 0 && namesElsewhere(run.args) && !namesNpm(run.args)) return undefined;
  if (outcome.found.length > 0 || outcome.rejected) {
    // `npm config set registry https://npm.pkg.github.com` (or `export NPM_CONFIG_REGISTRY=…`) in
    // the script sends its publishes there, as it would in a `run:` block; the publish's place in
    // the file is not tracked, so the script's last such setting counts, as the command line would.
    // Yarn 2+'s own settings (`yarn config set npmPublishRegistry`) are carried for `yarn npm publish`.
    const writes = scriptIndex(text).registryWrites;
    const write = writes.filter((w) => w.key === 'registry').at(-1);
    const set = write && { registry: write.url, registrySource: `\`${write.label}\` in ${file}${write.valueNote ?? ''}` };
    const yarn = writes
      .filter((w) => w.file === 'yarnrc-yml' || w.file === 'home-yarnrc-yml')
      .map((w) => ({ key: w.key, file: w.file, url: w.url, source: `\`${w.label}\` in ${file}${w.valueNote ?? ''}` }))
      .reverse();
    // A script this one runs (whose settings the publish already carries) writes after it.
    const withFlags = (f: Found): Found['flags'] => ({
      ...f.flags,
      ...(set && f.flags.registry === undefined ? set : {}),
      ...(yarn.length > 0 ? { configWrites: [...(f.flags.configWrites ?? []), ...yarn] } : {}),
    });
    const found = outcome.found.map((f) => ({ ...f, confidence: 'heuristic' as const, flags: withFlags(f), via: certainIn(f, frame.via.length) }));
    return { ...nothing, found, rejected: outcome.rejected };
  }
  return outcome.unknown ? undefined : { ...nothing, unread: outcome.unread };
}

/**
 * The publishes `outcome` found through `cmd`, a command of `text`, a committed shell script's
 * text being read in `frame`: its entry in their script chain says where `cmd` stands in that text
 * (`ViaScript.publishAt`; a command of a readable `eval` is placed inside its quotes: eval-text.ts).
 */
export function placeInFile(outcome: Outcome, frame: Frame, text: string, cmd: ShellCommand): Outcome {
  const index = frame.via.length - 1;
  const entry = frame.via[index];
  // Only a command of the file's own text (not of a `bash -c '…'` string in it) has its place there;
  // a makefile's recipe line (./make-runs.ts) and a configuration's command line (`startDir`) are placed the same way.
  if ((entry?.file !== true && entry?.recipe !== true && entry?.startDir === undefined) || entry.command !== text || outcome.found.length === 0) return outcome;
  const publishAt = { offset: cmd.offset, end: cmd.offset + cmd.text.length };
  const found = outcome.found.map((f) => (f.via[index] === entry ? { ...f, via: f.via.map((v, i) => (i === index ? { ...v, publishAt } : v)) } : f));
  return { ...outcome, found };
}

/** The script chain of `f`, found in the script file at `index`: that entry says whether `f` was certain there (`ViaScript.readCertain`). */
function certainIn(f: Found, index: number): Found['via'] {
  const entry = f.via[index];
  if (f.confidence !== 'certain' || entry === undefined || f.via.length !== index + 1) return f.via;
  return f.via.map((v, i) => (i === index ? { ...v, readCertain: true as const } : v));
}

/** Where a character range of a script file's text is (what a rule reports inside the script). */
export function locateInScript(file: string, text: string, offset: number, end: number): Location {
  return { file, ...new LineIndex(text).span(offset, end) };
}

/** A committed shell script a command of a script runs: the file, its text, and the command's place in the script. */
export interface ScriptFileRunBy {
  /** The script's repository path. */
  file: string;
  /** Its text (at most `MAX_SHELL_FILE_CHARS`). */
  text: string;
  /** The character range of the command that runs it, in the outer script (for a script run by a script, the outer command's). */
  offset: number;
  end: number;
}

/** Script files read by `shellFilesRunBy`, at most (each once). */
const MAX_FILES_RUN_BY = 16;

/**
 * The committed shell scripts that the commands of `script`, run in `dir`, run, in order: what
 * `readShellFile` would read (`./scripts/auth.sh`, `bash -e ci/auth.sh`, `source x.sh`, `./bin/x`
 * with a `sh`/`bash` interpreter line), whatever the script does, and the scripts those run, up to
 * `MAX_SCRIPT_DEPTH` deep and `MAX_FILES_RUN_BY` files. Read, never run: what is found in one is a
 * guess at most (the script may branch on its arguments). A `cd` the search cannot follow (to a
 * variable) ends it; a command tp-doctor cannot place (`bash -c '…'`) is skipped.
 */
export function shellFilesRunBy(script: string, dir: string, read: (file: string) => string | undefined): ScriptFileRunBy[] {
  const out: ScriptFileRunBy[] = [];
  const seen = new Set<string>();
  const visit = (text: string, from: string, depth: number, at?: { offset: number; end: number }, self?: string): void => {
    let here: string | undefined = from;
    for (const cmd of splitCommands(text)) {
      if (here === undefined || out.length >= MAX_FILES_RUN_BY) return;
      let words = stripPrefixes(cmd.words).map((w) => w.value);
      const bin = path.basename(words[0] ?? '');
      if (bin === 'cd') {
        // A `cd` inside `$(...)` (`DIR=$(cd "$(dirname "$0")" && pwd)`) ends with it.
        if (!cmd.substitution) here = words[1] === undefined ? undefined : shellFilePath(words[1], here);
        continue;
      }
      const byShell = SHELL_RUNNER_BINS.has(bin);
      if (byShell) {
        const runner = matchRunner(words, bin);
        if (runner?.shell !== true) continue;
        words = runner.rest;
      }
      const run = shellFileRun(words, byShell);
      const file = run && (ownDirPath(run.path, self, { text, offset: cmd.offset, end: cmd.offset + cmd.text.length }, read) ?? shellFilePath(run.path, here));
      if (!run || file === undefined || seen.has(file) || isTestScript(file)) continue;
      seen.add(file);
      const body = read(file);
      if (body === undefined || body.length > MAX_SHELL_FILE_CHARS || (run.needsInterpreterLine && !SHELL_INTERPRETER.test(body))) continue;
      const place = at ?? { offset: cmd.offset, end: cmd.offset + cmd.text.length };
      out.push({ file, text: body, ...place });
      // A script runs in the directory it was started from, not its own.
      if (depth + 1 < MAX_SCRIPT_DEPTH) visit(body, here, depth + 1, place, file);
    }
  };
  visit(script, dir, 0);
  return out;
}
