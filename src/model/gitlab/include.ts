/**
 * Reads the top-level CI file and its `include: local:` files (recursively, each file once), with
 * each file's CI/CD inputs (./inputs.ts: its `spec:` header, the include's `inputs:`), and
 * merges them the way GitLab does: the included files in order, later ones winning, then the
 * including file's own keys on top, hashes deep-merged. Includes that cannot be read offline
 * (`remote`, `project`, `template`, `component`) are listed and reported, never fetched.
 */
import { compileGitlabGlob } from '../../fs/globs.js';
import { repoPath } from '../../fs/paths.js';
import type { ReadFailure, SourceFs } from '../../fs/source.js';
import { parseYaml, type YamlDocument, type YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import type { FileProblem } from '../core/problems.js';
import { isNonPublishingTemplate } from '../data/gitlab-templates.js';
import type { GitlabInclude, GitlabIncludeKind, GitlabProblem, IncludeFailure } from './types.js';
import { fileInputs, givenInputs, type FileInputs } from './inputs.js';
import { deepMerge, fromNode, type Budget, type V } from './values.js';

/** GitLab's limit on the number of included files in one pipeline. */
export const MAX_INCLUDES = 150;
/** GitLab's limit on the nesting of includes. */
export const MAX_INCLUDE_DEPTH = 100;
/** Bounds on the directory walk of a glob include. */
const MAX_GLOB_ENTRIES = 10_000;
const MAX_GLOB_DEPTH = 32;

export interface ComposedConfig {
  /** Top-level keys after merging every file (`include:` removed), in GitLab's key order. */
  config: Map<string, V>;
  /** Every definition of each top-level key, in merge order (the winning one last). */
  definitions: Map<string, YNode[]>;
  documents: YamlDocument[];
  includes: GitlabInclude[];
  problems: GitlabProblem[];
  fileProblems: FileProblem[];
  /** The CI/CD inputs of each file read (./inputs.ts): its `spec:` header with what its include gives. */
  inputs: Map<string, FileInputs>;
}

export interface ReadContext {
  fs: SourceFs;
  isIgnored: (file: string) => boolean;
  budget: Budget;
}

/** Parses a CI file's text; records YAML and shape problems and returns its root map when usable. */
export function parseCiFile(file: string, text: string, fileProblems: FileProblem[]): { doc: YamlDocument; root?: YNode } {
  const doc = parseYaml(file, text, { gitlabTags: true, gitlabSpecHeader: true, quotedContinuation: 'any' });
  for (const problem of doc.problems) fileProblems.push({ file, kind: 'yaml', problem });
  if (doc.problems.length > 0) return { doc };
  const root = doc.root;
  if (!root || root.isNull) {
    fileProblems.push({ file, kind: 'shape', shape: 'empty', location: { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } });
    return { doc };
  }
  if (!root.isMap) {
    fileProblems.push({ file, kind: 'shape', shape: 'not-a-map', location: { file, ...root.span } });
    return { doc };
  }
  return { doc, root };
}

/** Composes the configuration from the top-level file's root map. */
export function composeConfig(ciFile: string, doc: YamlDocument, root: YNode, ctx: ReadContext): ComposedConfig {
  const out: ComposedConfig = {
    config: new Map(),
    definitions: new Map(),
    documents: [doc],
    includes: [],
    problems: [],
    fileProblems: [],
    inputs: new Map([[ciFile, fileInputs(doc.header, undefined)]]),
  };
  const seen = new Set<string>([ciFile]);
  out.config = composeFile(ciFile, root, 0, ctx, out, seen);
  return out;
}

function composeFile(file: string, root: YNode, depth: number, ctx: ReadContext, out: ComposedConfig, seen: Set<string>): Map<string, V> {
  let content = new Map<string, V>();
  const includeNode = root.get('include');
  if (includeNode) {
    for (const include of readIncludes(includeNode, file)) {
      out.includes.push(include);
      if (include.kind !== 'local') {
        out.problems.push({
          kind: 'include-remote',
          includeKind: include.kind,
          include: include.files?.length ? `${include.value}: ${include.files.join(', ')}` : include.value,
          location: locationOf(include.node),
        });
        continue;
      }
      for (const target of resolveLocal(include, ctx, out)) {
        if (seen.has(target)) continue;
        // `seen` holds the top-level file too: GitLab counts only the included ones.
        if (seen.size > MAX_INCLUDES || depth + 1 > MAX_INCLUDE_DEPTH) {
          unreadable(out, include, 'limit');
          break;
        }
        seen.add(target);
        const read = ctx.fs.read(target);
        if (!read.ok) {
          unreadable(out, include, read.reason === 'missing' ? 'missing' : 'unreadable', read);
          continue;
        }
        include.resolved.push(target);
        const parsed = parseCiFile(target, read.text, out.fileProblems);
        if (parsed.doc.problems.length === 0) out.documents.push(parsed.doc);
        out.inputs.set(target, fileInputs(parsed.doc.header, include.inputs ?? new Map()));
        if (!parsed.root) continue;
        content = mergeTop(content, composeFile(target, parsed.root, depth + 1, ctx, out, seen));
      }
    }
  }
  const own = new Map<string, V>();
  for (const entry of root.entries()) {
    const key = entry.key;
    if (key === undefined || key === 'include') continue;
    own.set(key, fromNode(entry, key, ctx.budget));
    const defs = out.definitions.get(key) ?? [];
    defs.push(entry);
    out.definitions.set(key, defs);
  }
  return mergeTop(content, own);
}

function mergeTop(base: Map<string, V>, over: Map<string, V>): Map<string, V> {
  const out = new Map(base);
  for (const [key, value] of over) out.set(key, deepMerge(out.get(key), value));
  return out;
}

const REMOTE_KINDS = ['remote', 'project', 'template', 'component'] as const;

/** The entries of an `include:` value: a string, a map, or a list of either. */
function readIncludes(node: YNode, file: string): GitlabInclude[] {
  const out: GitlabInclude[] = [];
  const items = node.isSeq ? node.items() : [node];
  for (const item of items) {
    if (item.isScalar) {
      const value = item.text ?? '';
      const kind: GitlabIncludeKind = /^https?:\/\//i.test(value) ? 'remote' : 'local';
      out.push({ kind, value, node: item, includedFrom: file, resolved: [] });
      continue;
    }
    if (!item.isMap) continue;
    // An include's `rules:` are not evaluated: an existing file is read whatever its conditions;
    // they only soften what a missing file means (includeRules).
    const local = item.get('local');
    if (local?.isScalar) {
      const inputs = givenInputs(item.get('inputs'));
      const rules = includeRules(item.get('rules'), local.text ?? '');
      out.push({ kind: 'local', value: local.text ?? '', node: local, includedFrom: file, resolved: [], ...(inputs ? { inputs } : {}), ...(rules ? { rules } : {}) });
      continue;
    }
    for (const kind of REMOTE_KINDS) {
      const value = item.get(kind);
      if (!value?.isScalar) continue;
      const include: GitlabInclude = { kind, value: value.text ?? '', node: value, includedFrom: file, resolved: [] };
      if (kind === 'project') {
        include.files = (item.get('file')?.list() ?? []).map((f) => f.text).filter((f): f is string => f !== undefined);
      }
      out.push(include);
      break;
    }
  }
  return out;
}

/**
 * What the `rules:` of a `local:` include say about a missing file. GitLab filters includes by
 * their rules before it reads them, so a missing file whose rules leave it out breaks nothing.
 * `left-out`: every rule is `when: never` or has an `exists:` listing only the included path
 * itself (false while the file is missing); `maybe`: some other rule may pass; undefined: no
 * rules (an empty list included).
 */
function includeRules(node: YNode | undefined, path: string): GitlabInclude['rules'] {
  if (!node?.isSeq) return undefined;
  const rules = node.items();
  if (rules.length === 0) return undefined;
  const self = path.trim().replace(/^\/+/, '');
  const leftOut = rules.every((rule) => {
    if (!rule.isMap) return false;
    if (rule.get('when')?.text === 'never') return true;
    const exists = rule.get('exists');
    if (!exists || (!exists.isScalar && !exists.isSeq)) return false;
    const paths = (exists.isSeq ? exists.items() : [exists]).map((p) => (p.isScalar ? (p.text ?? '').trim().replace(/^\/+/, '') : undefined));
    return paths.length > 0 && paths.every((p) => p === self);
  });
  return leftOut ? 'left-out' : 'maybe';
}

/** The repository files a `local:` include names (several for a glob), problems recorded. */
function resolveLocal(include: GitlabInclude, ctx: ReadContext, out: ComposedConfig): string[] {
  const raw = include.value.trim();
  if (raw.includes('$')) return unreadable(out, include, 'variable');
  // A leading `/` is the repository root in GitLab. Any `..` is refused, even one that stays
  // inside: GitLab resolves no `..` in a local include.
  const written = raw.replace(/^\/+/, '');
  const contained = repoPath(written);
  if (!contained.ok || written.split('/').includes('..')) return unreadable(out, include, 'outside-repository');
  const path = contained.path;
  if (!/\.ya?ml$/i.test(path)) return unreadable(out, include, 'not-yaml');
  if (!path.includes('*')) return ctx.isIgnored(path) ? [] : [path];
  const matcher = compileGitlabGlob(path);
  const star = path.indexOf('*');
  const base = path.slice(0, path.lastIndexOf('/', star) + 1).replace(/\/$/, '');
  const walked = walk(ctx.fs, base);
  const matches = walked.files.filter((f) => matcher(f) && !ctx.isIgnored(f)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // The folder the pattern starts in cannot be listed (a link out of the repository, no permission).
  if (matches.length === 0 && walked.refused) return unreadable(out, include, 'unreadable', walked.refused);
  if (matches.length === 0) return unreadable(out, include, 'missing');
  return matches;
}

/** Every file under `dir` (repository-relative paths), bounded; `refused` when `dir` itself cannot be listed. */
function walk(fs: SourceFs, dir: string): { files: string[]; refused?: ReadFailure } {
  const out: string[] = [];
  const stack: [string, number][] = [[dir, 0]];
  let budget = MAX_GLOB_ENTRIES;
  let refused: ReadFailure | undefined;
  while (stack.length > 0 && budget > 0) {
    const [current, depth] = stack.pop()!;
    const listing = fs.readDir(current);
    if (!listing.ok) {
      if (current === dir && listing.reason !== 'missing') refused = listing;
      continue;
    }
    for (const entry of listing.entries) {
      if (--budget < 0) break;
      const path = current === '' ? entry.name : `${current}/${entry.name}`;
      if (entry.isDir) {
        if (depth < MAX_GLOB_DEPTH && entry.name !== '.git' && entry.name !== 'node_modules') stack.push([path, depth + 1]);
      } else {
        out.push(path);
      }
    }
  }
  return refused ? { files: out, refused } : { files: out };
}

function unreadable(out: ComposedConfig, include: GitlabInclude, reason: IncludeFailure, failure?: ReadFailure): [] {
  // A missing file that the include's own rules leave out is never read by GitLab.
  if (reason === 'missing' && include.rules === 'left-out') return [];
  const problem: GitlabProblem = { kind: 'include-unreadable', include: include.value, location: locationOf(include.node), reason };
  if (failure) problem.failure = failure;
  if (reason === 'missing' && include.rules === 'maybe') problem.conditional = true;
  out.problems.push(problem);
  return [];
}

export function locationOf(node: YNode): Location {
  return { file: node.file, ...node.span };
}

/** An include problem whose file tp-doctor did not read and which may hold jobs or `default:` (not GitLab's scanner templates). */
export function mayHoldConfiguration(p: GitlabProblem): p is Extract<GitlabProblem, { kind: 'include-remote' | 'include-unreadable' }> {
  if (p.kind === 'include-unreadable') return true;
  return p.kind === 'include-remote' && !(p.includeKind === 'template' && isNonPublishingTemplate(p.include));
}

/**
 * The includes tp-doctor cannot read that may hold configuration for the pipeline's jobs (a
 * `default:` with `id_tokens`, a template, the job itself merged in): remote, project and component
 * includes, templates other than GitLab's scanners and checks, local files that could not be read.
 * As written.
 */
export function hiddenIncludesOf(problems: readonly GitlabProblem[]): string[] {
  return problems.flatMap((p) => (mayHoldConfiguration(p) ? [p.include] : []));
}
