/**
 * release-it's configuration (src/model/npm/release-it-config.ts): whether it publishes to npm and
 * whether it stages, read in data and JavaScript configurations alike (a JavaScript one as text, the
 * literals of the object it exports, never run).
 */
import { describe, expect, it } from 'vitest';
import { toolConfigFiles as configFiles } from '../helpers.js';
import { configSkipsNpm } from '../../src/model/npm/config-skips-npm.js';
import type { PublishCommand } from '../../src/model/npm/publish-site.js';
import { releaseItStage } from '../../src/model/npm/release-it-config.js';

describe('configSkipsNpm: release-it configurations, data and JavaScript', () => {
  const cases: { name: string; files: Record<string, string>; args?: string[]; dir?: string; skips: boolean }[] = [
    { name: '.release-it.js `module.exports` with `npm: false`', files: { '.release-it.js': 'module.exports = { npm: false };\n' }, skips: true },
    { name: '.release-it.cjs with `npm.publish: false`', files: { '.release-it.cjs': "module.exports = {\n  git: { tagName: 'v${version}' },\n  npm: { publish: false },\n};\n" }, skips: true },
    { name: '.release-it.mjs `export default` with `npm.publish: false`', files: { '.release-it.mjs': "export default { github: { release: true }, npm: { publish: false } };\n" }, skips: true },
    { name: 'a JavaScript configuration in the package the command runs in', dir: 'packages/a', files: { 'packages/a/.release-it.js': 'module.exports = { npm: { publish: false } };\n' }, skips: true },
    { name: '`npm.publish: true`', files: { '.release-it.js': 'module.exports = { npm: { publish: true } };\n' }, skips: false },
    { name: 'no `npm` key', files: { '.release-it.js': "module.exports = { git: { requireCleanWorkingDir: false } };\n" }, skips: false },
    { name: '`npm.publish` from an expression', files: { '.release-it.js': 'module.exports = { npm: { publish: !process.env.CI } };\n' }, skips: false },
    { name: '`npm` in a variable', files: { '.release-it.js': 'const npm = { publish: false };\nmodule.exports = { npm };\n' }, skips: false },
    { name: 'a spread beside `npm`', files: { '.release-it.js': 'module.exports = { ...base, npm: { publish: false } };\n' }, skips: false },
    { name: 'a spread inside `npm`', files: { '.release-it.js': 'module.exports = { npm: { ...npm, publish: false } };\n' }, skips: false },
    { name: 'two exports', files: { '.release-it.js': 'module.exports = { npm: false };\nif (x) module.exports = { npm: true };\n' }, skips: false },
    { name: 'a TypeScript configuration, read as text like .js', files: { '.release-it.ts': 'export default { npm: { publish: false } };\n' }, skips: true },
    { name: 'a TypeScript configuration with a value tp-doctor does not read', files: { '.release-it.cts': 'export default { npm: { publish: process.env.P === "1" } };\n' }, skips: false },
    { name: 'a TOML configuration (not read)', files: { '.release-it.toml': '[npm]\npublish = false\n' }, skips: false },
    { name: '`--config` names another file', files: { '.release-it.js': 'module.exports = { npm: false };\n' }, args: ['--config', 'other.json'], skips: false },
    { name: '.release-it.json comes first', files: { '.release-it.json': '{ "git": false }', '.release-it.js': 'module.exports = { npm: false };\n' }, skips: false },
    { name: 'data configurations as before: .release-it.json', files: { '.release-it.json': '{ "npm": { "publish": false } }' }, skips: true },
    // `--config` names the file read instead (langfuse/langfuse-js: `release-it --ci --config .release-it.ci.json`).
    { name: '`--config` naming a JSON file with `npm.publish: false`', files: { '.release-it.ci.json': '{ "npm": { "publish": false } }' }, args: ['--ci', '--config', '.release-it.ci.json'], skips: true },
    { name: '`--config=` naming a YAML file with `npm: false`', files: { 'ci/release.yml': 'npm: false\n' }, args: ['--config=./ci/release.yml'], skips: true },
    { name: '`-c` naming a JavaScript file', files: { 'rel.cjs': 'module.exports = { npm: { publish: false } };\n' }, args: ['-c', 'rel.cjs'], skips: true },
    { name: '`--config` in the package the command runs in', dir: 'packages/a', files: { 'packages/a/ci.json': '{ "npm": { "publish": false } }' }, args: ['--config', 'ci.json'], skips: true },
    { name: '`--config` wins over .release-it.json', files: { '.release-it.json': '{ "npm": { "publish": false } }', 'ci.json': '{ "git": false }' }, args: ['--config', 'ci.json'], skips: false },
    { name: '`--config` naming a file that is not committed', files: {}, args: ['--config', 'ci.json'], skips: false },
    { name: '`--config` from a variable', files: { 'ci.json': '{ "npm": false }' }, args: ['--config', '$CONFIG'], skips: false },
    { name: '`--no-config`: the defaults', files: { '.release-it.json': '{ "npm": false }' }, args: ['--no-config'], skips: false },
    // release-it's npm plugin skips the publish of a private package (lib/plugin/npm/npm.js).
    { name: 'a private package', files: { 'package.json': '{ "name": "root", "private": true }', '.release-it.json': '{ "git": false }' }, skips: true },
    { name: 'control: a package that is not private', files: { 'package.json': '{ "name": "lib", "private": false }' }, skips: false },
  ];
  it.each(cases)('$name', ({ files, args, dir, skips }) => {
    expect(configSkipsNpm(configFiles(files), dir ?? '', 'release-it', args ?? [])).toBe(skips);
  });
});

describe('releaseItStage: JavaScript configurations', () => {
  const publish = (text: string): PublishCommand => ({ match: { text, args: text.split(' ').slice(2), via: [] } }) as unknown as PublishCommand;
  const cases: { name: string; files: Record<string, string>; command?: string; expected: ReturnType<typeof releaseItStage> }[] = [
    { name: '`npm.stage: true` in .release-it.js', files: { '.release-it.js': 'module.exports = { npm: { stage: true } };\n' }, expected: { stage: true, file: '.release-it.js' } },
    { name: '`npm.stage: false` in .release-it.mjs', files: { '.release-it.mjs': 'export default { npm: { stage: false } };\n' }, expected: { stage: false, file: '.release-it.mjs' } },
    { name: 'no `npm.stage`', files: { '.release-it.cjs': 'module.exports = { npm: { skipChecks: true } };\n' }, expected: { stage: false, file: '.release-it.cjs' } },
    { name: 'the command line wins', files: { '.release-it.js': 'module.exports = { npm: { stage: process.env.X } };\n' }, command: 'npx release-it --npm.stage', expected: { stage: true } },
    { name: '`npm.stage` from an expression', files: { '.release-it.js': 'module.exports = { npm: { stage: process.env.X === "1" } };\n' }, expected: { unknown: 'release-it reads ".release-it.js", which tp-doctor cannot read' } },
    { name: '`npm` in a variable', files: { '.release-it.js': 'module.exports = { npm: npmOptions };\n' }, expected: { unknown: 'release-it reads ".release-it.js", which tp-doctor cannot read' } },
    { name: 'a TypeScript configuration', files: { '.release-it.ts': 'export default { npm: { stage: true } };\n' }, expected: { stage: true, file: '.release-it.ts' } },
    { name: 'no configuration', files: {}, expected: { stage: false } },
    { name: '`--config` naming a JSON file with `npm.stage: true`', files: { 'ci.json': '{ "npm": { "stage": true } }' }, command: 'npx release-it --ci --config ci.json', expected: { stage: true, file: 'ci.json' } },
    { name: '`--config` naming a file that is not committed', files: {}, command: 'npx release-it --config ci.json', expected: { unknown: 'release-it reads "ci.json", which tp-doctor cannot read' } },
  ];
  it.each(cases)('$name', ({ files, command, expected }) => {
    expect(releaseItStage(configFiles(files), '', publish(command ?? 'npx release-it --ci'))).toEqual(expected);
  });
});
