import { defineRule, type MessageData } from '../../src/engine/define-rule.js';
import { publishRegistry } from '../../src/model/npm/registry.js';
import { isPublishingJob } from '../../src/model/project.js';
import { checkPublish, type Finding } from './tools.js';

const messages = {
  never: {
    text: '`{command}` runs {tool}, which cannot publish with trusted publishing; expected {alternative}',
    why: '{consequence}',
    fix: 'Replace `{command}` in `{path}` with {alternative}',
  },
  tooOld: {
    text: '`{command}` runs {tool} "{version}" ({source}); trusted publishing needs {tool} {required} or later',
    why: '{consequence}',
    fix: 'Upgrade {tool} to {required} or later: {how}',
  },
  unknown: {
    text: 'Cannot tell whether `{command}` can publish with trusted publishing: {reason}',
    why: 'Trusted publishing needs {requirement}. Otherwise: {consequence}',
    fix: 'Make it explicit: {how}',
    severity: 'warning',
  },
  yarnTokenWins: {
    text: '`{command}` uses `{key}` from .yarnrc.yml instead of OIDC; expected no `npmAuthToken` for registry.npmjs.org',
    why: 'Yarn tries trusted publishing only when no `npmAuthToken` is configured for the registry: with one, `yarn npm publish` publishes with that long-lived token, and fails with E401/E404 once it expires or is revoked',
    fix: 'Remove `{key}` from .yarnrc.yml (and the secret that feeds it)',
    severity: 'warning',
  },
  releaseItChecks: {
    text: '`{command}` runs release-it with its npm pre-checks on ({where}); trusted publishing needs `npm.skipChecks: true`',
    why: '{consequence}',
    fix: 'Set `"npm": { "skipChecks": true }` in {file}, or add `--npm.skipChecks` to the command',
  },
  changesetsActionOld: {
    text: '{action} "{version}" writes an `_authToken` line into .npmrc before publishing; expected changesets/action 1.7 or later',
    why: '{consequence}',
    fix: 'Change `{path}.uses` to `changesets/action@v1` (1.7 or later)',
    severity: 'warning',
  },
  pnpmStaticToken: {
    text: '`{command}` runs pnpm "{version}" ({source}) while a static token is configured ({token}); pnpm 11.0.x then skips OIDC, expected pnpm 11.1.0 or later',
    why: '{consequence}',
    fix: 'Upgrade pnpm to 11.1.0 or later: {how}',
  },
  npRecent: {
    text: '`{command}` runs np {version}; only recent np releases can publish with trusted publishing',
    why: '{consequence}',
    fix: 'Use the latest np release (or `npx np`), or publish with `npm publish` and npm 11.5.1 or later',
    severity: 'warning',
  },
} as const;

type Messages = typeof messages;

// securitySeverity 2.0: the failure is one of availability (the publish stops), but the usual
// reaction to it is to put a long-lived npm token back into CI.
export default defineRule({
  id: 'publish-tool-supports-oidc',
  meta: {
    severity: 'error',
    providers: ['github'],
    summary: 'The publish tool (Yarn, Bun, lerna, semantic-release, release-it, pnpm, ...) can publish with trusted publishing in the version used',
    securitySeverity: 2.0,
    messages,
  },
  hooks: {
    githubJob(job, ctx) {
      if (!isPublishingJob(job)) return;
      const project = ctx.project;
      const registry = project.packageJson?.publishConfig?.get('registry')?.text;
      for (const step of job.steps) {
        for (const publish of step.publishes) {
          if (publishRegistry(step, publish, registry) === 'other') continue; // trusted publishing is npmjs only
          const path = `jobs.${job.id}.steps[${step.index}]`;
          const command = publish.match.label.replace(/ \(.*\)$/, ''); // `yarn publish (Yarn 1)` → `yarn publish`
          for (const finding of checkPublish({ project, job, step, publish, path, command })) {
            report(ctx, finding, publish.location);
          }
        }
      }
    },
  },
});

function report(
  ctx: { report: (d: { messageId: keyof Messages; data: MessageData<Messages[keyof Messages]>; at: Finding['related'][number]['at']; related: Finding['related'] }) => void },
  finding: Finding,
  at: Finding['related'][number]['at'],
): void {
  // Findings are built per message id in tools.ts; the data carries that message's placeholders.
  ctx.report({ messageId: finding.messageId, data: finding.data as MessageData<Messages[keyof Messages]>, at, related: finding.related });
}
