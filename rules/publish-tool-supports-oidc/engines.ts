/**
 * A tool release that can publish with trusted publishing but needs a newer Node than the job runs
 * (`ToolSupportRow.node`, the tool's `engines.node`, for every row that has one): semantic-release
 * 25 needs `^22.14.0 || >=24.10.0` (docs/domain.md §0, reported), pnpm 11 Node >= 22.13 (read in
 * its changelog); each stops before publishing on an older Node. The Node
 * at a publish is the one `npm-supports-oidc` reads, on each provider: GitHub's setup-node and job
 * container, a GitLab job's `image:`, a CircleCI job's image or node orb install (and a version
 * manager's switch before the publish on each). Not for a tool that runs on a Node of its own (a
 * semantic-release an action runs, pnpm/action-setup's `standalone` pnpm): the callers in tools.ts
 * leave those out.
 */
import { semver } from '../../src/model/core/semver.js';
import type { ToolSupportRow } from '../../src/model/data/publish-tool-support.js';
import { whereToSetCircleNode } from '../../src/model/circleci/index.js';
import { npmAtPublish } from '../../src/model/github/npm-upgrades.js';
import { whereToSetGitlabNode } from '../../src/model/gitlab/node.js';
import { nodeLabel, originLabel, whereToSetNode, type NodeResolution } from '../../src/model/npm/node-version.js';
import * as tv from '../../src/model/npm/tool-versions.js';
import type { ToolVersion } from '../../src/model/npm/tool-versions.js';
import type { Finding, Target } from './types.js';
import { short } from './upgrade-how.js';

/** A Node a publish may run on, and how a fix names the place to change it (`whereToSetNode` and its GitLab and CircleCI kin). */
interface NodeAt {
  node: NodeResolution;
  where: (major: string) => string;
}

/** The Nodes the publish runs on (several for a GitHub matrix), as `npm-supports-oidc` reads them. */
function nodesAtPublish(t: Target): NodeAt[] {
  const { site } = t;
  if (site.provider === 'github') return npmAtPublish(t.project, site.step.job, site.step, t.publish).map((at) => ({ node: at.node, where: (major) => whereToSetNode(at.node, major) }));
  if (site.provider === 'gitlab') {
    const { node } = t.facts.gitlab.npmAtPublish(site.job, t.publish);
    return [{ node, where: (major) => whereToSetGitlabNode(node, major) }];
  }
  const { node } = t.facts.circleci.npmAtPublish(site.job, t.publish, t.project);
  return [{ node, where: (major) => whereToSetCircleNode(node, major, site.job) }];
}

/**
 * `nodeTooOld` when the publish runs a release of the tool of `row` that needs a newer Node
 * (`row.node`, from `row.nodeSince` on) than the one at the publish. `version`: the tool that runs,
 * undefined for the latest release. An error only when both are certain: the tool's version is
 * certainly `nodeSince` or later, the Node is not a default a run may replace, and the requirement
 * was read in the tool's source; otherwise a warning (`unsure`).
 */
export function enginesFindings(t: Target, row: ToolSupportRow, version: ToolVersion | undefined): Finding[] {
  const needs = row.node;
  const since = row.nodeSince;
  if (needs === undefined || since === undefined) return [];
  // Only the releases that need that Node (a release below it has other engines, or another finding).
  if (version !== undefined && tv.versionVerdict(version, `>=${since}`) !== 'yes') return [];
  for (const { node, where } of nodesAtPublish(t)) {
    if (node.version === undefined || semver.satisfies(node.version, needs)) continue;
    const shown = version ? `"${version.spec}" (${version.label})` : '(the latest release)';
    const data = { command: t.command, tool: row.tool, version: shown, node: nodeLabel(node), from: originLabel(node), since: short(since), needs, how: where('24') };
    const related = node.origins.slice(0, 2).map((o) => ({ at: o.at, label: `Node version: ${o.label}` }));
    const sure = version !== undefined && row.nodeReported !== true && node.assumed === undefined;
    return [{ messageId: 'nodeTooOld', data, related, ...(sure ? {} : { unsure: true as const }) }];
  }
  return [];
}
