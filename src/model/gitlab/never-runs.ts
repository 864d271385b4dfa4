/**
 * A GitLab job that no pipeline ever holds: GitLab adds a job with `rules:` only when a rule
 * matches and that rule's `when:` is not `never`, so a job whose every rule says `when: never`
 * (a common way to switch a job off, with or without an `if:`) never runs, and its publish never
 * happens. Read from the effective job (`extends:`, `!reference` resolved); a rule tp-doctor cannot
 * read (an unresolved `!reference`, a value past the reading budget) means it may run.
 */
import type { EffectiveValue, GitlabJob } from './types.js';
import { leafText } from './values.js';

/** Nested `!reference` lists deeper than this are not read (the job may run). */
const MAX_DEPTH = 16;

/** True when every rule of the job's `rules:` (one at least) says `when: never`. */
export function neverRuns(job: GitlabJob): boolean {
  const rules = job.keywords.get('rules');
  return rules?.kind === 'leaf' && rules.items !== undefined && allNever(rules.items, 0);
}

function allNever(items: readonly EffectiveValue[], depth: number): boolean {
  if (items.length === 0 || depth > MAX_DEPTH) return false;
  return items.every((item) =>
    item.kind === 'map' ? leafText(item.entries.get('when'))?.trim() === 'never' : item.items !== undefined && allNever(item.items, depth + 1),
  );
}
