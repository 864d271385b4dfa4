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
  if (index <= 0) return undefined;
  const after = shimsAfterLines(job);
  return after[Math.min(index, job.scripts.length) - 1];
}

/**
 * For each script line of the job, the shim in force after it (`after_script` lines change none):
 * one pass over the job's lines, where each publish of a job of thousands of lines used to split
 * every line before it again.
 */
function shimsAfterLines(job: GitlabJob): readonly (PathShim | undefined)[] {
  let known = shimsOfJob.get(job);
  if (known) return known;
  const out: (PathShim | undefined)[] = [];
  let shim: PathShim | undefined;
  for (const line of job.scripts) {
    if (line.section !== 'after_script') {
      for (const cmd of splitCommands(line.text)) {
        // `export PATH=$PATH:/x` (an append) keeps what an earlier prepend did.
        shim = exportedShim(cmd.words.map((w) => w.value), { dir: '' }) ?? shim;
      }
    }
    out.push(shim);
  }
  shimsOfJob.set(job, (known = out));
  return known;
}

/** `shimsAfterLines` per job (its script lines do not change once it is assembled). */
const shimsOfJob = new WeakMap<GitlabJob, readonly (PathShim | undefined)[]>();
