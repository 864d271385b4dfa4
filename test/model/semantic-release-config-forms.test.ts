/**
 * semantic-release's configuration in the forms its loader takes beside the usual ones
 * (src/model/npm/semantic-release-config.ts): a plugin entry as a map with `path`, the rest its
 * options (semantic-release's lib/plugins/utils.js `parseConfig`; also as the `publish` step key's
 * value or one of its items), with `npmPublish` and `pkgRoot` keeping their meaning; `extends`
 * beside the repository's own keys (lib/get-config.js); the command line's `--plugins`, `--publish`
 * and `--extends` over the file's keys (cli.js; src/model/npm/semantic-release-cli.ts).
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

describe('`extends` beside the repository\'s own keys (lib/get-config.js: `{ ...shared, ...own }`)', () => {
  const cases: { name: string; files: Record<string, string>; skips: boolean | 'unread' }[] = [
    { name: 'a `publish` map\'s `npmPublish: false`: assigned over the shared configuration\'s publish entries', files: rc({ extends: 'shared', publish: { npmPublish: false } }), skips: true },
    { name: 'its own `publish` list without the npm plugin', files: rc({ extends: 'shared', publish: ['@semantic-release/github'] }), skips: true },
    { name: 'its own `publish` entry in the object form without the npm plugin', files: rc({ extends: 'shared', publish: { path: '@semantic-release/github' } }), skips: true },
    { name: 'its own `publish` entry of the npm plugin (the shared configuration may still set options: publishes)', files: rc({ extends: 'shared', publish: { path: NPM, npmPublish: false } }), skips: false },
    // Controls: what the shared configuration decides stays unread.
    { name: 'control: a `publish` map turning `npmPublish` on', files: rc({ extends: 'shared', publish: { npmPublish: true } }), skips: 'unread' },
    { name: 'control: a root `npmPublish: false` (a shared entry\'s own option wins over it)', files: rc({ extends: 'shared', npmPublish: false }), skips: 'unread' },
    { name: 'control: `extends` alone', files: rc({ extends: 'shared' }), skips: 'unread' },
  ];
  it.each(cases)('$name', ({ files, skips: want }) => expect(skips(files)).toBe(want));
});

describe('the command line\'s `--plugins`, `--publish` and `--extends` (cli.js) over the file\'s keys', () => {
  const NO_NPM = rc({ plugins: ['@semantic-release/github'] });
  const WITH_NPM = rc({ plugins: [NPM] });
  const cases: { name: string; files: Record<string, string>; args: string[]; skips: boolean | 'unread' }[] = [
    { name: '`--plugins` without the npm plugin, no file', files: {}, args: ['--no-ci', '--plugins', '@semantic-release/commit-analyzer,@semantic-release/github'], skips: true },
    { name: '`-p` without the npm plugin over a file listing it', files: WITH_NPM, args: ['-p', '@semantic-release/github'], skips: true },
    { name: '`--plugins=` repeated: the lists joined, no npm plugin', files: {}, args: ['--plugins=@semantic-release/commit-analyzer', '--plugins=@semantic-release/github'], skips: true },
    { name: '`--plugins false`: no plugins at all', files: WITH_NPM, args: ['--plugins', 'false'], skips: true },
    { name: '`--publish` without the npm plugin over a file listing it', files: WITH_NPM, args: ['--publish', '@semantic-release/github'], skips: true },
    { name: '`--publish` without the npm plugin over a file tp-doctor cannot read', files: { 'release.config.ts': 'export default {};\n' }, args: ['--publish', '@semantic-release/github'], skips: true },
    { name: '`--extends` with the file\'s own plugins (they win over the shared ones)', files: NO_NPM, args: ['--extends', 'shared'], skips: true },
    { name: '`--extends` over a file without plugins: the shared configuration decides', files: rc({ branches: ['main'] }), args: ['-e', 'shared'], skips: 'unread' },
    // Publishing, and controls: what tp-doctor cannot read leaves the publish as it is.
    { name: '`--plugins` with the npm plugin over a file without it', files: NO_NPM, args: ['--plugins', `@semantic-release/github,${NPM}`], skips: false },
    { name: '`--publish` with the npm plugin over a file tp-doctor cannot read', files: { 'release.config.ts': 'export default {};\n' }, args: ['--publish', NPM], skips: false },
    { name: 'control: `--plugins` from a variable', files: WITH_NPM, args: ['--plugins', '$PLUGINS'], skips: false },
    { name: 'control: `--plugins` followed by another word', files: {}, args: ['--plugins', '@semantic-release/github', 'x'], skips: false },
    { name: 'control: the file\'s `publish` key wins over `--plugins`', files: rc({ publish: [NPM] }), args: ['--plugins', '@semantic-release/github'], skips: false },
    { name: 'control: `--extends` without a file', files: {}, args: ['--extends', 'shared'], skips: false },
    { name: 'control: other flags', files: NO_NPM, args: ['--no-ci', '--branches', 'main'], skips: true },
  ];
  it.each(cases)('$name', ({ files, args, skips: want }) => expect(skips(files, args)).toBe(want));

  it('says where the unread `extends` comes from', () => {
    expect(configSkipsNpm(configFiles(rc({ branches: ['main'] })), '', 'semantic-release', ['-e', 'shared'])).toEqual({ file: '.releaserc.json', unread: 'semantic-release --extends shared, which is not read' });
  });
});
