import { defineRule, type RuleContext } from '../../src/engine/define-rule.js';
import { describeReadFailure } from '../../src/model/core/problems.js';
import { actionsOutside } from '../../src/model/github/composite-action.js';
import { isInertWorkflow } from '../../src/model/github/inert.js';
import { workflowShapeProblems } from '../../src/model/github/structure.js';
import type { Workflow } from '../../src/model/github/types.js';
import type { GitlabPipeline } from '../../src/model/gitlab/types.js';
import type { CircleConfig, CircleProblem } from '../../src/model/circleci/types.js';

const WHY = 'GitHub Actions, GitLab CI and CircleCI refuse a file they cannot parse, so the publishing pipeline never starts, and tp-doctor cannot check what it cannot read';

const rule = defineRule({
  id: 'invalid-yaml',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'CI files must be readable, valid YAML with the expected shape',
    // Low: an unparsable file breaks the pipeline (availability) and hides it from every other
    // check, but by itself exposes nothing.
    securitySeverity: 2.0,
    messages: {
      syntax: {
        text: 'YAML syntax error: {detail}',
        why: WHY,
        fix: 'Correct the YAML at this position (indentation, an unclosed bracket or quote are the usual causes)',
      },
      duplicateKey: {
        text: 'Duplicate key: {detail}',
        why: 'GitHub rejects a workflow with a repeated key, and other YAML readers silently keep only one of the two values',
        fix: 'Remove or rename one of the repeated keys',
      },
      unsupportedTag: {
        text: 'Unsupported YAML tag: {detail}',
        why: 'GitHub Actions reads workflows with the standard YAML types only; a custom tag (`!reference` is GitLab\'s, `!!js/function` a JavaScript loader\'s) means the file was written for another reader, and tp-doctor does not guess what GitHub makes of it, so it checks nothing else in this file',
        fix: 'Remove the tag and write the value out',
        severity: 'warning',
      },
      multipleDocuments: {
        text: 'The file holds several YAML documents (`---`); a CI file must be a single document',
        why: WHY,
        fix: 'Keep one document: remove the extra `---` separator and what follows, or move it to its own file',
      },
      aliasBomb: {
        text: 'YAML alias bomb: {detail}',
        why: 'A document whose anchors and aliases multiply exponentially (an "alias bomb") exhausts any tool that reads it; tp-doctor stops instead of expanding it',
        fix: 'Reduce the nesting of aliases that refer to other aliases',
      },
      tooDeep: {
        text: 'YAML nesting too deep: {detail}',
        why: 'A document nested thousands of levels deep is almost always generated or hostile; reading it exhausts the stack of the tools that parse it, so tp-doctor stops instead',
        fix: 'Flatten the nested brackets or mappings; a CI file needs no more than a few levels',
      },
      tooManyValues: {
        text: 'YAML file too large: {detail}',
        why: 'tp-doctor bounds what it reads so that a generated or hostile repository cannot make a run take minutes or gigabytes; real CI files hold a few thousand values at most, so this one was not checked',
        fix: 'Split the file, or exclude a generated file with `ignore:` in the tp-doctor config',
        severity: 'warning',
      },
      // A warning whatever the file is: tp-doctor did not see its content, so it cannot know that a
      // publish fails (docs/domain.md A.55); the headline says which file and why.
      unreadable: {
        text: '"{file}" was not checked: {detail}',
        why: 'tp-doctor reads a CI file only as UTF-8 YAML text of at most 2 MiB, from a regular file inside the repository it may open. It did not see what this one holds, so whether it publishes to npm, and whether the platform accepts it, is not known, and no other check covers it',
        fix: 'Make the file a readable UTF-8 text file, or exclude it with `ignore:` in the tp-doctor config',
        severity: 'warning',
      },
      outsideRoot: {
        text: '"{file}" was not checked: {detail}',
        why: 'Following a link out of the repository could read files that are not part of it',
        fix: 'Replace the link with the file itself, or exclude it with `ignore:` in the tp-doctor config',
        severity: 'warning',
      },
      // Not a file problem: `uses: ./../dir` is valid when an earlier step puts the action beside
      // the workspace (hoverkraft-tech/ci-github-nodejs copies its actions there). Only a job that
      // publishes gets it (composite-action.ts `actionsOutside`), at the `uses:` value.
      actionOutsideRepository: {
        text: 'Local action "{uses}" is outside the repository checkout and was not read; job "{job}" {publishes} to npm, and what the action does there was not checked',
        why: 'tp-doctor reads only files inside the repository. A `uses:` path that climbs above the workspace is valid when an earlier step puts the action there (a copy of an actions folder, another checkout), but its steps (a publish, an npm upgrade, a token it writes) are not part of what tp-doctor checked',
        fix: 'Nothing to change if the action takes no part in the publish. Otherwise keep the action inside the repository, or check it out under the workspace and use it from there, so that tp-doctor can read it',
        severity: 'info',
      },
      limit: {
        text: '{what}: {count} where tp-doctor reads at most {max}; {skipped}',
        why: 'tp-doctor bounds what it reads so that a generated or hostile repository cannot make a run take minutes; real repositories stay far below these limits, so what lies beyond one was not checked',
        fix: 'Split the workflow, or exclude generated files with `ignore:` in the tp-doctor config',
        severity: 'warning',
      },
      // A warning: an empty file that a declared trusted publisher names (its publishes never run), or
      // another CI file tp-doctor was given (a CircleCI configuration, an action).
      empty: {
        text: 'The workflow file is empty; expected a mapping with `on:` and `jobs:`',
        why: 'GitHub reports an empty workflow as invalid on every push and never runs it; it publishes nothing',
        fix: 'Add `on:` and `jobs:`, or delete the file',
        severity: 'warning',
      },
      // An info: a workflow file that is only comments is the usual way to switch a workflow off
      // (huntabyte/bits-ui, medusajs/medusa); nothing in it runs, so it hides no publish, and no
      // declared trusted publisher names it (audit908a P4).
      emptyWorkflow: {
        startsNoRun: true,
        text: 'The workflow file is empty (nothing but comments or blank lines); GitHub never runs it',
        why: 'GitHub reports an empty workflow as invalid on every push and never runs it; it publishes nothing, and no declared trusted publisher names it, so no publish depends on it',
        fix: 'Nothing to change for a publish; delete the file to silence GitHub\'s complaint, or add `on:` and `jobs:` to run it again',
        severity: 'info',
      },
      notAMapping: {
        startsNoRun: true,
        text: 'The workflow is not a mapping; expected top-level keys such as `on:` and `jobs:`',
        why: 'GitHub reports the workflow as invalid and never runs it',
        fix: 'Make the top level a mapping (`name:`, `on:`, `jobs:`)',
      },
      // `jobs:` a list, a job's `steps:` a string or a mapping (src/model/github/structure.ts): an
      // error in the workflow a GitHub trusted publisher names (declared or inferred) or in one with a
      // job that certainly publishes; otherwise a warning, since no publish tp-doctor sees depends on it.
      workflowShape: {
        startsNoRun: true,
        text: '`{path}` is {actual}; expected {expected}. GitHub rejects the workflow: "{github}"{cut}',
        why: 'GitHub checks the whole file before it starts anything and reports it as an invalid workflow ("The workflow is not valid. {file} (Line: {line}, Col: {column}): {github}"{cut}); none of its jobs runs, so {consequence}',
        fix: 'Write `{path}` as {expected}: {how}',
      },
      workflowShapeNoPublish: {
        startsNoRun: true,
        text: '`{path}` is {actual}; expected {expected}. GitHub rejects the workflow: "{github}"{cut}',
        why: 'GitHub checks the whole file before it starts anything and reports it as an invalid workflow ("The workflow is not valid. {file} (Line: {line}, Col: {column}): {github}"{cut}); none of its jobs runs. No trusted publisher names this workflow and tp-doctor found no certain publish in it, so it cannot tell whether a publish depends on it',
        fix: 'Write `{path}` as {expected}: {how}',
        severity: 'warning',
      },
      // A GitLab job's `script:` (`before_script:`, `after_script:`) that is a mapping: GitLab
      // rejects the configuration. Error when a GitLab publisher (declared or inferred) names the
      // CI file or a job certainly publishes; else a warning.
      gitlabScriptShape: {
        startsNoRun: true,
        text: '`{section}` of job "{job}" is a mapping; expected a string or a list of command lines',
        why: 'GitLab rejects the whole configuration ("jobs:{job}:{section} config should be a string or a nested array of strings up to 10 levels deep") and creates no pipeline, so {consequence}',
        fix: 'Write each command as a `- ` item under `{section}:` (`- npm publish`)',
      },
      gitlabScriptShapeNoPublish: {
        startsNoRun: true,
        text: '`{section}` of job "{job}" is a mapping; expected a string or a list of command lines',
        why: 'GitLab rejects the whole configuration ("jobs:{job}:{section} config should be a string or a nested array of strings up to 10 levels deep") and creates no pipeline. No trusted publisher names this CI file and tp-doctor found no certain publish in it, so it cannot tell whether a publish depends on it',
        fix: 'Write each command as a `- ` item under `{section}:` (`- npm publish`)',
        severity: 'warning',
      },
      // A CircleCI `jobs:` that is not a map, a job's `steps:` that is not a list (the model's shape
      // problems, src/model/circleci/config.ts and steps.ts): CircleCI cannot compile the
      // configuration and runs no workflow of it.
      circleciShape: {
        startsNoRun: true,
        text: '`{path}` is {actual}; expected {expected}',
        why: 'CircleCI checks the configuration against its schema before it runs anything, reports it as invalid and runs no workflow of it, so {consequence}',
        fix: 'Write `{path}` as {expected}',
      },
      circleciShapeNoPublish: {
        startsNoRun: true,
        text: '`{path}` is {actual}; expected {expected}',
        why: 'CircleCI checks the configuration against its schema before it runs anything, reports it as invalid and runs no workflow of it. No trusted publisher is declared or inferred for CircleCI and tp-doctor found no certain publish in it, so it cannot tell whether a publish depends on it',
        fix: 'Write `{path}` as {expected}',
        severity: 'warning',
      },
      ciFileDuplicateKey: {
        text: 'Duplicate key: {detail}',
        why: 'GitLab does not reject a repeated key: its YAML reader silently keeps the last value, so what runs is not what you read; tp-doctor does not guess which one you meant and checks nothing else in this file',
        fix: 'Remove or rename one of the repeated keys (two jobs need two names)',
      },
      circleciDuplicateKey: {
        text: 'Duplicate key: {detail}',
        why: 'Which of the two values CircleCI uses (or whether it refuses the configuration) is not documented; tp-doctor does not guess which one you meant and checks nothing else in this file',
        fix: 'Remove or rename one of the repeated keys (two jobs need two names)',
        severity: 'warning',
      },
      ciFileEmpty: {
        startsNoRun: true,
        text: 'The GitLab CI file is empty; expected a mapping of jobs and keywords such as `stages:`',
        why: 'GitLab refuses an empty CI file, and an empty file named by `include:`, so the pipeline does not start and nothing publishes',
        fix: 'Add the jobs, or delete the file (and the `include:` that names it)',
      },
      ciFileNotAMapping: {
        startsNoRun: true,
        text: 'The GitLab CI file is not a mapping; expected job names and keywords such as `stages:` at the top level',
        why: 'GitLab reports the configuration as invalid and starts no pipeline, so nothing publishes',
        fix: 'Make the top level a mapping of job names (`publish:`) and keywords (`stages:`, `include:`)',
      },
      // The same two shapes in a CircleCI configuration, said in CircleCI's terms.
      circleciEmpty: {
        startsNoRun: true,
        text: 'The CircleCI configuration is empty; expected a mapping with `version:`, `jobs:` and `workflows:`',
        why: 'CircleCI cannot build a pipeline from an empty configuration and runs none; it publishes nothing',
        fix: 'Add `version: 2.1`, `jobs:` and `workflows:`, or delete the file',
        severity: 'warning',
      },
      circleciNotAMapping: {
        startsNoRun: true,
        text: 'The CircleCI configuration is not a mapping; expected top-level keys such as `version:`, `jobs:` and `workflows:`',
        why: 'CircleCI reports the configuration as invalid and runs no pipeline from it, so nothing in it publishes',
        fix: 'Make the top level a mapping (`version: 2.1`, `jobs:`, `workflows:`)',
      },
    },
  },
  hooks: {
    githubWorkflow(workflow, ctx) {
      const problems = workflowShapeProblems(workflow);
      if (problems.length === 0) return;
      const consequence = publishingConsequence(ctx, workflow);
      for (const p of problems) {
        const { line, column } = p.node.span.start;
        const data = { path: p.path, actual: p.actual, expected: p.expected, how: p.how, github: p.github, cut: p.cut, file: workflow.file, line: String(line), column: String(column) };
        if (consequence === undefined) ctx.report({ messageId: 'workflowShapeNoPublish', data, at: p.node, atValue: true });
        else ctx.report({ messageId: 'workflowShape', data: { ...data, consequence }, at: p.node, atValue: true });
      }
    },
    gitlabPipeline(pipeline, ctx) {
      reportGitlabScripts(ctx, pipeline);
    },
    circleciConfig(config, ctx) {
      reportCircleShapes(ctx, config);
    },
    project(project, ctx) {
      reportActionsOutside(ctx);
      // GitLab CI files: every top-level CI file and every local file an `include:` read.
      const gitlab = new Set(project.gitlab.flatMap((p) => [p.ciFile, ...p.includes.flatMap((i) => i.resolved)]));
      const circleci = new Set(project.circleci.map((c) => c.file));
      for (const problem of project.problems) {
        const isGitlab = gitlab.has(problem.file);
        const start = { line: 1, column: 1 };
        if (problem.kind === 'read') {
          const at = { file: problem.file, start, end: start };
          const detail = describeReadFailure(problem.failure);
          const messageId = problem.failure.reason === 'outside-root' ? 'outsideRoot' : 'unreadable';
          ctx.report({ messageId, data: { file: problem.file, detail }, at });
        } else if (problem.kind === 'yaml') {
          const at = { file: problem.file, ...problem.problem.span };
          const detail = problem.problem.message;
          switch (problem.problem.code) {
            case 'duplicate-key':
              ctx.report({ messageId: isGitlab ? 'ciFileDuplicateKey' : circleci.has(problem.file) ? 'circleciDuplicateKey' : 'duplicateKey', data: { detail }, at });
              break;
            case 'multiple-documents':
              ctx.report({ messageId: 'multipleDocuments', data: {}, at });
              break;
            case 'alias-bomb':
              ctx.report({ messageId: 'aliasBomb', data: { detail }, at });
              break;
            case 'too-deep':
              ctx.report({ messageId: 'tooDeep', data: { detail }, at });
              break;
            case 'too-many-values':
              ctx.report({ messageId: 'tooManyValues', data: { detail }, at });
              break;
            case 'unsupported-tag':
              ctx.report({ messageId: 'unsupportedTag', data: { detail }, at });
              break;
            default:
              ctx.report({ messageId: 'syntax', data: { detail }, at });
          }
        } else if (problem.kind === 'limit') {
          const words = {
            'workflow-files': { what: 'Too many workflow files in `.github/workflows`', skipped: 'the files after the first in name order were not checked' },
            'workflow-text': {
              what: 'Too much workflow text in `.github/workflows` (MiB read)',
              skipped: 'the files after those in name order were not checked',
            },
            'kept-workflows': {
              what: 'Too many workflows in `.github/workflows` that publish, call a reusable workflow or can be called',
              skipped: 'those after the first in name order were not checked (the other workflows were)',
            },
            jobs: { what: 'Too many jobs in this workflow', skipped: 'the workflow was not checked' },
            steps: { what: 'Too many steps in one job of this workflow', skipped: 'the workflow was not checked' },
          }[problem.limit];
          const count = problem.count.toLocaleString('en-US');
          const max = problem.max.toLocaleString('en-US');
          ctx.report({ messageId: 'limit', data: { ...words, count, max }, at: problem.location });
        } else {
          // An empty file has nothing to point at: use its start, whatever `---` or comments it holds.
          const at = problem.shape === 'empty' ? { file: problem.file, start, end: start } : problem.location;
          const empty = problem.shape === 'empty';
          const messageId = isGitlab
            ? empty ? 'ciFileEmpty' : 'ciFileNotAMapping'
            : circleci.has(problem.file) ? (empty ? 'circleciEmpty' : 'circleciNotAMapping')
            : empty ? (unnamedWorkflow(ctx, problem.file) ? 'emptyWorkflow' : 'empty') : 'notAMapping';
          ctx.report({ messageId, data: {}, at });
        }
      }
    },
  },
});

export default rule;

type Ctx = RuleContext<typeof rule.meta.messages>;

/** A GitHub workflow file (`.github/workflows/<name>`) that no declared trusted publisher names. */
function unnamedWorkflow(ctx: Ctx, file: string): boolean {
  const name = file.slice(WORKFLOWS.length);
  if (!file.startsWith(WORKFLOWS) || name.includes('/')) return false;
  return !ctx.githubPublishers.some((p) => !p.inferred && p.workflow === name);
}

const WORKFLOWS = '.github/workflows/';

/**
 * What an invalid workflow certainly stops: the publishes of the workflow a GitHub trusted
 * publisher (declared or inferred) names, or a job in it that certainly publishes; undefined when
 * neither (then the finding is a warning: no publish tp-doctor sees depends on the file).
 */
function publishingConsequence(ctx: Ctx, workflow: Workflow): string | undefined {
  // A workflow with no publish and no call the loader may stream before the publishers are
  // inferred (src/model/github/inert.ts), and an inferred publisher never names one: ask only then.
  if (ctx.config.inferred && isInertWorkflow(workflow, NO_NAMES)) return undefined;
  const publisher = ctx.githubPublishers.find((p) => p.workflow === workflow.fileName);
  if (publisher) return `the ${publisher.inferred ? 'inferred' : 'declared'} trusted publisher's workflow "${workflow.fileName}" never publishes`;
  const job = workflow.jobs.find((j) => j.steps.some((s) => s.publishes.length > 0) && ctx.facts.jobCertainty(j) === 'certain');
  return job ? `the publish of job "${job.id}" never runs` : undefined;
}

const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * Each `uses:` of a local action outside the repository that a job publishing to npm runs (its own
 * steps, or those of its local composite actions), once per place; a job that does not publish
 * gets nothing (the action cannot take part in a publish there).
 */
function reportActionsOutside(ctx: Ctx): void {
  const seen = new Set<string>();
  for (const job of ctx.facts.publishingJobs) {
    for (const { uses, node } of actionsOutside((dir) => ctx.facts.action(dir), job)) {
      const place = `${node.file}:${node.span.start.line}:${node.span.start.column}`;
      if (seen.has(place)) continue;
      seen.add(place);
      // In an action file, the job that runs the action is named where it is.
      const related = node.file === job.node.file ? [] : [{ at: job.node, label: `publishing job "${job.id}" in ${job.workflow.fileName}` }];
      const certainty = ctx.facts.jobCertainty(job);
      ctx.report({ messageId: 'actionOutsideRepository', data: { uses, job: job.id, publishes: ctx.facts.verb(job) }, at: node, atValue: true, related, ...(certainty ? { certainty } : {}) });
    }
  }
}

const SCRIPT_SECTIONS = ['before_script', 'script', 'after_script'] as const;

/** Each job's `script:` (and `before_script:`, `after_script:`) that is a mapping, once per place. */
function reportGitlabScripts(ctx: Ctx, pipeline: GitlabPipeline): void {
  const seen = new Set<string>();
  let consequence: string | undefined | null = null;
  for (const job of pipeline.jobs) {
    for (const section of SCRIPT_SECTIONS) {
      const value = job.keywords.get(section);
      if (value?.kind !== 'map') continue;
      const node = value.origin.node;
      const place = `${node.file}:${node.span.start.line}:${node.span.start.column}`;
      if (seen.has(place)) continue;
      seen.add(place);
      if (consequence === null) consequence = gitlabConsequence(ctx, pipeline);
      const data = { section, job: job.name };
      if (consequence === undefined) ctx.report({ messageId: 'gitlabScriptShapeNoPublish', data, at: node, atValue: true });
      else ctx.report({ messageId: 'gitlabScriptShape', data: { ...data, consequence }, at: node, atValue: true });
    }
  }
}

function gitlabConsequence(ctx: Ctx, pipeline: GitlabPipeline): string | undefined {
  const publisher = ctx.gitlabPublishers.find((p) => p.ciFile === pipeline.ciFile);
  if (publisher) return `the ${publisher.inferred ? 'inferred' : 'declared'} trusted publisher's CI file "${pipeline.ciFile}" never publishes`;
  const job = ctx.facts.publishingGitlabJobs(pipeline).find((j) => ctx.facts.jobCertainty(j) === 'certain');
  return job ? `the publish of job "${job.name}" never runs` : undefined;
}

/** The CircleCI shapes the platform refuses: `jobs:` not a map, a job's `steps:` not a list. */
function refusedCircleShape(p: CircleProblem): p is Extract<CircleProblem, { kind: 'shape' }> {
  if (p.kind !== 'shape') return false;
  return (p.path === 'jobs' && p.expected === 'a map') || (/^jobs\.[^.]+\.steps$/.test(p.path) && p.expected === 'a list of steps');
}

function reportCircleShapes(ctx: Ctx, config: CircleConfig): void {
  const seen = new Set<string>();
  let consequence: string | undefined | null = null;
  for (const p of config.problems) {
    if (!refusedCircleShape(p)) continue;
    const place = `${p.location.file}:${p.location.start.line}:${p.location.start.column}`;
    if (seen.has(place)) continue;
    seen.add(place);
    if (consequence === null) consequence = circleConsequence(ctx, config);
    const data = p.path === 'jobs'
      ? { path: p.path, actual: 'not a mapping', expected: 'a mapping of job names to jobs' }
      : { path: p.path, actual: 'not a list', expected: 'a list of steps' };
    if (consequence === undefined) ctx.report({ messageId: 'circleciShapeNoPublish', data, at: p.location });
    else ctx.report({ messageId: 'circleciShape', data: { ...data, consequence }, at: p.location });
  }
}

function circleConsequence(ctx: Ctx, config: CircleConfig): string | undefined {
  const publisher = ctx.circleciPublishers[0];
  if (publisher) return `the ${publisher.inferred ? 'inferred' : 'declared'} CircleCI trusted publisher's configuration "${config.file}" never publishes`;
  const job = ctx.facts.publishingCircleJobs(config).find((j) => ctx.facts.jobCertainty(j) === 'certain');
  return job ? `the publish of job "${job.name}" never runs` : undefined;
}
