/**
 * Obtains the OIDC ID token exactly the way npm's OIDC routine does (npm 11.5.1 and later,
 * `lib/utils/oidc.js`, read in npm 12.2.2):
 *
 * 1. `NPM_ID_TOKEN` in the environment always wins, on every provider.
 * 2. Otherwise, on GitHub Actions only: `GET $ACTIONS_ID_TOKEN_REQUEST_URL` with the query parameter
 *    `audience=npm:<registry host>` appended and the header
 *    `Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN`; the answer is JSON `{ "value": <token> }`.
 *    The runner only sets those two variables when the job's token has `id-token: write`.
 * 3. On GitLab and CircleCI there is nothing else: no `NPM_ID_TOKEN`, no trusted publishing.
 *
 * The token is returned to the caller and never logged or printed here.
 */
import { httpRequest, originOf } from './http.js';
import type { CiProvider } from './provider.js';

export type TokenSource = 'NPM_ID_TOKEN' | 'github-runner';

export type IdTokenProblem =
  | 'github-permission'
  | 'github-http'
  | 'github-json'
  | 'github-no-value'
  | 'github-timeout'
  | 'github-network'
  | 'gitlab-missing'
  | 'circleci-missing'
  | 'no-provider';

export type IdTokenResult =
  | { ok: true; token: string; source: TokenSource; audience: string }
  | { ok: false; problem: IdTokenProblem; detail: string; audience: string };

export interface IdTokenRequest {
  provider: CiProvider | undefined;
  env: NodeJS.ProcessEnv;
  /** The registry URL the publish goes to; its hostname makes the audience. */
  registry: string;
  timeoutMs: number;
}

/** `npm:` + the registry's hostname, as npm computes it (`new URL(registry).hostname`). */
export function audienceFor(registry: string): string {
  return `npm:${new URL(registry).hostname}`;
}

export async function getIdToken(request: IdTokenRequest): Promise<IdTokenResult> {
  const audience = audienceFor(request.registry);
  const { env } = request;
  const given = env.NPM_ID_TOKEN;
  if (given) return { ok: true, token: given.trim(), source: 'NPM_ID_TOKEN', audience };

  if (request.provider === 'gitlab') {
    return { ok: false, problem: 'gitlab-missing', detail: 'NPM_ID_TOKEN is not set', audience };
  }
  if (request.provider === 'circleci') {
    return { ok: false, problem: 'circleci-missing', detail: 'NPM_ID_TOKEN is not set', audience };
  }
  if (request.provider !== 'github') {
    return { ok: false, problem: 'no-provider', detail: 'NPM_ID_TOKEN is not set', audience };
  }

  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !bearer) {
    const missing = [!url && 'ACTIONS_ID_TOKEN_REQUEST_URL', !bearer && 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].filter(Boolean);
    return {
      ok: false,
      problem: 'github-permission',
      detail: `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`,
      audience,
    };
  }
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, problem: 'github-http', detail: 'ACTIONS_ID_TOKEN_REQUEST_URL is not a valid URL', audience };
  }
  target.searchParams.append('audience', audience);
  const answer = await httpRequest({
    method: 'GET',
    url: target.href,
    headers: { Accept: 'application/json', Authorization: `Bearer ${bearer}` },
    timeoutMs: request.timeoutMs,
  });
  const where = originOf(url);
  if (!answer.ok) {
    return answer.kind === 'timeout'
      ? { ok: false, problem: 'github-timeout', detail: `the token endpoint at ${where} gave ${answer.detail}`, audience }
      : { ok: false, problem: 'github-network', detail: `the token endpoint at ${where} could not be reached (${answer.detail})`, audience };
  }
  if (answer.status < 200 || answer.status > 299) {
    return { ok: false, problem: 'github-http', detail: `the token endpoint at ${where} answered HTTP ${answer.status}`, audience };
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return { ok: false, problem: 'github-json', detail: `the token endpoint at ${where} answered HTTP ${answer.status} with a body that is not JSON`, audience };
  }
  const value = json !== null && typeof json === 'object' ? (json as { value?: unknown }).value : undefined;
  if (typeof value !== 'string' || value === '') {
    return { ok: false, problem: 'github-no-value', detail: `the token endpoint at ${where} answered without a \`value\``, audience };
  }
  return { ok: true, token: value, source: 'github-runner', audience };
}
