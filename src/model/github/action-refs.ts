/**
 * Publishing actions that publish only in some runs (`ActionRecognizer.publishesOnRefs`:
 * decentraland/oddish-action publishes for a tag or on main/master, and exits anywhere else),
 * compared with the triggers of the workflows whose runs reach the step. The ref of a run by its
 * event (GitHub docs, "Events that trigger workflows"):
 *
 * - `push`: the pushed branch or tag, as its `branches`/`branches-ignore`/`tags`/`tags-ignore`
 *   filters allow (with only branch filters no tag runs it, with only tag filters no branch);
 * - `release`: the release's tag; `create`: the created branch or tag;
 * - `pull_request` (and its review events) and `merge_group`: a merge commit that actions/checkout
 *   checks out detached, or a `gh-readonly-queue/…` branch: neither a tag nor main/master, unless
 *   the job's checkout names its own `ref:`;
 * - every other event (`workflow_dispatch`, `schedule`, `pull_request_target`, …): the default
 *   branch or one chosen when dispatched, which may be main or master: read as publishing, as before.
 *
 * A workflow of which some run publishes keeps the publish as it is; one none of whose runs does
 * publishes nothing there; one tp-doctor cannot tell of (a branch pattern it cannot evaluate, the
 * refs named by variables the action reads first) keeps it as a guess.
 */
import type { ActionRefCondition } from '../data/publish-tools.js';
import { globMatchesAll, globTokens, SHELL_GLOB } from '../core/glob-match.js';
import { actionRecognizer } from '../npm/action-recognizers.js';
import { leastCertain, type PublishCommand } from '../npm/publish-site.js';
import type { EntryChain } from './call-graph.js';
import { chainMayRun } from './entry-events.js';
import { evaluateCondition } from './expressions.js';
import { envFor } from './steps.js';
import type { Job, Step, Trigger } from './types.js';
import type { YNode } from '../../yaml/node.js';

/** Whether a run of an event publishes: `yes` in some run, `no` in none, `unknown`. */
type Runs = 'yes' | 'no' | 'unknown';

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment', 'merge_group']);
const TAG_EVENTS = new Set(['release', 'create']);

/** The patterns of a `push` filter (a list or one string); undefined when absent, `unknown` when not literal. */
function filterPatterns(node: YNode | undefined): string[] | 'unknown' | undefined {
  if (node === undefined) return undefined;
  const values = node.isSeq ? node.items().map((i) => i.text) : [node.text];
  return values.every((v): v is string => v !== undefined && !v.includes('${{')) ? values : 'unknown';
}

/**
 * Whether GitHub's filter pattern matches `name`: `*` and `**` (any characters), `[…]`; `?` and `+`
 * (repeats of the character before them) are not evaluated.
 */
function patternMatches(pattern: string, name: string): boolean | undefined {
  if (/[?+]/.test(pattern) || pattern.length > 256) return undefined;
  const tokens = globTokens(pattern, SHELL_GLOB);
  return tokens === undefined ? undefined : globMatchesAll(tokens, name);
}

/** Whether a `branches:` list (`!` negates; the last pattern that matches decides) lets `name` run. */
function listAllows(patterns: readonly string[], name: string): boolean | undefined {
  let allowed: boolean | undefined = false;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    const hit = patternMatches(negated ? p.slice(1) : p, name);
    if (hit === undefined) allowed = undefined;
    else if (hit) allowed = !negated;
  }
  return allowed;
}

/** Whether the pushes a `push:` trigger runs for include a tag, or a branch in `branches`. */
function pushRuns(node: YNode, cond: ActionRefCondition, branches: readonly string[]): Runs {
  const filters = node.isMap ? node : undefined;
  const [only, ignore, tags, tagsIgnore] = ['branches', 'branches-ignore', 'tags', 'tags-ignore'].map((k) => filterPatterns(filters?.get(k)));
  const branchFiltered = only !== undefined || ignore !== undefined;
  const tagFiltered = tags !== undefined || tagsIgnore !== undefined;
  // Some tag: any when tags are not filtered out (a tag list names some; `tags-ignore` leaves others).
  if (cond.tags && (tagFiltered || !branchFiltered) && (tags === undefined || tags === 'unknown' || tags.some((t) => !t.startsWith('!')))) return 'yes';
  if (tagFiltered && !branchFiltered) return 'no';
  const verdicts = branches.map((b): boolean | undefined => {
    if (only === 'unknown' || ignore === 'unknown') return undefined;
    if (only !== undefined) return listAllows(only, b);
    if (ignore !== undefined) {
      const ignored = listAllows(ignore, b);
      return ignored === undefined ? undefined : !ignored;
    }
    return true;
  });
  return verdicts.includes(true) ? 'yes' : verdicts.includes(undefined) ? 'unknown' : 'no';
}

/** The job checks out a ref of its own choosing (actions/checkout's `ref:`): its branch is not the event's. */
function checksOutOwnRef(job: Job): boolean {
  return job.steps.some((s) => s.uses?.name.toLowerCase() === 'actions/checkout' && s.with.has('ref'));
}

function eventRuns(trigger: Trigger, cond: ActionRefCondition, branches: readonly string[], job: Job): Runs {
  if (trigger.event === 'push') return pushRuns(trigger.node, cond, branches);
  if (TAG_EVENTS.has(trigger.event)) return cond.tags ? 'yes' : 'unknown';
  if (PULL_REQUEST_EVENTS.has(trigger.event)) return checksOutOwnRef(job) ? 'unknown' : 'no';
  // Called from another repository: its callers' runs are not seen.
  return trigger.event === 'workflow_call' ? 'unknown' : 'yes';
}

/**
 * Whether the runs of `triggers` reach a publish of the action (`cond`) in `step`: `yes` for some
 * run, `no` for none; `unknown`, with the reason, when tp-doctor cannot tell. A trigger whose event
 * an `if:` of the job or the step certainly stops (`github.event_name`) does not count.
 */
export function refRuns(cond: ActionRefCondition, step: Step, triggers: readonly Trigger[], input: (name: string) => string | undefined): Runs {
  const named = (cond.branchInputs ?? []).map(input).filter((v): v is string => v !== undefined);
  const branches = [...cond.branches, ...named.filter((v) => !v.includes('${{'))];
  const stepIf = step.node.get('if')?.text;
  const counted = triggers.filter((t) => [step.job.if, stepIf].every((c) => evaluateCondition(c, undefined, undefined, { eventName: t.event }) !== false));
  if (counted.length === 0) return 'yes';
  const runs = counted.map((t) => eventRuns(t, cond, branches, step.job));
  if (runs.includes('yes')) return 'yes';
  // A branch input given by an expression, or a ref the action reads from the environment first: any run may publish.
  if (named.length > branches.length - cond.branches.length || (cond.refEnv ?? []).some((name) => envFor(step, name) !== undefined)) return 'unknown';
  return runs.includes('unknown') ? 'unknown' : 'no';
}

/**
 * The publishes of a step as the workflows' triggers let them run: the publishes of an action that
 * publishes only on some refs (`publishesOnRefs`; its own command, not one given as an input) go
 * when no run of `triggers` publishes, and become guesses (`likely` at most) when
 * tp-doctor cannot tell.
 */
export function publishesOnTriggers(step: Step, publishes: readonly PublishCommand[], triggers: readonly Trigger[]): PublishCommand[] {
  return publishes.flatMap((p) => {
    const action = p.match.action;
    const cond = action === undefined || action.given === true ? undefined : actionRecognizer(action.name)?.publishesOnRefs;
    if (cond === undefined) return [p];
    // An action inside a local composite action: its own `with:` is not the step's.
    const input = (name: string): string | undefined => (p.viaAction === undefined ? step.with.get(name)?.text?.trim() || undefined : undefined);
    const runs = refRuns(cond, step, triggers, input);
    if (runs === 'yes') return [p];
    // Unknown (or the inputs unread): a guess, with the command as read, so its directory and packages stay.
    return runs === 'no' && p.viaAction === undefined ? [] : [{ ...p, certainty: leastCertain([p.certainty, 'likely']) }];
  });
}

/** The publishes of a step as its own workflow's triggers let them run; a called workflow's wait for its callers (`applyCallerTriggers`). */
export function onOwnTriggers(step: Step, publishes: PublishCommand[]): PublishCommand[] {
  return step.job.workflow.callable ? publishes : publishesOnTriggers(step, publishes, step.job.workflow.triggers);
}

/**
 * The publishes of a called workflow's job (`on: workflow_call`) as its callers' runs let them run
 * (`publishesOnTriggers`): the triggers of its entry chains (`chains`) whose `if:`s may reach each
 * step. Without a caller in the repository, its own triggers, `workflow_call` from elsewhere unknown.
 */
export function applyCallerTriggers(job: Job, chains: readonly EntryChain[]): void {
  if (!job.workflow.callable) return;
  const local = chains.some((c) => c.callers.length > 0);
  for (const step of job.steps) {
    if (!step.publishes.some((p) => p.match.action !== undefined)) continue;
    const reaching = chains.filter((c) => chainMayRun(c, job, [step])).flatMap((c) => c.entry.triggers.filter((t) => t.event !== 'workflow_call'));
    step.publishes = publishesOnTriggers(step, step.publishes, local ? reaching : job.workflow.triggers);
  }
}
