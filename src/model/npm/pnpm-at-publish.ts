/**
 * Which pnpm runs a publish, for the npm it hands the publish to (pnpm 10 and older shell out to
 * the npm on PATH; pnpm 11 publishes itself: docs/domain.md §5). Provider-neutral: the caller gives
 * the job's commands before the publish (`TextBefore`) and, on GitHub, the `pnpm/action-setup`
 * version. Sources, as `pnpmVersion` (./tool-versions.ts) orders them: a pin in the command
 * (`corepack pnpm@10 publish`), an install earlier in the job (`corepack prepare pnpm@10.18.0
 * --activate`, `corepack use`, `npm i -g pnpm@10`, `pnpm self-update 10.18.0`), `pnpm/action-setup`
 * `version:`, then package.json `packageManager` (or `devEngines.packageManager`).
 *
 * An install in the job and a `packageManager` on the other side of pnpm 11 (one runs npm, the
 * other publishes itself): which one runs is not certain.
 * Corepack's shim runs the project's `packageManager` whatever `corepack prepare --activate` made
 * the default [src: nodejs/corepack `Engine.findProjectSpec`], and pnpm 10 and later switch to the
 * `packageManager` release themselves (`manage-package-manager-versions`); only `corepack use`
 * rewrites the field. So the pnpm that runs npm (10 or older) is taken, and `other` says a
 * finding on it is a guess.
 */
import { pnpmMajorOfSpec } from './package-manager.js';
import type { MajorGuess } from './pre-post-scripts.js';
import type { PublishCommand } from './publish-site.js';
import type { NpmRepo } from './repo.js';
import { commandPin, installedBefore, packageManagerVersion, type TextBefore, type ToolVersion } from './tool-versions.js';

export interface PnpmAtPublish {
  /** pnpm's major: a number, `latest` (newer than any boundary), undefined when nothing says. */
  major: MajorGuess;
  /** Where that pnpm is chosen. */
  version?: ToolVersion;
  /**
   * Another pnpm, of another major, that may run instead: the job installs one and `packageManager`
   * names the other (see the file comment). A finding on `major` is then a guess.
   */
  other?: ToolVersion;
  /**
   * The `packageManager` pnpm, of the same side of pnpm 11 as the installed one but another release,
   * that may run instead (see the file comment): the npm question has one answer, a question about
   * the pnpm release (which options it passes on to npm) does not.
   */
  sameSide?: ToolVersion;
}

/** The `packageManager` pnpm a publish in `dir` reads: its directory's package.json, then the root's. */
function declaredPnpm(project: NpmRepo, dir: string): ToolVersion | undefined {
  return (dir === '' ? undefined : packageManagerVersion(project, 'pnpm', dir)) ?? packageManagerVersion(project, 'pnpm');
}

const runsNpm = (major: MajorGuess): boolean => typeof major === 'number' && major <= 10;

/** `corepack use pnpm@x` writes `packageManager` itself: what it installs is what runs. */
const rewritesPackageManager = (v: ToolVersion): boolean => /^"(?:sudo\s+)?corepack\s+use\s/.test(v.label);

/**
 * The pnpm a publish runs (see the file comment): `before` the job's commands before it, `setup`
 * the version a `pnpm/action-setup` step installs, `dir` the publish's directory.
 */
export function pnpmAtPublish(project: NpmRepo, publish: PublishCommand, before: readonly TextBefore[], setup?: ToolVersion, dir = ''): PnpmAtPublish {
  const pin = publish.match.tool === 'pnpm' ? commandPin(publish) : undefined;
  if (pin) return { major: pnpmMajorOfSpec(pin.spec), version: pin };
  const declared = declaredPnpm(project, dir);
  const installed = installedBefore(before, 'pnpm');
  if (installed) {
    const major = pnpmMajorOfSpec(installed.spec);
    const rival = declared === undefined || rewritesPackageManager(installed) ? undefined : pnpmMajorOfSpec(declared.spec);
    // Both hand the publish to npm, or neither does: the npm question has one answer.
    if (rival === undefined) return { major, version: installed };
    if (runsNpm(rival) === runsNpm(major)) return { major, version: installed, ...(declared!.spec !== installed.spec ? { sameSide: declared! } : {}) };
    // Either may run: the one that hands the publish to npm, as a guess.
    return runsNpm(rival) && !runsNpm(major) ? { major: rival, version: declared!, other: installed } : { major, version: installed, other: declared! };
  }
  const chosen = setup ?? declared;
  return chosen ? { major: pnpmMajorOfSpec(chosen.spec), version: chosen } : { major: undefined };
}
