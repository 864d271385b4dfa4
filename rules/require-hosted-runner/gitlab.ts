/**
 * GitLab side of the rule: a publishing job's `tags:` select its runner. Hosted GitLab.com runners
 * are selected by `saas-*` tags or by no tags at all (src/model/data/runners.ts); every other tag
 * selects a runner registered by a group, project or instance, which npm rejects. Only a warning:
 * which runners carry a tag is not in the CI file.
 */
import { classifyGitlabTag } from '../../src/model/data/runners.js';
import type { GitlabJob, Origin } from '../../src/model/gitlab/types.js';
import type { YNode } from '../../src/yaml/parse.js';
import { comparePositions } from '../../src/yaml/span.js';

export interface TagFinding {
  kind: 'tag' | 'variable';
  /** The tag as GitLab sees it (variables expanded), or as written when it cannot be expanded. */
  tag: string;
  /** ` from "$VAR"` when a variable gave the value, else ''. */
  from: string;
  origin: Origin;
}

/** The first tag that keeps the job off hosted runners, else the first one tp-doctor cannot read. */
export function decideTags(job: GitlabJob, hosted: readonly string[]): TagFinding | undefined {
  let unreadable: TagFinding | undefined;
  for (const tag of job.tags) {
    if (tag.expanded === undefined) {
      unreadable ??= { kind: 'variable', tag: tag.value, from: '', origin: tag.origin };
      continue;
    }
    if (classifyGitlabTag(tag.expanded, hosted).kind !== 'unknown') continue;
    return { kind: 'tag', tag: tag.expanded, from: tag.expanded !== tag.value ? ` from "${tag.value}"` : '', origin: tag.origin };
  }
  return unreadable;
}

export function gitlabVerb(job: GitlabJob): 'publishes' | 'appears to publish' {
  return job.publishes.some((p) => p.match.confidence === 'certain') ? 'publishes' : 'appears to publish';
}

/** The job as a related location when the value is written outside it (template, `default:`, anchor). */
export function jobRelated(job: GitlabJob, origin: Origin): { at: YNode; label: string }[] {
  const node = origin.node;
  const inside = job.definitions.some(
    (d) => d.file === node.file && comparePositions(d.span.start, node.span.start) <= 0 && comparePositions(node.span.end, d.span.end) <= 0,
  );
  if (inside) return [];
  const how = { extends: 'inherits this through `extends`', default: 'inherits this from `default:`', reference: 'uses this through `!reference`', job: 'merges this YAML anchor' }[origin.via];
  return [{ at: job.node, label: `job "${job.name}", which ${how}` }];
}

/** The YAML path the user edits for `key`: the template or `default:` that wrote it, else the job. */
export function editPath(job: GitlabJob, origin: Origin, key: string): string {
  if (origin.via === 'extends' && origin.from) return `${origin.from}.${key}`;
  if (origin.via === 'default') return origin.from === 'default' ? `default.${key}` : key;
  return `${job.name}.${key}`;
}
