/**
 * The pieces of the runtime layer on their own: JWT decoding, redaction, claim comparison for the
 * three providers, the exchange URL and the registry resolution.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { MemoryFs } from '../../src/fs/source.js';
import { checkClaims, circleciPublisher, IMMUTABLE_SUBJECT, parseCiConfigRefUri, parseWorkflowRef, type ClaimsContext } from '../../src/runtime/claims-check.js';
import { escapePackageName, exchangeUrl } from '../../src/runtime/exchange.js';
import { decodeJwt } from '../../src/runtime/jwt.js';
import { resolveRegistry } from '../../src/runtime/probe.js';
import { detectProvider, providerFromIssuer } from '../../src/runtime/provider.js';
import { Redactor, redactTokenLike } from '../../src/runtime/redact.js';
import type { Location } from '../../src/yaml/span.js';
import { circleciClaims, githubClaims, gitlabClaims, signJwt } from './helpers.js';

const ANCHOR: Location = { file: '.github/workflows/release.yml', start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

function declared(yaml: string): unknown[] {
  const { config, errors } = loadConfig(new MemoryFs({ 'tp-doctor.yml': yaml }));
  expect(errors).toEqual([]);
  return config.publishers;
}

function check(provider: ClaimsContext['provider'], claims: Record<string, unknown>, publishers: unknown[] = [], now = Date.now()): string[] {
  return checkClaims({ provider, claims, audience: 'npm:registry.npmjs.org', tokenSource: 'github-runner', now, publishers, configFile: 'tp-doctor.yml', anchor: ANCHOR })
    .filter((f) => f.check !== 'claims')
    .map((f) => `${f.check}:${f.messageId}:${f.severity}`);
}

describe('decodeJwt', () => {
  it('reads the claims of a signed token without verifying it', () => {
    const decoded = decodeJwt(signJwt({ repository: 'acme/widget' }));
    expect(decoded).toMatchObject({ ok: true, header: { alg: 'RS256' }, claims: { repository: 'acme/widget' } });
  });
  it('explains what is wrong without echoing the token', () => {
    for (const token of ['abc', 'a.b', 'eyJhbGciOiJub25lIn0.%%%.x', `${Buffer.from('[1]').toString('base64url')}.e30.x`]) {
      const decoded = decodeJwt(token);
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.problem).not.toContain(token);
    }
  });
});

describe('redaction', () => {
  it('removes the registered secrets and their parts, and anything token-like', () => {
    const jwt = signJwt(githubClaims());
    const [, payload, signature] = jwt.split('.');
    const r = new Redactor([jwt, 'runner-request-token-1234']);
    const text = r.redact(`a ${jwt} b ${signature} c ${payload} d runner-request-token-1234`);
    for (const secret of [jwt, payload!, signature!, 'runner-request-token-1234']) expect(text).not.toContain(secret);
    expect(redactTokenLike('x ghp_abcdefghijklmnopqrstuvwxyz0123 y')).toBe('x ghp_**** y');
    expect(redactTokenLike(`a ${jwt} b`)).toBe('a eyJ**** b');
    expect(redactTokenLike('//registry.npmjs.org/:_authToken=abc123def')).toBe('//registry.npmjs.org/:_authToken=****');
    expect(redactTokenLike('//registry.npmjs.org/:_authToken=${NODE_AUTH_TOKEN}')).toBe('//registry.npmjs.org/:_authToken=${NODE_AUTH_TOKEN}');
    expect(redactTokenLike('Authorization: Bearer abcdefghijkl')).toBe('Authorization: Bearer ****');
  });
});

describe('claim parsing', () => {
  it('splits workflow_ref and ci_config_ref_uri', () => {
    expect(parseWorkflowRef('acme/widget/.github/workflows/release.yml@refs/heads/main')).toEqual({
      repository: 'acme/widget',
      path: '.github/workflows/release.yml',
      file: 'release.yml',
      ref: 'refs/heads/main',
    });
    expect(parseWorkflowRef('nonsense')).toBeUndefined();
    expect(parseCiConfigRefUri('gitlab.com/group/sub/project//ci/release.yml@refs/tags/v1')).toEqual({
      host: 'gitlab.com',
      project: 'group/sub/project',
      file: 'ci/release.yml',
      ref: 'refs/tags/v1',
    });
  });
  it('recognises the immutable subject form only', () => {
    expect(IMMUTABLE_SUBJECT.test('repo:octocat@123456/my-repo@456789:ref:refs/heads/main')).toBe(true);
    expect(IMMUTABLE_SUBJECT.test('repo:octocat/my-repo:ref:refs/heads/main')).toBe(false);
    expect(IMMUTABLE_SUBJECT.test('repo:octocat/my-repo:environment:npm@1')).toBe(false);
  });
  it('detects the provider as npm (ci-info) does, and from the issuer', () => {
    expect(detectProvider({ GITHUB_ACTIONS: 'true' })).toBe('github');
    expect(detectProvider({ GITLAB_CI: 'true' })).toBe('gitlab');
    expect(detectProvider({ CIRCLECI: 'true' })).toBe('circleci');
    expect(detectProvider({ GITHUB_ACTIONS: '' })).toBeUndefined();
    expect(providerFromIssuer('https://oidc.circleci.com/org/1')).toBe('circleci');
    expect(providerFromIssuer('not a url')).toBeUndefined();
  });
});

describe('checkClaims: GitHub', () => {
  const config = declared('publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: npm\n');

  it('is quiet when everything matches', () => {
    expect(check('github', githubClaims({ environment: 'npm' }), config)).toEqual([]);
  });

  it('names the reusable-workflow trap: the declared file is the callee, the token has the caller', () => {
    const claims = githubClaims({
      environment: 'npm',
      workflow_ref: 'acme/widget/.github/workflows/ci.yml@refs/heads/main',
      job_workflow_ref: 'acme/widget/.github/workflows/release.yml@refs/heads/main',
    });
    expect(check('github', claims, config)).toEqual(['reusable-workflow:reusable:info', 'workflow:mismatch:error']);
    const workflow = checkClaims({ provider: 'github', claims, audience: 'npm:registry.npmjs.org', tokenSource: 'github-runner', now: Date.now(), publishers: config, anchor: ANCHOR }).find((f) => f.check === 'workflow')!;
    expect(workflow.message).toContain('"ci.yml"');
    expect(workflow.message).toContain('"release.yml" is the reusable workflow the publish runs in, called from "ci.yml"');
  });

  it('reports environment, runner, audience, expiry and immutable subject', () => {
    const claims = githubClaims({
      aud: 'https://github.com/acme',
      runner_environment: 'self-hosted',
      sub: 'repo:acme@1/widget@2:ref:refs/heads/main',
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    expect(check('github', claims, config).sort()).toEqual([
      'audience:mismatch:error',
      'environment:missing:error',
      'expiry:expired:error',
      'immutable-subject:immutable:warning',
      'runner:selfHosted:error',
    ]);
    expect(check('github', githubClaims({ environment: 'NPM' }), config)).toEqual(['environment:mismatch:error']);
  });

  it('compares with the closest of several publishers', () => {
    const two = declared('publishers:\n  - provider: github\n    repository: acme/other\n    workflow: x.yml\n  - provider: github\n    repository: acme/widget\n    workflow: Release.yml\n');
    expect(check('github', githubClaims(), two)).toEqual(['workflow:caseMismatch:error']);
  });

  it('points at the declared field', () => {
    const f = checkClaims({ provider: 'github', claims: githubClaims({ repository: 'acme/gadget' }), audience: 'npm:registry.npmjs.org', tokenSource: 'github-runner', now: Date.now(), publishers: config, anchor: ANCHOR }).find((x) => x.check === 'repository')!;
    expect(f.at).toMatchObject({ file: 'tp-doctor.yml', start: { line: 3 } });
    expect(f.related?.[0]).toMatchObject({ file: '.github/workflows/release.yml', label: 'the running workflow' });
  });
});

describe('checkClaims: GitLab', () => {
  it('reads project_path, the file of ci_config_ref_uri and the issuer', () => {
    const config = declared('publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n');
    expect(check('gitlab', gitlabClaims(), config)).toEqual([]);
    expect(check('gitlab', gitlabClaims({ iss: 'https://gitlab.example.com', ci_config_ref_uri: undefined }), config).sort()).toEqual([
      'provider:gitlabHost:error',
      'workflow:noCiConfig:error',
    ]);
    expect(check('gitlab', gitlabClaims({ ci_config_ref_uri: 'gitlab.com/acme/ci-templates//publish.yml@refs/heads/main' }), config)).toEqual([
      'workflow:otherProject:warning',
      'workflow:mismatch:error',
    ]);
  });
});

describe('checkClaims: CircleCI from a plain publisher object', () => {
  const publisher = {
    provider: 'circleci',
    organizationId: '11111111-1111-4111-8111-111111111111',
    projectId: '22222222-2222-4222-8222-222222222222',
    pipelineDefinitionId: '44444444-4444-4444-8444-444444444444',
    vcsOrigin: 'github.com/acme/widget',
    contextIds: ['55555555-5555-4555-8555-555555555555'],
    fieldLocations: {},
    inferred: false,
  };

  it('reads the fields whatever else the object has', () => {
    expect(circleciPublisher(publisher)).toMatchObject({ projectId: publisher.projectId, contextIds: publisher.contextIds });
    expect(circleciPublisher({ provider: 'github' })).toBeUndefined();
  });

  it('compares ids, VCS origin and contexts', () => {
    expect(check('circleci', circleciClaims({ 'oidc.circleci.com/context-ids': publisher.contextIds }), [publisher])).toEqual([]);
    expect(
      check('circleci', circleciClaims({ 'oidc.circleci.com/project-id': '99999999-9999-4999-8999-999999999999', 'oidc.circleci.com/vcs-origin': 'github.com/Acme/widget' }), [publisher]).sort(),
    ).toEqual(['circleci-ids:context:warning', 'circleci-ids:mismatch:error', 'repository:caseMismatch:error']);
  });

  it('does nothing with the claims when no CircleCI publisher is declared', () => {
    expect(check('circleci', circleciClaims(), [])).toEqual([]);
    expect(check('circleci', circleciClaims(), declared('publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n'))).toEqual([]);
  });
});

describe('exchange and registry', () => {
  it('escapes the name as npm-package-arg does and exchanges at the registry host root', () => {
    expect(escapePackageName('@acme/widget')).toBe('@acme%2fwidget');
    expect(escapePackageName('widget')).toBe('widget');
    expect(exchangeUrl('https://registry.npmjs.org/', '@acme/widget')).toBe('https://registry.npmjs.org/-/npm/v1/oidc/token/exchange/package/@acme%2fwidget');
    expect(exchangeUrl('https://npm.example.com/npm/', 'w')).toBe('https://npm.example.com/-/npm/v1/oidc/token/exchange/package/w');
  });

  it('resolves --registry, then NPM_CONFIG_REGISTRY, then registry.npmjs.org', () => {
    expect(resolveRegistry(undefined, {})).toEqual({ ok: true, url: 'https://registry.npmjs.org/' });
    expect(resolveRegistry(undefined, { NPM_CONFIG_REGISTRY: 'https://r.example.com' })).toEqual({ ok: true, url: 'https://r.example.com/' });
    expect(resolveRegistry(undefined, { npm_config_registry: 'https://lower.example.com/' })).toEqual({ ok: true, url: 'https://lower.example.com/' });
    expect(resolveRegistry('https://flag.example.com', { NPM_CONFIG_REGISTRY: 'https://r.example.com' })).toEqual({ ok: true, url: 'https://flag.example.com/' });
    expect(resolveRegistry('not a url', {}).ok).toBe(false);
  });
});
