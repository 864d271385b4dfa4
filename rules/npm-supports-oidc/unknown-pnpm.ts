/**
 * A pnpm publish (`pnpm publish`, `changeset publish` in a pnpm repository, ...) whose pnpm major
 * tp-doctor cannot know (no `pnpm/action-setup` `version:` and no `packageManager`) on a Node it
 * cannot know either: pnpm 10 and older publish with the job's npm, which may be too old, pnpm 11
 * publishes itself, and neither is visible (SAP/ai-sdk-js: both set up by the remote composite
 * action `sap/cloud-sdk-js/.github/actions/setup`). The catalog's unknown-npm warning
 * (docs/domain.md §7: "unknown Node → warning"), naming the unread setup action when there is one.
 * A known Node is left alone: with pnpm 11 its npm does not matter, and which pnpm runs is unknown.
 */
import { NODE_ACTIONS } from '../../src/model/data/node-actions.js';
import { npmAtPublish } from '../../src/model/github/npm-upgrades.js';
import type { Job } from '../../src/model/github/types.js';
import { usesSteps, type ReadAction, type UsesStepView } from '../../src/model/github/uses-steps.js';
import type { YNode } from '../../src/yaml/parse.js';
import { npmCliPublish, type NpmCliPublish, type ToolRuns } from '../../src/model/npm/npm-cli.js';
import type { NpmAtPublish } from '../../src/model/npm/npm-version.js';
import type { PackageManager } from '../../src/model/npm/package-manager.js';
import type { GithubSite } from '../../src/model/publish.js';
import type { Project } from '../../src/model/project.js';

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
    if (name.startsWith('./') || name.startsWith('docker://') || NODE_ACTIONS.has(name) || name === 'pnpm/action-setup') return false;
    return name.split('/').slice(1).some((segment) => SETUP_SEGMENT.test(segment));
  });
}

/** The unknown npm of a pnpm publish whose pnpm major is unknown, on each Node answer tp-doctor cannot know (see the file comment). */
export function unknownPnpmNpm(
  project: Project,
  job: Job,
  site: GithubSite,
  pm: PackageManager,
  tools: ToolRuns,
  readAction: ReadAction,
): UnknownPnpmNpm[] {
  // What it would run with pnpm 10: nothing then means pnpm plays no part in the publish.
  const as10 = npmCliPublish(site.publish.match, pm, 10, tools);
  if (!as10 || as10.ownNpm || !as10.command.includes('pnpm 10 runs npm publish')) return [];
  const cli = { ...as10, command: as10.command.replace('pnpm 10 runs npm publish', 'pnpm 10 and older run npm publish') };
  const out: UnknownPnpmNpm[] = [];
  for (const at of npmAtPublish(project, job, site.step, site.publish)) {
    // A known Node, or an npm the job installs: nothing certain to add.
    if (at.node.version !== undefined || at.npm !== undefined || at.upgradeFails) continue;
    const pnpm = 'the pnpm version is unknown (no `pnpm/action-setup` `version:` and no `packageManager` in package.json), and pnpm 10 and older publish with the job\'s npm';
    // An unknown Node that already names an action (one named for setting up Node, or given a `node-version`) says where.
    const named = at.node.origins.some((o) => o.kind === 'action');
    const action = named ? undefined : unreadSetupAction(job, site.step.index, readAction);
    const node = action !== undefined ? `both are likely set up inside the action "${action.name}", which tp-doctor does not read` : `the Node is unknown too: ${at.unknown ?? at.node.unknown ?? 'the Node version is unknown'}`;
    out.push({ at, cli, reason: `${pnpm}; ${node}`, ...(action ? { action: action.usesNode } : {}) });
  }
  return out;
}
