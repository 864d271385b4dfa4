/**
 * Versions as numbers, for the Node release table's lookups (./node-version.ts): a plain
 * `major.minor.patch` is read with one split, where semver builds a `SemVer` object (a regular
 * expression run and a prerelease array) for every version of every comparison. A table lookup
 * compares one version with the ~290 rows of the table, so this is most of a small repository's
 * semver work. Semver stays the judge of anything else: a version that is not plain is normalised
 * by `semver.valid` first (`v24.1.0`, `=24.1.0`, `24.1.0+build`), and a prerelease keeps its place
 * below the release of the same numbers, which is all the table's comparisons need (its rows are
 * releases).
 */
import { semver } from '../core/semver.js';

/** major, minor, patch, then 1 for a release and 0 for a prerelease (which comes before the release of the same numbers). */
export type VersionNumbers = readonly [number, number, number, number];

// Plain versions semver takes as they are (no leading zeros, each number at most 15 digits, so below
// Number.MAX_SAFE_INTEGER, which semver also requires).
const PLAIN = /^(?:0|[1-9]\d{0,14})\.(?:0|[1-9]\d{0,14})\.(?:0|[1-9]\d{0,14})$/;

/**
 * `semver.valid(version)`: the version semver reads, normalised (`v24.1.0` → `24.1.0`), or null. A
 * plain version is its own answer, and so is text without the two dots every version has (`24`,
 * `24.x`, `lts/*`: semver would throw and catch an error to say so).
 */
export function validVersion(version: string): string | null {
  if (PLAIN.test(version)) return version;
  const dot = version.indexOf('.');
  return dot === -1 || version.indexOf('.', dot + 1) === -1 ? null : semver.valid(version);
}

/**
 * The numbers of a version `validVersion` returned (or of a plain table version): a prerelease's
 * numbers with 0 last. Its prerelease identifiers are not kept: two prereleases of the same numbers
 * compare equal here, and the table never compares two prereleases.
 */
export function versionNumbers(valid: string): VersionNumbers {
  const dash = valid.indexOf('-');
  const [major = 0, minor = 0, patch = 0] = (dash === -1 ? valid : valid.slice(0, dash)).split('.').map(Number);
  return [major, minor, patch, dash === -1 ? 1 : 0];
}

/** Negative, zero or positive as `a` is before, equal to or after `b` (semver's order, for a release against a release or a prerelease). */
export function compareNumbers(a: VersionNumbers, b: VersionNumbers): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];
}

/** `semver.major(version)` for a version semver reads; a plain version without semver. Throws, as semver does, on anything else. */
export function majorOf(version: string): number {
  return PLAIN.test(version) ? Number(version.slice(0, version.indexOf('.'))) : semver.major(version);
}

/** `semver.gte(a, b)`: two plain versions compared as numbers, anything else by semver (which throws where it throws). */
export function versionGte(a: string, b: string): boolean {
  return PLAIN.test(a) && PLAIN.test(b) ? compareNumbers(versionNumbers(a), versionNumbers(b)) >= 0 : semver.gte(a, b);
}
