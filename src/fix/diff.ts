/**
 * The unified diff `tp-doctor --fix-dry-run` prints, from jsdiff (`diff`): a well-kept library with
 * no dependencies whose output `git apply` and `patch -p1` read. Paths are repository-relative
 * with git's `a/` and `b/` prefixes, so the output applies at the repository root.
 */
import { createTwoFilesPatch } from 'diff';

/** The diff of one file (empty when nothing changed), three lines of context unless told. */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context });
  // jsdiff starts with a line of `=`; git's own diffs do not.
  return patch.replace(/^=+\r?\n/, '');
}
