/**
 * Finds the file a user most likely meant when a declared CI file name does not exist. Shared by
 * the GitHub workflow check and (later) the GitLab CI-file check, so both explain near misses the
 * same way.
 */

export type NearMissKind = 'otherExtension' | 'caseMismatch' | 'similar';

export interface NearMiss {
  kind: NearMissKind;
  /** The existing name that was probably meant. */
  name: string;
}

/** Largest edit distance still suggested as a typo. */
export const MAX_DISTANCE = 2;

const EXTENSION = /\.ya?ml$/i;

/** Levenshtein distance, with an early exit once every cell of a row exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/**
 * The closest existing name, in order of how specific the explanation is: the same name with the
 * other YAML extension, a case-only difference, then a small edit distance. `undefined` when
 * nothing is close. `wanted` must not itself be among `existing` (case-sensitively).
 */
export function findNearMiss(wanted: string, existing: readonly string[]): NearMiss | undefined {
  const sorted = [...existing].sort();
  const misnamed = findMisnamed(wanted, sorted);
  if (misnamed) return misnamed;
  let best: { name: string; distance: number } | undefined;
  for (const name of sorted) {
    const distance = editDistance(wanted, name, MAX_DISTANCE);
    if (distance <= MAX_DISTANCE && (!best || distance < best.distance)) best = { name, distance };
  }
  return best ? { kind: 'similar', name: best.name } : undefined;
}

/**
 * The first two explanations of `findNearMiss` only, the other extension and then a case-only
 * difference, the first in the order of `sorted` (names already sorted, which are not copied):
 * what a caller that never suggests a merely similar name asks (missing-calls.ts, once per job
 * that calls a missing workflow, over every workflow name of the repository).
 */
export function findMisnamed(wanted: string, sorted: readonly string[]): NearMiss | undefined {
  const stem = wanted.replace(EXTENSION, '');
  const lower = wanted.toLowerCase();
  // `startsWith` first: the name less its extension is `stem` only for a name that starts with it, and it copies nothing.
  const otherExtension = sorted.find(
    (name) => name.startsWith(stem) && name.toLowerCase() !== lower && EXTENSION.test(name) && name.replace(EXTENSION, '') === stem,
  );
  if (otherExtension) return { kind: 'otherExtension', name: otherExtension };
  const caseOnly = sorted.find((name) => name.toLowerCase() === lower);
  return caseOnly ? { kind: 'caseMismatch', name: caseOnly } : undefined;
}
