/**
 * Finds out whether a declared GitLab CI file exists under exactly that repository path, and if not,
 * which existing file the user most likely meant. GitLab's CI file is a path from the repository
 * root (default `.gitlab-ci.yml`), so besides the name-level near misses of `findNearMiss` a file can
 * also sit in another directory, or differ in the case of a directory.
 */
import { findNearMiss, type NearMissKind } from '../core/near-miss.js';

/** What the check needs of the repository: directory listings and existence (the project facts give both). */
export interface RepositoryListing {
  list(dir: string): { name: string; isDir: boolean }[] | undefined;
  exists(file: string): boolean;
}

export type CiFileFinding =
  | { kind: NearMissKind | 'otherDirectory'; actual: string }
  | { kind: 'missing'; available: string[] }
  | { kind: 'noCiFile' };

/** How deep and how wide the repository is searched for near misses (a CI file sits near the root). */
const MAX_DEPTH = 4;
const MAX_ENTRIES = 5000;
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
const YAML = /\.ya?ml$/i;
/** Names that say "GitLab CI file": `.gitlab-ci.yml`, `npm.gitlab-ci.yml`, files under `.gitlab/`. */
const GITLAB_LOOKING = /(?:^|\/)[^/]*gitlab-ci\.ya?ml$|(?:^|\/)\.gitlab\/.+\.ya?ml$/i;

/** `./ci/x.yml` and `/ci/x.yml` name the same file as `ci/x.yml`. */
export function normalizeCiPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function listDir(fs: RepositoryListing, dir: string): { name: string; isDir: boolean }[] | undefined {
  return dir === '' ? (fs.list('') ?? fs.list('.')) : fs.list(dir);
}

/** YAML files of the repository (paths), breadth first, bounded. */
function yamlFiles(fs: RepositoryListing): string[] {
  const out: string[] = [];
  const queue: [string, number][] = [['', 0]];
  let budget = MAX_ENTRIES;
  while (queue.length > 0 && budget > 0) {
    const [dir, depth] = queue.shift()!;
    for (const entry of listDir(fs, dir) ?? []) {
      if (--budget < 0) break;
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDir) {
        if (depth < MAX_DEPTH && !SKIPPED_DIRS.has(entry.name)) queue.push([path, depth + 1]);
      } else if (YAML.test(entry.name)) {
        out.push(path);
      }
    }
  }
  return out.sort();
}

/** Undefined when `ciFile` exists under exactly that path. */
export function checkCiFile(fs: RepositoryListing, ciFile: string): CiFileFinding | undefined {
  const path = normalizeCiPath(ciFile);
  const dir = dirOf(path);
  const name = baseOf(path);
  const entries = listDir(fs, dir);
  // Compare names from the listing: `exists` may ignore case on some file systems. Without a
  // listing (an in-memory repository cannot list its root), `exists` is all there is.
  if (entries ? entries.some((e) => !e.isDir && e.name === name) : fs.exists(path) && !fs.list(path)) return undefined;

  const sameDir = findNearMiss(name, (entries ?? []).filter((e) => !e.isDir && YAML.test(e.name)).map((e) => e.name));
  if (sameDir) return { kind: sameDir.kind, actual: dir === '' ? sameDir.name : `${dir}/${sameDir.name}` };

  const files = yamlFiles(fs);
  const lowerPath = path.toLowerCase();
  const caseOnly = files.find((f) => f.toLowerCase() === lowerPath);
  if (caseOnly) return { kind: 'caseMismatch', actual: caseOnly };
  const stem = name.toLowerCase().replace(YAML, '');
  const elsewhere = files
    .filter((f) => baseOf(f).toLowerCase().replace(YAML, '') === stem && dirOf(f) !== dir)
    // The same file name first, then the shallowest path.
    .sort((a, b) => Number(baseOf(b) === name) - Number(baseOf(a) === name) || a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  if (elsewhere[0]) return { kind: 'otherDirectory', actual: elsewhere[0] };

  const available = files.filter((f) => GITLAB_LOOKING.test(f));
  return available.length > 0 ? { kind: 'missing', available } : { kind: 'noCiFile' };
}
