import { describe, expect, it } from 'vitest';
import { splitCommands } from './shell.js';
import { withEnvValues, type EnvValues } from './env-values.js';
import { analyzeScript } from './publish-commands.js';

const ENV: EnvValues = (name) => ({ PKG_DIR: 'packages/core', SPACED: 'a b', GLOB: 'packages/*', NESTED: '$OTHER' })[name];

/** The directory a script's last `cd`/`pushd` names after `withEnvValues`, the text before it being `script` up to it. */
function target(script: string, env: EnvValues | undefined): string | undefined {
  const cmd = splitCommands(script).findLast((c) => /\b(?:cd|pushd)\b/.test(c.text))!;
  const words = withEnvValues(cmd, env, () => script.slice(0, cmd.offset)).words.map((w) => w.value);
  return words[words.findIndex((w) => w === 'cd' || w === 'pushd') + 1];
}

describe('withEnvValues: a `cd` target with the CI file\'s literal values', () => {
  it.each([
    ['cd "$PKG_DIR"', 'packages/core'],
    ['cd $PKG_DIR', 'packages/core'],
    ['cd "${PKG_DIR}/sub"', 'packages/core/sub'],
    ['pushd "$PKG_DIR"', 'packages/core'],
  ])('%s → %s', (script, expected) => {
    expect(target(script, ENV)).toBe(expected);
  });

  it.each([
    ['single-quoted: no expansion', "cd '$PKG_DIR'"],
    ['escaped', 'cd \\$PKG_DIR'],
    ['assigned before in the same shell', 'PKG_DIR=other\ncd "$PKG_DIR"'],
    ['exported before', 'export PKG_DIR=other && cd "$PKG_DIR"'],
    ['read before', 'read PKG_DIR\ncd "$PKG_DIR"'],
    ['looped over', 'for PKG_DIR in a b; do cd "$PKG_DIR"; done'],
    ['a name the CI file does not set', 'cd "$OTHER_DIR"'],
    ['a value with a space', 'cd "$SPACED"'],
    ['a value with a glob', 'cd $GLOB'],
    ['a value holding a reference', 'cd "$NESTED"'],
    ['a default form it does not read', 'cd "${PKG_DIR:-x}"'],
    ['a file sourced before (it may set any variable)', 'source ./ci/env.sh\ncd "$PKG_DIR"'],
    ['a file read with `.` before', '. ci/env.sh && cd "$PKG_DIR"'],
    ['`set -a` before', 'set -a; . ./ci/env.sh; set +a\ncd "$PKG_DIR"'],
    ['`set -o allexport` before', 'set -o allexport\ncd "$PKG_DIR"'],
    ['`eval` before', 'eval "$(./ci/vars)"\ncd "$PKG_DIR"'],
  ])('stays as written: %s', (_name, script) => {
    expect(target(script, ENV)).toBe(target(script, undefined));
    expect(target(script, ENV)).not.toBe('packages/core');
  });

  it('another command than a directory change is the same object', () => {
    const cmd = splitCommands('npm publish "$PKG_DIR"')[0]!;
    expect(withEnvValues(cmd, ENV, () => '')).toBe(cmd);
  });

  it('control: without values, as before', () => {
    expect(target('cd "$PKG_DIR"', undefined)).toBe('$PKG_DIR');
  });
});

describe('the recogniser follows `cd "$PKG_DIR"` with the CI file\'s values', () => {
  const packageScripts = (selector: string): Record<string, string> | undefined => (selector === './packages/core' ? { release: 'np --yolo' } : undefined);

  it('a publish after it is no longer after a `cd` tp-doctor cannot follow', () => {
    const [match] = analyzeScript('cd "$PKG_DIR" && npm publish', { envValues: ENV }).matches;
    expect(match?.cdUnknown).toBeUndefined();
    expect(analyzeScript('cd "$PKG_DIR" && npm publish').matches[0]?.cdUnknown).toBe(true);
  });

  it('`npm run release` there runs that package\'s script', () => {
    const [match] = analyzeScript('cd "$PKG_DIR"\nnpm run release', { envValues: ENV, scripts: {}, packageScripts }).matches;
    expect(match).toMatchObject({ tool: 'np', via: [{ script: 'release', command: 'np --yolo' }] });
  });

  it('on a later line of the same shell (GitLab script lines), unless an earlier line changed it', () => {
    const text = 'cd "$PKG_DIR"\nnpm run release';
    const line = { scripts: {}, packageScripts, envValues: ENV, shellScript: { text, offset: text.indexOf('npm') } };
    expect(analyzeScript('npm run release', line).matches.map((m) => m.tool)).toEqual(['np']);
    const changed = `PKG_DIR=x\n${text}`;
    const other = { ...line, shellScript: { text: changed, offset: changed.indexOf('npm') } };
    // The root's scripts, which have no `release`: a guess from the script's name, not `np`.
    expect(analyzeScript('npm run release', other).matches.map((m) => [m.tool, m.scriptNotFound])).toEqual([['npm', true]]);
  });
});
