/**
 * The matrix legs a step runs in: the job's and the step's `if:` evaluated against each
 * combination, and whether that is decided (docs/domain.md A.58).
 */
import { evaluateCondition } from './expressions.js';
import type { Job, MatrixCombination, Step } from './types.js';

/** The matrix combinations under which a step can run (job and step `if:` evaluated against each). */
export function stepCombinations(job: Job, step: Step): (MatrixCombination | undefined)[] {
  return stepLegs(job, step).map((l) => l.combo);
}

/**
 * The matrix combinations under which a step can run, each `decided` unless whether it runs there
 * hangs on an `if:` that reads the leg (`matrix.*`, or `runner.*` when `runs-on` reads the matrix)
 * and that tp-doctor cannot evaluate (`startsWith(matrix.os, format(...))`): the step may then run
 * in other legs only, as job-environment.ts `legRun` says `undecided`. A job without a matrix, or
 * with one leg, has only decided legs.
 */
export function stepLegs(job: Job, step: Step): { combo: MatrixCombination | undefined; decided: boolean }[] {
  const combos: (MatrixCombination | undefined)[] = job.matrix && job.matrix.length > 0 ? job.matrix : [undefined];
  const stepIf = step.node.get('if')?.text;
  const runsOnMatrix = job.runsOn?.choices.some((c) => c.combos !== undefined) === true;
  const readsLeg = (c: string | undefined): boolean => c !== undefined && (/\bmatrix\b/i.test(c) || (runsOnMatrix && /\brunner\s*\./i.test(c)));
  const out: { combo: MatrixCombination | undefined; decided: boolean }[] = [];
  for (const combo of combos) {
    const [jobRuns, stepRuns] = [evaluateCondition(job.if, combo), evaluateCondition(stepIf, combo)];
    if (jobRuns === false || stepRuns === false) continue;
    const undecided = combos.length > 1 && ((jobRuns === undefined && readsLeg(job.if)) || (stepRuns === undefined && readsLeg(stepIf)));
    out.push({ combo, decided: !undecided });
  }
  return out;
}

/** A matrix combination as `NodeResolution.matrix` names its leg: `node=20, os=ubuntu-latest`. */
export function comboLabel(combo: MatrixCombination): string {
  return [...combo].map(([k, v]) => `${k}=${v.value}`).join(', ');
}

/**
 * What a failure in the matrix legs `failing` (labels as `comboLabel` writes them) does to the
 * publish steps `publishing` of the job (docs/domain.md A.67): undefined when one of those legs runs
 * a publish step (or may: an undecided leg counts), else the labels of the legs that publish and
 * whether GitHub cancels them when a leg fails (`strategy.fail-fast`, true unless written `false`;
 * a run cancels the legs still running or queued, so a publish that is already done stays).
 */
export function failureOutsidePublish(job: Job, publishing: readonly Step[], failing: readonly string[]): { legs: string[]; failFast: boolean } | undefined {
  const legs = new Set(publishing.flatMap((step) => stepLegs(job, step).map((l) => (l.combo ? comboLabel(l.combo) : ''))));
  if (legs.size === 0 || legs.has('') || failing.some((l) => legs.has(l))) return undefined;
  const failFast = job.node.get('strategy')?.get('fail-fast')?.text?.trim() !== 'false';
  return { legs: [...legs], failFast };
}
