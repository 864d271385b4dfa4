/**
 * What release-it's `hooks` run when release-it runs (`RELEASE_IT_HOOKS` in
 * ../data/publish-tools.ts): the shell commands of its configuration's `hooks` map, read from the
 * configuration release-it reads in the directory it runs in (release-it-config.ts
 * `releaseItConfig`: `--config`'s file, `.release-it.*`, package.json `release-it`; data, or a
 * JavaScript file's literals, never run). A project that turns release-it's own npm publish off
 * (`npm.publish: false`) and publishes in a hook (`"after:bump": "pnpm -r publish"`) publishes
 * there (langfuse/langfuse-js). Each command is recognised like a `package.json` script run where
 * release-it runs (the way semantic-release's `publishCmd` is, semantic-release-exec.ts); a
 * template value (`${version}`) becomes a shell word tp-doctor cannot read. A hook of a plugin that
 * may be off (Git, GitHub, GitLab) publishes at most as a guess; an external plugin's hooks and a
 * configuration that cannot be read are not read.
 */
import { RELEASE_IT_HOOKS } from '../data/publish-tools.js';
import type { ConfigValue } from './config-value.js';
import { recognizeConfigCommand, type Found, type Frame, type Outcome, type Recognize } from './publish-match.js';
import { RELEASE_IT_PLUGIN_RECOGNIZER, releaseItConfig, releaseItNpmReplacement, releaseItPrivate, type ReleaseItNpmReplacement } from './release-it-config.js';
import { releaseItWorkspacesPublishes } from './release-it-workspaces.js';
import { templateCommand } from './semantic-release-exec.js';
import type { ToolConfigFiles } from './tool-config.js';

/** A hook command tp-doctor could read. */
export interface HookCommand {
  file: string;
  /** The hook's key (`after:bump`). */
  hook: string;
  command: string;
  at: NonNullable<ConfigValue['at']>;
  /** The hook runs only when a plugin that may be off is on. */
  maybe: boolean;
}

/**
 * Each hook key release-it may run, with whether it certainly runs (false: a plugin that may be
 * off); `disabled`: the built-in plugins a listed plugin disables (../data/release-it-plugins.ts).
 */
function hookKeys(npmOn: boolean, npmReleases: boolean, disabled: readonly string[]): Array<{ key: string; maybe: boolean }> {
  const keys: Array<{ key: string; maybe: boolean }> = [];
  for (const step of RELEASE_IT_HOOKS.steps) {
    for (const when of ['before', 'after'] as const) {
      keys.push({ key: `${when}:${step}`, maybe: false });
      for (const plugin of RELEASE_IT_HOOKS.alwaysOn.filter((p) => !disabled.includes(p))) keys.push({ key: `${when}:${plugin}:${step}`, maybe: false });
      if (npmOn && !(when === 'after' && step === 'release' && !npmReleases)) keys.push({ key: `${when}:${RELEASE_IT_HOOKS.npm}:${step}`, maybe: false });
      for (const plugin of RELEASE_IT_HOOKS.maybeOn) keys.push({ key: `${when}:${plugin}:${step}`, maybe: true });
    }
  }
  return keys;
}

/** The hook commands of the configuration release-it reads for a run in `dir` with `args`, in run order. */
export function releaseItHookCommands(files: ToolConfigFiles, dir: string, args: readonly string[]): HookCommand[] {
  const config = releaseItConfig(files, dir, args);
  const hooks = config?.root.get(RELEASE_IT_HOOKS.key);
  if (!config || !hooks || hooks.unknown) return [];
  const npm = config.root.get('npm');
  const replacement = releaseItNpmReplacement(files, dir, args);
  const disabled = replacement.kind === 'replaced' ? replacement.plugin.disables : [];
  const npmOn = npm?.bool !== false && files.packageRoot(dir) !== undefined && !disabled.includes(RELEASE_IT_HOOKS.npm);
  const npmReleases = npm?.get('publish')?.bool !== false && !releaseItPrivate(files, dir);
  const commands: HookCommand[] = [];
  for (const { key, maybe } of hookKeys(npmOn, npmReleases, disabled)) {
    const value = hooks.get(key);
    for (const one of value?.items ?? (value ? [value] : [])) {
      const command = one.text === undefined ? undefined : templateCommand([{ text: one.text }]);
      if (command !== undefined && one.at) commands.push({ file: config.file, hook: key, command, at: one.at, maybe });
    }
  }
  return commands;
}

/**
 * A recognised `release-it` run (`outcome`: its own npm publish, or rejected because its
 * configuration turns the publish off, `Outcome.configSkipped`) with what its hooks publish, in the
 * directory it runs in (not after a switch to another package). A hook that publishes nothing, or
 * runs something tp-doctor cannot read, leaves the outcome as it was.
 */
export function withReleaseItHooks(outcome: Outcome, words: readonly string[], frame: Frame, recognize: Recognize): Outcome {
  const own = outcome.found.length === 1 && outcome.found[0]!.recognizer === 'release-it';
  if (!own && outcome.configSkipped !== 'release-it') return outcome;
  if (frame.toolConfig === undefined || frame.dir === undefined || frame.inPackage !== undefined) return outcome;
  const found: Found[] = [];
  for (const hook of releaseItHookCommands(frame.toolConfig, frame.dir, words.slice(1))) {
    const inner = recognizeConfigCommand(frame, `hook\0${hook.file}\0${hook.at.start.line}:${hook.at.start.column}`, hook, recognize);
    const label = ` (${RELEASE_IT_HOOKS.key}["${hook.hook}"] of release-it in ${hook.file})`;
    for (const f of inner?.found ?? []) found.push({ ...f, label: `${f.label}${label}`, ...(hook.maybe ? { confidence: 'heuristic' as const } : {}) });
  }
  found.push(...pluginPublishes(releaseItNpmReplacement(frame.toolConfig, frame.dir, words.slice(1)), frame, recognize));
  found.push(...releaseItWorkspacesPublishes(frame, words.slice(1), recognize));
  if (found.length === 0) return outcome;
  // A run that may not happen (`--dry-run "$DRY_RUN"`): what its hooks publish is a guess too.
  const maybe = own ? outcome.found[0]!.confidence === 'heuristic' : outcome.configSkippedMaybe === true;
  const runs = maybe ? found.map((f): Found => ({ ...f, confidence: 'heuristic' })) : found;
  return { found: [...outcome.found, ...runs], rejected: false, unknown: false, unread: [] };
}

/**
 * What a plugin that takes the place of release-it's npm plugin publishes (`releaseItNpmReplacement`,
 * ../data/release-it-plugins.ts): its publish command, read like a script run where release-it
 * runs (release-it-pnpm's `pnpm -r publish ...`, or its `publishCommand`). A command whose value
 * tp-doctor cannot read is a guess of a publish by a tool it does not know (`runsUnread`), never
 * release-it's npm plugin.
 */
function pluginPublishes(replacement: ReleaseItNpmReplacement, frame: Frame, recognize: Recognize): Found[] {
  if (replacement.kind !== 'replaced') return [];
  const { file, plugin, command, at } = replacement;
  const label = ` (${plugin.commandOption} of ${plugin.plugin} in ${file})`;
  if (command === undefined) {
    const via = [...frame.via, { script: file, command: plugin.commandOption, ...(at ? { at } : {}) }];
    return [{ recognizer: RELEASE_IT_PLUGIN_RECOGNIZER, tool: 'other', label: `${plugin.plugin}${label.replace(')', ', not read)')}`, confidence: 'heuristic', args: [], via, flags: {}, runsUnread: true }];
  }
  const inner = recognizeConfigCommand(frame, `plugin\0${file}\0${plugin.plugin}`, { file, command, ...(at ? { at } : {}), ...(frame.dir !== undefined ? { startDir: frame.dir } : {}), option: `${plugin.commandOption} of ${plugin.plugin}` }, recognize);
  return (inner?.found ?? []).map((f): Found => ({ ...f, label: `${f.label}${label}` }));
}
