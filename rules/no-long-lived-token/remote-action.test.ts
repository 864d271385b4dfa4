/**
 * A remote action tp-doctor does not read, given an npm token in `with:` (survey910b M4:
 * taiga-family/maskito's `taiga-family/actions/release-it` with `npmToken: ${{ secrets.NPM_TOKEN }}`):
 * like a remote reusable workflow given one (`remoteWorkflowSecret`), an info at the input
 * (`remoteActionSecret`), and the step named in the inferred publisher's note.
 */
import { describe, expect, it } from 'vitest';
import { lintSync } from '../../src/api.js';
import { MemoryFs } from '../../src/fs/source.js';
import { lintFiles } from '../../test/helpers.js';
import { rules } from '../index.js';

const PKG = JSON.stringify({ name: '@acme/lib', version: '1.0.0', repository: 'github:acme/lib' });

function workflow(uses: string, withLines: string): string {
  return [
    'name: Release',
    'on: workflow_dispatch',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    `      - uses: ${uses}`,
    '        with:',
    withLines,
    '',
  ].join('\n');
}

async function found(uses: string, withLines: string, files: Record<string, string> = {}): Promise<string[]> {
  const all = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': workflow(uses, withLines), ...files }, { rule: 'no-long-lived-token' });
  return all.map((d) => `${d.severity} ${d.messageId} ${d.line} ${d.message}`);
}

describe('no-long-lived-token: an npm token given to a remote action tp-doctor does not read', () => {
  it('is an info at the input, naming the action and the input (the survey reproduction)', async () => {
    expect(await found('taiga-family/actions/release-it@v2.12.0', '          mode: patch\n          npmToken: ${{ secrets.NPM_TOKEN }}\n          githubToken: ${{ secrets.BOT_PAT }}')).toEqual([
      'info remoteActionSecret 11 Input `npmToken` passes an npm token (secrets.NPM_TOKEN) to action "taiga-family/actions/release-it@v2.12.0" of another repository, which tp-doctor does not read; if that action publishes with it, trusted publishing needs no token',
    ]);
  });

  it.each([
    ['npm-token: ${{ secrets.NPM_TOKEN }}', 'npm-token'],
    ['NODE_AUTH_TOKEN: ${{ secrets.NPM_AUTH }}', 'NODE_AUTH_TOKEN'],
    ['token: ${{ secrets.NPM_PUBLISH_TOKEN }}', 'token'],
  ])('%s', async (line, input) => {
    const out = await found('acme/ship@v1', `          ${line}`);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(`info remoteActionSecret 10 Input \`${input}\` passes an npm token`);
  });

  it('controls: a known publisher keeps its warning; no npm token, a literal, a local action or a known non-publisher give nothing', async () => {
    expect(await found('bcomnes/npm-bump@v2.2.1', '          newversion: patch\n          npm_token: ${{ secrets.NPM_TOKEN }}')).toEqual([
      'warning actionInput 11 Input `npm_token` passes the long-lived npm token secrets.NPM_TOKEN to bcomnes/npm-bump, which publishes to npm; trusted publishing needs no token',
    ]);
    expect(await found('acme/ship@v1', '          github-token: ${{ secrets.GITHUB_TOKEN }}\n          token: ${{ secrets.BOT_PAT }}')).toEqual([]);
    expect(await found('acme/ship@v1', '          npmToken: none')).toEqual([]);
    expect(await found('softprops/action-gh-release@v2', '          token: ${{ secrets.NPM_TOKEN }}')).toEqual([]);
    const local = { '.github/actions/ship/action.yml': 'name: ship\ninputs:\n  npmToken: {}\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n' };
    expect(await found('./.github/actions/ship', '          npmToken: ${{ secrets.NPM_TOKEN }}', local)).toEqual([]);
  });

  it('the inferred publisher\'s note names the step, as it names a remote reusable workflow (also when the workflow streams)', () => {
    for (const stream of [true, false]) {
      const fs = new MemoryFs({ 'package.json': PKG, '.github/workflows/release.yml': workflow('taiga-family/actions/release-it@v2.12.0', '          npmToken: ${{ secrets.NPM_TOKEN }}') });
      const out = lintSync({ fs, stream, rules });
      if (!out.ok) throw new Error('config errors');
      expect(out.notes.join('\n')).toContain(
        'no workflow that publishes in a way tp-doctor can read. Declare it in tp-doctor.yml to also check the workflow name and environment against npmjs.com. Steps that pass an npm token to actions of other repositories, which may publish with it and which tp-doctor does not read: release.yml job "release" (taiga-family/actions/release-it@v2.12.0, input `npmToken`).',
      );
    }
    // Control: without the token the step says nothing.
    const quiet = lintSync({ rules, fs: new MemoryFs({ 'package.json': PKG, '.github/workflows/release.yml': workflow('taiga-family/actions/release-it@v2.12.0', '          mode: patch') }) });
    if (!quiet.ok) throw new Error('config errors');
    expect(quiet.notes.join('\n')).not.toContain('Steps that pass an npm token');
  });
});
