/**
 * The publishing actions' table (`ACTION_RECOGNIZERS`) looked up by a `uses:` path: asked for every
 * `uses:` step of every job, so by a map built once, not a scan of the table per step.
 */
import { ACTION_RECOGNIZERS, type ActionRecognizer } from '../data/publish-tools.js';

/** The row for `owner/repo/path`: one naming that path, else one naming the repository. */
export function actionRecognizer(path: string): ActionRecognizer | undefined {
  const lower = path.toLowerCase();
  // The first row of a name wins, as a `find` over the table would.
  const byName = (recognizersByName ??= new Map([...ACTION_RECOGNIZERS].reverse().map((a) => [a.action.toLowerCase(), a])));
  return byName.get(lower) ?? byName.get(lower.split('/').slice(0, 2).join('/'));
}
let recognizersByName: Map<string, ActionRecognizer> | undefined;
