/**
 * GitLab helpers of this rule: which declared publishers a pipeline answers to, and where the user
 * edits an effective value (the template or `default:` it came from, with the job as a related
 * location). Candidates to move into src/model/gitlab.
 */
import type { GitlabJob, Origin } from '../../src/model/gitlab/types.js';
import type { YNode } from '../../src/yaml/parse.js';
import { comparePositions } from '../../src/yaml/span.js';

/** `./ci/x.yml`, `/ci/x.yml` and `ci/x.yml` are the same CI file. */
export function sameCiFile(declared: string, ciFile: string): boolean {
  return declared.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '') === ciFile;
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
