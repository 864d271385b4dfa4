import { defineRule } from '../../src/engine/define-rule.js';
import { ReportsByLocation, type RelatedTarget } from '../../src/engine/report-once.js';
import { checkedJobs, ownerOf, publishingJobRelated } from '../../src/model/gitlab/jobs.js';
import { provenanceSetting } from './provenance.js';
import { jobExchangesByHand } from '../../src/model/manual-exchange.js';
import { undecidedRulesIf } from '../../src/model/gitlab/rules-if.js';
import type { GitlabJob } from '../../src/model/gitlab/types.js';

const EUSAGE =
  'npm stops the publish with EUSAGE: "Provenance generation in GitLab CI requires "SIGSTORE_ID_TOKEN" with "sigstore" audience to be present in "id_tokens""';
const FULCIO =
  "Sigstore's certificate authority accepts only ID tokens whose audience is `sigstore`, so signing the provenance statement fails and the publish with it";
const ADD = 'Add `{entry}` under `{path}.id_tokens`';
const ENTRY = 'SIGSTORE_ID_TOKEN: { aud: sigstore }';
const SET = 'Set `aud: sigstore` under `{path}.id_tokens.SIGSTORE_ID_TOKEN`';

/** True when the job declares `SIGSTORE_ID_TOKEN` with the audience `sigstore`. */
function signs(job: GitlabJob): boolean {
  return job.idTokens?.tokens.get('SIGSTORE_ID_TOKEN')?.aud.some((a) => a.expanded === 'sigstore') ?? false;
}

/**
 * A job whose `rules:` hang on a variable tp-doctor cannot see (`undecidedRulesIf`: `$FAST ==
 * "true"`), while another publishing job of the pipeline has `SIGSTORE_ID_TOKEN` (aud `sigstore`):
 * the rules choose between the two, so forced provenance without the token here is no certain
 * failure (audit1208 gs01, docs/domain.md A.64). `other` is the first job with the token, looked
 * up once (a job reported here has none, or another audience). The related locations that say why,
 * else undefined.
 */
function undecidedBesideSigned(job: GitlabJob, other: GitlabJob | undefined): RelatedTarget[] | undefined {
  const condition = other && other !== job ? undecidedRulesIf(job) : undefined;
  if (!condition || !other) return undefined;
  return [
    { at: condition, label: "the job's `rules: if:`, which reads a variable no file sets (project settings are not in the repository), decides whether it runs" },
    { at: other.node, label: `job "${other.name}" also publishes, with \`SIGSTORE_ID_TOKEN\` (aud \`sigstore\`)` },
  ];
}

export default defineRule({
  id: 'gitlab-sigstore-token',
  meta: {
    severity: 'info',
    providers: ['gitlab'],
    summary: 'GitLab publishing jobs declare `SIGSTORE_ID_TOKEN` (aud `sigstore`) so npm can sign provenance',
    // Missing provenance weakens supply-chain verification for consumers but breaks nothing by
    // itself; the forced case fails the publish. 2.0.
    securitySeverity: 2.0,
    messages: {
      missing: {
        text: 'Job "{job}" {publishes} to npm without a `SIGSTORE_ID_TOKEN` ID token; the package gets no provenance',
        why: 'On GitLab npm generates provenance automatically only when an ID token named `SIGSTORE_ID_TOKEN` with `aud: sigstore` is present (and the project and package are public); without it the publish succeeds without a provenance statement',
        fix: ADD,
      },
      missingForced: {
        text: 'Job "{job}" forces provenance with {how} but has no `SIGSTORE_ID_TOKEN` ID token',
        why: EUSAGE,
        fix: `${ADD}, or drop {how}`,
        severity: 'error',
      },
      wrongAud: {
        text: 'The `SIGSTORE_ID_TOKEN` audience is "{value}"; expected "sigstore"',
        why: `With \`SIGSTORE_ID_TOKEN\` present npm turns automatic provenance on for a public project. ${FULCIO}`,
        fix: SET,
        severity: 'warning',
      },
      wrongAudForced: {
        text: 'The `SIGSTORE_ID_TOKEN` audience is "{value}" while {how} forces provenance; expected "sigstore"',
        why: FULCIO,
        fix: SET,
        severity: 'error',
      },
    },
  },
  hooks: {
    gitlabPipeline(pipeline, ctx) {
      const reports = new ReportsByLocation(ctx, publishingJobRelated);
      const isPrivate = ctx.config.repository?.visibility === 'private';
      const jobs = checkedJobs(pipeline, ctx.gitlabPublishers, ctx.facts);
      const signed = jobs.find((o) => !o.incomplete && signs(o));
      for (const job of jobs) {
        // A template tp-doctor cannot read may hold the token.
        if (job.incomplete) continue;
        const setting = provenanceSetting(job, ctx.facts, ctx.project, ctx.project.packageJson);
        if (setting?.value === false) continue;
        const forced = setting?.value === true ? setting : undefined;
        // npm generates provenance by itself only after its own exchange, which a job that exchanges by hand skips.
        if (!forced && jobExchangesByHand(ctx.facts, job)) continue;
        // npm only generates provenance by itself for public projects.
        if (!forced && isPrivate) continue;
        // `rules: - if: $FAST == "true"` beside a job with the token: which runs is set where tp-doctor cannot see (A.64).
        const away = forced ? undecidedBesideSigned(job, signed) : undefined;
        const extra: RelatedTarget[] = forced ? [{ at: forced.at, label: `provenance forced by ${forced.how}` }, ...(away ?? [])] : [];
        const jobCertainty = ctx.facts.jobCertainty(job);
        // One step less certain: a certain failure becomes a likely one (a warning).
        const certainty = away && (jobCertainty === undefined || jobCertainty === 'certain') ? 'likely' : jobCertainty;
        const how = forced?.how ?? '';
        const token = job.idTokens?.tokens.get('SIGSTORE_ID_TOKEN');
        if (!token) {
          const block = job.idTokens?.origin;
          const at = block?.node ?? job.node;
          const data = { job: job.name, publishes: ctx.facts.verb(job), path: block ? ownerOf(block, job) : job.name, how, entry: ENTRY };
          const messageId = forced ? 'missingForced' : 'missing';
          reports.add(job, { messageId, data, at, related: extra, certainty });
          continue;
        }
        if (token.aud.length === 0 || token.aud.some((a) => a.expanded === undefined || a.expanded === 'sigstore')) continue;
        const aud = token.aud[0]!;
        const at = aud.origin.node;
        const data = { value: token.aud.map((a) => a.expanded).join('", "'), path: ownerOf(token.origin, job), how };
        const messageId = forced ? 'wrongAudForced' : 'wrongAud';
        reports.add(job, { messageId, data, at, atValue: true, related: extra, certainty });
      }
      reports.flush();
    },
  },
});
