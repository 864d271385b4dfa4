/**
 * The two HTTP requests probe makes (the GitHub runner's token endpoint and the registry's token
 * exchange), with a hard timeout. Built on Node's global fetch: no dependency for two requests.
 */

export type HttpResult =
  | { ok: true; status: number; statusText: string; body: string }
  | { ok: false; kind: 'timeout' | 'network'; detail: string };

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** Answers larger than this are cut: both endpoints answer with a few hundred bytes of JSON. */
const MAX_BODY_CHARS = 64 * 1024;

export async function httpRequest(request: HttpRequest): Promise<HttpResult> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await fetch(request.url, { method: request.method, headers: request.headers, signal, redirect: 'follow' });
    const body = await response.text();
    return { ok: true, status: response.status, statusText: response.statusText, body: body.slice(0, MAX_BODY_CHARS) };
  } catch (error) {
    const name = (error as Error).name;
    if (signal.aborted || name === 'TimeoutError' || name === 'AbortError') {
      return { ok: false, kind: 'timeout', detail: `no answer within ${request.timeoutMs} ms` };
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, kind: 'network', detail: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}

/** `https://host/path?query` → `https://host` (the only part of a URL probe prints). */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}
