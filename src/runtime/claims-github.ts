/**
 * The GitHub claims checks (see claims-check.ts): `repository`, the top-level workflow file of
 * `workflow_ref`, `environment`, a GitHub-hosted runner, and the immutable subject form.
 */
import type { GithubPublisher } from '../config/types.js';
import type { Location } from '../yaml/span.js';
import { closest, configName, environmentCheck, EXCHANGE_FAILS, isProvider, mismatch, selfHosted, type ClaimsContext } from './claims-compare.js';
import type { ProbeFinding } from './finding.js';
import { stringClaim } from './jwt.js';

/** `repo:owner@123/name@456:...`: an `@<digits>` after the owner and after the repository. */
export const IMMUTABLE_SUBJECT = /^repo:[^/:@]+@\d+\/[^/:@]+@\d+:/;

export interface WorkflowRef {
  repository: string;
  path: string;
  file: string;
  ref: string;
}

/** `owner/repo/.github/workflows/release.yml@refs/heads/main` → its parts. */
export function parseWorkflowRef(value: string | undefined): WorkflowRef | undefined {
  if (!value) return undefined;
  const m = /^([^/@]+\/[^/@]+)\/([^@]+)@(.*)$/.exec(value);
  if (!m) return undefined;
  const path = m[2]!;
  return { repository: m[1]!, path, file: path.slice(path.lastIndexOf('/') + 1), ref: m[3]! };
}

export function githubChecks(ctx: ClaimsContext): ProbeFinding[] {
  const c = ctx.claims;
  const repository = stringClaim(c, 'repository');
  const top = parseWorkflowRef(stringClaim(c, 'workflow_ref'));
  const job = parseWorkflowRef(stringClaim(c, 'job_workflow_ref'));
  const environment = stringClaim(c, 'environment');
  const sub = stringClaim(c, 'sub');
  const seen: GithubSeen = { repository, top, job, environment, sub };
  return [...githubRunFindings(ctx, seen), ...githubPublisherFindings(ctx, seen)];
}

/** The claims the GitHub checks read. */
interface GithubSeen {
  repository: string | undefined;
  top: WorkflowRef | undefined;
  job: WorkflowRef | undefined;
  environment: string | undefined;
  sub: string | undefined;
}

/** What the token says about the run: the values npm matches, a reusable workflow, the runner, the subject form, the checkout. */
function githubRunFindings(ctx: ClaimsContext, seen: GithubSeen): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const c = ctx.claims;
  const { repository, top, job, environment, sub } = seen;
  out.push({
    check: 'claims',
    messageId: 'github',
    severity: 'info',
    message:
      `The registry will match repository "${repository ?? '(missing)'}", workflow file "${top?.file ?? '(missing)'}" and ` +
      `${environment ? `environment "${environment}"` : 'no environment'} against the trusted publisher`,
    why: 'These are the values a GitHub trusted publisher on npmjs.com must hold, exactly and case-sensitively',
    fix: 'Compare them with the package\'s Settings → Trusted publisher on npmjs.com',
    data: {
      repository: repository ?? '',
      workflow: top?.file ?? '',
      environment: environment ?? '',
      ref: top?.ref ?? '',
      event: stringClaim(c, 'event_name') ?? '',
      runner: stringClaim(c, 'runner_environment') ?? '',
      visibility: stringClaim(c, 'repository_visibility') ?? '',
    },
    at: ctx.anchor,
  });

  if (top && job && (top.file !== job.file || top.repository !== job.repository)) {
    out.push({
      check: 'reusable-workflow',
      messageId: 'reusable',
      severity: 'info',
      message: `The publish runs in reusable workflow "${job.path}"${job.repository !== top.repository ? ` of ${job.repository}` : ''}, called from top-level workflow "${top.file}"; npm matches "${top.file}"`,
      why: 'The registry compares the `workflow_ref` claim (the workflow that started the run), not `job_workflow_ref` (the reusable workflow the job runs in)',
      fix: `Register "${top.file}" as the trusted publisher's workflow on npmjs.com`,
      data: { caller: top.file, callee: job.file, calleeRepository: job.repository },
      at: ctx.anchor,
    });
  }

  const runner = selfHosted(ctx, stringClaim(c, 'runner_environment'), 'github-hosted', 'Run the publishing job on a GitHub-hosted runner (for example `runs-on: ubuntu-latest`)');
  if (runner) out.push(runner);

  if (sub && IMMUTABLE_SUBJECT.test(sub)) {
    const prefix = sub.split(':').slice(0, 2).join(':');
    out.push({
      check: 'immutable-subject',
      messageId: 'immutable',
      severity: 'warning',
      message: `The token's subject uses GitHub's immutable form "${prefix}:..." (owner and repository ids after "@")`,
      why: 'Repositories created or renamed after GitHub made immutable subject claims the default get "OIDC token exchange error - package not found" from npm\'s registry even when the trusted publisher is right (npm/cli#9969, open at the time of writing)',
      fix: 'Run `tp-doctor probe --exchange` in this job to see the registry\'s answer; if it is "package not found" with matching values, the cause is npm/cli#9969 (follow it for the registry-side fix)',
      data: { subject: prefix },
      at: ctx.anchor,
    });
  }

  if (top && ctx.workflowFiles && !ctx.workflowFiles.includes(top.file) && top.path.startsWith('.github/workflows/') && top.repository === repository) {
    const near = ctx.workflowFiles.find((f) => f.toLowerCase() === top.file.toLowerCase());
    out.push({
      check: 'workflow',
      messageId: 'notInCheckout',
      severity: 'info',
      message: `The token's top-level workflow "${top.file}" is not in this checkout's .github/workflows${near ? ` (there is "${near}")` : ''}`,
      why: 'The run may come from another ref than the checkout; the static checks then look at other files than the ones that run',
      fix: 'Run probe in the publishing job after `actions/checkout` of the same ref',
      data: { workflow: top.file, near: near ?? '' },
      at: ctx.anchor,
    });
  }
  return out;
}

/** The token against the closest declared GitHub publisher: repository, workflow file, environment. */
function githubPublisherFindings(ctx: ClaimsContext, seen: GithubSeen): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const { repository, top, job, environment } = seen;
  const declared = ctx.publishers.filter((p): p is GithubPublisher => isProvider(p, 'github'));
  if (declared.length === 0) return out;
  const publisher = closest(declared, (p) => [
    [p.repository, repository],
    [p.workflow, top?.file],
    [p.environment, environment],
  ])!;
  const fieldAt = (key: string): Location => publisher.fieldLocations[key] ?? publisher.location ?? ctx.anchor;
  if (publisher.repository !== undefined) {
    const f = mismatch(ctx, {
      check: 'repository',
      what: 'repository',
      declared: publisher.repository,
      actual: repository,
      key: 'repository',
      at: fieldAt('repository'),
      why: `The registry compares the repository with the trusted publisher case-sensitively; ${EXCHANGE_FAILS}`,
      fix: `If the repository was renamed or transferred, change the trusted publisher on npmjs.com and \`repository\` in ${configName(ctx)} to "{actual}"`,
    });
    if (f) out.push(f);
  }
  if (publisher.workflow !== undefined) {
    const trap = top && job && job.file === publisher.workflow && top.file !== publisher.workflow
      ? `; "${publisher.workflow}" is the reusable workflow the publish runs in, called from "${top.file}"`
      : '';
    const f = mismatch(ctx, {
      check: 'workflow',
      what: 'top-level workflow file (from `workflow_ref`)',
      declared: publisher.workflow,
      actual: top?.file,
      key: 'workflow_ref',
      at: fieldAt('workflow'),
      why: `The registry matches the file name of the workflow that started the run, case-sensitively, not the file that contains the publish; ${EXCHANGE_FAILS}`,
      fix: `Register "{actual}" as the trusted publisher's workflow on npmjs.com and set \`workflow: {actual}\` in ${configName(ctx)}, or publish from a run started by "${publisher.workflow}"`,
      extra: trap,
    });
    if (f) out.push(f);
  }
  const env = environmentCheck(ctx, publisher.environment, environment, publisher.environment !== undefined ? fieldAt('environment') : ctx.anchor, 'job');
  if (env) out.push(env);
  return out;
}
