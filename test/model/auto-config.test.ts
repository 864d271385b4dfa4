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
