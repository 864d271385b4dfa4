import type { FixSpec } from '../../src/fix/edits.js';
import { setScalar, yamlFix } from '../../src/fix/yaml.js';
import type { ProjectFacts } from '../../src/model/facts.js';
import type { CallGraph } from '../../src/model/github/call-graph.js';
import { missingCall, type MissingCall } from '../../src/model/github/missing-calls.js';
import type { Job } from '../../src/model/github/types.js';
import { mostCertain, type Certainty } from '../../src/model/publish.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';

/** A finding about a `uses:` of a local reusable workflow that does not exist. */
export interface MissingCallFinding {
  messageId: 'calledWorkflowMissing' | 'calledWorkflowMissingNoPublish';
  data: { job: string; uses: string; path: string; near: string; entries: string; blocked: string; remedy: string };
  at: YNode;
  related: { at: YNode | Location; label: string }[];
  /** Undefined when a trusted publisher's workflow is among the runs (certain), else the surest publish's. */
  certainty?: Certainty;
  /** `uses:` set to the existing workflow: a fix when only the extension or the case differs, a suggestion for another folder. */
  fix?: FixSpec;
  suggest?: FixSpec[];
}

const RELATION: Record<MissingCall['near']['kind'], string> = {
  otherExtension: 'exists, with another extension',
  caseMismatch: 'exists, differing only in case',
  otherDirectory: 'has that name',
};

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/**
 * `job` calls a local reusable workflow that is not in the repository (`missingCall`): GitHub fails
 * every run that includes the call before any job starts. An error when those runs publish (a
 * publishing job of any workflow they include, or of the workflow the `uses:` most likely meant)
 * or are a declared trusted publisher's workflow: then the publish certainly does not run; a
 * warning otherwise.
 */
export function missingCallFinding(job: Job, graph: CallGraph, facts: ProjectFacts, trustedWorkflows: ReadonlySet<string>): MissingCallFinding | undefined {
  const missing = job.uses ? missingCall(job, facts) : undefined;
  if (!missing || !job.uses) return undefined;
  const chains = graph.entryChains(job.workflow);
  const entryFiles = [...new Set(chains.map((c) => c.entry.fileName))].sort();
  const entries = entryFiles.length > 0 ? entryFiles : [job.workflow.fileName];
  // The workflows the failing runs hold: those of every entry, and the one the `uses:` probably meant.
  const held = new Set(chains.flatMap((c) => [...graph.reachable(c.entry)]));
  for (const wf of graph.reachable(job.workflow)) held.add(wf);
  const meant = graph.workflowAt(missing.near.path);
  if (meant) for (const wf of graph.reachable(meant)) held.add(wf);
  const publishing = facts.publishingJobs.filter((j) => held.has(j.workflow));
  const trusted = entries.filter((e) => trustedWorkflows.has(e));
  const near = `; "${missing.near.path}" ${RELATION[missing.near.kind]}`;
  const remedy = `Set \`jobs.${job.id}.uses\` to "./${missing.near.path}"`;
  const related: MissingCallFinding['related'] = [];
  const start = { line: 1, column: 1 };
  related.push({ at: { file: missing.near.path, start, end: start }, label: `existing workflow "${missing.near.path}"` });
  const base = { job: job.id, uses: job.uses.target, path: missing.path, near, entries: quoted(entries), remedy };
  const fixes = callFix(job.uses.node, job.id, missing);
  if (trusted.length === 0 && publishing.length === 0) {
    return { messageId: 'calledWorkflowMissingNoPublish', data: { ...base, blocked: '' }, at: job.uses.node, related, ...fixes };
  }
  const first = publishing[0];
  const site = first ? facts.trustedSites(first)[0] ?? facts.jobSites(first)[0] : undefined;
  if (site) related.push({ at: site.publish.location, label: `publish of job "${first!.id}" in ${first!.workflow.fileName}` });
  const blocked = trusted.length > 0 ? `the trusted publisher's workflow ${quoted(trusted)} never publishes` : `job "${first!.id}" in ${first!.workflow.fileName} does not publish in them`;
  const certainty = trusted.length > 0 ? undefined : mostCertain(publishing.flatMap((j) => facts.jobCertainty(j) ?? []));
  return { messageId: 'calledWorkflowMissing', data: { ...base, blocked }, at: job.uses.node, related, ...fixes, ...(certainty ? { certainty } : {}) };
}

/**
 * `uses:` pointed at the workflow that exists. Another extension (`.yaml` for `.yml`) or another case
 * names one file only, so the edit is the fix; a file of that name in another folder is only
 * probably the one meant (reusable workflows must be directly in `.github/workflows`): a suggestion.
 */
function callFix(node: YNode, jobId: string, missing: MissingCall): Pick<MissingCallFinding, 'fix' | 'suggest'> {
  const target = `./${missing.near.path}`;
  const edit = yamlFix(node, `Set \`jobs.${jobId}.uses\` to "${target}"`, setScalar(node, target));
  if (!edit) return {};
  return missing.near.kind === 'otherDirectory' ? { suggest: [edit] } : { fix: edit };
}
