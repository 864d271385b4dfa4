import { inDir, repoPath } from '../fs/paths.js';
import { packagesFrom, selectedPackageDir, type WorkspaceSource } from './npm/workspaces.js';
import { describeReadFailure, type SourceFs } from '../fs/source.js';
import type { FileProblem } from './core/problems.js';

export type { FileProblem } from './core/problems.js';
import { compactDocument, type YamlDocument } from '../yaml/parse.js';
import { CallGraph } from './github/call-graph.js';
import { checkoutMounts } from './github/checkout.js';
import { resolveSelfActions } from './github/composite-action.js';
import { dynamicMatrix, readRunsOn } from './github/matrix.js';
import { detectCallerCommands, detectJobPublishes, type DetectContext } from './github/publishes.js';
import { applyCallerTriggers } from './github/action-refs.js';
import type { Workflow } from './github/types.js';
import { isInertWorkflow } from './github/inert.js';
import { readWorkflows, readYaml, streamingView, WORKFLOW_DIR, type WorkflowEvents, type WorkflowStream } from './workflow-files.js';
import { githubRepositoryOf, readGitRemote, type GitRemote } from './core/git.js';
import { childPipelineFiles, DEFAULT_CI_FILE, loadGitlabPipeline } from './gitlab/pipeline.js';
import type { GitlabPipeline } from './gitlab/types.js';
import { ProjectFacts } from './facts.js';
import { loadCircleConfigs } from './circleci/discover.js';
import { triggerToolSign } from './circleci/trigger-tools.js';
import type { CircleConfig } from './circleci/types.js';
import type { PackageJson } from './npm/package-json.js';
import type { RecognizeContext, WorkspaceScripts } from './npm/publish-commands.js';
import { turboDeclared, turboEntries } from './npm/turbo-tasks.js';
import { TURBO_ROOT } from './data/turbo.js';
import { configSkipsNpmIn } from './npm/config-skips-npm.js';

export { WORKFLOW_DIR, isWorkflowFileName, workflowFilesOf } from './workflow-files.js';
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
  /**
   * This repository's GitHub `owner/repo` (`githubRepositoryOf`: the git remote, else package.json
   * `repository`), which makes `uses: owner/repo/...@ref` and checkouts of it local.
   */
  selfRepository?: string;
  /** Why the git remote was not read when `.git` leads outside the repository (for the inference note). */
  gitRemoteRefused?: string;
  /** The GitLab pipeline of each top-level CI file that exists (declared `ciFile`s, else `.gitlab-ci.yml`). */
  gitlab: GitlabPipeline[];
  /** The CircleCI configuration of each file that exists (declared `configFile`s, else `.circleci/config.yml` and the pipeline configurations beside it: `circleci/discover.ts`). */
  circleci: CircleConfig[];
  /** Every fact rules ask for, computed on first use (publish sites, packages, registries, ...). */
  facts: ProjectFacts;
  /** Workflow files read, checked through `LoadOptions.onInert` and not kept (not in `workflows`). */
  streamed?: string[];
  /** The events that start each workflow read, by name, streamed ones too (`WorkflowEvents`). */
  workflowEvents?: WorkflowEvents;
}

export interface LoadOptions {
  /** Repository-relative files to skip (from the config's `ignore`). */
  isIgnored?: (file: string) => boolean;
  /** Top-level GitLab CI files to read (default: `.gitlab-ci.yml`). */
  gitlabCiFiles?: readonly string[];
  /** CircleCI configuration files to read (default: `.circleci/config.yml` and the other top-level pipeline configurations in `.circleci/`). */
  circleciConfigFiles?: readonly string[];
  /**
   * Workflow file names a declared trusted publisher names: their jobs publish to npm by
   * declaration, which makes an unreadable publish-like command there a possible publish.
   */
  trustedWorkflows?: readonly string[];
  /**
   * Streams the workflows that nothing project-wide depends on (`isInertWorkflow`): each is handed
   * to this callback as soon as it is read and prepared, with the loader's streaming view of the
   * project, and is not kept. Without it every workflow is kept (at most `MAX_WORKFLOW_FILES` are read).
   */
  onInert?: (workflow: Workflow, view: Project) => void;
  /**
   * One part of a parallel run (`lintPart`): only these workflow files are read (with streaming,
   * the inert ones are checked) and nothing else is loaded (no GitLab or CircleCI); what their
   * publish detection read (local actions, package.json directories) is recorded in `record`.
   */
  part?: { files: ReadonlySet<string>; record: DetectReads };
  /**
   * The final load of a parallel run: workflow files a part already checked (counted as streamed,
   * not read again), and what the parts' publish detection read, read again here first so that
   * its documents and problems are the project's as in a run on one thread.
   */
  parts?: { streamed: ReadonlySet<string>; reads: DetectReads };
}

/** Directories publish detection read: local actions (`uses: ./dir`), package.json directories. */
export interface DetectReads {
  actionDirs: string[];
  packageDirs: string[];
}

/**
 * Loads everything the rules look at. Reads files only through `fs`; never executes anything from
 * the repository. Bad files become `problems`, never exceptions.
 */
export function loadProject(fs: SourceFs, options: LoadOptions = {}): Project {
  const isIgnored = options.isIgnored ?? (() => false);
  const problems: FileProblem[] = [];
  const documents: YamlDocument[] = [];
  const facts = new ProjectFacts(fs);
  const packageJson: PackageJson | undefined = facts.packageAt('');

  let gitRemoteRefused: string | undefined;
  const gitRemote = readGitRemote(fs, (file, failure) => {
    gitRemoteRefused = `\`${file}\` was not read: ${describeReadFailure(failure)}`;
  });
  const trusted = new Set(options.trustedWorkflows ?? []);
  const readAction = actionReader(fs, isIgnored, problems, documents);
  const detect = { ...detectContext(facts, readAction, trusted, options.part?.record), ...(gitRemote?.host === 'github.com' ? { repository: gitRemote.path } : {}) };
  for (const dir of options.parts?.reads.actionDirs ?? []) readAction(dir);
  for (const dir of options.parts?.reads.packageDirs ?? []) facts.packageAt(dir);
  const selfRepository = githubRepositoryOf(gitRemote, packageJson?.repository?.url)?.repository;
  const prepare = (workflow: Workflow): void => prepareWorkflow(workflow, detect, selfRepository);
  const listing = fs.readDir(WORKFLOW_DIR);
  const base = {
    fs,
    workflowDirEntries: listing.ok ? listing.entries.map((e) => e.name) : [],
    workflowDirExists: listing.ok || listing.reason !== 'missing',
    documents,
    problems,
    packageJson,
    gitRemote, ...(selfRepository !== undefined ? { selfRepository } : {}),
    ...(gitRemoteRefused !== undefined ? { gitRemoteRefused } : {}),
    facts,
  };
  const stream = options.onInert && streamingSetup(base, options.onInert, trusted, prepare);
  const { workflows, streamed, events } = readWorkflows(fs, listing, {
    isIgnored,
    problems,
    documents,
    stream,
    only: options.part?.files,
    streamedElsewhere: options.parts?.streamed,
  });
  if (!stream) for (const workflow of workflows) prepare(workflow);
  if (options.part) return partProject(base, workflows, streamed, selfRepository);

  const scripts = packageJson?.scripts;
  const configSkipsNpm = configSkipsNpmIn(facts.toolConfigFiles, '');
  const packageScripts = (selector: string): Record<string, string> | undefined => namedPackageScripts(facts, selector, '');
  const packageDir = (selector: string): string | undefined => namedPackageDir(facts, selector, '');
  const workspaceScripts = (source: WorkspaceSource | 'nx' | 'turbo'): readonly WorkspaceScripts[] | undefined => workspaceScriptsOf(facts, source, '');
  const addDocument = (doc: YamlDocument): void => {
    if (!documents.some((d) => d.file === doc.file)) documents.push(doc);
  };
  const shellFile = (file: string): string | undefined => facts.shellScript(file);
  const npmrcIgnoresScripts = (dir: string): boolean => facts.npmrcIgnoresScripts(dir);
  const toolConfig = facts.toolConfigFiles;
  const prePost = facts.prePost();
  const privatePackage = (dir: string): boolean => facts.packageAt(dir)?.private === true;
  const gitlab = loadGitlabPipelines(fs, options.gitlabCiFiles ?? [DEFAULT_CI_FILE], { scripts, configSkipsNpm, packageScripts, packageDir, workspaceScripts, shellFile, toolConfig, npmrcIgnoresScripts, prePost, privatePackage, isIgnored }, problems);
  for (const pipeline of gitlab) for (const doc of pipeline.documents) addDocument(doc);

  const triggerTool = triggerToolSign((file) => facts.yaml(file)?.root);
  const circleci = loadCircleConfigs(fs, options.circleciConfigFiles, { manifest: packageJson, ...(triggerTool ? { triggerTool } : {}), recognizeAt: recognizeBelowRoot(facts, { shellFile, toolConfig, npmrcIgnoresScripts, prePost, privatePackage }), scripts, configSkipsNpm, packageScripts, packageDir, workspaceScripts, shellFile, toolConfig, npmrcIgnoresScripts, prePost, privatePackage, isIgnored }, (loaded) => {
    problems.push(...loaded.fileProblems);
    for (const doc of loaded.documents) addDocument(doc);
  });

  const project: Project = {
    ...base,
    gitlab,
    circleci,
    workflows,
    // Calls written as `owner/repo/.github/workflows/x.yml@ref` into this repository are local.
    callGraph: new CallGraph(workflows, { selfRepository, streamed }),
    workflowEvents: events, ...(stream ? { streamed } : {}),
  };
  detectCallerCommandsIn(project, detect);
  // Every document read so far is kept for the run: only the wrappers need to stay (kept
  // workflows were compacted as they were read).
  for (const doc of documents) compactDocument(doc);
  facts.attach(project);
  return project;
}

/** Publish detection for a CircleCI step run in a directory below the root: that directory's scripts and configuration (none of the root's), as a GitHub step's. */
function recognizeBelowRoot(facts: ProjectFacts, shared: Pick<RecognizeContext, 'shellFile' | 'toolConfig' | 'npmrcIgnoresScripts' | 'prePost' | 'privatePackage'>): (dir: string) => RecognizeContext {
  return (dir) => ({ scripts: facts.packageAt(dir)?.scripts, configSkipsNpm: configSkipsNpmIn(facts.toolConfigFiles, dir), packageScripts: (s) => namedPackageScripts(facts, s, dir), packageDir: (s) => namedPackageDir(facts, s, dir), workspaceScripts: (source) => workspaceScriptsOf(facts, source, dir), ...shared, dir });
}

/** What GitHub publish detection reads, through the facts (and recorded for a part, `LoadOptions.part`). */
function detectContext(facts: ProjectFacts, readAction: (dir: string) => YamlDocument | undefined, trusted: ReadonlySet<string>, record: DetectReads | undefined): DetectContext {
  return {
    readAction: record ? (dir) => (record.actionDirs.push(dir), readAction(dir)) : readAction,
    packageAt: record ? (dir) => (record.packageDirs.push(dir), facts.packageAt(dir)) : (dir) => facts.packageAt(dir),
    isTrustedWorkflow: (fileName: string) => trusted.has(fileName),
    toolConfig: facts.toolConfigFiles,
    scriptsOf: (selector, fromDir) => namedPackageScripts(facts, selector, fromDir),
    dirOf: (selector, fromDir) => namedPackageDir(facts, selector, fromDir),
    workspacesOf: (source, fromDir) => workspaceScriptsOf(facts, source, fromDir),
    shellFile: (file) => facts.shellScript(file),
    npmrcIgnoresScripts: (dir) => facts.npmrcIgnoresScripts(dir),
    prePost: (pnpmSetup) => facts.prePost(pnpmSetup),
  };
}

/** A part's project (`LoadOptions.part`): its workflows only, never linted as a whole. */
function partProject(base: Omit<Project, 'workflows' | 'callGraph' | 'gitlab' | 'circleci'>, workflows: Workflow[], streamed: string[], selfRepository: string | undefined): Project {
  const project: Project = { ...base, gitlab: [], circleci: [], workflows, callGraph: new CallGraph(workflows, { selfRepository, streamed }), streamed };
  base.facts.attach(project);
  return project;
}

/** The reusable workflows that run a command their callers pass (`run: ${{ inputs.release-command }}`). */
function detectCallerCommandsIn(project: Project, detect: DetectContext): void {
  for (const workflow of project.workflows) {
    if (!workflow.callable) continue;
    const callers = project.callGraph.callersOf(workflow);
    const chains = project.callGraph.entryChains(workflow);
    for (const job of workflow.jobs) {
      detectCallerCommands(detect, callers, job, chains);
      applyCallerTriggers(job, chains);
    }
  }
}

/**
 * The scripts of the one package a command names (`RecognizeContext.packageScripts`): a workspace
 * package of that name, else the package in that directory, relative to the command's (`fromDir`);
 * `{}` for a package without scripts, undefined when there is no such package.
 */
function namedPackageScripts(facts: ProjectFacts, selector: string, fromDir: string): Record<string, string> | undefined {
  const dir = namedPackageDir(facts, selector, fromDir);
  return dir === undefined ? undefined : (facts.packageAt(dir)?.scripts ?? {});
}

/** The directory of the one package a command names (`RecognizeContext.packageDir`), when it has a package.json. */
function namedPackageDir(facts: ProjectFacts, selector: string, fromDir: string): string | undefined {
  const dir = selectedPackageDir(facts.packages, selector, fromDir);
  return dir !== undefined && facts.packageAt(dir) !== undefined ? dir : undefined;
}

/**
 * The workspace packages a command run in `fromDir` selects with a runner's workspace option
 * (`RecognizeContext.workspaceScripts`): those of `source` (npm: the root package.json's
 * `workspaces`; pnpm: `pnpm-workspace.yaml` `packages:`; `lerna run`: lerna's list), from the root only; undefined when there are none or the search was cut short.
 */
function workspaceScriptsOf(facts: ProjectFacts, source: WorkspaceSource | 'nx' | 'turbo', fromDir: string): WorkspaceScripts[] | undefined {
  const discovery = facts.packages;
  if (fromDir !== '' || discovery.truncated) return undefined;
  if (source === 'turbo') return turboWorkspaces(facts);
  if (source === 'nx') {
    return facts.nxProjects()?.map((p) => {
      const ws: WorkspaceScripts = { dir: p.dir, scripts: p.pkg?.scripts ?? {}, configSkipsNpm: configSkipsNpmIn(facts.toolConfigFiles, p.dir), nx: p.config };
      if (p.pkg?.name !== undefined) ws.name = p.pkg.name;
      return ws;
    });
  }
  // Lerna's list: lerna.json `packages`, else the package manager's workspaces (lerna 7+; `useWorkspaces` before).
  const packages = source === 'lerna.json' ? (packagesFrom(discovery, source) ?? packagesFrom(discovery, 'package.json') ?? packagesFrom(discovery, 'pnpm-workspace.yaml')) : packagesFrom(discovery, source);
  if (packages === undefined || packages.length === 0) return undefined;
  return packages.map((p) => {
    const ws: WorkspaceScripts = { dir: p.dir, scripts: p.pkg.scripts ?? {}, configSkipsNpm: configSkipsNpmIn(facts.toolConfigFiles, p.dir) };
    if (p.name !== undefined) ws.name = p.name;
    if (p.pkg.private === true) ws.private = true;
    return ws;
  });
}

/**
 * The packages `turbo run` runs tasks in (`workspaceScripts('turbo')`, src/model/npm/turbo-tasks.ts):
 * the root as `//`, then the workspaces of the package manager's list, each with what its
 * turbo.json files declare; undefined when there are none.
 */
function turboWorkspaces(facts: ProjectFacts): WorkspaceScripts[] | undefined {
  const packages = packagesFrom(facts.packages, facts.packageManager.name === 'pnpm' ? 'pnpm-workspace.yaml' : 'package.json');
  if (packages === undefined || packages.length === 0) return undefined;
  const files = { exists: (f: string) => facts.exists(f), text: (f: string) => facts.text(f) };
  const rootEntries = turboEntries(files, '');
  const root: WorkspaceScripts = { dir: '', name: TURBO_ROOT, scripts: facts.packageAt('')?.scripts ?? {}, configSkipsNpm: configSkipsNpmIn(facts.toolConfigFiles, ''), turbo: turboDeclared(files, rootEntries, '', undefined) };
  return [
    root,
    ...packages.map((p) => {
      const ws: WorkspaceScripts = { dir: p.dir, scripts: p.pkg.scripts ?? {}, configSkipsNpm: configSkipsNpmIn(facts.toolConfigFiles, p.dir), turbo: turboDeclared(files, rootEntries, p.dir, p.name) };
      if (p.name !== undefined) ws.name = p.name;
      return ws;
    }),
  ];
}

/** What the loader does to each workflow once read: matrices written by an earlier job, checkouts, publishes. */
function prepareWorkflow(workflow: Workflow, detect: DetectContext, self: string | undefined): void {
  for (const job of workflow.jobs) {
    if (job.matrixUnresolved) {
      const combos = dynamicMatrix(job, workflow.jobs);
      if (combos) {
        job.matrix = combos;
        job.matrixUnresolved = false;
        job.runsOn = readRunsOn(job.node.get('runs-on'), combos);
      }
    }
    // `uses: acme/pkg/.github/actions/x@main` in acme/pkg: read like `$/.github/actions/x`, as a guess.
    if (self !== undefined) resolveSelfActions(job, self, (dir) => detect.readAction(dir) !== undefined);
    job.mounts = checkoutMounts(job, self);
    detectJobPublishes(detect, job);
  }
  // A declared trusted workflow makes a job's unreadable commands possible publishes. When another
  // job of it publishes by what it runs, that job is what the declaration is for: the others are
  // read without it (remix-run/react-router's `comment` job beside its `npm publish` job).
  if (!detect.isTrustedWorkflow?.(workflow.fileName)) return;
  const onlyPossible = (job: Workflow['jobs'][number]): boolean => job.steps.every((s) => s.publishes.every((p) => p.certainty === 'possible'));
  if (workflow.jobs.every(onlyPossible)) return;
  const undeclared: DetectContext = { ...detect, isTrustedWorkflow: () => false };
  for (const job of workflow.jobs) if (onlyPossible(job) && job.steps.some((s) => s.publishes.length > 0)) detectJobPublishes(undeclared, job);
}

/**
 * The streaming step of each workflow: prepared, then handed to `onInert` (and dropped) when
 * nothing project-wide depends on it, else kept. The facts see the streaming view of the project
 * (`streamingView`) until the loader attaches the complete one.
 */
function streamingSetup(
  base: Omit<Project, 'workflows' | 'callGraph' | 'gitlab' | 'circleci'>,
  onInert: (workflow: Workflow, view: Project) => void,
  declared: ReadonlySet<string>,
  prepare: (workflow: Workflow) => void,
): WorkflowStream {
  const view = streamingView(base);
  base.facts.attachStreaming(view);
  return (workflow) => {
    prepare(workflow);
    if (!isInertWorkflow(workflow, declared)) return 'keep';
    onInert(workflow, view);
    return 'streamed';
  };
}

/** Reads a local action's `action.yml` (or `.yaml`) once per directory, for `uses: ./dir` steps. */
function actionReader(fs: SourceFs, isIgnored: (file: string) => boolean, problems: FileProblem[], documents: YamlDocument[]) {
  const actionCache = new Map<string, YamlDocument | null>();
  return (dir: string): YamlDocument | undefined => {
    // A directory outside the repository is never read (`uses: ./../outside/act` never reaches
    // here: composite-action.ts `leavesRepository`; invalid-yaml notes it in a publishing job).
    const contained = repoPath(dir);
    if (!contained.ok) return undefined;
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
  options: Pick<RecognizeContext, 'configSkipsNpm' | 'packageScripts' | 'packageDir' | 'workspaceScripts' | 'shellFile' | 'toolConfig' | 'npmrcIgnoresScripts' | 'prePost' | 'privatePackage'> & { scripts: Record<string, string> | undefined; isIgnored: (file: string) => boolean },
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

