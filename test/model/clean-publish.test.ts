/**
 * clean-publish (src/model/npm/clean-publish-config.ts, targets.ts `ownPackage`): its configuration's
 * `withoutPublish: true` (`.clean-publish`, package.json `"clean-publish"`) makes it no publish, as
 * `--without-publish` does; when it does publish, from a workspace root's lifecycle
 * (`prepublishOnly`), it publishes the root's cleaned copy, not the workspace members
 * (tinylibs/tinybench, survey900a F1).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject, type Project } from '../../src/model/project.js';

/** `label certainty targets[...]` per site. */
function sites(project: Project): string[] {
  return project.facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.publish.match.label} ${s.certainty} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

const WORKFLOW = `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - run: RUN
`;

/** tinybench's shape: a root that publishes itself through `prepublishOnly: clean-publish`, and an examples workspace. */
function repo(script: string, extra: Record<string, string> = {}, rootFields: Record<string, unknown> = {}, run = 'pnpm publish --no-git-checks'): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: 'lib', version: '1.0.0', packageManager: 'pnpm@11.20.0', publishConfig: { directory: 'package' }, scripts: { prepublishOnly: script }, ...rootFields }),
    'pnpm-workspace.yaml': 'packages: [examples]\n',
    'examples/package.json': JSON.stringify({ name: 'examples', version: '1.0.0' }),
    '.github/workflows/release.yml': WORKFLOW.replace('RUN', run),
    ...extra,
  };
}

const load = (files: Record<string, string>): Project => loadProject(new MemoryFs(files));
const PNPM = 'pnpm publish certain single[lib]';
const CLEAN = 'clean-publish (runs npm publish) likely single[lib]';

describe('clean-publish: withoutPublish in its configuration', () => {
  it.each([
    ['.clean-publish', { '.clean-publish': '{ "withoutPublish": true, "tempDir": "package" }' }, {}],
    ['package.json "clean-publish"', {}, { 'clean-publish': { withoutPublish: true } }],
  ])('%s with withoutPublish: true: no clean-publish publish', (_, extra, fields) => {
    expect(sites(load(repo('rm -rf ./package && clean-publish', extra, fields)))).toEqual([PNPM]);
  });

  it('a `.clean-publish` in the directory above the one it runs in counts (lilconfig searches up)', () => {
    const files = repo('', { '.clean-publish': '{ "withoutPublish": true }' }, {}, 'cd examples && npx clean-publish');
    expect(sites(load(files))).toEqual([]);
  });

  it.each([
    ['no configuration', {}, {}],
    ['withoutPublish: false', { '.clean-publish': '{ "withoutPublish": false }' }, {}],
    ['a configuration without it', { '.clean-publish': '{ "tempDir": "package" }' }, {}],
    ['a JavaScript configuration (not read)', { '.clean-publish.js': 'module.exports = { withoutPublish: true }' }, {}],
    // lilconfig takes package.json's key before `.clean-publish`.
    ['package.json\'s key first', { '.clean-publish': '{ "withoutPublish": true }' }, { 'clean-publish': { tempDir: 'package' } }],
  ])('controls: %s: clean-publish publishes the root package', (_, extra, fields) => {
    expect(sites(load(repo('rm -rf ./package && clean-publish', extra, fields)))).toEqual([PNPM, CLEAN]);
  });

  it('a word clean-publish does not know on its command line: it skips its configuration, and publishes', () => {
    expect(sites(load(repo('clean-publish extra', { '.clean-publish': '{ "withoutPublish": true }' })))).toEqual([PNPM, CLEAN]);
  });

  it('its options do not stop it reading the configuration', () => {
    expect(sites(load(repo('clean-publish --tag next --temp-dir package', { '.clean-publish': '{ "withoutPublish": true }' })))).toEqual([PNPM]);
  });

  it('--without-publish on the command line, as before', () => {
    expect(sites(load(repo('clean-publish --without-publish')))).toEqual([PNPM]);
  });
});

describe('clean-publish publishes the package of the directory it runs in', () => {
  it('a root package\'s lifecycle in a workspace: the root, not the members', () => {
    expect(sites(load(repo('clean-publish')))).toEqual([PNPM, CLEAN]);
  });

  it('run in a member\'s directory: that member', () => {
    const files = repo('', {}, {}, 'cd examples && npx clean-publish');
    expect(sites(load(files))).toEqual(['clean-publish (runs npm publish) likely single[examples]']);
  });

  it('control: another guess (publib-npm) at the root keeps unknown targets, the members its candidates', () => {
    expect(sites(load(repo('', {}, {}, 'npx publib-npm')))).toEqual(['publib-npm (runs npm publish) likely unknown[examples]']);
  });
});
