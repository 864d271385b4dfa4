/**
 * intuit/auto's configuration (src/model/npm/auto-config.ts): `auto shipit` publishes to npm with
 * its npm plugin, which auto loads when `plugins` lists it or is not set (storybookjs/addon-kit's
 * template: package.json `"auto": { "plugins": ["npm", "released"] }`).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles, toolConfigFiles as configFiles } from '../helpers.js';
import { autoUsesNpm } from '../../src/model/npm/auto-config.js';
import { configSkipsNpmIn } from '../../src/model/npm/config-skips-npm.js';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const PKG = (auto?: unknown): string => JSON.stringify({ name: 'addon', version: '1.0.0', ...(auto === undefined ? {} : { auto }) });

describe('autoUsesNpm', () => {
  it.each<[string, Record<string, string>, 'yes' | 'no' | 'unknown']>([
    ['package.json `auto.plugins` with npm', { 'package.json': PKG({ plugins: ['npm', 'released'] }) }, 'yes'],
    ['the scoped name, with options', { 'package.json': PKG(), '.autorc': JSON.stringify({ plugins: [['@auto-it/npm', { setRcToken: false }], 'released'] }) }, 'yes'],
    // auto loads npm by default, or git-tag when it runs as its standalone binary: the files do not say which.
    ['no configuration', { 'package.json': PKG() }, 'unknown'],
    ['a configuration without `plugins`', { 'package.json': PKG(), '.autorc.yml': 'baseBranch: main\n' }, 'unknown'],
    ['plugins without npm', { 'package.json': PKG({ plugins: ['git-tag', 'released'] }) }, 'no'],
    // exec runs commands on the publish hooks; a local or third-party plugin may publish too.
    ['exec, which may publish', { 'package.json': PKG({ plugins: [['exec', { publish: 'npm publish --provenance' }], 'released'] }) }, 'unknown'],
    ['a local plugin', { 'package.json': PKG({ plugins: ['./plugins/publish.js'] }) }, 'unknown'],
    ['`extends`', { 'package.json': PKG({ extends: '@acme/auto-config', plugins: ['released'] }) }, 'unknown'],
    ['a JavaScript configuration', { 'package.json': PKG(), 'auto.config.ts': 'export default () => ({ plugins: ["npm"] });\n' }, 'unknown'],
    ['no package.json', {}, 'unknown'],
  ])('%s: %s', (_name, files, want) => {
    expect(autoUsesNpm(configFiles(files), '')).toBe(want);
  });
});

describe('auto shipit with its configuration', () => {
  const found = (files: Record<string, string>): string[] =>
    analyzeScript('pnpm run build && auto shipit', { configSkipsNpm: configSkipsNpmIn(configFiles(files), '') }).matches.map((m) => `${m.recognizer}@${m.confidence}`);
  it('a certain publish when the npm plugin is loaded', () => {
    expect(found({ 'package.json': PKG({ plugins: ['npm', 'released'] }) })).toEqual(['auto-shipit@certain']);
  });
  it('no npm publish when the plugins leave it out', () => {
    expect(found({ 'package.json': PKG({ plugins: ['git-tag'] }) })).toEqual([]);
  });
  it('a guess when the configuration cannot be read, or without one', () => {
    expect(found({ 'package.json': PKG({ extends: 'x' }) })).toEqual(['auto-shipit@heuristic']);
    expect(analyzeScript('auto shipit', {}).matches.map((m) => m.confidence)).toEqual(['heuristic']);
  });
  it('`--dry-run` stays no publish', () => {
    expect(analyzeScript('auto shipit --dry-run', { configSkipsNpm: configSkipsNpmIn(configFiles({ 'package.json': PKG({ plugins: ['npm'] }) }), '') }).matches).toEqual([]);
  });
});

describe('npm-supports-oidc on a certain auto shipit', () => {
  const files = (extra: Record<string, string> = {}): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget', auto: { plugins: ['npm'] } }),
    'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n',
    '.github/workflows/release.yml': "on:\n  push:\n    tags: ['v*']\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 20\n      - run: npx auto shipit\n",
    ...extra,
  });
  it('its npm plugin runs the npm on PATH: npm 10 on Node 20 is an error', async () => {
    const found = await lintFiles(files(), { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@error']);
  });
  it('with a lerna.json it runs `lerna publish`: not the npm CLI check', async () => {
    expect(await lintFiles(files({ 'lerna.json': '{"version":"1.0.0"}' }), { rule: 'npm-supports-oidc' })).toEqual([]);
  });
});

/**
 * survey910b M2 (grafana/scenes `yarn auto shipit`): auto's npm plugin takes a repository with a
 * `lerna.json` for a lerna monorepo and publishes with `lerna publish`, so the packages are
 * lerna's, as for `lerna publish` itself, not the (private) root.
 */
describe('auto shipit in a lerna monorepo', () => {
  const ROOT = { name: 'root', private: true, version: '0.0.0', repository: { type: 'git', url: 'https://github.com/o/r' }, devDependencies: { auto: '^11.3.6', lerna: '^9.0.0' } };
  const WORKFLOW = 'on:\n  push:\n    branches: [main]\npermissions:\n  id-token: write\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 24\n      - run: npm ci\n      - run: npx auto shipit\n        env:\n          NPM_CONFIG_PROVENANCE: true\n';
  const files = (root: Record<string, unknown> = { ...ROOT, auto: { plugins: ['npm'] } }, extra: Record<string, string> = { 'lerna.json': '{"version":"1.0.0","packages":["packages/*"],"npmClient":"npm"}' }): Record<string, string> => ({
    'package.json': JSON.stringify(root),
    'packages/a/package.json': JSON.stringify({ name: '@o/a', version: '1.0.0' }),
    'packages/b/package.json': JSON.stringify({ name: '@o/b', version: '1.0.0', repository: { type: 'git', url: 'https://github.com/o/r', directory: 'packages/b' } }),
    '.github/workflows/release.yml': WORKFLOW,
    ...extra,
  });
  const targets = (f: Record<string, string>): string[] =>
    loadProject(new MemoryFs(f)).facts.sites.map((s) => `${s.targets.kind} ${(s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages).map((p) => p.name).join(',')}`);

  it('publishes the lerna packages, and provenance-repository-url checks them', async () => {
    expect(targets(files())).toEqual(['workspaces @o/a,@o/b']);
    const found = await lintFiles(files(), { rule: 'provenance-repository-url' });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.file}`)).toEqual(['missing@error packages/a/package.json']);
  });

  it('a lerna.json without `packages`: the package manager workspaces lerna reads', () => {
    expect(targets(files({ ...ROOT, workspaces: ['packages/*'], auto: { plugins: ['npm'] } }, { 'lerna.json': '{"version":"1.0.0"}' }))).toEqual(['workspaces @o/a,@o/b']);
  });

  it('control: a guess (no auto configuration): the lerna packages are its candidates, as before', () => {
    expect(targets(files(ROOT))).toEqual(['unknown @o/a,@o/b']);
  });

  it('control: without a lerna.json, the root package (private: none)', () => {
    expect(targets(files(undefined, {}))).toEqual(['single ']);
  });
});
