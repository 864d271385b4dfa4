import type { GithubPublisher, PublisherAction } from '../../src/config/types.js';
import { defineRule } from '../../src/engine/define-rule.js';

const WHY =
  'Since May 2026 npm checks the allowed actions of the trusted publisher during the OIDC exchange: an action it does not allow is refused with 403 "OIDC permission denied for this action", and nothing is published';

const NAMES: Record<PublisherAction, string> = { publish: '"publish"', 'stage-publish': '"stage publish"' };

/** `npm stage publish`, `pnpm stage publish` and release-it with `npm.stage` (DOMAIN 0) publish as a stage. */
function isStagePublish(match: { recognizer: string; args: readonly string[]; text: string }): boolean {
  return match.recognizer === 'npm-stage-publish' || match.recognizer === 'pnpm-stage-publish' || (match.recognizer === 'release-it' && /--npm\.stage\b/.test(match.text));
}

function allowedWords(actions: readonly PublisherAction[]): string {
  return actions.length === 0 ? 'no action' : actions.map((a) => NAMES[a]).join(' and ');
}

// securitySeverity 2.0: a refused publish is an availability problem; the risk is that people
// "fix" it by going back to a long-lived token.
export default defineRule({
  id: 'allowed-actions-match',
  meta: {
    severity: 'error',
    providers: ['github'],
    summary: 'The publish commands match the actions (publish, stage publish) the trusted publisher allows',
    securitySeverity: 2.0,
    messages: {
      publishNotAllowed: {
        text: 'Job "{job}" runs `{command}` (a direct publish), but the trusted publisher for "{workflow}" allows only {allowed}; expected `npm stage publish`',
        why: WHY,
        fix: 'Use `npm stage publish` in `{path}`, or allow "publish" for the trusted publisher on npmjs.com and add `publish` to `allowedActions` in {config}',
      },
      stageNotAllowed: {
        text: 'Job "{job}" runs `{command}` (a stage publish), but the trusted publisher for "{workflow}" allows only {allowed}; expected `npm publish`',
        why: WHY,
        fix: 'Use `npm publish` in `{path}`, or allow "stage publish" for the trusted publisher on npmjs.com and add `stage-publish` to `allowedActions` in {config}',
      },
    },
  },
  hooks: {
    githubJob(job, ctx) {
      if (!ctx.facts.isPublishingJob(job)) return;
      const entries = new Set(ctx.project.callGraph.entryChains(job.workflow).map((c) => c.entry.fileName));
      const publishers = ctx.githubPublishers.filter((p) => !p.inferred && p.workflow !== undefined && entries.has(p.workflow));
      // Without a declaration tp-doctor does not know what npmjs.com allows: say nothing.
      if (publishers.length === 0 || publishers.some((p) => p.allowedActions === undefined)) return;
      for (const site of ctx.facts.trustedSites(job)) {
        const { step, publish } = site;
        {
          // A guessed publish (an unresolved `npm run release`) could be either action.
          if (site.certainty !== 'certain') continue;
          const action: PublisherAction = isStagePublish(publish.match) ? 'stage-publish' : 'publish';
          // Several publishers (one per package) may share the workflow: one that allows it is enough.
          if (publishers.some((p) => p.allowedActions!.includes(action))) continue;
          const publisher = publishers[0] as GithubPublisher;
          const at = publisher.fieldLocations.allowedActions;
          const data = {
            job: job.id,
            command: publish.match.label,
            workflow: publisher.workflow ?? '',
            allowed: allowedWords(publisher.allowedActions!),
            path: `jobs.${job.id}.steps[${step.index}]`,
            config: ctx.config.file ?? 'the tp-doctor config',
          };
          const related = at ? [{ at, label: 'allowed actions declared here' }] : [];
          ctx.report({ messageId: action === 'publish' ? 'publishNotAllowed' : 'stageNotAllowed', data, at: publish.location, related });
        }
      }
    },
  },
});
