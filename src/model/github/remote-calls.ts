/**
 * Calls to reusable workflows of other repositories that may publish to npm: tp-doctor does not
 * read another repository, so such a call is named (the inferred publisher's note, src/config/infer.ts)
 * and its caller's `id-token` grant is checked (`require-id-token-write` `remoteCallee`, info),
 * never made a publish of its own (a possible publish there moved the inferred publisher and gave
 * advice a calling job cannot take: `environment:`, a setup step).
 */
import { namesNpmSecret } from '../npm/tokens.js';
import { PUBLISH_HINT } from '../npm/possible-publish.js';
import { localCallPath } from './call-graph.js';
import type { Job, Workflow } from './types.js';

export interface RemotePublishCall {
  job: Job;
  /** The `uses:` value as written. */
  target: string;
  /** The called workflow's path says publish or npm (`npmPublish.yml`, `release.yml`). */
  named: boolean;
  /** Its file name says npm or publish itself (`npmPublish.yml`, `npm-publish.yml`), not only release (`create-github-release.yml`, `release_tracking.yml`). */
  publishNamed: boolean;
  /** The job passes it a secret named for an npm token. */
  token: boolean;
}

/**
 * The jobs that call another repository's workflow whose path says publish or npm, or that pass it
 * an npm token (`self`: this repository's own GitHub `owner/name`, `Project.selfRepository`: a call into it is local).
 */
export function remotePublishCalls(workflows: readonly Workflow[], self: string | undefined): RemotePublishCall[] {
  const out: RemotePublishCall[] = [];
  for (const workflow of workflows) {
    for (const job of workflow.jobs) {
      const uses = job.uses;
      if (!uses?.remote || localCallPath(job, self) !== undefined) continue;
      const named = PUBLISH_HINT.test(uses.remote.path) || /npm/i.test(uses.remote.path);
      const publishNamed = /npm|publish/i.test(uses.remote.path.split('/').pop() ?? '');
      const token = uses.secretNames.some(namesNpmSecret);
      if (named || token) out.push({ job, target: uses.target, named, publishNamed, token });
    }
  }
  return out;
}
