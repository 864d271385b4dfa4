/**
 * One value of a publish tool's configuration, read the same way whether the configuration is data
 * (a JSON or YAML file, a package.json key) or a JavaScript file (for release-it also TypeScript)
 * read as text (the literals of the object it exports: js-config.ts, js-literal.ts; never run).
 * What the text does not show (a spread, a variable, a function, a TOML file, another tool's
 * TypeScript) is `unknown`. Shared by
 * semantic-release's reader (semantic-release-config.ts) and release-it's (release-it-config.ts).
 */
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { exportedObject } from './js-config.js';
import { literalObject, type JsValue } from './js-literal.js';
import { locateInScript, MAX_SHELL_FILE_CHARS } from './shell-files.js';
import type { ToolConfig, ToolConfigFiles } from './tool-config.js';

export interface ConfigValue {
  /** A JavaScript value tp-doctor does not read (a variable, a call, a spread's object). */
  readonly unknown: boolean;
  /** A string (a template without substitutions too). */
  readonly text: string | undefined;
  readonly bool: boolean | undefined;
  /** A list's items; undefined for anything else. */
  readonly items: readonly ConfigValue[] | undefined;
  /** A map's entry; undefined when absent or not a map. */
  get(key: string): ConfigValue | undefined;
  readonly at: Location | undefined;
}

/** The configuration read: its file and root map (`unknown` when the root cannot be read). */
export interface ReadConfig {
  file: string;
  root: ConfigValue;
}

/** The JavaScript configurations read as text (a TypeScript one is not). */
const JS_CONFIG = /\.[cm]?js$/;
const JS_OR_TS_CONFIG = /\.[cm]?[jt]s$/;

export const UNKNOWN_VALUE: ConfigValue = { unknown: true, text: undefined, bool: undefined, items: undefined, get: () => undefined, at: undefined };

function fromYaml(node: YNode): ConfigValue {
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

function fromJs(value: JsValue, file: string, text: string): ConfigValue {
  switch (value.kind) {
    case 'text': {
      const plain = value.parts.every((p) => 'text' in p) ? value.parts.map((p) => ('text' in p ? p.text : '')).join('') : undefined;
      return { ...UNKNOWN_VALUE, unknown: plain === undefined, text: plain, at: locateInScript(file, text, value.start, value.end) };
    }
    case 'boolean':
      return { ...UNKNOWN_VALUE, unknown: false, bool: value.value, at: locateInScript(file, text, value.start, value.end) };
    case 'array':
      return { ...UNKNOWN_VALUE, unknown: false, items: value.items.map((v) => fromJs(v, file, text)) };
    case 'object': {
      const props = value.props;
      return { ...UNKNOWN_VALUE, unknown: false, get: (key) => (props.has(key) ? fromJs(props.get(key)!, file, text) : undefined) };
    }
    default:
      return UNKNOWN_VALUE;
  }
}

/**
 * A configuration `tool-config.ts` found, as values: its data root, the exported object's literals
 * of a JavaScript file (`.js`, `.cjs`, `.mjs`; with `typescript`, for a tool that loads them,
 * also `.ts`, `.cts`, `.mts`; at most `MAX_SHELL_FILE_CHARS`), else `unknown` (TOML, TypeScript
 * otherwise, an export tp-doctor cannot find). A data file whose root is no map reads as a
 * map without entries.
 */
export function readToolConfig(files: ToolConfigFiles, config: ToolConfig, typescript = false): ReadConfig {
  if (config.root) return { file: config.file, root: fromYaml(config.root) };
  if (!config.opaque || !(typescript ? JS_OR_TS_CONFIG : JS_CONFIG).test(config.file)) return { file: config.file, root: config.opaque ? UNKNOWN_VALUE : { ...UNKNOWN_VALUE, unknown: false } };
  const text = files.text(config.file);
  const object = text === undefined || text.length > MAX_SHELL_FILE_CHARS ? undefined : exportedObject(text);
  return { file: config.file, root: object && text !== undefined ? fromJs(literalObject(object), config.file, text) : UNKNOWN_VALUE };
}
