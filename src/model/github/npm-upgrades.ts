/**
 * The npm upgrades of a GitHub job and the npm that runs a publish command of a step (docs/domain.md
 * section 2): the job's Node (`./setup-node.ts`), then the upgrades before the command. The
 * provider-neutral decision (`npmAfter`, `resolveNpmSpec`) is in `../npm/npm-version.ts`.
 */
import { inDir } from '../../fs/paths.js';
import { comparePositions, type Location } from '../../yaml/span.js';
import type { NodeContext, NodeResolution, NodeSwitched } from '../npm/node-version.js';
import { publishInShell, upgradesAfterSwitch } from '../npm/node-switch.js';
import { npmAfter, resolveNpmSpec, type NpmAtPublish, type NpmUpgradeAt } from '../npm/npm-version.js';
import { findNpmUpgrades, type NpmUpgrade } from '../npm/publish-commands.js';
import { markFailureReading } from '../npm/upgrade-failure.js';
import { actionStepRuns, runsWithPublish, undecidedContinue } from './upgrade-conditions.js';

/** How a job goes on after a failed command: read in ../npm/upgrade-failure.ts for every provider. */
export { failureHandled, failureTolerated } from '../npm/upgrade-failure.js';
import { PACKAGE_MANAGER_SPEC } from '../npm/npm-commands.js';
import { packageManagerUp } from '../npm/yarn-project.js';
import { commandDirectory } from './volta.js';
import { actionRecognizer } from '../npm/action-recognizers.js';
import type { PublishCommand } from '../npm/publish-site.js';
import { scriptIndex } from '../npm/script-index.js';
import { scriptUpgradesBefore } from '../npm/script-upgrades.js';
import { actionImage, NODE_ACTIONS } from '../data/node-actions.js';
import { pathNpmUpgrades } from './path-npm.js';
import { fileUpgradesOf } from './file-upgrades.js';
import { resolveStepNode, type GithubNodeContext } from './setup-node.js';
import type { Job, Step } from './types.js';
import { localActionDir, readFromRef } from './composite-action.js';
import { isLocalAction } from './workflow.js';
import { withLiteralEnv, withShellEnv } from './steps.js';
import { nestedActionViews } from './step-views.js';
import type { YamlDocument } from '../../yaml/parse.js';

/** An npm upgrade command in a job, with where it is written. */
export interface NpmUpgradeStep extends NpmUpgradeAt {
  step: Step;
}

/**
 * The npm upgrades a step runs, in order (its own `run:`, or the `run:` steps of a local composite
 * action, only those that start before `before` when it points into that action).
 */
export function stepNpmUpgrades(ctx: NodeContext, step: Step, before?: Location): NpmUpgradeStep[] {
  const out: NpmUpgradeStep[] = [];
  const add = (written: NpmUpgrade, location: Location, viaAction?: string, inner?: Location): void => {
    const upgrade = written.fromPackageManager === true ? packageManagerNpm(ctx, written) : written;
    const entry: NpmUpgradeStep = { upgrade, step, location };
    const version = resolveNpmSpec(upgrade.spec);
    if (version !== undefined) entry.version = version;
    // Corepack's shim runs the version package.json names: that is where to change it.
    if (written.fromPackageManager === true && upgrade.unknown === undefined) entry.toolchainPin = 'the `packageManager` of package.json';
    if (viaAction !== undefined) entry.viaAction = viaAction;
    if (inner !== undefined) entry.inner = inner;
    // `continue-on-error: ${{ inputs.lenient }}`: when the command fails, the job may or may not go on.
    const mayContinue = undecidedContinue(step.node.get('continue-on-error')?.text);
    if (mayContinue !== undefined) entry.mayContinue = mayContinue;
    out.push(entry);
  };
  if (step.run) {
    const node = step.run.node;
    const text = step.run.text;
    // From the script's index: a script with many publish commands is scanned once, not once per publish.
    for (const written of scriptIndex(text).npmUpgrades) {
      const u = withEnvSpec(step, text, written);
      add(u, { file: node.file, ...node.valueSpan(u.offset, u.end) });
      markFailureReading(out.at(-1)!, text.slice(u.end), step.node.get('continue-on-error')?.text);
    }
    return out;
  }
  const uses = step.uses;
  // A remote action that upgrades npm itself before its publish (`ActionRecognizer.npmUpgrade`).
  const own = uses === undefined || isLocalAction(uses.name) ? undefined : actionRecognizer(uses.name)?.npmUpgrade;
  const unless = own?.unlessInput !== undefined && step.with.get(own.unlessInput)?.text?.trim();
  const upgrade = own && !unless ? findNpmUpgrades(own.command)[0] : undefined;
  if (uses && upgrade) add(upgrade, { file: uses.node.file, ...uses.node.span }, uses.name);
  if (!uses || !isLocalAction(uses.name)) return out;
  // The action's steps in the order they run, local composite actions it uses in turn followed
  // (`nestedActionViews`, as deep as the publish detection), up to the step that holds `before`.
  const readAction = (dir: string): YamlDocument | undefined => ctx.documents.find((d) => d.file === inDir(dir, 'action.yml') || d.file === inDir(dir, 'action.yaml'));
  const at: Location = { file: uses.node.file, ...uses.node.span };
  for (const view of nestedActionViews(readAction, step)) {
    const inner = view.actionStep;
    if (!inner) continue;
    // The step that holds `before`, or any later one of its file: the command's own step and what follows it.
    if (before && before.file === inner.file && comparePositions(before.start, inner.span.end) <= 0) break;
    const runNode = inner.get('run');
    if (!view.run || !runNode) continue;
    // A step of an action whose `if:` (or the `if:` of an action step that leads to it) can never
    // hold with the caller's inputs upgrades nothing; one tp-doctor cannot decide may not run.
    const conditions = [...(view.via ?? []), view].map((v) => actionStepRuns(v.actionStep?.get('if')?.text, v.actionInput ?? (() => undefined)));
    if (conditions.includes(false)) continue;
    const runs = conditions.find((c): c is string => typeof c === 'string');
    for (const u of findNpmUpgrades(view.run.text)) {
      add(u, at, uses.name, { file: runNode.file, ...runNode.span });
      if (runs !== undefined) out.at(-1)!.runsWhen = runs;
    }
  }
  return out;
}

/**
 * An upgrade whose spec is a literal `env:` value of the step, job or workflow, put in as GitHub
 * (`npm@${{ env.V }}`: `withLiteralEnv`) or the shell (`"npm@${V}"`, `npm@$V`: `withShellEnv`) does,
 * as `node-version: ${{ env.V }}` is read (KitsuneKode/kunai). Only a plain version or range; any
 * other value, or a name an earlier step or the script may change, leaves the spec as written.
 */
function withEnvSpec(step: Step, text: string, u: NpmUpgrade): NpmUpgrade {
  if (u.unknown !== undefined || !u.text.includes('$')) return u;
  const expanded = withLiteralEnv(step, u.text);
  const spec = expanded === u.text ? u.spec : (findNpmUpgrades(expanded)[0]?.spec ?? u.spec);
  const value = spec.includes('$') ? withShellEnv(step, spec, text.slice(0, u.offset)) : spec;
  return value !== u.spec && /^[\w.^~<>=*|-]+$/.test(value) ? { ...u, spec: value } : u;
}

/**
 * `corepack enable npm`: the shim runs the npm of the root package.json's `packageManager`
 * (`npm@11.6.2+sha512.…`); without one, Corepack's own default npm, and with another package
 * manager there, Corepack refuses npm: both unknown.
 */
function packageManagerNpm(ctx: NodeContext, upgrade: NpmUpgrade, dir: string | undefined = ''): NpmUpgrade {
  if (dir === undefined) return { ...upgrade, unknown: `"${upgrade.text}" puts Corepack's npm shim first, which runs the npm the nearest \`packageManager\` names from where npm runs, and tp-doctor cannot tell that directory` };
  // Corepack takes the nearest package.json up from where npm runs that names a package manager.
  const pm = packageManagerUp((d) => ctx.facts.packageAt(d), dir);
  if (pm?.name === 'npm') return { ...upgrade, spec: pm.spec };
  const why = pm === undefined ? 'package.json names no `packageManager`, so Corepack runs its own default npm' : `${pm.file}'s \`packageManager\` is "${pm.name}@${pm.spec}", not npm`;
  return { ...upgrade, unknown: `"${upgrade.text}" puts Corepack's npm shim first, and ${why}` };
}

/** A `corepack enable npm` upgrade read again for the directory the publish runs in. */
function atPublishDirectory(ctx: NodeContext, u: NpmUpgradeStep, step: Step, publish: PublishCommand): NpmUpgradeStep {
  const dir = publish.viaAction !== undefined ? publish.actionStep?.directory : commandDirectory(step, publish.match.offset, publish.directory);
  const { unknown: _unknown, ...written } = u.upgrade;
  const upgrade = packageManagerNpm(ctx, { ...written, spec: PACKAGE_MANAGER_SPEC }, dir);
  const entry: NpmUpgradeStep = { ...u, upgrade };
  delete entry.version;
  delete entry.toolchainPin;
  const version = resolveNpmSpec(upgrade.spec);
  if (version !== undefined) entry.version = version;
  if (upgrade.unknown === undefined) entry.toolchainPin = 'the `packageManager` of package.json';
  return entry;
}

/** The npm upgrades that run before a command of `step`: earlier steps, and earlier lines of its own `run:`. */
export function upgradesBefore(ctx: NodeContext, job: Job, step: Step, publish: PublishCommand): NpmUpgradeStep[] {
  // A Docker action that publishes in its own image: no upgrade of the job reaches that image's npm.
  if (step.uses !== undefined && actionImage(step.uses.name) !== undefined) return [];
  // An earlier step's npm put on `$GITHUB_PATH` counts from the next step on (./path-npm.ts), unless
  // a Node setup action runs after it: setup-node puts its Node's directory first on PATH again.
  const lastSetup = job.steps.slice(0, step.index).findLastIndex((s) => s.uses !== undefined && NODE_ACTIONS.has(s.uses.name.toLowerCase()));
  const out = job.steps.slice(0, step.index).flatMap((s) => [...stepNpmUpgrades(ctx, s), ...fileUpgradesOf(ctx, s), ...(s.index > lastSetup ? pathUpgrades(s) : [])]);
  if (step.run && publish.viaAction === undefined) {
    out.push(...stepNpmUpgrades(ctx, step).filter((u) => u.upgrade.offset < publish.match.offset));
  } else if (publish.viaAction !== undefined) {
    out.push(...stepNpmUpgrades(ctx, step, publish.location));
  } else if (step.run === undefined) {
    // A remote action that upgrades npm before its own publish.
    out.push(...stepNpmUpgrades(ctx, step));
  }
  out.push(...scriptUpgradesOf(step, publish));
  return withStepConditions(out, step);
}

/**
 * The upgrades of earlier steps read with their step's `if:` against the publishing step
 * (`runsWithPublish`): a step that can never run then upgrades nothing, one that may not run keeps
 * its condition (`runsWhen`). The publishing step's own commands run with it.
 */
function withStepConditions(upgrades: NpmUpgradeStep[], publishStep: Step): NpmUpgradeStep[] {
  const runs = new Map<Step, boolean | string>();
  const out: NpmUpgradeStep[] = [];
  for (const u of upgrades) {
    if (u.step === publishStep) {
      out.push(u);
      continue;
    }
    let reading = runs.get(u.step);
    if (reading === undefined) runs.set(u.step, (reading = runsWithPublish(u.step.node.get('if')?.text, publishStep)));
    if (reading === false) continue;
    // A copy: the `$GITHUB_PATH` upgrades of a step are shared by every publish (`pathUpgradesCache`).
    out.push(reading === true || u.runsWhen !== undefined ? u : { ...u, runsWhen: reading });
  }
  return out;
}

/** `pathUpgrades` per step: each publish of a job asks again for the steps before it. */
const pathUpgradesCache = new WeakMap<Step, NpmUpgradeStep[]>();

/** The npm a `run:` step installs into a prefix it puts on `$GITHUB_PATH`, as upgrades at the install. */
function pathUpgrades(step: Step): NpmUpgradeStep[] {
  const cached = pathUpgradesCache.get(step);
  if (cached) return cached;
  const found = readPathUpgrades(step);
  pathUpgradesCache.set(step, found);
  return found;
}

function readPathUpgrades(step: Step): NpmUpgradeStep[] {
  const node = step.run?.node;
  if (!step.run || !node) return [];
  return pathNpmUpgrades(step.run.text).map((upgrade) => {
    const entry: NpmUpgradeStep = { upgrade, step, location: { file: node.file, ...node.valueSpan(upgrade.offset, upgrade.end) } };
    const version = resolveNpmSpec(upgrade.spec);
    if (version !== undefined) entry.version = version;
    return entry;
  });
}

/** The upgrades inside the committed shell scripts the publish runs through (`scriptUpgradesBefore`). */
export function scriptUpgradesOf(step: Step, publish: PublishCommand): NpmUpgradeStep[] {
  return scriptUpgradesBefore(publish.match).map((u) => ({ ...u, step }));
}

/**
 * The answers of `npmAtPublish` by command: four rules and the readiness note ask for the same
 * publish, and each answer resolves the job's Node and reads every step before the command (issue
 * 17: each publish of the 846 bench workflows was answered twice). Kept as long as the command
 * (a WeakMap), and used for the same project, job and step only.
 */
const npmAtAnswers = new WeakMap<PublishCommand, { ctx: GithubNodeContext; job: Job; step: Step; ats: readonly NpmAtPublish<NpmUpgradeStep>[] }>();

/** The npm that runs a command of `step` (a publish, a `dist-tag`): one answer per distinct Node the job can have there. */
export function npmAtPublish(ctx: GithubNodeContext, job: Job, step: Step, publish: PublishCommand): NpmAtPublish<NpmUpgradeStep>[] {
  const known = npmAtAnswers.get(publish);
  if (known?.ctx === ctx && known.job === job && known.step === step) return [...known.ats];
  const ats = readNpmAtPublish(ctx, job, step, publish);
  npmAtAnswers.set(publish, { ctx, job, step, ats });
  return [...ats];
}

function readNpmAtPublish(ctx: GithubNodeContext, job: Job, step: Step, publish: PublishCommand): NpmAtPublish<NpmUpgradeStep>[] {
  // `corepack enable npm`: the `packageManager` Corepack reads is the nearest one up from where the publish runs.
  const upgrades = upgradesBefore(ctx, job, step, publish).map((u) => (u.upgrade.fromPackageManager === true ? atPublishDirectory(ctx, u, step, publish) : u));
  const viaNpx = publish.match.tool === 'npm' ? publish.match.pinnedVersion : undefined;
  const inside = publish.viaAction !== undefined ? publish.location : undefined;
  const match = publish.match;
  const command = {
    ...(step.run !== undefined && inside === undefined ? publishInShell(match) : {}),
    ...(publish.directory !== undefined ? { directory: publish.directory } : {}),
  };
  const guessed = refGuesses(job, step);
  return resolveStepNode(ctx, job, step, inside, command).map((resolved) => {
    const node = guessed.length === 0 ? resolved : onRefGuess(resolved, upgrades, guessed);
    const through = toolchainUpgrades(job, node, node.switched ? switchedUpgrades(node.switched, step, upgrades) : upgrades);
    if ('unknown' in through) return { node, source: 'upgrade', upgrade: through.upgrade, unknown: through.unknown };
    // Under `mise x node@24 --`, that Node's npm: the runner's `PATH` is read as the switch.
    const runs = node.switched?.runtime ? { ...match, pathShim: undefined } : match;
    return { node, ...npmAfter(node, through, viaNpx, runs) };
  });
}

/** The steps up to `step` that use an action of this repository named in full with a ref (`readFromRef`), with the action's directory. */
function refGuesses(job: Job, step: Step): { step: Step; dir: string; why: string }[] {
  const out: { step: Step; dir: string; why: string }[] = [];
  for (const s of job.steps.slice(0, step.index + 1)) {
    const why = readFromRef(s);
    const dir = why === undefined || s.uses === undefined ? undefined : localActionDir(job, s.uses.name);
    if (why !== undefined && dir !== undefined) out.push({ step: s, dir, why });
  }
  return out;
}

/**
 * A Node or an npm upgrade read from an action of this repository named with a ref
 * (`acme/pkg/.github/actions/x@main`) is read from the working tree, which that ref may not match:
 * the answer is `assumed` (findings on it are warnings at most).
 */
function onRefGuess(node: NodeResolution, upgrades: readonly NpmUpgradeStep[], guessed: readonly { step: Step; dir: string; why: string }[]): NodeResolution {
  if (node.assumed !== undefined) return node;
  const inDirOf = (file: string): { why: string } | undefined => guessed.find((g) => file.startsWith(`${g.dir}/`));
  const fromNode = node.origins.map((o) => inDirOf('file' in o.at ? o.at.file : '')).find((g) => g !== undefined);
  const fromUpgrade = guessed.find((g) => upgrades.some((u) => u.step === g.step));
  const why = fromNode?.why ?? fromUpgrade?.why;
  return why === undefined ? node : { ...node, assumed: why };
}

/**
 * The upgrades after a version manager's switch in the publishing shell (`upgradesAfterSwitch`):
 * those of the step's own `run:` after it and of the committed scripts on the way after it; the
 * npm the switch itself installs first.
 */
function switchedUpgrades(switched: NodeSwitched, step: Step, upgrades: NpmUpgradeStep[]): NpmUpgradeStep[] {
  const own: NpmUpgradeStep | undefined = switched.upgrade === undefined || !step.run ? undefined : { upgrade: switched.upgrade, step, location: { file: step.run.node.file, ...step.run.node.valueSpan(switched.upgrade.offset, switched.upgrade.end) } };
  return upgradesAfterSwitch<NpmUpgradeStep>(upgrades, switched, (u) => {
    if (u.viaIndex !== undefined) return { script: u.viaIndex, offset: u.upgrade.offset };
    return u.step === step && u.viaAction === undefined && u.viaScript === undefined && u.upgrade.viaPath !== true ? { offset: u.upgrade.offset } : 'before';
  }, switched.script === undefined ? own : undefined);
}

/** An `npm install -g npm@<spec>` typed in a `run:` step, which Volta's shim takes (`NodeToolchain.globalInstall`). */
export function typedGlobalInstall(u: NpmUpgradeStep): boolean {
  return u.step.run !== undefined && u.viaAction === undefined && u.viaScript === undefined && !u.upgrade.viaCorepack && u.upgrade.viaPath !== true;
}

/**
 * The upgrades that reach the npm of a Node a toolchain manager runs (Volta, `NodeResolution.toolchain`),
 * or of a job whose npm mise installs: its npm pin first, as an upgrade that cannot fail, then
 * those of the steps after it (the earlier ones changed another Node's npm); one Volta takes as
 * `volta install npm` (only once a default platform exists, `globalInstall` set: `./volta.ts`)
 * installs without an engine check, or, when a project's platform runs the command, does not
 * reach it (why, unknown); without a default platform npm runs it, engine check included; after mise's npm, one installed globally lands behind
 * it on `PATH` (unknown), one put first on `PATH` (`viaPath`) replaces it.
 */
function toolchainUpgrades(job: Job, node: NodeResolution, upgrades: NpmUpgradeStep[]): NpmUpgradeStep[] | { unknown: string; upgrade: NpmUpgradeStep } {
  const toolchain = node.toolchain;
  if (toolchain === undefined) return upgrades;
  // The step that set it up: its `uses:`, or that of the local action holding it (both are origins).
  const index = toolchain.step !== undefined
    ? job.steps.findIndex((s) => s.uses?.node === toolchain.step)
    : job.steps.findIndex((s) => s.uses !== undefined && node.origins.some((o) => o.at === s.uses!.node));
  const after = index < 0 ? upgrades : upgrades.filter((u) => u.step.index > index || (u.step.index === index && u.viaAction !== undefined));
  const ignored = toolchain.globalInstall === 'ignored' ? after.filter(typedGlobalInstall) : [];
  const last = ignored.at(-1);
  if (last) {
    const keeps = toolchain.npm ? `npm ${toolchain.npm.spec} of ${toolchain.npm.where}` : `the npm ${node.version === undefined ? 'its Node' : `Node ${node.version}`} bundles`;
    return { upgrade: last, unknown: `Volta runs "${last.upgrade.text}" as \`volta install npm\`, which changes its default npm, not that of the project "${toolchain.project ?? 'package.json'}", which keeps ${keeps}` };
  }
  const kept = toolchain.globalInstall === 'default' ? after.map((u) => (typedGlobalInstall(u) ? { ...u, upgrade: { ...u.upgrade, viaVolta: true } } : u)) : after;
  const step = job.steps[index];
  const late = toolchain.mise ? kept.at(-1) : undefined;
  const pinned = toolchain.npm?.where ?? toolchain.npmUnknown?.text;
  if (late && late.upgrade.viaPath !== true && pinned !== undefined) {
    return { upgrade: late, unknown: `mise puts the npm of ${pinned} first on PATH, and "${late.upgrade.text}" installs another npm into the Node's own directory, behind it: tp-doctor does not tell which one runs` };
  }
  if (step === undefined) return kept;
  const pin = toolchain.npm;
  const unread = toolchain.npmUnknown;
  if (unread !== undefined) {
    const location: Location = 'span' in unread.at ? { file: unread.at.file, ...unread.at.span } : unread.at;
    return { upgrade: { upgrade: { spec: '', offset: 0, end: 0, text: unread.text, force: false, viaCorepack: false, viaMise: true }, step, location, toolchainPin: unread.text }, unknown: unread.reason };
  }
  if (pin === undefined) return kept;
  const location: Location = 'span' in pin.at ? { file: pin.at.file, ...pin.at.span } : pin.at;
  const via = toolchain.mise ? { viaMise: true } : { viaVolta: true };
  const entry: NpmUpgradeStep = { upgrade: { spec: pin.spec, offset: 0, end: 0, text: pin.text, force: false, viaCorepack: false, ...via }, step, location, toolchainPin: pin.where };
  const version = resolveNpmSpec(pin.spec);
  if (version !== undefined) entry.version = version;
  return [entry, ...kept];
}
