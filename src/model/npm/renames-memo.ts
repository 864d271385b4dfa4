/**
 * `ProjectFacts.renamesBefore`'s question for one text before a publish, remembered per job and list
 * of package names (issue 17; split from ../facts.ts): each publish of a job of n steps asks about
 * every text before it. A start of a step's text (the publish's own text before it, `whole` set) is
 * walked from the whole text's commands (`renamesInStart`), testing only what that text mentions
 * (`cutTestsOf`, read once); a whole text is answered once. Kept with the job, so that a streamed
 * workflow's texts go with it.
 */
import { cutMay, cutTestsOf, renamesIn, renamesInStart, type StartWalk } from './manifest-edits.js';

/** Per job, per list of names: the answers for whole texts and the walks of texts whose starts are asked about. */
export type RenamesByJob = WeakMap<object, Map<string, { texts: Map<string, boolean>; walks: Map<string, StartWalk> }>>;

/** Whether a text before a publish in `job` may rename one of `names` (`read` gives a committed script's text). */
export function renamesMemo(byJob: RenamesByJob, job: object, names: readonly string[], read: (file: string) => string | undefined): (t: { text: string; whole?: string }) => boolean {
  let perJob = byJob.get(job);
  if (!perJob) byJob.set(job, (perJob = new Map()));
  const key = names.join('\n');
  let memo = perJob.get(key);
  if (!memo) perJob.set(key, (memo = { texts: new Map(), walks: new Map() }));
  const { texts: known, walks } = memo;
  return (t) => {
    if (t.whole !== undefined) return renamesInStart(t.whole, t.text.length, names, read, cutMay(cutTestsOf(t.whole), t.text.length), walks);
    let answer = known.get(t.text);
    if (answer === undefined) known.set(t.text, (answer = renamesIn(t.text, names, read, '', 0, new Set())));
    return answer;
  };
}
