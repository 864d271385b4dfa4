/**
 * What semantic-release's configuration for a run in a directory says about publishing to npm
 * (tool-config.ts `semanticReleaseConfigIn` finds it): whether @semantic-release/npm publishes, and
 * which other plugins that publish to npm it lists (../data/semantic-release-plugins.ts). Data
 * files (package.json `release`, `.releaserc`, its JSON and YAML files) and JavaScript files
 * (`.releaserc.js`/`.cjs`/`.mjs`, `release.config.*`) read the same way: a JavaScript file as text,
 * the literals of the object it exports (js-config.ts, js-literal.ts), never run. What the text
 * does not show (a spread, a variable, a function, `extends`, a TypeScript file) is unknown, and an
 * unknown never says "skips": the npm plugin may publish, as without a configuration.
 */
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { SEMANTIC_RELEASE_PUBLISH_PLUGINS, type SemanticReleasePublishPlugin } from '../data/semantic-release-plugins.js';
import { exportedObject } from './js-config.js';
import { literalObject, type JsValue } from './js-literal.js';
import { locateInScript, MAX_SHELL_FILE_CHARS } from './shell-files.js';
import { semanticReleaseConfigIn, type ToolConfigFiles } from './tool-config.js';

/** One value of the configuration, from a data file or from a JavaScript file's literals. */
export interface ReleaseValue {
  /** A JavaScript value tp-doctor does not read (a variable, a call, a spread's object). */
  readonly unknown: boolean;
  /** A string (a template without substitutions too). */
  readonly text: string | undefined;
  readonly bool: boolean | undefined;
  /** A list's items; undefined for anything else. */
  readonly items: readonly ReleaseValue[] | undefined;
  /** A map's entry; undefined when absent or not a map. */
  get(key: string): ReleaseValue | undefined;
  readonly at: Location | undefined;
}

/** The configuration read: its file and root map (`unknown` when the root cannot be read). */
export interface ReleaseConfig {
  file: string;
  root: ReleaseValue;
}

/** The JavaScript configurations read as text (a TypeScript one is not). */
const JS_CONFIG = /\.[cm]?js$/;

const UNKNOWN: ReleaseValue = { unknown: true, text: undefined, bool: undefined, items: undefined, get: () => undefined, at: undefined };

function fromYaml(node: YNode): ReleaseValue {
  const value = node.value;
  return {
    unknown: false,
    text: typeof value === 'string' ? value : undefined,
    bool: typeof value === 'boolean' ? value : undefined,
    items: node.isSeq ? node.items().map(fromYaml) : undefined,
    get: (key) => {
      const child = node.isMap ? node.get(key) : undefined;
      return child && fromYaml(child);
    },
    at: { file: node.file, ...node.span },
  };
}

function fromJs(value: JsValue, file: string, text: string): ReleaseValue {
  switch (value.kind) {
    case 'text': {
      const plain = value.parts.every((p) => 'text' in p) ? value.parts.map((p) => ('text' in p ? p.text : '')).join('') : undefined;
      return { ...UNKNOWN, unknown: plain === undefined, text: plain, at: locateInScript(file, text, value.start, value.end) };
    }
    case 'boolean':
      return { ...UNKNOWN, unknown: false, bool: value.value, at: locateInScript(file, text, value.start, value.end) };
    case 'array':
      return { ...UNKNOWN, unknown: false, items: value.items.map((v) => fromJs(v, file, text)) };
    case 'object': {
      const props = value.props;
      return { ...UNKNOWN, unknown: false, get: (key) => (props.has(key) ? fromJs(props.get(key)!, file, text) : undefined) };
    }
    default:
      return UNKNOWN;
  }
}

/**
 * The configuration semantic-release reads for a run in `dir`: undefined when there is none (its
 * defaults apply), `unknown` as root when there is one tp-doctor cannot read.
 */
export function semanticReleaseConfig(files: ToolConfigFiles, dir: string): ReleaseConfig | undefined {
  const config = semanticReleaseConfigIn(files, dir);
  if (!config) return undefined;
  if (config.root) return { file: config.file, root: fromYaml(config.root) };
  if (!config.opaque || !JS_CONFIG.test(config.file)) return { file: config.file, root: config.opaque ? UNKNOWN : { ...UNKNOWN, unknown: false } };
  const text = files.text(config.file);
  const object = text === undefined || text.length > MAX_SHELL_FILE_CHARS ? undefined : exportedObject(text);
  return { file: config.file, root: object && text !== undefined ? fromJs(literalObject(object), config.file, text) : UNKNOWN };
}

const SEMANTIC_RELEASE_NPM = '@semantic-release/npm';

/** A plugin entry's name (`'x'` or `['x', {...}]`), undefined when it cannot be read. */
function pluginName(entry: ReleaseValue): string | undefined {
  return (entry.items ? entry.items[0] : entry)?.text;
}

/** A plugin entry's options: none for a bare name, `UNKNOWN` when they cannot be read. */
function pluginOptions(entry: ReleaseValue): ReleaseValue | undefined {
  const options = entry.items?.[1];
  return options === undefined || options.unknown || options.items !== undefined || options.text !== undefined || options.bool !== undefined ? options && UNKNOWN : options;
}

/**
 * True when @semantic-release/npm certainly publishes nothing for a run in `dir`: the explicit
 * `plugins` leave it out, or its `npmPublish` (its options', else the root's, which every plugin
 * reads) is `false`, or, without `npmPublish`, the package is `private` (the plugin's default is
 * then not to publish). `pkgRoot`, `extends` (a shareable configuration may set any of these) and
 * anything the reader cannot read leave it publishing.
 */
export function semanticReleaseSkipsNpm(files: ToolConfigFiles, dir: string): boolean {
  const root = semanticReleaseConfig(files, dir)?.root;
  if (root?.unknown === true) return false;
  const plugins = root?.get('plugins');
  const extended = root?.get('extends') !== undefined;
  if (!plugins?.items) return plugins === undefined && !extended && entrySkips(files, dir, root, undefined);
  // An entry tp-doctor cannot read may be the npm plugin.
  if (plugins.items.some((p) => pluginName(p) === undefined)) return false;
  const entries = plugins.items.filter((p) => pluginName(p) === SEMANTIC_RELEASE_NPM);
  if (entries.length === 0) return true;
  // A shareable configuration may set `npmPublish` for the plugin it lists.
  return !extended && entries.every((entry) => entrySkips(files, dir, root, pluginOptions(entry)));
}

/** One @semantic-release/npm entry (`options`: its own, none for a bare name) publishes nothing. */
function entrySkips(files: ToolConfigFiles, dir: string, root: ReleaseValue | undefined, options: ReleaseValue | undefined): boolean {
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
 * The plugins of `SEMANTIC_RELEASE_PUBLISH_PLUGINS` the explicit `plugins` of the configuration for
 * a run in `dir` list, in order, less those whose `npmPublish: false` (their options', else the
 * root's) turns their publish off. None from `extends` alone (not read).
 */
export function publishPluginsIn(files: ToolConfigFiles, dir: string): PublishPluginEntry[] {
  const config = semanticReleaseConfig(files, dir);
  const entries = config?.root.get('plugins')?.items ?? [];
  const rootOff = config?.root.get('npmPublish')?.bool === false;
  const out: PublishPluginEntry[] = [];
  for (const entry of entries) {
    const name = pluginName(entry);
    const plugin = SEMANTIC_RELEASE_PUBLISH_PLUGINS.find((p) => p.plugin === name);
    const at = (entry.items ? entry.items[0] : entry)?.at;
    if (!plugin || !at || !config) continue;
    const options = pluginOptions(entry);
    const npmPublish = options?.get('npmPublish')?.bool ?? (rootOff ? false : undefined);
    if (plugin.npmPublishOption && npmPublish === false) continue;
    out.push({ plugin, file: config.file, at, unread: options?.unknown === true });
  }
  return out;
}
