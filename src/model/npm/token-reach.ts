/**
 * Whether a token line a script writes (./tokens.ts `findTokenWrites`) still configures a given
 * publish, by the reading the registry lines get (docs/domain.md A.42): the file must be one npm
 * reads there (an `.npmrc`, or the file the publish's environment names as its user configuration:
 * `userConfigs`, ./registry-writes.ts `envUserConfigs`; not `~/.npmrc` when it reads another user
 * configuration, `readsHome`), not taken out before the publish (`rm
 * .npmrc`, an overwrite, `git checkout .npmrc`; after `&&` only for its own chain: ./npmrc-kept.ts
 * `keptWrites`), and, for a project `.npmrc`, the one of a directory the publish reads
 * (`writtenProjectDir`, `RepoFiles.projectNpmrcDirs`). The one decision for no-long-lived-token and
 * ../token-fallback.ts; a write whose file tp-doctor cannot tell reaches every publish (never a guess),
 * and so does one whose file a later command of the same script, before the publish, may carry
 * elsewhere (`cp .npmrc ~/.npmrc; rm .npmrc`, `mv .npmrc packages/a/`, `cat .npmrc > f`, `… < .npmrc`:
 * `copiedOut`).
 */
import { basenameOf, dirnameOf } from '../../fs/paths.js';
import { commandBin } from './command-words.js';
import { keptWrites, npmrcFileIn, type NpmrcFileAt, writtenProjectDir } from './npmrc-kept.js';
import { scriptIndex } from './script-index.js';
import { changeWords } from './shell-scope-walk.js';
import { splitCommands, type ShellCommand } from './shell.js';
import { stripPrefixWords } from './shell-words.js';
import { isConfigSet, tokenWriteFile } from './token-write-targets.js';
import { inOtherBranches, type TokenWrite } from './tokens.js';
import { commandAt, writtenOnlyElsewhere } from './write-targets.js';
import { lineUnread, userConfigFiles, type UserConfig } from './user-config.js';

/** The shell script a write's text is part of: its text, where the write's text starts in it, and the repository directory it starts in (undefined: unknown). */
export interface TokenShell {
  text: string;
  offset: number;
  start: string | undefined;
}

/** What a publish reads of the lines a job writes. */
export interface TokenReader {
  /** Offset in the shell's text of the publish when it runs in that shell (the resets before it count), else Infinity. */
  limit: number;
  /** The directories whose project `.npmrc` it reads; undefined when unknown (every one counts). */
  dirs: readonly string[] | undefined;
  /** The user configuration it reads (./user-config.ts): a line written into that file counts, one into `~/.npmrc` does not when it is another. */
  userConfig: UserConfig | undefined;
}

/** Why a token write does not reach a publish: written into no file npm reads there, taken out before it, or a project `.npmrc` of another directory (`file`). */
export type TokenMiss = { why: 'elsewhere' } | { why: 'removed'; file: string } | { why: 'directory'; file: string };

/** Why `write` (offsets into `text`, itself at `shell.offset` of `shell.text`) certainly does not reach the publish `reader` describes; undefined when it may. */
export function tokenWriteMiss(write: TokenWrite, text: string, shell: TokenShell, reader: TokenReader): TokenMiss | undefined {
  if (write.yarn === true) return undefined;
  const commands = splitCommands(text);
  if (writtenOnlyElsewhere(commands, write.offset, text, userConfigFiles(reader.userConfig))) return { why: 'elsewhere' };
  const index = commandAt(commands, write.offset);
  const path = index < 0 ? undefined : tokenWriteFile(commands, index, text).path;
  if (path === undefined) return undefined;
  // `> ~/.npmrc` (not `npm config set`, which writes the user configuration npm reads) where npm reads another file, unless the script names it again (`cp ~/.npmrc …`).
  if (lineUnread(reader.userConfig, path, isConfigSet(commands[index]), shell.text)) return { why: 'elsewhere' };
  const placed = shell.offset + write.offset;
  const fileAt = (p: string, at: number): string | undefined => npmrcFileIn(shell.text, shell.start, p, at);
  if (copiedOut(shell.text, placed, reader.limit, path, fileAt)) return undefined;
  // A `> .npmrc` of another branch of the same `if` (the napi-rs template's `elif`) takes out nothing this one wrote.
  const resets = scriptIndex(shell.text).npmrcResets.filter((r) => r.end <= reader.limit && !(r.how === 'overwritten' && inOtherBranches(shell.text, placed, r.offset)));
  if (resets.length > 0 && keptWrites([{ key: '_authToken', offset: placed, path }], resets, fileAt, new Set()).length === 0) return { why: 'removed', file: fileAt(path, placed) ?? path };
  const { dir } = writtenProjectDir(path, placed, fileAt);
  if (dir !== undefined && reader.dirs !== undefined && !reader.dirs.includes(dir)) return { why: 'directory', file: dir === '' ? '.npmrc' : `${dir}/.npmrc` };
  return undefined;
}

/** Commands that carry no file's content anywhere whatever they name (`rm` and `git checkout` are resets: ./npmrc-resets.ts). */
const NO_COPY: ReadonlySet<string> = new Set(['rm', 'unlink', 'chmod', 'chown', 'chgrp', 'ls', 'stat', 'test', '[', '[[', 'touch', 'echo', 'file', 'realpath', 'readlink', 'dirname', 'basename', 'cd', 'pushd', 'popd']);
/** Commands that read a file to their output only: they carry it when their output goes to a file or a pipe. */
const TO_OUTPUT: ReadonlySet<string> = new Set(['cat', 'head', 'tail', 'grep', 'egrep', 'fgrep', 'sed', 'awk', 'wc', 'sort', 'cut', 'tr', 'base64', 'md5sum', 'sha1sum', 'sha256sum', 'diff', 'cmp', 'less', 'more']);
/** Commands that copy whole directories (`cp -r packages/a dist`): a directory holding the file carries it. */
const COPIES_DIRS: ReadonlySet<string> = new Set(['cp', 'mv', 'rsync', 'install', 'ditto', 'tar', 'zip']);

/**
 * True when a command of `script` after the write at `placed` and before `limit` (the publish in
 * the same script) may carry the file `path` names elsewhere: a `cp`, `mv`, `install`, `tee` or any
 * command tp-doctor does not know that names it (or reads it with `<`), a `cat`-like reader whose
 * output goes to a file or a pipe, a directory copy of a directory holding it. A word tp-doctor
 * cannot read (`"$SRC"`, a glob) names it for a copying command. The written line may then be read
 * wherever the copy lands: the write reaches (never a miss on a guess).
 */
function copiedOut(script: string, placed: number, limit: number, path: string, fileAt: NpmrcFileAt): boolean {
  const commands = scriptIndex(script).commands;
  let own = commandAt(commands, placed);
  // The `tee` the write's own output is piped into (`echo … | tee .npmrc`) is the write itself.
  while (own >= 0 && piped(script, commands[own]!, commands[own + 1])) own++;
  const file = fileAt(path, placed);
  const name = basenameOf(path);
  for (let i = own + 1; i < commands.length && commands[i]!.offset < limit; i++) {
    const cmd = commands[i]!;
    const words = stripPrefixWords(changeWords(cmd.words.map((w) => w.value)));
    const bin = commandBin(words[0] ?? '');
    if (NO_COPY.has(bin) || (bin === 'git' && (words[1] === 'checkout' || words[1] === 'restore'))) continue;
    if (TO_OUTPUT.has(bin) && (cmd.outputs ?? []).length === 0 && !piped(script, cmd, commands[i + 1])) continue;
    const named = [...words.slice(1), ...(cmd.inputs ?? []).map((r) => r.value)];
    const copying = COPIES_DIRS.has(bin) || TO_OUTPUT.has(bin) || bin === 'tee';
    if (named.some((w) => names(w, cmd.offset, file, name, COPIES_DIRS.has(bin), copying, fileAt))) return true;
  }
  return false;
}

/** The word `word` of a command at `at` may name `file` (`name` as written): the file itself, a directory holding it (`dirs`), or, for a copying command, a word tp-doctor cannot read. */
function names(word: string, at: number, file: string | undefined, name: string, dirs: boolean, copying: boolean, fileAt: NpmrcFileAt): boolean {
  if (word.startsWith('-') && !word.includes('=')) return false;
  const value = trimSlashes(word.includes('=') && word.startsWith('-') ? word.slice(word.indexOf('=') + 1) : word);
  if (/[$`*?[\]{}]/.test(value)) return copying;
  const named = fileAt(value, at);
  if (named === undefined || file === undefined) return basenameOf(value) === name;
  if (named === file) return true;
  return dirs && (named === '' || dirnameOf(file) === named || file.startsWith(`${named}/`));
}

/** The command's output is piped into `next` (a single `|` on the same line). */
function piped(script: string, cmd: ShellCommand, next: ShellCommand | undefined): boolean {
  return next !== undefined && /^[^\n;&|]*\|(?!\|)/.test(script.slice(cmd.offset + cmd.text.length, next.offset));
}

function trimSlashes(word: string): string {
  let end = word.length;
  while (end > 1 && word[end - 1] === '/') end--;
  return word.slice(0, end);
}
