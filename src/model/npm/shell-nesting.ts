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
