import type { GithubPublisher, Publisher } from '../../src/config/types.js';
import { defineRule, type RuleContext } from '../../src/engine/define-rule.js';
import type { Job, Step } from '../../src/model/github/types.js';
import { editPath, inheritingJobLabel, jobRelated, sameCiFile } from '../../src/model/gitlab/jobs.js';
import type { GitlabJob } from '../../src/model/gitlab/types.js';
import { leastCertain, type Certainty, type PublishSite } from '../../src/model/publish.js';
import { undecidedPublishIf } from '../../src/model/github/entry-events.js';
import { agreedEnvironment, environmentChoices, matrixEnvironments, type CallerEnvironment, type MatrixEnvironment } from '../../src/model/github/job-environment.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';
import type { FixSpec } from '../../src/fix/edits.js';
import { insertEntry, setScalar, yamlFix } from '../../src/fix/yaml.js';

type Change = { fix?: FixSpec; suggest?: (FixSpec | undefined)[] };

/** Writes the environment name `name` into the node holding it (a string, or a map's `name:`). */
function setEnvironment(node: YNode, name: string, path: string): FixSpec | undefined {
  const target = node.isMap ? node.get('name') : node;
  return target ? yamlFix(target, `Set \`${path}\` to "${name}"`, setScalar(target, name)) : undefined;
}

/** Adds `environment: name` to a job (or `name:` to an `environment:` map without one). */
function addEnvironment(job: YNode, env: YNode | undefined, name: string, path: string): FixSpec | undefined {
  if (env?.isMap) return yamlFix(env, `Add \`name: ${name}\` under \`${path}.environment\``, insertEntry(env, 'name', name));
  if (env) return undefined;
  const place = { after: ['needs', 'runs-on', 'if', 'name', 'stage', 'image', 'extends'], before: ['steps', 'uses', 'script', 'before_script'] };
  return yamlFix(job, `Add \`environment: ${name}\` to \`${path}\``, insertEntry(job, 'environment', name, place));
}

/** The tp-doctor config's `environment:` of the publisher set to the workflow's name (when npmjs.com says that). */
function setConfigEnvironment(publisher: Publisher, actual: string, path: string): FixSpec | undefined {
  const at = publisher.fieldLocations.environment;
  return at ? { file: at.file, description: `Set \`${path}\` in the tp-doctor config to "${actual}"`, edits: [{ at: { start: at.start, end: at.end }, scalar: actual }] } : undefined;
}

/**
 * The changes for a missing or different environment: the workflow is changed to the declared
 * environment by `--fix` when one declared publisher decides (the declaration is what npmjs.com
 * holds) and only the case differs or the environment is missing; a different name may be a
 * mistake on either side, so both changes are suggestions.
 */
function environmentChange(sole: boolean, caseOnly: boolean, workflow: FixSpec | undefined, config: FixSpec | undefined): Change {
  if (sole && caseOnly) return { fix: workflow, suggest: [config] };
  return { suggest: [workflow, config] };
}

const MISMATCH_WHY =
  'npm compares the environment claim of the OIDC token with the trusted publisher exactly, case included; the exchange fails silently and npm publish ends in E404 (or ENEEDAUTH)';

const rule = defineRule({
  id: 'environment-matches-publisher',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab'],
    summary: "The publishing job's environment is exactly the trusted publisher's environment",
    // A mismatch makes the publish fail rather than opening a hole; but the environment is the
    // publish's protection (reviewers, branch rules), so a bit above plain configuration errors.
    securitySeverity: 3.0,
    fixable: true,
    hasSuggestions: true,
    messages: {
      missing: {
        text: 'Job "{job}" {publishes} without an `environment`; the trusted publisher for "{workflow}" expects environment "{expected}"',
        why: 'Without `environment:` the OIDC token carries no environment claim, so it does not match a trusted publisher that names one: the exchange fails silently and npm publish ends in E404 (or ENEEDAUTH)',
        fix: 'Add `environment: {expected}` to `{jobPath}`',
        refusedExchange: true,
      },
      caseMismatch: {
        text: 'Environment "{actual}" differs only in case from the trusted publisher\'s environment "{expected}"',
        why: MISMATCH_WHY,
        fix: 'Set `{envPath}` to "{expected}" (or, if npmjs.com says "{actual}", correct `{configPath}`)',
        refusedExchange: true,
      },
      mismatch: {
        text: 'Environment "{actual}" does not match the trusted publisher\'s environment "{expected}"',
        why: MISMATCH_WHY,
        fix: 'Set `{envPath}` to "{expected}" (or, if npmjs.com says "{actual}", correct `{configPath}`)',
        refusedExchange: true,
      },
      unexpected: {
        text: 'Job "{job}" {publishes} in environment "{actual}", but the trusted publisher for "{workflow}" declares no environment',
        why: 'The OIDC token then carries an environment claim that the trusted publisher does not name; this is reported to fail the exchange (E404)',
        fix: 'Add environment "{actual}" to the trusted publisher on npmjs.com and as `environment:` in `publishers[{index}]` of the tp-doctor config, or remove `{envPath}`',
        severity: 'warning',
        refusedExchange: true,
      },
      environmentsDiffer: {
        text: 'Job "{job}" {publishes} in {actual}, but job "{other}" publishes the same packages from "{workflow}" in {otherEnvironment}; a trusted publisher names at most one environment, so each needs its own trusted publisher on npmjs.com',
        why: 'A trusted publisher names at most one environment, and npm compares the environment claim of the OIDC token with it exactly; a package had one trusted publisher until September 2026 (up to 10 since, each registered on its own): unless one is registered for each environment, the runs of the other job fail the token exchange silently and npm publish ends in E404 (or ENEEDAUTH)',
        fix: 'Publish from one environment: give both jobs the environment you register on npmjs.com ({both}), or publish these packages from one job only, or register a trusted publisher for each environment',
        severity: 'warning',
        refusedExchange: true,
      },
      noChoiceMatches: {
        text: 'Environment "{actual}" is one of {choices}, the options of input `{input}`, and none is the trusted publisher\'s environment "{expected}"{hint}',
        why: `${MISMATCH_WHY}. GitHub refuses a dispatch whose value for a choice input is not one of its options, so no run of this workflow can have the environment the trusted publisher names`,
        fix: 'Add "{expected}" to the options of input `{input}` and choose it for the publish (or, if npmjs.com names one of {choices}, correct `{configPath}`)',
        refusedExchange: true,
      },
      emptyEnvironment: {
        text: 'Job "{job}" {publishes} without an environment in runs of "{workflow}": `{expression}` is empty there ({source}); the trusted publisher expects environment "{expected}"',
        why: 'GitHub runs a job whose environment name is empty with no environment, so the OIDC token carries no environment claim and does not match a trusted publisher that names one: the exchange fails silently and npm publish ends in E404 (or ENEEDAUTH)',
        fix: '{remedy}',
        refusedExchange: true,
      },
      emptyMatrix: {
        text: 'Job "{job}" {publishes} without an environment in a matrix leg: `{expression}` is empty there ({source}); the trusted publisher for "{workflow}" expects environment "{expected}"',
        why: 'GitHub runs a job whose environment name is empty with no environment, so the OIDC token carries no environment claim and does not match a trusted publisher that names one: the exchange fails silently and npm publish ends in E404 (or ENEEDAUTH)',
        fix: 'Set the matrix value to "{expected}"',
        refusedExchange: true,
      },
      expression: {
        text: 'Environment "{actual}" is an expression; the trusted publisher for "{workflow}" expects {expected}',
        why: 'npm compares the evaluated environment name with the trusted publisher exactly; tp-doctor cannot evaluate the expression, so it cannot tell whether the exchange will match',
        fix: 'Use a literal name in `{envPath}`, or make sure the expression always evaluates to {expected}',
        severity: 'info',
      },
    },
  },
  hooks: {
    project(project, ctx) {
      // Without a declared environment: two jobs that publish the same packages from the same
      // top-level file in different environments cannot both match the one trusted publisher.
      const entriesOf = (job: Job): string[] => [...new Set(project.callGraph.entryChains(job.workflow).map((c) => c.entry.fileName))];
      const githubGroups = new Map<string, { job: Job; site: PublishSite; env: string | undefined | null }[]>();
      for (const job of ctx.facts.publishingJobs) {
        const entries = entriesOf(job);
        if (entries.length !== 1 || ctx.githubPublishers.some((p) => !p.inferred && p.workflow === entries[0])) continue;
        // An expression: compared only when every caller passes the same literal for `${{ inputs.x }}` (an empty one: no environment).
        const agreed = job.environment?.isExpression ? agreedEnvironment(ctx.facts.callerEnvironments(job)) : { name: job.environment?.name };
        if (!agreed) continue;
        const env = agreed.name;
        for (const site of ctx.facts.trustedSites(job)) {
          const list = githubGroups.get(entries[0]!) ?? [];
          list.push({ job, site, env });
          githubGroups.set(entries[0]!, list);
        }
      }
      const reported = new Set<Job>();
      for (const [workflow, list] of githubGroups) {
        // One job alone cannot differ from itself: thousands of its publishes need no pairwise look (issue 12).
        if (new Set(list.map((x) => x.job)).size < 2) continue;
        for (const a of list) {
          if (reported.has(a.job)) continue;
          const b = list.find((x) => x.job !== a.job && x.env !== a.env && ctx.facts.overlap(a.site, x.site));
          if (!b) continue;
          reported.add(a.job);
          const name = (env: string | undefined): string => (env === undefined ? 'no environment' : `environment "${env}"`);
          const both = [a.env, b.env].filter((e): e is string => e !== undefined).map((e) => `"${e}"`).join(' or ');
          ctx.report({
            messageId: 'environmentsDiffer',
            data: { job: a.job.id, publishes: ctx.facts.verb(a.job), actual: name(a.env ?? undefined), other: b.job.id, workflow, otherEnvironment: name(b.env ?? undefined), both: both || 'one name' },
            at: a.job.environment?.node ?? a.job.node,
            atValue: a.job.environment !== undefined,
            related: [{ at: b.job.environment?.node ?? b.job.node, label: `job "${b.job.id}"` }],
            certainty: leastCertain([a.site.certainty, b.site.certainty]),
          });
        }
      }
    },

    githubJob(job, ctx) {
      if (!ctx.facts.isPublishingJob(job)) return;
      const certainty = ctx.facts.jobCertainty(job);
      const entries = new Set(ctx.project.callGraph.entryChains(job.workflow).map((c) => c.entry.fileName));
      const candidates = ctx.githubPublishers.filter((p) => !p.inferred && p.workflow !== undefined && entries.has(p.workflow));
      // `environment: ${{ inputs.env }}` of a called workflow: each caller's literal, checked as written in the job.
      const callers = ctx.facts.callerEnvironments(job);
      // `environment: ${{ matrix.x }}`: the literal of each matrix leg that may run a publish step, checked as written in the job.
      const legs = job.environment?.isExpression && !callers ? matrixEnvironments(job, ctx.facts.jobSites(job).map((s) => s.step)) : undefined;
      // Several trusted publishers (one per package) may share the workflow. When one of them fits,
      // assume this job publishes that one's packages: tp-doctor cannot tell which package a job
      // publishes.
      if (candidates.length > 1 && candidates.some((p) => satisfied(job, p, callers ?? legs))) return;

      const publishes = ctx.facts.verb(job);
      const env = job.environment;
      for (const publisher of candidates) {
        const index = ctx.publishers.indexOf(publisher);
        const paths = { jobPath: `jobs.${job.id}`, envPath: `jobs.${job.id}.environment` };
        const base = { job: job.id, workflow: publisher.workflow ?? '', publishes, ...paths };
        const expected = publisher.environment;
        const related = [relatedOf(publisher, expected !== undefined)];
        const sole = candidates.length === 1;
        if (env?.isExpression && callers) {
          const own = { at: env.node, label: `\`environment\` of job "${job.id}" (${env.raw ?? ''})` };
          for (const caller of callers.filter((c) => c.entries.includes(publisher.workflow ?? ''))) {
            const checked = { job, publisher, index, base, certainty, sole };
            if (caller.name === undefined) {
              if (expected !== undefined) reportEmpty(ctx, checked, caller, env.raw ?? '', [...related, own]);
              continue;
            }
            compareNamed(ctx, checked, { name: caller.name, at: caller.at, envPath: caller.path, related: [...related, own] });
          }
        } else if (env?.isExpression && legs && !legs.some((l) => l.undecided && l.name !== expected && !candidates.some((p) => p !== publisher && p.environment === l.name))) {
          // `environment: ${{ matrix.env }}`: each leg's value, compared as a literal would be. A leg whose
          // value another publisher of the workflow names may publish that one's packages. A leg that does
          // not fit and may not publish at all (an `if:` on the matrix tp-doctor cannot evaluate): the info below.
          const own = { at: env.node, label: `\`environment\` of job "${job.id}" (${env.raw ?? ''})` };
          for (const leg of legs) {
            if (leg.name !== undefined && candidates.some((p) => p !== publisher && p.environment === leg.name)) continue;
            if (leg.name === undefined) {
              if (expected !== undefined) ctx.report({ messageId: 'emptyMatrix', data: { ...base, expected, expression: env.raw ?? '', source: leg.label }, at: leg.at, atValue: true, related: [...related, own], certainty });
              continue;
            }
            compareNamed(ctx, { job, publisher, index, base, certainty, sole: false }, { name: leg.name, at: leg.at, envPath: leg.path, related: [...related, own] });
          }
        } else if (env?.isExpression) {
          const choices = environmentChoices(job);
          // A choice input none of whose options is the publisher's environment: no run can match (GitHub refuses other values).
          // When another publisher of the workflow (another package's, or another of this package's) names one of them, the job may publish that one's.
          const another = candidates.some((p) => p.environment !== undefined && choices?.values.includes(p.environment));
          if (choices && expected !== undefined && !choices.values.includes(expected) && !another) {
            const near = choices.values.find((v) => v.toLowerCase() === expected.toLowerCase());
            const hint = near === undefined ? '' : ` ("${near}" differs only in case)`;
            const data = { ...base, actual: env.raw ?? '', expected, input: choices.input, choices: choices.values.map((v) => `"${v}"`).join(', '), hint, configPath: `publishers[${index}].environment` };
            ctx.report({ messageId: 'noChoiceMatches', data, at: env.node, atValue: true, related, certainty });
            continue;
          }
          const data = { ...base, actual: env.raw ?? '', expected: expected !== undefined ? `"${expected}"` : 'no environment' };
          ctx.report({ messageId: 'expression', data, at: env.node, atValue: true, related, certainty });
        } else if (env?.name !== undefined) {
          const alternative = expected !== undefined && env.name !== expected ? undecidedBesideMatching(job, publisher, ctx.facts.publishingJobs, ctx.facts.trustedSites(job).map((s) => s.step)) : undefined;
          const checked = { job, publisher, index, base, certainty: alternative ? leastCertain([certainty ?? 'certain', 'likely']) : certainty, sole };
          compareNamed(ctx, checked, { name: env.name, at: env.node, envPath: paths.envPath, related: [...related, ...(alternative ?? [])] });
        } else if (expected !== undefined) {
          // No `environment:`, or a map without `name:`.
          const alternative = undecidedBesideMatching(job, publisher, ctx.facts.publishingJobs, ctx.facts.trustedSites(job).map((s) => s.step));
          const change = environmentChange(sole, true, addEnvironment(job.node, env?.node, expected, paths.jobPath), undefined);
          ctx.report({
            messageId: 'missing',
            data: { ...base, expected },
            at: env?.node ?? job.node,
            related: [...related, ...(alternative ?? [])],
            certainty: alternative ? leastCertain([certainty ?? 'certain', 'likely']) : certainty,
            ...change,
          });
        }
      }
    },

    gitlabJob(job, pipeline, ctx) {
      if (!ctx.facts.isPublishingJob(job)) return;
      const certainty = ctx.facts.jobCertainty(job);
      const candidates = ctx.gitlabPublishers.filter((p) => !p.inferred && sameCiFile(p.ciFile, pipeline.ciFile));
      if (candidates.length > 1 && candidates.some((p) => gitlabName(job) === p.environment)) return;
      const env = job.environment;
      for (const publisher of candidates) {
        const index = ctx.publishers.indexOf(publisher);
        const expected = publisher.environment;
        const envPath = env ? editPath(job, env.origin, 'environment') : `${job.name}.environment`;
        const base = { job: job.name, workflow: pipeline.ciFile, publishes: ctx.facts.verb(job), jobPath: job.name, envPath };
        const configRelated = relatedOf(publisher, expected !== undefined);
        const name = gitlabName(job);
        if (!env || (name === undefined && !env.isExpression)) {
          // No `environment:` (or a map without `name:`): it is added to the job itself.
          if (expected === undefined) continue;
          const change = environmentChange(candidates.length === 1, true, addEnvironment(job.node, env?.origin.node, expected, job.name), undefined);
          ctx.report({ messageId: 'missing', data: { ...base, expected }, at: env?.origin.node ?? job.node, related: [configRelated], certainty, ...change });
          continue;
        }
        const at = env.origin.node;
        const related = [configRelated, ...jobRelated(job, env.origin.node, inheritingJobLabel(job, env.origin)), ...variablesUsed(job)];
        if (name === undefined) {
          const data = { ...base, actual: env.name ?? '', expected: expected !== undefined ? `"${expected}"` : 'no environment' };
          ctx.report({ messageId: 'expression', data, at, atValue: true, related, certainty });
        } else if (expected === undefined) {
          ctx.report({ messageId: 'unexpected', data: { ...base, actual: name, index }, at, atValue: true, related, certainty });
        } else if (name !== expected) {
          const messageId = name.toLowerCase() === expected.toLowerCase() ? 'caseMismatch' : 'mismatch';
          const configPath = `publishers[${index}].environment`;
          // A template's environment is shared with other jobs: changed by hand only. So is one built from variables.
          const own = env.origin.via === 'job' && !env.isExpression;
          const workflowEdit = env.isExpression ? undefined : setEnvironment(at, expected, envPath);
          const change = environmentChange(candidates.length === 1 && own, messageId === 'caseMismatch', workflowEdit, setConfigEnvironment(publisher, name, configPath));
          ctx.report({ messageId, data: { ...base, actual: name, expected, configPath }, at, atValue: true, related, certainty, ...change });
        }
      }
    },
  },
});

export default rule;

type RuleCtx = RuleContext<typeof rule.meta.messages>;
type Related = { at: YNode | Location; label: string };

/** The job's environment name as GitLab resolves it: variables expanded; undefined when unknown. */
function gitlabName(job: GitlabJob): string | undefined {
  const env = job.environment;
  if (!env) return undefined;
  return env.isExpression ? env.expanded : env.name;
}

/** The variable definitions an expanded environment name used, as related locations. */
function variablesUsed(job: GitlabJob): { at: YNode; label: string }[] {
  const env = job.environment;
  if (!env?.isExpression || env.expanded === undefined || env.name === undefined) return [];
  const names = [...env.name.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');
  return [...new Set(names)].flatMap((n) => {
    const v = job.variables.get(n);
    return v ? [{ at: v.origin.node, label: `variable ${n} = "${v.value ?? ''}"` }] : [];
  });
}

/**
 * A publishing job whose own `if:` tp-doctor cannot evaluate (`vars.*`, `secrets.*`, `github.ref`),
 * beside another publishing job of the same workflow whose literal environment is the publisher's:
 * the `if:` chooses which of them publishes, so this job's different (or missing) environment is
 * no certain failure (audit1207 p08, docs/domain.md A.61). The related locations that say why, else
 * undefined: a job without `if:`, or one certainly true on some trigger, runs and fails.
 */
function undecidedBesideMatching(job: Job, publisher: GithubPublisher, publishing: readonly Job[], steps: readonly Step[]): Related[] | undefined {
  // The job's own `if:`, or one on each of its publish steps (A.64).
  const chosen = undecidedPublishIf(job, steps);
  if (!chosen || publisher.environment === undefined) return undefined;
  const matching = publishing.find((other) => other !== job && other.workflow === job.workflow && !other.uses && !other.environment?.isExpression && other.environment?.name === publisher.environment);
  if (!matching) return undefined;
  return [
    { at: chosen.at, label: chosen.level === 'step' ? "the publishing step's `if:`, which tp-doctor cannot evaluate, decides whether it runs" : "the job's `if:`, which tp-doctor cannot evaluate, decides whether it runs" },
    { at: matching.node, label: `job "${matching.id}" also publishes, in environment "${publisher.environment}"` },
  ];
}

/** The job's environment is the publisher's in every run under its workflow (each caller's, for `${{ inputs.x }}`). */
function satisfied(job: Job, publisher: GithubPublisher, callers: readonly (CallerEnvironment | MatrixEnvironment)[] | undefined): boolean {
  const env = job.environment;
  if (!env?.isExpression) return env?.name === publisher.environment;
  const runs = callers?.filter((c) => !('entries' in c) || c.entries.includes(publisher.workflow ?? '')) ?? [];
  return runs.length > 0 && runs.every((c) => c.name === publisher.environment);
}

interface Checked {
  job: Job;
  publisher: GithubPublisher;
  index: number;
  base: { job: string; workflow: string; publishes: string; jobPath: string; envPath: string };
  certainty: Certainty | undefined;
  /** Only this publisher is a candidate for the job. */
  sole: boolean;
}

/**
 * A literal environment name compared with the publisher's: the job's own `environment:`, or the
 * value a caller passes for `${{ inputs.x }}` (`at` the caller's `with:` value or the input's
 * `default:`, `envPath` its path, which the fix changes).
 */
function compareNamed(ctx: RuleCtx, c: Checked, named: { name: string; at: YNode; envPath: string; related: Related[] }): void {
  const expected = c.publisher.environment;
  const { name: actual, at, related } = named;
  if (expected === undefined) {
    ctx.report({ messageId: 'unexpected', data: { ...c.base, actual, index: c.index }, at, atValue: true, related, certainty: c.certainty });
    return;
  }
  if (actual === expected) return;
  const messageId = actual.toLowerCase() === expected.toLowerCase() ? 'caseMismatch' : 'mismatch';
  const data = { job: c.job.id, actual, expected, configPath: `publishers[${c.index}].environment`, jobPath: c.base.jobPath, envPath: named.envPath };
  const change = environmentChange(c.sole, messageId === 'caseMismatch', setEnvironment(at, expected, named.envPath), setConfigEnvironment(c.publisher, actual, data.configPath));
  ctx.report({ messageId, data, at, atValue: true, related, certainty: c.certainty, ...change });
}

/**
 * A caller's run gives `environment: ${{ inputs.x }}` an empty value (a `with:` or `default:` of
 * `""`, or an input without a `default:`): the job runs with no environment, as a job without
 * `environment:` does, while the publisher names one. The change goes where the value is read.
 */
function reportEmpty(ctx: RuleCtx, c: Checked, caller: CallerEnvironment, expression: string, related: Related[]): void {
  const expected = c.publisher.environment ?? '';
  const file = caller.at.file;
  const declaration = caller.at.isMap;
  const remedy = declaration
    ? `Pass \`${caller.at.key ?? 'the input'}: ${expected}\` under \`with:\` of the calling job, or add \`default: ${expected}\` to \`${caller.path}\` in ${file}`
    : `Set \`${caller.path}\` in ${file} to "${expected}"`;
  const edit = declaration
    ? yamlFix(caller.at, `Add \`default: ${expected}\` to \`${caller.path}\``, insertEntry(caller.at, 'default', expected))
    : setEnvironment(caller.at, expected, caller.path);
  const data = { ...c.base, expected, expression, source: caller.label, remedy };
  ctx.report({ messageId: 'emptyEnvironment', data, at: caller.at, atValue: !declaration, related, certainty: c.certainty, ...environmentChange(c.sole, false, edit, undefined) });
}

function relatedOf(publisher: Publisher, hasEnvironment: boolean): { at: Location; label: string } {
  const field = hasEnvironment ? publisher.fieldLocations.environment : undefined;
  const start = { line: 1, column: 1 };
  const at = field ?? publisher.location ?? { file: 'tp-doctor.yml', start, end: start };
  return { at, label: hasEnvironment ? 'trusted publisher environment' : 'trusted publisher' };
}
