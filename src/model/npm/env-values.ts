/**
 * The values a CI file gives the environment a script starts with (a GitHub `env:`, a GitLab
 * `variables:`, a CircleCI `environment:`), put into the target of a `cd` (`cd "$PKG_DIR"`,
 * `pushd $DIR/sub`), so that the directory the commands after it run in is known. The provider says
 * which values are certain (`EnvValues`); this file says where the shell would use them.
 * Provider-neutral.
 */
import { stripPrefixes, type ShellCommand } from './shell.js';
import { setsAnyVariable } from './shell-definitions.js';
import { putShellValues } from './shell-values.js';
import { mayChangeVariable, scriptIndex } from './script-index.js';
import { isDirectoryChange } from './shell-scope-walk.js';

/**
 * The literal value a variable holds when the script starts, set in the CI file (not an
 * expression, a secret, a value listed per matrix entry, or one an earlier step may set at run
 * time: the provider's call); undefined when not certain.
 */
export type EnvValues = (name: string) => string | undefined;

/**
 * A value the shell puts into a directory word as the directory it names: a plain relative or
 * absolute path, nothing the shell would split, glob or expand again (whitespace, `*`, `?`, `[`,
 * quotes, `$`, a backquote, `~`).
 */
const PLAIN_PATH = /^[\w@%+,.:=/-]+$/;

/** A word the shell does not expand in full as written: single-quoted or escaped somewhere. */
const NOT_EXPANDED = /['\\]/;

/**
 * True when a command of `text` may set any variable for the commands after it: `source`, `.`,
 * `eval`, a name reference (../npm/shell-definitions.ts `setsAnyVariable`), or `set -a` / `set -o
 * allexport` (what a sourced file then assigns is exported): what `$NAME` holds after it is not
 * the CI file's literal (review927 item 4: `source ./ci/env.sh` before `cd "$DIR"`).
 */
export function loadsAnyVariable(text: string): boolean {
  return scriptIndex(text).commands.some((cmd) => setsAnyVariable(text, cmd) || setsAllexport(cmd));
}

/** `set -a`, `set -o allexport` (and combined flags: `set -ae`). */
function setsAllexport(cmd: ShellCommand): boolean {
  const words = stripPrefixes(cmd.words).map((w) => w.value);
  if (words[0] !== 'set') return false;
  return words.some((w, i) => /^-[A-Za-z]*a/.test(w) || (w === '-o' && words[i + 1] === 'allexport'));
}

/** True when the shell text before a command may change `$name`: it assigns it (`mayChangeVariable`) or may set any variable (`loadsAnyVariable`). */
export function shellMayChange(text: string, name: string): boolean {
  return mayChangeVariable(text, name) || loadsAnyVariable(text);
}

/**
 * `cmd` (a `cd`, `pushd`) with the references to variables of its words put in from `envValues`,
 * as the shell expands them (../npm/shell-values.ts), when the value is a plain path and the
 * script text before the command (`textBefore`, the same shell) cannot have changed the variable
 * (`shellMayChange`: assigned, read, unset, looped over, or a `source`, `.`, `eval`, `set -a` that
 * may set any variable). Any other command, reference or word
 * stays as written (the same object when nothing changes).
 */
export function withEnvValues(cmd: ShellCommand, envValues: EnvValues | undefined, textBefore: () => string): ShellCommand {
  if (envValues === undefined || !cmd.words.some((w) => w.value.includes('$')) || !isDirectoryChange(cmd)) return cmd;
  let before: string | undefined;
  const valueOf = (name: string): string | undefined => {
    const value = envValues(name);
    if (value === undefined || !PLAIN_PATH.test(value)) return undefined;
    before ??= textBefore();
    return shellMayChange(before, name) ? undefined : value;
  };
  let changed = false;
  const words = cmd.words.map((w) => {
    if (!w.value.includes('$') || NOT_EXPANDED.test(cmd.text.slice(w.offset - cmd.offset, w.end - cmd.offset))) return w;
    const value = putShellValues(w.value, valueOf);
    if (value === w.value) return w;
    changed = true;
    return { ...w, value };
  });
  return changed ? { ...cmd, words } : cmd;
}
