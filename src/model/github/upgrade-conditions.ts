/**
 * Whether an earlier step of a job runs whenever a publish of a later step does (docs/domain.md §2:
 * the last npm upgrade that *runs* before the publish decides its npm). An earlier step's `if:`
 * that the publishing step does not share may leave the upgrade out of some runs: a dispatched run
 * of a workflow whose upgrade step runs only `if: github.event_name == 'release'` publishes with the
 * npm the Node bundles. tp-doctor cannot tell which event starts a run, so such an upgrade is kept
 * with its condition (`NpmUpgradeAt.runsWhen`), and the rule says what the npm is without it.
 */
import { entryEvents } from './entry-events.js';
import { evaluateCondition } from './expressions.js';
import type { Step } from './types.js';

/** A status function call, GitHub's function names ignoring case. */
const STATUS_FUNCTION = /\b(always|success|cancelled|failure)\(\s*\)/gi;
/** Any status function in a condition: a step that has one may run after an earlier step failed. */
const ANY_STATUS_FUNCTION = /\b(?:always|success|cancelled|failure)\s*\(/i;

/** The condition's expression, `${{ }}` taken off and blanks squeezed, to tell two `if:` written alike. */
export function conditionBody(condition: string): string {
  const body = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition)?.[1] ?? condition;
  return body.trim().replace(/\s+/g, ' ');
}

/**
 * How a step's `if:` (`condition`) lets it run before a publish of `publishStep` in the same job:
 * `true` when it runs whenever the publish does (no `if:`, the publishing step's own `if:`, or one
 * true for every event that can start the workflow and run the publish, read as in a run where
 * every step before succeeded when the publishing step asks for that itself: `always()`,
 * `success()`, `${{ true }}`); `false` when it can never hold there (`if: false`, an event the
 * workflow never runs for); else the condition, without `${{ }}`, for the words of a finding.
 * A workflow that others call (`workflow_call`) may run for any event: it is read without one too.
 */
export function runsWithPublish(condition: string | undefined, publishStep: Step, inputs?: (name: string) => string | undefined): boolean | string {
  if (condition === undefined) return true;
  const body = conditionBody(condition);
  const publishIf = publishStep.node.get('if')?.text;
  if (publishIf !== undefined && conditionBody(publishIf) === body) return true;
  // Without a status function of its own, the publishing step runs only when every step before it succeeded.
  const passing = publishIf === undefined || !ANY_STATUS_FUNCTION.test(publishIf);
  const read = passing ? body.replace(STATUS_FUNCTION, (_, name: string) => String(/^(?:always|success)$/i.test(name))) : body;
  const workflow = publishStep.job.workflow;
  const events: (string | undefined)[] = entryEvents(workflow);
  if (events.length === 0 || workflow.triggers.some((t) => t.event === 'workflow_call')) events.push(undefined);
  // Only the events the publish itself may run for: those its job's and its own `if:` let through.
  const publishes = events.filter((e) => evaluateCondition(publishStep.job.if, undefined, undefined, e === undefined ? {} : { eventName: e }) !== false && evaluateCondition(publishIf, undefined, undefined, e === undefined ? {} : { eventName: e }) !== false);
  const values = (publishes.length > 0 ? publishes : events).map((e) => evaluateCondition(read, undefined, inputs, e === undefined ? {} : { eventName: e }));
  if (values.every((v) => v === true)) return true;
  if (values.every((v) => v === false)) return false;
  return body;
}

/**
 * How a step of a local composite action runs when the step that uses it does: its `if:` read with
 * the caller's literal inputs (`inputs`; one that is itself an expression is unknown) and the
 * status functions as in a run where everything before succeeded. `true`, `false`, or the
 * condition when tp-doctor cannot tell.
 */
export function actionStepRuns(condition: string | undefined, inputs: (name: string) => string | undefined): boolean | string {
  if (condition === undefined) return true;
  const body = conditionBody(condition);
  const read = body.replace(STATUS_FUNCTION, (_, name: string) => String(/^(?:always|success)$/i.test(name)));
  const literal = (name: string): string | undefined => {
    const value = inputs(name);
    return value === undefined || value.includes('${{') ? undefined : value;
  };
  return evaluateCondition(read, undefined, literal) ?? body;
}

/** A step's `continue-on-error` that is an expression tp-doctor cannot decide, without `${{ }}`; undefined otherwise. */
export function undecidedContinue(continueOnError: string | undefined): string | undefined {
  if (continueOnError === undefined || !continueOnError.includes('${{')) return undefined;
  return evaluateCondition(continueOnError, undefined) === undefined ? conditionBody(continueOnError) : undefined;
}
