/**
 * The Node and the npm a mise configuration names (src/model/data/mise.ts has the facts): each
 * file's `[tools]` (`./mise-toml.ts`) or `.tool-versions` lines, and, for a directory, the file
 * that wins for each tool, the directory's own files first, then its parents' up to the root.
 * A tool written in a form tp-doctor does not read is unknown, with the reason: never the value of
 * a file mise ranks lower.
 */
import { inDir } from '../../fs/paths.js';
import { describeReadFailure, type SourceFs } from '../../fs/source.js';
import { LineIndex, type Location } from '../../yaml/span.js';
import { MAX_MISE_DEPTH, MAX_MISE_ENVS } from '../core/limits.js';
import { MISE_CONFIG_FILES, MISE_TOOL_KEYS, miseEnvFiles, type MiseToolName } from '../data/mise.js';
import { miseTomlTools, type TomlValue } from './mise-toml.js';

/** A tool a configuration names: the version as tp-doctor reads it, where it is written, and its key as written (`"npm:npm"`). */
export interface MisePin {
  spec: string;
  at: Location;
  file: string;
  key: string;
}

/** A tool a configuration names in a way tp-doctor does not read, or that mise rejects: why, a clause that names the file (`"mise.toml" gives \`node\` no \`version\``). */
export interface MiseUnread {
  unknown: string;
  file: string;
  at?: Location;
}

export type MiseTool = MisePin | MiseUnread;

/** What a configuration (one file, or a directory's files merged) names, per tool; a tool it does not name is absent. */
export type MiseTools = Partial<Record<MiseToolName, MiseTool>>;

/** A conf.d folder holds at most this many files tp-doctor reads; past it the tools are unknown. */
const MAX_CONF_D_FILES = 64;

/** A request as written, before it is checked: the text, its offsets, and the key. */
interface Request {
  key: string;
  text: string;
  start: number;
  end: number;
}

/**
 * The version a request asks mise for, as tp-doctor reads it: `prefix:22` is `22`; Node's `lts` and
 * `lts-<codename>` are `lts/*` and `lts/<codename>`; an npm request is an exact version, `latest`
 * or a prefix (`11`, `11.6`: the newest release starting so), which is what mise matches. A
 * template, another backend form (`ref:`, `path:`, `sub-1:`) or `system` is not read: why, as the
 * rest of a clause whose subject is where it is written (`asks mise for "ref:main", …`).
 */
export function miseSpec(tool: MiseToolName, text: string): { spec: string } | { unknown: string } {
  const raw = text.trim();
  if (raw.includes('{{')) return { unknown: `asks mise for ${tool} "${raw}", a template mise fills in when it runs` };
  const spec = raw.startsWith('prefix:') ? raw.slice('prefix:'.length) : raw;
  if (spec === '' || spec === 'system' || /^[a-z][\w-]*:/i.test(spec) || spec.startsWith('sub-')) return { unknown: `asks mise for ${tool} "${raw}", which tp-doctor does not read as a version` };
  if (tool === 'node') {
    if (spec === 'lts') return { spec: 'lts/*' };
    const lts = /^lts-([a-z]+)$/.exec(spec);
    return { spec: lts ? `lts/${lts[1]}` : spec };
  }
  if (spec === 'latest' || /^v?\d+(?:\.\d+){0,2}(?:-[\w.]+)?$/.test(spec)) return { spec: spec.replace(/^v/, '') };
  return { unknown: `asks mise for npm "${raw}", which mise matches as a version prefix, not as a range, and which tp-doctor does not read` };
}

/** The request of a `[tools]` value: a string; a list's first entry (mise's default); a table's `version`. Absent for an empty list. */
function requestOf(key: string, value: TomlValue): Request | { unknown: string; start?: number } | undefined {
  if (value.kind === 'string') return { key, text: value.value, start: value.start, end: value.end };
  if (value.kind === 'array') return value.items[0] === undefined ? undefined : requestOf(key, value.items[0]);
  if (value.kind === 'table') {
    if (value.entries.has('os')) return { unknown: `installs \`${key}\` only on the systems its \`os\` option lists` };
    const version = value.entries.get('version');
    if (version === undefined) return { unknown: `gives \`${key}\` no \`version\`` };
    return version.kind === 'string' ? requestOf(key, version) : { unknown: `gives \`${key}\` a \`version\` that is not a string, which mise rejects` };
  }
  return { unknown: `sets \`${key} = ${value.text}\`, not a string, which mise rejects`, start: value.start };
}

/** Puts one request into the tools of a file: the second key of the same tool (`npm` and `"npm:npm"`) with another version makes it unknown. */
function add(out: MiseTools, tool: MiseToolName, found: MiseTool): void {
  const prior = out[tool];
  if (prior === undefined) {
    out[tool] = found;
    return;
  }
  if ('spec' in prior && 'spec' in found && prior.spec === found.spec) return;
  const keys = [prior, found].map((t) => ('key' in t ? `\`${t.key}\`` : 'another key')).join(' and ');
  out[tool] = { unknown: `"${found.file}" names ${tool} twice (${keys}), and which of them comes first on PATH is not known`, file: found.file, at: found.at ?? prior.at };
}

/** The Node and npm one configuration file names. A file tp-doctor cannot read as TOML: both unknown. */
export function miseFileTools(file: string, text: string): MiseTools {
  const lines = new LineIndex(text);
  const at = (start: number, end: number): Location => ({ file, ...lines.span(start, end) });
  const out: MiseTools = {};
  const put = (request: Request | { unknown: string; start?: number }, tool: MiseToolName): void => {
    if ('unknown' in request) {
      add(out, tool, { unknown: `"${file}" ${request.unknown}`, file, ...(request.start === undefined ? {} : { at: at(request.start, request.start) }) });
      return;
    }
    const checked = miseSpec(tool, request.text);
    const where = at(request.start, request.end);
    add(out, tool, 'spec' in checked ? { spec: checked.spec, at: where, file, key: request.key } : { unknown: `"${file}" ${checked.unknown}`, file, at: where });
  };
  if (/(^|\/)\.tool-versions$/.test(file)) {
    for (const found of toolVersionsLines(text)) {
      const tool = MISE_TOOL_KEYS.get(found.key);
      if (tool) put(found, tool);
    }
    return out;
  }
  const tools = miseTomlTools(text);
  if ('invalid' in tools) {
    const unknown = `tp-doctor cannot read "${file}" as TOML (it expected ${tools.invalid})`;
    return { node: { unknown, file }, npm: { unknown, file } };
  }
  for (const { key, value } of tools) {
    const tool = MISE_TOOL_KEYS.get(key);
    const request = tool === undefined ? undefined : requestOf(key, value);
    if (tool && request) put(request, tool);
  }
  return out;
}

/** `.tool-versions` lines: a tool name, then its versions (the first is the default); `#` starts a comment. */
function* toolVersionsLines(text: string): Generator<Request> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).split('#')[0]!;
    const words = /^\s*(\S+)[ \t]+(\S+)/.exec(line);
    if (words) {
      const offset = start + line.indexOf(words[2]!, words[0].length - words[2]!.length);
      yield { key: words[1]!, text: words[2]!, start: offset, end: offset + words[2]!.length };
    }
    start = end + 1;
  }
}

/** The files of `dir` mise reads, the one that wins first: `MISE_ENV`'s (`order`: the last environment first), then the usual ones, `conf.d` folders listed. */
function filesIn(fs: SourceFs, dir: string, order: readonly string[]): string[] | { unknown: string } {
  const names = [...order.flatMap(miseEnvFiles), ...MISE_CONFIG_FILES];
  const out: string[] = [];
  for (const name of names) {
    if (!name.endsWith('/*.toml')) {
      out.push(inDir(dir, name));
      continue;
    }
    const folder = inDir(dir, name.slice(0, -'/*.toml'.length));
    const entries = (fs.list(folder) ?? []).filter((e) => !e.isDir && e.name.endsWith('.toml') && !e.name.startsWith('.'));
    if (entries.length > MAX_CONF_D_FILES) return { unknown: `"${folder}" holds more than ${MAX_CONF_D_FILES} files` };
    out.push(...entries.map((e) => inDir(folder, e.name)).sort().reverse());
  }
  return out;
}

/** `dir` and the directories above it, up to the repository root (`''`); its levels past `MAX_MISE_DEPTH` are not listed: their number. */
function upward(dir: string): string[] | { tooDeep: number } {
  const parts = dir.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length > MAX_MISE_DEPTH) return { tooDeep: parts.length };
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/')).concat('');
}

/**
 * Why the walk from `dir` with `envs` is not read (`MAX_MISE_DEPTH`, `MAX_MISE_ENVS`), or the
 * directories and the environments to read, the last one first and each once (a repeated one
 * adds no file that wins).
 */
function walkOf(dir: string, envs: readonly string[]): { dirs: string[]; order: string[] } | MiseUnread {
  const dirs = upward(dir);
  const label = dir.length > 60 ? `${dir.slice(0, 60)}…` : dir;
  if ('tooDeep' in dirs) return { unknown: `mise reads the configuration files of "${label}" and of each directory above it, ${dirs.tooDeep} levels, more than the ${MAX_MISE_DEPTH} tp-doctor reads`, file: label };
  const order = [...new Set([...envs].reverse())];
  if (order.length > MAX_MISE_ENVS) return { unknown: `\`MISE_ENV\` names ${order.length} environments, each with its own configuration files, more than the ${MAX_MISE_ENVS} tp-doctor reads`, file: label };
  return { dirs, order };
}

/**
 * The Node and npm mise installs for a command run in `dir` with `MISE_ENV` set to `envs` (none:
 * `[]`): for each tool, the first file that names it, reading `dir`'s files (`filesIn`) then those
 * of each directory above it. `read` gives a file's tools, undefined when the file is absent. A
 * `dir` deeper than `MAX_MISE_DEPTH`, or more than `MAX_MISE_ENVS` environments: both unknown.
 */
export function miseToolsAt(fs: SourceFs, dir: string, envs: readonly string[], read: (file: string) => MiseTools | undefined): MiseTools {
  const walk = walkOf(dir, envs);
  if ('unknown' in walk) return { node: walk, npm: walk };
  const out: MiseTools = {};
  for (const at of walk.dirs) {
    const files = filesIn(fs, at, walk.order);
    if ('unknown' in files) {
      const unknown = { unknown: `mise reads every file of a \`conf.d\` folder, and ${files.unknown}`, file: at };
      return { node: out.node ?? unknown, npm: out.npm ?? unknown };
    }
    for (const file of files) {
      const tools = read(file);
      if (tools === undefined) continue;
      out.node ??= tools.node;
      out.npm ??= tools.npm;
      if (out.node && out.npm) return out;
    }
  }
  return out;
}

/** One file's tools, read from `fs`; undefined when it is absent; both unknown when it is there but cannot be read. */
export function readMiseFile(fs: SourceFs, file: string): MiseTools | undefined {
  const read = fs.read(file);
  if (read.ok) return miseFileTools(file, read.text);
  if (read.reason === 'missing' || read.reason === 'not-a-file') return undefined;
  const unknown = `tp-doctor cannot read "${file}" (${describeReadFailure(read)})`;
  return { node: { unknown, file }, npm: { unknown, file } };
}
