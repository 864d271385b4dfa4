import { defineRule } from '../../src/engine/define-rule.js';
import { circleOidcEnvToken, effectiveNpmIdToken, hasCirclePublisher, onPipelineDefault, readsPipelineDefault } from '../../src/model/circleci/index.js';
import { classifyAudience, NPM_OIDC_AUDIENCE } from '../../src/model/npm/oidc-audience.js';
import { leastCertain } from '../../src/model/publish.js';
import type { CircleciSite } from '../../src/model/circleci/types.js';
import { circleUndecidedBeside } from '../../src/model/undecided-publish.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';

const REJECTED =
  'npm hands the token to the registry, which accepts only the audience `npm:` followed by the registry host name, compared exactly. The exchange fails silently and the publish falls back to ENEEDAUTH (or E404 when an old token is still configured)';
const CLAIMS = `--claims '{"aud":"${NPM_OIDC_AUDIENCE}"}'`;
const FIX = 'Request the token as `circleci run oidc get {claims}`';

export default defineRule({
  id: 'circleci-id-token-audience',
  meta: {
    severity: 'error',
    oidcOnly: true,
    providers: ['circleci'],
    summary: 'The `NPM_ID_TOKEN` of CircleCI publishing steps is requested with the audience `npm:registry.npmjs.org`',
    // The publish fails (availability); a wrong audience exposes nothing. 3.0 like the missing token.
    securitySeverity: 3.0,
    messages: {
      noClaims: {
        text: '`{oidc}` has no `--claims`, so the token\'s audience is the CircleCI organization ID; expected "npm:registry.npmjs.org"',
        why: `Without \`--claims\`, \`circleci run oidc get\` issues a token for CircleCI's default audience, the organization ID. ${REJECTED}`,
        fix: FIX,
      },
      circleToken: {
        text: '`NPM_ID_TOKEN` is set from `${variable}`, CircleCI\'s own ID token, whose audience is the organization ID; expected "npm:registry.npmjs.org"',
        why: `CircleCI gives every job \`$CIRCLE_OIDC_TOKEN\` and \`$CIRCLE_OIDC_TOKEN_V2\` for its default audience, the organization ID. ${REJECTED}`,
        fix: 'Set `NPM_ID_TOKEN` from `circleci run oidc get {claims}` instead of `${variable}`',
      },
      url: {
        text: 'The `NPM_ID_TOKEN` audience "{value}" is a URL; expected "npm:registry.npmjs.org"',
        why: `The audience is not the registry URL. ${REJECTED}`,
        fix: FIX,
      },
      noPrefix: {
        text: 'The `NPM_ID_TOKEN` audience "{value}" lacks the `npm:` prefix; expected "npm:registry.npmjs.org"',
        why: REJECTED,
        fix: FIX,
      },
      wrongCase: {
        text: 'The `NPM_ID_TOKEN` audience "{value}" differs in case from "npm:registry.npmjs.org"',
        why: REJECTED,
        fix: FIX,
      },
      whitespace: {
        text: 'The `NPM_ID_TOKEN` audience "{value}" has blanks in or around it; expected "npm:registry.npmjs.org"',
        why: `The token's \`aud\` claim keeps the blanks as written. ${REJECTED}`,
        fix: FIX,
      },
      trailingSlash: {
        text: 'The `NPM_ID_TOKEN` audience "{value}" ends with a slash; expected "npm:registry.npmjs.org"',
        why: REJECTED,
        fix: FIX,
      },
      otherHost: {
        text: 'The `NPM_ID_TOKEN` audience "{value}" names another host; expected "npm:registry.npmjs.org"',
        why: `Trusted publishing exists only on registry.npmjs.org (registry-is-npmjs checks where the package goes). ${REJECTED}`,
        fix: FIX,
      },
      other: {
        text: 'The `NPM_ID_TOKEN` audience is "{value}"; expected "npm:registry.npmjs.org"',
        why: REJECTED,
        fix: FIX,
      },
      unreadableClaims: {
        text: 'Cannot read the audience of `NPM_ID_TOKEN`: {reason}',
        why: `The registry accepts only the audience "${NPM_OIDC_AUDIENCE}"; claims tp-doctor cannot read as a JSON object with \`aud\` may give the token another audience (or make \`circleci run oidc get\` fail), and the exchange then fails silently (ENEEDAUTH or E404)`,
        fix: 'Write the claims literally as `{claims}`',
        severity: 'warning',
      },
      unresolved: {
        text: 'The `NPM_ID_TOKEN` claims use a shell variable tp-doctor cannot resolve ({claimsText}); the audience must be "npm:registry.npmjs.org"',
        why: 'Variables come from the job, a context or project settings at run time, so the audience cannot be checked statically; any value other than "npm:registry.npmjs.org" makes the token exchange fail silently (ENEEDAUTH or E404)',
        fix: 'Write the claims literally as `{claims}`, or make sure the variable holds exactly that audience',
        severity: 'info',
      },
      unknownValue: {
        text: '`NPM_ID_TOKEN` is set from "{value}", which tp-doctor cannot follow to `circleci run oidc get`',
        why: 'Only a token from `circleci run oidc get` with the audience "npm:registry.npmjs.org" passes the exchange; tp-doctor cannot see where this value comes from, so it cannot check its audience',
        fix: 'Set it directly: `export NPM_ID_TOKEN=$(circleci run oidc get {claims})`',
        severity: 'info',
      },
    },
  },
  hooks: {
    circleciJob(job, config, ctx) {
      if (!hasCirclePublisher(config, ctx.circleciPublishers)) return;
      const sites = ctx.facts.trustedSites(job);
      const rightAudience = new Map<CircleciSite, boolean>();
      const right = (other: CircleciSite): boolean => {
        let known = rightAudience.get(other);
        if (known === undefined) {
          known = effectiveNpmIdToken(ctx.facts.circleci.npmIdTokenSources(job, other.publish))?.oidc.at(-1)?.audiences?.includes(NPM_OIDC_AUDIENCE) === true;
          rightAudience.set(other, known);
        }
        return known;
      };
      for (const site of sites) {
        const effective = effectiveNpmIdToken(ctx.facts.circleci.npmIdTokenSources(job, site.publish));
        // No token, or one from `environment:`: circleci-npm-id-token says so.
        if (!effective?.set) continue;
        const { set } = effective;
        const get = effective.oidc.at(-1);
        // Claims read from a pipeline parameter's default are what runs by default, not certainly.
        const assumed = readsPipelineDefault(effective.step, set.offset, set.end) || (get !== undefined && readsPipelineDefault(effective.step, get.offset, get.end));
        // A step a `when:` tp-doctor cannot decide may run, beside one with the npm audience: the condition chooses (A.66).
        const beside = circleUndecidedBeside(sites, site, right, 'requests the npm audience');
        const certainty = beside ? leastCertain([onPipelineDefault(site.certainty, assumed) ?? 'certain', 'likely']) : onPipelineDefault(site.certainty, assumed);
        const related: { at: YNode | Location; label: string }[] = [{ at: site.publish.location, label: `\`${site.publish.match.label}\` runs here` }, ...(beside?.related ?? [])];
        if (!get) {
          const variable = circleOidcEnvToken(set);
          if (variable) ctx.report({ messageId: 'circleToken', data: { variable, claims: CLAIMS }, at: set.location, related, certainty });
          else ctx.report({ messageId: 'unknownValue', data: { value: set.value, claims: CLAIMS }, at: set.location, related, certainty });
          continue;
        }
        const at = get.location;
        if (get.claims === undefined) {
          ctx.report({ messageId: 'noClaims', data: { oidc: get.text.trim(), claims: CLAIMS }, at, related, certainty });
          continue;
        }
        if (get.audiences === undefined) {
          if (/\$/.test(get.claims)) ctx.report({ messageId: 'unresolved', data: { claimsText: get.claims, claims: CLAIMS }, at, related, certainty });
          else ctx.report({ messageId: 'unreadableClaims', data: { reason: get.audienceUnknown ?? `the claims are ${get.claims}`, claims: CLAIMS }, at, related, certainty });
          continue;
        }
        if (get.audiences.includes(NPM_OIDC_AUDIENCE)) continue;
        // In a list, name the item meant for npm (the near miss), else the first one.
        const items = get.audiences.map((value) => ({ value, problem: classifyAudience(value) ?? 'other' }));
        const { value, problem } = items.find((i) => i.problem !== 'other') ?? items[0] ?? { value: '', problem: 'other' as const };
        ctx.report({ messageId: problem, data: { value, claims: CLAIMS }, at, related, certainty });
      }
    },
  },
});
