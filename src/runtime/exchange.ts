/**
 * The registry's token exchange, performed the way npm performs it (lib/utils/oidc.js):
 * `POST new URL('/-/npm/v1/oidc/token/exchange/package/<escaped name>', registry)` with
 * `Authorization: Bearer <ID token>` and no body. The escaped name is npm-package-arg's
 * `escapedName`: a scoped name's `/` becomes `%2f` (`@scope%2fname`), nothing else changes. The
 * path is absolute, so a registry URL with a path (`https://host/npm/`) exchanges at the host root,
 * as npm does.
 *
 * On success the registry returns a short-lived publish token. It is never returned from here,
 * never stored and never printed: the body is only checked for a `token` field and dropped.
 */
import { httpRequest, originOf } from './http.js';

export type ExchangeResult =
  | { kind: 'ok'; status: number; url: string }
  | { kind: 'no-token'; status: number; url: string }
  | { kind: 'rejected'; status: number; statusText: string; message?: string; url: string }
  | { kind: 'timeout'; detail: string; url: string }
  | { kind: 'network'; detail: string; url: string };

export interface ExchangeRequest {
  registry: string;
  packageName: string;
  idToken: string;
  /** Sent as npm sends it: `npm/<version> node/<version> <platform> <arch> workspaces/false ci/<name>`. */
  userAgent: string;
  timeoutMs: number;
}

export function escapePackageName(name: string): string {
  return name.replace('/', '%2f');
}

export function exchangeUrl(registry: string, packageName: string): string {
  return new URL(`/-/npm/v1/oidc/token/exchange/package/${escapePackageName(packageName)}`, registry).href;
}

/** The registry's error text: npm-registry-fetch reads `error`, then `message` of a JSON body. */
function registryMessage(body: string): string | undefined {
  try {
    const json: unknown = JSON.parse(body);
    if (json !== null && typeof json === 'object') {
      const { error, message } = json as { error?: unknown; message?: unknown };
      if (typeof error === 'string' && error) return error;
      if (typeof message === 'string' && message) return message;
    }
  } catch {
    // not JSON: fall through
  }
  return undefined;
}

export async function exchange(request: ExchangeRequest): Promise<ExchangeResult> {
  const url = exchangeUrl(request.registry, request.packageName);
  const answer = await httpRequest({
    method: 'POST',
    url,
    headers: {
      Accept: 'application/json',
      Authorization: `Bearer ${request.idToken}`,
      'npm-command': 'publish',
      'User-Agent': request.userAgent,
    },
    timeoutMs: request.timeoutMs,
  });
  const where = `${originOf(url)}/-/npm/v1/oidc/token/exchange/package/${escapePackageName(request.packageName)}`;
  if (!answer.ok) return answer.kind === 'timeout' ? { kind: 'timeout', detail: answer.detail, url: where } : { kind: 'network', detail: answer.detail, url: where };
  if (answer.status >= 200 && answer.status <= 299) {
    let hasToken: boolean;
    try {
      const json = JSON.parse(answer.body) as { token?: unknown } | null;
      hasToken = typeof json?.token === 'string' && json.token !== '';
    } catch {
      hasToken = false;
    }
    // `answer` (and with it the publish token) goes out of scope here.
    return hasToken ? { kind: 'ok', status: answer.status, url: where } : { kind: 'no-token', status: answer.status, url: where };
  }
  const message = registryMessage(answer.body);
  return { kind: 'rejected', status: answer.status, statusText: answer.statusText, url: where, ...(message !== undefined ? { message } : {}) };
}
