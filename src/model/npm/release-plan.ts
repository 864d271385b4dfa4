/**
 * What `release-plan publish` (Ember's release tool) runs to publish each planned package. Read in
 * embroider-build/release-plan's source, `src/publish.ts` (0.17.2, the same in the released 0.20.0
 * `dist/publish.js`): `packageManager()` is `pnpm` when `./pnpm-lock.yaml` exists in the directory
 * it runs in, else `npm` (since 0.4.0, embroider-build/release-plan#28), and `npmPublish` runs
 * `<that> publish [--otp] [--publish-branch] [--access] [--dry-run] [--provenance] --tag=<tag>` with
 * execa in each package's directory: the pnpm or npm on PATH, the job's. It has no OIDC exchange
 * of its own.
 */
import { inDir } from '../../fs/paths.js';
import type { PublishCommand } from './publish-site.js';
import type { NpmRepo } from './repo.js';

export interface ReleasePlanRun {
  runs: 'pnpm' | 'npm';
}

/** What a `release-plan publish` run in repository directory `dir` publishes with. */
export function releasePlanRun(project: NpmRepo, dir = ''): ReleasePlanRun {
  return { runs: project.facts.exists(inDir(dir, 'pnpm-lock.yaml')) ? 'pnpm' : 'npm' };
}

/** `releasePlanRun` when the publish is a `release-plan publish`; undefined for any other command. */
export function releasePlanRunOf(project: NpmRepo, publish: PublishCommand, dir = ''): ReleasePlanRun | undefined {
  return publish.match.recognizer === 'release-plan-publish' ? releasePlanRun(project, dir) : undefined;
}
