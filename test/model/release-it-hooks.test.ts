/**
 * release-it runs its configuration's `hooks` through a shell where it runs
 * (src/model/npm/release-it-hooks.ts): langfuse/langfuse-js turns release-it's own npm publish off
 * and publishes in a hook. Checked against release-it 21.1.2's `lib/index.js`.
 */
import { describe, expect, it } from 'vitest';
import { toolConfigFiles as configFiles } from '../helpers.js';
import { analyzeScript, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import { configSkipsNpmIn } from '../../src/model/npm/config-skips-npm.js';
import { releaseItHookCommands } from '../../src/model/npm/release-it-hooks.js';

function inRepo(files: Record<string, string>): RecognizeContext {
  const toolConfig = configFiles(files);
  const scripts = files['package.json'] === undefined ? undefined : (JSON.parse(files['package.json']) as { scripts?: Record<string, string> }).scripts;
  return { toolConfig, configSkipsNpm: configSkipsNpmIn(toolConfig, ''), shellFile: (f) => files[f], dir: '', ...(scripts ? { scripts } : {}) };
}

function summary(script: string, files: Record<string, string>): string[] {
  return analyzeScript(script, inRepo(files), { unread: true }).matches.map((m) => `${m.label} ${m.confidence}`);
}

const PKG = JSON.stringify({ name: 'lib', version: '1.0.0' });
const PRIVATE = JSON.stringify({ name: 'root', private: true });
const json = (config: unknown): string => JSON.stringify(config);
const OFF = { publish: false };

describe('release-it hooks that publish', () => {
  const cases: { name: string; files: Record<string, string>; script?: string; matches: string[] }[] = [
    {
      name: 'npm.publish off, `after:bump` runs `pnpm -r publish`: the hook is the publish',
      files: { 'package.json': PKG, '.release-it.json': json({ npm: OFF, hooks: { 'after:bump': 'pnpm -r publish --no-git-checks' } }) },
      matches: ['pnpm publish (hooks["after:bump"] of release-it in .release-it.json) certain'],
    },
    {
      name: 'a list of commands, a template value kept as a shell word',
      files: { 'package.json': PKG, '.release-it.json': json({ npm: OFF, hooks: { 'after:release': ['echo done', 'npm publish --tag ${npm.tag}'] } }) },
      matches: ['npm publish (hooks["after:release"] of release-it in .release-it.json) certain'],
    },
    {
      name: 'release-it publishing itself too: both',
      files: { 'package.json': PKG, '.release-it.json': json({ hooks: { 'after:bump': 'npm publish ./dist' } }) },
      matches: ['release-it certain', 'npm publish (hooks["after:bump"] of release-it in .release-it.json) certain'],
    },
    {
      name: 'a private root that publishes its packages in a hook',
      files: { 'package.json': PRIVATE, '.release-it.json': json({ hooks: { 'before:release': 'pnpm publish -r' } }) },
      matches: ['pnpm publish (hooks["before:release"] of release-it in .release-it.json) certain'],
    },
    {
      name: 'a JavaScript configuration read as text',
      files: { 'package.json': PKG, '.release-it.cjs': "module.exports = {\n  npm: { publish: false },\n  hooks: { 'after:bump': 'npm publish' },\n};\n" },
      matches: ['npm publish (hooks["after:bump"] of release-it in .release-it.cjs) certain'],
    },
    {
      name: 'the file `--config` names',
      files: { 'package.json': PKG, '.release-it.json': json({}), 'ci.json': json({ npm: OFF, hooks: { 'after:bump': 'npm publish' } }) },
      script: 'release-it --ci --config ci.json',
      matches: ['npm publish (hooks["after:bump"] of release-it in ci.json) certain'],
    },
    {
      name: 'a package.json script the hook runs',
      files: { 'package.json': JSON.stringify({ name: 'lib', scripts: { ship: 'npm publish --access public' } }), '.release-it.json': json({ npm: OFF, hooks: { 'after:bump': 'npm run ship' } }) },
      matches: ['npm publish (hooks["after:bump"] of release-it in .release-it.json) certain'],
    },
    {
      name: 'a GitHub plugin hook: the plugin may be off, a guess',
      files: { 'package.json': PKG, '.release-it.json': json({ npm: OFF, hooks: { 'after:github:release': 'npm publish' } }) },
      matches: ['npm publish (hooks["after:github:release"] of release-it in .release-it.json) heuristic'],
    },
    // Controls: hooks that do not run, or publish nothing.
    {
      name: 'control: `after:npm:release` does not run when npm declines the release',
      files: { 'package.json': PKG, '.release-it.json': json({ npm: OFF, hooks: { 'after:npm:release': 'npm publish' } }) },
      matches: [],
    },
    {
      name: 'control: npm hooks do not run with `npm: false`',
      files: { 'package.json': PKG, '.release-it.json': json({ npm: false, hooks: { 'before:npm:release': 'npm publish' } }) },
      matches: [],
    },
    {
      name: 'control: `before:npm:release` runs with `npm.publish: false`',
      files: { 'package.json': PKG, '.release-it.json': json({ npm: OFF, hooks: { 'before:npm:release': 'npm publish' } }) },
      matches: ['npm publish (hooks["before:npm:release"] of release-it in .release-it.json) certain'],
    },
    {
      name: 'control: hooks that build and test publish nothing',
      files: { 'package.json': PKG, '.release-it.json': json({ npm: OFF, hooks: { 'before:init': ['npm test', 'npm run build'] } }) },
      matches: [],
    },
    {
      name: 'control: a dry run runs no hook',
      files: { 'package.json': PKG, '.release-it.json': json({ npm: OFF, hooks: { 'after:bump': 'npm publish' } }) },
      script: 'release-it --ci --dry-run',
      matches: [],
    },
    {
      name: 'control: an unknown hook name is not read',
      files: { 'package.json': PKG, '.release-it.json': json({ npm: OFF, hooks: { 'after:publish': 'npm publish' } }) },
      matches: [],
    },
    {
      name: 'control: a hook from a variable is not read',
      files: { 'package.json': PKG, '.release-it.js': 'module.exports = { npm: { publish: false }, hooks: { "after:bump": cmd } };\n' },
      matches: [],
    },
  ];
  it.each(cases)('$name', ({ files, script, matches }) => {
    expect(summary(script ?? 'release-it --ci', files)).toEqual(matches);
  });
});

describe('releaseItHookCommands', () => {
  it('reads every hook in run order, with where the configuration writes it', () => {
    const files = configFiles({
      'package.json': PKG,
      '.release-it.json': '{\n  "hooks": {\n    "after:release": "b",\n    "before:init": ["a1", "a2"]\n  }\n}\n',
    });
    const hooks = releaseItHookCommands(files, '', []).map((h) => `${h.hook} ${h.command} ${h.at.start.line}:${h.at.start.column}`);
    expect(hooks).toEqual(['before:init a1 4:21', 'before:init a2 4:27', 'after:release b 3:22']);
  });
  it('reads a TypeScript configuration as text like a JavaScript one', () => {
    const hooks = releaseItHookCommands(configFiles({ '.release-it.ts': "export default { hooks: { 'after:bump': 'npm publish' } };\n" }), '', []);
    expect(hooks.map((h) => `${h.file} ${h.hook} ${h.command} ${h.at.start.line}:${h.at.start.column} ${h.maybe}`)).toEqual(['.release-it.ts after:bump npm publish 1:41 false']);
  });
});
