/**
 * A semantic-release configuration whose plugins tp-doctor cannot read (FreshMag/another-testo:
 * `release.config.mjs` imports a JSON preset from a package and pushes an exec `publishCmd` onto
 * its `plugins`): whether @semantic-release/npm runs is not known, so semantic-release's own npm
 * publish is a guess, its label saying which file was not read (src/model/npm/semantic-release-config.ts
 * `semanticReleaseSkipsNpm`, config-skips-npm.ts `ConfigUnread`).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles, toolConfigFiles as configFiles } from '../helpers.js';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { configSkipsNpmIn } from '../../src/model/npm/config-skips-npm.js';
import { analyzeScript, recognizeAction } from '../../src/model/npm/publish-commands.js';

const PRESET = "import config from 'semantic-release-preconfigured-conventional-commits' with { type: 'json' };\nconfig.plugins.push(['@semantic-release/exec', { publishCmd }]);\nexport default config;\n";
const FRESHMAG = { 'release.config.mjs': `const publishCmd = \`\ncd common\nnpm publish --access public\n\`;\n${PRESET}` };
const GUESS = (file: string, why = 'cannot be read'): string => `semantic-release (if its plugins include @semantic-release/npm: ${file} ${why}) heuristic`;

function summary(files: Record<string, string>, script = 'npx semantic-release'): string[] {
  const toolConfig = configFiles(files);
  return analyzeScript(script, { toolConfig, configSkipsNpm: configSkipsNpmIn(toolConfig, ''), dir: '' }).matches.map((m) => `${m.label} ${m.confidence}`);
}

describe('semantic-release whose plugins are not read: its npm publish is a guess', () => {
  const cases: { name: string; files: Record<string, string>; script?: string; want: string[] }[] = [
    { name: 'FreshMag/another-testo: a JSON preset imported and pushed to', files: FRESHMAG, want: [GUESS('release.config.mjs')] },
    { name: 'a TypeScript configuration', files: { 'release.config.ts': 'export default { plugins: [] };\n' }, want: [GUESS('release.config.ts')] },
    { name: '`extends` without `plugins`', files: { '.releaserc.json': JSON.stringify({ extends: '@acme/release-config' }) }, want: [GUESS('.releaserc.json', 'extends @acme/release-config, which is not read')] },
    { name: 'a plugin entry in a variable, no npm plugin in sight', files: { 'release.config.js': "module.exports = { plugins: ['@semantic-release/github', npmPlugin] };\n" }, want: [GUESS('release.config.js', 'lists plugins tp-doctor cannot read')] },
    {
      name: 'an exec publish read beside an unread entry stays certain',
      files: { 'release.config.js': "module.exports = { plugins: [shared, ['@semantic-release/exec', { publishCmd: 'npm publish' }]] };\n" },
      want: [GUESS('release.config.js', 'lists plugins tp-doctor cannot read'), 'npm publish (publishCmd of @semantic-release/exec in release.config.js) certain'],
    },
    // Controls: what the text shows decides, as before.
    { name: 'control: no configuration (the default plugins)', files: {}, want: ['semantic-release certain'] },
    { name: 'control: the npm plugin listed', files: { 'release.config.mjs': "export default { plugins: ['@semantic-release/npm'] };\n" }, want: ['semantic-release certain'] },
    { name: 'control: the npm plugin listed beside an unread entry', files: { 'release.config.mjs': "export default { plugins: [shared, '@semantic-release/npm'] };\n" }, want: ['semantic-release certain'] },
    { name: 'control: `extends` with its own plugins listing the npm plugin', files: { '.releaserc.json': JSON.stringify({ extends: 'shared', plugins: ['@semantic-release/npm'] }) }, want: ['semantic-release certain'] },
    { name: 'control: plugins without the npm plugin', files: { 'release.config.mjs': "export default { plugins: ['@semantic-release/github'] };\n" }, want: [] },
  ];
  it.each(cases)('$name', ({ files, script, want }) => {
    expect(summary(files, script)).toEqual(want);
  });

  it('keeps the file and the reason on the match', () => {
    const toolConfig = configFiles(FRESHMAG);
    const [match] = analyzeScript('npx semantic-release', { toolConfig, configSkipsNpm: configSkipsNpmIn(toolConfig, ''), dir: '' }).matches;
    expect(match?.configUnread).toEqual({ file: 'release.config.mjs', unread: 'release.config.mjs cannot be read' });
  });

  it('an action that runs semantic-release (cycjimmy/swiper-animation: `makeConfig(…)`): a guess too', () => {
    const files = { 'release.config.cjs': "const makeConfig = require('@cycjimmy/config-lib').default;\nmodule.exports = makeConfig({});\n" };
    const toolConfig = configFiles(files);
    const ctx = { toolConfig, configSkipsNpm: configSkipsNpmIn(toolConfig, ''), dir: '' };
    const matches = recognizeAction('cycjimmy/semantic-release-action@v4', {}, ctx).map((m) => `${m.label} ${m.confidence}`);
    expect(matches).toEqual(['cycjimmy/semantic-release-action (if its plugins include @semantic-release/npm: release.config.cjs cannot be read) heuristic']);
    // Control: a configuration it reads.
    const read = configFiles({ 'release.config.cjs': "module.exports = { plugins: ['@semantic-release/npm'] };\n" });
    expect(recognizeAction('cycjimmy/semantic-release-action@v4', {}, { toolConfig: read, configSkipsNpm: configSkipsNpmIn(read, ''), dir: '' }).map((m) => m.confidence)).toEqual(['certain']);
  });
});

describe('what such a guess publishes is still read: the package where semantic-release runs', () => {
  const workflow = (run: string): string => `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n`;
  const sites = (files: Record<string, string>): string[] =>
    loadProject(new MemoryFs({ 'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }), 'packages/a/package.json': JSON.stringify({ name: 'a', version: '1.0.0' }), 'packages/b/package.json': JSON.stringify({ name: 'b', version: '1.0.0' }), ...files }), {}).facts.sites.map((s) => {
      const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
      return `${s.certainty} ${s.targets.kind}[${list.map((x) => x.name).join(',')}] @${s.directory ?? '?'}`;
    });

  it('moneyforward/frontend-tools: each package spreads a shared configuration', () => {
    const config = "const shared = require('@acme/release-config');\nmodule.exports = { ...shared, tagFormat: 'v${version}' };\n";
    expect(sites({ 'packages/a/release.config.js': config, '.github/workflows/release.yml': workflow('cd packages/a && npx semantic-release') })).toEqual(['likely single[a] @packages/a']);
  });

  it('control: a guess of another kind (a script tp-doctor cannot read) says nothing of what it selects', () => {
    const files = { 'packages/a/package.json': JSON.stringify({ name: 'a', version: '1.0.0', scripts: { release: 'node ./release.mjs' } }), '.github/workflows/release.yml': workflow('cd packages/a && npm run release') };
    expect(sites(files)).toEqual(['possible unknown[a,b] @?']);
  });
});

describe('publish-tool-supports-oidc names the configuration it did not read', () => {
  const repo = (config: Record<string, string>): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget' }),
    'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/@semantic-release/npm': { version: '12.0.1', dev: true } } }),
    '.github/workflows/release.yml':
      'on:\n  push:\n    branches: [main]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n      - run: npx semantic-release\n',
    ...config,
  });

  it('the version finding, a warning, with the configuration as a related location', async () => {
    const found = await lintFiles(repo(FRESHMAG), { rule: 'publish-tool-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['tooOld@warning']);
    expect(found[0]?.related.map((r) => `${r.file}:${r.start.line} ${r.label}`)).toContain('release.config.mjs:1 release.config.mjs cannot be read: whether its plugins include @semantic-release/npm is not known');
  });

  it('control: a configuration it reads that lists the npm plugin: certain, no such note', async () => {
    const found = await lintFiles(repo({ 'release.config.mjs': "export default { plugins: ['@semantic-release/npm'] };\n" }), { rule: 'publish-tool-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['tooOld@error']);
    expect(found[0]?.related.some((r) => r.label.includes('cannot be read'))).toBe(false);
  });
});
