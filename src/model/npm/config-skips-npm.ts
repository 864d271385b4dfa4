/**
 * Whether a recognised publish tool publishes nothing to npm because its configuration in the
 * directory it runs in says so (a `RecognizeContext.configSkipsNpm`): the run is then no publish of
 * that tool (semantic-release may still publish through exec's `publishCmd` or another plugin,
 * semantic-release-exec.ts).
 */
import { autoUsesNpm } from './auto-config.js';
import { cleanPublishSkipsNpm } from './clean-publish-config.js';
import { releaseItSkipsNpm } from './release-it-config.js';
import { semanticReleaseSkipsNpm } from './semantic-release-config.js';
import type { ToolConfigFiles } from './tool-config.js';
import { actionDirectory } from './action-recognizers.js';
import type { ActionRecognizer } from '../data/publish-tools.js';
import type { RecognizeContext } from './publish-match.js';

/**
 * - release-it with `npm: false` or `npm.publish: false` (its documented switches; its data and
 *   JavaScript configurations, literals only, release-it-config.ts; `--config` leaves the publish);
 * - semantic-release whose @semantic-release/npm publishes nothing (semantic-release-config.ts
 *   `semanticReleaseSkipsNpm`: data and JavaScript configurations, literals only), or whose plugins
 *   are not in what it reads (`{ unread }`); the command line's `--plugins`, `--publish` and
 *   `--extends` over the file's keys (semantic-release-cli.ts; one it cannot read leaves the publish
 *   as it is).
 * - intuit/auto whose `plugins` leave its npm plugin out (auto-config.ts); `'publishes'` when it
 *   certainly loads it, which makes `auto shipit` a certain npm publish.
 * - clean-publish whose configuration says `withoutPublish: true` (clean-publish-config.ts).
 * Other tools: false.
 */
export function configSkipsNpm(files: ToolConfigFiles, dir: string, recognizer: string, args: readonly string[]): ConfigSays {
  if (recognizer === 'release-it') return releaseItSkipsNpm(files, dir, args);
  if (recognizer === 'clean-publish') return cleanPublishSkipsNpm(files, dir, args);
  if (recognizer.startsWith('auto-')) {
    const npm = autoUsesNpm(files, dir);
    return npm === 'no' ? true : npm === 'yes' ? 'publishes' : false;
  }
  if (recognizer !== 'semantic-release') return false;
  return semanticReleaseSkipsNpm(files, dir, args);
}

/**
 * What the configuration says of the npm publish of a semantic-release an action runs: in the
 * directory its directory input names (cycjimmy/semantic-release-action `working_directory`,
 * codfish's `working-directory`), that directory's (`configSkipsNpm`: package.json `release`, its
 * files, then the root's, as semantic-release's search goes up); else the context's, the step's
 * directory. A directory tp-doctor cannot tell says nothing.
 */
export function actionSkipsNpm(rec: ActionRecognizer, input: (name: string) => string | undefined, ctx: RecognizeContext): ConfigSays | undefined {
  const given = rec.directoryInput === undefined ? undefined : input(rec.directoryInput);
  if (given === undefined) return ctx.configSkipsNpm?.('semantic-release', []);
  const dir = actionDirectory(rec, input, ctx.dir);
  if (dir === undefined || dir.includes('${{') || ctx.toolConfig === undefined) return undefined;
  return configSkipsNpm(ctx.toolConfig, dir, 'semantic-release', []);
}

/**
 * What a tool's configuration says of its npm publish: `true`, it publishes nothing to npm;
 * `'publishes'`, it certainly does (auto's npm plugin); `false`, nothing known; `{ unread }`, whether
 * it publishes depends on what tp-doctor did not read in `file` (semantic-release's plugins:
 * `unread` says why), so its publish is a guess.
 */
export type ConfigSays = boolean | 'publishes' | ConfigUnread;

/** What a configuration leaves unknown (`PublishMatch.configUnread`): its file, and why, in words. */
export interface ConfigUnread {
  file: string;
  unread: string;
}

/** `configSkipsNpm` for the commands run in `dir` (a `RecognizeContext.configSkipsNpm`). */
export function configSkipsNpmIn(files: ToolConfigFiles | undefined, dir: string): ((recognizer: string, args: readonly string[]) => ConfigSays) | undefined {
  return files ? (recognizer, args) => configSkipsNpm(files, dir, recognizer, args) : undefined;
}

/**
 * What a recognised tool's match gets when whether it publishes depends on configuration tp-doctor
 * did not read (`ConfigSays` `{ unread }`: semantic-release's plugins): a guess, its label saying
 * why, and the configuration (`PublishMatch.configUnread`) for the rules to name.
 */
export function unreadConfigMatch(label: string, says: ConfigSays | undefined): { label: string; configUnread?: ConfigUnread } {
  if (typeof says !== 'object') return { label };
  return { label: `${label} (if its plugins include @semantic-release/npm: ${says.unread})`, configUnread: says };
}
