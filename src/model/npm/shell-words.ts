/**
 * The words of one split shell command (shell.ts): command prefixes (`sudo`, `env`, ...; the data is
 * `COMMAND_PREFIXES` in `../data/publish-tools.ts`) and reading options from the words.
 */
import { COMMAND_PREFIXES, POWERSHELL_CMDLETS_NEVER_PUBLISHING, POWERSHELL_LOCATION_CMDLETS, POWERSHELL_PATH_OPTIONS } from '../data/publish-tools.js';
import type { CommandPrefix } from '../data/publish-tools.js';

/** A shell variable assignment word: `NAME=value`, `NAME+=value`. */
export const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** An assignment word of `env`, whose names may be anything without `=` (not an option). */
const ANY_ASSIGNMENT = /^[^=-][^=]*=/;

function basename(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash < 0 ? word : word.slice(slash + 1);
}

/** The prefix a command name is (the first of `COMMAND_PREFIXES` naming it), by name: looked up for every command read. */
const PREFIX_BY_NAME: ReadonlyMap<string, CommandPrefix> = (() => {
  const byName = new Map<string, CommandPrefix>();
  for (const prefix of COMMAND_PREFIXES) for (const name of prefix.names) if (!byName.has(name)) byName.set(name, prefix);
  return byName;
})();

function prefixFor(word: string): CommandPrefix | undefined {
  return PREFIX_BY_NAME.get(basename(word));
}

/** Index after the options of `spec` starting at `i`, or -1 when a stop flag is found (`value(k)`: the k-th word's text). */
function skipPrefixOptions(length: number, value: (k: number) => string, i: number, spec: CommandPrefix): number {
  let k = i;
  while (spec.flags && k < length) {
    const v = value(k);
    if (v === '--') return k + 1;
    if (!v.startsWith('-')) break;
    if (spec.stopFlags?.includes(v)) return -1;
    k += spec.valueFlags?.includes(v) ? 2 : 1;
  }
  const assignment = spec.assignments === 'any' ? ANY_ASSIGNMENT : ASSIGNMENT;
  while (spec.assignments && k < length && assignment.test(value(k))) k++;
  return k + (spec.positionals ?? 0);
}

/** Where the command that runs starts among `length` words (`value(k)`: the k-th word's text, '' past the end); -1 when nothing runs. */
function commandStart(length: number, value: (k: number) => string): number {
  let i = 0;
  for (;;) {
    while (i < length && ASSIGNMENT.test(value(i))) i++;
    const spec = i < length ? prefixFor(value(i)) : undefined;
    if (!spec) return i;
    const next = skipPrefixOptions(length, value, i + 1, spec);
    if (next < 0) return -1;
    i = next;
  }
}

/**
 * Drops leading `VAR=value` assignments and command prefixes (`sudo -E`, `env A=b`, `time`, `exec`,
 * `command`, `nohup`, ...), repeatedly. Returns the words of the command that actually runs (empty
 * when nothing runs, e.g. `command -v npm` or a bare assignment).
 */
export function stripPrefixes<T extends { value: string }>(words: readonly T[]): T[] {
  const start = commandStart(words.length, (k) => words[k]?.value ?? '');
  return start < 0 ? [] : words.slice(start);
}

/** `stripPrefixes` of plain words (`strip` in command-words.ts), without wrapping each word in an object. */
export function stripPrefixWords(words: readonly string[]): string[] {
  const start = commandStart(words.length, (k) => words[k] ?? '');
  return start < 0 ? [] : words.slice(start);
}

const CMDLETS: ReadonlySet<string> = new Set(POWERSHELL_CMDLETS_NEVER_PUBLISHING);

/**
 * A command's words with a PowerShell cmdlet's name, written in any case, read as the tables know it:
 * a location cmdlet as the shell's word (`Set-Location -Path src` → `cd src`), another in lower case
 * (`Write-Host` → `write-host`). Other words are returned as they are (the same array).
 */
export function powerShellWords<T extends { value: string }>(words: T[]): T[] {
  const first = words[0];
  if (first === undefined || !first.value.includes('-')) return words;
  const name = first.value.toLowerCase();
  const shellWord = Object.hasOwn(POWERSHELL_LOCATION_CMDLETS, name) ? POWERSHELL_LOCATION_CMDLETS[name] : undefined;
  if (shellWord !== undefined) {
    const pathOption = POWERSHELL_PATH_OPTIONS.includes(words[1]?.value.toLowerCase() ?? '');
    return [{ ...first, value: shellWord }, ...words.slice(pathOption ? 2 : 1)];
  }
  return CMDLETS.has(name) && name !== first.value ? [{ ...first, value: name }, ...words.slice(1)] : words;
}

/** Splits `--name=value` (and a short `-n=value`, as nopt does) into its name and inline value. */
export function splitOption(word: string): { name: string; inline?: string } {
  const eq = word.indexOf('=');
  // nopt splits a short option at `=` too (`npm run -w=release-scripts x`, serverless/serverless).
  const option = word.startsWith('--') || /^-[A-Za-z]+=/.test(word);
  return option && eq > 0 ? { name: word.slice(0, eq), inline: word.slice(eq + 1) } : { name: word };
}

/**
 * A boolean option the way npm's option parser (nopt) reads it, over aliases (`-g`, `--global`):
 * `--x`, `--x true|false`, `--x=<v>`, `--no-x`. The last one wins; undefined when absent.
 */
export function booleanOption(words: readonly string[], ...aliases: readonly string[]): boolean | undefined {
  let result: boolean | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const { name, inline } = splitOption(word);
    if (aliases.includes(word)) {
      const next = words[i + 1];
      result = next !== 'false';
      if (next === 'true' || next === 'false') i++;
    } else if (inline !== undefined && aliases.includes(name)) {
      result = !['false', '0', ''].includes(inline.toLowerCase());
    } else if (word.startsWith('--no-') && aliases.includes(`--${word.slice(5)}`)) {
      result = false;
    }
  }
  return result;
}

/**
 * Like `booleanOption`, but says `'expression'` when the value is only known at run time:
 * `--dry-run="$DRY_RUN"`, `--dry-run=${{ inputs.dry }}`, `--dry-run "$X"` (nopt takes a following
 * `true` / `false` as the value, and `$X` may expand to either).
 */
export function booleanOptionState(words: readonly string[], ...aliases: readonly string[]): boolean | 'expression' | undefined {
  return booleanOptionStateWith(words, aliases);
}

/**
 * The values a run-time word can take, each a plain text, when the caller knows them all (a
 * `${{ matrix.x }}` of the job's `strategy.matrix` lists: `RecognizeContext.wordValues`); undefined when not.
 */
export type WordValues = (word: string) => readonly string[] | undefined;

/**
 * `booleanOptionState` with the values of run-time words known (`values`): after the flag, a word
 * whose every value is a plain word that is neither `true`/`false` nor an option is the command's
 * argument, so the flag is set (`npm publish --dry-run ${{ matrix.dir }}` with `dir: [a, b]`).
 */
export function booleanOptionStateWith(words: readonly string[], aliases: readonly string[], values?: WordValues): boolean | 'expression' | undefined {
  let result: boolean | 'expression' | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const { name, inline } = splitOption(word);
    if (aliases.includes(word)) {
      const next = words[i + 1];
      if (next !== undefined && isRuntimeValue(next) && mayBeBoolean(next) && !knownArgument(next, values)) {
        result = 'expression';
        i++;
      } else {
        result = next !== 'false';
        if (next === 'true' || next === 'false') i++;
      }
    } else if (inline !== undefined && aliases.includes(name)) {
      result = isRuntimeValue(inline) ? 'expression' : !['false', '0', ''].includes(inline.toLowerCase());
    } else if (word.startsWith('--no-') && aliases.includes(`--${word.slice(5)}`)) {
      result = false;
    }
  }
  return result;
}

/** Whether every value `next` can take (`values`) is a plain word nopt takes as no flag's value and no option. */
function knownArgument(next: string, values: WordValues | undefined): boolean {
  const known = values?.(next);
  return known !== undefined && known.length > 0 && known.every((v) => /^[^\s$`'"\\-][^\s$`'"\\]*$/.test(v) && v !== 'true' && v !== 'false');
}

/** A value written as a shell or GitHub expression (`$X`, `${X:-false}`, `${{ inputs.x }}`, `$(cmd)`). */
function isRuntimeValue(value: string): boolean {
  return value.includes('$');
}

/** Where the first run-time part of a word begins (`$`, or a backtick command substitution). */
function runtimeStart(value: string): number {
  const at = value.search(/[$`]/);
  return at < 0 ? value.length : at;
}

/** Whether a word holds a part only known at run time (`$ARGS`, `${{ inputs.args }}`, `` `cmd` ``). */
export function hasRuntimePart(value: string): boolean {
  return runtimeStart(value) < value.length;
}

/** A shell variable reference that is the whole word: `$NAME`, `${NAME}`, `${NAME:-default}`. */
const WHOLE_VARIABLE = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)(?::?[-=+?]([^}]*))?\})$/;
/** Variable names that read as a switch (`$DRY_RUN`, `$IS_DRY`, `$PUBLISH`, `$FLAG`). */
const SWITCH_NAME = /dry|bool|flag|enable|disable|skip|noop|test|publish|release|mode|true|false|yes|preview|simulat|confirm|force|debug|verbose|^ci$|^no|^is_|^should|^do_|^x$|^v$|^val(?:ue)?$|^opt(?:ion)?s?$|^args?$/i;

/**
 * Whether a run-time word after a boolean flag (`--dry-run $X`) may be `true`/`false`, which nopt
 * takes as the flag's value. A GitHub expression or a command's output may be; a variable may when
 * its name reads as a switch (`$DRY_RUN`) or its default is a boolean (`${X:-false}`). A variable
 * named for something else (`npm publish --dry-run $TARBALL`, holoviz/panel: a file name) is the
 * command's argument: the flag is set. So is a word that begins with literal text that neither
 * begins `true`/`false` nor is an option's `-` (`"dist/pkg-${{ matrix.target }}"`,
 * coralogix/protofetch): whatever the expression gives, even split into several words, the first
 * word keeps that text, so it is neither a value nopt takes nor an option (`--no-dry-run`).
 */
function mayBeBoolean(value: string): boolean {
  const prefix = value.slice(0, runtimeStart(value));
  if (prefix !== '' && !prefix.startsWith('-') && !'true'.startsWith(prefix) && !'false'.startsWith(prefix)) return false;
  const m = WHOLE_VARIABLE.exec(value);
  if (!m) return true;
  const name = m[1] ?? m[2] ?? '';
  const fallback = m[3];
  return SWITCH_NAME.test(name) || (fallback !== undefined && /^(?:true|false)$/i.test(fallback));
}

/** `--x value` or `--x=value` over aliases; the last one wins. */
export function valueOption(words: readonly string[], ...aliases: readonly string[]): string | undefined {
  return valueOptions(words, ...aliases).at(-1);
}

/** Every value of a repeatable `--x value` / `--x=value` option over aliases, in order. */
export function valueOptions(words: readonly string[], ...aliases: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const { name, inline } = splitOption(word);
    if (aliases.includes(word) && words[i + 1] !== undefined) values.push(words[++i]!);
    else if (inline !== undefined && aliases.includes(name)) values.push(inline);
  }
  return values;
}

/** Quotes a word for appending to a command line (`npm run x -- <args>`). */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
