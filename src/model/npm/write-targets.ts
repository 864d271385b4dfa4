/**
 * Which files a shell command writes its output to: its output redirections (`> f`, `>> f`, `>| f`,
 * `&> f`, wherever they stand among its words; not `2> f`, whose file gets errors only), the files of
 * `tee` when the command is one (`tee -a ~/.npmrc <<EOF`), and those of the `tee` its output is piped
 * into on the same line (`echo … | tee -a .npmrc`, `cat <<EOF | tee .npmrc`). The one reader of
 * "which file does this command write" for the registry settings a script writes (./registry-writes.ts)
 * and the file a token write lands in (./token-write-targets.ts), so that a form is learnt once.
 */
import { basenameOf } from '../../fs/paths.js';
import type { ShellCommand, ShellWord } from './shell-command.js';

/** A file a command's output is written to. */
export interface WriteTarget {
  /** As written (quotes and `$` kept); the unquoted value when the script's text is not given. */
  raw: string;
  /** Unquoted. */
  value: string;
  /** A redirection of the command itself, or a file `tee` names. */
  via: 'redirect' | 'tee';
}

/** The files a `tee` command names (its words after the name that are not options). */
function teeFiles(tee: ShellCommand, text: string | undefined): WriteTarget[] {
  return tee.words
    .slice(1)
    .filter((w) => !w.value.startsWith('-'))
    .map((w: ShellWord) => ({ raw: text === undefined ? w.value : text.slice(w.offset, w.end), value: w.value, via: 'tee' as const }));
}

function isTee(cmd: ShellCommand | undefined): boolean {
  return cmd !== undefined && basenameOf(cmd.words[0]?.value ?? '') === 'tee';
}

/**
 * The files `commands[index]` writes its standard output to (see the file comment): its redirections
 * first, in order, then the files of `tee`. `text`: the script the commands were split from, needed
 * to see a pipe into a `tee` (without it only the command's own redirections and `tee` files count).
 */
export function writeTargets(commands: readonly ShellCommand[], index: number, text?: string): WriteTarget[] {
  const cmd = commands[index];
  if (cmd === undefined) return [];
  const out: WriteTarget[] = (cmd.outputs ?? []).map((o) => ({ raw: o.raw, value: o.value, via: 'redirect' as const }));
  if (isTee(cmd)) return [...out, ...teeFiles(cmd, text)];
  const next = commands[index + 1];
  if (text === undefined || !isTee(next)) return out;
  // A single `|` (not `||`) between the two commands, on the same line, no `;` or `&` before it.
  const between = text.slice(cmd.offset + cmd.text.length, next!.offset);
  return /^[^\n;&|]*\|(?!\|)/.test(between) ? [...out, ...teeFiles(next!, text)] : out;
}

/**
 * True for the user configuration npm reads when nothing names another: `~/.npmrc`, `$HOME/.npmrc`,
 * `${HOME}/.npmrc`, `${{ env.HOME }}/.npmrc` (the GitHub user configuration's reading,
 * ../github/user-config.ts, and the token writes' reach, ./token-reach.ts).
 */
export function isHomeNpmrc(path: string): boolean {
  return /^(?:~|\$\{?HOME\}?|\$\{\{\s*env\.HOME\s*\}\})\/\.npmrc$/.test(path.trim());
}

/** The npm and Yarn configuration files a token line is read from, by name. */
export const TOKEN_CONFIG_FILES: ReadonlySet<string> = new Set(['.npmrc', '.yarnrc.yml', '.yarnrc']);

/** The index of the command that writes the text at `offset`: the one whose words hold it, else the last one before it that opens a heredoc; -1 for none. */
export function commandAt(commands: readonly ShellCommand[], offset: number): number {
  let index = -1;
  for (let i = 0; i < commands.length && commands[i]!.offset <= offset; i++) {
    const c = commands[i]!;
    if (offset < c.offset + c.text.length || c.heredocs !== undefined) index = i;
  }
  return index;
}

/**
 * True when the text at `offset` of `text` (an `_authToken` line being echoed, or in a heredoc)
 * goes only to files that are certainly no configuration file (`> .npmrc.bak`, `| tee .npmrc-ci`,
 * `>> ~/.npmrc.orig`): each named by a path without an expression, whose name is not one of
 * `TOKEN_CONFIG_FILES` nor `NPM_CONFIG_USERCONFIG`, nor one of `userConfigs` (the files the
 * environment names as npm's user configuration, ./registry-writes.ts `envUserConfigs`). False when
 * the command writes to no file, or to one whose name tp-doctor cannot read (`> "$NPMRC"`), or one
 * the script names again (`namedAgain`): that line counts as before.
 */
export function writtenOnlyElsewhere(commands: readonly ShellCommand[], offset: number, text: string, userConfigs: readonly string[] = []): boolean {
  const index = commandAt(commands, offset);
  const targets = index < 0 ? [] : writeTargets(commands, index, text);
  const configures = (value: string): boolean => /[$`]|NPM_CONFIG_USERCONFIG/i.test(value) || TOKEN_CONFIG_FILES.has(basenameOf(value)) || userConfigs.includes(withoutDotSlash(value)) || namedAgain(text, value);
  return targets.length > 0 && !targets.some((t) => configures(t.value));
}

/** A path without its leading `./`s (`./.npmrc-ci` and `.npmrc-ci` are one file). */
export function withoutDotSlash(path: string): string {
  return path.trim().replace(/^(?:\.\/)+/, '');
}

/**
 * True when the name of file `value` stands more than once in `text`: the script may copy or move
 * the file it wrote into a configuration file (`> .npmrc.tmp && mv .npmrc.tmp ~/.npmrc`, `| tee
 * out.txt; cp out.txt .npmrc`), so a line written there is read as before.
 */
export function namedAgain(text: string, value: string): boolean {
  const name = basenameOf(value);
  return name !== '' && text.indexOf(name) !== text.lastIndexOf(name);
}
