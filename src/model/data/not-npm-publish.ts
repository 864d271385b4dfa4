/**
 * Names of commands and scripts that say what the command does, and that it is not an npm publish:
 * a command tp-doctor cannot read whose own name holds one of these phrases is no possible publish
 * (`possiblePublish` in src/model/npm/possible-publish.ts), whatever the step's name or the job's
 * signs of npm say.
 *
 * Why a phrase, read in one word of the command, and not single words:
 * - "release", "update", "create", "sync" alone say nothing: `./scripts/release.sh`,
 *   `update-and-publish.mjs`, `npm-release.sh` may all publish to npm. What rules a publish out is
 *   what the command works on: a lockfile, a code host's release, a release pull request.
 * - One word (an argument, a file's or a script's name, split at `-`, `_`, `:`, `.` and between
 *   camelCase words) names one thing: `create-github-release.mjs` says it makes a GitHub release,
 *   while `release-to-github-and-npm.sh` (no `github release` in a row) still counts.
 * - Only the command's own words, and the scripts on its way (`npm run update-shrinkwrap` → `ts-node
 *   scripts/update-shrinkwrap.ts`), are read: the step's name describes the step, often the job's
 *   purpose ("Update npm-shrinkwrap.json for release packages", "Create GitHub release" running a
 *   `release.sh` that may also publish), not what this one command does.
 *
 * A command that also says "publish", or names a deploy to npm (`deploy-npm`), keeps counting
 * (`update-shrinkwrap-and-publish.sh`, `github-release-and-publish.sh`); so does one that names npm
 * beside a code host's release (`npm-and-github-release.sh` releases to both), but not beside a
 * lockfile, whose own name holds npm (`npm-shrinkwrap.json`, `update-npm-lockfile`).
 */

export interface NotNpmPublishPhrase {
  /** Words, lower case, that must follow each other in one word of the command. */
  words: readonly string[];
  /** What a command named so does instead of publishing to npm. */
  does: string;
  /** A word of the command that names npm keeps it a possible publish (it may release there too). */
  npmKeeps: boolean;
}

const phrase = (does: string, npmKeeps: boolean, ...words: string[]): NotNpmPublishPhrase => ({ words, does, npmKeeps });

/** The phrases, by what they say the command does. */
export const NOT_AN_NPM_PUBLISH: readonly NotNpmPublishPhrase[] = [
  // Lockfiles: regenerating or syncing one commits a file, publishes nothing (mongodb-js/mongosh's
  // weekly `npm run update-shrinkwrap`). `lockfile` and `shrinkwrap` alone name one; `lock` needs
  // the file's other words (`package-lock.json`, `yarn.lock`, `pnpm-lock.yaml`, `bun.lockb`,
  // `lock-file`), since a "lock" may be a release lock.
  phrase('regenerates a lockfile', false, 'shrinkwrap'),
  phrase('regenerates a lockfile', false, 'lockfile'),
  phrase('regenerates a lockfile', false, 'lockfiles'),
  phrase('regenerates a lockfile', false, 'lock', 'file'),
  phrase('regenerates a lockfile', false, 'lock', 'files'),
  phrase('regenerates a lockfile', false, 'package', 'lock'),
  phrase('regenerates a lockfile', false, 'yarn', 'lock'),
  phrase('regenerates a lockfile', false, 'pnpm', 'lock'),
  phrase('regenerates a lockfile', false, 'bun', 'lock'),
  phrase('regenerates a lockfile', false, 'bun', 'lockb'),
  // A code host's release: a tag, notes and assets on GitHub or GitLab, not a package on npm
  // (link-foundation/test-anywhere's `node scripts/create-github-release.mjs`; softprops'
  // `action-gh-release`; release-please's `github-release`).
  phrase("makes a code host's release", true, 'github', 'release'),
  phrase("makes a code host's release", true, 'github', 'releases'),
  phrase("makes a code host's release", true, 'gh', 'release'),
  phrase("makes a code host's release", true, 'gh', 'releases'),
  phrase("makes a code host's release", true, 'gitlab', 'release'),
  phrase("makes a code host's release", true, 'gitlab', 'releases'),
  phrase("makes a code host's release", true, 'gitea', 'release'),
  // The other order, a release to a code host (`release-github.sh`): npm named beside it keeps it
  // (`release-github-and-npm.sh`).
  phrase("makes a code host's release", true, 'release', 'github'),
  phrase("makes a code host's release", true, 'release', 'gitlab'),
  // A release pull request: the change that a later run publishes (release-please's `release-pr`,
  // `create-release-pr.sh`); `release:pr` is already no publish-named script (`PREPARING_SUFFIXES`).
  phrase('opens a release pull request', false, 'release', 'pr'),
  phrase('opens a release pull request', false, 'release', 'prs'),
  phrase('opens a release pull request', false, 'release', 'pull', 'request'),
];

/**
 * The phrase of `NOT_AN_NPM_PUBLISH` one word's words hold, in a row, or undefined. `words` are
 * the word's parts, lower case (`create-github-release.mjs` → create, github, release, mjs).
 */
export function notNpmPublishPhrase(words: readonly string[]): NotNpmPublishPhrase | undefined {
  return NOT_AN_NPM_PUBLISH.find((p) => words.some((_, i) => p.words.every((w, j) => words[i + j] === w)));
}
