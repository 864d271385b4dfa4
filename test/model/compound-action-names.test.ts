/**
 * An action tp-doctor does not know whose one-word name ends in "release" or "publish"
 * (`zowe-actions/octorelease`, survey904c M7) is read like one whose name says it
 * (`zowe-actions/octo-release`): with an npm token in the job, a possible publish.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const workflow = (uses: string, env = '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}'): string =>
  ['on: push', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    permissions: { id-token: write }', '    steps:', '      - uses: actions/checkout@v5', `      - uses: ${uses}`, '        env:', env, ''].join('\n');

const sites = (uses: string, env?: string): string[] =>
  loadProject(new MemoryFs({ 'package.json': JSON.stringify({ name: 'widget', version: '1.0.0' }), '.github/workflows/release.yml': workflow(uses, env) })).facts.sites.map((s) => `${s.certainty} ${s.publish.match.tool}`);

describe('an unknown action named in one word for a release', () => {
  it.each(['zowe-actions/octorelease@v1', 'acme/autopublish@v2', 'acme/npmpublisher@v1'])('%s with an npm token: a possible publish', (uses) => {
    expect(sites(uses)).toEqual(['possible other']);
  });

  it('control: the same name split in two words was already one', () => {
    expect(sites('zowe-actions/octo-release@v1')).toEqual(['possible other']);
  });

  it('control: without a sign of npm in the job, nothing', () => {
    expect(sites('zowe-actions/octorelease@v1', '          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}')).toEqual([]);
  });

  it('control: a name that only contains the word elsewhere is not read', () => {
    expect(sites('acme/releasenotes@v1')).toEqual([]);
  });
});
