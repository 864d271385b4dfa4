/**
 * The Yarn project a command runs in: which committed files, from the command's directory up to
 * the repository root, decide the Yarn that runs (docs/domain.md §5, "Tool versions come from ...").
 *
 * What Yarn itself does (yarnpkg/yarn 1.22 `src/rc.js`, `src/util/rc.js`, `src/cli/index.js`;
 * yarnpkg/berry `Configuration.findRcFiles`, `checkYarnPath`; nodejs/corepack `loadSpec`):
 *
 * - Yarn 1, preinstalled on GitHub's runners, reads every `.yarnrc` and `.yarnrc.yml` from the
 *   current directory up, the nearer file winning, and hands the whole command to the `yarnPath`
 *   (`yarn-path`) it finds there. Yarn 2+ reads its `.yarnrc.yml` files the same way and also runs
 *   the `yarnPath` release when it is not that release itself. So the nearest `yarnPath` decides,
 *   whoever started: the global Yarn 1, Corepack, or another Yarn 2+.
 * - Without one, Corepack runs the release `packageManager` names in the nearest `package.json` that
 *   has the field (a `package.json` without it is passed over); Yarn 1.22 stops with an error when
 *   that field names another Yarn than 1.x and Corepack is not enabled.
 * - Yarn 2+ takes as its project the nearest directory up with a `yarn.lock`.
 *
 * Only the repository is read: the walk stops at its root, and a directory it cannot name (an
 * expression, a path that leaves the repository) is read as the root.
 */
import { inDir, repoPath } from '../../fs/paths.js';
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { locationOf } from './lockfiles.js';
import type { NpmRepo } from './repo.js';
import type { PackageJson } from './package-json.js';
import type { ToolVersion } from './tool-versions.js';

/** `dir` and each directory above it up to the root (``), nearest first. */
export function directoriesUp(dir: string): string[] {
  const clean = dir.includes('$') ? undefined : repoPath(dir);
  if (!clean?.ok || clean.path === '') return [''];
  const parts = clean.path.split('/');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/')).concat('');
}

/** The nearest `.yarnrc.yml` with a `yarnPath`, from `dir` up: its node and file. */
function nearestYarnPathNode(project: NpmRepo, dir: string): { node: YNode; file: string } | undefined {
  for (const d of directoriesUp(dir)) {
    const node = project.facts.yarnrcAt(d)?.get('yarnPath');
    if (node?.text) return { node, file: inDir(d, '.yarnrc.yml') };
  }
  return undefined;
}

/**
 * The Yarn release the nearest `yarnPath` points at (`.yarn/releases/yarn-4.9.1.cjs`), from `dir`
 * up; undefined when there is none or its file name carries no version.
 */
export function yarnPathVersion(project: NpmRepo, dir = ''): ToolVersion | undefined {
  const found = nearestYarnPathNode(project, dir);
  const version = /yarn-(\d+\.\d+\.\d+(?:-[\w.]+)?)\.c?js$/.exec(found?.node.text ?? '')?.[1];
  if (!found || version === undefined) return undefined;
  return { spec: version, source: 'yarn-path', at: locationOf(found.node, true), label: `\`yarnPath\` in ${found.file}`, floating: false };
}

/** The `packageManager` Corepack reads for a command run in `dir`: the nearest `package.json` that has the field. */
export interface NearestPackageManager {
  /** The tool it names (`yarn`, `pnpm`, ...) and its version, without a `+sha...` suffix. */
  name: string;
  spec: string;
  file: string;
  at: Location;
}

export function nearestPackageManager(project: NpmRepo, dir: string): NearestPackageManager | undefined {
  return packageManagerUp((d) => (d === '' ? project.packageJson : project.facts.packageAt(d)), dir);
}

/** `nearestPackageManager` over any reader of package.json files (the GitHub Node context has no `NpmRepo`). */
export function packageManagerUp(packageAt: (dir: string) => PackageJson | undefined, dir: string): NearestPackageManager | undefined {
  for (const d of directoriesUp(dir)) {
    const node = packageAt(d)?.root.get('packageManager');
    if (!node?.text) continue; // Corepack passes over a package.json without the field
    const m = /^([^@]+)@(\d[^+\s]*)/.exec(node.text);
    return m ? { name: m[1]!, spec: m[2]!, file: inDir(d, 'package.json'), at: locationOf(node, true) } : undefined;
  }
  return undefined;
}

/** The nearest directory from `dir` up that holds `file` (a committed `.yarnrc.yml`, `yarn.lock`). */
export function nearestHolding(project: NpmRepo, dir: string, file: string): string | undefined {
  return directoriesUp(dir).find((d) => project.facts.exists(inDir(d, file)));
}
