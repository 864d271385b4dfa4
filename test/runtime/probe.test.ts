/**
 * `tp-doctor probe` end to end: the CLI in process, a simulated CI job (environment variables),
 * the GitHub runner's token endpoint and the registry's exchange endpoint served on 127.0.0.1 with
 * real RS256-signed JWTs, a fake `npm` on PATH, and temporary repositories.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  circleciClaims,
  cleanup,
  cli,
  fakeNpm,
  githubClaims,
  githubConfig,
  githubTokenEndpoint,
  gitlabClaims,
  repo,
  RELEASE_WORKFLOW,
  signJwt,
  startServer,
  tempDir,
  WIDGET_PKG,
  type CliResult,
} from './helpers.js';

afterAll(cleanup);

const REQUEST_TOKEN = `runner-request-${randomBytes(16).toString('hex')}`;
const NPM_OK = fakeNpm('echo 11.6.2');
const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab'];

function widgetRepo(config = githubConfig()): string {
  return repo({ 'package.json': WIDGET_PKG, '.github/workflows/release.yml': RELEASE_WORKFLOW, 'tp-doctor.yml': config });
}

function githubEnv(tokenUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_ACTIONS: 'true',
    ACTIONS_ID_TOKEN_REQUEST_URL: `${tokenUrl}/_apis/token?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
    GITHUB_WORKFLOW_REF: 'acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0',
    PATH: NPM_OK,
    ...extra,
  };
}

/** Neither the token, nor any of its parts, nor the runner's request token appear anywhere. */
function expectNoSecrets(result: CliResult, secrets: string[]): void {
  for (const secret of secrets) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

function secretsOf(jwt: string): string[] {
  const [, payload, signature] = jwt.split('.');
  return [jwt, payload!, signature!, REQUEST_TOKEN];
}

function json(result: CliResult): { diagnostics: { ruleId: string; messageId: string; severity: string; message: string; why: string; file: string; line: number }[] } {
  return JSON.parse(result.stdout);
}

describe('probe on GitHub Actions', () => {
  it('(a) exits 1 and names both files when the token says Release.yml and the declaration release.yml', async () => {
    const jwt = signJwt(githubClaims({ workflow_ref: 'acme/widget/.github/workflows/Release.yml@refs/tags/v1.0.0', job_workflow_ref: 'acme/widget/.github/workflows/Release.yml@refs/tags/v1.0.0' }));
    const endpoint = await githubTokenEndpoint(jwt, REQUEST_TOKEN);
    const dir = widgetRepo();
    const result = await cli(['probe'], { cwd: dir, env: githubEnv(endpoint.url) });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('"Release.yml"');
    expect(result.stdout).toContain('"release.yml"');
    expect(result.stdout).toMatch(/differ only in letter case/);
    // npm's request: the audience appended to the runner's URL, the bearer request token.
    expect(endpoint.requests).toHaveLength(1);
    const url = new URL(endpoint.requests[0]!.url, endpoint.url);
    expect(url.searchParams.get('api-version')).toBe('2.0');
    expect(url.searchParams.get('audience')).toBe('npm:registry.npmjs.org');
    expect(endpoint.requests[0]!.authorization).toBe(`Bearer ${REQUEST_TOKEN}`);
    expectNoSecrets(result, secretsOf(jwt));

    const diagnostics = json(await cli(['probe', '-f', 'json'], { cwd: dir, env: githubEnv(endpoint.url) })).diagnostics;
    const workflow = diagnostics.find((d) => d.ruleId === 'probe/workflow' && d.severity === 'error');
    expect(workflow).toMatchObject({ messageId: 'caseMismatch', file: 'tp-doctor.yml', line: 4 });
  });

  it('never prints the token in any format, and annotates on GitHub', async () => {
    const jwt = signJwt(githubClaims({ repository: 'Acme/widget' }));
    const endpoint = await githubTokenEndpoint(jwt, REQUEST_TOKEN);
    const dir = widgetRepo();
    for (const format of FORMATS) {
      const result = await cli(['probe', '--format', format], { cwd: dir, env: githubEnv(endpoint.url) });
      expect(result.code, format).toBe(1);
      expectNoSecrets(result, secretsOf(jwt));
      if (format !== 'stylish' && format !== 'github') expect(() => JSON.parse(result.stdout), format).not.toThrow();
    }
    const summaryFile = path.join(tempDir(), 'summary.md');
    const annotated = await cli(['probe', '-f', 'github'], { cwd: dir, env: githubEnv(endpoint.url, { GITHUB_STEP_SUMMARY: summaryFile }) });
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toContain('probe/repository');
    for (const secret of secretsOf(jwt)) expect(summary).not.toContain(secret);
    const annotations = annotated.stdout;
    expect(annotations).toMatch(/^::error file=tp-doctor\.yml,line=3,.*title=tp-doctor\/probe\/repository::The token's repository is "Acme\/widget"/m);
    const sarif = JSON.parse((await cli(['probe', '-f', 'sarif'], { cwd: dir, env: githubEnv(endpoint.url) })).stdout);
    const ruleIds = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    for (const result of sarif.runs[0].results) expect(ruleIds).toContain(result.ruleId);
  });

  it('passes (exit 0) when the token matches the declaration', async () => {
    const jwt = signJwt(githubClaims());
    const endpoint = await githubTokenEndpoint(jwt, REQUEST_TOKEN);
    const result = await cli(['probe', '-f', 'json'], { cwd: widgetRepo(), env: githubEnv(endpoint.url) });
    expect(result.code).toBe(0);
    const diagnostics = json(result).diagnostics;
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(diagnostics.find((d) => d.ruleId === 'probe/claims')?.message).toContain('repository "acme/widget", workflow file "release.yml"');
  });

  it('says exactly that `id-token: write` is missing when the runner gives no request URL', async () => {
    const env = githubEnv('http://127.0.0.1:9');
    delete env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const result = await cli(['probe', '-f', 'json'], { cwd: widgetRepo(), env });
    expect(result.code).toBe(1);
    const d = json(result).diagnostics.find((x) => x.ruleId === 'probe/id-token');
    expect(d?.messageId).toBe('noPermission');
    expect(d?.message).toBe(
      'The job lacks `id-token: write`: ACTIONS_ID_TOKEN_REQUEST_URL is not set, so npm cannot request an OIDC token',
    );
    expectNoSecrets(result, [REQUEST_TOKEN]);
  });

  it('reports a token endpoint that never answers as a timeout, within the time limit', async () => {
    const endpoint = await startServer(() => 'hang');
    const started = Date.now();
    const result = await cli(['probe', '--timeout', '300', '-f', 'json'], { cwd: widgetRepo(), env: githubEnv(endpoint.url) });
    expect(Date.now() - started).toBeLessThan(20_000);
    const d = json(result).diagnostics.find((x) => x.ruleId === 'probe/id-token');
    expect(d).toMatchObject({ messageId: 'timeout', severity: 'warning' });
    expect(d?.message).toContain('no answer within 300 ms');
  });

  it('reports a malformed answer from the token endpoint', async () => {
    for (const [body, expected] of [
      ['<html>oops</html>', 'not JSON'],
      ['{"count":0}', 'without a `value`'],
    ] as const) {
      const endpoint = await startServer(() => ({ status: 200, body }));
      const result = await cli(['probe', '-f', 'json'], { cwd: widgetRepo(), env: githubEnv(endpoint.url) });
      expect(result.code).toBe(1);
      const d = json(result).diagnostics.find((x) => x.ruleId === 'probe/id-token');
      expect(d?.messageId).toBe('badAnswer');
      expect(d?.message).toContain(expected);
    }
    const forbidden = await startServer(() => ({ status: 403, body: '{"message":"no"}' }));
    const d = json(await cli(['probe', '-f', 'json'], { cwd: widgetRepo(), env: githubEnv(forbidden.url) })).diagnostics.find((x) => x.ruleId === 'probe/id-token');
    expect(d?.message).toContain('answered HTTP 403');
  });

  it('reports a token that is not a JWT', async () => {
    const endpoint = await githubTokenEndpoint('not-a-jwt-at-all-but-long', REQUEST_TOKEN);
    const result = await cli(['probe', '-f', 'json'], { cwd: widgetRepo(), env: githubEnv(endpoint.url) });
    expect(result.code).toBe(1);
    expect(json(result).diagnostics.find((x) => x.ruleId === 'probe/token-format')?.messageId).toBe('notJwt');
    expect(result.stdout).not.toContain('not-a-jwt-at-all-but-long');
  });

  it('uses NPM_ID_TOKEN before the runner, as npm does', async () => {
    const endpoint = await startServer(() => ({ status: 500, body: '{}' }));
    const jwt = signJwt(githubClaims({ environment: 'npm' }));
    const result = await cli(['probe', '-f', 'json'], { cwd: widgetRepo(), env: githubEnv(endpoint.url, { NPM_ID_TOKEN: jwt }) });
    expect(endpoint.requests).toHaveLength(0);
    const d = json(result).diagnostics.find((x) => x.ruleId === 'probe/environment');
    expect(d).toMatchObject({ messageId: 'unexpected', severity: 'warning' });
    expectNoSecrets(result, secretsOf(jwt));
  });
});

describe('probe --exchange', () => {
  async function registry(status: number, body: string) {
    return startServer((r) => (r.method === 'POST' ? { status, body } : { status: 405, body: '{}' }));
  }

  it('(b) reports the registry\'s 404 "package not found" and its likely causes', async () => {
    const jwt = signJwt(githubClaims());
    const endpoint = await githubTokenEndpoint(jwt, REQUEST_TOKEN);
    const reg = await registry(404, JSON.stringify({ message: 'OIDC token exchange error - package not found' }));
    const result = await cli(['probe', '--exchange', '--registry', reg.url], { cwd: widgetRepo(), env: githubEnv(endpoint.url) });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('HTTP 404 "OIDC token exchange error - package not found"');
    expect(result.stdout).toMatch(/does not\s+exist on the registry yet/);
    expect(result.stdout).toMatch(/no\s+trusted\s+publisher\s+is\s+configured/);
    expect(result.stdout).toMatch(/repository "acme\/widget", workflow "release\.yml", no\s+environment/);
    // The request npm makes: POST, escaped scoped name, the ID token as bearer, no body.
    expect(reg.requests).toHaveLength(1);
    expect(reg.requests[0]).toMatchObject({
      method: 'POST',
      url: '/-/npm/v1/oidc/token/exchange/package/@acme%2fwidget',
      authorization: `Bearer ${jwt}`,
      npmCommand: 'publish',
      body: '',
    });
    expect(reg.requests[0]!.userAgent).toMatch(/^npm\/11\.6\.2 node\/v\d+/);
    // The token endpoint was asked with the audience of the registry given.
    expect(new URL(endpoint.requests[0]!.url, endpoint.url).searchParams.get('audience')).toBe('npm:127.0.0.1');
    expectNoSecrets(result, secretsOf(jwt));
  });

  it('says trusted publishing will work on 201 and discards the returned token', async () => {
    const jwt = signJwt(githubClaims({ aud: 'npm:127.0.0.1' }));
    const publishToken = `npm_${randomBytes(18).toString('hex')}`;
    const endpoint = await githubTokenEndpoint(jwt, REQUEST_TOKEN);
    const reg = await registry(201, JSON.stringify({ token: publishToken }));
    for (const format of FORMATS) {
      const result = await cli(['probe', '--exchange', '--registry', reg.url, '--package', 'widget', '--package', '@acme/other', '-f', format], {
        cwd: widgetRepo(),
        env: githubEnv(endpoint.url),
      });
      expect(result.code, format).toBe(0);
      expectNoSecrets(result, [...secretsOf(jwt), publishToken]);
      if (format === 'json') {
        const ok = json(result).diagnostics.filter((d) => d.ruleId === 'probe/exchange');
        expect(ok.map((d) => d.messageId)).toEqual(['ok', 'ok']);
        expect(ok[0]!.message).toContain('trusted publishing will work');
      }
    }
    expect(reg.requests.slice(0, 2).map((r) => r.url)).toEqual([
      '/-/npm/v1/oidc/token/exchange/package/widget',
      '/-/npm/v1/oidc/token/exchange/package/@acme%2fother',
    ]);
  });

  it('reports 401, 403 and a body that is not JSON', async () => {
    const jwt = signJwt(githubClaims({ aud: 'npm:127.0.0.1' }));
    const endpoint = await githubTokenEndpoint(jwt, REQUEST_TOKEN);
    const cases = [
      [401, '{"message":"OIDC token exchange error - unauthorized"}', 'unauthorized', '"OIDC token exchange error - unauthorized"'],
      [403, '{"error":"OIDC permission denied for this action"}', 'forbidden', 'allowed actions'],
      [404, 'Not Found', 'notFound', 'no readable message'],
    ] as const;
    for (const [status, body, messageId, text] of cases) {
      const reg = await registry(status, body);
      const result = await cli(['probe', '--exchange', '--registry', reg.url, '-f', 'json'], { cwd: widgetRepo(), env: githubEnv(endpoint.url) });
      expect(result.code).toBe(1);
      const d = json(result).diagnostics.find((x) => x.ruleId === 'probe/exchange')!;
      expect(d.messageId).toBe(messageId);
      expect(`${d.message} ${d.why}`).toContain(text);
    }
  });

  it('says so when the registry never answers', async () => {
    const jwt = signJwt(githubClaims({ aud: 'npm:127.0.0.1' }));
    const endpoint = await githubTokenEndpoint(jwt, REQUEST_TOKEN);
    const reg = await startServer(() => 'hang');
    const result = await cli(['probe', '--exchange', '--registry', reg.url, '--timeout', '300', '-f', 'json'], { cwd: widgetRepo(), env: githubEnv(endpoint.url) });
    expect(result.code).toBe(0);
    const d = json(result).diagnostics.find((x) => x.ruleId === 'probe/exchange')!;
    expect(d).toMatchObject({ messageId: 'timeout', severity: 'warning' });
    expect(d.message).toContain('no answer within 300 ms');
  });

  it('takes the registry from NPM_CONFIG_REGISTRY', async () => {
    const jwt = signJwt(githubClaims({ aud: 'npm:127.0.0.1' }));
    const endpoint = await githubTokenEndpoint(jwt, REQUEST_TOKEN);
    const reg = await registry(201, '{"token":"x"}');
    const result = await cli(['probe', '--exchange'], { cwd: widgetRepo(), env: githubEnv(endpoint.url, { NPM_CONFIG_REGISTRY: `${reg.url}/` }) });
    expect(result.code).toBe(0);
    expect(reg.requests).toHaveLength(1);
  });
});

describe('probe on GitLab and CircleCI', () => {
  const gitlabRepo = (config: string): string =>
    repo({ 'package.json': WIDGET_PKG, '.gitlab-ci.yml': 'publish:\n  script: npm publish\n', 'tp-doctor.yml': config });
  const GITLAB_CONFIG = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    environment: release\n';

  it('reads only NPM_ID_TOKEN on GitLab and says how to declare it', async () => {
    const result = await cli(['probe', '-f', 'json'], { cwd: gitlabRepo(GITLAB_CONFIG), env: { GITLAB_CI: 'true', PATH: NPM_OK, ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN } });
    expect(result.code).toBe(1);
    const d = json(result).diagnostics.find((x) => x.ruleId === 'probe/id-token')!;
    expect(d.messageId).toBe('gitlabMissing');
    expect(`${d.message}`).toContain('NPM_ID_TOKEN');
  });

  it('compares project path, CI file and environment', async () => {
    const jwt = signJwt(gitlabClaims({ project_path: 'acme/Widget', ci_config_ref_uri: 'gitlab.com/acme/Widget//ci/release.yml@refs/heads/main', runner_environment: 'self-hosted' }));
    const result = await cli(['probe', '-f', 'json'], { cwd: gitlabRepo(GITLAB_CONFIG), env: { GITLAB_CI: 'true', NPM_ID_TOKEN: jwt, PATH: NPM_OK } });
    expect(result.code).toBe(1);
    const got = json(result).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId}:${d.messageId}`).sort();
    expect(got).toEqual(['probe/environment:missing', 'probe/repository:caseMismatch', 'probe/runner:selfHosted', 'probe/workflow:mismatch']);
    expectNoSecrets(result, secretsOf(jwt));
  });

  it('on CircleCI asks for NPM_ID_TOKEN from `circleci run oidc get` without running it', async () => {
    const dir = repo({ 'package.json': WIDGET_PKG });
    const result = await cli(['probe', '-f', 'json'], { cwd: dir, env: { CIRCLECI: 'true', PATH: NPM_OK } });
    expect(result.code).toBe(1);
    const diagnostics = json(result).diagnostics;
    const d = diagnostics.find((x) => x.ruleId === 'probe/id-token')!;
    expect(d.messageId).toBe('circleciMissing');
    expect(JSON.stringify(d)).toContain(`circleci run oidc get --claims '{\\"aud\\":\\"npm:registry.npmjs.org\\"}'`);
    // npm 11.6.2 is too old for CircleCI (11.11.0).
    expect(diagnostics.find((x) => x.ruleId === 'probe/npm-version')).toMatchObject({ messageId: 'tooOld', severity: 'error' });
  });

  it('reads CircleCI claims and reports an SSH rerun', async () => {
    const jwt = signJwt(circleciClaims({ 'oidc.circleci.com/ssh-rerun': true }));
    const result = await cli(['probe', '-f', 'json'], { cwd: repo({ 'package.json': WIDGET_PKG }), env: { CIRCLECI: 'true', NPM_ID_TOKEN: jwt, PATH: fakeNpm('echo 11.12.1') } });
    expect(result.code).toBe(0);
    const diagnostics = json(result).diagnostics;
    expect(diagnostics.find((x) => x.ruleId === 'probe/ssh-rerun')?.severity).toBe('warning');
    expect(diagnostics.find((x) => x.ruleId === 'probe/claims')?.message).toContain('VCS origin "github.com/acme/widget"');
  });
});

describe('probe: npm, environment and usage', () => {
  it('fails on an npm older than 11.5.1 and says when `npm --version` hangs or is missing', async () => {
    const jwt = signJwt(githubClaims());
    const dir = widgetRepo();
    const old = await cli(['probe', '-f', 'json'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', NPM_ID_TOKEN: jwt, PATH: fakeNpm('echo 10.9.2') } });
    expect(old.code).toBe(1);
    expect(json(old).diagnostics.find((d) => d.ruleId === 'probe/npm-version')).toMatchObject({ messageId: 'tooOld', message: expect.stringContaining('npm 10.9.2 on PATH is older than 11.5.1') });

    const stage = await cli(['probe', '--stage', '-f', 'json'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', NPM_ID_TOKEN: jwt, PATH: NPM_OK } });
    expect(json(stage).diagnostics.find((d) => d.ruleId === 'probe/npm-version')?.message).toContain('older than 11.15.0');

    const hang = await cli(['probe', '--timeout', '300', '-f', 'json'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', NPM_ID_TOKEN: jwt, PATH: fakeNpm(`exec ${existsSync('/bin/sleep') ? '/bin/sleep' : '/usr/bin/sleep'} 30`) } });
    expect(json(hang).diagnostics.find((d) => d.ruleId === 'probe/npm-version')).toMatchObject({ severity: 'warning', message: expect.stringContaining('no answer within 300 ms') });

    const missing = await cli(['probe', '-f', 'json'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', NPM_ID_TOKEN: jwt, PATH: tempDir() } });
    expect(json(missing).diagnostics.find((d) => d.ruleId === 'probe/npm-version')?.message).toContain('npm is not on PATH');
  });

  it('outside CI says npm will not attempt trusted publishing', async () => {
    const result = await cli(['probe', '-f', 'json'], { cwd: widgetRepo(), env: { PATH: NPM_OK } });
    expect(result.code).toBe(1);
    expect(json(result).diagnostics.find((d) => d.ruleId === 'probe/provider')?.messageId).toBe('notCi');
  });

  it('rejects bad arguments with exit 2', async () => {
    const dir = widgetRepo();
    for (const argv of [['--format', 'xml'], ['--timeout', 'soon'], ['--registry', 'ftp://x'], ['--nope'], ['a', 'b']]) {
      const result = await cli(['probe', ...argv], { cwd: dir, env: {} });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^tp-doctor probe: /);
    }
    const help = await cli(['probe', '--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tp-doctor probe');
  });
});
