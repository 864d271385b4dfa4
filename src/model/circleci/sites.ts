/**
 * CircleCI publish sites: each publish command of a job instance with its directory, packages and
 * registry (see `../publish.ts`). Each CircleCI `run` step is its own shell: a `cd` or an
 * `export NPM_CONFIG_REGISTRY=` holds only for the rest of its step, while files written by an
 * earlier step (`~/.npmrc`, `npm config set`) stay for the whole job.
 */
import { jobRegistryLayers } from '../npm/job-registry-layers.js';
import { namedFileLayer } from '../npm/named-user-file.js';
import type { Location } from '../../yaml/span.js';
import { certainFirst, type SiteContext } from '../npm/publish-site.js';
import { decideSiteRegistry, type ConfigWrite, type RegistryLayers } from '../npm/registry.js';
import { NO_SWAPS, swapsAfter, type NpmrcSwaps } from '../npm/npmrc-swaps.js';
import { keptWrites, npmrcFileIn, writtenProjectDir } from '../npm/npmrc-kept.js';
import { registryWritesWithTemplates, templateReaderIn } from '../npm/npmrc-templates.js';
import { assignmentSource, publishEnvSetting, type ScriptRegistryWrite } from '../npm/registry-writes.js';
import { commandUserConfig, environmentUserConfig, scriptUserConfig, lineUnread, userConfigFiles, type UserConfig } from '../npm/user-config.js';
import { commandEnd, placeAt, scriptIndex } from '../npm/script-index.js';
import { splitCommands } from '../npm/shell.js';
import { resolveTargets } from '../npm/targets.js';
import type { PackRun } from '../npm/tarball-targets.js';
import type { TextBefore } from '../npm/tool-versions.js';
import type { PublishCommand, RegistrySetting } from '../npm/publish-site.js';
import type { CircleJobFacts } from './job-facts.js';
import { onPipelineDefault } from './facts.js';
import { circleEnvValues, earlierRunTexts, locate } from './run.js';
import { pipelineDefaults } from './template.js';
import { circleAbsoluteDirectory, circleCheckoutDir, circleStepDirectory } from './checkout-dir.js';
import type { CircleciSite, CircleConfig, CircleJob, CircleStep, CircleText } from './types.js';

/** The `run` command texts of the job's steps before the publish's step, and its own text before the command. */
export function circleTextsBefore(facts: CircleJobFacts, job: CircleJob, publish: PublishCommand): TextBefore[] {
  const step = facts.stepOf(job, publish);
  if (!step) return [];
  const at = (text: CircleText) => (offset: number, end: number): Location => locate(text, offset, end);
  const out: TextBefore[] = [];
  for (const s of job.steps.slice(0, step.index)) {
    const command = s.run?.command;
    if (command) out.push({ text: command.text, locate: at(command), earlierStep: true });
  }
  const own = step.run?.command;
  if (own && publish.match.offset > 0) out.push({ text: own.text.slice(0, publish.match.offset), locate: at(own), whole: own.text });
  return out;
}

/**
 * The user configuration npm reads at a publish (../npm/user-config.ts): `--userconfig` or the
 * variable on its command, the variable set earlier in its own step, then the step's and the job's
 * `environment` (the step's wins).
 */
function circleUserConfig(job: CircleJob, step: CircleStep, publish: PublishCommand): UserConfig {
  const own = step.run?.command.text;
  const { offset, end, text } = publish.match;
  const inOwn = own !== undefined && own.slice(offset, end) === text ? { text: own, offset } : undefined;
  const entries = [...job.environment, ...(step.run?.environment ?? [])].map((e) => ({ name: e.name, value: e.value?.text }));
  return scriptUserConfig(publish.match.scriptEnv) ?? commandUserConfig(text, inOwn, () => environmentUserConfig(entries, (name) => `environment \`${name}\``));
}

/**
 * The registry layers of a publish, and where the settings among them whose value comes from a
 * pipeline parameter's default are written (a registry that runs by default, not certainly).
 */
function layersFor(ctx: SiteContext, job: CircleJob, step: CircleStep, publish: PublishCommand, checkoutDir: ReturnType<typeof circleCheckoutDir>, userConfig: UserConfig, directory: string | undefined): { layers: RegistryLayers; assumed: Set<RegistrySetting['at']> } {
  const user: ConfigWrite[] = [];
  const assumed = new Set<RegistrySetting['at']>();
  let envWrite: RegistrySetting | undefined;
  // The files a later step (or a later command of the same step) took the job's written lines out of.
  const reset = new Set<string>();
  // Lines written into the file the publish reads as npm's user configuration count as an `.npmrc`'s; into `~/.npmrc` while it reads another, nothing.
  const userConfigs = userConfigFiles(userConfig);
  // Last step first, as GitHub's steps are read (../github/registry-layers.ts `userSettings`).
  for (const s of job.steps.slice(0, step.index + 1).reverse()) {
    const command = s.run?.command;
    if (!command) continue;
    const own = s === step;
    // From the script's index, cut at the publish in its own step (one pass per script, issue 12).
    const limit = own ? publish.match.offset : Infinity;
    const index = scriptIndex(command.text);
    const start = circleStepDirectory(job, s, checkoutDir);
    // With the registry lines of a committed template an envsubst fills an `.npmrc` from (../npm/npmrc-templates.ts).
    const read = ctx.npmrcTemplate === undefined ? undefined : templateReaderIn(command.text, start, ctx.npmrcTemplate);
    const writes = registryWritesWithTemplates(command.text, read, userConfigs).filter((x) => x.end <= limit && !lineUnread(userConfig, x.path, false, command.text));
    const settingOf = (w: ScriptRegistryWrite): RegistrySetting => {
      const setting = { url: w.url, source: `\`${w.label}\` in job \`${job.name}\`${w.valueNote ?? ''}`, at: locate(command, w.offset, w.end), atValue: true };
      if (pipelineDefaults(command, w.offset, w.end).length > 0) assumed.add(setting.at);
      return setting;
    };
    // An exported variable lives for the rest of its own step only; a user configuration for the job.
    const exported = own ? writes.filter((w) => w.level === 'env').at(-1) : undefined;
    if (exported) envWrite = settingOf(exported);
    // A step run only `when: on_fail` has not run before a publish: it takes no line out.
    const resets = own || s.run?.when !== 'on_fail' ? index.npmrcResets.filter((r) => r.end <= limit) : [];
    const users = writes.filter((w) => w.level === 'user');
    const fileAt = (path: string, at: number): string | undefined => npmrcFileIn(command.text, start, path, at);
    for (const w of keptWrites(users, resets, fileAt, reset)) user.push({ key: w.key, file: w.file, setting: settingOf(w), ...writtenProjectDir(w.path, w.offset, fileAt) });
  }
  const command = splitCommands(publish.match.text)[0];
  const environment = [...job.environment, ...(step.run?.environment ?? [])];
  // A variable on the command itself, then one `export`ed earlier in the step (`registry` only), then the job's and the step's `environment`.
  const fromEnv = (matches: (name: string) => boolean, exported: RegistrySetting | undefined): RegistrySetting | undefined => {
    const inline = publishEnvSetting(command, publish.match.scriptEnv, matches);
    if (inline !== undefined) return { url: inline.value, source: assignmentSource(inline), at: publish.location, atValue: false };
    if (exported) return exported;
    const entry = environment.filter((e) => matches(e.name)).at(-1);
    const value = entry?.value?.text;
    if (!entry || value === undefined || value.trim() === '') return undefined;
    const setting = { url: value, source: `environment \`${entry.name}\``, at: entry.node, atValue: true };
    if (pipelineDefaults(entry.value).length > 0) assumed.add(setting.at);
    return setting;
  };
  // `NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish`: for what the job's lines did not write, the named file (../npm/named-user-file.ts);
  // a path from the home directory (`~/project/.npmrc.ci`) is not read as committed.
  const scripts = (): { text: string; end?: number }[] => job.steps.slice(0, step.index + 1).flatMap((s) => (s.run ? [{ text: s.run.command.text, ...(s === step ? { end: publish.match.offset } : {}) }] : []));
  const namedFile = userConfig.kind === 'file' ? namedFileLayer(userConfig, { dir: directory, provider: 'circleci', scripts, exists: ctx.userConfigExists, setting: ctx.userConfigSetting, at: publish.location }) : undefined;
  const layers = jobRegistryLayers(ctx, publish, fromEnv, envWrite, user, circleSwaps(job, step, publish, checkoutDir, ctx.npmrcTemplate), namedFile);
  return { layers, assumed };
}

/**
 * The files the job's `run` steps up to the publish moved, copied, removed, restored or overwrote
 * over a project `.npmrc` (../npm/npmrc-swaps.ts: `rm .npmrc`, `git checkout .npmrc`, `… | tee
 * .npmrc`), each step from its own directory (a file stays for the whole job). A step run only
 * `when: on_fail` has not run before a publish. Undefined when none names an `.npmrc`.
 */
function circleSwaps(job: CircleJob, step: CircleStep, publish: PublishCommand, checkoutDir: ReturnType<typeof circleCheckoutDir>, template?: (file: string) => string | undefined): NpmrcSwaps | undefined {
  let swaps = NO_SWAPS;
  for (const s of job.steps.slice(0, step.index + 1)) {
    const command = s.run?.command;
    if (!command?.text.includes('.npmrc') || (s !== step && s.run?.when === 'on_fail')) continue;
    swaps = swapsAfter(swaps, command.text, circleStepDirectory(job, s, checkoutDir), command.node, s === step ? publish.match.offset : undefined, template);
  }
  return swaps === NO_SWAPS ? undefined : swaps;
}

/**
 * The job's `run` steps before the publish's step, each with the repository directory it runs in
 * (../npm/tarball-targets.ts `PackRun`: a pack, a `napi create-npm-dirs` whose files the publish
 * reads; files stay for the whole job). One that may not have run before the publish is
 * `conditional`: in a `when:`/`unless:` step tp-doctor cannot decide, `when: on_fail` (it runs only
 * after a failure, which stops the `on_success` steps), or `background: true` (the next steps do
 * not wait for it).
 */
export function circleRunsBefore(job: CircleJob, step: CircleStep, checkoutDir: ReturnType<typeof circleCheckoutDir>): PackRun[] {
  const runs: PackRun[] = [];
  for (const s of job.steps.slice(0, step.index)) {
    const run = s.run;
    if (!run || run.triggerChosen) continue;
    const conditional = circleStepMayNotRun(s);
    runs.push({ text: run.command.text, dir: circleStepDirectory(job, s, checkoutDir), ...(conditional ? { conditional: true as const } : {}) });
  }
  return runs;
}

/**
 * True when an earlier step may not have run before a later `on_success` one: under a `when:`/`unless:`
 * tp-doctor cannot decide, `when: on_fail` (it runs only after a failure, which stops the
 * `on_success` steps), or `background: true` (the next steps do not wait for it).
 */
export function circleStepMayNotRun(s: CircleStep): boolean {
  return s.conditional || s.run?.when === 'on_fail' || s.run?.background === true;
}

/** The publish sites of a CircleCI job instance, in step order. */
export function circleSites(ctx: SiteContext, facts: CircleJobFacts, config: CircleConfig, job: CircleJob): CircleciSite[] {
  const out: CircleciSite[] = [];
  const checkoutDir = circleCheckoutDir(job);
  const absoluteDirectory = checkoutDir === undefined ? undefined : (target: string): string | undefined => circleAbsoluteDirectory(checkoutDir, target);
  // The earlier steps, once per publishing step (a step of many publishes: issue 12).
  const runsBefore = new Map<CircleStep, PackRun[]>();
  for (const publish of certainFirst(job.publishes)) {
    const step = facts.stepOf(job, publish);
    if (!step) continue;
    const own = step.run?.command.text ?? '';
    // The command's own offset in its step, for a publish found through a script too (as on GitHub).
    const offset = publish.match.offset;
    const textBefore = own.slice(0, offset);
    const ownIndex = scriptIndex(own);
    const place = placeAt(ownIndex, offset);
    // What `circleTextsBefore` joins, read from each script's index instead of re-scanned per publish.
    const earlierSetsVersion = job.steps.slice(0, step.index).some((s) => s.run?.command !== undefined && scriptIndex(s.run.command.text).versionSetEnd !== Infinity);
    const { targets, directory } = resolveTargets({
      discovery: ctx.discovery,
      packageAt: ctx.packageAt,
      list: ctx.list,
      directory: circleStepDirectory(job, step, checkoutDir),
      absoluteDirectory,
      textBefore,
      packRuns: runsBefore.get(step) ?? runsBefore.set(step, circleRunsBefore(job, step, checkoutDir)).get(step),
      directoryChangesBefore: ownIndex.directoryChanges.filter((c) => commandEnd(c) <= offset),
      loopsBefore: ownIndex.loops.filter((l) => l.body <= offset),
      scope: place?.scope,
      within: place?.within,
      match: publish.match,
      toolConfig: ctx.toolConfigFiles,
      packageManager: ctx.packageManager?.name,
      versionSetBefore: earlierSetsVersion || (offset > 0 && ownIndex.versionSetEnd <= offset),
      envValues: circleEnvValues(job.environment, step.run?.environment ?? [], earlierRunTexts(job.steps, step)),
    });
    const userConfig = circleUserConfig(job, step, publish);
    const { layers, assumed } = layersFor(ctx, job, step, publish, checkoutDir, userConfig, directory);
    const decided = decideSiteRegistry(layers, targets, directory, ctx.scopeHint, publish.certainty);
    const { registry, packageRegistries } = decided;
    // A pipeline configuration a pipeline definition may not run (`CircleConfig.discovered`) is `likely` at most, as a pipeline default is.
    const guessed = config.discovered === true || [registry, ...packageRegistries.values()].some((r) => r.setting !== undefined && assumed.has(r.setting.at));
    const certainty = onPipelineDefault(decided.certainty, guessed);
    out.push({ provider: 'circleci', job, config, step, publish, directory, targets, registry, packageRegistries, certainty, userConfig });
  }
  return out;
}
