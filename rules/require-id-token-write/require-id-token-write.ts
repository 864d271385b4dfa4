import { defineRule, type ReportTarget, type RuleContext } from '../../src/engine/define-rule.js';

type RelatedTarget = { at: ReportTarget; label: string };
import type { FixSpec } from '../../src/fix/edits.js';
import type { Job, Step } from '../../src/model/github/types.js';
import type { Project } from '../../src/model/project.js';
import { remotePublishCalls } from '../../src/model/github/remote-calls.js';
import { leastCertain, type Certainty } from '../../src/model/publish.js';
import type { FallbackJob } from '../../src/model/token-fallback.js';
import { addToBlock, jobBlockSuggestion, replaceBlockSuggestion, setWrite } from './fixes.js';
import { containerOidcGap } from '../../src/model/npm/container-env.js';
import type { GithubSite } from '../../src/model/github/types.js';
import { blockPath, decidingCallers, invalidIdTokenEntries, readAllLike, workflowGrant } from './access.js';
import { undecidedPublishIf } from '../../src/model/github/entry-events.js';

const NO_TOKEN =
  'Without `id-token: write` the runner gives the job no OIDC token, npm silently skips the token exchange and the publish fails with ENEEDAUTH (or E404 when an old token is still configured)';

const rule = defineRule({
  id: 'require-id-token-write',
  meta: {
    severity: 'error',
    oidcOnly: true,
    providers: ['github'],
    summary: 'Publishing jobs, and every job that calls them, grant `id-token: write`',
    // Mostly an availability problem (the publish fails), but it is the one that pushes teams back
    // to long-lived npm tokens; an invalid `id-token` value breaks the whole workflow. 3.0.
    securitySeverity: 3.0,
    fixable: true,
    hasSuggestions: true,
    messages: {
      noPermissions: {
        text: 'Job "{job}" {publishes} to npm but no `permissions` block grants `id-token: write`; the repository default never includes `id-token`',
        why: NO_TOKEN,
        fix: 'Add a top-level `permissions:` block to {file} with `id-token: write` and `contents: read` (scopes you do not list become `none`)',
      },
      workflowBlock: {
        text: 'The workflow-level `permissions` gives job "{job}", which {publishes} to npm, `id-token: none` (not listed); expected `id-token: write`',
        why: `Every scope a \`permissions\` map does not list is \`none\`. ${NO_TOKEN}`,
        fix: 'Add `id-token: write` under `{path}` in {file}',
      },
      jobBlock: {
        text: 'The `permissions` of job "{job}", which {publishes} to npm, do not list `id-token`; expected `id-token: write`',
        why: `Every scope a \`permissions\` map does not list is \`none\`. ${NO_TOKEN}`,
        fix: 'Add `id-token: write` under `{path}` in {file}',
      },
      shadowed: {
        text: 'The job-level `permissions` of "{job}", which {publishes} to npm, replace the workflow-level `id-token: write`: the job gets `id-token: none`',
        why: `A job-level \`permissions\` block replaces the workflow-level one entirely, it does not add to it. ${NO_TOKEN}`,
        fix: 'Add `id-token: write` under `{path}` in {file} as well',
      },
      readAll: {
        text: '`permissions: {value}` gives job "{job}", which {publishes} to npm, `id-token: none`; expected `id-token: write`',
        why: `\`read-all\` and an empty map never include \`id-token\` (only \`write-all\` does). ${NO_TOKEN}`,
        fix: 'Replace `{path}: {value}` in {file} with a map listing `id-token: write` and the read scopes the job needs, e.g. `contents: read`',
      },
      explicitNone: {
        text: 'Job "{job}" {publishes} to npm with `id-token: none`; expected `id-token: write`',
        why: NO_TOKEN,
        fix: 'Change `id-token: none` to `id-token: write` under `{path}` in {file}',
      },
      expression: {
        text: 'The `id-token` access of job "{job}", which {publishes} to npm, is the expression "{value}"; tp-doctor cannot tell whether it is `write`',
        why: 'Only `id-token: write` lets npm obtain an OIDC token; any other outcome makes the publish fail with ENEEDAUTH or E404',
        fix: 'Write `id-token: write` literally under `{path}` in {file}',
        severity: 'info',
      },
      invalidIdToken: {
        startsNoRun: true,
        oidcOnly: false,
        text: '`id-token: {value}` is not a valid access level; expected `write` or `none`',
        why: 'GitHub rejects the whole workflow file as invalid and runs none of its jobs, so nothing in it can publish',
        fix: 'Use `id-token: write` for a job that publishes to npm (or `none` for one that does not)',
      },
      invalidPermissions: {
        startsNoRun: true,
        oidcOnly: false,
        text: '`permissions: {value}` is not valid; expected `read-all`, `write-all` or a map of scopes',
        why: 'GitHub rejects the whole workflow file as invalid and runs none of its jobs, so nothing in it can publish',
        fix: 'Write `permissions:` as a map, e.g. `id-token: write` and `contents: read`',
      },
      callerMissing: {
        // Not every one fails at start-up: `tokenFrom` says when a token may stand in (below).
        text: 'Job "{caller}" calls "{callee}", whose job "{job}" {publishes} to npm, but gives it `id-token: none`; expected `id-token: write`',
        why: 'A called workflow can keep or reduce the caller\'s permissions, never raise them: GitHub fails the run at start-up ("nested job \'{job}\' is requesting \'id-token: write\', but is only allowed \'id-token: none\'"), or, when the called workflow asks for nothing, npm gets no OIDC token and fails with ENEEDAUTH',
        fix: 'Add `id-token: write` under `jobs.{caller}.permissions` in {file}, with every other scope the called workflow needs (such as `contents: read`)',
      },
      callerDefault: {
        text: 'Job "{caller}" calls "{callee}", whose job "{job}" asks for `id-token: write`, but declares no `permissions`, so the repository\'s default token permissions decide whether the run starts',
        why: 'A called workflow can keep or reduce the caller\'s permissions, never raise them. With the restricted default ("Read repository contents", the default for repositories and organizations created since February 2023) GitHub fails the run at start-up ("nested job \'{job}\' is requesting \'id-token: write\', but is only allowed \'id-token: none\'"); with the permissive default ("Read and write permissions") the run starts. That setting is not in the repository\'s files',
        fix: 'Add `id-token: write` under `jobs.{caller}.permissions` in {file}, with every other scope the called workflow needs (such as `contents: read`), so that the run does not depend on the repository\'s settings',
        severity: 'warning',
      },
      containerEnv: {
        text: '`{command}` runs in a container of image "{image}", which does not get {missing} from the job: npm inside it cannot get the OIDC token',
        why: 'A container does not inherit the job\'s environment: only the variables its options pass are set inside it. npm tries trusted publishing only where `GITHUB_ACTIONS` says it runs on GitHub Actions, and asks the runner for the ID token with `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN` (or reads one from `NPM_ID_TOKEN`); without them it silently skips the exchange and the publish fails with ENEEDAUTH (or E404 when an old token is configured)',
        fix: 'Pass them into the container: add {flags} to the `{runner}` command (`-e NAME` passes the job\'s value)',
        // A warning: the container may still get a token or an ID token another way tp-doctor does not
        // follow (a mounted `.npmrc`, a token written or `NPM_ID_TOKEN` set by its own command, a
        // `-e` prefix pattern), so the failure is likely, not certain.
        severity: 'warning',
      },
      containerEnvUnread: {
        text: '`{command}` runs in a container of image "{image}", whose options pass {missing} only if `{unread}` (which tp-doctor does not read) does: without them npm inside it cannot get the OIDC token',
        why: 'A container does not inherit the job\'s environment: only the variables its options pass are set inside it. npm tries trusted publishing only where `GITHUB_ACTIONS` says it runs on GitHub Actions, and asks the runner for the ID token with `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN` (or reads one from `NPM_ID_TOKEN`); without them it silently skips the exchange and the publish fails with ENEEDAUTH (or E404 when an old token is configured)',
        fix: 'Make sure they reach the container, or pass them by name: add {flags} to the `{runner}` command (`-e NAME` passes the job\'s value)',
        severity: 'warning',
      },
      containerEnvToken: {
        text: '`{command}` runs in a container of image "{image}", which does not get {missing} from the job: npm inside it cannot use trusted publishing, and publishes only with the token passed in as `{token}`',
        why: 'A container does not inherit the job\'s environment: only the variables its options pass are set inside it. npm tries trusted publishing only where `GITHUB_ACTIONS` says it runs on GitHub Actions, and asks the runner for the ID token with `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN`; without them it skips the exchange. The token the options pass may still publish, which tp-doctor cannot check',
        fix: 'For trusted publishing, pass them into the container: add {flags} to the `{runner}` command, and stop passing `{token}` once the trusted publisher works',
        severity: 'warning',
      },
      remoteCallee: {
        text: 'Job "{job}" calls "{target}" in another repository, {reason}, and gives it `id-token: none`; if it publishes with trusted publishing, it needs `id-token: write` from this job',
        why: 'A called workflow can keep or reduce its caller\'s permissions, never raise them: if "{target}" publishes to npm with trusted publishing, GitHub refuses to start its job, or npm gets no OIDC token and fails with ENEEDAUTH. tp-doctor does not read workflows of other repositories, so whether it publishes is not known',
        fix: 'If "{target}" publishes with trusted publishing, add `id-token: write` under `jobs.{job}.permissions` in {file}, with every other scope it needs (such as `contents: read`)',
        severity: 'info',
      },
    },
  },
  hooks: {
    githubJob(job, ctx) {
      for (const site of ctx.facts.trustedSites(job)) reportContainerEnv(ctx, site);
    },
    githubWorkflow(workflow, ctx) {
      // `id-token: read` breaks the workflow whether or not the job publishes: report every one.
      for (const { node, value } of invalidIdTokenEntries(workflow)) {
        ctx.report({ messageId: 'invalidIdToken', data: { value: value || '""' }, at: node, atValue: value !== '', suggest: [setWrite(node)] });
      }
    },
    project(project, ctx) {
      checkRemoteCallees(project, ctx);
      const reportedCallers = new Set<Job>();
      for (const job of ctx.facts.publishingJobs) {
        const certainty: Certainty = ctx.facts.jobCertainty(job) ?? 'possible';
        const chains = project.callGraph.entryChains(job.workflow);
        const runsAsEntry = chains.some((c) => c.callers.length === 0) || (chains.length === 0 && !job.workflow.callable);
        const pub = ctx.facts.verb(job);
        // A called workflow without any `permissions` inherits its caller's: only the callers decide.
        if (job.idToken.source !== 'default' || runsAsEntry) {
          const lacking = job.idToken.access !== 'write' && job.idToken.access !== 'invalid';
          const alternative = lacking ? undecidedBesideGranted(job, ctx.facts.publishingJobs, ctx.facts.trustedSites(job).map((s) => s.step)) : undefined;
          checkOwn(ctx, job, pub, alternative ? leastCertain([certainty ?? 'certain', 'likely']) : certainty, undefined, alternative);
        }
        // A job that asks for `id-token: write` itself makes GitHub refuse to start a run whose
        // caller grants less, whatever the job publishes: that finding rests on no guess, unless
        // whether the job publishes to npm at all is one (a `possible` publish: an unread action
        // whose name says publish, kosli-dev/cli's SBOM upload): then it is checked at info level,
        // as every finding on such a publish is.
        const requests = job.idToken.source !== 'default' && job.idToken.access === 'write' && certainty !== 'possible';
        for (const { caller, callee } of chains.flatMap((chain) => decidingCallers(chain, job))) {
          if (reportedCallers.has(caller)) continue;
          reportedCallers.add(caller);
          if (caller.idToken.access !== 'none') {
            checkOwn(ctx, caller, `calls a workflow that ${pub}`, certainty, requests ? null : { kind: 'github', job });
            continue;
          }
          // A caller with no `permissions` anywhere passes on the repository's default, which the
          // files do not show: the permissive default lets a called job raise `id-token` (survey800a:
          // latticexyz/mud has published this way since 2024), the restricted one does not.
          const byDefault = requests && caller.idToken.source === 'default';
          ctx.report({
            messageId: byDefault ? 'callerDefault' : 'callerMissing',
            ...grantFixes(caller),
            data: { caller: caller.id, callee: callee.fileName, job: job.id, publishes: pub, file: caller.workflow.fileName },
            at: caller.node,
            related: [{ at: job.node, label: `publishing job "${job.id}" in ${job.workflow.fileName}` }],
            certainty: requests ? 'certain' : certainty,
            // GitHub refuses to start a run whose caller grants less than the job asks for: no token helps.
            // Else the publish is the called job's, and so is the token that may stand in for OIDC.
            tokenFrom: requests ? null : { kind: 'github', job },
          });
        }
      }
    },
  },
});

export default rule;

type Ctx = RuleContext<typeof rule.meta.messages>;

/**
 * A publish inside a `docker run` container (`PathShim.container`) whose options do not pass the
 * variables npm needs for the token (../../src/model/npm/container-env.ts): an error, a warning
 * when an option tp-doctor cannot read (`--env-file`, `-e "$VARS"`) may pass them.
 */
/** A variable passed into a container whose name says it holds a registry token (`NPM_TOKEN`, `NODE_AUTH_TOKEN`). */
const PASSED_TOKEN = /TOKEN|AUTH/i;
/** The OIDC variables themselves, which are not a registry token. */
const OIDC_NAMES: ReadonlySet<string> = new Set(['ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'NPM_ID_TOKEN']);

function reportContainerEnv(ctx: Ctx, site: GithubSite): void {
  const shim = site.publish.match.pathShim;
  const container = shim?.holds === 'image' ? shim.container : undefined;
  const gap = container === undefined ? undefined : containerOidcGap(container, 'github');
  if (container === undefined || gap === undefined) return;
  const missing = gap.missing.map((n) => `\`${n}\``).join(gap.missing.length > 2 ? ', ' : ' and ').replace(/, (?=[^,]*$)/, ' and ');
  const data = { command: site.publish.match.label, image: container.image, missing, unread: gap.unread ?? '', flags: gap.missing.map((n) => `\`-e ${n}\``).join(' '), runner: container.runner };
  // A token passed in (`-e NPM_TOKEN`) may still publish: then not a certain failure.
  const token = container.env.find((n) => PASSED_TOKEN.test(n) && !OIDC_NAMES.has(n));
  if (token !== undefined) {
    ctx.report({ messageId: 'containerEnvToken', data: { ...data, token }, at: site.publish.location, certainty: site.certainty });
    return;
  }
  ctx.report({ messageId: gap.unread === undefined ? 'containerEnv' : 'containerEnvUnread', data, at: site.publish.location, certainty: site.certainty });
}

/**
 * Reports why `subject` (the publishing job, or a caller) does not get `id-token: write`.
 * `tokenFrom`: for a caller, the called workflow's publishing job, whose token may stand in.
 */
function checkOwn(ctx: Ctx, subject: Job, pub: string, certainty: Certainty, tokenFrom?: FallbackJob | null, related: RelatedTarget[] = []): void {
  const report: Ctx['report'] = (d) => {
    const withRelated = related.length === 0 ? d : { ...d, related: [...related, ...(d.related ?? [])] };
    ctx.report(tokenFrom === undefined ? withRelated : { ...withRelated, tokenFrom });
  };
  const { access, source, permissions, entry } = subject.idToken;
  if (access === 'write' || access === 'invalid') return;
  const file = subject.workflow.fileName;
  const path = blockPath(subject);
  const base = { job: subject.id, publishes: pub, file, path };
  if (access === 'unknown') {
    if (permissions?.kind === 'invalid') {
      report({ messageId: 'invalidPermissions', data: { value: permissions.node.text ?? '…' }, at: permissions.node, atValue: true });
    } else {
      const value = entry?.text ?? permissions?.node.text ?? '';
      const suggest = [entry ? setWrite(entry, path) : permissions ? replaceBlockSuggestion(permissions.node, path) : undefined];
      report({ messageId: 'expression', data: { ...base, value }, at: entry ?? permissions?.node ?? subject.node, atValue: true, certainty, suggest });
    }
    return;
  }
  if (source === 'default' || !permissions) {
    report({ messageId: 'noPermissions', data: base, at: subject.node, certainty, suggest: [jobBlockSuggestion(subject)] });
    return;
  }
  if (entry) {
    report({ messageId: 'explicitNone', data: base, at: entry, atValue: true, certainty, fix: setWrite(entry, path) });
    return;
  }
  const grant = source === 'job' ? workflowGrant(subject.workflow.permissions) : undefined;
  if (grant) {
    report({ messageId: 'shadowed', data: base, at: permissions.node, related: [{ at: grant.node, label: grant.label }], certainty, fix: addToBlock(permissions.node, path) });
    return;
  }
  const value = readAllLike(permissions);
  if (value !== undefined) {
    // An empty map grants nothing: adding the entry changes no other scope. `read-all` is
    // a choice of scopes only the user can make.
    const change = value === '{}' ? { fix: addToBlock(permissions.node, path) } : { suggest: [replaceBlockSuggestion(permissions.node, path)] };
    report({ messageId: 'readAll', data: { ...base, value }, at: permissions.node, atValue: !permissions.node.isNull, certainty, ...change });
    return;
  }
  report({ messageId: source === 'job' ? 'jobBlock' : 'workflowBlock', data: base, at: permissions.node, certainty, fix: addToBlock(permissions.node, path) });
}

/**
 * A publishing job whose own `if:` tp-doctor cannot evaluate for any event that starts its workflow
 * (`vars.*`, `secrets.*`, `github.ref`, `needs.*` outputs), while another publishing job of the same
 * workflow has `id-token: write`: which of them runs is decided by what tp-doctor cannot see, and the
 * `if:` often keeps a legacy path from running (audit1207 h1b). Its missing `id-token` is then no
 * certain failure: the related locations that say why, else undefined. An `if:` that certainly holds
 * on one of the workflow's triggers (`github.event_name == 'workflow_dispatch'`) runs the job then.
 */
function undecidedBesideGranted(job: Job, publishing: readonly Job[], steps: readonly Step[]): RelatedTarget[] | undefined {
  // The job's own `if:`, or one on each of its publish steps (A.64).
  const chosen = undecidedPublishIf(job, steps);
  if (!chosen) return undefined;
  const granted = publishing.find((other) => other !== job && other.workflow === job.workflow && other.idToken.access === 'write');
  if (!granted) return undefined;
  return [
    { at: chosen.at, label: chosen.level === 'step' ? "the publishing step's `if:`, which tp-doctor cannot evaluate, decides whether it runs" : "the job's `if:`, which tp-doctor cannot evaluate, decides whether it runs" },
    { at: granted.node, label: `job "${granted.id}" also publishes, with \`id-token: write\`` },
  ];
}


/** The change that makes a caller grant `id-token: write` (its block decides, see checkOwn). */
function grantFixes(caller: Job): { fix?: FixSpec; suggest?: (FixSpec | undefined)[] } {
  const { permissions, entry } = caller.idToken;
  const path = blockPath(caller);
  if (!permissions) return { suggest: [jobBlockSuggestion(caller)] };
  if (entry) return { fix: setWrite(entry, path) };
  if (permissions.kind === 'map') return { fix: addToBlock(permissions.node, path) };
  return { suggest: [replaceBlockSuggestion(permissions.node, path)] };
}

/**
 * A job that calls another repository's workflow named for publishing, or passes it an npm token
 * (src/model/github/remote-calls.ts), and grants it no ID token: an info, since whether that
 * workflow publishes with trusted publishing is not known (survey 206g: salesforcecli's
 * `npmPublish.yml`). Not a publish of its own (see that module).
 */
function checkRemoteCallees(project: Project, ctx: Ctx): void {
  for (const { job, target, publishNamed, token } of remotePublishCalls(project.workflows, project.selfRepository)) {
    // A name that says only release (`create-github-release.yml`) is a GitHub release as often as an npm one.
    if (job.idToken.access !== 'none' || (!publishNamed && !token)) continue;
    // A job of a called workflow that declares no `permissions` passes on its callers' grant
    // (iexec-sdk's reusable-npm.yml, called with `id-token: write`): nothing when every way in grants it.
    if (job.idToken.source === 'default' && inheritsIdToken(project, job)) continue;
    const reason = publishNamed ? 'whose name says it publishes (tp-doctor does not read it)' : 'which tp-doctor does not read, passing it an npm token';
    const data = { job: job.id, target, reason, file: job.workflow.fileName };
    ctx.report({ messageId: 'remoteCallee', data, at: job.uses?.node ?? job.node, atValue: job.uses !== undefined, certainty: 'possible', tokenFrom: null, ...grantFixes(job) });
  }
}

/** Every way into the job's workflow is a call whose callers grant `id-token: write` (or pass such a grant on). */
function inheritsIdToken(project: Project, job: Job): boolean {
  const chains = project.callGraph.entryChains(job.workflow);
  return chains.length > 0 && chains.every((chain) => chain.callers.length > 0 && decidingCallers(chain, job).length === 0);
}
