import type { CircleciPublisher, GithubPublisher, GitlabPublisher } from '../../src/config/types.js';
import { defineRule, type RuleContext } from '../../src/engine/define-rule.js';
import { WORKFLOW_DIR, isWorkflowFileName, type Project } from '../../src/model/project.js';
import type { Location } from '../../src/yaml/span.js';
import { checkCiFile, normalizeCiPath } from '../../src/model/gitlab/ci-file.js';
import { findNearMiss } from '../../src/model/core/near-miss.js';
import { CONTINUATION_ORBS } from '../../src/model/data/orbs.js';
import type { CircleConfig, CircleJob } from '../../src/model/circleci/types.js';
import { mostCertain } from '../../src/model/publish.js';
import { missingCallFinding } from './called-workflow.js';

/**
 * Only bare file names with a lower-case `.yml`/`.yaml` are checked here; `publisher-config-valid`
 * reports paths, other extensions and `.YML`, and one wrong value should give one diagnostic.
 */
const CHECKABLE = /^[^/\\\s]+\.ya?ml$/;

const GITLAB_WHY =
  'npm matches the path of the top-level CI file in the job\'s ID token exactly, directory, extension and case included; no pipeline starts from "{ciFile}", so the token exchange never matches and npm publish fails with E404 or ENEEDAUTH';
const GITLAB_RENAME = 'Make the paths equal: move "{actual}" to "{ciFile}", or, if npmjs.com lists "{actual}", set `{path}` to "{actual}"';

const CIRCLE_WHY =
  'CircleCI runs the pipeline definition from the configuration file it is set up with; without "{configFile}" no job of this repository can run the publish, so tp-doctor cannot check it and the pipeline fails to start';
const CIRCLE_DEFAULT_WHY =
  'A CircleCI pipeline definition reads `.circleci/config.yml` unless it is set up with another file (Project Settings > Project Setup); without that file tp-doctor checks nothing and, if the pipeline does read it, the pipeline fails to start';

const CALL_WHY =
  'GitHub reads every reusable workflow a run calls when it creates the run, from the same commit; a local `uses:` whose file is not there fails the whole run ("workflow was not found") before any job starts';

const WHY =
  'npm matches the file name of the workflow run exactly, extension and case included; no run comes from "{workflow}", so the token exchange never matches and npm publish fails with E404 or ENEEDAUTH';

const rule = defineRule({
  id: 'trusted-workflow-exists',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'The workflow file (GitHub), CI file (GitLab) or CircleCI configuration named by the trusted publisher exists, with exactly that name, and publishes; every local reusable workflow a job calls exists',
    // A wrong name makes every trusted publish fail; it does not weaken security (2.0 like other
    // "publish cannot work" configuration problems).
    securitySeverity: 2.0,
    fixable: true,
    hasSuggestions: true,
    messages: {
      missing: {
        text: 'Trusted workflow "{workflow}" does not exist in `.github/workflows`',
        why: WHY,
        fix: 'Set `{path}` to the workflow that publishes (existing files: {available}), or create `.github/workflows/{workflow}`',
      },
      otherExtension: {
        text: 'Trusted workflow "{workflow}" does not exist; the file is "{actual}", with another extension',
        why: WHY,
        fix: 'Make the names equal: rename `.github/workflows/{actual}` to "{workflow}", or, if npmjs.com lists "{actual}", set `{path}` to "{actual}"',
      },
      caseMismatch: {
        text: 'Trusted workflow "{workflow}" does not exist; the file is "{actual}", which differs only in case',
        why: WHY,
        fix: 'Make the names equal: rename `.github/workflows/{actual}` to "{workflow}", or, if npmjs.com lists "{actual}", set `{path}` to "{actual}"',
      },
      similar: {
        text: 'Trusted workflow "{workflow}" does not exist; the closest file is "{actual}"',
        why: WHY,
        fix: 'If "{actual}" is the publishing workflow, make the names equal: set `{path}` (and the trusted publisher on npmjs.com) to "{actual}", or rename the file',
      },
      noWorkflows: {
        text: 'Trusted workflow "{workflow}" cannot run: the repository has no workflow files in `.github/workflows`',
        why: 'GitHub only runs workflows stored in `.github/workflows`; without "{workflow}" no run can request the token npm expects, so npm publish fails with E404 or ENEEDAUTH',
        fix: 'Add the publishing workflow as `.github/workflows/{workflow}`',
      },
      calledWorkflowMissing: {
        text: 'Job "{job}" calls "{uses}", which does not exist{near}; every run of {entries} fails before any job starts, so {blocked}',
        why: `${CALL_WHY}, the publish included`,
        fix: '{remedy}',
      },
      calledWorkflowMissingNoPublish: {
        text: 'Job "{job}" calls "{uses}", which does not exist{near}; every run of {entries} fails before any job starts',
        why: CALL_WHY,
        fix: '{remedy}',
        severity: 'warning',
      },
      ciFileMissing: {
        text: 'CI file "{ciFile}" does not exist in the repository',
        why: GITLAB_WHY,
        fix: 'Set `{path}` to the project\'s top-level CI file (GitLab CI files here: {available}), or create "{ciFile}"',
      },
      ciFileOtherExtension: {
        text: 'CI file "{ciFile}" does not exist; the file is "{actual}", with another extension',
        why: GITLAB_WHY,
        fix: '{remedy}',
      },
      ciFileCase: {
        text: 'CI file "{ciFile}" does not exist; the file is "{actual}", which differs only in case',
        why: GITLAB_WHY,
        fix: GITLAB_RENAME,
      },
      ciFileSimilar: {
        text: 'CI file "{ciFile}" does not exist; the closest file is "{actual}"',
        why: GITLAB_WHY,
        fix: 'If "{actual}" is the top-level CI file, make the paths equal: set `{path}` (and the trusted publisher on npmjs.com) to "{actual}", or rename the file',
      },
      ciFileOtherDirectory: {
        text: 'CI file "{ciFile}" does not exist; "{actual}" has that name in another directory',
        why: GITLAB_WHY,
        fix: 'The CI file is a path from the repository root. ' + GITLAB_RENAME,
      },
      noCiFile: {
        text: 'CI file "{ciFile}" cannot run: the repository has no GitLab CI file',
        why: 'GitLab starts pipelines only from the project\'s CI configuration file (default `.gitlab-ci.yml`); without "{ciFile}" no job can present the CI file path npm expects, so npm publish fails with E404 or ENEEDAUTH',
        fix: 'Add the publishing pipeline as "{ciFile}" (and keep it as the CI configuration file in the project\'s CI/CD settings)',
      },
      ciFileNoPublish: {
        text: 'CI file "{ciFile}" has no job that publishes to registry.npmjs.org',
        why: 'The trusted publisher lets the pipelines of this CI file publish, but no job of it (its local includes and child pipelines read) runs a publish command tp-doctor recognises, or every one that does never runs (`when: never`); either the publish lives elsewhere (another CI file, a script tp-doctor cannot read) or the publisher names the wrong CI file',
        fix: 'Add the publishing job to "{ciFile}", or set `{path}` to the CI file that publishes',
        severity: 'warning',
      },
      ciFileNoPublishUnreadable: {
        text: 'CI file "{ciFile}" has no job that tp-doctor sees publishing to registry.npmjs.org; it includes files tp-doctor cannot read ({includes})',
        why: 'tp-doctor does not fetch remote, project, template or component includes, so a publish may happen where it cannot look',
        fix: 'Check that the pipeline publishes; if it does through an included file, nothing is wrong',
        severity: 'info',
      },
      circleciConfigMissing: {
        text: 'CircleCI configuration "{configFile}" does not exist in the repository',
        why: CIRCLE_WHY,
        fix: 'Set `{path}` to the configuration the pipeline definition runs (CircleCI files here: {available}), or create "{configFile}"',
      },
      circleciConfigDefaultMissing: {
        text: 'CircleCI configuration "{configFile}" does not exist, and the publisher names no other `configFile`',
        why: CIRCLE_DEFAULT_WHY,
        fix: 'Set `{path}` to the file the pipeline definition runs (CircleCI files here: {available}), or add "{configFile}"',
        severity: 'warning',
      },
      circleciConfigNearMiss: {
        text: 'CircleCI configuration "{configFile}" does not exist; "{actual}" {relation}',
        why: CIRCLE_WHY,
        fix: 'If "{actual}" is the configuration the pipeline definition runs, set `{path}` to "{actual}"; otherwise rename it to "{configFile}"',
      },
      circleciConfigNearMissDefault: {
        text: 'CircleCI configuration "{configFile}" does not exist; "{actual}" {relation}',
        why: CIRCLE_DEFAULT_WHY,
        fix: 'If "{actual}" is the configuration the pipeline definition runs, set `{path}` to "{actual}"; otherwise rename it to "{configFile}"',
        severity: 'warning',
      },
      circleciConfigNoPublish: {
        text: 'CircleCI configuration "{configFile}" has no job that publishes to registry.npmjs.org',
        why: 'The trusted publisher lets runs of this pipeline publish, but no `run` step of its jobs runs a publish command tp-doctor recognises; either the publish lives elsewhere (another file, a script tp-doctor cannot read) or the publisher names the wrong configuration',
        fix: 'Add the publishing job to "{configFile}", or set `{path}` to the configuration that publishes',
        severity: 'warning',
      },
      circleciNoContext: {
        text: 'Job "{job}" publishes in workflow "{workflow}" of {file} without a `context:`, but the trusted publisher lists context IDs ({contextIds}); expected the job to run under a context',
        why: 'CircleCI puts the IDs of the contexts a job runs under into its ID token (`oidc.circleci.com/context-ids`). A job with no `context:` gets none, so its token cannot carry an ID the trusted publisher lists, the token exchange does not match, and npm publish fails with E404 or ENEEDAUTH. npm documents context IDs as an optional publisher field but not how it compares them with the claim: that an empty claim cannot match is inferred',
        fix: 'Add `context:` with the context whose ID the publisher lists to the "{job}" entry of workflow "{workflow}" in {file}; or, if the publish needs no context, remove the context IDs from the trusted publisher on npmjs.com and `{path}`',
        severity: 'warning',
      },
      circleciConfigNoPublishUnreadable: {
        text: 'CircleCI configuration "{configFile}" has no job that tp-doctor sees publishing to registry.npmjs.org; {unreadable}',
        why: 'tp-doctor does not fetch orbs or generated configurations, nor know the command a pipeline\'s trigger passes, so a publish may happen where it cannot look',
        fix: 'Check that the pipeline publishes; if it does through {where}, nothing is wrong',
        severity: 'info',
      },
    },
  },
  hooks: {
    project(project, ctx) {
      ctx.publishers.forEach((publisher, index) => {
        if (publisher.inferred) return;
        if (publisher.provider === 'github') checkGithub(project, ctx, publisher, index);
        else if (publisher.provider === 'gitlab') checkGitlab(project, ctx, publisher, index);
        else checkCircleci(project, ctx, publisher, index);
      });
    },

    githubJob(job, ctx) {
      if (!job.uses) return;
      const trusted = new Set(ctx.githubPublishers.flatMap((p) => (p.inferred || p.workflow === undefined ? [] : [p.workflow])));
      const finding = missingCallFinding(job, ctx.project.callGraph, ctx.facts, trusted);
      if (finding) ctx.report({ ...finding, atValue: true });
    },
  },
});

export default rule;

type Ctx = RuleContext<typeof rule.meta.messages>;

function listed(files: readonly string[]): string {
  const shown = files.slice(0, 5).map((f) => `"${f}"`);
  if (files.length > 5) shown.push(`and ${files.length - 5} more`);
  return shown.join(', ');
}

function configStart(file: string | undefined): Location {
  const start = { line: 1, column: 1 };
  return { file: file ?? 'tp-doctor.yml', start, end: start };
}

/**
 * The configuration a CircleCI publisher names (default `.circleci/config.yml`) exists, with
 * that exact path, and has a job that publishes. A defaulted path that is missing is a
 * warning: the pipeline definition may run another file, which the publisher does not name.
 */
function checkCircleci(project: Project, ctx: Ctx, publisher: CircleciPublisher, index: number): void {
  if (/:\/\/|\$|<</.test(publisher.configFile)) return;
  const configFile = normalizeCiPath(publisher.configFile);
  const explicit = publisher.fieldLocations['configFile'] !== undefined;
  const at = publisher.fieldLocations['configFile'] ?? publisher.fieldLocations['provider'] ?? publisher.location ?? configStart(ctx.config.file);
  const path = `publishers[${index}].configFile`;
  const finding = checkCiFile(ctx.facts, configFile);
  if (!finding) {
    const config = project.circleci.find((c) => normalizeCiPath(c.file) === configFile);
    if (!config?.parsed) return;
    // The configurations a setup configuration continues with run in its pipeline.
    const family = project.circleci.filter((c) => c === config || (c.continuedFrom !== undefined && normalizeCiPath(c.continuedFrom.file) === configFile));
    const publishing = family.flatMap((c) => ctx.facts.publishingCircleJobs(c).map((job) => ({ job, file: c.file })));
    if (publishing.length > 0) {
      checkContexts(ctx, publisher, index, publishing);
      return;
    }
    const unreadable = circleUnreadable(config, family);
    if (unreadable) {
      ctx.report({ messageId: 'circleciConfigNoPublishUnreadable', data: { configFile, ...unreadable }, at });
      return;
    }
    ctx.report({ messageId: 'circleciConfigNoPublish', data: { configFile, path }, at });
    return;
  }
  // A `config.yml` of some other tool elsewhere in the repository is no CircleCI configuration.
  const elsewhere = finding.kind === 'otherDirectory' && !/(?:^|\/)\.circleci\//.test(finding.actual);
  if (finding.kind === 'missing' || finding.kind === 'noCiFile' || elsewhere) {
    const files = (ctx.facts.list('.circleci') ?? []).filter((e) => !e.isDir && /\.ya?ml$/i.test(e.name)).map((e) => `.circleci/${e.name}`).sort();
    const available = files.length > 0 ? listed(files) : 'none';
    ctx.report({ messageId: explicit ? 'circleciConfigMissing' : 'circleciConfigDefaultMissing', data: { configFile, path, available }, at });
    return;
  }
  const relation =
    finding.kind === 'otherExtension'
      ? 'exists, with another extension'
      : finding.kind === 'caseMismatch'
        ? 'exists, differing only in case'
        : finding.kind === 'otherDirectory'
          ? 'has that name in another directory'
          : 'is the closest file';
  const start = { line: 1, column: 1 };
  const related = [{ at: { file: finding.actual, start, end: start }, label: `existing file "${finding.actual}"` }];
  const data = { configFile, actual: finding.actual, relation, path };
  ctx.report({ messageId: explicit ? 'circleciConfigNearMiss' : 'circleciConfigNearMissDefault', data, at, related });
}

/**
 * A publisher that lists context IDs, and a publishing job whose workflow entry has no `context:`:
 * its token's `oidc.circleci.com/context-ids` claim is empty, so it cannot match (DOMAIN §0: the
 * field is documented, its matching inferred: a warning). A job under some context says nothing:
 * the configuration names contexts, the publisher IDs, and tp-doctor cannot compare them. At the
 * workflow entry (its matrix instances give one finding), as sure as the job's surest trusted publish.
 */
function checkContexts(ctx: Ctx, publisher: CircleciPublisher, index: number, publishing: readonly { job: CircleJob; file: string }[]): void {
  const ids = publisher.contextIds ?? [];
  if (ids.length === 0) return;
  for (const { job, file } of publishing) {
    const entry = job.invocation;
    if (!entry || entry.contexts.length > 0) continue;
    const sites = ctx.facts.trustedSites(job);
    const certainty = mostCertain(sites.map((s) => s.certainty));
    if (!certainty) continue;
    const declared = publisher.fieldLocations['contextIds'];
    const related = [
      ...(declared ? [{ at: declared, label: 'context IDs of the trusted publisher' }] : []),
      ...sites.slice(0, 1).map((s) => ({ at: s.publish.location, label: `publish command "${s.publish.match.text}"` })),
    ];
    const data = { job: entry.name, workflow: entry.workflow, file, contextIds: ids.map((id) => `"${id}"`).join(', '), path: `publishers[${index}].contextIds` };
    ctx.report({ messageId: 'circleciNoContext', data, at: entry.jobNode, related, certainty });
  }
}

/**
 * What tp-doctor cannot read of a configuration without a publish and of the configurations it
 * continues with (`family`): a continuation it cannot read (a file the setup job writes at run
 * time), orbs it does not fetch (the continuation orbs aside: their continuation is read), or
 * another unreadable part. Undefined when everything was read.
 */
function circleUnreadable(config: CircleConfig, family: readonly CircleConfig[]): { unreadable: string; where: string } | undefined {
  if (config.setup !== undefined) {
    const unread = config.continuations.find((c) => c.unreadable !== undefined);
    if (config.continuations.length === 0) {
      return { unreadable: 'it is a setup configuration (`setup: true`) whose continuation tp-doctor cannot find', where: 'the configuration it continues with' };
    }
    if (unread) {
      return { unreadable: `it is a setup configuration (\`setup: true\`) whose continuation through \`${unread.via}\` tp-doctor cannot read: ${unread.unreadable ?? ''}`, where: 'the configuration it continues with' };
    }
  }
  const orbs = family.flatMap((c) => c.problems.flatMap((p) => (p.kind === 'orb-unreadable' && !isContinuationOrb(p.ref) ? [p.ref] : [])));
  if (orbs.length > 0) return { unreadable: `it uses orbs tp-doctor does not fetch (${orbs.slice(0, 3).map((o) => `"${o}"`).join(', ')})`, where: 'an orb job or command' };
  // A setup configuration's own jobs are incomplete for the continuation step, which is read.
  const jobs = family.filter((c) => c.setup === undefined).flatMap((c) => [...c.jobs, ...c.workflows.flatMap((w) => w.jobs.flatMap((j) => j.instances))]);
  const chosen = jobs.flatMap((j) => j.steps.flatMap((s) => (s.run?.triggerChosen ? [s.run.triggerChosen.name] : [])))[0];
  if (chosen !== undefined) return { unreadable: `a step's command is the pipeline parameter \`${chosen}\`, which the pipeline's trigger chooses`, where: 'the command a trigger passes' };
  if (jobs.some((j) => j.incomplete)) {
    return { unreadable: 'part of it cannot be read', where: 'the part tp-doctor cannot read' };
  }
  return undefined;
}

/** An orb reference (`circleci/continuation@1.1`) of an orb whose continuation tp-doctor reads. */
function isContinuationOrb(ref: string): boolean {
  const m = /^([^/@\s]+)\/([^/@\s]+)/.exec(ref);
  return m !== null && CONTINUATION_ORBS.some((c) => c.orb === `${m[1]}/${m[2]}`.toLowerCase());
}

/**
 * Every declared path is checked, `.yaml` included: `publisher-config-valid` says that npm
 * wants `.yml`, this rule says which file exists. A path into another project
 * (`file.yml@group/project`) or a URL is left to `publisher-config-valid`.
 */
function checkGitlab(project: Project, ctx: Ctx, publisher: GitlabPublisher, index: number): void {
  if (/@|:\/\/|\$/.test(publisher.ciFile)) return;
  const ciFile = normalizeCiPath(publisher.ciFile);
  const finding = checkCiFile(ctx.facts, ciFile);
  const at = publisher.fieldLocations['ciFile'] ?? publisher.location ?? configStart(ctx.config.file);
  const path = `publishers[${index}].ciFile`;
  if (!finding) return checkGitlabPublishes(project, ctx, ciFile, path, at);
  if (finding.kind === 'noCiFile') return ctx.report({ messageId: 'noCiFile', data: { ciFile }, at });
  if (finding.kind === 'missing') return ctx.report({ messageId: 'ciFileMissing', data: { ciFile, path, available: listed(finding.available) }, at });
  const { actual } = finding;
  const start = { line: 1, column: 1 };
  const related = [{ at: { file: actual, start, end: start }, label: `existing CI file "${actual}"` }];
  const data = { ciFile, path, actual };
  switch (finding.kind) {
    case 'otherExtension': {
      // npm accepts only a `.yml` CI file: the fix goes towards `.yml`, whichever side has it.
      const remedy = actual.endsWith('.yml')
        ? `Set \`${path}\` (and the trusted publisher on npmjs.com) to "${actual}"`
        : `Rename "${actual}" to "${ciFile}" (npm accepts only a \`.yml\` CI file) and set it as the CI configuration file in the project's CI/CD settings`;
      return ctx.report({ messageId: 'ciFileOtherExtension', data: { ...data, remedy }, at, related });
    }
    case 'caseMismatch':
      return ctx.report({ messageId: 'ciFileCase', data, at, related });
    case 'similar':
      return ctx.report({ messageId: 'ciFileSimilar', data, at, related });
    case 'otherDirectory':
      return ctx.report({ messageId: 'ciFileOtherDirectory', data, at, related });
  }
}

function checkGithub(project: Project, ctx: Ctx, publisher: GithubPublisher, index: number): void {
  const workflow = publisher.workflow;
  if (workflow === undefined || !CHECKABLE.test(workflow)) return;
  const entries = project.workflowDirEntries;
  if (entries.includes(workflow)) return;
  const at = publisher.fieldLocations.workflow ?? publisher.location ?? configStart(ctx.config.file);
  const path = `publishers[${index}].workflow`;
  const files = entries.filter(isWorkflowFileName).sort();
  if (files.length === 0) {
    ctx.report({ messageId: 'noWorkflows', data: { workflow }, at });
    return;
  }
  const near = findNearMiss(workflow, files);
  if (!near) {
    ctx.report({ messageId: 'missing', data: { workflow, path, available: listed(files) }, at });
    return;
  }
  const file = `${WORKFLOW_DIR}/${near.name}`;
  const start = { line: 1, column: 1 };
  ctx.report({
    messageId: near.kind,
    data: { workflow, path, actual: near.name },
    at,
    related: [{ at: { file, start, end: start }, label: `existing workflow "${near.name}"` }],
  });
}

/**
 * The CI file a GitLab publisher names exists: one of its jobs (the pipelines whose claim names the
 * file: the file with its local includes, and its child pipelines) publishes, as
 * `circleciConfigNoPublish` asks of a CircleCI configuration. An include tp-doctor cannot read
 * (remote, project, template, component) may hold the publish: then only an info.
 */
function checkGitlabPublishes(project: Project, ctx: Ctx, ciFile: string, path: string, at: Location): void {
  const pipelines = project.gitlab.filter((p) => normalizeCiPath(p.ciFile) === ciFile);
  if (pipelines.length === 0 || pipelines.some((p) => !p.parsed)) return;
  if (pipelines.some((p) => ctx.facts.publishingGitlabJobs(p).length > 0)) return;
  // A job that publishes to another registry is registry-is-npmjs's finding, not a missing publish.
  if (pipelines.some((p) => p.jobs.some((j) => j.kind === 'job' && ctx.facts.jobSites(j).length > 0))) return;
  if (pipelines.some((p) => p.hasUnreadableIncludes)) {
    const unread = pipelines.flatMap((p) => p.includes.filter((i) => i.kind !== 'local' || i.resolved.length === 0));
    const includes = unread.length > 0 ? listed(unread.map((i) => `${i.kind}: ${i.value}`)) : 'an include';
    return ctx.report({ messageId: 'ciFileNoPublishUnreadable', data: { ciFile, includes }, at });
  }
  ctx.report({ messageId: 'ciFileNoPublish', data: { ciFile, path }, at });
}
