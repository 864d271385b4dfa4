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
import type { Job } from './github/types.js';
import type { CircleJob } from './circleci/types.js';
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
  const first = firstMention(text);
  return first >= 0 && first < offset && callsExchangeEndpoint([text.slice(0, offset)]);
}

/** Where `text` first mentions the endpoint (-1: nowhere), for the last text asked: a script of many writes is searched once. */
let lastText: string | undefined;
let lastIndex = -1;

function firstMention(text: string): number {
  if (text !== lastText) {
    lastText = text;
    lastIndex = text.indexOf('oidc/token/exchange');
  }
  return lastIndex;
}

/** What the checks need of the project's facts (`ProjectFacts`). */
export interface ExchangeFacts {
  textsBefore(site: PublishSite): TextBefore[];
  trustedSites(job: GitlabJob): readonly PublishSite[];
  jobSites(job: Job): readonly PublishSite[];
  jobSites(job: GitlabJob): readonly PublishSite[];
  jobSites(job: CircleJob): readonly PublishSite[];
}

/**
 * Per job: whether the commands before its last publish call the exchange endpoint at all. Asked
 * first, so that a job of thousands of publishes (a hostile input) builds one list of the texts
 * before a publish, not one per publish; the texts before an earlier publish are among those.
 */
const jobMentions = new WeakMap<object, boolean>();

function mentionsExchange(facts: ExchangeFacts, site: PublishSite): boolean {
  let found = jobMentions.get(site.job);
  if (found === undefined) {
    const sites = site.provider === 'github' ? facts.jobSites(site.job) : site.provider === 'gitlab' ? facts.jobSites(site.job) : facts.jobSites(site.job);
    const last = sites.at(-1) ?? site;
    found = callsExchangeEndpoint(facts.textsBefore(last).map((t) => t.text)) || (last !== site && callsExchangeEndpoint(facts.textsBefore(site).map((t) => t.text)));
    jobMentions.set(site.job, found);
  }
  return found;
}

/** True when a command before the publish, in its job, exchanges the ID token by hand. */
export function exchangesByHand(facts: ExchangeFacts, site: PublishSite): boolean {
  return mentionsExchange(facts, site) && callsExchangeEndpoint(facts.textsBefore(site).map((t) => t.text));
}

/** True when the job publishes and every one of its trusted-publish sites exchanges the ID token by hand. */
export function jobExchangesByHand(facts: ExchangeFacts, job: GitlabJob): boolean {
  const sites = facts.trustedSites(job);
  return sites.length > 0 && sites.every((site) => exchangesByHand(facts, site));
}
