/**
 * GitHub publish sites: each publish command of a job with the facts every rule reads (see
 * `../publish.ts`): the directory it runs in, the packages it publishes, the registry they go to
 * and the setting that decided it.
 */
import { classifyRegistry, inlineEnvRegistry, registryReadsOf, decideSiteRegistry, readsNpmCliConfig, type RegistryLayers } from '../npm/registry.js';
import { splitCommands } from '../npm/shell.js';
import { commandEnd, scriptIndex } from '../npm/script-index.js';
import { resolveTargets, type ResolvedTargets, type TargetInput } from '../npm/targets.js';
import type { PublishCommand, PublishTargets, RegistrySetting, SiteContext } from '../npm/publish-site.js';
import type { WorkspacePackage } from '../npm/workspaces.js';
import { mentionsMatrix, substituteMatrix } from './matrix.js';
import { stepCombinations } from './setup-node.js';
import { envFor, stepDirectory } from './steps.js';
import { publishingView, viewsBefore, type StepView } from './step-views.js';
import type { GithubSite, Job, MatrixCombination, Step } from './types.js';

/** setup-node's scope: its `scope` input, else the repository owner for GitHub Packages. */
function setupNodeScope(view: StepView, url: string, owner: string | undefined): string | undefined | null {
  const input = view.input('scope')?.text?.trim();
  if (input?.includes('${{')) return null; // unknown
  const scope = input || (/npm\.pkg\.github\.com/i.test(url) ? owner : undefined);
  if (!scope) return undefined;
  return (scope.startsWith('@') ? scope : `@${scope}`).toLowerCase();
}

/** The user configuration the job writes before the publish: setup-node, `npm config set`, `.npmrc` writes; last first. */
function userSettings(views: readonly StepView[], sameBlock: StepView | undefined, offset: number, owner: string | undefined): { key: string | null; setting: RegistrySetting }[] {
  const out: { key: string | null; setting: RegistrySetting }[] = [];
  const fromRun = (view: StepView, limit: number): void => {
    const run = view.run;
    if (!run) return;
    const writes = scriptIndex(run.text).registryWrites.filter((w) => w.level === 'user' && w.end <= limit);
    for (const w of writes.reverse()) {
      const at = run.exact ? { file: run.node.file, ...run.node.valueSpan(w.offset, w.end) } : run.node;
      out.push({ key: w.key, setting: { url: w.url, source: `\`${w.label}\` in \`${view.path}\``, at, atValue: true } });
    }
  };
  if (sameBlock) fromRun(sameBlock, offset);
  for (const view of [...views].reverse()) {
    if (view.uses?.toLowerCase() === 'actions/setup-node') {
      const input = view.input('registry-url');
      const url = input?.text;
      if (input && url !== undefined && url.trim() !== '') {
        const scope = setupNodeScope(view, url, owner);
        const forScope = typeof scope === 'string' ? ` (scope ${scope})` : '';
        const setting = { url, source: `setup-node's \`registry-url\`${forScope} in \`${view.path}\``, at: input.node, atValue: true };
        out.push({ key: scope === null ? null : scope === undefined ? 'registry' : `${scope}:registry`, setting });
      }
    }
    fromRun(view, Infinity);
  }
  return out;
}

function registryLayers(ctx: SiteContext, step: Step, publish: PublishCommand, views: readonly StepView[], own: StepView | undefined): RegistryLayers {
  const flagUrl = publish.match.flags.registry;
  const reads = registryReadsOf(publish.match.tool, publish.match.recognizer);
  const flag: RegistrySetting | undefined =
    flagUrl !== undefined ? { url: flagUrl, source: `\`--registry\` on \`${publish.match.label}\``, at: publish.location, atValue: false } : undefined;
  const offset = publish.viaAction === undefined && own?.run ? publish.match.offset : 0;
  const user = userSettings(views, own?.run ? own : undefined, offset, ctx.owner);
  const sameBlockEnv = own?.run ? scriptIndex(own.run.text).registryWrites.filter((w) => w.level === 'env' && w.end <= offset).at(-1) : undefined;
  const inline = own?.run ? inlineEnvRegistry(splitCommands(publish.match.text)[0]) : undefined;
  const layers: RegistryLayers = {
    reads,
    env: (key) => {
      if (key !== 'registry') return undefined;
      if (inline !== undefined) return { url: inline, source: '`NPM_CONFIG_REGISTRY` on the command', at: publish.location, atValue: false };
      if (sameBlockEnv) return { url: sameBlockEnv.url, source: `\`export ${sameBlockEnv.label}\``, at: publish.location, atValue: false };
      const env = envFor(step, 'npm_config_registry');
      if (env?.value === undefined || env.value.trim() === '') return undefined;
      return { url: env.value, source: `\`${env.name}\` in the ${env.level} \`env\``, at: env.node, atValue: true };
    },
    // The npm CLI (and its scripts) reads the `.npmrc` of its local prefix only.
    npmrc: (dir, key) => ctx.npmrc(dir, key, readsNpmCliConfig(publish)),
    user: (key) => {
      // A setup-node `scope` that is an expression may or may not be this scope: its URL then decides nothing for sure.
      for (const u of user) {
        if (u.key === key) return u.setting;
        if (u.key === null) return { ...u.setting, url: '${{ unknown scope }}' };
      }
      return undefined;
    },
    yarnrc: (scope) => ctx.yarnrc(scope),
  };
  if (flag) layers.flag = flag;
  const elsewhere = user.find((u) => u.key !== null && u.key !== 'registry' && classifyRegistry(u.setting.url) === 'other');
  if (elsewhere) layers.scopedElsewhere = elsewhere.setting;
  return layers;
}

/**
 * The targets of a publish whose command names a matrix value (`pnpm publish --filter=${{
 * matrix.package.name }}`): the packages of every combination together, when each names its
 * packages; undefined when the command has no matrix value or one combination cannot be read.
 */
function perCombination(input: TargetInput, job: Job, step: Step): ResolvedTargets | undefined {
  const { match } = input;
  if (job.matrixUnresolved || !job.matrix || match.via.length > 0 || !mentionsMatrix(match.text)) return undefined;
  const variants = new Map<string, TargetInput['match']>();
  // Only the combinations the job's and the step's `if:` let run (`if: matrix.pkg == 'a'`).
  const combos = stepCombinations(job, step).filter((c): c is MatrixCombination => c !== undefined);
  if (combos.length === 0) return undefined;
  for (const combo of combos) {
    const text = substituteMatrix(match.text, combo);
    const args = match.args.map((a) => substituteMatrix(a, combo));
    if (text === undefined || args.some((a) => a === undefined)) return undefined;
    variants.set(text, { ...match, text, args: args as string[] });
  }
  const each = [...variants.values()].map((variant) => resolveTargets({ ...input, match: variant }));
  if (each.some((r) => r.targets.kind === 'unknown')) return undefined;
  const byDir = new Map<string, WorkspacePackage>();
  for (const r of each) for (const p of r.targets.packages) byDir.set(p.dir, p);
  const manifests = new Map<string, WorkspacePackage>();
  for (const r of each) for (const p of r.targets.manifests ?? []) manifests.set(p.dir, p);
  const directories = new Set(each.map((r) => r.directory));
  const kind = each.some((r) => r.targets.kind === 'workspaces') ? 'workspaces' : 'single';
  const targets: PublishTargets = { kind, packages: [...byDir.values()], candidates: [], ...(kind === 'single' ? { manifests: [...manifests.values()] } : {}) };
  return { targets, directory: directories.size === 1 ? each[0]!.directory : input.directory };
}

/** The publish sites of a GitHub job, in step order. */
export function githubSites(ctx: SiteContext, job: Job): GithubSite[] {
  const out: GithubSite[] = [];
  for (const step of job.steps) {
    for (const publish of step.publishes) {
      const views = viewsBefore(ctx.readAction, job, step, publish);
      const own = publishingView(ctx.readAction, step, publish);
      const stepDir = publish.directory ?? stepDirectory(step);
      const script = publish.viaAction === undefined && step.run ? scriptIndex(step.run.text) : undefined;
      const offset = publish.match.offset;
      const textBefore = script && step.run ? step.run.text.slice(0, offset) : undefined;
      const versionSetBefore = views.some((v) => v.run !== undefined && scriptIndex(v.run.text).versionSetEnd !== Infinity) || (script !== undefined && script.versionSetEnd <= offset);
      const directoryChangesBefore = script?.directoryChanges.filter((c) => commandEnd(c) <= offset);
      const packageInput = step.with.get('package')?.text;
      const input = {
        discovery: ctx.discovery,
        packageAt: ctx.packageAt,
        list: ctx.list,
        directory: stepDir,
        textBefore,
        ...(directoryChangesBefore ? { directoryChangesBefore } : {}),
        match: publish.match,
        viaAction: publish.viaAction !== undefined,
        ...(packageInput !== undefined ? { packageInput } : {}),
        versionSetBefore,
      };
      const { targets, directory } = perCombination(input, job, step) ?? resolveTargets(input);
      const layers = registryLayers(ctx, step, publish, views, own);
      const { registry, packageRegistries, certainty } = decideSiteRegistry(layers, targets, directory, ctx.scopeHint, publish.certainty);
      out.push({ provider: 'github', job, step, publish, directory, targets, registry, packageRegistries, certainty });
    }
  }
  return out;
}
