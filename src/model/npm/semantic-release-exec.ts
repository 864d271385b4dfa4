/**
 * What `@semantic-release/exec` runs when semantic-release publishes (`SEMANTIC_RELEASE_EXEC` in
 * ../data/publish-tools.ts): the `publishCmd` of each of its entries in the publish step (the
 * `publish` key's entries, else those of `plugins`: semantic-release-config.ts `publishStep`) of the
 * configuration semantic-release reads in the directory it runs in (tool-config.ts
 * `semanticReleaseConfigIn`: package.json `release`, `.releaserc` and its JSON and YAML files as
 * data; its JavaScript files as text, the literals of the object they export, js-literal.ts, never
 * run). A value the release fills in (`${nextRelease.version}`, `<%= nextRelease.channel %>`) is
 * kept as a shell variable of that name, a word tp-doctor cannot read; one computed there
 * (`${nextRelease.channel || 'latest'}`, Shopify/react-native-skia) as the placeholder variable
 * `TEMPLATE_VALUE`, a word tp-doctor cannot read either, so that the rest of the command is still
 * recognised. `<% … %>` (code, which may change what runs), a delimiter lodash would not compile, a
 * `publishCmd` that is no literal, `execCwd`, `extends` without the entry's own `publishCmd`,
 * `--extends`/`--plugins` and a TypeScript configuration leave the command unread. The command is
 * then recognised like a `package.json` script run where semantic-release runs (the way Ship.js's
 * `publishCommand` is, shipjs-config.ts); a publish it runs itself publishes from the directory its
 * `cd`s lead to, as in a `run:` block (`ViaScript.startDir`: `cd sdk/nodejs && npm publish`).
 */
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { SEMANTIC_RELEASE_EXEC } from '../data/publish-tools.js';
import { OWN_EXCHANGE_RECOGNIZER } from '../data/semantic-release-plugins.js';
import { exportedObject } from './js-config.js';
import { literalObject, type JsValue } from './js-literal.js';
import type { TemplatePart } from './js-tokens.js';
import { namesOtherDestination } from './possible-publish.js';
import { recognizeConfigCommand, type Found, type Frame, type Outcome, type Recognize, type Unread } from './publish-match.js';
import { publishPluginsIn, type PublishPluginEntry } from './semantic-release-config.js';
import { locateInScript, MAX_SHELL_FILE_CHARS } from './shell-files.js';
import { perDirectory, semanticReleaseConfigFlag, semanticReleaseConfigIn, type ToolConfigFiles } from './tool-config.js';


/** A `publishCmd` tp-doctor could read. */
export interface ExecCommand {
  /** The configuration file's repository path. */
  file: string;
  /** The command, as the shell that the plugin starts gets it (the release's values as shell variables). */
  command: string;
  /** Where the configuration writes it. */
  at: Location;
}

const { plugin: PLUGIN, key: KEY, unreadWith: UNREAD_WITH, unreadRecognizer: UNREAD_RECOGNIZER } = SEMANTIC_RELEASE_EXEC;

/** The JavaScript configurations read as text (a TypeScript one is not). */
const JS_CONFIG = /\.[cm]?js$/;

/** The `publishCmd`s of the configuration semantic-release reads for a run in `dir`, in plugin order. */
export function execPublishCommands(files: ToolConfigFiles, dir: string): ExecCommand[] {
  const config = semanticReleaseConfigIn(files, dir);
  if (config?.root) return fromData(config.root);
  if (!config?.opaque || !JS_CONFIG.test(config.file)) return [];
  const text = files.text(config.file);
  const object = text === undefined || text.length > MAX_SHELL_FILE_CHARS ? undefined : exportedObject(text);
  return object && text !== undefined ? fromJs(config.file, text, literalObject(object)) : [];
}

/**
 * The entries the publish step runs, as semantic-release-config.ts `publishStep` reads them: the
 * `publish` key's own (a name, an entry, a list; `false` or `[]`: none), else those of `plugins`
 * (each `'x'`, `['x', {...}]` or the object form `{ path: 'x', ...options }`),
 * with the options of a `publish` map without `path` over each (`step`). Undefined when the list
 * cannot be read.
 */
interface StepEntries<T> {
  entries: readonly T[];
  step: T | undefined;
}

/** The publish step's entries in a data configuration. */
function dataStep(root: YNode): StepEntries<YNode> | undefined {
  const step = root.get('publish');
  const plugins = root.get('plugins');
  const fromPlugins = (extra: YNode | undefined): StepEntries<YNode> | undefined => (plugins?.isSeq ? { entries: plugins.items(), step: extra } : undefined);
  if (step === undefined || step.isNull) return fromPlugins(undefined);
  if (step.isSeq) return { entries: step.items(), step: undefined };
  if (typeof step.value === 'string' || step.get('path') !== undefined) return { entries: [step], step: undefined };
  if (typeof step.value === 'boolean') return { entries: [], step: undefined };
  return step.isMap ? fromPlugins(step) : undefined;
}

/** From a data configuration (package.json `release`, `.releaserc`). */
function fromData(root: YNode): ExecCommand[] {
  const list = dataStep(root);
  if (!list) return [];
  const shared = root.get('extends') === undefined ? root : undefined;
  if (UNREAD_WITH.some((k) => root.get(k) !== undefined || list.step?.get(k) !== undefined)) return [];
  return list.entries.flatMap((entry) => {
    // `['x', {...}]`, `'x'`, or the object form `{ path: 'x', ...options }`.
    const objectForm = entry.isMap && entry.get('path') !== undefined;
    const name = entry.isSeq ? entry.items()[0]?.value : objectForm ? entry.get('path')?.value : entry.value;
    if (name !== PLUGIN) return [];
    const options = entry.isSeq ? entry.items()[1] : objectForm ? entry : undefined;
    if (UNREAD_WITH.some((k) => options?.get(k) !== undefined)) return [];
    const node = list.step?.get(KEY) ?? options?.get(KEY) ?? shared?.get(KEY);
    const command = typeof node?.value === 'string' ? templateCommand([{ text: node.value }]) : undefined;
    return node && command !== undefined ? [{ file: node.file, command, at: { file: node.file, ...node.span } }] : [];
  });
}

type JsObject = Extract<JsValue, { kind: 'object' }>;

/** The publish step's entries in a JavaScript configuration's exported literals. */
function jsStep(props: Map<string, JsValue>): StepEntries<JsValue> | undefined {
  const step = props.get('publish');
  const plugins = props.get('plugins');
  const fromPlugins = (extra: JsObject | undefined): StepEntries<JsValue> | undefined => (plugins?.kind === 'array' ? { entries: plugins.items, step: extra } : undefined);
  if (step === undefined) return fromPlugins(undefined);
  if (step.kind === 'array') return { entries: step.items, step: undefined };
  if (step.kind === 'text' || (step.kind === 'object' && step.props.has('path'))) return { entries: [step], step: undefined };
  if (step.kind === 'boolean') return { entries: [], step: undefined };
  return step.kind === 'object' ? fromPlugins(step) : undefined;
}

/** From a JavaScript configuration's exported literals. */
function fromJs(file: string, text: string, root: JsValue): ExecCommand[] {
  if (root.kind !== 'object') return [];
  const props = root.props;
  const list = jsStep(props);
  if (!list) return [];
  const extra = list.step?.kind === 'object' ? list.step.props : undefined;
  const shared = props.has('extends') ? undefined : props;
  if (UNREAD_WITH.some((k) => props.has(k) || extra?.has(k))) return [];
  return list.entries.flatMap((entry) => {
    const objectForm = entry.kind === 'object' && entry.props.has('path');
    const head = entry.kind === 'array' ? entry.items[0] : objectForm ? entry.props.get('path') : entry;
    if (head?.kind !== 'text' || textOf(head.parts) !== PLUGIN) return [];
    const options = entry.kind === 'array' ? entry.items[1] : objectForm ? entry : undefined;
    if (options !== undefined && options.kind !== 'object') return [];
    if (UNREAD_WITH.some((k) => options?.props.has(k))) return [];
    const value = extra?.get(KEY) ?? options?.props.get(KEY) ?? shared?.get(KEY);
    const command = value?.kind === 'text' ? templateCommand(value.parts) : undefined;
    return value?.kind === 'text' && command !== undefined ? [{ file, command, at: locateInScript(file, text, value.start, value.end) }] : [];
  });
}

/** A literal without substitutions, as its text. */
function textOf(parts: readonly TemplatePart[]): string | undefined {
  return parts.every((p) => 'text' in p) ? parts.map((p) => ('text' in p ? p.text : '')).join('') : undefined;
}

/** A name, or a property path: what a substitution may be to be kept as a variable. */
const NAME = /^[\w$]+(?:\.[\w$]+)*$/;

/**
 * The shell word a value computed in a lodash interpolation becomes (`${a || 'b'}`, `<%= f(x) %>`):
 * the value is a string the release makes, unknown here, and no part of the command's syntax.
 */
export const TEMPLATE_VALUE = '${template_value}';

/**
 * Whether lodash compiles `expr`, the inside of an interpolation, as one expression tp-doctor can
 * pass over: lodash ends `${…}` at the first `}` (so a `{` inside leaves a broken expression) and
 * reads `\` escapes in it; a backtick starts a nested template. Quotes must pair up.
 */
function isValueExpression(expr: string): boolean {
  if (expr === '' || /[{}\\`]/.test(expr)) return false;
  return (expr.match(/'/g)?.length ?? 0) % 2 === 0 && (expr.match(/"/g)?.length ?? 0) % 2 === 0;
}

/**
 * The command once its values are variables: a JavaScript template's `${name}`, and lodash's
 * interpolations in its text (`${…}`, `<%= … %>`, `<%- … %>`): a name as `${name}`, another
 * expression as `TEMPLATE_VALUE`. Undefined for anything else (`<% code %>`, a JavaScript template's
 * expression, an interpolation lodash would not compile, an unclosed delimiter).
 */
export function templateCommand(parts: readonly TemplatePart[]): string | undefined {
  let command = '';
  for (const part of parts) {
    const piece = 'text' in part ? lodashText(part.text) : NAME.test(part.expr.trim()) ? `\${${part.expr.trim()}}` : undefined;
    if (piece === undefined) return undefined;
    command += piece;
  }
  return command;
}

/** Lodash's delimiters in `text` as shell words (undefined when one holds code or cannot be read). */
function lodashText(text: string): string | undefined {
  let out = '';
  let i = 0;
  // Each delimiter's next place, searched again only once passed: one pass over the text.
  let dollar = -1;
  let angle = -1;
  const find = (delimiter: string, from: number): number => {
    const k = text.indexOf(delimiter, from);
    return k < 0 ? Infinity : k;
  };
  for (;;) {
    if (dollar < i) dollar = find('${', i);
    if (angle < i) angle = find('<%', i);
    const at = Math.min(dollar, angle);
    if (at === Infinity) return out + text.slice(i);
    const isAngle = at === angle;
    const close = text.indexOf(isAngle ? '%>' : '}', at + 2);
    if (close < 0) return undefined;
    const inner = text.slice(at + 2, close);
    const expr = isAngle ? (inner.startsWith('=') || inner.startsWith('-') ? inner.slice(1).trim() : undefined) : inner.trim();
    if (expr === undefined) return undefined; // `<% code %>`
    const word = NAME.test(expr) ? `\${${expr}}` : isValueExpression(expr) ? TEMPLATE_VALUE : undefined;
    if (word === undefined) return undefined;
    out += `${text.slice(i, at)}${word}`;
    i = close + (isAngle ? 2 : 1);
  }
}

/** Each repository's commands read so far, by directory: a job may run semantic-release many times. */
const execCommandsIn = perDirectory(execPublishCommands);

/**
 * A recognised `semantic-release` run (`outcome`: its own npm publish, or rejected when
 * `configSkipsNpm` says the npm plugin publishes nothing, `Outcome.configSkipped`) with what its
 * exec plugin's `publishCmd`s and the other plugins that publish to npm it lists
 * (../data/semantic-release-plugins.ts, semantic-release-config.ts) publish, in the directory it
 * runs in (`Frame.dir`; not after a switch to another package). They are found like a script's
 * commands, and are publishes of the job beside the npm plugin's, or in its place. A command that
 * publishes nothing leaves the outcome as it was. One that runs something tp-doctor cannot read is
 * a guess (`unreadPublish`) when nothing else of the run publishes: a `publishCmd` is the release's
 * publish step by its place, as a script named `publish` is by its name.
 */
export function withSemanticReleaseExec(outcome: Outcome, words: readonly string[], frame: Frame, recognize: Recognize): Outcome {
  const own = outcome.found.length === 1 && outcome.found[0]!.recognizer === 'semantic-release';
  if (!own && outcome.configSkipped !== 'semantic-release') return outcome;
  if (frame.toolConfig === undefined || frame.dir === undefined || frame.inPackage !== undefined || semanticReleaseConfigFlag(words.slice(1))) return outcome;
  const found: Found[] = [];
  const unread: Found[] = [];
  for (const command of execCommandsIn(frame.toolConfig, frame.dir)) {
    const read = commandPublishes(command, frame, recognize);
    if (read === 'unread') unread.push(unreadPublish(command, frame));
    else found.push(...read);
  }
  for (const entry of pluginsIn(frame.toolConfig, frame.dir)) found.push(...pluginPublishes(entry, frame, recognize));
  // A recognised publish of the run says what it publishes with: the unread commands are no guess beside it.
  if (found.length === 0 && !own) found.push(...unread);
  if (found.length === 0) return outcome;
  // A run that may not happen (`--dry-run "$DRY_RUN"`): what its plugins publish is a guess too
  // (not when the npm plugin's own publish is one because the plugins are not all read).
  const unreadPlugins = typeof frame.configSkipsNpm?.('semantic-release', words.slice(1)) === 'object';
  const maybe = own ? outcome.found[0]!.confidence === 'heuristic' && !unreadPlugins : outcome.configSkippedMaybe === true;
  const runs = maybe ? found.map((f): Found => ({ ...f, confidence: 'heuristic' })) : found;
  return { found: [...outcome.found, ...runs], rejected: false, unknown: false, unread: [] };
}

/** Each repository's publishing plugins read so far, by directory. */
const pluginsIn = perDirectory(publishPluginsIn);

/**
 * The publishes of a plugin that publishes to npm: its command, read like a script, where the
 * configuration names the plugin. A guess (`heuristic`) unless the table is sure of it and its
 * options were read; a plugin that exchanges the OIDC token itself is recorded under
 * `OWN_EXCHANGE_RECOGNIZER`, so that no version check of the command's tool applies to it.
 */
function pluginPublishes(entry: PublishPluginEntry, frame: Frame, recognize: Recognize): Found[] {
  const { plugin, file, at } = entry;
  const inner = recognizeConfigCommand(frame, `plugin\0${file}\0${at.start.line}:${at.start.column}`, { file, command: plugin.command, at }, recognize);
  if (!inner) return [];
  const guess = !plugin.certain || entry.unread;
  return inner.found.map((f): Found => ({
    ...f,
    ...(plugin.ownExchange !== undefined ? { recognizer: OWN_EXCHANGE_RECOGNIZER } : {}),
    label: `${f.label} (run by ${plugin.plugin} in ${file})`,
    confidence: guess ? 'heuristic' : f.confidence,
  }));
}

/**
 * The publishes of one `publishCmd`, read like a script: none when it publishes nothing (a dry run,
 * `echo`, a tool that publishes elsewhere) or is not read (this path, the depth or the budget);
 * `unread` when it runs something tp-doctor cannot read that may publish to npm (`mayPublishToNpm`).
 */
function commandPublishes(config: ExecCommand, frame: Frame, recognize: Recognize): Found[] | 'unread' {
  // It runs where semantic-release runs: its `cd`s lead the publish there (`ViaScript.startDir`).
  const option = { option: `${KEY} of ${PLUGIN}` };
  const line = frame.dir === undefined ? { ...config, ...option } : { ...config, ...option, startDir: frame.dir };
  const inner = recognizeConfigCommand(frame, `config\0${config.file}\0${config.at.start.line}:${config.at.start.column}`, line, recognize);
  if (!inner) return [];
  if (inner.found.length === 0) return !inner.rejected && inner.unread.some(mayPublishToNpm) ? 'unread' : [];
  const label = ` (${KEY} of ${PLUGIN} in ${config.file})`;
  return inner.found.map((f): Found => ({ ...f, label: `${f.label}${label}` }));
}

/**
 * An unread command a `publishCmd` runs that may publish to npm: no word of it, or of a script on
 * its way, names another destination or a dry run (`./deploy-docs.sh`, `publish.sh --dry-run`:
 * `OTHER_DESTINATION_WORDS`). Other ecosystems' tools (`python`, `cargo`, `docker`) are never
 * unread commands: recognition passes over them as publishing nothing to npm.
 */
function mayPublishToNpm(unread: Unread): boolean {
  return ![...unread.words, ...unread.via.map((v) => v.script)].some(namesOtherDestination);
}

/**
 * The guess a `publishCmd` that runs something tp-doctor cannot read is (a script file, a script that
 * runs one, an Nx target of a custom executor: spartan-ng/spartan's `TAG=${nextRelease.channel} pnpm
 * run release`): semantic-release runs it to publish, so, like a script named `publish` that runs
 * such a command, a `heuristic` publish of a tool tp-doctor does not know (`runsUnread`: the job's
 * npm signals decide how likely, github/publishes.ts).
 */
function unreadPublish(config: ExecCommand, frame: Frame): Found {
  const shown = config.command.length > 60 ? `${config.command.slice(0, 57)}...` : config.command;
  return {
    recognizer: UNREAD_RECOGNIZER,
    tool: 'other',
    label: `${shown} (${KEY} of ${PLUGIN} in ${config.file}, runs an unrecognised command)`,
    confidence: 'heuristic',
    args: [],
    via: [...frame.via, { script: config.file, command: config.command, at: config.at }],
    flags: {},
    runsUnread: true,
  };
}
