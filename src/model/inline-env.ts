/**
 * The variables a publish's own command sets for itself: a `VAR=value` prefix (`NODE_AUTH_TOKEN=""
 * npm publish`, `env NODE_AUTH_TOKEN=$X npm publish`) sets VAR for that command only, over the
 * step's, job's and workflow's `env:` and the job's variables; an empty value clears it, so a token
 * the `env:` gives is not the one npm reads there (jpb06/effect-errors, survey921a F2).
 *
 * Read from the publish command as the CI file writes it (none for a publish an action runs), then
 * from the commands of the `package.json` scripts on the way (`PublishMatch.scriptEnv`).
 */
import { inlineAssignments } from './npm/registry-writes.js';
import { splitCommands } from './npm/shell.js';
import type { PublishSite } from './publish.js';

/** The variables the publish command of `site` sets for itself, the last assignment of a name winning. */
export function commandEnv(site: PublishSite): ReadonlyMap<string, string> {
  const own = site.publish.viaAction !== undefined || site.publish.match.action ? [] : inlineAssignments(splitCommands(site.publish.match.text)[0]);
  // Then what the `package.json` scripts on the way set (`"release": "NODE_AUTH_TOKEN= npm publish"`).
  return new Map([...own, ...(site.publish.match.scriptEnv ?? [])].map((a) => [a.name, a.value]));
}
