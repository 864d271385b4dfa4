/**
 * Commands that may put an npm token into a configuration file in a way the token-write readers
 * (./tokens.ts `npmTokenWrites`) do not follow: `sed -i "s/__TOKEN__/_authToken=$T/" ~/.npmrc`,
 * `perl -pi -e …`, `awk '{ sub(/x/, "_authToken=" ENVIRON["T"]) } 1' t > .npmrc`. A check that
 * stays quiet when a token is there (a registry command after a trusted publish) must count these,
 * or it would give an error on a guess; only commands known to read or remove are left out. A
 * command that fills an `.npmrc` from a template (`envsubst < .npmrc.tpl > .npmrc`) counts when the
 * template cannot be read (./npmrc-templates.ts); one that is read gives its token lines to
 * `npmTokenWrites` (`TokenWriteOptions.template`), and one without a token line writes none.
 */
import { commandsOf } from './eval-text.js';
import { commandBin } from './command-words.js';
import { unreadTemplateWrite, type TemplateReader } from './npmrc-templates.js';
import { splitCommands } from './shell.js';

/**
 * Commands left out: readers and tests (`grep _authToken .npmrc`), and the writers whose token
 * writes `npmTokenWrites` reads with their value (`echo`/`printf` redirected or piped to `tee`, a
 * heredoc, `npm config set`), so that an empty value there stays an empty token.
 */
const NOT_UNREAD: ReadonlySet<string> = new Set(['grep', 'egrep', 'fgrep', 'rg', 'cat', 'head', 'tail', 'test', '[', '[[', 'wc', 'diff', 'echo', 'printf', 'npm', 'pnpm', 'yarn', 'npx']);

/** One command of a `sed` script that deletes lines (`/_authToken/d`, `3d`): it removes a token, never writes one. */
const DELETE = /^\s*(?:\/[^/\n]*\/|\d+(?:,\d+)?)\s*d\s*$/;

/**
 * True when a command of `text` mentions `_authToken` and may write a file with it in a way
 * `npmTokenWrites` does not read (`sed -i "s/x/_authToken=$T/"`, `perl -pi`, `awk`):
 * not a command of `NOT_UNREAD`, nor a `sed` that only deletes lines (`sed -i '/_authToken/d' .npmrc`);
 * or when it fills an `.npmrc` from a template `template` cannot read (none given: any template).
 */
export function mayWriteToken(text: string, template?: TemplateReader): boolean {
  if (unreadTemplateWrite(text.includes('envsubst') ? splitCommands(text) : [], text, template)) return true;
  if (!/_authtoken/i.test(text)) return false;
  return commandsOf(text).some((cmd) => {
    if (!/_authtoken/i.test(cmd.text)) return false;
    const words = cmd.words.map((w) => w.value);
    const bin = commandBin(words[0] ?? '');
    if (NOT_UNREAD.has(bin)) return false;
    if (bin === 'sed') {
      const scripts = sedScripts(words.slice(1));
      return !(scripts.length > 0 && scripts.every((s) => s.split(/[;\n]/).every((part) => part.trim() === '' || DELETE.test(part))));
    }
    return true;
  });
}

/** The scripts of a `sed` command's words: `-e S`/`--expression=S` values, else its first operand. */
function sedScripts(args: readonly string[]): string[] {
  const scripts: string[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-e' || a === '--expression') scripts.push(args[++i] ?? '');
    else if (a.startsWith('--expression=')) scripts.push(a.slice('--expression='.length));
    else if (!a.startsWith('-')) operands.push(a);
  }
  return scripts.length > 0 ? scripts : operands.slice(0, 1);
}
