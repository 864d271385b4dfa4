/**
 * What `changeset publish` runs to publish each package, by @changesets/cli major and the
 * repository's package manager (docs/domain.md §5: "changesets: whatever package manager it runs").
 *
 * Read in the released @changesets/cli tarballs (`npm pack @changesets/cli@<v>`, `dist/*.mjs`),
 * January 2027:
 * - 2.x: `pnpm publish` in a pnpm repository, `npm publish` everywhere else (Yarn 1 and Yarn 2+
 *   repositories included).
 * - 3.0.0: the publish tool is chosen once per run from @manypkg/get-packages' tool type (npm, pnpm,
 *   yarn; any other type, bun, lerna, rush, a single package, falls back to package-manager-detector,
 *   and whatever that names other than pnpm or yarn publishes with npm). pnpm: `pnpm publish`. npm,
 *   Bun and the rest: `npm publish`. Yarn: it runs `yarn --version` in the root first; Yarn 2+ (or
 *   an answer it cannot read) publishes each package with `yarn npm publish --access <a> --tag <t>`
 *   (no `--provenance`), Yarn 1 stops the run with "Yarn Classic is not supported" before anything
 *   is published. With Yarn, a package with `publishConfig.directory` and `--from-pack-dir`
 *   tarballs fail (not modelled here).
 * - 3.0.1 and 3.0.2 change no publish code; 3.0.3 only reads pnpm's output by pnpm major (it asks
 *   `pnpm --version`). The choice of tool is the same in 3.0.0 to 3.0.3.
 */
import { packageManagerOf } from './package-manager.js';
import type { PublishCommand } from './publish-site.js';
import type { NpmRepo } from './repo.js';
import { commandPin, packageVersion, versionVerdict, yarnFlavor, type TextBefore, type ToolVersion, type YarnFlavor } from './tool-versions.js';

/** The @changesets/cli major from which `changeset publish` uses `yarn npm publish` in a Yarn 2+ repository. */
export const CHANGESETS_YARN_NPM_PUBLISH = '3.0.0';

/**
 * - `npm`: `npm publish` in each package (changesets 2 outside pnpm, changesets 3 in npm and Bun repositories);
 * - `pnpm`: `pnpm publish`;
 * - `yarn-berry`: `yarn npm publish` (changesets 3 in a Yarn 2+ repository);
 * - `yarn-classic`: nothing: changesets 3 stops on Yarn 1;
 * - `npm-or-yarn-berry`: a Yarn 2+ repository whose @changesets/cli major tp-doctor cannot tell:
 *   `npm publish` with 2.x, `yarn npm publish` with 3.x. Neither is certain.
 */
export type ChangesetsRuns = 'npm' | 'pnpm' | 'yarn-berry' | 'yarn-classic' | 'npm-or-yarn-berry';

export interface ChangesetsRun {
  runs: ChangesetsRuns;
  /** The @changesets/cli version found (pin, install in the job, lockfile, package.json range). */
  version?: ToolVersion;
  /** Yarn 1 or 2+, for a Yarn repository. */
  yarn?: YarnFlavor;
}

/**
 * What a `changeset publish` (recogniser `changeset-publish`) runs. `before`: the commands of the
 * job before it (an `npm i -g @changesets/cli@3`); `dir`: the directory it runs in.
 */
export function changesetsRun(project: NpmRepo, publish: PublishCommand, before: readonly TextBefore[], dir = ''): ChangesetsRun {
  const pm = packageManagerOf(project).name;
  if (pm === 'pnpm') return { runs: 'pnpm' };
  if (pm !== 'yarn-berry' && pm !== 'yarn-classic') return { runs: 'npm' };
  // `yarn changeset publish`, `npx changeset`: the repository's copy when there is one.
  const version = commandPin(publish) ?? packageVersion(project, '@changesets/cli', { dir, before, preferLocal: true });
  const verdict = version ? versionVerdict(version, `>=${CHANGESETS_YARN_NPM_PUBLISH}`) : 'unknown';
  const yarn = yarnFlavor(project, dir);
  const found = version ? { version } : {};
  if (verdict === 'no') return { runs: 'npm', ...found, yarn };
  if (verdict === 'yes') return { runs: yarn.flavor === 'berry' ? 'yarn-berry' : 'yarn-classic', ...found, yarn };
  // Not known: Yarn 1 keeps the changesets 2 reading (npm); Yarn 2+ may be either.
  return { runs: yarn.flavor === 'berry' ? 'npm-or-yarn-berry' : 'npm', ...found, yarn };
}

/** `changesetsRun` when the publish is a `changeset publish`; undefined for any other command. */
export function changesetsRunOf(project: NpmRepo, publish: PublishCommand, before: () => readonly TextBefore[], dir = ''): ChangesetsRun | undefined {
  return publish.match.recognizer === 'changeset-publish' ? changesetsRun(project, publish, before(), dir) : undefined;
}
