/**
 * How napi-rs's CLI (`@napi-rs/cli`) names the platform packages `napi prepublish` / `napi
 * pre-publish` publishes: `<packageName>-<platformArchABI>`, one per configured target, in
 * `<npmDir>/<platformArchABI>`. Read by `../npm/napi-packages.ts`. Facts from napi-rs's own source:
 * 2.x `cli/src/parse-triple.ts` and `cli/src/consts.ts` (`getNapiConfig`) at the tags
 * `@napi-rs/cli@2.0.0` … `@napi-rs/cli@2.18.4`; 3.x `cli/src/utils/target.ts` (`parseTriple`,
 * `getWasiTarget`, `DEFAULT_TARGETS`) and `cli/src/utils/config.ts` (`readNapiConfig`) at the tags
 * `@napi-rs/cli@3.0.0` … `@napi-rs/cli@3.8.6` (github.com/napi-rs/napi-rs) and in the released
 * packages 3.9.0, 3.9.1, 3.10.0, 3.10.3, 3.10.5, 3.10.6, 3.10.8 and 3.10.12 (`npm pack`, their
 * `src/`). Checked 2026-12-07; 3.10.12 was `latest`.
 *
 * - The configuration is the package.json `napi` field of the directory napi runs in (3.x: `--cwd`,
 *   `--package-json-path`; a `-c`/`--config-path` JSON file is merged over it; 2.x: `-c`/`--config`
 *   names the package.json). 2.x reads `name` (the binary), `package.name` (from 2.2.0) and
 *   `triples: { defaults, additional }`: the default triples unless `defaults` is `false`, then the
 *   additional ones. 3.x reads `binaryName`, `packageName` (else the package's own `name`) and
 *   `targets`; only when `targets` is missing or empty the deprecated `triples` (the default
 *   triples only when `defaults` is true), so a configuration with neither has no target.
 * - A triple is `<cpu>-<vendor>-<sys>-<abi>`: a trailing `eabi` is split off as its own ABI first
 *   (`armv7-linux-androideabi` → `android-arm-eabi`); the CPU and system go through the tables
 *   below and fall back to themselves; `platformArchABI` is `<platform>-<arch>-<abi>`, or
 *   `<platform>-<arch>` without an ABI. 2.x takes four parts as cpu, vendor, sys, abi, three as cpu,
 *   vendor, sys and anything else as cpu, sys; 3.x takes two parts as cpu, sys and more as cpu,
 *   vendor, sys, abi.
 * - A platform package is published only when its binary was built: up to 3.7 a missing binary is
 *   skipped with a warning, from 3.8.0 it fails the command. So the names are the most it publishes.
 */

/** What one run of releases of the CLI does alike (`NAPI_ERAS`); an era lasts until the next one's `since`. */
export interface NapiEra {
  /** The first release of the era. */
  readonly since: string;
  /** Which configuration it reads and how it splits a triple (see the file comment). */
  readonly major: 2 | 3;
  /** CPU → Node.js `process.arch` (`CpuToNodeArch`). */
  readonly arch: Readonly<Record<string, string>>;
  /** System → Node.js `process.platform` (`SysToNodePlatform`). */
  readonly platform: Readonly<Record<string, string>>;
  /** 2.x from 2.2.0: `napi.package.name` names the packages (before: the package's `name` only). */
  readonly packageField?: true;
  /** 3.x from 3.1.0 (`SUB_SYSTEMS`): an ABI that is a system takes its place (`aarch64-unknown-linux-ohos` → `openharmony-arm64`). */
  readonly subSystems?: readonly string[];
  /** 3.0.x: any triple holding `ohos` is `linux-<arch>-ohos`. */
  readonly ohosAsLinux?: true;
  /** 3.x: the WASI triples, by name, and their platformArchABI (`getWasiTarget`; 3.0–3.7 in `parseTriple`). */
  readonly wasi?: Readonly<Record<string, string>>;
  /** 3.x: other WASI spellings: 3.0–3.7 give every `wasm32-wasip…` `wasm32-wasi`; from 3.8.0 they are an error (no ABI). */
  readonly otherWasi?: { readonly pattern: RegExp; readonly abi?: string };
  /** 3.x from 3.8.0: two targets with one platformArchABI fail the command ("produce the same … artifact set"). */
  readonly sameArtifactFails?: true;
  /** 3.x from 3.10.12 (`cargoTargetTriple`): a target's text after its first `.` is dropped (`x86_64-unknown-linux-gnu.2.17`); a `.json` spec becomes its file stem. */
  readonly cargoSuffix?: true;
}

/** napi 2.x's default targets, `DefaultPlatforms` (win32-x64-msvc, darwin-x64, linux-x64-gnu). */
export const NAPI2_DEFAULT_TRIPLES: readonly string[] = ['x86_64-pc-windows-msvc', 'x86_64-apple-darwin', 'x86_64-unknown-linux-gnu'];

/** napi 3.x's `DEFAULT_TARGETS`, for the deprecated `triples.defaults: true`. */
export const NAPI3_DEFAULT_TRIPLES: readonly string[] = ['x86_64-apple-darwin', 'aarch64-apple-darwin', 'x86_64-pc-windows-msvc', 'x86_64-unknown-linux-gnu'];

const ARCH2 = { x86_64: 'x64', aarch64: 'arm64', i686: 'ia32', armv7: 'arm' };
const PLATFORM2 = { linux: 'linux', freebsd: 'freebsd', darwin: 'darwin', windows: 'win32' };
const ARCH3 = { ...ARCH2, riscv64gc: 'riscv64', powerpc64le: 'ppc64' };
const PLATFORM3 = { ...PLATFORM2, ohos: 'openharmony' };
const WASI_THREADS = { 'wasm32-wasi': 'wasm32-wasi', 'wasm32-wasi-preview1-threads': 'wasm32-wasi' };
const WASI_OLD = { pattern: /^wasm32-wasip/, abi: 'wasm32-wasi' };
const WASI_38 = { ...WASI_THREADS, 'wasm32-wasip1-threads': 'wasm32-wasi', 'wasm32-wasip1': 'wasm32-wasip1' };
const WASI_ERROR = { pattern: /^wasm32-(?:wasip|wasi(?:-|$))/ };
const SUB_SYSTEMS = ['android', 'ohos'];

/** The eras of the CLI, oldest first. */
export const NAPI_ERAS: readonly NapiEra[] = [
  { since: '2.0.0', major: 2, arch: ARCH2, platform: PLATFORM2 },
  { since: '2.2.0', major: 2, arch: ARCH2, platform: PLATFORM2, packageField: true },
  { since: '2.15.0', major: 2, arch: { ...ARCH2, riscv64gc: 'riscv64' }, platform: PLATFORM2, packageField: true },
  { since: '3.0.0', major: 3, arch: ARCH3, platform: PLATFORM3, ohosAsLinux: true, wasi: WASI_THREADS, otherWasi: WASI_OLD },
  { since: '3.1.0', major: 3, arch: ARCH3, platform: PLATFORM3, subSystems: SUB_SYSTEMS, wasi: WASI_THREADS, otherWasi: WASI_OLD },
  { since: '3.2.0', major: 3, arch: { ...ARCH3, loongarch64: 'loong64' }, platform: PLATFORM3, subSystems: SUB_SYSTEMS, wasi: WASI_THREADS, otherWasi: WASI_OLD },
  { since: '3.8.0', major: 3, arch: { ...ARCH3, loongarch64: 'loong64' }, platform: PLATFORM3, subSystems: SUB_SYSTEMS, wasi: WASI_38, otherWasi: WASI_ERROR, sameArtifactFails: true },
  {
    since: '3.10.12',
    major: 3,
    arch: { ...ARCH3, loongarch64: 'loong64', powerpc64: 'ppc64' },
    platform: PLATFORM3,
    subSystems: SUB_SYSTEMS,
    wasi: WASI_38,
    otherWasi: WASI_ERROR,
    sameArtifactFails: true,
    cargoSuffix: true,
  },
];

/** The newest release read (`latest` when read); a later 3.x is taken to behave as it does, a 4.x is not read. */
export const NAPI_LATEST_READ = '3.10.12';

/** The package whose version decides the era (a dependency of the package, or pinned on the command: `npx @napi-rs/cli@3`). */
export const NAPI_CLI_PACKAGE = '@napi-rs/cli';

/**
 * The fields only 3.x reads (2.x ignores them): a configuration that has one is written for 3.x,
 * which tp-doctor assumes when nothing tells the CLI's version.
 */
export const NAPI3_ONLY_FIELDS: readonly string[] = ['targets', 'binaryName', 'packageName'];
