/**
 * The publish commands of a GitHub job: recognised ones (`certain`, or `likely` for a guess from a
 * name) in each step's `run:`, in publishing actions and inside the local composite actions the
 * step uses (nested ones too, with `${{ inputs.x }}` replaced by what the caller passes), and then
 * `possible` ones: commands tp-doctor cannot read in a job that shows signs of an npm publish.
 */
import { MAX_ACTION_STEPS } from '../core/limits.js';
import type { Location } from '../../yaml/span.js';
import { guessedFrom, guessGoesElsewhere, namesNpm, NPM_DEPLOY_HINT, possiblePublish, PUBLISH_HINT, RANK_OWN_PUBLISH, saysNpmPublish, unreadPublishMatch, unreadRank, type NpmSignal } from '../npm/possible-publish.js';
import { analyzeScript, recognizeAction, type PublishMatch, type UnreadCommand } from '../npm/publish-commands.js';
import { actionRecognizer, usesParts } from '../npm/action-recognizers.js';
import { leastCertain, type PublishCommand } from '../npm/publish-site.js';
import { MAX_SCRIPT_NAMES } from '../npm/chosen-scripts.js';
import { normalizeJobPath, repositoryPath } from './checkout.js';
import { choiceTexts, dispatchChoices } from './dispatch-inputs.js';
import { compositeAction, readFromRef } from './composite-action.js';
import { earlierStepIds, evaluateCondition, neverRuns, withInputs } from './expressions.js';
import { dropUnrunJob } from './unrun-jobs.js';
import { dryRunByEnv } from './dry-run-env.js';
import { needsNeverRun } from './needs.js';
import { ARRAY_SHELLS } from '../data/run-shells.js';
import { envIgnoresScripts, runsBash, stepDirectories, stepDirectory, stepDirectoryPattern, stepEnvValue } from './steps.js';
import { npmSignals } from './npm-signals.js';
import { commandVariableTexts, variantPublishes } from './command-variables.js';
import { envVariants, type EnvVariant } from './env-context.js';
import { makeDirectoryVariants, matrixWordValues } from './make-matrix.js';
import type { EntryChain } from './call-graph.js';
import { formatRunText } from './format-run.js';
import { oidcAvailable } from './permissions.js';
import { onOwnTriggers } from './action-refs.js';
import type { Job, Step } from './types.js';
import { isLocalAction } from './workflow.js';
import { unknownActionUnread } from './unknown-actions.js';
import { programActionFindings } from './program-action.js';
import { writtenBeforeSteps } from './step-writes.js';
import type { WrittenFiles } from '../npm/written-files.js';
import { certaintyOf, commandsOf, locationOf, recognizeIn, type DetectContext } from './detect-context.js';

export type { DetectContext } from './detect-context.js';

interface Found {
  publishes: PublishCommand[];
  /** `needsSignal`: a possible publish only in a job with a sign of npm (./unknown-actions.ts). */
  unread: { unread: UnreadCommand; location: Location; viaAction?: string; needsSignal?: true }[];
}

/** What a local composite action runs, with the caller's inputs, following nested local actions. */
function actionPublishes(
  ctx: DetectContext,
  job: Job,
  uses: string,
  caller: (name: string) => string | undefined,
  viaAction: string,
  depth: number,
  budget = { left: MAX_ACTION_STEPS },
): Found {
  const out: Found = { publishes: [], unread: [] };
  // `uses: ./../../outside/act` leaves the workspace: never read (invalid-yaml notes it in a job
  // that publishes, composite-action.ts `actionsOutside`).
  const action = compositeAction(ctx.readAction, job, uses, caller, depth);
  if (action === undefined) return out;
  const inputs = action.input;
  for (const inner of action.steps) {
    if (budget.left-- <= 0) break;
    const run = inner.get('run');
    if (run?.text !== undefined) {
      const text = withInputs(run.text, inputs);
      const workdir = withInputs(inner.get('working-directory')?.text ?? '', inputs);
      const pkgDir = workdir === '' ? '' : repositoryPath(job.mounts, workdir);
      // Offsets only map back to the source when nothing was substituted.
      const exact = text === run.text;
      // A composite action's `run` names its shell (`shell: bash`): only bash has arrays (shell-arrays.ts).
      const bash = ARRAY_SHELLS.includes(inner.get('shell')?.text?.trim().split(/\s+/)[0] ?? '');
      const analysis = analyzeScript(text, { ...recognizeIn(ctx, job, pkgDir), bash });
      for (const match of analysis.matches) {
        const location = exact ? { file: run.file, ...run.valueSpan(match.offset, match.end) } : locationOf(run);
        // Where it runs, and the text before it for its `cd`s: read as a workflow step's (./sites.ts).
        out.publishes.push({ ...commandsOf(match, location, certaintyOf(match), viaAction), actionStep: { text, directory: pkgDir } });
      }
      for (const unread of analysis.unread) {
        const location = exact ? { file: run.file, ...run.valueSpan(unread.offset, unread.end) } : locationOf(run);
        out.unread.push({ unread, location, viaAction });
      }
    }
    const innerUses = inner.get('uses');
    const usesText = innerUses?.text;
    if (!innerUses || usesText === undefined) continue;
    const withNode = inner.get('with');
    const given = (name: string): string | undefined => {
      const value = withNode?.get(name)?.text;
      return value === undefined ? undefined : withInputs(value, inputs);
    };
    if (isLocalAction(usesText)) {
      const nested = actionPublishes(ctx, job, usesText, given, viaAction, depth + 1, budget);
      out.publishes.push(...nested.publishes.map((p) => ({ ...p, location: p.location })));
      out.unread.push(...nested.unread);
      continue;
    }
    const values: Record<string, string | undefined> = {};
    for (const e of withNode?.entries() ?? []) if (e.key !== undefined) values[e.key] = given(e.key);
    for (const match of recognizeAction(usesText, values, { ...recognizeIn(ctx, job, ''), oidcAvailable: oidcAvailable(job) })) {
      out.publishes.push(commandsOf(match, locationOf(innerUses), certaintyOf(match), viaAction));
    }
  }
  return out;
}

/** The names of the step's own environment variables (what the job or workflow sets serves every step). */
function envNames(step: Step): string[] {
  return step.env.map((e) => e.name);
}

/**
 * The script names a `run:` command's script name holding a `workflow_dispatch` choice input takes
 * (`npm run release:${{ inputs.channel }}`): one per option the job's and the step's `if:` let run
 * (./dispatch-inputs.ts, npm/chosen-scripts.ts).
 */
function chosenScriptNames(step: Step, name: string): string[] | undefined {
  const job = step.job;
  const stepIf = step.node.get('if')?.text;
  return choiceTexts(name, dispatchChoices(job.workflow), MAX_SCRIPT_NAMES, (choice) => {
    const inputs = (input: string): string | undefined => choice.get(input.toLowerCase());
    return evaluateCondition(job.if, undefined, inputs) !== false && evaluateCondition(stepIf, undefined, inputs) !== false;
  });
}

/**
 * The findings of a `run:` step. Each `${{ env.NAME }}` whose values are known is put in first, as
 * GitHub does before the shell runs (./env-context.ts: `pnpm exec ${{ env.LERNA_PUBLISH_QUERY }}`,
 * lerna-lite/lerna-lite), once per text it can make, each finding placed in the original text.
 */
function runFindings(ctx: DetectContext, step: Step, written: WrittenFiles | undefined): Found {
  // `run: ${{ format('pnpm -r stage publish {0}', …) }}`: the command in the literal (format-run.ts).
  const text = formatRunText(step.run!.text) ?? step.run!.text;
  // `make -C sdk/${{ matrix.language }} publish`: one text per matrix value, as a `working-directory` (./make-matrix.ts).
  const variants = envVariants(step, text, ctx.readAction) ?? makeDirectoryVariants(step, text);
  if (!variants) return runTextFindings(ctx, step, text, written);
  // Values that are only candidates do not turn a publish read as written (`npm publish --registry
  // https://${{ env.HOST }}`) into guesses: they are put in only for a text that shows none.
  if (variants.some((v) => !v.certain)) {
    const asWritten = runTextFindings(ctx, step, text, written);
    if (asWritten.publishes.length > 0) return asWritten;
  }
  const out: Found = { publishes: [], unread: [] };
  for (const variant of variants) {
    const found = runTextFindings(ctx, step, variant.text, written, variant);
    for (const p of found.publishes) {
      const same = (q: PublishCommand): boolean => q.match.label === p.match.label && q.match.text === p.match.text && q.match.offset === p.match.offset && q.directory === p.directory;
      if (!out.publishes.some(same)) out.publishes.push(p);
    }
    for (const u of found.unread) if (!out.unread.some((v) => v.unread.offset === u.unread.offset && v.unread.text === u.unread.text)) out.unread.push(u);
  }
  return out;
}

/**
 * The findings of a `run:` text: the step's own, or one `variant` of it with `${{ env.NAME }}` put
 * in, whose offsets are mapped back to the original and whose publishes are `likely` at most when
 * the values are not certain.
 */
function runTextFindings(ctx: DetectContext, step: Step, text: string, written: WrittenFiles | undefined, variant?: EnvVariant): Found {
  const job = step.job;
  const node = step.run!.node;
  const place = (offset: number, end: number): { offset: number; end: number } => variant?.source(offset, end) ?? { offset, end };
  const out: Found = { publishes: [], unread: [] };
  // One analysis per directory the step can run in (a `${{ matrix.package }}` directory has one
  // per matrix value): `npm run release` runs that package's script.
  const dirs = stepDirectories(step);
  // `$NPM_PUBLISH_COMMAND` (a command kept in a variable): each text it can run (command-variables.ts).
  const variants = commandVariableTexts(step, text);
  for (const dir of dirs) {
    const recognize = { ...recognizeIn(ctx, job, dir, false), bash: runsBash(step), envIgnoresScripts: envIgnoresScripts(step), scriptNames: (name: string) => chosenScriptNames(step, name), wordValues: (word: string) => matrixWordValues(step, word), envValues: (name: string) => stepEnvValue(step, name), written };
    if (dir === undefined) recognize.dirPattern = stepDirectoryPattern(step);
    const fromVariables = variants ? variantPublishes(variants, recognize, node) : [];
    // Every value the variable can hold is a command known not to publish (`npx $VSCE_COMMAND publish`): none.
    if (variants && fromVariables.length === 0 && variants.every((v) => analyzeScript(v, recognize, { unread: true }).unread.length === 0)) continue;
    if (fromVariables.length > 0) {
      for (const cmd of fromVariables) {
        const match = dryRunByEnv(step, cmd.match); // `NPM_CONFIG_DRY_RUN: true` in `env:`
        if (match) out.publishes.push({ ...cmd, match, ...(dirs.length > 1 && dir !== undefined ? { directory: dir } : {}) });
      }
      continue;
    }
    const hint = PUBLISH_HINT.test(text) || NPM_DEPLOY_HINT.test(text) || PUBLISH_HINT.test(step.name ?? '') || Object.values(recognize.scripts ?? {}).some((x) => PUBLISH_HINT.test(x));
    const analysis = analyzeScript(text, recognize, { unread: hint && out.unread.length === 0 });
    for (const found of analysis.matches) {
      const dry = dryRunByEnv(step, found); // `NPM_CONFIG_DRY_RUN: true` in `env:`
      if (!dry || guessGoesElsewhere(dry, step.name, envNames(step))) continue;
      const at = place(dry.offset, dry.end);
      const match = variant ? { ...dry, ...at } : dry;
      const certainty = certaintyOf(match);
      const cmd = commandsOf(match, { file: node.file, ...node.valueSpan(at.offset, at.end) }, variant?.certain === false && certainty === 'certain' ? 'likely' : certainty);
      if (dirs.length > 1 && dir !== undefined) cmd.directory = dir;
      out.publishes.push(cmd);
    }
    out.unread.push(
      ...analysis.unread.map((found) => {
        const at = place(found.offset, found.end);
        const unread = variant ? { ...found, ...at } : found;
        return { unread, location: { file: node.file, ...node.valueSpan(at.offset, at.end) } };
      }),
    );
  }
  return out;
}

/** The recognised publishes of one step, and the commands it runs that tp-doctor cannot read (`written`: the files earlier steps wrote). */
function stepFindings(ctx: DetectContext, step: Step, written?: WrittenFiles): Found {
  const job = step.job;
  if (step.run) return runFindings(ctx, step, written);
  const uses = step.uses;
  if (!uses) return { publishes: [], unread: [] };
  // `uses: ./` in the repository of a publishing action tp-doctor knows is that action, run from
  // its own checkout (cycjimmy/semantic-release-action releases itself with `uses: ./`).
  const self = /^\.\/?$/.test(uses.name) && ctx.repository !== undefined && actionRecognizer(ctx.repository) !== undefined ? ctx.repository : undefined;
  if (isLocalAction(uses.name) && self === undefined) {
    const given = (name: string): string | undefined => step.with.get(name)?.text;
    // A local JavaScript or Docker action is read like an unknown remote one (./program-action.ts).
    const found = programActionFindings(ctx, step) ?? actionPublishes(ctx, job, uses.name, given, uses.name, 0);
    // An action of this repository named in full with a ref, read from the working tree: a guess.
    if (readFromRef(step) === undefined) return found;
    return { ...found, publishes: found.publishes.map((p) => ({ ...p, certainty: leastCertain([p.certainty, 'likely']) })) };
  }
  // Its own release is the version of the repository's package.json.
  const selfVersion = self === undefined ? undefined : ctx.packageAt('')?.version;
  const full = self !== undefined ? (selfVersion ? `${self}@v${selfVersion}` : self) : uses.ref !== undefined ? `${uses.name}@${uses.ref}` : uses.name;
  const matches = stepActionMatches(ctx, job, step, full, () => oidcAvailable(job));
  // A known publishing action that publishes nothing here (a dry run) is no command tp-doctor cannot read.
  // An action tp-doctor does not know, named for publishing or in a step named for an npm publish:
  // what it runs is unread; its words decide, with the job's npm signals, whether it is a possible
  // publish (./unknown-actions.ts).
  const unknown = matches.length > 0 || actionRecognizer(uses.name) !== undefined ? undefined : unknownActionUnread(step, uses.name, full);
  if (unknown === undefined) return { publishes: matches.map((match) => commandsOf(match, locationOf(uses.node), certaintyOf(match))), unread: [] };
  return { publishes: [], unread: [{ unread: unknown.unread, location: locationOf(uses.node), ...(unknown.needsSignal ? { needsSignal: true as const } : {}) }] };
}

/**
 * A called workflow's job gets the ID token its callers grant (its own `permissions` unset): when
 * every entry chain has a calling job that certainly grants none (`oidcAvailable` false), a known
 * action that only publishes with credentials (`dryRunWithoutCredentials`: MetaMask's
 * `action-npm-publish` without `npm-token`) is read again without OIDC, and its dry run is no
 * publish (MetaMask/metamask-sdk's `publish-npm-dry-run` job in `publish-release.yml`).
 */
function dropDryRunsOfCallers(ctx: DetectContext, chains: readonly EntryChain[], job: Job): void {
  if (chains.length === 0 || oidcAvailable(job) !== undefined) return;
  if (!chains.every((c) => c.callers.some((caller) => oidcAvailable(caller) === false))) return;
  for (const step of job.steps) {
    const uses = step.uses;
    if (!uses || isLocalAction(uses.name) || step.publishes.length === 0 || actionRecognizer(uses.name) === undefined) continue;
    if (stepActionMatches(ctx, job, step, uses.ref !== undefined ? `${uses.name}@${uses.ref}` : uses.name, () => false).length === 0) step.publishes = [];
  }
}

/** An input's text with its `${{ env.NAME }}` put in when each holds one value for sure (./env-context.ts); else as written. */
function withCertainEnv(step: Step, text: string, ctx: DetectContext): string {
  const variants = text.includes('${{') ? envVariants(step, text, ctx.readAction) : undefined;
  return variants?.length === 1 && variants[0]!.certain ? variants[0]!.text : text;
}

/** What a remote action step publishes (`recognizeAction` with its `with:` inputs), given whether the job can get an ID token (asked only for a known action). */
function stepActionMatches(ctx: DetectContext, job: Job, step: Step, full: string, oidc: () => boolean | undefined): PublishMatch[] {
  // Most steps use an action no recogniser knows (checkout, setup-node, caches): no inputs to read.
  const recognizer = actionRecognizer(usesParts(full).path);
  if (!recognizer) return [];
  const inputs: Record<string, string | undefined> = {};
  for (const [key, node] of step.with) inputs[key] = node.text === undefined ? undefined : withCertainEnv(step, node.text, ctx);
  const dirInput = recognizer.directoryInput;
  if (dirInput === undefined) return recognizeAction(full, inputs, { ...recognizeIn(ctx, job, ''), oidcAvailable: oidc() });
  // The directory input as a workspace path (`${{ github.workspace }}/js` is `js`); the recogniser joins it to the job's root itself (`actionDirectory`).
  const given = inputs[dirInput];
  if (given !== undefined) inputs[dirInput] = normalizeJobPath(given) ?? given;
  // An action run in its directory input (changesets/action `cwd`) reads that package's scripts (`publish: npm run release`).
  return recognizeAction(full, inputs, { ...recognizeIn(ctx, job, stepDirectory(step)), dir: '', oidcAvailable: oidc() });
}

/**
 * The commands a reusable workflow runs from its callers' inputs (`run: ${{ inputs.release-command
 * }}`, parcel's release.yml): each local caller's literal `with:` values put in and read like any
 * command, for the steps of jobs with no publish of their own. What is found is `likely` at most,
 * located at the whole `run:`: the command is not in this file, so what comes before the publish
 * inside it (a `cd`, an npm upgrade) is not seen where the rules look. First, the dry runs of
 * actions the callers give no ID token (`dropDryRunsOfCallers`, with `chains`, the job's workflow's
 * entry chains) are no publish.
 */
export function detectCallerCommands(ctx: DetectContext, callers: readonly Job[], job: Job, chains: readonly EntryChain[] = []): void {
  dropDryRunsOfCallers(ctx, chains, job);
  if (callers.length === 0 || job.steps.some((s) => s.publishes.some((p) => p.certainty !== 'possible'))) return;
  for (const step of job.steps) {
    const run = step.run;
    if (!run?.text.includes('${{')) continue;
    const found: PublishCommand[] = [];
    for (const caller of callers) {
      let known = true;
      const text = withInputs(run.text, (name) => {
        const value = caller.with.get(name)?.text;
        if (value === undefined || value.includes('${{')) known = false;
        return value;
      });
      if (!known || text === run.text) continue;
      for (const dir of stepDirectories(step)) {
        for (const match of analyzeScript(text, recognizeIn(ctx, job, dir, false), { unread: false }).matches) {
          if (found.some((f) => f.match.label === match.label && f.match.text === match.text)) continue;
          found.push(commandsOf({ ...match, offset: 0, end: 0 }, locationOf(run.node), 'likely'));
        }
      }
    }
    if (found.length === 0) continue;
    step.publishes = found;
    // A recognised publish in the job: its guesses (possible publishes) go, as in detectJobPublishes.
    for (const other of job.steps) if (other !== step) other.publishes = other.publishes.filter((p) => p.certainty !== 'possible');
  }
}

/** A publish guessed from a script's name alone, the script running what tp-doctor cannot read. */
function isNameGuess(p: PublishCommand): boolean {
  return p.certainty === 'likely' && (p.match.runsUnread === true || p.match.scriptNotFound === true) && p.match.action === undefined;
}

/**
 * A guess from a script's name alone (`"release": "tsx scripts/release.ts"`, which may only bump
 * versions) in a job that shows no sign of npm before it (no `registry-url` for npmjs, npm token,
 * `_authToken` write, npm upgrade or `id-token: write`, and a step name that does not say npm) is a possible publish, not a likely one:
 * a command tp-doctor cannot read in such a job would not be a publish at all (`possiblePublish`).
 */
function lowerUnsignedGuesses(job: Job, trusted: boolean): void {
  if (!job.steps.some((s) => s.publishes.some(isNameGuess))) return;
  const signals = npmSignals(job, trusted);
  job.steps.forEach((step, i) => {
    if ((signals[i] ?? []).length > 0 || namesNpm((step.name ?? '').split(/\s+/)) || !step.publishes.some(isNameGuess)) return;
    step.publishes = step.publishes.map((p) =>
      isNameGuess(p) ? { ...p, certainty: 'possible', because: `${p.match.label}: a guess from ${guessedFrom(p.match)}, with no sign of npm in the job before it` } : p,
    );
  });
}

/**
 * Marks each step's publishes. Jobs without any recognised publish get `possible` ones: of the
 * unreadable commands of a step that `possiblePublish` accepts, the first of the highest
 * `unreadRank` (one that says publish itself before one only the step's name makes plausible). In a job with a recognised publish,
 * only a `run:` step's command that itself says publish and names npm can be one (`besideRecognised`).
 */
export function detectJobPublishes(ctx: DetectContext, job: Job): void {
  // A job whose `if:` no event satisfies (`github.event_name == 'workflow_call'`) publishes nothing (./unrun-jobs.ts).
  if (dropUnrunJob(job, () => detectJobPublishes(ctx, job))) return;
  // A job or step that can never run (`if: false`, a template's guard on its own name) publishes nothing,
  const never = (condition: string | undefined, step?: Step): boolean => condition !== undefined && neverRuns(condition, ctx.repository, step && earlierStepIds(step));
  // So does one whose needed job never runs (`needsNeverRun`).
  if (never(job.if) || needsNeverRun(job, ctx.repository)) return void job.steps.forEach((step) => (step.publishes = []));
  const written = writtenBeforeSteps(job);
  const found = job.steps.map((step, i) => (never(step.node.get('if')?.text, step) ? { publishes: [], unread: [] } : stepFindings(ctx, step, written[i])));
  job.steps.forEach((step, i) => (step.publishes = found[i]!.publishes = onOwnTriggers(step, found[i]!.publishes)));
  const trusted = ctx.isTrustedWorkflow?.(job.workflow.fileName) ?? false;
  if (found.some((f) => f.publishes.length > 0)) {
    lowerUnsignedGuesses(job, trusted);
    besideRecognised(job, found, trusted);
    return;
  }
  if (found.every((f) => f.unread.length === 0)) return;
  const allSignals = npmSignals(job, trusted);
  job.steps.forEach((step, i) => {
    const signals = allSignals[i] ?? [];
    // The first of the highest `unreadRank`: `./bump.sh && ./publish.sh` in a step "Publish" is the second.
    let best = -1;
    for (const { unread, location, viaAction, needsSignal } of found[i]!.unread) {
      if (needsSignal && signals.length === 0) continue;
      const because = possiblePublish({ unread, name: step.name, signals });
      const rank = unreadRank(unread, step.name);
      if (because === undefined || rank <= best) continue;
      const match = unreadPublishMatch(unread);
      const cmd: PublishCommand = { match, location, certainty: 'possible', because };
      if (viaAction !== undefined) cmd.viaAction = viaAction;
      step.publishes = [cmd];
      best = rank;
      if (rank === RANK_OWN_PUBLISH) break;
    }
  });
}

/**
 * The possible publishes of a job that has a recognised one: a `run:` step with no publish of its own
 * whose unreadable command says publish and names npm by itself (`saysNpmPublish`: `pantry publish
 * --npm` beside a later `bun publish`, stacksjs/stacks), with the vetoes of `possiblePublish` (a dry
 * run, another destination, a check). A guess from a step's name or from the job's signs alone stays
 * out: the recognised publish already shows what the job publishes with.
 */
function besideRecognised(job: Job, found: readonly Found[], trusted: boolean): void {
  let signals: NpmSignal[][] | undefined;
  job.steps.forEach((step, i) => {
    if (step.run === undefined || step.publishes.length > 0) return;
    for (const { unread, location, viaAction } of found[i]!.unread) {
      if (viaAction !== undefined || !saysNpmPublish(unread)) continue;
      signals ??= npmSignals(job, trusted);
      const because = possiblePublish({ unread, name: step.name, signals: signals[i] ?? [] });
      if (because === undefined) continue;
      step.publishes = [{ match: unreadPublishMatch(unread), location, certainty: 'possible', because }];
      break;
    }
  });
}
