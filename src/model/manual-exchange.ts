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

/** A line that writes a token into the npm configuration or the variable npm reads it from. */
const TOKEN_WRITE = /_authToken|NODE_AUTH_TOKEN/;

/**
 * Where the first line of `text` that names the endpoint, not a `#` comment, starts and ends;
 * undefined for none. A comment or an `echo` of the URL alone is not an exchange:
 * `callsExchangeEndpoint` also asks for a token write after it.
 */
function mention(text: string): { start: number; end: number } | undefined {
  if (!text.includes('oidc/token/exchange')) return undefined;
  let at = 0;
  for (const line of text.split('\n')) {
    const next = at + line.length + 1;
    if (!line.trimStart().startsWith('#') && EXCHANGE_ENDPOINT.test(line)) return { start: at, end: next - 1 };
    at = next;
  }
  return undefined;
}

/**
 * True when the texts (in order) call the registry's token-exchange endpoint and then write a token
 * into the npm configuration (an `_authToken` line, `NODE_AUTH_TOKEN`): the exchange by hand.
 */
export function callsExchangeEndpoint(texts: readonly string[]): boolean {
  const text = texts.join('\n');
  const found = mention(text);
  return found !== undefined && TOKEN_WRITE.test(text.slice(found.end));
}

/**
 * True when the token write at `offset` of `text` writes what the exchange returned: the endpoint
 * is named before it, and a `$VAR` value is assigned between the two (`NPM_TOKEN=$(… | jq -r
 * .token)`); a `$NPM_TOKEN` from the CI settings, written after a failed exchange, is not.
 */
export function exchangedBefore(text: string, offset: number, value?: string): boolean {
  const found = firstMention(text);
  if (found === undefined || found.start > offset) return false;
  const name = /^["']?\$\{?([A-Za-z_]\w*)\}?["']?$/.exec(value?.trim() ?? '')?.[1];
  return name === undefined || new RegExp(`(?:^|[\\s;&|(])${name}=`).test(text.slice(found.start, offset));
}

/** The first line naming the endpoint in `text` (`mention`), for the last text asked: a script of many writes is searched once. */
let lastText: string | undefined;
let lastFound: { start: number; end: number } | undefined;

function firstMention(text: string): { start: number; end: number } | undefined {
  if (text !== lastText) {
    lastText = text;
    lastFound = mention(text);
  }
  return lastFound;
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
