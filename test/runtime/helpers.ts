/**
 * Test fixtures for probe and diagnose: real RS256-signed JWTs made with a throw-away key, local
 * HTTP servers on 127.0.0.1 (port 0) standing in for the GitHub runner's token endpoint and the
 * registry, temporary repositories, a fake `npm` on PATH, and the CLI run in process.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/main.js';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWT signed with RS256 by hand: base64url(header).base64url(claims).base64url(signature). */
export function signJwt(claims: Record<string, unknown>): string {
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid: 'test-key' });
  const body = b64url(claims);
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Claims of a GitHub Actions ID token as npm requests it (audience npm:registry.npmjs.org). */
export function githubClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const workflow = 'acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0';
  return {
    iss: 'https://token.actions.githubusercontent.com',
    aud: 'npm:registry.npmjs.org',
    sub: 'repo:acme/widget:ref:refs/tags/v1.0.0',
    repository: 'acme/widget',
    repository_owner: 'acme',
    repository_visibility: 'public',
    workflow_ref: workflow,
    job_workflow_ref: workflow,
    event_name: 'push',
    ref: 'refs/tags/v1.0.0',
    runner_environment: 'github-hosted',
    iat: nowSeconds() - 5,
    nbf: nowSeconds() - 5,
    exp: nowSeconds() + 300,
    ...overrides,
  };
}

export function gitlabClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: 'https://gitlab.com',
    aud: 'npm:registry.npmjs.org',
    sub: 'project_path:acme/widget:ref_type:tag:ref:v1.0.0',
    project_path: 'acme/widget',
    ci_config_ref_uri: 'gitlab.com/acme/widget//.gitlab-ci.yml@refs/tags/v1.0.0',
    runner_environment: 'gitlab-hosted',
    iat: nowSeconds() - 5,
    exp: nowSeconds() + 300,
    ...overrides,
  };
}

export function circleciClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: 'https://oidc.circleci.com/org/11111111-1111-4111-8111-111111111111',
    aud: 'npm:registry.npmjs.org',
    sub: 'org/11111111-1111-4111-8111-111111111111/project/22222222-2222-4222-8222-222222222222/user/33333333-3333-4333-8333-333333333333',
    'oidc.circleci.com/org-id': '11111111-1111-4111-8111-111111111111',
    'oidc.circleci.com/project-id': '22222222-2222-4222-8222-222222222222',
    'oidc.circleci.com/pipeline-definition-id': '44444444-4444-4444-8444-444444444444',
    'oidc.circleci.com/vcs-origin': 'github.com/acme/widget',
    'oidc.circleci.com/context-ids': [],
    iat: nowSeconds() - 5,
    exp: nowSeconds() + 3600,
    ...overrides,
  };
}

// --- HTTP ------------------------------------------------------------------------------------------

export interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  userAgent?: string;
  npmCommand?: string;
  body: string;
}

export type Answer = { status: number; body: string; headers?: Record<string, string> } | 'hang';

export interface TestServer {
  url: string;
  requests: Recorded[];
  close: () => Promise<void>;
}

const servers: TestServer[] = [];

export async function startServer(handler: (request: Recorded) => Answer): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: Recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
        ...(typeof req.headers['npm-command'] === 'string' ? { npmCommand: req.headers['npm-command'] } : {}),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = handler(recorded);
      if (answer === 'hang') return; // never answers
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle: TestServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(handle);
  return handle;
}

/** The GitHub runner's token endpoint: checks the bearer and answers `{ value }` with the token. */
export async function githubTokenEndpoint(token: string, requestToken: string, override?: (r: Recorded) => Answer | undefined): Promise<TestServer> {
  return startServer((r) => {
    const custom = override?.(r);
    if (custom) return custom;
    if (r.authorization !== `Bearer ${requestToken}`) return { status: 401, body: '{"message":"bad bearer"}' };
    return { status: 200, body: JSON.stringify({ count: 1, value: token }) };
  });
}

// --- repositories, npm, CLI --------------------------------------------------------------------------

const made: string[] = [];

export function tempDir(prefix = 'tp-doctor-runtime-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function repo(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** A directory with an executable `npm` that prints the version (or sleeps), to put on PATH. */
export function fakeNpm(script: string): string {
  const dir = tempDir('tp-doctor-npm-');
  const file = path.join(dir, 'npm');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return dir;
}

export async function cleanup(): Promise<void> {
  for (const s of servers.splice(0)) await s.close();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: string }): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: options.env ?? {},
    isTTY: false,
    cwd: options.cwd,
    readStdin: async () => options.stdin ?? '',
  });
  return { code, stdout, stderr };
}

export const RELEASE_WORKFLOW = [
  'name: Release',
  'on:',
  '  push:',
  "    tags: ['v*']",
  'permissions:',
  '  contents: read',
  '  id-token: write',
  'jobs:',
  '  publish:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v5',
  '      - uses: actions/setup-node@v5',
  '        with:',
  '          node-version: 24',
  '      - run: npm ci',
  '      - run: npm publish',
  '',
].join('\n');

export const WIDGET_PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });

export function githubConfig(workflow = 'release.yml', extra = ''): string {
  return `publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: ${workflow}\n${extra}`;
}
