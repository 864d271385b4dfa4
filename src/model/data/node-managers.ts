/**
 * Node version managers run in a shell script, and what their commands do to the Node the commands
 * after them run (read in src/model/npm/node-switch.ts; the GitHub, GitLab and CircleCI resolvers
 * apply it). Sources, December 2026:
 *
 * - nvm (`nvm.sh`, a shell function defined by sourcing it): `nvm install [<v>]` installs and then
 *   runs `nvm use` on it; `nvm use [<v>]` puts that Node's directory first on this shell's `PATH`.
 *   Without a version both read the first line of the `.nvmrc` found in the working directory or
 *   the nearest one above it (`nvm_find_nvmrc`). `--lts` is the newest LTS line; `node`, `stable`,
 *   `latest` the newest release. `--latest-npm` then runs `nvm_install_latest_npm`, which for a
 *   Node 16 or later runs `npm install -g npm` (the newest npm those engines accept, since npm
 *   10.8.2). The first Node nvm installs becomes its `default` alias (`nvm alias default <v>` sets
 *   it), and sourcing `nvm.sh` runs `nvm_auto use`: a shell whose Node is not nvm's switches to
 *   that default. Nothing of it reaches the next step's shell, which does not source `nvm.sh`
 *   unless told to (GitHub runs `bash --noprofile --norc`; a login shell, `bash -l`, reads the
 *   profile, where nvm's installer puts the lines that source it).
 * - fnm: `eval "$(fnm env)"` puts a per-shell link to the `default` alias first on `PATH`;
 *   `fnm use [<v>]` points it at that version (without one: `.node-version`, then `.nvmrc`, in the
 *   working directory only, `--version-file-strategy local`). `fnm install <v>` does not switch the
 *   shell (Schniz/fnm#1369, #1402), except that the first version installed becomes the default the
 *   link follows (Schniz/fnm#304): taken, not certain.
 * - n (tj/n): `n <v>`, `n install <v>` install over the Node in `N_PREFIX` (`/usr/local` by
 *   default), which runs for every later command and step where that prefix comes first on
 *   `PATH`; after `actions/setup-node`, whose directory comes first, it does not (n warns that the
 *   active Node is another). `lts`, `latest`, `current`, `stable`, `auto`, `engine` follow releases or
 *   files; `-d` only downloads.
 * - Volta: `volta install node@<v>` sets the default Node its shims run, `volta pin node@<v>` the
 *   project's (package.json `volta.node`, which wins over the default); both reach every later
 *   command whose `PATH` has Volta's shims first. `node` alone is the latest LTS.
 * - asdf: `asdf install nodejs <v>` installs only; `asdf global|local nodejs <v>` (0.15 and older),
 *   `asdf set [-u|-p] nodejs <v>` (0.16 on) write `.tool-versions`, `asdf shell nodejs <v>` sets
 *   `ASDF_NODEJS_VERSION` for this shell: the Node the shims run where they come first on `PATH`.
 * - nodenv: `nodenv global|local|shell <v>`, like asdf's (`NODENV_VERSION`, `.node-version`).
 * - mise: `mise use [-g] node@<v>` writes the configuration that mise's shims and `mise activate`
 *   read; `mise exec|x node@<v> -- <command>` runs the command with that Node first on `PATH`
 *   (the runner in ./publish-tools.ts, `COMMAND_RUNNERS` `mise-exec`); `--dry-run` changes nothing.
 * - npmci (gitzone's CI tool, the `hosttoday/ht-docker-node:npmci` images; its source,
 *   `manager.nodejs/index.ts` `install`, and `mod_node/index.ts` before it): `npmci node install <v>`
 *   runs `nvm install <v> && nvm alias default <v>` (when nvm is there; otherwise it keeps the
 *   image's Node) and then, since 3.x, `npm install -g npm`. npmci's later commands (`npmci npm
 *   publish`) run in a shell that loads nvm, so its default. `stable`, `lts` and `legacy` are not
 *   nvm's words but a fixed major of each npmci release (stable/lts/legacy: `stable`/6/6 in 2017,
 *   10/8/9 in 2018, 12/10/8 in 3.1.66 of 2019, 18/16/14 later): which one depends on the npmci the
 *   image holds, which the files do not say.
 */

export type NodeManagerName = 'nvm' | 'fnm' | 'n' | 'volta' | 'asdf' | 'nodenv' | 'mise' | 'npmci';

/**
 * What a command changes, for which later commands (none: only the command it runs, `mise exec`):
 * - `shell`: this shell's `PATH` (the later commands of the same script, nothing after it);
 * - `default`: the default Node a shell that loads the manager switches to (`nvm.sh` sourced,
 *   `eval "$(fnm env)"`, a login shell's profile): later steps too, when they load it;
 * - `shims`: the Node the manager's shims run, in this step and later ones, where the shims come
 *   first on `PATH` and no project file pins another;
 * - `prefix`: the Node installed in a prefix that may or may not come first on `PATH` (n).
 */
export type SwitchReach = 'shell' | 'default' | 'shims' | 'prefix';

export interface NodeManagerCommand {
  manager: NodeManagerName;
  bin: string;
  /** The words after the bin (`['install']`); empty for `n <version>`. */
  sub: readonly string[];
  /**
   * Where the version is written: the first operand (`operand`); an operand `<tool>@<v>` whose tool
   * is one of `at` (`volta install node@24`); or the operand after a tool name of `after`
   * (`asdf global nodejs 24`). A command whose operands name no such tool changes no Node.
   */
  version: 'operand' | { at: readonly string[] } | { after: readonly string[] };
  /** First operands that are other commands of the bin, not versions (`n ls`, `n rm`): no Node change. Only with `sub: []`. */
  otherCommands?: readonly string[];
  /** Options that take the next word as their value. */
  valueFlags: readonly string[];
  /** Options with which the command changes no Node (`n -d`: download only; `mise use --dry-run`). */
  noChangeFlags?: readonly string[];
  /** Options that ask for a release line that moves (`--lts`, `--latest`): the version is not pinned. `--lts=<codename>` is read as `lts/<codename>`. */
  floatingFlags?: readonly string[];
  /** Versions as written that follow releases or files rather than name one (`node`, `lts/*`, `latest`, `system`). */
  floatingVersions?: readonly string[];
  /** Without a version: the files it reads the version from, in order, in the directory it runs in (`upward`: and each one above). Absent: it names no Node without one. */
  versionFiles?: { names: readonly string[]; upward: boolean };
  /** Options that install another npm with the Node (nvm's `--latest-npm`): `npm install -g npm` right after the switch. */
  npmFlags?: readonly string[];
  /** The command always runs `npm install -g npm` after the switch (npmci), as an `npmFlags` option does. */
  upgradesNpm?: true;
  /** Versions that are the tool's own names for a major that depends on its release (npmci's `stable`, `lts`, `legacy`), and why they cannot be read: "before it …". */
  releaseAliases?: { names: readonly string[]; why: string };
  /** How far the change reaches. */
  reach: readonly SwitchReach[];
  /** The command switches this shell's Node for certain; otherwise only where the shims or the prefix come first on `PATH`, or on a first install: taken, and a finding on it is a warning at most. */
  certain: boolean;
}

/** The words of release lines that move: a Node named by one is not a version tp-doctor can pin. */
const FLOATING = ['node', 'stable', 'latest', 'current', 'lts', 'lts/*', 'lts/latest', 'lts-latest', 'iojs', 'system', 'default', 'newest'];

const NVM_FILES = { names: ['.nvmrc'], upward: true };
const FNM_FILES = { names: ['.node-version', '.nvmrc'], upward: false };
const FNM_FLAGS = ['--log-level', '--arch', '--version-file-strategy', '--fnm-dir', '--node-dist-mirror', '--shell'];
const N_COMMANDS = ['rm', '-', 'ls', 'list', 'ls-remote', 'lsr', 'run', 'use', 'as', 'exec', 'which', 'bin', 'prune', 'uninstall', 'doctor', 'download', 'help', '--help', '-h', '-V', '--version'];
const MISE_USE_FLAGS = ['-e', '--env', '-p', '--path', '-j', '--jobs', '--remove', '-C', '--cd', '-E', '--log-level'];
const NODE_TOOLS = ['node', 'nodejs', 'core:node'];

export const NODE_MANAGER_COMMANDS: readonly NodeManagerCommand[] = [
  { manager: 'nvm', bin: 'nvm', sub: ['install'], version: 'operand', valueFlags: [], floatingFlags: ['--lts'], floatingVersions: FLOATING, versionFiles: NVM_FILES, npmFlags: ['--latest-npm'], reach: ['shell', 'default'], certain: true },
  { manager: 'nvm', bin: 'nvm', sub: ['use'], version: 'operand', valueFlags: [], floatingFlags: ['--lts'], floatingVersions: FLOATING, versionFiles: NVM_FILES, reach: ['shell'], certain: true },
  { manager: 'nvm', bin: 'nvm', sub: ['alias', 'default'], version: 'operand', valueFlags: [], floatingVersions: FLOATING, reach: ['default'], certain: false },
  { manager: 'fnm', bin: 'fnm', sub: ['use'], version: 'operand', valueFlags: FNM_FLAGS, floatingVersions: FLOATING, versionFiles: FNM_FILES, reach: ['shell'], certain: true },
  { manager: 'fnm', bin: 'fnm', sub: ['install'], version: 'operand', valueFlags: FNM_FLAGS, floatingFlags: ['--lts', '--latest'], floatingVersions: FLOATING, versionFiles: FNM_FILES, reach: ['shell', 'default'], certain: false },
  { manager: 'fnm', bin: 'fnm', sub: ['i'], version: 'operand', valueFlags: FNM_FLAGS, floatingFlags: ['--lts', '--latest'], floatingVersions: FLOATING, versionFiles: FNM_FILES, reach: ['shell', 'default'], certain: false },
  { manager: 'fnm', bin: 'fnm', sub: ['default'], version: 'operand', valueFlags: FNM_FLAGS, floatingVersions: FLOATING, reach: ['default'], certain: false },
  { manager: 'n', bin: 'n', sub: ['install'], version: 'operand', valueFlags: ['-a', '--arch'], noChangeFlags: ['-d', '--download'], floatingVersions: [...FLOATING, 'auto', 'engine'], reach: ['prefix'], certain: false },
  { manager: 'n', bin: 'n', sub: ['i'], version: 'operand', valueFlags: ['-a', '--arch'], noChangeFlags: ['-d', '--download'], floatingVersions: [...FLOATING, 'auto', 'engine'], reach: ['prefix'], certain: false },
  { manager: 'n', bin: 'n', sub: [], version: 'operand', otherCommands: N_COMMANDS, valueFlags: ['-a', '--arch'], noChangeFlags: ['-d', '--download'], floatingVersions: [...FLOATING, 'auto', 'engine'], reach: ['prefix'], certain: false },
  { manager: 'volta', bin: 'volta', sub: ['install'], version: { at: ['node'] }, valueFlags: [], floatingVersions: FLOATING, reach: ['shims'], certain: false },
  { manager: 'volta', bin: 'volta', sub: ['pin'], version: { at: ['node'] }, valueFlags: [], floatingVersions: FLOATING, reach: ['shims'], certain: false },
  ...['global', 'local', 'set'].map((sub): NodeManagerCommand => ({ manager: 'asdf', bin: 'asdf', sub: [sub], version: { after: ['nodejs', 'node'] }, valueFlags: [], floatingVersions: FLOATING, reach: ['shims'], certain: false })),
  { manager: 'asdf', bin: 'asdf', sub: ['shell'], version: { after: ['nodejs', 'node'] }, valueFlags: [], floatingVersions: FLOATING, reach: ['shell'], certain: false },
  ...['global', 'local'].map((sub): NodeManagerCommand => ({ manager: 'nodenv', bin: 'nodenv', sub: [sub], version: 'operand', valueFlags: [], floatingVersions: FLOATING, reach: ['shims'], certain: false })),
  { manager: 'nodenv', bin: 'nodenv', sub: ['shell'], version: 'operand', valueFlags: [], floatingVersions: FLOATING, reach: ['shell'], certain: false },
  ...['use', 'u'].map((sub): NodeManagerCommand => ({ manager: 'mise', bin: 'mise', sub: [sub], version: { at: NODE_TOOLS }, valueFlags: MISE_USE_FLAGS, noChangeFlags: ['-n', '--dry-run'], floatingVersions: FLOATING, reach: ['shims'], certain: false })),
  {
    manager: 'npmci', bin: 'npmci', sub: ['node', 'install'], version: 'operand', valueFlags: [], floatingVersions: FLOATING, upgradesNpm: true, reach: ['shell', 'default'], certain: false,
    releaseAliases: { names: ['stable', 'lts', 'legacy'], why: "installs the Node major the image's npmci release gives that name (fixed per release: `stable` was Node 10, 12, then 18), and the files do not say which release that is" },
  },
  // `mise exec node@24 -- <command>`: that command only (`reach` empty), read where a publish runs under it.
  ...['exec', 'x'].map((sub): NodeManagerCommand => ({ manager: 'mise', bin: 'mise', sub: [sub], version: { at: NODE_TOOLS }, valueFlags: MISE_USE_FLAGS, floatingVersions: FLOATING, reach: [], certain: true })),
];

/**
 * What loads a manager into a shell, which then switches to the manager's default Node (`reach:
 * default`): sourcing a file whose path ends so (`source ~/.nvm/nvm.sh`), `eval` of a command
 * (`eval "$(fnm env)"`), or sourcing a shell profile, which the managers' installers extend.
 */
export const MANAGER_LOADS: readonly { manager: NodeManagerName | 'profile'; sourced?: RegExp; evals?: RegExp }[] = [
  { manager: 'nvm', sourced: /(?:^|\/)nvm\.sh$/ },
  { manager: 'fnm', evals: /\bfnm\s+env\b/ },
  { manager: 'mise', evals: /\bmise\s+activate\b/ },
  { manager: 'profile', sourced: /(?:^|\/)\.(?:bashrc|bash_profile|profile|zshrc)$|^\/etc\/profile$/ },
];

/**
 * A directory that holds a Node, written to `$GITHUB_PATH`, `$BASH_ENV` or a `PATH` value: its
 * text names Node or a manager (`/opt/node24/bin`, `$NVM_BIN`, `$HOME/.volta/bin`,
 * `$(dirname "$(which node)")`, `$(npm prefix -g)/bin`). `node_modules` does not match (an npm
 * installed into a prefix, src/model/github/path-npm.ts).
 */
export const NODE_DIRECTORY = /\b(?:node(?:js)?\d*|nvm|NVM_BIN|NVM_DIR|volta|VOLTA_HOME|asdf|mise|rtx|fnm|nodenv|N_PREFIX|npm\s+(?:prefix|bin))\b/i;

/** Variables that choose the Node a manager's shims run, for the later steps they are written for. */
export const NODE_VERSION_VARIABLES: readonly string[] = ['ASDF_NODEJS_VERSION', 'NODENV_VERSION', 'MISE_NODE_VERSION', 'RTX_NODE_VERSION'];

/**
 * pnpm's own Node installs, read as the Node of the later steps of the job like setup-node's
 * `node-version` (src/model/npm/pnpm-env-use.ts, src/model/github/pnpm-env-use.ts), not as a
 * manager switch of one shell: `pnpm env use --global <version>` (pnpm 7 to 10, pnpm.io/cli/env)
 * installs that Node with its npm and links `node`, `npm` and `npx` into PNPM_HOME, which
 * `pnpm/action-setup` puts first on `PATH` for the later steps; `pnpm runtime set node <version> -g`
 * (pnpm 11, what `pnpm/setup` runs) does the same. Without `--global`/`-g` `pnpm env use` fails and
 * changes nothing. Versions: a version or range (`22`, `22.14.0`), `lts`, `latest`, an LTS codename
 * (`jod`), `rc`, `nightly`, `rc/<major>`; read like setup-node's (an LTS codename or `lts` through
 * `pnpmNodeSpec`).
 */
export const PNPM_NODE_INSTALLS: readonly { sub: readonly string[]; globalFlags: readonly string[] }[] = [
  { sub: ['env', 'use'], globalFlags: ['--global', '-g'] },
  { sub: ['runtime', 'set', 'node'], globalFlags: ['--global', '-g'] },
];
