/**
 * The values a `${{ steps.<id>.outputs.<name> }}` expression may take, when the job lets tp-doctor
 * list them: step `<id>` is an earlier `run:` step of the job, read by bash or sh, and every write of
 * `<name>` it makes to `$GITHUB_OUTPUT` is a literal (gsd-build/gsd-2: `echo "tag_flag=--tag next" >>
 * "$GITHUB_OUTPUT"` in one branch, `echo "tag_flag=" >> "$GITHUB_OUTPUT"` in the other). The step
 * may write none of them (a branch that writes nothing, a skipped step): the expression is then
 * empty, so the empty value is always among them.
 *
 * A write is an `echo` or `printf` whose output is appended (or written) to `$GITHUB_OUTPUT`, or
 * piped to `tee` it; it writes one line, `NAME=value`. Undefined, every value possible, when
 * anything else may write the output: an action step (`uses:`), another command writing to the file
 * (`cat`, a heredoc, a group `{ …; } >> "$GITHUB_OUTPUT"`, a redirect tp-doctor does not pair with a
 * command), an `echo` of several lines, the old `::set-output` command, a value holding a shell
 * expansion or an expression, or no write of the name at all. A program the step runs may write the
 * file itself (`node set-flags.js`, any CLI: `$GITHUB_OUTPUT` is in its environment), so the values
 * are listed only when every command of the step is a shell builtin or a text tool (`SHELL_TOOLS`),
 * `npm view`, or `node -p`/`-e` with inline code that writes nothing (review of 2026-12-05: a step
 * running `node scripts/pick-dir.js` besides its `echo` lines turned a publish into a false error).
 */
import { splitCommands, stripPrefixes, type ShellCommand } from '../npm/shell.js';
import { expandsEnvVariables } from './steps.js';
import type { Step } from './types.js';

/** The whole word is one step output expression. */
const STEP_OUTPUT = /^\$\{\{\s*steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\s*\}\}$/;
/** A value as the shell wrote it that holds no expansion tp-doctor would have to put in. */
const LITERAL = /^[^$`\n\\]*$/;
/** The output file as a redirection's target (`$GITHUB_OUTPUT`, `${GITHUB_OUTPUT}`). */
const OUTPUT_FILE = /^\$(?:GITHUB_OUTPUT|\{GITHUB_OUTPUT\})$/;
/** Each place of a script that sends output to the file: a redirect to it, or `tee` naming it. */
const TO_OUTPUT = /(?:>>?\s*|\btee\b[^|;&\n$]*)["']?\$(?:GITHUB_OUTPUT\b|\{GITHUB_OUTPUT\})/g;
/** Reserved words before a command's own first word (`then echo …`). */
const LEADERS: ReadonlySet<string> = new Set(['then', 'else', 'do', '!']);

/** The values of a word of a `run:` script of `step` that is a step output expression (see the file comment); undefined otherwise. */
export function stepOutputValues(step: Step, word: string): string[] | undefined {
  const ref = STEP_OUTPUT.exec(word.trim());
  if (!ref) return undefined;
  const [, id, name] = ref as unknown as [string, string, string];
  const writer = step.job.steps.find((s) => s.index < step.index && s.id === id);
  const text = writer?.run?.text;
  if (writer === undefined || text === undefined || writer.uses !== undefined || !expandsEnvVariables(writer) || /::set-output\b/.test(text)) return undefined;
  const lines = githubOutputLines(text);
  if (lines === undefined || !runsOnlyShellTools(text)) return undefined;
  const own = lines.filter((l) => l.startsWith(`${name}=`)).map((l) => l.slice(name.length + 1));
  if (own.length === 0 || !own.every((v) => LITERAL.test(v))) return undefined;
  return [...new Set(['', ...own.map((v) => v.trim())])];
}

/** The `NAME=value` lines a script writes to `$GITHUB_OUTPUT`, as written (values not put in); undefined when one write is not read so. */
export function githubOutputLines(text: string): string[] | undefined {
  if (!text.includes('GITHUB_OUTPUT')) return [];
  const commands = splitCommands(text).filter((c) => !c.substitution);
  const out: string[] = [];
  let writes = 0;
  for (const [i, cmd] of commands.entries()) {
    const words = wordsOf(cmd);
    const redirected = (cmd.outputs ?? []).some((o) => OUTPUT_FILE.test(o.value));
    const tee = words[0] === 'tee' && words.slice(1).some((w) => OUTPUT_FILE.test(w));
    if (!redirected && !tee) continue;
    writes++;
    // `echo x | tee -a "$GITHUB_OUTPUT"`: what the command before the pipe prints.
    const line = printedLine(tee ? wordsOf(commands[i - 1]) : words);
    // A line whose name tp-doctor cannot read (`echo "$LINE"`) may set any output.
    if (line === undefined || !/^[A-Za-z0-9_-]+=/.test(line)) return undefined;
    out.push(line);
  }
  // A redirect no command carries (`{ …; } >> "$GITHUB_OUTPUT"`, `exec >>`) may write anything.
  return [...text.matchAll(TO_OUTPUT)].length === writes ? out : undefined;
}

/** The words of a command after the reserved words before it (`then echo …`). */
function wordsOf(cmd: ShellCommand | undefined): string[] {
  const words = (cmd?.words ?? []).map((w) => w.value);
  let at = 0;
  while (at < words.length - 1 && LEADERS.has(words[at]!)) at++;
  return words.slice(at);
}

/** The one line an `echo` or `printf` prints (`printf 'NAME=%s\n' value`); undefined for any other command or output. */
function printedLine(words: readonly string[]): string | undefined {
  if (words[0] === 'echo') {
    const rest = words.slice(1);
    let escapes = false;
    while (rest.length > 0 && /^-[neE]+$/.test(rest[0]!)) escapes ||= rest.shift()!.includes('e');
    const line = rest.join(' ');
    return line.includes('\n') || (escapes && line.includes('\\')) ? undefined : line;
  }
  if (words[0] !== 'printf' || words.length < 2) return undefined;
  const format = words[1]!.replace(/\\n$/, '');
  const args = words.slice(2);
  if (!format.includes('%') && !format.includes('\\') && args.length === 0) return format;
  const m = /^([A-Za-z_][\w-]*=)%s$/.exec(format);
  return m && args.length === 1 && !args[0]!.includes('\n') ? `${m[1]}${args[0]}` : undefined;
}

/** Shell builtins and text tools that print or test, and never write `$GITHUB_OUTPUT` by themselves. */
const SHELL_TOOLS: ReadonlySet<string> = new Set([
  'echo', 'printf', 'test', '[', '[[', 'true', 'false', ':', 'exit', 'set', 'export', 'local', 'read', 'cd', 'pwd', 'ls', 'sleep',
  'grep', 'sed', 'awk', 'cut', 'tr', 'head', 'tail', 'wc', 'sort', 'uniq', 'cat', 'tee', 'jq', 'yq', 'basename', 'dirname', 'date', 'git', 'curl',
  'if', 'fi', 'else', 'elif', 'then', 'for', 'do', 'done', 'case', 'esac', 'while', 'until',
]);
/** Inline code that may write a file or run a program. */
const WRITES_OR_RUNS = /GITHUB_OUTPUT|write|append|exec|spawn|child_process|\bfs\b|import\(/i;

/** True when no command of the script (its substitutions too) is a program that may write `$GITHUB_OUTPUT` itself. */
function runsOnlyShellTools(text: string): boolean {
  return splitCommands(text).every((cmd) => {
    const words = stripPrefixes(wordsOf(cmd).map((value) => ({ value }))).map((w) => w.value);
    const bin = words[0];
    if (bin === undefined || SHELL_TOOLS.has(bin)) return true;
    if (bin === 'npm') return ['view', 'info', 'show', 'v'].includes(words[1] ?? '');
    if (bin === 'node') return ['-p', '-e', '--print', '--eval'].includes(words[1] ?? '') && words.length === 3 && !WRITES_OR_RUNS.test(words[2]!);
    return false;
  });
}
