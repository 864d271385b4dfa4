import type { GithubPublisher, GitlabPublisher } from '../../src/config/types.js';
import { defineRule } from '../../src/engine/define-rule.js';
import { WORKFLOW_DIR, isWorkflowFileName } from '../../src/model/project.js';
import type { Location } from '../../src/yaml/span.js';
import { checkCiFile, normalizeCiPath } from '../../src/model/gitlab/ci-file.js';
import { findNearMiss } from '../../src/model/near-miss.js';

/**
 * Only bare file names with a lower-case `.yml`/`.yaml` are checked here; `publisher-config-valid`
 * reports paths, other extensions and `.YML`, and one wrong value should give one diagnostic.
 */
const CHECKABLE = /^[^/\\\s]+\.ya?ml$/;

const GITLAB_WHY =
  'npm matches the path of the top-level CI file in the job\'s ID token exactly, directory, extension and case included; no pipeline starts from "{ciFile}", so the token exchange never matches and npm publish fails with E404 or ENEEDAUTH';
const GITLAB_RENAME = 'Make the paths equal: move "{actual}" to "{ciFile}", or, if npmjs.com lists "{actual}", set `{path}` to "{actual}"';

const WHY =
  'npm matches the file name of the workflow run exactly, extension and case included; no run comes from "{workflow}", so the token exchange never matches and npm publish fails with E404 or ENEEDAUTH';

export default defineRule({
  id: 'trusted-workflow-exists',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab'],
    summary: 'The workflow file (GitHub) or CI file (GitLab) named by the trusted publisher exists, with exactly that name',
    // A wrong name makes every trusted publish fail; it does not weaken security (2.0 like other
    // "publish cannot work" configuration problems).
    securitySeverity: 2.0,
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
    },
  },
  hooks: {
    project(project, ctx) {
      ctx.publishers.forEach((publisher, index) => {
        if (publisher.inferred) return;
        if (publisher.provider === 'github') checkGithub(publisher, index);
        else if (publisher.provider === 'gitlab') checkGitlab(publisher, index);
        // CircleCI (`configFile`) is not checked yet.
      });

      /**
       * Every declared path is checked, `.yaml` included: `publisher-config-valid` says that npm
       * wants `.yml`, this rule says which file exists. A path into another project
       * (`file.yml@group/project`) or a URL is left to `publisher-config-valid`.
       */
      function checkGitlab(publisher: GitlabPublisher, index: number): void {
        if (/@|:\/\/|\$/.test(publisher.ciFile)) return;
        const ciFile = normalizeCiPath(publisher.ciFile);
        const finding = checkCiFile(ctx.facts, ciFile);
        if (!finding) return;
        const at = publisher.fieldLocations['ciFile'] ?? publisher.location ?? configStart(ctx.config.file);
        const path = `publishers[${index}].ciFile`;
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

      function checkGithub(publisher: GithubPublisher, index: number): void {
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
    },
  },
});

function listed(files: readonly string[]): string {
  const shown = files.slice(0, 5).map((f) => `"${f}"`);
  if (files.length > 5) shown.push(`and ${files.length - 5} more`);
  return shown.join(', ');
}

function configStart(file: string | undefined): Location {
  const start = { line: 1, column: 1 };
  return { file: file ?? 'tp-doctor.yml', start, end: start };
}
