/**
 * Which npm runs a publish (DOMAIN.md section 2): the npm bundled with the job's Node, replaced by
 * the last `npm install -g npm@<spec>` (or corepack equivalent) that runs before it in the same job,
 * or the version pinned in `npx npm@<spec> publish`. Specs resolve against the dated table in
 * `../data/node-releases.ts` (`latest` = what npm's `latest` dist-tag was on the table date).
 *
 * `resolveNpmSpec`, `npmEngines`, `isFloatingSpec` and `npmAfter` know nothing about GitHub, so a
 * GitLab job's script lines (through `findNpmUpgrades`) can feed them the same way.
 */
import { scriptIndex } from './script-index.js';
import semver from 'semver';
import { inDir, repoPathOrAsWritten } from '../../fs/paths.js';
import { comparePositions, type Location } from '../../yaml/span.js';
import { NPM_LATEST, NPM_LINES, NPM_VERSIONS } from '../data/node-releases.js';
import type { Job, PublishCommand, Step } from '../github/types.js';
import { resolveStepNode, type BundledNpm, type NodeContext, type NodeResolution } from './node-version.js';
import { findNpmUpgrades, type NpmUpgrade } from './publish-commands.js';

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

/** An npm upgrade command in a job, with where it is written. */
export interface NpmUpgradeStep {
  upgrade: NpmUpgrade;
  step: Step;
  /** The command inside the `run:` block, or the `uses:` of the local composite action that runs it. */
  location: Location;
  /** The local composite action the command was found in, and where inside it. */
  viaAction?: string;
  inner?: Location;
  /** What the spec installs as of the table date; undefined when it cannot be read. */
  version?: string;
}

/**
 * The npm upgrades a step runs, in order (its own `run:`, or the `run:` steps of a local composite
 * action, only those that start before `before` when it points into that action).
 */
export function stepNpmUpgrades(ctx: NodeContext, step: Step, before?: Location): NpmUpgradeStep[] {
  const out: NpmUpgradeStep[] = [];
  const add = (upgrade: NpmUpgrade, location: Location, viaAction?: string, inner?: Location): void => {
    const entry: NpmUpgradeStep = { upgrade, step, location };
    const version = resolveNpmSpec(upgrade.spec);
    if (version !== undefined) entry.version = version;
    if (viaAction !== undefined) entry.viaAction = viaAction;
    if (inner !== undefined) entry.inner = inner;
    out.push(entry);
  };
  if (step.run) {
    const node = step.run.node;
    // From the script's index: a script with many publish commands is scanned once, not once per publish.
    for (const u of scriptIndex(step.run.text).npmUpgrades) add(u, { file: node.file, ...node.valueSpan(u.offset, u.end) });
    return out;
  }
  const uses = step.uses;
  if (!uses?.name.startsWith('./')) return out;
  const dir = repoPathOrAsWritten(uses.name);
  const doc = ctx.documents.find((d) => d.file === inDir(dir, 'action.yml') || d.file === inDir(dir, 'action.yaml'));
  const inputs = doc?.root?.get('inputs');
  const at: Location = { file: uses.node.file, ...uses.node.span };
  for (const inner of doc?.root?.at('runs', 'steps')?.items() ?? []) {
    if (before && before.file === doc?.file && comparePositions(inner.span.start, before.start) >= 0) break;
    const runNode = inner.get('run');
    const run = runNode?.text;
    if (run === undefined || !runNode) continue;
    const text = run.replace(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g, (whole, name: string) => {
      return step.with.get(name)?.text ?? inputs?.at(name, 'default')?.text ?? whole;
    });
    for (const u of findNpmUpgrades(text)) add(u, at, uses.name, { file: runNode.file, ...runNode.span });
  }
  return out;
}

/** The npm that runs one publish command, for one answer about the job's Node. */
export interface NpmAtPublish {
  node: NodeResolution;
  /** Bounds of the npm version (`min === max` when known exactly); undefined when unknown. */
  npm?: BundledNpm;
  /** `bundled` with Node, installed by an earlier `upgrade`, or `pinned` in `npx npm@<spec> publish`. */
  source: 'bundled' | 'upgrade' | 'pinned';
  /** The upgrade that decided it, when `source` is `upgrade`. */
  upgrade?: NpmUpgradeStep;
  /** The deciding upgrade fails on this Node with EBADENGINE, so the publish never runs. */
  upgradeFails?: boolean;
  /** Why the npm is unknown. */
  unknown?: string;
}

/**
 * The npm after a sequence of upgrades, starting from the Node's bundled npm. Pure: GitLab script
 * lines can use it with their own upgrade list.
 */
export function npmAfter(node: NodeResolution, upgrades: readonly NpmUpgradeStep[], pinned?: string): Omit<NpmAtPublish, 'node'> {
  if (pinned !== undefined) {
    const version = resolveNpmSpec(pinned);
    if (version === undefined) return { source: 'pinned', unknown: `the command pins npm "${pinned}", which tp-doctor cannot resolve` };
    return { source: 'pinned', npm: { min: version, max: version } };
  }
  const last = upgrades[upgrades.length - 1];
  if (last) {
    if (last.version === undefined) return { source: 'upgrade', upgrade: last, unknown: `"${last.upgrade.text}" installs an npm version tp-doctor cannot read` };
    const fails = !last.upgrade.viaCorepack && !last.upgrade.force && !npmInstallsOn(last.version, node.version);
    const result: Omit<NpmAtPublish, 'node'> = { source: 'upgrade', upgrade: last, npm: { min: last.version, max: last.version } };
    if (fails) result.upgradeFails = true;
    return result;
  }
  if (node.npm) return { source: 'bundled', npm: node.npm };
  if (node.version !== undefined) return { source: 'bundled', unknown: `Node ${node.version} is older than every release tp-doctor knows` };
  return { source: 'bundled', unknown: node.unknown ?? 'the job has no Node version' };
}

/** The npm upgrades that run before a command of `step`: earlier steps, and earlier lines of its own `run:`. */
export function upgradesBefore(ctx: NodeContext, job: Job, step: Step, publish: PublishCommand): NpmUpgradeStep[] {
  const out = job.steps.slice(0, step.index).flatMap((s) => stepNpmUpgrades(ctx, s));
  if (step.run && publish.viaAction === undefined && publish.match.via.length === 0) {
    out.push(...stepNpmUpgrades(ctx, step).filter((u) => u.upgrade.offset < publish.match.offset));
  } else if (publish.viaAction !== undefined) {
    out.push(...stepNpmUpgrades(ctx, step, publish.location));
  }
  return out;
}

/** The npm that runs a command of `step` (a publish, a `dist-tag`): one answer per distinct Node the job can have there. */
export function npmAtPublish(ctx: NodeContext, job: Job, step: Step, publish: PublishCommand): NpmAtPublish[] {
  const upgrades = upgradesBefore(ctx, job, step, publish);
  const viaNpx = publish.match.tool === 'npm' ? publish.match.pinnedVersion : undefined;
  const inside = publish.viaAction !== undefined ? publish.location : undefined;
  return resolveStepNode(ctx, job, step, inside).map((node) => ({ node, ...npmAfter(node, upgrades, viaNpx) }));
}
