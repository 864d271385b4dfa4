/**
 * GitLab's `!reference [entry, key, ...]` tags: resolved after `extends:`, nested up to GitLab's
 * bound (`reference-depth`), missing targets and cycles reported.
 */
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { locationOf } from './include.js';
import type { GitlabProblem } from './types.js';
import { unwrap, type Budget, type V } from './values.js';

/** GitLab's bound on nested `!reference` tags. */
export const MAX_REFERENCE_NESTING = 10;
/** How long a chain of `!reference`s the cycle check follows (longer chains fail the depth check). */
const MAX_CYCLE_WALK = 64;

/** Resolves and checks the `!reference` tags of a pipeline, each written reference once. */
export class ReferenceResolver {
  private readonly resolvedRefs = new Map<V, { v: V; incomplete: boolean }>();

  constructor(
    /** An entry after `extends:`. */
    private readonly extendedOf: (name: string) => V | undefined,
    private readonly budget: Budget,
    private readonly report: (problem: GitlabProblem) => void,
    /** Set when an include could not be read: a missing target may be defined there. */
    private readonly possiblyRemote: boolean,
  ) {}

  /** Replaces `!reference` tags by their targets (after `extends:`), nested up to GitLab's bound. */
  resolveRefs(v: V, depth: number, state: { incomplete: boolean }): V {
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
          this.report({ kind: 'reference-missing', target: v.path, location: referenceLocation(v.node), possiblyRemote: this.possiblyRemote });
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
  checkReferenceDepth(names: string[]): void {
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
  checkReferenceCycles(names: string[]): void {
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
}

/** Where a `!reference` is written, its tag included (the node's own range starts at `[`). */
export function referenceLocation(node: YNode): Location {
  const range = node.range;
  if (!range) return locationOf(node);
  const text = node.doc.text;
  const before = text.slice(Math.max(0, range[0] - 64), range[0]);
  const tag = /!reference\s*$/.exec(before);
  const start = tag ? range[0] - (before.length - tag.index) : range[0];
  return { file: node.file, ...node.doc.lines.span(start, range[1]) };
}
