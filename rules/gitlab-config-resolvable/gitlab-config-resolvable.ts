import { defineRule, type RuleContext } from '../../src/engine/define-rule.js';
import { describeReadFailure } from '../../src/model/core/problems.js';
import { hasGitlabPublisher, mayHoldConfiguration } from '../../src/model/gitlab/jobs.js';
import { generatedChildPipelines } from '../../src/model/gitlab/pipeline.js';
import type { GitlabProblem } from '../../src/model/gitlab/types.js';
import { MESSAGES } from './messages.js';

const REMOTE_WORDS = {
  remote: 'remote file',
  project: 'project file',
  template: 'GitLab template',
  component: 'CI/CD component',
} as const;

const rule = defineRule({
  id: 'gitlab-config-resolvable',
  meta: {
    severity: 'error',
    providers: ['gitlab'],
    summary: 'GitLab `extends:`, `!reference` and `include:` resolve, and what tp-doctor cannot read offline is named',
    // A broken configuration stops every pipeline (availability); unread includes only limit what
    // tp-doctor can vouch for. 2.0.
    securitySeverity: 2.0,
    messages: MESSAGES,
  },
  hooks: {
    gitlabPipeline(pipeline, ctx) {
      // A GitLab configuration in a repository that publishes from elsewhere is not our business.
      if (!hasGitlabPublisher(pipeline, ctx.gitlabPublishers)) return;
      const jobs = ctx.facts.publishingGitlabJobs(pipeline);
      // What tp-doctor cannot read matters when it may hold the publish: when no job of the
      // project's pipelines (child pipelines included) visibly publishes, or when a publishing job
      // inherits from something unreadable.
      const family = ctx.project.gitlab.filter((p) => p.ciFile === pipeline.ciFile).flatMap((p) => ctx.facts.publishingGitlabJobs(p));
      const mayHidePublish = family.length === 0 || family.some((j) => j.incomplete);
      const publishing = new Set(jobs.map((j) => j.name));
      for (const problem of pipeline.problems) {
        if (problem.kind === 'include-remote' && !mayHidePublish) continue;
        if (problem.kind === 'extends-missing' && problem.possiblyRemote && family.length > 0 && !publishing.has(problem.job) && !jobs.some((j) => j.extendsChain.includes(problem.job))) continue;
        reportProblem(ctx, problem);
      }
      // A child pipeline a job generates at run time may hold the publish: said when none is visible.
      for (const child of family.length === 0 ? generatedChildPipelines(pipeline) : []) {
        const source = `artifact "${child.artifact}"${child.from !== undefined ? ` of job "${child.from}"` : ''}`;
        ctx.report({ messageId: 'childGenerated', data: { job: child.job.name, source }, at: child.node, atValue: true });
      }
      // With every file readable, the errors above already say what is broken.
      for (const job of pipeline.hasUnreadableIncludes ? jobs : []) {
        if (!job.incomplete) continue;
        const missing = pipeline.problems.flatMap((p) => (p.kind === 'extends-missing' && (p.job === job.name || job.extendsChain.includes(p.job)) ? [`\`${p.target}\``] : []));
        const what = missing.length > 0 ? `template ${[...new Set(missing)].join(', ')}, which tp-doctor cannot read` : 'a template or `!reference` tp-doctor cannot read';
        ctx.report({ messageId: 'incomplete', data: { job: job.name, publishes: ctx.facts.verb(job), missing: what }, at: job.node });
      }
    },
  },
});

export default rule;

type Ctx = RuleContext<typeof rule.meta.messages>;

/** One finding per problem of the pipeline's model. */
function reportProblem(ctx: Ctx, p: GitlabProblem): void {
  const at = p.location;
  switch (p.kind) {
    case 'extends-cycle': {
      const target = p.chain.at(-1) ?? '';
      ctx.report({ messageId: 'extendsCycle', data: { job: p.job, target, chain: p.chain.join(' → ') }, at });
      return;
    }
    case 'extends-missing':
      ctx.report({ messageId: p.possiblyRemote ? 'extendsMissingRemote' : 'extendsMissing', data: { job: p.job, target: p.target }, at });
      return;
    case 'extends-depth':
      ctx.report({ messageId: 'extendsDepth', data: { job: p.job }, at });
      return;
    case 'reference-missing':
      ctx.report({ messageId: p.possiblyRemote ? 'referenceMissingRemote' : 'referenceMissing', data: { target: p.target.join(', ') }, at });
      return;
    case 'reference-cycle':
      ctx.report({
        messageId: 'referenceCycle',
        data: { target: p.target.join(', '), chain: p.chain.map((path) => `[${path.join(', ')}]`).join(' → ') },
        at,
      });
      return;
    case 'reference-depth':
      ctx.report({ messageId: 'referenceDepth', data: {}, at });
      return;
    case 'include-remote': {
      // GitLab's scanners and Auto DevOps jobs never publish: nothing to say about them.
      if (!mayHoldConfiguration(p)) return;
      ctx.report({ messageId: 'includeRemote', data: { what: REMOTE_WORDS[p.includeKind], include: p.include }, at });
      return;
    }
    case 'include-unreadable':
      reportInclude(ctx, p);
  }
}

function reportInclude(ctx: Ctx, p: Extract<GitlabProblem, { kind: 'include-unreadable' }>): void {
  const at = p.location;
  const include = p.include;
  switch (p.reason) {
    case 'missing':
      ctx.report({ messageId: include.includes('*') ? 'includeNoMatch' : p.conditional ? 'includeMissingConditional' : 'includeMissing', data: { include }, at });
      return;
    case 'not-yaml':
      ctx.report({ messageId: 'includeNotYaml', data: { include }, at });
      return;
    case 'outside-repository':
      ctx.report({ messageId: 'includeOutside', data: { include }, at });
      return;
    case 'limit':
      ctx.report({ messageId: 'includeLimit', data: { include }, at });
      return;
    case 'variable':
      ctx.report({ messageId: 'includeVariable', data: { include }, at });
      return;
    default: {
      const detail = p.failure ? describeReadFailure(p.failure) : 'it could not be read';
      ctx.report({ messageId: 'includeUnreadable', data: { include, detail }, at });
    }
  }
}
