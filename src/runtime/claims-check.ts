/**
 * Compares the claims of the job's ID token with the trusted publisher declared in the config
 * (and with the workflows in the checkout). Pure: claims, publishers and the clock come in; the
 * findings go out. Which claims the registry matches (docs/domain.md §1.8 and §0):
 *
 * - GitHub: `repository` (owner/repo), the top-level workflow file from `workflow_ref`
 *   (`owner/repo/.github/workflows/<file>@<ref>`; never `job_workflow_ref`, which names the
 *   reusable workflow a job runs in), `environment`; `runner_environment` must be `github-hosted`.
 * - GitLab: `project_path`, the CI file of `ci_config_ref_uri`
 *   (`gitlab.com/<project>//<file>@<ref>`), `environment`; `runner_environment` must be
 *   `gitlab-hosted`; the issuer must be gitlab.com.
 * - CircleCI: `oidc.circleci.com/org-id`, `project-id`, `pipeline-definition-id`, `vcs-origin`,
 *   `context-ids`; `oidc.circleci.com/ssh-rerun` must not be true.
 *
 * Immutable subject (GitHub, see `IMMUTABLE_SUBJECT`): the default `sub` of repositories created or
 * renamed after GitHub's change carries numeric ids, `repo:<owner>@<owner-id>/<repo>@<repo-id>:...`
 * instead of `repo:<owner>/<repo>:...` (GitHub docs, "Immutable subject claims"). npm's registry
 * answers such tokens with "OIDC token exchange error - package not found" (npm/cli#9969, open).
 *
 * This file holds the checks of every provider (audience, expiry); the provider checks are in
 * claims-github.ts, claims-gitlab.ts and claims-circleci.ts, what they share in claims-compare.ts.
 */
import { circleciChecks } from './claims-circleci.js';
import { q, type ClaimsContext } from './claims-compare.js';
import { githubChecks } from './claims-github.js';
import { gitlabChecks } from './claims-gitlab.js';
import type { ProbeFinding } from './finding.js';
import { listClaim, numberClaim } from './jwt.js';

export { CIRCLECI_CLAIM, circleciPublisher, type CircleciPublisherFields } from './claims-circleci.js';
export type { ClaimsContext } from './claims-compare.js';
export { IMMUTABLE_SUBJECT, parseWorkflowRef, type WorkflowRef } from './claims-github.js';
export { parseCiConfigRefUri } from './claims-gitlab.js';

export function checkClaims(ctx: ClaimsContext): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  out.push(...commonChecks(ctx));
  if (ctx.provider === 'github') out.push(...githubChecks(ctx));
  else if (ctx.provider === 'gitlab') out.push(...gitlabChecks(ctx));
  else out.push(...circleciChecks(ctx));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Audience and expiry (every provider)

function audienceFix(ctx: ClaimsContext): string {
  if (ctx.provider === 'gitlab') return `Set \`aud: ${ctx.audience}\` under \`id_tokens: NPM_ID_TOKEN:\` of the publishing job`;
  if (ctx.provider === 'circleci') {
    return `Get the token with \`circleci run oidc get --claims '{"aud":"${ctx.audience}"}'\` into NPM_ID_TOKEN`;
  }
  return `Unset NPM_ID_TOKEN so that npm asks the runner for a token with audience "${ctx.audience}" itself`;
}

function commonChecks(ctx: ClaimsContext): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const aud = listClaim(ctx.claims, 'aud');
  if (!aud || !aud.includes(ctx.audience)) {
    const actual = aud && aud.length > 0 ? aud.map(q).join(', ') : 'missing';
    out.push({
      check: 'audience',
      messageId: 'mismatch',
      severity: 'error',
      message: `The token's audience is ${actual}; npm expects "${ctx.audience}"`,
      why: 'The registry accepts only ID tokens issued for it (audience `npm:` + its host name); it rejects this one and npm publish ends in E404 or ENEEDAUTH',
      fix: audienceFix(ctx),
      data: { actual, expected: ctx.audience },
      at: ctx.anchor,
    });
  }
  const exp = numberClaim(ctx.claims, 'exp');
  if (exp !== undefined && exp * 1000 <= ctx.now) {
    const seconds = Math.round(ctx.now / 1000 - exp);
    out.push({
      check: 'expiry',
      messageId: 'expired',
      severity: 'error',
      message: `The token expired at ${new Date(exp * 1000).toISOString()}, ${seconds} s ago`,
      why: 'The registry rejects an expired ID token, so the exchange fails and npm publish ends in E404 or ENEEDAUTH',
      fix:
        ctx.tokenSource === 'NPM_ID_TOKEN'
          ? 'Set NPM_ID_TOKEN in the step that publishes, right before `npm publish`, so it is fresh'
          : 'Run the publish right after the token is issued (the runner issues a fresh one on each request)',
      data: { exp, expiredAt: new Date(exp * 1000).toISOString(), seconds },
      at: ctx.anchor,
    });
  }
  return out;
}

