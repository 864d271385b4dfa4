/**
 * The Node of a command of a GitHub `run:` step after the version managers of its shell
 * (../npm/node-switch.ts, ../data/node-managers.ts): a manager command before it in the step (or in
 * a committed script on its way, or the `mise exec node@<v> --` it runs under) decides it. Without
 * one, what earlier steps left may still change it. Each step is a new shell
 * (`bash --noprofile --norc -eo pipefail {0}`): an `nvm install 24` in an earlier step changed that
 * step's `PATH` only, so the later step runs the Node the setup actions put on `PATH`, for certain,
 * unless
 * - the earlier step ran a manager whose change outlives its shell on a `PATH` the later steps
 *   share (Volta's, asdf's, nodenv's or mise's shims, n's prefix), after the last Node setup
 *   action (which puts its own Node first again), or wrote a Node directory to `$GITHUB_PATH` or
 *   `PATH` / a manager's version variable to `$GITHUB_ENV`: the Node is unknown;
 * - it set a manager's default (`nvm install`, on nvm's first install, `nvm alias default`, fnm's)
 *   and the later step loads that manager (`source ~/.nvm/nvm.sh`, `eval "$(fnm env)"`, a login
 *   shell, `bash -l`, which reads the profile its installer extends): the Node is unknown;
 * - it, or the step itself before the command, installed Node from NodeSource (../npm/nodesource.ts)
 *   in a job container without a Node of its own: that Node. On a runner, whose own Node is in
 *   `/usr/local/bin`, before NodeSource's `/usr/bin` on `PATH`, or after a setup action, it changes nothing.
 */
import { LineIndex, type Location } from '../../yaml/span.js';
import { actionImage, NODE_ACTIONS } from '../data/node-actions.js';
import { NODE_DIRECTORY, NODE_VERSION_VARIABLES } from '../data/node-managers.js';
import { nodeResolution, NPM_OPEN_MAX, type NodeContext, type NodeResolution } from '../npm/node-version.js';
import { branchSwitch, containerNode, environmentNode, lineOf, earlierReason, managerCallsIn, reachingCall, runtimeCall, switchedNode, switchOnWay, viaShells, type CommandInShell, type SwitchContext } from '../npm/node-switch.js';
import { nodeSourceSteps, type NodeSourceStep } from '../npm/nodesource.js';
import type { ViaScript } from '../npm/publish-match.js';
import { githubEnvWrites } from './env-file.js';
import { evaluateCondition, evaluateValue, type ExpressionScope } from './expressions.js';
import { nodeDirectoriesAdded } from './path-npm.js';
import { downloadedNodeVersion } from './path-installs.js';
import { rawStepShell } from './steps.js';
import type { Job, Step } from './types.js';
import { commandDirectory } from './volta.js';

function locate(step: Step, via: readonly ViaScript[] | undefined, script: number | undefined, offset: number, end: number): Location {
  const file = script === undefined ? undefined : via?.[script];
  if (file !== undefined) return { file: file.script, ...new LineIndex(file.command).span(offset, end) };
  const node = step.run!.node;
  return { file: node.file, ...node.valueSpan(offset, end) };
}

/**
 * The Node at a command of `step` (`found`: what the setup steps give), after the managers of its
 * shell, else after what the earlier steps left (see the file's comment).
 */
export function withShellSwitches(ctx: NodeContext, job: Job, step: Step, found: NodeResolution, scope: ExpressionScope, command: CommandInShell): NodeResolution {
  if (!step.run || command.offset === undefined) {
    // An action that sets up its own Node, or runs in its own image, is not reached; another runs on the job's `PATH`.
    const uses = step.uses?.name.toLowerCase();
    if (uses !== undefined && (NODE_ACTIONS.has(uses) || actionImage(uses) !== undefined)) return found;
    return earlierChange(job, step, found, []) ?? found;
  }
  const run = step.run;
  const files = (directory: string | undefined): SwitchContext => ({
    versionFile: (file) => ctx.facts.nodeVersionFile(file),
    exists: (file) => ctx.fs.exists(file),
    directory,
    evaluate: (text) => {
      const value = evaluateValue(text, run.node, scope);
      return 'text' in value ? value : { unknown: 'unknown' in value ? value.unknown : 'empty' };
    },
  });
  // `docker run … node:20 npm publish`: the image's Node, whatever the job set up.
  if (command.image !== undefined) return containerNode(command.image, locate(step, undefined, undefined, command.offset, command.end ?? command.offset), { offset: command.offset, end: command.offset }, lineOf(run.text, command.offset, command.end));
  // `nix develop --command npm publish`: the environment's Node, which tp-doctor does not read.
  if (command.environment === true && command.runtime !== undefined) return environmentNode(command.runtime, locate(step, undefined, undefined, command.offset, command.end ?? command.offset));
  // `mise x node@24 -- npm publish`: the runner's Node, whatever ran before it.
  const runtime = command.runtime === undefined ? undefined : runtimeCall(command.runtime);
  if (runtime !== undefined) {
    const end = command.end ?? command.offset;
    const at = locate(step, undefined, undefined, command.offset, end);
    return switchedNode(runtime, at, found, files(commandDirectory(step, command.offset)), { offset: command.offset, end: command.offset, runtime: true });
  }
  const { state, script } = switchOnWay([{ text: run.text, offset: command.offset }, ...viaShells(command.via)]);
  const call = state.call ?? state.maybe;
  if (call !== undefined) {
    const at = locate(step, command.via, script, call.offset, call.end);
    const place = { ...(script !== undefined ? { script } : {}), offset: call.offset, end: call.end };
    if (state.call === undefined) return branchSwitch(call, at, place);
    const directory = script === undefined ? commandDirectory(step, call.offset) : undefined;
    return switchedNode(call, at, found, files(directory), place);
  }
  return earlierChange(job, step, found, state.loads, command.offset) ?? found;
}

/** A `shell:` that reads a profile: a login (`bash -l`, `--login`) or interactive (`-i`) shell. */
function readsProfile(step: Step): boolean {
  const words = rawStepShell(step)?.trim().split(/\s+/) ?? [];
  return words.slice(1).some((w) => w === '--login' || (/^-[a-zA-Z]+$/.test(w) && (w.includes('l') || w.includes('i'))));
}

function unknownFrom(step: Step, text: string, offset: number, end: number, why: string): NodeResolution {
  const node = step.run!.node;
  const at: Location = { file: node.file, ...node.valueSpan(offset, end) };
  return { unknown: why, origins: [{ label: `\`${text}\``, kind: 'command', at }] };
}

/**
 * The earlier step, latest first, that may have changed the Node this step runs (see the file's
 * comment): unknown, naming it; undefined when none did.
 */
function earlierChange(job: Job, step: Step, found: NodeResolution, shellLoads: readonly string[], offset?: number): NodeResolution | undefined {
  // Node from NodeSource (../npm/nodesource.ts), in a container without a Node of its own; its `nodejs` install may be in a later step.
  const fromNodeSource = nodeSourceSteps(found);
  // A step under an `if:` not always true may not run: its setup or install is not sure.
  const nodeSourceStep = (run: NonNullable<Step['run']>, conditional: boolean, before?: number): NodeSourceStep => ({
    text: run.text,
    locate: (c) => ({ file: run.node.file, ...run.node.valueSpan(c.offset, c.end) }),
    conditional,
    afterSetupAction: true,
    ...(before !== undefined ? { before } : {}),
  });
  const own = step.run === undefined ? undefined : fromNodeSource(nodeSourceStep(step.run, false, offset));
  if (own) return own;
  const before = job.steps.slice(0, step.index);
  const lastSetup = before.findLastIndex((s) => s.uses !== undefined && NODE_ACTIONS.has(s.uses.name.toLowerCase()));
  const loads = readsProfile(step) ? [...shellLoads, 'profile'] : shellLoads;
  const setUp = found.origins[0]?.label;
  for (let i = before.length - 1; i >= 0; i--) {
    const earlier = before[i]!;
    if (!earlier.run) continue;
    const text = earlier.run.text;
    const label = `step ${earlier.name === undefined ? i + 1 : `"${earlier.name}"`}`;
    const reached = reachingCall(text, i > lastSetup, loads);
    if (reached) return unknownFrom(earlier, reached.call.text, reached.call.offset, reached.call.end, earlierReason(label, reached, setUp));
    if (i <= lastSetup) continue;
    const installed = fromNodeSource(nodeSourceStep(earlier.run, evaluateCondition(earlier.node.get('if')?.text, undefined) !== true));
    if (installed) return installed;
    const added = nodeDirectoriesAdded(text)[0];
    const downloaded = added ? downloadedNodeVersion(text) : undefined;
    if (added && downloaded !== undefined) return downloadedNode(earlier, added, downloaded, label);
    if (added) return unknownFrom(earlier, added.text, added.offset, added.end, `the earlier ${label} adds "${added.dir}" to $GITHUB_PATH, which may put another Node first on PATH for the later steps`);
    // `PATH` naming a Node directory, or any `PATH` a step that ran a manager writes (`nvm use 24`, then `PATH=$PATH`).
    const managed = managerCallsIn(text).length > 0;
    const env = githubEnvWrites(text).find((w) => NODE_VERSION_VARIABLES.includes(w.name) || (w.name === 'PATH' && (managed || NODE_DIRECTORY.test(w.value))));
    if (env) return unknownFrom(earlier, `${env.name}=${env.value}`, env.offset, env.end, `the earlier ${label} writes \`${env.name}\` to $GITHUB_ENV, which may give the later steps another Node`);
  }
  return undefined;
}

/**
 * A Node release an earlier step downloads from nodejs.org and puts on `$GITHUB_PATH`: that Node,
 * with its bundled npm, when tp-doctor's table knows the release's line; unknown otherwise.
 */
function downloadedNode(step: Step, added: { dir: string; text: string; offset: number; end: number }, version: string, label: string): NodeResolution {
  const node = step.run!.node;
  const at: Location = { file: node.file, ...node.valueSpan(added.offset, added.end) };
  const res = nodeResolution({ version, spec: version }, [{ label: `\`${added.text}\``, kind: 'command', at }]);
  if (res.npm !== undefined && res.npm.max !== NPM_OPEN_MAX) return res;
  return unknownFrom(step, added.text, added.offset, added.end, `the earlier ${label} puts Node ${version} from nodejs.org on PATH through $GITHUB_PATH, a release whose bundled npm tp-doctor's table does not know`);
}
