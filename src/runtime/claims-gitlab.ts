/**
 * The GitLab claims checks (see claims-check.ts): `project_path`, the CI file of
 * `ci_config_ref_uri`, `environment`, a GitLab-hosted runner and the gitlab.com issuer.
 */
import type { GitlabPublisher } from '../config/types.js';
import type { Location } from '../yaml/span.js';
import { closest, configName, environmentCheck, EXCHANGE_FAILS, isProvider, mismatch, selfHosted, type ClaimsContext } from './claims-compare.js';
import type { ProbeFinding } from './finding.js';
import { stringClaim } from './jwt.js';

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

export function gitlabChecks(ctx: ClaimsContext): ProbeFinding[] {
  const c = ctx.claims;
  const project = stringClaim(c, 'project_path');
  const config = parseCiConfigRefUri(stringClaim(c, 'ci_config_ref_uri'));
  const environment = stringClaim(c, 'environment');
  const iss = stringClaim(c, 'iss');
  const seen: GitlabSeen = { project, config, environment, iss };
  return [...gitlabRunFindings(ctx, seen), ...gitlabPublisherFindings(ctx, seen)];
}

/** The claims the GitLab checks read. */
interface GitlabSeen {
  project: string | undefined;
  config: ReturnType<typeof parseCiConfigRefUri>;
  environment: string | undefined;
  iss: string | undefined;
}

/** What the token says about the pipeline: the values npm matches, the issuer, where the CI file comes from, the runner. */
function gitlabRunFindings(ctx: ClaimsContext, seen: GitlabSeen): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const c = ctx.claims;
  const { project, config, environment, iss } = seen;
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
  return out;
}

/** The token against the closest declared GitLab publisher: project, CI file, environment. */
function gitlabPublisherFindings(ctx: ClaimsContext, seen: GitlabSeen): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const { project, config, environment } = seen;
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
