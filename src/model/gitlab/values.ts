/**
 * The configuration as GitLab composes it, with the node each value was written at: a tree of
 * `V`s built from the YAML, deep-merged across `include:` files and `extends:`, then with
 * `!reference` tags resolved. Every leaf keeps its YNode and the top-level entry (`owner`) it was
 * written under, so that an effective value can say where the user edits it.
 */
import type { YNode } from '../../yaml/parse.js';
import type { EffectiveValue, Origin } from './types.js';

interface VBase {
  node: YNode;
  /** The top-level key (job, template, `default`, `variables`...) the value was written under. */
  owner: string;
}

export type V =
  | (VBase & { t: 'map'; entries: Map<string, V> })
  | (VBase & { t: 'seq'; items: V[] })
  | (VBase & { t: 'scalar' })
  /** A `!reference [a, b]` not (yet) resolved. */
  | (VBase & { t: 'ref'; path: string[] })
  /** A value that reached its place through `!reference` or `default:`. */
  | { t: 'via'; via: 'reference' | 'default'; from: string; inner: V };

/** Converts YAML to a `V` tree. Aliases and merge keys are followed by YNode. */
export function fromNode(node: YNode, owner: string, budget: Budget): V {
  if (!budget.spend()) return { t: 'scalar', node, owner };
  if (node.tag === '!reference' && node.isSeq) {
    return { t: 'ref', node, owner, path: node.items().map((i) => i.text ?? '') };
  }
  if (node.isMap) {
    const entries = new Map<string, V>();
    for (const e of node.entries()) if (e.key !== undefined) entries.set(e.key, fromNode(e, owner, budget));
    return { t: 'map', node, owner, entries };
  }
  if (node.isSeq) return { t: 'seq', node, owner, items: node.items().map((i) => fromNode(i, owner, budget)) };
  return { t: 'scalar', node, owner };
}

/**
 * GitLab's (ActiveSupport's) deep merge: maps merge key by key, anything else is replaced by the
 * later value. Keys keep the position of their first appearance.
 */
export function deepMerge(base: V | undefined, over: V): V {
  if (base?.t !== 'map' || over.t !== 'map') return over;
  const entries = new Map(base.entries);
  for (const [key, value] of over.entries) entries.set(key, deepMerge(entries.get(key), value));
  return { ...over, entries };
}

/** Strips `via` wrappers. */
export function unwrap(v: V): Exclude<V, { t: 'via' }> {
  let cur = v;
  while (cur.t === 'via') cur = cur.inner;
  return cur;
}

/** True for a missing value or an explicit null (`key:` / `key: ~`), which GitLab treats as unset. */
export function isUnset(v: V | undefined): boolean {
  if (!v) return true;
  const u = unwrap(v);
  return u.t === 'scalar' && u.node.isNull;
}

/**
 * A bound on work, so that a crafted file cannot make it explode. A child budget (one job) has
 * its own bound and also spends from its parent's (the whole pipeline).
 */
export class Budget {
  private left: number;
  exhausted = false;

  constructor(
    limit: number,
    private readonly parent?: Budget,
  ) {
    this.left = limit;
  }

  /** Spends one unit; false once nothing is left here or in the parent. */
  spend(): boolean {
    if (this.left <= 0 || (this.parent && !this.parent.spend())) {
      this.exhausted = true;
      return false;
    }
    this.left--;
    return true;
  }

  child(limit: number): Budget {
    return new Budget(limit, this);
  }
}

/**
 * Converts a resolved tree to the public shape, computing each origin relative to `job` (the
 * job's own name, or undefined for values that are not read for a job).
 */
export function toEffective(
  v: V,
  job: string | undefined,
  budget: Budget,
  via?: { via: 'reference' | 'default'; from: string },
): EffectiveValue {
  if (v.t === 'via') return toEffective(v.inner, job, budget, via ?? { via: v.via, from: v.from });
  const origin: Origin = via
    ? { node: v.node, via: via.via, from: via.from }
    : v.owner === job
      ? { node: v.node, via: 'job' }
      : { node: v.node, via: 'extends', from: v.owner };
  if (!budget.spend()) return { kind: 'leaf', origin };
  switch (v.t) {
    case 'map': {
      const entries = new Map<string, EffectiveValue>();
      for (const [key, value] of v.entries) entries.set(key, toEffective(value, job, budget, via));
      return { kind: 'map', entries, origin };
    }
    case 'seq':
      return { kind: 'leaf', origin, items: v.items.map((i) => toEffective(i, job, budget, via)) };
    case 'ref':
      return { kind: 'leaf', origin, unresolvedReference: v.path };
    default:
      return { kind: 'leaf', origin };
  }
}

/** The scalar text of an effective leaf (numbers and booleans as written), else undefined. */
export function leafText(v: EffectiveValue | undefined): string | undefined {
  if (!v || v.kind !== 'leaf' || v.items || v.unresolvedReference) return undefined;
  return v.origin.node.text;
}

/**
 * The scalar leaves of a value: itself, or the items of a list, nested lists (from `!reference`)
 * flattened as GitLab does for scripts. Maps and nulls are skipped.
 */
export function flattenLeaves(v: EffectiveValue | undefined, depth = 0): EffectiveValue[] {
  if (!v || v.kind !== 'leaf' || depth > 16) return [];
  if (v.items) return v.items.flatMap((i) => flattenLeaves(i, depth + 1));
  return v.unresolvedReference || v.origin.node.text === undefined ? [] : [v];
}
