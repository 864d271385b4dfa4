/** What the shell splitter (./shell.ts) gives for each simple command of a script. */
import type { ShellScope } from './shell-nesting.js';

/** One word; `value` is unquoted, offsets are into the script (`end` exclusive). */
export interface ShellWord {
  value: string;
  offset: number;
  end: number;
}

/** One simple command. `text` is the script from the first word to the end of the last word. */
export interface ShellCommand {
  text: string;
  offset: number;
  words: ShellWord[];
  /** Set for a command inside `$(...)` or backticks (its output is used, e.g. `V=$(node -p ...)`). */
  substitution?: true;
  /**
   * With `substitution`: the body of the innermost `$(...)` or backtick substitution the command is
   * in (script offsets, `to` exclusive; one object shared by the commands of that substitution). It
   * runs in a subshell of its own: a `cd` in it moves the commands after it in the same body only
   * (./shell-scope-walk.ts).
   */
  within?: SubstitutionBody;
  /**
   * Set for a command that may not run, or not in the script's own shell: in a group, subshell,
   * function body or compound command, after `&&` / `||`, in a pipeline or the background
   * (shell-nesting.ts). Unset: at the top level of its script (or of its substitution).
   */
  nested?: true;
  /**
   * The branches of compound commands (`if`, `case`, loops) and the subshells the command stands
   * in, outermost first (shell-nesting.ts); unset outside them. Relative to its substitution for a
   * `substitution` command.
   */
  scope?: readonly ShellScope[];
  /** Set for a command inside a group or function body (`{ }`), whatever else it stands in: its `$1` may be a function's. */
  grouped?: true;
  /** The heredocs the command reads (`cat <<'EOF' > f`), in order: what ./written-files.ts reads. */
  heredocs?: readonly HeredocBody[];
  /** The targets of its standard output redirections (`> f`, `>> f`, `>| f`, `&> f`), in order. */
  outputs?: readonly OutputRedirect[];
  /** The files its standard input is redirected from (`< f`; not `<&`, `<>`, `3< f`), in order (`append` unset). */
  inputs?: readonly OutputRedirect[];
}

/** A heredoc's body as the splitter found it. */
export interface HeredocBody {
  /** The body's text, the delimiter line excluded (leading tabs kept for `<<-`). */
  text: string;
  /** The delimiter was quoted (`<<'EOF'`, `<<"EOF"`, `<<\EOF`): the shell takes the body as it is. */
  quoted: boolean;
  /** `<<-`: the shell strips leading tabs from each line. */
  stripTabs: boolean;
  /** The delimiter line was found (else the body runs to the end of the script). */
  closed: boolean;
}

/** An output redirection: its target word as written and unquoted, and whether it appends (`>>`). */
export interface OutputRedirect {
  /** The unquoted target. */
  value: string;
  /** The target as written (quotes and `$` kept). */
  raw: string;
  append: boolean;
}

/** The body of a `$(...)` or backtick substitution (`ShellCommand.within`). */
export interface SubstitutionBody {
  readonly from: number;
  readonly to: number;
  /**
   * Where the command holding it stands (`ShellCommand.scope`, relative to the substitution around
   * it), as known when the substitution is read: a reserved word first in that command (`then`,
   * `do`) is not counted yet.
   */
  readonly scope?: readonly ShellScope[];
}
