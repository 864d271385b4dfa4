/**
 * Two publishing actions read from their sources (`ACTION_RECOGNIZERS` in
 * src/model/data/publish-tools.ts), found by survey 300a:
 * - `bcomnes/npm-bump` (bcomnes/npm-run-all2, bcomnes/cpx2 at v3; bcomnes/async-neocities at
 *   v2.2.1): `npm version`, then its `publish-cmd` (`publish_cmd` before v3), default `npm
 *   publish`, in the job's working directory, with the job's Node and npm.
 * - `danielroe/uppt/publish` (danielroe/rollup-plugin-pure, nuxt/cli, unjs/magic-regexp): its own
 *   setup-node (`node-version`, default 24), `npm install -g npm@latest`, then `npm stage publish`
 *   of a tarball. uppt's `/pr`, `/release` and `/pack` never publish.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import type { Project } from '../../src/model/project.js';
import { npmAtPublish } from '../../src/model/github/npm-upgrades.js';
import { planInit } from '../../src/init/plan.js';
import { loadLintInput } from '../../src/api.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { repoFacts } from '../../src/facts/repo-facts.js';
import { lintFiles } from '../helpers.js';

const PKG = JSON.stringify({ name: 'lib', version: '1.0.0', repository: 'acme/lib' });
const REMOTE = '[remote "origin"]\n  url = https://github.com/acme/lib.git\n';

/** The project the rules see: a `tp-doctor.yml` among the files is the declared config. */
function load(files: Record<string, string>): Project {
  const input = loadLintInput({ fs: new MemoryFs({ 'package.json': PKG, '.git/config': REMOTE, ...files }) });
  if (!input.ok) throw new Error('config errors');
  return input.project;
}

/** `job certainty recognizer label targets[packages]` per site. */
function sites(project: Project): string[] {
  return project.facts.sites.map((s) => {
    const job = s.provider === 'github' ? s.job.id : s.job.name;
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${job} ${s.certainty} ${s.publish.match.recognizer} ${s.publish.match.label} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

/** npm-run-all2's release job: setup-node from package.json, then npm-bump with `with` lines. */
function bump(ref: string, withLines: string, permissions = '  contents: write\n  id-token: write\n'): string {
  return [
    'on: workflow_dispatch',
    `permissions:\n${permissions}`.trimEnd(),
    'jobs:',
    '  version_and_release:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v6',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          node-version: 24',
    '      - name: Version and publish to npm',
    `        uses: bcomnes/npm-bump@${ref}`,
    '        with:',
    withLines,
    '',
  ].join('\n');
}

describe('bcomnes/npm-bump', () => {
  it('v3 runs `npm publish` of the package in the working directory, certain', () => {
    const p = load({ '.github/workflows/release.yml': bump('v3', '          version-type: patch') });
    expect(sites(p)).toEqual(['version_and_release certain npm-publish bcomnes/npm-bump (runs npm publish) single[lib]']);
  });

  it('its `publish-cmd` (v3) or `publish_cmd` (v2) replaces the publish; one that never publishes is none', () => {
    const given = (input: string, command: string): string[] => sites(load({ '.github/workflows/release.yml': bump('v3', `          ${input}: ${command}`) }));
    expect(given('publish-cmd', 'npm publish --tag next')).toEqual(['version_and_release certain npm-publish npm publish single[lib]']);
    expect(given('publish_cmd', 'npm publish --access public')).toEqual(['version_and_release certain npm-publish npm publish single[lib]']);
    // Control: "Override to skip npm publish" (its action.yml).
    expect(given('publish-cmd', "echo 'versioned only'")).toEqual([]);
  });

  it('runs on the job\'s Node and npm: it sets up neither', () => {
    const p = load({ '.github/workflows/release.yml': bump('v3', '          version-type: patch') });
    const site = p.facts.sites[0]!;
    if (site.provider !== 'github') throw new Error('github site expected');
    const [at] = npmAtPublish(p, site.job, site.step, site.publish);
    expect(at?.node.spec).toBe('24');
    expect(at?.source).toBe('bundled');
  });

  it('v2 with `npm_token`: the token reaches the publish (no-long-lived-token); v3 without it: none', async () => {
    const v2 = bump('v2.2.1', '          newversion: patch\n          npm_token: ${{ secrets.NPM_TOKEN }}');
    const found = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': v2 }, { rule: 'no-long-lived-token' });
    expect(found.map((d) => `${d.severity} ${d.message}`)).toEqual([
      'warning Input `npm_token` passes the long-lived npm token secrets.NPM_TOKEN to bcomnes/npm-bump, which publishes to npm; trusted publishing needs no token',
    ]);
    const v3 = bump('v3', '          version-type: patch');
    expect(await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': v3 }, { rule: 'no-long-lived-token' })).toEqual([]);
  });

  it('a declared publisher naming the workflow: no publish-from-trusted-workflow finding (npm-run-all2)', async () => {
    const config = 'publishers:\n  - provider: github\n    repository: acme/lib\n    workflow: release.yml\n';
    const files = { 'package.json': PKG, 'tp-doctor.yml': config, '.github/workflows/release.yml': bump('v3', '          version-type: patch') };
    expect(await lintFiles(files, { rule: 'publish-from-trusted-workflow' })).toEqual([]);
  });
});

/** rollup-plugin-pure's release.yml: pr, release, pack and publish jobs on uppt v0.5.4. */
function uppt(publishWith = '          files: ${{ needs.pack.outputs.files }}'): string {
  const sha = '4e0c42a0fd6091f59e5dfe168e69b57651e87bed';
  return [
    'on:',
    '  push:',
    '    branches: [main]',
    '  pull_request:',
    '    types: [closed]',
    '  workflow_dispatch:',
    'permissions: {}',
    'jobs:',
    '  pr:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      contents: write',
    '      pull-requests: write',
    '    steps:',
    `      - uses: danielroe/uppt/pr@${sha} # v0.5.4`,
    '  release:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      contents: write',
    '      actions: write',
    '    steps:',
    `      - uses: danielroe/uppt/release@${sha} # v0.5.4`,
    '        with:',
    '          token: ${{ secrets.GITHUB_TOKEN }}',
    '  pack:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - id: pack',
    `        uses: danielroe/uppt/pack@${sha} # v0.5.4`,
    '  publish:',
    '    needs: pack',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    environment: npm',
    '    steps:',
    `      - uses: danielroe/uppt/publish@${sha} # v0.5.4`,
    '        with:',
    publishWith,
    '',
  ].join('\n');
}

describe('danielroe/uppt', () => {
  it('`/publish` is a certain stage publish; `/pr`, `/release` and `/pack` publish nothing', () => {
    expect(sites(load({ '.github/workflows/release.yml': uppt() }))).toEqual(['publish certain npm-stage-publish danielroe/uppt/publish (runs npm stage publish) unknown[lib]']);
  });

  it('a declared publisher does not make `/release` a possible publish, even beside a publish tp-doctor cannot read; an unknown release action is one (control)', () => {
    const config = 'publishers:\n  - provider: github\n    repository: acme/lib\n    workflow: release.yml\n    environment: npm\n    allowedActions: [stage-publish]\n';
    const jobs = (files: Record<string, string>): string[] => sites(load({ 'tp-doctor.yml': config, ...files })).map((s) => s.split(' ').slice(0, 2).join(' '));
    // The certain publish makes the declaration the publish job's: the other jobs are read without it.
    expect(jobs({ '.github/workflows/release.yml': uppt() })).toEqual(['publish certain']);
    // A publish job tp-doctor cannot read (every job is then read with the declaration).
    const unread = uppt().replace('danielroe/uppt/publish@', 'acme/stage-publish@');
    expect(jobs({ '.github/workflows/release.yml': unread })).toEqual(['publish possible']);
    expect(jobs({ '.github/workflows/release.yml': unread.replace('danielroe/uppt/release@', 'acme/release-action@') })).toEqual(['release possible', 'publish possible']);
  });

  it('its npm is npm@latest, installed on the Node the action sets up: 24 by default, its `node-version` input else', () => {
    const at = (publishWith?: string): { node: string | undefined; source: string; upgrade: string | undefined } => {
      const p = load({ '.github/workflows/release.yml': uppt(publishWith) });
      const site = p.facts.sites[0]!;
      if (site.provider !== 'github') throw new Error('github site expected');
      const [first] = npmAtPublish(p, site.job, site.step, site.publish);
      return { node: first?.node.spec, source: first?.source ?? '', upgrade: first?.upgrade?.upgrade.spec };
    };
    expect(at()).toEqual({ node: '24', source: 'upgrade', upgrade: 'latest' });
    expect(at("          node-version: '22.14'")).toEqual({ node: '22.14', source: 'upgrade', upgrade: 'latest' });
  });

  it('`node-version` on a Node npm@latest does not support: npm-upgrade-compatible; the default 24: none (control)', async () => {
    const lint = (publishWith?: string): Promise<string[]> =>
      lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': uppt(publishWith) }, { rule: 'npm-upgrade-compatible' }).then((d) => d.map((x) => x.severity));
    expect(await lint("          node-version: '20'")).toEqual(['error']);
    expect(await lint()).toEqual([]);
  });

  it('`tp-doctor init` allows the stage publish', () => {
    const input = loadLintInput({ fs: new MemoryFs({ 'package.json': PKG, '.git/config': REMOTE, '.github/workflows/release.yml': uppt() }), config: EMPTY_CONFIG });
    if (!input.ok) throw new Error('config errors');
    const plan = planInit(repoFacts(input.project, input.config));
    expect(plan.publishers.map((p) => p.allowedActions)).toEqual([['stage-publish']]);
  });
});
