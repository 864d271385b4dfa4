/**
 * decentraland/oddish-action (`ACTION_RECOGNIZERS` in src/model/data/publish-tools.ts), found by
 * survey 910a (dcl-regenesislabs/opendcl): a JavaScript action that runs the job's `npm publish` in
 * its `cwd` input's directory, to the registry of its `registry-url` input, with its `access` and
 * `provenance` inputs; `only-update-versions: true` skips the publish.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import type { Project } from '../../src/model/project.js';
import { loadLintInput } from '../../src/api.js';
import { lintFiles } from '../helpers.js';

const PKG = JSON.stringify({ name: '@acme/lib', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/lib.git' } });
const REMOTE = '[remote "origin"]\n  url = https://github.com/acme/lib.git\n';

/** The survey's reproduction: setup-node on Node `node`, then the action with `with` lines. */
function workflow(node: string, withLines: string): string {
  return [
    'on:',
    '  push:',
    '    branches: [main]',
    'jobs:',
    '  build-release:',
    '    permissions:',
    '      contents: read',
    '      id-token: write',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    `          node-version: ${node}`,
    '      - run: npm ci',
    '      - uses: decentraland/oddish-action@master',
    '        with:',
    withLines,
    '',
  ].join('\n');
}

function load(files: Record<string, string>): Project {
  const input = loadLintInput({ fs: new MemoryFs({ '.git/config': REMOTE, ...files }) });
  if (!input.ok) throw new Error('config errors');
  return input.project;
}

/** `certainty recognizer label directory targets[packages] registry` per site. */
function sites(project: Project): string[] {
  return project.facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.certainty} ${s.publish.match.recognizer} ${s.publish.match.label} ${s.directory} ${s.targets.kind}[${list.map((p) => p.name).join(',')}] ${s.registry.registry}`;
  });
}

describe('decentraland/oddish-action', () => {
  it('runs `npm publish` of the package in the working directory, to registry.npmjs.org', () => {
    const p = load({ 'package.json': PKG, '.github/workflows/release.yml': workflow('24', "          registry-url: 'https://registry.npmjs.org'\n          access: public") });
    expect(sites(p)).toEqual(['certain npm-publish decentraland/oddish-action (runs npm publish)  single[@acme/lib] npmjs']);
  });

  it('in the directory of its `cwd` input', () => {
    const files = { 'package.json': JSON.stringify({ name: 'root', private: true }), 'packages/lib/package.json': PKG };
    const p = load({ ...files, '.github/workflows/release.yml': workflow('24', '          cwd: packages/lib') });
    expect(sites(p)).toEqual(['certain npm-publish decentraland/oddish-action (runs npm publish) packages/lib single[@acme/lib] npmjs']);
  });

  it('to the registry of its `registry-url` input', () => {
    const p = load({ 'package.json': PKG, '.github/workflows/release.yml': workflow('24', "          registry-url: 'https://npm.pkg.github.com'") });
    expect(sites(p).map((s) => s.split(' ').at(-1))).toEqual(['other']);
  });

  it('`only-update-versions: true` publishes nothing', () => {
    const p = load({ 'package.json': PKG, '.github/workflows/release.yml': workflow('24', '          only-update-versions: true') });
    expect(sites(p)).toEqual([]);
  });

  it("on Node 20 the job's bundled npm 10 cannot publish with OIDC (npm-supports-oidc); on Node 24 it can", async () => {
    const on = async (node: string): Promise<string[]> =>
      (await lintFiles({ 'package.json': PKG, '.git/config': REMOTE, '.github/workflows/release.yml': workflow(node, '          access: public') }, { rule: 'npm-supports-oidc' })).map((d) => `${d.severity} ${d.messageId}`);
    expect(await on('20')).toEqual(['error bundledTooOld']);
    expect(await on('24')).toEqual([]);
  });
});
