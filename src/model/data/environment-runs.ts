/**
 * Environment managers that run a command in a development environment of the repository's own
 * (a Nix flake or `shell.nix`, `devbox.json`, `.envrc`, a Flox manifest): `nix develop --command
 * bash -c '… npm publish'` (ryanrasti/typegres: E422, package.json had no `repository`). The
 * environment puts its own packages first on `PATH`, so the Node and npm that run the command are
 * the environment's (or the job's when it brings none), which tp-doctor does not read: the npm is
 * unknown (`RunnerHit.runtime`, as under `mise x node@22 --`), while what the command publishes is
 * read as for the plain command.
 *
 * As of: 2026-12-07. Sources: the Nix reference manual (`nix develop`, `nix shell`: `--command` /
 * `-c` takes the command and every word after it; without it an interactive shell starts;
 * `nix-shell`: `--run` and `--command` take a shell command string; `nix develop -i` /
 * `--ignore-env` and `nix shell -i` / `--ignore-environment` clear the entire environment but for
 * the variables `-k` / `--keep` / `--keep-env-var` names, `nix-shell --pure` almost entirely, keeping
 * `HOME`, `USER`, `DISPLAY` and what `--keep NAME` names), Devbox's CLI reference
 * (`devbox run [<script> | <cmd>] [flags]`: a `shell.scripts` entry of devbox.json by that name,
 * else the command; `--` ends devbox's options), direnv(1) (`direnv exec DIR COMMAND [...ARGS]`:
 * loads DIR's `.envrc`, runs the command where it is), Flox's CLI reference (`flox activate [-d
 * dir] [-r env] [-m mode] -- <command> [<args>]`).
 *
 * Not here: `nix run` (it runs an installable's program, not a command of the script), `mise exec`
 * (./publish-tools.ts `mise-exec`, which reads the Node its tools name).
 * Not read: `devbox run` runs from the directory of devbox.json (jetify-com/devbox#2559), and by a
 * script's name it runs that devbox.json script, which tp-doctor does not read (unknown, as any
 * bin it does not know).
 */

/** How an environment manager's words give the command it runs (../npm/environment-runs.ts). */
export interface EnvironmentFlags {
  /** Options after which every word is the command and its arguments (`nix develop --command npm publish`; flox's `--`). */
  readonly restFlags?: readonly string[];
  /** Options whose value is a shell command string (`nix-shell --run 'npm publish'`). */
  readonly stringFlags?: readonly string[];
  /** Options that take two values (`--arg name expr`). */
  readonly pairFlags?: readonly string[];
  /** The first operand after the options (and `positionals`) starts the command (`devbox run npm publish`); `--` ends the options. */
  readonly operand?: true;
  /** Operands before the command (`direnv exec DIR npm publish`). */
  readonly positionals?: number;
  /** Options that clear the environment the command runs in (`nix develop -i`, `nix-shell --pure`). */
  readonly clearFlags?: readonly string[];
  /** Options whose value names a variable kept in a cleared environment (`--keep VAR`); also in `valueFlags`. */
  readonly keepFlags?: readonly string[];
}

export interface EnvironmentRunner {
  readonly id: string;
  readonly bin: string;
  readonly subcommands: readonly (readonly string[])[];
  /** Options that take the next word as their value. */
  readonly valueFlags: readonly string[];
  readonly environment: EnvironmentFlags;
  /** The bin does more (`nix build`, `devbox install`): those uses stay unread, as before. */
  readonly binHasOtherUses: true;
}

/** `nix develop` / `nix shell` options that take one value (nix 2.x manual: common evaluation, flake and develop options). */
const NIX_VALUE_FLAGS = [
  '-f', '--file', '--expr', '-I', '--include', '--inputs-from', '--reference-lock-file', '--output-lock-file', '--update-input',
  '--system', '--store', '--eval-store', '--extra-experimental-features', '--experimental-features', '--log-format', '-j',
  '--max-jobs', '--cores', '--builders', '--substituters', '--extra-substituters', '--phase', '--profile', '-k', '--keep', '--keep-env-var',
  '-u', '--unset-env-var', '--priority', '--out-link', '-o',
];
/** `nix develop` / `nix shell`: `-i` clears the environment but for the variables `-k` keeps (older releases spell them `--ignore-environment`, `--keep`). */
const NIX_CLEAR = { clearFlags: ['-i', '--ignore-env', '--ignore-environment'], keepFlags: ['-k', '--keep', '--keep-env-var'] };
/** `nix develop` / `nix shell` options that take two values. */
const NIX_PAIR_FLAGS = ['--arg', '--argstr', '--override-input', '--option', '--redirect', '-s', '--set-env-var', '--override-flake'];

export const ENVIRONMENT_RUNNERS: readonly EnvironmentRunner[] = [
  { id: 'nix-develop', bin: 'nix', subcommands: [['develop'], ['shell']], valueFlags: NIX_VALUE_FLAGS, environment: { restFlags: ['-c', '--command'], pairFlags: NIX_PAIR_FLAGS, ...NIX_CLEAR }, binHasOtherUses: true },
  {
    id: 'nix-shell',
    bin: 'nix-shell',
    subcommands: [[]],
    valueFlags: ['-I', '-A', '--attr', '--keep', '-E', '--expr', '-j', '--max-jobs', '--cores', '--store'],
    environment: { stringFlags: ['--run', '--command'], pairFlags: ['--arg', '--argstr', '--option'], clearFlags: ['--pure'], keepFlags: ['--keep'] },
    binHasOtherUses: true,
  },
  { id: 'devbox-run', bin: 'devbox', subcommands: [['run']], valueFlags: ['-c', '--config', '-e', '--env', '--env-file', '--environment'], environment: { operand: true }, binHasOtherUses: true },
  { id: 'direnv-exec', bin: 'direnv', subcommands: [['exec']], valueFlags: [], environment: { operand: true, positionals: 1 }, binHasOtherUses: true },
  { id: 'flox-activate', bin: 'flox', subcommands: [['activate']], valueFlags: ['-d', '--dir', '-r', '--reference', '--remote', '-m', '--mode'], environment: { restFlags: ['--'] }, binHasOtherUses: true },
];
