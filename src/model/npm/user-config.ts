/**
 * Which user configuration file npm reads at a publish, whatever the CI provider (docs/domain.md
 * A.42, A.50): the file `--userconfig` names on the command line, else the one
 * `NPM_CONFIG_USERCONFIG` (any case) names in its environment, else `~/.npmrc` (@npmcli/config:
 * the command line beats the environment; an empty value is skipped). The one question the token
 * side (./token-reach.ts, ../token-write-reach.ts) and the registry side (each provider's user
 * layer) ask, on GitHub (../github/user-config.ts adds setup-node and `$GITHUB_ENV`), GitLab (the
 * job's `variables:`) and CircleCI (the job's and step's `environment`): a line written into
 * `~/.npmrc` configures nothing for a publish that reads another file (`lineUnread`), and one
 * written into the named file configures it whatever its name (`userConfigFiles`).
 */
import { ASSIGNMENT, stripPrefixes } from './shell-words.js';
import { splitCommands, type ShellCommand } from './shell.js';
import { placeAt, scriptIndex } from './script-index.js';
import { ScopeWalk } from './shell-scope-walk.js';
import { functionsOf } from './shell-functions.js';
import { envUserConfigs } from './registry-writes.js';
import { isHomeNpmrc, namedAgain } from './write-targets.js';
import type { ScriptAssignment } from './publish-types.js';

/**
 * The user configuration file npm reads at a publish: `~/.npmrc`, the one GitHub's setup-node
 * `registry-url` wrote (at the step `path`), or another file (`--userconfig`,
 * `NPM_CONFIG_USERCONFIG`), with the words that name where it was set and whether it is readable.
 */
export type UserConfig =
  | { kind: 'home' }
  | { kind: 'setup-node'; path: string }
  /** `readable`: tp-doctor knows what the file holds (committed, written by the job, `/dev/null`: ../github/user-config.ts `readableUserConfig`). */
  | { kind: 'file'; file: string; source: string; readable: boolean };

const NAME = 'npm_config_userconfig';

/** `--userconfig <file>` / `--userconfig=<file>` on a command. */
const USERCONFIG_FLAG = /(?:^|\s)--userconfig(?:=|\s+)("[^"]*"|'[^']*'|[^\s;&|]+)/;

function unquote(text: string): string {
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}

/** A file, or `~/.npmrc` for an empty value (npm skips an empty variable) and for `~/.npmrc` itself. */
export function namedUserConfig(file: string, source: string): UserConfig {
  const trimmed = file.trim();
  return trimmed === '' || isHomeNpmrc(trimmed) ? { kind: 'home' } : { kind: 'file', file: trimmed, source, readable: false };
}

/** What one command (`cmd`) does to `NPM_CONFIG_USERCONFIG`: gives it a value (exporting it or not), exports it, or unsets it. */
type VariableSet = { cmd: ShellCommand; end: number } & ({ value: string; exports: boolean } | { exportsOnly: true } | { unset: true });

/** Scripts whose sets are remembered at most (a bounded cache, as `scriptIndex`'s). */
const MAX_CACHED = 64;
const setsCache = new Map<string, { sets: readonly VariableSet[]; reaching: readonly VariableSet[] }>();

/** A `|` (not `||`) right before or right after a command of `text`: it is an element of a pipeline, run in a subshell of its own (bash, sh). */
function inPipeline(text: string, cmd: ShellCommand): boolean {
  if (/(?:^|[^|])\|[ \t\r\n\\]*$/.test(text.slice(Math.max(0, cmd.offset - 64), cmd.offset))) return true;
  return /^[ \t]*\|(?![|])/.test(text.slice(cmd.offset + cmd.text.length, cmd.offset + cmd.text.length + 64));
}

/**
 * The commands of a shell text that set `NPM_CONFIG_USERCONFIG` (or `name`, lower case: any case
 * matches; `NPM_CONFIG_PROVENANCE` for ../provenance.ts) (`export`/`declare`, a bare
 * assignment, `unset`), in order (`sets`), and those that may reach a later command of the text's
 * own shell (`reaching`): not one of a pipeline (each element runs in a subshell) nor one in a
 * function's body (it runs where the function is called, if ever). One in a subshell `( )` or a
 * `$( )` reaches only the commands inside it (`setInScript`, ./shell-scope-walk.ts); one in a
 * `{ …; }` group runs in the same shell. Read once per text from its index (a block of many
 * publishes asks for each of them).
 */
function variableSets(text: string, name = NAME): { sets: readonly VariableSet[]; reaching: readonly VariableSet[] } {
  const key = name === NAME ? text : `${name}\n${text}`;
  const known = setsCache.get(key);
  if (known) return known;
  const sets: VariableSet[] = [];
  for (const cmd of text.toLowerCase().includes(name) ? scriptIndex(text).commands : []) {
    const words = cmd.words.map((w) => w.value);
    const bin = words[0] ?? '';
    const end = cmd.offset + cmd.text.length;
    const exporting = bin === 'export' || bin === 'declare';
    const assignments = exporting ? words.slice(1) : stripPrefixes(cmd.words).length === 0 ? words : [];
    for (const w of assignments) {
      const eq = w.indexOf('=');
      if ((eq < 0 ? w : w.slice(0, eq)).toLowerCase() !== name) continue;
      if (eq > 0 && ASSIGNMENT.test(w)) sets.push({ cmd, end, value: w.slice(eq + 1), exports: exporting });
      else if (exporting && eq < 0) sets.push({ cmd, end, exportsOnly: true });
    }
    if (bin === 'unset' && words.slice(1).some((w) => w.toLowerCase() === name)) sets.push({ cmd, end, unset: true });
  }
  const bodies = sets.length === 0 ? [] : functionsOf(text, scriptIndex(text).commands);
  const reaching = sets.filter((s) => !inPipeline(text, s.cmd) && !bodies.some((f) => f.open < s.cmd.offset && s.cmd.offset < f.close));
  const out = { sets, reaching };
  if (setsCache.size >= MAX_CACHED) setsCache.delete(setsCache.keys().next().value!);
  setsCache.set(key, out);
  return out;
}

export type ScriptSet = { value: string; exported: boolean } | { unset: true } | undefined;

/** The later of two ways' states (a set in one branch of an `if` counts, as it did before branches were told apart). */
function laterSet(a: ScriptSet, b: ScriptSet): ScriptSet {
  return b ?? a;
}

/**
 * What the commands of a shell text before `offset` leave `NPM_CONFIG_USERCONFIG` for the command
 * starting there: the last value they give it and whether they export it (a bare assignment
 * reaches npm only when the variable is already in the environment), or unset. Undefined when
 * they do not touch it. A change in a subshell (`( )`, `$( )`) ends with it
 * (./shell-scope-walk.ts); one of a pipeline or a function body is not counted (`variableSets`).
 */
function setInScript(text: string, offset: number, name = NAME): ScriptSet {
  const { reaching } = variableSets(text, name);
  if (reaching.length === 0 || reaching[0]!.end > offset) return undefined;
  const walk = new ScopeWalk<ScriptSet>(undefined, laterSet);
  for (const set of reaching) {
    if (set.end > offset) break;
    walk.step(set.cmd, (out) => {
      if ('unset' in set) return { unset: true };
      if ('value' in set) return { value: set.value, exported: set.exports || (out !== undefined && 'exported' in out && out.exported) };
      return out !== undefined && 'value' in out ? { ...out, exported: true } : out;
    });
  }
  return walk.at(placeAt(scriptIndex(text), offset));
}

/** `NPM_CONFIG_USERCONFIG=<file>` among the assignments before the command's program (also `env`'s). */
function setOnCommand(command: ShellCommand | undefined): string | undefined {
  const words = command?.words ?? [];
  let out: string | undefined;
  for (const w of words.slice(0, words.length - stripPrefixes(words).length)) {
    const eq = w.value.indexOf('=');
    if (eq > 0 && !w.value.startsWith('-') && w.value.slice(0, eq).toLowerCase() === NAME) out = w.value.slice(eq + 1);
  }
  return out;
}

/**
 * What the shell `text` leaves in variable `name` (lower case; npm's `npm_config_*` names are read
 * in any case) for a command at `offset`, the way `NPM_CONFIG_USERCONFIG` is read: a value and
 * whether it is exported, `unset`, or undefined when no command before it sets it.
 */
export function shellVariableAt(text: string, offset: number, name: string): ScriptSet {
  return setInScript(text, offset, name.toLowerCase());
}

/**
 * The user configuration a `package.json` script on the way to the publish names
 * (`"release": "NPM_CONFIG_USERCONFIG=<file> npm publish"`, `PublishMatch.scriptEnv`, the innermost
 * last): it is set inside the CI command's environment, so it wins over everything the CI file says.
 */
export function scriptUserConfig(scriptEnv: readonly ScriptAssignment[] | undefined): UserConfig | undefined {
  const scripted = scriptEnv?.filter((a) => a.name.toLowerCase() === NAME).at(-1);
  return scripted === undefined ? undefined : namedUserConfig(scripted.value, `\`${scripted.name}=${scripted.value}\` in the \`${scripted.script}\` script`);
}

/**
 * The user configuration a publish command reads, first match wins: `--userconfig <file>` on it,
 * `NPM_CONFIG_USERCONFIG=<file>` before it (also after `env`), the variable set earlier in its own
 * shell (`own`: that shell's text and the command's offset in it; `export`, an assignment, `unset`),
 * else what its environment names (`inherited`, each provider's: ../github/user-config.ts, GitLab
 * `variables:`, CircleCI `environment`).
 */
export function commandUserConfig(command: string, own: { text: string; offset: number } | undefined, inherited: () => UserConfig): UserConfig {
  const flag = USERCONFIG_FLAG.exec(command)?.[1];
  if (flag !== undefined) return namedUserConfig(unquote(flag), `\`--userconfig ${unquote(flag)}\``);
  const inline = /userconfig/i.test(command) ? setOnCommand(splitCommands(command)[0]) : undefined;
  if (inline !== undefined) return namedUserConfig(inline, `\`NPM_CONFIG_USERCONFIG=${inline}\` on the command`);
  const script = own === undefined ? undefined : setInScript(own.text, own.offset);
  if (script && 'unset' in script) return { kind: 'home' };
  const environment = inherited();
  // A bare assignment changes the variable only when the environment already has it.
  if (script && (script.exported || environment.kind !== 'home')) return namedUserConfig(script.value, `\`NPM_CONFIG_USERCONFIG=${script.value}\` earlier in its script`);
  return environment;
}

/**
 * The user configuration an environment's entries name (`NPM_CONFIG_USERCONFIG`, any case; the last
 * wins); `~/.npmrc` when none does, or when several names of different cases leave it unclear.
 */
export function environmentUserConfig(entries: readonly { name: string; value?: string | undefined }[], source: (name: string, value: string) => string): UserConfig {
  const named = entries.filter((e) => e.name.toLowerCase() === NAME);
  if (named.length === 0 || new Set(named.map((e) => e.name)).size > 1) return { kind: 'home' };
  const last = named.at(-1)!;
  return namedUserConfig(last.value ?? '', source(last.name, last.value ?? ''));
}

/** The file a user configuration names as a literal path (../npm/registry-writes.ts `envUserConfigs`): a line written into it configures npm whatever its name. */
export function userConfigFiles(config: UserConfig | undefined): string[] {
  return config?.kind === 'file' ? envUserConfigs([{ name: NAME, value: config.file }]) : [];
}

/**
 * A named `.npmrc` that may be the home directory's after all: `/root/.npmrc`, `/home/runner/.npmrc`,
 * or one below a variable tp-doctor does not know to be elsewhere (`$SOME_DIR/.npmrc`).
 */
function mayBeHome(file: string): boolean {
  if (!file.endsWith('/.npmrc')) return false;
  if (/^(?:\/root|\/home\/[^/]+|\/Users\/[^/]+)\/\.npmrc$/.test(file)) return true;
  const known = /^(?:\$\{?(?:RUNNER_TEMP|GITHUB_WORKSPACE|CI_PROJECT_DIR|CI_BUILDS_DIR|CIRCLE_WORKING_DIRECTORY)\}?|\$\{\{\s*(?:runner\.temp|github\.workspace)\s*\}\})\//;
  return /^\$/.test(file) && !known.test(file);
}

/**
 * False when npm certainly reads another user configuration than `~/.npmrc` there: setup-node's
 * `.npmrc`, or a file named that is no `.npmrc` of a home directory (`mayBeHome`).
 */
export function readsHomeNpmrc(config: UserConfig | undefined): boolean {
  if (config === undefined || config.kind === 'home') return true;
  return config.kind === 'file' && mayBeHome(config.file);
}

/**
 * True when a line the command `command` of `script` writes into `path` certainly configures
 * nothing for a publish reading `config`: `path` is `~/.npmrc` while npm reads another file. Not
 * for `npm config set` (it writes the user configuration npm reads in its own step), nor when the
 * script names the file again (`cp ~/.npmrc …`: ./write-targets.ts `namedAgain`).
 */
export function lineUnread(config: UserConfig | undefined, path: string | undefined, configSet: boolean, script: string): boolean {
  return path !== undefined && !configSet && !readsHomeNpmrc(config) && isHomeNpmrc(path) && !namedAgain(script, path);
}

/**
 * Every literal file a shell text names as npm's user configuration (`--userconfig <file>`,
 * `NPM_CONFIG_USERCONFIG=<file>` set or exported): what a job-wide reading of token writes takes as
 * configuration files (a publish's own is decided by `commandUserConfig`).
 */
export function scriptUserConfigFiles(text: string): string[] {
  if (!/userconfig/i.test(text)) return [];
  const values = variableSets(text).sets.flatMap((s) => ('value' in s ? [s.value] : []));
  for (const m of text.matchAll(new RegExp(USERCONFIG_FLAG.source, 'g'))) values.push(unquote(m[1]!));
  for (const cmd of splitCommands(text)) {
    const inline = setOnCommand(cmd);
    if (inline !== undefined) values.push(inline);
  }
  return envUserConfigs(values.map((value) => ({ name: NAME, value: unquote(value) })));
}
