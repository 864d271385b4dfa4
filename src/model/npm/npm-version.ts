/**
 * Which npm runs a publish (docs/domain.md §2): the npm bundled with the job's Node, replaced by
 * the last `npm install -g npm@<spec>` (or corepack equivalent) that runs before it in the same job,
 * or the version pinned in `npx npm@<spec> publish`. Specs resolve against the dated table in
 * `../data/node-releases.ts` (`latest` = what npm's `latest` dist-tag was on the table date).
 *
 * `resolveNpmSpec`, `npmEngines`, `isFloatingSpec` and `npmAfter` know nothing about GitHub, so a
 * GitLab job's script lines (through `findNpmUpgrades`) can feed them the same way. A GitHub step's
 * upgrades and the npm at a GitHub publish are in `../github/npm-upgrades.ts`.
 */
import { semver } from '../core/semver.js';
import type { Location } from '../../yaml/span.js';
import { NPM_FIRST_OIDC, NPM_LATEST, NPM_LINES, NPM_SELF_UPGRADE_CRASH, NPM_VERSIONS } from '../data/node-releases.js';
import type { BundledNpm, NodeResolution } from './node-version.js';
import type { NpmUpgrade } from './publish-commands.js';

/** What `npm@<spec>` installs as of the table date; undefined for unknown dist-tags and shell variables. */
export function resolveNpmSpec(spec: string): string | undefined {
  const s = spec.trim().replace(/^v(?=\d)/, '');
  if (s === '' || s === 'latest') return NPM_LATEST;
  if (/[$`{}]/.test(s)) return undefined;
  const exact = semver.valid(s);
  if (exact) return exact;
  const range = semver.validRange(s);
  return range ? (semver.maxSatisfying(NPM_VERSIONS, range) ?? undefined) : undefined;
}

/**
 * The bounds of an `npm@<spec>` the release table cannot resolve (it lists no release before 6.14.18)
 * but whose every version is older than the first npm with trusted publishing, so every rule's
 * answer is the same whichever release it installs: `4`, `4.x`, `^3.10.0`, `<6`. Undefined for a
 * spec that could be new enough (`>=4`, `latest`, a dist-tag, `13`) or that the table resolves.
 */
export function olderSpecBounds(spec: string): BundledNpm | undefined {
  const s = spec.trim().replace(/^v(?=\d)/, '');
  if (s === '' || /[$`{}]/.test(s) || resolveNpmSpec(s) !== undefined) return undefined;
  const range = semver.validRange(s);
  if (range === null || !semver.gtr(NPM_FIRST_OIDC, range)) return undefined;
  const min = semver.minVersion(range);
  // Every alternative of a range wholly below a version has an upper comparator (`<5.0.0-0`, `<=3.2.1`, `=3.2.1`).
  const uppers = new semver.Range(range).set.map((set) => set.filter((c) => c.operator !== '>' && c.operator !== '>=').map((c) => c.semver));
  if (min === null || uppers.some((u) => u.length === 0)) return undefined;
  const max = uppers.map((u) => u.reduce((a, b) => (semver.lt(a, b) ? a : b))).reduce((a, b) => (semver.gt(a, b) ? a : b));
  return { min: min.version, max: max.version, spec: s };
}

/** `engines.node` of the npm release line of `version`, when the table knows it. */
export function npmEngines(version: string): string | undefined {
  const v = semver.valid(version);
  return v ? NPM_LINES.find((l) => l.major === semver.major(v))?.engines : undefined;
}

/** True when a spec can jump to a later npm major without any change in the repository (`latest`, `*`, `>=11`). */
export function isFloatingSpec(spec: string): boolean {
  const s = spec.trim();
  if (s === '' || s === 'latest') return true;
  const today = resolveNpmSpec(s);
  const range = semver.validRange(s);
  return today !== undefined && range !== null && semver.satisfies(`${semver.major(today) + 1}.0.0`, range);
}

/** True when `npm install -g npm@<version>` passes npm's strict engine check on that Node (unknown → true). */
export function npmInstallsOn(npmVersion: string, nodeVersion: string | undefined): boolean {
  const engines = npmEngines(npmVersion);
  return nodeVersion === undefined || engines === undefined || semver.satisfies(nodeVersion, engines);
}

/**
 * Whether `npm install -g npm@…` run by `installer` (the npm before it) stops with MODULE_NOT_FOUND
 * "promise-retry" when it installs `target` (`NPM_SELF_UPGRADE_CRASH`, docs/domain.md A.46):
 * `certain` when every npm the installer may be crashes, `possible` when some may, undefined when
 * none does or either side is unknown (an npm wholly below the table, `spec`, is older than 10.9.5).
 */
export function selfUpgradeCrash(installer: BundledNpm | undefined, target: string | undefined): 'certain' | 'possible' | undefined {
  if (installer === undefined || installer.spec !== undefined || target === undefined || semver.valid(target) === null) return undefined;
  const { installers, targets } = NPM_SELF_UPGRADE_CRASH;
  if (!semver.satisfies(target, targets)) return undefined;
  if (semver.satisfies(installer.min, installers) && semver.satisfies(installer.max, installers)) return 'certain';
  return semver.intersects(`>=${installer.min} <=${installer.max}`, installers) ? 'possible' : undefined;
}

/**
 * The first npm that installs a package named without a version or tag, or by a range, as the
 * newest version in it whose `engines` accept the running Node, `latest` only when that one does
 * (npm-pick-manifest's `engineOk` preference; npm's `npm install` docs since 11.7.0, npm/cli#8798:
 * "This behavior was introduced in npm 10.8.2"). An explicit tag (`npm@latest`) or version is
 * taken as it is, engines or not.
 */
export const NPM_ENGINE_AWARE_PICK = '10.8.2';

/**
 * What `npm install -g npm@<spec>` installs on Node `nodeVersion` when `installer` (the npm that
 * runs the command) picks by engines (`NPM_ENGINE_AWARE_PICK`): for a bare name or a range, the
 * newest release of the table in it that installs on that Node (`npm install -g npm` on Node 20
 * installs npm 11, not npm 12); undefined when that does not apply (a tag, an exact version, an
 * older or unknown installer or Node) or no release in the range fits: the table's answer stands.
 */
export function engineAwarePick(spec: string, installer: string | undefined, nodeVersion: string | undefined): string | undefined {
  if (installer === undefined || nodeVersion === undefined) return undefined;
  // Each publish asks again for every upgrade before it: the same few specs, installers and Nodes,
  // answered from the map before any version is parsed (1,000 upgrade/publish pairs in one GitLab
  // job asked half a million times, and parsing the versions each time took 11 s).
  const key = `${spec}\0${installer}\0${nodeVersion}`;
  if (PICKS.has(key)) return PICKS.get(key);
  const picked = pickByEngines(spec, installer, nodeVersion);
  if (PICKS.size < 4096) PICKS.set(key, picked);
  return picked;
}

/** `engineAwarePick` without the memo. */
function pickByEngines(spec: string, installer: string, nodeVersion: string): string | undefined {
  const s = spec.trim().replace(/^v(?=\d)/, '');
  if (semver.valid(installer) === null || semver.lt(installer, NPM_ENGINE_AWARE_PICK)) return undefined;
  if (s === 'latest' || /[$`{}]/.test(s) || semver.valid(s) !== null) return undefined;
  const range = semver.validRange(s === '' ? '*' : s);
  return range === null ? undefined : (semver.maxSatisfying(installableOn(nodeVersion), range) ?? undefined);
}

/** `engineAwarePick` answers by spec, installer and Node. */
const PICKS = new Map<string, string | undefined>();

/** The npm releases of the table whose engines accept a Node, computed once per Node version. */
const INSTALLABLE = new Map<string, string[]>();
function installableOn(nodeVersion: string): string[] {
  let found = INSTALLABLE.get(nodeVersion);
  if (found === undefined) {
    found = NPM_VERSIONS.filter((v) => npmInstallsOn(v, nodeVersion));
    // A handful of Node versions per run; the bound keeps a hostile matrix from growing it.
    if (INSTALLABLE.size < 256) INSTALLABLE.set(nodeVersion, found);
  }
  return found;
}

/** An npm upgrade command in a job, with where it is written (each provider adds where: GitHub's `NpmUpgradeStep` its step). */
export interface NpmUpgradeAt {
  upgrade: NpmUpgrade;
  /** Where the command is written (for GitHub: inside the `run:` block, or the `uses:` of the local composite action that runs it). */
  location: Location;
  /** The local composite action the command was found in, and where inside it. */
  viaAction?: string;
  inner?: Location;
  /** The committed shell script the command is in (`script-upgrades.ts`); `location` is in that file. */
  viaScript?: string;
  /** With `viaScript`: the index of that script in the publish's `PublishMatch.via`. */
  viaIndex?: number;
  /** What the spec installs as of the table date; undefined when it cannot be read. */
  version?: string;
  /**
   * Not a command: the npm a toolchain manager runs in place of the bundled one (`NodeToolchain.npm`,
   * Volta's `volta.npm`), in words that say where to change it (`` `volta.npm` in package.json ``).
   */
  toolchainPin?: string;
  /**
   * The job goes on when the command fails and nothing installs npm in its place (`|| true`,
   * `|| :`, `|| echo …` after it, or `continue-on-error: true` on its step): an upgrade that
   * certainly fails on the Node then leaves the npm that was there before it.
   */
  tolerated?: true;
  /**
   * The job goes on when the command fails, whatever then runs (`tolerated`, or `|| npm i -g npm@11`):
   * a failure of the command does not certainly stop the job (`./upgrade-failure.ts`).
   */
  handled?: true;
  /**
   * The command may not run before every publish it precedes: its step runs only under this
   * condition, as written, which the publishing step does not share and tp-doctor cannot decide
   * (GitHub: `../github/upgrade-conditions.ts`).
   */
  runsWhen?: string;
  /** Its step's `continue-on-error` is this expression: when the command fails, the job may go on without it. */
  mayContinue?: string;
}

/** The npm that runs one publish command, for one answer about the job's Node. */
export interface NpmAtPublish<U extends NpmUpgradeAt = NpmUpgradeAt> {
  node: NodeResolution;
  /** Bounds of the npm version (`min === max` when known exactly); undefined when unknown. */
  npm?: BundledNpm;
  /** `bundled` with Node, installed by an earlier `upgrade`, or `pinned` in `npx npm@<spec> publish`. */
  source: 'bundled' | 'upgrade' | 'pinned';
  /** The upgrade that decided it, when `source` is `upgrade`. */
  upgrade?: U;
  /** The deciding upgrade fails on this Node with EBADENGINE, so the publish never runs. */
  upgradeFails?: boolean;
  /** Why the npm is unknown. */
  unknown?: string;
  /**
   * The upgrade that decided may not take effect (`NpmUpgradeAt.runsWhen`, or `mayContinue` on one
   * that fails): the npm the publish runs with then, from what came before it (`skipped`).
   */
  otherwise?: Omit<NpmAtPublish<U>, 'node' | 'otherwise'> & { skipped: U };
}

/** The npm after one upgrade, run by `installer` (the npm before it) on `node`. */
function afterUpgrade<U extends NpmUpgradeAt>(node: NodeResolution, installer: BundledNpm | undefined, last: U): Omit<NpmAtPublish<U>, 'node'> {
  const result = upgradeResult(node, installer, last);
  return last.upgrade.guess === true ? guessedResult(installer, last, result) : result;
}

/**
 * An upgrade read from a committed script as a guess (`NpmUpgrade.guess`: its code may not run it,
 * or run it under a condition, or go on after it fails): it decides the npm only when the npm
 * before it and the one it installs agree on trusted publishing; otherwise which one publishes is
 * unknown (review of 2026-12-06: a guessed upgrade to npm 11 hid the bundled npm 10's certain error).
 */
function guessedResult<U extends NpmUpgradeAt>(installer: BundledNpm | undefined, last: U, result: Omit<NpmAtPublish<U>, 'node'>): Omit<NpmAtPublish<U>, 'node'> {
  if (result.unknown !== undefined || result.npm === undefined) return result;
  const oidc = (v: string): boolean => semver.gte(v, NPM_FIRST_OIDC);
  const same = installer !== undefined && [installer.min, installer.max, result.npm.min, result.npm.max].every((v) => oidc(v) === oidc(result.npm!.min));
  if (same && result.upgradeFails !== true) return result;
  const where = last.viaScript === undefined ? '' : ` in ${last.viaScript}`;
  return { source: 'upgrade', upgrade: last, unknown: `"${last.upgrade.text}"${where} may install npm ${result.npm.min}${result.npm.max !== result.npm.min ? ` to ${result.npm.max}` : ''}, or fail, or not run: tp-doctor does not follow the script's code to tell` };
}

function upgradeResult<U extends NpmUpgradeAt>(node: NodeResolution, installer: BundledNpm | undefined, last: U): Omit<NpmAtPublish<U>, 'node'> {
  if (last.upgrade.unknown !== undefined) return { source: 'upgrade', upgrade: last, unknown: last.upgrade.unknown };
  const picked = last.upgrade.viaCorepack || last.upgrade.viaVolta === true || last.upgrade.viaMise === true ? undefined : engineAwarePick(last.upgrade.spec, installer?.min, node.version);
  // The promise-retry crash every npm the installer may be hits (A.46): npm rolls back, the installer stays.
  const crashes = (target: string): boolean => last.upgrade.viaPath !== true && selfUpgradeCrash(installer, target) === 'certain';
  if (picked !== undefined) return { source: 'upgrade', upgrade: last, npm: { min: picked, max: picked }, ...(crashes(picked) ? { upgradeFails: true } : {}) };
  // An upgrade to a spec wholly below trusted publishing: no engines the table knows, so it installs.
  const older = last.version === undefined ? olderSpecBounds(last.upgrade.spec) : undefined;
  if (older !== undefined) return { source: 'upgrade', upgrade: last, npm: older };
  // `npm install -g npm` (nvm's `--latest-npm`, npmci's `node install`) on a Node tp-doctor cannot tell: that Node's reason.
  if (last.version === undefined && last.upgrade.spec === '' && node.unknown !== undefined) return { source: 'upgrade', upgrade: last, unknown: `${node.unknown}; "${last.upgrade.text}" then installs the newest npm that Node accepts` };
  if (last.version === undefined) return { source: 'upgrade', upgrade: last, unknown: `"${last.upgrade.text}" installs an npm version tp-doctor cannot read` };
  const fails = !last.upgrade.viaCorepack && last.upgrade.viaPath !== true && last.upgrade.viaVolta !== true && last.upgrade.viaMise !== true && ((!last.upgrade.force && !npmInstallsOn(last.version, node.version)) || crashes(last.version));
  if (fails && last.upgrade.guess === true) {
    const where = last.viaScript === undefined ? '' : ` in ${last.viaScript}`;
    return { source: 'upgrade', upgrade: last, unknown: `"${last.upgrade.text}"${where} installs npm ${last.version}, which refuses Node ${node.version} (EBADENGINE) if the script runs it; tp-doctor does not follow the script's code to tell` };
  }
  const result: Omit<NpmAtPublish<U>, 'node'> = { source: 'upgrade', upgrade: last, npm: { min: last.version, max: last.version } };
  if (fails) result.upgradeFails = true;
  return result;
}

/** The npm after the upgrades that take effect, and the index of the one that decided it. */
function afterUpgrades<U extends NpmUpgradeAt>(node: NodeResolution, upgrades: readonly U[]): { after?: Omit<NpmAtPublish<U>, 'node'>; deciding?: number } {
  let installer = node.npm;
  let after: Omit<NpmAtPublish<U>, 'node'> | undefined;
  let deciding: number | undefined;
  upgrades.forEach((upgrade, i) => {
    const next = afterUpgrade(node, installer, upgrade);
    // `npm i -g npm@latest || true` that fails on this Node: the job goes on with the npm it had.
    if (next.upgradeFails === true && upgrade.tolerated === true) return;
    after = next;
    deciding = i;
    installer = next.npm;
  });
  return { ...(after ? { after } : {}), ...(deciding !== undefined ? { deciding } : {}) };
}

/**
 * The npm that runs each of `upgrades` on a Node: `installerAt(node, i)` is the npm the upgrades
 * before the i-th left (the bundled one for the first), exactly as `npmAfter(node, upgrades.slice(0, i)).npm`,
 * but one pass per Node for a loop that asks in order (a GitLab job of 1,000 upgrade lines asked for
 * each prefix again: a quadratic walk).
 */
export function installersAlong<U extends NpmUpgradeAt>(upgrades: readonly U[]): (node: NodeResolution, i: number) => BundledNpm | undefined {
  const state = new Map<NodeResolution, { k: number; installer: BundledNpm | undefined }>();
  return (node, i) => {
    let at = state.get(node);
    if (at === undefined || at.k > i) at = { k: 0, installer: node.npm };
    for (; at.k < i; at.k++) {
      const upgrade = upgrades[at.k]!;
      const next = afterUpgrade(node, at.installer, upgrade);
      // As `afterUpgrades`: a tolerated failure leaves the npm the job had.
      if (!(next.upgradeFails === true && upgrade.tolerated === true)) at.installer = next.npm;
    }
    state.set(node, at);
    return at.installer;
  };
}

/**
 * The npm after a sequence of upgrades, starting from the Node's bundled npm. Pure: GitLab script
 * lines can use it with their own upgrade list.
 */
export function npmAfter<U extends NpmUpgradeAt>(
  node: NodeResolution,
  upgrades: readonly U[],
  pinned?: string,
  runs: { localBin?: string; localBinSpec?: string; pathShim?: { path: string; holds?: string; environment?: true } } = {},
): Omit<NpmAtPublish<U>, 'node'> {
  const { localBin, localBinSpec } = runs;
  // `mise x node -- npx npm@11 publish`: the pin still decides the npm, whichever Node runs it.
  const pathShim = (runs.pathShim?.holds === 'runtime' || runs.pathShim?.holds === 'image') && pinned !== undefined ? undefined : runs.pathShim;
  if (localBin !== undefined) {
    // `npm install --prefix ../oidc npm@11.6.2` before `../oidc/node_modules/.bin/npm publish` (./local-npm.ts).
    const version = localBinSpec === undefined ? undefined : resolveNpmSpec(localBinSpec);
    if (version !== undefined) return { source: 'pinned', npm: { min: version, max: version } };
    const older = localBinSpec === undefined ? undefined : olderSpecBounds(localBinSpec);
    if (older !== undefined) return { source: 'pinned', npm: older };
    const what = localBinSpec === undefined ? 'whose version tp-doctor does not read' : `as "npm@${localBinSpec}", which tp-doctor cannot resolve`;
    return { source: 'pinned', unknown: `the command runs \`${localBin}\`, an npm installed by the job ${what}` };
  }
  if (pathShim?.holds === 'runtime' && pathShim.environment === true) return { source: 'pinned', unknown: `the command runs in the environment \`${pathShim.path}\` sets up, with the Node and npm it provides, not the job's` };
  if (pathShim?.holds === 'runtime') return { source: 'pinned', unknown: `the command runs under \`${pathShim.path}\`, with that tool's Node and the npm it bundles, not the job's` };
  if (pathShim?.holds === 'image') return { source: 'pinned', unknown: `the command runs in a container of image "${pathShim.path}", with that image's Node and npm, not the job's` };
  if (pathShim !== undefined) return { source: 'pinned', unknown: `the command runs with \`PATH=${pathShim.path}\`, where another \`npm\` may come first` };
  if (pinned !== undefined) {
    const version = resolveNpmSpec(pinned);
    const older = version === undefined ? olderSpecBounds(pinned) : undefined;
    if (older !== undefined) return { source: 'pinned', npm: older };
    if (version === undefined) return { source: 'pinned', unknown: `the command pins npm "${pinned}", which tp-doctor cannot resolve` };
    return { source: 'pinned', npm: { min: version, max: version } };
  }
  // Each upgrade runs with the npm the one before it left (the bundled one for the first), which may
  // pick by engines: one pass in order, not a recursion per upgrade (500 upgrades before 500
  // publishes took minutes).
  const { after, deciding } = afterUpgrades(node, upgrades);
  if (after && deciding !== undefined) {
    const skipped = upgrades[deciding]!;
    // An upgrade that may not run (or whose failure the job may go on after): the npm without it too.
    if (skipped.runsWhen !== undefined || (skipped.mayContinue !== undefined && after.upgradeFails === true)) {
      // Once, not per conditional upgrade: the npm when this one alone does not run.
      const without = afterUpgrades(node, upgrades.filter((_, i) => i !== deciding)).after ?? bundledNpm(node);
      return { ...after, otherwise: { ...without, skipped } };
    }
  }
  return after ?? bundledNpm(node);
}

/** The npm the Node bundles, when no upgrade runs. */
function bundledNpm<U extends NpmUpgradeAt>(node: NodeResolution): Omit<NpmAtPublish<U>, 'node'> {
  if (node.npm) return { source: 'bundled', npm: node.npm };
  if (node.version !== undefined) return { source: 'bundled', unknown: `Node ${node.version} is older than every release tp-doctor knows` };
  return { source: 'bundled', unknown: node.unknown ?? 'the job has no Node version' };
}
