/**
 * The GitLab CI model: the top-level CI file and its local includes composed into effective jobs,
 * the way GitLab builds them: YAML anchors and merge keys, `include:` merge, `extends:`,
 * `!reference`, then `default:` and global variables. Every effective value keeps the node where
 * it is written (see `Origin`), so a rule can point at the template the user has to edit.
 */
import { repoPathOrAsWritten } from '../../fs/paths.js';
import type { SourceFs } from '../../fs/source.js';
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { detectGitlabPublishes } from './publishes.js';
import type { FileProblem } from '../problems.js';
import { composeConfig, locationOf, parseCiFile, type ComposedConfig } from './include.js';
import type {
  EffectiveValue,
  GitlabIdToken,
  GitlabIdTokens,
  GitlabInherit,
  GitlabJob,
  GitlabPipeline,
  GitlabProblem,
  GitlabVariable,
} from './types.js';
import { expandVariables, readVariables } from './variables.js';
import { Budget, deepMerge, flattenLeaves, isUnset, leafText, toEffective, unwrap, type V } from './values.js';

export const DEFAULT_CI_FILE = '.gitlab-ci.yml';

/**
 * Top-level keys that are not jobs: GitLab's global keywords (`default`, `include`, `stages`,
 * `variables`, `workflow`), the deprecated globally-defined job keywords (`image`, `services`,
 * `cache`, `before_script`, `after_script`, which act as defaults), the removed `types`, and the
 * header keyword `spec`. `id_tokens` is not a keyword at all: it is kept apart (`topLevelIdTokens`)
 * because GitLab ignores it there.
 */
export const GLOBAL_KEYWORDS: ReadonlySet<string> = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
  'spec',
]);

/** The keywords `default:` may set (GitLab's Entry::Default::ALLOWED_KEYS). */
export const DEFAULT_KEYWORDS: readonly string[] = [
  'after_script',
  'artifacts',
  'before_script',
  'cache',
  'hooks',
  'id_tokens',
  'image',
  'interruptible',
  'retry',
  'services',
  'tags',
  'timeout',
];

/** Deprecated top-level keywords that act as `default:` values. */
const GLOBAL_DEFAULTS = ['image', 'services', 'cache', 'before_script', 'after_script'];

/** GitLab's bound on `extends:` nesting: an entry with more ancestors than this may not extend. */
export const MAX_EXTENDS_NESTING = 10;
/** How far tp-doctor follows `extends:` at all (keeps the recursion bounded). */
const MAX_EXTENDS_WALK = 64;
/** GitLab's bound on nested `!reference` tags. */
export const MAX_REFERENCE_NESTING = 10;
/** How long a chain of `!reference`s the cycle check follows (longer chains fail the depth check). */
const MAX_CYCLE_WALK = 64;
/** Work bound for one pipeline (nodes converted, references followed, values built). */
const WORK_BUDGET = 5_000_000;
/**
 * A CI file path as GitLab reads it (from the repository root; a leading `/` or `./` is the root)
 * through the containment point; a path that leaves the repository is kept as written, and
 * every `SourceFs` refuses to read it.
 */
export function normalizeCiFile(ciFile: string): string {
  return repoPathOrAsWritten(ciFile.replace(/^\/+/, ''));
}

/** Work bound for one job's effective values, so that one crafted job cannot starve the others. */
const JOB_BUDGET = 200_000;

export interface GitlabLoadOptions {
  /** package.json `scripts` of the root package, for `npm run x` indirection. */
  scripts?: Record<string, string>;
  /** Repository-relative files to skip (from the config's `ignore`). */
  isIgnored?: (file: string) => boolean;
  /**
   * For a child pipeline (`trigger: include: local:`): the top-level CI file of the project, which
   * is what the OIDC claim names for its jobs too. The pipeline's `ciFile` is then this file.
   */
  claimFile?: string;
}

/**
 * Loads the pipeline that starts at `ciFile`. `pipeline` is undefined when that file does not
 * exist (or is ignored); a file that exists but cannot be read or parsed gives a pipeline with
 * `parsed: false` and no jobs, plus the file problems. Never throws on bad input.
 */
export function loadGitlabPipeline(
  fs: SourceFs,
  ciFile: string,
  options: GitlabLoadOptions = {},
): { pipeline?: GitlabPipeline; fileProblems: FileProblem[] } {
  const isIgnored = options.isIgnored ?? (() => false);
  const file = normalizeCiFile(ciFile);
  const fileProblems: FileProblem[] = [];
  if (isIgnored(file)) return { fileProblems };
  const read = fs.read(file);
  if (!read.ok && read.reason === 'missing') return { fileProblems };
  const claim = options.claimFile ?? file;
  const empty = (): GitlabPipeline => ({
    ciFile: claim,
    parsed: false,
    documents: [],
    includes: [],
    hasUnreadableIncludes: false,
    jobs: [],
    templates: [],
    defaults: new Map(),
    globalVariables: new Map(),
    problems: [],
  });
  if (!read.ok) {
    fileProblems.push({ file, kind: 'read', failure: read });
    return { pipeline: empty(), fileProblems };
  }
  const { doc, root } = parseCiFile(file, read.text, fileProblems);
  if (!root) {
    const pipeline = empty();
    if (doc.problems.length === 0) pipeline.documents.push(doc);
    return { pipeline, fileProblems };
  }
  const budget = new Budget(WORK_BUDGET);
  const composed = composeConfig(file, doc, root, { fs, isIgnored, budget });
  fileProblems.push(...composed.fileProblems);
  const pipeline = new Builder(claim, composed, budget, options.scripts).build();
  if (options.claimFile !== undefined) pipeline.sourceFile = file;
  return { pipeline, fileProblems };
}

/**
 * The local files the pipeline's trigger jobs start as child pipelines (`trigger: include:` with
 * a string, `local:` entries, or a list of them). Remote, project and artifact children are not
 * read.
 */
export function childPipelineFiles(pipeline: GitlabPipeline): string[] {
  const out: string[] = [];
  for (const job of pipeline.jobs) {
    if (job.kind !== 'trigger') continue;
    const trigger = job.keywords.get('trigger');
    const include = trigger?.kind === 'map' ? trigger.entries.get('include') : undefined;
    if (!include) continue;
    const entries = include.kind === 'leaf' && include.items ? include.items : [include];
    for (const entry of entries) {
      const local = entry.kind === 'map' ? entry.entries.get('local') : entry;
      const text = local?.kind === 'leaf' ? local.origin.node.text : undefined;
      if (text !== undefined && text.trim() !== '' && !text.includes('$')) out.push(text.trim().replace(/^\.?\/+/, ''));
    }
  }
  return [...new Set(out)];
}

interface ExtendsTarget {
  name: string;
  node: YNode;
}

class Builder {
  private readonly config: Map<string, V>;
  private readonly problems: GitlabProblem[] = [];
  private readonly problemKeys = new Set<string>();
  private readonly extended = new Map<string, V>();
  private readonly resolvedRefs = new Map<V, { v: V; incomplete: boolean }>();
  /** Entries whose definition lacks something (a missing extends target, somewhere up the chain). */
  private readonly incomplete = new Set<string>();
  private readonly hasUnreadableIncludes: boolean;

  constructor(
    private readonly ciFile: string,
    private readonly composed: ComposedConfig,
    private readonly budget: Budget,
    private readonly scripts: Record<string, string> | undefined,
  ) {
    this.config = composed.config;
    this.hasUnreadableIncludes = composed.problems.some((p) => p.kind === 'include-remote' || p.kind === 'include-unreadable');
    for (const p of composed.problems) this.report(p);
  }

  build(): GitlabPipeline {
    const names = [...this.config.keys()];
    // GitLab resolves `extends:` and `!reference` in every entry, used or not: a broken template
    // fails the pipeline even when no job uses it.
    this.checkDepth(names);
    for (const name of names) this.extend(name, [], name);
    this.checkReferenceDepth(names);
    this.checkReferenceCycles(names);
    const resolved = new Map<string, { v: V; incomplete: boolean }>();
    for (const name of names) {
      const state = { incomplete: false };
      const v = this.resolveRefs(this.extendedOf(name)!, 0, state);
      resolved.set(name, { v, incomplete: state.incomplete || this.incomplete.has(name) });
    }

    const globalVarsV = resolved.get('variables')?.v;
    const globalVariables = globalVarsV
      ? readVariables(toEffective(globalVarsV, undefined, this.budget.child(JOB_BUDGET), { via: 'default', from: 'variables' }), 'global')
      : new Map<string, GitlabVariable>();

    const defaultsV = new Map<string, V>();
    const defaultMap = resolved.get('default')?.v;
    const defaultEntries = defaultMap && unwrap(defaultMap).t === 'map' ? (unwrap(defaultMap) as Extract<V, { t: 'map' }>).entries : undefined;
    for (const keyword of DEFAULT_KEYWORDS) {
      const fromDefault = defaultEntries?.get(keyword);
      if (fromDefault && !isUnset(fromDefault)) {
        defaultsV.set(keyword, { t: 'via', via: 'default', from: 'default', inner: fromDefault });
        continue;
      }
      const global = GLOBAL_DEFAULTS.includes(keyword) ? resolved.get(keyword)?.v : undefined;
      if (global && !isUnset(global)) defaultsV.set(keyword, { t: 'via', via: 'default', from: keyword, inner: global });
    }
    const defaults = new Map<string, EffectiveValue>();
    for (const [keyword, v] of defaultsV) defaults.set(keyword, toEffective(v, undefined, this.budget.child(JOB_BUDGET)));
    const defaultIdTokens = readIdTokens(defaults.get('id_tokens'), globalVariables);

    const jobs: GitlabJob[] = [];
    const templates: string[] = [];
    for (const name of names) {
      if (name.startsWith('.')) {
        templates.push(name);
        continue;
      }
      if (GLOBAL_KEYWORDS.has(name) || name === 'id_tokens') continue;
      const entry = resolved.get(name)!;
      if (unwrap(entry.v).t !== 'map') continue;
      jobs.push(this.job(name, entry.v, entry.incomplete, defaultsV, globalVariables));
    }

    const pipeline: GitlabPipeline = {
      ciFile: this.ciFile,
      parsed: true,
      documents: this.composed.documents,
      includes: this.composed.includes,
      hasUnreadableIncludes: this.hasUnreadableIncludes,
      jobs,
      templates,
      defaults,
      globalVariables,
      problems: this.problems,
    };
    const topLevelIdTokens = this.composed.definitions.get('id_tokens')?.at(-1);
    if (topLevelIdTokens) pipeline.topLevelIdTokens = topLevelIdTokens;
    if (defaultIdTokens) pipeline.defaultIdTokens = defaultIdTokens;
    return pipeline;
  }

  private job(
    name: string,
    v: V,
    incomplete: boolean,
    defaultsV: Map<string, V>,
    globalVariables: Map<string, GitlabVariable>,
  ): GitlabJob {
    const budget = this.budget.child(JOB_BUDGET);
    const own = toEffective(v, name, budget);
    const keywords = new Map(own.kind === 'map' ? own.entries : []);
    const inherit = readInherit(keywords.get('inherit'));
    // A trigger job starts a downstream pipeline: it runs nothing and takes no `default:` values.
    const kind = keywords.has('trigger') ? 'trigger' : 'job';
    for (const [keyword, value] of defaultsV) {
      if (kind === 'trigger' || !inherits(inherit.default, keyword)) continue;
      const current = keywords.get(keyword);
      if (current && !(current.kind === 'leaf' && !current.items && current.origin.node.isNull)) continue;
      keywords.set(keyword, toEffective(value, name, budget));
    }

    const variables = new Map<string, GitlabVariable>();
    for (const [key, variable] of globalVariables) if (inherits(inherit.variables, key)) variables.set(key, variable);
    for (const [key, variable] of readVariables(keywords.get('variables'), 'job')) variables.set(key, variable);

    const definitions = this.composed.definitions.get(name) ?? [];
    const job: GitlabJob = {
      name,
      node: definitions.at(-1) ?? own.origin.node,
      definitions,
      kind,
      ciFile: this.ciFile,
      keywords,
      extendsChain: this.extendsChain(name),
      incomplete,
      inherit,
      variables,
      tags: [],
      scripts: [],
      publishes: [],
    };
    const idTokens = readIdTokens(keywords.get('id_tokens'), variables);
    if (idTokens) job.idTokens = idTokens;

    const image = keywords.get('image');
    const imageName = image?.kind === 'map' ? image.entries.get('name') : image;
    const imageText = leafText(imageName);
    if (imageName && imageText !== undefined) {
      job.image = { name: imageText, expanded: expandVariables(imageText, variables), origin: imageName.origin };
    }

    for (const tag of flattenLeaves(keywords.get('tags'))) {
      const value = tag.origin.node.text ?? '';
      job.tags.push({ value, expanded: expandVariables(value, variables), origin: tag.origin });
    }

    const environment = keywords.get('environment');
    const envName = environment?.kind === 'map' ? environment.entries.get('name') : environment;
    if (environment && envName) {
      const text = leafText(envName);
      job.environment = {
        name: text,
        expanded: text === undefined ? undefined : expandVariables(text, variables),
        isExpression: text?.includes('$') ?? false,
        origin: envName.origin,
      };
    }

    for (const section of ['before_script', 'script', 'after_script'] as const) {
      for (const line of flattenLeaves(keywords.get(section))) {
        const text = line.origin.node.text;
        if (text === undefined) continue;
        job.scripts.push({ text, node: line.origin.node, section, origin: line.origin });
      }
    }
    detectGitlabPublishes(job, this.scripts);
    return job;
  }

  private extendedOf(name: string): V | undefined {
    return this.extended.get(name) ?? this.config.get(name);
  }

  /**
   * GitLab's Extendable::Entry: the bases in `extends:` order deep-merged, later ones winning, the
   * entry's own keys on top. `ancestors` is the chain that led here; `top` the entry being resolved.
   */
  private extend(name: string, ancestors: string[], top: string): V {
    const done = this.extended.get(name);
    if (done) return done;
    const value = this.config.get(name)!;
    const own = unwrap(value);
    const ext = own.t === 'map' ? own.entries.get('extends') : undefined;
    if (!ext) return value;
    const chain = [...ancestors, name];
    let merged: V | undefined;
    for (const target of extendsTargets(ext)) {
      const base = this.config.get(target.name);
      if (!base || unwrap(base).t !== 'map') {
        this.incomplete.add(name);
        this.report({
          kind: 'extends-missing',
          job: top,
          target: target.name,
          location: locationOf(target.node),
          possiblyRemote: this.hasUnreadableIncludes,
        });
        continue;
      }
      if (chain.includes(target.name)) {
        this.report({ kind: 'extends-cycle', job: top, chain: [...chain, target.name], location: locationOf(target.node) });
        continue;
      }
      // Too deep is reported by checkDepth; this only keeps the recursion bounded.
      if (chain.length > MAX_EXTENDS_WALK) continue;
      merged = deepMerge(merged, this.extend(target.name, chain, top));
      if (this.incomplete.has(target.name)) this.incomplete.add(name);
    }
    const result = deepMerge(merged, value);
    this.extended.set(name, result);
    return result;
  }

  /** Resolved `extends:` names, nearest first. */
  private extendsChain(name: string): string[] {
    const out: string[] = [];
    const queue = [name];
    while (queue.length > 0 && out.length < 64) {
      for (const target of this.targetsOf(queue.shift()!)) {
        if (target.name === name || out.includes(target.name) || !this.config.has(target.name)) continue;
        out.push(target.name);
        queue.push(target.name);
      }
    }
    return out;
  }

  /** The `extends:` targets written in an entry (before any merge). */
  private targetsOf(name: string): ExtendsTarget[] {
    const value = this.config.get(name);
    const own = value ? unwrap(value) : undefined;
    const ext = own?.t === 'map' ? own.entries.get('extends') : undefined;
    return ext ? extendsTargets(ext) : [];
  }

  /**
   * GitLab refuses an entry that extends another while it already has more than ten ancestors:
   * eleven levels of inheritance are allowed, a twelfth is not. Reported once per chain, for the
   * entries nothing extends, at the `extends:` item that names the twelfth level.
   */
  private checkDepth(names: string[]): void {
    const heights = new Map<string, number>();
    const height = (name: string, depth: number): number => {
      const known = heights.get(name);
      if (known !== undefined) return known;
      if (depth > MAX_EXTENDS_WALK) return 0;
      heights.set(name, 0); // a cycle counts as nothing more (it is reported on its own)
      let h = 0;
      for (const t of this.targetsOf(name)) if (this.config.has(t.name)) h = Math.max(h, 1 + height(t.name, depth + 1));
      heights.set(name, h);
      return h;
    };
    const extended = new Set(names.flatMap((n) => this.targetsOf(n).map((t) => t.name)));
    for (const name of names) {
      if (extended.has(name) || height(name, 0) <= MAX_EXTENDS_NESTING + 1) continue;
      // Follow the longest chain down to the entry with eleven ancestors.
      let current = name;
      for (let hop = 0; hop <= MAX_EXTENDS_NESTING + 1; hop++) {
        const next = this.deepestTarget(current, heights);
        if (!next) break;
        if (hop === MAX_EXTENDS_NESTING + 1) {
          this.report({ kind: 'extends-depth', job: name, location: locationOf(next.node) });
          break;
        }
        current = next.name;
      }
    }
  }

  private deepestTarget(name: string, heights: Map<string, number>): ExtendsTarget | undefined {
    let best: ExtendsTarget | undefined;
    let bestHeight = -1;
    for (const t of this.targetsOf(name)) {
      const h = heights.get(t.name);
      if (h !== undefined && h > bestHeight) {
        best = t;
        bestHeight = h;
      }
    }
    return best;
  }

  /** Replaces `!reference` tags by their targets (after `extends:`), nested up to GitLab's bound. */
  private resolveRefs(v: V, depth: number, state: { incomplete: boolean }): V {
    if (!this.budget.spend()) return v;
    switch (v.t) {
      case 'via':
        return { ...v, inner: this.resolveRefs(v.inner, depth, state) };
      case 'map': {
        let changed = false;
        const entries = new Map<string, V>();
        for (const [key, value] of v.entries) {
          const r = this.resolveRefs(value, depth, state);
          if (r !== value) changed = true;
          entries.set(key, r);
        }
        return changed ? { ...v, entries } : v;
      }
      case 'seq': {
        const items = v.items.map((i) => this.resolveRefs(i, depth, state));
        return items.some((item, i) => item !== v.items[i]) ? { ...v, items } : v;
      }
      case 'ref': {
        // Too deep is reported by checkReferenceDepth; this only stops the walk.
        if (depth >= MAX_REFERENCE_NESTING) {
          state.incomplete = true;
          return v;
        }
        const memo = this.resolvedRefs.get(v);
        if (memo) {
          if (memo.incomplete) state.incomplete = true;
          return memo.v;
        }
        const target = this.lookup(v.path);
        if (!target) {
          this.report({ kind: 'reference-missing', target: v.path, location: referenceLocation(v.node), possiblyRemote: this.hasUnreadableIncludes });
          state.incomplete = true;
          return v;
        }
        // Memoised per written reference: the resolved values form a graph as small as the file,
        // however often a template is referenced.
        const inner = { incomplete: false };
        const resolved: V = { t: 'via', via: 'reference', from: v.path[0] ?? '', inner: this.resolveRefs(target, depth + 1, inner) };
        this.resolvedRefs.set(v, { v: resolved, incomplete: inner.incomplete });
        if (inner.incomplete) state.incomplete = true;
        return resolved;
      }
      default:
        return v;
    }
  }

  /**
   * GitLab resolves at most ten nested `!reference`s. The height of a reference is the longest
   * chain of references it starts; every chain that is too long passes exactly one reference of
   * height eleven, so reporting there reports each overflow once (a cycle is reported where it
   * closes).
   */
  private checkReferenceDepth(names: string[]): void {
    const heights = new Map<V, number>();
    const within = new Map<V, number>();
    const limit = MAX_REFERENCE_NESTING + 1;
    const heightOf = (ref: Extract<V, { t: 'ref' }>): number => {
      const known = heights.get(ref);
      if (known !== undefined) return known;
      heights.set(ref, limit); // in progress: coming back here is a cycle
      const target = this.lookup(ref.path);
      const h = Math.min(limit + 1, target ? 1 + maxWithin(target) : 1);
      heights.set(ref, h);
      if (h === limit) this.report({ kind: 'reference-depth', location: referenceLocation(ref.node) });
      return h;
    };
    const maxWithin = (v: V): number => {
      const known = within.get(v);
      if (known !== undefined) return known;
      within.set(v, 0);
      let h = 0;
      if (v.t === 'ref') h = heightOf(v);
      else if (v.t === 'via') h = maxWithin(v.inner);
      else if (v.t === 'map') for (const item of v.entries.values()) h = Math.max(h, maxWithin(item));
      else if (v.t === 'seq') for (const item of v.items) h = Math.max(h, maxWithin(item));
      within.set(v, h);
      return h;
    };
    for (const name of names) maxWithin(this.extendedOf(name)!);
  }

  /**
   * A `!reference` that leads back to itself (`ref-a` ↔ `ref-b`, or a job's `script` referencing
   * its own `script`) cannot resolve however deep GitLab looks; the depth check alone misses
   * short cycles. A depth-first walk over "reference → references inside its target", each
   * reference finished once (so the walk is linear in the references), reports the reference
   * that closes each cycle. Chains longer than `MAX_CYCLE_WALK` are left to the depth check.
   */
  private checkReferenceCycles(names: string[]): void {
    type Ref = Extract<V, { t: 'ref' }>;
    const refsWithin = new Map<V, Ref[]>();
    /** The references written inside `v`, not following them (iterative: values nest deeply). */
    const refsIn = (v: V): Ref[] => {
      const known = refsWithin.get(v);
      if (known) return known;
      const out: Ref[] = [];
      const todo: V[] = [v];
      const seen = new Set<V>();
      while (todo.length > 0) {
        const cur = todo.pop()!;
        if (seen.has(cur)) continue;
        seen.add(cur);
        if (cur.t === 'ref') out.push(cur);
        else if (cur.t === 'via') todo.push(cur.inner);
        else if (cur.t === 'map') todo.push(...[...cur.entries.values()].reverse());
        else if (cur.t === 'seq') todo.push(...[...cur.items].reverse());
      }
      refsWithin.set(v, out);
      return out;
    };
    const state = new Map<Ref, 'open' | 'done'>();
    const stack: Ref[] = [];
    const visit = (ref: Ref): void => {
      const s = state.get(ref);
      if (s === 'done') return;
      if (s === 'open') {
        const closing = stack[stack.length - 1]!;
        const cycle = stack.slice(stack.indexOf(ref));
        this.report({ kind: 'reference-cycle', target: closing.path, chain: [closing.path, ...cycle.map((r) => r.path)], location: referenceLocation(closing.node) });
        return;
      }
      if (stack.length >= MAX_CYCLE_WALK || !this.budget.spend()) return;
      state.set(ref, 'open');
      stack.push(ref);
      const target = this.lookup(ref.path);
      if (target) for (const inner of refsIn(target)) visit(inner);
      stack.pop();
      state.set(ref, 'done');
    };
    for (const name of names) for (const ref of refsIn(this.extendedOf(name)!)) visit(ref);
  }

  private lookup(path: string[]): V | undefined {
    const [first, ...rest] = path;
    if (first === undefined) return undefined;
    let cur = this.extendedOf(first);
    for (const key of rest) {
      if (!cur) return undefined;
      const u = unwrap(cur);
      cur = u.t === 'map' ? u.entries.get(key) : undefined;
    }
    return cur;
  }

  private report(problem: GitlabProblem): void {
    const loc = problem.location;
    const key = `${problem.kind}@${loc.file}:${loc.start.line}:${loc.start.column}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problems.push(problem);
  }
}

/** Where a `!reference` is written, its tag included (the node's own range starts at `[`). */
function referenceLocation(node: YNode): Location {
  const range = node.range;
  if (!range) return locationOf(node);
  const text = node.doc.text;
  const before = text.slice(Math.max(0, range[0] - 64), range[0]);
  const tag = /!reference\s*$/.exec(before);
  const start = tag ? range[0] - (before.length - tag.index) : range[0];
  return { file: node.file, ...node.doc.lines.span(start, range[1]) };
}

/** The names in an `extends:` value (a string or a list of strings), with their nodes. */
function extendsTargets(ext: V): ExtendsTarget[] {
  const u = unwrap(ext);
  const nodes = u.t === 'scalar' ? [u] : u.t === 'seq' ? u.items.map(unwrap) : [];
  const out: ExtendsTarget[] = [];
  for (const n of nodes) {
    if (n.t !== 'scalar') continue;
    const text = n.node.text;
    if (text !== undefined && text !== '') out.push({ name: text, node: n.node });
  }
  return out;
}

/** `inherit: default:` / `inherit: variables:`: true, false or a list of names. */
function readInherit(value: EffectiveValue | undefined): GitlabInherit {
  const out: GitlabInherit = { default: true, variables: true };
  if (value?.kind !== 'map') return out;
  out.origin = value.origin;
  for (const key of ['default', 'variables'] as const) {
    const entry = value.entries.get(key);
    if (!entry) continue;
    if (entry.kind === 'leaf' && entry.items) {
      out[key] = flattenLeaves(entry).map((i) => i.origin.node.text ?? '');
    } else {
      const text = leafText(entry);
      if (text === 'false') out[key] = false;
    }
  }
  return out;
}

function inherits(setting: boolean | string[], name: string): boolean {
  return typeof setting === 'boolean' ? setting : setting.includes(name);
}

/** Reads an effective `id_tokens:` map. Undefined when it is not a map (unset, null, unresolved). */
export function readIdTokens(value: EffectiveValue | undefined, variables: ReadonlyMap<string, GitlabVariable>): GitlabIdTokens | undefined {
  if (value?.kind !== 'map') return undefined;
  const tokens = new Map<string, GitlabIdToken>();
  for (const [name, entry] of value.entries) {
    const token: GitlabIdToken = { name, origin: entry.origin, aud: [] };
    const aud = entry.kind === 'map' ? entry.entries.get('aud') : undefined;
    if (aud) {
      token.audNode = aud.origin.node;
      for (const item of flattenLeaves(aud)) {
        const raw = item.origin.node.text ?? '';
        token.aud.push({ raw, expanded: expandVariables(raw, variables), origin: item.origin });
      }
    }
    tokens.set(name, token);
  }
  return { origin: value.origin, tokens };
}

