/**
 * The names of the platform packages napi-rs's `prepublish` / `pre-publish` publishes, derived from
 * the napi configuration of the package it runs in when no platform package is committed (the
 * directories made in the job by `napi create-npm-dirs`): `<packageName>-<platformArchABI>` for each
 * configured target, read the way the CLI reads them (../data/napi.ts, from napi-rs's source).
 * Which release of the CLI runs decides how some triples are named, so the names are given only
 * when every release the command may run names them alike: the version pinned on the command
 * (`npx @napi-rs/cli@3`), else the `@napi-rs/cli` dependency of the package, else of the root; with
 * none or one semver cannot read (`catalog:`), a configuration using fields only 3.x reads is taken
 * for 3.x, any other for 2.x or 3.x. A range no release read falls in (`^1`) gives none.
 * A package is published only when its binary was built: these are the most it publishes.
 */
import { semver } from '../core/semver.js';
import { NAPI2_DEFAULT_TRIPLES, NAPI3_DEFAULT_TRIPLES, NAPI3_ONLY_FIELDS, NAPI_CLI_PACKAGE, NAPI_ERAS, NAPI_LATEST_READ, type NapiEra } from '../data/napi.js';
import type { YNode } from '../../yaml/parse.js';
import type { PackageJson } from './package-json.js';

/** What the configuration says, as far as tp-doctor reads it; undefined fields are absent. */
interface NapiConfig {
  name?: string;
  /** 3.x `napi.packageName`. */
  packageName?: string;
  /** 2.x (from 2.2.0) `napi.package.name`. */
  packageField?: string;
  targets?: string[];
  /** `napi.triples`: `defaults` as written (2.x tests `=== false`, 3.x truthiness). */
  triples?: { defaults?: string | number | boolean; additional: string[] };
  /** Field names of `napi`, for the 3.x-only ones. */
  fields: string[];
}

/** A list of strings, or undefined when the node is something else. */
function stringList(node: YNode | undefined): string[] | undefined {
  if (!node?.isSeq) return undefined;
  const out = node.list().map((n) => (n.isScalar && typeof n.value === 'string' ? n.value : undefined));
  return out.every((s): s is string => s !== undefined) ? out : undefined;
}

/** An optional string field: its value, `null` when it holds something else, undefined when absent. */
function stringField(node: YNode | undefined): string | null | undefined {
  if (node === undefined || node.isNull) return undefined;
  return node.isScalar && typeof node.value === 'string' ? node.value : null;
}

/** The `napi` field of a package.json; undefined without one, or when a field it needs is of another type. */
function readConfig(pkg: PackageJson): NapiConfig | undefined {
  const napi = pkg.root.get('napi');
  if (!napi?.isMap) return undefined;
  const packageName = stringField(napi.get('packageName'));
  const pkgNode = napi.get('package');
  const packageField = pkgNode?.isMap ? stringField(pkgNode.get('name')) : undefined;
  const targetsNode = napi.get('targets');
  const targets = targetsNode === undefined || targetsNode.isNull ? undefined : stringList(targetsNode);
  const triplesNode = napi.get('triples');
  const additionalNode = triplesNode?.isMap ? triplesNode.get('additional') : undefined;
  const additional = additionalNode === undefined || additionalNode.isNull ? [] : stringList(additionalNode);
  const defaults = triplesNode?.isMap ? triplesNode.get('defaults')?.value : undefined;
  if (packageName === null || packageField === null || (targetsNode !== undefined && !targetsNode.isNull && targets === undefined) || additional === undefined) return undefined;
  return {
    ...(pkg.name !== undefined ? { name: pkg.name } : {}),
    ...(packageName !== undefined ? { packageName } : {}),
    ...(packageField !== undefined ? { packageField } : {}),
    ...(targets !== undefined ? { targets } : {}),
    ...(triplesNode?.isMap ? { triples: { ...(defaults !== undefined ? { defaults } : {}), additional } } : {}),
    fields: napi.entries().flatMap((e) => (e.key === undefined ? [] : [e.key])),
  };
}

/** `<platform>-<arch>[-<abi>]` of a triple in an era; undefined when the CLI refuses it or it has no system. */
export function platformArchAbi(raw: string, era: NapiEra): string | undefined {
  let triple = raw;
  if (era.cargoSuffix) triple = triple.endsWith('.json') ? triple.slice(Math.max(triple.lastIndexOf('/'), triple.lastIndexOf('\\')) + 1, -'.json'.length) : triple.split('.')[0]!;
  const wasi = era.wasi?.[triple];
  if (wasi !== undefined) return wasi;
  if (era.otherWasi?.pattern.test(triple)) return era.otherWasi.abi;
  const parts = (triple.endsWith('eabi') ? `${triple.slice(0, -4)}-eabi` : triple).split('-');
  if (parts.length < 2) return undefined;
  const cpu = parts[0]!;
  let [sys, abi]: (string | undefined)[] = [parts[2], parts[3]];
  if (era.major === 2 ? parts.length !== 3 && parts.length !== 4 : parts.length === 2) [sys, abi] = [parts[1], undefined];
  if (abi !== undefined && era.subSystems?.includes(abi)) [sys, abi] = [abi, undefined];
  const arch = era.arch[cpu] ?? cpu;
  if (era.ohosAsLinux && triple.includes('ohos')) return `linux-${arch}-ohos`;
  const platform = era.platform[sys!] ?? sys!;
  return abi ? `${platform}-${arch}-${abi}` : `${platform}-${arch}`;
}

/** The platform package names one era gives for a configuration; undefined when the command would fail there. */
function namesInEra(config: NapiConfig, era: NapiEra): string[] | undefined {
  let triples: readonly string[];
  let base: string | undefined;
  if (era.major === 2) {
    triples = [...(config.triples?.defaults === false ? [] : NAPI2_DEFAULT_TRIPLES), ...(config.triples?.additional ?? [])];
    base = (era.packageField ? config.packageField : undefined) ?? config.name;
  } else {
    triples = config.targets?.length ? config.targets : [...(config.triples?.defaults ? NAPI3_DEFAULT_TRIPLES : []), ...(config.triples?.additional ?? [])];
    base = config.packageName ?? config.name;
    // "Duplicate targets are not allowed".
    if (new Set(triples).size !== triples.length) return undefined;
  }
  if (base === undefined) return undefined;
  const abis = triples.map((t) => platformArchAbi(t, era));
  if (abis.some((a) => a === undefined)) return undefined;
  const unique = [...new Set(abis as string[])];
  if (era.sameArtifactFails && unique.length !== abis.length) return undefined;
  return unique.map((abi) => `${base}-${abi}`);
}

/**
 * The eras a version range of the CLI may run in; undefined when the range is not one semver reads
 * (`catalog:`, `workspace:*`, a dist-tag) or names a prerelease (3.0's alphas were not read). A
 * release after the last one read is taken to behave as it does, up to the next major (not read).
 */
function erasOf(range: string): NapiEra[] | undefined {
  const valid = semver.validRange(range);
  if (valid === null || /\d-[0-9a-z]/i.test(range)) return undefined;
  return NAPI_ERAS.filter((era, i) => {
    const next = NAPI_ERAS[i + 1]?.since;
    return semver.intersects(valid, `>=${era.since} <${next ?? `${era.major + 1}.0.0-0`}`);
  });
}

/** The version range of the CLI: the one pinned on the command, else the package's dependency, else the root's. */
function cliRange(pinned: string | undefined, packages: readonly (PackageJson | undefined)[]): string | undefined {
  if (pinned !== undefined) return pinned === 'latest' ? `^${NAPI_LATEST_READ}` : pinned;
  for (const pkg of packages) {
    const spec = pkg?.devDependencies[NAPI_CLI_PACKAGE] ?? pkg?.dependencies[NAPI_CLI_PACKAGE];
    if (spec !== undefined) return spec.replace(/^npm:@napi-rs\/cli@/, '');
  }
  return undefined;
}

/**
 * The platform package names `napi prepublish` publishes from `pkg`'s configuration (see the file
 * comment): undefined without a `napi` field, when a field it reads holds another type, when the
 * CLI's version range holds no release read (`^1`, `^4`), or when the releases it may run name them
 * differently or fail. `pinned` is the version on the command; `root` the repository's root
 * package, whose dependencies count after `pkg`'s.
 */
export function napiPlatformNames(pkg: PackageJson, pinned: string | undefined, root?: PackageJson): string[] | undefined {
  const config = readConfig(pkg);
  if (config === undefined) return undefined;
  const range = cliRange(pinned, [pkg, root]);
  const threeOnly = config.fields.some((f) => NAPI3_ONLY_FIELDS.includes(f));
  const eras = (range === undefined ? undefined : erasOf(range)) ?? NAPI_ERAS.filter((e) => !threeOnly || e.major === 3);
  if (eras.length === 0) return undefined;
  const readings = eras.map((era) => namesInEra(config, era));
  const first = readings[0];
  if (first === undefined || readings.some((r) => r === undefined || r.join('\n') !== first.join('\n'))) return undefined;
  return first;
}
