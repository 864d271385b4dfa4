/**
 * GitHub publish sites: each publish command of a job with the facts every rule reads (see
 * `../publish.ts`): the directory it runs in, the packages it publishes, the registry they go to
 * and the setting that decided it.
 */
import { decideSiteRegistry } from '../npm/registry.js';
import { commandEnd, placeAt, scriptIndex } from '../npm/script-index.js';
import { resolveTargets, type ResolvedTargets, type TargetInput } from '../npm/targets.js';
import { certainFirst, type PublishCommand, type PublishTargets, type SiteContext } from '../npm/publish-site.js';
import type { WorkspacePackage } from '../npm/workspaces.js';
import type { CallGraph } from './call-graph.js';
import { agreedCallInputs, callerAssignments } from './call-inputs.js';
import { runnableEntryChains } from './entry-events.js';
import { publishingInSomeRun } from './pull-request-runs.js';
import { repositoryPath } from './checkout.js';
import { packsItsDirectory } from '../npm/packed-dirs.js';
import type { PackRun } from '../npm/tarball-targets.js';
import { actionRecognizer } from '../npm/action-recognizers.js';
import { stepOutputValues } from './step-outputs.js';
import { choiceAssignments, choiceInputsIn, dispatchChoices, substituteInputs, type ChoiceAssignment } from './dispatch-inputs.js';
import { evaluateCondition } from './expressions.js';
import { mentionsMatrix, substituteMatrix } from './matrix.js';
import { stepCombinations } from './setup-node.js';
import { rawStepDirectory, stepDirectory, stepEnvValue } from './steps.js';
import { publishingView, viewsBefore, type StepView } from './step-views.js';
import { registryLayers } from './registry-layers.js';
import { userConfigAt } from './user-config.js';
import type { GithubSite, Job, MatrixCombination, Step } from './types.js';

/**
 * The packages the job packs before a publish (./packed-dirs.ts): an earlier `run:` step of this
 * repository's job that packs the directory it runs in, and the publish's own script before it;
 * with the earlier `run:` steps and their directories (`runs`, ../npm/tarball-targets.ts).
 */
function packedBefore(ctx: SiteContext, views: readonly StepView[], textBefore: string | undefined, stepDir: string | undefined): { packed: WorkspacePackage[]; runs: PackRun[] } {
  const dirs = new Set<string>();
  const runs: PackRun[] = [];
  for (const v of views) {
    const dir = v.run && !v.inAction ? stepDirectory(v.step) : undefined;
    if (v.run && !v.inAction) runs.push({ text: v.run.text, dir, ...(evaluateCondition(v.step.node.get('if')?.text, undefined) !== true ? { conditional: true as const } : {}) });
    if (dir !== undefined && packsItsDirectory(v.run!.text)) dirs.add(dir);
  }
  if (stepDir !== undefined && textBefore !== undefined && packsItsDirectory(textBefore)) dirs.add(stepDir);
  return { packed: ctx.discovery.packages.filter((p) => dirs.has(p.dir)), runs };
}


/** At most this many readings of one publish (matrix combinations times choice values), GitHub's matrix cap. */
const MAX_VARIANTS = 256;

/** One way a run reads a publish: a matrix combination, and values of the dispatch's choice inputs. */
interface Variant {
  combo: MatrixCombination | undefined;
  choice: ChoiceAssignment;
  /** The inputs one caller gives a called workflow (`callerAssignments`): a run that happens, not a choice. */
  byCaller?: boolean;
}

/**
 * The readings of a publish: one per matrix combination when its command names a matrix value
 * (`pnpm publish --filter=${{ matrix.package.name }}`), times one per combination of the
 * `workflow_dispatch` choice inputs (./dispatch-inputs.ts) that its command, the script before it,
 * its `working-directory` (`rawDir`) or its `package` input name; only those the job's and the
 * step's `if:` let run. In a workflow only called from this repository's workflows (`graph`), the
 * inputs those name are read per caller instead (`callerAssignments`, ./call-inputs.ts): one
 * reading per caller. Undefined when it names neither, or the readings cannot be listed.
 */
function variantsOf(input: TargetInput, job: Job, step: Step, rawDir: string | undefined, graph: CallGraph | undefined, inAction: boolean): Variant[] | undefined {
  const { match } = input;
  if (match.via.length > 0) return undefined;
  // The command, or a `cd` before it (`cd npm/workerd-${{ matrix.arch }} && npm publish`), names a matrix value.
  const byMatrix = !job.matrixUnresolved && job.matrix !== undefined && (mentionsMatrix(match.text) || (input.textBefore !== undefined && mentionsMatrix(input.textBefore)));
  // Inside a composite action `inputs.x` are the action's own inputs, already put in by the caller.
  const texts = [match.text, input.textBefore, rawDir, input.packageInput];
  // Only the callers whose runs may reach this step (their inputs evaluated in the `if:`s, typed).
  const callers = !inAction && graph ? callerAssignments(() => runnableEntryChains(graph, job, [step]), job, texts) : undefined;
  const choices = inAction ? new Map<string, string[]>() : dispatchChoices(job.workflow);
  const names = callers ? [...(callers[0]?.keys() ?? [])] : choiceInputsIn(texts, choices);
  if (!byMatrix && names.length === 0) return undefined;
  // Only the combinations the job's and the step's `if:` let run (`if: matrix.pkg == 'a'`).
  const combos = byMatrix ? stepCombinations(job, step).filter((c): c is MatrixCombination => c !== undefined) : [undefined];
  const max = Math.floor(MAX_VARIANTS / Math.max(1, combos.length));
  const assignments = callers ? (callers.length <= max ? callers : undefined) : choiceAssignments(names, choices, max);
  if (!assignments) return undefined;
  const stepIf = step.node.get('if')?.text;
  const out: Variant[] = [];
  for (const combo of combos) {
    for (const choice of assignments) {
      // `if: inputs.package == 'a'` too, for the runs dispatched with each value.
      const inputs = (name: string): string | undefined => choice.get(name.toLowerCase());
      // Callers' readings were kept by `runnableEntryChains` with the inputs' own types; a choice is a string.
      if (names.length > 0 && !callers && (evaluateCondition(job.if, combo, inputs) === false || evaluateCondition(stepIf, combo, inputs) === false)) continue;
      out.push(callers ? { combo, choice, byCaller: true } : { combo, choice });
    }
  }
  return out.length > 0 ? out : undefined;
}

/** The publish as one reading sees it: matrix values and choice values put in; undefined when a matrix value is missing. */
function readVariant(input: TargetInput, v: Variant, rawDir: string | undefined, job: Job): TargetInput | undefined {
  const put = (text: string): string | undefined => {
    const chosen = substituteInputs(text, v.choice);
    return v.combo ? substituteMatrix(chosen, v.combo) : chosen;
  };
  const { match } = input;
  const text = put(match.text);
  const args = match.args.map(put);
  if (text === undefined || args.some((a) => a === undefined)) return undefined;
  const out: TargetInput = { ...input, match: { ...match, text, args: args as string[] } };
  const before = input.textBefore === undefined ? undefined : put(input.textBefore);
  if (input.textBefore !== undefined && before === undefined) return undefined;
  if (before !== input.textBefore) {
    // `cd packages/${{ inputs.package }}`: the changes of directory are read again from the text.
    out.textBefore = before;
    delete out.directoryChangesBefore;
    delete out.loopsBefore;
    delete out.scope;
  }
  if (rawDir !== undefined && substituteInputs(rawDir, v.choice) !== rawDir) {
    const dir = put(rawDir);
    out.directory = dir === undefined ? undefined : repositoryPath(job.mounts, dir);
  }
  if (input.packageInput !== undefined) out.packageInput = substituteInputs(input.packageInput, v.choice);
  return out;
}

/**
 * The targets of a publish that names matrix values or dispatch choices (`variantsOf`): the packages
 * of every reading together, when each names its packages; undefined when the publish names neither
 * or one reading cannot be read. A package that some choice values publish and others do not is
 * `chosen`: the runs that publish it are the ones dispatched with those values.
 */
function perVariant(input: TargetInput, job: Job, step: Step, rawDir: string | undefined, graph: CallGraph | undefined, inAction: boolean): ResolvedTargets | undefined {
  const variants = variantsOf(input, job, step, rawDir, graph, inAction);
  if (!variants) return undefined;
  const resolved = new Map<string, ResolvedTargets>();
  // The packages each choice assignment publishes, over the matrix combinations of its run.
  const runs = new Map<string, ResolvedTargets[]>();
  let moves = false;
  let unread = false;
  for (const v of variants) {
    const read = readVariant(input, v, rawDir, job);
    if (!read) return undefined;
    // A choice in `working-directory` or in a `cd` before the command: the step's directory is not where it runs.
    moves ||= read.directory !== input.directory || read.textBefore !== input.textBefore;
    const choiceKey = JSON.stringify([...v.choice]);
    const key = JSON.stringify([read.match.text, read.match.args, read.directory, read.packageInput, read.textBefore === input.textBefore ? '' : read.textBefore]);
    let r = resolved.get(key);
    if (!r) {
      r = resolveTargets(read);
      resolved.set(key, r);
    }
    // A reading that cannot be read (a folder made in the job, `npm publish dist/npm/x-${{ matrix.os }}`)
    // makes the publish unknown, with what the readings may publish: not what the text without
    // the values would (the package of the directory it runs in).
    if (r.targets.kind === 'unknown') {
      unread = true;
      continue;
    }
    // A reading that names no package tp-doctor can find (`pnpm -F migration` for a package pnpm
    // finds as `@scope/migration`, express-zod-api) says nothing: the publish stays unknown rather
    // than losing that reading's package.
    if (r.targets.kind === 'single' && r.targets.packages.length === 0 && (r.targets.manifests ?? []).length === 0) return undefined;
    // Each caller's run happens: its packages are no choice (`chosen`).
    if (!v.byCaller) runs.set(choiceKey, [...(runs.get(choiceKey) ?? []), r]);
  }
  const each = [...resolved.values()];
  const dirs = new Set(each.map((r) => r.directory));
  const directory = dirs.size === 1 ? each[0]!.directory : moves ? undefined : input.directory;
  const known = [...dirs].filter((d): d is string => d !== undefined);
  const directories = directory === undefined && known.length === dirs.size ? { directories: known } : {};
  if (unread) return { targets: { kind: 'unknown', packages: [], candidates: mayPublish(each, input.discovery.packages) }, directory, ...directories };
  const byDir = new Map<string, WorkspacePackage>();
  for (const r of each) for (const p of r.targets.packages) byDir.set(p.dir, p);
  const manifests = new Map<string, WorkspacePackage>();
  for (const r of each) for (const p of r.targets.manifests ?? []) manifests.set(p.dir, p);
  const kind = each.some((r) => r.targets.kind === 'workspaces') ? 'workspaces' : 'single';
  const perRun = [...runs.values()].map((rs) => new Set(rs.flatMap((r) => r.targets.packages.map((p) => p.dir))));
  const chosen = [...byDir.keys()].filter((dir) => perRun.some((dirs) => !dirs.has(dir)));
  const targets: PublishTargets = {
    kind,
    packages: [...byDir.values()],
    candidates: [],
    ...(kind === 'single' ? { manifests: [...manifests.values()] } : {}),
    ...(chosen.length > 0 ? { chosen } : {}),
    ...(variants.some((v) => v.byCaller) ? { byCallers: true as const } : {}),
  };
  return { targets, directory, ...directories };
}

/**
 * The packages some reading may publish: those a read one names and the candidates of one that
 * cannot be read, in the order of the discovered packages (the others after them).
 */
function mayPublish(readings: readonly ResolvedTargets[], discovered: readonly WorkspacePackage[]): WorkspacePackage[] {
  const byDir = new Map<string, WorkspacePackage>();
  for (const { targets } of readings) for (const p of targets.kind === 'unknown' ? targets.candidates : targets.packages) byDir.set(p.dir, p);
  const rank = new Map(discovered.map((p, i) => [p.dir, i]));
  return [...byDir.values()].sort((a, b) => (rank.get(a.dir) ?? rank.size) - (rank.get(b.dir) ?? rank.size));
}

/** Where a publishing action's step names its package (`ActionRecognizer.packageFrom`): an input, or a variable of the step's `env:`. */
function packageInputOf(step: Step, publish: PublishCommand): string | undefined {
  // The recognised action's name, not the step's `uses:` (`uses: ./` in the action's own repository).
  const from = step.uses === undefined || publish.match.action === undefined ? undefined : actionRecognizer(publish.match.action.name)?.packageFrom;
  if (from === undefined) return undefined;
  return 'input' in from ? step.with.get(from.input)?.text : step.env.find((e) => e.name === from.env)?.value;
}

/**
 * The publish sites of a GitHub job, in step order. `graph`: the project's call graph, for a job of
 * a called workflow whose registry settings read its `inputs.*` as every caller gives them
 * (`agreedCallInputs`). Without it (while workflows stream: a streamed workflow is never called)
 * those stay unknown. A command that publishes in none of the runs reaching it is no site
 * (`publishingInSomeRun`: semantic-release in a workflow that only runs for pull requests).
 */
export function githubSites(ctx: SiteContext, job: Job, graph?: CallGraph): GithubSite[] {
  const inputs = graph ? agreedCallInputs(graph, job) : undefined;
  const out: GithubSite[] = [];
  for (const step of job.steps) {
    for (const publish of certainFirst(step.publishes)) {
      const views = viewsBefore(ctx.readAction, job, step, publish);
      const own = publishingView(ctx.readAction, step, publish);
      // A command in a local composite action's `run:` is read as a workflow step's, in that step's
      // directory (unknown when its `working-directory` is: not the root) and after its `cd`s.
      const inAction = publish.viaAction !== undefined;
      const stepDir = inAction ? publish.actionStep?.directory : (publish.directory ?? stepDirectory(step));
      const runText = inAction ? publish.actionStep?.text : step.run?.text;
      const script = runText !== undefined ? scriptIndex(runText) : undefined;
      const offset = publish.match.offset;
      const textBefore = script && runText !== undefined ? runText.slice(0, offset) : undefined;
      const textAfter = script && runText !== undefined ? runText.slice(publish.match.end) : undefined;
      const versionSetBefore = views.some((v) => v.run !== undefined && scriptIndex(v.run.text).versionSetEnd !== Infinity) || (script !== undefined && script.versionSetEnd <= offset);
      const directoryChangesBefore = script?.directoryChanges.filter((c) => commandEnd(c) <= offset);
      const loopsBefore = script?.loops.filter((l) => l.body <= offset);
      const place = script && placeAt(script, offset);
      const packageInput = packageInputOf(step, publish);
      const { packed, runs: packRuns } = packedBefore(ctx, views, textBefore, stepDir);
      const input = {
        discovery: ctx.discovery,
        packageAt: ctx.packageAt,
        list: ctx.list,
        directory: stepDir,
        textBefore,
        ...(textAfter !== undefined ? { textAfter } : {}),
        ...(directoryChangesBefore ? { directoryChangesBefore } : {}),
        ...(loopsBefore ? { loopsBefore } : {}),
        ...(place?.scope ? { scope: place.scope } : {}),
        ...(place?.within ? { within: place.within } : {}),
        match: publish.match,
        toolConfig: ctx.toolConfigFiles,
        packageManager: ctx.packageManager?.name,
        // An action's command whose step was not read (a remote action's in the composite action): its directory is not followed.
        viaAction: inAction && publish.actionStep === undefined,
        ...(packageInput !== undefined ? { packageInput } : {}),
        ...(packed.length > 0 ? { packed } : {}),
        packRuns,
        versionSetBefore,
        // Inside a composite action `steps.*` are the action's own steps.
        ...(publish.viaAction === undefined ? { wordValues: (word: string) => stepOutputValues(step, word), envValues: (name: string) => stepEnvValue(step, name) } : {}),
      };
      // The step's own `working-directory` as written, unless the publish was found in one directory of several.
      const rawDir = publish.directory === undefined && publish.viaAction === undefined ? rawStepDirectory(step) : undefined;
      const { targets, directory, directories } = perVariant(input, job, step, rawDir, graph, inAction) ?? resolveTargets(input);
      const ownRun = own?.run ? { text: own.run.text, offset: publish.viaAction === undefined ? offset : 0 } : undefined;
      const userConfig = userConfigAt(step, publish, views, ownRun, (file) => ctx.userConfigExists?.(file) === true);
      const layers = registryLayers(ctx, step, publish, views, own, inputs, userConfig);
      const { registry, packageRegistries, certainty } = decideSiteRegistry(layers, targets, directory, ctx.scopeHint, publish.certainty);
      out.push({ provider: 'github', job, step, publish, directory, ...(directories ? { directories } : {}), targets, registry, packageRegistries, certainty, userConfig });
    }
  }
  return publishingInSomeRun(out, graph, ctx.toolConfigFiles);
}
