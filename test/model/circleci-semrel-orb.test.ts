/**
 * A CircleCI orb job named for semantic-release is a possible npm publish only when semantic-release
 * may publish to npm there: not when the repository has no package.json, nor when its configuration
 * is a data file whose plugins leave @semantic-release/npm out (timo-reymann/gitlab-ci-verify,
 * `semantic-release/with_existing_config` of trustedshops-public/semantic-release, survey908b F2).
 * src/model/npm/semantic-release-config.ts `semanticReleaseDataSkipsNpm`, read by src/model/circleci/possible.ts.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const CONFIG = [
  'version: 2.1',
  'orbs:',
  '  semantic-release: trustedshops-public/semantic-release@6.1.0',
  'workflows:',
  '  main:',
  '    jobs:',
  '      - semantic-release/with_existing_config:',
  '          name: semantic-release',
  '          context: [semantic-release]',
  '',
].join('\n');
const PLUGINS = ['@semantic-release/commit-analyzer', '@semantic-release/release-notes-generator', '@semantic-release/git', '@semantic-release/github'];
const PKG = JSON.stringify({ name: 'tool', version: '1.0.0' });

function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ '.circleci/config.yml': CONFIG, ...files }), {}).facts.sites.map((s) => `${s.certainty} ${s.publish.match.label}`);
}

const POSSIBLE = ['possible "semantic-release/with_existing_config"'];

describe('a semantic-release orb job that cannot publish to npm is no possible publish', () => {
  it.each([
    ['no package.json (a Go tool with a .releaserc.json)', { 'go.mod': 'module x', '.releaserc.json': JSON.stringify({ plugins: PLUGINS }) }],
    ['no package.json and no configuration', { 'go.mod': 'module x' }],
    ['.releaserc.json without the npm plugin', { 'package.json': PKG, '.releaserc.json': JSON.stringify({ branches: ['main'], plugins: PLUGINS }) }],
    ['.releaserc (YAML) without it', { 'package.json': PKG, '.releaserc': `plugins:\n${PLUGINS.map((p) => `  - "${p}"`).join('\n')}\n` }],
    ['.releaserc.yml with npmPublish false', { 'package.json': PKG, '.releaserc.yml': 'plugins:\n  - - "@semantic-release/npm"\n    - npmPublish: false\n' }],
    ['its own plugins beside an extends (they replace the shared ones)', { 'package.json': PKG, '.releaserc.json': JSON.stringify({ extends: '@acme/semantic-release-config', plugins: PLUGINS }) }],
    ['package.json release without it', { 'package.json': JSON.stringify({ name: 'tool', version: '1.0.0', release: { plugins: PLUGINS } }) }],
  ])('%s', (_name, files) => {
    expect(sites(files)).toEqual([]);
  });

  it.each([
    ['the npm plugin listed', { 'package.json': PKG, '.releaserc.json': JSON.stringify({ plugins: [...PLUGINS, '@semantic-release/npm'] }) }],
    ['no configuration: the defaults publish', { 'package.json': PKG }],
    ['an extends that may add the npm plugin', { 'package.json': PKG, '.releaserc.json': JSON.stringify({ extends: '@acme/semantic-release-config' }) }],
    ['a JavaScript configuration', { 'package.json': PKG, 'release.config.js': `module.exports = { plugins: ${JSON.stringify(PLUGINS)} };` }],
  ])('control, still possible: %s', (_name, files) => {
    expect(sites(files)).toEqual(POSSIBLE);
  });
});
