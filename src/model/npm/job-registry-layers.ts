/**
 * The registry layers of a publish in a GitLab or CircleCI job (split from ./registry.ts, which
 * decides from them): what each provider's site builder hands `decideSiteRegistry`.
 */
import type { PublishCommand, RegistrySetting, SiteContext } from './publish-site.js';
import { CONFIG_FILES_READ, npmEnvConfigKey, yarnEnvRegistryKey } from '../data/registry-config.js';
import type { NpmrcSwaps } from './npmrc-swaps.js';
import { commandLayers, findConfigWrite, readsNpmCliConfig, registryReadsOf, type ConfigWrite, type RegistryLayers } from './registry.js';

/**
 * A provider's lookup of one environment variable for a publish (`matches` says which names count):
 * the command's own, then `exported` (a variable the script exported earlier), then the job's.
 */
export type EnvSettingLookup = (matches: (name: string) => boolean, exported: RegistrySetting | undefined) => RegistrySetting | undefined;

/**
 * The registry layers of a publish in a GitLab or CircleCI job: the variables `fromEnv` finds
 * (`exported` the npm `registry` one written earlier in the shell), the user configuration
 * writes before it (`user`, last write first), the project's `.npmrc` (after what the job moved,
 * removed or overwrote there first: `swaps`, ./npmrc-swaps.ts) and `.yarnrc.yml`, and what the
 * command carries itself.
 */
export function jobRegistryLayers(ctx: SiteContext, publish: PublishCommand, fromEnv: EnvSettingLookup, exported: RegistrySetting | undefined, user: readonly ConfigWrite[], swaps?: NpmrcSwaps, namedFile?: (key: string) => RegistrySetting | undefined): RegistryLayers {
  return {
    reads: registryReadsOf(publish.match, ctx.packageManager, ctx.changesetsRuns?.(publish, '', [])),
    env: (key) => fromEnv((name) => npmEnvConfigKey(name) === key, key === 'registry' ? exported : undefined),
    yarnEnv: (key) => fromEnv((name) => yarnEnvRegistryKey(name) === key, undefined),
    // The npm CLI (and its scripts) reads the `.npmrc` of its local prefix only.
    npmrc: (dir, key) => ctx.npmrc(dir, key, readsNpmCliConfig(publish), swaps),
    // The file a job names as npm's user configuration, for a key none of its lines wrote (./named-user-file.ts).
    user: (key, files = CONFIG_FILES_READ.npm, dir) => findConfigWrite(user, key, files, dir === undefined ? undefined : ctx.npmrcDirs?.(dir, readsNpmCliConfig(publish))) ?? (files.includes('npmrc') ? namedFile?.(key) : undefined),
    yarnrc: (key) => ctx.yarnrc(key),
    ...commandLayers(publish),
  };
}
