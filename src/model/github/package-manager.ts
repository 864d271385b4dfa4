/** The package manager of a GitHub job: the pnpm a `pnpm/action-setup` step installs. */
import semver from 'semver';
import { pinnedPnpmMajor } from '../npm/package-manager.js';
import { majorOfSpec, type MajorGuess } from '../npm/pre-post-scripts.js';
import type { NpmRepo } from '../npm/repo.js';
import type { Job } from './types.js';

/** The pnpm major a job runs: `pnpm/action-setup` `version:`, else package.json `packageManager`. */
export function pnpmMajor(project: NpmRepo, job: Job): number | undefined {
  for (const step of job.steps) {
    if (step.uses?.name.toLowerCase() !== 'pnpm/action-setup') continue;
    const version = semver.coerce(step.with.get('version')?.text ?? '');
    if (version) return version.major;
  }
  return pinnedPnpmMajor(project);
}

/**
 * The pnpm major a job's `pnpm/action-setup` installs (`version:`; `latest` for `latest`), the
 * last such step's; undefined without one (the action then reads `packageManager`).
 */
export function pnpmSetupMajor(job: Job): MajorGuess {
  let found: MajorGuess;
  for (const step of job.steps) {
    if (step.uses?.name.toLowerCase() !== 'pnpm/action-setup') continue;
    found = majorOfSpec(step.with.get('version')?.text) ?? found;
  }
  return found;
}
