/**
 * A tool release that can publish with trusted publishing but needs a newer Node than the job runs
 * (`ToolSupportRow.node`, the tool's `engines.node`): semantic-release 25 needs `^22.14.0 ||
 * >=24.10.0` (docs/domain.md §0, reported) and stops before publishing on an older Node. The Node
 * at a publish is the one `npm-supports-oidc` reads, on each provider: GitHub's setup-node and job
 * container, a GitLab job's `image:`, a CircleCI job's image or node orb install (and a version
 * manager's switch before the publish on each). Not for a semantic-release an action runs, on its
 * own Node. A warning, as the fact is a reported one.
 */
import semver from 'semver';
import { toolSupport } from '../../src/model/data/publish-tool-support.js';
import { whereToSetCircleNode } from '../../src/model/circleci/index.js';
import { npmAtPublish } from '../../src/model/github/npm-upgrades.js';
import { whereToSetGitlabNode } from '../../src/model/gitlab/node.js';
import { nodeLabel, originLabel, whereToSetNode, type NodeResolution } from '../../src/model/npm/node-version.js';
import * as tv from '../../src/model/npm/tool-versions.js';
import type { ToolVersion } from '../../src/model/npm/tool-versions.js';
import type { Finding, Target } from './tools.js';

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
 * For a semantic-release publish (tools.ts `semanticRelease` asks): `nodeTooOld` when it runs semantic-release 25 or later (its version, or the latest
 * release) on a Node its `engines` refuse. `version`: the semantic-release that runs, undefined for
 * the latest release.
 */
export function enginesFindings(t: Target, version: ToolVersion | undefined): Finding[] {
  // An action that runs semantic-release runs it on a Node of its own (cycjimmy's JavaScript action
  // on the runner's node20/node24 runtime, codfish's container, electron's composite action that
  // sets up Node 24), not on the job's setup-node: the job's Node says nothing about it.
  if (t.publish.match.action !== undefined) return [];
  const row = toolSupport('semantic-release');
  const needs = row.node;
  const first = row.support.kind === 'from' ? row.support.version : undefined;
  if (needs === undefined || first === undefined) return [];
  // Only a release that can publish with trusted publishing: older ones are `tooOld` already.
  if (version !== undefined && tv.versionVerdict(version, `>=${first}`) !== 'yes') return [];
  for (const { node, where } of nodesAtPublish(t)) {
    if (node.version === undefined || semver.satisfies(node.version, needs)) continue;
    const shown = version ? `"${version.spec}" (${version.label})` : '(the latest release)';
    const data = { command: t.command, version: shown, node: nodeLabel(node), from: originLabel(node), needs, how: where('24') };
    const related = node.origins.slice(0, 2).map((o) => ({ at: o.at, label: `Node version: ${o.label}` }));
    return [{ messageId: 'nodeTooOld', data, related }];
  }
  return [];
}
