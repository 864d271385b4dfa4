/**
 * Which workflows the loader may stream (`LoadOptions.onInert`): those nothing project-wide
 * depends on. The project-wide facts (publish sites and the packages they cover, the call graph
 * and its entry chains, the inferred publisher, the workflow a declared publisher names) are all
 * built from jobs that publish or may publish, from workflows that call or can be called, and
 * from the declared workflows: a workflow that is none of these adds nothing to them, and its own
 * findings (a literal token, `id-token: read`) come from its own workflow and job hooks.
 */
import { remoteActionTokens } from './remote-calls.js';
import type { Workflow } from './types.js';

/** `Release.YAML` → `release`: the loader keeps a workflow whose name is close to a declared one. */
function looseName(fileName: string): string {
  return fileName.toLowerCase().replace(/\.ya?ml$/, '');
}

/**
 * True for a workflow that cannot be called (`on: workflow_call`), calls no reusable workflow
 * (`jobs.<id>.uses`, local or not), has no step that publishes or may publish (after publish
 * detection) nor one that passes an npm token to a remote action (`remoteActionTokens`), and is not named by a declared trusted publisher (compared without case or
 * extension, so that a near miss stays visible to the rules that report it).
 */
export function isInertWorkflow(workflow: Workflow, declared: ReadonlySet<string>): boolean {
  if (workflow.callable) return false;
  const name = looseName(workflow.fileName);
  for (const d of declared) if (looseName(d) === name) return false;
  // A step passing an npm token to a remote action tp-doctor does not read is named in the inferred publisher's note.
  return workflow.jobs.every((job) => job.uses === undefined && job.steps.every((step) => step.publishes.length === 0 && remoteActionTokens(step).length === 0));
}
