/** The package manager of a GitHub job: the pnpm a `pnpm/action-setup` step installs. */
import semver from 'semver';
import { pinnedPnpmMajor } from '../npm/package-manager.js';
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
