/**
 * Command runners (`npx`, `pnpm exec`, `yarn dlx`, `node node_modules/.bin/x`): peels the runner
 * off a command, noting the versions it pins and whether it points at other packages.
 */
import { COMMAND_RUNNERS, LAUNCHER_SCRIPTS, PACKAGE_BINS, type CommandRunner, type ForeachFlags, type WorkspaceRunFlags } from '../data/publish-tools.js';
import { parsePackageSpec, selectPackages, singleSelector, skipGlobalFlags, startsWithAt, type PackageSelection } from './command-words.js';
import { splitOption } from './shell.js';
import { shellQuote } from './shell-words.js';
import { basenameOf } from '../../fs/paths.js';
import type { ContainerEnvFlags } from '../data/container-runs.js';
import type { ContainerRun } from './publish-types.js';
import { environmentCommand } from './environment-runs.js';

/** Versions pinned by runners, by bin: `npx lerna@8 publish` → { lerna: '8' }. */
export type Pins = Record<string, string>;

/** What `yarn workspaces foreach` options select (`ForeachFlags`): glob patterns on a workspace's name or path. */
export interface ForeachSelection {
  include: string[];
  exclude: string[];
  noPrivate: boolean;
  /** `--since`: only the workspaces changed since a ref, which the files do not say. */
  since?: true;
  /** The patterns match package names only, `*` within one `/`-separated part (lerna's `--scope`, multimatch). */
  namesOnly?: true;
}

export interface RunnerHit {
  rest: string[];
  pins: Pins;
  otherPackages: boolean;
  /** The one package the command runs in, when the runner names it literally (`yarn workspace app`). */
  target?: string;
  /** `npx -c '<command>'`. */
  command?: string;
  /**
   * A shell given a script file (`sh ./scripts/x.sh publish`, `bash -e ci/release`): `rest` is that
   * file and its arguments, which the shell reads as a script, not a bin to look up.
   */
  shell?: true;
  /** The directory the runner runs the command in (`mise -C packages/a x -- …`), as written. */
  cd?: string;
  /**
   * The runner's words up to `--` when its tools name a Node (`mise x node@22 --`), or up to the
   * command of an environment manager (`nix develop --command`, ../data/environment-runs.ts): that
   * Node, and its npm, run the command.
   */
  runtime?: string;
  /** `runtime` is an environment manager's (`nix develop --command`), not a tool runner's that names a Node. */
  environment?: true;
  /** The environment manager clears the environment but for these variables (`nix develop -i -k VAR`: ./environment-runs.ts `keptEnv`). */
  keptEnv?: string[];
  /** The workspaces a `yarn workspaces foreach` runs the rest in (`CommandRunner.foreach`); absent when its options cannot be read. */
  foreach?: ForeachSelection;
  /**
   * The workspaces npm's exec runs the rest in when its workspace options name no one package
   * literally (`npx -ws x`, `npx -w a -w b x`, `npm -w "$WS" exec x`: `CommandRunner.workspaces`),
   * read against the repository's workspaces as `npm run x` reads them (./workspace-runs.ts `execInWorkspaces`).
   */
  workspaces?: { source: WorkspaceRunFlags['source']; names: string[] };
  /** A container runner's container (`docker run … node:20 npm publish`): its image runs `rest`, not the job's Node. */
  container?: ContainerRun;
}

/** The bins of the shells among the runners (`CommandRunner.shellOptions`): `sh`, `bash`, `zsh`, `dash`. */
export const SHELL_RUNNER_BINS: ReadonlySet<string> = new Set(COMMAND_RUNNERS.filter((r) => r.shellOptions).map((r) => r.bin));

/** The bin whose `-exec` runs a command (`findExec`). */
export const EXEC_RUNNER = 'find';

/**
 * The runners of each bin, in table order: `matchRunner` is asked for nearly every command read
 * (each hop of the publish walk, the dist-tag, registry and token scans), and most bins run nothing.
 */
const RUNNERS_BY_BIN: ReadonlyMap<string, readonly CommandRunner[]> = (() => {
  const byBin = new Map<string, CommandRunner[]>();
  for (const runner of COMMAND_RUNNERS) {
    const list = byBin.get(runner.bin);
    if (list) list.push(runner);
    else byBin.set(runner.bin, [runner]);
  }
  return byBin;
})();

export function matchRunner(words: string[], bin: string): RunnerHit | undefined {
  if (bin === EXEC_RUNNER) return findExec(words);
  for (const runner of RUNNERS_BY_BIN.get(bin) ?? []) {
    const globals = skipGlobalFlags(words, 1, bin);
    for (const sub of runner.subcommands) {
      let hit: RunnerHit | undefined;
      if (sub.length === 0) hit = parseRunner(runner, words, 1);
      else if (startsWithAt(words, globals.index, sub)) hit = withLeadingPins(runner, words.slice(1, globals.index), parseRunner(runner, words, globals.index + sub.length, globals));
      if (!hit) continue;
      if (!runner.binFromPath) return hit;
      const file = hit.rest[0];
      const packageBin = file === undefined ? undefined : binOfPath(file);
      if (packageBin !== undefined) return { ...hit, rest: [packageBin, ...hit.rest.slice(1)] };
    }
  }
  return undefined;
}

/**
 * A runner's package option written before its subcommand (`pnpm --package=semantic-release@25 dlx
 * semantic-release`: pnpm reads its options anywhere on the line; testing-library/svelte-testing-library):
 * its pin, unless one after the subcommand names the same bin.
 */
function withLeadingPins(runner: CommandRunner, before: readonly string[], hit: RunnerHit): RunnerHit {
  if (runner.packageFlags === undefined || before.length === 0) return hit;
  const pins: Pins = {};
  for (let i = 0; i < before.length; i++) {
    const { name, inline } = splitOption(before[i]!);
    if (!runner.packageFlags.includes(name)) continue;
    const value = inline ?? before[++i];
    const spec = value === undefined ? undefined : parsePackageSpec(value);
    if (spec?.version !== undefined) pins[spec.bin] = spec.version;
  }
  return Object.keys(pins).length === 0 ? hit : { ...hit, pins: { ...pins, ...hit.pins } };
}

/**
 * `find . -name '*.tgz' -exec npm publish --provenance {} \;` (middyjs/middy): the command of its
 * first `-exec`/`-execdir`, up to `;` or `+`, run once per file found (its `{}` a path tp-doctor
 * cannot see, as under `xargs`).
 */
function findExec(words: readonly string[]): RunnerHit | undefined {
  const at = words.findIndex((w) => w === '-exec' || w === '-execdir');
  if (at < 0) return undefined;
  const end = words.findIndex((w, i) => i > at && (w === ';' || w === '+'));
  const rest = words.slice(at + 1, end < 0 ? undefined : end);
  return rest.length > 0 ? { rest, pins: {}, otherPackages: false } : undefined;
}

/**
 * `node_modules/.bin/changeset` → `changeset`; `node_modules/@changesets/cli/bin.js` → `changeset`;
 * `common/scripts/install-run-rush.js` → `rush` (`LAUNCHER_SCRIPTS`).
 */
function binOfPath(file: string): string | undefined {
  const script = basenameOf(file);
  if (Object.hasOwn(LAUNCHER_SCRIPTS, script)) return LAUNCHER_SCRIPTS[script];
  const m = /(?:^|\/)node_modules\/(?:\.bin\/([^/]+)$|((?:@[^/]+\/)?[^/.@][^/]*)\/)/.exec(file);
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1];
  const name = m[2] ?? '';
  return PACKAGE_BINS[name] ?? name.slice(name.lastIndexOf('/') + 1);
}

/**
 * A shell's words after its name (`CommandRunner.shellOptions`): the command string of `-c` (also
 * combined, `-xc`, `-ec`, before or after other options), else the script file and its arguments.
 * Long options (`--norc`, `--login`) take no value, except `--rcfile`/`--init-file`.
 */
function parseShell(words: string[], from: number): RunnerHit {
  let i = from;
  let command = false;
  while (i < words.length) {
    const word = words[i]!;
    if (word === '--' || word === '-') {
      i++;
      break;
    }
    if (word === '--rcfile' || word === '--init-file') i += 2;
    else if (/^--[a-z-]+$/.test(word)) i++;
    else if (/^[-+][A-Za-z]+$/.test(word)) {
      if (word.startsWith('-') && word.includes('c')) command = true;
      // Each `o` / `O` (`-eo pipefail`) takes the next word as its name.
      i += 1 + (word.match(/[oO]/g)?.length ?? 0);
    } else break;
  }
  if (command) return { rest: [], pins: {}, otherPackages: false, ...(i < words.length ? { command: words[i]! } : {}) };
  return { rest: words.slice(i), pins: {}, otherPackages: false, shell: true };
}

/**
 * A runner that sets up tools for a command (`CommandRunner.toolArgs`): `mise -C dir x node@22 aube
 * -- ./release.sh` runs `./release.sh` in `dir` with mise's Node first on `PATH`. Its options may
 * come before and after the subcommand; `-c '<command>'` gives the command as a string.
 */
function parseToolRunner(runner: CommandRunner, words: string[], from: number): RunnerHit {
  const tools: string[] = [];
  let cd: string | undefined;
  let command: string | undefined;
  let i = 1;
  while (i < words.length && words[i] !== '--' && command === undefined) {
    const word = words[i]!;
    if (!word.startsWith('-')) {
      // The subcommand (`x`), then the tools.
      if (i >= from) tools.push(word);
      i++;
      continue;
    }
    const { name, inline } = splitOption(word);
    const takesValue = runner.valueFlags.includes(name) && inline === undefined;
    const value = inline ?? (takesValue ? words[i + 1] : undefined);
    if (value !== undefined && runner.commandFlags?.includes(name)) command = value;
    else i += takesValue ? 2 : 1;
    if (value !== undefined && runner.cdFlags?.includes(name)) cd = value;
  }
  const hit: RunnerHit = command !== undefined ? { rest: [], pins: {}, otherPackages: false, command } : { rest: words.slice(i + 1), pins: {}, otherPackages: false };
  // Named by the runner's words before its command: `mise x node@22 --`, `mise x node@22` (before `-c`).
  if (tools.some((t) => runner.nodeTools?.includes(t.split('@')[0]!) === true)) hit.runtime = [...words.slice(0, i), ...(command === undefined ? ['--'] : [])].join(' ');
  if (cd !== undefined) movedTo(hit, cd);
  return hit;
}

/**
 * `docker run [options] <image> [command…]` (`CommandRunner.container`): the image, the variables
 * the options pass in, and the command as the rest (none when the image's own command runs).
 * Short options combine (`-it`, `-itd`); the last of a group may take the next word (`-ite NAME`).
 */
function parseContainer(runner: CommandRunner & { container: ContainerEnvFlags }, words: readonly string[], from: number): RunnerHit {
  const { container: flags, valueFlags } = runner;
  const container: ContainerRun = { runner: `${runner.bin} run`, image: '', env: [] };
  let i = from;
  while (i < words.length && words[i]!.startsWith('-') && words[i] !== '-') {
    const word = words[i]!;
    if (word === '--') {
      i++;
      break;
    }
    const group = /^-[A-Za-z]{2,}$/.exec(word) ? `-${word.slice(-1)}` : undefined;
    const { name, inline } = group !== undefined ? { name: group, inline: undefined } : splitOption(word);
    const takesValue = valueFlags.includes(name) && inline === undefined;
    const value = inline ?? (takesValue ? words[i + 1] : undefined);
    i += takesValue ? 2 : 1;
    if (flags.envAll.includes(name) && value?.toLowerCase() !== 'false') container.all = true;
    if (value === undefined) continue;
    if (flags.envFile.includes(name)) container.unread ??= `${name} ${value}`;
    if (!flags.env.includes(name)) continue;
    const variable = /^[A-Za-z_][A-Za-z0-9_]*/.exec(value)?.[0];
    if (variable === undefined || /[$`]/.test(value.slice(0, variable.length + 1))) container.unread ??= `${name} ${value}`;
    else container.env.push(variable);
  }
  const image = words[i];
  if (image === undefined) return { rest: [], pins: {}, otherPackages: false };
  container.image = image;
  return { rest: words.slice(i + 1), pins: {}, otherPackages: false, container };
}

/** A runner's option that runs the command in `cd` (`CommandRunner.cdFlags`): the package there is the one it runs in, as `pnpm --dir` names it. */
function movedTo(hit: RunnerHit, cd: string): void {
  hit.cd = cd;
  hit.otherPackages = true;
  const target = singleSelector([cd.startsWith('./') || cd.startsWith('/') ? cd : `./${cd}`]);
  if (target !== undefined) hit.target = target;
}

function parseRunner(runner: CommandRunner, words: string[], from: number, globals: PackageSelection = { other: false, selectors: [], flags: [] }): RunnerHit {
  if (runner.shellOptions) return parseShell(words, from);
  if (runner.toolArgs) return parseToolRunner(runner, words, from);
  if (runner.container) return parseContainer({ ...runner, container: runner.container }, words, from);
  if (runner.environment) {
    // `nix develop --command bash -c '…'`: the environment's Node and npm run it (`runtime`); none without a command.
    const env = environmentCommand(runner.environment, runner.valueFlags, words, from);
    return env === undefined ? { rest: [], pins: {}, otherPackages: false } : { rest: env.rest, pins: {}, otherPackages: false, runtime: env.runtime, environment: true, ...(env.command !== undefined ? { command: env.command } : {}), ...(env.keptEnv !== undefined ? { keptEnv: env.keptEnv } : {}) };
  }
  // `nlx npm publish ?` prints the command it would run: nothing runs.
  if (runner.printOnly?.some((w) => words.includes(w, from)) === true) return { rest: [], pins: {}, otherPackages: false };
  /** The workspace options after the subcommand (`npx -w app`, `npx -ws`: `CommandRunner.workspaces`). */
  const named: PackageSelection = { other: false, selectors: [], flags: [] };
  const pins: Pins = {};
  let packageFlag = false;
  let cd: string | undefined;
  let i = from;
  while (i < words.length) {
    const word = words[i] ?? '';
    if (word === '--') {
      i++;
      break;
    }
    if (!word.startsWith('-')) break;
    const { name, inline } = splitOption(word);
    const boolValue = runner.booleanFlags?.includes(name) === true && /^(?:true|false)$/.test(words[i + 1] ?? '');
    const takesValue = (runner.valueFlags.includes(name) || boolValue) && inline === undefined;
    const value = inline ?? (takesValue ? words[i + 1] : undefined);
    i += takesValue ? 2 : 1;
    if (runner.workspaces?.all.includes(name) === true) selectPackages(named, name, false, inline);
    if (value === undefined) continue;
    if (runner.cdFlags?.includes(name)) cd = value;
    if (runner.workspaces?.named.includes(name) === true) selectPackages(named, name, true, value);
    if (runner.commandFlags?.includes(name)) return withWorkspace({ rest: [], pins, otherPackages: globals.other, command: value }, named, globals, runner.workspaces);
    if (runner.packageFlags?.includes(name)) {
      packageFlag = true;
      const spec = parsePackageSpec(value);
      if (spec.version !== undefined) pins[spec.bin] = spec.version;
    }
  }
  // `pnpm -c exec "echo … > package.json"`: the words after the options are one shell command line.
  const otherPackages = globals.other;
  const shellMode = runner.shellModeFlags !== undefined && words.slice(1, i).some((w) => runner.shellModeFlags!.includes(splitOption(w).name));
  if (shellMode && i < words.length) return { rest: [], pins, otherPackages, command: words.slice(i).join(' ') };
  if (runner.joinsRest && i < words.length) return { rest: [], pins, otherPackages: otherPackages || runner.otherPackages === true, command: [words[i]!, ...words.slice(i + 1).map(shellQuote)].join(' ') };
  // `yarn workspace <name> …`: the positional names the package.
  const positional = runner.positionals !== undefined && runner.otherPackages === true ? words.slice(i, i + runner.positionals) : [];
  if (runner.versionOf !== undefined) {
    const version = runnerVersion(words[i]);
    if (version !== undefined) pins[runner.versionOf] = version;
  }
  let rest = words.slice(i + (runner.positionals ?? 0));
  // `aegir exec npm -- publish`: the command, and only the words after `--` as its arguments.
  if (runner.argsAfterDashes && rest.length > 0) rest = [rest[0]!, ...(rest.includes('--') ? rest.slice(rest.indexOf('--') + 1) : [])];
  const first = rest[0];
  if (runner.packageSpec && !packageFlag && first !== undefined) {
    const spec = parsePackageSpec(first);
    if (spec.version !== undefined) pins[spec.bin] = spec.version;
    rest = [spec.bin, ...rest.slice(1)];
  }
  if (runner.prepend !== undefined) rest = [runner.prepend, ...rest];
  const other = otherPackages || runner.otherPackages === true;
  const hit: RunnerHit = { rest, pins, otherPackages: other };
  if (cd !== undefined) movedTo(hit, cd);
  // `yarn workspaces foreach --dry-run …` explains what it would run and runs nothing.
  if (runner.foreach?.dryRun.some((f) => words.slice(from, i).some((w) => splitOption(w).name === f))) return { rest: [], pins, otherPackages: true };
  const foreach = runner.foreach && !otherPackages ? foreachSelection(runner.foreach, runner.valueFlags, words.slice(from, i)) : undefined;
  if (foreach) hit.foreach = foreach;
  // Only a runner that names its package (or none, with a literal global selection) has one target.
  const target = other ? singleSelector(runner.otherPackages === true ? (positional.length > 0 && !otherPackages ? positional : ['*']) : globals.selectors) : undefined;
  if (target !== undefined) hit.target = target;
  return withWorkspace(hit, named, globals, runner.workspaces);
}

/**
 * `hit` run in the one workspace the runner's own workspace options name literally (`npx -w app x`,
 * `npm exec --workspace=packages/app -- x`), as `npm -w app exec x` is: its `target`. Every
 * workspace (`npx -ws x`), several or a variable (`npx -w "$WS" x`, `npm -w "$WS" exec x`), when
 * only workspace options select them: the `workspaces` the caller reads the command in, each one's
 * (`execInWorkspaces`); where those cannot be read, the command stays as it was.
 */
function withWorkspace(hit: RunnerHit, named: PackageSelection, globals: PackageSelection, spec: WorkspaceRunFlags | undefined): RunnerHit {
  const target = named.other ? singleSelector([...globals.selectors, ...named.selectors]) : undefined;
  if (target !== undefined) return { ...hit, otherPackages: true, target };
  const flags = [...globals.flags, ...named.flags];
  const selectors = [...globals.selectors, ...named.selectors];
  if (spec === undefined || hit.target !== undefined || flags.length === 0 || !flags.every((f) => spec.all.includes(f) || spec.named.includes(f))) return hit;
  return { ...hit, workspaces: { source: spec.source, names: selectors.filter((_, i) => spec.named.includes(flags[i]!)) } };
}

/** The version `pnpm with <spec>` pins (`CommandRunner.versionOf`): none for `current`, the major of a `latest-<n>` tag. */
function runnerVersion(spec: string | undefined): string | undefined {
  if (spec === undefined || spec === 'current' || spec.startsWith('-')) return undefined;
  const tag = /^(?:latest|next)-(\d+)$/.exec(spec);
  return tag ? tag[1] : spec;
}

/**
 * The selection `yarn workspaces foreach` options make (`ForeachFlags`), from the words between
 * the subcommand and the command; undefined with an option that is not read (`--recursive`,
 * `--from`) or a pattern holding a variable.
 */
function foreachSelection(flags: ForeachFlags, valueFlags: readonly string[], options: readonly string[]): ForeachSelection | undefined {
  const selection: ForeachSelection = { include: [], exclude: [], noPrivate: false };
  for (let i = 0; i < options.length; i++) {
    const { name, inline } = splitOption(options[i]!);
    if (flags.unread.includes(name)) return undefined;
    if (flags.noPrivate.includes(name)) selection.noPrivate = true;
    if (flags.since.includes(name)) selection.since = true;
    if (!valueFlags.includes(name)) continue;
    const value = inline ?? options[++i];
    const list = flags.include.includes(name) ? selection.include : flags.exclude.includes(name) ? selection.exclude : undefined;
    if (list === undefined) continue;
    if (value === undefined || /[$`]/.test(value)) return undefined;
    list.push(value);
  }
  return selection;
}

/** The runners that run their command in every workspace package (`lerna exec`, `aegir exec`, `yarn workspaces foreach`): other packages, none named. */
const EVERY_PACKAGE_RUNNERS = COMMAND_RUNNERS.filter((r) => r.otherPackages === true && r.positionals === undefined && r.subcommands.every((s) => s.length > 0));

/** Whether a command's words (bins as basenames) hold one of those runners: its bin, then its subcommand (a subcommand of several words alone: `"$YARN" workspaces foreach`). */
export function runsInEveryPackageBy(words: string[]): boolean {
  return EVERY_PACKAGE_RUNNERS.some((r) => {
    const at = words.indexOf(r.bin);
    return r.subcommands.some((sub) => (at >= 0 || sub.length > 1) && words.some((_, k) => k > at && startsWithAt(words, k, sub)));
  });
}
