import { repoPath } from '../fs/paths.js';
import type { ReadFailure, ReadResult, SourceFs } from '../fs/source.js';

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
  path = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
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
    const line = raw.trim();
    if (line.startsWith('[')) {
      inOrigin = sectionIsOrigin(line);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0 || line.slice(0, eq).trim().toLowerCase() !== 'url') continue;
    const url = line.slice(eq + 1).trim();
    if (url === '') continue;
    if (inOrigin) return parseRemoteUrl(url);
    first ??= url;
  }
  return first ? parseRemoteUrl(first) : undefined;
}

/** `[remote "origin"]` (any spacing inside the brackets). */
function sectionIsOrigin(line: string): boolean {
  const close = line.indexOf(']');
  if (close < 0) return false;
  const inner = line.slice(1, close).trim();
  if (!inner.startsWith('remote')) return false;
  const name = inner.slice('remote'.length).trim();
  return name === '"origin"';
}

/** `owner/repo` from a package.json repository value (URL or `github:o/r` / `o/r` shorthand). */
export function repositoryFromPackageUrl(value: string): GitRemote | undefined {
  const short = /^(?:(github|gitlab):)?([\w.-]+\/[\w./-]+?)(?:\.git)?$/.exec(value.trim());
  if (short && !value.includes('://') && !value.includes('@')) {
    return { url: value, host: short[1] === 'gitlab' ? 'gitlab.com' : 'github.com', path: short[2]! };
  }
  return parseRemoteUrl(value);
}
