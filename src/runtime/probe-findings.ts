/**
 * Probe findings about the ID token request that failed (`tokenProblem`) and about the registry's
 * answer to a token exchange (`exchangeFinding`), with the likely causes of each refusal.
 */
import type { ProbeCheckId } from './checks.js';
import { IMMUTABLE_SUBJECT, parseWorkflowRef } from './claims-check.js';
import type { ExchangeResult } from './exchange.js';
import type { ProbeFinding } from './finding.js';
import { stringClaim, type Claims } from './jwt.js';
import type { IdTokenResult } from './oidc.js';
import type { CiProvider } from './provider.js';

const GITLAB_SNIPPET = 'id_tokens: { NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" } }';

export function tokenProblem(token: Extract<IdTokenResult, { ok: false }>, timeoutMs: number): ProbeFinding {
  const base = { check: 'id-token' as ProbeCheckId, data: { problem: token.problem, detail: token.detail } };
  switch (token.problem) {
    case 'github-permission':
      return {
        ...base,
        messageId: 'noPermission',
        severity: 'error',
        message: `The job lacks \`id-token: write\`: ${token.detail}, so npm cannot request an OIDC token`,
        why: 'The runner sets ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN only when the job\'s GITHUB_TOKEN has `id-token: write`; without them npm skips trusted publishing silently and the publish fails with ENEEDAUTH (E404 when an old token is configured). Pull requests from forks never get an ID token',
        fix: 'Add `id-token: write` under `permissions:` of the publishing job (and of the job that calls it, when it runs in a reusable workflow)',
      };
    case 'gitlab-missing':
      return {
        ...base,
        messageId: 'gitlabMissing',
        severity: 'error',
        message: 'NPM_ID_TOKEN is not set: on GitLab npm reads the ID token only from NPM_ID_TOKEN',
        why: 'GitLab creates NPM_ID_TOKEN only when the job declares it under `id_tokens:`; without it npm skips trusted publishing and the publish fails with ENEEDAUTH or E404',
        fix: `Add \`${GITLAB_SNIPPET}\` to the publishing job (or under \`default:\`)`,
      };
    case 'circleci-missing':
      return {
        ...base,
        messageId: 'circleciMissing',
        severity: 'error',
        message: 'NPM_ID_TOKEN is not set: on CircleCI npm reads the ID token only from NPM_ID_TOKEN',
        why: 'CircleCI does not hand npm a token with the npm audience by itself; without NPM_ID_TOKEN npm skips trusted publishing and the publish fails with ENEEDAUTH or E404',
        fix: 'In the run step that publishes, first run `export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')` (probe does not run it for you); run probe in that same step, or append the export to $BASH_ENV',
      };
    case 'github-timeout':
    case 'github-network':
      return {
        ...base,
        messageId: token.problem === 'github-timeout' ? 'timeout' : 'network',
        severity: 'warning',
        message: `Could not get an ID token from the GitHub runner: ${token.detail}${token.problem === 'github-timeout' ? ` (probe waits ${timeoutMs} ms; --timeout changes it)` : ''}`,
        why: 'npm requests the token from the same endpoint; if it does not answer there either, npm skips trusted publishing and the publish fails',
        fix: 'Re-run the job; if it persists, check the runner\'s network access to the token endpoint',
      };
    default:
      return {
        ...base,
        messageId: 'badAnswer',
        severity: 'error',
        message: `The GitHub runner did not hand out an ID token: ${token.detail}`,
        why: 'npm reads the token from the same answer; without it npm skips trusted publishing and the publish fails with ENEEDAUTH or E404',
        fix: 'Re-run the job; if it persists, report it to GitHub with the HTTP status above',
      };
  }
}

export function exchangeFinding(name: string, result: ExchangeResult, claims: Claims | undefined, provider: CiProvider | undefined, timeoutMs: number): ProbeFinding {
  const data: Record<string, string | number> = { package: name, url: result.url };
  if (result.kind === 'ok') {
    return {
      check: 'exchange',
      messageId: 'ok',
      severity: 'info',
      message: `The registry accepted the token exchange for "${name}" (HTTP ${result.status}): trusted publishing will work for it from this job`,
      why: 'The registry issued a short-lived publish token for this package, which probe discarded without printing or storing it',
      fix: 'Nothing to do',
      data: { ...data, status: result.status },
    };
  }
  if (result.kind === 'no-token') {
    return {
      check: 'exchange',
      messageId: 'noToken',
      severity: 'error',
      message: `The registry answered the token exchange for "${name}" with HTTP ${result.status} but no token`,
      why: 'npm needs the `token` field of the answer; without it npm falls back to other credentials and the publish ends in E404 or ENEEDAUTH',
      fix: 'Check that the registry supports npm trusted publishing (`--registry`, NPM_CONFIG_REGISTRY)',
      data: { ...data, status: result.status },
    };
  }
  if (result.kind === 'timeout' || result.kind === 'network') {
    return {
      check: 'exchange',
      messageId: result.kind,
      severity: 'warning',
      message: `Could not try the token exchange for "${name}": ${result.kind === 'timeout' ? `the registry gave no answer within ${timeoutMs} ms (--timeout changes it)` : `the registry could not be reached (${result.detail})`}`,
      why: 'Without an answer probe cannot tell whether the registry accepts this job\'s token',
      fix: 'Re-run probe; check the registry URL (`--registry`, NPM_CONFIG_REGISTRY) and the job\'s network access',
      data: { ...data, detail: result.detail },
    };
  }
  return refusedFinding(name, result, data, claims, provider);
}

/** The registry said no (an HTTP status with its message): the likely causes by status. */
function refusedFinding(
  name: string,
  result: Extract<ExchangeResult, { kind: 'rejected' }>,
  data: Record<string, string | number>,
  claims: Claims | undefined,
  provider: CiProvider | undefined,
): ProbeFinding {
  const said = result.message !== undefined ? `"${result.message}"` : 'no readable message';
  const answer = `HTTP ${result.status} ${said}`;
  const falls = 'npm logs this only at verbose level, falls back to other credentials and the publish ends in E404 or ENEEDAUTH';
  const withAnswer = { ...data, status: result.status, answer: result.message ?? '' };
  if (result.status === 404) {
    const causes = [
      'the package does not exist on the registry yet (a trusted publisher can only be added to an existing package, so its first version needs another publishing method)',
      'no trusted publisher is configured for it on npmjs.com',
      `the trusted publisher's values differ from this token's${claimSummary(claims, provider)} (compared exactly, case-sensitively)`,
    ];
    const sub = claims ? stringClaim(claims, 'sub') : undefined;
    if (sub && IMMUTABLE_SUBJECT.test(sub)) causes.push("the repository uses GitHub's immutable subject claims, which the registry does not match yet (npm/cli#9969)");
    return {
      check: 'exchange',
      messageId: 'notFound',
      severity: 'error',
      message: `The registry refused the token exchange for "${name}": ${answer}`,
      why: `${falls}. Likely causes: ${causes.map((c, i) => `(${i + 1}) ${c}`).join('; ')}`,
      fix: `Compare the package's Settings → Trusted publisher on npmjs.com with the values in probe/claims; publish "${name}" once by another method if it is new`,
      data: withAnswer,
    };
  }
  if (result.status === 401) {
    return {
      check: 'exchange',
      messageId: 'unauthorized',
      severity: 'error',
      message: `The registry refused the token exchange for "${name}": ${answer}`,
      why: `${falls}. Likely causes: the token's audience is not "npm:<registry host>", it has expired, or it was not issued by a provider the registry trusts`,
      fix: 'See probe/audience and probe/expiry above; let npm obtain the token itself where it can (GitHub), or request it with the npm audience right before the publish',
      data: withAnswer,
    };
  }
  if (result.status === 403) {
    return {
      check: 'exchange',
      messageId: 'forbidden',
      severity: 'error',
      message: `The registry refused the token exchange for "${name}": ${answer}`,
      why: `${falls}. Likely causes: the trusted publisher's allowed actions exclude this one (the npmjs.com form may create publishers that allow stage publish only), or the package's publishing access setting rejects trusted publishing`,
      fix: 'On npmjs.com, check the trusted publisher\'s allowed actions (publish / stage publish) and the package\'s publishing access',
      data: withAnswer,
    };
  }
  if (result.status >= 500) {
    return {
      check: 'exchange',
      messageId: 'registryError',
      severity: 'warning',
      message: `The registry failed on the token exchange for "${name}": ${answer}`,
      why: 'A server error says nothing about the configuration; a publish now would likely fail the same way',
      fix: 'Re-run later; check https://status.npmjs.org',
      data: withAnswer,
    };
  }
  return {
    check: 'exchange',
    messageId: 'rejected',
    severity: 'error',
    message: `The registry refused the token exchange for "${name}": ${answer}`,
    why: falls,
    fix: 'Read the registry\'s message above; compare the trusted publisher on npmjs.com with probe/claims',
    data: withAnswer,
  };
}

function claimSummary(claims: Claims | undefined, provider: CiProvider | undefined): string {
  if (!claims) return '';
  const s = (k: string): string | undefined => stringClaim(claims, k);
  if (provider === 'github') {
    const file = parseWorkflowRef(s('workflow_ref'))?.file;
    return ` (repository "${s('repository') ?? '?'}", workflow "${file ?? '?'}", ${s('environment') ? `environment "${s('environment')}"` : 'no environment'})`;
  }
  if (provider === 'gitlab') return ` (project "${s('project_path') ?? '?'}", ${s('environment') ? `environment "${s('environment')}"` : 'no environment'})`;
  if (provider === 'circleci') return ` (project id "${s('oidc.circleci.com/project-id') ?? '?'}")`;
  return '';
}
