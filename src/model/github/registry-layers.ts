/**
 * The registry layers of a GitHub publish (../npm/registry.ts `RegistryLayers`): the command line,
 * the environment (`env:` of the step, job and workflow, assignments on the command, an `export`
 * earlier in the same `run:` block), the project `.npmrc`, and the user configuration npm reads
 * there (./user-config.ts): what setup-node's `registry-url` and the job's commands wrote, or the
 * file `NPM_CONFIG_USERCONFIG`/`--userconfig` names instead; split from ./sites.ts.
 */
import { unreadUserConfig } from '../npm/named-user-file.js';
import { classifyRegistry, commandLayers, registryReadsOf, readsNpmCliConfig, type ConfigWrite, type RegistryLayers } from '../npm/registry.js';
import { CONFIG_FILES_READ, npmEnvConfigKey, yarnEnvRegistryKey } from '../data/registry-config.js';
import { assignmentSource, publishEnvSetting } from '../npm/registry-writes.js';
import { lineUnread, userConfigFiles } from '../npm/user-config.js';
import { splitCommands } from '../npm/shell.js';
import { scriptIndex } from '../npm/script-index.js';
import type { PublishCommand, RegistrySetting, SiteContext } from '../npm/publish-site.js';
import { rewritesManifest } from '../npm/manifest-edits.js';
import { evaluateCondition, withInputs } from './expressions.js';
import { stepDirectory, withLiteralEnv, withShellEnv } from './steps.js';
import { keptWrites, npmrcFileIn, writtenProjectDir } from '../npm/npmrc-kept.js';
import { registryWritesWithTemplates, templateReaderIn } from '../npm/npmrc-templates.js';
import { npmrcSwapsBefore, type StepView } from './step-views.js';
import { committedPath } from './user-config.js';
import type { EnvEntry, Step, UserConfig } from './types.js';

/**
 * A called workflow's `inputs.*` as every caller gives them (`agreedCallInputs`, ./call-inputs.ts);
 * undefined for a workflow that is not called that way.
 */
export type CallerInputs = ((name: string) => string | undefined) | undefined;

/**
 * `text` of the job's own workflow with each `${{ inputs.x }}` put in as every caller gives it, and
 * the words the setting's source gets for it; `text` as written (and no words) unless every
 * expression in it is such a reference.
 */
function withCallerInputs(text: string, inputs: CallerInputs): { text: string; note: string } {
  if (!inputs || !text.includes('${{')) return { text, note: '' };
  const names: string[] = [];
  const put = withInputs(text, (name) => {
    const value = inputs(name);
    if (value !== undefined && !names.includes(name)) names.push(name);
    return value;
  });
  if (put.includes('${{')) return { text, note: '' };
  const refs = names.map((n) => `\`inputs.${n}\``).join(', ');
  return { text: put, note: ` with ${refs} as its callers set ${names.length > 1 ? 'them' : 'it'}` };
}

/** `withCallerInputs` for a step's text; inside a composite action `inputs` are the action's (put in already). */
function viewText(view: StepView, text: string, inputs: CallerInputs): { text: string; note: string } {
  return view.inAction ? { text, note: '' } : withCallerInputs(text, inputs);
}

/** setup-node's scope: its `scope` input, else the repository owner for GitHub Packages. */
function setupNodeScope(view: StepView, url: string, owner: string | undefined, inputs: CallerInputs): string | undefined | null {
  const raw = view.input('scope')?.text;
  const input = raw === undefined ? undefined : viewText(view, raw, inputs).text.trim();
  if (input?.includes('${{')) return null; // unknown
  const scope = input || (/npm\.pkg\.github\.com/i.test(url) ? owner : undefined);
  if (!scope) return undefined;
  return (scope.startsWith('@') ? scope : `@${scope}`).toLowerCase();
}

/** A user configuration write; a `null` key: setup-node's `scope` is an expression. `setupNode`: setup-node's `registry-url`. */
type UserWrite = Omit<ConfigWrite, 'key'> & { key: string | null; setupNode?: true };

/**
 * The file an `.npmrc` path of `view`'s `run:` names where the command at `offset` runs (its step's
 * directory, after the script's `cd`s); undefined when tp-doctor cannot tell.
 */
function npmrcFileAt(view: StepView, path: string, offset: number): string | undefined {
  return npmrcFileIn(view.run!.text, viewDirectory(view), path, offset);
}

/** The repository directory `view`'s `run:` starts in (a composite action's own directory inside one). */
function viewDirectory(view: StepView): string | undefined {
  return view.inAction ? view.actionDir : stepDirectory(view.step);
}

/** True when the step of `view` runs whenever the job gets there (no `if:` that may skip it). */
function surelyRuns(view: StepView): boolean {
  return evaluateCondition(view.step.node.get('if')?.text, undefined) === true && (view.actionIf === undefined || evaluateCondition(view.actionIf, undefined) === true);
}

/**
 * The user configuration the job writes before the publish: setup-node, `npm config set`, `.npmrc`
 * writes, `yarn config set`; last first. A line written into an `.npmrc` that a later command of the
 * job removes, restores or overwrites (`rm .npmrc`, ../npm/npmrc-resets.ts) is left out, when both
 * name the same file for certain; setup-node's file is its own (`$RUNNER_TEMP/.npmrc`). With
 * `template` (the repository's committed files), the registry lines of a template an envsubst fills
 * an `.npmrc` from count as the same lines echoed (../npm/npmrc-templates.ts). `userConfig`: the
 * user configuration npm reads (../npm/user-config.ts): lines written into that file count as an
 * `.npmrc`'s, those written into `~/.npmrc` while it is another file configure nothing.
 */
function userSettings(views: readonly StepView[], sameBlock: StepView | undefined, offset: number, owner: string | undefined, inputs: CallerInputs, userConfig: UserConfig, template?: (file: string) => string | undefined): UserWrite[] {
  const userConfigs = userConfigFiles(userConfig);
  const out: UserWrite[] = [];
  /** The files a later command took the written lines out of. */
  const reset = new Set<string>();
  const fromRun = (view: StepView, limit: number): void => {
    const run = view.run;
    if (!run) return;
    const index = scriptIndex(run.text);
    const read = template === undefined ? undefined : templateReaderIn(run.text, viewDirectory(view), template);
    const writes = registryWritesWithTemplates(run.text, read, userConfigs).filter((w) => w.level === 'user' && w.end <= limit && !lineUnread(userConfig, w.path, false, run.text));
    const resets = view === sameBlock || surelyRuns(view) ? index.npmrcResets.filter((r) => r.end <= limit) : [];
    const fileAt = (path: string, at: number): string | undefined => npmrcFileAt(view, path, at);
    for (const w of keptWrites(writes, resets, fileAt, reset)) {
      const at = run.exact ? { file: run.node.file, ...run.node.valueSpan(w.offset, w.end) } : run.node;
      const { text: url, note } = viewText(view, w.url, inputs);
      out.push({ key: w.key, file: w.file, setting: { url, source: `\`${w.label}\` in \`${view.path}\`${w.valueNote ?? ''}${note}`, at, atValue: true }, ...writtenProjectDir(w.path, w.offset, fileAt) });
    }
  };
  if (sameBlock) fromRun(sameBlock, offset);
  for (const view of [...views].reverse()) {
    if (view.uses?.toLowerCase() === 'actions/setup-node') {
      const input = view.input('registry-url');
      if (input?.text !== undefined && input.text.trim() !== '') {
        // `registry-url: ${{ inputs.npm-registry }}` in a called workflow: the value its callers give.
        const { text: url, note } = viewText(view, input.text, inputs);
        const scope = setupNodeScope(view, url, owner, inputs);
        const forScope = typeof scope === 'string' ? ` (scope ${scope})` : '';
        const setting = { url, source: `setup-node's \`registry-url\`${forScope} in \`${view.path}\`${note}`, at: input.node, atValue: true };
        out.push({ key: scope === null ? null : scope === undefined ? 'registry' : `${scope}:registry`, file: 'npmrc', setting, setupNode: true });
      }
    }
    fromRun(view, Infinity);
  }
  return out;
}

/** The nearest `env:` entry (step, job, workflow) whose name `matches`; a value that is empty or missing sets nothing. */
function nearestEnv(step: Step, matches: (name: string) => boolean): EnvEntry | undefined {
  for (const list of [step.env, step.job.env, step.job.workflow.env]) {
    const hit = list.find((e) => matches(e.name));
    if (hit) return hit.value === undefined || hit.value.trim() === '' ? undefined : hit;
  }
  return undefined;
}

/**
 * The user layer: the job's writes, last first, then what the file npm reads holds. When npm reads
 * another file than setup-node's (`userConfig`), setup-node's `registry-url` is not read; a file
 * tp-doctor cannot read (neither committed, nor written by the job, nor `/dev/null`) may set any
 * registry: unknown (the `$` makes it so, ../npm/registry.ts `classifyRegistry`).
 */
function userLayer(ctx: SiteContext, step: Step, writes: readonly UserWrite[], userConfig: UserConfig, npmCli: boolean): RegistryLayers['user'] {
  const read = userConfig.kind === 'setup-node' ? writes : writes.filter((u) => u.setupNode !== true);
  const file = userConfig.kind === 'file' && userConfig.file !== '/dev/null' ? userConfig : undefined;
  const path = file && committedPath(file.file, step);
  const committed = path !== undefined && ctx.userConfigExists?.(path) === true ? path : undefined;
  return (key, files = CONFIG_FILES_READ.npm, dir) => {
    // A line written into a project `.npmrc` counts only where the publish reads that one (../npm/registry.ts `ConfigWrite.dir`).
    const dirs = dir === undefined ? undefined : ctx.npmrcDirs?.(dir, npmCli);
    // A setup-node `scope` that is an expression may or may not be this scope: its URL then decides nothing for sure.
    for (const u of read) {
      if (!files.includes(u.file) || (u.dir !== undefined && dirs !== undefined && !dirs.includes(u.dir))) continue;
      if (u.key === key) return u.setting;
      if (u.key === null) return { ...u.setting, url: '${{ unknown scope }}' };
    }
    if (!file || !files.includes('npmrc')) return undefined;
    if (committed !== undefined) return ctx.userConfigSetting?.(committed, key);
    return !file.readable ? unreadUserConfig(file.source, step.node) : undefined;
  };
}

/**
 * The registry layers of one publish. `inputs`: the job's workflow's `inputs.*` as every caller
 * gives them, put in wherever the workflow's own text names them (setup-node's `registry-url` and
 * `scope`, registry writes and `NPM_CONFIG_REGISTRY` in its steps' `run:`, its `env:`, `--registry`).
 * `userConfig`: the user configuration file npm reads (./user-config.ts).
 */
export function registryLayers(ctx: SiteContext, step: Step, publish: PublishCommand, views: readonly StepView[], own: StepView | undefined, inputs: CallerInputs, userConfig: UserConfig): RegistryLayers {
  const before = [...views, ...(own ? [own] : [])].flatMap((v) => (v.run ? [v.run.text] : []));
  const reads = registryReadsOf(publish.match, ctx.packageManager, ctx.changesetsRuns?.(publish, '', before));
  const offset = publish.viaAction === undefined && own?.run ? publish.match.offset : 0;
  // Lines written into the file npm reads as its user configuration count as an `.npmrc`'s (`env: NPM_CONFIG_USERCONFIG: /home/runner/.npmrc-ci`).
  const user = userSettings(views, own?.run ? own : undefined, offset, ctx.owner, inputs, userConfig, ctx.npmrcTemplate);
  const sameBlockEnv = own?.run ? scriptIndex(own.run.text).registryWrites.filter((w) => w.level === 'env' && w.end <= offset).at(-1) : undefined;
  const command = own?.run ? splitCommands(publish.match.text)[0] : undefined;
  const put = (text: string): { text: string; note: string } => (own ? viewText(own, text, inputs) : { text, note: '' });
  // `mv .npmrc.github .npmrc` before the publish (caido/sdk-js): the project `.npmrc` it reads is that file.
  const { offset: at, end, text } = publish.match;
  const swaps = npmrcSwapsBefore(views, own, own?.run?.text.slice(at, end) === text ? at : undefined, ctx.npmrcTemplate);
  // A variable on the command itself, then one `export`ed earlier in the block (`registry` only), then the nearest `env:`.
  const fromEnv = (matches: (name: string) => boolean, exported: typeof sameBlockEnv): RegistrySetting | undefined => {
    const inline = publishEnvSetting(command, publish.match.scriptEnv, matches);
    if (inline !== undefined) {
      const { text: url, note } = put(inline.value);
      return { url, source: `${assignmentSource(inline)}${note}`, at: publish.location, atValue: false };
    }
    if (exported) {
      const { text: url, note } = put(exported.url);
      return { url, source: `\`export ${exported.label}\`${exported.valueNote ?? ''}${note}`, at: publish.location, atValue: false };
    }
    const env = nearestEnv(step, matches);
    if (env?.value === undefined) return undefined;
    const { text: url, note } = withCallerInputs(env.value, inputs);
    return { url, source: `\`${env.name}\` in the ${env.level} \`env\`${note}`, at: env.node, atValue: true };
  };
  const layers: RegistryLayers = {
    reads,
    env: (key) => fromEnv((name) => npmEnvConfigKey(name) === key, key === 'registry' ? sameBlockEnv : undefined),
    // The npm CLI (and its scripts) reads the `.npmrc` of its local prefix only.
    npmrc: (dir, key) => ctx.npmrc(dir, key, readsNpmCliConfig(publish), swaps),
    user: userLayer(ctx, step, user, userConfig, readsNpmCliConfig(publish)),
    yarnrc: (key) => ctx.yarnrc(key),
    yarnEnv: (key) => fromEnv((name) => yarnEnvRegistryKey(name) === key, undefined),
    ...commandLayers(publish),
  };
  // `--registry https://${{ env.HOST }}` in the step's own `run`: GitHub puts a literal `env:` value in first;
  // `--registry ${{ inputs.registry }}` (or an action's `registry` input) in a called workflow: its callers' value.
  if (layers.flag && publish.viaAction === undefined && publish.match.via.length === 0) {
    // `--registry "$REGISTRY"`: the shell puts in what a literal `env:` entry holds.
    const written = step.run ? withShellEnv(step, withLiteralEnv(step, layers.flag.url), step.run.text.slice(0, publish.match.offset)) : layers.flag.url;
    const { text: url, note } = withCallerInputs(written, inputs);
    layers.flag = { ...layers.flag, url, source: `${layers.flag.source}${note}` };
  }
  const npmFiles: readonly string[] = CONFIG_FILES_READ.npm;
  const elsewhere = user.find((u) => u.key !== null && u.key !== 'registry' && npmFiles.includes(u.file) && classifyRegistry(u.setting.url) === 'other' && (u.setupNode !== true || userConfig.kind === 'setup-node'));
  if (elsewhere) layers.scopedElsewhere = elsewhere.setting;
  if ([...views, ...(own ? [own] : [])].some((v) => v.run !== undefined && rewritesManifest(v.run.text))) layers.manifestRewritten = true;
  return layers;
}
