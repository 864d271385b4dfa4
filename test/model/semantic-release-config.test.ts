/**
 * What semantic-release's configuration says about publishing to npm
 * (src/model/npm/semantic-release-config.ts): whether @semantic-release/npm publishes, read in data
 * and JavaScript configurations alike (spartan-ng/spartan: `release.config.mjs` without the npm
 * plugin), and the other plugins that publish to npm (renovatebot/renovate:
 * `@containerbase/semantic-release-pnpm`).
 */
import { describe, expect, it } from 'vitest';
import { toolConfigFiles as configFiles } from '../helpers.js';
import { SEMANTIC_RELEASE_PUBLISH_PLUGINS } from '../../src/model/data/semantic-release-plugins.js';
import { configSkipsNpm, configSkipsNpmIn } from '../../src/model/npm/config-skips-npm.js';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';

const NO_NPM = "plugins: ['@semantic-release/commit-analyzer', ['@semantic-release/exec', { publishCmd: 'pnpm run release' }], '@semantic-release/github']";
const NPM_OFF = "plugins: ['@semantic-release/commit-analyzer', ['@semantic-release/npm', { npmPublish: false }]]";
const PRIVATE = { 'package.json': JSON.stringify({ name: 'w', private: true }) };

describe('configSkipsNpm: semantic-release configurations, data and JavaScript', () => {
  // `unread`: whether the npm plugin runs depends on what tp-doctor did not read (a guess).
  const cases: { name: string; files: Record<string, string>; args?: string[]; skips: boolean | 'unread' }[] = [
    // JavaScript configurations, read as text.
    { name: 'release.config.mjs without the npm plugin (spartan-ng/spartan)', files: { 'release.config.mjs': `export default {\n  branches: ['main'],\n  ${NO_NPM},\n};\n` }, skips: true },
    { name: 'release.config.js without the npm plugin', files: { 'release.config.js': `module.exports = { ${NO_NPM} };\n` }, skips: true },
    { name: 'release.config.cjs with `npmPublish: false`', files: { 'release.config.cjs': `module.exports = { ${NPM_OFF} };\n` }, skips: true },
    { name: '.releaserc.cjs with the root `npmPublish: false` (default plugins)', files: { '.releaserc.cjs': 'module.exports = { npmPublish: false };\n' }, skips: true },
    { name: '.releaserc.js, a template literal without substitutions', files: { '.releaserc.js': 'module.exports = { plugins: [`@semantic-release/github`] };\n' }, skips: true },
    { name: 'a JavaScript configuration listing the npm plugin of a private package', files: { ...PRIVATE, 'release.config.mjs': "export default { plugins: ['@semantic-release/npm'] };\n" }, skips: true },
    { name: 'the npm plugin with `npmPublish: true`', files: { 'release.config.mjs': "export default { plugins: [['@semantic-release/npm', { npmPublish: true }]] };\n" }, skips: false },
    { name: 'two npm entries, one still publishing', files: { 'release.config.cjs': "module.exports = { plugins: [['@semantic-release/npm', { npmPublish: false }], ['@semantic-release/npm', { pkgRoot: 'dist' }]] };\n" }, skips: false },
    { name: 'two npm entries, both off (analogjs/analog)', files: { '.releaserc.json': JSON.stringify({ plugins: [['@semantic-release/npm', { npmPublish: false }], ['@semantic-release/npm', { npmPublish: false, pkgRoot: 'dist' }]] }) }, skips: true },
    { name: 'the npm plugin listed', files: { 'release.config.mjs': "export default { plugins: ['@semantic-release/npm'] };\n" }, skips: false },
    // What the text does not show leaves the plugin publishing; when that is which plugins run, as a guess.
    { name: 'a spread in `plugins`', files: { 'release.config.mjs': "export default { plugins: ['@semantic-release/github', ...more] };\n" }, skips: 'unread' },
    { name: 'a spread at the root', files: { 'release.config.mjs': "export default { ...base, plugins: ['@semantic-release/github'] };\n" }, skips: 'unread' },
    { name: '`plugins` in a variable', files: { 'release.config.mjs': "const plugins = ['@semantic-release/github'];\nexport default { plugins };\n" }, skips: 'unread' },
    { name: 'a plugin name built with a substitution', files: { 'release.config.mjs': "export default { plugins: [`@semantic-release/${tool}`] };\n" }, skips: 'unread' },
    { name: 'a plugin name in a variable', files: { 'release.config.mjs': "export default { plugins: ['@semantic-release/github', npmPlugin] };\n" }, skips: 'unread' },
    { name: '`npmPublish` from an expression', files: { 'release.config.js': "module.exports = { plugins: [['@semantic-release/npm', { npmPublish: !process.env.DRY }]] };\n" }, skips: false },
    { name: 'the npm plugin\'s options in a variable', files: { 'release.config.js': "module.exports = { plugins: [['@semantic-release/npm', opts]] };\n" }, skips: false },
    {
      name: 'a JSON preset imported and pushed to (FreshMag/another-testo)',
      files: { 'release.config.mjs': "const publishCmd = `cd common\nnpm publish`;\nimport config from 'semantic-release-preconfigured-conventional-commits' with { type: 'json' };\nconfig.plugins.push(['@semantic-release/exec', { publishCmd }]);\nexport default config;\n" },
      skips: 'unread',
    },
    { name: '`extends` without `plugins`', files: { 'release.config.js': "module.exports = { extends: 'shared' };\n" }, skips: 'unread' },
    { name: '`extends` with the npm plugin of a private package (the shared configuration may set `npmPublish`)', files: { ...PRIVATE, '.releaserc.json': JSON.stringify({ extends: 'shared', plugins: ['@semantic-release/npm'] }) }, skips: false },
    { name: 'a function exported', files: { 'release.config.cjs': "module.exports = () => ({ plugins: ['@semantic-release/github'] });\n" }, skips: 'unread' },
    { name: 'two exports', files: { 'release.config.cjs': "module.exports = { plugins: [] };\nif (x) module.exports = { plugins: ['@semantic-release/npm'] };\n" }, skips: 'unread' },
    { name: 'a TypeScript configuration', files: { 'release.config.ts': "export default { plugins: ['@semantic-release/github'] };\n" }, skips: 'unread' },
    { name: '`pkgRoot`', files: { ...PRIVATE, 'release.config.mjs': "export default { plugins: [['@semantic-release/npm', { pkgRoot: 'dist' }]] };\n" }, skips: false },
    // The `publish` step key names the publish step's plugins (snyk/snyk-to-html: npm only under `prepare`/`publish`).
    { name: 'the npm plugin only under the `publish` step key (snyk/snyk-to-html)', files: { '.releaserc.json': JSON.stringify({ prepare: ['@semantic-release/npm'], publish: ['@semantic-release/npm', '@semantic-release/github'] }) }, skips: false },
    { name: 'the npm plugin in `plugins`, but the `publish` step key without it', files: { '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/npm'], publish: ['@semantic-release/github'] }) }, skips: true },
    { name: 'the `publish` step key as one name', files: { '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/github'], publish: '@semantic-release/npm' }) }, skips: false },
    { name: 'the `publish` step key as options only (no `path`): the plugins decide', files: { '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/github'], publish: { npmPublish: true } }) }, skips: true },
    { name: '`publish: false`: the publish step runs nothing', files: { '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/npm'], publish: false }) }, skips: true },
    { name: 'a `publish` map without `path` turning the npm plugin of `plugins` off', files: { '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/npm'], publish: { npmPublish: false } }) }, skips: true },
    { name: 'a `publish` map without `path` turning it on', files: { '.releaserc.json': JSON.stringify({ plugins: [['@semantic-release/npm', { npmPublish: false }]], publish: { npmPublish: true } }) }, skips: false },
    { name: 'the `publish` step key in a variable', files: { 'release.config.js': "module.exports = { plugins: ['@semantic-release/github'], publish: steps };\n" }, skips: 'unread' },
    // The file's own `plugins` win over the shared configuration's, as with `extends` in the file.
    { name: '`--extends` on the command line', files: { 'release.config.mjs': `export default { ${NO_NPM} };\n` }, args: ['--extends', 'x'], skips: true },
    // Data configurations, as before.
    { name: '.releaserc.json without the npm plugin', files: { '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/github'] }) }, skips: true },
    { name: '.releaserc.json with the npm plugin', files: { '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/npm'] }) }, skips: false },
    { name: 'no configuration, a public package', files: {}, skips: false },
  ];
  it.each(cases)('$name', ({ files, args, skips }) => {
    const says = configSkipsNpm(configFiles(files), '', 'semantic-release', args ?? []);
    expect(typeof says === 'object' ? 'unread' : says).toBe(skips);
  });

  it('says which file and why', () => {
    const says = (files: Record<string, string>): unknown => configSkipsNpm(configFiles(files), '', 'semantic-release', []);
    expect(says({ 'release.config.ts': 'export default {};\n' })).toEqual({ file: 'release.config.ts', unread: 'release.config.ts cannot be read' });
    expect(says({ '.releaserc.json': JSON.stringify({ extends: '@acme/release' }) })).toEqual({ file: '.releaserc.json', unread: '.releaserc.json extends @acme/release, which is not read' });
    expect(says({ 'release.config.js': 'module.exports = { plugins: [x] };\n' })).toEqual({ file: 'release.config.js', unread: 'release.config.js lists plugins tp-doctor cannot read' });
  });
});

describe('semantic-release plugins that publish to npm', () => {
  const summary = (files: Record<string, string>, script = 'pnpm semantic-release'): string[] => {
    const toolConfig = configFiles(files);
    const ctx = { toolConfig, configSkipsNpm: configSkipsNpmIn(toolConfig, ''), dir: '' };
    return analyzeScript(script, ctx).matches.map((m) => `${m.recognizer} ${m.tool} ${m.confidence} ${m.label}`);
  };
  const releaserc = (plugins: unknown[], extra: Record<string, unknown> = {}): Record<string, string> => ({ '.releaserc.json': JSON.stringify({ plugins, ...extra }) });
  const cases: { name: string; files: Record<string, string>; script?: string; matches: string[] }[] = [
    {
      name: '@containerbase/semantic-release-pnpm (renovatebot/renovate): pnpm -r publish, certain',
      files: releaserc(['@semantic-release/commit-analyzer', '@semantic-release/github', '@containerbase/semantic-release-pnpm']),
      matches: ['pnpm-publish pnpm certain pnpm publish (run by @containerbase/semantic-release-pnpm in .releaserc.json)'],
    },
    {
      name: 'semantic-release-yarn: yarn npm publish, a guess',
      files: releaserc(['semantic-release-yarn']),
      matches: ['yarn-npm-publish yarn-berry heuristic yarn npm publish (run by semantic-release-yarn in .releaserc.json)'],
    },
    {
      name: '@anolilab/semantic-release-pnpm in a JavaScript configuration: its own token exchange, a guess',
      files: { 'release.config.mjs': "export default { plugins: ['@anolilab/semantic-release-pnpm'] };\n" },
      matches: ['semantic-release-plugin pnpm heuristic pnpm publish (run by @anolilab/semantic-release-pnpm in release.config.mjs)'],
    },
    {
      name: '@amanda-mitchell/semantic-release-npm-multiple: @semantic-release/npm underneath, its own exchange',
      files: releaserc([['@amanda-mitchell/semantic-release-npm-multiple', { registries: { npm: {} } }]]),
      matches: ['semantic-release-plugin npm heuristic npm publish (run by @amanda-mitchell/semantic-release-npm-multiple in .releaserc.json)'],
    },
    {
      name: 'beside the npm plugin: both publish',
      files: releaserc(['@semantic-release/npm', '@containerbase/semantic-release-pnpm']),
      matches: ['semantic-release semantic-release certain semantic-release', 'pnpm-publish pnpm certain pnpm publish (run by @containerbase/semantic-release-pnpm in .releaserc.json)'],
    },
    {
      name: 'options tp-doctor cannot read make a certain plugin a guess',
      files: { 'release.config.mjs': "export default { plugins: [['@containerbase/semantic-release-pnpm', opts]] };\n" },
      matches: ['pnpm-publish pnpm heuristic pnpm publish (run by @containerbase/semantic-release-pnpm in release.config.mjs)'],
    },
    {
      // renovatebot/renovate: `pnpm semantic-release --dry-run "$DRY_RUN"`: the run itself may be a dry run.
      name: 'a run that may be a dry run: the plugin\'s publish is a guess',
      files: releaserc(['@containerbase/semantic-release-pnpm']),
      script: 'pnpm semantic-release --dry-run "$DRY_RUN"',
      matches: ['pnpm-publish pnpm heuristic pnpm publish (run by @containerbase/semantic-release-pnpm in .releaserc.json)'],
    },
    {
      name: 'the same for exec\'s publishCmd',
      files: releaserc([['@semantic-release/exec', { publishCmd: 'npm publish' }]]),
      script: 'pnpm semantic-release --dry-run "$DRY_RUN"',
      matches: ['npm-publish npm heuristic npm publish (publishCmd of @semantic-release/exec in .releaserc.json)'],
    },
    {
      name: 'a plugin listed under the `publish` step key',
      files: releaserc(['@semantic-release/github'], { publish: ['@containerbase/semantic-release-pnpm'] }),
      matches: ['pnpm-publish pnpm certain pnpm publish (run by @containerbase/semantic-release-pnpm in .releaserc.json)'],
    },
    { name: 'a plugin of `plugins` left out by the `publish` step key', files: releaserc(['@containerbase/semantic-release-pnpm'], { publish: ['@semantic-release/github'] }), matches: [] },
    { name: 'a `publish` map\'s `npmPublish: false` turns semantic-release-yarn off', files: releaserc(['semantic-release-yarn'], { publish: { npmPublish: false } }), matches: [] },
    // Controls.
    { name: 'control: `npmPublish: false` turns semantic-release-yarn off', files: releaserc([['semantic-release-yarn', { npmPublish: false }]]), matches: [] },
    { name: 'control: the root `npmPublish: false` turns @anolilab/semantic-release-pnpm off', files: releaserc(['@anolilab/semantic-release-pnpm'], { npmPublish: false }), matches: [] },
    { name: 'control: a plugin the table does not hold', files: releaserc(['semantic-release-pnpm']), matches: [] },
    { name: 'control: a plugin name in a comment is not listed', files: { 'release.config.mjs': "// '@containerbase/semantic-release-pnpm'\nexport default { plugins: ['@semantic-release/github'] };\n" }, matches: [] },
  ];
  it.each(cases)('$name', ({ files, script, matches }) => {
    expect(summary(files, script)).toEqual(matches);
  });

  it('every row of the table is recognised as a publish of its command', () => {
    for (const row of SEMANTIC_RELEASE_PUBLISH_PLUGINS) {
      const [match] = analyzeScript(row.command, {}).matches;
      expect(match, row.plugin).toBeDefined();
    }
  });
});
