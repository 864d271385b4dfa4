/**
 * Compares the claims of the job's ID token with the trusted publisher declared in the config
 * (and with the workflows in the checkout). Pure: claims, publishers and the clock come in; the
 * findings go out. Which claims the registry matches (DOMAIN section 1.8 and 0):
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
 */
import type { RelatedLocation } from '../diagnostics/diagnostic.js';
import type { GithubPublisher, GitlabPublisher } from '../config/types.js';
import type { Location } from '../yaml/span.js';
import type { ProbeFinding } from './finding.js';
import { listClaim, numberClaim, stringClaim, type Claims } from './jwt.js';
import { PROVIDER_NAMES, type CiProvider } from './provider.js';

/** `repo:owner@123/name@456:...`: an `@<digits>` after the owner and after the repository. */
export const IMMUTABLE_SUBJECT = /^repo:[^/:@]+@\d+\/[^/:@]+@\d+:/;

export const CIRCLECI_CLAIM = {
  orgId: 'oidc.circleci.com/org-id',
  projectId: 'oidc.circleci.com/project-id',
  pipelineDefinitionId: 'oidc.circleci.com/pipeline-definition-id',
  vcsOrigin: 'oidc.circleci.com/vcs-origin',
  contextIds: 'oidc.circleci.com/context-ids',
  sshRerun: 'oidc.circleci.com/ssh-rerun',
} as const;

/**
 * A CircleCI publisher as the config will declare it (`provider: circleci`). Read from a plain
 * object so that this works before and after the config layer knows the provider.
 */
export interface CircleciPublisherFields {
  organizationId?: string;
  projectId?: string;
  pipelineDefinitionId?: string;
  vcsOrigin?: string;
  contextIds?: string[];
  environment?: string;
  location?: Location;
  fieldLocations: Partial<Record<string, Location>>;
}

export interface ClaimsContext {
  provider: CiProvider;
  claims: Claims;
  /** `npm:<registry host>`. */
  audience: string;
  /** Where the token came from, for the advice (a GitHub token from NPM_ID_TOKEN is user-made). */
  tokenSource: 'NPM_ID_TOKEN' | 'github-runner';
  /** Milliseconds since the epoch. */
  now: number;
  /** The declared (not inferred) publishers of the config, any provider. */
  publishers: readonly unknown[];
  /** The config file, for messages ("in tp-doctor.yml"). */
  configFile?: string;
  /** Entries of `.github/workflows` in the checkout; undefined when the directory is absent. */
  workflowFiles?: readonly string[];
  /** Where findings without a config location point: the running workflow / CI file. */
  anchor: Location;
}

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

/** `gitlab.com/group/project//.gitlab-ci.yml@refs/heads/main` → its parts. */
export function parseCiConfigRefUri(value: string | undefined): { host: string; project: string; file: string; ref: string } | undefined {
  if (!value) return undefined;
  // Scanned, not matched with `^([^/]+)\/(.+?)\/\/(.+)@([^@]*)$` (polynomial backtracking).
  const slash = value.indexOf('/');
  if (slash <= 0) return undefined;
  const rest = value.slice(slash + 1);
  const split = rest.indexOf('//', 1);
  if (split < 1) return undefined;
  const tail = rest.slice(split + 2);
  const at = tail.lastIndexOf('@');
  if (at < 1) return undefined;
  return { host: value.slice(0, slash), project: rest.slice(0, split), file: tail.slice(0, at), ref: tail.slice(at + 1) };
}

function q(value: string): string {
  return `"${value}"`;
}

function caseOnly(a: string, b: string): boolean {
  return a !== b && a.toLowerCase() === b.toLowerCase();
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

function isProvider(value: unknown, provider: string): boolean {
  return asRecord(value)?.provider === provider;
}

/** A CircleCI publisher read field by field from whatever object the config produced. */
export function circleciPublisher(value: unknown): CircleciPublisherFields | undefined {
  const p = asRecord(value);
  if (!p || p.provider !== 'circleci') return undefined;
  const s = (key: string): string | undefined => (typeof p[key] === 'string' && p[key] !== '' ? (p[key] as string) : undefined);
  const ids = Array.isArray(p.contextIds) ? p.contextIds.filter((x): x is string => typeof x === 'string') : undefined;
  const locations = asRecord(p.fieldLocations) as Partial<Record<string, Location>> | undefined;
  const out: CircleciPublisherFields = { fieldLocations: locations ?? {} };
  const fields = { organizationId: s('organizationId'), projectId: s('projectId'), pipelineDefinitionId: s('pipelineDefinitionId'), vcsOrigin: s('vcsOrigin'), environment: s('environment') };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  if (ids && ids.length > 0) out.contextIds = ids;
  if (asRecord(p.location)) out.location = p.location as Location;
  return out;
}

/** The publisher whose declared values agree with the most actual values (first on a tie). */
function closest<P>(candidates: readonly P[], pairs: (p: P) => [string | undefined, string | undefined][]): P | undefined {
  let best: P | undefined;
  let bestScore = -1;
  for (const p of candidates) {
    const score = pairs(p).filter(([declared, actual]) => declared !== undefined && declared === actual).length;
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

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

// ---------------------------------------------------------------------------------------------
// Shared comparisons

interface Compared {
  check: 'repository' | 'workflow' | 'circleci-ids';
  what: string;
  declared: string;
  actual: string | undefined;
  key: string;
  at: Location;
  why: string;
  fix: string;
  extra?: string;
}

function mismatch(ctx: ClaimsContext, c: Compared): ProbeFinding | undefined {
  if (c.actual === c.declared) return undefined;
  const related: RelatedLocation[] = [{ ...ctx.anchor, label: 'the running workflow' }];
  if (c.actual === undefined) {
    return {
      check: c.check,
      messageId: 'missingClaim',
      severity: 'error',
      message: `The token has no ${c.what} claim; the trusted publisher is declared for "${c.declared}"`,
      why: c.why,
      fix: `Get the token from ${PROVIDER_NAMES[ctx.provider]} for this job the way npm does (a hand-made NPM_ID_TOKEN may come from elsewhere)`,
      data: { declared: c.declared, claim: c.key },
      at: c.at,
      related,
    };
  }
  const hint = caseOnly(c.actual, c.declared) ? ' (they differ only in letter case, and the registry compares case-sensitively)' : '';
  return {
    check: c.check,
    messageId: caseOnly(c.actual, c.declared) ? 'caseMismatch' : 'mismatch',
    severity: 'error',
    message: `The token's ${c.what} is "${c.actual}" but the trusted publisher is declared for "${c.declared}"${hint}${c.extra ?? ''}`,
    why: c.why,
    fix: c.fix.replaceAll('{actual}', c.actual),
    data: { actual: c.actual, declared: c.declared, claim: c.key },
    at: c.at,
    related,
  };
}

function configName(ctx: ClaimsContext): string {
  return ctx.configFile ? `\`${ctx.configFile}\`` : 'the tp-doctor config';
}

const EXCHANGE_FAILS = 'the token exchange fails and npm publish ends in E404 or ENEEDAUTH (the reason is only logged at verbose level)';

function environmentCheck(
  ctx: ClaimsContext,
  declared: string | undefined,
  actual: string | undefined,
  at: Location,
  jobWord: string,
): ProbeFinding | undefined {
  if (declared === actual) return undefined;
  const related: RelatedLocation[] = [{ ...ctx.anchor, label: 'the running workflow' }];
  if (declared !== undefined && actual === undefined) {
    return {
      check: 'environment',
      messageId: 'missing',
      severity: 'error',
      message: `The ${jobWord} runs without a deployment environment but the trusted publisher requires environment "${declared}"`,
      why: `The registry compares the token's \`environment\` claim with the trusted publisher; without it ${EXCHANGE_FAILS}`,
      fix: `Add \`environment: ${declared}\` to the publishing ${jobWord}`,
      data: { declared },
      at,
      related,
    };
  }
  if (declared !== undefined && actual !== undefined) {
    const hint = caseOnly(actual, declared) ? ' (they differ only in letter case)' : '';
    return {
      check: 'environment',
      messageId: 'mismatch',
      severity: 'error',
      message: `The token's environment is "${actual}" but the trusted publisher requires "${declared}"${hint}`,
      why: `The registry compares the environment case-sensitively; ${EXCHANGE_FAILS}`,
      fix: `Use \`environment: ${declared}\` in the publishing ${jobWord}, or register "${actual}" on npmjs.com and in ${configName(ctx)}`,
      data: { actual, declared },
      at,
      related,
    };
  }
  return {
    check: 'environment',
    messageId: 'unexpected',
    severity: 'warning',
    message: `The ${jobWord} runs in environment "${actual}" but the trusted publisher declares no environment`,
    why: 'A token with an environment exchanged against a trusted publisher without one has been reported to fail (not confirmed in the registry)',
    fix: `Add environment "${actual}" to the trusted publisher on npmjs.com and \`environment: ${actual}\` in ${configName(ctx)}, or run the publish without an environment`,
    data: { actual: actual ?? '' },
    at,
    related,
  };
}

function selfHosted(ctx: ClaimsContext, value: string | undefined, hosted: string, fix: string): ProbeFinding | undefined {
  if (value === undefined || value === hosted) return undefined;
  return {
    check: 'runner',
    messageId: 'selfHosted',
    severity: value === 'self-hosted' ? 'error' : 'warning',
    message: `The job runs with \`runner_environment: ${value}\`; trusted publishing needs "${hosted}"`,
    why: `npm's registry accepts tokens only from runners hosted by ${PROVIDER_NAMES[ctx.provider]}; self-hosted and third-party hosted runners are rejected`,
    fix,
    data: { actual: value, expected: hosted },
    at: ctx.anchor,
  };
}

// ---------------------------------------------------------------------------------------------
// GitHub

function githubChecks(ctx: ClaimsContext): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const c = ctx.claims;
  const repository = stringClaim(c, 'repository');
  const top = parseWorkflowRef(stringClaim(c, 'workflow_ref'));
  const job = parseWorkflowRef(stringClaim(c, 'job_workflow_ref'));
  const environment = stringClaim(c, 'environment');
  const sub = stringClaim(c, 'sub');

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

// ---------------------------------------------------------------------------------------------
// GitLab

function gitlabChecks(ctx: ClaimsContext): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const c = ctx.claims;
  const project = stringClaim(c, 'project_path');
  const config = parseCiConfigRefUri(stringClaim(c, 'ci_config_ref_uri'));
  const environment = stringClaim(c, 'environment');
  const iss = stringClaim(c, 'iss');

  out.push({
    check: 'claims',
    messageId: 'gitlab',
    severity: 'info',
    message:
      `The registry will match project "${project ?? '(missing)'}", CI file "${config?.file ?? '(missing)'}" and ` +
      `${environment ? `environment "${environment}"` : 'no environment'} against the trusted publisher`,
    why: 'These are the values a GitLab trusted publisher on npmjs.com must hold, exactly and case-sensitively',
    fix: 'Compare them with the package\'s Settings → Trusted publisher on npmjs.com',
    data: { project: project ?? '', ciFile: config?.file ?? '', environment: environment ?? '', ref: config?.ref ?? '', runner: stringClaim(c, 'runner_environment') ?? '' },
    at: ctx.anchor,
  });

  if (iss !== undefined && iss !== 'https://gitlab.com') {
    out.push({
      check: 'provider',
      messageId: 'gitlabHost',
      severity: 'error',
      message: `The token was issued by "${iss}"; npm's trusted publishing accepts GitLab.com only`,
      why: 'The registry trusts the GitLab.com issuer only; tokens from self-managed GitLab or GitLab Dedicated are rejected',
      fix: 'Publish from a project on gitlab.com, or use another publishing method for this instance',
      data: { issuer: iss },
      at: ctx.anchor,
    });
  }
  if (stringClaim(c, 'ci_config_ref_uri') !== undefined && config === undefined) {
    // Shape unknown: say nothing rather than guess.
  } else if (config === undefined) {
    out.push({
      check: 'workflow',
      messageId: 'noCiConfig',
      severity: 'error',
      message: 'The token has no `ci_config_ref_uri` claim: the pipeline configuration does not come from this project',
      why: 'GitLab leaves the claim empty when the CI configuration lives in another project; the registry then has no CI file to match and the exchange fails',
      fix: 'Keep the top-level CI file in the project that publishes (or register that project and file)',
      data: {},
      at: ctx.anchor,
    });
  } else if (project !== undefined && config.project !== project) {
    out.push({
      check: 'workflow',
      messageId: 'otherProject',
      severity: 'warning',
      message: `The pipeline configuration comes from project "${config.project}", not from "${project}"`,
      why: 'The registry matches the CI file of the project that runs the pipeline; a configuration kept in another project is reported to fail',
      fix: 'Keep the top-level CI file in the project that publishes',
      data: { configProject: config.project, project },
      at: ctx.anchor,
    });
  }
  const runner = selfHosted(ctx, stringClaim(c, 'runner_environment'), 'gitlab-hosted', 'Run the publishing job on a GitLab.com hosted runner (`saas-linux-*` tags, or no tags)');
  if (runner) out.push(runner);

  const declared = ctx.publishers.filter((p): p is GitlabPublisher => isProvider(p, 'gitlab'));
  if (declared.length === 0) return out;
  const publisher = closest(declared, (p) => [
    [p.project, project],
    [p.ciFile, config?.file],
    [p.environment, environment],
  ])!;
  const fieldAt = (key: string): Location => publisher.fieldLocations[key] ?? publisher.location ?? ctx.anchor;
  if (publisher.project !== undefined) {
    const f = mismatch(ctx, {
      check: 'repository',
      what: 'project path',
      declared: publisher.project,
      actual: project,
      key: 'project_path',
      at: fieldAt('project'),
      why: `The registry compares the project path with the trusted publisher case-sensitively; ${EXCHANGE_FAILS}`,
      fix: `If the project was renamed or moved, change the trusted publisher on npmjs.com and \`project\` in ${configName(ctx)} to "{actual}"`,
    });
    if (f) out.push(f);
  }
  if (config) {
    const f = mismatch(ctx, {
      check: 'workflow',
      what: 'CI file (from `ci_config_ref_uri`)',
      declared: publisher.ciFile,
      actual: config.file,
      key: 'ci_config_ref_uri',
      at: fieldAt('ciFile'),
      why: `The registry matches the path of the top-level CI file case-sensitively; ${EXCHANGE_FAILS}`,
      fix: `Register "{actual}" as the trusted publisher's CI file on npmjs.com and set \`ciFile: {actual}\` in ${configName(ctx)}`,
    });
    if (f) out.push(f);
  }
  const env = environmentCheck(ctx, publisher.environment, environment, publisher.environment !== undefined ? fieldAt('environment') : ctx.anchor, 'job');
  if (env) out.push(env);
  return out;
}

// ---------------------------------------------------------------------------------------------
// CircleCI

function circleciChecks(ctx: ClaimsContext): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const c = ctx.claims;
  const orgId = stringClaim(c, CIRCLECI_CLAIM.orgId);
  const projectId = stringClaim(c, CIRCLECI_CLAIM.projectId);
  const pipelineDefinitionId = stringClaim(c, CIRCLECI_CLAIM.pipelineDefinitionId);
  const vcsOrigin = stringClaim(c, CIRCLECI_CLAIM.vcsOrigin);
  const contextIds = listClaim(c, CIRCLECI_CLAIM.contextIds) ?? [];

  out.push({
    check: 'claims',
    messageId: 'circleci',
    severity: 'info',
    message:
      `The registry will match organization "${orgId ?? '(missing)'}", project "${projectId ?? '(missing)'}", pipeline definition ` +
      `"${pipelineDefinitionId ?? '(missing)'}", VCS origin "${vcsOrigin ?? '(missing)'}" and ${contextIds.length > 0 ? `contexts ${contextIds.map(q).join(', ')}` : 'no context'}`,
    why: 'These are the values a CircleCI trusted publisher on npmjs.com must hold, exactly',
    fix: 'Compare them with the package\'s Settings → Trusted publisher on npmjs.com',
    data: { orgId: orgId ?? '', projectId: projectId ?? '', pipelineDefinitionId: pipelineDefinitionId ?? '', vcsOrigin: vcsOrigin ?? '', contextIds: contextIds.join(',') },
    at: ctx.anchor,
  });

  if (c[CIRCLECI_CLAIM.sshRerun] === true) {
    out.push({
      check: 'ssh-rerun',
      messageId: 'sshRerun',
      severity: 'warning',
      message: 'The job is an SSH rerun (`oidc.circleci.com/ssh-rerun: true`)',
      why: 'A token from an SSH rerun has been reported to fail the exchange with "package not found" (npm/cli#9923)',
      fix: 'Publish from a normal (not SSH) run of the job',
      data: {},
      at: ctx.anchor,
    });
  }

  const declared = ctx.publishers.map(circleciPublisher).filter((p): p is CircleciPublisherFields => p !== undefined);
  if (declared.length === 0) return out;
  const publisher = closest(declared, (p) => [
    [p.organizationId, orgId],
    [p.projectId, projectId],
    [p.pipelineDefinitionId, pipelineDefinitionId],
    [p.vcsOrigin, vcsOrigin],
  ])!;
  const fieldAt = (key: string): Location => publisher.fieldLocations[key] ?? publisher.location ?? ctx.anchor;
  const idWhy = `The registry compares the CircleCI ids with the trusted publisher exactly; ${EXCHANGE_FAILS}`;
  const ids: [keyof CircleciPublisherFields, string, string | undefined, string][] = [
    ['organizationId', 'organization id', orgId, CIRCLECI_CLAIM.orgId],
    ['projectId', 'project id', projectId, CIRCLECI_CLAIM.projectId],
    ['pipelineDefinitionId', 'pipeline definition id', pipelineDefinitionId, CIRCLECI_CLAIM.pipelineDefinitionId],
  ];
  for (const [field, what, actual, key] of ids) {
    const declaredValue = publisher[field];
    if (typeof declaredValue !== 'string') continue;
    const f = mismatch(ctx, {
      check: 'circleci-ids',
      what,
      declared: declaredValue,
      actual,
      key,
      at: fieldAt(field),
      why: idWhy,
      fix: `Register "{actual}" as the ${what} of the trusted publisher on npmjs.com and set \`${field}\` in ${configName(ctx)}, or publish from the pipeline it names`,
    });
    if (f) out.push(f);
  }
  if (publisher.vcsOrigin !== undefined) {
    const f = mismatch(ctx, {
      check: 'repository',
      what: 'VCS origin',
      declared: publisher.vcsOrigin,
      actual: vcsOrigin,
      key: CIRCLECI_CLAIM.vcsOrigin,
      at: fieldAt('vcsOrigin'),
      why: `The registry compares the VCS origin (\`github.com/org/repo\`, no scheme) case-sensitively; ${EXCHANGE_FAILS}`,
      fix: `Change the trusted publisher on npmjs.com and \`vcsOrigin\` in ${configName(ctx)} to "{actual}"`,
    });
    if (f) out.push(f);
  }
  const missingContexts = (publisher.contextIds ?? []).filter((id) => !contextIds.includes(id));
  if (missingContexts.length > 0) {
    out.push({
      check: 'circleci-ids',
      messageId: 'context',
      severity: 'warning',
      message: `The job does not use context ${missingContexts.map(q).join(', ')} that the trusted publisher names (the token has ${contextIds.length > 0 ? contextIds.map(q).join(', ') : 'none'})`,
      why: 'A trusted publisher with context ids expects the token to carry them; without them the exchange is expected to fail',
      fix: 'Add the context to the publishing job in .circleci/config.yml (`context:` of the job in the workflow)',
      data: { missing: missingContexts.join(','), actual: contextIds.join(',') },
      at: fieldAt('contextIds'),
    });
  }
  return out;
}
