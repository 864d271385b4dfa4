/**
 * A Node version manager run in the publishing shell before the publish (`nvm install 24`, `fnm
 * use`, `n 24`, `volta install node@24`, `asdf set nodejs 24`, `mise use node@24`; the facts are
 * in ../data/node-managers.ts) changes the Node, and so the npm, that the publish runs: the Node a
 * setup action or an image gave the job is no longer the one to judge. This file reads those
 * commands from a shell text (`switchAt`: what holds at a command, through the script's branches
 * like a `cd`, ./shell-scope-walk.ts) and turns the one in effect into a `NodeResolution`
 * (`switchedNode`): a version it names exactly (a major, a release, `lts/<codename>`, a version
 * file it reads), else unknown, never the Node before it. Each provider places it
 * (../github/node-switch.ts, ../gitlab/node-switch.ts, ../circleci/node-switch.ts), and keeps only
 * the npm upgrades after it (`upgradesAfterSwitch`): those before it upgraded another Node's npm.
 */
import { inDir } from '../../fs/paths.js';
import type { Location } from '../../yaml/span.js';
import { hubImageName } from '../data/image-mirrors.js';
import { findNpmUpgrades } from './publish-commands.js';
import { LTS_LINES } from '../data/node-releases.js';
import { frozenNodeImage, parseKnownNodeImage } from './node-images.js';
import { checkSpec, managerCallsIn, managerCommandsIn, type ManagerCall } from './manager-commands.js';
import type { NpmUpgrade } from './npm-commands.js';
import type { ViaScript } from './publish-types.js';
import { nodeResolution, resolveNodeSpec, type NodeOrigin, type NodeResolution, type NodeSwitched } from './node-version.js';
import type { VersionFileResult } from './node-version-file.js';
import { commandEnd, placeAt, scriptIndex } from './script-index.js';
import { ScopeWalk } from './shell-scope-walk.js';
import type { ShellCommand } from './shell-command.js';

export { managerCallsIn, runtimeCall, type ManagerCall } from './manager-commands.js';

/**
 * What holds at a command of a shell: the manager call that decides its Node (`call`), one that
 * may or may not have run before it (`maybe`: in a branch, a loop), and the managers the shell
 * loaded (`loads`, for the default an earlier step left).
 */
export interface SwitchState {
  call?: ManagerCall;
  maybe?: ManagerCall;
  loads: readonly string[];
}

const NOTHING: SwitchState = { loads: [] };

function joinStates(a: SwitchState, b: SwitchState): SwitchState {
  const loads = [...new Set([...a.loads, ...b.loads])];
  if (a.call === b.call && a.maybe === b.maybe) return loads.length === b.loads.length ? b : { ...b, loads };
  const maybe = b.call ?? b.maybe ?? a.call ?? a.maybe;
  return { ...(maybe ? { maybe } : {}), loads };
}

/** A call changes this shell's Node when it reaches its later commands (`reach` other than `default` alone). */
function switchesShell(call: ManagerCall): boolean {
  return !('none' in call.ask) && call.command.reach.some((r) => r !== 'default');
}

/** `||` right after a command (spaces and tabs between). */
const ORS_AFTER = /^[ \t]*\|\|/;

/**
 * True when a manager command may fail or be skipped while the script goes on to the command at
 * `offset`: it is followed by `||`, or it is nested (after `&&`/`||`, in a pipeline, group or
 * subshell) and that command does not follow it in the same `&&` chain on its line.
 */
function mayFail(text: string, cmd: ShellCommand, offset: number): boolean {
  const end = commandEnd(cmd);
  if (ORS_AFTER.test(text.slice(end, end + 64))) return true;
  if (cmd.nested !== true) return false;
  const between = offset - end <= 2000 ? text.slice(end, offset) : '\n';
  return between.includes('\n') || between.includes(';') || between.includes('|') || !between.includes('&&');
}

/** What holds at the command starting at `offset` of `text`, after the manager commands before it. */
export function switchAt(text: string, offset: number): SwitchState {
  const found = managerCommandsIn(text);
  if (found.length === 0) return NOTHING;
  const walk = new ScopeWalk<SwitchState>(NOTHING, joinStates);
  for (const { cmd, call, load } of found) {
    if (commandEnd(cmd) > offset) break;
    walk.step(cmd, (s) => {
      // After `&&`/`||`, in a pipeline, group or subshell, or followed by `||` (`nvm use 22 || true`,
      // `command -v nvm && nvm use 22`): the call may fail or not run, and the script go on.
      // Unless the command it is asked for follows it in the same `&&` chain: that one runs only after it.
      if (call && switchesShell(call)) return mayFail(text, cmd, offset) ? { maybe: call, loads: s.loads } : { call, loads: s.loads };
      if (load && !s.loads.includes(load.load)) return { ...s, loads: [...s.loads, load.load] };
      return s;
    });
  }
  return walk.at(placeAt(scriptIndex(text), offset));
}

/**
 * A manager call of an earlier step (its own shell) that reaches a later step: through the `PATH`
 * they share (shims, a prefix), when it runs after the last Node setup (`afterSetup`), or as a
 * default the later shell loads (`loads`: from `switchAt`, plus `profile` for a login shell).
 */
export function reachingCall(text: string, afterSetup: boolean, loads: readonly string[]): { call: ManagerCall; how: 'path' | 'default' } | undefined {
  for (const call of managerCallsIn(text)) {
    const reach = call.command.reach;
    if (afterSetup && reach.some((r) => r === 'shims' || r === 'prefix')) return { call, how: 'path' };
    if (reach.includes('default') && (loads.includes(call.command.manager) || loads.includes('profile'))) return { call, how: 'default' };
  }
  return undefined;
}

/** Why the Node is unknown after `reachingCall` found `call` in the earlier step `label` (`setUp`: the origin of the Node before it). */
export function earlierReason(label: string, found: { call: ManagerCall; how: 'path' | 'default' }, setUp: string | undefined): string {
  const { call, how } = found;
  const manager = call.command.manager;
  if (how === 'default') return `the earlier ${label} runs \`${call.text}\`, which can make that Node ${manager}'s default, and this step loads ${manager} (or a shell profile that may), which then switches to that default`;
  const over = setUp === undefined ? '' : `, over ${setUp}`;
  return `the earlier ${label} runs \`${call.text}\`, which changes the Node of the later steps where ${manager}'s ${call.command.reach.includes('prefix') ? 'prefix comes' : 'shims come'} first on PATH${over}, and tp-doctor does not tell whether they do`;
}

/** One shell text on the way to the publish: the CI file's (`script` undefined), or the committed script `script` of `PublishMatch.via`. */
export interface ShellOnWay {
  text: string;
  offset: number;
  script?: number;
}

/** The manager call in effect at the publish, through the shells on its way (the innermost one that switches wins), with the loads of all. */
export function switchOnWay(shells: readonly ShellOnWay[]): { state: SwitchState; script?: number } {
  let out: { state: SwitchState; script?: number } = { state: NOTHING };
  const loads = new Set<string>();
  for (const shell of shells) {
    const state = switchAt(shell.text, shell.offset);
    for (const l of state.loads) loads.add(l);
    if (state.call || state.maybe) out = { state, ...(shell.script !== undefined ? { script: shell.script } : {}) };
  }
  return { ...out, state: { ...out.state, loads: [...loads] } };
}

/** Where a command stands in its shell, for the managers before it: its offset and end in the CI file's text, the committed scripts on its way, the runner it runs under. */
export interface CommandInShell {
  offset?: number;
  end?: number;
  via?: readonly ViaScript[];
  /** `PublishMatch.pathShim.path` when it holds `runtime` (`mise x node@24 --`). */
  runtime?: string;
  /** `runtime` is an environment manager's (`nix develop --command`, `PathShim.environment`): its Node is the environment's (`environmentNode`). */
  environment?: true;
  /** The image of the container it runs in (`docker run … node:20 npm publish`: `PathShim.container`). */
  image?: string;
}

/** A publish match as a `CommandInShell`. */
export function publishInShell(match: { offset: number; end: number; via: readonly ViaScript[]; pathShim?: { path: string; holds?: string; environment?: true } }): CommandInShell {
  const shim = match.pathShim;
  const environment = shim?.holds === 'runtime' && shim.environment === true ? { environment: true as const } : {};
  return { offset: match.offset, end: match.end, via: match.via, ...(shim?.holds === 'runtime' ? { runtime: shim.path, ...environment } : {}), ...(shim?.holds === 'image' ? { image: shim.path } : {}) };
}

/**
 * The Node of a command an environment manager runs (`nix develop --command …`, `devbox run …`:
 * ../data/environment-runs.ts): the environment's, or the job's when it provides none, which
 * tp-doctor does not read: unknown. The npm is the environment's too (`PathShim.environment`).
 */
export function environmentNode(runtime: string, at: Location): NodeResolution {
  return { unknown: `the command runs in the environment \`${runtime}\` sets up, with the Node it provides, not the job's`, origins: [{ label: `\`${runtime}\``, kind: 'command', at }] };
}

/**
 * The Node of a command run in a container (`docker run … node:20 npm publish`, `CommandInShell.image`):
 * the image's, whatever the job set up (`switched.runtime`: no upgrade of the job reaches it);
 * unknown for an image tp-doctor cannot map to a Node (../data/image-mirrors.ts, ./node-images.ts).
 */
export function containerNode(image: string, at: Location, place: Omit<NodeSwitched, 'upgrade' | 'runtime'>, line?: string): NodeResolution {
  const origin: NodeOrigin = { label: `container image "${image}" the command runs in`, kind: 'container', at };
  const switched: NodeSwitched = { ...place, runtime: true };
  // `sh -c "npm i -g npm@11 && npm publish"` in the container: its own upgrade, which the job's
  // upgrades do not stand for and tp-doctor does not follow there (nor on the same line before it).
  const upgrade = line === undefined ? undefined : upgradeOnLine(line);
  if (upgrade !== undefined) return { unknown: `the command runs in a container of image "${image}", and "${upgrade.text}" on its line may upgrade the npm there, which tp-doctor does not follow`, origins: [origin], switched };
  const named = hubImageName(image);
  if (/[$`]/.test(named)) return { unknown: `the command runs in a container of image "${image}", which tp-doctor cannot read`, origins: [origin], switched };
  const frozen = frozenNodeImage(named);
  if (frozen !== undefined) return { unknown: frozen, origins: [origin], switched };
  const spec = parseKnownNodeImage(named);
  if (spec === undefined) return { unknown: `the command runs in a container of image "${image}", which is not a \`node\` image tp-doctor knows: its Node and npm are unknown`, origins: [origin], switched };
  return { ...nodeResolution(resolveNodeSpec(spec), [origin]), switched };
}

/** An npm upgrade anywhere on a command line, inside a container's `sh -c "…"` too (quotes dropped, each command word tried as a start). */
function upgradeOnLine(line: string): { text: string } | undefined {
  const plain = line.replace(/["'\\]/g, ' ');
  for (const m of plain.matchAll(/(?:^|[\s;&|(])(?=(?:sudo|npm|npx|corepack|pnpm|yarn|volta)\s)/g)) {
    const found = findNpmUpgrades(plain.slice(m.index + m[0].length))[0];
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The text of the line that holds a command, from its start up to the command's end (`docker run … sh -c "…"` whole). */
export function lineOf(text: string, offset: number, end: number | undefined): string {
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, Math.max(end ?? offset, offset));
}

/** The committed scripts on a publish's way (`PublishMatch.via`), each cut at the command of it that leads there. */
export function viaShells(via: readonly ViaScript[] | undefined): ShellOnWay[] {
  return (via ?? []).flatMap((v, script) => (v.file === true && v.publishAt !== undefined ? [{ text: v.command, offset: v.publishAt.offset, script }] : []));
}

/** The Node after a manager call that may or may not have run (`SwitchState.maybe`): unknown. */
export function branchSwitch(call: ManagerCall, at: Location, place: Omit<NodeSwitched, 'upgrade'>): NodeResolution {
  const why = `\`${call.text}\` before it runs in a branch or loop that may not run, so the Node is the one it switches to or the one before`;
  return { unknown: why, origins: [{ label: `\`${call.text}\``, kind: 'command', at }], switched: place };
}

/** What the provider gives to resolve a switch: the files it reads, the directory it runs in, and an evaluator of `${{ }}` in a version. */
export interface SwitchContext {
  versionFile(file: string): VersionFileResult;
  exists(file: string): boolean;
  /** The repository directory of the command; undefined when unknown. */
  directory: string | undefined;
  /** A GitHub expression in the version (`nvm install ${{ matrix.node }}`), evaluated; undefined elsewhere. */
  evaluate?: (text: string) => { text: string; origins: NodeOrigin[] } | { unknown: string };
}

/** A version a manager names exactly: a release line (`24`, `24.x`, `v24.1`), a release, or `lts/<codename>`. */
const EXACT = /^v?\d{1,4}(?:\.\d{1,6}){0,2}(?:\.x)?$/i;

function exactEnough(spec: string): boolean {
  const lower = spec.trim().toLowerCase();
  if (EXACT.test(lower)) return true;
  const lts = /^lts\/([a-z]+)$/.exec(lower);
  return lts !== null && LTS_LINES.some((l) => l.codename === lts[1]);
}

/** Why a switch that is not certain is taken (`NodeResolution.assumed`), by manager. */
const TAKEN: Record<string, string> = {
  fnm: 'fnm switches the shell to the Node it installs only when it is the first one, which fnm makes its default',
  n: 'n installs it into N_PREFIX, which is taken to come first on PATH',
  volta: "Volta's shims run it where they come first on PATH and no package.json pins another",
  asdf: "asdf's shims run it where they come first on PATH and no .tool-versions closer to the command names another",
  nodenv: "nodenv's shims run it where they come first on PATH and no .node-version closer to the command names another",
  mise: "mise's shims run it where they come first on PATH and no mise configuration closer to the command names another",
  npmci: "npmci installs it with nvm and makes it nvm's default, which npmci's later commands load; this takes the image to have nvm and the command to run that Node",
};

/** The version file a call reads in `dir` (and above, `upward`): the first that exists. */
function findVersionFile(files: { names: readonly string[]; upward: boolean }, ctx: SwitchContext): string | undefined {
  let dir: string | undefined = ctx.directory;
  for (let depth = 0; dir !== undefined && depth < 64; depth++) {
    for (const name of files.names) {
      const file = inDir(dir, name);
      if (ctx.exists(file)) return file;
    }
    if (!files.upward || dir === '') return undefined;
    const slash = dir.lastIndexOf('/');
    dir = slash < 0 ? '' : dir.slice(0, slash);
  }
  return undefined;
}

/**
 * The Node after `call` (written at `at`), for a command that ran with `prior` before it. A version
 * it names exactly, or reads from its version file, resolves; anything else is unknown with the
 * reason. `n` after a setup action's Node (whose directory comes first on `PATH`) is unknown too.
 */
export function switchedNode(call: ManagerCall, at: Location, prior: NodeResolution, ctx: SwitchContext, place: Omit<NodeSwitched, 'upgrade'>): NodeResolution {
  const ask = call.ask;
  const origin: NodeOrigin = { label: `\`${call.text}\``, kind: 'command', at, ...('spec' in ask ? { command: { text: call.text, spec: ask.spec } } : {}) };
  const upgrade = switchUpgrade(call);
  const switched: NodeSwitched = { ...place, ...(upgrade ? { upgrade } : {}) };
  const unknown = (why: string, origins: NodeOrigin[] = [origin]): NodeResolution => ({ unknown: why, origins, switched });
  if ('none' in ask) return prior;
  if ('unknown' in ask) return unknown(ask.unknown);
  if (call.command.reach.includes('prefix') && prior.origins.some((o) => o.kind === 'input' || o.kind === 'action')) {
    return unknown(`\`${call.text}\` before it installs a Node into N_PREFIX (/usr/local by default), which comes after the directory of the Node the job set up (${prior.origins[0]!.label}) on PATH unless the script puts it first, so which one runs is not known`);
  }
  let res: NodeResolution;
  if ('files' in ask) {
    const file = findVersionFile(ask.files, ctx);
    const names = ask.files.names.join(' or ');
    if (ctx.directory === undefined) return unknown(`\`${call.text}\` before it reads the Node version from ${names} where it runs, and tp-doctor cannot tell that directory`);
    if (file === undefined) return unknown(`\`${call.text}\` before it reads the Node version from ${names}, which is not in the repository where it runs`);
    const read = ctx.versionFile(file);
    if ('unknown' in read) return unknown(`\`${call.text}\` before it reads ${file}: ${read.unknown.replace(/^its `node-version-file` /, '')}`);
    const fileOrigin: NodeOrigin = { label: read.label, kind: 'file', at: read.at };
    if (!exactEnough(read.spec)) return unknown(`\`${call.text}\` before it switches to "${read.spec}" (${read.label}), which names no one Node version tp-doctor can pin`, [fileOrigin, origin]);
    res = nodeResolution(resolveNodeSpec(read.spec), [fileOrigin, origin]);
  } else {
    const value = ask.spec.includes('${{') ? (ctx.evaluate?.(ask.spec) ?? { unknown: `"${ask.spec}"` }) : { text: ask.spec, origins: [] };
    if ('unknown' in value) return unknown(`\`${call.text}\` before it switches to a Node version tp-doctor cannot evaluate`);
    const checked = checkSpec(call.command, value.text, call.text);
    if (checked && 'unknown' in checked) return unknown(checked.unknown);
    if (!exactEnough(value.text)) return unknown(`\`${call.text}\` before it switches to "${value.text}", which names no one Node version tp-doctor can pin`);
    res = nodeResolution(resolveNodeSpec(value.text), [...value.origins, origin]);
  }
  if (res.unknown !== undefined) return { ...res, unknown: `\`${call.text}\` before it switches to a Node version tp-doctor cannot resolve (${res.unknown})`, switched };
  if (!call.command.certain) res.assumed = `\`${call.text}\` is taken to switch the publish to ${res.spec === undefined ? 'that Node' : `Node "${res.spec}"`}: ${TAKEN[call.command.manager] ?? 'it is not certain'}`;
  return { ...res, switched };
}

/** An upgrade's place for `upgradesAfterSwitch`: in a shell on the publish's way (`script` as in `ShellOnWay`) at an offset, or before every one of them. */
export type UpgradePlace = { script?: number; offset: number } | 'before';

/**
 * The npm upgrades that reach the Node a switch chose: those after it in the same shell, and those
 * of the committed scripts it runs after it (an upgrade before it changed another Node's npm);
 * the npm the switch itself installs (`NodeSwitched.upgrade`) first.
 */
export function upgradesAfterSwitch<U extends { upgrade: NpmUpgrade }>(upgrades: readonly U[], switched: NodeSwitched, placeOf: (u: U) => UpgradePlace, own?: U): U[] {
  const kept = upgrades.filter((u) => {
    const place = placeOf(u);
    if (place === 'before') return false;
    const script = place.script ?? -1;
    const at = switched.script ?? -1;
    return script > at || (script === at && place.offset >= switched.end);
  });
  return own === undefined ? kept : [own, ...kept];
}

/** The upgrade an npm option of the switch runs (nvm's `--latest-npm`: `npm install -g npm`, the newest npm the Node's engines take). */
export function switchUpgrade(call: ManagerCall): NpmUpgrade | undefined {
  if (call.npmFlag === undefined && call.command.upgradesNpm !== true) return undefined;
  return { spec: '', offset: call.offset, end: call.end, text: call.text, force: false, viaCorepack: false };
}
