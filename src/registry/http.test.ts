import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRegistry, type FakeRegistry } from '../../test/registry-server.js';
import { DEFAULT_HTTP_OPTIONS, mapLimit, parseRetryAfter, request, type HttpOptions } from './http.js';

const FAST: HttpOptions = { ...DEFAULT_HTTP_OPTIONS, timeoutMs: 2000, retries: 2, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 5000 };

let registry: FakeRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

async function withPackage(): Promise<FakeRegistry> {
  registry = await startRegistry();
  registry.packages.set('widget', []);
  return registry;
}

describe('request', () => {
  it('answers a plain GET with the status and body', async () => {
    const r = await withPackage();
    const got = await request({ method: 'GET', url: `${r.url}widget` }, FAST);
    expect(got.kind).toBe('response');
    if (got.kind !== 'response') return;
    expect(got.status).toBe(200);
    expect(JSON.parse(got.body).name).toBe('widget');
    expect(got.attempts).toBe(1);
  });

  it('retries a 500 and returns the success that follows', async () => {
    const r = await withPackage();
    r.fault('/widget', { status: 500 });
    const got = await request({ method: 'GET', url: `${r.url}widget` }, FAST);
    expect(got).toMatchObject({ kind: 'response', status: 200, attempts: 2 });
    expect(r.requests.filter((q) => q.path === '/widget')).toHaveLength(2);
  });

  it('gives up after the retries and returns the last 5xx', async () => {
    const r = await withPackage();
    r.fault('/widget', { status: 503 }, { status: 502 }, { status: 500 });
    const got = await request({ method: 'GET', url: `${r.url}widget` }, FAST);
    expect(got).toMatchObject({ kind: 'response', status: 500, attempts: 3 });
  });

  it('does not retry a 404 or a 401', async () => {
    const r = await withPackage();
    const missing = await request({ method: 'GET', url: `${r.url}nope` }, FAST);
    expect(missing).toMatchObject({ status: 404, attempts: 1 });
    const denied = await request({ method: 'GET', url: `${r.url}-/package/widget/trust` }, FAST);
    expect(denied).toMatchObject({ status: 401, attempts: 1 });
  });

  it('waits as long as a 429 Retry-After asks before retrying', async () => {
    const r = await withPackage();
    r.fault('/widget', { status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const got = await request({ method: 'GET', url: `${r.url}widget` }, FAST);
    expect(got).toMatchObject({ kind: 'response', status: 200, attempts: 2 });
    // The back-off alone is at most 100 ms here; the second request waited for Retry-After.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('does not wait for a Retry-After beyond the limit and says how long it was', async () => {
    const r = await withPackage();
    r.fault('/widget', { status: 429, headers: { 'retry-after': '120' } });
    const started = Date.now();
    const got = await request({ method: 'GET', url: `${r.url}widget` }, FAST);
    expect(got).toMatchObject({ kind: 'response', status: 429, attempts: 1, retryAfterMs: 120_000 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a slow answer, retries, and reports a time-out', async () => {
    const r = await withPackage();
    r.fault('/widget', { delayMs: 1500 }, { delayMs: 1500 });
    const got = await request({ method: 'GET', url: `${r.url}widget` }, { ...FAST, timeoutMs: 150, retries: 1 });
    expect(got).toEqual({ kind: 'timeout', attempts: 2 });
  });

  it('recovers when only the first answer is slow', async () => {
    const r = await withPackage();
    r.fault('/widget', { delayMs: 1500 });
    const got = await request({ method: 'GET', url: `${r.url}widget` }, { ...FAST, timeoutMs: 300 });
    expect(got).toMatchObject({ kind: 'response', status: 200, attempts: 2 });
  });

  it('times out a body that stalls after the headers', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      // never ends
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const got = await request({ method: 'GET', url: `http://127.0.0.1:${port}/x` }, { ...FAST, timeoutMs: 200, retries: 0 });
      expect(got).toEqual({ kind: 'timeout', attempts: 1 });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reports a refused connection as a network error after the retries', async () => {
    const r = await startRegistry();
    const url = `${r.url}widget`;
    await r.close();
    const got = await request({ method: 'GET', url }, FAST);
    expect(got).toEqual({ kind: 'network', attempts: 3, code: 'ECONNREFUSED' });
  });

  it('follows a redirect to another origin without the credentials', async () => {
    const seen: (string | undefined)[] = [];
    const target = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.end('[]');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const to = `http://127.0.0.1:${(target.address() as AddressInfo).port}/x`;
    const hop = http.createServer((_req, res) => res.writeHead(302, { location: to }).end());
    await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
    try {
      const got = await request({ method: 'GET', url: `http://127.0.0.1:${(hop.address() as AddressInfo).port}/`, headers: { authorization: 'Bearer secret' } }, FAST);
      expect(got).toMatchObject({ kind: 'response', status: 200, body: '[]' });
      expect(seen).toEqual([undefined]);
    } finally {
      await new Promise((resolve) => hop.close(resolve));
      await new Promise((resolve) => target.close(resolve));
    }
  });

  it('cuts a body larger than the limit', async () => {
    const r = await withPackage();
    r.fault('/widget', { status: 200, body: 'x'.repeat(10_000) });
    const got = await request({ method: 'GET', url: `${r.url}widget` }, { ...FAST, maxBodyBytes: 1000 });
    expect(got).toMatchObject({ kind: 'response', truncated: true });
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3000],
    [' 0 ', 0],
    ['soon', undefined],
  ])('%j → %j', (value, ms) => {
    expect(parseRetryAfter(value)).toBe(ms);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('Wed, 02 Dec 2026 10:00:00 GMT');
    expect(parseRetryAfter('Wed, 02 Dec 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 02 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('mapLimit', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let active = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 6, 7], 3, async (n) => {
      active++;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, n * 5));
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 60, 70]);
    expect(most).toBe(3);
  });

  it('handles an empty list', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});
