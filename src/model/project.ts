import { inDir, repoPath } from '../fs/paths.js';
import { describeReadFailure, type SourceFs } from '../fs/source.js';
import type { FileProblem } from './core/problems.js';

export type { FileProblem } from './core/problems.js';
import { parseYaml, type YamlDocument, type YNode } from '../yaml/parse.js';
import type { Location } from '../yaml/span.js';
import { CallGraph } from './github/call-graph.js';
import { checkoutMounts } from './github/checkout.js';
import { dynamicMatrix, readRunsOn } from './github/matrix.js';
import { detectJobPublishes } from './github/publishes.js';
import type { Workflow } from './github/types.js';
import { readWorkflow } from './github/workflow.js';
import { readGitRemote, type GitRemote } from './core/git.js';
import { childPipelineFiles, DEFAULT_CI_FILE, loadGitlabPipeline } from './gitlab/pipeline.js';
import type { GitlabPipeline } from './gitlab/types.js';
import { ProjectFacts } from './facts.js';
import { DEFAULT_CIRCLECI_FILE, loadCircleConfig } from './circleci/config.js';
import type { CircleConfig } from './circleci/types.js';
import { MAX_JOBS_PER_WORKFLOW, MAX_STEPS_PER_JOB, MAX_WORKFLOW_FILES } from './core/limits.js';
import type { PackageJson } from './npm/package-json.js';

export const WORKFLOW_DIR = '.github/workflows';
/** Child pipelines read per top-level CI file, at most. */
const MAX_CHILD_PIPELINES = 20;

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
  callGraph: CallGraph;
  gitRemote?: GitRemote;
  /** Why the git remote was not read when `.git` leads outside the repository (for the inference note). */
  gitRemoteRefused?: string;
  /** The GitLab pipeline of each top-level CI file that exists (declared `ciFile`s, else `.gitlab-ci.yml`). */
  gitlab: GitlabPipeline[];
  /** The CircleCI configuration of each file that exists (declared `configFile`s, else `.circleci/config.yml`). */
  circleci: CircleConfig[];
  /** Every fact rules ask for, computed on first use (publish sites, packages, registries, ...). */
  facts: ProjectFacts;
}

export interface LoadOptions {
  /** Repository-relative files to skip (from the config's `ignore`). */
  isIgnored?: (file: string) => boolean;
  /** Top-level GitLab CI files to read (default: `.gitlab-ci.yml`). */
  gitlabCiFiles?: readonly string[];
  /** CircleCI configuration files to read (default: `.circleci/config.yml`). */
  circleciConfigFiles?: readonly string[];
  /**
   * Workflow file names a declared trusted publisher names: their jobs publish to npm by
   * declaration, which makes an unreadable publish-like command there a possible publish.
   */
  trustedWorkflows?: readonly string[];
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
  const { listing, entries, workflows } = readWorkflows(fs, isIgnored, problems, documents);

  const facts = new ProjectFacts(fs);
  const packageJson: PackageJson | undefined = facts.packageAt('');

  let gitRemoteRefused: string | undefined;
  const gitRemote = readGitRemote(fs, (file, failure) => {
    gitRemoteRefused = `\`${file}\` was not read: ${describeReadFailure(failure)}`;
  });
  const trusted = new Set(options.trustedWorkflows ?? []);
  const detect = {
    readAction: actionReader(fs, isIgnored, problems, documents),
    packageAt: (dir: string) => facts.packageAt(dir),
    isTrustedWorkflow: (fileName: string) => trusted.has(fileName),
  };
  for (const workflow of workflows) {
    for (const job of workflow.jobs) {
      if (job.matrixUnresolved) {
        const combos = dynamicMatrix(job, workflow.jobs);
        if (combos) {
          job.matrix = combos;
          job.matrixUnresolved = false;
          job.runsOn = readRunsOn(job.node.get('runs-on'), combos);
        }
      }
      job.mounts = checkoutMounts(job, gitRemote?.host === 'github.com' ? gitRemote.path : undefined);
      detectJobPublishes(detect, job);
    }
  }

  const scripts = packageJson?.scripts;
  const addDocument = (doc: YamlDocument): void => {
    if (!documents.some((d) => d.file === doc.file)) documents.push(doc);
  };
  const gitlab = loadGitlabPipelines(fs, options.gitlabCiFiles ?? [DEFAULT_CI_FILE], { scripts, isIgnored }, problems);
  for (const pipeline of gitlab) for (const doc of pipeline.documents) addDocument(doc);

  const circleci: CircleConfig[] = [];
  for (const file of new Set(options.circleciConfigFiles ?? [DEFAULT_CIRCLECI_FILE])) {
    const loaded = loadCircleConfig(fs, file, { scripts, isIgnored });
    problems.push(...loaded.fileProblems);
    for (const doc of loaded.documents) addDocument(doc);
    if (loaded.config) circleci.push(loaded.config);
  }

  const project: Project = {
    fs,
    gitlab,
    circleci,
    workflowDirEntries: entries.map((e) => e.name),
    workflowDirExists: listing.ok || listing.reason !== 'missing',
    workflows,
    documents,
    problems,
    packageJson,
    // Calls written as `owner/repo/.github/workflows/x.yml@ref` into this repository are local.
    callGraph: new CallGraph(workflows, { selfRepository: gitRemote?.path }),
    gitRemote,
    ...(gitRemoteRefused !== undefined ? { gitRemoteRefused } : {}),
    facts,
  };
  facts.attach(project);
  return project;
}

/**
 * The workflow files of `.github/workflows` (at most `MAX_WORKFLOW_FILES`, in name order), each
 * parsed and read into a `Workflow`; what cannot be read or is not a workflow becomes a problem.
 */
function readWorkflows(fs: SourceFs, isIgnored: (file: string) => boolean, problems: FileProblem[], documents: YamlDocument[]) {
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
  return { listing, entries, workflows };
}

/** Reads a local action's `action.yml` (or `.yaml`) once per directory, for `uses: ./dir` steps. */
function actionReader(fs: SourceFs, isIgnored: (file: string) => boolean, problems: FileProblem[], documents: YamlDocument[]) {
  const actionCache = new Map<string, YamlDocument | null>();
  return (dir: string): YamlDocument | undefined => {
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
}

/**
 * The GitLab pipelines of the declared CI files, with their child pipelines (`trigger: include:
 * local:`), two levels deep: their jobs run under the project's top-level CI file, which is what
 * the OIDC claim names.
 */
function loadGitlabPipelines(
  fs: SourceFs,
  ciFiles: readonly string[],
  options: { scripts: Record<string, string> | undefined; isIgnored: (file: string) => boolean },
  problems: FileProblem[],
): GitlabPipeline[] {
  const gitlab: GitlabPipeline[] = [];
  for (const ciFile of new Set(ciFiles)) {
    const loaded = loadGitlabPipeline(fs, ciFile, options);
    problems.push(...loaded.fileProblems);
    if (!loaded.pipeline) continue;
    gitlab.push(loaded.pipeline);
    const queue = childPipelineFiles(loaded.pipeline).map((file) => ({ file, depth: 1 }));
    const seen = new Set([loaded.pipeline.ciFile]);
    while (queue.length > 0 && seen.size <= MAX_CHILD_PIPELINES) {
      const { file, depth } = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const child = loadGitlabPipeline(fs, file, { ...options, claimFile: loaded.pipeline.ciFile });
      problems.push(...child.fileProblems);
      if (!child.pipeline) continue;
      gitlab.push(child.pipeline);
      if (depth < 2) queue.push(...childPipelineFiles(child.pipeline).map((f) => ({ file: f, depth: depth + 1 })));
    }
  }
  return gitlab;
}

