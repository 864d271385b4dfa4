/**
 * The one user configuration question (./user-config.ts, docs/domain.md A.50): which file a publish
 * reads, whether that is `~/.npmrc`, and whether a line written into `~/.npmrc` configures it.
 */
import { describe, expect, it } from 'vitest';
import { commandUserConfig, environmentUserConfig, lineUnread, readsHomeNpmrc, scriptUserConfigFiles, userConfigFiles, type UserConfig } from './user-config.js';

const HOME: UserConfig = { kind: 'home' };
const home = (): UserConfig => HOME;
const file = (f: string): UserConfig => ({ kind: 'file', file: f, source: 'x', readable: false });

describe('commandUserConfig', () => {
  it('`--userconfig` on the command wins over everything', () => {
    expect(commandUserConfig('npm publish --userconfig /tmp/npmrc', undefined, () => file('/other'))).toMatchObject({ kind: 'file', file: '/tmp/npmrc' });
    expect(commandUserConfig('npm publish --userconfig="$RUNNER_TEMP/.npmrc"', undefined, home)).toMatchObject({ kind: 'file', file: '$RUNNER_TEMP/.npmrc' });
  });
  it('`NPM_CONFIG_USERCONFIG=<file>` before the command (also after `env`), any case', () => {
    expect(commandUserConfig('NPM_CONFIG_USERCONFIG=/tmp/npmrc npm publish', undefined, home)).toMatchObject({ kind: 'file', file: '/tmp/npmrc' });
    expect(commandUserConfig('env npm_config_userconfig=/tmp/npmrc npm publish', undefined, home)).toMatchObject({ kind: 'file', file: '/tmp/npmrc' });
  });
  it('an `export` earlier in its shell, an `unset`, a bare assignment only over an inherited value', () => {
    const text = 'export NPM_CONFIG_USERCONFIG=/tmp/npmrc\nnpm publish';
    expect(commandUserConfig('npm publish', { text, offset: text.indexOf('npm publish') }, home)).toMatchObject({ kind: 'file', file: '/tmp/npmrc' });
    const unset = 'unset NPM_CONFIG_USERCONFIG\nnpm publish';
    expect(commandUserConfig('npm publish', { text: unset, offset: unset.indexOf('npm publish') }, () => file('/x'))).toEqual(HOME);
    const bare = 'NPM_CONFIG_USERCONFIG=/tmp/npmrc\nnpm publish';
    expect(commandUserConfig('npm publish', { text: bare, offset: bare.indexOf('npm publish') }, home)).toEqual(HOME);
    expect(commandUserConfig('npm publish', { text: bare, offset: bare.indexOf('npm publish') }, () => file('/x'))).toMatchObject({ file: '/tmp/npmrc' });
  });
  it('`~/.npmrc` named, or an empty value, is the home file', () => {
    expect(commandUserConfig('npm publish --userconfig ~/.npmrc', undefined, () => file('/x'))).toEqual(HOME);
    expect(commandUserConfig('npm publish', undefined, home)).toEqual(HOME);
  });
});

describe('environmentUserConfig', () => {
  const source = (name: string): string => name;
  it('the last entry of the name wins; several names of different cases leave it unclear (home)', () => {
    expect(environmentUserConfig([{ name: 'NPM_CONFIG_USERCONFIG', value: '/a' }, { name: 'NPM_CONFIG_USERCONFIG', value: '/b' }], source)).toMatchObject({ file: '/b' });
    expect(environmentUserConfig([{ name: 'NPM_CONFIG_USERCONFIG', value: '/a' }, { name: 'npm_config_userconfig', value: '/b' }], source)).toEqual(HOME);
    expect(environmentUserConfig([{ name: 'OTHER', value: '/a' }], source)).toEqual(HOME);
  });
});

describe('readsHomeNpmrc and lineUnread', () => {
  it('another file: not the home one, unless it may be a home directory`s `.npmrc`', () => {
    expect(readsHomeNpmrc(undefined)).toBe(true);
    expect(readsHomeNpmrc({ kind: 'setup-node', path: 'x' })).toBe(false);
    expect(readsHomeNpmrc(file('/tmp/npmrc'))).toBe(false);
    expect(readsHomeNpmrc(file('$RUNNER_TEMP/.npmrc'))).toBe(false);
    expect(readsHomeNpmrc(file('/home/runner/.npmrc'))).toBe(true);
    expect(readsHomeNpmrc(file('/root/.npmrc'))).toBe(true);
    expect(readsHomeNpmrc(file('$SOMEWHERE/.npmrc'))).toBe(true);
  });
  it('a line written into `~/.npmrc` configures nothing where another file is read; `npm config set` and a file named again still count', () => {
    expect(lineUnread(file('/tmp/npmrc'), '~/.npmrc', false, 'echo x > ~/.npmrc')).toBe(true);
    expect(lineUnread(file('/tmp/npmrc'), '$HOME/.npmrc', false, 'echo x > $HOME/.npmrc')).toBe(true);
    expect(lineUnread(file('/tmp/npmrc'), '~/.npmrc', true, 'npm config set x')).toBe(false);
    expect(lineUnread(file('/tmp/npmrc'), '~/.npmrc', false, 'echo x > ~/.npmrc; cp ~/.npmrc /tmp/npmrc')).toBe(false);
    expect(lineUnread(HOME, '~/.npmrc', false, 'echo x > ~/.npmrc')).toBe(false);
    expect(lineUnread(file('/tmp/npmrc'), '.npmrc', false, 'echo x > .npmrc')).toBe(false);
  });
});

describe('userConfigFiles and scriptUserConfigFiles', () => {
  it('a literal path only', () => {
    expect(userConfigFiles(file('./ci/npmrc'))).toEqual(['ci/npmrc']);
    expect(userConfigFiles(file('${{ runner.temp }}/npmrc'))).toEqual([]);
    expect(userConfigFiles(HOME)).toEqual([]);
  });
  it('the files a script names: `--userconfig`, an assignment on a command, an export', () => {
    expect(scriptUserConfigFiles('npm publish --userconfig /tmp/a\nNPM_CONFIG_USERCONFIG=/tmp/b npm publish\nexport npm_config_userconfig=/tmp/c\nnpm publish --userconfig "$X"')).toEqual(['/tmp/c', '/tmp/a', '/tmp/b']);
    expect(scriptUserConfigFiles('npm publish')).toEqual([]);
  });
});

describe('commandUserConfig: a change in another shell does not reach the publish (review927 item 5)', () => {
  const at = (text: string, inherited: () => UserConfig = home): UserConfig => commandUserConfig('npm publish', { text, offset: text.lastIndexOf('npm publish') }, inherited);
  it('an `export`, an assignment or an `unset` in a subshell, a `$( )`, a pipeline or a function body leaves the publish outside it as it was', () => {
    expect(at('(export NPM_CONFIG_USERCONFIG=/tmp/other; npm whoami)\nnpm publish')).toEqual(HOME);
    expect(at('echo x > ~/.npmrc && (export NPM_CONFIG_USERCONFIG=/tmp/other; npm whoami) && npm publish')).toEqual(HOME);
    expect(at('X=$(export NPM_CONFIG_USERCONFIG=/tmp/other; npm whoami)\nnpm publish')).toEqual(HOME);
    expect(at('export NPM_CONFIG_USERCONFIG=/tmp/other | cat\nnpm publish')).toEqual(HOME);
    expect(at('true | export NPM_CONFIG_USERCONFIG=/tmp/other\nnpm publish')).toEqual(HOME);
    expect(at('f() {\n  export NPM_CONFIG_USERCONFIG=/tmp/other\n}\nnpm publish')).toEqual(HOME);
    expect(at('(NPM_CONFIG_USERCONFIG=/tmp/other)\nnpm publish', () => file('/x'))).toMatchObject({ file: '/x' });
    expect(at('(unset NPM_CONFIG_USERCONFIG)\nnpm publish', () => file('/x'))).toMatchObject({ file: '/x' });
  });
  it('a `{ …; }` group runs in the same shell, and a publish inside the subshell sees its change', () => {
    expect(at('{ export NPM_CONFIG_USERCONFIG=/tmp/other; }\nnpm publish')).toMatchObject({ kind: 'file', file: '/tmp/other' });
    expect(at('(export NPM_CONFIG_USERCONFIG=/tmp/other; npm publish)')).toMatchObject({ kind: 'file', file: '/tmp/other' });
    expect(at('export NPM_CONFIG_USERCONFIG=/tmp/other\n(unset NPM_CONFIG_USERCONFIG)\nnpm publish')).toMatchObject({ kind: 'file', file: '/tmp/other' });
  });
});
