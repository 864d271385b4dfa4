/**
 * What may set a variable for a CircleCI publish without tp-doctor seeing it: the steps before the
 * publish (and the commands before it in its own step) that it cannot fully read. A `run` step's
 * environment ends with it; only lines appended to `$BASH_ENV` reach the later steps (docs/domain.md
 * §0). So a step may hand `NPM_ID_TOKEN` (or configure an npm token) to a later publish when:
 *
 * - it is an orb command tp-doctor does not fetch (the circleci/node orb's are known: none sets a
 *   token), or a step it does not know;
 * - it appends to `$BASH_ENV` text tp-doctor cannot read: the output of a command or a file (`cat
 *   /workspace/generated_bash_env >> $BASH_ENV`, OpusCapita/react-dates), a variable's value, or a
 *   line that sources a file (`echo "source /x/env" >> $BASH_ENV`);
 * - it runs or sources a shell script that is not in the repository (`configure-npm.sh` from the CI
 *   image, react-dates; `/opt/ci/env.sh`), which may append to `$BASH_ENV` itself; or a committed one
 *   that writes to `$BASH_ENV` what tp-doctor does not follow (unread text, or `NPM_ID_TOKEN`);
 * - in the publishing step itself, before the publish: it sources such a script (which sets the
 *   variable in the step's own shell).
 *
 * circleci-npm-id-token reads these as "cannot tell" (never an error), the token fallback
 * (../token-fallback.ts) reads the ones named for npm configuration as a token the job may give.
 */
import path from 'node:path/posix';
import type { Location } from '../../yaml/span.js';
import { matchRunner, SHELL_RUNNER_BINS } from '../npm/command-runners.js';
import { shellFilePath, shellFileRun, shellFilesRunBy, type ShellFileRun } from '../npm/shell-files.js';
import { splitCommands, stripPrefixes, type ShellCommand } from '../npm/shell.js';
import { NPM_CONFIG_NAME } from '../npm/tokens.js';
import { circleStepDirectory } from './checkout-dir.js';
import { locate } from './run.js';
import type { CircleJob, CircleStep } from './types.js';

export interface UnreadStep {
  step: CircleStep;
  /**
   * `orb`: an orb command tp-doctor does not fetch; `unknown`: a step it does not know;
   * `bash-env`: a `run` step appends text it cannot read to `$BASH_ENV`; `outside-script`: a `run`
   * step runs or sources a script that is not in the repository (or that it cannot place);
   * `committed-script`: one runs a committed script that writes to `$BASH_ENV` what it does not
   * follow; `sourced`: the publishing step sources a script that is not in the repository before
   * the publish.
   */
  kind: 'orb' | 'unknown' | 'bash-env' | 'outside-script' | 'committed-script' | 'sourced';
  /** What it runs or writes, for a message: "the orb command `a/b`", "`configure-npm.sh`", "the output of `cat /x`". */
  what: string;
  /** The name that says what it does (the script's or command's, the orb command's): read for npm configuration. */
  name: string;
  location: Location;
}

/** Reads a committed file's text (undefined when the repository has none). */
export type ReadFile = (file: string) => string | undefined;

/** Words that open a compound command or a branch in front of the command that runs (`then configure-npm.sh`). */
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '(']);

/** A line that writes to `$BASH_ENV` (a redirect or `tee`). */
export const BASH_ENV_WRITE = /(?:>>?|\btee\b(?:\s+-\S+)*)\s*["']?\$\{?BASH_ENV\}?/;

/**
 * What tp-doctor cannot read in one step: `later`, what may reach the later steps (an orb command,
 * an unknown step, unread text appended to `$BASH_ENV`, a script not in the repository run or
 * sourced, a committed one writing to `$BASH_ENV`), and `sourced`, the scripts not in the repository
 * it sources, with their offsets (what may set a variable for the rest of its own shell). Computed
 * once per step (`CircleJobFacts.unreadStepsBefore`): a step with thousands of publishes is read once.
 */
export interface UnreadInStep {
  later: UnreadStep[];
  sourced: { offset: number; unread: UnreadStep }[];
}

export function unreadInStep(job: CircleJob, step: CircleStep, read: ReadFile): UnreadInStep {
  if (step.kind === 'orb' && step.orb && !/^circleci\/node@/.test(step.orb.ref ?? '')) {
    const name = `${step.orb.alias}/${step.orb.command}`;
    return { later: [{ step, kind: 'orb', what: `the orb command \`${name}\``, name, location: { file: step.node.file, ...step.node.span } }], sourced: [] };
  }
  if (step.kind === 'unknown') {
    return { later: [{ step, kind: 'unknown', what: `the step \`${step.name ?? '?'}\``, name: step.name ?? '', location: { file: step.node.file, ...step.node.span } }], sourced: [] };
  }
  if (!step.run) return { later: [], sourced: [] };
  const scripts = unreadScripts(job, step, step.run.command.text, read);
  const sourced = scripts.filter((s) => s.sourced).map((s) => ({ offset: s.offset, unread: { ...s.unread, kind: 'sourced' as const } }));
  return { later: [...unreadBashEnvWrites(step), ...scripts.map((s) => s.unread)], sourced };
}

/**
 * The unread steps (and commands) before a publish at `offset` of the step `publishing`, in the
 * order they run, from each step's `unreadInStep` (`inStep`).
 */
export function unreadStepsBefore(job: CircleJob, publishing: CircleStep, offset: number, inStep: (step: CircleStep) => UnreadInStep): UnreadStep[] {
  const out = job.steps.slice(0, publishing.index).flatMap((step) => inStep(step).later);
  for (const s of inStep(publishing).sourced) if (s.offset < offset) out.push(s.unread);
  return out;
}

/** Lines of a `run` step that append to `$BASH_ENV` what tp-doctor cannot read. */
function unreadBashEnvWrites(step: CircleStep): UnreadStep[] {
  const command = step.run!.command;
  const out: UnreadStep[] = [];
  let offset = 0;
  for (const line of command.text.split('\n')) {
    const what = BASH_ENV_WRITE.test(line) ? unreadContent(line) : undefined;
    if (what !== undefined) {
      const start = offset + (line.length - line.trimStart().length);
      out.push({ step, kind: 'bash-env', what, name: what, location: locate(command, start, offset + line.trimEnd().length) });
    }
    offset += line.length + 1;
  }
  return out;
}

/**
 * What a line writing to `$BASH_ENV` writes, when tp-doctor cannot read it: undefined for text it
 * reads (an `echo`/`printf` of literal text; `NPM_ID_TOKEN` in it is run.ts's; a heredoc's body is
 * there to read).
 */
export function unreadContent(line: string): string | undefined {
  if (/NPM_ID_TOKEN/.test(line) || /<<-?\s*['"]?[A-Za-z_]/.test(line)) return undefined;
  const producers = splitCommands(line).filter((c) => !c.substitution && c.words[0]?.value !== 'tee');
  const first = producers[0];
  if (!first) return undefined;
  const echoes = producers.every((c) => /^(?:echo|printf)$/.test(c.words[0]?.value ?? ''));
  if (!echoes) return `the output of \`${first.text.trim()}\``;
  const written = producers.map((c) => c.words.slice(1).map((w) => w.value).filter((w) => !/^-[neE]+$/.test(w)).join(' ')).join('\n');
  // `echo "$ENV_LINES" >> $BASH_ENV`: a variable's value; `echo "source /x/env" >> $BASH_ENV`: a file's lines.
  if (/^\s*\$/.test(written)) return `the value of \`${written.trim()}\``;
  const sourced = /(?:^|[;&|]\s*|\s)(?:source|\.)\s+(\S+)/.exec(written);
  return sourced ? `a line that sources \`${sourced[1]}\`` : undefined;
}

/** The words of a command that runs, prefixes and compound keywords peeled. */
function commandWords(cmd: ShellCommand): string[] {
  let words = stripPrefixes(cmd.words).map((w) => w.value);
  while (words.length > 0 && KEYWORDS.has(words[0]!)) words = words.slice(1);
  return words;
}

/** The shell script a command runs or sources (`x.sh`, `bash x`, `source x`); not a program run by its path. */
function scriptOf(cmd: ShellCommand): ShellFileRun | undefined {
  let words = commandWords(cmd);
  const bin = path.basename(words[0] ?? '');
  const byShell = SHELL_RUNNER_BINS.has(bin);
  if (byShell) {
    const runner = matchRunner(words, bin);
    if (runner?.shell !== true) return undefined;
    words = runner.rest;
  }
  const run = shellFileRun(words, byShell);
  return run && !run.needsInterpreterLine ? run : undefined;
}

/**
 * The scripts a step's command runs that tp-doctor cannot read (not in the repository, or where it
 * cannot place them), with their offsets and whether they are sourced, and the committed ones that
 * write to `$BASH_ENV` what it does not follow.
 */
function unreadScripts(job: CircleJob, step: CircleStep, text: string, read: ReadFile): { unread: UnreadStep; offset: number; sourced: boolean }[] {
  if (!/\.(?:sh|bash)\b|\b(?:source|bash|sh|zsh|dash)\b|(?:^|[\s;&|(])\.\s/.test(text)) return [];
  const command = step.run!.command;
  const dir = circleStepDirectory(job, step);
  const out: { unread: UnreadStep; offset: number; sourced: boolean }[] = [];
  for (const cmd of splitCommands(text)) {
    const run = scriptOf(cmd);
    if (!run) continue;
    const file = dir === undefined ? undefined : shellFilePath(run.path, dir);
    if (file !== undefined && read(file) !== undefined) continue;
    const where = file === undefined ? 'a script tp-doctor cannot find in the repository' : 'a script that is not in the repository';
    const location = locate(command, cmd.offset, cmd.offset + cmd.text.length);
    const unread: UnreadStep = { step, kind: 'outside-script', what: `\`${run.path}\` (${where})`, name: path.basename(run.path), location };
    out.push({ unread, offset: cmd.offset, sourced: run.sourced === true });
  }
  if (dir === undefined) return out;
  for (const script of shellFilesRunBy(text, dir, read)) {
    const writes = script.text.split('\n').some((line) => BASH_ENV_WRITE.test(line) && (/NPM_ID_TOKEN/.test(line) || unreadContent(line) !== undefined));
    if (!writes) continue;
    const location = locate(command, script.offset, script.end);
    out.push({ unread: { step, kind: 'committed-script', what: `the script "${script.file}"`, name: path.basename(script.file), location }, offset: script.offset, sourced: false });
  }
  return out;
}

/**
 * An unread step that tp-doctor cannot see into at all (an orb command, an unknown step, a script not
 * in the repository) and whose name says it sets npm up (`configure-npm.sh`, `npm-login`,
 * `NPM_CONFIG_NAME`): it may write a long-lived token into the npm configuration.
 */
export function setsNpmUp(unread: UnreadStep): boolean {
  return unread.kind !== 'committed-script' && unread.kind !== 'bash-env' && NPM_CONFIG_NAME.test(unread.name);
}
