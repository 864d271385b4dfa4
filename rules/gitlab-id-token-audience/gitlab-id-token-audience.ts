import { defineRule } from '../../src/engine/define-rule.js';
import { ReportsByLocation, type RelatedTarget } from '../../src/engine/report-once.js';
import { checkedJobs, NPM_AUDIENCE, npmIdToken, ownerOf, publishingJobRelated } from '../../src/model/gitlab/jobs.js';
import type { GitlabIdToken, GitlabJob } from '../../src/model/gitlab/types.js';
import { classifyAudience, definingVariable, PROBLEM_WORDS } from './audience.js';
import type { FixSpec } from '../../src/fix/edits.js';
import { insertEntry, setScalar, YamlRaw, yamlFix } from '../../src/fix/yaml.js';
import { jobExchangesByHand } from '../../src/model/manual-exchange.js';
import { undecidedRulesIf } from '../../src/model/gitlab/rules-if.js';
import { leastCertain } from '../../src/model/publish.js';
import type { YNode } from '../../src/yaml/parse.js';

/** Writes the npm audience into `node` (an `aud` value or a variable's value). */
function setAudience(node: YNode, what: string): FixSpec | undefined {
  return yamlFix(node, `Set ${what} to "${NPM_AUDIENCE}"`, setScalar(node, NPM_AUDIENCE));
}

/** Near misses of the npm audience: certainly meant for npm, so `--fix` corrects them. */
const NEAR_MISS = new Set(['url', 'noPrefix', 'wrongCase', 'whitespace', 'trailingSlash']);

const REJECTED =
  'npm hands the token to the registry, which accepts only the audience `npm:` followed by the registry host name, compared exactly. The exchange fails silently and the publish falls back to ENEEDAUTH (or E404 when an old token is still configured)';
const FIX = `Set \`aud: "${NPM_AUDIENCE}"\` under \`{path}\``;

/**
 * A job whose `rules:` hang on a variable tp-doctor cannot see (`undecidedRulesIf`: `$LEGACY ==
 * "true"`), while another publishing job of the pipeline has the npm audience: the rules choose
 * between the two, so a wrong audience here is no certain failure (audit1208 gl02, docs/domain.md
 * A.64; gitlab-npm-id-token's `undecidedBesideToken`). `other` is the first job with the right
 * audience, looked up once (a job reported here has a wrong one). The related locations that say
 * why, else undefined.
 */
function undecidedBesideRight(job: GitlabJob, other: GitlabJob | undefined): RelatedTarget[] | undefined {
  const condition = other && other !== job ? undecidedRulesIf(job) : undefined;
  if (!condition || !other) return undefined;
  return [
    { at: condition, label: "the job's `rules: if:`, which reads a variable no file sets (project settings are not in the repository), decides whether it runs" },
    { at: other.node, label: `job "${other.name}" also publishes, with the \`NPM_ID_TOKEN\` audience "${NPM_AUDIENCE}"` },
  ];
}


export default defineRule({
  id: 'gitlab-id-token-audience',
  meta: {
    severity: 'error',
    oidcOnly: true,
    providers: ['gitlab'],
    summary: 'The `NPM_ID_TOKEN` audience of GitLab publishing jobs is exactly `npm:registry.npmjs.org`',
    // The publish fails (availability); a wrong audience exposes nothing. 3.0 like the missing token.
    securitySeverity: 3.0,
    fixable: true,
    hasSuggestions: true,
    messages: {
      url: {
        text: 'The `{name}` audience "{value}" is a URL; expected "npm:registry.npmjs.org"',
        why: `The audience is not the registry URL. ${REJECTED}`,
        fix: FIX,
      },
      noPrefix: {
        text: 'The `{name}` audience "{value}" lacks the `npm:` prefix; expected "npm:registry.npmjs.org"',
        why: REJECTED,
        fix: FIX,
      },
      wrongCase: {
        text: 'The `{name}` audience "{value}" differs in case from "npm:registry.npmjs.org"',
        why: REJECTED,
        fix: FIX,
      },
      whitespace: {
        text: 'The `{name}` audience "{value}" has blanks in or around it; expected "npm:registry.npmjs.org"',
        why: `The token's \`aud\` claim keeps the blanks as written. ${REJECTED}`,
        fix: FIX,
      },
      trailingSlash: {
        text: 'The `{name}` audience "{value}" ends with a slash; expected "npm:registry.npmjs.org"',
        why: REJECTED,
        fix: FIX,
      },
      otherHost: {
        text: 'The `{name}` audience "{value}" names another host; expected "npm:registry.npmjs.org"',
        why: `Trusted publishing exists only on registry.npmjs.org (registry-is-npmjs checks where the package goes). ${REJECTED}`,
        fix: FIX,
      },
      other: {
        text: 'The `{name}` audience is "{value}"; expected "npm:registry.npmjs.org"',
        why: REJECTED,
        fix: FIX,
      },
      missingAud: {
        startsNoRun: true,
        text: 'ID token `{name}` has no `aud`; expected `aud: "npm:registry.npmjs.org"`',
        why: 'GitLab requires an `aud` for every ID token and rejects the whole configuration without one ("config missing required keys: aud", or "config should be a hash" for a bare value), so no job of the pipeline runs',
        fix: 'Write the token as `{entry}` under `{path}.id_tokens`',
        // GitLab rejects the configuration: no job runs, token or not.
        oidcOnly: false,
      },
      unresolved: {
        text: 'The `{name}` audience "{value}" uses a variable tp-doctor cannot resolve; it must be "npm:registry.npmjs.org"',
        why: 'Predefined variables, project or group CI/CD variables and inputs are not in the repository, so the audience cannot be checked statically; any value other than "npm:registry.npmjs.org" makes the token exchange fail silently (ENEEDAUTH or E404)',
        fix: `Write \`aud: "${NPM_AUDIENCE}"\` literally under \`{path}\`, or make sure the variable holds exactly that`,
        severity: 'info',
      },
      variableWrong: {
        text: 'Variable `{variable}` is "{value}" ({problem}), and it is the `{name}` audience; expected "npm:registry.npmjs.org"',
        why: REJECTED,
        fix: `Set \`{variable}\` to "${NPM_AUDIENCE}" here (or write the audience literally under \`{path}\`)`,
      },
    },
  },
  hooks: {
    gitlabPipeline(pipeline, ctx) {
      const reports = new ReportsByLocation(ctx, publishingJobRelated);
      const jobs = checkedJobs(pipeline, ctx.gitlabPublishers, ctx.facts).filter((job) => !jobExchangesByHand(ctx.facts, job));
      const right = jobs.find((o) => npmIdToken(o)?.token.aud.some((a) => a.expanded === NPM_AUDIENCE));
      for (const job of jobs) {
        const found = npmIdToken(job);
        if (found) check(job, found.token, found.alias ? [{ at: found.alias, label: `\`NPM_ID_TOKEN\` copied from \`${found.token.name}\` here` }] : []);
      }
      reports.flush();

      function check(job: GitlabJob, token: GitlabIdToken, extra: RelatedTarget[]): void {
        const name = token.name;
        if (token.aud.length === 0) {
          const at = token.audNode ?? token.origin.node;
          const data = { name, path: ownerOf(token.origin, job), entry: `${name}: { aud: "${NPM_AUDIENCE}" }` };
          const fix = yamlFix(token.origin.node, `Add \`aud: "${NPM_AUDIENCE}"\` to \`${name}\``, insertEntry(token.origin.node, 'aud', new YamlRaw(`"${NPM_AUDIENCE}"`)));
          reports.add(job, { messageId: 'missingAud', data, at, related: extra, certainty: ctx.facts.jobCertainty(job), tokenFrom: { kind: 'gitlab', job }, fix });
          return;
        }
        if (token.aud.some((a) => a.expanded === NPM_AUDIENCE)) return;
        const path = `${ownerOf(token.aud[0]!.origin, job)}.id_tokens.${name}.aud`;
        const unresolved = token.aud.find((a) => a.expanded === undefined);
        if (unresolved) {
          const at = unresolved.origin.node;
          const data = { name, value: unresolved.raw, path };
          const suggest = [setAudience(at, `the \`${name}\` audience`)];
          reports.add(job, { messageId: 'unresolved', data, at, atValue: true, related: extra, certainty: ctx.facts.jobCertainty(job), tokenFrom: { kind: 'gitlab', job }, suggest });
          return;
        }
        // `rules: - if: $LEGACY == "true"` beside a job with the right audience: which runs is set where tp-doctor cannot see (A.64).
        const away = undecidedBesideRight(job, right);
        const certainty = away ? leastCertain([ctx.facts.jobCertainty(job) ?? 'certain', 'likely']) : ctx.facts.jobCertainty(job);
        // In a list, point at the item that was meant for npm (the near miss), else the first one.
        const items = token.aud.map((a) => ({ a, problem: classifyAudience(a.expanded ?? a.raw) ?? 'other' }));
        const { a, problem } = items.find((i) => i.problem !== 'other') ?? items[0]!;
        const value = a.expanded ?? a.raw;
        const variable = a.raw === value ? undefined : definingVariable(a.raw, job.variables);
        if (variable?.valueNode) {
          const at = variable.valueNode;
          const data = { variable: variable.name, value, problem: PROBLEM_WORDS[problem], name, path };
          const audRelated = [...extra, { at: a.origin.node, label: `\`${name}\` audience using \`${variable.name}\`` }, ...(away ?? [])];
          // The variable may serve other uses: both ways are suggestions.
          const suggest = [setAudience(at, `\`${variable.name}\``), setAudience(a.origin.node, `the \`${name}\` audience`)];
          reports.add(job, { messageId: 'variableWrong', data, at, atValue: true, related: audRelated, certainty, tokenFrom: { kind: 'gitlab', job }, suggest });
          return;
        }
        const at = a.origin.node;
        const change = setAudience(at, `the \`${name}\` audience`);
        // An audience from a CI/CD input is written in a template other includes may share: a suggestion.
        const fixes = NEAR_MISS.has(problem) && !a.raw.includes('$[[') ? { fix: change } : { suggest: [change] };
        reports.add(job, { messageId: problem, data: { name, value, path }, at, atValue: true, related: [...extra, ...(away ?? [])], certainty, tokenFrom: { kind: 'gitlab', job }, ...fixes });
      }
    },
  },
});
