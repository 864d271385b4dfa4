import semver from 'semver';
import type { NpmRepo } from './repo.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn-classic' | 'yarn-berry' | 'bun';

/** The repository's package manager: `packageManager` in package.json, else its lockfiles (decided once per run, in the facts). */
export function packageManagerOf(project: NpmRepo): { name: PackageManager; version?: string } {
  return project.facts.packageManager;
}

/** The package manager a `packageManager` field declares, else the one the lockfiles show (`exists` answers for a repository file). */
export function detectPackageManager(packageManagerField: string | undefined, exists: (file: string) => boolean): { name: PackageManager; version?: string } {
  const declared = /^(npm|pnpm|yarn|bun)@(\d[^+]*)/.exec(packageManagerField ?? '');
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

/** pnpm's major version when the repository pins pnpm (`packageManager: "pnpm@10.x"`); undefined otherwise. */
export function pinnedPnpmMajor(project: NpmRepo): number | undefined {
  const pm = packageManagerOf(project);
  return pm.name === 'pnpm' && pm.version !== undefined ? semver.coerce(pm.version)?.major : undefined;
}
