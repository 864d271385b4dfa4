/**
 * Publishes in a script that runs, but that may not run themselves (audit908a P6,
 * DataDog/datadog-ci's `bin/check-npm-packages.sh`): `PublishMatch.mayNotRun`, then
 * `certainty: 'possible'` with the reason.
 *
 * - After an interactive prompt: a `read` with a prompt (`-p`, alone or among other letters such as
 *   `-rsp`) waits for a person at a terminal, which a CI job does not have (its standard input is
 *   empty, so `read` fails, and under `set -e` the script stops).
 * - In a branch only a flag argument selects, in a committed script whose arguments are not known
 *   (`./release.sh "$@"`, `./release.sh $FLAGS`): a command the script does not reach when called
 *   with no argument (./positional-branches.ts, read for none) in a script that compares `$1`… with
 *   a flag (`[ "$1" = "--publish" ]`, a `case` pattern `--fix)`). With literal arguments the branch
 *   is decided there instead (`Frame.positional`).
 */
import type { PublishCommand } from './publish-site.js';
import type { Frame, Outcome } from './publish-match.js';
import { reachedWith } from './positional-branches.js';
import type { ShellCommand } from './shell.js';

/** An option word of `read` that asks with a prompt (`-p`, `-rp`, `-rsp`). */
const PROMPT_OPTION = /^-[a-oq-zA-Z]*p[a-zA-Z]*$/;
/** A positional parameter compared with a flag (`"$1" = "--publish"`, `${1} == -p`). */
const FLAG_TEST = /\$\{?[1-9]\}?["']?\s*!?==?\s*["']?-/;
/** A `case` pattern that is a flag (`--fix)`, `-p|--publish)`), at the start of a trimmed line. */
const FLAG_PATTERN = /^\(?["']?-[\w-]*["']?(?:\|[^)]*)?\)/;

/**
 * Why a publish after this command may not run, when the command prompts (`read -p "…"`) at the top
 * level of its script: one in a branch, a loop, a function or after `&&` (`ShellCommand.nested`)
 * may be for runs outside CI only (callstackincubator/rock: `if [ -z "${CI:-}" ]; then read -p …`).
 */
export function promptOf(cmd: ShellCommand): string | undefined {
  if (cmd.substitution || cmd.nested || cmd.words[0]?.value !== 'read') return undefined;
  const options = cmd.words.slice(1).filter((w) => w.value.startsWith('-'));
  if (!options.some((w) => PROMPT_OPTION.test(w.value))) return undefined;
  const prompt = cmd.text.trim();
  const shown = prompt.length > 60 ? `${prompt.slice(0, 57)}...` : prompt;
  return `runs after the interactive prompt \`${shown}\`, which a CI job has no terminal to answer`;
}

/**
 * For a committed script read with unknown arguments (`Frame.argsUnknown`) that compares them with
 * a flag: whether a command of it runs only when some argument is given. Undefined otherwise.
 */
export function flagOnly(text: string, frame: Pick<Frame, 'argsUnknown'>): ((cmd: ShellCommand) => boolean) | undefined {
  if (frame.argsUnknown?.text !== text || !(FLAG_TEST.test(text) || text.split('\n').some((l) => FLAG_PATTERN.test(l.trimStart())))) return undefined;
  const reached = reachedWith(text, { positional: { text, args: [] } });
  return reached && ((cmd) => !reached(cmd));
}

/**
 * For the commands of `text` in order (each once, the unreached ones left out): why a publish in
 * the command may not run (after a prompt reached before, or in a branch only a flag selects).
 */
export function mayNotRunReader(text: string, frame: Pick<Frame, 'argsUnknown'>): (cmd: ShellCommand) => string | undefined {
  const flagged = flagOnly(text, frame);
  let prompt: string | undefined;
  return (cmd) => {
    prompt ??= promptOf(cmd);
    return prompt ?? (flagged?.(cmd) === true ? FLAG_ONLY : undefined);
  };
}

const FLAG_ONLY = 'runs only in a branch of its script that a flag argument selects, and tp-doctor does not see the arguments the script is called with';

/** `outcome` with its publishes marked as ones that may not run, for `reason`, unless marked already. */
export function mayNotRun(outcome: Outcome, reason: string | undefined): Outcome {
  if (reason === undefined || outcome.found.length === 0) return outcome;
  return { ...outcome, found: outcome.found.map((f) => (f.mayNotRun === undefined ? { ...f, mayNotRun: reason } : f)) };
}

/** A publish command with its certainty lowered to `possible` when it may not run, with the reason. */
export function withPromptCertainty(cmd: PublishCommand): PublishCommand {
  const reason = cmd.match.mayNotRun;
  if (reason === undefined || cmd.certainty === 'possible') return cmd;
  return { ...cmd, certainty: 'possible', because: `${cmd.match.label} ${reason}` };
}
