/**
 * A token written to `$GITHUB_ENV` only for a package's first publish (audit908a P7,
 * OpenZeppelin/contracts-wizard): trusted publishing cannot make a package's first publish
 * (docs/domain.md), so a job that checks with `npm view` whether its packages exist, writes the
 * token in the branch for "a package is new" and clears the same variable in the other branch,
 * uses the token only where trusted publishing cannot be used. The shape read, and nothing looser:
 *
 *     if <condition>; then            (or `then` on the next line)
 *       echo "NODE_AUTH_TOKEN=${NPM_TOKEN}" >> "$GITHUB_ENV"
 *     else
 *       echo "NODE_AUTH_TOKEN=" >> "$GITHUB_ENV"
 *     fi
 *
 * (either branch may hold the token), where the condition runs `npm view`/`npm info`/`npm show`
 * itself, or tests a variable of the step's `env:` set from `${{ steps.<id>.outputs.<name> }}` of
 * an earlier step of the job whose `run:` runs `npm view` and writes that output.
 */
import { githubEnvWrites, type GithubEnvWrite } from './env-file.js';
import type { Step } from './types.js';

/** The most lines walked from the write to its `if`, `else` and `fi`. */
const MAX_LINES = 200;
const IF_LINE = /^if\s(.*?)(?:;\s*then)?$/;
const NPM_VIEW = /\bnpm\s+(?:view|info|show|v)\s/;
const STEP_OUTPUT = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/;

interface Branches {
  /** The `if` line's condition (`[ "$IS_NEW" = "true" ]`, `npm view "$pkg" version >/dev/null`). */
  condition: string;
  /** The text range of the branch that does not hold the write. */
  other: { start: number; end: number };
}

/** An `if` line that opens a block (not a one-line `if …; then …; fi`). */
function opensIf(line: string): boolean {
  return IF_LINE.test(line) && !/;\s*fi$/.test(line);
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

/** The `if … then … else … fi` (at one nesting depth) whose one branch holds `offset`, with the other branch's range. */
function enclosingIfElse(text: string, offset: number): Branches | undefined {
  const lines: { text: string; start: number }[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    lines.push({ text: line.trim(), start: pos });
    pos += line.length + 1;
  }
  const at = lines.findIndex((l, i) => l.start <= offset && (lines[i + 1]?.start ?? Infinity) > offset);
  if (at < 0) return undefined;
  // Up to the `if`, skipping nested `if … fi` blocks.
  let depth = 0;
  let ifLine = -1;
  let elseLine = -1;
  for (let i = at - 1; i >= 0 && at - i <= MAX_LINES; i--) {
    const t = lines[i]!.text;
    if (t === 'fi') depth++;
    else if (opensIf(t) && depth > 0) depth--;
    else if (opensIf(t)) {
      ifLine = i;
      break;
    } else if (t === 'else' && depth === 0) elseLine = i;
    else if (/^elif\s/.test(t) && depth === 0) return undefined;
  }
  if (ifLine < 0) return undefined;
  // Down to the `fi`, finding the `else` when the write is in the `then` branch.
  let fiLine = -1;
  depth = 0;
  for (let i = at + 1; i < lines.length && i - at <= MAX_LINES; i++) {
    const t = lines[i]!.text;
    if (opensIf(t)) depth++;
    else if (t === 'fi' && depth > 0) depth--;
    else if (t === 'fi') {
      fiLine = i;
      break;
    } else if (t === 'else' && depth === 0) {
      if (elseLine >= 0) return undefined;
      elseLine = i;
    } else if (/^elif\s/.test(t) && depth === 0) return undefined;
  }
  if (fiLine < 0 || elseLine < 0) return undefined;
  const writeInThen = lines[elseLine]!.start > offset;
  const other = writeInThen ? { start: lines[elseLine]!.start, end: lines[fiLine]!.start } : { start: lines[ifLine + 1]!.start, end: lines[elseLine]!.start };
  return { condition: IF_LINE.exec(lines[ifLine]!.text)![1]!, other };
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
