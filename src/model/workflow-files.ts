/**
 * Reading `.github/workflows`: each file parsed and read into a `Workflow`, what cannot be read or
 * is not a workflow a problem, and the limits on how much is read. With a stream (the loader's
 * `LoadOptions.onInert`), each workflow is prepared as soon as it is read and either kept or
 * handed on and dropped, so that memory holds only the workflows the project-wide facts need.
 */
import { INSIDER_EVENTS } from './data/insider-events.js';
import type { ListResult, SourceFs } from '../fs/source.js';
import { compactDocument, parseYaml, type YamlDocument, type YNode } from '../yaml/parse.js';
import type { Location } from '../yaml/span.js';
import { forbidFields } from './core/guard.js';
import type { FileProblem } from './core/problems.js';
import { MAX_JOBS_PER_WORKFLOW, MAX_STEPS_PER_JOB, MAX_STREAMED_WORKFLOW_FILES, MAX_WORKFLOW_CHARS, MAX_WORKFLOW_FILES } from './core/limits.js';
import type { Workflow } from './github/types.js';
import { readWorkflow } from './github/workflow.js';
import type { Project } from './project.js';

export const WORKFLOW_DIR = '.github/workflows';

export function isWorkflowFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** Reads a YAML file, recording read and parse problems; returns the document when usable. */
export function readYaml(fs: SourceFs, file: string, problems: FileProblem[], gitlabTags = false, read?: { chars: number }): YamlDocument | undefined {
  const result = fs.read(file);
  if (!result.ok) {
    problems.push({ file, kind: 'read', failure: result });
    return undefined;
  }
  if (read) read.chars += result.text.length;
  // GitHub's parser (YamlDotNet) accepts under-indented lines of a single-quoted scalar, GitLab's any (yaml/quoted-indent.ts).
  const doc = parseYaml(file, result.text, { gitlabTags, quotedContinuation: gitlabTags ? 'any' : 'single' });
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

/** What a stream did with a workflow: kept it for the project, or handed it on (checked, dropped). */
export type WorkflowStream = (workflow: Workflow) => 'keep' | 'streamed';

export interface ReadOptions {
  isIgnored: (file: string) => boolean;
  problems: FileProblem[];
  documents: YamlDocument[];
  stream?: WorkflowStream;
  /** Read only these files (one part of a parallel run). */
  only?: ReadonlySet<string>;
  /** Files a part of a parallel run already checked: counted as streamed, not read. */
  streamedElsewhere?: ReadonlySet<string>;
}

const START = { line: 1, column: 1 };

/** The workflow files of a `.github/workflows` listing (YAML files, not folders), in its order. */
export function workflowFilesOf(listing: ListResult): { name: string }[] {
  return listing.ok ? listing.entries.filter((e) => !e.isDir && isWorkflowFileName(e.name)) : [];
}

/** A limit of the whole `.github/workflows` folder, reported at its start. */
function dirLimit(limit: 'workflow-files' | 'workflow-text' | 'kept-workflows', count: number, max: number): FileProblem {
  return { file: WORKFLOW_DIR, kind: 'limit', limit, count, max, location: { file: WORKFLOW_DIR, start: START, end: START } };
}
const MIB = 1024 * 1024;

/**
 * The workflow files of `.github/workflows` in name order, each parsed and read into a `Workflow`.
 * Without a stream, at most `MAX_WORKFLOW_FILES` files are read and every workflow is kept. With
 * one, at most `MAX_STREAMED_WORKFLOW_FILES` are read, and at most `MAX_WORKFLOW_FILES` workflows
 * are kept: the ones after those (publishing, calling or callable workflows) are reported, not checked.
 */
/**
 * Each workflow read, kept or streamed: its `name:` (else its path, GitHub's default name) → for
 * each file of that name, whether every event that starts it is one only the repository's writers
 * can start (`INSIDER_EVENTS`). Booleans and copied names only: a streamed workflow's text is not
 * kept alive by slices of it (20,000 files).
 */
export type WorkflowEvents = ReadonlyMap<string, readonly boolean[]>;

export function readWorkflows(fs: SourceFs, listing: ListResult, options: ReadOptions): { workflows: Workflow[]; streamed: string[]; events: WorkflowEvents } {
  const { problems, documents, stream } = options;
  // A directory that exists but cannot be listed (permissions, a link out of the root) is a
  // finding, never an empty directory.
  if (!listing.ok && listing.reason !== 'missing') problems.push({ file: WORKFLOW_DIR, kind: 'read', failure: listing });
  const workflowFiles = workflowFilesOf(listing);
  const maxFiles = stream ? MAX_STREAMED_WORKFLOW_FILES : MAX_WORKFLOW_FILES;
  if (workflowFiles.length > maxFiles) problems.push(dirLimit('workflow-files', workflowFiles.length, maxFiles));
  const workflows: Workflow[] = [];
  const streamed: string[] = [];
  const events = new Map<string, boolean[]>();
  let unkept = 0;
  const read = { chars: 0 };
  for (const entry of workflowFiles.slice(0, maxFiles)) {
    const file = `${WORKFLOW_DIR}/${entry.name}`;
    if (options.isIgnored(file) || (options.only && !options.only.has(file))) continue;
    if (options.streamedElsewhere?.has(file)) {
      streamed.push(file);
      continue;
    }
    if (read.chars > MAX_WORKFLOW_CHARS) {
      problems.push(dirLimit('workflow-text', Math.ceil(read.chars / MIB), MAX_WORKFLOW_CHARS / MIB));
      break;
    }
    const doc = readYaml(fs, file, problems, false, read);
    if (!doc) continue;
    const overLimit = structureLimit(doc);
    if (overLimit) {
      problems.push({ file, kind: 'limit', ...overLimit });
      continue;
    }
    const workflow = readWorkflow(doc);
    if ('notAWorkflow' in workflow) {
      documents.push(doc);
      const node = doc.root;
      problems.push({ file, kind: 'shape', shape: workflow.notAWorkflow, location: node ? location(node) : { file, start: START, end: START } });
      continue;
    }
    // A copy of the name, not a slice of the file's text.
    const name = [...(workflow.name?.trim() || file)].join('');
    const insiders = workflow.triggers.length > 0 && workflow.triggers.every((t) => INSIDER_EVENTS.has(t.event));
    events.set(name, [...(events.get(name) ?? []), insiders]);
    if (stream && workflows.length >= MAX_WORKFLOW_FILES) {
      // Only an inert workflow is still checked: the others would have to be kept.
      if (stream(workflow) === 'streamed') streamed.push(file);
      else unkept++;
      continue;
    }
    if (stream?.(workflow) === 'streamed') {
      streamed.push(file);
      continue;
    }
    // Kept for the whole run: its wrappers stay, the yaml library's tree goes (issue 17, memory).
    compactDocument(doc);
    documents.push(doc);
    workflows.push(workflow);
  }
  if (unkept > 0) problems.push(dirLimit('kept-workflows', workflows.length + unkept, MAX_WORKFLOW_FILES));
  return { workflows, streamed, events };
}

const PROJECT_WIDE = ['workflows', 'callGraph', 'gitlab', 'circleci'] as const;

/**
 * The project as the rules see it while workflows stream: the repository facts (package.json, the
 * git remote, the listing) are real; the project-wide parts are not complete yet, and reading one
 * throws, so that a rule that would need them for a streamed workflow fails loudly (an internal
 * error) instead of answering from half a project.
 */
export function streamingView(base: Omit<Project, (typeof PROJECT_WIDE)[number]>): Project {
  const view = { ...base } as Project;
  forbidFields(view, PROJECT_WIDE, (key) => `project.${key} was read while workflows were streamed; a streamed workflow must not depend on it`);
  return view;
}
