/**
 * `memoByKey`: remembers the results of a pure function of one string argument over the dated
 * tables (a Node spec resolved against the release table, the npm a Node version bundles). The
 * same few specs (`24`, `lts/*`, `20.x`) come back at every job of every workflow, and each answer
 * scans the whole table with `semver`. Bounded: after `max` distinct keys the memory starts afresh,
 * so a hostile repository with a million different specs costs time, never memory. Results are
 * frozen, as every caller shares them.
 */
export function memoByKey<T>(fn: (key: string) => T, max = 512): (key: string) => T {
  const memo = new Map<string, T>();
  return (key: string): T => {
    if (memo.has(key)) return memo.get(key) as T;
    const value = fn(key);
    if (memo.size >= max) memo.clear();
    memo.set(key, typeof value === 'object' && value !== null ? Object.freeze(value) : value);
    return value;
  };
}
