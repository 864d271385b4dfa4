/**
 * multi-semantic-release packages that depend on a semantic-release of their own (a dependency, not
 * a peer): the semantic-release a release of theirs installs, with the @semantic-release/npm that
 * semantic-release brings, is what runs, whatever the repository installs. Read from the packages'
 * own package.json `dependencies` across their releases (survey700b MISS-4, 2026-12-06):
 *
 * - `@qiwi/multi-semantic-release` 6.5.1 to 6.7.0: `semantic-release` ^19; 7.0.0 to 7.1.2 (the last release): ^21.0.5.
 * - `multi-semantic-release` (dhoulb) 2.9 to 2.13: ^17.3; 3.0.x: ^19.0.5. From 3.1.0 the range is
 *   `>=19.0.5` ("support for semantic-release v25"), which installs the newest: not listed.
 * - `@anolilab/multi-semantic-release` takes the repository's semantic-release (a peer): not listed.
 *
 * Each `versions` range names releases of the package; `semanticRelease` is the range they depend on.
 */
export interface MultiSemanticReleaseCopy {
  readonly versions: string;
  readonly semanticRelease: string;
}

export const MULTI_SEMANTIC_RELEASE_COPIES: Readonly<Record<string, readonly MultiSemanticReleaseCopy[]>> = {
  '@qiwi/multi-semantic-release': [
    { versions: '>=6.5.1 <7.0.0', semanticRelease: '^19.0.0' },
    { versions: '>=7.0.0 <8.0.0', semanticRelease: '^21.0.5' },
  ],
  'multi-semantic-release': [
    { versions: '>=2.9.0 <3.0.0', semanticRelease: '^17.3.0' },
    { versions: '>=3.0.0 <3.1.0', semanticRelease: '^19.0.5' },
  ],
};

/** Advice for a repository on one of those releases. */
export const MULTI_SEMANTIC_RELEASE_WAY_OUT =
  'use a multi-semantic-release that installs the repository\'s semantic-release 25 or later: `multi-semantic-release` 3.1.0 or later (its dependency is `>=19.0.5`), or `@anolilab/multi-semantic-release` (a peer dependency)';
