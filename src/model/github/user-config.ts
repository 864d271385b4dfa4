/**
 * Which user configuration file npm reads at a GitHub publish (docs/domain.md §1.4). npm reads its
 * user configuration from the file `--userconfig` names on the command line, else the one
 * `NPM_CONFIG_USERCONFIG` (any case) names in its environment, else `~/.npmrc` (@npmcli/config: the
 * command line beats the environment). actions/setup-node with `registry-url` writes
 * `$RUNNER_TEMP/.npmrc` and exports `NPM_CONFIG_USERCONFIG` naming it (`src/authutil.ts`
 * `configAuthentication`), through the `$GITHUB_ENV` file, which the runner writes over the job's
 * environment, where the workflow's and the job's `env:` already are (actions/runner: `JobExtension`
 * evaluates them into `Global.EnvironmentVariables` when the job starts, `FileCommandManager`
 * `SetEnvironmentVariable` writes `$GITHUB_ENV` lines into the same table); `StepsRunner` builds a
 * step's environment from that table and puts the step's own `env:` over it. (A 2026-12-05 mend
 * had the order the other way round, on a "Stomps over with outside step env" comment that is in
 * no current runner source; reverted 2026-12-06.) So the file a publish reads is, first match wins:
 *
 * 1. `--userconfig <file>` on the publish command;
 * 2. `NPM_CONFIG_USERCONFIG=<file>` before the command (also after `env`), or set earlier in the
 *    same `run:` block (`export`, an assignment, `unset`);
 * 3. the publishing step's own `env:`;
 * 4. the later of setup-node with `registry-url` and an `NPM_CONFIG_USERCONFIG=<file>` line an
 *    earlier step writes to `$GITHUB_ENV`;
 * 5. the job's, then the workflow's `env:`;
 * 6. `~/.npmrc`.
 *
 * npm skips a variable whose value is empty: `~/.npmrc` then. When the file is not setup-node's,
 * the `.npmrc` setup-node wrote is not read: neither its registry nor its token counts.
 */
import { commandUserConfig, namedUserConfig as named, scriptUserConfig, type UserConfig } from '../npm/user-config.js';
import { writesUserConfig } from '../npm/named-user-file.js';
import type { PublishCommand } from '../npm/publish-site.js';
import { githubEnvWrites } from './env-file.js';
import { stepDirectory } from './steps.js';
import type { StepView } from './step-views.js';
import type { EnvEntry, GithubSite, Step } from './types.js';

export type { UserConfig } from '../npm/user-config.js';

const NAME = 'npm_config_userconfig';

/** The workspace prefix of a path (`${{ github.workspace }}/`, `$GITHUB_WORKSPACE/`, `./`). */
const WORKSPACE_PREFIX = /^(?:\$\{\{\s*github\.workspace\s*\}\}\/|\$\{?GITHUB_WORKSPACE\}?\/|\.\/)+/;

function isSetupNodeWithRegistry(view: StepView): boolean {
  return view.uses?.toLowerCase() === 'actions/setup-node' && (view.input('registry-url')?.text ?? '').trim() !== '';
}

function fromEntry(entry: EnvEntry): UserConfig {
  return named(entry.value ?? '', `\`${entry.name}: ${entry.value ?? ''}\` in the ${entry.level} \`env\``);
}

/**
 * The user configuration a GitHub publish reads (see the file comment), and for a file whether it
 * is readable. `views`: the steps before it (./step-views.ts); `own`: its own `run:` block and the
 * command's offset in it; `exists`: whether a repository path is committed.
 */
export function userConfigAt(step: Step, publish: PublishCommand, views: readonly StepView[], own: { text: string; offset: number } | undefined, exists: (file: string) => boolean): UserConfig {
  const config = namedAt(step, publish, views, own);
  if (config.kind !== 'file') return config;
  const scripts = [...views.flatMap((v) => (v.run ? [{ text: v.run.text }] : [])), ...(own && own.offset > 0 ? [{ text: own.text, end: own.offset }] : [])];
  return { ...config, readable: readableUserConfig(config.file, step, scripts, exists) };
}

/** The user configuration file a publish reads, readability not yet known (../npm/user-config.ts `commandUserConfig`, then the step's environment). */
function namedAt(step: Step, publish: PublishCommand, views: readonly StepView[], own: { text: string; offset: number } | undefined): UserConfig {
  // `"release": "NPM_CONFIG_USERCONFIG=<file> npm publish"`: the script's, inside the CI command's.
  return scriptUserConfig(publish.match.scriptEnv) ?? commandUserConfig(publish.match.text, own, () => environmentAt(step, views));
}

/** The user configuration the step's environment names (layers 3 to 6 of the file comment). */
function environmentAt(step: Step, views: readonly StepView[]): UserConfig {
  const own = step.env.find((e) => e.name.toLowerCase() === NAME);
  if (own) return fromEntry(own);
  let latest: UserConfig | undefined;
  for (const view of views) {
    if (isSetupNodeWithRegistry(view)) latest = { kind: 'setup-node', path: view.path };
    for (const w of view.run ? githubEnvWrites(view.run.text) : []) {
      if (w.name.toLowerCase() === NAME) latest = named(w.value, `\`${w.name}=${w.value}\` written to \`$GITHUB_ENV\` in \`${view.path}\``);
    }
  }
  if (latest) return latest;
  const outer = [step.job.env, step.job.workflow.env].map((list) => list.find((e) => e.name.toLowerCase() === NAME)).find((e) => e !== undefined);
  return outer ? fromEntry(outer) : { kind: 'home' };
}

/**
 * The repository path of a user configuration file a step names, when it can be committed: a path
 * relative to the step's directory, or to the workspace (`${{ github.workspace }}/.npmrc-ci`);
 * undefined for an absolute path, one in the home directory, and one with a variable in it.
 */
export function committedPath(file: string, step: Step): string | undefined {
  const relative = file.replace(WORKSPACE_PREFIX, '');
  if (relative.includes('$') || relative.startsWith('/') || relative.startsWith('~')) return undefined;
  const dir = file.startsWith('$') ? '' : (stepDirectory(step) ?? '');
  return dir === '' ? relative : `${dir}/${relative}`;
}

/**
 * True when tp-doctor knows what a user configuration file holds: nothing (`/dev/null`), a
 * committed file (`exists`, by repository path), or one a command of the job writes before the
 * publish (`scripts`: the `run:` texts before it, each read up to `end` when given;
 * ../npm/write-targets.ts, the one reader of redirections and `tee`, names the file itself or
 * `$NPM_CONFIG_USERCONFIG`).
 */
export function readableUserConfig(file: string, step: Step, scripts: readonly { text: string; end?: number }[], exists: (file: string) => boolean): boolean {
  if (file === '/dev/null' || writesUserConfig(file, scripts)) return true;
  const path = committedPath(file, step);
  return path !== undefined && exists(path);
}

/**
 * True when npm reads the `.npmrc` setup-node's `registry-url` wrote at a GitHub publish (its
 * registry lines and its `_authToken=${NODE_AUTH_TOKEN}`): no other user configuration replaces it
 * there (`GithubSite.userConfig`).
 */
export function readsSetupNodeNpmrc(site: GithubSite): boolean {
  return site.userConfig === undefined || site.userConfig.kind === 'setup-node';
}
