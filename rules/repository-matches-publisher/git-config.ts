/**
 * The remotes of `.git/config` with the line of each `url =`, for pointing a diagnostic at the
 * remote. Read as text; git is never run. (Candidate for src/model/git.ts: `readGitRemote` returns
 * only `origin`, without its position.)
 */
import type { SourceFs } from '../../src/fs/source.js';
import { gitConfigLine, parseRemoteUrl, type GitRemote } from '../../src/model/git.js';
import type { Location } from '../../src/yaml/span.js';

export interface GitConfigRemote {
  name: string;
  remote: GitRemote;
  /** The `url = ...` line in `.git/config`. */
  location: Location;
}

export function readGitRemotes(fs: SourceFs): GitConfigRemote[] {
  const file = '.git/config';
  const read = fs.read(file);
  if (!read.ok) return [];
  const out: GitConfigRemote[] = [];
  let current: string | undefined;
  read.text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    // Scanned, not matched: `url = a` + a million spaces + `b` must not backtrack.
    const parsed = gitConfigLine(line);
    if (parsed && 'section' in parsed) {
      current = parsed.remote;
      return;
    }
    if (!parsed || current === undefined) return;
    const remote = parseRemoteUrl(parsed.url);
    if (!remote) return;
    const start = parsed.column;
    out.push({
      name: current,
      remote,
      location: { file, start: { line: index + 1, column: start }, end: { line: index + 1, column: line.trimEnd().length + 1 } },
    });
  });
  return out;
}
