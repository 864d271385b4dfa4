/**
 * The two registry reads `--online` needs, with their answers turned into plain data:
 * `GET /<name>` (the abbreviated packument: does the package exist?) and
 * `GET /-/package/<name>/trust` (the trusted publishers registered for it; needs credentials).
 * Paths and record shapes as npm 12.2.2 uses them (`lib/trust-cmd.js`, `lib/commands/trust/*.js`).
 */
import type { PublisherAction } from '../config/types.js';
import { request, type HttpOptions, type HttpResult } from './http.js';
import type { RegistrySettings } from './npm-config.js';
import type { PackageRegistration, RegisteredPublisher, Unavailable } from '../model/core/registrations.js';

export interface RegistryClient {
  settings: RegistrySettings;
  http: HttpOptions;
}

/** npm-package-arg's `escapedName`: `@scope/name` → `@scope%2fname`. */
export function escapeName(name: string): string {
  return name.replace('/', '%2f');
}

function url(client: RegistryClient, path: string): string {
  return new URL(path, client.settings.registry).toString();
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/** A failed exchange in words, never with a credential (the request carries it only in a header). */
function unavailable(result: HttpResult, what: string, client: RegistryClient): Unavailable {
  const tries = result.attempts > 1 ? ` (${result.attempts} attempts)` : '';
  if (result.kind === 'timeout') {
    return { reason: 'timeout', detail: `${what}: no answer within ${seconds(client.http.timeoutMs)}${tries}` };
  }
  if (result.kind === 'network') return { reason: 'network', detail: `${what}: ${result.code}${tries}` };
  const status = result.status;
  const auth = client.settings.auth;
  if (status === 401) {
    const challenge = `${result.headers.get('www-authenticate') ?? ''} ${result.body.slice(0, 2000)}`;
    if (/\botp\b|one-time pass/i.test(challenge)) {
      return { reason: 'otp-required', detail: `${what}: the registry asks for a one-time password (401)` };
    }
    return auth
      ? { reason: 'unauthorized', detail: `${what}: the registry refused the credentials from ${auth.source} (401)` }
      : { reason: 'no-credentials', detail: `${what}: the registry requires credentials (401)` };
  }
  if (status === 403) return { reason: 'forbidden', detail: `${what}: access denied (403)` };
  if (status === 404) return { reason: 'not-found', detail: `${what}: not found (404)` };
  if (status === 429) {
    const wait = result.retryAfterMs !== undefined ? `; the registry asks to wait ${seconds(result.retryAfterMs)}` : '';
    return { reason: 'rate-limited', detail: `${what}: too many requests (429)${tries}${wait}` };
  }
  if (status >= 500) return { reason: 'server-error', detail: `${what}: server error (${status})${tries}` };
  return { reason: 'http-error', detail: `${what}: unexpected HTTP status ${status}` };
}

function headers(client: RegistryClient, accept: string): Record<string, string> {
  const out: Record<string, string> = { accept };
  if (client.settings.auth) out['authorization'] = client.settings.auth.header;
  return out;
}

/** Does the package exist? The abbreviated packument, with credentials when there are some (like `npm view`). */
export async function packageExists(client: RegistryClient, name: string): Promise<Pick<PackageRegistration, 'exists' | 'existenceProblem'>> {
  const result = await request(
    { method: 'GET', url: url(client, escapeName(name)), headers: headers(client, 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8'), readBody: false },
    client.http,
  );
  if (result.kind === 'response' && result.status >= 200 && result.status < 300) return { exists: 'yes' };
  if (result.kind === 'response' && result.status === 404) return { exists: 'no' };
  return { exists: 'unknown', existenceProblem: unavailable(result, `GET /${escapeName(name)}`, client) };
}

const PERMISSIONS: Record<string, PublisherAction> = { createPackage: 'publish', createStagedPackage: 'stage-publish' };

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** One record of the trust list; undefined when it is not an object with a `type`. */
export function readRecord(value: unknown): RegisteredPublisher | undefined {
  const record = obj(value);
  const type = str(record?.['type']);
  if (!record || !type) return undefined;
  const claims = obj(record['claims']) ?? {};
  const listed = Array.isArray(record['permissions']);
  const raw = listed ? (record['permissions'] as unknown[]) : [];
  // A record without `permissions` predates allowed actions and allows publish only.
  const actions = listed
    ? [...new Set(raw.map((p) => (typeof p === 'string' ? PERMISSIONS[p] : undefined)).filter((a): a is PublisherAction => a !== undefined))]
    : (['publish'] as PublisherAction[]);
  const id = str(record['id']) ?? (typeof record['id'] === 'number' ? String(record['id']) : undefined);
  const base = { ...(id !== undefined ? { id } : {}), actions, permissionsListed: listed };
  const put = <T extends object>(target: T, key: string, v: string | undefined): T => (v === undefined ? target : { ...target, [key]: v });
  if (type === 'github') {
    let out: RegisteredPublisher = { type: 'github', ...base };
    out = put(out, 'repository', str(claims['repository']));
    out = put(out, 'file', str(obj(claims['workflow_ref'])?.['file']));
    return put(out, 'environment', str(claims['environment']));
  }
  if (type === 'gitlab') {
    let out: RegisteredPublisher = { type: 'gitlab', ...base };
    out = put(out, 'project', str(claims['project_path']));
    out = put(out, 'file', str(obj(claims['ci_config_ref_uri'])?.['file']));
    return put(out, 'environment', str(claims['environment']));
  }
  if (type === 'circleci') {
    const c = (k: string): string | undefined => str(claims[`oidc.circleci.com/${k}`]);
    let out: RegisteredPublisher = { type: 'circleci', ...base };
    out = put(out, 'organizationId', c('org-id'));
    out = put(out, 'projectId', c('project-id'));
    out = put(out, 'pipelineDefinitionId', c('pipeline-definition-id'));
    out = put(out, 'vcsOrigin', c('vcs-origin'));
    const contexts = claims['oidc.circleci.com/context-ids'];
    if (Array.isArray(contexts)) out = { ...out, contextIds: contexts.filter((x): x is string => typeof x === 'string') };
    return out;
  }
  return { type: 'other', name: type, ...base };
}

/** The registered trusted publishers of a package. */
export async function listTrust(client: RegistryClient, name: string): Promise<PackageRegistration['trust']> {
  const path = `-/package/${escapeName(name)}/trust`;
  const result = await request({ method: 'GET', url: url(client, path), headers: headers(client, 'application/json') }, client.http);
  if (result.kind !== 'response' || result.status < 200 || result.status >= 300) {
    return { ok: false, ...unavailable(result, `GET /${path}`, client) };
  }
  if (result.truncated) return { ok: false, reason: 'malformed', detail: `GET /${path}: the answer is larger than ${client.http.maxBodyBytes} bytes` };
  let data: unknown;
  try {
    data = JSON.parse(result.body);
  } catch {
    return { ok: false, reason: 'malformed', detail: `GET /${path}: the answer is not JSON` };
  }
  // npm's `trust list` accepts one object as well as a list.
  const list = Array.isArray(data) ? data : obj(data) ? [data] : undefined;
  const records = list?.map(readRecord);
  if (!records || records.some((r) => r === undefined)) {
    return { ok: false, reason: 'malformed', detail: `GET /${path}: expected a JSON list of trusted-publisher records` };
  }
  return { ok: true, publishers: records as RegisteredPublisher[] };
}
