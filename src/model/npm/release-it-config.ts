/**
 * What release-it's configuration for a run in a directory says about its npm publish: whether it
 * publishes at all (`npm: false`, `npm.publish: false`) and whether it stages (`npm.stage`). The
 * configuration is the first of `RELEASE_IT_FILES` in the directory, else package.json
 * `release-it` (tool-config.ts `findToolConfig`); a JavaScript one (`.release-it.js`/`.cjs`/`.mjs`)
 * is read as text, the literals of the object it exports (config-value.ts), never run. TypeScript
 * and TOML, `--config`/`-c` (another file) and anything the text does not show are unknown, and an
 * unknown never says "does not publish".
 */
import { readToolConfig, type ReadConfig } from './config-value.js';
import type { PublishCommand } from './publish-site.js';
import { booleanOption } from './shell.js';
import { findToolConfig, RELEASE_IT_FILES, releaseItArgs, releaseItConfigFlag, type ToolConfigFiles } from './tool-config.js';

/** release-it's configuration for a run in `dir`, as values; undefined when there is none. */
export function releaseItConfig(files: ToolConfigFiles, dir: string): ReadConfig | undefined {
  const config = findToolConfig(files, dir, RELEASE_IT_FILES, 'release-it');
  return config && readToolConfig(files, config);
}

/** True when release-it, run in `dir` with `args`, certainly publishes nothing to npm. */
export function releaseItSkipsNpm(files: ToolConfigFiles, dir: string, args: readonly string[]): boolean {
  if (releaseItConfigFlag(args)) return false;
  const npm = releaseItConfig(files, dir)?.root.get('npm');
  return npm !== undefined && (npm.bool === false || npm.get('publish')?.bool === false);
}

export type ReleaseItStage = { stage: boolean; file?: string } | { unknown: string };

/**
 * Whether a release-it publish is a stage publish (`npm.stage: true`, docs/domain.md §0): the command line
 * (`--npm.stage`, `--no-npm.stage`) wins, else its configuration in `dir`; `--config`, a
 * configuration tp-doctor cannot read (TypeScript, TOML, a JavaScript value it does not read) leave
 * it unknown.
 */
export function releaseItStage(files: ToolConfigFiles, dir: string, publish: PublishCommand): ReleaseItStage {
  const args = releaseItArgs(publish);
  const flag = booleanOption(args, '--npm.stage');
  if (flag !== undefined) return { stage: flag };
  if (releaseItConfigFlag(args)) return { unknown: 'release-it runs with `--config`, a configuration file tp-doctor does not follow' };
  const config = releaseItConfig(files, dir);
  if (!config) return { stage: false };
  const unread = { unknown: `release-it reads "${config.file}", which tp-doctor cannot read` };
  const npm = config.root.get('npm');
  if (config.root.unknown || npm?.unknown) return unread;
  const stage = npm?.get('stage');
  if (stage?.unknown) return unread;
  return { stage: stage?.bool === true, file: config.file };
}
