/** Facts about one GitHub step that several parts of the model need: its environment and directory. */
import { repositoryPath } from './checkout.js';
import { resolveMatrixRef } from './matrix.js';
import type { EnvEntry, Step } from './types.js';

/** The env entry a step sees for `name` (step over job over workflow; case-insensitive). */
export function envFor(step: Step, name: string): EnvEntry | undefined {
  const lower = name.toLowerCase();
  for (const list of [step.env, step.job.env, step.job.workflow.env]) {
    const hit = list.find((e) => e.name.toLowerCase() === lower);
    if (hit) return hit;
  }
  return undefined;
}

/** The `working-directory` a step runs in as written: the step's, else the job's and the workflow's `defaults.run`. */
export function rawStepDirectory(step: Step): string {
  return (
    step.node.get('working-directory')?.text ??
    step.job.node.at('defaults', 'run', 'working-directory')?.text ??
    step.job.workflow.root.at('defaults', 'run', 'working-directory')?.text ??
    ''
  );
}

/**
 * The repository directory a step runs in (`` for the root), through the job's checkout paths;
 * undefined when it is an expression or inside another repository's checkout.
 */
export function stepDirectory(step: Step): string | undefined {
  return repositoryPath(step.job.mounts, rawStepDirectory(step));
}

/**
 * Every repository directory a step can run in: one, or one per matrix value when its
 * `working-directory` is `${{ matrix.x }}` and the matrix values are literals (undefined entries
 * stay unknown).
 */
export function stepDirectories(step: Step): (string | undefined)[] {
  const raw = rawStepDirectory(step);
  if (!raw.includes('${{') || !step.job.matrix) return [stepDirectory(step)];
  const out = new Set<string | undefined>();
  for (const combo of step.job.matrix) {
    const node = resolveMatrixRef(raw, combo);
    const text = node === null ? undefined : node?.text;
    out.add(text === undefined ? undefined : repositoryPath(step.job.mounts, text));
  }
  return [...out];
}
