import { afterEach, describe, expect, it } from 'vitest';
import { githubRecord, startRegistry, TEST_TOKEN, type FakeRegistry } from '../../test/registry-server.js';
import { escapeName, listTrust, packageExists, readRecord, type RegistryClient } from './client.js';
import { DEFAULT_HTTP_OPTIONS } from './http.js';
import { checkPackages } from './online.js';

const HTTP = { ...DEFAULT_HTTP_OPTIONS, timeoutMs: 1000, retries: 2, baseDelayMs: 10, maxDelayMs: 50 };

let registry: FakeRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

async function setup(withToken = true): Promise<{ r: FakeRegistry; client: RegistryClient }> {
  registry = await startRegistry();
  const settings = {
    registry: registry.url,
    registrySource: '--registry',
    ...(withToken ? { auth: { header: `Bearer ${TEST_TOKEN}`, source: '~/.npmrc' } } : {}),
  };
  return { r: registry, client: { settings, http: HTTP } };
}

describe('escapeName', () => {
  it.each([
    ['widget', 'widget'],
    ['@acme/widget', '@acme%2fwidget'],
  ])('%s → %s', (name, escaped) => expect(escapeName(name)).toBe(escaped));
});

describe('packageExists', () => {
  it('asks for the abbreviated packument of the escaped name', async () => {
    const { r, client } = await setup(false);
    r.packages.set('@acme/widget', []);
    expect(await packageExists(client, '@acme/widget')).toEqual({ exists: 'yes' });
    expect(await packageExists(client, '@acme/other')).toEqual({ exists: 'no' });
    expect(r.requests.map((q) => q.path)).toEqual(['/@acme%2fwidget', '/@acme%2fother']);
    expect(r.requests[0]!.accept).toMatch(/application\/vnd\.npm\.install-v1\+json/);
    expect(r.requests[0]!.authorization).toBeUndefined();
  });

  it('says why when the packument cannot be read', async () => {
    const { r, client } = await setup(false);
    r.fault('/widget', { status: 500 }, { status: 500 }, { status: 500 });
    const got = await packageExists(client, 'widget');
    expect(got.exists).toBe('unknown');
    expect(got.existenceProblem).toMatchObject({ reason: 'server-error' });
    expect(got.existenceProblem?.detail).toContain('3 attempts');
  });
});

describe('listTrust', () => {
  it('reads the records with the credentials', async () => {
    const { r, client } = await setup();
    r.packages.set('@acme/widget', [
      githubRecord({ repository: 'acme/widget', file: 'release.yml', environment: 'npm', permissions: ['createPackage', 'createStagedPackage'] }),
    ]);
    const got = await listTrust(client, '@acme/widget');
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(got.publishers).toEqual([
      {
        type: 'github',
        id: expect.any(String),
        repository: 'acme/widget',
        file: 'release.yml',
        environment: 'npm',
        actions: ['publish', 'stage-publish'],
        permissionsListed: true,
      },
    ]);
    const seen = r.requests.at(-1)!;
    expect(seen.path).toBe('/-/package/@acme%2fwidget/trust');
    expect(seen.authorization).toBe(`Bearer ${TEST_TOKEN}`);
  });

  it('returns an empty list for a package without a publisher', async () => {
    const { r, client } = await setup();
    r.packages.set('widget', []);
    expect(await listTrust(client, 'widget')).toEqual({ ok: true, publishers: [] });
  });

  it('retries a 500 and then reads the answer', async () => {
    const { r, client } = await setup();
    r.packages.set('widget', [githubRecord({ repository: 'acme/widget', file: 'release.yml' })]);
    r.fault('/-/package/widget/trust', { status: 500 });
    const got = await listTrust(client, 'widget');
    expect(got).toMatchObject({ ok: true, publishers: [{ type: 'github', file: 'release.yml' }] });
  });

  it.each([
    ['malformed JSON', { status: 200, body: '[{"type": "github",' }, 'malformed', 'not JSON'],
    ['a JSON value of the wrong shape', { status: 200, body: '"hello"' }, 'malformed', 'expected a JSON list'],
    ['a record without a type', { status: 200, body: '[{"claims": {}}]' }, 'malformed', 'expected a JSON list'],
    ['403', { status: 403 }, 'forbidden', 'access denied (403)'],
    ['401 with the credentials', { status: 401 }, 'unauthorized', 'refused the credentials from ~/.npmrc (401)'],
    ['401 asking for a one-time password', { status: 401, headers: { 'www-authenticate': 'OTP' } }, 'otp-required', 'one-time password'],
    ['404', { status: 404 }, 'not-found', 'not found (404)'],
    ['418', { status: 418 }, 'http-error', 'unexpected HTTP status 418'],
  ])('%s', async (_label, fault, reason, detail) => {
    const { r, client } = await setup();
    r.packages.set('widget', []);
    r.fault('/-/package/widget/trust', fault);
    const got = await listTrust(client, 'widget');
    expect(got).toMatchObject({ ok: false, reason });
    if (got.ok) return;
    expect(got.detail).toContain(detail);
    expect(got.detail).not.toContain(TEST_TOKEN);
  });

  it('reports a 429 that stays with its Retry-After', async () => {
    const { r, client } = await setup();
    r.packages.set('widget', []);
    r.fault('/-/package/widget/trust', { status: 429, headers: { 'retry-after': '600' } });
    const got = await listTrust(client, 'widget');
    expect(got).toMatchObject({ ok: false, reason: 'rate-limited' });
    if (!got.ok) expect(got.detail).toContain('wait 600 s');
  });

  it('reports the real 401 of the registry without credentials', async () => {
    const { r, client } = await setup(false);
    r.packages.set('widget', []);
    expect(await listTrust(client, 'widget')).toMatchObject({ ok: false, reason: 'no-credentials' });
  });

  it('reports a time-out', async () => {
    const { r, client } = await setup();
    r.packages.set('widget', []);
    r.fault('/-/package/widget/trust', { delayMs: 1500 }, { delayMs: 1500 }, { delayMs: 1500 });
    const got = await listTrust(client, 'widget');
    expect(got).toMatchObject({ ok: false, reason: 'timeout' });
    if (!got.ok) expect(got.detail).toBe('GET /-/package/widget/trust: no answer within 1 s (3 attempts)');
  });
});

describe('readRecord', () => {
  it('reads a record without permissions as publish only', () => {
    expect(readRecord({ id: 'a', type: 'github', claims: { repository: 'o/r', workflow_ref: { file: 'x.yml' } } })).toEqual({
      type: 'github',
      id: 'a',
      repository: 'o/r',
      file: 'x.yml',
      actions: ['publish'],
      permissionsListed: false,
    });
  });

  it('reads GitLab and CircleCI claims', () => {
    expect(readRecord({ type: 'gitlab', claims: { project_path: 'g/s/p', ci_config_ref_uri: { file: '.gitlab-ci.yml' }, environment: 'prod' }, permissions: ['createStagedPackage'] })).toEqual({
      type: 'gitlab',
      project: 'g/s/p',
      file: '.gitlab-ci.yml',
      environment: 'prod',
      actions: ['stage-publish'],
      permissionsListed: true,
    });
    const claims = {
      'oidc.circleci.com/org-id': 'o',
      'oidc.circleci.com/project-id': 'p',
      'oidc.circleci.com/pipeline-definition-id': 'd',
      'oidc.circleci.com/vcs-origin': 'github.com/a/b',
      'oidc.circleci.com/context-ids': ['c1'],
    };
    expect(readRecord({ type: 'circleci', claims, permissions: [] })).toEqual({
      type: 'circleci',
      organizationId: 'o',
      projectId: 'p',
      pipelineDefinitionId: 'd',
      vcsOrigin: 'github.com/a/b',
      contextIds: ['c1'],
      actions: [],
      permissionsListed: true,
    });
    expect(readRecord({ type: 'bitbucket', claims: {} })).toMatchObject({ type: 'other', name: 'bitbucket' });
    expect(readRecord('x')).toBeUndefined();
  });
});

describe('checkPackages', () => {
  it('reads each package one request at a time, at most four packages at once', async () => {
    const { r, client } = await setup();
    const names = Array.from({ length: 10 }, (_, i) => `pkg-${i}`);
    for (const name of names) {
      r.packages.set(name, []);
      r.fault(`/${name}`, { delayMs: 60 });
      r.fault(`/-/package/${name}/trust`, { delayMs: 60 });
    }
    const facts = await checkPackages(names, client.settings, HTTP);
    expect(facts.packages.map((p) => [p.name, p.exists, p.trust.ok])).toEqual(names.map((n) => [n, 'yes', true]));
    expect(r.maxInFlight).toBeLessThanOrEqual(4);
    expect(r.maxInFlight).toBeGreaterThan(1);
    for (const name of names) {
      const order = r.requests.filter((q) => q.path.includes(name)).map((q) => q.path);
      expect(order).toEqual([`/${name}`, `/-/package/${name}/trust`]);
    }
    expect(facts.credentials).toEqual({ source: '~/.npmrc' });
  });

  it('without credentials checks existence only and says why', async () => {
    const { r, client } = await setup(false);
    r.packages.set('widget', []);
    const facts = await checkPackages(['widget', 'gone'], client.settings, HTTP);
    expect(facts.packages).toEqual([
      { name: 'widget', exists: 'yes', trust: { ok: false, reason: 'no-credentials', detail: expect.stringContaining('no npm credentials') } },
      { name: 'gone', exists: 'no', trust: { ok: false, reason: 'not-found', detail: expect.any(String) } },
    ]);
    expect(r.requests.every((q) => !q.path.includes('/trust'))).toBe(true);
    expect(facts.credentials).toBeUndefined();
  });
});
