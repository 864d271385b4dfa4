import type { EntryChain } from '../../src/model/github/call-graph.js';
import type { Job, Permissions, Workflow } from '../../src/model/github/types.js';
import type { YNode } from '../../src/yaml/parse.js';

const EXPRESSION = /\$\{\{/;

/** Where to add `id-token: write`: the job's own block, else the workflow's top-level block. */
export function blockPath(job: Job): string {
  return job.permissions ? `jobs.${job.id}.permissions` : 'permissions';
}

/** `read-all`, `{}` (or an empty `permissions:`), else undefined. */
export function readAllLike(p: Permissions): string | undefined {
  if (p.kind === 'read-all') return 'read-all';
  return p.kind === 'map' && p.scopes.size === 0 ? '{}' : undefined;
}

/** The node that grants `id-token: write` at workflow level (the entry, or `write-all`), if any. */
export function workflowGrant(p: Permissions | undefined): { node: YNode; label: string } | undefined {
  if (p?.kind === 'write-all') return { node: p.node, label: 'workflow-level `permissions: write-all`' };
  const entry = p?.kind === 'map' ? p.scopes.get('id-token') : undefined;
  return entry?.level === 'write' ? { node: entry.node, label: 'workflow-level `id-token: write`' } : undefined;
}

/** `id-token:` entries whose value is neither `write`, `none` nor an expression, at any level. */
export function invalidIdTokenEntries(workflow: Workflow): { node: YNode; value: string }[] {
  const out: { node: YNode; value: string }[] = [];
  for (const p of [workflow.permissions, ...workflow.jobs.map((j) => j.permissions)]) {
    const entry = p?.kind === 'map' ? p.scopes.get('id-token') : undefined;
    if (!entry || entry.level === 'write' || entry.level === 'none' || EXPRESSION.test(entry.level)) continue;
    out.push({ node: entry.node, value: entry.level });
  }
  return out;
}

/**
 * The caller jobs of a chain that decide not to grant `id-token: write`, with the workflow each
 * one calls. A caller inside a called workflow that declares no `permissions` passes its own
 * caller's grant on, so it is skipped; the entry workflow's caller without any uses the repository
 * default (`none`).
 */
export function decidingCallers(chain: EntryChain, job: Job): { caller: Job; callee: Workflow }[] {
  const out: { caller: Job; callee: Workflow }[] = [];
  chain.callers.forEach((caller, i) => {
    if (i > 0 && caller.idToken.source === 'default') return;
    if (caller.idToken.access === 'write') return;
    out.push({ caller, callee: (chain.callers[i + 1] ?? job).workflow });
  });
  return out;
}
