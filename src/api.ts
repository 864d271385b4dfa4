import { inferPublishers } from './config/infer.js';
import { loadConfig, type ConfigError } from './config/load.js';
import type { ResolvedConfig } from './config/types.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { AnyRule } from './engine/define-rule.js';
import { lintProject, type InternalError } from './engine/run.js';
import type { SourceFs } from './fs/source.js';
import { compileGlobs } from './fs/globs.js';
import { loadProject, type Project } from './model/project.js';

export interface LintRequest {
  fs: SourceFs;
  rules: readonly AnyRule[];
  /** `--config FILE`: repository-relative or absolute. */
  configPath?: string;
  /** A config to use instead of reading one (tests, the ESLint adapter). */
  config?: ResolvedConfig;
  /** Per-run rule severity overrides (`--rule id:severity`), applied over the config's. */
  ruleOverrides?: ResolvedConfig['rules'];
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
 */
export function lintSync(request: LintRequest): LintOutcome {
  let config = request.config;
  if (!config) {
    const loaded = loadConfig(request.fs, {
      configPath: request.configPath,
      knownRuleIds: request.rules.map((r) => r.id),
    });
    if (loaded.errors.length > 0) return { ok: false, configErrors: loaded.errors };
    config = loaded.config;
  }
  if (request.ruleOverrides) config = { ...config, rules: { ...config.rules, ...request.ruleOverrides } };
  const isIgnored = config.ignore.length > 0 ? compileGlobs(config.ignore) : undefined;
  const gitlabCiFiles = config.publishers.flatMap((p) => (p.provider === 'gitlab' ? [p.ciFile] : []));
  const trustedWorkflows = config.publishers.flatMap((p) => (p.provider === 'github' && !p.inferred && p.workflow ? [p.workflow] : []));
  const project = loadProject(request.fs, {
    isIgnored,
    gitlabCiFiles: gitlabCiFiles.length > 0 ? gitlabCiFiles : undefined,
    trustedWorkflows,
  });
  const inference = inferPublishers(project, config);
  const result = lintProject(project, { rules: request.rules, config: inference.config });
  return {
    ok: true,
    diagnostics: result.diagnostics,
    internalErrors: result.internalErrors,
    config: inference.config,
    project,
    notes: inference.note ? [inference.note] : [],
  };
}

