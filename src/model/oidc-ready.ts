/**
 * What keeps a GitHub publish from publishing with trusted publishing as its workflow is written,
 * in words (empty: nothing tp-doctor sees): the job gets no `id-token: write`, it hands npm a
 * long-lived token of its own (`passesOwnToken`, ./own-token.ts: a token variable in `env:`, an
 * `_authToken` line written before it, a credential tp-doctor cannot read), or an npm CLI publish
 * runs an npm older than the first with trusted publishing on every Node the job can have. `init`
 * weighs it when two workflows publish the same package (Shopify/ucp-cli: a token-authenticated
 * bootstrap workflow beside the OIDC release workflow): it declares one publisher per package, and
 * the one meant for it is the one that can use it.
 */
import { semver } from './core/semver.js';
import { NPM_FIRST_OIDC } from './data/node-releases.js';
import { npmAtPublish } from './github/npm-upgrades.js';
import { bundledText } from './npm/node-version.js';
import { passesOwnToken } from './own-token.js';
import type { Project } from './project.js';
import type { GithubSite } from './publish.js';

export function oidcBlockers(project: Project, site: GithubSite): string[] {
  const out: string[] = [];
  if (site.job.idToken.access !== 'write') out.push('its job has no `id-token: write`');
  if (passesOwnToken(site, project.facts.textsBefore(site))) out.push('it is handed a long-lived npm token');
  const match = site.publish.match;
  if (match.tool === 'npm' && match.confidence === 'certain') {
    const ats = npmAtPublish(project, site.job, site.step, site.publish);
    const npms = ats.flatMap((a) => (a.npm === undefined ? [] : [a.npm]));
    if (npms.length > 0 && npms.length === ats.length && npms.every((n) => semver.lt(n.max, NPM_FIRST_OIDC))) {
      out.push(`it runs npm ${bundledText(npms[0]!)}, older than ${NPM_FIRST_OIDC}`);
    }
  }
  return out;
}
