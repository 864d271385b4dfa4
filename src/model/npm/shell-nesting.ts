/**
 * Where a command of a split script stands (shell.ts sets `ShellCommand.nested` with it): at the
 * script's top level, where it runs once, in order, in the script's own shell; or nested, where it
 * may not run or runs in another shell: inside a group, a subshell, a function body (`{ }`, `( )`),
 * a compound command (`if`, `for`, `while`, `until`, `case`, `select`), after `&&` or `||`, in a
 * pipeline or in the background. Only what the splitter sees as operators counts, so quoted text,
 * comments and heredoc bodies never move it. Errs towards nested: a reserved word it cannot place
 * (an unclosed `if`) keeps what follows nested.
 */

/** Reserved words that open a compound command, as a command's first word. */
const OPENERS: ReadonlySet<string> = new Set(['if', 'for', 'while', 'until', 'case', 'select']);
/** Reserved words that close one. */
const CLOSERS: ReadonlySet<string> = new Set(['fi', 'done', 'esac']);

export class Nesting {
  /** The open groups, subshells and compound commands, innermost last. */
  private readonly open: string[] = [];
  /** The next command follows `&&`, `||` or `|`. */
  private chained = false;

  /** A command whose first word is written `first` (unquoted, else undefined) ends: whether it is nested. */
  command(first: string | undefined): boolean {
    const opens = first !== undefined && OPENERS.has(first);
    const nested = this.open.length > 0 || this.chained || opens;
    this.chained = false;
    if (opens) this.open.push(first);
    else if (first !== undefined && CLOSERS.has(first)) this.open.pop();
    return nested;
  }

  /**
   * An `&` or `|` operator (`doubled`: `&&`, `||`) after a command (`before`, when one ended there):
   * a pipeline or the background runs the command before it in a subshell, and what follows `&&`,
   * `||` or `|` may not run or runs in the pipeline.
   */
  operator(c: '&' | '|', doubled: boolean, before: { nested?: true } | undefined): void {
    if (!doubled && before) before.nested = true;
    if (doubled || c === '|') this.chained = true;
  }

  /** `(` or `)` as an operator: a subshell, or the end of a `case` pattern (`a)`). */
  paren(c: '(' | ')'): void {
    if (c === '(') this.open.push('(');
    else if (this.open.at(-1) !== 'case') this.open.pop();
  }

  /** `{` or `}` as a reserved word (a command's first word): a group or a function body. */
  brace(c: '{' | '}'): void {
    if (c === '{') this.open.push('{');
    else this.open.pop();
  }
}

/** A `for NAME in WORDS` loop of a split script (`forLoops`). */
export interface ShellLoop {
  variable: string;
  /** The words after `in`: `value` unquoted, `raw` as written (`"packages/*"` is no glob). */
  words: readonly { value: string; raw: string }[];
  /** Where the `for` command ends: the loop's body follows. */
  body: number;
  /** Where its `done` starts; Infinity when the script ends first (a text cut at a command inside it). */
  end: number;
}

/** What `forLoops` reads of a split command (shell.ts `ShellCommand`). */
interface LoopCommand {
  text: string;
  offset: number;
  words: readonly { value: string; offset: number; end: number }[];
  substitution?: true;
}

/** Reserved words that may stand before a command's first word on its line (`do for x in …`). */
const LEADERS: ReadonlySet<string> = new Set(['do', 'then', 'else', '!']);

/**
 * The `for NAME in WORDS` loops of a script's commands (`splitCommands`), in source order, each
 * with the offsets of its body. The compound commands are paired as the splitter sees them (each
 * `done`, `fi` or `esac` closes the innermost one open), so a `while … done` inside a `for` body
 * does not end it. A `for` without `in` (it loops over `"$@"`) or over `((…))` is not one; the
 * commands of a `$(…)` are not read.
 */
export function forLoops(commands: readonly LoopCommand[]): ShellLoop[] {
  const out: ShellLoop[] = [];
  const open: (ShellLoop | string)[] = [];
  for (const cmd of commands) {
    if (cmd.substitution) continue;
    let i = 0;
    while (i < cmd.words.length - 1 && LEADERS.has(cmd.words[i]!.value)) i++;
    const first = cmd.words[i]?.value;
    if (first !== undefined && CLOSERS.has(first)) {
      const closed = open.pop();
      if (typeof closed === 'object') closed.end = cmd.offset;
    } else if (first === 'for' && cmd.words[i + 2]?.value === 'in' && /^[A-Za-z_]\w*$/.test(cmd.words[i + 1]!.value)) {
      const words = cmd.words.slice(i + 3).map((w) => ({ value: w.value, raw: cmd.text.slice(w.offset - cmd.offset, w.end - cmd.offset) }));
      const loop: ShellLoop = { variable: cmd.words[i + 1]!.value, words, body: cmd.offset + cmd.text.length, end: Infinity };
      out.push(loop);
      open.push(loop);
    } else if (first !== undefined && OPENERS.has(first)) open.push(first);
  }
  return out;
}
