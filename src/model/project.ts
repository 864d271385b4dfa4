import type { SourceFs } from '../fs/source.js';
import type { FileProblem } from './problems.js';

export type { FileProblem } from './problems.js';
import { parseYaml, type YamlDocument, type YNode } from '../yaml/parse.js';
import type { Location } from '../yaml/span.js';
import { CallGraph } from './github/call-graph.js';
import { checkoutMounts } from './github/checkout.js';
import { dynamicMatrix, readRunsOn } from './github/matrix.js';
import { detectJobPublishes } from './github/publishes.js';
import type { Workflow } from './github/types.js';
import { readWorkflow } from './github/workflow.js';
import { readGitRemote, type GitRemote } from './git.js';
import { childPipelineFiles, DEFAULT_CI_FILE, loadGitlabPipeline } from './gitlab/pipeline.js';
import type { GitlabPipeline } from './gitlab/types.js';
import { ProjectFacts } from './facts.js';
import { DEFAULT_CIRCLECI_FILE, loadCircleConfig } from './circleci/config.js';
import type { CircleConfig } from './circleci/types.js';
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

/**
 * Loads everything the rules look at. Reads files only through `fs`; never executes anything from
 * the repository. Bad files become `problems`, never exceptions.
 */
export function loadProject(fs: SourceFs, options: LoadOptions = {}): Project {
  const isIgnored = options.isIgnored ?? (() => false);
  const problems: FileProblem[] = [];
  const documents: YamlDocument[] = [];
  const listed = fs.list(WORKFLOW_DIR);
  const entries = listed ?? [];
  const workflows: Workflow[] = [];

  const facts = new ProjectFacts(fs);
  const packageJson: PackageJson | undefined = facts.packageAt('');

  for (const entry of entries) {
    if (entry.isDir || !isWorkflowFileName(entry.name)) continue;
    const file = `${WORKFLOW_DIR}/${entry.name}`;
    if (isIgnored(file)) continue;
    const doc = readYaml(fs, file, problems);
    if (!doc) continue;
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

  const gitRemote = readGitRemote(fs);
  const actionCache = new Map<string, YamlDocument | null>();
  const readAction = (dir: string): YamlDocument | undefined => {
    if (actionCache.has(dir)) return actionCache.get(dir) ?? undefined;
    let doc: YamlDocument | undefined;
    for (const name of ['action.yml', 'action.yaml']) {
      const file = dir === '' ? name : `${dir}/${name}`;
      if (!fs.exists(file) || isIgnored(file)) continue;
      doc = readYaml(fs, file, problems);
      if (doc) documents.push(doc);
      break;
    }
    actionCache.set(dir, doc ?? null);
    return doc;
  };

  const trusted = new Set(options.trustedWorkflows ?? []);
  const detect = { readAction, packageAt: (dir: string) => facts.packageAt(dir), isTrustedWorkflow: (fileName: string) => trusted.has(fileName) };
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

  const gitlab: GitlabPipeline[] = [];
  for (const ciFile of new Set(options.gitlabCiFiles ?? [DEFAULT_CI_FILE])) {
    const loaded = loadGitlabPipeline(fs, ciFile, { scripts: packageJson?.scripts, isIgnored });
    problems.push(...loaded.fileProblems);
    if (!loaded.pipeline) continue;
    gitlab.push(loaded.pipeline);
    // Child pipelines (`trigger: include: local:`), two levels deep: their jobs run under the
    // project's top-level CI file, which is what the OIDC claim names.
    const queue = childPipelineFiles(loaded.pipeline).map((file) => ({ file, depth: 1 }));
    const seen = new Set([loaded.pipeline.ciFile]);
    while (queue.length > 0 && seen.size <= MAX_CHILD_PIPELINES) {
      const { file, depth } = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const child = loadGitlabPipeline(fs, file, { scripts: packageJson?.scripts, isIgnored, claimFile: loaded.pipeline.ciFile });
      problems.push(...child.fileProblems);
      if (!child.pipeline) continue;
      gitlab.push(child.pipeline);
      if (depth < 2) queue.push(...childPipelineFiles(child.pipeline).map((f) => ({ file: f, depth: depth + 1 })));
    }
  }
  for (const pipeline of gitlab) for (const doc of pipeline.documents) if (!documents.some((d) => d.file === doc.file)) documents.push(doc);

  const circleci: CircleConfig[] = [];
  for (const file of new Set(options.circleciConfigFiles ?? [DEFAULT_CIRCLECI_FILE])) {
    const loaded = loadCircleConfig(fs, file, { scripts: packageJson?.scripts, isIgnored });
    problems.push(...loaded.fileProblems);
    for (const doc of loaded.documents) if (!documents.some((d) => d.file === doc.file)) documents.push(doc);
    if (loaded.config) circleci.push(loaded.config);
  }

  const project: Project = {
    fs,
    gitlab,
    circleci,
    workflowDirEntries: entries.map((e) => e.name),
    workflowDirExists: listed !== undefined,
    workflows,
    documents,
    problems,
    packageJson,
    // Calls written as `owner/repo/.github/workflows/x.yml@ref` into this repository are local.
    callGraph: new CallGraph(workflows, { selfRepository: gitRemote?.path }),
    gitRemote,
    facts,
  };
  facts.attach(project);
  return project;
}

