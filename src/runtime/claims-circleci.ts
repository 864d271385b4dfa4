/**
 * The CircleCI claims checks (see claims-check.ts): organization, project and pipeline definition
 * ids, VCS origin, contexts, and SSH reruns.
 */
import type { Location } from '../yaml/span.js';
import { asRecord, closest, configName, EXCHANGE_FAILS, mismatch, q, type ClaimsContext } from './claims-compare.js';
import type { ProbeFinding } from './finding.js';
import { listClaim, stringClaim } from './jwt.js';

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

export function circleciChecks(ctx: ClaimsContext): ProbeFinding[] {
  const c = ctx.claims;
  const orgId = stringClaim(c, CIRCLECI_CLAIM.orgId);
  const projectId = stringClaim(c, CIRCLECI_CLAIM.projectId);
  const pipelineDefinitionId = stringClaim(c, CIRCLECI_CLAIM.pipelineDefinitionId);
  const vcsOrigin = stringClaim(c, CIRCLECI_CLAIM.vcsOrigin);
  const contextIds = listClaim(c, CIRCLECI_CLAIM.contextIds) ?? [];
  const seen: CircleciSeen = { orgId, projectId, pipelineDefinitionId, vcsOrigin, contextIds };
  return [...circleciRunFindings(ctx, seen), ...circleciPublisherFindings(ctx, seen)];
}

/** The claims the CircleCI checks read. */
interface CircleciSeen {
  orgId: string | undefined;
  projectId: string | undefined;
  pipelineDefinitionId: string | undefined;
  vcsOrigin: string | undefined;
  contextIds: string[];
}

/** What the token says about the job: the values npm matches, an SSH rerun. */
function circleciRunFindings(ctx: ClaimsContext, seen: CircleciSeen): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const c = ctx.claims;
  const { orgId, projectId, pipelineDefinitionId, vcsOrigin, contextIds } = seen;
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
  return out;
}

/** The token against the closest declared CircleCI publisher: ids, VCS origin, contexts. */
function circleciPublisherFindings(ctx: ClaimsContext, seen: CircleciSeen): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  const { orgId, projectId, pipelineDefinitionId, vcsOrigin, contextIds } = seen;
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
