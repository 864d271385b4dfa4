/**
 * package.json `repository` values, normalised the way npm and the registry's provenance check see
 * them. npm rewrites shorthands (`o/r`, `github:o/r`) to `git+https://github.com/o/r.git` before
 * publishing; the registry then compares the URL, without `git+` and `.git`, with the repository the
 * provenance statement names, `https://github.com/<owner>/<repo>`, exactly and case-sensitively.
 */
import { parseRemoteUrl } from '../core/git.js';

export interface RepositoryRef {
  /** Lower-case host, e.g. `github.com`. */
  host: string;
  /** `owner/repo` (GitHub) or `group/sub/project` (GitLab), exact case, without `.git`. */
  path: string;
}

const SHORTHAND_HOSTS: Record<string, string> = {
  github: 'github.com',
  gitlab: 'gitlab.com',
  bitbucket: 'bitbucket.org',
};

/**
 * Host and path of a `repository` value: URLs (`https`, `git+https`, `git`, `ssh`, `git+ssh`),
 * scp-like `git@host:o/r.git`, and the shorthands `o/r`, `github:o/r`, `gitlab:g/p`,
 * `bitbucket:o/r`. For github.com only `owner/repo` is kept (`/tree/main/pkg` dropped), as
 * hosted-git-info does. Undefined for anything else (`gist:...`, a bare word, an expression).
 */
export function normalizeRepositoryUrl(value: string): RepositoryRef | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  let ref: RepositoryRef | undefined;
  const short = /^(?:([a-z]+):)?([\w.-]+(?:\/[\w.-]+)+)$/i.exec(trimmed);
  if (short && short[1] === undefined && /^[^/]*\./.test(trimmed) && trimmed.split('/').length >= 3) {
    // `github.com/o/r` without a scheme.
    return normalizeRepositoryUrl(`https://${trimmed}`);
  }
  if (short) {
    const prefix = short[1]?.toLowerCase();
    const host = prefix === undefined ? 'github.com' : SHORTHAND_HOSTS[prefix];
    if (host === undefined) return undefined;
    ref = { host, path: (short[2] ?? '').replace(/\.git$/, '') };
  } else {
    const remote = parseRemoteUrl(trimmed);
    if (!remote) return undefined;
    ref = { host: remote.host.replace(/^www\./, ''), path: remote.path };
  }
  if (ref.host === 'github.com') {
    const [owner, repo] = ref.path.split('/');
    if (!owner || !repo) return undefined;
    ref = { host: ref.host, path: `${owner}/${repo.replace(/\.git$/, '')}` };
  }
  return ref;
}

/** The URL a provenance statement names for a repository, e.g. `https://github.com/o/r`. */
export function provenanceUrl(ref: RepositoryRef): string {
  return `https://${ref.host}/${ref.path}`;
}

/** The `repository.url` value npm writes for a repository (what `npm pkg fix` produces). */
export function packageJsonUrl(ref: RepositoryRef): string {
  return `git+https://${ref.host}/${ref.path}.git`;
}

export type RepositoryComparison = 'equal' | 'case' | 'different';

/** Compares two repositories exactly, telling a case-only difference apart. */
export function compareRepositories(actual: RepositoryRef, expected: RepositoryRef): RepositoryComparison {
  if (actual.host === expected.host && actual.path === expected.path) return 'equal';
  if (actual.host === expected.host && actual.path.toLowerCase() === expected.path.toLowerCase()) return 'case';
  return 'different';
}
