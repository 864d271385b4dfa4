/**
 * The Node that runs at a GitHub step (docs/domain.md §2), in GitHub's order: the last action
 * before the step that installs Node (`actions/setup-node`: `node-version`, else
 * `node-version-file`; `jdx/mise-action`; `pnpm/setup`; `volta-cli/action` in volta.ts:
 * `NODE_ACTIONS` in data/node-actions.ts),
 * following local composite actions, else the job `container` image, else unknown; then a version
 * manager run in the command's shell before it, or what an earlier step left (./node-switch.ts). The
 * provider-neutral pieces (`resolveNodeSpec`, `parseNodeImage`, `bundledNpm`, the version files) are in
 * `../npm/node-version.ts`.
 */
import { inDir, repoPathOrAsWritten } from '../../fs/paths.js';
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import { comparePositions, type Location } from '../../yaml/span.js';
import { frozenNodeImage, noNodeIn, parseKnownNodeImage } from '../npm/node-images.js';
import { nodeResolution, parseNodeImage, resolveNodeSpec, type NodeContext, type NodeOrigin, type NodeResolution, type NodeToolchain } from '../npm/node-version.js';
import { fromMise } from './mise.js';
import { evaluateValue, type ExpressionScope } from './expressions.js';
import { fromPnpmSetup } from './pnpm-setup.js';
import { fromPnpmEnvUse } from './pnpm-env-use.js';
import { commandDirectory, fromVolta } from './volta.js';
import { localActionDir, writtenUses } from './composite-action.js';
import { isLocalAction } from './workflow.js';
import type { CallGraph } from './call-graph.js';
import type { CallInputReadings } from './call-inputs.js';
import { stepInputReadings, type EntryInputReading } from './entry-inputs.js';
import type { Job, MatrixCombination, Step } from './types.js';
import { cutAtFirst } from '../../fs/strings.js';
import { actionImage, NODE_ACTIONS, suggestsNodeSetup } from '../data/node-actions.js';
import { actionDefaultNode, fromSetupInputs, fromSetupNodeWrapper } from './setup-node-inputs.js';
import { MAX_ACTION_STEPS } from '../core/limits.js';
import { withShellSwitches } from './node-switch.js';
import type { CommandInShell } from '../npm/node-switch.js';
import { comboLabel, stepLegs } from './step-legs.js';

export { stepCombinations, stepLegs } from './step-legs.js';
import { actionRuntimeEnv, writtenFor } from './runtime-env.js';

/**
 * What a scan of the steps saw that may set up Node without telling tp-doctor which: local actions
 * it could not read (`missing`). A remote action whose name says it sets up Node ends the scan
 * with an unknown Node (`fromStep`).
 */
interface ScanNotes {
  missing: string[];
  /**
   * Remote actions given a `node-version` (or `node_version`) input, the last step first
   * (`wevm/actions/.github/actions/pnpm` with `node-version: 24.5`): they likely set up that Node
   * inside, which tp-doctor does not read. Only for the words of an unknown Node.
   */
  given: { uses: string; input: string; value: string; at: YNode }[];
  /** Steps of local composite actions still to read (`MAX_ACTION_STEPS`, nested uses included). */
  budget: number;
  /** The repository directory the command runs in (Volta reads the package.json nearest to it); undefined when unknown. */
  directory: () => string | undefined;
  /** The npm a later mise step pins without installing a Node (`npmOnly`): it replaces the npm of the Node found. */
  npm?: NodeToolchain;
}

/**
 * Where the command asked about stands in its step: its offset (and end) in the step's `run:`, the
 * step's directory when the caller knows it (one matrix value's), and for the version managers of
 * its shell (./node-switch.ts) the scripts on its way and the runner it runs under.
 */
export interface CommandPlace extends CommandInShell {
  directory?: string;
}

/**
 * A path from the workflow (`node-version-file`, `uses: ./dir`, a file a step reads), through the
 * containment point. A path that leaves the repository is kept as written: every `SourceFs`
 * refuses to read it, and the message says so.
 */
function normalizePath(path: string): string {
  return repoPathOrAsWritten(path);
}

/** What the GitHub Node resolution reads: the project's files, and the call graph for a called workflow's `inputs.*` (`Project` has both). */
export type GithubNodeContext = NodeContext & { callGraph?: CallGraph };

/** At most this many resolutions of one step (matrix combinations times callers), GitHub's matrix cap. */
const MAX_READINGS = 256;

/**
 * The Node that runs at `step`, one answer per distinct outcome over the matrix combinations that
 * run it. `inside`: the position of a command inside the local composite action the step uses, so
 * that the action's own earlier steps count first. `command`: where the command stands in its
 * step, for the directory it runs in (Volta's project). In a workflow only called from this
 * repository's workflows, a Node that reads the workflow's `inputs.*` is read once per caller
 * (`callerReadings`, ./call-inputs.ts), as the matrix is: each caller's run has its own Node.
 */
export function resolveStepNode(ctx: GithubNodeContext, job: Job, step: Step, inside?: Location, command: CommandPlace = {}): NodeResolution[] {
  const out: NodeResolution[] = [];
  const seen = new Map<string, NodeResolution>();
  let dir: { value: string | undefined } | undefined;
  const directory = (): string | undefined => (dir ??= { value: commandDirectory(step, inside ? undefined : command.offset, command.directory) }).value;
  const add = (found: NodeResolution, combo: MatrixCombination | undefined, decided: boolean): void => {
    // A version manager run in the command's shell before it (`nvm install 24`), or what an earlier step left.
    const res = inside ? found : withShellSwitches(ctx, job, step, found, switchScope(ctx, job, step, combo), command);
    const key = JSON.stringify([res.version, res.unknown, res.spec, res.origins.map((o) => where(o.at)), res.toolchain?.npm?.spec, res.toolchain?.npmUnknown?.reason]);
    const prior = seen.get(key);
    const label = combo && res.origins.some((o) => o.label.startsWith('matrix')) ? comboLabel(combo) : undefined;
    if (prior) {
      if (label && prior.matrix && !prior.matrix.split('; ').includes(label)) prior.matrix += `; ${label}`;
      if (decided) delete prior.undecided;
      return;
    }
    if (label) res.matrix = label;
    if (!decided) res.undecided = true;
    seen.set(key, res);
    out.push(res);
  };
  const legs = stepLegs(job, step);
  const combos = legs.map((l) => l.combo);
  let readings: EntryInputReading[] | undefined | null = null;
  for (const { combo, decided } of legs) {
    // First without the inputs' values: only a Node that reads `inputs.*` is read again per kind of run.
    let asked = false;
    const probe = (): undefined => {
      asked = true;
      return undefined;
    };
    const res = resolveAt(ctx, job, step, combo, directory, inside, { inputs: probe, eventInputs: probe });
    if (asked) readings ??= stepInputReadings(ctx.callGraph, job, step);
    if (!asked || !readings || readings.length === 0 || readings.length * combos.length > MAX_READINGS) {
      add(res, combo, decided);
      continue;
    }
    for (const reading of readings) add(withAssumed(reading, (r) => resolveAt(ctx, job, step, combo, directory, inside, r)), combo, decided);
  }
  // One answer for every leg that may run the step: whichever leg publishes, it has this Node.
  if (out.length === 1) delete out[0]!.undecided;
  return out;
}

/** A resolution with one reading, `assumed` when it read a value a run may replace (`CallInputReading.assumed`). */
function withAssumed(reading: EntryInputReading, resolve: (r: EntryInputReading) => NodeResolution): NodeResolution {
  const used: string[] = [];
  const emptied = new Set<string>();
  const track = (read: CallInputReadings, prefix: string): CallInputReadings => (name) => {
    const found = read(name);
    if (found?.assumed !== undefined) used.push(found.assumed);
    if (reading.emptyOn !== undefined && found?.value === null) emptied.add(`\`${prefix}inputs.${name}\``);
    return found;
  };
  let res = resolve({ ...reading, inputs: track(reading.inputs, ''), eventInputs: track(reading.eventInputs, 'github.event.') }); // A push run's empty input: say why the Node is the runner's.
  if (res.unknown !== undefined && emptied.size > 0) res = { ...res, unknown: `on a \`${reading.emptyOn}\` run ${[...emptied].join(' and ')} ${emptied.size > 1 ? 'are' : 'is'} empty, and then ${res.unknown}` };
  return used[0] === undefined || res.assumed !== undefined ? res : { ...res, assumed: used[0] };
}

/** The scope a version in the step's `run:` is evaluated in (`nvm install ${{ matrix.node }}`). */
function switchScope(ctx: NodeContext, job: Job, step: Step, combo: MatrixCombination | undefined): ExpressionScope {
  const env = [...step.env, ...job.env, ...job.workflow.env];
  return { combo, matrixUnresolved: job.matrixUnresolved, env, steps: job.steps.slice(0, step.index), versionFile: (file) => ctx.facts.nodeVersionFile(file) };
}

function where(at: YNode | Location): string {
  const span = 'start' in at ? at : at.span;
  return `${at.file}:${span.start.line}:${span.start.column}`;
}

function resolveAt(ctx: NodeContext, job: Job, step: Step, combo: MatrixCombination | undefined, directory: () => string | undefined, inside?: Location, inputs?: EntryInputReading): NodeResolution {
  const notes: ScanNotes = { missing: [], given: [], budget: MAX_ACTION_STEPS, directory };
  const res = resolveWith(ctx, job, step, { combo, callInputs: inputs?.inputs, eventInputs: inputs?.eventInputs }, notes, inside);
  // A later mise step that pins only the npm: its npm runs on whatever Node the job has.
  return notes.npm && res.toolchain === undefined ? { ...res, toolchain: notes.npm } : res;
}

/** One reading of a step: a matrix combination, and the called workflow's `inputs.*` as one caller gives them. */
interface Reading {
  combo: MatrixCombination | undefined;
  callInputs: CallInputReadings | undefined;
  eventInputs: CallInputReadings | undefined;
}

function resolveWith(ctx: NodeContext, job: Job, step: Step, { combo, callInputs, eventInputs }: Reading, notes: ScanNotes, inside?: Location): NodeResolution {
  // A Docker action that publishes in its own image (mikeal/merge-release: `node:18-slim`): that image's Node.
  const image = step.uses === undefined ? undefined : actionImage(step.uses.name);
  if (image !== undefined && step.uses !== undefined) {
    const origin: NodeOrigin = { label: `the image "${image}" that \`${writtenUses(step.uses)}\` runs in`, kind: 'image', at: step.uses.node };
    const spec = parseNodeImage(image);
    return spec === undefined ? { unknown: `\`${writtenUses(step.uses)}\` runs in the image "${image}"`, origins: [origin] } : nodeResolution(resolveNodeSpec(spec), [origin]);
  }
  // An action that installs Node runs its own commands (ioBroker/testing-action-deploy's publish) on that Node.
  const own = step.uses !== undefined && NODE_ACTIONS.has(step.uses.name.toLowerCase()) ? 1 : 0;
  const earlier = job.steps.slice(0, step.index + own);
  const jobEnv = [...job.env, ...job.workflow.env];
  const base: ExpressionScope = { combo, matrixUnresolved: job.matrixUnresolved, env: jobEnv, steps: [], versionFile: (file) => ctx.facts.nodeVersionFile(file), callInputs, eventInputs };
  // A publish inside a local composite action: first the action's own steps before it.
  if (inside && step.uses !== undefined && isLocalAction(step.uses.name)) {
    const scope: ExpressionScope = { ...base, env: [...step.env, ...jobEnv], steps: earlier, runtimeEnv: writtenFor(ctx, step) };
    const found = scanAction(ctx, job, workflowStepView(step), scope, notes, 0, inside);
    if (notes.npm && notes.npm.step === undefined && step.uses) notes.npm.step = step.uses.node;
    if (found) return found;
  }
  const views = earlier.map(workflowStepView);
  const found = scan(ctx, job, views, (i) => ({ ...base, env: [...earlier[i]!.env, ...jobEnv], steps: earlier.slice(0, i), runtimeEnv: writtenFor(ctx, earlier[i]!) }), notes, 0);
  if (found) return found;
  const container = job.container;
  if (container?.image !== undefined) {
    const imageNode = container.node.isMap ? (container.node.get('image') ?? container.node) : container.node;
    const value = evaluateValue(container.image, imageNode, base);
    const origin: NodeOrigin = { label: `container image "${container.image}"`, kind: 'container', at: imageNode };
    if ('unknown' in value) return { unknown: `the job container image is "${container.image}"`, origins: [origin] };
    if ('text' in value) {
      const frozen = frozenNodeImage(value.text); // CircleCI's images (`cimg/node:24.13`) too: ../npm/node-images.ts
      if (frozen !== undefined) return { unknown: frozen, origins: [origin] };
      const spec = parseKnownNodeImage(value.text);
      if (spec !== undefined) return nodeResolution(resolveNodeSpec(spec), [...value.origins, origin]);
      return { unknown: `the job runs in container "${value.text}", which is not a \`node\` image`, origins: [origin], noNode: noNodeIn(value.text) };
    }
  }
  // A remote action given a Node version: its input is where the Node is chosen, as far as the workflow shows.
  const origins: NodeOrigin[] = notes.given.slice(0, 1).map((g) => ({ label: `\`${g.input}: ${g.value}\` of \`${g.uses}\``, kind: 'action', at: g.at }));
  return givenToAction(notes, origins) ?? { unknown: unknownReason(notes), origins };
}

/**
 * One remote action given a literal Node version (`node-version: 24.5` to wevm/wagmi's shared
 * `wevm/actions/.github/actions/pnpm`), and nothing else that decides: that Node, taken to be what
 * the action sets up (`assumed`: findings on it are warnings at most). An expression, or several
 * such actions, leave the Node unknown.
 */
function givenToAction(notes: ScanNotes, origins: NodeOrigin[]): NodeResolution | undefined {
  const remote = notes.given.length === 1 && notes.missing.length === 0 ? notes.given[0] : undefined;
  if (remote === undefined || remote.value.includes('${{')) return undefined;
  const resolved = nodeResolution(resolveNodeSpec(remote.value), origins);
  if (resolved.version === undefined) return undefined;
  return { ...resolved, assumed: `the action "${remote.uses}", which tp-doctor does not read, is given \`${remote.input}: ${remote.value}\` and is taken to set up that Node` };
}

/** Why the Node is unknown when no step and no container decides it. */
function unknownReason({ missing, given }: ScanNotes): string {
  const remote = given[0];
  if (remote) {
    const more = given.length > 1 ? ` (and ${given.length - 1} more such action${given.length > 2 ? 's' : ''})` : '';
    return `the Node is chosen inside the action "${remote.uses}", which is given \`${remote.input}: ${remote.value}\`${more} and which tp-doctor does not read`;
  }
  if (missing.length > 0) {
    const names = [...new Set(missing)].map((m) => `"${m}"`);
    const which = names.length === 1 ? `local action ${names[0]}, which is` : `local actions ${names.slice(0, 3).join(', ')}, which are`;
    return `the job may set up Node in ${which} not in the repository or could not be read`;
  }
  return 'no `actions/setup-node` step sets a Node version before it and the job has no `node:` container, so it gets whatever Node the runner image ships';
}

/** A workflow step or a step of a local composite action, as the scanner sees it. */
interface StepView {
  uses?: string;
  usesNode?: YNode;
  node: YNode;
  input(name: string): YNode | undefined;
  env: ExpressionScope['env'];
  run?: { text: string; node: YNode }; // A workflow step's `run:`: `pnpm env use --global 22` (./pnpm-env-use.ts).
}

function workflowStepView(step: Step): StepView {
  const view: StepView = { node: step.node, input: (k) => step.with.get(k), env: step.env, ...(step.run ? { run: step.run } : {}) };
  if (step.uses) {
    view.uses = step.uses.name;
    view.usesNode = step.uses.node;
  }
  return view;
}

function actionStepView(node: YNode): StepView {
  const withNode = node.get('with');
  const usesNode = node.get('uses');
  const env = (node.get('env')?.entries() ?? []).flatMap((e) => (e.key === undefined ? [] : [{ name: e.key, value: e.text, node: e }]));
  const view: StepView = { node, input: (k) => withNode?.get(k), env };
  if (usesNode?.text !== undefined) {
    view.uses = cutAtFirst(usesNode.text, '@');
    view.usesNode = usesNode;
  }
  return view;
}

/** The last step of `views` that decides the Node version (an action that installs Node, a local action containing one, `pnpm env use -g`). */
function scan(ctx: NodeContext, job: Job, views: StepView[], scopeFor: (i: number) => ExpressionScope, notes: ScanNotes, depth: number): NodeResolution | undefined {
  for (let i = views.length - 1; i >= 0; i--) {
    const view = views[i]!;
    const uses = view.uses;
    const res = uses === undefined ? view.run && fromPnpmEnvUse(view.run, () => views.slice(0, i).map((v) => v.uses), () => scopeFor(i)) : fromStep(ctx, job, view, uses, () => scopeFor(i), notes, depth);
    // The job's step that holds a mise npm pin, for the upgrades after it (./npm-upgrades.ts).
    if (depth === 0 && notes.npm && notes.npm.step === undefined) notes.npm.step = view.usesNode;
    if (res) return res;
  }
  return undefined;
}

/** The Node a step that uses an action installs; undefined when it installs none tp-doctor can see. */
function fromStep(ctx: NodeContext, job: Job, view: StepView, uses: string, scopeOf: () => ExpressionScope, notes: ScanNotes, depth: number): NodeResolution | undefined {
  const reader = NODE_ACTIONS.get(uses.toLowerCase());
  if (reader === 'setup-node') return fromSetupInputs(view.input, scopeOf(), /\/setup-node$/i.test(uses) ? 'setup-node' : uses) ?? actionDefaultNode(view, uses);
  if (reader === 'setup-node-wrapper') return fromSetupNodeWrapper(view, uses, scopeOf(), job);
  if (reader === 'mise') return miseStep(ctx, view, scopeOf(), notes);
  if (reader === 'pnpm-setup') return fromPnpmSetup(ctx, view.input, view.usesNode ?? view.node, scopeOf());
  if (reader === 'setup-vp') return fromSetupVp(view, scopeOf());
  if (reader === 'volta') return fromVolta(ctx, job, view.input, view.usesNode ?? view.node, scopeOf(), notes.directory());
  if (isLocalAction(uses)) return depth < 3 ? scanAction(ctx, job, view, scopeOf(), notes, depth) : undefined;
  if (!suggestsNodeSetup(uses)) {
    noteNodeInput(view, uses, notes);
    return undefined;
  }
  // An action named for setting up Node, which tp-doctor does not read (`acme/setup-node`):
  // the Node is its, whatever an earlier setup-node says, and unknown.
  const origin: NodeOrigin = { label: `\`${uses}\``, kind: 'action', at: view.usesNode ?? view.node };
  return { unknown: `the job sets up Node with \`${uses}\`, which tp-doctor does not read`, origins: [origin] };
}

/**
 * A `jdx/mise-action` step (./mise.ts). One that pins only the npm (`npmOnly`) decides no Node: the
 * scan goes on to the earlier steps, and the pin, the latest one, joins the Node they give (`notes.npm`).
 */
function miseStep(ctx: NodeContext, view: StepView, scope: ExpressionScope, notes: ScanNotes): NodeResolution | undefined {
  const res = fromMise(ctx, { input: view.input, at: view.usesNode ?? view.node }, scope, notes.directory);
  if (res === undefined || !('npmOnly' in res)) return res;
  notes.npm ??= res.npmOnly;
  return undefined;
}

/** A remote action given a Node version as an input (`node-version: 24.5`): noted for the words of an unknown Node. */
function noteNodeInput(view: StepView, uses: string, notes: ScanNotes): void {
  if (uses.toLowerCase().startsWith('docker://')) return;
  for (const input of ['node-version', 'node_version']) {
    const at = view.input(input);
    const value = at?.text?.trim();
    if (at && value) {
      notes.given.push({ uses, input, value, at });
      return;
    }
  }
}

function actionDocument(ctx: NodeContext, uses: string, job: Job): YamlDocument | undefined {
  // Through the job's checkouts: `uses: ./src/.github/actions/x` after a checkout with `path: src`.
  const dir = localActionDir(job, uses) ?? normalizePath(uses);
  return ctx.documents.find((d) => d.file === inDir(dir, 'action.yml') || d.file === inDir(dir, 'action.yaml'));
}

/** The steps of a local composite action (those before `before`, when given) that decide the Node version. */
function scanAction(ctx: NodeContext, job: Job, caller: StepView, scope: ExpressionScope, notes: ScanNotes, depth: number, before?: Location): NodeResolution | undefined {
  const uses = caller.uses ?? '';
  const doc = actionDocument(ctx, uses, job);
  const steps = doc?.root?.at('runs', 'steps');
  if (!doc || !steps?.isSeq) {
    if (!doc) notes.missing.push(uses);
    return undefined;
  }
  const declared = doc.root?.get('inputs');
  const inputs = (name: string): { node: YNode; scope: ExpressionScope } | undefined => {
    const given = caller.input(name);
    if (given) return { node: given, scope };
    const fallback = declared?.at(name, 'default');
    // An action's `default:` is read without inputs: neither the action's nor its workflow's.
    return fallback ? { node: fallback, scope: { ...scope, inputs: undefined, callInputs: undefined, eventInputs: undefined } } : undefined;
  };
  let items = steps.items();
  if (before && before.file === doc.file) items = items.filter((n) => comparePositions(n.span.end, before.start) <= 0);
  // An action that uses itself (or others) many times fans out: past the budget the Node is
  // unknown rather than decided by an earlier step the unread ones may override.
  notes.budget -= items.length;
  if (notes.budget < 0) return { unknown: `the job's local composite actions hold more steps than tp-doctor reads (${MAX_ACTION_STEPS.toLocaleString('en-US')}, nested uses included)`, origins: [] };
  const views = items.map(actionStepView);
  const runtimeEnv = actionRuntimeEnv(views, scope.runtimeEnv);
  const res = scan(ctx, job, views, (i) => ({ ...scope, inputs, env: [...views[i]!.env, ...scope.env], steps: [], runtimeEnv: runtimeEnv(i) }), notes, depth + 1);
  if (res && caller.usesNode) res.origins.push({ label: `local action "${uses}"`, kind: 'action', at: caller.usesNode });
  return res;
}

/**
 * `voidzero-dev/setup-vp`: `vp env use` with its `node-version`, else the version in its
 * `node-version-file`; with neither it runs no `vp env use`, and the Node is Vite+'s own, which
 * tp-doctor does not read.
 */
function fromSetupVp(view: StepView, scope: ExpressionScope): NodeResolution {
  const read = fromSetupInputs(view.input, scope, 'setup-vp');
  if (read) return read;
  const origin: NodeOrigin = { label: '`voidzero-dev/setup-vp`', kind: 'action', at: view.usesNode ?? view.node };
  return { unknown: 'the job sets up Node with `voidzero-dev/setup-vp` without `node-version` or `node-version-file`, which leaves it to Vite+', origins: [origin] };
}
