/**
 * Whether a step that uses a local action may set an environment variable for the job's later
 * steps. A composite action's own `env:` entries and shell assignments end with its steps; only
 * what one of its `run:` steps writes to `$GITHUB_ENV` (or a nested local action's) reaches the
 * caller's later steps. A local action tp-doctor cannot read (missing, outside the workspace, a
 * JavaScript or Docker action, nested deeper than it follows) may set anything. A remote action
 * nested in one is taken as the job's own remote steps are: as not setting it.
 */
import type { YNode } from '../../yaml/parse.js';
import { MAX_ACTION_STEPS } from '../core/limits.js';
import { compositeAction } from './composite-action.js';
import { withInputs } from './expressions.js';
import type { Step } from './types.js';
import type { ReadAction } from './uses-steps.js';
import { isLocalAction } from './workflow.js';
import { mayWriteGithubEnv } from './env-write.js';

/**
 * True when the local action `step` uses may write `variable` to `$GITHUB_ENV`: a `run:` of it
 * (its `${{ inputs.x }}` filled with what the caller passes, so a name passed as an input counts)
 * that mentions both, or an action it cannot read.
 */
export function localActionMaySet(step: Step, variable: string, readAction: ReadAction): boolean {
  const uses = step.uses?.name;
  if (uses === undefined || !isLocalAction(uses)) return false;
  return maySet(step, uses, (name) => step.with.get(name)?.text, variable, readAction, 1, { left: MAX_ACTION_STEPS });
}

function maySet(step: Step, uses: string, caller: (name: string) => string | undefined, variable: string, readAction: ReadAction, depth: number, budget: { left: number }): boolean {
  const action = compositeAction(readAction, step.job, uses, caller, depth);
  if (action === undefined) return true;
  const inputs = action.input;
  return action.steps.some((inner: YNode) => {
    // Past the budget nothing more is read: what is left may set it.
    if (budget.left-- <= 0) return true;
    const run = inner.get('run')?.text;
    if (run !== undefined) {
      const text = withInputs(run, inputs);
      return mayWriteGithubEnv(text, variable);
    }
    const nested = inner.get('uses')?.text;
    if (nested === undefined || !isLocalAction(nested)) return false;
    const withNode = inner.get('with');
    const given = (name: string): string | undefined => {
      const value = withNode?.get(name)?.text;
      return value === undefined ? undefined : withInputs(value, inputs);
    };
    return maySet(step, nested, given, variable, readAction, depth + 1, budget);
  });
}
