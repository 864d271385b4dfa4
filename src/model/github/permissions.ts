import type { YNode } from '../../yaml/parse.js';
import type { EffectiveIdToken, Job, Permissions } from './types.js';

const EXPRESSION = /\$\{\{/;

export function readPermissions(node: YNode | undefined): Permissions | undefined {
  if (!node) return undefined;
  const scopes = new Map<string, { level: string; node: YNode }>();
  if (node.isMap) {
    for (const entry of node.entries()) {
      if (entry.key === undefined) continue;
      scopes.set(entry.key, { level: entry.text ?? '', node: entry });
    }
    return { node, kind: 'map', scopes };
  }
  const text = node.text;
  if (text === 'read-all') return { node, kind: 'read-all', scopes };
  if (text === 'write-all') return { node, kind: 'write-all', scopes };
  if (text !== undefined && EXPRESSION.test(text)) return { node, kind: 'expression', scopes };
  // `permissions:` with no value is an empty map for GitHub (every scope none).
  if (node.isNull) return { node, kind: 'map', scopes };
  return { node, kind: 'invalid', scopes };
}

/**
 * Effective `id-token` access of a job. A job-level block replaces the workflow's entirely; inside
 * any block every unlisted scope is `none`; `write-all` grants it, `read-all` and `{}` do not; with no
 * block anywhere the repository default applies, which never includes `id-token`.
 */
export function effectiveIdToken(
  workflowPermissions: Permissions | undefined,
  jobPermissions: Permissions | undefined,
): EffectiveIdToken {
  const decisive = jobPermissions ?? workflowPermissions;
  const source = jobPermissions ? 'job' : workflowPermissions ? 'workflow' : 'default';
  if (!decisive) return { access: 'none', source: 'default' };
  switch (decisive.kind) {
    case 'write-all':
      return { access: 'write', source, permissions: decisive };
    case 'read-all':
      return { access: 'none', source, permissions: decisive };
    case 'expression':
    case 'invalid':
      return { access: 'unknown', source, permissions: decisive };
    case 'map': {
      const entry = decisive.scopes.get('id-token');
      if (!entry) return { access: 'none', source, permissions: decisive };
      if (entry.level === 'write') return { access: 'write', source, permissions: decisive, entry: entry.node };
      if (entry.level === 'none') return { access: 'none', source, permissions: decisive, entry: entry.node };
      if (EXPRESSION.test(entry.level)) {
        return { access: 'unknown', source, permissions: decisive, entry: entry.node };
      }
      return { access: 'invalid', source, permissions: decisive, entry: entry.node, invalidValue: entry.level };
    }
  }
}

/**
 * Whether the job can get an OIDC ID token: `id-token: write`; certainly not when its permissions
 * (or its workflow's) leave it out, or when a top-level workflow sets none (the repository default
 * never grants it); unknown in a workflow that may be called, whose caller's permissions apply.
 */
export function oidcAvailable(job: Job): boolean | undefined {
  const { access, source } = job.idToken;
  if (access === 'write') return true;
  if (access !== 'none') return undefined;
  return source !== 'default' || !job.workflow.callable ? false : undefined;
}
