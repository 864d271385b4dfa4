/**
 * Two readings of which packages a publish sends (src/model/npm/targets.ts, workspaces.ts):
 *
 * - A workspace pattern `.` (or `./`) lists the root itself (ember-cli/ember-cli:
 *   pnpm-workspace.yaml `packages: ['.', 'packages/*']`): the root package is one of the workspace
 *   packages, once. pnpm counts the root among its projects whatever the patterns say, and its
 *   recursive publish sends it (only `run`, `exec`, `add` and `test` leave it out of `-r`); the npm
 *   CLI reads `.` in the root `package.json` `workspaces` as a workspace, or takes the root with
 *   `--include-workspace-root`.
 * - A package without a committed `version` that the command names by itself (the one of its
 *   directory, a single-package repository's root) is still its target: another job may write the
 *   version (video-dev/hls.js). Among many (a workspace-wide publish, a `--filter`) it needs one, as
 *   pnpm's recursive publish skips it.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', ...fields });

/** `directory kind[names]` per site (the candidates of unknown targets). */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.directory ?? '?'} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

function workflow(run: string): string {
  return `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: ${run}\n`;
}

/** ember-cli's layout: the root is the main package, the workspace also has `packages/*`. */
const EMBER = {
  'package.json': pkg({ name: 'ember-cli' }),
  'pnpm-workspace.yaml': 'packages:\n  - .\n  - packages/*\n',
  'packages/a/package.json': pkg({ name: '@e/a' }),
  'packages/b/package.json': pkg({ name: '@e/b' }),
};
const WITHOUT_DOT = { ...EMBER, 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n' };
const NPM = {
  'package.json': pkg({ name: 'root', workspaces: ['.', 'packages/*'] }),
  'packages/a/package.json': pkg({ name: 'a' }),
};
const NPM_WITHOUT_DOT = { ...NPM, 'package.json': pkg({ name: 'root', workspaces: ['packages/*'] }) };

const rootCases: [name: string, files: Record<string, string>, want: string[]][] = [
  ['ember-cli: an unreadable publish (a script not committed) may publish the listed root', { ...EMBER, '.github/workflows/r.yml': workflow('./scripts/publish.sh') }, ['? unknown[ember-cli,@e/a,@e/b]']],
  ['control: without `.` the root is the workspace container', { ...WITHOUT_DOT, '.github/workflows/r.yml': workflow('./scripts/publish.sh') }, ['? unknown[@e/a,@e/b]']],
  ['`./` lists it too', { ...EMBER, 'pnpm-workspace.yaml': 'packages:\n  - ./\n  - packages/*\n', '.github/workflows/r.yml': workflow('./scripts/publish.sh') }, ['? unknown[ember-cli,@e/a,@e/b]']],
  ['`.` and `./` both: the root once', { ...EMBER, 'pnpm-workspace.yaml': 'packages:\n  - .\n  - ./\n  - packages/*\n', '.github/workflows/r.yml': workflow('./scripts/publish.sh') }, ['? unknown[ember-cli,@e/a,@e/b]']],
  ['a private listed root is still no candidate', { ...EMBER, 'package.json': pkg({ name: 'ember-cli', private: true }), '.github/workflows/r.yml': workflow('./scripts/publish.sh') }, ['? unknown[@e/a,@e/b]']],
  ['pnpm -r publish sends the root', { ...EMBER, '.github/workflows/r.yml': workflow('pnpm -r publish') }, [' workspaces[ember-cli,@e/a,@e/b]']],
  ['pnpm -r publish sends the root even when no pattern lists it (pnpm always counts it)', { ...WITHOUT_DOT, '.github/workflows/r.yml': workflow('pnpm -r publish') }, [' workspaces[ember-cli,@e/a,@e/b]']],
  ['control: pnpm -r publish leaves a private root out', { ...WITHOUT_DOT, 'package.json': pkg({ name: 'ember-cli', private: true }), '.github/workflows/r.yml': workflow('pnpm -r publish') }, [' workspaces[@e/a,@e/b]']],
  ['pnpm -r exec leaves the root out, listed or not', { ...EMBER, '.github/workflows/r.yml': workflow('pnpm -r exec npm publish') }, [' workspaces[@e/a,@e/b]']],
  ['npm --workspaces with `.` in `workspaces` sends the root', { ...NPM, '.github/workflows/r.yml': workflow('npm publish --workspaces') }, [' workspaces[root,a]']],
  ['control: npm --workspaces without `.` leaves the root out', { ...NPM_WITHOUT_DOT, '.github/workflows/r.yml': workflow('npm publish --workspaces') }, [' workspaces[a]']],
  ['npm --include-workspace-root takes the root', { ...NPM_WITHOUT_DOT, '.github/workflows/r.yml': workflow('npm publish --workspaces --include-workspace-root') }, [' workspaces[root,a]']],
  ['npm -w <root name> with `.` in `workspaces`', { ...NPM, '.github/workflows/r.yml': workflow('npm publish -w root') }, [' single[root]']],
  ['control: npm -w <root name> without it is no workspace', { ...NPM_WITHOUT_DOT, '.github/workflows/r.yml': workflow('npm publish -w root') }, [' unknown[a]']],
  [
    'npm reads only package.json: `.` in pnpm-workspace.yaml does not put the root in npm --workspaces',
    { ...NPM_WITHOUT_DOT, 'pnpm-workspace.yaml': 'packages:\n  - .\n  - packages/*\n', '.github/workflows/r.yml': workflow('npm publish --workspaces') },
    [' workspaces[a]'],
  ],
];

describe('a workspace pattern that lists the root', () => {
  it.each(rootCases)('%s', (_name, files, want) => {
    expect(sites(files)).toEqual(want);
  });
});

/** hls.js's layout: the root package.json has no version; another job writes it. */
const HLS = { 'package.json': JSON.stringify({ name: 'hls.js', repository: { type: 'git', url: 'https://github.com/Acme/hls' } }) };
const MONO = {
  'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
  'packages/a/package.json': JSON.stringify({ name: 'a' }),
  'packages/b/package.json': pkg({ name: 'b' }),
};

const versionCases: [name: string, files: Record<string, string>, want: string[]][] = [
  ['hls.js: `npm publish` of a root without a version publishes that package', { ...HLS, '.github/workflows/r.yml': workflow('npm publish --provenance') }, [' single[hls.js]']],
  ['an unreadable script in a single-package repository may publish the version-less root', { ...HLS, '.github/workflows/r.yml': workflow('./scripts/publish-npm.sh') }, ['? unknown[hls.js]']],
  ['control: a private version-less root is no target', { 'package.json': JSON.stringify({ name: 'hls.js', private: true }), '.github/workflows/r.yml': workflow('npm publish') }, [' single[]']],
  ['control: a root without a name is no target', { 'package.json': JSON.stringify({ private: false }), '.github/workflows/r.yml': workflow('npm publish') }, [' single[]']],
  ['a version-less workspace package published in its directory', { ...MONO, '.github/workflows/r.yml': workflow('cd packages/a && npm publish') }, ['packages/a single[a]']],
  ['npm -w <name> of a version-less workspace package', { ...MONO, '.github/workflows/r.yml': workflow('npm publish -w a') }, [' single[a]']],
  ['control: npm --workspaces leaves a version-less workspace package out', { ...MONO, '.github/workflows/r.yml': workflow('npm publish --workspaces') }, [' workspaces[b]']],
  ['control: a pnpm --filter selection leaves it out (pnpm skips it)', { ...MONO, '.github/workflows/r.yml': workflow('pnpm --filter "*" publish') }, [' single[b]']],
  ['control: the version set before the workspace-wide publish keeps it', { ...MONO, '.github/workflows/r.yml': workflow('npm version 2.0.0 --workspaces --no-git-tag-version && npm publish --workspaces') }, [' workspaces[a,b]']],
];

describe('a package without a committed version', () => {
  it.each(versionCases)('%s', (_name, files, want) => {
    expect(sites(files)).toEqual(want);
  });

  it('is checked by the package rules (provenance-repository-url), a versioned one alike', async () => {
    const wf = workflow('npm publish --provenance');
    const origin = '[remote "origin"]\n\turl = https://github.com/acme/hls.git\n';
    const rule = async (files: Record<string, string>) => (await lintFiles({ ...files, '.git/config': origin, '.github/workflows/r.yml': wf }, { rule: 'provenance-repository-url' })).map((d) => d.messageId);
    expect(await rule(HLS)).toEqual(['caseOfRemote']);
    const right = { 'package.json': JSON.stringify({ name: 'hls.js', repository: { type: 'git', url: 'https://github.com/acme/hls' } }) };
    expect(await rule(right)).toEqual([]);
  });
});
