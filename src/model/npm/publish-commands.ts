/**
 * Finds the commands in a `run:` / `script:` text that publish to the npm registry, following
 * runners (`npx`, `pnpm exec`, `yarn workspaces foreach`) and `package.json` script indirection
 * (`npm run release`). The knowledge lives in `../data/publish-tools.ts`; this file interprets it,
 * with the result types in publish-match.ts, word helpers in command-words.ts and runners in
 * command-runners.ts. npm upgrades and `dist-tag` commands are found by npm-commands.ts.
 */
import { COMMAND_RUNNERS, DEFAULT_FLAG_NAMES, PUBLISH_RECOGNIZERS, SCRIPT_RUNNERS, type Confidence } from '../data/publish-tools.js';
import { shellQuote, type ShellCommand } from './shell.js';
import { commandsOf } from './eval-text.js';
import { actionDirectory, actionEdition, actionFlags, actionRecognizer, usesParts } from './action-recognizers.js';
import { callsDefinedFunction, type ScriptPlace } from './shell-definitions.js';
import { publishState, readFlags } from './publish-flags.js';
import { matchRunner, type ForeachSelection, type Pins } from './command-runners.js';
import { plainBins } from './plain-bins.js';
import { matchScriptRun, type ScriptRun } from './script-runs.js';
import { prePostOf, yarnRunsPublishScript } from './pre-post-scripts.js';
import { shimPath } from './path-shim.js';
import { commandBin, forwardsDryRun, isBooleanExpression, isPublishBin, subcommandAt, KNOWN_BINS, knownUse, mayMention, PUBLISH_TOOL_BINS, skipGlobalFlags, span, startsWithAt, strip, triggerPattern, values } from './command-words.js';
import { placeInFile } from './shell-files.js';
import { commandWords } from './shell-arrays.js';
import { SCRIPT_FILE_TRIGGERS, readCommittedScript } from './node-scripts.js';
import { isOtherEcosystemCommand, namedLikePublish, namesOtherDestination } from './possible-publish.js';
import { withLifecycleScripts } from './lifecycle-scripts.js';
import { withConfigCommands } from './config-commands.js';
import { actionSkipsNpm, unreadConfigMatch } from './config-skips-npm.js';
import { execInWorkspaces, mergeOutcomes, runInWorkspaces } from './workspace-runs.js';
import { runChosenScripts } from './chosen-scripts.js';
import { runTasks, TASK_RUN_BINS } from './task-runs.js';
import { ScopeWalk } from './shell-scope-walk.js';
import { cdFrame, frameAtLine, frameBack, inMovedPackage, inPackageDir, joinFrames, movedInScript, runnerFrame, scriptsElsewhere, withScriptEnv } from './frame-moves.js';
import { localNpmRun } from './local-npm.js';
import { withEnvValues } from './env-values.js';
import { reachedWith } from './positional-branches.js';
import { recognizersFor } from './recognizers-by-bin.js';
import { mayNotRun, mayNotRunReader } from './prompts.js';
import { chargeFound, MAX_COMMAND_NESTING, MAX_HOPS, MAX_RESOLUTIONS, MAX_SCRIPT_DEPTH, type Found, type Frame, type Outcome, type PackageSwitch, type PathShim, type PublishFlags, type PublishMatch, type RecognizeContext, type ScriptAnalysis, type UnreadCommand, type ViaScript } from './publish-match.js';

export type { PublishFlags, PublishMatch, RecognizeContext, ScriptAnalysis, Unread, UnreadCommand, ViaScript, WorkspaceScripts } from './publish-match.js';
export { findDistTags, findNpmUpgrades, findRegistryCommands, type DistTagCommand, type NpmUpgrade, type RegistryCommand } from './npm-commands.js';
const NOTHING: Outcome = { found: [], rejected: false, unknown: false, unread: [] };
const REJECTED: Outcome = { found: [], rejected: true, unknown: false, unread: [] };

const unknownOf = (words: string[], via: ViaScript[]): Outcome => ({ found: [], rejected: false, unknown: true, unread: [{ words, via: [...via] }] });

/**
 * Text that every script reaching a publish contains: the bins of the tables (a runner or a
 * package manager comes first in every other path). Scripts without any of it are not split at all.
 */
const PUBLISH_TRIGGER = triggerPattern([
  ...PUBLISH_TOOL_BINS,
  ...COMMAND_RUNNERS.map((r) => r.trigger ?? r.bin),
  ...SCRIPT_RUNNERS.map((r) => r.bin),
  ...SCRIPT_FILE_TRIGGERS,
  ...TASK_RUN_BINS,
]);
export function findPublishCommands(script: string, ctx: RecognizeContext = {}): PublishMatch[] {
  return mayMention(script, PUBLISH_TRIGGER) ? walkScript(script, ctx, false).matches : [];
}

/**
 * The publishes of a script, and the commands in it that tp-doctor cannot read (an unknown bin, a
 * script file, a `package.json` script that runs one). The second list is what a *possible* publish
 * is made of (`src/model/npm/possible-publish.ts` decides which of them plausibly publish). Without
 * them, a script that cannot mention a publish tool needs no split.
 */
export function analyzeScript(script: string, ctx: RecognizeContext = {}, options: { unread?: boolean } = {}): ScriptAnalysis {
  return options.unread === false ? { matches: findPublishCommands(script, ctx), unread: [] } : walkScript(script, ctx, true);
}

/** Each command of a script read with what the commands before it changed (the directory, a bash array: shell-arrays.ts). */
function walkScript(script: string, ctx: RecognizeContext, withUnread: boolean): ScriptAnalysis {
  const walk = new ScopeWalk(frameAtLine(rootFrame(ctx), ctx.shellScript, ctx.envValues), joinFrames, frameBack);
  const matches: PublishMatch[] = [];
  const unread: UnreadCommand[] = [];
  for (const cmd of commandsOf(script)) {
    const place = placeOf(script, cmd, ctx);
    // `cd "$PKG_DIR"` with `PKG_DIR` a literal of the CI file's environment (./env-values.ts).
    const moving = withEnvValues(cmd, ctx.envValues, () => place.text.slice(0, place.offset));
    const frame = walk.step(cmd, (f) => cdFrame(f, moving));
    const { words, unsure } = commandWords(cmd, place, ctx.bash);
    const outcome = recognizeWords(words, frame, place);
    // A left-out append (`flags+=(--dry-run)` in a branch, zama-ai/sdk) lowers nothing when the command as written publishes.
    const guess = unsure && recognizeWords(values(cmd), frame, place).found.length === 0;
    const cd = frame.moved === null ? { cdUnknown: true as const } : {};
    for (const f of outcome.found) matches.push({ ...f, ...span(cmd), ...(guess ? { confidence: 'heuristic' as const } : {}), ...cd });
    // `OUT=$(npm publish 2>&1)` publishes; `V=$(node -p ...)` is no unreadable command worth a guess (its output is used).
    if (withUnread && !cmd.substitution) for (const u of outcome.unread) unread.push({ ...u, ...span(cmd) });
  }
  return { matches, unread };
}

export function recognizeAction(uses: string, inputs: Record<string, string | undefined>, ctx: RecognizeContext = {}): PublishMatch[] {
  const { path, ref } = usesParts(uses);
  const rec = actionRecognizer(path);
  if (!rec) return [];
  const base = { offset: 0, end: 0, args: [], via: [], action: { name: rec.action, ref } };
  const input = (name: string | undefined): string | undefined => (name === undefined ? undefined : inputs[name]?.trim() || undefined);
  const confidence = rec.confidence ?? 'certain';
  // `branch: snapshots` (Shopify/snapit): the result goes to a git branch, not to a registry.
  const elsewhere = input(rec.elsewhereInput);
  if (elsewhere !== undefined && !isExpression(elsewhere)) return [];
  const dryRun = [rec.dryRunInput, ...(rec.dryRunInputAliases ?? [])].map(input).find((v) => v !== undefined);
  if (dryRun?.toLowerCase() === 'true') return [];
  // MetaMask/action-npm-publish dry-runs when it has no credentials at all; before v6, without its token input.
  const major = /^v?(\d+)(?:\.\d+){0,2}$/.exec(ref)?.[1];
  const tokenOnly = rec.tokenOnlyBefore !== undefined && major !== undefined && Number(major) < rec.tokenOnlyBefore;
  const noToken = rec.dryRunWithoutCredentials !== undefined && input(rec.dryRunWithoutCredentials.tokenInput) === undefined;
  if (noToken && (tokenOnly || ctx.oidcAvailable === false)) return [];
  // goreleaser-action's `distribution`: only GoReleaser Pro publishes (`editionInput`).
  const edition = actionEdition(rec, input);
  if (edition === 'none') return [];
  if (rec.commandInput !== undefined || rec.defaultCommand !== undefined) {
    const names = rec.commandInput === undefined ? [] : [rec.commandInput, ...(rec.commandInputAliases ?? [])];
    const inputName = names.find((n) => input(n) !== undefined) ?? rec.commandInput;
    const given = input(inputName);
    // `args: release --clean` of goreleaser-action runs `goreleaser release --clean` (`argumentsOf`).
    const command = given !== undefined && rec.argumentsOf !== undefined ? `${rec.argumentsOf} ${given}` : (given ?? rec.defaultCommand);
    if (command === undefined) return [];
    const outcome = recognizeText(command, { ...rootFrame(ctx), dir: actionDirectory(rec, input, ctx.dir), publishContext: true });
    const text = rec.argumentsOf !== undefined ? command : (given ?? uses);
    if (outcome.found.length > 0) {
      const own = (f: Found): Confidence => (edition === 'sure' ? 'certain' : f.confidence);
      const sure = (f: Found): Confidence => (elsewhere === undefined && !(dryRun !== undefined && isExpression(dryRun)) && edition !== 'guess' ? own(f) : 'heuristic');
      const stages = rec.stagesUnless === undefined ? undefined : input(rec.stagesUnless);
      const staged = rec.stagesUnless === undefined || tokenOnly || stages?.toLowerCase() === 'false' ? {} : { staged: stages !== undefined && isExpression(stages) ? ('unknown' as const) : (true as const) };
      // A command given as an input is read for its targets, in the action's directory (`directoryInput`: the site's, ../github/steps.ts).
      const action = given === undefined ? base.action : { ...base.action, given: true as const };
      // The action's own command gets the flags its inputs carry (`flagInputs`); a command given as an input has its own.
      const flags = (f: Found): PublishFlags => (given === undefined ? { ...f.flags, ...actionFlags(rec, input) } : f.flags);
      return outcome.found.map((f) => ({ ...f, ...base, action, ...staged, args: f.args, via: f.via, flags: flags(f), text, confidence: sure(f), label: given === undefined ? `${rec.label} (runs ${f.label})` : f.label }));
    }
    // `publish: echo "never publishes"`: only commands tp-doctor cannot read are guessed at.
    if (outcome.rejected || !outcome.unknown) return [];
    const label = inputName === undefined ? `${rec.label} (runs ${command})` : `${rec.label} ${inputName}: ${command}`;
    return [{ ...base, recognizer: rec.id, tool: rec.tool, label, confidence: 'heuristic', text: command, flags: {}, runsUnread: true }];
  }
  if (rec.operationInput) {
    const operation = input(rec.operationInput.input);
    if (operation === undefined || !(rec.operationInput.publishes.includes(operation) || isExpression(operation))) return [];
    const label = `${rec.label} ${rec.operationInput.input}: ${operation}`;
    return [{ ...base, recognizer: rec.id, tool: rec.tool, label, confidence, text: uses, flags: {} }];
  }
  // A semantic-release whose configuration turns the npm plugin off publishes nothing to npm, run by
  // an action as by a command (in its directory input's, `actionSkipsNpm`); inputs that change the configuration keep it.
  const reconfigured = ['extends', 'plugins'].some((n) => input(n) !== undefined);
  const says = rec.tool === 'semantic-release' && !reconfigured ? actionSkipsNpm(rec, input, ctx) : undefined;
  if (says === true) return [];
  const flags = actionFlags(rec, input);
  // `dry-run: ${{ inputs.dry-run }}`: may be a dry run.
  const sure = (dryRun !== undefined && isExpression(dryRun)) || typeof says === 'object' ? 'heuristic' : confidence;
  const match: PublishMatch = { ...base, recognizer: rec.id, tool: rec.tool, ...unreadConfigMatch(rec.label, says), confidence: sure, text: uses, flags };
  const version = /^v?(\d+(?:\.\d+){0,2})$/.exec(ref)?.[1];
  if (version !== undefined) match.pinnedVersion = version;
  return [match];
}

const isExpression = (value: string): boolean => value.includes('${{');

/**
 * Where a command of the text given to the recogniser is in its shell script: the text itself, or
 * the whole script it is part of (`RecognizeContext.shellScript`: a GitLab job's script lines).
 */
function placeOf(text: string, cmd: ShellCommand, ctx: RecognizeContext = {}): ScriptPlace {
  const whole = ctx.shellScript;
  const base = whole?.offset ?? 0;
  return { text: whole?.text ?? text, offset: base + cmd.offset, end: base + cmd.offset + cmd.text.length };
}

function rootFrame(ctx: RecognizeContext): Frame {
  const { scripts, configSkipsNpm, packageScripts, packageDir, workspaceScripts, shellFile, toolConfig, npmrcIgnoresScripts, envIgnoresScripts, prePost, scriptNames, wordValues, written, privatePackage, argsUnsure, recognizers } = ctx;
  return { scripts, configSkipsNpm, packageScripts, packageDir, workspaceScripts, shellFile, toolConfig, npmrcIgnoresScripts, envIgnoresScripts, prePost, scriptNames, wordValues, written, privatePackage, argsUnsure, recognizers, dir: ctx.dir, ...(ctx.dir !== undefined ? { contextDir: ctx.dir } : {}), dirPattern: ctx.dirPattern, depth: 0, seen: new Set(), via: [], budget: { left: MAX_RESOLUTIONS, counted: 0 } };
}

function recognizeText(text: string, frame: Frame): Outcome {
  const walk = new ScopeWalk(frame, joinFrames, frameBack);
  const reached = reachedWith(text, frame);
  const mayNotRunWhy = mayNotRunReader(text, frame); // after a prompt, or in a branch a flag selects (./prompts.ts)
  return mergeOutcomes(
    commandsOf(text).map((cmd) => {
      const words = values(cmd);
      const current = walk.step(cmd, (f) => movedInScript(frame, f, words, cmd));
      if (reached?.(cmd) === false) return NOTHING;
      const outcome = mayNotRun(placeInFile(recognizeWords(words, current, placeOf(text, cmd)), frame, text, cmd), mayNotRunWhy(cmd));
      // `V=$(node -p "require('./package.json').version")`: its output is used, it does not publish.
      return cmd.substitution && outcome.unknown ? { ...outcome, unknown: false, unread: [] } : outcome;
    }),
  );
}

/** One simple command: peel runners, then match a publish tool or resolve a script. */
function recognizeWords(input: string[], at: Frame, place?: ScriptPlace, pinned?: Pins): Outcome {
  if (plainBins().has(input[0] ?? '')) return NOTHING; // `echo`, `mkdir`, `git`: what `knownUse` would answer
  let frame = withScriptEnv(inMovedPackage(at), input); // `"release": "HUSKY=0 npm publish"` (`PublishMatch.scriptEnv`)
  const ownPath = shimPath(input, frame);
  if (ownPath !== undefined) frame = { ...frame, pathShim: ownPath };
  let words = strip(input);
  let [pins, scripts]: [Pins, Frame['scripts']] = [pinned ?? {}, frame.scripts];
  let skipsNpm = frame.configSkipsNpm; // once the command runs in another package's directory, that one's (`inPackageDir`), none in several
  /** A runner that runs bins started the command (`npx x`, not `sh x`): `anyBin` recognisers apply. */
  let viaRunner = pinned !== undefined;
  /** The runner was a shell (`bash ./bin/publish-npm`): what it runs is a shell script, whatever its name. */
  let byShell = false;
  /** Where the scripts read from here live, when a runner or an option named another package. */
  let inPackage = frame.inPackage;
  let foreach: { selection: ForeachSelection; frame: Frame } | undefined; // a `yarn workspaces foreach` runs the rest: its selection, where it started
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const first = words[0];
    if (first === undefined) return NOTHING;
    const bin = commandBin(first);
    if (bin === 'yarn' && yarnRunsPublishScript(words, frame.prePost, frame.dir)) words = [first, 'run', ...words.slice(1)];
    const tool = matchTool(words, bin, pins, { via: frame.via, viaRunner, skipsNpm, inPackage, place, pathShim: frame.pathShim, localNpm: frame.localNpm, recognizers: frame.recognizers, wordValues: frame.wordValues, scriptEnv: frame.scriptEnv });
    if (tool) {
      const here: Frame = { ...frame, scripts, configSkipsNpm: skipsNpm, inPackage };
      return withConfigCommands(withLifecycleScripts(tool, words, bin, here, recognizeText, place), words, here, recognizeText);
    }
    const runner = matchRunner(words, bin);
    if (runner) frame = withScriptEnv(runnerFrame(frame, runner), runner.rest); // `npx cross-env A=b npm publish` in a script
    // `npx -ws semantic-release`, `npm -w "$WS" exec release-it`: the rest, read in each workspace it runs in.
    const rest = runner?.workspaces && runner.command === undefined ? strip(runner.rest) : undefined;
    const each = runner?.workspaces && rest && execInWorkspaces(runner.workspaces, { ...frame, scripts, configSkipsNpm: skipsNpm, inPackage }, (f) => recognizeWords(rest, f, place, { ...pins, ...runner.pins }));
    if (each) return each;
    if (runner?.otherPackages) { // `lerna exec -- '<script>'` too: what it runs reads their scripts, not these
      foreach = runner.foreach && { selection: runner.foreach, frame: { ...frame, scripts, configSkipsNpm: skipsNpm, inPackage } };
      scripts = scriptsElsewhere(frame, runner.target);
      frame = { ...inPackageDir(frame, runner.target, scripts), away: true };
      skipsNpm = frame.configSkipsNpm;
      inPackage = scripts === undefined || runner.target === undefined ? undefined : { selector: runner.target, depth: frame.via.length };
    }
    if (runner?.command !== undefined) return runnerCommand(runner.command, words, { ...frame, scripts, configSkipsNpm: skipsNpm, inPackage });
    if (runner) {
      words = strip(runner.rest);
      pins = { ...pins, ...runner.pins };
      // A shell runs a script file, not a bin: `sh ./x.sh publish` is read as `./x.sh publish`, never
      // as an unknown bin's `publish` (`unknown-bin-publish` needs a runner that runs bins).
      byShell = runner.shell === true;
      viaRunner = !byShell;
      continue;
    }
    const here = (): Frame => ({ ...frame, scripts, configSkipsNpm: skipsNpm, inPackage }); // made only for a command that reads it: most read none
    const read = readCommittedScript(words, byShell, () => ({ ...here(), ...(viaRunner ? { argsUnsure: true as const } : {}) }), recognizeText, place);
    if (read) return read;
    const run = matchScriptRun(words, bin);
    const tasks = run ? undefined : runTasks(bin, words, here, resolveScript, recognizeText); // `nx run-many -t publish`, `turbo run publish`
    if (tasks) return tasks;
    // `add x` calling `add() { ...; }` of the same script: its body is read where it is written.
    if (!run) return knownUse(words, bin) || isBooleanExpression(first) || isOtherEcosystemCommand(words) || callsDefinedFunction(input, place) ? NOTHING : unknownOf(words, frame.via);
    if (run.otherPackages) {
      scripts = scriptsElsewhere(frame, run.target);
      frame = inPackageDir(frame, run.target, scripts);
      skipsNpm = frame.configSkipsNpm;
      inPackage = scripts === undefined || run.target === undefined ? undefined : { selector: run.target, depth: frame.via.length };
    }
    const body = scripts?.[run.name];
    const chosen = body === undefined ? runChosenScripts(run, scripts, inPackage === frame.inPackage ? frame : { ...frame, inPackage }, resolveScript, unresolvedScript) : undefined; // `npm run release:${{ inputs.channel }}`: each option's script
    if (chosen) return chosen;
    // `yarn workspaces run x` (a run in workspaces its runner has no options for): the workspaces' scripts, not the root's bin.
    const runsBin = run.runner.runsBins && (run.workspaces === undefined || run.runner.workspaces !== undefined) && (!run.explicit || (run.runner.runRunsBins === true && KNOWN_BINS.has(run.name)));
    if (body === undefined && runsBin && (isPublishBin(run.name) || !namedLikePublish(run.name))) {
      // `pnpm lerna publish`, `yarn release-tool publish`, `yarn run pkg-pr-new publish`: runs node_modules/.bin/<name>
      words = words.slice(run.nameIndex);
      viaRunner = true;
      byShell = false;
      continue;
    }
    // `npm run release --workspaces`: each selected workspace's own `release`.
    if (body === undefined) return runInWorkspaces(run, foreach?.frame ?? frame, resolveScript, foreach?.selection) ?? unresolvedScript(run, frame.via, scripts === undefined ? frame.scriptsUnseen : undefined);
    return resolveScript(run, scripts ?? {}, inPackage === frame.inPackage ? frame : { ...frame, inPackage });
  }
  return NOTHING;
}

/** A runner's command string (`npx -c '…'`, `pnpm -c exec …`): `pnpm -c exec pnpm -c exec …` nests without quotes, bounded like scripts (review of 2026-12-04). */
function runnerCommand(command: string, words: string[], frame: Frame): Outcome {
  const nested = (frame.commandDepth ?? 0) + 1;
  return nested > MAX_COMMAND_NESTING ? unknownOf(words, frame.via) : recognizeText(command, { ...frame, commandDepth: nested });
}

/** What `matchTool` needs of the command's way there: `viaRunner` (a runner started it) and where it is in its script. */
interface ToolHop {
  via: ViaScript[];
  viaRunner: boolean;
  skipsNpm: Frame['configSkipsNpm'];
  inPackage: PackageSwitch | undefined;
  place: ScriptPlace | undefined;
  pathShim: PathShim | undefined;
  localNpm: Frame['localNpm'];
  recognizers: Frame['recognizers'];
  wordValues: Frame['wordValues'];
  scriptEnv: Frame['scriptEnv'];
}

function matchTool(words: string[], bin: string, pins: Pins, hop: ToolHop): Outcome | undefined {
  const { via, viaRunner, skipsNpm, inPackage } = hop;
  for (const rec of recognizersFor(hop.recognizers ?? PUBLISH_RECOGNIZERS, bin)) {
    if (rec.anyBin ? !viaRunner || KNOWN_BINS.has(bin) : !rec.bins.includes(bin)) continue;
    const globals = subcommandAt(words, skipGlobalFlags(words, 1, bin).index, bin, rec);
    const sub = (rec.subcommands.length > 0 ? rec.subcommands : [[]]).find((s) => s.length === 0 || startsWithAt(words, globals, s));
    if (!sub) continue;
    const start = sub.length === 0 ? 1 : globals + sub.length;
    const args = words.slice(start);
    const before = words.slice(1, start - sub.length); // options before the subcommand: `pnpm -r publish`
    const flagWords = [...before, ...args];
    const operation = args.find((a) => !a.startsWith('-'));
    if (operation !== undefined && rec.otherOperations?.includes(operation)) return REJECTED;
    // Run-time words of the CI file's own command whose values it lists (`--dry-run ${{ matrix.dir }}`).
    const state = publishState(rec, flagWords, via.length === 0 ? hop.wordValues : undefined);
    if (state === 'off') return REJECTED;
    if (state === 'not-asked') return NOTHING;
    // `release-it` with `npm.publish: false` in .release-it.json: as off as `--no-npm.publish`.
    const config = skipsNpm?.(rec.id, flagWords);
    if (config === true) return { ...REJECTED, configSkipped: rec.id, ...(state === 'maybe' ? { configSkippedMaybe: true } : {}) };
    const { label, configUnread } = unreadConfigMatch(rec.label.replace('{bin}', bin), config);
    const flags = readFlags(flagWords, { ...DEFAULT_FLAG_NAMES, ...rec.flagNames }, hop.place, label);
    const confidence = state === 'maybe' || typeof config === 'object' ? 'heuristic' : config === 'publishes' ? 'certain' : rec.confidence;
    const found: Found = { recognizer: rec.id, tool: rec.tool, label, confidence, args, ...(before.length > 0 ? { optionsBefore: before } : {}), via: [...via], flags };
    if (pins[bin] !== undefined) found.pinnedVersion = pins[bin];
    Object.assign(found, localNpmRun(rec.tool, words, flagWords, hop.localNpm));
    if (hop.pathShim !== undefined) found.pathShim = hop.pathShim;
    if (configUnread !== undefined) found.configUnread = configUnread;
    if (inPackage !== undefined) found.inPackage = inPackage;
    if (hop.scriptEnv !== undefined) found.scriptEnv = hop.scriptEnv;
    return { found: [found], rejected: false, unknown: false, unread: [] };
  }
  return undefined;
}

/** `unseen`: the script was not looked for, run in a directory tp-doctor cannot see (`Frame.scriptsUnseen`), said instead of "script not found". */
function unresolvedScript(run: ScriptRun, via: ViaScript[], unseen?: string): Outcome {
  // Anything may hide behind a script tp-doctor cannot read; a script named like a publish is a
  // guess, unless the scripts that led to it name another destination (`publish-extension` runs
  // `pnpm --filter devtools run publish`: a browser store, not npm).
  if (!namedLikePublish(run.name) || via.some((v) => namesOtherDestination(v.script))) return unknownOf([run.name, ...run.forwarded], via);
  // `yarn release version`, `npm run release -- --dry`: not a publish even as a guess.
  if (forwardsDryRun(run.forwarded)) return REJECTED;
  if (run.forwarded[0] === 'version') return NOTHING;
  // A guess from the name alone: the job's npm signals decide how likely (github/publishes.ts `isNameGuess`).
  const outcome = guessed(run, `${run.label} (${unseen ?? 'script not found'})`, run.forwarded, via);
  for (const f of outcome.found) f.scriptNotFound = true;
  return outcome;
}

function resolveScript(run: ScriptRun, scripts: Record<string, string>, frame: Frame): Outcome {
  // A script is one package's: the root's `release` running `yarn workspace app release` is no cycle.
  const key = (name: string): string => `${frame.inPackage?.selector ?? ''}\0${name}`;
  if (frame.seen.has(key(run.name)) || frame.depth >= MAX_SCRIPT_DEPTH || frame.budget.left-- <= 0) return NOTHING;
  // `pre<x>`/`post<x>`: npm always, pnpm and Yarn by their major and settings (a guess when not known).
  const prePost = prePostOf(run.runner, frame.prePost, frame.dir);
  const names = prePost === 'no' ? [run.name] : [`pre${run.name}`, run.name, `post${run.name}`];
  const seen = new Set([...frame.seen, ...names.map(key)]);
  let command = '';
  const counted = frame.budget.counted;
  const outcome = mergeOutcomes(
    names.flatMap((name) => {
      const body = scripts[name];
      if (body === undefined) return [];
      const text = name === run.name && run.forwarded.length > 0 ? `${body} ${run.forwarded.map(shellQuote).join(' ')}` : body;
      if (name === run.name) command = text;
      const child: Frame = { ...frame, scripts, depth: frame.depth + 1, seen, via: [...frame.via, { script: name, command: text }], publishContext: false };
      const read = recognizeText(text, child);
      // A hook that may not run: what it publishes is a guess, and nothing else of it counts.
      if (name !== run.name && prePost === 'maybe') return [{ found: read.found.map((f) => ({ ...f, confidence: 'heuristic' as const })), rejected: false, unknown: false, unread: read.unread }];
      return [read];
    }),
  );
  // More publishes than the call may still hold: read as a script that runs something unreadable.
  if (!chargeFound(frame, outcome.found.length, counted)) return unknownOf([run.name, ...run.forwarded], frame.via);
  if (outcome.found.length > 0 || outcome.rejected) return { ...outcome, unknown: false, unread: [] };
  if (forwardsDryRun(run.forwarded)) return NOTHING;
  // Nothing unknown at this level, but an unreadable command deeper down stays visible (a possible publish at most).
  if (!outcome.unknown) return { ...NOTHING, unread: outcome.unread };
  // A script named like a publish that runs something tp-doctor cannot read:
  // `"release": "tsx scripts/publish.ts"`.
  if (namedLikePublish(run.name) && !frame.via.some((v) => namesOtherDestination(v.script))) {
    const outcome = guessed(run, `${run.label} (runs an unrecognised command)`, run.forwarded, [...frame.via, { script: run.name, command }]);
    for (const f of outcome.found) f.runsUnread = true;
    return outcome;
  }
  // A wrapper named for a publish tool (Shopify/cli's `"changeset": "node bin/changeset.js"`, run as
  // `pnpm changeset publish --tag latest`): what it runs is unread, but the tool's own command is a guess.
  if (PUBLISH_TOOL_BINS.has(run.name)) {
    const via = [...frame.via, { script: run.name, command }];
    const asTool = recognizeWords([run.name, ...run.forwarded], { ...frame, scripts: undefined, via }).found;
    if (asTool.length > 0) return { found: asTool.map((f) => ({ ...f, confidence: 'heuristic' as const, runsUnread: true })), rejected: false, unknown: false, unread: [] };
  }
  // Any other script stays unread (a possible publish at most), except as an action's publish
  // command (the action guesses).
  return { found: [], rejected: false, unknown: frame.publishContext === true, unread: outcome.unread };
}

/** A heuristic publish through a script runner. */
function guessed(run: ScriptRun, label: string, forwarded: string[], via: ViaScript[]): Outcome {
  const { runner } = run;
  const found: Found = { recognizer: runner.id, tool: runner.tool, label, confidence: 'heuristic', args: forwarded, via: [...via], flags: readFlags(forwarded, DEFAULT_FLAG_NAMES) };
  return { found: [found], rejected: false, unknown: false, unread: [] };
}
