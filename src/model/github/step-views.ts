/**
 * The steps that run before a publish command in a GitHub job, as one list: the job's earlier
 * steps and, for a command inside a local composite action, the action's own earlier steps (with
 * the caller's `with:` values in place of `${{ inputs.x }}`). Registry settings, npm upgrades,
 * tool installs and token writes are all read from this list, so every fact sees the same steps.
 */
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import { comparePositions, type Location } from '../../yaml/span.js';
import type { PublishCommand } from '../npm/publish-site.js';
import { compositeAction, localActionDir } from './composite-action.js';
import { MAX_ACTION_STEPS } from '../core/limits.js';
import type { Job, Step } from './types.js';
import { isLocalAction } from './workflow.js';
import { stepDirectory, withLiteralEnv } from './steps.js';
import { evaluateCondition, withInputs, withInputValues } from './expressions.js';
import { repositoryPath } from './checkout.js';
import { joinSwaps, NO_SWAPS, swapsAfter, type NpmrcSwaps } from '../npm/npmrc-swaps.js';
import { cutAtFirst } from '../../fs/strings.js';

export interface StepInput {
  /** The value with the caller's inputs substituted (when the step is inside an action). */
  text: string | undefined;
  node: YNode;
}

export interface StepView {
  /** The workflow step (for an action's inner step: the step that uses the action). */
  step: Step;
  /** The action (`actions/setup-node`), without `@ref`. */
  uses?: string;
  input(name: string): StepInput | undefined;
  /** `run:` text (inputs substituted) and its node. */
  run?: { text: string; node: YNode; exact: boolean };
  /** `step` or `jobs.x.steps[i]`-style path for messages. */
  path: string;
  /** True for a step inside a local composite action. */
  inAction: boolean;
  /** For a step inside a local composite action: the directory its `run:` runs in (its own `working-directory`, else the root); undefined when not known. */
  actionDir?: string;
  /** For a step inside a local composite action: its own `if:`, inputs put in. */
  actionIf?: string;
  /** For a step inside a local composite action: its node in the action's file. */
  actionStep?: YNode;
  /** For a step inside a local composite action: the value of one of that action's inputs (the caller's, else the declared default). */
  actionInput?: (name: string) => string | undefined;
  /** For a step of a nested local composite action (`nestedActionViews`): the action steps that use the actions it is in, outermost first. */
  via?: readonly StepView[];
}



function outerView(step: Step): StepView {
  const path = `jobs.${step.job.id}.steps[${step.index}]`;
  const view: StepView = {
    step,
    input: (name) => {
      const node = step.with.get(name);
      // Any input of the step, as GitHub passes it: `registry-url: ${{ env.NPM_REGISTRY_URL }}` under
      // a literal workflow `env:` (finos/tracdap), `cache: ${{ env.X }}` alike.
      return node ? { text: node.text === undefined ? undefined : withLiteralEnv(step, node.text), node } : undefined;
    },
    path,
    inAction: false,
  };
  if (step.uses) view.uses = step.uses.name;
  if (step.run) view.run = { text: step.run.text, node: step.run.node, exact: true };
  return view;
}

/** The inner steps of a local composite action a step uses, in order, with inputs substituted. */
export function actionViews(readAction: (dir: string) => YamlDocument | undefined, step: Step, before?: Location): StepView[] {
  const uses = step.uses?.name;
  if (uses === undefined || !isLocalAction(uses)) return [];
  const dir = localActionDir(step.job, uses);
  const doc = dir === undefined ? undefined : readAction(dir);
  const items = doc?.root?.at('runs', 'steps');
  if (!doc || !items?.isSeq) return [];
  const declared = doc.root?.get('inputs');
  // An input the caller does not give is its default, or '' when it declares none (GitHub's rule).
  // A caller's `${{ env.NAME }}` is put in when its value is a certain literal (`withLiteralEnv`).
  const given = (name: string): string | undefined => {
    const text = step.with.get(name)?.text;
    return text === undefined ? undefined : withLiteralEnv(step, text);
  };
  const inputs = (name: string): string | undefined => given(name) ?? declared?.at(name, 'default')?.text ?? (declared?.get(name) ? '' : undefined);
  const out: StepView[] = [];
  items.items().forEach((node, i) => {
    if (before && before.file === doc.file && comparePositions(node.span.start, before.start) >= 0) return;
    out.push(innerView(step, uses, node, i, inputs));
  });
  return out;
}

/** The view of the `i`th step (`node`) of the local composite action `uses`, `inputs` being the action's inputs. */
function innerView(step: Step, uses: string, node: YNode, i: number, inputs: (name: string) => string | undefined): StepView {
  const withNode = node.get('with');
  const usesText = node.get('uses')?.text;
  const run = node.get('run');
  const view: StepView = {
    step,
    input: (name) => {
      const n = withNode?.get(name);
      // `${{ inputs.registry-url || '' }}`: evaluated over the caller's values, as GitHub does.
      return n ? { text: n.text === undefined ? undefined : withInputValues(n.text, inputs), node: n } : undefined;
    },
    path: `${uses} (step ${i + 1})`,
    inAction: true,
    actionStep: node,
    actionInput: inputs,
  };
  const workdir = withInputs(node.get('working-directory')?.text ?? '', inputs);
  const actionDir = workdir === '' ? '' : repositoryPath(step.job.mounts, workdir);
  if (actionDir !== undefined) view.actionDir = actionDir;
  const condition = node.get('if')?.text;
  if (condition !== undefined) view.actionIf = withInputs(condition, inputs);
  if (usesText !== undefined) view.uses = cutAtFirst(usesText, '@');
  if (run?.text !== undefined) {
    const text = withInputs(run.text, inputs);
    view.run = { text, node: run, exact: text === run.text };
  }
  return view;
}

/**
 * `actionViews`, and the inner steps of the local composite actions those steps use in turn, each
 * after the step that uses it: followed as the publish detection follows them (./publishes.ts,
 * `compositeAction`: `MAX_ACTION_DEPTH` deep, `MAX_ACTION_STEPS` steps in all), the caller's
 * inputs put in. A nested step's `via` lists the action steps that lead to it, outermost first.
 */
export function nestedActionViews(readAction: (dir: string) => YamlDocument | undefined, step: Step): StepView[] {
  const out: StepView[] = [];
  const budget = { left: MAX_ACTION_STEPS };
  const visit = (views: readonly StepView[], depth: number, via: readonly StepView[]): void => {
    for (const view of views) {
      if (budget.left-- <= 0) return;
      out.push(via.length === 0 ? view : { ...view, via });
      const uses = view.uses;
      if (uses === undefined || !isLocalAction(uses)) continue;
      const action = compositeAction(readAction, step.job, uses, (name) => view.input(name)?.text, depth + 1);
      if (action !== undefined) visit(action.steps.map((node, i) => innerView(step, uses, node, i, (name) => action.input(name))), depth + 1, [...via, view]);
    }
  };
  visit(actionViews(readAction, step), 1, []);
  return out;
}

/**
 * The steps that run before `publish` in `job`, in order: earlier steps (each local composite action
 * one uses followed by its steps), then (for a command inside a local composite action) the action's
 * earlier steps. The publishing step itself is not included.
 */
export function viewsBefore(readAction: (dir: string) => YamlDocument | undefined, job: Job, step: Step, publish?: PublishCommand): StepView[] {
  // An earlier step that uses a local composite action (a shared "setup" action) is followed by the
  // action's steps: its setup-node `registry-url`, registry writes and npm upgrades are the job's.
  const out = job.steps.slice(0, step.index).flatMap((s) => [outerView(s), ...actionViews(readAction, s)]);
  if (publish?.viaAction !== undefined) out.push(...actionViews(readAction, step, publish.location));
  return out;
}

/** The view of the publishing step itself (its `run:`), or of the action's step that holds the command. */
export function publishingView(readAction: (dir: string) => YamlDocument | undefined, step: Step, publish: PublishCommand): StepView | undefined {
  if (publish.viaAction === undefined) return outerView(step);
  const all = actionViews(readAction, step);
  return all.find((v) => v.run && v.run.node.file === publish.location.file && comparePositions(v.run.node.span.start, publish.location.start) <= 0 && comparePositions(publish.location.end, v.run.node.span.end) <= 0);
}

/**
 * The files the `run:` steps before a publish (`views`), and its own step's script before it
 * (`own`, up to the command at `offset`), moved or copied over a project `.npmrc`
 * (../npm/npmrc-swaps.ts). A step that never runs moves nothing; one that may be skipped (an `if:`
 * tp-doctor cannot decide) leaves what it moves unknown. Undefined when none names an `.npmrc`.
 */
export function npmrcSwapsBefore(views: readonly StepView[], own: StepView | undefined, offset: number | undefined, template?: (file: string) => string | undefined): NpmrcSwaps | undefined {
  const runs = [...views, ...(own ? [own] : [])].filter((v) => v.run?.text.includes('.npmrc') === true);
  if (runs.length === 0) return undefined;
  let swaps = NO_SWAPS;
  for (const v of runs) {
    const dir = v.inAction ? v.actionDir : stepDirectory(v.step);
    const upTo = v === own ? (offset ?? 0) : undefined;
    const runs = bothRun(evaluateCondition(v.step.node.get('if')?.text, undefined), v.actionIf === undefined ? true : evaluateCondition(v.actionIf, undefined));
    if (runs === false && v !== own) continue;
    const after = swapsAfter(swaps, v.run!.text, dir, v.run!.node, upTo, template);
    swaps = runs === true || v === own ? after : joinSwaps(swaps, after);
  }
  return swaps === NO_SWAPS ? undefined : swaps;
}

/** Whether a step runs when the step that uses its action runs (`outer`) and its own `if:` lets it (`inner`). */
function bothRun(outer: boolean | undefined, inner: boolean | undefined): boolean | undefined {
  return outer === false || inner === false ? false : outer === true && inner === true ? true : undefined;
}
