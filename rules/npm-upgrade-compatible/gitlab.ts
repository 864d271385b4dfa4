/**
 * GitLab helpers of this rule: the job as a related location when the upgrade line is written
 * outside it (a template, `default: before_script`, a `!reference`), and where to change the Node.
 */
import type { GitlabJob } from '../../src/model/gitlab/types.js';
import { whereToSetNode, type NodeResolution } from '../../src/model/npm/node-version.js';
import type { YNode } from '../../src/yaml/parse.js';
import { comparePositions, type Location } from '../../src/yaml/span.js';

export function jobRelated(job: GitlabJob, at: Location): { at: YNode; label: string }[] {
  const inside = job.definitions.some((d) => d.file === at.file && comparePositions(d.span.start, at.start) <= 0 && comparePositions(at.end, d.span.end) <= 0);
  return inside ? [] : [{ at: job.node, label: `job "${job.name}"` }];
}

/** "use the image `node:24`", or "set variable NODE_VERSION to `24`" when a variable gave the version. */
export function gitlabSetNode(node: NodeResolution, major: string): string {
  const variable = node.origins.find((o) => o.kind === 'env');
  const name = variable ? /^variable (\S+)/.exec(variable.label)?.[1] : undefined;
  return name ? `set variable ${name} to \`${major}\`` : whereToSetNode(node, major);
}
