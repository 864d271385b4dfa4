/**
 * Whether a GitHub publish is handed an npm token of the job's own, so that without a declared
 * trusted publisher it is not taken for one meant to use trusted publishing (`trustedPublish` in
 * `facts.ts`): a non-empty token variable in the step's, job's or workflow's `env:`, or a
 * command before the publish that writes an `_authToken` line (google/zx writes
 * `//${{ env.GOOGLE_NPM_REGISTRY }}/:_authToken=$GOOGLE_NPM_TOKEN` into `.npmrc` for its publishing
 * proxy: a publish to that registry with that token, not a failed trusted publish).
 */
import { isTokenName } from './npm/tokens.js';
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
  return before.some((b) => AUTH_TOKEN_WRITE.test(b.text));
}
