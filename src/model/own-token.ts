/**
 * Whether a GitHub publish is handed an npm token of the job's own, so that without a declared
 * trusted publisher it is not taken for one meant to use trusted publishing (`trustedPublish` in
 * `facts.ts`): a non-empty token variable in the step's, job's or workflow's `env:`, a command
 * before the publish that writes an `_authToken` line (google/zx writes
 * `//${{ env.GOOGLE_NPM_REGISTRY }}/:_authToken=$GOOGLE_NPM_TOKEN` into `.npmrc` for its publishing
 * proxy: a publish to that registry with that token, not a failed trusted publish), or a credential
 * tp-doctor cannot read (`unreadCredential`).
 */
import { OIDC_CONSUMER_ACTIONS } from './data/oidc-consumers.js';
import { isTokenName } from './npm/tokens.js';
import type { TextBefore } from './npm/tool-versions.js';
import { scriptIndex } from './npm/script-index.js';
import { writeTargets } from './npm/write-targets.js';
import { envFor, stepDirectory } from './github/steps.js';
import type { GithubSite } from './publish.js';

/**
 * An `_authToken=` (or `_auth=`) line with a value, as a command writes it into an `.npmrc`. Not
 * `npmrcAuthLines` (./npm/tokens.ts): it needs a literal host, and zx's host is an expression.
 */
const AUTH_TOKEN_WRITE = /:_auth(?:Token)?\s*=\s*["']?[^\s"']/;

/** True when the publish gets a token of the job's own (see the file comment). */
export function passesOwnToken(site: GithubSite, before: readonly TextBefore[], exists: (file: string) => boolean): boolean {
  const step = site.step;
  if ([step.env, step.job.env, step.job.workflow.env].some((list) => list.some((e) => isTokenName(e.name, { anyRegistry: true }) && e.value !== undefined && e.value.trim() !== ''))) return true;
  return before.some((b) => AUTH_TOKEN_WRITE.test(b.text)) || unreadCredential(site, before, exists) !== undefined;
}

/** `--userconfig <file>` / `--userconfig=<file>` on a command. */
const USERCONFIG_FLAG = /(?:^|\s)--userconfig(?:=|\s+)("[^"]*"|'[^']*'|[^\s;&|]+)/;

/** The user configuration npm reads anyway: `~/.npmrc`. */
const HOME_NPMRC = /^(?:~|\$\{?HOME\}?|\$\{\{\s*env\.HOME\s*\}\})\/\.npmrc$/;

/** The workspace prefix of a path (`${{ github.workspace }}/`, `$GITHUB_WORKSPACE/`, `./`). */
const WORKSPACE_PREFIX = /^(?:\$\{\{\s*github\.workspace\s*\}\}\/|\$\{?GITHUB_WORKSPACE\}?\/|\.\/)+/;

/**
 * Where a GitHub publish gets an npm credential tp-doctor cannot read, in words; undefined when
 * nothing says so. npm reads its user configuration from the file `NPM_CONFIG_USERCONFIG` (any
 * case, from the step's, job's or workflow's `env:`) or `--userconfig` names instead of `~/.npmrc`
 * (npm config precedence: command line, environment, project `.npmrc`, user, global): when that
 * file is neither committed nor written by a command of the job before the publish (those writes
 * are read), it is made by something tp-doctor does not read, usually to hold a registry
 * credential (atlassian-labs/compiled: `NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public`).
 * Also a step before the publish that writes a registry credential for npm
 * (`OIDC_CONSUMER_ACTIONS` rows with `npmCredential`). `/dev/null` and `~/.npmrc` are no such file.
 */
export function unreadCredential(site: GithubSite, before: readonly TextBefore[], exists: (file: string) => boolean): string | undefined {
  const flag = USERCONFIG_FLAG.exec(site.publish.match.text)?.[1];
  const env = envFor(site.step, 'npm_config_userconfig');
  const file = flag !== undefined ? unquote(flag) : env?.value?.trim();
  if (file !== undefined && file !== '' && !readableUserConfig(file, site, before, exists)) {
    return flag !== undefined ? `\`--userconfig ${file}\`` : `\`${env!.name}: ${file}\` in the ${env!.level} \`env\``;
  }
  const step = site.step.job.steps.slice(0, site.step.index).find((s) => {
    const row = s.uses ? OIDC_CONSUMER_ACTIONS.get(s.uses.name.toLowerCase())?.npmCredential : undefined;
    return row !== undefined && (s.with.get(row.input)?.text ?? '').split(',').some((v) => v.trim() === row.value);
  });
  return step ? `\`${step.uses!.name}\` in \`jobs.${step.job.id}.steps[${step.index}]\`` : undefined;
}

/** `$NPM_CONFIG_USERCONFIG` or `${NPM_CONFIG_USERCONFIG}` as a written file (any case). */
const USERCONFIG_VARIABLE = /^\$\{?npm_config_userconfig\}?$/i;

function unquote(text: string): string {
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}

/**
 * True when tp-doctor knows what the user configuration file holds: nothing (`/dev/null`), the
 * usual `~/.npmrc`, a committed file, or one a command of the job writes before the publish.
 */
function readableUserConfig(file: string, site: GithubSite, before: readonly TextBefore[], exists: (file: string) => boolean): boolean {
  if (file === '/dev/null' || HOME_NPMRC.test(file)) return true;
  const name = (file.split('/').pop() ?? file).toLowerCase();
  // The files the commands before the publish write (./npm/write-targets.ts, the one reader of
  // redirections and `tee`): the file itself, or `$NPM_CONFIG_USERCONFIG`.
  const writes = (b: TextBefore): boolean => {
    const { commands } = scriptIndex(b.text);
    return commands.some((_, i) => writeTargets(commands, i, b.text).some((w) => USERCONFIG_VARIABLE.test(w.value) || w.value.toLowerCase().endsWith(name)));
  };
  if (before.some(writes)) return true;
  const relative = file.replace(WORKSPACE_PREFIX, '');
  if (relative.includes('$') || relative.startsWith('/') || relative.startsWith('~')) return false;
  const dir = file.startsWith('$') ? '' : (stepDirectory(site.step) ?? '');
  return exists(dir === '' ? relative : `${dir}/${relative}`);
}

