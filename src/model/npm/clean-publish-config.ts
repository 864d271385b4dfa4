/**
 * What clean-publish's configuration for a run in a directory says about its publish: whether it
 * publishes at all (`withoutPublish: true`, the configuration's spelling of `--without-publish`).
 * Checked in clean-publish's source (`get-config.js`: lilconfig `clean-publish` with the search
 * places `package.json` (its `"clean-publish"` key), `.clean-publish` (JSON), `.clean-publish.js`,
 * in each directory from the working directory up; `clean-publish.js` `handleOptions`: the
 * configuration is read, under the command line's options, only when no word of the command line
 * is one it does not know; `run`: no publish when `withoutPublish`). A JavaScript configuration is
 * not read: what it says stays unknown, and an unknown never says "does not publish".
 */
import { CLEAN_PUBLISH_VALUE_OPTIONS, CLEAN_PUBLISH_SWITCHES } from '../data/publish-tools.js';
import { directoriesUp } from './yarn-project.js';
import { findToolConfig, type ToolConfig, type ToolConfigFiles } from './tool-config.js';

/** clean-publish's own files, after package.json's `"clean-publish"` key, in lilconfig's order. */
const CLEAN_PUBLISH_FILES = ['.clean-publish', '.clean-publish.js'];

/** True when clean-publish run in `dir` with `args` certainly publishes nothing because its configuration says `withoutPublish: true`. */
export function cleanPublishSkipsNpm(files: ToolConfigFiles, dir: string, args: readonly string[]): boolean {
  if (!readsConfig(args)) return false;
  const config = cleanPublishConfig(files, dir);
  return config?.root?.get('withoutPublish')?.value === true;
}

/** The configuration lilconfig finds for a run in `dir`: the nearest directory (up to the root) that has one. */
export function cleanPublishConfig(files: ToolConfigFiles, dir: string): ToolConfig | undefined {
  for (const d of directoriesUp(dir)) {
    const key = files.packageRoot(d)?.get('clean-publish');
    if (key !== undefined) return findToolConfig(files, d, [], 'clean-publish') ?? { file: d === '' ? 'package.json' : `${d}/package.json`, opaque: false };
    const found = findToolConfig(files, d, CLEAN_PUBLISH_FILES, 'clean-publish');
    if (found) return found;
  }
  return undefined;
}

/** clean-publish reads its configuration only when every word is one of its options (or an option's value): any other word is taken as a positional and the configuration is skipped. */
function readsConfig(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (CLEAN_PUBLISH_VALUE_OPTIONS.includes(word)) i++;
    else if (!CLEAN_PUBLISH_SWITCHES.includes(word)) return false;
  }
  return true;
}
