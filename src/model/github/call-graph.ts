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

export interface CallGraphOptions {
  /**
   * `owner/repo` of the repository itself (the git remote's path). Calls written
   * `owner/repo/.github/workflows/x.yml@ref` to this repository are followed like `./` calls
   * (compared case-insensitively, as GitHub does).
   */
  selfRepository?: string;
  /**
   * Workflow files the loader checked and dropped (`Project.streamed`): they exist, publish nothing,
   * call nothing and cannot be called, so a call to one leads nowhere (see `callsStreamed`).
   */
  streamed?: readonly string[];
}

/**
 * The repository-relative workflow a job calls in this repository: `uses: ./.github/workflows/x.yml`,
 * or `uses: <selfRepository>/.github/workflows/x.yml@ref`. Undefined for other repositories.
 */
export function localCallPath(job: Job, selfRepository?: string): string | undefined {
  const uses = job.uses;
  if (!uses) return undefined;
  if (uses.localPath) return uses.localPath;
  const remote = uses.remote;
  if (remote && selfRepository && remote.repository.toLowerCase() === selfRepository.toLowerCase()) return remote.path;
  return undefined;
}

/**
 * Sets `localPath` on the reusable-workflow calls that name the repository itself
 * (`owner/repo/.github/workflows/x.yml@ref`), so that every reader of the model sees them as
 * local calls; `remote` stays as written. For callers that keep their own graph; `CallGraph`
 * resolves them by itself with the `selfRepository` option.
 */
export function resolveSelfCalls(workflows: readonly Workflow[], selfRepository: string): void {
  for (const wf of workflows) {
    for (const job of wf.jobs) {
      const path = localCallPath(job, selfRepository);
      if (path !== undefined && job.uses) job.uses.localPath = path;
    }
  }
}

export class CallGraph {
  /** Callee workflow path → jobs that call it with `uses: ./...` (or the repository's own name). */
  private readonly callers = new Map<string, Job[]>();
  private readonly byPath = new Map<string, Workflow>();
  private readonly memo = new Map<Workflow, EntryChain[]>();
  private readonly selfRepository: string | undefined;
  private readonly streamed: ReadonlySet<string>;

  constructor(
    readonly workflows: readonly Workflow[],
    options: CallGraphOptions = {},
  ) {
    this.selfRepository = options.selfRepository;
    this.streamed = new Set(options.streamed);
    for (const wf of workflows) this.byPath.set(wf.file, wf);
    for (const wf of workflows) {
      for (const job of wf.jobs) {
        const local = localCallPath(job, this.selfRepository);
        if (!local) continue;
        const list = this.callers.get(local) ?? [];
        list.push(job);
        this.callers.set(local, list);
      }
    }
  }

  /** The workflow a job's `uses:` points at, when it is a workflow of this repository. */
  callee(job: Job): Workflow | undefined {
    const local = localCallPath(job, this.selfRepository);
    return local ? this.byPath.get(local) : undefined;
  }

  /**
   * True when the job calls a workflow of this repository that the loader streamed (one that
   * publishes nothing, calls nothing and cannot be called): `callee` has no model of it, but the
   * call is known to lead to no publish, as when the workflow is kept.
   */
  callsStreamed(job: Job): boolean {
    const local = localCallPath(job, this.selfRepository);
    return local !== undefined && this.streamed.has(local);
  }

  /** The kept workflow at a repository path (`.github/workflows/x.yml`), if any. */
  workflowAt(path: string): Workflow | undefined {
    return this.byPath.get(path);
  }

  /** The workflow and the local reusable workflows its runs call, nested ones too (at most `MAX_DEPTH` deep), each once. */
  reachable(workflow: Workflow, depth = 0, seen = new Set<Workflow>()): Set<Workflow> {
    if (depth > MAX_DEPTH || seen.has(workflow)) return seen;
    seen.add(workflow);
    for (const job of workflow.jobs) {
      const callee = this.callee(job);
      if (callee) this.reachable(callee, depth + 1, seen);
    }
    return seen;
  }

  /** Jobs (in any workflow) that call this workflow. */
  callersOf(workflow: Workflow): Job[] {
    return this.callers.get(workflow.file) ?? [];
  }

  /**
   * When no run of this repository reaches the workflow (no entry chain), the reusable workflows
   * (`on: workflow_call` only) that no workflow here calls and through which it is reached: the
   * workflow itself, or the uncalled reusable workflows up its chains of callers. Each runs only
   * when a workflow of another repository calls it, and that caller is the top-level workflow of the
   * run. Empty for a workflow some run here reaches, and for one with no trigger at all.
   */
  externalEntries(workflow: Workflow): Workflow[] {
    if (this.entryChains(workflow).length > 0) return [];
    const out = new Set<Workflow>();
    const climb = (wf: Workflow, depth: number, seen: Set<Workflow>): void => {
      if (depth > MAX_DEPTH || seen.has(wf) || !wf.callableOnly) return;
      seen.add(wf);
      const callers = this.callersOf(wf);
      if (callers.length === 0) out.add(wf);
      for (const caller of callers) climb(caller.workflow, depth + 1, seen);
    };
    climb(workflow, 0, new Set());
    return [...out];
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
