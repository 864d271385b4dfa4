/**
 * The commands a recognised publish tool runs from its own configuration, after the tool itself:
 * Ship.js's `publishCommand` (shipjs-config.ts), semantic-release's `@semantic-release/exec`
 * `publishCmd` and npm-publishing plugins (semantic-release-exec.ts), release-it's `hooks`
 * (release-it-hooks.ts), GoReleaser's `npms:` (goreleaser.ts). Each reader leaves an outcome that is
 * not its tool's as it was.
 */
import type { Frame, Outcome, Recognize } from './publish-match.js';
import { withReleaseItHooks } from './release-it-hooks.js';
import { withSemanticReleaseExec } from './semantic-release-exec.js';
import { withShipjsCommand } from './shipjs-config.js';
import { withGoreleaserNpms } from './goreleaser.js';

export function withConfigCommands(tool: Outcome, words: readonly string[], frame: Frame, recognize: Recognize): Outcome {
  const shipjs = withShipjsCommand(withGoreleaserNpms(tool, frame), frame, recognize);
  return withReleaseItHooks(withSemanticReleaseExec(shipjs, words, frame, recognize), words, frame, recognize);
}
