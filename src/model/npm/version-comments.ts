/**
 * The version a comment on a `uses:` line names (`# v3.1.1` after a commit SHA, as Dependabot and
 * Renovate write it, or a version in words): read by `./tool-versions.ts` `actionRefVersion`.
 */

/** The version in the comment on a `uses:` line pinned to a commit SHA (`commentVersion`). */
export function versionComment(line: string): string | undefined {
  return commentVersion(line)?.version;
}

/** A version word in a comment: `4.1.0`, `v4.1.0`, standing alone (not part of `4.1.0-rc.1` or `a4.1.0`). */
const VERSION_WORD = /(?:^|[\s([{"'`])v?(\d{1,9}\.\d{1,9}\.\d{1,9})(?=$|[\s)\]}"'`,;:!]|\.(?:$|\s))/g;
/** A GitHub release URL's tag: `…/releases/tag/v4.1.0`. */
const RELEASE_TAG = /\/releases\/tag\/v?(\d{1,9}\.\d{1,9}\.\d{1,9})(?=$|[\s)\]}"'`,;#?]|\.(?:$|\s))/g;

/**
 * The version the comment on a `uses:` line pinned to a commit SHA gives: `# v3.1.1` (or `# tag=v3.1.1`)
 * right after the `#`, as Dependabot and Renovate write it (`tagged`); else the one version the comment
 * names in words, as a `x.y.z` word or a `/releases/tag/vx.y.z` URL (asyncapi/asyncapi-react: `# using
 * 4.1.0 version https://github.com/JS-DevTools/npm-publish/releases/tag/v4.1.0`). A comment that names
 * two different versions gives none.
 */
export function commentVersion(line: string): { version: string; tagged: boolean } | undefined {
  const tagged = /#\s*(?:tag[:=]?\s*)?v?(\d+(?:\.\d+){0,2})\b/.exec(line)?.[1];
  if (tagged !== undefined) return { version: tagged, tagged: true };
  const hash = /(?:^|\s)#/.exec(line);
  if (hash === null) return undefined;
  const comment = line.slice(hash.index + hash[0].length);
  const versions = new Set<string>();
  for (const m of comment.matchAll(VERSION_WORD)) versions.add(m[1]!);
  for (const m of comment.matchAll(RELEASE_TAG)) versions.add(m[1]!);
  return versions.size === 1 ? { version: [...versions][0]!, tagged: false } : undefined;
}
