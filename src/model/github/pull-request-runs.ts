/**
 * Publish sites no run of the workflow reaches with a publish: a tool that never publishes in a run
 * for a pull request (semantic-release: ../data/pull-request-skips.ts, docs/domain.md A.36), in a
 * step every run of which is for a pull request. The events that can start such a run are those
 * of the top-level workflows of the job's entry chains (a called workflow's `github.event_name` is
 * its caller's: ./entry-events.ts), less those an `if:` on the way certainly stops (the job's, its
 * callers', the step's, a needed job's: `reachingEvents`, `skippedWithNeed`).
 *
 * Whatever tp-doctor cannot list keeps the publish: a workflow with no trigger it reads, one another
 * repository may call (`workflow_call` on the job's workflow with no caller here, or on an entry),
 * and every run a condition it cannot evaluate may let through. So does whatever may turn the
 * tool's check off (`pullRequestSkip`: a run-time word, `--no-ci`, `extends`, `ci: false`), and a
 * `pull_request_target` run of a job that checks out another commit before the step (the pull
 * request's head): the configuration the tool reads there is not the committed one, and may say
 * `ci: false`. So does a step that sets a variable the tool reads the run from (`env:
 * GITHUB_EVENT_NAME: push`, `GITHUB_EVENT_NAME=push npx semantic-release`: env-ci's `isPr`).
 */
import { PULL_REQUEST_SKIPS } from '../data/pull-request-skips.js';
import { githubEventsNotPublishing } from '../npm/pull-request-skip.js';
import type { ToolConfigFiles } from '../npm/tool-config.js';
import type { CallGraph, EntryChain } from './call-graph.js';
import { checksOutOtherCommit } from './checkout.js';
import { reachingEvents } from './entry-events.js';
import { skippedWithNeed } from './needs.js';
import { envFor, setsVariable } from './steps.js';
import type { GithubSite, Job, Step } from './types.js';

/**
 * The events that can start a run reaching `step` of `job` (`github.event_name` in that run);
 * undefined when tp-doctor cannot list them. `graph`: the project's call graph; without it (a
 * streamed workflow, never called) the job's own workflow is the only entry.
 */
export function eventsReachingStep(job: Job, step: Step, graph: CallGraph | undefined): ReadonlySet<string> | undefined {
  const own: EntryChain[] = job.workflow.callableOnly || job.workflow.triggers.length === 0 ? [] : [{ entry: job.workflow, callers: [] }];
  const chains = graph ? graph.entryChains(job.workflow) : own;
  // Another repository's call starts a run whose events tp-doctor does not see.
  if (chains.length === 0 || chains.some((c) => c.entry.callable)) return undefined;
  const events = new Set<string>();
  for (const chain of chains) {
    for (const event of reachingEvents(chain, job, [step])) {
      // A job that needs a job skipped for the event is skipped with it.
      if (![job, ...chain.callers].some((j) => skippedWithNeed(j, event))) events.add(event);
    }
  }
  return events;
}

/** The variables env-ci reads a GitHub run from (`GITHUB_EVENT_NAME`, `GITHUB_ACTIONS`: ../data/pull-request-skips.ts). */
const RUN_VARIABLES = [...new Set(PULL_REQUEST_SKIPS.flatMap((r) => r.envVariables.github))];

/**
 * The step's run may not look like the event that started it: its, its job's or its workflow's
 * `env:` sets a variable env-ci reads, or its `run:` or an earlier step's sets one (`export
 * GITHUB_EVENT_NAME=push`, a `$GITHUB_ENV` write). GitHub documents that `GITHUB_*` defaults cannot
 * be overwritten; tp-doctor does not rely on it and keeps the publish.
 */
function setsRunVariable(step: Step): boolean {
  const texts = step.job.steps.filter((s) => s.index <= step.index).map((s) => s.run?.text ?? '');
  return RUN_VARIABLES.some((name) => envFor(step, name) !== undefined || texts.some((t) => setsVariable(t, name)));
}

/** The GitHub events in whose runs none of a job's publish `sites` publishes (`githubEventsNotPublishing`); none when a step of one sets a variable the tool reads the run from (`setsRunVariable`). */
export function githubEventsSkipped(sites: readonly GithubSite[], files: ToolConfigFiles | undefined): ReadonlySet<string> {
  return sites.some((s) => setsRunVariable(s.step)) ? new Set() : githubEventsNotPublishing(sites, files);
}

/** The events in whose runs `site`'s tool publishes nothing (`githubEventsNotPublishing`), less `pull_request_target` after a checkout of another commit; none when the step sets a variable the tool reads the run from. */
function eventsSkipped(site: GithubSite, files: ToolConfigFiles | undefined): Set<string> {
  if (setsRunVariable(site.step)) return new Set();
  const skipped = new Set(githubEventsNotPublishing([site], files));
  // `pull_request_target` checks out the base branch; a later checkout of another commit brings its configuration.
  if (checksOutOtherCommit(site.job, site.step.index)) skipped.delete('pull_request_target');
  return skipped;
}

/**
 * The sites that may publish in some run that reaches them: without those of a tool that skips
 * every event that can start such a run (`githubEventsNotPublishing`; `on: pull_request` with
 * semantic-release). A step no run reaches keeps its sites, as before.
 */
export function publishingInSomeRun(sites: GithubSite[], graph: CallGraph | undefined, files: ToolConfigFiles | undefined): GithubSite[] {
  return sites.filter((site) => {
    const skipped = eventsSkipped(site, files);
    if (skipped.size === 0) return true;
    const events = eventsReachingStep(site.job, site.step, graph);
    return events === undefined || events.size === 0 || [...events].some((e) => !skipped.has(e));
  });
}

/**
 * Whether `site` may publish in a run of `chain`, one entry chain of its job: false only when every
 * event that can start the chain's entry and reach the step is one its tool skips (a
 * `pull_request`-only caller of a reusable workflow running semantic-release, while a `push`
 * caller of the same workflow publishes). Kept when tp-doctor cannot list the events: an entry
 * another repository may call, one with no trigger it reads, or no event reaching the step.
 */
export function chainMayPublish(site: GithubSite, chain: EntryChain, files: ToolConfigFiles | undefined): boolean {
  const skipped = eventsSkipped(site, files);
  if (skipped.size === 0 || chain.entry.callable) return true;
  const events = reachingEvents(chain, site.job, [site.step]).filter((e) => ![site.job, ...chain.callers].some((j) => skippedWithNeed(j, e)));
  return events.length === 0 || events.some((e) => !skipped.has(e));
}

/** The entry chains of `chains` (of the sites' job) in whose runs one of `sites` may publish (`chainMayPublish`); all of them when none would be left. */
export function publishingChains(chains: readonly EntryChain[], sites: readonly GithubSite[], files: ToolConfigFiles | undefined): EntryChain[] {
  const kept = chains.filter((c) => sites.some((s) => chainMayPublish(s, c, files)));
  return kept.length > 0 ? kept : [...chains];
}
