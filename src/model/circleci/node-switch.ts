/**
 * The Node of a CircleCI publish after the version managers of its shell (../npm/node-switch.ts):
 * a manager command before it in its `run` step, or in a committed script on its way, or the
 * `mise x node@<v> --` it runs under. Each `run` step is a new non-login shell, which first sources
 * `$BASH_ENV`: without a switch in its own shell, an earlier step that ran a manager whose change
 * outlives its shell (shims, n's prefix) after the last `node/install`, or wrote a manager or a Node
 * directory into `$BASH_ENV` that it cannot resolve (./bash-env-node.ts reads a manager command
 * written there), leaves the Node unknown; a manager's default counts when the
 * publishing step loads that manager (`source ~/.nvm/nvm.sh`). Node installed from NodeSource in
 * the step or an earlier one is the Node of an image without one of its own (../npm/nodesource.ts).
 */
import { LineIndex, type Location } from '../../yaml/span.js';
import { NODE_DIRECTORY } from '../data/node-managers.js';
import type { NodeContext, NodeResolution, NodeSwitched } from '../npm/node-version.js';
import { branchSwitch, switchAt, containerNode, environmentNode, lineOf, earlierReason, reachingCall, runtimeCall, switchedNode, switchOnWay, upgradesAfterSwitch, viaShells, type CommandInShell, type SwitchContext } from '../npm/node-switch.js';
import { nodeSourceSteps, type NodeSourceStep } from '../npm/nodesource.js';
import { commandEnd, placeAt, scriptIndex } from '../npm/script-index.js';
import { directoryAt } from '../npm/shell-scope-walk.js';
import { joinDir } from '../npm/value-targets.js';
import { bashEnvNode } from './bash-env-node.js';
import { circleStepDirectory } from './checkout-dir.js';
import type { CircleNpmUpgradeAt } from './facts.js';
import { locate } from './run.js';
import type { CircleJob, CircleStep } from './types.js';

/** A line that writes to `$BASH_ENV` (`>> $BASH_ENV`, `tee -a "$BASH_ENV"`). */
const TO_BASH_ENV = /\$\{?BASH_ENV\b/;

function where(step: CircleStep, command: CommandInShell, script: number | undefined, offset: number, end: number): Location {
  const via = script === undefined ? undefined : command.via?.[script];
  if (via !== undefined) return { file: via.script, ...new LineIndex(via.command).span(offset, end) };
  return locate(step.run!.command, offset, end);
}

/** The Node at a command of `step` (`base`: the job's, from its image or `node/install`), after the managers of its shell, else of the earlier steps. */
export function circleCommandNode(job: CircleJob, step: CircleStep | undefined, command: CommandInShell, base: NodeResolution, files: NodeContext | undefined): NodeResolution {
  const run = step?.run;
  const offset = command.offset;
  if (step === undefined || run === undefined || offset === undefined) return base;
  const text = run.command.text;
  const context = (offset: number, inShell: boolean): SwitchContext => {
    const start = inShell ? circleStepDirectory(job, step) : undefined;
    const index = scriptIndex(text);
    const changes = index.directoryChanges.filter((c) => commandEnd(c) <= offset);
    const directory = start === undefined || files === undefined ? undefined : directoryAt(start, changes, placeAt(index, offset), joinDir);
    return { versionFile: (file) => files?.facts.nodeVersionFile(file) ?? { unknown: 'not read' }, exists: (file) => files?.fs.exists(file) ?? false, directory };
  };
  // `docker run … node:20 npm publish`: the image's Node, whatever the executor's is.
  if (command.image !== undefined) return containerNode(command.image, where(step, command, undefined, offset, command.end ?? offset), { offset, end: offset }, lineOf(text, offset, command.end));
  if (command.environment === true && command.runtime !== undefined) return environmentNode(command.runtime, where(step, command, undefined, offset, command.end ?? offset));
  const runtime = command.runtime === undefined ? undefined : runtimeCall(command.runtime);
  if (runtime !== undefined) return switchedNode(runtime, where(step, command, undefined, offset, command.end ?? offset), base, context(offset, true), { offset, end: offset, runtime: true });
  const { state, script } = switchOnWay([{ text, offset }, ...viaShells(command.via)]);
  const call = state.call ?? state.maybe;
  if (call === undefined) return earlierChange(job, step, base, state.loads, offset, files) ?? base;
  const at = where(step, command, script, call.offset, call.end);
  const place = { ...(script !== undefined ? { script } : {}), offset: call.offset, end: call.end };
  if (state.call === undefined) return branchSwitch(call, at, place);
  return switchedNode(call, at, base, context(call.offset, script === undefined), place);
}

/**
 * What changed the publishing step's Node before `offset`: a NodeSource install earlier in its own
 * shell, else the earlier `run` step, latest first, whose manager or `$BASH_ENV` write may have
 * changed it (unknown, naming it) or which installed Node from NodeSource (../npm/nodesource.ts).
 */
function earlierChange(job: CircleJob, step: CircleStep, base: NodeResolution, loads: readonly string[], offset: number, files: NodeContext | undefined): NodeResolution | undefined {
  // NodeSource (../npm/nodesource.ts); a step under `when:`/`unless:` may not run, so its setup or install is not sure.
  const fromNodeSource = nodeSourceSteps(base);
  const nodeSourceStep = (s: CircleStep, command: NonNullable<CircleStep['run']>['command'], afterSetupAction: boolean, before?: number): NodeSourceStep => ({
    text: command.text,
    locate: (c) => locate(command, c.offset, c.end),
    conditional: s !== step && s.conditional,
    afterSetupAction,
    ...(before !== undefined ? { before } : {}),
  });
  const own = step.run === undefined ? undefined : fromNodeSource(nodeSourceStep(step, step.run.command, true, offset));
  if (own) return own;
  // `echo 'nvm use 24' >> $BASH_ENV`: run as this step starts, after whatever the earlier steps left on disk (./bash-env-node.ts).
  const written = bashEnvNode(job, step, base, files);
  if (written) return written;
  const before = job.steps.slice(0, step.index);
  const lastInstall = before.findLastIndex((s) => s.kind === 'orb' && s.orb?.command === 'install' && /^circleci\/node@/.test(s.orb.ref ?? ''));
  for (let i = before.length - 1; i >= 0; i--) {
    const command = before[i]!.run?.command;
    if (command === undefined) continue;
    const label = `step ${i + 1}`;
    const unknown = (text: string, offset: number, end: number, why: string): NodeResolution => ({ unknown: why, origins: [{ label: `\`${text}\``, kind: 'command', at: locate(command, offset, end) }] });
    const reached = reachingCall(command.text, i > lastInstall, loads);
    if (reached) return unknown(reached.call.text, reached.call.offset, reached.call.end, earlierReason(label, reached, base.origins[0]?.label));
    const installed = fromNodeSource(nodeSourceStep(before[i]!, command, i > lastInstall));
    if (installed) return installed;
    let offset = 0;
    for (const line of command.text.split('\n')) {
      const start = offset;
      offset += line.length + 1;
      if (!TO_BASH_ENV.test(line) || !NODE_DIRECTORY.test(line.replace(TO_BASH_ENV, ''))) continue;
      return unknown(line.trim(), start, start + line.length, `the earlier ${label} writes \`${line.trim()}\`, which every later step sources from $BASH_ENV and which may give it another Node`);
    }
  }
  return undefined;
}

/** The upgrades of a CircleCI job that reach the Node a switch chose (`upgradesAfterSwitch`). */
export function circleSwitchedUpgrades(step: CircleStep | undefined, node: NodeResolution, upgrades: readonly CircleNpmUpgradeAt[], image?: string): CircleNpmUpgradeAt[] {
  const switched = node.switched;
  // A Node an earlier step's version manager or `$BASH_ENV` write may have changed (`earlierChange`): a `sudo`
  // upgrade runs the system's npm (sudo's `secure_path`), which may not be the one the publish runs.
  if (switched === undefined && node.unknown !== undefined && node.origins.some((o) => o.kind === 'command')) return upgrades.filter((u) => !u.sudo);
  if (switched === undefined || step?.run === undefined) return [...upgrades];
  if (switched.bashEnv !== undefined) return bashEnvUpgrades(step, switched, switched.bashEnv, upgrades, image);
  const own = switched.upgrade === undefined || switched.script !== undefined ? undefined : { upgrade: switched.upgrade, sudo: false, location: locate(step.run.command, switched.upgrade.offset, switched.upgrade.end), step };
  return upgradesAfterSwitch<CircleNpmUpgradeAt>(upgrades, switched, (u) => {
    if (u.viaIndex !== undefined) return { script: u.viaIndex, offset: u.upgrade.offset };
    return u.step === step && u.viaScript === undefined ? { offset: u.upgrade.offset } : 'before';
  }, own);
}

/**
 * The upgrades that reach a Node written to `$BASH_ENV` by the step of index `written.step`: those
 * of the publishing step, and of the steps after that one, unless their own shell switched to
 * another Node before them; in that step or before it, only those whose shell had switched to the
 * same version (`nvm install 20.19.0 && npm i -g npm@11`, then `echo 'nvm use 20.19.0' >>
 * $BASH_ENV`): the others upgraded the npm of the Node the job had then.
 */
function bashEnvUpgrades(step: CircleStep, switched: NodeSwitched, written: NonNullable<NodeSwitched['bashEnv']>, upgrades: readonly CircleNpmUpgradeAt[], image?: string): CircleNpmUpgradeAt[] {
  // `sudo npm install -g npm@…` runs with sudo's `PATH`: on CircleCI's `cimg/*` images its `secure_path`, the
  // system's, not the npm of a Node a manager keeps under the home directory (nvm, fnm…); `n` installs into
  // /usr/local, on that `PATH`. On another image whether sudo resets `PATH` is not known: the npm is unknown.
  const cimg = image !== undefined && /^cimg\//i.test(image);
  const kept = upgrades.flatMap((u): CircleNpmUpgradeAt[] => {
    const sudo = u.sudo && written.manager !== 'n';
    if (sudo && cimg) return [];
    if (!reachesWritten(step, written, u)) return [];
    if (!sudo) return [u];
    const why = `\`${u.upgrade.text}\` runs under sudo, and tp-doctor does not know whether sudo keeps the \`PATH\` of image "${image ?? 'unknown'}": it upgrades the npm of the Node ${written.manager} chose through $BASH_ENV, or the system's`;
    return [{ ...u, upgrade: { ...u.upgrade, unknown: why } }];
  });
  const upgrade = switched.upgrade;
  return upgrade === undefined ? kept : [{ upgrade, sudo: false, location: written.at, step }, ...kept];
}

/** True when the upgrade `u` runs with the Node written to `$BASH_ENV` (see `bashEnvUpgrades`). */
function reachesWritten(step: CircleStep, written: NonNullable<NodeSwitched['bashEnv']>, u: CircleNpmUpgradeAt): boolean {
  if (u.step === step) return true;
  const text = u.step.run?.command.text;
  const state = text === undefined || u.viaScript !== undefined ? undefined : switchAt(text, u.upgrade.offset);
  const own = state?.call ?? state?.maybe;
  if (own !== undefined) return written.spec !== undefined && 'spec' in own.ask && own.ask.spec.replace(/^v/i, '') === written.spec.replace(/^v/i, '');
  return u.step.index > written.step;
}

/**
 * The `sudo` npm upgrades before a publish whose Node an nvm (fnm…) line of `$BASH_ENV` chose, on a
 * `cimg/*` image: they upgrade the system's npm (sudo's `secure_path`), not that Node's, and do not count.
 */
export function circleIgnoredSudo(step: CircleStep | undefined, node: NodeResolution, upgrades: readonly CircleNpmUpgradeAt[], image?: string): CircleNpmUpgradeAt | undefined {
  const written = node.switched?.bashEnv;
  if (step?.run === undefined || written === undefined || written.manager === 'n' || image === undefined || !/^cimg\//i.test(image)) return undefined;
  return upgrades.findLast((u) => u.sudo && reachesWritten(step, written, u));
}
