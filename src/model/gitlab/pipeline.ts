/**
 * The GitLab CI model: the top-level CI file and its local includes composed into effective jobs,
 * the way GitLab builds them: YAML anchors and merge keys, `include:` merge (`include.ts`),
 * `extends:` (`extends.ts`), `!reference` (`references.ts`), then `default:` and global variables
 * (`assemble.ts`). Every effective value keeps the node where it is written (see `Origin`), so a
 * rule can point at the template the user has to edit.
 */
import { repoPathOrAsWritten } from '../../fs/paths.js';
import type { SourceFs } from '../../fs/source.js';
import type { FileProblem } from '../core/problems.js';
import { assembleJobs, JOB_BUDGET, pipelineDefaults, readIdTokens } from './assemble.js';
import { MAX_PIPELINE_MATRIX_JOBS } from './matrix.js';
import { ExtendsResolver } from './extends.js';
import { composeConfig, hiddenIncludesOf, parseCiFile, type ComposedConfig } from './include.js';
import { ReferenceResolver } from './references.js';
import type { EffectiveValue, GitlabJob, GitlabPipeline, GitlabProblem } from './types.js';
import { Budget, leafText, unwrap, type V } from './values.js';
import type { YNode } from '../../yaml/parse.js';
import type { RecognizeContext } from '../npm/publish-commands.js';
import type { RootRecognizeOptions } from '../npm/root-options.js';

export const DEFAULT_CI_FILE = '.gitlab-ci.yml';

/**
 * Top-level keys that are not jobs: GitLab's global keywords (`default`, `include`, `stages`,
 * `variables`, `workflow`), the deprecated globally-defined job keywords (`image`, `services`,
 * `cache`, `before_script`, `after_script`, which act as defaults), the removed `types`, and the
 * header keyword `spec`. `id_tokens` is not a keyword at all: it is kept apart (`topLevelIdTokens`)
 * because GitLab ignores it there.
 */
export const GLOBAL_KEYWORDS: ReadonlySet<string> = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
  'spec',
]);

/** Work bound for one pipeline (nodes converted, references followed, values built). */
const WORK_BUDGET = 5_000_000;

/**
 * A CI file path as GitLab reads it (from the repository root; a leading `/` or `./` is the root)
 * through the containment point; a path that leaves the repository is kept as written, and
 * every `SourceFs` refuses to read it.
 */
export function normalizeCiFile(ciFile: string): string {
  return repoPathOrAsWritten(ciFile.replace(/^\/+/, ''));
}

export interface GitlabLoadOptions extends RootRecognizeOptions {
  /**
   * For a child pipeline (`trigger: include: local:`): the top-level CI file of the project, which
   * is what the OIDC claim names for its jobs too. The pipeline's `ciFile` is then this file.
   */
  claimFile?: string;
}

/**
 * Loads the pipeline that starts at `ciFile`. `pipeline` is undefined when that file does not
 * exist (or is ignored); a file that exists but cannot be read or parsed gives a pipeline with
 * `parsed: false` and no jobs, plus the file problems. Never throws on bad input.
 */
export function loadGitlabPipeline(
  fs: SourceFs,
  ciFile: string,
  options: GitlabLoadOptions = {},
): { pipeline?: GitlabPipeline; fileProblems: FileProblem[] } {
  const isIgnored = options.isIgnored ?? (() => false);
  const file = normalizeCiFile(ciFile);
  const fileProblems: FileProblem[] = [];
  if (isIgnored(file)) return { fileProblems };
  const read = fs.read(file);
  if (!read.ok && read.reason === 'missing') return { fileProblems };
  const claim = options.claimFile ?? file;
  const empty = (): GitlabPipeline => ({
    ciFile: claim,
    parsed: false,
    documents: [],
    includes: [],
    hasUnreadableIncludes: false,
    jobs: [],
    templates: [],
    defaults: new Map(),
    globalVariables: new Map(),
    problems: [],
  });
  if (!read.ok) {
    fileProblems.push({ file, kind: 'read', failure: read });
    return { pipeline: empty(), fileProblems };
  }
  const { doc, root } = parseCiFile(file, read.text, fileProblems);
  if (!root) {
    const pipeline = empty();
    if (doc.problems.length === 0) pipeline.documents.push(doc);
    return { pipeline, fileProblems };
  }
  const budget = new Budget(WORK_BUDGET);
  const composed = composeConfig(file, doc, root, { fs, isIgnored, budget });
  fileProblems.push(...composed.fileProblems);
  const pipeline = new Builder(claim, composed, budget, { scripts: options.scripts, configSkipsNpm: options.configSkipsNpm, packageScripts: options.packageScripts, packageDir: options.packageDir, workspaceScripts: options.workspaceScripts, shellFile: options.shellFile, toolConfig: options.toolConfig, npmrcIgnoresScripts: options.npmrcIgnoresScripts, prePost: options.prePost, privatePackage: options.privatePackage, dir: '' }).build();
  if (options.claimFile !== undefined) pipeline.sourceFile = file;
  return { pipeline, fileProblems };
}

/** The entries of a trigger job's `trigger: include:` (a string, a map, or a list of them). */
function triggerIncludes(job: GitlabJob): EffectiveValue[] {
  if (job.kind !== 'trigger') return [];
  const trigger = job.keywords.get('trigger');
  const include = trigger?.kind === 'map' ? trigger.entries.get('include') : undefined;
  if (!include) return [];
  return include.kind === 'leaf' && include.items ? include.items : [include];
}

/**
 * The local files the pipeline's trigger jobs start as child pipelines (`trigger: include:` with
 * a string, `local:` entries, or a list of them). Remote, project and artifact children are not
 * read (`generatedChildPipelines` lists the artifact ones).
 */
export function childPipelineFiles(pipeline: GitlabPipeline): string[] {
  const out: string[] = [];
  for (const job of pipeline.jobs) {
    for (const entry of triggerIncludes(job)) {
      const local = entry.kind === 'map' ? entry.entries.get('local') : entry;
      const text = local?.kind === 'leaf' ? local.origin.node.text : undefined;
      if (text !== undefined && text.trim() !== '' && !text.includes('$')) out.push(text.trim().replace(/^\.?\/+/, ''));
    }
  }
  return [...new Set(out)];
}

/** A dynamic child pipeline: a trigger job whose `trigger: include:` names an `artifact:` another job writes at run time. */
export interface GeneratedChildPipeline {
  /** The trigger job. */
  job: GitlabJob;
  /** The artifact path, as written. */
  artifact: string;
  /** The job that generates it (`job:`), as written; undefined when not given. */
  from?: string;
  /** The `artifact:` value. */
  node: YNode;
}

/**
 * The child pipelines the pipeline's trigger jobs start from a file a job generates at run time
 * (`trigger: include: - artifact: child.yml, job: generate`): tp-doctor reads only committed files,
 * so a publish there cannot be checked. Once per `artifact:` entry (a matrix trigger job's
 * combinations share it).
 */
export function generatedChildPipelines(pipeline: GitlabPipeline): GeneratedChildPipeline[] {
  const out: GeneratedChildPipeline[] = [];
  const seen = new Set<YNode>();
  for (const job of pipeline.jobs) {
    for (const entry of triggerIncludes(job)) {
      const artifact = entry.kind === 'map' ? entry.entries.get('artifact') : undefined;
      const text = leafText(artifact);
      if (!artifact || text === undefined || seen.has(artifact.origin.node)) continue;
      seen.add(artifact.origin.node);
      const from = entry.kind === 'map' ? leafText(entry.entries.get('job')) : undefined;
      out.push({ job, artifact: text, node: artifact.origin.node, ...(from !== undefined ? { from } : {}) });
    }
  }
  return out;
}

class Builder {
  private readonly problems: GitlabProblem[] = [];
  private readonly problemKeys = new Set<string>();
  private readonly hasUnreadableIncludes: boolean;
  private readonly extends: ExtendsResolver;
  private readonly references: ReferenceResolver;

  constructor(
    private readonly ciFile: string,
    private readonly composed: ComposedConfig,
    private readonly budget: Budget,
    private readonly recognize: RecognizeContext,
  ) {
    this.hasUnreadableIncludes = composed.problems.some((p) => p.kind === 'include-remote' || p.kind === 'include-unreadable');
    const report = (problem: GitlabProblem): void => this.report(problem);
    this.extends = new ExtendsResolver(composed.config, report, this.hasUnreadableIncludes);
    this.references = new ReferenceResolver((name) => this.extends.extendedOf(name), budget, report, this.hasUnreadableIncludes);
    for (const p of composed.problems) this.report(p);
  }

  build(): GitlabPipeline {
    const names = [...this.composed.config.keys()];
    // GitLab resolves `extends:` and `!reference` in every entry, used or not: a broken template
    // fails the pipeline even when no job uses it.
    this.extends.checkDepth(names);
    for (const name of names) this.extends.extend(name, [], name);
    this.references.checkReferenceDepth(names);
    this.references.checkReferenceCycles(names);
    const resolved = new Map<string, { v: V; incomplete: boolean }>();
    for (const name of names) {
      const state = { incomplete: false };
      const v = this.references.resolveRefs(this.extends.extendedOf(name)!, 0, state);
      resolved.set(name, { v, incomplete: state.incomplete || this.extends.incomplete.has(name) });
    }
    const defaults = pipelineDefaults(resolved, this.budget);
    const defaultIdTokens = readIdTokens(defaults.defaults.get('id_tokens'), defaults.globalVariables, this.composed.inputs);

    const jobs: GitlabJob[] = [];
    const templates: string[] = [];
    // Includes tp-doctor cannot read may define the templates a job's script comes from.
    const hidden = hiddenIncludesOf(this.problems);
    const matrixBudget = { left: MAX_PIPELINE_MATRIX_JOBS };
    for (const name of names) {
      if (name.startsWith('.')) {
        templates.push(name);
        continue;
      }
      if (GLOBAL_KEYWORDS.has(name) || name === 'id_tokens') continue;
      const entry = resolved.get(name)!;
      if (unwrap(entry.v).t !== 'map') continue;
      const budget = this.budget.child(JOB_BUDGET);
      jobs.push(
        ...assembleJobs(name, entry.v, entry.incomplete, {
          ciFile: this.ciFile,
          budget,
          definitions: this.composed.definitions.get(name) ?? [],
          extendsChain: this.extends.extendsChain(name),
          defaults,
          recognize: this.recognize,
          inputs: this.composed.inputs,
          matrixBudget,
          ...(hidden.length > 0 ? { unread: { missingExtends: this.extends.missingTargets(name), includes: hidden } } : {}),
        }),
      );
    }

    const pipeline: GitlabPipeline = {
      ciFile: this.ciFile,
      parsed: true,
      documents: this.composed.documents,
      includes: this.composed.includes,
      hasUnreadableIncludes: this.hasUnreadableIncludes,
      jobs,
      templates,
      defaults: defaults.defaults,
      globalVariables: defaults.globalVariables,
      problems: this.problems,
    };
    const topLevelIdTokens = this.composed.definitions.get('id_tokens')?.at(-1);
    if (topLevelIdTokens) pipeline.topLevelIdTokens = topLevelIdTokens;
    if (defaultIdTokens) pipeline.defaultIdTokens = defaultIdTokens;
    return pipeline;
  }

  private report(problem: GitlabProblem): void {
    const loc = problem.location;
    const key = `${problem.kind}@${loc.file}:${loc.start.line}:${loc.start.column}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problems.push(problem);
  }
}
