import type { Publisher, PublisherAction } from '../../src/config/types.js';
import { defineRule, type RuleContext } from '../../src/engine/define-rule.js';
import { hasCirclePublisher } from '../../src/model/circleci/index.js';
import { normalizeCiPath } from '../../src/model/gitlab/ci-file.js';
import { commandAction } from '../../src/model/npm/publish-action.js';
import type { PublishSite } from '../../src/model/publish.js';

const WHY =
  'Since May 2026 npm checks the allowed actions of the trusted publisher during the OIDC exchange: an action it does not allow is refused with 403 "OIDC permission denied for this action", and nothing is published';

const NAMES: Record<PublisherAction, string> = { publish: '"publish"', 'stage-publish': '"stage publish"' };

function allowedWords(actions: readonly PublisherAction[]): string {
  return actions.length === 0 ? 'no action' : actions.map((a) => NAMES[a]).join(' and ');
}

// securitySeverity 2.0: a refused publish is an availability problem; the risk is that people
// "fix" it by going back to a long-lived token.
const rule = defineRule({
  id: 'allowed-actions-match',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'The publish commands match the actions (publish, stage publish) the trusted publisher allows',
    securitySeverity: 2.0,
    messages: {
      publishNotAllowed: {
        text: 'Job "{job}" {runs} `{command}` (a direct publish), but the trusted publisher for "{workflow}" allows only {allowed}; expected `npm stage publish`',
        why: WHY,
        fix: 'Use `npm stage publish` in `{path}`, or allow "publish" for the trusted publisher on npmjs.com and add `publish` to `allowedActions` in {config}',
      },
      stageNotAllowed: {
        text: 'Job "{job}" {runs} `{command}` (a stage publish), but the trusted publisher for "{workflow}" is declared to allow only {allowed}; expected `npm publish`',
        why: `${WHY}. A warning, not an error: since September 2026 npm documents \`npm stage publish\` as always allowed, direct publishing as the option (npm/documentation#2034), so only a publisher registered before that with "publish" alone refuses it, and tp-doctor cannot tell when this one was registered`,
        fix: 'Check the allowed actions of the trusted publisher on npmjs.com: where "stage publish" is allowed, add `stage-publish` to `allowedActions` in {config}; where it is not, allow it there or use `npm publish` in `{path}`',
        severity: 'warning',
      },
    },
  },
  hooks: {
    githubJob(job, ctx) {
      if (!ctx.facts.isPublishingJob(job)) return;
      const entries = new Set(ctx.project.callGraph.entryChains(job.workflow).map((c) => c.entry.fileName));
      const publishers = ctx.githubPublishers.filter((p) => !p.inferred && p.workflow !== undefined && entries.has(p.workflow));
      for (const site of ctx.facts.trustedSites(job)) check(ctx, site, publishers, job.id, `jobs.${job.id}.steps[${site.step.index}]`);
    },
    gitlabJob(job, pipeline, ctx) {
      if (!ctx.facts.isPublishingJob(job)) return;
      const publishers = ctx.gitlabPublishers.filter((p) => !p.inferred && normalizeCiPath(p.ciFile) === normalizeCiPath(pipeline.ciFile));
      for (const site of ctx.facts.trustedSites(job)) check(ctx, site, publishers, job.name, `${job.name}.script`);
    },
    circleciJob(job, config, ctx) {
      if (!ctx.facts.isPublishingJob(job)) return;
      // A configuration a setup configuration continues with runs under the setup file's publisher.
      const publishers = ctx.circleciPublishers.filter((p) => !p.inferred && hasCirclePublisher(config, [p]));
      for (const site of ctx.facts.trustedSites(job)) {
        const via = site.step.via.at(-1);
        check(ctx, site, publishers, job.name, via ? `commands.${via.command}.steps` : `jobs.${job.name}.steps`);
      }
    },
  },
});

export default rule;

type Ctx = RuleContext<typeof rule.meta.messages>;

/** The file a publisher names: the workflow (GitHub), the CI file (GitLab), the configuration (CircleCI). */
function fileOf(p: Publisher): string {
  return p.provider === 'github' ? (p.workflow ?? '') : p.provider === 'gitlab' ? p.ciFile : p.configFile;
}

function check(ctx: Ctx, site: PublishSite, publishers: readonly Publisher[], job: string, path: string): void {
  // Without a declaration tp-doctor does not know what npmjs.com allows: say nothing.
  if (publishers.length === 0 || publishers.some((p) => p.allowedActions === undefined)) return;
  const { publish } = site;
  let action: PublisherAction | undefined;
  if (publish.match.recognizer === 'release-it') {
    // A guessed release-it run: say nothing.
    if (site.certainty !== 'certain') return;
    // release-it's `npm.stage` may come from its configuration file; unread (TOML, JavaScript, an
    // unknown directory) it could be either action: say nothing.
    if (site.directory === undefined) return;
    const stage = ctx.facts.releaseItStage(publish, site.directory);
    if ('unknown' in stage) return;
    action = stage.stage ? 'stage-publish' : 'publish';
  } else {
    // The command says which action it needs, whether or not tp-doctor is sure it runs (a `pnpm
    // stage publish` in a script a `node` step runs): a guess is reported with its certainty.
    // An unread command or script, MetaMask/action-npm-publish's `staged-publish` from an expression, or a
    // committed wrapper earlier on PATH (apollographql/apollo-client puts an `npm` that stages
    // every publish first) may be either action: say nothing (`commandAction`).
    action = commandAction(publish.match, site.certainty === 'certain');
    if (action === undefined) return;
  }
  // Several publishers (one per package) may share the file: one that allows it is enough.
  if (publishers.some((p) => p.allowedActions!.includes(action))) return;
  const publisher = publishers[0]!;
  const at = publisher.fieldLocations.allowedActions;
  const data = {
    job,
    runs: site.certainty === 'certain' ? 'runs' : 'may run',
    command: publish.match.label,
    workflow: fileOf(publisher),
    allowed: allowedWords(publisher.allowedActions!),
    path,
    config: ctx.config.file ?? 'the tp-doctor config',
  };
  const related = at ? [{ at, label: 'allowed actions declared here' }] : [];
  ctx.report({ messageId: action === 'publish' ? 'publishNotAllowed' : 'stageNotAllowed', data, at: publish.location, related, certainty: site.certainty });
}
