/**
 * The platform package names napi-rs's CLI gives each target (../data/napi.ts, read in napi-rs's
 * source: 2.x `cli/src/parse-triple.ts`, 3.x `cli/src/utils/target.ts`), and the names a napi
 * configuration yields across the releases its version range may run (./napi-packages.ts).
 */
import { describe, expect, it } from 'vitest';
import { NAPI_ERAS, type NapiEra } from '../data/napi.js';
import { napiPlatformNames, platformArchAbi } from './napi-packages.js';
import { readPackageJson, type PackageJson } from './package-json.js';

const era = (since: string): NapiEra => NAPI_ERAS.find((e) => e.since === since)!;

function pkg(fields: Record<string, unknown>): PackageJson {
  const read = readPackageJson('package.json', JSON.stringify({ version: '1.0.0', ...fields }));
  if ('invalid' in read) throw new Error('invalid package.json');
  return read;
}

describe('platformArchAbi: napi parseTriple, per era', () => {
  // [triple, era since, platformArchABI (undefined: the CLI refuses it)]
  it.each<[string, string, string | undefined]>([
    // The default triples and the common ones, alike in every era.
    ...NAPI_ERAS.flatMap((e): [string, string, string][] => [
      ['x86_64-unknown-linux-gnu', e.since, 'linux-x64-gnu'],
      ['x86_64-apple-darwin', e.since, 'darwin-x64'],
      ['aarch64-apple-darwin', e.since, 'darwin-arm64'],
      ['x86_64-pc-windows-msvc', e.since, 'win32-x64-msvc'],
      ['i686-pc-windows-msvc', e.since, 'win32-ia32-msvc'],
      ['aarch64-unknown-linux-musl', e.since, 'linux-arm64-musl'],
      ['x86_64-unknown-freebsd', e.since, 'freebsd-x64'],
      ['aarch64-linux-android', e.since, 'android-arm64'],
      ['armv7-linux-androideabi', e.since, 'android-arm-eabi'],
      ['arm-linux-androideabi', e.since, 'android-arm-eabi'],
      ['armv7-unknown-linux-gnueabihf', e.since, 'linux-arm-gnueabihf'],
      ['s390x-unknown-linux-gnu', e.since, 'linux-s390x-gnu'],
      ['universal-apple-darwin', e.since, 'darwin-universal'],
    ]),
    // riscv64gc: its own name before 2.15.0.
    ['riscv64gc-unknown-linux-gnu', '2.2.0', 'linux-riscv64gc-gnu'],
    ['riscv64gc-unknown-linux-gnu', '2.15.0', 'linux-riscv64-gnu'],
    ['riscv64gc-unknown-linux-gnu', '3.0.0', 'linux-riscv64-gnu'],
    // powerpc64le: 2.x keeps it, 3.x maps it; big-endian powerpc64 from 3.10.12.
    ['powerpc64le-unknown-linux-gnu', '2.15.0', 'linux-powerpc64le-gnu'],
    ['powerpc64le-unknown-linux-gnu', '3.0.0', 'linux-ppc64-gnu'],
    ['powerpc64-unknown-linux-gnu', '3.8.0', 'linux-powerpc64-gnu'],
    ['powerpc64-unknown-linux-gnu', '3.10.12', 'linux-ppc64-gnu'],
    // loongarch64 from 3.2.0.
    ['loongarch64-unknown-linux-gnu', '3.1.0', 'linux-loongarch64-gnu'],
    ['loongarch64-unknown-linux-gnu', '3.2.0', 'linux-loong64-gnu'],
    // OpenHarmony: 2.x an ABI, 3.0.x `linux-<arch>-ohos`, from 3.1.0 a system.
    ['aarch64-unknown-linux-ohos', '2.15.0', 'linux-arm64-ohos'],
    ['aarch64-unknown-linux-ohos', '3.0.0', 'linux-arm64-ohos'],
    ['x86_64-unknown-linux-ohos', '3.0.0', 'linux-x64-ohos'],
    ['aarch64-unknown-linux-ohos', '3.1.0', 'openharmony-arm64'],
    ['aarch64-unknown-ohos', '3.0.0', 'linux-arm64-ohos'],
    ['aarch64-unknown-ohos', '3.1.0', 'openharmony-arm64'],
    // WASI: 3.x names; 2.x splits it like any triple; `wasm32-wasip1` its own from 3.8.0.
    ['wasm32-wasip1-threads', '2.15.0', 'threads-wasm32'],
    ['wasm32-wasip1-threads', '3.0.0', 'wasm32-wasi'],
    ['wasm32-wasi-preview1-threads', '3.1.0', 'wasm32-wasi'],
    ['wasm32-wasi', '3.8.0', 'wasm32-wasi'],
    ['wasm32-wasip1-threads', '3.10.12', 'wasm32-wasi'],
    ['wasm32-wasip1', '3.2.0', 'wasm32-wasi'],
    ['wasm32-wasip1', '3.8.0', 'wasm32-wasip1'],
    ['wasm32-wasip2', '3.2.0', 'wasm32-wasi'],
    ['wasm32-wasip2', '3.8.0', undefined],
    // Two parts; more than four (2.x: cpu and the second part; 3.x: the fourth is the ABI).
    ['aarch64-fuchsia', '3.8.0', 'fuchsia-arm64'],
    ['aarch64-fuchsia', '2.15.0', 'fuchsia-arm64'],
    ['x86_64-unknown-linux-gnu-extra', '2.15.0', 'unknown-x64'],
    ['x86_64-unknown-linux-gnu-extra', '3.8.0', 'linux-x64-gnu'],
    ['x86_64', '3.8.0', undefined],
    // cargo-zigbuild's glibc suffix and a target spec file, from 3.10.12.
    ['x86_64-unknown-linux-gnu.2.17', '3.8.0', 'linux-x64-gnu.2.17'],
    ['x86_64-unknown-linux-gnu.2.17', '3.10.12', 'linux-x64-gnu'],
    ['specs/aarch64-unknown-linux-gnu.json', '3.10.12', 'linux-arm64-gnu'],
  ])('%s in %s: %s', (triple, since, want) => {
    expect(platformArchAbi(triple, era(since))).toBe(want);
  });

  it('every era is read by a row above (a new era needs rows)', () => {
    expect(NAPI_ERAS.map((e) => e.since)).toEqual(['2.0.0', '2.2.0', '2.15.0', '3.0.0', '3.1.0', '3.2.0', '3.8.0', '3.10.12']);
  });
});

const V3 = { name: 'snappy', napi: { binaryName: 'snappy', packageName: '@napi-rs/snappy', targets: ['x86_64-unknown-linux-gnu', 'aarch64-apple-darwin', 'wasm32-wasip1-threads'] } };
const V3_NAMES = ['@napi-rs/snappy-linux-x64-gnu', '@napi-rs/snappy-darwin-arm64', '@napi-rs/snappy-wasm32-wasi'];

describe('napiPlatformNames', () => {
  it.each<[string, Record<string, unknown>, string | undefined, string[] | undefined]>([
    ['3.x: packageName and targets', { ...V3, devDependencies: { '@napi-rs/cli': '^3.8.6' } }, undefined, V3_NAMES],
    ['3.x: the package name without packageName', { name: '@acme/w', napi: { targets: ['x86_64-apple-darwin'] }, devDependencies: { '@napi-rs/cli': '3.4.1' } }, undefined, ['@acme/w-darwin-x64']],
    ['3.x config, no dependency: taken for 3.x', V3, undefined, V3_NAMES],
    ['3.x config, `catalog:`: taken for 3.x', { ...V3, devDependencies: { '@napi-rs/cli': 'catalog:' } }, undefined, V3_NAMES],
    ['3.x: `triples.defaults: true` is DEFAULT_TARGETS', { name: 'w', napi: { triples: { defaults: true } }, devDependencies: { '@napi-rs/cli': '^3.0.0' } }, undefined, ['w-darwin-x64', 'w-darwin-arm64', 'w-win32-x64-msvc', 'w-linux-x64-gnu']],
    ['3.x: no targets and no triples: none', { name: 'w', napi: { binaryName: 'w' }, devDependencies: { '@napi-rs/cli': '^3.0.0' } }, undefined, []],
    ['3.x: a duplicate target fails', { name: 'w', napi: { targets: ['x86_64-apple-darwin', 'x86_64-apple-darwin'] }, devDependencies: { '@napi-rs/cli': '^3.0.0' } }, undefined, undefined],
    ['2.x: defaults and additional', { name: '@acme/w', napi: { name: 'w', triples: { defaults: true, additional: ['aarch64-apple-darwin', 'aarch64-linux-android'] } }, devDependencies: { '@napi-rs/cli': '^2.18.4' } }, undefined, ['@acme/w-win32-x64-msvc', '@acme/w-darwin-x64', '@acme/w-linux-x64-gnu', '@acme/w-darwin-arm64', '@acme/w-android-arm64']],
    ['2.x: defaults unless `false`', { name: 'w', napi: { triples: { additional: ['aarch64-apple-darwin'] } }, devDependencies: { '@napi-rs/cli': '^2.14.0' } }, undefined, ['w-win32-x64-msvc', 'w-darwin-x64', 'w-linux-x64-gnu', 'w-darwin-arm64']],
    ['2.x: `defaults: false`', { name: 'w', napi: { triples: { defaults: false, additional: ['aarch64-apple-darwin'] } }, devDependencies: { '@napi-rs/cli': '2.18.4' } }, undefined, ['w-darwin-arm64']],
    ['2.x: package.name', { name: 'w', napi: { package: { name: '@acme/core' }, triples: { defaults: false, additional: ['x86_64-apple-darwin'] } }, devDependencies: { '@napi-rs/cli': '^2.18.0' } }, undefined, ['@acme/core-darwin-x64']],
    ['2.x: `targets` is not read', { name: 'w', napi: { targets: ['aarch64-apple-darwin'] }, devDependencies: { '@napi-rs/cli': '^2.18.0' } }, undefined, ['w-win32-x64-msvc', 'w-darwin-x64', 'w-linux-x64-gnu']],
    ['pinned on the command: wins over the dependency', { name: 'w', napi: { targets: ['aarch64-apple-darwin'] }, devDependencies: { '@napi-rs/cli': '^2.18.0' } }, '3', ['w-darwin-arm64']],
    // The releases a range may run name a target differently: none.
    ['a range over the ohos change', { name: 'w', napi: { targets: ['aarch64-unknown-linux-ohos'] }, devDependencies: { '@napi-rs/cli': '^3.0.0' } }, undefined, undefined],
    ['control: a range after it', { name: 'w', napi: { targets: ['aarch64-unknown-linux-ohos'] }, devDependencies: { '@napi-rs/cli': '^3.1.0' } }, undefined, ['w-openharmony-arm64']],
    ['control: an exact release before it', { name: 'w', napi: { targets: ['aarch64-unknown-linux-ohos'] }, devDependencies: { '@napi-rs/cli': '3.0.4' } }, undefined, ['w-linux-arm64-ohos']],
    ['wasm32-wasip1 over 3.8.0', { name: 'w', napi: { targets: ['wasm32-wasip1'] }, devDependencies: { '@napi-rs/cli': '^3.7.0' } }, undefined, undefined],
    ['2.x or 3.x (neither tells): default triples differ', { name: 'w', napi: { name: 'w', triples: { defaults: true } } }, undefined, undefined],
    ['2.x or 3.x (neither tells): they agree', { name: 'w', napi: { name: 'w', triples: { defaults: false, additional: ['x86_64-apple-darwin'] } } }, undefined, ['w-darwin-x64']],
    ['a prerelease range: read as no version (a 3.x config)', { ...V3, devDependencies: { '@napi-rs/cli': '^3.0.0-alpha.60' } }, undefined, V3_NAMES],
    ['a prerelease range, control: a target 3.x releases name differently', { name: 'w', napi: { targets: ['wasm32-wasip1'] }, devDependencies: { '@napi-rs/cli': '^3.0.0-alpha.60' } }, undefined, undefined],
    ['pinned `latest`: the newest 3.x read', { name: 'w', napi: { targets: ['powerpc64-unknown-linux-gnu'] } }, 'latest', ['w-linux-ppc64-gnu']],
    ['a major not read', { name: 'w', napi: { targets: ['x86_64-apple-darwin'] }, devDependencies: { '@napi-rs/cli': '^4.0.0' } }, undefined, undefined],
    ['a range of no release read', { name: 'w', napi: { targets: ['x86_64-apple-darwin'] }, devDependencies: { '@napi-rs/cli': '^1.0.0' } }, undefined, undefined],
    ['no napi field', { name: 'w', devDependencies: { '@napi-rs/cli': '^3.8.0' } }, undefined, undefined],
    ['no name', { napi: { targets: ['x86_64-apple-darwin'] }, devDependencies: { '@napi-rs/cli': '^3.8.0' } }, undefined, undefined],
    ['targets that are no list of strings', { name: 'w', napi: { targets: 'x86_64-apple-darwin' } }, undefined, undefined],
  ])('%s', (_name, fields, pinned, want) => {
    expect(napiPlatformNames(pkg(fields), pinned)).toEqual(want);
  });

  it("the root package's dependency counts after the package's own", () => {
    const child = pkg({ name: 'w', napi: { targets: ['aarch64-unknown-linux-ohos'] } });
    expect(napiPlatformNames(child, undefined, pkg({ name: 'root', devDependencies: { '@napi-rs/cli': '^3.8.0' } }))).toEqual(['w-openharmony-arm64']);
    expect(napiPlatformNames(child, undefined, pkg({ name: 'root', devDependencies: { '@napi-rs/cli': '^3.0.0' } }))).toBeUndefined();
  });
});
