/**
 * What the publish model asks of a whole `run:` script, computed once per script text and then cut
 * at a publish command's offset. A script with n publish commands used to be re-split and
 * re-scanned for each of them (n² work: a `run:` block of 10,000 `npm publish` lines took minutes,
 * issue 12); every question here is answered from one pass. A command that ends before an offset
 * is the same command whether the script is split whole or cut at that offset (the publish
 * command starts at the offset), so "the writes before offset x" is a filter on the whole list.
 */
import { findNpmUpgrades, type NpmUpgrade } from './publish-commands.js';
import { registryWrites, type ScriptRegistryWrite } from './registry.js';
import { npmrcResets, type NpmrcReset } from './npmrc-resets.js';
import { VERSION_COMMAND } from './version-command.js';
import { splitCommands, type ShellCommand } from './shell.js';
import { PACKAGE_MOVING_OPTIONS } from './command-words.js';
import { forLoops, type ShellLoop } from './shell-nesting.js';
import { isDirectoryChange, type ShellPlace } from './shell-scope-walk.js';

export interface ScriptIndex {
  commands: readonly ShellCommand[];
  /** `cd` / `pushd` commands, in order (what moves the directory of a later command; one in `$(...)` only in its substitution). */
  directoryChanges: readonly ShellCommand[];
  /** `for NAME in WORDS` loops, in order, with the offsets of their bodies (what a `cd "$NAME"` in one may name). */
  loops: readonly ShellLoop[];
  /** Registry writes (`npm config set`, `.npmrc` lines, `export NPM_CONFIG_REGISTRY`), in order. */
  registryWrites: readonly ScriptRegistryWrite[];
  /** The commands that take an `.npmrc`'s written lines out (`rm .npmrc`, `> .npmrc`), in order (./npmrc-resets.ts). */
  npmrcResets: readonly NpmrcReset[];
  /** npm upgrades (`npm install -g npm@x`, corepack), in order. */
  npmUpgrades: readonly NpmUpgrade[];
  /** Where the first command that sets a package version ends (`npm version`, ...); Infinity for none. */
  versionSetEnd: number;
}

/**
 * Scripts remembered at most, by count and by their total length. Each publish of a job asks about
 * every step before it (npm upgrades, registry writes): with 64, a job of hundreds of steps evicted
 * each script before the next publish asked again, and a job of 1,000 one-line steps took seconds
 * per publish. The length bound keeps the cache small when thousands of workflows stream through
 * (the 20,000-workflow bench gained 9 MiB with a count bound alone).
 */
const MAX_CACHED = 2048;
const MAX_CACHED_CHARS = 128 * 1024;
let cachedChars = 0;
const cache = new Map<string, ScriptIndex>();

/** The index of a script text (cached by content; a bounded cache, oldest dropped first). */
export function scriptIndex(text: string): ScriptIndex {
  const known = cache.get(text);
  if (known) return known;
  const commands = splitCommands(text);
  const directoryChanges = commands.filter(isDirectoryChange);
  const version = VERSION_COMMAND.exec(text);
  const index: ScriptIndex = {
    commands,
    directoryChanges,
    loops: forLoops(commands),
    registryWrites: registryWrites(commands, text),
    npmrcResets: text.includes('.npmrc') || text.includes('project') ? npmrcResets(commands, text) : [],
    npmUpgrades: findNpmUpgrades(text),
    versionSetEnd: version ? version.index + version[0].length : Infinity,
  };
  cache.set(text, index);
  cachedChars += text.length;
  while (cache.size > 1 && (cache.size > MAX_CACHED || cachedChars > MAX_CACHED_CHARS)) {
    const oldest = cache.keys().next().value!;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
  return index;
}

/**
 * Where the command of the script that starts at `offset` stands (`ShellCommand.scope` and
 * `within`); undefined when no command starts there.
 */
export function placeAt(index: ScriptIndex, offset: number): ShellPlace | undefined {
  const { commands } = index;
  let lo = 0;
  let hi = commands.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (commands[mid]!.offset < offset) lo = mid + 1;
    else hi = mid;
  }
  const cmd = commands[lo];
  return cmd !== undefined && cmd.offset === offset ? cmd : undefined;
}

/** The end offset of a command in its script. */
export function commandEnd(cmd: ShellCommand): number {
  return cmd.offset + cmd.text.length;
}

/** Builtins that set a shell variable by name (`export X`, `read -r X`). */
export const SETTING_BUILTINS: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'readonly', 'local', 'read']);

/**
 * True when a command of a script assigns `variable` (`X=…`, `export X`, `read -r X`), read from
 * the script's cached split. `builtins`: the builtins that count (`unset` too, where what matters
 * is that the shell may have changed the variable).
 */
export function assignsVariable(text: string, variable: string, builtins: ReadonlySet<string> = SETTING_BUILTINS): boolean {
  if (!text.includes(variable)) return false;
  return scriptIndex(text).commands.some((cmd) => assigningWords(cmd, builtins).some((w) => w === variable || w.startsWith(`${variable}=`)));
}

/** What may change a variable here: the builtins that set one, and `unset`. */
const CHANGING_BUILTINS: ReadonlySet<string> = new Set([...SETTING_BUILTINS, 'unset']);

/**
 * True when a script may change variable `name`: `name=`, `name+=`, `name<<` (an assignment or a
 * `$GITHUB_ENV` line, heredoc bodies included), `for name`, or a command of `CHANGING_BUILTINS`
 * naming it (`assignsVariable`, from the script's split, not a pattern scanning each line after
 * each keyword: review of 2026-12-04, quadratic on a line of many `read` words).
 */
export function mayChangeVariable(text: string, name: string): boolean {
  if (!text.includes(name)) return false;
  if (new RegExp(`(?<![\\w$.{-])${name}(?:\\+?=|<<)|\\bfor\\s+${name}\\b`).test(text)) return true;
  return assignsVariable(text, name, CHANGING_BUILTINS);
}

/** What the last command of `text` that assigns `variable` (`X=value`, `export X=value`) gives it, as written. */
export function lastAssignedValue(text: string, variable: string): string | undefined {
  if (!text.includes(variable)) return undefined;
  let found: string | undefined;
  for (const cmd of scriptIndex(text).commands) {
    for (const w of assigningWords(cmd, SETTING_BUILTINS)) if (w.startsWith(`${variable}=`)) found = w.slice(variable.length + 1);
  }
  return found;
}

/** The words of a command that name the variables it sets: a setting builtin's arguments, else its leading `X=…` words. */
function assigningWords(cmd: ShellCommand, builtins: ReadonlySet<string>): string[] {
  const words = cmd.words.map((w) => w.value);
  return builtins.has(words[0] ?? '') ? words.slice(1) : words.filter((w, i) => words.slice(0, i + 1).every((x) => /^[A-Za-z_]\w*=/.test(x)));
}

/** Value options a variable of publish options may hold without changing what is published. */
const SAFE_VALUE_OPTIONS: ReadonlySet<string> = new Set(['--tag', '--access', '--registry', '--otp', '--loglevel', '--provenance-file']);

/**
 * The words of `$NAME` when `text` sets `NAME` only to options that do not choose what is
 * published, each assignment literal text of its own or `$NAME` followed by more
 * (`ARGS="--access public"`, then `ARGS="$ARGS --tag preview"`, lancedb/lancedb); undefined for any
 * other word or script (`read NAME`, a positional word, `-w`, a value tp-doctor cannot read).
 */
export function publishOptionsIn(text: string, word: string): string[] | undefined {
  const name = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})$/.exec(word);
  const variable = name?.[1] ?? name?.[2];
  if (variable === undefined || !text.includes(variable)) return undefined;
  const out: string[] = [];
  let assigned = false;
  for (const cmd of scriptIndex(text).commands) {
    for (const w of assigningWords(cmd, SETTING_BUILTINS)) {
      const own = w === variable || w.startsWith(`${variable}=`) || w.startsWith(`${variable}+=`);
      if (!own) continue;
      const value = w.slice(w.indexOf('=') + 1).replace(new RegExp(String.raw`^\$(?:${variable}\b|\{${variable}\})`), '');
      const words = value.split(/\s+/).filter((x) => x !== '');
      if (!w.includes('=') || !optionWords(words)) return undefined;
      assigned = true;
      out.push(...words);
    }
  }
  return assigned ? out : undefined;
}

/** True when each word is an option that does not choose what is published, or the value of one that takes a value (`--tag next`). */
function optionWords(words: readonly string[]): boolean {
  return words.every((x, i) => (x.startsWith('-') && !/[$`]/.test(x) && !movesPackages(x)) || SAFE_VALUE_OPTIONS.has(words[i - 1] ?? ''));
}

/**
 * True when every value a word of a publish command may hold (the values a provider lists for it:
 * ../github/step-outputs.ts) gives, split into words, only options that do not choose what is
 * published, or nothing (`--tag next`, ``): the word is no directory or tarball argument. Not a
 * value that ends in an option waiting for its value (`--tag`): it would take the next argument.
 */
export function valuesGiveOptions(values: readonly string[] | undefined): boolean {
  if (values === undefined || values.length === 0) return false;
  return values.every((v) => {
    const words = v.trim().split(/\s+/).filter((x) => x !== '');
    return optionWords(words) && !SAFE_VALUE_OPTIONS.has(words.at(-1) ?? '');
  });
}

/** An option that chooses other packages or directories (`--filter=a`, `-w`: command-words.ts `PACKAGE_MOVING_OPTIONS`). */
function movesPackages(option: string): boolean {
  return PACKAGE_MOVING_OPTIONS.has(option.split('=')[0]!);
}

/** `${{ cond && '<x>' || '<y>' }}`: a GitHub expression whose value is one of its two string literals. */
const CHOICE_EXPRESSION = /^\$\{\{[^'"]*&&\s*'([^']*)'\s*\|\|\s*'([^']*)'\s*\}\}$/;

/**
 * True when a word is a GitHub expression that can only give options that do not choose what is
 * published, or nothing (`${{ inputs.dry_run && '--dry-run' || '' }}`, signalapp/libsignal): no
 * directory or tarball argument.
 */
export function expressionGivesOptions(word: string): boolean {
  if (namesDryRun(word)) return true;
  const m = CHOICE_EXPRESSION.exec(word.trim());
  if (!m) return false;
  return [m[1]!, m[2]!].every((v) => v.trim() === '' || v.trim().split(/\s+/).every((x) => x.startsWith('-') && !movesPackages(x)));
}

/**
 * A whole `${{ <reference> }}` whose last name says dry run (`needs.configure.outputs.dry-run`,
 * `inputs.dry_run`, `env.DRY_RUN`, auth0/auth0-angular): it gives `--dry-run` or nothing, an option
 * that chooses no package.
 */
function namesDryRun(word: string): boolean {
  const ref = /^\$\{\{\s*([\w.-]+)\s*\}\}$/.exec(word.trim())?.[1];
  const last = ref?.split('.').at(-1)?.toLowerCase().replace(/[-_]/g, '');
  return last !== undefined && (last === 'dry' || last.startsWith('dryrun') || last.endsWith('dryrun'));
}

/**
 * True for a publish argument that is a GitHub expression that may expand to `--dry-run`, decided
 * at run time: a reference named for a dry run (`${{ needs.configure.outputs.dry-run }}`), or a
 * choice whose literals hold `--dry-run` (`${{ inputs.dry && '--dry-run' || '' }}`). npm then only
 * reports what it would publish.
 */
export function expressionMayDryRun(word: string): boolean {
  const m = CHOICE_EXPRESSION.exec(word.trim());
  if (m) return [m[1]!, m[2]!].some((v) => v.trim().split(/\s+/).some((x) => /^--dry-run(?:=true)?$/.test(x)));
  return namesDryRun(word);
}
