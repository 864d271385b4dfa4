import { semver } from '../core/semver.js';
import type { YNode } from '../../yaml/parse.js';
import type { NpmRepo } from './repo.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn-classic' | 'yarn-berry' | 'bun';

/** The repository's package manager: `packageManager` in package.json, else its lockfiles (decided once per run, in the facts). */
export function packageManagerOf(project: NpmRepo): { name: PackageManager; version?: string } {
  return project.facts.packageManager;
}

/**
 * The package manager a `packageManager` field declares, else the one `devEngines.packageManager`
 * names (`devEngines`, with its version as written: `10.x`), else the one the lockfiles show
 * (`exists` answers for a repository file).
 */
export function detectPackageManager(
  packageManagerField: string | undefined,
  exists: (file: string) => boolean,
  devEngines?: { name: string; spec: string },
): { name: PackageManager; version?: string } {
  const declared =
    packageManagerField !== undefined
      ? /^(npm|pnpm|yarn|bun)@(\d[^+]*)/.exec(packageManagerField)
      : devEngines && /^(?:npm|pnpm|yarn|bun)$/.test(devEngines.name)
        ? ['', devEngines.name, devEngines.spec]
        : null;
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

/**
 * pnpm's major version when the repository pins pnpm (`packageManager: "pnpm@10.33.0"`, or
 * `devEngines.packageManager` `{ "name": "pnpm", "version": "10.x" }`); undefined otherwise.
 */
export function pinnedPnpmMajor(project: NpmRepo): number | undefined {
  const pm = packageManagerOf(project);
  const major = pm.name === 'pnpm' && pm.version !== undefined ? pnpmMajorOfSpec(pm.version) : undefined;
  return typeof major === 'number' ? major : undefined;
}

/** Dist-tags of pnpm that name a major (`latest-10`, `next-10`). */
const MAJOR_TAG = /^(?:latest|next)-(\d+)$/;

/**
 * The pnpm major a version spec certainly names: `10.18.0`, `10`, `10.x`, `^10.2.0`, `latest-10`;
 * `latest` for the moving tags (the newest pnpm, past every boundary); undefined for a range that
 * spans majors (`>=9`) or a spec that names none.
 */
export function pnpmMajorOfSpec(spec: string): number | 'latest' | undefined {
  const s = spec.trim().replace(/^v(?=\d)/, '');
  const tag = MAJOR_TAG.exec(s);
  if (tag) return Number(tag[1]);
  if (/^(?:latest|\*|x|)$/i.test(s)) return 'latest';
  if (semver.valid(s)) return semver.major(s);
  const range = semver.validRange(s);
  const low = range === null ? null : semver.minVersion(range);
  if (range === null || low === null) return undefined;
  return semver.subset(range, `>=${low.major}.0.0 <${low.major + 1}.0.0-0`) ? low.major : undefined;
}

/** A package manager `devEngines.packageManager` names (npm's devEngines: an object, or a list of them). */
export interface DevEnginesPackageManager {
  name: string;
  spec: string;
  /** The `version` node. */
  node: YNode;
}

/**
 * The first `devEngines.packageManager` entry of a package.json's root that names a package manager
 * and a version (`{ "name": "pnpm", "version": "10.x" }`); undefined without one. An entry whose
 * `onFail` is `warn` or `ignore` lets another version run (the default, `error`, stops any other),
 * so it says nothing about the one that runs and is passed over.
 */
export function devEnginesPackageManager(root: YNode | undefined): DevEnginesPackageManager | undefined {
  const entries = root?.isMap === true ? (root.at('devEngines', 'packageManager')?.list() ?? []) : [];
  for (const entry of entries.slice(0, 20)) {
    const onFail = entry.isMap ? entry.get('onFail')?.text?.trim().toLowerCase() : undefined;
    if (onFail === 'warn' || onFail === 'ignore') continue;
    const name = entry.isMap ? entry.get('name')?.text?.trim().toLowerCase() : undefined;
    const node = entry.isMap ? entry.get('version') : undefined;
    const spec = node?.text?.trim();
    if (name && node && spec) return { name, spec, node };
  }
  return undefined;
}
