import type { ProjectFacts } from '../../src/model/facts.js';
import type { CallGraph } from '../../src/model/github/call-graph.js';
import type { WorkspacePackage } from '../../src/model/npm/workspaces.js';
import { mayGoToNpmjs, type PublishSite } from '../../src/model/publish.js';
import { publishEntries } from './reach.js';

/** A CI provider a trusted publisher can name (docs/domain.md §0, §1.8). */
export type CiProvider = PublishSite['provider'];

const PROVIDERS: readonly CiProvider[] = ['github', 'gitlab', 'circleci'];

/** How a message names a provider's file. */
export const PROVIDER_FILE: Record<CiProvider, string> = {
  github: 'GitHub workflow',
  gitlab: 'GitLab CI file',
  circleci: 'CircleCI configuration',
};

/** A publish with the file the provider's trusted publisher would name for it. */
export interface ProviderPublish {
  site: PublishSite;
  /** GitHub: the top-level workflow's file name; GitLab: the top-level CI file; CircleCI: the pipeline's configuration file. */
  file: string;
}

/** Two publishes of different providers that publish the same packages (`shared`; empty: tp-doctor cannot name them). */
export interface CrossProviderPair {
  a: ProviderPublish;
  b: ProviderPublish;
  shared: WorkspacePackage[];
}

/**
 * The file a provider's trusted publisher would name for a publish; undefined when the publish
 * never runs from one file of this repository: a GitHub job reached from no or several top-level
 * workflows whose `if:` conditions let it run (`publishEntries`; `severalEntries` says the
 * latter), a CircleCI job no workflow runs.
 */
function fileOf(site: PublishSite, graph: CallGraph, facts: ProjectFacts): string | undefined {
  if (site.provider === 'gitlab') return site.pipeline.ciFile;
  if (site.provider === 'circleci') {
    if (site.job.invocation === undefined && site.config.workflows.length > 0) return undefined;
    return site.config.continuedFrom?.file ?? site.config.file;
  }
  const files = publishEntries(site.job, graph, facts);
  return files.length === 1 ? files[0] : undefined;
}

/** What decides whether two publishes overlap (`ProjectFacts.overlap`): sites alike in it answer alike. */
function signature(facts: ProjectFacts, p: ProviderPublish): string {
  const { site } = p;
  const m = site.publish.match;
  const dirs = site.targets.packages.map((x) => x.dir).sort();
  return JSON.stringify([site.provider, p.file, site.targets.kind, dirs, m.tool, m.recognizer, site.directory ?? null, m.args, facts.renamesBefore(site)]);
}

/**
 * The packages two overlapping publishes both send to registry.npmjs.org; empty when a target is
 * unknown (the same command), undefined when every shared package goes to another registry for
 * one of them.
 */
function sharedPackages(a: PublishSite, b: PublishSite): WorkspacePackage[] | undefined {
  if (a.targets.kind === 'unknown' || b.targets.kind === 'unknown') return [];
  const toNpmjs = (s: PublishSite, dir: string): boolean => s.packageRegistries.get(dir)?.registry !== 'other';
  const dirs = new Set(b.targets.packages.filter((p) => toNpmjs(b, p.dir)).map((p) => p.dir));
  const shared = a.targets.packages.filter((p) => dirs.has(p.dir) && toNpmjs(a, p.dir));
  if (shared.length > 0) return shared;
  // Two workspace-wide publishes overlap even when no package is known (`ProjectFacts.overlap`).
  return a.targets.packages.length === 0 && b.targets.packages.length === 0 ? [] : undefined;
}

/**
 * Publishes of two different providers that publish the same packages, by the facts the
 * GitHub-only comparison uses (`ProjectFacts.overlap`): for each file of each provider in
 * `providers`, and each other provider there, the first of its publishes that overlaps one of that
 * provider's, with the first such publish there. Only publishes to registry.npmjs.org that are
 * certain or likely count (a guess on either side says nothing about a package); sites alike in
 * what decides an overlap are compared once.
 */
export function crossProviderPairs(facts: ProjectFacts, graph: CallGraph, providers: ReadonlySet<CiProvider>): CrossProviderPair[] {
  if (new Set(facts.sites.filter((s) => providers.has(s.provider)).map((s) => s.provider)).size < 2) return [];
  const byProvider = publishesByFile(facts, graph, providers);
  if (byProvider.size < 2) return [];
  const pairs: CrossProviderPair[] = [];
  for (const provider of PROVIDERS) {
    for (const publishes of byProvider.get(provider)?.values() ?? []) {
      for (const other of PROVIDERS) {
        const others = other === provider ? [] : [...(byProvider.get(other)?.values() ?? [])].flat();
        const pair = firstPair(facts, publishes, others);
        if (pair) pairs.push(pair);
      }
    }
  }
  return pairs;
}

/**
 * Publishes of two CircleCI pipelines (two configuration files a pipeline definition runs, a
 * continued configuration counted with its setup file) that publish the same packages: a CircleCI
 * trusted publisher names one pipeline definition, which runs one configuration file [doc]. For
 * each file, the first of its publishes that overlaps one of another file's, with that publish; by
 * the same facts and filters as `crossProviderPairs`.
 */
export function circlePipelinePairs(facts: ProjectFacts, graph: CallGraph): CrossProviderPair[] {
  const files = publishesByFile(facts, graph, new Set<CiProvider>(['circleci'])).get('circleci');
  if (!files || files.size < 2) return [];
  const pairs: CrossProviderPair[] = [];
  for (const [file, publishes] of files) {
    const others = [...files].flatMap(([f, list]) => (f === file ? [] : list));
    const pair = firstPair(facts, publishes, others);
    if (pair) pairs.push(pair);
  }
  return pairs;
}

/** The certain or likely publishes to registry.npmjs.org of `providers`, by provider and file, sites alike in what decides an overlap once. */
function publishesByFile(facts: ProjectFacts, graph: CallGraph, providers: ReadonlySet<CiProvider>): Map<CiProvider, Map<string, ProviderPublish[]>> {
  const sites = facts.sites.filter((s) => providers.has(s.provider) && s.certainty !== 'possible' && mayGoToNpmjs(s));
  const byProvider = new Map<CiProvider, Map<string, ProviderPublish[]>>();
  const seen = new Set<string>();
  for (const site of sites) {
    const file = fileOf(site, graph, facts);
    if (file === undefined) continue;
    const publish = { site, file };
    const key = signature(facts, publish);
    if (seen.has(key)) continue;
    seen.add(key);
    const files = byProvider.get(site.provider) ?? new Map<string, ProviderPublish[]>();
    byProvider.set(site.provider, files);
    const list = files.get(file) ?? [];
    files.set(file, list);
    list.push(publish);
  }
  return byProvider;
}

function firstPair(facts: ProjectFacts, publishes: readonly ProviderPublish[], others: readonly ProviderPublish[]): CrossProviderPair | undefined {
  for (const a of publishes) {
    for (const b of others) {
      const shared = facts.overlap(a.site, b.site) ? sharedPackages(a.site, b.site) : undefined;
      if (shared) return { a, b, shared };
    }
  }
  return undefined;
}

/** Publishes of several files that publish the same packages, one finding: `first` the first file's, `others` one per other file. */
export interface PublishGroup {
  first: ProviderPublish;
  others: ProviderPublish[];
  pairs: CrossProviderPair[];
}

const fileKey = (p: ProviderPublish): string => `${PROVIDERS.indexOf(p.site.provider)}\0${p.file}`;

/**
 * The pairs of `crossProviderPairs` or `circlePipelinePairs` as one group per set of files joined by
 * them: the pair seen from each side, and a file meeting two others, is one fact (audit908a P1: a
 * GitHub workflow and a GitLab CI file gave a finding at each). Files in a stable order (provider,
 * then file name); each file's publish is the first of its own that meets another.
 */
export function publishGroups(pairs: readonly CrossProviderPair[]): PublishGroup[] {
  const parent = new Map<string, string>();
  const root = (k: string): string => {
    let r = k;
    // Bounded: each step moves to a key added before; paths are halved on the way.
    while (parent.get(r) !== r) {
      const up = parent.get(r)!;
      parent.set(r, parent.get(up)!);
      r = up;
    }
    return r;
  };
  const publishOf = new Map<string, ProviderPublish>();
  for (const { a, b } of pairs) {
    for (const p of [a, b]) if (!parent.has(fileKey(p))) parent.set(fileKey(p), fileKey(p));
    if (!publishOf.has(fileKey(a))) publishOf.set(fileKey(a), a);
    const [ra, rb] = [root(fileKey(a)), root(fileKey(b))];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  for (const { b } of pairs) if (!publishOf.has(fileKey(b))) publishOf.set(fileKey(b), b);
  const groups = new Map<string, { keys: string[]; pairs: CrossProviderPair[] }>();
  for (const pair of pairs) {
    const r = root(fileKey(pair.a));
    const g = groups.get(r) ?? { keys: [], pairs: [] };
    groups.set(r, g);
    g.pairs.push(pair);
  }
  for (const k of parent.keys()) groups.get(root(k))?.keys.push(k);
  return [...groups.values()]
    .map((g) => {
      const [first, ...others] = g.keys.sort().map((k) => publishOf.get(k)!);
      return { first: first!, others, pairs: g.pairs };
    })
    .sort((x, y) => (fileKey(x.first) < fileKey(y.first) ? -1 : 1));
}
