/**
 * Which declared publishers cover each package of the repository (`ProjectFacts.coverage`): a
 * publisher's `packages` globs match the package's name, or it has none and covers all.
 */
import { compileGlobs } from '../fs/globs.js';
import type { Publisher } from './core/publishers.js';
import type { WorkspacePackage } from './npm/workspaces.js';

export interface CoveredPackage extends WorkspacePackage {
  /** Publishers whose `packages` globs match the name; a publisher without `packages` covers all. */
  publishers: Publisher[];
  /** Publishers with a `packages` entry that names this package exactly (no glob characters). */
  namedBy: Publisher[];
  /**
   * Whether the package is published at all: named, not private, and either a publish command
   * publishes it (or may: unknown targets), or it is the single package of a repository.
   */
  published: boolean;
}

const GLOB_CHARS = /[*?[\]{}()!+@]/;
export function hasGlobChars(pattern: string): boolean {
  return GLOB_CHARS.test(pattern.replace(/^@(?=[^/]+\/)/, ''));
}

/**
 * Each package with the publishers that cover it and name it, and whether it is published: named,
 * not private, and `published` (a publish command publishes it, or may; or the single package of a
 * repository with no publish command at all).
 */
export function coverPackages(packages: readonly WorkspacePackage[], publishers: readonly Publisher[], published: (pkg: WorkspacePackage) => boolean): CoveredPackage[] {
  const matchers = publishers.map((p) => (p.packages ? compileGlobs(p.packages, { dot: true }) : undefined));
  return packages.map((wp): CoveredPackage => {
    const covering = publishers.filter((p, i) => {
      const m = matchers[i];
      return m === undefined || (wp.name !== undefined && m(wp.name));
    });
    const namedBy = publishers.filter((p) => wp.name !== undefined && (p.packages ?? []).some((g) => g === wp.name && !hasGlobChars(g)));
    const publishable = wp.name !== undefined && wp.name.trim() !== '' && !wp.private;
    return { ...wp, publishers: covering, namedBy, published: publishable && published(wp) };
  });
}
