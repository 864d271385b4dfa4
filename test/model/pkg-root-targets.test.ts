/**
 * semantic-release's `pkgRoot` (src/model/npm/semantic-release-config.ts `semanticReleasePkgRoot`,
 * src/model/npm/pkg-root-targets.ts): TalismanSociety/siws publishes `packages/siws`
 * (`["@semantic-release/npm", { "pkgRoot": "packages/siws" }]`) from a private root; the publish
 * names that package, and the package rules look at it. A `pkgRoot` with no committed package.json
 * (a build output), or one tp-doctor cannot read, leaves the package unknown, the package of the
 * directory semantic-release runs in its candidate.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { semanticReleasePkgRoot } from '../../src/model/npm/semantic-release-config.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles, toolConfigFiles } from '../helpers.js';

const npm = (options: Record<string, unknown>): string => JSON.stringify({ plugins: ['@semantic-release/commit-analyzer', ['@semantic-release/npm', options]] });

describe('semanticReleasePkgRoot: the directory @semantic-release/npm publishes, as written', () => {
  const cases: { name: string; files: Record<string, string>; dir?: string; want: string | undefined }[] = [
    { name: 'the npm entry\'s `pkgRoot` (TalismanSociety/siws)', files: { '.releaserc.json': npm({ pkgRoot: 'packages/siws' }) }, want: 'packages/siws' },
    { name: 'the root `pkgRoot`, read by every plugin', files: { '.releaserc.json': JSON.stringify({ pkgRoot: 'dist', plugins: ['@semantic-release/npm'] }) }, want: 'dist' },
    { name: 'the root `pkgRoot` with the default plugins', files: { '.releaserc.json': JSON.stringify({ pkgRoot: 'lib' }) }, want: 'lib' },
    { name: 'the entry\'s options before the root\'s', files: { '.releaserc.json': JSON.stringify({ pkgRoot: 'dist', plugins: [['@semantic-release/npm', { pkgRoot: 'out' }]] }) }, want: 'out' },
    { name: 'a JavaScript configuration', files: { 'release.config.js': "module.exports = { plugins: [['@semantic-release/npm', { pkgRoot: './dist' }]] };\n" }, want: './dist' },
    { name: 'an entry that does not publish is left out', files: { '.releaserc.json': JSON.stringify({ plugins: [['@semantic-release/npm', { npmPublish: false, pkgRoot: 'a' }], ['@semantic-release/npm', { pkgRoot: 'b' }]] }) }, want: 'b' },
    { name: 'a value it cannot read: unknown', files: { 'release.config.js': "module.exports = { plugins: [['@semantic-release/npm', { pkgRoot: path.join('x') }]] };\n" }, want: 'unknown' },
    { name: 'a template with a substitution: unknown', files: { 'release.config.js': 'module.exports = { plugins: [[\'@semantic-release/npm\', { pkgRoot: `packages/${name}` }]] };\n' }, want: 'unknown' },
    { name: 'options it cannot read: unknown', files: { 'release.config.js': "module.exports = { plugins: [['@semantic-release/npm', opts]] };\n" }, want: 'unknown' },
    { name: 'two publishing entries with different roots: unknown', files: { '.releaserc.json': JSON.stringify({ plugins: [['@semantic-release/npm', { pkgRoot: 'a' }], ['@semantic-release/npm', { pkgRoot: 'b' }]] }) }, want: 'unknown' },
    { name: 'a `publish` map\'s `pkgRoot` over the npm entry\'s', files: { '.releaserc.json': JSON.stringify({ plugins: [['@semantic-release/npm', { pkgRoot: 'a' }]], publish: { pkgRoot: 'b' } }) }, want: 'b' },
    // Controls: what publishes the directory itself, or what tp-doctor does not read.
    { name: 'control: no `pkgRoot`', files: { '.releaserc.json': npm({}) }, want: undefined },
    { name: 'control: `pkgRoot: "."`', files: { '.releaserc.json': npm({ pkgRoot: '.' }) }, want: undefined },
    { name: 'control: no configuration', files: {}, want: undefined },
    { name: 'control: the plugins of an `extends`', files: { '.releaserc.json': JSON.stringify({ extends: 'shared' }) }, want: undefined },
    { name: 'control: a plugin list it cannot read', files: { 'release.config.js': 'module.exports = { plugins };\n' }, want: undefined },
    { name: 'control: the npm plugin not listed', files: { '.releaserc.json': JSON.stringify({ pkgRoot: 'dist', plugins: ['@semantic-release/github'] }) }, want: undefined },
  ];
  for (const c of cases) it(c.name, () => expect(semanticReleasePkgRoot(toolConfigFiles(c.files), c.dir ?? '')).toBe(c.want));
});

const SIWS_ROOT = JSON.stringify({ name: 'siws-monorepo', private: true, workspaces: ['packages/*'] });
const GOOD_REPO = { type: 'git', url: 'git+https://github.com/acme/siws.git', directory: 'packages/siws' };
const siwsPkg = (fields: Record<string, unknown> = {}): string => JSON.stringify({ name: '@acme/siws', version: '1.0.0', repository: GOOD_REPO, ...fields });
const WORKFLOW = 'on: push\npermissions:\n  id-token: write\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - run: npx semantic-release\n';
const REMOTE = { '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/siws.git\n' };

/** `kind[packages or candidates] directory` of the one site. */
function site(files: Record<string, string>): string {
  const s = loadProject(new MemoryFs({ '.github/workflows/release.yml': WORKFLOW, ...files }), {}).facts.sites[0];
  const list = s === undefined ? [] : s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
  return `${s?.targets.kind}[${list.map((p) => p.name).join(',')}] ${JSON.stringify(s?.directory)}`;
}

describe('the package a semantic-release run with a `pkgRoot` publishes', () => {
  const rc = (pkgRoot: string): Record<string, string> => ({ '.releaserc.json': npm({ pkgRoot }) });
  it('a committed package: that package (TalismanSociety/siws)', () => expect(site({ 'package.json': SIWS_ROOT, 'packages/siws/package.json': siwsPkg(), ...rc('packages/siws') })).toBe('single[@acme/siws] ""'));
  it('`./` before it', () => expect(site({ 'package.json': SIWS_ROOT, 'packages/siws/package.json': siwsPkg(), ...rc('./packages/siws') })).toBe('single[@acme/siws] ""'));
  it('a committed package outside the workspaces', () => expect(site({ 'package.json': JSON.stringify({ name: 'root', private: true }), 'npm/package.json': siwsPkg(), ...rc('npm') })).toBe('single[@acme/siws] ""'));
  it('a private package there: no package, its manifest kept', () => {
    const s = loadProject(new MemoryFs({ '.github/workflows/release.yml': WORKFLOW, 'package.json': SIWS_ROOT, 'packages/siws/package.json': siwsPkg({ private: true }), ...rc('packages/siws') }), {}).facts.sites[0];
    expect([s?.targets.kind, s?.targets.packages.length, s?.targets.manifests?.map((m) => m.dir)]).toEqual(['single', 0, ['packages/siws']]);
  });
  it('relative to where semantic-release runs (`cd packages/siws`, `pkgRoot: dist`)', () => {
    const files = { 'package.json': SIWS_ROOT, 'packages/siws/package.json': siwsPkg(), 'packages/siws/dist/package.json': siwsPkg({ name: '@acme/siws-dist' }), 'packages/siws/.releaserc.json': npm({ pkgRoot: 'dist' }) };
    const s = loadProject(new MemoryFs({ ...files, '.github/workflows/release.yml': WORKFLOW.replace('npx semantic-release', 'cd packages/siws && npx semantic-release') }), {}).facts.sites[0];
    expect(`${s?.targets.kind}[${s?.targets.packages.map((p) => p.name).join(',')}] ${s?.directory}`).toBe('single[@acme/siws-dist] packages/siws');
  });
  // A build output: unknown, the package of the directory a candidate.
  it('a directory with no committed package.json (`dist`): unknown, the root a candidate', () => expect(site({ 'package.json': JSON.stringify({ name: 'lib', version: '1.0.0' }), ...rc('dist') })).toBe('unknown[lib] ""'));
  it('a directory that does not exist, private root: unknown, no candidate', () => expect(site({ 'package.json': SIWS_ROOT, ...rc('packages/gone') })).toBe('unknown[] ""'));
  it('a path out of the repository: unknown', () => expect(site({ 'package.json': SIWS_ROOT, ...rc('../elsewhere') })).toBe('unknown[] ""'));
  it('an absolute path: unknown', () => expect(site({ 'package.json': SIWS_ROOT, ...rc('/tmp/pkg') })).toBe('unknown[] ""'));
  it('control: no `pkgRoot` publishes the root', () => expect(site({ 'package.json': JSON.stringify({ name: 'lib', version: '1.0.0' }), 'packages/siws/package.json': siwsPkg(), '.releaserc.json': npm({}) })).toBe('single[lib] ""'));
  it('control: no `pkgRoot` and a private root: the plugin publishes nothing', () => expect(site({ 'package.json': SIWS_ROOT, 'packages/siws/package.json': siwsPkg(), '.releaserc.json': npm({}) })).toBe('undefined[] undefined'));
  it('control: `--extends` on the command line leaves the root', () => {
    const files = { 'package.json': SIWS_ROOT, 'packages/siws/package.json': siwsPkg(), ...rc('packages/siws') };
    const s = loadProject(new MemoryFs({ ...files, '.github/workflows/release.yml': WORKFLOW.replace('npx semantic-release', 'npx semantic-release --extends ./shared.js') }), {}).facts.sites[0];
    expect(s?.targets.packages.map((p) => p.name)).toEqual([]);
  });
});

describe('package rules look at the `pkgRoot` package, not the private root', () => {
  const files = (repository: unknown): Record<string, string> => ({
    ...REMOTE,
    '.github/workflows/release.yml': WORKFLOW,
    'package.json': SIWS_ROOT,
    'packages/siws/package.json': JSON.stringify({ name: '@acme/siws', version: '1.0.0', ...(repository === undefined ? {} : { repository }) }),
    '.releaserc.json': npm({ pkgRoot: 'packages/siws' }),
  });
  const packageRules = async (f: Record<string, string>): Promise<string[]> =>
    (await lintFiles(f)).filter((d) => d.ruleId === 'provenance-repository-url' || d.ruleId === 'repository-matches-publisher').map((d) => `${d.ruleId} ${d.messageId} ${d.file}`);
  // The repository's visibility is not declared: automatic provenance may not run, so a warning.
  it('a `pkgRoot` package without `repository`: provenance-repository-url reports it', async () => {
    expect(await packageRules(files(undefined))).toEqual(['provenance-repository-url missingUnsure packages/siws/package.json']);
  });
  it('a `repository` of another repository: reported on that package', async () => {
    expect(await packageRules(files({ type: 'git', url: 'https://github.com/other/siws.git' }))).toEqual(['repository-matches-publisher remoteVsPackage packages/siws/package.json']);
  });
  it('control: a matching `repository`: nothing', async () => expect(await packageRules(files(GOOD_REPO))).toEqual([]));
  it('control: the same package, published from a public root without `pkgRoot`: not looked at', async () => {
    const rootPublish = { ...files(undefined), 'package.json': JSON.stringify({ name: 'lib', version: '1.0.0', repository: GOOD_REPO.url.replace('git+', ''), workspaces: ['packages/*'] }), '.releaserc.json': npm({}) };
    expect(await packageRules(rootPublish)).toEqual([]);
  });
});
