/**
 * GitLab side of the rule: a publishing job's `tags:` select its runner. Hosted GitLab.com runners
 * are selected by `saas-*` tags or by no tags at all (src/model/data/runners.ts); every other tag
 * selects a runner registered by a group, project or instance, which npm rejects. Only a warning:
 * which runners carry a tag is not in the CI file.
 */
import { classifyGitlabTag } from '../../src/model/data/runners.js';
import type { GitlabJob, Origin } from '../../src/model/gitlab/types.js';

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
