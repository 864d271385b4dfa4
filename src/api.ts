import { inferPublishers, unreadSetupNote } from './config/infer.js';
import { loadConfig, type ConfigError } from './config/load.js';
import type { ResolvedConfig } from './config/types.js';
import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import type { AnyRule } from './engine/define-rule.js';
import { inertWorkflowLinter, lintProject, type InternalError, type LintResult } from './engine/run.js';
import type { SourceFs } from './fs/source.js';
import { compileGlobs } from './fs/globs.js';
import { loadProject, type LoadOptions, type Project } from './model/project.js';
import type { Workflow } from './model/github/types.js';
import type { RegistryFacts } from './model/core/registrations.js';

export interface LintRequest {
  fs: SourceFs;
  rules: readonly AnyRule[];
  /** `--config FILE`: repository-relative or absolute. */
  configPath?: string;
  /** A config to use instead of reading one (tests, the ESLint adapter). */
  config?: ResolvedConfig;
  /** Per-run rule severity overrides (`--rule id:severity`), applied over the config's. */
  ruleOverrides?: ResolvedConfig['rules'];
  /**
   * What the registry says (`tp-doctor --online`), fetched by the caller before the lint; absent
   * offline, and the rules that compare with it stay quiet.
   */
  registrations?: RegistryFacts;
  /**
   * False keeps every workflow in memory until the rules have run (`LoadOptions.onInert` unused).
   * The default streams the workflows nothing project-wide depends on; both give the same findings
   * (test/streaming.test.ts compares them on every corpus).
   */
  stream?: boolean;
}

export type LintOutcome =
  | { ok: false; configErrors: ConfigError[] }
  | {
      ok: true;
      diagnostics: Diagnostic[];
      internalErrors: InternalError[];
      config: ResolvedConfig;
      project: Project;
      /** Things the user should know that are not findings (e.g. what was inferred). */
      notes: string[];
    };

/** Loads the config and the project, infers a publisher when none is declared, runs the rules. */
export async function lint(request: LintRequest): Promise<LintOutcome> {
  return lintSync(request);
}

/**
 * The same as `lint`, for hosts that cannot wait for a promise (ESLint calls rules synchronously).
 * Everything tp-doctor does is synchronous file reading and computation; `lint` only wraps this.
 * `parts`: what the parts of a parallel run found (`lintPart`, src/cli/parallel.ts); their
 * workflows are not read again, and their findings are merged with the rest.
 */
export function lintSync(request: LintRequest, parts: readonly PartResult[] = []): LintOutcome {
  // The workflows nothing project-wide depends on are linted while the project loads, then
  // dropped (LoadOptions.onInert): memory holds only the workflows the project-wide facts need.
  const streamed: LintResult = { diagnostics: parts.flatMap((p) => p.diagnostics), internalErrors: parts.flatMap((p) => p.internalErrors) };
  const reads = { actionDirs: [...new Set(parts.flatMap((p) => p.actionDirs))], packageDirs: [...new Set(parts.flatMap((p) => p.packageDirs))] };
  const input = loadLintInput({
    ...request,
    knownRuleIds: request.rules.map((r) => r.id),
    stream: request.stream === false ? undefined : streamer(request, streamed),
    ...(parts.length > 0 ? { parts: { streamed: new Set(parts.flatMap((p) => p.streamed)), reads } } : {}),
  });
  if (!input.ok) return input;
  const result = lintProject(input.project, { rules: request.rules, config: input.config, registrations: request.registrations });
  const diagnostics = streamed.diagnostics.length === 0 ? result.diagnostics : [...result.diagnostics, ...streamed.diagnostics].sort(compareDiagnostics);
  return {
    ok: true,
    diagnostics,
    internalErrors: [...result.internalErrors, ...streamed.internalErrors],
    config: input.config,
    project: input.project,
    notes: input.notes,
  };
}

/** The `onInert` of a run with the resolved config: lints each streamed workflow into `into`. */
function streamer(request: LintRequest, into: LintResult): (config: ResolvedConfig) => LoadOptions['onInert'] {
  return (config) => {
    let lintOne: ((workflow: Workflow) => LintResult) | undefined;
    return (workflow, view) => {
      lintOne ??= inertWorkflowLinter(view, { rules: request.rules, config, registrations: request.registrations });
      const one = lintOne(workflow);
      for (const d of one.diagnostics) into.diagnostics.push(d);
      for (const e of one.internalErrors) into.internalErrors.push(e);
    };
  };
}

/** What one part of a parallel run found: plain data, as it crosses from a worker thread. */
export interface PartResult {
  /** The workflow files it checked and dropped (those nothing project-wide depends on). */
  streamed: string[];
  diagnostics: Diagnostic[];
  internalErrors: InternalError[];
  /** What their publish detection read (replayed by the final load: see `LoadOptions.parts`). */
  actionDirs: string[];
  packageDirs: string[];
}

/**
 * One part of a parallel run: reads these workflow files, checks the ones nothing project-wide
 * depends on, and says which it checked; the others are left to the final `lintSync(request,
 * parts)`. Nothing when the config has errors (the final run reports them).
 */
export function lintPart(request: LintRequest, files: readonly string[]): PartResult {
  const part: PartResult = { streamed: [], diagnostics: [], internalErrors: [], actionDirs: [], packageDirs: [] };
  const config = resolveConfig({ ...request, knownRuleIds: request.rules.map((r) => r.id) });
  if ('configErrors' in config) return part;
  const project = loadProject(request.fs, { ...projectOptions(config), onInert: streamer(request, part)(config), part: { files: new Set(files), record: part } });
  part.streamed = project.streamed ?? [];
  return part;
}

export type LintInput =
  | { ok: false; configErrors: ConfigError[] }
  | { ok: true; config: ResolvedConfig; project: Project; notes: string[] };

/**
 * The config (with inferred publishers) and the project the rules would see, without running them
 * (`tp-doctor init` and `--online` read the same facts). `knownRuleIds`: when given, unknown ids
 * under `rules:` are config errors.
 */
export function loadLintInput(
  request: Pick<LintRequest, 'fs' | 'configPath' | 'config' | 'ruleOverrides'> & {
    knownRuleIds?: readonly string[];
    /** Streams the inert workflows to the callback this returns for the resolved config (see `lintSync`). */
    stream?: (config: ResolvedConfig) => LoadOptions['onInert'];
    /** The final load of a parallel run (`LoadOptions.parts`). */
    parts?: LoadOptions['parts'];
  },
): LintInput {
  const config = resolveConfig(request);
  if ('configErrors' in config) return { ok: false, configErrors: config.configErrors };
  const project = loadProject(request.fs, { ...projectOptions(config), onInert: request.stream?.(config), parts: request.parts });
  const inference = inferPublishers(project, config);
  const notes = [inference.note, unreadSetupNote(project)].filter((n): n is string => n !== undefined);
  return { ok: true, config: inference.config, project, notes };
}

/** The declared (or empty) config with the run's rule overrides; config errors as such. */
function resolveConfig(
  request: Pick<LintRequest, 'fs' | 'configPath' | 'config' | 'ruleOverrides'> & { knownRuleIds?: readonly string[] },
): ResolvedConfig | { configErrors: ConfigError[] } {
  let config = request.config;
  if (!config) {
    const loaded = loadConfig(request.fs, { configPath: request.configPath, knownRuleIds: request.knownRuleIds });
    if (loaded.errors.length > 0) return { configErrors: loaded.errors };
    config = loaded.config;
  }
  return request.ruleOverrides ? { ...config, rules: { ...config.rules, ...request.ruleOverrides } } : config;
}

/** What the loader needs from the config: ignored files, the declared CI files and workflows. */
function projectOptions(config: ResolvedConfig): LoadOptions {
  const gitlabCiFiles = config.publishers.flatMap((p) => (p.provider === 'gitlab' ? [p.ciFile] : []));
  const circleciConfigFiles = config.publishers.flatMap((p) => (p.provider === 'circleci' ? [p.configFile] : []));
  return {
    isIgnored: config.ignore.length > 0 ? compileGlobs(config.ignore) : undefined,
    gitlabCiFiles: gitlabCiFiles.length > 0 ? gitlabCiFiles : undefined,
    circleciConfigFiles: circleciConfigFiles.length > 0 ? circleciConfigFiles : undefined,
    trustedWorkflows: config.publishers.flatMap((p) => (p.provider === 'github' && !p.inferred && p.workflow ? [p.workflow] : [])),
  };
}
