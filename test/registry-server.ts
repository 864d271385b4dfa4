/**
 * A small npm registry for tests, on 127.0.0.1 and a free port, implementing what tp-doctor and
 * `npm trust` use (npm 12.2.2, `lib/trust-cmd.js`, `lib/commands/trust/*.js`):
 *   GET    /<escaped-name>                    the packument (404 when the package does not exist)
 *   GET    /-/package/<escaped-name>/trust     the registered trusted publishers (needs the token)
 *   POST   /-/package/<escaped-name>/trust     create from `[{type, claims, permissions}]`
 *   DELETE /-/package/<escaped-name>/trust/<id>
 * `<escaped-name>` is `@scope%2fname`. Scripted faults (`fault`) are served first, one per request,
 * for the paths they name: a status (with headers and a body), a delay, or a broken body.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface TrustRecord {
  id: string;
  type: string;
  claims: Record<string, unknown>;
  permissions?: string[];
}

export interface Fault {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (a slow registry). */
  delayMs?: number;
}

export interface SeenRequest {
  method: string;
  path: string;
  authorization?: string;
  accept?: string;
}

export interface FakeRegistry {
  /** `http://127.0.0.1:<port>/`. */
  url: string;
  port: number;
  /** Existing packages and their trusted publishers. */
  packages: Map<string, TrustRecord[]>;
  requests: SeenRequest[];
  /** The most requests that were being answered at the same time. */
  maxInFlight: number;
  /** Queue faults for a path (as requested, e.g. `/-/package/widget/trust`); served before the normal answer. */
  fault(path: string, ...faults: Fault[]): void;
  close(): Promise<void>;
}

export const TEST_TOKEN = 'npm_testtoken0123456789abcdefghijklmnopqrstuv';

export async function startRegistry(options: { token?: string } = {}): Promise<FakeRegistry> {
  const token = options.token ?? TEST_TOKEN;
  const packages = new Map<string, TrustRecord[]>();
  const requests: SeenRequest[] = [];
  const faults = new Map<string, Fault[]>();
  const sockets = new Set<Socket>();

  let inFlight = 0;
  const state = { maxInFlight: 0 };
  const server = http.createServer((req, res) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const rawPath = (req.url ?? '/').split('?')[0]!;
    requests.push({ method: req.method ?? '', path: rawPath, authorization: req.headers.authorization, accept: req.headers.accept });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(text);
      };
      const queue = faults.get(rawPath);
      const fault = queue?.shift();
      if (fault) {
        setTimeout(() => {
          if (res.destroyed) return;
          if (fault.status === undefined) return void answer();
          send(fault.status, fault.body ?? { error: `status ${fault.status}` }, fault.headers);
        }, fault.delayMs ?? 0);
        return;
      }
      answer();

      function answer(): void {
        const authorized = req.headers.authorization === `Bearer ${token}`;
        const trust = /^\/-\/package\/([^/]+)\/trust(?:\/([^/]+))?$/.exec(rawPath);
        if (trust) {
          const name = decodeURIComponent(trust[1]!);
          if (!authorized) return send(401, { error: 'You must be logged in' }, { 'www-authenticate': 'Bearer' });
          const records = packages.get(name);
          if (!records) return send(404, { error: 'Not found' });
          if (req.method === 'GET' && !trust[2]) return send(200, records);
          if (req.method === 'POST' && !trust[2]) {
            let body: unknown;
            try {
              body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              return send(400, { error: 'invalid JSON' });
            }
            if (!Array.isArray(body) || body.length !== 1) return send(400, { error: 'expected one configuration' });
            // One trusted publisher per package.
            if (records.length > 0) return send(409, { error: 'a trusted publisher already exists for this package' });
            const item = body[0] as Omit<TrustRecord, 'id'>;
            const record: TrustRecord = { id: randomUUID(), type: item.type, claims: item.claims, ...(item.permissions ? { permissions: item.permissions } : {}) };
            records.push(record);
            return send(201, [record]);
          }
          if (req.method === 'DELETE' && trust[2]) {
            const at = records.findIndex((r) => r.id === decodeURIComponent(trust[2]!));
            if (at < 0) return send(404, { error: 'no such trusted publisher' });
            records.splice(at, 1);
            res.writeHead(204).end();
            return;
          }
          return send(405, { error: 'method not allowed' });
        }
        if (req.method === 'GET' && /^\/[^/]+$/.test(rawPath)) {
          const name = decodeURIComponent(rawPath.slice(1));
          if (!packages.has(name)) return send(404, { error: 'Not found' });
          return send(200, { name, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name, version: '1.0.0' } } }, {
            'content-type': 'application/vnd.npm.install-v1+json',
          });
        }
        send(404, { error: 'Not found' });
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    packages,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    fault(path, ...list) {
      faults.set(path, [...(faults.get(path) ?? []), ...list]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A GitHub trust record as `npm trust github` creates it. */
export function githubRecord(fields: { repository: string; file: string; environment?: string; permissions?: string[] }): TrustRecord {
  return {
    id: randomUUID(),
    type: 'github',
    claims: { repository: fields.repository, workflow_ref: { file: fields.file }, ...(fields.environment ? { environment: fields.environment } : {}) },
    ...(fields.permissions ? { permissions: fields.permissions } : {}),
  };
}
