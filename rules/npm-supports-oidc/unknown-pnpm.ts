/**
 * The pnpm of a pnpm publish (`pnpm publish`, `changeset publish` in a pnpm repository, ...): pnpm
 * 10 and older publish with the job's npm, pnpm 11 publishes itself. Which pnpm runs is read by the
 * model (src/model/npm/pnpm-at-publish.ts: a pin, an install earlier in the job, `pnpm/action-setup`,
 * `packageManager`). When it stays unknown:
 * - on a Node tp-doctor cannot know either (SAP/ai-sdk-js: both set up by the remote composite
 *   action `sap/cloud-sdk-js/.github/actions/setup`): the catalog's unknown-npm warning
 *   (docs/domain.md §7: "unknown Node → warning"), naming the unread setup action when there is one;
 * - on a Node whose npm cannot use trusted publishing (a `node:22` image, npm 10.9): a warning that
 *   tp-doctor cannot tell which pnpm runs, and that pnpm 10 would publish with that npm
 *   (`unknownPnpm`). Never an error: with pnpm 11 that npm plays no part.
 */
import { isLocalAction } from '../../src/model/github/workflow.js';
import { semver } from '../../src/model/core/semver.js';
import { NODE_ACTIONS } from '../../src/model/data/node-actions.js';
import type { ProjectFacts } from '../../src/model/facts.js';
import { pnpmSetupBefore, pnpmSetupUnread } from '../../src/model/github/package-manager.js';
import { npmAtPublish } from '../../src/model/github/npm-upgrades.js';
import type { Job } from '../../src/model/github/types.js';
import { usesSteps, type ReadAction, type UsesStepView } from '../../src/model/github/uses-steps.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';
import { bundledText, nodeLabel } from '../../src/model/npm/node-version.js';
import { npmCliPublish, type NpmCliPublish, type ToolRuns } from '../../src/model/npm/npm-cli.js';
import type { NpmAtPublish } from '../../src/model/npm/npm-version.js';
import type { PackageManager } from '../../src/model/npm/package-manager.js';
import { pnpmAtPublish } from '../../src/model/npm/pnpm-at-publish.js';
import type { GithubSite, PublishSite } from '../../src/model/publish.js';
import type { Project } from '../../src/model/project.js';

const AS_10 = 'pnpm 10 runs npm publish';

/** The npm CLI a publish runs, with what its pnpm adds. */
export interface PublishCli {
  cli: NpmCliPublish | undefined;
  /** pnpm decides and its major is unknown: the publish as pnpm 10 and older would run it. */
  unknownPnpm?: NpmCliPublish;
  /** Where the pnpm comes from, when an install in the job decides it (or one may win over `packageManager`). */
  pnpmRelated: { at: Location; label: string }[];
}

/**
 * The npm CLI a publish runs (`npmCliPublish`), with the pnpm the job runs there when pnpm hands
 * the publish to npm. A job that installs a pnpm while `packageManager` names one on the other side
 * of pnpm 11 (`PnpmAtPublish.other`): the finding is a guess (`unsure`).
 */
export function publishCli(project: Project, facts: ProjectFacts, site: PublishSite, pm: PackageManager, tools: ToolRuns): PublishCli {
  const as10 = npmCliPublish(site.publish.match, pm, 10, tools);
  // Nothing of pnpm 10 in it: pnpm plays no part, and its major changes nothing.
  if (!as10 || as10.ownNpm || !as10.command.includes(AS_10)) return { cli: as10, pnpmRelated: [] };
  const setup = site.provider === 'github' ? pnpmSetupBefore(site.job, site.step.index, (dir) => facts.action(dir), project.callGraph) : undefined;
  const pnpm = pnpmAtPublish(project, site.publish, facts.textsBefore(site), setup, site.directory ?? '');
  if (pnpm.major === undefined) return { cli: undefined, unknownPnpm: { ...as10, command: as10.command.replace(AS_10, 'pnpm 10 and older run npm publish') }, pnpmRelated: [] };
  const cli = npmCliPublish(site.publish.match, pm, typeof pnpm.major === 'number' ? pnpm.major : undefined, tools);
  const shown = pnpm.other !== undefined ? [pnpm.version, pnpm.other] : pnpm.version?.source === 'install-step' ? [pnpm.version] : [];
  const pnpmRelated = shown.flatMap((v) => (v ? [{ at: v.at, label: `pnpm version: ${v.label}` }] : []));
  // A pnpm version a run may replace (a dispatch input's default, `ToolVersion.assumed`): a guess too.
  const guessed = pnpm.other !== undefined || (pnpm.version !== undefined && pnpm.version === setup && setup.assumed !== undefined);
  return { cli: cli && guessed ? { ...cli, unsure: true } : cli, pnpmRelated };
}

/** The data of `unknownPnpm` but the fix's: the pnpm 10 npm certainly too old for `required`; undefined otherwise. */
export function unknownPnpmData(
  project: Project,
  site: PublishSite,
  at: Pick<NpmAtPublish, 'node' | 'npm' | 'source' | 'upgrade' | 'upgradeFails'>,
  job: string,
  required: string,
): { command: string; job: string; npm: string; from: string; reason: string } | undefined {
  const npm = at.npm;
  if (at.upgradeFails === true || at.source === 'pinned' || !npm || semver.gte(npm.max, required)) return undefined;
  const from = at.source === 'bundled' ? `bundled with ${nodeLabel(at.node)}` : `installed by "${at.upgrade?.upgrade.text ?? ''}"`;
  const setup = site.provider === 'github' ? `, ${pnpmSetupUnread(site.job, site.step.index, (dir) => project.facts.action(dir))}` : '';
  const lock = project.facts.exists('pnpm-lock.yaml') ? "; pnpm-lock.yaml's `lockfileVersion` names a lockfile format several pnpm majors share, not the pnpm that runs" : '';
  const reason = `no \`packageManager\` or \`devEngines.packageManager\` in package.json${setup} and no pnpm installed earlier in the job (\`corepack prepare pnpm@<version> --activate\`, \`npm install -g pnpm@<version>\`)${lock}`;
  return { command: site.publish.match.label, job, npm: bundledText(npm), from, reason };
}

/** One unknown npm to report: the Node answer it rests on, the command as named, and the reason. */
export interface UnknownPnpmNpm {
  at: NpmAtPublish;
  cli: NpmCliPublish;
  reason: string;
  /** The `uses:` of the unread setup action the reason names. */
  action?: YNode;
}

/** A segment of a remote action's name that says it sets things up (`.../actions/setup`, `setup-env`, `ci-setup`). */
const SETUP_SEGMENT = /^setup$|^setup[-_]|[-_]setup$/;

/**
 * The last remote action before the step (inside local composite actions too) that tp-doctor does
 * not read and whose name says it sets things up: where pnpm and Node are likely installed.
 */
function unreadSetupAction(job: Job, index: number, readAction: ReadAction): UsesStepView | undefined {
  return usesSteps(job, index - 1, readAction).findLast(({ name }) => {
    if (isLocalAction(name) || name.startsWith('docker://') || NODE_ACTIONS.has(name) || name === 'pnpm/action-setup') return false;
    return name.split('/').slice(1).some((segment) => SETUP_SEGMENT.test(segment));
  });
}

/**
 * The unknown npm of a pnpm publish whose pnpm major is unknown (`cli`: `PublishCli.unknownPnpm`),
 * on each Node answer tp-doctor cannot know (see the file comment); a known npm is `unknownPnpmData`'s.
 */
export function unknownPnpmNpm(project: Project, job: Job, site: GithubSite, cli: NpmCliPublish, readAction: ReadAction): UnknownPnpmNpm[] {
  const out: UnknownPnpmNpm[] = [];
  for (const at of npmAtPublish(project, job, site.step, site.publish)) {
    // A known Node, or an npm the job installs: `unknownPnpmData` says whether it matters.
    if (at.node.version !== undefined || at.npm !== undefined || at.upgradeFails) continue;
    const setup = pnpmSetupUnread(job, site.step.index, readAction);
    const pnpm = `the pnpm version is unknown (${setup}${setup.startsWith('no ') ? '' : ','} and no \`packageManager\` in package.json), and pnpm 10 and older publish with the job's npm`;
    // An unknown Node that already names an action (one named for setting up Node, or given a `node-version`) says where.
    const named = at.node.origins.some((o) => o.kind === 'action');
    const action = named ? undefined : unreadSetupAction(job, site.step.index, readAction);
    const node = action !== undefined ? `both are likely set up inside the action "${action.name}", which tp-doctor does not read` : `the Node is unknown too: ${at.unknown ?? at.node.unknown ?? 'the Node version is unknown'}`;
    out.push({ at, cli, reason: `${pnpm}; ${node}`, ...(action ? { action: action.usesNode } : {}) });
  }
  return out;
}
