/**
 * What a `run:` block writes to `$GITHUB_ENV`, the file GitHub Actions reads after the step to set
 * environment variables for the job's later steps: `echo "NAME=value" >> "$GITHUB_ENV"` (also
 * `printf`, `>`, `${GITHUB_ENV}`, `| tee -a $GITHUB_ENV`), and the `NAME=value` lines of a heredoc
 * appended to it (`cat <<EOF >> $GITHUB_ENV`). Read line by line, like CircleCI's `$BASH_ENV`
 * writes (circleci/run.ts); GitHub's multi-line form (`NAME<<DELIMITER`) is left out: its value is
 * on the following lines. Values are returned as written (after the shell's quote removal), for
 * classification only, never for display.
 */
import { splitCommands, type ShellCommand } from '../npm/shell.js';

export interface GithubEnvWrite {
  /** The variable set for the later steps. */
  name: string;
  /** Its value as written (`${{ secrets.NPM_TOKEN }}`, `$TOKEN`). */
  value: string;
  /** The range of the `NAME=value` word or line in the `run:` text. */
  offset: number;
  end: number;
  /**
   * Set when the writing command may not run (../npm/shell-command.ts `nested`: in an `if`/`case`
   * branch, a loop, a group or subshell, after `&&`/`||`, in a pipeline).
   */
  conditional?: true;
}

/** A line that writes to `$GITHUB_ENV`: a redirect (`>> "$GITHUB_ENV"`) or `tee` (`tee -a ${GITHUB_ENV}`) to it. */
const REDIRECT_TO_ENV = />>?\s*["']?\$(?:GITHUB_ENV\b|\{GITHUB_ENV\})/;
const TEE_TO_ENV = /\btee\b[^|;&$]*\$(?:GITHUB_ENV\b|\{GITHUB_ENV\})/;
const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_]\w*)\1/;
const ASSIGNMENT = /^([A-Za-z_]\w*)=([\s\S]*)$/;

/** The `NAME=value` writes to `$GITHUB_ENV` in a `run:` text, in text order. */
export function githubEnvWrites(text: string): GithubEnvWrite[] {
  if (!text.includes('GITHUB_ENV')) return [];
  const out: GithubEnvWrite[] = [];
  const lines = text.split('\n');
  // The commands in text order, walked once with the lines (a script of many writes stays linear).
  const commands = splitCommands(text);
  let next = 0;
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = offset;
    offset += line.length + 1;
    if (!REDIRECT_TO_ENV.test(line) && !TEE_TO_ENV.test(line)) continue;
    while (next < commands.length && commands[next]!.offset < start) next++;
    const heredoc = HEREDOC.exec(line);
    if (heredoc) {
      // The command that reads the heredoc decides whether its lines are written for sure.
      const conditional = commands[next] === undefined || commands[next]!.offset >= start + line.length || commands[next]!.nested === true;
      // The body, up to its delimiter line, is read once: the scan goes on after it.
      for (i++; i < lines.length && lines[i]!.trim() !== heredoc[2]; i++) {
        const body = lines[i]!;
        const m = ASSIGNMENT.exec(body.trim());
        const lead = body.length - body.trimStart().length;
        if (m) out.push({ name: m[1]!, value: m[2]!.trim(), offset: offset + lead, end: offset + body.trimEnd().length, ...(conditional ? { conditional: true as const } : {}) });
        offset += body.length + 1;
      }
      offset += (lines[i]?.length ?? 0) + 1;
      continue;
    }
    let k = next;
    while (k < commands.length && commands[k]!.offset < start + line.length && (commands[k]!.substitution || !/^(?:echo|printf)$/.test(commands[k]!.words[0]?.value ?? ''))) k++;
    const cmd = commands[k];
    if (cmd && cmd.offset < start + line.length) out.push(...echoed(cmd));
  }
  return out;
}

/** The `NAME=value` arguments of an `echo` or `printf` (`printf 'NAME=%s' "$X"` takes the next argument). */
function echoed(cmd: ShellCommand): GithubEnvWrite[] {
  const out: GithubEnvWrite[] = [];
  const words = cmd.words.slice(1).filter((w) => !/^-[neE]+$/.test(w.value));
  for (const [k, word] of words.entries()) {
    const m = ASSIGNMENT.exec(word.value);
    if (!m) continue;
    const value = cmd.words[0]!.value === 'printf' && /^%s/.test(m[2]!) ? (words[k + 1]?.value ?? '') : m[2]!;
    out.push({ name: m[1]!, value, offset: word.offset, end: word.end, ...(cmd.nested ? { conditional: true as const } : {}) });
  }
  return out;
}
