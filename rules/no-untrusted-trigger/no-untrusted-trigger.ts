import { defineRule } from '../../src/engine/define-rule.js';
import { ReportsByLocation } from '../../src/engine/report-once.js';
import { PR_HEAD_RUN } from '../../src/model/github/checkout.js';
import { conditionForEvent, needGuards, skippedWithNeed } from '../../src/model/github/needs.js';
import { mergeRequestsNotPublishing } from '../../src/model/npm/pull-request-skip.js';
import { githubEventsSkipped } from '../../src/model/github/pull-request-runs.js';
import type { Job, Step, Trigger } from '../../src/model/github/types.js';
import type { GitlabJob, GitlabPipeline } from '../../src/model/gitlab/types.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { WorkflowEvents } from '../../src/model/workflow-files.js';

/** A checkout `ref:` that names the pull request's (or the triggering run's) head: code the base repository never reviewed. */
const PR_HEAD_REF =
  /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|refs\/pull\/|github\.event\.workflow_run\.head_(?:sha|branch)/;
/** An `if:` that lets only pull requests from this repository's own branches through. */
const SAME_REPO_GUARD =
  /head\.repo\.full_name\s*==\s*github\.repository\b|github\.repository\s*==\s*github\.event\.pull_request\.head\.repo\.full_name|head\.repo\.fork\s*==\s*false|!\s*github\.event\.pull_request\.head\.repo\.fork\b/;

/**
 * Per event, an `if:` that keeps outsiders out (the guards each message's fix suggests): only pull
 * requests from this repository's own branches; only commenters who are owners, members or
 * collaborators (`author_association`); only triggering runs that were not pull requests.
 */
const OUTSIDERS_KEPT_OUT: Record<Risky, RegExp> = {
  pull_request_target: SAME_REPO_GUARD,
  issue_comment: /comment\.author_association\b/,
  // Or: only the run of the commit at the tip of the default branch (`github.sha` on `workflow_run`),
  // which a pull request's run never is (openai/openai-agents-js).
  workflow_run: /workflow_run\.event\s*==\s*['"](?:push|release|schedule|workflow_dispatch)['"]|github\.sha\s*==\s*github\.event\.workflow_run\.head_sha|github\.event\.workflow_run\.head_sha\s*==\s*github\.sha/,
};

/**
 * True when every workflow a `workflow_run` trigger names (`workflows:`) is one of this
 * repository's, by `name:` (mdn/rari's `build-and-upload-binaries`, which runs on `release`), and
 * each runs only on events outsiders cannot start (`WorkflowEvents`, data/insider-events.ts). A name no workflow read has (another file's name, an
 * expression, a file tp-doctor did not read) keeps the finding.
 */
function triggeredByInsidersOnly(trigger: Trigger, events: WorkflowEvents | undefined): boolean {
  const names = trigger.node.isMap ? trigger.node.get('workflows') : undefined;
  const list = names?.isSeq ? names.items().map((n) => n.text) : names?.isScalar ? [names.text] : [];
  if (!events || list.length === 0) return false;
  return list.every((name) => {
    const found = name === undefined ? undefined : events.get(name.trim());
    return found !== undefined && found.every((insidersOnly) => insidersOnly);
  });
}

/** The events that run a workflow with the base repository's privileges on behalf of someone outside it. */
type Risky = 'pull_request_target' | 'issue_comment' | 'workflow_run';

export default defineRule({
  id: 'no-untrusted-trigger',
  meta: {
    // Not `error`: npm accepts these publishes (the workflow file is the trusted one); the danger is
    // who can start them, which is a security finding, not a failing publish.
    severity: 'warning',
    providers: ['github', 'gitlab'],
    summary: 'No publish runs for events an outsider can start (`pull_request_target`, `issue_comment`, `workflow_run`), or on their code',
    // A checkout of a fork's head in a job that can publish gives any GitHub user a publish with
    // valid provenance: the most direct supply-chain hole this linter can see (9.0).
    securitySeverity: 9.0,
    messages: {
      untrustedCheckout: {
        text: 'Job "{job}" {publishes} to npm after checking out the pull request\'s code (`{ref}`) in a workflow that runs on `{event}`',
        why: '`{event}` runs with the base repository\'s privileges, including the OIDC token npm exchanges, for events anyone on GitHub can cause ({who}). Checking out the pull request\'s head runs its author\'s code (install scripts, build scripts, test hooks) inside that job: a fork can publish any version of the package, with valid provenance',
        fix: 'Never publish from a `{event}` workflow: move the publish to a workflow that runs on `push` of a tag or `release`, or drop the checkout of the pull request\'s head from {path}',
      },
      pullRequestTarget: {
        text: 'Job "{job}" {publishes} to npm in a workflow that runs on `pull_request_target`',
        why: '`pull_request_target` runs for pull requests from any fork with the base repository\'s privileges, OIDC token included, so every outside pull request starts a run of the publishing job. Nothing in it checks out the pull request\'s code now, but one added step (or an action that reads the pull request) turns it into a publish of a stranger\'s code',
        fix: 'Publish from a workflow that runs on `push` of a tag or `release` instead; if this workflow must stay, guard the job with `if: github.event_name != \'pull_request_target\'`',
        severity: 'warning',
      },
      issueComment: {
        text: 'Job "{job}" {publishes} to npm in a workflow that runs on `issue_comment`',
        why: '`issue_comment` runs with the base repository\'s privileges, OIDC token included, whenever anyone comments on an issue or pull request; unless the job checks who commented, any GitHub user can start a publish',
        fix: 'Publish from a workflow that runs on `push` of a tag, `release` or `workflow_dispatch`; if comments must start it, guard the job with the commenter\'s `author_association` (OWNER, MEMBER or COLLABORATOR)',
        severity: 'warning',
      },
      workflowRun: {
        text: 'Job "{job}" {publishes} to npm in a workflow that runs on `workflow_run`',
        why: '`workflow_run` runs with the base repository\'s privileges, OIDC token included, after another workflow finishes; when that workflow runs for pull requests from forks, a fork can start the publish and hand it artifacts, outputs and branch names. A triggering workflow of this repository named in `workflows:` that runs only on events outsiders cannot start (push, release, schedule, dispatch) clears it; here at least one may run for pull requests, or is not a workflow tp-doctor read',
        fix: 'Publish from a workflow that runs on `push` of a tag or `release`; otherwise make sure the triggering workflows never run on `pull_request`, and guard the job with `if: github.event.workflow_run.event == \'push\'`',
        severity: 'warning',
      },
      pullRequest: {
        text: 'Job "{job}" {publishes} to npm in a workflow that runs on `pull_request`, and no `if:` on the job, its callers or its publish step keeps pull requests out',
        why: 'Runs for pull requests from forks get no OIDC token, so the publish fails there; runs for branches of this repository get one and publish whatever the branch contains before anyone reviewed it',
        fix: 'Guard the publish with an `if:` that pull requests fail (for example `if: github.event_name == \'push\'`), or publish from a workflow that runs on `push` of a tag or `release`',
        severity: 'info',
      },
      pullRequestMerged: {
        text: 'Job "{job}" {publishes} to npm when a pull request is merged (`pull_request` of type `closed`); the merge of a pull request from a fork gets no OIDC token',
        why: 'A run for a pull request from a fork gets no OIDC token and no secrets, and that holds for the `closed` event of a merged one too: the publish fails with ENEEDAUTH or E404 whenever the merged pull request came from a fork. Merges of branches of this repository do publish',
        fix: 'Publish on `push` to the branch pull requests merge into (the merge commit runs with this repository\'s privileges), or on `release` or a tag push; or keep fork pull requests out with `github.event.pull_request.head.repo.full_name == github.repository` and release their changes another way',
        severity: 'info',
      },
      gitlabMergeRequest: {
        text: 'Job "{job}" {publishes} to npm and runs in merge-request pipelines ({because})',
        why: 'npm\'s GitLab trusted publisher names the project and the CI file, not a branch: a merge-request pipeline in this project (from a branch, or a fork\'s merge request that a member runs in the parent project) gets an ID token npm accepts and publishes code that nobody merged yet',
        fix: 'Limit the publishing job with `rules:`, for example `- if: $CI_COMMIT_TAG` (or `$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH`), so it never runs for `merge_request_event`',
        severity: 'warning',
      },
    },
  },
  hooks: {
    project(project, ctx) {
      const once = new ReportsByLocation(ctx, (job: Job) => [{ at: job.node, label: `publishing job "${job.id}" in ${job.workflow.fileName}` }]);
      const seen = new Set<string>();
      for (const job of ctx.facts.publishingJobs) {
        const certainty = ctx.facts.jobCertainty(job);
        const publishingSteps = [...new Set(ctx.facts.jobSites(job).map((s) => s.step))];
        const lastIndex = Math.max(...publishingSteps.map((s) => s.index));
        const stepGuards = publishingSteps.map(stepIf);
        const base = { job: job.id, publishes: ctx.facts.verb(job) };
        // semantic-release publishes nothing in a pull request's run (docs/domain.md A.36).
        const notPublishing = githubEventsSkipped(ctx.facts.jobSites(job), ctx.facts.toolConfigFiles);
        for (const chain of project.callGraph.entryChains(job.workflow)) {
          // The `if:` of a job it needs (or a caller needs) skips it with that job: one of its own (needGuards).
          const needed = [job, ...chain.callers].flatMap(needGuards);
          const guards = [...chain.callers.map((c) => c.if), job.if, ...needed].filter((g): g is string => g !== undefined);
          for (const trigger of chain.entry.triggers) {
            const event = trigger.event;
            if (event !== 'pull_request' && !isRisky(event)) continue;
            // A job that needs a job skipped for the event is skipped with it (unless `always()`...).
            if ([job, ...chain.callers].some((j) => skippedWithNeed(j, event))) continue;
            const undecided = undecidedGuards(guards, stepGuards, event);
            if (undecided === 'out') continue;
            if (event === 'pull_request') {
              if (notPublishing.has(event)) continue;
              // A condition tp-doctor cannot decide counts as a guard: the message says no `if:` keeps pull requests out.
              // A guard on the merge of the pull request keeps its head out but not a fork's merge (publishesOnMerge).
              if (undecided.length > 0) {
                if (publishesOnMerge(trigger, undecided)) once.add(job, { messageId: 'pullRequestMerged', data: base, at: trigger.node, atValue: atValueOf(trigger), certainty });
                continue;
              }
              once.add(job, { messageId: 'pullRequest', data: base, at: trigger.node, atValue: atValueOf(trigger), certainty });
              continue;
            }
            if (!isRisky(event) || excluded(undecided, event)) continue;
            if (event === 'workflow_run' && triggeredByInsidersOnly(trigger, project.workflowEvents)) continue;
            if (undecided.some((g) => OUTSIDERS_KEPT_OUT[event].test(g))) continue;
            const checkout = event === 'workflow_run' ? undefined : prHeadCheckout(job, lastIndex);
            if (checkout) {
              const key = `${checkout.node.file}:${checkout.node.span.start.line}:${event}`;
              if (seen.has(key)) continue;
              seen.add(key);
              const data = { ...base, event, ref: checkout.text, who: WHO[event], path: `jobs.${job.id}.steps[${checkout.step.index}]` };
              ctx.report({ messageId: 'untrustedCheckout', data, at: checkout.node, atValue: true, related: [{ at: trigger.node, label: `\`${event}\` in ${chain.entry.fileName}` }], certainty });
              continue;
            }
            // The pull request's code still runs with the token (above); a job that only runs its own does not publish.
            if (notPublishing.has(event)) continue;
            const messageId = event === 'pull_request_target' ? 'pullRequestTarget' : event === 'issue_comment' ? 'issueComment' : 'workflowRun';
            once.add(job, { messageId, data: base, at: trigger.node, atValue: atValueOf(trigger), certainty });
          }
        }
      }
      once.flush();
    },

    gitlabPipeline(pipeline, ctx) {
      const workflowMr = workflowAllowsMergeRequests(pipeline);
      for (const job of ctx.facts.publishingGitlabJobs(pipeline)) {
        const because = mergeRequestReason(job, workflowMr);
        if (because === undefined || mergeRequestsNotPublishing(ctx.facts.jobSites(job), ctx.facts.toolConfigFiles)) continue;
        ctx.report({
          messageId: 'gitlabMergeRequest',
          data: { job: job.name, publishes: ctx.facts.verb(job), because: because.text },
          at: job.node,
          related: because.at ? [{ at: because.at, label: because.label }] : [],
          certainty: ctx.facts.jobCertainty(job),
        });
      }
    },
  },
});

const WHO: Record<Risky, string> = {
  pull_request_target: 'opening a pull request from a fork',
  issue_comment: 'commenting on a pull request',
  workflow_run: 'a pull request whose checks start this workflow',
};

function isRisky(event: string): event is Risky {
  return event === 'pull_request_target' || event === 'issue_comment' || event === 'workflow_run';
}

/**
 * A condition on where the pull request comes from: its head repository, its head branch
 * (`head.ref`, `head_ref`, `head.label` — a release branch such as changesets' `changeset-release/main`,
 * which a fork would have to name on purpose), its author or its title (a release bot's pull request,
 * "chore: release v1.2.3").
 */
const HEAD_CHOICE = /\bhead\.(?:repo|ref|label)\b|\bhead_ref\b|\.fork\b|\bpull_request\.(?:user\.login|title)\b|\bgithub\.(?:actor|triggering_actor)\b/;

/**
 * A `pull_request` trigger whose `types` include `closed`, for a job kept to merged pull requests
 * (`github.event.pull_request.merged == true` among the conditions tp-doctor cannot decide) with no
 * condition on where the pull request comes from (`HEAD_CHOICE`): a fork's merge runs it without an
 * OIDC token (kibertoad/toad-cache).
 */
function publishesOnMerge(trigger: Trigger, guards: readonly string[]): boolean {
  const types = trigger.node.isMap ? trigger.node.get('types') : undefined;
  const names = types === undefined ? [] : types.isSeq ? types.list().map((t) => t.text) : [types.text];
  if (!names.includes('closed')) return false;
  return guards.some((g) => /\bgithub\.event\.pull_request\.merged\b/.test(g)) && !guards.some((g) => HEAD_CHOICE.test(g));
}

/** Map entries point at the event name; `on: x` and list items at the value. */
function atValueOf(trigger: Trigger): boolean {
  return trigger.node.key !== trigger.event;
}

function stepIf(step: Step): string | undefined {
  return step.node.get('if')?.text;
}

/**
 * The `if:` conditions on the way to the publish that tp-doctor cannot decide for a run of `event`
 * (`conditionForEvent`, read as in a run where everything before succeeded), or 'out' when one
 * certainly keeps the event out: the job's or a calling job's condition is false for it, or every
 * publish step's is. A condition certainly true for the event guards nothing, and when one publish
 * step has no condition or one true for the event, the publish steps' conditions guard nothing.
 */
function undecidedGuards(jobGuards: readonly string[], stepGuards: readonly (string | undefined)[], event: string): string[] | 'out' {
  const read = (g: string | undefined): { g: string; v: boolean | undefined } => ({ g: g ?? '', v: g === undefined ? true : conditionForEvent(g, event, true) });
  const jobs = jobGuards.map(read);
  const steps = stepGuards.map(read);
  if (jobs.some((c) => c.v === false) || (steps.length > 0 && steps.every((c) => c.v === false))) return 'out';
  const stepsOpen = steps.some((c) => c.v === true);
  return [...jobs, ...(stepsOpen ? [] : steps)].filter((c) => c.v === undefined).map((c) => c.g);
}

/** A plain comparison of `github.event_name` with a literal, which the evaluator decides itself. */
const EVENT_COMPARISON = /github\.event_name\s*[!=]=\s*(?:'[^']*'|"[^"]*")|(?:'[^']*'|"[^"]*")\s*[!=]=\s*github\.event_name/g;

/**
 * For conditions the evaluator cannot decide because of how they test the event
 * (`contains(fromJSON('["push"]'), github.event_name)`): true when one of them tests
 * `github.event_name` in a way the evaluator does not read and either never names the event or
 * names it with `!=`. A condition whose every event test is a plain comparison is undecided for
 * another reason (`github.event_name == 'workflow_dispatch' || github.event.workflow_run.conclusion
 * == 'success'`, mongodb-js/devtools-shared): the evaluator already read those comparisons, and
 * the rest of the condition may let the event through.
 */
function excluded(guards: readonly string[], event: string): boolean {
  const named = new RegExp(`['"]${event}['"]`);
  const negated = new RegExp(`event_name\\s*!=\\s*['"]${event}['"]|['"]${event}['"]\\s*!=\\s*github\\.event_name`);
  return guards.some((g) => /\bevent_name\b/.test(g.replace(EVENT_COMPARISON, '')) && (!named.test(g) || negated.test(g)));
}

/** The first step before the last publish that checks out a pull request's head: the `ref:` input, or the `run:` line. */
function prHeadCheckout(job: Job, lastIndex: number): { node: YNode; text: string; step: Step } | undefined {
  for (const step of job.steps) {
    if (step.index > lastIndex) break;
    if (step.uses?.name.toLowerCase() === 'actions/checkout') {
      const ref = step.with.get('ref');
      if (ref?.text !== undefined && PR_HEAD_REF.test(ref.text)) return { node: ref, text: ref.text.trim(), step };
    }
    const run = step.run;
    const m = run ? PR_HEAD_RUN.exec(run.text) : null;
    if (run && m) return { node: run.node, text: m[0], step };
  }
  return undefined;
}

/** `workflow:rules` of the pipeline (top-level file first), when one of them lets merge-request pipelines run. */
function workflowAllowsMergeRequests(pipeline: GitlabPipeline): YNode | undefined {
  for (const doc of pipeline.documents) {
    const rules = doc.root?.at('workflow', 'rules');
    if (!rules) continue;
    // The first `workflow:` found decides (the top-level file is read first and wins over includes).
    return rules.items().find((rule) => mentionsMergeRequests(rule) && rule.get('when')?.text !== 'never');
  }
  return undefined;
}

function mentionsMergeRequests(rule: YNode): boolean {
  return /merge_request_event/.test(rule.get('if')?.text ?? '');
}

/**
 * Why the job runs in merge-request pipelines, or undefined. Its own `rules:` that name
 * `merge_request_event` (without `when: never`), `only: merge_requests`; or no `rules`/`only`/
 * `except` at all in a pipeline whose `workflow:rules` allow merge-request pipelines.
 */
function mergeRequestReason(job: GitlabJob, workflowMr: YNode | undefined): { text: string; at?: YNode; label: string } | undefined {
  const rules = job.keywords.get('rules');
  const only = job.keywords.get('only');
  if (rules) {
    for (const item of rules.kind === 'leaf' ? (rules.items ?? []) : []) {
      if (item.kind !== 'map') continue;
      const node = item.origin.node;
      if (mentionsMergeRequests(node) && node.get('when')?.text !== 'never') {
        return { text: 'its `rules:` match `merge_request_event`', at: node, label: 'rule' };
      }
    }
    return undefined;
  }
  if (only) {
    const list = only.kind === 'map' ? only.entries.get('refs') : only;
    const names = list?.kind === 'leaf' ? (list.items ?? [list]).map((i) => i.origin.node.text ?? '') : [];
    return names.includes('merge_requests') ? { text: '`only: merge_requests`', at: only.origin.node, label: '`only:`' } : undefined;
  }
  if (job.keywords.has('except') || !workflowMr) return undefined;
  return { text: 'it has no `rules:` and `workflow:rules` start merge-request pipelines', at: workflowMr, label: '`workflow:rules` entry' };
}

