import { defineRule } from '../../src/engine/define-rule.js';
import { hasCirclePublisher, onPipelineDefault, pipelineDefaults, substitutionFrom } from '../../src/model/circleci/index.js';
import { editPath, inheritingJobLabel, jobRelated } from '../../src/model/gitlab/jobs.js';
import { decideTags } from './gitlab.js';
import { decide, place } from './runner-choice.js';
import { retiredNeeds } from './needed-jobs.js';
import { classifyRunnerLabel, runnerRetirement } from '../../src/model/data/runners.js';
import { stepLegs } from '../../src/model/github/setup-node.js';
import { undecidedPublishIf } from '../../src/model/github/entry-events.js';
import { leastCertain } from '../../src/model/publish.js';
import type { Job, RunsOn } from '../../src/model/github/types.js';

const REJECTED =
  'npm accepts ID tokens only from GitHub-hosted runners; on any other runner the token says `runner_environment: self-hosted`, the exchange is rejected, and npm publish fails with ENEEDAUTH or E404';

export default defineRule({
  id: 'require-hosted-runner',
  meta: {
    severity: 'error',
    oidcOnly: true,
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'Publishing jobs run on GitHub-hosted, GitLab.com hosted or CircleCI cloud runners',
    // npm rejects the publish, so mostly an availability problem; but a release job on a
    // self-hosted or third-party machine also exposes the publish to that machine's owner and
    // previous jobs, hence higher than plain configuration errors.
    securitySeverity: 4.0,
    messages: {
      selfHosted: {
        text: 'Job "{job}" {publishes} on a self-hosted runner ("{label}"{origin}); npm trusted publishing needs a GitHub-hosted runner',
        why: REJECTED,
        fix: 'Set `{path}` to a GitHub-hosted label such as `ubuntu-latest` for the publishing job',
      },
      thirdParty: {
        text: 'Job "{job}" {publishes} on a {provider} runner ("{label}"{origin}); npm trusted publishing needs a GitHub-hosted runner',
        why: '{provider} runners are not GitHub-hosted: their ID token says `runner_environment: self-hosted`, npm rejects the exchange, and npm publish fails with ENEEDAUTH or E404',
        fix: 'Set `{path}` to a GitHub-hosted label such as `ubuntu-latest` (keep {provider} for the build and test jobs)',
      },
      group: {
        text: 'Job "{job}" {publishes} on runner group "{group}", which is not declared as GitHub-hosted',
        why: `Runner groups usually hold self-hosted runners: ${REJECTED}. A group of GitHub-hosted larger runners works (GitHub's own example is \`group: ubuntu-runners\`), and which runners a group holds is set on GitHub, not in the files, so this is a warning`,
        fix: 'If "{group}" holds GitHub-hosted larger runners, add it to `runners.hosted` in tp-doctor.yml; otherwise set `jobs.{job}.runs-on` to `ubuntu-latest`',
        severity: 'warning',
      },
      retired: {
        oidcOnly: false,
        text: 'Job "{job}" {publishes} on runner label "{label}"{origin}, which GitHub retired on {retiredOn}: the job never starts',
        why: 'GitHub no longer provides this image: the job waits for a runner that never comes and fails, so the publish never runs',
        fix: 'Set `{path}` to a current GitHub-hosted label such as `ubuntu-latest`',
      },
      retiredNeed: {
        oidcOnly: false,
        text: 'Job "{job}" {publishes} after job "{needed}", which runs on runner label "{label}"{origin}, retired by GitHub on {retiredOn}: "{needed}" never starts, so "{job}" is skipped',
        why: 'GitHub no longer provides this image: the needed job waits for a runner that never comes and fails, and GitHub skips every job that `needs:` a failed job (unless its `if:` calls `always()`, `failure()` or `!cancelled()`), so the publish never runs',
        fix: 'Set `{path}` to a current GitHub-hosted label such as `ubuntu-latest`',
      },
      retiring: {
        text: 'Runner label "{label}"{origin} of job "{job}" is scheduled to be retired by GitHub on {retiresOn}',
        why: 'The label works today, but once GitHub retires the image the job waits for a runner that never comes and the publish never runs; GitHub announces these dates in advance (and has postponed some)',
        fix: 'Move `{path}` to `{suggestion}` (or `ubuntu-latest`) before {retiresOn}',
        severity: 'info',
      },
      unknown: {
        text: 'Runner label "{label}"{origin} of job "{job}" is not a known GitHub-hosted label',
        why: 'npm accepts ID tokens only from GitHub-hosted runners; tp-doctor cannot tell whether "{label}" is a GitHub-hosted larger runner (accepted) or a self-hosted or third-party runner (rejected with ENEEDAUTH or E404)',
        fix: 'If "{label}" is a GitHub-hosted larger runner, add it to `runners.hosted` in tp-doctor.yml; otherwise set `{path}` to a GitHub-hosted label such as `ubuntu-latest`',
        severity: 'warning',
      },
      expression: {
        text: 'Runner "{expression}" of job "{job}" is an expression tp-doctor cannot resolve',
        why: 'npm accepts ID tokens only from GitHub-hosted runners; whether this job gets one depends on the value at run time',
        fix: 'Use a literal GitHub-hosted label such as `ubuntu-latest` in `jobs.{job}.runs-on`, or make sure the expression always yields one',
        severity: 'info',
      },
      gitlabTag: {
        text: 'Job "{job}" {publishes} on a runner tagged "{tag}"{from}, which is not a GitLab.com hosted runner tag',
        why: 'npm accepts ID tokens only from GitLab.com hosted runners, which are picked by `saas-linux-*`, `saas-macos-*` or `saas-windows-*` tags or by no tags. Other tags pick a runner registered by a group, project or instance: its token says `runner_environment: self-hosted`, npm rejects the exchange and npm publish fails with ENEEDAUTH or E404. tp-doctor cannot see which runners carry "{tag}"',
        fix: 'Remove `{path}` from the publishing job (untagged jobs run on hosted runners) or use a hosted tag such as `saas-linux-small-amd64`; if "{tag}" is a GitLab.com hosted runner tag, add it to `runners.hosted` in tp-doctor.yml',
        severity: 'warning',
      },
      circleciSelfHosted: {
        text: 'Job "{job}" {publishes} on the self-hosted runner resource class "{value}"{origin}; npm documents trusted publishing for CircleCI cloud resource classes only',
        why: 'A `resource_class` of the form `namespace/name` sends the job to a CircleCI self-hosted runner. npm\'s documentation says trusted publishing supports only cloud-hosted runners (self-hosted support is planned); tp-doctor cannot tell how the registry treats a token from a CircleCI runner, so expect the exchange to be refused and npm publish to fail with ENEEDAUTH or E404',
        fix: 'Run the publishing job on a CircleCI cloud resource class: set `{path}` to one such as `medium` (keep the runner for the build and test jobs)',
        severity: 'warning',
      },
      circleciResourceClassUnknown: {
        text: 'Resource class "{value}"{origin} of job "{job}" uses {unknown}, which tp-doctor cannot resolve',
        why: 'A `resource_class` of the form `namespace/name` sends the job to a self-hosted runner, where npm does not support trusted publishing; whether this job runs on one depends on the value at run time',
        fix: 'Give the publishing job a literal CircleCI cloud resource class such as `medium` in `{path}`, or make sure the value never names a runner',
        severity: 'info',
      },
      gitlabTagVariable: {
        text: 'Runner tag "{tag}" of job "{job}" uses a variable tp-doctor cannot resolve',
        why: 'npm accepts ID tokens only from GitLab.com hosted runners; whether this job gets one depends on the value of the variable when the pipeline runs',
        fix: 'Use a hosted tag such as `saas-linux-small-amd64` (or no tags) in `{path}` for the publishing job, or make sure the variable always names one',
        severity: 'info',
      },
    },
  },
  hooks: {
    githubJob(job, ctx) {
      // A called workflow's `runs-on: ${{ inputs.runner }}`: each caller's value, as a matrix leg is judged.
      const runsOn = job.uses ? undefined : ctx.facts.runsOn(job);
      if (!runsOn || !ctx.facts.isPublishingJob(job)) return;
      const hosted = ctx.config.runners.hosted;
      const publishes = ctx.facts.verb(job);
      const certainty = ctx.facts.jobCertainty(job);
      const reported = new Set<string>();
      // Only the runners a publish runs on: a matrix leg whose publish steps never run (`if: matrix.os == 'ubuntu-latest'`) publishes nothing there.
      const legs = ctx.facts.jobSites(job).flatMap((s) => stepLegs(job, s.step));
      const publishCombos = new Set(legs.map((l) => l.combo));
      const decidedCombos = new Set(legs.filter((l) => l.decided).map((l) => l.combo));
      // A job that an `if:` tp-doctor cannot evaluate may keep from running (its own, or one on each of its
      // publish steps), beside a publishing job of the same workflow on a hosted runner: which of them
      // publishes is undecided (audit1207 h1b, p03; docs/domain.md A.61, A.64).
      const chosen = undecidedPublishIf(job, ctx.facts.trustedSites(job).map((s) => s.step));
      const jobIf = chosen?.at;
      let sibling: { job: Job | undefined } | undefined;
      const hostedSibling = (): Job | undefined =>
        jobIf === undefined
          ? undefined
          : (sibling ??= { job: ctx.facts.publishingJobs.find((other) => other !== job && other.workflow === job.workflow && !other.uses && hostedOnly(ctx.facts.runsOn(other), hosted)) }).job;
      for (const choice of runsOn.choices) {
        if (choice.combos !== undefined && !choice.combos.some((c) => publishCombos.has(c))) continue;
        const finding = decide(choice, hosted);
        if (!finding) continue;
        const key = `${finding.kind}\0${finding.value.toLowerCase()}`;
        if (reported.has(key)) continue;
        reported.add(key);
        // Legs that may not publish at all, while other legs run elsewhere: an `if:` tp-doctor cannot
        // evaluate reads the leg (`startsWith(matrix.os, 'ubuntu')`), so this runner is a guess.
        const hostedOther = hostedSibling();
        const undecided =
          hostedOther !== undefined ||
          (choice.combos !== undefined && !choice.combos.some((c) => decidedCombos.has(c)) && [...publishCombos].some((c) => c !== undefined && !choice.combos!.includes(c)));
        const base = { job: job.id, publishes: undecided ? ('may publish' as const) : publishes };
        const where = place(job, finding.label ?? { node: finding.node, fromInput: finding.fromInput });
        const siblingRelated =
          jobIf && hostedOther
            ? [
                { at: jobIf, label: chosen?.level === 'step' ? "the publishing step's `if:`, which tp-doctor cannot evaluate, decides whether it runs" : "the job's `if:`, which tp-doctor cannot evaluate, decides whether it runs" },
                { at: hostedOther.node, label: `job "${hostedOther.id}" also publishes, on a GitHub-hosted runner` },
              ]
            : [];
        const common = { at: where.at, atValue: true, related: [...where.related, ...siblingRelated], certainty: undecided ? leastCertain([certainty ?? 'certain', 'likely']) : certainty };
        const labelData = { ...base, label: finding.value, origin: where.origin, path: where.path };
        switch (finding.kind) {
          case 'group':
            ctx.report({ messageId: 'group', data: { ...base, group: finding.value }, ...common });
            break;
          case 'self-hosted':
            ctx.report({ messageId: 'selfHosted', data: labelData, ...common });
            break;
          case 'third-party':
            ctx.report({ messageId: 'thirdParty', data: { ...labelData, provider: finding.detail }, ...common });
            break;
          case 'retired':
            ctx.report({ messageId: 'retired', data: { ...labelData, retiredOn: finding.detail }, ...common });
            break;
          case 'unknown':
            ctx.report({ messageId: 'unknown', data: labelData, ...common });
            break;
          case 'expression':
            ctx.report({ messageId: 'expression', data: { ...base, expression: finding.value }, ...common });
            break;
        }
      }
      for (const r of retiredNeeds(job, hosted, (j) => ctx.facts.isPublishingJob(j), (j) => ctx.facts.runsOn(j))) {
        const data = { job: job.id, publishes, needed: r.needed.id, label: r.label, origin: r.where.origin, path: r.where.path, retiredOn: r.retiredOn };
        const related = [...r.where.related, { at: job.node, label: `job "${job.id}" needs "${r.needed.id}"` }];
        ctx.report({ messageId: 'retiredNeed', data, at: r.where.at, atValue: true, related, certainty });
      }
      // Advice for hosted labels GitHub has announced it will retire (only those that decide nothing above).
      for (const r of retiringLabels(job, runsOn, hosted, reported)) ctx.report({ messageId: 'retiring', data: r.data, at: r.where.at, atValue: true, related: r.where.related });
    },

    circleciJob(job, config, ctx) {
      const rc = job.resourceClass;
      // Only a trusted publish cares where it runs: a configuration no CircleCI publisher names publishes with a token.
      if (!rc || !ctx.facts.isPublishingJob(job) || !hasCirclePublisher(config, ctx.circleciPublishers)) return;
      const executor = rc.from === 'executor' && job.executor ? job.executor.name : undefined;
      const origin = [
        ...(executor ? [`from executor "${executor}"`] : []),
        ...rc.value.substituted.map((p) => `\`${p.name}\` = "${p.value}"`),
      ];
      const data = {
        job: job.name,
        value: rc.value.raw,
        origin: origin.length > 0 ? ` (${origin.join(', ')})` : '',
        path: executor ? `executors.${executor}.resource_class` : `jobs.${job.name}.resource_class`,
      };
      const related = rc.value.substituted.map((p) => ({ at: p.node, label: `\`${p.name}\` = "${p.value}" (${substitutionFrom(p)})` }));
      // A class read from a pipeline parameter's default is what runs by default, not certainly.
      const certainty = onPipelineDefault(ctx.facts.jobCertainty(job), pipelineDefaults(rc.value).length > 0);
      const common = { at: rc.value.node, atValue: true, related, certainty };
      if (rc.selfHosted === undefined) {
        const unknown = rc.value.unknown.map((u) => `\`<< ${u} >>\``).join(', ');
        ctx.report({ messageId: 'circleciResourceClassUnknown', data: { ...data, unknown }, ...common });
      } else if (rc.selfHosted) {
        ctx.report({ messageId: 'circleciSelfHosted', data: { ...data, value: rc.value.text.trim(), publishes: ctx.facts.verb(job) }, ...common });
      }
    },

    gitlabJob(job, _pipeline, ctx) {
      if (!ctx.facts.isPublishingJob(job)) return;
      const finding = decideTags(job, ctx.config.runners.hosted);
      if (!finding) return;
      const path = editPath(job, finding.origin, 'tags');
      const common = { at: finding.origin.node, atValue: true, related: jobRelated(job, finding.origin.node, inheritingJobLabel(job, finding.origin)), certainty: ctx.facts.jobCertainty(job) };
      if (finding.kind === 'variable') {
        ctx.report({ messageId: 'gitlabTagVariable', data: { job: job.name, tag: finding.tag, path }, ...common });
      } else {
        ctx.report({ messageId: 'gitlabTag', data: { job: job.name, publishes: ctx.facts.verb(job), tag: finding.tag, from: finding.from, path }, ...common });
      }
    },
  },
});

/** The hosted labels of the job that GitHub has announced it will retire, each once, and none already `reported`. */
function retiringLabels(job: Job, runsOn: RunsOn, hosted: readonly string[], reported: Set<string>) {
  const out = [];
  for (const choice of runsOn.choices) {
    for (const label of choice.labels) {
      const retirement = runnerRetirement(label.value);
      const key = `retiring\0${label.value.toLowerCase()}`;
      if (retirement?.status !== 'scheduled' || reported.has(key) || classifyRunnerLabel(label.value, hosted).kind !== 'hosted') continue;
      reported.add(key);
      const where = place(job, label);
      out.push({ where, data: { job: job.id, label: label.value, origin: where.origin, path: where.path, retiresOn: retirement.date, suggestion: retirement.successor } });
    }
  }
  return out;
}

/** True when every runner the job may run on is a GitHub-hosted one tp-doctor knows. */
function hostedOnly(runsOn: RunsOn | undefined, hosted: readonly string[]): boolean {
  return runsOn !== undefined && runsOn.choices.length > 0 && runsOn.choices.every((choice) => decide(choice, hosted) === undefined);
}
