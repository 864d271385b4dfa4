import type { SourceFs } from '../fs/source.js';

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
 */
export function readGitRemote(fs: SourceFs): GitRemote | undefined {
  let config = fs.read('.git/config');
  if (!config.ok) {
    // Worktrees and submodules have a `.git` file pointing at the real git directory.
    const pointer = fs.read('.git');
    if (!pointer.ok) return undefined;
    const m = /^gitdir:\s*(.+)$/m.exec(pointer.text);
    if (!m?.[1] || m[1].startsWith('/') || m[1].includes('..')) return undefined;
    config = fs.read(`${m[1].trim()}/config`);
    if (!config.ok) return undefined;
  }
  let inOrigin = false;
  let first: string | undefined;
  for (const line of config.text.split(/\r?\n/)) {
    const section = /^\s*\[\s*remote\s+"([^"]+)"\s*\]/.exec(line);
    if (section) {
      inOrigin = section[1] === 'origin';
      continue;
    }
    if (/^\s*\[/.test(line)) {
      inOrigin = false;
      continue;
    }
    const url = /^\s*url\s*=\s*(.+?)\s*$/.exec(line);
    if (url?.[1]) {
      if (inOrigin) return parseRemoteUrl(url[1]);
      first ??= url[1];
    }
  }
  return first ? parseRemoteUrl(first) : undefined;
}

/** `owner/repo` from a package.json repository value (URL or `github:o/r` / `o/r` shorthand). */
export function repositoryFromPackageUrl(value: string): GitRemote | undefined {
  const short = /^(?:(github|gitlab):)?([\w.-]+\/[\w./-]+?)(?:\.git)?$/.exec(value.trim());
  if (short && !value.includes('://') && !value.includes('@')) {
    return { url: value, host: short[1] === 'gitlab' ? 'gitlab.com' : 'github.com', path: short[2]! };
  }
  return parseRemoteUrl(value);
}
