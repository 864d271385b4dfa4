/**
 * The trusted-publisher action a recognised publish command needs (`publish`, or `stage-publish`
 * for `npm stage publish`, `pnpm stage publish` and an action told to stage), read from the command
 * alone, whatever tp-doctor's certainty that it runs: a `pnpm stage publish` found in a committed
 * script that a `node` step runs (a likely publish) is a stage publish if it runs at all
 * (survey917a M1, preactjs/signals). What `allowed-actions-match` checks and `tp-doctor init` writes.
 * Undefined when the command does not tell: an unread command or one that runs what tp-doctor did
 * not read, an action whose staging is an expression, an `npm` on `PATH` a committed wrapper may
 * replace, and release-it, whose `npm.stage` is in its configuration (`RepoFiles.releaseItStage`).
 * For a publish tp-doctor is not sure of (`certain` false), only a command of the publish tools'
 * tables tells: a script run it could not resolve (`npm run release`, script not found) may be either.
 */
import type { PublisherAction } from '../core/publishers.js';
import { ACTION_RECOGNIZERS, PUBLISH_RECOGNIZERS } from '../data/publish-tools.js';
import type { PublishMatch } from './publish-match.js';

const STAGE_RECOGNIZERS: ReadonlySet<string> = new Set(['npm-stage-publish', 'pnpm-stage-publish']);

/** The recognisers of publish commands and publishing actions, by id. */
let known: ReadonlySet<string> | undefined;

/** The action `match` needs, from its command (see the file comment); undefined when the command does not say. */
export function commandAction(match: PublishMatch, certain: boolean): PublisherAction | undefined {
  known ??= new Set([...PUBLISH_RECOGNIZERS.map((r) => r.id), ...ACTION_RECOGNIZERS.map((r) => r.id)]);
  if (!certain && !known.has(match.recognizer)) return undefined;
  if (match.recognizer === 'unread-command' || match.recognizer === 'release-it' || match.runsUnread === true) return undefined;
  if (match.staged === 'unknown' || match.pathShim?.holds === 'wrapper') return undefined;
  return STAGE_RECOGNIZERS.has(match.recognizer) || match.staged === true ? 'stage-publish' : 'publish';
}
