import type { Job, Workflow } from './types.js';

/**
 * How a job is reached from a top-level run: the entry workflow (whose file name npm checks) and
 * the caller jobs from the entry down to the job's own workflow (empty when the job's workflow is
 * itself the entry).
 */
export interface EntryChain {
  entry: Workflow;
  callers: Job[];
}

/** GitHub allows ten levels of reusable-workflow nesting; deeper chains are not followed. */
const MAX_DEPTH = 10;

export class CallGraph {
  /** Callee workflow path → jobs that call it with `uses: ./...`. */
  private readonly callers = new Map<string, Job[]>();
  private readonly byPath = new Map<string, Workflow>();
  private readonly memo = new Map<Workflow, EntryChain[]>();

  constructor(readonly workflows: readonly Workflow[]) {
    for (const wf of workflows) this.byPath.set(wf.file, wf);
    for (const wf of workflows) {
      for (const job of wf.jobs) {
        const local = job.uses?.localPath;
        if (!local) continue;
        const list = this.callers.get(local) ?? [];
        list.push(job);
        this.callers.set(local, list);
      }
    }
  }

  /** The workflow a local `uses:` points at, if it is in the repository. */
  callee(job: Job): Workflow | undefined {
    const local = job.uses?.localPath;
    return local ? this.byPath.get(local) : undefined;
  }

  /** Jobs (in any workflow) that call this workflow. */
  callersOf(workflow: Workflow): Job[] {
    return this.callers.get(workflow.file) ?? [];
  }

  /** Every way a workflow's jobs run: itself as entry, and through each chain of callers. */
  entryChains(workflow: Workflow): EntryChain[] {
    return this.chains(workflow, 0, new Set());
  }

  private chains(workflow: Workflow, depth: number, visiting: Set<Workflow>): EntryChain[] {
    const cached = this.memo.get(workflow);
    if (cached) return cached;
    if (depth > MAX_DEPTH || visiting.has(workflow)) return [];
    visiting.add(workflow);
    const out: EntryChain[] = [];
    if (!workflow.callableOnly && workflow.triggers.length > 0) out.push({ entry: workflow, callers: [] });
    for (const caller of this.callersOf(workflow)) {
      for (const chain of this.chains(caller.workflow, depth + 1, visiting)) {
        out.push({ entry: chain.entry, callers: [...chain.callers, caller] });
      }
    }
    visiting.delete(workflow);
    if (depth === 0) this.memo.set(workflow, out);
    return out;
  }
}
