/**
 * What `@release-it-plugins/workspaces` publishes when release-it runs with it under the `plugins`
 * of the configuration it reads (release-it-config.ts `releaseItConfig`), and whether its login
 * check runs first. The plugin's behaviour, read in release-it-plugins/workspaces `index.js`, is in
 * ../data/release-it-plugins.ts `RELEASE_IT_WORKSPACES`: for each workspace that is not private,
 * `npm publish ./<workspace> --tag <tag>` (`pnpm publish` where `pnpm-lock.yaml` or
 * `pnpm-workspace.yaml` is), or its `publishCommand`; before that, unless its `skipChecks` option
 * is set, `npm|pnpm whoami`, which fails under OIDC (`PublishPreCheck`). Each publish is read like
 * a script run where release-it runs; its workspaces are those of the root package.json
 * `workspaces`, else pnpm-workspace.yaml's (`RecognizeContext.workspaceScripts`). Its own
 * `workspaces` option, a `publishCommand` or a list tp-doctor cannot read make the publish a guess
 * by a tool it does not know.
 */
import { RELEASE_IT_WORKSPACES as PLUGIN } from '../data/release-it-plugins.js';
import type { Location } from '../../yaml/span.js';
import { UNKNOWN_VALUE, type ConfigValue } from './config-value.js';
import { recognizeConfigCommand, type Found, type Frame, type PublishPreCheck, type Recognize } from './publish-match.js';
import { pluginOptions, RELEASE_IT_PLUGIN_RECOGNIZER, releaseItConfig } from './release-it-config.js';
import { inDir, type ToolConfigFiles } from './tool-config.js';
import { booleanOption } from './shell-words.js';

/** The plugin as the configuration sets it up for a run in a directory. */
export interface ReleaseItWorkspaces {
  file: string;
  /** Where the file writes the plugin's entry. */
  at: Location | undefined;
  /** What it runs: pnpm where a pnpm file is, else npm. */
  program: 'npm' | 'pnpm';
  /** Whether `release()` publishes (`publish: false` does not); undefined when the value cannot be read. */
  publishes: boolean | undefined;
  /** Its `publishCommand`: absent (undefined), or its text (undefined `text`: cannot be read). */
  command: { text: string | undefined } | undefined;
  /** Its `workspaces` option is set: the globs it publishes are not the root's. */
  ownWorkspaces: boolean;
  /** `init()`'s whoami check: on, off (`skipChecks`), or unknown (a value tp-doctor cannot read). */
  checks: 'on' | 'off' | 'unknown';
}

/** JavaScript truthiness of an option (`if (this.options.skipChecks)`); undefined when it cannot be told. */
function truthy(value: ConfigValue | undefined): boolean | undefined {
  if (value === undefined) return false;
  if (value.unknown) return undefined;
  if (value.bool !== undefined) return value.bool;
  if (value.text !== undefined) return value.text !== '';
  return value.items !== undefined ? true : undefined;
}

/**
 * Whether the plugin's `skipChecks` is on: `--plugins.<plugin>.skipChecks` on the command line
 * (release-it's `lib/args.js` reads `plugins.*` options), its options under `plugins`, or a top-level
 * key of the plugin's name, which release-it merges into them (`factory.js` `getContext`). Unknown
 * when one of them cannot be read, or when the configuration `extends` a shared one (c12 merges it
 * in, and it may set the option).
 */
function skipChecks(root: ConfigValue, own: ConfigValue | undefined, args: readonly string[]): boolean | undefined {
  const cli = booleanOption(args, `--plugins.${PLUGIN.plugin}.${PLUGIN.skipChecksOption}`);
  if (cli !== undefined) return cli;
  const top = root.get(PLUGIN.plugin);
  const values = [truthy(own), top === undefined ? false : top.unknown ? undefined : truthy(top.get(PLUGIN.skipChecksOption))];
  if (values.includes(true)) return true;
  return values.includes(undefined) || root.get('extends') !== undefined ? undefined : false;
}

/**
 * The plugin in the configuration release-it reads for a run in `dir` with `args`; undefined when
 * it is not listed, is turned off (`false`), or `plugins` cannot be read (release-it-config.ts
 * `releaseItNpmReplacement` makes that unknown), or no package.json is there (`isEnabled`).
 */
export function releaseItWorkspaces(files: ToolConfigFiles, dir: string, args: readonly string[]): ReleaseItWorkspaces | undefined {
  const config = releaseItConfig(files, dir, args);
  const plugins = config?.root.get('plugins');
  if (!config || config.root.unknown || plugins === undefined || plugins.unknown) return undefined;
  const entry = plugins.get(PLUGIN.plugin);
  if (entry === undefined || entry.bool === false || files.packageRoot(dir) === undefined) return undefined;
  const options = pluginOptions(entry);
  const option = (key: string): ConfigValue | undefined => (options?.unknown ? UNKNOWN_VALUE : options?.get(key));
  const skip = skipChecks(config.root, option(PLUGIN.skipChecksOption), args);
  const publish = option(PLUGIN.publishOption);
  const command = option(PLUGIN.commandOption);
  return {
    file: config.file,
    at: entry.at ?? plugins.at,
    program: PLUGIN.pnpmFiles.some((f) => files.exists(inDir(dir, f))) ? 'pnpm' : 'npm',
    publishes: publish?.unknown ? undefined : publish?.bool !== false,
    command: command === undefined ? undefined : { text: command.unknown ? undefined : command.text },
    ownWorkspaces: option(PLUGIN.workspacesOption) !== undefined,
    checks: skip === undefined ? 'unknown' : skip ? 'off' : 'on',
  };
}

/** The commands it runs, each with a key; `{ guess }` when tp-doctor cannot read them (why, in words). */
function commandsOf(plugin: ReleaseItWorkspaces, frame: Frame, dir: string, files: ToolConfigFiles): Array<{ key: string; command: string }> | { guess: string } {
  if (plugin.command !== undefined) return plugin.command.text === undefined ? { guess: `its ${PLUGIN.commandOption} not read` } : [{ key: PLUGIN.commandOption, command: plugin.command.text }];
  if (plugin.ownWorkspaces) return { guess: `its ${PLUGIN.workspacesOption} option not read` };
  const declares = files.packageRoot(dir)?.get('workspaces') !== undefined;
  // Without `workspaces`, and without pnpm-workspace.yaml in a pnpm repository, its constructor throws.
  if (!declares && (plugin.program !== 'pnpm' || !files.exists(inDir(dir, 'pnpm-workspace.yaml')))) return [];
  const list = frame.away ? undefined : frame.workspaceScripts?.(declares ? 'package.json' : 'pnpm-workspace.yaml');
  if (list === undefined || list.length === 0) return { guess: 'its workspaces not found' };
  const prefix = dir === '' ? '' : `${dir}/`;
  return list
    .filter((ws) => ws.private !== true && ws.dir.startsWith(prefix) && ws.dir !== dir)
    .map((ws) => ({ key: ws.dir, command: `${plugin.program} publish ./${ws.dir.slice(prefix.length)} ${PLUGIN.publishArgs}` }));
}

/**
 * What the plugin publishes for a release-it run in `frame` with `args` (see the file comment),
 * each publish with the plugin's `PublishPreCheck` unless its `skipChecks` is set.
 */
export function releaseItWorkspacesPublishes(frame: Frame, args: readonly string[], recognize: Recognize): Found[] {
  const files = frame.toolConfig;
  const dir = frame.dir;
  if (files === undefined || dir === undefined) return [];
  const plugin = releaseItWorkspaces(files, dir, args);
  if (plugin === undefined || plugin.publishes === false) return [];
  const { file, at } = plugin;
  const preCheck: PublishPreCheck | undefined =
    plugin.checks === 'off' ? undefined : { tool: PLUGIN.plugin, command: `${plugin.program} ${PLUGIN.check}`, option: PLUGIN.skipChecksOption, file, ...(at ? { at } : {}), unknown: plugin.checks === 'unknown' };
  const extra = (f: Found): Found => ({ ...f, ...(preCheck ? { preCheck } : {}), ...(plugin.publishes === undefined ? { confidence: 'heuristic' as const } : {}) });
  const commands = commandsOf(plugin, frame, dir, files);
  if ('guess' in commands) {
    const via = [...frame.via, { script: file, command: PLUGIN.plugin, ...(at ? { at } : {}) }];
    return [extra({ recognizer: RELEASE_IT_PLUGIN_RECOGNIZER, tool: 'other', label: `${PLUGIN.plugin} (${commands.guess}, in ${file})`, confidence: 'heuristic', args: [], via, flags: {}, runsUnread: true })];
  }
  const found: Found[] = [];
  for (const { key, command } of commands) {
    const inner = recognizeConfigCommand(frame, `plugin\0${file}\0${PLUGIN.plugin}\0${key}`, { file, command, ...(at ? { at } : {}), startDir: dir }, recognize);
    for (const f of inner?.found ?? []) found.push(extra({ ...f, label: `${f.label} (${PLUGIN.plugin} in ${file})` }));
  }
  return found;
}
