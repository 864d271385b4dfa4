/**
 * Whether a job goes on after an npm upgrade command fails, read from the text after the command
 * (and, on GitHub, its step's `continue-on-error`), whatever the CI provider: a GitHub step's
 * `run:`, a GitLab script line and a CircleCI `run` command are all read here (`markFailureReading`).
 * A GitLab job's `allow_failure` does not matter: the job still stops at the failing line.
 */
import type { NpmUpgradeAt } from './npm-version.js';
import { findNpmUpgrades } from './publish-commands.js';

/** `continue-on-error: true` on the step, or the text right after a command starting with `||` (the command that runs when it fails, to the end of the line). */
function goesOnAfter(continueOnError: string | undefined, after: string): { continues: true } | { orElse: string } | undefined {
  if (continueOnError?.trim() === 'true') return { continues: true };
  const m = /^[ \t]*\|\|([^\n]*)/.exec(after);
  return m ? { orElse: m[1]! } : undefined;
}

/**
 * True when the job goes on after a command fails, whatever then runs: `continue-on-error: true`
 * on its step, or `||` after it in its script (`npm i -g npm@latest || npm i -g npm@11`).
 */
export function failureHandled(continueOnError: string | undefined, after: string): boolean {
  return goesOnAfter(continueOnError, after) !== undefined;
}

/**
 * True when the job goes on after a command fails with nothing installing npm in its place:
 * `continue-on-error: true` on its step, or `|| true`, `|| :`, `|| echo …`, `|| printf …` after it,
 * with no npm upgrade in the rest of the line. Any other command after `||` (`./scripts/npm-fallback.sh`,
 * which may install npm; `exit 1`, which stops the step) is not read as going on with the old npm.
 */
export function failureTolerated(continueOnError: string | undefined, after: string): boolean {
  const goes = goesOnAfter(continueOnError, after);
  if (goes === undefined || 'continues' in goes) return goes !== undefined;
  return /^[ \t]*(?:true|:|echo|printf)(?=[ \t;]|$)/.test(goes.orElse) && findNpmUpgrades(goes.orElse).length === 0;
}

/**
 * Sets `handled` and `tolerated` (`NpmUpgradeAt`) on an upgrade found in a script, from the text
 * after its command (`after`) and the step's `continue-on-error` (GitHub only).
 */
export function markFailureReading<U extends Pick<NpmUpgradeAt, 'handled' | 'tolerated'>>(entry: U, after: string, continueOnError?: string): U {
  if (failureHandled(continueOnError, after)) entry.handled = true;
  if (failureTolerated(continueOnError, after)) entry.tolerated = true;
  return entry;
}
