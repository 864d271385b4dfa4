/**
 * A job's call of a reusable workflow of this repository (`uses: ./.github/workflows/x.yml`, or
 * `$/...`) whose file is not in the repository: a typo, `.yaml` for `.yml`, another case, another
 * folder. GitHub reads every workflow a run calls when it creates the run, from the same commit,
 * and fails the whole run when one is not there ("workflow was not found"): no job of it starts.
 * A call written `owner/repo/...@ref` to this repository is not judged: the file is read at `ref`,
 * which may differ from the checkout. Nor is a call whose file is absent with no existing workflow
 * it plainly misnames (`missingCall`).
 */
import { findMisnamed, type NearMissKind } from '../core/near-miss.js';
import type { Job } from './types.js';

/** The only folder GitHub runs (and calls) workflows from. */
const WORKFLOWS = '.github/workflows';

/** What a `uses:` names that is not there, and the existing workflow it most likely meant. */
export interface MissingCall {
  /** The repository-relative path the `uses:` names. */
  path: string;
  /** The existing workflow in `.github/workflows` it misnames (its path): the other extension, a case difference, the same name in another folder. */
  near: { kind: Exclude<NearMissKind, 'similar'> | 'otherDirectory'; path: string };
}

/** The directory listings the check reads (`RepoFiles`: names exact, as git stores them). */
export interface CallListing {
  list(dir: string): readonly { name: string; isDir: boolean }[] | undefined;
  exists(path: string): boolean;
}

/** The sorted workflow names of a listing of `.github/workflows`, per listing (`RepoFiles` lists a folder once). */
const namesOf = new WeakMap<readonly { name: string; isDir: boolean }[], string[]>();

/**
 * The workflow file names of `.github/workflows`, sorted. Made once per listing: each job's call
 * made its own sorted copy of 20,000 names in the 20,000-file run (bench/README.md, the
 * twenty-eighth stop).
 */
function workflowNames(entries: readonly { name: string; isDir: boolean }[] | undefined): readonly string[] {
  if (entries === undefined) return [];
  let names = namesOf.get(entries);
  if (names === undefined) {
    names = entries.filter((e) => !e.isDir && /\.ya?ml$/i.test(e.name)).map((e) => e.name).sort();
    namesOf.set(entries, names);
  }
  return names;
}

/**
 * The local reusable workflow `job` calls when its file does not exist and an existing workflow
 * has its name but for the extension, the case or the folder; undefined otherwise: when it exists,
 * when no existing workflow is plainly the one meant, when the job calls none (or one in another repository, or this one at a ref), or when the path
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
  const available = workflowNames(repo.list(WORKFLOWS));
  let near: MissingCall['near'] | undefined;
  if (dir !== WORKFLOWS && available.includes(name)) {
    near = { kind: 'otherDirectory', path: `${WORKFLOWS}/${name}` };
  } else {
    const found = findMisnamed(name, available);
    if (found && found.kind !== 'similar') near = { kind: found.kind, path: `${WORKFLOWS}/${found.name}` };
  }
  // Only a call that names an existing workflow wrongly (another extension, another case, another
  // folder) is judged: a file that is simply absent is more often one tp-doctor was not given (a
  // sparse checkout, a partial copy of the workflows, a file generated before the run) than one
  // missing from the commit, and a small edit distance alone is no evidence of a typo.
  return near === undefined ? undefined : { path, near };
}
