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
