/**
 * A tool release that can publish with trusted publishing but needs a newer Node than the job runs
 * (`ToolSupportRow.node`, the tool's `engines.node`): semantic-release 25 needs `^22.14.0 ||
 * >=24.10.0` (docs/domain.md §0, reported) and stops before publishing on an older Node. GitHub
 * Actions only: the Node at a publish is resolved as `npm-supports-oidc` resolves it; not for a
 * semantic-release an action runs, on its own Node. A warning, as the fact is a reported one.
 */
import semver from 'semver';
import { toolSupport } from '../../src/model/data/publish-tool-support.js';
import { npmAtPublish } from '../../src/model/github/npm-upgrades.js';
import { nodeLabel, originLabel, whereToSetNode } from '../../src/model/npm/node-version.js';
import type { GithubNodeContext } from '../../src/model/github/setup-node.js';
import * as tv from '../../src/model/npm/tool-versions.js';
import type { ToolVersion } from '../../src/model/npm/tool-versions.js';
import type { Finding, Target } from './tools.js';

/**
 * For a semantic-release publish (tools.ts `semanticRelease` asks): `nodeTooOld` when it runs semantic-release 25 or later (its version, or the latest
 * release) on a Node its `engines` refuse. `version`: the semantic-release that runs, undefined for
 * the latest release.
 */
export function enginesFindings(t: Target, ctx: GithubNodeContext, version: ToolVersion | undefined): Finding[] {
  const { site } = t;
  if (site.provider !== 'github') return [];
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
  for (const at of npmAtPublish(ctx, site.step.job, site.step, t.publish)) {
    const node = at.node.version;
    if (node === undefined || semver.satisfies(node, needs)) continue;
    const shown = version ? `"${version.spec}" (${version.label})` : '(the latest release)';
    const data = { command: t.command, version: shown, node: nodeLabel(at.node), from: originLabel(at.node), needs, how: whereToSetNode(at.node, '24') };
    const related = at.node.origins.slice(0, 2).map((o) => ({ at: o.at, label: `Node version: ${o.label}` }));
    return [{ messageId: 'nodeTooOld', data, related }];
  }
  return [];
}
