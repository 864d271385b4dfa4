/**
 * Whether a token line a script writes (./tokens.ts `findTokenWrites`) still configures a given
 * publish, by the reading the registry lines get (docs/domain.md A.42): the file must be one npm
 * reads there (an `.npmrc`, or the file the publish's environment names as its user configuration:
 * `userConfigs`, ./registry-writes.ts `envUserConfigs`; not `~/.npmrc` when it reads another user
 * configuration, `readsHome`), not taken out before the publish (`rm
 * .npmrc`, an overwrite, `git checkout .npmrc`; after `&&` only for its own chain: ./npmrc-kept.ts
 * `keptWrites`), and, for a project `.npmrc`, the one of a directory the publish reads
 * (`writtenProjectDir`, `RepoFiles.projectNpmrcDirs`). The one decision for no-long-lived-token and
 * ../token-fallback.ts; a write whose file tp-doctor cannot tell reaches every publish (never a guess).
 */
import { keptWrites, npmrcFileIn, writtenProjectDir } from './npmrc-kept.js';
import { scriptIndex } from './script-index.js';
import { splitCommands } from './shell.js';
import { isConfigSet, tokenWriteFile } from './token-write-targets.js';
import { inOtherBranches, type TokenWrite } from './tokens.js';
import { commandAt, isHomeNpmrc, namedAgain, writtenOnlyElsewhere } from './write-targets.js';

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
  /** The files its environment names as npm's user configuration. */
  userConfigs: readonly string[];
  /** False when it certainly reads another user configuration than `~/.npmrc` (on GitHub, after setup-node's `registry-url`: ../github/user-config.ts). */
  readsHome?: boolean;
}

/** Why a token write does not reach a publish: written into no file npm reads there, taken out before it, or a project `.npmrc` of another directory (`file`). */
export type TokenMiss = { why: 'elsewhere' } | { why: 'removed'; file: string } | { why: 'directory'; file: string };

/** Why `write` (offsets into `text`, itself at `shell.offset` of `shell.text`) certainly does not reach the publish `reader` describes; undefined when it may. */
export function tokenWriteMiss(write: TokenWrite, text: string, shell: TokenShell, reader: TokenReader): TokenMiss | undefined {
  if (write.yarn === true) return undefined;
  const commands = splitCommands(text);
  if (writtenOnlyElsewhere(commands, write.offset, text, reader.userConfigs)) return { why: 'elsewhere' };
  const index = commandAt(commands, write.offset);
  const path = index < 0 ? undefined : tokenWriteFile(commands, index, text).path;
  if (path === undefined) return undefined;
  // `> ~/.npmrc` (not `npm config set`, which writes the user configuration npm reads) where npm reads another file, unless the script names it again (`cp ~/.npmrc …`).
  if (reader.readsHome === false && isHomeNpmrc(path) && !isConfigSet(commands[index]) && !namedAgain(shell.text, path)) return { why: 'elsewhere' };
  const placed = shell.offset + write.offset;
  const fileAt = (p: string, at: number): string | undefined => npmrcFileIn(shell.text, shell.start, p, at);
  // A `> .npmrc` of another branch of the same `if` (the napi-rs template's `elif`) takes out nothing this one wrote.
  const resets = scriptIndex(shell.text).npmrcResets.filter((r) => r.end <= reader.limit && !(r.how === 'overwritten' && inOtherBranches(shell.text, placed, r.offset)));
  if (resets.length > 0 && keptWrites([{ key: '_authToken', offset: placed, path }], resets, fileAt, new Set()).length === 0) return { why: 'removed', file: fileAt(path, placed) ?? path };
  const { dir } = writtenProjectDir(path, placed, fileAt);
  if (dir !== undefined && reader.dirs !== undefined && !reader.dirs.includes(dir)) return { why: 'directory', file: dir === '' ? '.npmrc' : `${dir}/.npmrc` };
  return undefined;
}
