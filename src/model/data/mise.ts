/**
 * How mise decides the Node and the npm a `jdx/mise-action` step puts on `PATH` (read in
 * src/model/npm/mise-config.ts and src/model/github/mise.ts). Read in jdx/mise at 70e94a1
 * (2026-08-22): `src/config/mod.rs` `LOCAL_CONFIG_FILENAMES` and `env_config_patterns`,
 * `src/config/config_file/mise_toml.rs` (a tool's value: a string, a list, or a table with
 * `version`), `src/toolset/builder.rs` `load_runtime_env` (`MISE_<TOOL>_VERSION`),
 * `src/backend/mod.rs` `unalias_backend` (`nodejs` is `node`), `registry/npm.toml` (the `npm` tool:
 * `aqua:npm/cli` on Linux and macOS, else `npm:npm`; it overrides the `npm` of `node`),
 * `src/backend/npm.rs` (the `npm:` backend installs with its embedded aube by default, with
 * `npm install -g <pkg> --prefix <dir>` only under `npm.package_manager = npm` or `npm.shell_out`),
 * and `docs/configuration.md`.
 */

/**
 * The configuration files mise reads in one directory, the one that wins first (a tool named in an
 * earlier file overrides the same tool in a later one; tools merge across files). `*` is a
 * `conf.d` folder's TOML files, the last name in alphabetical order winning. mise also reads the
 * same files in every parent directory, after those of the directory itself.
 */
export const MISE_CONFIG_FILES: readonly string[] = [
  '.mise.local.toml',
  'mise.local.toml',
  '.rtx.local.toml',
  'mise/config.local.toml',
  '.mise/config.local.toml',
  '.config/mise.local.toml',
  '.config/mise/mise.local.toml',
  '.config/mise/config.local.toml',
  '.mise.toml',
  'mise.toml',
  '.rtx.toml',
  'mise/config.toml',
  '.mise/config.toml',
  '.mise/conf.d/*.toml',
  '.config/mise.toml',
  '.config/mise/mise.toml',
  '.config/mise/config.toml',
  '.config/mise/conf.d/*.toml',
  '.tool-versions',
];

/**
 * The files of one `MISE_ENV` environment (`MISE_ENV=ci`: `mise.ci.toml`), the one that wins first.
 * They win over every file of `MISE_CONFIG_FILES` in the same directory; with several environments
 * (`MISE_ENV=ci,release`) the last one's files win.
 */
export function miseEnvFiles(env: string): string[] {
  return [
    `.mise.${env}.local.toml`,
    `.mise/config.${env}.local.toml`,
    `mise.${env}.local.toml`,
    `mise/config.${env}.local.toml`,
    `.config/mise.${env}.local.toml`,
    `.config/mise/config.${env}.local.toml`,
    `.mise.${env}.toml`,
    `.mise/config.${env}.toml`,
    `mise.${env}.toml`,
    `mise/config.${env}.toml`,
    `.config/mise.${env}.toml`,
    `.config/mise/config.${env}.toml`,
  ];
}

/** The tools tp-doctor reads from a mise configuration. */
export type MiseToolName = 'node' | 'npm';

/**
 * The keys of `[tools]` (and the names of `.tool-versions` lines) that install Node or npm: the
 * short names, mise's alias `nodejs`, and the backends the registry gives the `npm` tool.
 */
export const MISE_TOOL_KEYS: ReadonlyMap<string, MiseToolName> = new Map([
  ['node', 'node'],
  ['nodejs', 'node'],
  ['core:node', 'node'],
  ['npm', 'npm'],
  ['npm:npm', 'npm'],
  ['aqua:npm/cli', 'npm'],
]);

/** The environment variable that picks a tool's version over every configuration file (`MISE_NODE_VERSION=22`). */
export const MISE_VERSION_ENV: Readonly<Record<MiseToolName, string>> = { node: 'MISE_NODE_VERSION', npm: 'MISE_NPM_VERSION' };
