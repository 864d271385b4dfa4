import { inDir, repoPath } from '../fs/paths.js';
import { describeReadFailure, type ReadFailure, type SourceFs } from '../fs/source.js';
import { parseYaml, type YamlDocument, type YamlProblem, type YNode } from '../yaml/parse.js';
import type { Location } from '../yaml/span.js';
import { CallGraph } from './github/call-graph.js';
import type { Job, PublishCommand, Step, Workflow } from './github/types.js';
import { readWorkflow } from './github/workflow.js';
import { readGitRemote, type GitRemote } from './git.js';
import { DEFAULT_CI_FILE, loadGitlabPipeline } from './gitlab/pipeline.js';
import { MAX_JOBS_PER_WORKFLOW, MAX_STEPS_PER_JOB, MAX_WORKFLOW_FILES } from './limits.js';
import type { GitlabPipeline } from './gitlab/types.js';
import { loadPackageJson, type PackageJson, type PackageJsonProblem } from './npm/package-json.js';
import { findPublishCommands, recognizeAction, type RecognizeContext } from './npm/publish-commands.js';
import { publishRegistry } from './npm/registry.js';

export const WORKFLOW_DIR = '.github/workflows';

/** A file that could not become a model: unreadable, not YAML, or not the expected shape. */
export type FileProblem =
  | { file: string; kind: 'read'; failure: ReadFailure }
  | { file: string; kind: 'yaml'; problem: YamlProblem }
  | { file: string; kind: 'shape'; shape: 'empty' | 'not-a-map'; location: Location }
  /** A limit of ./limits.ts was hit: `count` things where at most `max` are read. */
  | { file: string; kind: 'limit'; limit: 'workflow-files' | 'jobs' | 'steps'; count: number; max: number; location: Location };

export interface Project {
  fs: SourceFs;
  /** Every entry name in `.github/workflows` (workflow or not), for near-miss suggestions. */
  workflowDirEntries: string[];
  /** False when the repository has no `.github/workflows` directory at all. */
  workflowDirExists: boolean;
  workflows: Workflow[];
  /** Every YAML document read (workflows, local composite actions), for suppression comments. */
  documents: YamlDocument[];
  problems: FileProblem[];
  packageJson?: PackageJson;
  /** Problems of the root package.json and of those read for a step's `working-directory`. */
  packageJsonProblems: PackageJsonProblem[];
  callGraph: CallGraph;
  gitRemote?: GitRemote;
  /** Why the git remote was not read when `.git` leads outside the repository (for the inference note). */
  gitRemoteRefused?: string;
  /** The GitLab pipeline of each top-level CI file that exists (declared `ciFile`s, else `.gitlab-ci.yml`). */
  gitlab: GitlabPipeline[];
}

export interface LoadOptions {
  /** Repository-relative files to skip (from the config's `ignore`). */
  isIgnored?: (file: string) => boolean;
  /** Top-level GitLab CI files to read (default: `.gitlab-ci.yml`). */
  gitlabCiFiles?: readonly string[];
}

export function isWorkflowFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** Reads a YAML file, recording read and parse problems; returns the document when usable. */
function readYaml(fs: SourceFs, file: string, problems: FileProblem[], gitlabTags = false): YamlDocument | undefined {
  const result = fs.read(file);
  if (!result.ok) {
    problems.push({ file, kind: 'read', failure: result });
    return undefined;
  }
  const doc = parseYaml(file, result.text, { gitlabTags });
  for (const problem of doc.problems) problems.push({ file, kind: 'yaml', problem });
  return doc.problems.length > 0 ? undefined : doc;
}

function location(node: YNode): Location {
  return { file: node.file, ...node.span };
}

/** The first structure limit (jobs, steps in a job) a workflow document exceeds, if any. */
function structureLimit(doc: YamlDocument): { limit: 'jobs' | 'steps'; count: number; max: number; location: Location } | undefined {
  const jobs = doc.root?.isMap ? doc.root.get('jobs') : undefined;
  if (!jobs?.isMap) return undefined;
  const entries = jobs.entries();
  if (entries.length > MAX_JOBS_PER_WORKFLOW) {
    return { limit: 'jobs', count: entries.length, max: MAX_JOBS_PER_WORKFLOW, location: { file: doc.file, ...(jobs.keySpan ?? jobs.span) } };
  }
  for (const job of entries) {
    const steps = job.isMap ? job.get('steps') : undefined;
    const count = steps?.isSeq ? steps.items().length : 0;
    if (steps && count > MAX_STEPS_PER_JOB) {
      return { limit: 'steps', count, max: MAX_STEPS_PER_JOB, location: { file: doc.file, ...(steps.keySpan ?? steps.span) } };
    }
  }
  return undefined;
}

/**
 * Loads everything the rules look at. Reads files only through `fs`; never executes anything from
 * the repository. Bad files become `problems`, never exceptions.
 */
export function loadProject(fs: SourceFs, options: LoadOptions = {}): Project {
  const isIgnored = options.isIgnored ?? (() => false);
  const problems: FileProblem[] = [];
  const documents: YamlDocument[] = [];
  const listing = fs.readDir(WORKFLOW_DIR);
  // A directory that exists but cannot be listed (permissions, a link out of the root) is a
  // finding, never an empty directory.
  if (!listing.ok && listing.reason !== 'missing') problems.push({ file: WORKFLOW_DIR, kind: 'read', failure: listing });
  const entries = listing.ok ? listing.entries : [];
  const workflows: Workflow[] = [];
  const workflowFiles = entries.filter((e) => !e.isDir && isWorkflowFileName(e.name));
  if (workflowFiles.length > MAX_WORKFLOW_FILES) {
    const start = { line: 1, column: 1 };
    problems.push({
      file: WORKFLOW_DIR,
      kind: 'limit',
      limit: 'workflow-files',
      count: workflowFiles.length,
      max: MAX_WORKFLOW_FILES,
      location: { file: WORKFLOW_DIR, start, end: start },
    });
  }
  const readable = new Set(workflowFiles.slice(0, MAX_WORKFLOW_FILES).map((e) => e.name));

  const rootPackage = loadPackageJson(fs, 'package.json');
  const packageJson: PackageJson | undefined = rootPackage.pkg;
  const packageJsonProblems = [...rootPackage.problems];
  const packageCache = new Map<string, PackageJson | undefined>([['', packageJson]]);
  const packageAt = (dir: string): PackageJson | undefined => {
    const contained = /\$\{\{/.test(dir) ? undefined : repoPath(dir);
    // An expression, or a directory outside the repository: no package.json to read.
    if (!contained?.ok) return undefined;
    const clean = contained.path;
    if (packageCache.has(clean)) return packageCache.get(clean);
    const loaded = loadPackageJson(fs, inDir(clean, 'package.json'));
    packageJsonProblems.push(...loaded.problems);
    packageCache.set(clean, loaded.pkg);
    return loaded.pkg;
  };

  for (const entry of entries) {
    if (!readable.has(entry.name)) continue;
    const file = `${WORKFLOW_DIR}/${entry.name}`;
    if (isIgnored(file)) continue;
    const doc = readYaml(fs, file, problems);
    if (!doc) continue;
    const overLimit = structureLimit(doc);
    if (overLimit) {
      problems.push({ file, kind: 'limit', ...overLimit });
      continue;
    }
    documents.push(doc);
    const workflow = readWorkflow(doc);
    if ('notAWorkflow' in workflow) {
      const node = doc.root;
      problems.push({
        file,
        kind: 'shape',
        shape: workflow.notAWorkflow,
        location: node ? location(node) : { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      });
      continue;
    }
    workflows.push(workflow);
  }

  const actionCache = new Map<string, YamlDocument | null>();
  const readAction = (dir: string): YamlDocument | undefined => {
    const contained = repoPath(dir);
    if (!contained.ok) {
      // `uses: ./../outside/act`: said once, never read.
      if (!actionCache.has(dir)) problems.push({ file: dir, kind: 'read', failure: contained });
      actionCache.set(dir, null);
      return undefined;
    }
    const clean = contained.path;
    if (actionCache.has(clean)) return actionCache.get(clean) ?? undefined;
    let doc: YamlDocument | undefined;
    for (const name of ['action.yml', 'action.yaml']) {
      const file = inDir(clean, name);
      if (isIgnored(file)) continue;
      // Anything but "missing" is a finding (a link out of the repository, an unreadable file).
      const probe = fs.read(file);
      if (!probe.ok && probe.reason === 'missing') continue;
      doc = readYaml(fs, file, problems);
      if (doc) documents.push(doc);
      break;
    }
    actionCache.set(clean, doc ?? null);
    return doc;
  };

  for (const workflow of workflows) {
    const defaultsDir = workflow.root.at('defaults', 'run', 'working-directory')?.text;
    for (const job of workflow.jobs) {
      const jobDir = job.node.at('defaults', 'run', 'working-directory')?.text ?? defaultsDir;
      for (const step of job.steps) {
        const dir = step.node.get('working-directory')?.text ?? jobDir;
        const pkg = dir ? (packageAt(dir) ?? packageJson) : packageJson;
        step.publishes = detectStepPublishes(step, { scripts: pkg?.scripts }, readAction, packageJson);
        const publishConfigRegistry = pkg?.publishConfig?.get('registry')?.text;
        for (const cmd of step.publishes) cmd.registry = publishRegistry(step, cmd, publishConfigRegistry);
      }
    }
  }

  const gitlab: GitlabPipeline[] = [];
  for (const ciFile of new Set(options.gitlabCiFiles ?? [DEFAULT_CI_FILE])) {
    const loaded = loadGitlabPipeline(fs, ciFile, { scripts: packageJson?.scripts, isIgnored });
    problems.push(...loaded.fileProblems);
    if (!loaded.pipeline) continue;
    gitlab.push(loaded.pipeline);
    for (const doc of loaded.pipeline.documents) if (!documents.some((d) => d.file === doc.file)) documents.push(doc);
  }

  let gitRemoteRefused: string | undefined;
  const gitRemote = readGitRemote(fs, (file, failure) => {
    gitRemoteRefused = `\`${file}\` was not read: ${describeReadFailure(failure)}`;
  });
  return {
    fs,
    gitlab,
    workflowDirEntries: entries.map((e) => e.name),
    workflowDirExists: listing.ok || listing.reason !== 'missing',
    workflows,
    documents,
    problems,
    packageJson,
    packageJsonProblems,
    // Calls written as `owner/repo/.github/workflows/x.yml@ref` into this repository are local.
    callGraph: new CallGraph(workflows, { selfRepository: gitRemote?.path }),
    gitRemote,
    ...(gitRemoteRefused !== undefined ? { gitRemoteRefused } : {}),
  };
}

function inputsOf(step: Step): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, node] of step.with) out[key] = node.text;
  return out;
}

function detectStepPublishes(
  step: Step,
  ctx: RecognizeContext,
  readAction: (dir: string) => YamlDocument | undefined,
  rootPackage: PackageJson | undefined,
): PublishCommand[] {
  if (step.run) {
    const runNode = step.run.node;
    return findPublishCommands(step.run.text, ctx).map((match) => ({
      match,
      location: { file: runNode.file, ...runNode.valueSpan(match.offset, match.end) },
      registry: 'npmjs',
    }));
  }
  const uses = step.uses;
  if (!uses) return [];
  if (uses.name.startsWith('./')) {
    const action = readAction(uses.name);
    const steps = action?.root?.at('runs', 'steps');
    if (!steps?.isSeq || action?.root?.at('runs', 'using')?.text !== 'composite') return [];
    const out: PublishCommand[] = [];
    for (const inner of steps.items()) {
      const run = inner.get('run');
      if (run?.text !== undefined) {
        for (const match of findPublishCommands(run.text, { scripts: rootPackage?.scripts })) {
          out.push({ match, location: { file: run.file, ...run.valueSpan(match.offset, match.end) }, viaAction: uses.name, registry: 'npmjs' });
        }
      }
      const innerUses = inner.get('uses');
      if (innerUses?.text !== undefined) {
        const withNode = inner.get('with');
        const inputs: Record<string, string | undefined> = {};
        for (const e of withNode?.entries() ?? []) if (e.key !== undefined) inputs[e.key] = e.text;
        for (const match of recognizeAction(innerUses.text, inputs, { scripts: rootPackage?.scripts })) {
          out.push({ match, location: location(innerUses), viaAction: uses.name, registry: 'npmjs' });
        }
      }
    }
    return out;
  }
  const full = uses.ref !== undefined ? `${uses.name}@${uses.ref}` : uses.name;
  return recognizeAction(full, inputsOf(step), ctx).map((match) => ({ match, location: location(uses.node), registry: 'npmjs' as const }));
}

/**
 * The publish commands of a job that may go to registry.npmjs.org, in step order. Publishes that
 * certainly go elsewhere (GitHub Packages, a proxy) are not trusted-publishing candidates; rules
 * that need them read `step.publishes` directly.
 */
export function jobPublishes(job: Job): PublishCommand[] {
  return job.steps.flatMap((s) => s.publishes.filter((p) => p.registry !== 'other'));
}

/** True when any step of the job publishes (to registry.npmjs.org, or possibly so). */
export function isPublishingJob(job: Job): boolean {
  return job.steps.some((s) => s.publishes.some((p) => p.registry !== 'other'));
}

/**
 * How sure tp-doctor is that a job publishes, in the words rules put in headlines: "publishes"
 * when any publish command was recognised for certain, "appears to publish" when all were guessed.
 */
export function publishVerb(job: Job): 'publishes' | 'appears to publish' {
  return jobPublishes(job).some((p) => p.match.confidence === 'certain') ? 'publishes' : 'appears to publish';
}
