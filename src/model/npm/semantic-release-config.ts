/**
 * What semantic-release's configuration for a run in a directory says about publishing to npm
 * (tool-config.ts `semanticReleaseConfigIn` finds it): whether @semantic-release/npm publishes, and
 * which other plugins that publish to npm it lists (../data/semantic-release-plugins.ts). Data
 * files (package.json `release`, `.releaserc`, its JSON and YAML files) and JavaScript files
 * (`.releaserc.js`/`.cjs`/`.mjs`, `release.config.*`) read the same way: a JavaScript file as text,
 * the literals of the object it exports (config-value.ts), never run. What the text
 * does not show (a spread, a variable, a function, `extends`, a TypeScript file) is unknown, and an
 * unknown never says "skips": the npm plugin may publish, as without a configuration; when the
 * plugins that run are what is unknown, that it publishes is a guess (`semanticReleaseSkipsNpm`).
 */
import type { Location } from '../../yaml/span.js';
import { SEMANTIC_RELEASE_PUBLISH_PLUGINS, type SemanticReleasePublishPlugin } from '../data/semantic-release-plugins.js';
import { readToolConfig, UNKNOWN_VALUE, type ConfigValue, type ReadConfig } from './config-value.js';
import { semanticReleaseCli, withCliOptions } from './semantic-release-cli.js';
import { semanticReleaseConfigIn, type ToolConfigFiles } from './tool-config.js';
import type { ConfigUnread } from './config-skips-npm.js';

/**
 * The configuration semantic-release reads for a run in `dir`: undefined when there is none (its
 * defaults apply), `unknown` as root when there is one tp-doctor cannot read.
 */
export function semanticReleaseConfig(files: ToolConfigFiles, dir: string): ReadConfig | undefined {
  const config = semanticReleaseConfigIn(files, dir);
  return config && readToolConfig(files, config);
}

const SEMANTIC_RELEASE_NPM = '@semantic-release/npm';

/**
 * Where a plugin entry writes its name: `'x'`, `['x', {...}]`, or the object form semantic-release's
 * plugin loader still takes (its lib/plugins/utils.js `parseConfig`: a map with a `path`, the rest
 * of the map its options: `{ "path": "@semantic-release/npm", "npmPublish": false }`).
 */
function pluginNameValue(entry: ConfigValue): ConfigValue | undefined {
  return entry.items ? entry.items[0] : (entry.get('path') ?? entry);
}

/** A plugin entry's name, undefined when it cannot be read. */
function pluginName(entry: ConfigValue): string | undefined {
  return pluginNameValue(entry)?.text;
}

/** A plugin entry's options: none for a bare name, `UNKNOWN_VALUE` when they cannot be read. */
function pluginOptions(entry: ConfigValue): ConfigValue | undefined {
  // The object form: the map is its own options (its `path` is no option the plugin reads).
  if (entry.items === undefined && entry.get('path') !== undefined) return { ...entry, get: (key) => (key === 'path' ? undefined : entry.get(key)) };
  const options = entry.items?.[1];
  return options === undefined || options.unknown || options.items !== undefined || options.text !== undefined || options.bool !== undefined ? options && UNKNOWN_VALUE : options;
}

/**
 * What the configuration for a run in `dir` says of @semantic-release/npm: `true` when it certainly
 * publishes nothing (the explicit `plugins`, or the `publish` step key, which names that step's
 * plugins, leave it out, or its `npmPublish`, its options', else the root's, which every plugin
 * reads, is `false`, or, without `npmPublish`, the package is `private`: the plugin's default is
 * then not to publish); `false` when it runs, as far as the text shows (`pkgRoot` and an `extends`
 * beside the plugin leave it publishing); `{ unread }` when the plugins that run are not in the
 * text (a file tp-doctor cannot read, FreshMag/another-testo's JSON preset imported and pushed to;
 * an `extends` without `plugins` of its own; a plugin entry or list it cannot read and no npm
 * plugin among what it can): whether the npm plugin runs is then a guess, `unread` says why.
 * `args`, the words after `semantic-release`: the keys its command line sets replace the file's
 * (semantic-release-cli.ts); a `publish` map's `npmPublish: false` is assigned over the entries of
 * a shareable configuration too (lib/plugins/index.js).
 */
export function semanticReleaseSkipsNpm(files: ToolConfigFiles, dir: string, args: readonly string[] = []): boolean | ConfigUnread {
  const cli = semanticReleaseCli(args);
  // Command-line options tp-doctor cannot read leave the publish as it is.
  if (cli === 'unknown') return false;
  const config = semanticReleaseConfig(files, dir);
  // The publish step the command line names is the one that runs, whatever the file says.
  const cliStep = cli.get('publish')?.items;
  if (config?.root.unknown === true && cliStep !== undefined) return !cliStep.some((p) => pluginName(p) === SEMANTIC_RELEASE_NPM);
  // Without a file, what the command line says is its own (the `extends` of no file is not named: as before).
  if (config === undefined && (cli.size === 0 || (cli.has('extends') && !cli.has('plugins') && cliStep === undefined))) return entrySkips(files, dir, undefined, undefined);
  const file = config?.file ?? 'package.json';
  const root = withCliOptions(config?.root, cli);
  if (root.unknown) return { file, unread: `${file} cannot be read` };
  const extended = root.get('extends');
  const step = publishStep(root);
  const unreadList = { file, unread: `${file} lists plugins tp-doctor cannot read` };
  if (step.unknown) return unreadList;
  const plugins = root.get('plugins');
  const items = step.items ?? plugins?.items;
  if (!items) {
    if (plugins?.unknown === true) return unreadList;
    if (extended === undefined) return plugins === undefined && entrySkips(files, dir, root, step.options);
    // A `publish` map's `npmPublish: false` is assigned over every publish-step entry, a shared configuration's too.
    if (step.options?.get('npmPublish')?.bool === false) return true;
    const by = cli.has('extends') ? `semantic-release --extends ${extended.text ?? '…'}` : `${file} extends ${extended.text ?? 'a shareable configuration'}`;
    return { file, unread: `${by}, which is not read` };
  }
  const entries = items.filter((p) => pluginName(p) === SEMANTIC_RELEASE_NPM);
  // An entry tp-doctor cannot read may be the npm plugin.
  if (items.some((p) => pluginName(p) === undefined)) return entries.length === 0 ? unreadList : false;
  if (entries.length === 0) return true;
  // A shareable configuration may set `npmPublish` for the plugin it lists.
  return extended === undefined && entries.every((entry) => entrySkips(files, dir, root, withStepOptions(pluginOptions(entry), step.options)));
}

/**
 * The entries semantic-release runs the publish step of (its lib/plugins/index.js: `options = {
 * ...plugins, ...options }`, then the step's own key if set): a `publish` key names them itself, in
 * place of the publish steps of `plugins` (a name, an entry, a list; `false` or `[]`: none;
 * snyk/snyk-broker-config's `publish: [['@semantic-release/npm', …], ['@semantic-release/exec', …]]`);
 * a map without `path` keeps the entries of `plugins` and adds its options to each of them for
 * that step (`Object.assign`: they win). `items` undefined: the entries of `plugins` (or its
 * defaults); `unknown`: a value tp-doctor cannot read.
 */
export interface PublishStep {
  readonly items: readonly ConfigValue[] | undefined;
  /** The options a map without `path` adds to the entries of `plugins`. */
  readonly options: ConfigValue | undefined;
  readonly unknown: boolean;
}

export function publishStep(root: ConfigValue): PublishStep {
  const step = root.get('publish');
  if (step === undefined) return { items: undefined, options: undefined, unknown: false };
  if (step.unknown) return { items: undefined, options: undefined, unknown: true };
  if (step.items) return { items: step.items, options: undefined, unknown: false };
  if (step.text !== undefined || step.get('path') !== undefined) return { items: [step], options: undefined, unknown: false };
  // `false` runs nothing (`true` is a configuration semantic-release rejects: nothing runs either).
  if (step.bool !== undefined) return { items: [], options: undefined, unknown: false };
  return { items: undefined, options: step, unknown: false };
}

/** An entry's options with those of a `publish` map over them (unread when the entry's are). */
function withStepOptions(options: ConfigValue | undefined, step: ConfigValue | undefined): ConfigValue | undefined {
  if (step === undefined) return options;
  return { ...UNKNOWN_VALUE, unknown: options?.unknown === true, get: (key) => step.get(key) ?? options?.get(key) };
}

/** One @semantic-release/npm entry (`options`: its own, none for a bare name) publishes nothing. */
function entrySkips(files: ToolConfigFiles, dir: string, root: ConfigValue | undefined, options: ConfigValue | undefined): boolean {
  if (options?.unknown) return false;
  const npmPublish = options?.get('npmPublish') ?? root?.get('npmPublish');
  if (npmPublish !== undefined) return npmPublish.bool === false;
  if (options?.get('pkgRoot') ?? root?.get('pkgRoot')) return false;
  return files.packageRoot(dir)?.get('private')?.value === true;
}

/** A plugin of the table the configuration lists, where its name is written. */
export interface PublishPluginEntry {
  plugin: SemanticReleasePublishPlugin;
  file: string;
  at: Location;
  /** Its options could not all be read (`npmPublish` may turn it off). */
  unread: boolean;
}

/**
 * The plugins of `SEMANTIC_RELEASE_PUBLISH_PLUGINS` the publish step of the configuration for a run
 * in `dir` runs (`publishStep`: the `publish` key's entries, else the explicit `plugins`), in order,
 * less those whose `npmPublish: false` (a `publish` map's, their options', else the root's) turns
 * their publish off. None from `extends` alone (not read).
 */
export function publishPluginsIn(files: ToolConfigFiles, dir: string): PublishPluginEntry[] {
  const config = semanticReleaseConfig(files, dir);
  const step = config && publishStep(config.root);
  const entries = step?.items ?? config?.root.get('plugins')?.items ?? [];
  const rootOff = config?.root.get('npmPublish')?.bool === false;
  const out: PublishPluginEntry[] = [];
  for (const entry of entries) {
    const name = pluginName(entry);
    const plugin = SEMANTIC_RELEASE_PUBLISH_PLUGINS.find((p) => p.plugin === name);
    const at = pluginNameValue(entry)?.at;
    if (!plugin || !at || !config) continue;
    const options = withStepOptions(pluginOptions(entry), step?.options);
    const npmPublish = options?.get('npmPublish')?.bool ?? (rootOff ? false : undefined);
    if (plugin.npmPublishOption && npmPublish === false) continue;
    out.push({ plugin, file: config.file, at, unread: options?.unknown === true });
  }
  return out;
}

/**
 * The `pkgRoot` @semantic-release/npm publishes for a run in `dir`, as written (relative to `dir`,
 * the directory semantic-release runs in: the plugin reads `path.resolve(cwd, pkgRoot)`): the
 * value of the publishing npm entries' options, else the root's, which every plugin reads
 * (TalismanSociety/siws: `["@semantic-release/npm", { "pkgRoot": "packages/siws" }]`). Undefined
 * when it publishes the directory itself (no `pkgRoot`, `.`) or when what runs is not in the text
 * (no configuration read, an unreadable one, plugins from an `extends` or a list it cannot read,
 * which the caller then reads as before); `unknown` when a `pkgRoot` is there but tp-doctor cannot tell its value (not a
 * string, a template, options it cannot read, two npm entries with different ones).
 */
export function semanticReleasePkgRoot(files: ToolConfigFiles, dir: string): string | 'unknown' | undefined {
  const config = semanticReleaseConfig(files, dir);
  const root = config?.root;
  if (root === undefined || root.unknown) return undefined;
  const step = publishStep(root);
  if (step.unknown) return undefined;
  const items = step.items ?? root.get('plugins')?.items;
  // The plugins of a shareable configuration, with their options, are not read.
  if (items === undefined && (root.get('extends') !== undefined || root.get('plugins') !== undefined)) return undefined;
  // Without a plugin list the default plugins run, the npm plugin among them, with the root's options.
  const entries = (items === undefined ? [undefined] : items.filter((p) => pluginName(p) === SEMANTIC_RELEASE_NPM).map(pluginOptions)).map((o) => withStepOptions(o, step.options));
  const values = new Set<string>();
  for (const options of entries) {
    if (options?.unknown) return 'unknown';
    if ((options?.get('npmPublish') ?? root.get('npmPublish'))?.bool === false) continue;
    const value = options?.get('pkgRoot') ?? root.get('pkgRoot');
    if (value === undefined) values.add('.');
    else if (value.text === undefined || /[$`]|<%/.test(value.text)) return 'unknown';
    else values.add(value.text.trim() === '' ? '.' : value.text.trim());
  }
  if (values.size > 1) return 'unknown';
  const [only] = values;
  if (only === undefined || /^\.\/?$/.test(only)) return undefined;
  return only;
}

/**
 * Whether semantic-release run at the root by a tool tp-doctor does not read (a CircleCI orb job
 * named for it, trustedshops-public/semantic-release's `with_existing_config`) certainly publishes
 * nothing to npm: the repository has no package.json (nothing to publish), or its configuration is
 * a data file (package.json `release`, `.releaserc`, its JSON or YAML file) that leaves the npm
 * plugin out (`semanticReleaseSkipsNpm`: an `extends` or a list it cannot read never does).
 * A JavaScript configuration, or none (the defaults publish), is no such certainty.
 */
export function semanticReleaseDataSkipsNpm(files: ToolConfigFiles): boolean {
  if (files.packageRoot('') === undefined) return true;
  const config = semanticReleaseConfigIn(files, '');
  return config !== undefined && !config.opaque && config.root !== undefined && semanticReleaseSkipsNpm(files, '') === true;
}
