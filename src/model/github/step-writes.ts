/**
 * The files the `run:` steps of a job write before each of its steps (../npm/written-files.ts):
 * the steps of a job share the runner's workspace, so a later step that runs one (`node
 * release.mjs` after a step `cat <<EOF >release.mjs`: lovell/sharp's smoke test) reads what was
 * written, not a committed file of that name. Only steps run by bash or sh in one known directory
 * are read; a step that may be skipped (an `if:` tp-doctor cannot decide) leaves what it writes
 * unknown, one that never runs writes nothing. What an action step writes is not known.
 */
import { filesWrittenBy, joinWritten, type WrittenFiles } from '../npm/written-files.js';
import { evaluateCondition } from './expressions.js';
import { expandsEnvVariables, stepDirectories } from './steps.js';
import type { Job } from './types.js';

/** Text every script that writes a file holds. */
const MAY_WRITE = /[>]|\btee\b/;

/** For each step of `job`, by index: the files the steps before it wrote (undefined: none known). */
export function writtenBeforeSteps(job: Job): (WrittenFiles | undefined)[] {
  const out: (WrittenFiles | undefined)[] = [];
  let known: WrittenFiles | undefined;
  for (const step of job.steps) {
    out.push(known);
    const text = step.run?.text;
    if (text === undefined || !MAY_WRITE.test(text) || !expandsEnvVariables(step)) continue;
    const dirs = stepDirectories(step);
    const dir = dirs.length === 1 ? dirs[0] : undefined;
    const runs = evaluateCondition(step.node.get('if')?.text, undefined);
    if (dir === undefined || runs === false) continue;
    const after = filesWrittenBy(text, dir, known);
    known = runs === true ? after : joinWritten(known, after);
  }
  return out;
}
