/**
 * The promise-retry crash of npm-upgrade-compatible (docs/domain.md A.46): `npm install -g npm@…` run
 * by npm 10.9.5–10.9.7 (Node 22.22.2 bundles 10.9.7) that installs npm 11.12.0 or later stops with
 * MODULE_NOT_FOUND "promise-retry" after replacing npm's files, and npm rolls the install back.
 * An error only when both sides are certain: an exact Node (or an earlier pin) whose npm crashes, and
 * a spec that cannot move to another npm major; otherwise a warning.
 */
import { semver } from '../../src/model/core/semver.js';
import { NPM_FIRST_STAGE, NPM_SELF_UPGRADE_CRASH } from '../../src/model/data/node-releases.js';
import type { BundledNpm, NodeResolution } from '../../src/model/npm/node-version.js';
import { nodeLabel, originLabel } from '../../src/model/npm/node-version.js';
import { engineAwarePick, isFloatingSpec, npmInstallsOn, selfUpgradeCrash, type NpmUpgradeAt } from '../../src/model/npm/npm-version.js';

const WHY =
  'npm 10.9.5 to 10.9.7 load `promise-retry` only when they link the new npm\'s bins, after the install has replaced their own files, and npm 11.12.0 and later no longer ship `promise-retry`: the install stops with "Cannot find module \'promise-retry\'" (MODULE_NOT_FOUND), npm puts the old version back, and the job stops before it publishes (npm/cli#9151, fixed in npm 10.9.8)';

export const crashMessages = {
  selfUpgradeCrash: {
    text: '"{command}" is run by npm {installer} ({origin}), which crashes with MODULE_NOT_FOUND "promise-retry" when it replaces itself with npm {npm}',
    why: WHY,
    fix: '{remedy}',
  },
  selfUpgradeCrashMay: {
    text: '"{command}" may crash with MODULE_NOT_FOUND "promise-retry": {reason}',
    why: WHY,
    fix: '{remedy}',
    severity: 'warning',
  },
} as const;

export type CrashJudged =
  | { messageId: 'selfUpgradeCrash'; data: { command: string; installer: string; origin: string; npm: string; remedy: string }; node: NodeResolution }
  | { messageId: 'selfUpgradeCrashMay'; data: { command: string; reason: string; remedy: string }; node: NodeResolution };

function remedy(node: NodeResolution, stage: boolean, where: (node: NodeResolution, major: string) => string): string {
  const newer = `Node 24 or Node 22.22.3 and later, whose npm replaces itself without crashing (${where(node, '24')})`;
  if (stage) return `Use ${newer}: \`npm stage publish\` needs npm ${NPM_FIRST_STAGE}, which npm 10.9.5 to 10.9.7 cannot install`;
  return `Pin an npm that still ships \`promise-retry\` and has trusted publishing, \`npm install -g npm@${NPM_SELF_UPGRADE_CRASH.safePin}\`, or use ${newer}`;
}

/**
 * The crash for one upgrade, for each Node answer of its job with the npm that runs the upgrade
 * there (`installers[i]` for `nodes[i]`). `stage`: a publish needs `npm stage publish` (11.15.0+).
 */
export function judgeCrash(
  upgrade: Pick<NpmUpgradeAt, 'upgrade' | 'version'>,
  nodes: readonly NodeResolution[],
  installers: readonly (BundledNpm | undefined)[],
  stage: boolean,
  where: (node: NodeResolution, major: string) => string,
): CrashJudged[] {
  const u = upgrade.upgrade;
  // Not npm replacing its own files: corepack, Volta, mise, a directory of the job's own, another manager.
  if (u.viaCorepack || u.viaVolta === true || u.viaMise === true || u.viaPath === true || u.unknown !== undefined) return [];
  const seen = new Set<string>();
  return nodes.flatMap((node, i): CrashJudged[] => {
    const installer = installers[i];
    const target = engineAwarePick(u.spec, installer?.min, node.version) ?? upgrade.version;
    const crash = selfUpgradeCrash(installer, target);
    // An npm whose engines refuse the Node stops at EBADENGINE first (engineMismatch says so).
    if (crash === undefined || target === undefined || (!u.force && !npmInstallsOn(target, node.version)) || seen.has(node.version ?? '')) return [];
    seen.add(node.version ?? '');
    const npmText = installer!.min === installer!.max ? installer!.min : `${installer!.min} to ${installer!.max}`;
    const origin = node.npm === installer ? `bundled with ${nodeLabel(node)}, ${originLabel(node)}` : `installed earlier in the job on ${nodeLabel(node)}`;
    const exactNode = node.npm !== installer || semver.valid((node.spec ?? '').trim().replace(/^v(?=\d)/, '')) !== null;
    const data = { command: u.text, remedy: remedy(node, stage, where) };
    if (crash === 'certain' && exactNode && !isFloatingSpec(u.spec) && u.guess !== true) {
      return [{ messageId: 'selfUpgradeCrash', data: { ...data, installer: npmText, origin, npm: target }, node }];
    }
    const reason =
      crash === 'possible'
        ? `the job's ${nodeLabel(node)} (${originLabel(node)}) may bundle npm ${npmText}; npm 10.9.5 to 10.9.7 crash when they replace themselves with npm ${target}`
        : !exactNode
          ? `"${node.spec}" (${originLabel(node)}) resolves to ${nodeLabel(node)} today, whose npm ${npmText} crashes when it replaces itself with npm ${target}`
          : `npm ${npmText} (${origin}) crashes when it replaces itself with npm ${target}, which "${u.spec || 'latest'}" installs today`;
    return [{ messageId: 'selfUpgradeCrashMay', data: { ...data, reason }, node }];
  });
}

/**
 * The findings of one upgrade with its crash: where it crashes, the advice to pin the floating major
 * (`floatingLatest`, `floatingLatestAdvice`) would name an npm that crashes too, so the crash replaces it.
 */
export function withCrashes<T extends { messageId: string }>(judged: readonly T[], crashes: readonly CrashJudged[]): (T | CrashJudged)[] {
  return crashes.length === 0 ? [...judged] : [...judged.filter((f) => !f.messageId.startsWith('floatingLatest')), ...crashes];
}
