/**
 * The Node of a GitLab publish after the version managers its shell runs before it
 * (../npm/node-switch.ts): GitLab runs a job's `before_script` and `script` lines in one shell
 * (`after_script` in another), so an `nvm install 24` on an earlier line counts, in a committed
 * script on the publish's way too. Jobs share no shell: no other job's command counts. Without a
 * manager, Node installed from NodeSource earlier in the shell is the Node of an image that has
 * none of its own (../npm/nodesource.ts).
 */
import type { Location } from '../../yaml/span.js';
import { LineIndex } from '../../yaml/span.js';
import type { NodeResolution } from '../npm/node-version.js';
import { branchSwitch, containerNode, environmentNode, lineOf, runtimeCall, switchedNode, switchOnWay, upgradesAfterSwitch, viaShells, type CommandInShell, type SwitchContext } from '../npm/node-switch.js';
import { nodeSourceSteps, type NodeSourceCommand } from '../npm/nodesource.js';
import { commandEnd, placeAt, scriptIndex } from '../npm/script-index.js';
import { directoryAt } from '../npm/shell-scope-walk.js';
import { joinDir } from '../npm/value-targets.js';
import type { GitlabNpmUpgrade } from './node.js';
import { shellScripts } from './publishes.js';
import type { GitlabJob, GitlabScriptLine } from './types.js';

/** The files a switch reads (`.nvmrc`), from the project. */
export type SwitchFiles = Pick<SwitchContext, 'versionFile' | 'exists'>;

/** The shell a script line is part of: its text and where the line starts in it. */
function shellOf(job: GitlabJob, line: number): { text: string; offset: number } {
  return shellScripts(job)[line] ?? { text: job.scripts[line]!.text, offset: 0 };
}

/** The lines of each shell of a job in order (`shellScripts`), and each line's index: built once per job. */
const linesOfJob = new WeakMap<GitlabJob, { shells: Map<string, number[]>; index: Map<GitlabScriptLine, number> }>();

function jobLines(job: GitlabJob): { shells: Map<string, number[]>; index: Map<GitlabScriptLine, number> } {
  let known = linesOfJob.get(job);
  if (known) return known;
  const shells = new Map<string, number[]>();
  for (const [i, shell] of shellScripts(job).entries()) {
    if (shell === undefined) continue;
    let lines = shells.get(shell.text);
    if (!lines) shells.set(shell.text, (lines = []));
    lines.push(i);
  }
  known = { shells, index: new Map(job.scripts.map((l, i) => [l, i])) };
  linesOfJob.set(job, known);
  return known;
}

/** The index of a script line of the job (-1 when it is none of them). */
export function lineIndex(job: GitlabJob, line: GitlabScriptLine): number {
  return jobLines(job).index.get(line) ?? -1;
}

/** The line of the same shell an offset of its text falls in, and the offset in that line (a binary search). */
function lineAt(job: GitlabJob, line: number, offset: number): { line: number; offset: number } {
  const shells = shellScripts(job);
  const text = shells[line]?.text;
  const lines = text === undefined ? undefined : jobLines(job).shells.get(text);
  if (lines === undefined) return { line, offset };
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (shells[lines[mid]!]!.offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const found = lines[lo]!;
  return { line: found, offset: offset - shells[found]!.offset };
}

function locate(job: GitlabJob, command: CommandInShell, line: number, script: number | undefined, offset: number, end: number): Location {
  const via = script === undefined ? undefined : command.via?.[script];
  if (via !== undefined) return { file: via.script, ...new LineIndex(via.command).span(offset, end) };
  const at = lineAt(job, line, offset);
  const node = job.scripts[at.line]!.node;
  return { file: node.file, ...node.valueSpan(at.offset, at.offset + end - offset) };
}

/** The Node at a command of script line `line` (`base`: the job's image), after the managers of its shell. */
export function gitlabCommandNode(job: GitlabJob, command: CommandInShell, line: number, base: NodeResolution, files: SwitchFiles | undefined): NodeResolution {
  if (line < 0 || command.offset === undefined) return base;
  const shell = shellOf(job, line);
  const whole = shell.offset + command.offset;
  const context = (offset: number, inShell: boolean): SwitchContext => {
    const index = scriptIndex(shell.text);
    const changes = index.directoryChanges.filter((c) => commandEnd(c) <= offset);
    const directory = inShell && files ? directoryAt('', changes, placeAt(index, offset), joinDir) : undefined;
    return { versionFile: files?.versionFile ?? (() => ({ unknown: 'not read' })), exists: files?.exists ?? (() => false), directory };
  };
  // `docker run … node:20 npm publish`: the image's Node, whatever the job's image is.
  if (command.image !== undefined) return containerNode(command.image, locate(job, command, line, undefined, whole, shell.offset + (command.end ?? command.offset)), { offset: whole, end: whole }, lineOf(shell.text, command.offset, command.end));
  if (command.environment === true && command.runtime !== undefined) return environmentNode(command.runtime, locate(job, command, line, undefined, whole, shell.offset + (command.end ?? command.offset)));
  const runtime = command.runtime === undefined ? undefined : runtimeCall(command.runtime);
  if (runtime !== undefined) {
    return switchedNode(runtime, locate(job, command, line, undefined, whole, shell.offset + (command.end ?? command.offset)), base, context(whole, true), { offset: whole, end: whole, runtime: true });
  }
  const { state, script } = switchOnWay([{ text: shell.text, offset: whole }, ...viaShells(command.via)]);
  const call = state.call ?? state.maybe;
  if (call === undefined) {
    // Node installed from NodeSource earlier in the shell, in an image without a Node of its own (../npm/nodesource.ts).
    // The job's rules decide whether the whole job, publish included, runs: no step of it is conditional.
    const at = (c: NodeSourceCommand): Location => locate(job, command, line, undefined, c.offset, c.end);
    return nodeSourceSteps(base)({ text: shell.text, locate: at, conditional: false, afterSetupAction: true, before: whole }) ?? base;
  }
  const at = locate(job, command, line, script, call.offset, call.end);
  const place = { ...(script !== undefined ? { script } : {}), offset: call.offset, end: call.end };
  if (state.call === undefined) return branchSwitch(call, at, place);
  return switchedNode(call, at, base, context(call.offset, script === undefined), place);
}

/** The upgrades of a GitLab job that reach the Node a switch chose (`upgradesAfterSwitch`). */
export function gitlabSwitchedUpgrades(job: GitlabJob, line: number, node: NodeResolution, upgrades: readonly GitlabNpmUpgrade[]): GitlabNpmUpgrade[] {
  const switched = node.switched;
  if (switched === undefined) return [...upgrades];
  const shells = shellScripts(job);
  const text = shellOf(job, line).text;
  const own = switched.upgrade === undefined || switched.script !== undefined ? undefined : ownUpgrade(job, line, switched.upgrade);
  return upgradesAfterSwitch<GitlabNpmUpgrade>(upgrades, switched, (u) => {
    if (u.viaIndex !== undefined) return { script: u.viaIndex, offset: u.upgrade.offset };
    const i = jobLines(job).index.get(u.line) ?? -1;
    if (i === line && shells[i] === undefined) return { offset: u.upgrade.offset };
    const shell = shells[i];
    return shell !== undefined && shell.text === text ? { offset: shell.offset + u.upgrade.offset } : 'before';
  }, own);
}

/** The npm the switch itself installs (nvm's `--latest-npm`), as an upgrade of the line it is on. */
function ownUpgrade(job: GitlabJob, line: number, upgrade: NonNullable<NodeResolution['switched']>['upgrade'] & object): GitlabNpmUpgrade {
  const at = lineAt(job, line, upgrade.offset);
  const scriptLine = job.scripts[at.line]!;
  const local = { ...upgrade, offset: at.offset, end: at.offset + upgrade.end - upgrade.offset };
  return { upgrade: local, line: scriptLine, location: { file: scriptLine.node.file, ...scriptLine.node.valueSpan(local.offset, local.end) } };
}
