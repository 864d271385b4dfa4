/**
 * `find . -name '*.tgz' -exec npm publish --provenance {} \;` (middyjs/middy; ./command-runners.ts
 * `findExec` reads the command): find puts each path it finds in place of `{}`, one run per path
 * (`;`) or all of them at once (`+`). The publish's targets are those paths, which tp-doctor cannot
 * see: never a folder named `{}`. When the find selects tarballs (`-name '*.tgz'`), they are
 * packages packed earlier, as for `npm publish *.tgz` (./targets.ts: only what the job packed
 * first is a candidate); otherwise they may be any package folder (every package is a candidate).
 */
import type { WorkspacePackage } from './workspaces.js';

/** The word find replaces with each path it finds. */
export function isFindPlaceholder(target: string): boolean {
  return target === '{}';
}

/** Whether the find selects tarballs: a `-name`/`-iname`/`-path`/`-wholename` pattern ending in `.tgz`. */
function findsTarballs(find: string): boolean {
  return /-i?(?:name|path|wholename)\s+["']?[^\s"']*\.tgz["']?(?:\s|$)/.test(find);
}

/** The candidates of a publish of find's paths (`command`: the find command as written, at most its first 2,000 characters read): the packages the job packed first for tarballs, else every package. */
export function findPlaceholderCandidates(command: string, packed: WorkspacePackage[], all: WorkspacePackage[]): WorkspacePackage[] {
  return findsTarballs(command.slice(0, 2000)) ? packed : all;
}
