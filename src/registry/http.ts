/**
 * A small HTTP client over Node's built-in `fetch`: a time limit per attempt (headers and body),
 * retries with exponential back-off on 429, 5xx, time-outs and network errors, `Retry-After`
 * honoured (seconds or an HTTP date), a cap on the body size. Hand-written on purpose: the built-in
 * `fetch` does the HTTP; what is left (about a hundred lines) is policy that a library such as
 * `make-fetch-happen` would bring with a cache and a dependency tree tp-doctor does not need.
 */

export interface HttpOptions {
  /** Time limit of one attempt, headers and body together. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** First back-off delay; doubled on every retry. */
  baseDelayMs: number;
  /** Upper bound of one back-off delay. */
  maxDelayMs: number;
  /** A longer `Retry-After` is not waited for: the answer is returned as it is. */
  maxRetryAfterMs: number;
  /** Bodies larger than this are cut off (`truncated`). */
  maxBodyBytes: number;
  userAgent: string;
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = {
  timeoutMs: 10_000,
  retries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  maxBodyBytes: 4 * 1024 * 1024,
  userAgent: 'tp-doctor',
};

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** False: only the status and headers matter; the body is discarded unread. */
  readBody?: boolean;
}

export type HttpResult =
  | {
      kind: 'response';
      status: number;
      headers: Headers;
      body: string;
      truncated: boolean;
      attempts: number;
      /** Set when the last answer asked to wait (429/503 `Retry-After`), in milliseconds. */
      retryAfterMs?: number;
    }
  | { kind: 'timeout'; attempts: number }
  | { kind: 'network'; attempts: number; code: string };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function retryable(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoff(attempt: number, options: HttpOptions): number {
  const full = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  // Jitter (50–100 %), so that parallel requests that failed together do not retry together.
  return Math.round(full * (0.5 + Math.random() * 0.5));
}

async function readCapped(response: Response, max: number, signal: AbortSignal): Promise<{ body: string; truncated: boolean }> {
  if (!response.body) return { body: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        truncated = true;
        await reader.cancel();
        break;
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return { body: Buffer.concat(chunks).toString('utf8'), truncated };
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  // fetch refuses some ports ("bad port") and URLs before connecting: its cause says why.
  if (cause && typeof cause.message === 'string' && cause.message !== '') return cause.message;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : ((error as Error).message ?? 'unknown error');
}

async function attempt(req: HttpRequest, options: HttpOptions): Promise<HttpResultNoAttempts> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError()), options.timeoutMs);
  try {
    const response = await fetch(req.url, {
      method: req.method,
      headers: { 'user-agent': options.userAgent, ...req.headers },
      body: req.body,
      signal: controller.signal,
      // Node's fetch drops `Authorization` on a redirect to another origin (tested in http.test.ts).
      redirect: 'follow',
    });
    if (req.readBody === false) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'response', status: response.status, headers: response.headers, body: '', truncated: false };
    }
    const { body, truncated } = await readCapped(response, options.maxBodyBytes, controller.signal);
    return { kind: 'response', status: response.status, headers: response.headers, body, truncated };
  } catch (error) {
    if (controller.signal.aborted || error instanceof TimeoutError) return { kind: 'timeout' };
    return { kind: 'network', code: errorCode(error) };
  } finally {
    clearTimeout(timer);
  }
}

type HttpResultNoAttempts =
  | { kind: 'response'; status: number; headers: Headers; body: string; truncated: boolean }
  | { kind: 'timeout' }
  | { kind: 'network'; code: string };

class TimeoutError extends Error {
  constructor() {
    super('timed out');
    this.name = 'TimeoutError';
  }
}

/** One request with the retry policy. Never throws. */
export async function request(req: HttpRequest, options: HttpOptions = DEFAULT_HTTP_OPTIONS): Promise<HttpResult> {
  for (let n = 1; ; n++) {
    const result = await attempt(req, options);
    const last = n > options.retries;
    if (result.kind === 'response') {
      const retryAfterMs = parseRetryAfter(result.headers.get('retry-after'));
      const done = { ...result, attempts: n, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
      if (!retryable(result.status) || last) return done;
      if (retryAfterMs !== undefined && retryAfterMs > options.maxRetryAfterMs) return done;
      await sleep(Math.max(backoff(n, options), retryAfterMs ?? 0));
      continue;
    }
    if (last) return { ...result, attempts: n };
    await sleep(backoff(n, options));
  }
}

/**
 * Runs `fn` over `items` with at most `limit` running at once; results in input order. Hand-written
 * (ten lines) rather than `p-limit`, for one call site.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
