/**
 * Finds the commands in a `run:` / `script:` text that publish to the npm registry, following
 * runners (`npx`, `pnpm exec`, `yarn workspaces foreach`) and `package.json` script indirection
 * (`npm run release`). The knowledge lives in `../data/publish-tools.ts`; this file interprets it.
 */
import { ACTION_RECOGNIZERS, COMMAND_PREFIXES, COMMAND_RUNNERS, DEFAULT_FLAG_NAMES, GLOBAL_VALUE_FLAGS, NEVER_PUBLISHES } from '../data/publish-tools.js';
import { NPM_INSTALL_COMMANDS, OTHER_PACKAGE_FLAGS, PACKAGE_BINS, PUBLISH_RECOGNIZERS, PUBLISH_SCRIPT_NAME, SCRIPT_RUNNERS } from '../data/publish-tools.js';
import type { ActionRecognizer, CommandRunner, Confidence, FlagNames, PublishRecognizer, ScriptRunner } from '../data/publish-tools.js';
import { booleanOption, booleanOptionState, shellQuote, splitCommands, splitOption, stripPrefixes, valueOption } from './shell.js';
import type { ShellCommand } from './shell.js';

export interface PublishFlags {
  provenance?: boolean;
  registry?: string;
  tag?: string;
  access?: string;
}

/** A `package.json` script on the way to the publish: its name and its command (forwarded arguments appended). */
export interface ViaScript {
  script: string;
  command: string;
}

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
  /** Remaining words after the subcommand. */
  args: string[];
  /** When found through `npm run x` / `pnpm x` / `yarn x`: the script chain, outermost first. */
  via: ViaScript[];
  /** Version pinned in the command itself (`npx npm@11.6 publish` → '11.6'); for actions, a version-like ref without `v`. */
  pinnedVersion?: string;
  flags: PublishFlags;
  /** Set for matches that come from a GitHub action step. */
  action?: { name: string; ref: string };
}

export interface RecognizeContext {
  /** package.json `scripts` of the package whose directory the command runs in (root by default). */
  scripts?: Record<string, string>;
}

/** `npm install -g npm@<spec>` or its corepack equivalent; `spec` is 'latest' for a bare `npm`. */
export interface NpmUpgrade {
  spec: string;
  offset: number;
  end: number;
  text: string;
  force: boolean;
  viaCorepack: boolean;
}

/** Script indirection depth (`npm run a` → `npm run b` → `npm run c`). */
const MAX_SCRIPT_DEPTH = 3;
/** Runner hops inside one command (`npx pnpm exec lerna publish`). */
const MAX_HOPS = 8;
/** Script resolutions per call. */
const MAX_RESOLUTIONS = 200;

interface Frame {
  scripts: Record<string, string> | undefined;
  depth: number;
  seen: ReadonlySet<string>;
  via: ViaScript[];
  /** Script resolutions left for this call: bounds `a: npm run b && npm run b && ...` fan-out. */
  budget: { left: number };
  /**
   * The text is a publish command by its place (an action's `publish:` input): a script it runs
   * that runs something tp-doctor cannot read keeps that `unknown`, whatever the script's name.
   */
  publishContext?: boolean;
}

type Found = Omit<PublishMatch, 'offset' | 'end' | 'text' | 'action'>;

/**
 * `rejected`: some command was recognised but is not a publish (`--dry-run`, `nx release version`).
 * `unknown`: some command ran that tp-doctor neither recognises nor knows to never publish
 * (`node scripts/release.js`, an unresolved script); a script named like a publish that runs one
 * is reported as a guess.
 */
interface Outcome {
  found: Found[];
  rejected: boolean;
  unknown: boolean;
  /** Commands tp-doctor could not read (an unknown bin, a script file), with the scripts that led there. */
  unread: Unread[];
}

/** A command tp-doctor cannot see into: `./scripts/release.sh`, `node scripts/publish.js`, `make publish`. */
export interface Unread {
  /** Its words, runners and prefixes removed. */
  words: string[];
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

/** Versions pinned by runners, by bin: `npx lerna@8 publish` → { lerna: '8' }. */
type Pins = Record<string, string>;

const NOTHING: Outcome = { found: [], rejected: false, unknown: false, unread: [] };
const REJECTED: Outcome = { found: [], rejected: true, unknown: false, unread: [] };

function unknownOf(words: string[], via: ViaScript[]): Outcome {
  return { found: [], rejected: false, unknown: true, unread: [{ words, via: [...via] }] };
}

/** Bins whose every use tp-doctor understands: the tables' tools and runners, and NEVER_PUBLISHES. */
const KNOWN_BINS: ReadonlySet<string> = new Set([
  ...PUBLISH_RECOGNIZERS.flatMap((r) => r.bins),
  ...COMMAND_RUNNERS.filter((r) => !r.binFromPath).map((r) => r.bin),
  ...SCRIPT_RUNNERS.map((r) => r.bin),
  ...COMMAND_PREFIXES.flatMap((p) => p.names),
  ...NEVER_PUBLISHES,
]);

/**
 * Text that every script reaching a publish contains: the bins of the tables (a runner or a
 * package manager comes first in every other path). Scripts without any of it are not split at all.
 */
const PUBLISH_TRIGGER = triggerPattern([
  ...PUBLISH_RECOGNIZERS.flatMap((r) => r.bins),
  ...COMMAND_RUNNERS.map((r) => r.trigger ?? r.bin),
  ...SCRIPT_RUNNERS.map((r) => r.bin),
]);
const UPGRADE_TRIGGER = triggerPattern(['npm', 'corepack']);

function triggerPattern(words: readonly string[]): RegExp {
  const escaped = [...new Set(words)].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('|'));
}

/**
 * Cheap test before splitting: false only when the script cannot mention any of `trigger`, even
 * with quotes or escapes inside a word (`n"p"m`) or a line continuation (`np\<newline>m`).
 */
function mayMention(script: string, trigger: RegExp): boolean {
  if (trigger.test(script)) return true;
  return /["'\\]/.test(script) && trigger.test(script.replace(/\\\r?\n|["'\\]/g, ''));
}

export function findPublishCommands(script: string, ctx: RecognizeContext = {}): PublishMatch[] {
  if (!mayMention(script, PUBLISH_TRIGGER)) return [];
  const frame = rootFrame(ctx);
  return splitCommands(script).flatMap((cmd) => recognizeWords(values(cmd), frame).found.map((f) => ({ ...f, ...span(cmd) })));
}

/**
 * The publishes of a script, and the commands in it that tp-doctor cannot read (an unknown bin, a
 * script file, a `package.json` script that runs one). The second list is what a *possible* publish
 * is made of (`src/model/npm/possible-publish.ts` decides which of them plausibly publish).
 */
export function analyzeScript(script: string, ctx: RecognizeContext = {}, options: { unread?: boolean } = {}): ScriptAnalysis {
  // Without the unreadable commands, a script that cannot mention a publish tool needs no split.
  if (options.unread === false) return { matches: findPublishCommands(script, ctx), unread: [] };
  const frame = rootFrame(ctx);
  const matches: PublishMatch[] = [];
  const unread: UnreadCommand[] = [];
  for (const cmd of splitCommands(script)) {
    if (cmd.substitution) continue; // `V=$(node -p ...)`: its output is used, it does not publish
    const outcome = recognizeWords(values(cmd), frame);
    const where = span(cmd);
    for (const f of outcome.found) matches.push({ ...f, ...where });
    for (const u of outcome.unread) unread.push({ ...u, ...where });
  }
  return { matches, unread };
}

export function recognizeAction(uses: string, inputs: Record<string, string | undefined>, ctx: RecognizeContext = {}): PublishMatch[] {
  const at = uses.indexOf('@');
  const path = at < 0 ? uses : uses.slice(0, at);
  const ref = at < 0 ? '' : uses.slice(at + 1);
  const rec = actionRecognizer(path);
  if (!rec) return [];
  const base = { offset: 0, end: 0, args: [], via: [], action: { name: rec.action, ref } };
  const input = (name: string | undefined): string | undefined => (name === undefined ? undefined : inputs[name]?.trim() || undefined);
  const confidence = rec.confidence ?? 'certain';
  if (rec.commandInput) {
    const names = [rec.commandInput, ...(rec.commandInputAliases ?? [])];
    const inputName = names.find((n) => input(n) !== undefined) ?? rec.commandInput;
    const given = input(inputName);
    const command = given ?? rec.defaultCommand;
    if (command === undefined) return [];
    const outcome = recognizeText(command, { ...rootFrame(ctx), publishContext: true });
    const text = given ?? uses;
    if (outcome.found.length > 0) {
      return outcome.found.map((f) => ({ ...f, ...base, args: f.args, via: f.via, text, label: given === undefined ? `${rec.label} (runs ${f.label})` : f.label }));
    }
    // `publish: echo "never publishes"`: only commands tp-doctor cannot read are guessed at.
    if (outcome.rejected || !outcome.unknown) return [];
    const label = `${rec.label} ${inputName}: ${command}`;
    return [{ ...base, recognizer: rec.id, tool: rec.tool, label, confidence: 'heuristic', text: command, flags: {} }];
  }
  if (rec.operationInput) {
    const operation = input(rec.operationInput.input);
    if (operation === undefined || !(rec.operationInput.publishes.includes(operation) || isExpression(operation))) return [];
    const label = `${rec.label} ${rec.operationInput.input}: ${operation}`;
    return [{ ...base, recognizer: rec.id, tool: rec.tool, label, confidence, text: uses, flags: {} }];
  }
  const dryRun = input(rec.dryRunInput);
  if (dryRun?.toLowerCase() === 'true') return [];
  const flags: PublishFlags = {};
  const provenance = input(rec.flagInputs?.provenance)?.toLowerCase();
  if (provenance === 'true' || provenance === 'false') flags.provenance = provenance === 'true';
  for (const key of ['registry', 'tag', 'access'] as const) {
    const value = input(rec.flagInputs?.[key]);
    if (value !== undefined) flags[key] = value;
  }
  // `dry-run: ${{ inputs.dry-run }}`: may be a dry run.
  const sure = dryRun !== undefined && isExpression(dryRun) ? 'heuristic' : confidence;
  const match: PublishMatch = { ...base, recognizer: rec.id, tool: rec.tool, label: rec.label, confidence: sure, text: uses, flags };
  const version = /^v?(\d+(?:\.\d+){0,2})$/.exec(ref)?.[1];
  if (version !== undefined) match.pinnedVersion = version;
  return [match];
}

/** The row for `owner/repo/path`: one naming that path, else one naming the repository. */
function actionRecognizer(path: string): ActionRecognizer | undefined {
  const lower = path.toLowerCase();
  const repo = lower.split('/').slice(0, 2).join('/');
  return ACTION_RECOGNIZERS.find((a) => a.action.toLowerCase() === lower) ?? ACTION_RECOGNIZERS.find((a) => a.action.toLowerCase() === repo);
}

function isExpression(value: string): boolean {
  return value.includes('${{');
}

export function findNpmUpgrades(script: string): NpmUpgrade[] {
  if (!mayMention(script, UPGRADE_TRIGGER)) return [];
  return splitCommands(script).flatMap((cmd) => {
    const words = strip(values(cmd));
    const upgrade = npmInstallUpgrade(words) ?? corepackUpgrade(words);
    return upgrade ? [{ ...upgrade, ...span(cmd) }] : [];
  });
}

function rootFrame(ctx: RecognizeContext): Frame {
  return { scripts: ctx.scripts, depth: 0, seen: new Set(), via: [], budget: { left: MAX_RESOLUTIONS } };
}

function recognizeText(text: string, frame: Frame): Outcome {
  return merge(
    splitCommands(text).map((cmd) => {
      const outcome = recognizeWords(values(cmd), frame);
      // `V=$(node -p "require('./package.json').version")`: its output is used, it does not publish.
      return cmd.substitution && outcome.unknown ? { ...outcome, unknown: false, unread: [] } : outcome;
    }),
  );
}

function merge(outcomes: Outcome[]): Outcome {
  return {
    found: outcomes.flatMap((o) => o.found),
    rejected: outcomes.some((o) => o.rejected),
    unknown: outcomes.some((o) => o.unknown),
    unread: outcomes.flatMap((o) => o.unread),
  };
}

/** One simple command: peel runners, then match a publish tool or resolve a script. */
function recognizeWords(input: string[], frame: Frame): Outcome {
  let words = strip(input);
  let pins: Pins = {};
  let scripts = frame.scripts;
  /** A runner started the command: `anyBin` recognisers apply. */
  let viaRunner = false;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const first = words[0];
    if (first === undefined) return NOTHING;
    const bin = basename(first);
    const tool = matchTool(words, bin, pins, frame.via, viaRunner);
    if (tool) return tool;
    const runner = matchRunner(words, bin);
    if (runner?.command !== undefined) return recognizeText(runner.command, { ...frame, scripts });
    if (runner) {
      words = strip(runner.rest);
      pins = { ...pins, ...runner.pins };
      if (runner.otherPackages) scripts = undefined;
      viaRunner = true;
      continue;
    }
    const run = matchScriptRun(words, bin);
    if (!run) return KNOWN_BINS.has(bin) ? NOTHING : unknownOf(words, frame.via);
    if (run.otherPackages) scripts = undefined;
    const body = scripts?.[run.name];
    if (body === undefined && run.runner.runsBins && !run.explicit && (isPublishBin(run.name) || !PUBLISH_SCRIPT_NAME.test(run.name))) {
      // `pnpm lerna publish`, `yarn release-tool publish`: runs node_modules/.bin/<name>
      words = words.slice(run.nameIndex);
      viaRunner = true;
      continue;
    }
    if (body === undefined) return unresolvedScript(run, frame.via);
    return resolveScript(run, scripts ?? {}, frame);
  }
  return NOTHING;
}

function matchTool(words: string[], bin: string, pins: Pins, via: ViaScript[], viaRunner: boolean): Outcome | undefined {
  for (const rec of PUBLISH_RECOGNIZERS) {
    if (rec.anyBin ? !viaRunner || KNOWN_BINS.has(bin) : !rec.bins.includes(bin)) continue;
    const globals = skipGlobalFlags(words, 1, bin).index;
    const sub = (rec.subcommands.length > 0 ? rec.subcommands : [[]]).find((s) => s.length === 0 || startsWithAt(words, globals, s));
    if (!sub) continue;
    const start = sub.length === 0 ? 1 : globals + sub.length;
    const args = words.slice(start);
    const flagWords = [...words.slice(1, start - sub.length), ...args];
    const operation = args.find((a) => !a.startsWith('-'));
    if (operation !== undefined && rec.otherOperations?.includes(operation)) return REJECTED;
    const state = publishState(rec, flagWords);
    if (state === 'off') return REJECTED;
    if (state === 'not-asked') return NOTHING;
    const flags = readFlags(flagWords, { ...DEFAULT_FLAG_NAMES, ...rec.flagNames });
    const confidence = state === 'maybe' ? 'heuristic' : rec.confidence;
    const label = rec.label.replace('{bin}', bin);
    const found: Found = { recognizer: rec.id, tool: rec.tool, label, confidence, args, via: [...via], flags };
    if (pins[bin] !== undefined) found.pinnedVersion = pins[bin];
    return { found: [found], rejected: false, unknown: false, unread: [] };
  }
  return undefined;
}

/**
 * Whether the flags let the command publish: `off` (`--dry-run`, `--no-publish`), `not-asked`
 * (`changelogen` without `--publish`), `maybe` when that depends on an expression
 * (`--dry-run="$DRY_RUN"`), else `on`.
 */
function publishState(rec: PublishRecognizer, words: string[]): 'on' | 'off' | 'not-asked' | 'maybe' {
  let maybe = false;
  for (const flag of rec.offWhenSet) {
    const state = booleanOptionState(words, flag);
    if (state === true) return 'off';
    maybe ||= state === 'expression';
  }
  for (const flag of rec.offWhenUnset ?? []) {
    const state = booleanOptionState(words, flag);
    if (state === false) return 'off';
    maybe ||= state === 'expression';
  }
  if (rec.onlyWhenSet) {
    const state = booleanOptionState(words, ...rec.onlyWhenSet);
    if (state === undefined || state === false) return 'not-asked';
    maybe ||= state === 'expression';
  }
  return maybe ? 'maybe' : 'on';
}

interface RunnerHit {
  rest: string[];
  pins: Pins;
  otherPackages: boolean;
  /** `npx -c '<command>'`. */
  command?: string;
}

function matchRunner(words: string[], bin: string): RunnerHit | undefined {
  for (const runner of COMMAND_RUNNERS) {
    if (runner.bin !== bin) continue;
    const globals = skipGlobalFlags(words, 1, bin);
    for (const sub of runner.subcommands) {
      let hit: RunnerHit | undefined;
      if (sub.length === 0) hit = parseRunner(runner, words, 1, false);
      else if (startsWithAt(words, globals.index, sub)) hit = parseRunner(runner, words, globals.index + sub.length, globals.otherPackages);
      if (!hit) continue;
      if (!runner.binFromPath) return hit;
      const file = hit.rest[0];
      const packageBin = file === undefined ? undefined : binOfPath(file);
      if (packageBin !== undefined) return { ...hit, rest: [packageBin, ...hit.rest.slice(1)] };
    }
  }
  return undefined;
}

/** `node_modules/.bin/changeset` → `changeset`; `node_modules/@changesets/cli/bin.js` → `changeset`. */
function binOfPath(file: string): string | undefined {
  const m = /(?:^|\/)node_modules\/(?:\.bin\/([^/]+)$|((?:@[^/]+\/)?[^/.@][^/]*)\/)/.exec(file);
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1];
  const name = m[2] ?? '';
  return PACKAGE_BINS[name] ?? name.slice(name.lastIndexOf('/') + 1);
}

function parseRunner(runner: CommandRunner, words: string[], from: number, otherPackages: boolean): RunnerHit {
  const pins: Pins = {};
  let packageFlag = false;
  let i = from;
  while (i < words.length) {
    const word = words[i] ?? '';
    if (word === '--') {
      i++;
      break;
    }
    if (!word.startsWith('-')) break;
    const { name, inline } = splitOption(word);
    const takesValue = runner.valueFlags.includes(name) && inline === undefined;
    const value = inline ?? (takesValue ? words[i + 1] : undefined);
    i += takesValue ? 2 : 1;
    if (value === undefined) continue;
    if (runner.commandFlags?.includes(name)) return { rest: [], pins, otherPackages, command: value };
    if (runner.packageFlags?.includes(name)) {
      packageFlag = true;
      const spec = parsePackageSpec(value);
      if (spec.version !== undefined) pins[spec.bin] = spec.version;
    }
  }
  let rest = words.slice(i + (runner.positionals ?? 0));
  const first = rest[0];
  if (runner.packageSpec && !packageFlag && first !== undefined) {
    const spec = parsePackageSpec(first);
    if (spec.version !== undefined) pins[spec.bin] = spec.version;
    rest = [spec.bin, ...rest.slice(1)];
  }
  if (runner.prepend !== undefined) rest = [runner.prepend, ...rest];
  return { rest, pins, otherPackages: otherPackages || runner.otherPackages === true };
}

interface ScriptRun {
  runner: ScriptRunner;
  name: string;
  nameIndex: number;
  explicit: boolean;
  forwarded: string[];
  otherPackages: boolean;
  /** The command up to the script name, e.g. `npm run release`. */
  label: string;
}

function matchScriptRun(words: string[], bin: string): ScriptRun | undefined {
  const runner = SCRIPT_RUNNERS.find((r) => r.bin === bin);
  if (!runner) return undefined;
  let { index, otherPackages } = skipGlobalFlags(words, 1, bin);
  const sub = words[index];
  const explicit = sub !== undefined && runner.subcommands.includes(sub);
  if (explicit) {
    const afterRun = skipGlobalFlags(words, index + 1, bin);
    index = afterRun.index;
    otherPackages ||= afterRun.otherPackages;
  } else if (!runner.implicit || sub === undefined || sub.startsWith('-') || runner.builtins?.includes(sub)) {
    return undefined;
  }
  const name = words[index];
  if (name === undefined || name === '--') return undefined;
  const after = words.slice(index + 1);
  const dashes = after.indexOf('--');
  let forwarded: string[];
  if (runner.forwardsAll) {
    forwarded = after[0] === '--' ? after.slice(1) : after;
  } else {
    // npm 7+: positional arguments go to the script (`npm run changeset publish`); options are
    // npm's own unless after `--`.
    const own = readOptions(dashes < 0 ? after : after.slice(0, dashes), bin);
    forwarded = [...own.positionals, ...(dashes < 0 ? [] : after.slice(dashes + 1))];
    otherPackages ||= own.otherPackages;
  }
  const label = [bin, ...(explicit && sub !== undefined ? [sub] : []), name].join(' ');
  return { runner, name, nameIndex: index, explicit, forwarded, otherPackages, label };
}

function unresolvedScript(run: ScriptRun, via: ViaScript[]): Outcome {
  // Anything may hide behind a script tp-doctor cannot read.
  if (!PUBLISH_SCRIPT_NAME.test(run.name)) return unknownOf([run.name, ...run.forwarded], via);
  // `yarn release version`, `npm run release -- --dry`: not a publish even as a guess.
  if (forwardsDryRun(run.forwarded)) return REJECTED;
  if (run.forwarded[0] === 'version') return NOTHING;
  return guessed(run, `${run.label} (script not found)`, run.forwarded, via);
}

function resolveScript(run: ScriptRun, scripts: Record<string, string>, frame: Frame): Outcome {
  if (frame.seen.has(run.name) || frame.depth >= MAX_SCRIPT_DEPTH || frame.budget.left-- <= 0) return NOTHING;
  const names = run.runner.lifecycle ? [`pre${run.name}`, run.name, `post${run.name}`] : [run.name];
  const seen = new Set([...frame.seen, ...names]);
  let command = '';
  const outcome = merge(
    names.flatMap((name) => {
      const body = scripts[name];
      if (body === undefined) return [];
      const text = name === run.name && run.forwarded.length > 0 ? `${body} ${run.forwarded.map(shellQuote).join(' ')}` : body;
      if (name === run.name) command = text;
      const child: Frame = { ...frame, scripts, depth: frame.depth + 1, seen, via: [...frame.via, { script: name, command: text }], publishContext: false };
      return [recognizeText(text, child)];
    }),
  );
  if (outcome.found.length > 0 || outcome.rejected) return { ...outcome, unknown: false, unread: [] };
  if (forwardsDryRun(run.forwarded)) return NOTHING;
  // Nothing unknown at this level, but an unreadable command deeper down stays visible (a possible publish at most).
  if (!outcome.unknown) return { ...NOTHING, unread: outcome.unread };
  // A script named like a publish that runs something tp-doctor cannot read:
  // `"release": "tsx scripts/publish.ts"`.
  if (PUBLISH_SCRIPT_NAME.test(run.name)) {
    return guessed(run, `${run.label} (runs an unrecognised command)`, run.forwarded, [...frame.via, { script: run.name, command }]);
  }
  // Any other script stays unread (a possible publish at most), except as an action's publish
  // command (the action guesses).
  return { found: [], rejected: false, unknown: frame.publishContext === true, unread: outcome.unread };
}

function forwardsDryRun(forwarded: string[]): boolean {
  return forwarded.some((w) => /^--dry(?:-run)?(?:=true)?$/.test(w));
}

/** A heuristic publish through a script runner. */
function guessed(run: ScriptRun, label: string, forwarded: string[], via: ViaScript[]): Outcome {
  const { runner } = run;
  const found: Found = { recognizer: runner.id, tool: runner.tool, label, confidence: 'heuristic', args: forwarded, via: [...via], flags: readFlags(forwarded, DEFAULT_FLAG_NAMES) };
  return { found: [found], rejected: false, unknown: false, unread: [] };
}

type UpgradeKind = Omit<NpmUpgrade, 'offset' | 'end' | 'text'>;

function npmInstallUpgrade(words: string[]): UpgradeKind | undefined {
  if (words[0] === undefined || basename(words[0]) !== 'npm') return undefined;
  const { index } = skipGlobalFlags(words, 1, 'npm');
  const sub = words[index];
  if (sub === undefined || !NPM_INSTALL_COMMANDS.includes(sub)) return undefined;
  const flagWords = [...words.slice(1, index), ...words.slice(index + 1)];
  const global = booleanOption(flagWords, '-g', '--global') ?? valueOption(flagWords, '--location') === 'global';
  if (!global) return undefined;
  const spec = npmSpec(positionals(words.slice(index + 1), 'npm'));
  if (spec === undefined) return undefined;
  return { spec, force: booleanOption(flagWords, '--force', '-f') === true, viaCorepack: false };
}

function corepackUpgrade(words: string[]): UpgradeKind | undefined {
  if (words[0] === undefined || basename(words[0]) !== 'corepack') return undefined;
  const [sub, ...args] = words.slice(1);
  const activates =
    (sub === 'prepare' && booleanOption(args, '--activate') === true) ||
    (sub === 'install' && booleanOption(args, '-g', '--global') === true);
  if (!activates) return undefined;
  const spec = npmSpec(positionals(args, 'corepack'));
  return spec === undefined ? undefined : { spec, force: false, viaCorepack: true };
}

function npmSpec(args: string[]): string | undefined {
  const arg = args.find((a) => a === 'npm' || a.startsWith('npm@'));
  return arg === undefined ? undefined : arg.slice(4) || 'latest';
}

function values(cmd: ShellCommand): string[] {
  return cmd.words.map((w) => w.value);
}

function span(cmd: ShellCommand): { offset: number; end: number; text: string } {
  return { offset: cmd.offset, end: cmd.offset + cmd.text.length, text: cmd.text };
}

function strip(words: string[]): string[] {
  return stripPrefixes(words.map((value) => ({ value }))).map((w) => w.value);
}

function basename(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

function isPublishBin(name: string): boolean {
  const bin = basename(name);
  return PUBLISH_RECOGNIZERS.some((r) => r.bins.includes(bin));
}

function startsWithAt(words: string[], index: number, expected: readonly string[]): boolean {
  return expected.every((w, k) => words[index + k] === w);
}

/** Skips the bin's global options from `from`; notes options that point at other packages. */
function skipGlobalFlags(words: string[], from: number, bin: string): { index: number; otherPackages: boolean } {
  const valueFlags = GLOBAL_VALUE_FLAGS[bin] ?? [];
  const otherFlags = OTHER_PACKAGE_FLAGS[bin] ?? [];
  let i = from;
  let otherPackages = false;
  for (let word = words[i]; word !== undefined && word.startsWith('-') && word !== '--' && word !== '-'; word = words[i]) {
    const { name, inline } = splitOption(word);
    if (otherFlags.includes(name)) otherPackages = true;
    i += valueFlags.includes(name) && inline === undefined ? 2 : 1;
  }
  return { index: i, otherPackages };
}

/** Splits a bin's arguments into positionals and its own options (noting options that point at other packages). */
function readOptions(words: string[], bin: string): { positionals: string[]; otherPackages: boolean } {
  const valueFlags = GLOBAL_VALUE_FLAGS[bin] ?? [];
  const otherFlags = OTHER_PACKAGE_FLAGS[bin] ?? [];
  const out: string[] = [];
  let otherPackages = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (!word.startsWith('-') || word === '-') {
      out.push(word);
      continue;
    }
    const { name, inline } = splitOption(word);
    if (otherFlags.includes(name)) otherPackages = true;
    if (valueFlags.includes(name) && inline === undefined) i++;
  }
  return { positionals: out, otherPackages };
}

/** Words that are neither options nor option values. */
function positionals(args: string[], bin: string): string[] {
  const valueFlags = GLOBAL_VALUE_FLAGS[bin] ?? [];
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-')) out.push(arg);
    else if (valueFlags.includes(arg)) i++;
  }
  return out;
}

function readFlags(words: string[], names: FlagNames): PublishFlags {
  const flags: PublishFlags = {};
  const provenance = booleanOption(words, ...names.provenance);
  if (provenance !== undefined) flags.provenance = provenance;
  for (const key of ['registry', 'tag', 'access'] as const) {
    const value = valueOption(words, ...names[key]);
    if (value !== undefined) flags[key] = value;
  }
  return flags;
}

function parsePackageSpec(spec: string): { bin: string; version?: string } {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  const name = at < 0 ? spec : spec.slice(0, at);
  const version = at < 0 ? undefined : spec.slice(at + 1);
  const bin = PACKAGE_BINS[name] ?? name.slice(name.lastIndexOf('/') + 1);
  return version === undefined || version === '' ? { bin } : { bin, version };
}

/** `npm dist-tag add|rm|set` (it writes to the registry, so it needs credentials; `ls` does not). */
export interface DistTagCommand {
  offset: number;
  end: number;
  text: string;
  subcommand: string;
  /** `npx npm@12 dist-tag add ...`: the npm version pinned in the command. */
  pinnedVersion?: string;
}

export function findDistTags(script: string): DistTagCommand[] {
  if (!script.includes('dist-tag')) return [];
  const out: DistTagCommand[] = [];
  for (const cmd of splitCommands(script)) {
    let words = strip(values(cmd));
    let pinned: string | undefined;
    const runner = words[0] !== undefined ? matchRunner(words, basename(words[0])) : undefined;
    if (runner && runner.command === undefined) {
      words = strip(runner.rest);
      pinned = runner.pins.npm;
    }
    if (words[0] === undefined || basename(words[0]) !== 'npm') continue;
    const { index } = skipGlobalFlags(words, 1, 'npm');
    if (words[index] !== 'dist-tag' && words[index] !== 'dist-tags') continue;
    const sub = words[index + 1];
    if (sub !== 'add' && sub !== 'rm' && sub !== 'set') continue;
    const found: DistTagCommand = { ...span(cmd), subcommand: sub };
    if (pinned !== undefined) found.pinnedVersion = pinned;
    out.push(found);
  }
  return out;
}
