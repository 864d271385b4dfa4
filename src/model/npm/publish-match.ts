/**
 * What publish-command recognition returns (`PublishMatch`, the commands it could not read) and
 * the recursion state and bounds it carries through runners and `package.json` scripts.
 */
import type { LocalNpm } from './local-npm.js';
import type { Confidence, PublishRecognizer, WorkspaceRunFlags } from '../data/publish-tools.js';
import type { ToolConfigFiles } from './tool-config.js';
import type { ConfigSays, ConfigUnread } from './config-skips-npm.js';
import type { PrePostInputs } from './pre-post-scripts.js';
import type { NxProjectConfig } from './nx-projects.js';
import type { TurboDeclared } from './turbo-tasks.js';
import type { WrittenFiles } from './written-files.js';
import type { WordValues } from './shell-words.js';
import type { MakeFlags } from './make-command.js';
import type { EnvValues } from './env-values.js';
export type { PackageSwitch, PathShim, PublishFlags, PublishPreCheck, ScriptAssignment, ViaScript } from './publish-types.js';
import type { PackageSwitch, PathShim, PublishFlags, PublishPreCheck, ScriptAssignment, ViaScript } from './publish-types.js';

export interface PublishMatch {
  recognizer: string;
  tool: string;
  label: string;
  confidence: Confidence;
  /** Span of the matched command inside the script text given (0/0 for actions). */
  offset: number;
  end: number;
  /** The command text as written (for actions: the `uses` value or the command input). */
  text: string;
  /** Remaining words after the subcommand; `optionsBefore`: those between the bin and it, when any (`pnpm -r publish`: `-r`). */
  args: string[];
  optionsBefore?: string[];
  /** When found through `npm run x` / `pnpm x` / `yarn x`: the script chain, outermost first. */
  via: ViaScript[];
  /** Version pinned in the command itself (`npx npm@11.6 publish` → '11.6'); for actions, a version-like ref without `v`. */
  pinnedVersion?: string;
  /** The npm command runs a local install (`../oidc/node_modules/.bin/npm publish`): not the Node's npm, of a version tp-doctor does not read. */
  localBin?: string;
  /** The npm spec a command before it in its script installed where `localBin` points (./local-npm.ts). */
  localBinSpec?: string;
  /**
   * The command runs with a `PATH` that puts a directory that may hold another `npm` first
   * (`PATH="$PWD/scripts/wrap:$PATH" changeset publish`, or an `export PATH=...` before it in its
   * script): which npm runs is unknown, and a committed wrapper may change what it does
   * (apollographql/apollo-client turns `npm publish` into `npm stage publish`).
   */
  pathShim?: PathShim;
  flags: PublishFlags;
  /**
   * Set for matches that come from a GitHub action step. `given`: the command came from one of its
   * inputs (changesets/action's `publish:`), so `text` is that command, read for its targets like
   * a `run:` step's; otherwise the action runs its own command and `text` is the `uses:` value.
   */
  action?: { name: string; ref: string; given?: true };
  /** A publish guessed from a name (a `release` script, an action's publish command) that runs a command tp-doctor does not read (`./scripts/publish.sh`): what it does, to its environment too, is unknown. */
  runsUnread?: true;
  scriptNotFound?: true; // a guess from the name of a script not found (`npm run release` where no package.json has it, or run in a directory not seen: `Frame.scriptsUnseen`)
  /** A guess because its configuration leaves unknown whether it publishes (semantic-release's plugins not read: `ConfigUnread`). */
  configUnread?: ConfigUnread;
  /** An action that stages unless an input says not to (`ActionRecognizer.stagesUnless`): `true`, or `unknown` when an expression decides. */
  staged?: true | 'unknown';
  /**
   * The package the command was sent to (`yarn workspace <name> release`, `pnpm --filter ./dir
   * run release`, `pnpm --filter <name> exec semantic-release`), when tp-doctor found it: a name
   * or a directory as written, relative to the command's directory. The script chain in `via`, or
   * the tool, runs there. `depth`: how many scripts of `via` came before the switch (the scripts
   * after them are that package's).
   */
  inPackage?: PackageSwitch;
  /** Run in a build output whose package.json copies the one in this directory (./nx-outputs.ts): a guess whose package is that one's (`inPackage` selects it). */
  builtFrom?: string;
  /** Packages the tool makes at run time from its configuration, none the repository's (GoReleaser Pro's `npms:`, ./goreleaser.ts; templated names left out): its only targets (./targets.ts). */
  generatedNames?: string[];
  /** The tool that runs this publish first runs a login check OIDC fails (./release-it-workspaces.ts). */
  preCheck?: PublishPreCheck;
  /** Why it may not run though its script does (after a `read -p` prompt, in a branch a flag selects: ./prompts.ts); it is then `possible`. */
  mayNotRun?: string;
  /** A `cd` before it in its shell (a `run:` block, a job's script lines) that tp-doctor cannot follow (`Frame.moved` null: `cd "$DIR"`). */
  cdUnknown?: true;
  /** The variables the `package.json` scripts on the way set for the commands they run (`"release": "NPM_CONFIG_REGISTRY=<url> npm publish"`), outermost first. */
  scriptEnv?: readonly ScriptAssignment[];
}

export interface RecognizeContext {
  /** The text holds values its trigger may replace (a CircleCI pipeline parameter's default): `Frame.argsUnsure`. */
  argsUnsure?: true;
  /** package.json `scripts` of the package whose directory the command runs in (root by default). */
  scripts?: Record<string, string>;
  /**
   * True when the configuration of that directory makes a recognised tool publish nothing to npm
   * (release-it `npm.publish: false`, semantic-release without its npm plugin: tool-config.ts);
   * `'publishes'` when it says the tool certainly publishes there (auto's npm plugin);
   * `{ unread }` when that depends on what tp-doctor did not read (config-skips-npm.ts `ConfigSays`).
   */
  configSkipsNpm?: (recognizer: string, args: readonly string[]) => ConfigSays;
  /**
   * The `package.json` scripts of the one package a command names (`yarn workspace <name>`,
   * `npm -w <name|dir>`, `pnpm --filter <name|./dir>`, `--prefix <dir>`), or undefined when no
   * package is found there. Without it, such a command's scripts are unknown.
   */
  packageScripts?: (selector: string) => Record<string, string> | undefined;
  /**
   * The repository directory of the one package a command names (as `packageScripts` finds it):
   * where its scripts run, so where their script files and configuration are looked up. Without
   * it, such a command's directory is unknown.
   */
  packageDir?: (selector: string) => string | undefined;
  /** Whether the job can get an OIDC ID token (GitHub: `id-token: write`); undefined when not known. */
  oidcAvailable?: boolean;
  /**
   * The workspace packages of the package the command runs in, as the runner reads them (`source`:
   * npm's are the root package.json's `workspaces` globs, pnpm's `pnpm-workspace.yaml` `packages:`,
   * resolved against the committed package.json files), in order, with their scripts: what `npm run x --workspaces` runs `x` in.
   * Undefined when the command does not run at the root of such a workspace set, none is found,
   * or the search stopped at its bound. Without it, such a command's scripts are unknown.
   * `nx`: the projects of the Nx workspace (`./nx-projects.ts`), each with `WorkspaceScripts.nx`,
   * what `nx run-many -t x` runs `x` in (`./nx-runs.ts`). `turbo`: the workspace packages of the
   * package manager and the root (named `//`), each with `WorkspaceScripts.turbo`, what `turbo run
   * x` runs `x` in (`./turbo-runs.ts`).
   */
  workspaceScripts?: (source: WorkspaceListSource) => readonly WorkspaceScripts[] | undefined;
  /**
   * The text of a committed file a command runs as a shell script, by its repository path
   * (shell-files.ts decides which files are scripts), or undefined when there is none tp-doctor
   * may read. Without it, script files stay unread.
   */
  shellFile?: (repoPath: string) => string | undefined;
  /**
   * The publish tools' configuration files, for a tool whose configuration names the command it
   * runs (Ship.js's `publishCommand`: shipjs-config.ts), looked up in `dir`. Without it, or
   * without `dir`, that command stays unread.
   */
  toolConfig?: ToolConfigFiles;
  /**
   * The repository directory the command runs in (`` for the root): where `./x.sh` is looked up.
   * Undefined when it is not known (an unresolved `working-directory`): script files are not read,
   * unless `dirPattern` says where they are.
   */
  dir?: string;
  /**
   * With `dir` unknown because segments of it are expressions (`packages/${{ matrix.package }}`):
   * the directory with each such segment `UNKNOWN_SEGMENT` (shell-files.ts), so that a script path
   * climbing out of them (`node ../../scripts/release/prerelease.js`, inngest/inngest-js) is found.
   */
  dirPattern?: string;
  /**
   * True when the project `.npmrc` the npm CLI reads for a command run in this repository directory
   * sets `ignore-scripts`: `npm publish` then runs no lifecycle script. Without it, not known.
   */
  npmrcIgnoresScripts?: (dir: string) => boolean;
  /** True when the command's environment sets `npm_config_ignore_scripts` to true (a workflow `env:`). */
  envIgnoresScripts?: boolean;
  /** What decides whether `pnpm run x` and `yarn run x` also run `pre<x>`/`post<x>` (pre-post-scripts.ts); without it, a guess. */
  prePost?: PrePostInputs;
  /** A directory whose package.json says `"private": true`: its publish stops (EPRIVATE) before the later lifecycle scripts (lifecycle-scripts.ts). */
  privatePackage?: (dir: string) => boolean;
  /**
   * The whole shell script the text is part of, when it is not the whole (one line of a GitLab job's `before_script` and
   * `script`, which one shell runs in order), and where the text starts in it: its functions and variables are read there (shell-definitions.ts).
   */
  shellScript?: { text: string; offset: number };
  /** The script runs in bash: its commands' references to the arrays it sets are read (shell-arrays.ts). */
  bash?: boolean;
  /**
   * The names a script name of the CI file's own command can take when it holds a value the run is
   * given (`npm run release:${{ inputs.channel }}` with a `workflow_dispatch` choice input: one per
   * option), or undefined when they cannot be listed (chosen-scripts.ts); without it, unknown.
   */
  scriptNames?: (name: string) => readonly string[] | undefined;
  /** The values a run-time word of the CI file's own command can take, when all are known (a `${{ matrix.x }}` the job lists: shell-words.ts `WordValues`). */
  wordValues?: WordValues;
  /** Files an earlier step of the job wrote (written-files.ts): read from there, not from `shellFile`. */
  written?: WrittenFiles;
  /** The literal values the CI file gives the script's environment (./env-values.ts): a `cd "$DIR"` of the CI file's own text is followed with them. */
  envValues?: EnvValues;
  /** The commands to find instead of publishes (`REGISTRY_COMMAND_RECOGNIZERS`: ./reached-commands.ts); `PUBLISH_RECOGNIZERS` by default. */
  recognizers?: readonly PublishRecognizer[];
}

/** A workspace package a runner's workspace option selects (`RecognizeContext.workspaceScripts`). */
export interface WorkspaceScripts {
  /** Its repository directory. */
  dir: string;
  /** Its package name, when it has one. */
  name?: string;
  /** Its package.json says `"private": true` (`yarn workspaces foreach --no-private` skips it). */
  private?: boolean;
  scripts: Record<string, string>;
  /** `RecognizeContext.configSkipsNpm` for that directory. */
  configSkipsNpm?: RecognizeContext['configSkipsNpm'];
  /** For an Nx project (`workspaceScripts('nx')`): its name and targets. */
  nx?: NxProjectConfig;
  /** For a Turborepo package (`workspaceScripts('turbo')`): the tasks its turbo.json files declare for it. */
  turbo?: TurboDeclared;
}

/** The workspace lists `RecognizeContext.workspaceScripts` gives: a runner's, Nx's projects, Turborepo's packages. */
export type WorkspaceListSource = WorkspaceRunFlags['source'] | 'nx' | 'turbo';

/** Script indirection depth (`npm run a` → `npm run b` → `npm run c`). */
export const MAX_SCRIPT_DEPTH = 5;
/**
 * Command lines inside command lines read at most (`sh -c '…'`, `npx -c '…'`, `pnpm -c exec …`):
 * deeper, the command is one tp-doctor cannot read. Shell mode nests without quotes, so a few KB
 * could nest a thousand deep (review of 2026-12-04: a stack overflow at 1,500).
 */
export const MAX_COMMAND_NESTING = 8;

/** Runner hops inside one command (`npx pnpm exec lerna publish`). */
export const MAX_HOPS = 8;

/**
 * Script resolutions per call, and publishes found through scripts per call: a small repository
 * must not make a run long (`a` running `npm run b` 100 times, `b` holding 400 publishes, took a
 * minute before the publishes counted too). 400 since scripts are followed `MAX_SCRIPT_DEPTH` (5)
 * deep: at 200, hayes/pothos's `release` spent them on the Turborepo tasks of its `prerelease`
 * before reaching its `changeset publish`, and evanw/esbuild's `make` recipes on 20 of its 29
 * platform publishes.
 */
export const MAX_RESOLUTIONS = 400;

/**
 * Charges the publishes a script found itself to the call's budget (`MAX_RESOLUTIONS`): `found` is
 * all it yields, of which those its own scripts found were charged there (`counted` has grown by
 * them since `countedBefore`). False when they are more than is left: the budget is spent, and the
 * caller treats the script as unread.
 */
export function chargeFound(frame: Pick<Frame, 'budget'>, found: number, countedBefore: number): boolean {
  const own = found - (frame.budget.counted - countedBefore);
  if (own > Math.max(0, frame.budget.left)) {
    frame.budget.left = 0;
    return false;
  }
  frame.budget.left -= own;
  frame.budget.counted += own;
  return true;
}

/** The recogniser's own entry, which readers of scripts and configurations call one hop down. */
export type Recognize = (text: string, frame: Frame) => Outcome;

/**
 * A command a publish tool's configuration file holds (Ship.js's `publishCommand`, exec's
 * `publishCmd`): `at` where the file writes it (undefined for a file a script wrote,
 * written-files.ts, which has no place of its own); `startDir` and `option` as `ViaScript`'s.
 */
export interface ConfigCommand extends Pick<ViaScript, 'at' | 'startDir' | 'option'> {
  file: string;
  command: string;
}

/**
 * What `config.command` does, read like a script one hop down from `frame` (`recognize` is the
 * recogniser's own entry): its script chain names the file and where it writes the command, and
 * it is charged to the call's budget. Undefined when it was read already on this path, is too
 * deep, or the budget is spent (the caller keeps what it had). `key` tells this command apart on
 * the path; `elsewhere` moves the child frame (Ship.js's `monorepo`: it runs in other packages).
 */
export function recognizeConfigCommand(
  frame: Frame,
  key: string,
  config: ConfigCommand,
  recognize: Recognize,
  elsewhere: Partial<Frame> = {},
): Outcome | undefined {
  if (frame.seen.has(key) || frame.depth >= MAX_SCRIPT_DEPTH || frame.budget.left <= 0) return undefined;
  frame.budget.left--;
  const child: Frame = {
    ...frame,
    ...elsewhere,
    depth: frame.depth + 1,
    seen: new Set([...frame.seen, key]),
    via: [...frame.via, { script: config.file, command: config.command, ...(config.at ? { at: config.at } : {}), ...(config.startDir !== undefined ? { startDir: config.startDir } : {}), ...(config.option !== undefined ? { option: config.option } : {}) }],
    publishContext: false,
  };
  const counted = frame.budget.counted;
  const inner = recognize(config.command, child);
  return chargeFound(frame, inner.found.length, counted) ? inner : undefined;
}

export interface Frame {
  scripts: Record<string, string> | undefined;
  /** `RecognizeContext.configSkipsNpm`; dropped once a command runs in another package's directory. */
  configSkipsNpm?: RecognizeContext['configSkipsNpm'];
  /** `RecognizeContext.packageScripts`, kept through every hop. */
  packageScripts?: RecognizeContext['packageScripts'];
  /** `RecognizeContext.packageDir`, kept through every hop. */
  packageDir?: RecognizeContext['packageDir'];
  /** `RecognizeContext.workspaceScripts`; it answers for the directory the context names only (see `away`). */
  workspaceScripts?: RecognizeContext['workspaceScripts'];
  /** The command no longer runs in the directory the context names (a `cd` in a script, another package's script or lifecycle): `workspaceScripts` does not apply. */
  away?: boolean;
  /** `PublishMatch.inPackage` of what is found from here. */
  inPackage?: PackageSwitch;
  /** `RecognizeContext.shellFile`, kept through every hop. */
  shellFile?: RecognizeContext['shellFile'];
  /** `RecognizeContext.toolConfig`, kept through every hop. */
  toolConfig?: RecognizeContext['toolConfig'];
  /** The files written before this command (`RecognizeContext.written`, then the script's own writes: written-files.ts). */
  written?: WrittenFiles;
  /** Where commands run from here, for script and configuration files; undefined after a `cd` tp-doctor cannot follow. */
  dir: string | undefined;
  contextDir?: string; // `RecognizeContext.dir`, kept through every hop: where `packageScripts` selectors start
  /** Why `scripts` is undefined in a directory tp-doctor cannot see (`{ cwd: tmpDir }`: ./js-cwd.ts), said instead of "script not found". */
  scriptsUnseen?: string;
  /** `RecognizeContext.dirPattern`, until the first directory change. */
  dirPattern?: string;
  /**
   * After a `cd` outside `package.json` scripts (a `run:` block's `cd dist && npm publish`): the
   * directory, relative to where the command started, whose package a publish there publishes
   * (lifecycle scripts are read from it); null when the `cd` cannot be followed.
   */
  moved?: string | null;
  /**
   * After the `cd`s of a `package.json` script of the root package (`cd packages/a && … && cd ../b`):
   * the directory, relative to where that script started, its next commands run in; null when a
   * `cd` cannot be followed. It holds for the script at `depth` (`via.length`) only: another script
   * starts in its own package's directory (./frame-moves.ts `scriptCdPath`).
   */
  scriptCd?: { depth: number; path: string | null };
  npmrcIgnoresScripts?: RecognizeContext['npmrcIgnoresScripts']; // `RecognizeContext.npmrcIgnoresScripts`, kept through every hop
  envIgnoresScripts?: boolean; // `RecognizeContext.envIgnoresScripts`, kept through every hop
  prePost?: PrePostInputs; // `RecognizeContext.prePost`, kept through every hop
  privatePackage?: (dir: string) => boolean; // `RecognizeContext.privatePackage` and `.recognizers`, kept through every hop
  recognizers?: RecognizeContext['recognizers'];
  scriptNames?: RecognizeContext['scriptNames']; // `RecognizeContext.scriptNames` and `.wordValues`; read for the CI file's own commands only (`via` empty)
  wordValues?: WordValues;
  scriptEnv?: PublishMatch['scriptEnv']; // what the scripts on the way set for the commands they run
  /** Command lines this one is nested in (`MAX_COMMAND_NESTING`). */
  commandDepth?: number;
  /** `PublishMatch.pathShim` of what is found from here: a `PATH` a command before set, or set for it. */
  pathShim?: PathShim;
  /** What the make that runs this command passes on to a make it starts (`MAKEFLAGS`: ./make-runs.ts). */
  make?: MakeFlags;
  /** The npm installs into a directory of the script's own before this command (./local-npm.ts). */
  localNpm?: readonly LocalNpm[];
  /** The committed shell script being read (its `text`) and the literal arguments it was called with, its `$1`… (./positional-branches.ts). */
  positional?: { text: string; args: readonly string[] };
  /** The committed shell script being read (its `text`) when its arguments are not known (`./x.sh "$@"`, `./x.sh $FLAGS`): a publish only a flag argument lets run is a maybe (./prompts.ts). */
  argsUnknown?: { text: string };
  /** The words here may not be a script's arguments (`xargs ./x.sh`, an overridable make variable or CircleCI parameter): no `positional`. */
  argsUnsure?: true;
  depth: number;
  seen: ReadonlySet<string>;
  via: ViaScript[];
  /** Script resolutions left for this call: bounds `a: npm run b && npm run b && ...` fan-out; `counted`: the publishes already charged to `left` (`chargeFound`). */
  budget: { left: number; counted: number };
  /** The text is a publish command by its place (an action's `publish:` input): a script it runs that runs what tp-doctor cannot read keeps that `unknown`, whatever its name. */
  publishContext?: boolean;
}

export type Found = Omit<PublishMatch, 'offset' | 'end' | 'text' | 'action'>;

/**
 * `rejected`: some command was recognised but is not a publish (`--dry-run`, `nx release version`).
 * `unknown`: some command ran that tp-doctor neither recognises nor knows to never publish
 * (`node scripts/release.js`, an unresolved script); a script named like a publish that runs one
 * is reported as a guess.
 */
export interface Outcome {
  found: Found[];
  rejected: boolean;
  unknown: boolean;
  /** Commands tp-doctor could not read (an unknown bin, a script file), with the scripts that led there. */
  unread: Unread[];
  /**
   * `rejected` because the tool's configuration turns its npm publish off (`configSkipsNpm`): the
   * recogniser's id. semantic-release may still publish with its exec plugin (semantic-release-exec.ts).
   */
  configSkipped?: string;
  /** The skipped run itself may not happen (`--dry-run "$X"`): what its plugins publish is a guess. */
  configSkippedMaybe?: boolean;
}

/** A command tp-doctor cannot see into: `./scripts/release.sh`, `node scripts/publish.js`, `make publish`. */
export interface Unread {
  /** Its words, runners and prefixes removed. */
  words: string[];
  /**
   * Words among them that only name options it was given (an unknown action's input names: `dry`,
   * `changelog`): they may say publish or name npm, but an option it offers says nothing about
   * where it publishes (testing-library/user-event's `dry: ${{ vars.RELEASE_DRY }}`).
   */
  options?: string[];
  /** The `package.json` scripts that led to it, outermost first. */
  via: ViaScript[];
}

/** A command of a script that runs something tp-doctor cannot read, located in the script text. */
export interface UnreadCommand extends Unread {
  offset: number;
  end: number;
  /** The command as written in the script. */
  text: string;
}

/** Everything `analyzeScript` learns from a script: the publishes, and the commands it could not read. */
export interface ScriptAnalysis {
  matches: PublishMatch[];
  unread: UnreadCommand[];
}
