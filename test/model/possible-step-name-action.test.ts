/**
 * An action tp-doctor does not know, whose own name does not say publish, in a step whose name
 * says it publishes to npm ("Version and publish to npm": `bcomnes/npm-bump` before tp-doctor knew
 * it, survey 300a §1), is a possible publish in a job with a sign of npm, as an unknown action
 * named for publishing is (src/model/github/unknown-actions.ts). Narrow: the name must say publish
 * and npm, the job must have a sign of npm, and an action named for other work (setting up a tool,
 * a checkout, a token) is never one.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { nameSaysNpmPublish } from '../../src/model/github/unknown-actions.js';
import { lintFiles } from '../helpers.js';

const PKG = JSON.stringify({ name: 'lib', version: '1.0.0' });

/** A release job with `permissions` lines, then a step named `name` running `uses`, after `before` steps. */
function workflow(name: string, uses: string, permissions = '      id-token: write', before = ''): string {
  return [
    'on: workflow_dispatch',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    ...(permissions === '' ? [] : ['    permissions:', permissions]),
    '    steps:',
    '      - uses: actions/checkout@v6',
    before,
    `      - name: ${name}`,
    `        uses: ${uses}`,
    '        with:',
    '          version-type: patch',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** `certainty label` of the sites. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ 'package.json': PKG, ...files })).facts.sites.map((s) => `${s.certainty} ${s.publish.match.label}`);
}

const wf = (text: string): Record<string, string> => ({ '.github/workflows/release.yml': text });

describe('nameSaysNpmPublish', () => {
  it.each([
    ['Version and publish to npm', true],
    ['npm version && npm publish', true],
    ['Publish to NPM', true],
    ['Publish package to npmjs', true],
    // controls: no npm, no publish, or npm only in a path
    ['Publish', false],
    ['Publish to GitHub Packages', false],
    ['Release to npm', false],
    ['Create or update comment of npm release', false],
    ['Get npm version (release)', false],
    ['Setup npm', false],
    ['Publish packages/npm-utils', false],
    [undefined, false],
  ])('%s: %s', (name, want) => expect(nameSaysNpmPublish(name)).toBe(want));
});

describe('an unknown action in a step named for an npm publish', () => {
  it('is a possible publish in a job with `id-token: write` (npm-run-all2 before tp-doctor knew npm-bump)', () => {
    expect(sites(wf(workflow('Version and publish to npm', 'acme/bump@v3')))).toEqual(['possible "acme/bump@v3"']);
  });

  it('is one with a setup-node `registry-url` for npmjs and no `id-token` (async-neocities)', () => {
    const setup = '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org';
    expect(sites(wf(workflow('npm version && npm publish', 'acme/bump@v2', '', setup)))).toEqual(['possible "acme/bump@v2"']);
  });

  it('control: none in a job with no sign of npm', () => {
    expect(sites(wf(workflow('Version and publish to npm', 'acme/bump@v3', '')))).toEqual([]);
  });

  it('control: none when the step name does not say publish and npm', () => {
    expect(sites(wf(workflow('Version and release', 'acme/bump@v3')))).toEqual([]);
    expect(sites(wf(workflow('Release to npm', 'acme/bump@v3')))).toEqual([]);
    expect(sites(wf(workflow('Publish', 'acme/bump@v3')))).toEqual([]);
  });

  it('control: none for an action named for other work (a tool setup, a checkout, a token, an artifact)', () => {
    for (const uses of ['actions/setup-node@v6', 'pnpm/action-setup@v4', 'acme/checkout@v1', 'actions/create-github-app-token@v2', 'actions/download-artifact@v5']) {
      expect(sites(wf(workflow('Set up for the npm publish', uses))), uses).toEqual([]);
    }
  });

  it('control: none for an action known never to publish (uppt/release), and none beside a recognised publish', () => {
    expect(sites(wf(workflow('Tag and dispatch the npm publish', 'danielroe/uppt/release@v0.5.4')))).toEqual([]);
    const beside = workflow('Version and publish to npm', 'acme/bump@v3').replace('    steps:\n', '    steps:\n      - run: npm publish\n');
    expect(sites(wf(beside))).toEqual(['certain npm publish']);
  });

  it('its findings are infos, never errors, and a declared publisher naming the workflow gets no warning', async () => {
    const config = 'publishers:\n  - provider: github\n    repository: acme/lib\n    workflow: release.yml\n';
    const files = { 'package.json': PKG, 'tp-doctor.yml': config, ...wf(workflow('Version and publish to npm', 'acme/bump@v3', '      contents: write')) };
    const found = await lintFiles(files);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((d) => d.severity !== 'info').map((d) => `${d.ruleId} ${d.message}`)).toEqual([]);
    // Control: an action named for other work in that step leaves the workflow without a publish.
    const other = { ...files, ...wf(workflow('Version and publish to npm', 'acme/setup-tools@v3', '      contents: write')) };
    expect((await lintFiles(other, { rule: 'publish-from-trusted-workflow' })).map((d) => d.severity)).toEqual(['warning']);
  });
});
