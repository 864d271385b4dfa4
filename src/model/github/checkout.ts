/**
 * Where a job's steps see the repository. `actions/checkout` puts the repository at the workspace
 * root, or under `path:`; a job that checks its own repository out at `path: release` runs
 * `working-directory: release`, `uses: ./release/.github/actions/x` and `node-version-file:
 * release/.nvmrc` against this repository's files. A checkout of another repository makes the
 * paths under it unknown.
 */
import type { Job } from './types.js';

export interface CheckoutMount {
  /** The `path:` input, normalised (`` for the workspace root). */
  path: string;
  /** The `repository:` input as written; undefined for the workflow's own repository. */
  repository?: string;
  /** True when the checkout is of this repository (no `repository:`, or one naming it). */
  self: boolean;
}

const SELF_EXPRESSIONS = /^\$\{\{\s*github\.repository\s*\}\}$/;

/** `${{ github.workspace }}` at the start of a path written in the workflow (not a shell word). */
const WORKSPACE_PREFIX = /^\$\{\{\s*github\.workspace\s*\}\}(?:\/|$)/;

/** `./a//b/` → `a/b`; undefined for paths that leave the workspace or contain expressions. */
export function normalizeJobPath(raw: string): string | undefined {
  // `${{ github.workspace }}/x` names `x` in the workspace; any other absolute path (`/tmp/pkg`,
  // vercel/vercel) is outside it, where no file of the repository is.
  const text = raw.trim().replace(WORKSPACE_PREFIX, '');
  if (text.startsWith('/')) return undefined;
  const parts: string[] = [];
  for (const part of text.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  const out = parts.join('/');
  return out.includes('${{') || out.includes('$') ? undefined : out;
}

/** The checkouts of a job, in step order. `selfRepository` is the repository's own `owner/repo` (`Project.selfRepository`), when known. */
export function checkoutMounts(job: Job, selfRepository?: string): CheckoutMount[] {
  const out: CheckoutMount[] = [];
  for (const step of job.steps) {
    if (step.uses?.name.toLowerCase() !== 'actions/checkout') continue;
    const rawPath = step.with.get('path')?.text ?? '';
    const path = normalizeJobPath(rawPath);
    if (path === undefined) continue;
    const repository = step.with.get('repository')?.text?.trim();
    const self =
      repository === undefined ||
      repository === '' ||
      SELF_EXPRESSIONS.test(repository) ||
      (selfRepository !== undefined && repository.toLowerCase() === selfRepository.toLowerCase());
    out.push(repository ? { path, repository, self } : { path, self });
  }
  return out;
}

/**
 * A path as a job's step sees it (relative to the workspace), as a repository-relative path:
 * under a checkout of this repository at `path:` the prefix goes; under a checkout of another
 * repository the answer is undefined. Paths outside every checkout are the repository's own
 * (the default checkout is at the root).
 */
export function repositoryPath(mounts: readonly CheckoutMount[], jobPath: string): string | undefined {
  const path = normalizeJobPath(jobPath);
  if (path === undefined) return undefined;
  // The longest mount that contains the path decides.
  let best: CheckoutMount | undefined;
  for (const m of mounts) {
    if (m.path === '') continue;
    if ((path === m.path || path.startsWith(`${m.path}/`)) && (!best || m.path.length > best.path.length)) best = m;
  }
  if (!best) return path;
  if (!best.self) return undefined;
  return path === best.path ? '' : path.slice(best.path.length + 1);
}

/**
 * True when the files at `dir` (repository-relative as the job's steps see it: `` for the workspace
 * root) are another repository's: the last checkout whose `path:` holds it, the workspace root
 * included, is not of this repository (OpenZeppelin's `release-upgradeable.yml` checks out
 * `${{ github.repository }}-upgradeable` at the root and this repository under `lib/`).
 */
export function underOtherRepository(mounts: readonly CheckoutMount[], dir: string): boolean {
  let best: CheckoutMount | undefined;
  for (const m of mounts) {
    const holds = m.path === '' || dir === m.path || dir.startsWith(`${m.path}/`);
    if (holds && (!best || m.path.length >= best.path.length)) best = m;
  }
  return best !== undefined && !best.self;
}

/** A `run:` that checks out a pull request's head: `gh pr checkout`, a `git fetch` of `pull/<n>/head` or `/merge`. */
export const PR_HEAD_RUN = /\b(?:gh|hub)\s+pr\s+checkout\b|\bgit\s+fetch\b[^\n]*\bpull\/[^\s/]+\/(?:head|merge)\b/;

/** `PR_HEAD_RUN` matches `text`; every match holds `checkout` or `pull/`, so most texts never make V8 compile it (issue 17). */
export function checksOutPrHead(text: string): boolean {
  return (text.includes('checkout') || text.includes('pull/')) && PR_HEAD_RUN.test(text);
}

/**
 * True when a step of the job before step `before` (all steps when not given) checks out a commit
 * of its own choosing instead of the run's: `actions/checkout` with a `ref:`, or a `run:` that
 * checks out a pull request's head (`PR_HEAD_RUN`). The files the later steps read are then not
 * known to be the committed ones.
 */
export function checksOutOtherCommit(job: Job, before = Infinity): boolean {
  return job.steps.some((s) => s.index < before && ((s.uses?.name.toLowerCase() === 'actions/checkout' && s.with.has('ref')) || (s.run !== undefined && checksOutPrHead(s.run.text))));
}
