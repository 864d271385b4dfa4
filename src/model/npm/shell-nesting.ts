/**
 * Where a command of a split script stands (shell.ts sets `ShellCommand.nested` with it): at the
 * script's top level, where it runs once, in order, in the script's own shell; or nested, where it
 * may not run or runs in another shell: inside a group, a subshell, a function body (`{ }`, `( )`),
 * a compound command (`if`, `for`, `while`, `until`, `case`, `select`), after `&&` or `||`, in a
 * pipeline or in the background. Only what the splitter sees as operators counts, so quoted text,
 * comments and heredoc bodies never move it. Errs towards nested: a reserved word it cannot place
 * (an unclosed `if`) keeps what follows nested.
 *
 * It also says which branch of which compound command or subshell a command stands in
 * (`ShellCommand.scope`), so that what a command changes for the commands after it (a `cd`) can be
 * kept to the commands that see it (./shell-scope-walk.ts). Groups and function bodies (`{ }`) run
 * in the same shell and are left out of it, as before.
 */

/** A compound command or subshell a command stands in (`ShellCommand.scope`, outermost first). */
export interface ShellScope {
  /** `if` and `case`: one branch of them runs, or none; `loop`: `for`, `while`, `until`, `select`; `subshell`: `( )`. */
  readonly kind: 'if' | 'case' | 'loop' | 'subshell';
  /** Which compound command or subshell, unique within one split. */
  readonly id: number;
  /** Which branch of an `if` (`elif` and `else` start the next) or a `case` (each pattern); 0 for the others. */
  readonly branch: number;
}

/** Reserved words that open a compound command, as a command's first word. */
const OPENERS: ReadonlySet<string> = new Set(['if', 'for', 'while', 'until', 'case', 'select']);
/** Reserved words that close one. */
const CLOSERS: ReadonlySet<string> = new Set(['fi', 'done', 'esac']);

/** One open group, subshell or compound command: the word that opened it, and its scope (none for a group). */
interface Open {
  word: string;
  scope: ShellScope | undefined;
  /** A `case` whose next pattern may start with its optional `(` (after `in` and after each `;;`). */
  atPattern?: boolean;
}

export class Nesting {
  /** The open groups, subshells and compound commands, innermost last. */
  private readonly open: Open[] = [];
  /** The next command follows `&&`, `||` or `|`. */
  private chained = false;
  private nextId = 0;
  /** `scope` as a shared array, until `open` changes. */
  private snapshot: readonly ShellScope[] | undefined;

  /** A command whose first word is written `first` (unquoted, else undefined) ends: whether it is nested. */
  command(first: string | undefined): boolean {
    const opens = first !== undefined && OPENERS.has(first);
    const nested = this.open.length > 0 || this.chained || opens;
    this.chained = false;
    if (opens) this.push(first);
    else if (first !== undefined && CLOSERS.has(first)) this.pop();
    else if (first === 'elif' || first === 'else') this.nextBranch('if');
    return nested;
  }

  /**
   * The compound commands and subshells the command that just ended stands in (after `command`),
   * outermost first; undefined at the top level. Shared between commands: never to be changed.
   */
  scope(): readonly ShellScope[] | undefined {
    if (this.snapshot === undefined) {
      const scopes: ShellScope[] = [];
      for (const o of this.open) if (o.scope) scopes.push(o.scope);
      this.snapshot = Object.freeze(scopes);
    }
    return this.snapshot.length > 0 ? this.snapshot : undefined;
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

  /**
   * `(` or `)` as an operator: a subshell, or a `case` pattern's optional opening `(` (`(a)`,
   * where a pattern is due) and its closing `)` (`a)`), which starts its branch.
   */
  paren(c: '(' | ')'): void {
    const top = this.open.at(-1);
    if (top?.word !== 'case') {
      if (c === '(') this.push('(');
      else this.pop();
    } else if (c === ')') {
      top.atPattern = false;
      this.nextBranch('case');
    } else if (!top.atPattern) this.push('(');
  }

  /** `;;` (and bash's `;&`, `;;&`): in a `case`, its branch ends and a pattern is due. */
  caseBreak(): void {
    const top = this.open.at(-1);
    if (top?.word === 'case') top.atPattern = true;
  }

  /** `{` or `}` as a reserved word (a command's first word): a group or a function body. */
  brace(c: '{' | '}'): void {
    if (c === '{') this.push('{');
    else this.pop();
  }

  private push(word: string): void {
    const kind = word === '(' ? 'subshell' : word === 'if' || word === 'case' ? word : word === '{' ? undefined : 'loop';
    this.open.push({ word, scope: kind === undefined ? undefined : { kind, id: this.nextId++, branch: 0 }, ...(word === 'case' ? { atPattern: true } : {}) });
    this.snapshot = undefined;
  }

  private pop(): void {
    if (this.open.pop()?.scope) this.snapshot = undefined;
  }

  /** The innermost open construct, when it is an `if` / a `case`, goes on to its next branch. */
  private nextBranch(word: 'if' | 'case'): void {
    const top = this.open.at(-1);
    if (top?.word !== word || !top.scope) return;
    top.scope = { ...top.scope, branch: top.scope.branch + 1 };
    this.snapshot = undefined;
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
