import { describe, expect, it } from 'vitest';
import { npmDirsWrittenFrom } from './napi-npm-dirs.js';

const at = (text: string, dir: string | undefined = ''): { text: string; dir: string | undefined }[] => [{ text, dir }];

describe('npmDirsWrittenFrom: an earlier `napi create-npm-dirs` writes the platform packages from a package.json', () => {
  it.each([
    ['npx napi create-npm-dirs', '', 'npm', ''],
    ['napi create-npm-dirs', 'bindings/node', 'bindings/node/npm', 'bindings/node'],
    ['npx napi create-npm-dirs --cwd bindings/node', '', 'bindings/node/npm', 'bindings/node'],
    ['pnpm exec napi create-npm-dirs --npm-dir platforms', '', 'platforms', ''],
    ['yarn napi create-npm-dirs', '', 'npm', ''],
    ['npx @napi-rs/cli@3 create-npm-dirs', '', 'npm', ''],
    ['napi.cmd create-npm-dirs', '', 'npm', ''],
    // 2.x: `-t <dir>` writes `<dir>/npm`, from the package.json where it runs.
    ['napi create-npm-dir -t .', '', 'npm', ''],
    ['napi create-npm-dir --target crates/node', '', 'crates/node/npm', ''],
    ['npm ci && npx napi create-npm-dirs', '', 'npm', ''],
  ])('%s in "%s" writes %s from "%s"', (text, dir, npmDir, from) => {
    expect(npmDirsWrittenFrom(at(text, dir), npmDir)).toBe(from);
  });

  it.each([
    ['npx napi create-npm-dirs', 'packages'],
    ['npx napi create-npm-dirs --dry-run', 'npm'],
    ['npx napi create-npm-dirs -c napi.json', 'npm'],
    ['npx napi create-npm-dirs --package-json-path other/package.json', 'npm'],
    ['napi create-npm-dir', 'npm'],
    ['napi create-npm-dir -t . -c other.json', 'npm'],
    ['cd bindings && npx napi create-npm-dirs', 'npm'],
    ['npx napi build --platform', 'npm'],
    ['echo napi create-npm-dirs', 'npm'],
  ])('%s: not for %s', (text, npmDir) => {
    expect(npmDirsWrittenFrom(at(text), npmDir)).toBeUndefined();
  });

  it('a step whose directory is unknown says nothing', () => {
    expect(npmDirsWrittenFrom([{ text: 'npx napi create-npm-dirs', dir: undefined }], 'npm')).toBeUndefined();
  });
});
