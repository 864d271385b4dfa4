import { defineRule } from '../../src/engine/define-rule.js';
import { ReportsByLocation, type RelatedTarget } from '../../src/engine/report-once.js';
import { undecidedRulesIf } from '../../src/model/gitlab/rules-if.js';
import { leastCertain } from '../../src/model/publish.js';
import {
  checkedJobs,
  hiddenIncludes,
  inheritsDefaultIdTokens,
  NPM_ID_TOKEN_ENTRY,
  NPM_ID_TOKEN_YAML,
  npmIdToken,
  ownerOf,
  publishingJobLabel,
  publishingJobRelated,
} from '../../src/model/gitlab/jobs.js';
import type { GitlabIdToken, GitlabJob } from '../../src/model/gitlab/types.js';
import type { FixSpec } from '../../src/fix/edits.js';
import type { FallbackJob } from '../../src/model/token-fallback.js';
import { insertEntry, YamlRaw, yamlFix } from '../../src/fix/yaml.js';
import { jobExchangesByHand } from '../../src/model/manual-exchange.js';
import type { YNode } from '../../src/yaml/parse.js';

/** `NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" }` as a block map value. */
const TOKEN_VALUE = { aud: new YamlRaw('"npm:registry.npmjs.org"') };

/**
 * Adds `NPM_ID_TOKEN` to an `id_tokens:` map: purely additive (every token it had stays, and jobs
 * that share the map through a template only gain a token), so `--fix` applies it.
 */
function addToken(idTokens: YNode, path: string): FixSpec | undefined {
  return yamlFix(idTokens, `Add \`NPM_ID_TOKEN\` with \`aud: "npm:registry.npmjs.org"\` under \`${path}.id_tokens\``, insertEntry(idTokens, 'NPM_ID_TOKEN', TOKEN_VALUE));
}

/** Adds `id_tokens:` with `NPM_ID_TOKEN` to a job that has none (before its scripts). */
function addIdTokens(job: YNode, name: string): FixSpec | undefined {
  const place = { after: ['environment', 'stage', 'image', 'extends'], before: ['before_script', 'script'] };
  return yamlFix(job, `Add \`id_tokens: NPM_ID_TOKEN\` to job \`${name}\``, insertEntry(job, 'id_tokens', { NPM_ID_TOKEN: TOKEN_VALUE }, place));
}

/** Renames an ID token's key to `NPM_ID_TOKEN`: a suggestion, scripts may read the old name. */
function renameToken(token: GitlabIdToken): FixSpec | undefined {
  const range = token.origin.node.keyRange;
  if (!range || token.origin.node.viaAlias) return undefined;
  return yamlFix(token.origin.node, `Rename \`${token.name}\` to \`NPM_ID_TOKEN\``, { start: range[0], end: range[1], text: 'NPM_ID_TOKEN' });
}

const SILENT =
  'npm on GitLab reads the OIDC ID token only from the `NPM_ID_TOKEN` variable, which GitLab creates only for a job that declares it under `id_tokens:`. Without it npm silently skips trusted publishing and the publish fails with ENEEDAUTH (or E404 when an old token is still configured)';

/**
 * The job whose long-lived token may stand in (the engine's token cap): these reports are made
 * from the pipeline hook, once per place, so the job is named, not taken from a running job hook.
 */
function gitlabJob(job: GitlabJob): FallbackJob {
  return { kind: 'gitlab', job };
}

/** True for an audience meant for npm, whatever its spelling (`npm:...`, a registry.npmjs.org URL). */
function looksLikeNpmAudience(value: string): boolean {
  const v = value.toLowerCase();
  return v.startsWith('npm:') || v.includes('npmjs');
}

/**
 * A job whose `rules:` hang on a variable tp-doctor cannot see (`undecidedRulesIf`: `$USE_TOKEN ==
 * "true"`, set in the project's settings if at all), while another publishing job of the pipeline
 * has `NPM_ID_TOKEN`: the rules often keep a legacy token path from running, so a missing token is
 * no certain failure (audit1207 g02, docs/domain.md A.64; GitHub's sibling: A.61). The related
 * locations that say why, else undefined.
 */
function undecidedBesideToken(job: GitlabJob, jobs: readonly GitlabJob[]): RelatedTarget[] | undefined {
  const condition = undecidedRulesIf(job);
  const other = condition ? jobs.find((o) => o !== job && npmIdToken(o)) : undefined;
  if (!condition || !other) return undefined;
  return [
    { at: condition, label: "the job's `rules: if:`, which reads a variable no file sets (project settings are not in the repository), decides whether it runs" },
    { at: other.node, label: `job "${other.name}" also publishes, with \`NPM_ID_TOKEN\`` },
  ];
}


export default defineRule({
  id: 'gitlab-npm-id-token',
  meta: {
    severity: 'error',
    oidcOnly: true,
    providers: ['gitlab'],
    summary: 'GitLab publishing jobs declare the `NPM_ID_TOKEN` ID token npm reads',
    // Availability (the publish fails) rather than exposure, but this failure is what pushes teams
    // back to long-lived npm tokens. Same weight as GitHub's missing `id-token: write`. 3.0.
    securitySeverity: 3.0,
    fixable: true,
    hasSuggestions: true,
    messages: {
      noIdTokens: {
        text: 'Job "{job}" {publishes} to npm but has no `id_tokens`; expected `NPM_ID_TOKEN` with `aud: "npm:registry.npmjs.org"`',
        why: SILENT,
        fix: 'Add `{yaml}` to the job `{path}`',
      },
      noIdTokensUnseen: {
        text: 'Job "{job}" {publishes} to npm with no `id_tokens` tp-doctor can see; expected `NPM_ID_TOKEN` with `aud: "npm:registry.npmjs.org"` (the include {include}, which tp-doctor cannot read, could give it under `default:`)',
        why: `${SILENT}. An included file can set \`default: id_tokens:\` for every job, and this one is not read offline`,
        fix: 'Add `{yaml}` to the job `{path}`, unless {include} declares it under `default:`',
        severity: 'warning',
      },
      otherName: {
        text: 'ID token `{name}` has the npm audience "{aud}" but npm reads only `NPM_ID_TOKEN`',
        why: `GitLab exposes each ID token under its own name. ${SILENT}`,
        fix: 'Rename `{name}` to `NPM_ID_TOKEN` under `{path}.id_tokens` (or run `export NPM_ID_TOKEN="${name}"` before the publish)',
      },
      topLevel: {
        text: '`id_tokens:` at the top level of {file} is not a GitLab keyword; `NPM_ID_TOKEN` must be declared in a job or under `default:`',
        why: `GitLab gives ID tokens only to jobs that declare them (directly, through \`extends:\` or \`default:\`); it reads an unknown top-level key as a job, and a job without \`script:\` makes it reject the configuration. ${SILENT}`,
        fix: 'Move the block under `default:` (every job inherits it) or under the publishing job: `{yaml}`',
      },
      // Documented GitLab behaviour (docs/domain.md §4), so an error: GitLab's CI/CD YAML keyword
      // reference, `default` (a default keyword, `id_tokens` among them since GitLab 16.4, is used
      // only by jobs that do not define it) and `extends` (the template's keys are merged into the
      // job); GitLab's configuration code (`Gitlab::Ci::Config#build_config`) resolves `extends:` on
      // the whole configuration before the job entries inherit from `default:`, and an entry takes
      // the default only when the job does not specify it.
      replacesDefault: {
        text: 'This `id_tokens:` of `{path}` replaces the one in `default:` and has no `NPM_ID_TOKEN`',
        why: `A job's \`id_tokens\` (its own or from a template) replaces \`default: id_tokens\` entirely; the two are not merged, so the job loses the default's \`NPM_ID_TOKEN\`. ${SILENT}`,
        fix: 'Add `{entry}` under `{path}.id_tokens`',
      },
      inheritDropped: {
        text: '`inherit: default: {value}` of `{path}` drops the `NPM_ID_TOKEN` declared under `default:`',
        why: `With \`inherit: default: false\`, or a list that does not name \`id_tokens\`, the job takes no \`id_tokens\` from \`default:\`. ${SILENT}`,
        fix: 'Add `id_tokens` to `{path}.inherit.default` (or set it to `true`), or declare the token in the job itself: `{yaml}`',
      },
      notListed: {
        text: '`{path}.id_tokens` declares {tokens} but not `NPM_ID_TOKEN`',
        why: SILENT,
        fix: 'Add `{entry}` under `{path}.id_tokens`',
      },
    },
  },
  hooks: {
    gitlabPipeline(pipeline, ctx) {
      const jobs = checkedJobs(pipeline, ctx.gitlabPublishers, ctx.facts).filter((job) => !jobExchangesByHand(ctx.facts, job));
      if (jobs.length === 0) return;
      const reports = new ReportsByLocation(ctx, publishingJobRelated);
      const top = pipeline.topLevelIdTokens;
      if (top) {
        const related = jobs.map((job) => ({ at: job.node, label: publishingJobLabel(job) }));
        ctx.report({ messageId: 'topLevel', data: { file: pipeline.ciFile, yaml: NPM_ID_TOKEN_YAML }, at: top, related });
      }
      const defaultToken = pipeline.defaultIdTokens?.tokens.get('NPM_ID_TOKEN');
      const hidden = defaultToken ? [] : hiddenIncludes(pipeline);
      const defaultRelated = defaultToken ? [{ at: defaultToken.origin.node, label: '`NPM_ID_TOKEN` under `default:`' }] : [];

      for (const job of jobs) {
        // A job with a template or `!reference` tp-doctor cannot read may get its token from there
        // (gitlab-config-resolvable says so); a guess here would be wrong as often as right.
        if (job.incomplete || npmIdToken(job)) continue;
        const idTokens = job.idTokens;
        const other = idTokens && [...idTokens.tokens.values()].find((t) => t.aud.some((a) => looksLikeNpmAudience(a.expanded ?? a.raw)));
        if (other) {
          reportOtherName(job, other);
          continue;
        }
        if (!idTokens) {
          const inherit = job.keywords.get('inherit');
          const setting = inherit?.kind === 'map' ? inherit.entries.get('default') : undefined;
          if (defaultToken && !inheritsDefaultIdTokens(job) && setting) {
            const value = Array.isArray(job.inherit.default) ? `[${job.inherit.default.join(', ')}]` : String(job.inherit.default);
            const path = ownerOf(setting.origin, job);
            const data = { value, path, yaml: NPM_ID_TOKEN_YAML };
            reports.add(job, { messageId: 'inheritDropped', data, at: setting.origin.node, atValue: true, related: defaultRelated, certainty: ctx.facts.jobCertainty(job), tokenFrom: gitlabJob(job) });
          } else if (!top) {
            // `rules: - if: $USE_TOKEN == "true"` beside a job with the token: which runs is set where tp-doctor cannot see (A.64).
            const away = undecidedBesideToken(job, jobs);
            const data = { job: job.name, publishes: away ? 'may publish' : ctx.facts.verb(job), path: job.name, yaml: NPM_ID_TOKEN_YAML };
            const certainty = away ? leastCertain([ctx.facts.jobCertainty(job) ?? 'certain', 'likely']) : ctx.facts.jobCertainty(job);
            if (away) {
              ctx.report({ messageId: 'noIdTokens', data, at: job.node, related: away, certainty, fix: addIdTokens(job.node, job.name) });
            } else if (hidden.length > 0) {
              // Not certain: an unread include may declare the token under `default:` (the fix is then a suggestion).
              ctx.report({ messageId: 'noIdTokensUnseen', data: { ...data, include: `"${hidden[0]}"` }, at: job.node, certainty: certainty === 'possible' ? 'possible' : 'likely', fix: addIdTokens(job.node, job.name) });
            } else {
              ctx.report({ messageId: 'noIdTokens', data, at: job.node, certainty, fix: addIdTokens(job.node, job.name) });
            }
          }
          continue;
        }
        const node = idTokens.origin.node;
        const path = ownerOf(idTokens.origin, job);
        if (idTokens.origin.via !== 'default' && defaultToken && inheritsDefaultIdTokens(job)) {
          reports.add(job, { messageId: 'replacesDefault', data: { path, entry: NPM_ID_TOKEN_ENTRY }, at: node, related: defaultRelated, certainty: ctx.facts.jobCertainty(job), tokenFrom: gitlabJob(job), fix: addToken(node, path) });
          continue;
        }
        const names = [...idTokens.tokens.keys()];
        const tokens = names.length === 0 ? 'no token' : names.map((n) => `\`${n}\``).join(', ');
        reports.add(job, { messageId: 'notListed', data: { path, tokens, entry: NPM_ID_TOKEN_ENTRY }, at: node, certainty: ctx.facts.jobCertainty(job), tokenFrom: gitlabJob(job), fix: addToken(node, path) });
      }
      reports.flush();

      function reportOtherName(job: GitlabJob, token: GitlabIdToken): void {
        const aud = token.aud.find((a) => looksLikeNpmAudience(a.expanded ?? a.raw));
        const data = { name: token.name, aud: aud?.expanded ?? aud?.raw ?? '', path: ownerOf(token.origin, job) };
        reports.add(job, { messageId: 'otherName', data, at: token.origin.node, certainty: ctx.facts.jobCertainty(job), tokenFrom: gitlabJob(job), suggest: [renameToken(token)] });
      }
    },
  },
});
