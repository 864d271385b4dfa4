/**
 * The remotes of `.git/config` with the line of each `url =`, for pointing a diagnostic at the
 * remote. Read as text; git is never run. Lines are split and scanned, never matched with a
 * backtracking pattern, so a line of a million spaces costs what it is long.
 */
import { parseRemoteUrl, type GitRemote } from './git.js';
import type { Location } from '../../yaml/span.js';

export interface GitConfigRemote {
  name: string;
  remote: GitRemote;
  /** The `url = ...` line in `.git/config`. */
  location: Location;
}

/** `url = value` as written on a line (key compared case-insensitively, as git does), or undefined. */
function urlValue(line: string): { indent: number; value: string } | undefined {
  const trimmed = line.trimStart();
  const indent = line.length - trimmed.length;
  const eq = trimmed.indexOf('=');
  if (eq < 0 || trimmed.slice(0, eq).trim().toLowerCase() !== 'url') return undefined;
  const value = trimmed.slice(eq + 1).trim();
  return value === '' ? undefined : { indent, value };
}

/** The `[remote "name"]` of a section header line, `null` for another section, undefined for no header. */
function sectionOf(line: string): string | null | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('[')) return undefined;
  const close = trimmed.indexOf(']');
  const inner = (close < 0 ? trimmed.slice(1) : trimmed.slice(1, close)).trim();
  if (!inner.toLowerCase().startsWith('remote')) return null;
  const open = inner.indexOf('"');
  const end = inner.lastIndexOf('"');
  return open >= 0 && end > open ? inner.slice(open + 1, end) : null;
}

export function parseGitRemotes(text: string, file = '.git/config'): GitConfigRemote[] {
  const out: GitConfigRemote[] = [];
  let current: string | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const section = sectionOf(line);
    if (section !== undefined) {
      current = section ?? undefined;
      return;
    }
    const url = current === undefined ? undefined : urlValue(line);
    if (!url || current === undefined) return;
    const remote = parseRemoteUrl(url.value);
    if (!remote) return;
    out.push({
      name: current,
      remote,
      location: { file, start: { line: index + 1, column: url.indent + 1 }, end: { line: index + 1, column: line.trimEnd().length + 1 } },
    });
  });
  return out;
}
