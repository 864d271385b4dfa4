/**
 * Whether npm inside a container (`docker run … node:24 npm publish`, `PathShim.container`) can get
 * the ID token: a container does not inherit the job's environment, so the variables npm reads
 * (../data/container-runs.ts `CONTAINER_OIDC_VARIABLES`) reach it only when its options pass them.
 */
import { CONTAINER_OIDC_VARIABLES } from '../data/container-runs.js';
import type { ContainerRun } from './publish-types.js';

export interface ContainerOidcGap {
  /** The variables to pass for trusted publishing to work inside the container. */
  missing: string[];
  /** An option that may pass them, which tp-doctor cannot read (`--env-file .env`): then not certain. */
  unread?: string;
}

/** What the container lacks for trusted publishing on `provider`; undefined when its options pass it everything npm needs. */
export function containerOidcGap(container: ContainerRun, provider: keyof typeof CONTAINER_OIDC_VARIABLES): ContainerOidcGap | undefined {
  if (container.all === true) return undefined;
  const needs = CONTAINER_OIDC_VARIABLES[provider];
  const passed = new Set(container.env);
  const lacking = (names: readonly string[]): string[] => names.filter((n) => !passed.has(n));
  // Any one set passed in full will do; else the first (on GitHub the variables the runner sets, not `NPM_ID_TOKEN`).
  const token = needs.token.some((set) => lacking(set).length === 0) ? [] : lacking(needs.token[0] ?? []);
  const missing = [...lacking([needs.ci]), ...token];
  if (missing.length === 0) return undefined;
  return { missing, ...(container.unread !== undefined ? { unread: container.unread } : {}) };
}
