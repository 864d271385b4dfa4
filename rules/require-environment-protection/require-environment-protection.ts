import { defineRule } from '../../src/engine/define-rule.js';
import { sameCiFile } from '../../src/model/gitlab/jobs.js';

const UNSEEN =
  'Whether the environment really has protection rules is configured on the platform and cannot be read from the files';

export default defineRule({
  id: 'require-environment-protection',
  meta: {
    severity: 'info',
    providers: ['github', 'gitlab'],
    summary: 'The publishing job runs in an environment, so protection rules can hold the publish',
    // Advice: the missing gate matters only together with write access to some branch (3.0).
    securitySeverity: 3.0,
    messages: {
      missing: {
        text: 'Job "{job}" {publishes} to npm without an `environment`, so no required reviewer or branch rule can hold the publish',
        why: `A trusted publisher binds the repository and the workflow file ({workflow}), not a branch or tag: anyone who can push a branch that runs this workflow (or change the workflow on it) can publish with valid provenance. A GitHub environment with required reviewers or deployment branch and tag rules is the gate GitHub offers, and npm can bind the trusted publisher to it. ${UNSEEN}`,
        fix: 'Create an environment (for example "npm") under Settings → Environments with required reviewers or deployment tag rules, add `environment: npm` to `jobs.{job}`, and name the same environment in the trusted publisher on npmjs.com and in the tp-doctor config',
      },
      gitlabMissing: {
        text: 'Job "{job}" {publishes} to npm without an `environment`, so no protected environment can hold the publish',
        why: `npm's GitLab trusted publisher binds the project and the CI file ({workflow}), not a branch or tag: anyone who can run a pipeline on a branch can publish with valid provenance. A protected environment (GitLab Premium and Ultimate) limits who may deploy to it and can require approval, and npm can bind the trusted publisher to it. ${UNSEEN}`,
        fix: 'Add `environment: npm` to the job `{job}`, protect the environment under Settings → CI/CD → Protected environments, and name it in the trusted publisher on npmjs.com and in the tp-doctor config',
      },
    },
  },
  hooks: {
    githubJob(job, ctx) {
      if (!ctx.facts.isPublishingJob(job)) return;
      if (job.environment && (job.environment.name !== undefined || job.environment.isExpression)) return;
      const entries = [...new Set(ctx.project.callGraph.entryChains(job.workflow).map((c) => c.entry.fileName))];
      // A declared publisher that names an environment: environment-matches-publisher says the job lacks it.
      if (ctx.githubPublishers.some((p) => !p.inferred && p.environment !== undefined && p.workflow !== undefined && entries.includes(p.workflow))) return;
      const workflow = entries.length > 0 ? entries.map((e) => `"${e}"`).join(', ') : `"${job.workflow.fileName}"`;
      ctx.report({
        messageId: 'missing',
        data: { job: job.id, publishes: ctx.facts.verb(job), workflow },
        at: job.node,
        certainty: ctx.facts.jobCertainty(job),
      });
    },

    gitlabJob(job, pipeline, ctx) {
      if (!ctx.facts.isPublishingJob(job)) return;
      if (job.environment && (job.environment.name !== undefined || job.environment.isExpression)) return;
      if (ctx.gitlabPublishers.some((p) => !p.inferred && p.environment !== undefined && sameCiFile(p.ciFile, pipeline.ciFile))) return;
      ctx.report({
        messageId: 'gitlabMissing',
        data: { job: job.name, publishes: ctx.facts.verb(job), workflow: `"${pipeline.ciFile}"` },
        at: job.node,
        certainty: ctx.facts.jobCertainty(job),
      });
    },
  },
});
