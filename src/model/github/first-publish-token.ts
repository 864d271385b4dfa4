/**
 * A token written to `$GITHUB_ENV` only for a package's first publish (audit908a P7,
 * OpenZeppelin/contracts-wizard): trusted publishing cannot make a package's first publish
 * (docs/domain.md), so a job that checks with `npm view` whether its packages exist, writes the
 * token in the branch for "a package is new" and clears the same variable in the other branch,
 * uses the token only where trusted publishing cannot be used. The shape read, and nothing looser:
 *
 *     if <condition>; then            (or `then` on the next line, or all on one line)
 *       echo "NODE_AUTH_TOKEN=${NPM_TOKEN}" >> "$GITHUB_ENV"
 *     else
 *       echo "NODE_AUTH_TOKEN=" >> "$GITHUB_ENV"
 *     fi
 *
 * (either branch may hold the token), where the condition runs `npm view`/`npm info`/`npm show`
 * itself, or tests a variable of the step's `env:` set from `${{ steps.<id>.outputs.<name> }}` of
 * an earlier step of the job whose `run:` runs `npm view` and writes that output.
 */
import { splitCommands } from '../npm/shell.js';
import { githubEnvWrites, type GithubEnvWrite } from './env-file.js';
import type { Step } from './types.js';

const NPM_VIEW = /\bnpm\s+(?:view|info|show|v)\s/;
const STEP_OUTPUT = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/;

interface Branches {
  /** The `if` command's condition (`[ "$IS_NEW" = "true" ]`, `npm view "$pkg" version >/dev/null`). */
  condition: string;
  /** The text range of the branch that does not hold the write. */
  other: { start: number; end: number };
}

/**
 * Whether `write` (one of `githubEnvWrites(step.run.text)`) is such a first-publish-only token.
 */
export function firstPublishOnlyToken(step: Step, write: GithubEnvWrite): boolean {
  const text = step.run?.text;
  if (text === undefined || write.conditional !== true) return false;
  const branches = enclosingIfElse(text, write.offset);
  if (!branches) return false;
  const cleared = githubEnvWrites(text.slice(branches.other.start, branches.other.end)).some((w) => w.name === write.name && /^(?:|""|'')$/.test(w.value));
  return cleared && existenceCheck(branches.condition, step);
}

/**
 * The `if … then … else … fi` whose one branch holds `offset` (its innermost compound command, by
 * the shell splitter's scopes, ../npm/shell-nesting.ts), with its condition and the other branch's
 * range; undefined for an `if` without `else`, or with an `elif`.
 */
function enclosingIfElse(text: string, offset: number): Branches | undefined {
  const commands = splitCommands(text);
  const at = commands.findLast((c) => c.offset <= offset);
  const scope = at?.scope?.at(-1);
  if (at === undefined || scope?.kind !== 'if') return undefined;
  // The commands of that `if`, each with the branch it stands in (nested ones included).
  const inIf = commands.flatMap((c) => {
    const own = c.scope?.find((s) => s.id === scope.id);
    return own ? [{ cmd: c, branch: own.branch }] : [];
  });
  if (inIf.some(({ cmd }) => cmd.words[0]?.value === 'elif') || !inIf.some((e) => e.branch === 1)) return undefined;
  const other = inIf.filter((e) => e.branch !== scope.branch);
  const condition = inIf.filter((e) => e.branch === 0 && e.cmd.scope!.at(-1)!.id === scope.id);
  const thenAt = condition.findIndex(({ cmd }) => cmd.words[0]?.value === 'then');
  const tested = (thenAt < 0 ? condition : condition.slice(0, thenAt)).map(({ cmd }) => cmd.text.replace(/^if\s+/, '')).join('; ');
  // The branch ends where the command after its last one starts (`fi`): a command's text leaves out its redirections.
  const after = commands[commands.indexOf(other.at(-1)!.cmd) + 1];
  return { condition: tested, other: { start: other[0]!.cmd.offset, end: after?.offset ?? text.length } };
}

/** The condition runs `npm view`, or tests a variable set from an output of an earlier step that runs `npm view` and writes that output. */
function existenceCheck(condition: string, step: Step): boolean {
  if (NPM_VIEW.test(`${condition} `)) return true;
  for (const m of condition.matchAll(/\$\{?([A-Za-z_]\w*)\}?/g)) {
    const entry = step.env.find((e) => e.name === m[1]);
    const output = entry?.value === undefined ? null : STEP_OUTPUT.exec(entry.value.trim());
    if (!output) continue;
    const source = step.job.steps.find((s) => s.index < step.index && s.id === output[1]);
    const run = source?.run?.text ?? '';
    if (NPM_VIEW.test(run) && run.includes(`${output[2]}=`) && run.includes('GITHUB_OUTPUT')) return true;
  }
  return false;
}
