import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DiskFs, MAX_FILE_BYTES, decodeText, describeReadFailure } from '../fs/source.js';
import type { ReadResult, SourceFs } from '../fs/source.js';
import { parseYaml } from '../yaml/parse.js';
import type { YNode } from '../yaml/parse.js';
import { CONFIG_FILE_NAMES } from '../model/inputs.js';
import { FILE_START } from '../yaml/span.js';
import type { Location } from '../yaml/span.js';
import validateSchema from './generated/config-validator.js';
import type { ConfigSchemaError } from './generated/config-validator.js';
import type {
  CircleciPublisher,
  GithubPublisher,
  GitlabPublisher,
  Publisher,
  PublisherAction,
  ResolvedConfig,
  RuleSetting,
} from './types.js';

export interface ConfigError {
  /** Names the key path and what was expected, e.g. "`publishers[0].provider` must be one of ...". */
  message: string;
  location?: Location;
}

export interface LoadConfigResult {
  config: ResolvedConfig;
  errors: ConfigError[];
}

export interface LoadConfigOptions {
  /** `--config`: repository-relative or absolute. A missing explicit config is an error. */
  configPath?: string;
  /** Rule ids that exist; when given, unknown ids under `rules:` are errors. */
  knownRuleIds?: readonly string[];
}

/** Config files looked up at the repository root, in this order (kept in the list of inputs). */
export { CONFIG_FILE_NAMES };

/** The key of package.json that may hold the configuration. */
export const PACKAGE_JSON_KEY = 'tpDoctor';

const DEFAULT_CI_FILE = '.gitlab-ci.yml';
const DEFAULT_CIRCLECI_FILE = '.circleci/config.yml';
const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];
const ACTIONS: readonly string[] = ['publish', 'stage-publish'];
const EXECUTABLE_EXTENSIONS = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/i;

/** Where the configuration was read from. */
interface ConfigSource {
  /** Repository-relative path (forward slashes), or the absolute path for a file outside it. */
  file: string;
  text: string;
  /** Set when the configuration is a key of the file (package.json `tpDoctor`). */
  key?: string;
}

function emptyConfig(): ResolvedConfig {
  return { publishers: [], inferred: true, rules: {}, runners: { hosted: [] }, ignore: [] };
}

function code(text: string): string {
  return `\`${text}\``;
}

function startOf(file: string): Location {
  return { file, ...FILE_START };
}

function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

function normalizeRelative(p: string): string {
  return path.posix.normalize(toSlashes(p)).replace(/^\.\//, '');
}

/**
 * Finds, reads, validates and resolves the configuration. Never throws: every problem becomes a
 * ConfigError, and the config returned holds whatever parts of the file were valid.
 */
export function loadConfig(fs: SourceFs, options: LoadConfigOptions = {}): LoadConfigResult {
  const errors: ConfigError[] = [];
  const source = findConfig(fs, options.configPath, errors);
  if (!source) return { config: emptyConfig(), errors };
  const config = readConfig(source, options.knownRuleIds, errors);
  return { config, errors: sortErrors(errors) };
}

// ---------------------------------------------------------------------------------------------
// Lookup

function findConfig(fs: SourceFs, configPath: string | undefined, errors: ConfigError[]): ConfigSource | undefined {
  if (configPath !== undefined) return readExplicit(fs, configPath, errors);

  const found: ConfigSource[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    const read = fs.read(name);
    if (read.ok) {
      found.push({ file: name, text: read.text });
    } else if (read.reason !== 'missing') {
      errors.push({
        message: `cannot read the config file ${code(name)}: ${describeReadFailure(read)}`,
        location: startOf(name),
      });
    }
  }
  const chosen = found[0];
  if (chosen) {
    const others = found.slice(1);
    if (others.length > 0) {
      const names = found.map((f) => code(f.file));
      const list = names.length === 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
      errors.push({
        message:
          `found ${found.length} config files, ${list}: keep only one ` +
          `(tp-doctor reads ${code(chosen.file)} and ignores the ${others.length === 1 ? 'other' : 'others'})`,
        location: startOf(others[0]?.file ?? chosen.file),
      });
    }
    const pkgKey = packageJsonConfigNode(fs);
    if (pkgKey) {
      errors.push({
        message:
          `both ${code(chosen.file)} and the ${code(PACKAGE_JSON_KEY)} key of ${code('package.json')} configure ` +
          `tp-doctor: keep only one (tp-doctor reads ${code(chosen.file)})`,
        location: { file: 'package.json', ...(pkgKey.keySpan ?? pkgKey.span) },
      });
    }
    return chosen;
  }

  const pkg = fs.read('package.json');
  if (pkg.ok && pkg.text.includes(`"${PACKAGE_JSON_KEY}"`)) {
    const doc = parseYaml('package.json', pkg.text);
    // A package.json that does not parse but mentions the key: report why it cannot be read.
    if (doc.problems.length > 0 || (doc.root?.isMap && doc.root.get(PACKAGE_JSON_KEY))) {
      return { file: 'package.json', text: pkg.text, key: PACKAGE_JSON_KEY };
    }
  }
  return undefined;
}

/** The `tpDoctor` node of the root package.json, when it parses and has one. */
function packageJsonConfigNode(fs: SourceFs): YNode | undefined {
  const pkg = fs.read('package.json');
  if (!pkg.ok || !pkg.text.includes(`"${PACKAGE_JSON_KEY}"`)) return undefined;
  const doc = parseYaml('package.json', pkg.text);
  return doc.root?.isMap ? doc.root.get(PACKAGE_JSON_KEY) : undefined;
}

function readExplicit(fs: SourceFs, configPath: string, errors: ConfigError[]): ConfigSource | undefined {
  if (EXECUTABLE_EXTENSIONS.test(configPath)) {
    errors.push({
      message:
        `the config file ${code(toSlashes(configPath))} looks like code: tp-doctor reads its configuration from ` +
        'YAML or JSON only, never from executable files',
    });
    return undefined;
  }
  const isAbsolute = path.isAbsolute(configPath) || path.win32.isAbsolute(configPath);
  let label: string;
  let read: ReadResult;
  if (isAbsolute || normalizeRelative(configPath).startsWith('../')) {
    const root = fs instanceof DiskFs ? fs.root : undefined;
    const abs = isAbsolute ? path.resolve(configPath) : root ? path.resolve(root, configPath) : undefined;
    const rel = abs && root ? path.relative(root, abs) : undefined;
    if (abs === undefined) {
      label = normalizeRelative(configPath);
      read = { ok: false, reason: 'missing' };
    } else if (rel !== undefined && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      // Inside the repository: read it like any other file, and name it repository-relative.
      label = toSlashes(rel);
      read = fs.read(label);
    } else {
      label = toSlashes(abs);
      read = readAbsolute(abs);
    }
  } else {
    label = normalizeRelative(configPath);
    read = fs.read(label);
  }

  if (!read.ok) {
    errors.push({
      message: `cannot read the config file ${code(label)} given with --config: ${describeReadFailure(read)}`,
    });
    return undefined;
  }
  if (path.posix.basename(label) === 'package.json') {
    const doc = parseYaml(label, read.text);
    if (doc.root?.isMap && doc.root.get(PACKAGE_JSON_KEY) === undefined) {
      errors.push({
        message: `${code(label)} has no ${code(PACKAGE_JSON_KEY)} key to read the configuration from`,
        location: startOf(label),
      });
      return undefined;
    }
    return { file: label, text: read.text, key: PACKAGE_JSON_KEY };
  }
  return { file: label, text: read.text };
}

function readAbsolute(abs: string): ReadResult {
  try {
    const st = statSync(abs);
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', bytes: st.size, limit: MAX_FILE_BYTES };
    return decodeText(readFileSync(abs));
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT' || errno === 'ENOTDIR') return { ok: false, reason: 'missing' };
    if (errno === 'EISDIR') return { ok: false, reason: 'not-a-file' };
    return { ok: false, reason: 'unreadable', detail: errno ?? (error as Error).message };
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing and validation

function readConfig(
  source: ConfigSource,
  knownRuleIds: readonly string[] | undefined,
  errors: ConfigError[],
): ResolvedConfig {
  const config = emptyConfig();
  config.file = source.file;
  const doc = parseYaml(source.file, source.text);
  const problem = doc.problems[0];
  if (problem) {
    // Only the first problem: after a syntax error the parser's further complaints are echoes.
    const what = source.file.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML';
    errors.push({
      message: `${code(source.file)} is not valid ${what}: ${problem.message}`,
      location: { file: source.file, ...problem.span },
    });
    return config;
  }

  let root: YNode | undefined = doc.root;
  if (source.key !== undefined) {
    root = root?.isMap ? root.get(source.key) : undefined;
    if (!root) return config;
  }
  // An empty file (or one with only comments) is an empty configuration.
  if (!root || root.isNull) return config;

  const data = root.toJS();
  if (data === undefined) {
    errors.push({ message: `${code(source.file)} is too large to be a tp-doctor configuration`, location: startOf(source.file) });
    return config;
  }
  if (!validateSchema(data)) {
    errors.push(...schemaErrors(validateSchema.errors ?? [], root, data, source));
  }
  if (knownRuleIds) errors.push(...unknownRuleErrors(root, knownRuleIds, source));
  errors.push(...pathErrors(root, source));
  resolve(root, source.file, knownRuleIds, config);
  return config;
}

/**
 * Publisher paths name files of the repository. `ciFile` (GitLab) and `configFile` (CircleCI) are
 * read: each must be a repository path with `/` separators (a leading `/` means the root, as in
 * GitLab) that stays inside the root.
 * `workflow` is a file name in `.github/workflows/` and never read as a path; one that climbs out
 * with `..` is refused too (other path shapes are `publisher-config-valid` findings). Such a
 * configuration stops the run: nothing outside the repository is ever read.
 */
function pathErrors(root: YNode, source: ConfigSource): ConfigError[] {
  const out: ConfigError[] = [];
  const publishers = root.get('publishers');
  for (const [index, entry] of (publishers?.isSeq ? publishers.items() : []).entries()) {
    for (const key of ['ciFile', 'configFile', 'workflow'] as const) {
      const node = entry.isMap ? entry.get(key) : undefined;
      const value = node?.text;
      if (!node || value === undefined) continue;
      let problem: string | undefined;
      if (value.split(/[/\\]/).includes('..')) {
        problem = 'leaves the repository with `..`; tp-doctor reads only files inside the repository: write the path from the repository root';
      } else if (key !== 'workflow' && value.includes('\\')) {
        problem = `contains a backslash; ${key === 'ciFile' ? 'GitLab' : 'CircleCI'} paths use \`/\` (a backslash is part of a file name)`;
      } else if (key !== 'workflow' && /^[A-Za-z]:/.test(value)) {
        problem = 'is a Windows path; write the path from the repository root with `/`';
      }
      if (problem) {
        out.push({
          message: `${code(formatKeyPath(['publishers', index, key], source.key))} is ${JSON.stringify(value)}, which ${problem}`,
          location: { file: source.file, ...node.span },
        });
      }
    }
  }
  return out;
}

/** Sorts errors by position, errors without a location first, keeping their order otherwise. */
function sortErrors(errors: ConfigError[]): ConfigError[] {
  return errors
    .map((error, index) => ({ error, index }))
    .sort((a, b) => {
      const la = a.error.location;
      const lb = b.error.location;
      if (!la || !lb) return la ? 1 : lb ? -1 : a.index - b.index;
      if (la.file !== lb.file) return la.file < lb.file ? -1 : 1;
      return la.start.line - lb.start.line || la.start.column - lb.start.column || a.index - b.index;
    })
    .map((e) => e.error);
}

// ---------------------------------------------------------------------------------------------
// Schema errors in user terms

type Segment = string | number;

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Turns pointer segments into keys and indexes by looking at the data they walk through. */
function segmentsFor(pointer: string, data: unknown): Segment[] {
  const out: Segment[] = [];
  let cur: unknown = data;
  for (const seg of parsePointer(pointer)) {
    if (Array.isArray(cur)) {
      const index = Number(seg);
      out.push(index);
      cur = cur[index];
    } else {
      out.push(seg);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/** `publishers[1].workflow`; keys that are not plain words are quoted: `rules["a.b"]`. */
export function formatKeyPath(segments: readonly Segment[], prefix?: string): string {
  let out = prefix ?? '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function subject(segments: readonly Segment[], source: ConfigSource): string {
  const p = formatKeyPath(segments, source.key);
  return p === '' ? 'the configuration' : code(p);
}

/** The node at a path, or the deepest node that exists on the way. */
function nodeAt(root: YNode, segments: readonly Segment[]): { node: YNode; complete: boolean } {
  let node = root;
  for (const seg of segments) {
    const next = typeof seg === 'number' ? node.items()[seg] : node.get(seg);
    if (!next) return { node, complete: false };
    node = next;
  }
  return { node, complete: true };
}

function valueLocation(node: YNode, file: string): Location {
  // `key:` with nothing after it: point at the key, not at an empty span after the colon.
  const span = node.isNull && node.keySpan ? node.keySpan : node.span;
  return { file, ...span };
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a map';
}

function typeWord(type: string): string {
  switch (type) {
    case 'object':
      return 'a map';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'empty';
    default:
      return type;
  }
}

function expectedType(error: ConfigSchemaError): string {
  const raw = error.params['type'];
  const types = Array.isArray(raw) ? raw.map(String) : [String(raw)];
  const words = types.map(typeWord);
  const items = error.parentSchema?.['items'];
  if (types.length === 1 && types[0] === 'array' && items && typeof items === 'object' && !Array.isArray(items)) {
    const itemType = (items as Record<string, unknown>)['type'];
    if (typeof itemType === 'string') return `a list of ${typeWord(itemType).replace(/^an? /, '')}s`;
  }
  return words.join(' or ');
}

/** "a GitHub Actions trusted publisher" from a schema title. */
function describeSchema(schema: Record<string, unknown> | undefined): string | undefined {
  const title = schema?.['title'];
  if (typeof title !== 'string' || title === '') return undefined;
  // "Trusted publisher" → "trusted publisher", but "GitHub Actions ..." stays as written.
  const first = title.split(' ')[0] ?? '';
  const noun = /^[A-Z][a-z]*$/.test(first) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function joinKeys(keys: readonly string[]): string {
  const quoted = keys.map(code);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** The keys a map accepts, for an `additionalProperties` error. */
function allowedKeys(error: ConfigSchemaError): string[] {
  const props = error.parentSchema?.['properties'];
  return props && typeof props === 'object' ? Object.keys(props) : [];
}

const NOISE_KEYWORDS = new Set(['if', 'then', 'else', 'const', 'allOf']);
const UMBRELLA_KEYWORDS = new Set(['oneOf', 'anyOf', 'not']);

function schemaErrors(
  raw: readonly ConfigSchemaError[],
  root: YNode,
  data: unknown,
  source: ConfigSource,
): ConfigError[] {
  // if/then failures repeat what the branch's own errors say; oneOf/anyOf umbrellas are kept only
  // when nothing more precise was reported at or below their path.
  const precise = raw.filter((e) => !NOISE_KEYWORDS.has(e.keyword) && !UMBRELLA_KEYWORDS.has(e.keyword));
  const umbrellas = raw.filter(
    (e) =>
      UMBRELLA_KEYWORDS.has(e.keyword) &&
      !precise.some((p) => p.instancePath === e.instancePath || p.instancePath.startsWith(`${e.instancePath}/`)),
  );
  const errors: ConfigError[] = [];
  const seen = new Set<string>();
  const push = (error: ConfigError) => {
    const key = `${error.message}\u0000${JSON.stringify(error.location ?? null)}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push(error);
  };

  // An unknown key that is a typo of a missing one (`workflw` for `workflow`) is one mistake: it
  // is reported once, as the unknown key with its suggestion.
  const typoFor = new Set<string>();
  for (const e of precise) {
    if (e.keyword !== 'additionalProperties') continue;
    const suggestion = closest(String(e.params['additionalProperty']), allowedKeys(e));
    if (suggestion !== undefined) typoFor.add(`${e.instancePath}\u0000${suggestion}`);
  }
  // Missing keys of one map become one message.
  const missing = new Map<string, { error: ConfigSchemaError; keys: string[] }>();
  for (const e of precise) {
    if (e.keyword !== 'required') continue;
    const missingKey = String(e.params['missingProperty']);
    if (typoFor.has(`${e.instancePath}\u0000${missingKey}`)) continue;
    const key = `${e.instancePath}\u0000${e.schemaPath}`;
    const group = missing.get(key) ?? { error: e, keys: [] };
    group.keys.push(missingKey);
    missing.set(key, group);
  }

  for (const e of [...precise, ...umbrellas]) {
    const segments = segmentsFor(e.instancePath, data);
    const { node } = nodeAt(root, segments);
    const value = e.data;
    switch (e.keyword) {
      case 'required': {
        const group = missing.get(`${e.instancePath}\u0000${e.schemaPath}`);
        if (!group || group.error !== e) break;
        const what = describeSchema(e.parentSchema);
        const keys = joinKeys(group.keys);
        const noun = group.keys.length === 1 ? 'key' : 'keys';
        push({
          message: what
            ? `${subject(segments, source)} is missing the ${noun} ${keys}, which ${what} requires`
            : `${subject(segments, source)} is missing the required ${noun} ${keys}`,
          location: { file: source.file, ...node.span },
        });
        break;
      }
      case 'additionalProperties': {
        const extra = String(e.params['additionalProperty']);
        const allowed = allowedKeys(e);
        const suggestion = closest(extra, allowed);
        const child = node.get(extra);
        const hint = suggestion
          ? ` (did you mean ${code(suggestion)}?)`
          : allowed.length > 0
            ? ` (expected one of ${allowed.map(code).join(', ')})`
            : '';
        const where = describeSchema(e.parentSchema);
        push({
          message: `${subject([...segments, extra], source)} is not a known key${where && !suggestion ? ` of ${where}` : ''}${hint}`,
          location: { file: source.file, ...(child?.keySpan ?? node.span) },
        });
        break;
      }
      case 'type': {
        const expected = expectedType(e);
        let hint = '';
        if (expected.startsWith('a list') && (typeof value === 'string' || typeof value === 'number')) {
          hint = `; for a single entry write [${JSON.stringify(value)}]`;
        } else if (expected === 'a string' && (typeof value === 'number' || typeof value === 'boolean')) {
          hint = `; quote it: ${JSON.stringify(String(node.text ?? value))}`;
        }
        push({
          message: `${subject(segments, source)} must be ${expected} (got ${describeValue(value)}${hint})`,
          location: valueLocation(node, source.file),
        });
        break;
      }
      case 'enum': {
        const allowed = Array.isArray(e.params['allowedValues']) ? (e.params['allowedValues'] as unknown[]) : [];
        push({
          message: `${subject(segments, source)} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')} (got ${describeValue(value)})`,
          location: valueLocation(node, source.file),
        });
        break;
      }
      case 'pattern': {
        const pattern = String(e.params['pattern']);
        const expected = pattern === '\\S' ? 'a non-empty string' : `a string matching /${pattern}/`;
        push({
          message: `${subject(segments, source)} must be ${expected} (got ${describeValue(value)})`,
          location: valueLocation(node, source.file),
        });
        break;
      }
      default: {
        const what = describeSchema(e.parentSchema);
        const message =
          UMBRELLA_KEYWORDS.has(e.keyword) && what
            ? `${subject(segments, source)} must be ${what}`
            : `${subject(segments, source)} ${e.message ?? 'is not valid'}`;
        push({ message, location: valueLocation(node, source.file) });
      }
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Rule ids

function unknownRuleErrors(root: YNode, knownRuleIds: readonly string[], source: ConfigSource): ConfigError[] {
  const rules = root.get('rules');
  if (!rules?.isMap) return [];
  const known = new Set(knownRuleIds);
  const errors: ConfigError[] = [];
  for (const entry of rules.entries()) {
    const id = entry.key;
    if (id === undefined || known.has(id)) continue;
    const suggestion = closest(id, knownRuleIds);
    errors.push({
      message:
        `${subject(['rules', id], source)} is not a known rule id` +
        (suggestion ? ` (did you mean ${code(suggestion)}?)` : ''),
      location: { file: source.file, ...entry.anchorSpan },
    });
  }
  return errors;
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

/** The candidate closest to `word`, when it is close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === lower ? 0.5 : editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}

// ---------------------------------------------------------------------------------------------
// Resolution: what the rest of tp-doctor reads. Invalid parts (already reported) are left out.

function nonEmptyString(node: YNode | undefined): string | undefined {
  const v = node?.value;
  return typeof v === 'string' && /\S/.test(v) ? v : undefined;
}

function stringList(node: YNode | undefined): string[] | undefined {
  if (!node?.isSeq) return undefined;
  return node
    .items()
    .map(nonEmptyString)
    .filter((s): s is string => s !== undefined);
}

function resolve(
  root: YNode,
  file: string,
  knownRuleIds: readonly string[] | undefined,
  config: ResolvedConfig,
): void {
  if (!root.isMap) return;
  const loc = (node: YNode): Location => ({ file, ...node.span });

  const publishers = root.get('publishers');
  for (const entry of publishers?.items() ?? []) {
    const publisher = resolvePublisher(entry, loc);
    if (publisher) config.publishers.push(publisher);
  }
  config.inferred = config.publishers.length === 0;

  const visibility = root.get('repository')?.get('visibility')?.value;
  if (visibility === 'public' || visibility === 'private') config.repository = { visibility };

  const rules = root.get('rules');
  for (const entry of rules?.entries() ?? []) {
    const id = entry.key;
    const setting = entry.value;
    if (id === undefined || typeof setting !== 'string' || !SEVERITIES.includes(setting)) continue;
    if (knownRuleIds && !knownRuleIds.includes(id)) continue;
    config.rules[id] = setting as RuleSetting;
  }

  config.runners.hosted = stringList(root.get('runners')?.get('hosted')) ?? [];
  config.ignore = stringList(root.get('ignore')) ?? [];
}

function resolvePublisher(entry: YNode, loc: (node: YNode) => Location): Publisher | undefined {
  if (!entry.isMap) return undefined;
  const provider = entry.get('provider');
  if (provider?.value !== 'github' && provider?.value !== 'gitlab' && provider?.value !== 'circleci') return undefined;

  const fieldLocations: Partial<Record<string, Location>> = { provider: loc(provider) };
  const field = (key: string): string | undefined => {
    const node = entry.get(key);
    const value = nonEmptyString(node);
    if (node && value !== undefined) fieldLocations[key] = loc(node);
    return value;
  };
  const list = (key: string): string[] | undefined => {
    const node = entry.get(key);
    const value = stringList(node);
    if (node && value !== undefined) fieldLocations[key] = loc(node);
    return value;
  };

  const environment = field('environment');
  const packages = list('packages');
  const actions = list('allowedActions')?.filter((a): a is PublisherAction => ACTIONS.includes(a));
  const base = {
    location: loc(entry),
    fieldLocations,
    inferred: false,
    ...(environment !== undefined ? { environment } : {}),
    ...(packages !== undefined ? { packages } : {}),
    ...(actions !== undefined ? { allowedActions: actions } : {}),
  };

  if (provider.value === 'github') {
    const repository = field('repository');
    const workflow = field('workflow');
    const publisher: GithubPublisher = {
      provider: 'github',
      ...base,
      ...(repository !== undefined ? { repository } : {}),
      ...(workflow !== undefined ? { workflow } : {}),
    };
    return publisher;
  }
  if (provider.value === 'circleci') {
    // A CircleCI trusted publisher has no environment (the schema reports the key).
    const { environment: _environment, ...rest } = base;
    const organizationId = field('organizationId');
    const projectId = field('projectId');
    const pipelineDefinitionId = field('pipelineDefinitionId');
    const vcsOrigin = field('vcsOrigin');
    const contextIds = list('contextIds');
    // Each context id has its own location (by its index in `contextIds`), so that a bad one is
    // pointed at exactly. Items that are not strings are left out, as by `list`.
    const idNodes = entry.get('contextIds')?.items().filter((item) => nonEmptyString(item) !== undefined) ?? [];
    idNodes.forEach((item, i) => (fieldLocations[`contextIds[${i}]`] = loc(item)));
    const publisher: CircleciPublisher = {
      provider: 'circleci',
      ...rest,
      configFile: field('configFile') ?? DEFAULT_CIRCLECI_FILE,
      ...(organizationId !== undefined ? { organizationId } : {}),
      ...(projectId !== undefined ? { projectId } : {}),
      ...(pipelineDefinitionId !== undefined ? { pipelineDefinitionId } : {}),
      ...(vcsOrigin !== undefined ? { vcsOrigin } : {}),
      ...(contextIds !== undefined ? { contextIds } : {}),
    };
    return publisher;
  }
  const project = field('project');
  const host = field('host');
  const publisher: GitlabPublisher = {
    provider: 'gitlab',
    ...base,
    ciFile: field('ciFile') ?? DEFAULT_CI_FILE,
    ...(project !== undefined ? { project } : {}),
    ...(host !== undefined ? { host } : {}),
  };
  return publisher;
}
