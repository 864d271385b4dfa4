/**
 * A release-it plugin that disables release-it's npm plugin (`static disablePlugin()` naming
 * `npm`) publishes with its own command instead (src/model/data/release-it-plugins.ts,
 * release-it-config.ts `releaseItNpmReplacement`, release-it-hooks.ts). Checked against
 * hyoban/release-it-pnpm 4.6.6 `src/index.js` and release-it's `lib/plugin/factory.js`
 * (reactivando/use-pubsub-js, survey 400b §1).
 */
import { describe, expect, it } from 'vitest';
import { toolConfigFiles as configFiles } from '../helpers.js';
import { analyzeScript, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import { configSkipsNpmIn } from '../../src/model/npm/config-skips-npm.js';
import { releaseItNpmReplacement } from '../../src/model/npm/release-it-config.js';
import { releaseItHookCommands } from '../../src/model/npm/release-it-hooks.js';
import { RELEASE_IT_NPM_PLUGINS } from '../../src/model/data/release-it-plugins.js';

function inRepo(files: Record<string, string>): RecognizeContext {
  const toolConfig = configFiles(files);
  return { toolConfig, configSkipsNpm: configSkipsNpmIn(toolConfig, ''), shellFile: (f) => files[f], dir: '' };
}

function summary(script: string, files: Record<string, string>): string[] {
  return analyzeScript(script, inRepo(files), { unread: true }).matches.map((m) => `${m.recognizer} ${m.tool} ${m.label} ${m.confidence}`);
}

const PKG = JSON.stringify({ name: 'lib', version: '1.0.0' });
const PRIVATE = JSON.stringify({ name: 'root', private: true });
const json = (config: unknown): string => JSON.stringify(config);

describe('release-it with a plugin in its npm plugin\'s place', () => {
  const cases: { name: string; files: Record<string, string>; script?: string; matches: string[] }[] = [
    {
      name: 'release-it-pnpm with its `publishCommand`: a pnpm publish, although `npm.publish` is true (use-pubsub-js)',
      files: { 'package.json': PKG, '.release-it.json': json({ npm: { publish: true }, plugins: { 'release-it-pnpm': { publishCommand: 'pnpm publish --no-git-checks --tag $tag' }, '@release-it/conventional-changelog': { preset: 'angular' } } }) },
      matches: ['pnpm-publish pnpm pnpm publish (publishCommand of release-it-pnpm in .release-it.json) certain'],
    },
    {
      name: 'release-it-pnpm without options: its default `pnpm -r publish`',
      files: { 'package.json': PKG, '.release-it.json': json({ plugins: { 'release-it-pnpm': {} } }) },
      matches: ['pnpm-publish pnpm pnpm publish (publishCommand of release-it-pnpm in .release-it.json) certain'],
    },
    {
      name: 'a private root: release-it-pnpm still publishes the workspace packages',
      files: { 'package.json': PRIVATE, '.release-it.json': json({ plugins: { 'release-it-pnpm': { inFile: 'CHANGELOG.md' } } }) },
      matches: ['pnpm-publish pnpm pnpm publish (publishCommand of release-it-pnpm in .release-it.json) certain'],
    },
    {
      name: 'the `["namespace", options]` form',
      files: { 'package.json': PKG, '.release-it.json': json({ plugins: { 'release-it-pnpm': ['pnpm', { publishCommand: 'npm publish --tag $tag' }] } }) },
      matches: ['npm-publish npm npm publish (publishCommand of release-it-pnpm in .release-it.json) certain'],
    },
    {
      name: 'package.json `release-it`',
      files: { 'package.json': JSON.stringify({ name: 'lib', version: '1.0.0', 'release-it': { plugins: { 'release-it-pnpm': {} } } }) },
      matches: ['pnpm-publish pnpm pnpm publish (publishCommand of release-it-pnpm in package.json) certain'],
    },
    {
      name: 'a JavaScript configuration whose `publishCommand` is a variable: a guess, not the npm plugin',
      files: { 'package.json': PKG, '.release-it.cjs': "module.exports = { plugins: { 'release-it-pnpm': { publishCommand: cmd } } };\n" },
      matches: ['release-it-plugin other release-it-pnpm (publishCommand of release-it-pnpm in .release-it.cjs, not read) heuristic'],
    },
    {
      name: 'a run that may be a dry run: a guess',
      files: { 'package.json': PKG, '.release-it.json': json({ plugins: { 'release-it-pnpm': {} } }) },
      script: 'release-it --ci --dry-run="$DRY_RUN"',
      matches: ['pnpm-publish pnpm pnpm publish (publishCommand of release-it-pnpm in .release-it.json) heuristic'],
    },
    // Controls.
    {
      name: 'control: without the plugin, release-it\'s own npm publish',
      files: { 'package.json': PKG, '.release-it.json': json({ npm: { publish: true }, plugins: { '@release-it/conventional-changelog': { preset: 'angular' } } }) },
      matches: ['release-it release-it release-it certain'],
    },
    {
      name: 'control: @release-it-plugins/workspaces does not disable the npm plugin',
      files: { 'package.json': PKG, '.release-it.json': json({ plugins: { '@release-it-plugins/workspaces': true } }) },
      matches: ['release-it release-it release-it certain'],
    },
    {
      name: 'control: a `publishCommand` that publishes elsewhere is no npm publish',
      files: { 'package.json': PKG, '.release-it.json': json({ plugins: { 'release-it-pnpm': { publishCommand: 'echo skipped' } } }) },
      matches: [],
    },
    {
      name: 'control: a dry run publishes nothing',
      files: { 'package.json': PKG, '.release-it.json': json({ plugins: { 'release-it-pnpm': {} } }) },
      script: 'release-it --ci --dry-run',
      matches: [],
    },
  ];
  it.each(cases)('$name', ({ files, script, matches }) => {
    expect(summary(script ?? 'release-it --ci', files)).toEqual(matches);
  });
});

describe('releaseItNpmReplacement', () => {
  it('names the plugin, its command and where the configuration writes it', () => {
    const files = configFiles({ '.release-it.json': '{\n  "plugins": {\n    "release-it-pnpm": { "publishCommand": "pnpm publish" }\n  }\n}\n' });
    const r = releaseItNpmReplacement(files, '', []);
    expect(r.kind === 'replaced' && [r.plugin.plugin, r.command, r.at?.start.line]).toEqual(['release-it-pnpm', 'pnpm publish', 3]);
  });
  it('is unknown when `plugins` cannot be read, none without it', () => {
    expect(releaseItNpmReplacement(configFiles({ '.release-it.js': 'module.exports = { plugins: { ...shared } };\n' }), '', []).kind).toBe('unknown');
    expect(releaseItNpmReplacement(configFiles({ '.release-it.json': json({ npm: { skipChecks: true } }) }), '', []).kind).toBe('none');
  });
  it('leaves out the hooks of the plugins it disables (npm, version)', () => {
    const hooks = { 'before:npm:release': 'npm publish', 'after:version:bump': 'npm publish', 'after:bump': 'echo done' };
    const withPlugin = configFiles({ 'package.json': PKG, '.release-it.json': json({ hooks, plugins: { 'release-it-pnpm': {} } }) });
    const without = configFiles({ 'package.json': PKG, '.release-it.json': json({ hooks }) });
    expect(releaseItHookCommands(withPlugin, '', []).map((h) => h.hook)).toEqual(['after:bump']);
    expect(releaseItHookCommands(without, '', []).map((h) => h.hook)).toEqual(['after:bump', 'after:version:bump', 'before:npm:release']);
  });
});

describe('RELEASE_IT_NPM_PLUGINS', () => {
  it.each(RELEASE_IT_NPM_PLUGINS.map((row) => ({ row, name: row.plugin })))('$name: listed, release-it publishes with its default command', ({ row }) => {
    const files = { 'package.json': PKG, '.release-it.json': json({ plugins: { [row.plugin]: {} } }) };
    const [match, ...rest] = analyzeScript('release-it --ci', inRepo(files), { unread: true }).matches;
    expect(rest).toEqual([]);
    expect(match?.recognizer).not.toBe('release-it');
    expect(match?.label).toContain(`${row.commandOption} of ${row.plugin}`);
    expect(row.disables).toContain('npm');
  });
});

