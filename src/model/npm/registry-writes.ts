/**
 * The registry settings a script writes before a publish (`npm config set registry`, `.npmrc`
 * lines, `export NPM_CONFIG_REGISTRY`, `yarn config set`), read from its commands' words; the
 * decision that reads them is in ./registry.ts.
 */
import { NPM_REGISTRY_KEY, normalizeRegistryKey, npmEnvConfigKey, REGISTRY_CONFIG_KEYS, registryConfigKey, type RegistryConfigFile } from '../data/registry-config.js';
import { basenameOf } from '../../fs/paths.js';
import { npmrcValue } from './npmrc.js';
import { resolveExpandedVariable, resolveVariable, type ScriptPlace } from './shell-definitions.js';
import { stripPrefixes } from './shell-words.js';
import type { HeredocBody, ShellCommand } from './shell.js';
import { namedAgain, withoutDotSlash, writeTargets } from './write-targets.js';
import type { ScriptAssignment } from './publish-types.js';

/**
 * A registry written by a script before the publish: `npm config set registry URL`, `registry=URL`
 * into an `.npmrc`, `yarn config set npmPublishRegistry URL` (the keys: `data/registry-config.ts`).
 */
export interface ScriptRegistryWrite {
  /** `registry` or `@scope:registry`; for Yarn 2+ `npmPublishRegistry`, `npmScopes.<scope>.npmRegistryServer`... */
  key: string;
  url: string;
  /** `user` for a configuration file (`npm config set`, `~/.npmrc`, `yarn config set`); `env` for `export NPM_CONFIG_REGISTRY=`. */
  level: 'user' | 'env';
  /** The configuration a `user` write lands in (`npmrc` for an `.npmrc` write and the environment). */
  file: RegistryConfigFile;
  offset: number;
  end: number;
  /** The command as written. */
  text: string;
  /** How messages name it: `npm config set registry`, `an .npmrc write of @scope:registry`. */
  label: string;
  /**
   * Set when the URL is the value of a variable the script set earlier (`REGISTRY=https://…` before
   * `npm config set registry "$REGISTRY"`, shell-definitions.ts): how messages say so, after the label.
   */
  valueNote?: string;
  /**
   * For a line written into an `.npmrc` file by a redirection or a `tee`: that file as written
   * (`.npmrc`, `~/.npmrc`), which a later `rm .npmrc` or overwrite takes the line out of (./npmrc-resets.ts).
   */
  path?: string;
}

/** The script a list of commands was split from, and where their text starts in it (a GitLab line in its job's shell). */
export interface ShellText {
  text: string;
  offset: number;
}

const CONFIG_BINS = new Set(REGISTRY_CONFIG_KEYS.flatMap((row) => row.bins));

function unquoted(word: string): string {
  return word.length >= 2 && (word[0] === '"' || word[0] === "'") && word.at(-1) === word[0] ? word.slice(1, -1) : word;
}

/**
 * The registry settings a script's commands write, in order. Reads words, never the raw text
 * with a regular expression, so that it stays linear on any input. `script`: the text the commands
 * were split from, with which an `echo` into an `.npmrc` (`>> ~/.npmrc`, `| tee -a .npmrc`) and a
 * heredoc piped into a `tee` are read (./write-targets.ts). A URL that is a variable the script
 * sets once to a literal before the command (`REGISTRY=https://…`, then `npm config set registry
 * "$REGISTRY"`) is that literal, read in `shell` (the shell script the commands are part of: a GitLab
 * job's `before_script` and `script` lines together), else in `script`; without either, as written.
 * `userConfigs`: the files the job's environment names as npm's user configuration (`envUserConfigs`).
 */
export function registryWrites(commands: readonly ShellCommand[], script?: string, shell?: ShellText, userConfigs: readonly string[] = []): ScriptRegistryWrite[] {
  const within = shell ?? (script === undefined ? undefined : { text: script, offset: 0 });
  return commands.flatMap((cmd, index) => commandWrites(commands, index, script, userConfigs).map(({ heredoc, ...write }) => (within === undefined ? write : withVariable(write, heredoc, cmd, within))));
}

/**
 * A write whose URL is only a reference to a variable its shell script sets once, to a literal, at
 * its top level before the command (`resolveVariable`, the reading of a publish's `--registry
 * "$registry"`), with that literal; as written otherwise (unknown). A heredoc's line is read only
 * when its delimiter is unquoted (`<<EOF`: the shell expands the body).
 */
function withVariable(write: ScriptRegistryWrite, heredoc: HeredocBody | undefined, cmd: ShellCommand, shell: ShellText): ScriptRegistryWrite {
  if (!write.url.startsWith('$')) return write;
  const place: ScriptPlace = { text: shell.text, offset: shell.offset + cmd.offset, end: shell.offset + cmd.offset + cmd.text.length };
  const url = heredoc === undefined ? resolveVariable(write.url, place) : heredoc.quoted ? undefined : resolveExpandedVariable(write.url, place);
  if (url === undefined) return write;
  return { ...write, url, valueNote: ` (\`${write.url}\` set to ${url} earlier in the script)` };
}

/** A write as read from one command, with the heredoc its line comes from. */
type CommandWrite = ScriptRegistryWrite & { heredoc?: HeredocBody };

/** The registry settings command `index` of `commands` writes. */
function commandWrites(commands: readonly ShellCommand[], index: number, script: string | undefined, userConfigs: readonly string[]): CommandWrite[] {
  const cmd = commands[index]!;
  const words = cmd.words.map((w) => w.value);
  const bin = (words[0] ?? '').slice((words[0] ?? '').lastIndexOf('/') + 1);
  const base = { offset: cmd.offset, end: cmd.offset + cmd.text.length, text: cmd.text };
  if (CONFIG_BINS.has(bin)) {
    const write = configSetWrite(bin, words);
    return write ? [{ ...write, level: 'user' as const, ...base }] : [];
  }
  if (bin === 'export' || bin === 'declare') {
    const out: CommandWrite[] = [];
    for (const w of words.slice(1)) {
      const eq = w.indexOf('=');
      if (eq > 0 && w.slice(0, eq).toLowerCase() === 'npm_config_registry' && eq + 1 < w.length) {
        out.push({ key: 'registry', url: w.slice(eq + 1), level: 'env', file: 'npmrc', label: w.slice(0, eq), ...base });
      }
    }
    return out;
  }
  // `echo "@scope:registry=URL" >> .npmrc`, `… | tee -a .npmrc`: the files it writes (./write-targets.ts),
  // read only with the script's text; without it, an `echo` whose text (first to last word) names an `.npmrc`.
  const echo = bin === 'echo' || bin === 'printf';
  const path = echo || cmd.heredocs !== undefined ? npmrcTarget(commands, index, script, userConfigs) : undefined;
  const into = path === undefined ? base : { ...base, path };
  if (echo && (script === undefined ? /\.npmrc|NPM_CONFIG_USERCONFIG/i.test(cmd.text) : path !== undefined)) {
    return words.slice(1).flatMap((w) => npmrcLines(w.split('\\n'), into));
  }
  // `cat <<EOF > ~/.npmrc`, `tee -a .npmrc <<EOF`, `cat <<EOF | tee .npmrc`: the lines of the heredoc (kurone-kito/jsonresume-types).
  if (cmd.heredocs && cmd.heredocs.length > 0 && path !== undefined) {
    return cmd.heredocs.flatMap((heredoc) => npmrcLines(heredoc.text.split('\n'), into).map((w) => ({ ...w, heredoc })));
  }
  return [];
}

/**
 * A file name or path that is an npm configuration file: one named exactly `.npmrc` (`~/.npmrc`,
 * `packages/a/.npmrc`; which one npm reads is the caller's: ./npmrc-kept.ts), or the file
 * `NPM_CONFIG_USERCONFIG` names: `$NPM_CONFIG_USERCONFIG` itself, or one of `userConfigs`, the files
 * the job's environment names (`envUserConfigs`: `env: NPM_CONFIG_USERCONFIG: /home/runner/.npmrc-ci`).
 * Otherwise `.npmrc.bak`, `.npmrc-ci`, `~/.npmrc.orig` configure nothing. A name that is itself an
 * expression (`"$NPMRC"`, `.npmrc$SUFFIX`) is read as before, by whether it mentions `.npmrc`.
 */
export function isNpmrcPath(target: string, userConfigs: readonly string[] = []): boolean {
  if (/NPM_CONFIG_USERCONFIG/i.test(target)) return true;
  if (userConfigs.length > 0 && userConfigs.includes(withoutDotSlash(target))) return true;
  const name = basenameOf(target);
  return /[$`]/.test(name) ? name.includes('.npmrc') : name === '.npmrc';
}

/**
 * The `.npmrc` a command's output goes to, as written: a redirection to one, or a `tee` (its own,
 * or the one it is piped into) naming one (`isNpmrcPath`). A file whose name only holds `.npmrc`
 * (`.npmrc.tmp`) counts, as before, when `script` names it again (./write-targets.ts `namedAgain`:
 * `mv .npmrc.tmp ~/.npmrc`); otherwise it configures nothing. `userConfigs`: as for `isNpmrcPath`.
 */
export function npmrcTarget(commands: readonly ShellCommand[], index: number, script: string | undefined, userConfigs: readonly string[] = []): string | undefined {
  const targets = writeTargets(commands, index, script);
  return (targets.find((t) => isNpmrcPath(t.value, userConfigs)) ?? targets.find((t) => script !== undefined && t.value.includes('.npmrc') && namedAgain(script, t.value)))?.value;
}

/**
 * The files an environment names as npm's user configuration: the values of its
 * `NPM_CONFIG_USERCONFIG` (any case: npm reads `npm_config_*` variables case-insensitively) that
 * are a literal path (GitHub `env:`, GitLab `variables:`, CircleCI `environment:`), for
 * `isNpmrcPath`. A value that is empty or an expression (`${{ runner.temp }}/.npmrc`, `$HOME/x`,
 * `<< parameters.npmrc >>`)
 * names no file tp-doctor can match: none, as before.
 */
export function envUserConfigs(entries: Iterable<{ name: string; value?: string | undefined }>): string[] {
  const out: string[] = [];
  for (const { name, value } of entries) {
    const file = value === undefined ? '' : withoutDotSlash(value);
    if (name.toLowerCase() === 'npm_config_userconfig' && file !== '' && !/[$`]|<</.test(file)) out.push(file);
  }
  return out;
}

/**
 * The `registry=` and `@scope:registry=` lines among `lines` of an `.npmrc` being written; `from`:
 * the committed template they are copied from (./npmrc-templates.ts), which their label names.
 */
export function npmrcLines(lines: readonly string[], base: Pick<ScriptRegistryWrite, 'offset' | 'end' | 'text' | 'path'>, from?: string): ScriptRegistryWrite[] {
  const out: ScriptRegistryWrite[] = [];
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq > 0 && NPM_REGISTRY_KEY.test(line.slice(0, eq).trim()) && eq + 1 < line.length) {
      const key = line.slice(0, eq).trim();
      out.push({ key: key.toLowerCase(), url: npmrcValue(line.slice(eq + 1)), level: 'user', file: 'npmrc', label: `${key}= ${from === undefined ? '' : `of ${from} `}written to .npmrc`, ...base });
    }
  }
  return out;
}

/**
 * What `<bin> config set <key> <value>` (also `<bin> set`, `key=value` where the tool takes it)
 * writes, when `<key>` is one of `REGISTRY_CONFIG_KEYS`; Yarn 2+'s `-H`/`--home` writes the home
 * `.yarnrc.yml`. The first registry key of the command counts.
 */
function configSetWrite(bin: string, words: readonly string[]): Pick<ScriptRegistryWrite, 'key' | 'url' | 'file' | 'label' | 'valueNote' | 'path'> | undefined {
  const args = words.slice(1).filter((w) => !w.startsWith('-'));
  const at = args[0] === 'config' ? 1 : 0;
  if (at === 1 && CONFIG_DELETES.has(args[1] ?? '')) return projectLocation(words) ? undefined : configDelete(bin, args.slice(2));
  if (args[at] !== 'set') return undefined;
  for (let i = at + 1; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const whole = registryConfigKey(bin, arg);
    const row = whole ?? (eq > 0 ? registryConfigKey(bin, arg.slice(0, eq)) : undefined);
    if (!row || (!whole && !row.assignment)) continue;
    const key = whole ? arg : arg.slice(0, eq);
    const url = whole ? args[i + 1] : arg.slice(eq + 1);
    if (url === undefined || url === '') return undefined;
    const home = row.homeFile !== undefined && words.some((w) => row.homeFlags?.includes(w));
    const write = { key: normalizeRegistryKey(row, key), url: unquoted(url), file: home ? row.homeFile! : row.file, label: `${bin} config set ${key}` };
    // `--location project`: the project `.npmrc`, which `npm config delete --location project` empties again (./npmrc-resets.ts).
    return row.file === 'npmrc' && projectLocation(words) ? { ...write, path: '.npmrc' } : write;
  }
  return undefined;
}

/** `npm config delete|del|rm <key>` (npm's `lib/commands/config.js`; pnpm's `config delete`). */
export const CONFIG_DELETES: ReadonlySet<string> = new Set(['delete', 'del', 'rm']);

/** `--location project` (`--location=project`, `-L project`): npm's `config set`/`delete` then edit the project `.npmrc`, not the user one. */
export function projectLocation(words: readonly string[]): boolean {
  return words.some((w, i) => w === '--location=project' || ((w === '--location' || w === '-L') && words[i + 1] === 'project'));
}

/**
 * `npm config delete registry` (or pnpm's): the user configuration no longer sets the registry, so
 * npm's default (registry.npmjs.org) applies again below the project's `.npmrc`; read as a write of
 * the default, which is what an earlier `npm config set registry …` in the job is then undone by
 * (a job that publishes to GitHub Packages, then deletes the key and publishes to npmjs). A scoped
 * key's delete falls back to the unscoped registry, which a write cannot say: not read. With
 * `--location project` it empties the project `.npmrc`'s key instead (./npmrc-resets.ts), and the
 * user configuration keeps its registry.
 */
function configDelete(bin: string, keys: readonly string[]): Pick<ScriptRegistryWrite, 'key' | 'url' | 'file' | 'label' | 'valueNote'> | undefined {
  const row = keys.includes('registry') ? registryConfigKey(bin, 'registry') : undefined;
  if (row === undefined || row.file !== 'npmrc') return undefined;
  return { key: 'registry', url: NPMJS_DEFAULT, file: 'npmrc', label: `${bin} config delete registry`, valueNote: ' (npm\'s default registry again)' };
}

/** npm's default registry. */
const NPMJS_DEFAULT = 'https://registry.npmjs.org/';

/**
 * A variable set for the command itself, by the assignments before it or those of a prefix that
 * takes them (`NPM_CONFIG_REGISTRY=URL npm publish`, `env 'npm_config_@acme:registry=URL' npm
 * publish`): the last one whose name `matches` and whose value is not empty, with its name.
 */
export function inlineEnvSetting(command: ShellCommand | undefined, matches: (name: string) => boolean): { name: string; value: string } | undefined {
  return inlineAssignments(command).filter((a) => matches(a.name) && a.value !== '').at(-1);
}

/**
 * `inlineEnvSetting` over the publish command's own assignments, then those of the `package.json`
 * scripts on its way (`PublishMatch.scriptEnv`: `"release": "NPM_CONFIG_REGISTRY=<url> npm
 * publish"`), the innermost last: the one the publish sees. `script`: the script that sets it.
 */
export function publishEnvSetting(command: ShellCommand | undefined, scriptEnv: readonly ScriptAssignment[] | undefined, matches: (name: string) => boolean): { name: string; value: string; script?: string } | undefined {
  return [...inlineAssignments(command), ...(scriptEnv ?? [])].filter((a) => matches(a.name) && a.value !== '').at(-1);
}

/** Where `publishEnvSetting` found a variable, for a setting's `source`: on the command, or in a script. */
export function assignmentSource(set: { name: string; script?: string }): string {
  return set.script === undefined ? `\`${set.name}\` on the command` : `\`${set.name}\` in the \`${set.script}\` script`;
}

/**
 * Every variable a command sets for itself, in order, empty values too (`NODE_AUTH_TOKEN= npm
 * publish` clears it for that command): the assignments before it and those of a prefix that takes
 * them (`env A=b`, `cross-env A=b`).
 */
export function inlineAssignments(command: ShellCommand | undefined): { name: string; value: string }[] {
  const words = command?.words ?? [];
  const out: { name: string; value: string }[] = [];
  for (const w of words.slice(0, words.length - stripPrefixes(words).length)) {
    const eq = w.value.indexOf('=');
    // Any name: `env` sets names the shell cannot (`env 'npm_config_@acme:registry=URL' npm publish`).
    if (eq <= 0 || w.value.startsWith('-')) continue;
    out.push({ name: w.value.slice(0, eq), value: w.value.slice(eq + 1) });
  }
  return out;
}

/** An npm configuration variable for `key` (`registry`, `@acme:registry`; `npmEnvConfigKey`) set for the command itself (`inlineEnvSetting`). */
export function inlineEnvRegistry(command: ShellCommand | undefined, key = 'registry'): { name: string; value: string } | undefined {
  return inlineEnvSetting(command, (name) => npmEnvConfigKey(name) === key);
}
