/**
 * The configuration keys a script's `<bin> config set <key> <value>` writes that choose the
 * registry a later publish goes to (docs/domain.md §1.4), and which of those configurations each
 * publish tool reads. One place to update when a tool adds a key.
 *
 * Sources: npm's `config set` writes the user `~/.npmrc` (`registry`, `@scope:registry`; npm
 * `lib/commands/config.js`); pnpm's `config set` the same keys. Yarn 1's `config set` writes
 * `~/.yarnrc` (`registry`, `@scope:registry`), which its `yarn publish` reads. Yarn 2+ (`yarn
 * config set [-H|--home] <name> <value>`, plugin-essentials) writes the project's `.yarnrc.yml`, or
 * with `-H`/`--home` the home one, which a project file's value beats; `<name>` is a path into the
 * settings (`npmScopes.acme.npmPublishRegistry`, `npmScopes["acme"].npmPublishRegistry`). Yarn 2+
 * has no `registry` setting and refuses `yarn config set registry`.
 *
 * Yarn 2+ publishes (plugin-npm `npmConfigUtils.getPublishRegistry`) to `publishConfig.registry`,
 * else for a scoped package `npmScopes.<scope>.npmPublishRegistry`, else `npmPublishRegistry`,
 * else `npmRegistryServer` (default `https://registry.yarnpkg.com`). tp-doctor also reads the
 * scope's `npmRegistryServer` before the top level, as it always has for a committed `.yarnrc.yml`.
 */

/** Where a `config set` lands: npm's user `.npmrc`, Yarn 1's `~/.yarnrc`, Yarn 2+'s project or home `.yarnrc.yml`. */
export type RegistryConfigFile = 'npmrc' | 'yarnrc' | 'yarnrc-yml' | 'home-yarnrc-yml';

export interface RegistryConfigKey {
  /** The programs whose `config set` (or `set`) writes it. */
  bins: readonly string[];
  /** The key as written (after quote removal). */
  key: RegExp;
  file: RegistryConfigFile;
  /** Flags of the command that send the write to `homeFile` instead. */
  homeFlags?: readonly string[];
  homeFile?: RegistryConfigFile;
  /** True when the value may also be written `key=value` in one word (npm, pnpm, Yarn 1). */
  assignment: boolean;
}

/** npm's registry keys: `registry` and `@scope:registry`. */
export const NPM_REGISTRY_KEY = /^(@[\w.-]+:)?registry$/i;

/** Yarn 2+'s keys for its publish registry, in its lookup order (a scope's first). */
export const YARN_PUBLISH_REGISTRY_KEYS: readonly string[] = ['npmPublishRegistry', 'npmRegistryServer'];

/**
 * A Yarn 2+ registry key: top level, or under `npmScopes.<scope>` (also `npmScopes["<scope>"]`).
 * Groups: 1 the scope after a dot, 3 the scope in brackets, 4 the key.
 */
export const YARN_REGISTRY_KEY = /^(?:npmScopes(?:\.([\w-]+)|\[(["']?)([^"'\]]+)\2\])\.)?(npmPublishRegistry|npmRegistryServer)$/;

export const REGISTRY_CONFIG_KEYS: readonly RegistryConfigKey[] = [
  { bins: ['npm', 'pnpm', 'pn'], key: NPM_REGISTRY_KEY, file: 'npmrc', assignment: true },
  { bins: ['yarn'], key: NPM_REGISTRY_KEY, file: 'yarnrc', assignment: true },
  { bins: ['yarn'], key: YARN_REGISTRY_KEY, file: 'yarnrc-yml', homeFlags: ['-H', '--home'], homeFile: 'home-yarnrc-yml', assignment: false },
];

/**
 * The `config set` writes each way of reading a registry consults (`RegistryReads` in
 * npm/registry.ts), beyond the command line, the environment and the committed files. The npm
 * CLI and the tools that read its configuration keep reading Yarn 1's `yarn config set registry`
 * as they did before Yarn's own keys were read (npm itself reads `~/.npmrc`, not `~/.yarnrc`).
 */
export const CONFIG_FILES_READ = {
  npm: ['npmrc', 'yarnrc'],
  'yarn-classic': ['yarnrc'],
  /** Above the committed `.yarnrc.yml`. */
  'yarn-berry': ['yarnrc-yml'],
  /** Below the committed `.yarnrc.yml`. */
  'yarn-berry-home': ['home-yarnrc-yml'],
} as const satisfies Record<string, readonly RegistryConfigFile[]>;

/**
 * The first pnpm whose own publish takes the package's `publishConfig.registry` over every other
 * registry setting, `@scope:registry` included: pnpm 11 publishes natively (`publishPackedPkg.ts`
 * `findRegistryInfo`: `publishConfig.registry ?? registries[@scope] ?? registries.default`, for
 * `pnpm publish` and for each package of `pnpm -r publish`; `publishConfig["@scope:registry"]` is
 * not read), and from 11.0.5 on (pnpm/pnpm#11449) that function is given `publishConfig.registry`;
 * 11.0.0–11.0.4 read `registries` only. pnpm 10 and older run `npm publish` on the packed tarball
 * (`-r` adds `--registry <publishConfig.registry ?? pnpm's pick>`), so the npm CLI's order holds:
 * an `@scope:registry` from any layer beats `registry`, `--registry` and `publishConfig.registry`
 * alike (npm `lib/commands/publish.js` flattens `publishConfig` under the command-line flags;
 * npm-registry-fetch `pickRegistry`) [src: pnpm v10.34.5, v11.0.4, v11.0.5, v11.21.0; npm 11.19.1].
 */
export const PNPM_PUBLISH_CONFIG_REGISTRY_FIRST = '11.0.5';

/**
 * The npm configuration key an environment variable sets (@npmcli/config `loadEnv`): a name that
 * starts with `npm_config_` in any case, the rest lowercased with each `_` after its first
 * character read as `-` (`NPM_CONFIG_@ACME:REGISTRY` sets `@acme:registry`), except a `//host/:key`
 * (kept as written); undefined for any other name, or nothing after the prefix. npm skips a
 * variable whose value is empty.
 */
export function npmEnvConfigKey(name: string): string | undefined {
  const prefix = 'npm_config_';
  if (name.length <= prefix.length || name.slice(0, prefix.length).toLowerCase() !== prefix) return undefined;
  const key = name.slice(prefix.length);
  return key.startsWith('//') ? key : key.charAt(0).toLowerCase() + key.slice(1).replaceAll('_', '-').toLowerCase();
}

/**
 * The Yarn 2+ setting an environment variable sets (`getEnvironmentSettings`: a name starting with
 * `yarn_` in any case, the rest lowercased and camel-cased): `YARN_NPM_PUBLISH_REGISTRY` is
 * `npmPublishRegistry`. Yarn reads the environment before every `.yarnrc.yml`, and the first source
 * of a setting wins; scoped settings (`npmScopes`) have no variable. Only the publish registry keys
 * (`YARN_PUBLISH_REGISTRY_KEYS`) are answered.
 */
export function yarnEnvRegistryKey(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (!lower.startsWith('yarn_')) return undefined;
  const key = lower.slice('yarn_'.length).replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return YARN_PUBLISH_REGISTRY_KEYS.includes(key) ? key : undefined;
}

/** The row of `REGISTRY_CONFIG_KEYS` a `<bin> config set <key>` matches, if any. */
export function registryConfigKey(bin: string, key: string): RegistryConfigKey | undefined {
  return REGISTRY_CONFIG_KEYS.find((row) => row.bins.includes(bin) && row.key.test(key));
}

/**
 * The key a write is kept under: npm's lowercased (`@acme:registry`), Yarn 2+'s as a dotted path
 * with the scope lowercased and without `@` (`npmScopes.acme.npmPublishRegistry`).
 */
export function normalizeRegistryKey(row: RegistryConfigKey, key: string): string {
  if (row.key !== YARN_REGISTRY_KEY) return key.toLowerCase();
  const m = YARN_REGISTRY_KEY.exec(key)!;
  const scope = m[1] ?? m[3];
  return scope === undefined ? m[4]! : yarnScopedKey(scope, m[4]!);
}

/** `npmScopes.<scope>.<key>` for a scope written with or without `@`. */
export function yarnScopedKey(scope: string, key: string): string {
  return `npmScopes.${scope.replace(/^@/, '').toLowerCase()}.${key}`;
}

/** The Yarn 2+ keys that decide the publish registry of a package of `scope`, in lookup order. */
export function yarnPublishKeys(scope: string | undefined): string[] {
  const scoped = scope === undefined ? [] : YARN_PUBLISH_REGISTRY_KEYS.map((k) => yarnScopedKey(scope, k));
  return [...scoped, ...YARN_PUBLISH_REGISTRY_KEYS];
}

/** The scope (without `@`) and the key of a kept Yarn 2+ key (`npmScopes.acme.npmPublishRegistry`). */
export function yarnKeyParts(key: string): { scope?: string; name: string } {
  const m = /^npmScopes\.(.+)\.([^.]+)$/.exec(key);
  return m ? { scope: m[1]!, name: m[2]! } : { name: key };
}
