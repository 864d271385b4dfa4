/**
 * A job's call of a reusable workflow of this repository (`uses: ./.github/workflows/x.yml`, or
 * `$/...`) whose file is not in the repository: a typo, `.yaml` for `.yml`, another case, another
 * folder. GitHub reads every workflow a run calls when it creates the run, from the same commit,
 * and fails the whole run when one is not there ("workflow was not found"): no job of it starts.
 * A call written `owner/repo/...@ref` to this repository is not judged: the file is read at `ref`,
 * which may differ from the checkout.
 */
import { findNearMiss, type NearMissKind } from '../core/near-miss.js';
import type { Job } from './types.js';

/** The only folder GitHub runs (and calls) workflows from. */
const WORKFLOWS = '.github/workflows';

/** What a `uses:` names that is not there, and the existing workflow it most likely meant. */
export interface MissingCall {
  /** The repository-relative path the `uses:` names. */
  path: string;
  /** The closest workflow in `.github/workflows` (its path): the other extension, a case difference, the same name in another folder, a small typo. */
  near?: { kind: NearMissKind | 'otherDirectory'; path: string };
  /** The workflow files in `.github/workflows`, sorted. */
  available: string[];
}

/** The directory listings the check reads (`RepoFiles`: names exact, as git stores them). */
export interface CallListing {
  list(dir: string): readonly { name: string; isDir: boolean }[] | undefined;
  exists(path: string): boolean;
}

/**
 * The local reusable workflow `job` calls when its file does not exist; undefined when it does,
 * when the job calls none (or one in another repository, or this one at a ref), or when the path
 * cannot be judged (`..`, an expression, a folder that exists but cannot be listed).
 */
export function missingCall(job: Job, repo: CallListing): MissingCall | undefined {
  const uses = job.uses;
  if (uses?.localPath === undefined || uses.remote !== undefined) return undefined;
  const path = uses.localPath;
  const parts = path.split('/');
  if (path.includes('${{') || parts.some((p) => p === '' || p === '.' || p === '..')) return undefined;
  const name = parts.at(-1) ?? '';
  const dir = parts.slice(0, -1).join('/');
  const entries = repo.list(dir);
  if (entries ? entries.some((e) => e.name === name) : repo.exists(dir)) return undefined;
  const available = (repo.list(WORKFLOWS) ?? []).filter((e) => !e.isDir && /\.ya?ml$/i.test(e.name)).map((e) => e.name).sort();
  const out: MissingCall = { path, available };
  if (dir !== WORKFLOWS && available.includes(name)) {
    out.near = { kind: 'otherDirectory', path: `${WORKFLOWS}/${name}` };
  } else {
    const near = findNearMiss(name, available);
    if (near) out.near = { kind: near.kind, path: `${WORKFLOWS}/${near.name}` };
  }
  return out;
}
