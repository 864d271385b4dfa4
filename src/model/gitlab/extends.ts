/**
 * GitLab's `extends:`: the bases of an entry deep-merged in order, its own keys on top, with
 * GitLab's nesting bound (`extends-depth`), missing targets and cycles reported.
 */
import type { YNode } from '../../yaml/parse.js';
import { locationOf } from './include.js';
import type { GitlabProblem } from './types.js';
import { deepMerge, unwrap, type V } from './values.js';

/** GitLab's bound on `extends:` nesting: an entry with more ancestors than this may not extend. */
export const MAX_EXTENDS_NESTING = 10;
/** How far tp-doctor follows `extends:` at all (keeps the recursion bounded). */
const MAX_EXTENDS_WALK = 64;

export interface ExtendsTarget {
  name: string;
  node: YNode;
}

/** Resolves `extends:` over the composed configuration, each entry once. */
export class ExtendsResolver {
  private readonly extended = new Map<string, V>();
  /** Entries whose definition lacks something (a missing extends target, somewhere up the chain). */
  readonly incomplete = new Set<string>();

  constructor(
    private readonly config: ReadonlyMap<string, V>,
    private readonly report: (problem: GitlabProblem) => void,
    /** Set when an include could not be read: a missing target may be defined there. */
    private readonly possiblyRemote: boolean,
  ) {}

  /** The entry after `extends:` (as written until `extend` has run for it). */
  extendedOf(name: string): V | undefined {
    return this.extended.get(name) ?? this.config.get(name);
  }

  /**
   * GitLab's Extendable::Entry: the bases in `extends:` order deep-merged, later ones winning, the
   * entry's own keys on top. `ancestors` is the chain that led here; `top` the entry being resolved.
   */
  extend(name: string, ancestors: string[], top: string): V {
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
          possiblyRemote: this.possiblyRemote,
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
  extendsChain(name: string): string[] {
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

  /**
   * The `extends:` targets, in the entry and in the templates it extends, that no file read
   * defines (as a mapping): nearest first, each once, with the node that names it.
   */
  missingTargets(name: string): ExtendsTarget[] {
    const out: ExtendsTarget[] = [];
    for (const owner of [name, ...this.extendsChain(name)]) {
      for (const target of this.targetsOf(owner)) {
        const base = this.config.get(target.name);
        if ((!base || unwrap(base).t !== 'map') && !out.some((t) => t.name === target.name)) out.push(target);
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
  checkDepth(names: string[]): void {
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
}

/** The names in an `extends:` value (a string or a list of strings), with their nodes. */
export function extendsTargets(ext: V): ExtendsTarget[] {
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
