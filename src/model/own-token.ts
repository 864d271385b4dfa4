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
import { writtenUses } from './github/composite-action.js';
import type { TextBefore } from './npm/tool-versions.js';
import type { GithubSite } from './publish.js';

/**
 * An `_authToken=` (or `_auth=`) line with a value, as a command writes it into an `.npmrc`. Not
 * `npmrcAuthLines` (./npm/tokens.ts): it needs a literal host, and zx's host is an expression.
 */
const AUTH_TOKEN_WRITE = /:_auth(?:Token)?\s*=\s*["']?[^\s"']/;

/** True when the publish gets a token of the job's own (see the file comment). */
export function passesOwnToken(site: GithubSite, before: readonly TextBefore[]): boolean {
  const step = site.step;
  if ([step.env, step.job.env, step.job.workflow.env].some((list) => list.some((e) => isTokenName(e.name, { anyRegistry: true }) && e.value !== undefined && e.value.trim() !== ''))) return true;
  return before.some((b) => AUTH_TOKEN_WRITE.test(b.text)) || unreadCredential(site) !== undefined;
}

/**
 * Where a GitHub publish gets an npm credential tp-doctor cannot read, in words; undefined when
 * nothing says so. npm reads its user configuration from the file the publish's `userConfig`
 * names (./github/user-config.ts: `--userconfig`, else `NPM_CONFIG_USERCONFIG` as the step sees it,
 * the job's and workflow's `env:` before setup-node's export): when that file is
 * neither committed nor written by a command of the job before the publish (those writes are
 * read), it is made by something tp-doctor does not read, usually to hold a registry credential
 * (atlassian-labs/compiled: `NPM_CONFIG_USERCONFIG: ${{ github.workspace }}/.npmrc-public`).
 * Also a step before the publish that writes a registry credential for npm
 * (`OIDC_CONSUMER_ACTIONS` rows with `npmCredential`). `/dev/null` and `~/.npmrc` are no such file.
 */
export function unreadCredential(site: GithubSite): string | undefined {
  const config = site.userConfig;
  if (config?.kind === 'file' && !config.readable) return config.source;
  const step = site.step.job.steps.slice(0, site.step.index).find((s) => {
    const row = s.uses ? OIDC_CONSUMER_ACTIONS.get(s.uses.name.toLowerCase())?.npmCredential : undefined;
    return row !== undefined && (s.with.get(row.input)?.text ?? '').split(',').some((v) => v.trim() === row.value);
  });
  return step ? `\`${writtenUses(step.uses!)}\` in \`jobs.${step.job.id}.steps[${step.index}]\`` : undefined;
}
