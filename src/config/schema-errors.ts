/** Configuration errors in the user's terms: schema errors, unknown rule ids, paths that leave the repository. */
import type { YNode } from '../yaml/parse.js';
import type { Location } from '../yaml/span.js';
import type { ConfigSchemaError } from './generated/config-validator.js';
import { code } from './source.js';
import type { ConfigError, ConfigSource } from './source.js';
import { editDistance } from '../model/core/near-miss.js';

/**
 * Publisher paths name files of the repository. `ciFile` (GitLab) and `configFile` (CircleCI) are
 * read: each must be a repository path with `/` separators (a leading `/` means the root, as in
 * GitLab) that stays inside the root.
 * `workflow` is a file name in `.github/workflows/` and never read as a path; one that climbs out
 * with `..` is refused too (other path shapes are `publisher-config-valid` findings). Such a
 * configuration stops the run: nothing outside the repository is ever read.
 */
export function pathErrors(root: YNode, source: ConfigSource): ConfigError[] {
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
export function sortErrors(errors: ConfigError[]): ConfigError[] {
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

type MissingGroups = Map<string, { error: ConfigSchemaError; keys: string[] }>;

export function schemaErrors(
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
  const missing = missingGroups(precise);
  for (const e of [...precise, ...umbrellas]) {
    const error = describeError(e, root, data, source, missing);
    if (!error) continue;
    const key = `${error.message}\u0000${JSON.stringify(error.location ?? null)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(error);
  }
  return errors;
}

/** Missing keys of one map, grouped to become one message. */
function missingGroups(precise: readonly ConfigSchemaError[]): MissingGroups {
  // An unknown key that is a typo of a missing one (`workflw` for `workflow`) is one mistake: it
  // is reported once, as the unknown key with its suggestion.
  const typoFor = new Set<string>();
  for (const e of precise) {
    if (e.keyword !== 'additionalProperties') continue;
    const suggestion = closest(String(e.params['additionalProperty']), allowedKeys(e));
    if (suggestion !== undefined) typoFor.add(`${e.instancePath}\u0000${suggestion}`);
  }
  const missing: MissingGroups = new Map();
  for (const e of precise) {
    if (e.keyword !== 'required') continue;
    const missingKey = String(e.params['missingProperty']);
    if (typoFor.has(`${e.instancePath}\u0000${missingKey}`)) continue;
    const key = `${e.instancePath}\u0000${e.schemaPath}`;
    const group = missing.get(key) ?? { error: e, keys: [] };
    group.keys.push(missingKey);
    missing.set(key, group);
  }
  return missing;
}

/** One validator error in the user's terms; `undefined` when another error already says it. */
function describeError(
  e: ConfigSchemaError,
  root: YNode,
  data: unknown,
  source: ConfigSource,
  missing: MissingGroups,
): ConfigError | undefined {
  const segments = segmentsFor(e.instancePath, data);
  const { node } = nodeAt(root, segments);
  const value = e.data;
  switch (e.keyword) {
    case 'required': {
      const group = missing.get(`${e.instancePath}\u0000${e.schemaPath}`);
      if (!group || group.error !== e) return undefined;
      const what = describeSchema(e.parentSchema);
      const keys = joinKeys(group.keys);
      const noun = group.keys.length === 1 ? 'key' : 'keys';
      return {
        message: what
          ? `${subject(segments, source)} is missing the ${noun} ${keys}, which ${what} requires`
          : `${subject(segments, source)} is missing the required ${noun} ${keys}`,
        location: { file: source.file, ...node.span },
      };
    }
    case 'additionalProperties':
      return unknownKeyError(e, segments, node, source);
    case 'type': {
      const expected = expectedType(e);
      let hint = '';
      if (expected.startsWith('a list') && (typeof value === 'string' || typeof value === 'number')) {
        hint = `; for a single entry write [${JSON.stringify(value)}]`;
      } else if (expected === 'a string' && (typeof value === 'number' || typeof value === 'boolean')) {
        hint = `; quote it: ${JSON.stringify(String(node.text ?? value))}`;
      }
      return {
        message: `${subject(segments, source)} must be ${expected} (got ${describeValue(value)}${hint})`,
        location: valueLocation(node, source.file),
      };
    }
    case 'enum': {
      const allowed = Array.isArray(e.params['allowedValues']) ? (e.params['allowedValues'] as unknown[]) : [];
      return {
        message: `${subject(segments, source)} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')} (got ${describeValue(value)})`,
        location: valueLocation(node, source.file),
      };
    }
    case 'pattern': {
      const pattern = String(e.params['pattern']);
      const expected = pattern === '\\S' ? 'a non-empty string' : `a string matching /${pattern}/`;
      return {
        message: `${subject(segments, source)} must be ${expected} (got ${describeValue(value)})`,
        location: valueLocation(node, source.file),
      };
    }
    default: {
      const what = describeSchema(e.parentSchema);
      const message =
        UMBRELLA_KEYWORDS.has(e.keyword) && what
          ? `${subject(segments, source)} must be ${what}`
          : `${subject(segments, source)} ${e.message ?? 'is not valid'}`;
      return { message, location: valueLocation(node, source.file) };
    }
  }
}

function unknownKeyError(
  e: ConfigSchemaError,
  segments: readonly Segment[],
  node: YNode,
  source: ConfigSource,
): ConfigError {
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
  return {
    message: `${subject([...segments, extra], source)} is not a known key${where && !suggestion ? ` of ${where}` : ''}${hint}`,
    location: { file: source.file, ...(child?.keySpan ?? node.span) },
  };
}

// Rule ids

export function unknownRuleErrors(root: YNode, knownRuleIds: readonly string[], source: ConfigSource): ConfigError[] {
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

export { editDistance };

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
