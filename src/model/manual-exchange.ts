/**
 * A job that trades its ID token for a publish token by hand (DOMAIN §1.5): a script before the
 * publish posts the platform's ID token to the registry's exchange endpoint itself (`curl -X POST
 * "$REGISTRY/-/npm/v1/oidc/token/exchange/package/$NAME" -H "Authorization: Bearer $OIDC"`) and
 * writes the short-lived token it gets into the npm configuration (owlstronaut's CircleCI test
 * repository, written before npm 11.11.0 knew CircleCI; diagnostic and Python/JS release scripts).
 *
 * Such a publish is trusted publishing that does not go through npm's own OIDC routine: the npm
 * that runs `npm publish` only sends the token it is given, so its version, `NPM_ID_TOKEN` and the
 * name and audience npm would read do not matter to it. What the platform checks (the ID token
 * permission, the runner, the publisher's workflow and environment) still does.
 */
import type { GitlabJob } from './gitlab/types.js';
import type { TextBefore } from './npm/tool-versions.js';
import type { PublishSite } from './publish.js';

/** The exchange endpoint as a script writes it (the package part follows, often from a variable). */
const EXCHANGE_ENDPOINT = /-\/npm\/v1\/oidc\/token\/exchange\b/;

/** True when one of the texts calls the registry's token-exchange endpoint. */
export function callsExchangeEndpoint(texts: readonly string[]): boolean {
  return texts.some((text) => text.includes('oidc/token/exchange') && EXCHANGE_ENDPOINT.test(text));
}

/**
 * True when `text` calls the exchange endpoint before `offset`: a token written there is most
 * likely the one the exchange returned (`TOKEN=$(curl … exchange …)`, then the `_authToken` line).
 */
export function exchangedBefore(text: string, offset: number): boolean {
  return callsExchangeEndpoint([text.slice(0, offset)]);
}

/** What the checks need of the project's facts (`ProjectFacts`). */
export interface ExchangeFacts {
  textsBefore(site: PublishSite): TextBefore[];
  trustedSites(job: GitlabJob): readonly PublishSite[];
}

/** True when a command before the publish, in its job, exchanges the ID token by hand. */
export function exchangesByHand(facts: Pick<ExchangeFacts, 'textsBefore'>, site: PublishSite): boolean {
  return callsExchangeEndpoint(facts.textsBefore(site).map((t) => t.text));
}

/** True when the job publishes and every one of its trusted-publish sites exchanges the ID token by hand. */
export function jobExchangesByHand(facts: ExchangeFacts, job: GitlabJob): boolean {
  const sites = facts.trustedSites(job);
  return sites.length > 0 && sites.every((site) => exchangesByHand(facts, site));
}
