import { describe, expect, it } from 'vitest';
import { NOT_AN_NPM_PUBLISH, notNpmPublishPhrase } from './not-npm-publish.js';

const parts = (word: string): string[] => word.replace(/([a-z])(?=[A-Z])/g, '$1 ').toLowerCase().split(/[^a-z0-9]+/).filter((t) => t !== '');

// [phrase, a word that holds it, a control word with the same words that does not]
const ROWS: [string, string, string][] = [
  ['shrinkwrap', 'update-shrinkwrap', 'update-and-publish'],
  ['lockfile', 'update-lockfile', 'update-locale'],
  ['lockfiles', 'sync-lockfiles.sh', 'sync-locales.sh'],
  ['lock file', 'regen-lock-file.sh', 'file-lock-release.sh'],
  ['lock files', 'fix-lock-files.mjs', 'files-lock.mjs'],
  ['package lock', 'sync-package-lock.sh', 'lock-package-release.sh'],
  ['yarn lock', 'update-yarn-lock.js', 'lock-yarn-release.js'],
  ['pnpm lock', 'refresh-pnpm-lock.sh', 'pnpm-release.sh'],
  ['bun lock', 'bun-lock-update.ts', 'bun-release.ts'],
  ['bun lockb', 'bun.lockb', 'bun-publish.ts'],
  ['github release', 'create-github-release.mjs', 'release-to-github-and-npm.sh'],
  ['github releases', 'sync-github-releases.mjs', 'releases-github.mjs'],
  ['gh release', 'gh-release.sh', 'release-gh-pages-and-npm.sh'],
  ['gh releases', 'update-gh-releases.sh', 'releases.sh'],
  ['gitlab release', 'gitlab-release.sh', 'release-to-gitlab-and-npm.sh'],
  ['gitlab releases', 'list-gitlab-releases.sh', 'gitlab-publish.sh'],
  ['gitea release', 'gitea-release.sh', 'release-gitea.sh'],
  ['release github', 'release-github.sh', 'github-actions-release.sh'],
  ['release gitlab', 'releaseGitlab.ts', 'gitlab-ci-release.ts'],
  ['release pr', 'create-release-pr.sh', 'release-prerelease.sh'],
  ['release prs', 'close-release-prs.sh', 'prs-release.sh'],
  ['release pull request', 'open-release-pull-request.mjs', 'pull-and-release.mjs'],
];

describe('NOT_AN_NPM_PUBLISH', () => {
  it.each(ROWS)('%s: %s is other work, %s is not', (phrase, word, control) => {
    expect(notNpmPublishPhrase(parts(word))?.words.join(' ')).toBe(phrase);
    expect(notNpmPublishPhrase(parts(control))).toBeUndefined();
  });

  it('has a row for every phrase', () => {
    expect(ROWS.map((r) => r[0]).sort()).toEqual(NOT_AN_NPM_PUBLISH.map((p) => p.words.join(' ')).sort());
  });

  it('lets npm keep a possible publish beside a code host release only', () => {
    const keeps = NOT_AN_NPM_PUBLISH.filter((p) => p.npmKeeps).flatMap((p) => p.words.filter((w) => !w.startsWith('release')));
    expect(new Set(keeps)).toEqual(new Set(['github', 'gh', 'gitlab', 'gitea']));
  });
});
