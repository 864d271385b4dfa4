/**
 * A GitLab job's `before_script` and `script` lines run in one shell, so an `export
 * PATH="$PWD/tools/npm/bin:$PATH"` on an earlier line holds for the publish on a later one (the
 * npm that directory may hold comes first: `npm/path-shim.ts`). The publish's own line is read by
 * the publish recognition already; `after_script` runs in a shell of its own.
 */
import { exportedShim } from '../npm/path-shim.js';
import type { PathShim } from '../npm/publish-match.js';
import { splitCommands } from '../npm/shell.js';
import type { GitlabJob } from './types.js';

/** The last `PATH` prepend that may bring another npm, on the lines before `index` of the job's shell. */
export function earlierPathShim(job: GitlabJob, index: number): PathShim | undefined {
  let shim: PathShim | undefined;
  for (let i = 0; i < index && i < job.scripts.length; i++) {
    const line = job.scripts[i]!;
    if (line.section === 'after_script') continue;
    for (const cmd of splitCommands(line.text)) {
      // `export PATH=$PATH:/x` (an append) keeps what an earlier prepend did.
      shim = exportedShim(cmd.words.map((w) => w.value), { dir: '' }) ?? shim;
    }
  }
  return shim;
}
