import semver from 'semver';
import type { Job } from '../github/types.js';
import type { Project } from '../project.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn-classic' | 'yarn-berry' | 'bun';

/** The repository's package manager: `packageManager` in package.json, else its lockfiles. */
export function packageManagerOf(project: Project): { name: PackageManager; version?: string } {
  const declared = /^(npm|pnpm|yarn|bun)@(\d[^+]*)/.exec(project.packageJson?.packageManager ?? '');
  const exists = (f: string): boolean => project.facts.exists(f);
  if (declared?.[1] === 'pnpm') return { name: 'pnpm', version: declared[2]! };
  if (declared?.[1] === 'yarn') {
    const major = semver.major(semver.coerce(declared[2]) ?? '1.0.0');
    return { name: major >= 2 ? 'yarn-berry' : 'yarn-classic', version: declared[2]! };
  }
  if (declared?.[1] === 'bun') return { name: 'bun', version: declared[2]! };
  if (declared) return { name: 'npm', version: declared[2]! };
  if (exists('pnpm-lock.yaml') || exists('pnpm-workspace.yaml')) return { name: 'pnpm' };
  if (exists('yarn.lock')) return { name: exists('.yarnrc.yml') ? 'yarn-berry' : 'yarn-classic' };
  if (exists('bun.lockb') || exists('bun.lock')) return { name: 'bun' };
  return { name: 'npm' };
}

/** The pnpm major a job runs: `pnpm/action-setup` `version:`, else package.json `packageManager`. */
export function pnpmMajor(project: Project, job: Job): number | undefined {
  for (const step of job.steps) {
    if (step.uses?.name.toLowerCase() !== 'pnpm/action-setup') continue;
    const version = semver.coerce(step.with.get('version')?.text ?? '');
    if (version) return version.major;
  }
  const pm = packageManagerOf(project);
  const version = pm.name === 'pnpm' && pm.version !== undefined ? semver.coerce(pm.version) : null;
  return version ? version.major : undefined;
}
