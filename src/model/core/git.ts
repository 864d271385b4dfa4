import { repoPath } from '../../fs/paths.js';
import type { ReadFailure, ReadResult, SourceFs } from '../../fs/source.js';
import { trimEndChar, trimStartChar } from '../../fs/strings.js';

export interface GitRemote {
  url: string;
  host: string;
  /** `owner/repo` for GitHub, `group/sub/project` for GitLab, exact case as in the URL. */
  path: string;
}

/**
 * Parses a git remote URL (https, ssh, scp-like `git@host:path`, `git+https`). Returns undefined
 * for anything that is not a host plus a path.
 */
export function parseRemoteUrl(url: string): GitRemote | undefined {
  const trimmed = url.trim();
  let host: string | undefined;
  let path: string | undefined;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(trimmed);
  if (/^[a-z+]+:\/\//i.test(trimmed)) {
    try {
      const u = new URL(trimmed.replace(/^git\+/, ''));
      host = u.hostname;
      path = decodeURIComponent(u.pathname);
    } catch {
      return undefined;
    }
  } else if (scp) {
    host = scp[1];
    path = scp[2];
  }
  if (!host || !path) return undefined;
  path = trimEndChar(trimStartChar(path, '/'), '/').replace(/\.git$/, '');
  if (!path.includes('/')) return undefined;
  return { url: trimmed, host: host.toLowerCase(), path };
}

/**
 * The `origin` remote, read from `.git/config` as text. tp-doctor never runs git in the inspected
 * repository: running it would execute that repository's hooks and config (`core.fsmonitor`...).
 * `onRefused` hears of a `.git` directory that was not read because it is a link out of the
 * repository.
 */
export function readGitRemote(fs: SourceFs, onRefused?: (file: string, failure: ReadFailure) => void): GitRemote | undefined {
  const refused = (file: string, result: ReadResult): void => {
    if (!result.ok && (result.reason === 'outside-root' || result.reason === 'invalid-path')) onRefused?.(file, result);
  };
  let config = fs.read('.git/config');
  if (!config.ok) {
    if (config.reason !== 'missing' && config.reason !== 'not-a-file') {
      refused('.git/config', config);
      return undefined;
    }
    // Worktrees and submodules have a `.git` file pointing at the real git directory.
    const pointer = fs.read('.git');
    if (!pointer.ok) return undefined;
    const gitdir = gitdirOf(pointer.text);
    if (gitdir === undefined) return undefined;
    // Relative to the repository root, and inside it: `repoPath` refuses `/abs` and `../x`. Not
    // reported: every `git worktree` checkout and submodule points outside its root this way.
    const target = repoPath(gitdir);
    if (!target.ok) return undefined;
    config = fs.read(target.path === '' ? 'config' : `${target.path}/config`);
    if (!config.ok) return undefined;
  }
  return originIn(config.text);
}

/** The `gitdir:` line of a `.git` file. */
function gitdirOf(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('gitdir:')) return trimmed.slice('gitdir:'.length).trim() || undefined;
  }
  return undefined;
}

/**
 * The `origin` URL of a git config text (else the first remote's), parsed. Scans lines with
 * string operations, never a regular expression over a whole line: a line is any length.
 */
export function originIn(text: string): GitRemote | undefined {
  let inOrigin = false;
  let first: string | undefined;
  for (const raw of text.split('\n')) {
    const line = gitConfigLine(raw);
    if (line === undefined) continue;
    if ('section' in line) {
      inOrigin = line.remote === 'origin';
      continue;
    }
    if (inOrigin) return parseRemoteUrl(line.url);
    first ??= line.url;
  }
  return first ? parseRemoteUrl(first) : undefined;
}

/**
 * One line of a git config file, as far as remotes go: a section header (`remote` is the name of
 * a `[remote "name"]` section), a non-empty `url = value` (`column`: 1-based, where the key
 * starts), or undefined for anything else.
 */
export function gitConfigLine(raw: string): { section: true; remote: string | undefined } | { url: string; column: number } | undefined {
  const line = raw.trim();
  if (line.startsWith('[')) {
    const close = line.indexOf(']');
    const inner = close < 0 ? '' : line.slice(1, close).trim();
    const rest = inner.startsWith('remote') ? inner.slice('remote'.length) : '';
    const name = rest.trim();
    const quoted = rest !== name && name.length >= 2 && name.startsWith('"') && name.endsWith('"') && !name.slice(1, -1).includes('"');
    return { section: true, remote: quoted ? name.slice(1, -1) : undefined };
  }
  const eq = line.indexOf('=');
  if (eq < 0 || line.slice(0, eq).trim().toLowerCase() !== 'url') return undefined;
  const url = line.slice(eq + 1).trim();
  if (url === '') return undefined;
  return { url, column: raw.length - raw.trimStart().length + 1 };
}

/** `owner/repo` from a package.json repository value (URL or `github:o/r` / `o/r` shorthand). */
export function repositoryFromPackageUrl(value: string): GitRemote | undefined {
  const short = /^(?:(github|gitlab):)?([\w.-]+\/[\w./-]+?)(?:\.git)?$/.exec(value.trim());
  if (short && !value.includes('://') && !value.includes('@')) {
    return { url: value, host: short[1] === 'gitlab' ? 'gitlab.com' : 'github.com', path: short[2]! };
  }
  return parseRemoteUrl(value);
}

/**
 * The repository's own GitHub `owner/repo`, as the inferred publisher names it: the git remote's,
 * else the root package.json `repository`'s (a tarball, a mirror or a copy has no remote). What
 * recognises `uses: owner/repo/...@ref` and checkouts of this repository as the repository itself.
 */
export function githubRepositoryOf(remote: GitRemote | undefined, packageRepositoryUrl: string | undefined): { repository: string; from: 'git remote' | 'package.json `repository`' } | undefined {
  if (remote?.host === 'github.com') return { repository: remote.path, from: 'git remote' };
  const parsed = packageRepositoryUrl ? repositoryFromPackageUrl(packageRepositoryUrl) : undefined;
  return parsed?.host === 'github.com' ? { repository: parsed.path, from: 'package.json `repository`' } : undefined;
}
