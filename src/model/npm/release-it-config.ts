/**
 * What release-it's configuration for a run in a directory says about its npm publish: whether it
 * publishes at all (`npm: false`, `npm.publish: false`, or a private package) and whether it stages
 * (`npm.stage`). The configuration is the file `--config`/`-c` names (relative to the directory),
 * else the first of `RELEASE_IT_FILES` in the directory, else package.json `release-it`
 * (tool-config.ts `findToolConfig`); a JavaScript or TypeScript one (`.js`/`.cjs`/`.mjs`,
 * `.ts`/`.cts`/`.mts`, all of which c12 loads) is read as text, the literals of the object it
 * exports (config-value.ts), never run. TOML, a `--config`
 * value that is no committed file, and anything the text does not show are unknown, and an unknown
 * never says "does not publish". Checked in release-it 21.1.2's source (`lib/config.js`: c12 loads
 * `--config`'s file or `.release-it.*` from the working directory; `lib/plugin/npm/npm.js`: `init`
 * returns before the npm checks, and `release` skips the publish, when `npm.publish` is `false` or
 * the working directory's package.json is `private`).
 */
import { RELEASE_IT_NPM_PLUGINS, type ReleaseItNpmPlugin } from '../data/release-it-plugins.js';
import type { Location } from '../../yaml/span.js';
import { readToolConfig, UNKNOWN_VALUE, type ConfigValue, type ReadConfig } from './config-value.js';
import type { PublishCommand } from './publish-site.js';
import { booleanOption } from './shell.js';
import { findToolConfig, inDir, RELEASE_IT_FILES, releaseItArgs, type ToolConfigFiles } from './tool-config.js';

/** The recogniser id of a publish by a release-it plugin whose command tp-doctor cannot read (a guess: release-it-hooks.ts, release-it-workspaces.ts). */
export const RELEASE_IT_PLUGIN_RECOGNIZER = 'release-it-plugin';

/** A configuration file `--config` may name: data, JavaScript or TypeScript read as text, or TOML (unknown). */
const CONFIG_FILE = /\.(?:json|ya?ml|[cm]?js|[cm]?ts|toml)$/;

/**
 * The configuration release-it reads for a run in `dir` with `args`: undefined when there is none
 * (its defaults apply, also for `--no-config`), a root `unknown` when it cannot be read.
 */
export function releaseItConfig(files: ToolConfigFiles, dir: string, args: readonly string[] = []): ReadConfig | undefined {
  if (args.includes('--no-config')) return undefined;
  const i = args.findIndex((a) => /^(?:-c|--config)(?:=|$)/.test(a));
  if (i >= 0) {
    const flag = args[i]!;
    const value = flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : args[i + 1];
    if (value === 'false') return undefined;
    const file = value !== undefined && CONFIG_FILE.test(value) && !/[$`*?]/.test(value) && !value.startsWith('/') && !value.split('/').includes('..') ? inDir(dir, value.replace(/^\.\//, '')) : undefined;
    if (file === undefined || !files.exists(file)) return { file: value ?? '--config', root: UNKNOWN_VALUE };
    if (/\.(?:[cm]?[jt]s|toml)$/.test(file)) return readToolConfig(files, { file, opaque: true }, true);
    const root = files.yaml(file);
    return readToolConfig(files, root?.isMap ? { file, root, opaque: false } : { file, opaque: false });
  }
  const config = findToolConfig(files, dir, RELEASE_IT_FILES, 'release-it');
  return config && readToolConfig(files, config, true);
}

/** release-it skips its npm checks and its publish for a private package (the working directory's package.json). */
export function releaseItPrivate(files: ToolConfigFiles, dir: string): boolean {
  return files.packageRoot(dir)?.get('private')?.value === true;
}

/**
 * A plugin that takes the place of release-it's npm plugin (../data/release-it-plugins.ts), as the
 * configuration release-it reads for a run in `dir` with `args` lists it under `plugins`:
 * - `none`: none is listed (or there is no configuration);
 * - `unknown`: `plugins` is there but tp-doctor cannot read it (a JavaScript value it does not
 *   read), so whether the npm plugin runs is unknown;
 * - `replaced`: the plugin, and its publish command (`command`, its default when the option is not
 *   set; undefined when the option's value cannot be read), where the file writes it (`at`).
 */
export type ReleaseItNpmReplacement =
  | { kind: 'none' }
  | { kind: 'unknown'; file: string }
  | { kind: 'replaced'; file: string; plugin: ReleaseItNpmPlugin; command: string | undefined; at: Location | undefined };

/** The options of a `plugins` entry: the value, or the second item of `["<namespace>", options]`. */
export function pluginOptions(entry: ConfigValue): ConfigValue | undefined {
  return entry.items?.length === 2 ? entry.items[1] : entry;
}

export function releaseItNpmReplacement(files: ToolConfigFiles, dir: string, args: readonly string[]): ReleaseItNpmReplacement {
  const config = releaseItConfig(files, dir, args);
  const plugins = config?.root.get('plugins');
  if (!config || config.root.unknown || plugins === undefined) return { kind: 'none' };
  if (plugins.unknown) return { kind: 'unknown', file: config.file };
  for (const plugin of RELEASE_IT_NPM_PLUGINS) {
    const entry = plugins.get(plugin.plugin);
    if (entry === undefined) continue;
    const options = pluginOptions(entry);
    const option = options?.unknown ? UNKNOWN_VALUE : options?.get(plugin.commandOption);
    const at = option?.at ?? entry.at ?? plugins.at;
    if (option === undefined) return { kind: 'replaced', file: config.file, plugin, command: plugin.defaultCommand, at };
    return { kind: 'replaced', file: config.file, plugin, command: option.unknown ? undefined : option.text, at };
  }
  return { kind: 'none' };
}

/**
 * True when release-it's own npm plugin, run in `dir` with `args`, certainly publishes nothing to
 * npm: `npm: false`, `npm.publish: false`, a private package, or a plugin that disables it
 * (`releaseItNpmReplacement`; that plugin's publish is read by release-it-hooks.ts).
 */
export function releaseItSkipsNpm(files: ToolConfigFiles, dir: string, args: readonly string[]): boolean {
  if (releaseItPrivate(files, dir)) return true;
  const npm = releaseItConfig(files, dir, args)?.root.get('npm');
  if (npm !== undefined && (npm.bool === false || npm.get('publish')?.bool === false)) return true;
  return releaseItNpmReplacement(files, dir, args).kind === 'replaced';
}

export type ReleaseItStage = { stage: boolean; file?: string } | { unknown: string };

/**
 * Whether a release-it publish is a stage publish (`npm.stage: true`, docs/domain.md §0): the command line
 * (`--npm.stage`, `--no-npm.stage`) wins, else its configuration; a configuration tp-doctor cannot
 * read (TOML, a `--config` file it cannot find, a JavaScript value it does not read)
 * leaves it unknown.
 */
export function releaseItStage(files: ToolConfigFiles, dir: string, publish: PublishCommand): ReleaseItStage {
  const args = releaseItArgs(publish);
  const flag = booleanOption(args, '--npm.stage');
  if (flag !== undefined) return { stage: flag };
  const config = releaseItConfig(files, dir, args);
  if (!config) return { stage: false };
  const unread = { unknown: `release-it reads "${config.file}", which tp-doctor cannot read` };
  const npm = config.root.get('npm');
  if (config.root.unknown || npm?.unknown) return unread;
  const stage = npm?.get('stage');
  if (stage?.unknown) return unread;
  return { stage: stage?.bool === true, file: config.file };
}
