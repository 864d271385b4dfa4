/**
 * Which words of a split command (shell.ts) may set a shell variable of the script: what
 * ./shell-definitions.ts counts as a variable's setters (a variable set once, to a literal, is read
 * where a registry write or a publish flag names it) and ./shell-arrays.ts as an array's.
 *
 * A word sets a variable only where the shell takes it as an assignment or a name: in the
 * assignments before the command (`registry=x`, `R=x npm publish`), as the arguments of a builtin
 * that sets the variables it is given (`export registry`, `read -r registry`, `for registry in`,
 * `unset registry`), or in an arithmetic command (`(( registry += 1 ))`, whose words the splitter
 * gives from the name on). An argument of any other command is text for that program: the key of
 * `npm config set registry "$registry"` or `yarn config set npmRegistryServer=x` sets nothing
 * (survey914a, adobe/react-spectrum's verdaccio-deploy.sh, whose `npm set registry $registry` was
 * counted as a second setter of `$registry` and left the variable unknown).
 */
import type { ShellCommand, ShellWord } from './shell-command.js';

/**
 * Builtins that set the variables their arguments name (`export`, `read`, `printf -v`, ...): with a
 * name the shell computes (`export $(grep -v '^#' .env | xargs)`, `declare "$k=$v"`, `read -r
 * "$v"`), they may set any variable (./shell-definitions.ts `setsAnyVariable`).
 */
export const SETS_BY_ARGUMENT: ReadonlySet<string> = new Set(['export', 'readonly', 'declare', 'typeset', 'local', 'read', 'printf', 'mapfile', 'readarray', 'getopts']);

/**
 * Commands whose arguments may set a variable by its name: those builtins, and `for`/`select`
 * (the loop variable), `unset`, `let`, `wait -p`, `coproc NAME` and `trap` (whose action is
 * shell text run later, `trap 'registry=x' DEBUG`).
 */
const SETS_NAMED: ReadonlySet<string> = new Set([...SETS_BY_ARGUMENT, 'for', 'select', 'unset', 'let', 'wait', 'coproc', 'trap']);

/** Reserved words a command may follow on its line, and the builtins that run the builtin after them (`then read x`, `command export x`). */
const LEADING: ReadonlySet<string> = new Set(['!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', 'time', 'command', 'builtin']);

/** An assignment word before a command: `name=`, `name+=`, `name[i]=`. */
const ASSIGNMENT = /^[A-Za-z_]\w*(?:\[[^\]]*\])?\+?=/;

/** A command name written plainly: a program or a builtin (not `$SET`, not an option). */
const PLAIN_NAME = /^[\w./@+:%,][\w./@+:%,-]*$/;

/** The script text just before a command ends with `((`: an arithmetic command, whose words may set any name in it. */
function arithmetic(text: string, cmd: ShellCommand): boolean {
  return /\(\(\s*$/.test(text.slice(Math.max(0, cmd.offset - 32), cmd.offset));
}

/**
 * The words of `cmd` (a command of `text`) that may set a variable: its assignments and its command
 * name (a bare name is an arithmetic command's), and every word of a command of `SETS_NAMED`, of an
 * arithmetic command, or of one whose name the shell computes (`$SET registry`) or that tp-doctor
 * cannot place (an option first). The arguments of any other program set nothing.
 */
export function settingWords(text: string, cmd: ShellCommand): readonly ShellWord[] {
  const { words } = cmd;
  let i = 0;
  while (i < words.length - 1 && LEADING.has(words[i]!.value)) i++;
  while (i < words.length && ASSIGNMENT.test(words[i]!.value)) i++;
  const name = words[i];
  if (name === undefined || SETS_NAMED.has(name.value) || !PLAIN_NAME.test(name.value) || arithmetic(text, cmd)) return words;
  return words.slice(0, i + 1);
}
