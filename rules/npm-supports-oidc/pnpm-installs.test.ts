/**
 * The pnpm a job installs or activates in a script (diamirio/backend-nx-skeleton: `corepack prepare
 * pnpm@10.18.0 --activate`), `devEngines.packageManager`, and a pnpm nothing pins on a Node whose npm
 * cannot publish with an OIDC token (./unknown-pnpm.ts, src/model/npm/pnpm-at-publish.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { circleConfig, circleRepo, releaseRepo, setupNodeWorkflow } from '../../test/helpers.js';
import { lintRule } from '../../test/rule-tester.js';

const RULE = 'npm-supports-oidc';
const GITLAB_PKG = { name: '@acme/lib', version: '1.0.0', repository: { type: 'git', url: 'git+https://gitlab.com/acme/lib.git' } };
const LOCK = { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" };

/** The survey's GitLab repro: `script` lines after `corepack enable`, then `pnpm publish`; `after` lines follow it. */
function gitlab(image: string, script: string[], pkg: Record<string, unknown> = {}, after: string[] = []): Record<string, string> {
  const lines = ['corepack enable', ...script, 'pnpm publish --no-git-checks', ...after].map((l) => `    - ${l}`);
  const ci = ['publish:', `  image: ${image}`, '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: npm:registry.npmjs.org', '  script:', ...lines, ''].join('\n');
  return { 'package.json': JSON.stringify({ ...GITLAB_PKG, ...pkg }), '.gitlab-ci.yml': ci, ...LOCK };
}

const summary = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.messageId}:${d.severity}`);

describe('npm-supports-oidc: a pnpm installed or activated in a GitLab script', () => {
  it('`corepack prepare pnpm@10.18.0 --activate` on node:22: pnpm 10 publishes with npm 10.9, an error (the survey repro)', async () => {
    const ds = await lintRule(RULE, gitlab('node:22', ['corepack prepare pnpm@10.18.0 --activate']));
    expect(summary(ds)).toEqual(['bundledTooOld:error']);
    expect(ds[0]?.message).toMatch(/^`pnpm publish \(pnpm 10 runs npm publish\)` runs with npm 10\.9\.\d+, bundled with Node 22\./);
    expect(ds[0]?.related?.map((r) => r.label)).toContain('pnpm version: "corepack prepare pnpm@10.18.0 --activate"');
  });

  it('control: the same with `"packageManager": "pnpm@10.18.0"` and no install: the same error', async () => {
    expect(summary(await lintRule(RULE, gitlab('node:22', [], { packageManager: 'pnpm@10.18.0' })))).toEqual(['bundledTooOld:error']);
  });

  it.each([
    ['corepack prepare pnpm@latest-10 --activate'],
    ['corepack use pnpm@10.18.0'],
    ['npm install -g pnpm@10.18.0'],
    ['npm i -g pnpm@10'],
    ['pnpm self-update 10.18.0'],
  ])('`%s` on node:22: an error', async (line) => {
    expect(summary(await lintRule(RULE, gitlab('node:22', [line])))).toEqual(['bundledTooOld:error']);
  });

  it.each([['corepack prepare pnpm@11.1.3 --activate'], ['corepack prepare pnpm@latest --activate'], ['npm i -g pnpm@11']])('control: `%s` (pnpm 11 publishes itself): no finding', async (line) => {
    expect(await lintRule(RULE, gitlab('node:22', [line]))).toEqual([]);
  });

  it('control: pnpm 10 activated on node:24 (npm 11.5.1 or later): no finding', async () => {
    expect(await lintRule(RULE, gitlab('node:24', ['corepack prepare pnpm@10.18.0 --activate']))).toEqual([]);
  });

  it('an install after the publish does not count: the pnpm stays unknown, a warning', async () => {
    expect(summary(await lintRule(RULE, gitlab('node:22', [], {}, ['corepack prepare pnpm@10.18.0 --activate'])))).toEqual(['unknownPnpm:warning']);
  });

  it('pnpm 10 activated while `packageManager` names pnpm 11: which runs is a guess, a warning', async () => {
    const ds = await lintRule(RULE, gitlab('node:22', ['corepack prepare pnpm@10.18.0 --activate'], { packageManager: 'pnpm@11.1.3' }));
    expect(summary(ds)).toEqual(['bundledTooOld:warning']);
    expect(ds[0]?.related?.map((r) => r.label)).toEqual(expect.arrayContaining(['pnpm version: "corepack prepare pnpm@10.18.0 --activate"', 'pnpm version: `packageManager` in package.json']));
  });

  it('pnpm 11 installed while `packageManager` names pnpm 10: pnpm 10 may still run, a warning', async () => {
    expect(summary(await lintRule(RULE, gitlab('node:22', ['npm i -g pnpm@11'], { packageManager: 'pnpm@10.18.0' })))).toEqual(['bundledTooOld:warning']);
  });

  it('`corepack use pnpm@10.18.0` rewrites a pnpm 11 `packageManager`: an error', async () => {
    expect(summary(await lintRule(RULE, gitlab('node:22', ['corepack use pnpm@10.18.0'], { packageManager: 'pnpm@11.1.3' })))).toEqual(['bundledTooOld:error']);
  });
});

describe('npm-supports-oidc: a pnpm nothing pins', () => {
  it('GitLab node:22: a warning that says which npm pnpm 10 would use', async () => {
    const [d, ...rest] = await lintRule(RULE, gitlab('node:22', []));
    expect(rest).toEqual([]);
    expect(d?.messageId).toBe('unknownPnpm');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toMatch(/^Cannot tell which pnpm runs `pnpm publish` in job "publish": pnpm 10 and older would publish with npm 10\.9\.\d+, bundled with Node 22\.[\d.]+ \("22"\), and trusted publishing needs npm 11\.5\.1 or later$/);
    expect(d?.why).toContain("pnpm-lock.yaml's `lockfileVersion` names a lockfile format several pnpm majors share");
  });

  it('control: GitLab node:24: no finding (its npm can publish, whichever pnpm runs)', async () => {
    expect(await lintRule(RULE, gitlab('node:24', []))).toEqual([]);
  });

  it('control: `npm publish` on node:22 keeps its error', async () => {
    const files = gitlab('node:22', []);
    files['.gitlab-ci.yml'] = files['.gitlab-ci.yml']!.replace('pnpm publish --no-git-checks', 'npm publish');
    expect(summary(await lintRule(RULE, files))).toEqual(['bundledTooOld:error']);
  });
});

describe('npm-supports-oidc: a pnpm activated in an earlier GitHub step', () => {
  const steps = (before: string): string => `${before}      - run: pnpm publish --no-git-checks\n`;
  const files = (before: string, pkg: Record<string, unknown> = {}): Record<string, string> =>
    releaseRepo(setupNodeWorkflow('          node-version: 22\n', steps(before)), { ...LOCK, 'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget', ...pkg }) });

  it('`corepack prepare pnpm@10.18.0 --activate` in an earlier step: an error', async () => {
    const ds = await lintRule(RULE, files('      - run: corepack enable\n      - run: corepack prepare pnpm@10.18.0 --activate\n'));
    expect(summary(ds)).toEqual(['bundledTooOld:error']);
    expect(ds[0]?.data?.command).toBe('pnpm publish (pnpm 10 runs npm publish)');
  });

  it('nothing pins pnpm on Node 22: the unknown-pnpm warning', async () => {
    expect(summary(await lintRule(RULE, files('      - run: corepack enable\n')))).toEqual(['unknownPnpm:warning']);
  });

  it('control: `pnpm/action-setup` `version: 11` after nothing else: no finding', async () => {
    expect(await lintRule(RULE, files('      - uses: pnpm/action-setup@v4\n        with:\n          version: 11\n'))).toEqual([]);
  });

  it('`devEngines.packageManager` `{ "name": "pnpm", "version": "10.x" }`: pnpm 10, an error', async () => {
    const ds = await lintRule(RULE, files('', { devEngines: { packageManager: { name: 'pnpm', version: '10.x' } } }));
    expect(summary(ds)).toEqual(['bundledTooOld:error']);
  });

  it('`devEngines.packageManager` as a list: the first entry with a version', async () => {
    const list = [{ name: 'pnpm', version: '^10.2.0', onFail: 'error' }];
    expect(summary(await lintRule(RULE, files('', { devEngines: { packageManager: list } })))).toEqual(['bundledTooOld:error']);
  });

  it('control: `packageManager` pnpm 11 wins over `devEngines.packageManager` pnpm 10: no finding', async () => {
    expect(await lintRule(RULE, files('', { packageManager: 'pnpm@11.1.3', devEngines: { packageManager: { name: 'pnpm', version: '10.x' } } }))).toEqual([]);
  });

  it('control: `devEngines.packageManager` pnpm 11: no finding', async () => {
    expect(await lintRule(RULE, files('', { devEngines: { packageManager: { name: 'pnpm', version: '11.x' } } }))).toEqual([]);
  });
});

describe('npm-supports-oidc: a pnpm activated in a CircleCI run step', () => {
  const OIDC = `circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}'`;
  const files = (before: string[]): Record<string, string> =>
    circleRepo(circleConfig([...before, `- run: |\n          export NPM_ID_TOKEN=$(${OIDC})\n          pnpm publish --no-git-checks`], 'cimg/node:22.14'), undefined, LOCK);

  it('`sudo corepack prepare pnpm@10.18.0 --activate` in an earlier step on cimg/node:22.14: an error', async () => {
    expect(summary(await lintRule(RULE, files(['- run: sudo corepack enable && sudo corepack prepare pnpm@10.18.0 --activate'])))).toEqual(['bundledTooOld:error']);
  });

  it('nothing pins pnpm: the unknown-pnpm warning', async () => {
    const [d] = await lintRule(RULE, files([]));
    expect(d?.messageId).toBe('unknownPnpm');
    expect(d?.severity).toBe('warning');
    expect(d?.data?.required).toBe('11.11.0');
  });

  it('control: pnpm 11 activated: no finding from this rule', async () => {
    expect(await lintRule(RULE, files(['- run: sudo corepack prepare pnpm@11.1.3 --activate']))).toEqual([]);
  });
});
