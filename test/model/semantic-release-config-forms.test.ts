/**
 * semantic-release's configuration in the forms its loader takes beside the usual ones
 * (src/model/npm/semantic-release-config.ts): a plugin entry as a map with `path`, the rest its
 * options (semantic-release's lib/plugins/utils.js `parseConfig`; also as the `publish` step key's
 * value or one of its items), with `npmPublish` and `pkgRoot` keeping their meaning.
 */
import { describe, expect, it } from 'vitest';
import { toolConfigFiles as configFiles } from '../helpers.js';
import { configSkipsNpm, configSkipsNpmIn } from '../../src/model/npm/config-skips-npm.js';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';
import { semanticReleasePkgRoot } from '../../src/model/npm/semantic-release-config.js';

const NPM = '@semantic-release/npm';
const rc = (config: Record<string, unknown>): Record<string, string> => ({ '.releaserc.json': JSON.stringify(config) });
const PRIVATE = { 'package.json': JSON.stringify({ name: 'w', private: true }) };

/** `configSkipsNpm` as `true`, `false` or `unread`. */
function skips(files: Record<string, string>, args: string[] = []): boolean | 'unread' {
  const says = configSkipsNpm(configFiles(files), '', 'semantic-release', args);
  return typeof says === 'object' ? 'unread' : says === true;
}

describe('plugin entries in the object form (`{ path, ...options }`)', () => {
  const cases: { name: string; files: Record<string, string>; skips: boolean | 'unread' }[] = [
    { name: '`plugins` with the npm plugin as `{ path, npmPublish: false }`', files: rc({ plugins: ['@semantic-release/github', { path: NPM, npmPublish: false }] }), skips: true },
    { name: 'the same in a JavaScript configuration', files: { 'release.config.js': `module.exports = { plugins: [{ path: '${NPM}', npmPublish: false }] };\n` }, skips: true },
    { name: 'YAML `.releaserc`', files: { '.releaserc': `plugins:\n  - path: "${NPM}"\n    npmPublish: false\n` }, skips: true },
    { name: '`plugins` without the npm plugin, one entry in the object form', files: rc({ plugins: [{ path: '@semantic-release/github', assets: [] }] }), skips: true },
    { name: '`publish` as one object entry without the npm plugin', files: rc({ plugins: [NPM], publish: { path: '@semantic-release/github' } }), skips: true },
    { name: '`publish` as one object entry of the npm plugin turned off', files: rc({ plugins: [NPM], publish: { path: NPM, npmPublish: false } }), skips: true },
    { name: '`publish` as a list with an object entry, no npm plugin', files: rc({ plugins: [NPM], publish: ['@semantic-release/github', { path: '@semantic-release/exec' }] }), skips: true },
    { name: 'the object entry of a private package\'s npm plugin', files: { ...PRIVATE, ...rc({ plugins: [{ path: NPM }] }) }, skips: true },
    // An object entry that publishes (a guess before: an entry tp-doctor could not read).
    { name: 'the npm plugin as `{ path }`', files: rc({ plugins: [{ path: NPM }] }), skips: false },
    { name: '`{ path, npmPublish: true }` overriding the root `npmPublish: false`', files: rc({ npmPublish: false, plugins: [{ path: NPM, npmPublish: true }] }), skips: false },
    { name: '`publish` as an object entry of the npm plugin', files: rc({ plugins: ['@semantic-release/github'], publish: { path: NPM } }), skips: false },
    { name: '`publish` as a list with the npm plugin in the object form', files: rc({ publish: ['@semantic-release/github', { path: NPM }] }), skips: false },
    { name: '`{ path, pkgRoot }` of a private package still publishes', files: { ...PRIVATE, ...rc({ plugins: [{ path: NPM, pkgRoot: 'dist' }] }) }, skips: false },
    // Controls: what stays unread, as before.
    { name: 'control: a map without `path` (an inline plugin) is not read', files: rc({ plugins: ['@semantic-release/github', { publish: 'x' }] }), skips: 'unread' },
    { name: 'control: a `path` tp-doctor cannot read', files: { 'release.config.js': "module.exports = { plugins: [{ path: npmPlugin }] };\n" }, skips: 'unread' },
    { name: 'control: an object entry with a spread', files: { 'release.config.js': `module.exports = { plugins: [{ ...base, path: '${NPM}', npmPublish: false }] };\n` }, skips: 'unread' },
  ];
  it.each(cases)('$name', ({ files, skips: want }) => expect(skips(files)).toBe(want));

  it('`pkgRoot` of an object entry: the directory the plugin publishes', () => {
    expect(semanticReleasePkgRoot(configFiles(rc({ plugins: [{ path: NPM, pkgRoot: 'packages/siws' }] })), '')).toBe('packages/siws');
    expect(semanticReleasePkgRoot(configFiles(rc({ publish: { path: NPM, pkgRoot: 'dist' } })), '')).toBe('dist');
    // Controls: an entry turned off, and one without `pkgRoot`.
    expect(semanticReleasePkgRoot(configFiles(rc({ plugins: [{ path: NPM, npmPublish: false, pkgRoot: 'a' }, [NPM, { pkgRoot: 'b' }]] })), '')).toBe('b');
    expect(semanticReleasePkgRoot(configFiles(rc({ plugins: [{ path: NPM }] })), '')).toBeUndefined();
  });

  it('a publishing plugin of the table in the object form', () => {
    const summary = (files: Record<string, string>): string[] => {
      const toolConfig = configFiles(files);
      return analyzeScript('npx semantic-release', { toolConfig, configSkipsNpm: configSkipsNpmIn(toolConfig, ''), dir: '' }).matches.map((m) => `${m.recognizer} ${m.confidence} ${m.label}`);
    };
    expect(summary(rc({ plugins: [{ path: '@containerbase/semantic-release-pnpm' }] }))).toEqual(['pnpm-publish certain pnpm publish (run by @containerbase/semantic-release-pnpm in .releaserc.json)']);
    // Control: `npmPublish: false` in the object form turns semantic-release-yarn off.
    expect(summary(rc({ plugins: [{ path: 'semantic-release-yarn', npmPublish: false }] }))).toEqual([]);
  });
});

describe('@semantic-release/exec in the object form: its `publishCmd` runs', () => {
  const summary = (files: Record<string, string>): string[] => {
    const toolConfig = configFiles(files);
    return analyzeScript('npx semantic-release', { toolConfig, configSkipsNpm: configSkipsNpmIn(toolConfig, ''), dir: '' }).matches.map((m) => `${m.confidence} ${m.label}`);
  };
  const EXEC = '@semantic-release/exec';
  const cases: { name: string; files: Record<string, string>; want: string[] }[] = [
    { name: 'in `plugins`, JSON', files: rc({ plugins: [{ path: NPM, npmPublish: false }, { path: EXEC, publishCmd: 'npm publish' }] }), want: ['certain npm publish (publishCmd of @semantic-release/exec in .releaserc.json)'] },
    { name: 'as the `publish` step key', files: rc({ plugins: [NPM], publish: { path: EXEC, publishCmd: 'pnpm publish' } }), want: ['certain pnpm publish (publishCmd of @semantic-release/exec in .releaserc.json)'] },
    { name: 'in a JavaScript configuration', files: { 'release.config.js': `module.exports = { plugins: [{ path: '${EXEC}', publishCmd: 'npm publish' }] };\n` }, want: ['certain npm publish (publishCmd of @semantic-release/exec in release.config.js)'] },
    // Controls: `execCwd` leaves the command unread, as in the list form; another plugin's `publishCmd` is not exec's.
    { name: 'control: with `execCwd`', files: rc({ plugins: [{ path: EXEC, publishCmd: 'npm publish', execCwd: 'dist' }] }), want: [] },
    { name: 'control: the JavaScript form with `execCwd`', files: { 'release.config.js': `module.exports = { plugins: [{ path: '${EXEC}', publishCmd: 'npm publish', execCwd: 'dist' }] };\n` }, want: [] },
    { name: 'control: another plugin in the object form', files: rc({ plugins: [{ path: 'semantic-release-other', publishCmd: 'npm publish' }] }), want: [] },
  ];
  it.each(cases)('$name', ({ files, want }) => expect(summary(files)).toEqual(want));
});
