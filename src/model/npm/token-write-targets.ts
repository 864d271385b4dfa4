/**
 * Which file a script's token write (`findTokenWrites`, ./tokens.ts) puts the token in: the
 * redirection of an `echo`/`printf` (`> ~/.npmrc`, `>> .npmrc`), of the `cat` whose heredoc holds
 * the line, or the `tee` it is piped into (read by ./write-targets.ts, as the registry settings of
 * ./registry-writes.ts are; of several files, the first named as a configuration file); the user configuration for `npm config set` (`~/.npmrc`,
 * the project `.npmrc` with `--location project`, the file `--userconfig` names); Yarn 2+'s project
 * `.yarnrc.yml` for `yarn config set npmAuthToken` (the home one with `-H`), Yarn 1's `~/.yarnrc`
 * otherwise. The path is given as written, to be read from the directory the command runs in (a
 * CI provider knows it); what cannot be told (a variable, the global configuration, pnpm's own
 * files) keeps the reason instead. CircleCI's workspace reading (../circleci/workspace.ts) uses it
 * to follow a token file from one job to another.
 */
import { findTokenWrites, type TokenWrite } from './tokens.js';
import { splitCommands, type ShellCommand } from './shell.js';
import { commandAt, TOKEN_CONFIG_FILES, writeTargets } from './write-targets.js';

export interface TokenWriteTarget {
  write: TokenWrite;
  /** The command that writes it (for the `cd`s before it). */
  command: ShellCommand;
  /** The file as written (unquoted): `~/.npmrc`, `.npmrc`, `$HOME/.npmrc`; undefined when tp-doctor cannot tell. */
  path?: string;
  /** Why the file cannot be told, when `path` is undefined. */
  unknown?: string;
}

/** The npm and Yarn configuration files a token write may land in, by name (./write-targets.ts). */
export { TOKEN_CONFIG_FILES };

/** A word's value after an option that takes one: `--name=value`, `--name value`. */
function optionValue(words: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    for (const name of names) {
      if (w === name) return words[i + 1];
      if (w.startsWith(`${name}=`)) return w.slice(name.length + 1);
    }
  }
  return undefined;
}

/** The file a `<bin> config set` token write lands in (see the file comment). */
function configSetTarget(bin: string, words: readonly string[]): Pick<TokenWriteTarget, 'path' | 'unknown'> {
  if (bin === 'yarn') {
    const home = words.includes('-H') || words.includes('--home');
    if (words.some((w) => w.startsWith('npmAuthToken'))) return { path: home ? '~/.yarnrc.yml' : '.yarnrc.yml' };
    return { path: '~/.yarnrc' };
  }
  const location = optionValue(words, ['--location', '-L']);
  if (location === 'project') return { path: '.npmrc' };
  if (bin !== 'npm') return { unknown: `\`${bin} config set\` writes ${bin}'s own configuration` };
  if (location === 'global' || words.includes('-g') || words.includes('--global')) return { unknown: 'it writes the global npm configuration' };
  const userconfig = optionValue(words, ['--userconfig']);
  return userconfig !== undefined ? { path: userconfig } : { path: '~/.npmrc' };
}

/** The file an output redirection or a `tee` names, when it is one (a quoted `~` is no home). */
function redirected(raw: string, value: string): Pick<TokenWriteTarget, 'path' | 'unknown'> {
  if (/^["']~|^\\~/.test(raw)) return { unknown: `\`${raw}\` is a directory named \`~\`` };
  const rest = value.replace(/^(?:\$HOME|\$\{HOME\})(?=\/|$)/, '');
  if (/[$`*?[\]{}]/.test(rest)) return { unknown: `it writes to \`${raw}\`, a path tp-doctor cannot read` };
  return { path: value };
}

/** A file named as a configuration file a token is read from (`~/.npmrc`, `"$NPM_CONFIG_USERCONFIG"`). */
function namesConfigFile(value: string): boolean {
  return TOKEN_CONFIG_FILES.has(value.slice(value.lastIndexOf('/') + 1)) || /NPM_CONFIG_USERCONFIG/i.test(value);
}

/**
 * The file the output of `commands[index]` lands in (./write-targets.ts: its redirections, its own
 * `tee`'s files, or those of the `tee` it is piped into): the first that names a configuration file
 * (`tee a.log ~/.npmrc`, `tee .npmrc > /dev/null <<EOF`), else the first.
 */
function outputTarget(commands: readonly ShellCommand[], index: number, text: string): Pick<TokenWriteTarget, 'path' | 'unknown'> | undefined {
  const targets = writeTargets(commands, index, text);
  const target = targets.find((t) => namesConfigFile(t.value)) ?? targets[0];
  return target === undefined ? undefined : redirected(target.raw, target.value);
}

/** Every token write of `text` with the file it lands in (see the file comment). */
export function tokenWriteTargets(text: string): TokenWriteTarget[] {
  const writes = findTokenWrites(text);
  if (writes.length === 0) return [];
  const commands = splitCommands(text);
  const out: TokenWriteTarget[] = [];
  for (const write of writes) {
    // The command whose words hold the line, else the last one before it that opens a heredoc.
    const index = commandAt(commands, write.offset);
    const command = commands[index];
    if (!command) {
      out.push({ write, command: { text: '', offset: write.offset, words: [] }, unknown: 'tp-doctor cannot tell which command writes it' });
      continue;
    }
    out.push({ write, command, ...tokenWriteFile(commands, index, text) });
  }
  return out;
}

/** True when a token write's command is a `<tool> config set` (npm, pnpm, Yarn): it writes the tool's configuration, not a file it names. */
export function isConfigSet(command: ShellCommand | undefined): boolean {
  return ['npm', 'pnpm', 'pn', 'yarn'].includes((command?.words[0]?.value ?? '').replace(/^.*\//, ''));
}

/** The file the token write of `commands[index]` (split from `text`) lands in (see the file comment). */
export function tokenWriteFile(commands: readonly ShellCommand[], index: number, text: string): Pick<TokenWriteTarget, 'path' | 'unknown'> {
  const words = (commands[index]?.words ?? []).map((w) => w.value);
  if (isConfigSet(commands[index])) return configSetTarget(words[0]!.replace(/^.*\//, ''), words);
  return outputTarget(commands, index, text) ?? { unknown: 'tp-doctor cannot tell which file it writes' };
}
