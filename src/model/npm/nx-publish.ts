/**
 * What Nx Release publishes each project with (`nx release`, `nx release publish`, an
 * `nx-release-publish` target, or any target running `@nx/js:release-publish`): the publish command
 * of the package manager Nx detects, as `../data/nx.ts` records it (nx.json `cli.packageManager`,
 * else the first lockfile of Bun, Yarn, pnpm; `bun publish`, `pnpm publish`, else `npm publish`),
 * for the Nx release of the repository (`@nx/js`, else `nx`: locked, else as package.json lists it).
 * What depends on the release is unknown when that version cannot be read, and so is everything
 * when a released project's `nx-release-publish` target (or nx.json's `targetDefaults` for it) runs
 * another executor, or the publish does not run at the workspace root.
 */
import { semver } from '../core/semver.js';
import type { Location } from '../../yaml/span.js';
import {
  NX_BUN_NPM_FALLBACK,
  NX_PACKAGE_MANAGER_LOCKFILES,
  NX_PUBLISH_COMMANDS,
  NX_PUBLISH_EXECUTORS,
  NX_RELEASE_PUBLISH_TARGET,
  NX_VERSION_PACKAGES,
  type NxPackageManager,
} from '../data/nx.js';
import { nxReleasePatterns, nxReleaseProjects } from './nx-release.js';
import type { NpmRepo } from './repo.js';
import { normalizeSpec, packageVersion, type ToolVersion, type Verdict } from './tool-versions.js';

export interface NxReleaseRun {
  /**
   * The command each project's publish runs: `bun-then-npm` is `bun publish`, run again as `npm
   * publish` when it fails to authenticate (so a trusted publish goes through npm); `unknown` when
   * tp-doctor cannot tell.
   */
  runs: 'npm' | 'pnpm' | 'bun' | 'bun-then-npm' | 'unknown';
  /** The package manager Nx detects. */
  pm?: NxPackageManager;
  /** Why, in words: "`cli.packageManager` in nx.json", "bun.lock", "no Bun, Yarn or pnpm lockfile". */
  because?: string;
  /** Where nx.json's `cli.packageManager` is written, when it decides. */
  at?: Location;
  /** The Nx release, when read. */
  nx?: ToolVersion;
}

const UNKNOWN: NxReleaseRun = { runs: 'unknown' };
const PACKAGE_MANAGERS: ReadonlySet<string> = new Set(['npm', 'yarn', 'pnpm', 'bun']);

/**
 * What an Nx Release publish runs. `known`: the publish is a target whose executor was read as
 * `@nx/js:release-publish` (`nx run app:nx-release-publish`), so no project's target is looked at.
 */
export function nxReleaseRun(project: NpmRepo, dir = '', known = false): NxReleaseRun {
  if (dir !== '' || !project.facts.exists('nx.json')) return UNKNOWN;
  if (!known && overridden(project)) return UNKNOWN;
  const nx = nxVersion(project);
  const chosen = packageManager(project, nx);
  if (!chosen) return nx ? { ...UNKNOWN, nx } : UNKNOWN;
  const base: NxReleaseRun = { runs: 'unknown', ...chosen, ...(nx ? { nx } : {}) };
  const { command, since } = NX_PUBLISH_COMMANDS[chosen.pm];
  if (command === 'npm') return { ...base, runs: 'npm' };
  const has = since === undefined ? 'yes' : nxVerdict(nx, `>=${since}`);
  // An Nx before the release that added the command publishes with npm.
  if (has !== 'yes') return { ...base, runs: has === 'no' ? 'npm' : 'unknown' };
  if (command === 'pnpm') return { ...base, runs: 'pnpm' };
  const fallback = nxVerdict(nx, NX_BUN_NPM_FALLBACK);
  return { ...base, runs: fallback === 'yes' ? 'bun-then-npm' : fallback === 'no' ? 'bun' : 'unknown' };
}

/**
 * How a message says what Nx runs: `Nx runs npm publish in a Yarn workspace: yarn.lock`, `Nx 19.6.0
 * runs npm publish`, `Nx 23.2.0 runs npm publish when bun publish fails to authenticate`.
 */
export function nxRunsText(run: NxReleaseRun): string {
  const nx = run.nx ? `Nx ${run.nx.spec}` : 'Nx';
  const why = run.because === undefined ? '' : `: ${run.because}`;
  if (run.runs === 'bun-then-npm') return `${nx} runs npm publish when bun publish fails to authenticate`;
  if (run.runs !== 'npm') return `Nx runs ${run.runs} publish${why}`;
  if (run.pm === 'yarn') return `Nx runs npm publish in a Yarn workspace${why}`;
  return run.pm === 'npm' ? `Nx runs npm publish${why}` : `${nx} runs npm publish`;
}

/** The package manager Nx detects, and why; undefined when nx.json names one tp-doctor does not know. */
function packageManager(project: NpmRepo, nx: ToolVersion | undefined): { pm: NxPackageManager; because: string; at?: Location } | undefined {
  const node = project.facts.yaml('nx.json')?.root?.get('cli')?.get('packageManager');
  if (node !== undefined) {
    const text = node.text ?? '';
    if (!PACKAGE_MANAGERS.has(text)) return undefined;
    return { pm: text as NxPackageManager, because: '`cli.packageManager` in nx.json', at: { file: node.file, ...node.span } };
  }
  for (const { file, pm, since } of NX_PACKAGE_MANAGER_LOCKFILES) {
    // A lockfile an older Nx does not look for (Bun's text lockfile before 20.5.0) is passed over.
    if (project.facts.exists(file) && (since === undefined || nxVerdict(nx, `>=${since}`) !== 'no')) return { pm, because: file };
  }
  return { pm: 'npm', because: 'no Bun, Yarn or pnpm lockfile' };
}

/** The Nx release: `@nx/js`'s version, else `nx`'s (locked, else as package.json lists it). */
function nxVersion(project: NpmRepo): ToolVersion | undefined {
  for (const name of NX_VERSION_PACKAGES) {
    const v = packageVersion(project, name, { preferLocal: true });
    if (v) return v;
  }
  return undefined;
}

/**
 * Whether the version is in `range`, prereleases included (`23.2.0-beta.9` is after 22.7.3);
 * `latest` is after every release in the tables.
 */
function nxVerdict(v: ToolVersion | undefined, range: string): Verdict {
  const spec = v && normalizeSpec(v.spec);
  if (spec === undefined) return 'unknown';
  if (spec === 'latest') return 'yes';
  const options = { includePrerelease: true };
  const exact = semver.valid(spec);
  if (exact) return semver.satisfies(exact, range, options) ? 'yes' : 'no';
  if (semver.subset(spec, range, options)) return 'yes';
  return semver.intersects(spec, range, options) ? 'unknown' : 'no';
}

/**
 * Whether a project Nx Release publishes runs another executor than `@nx/js:release-publish` as its
 * `nx-release-publish` target (nx.json `targetDefaults` for it, or the project's own target), or
 * the projects cannot be read.
 */
function overridden(project: NpmRepo): boolean {
  const other = (executor: string | undefined): boolean => executor !== undefined && !NX_PUBLISH_EXECUTORS.has(executor);
  const nxJson = project.facts.yaml('nx.json')?.root;
  if (other(nxJson?.get('targetDefaults')?.get(NX_RELEASE_PUBLISH_TARGET)?.get('executor')?.text)) return true;
  const projects = project.facts.nxProjects();
  if (projects === undefined) return true;
  const patterns = nxReleasePatterns(nxJson?.get('release'));
  const released = patterns === undefined ? projects : nxReleaseProjects(patterns, projects);
  return released.some((p) => other(p.config.targets[NX_RELEASE_PUBLISH_TARGET]?.executor));
}
