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
import { bodyReturns, loopVariable, setsVariable, type LoopEntry, type LoopVariable } from './loop-returns.js';

/** A compound command or subshell a command stands in (`ShellCommand.scope`, outermost first). */
export interface ShellScope {
  /** `if` and `case`: one branch of them runs, or none; `loop`: `for`, `while`, `until`, `select`; `subshell`: `( )`. */
  readonly kind: 'if' | 'case' | 'loop' | 'subshell';
  /** Which compound command or subshell, unique within one split. */
  readonly id: number;
  /** Which branch of an `if` (`elif` and `else` start the next) or a `case` (each pattern); 0 for the others. */
  readonly branch: number;
  /**
   * A loop whose body ends every pass in the directory it started in (./loop-returns.ts): its
   * `cd`s do not outlast it. Set when its `done` is read, so only on a loop the text closes.
   */
  readonly returns?: true;
}

/** A scope as `Nesting` makes it (a loop's `returns` is set once its body has been read). */
type OwnScope = { -readonly [K in keyof ShellScope]: ShellScope[K] };

/** Reserved words that open a compound command, as a command's first word. */
const OPENERS: ReadonlySet<string> = new Set(['if', 'for', 'while', 'until', 'case', 'select']);
/** Reserved words that close one. */
const CLOSERS: ReadonlySet<string> = new Set(['fi', 'done', 'esac']);

/** One open group, subshell or compound command: the word that opened it, and its scope (none for a group). */
interface Open {
  word: string;
  scope: OwnScope | undefined;
  /** A `case` whose next pattern may start with its optional `(` (after `in` and after each `;;`). */
  atPattern?: boolean;
  /** A loop: where its body starts among the recorded commands (`Nesting.entries`). */
  from?: number;
  /** A loop whose body sends something to the background (`&`) or a group into a pipeline (`{ …; } | x`): a `cd` there is not the body's. */
  forks?: boolean;
  /** A `for` / `select` loop's variable. */
  variable?: LoopVariable;
}

/** What `Nesting` reads of a command's word (./shell-command.ts `ShellWord`). */
interface NestingWord {
  value: string;
  offset: number;
  end: number;
}

/** A word as written when it is not quoted (its value is its text), else undefined. */
function plain(word: NestingWord | undefined): string | undefined {
  return word !== undefined && word.end - word.offset === word.value.length ? word.value : undefined;
}

/** The commands a loop's body is read for (./loop-returns.ts): what moves the directory, leaves the body or runs unread text. */
const MOVES: ReadonlySet<string> = new Set(['cd', 'pushd', 'popd', 'continue', 'break', 'return', 'eval', 'source', '.']);

/** Reserved words that may stand before a command's own first word (`then if …`, `do for …`, `else case …`). */
const LEADING: ReadonlySet<string> = new Set(['do', 'then', 'else', 'elif', '!']);

export class Nesting {
  /** The open groups, subshells and compound commands, innermost last. */
  private readonly open: Open[] = [];
  /** The next command follows `&&`, `||` or `|`. */
  private chained = false;
  /** The command that just ended followed `&&`, `||` or `|` (for `record`). */
  private lastChained = false;
  private nextId = 0;
  /** `scope` as a shared array, until `open` changes. */
  private snapshot: readonly ShellScope[] | undefined;
  /** The commands read while a loop is open that may move the directory, for ./loop-returns.ts (emptied when none is open). */
  private entries: LoopEntry[] = [];
  /** The entry of the command that just ended, if it is one. */
  private last: LoopEntry | undefined;
  /** The loop whose header is the command that just ended (it names the loop's variable without setting it). */
  private header: Open | undefined;
  /** The variables of the `for` / `select` loops whose headers are among `entries`. */
  private readonly variables = new Map<ShellScope, LoopVariable>();
  private loopsOpen = 0;

  /**
   * A command (`words`) ends: whether it is nested. A reserved word counts when it is written
   * unquoted; those before the command's own first word (`then if …`, `else case …`) too.
   */
  command(words: readonly NestingWord[]): boolean {
    let i = 0;
    for (; i < words.length - 1 && LEADING.has(plain(words[i]) ?? ''); i++) if (words[i]!.value === 'else' || words[i]!.value === 'elif') this.nextBranch('if');
    const first = plain(words[i]);
    const opens = first !== undefined && OPENERS.has(first);
    const nested = this.open.length > 0 || this.chained || opens;
    this.lastChained = this.chained;
    this.chained = false;
    if (opens) this.push(first, this.loopsOpen > 0 || first === 'for' || first === 'select' ? words.slice(i).map((w) => w.value) : []);
    else if (first !== undefined && CLOSERS.has(first)) this.pop(first);
    else if (first === 'elif' || first === 'else') this.nextBranch('if');
    return nested;
  }

  /**
   * The command that just ended (after `command`, its scope set), while a loop is open: whether it
   * may set a loop's variable, and, when it may move the directory or leave the body (`cd`,
   * `continue`, `eval`, …: `MOVES`), as an entry of the loops' bodies.
   */
  record(words: readonly NestingWord[], scope: readonly ShellScope[] | undefined): void {
    this.last = undefined;
    if (this.loopsOpen === 0) return;
    for (const o of this.open) if (o.variable?.set === false && o !== this.header && setsVariable(words, o.variable.name)) o.variable.set = true;
    this.header = undefined;
    let i = 0;
    while (i < words.length - 1 && LEADING.has(words[i]!.value)) i++;
    if (!MOVES.has(words[i]!.value)) return;
    this.last = { words: words.slice(i).map((w) => w.value), scope: scope ?? [], chained: this.lastChained };
    this.entries.push(this.last);
  }

  /** A group or function body (`{ }`) is open: the command that just ended stands in one. */
  grouped(): boolean {
    return this.open.some((o) => o.word === '{');
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
    if (doubled || this.loopsOpen === 0) return;
    // In a loop's body: the command before `|` runs in the pipeline; `&` sends its whole list
    // away, and `|` after a group (`{ cd x; } | y`) the group's commands.
    if (c === '|' && before !== undefined && this.last !== undefined) this.last.chained = true;
    if (c === '&' || before === undefined) this.forks();
  }

  /** Every open loop's body is one whose `cd`s may not be its own (`Open.forks`). */
  private forks(): void {
    for (const o of this.open) if (o.from !== undefined) o.forks = true;
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
    // A group after `|` (`x | { cd y; }`) runs in the pipeline.
    if (c === '{' && this.chained && this.loopsOpen > 0) this.forks();
    if (c === '{') this.push('{');
    else this.pop();
  }

  private push(word: string, words: readonly string[] = []): void {
    const kind = word === '(' ? 'subshell' : word === 'if' || word === 'case' ? word : word === '{' ? undefined : 'loop';
    const scope: OwnScope | undefined = kind === undefined ? undefined : { kind, id: this.nextId++, branch: 0 };
    const open: Open = { word, scope, ...(word === 'case' ? { atPattern: true } : {}) };
    if (kind === 'loop') {
      open.from = this.entries.length;
      this.loopsOpen++;
      open.variable = loopVariable(words);
      if (open.variable !== undefined && scope !== undefined) this.variables.set(scope, open.variable);
      this.header = open;
    }
    this.open.push(open);
    this.snapshot = undefined;
  }

  /** The innermost open construct ends (`closer`: the word that ends it, when one does: a loop's `done` has its body read). */
  private pop(closer?: string): void {
    const top = this.open.at(-1);
    // A loop's body is read where it ends, in the scopes it stood in (the loop last).
    const around = top?.from === undefined ? undefined : this.scope();
    this.open.pop();
    if (top?.scope) this.snapshot = undefined;
    if (top?.from === undefined) return;
    if (closer === 'done' && around !== undefined && bodyReturns(around, this.entries.slice(top.from), this.variables, top.forks === true)) top.scope!.returns = true;
    if (--this.loopsOpen > 0) return;
    this.entries = [];
    this.variables.clear();
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
  /** Where the `for` command starts. */
  header: number;
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
      const loop: ShellLoop = { variable: cmd.words[i + 1]!.value, words, header: cmd.offset, body: cmd.offset + cmd.text.length, end: Infinity };
      out.push(loop);
      open.push(loop);
    } else if (first !== undefined && OPENERS.has(first)) open.push(first);
  }
  return out;
}
