/**
 * Which top-level workflows can actually run a job, given the `if:` conditions on the way that test
 * `github.event_name` or a called workflow's `inputs.*` its caller passes as literals.
 *
 * In a reusable-workflow run the `github` context is the caller's, down the whole chain: a called
 * workflow's `github.event_name` is the event that started the top-level workflow, never
 * `workflow_call` (GitHub docs, "Reuse workflows": "the github context is always associated with
 * the caller workflow"). So a job guarded by `if: github.event_name == 'push'` in a workflow that
 * `on: schedule` and `on: push` workflows both call runs only in the runs of the second.
 */
import type { CallGraph, EntryChain } from './call-graph.js';
import { chainInputs } from './call-inputs.js';
import { evaluateCondition } from './expressions.js';
import type { Job, MatrixCombination, Step, Workflow } from './types.js';
import type { YNode } from '../../yaml/parse.js';

/**
 * The events that can start a run of `entry` as the top-level workflow: its triggers but
 * `workflow_call` (when it is called, the run's top-level workflow is its caller's: another chain).
 */
export function entryEvents(entry: Workflow): string[] {
  return [...new Set(entry.triggers.map((t) => t.event).filter((e) => e !== 'workflow_call'))];
}

/**
 * False only when, for every event that can start the chain's entry, an `if:` certainly stops the
 * job (the job's own, or a caller job's on the way from the entry) or stops every step in `steps`
 * (the job's publish steps; none given: only the job conditions count). Put in: `github.event_name`,
 * and in each called workflow of the chain the `inputs.*` its caller job passes as literals, or
 * their literal defaults (`chainInputs`, ./call-inputs.ts: `with: dry_run: true` stops a job under
 * `if: ${{ !inputs.dry_run }}`). Anything tp-doctor cannot evaluate (`github.ref`, `contains(...)`,
 * an input passed as an expression) leaves the condition unknown, and an unknown condition keeps
 * the entry.
 */
export function chainMayRun(chain: EntryChain, job: Job, steps: readonly Step[] = []): boolean {
  return entryEvents(chain.entry).length === 0 || reachingEvents(chain, job, steps).length > 0;
}

/**
 * The events that can start the chain's entry (`entryEvents`) for which no `if:` on the way
 * certainly stops the job or every step in `steps`, read as `chainMayRun` reads them.
 */
export function reachingEvents(chain: EntryChain, job: Job, steps: readonly Step[] = []): string[] {
  const events = entryEvents(chain.entry);
  const inputs = chainInputs(chain, job);
  const jobConditions = [...chain.callers, job].flatMap((j, hop) => (j.if === undefined ? [] : [{ text: j.if, callInputs: inputs[hop] }]));
  const stepConditions = [...new Set(steps.map((s) => s.node.get('if')?.text))];
  if (jobConditions.length === 0 && stepConditions.every((c) => c === undefined)) return events;
  const stepInputs = inputs.at(-1);
  return events.filter((eventName) => {
    if (jobConditions.some((c) => evaluateCondition(c.text, undefined, undefined, { eventName, callInputs: c.callInputs }) === false)) return false;
    const context = { eventName, callInputs: stepInputs };
    return stepConditions.length === 0 || stepConditions.some((c) => evaluateCondition(c, undefined, undefined, context) !== false);
  });
}

/**
 * The entry chains of a job (`CallGraph.entryChains`) whose `if:` conditions may let it run
 * (`chainMayRun`): the top-level workflows whose runs can reach its publish steps `steps`.
 */
export function runnableEntryChains(graph: CallGraph, job: Job, steps: readonly Step[] = []): EntryChain[] {
  return graph.entryChains(job.workflow).filter((c) => chainMayRun(c, job, steps));
}

/**
 * The job's own `if:` when tp-doctor cannot tell whether it lets the job run on any event that
 * starts its workflow: never certainly true and not false for every one (`vars.*`, `secrets.*`,
 * `github.ref`, `needs.*` outputs, as `github.event_name` is put in). Such a job may never run; beside
 * another publishing job of the workflow, the `if:` is what chooses which of them publishes
 * (audit1207 h1b, docs/domain.md A.61). Undefined when the job has no `if:`, or one that certainly
 * holds on some trigger (`github.event_name == 'workflow_dispatch'`: the job runs then).
 */
export function undecidedJobIf(job: Job): Job['node'] | undefined {
  const condition = job.node.get('if');
  if (job.if === undefined || !condition) return undefined;
  return undecidedOnEveryEvent(job, job.if, [undefined]) ? condition : undefined;
}

/** Status functions, read as in a run where every step before succeeded (`always()`, `success()` true). */
const STATUS_FUNCTION = /\b(always|success|cancelled|failure)\(\s*\)/gi;

/**
 * A step's own `if:` when tp-doctor cannot tell whether it lets the step run on any event that
 * starts its workflow, in any matrix leg: the step-level sibling of `undecidedJobIf` (audit1207 p03,
 * docs/domain.md A.64). Read for each event and each matrix combination, the status functions as in
 * a run where every step before succeeded. Undefined when the step has no `if:`, or one that
 * certainly holds for some event and leg (the step runs then), or one that never holds.
 */
export function undecidedStepIf(job: Job, step: Step): Step['node'] | undefined {
  const known = stepIfs.get(step);
  if (known !== undefined) return known ?? undefined;
  const condition = step.node.get('if');
  const text = condition?.text;
  const read = text?.replace(STATUS_FUNCTION, (_, name: string) => String(/^(?:always|success)$/i.test(name)));
  const found = condition && read !== undefined && undecidedOnEveryEvent(job, read, job.matrix && job.matrix.length > 0 ? job.matrix : [undefined]) ? condition : null;
  stepIfs.set(step, found);
  return found ?? undefined;
}
/** `undecidedStepIf` per step (null: decided or absent): every publish of a step asks again. */
const stepIfs = new WeakMap<Step, Step['node'] | null>();

/** True when `condition` is certainly true for no event that starts the job's workflow (and matrix leg), and not false for all. */
function undecidedOnEveryEvent(job: Job, condition: string, combos: readonly (MatrixCombination | undefined)[]): boolean {
  const events = entryEvents(job.workflow);
  const runs = (events.length === 0 ? [undefined] : events).flatMap((eventName) => combos.map((combo) => evaluateCondition(condition, combo, undefined, eventName === undefined ? undefined : { eventName })));
  return !(runs.some((r) => r === true) || runs.every((r) => r === false));
}

/**
 * Which of the job's publish paths a run takes, when tp-doctor cannot tell (docs/domain.md A.64):
 * for a publish at `step`, the step's own `if:` when tp-doctor cannot evaluate it
 * (`undecidedStepIf`: `vars.LEGACY == 'true'`), and the job's other publishes (`sites`, at other
 * steps) a run may take instead. A finding that only this publish gives, while another of them
 * does not, is a guess: the `if:` may be what keeps a legacy path from ever running (audit1207 p03).
 * Undefined when the step's `if:` is decided or absent, or when the job has no other publish.
 */
export function undecidedStepChoice<S extends { step: Step }>(job: Job, step: Step, sites: readonly S[]): { condition: Step['node']; others: S[] } | undefined {
  const condition = undecidedStepIf(job, step);
  const own = condition?.text;
  // A publish whose `if:` has this step's `if:` as a conjunct (`X && matrix.ref != 'v0'` beside `X`) runs only when this step does: no other path.
  const others = own === undefined ? [] : sites.filter((s) => s.step !== step && !conditionImplies(s.step.node.get('if')?.text, own));
  return condition && others.length > 0 ? { condition, others } : undefined;
}

/** Longer `if:` texts are not compared by `conditionImplies`. */
const MAX_IMPLY_TEXT = 2000;

/**
 * True when `condition` certainly holds whenever `implying` does, as written: `implying` is the
 * same expression, or a conjunction (`&&` at the top level) one of whose terms, or all of whose
 * terms together, is `condition` (blanks, `${{ }}` and outer parentheses aside). Anything else,
 * no `if:` at all included, is not known to imply it.
 */
export function conditionImplies(implying: string | undefined, condition: string): boolean {
  // Peeling nested parentheses is quadratic in their depth: a longer text is not known to imply anything (as rules-if.ts caps its own).
  if (implying === undefined || implying.length > MAX_IMPLY_TEXT || condition.length > MAX_IMPLY_TEXT) return false;
  const terms = new Set(conjuncts(implying));
  return conjuncts(condition).every((t) => terms.has(t));
}

/** The top-level `&&` terms of a condition, each without `${{ }}`, outer parentheses and extra blanks. */
function conjuncts(condition: string): string[] {
  const body = bare(/^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition)?.[1] ?? condition);
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "'") quote = !quote;
    else if (!quote && c === '(') depth++;
    else if (!quote && c === ')') depth--;
    else if (!quote && depth === 0 && c === '&' && body[i + 1] === '&') {
      out.push(bare(body.slice(start, i)));
      start = i + 2;
      i++;
    }
  }
  out.push(bare(body.slice(start)));
  return out;
}

/** A term without blanks around it, its inner blanks squeezed, and without parentheses that enclose all of it. */
function bare(term: string): string {
  let t = term.trim().replace(/\s+/g, ' ');
  while (t.startsWith('(') && t.endsWith(')') && enclosed(t)) t = t.slice(1, -1).trim();
  return t;
}

/** True when the opening parenthesis of `t` closes at its last character. */
function enclosed(t: string): boolean {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')' && --depth === 0) return i === t.length - 1;
  }
  return false;
}

/**
 * The `if:` that decides whether a job publishes at all, when tp-doctor cannot evaluate it: the
 * job's own (`undecidedJobIf`), else, when every publish step of the job (`steps`) has an `if:` of
 * its own that tp-doctor cannot evaluate, the first of them (docs/domain.md A.61, A.64). Beside
 * another publishing job that differs, such a job may be the one that never publishes.
 */
export function undecidedPublishIf(job: Job, steps: readonly Step[]): { at: Job['node']; level: 'job' | 'step' } | undefined {
  const jobIf = undecidedJobIf(job);
  if (jobIf) return { at: jobIf, level: 'job' };
  if (steps.length === 0) return undefined;
  const stepIfs = steps.map((s) => undecidedStepIf(job, s));
  return stepIfs.every((c) => c !== undefined) ? { at: stepIfs[0]!, level: 'step' } : undefined;
}

/**
 * The `if:` tp-doctor cannot evaluate that decides whether a publishing step runs at all (A.66):
 * the step's own (`undecidedStepIf`), when it reads no matrix leg (an `if:` over `matrix.*` or a
 * matrix runner's `runner.*` usually picks the leg that publishes: ./step-legs.ts, A.58); else the
 * job's (`undecidedJobIf`). Undefined when the step runs whenever its job does on some trigger, and
 * its job on some trigger. For one publish; `undecidedPublishIf` asks it of a job's every publish.
 */
export function undecidedStepOrJobIf(job: Job, step: Step): { at: YNode; of: 'step' | 'job' } | undefined {
  const own = step.node.get('if')?.text;
  const stepIf = own === undefined || /\bmatrix\b|\brunner\s*\./i.test(own) ? undefined : undecidedStepIf(job, step);
  if (stepIf) return { at: stepIf, of: 'step' };
  const jobIf = undecidedJobIf(job);
  return jobIf ? { at: jobIf, of: 'job' } : undefined;
}
