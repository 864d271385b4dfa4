/**
 * GitHub actions that install Node, which decide the Node (and so the bundled npm) of the steps
 * after them (docs/domain.md §2; read in src/model/github/setup-node.ts), and the names of remote
 * actions that suggest they set up Node although tp-doctor does not read them.
 */

/** How tp-doctor reads an action that installs Node. */
export type NodeActionReader = 'setup-node' | 'mise' | 'pnpm-setup' | 'setup-vp' | 'volta' | 'setup-node-wrapper';

/**
 * The actions tp-doctor reads, by `owner/name` in lower case.
 *
 * - `actions/setup-node`: `node-version`, else `node-version-file` (its `action.yml`); without
 *   either it installs no Node and earlier steps decide. `useblacksmith/setup-node` is a fork with
 *   the same inputs.
 * - `jdx/mise-action`: the `node` and `npm` tools of the mise configuration of its working
 *   directory and those above it, in mise's order (data/mise.ts, github/mise.ts); inline
 *   `mise_toml` / `tool_versions` are not read.
 * - `pnpm/setup` ("Setup pnpm with runtime", v1 and v2; `action.yml` and
 *   `src/install-runtime/index.ts` of v2.0.2): `runtime: node@<version>` (a version, a range,
 *   `lts`, `latest`, an LTS codename) installs that Node with its bundled npm (`pnpm runtime set
 *   node <version> -g` links `node`, `npm` and `npx`); `runtime: node` takes the version of
 *   `devEngines.runtime` named node in the file of `package-json-file` (default `package.json`),
 *   else `lts`; `runtime: bun` / `deno` installs no Node. Without `runtime` it installs the first
 *   entry of `devEngines.runtime` that names a runtime with a version (v2.0.2; a change under
 *   review installs every entry, the last of a name winning): no Node when there is none.
 * - `voidzero-dev/setup-vp` (Vite+; its `action.yml`): installs Node with `vp env use`, the
 *   `node-version` input, else the latest LTS release.
 * - `volta-cli/action` (v4 and v5: `action.yml`, `src/index.ts`, `src/installer.ts`; Volta's
 *   `project/mod.rs`, `project/serial.rs`, `platform/mod.rs`, `run/npm.rs`, `run/parser.rs`): it
 *   installs Volta and puts its shims first on `PATH`. `node-version` runs `volta install node@<it>`
 *   (Volta's default Node; `true`: the latest LTS) and, when the package.json at `package-json-path`
 *   (default `package.json`; a path given that does not exist fails the step) exists, `volta pin
 *   node@<it>` in its directory; `npm-version` runs `volta install npm@<it>` (the default npm) and
 *   pins it only together with `node-version`. At each command a shim runs Volta's *project*
 *   platform: the nearest package.json at or above the directory the command runs in, its `volta`
 *   object (`node`, `npm`, exact versions) merged with the files its `volta.extends` chain names (a
 *   path from its directory; the first file that sets a key wins). A project with `volta` but no
 *   Node fails the command. A project's npm is its pinned one, else the one its Node bundles: the
 *   default npm never applies to it. Without a `volta` object Volta runs its default platform (the
 *   `node-version`, with `npm-version` or the bundled npm), else the system's tools: earlier steps
 *   decide. Once a default platform exists (`node-version` given), `npm install -g npm@<spec>`
 *   (global, no `--prefix`) run at a shim, not from a script Volta already runs, is `volta install
 *   npm@<spec>`: it changes the default npm, never a project's. `yarn-version` and `registry-url`
 *   do not change the npm (the latter's `.npmrc` is not read here).
 * - `ioBroker/testing-action-deploy` (a publishing action, `ACTION_RECOGNIZERS`): actions/setup-node
 *   with its `node-version` input, for its own steps (its publish included) and the job's later ones.
 * - `danielroe/uppt/publish` (a publishing action): actions/setup-node with its `node-version`
 *   input, default `24` (`NODE_ACTION_DEFAULTS`), for its own steps and the job's later ones.
 *
 * - `oxc-project/setup-node` and `sxzz/workflows/setup-js`: composite actions that run
 *   actions/setup-node with inputs of their own (`SETUP_NODE_WRAPPERS`).
 *
 * An action here that also publishes runs its publish on the Node it sets up: its own step counts
 * for the Node at its publish and at the npm upgrade it runs (src/model/github/setup-node.ts).
 */
export const NODE_ACTIONS: ReadonlyMap<string, NodeActionReader> = new Map([
  ['actions/setup-node', 'setup-node'],
  ['useblacksmith/setup-node', 'setup-node'],
  ['jdx/mise-action', 'mise'],
  ['pnpm/setup', 'pnpm-setup'],
  ['voidzero-dev/setup-vp', 'setup-vp'],
  ['volta-cli/action', 'volta'],
  ['iobroker/testing-action-deploy', 'setup-node'],
  ['danielroe/uppt/publish', 'setup-node'],
  ['oxc-project/setup-node', 'setup-node-wrapper'],
  ['sxzz/workflows/setup-js', 'setup-node-wrapper'],
]);

/**
 * What a composite action that runs actions/setup-node passes to it: its own input forwarded as
 * `node-version` (`nodeVersion`, with the input's default), or a fixed `node-version-file`
 * (`nodeVersionFile`, whatever the caller gives). `skipsInContainer`: it leaves setup-node out in
 * some job containers, where the Node is then the image's and tp-doctor does not tell which.
 */
export interface SetupNodeWrapper {
  nodeVersion?: { input: string; default: string };
  nodeVersionFile?: string;
  skipsInContainer?: boolean;
}

/**
 * The composite actions read as actions/setup-node with the inputs they pass (their `action.yml`,
 * every revision from the first to the last read, 2026-12; the registry side, `registry-url`, is
 * not read from them):
 *
 * - `oxc-project/setup-node` (v1.0.0 to v1.4.0, f42e3bd to 8fa4eda): pnpm/action-setup, then
 *   actions/setup-node with `node-version-file: .node-version` (no `node-version` input), skipped
 *   when `/etc/alpine-release` exists (an Alpine job container, whose Node then runs).
 * - `sxzz/workflows/setup-js` (d6ee013, 2025-08, to 1aded5c, 2026-05): actions/setup-node with
 *   `node-version: ${{ inputs.node-version }}`, default `lts/*` (no `node-version-file`).
 */
export const SETUP_NODE_WRAPPERS: ReadonlyMap<string, SetupNodeWrapper> = new Map<string, SetupNodeWrapper>([
  ['oxc-project/setup-node', { nodeVersionFile: '.node-version', skipsInContainer: true }],
  ['sxzz/workflows/setup-js', { nodeVersion: { input: 'node-version', default: 'lts/*' } }],
]);

/**
 * The Node version an action of `NODE_ACTIONS` read as setup-node installs when it is given neither
 * `node-version` nor `node-version-file`: its own input's default (danielroe/uppt/publish's
 * `action.yml`, v0.3.0 to v0.5.5: `node-version` default `'24'`). Not for actions/setup-node, which
 * then installs no Node.
 */
export const NODE_ACTION_DEFAULTS: ReadonlyMap<string, string> = new Map([['danielroe/uppt/publish', '24']]);

/**
 * The first major of actions/setup-node that no longer exports a placeholder `NODE_AUTH_TOKEN`.
 * Up to v6.x its `src/authutil.ts` runs, with `registry-url`,
 * `core.exportVariable('NODE_AUTH_TOKEN', process.env.NODE_AUTH_TOKEN || 'XXXXX-XXXXX-XXXXX-XXXXX')`,
 * so the `${NODE_AUTH_TOKEN}` of the `.npmrc` it writes resolves to that static value, which pnpm
 * 11.0.7 and later let a successful OIDC exchange override; v7.0.0 removed it (commit 0355742c,
 * "Remove dummy NODE_AUTH_TOKEN export", #1558): the variable is then unset unless the job sets it
 * (review400 A1; read in rules/publish-tool-supports-oidc/config.ts `placeholderToken`).
 */
export const SETUP_NODE_NO_PLACEHOLDER_MAJOR = 7;

/**
 * pnpm/action-setup and the standalone pnpm (`@pnpm/exe`, which brings its own Node, so the job's
 * Node does not run it; read in src/model/github/pnpm-action-setup.ts). Its `standalone` input is
 * `default: 'false'` in the action.yml of every release that has it (v2.4.0 on), and in v4 the
 * action installs `@pnpm/exe` only when the input is true (v4.0.0 `src/install-pnpm/run.ts`
 * `readTarget`, the last release read): without it, pnpm runs on the Node on PATH. A later release
 * brought the install strategy that chooses `@pnpm/exe` by itself when `node --version` is older
 * than 22.13 (`standalone = inputs.standalone || systemNode.major < 22 || …`, quoted in
 * Esposter/Esposter#1126; pnpm 11 support came with v6.0.0); whether v5 already did is not known
 * (its source was not read), so from v5 on a missing or false input says nothing.
 */
export const PNPM_ACTION_SETUP_STANDALONE_DEFAULT = false;
export const PNPM_ACTION_SETUP_AUTO_STANDALONE_MAJOR = 5;

/**
 * Docker actions that publish in an image of their own (`runs.using: docker`), by `owner/name` in
 * lower case: the image's Node and the npm it bundles run the action's publish, whatever the job
 * sets up before it, and no earlier npm upgrade reaches it; nothing changes for the job's later
 * steps. The image as the action's Dockerfile names it (`FROM`), read with the job container's
 * `node:<tag>` rules.
 *
 * - `mikeal/merge-release` (`Dockerfile` at 30319a1, the `master` its users run, read 2026-12):
 *   `FROM node:18-slim`, Node 18.20 with npm 10.8 (`ACTION_RECOGNIZERS` in publish-tools.ts).
 */
export const IMAGE_NODE_ACTIONS: ReadonlyMap<string, string> = new Map([['mikeal/merge-release', 'node:18-slim']]);

/** The image a step's remote action publishes in (`IMAGE_NODE_ACTIONS`), if it is one of those. */
export function actionImage(uses: string | undefined): string | undefined {
  return uses === undefined ? undefined : IMAGE_NODE_ACTIONS.get(uses.toLowerCase());
}

/**
 * What in a remote action's name says it sets up Node: a segment of the name after the owner
 * (`segment`), with `name` on the whole lower-case name when given. An action tp-doctor reads
 * (`NODE_ACTIONS`) or a local one (`./...`) is never matched here, nor a name that says it only
 * caches or restores (`NOT_NODE_SETUP`). Such an action ends the Node scan (src/model/github/
 * setup-node.ts): the Node is unknown, even after a setup-node that names a version, and the
 * warning says the job sets up Node with that action, which tp-doctor does not read.
 */
export const NODE_SETUP_ACTION_NAMES: readonly { segment: RegExp; name?: RegExp; example: string }[] = [
  // `*/setup-node*`: an action like oxc-project/setup-node (setup-node, pnpm and a cache in one; that one is read).
  { segment: /^setup-node/, example: 'acme/setup-node' },
  // `*/setup-js*`: an action like sxzz/workflows/setup-js (Node and pnpm; that one is read).
  { segment: /^setup-js/, example: 'acme/workflows/setup-js' },
  // `*/setup*` with node in the name.
  { segment: /^setup/, name: /node/, example: 'nodenv/setup' },
  { segment: /node[\w.-]*setup|setup[\w.-]*node/, example: 'acme/ci-node-setup' },
  // A toolchain manager that installs the Node a committed file names: moonrepo's proto
  // (`.prototools`, elbywan/wretch: `node = "lts"`, `npm = "latest"`). Volta's action is read (`NODE_ACTIONS`).
  { segment: /^setup-(?:toolchain|proto)$/, name: /^moonrepo\//, example: 'moonrepo/setup-toolchain' },
];

/** Words in an action's name that say it handles a cache, not Node itself (`actions/setup-node-cache-restore`). */
const NOT_NODE_SETUP = /cache|restore|save/;

/** True when a remote action's name (`owner/name[/path]`, without `@ref`) says it sets up Node (see `NODE_SETUP_ACTION_NAMES`). */
export function suggestsNodeSetup(uses: string): boolean {
  const name = uses.toLowerCase();
  if (name.startsWith('./') || name.startsWith('docker://') || NODE_ACTIONS.has(name) || NOT_NODE_SETUP.test(name)) return false;
  const segments = name.split('/').slice(1);
  return NODE_SETUP_ACTION_NAMES.some((row) => segments.some((s) => row.segment.test(s)) && (row.name === undefined || row.name.test(name)));
}
