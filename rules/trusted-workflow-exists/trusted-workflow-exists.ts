import type { GithubPublisher } from '../../src/config/types.js';
import { defineRule } from '../../src/engine/define-rule.js';
import { WORKFLOW_DIR, isWorkflowFileName } from '../../src/model/project.js';
import type { Location } from '../../src/yaml/span.js';
import { findNearMiss } from './near-miss.js';

/**
 * Only bare file names with a lower-case `.yml`/`.yaml` are checked here; `publisher-config-valid`
 * reports paths, other extensions and `.YML`, and one wrong value should give one diagnostic.
 */
const CHECKABLE = /^[^/\\\s]+\.ya?ml$/;

const WHY =
  'npm matches the file name of the workflow run exactly, extension and case included; no run comes from "{workflow}", so the token exchange never matches and npm publish fails with E404 or ENEEDAUTH';

export default defineRule({
  id: 'trusted-workflow-exists',
  meta: {
    severity: 'error',
    providers: ['github'],
    summary: 'The workflow file named by the trusted publisher exists, with exactly that name',
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
    },
  },
  hooks: {
    project(project, ctx) {
      ctx.publishers.forEach((publisher, index) => {
        if (publisher.inferred) return;
        if (publisher.provider === 'github') checkGithub(publisher, index);
        // GitLab: `ciFile` (default `.gitlab-ci.yml`) will be checked here against the repository's
        // files with the same `findNearMiss` explanations (otherExtension does not apply: GitLab
        // needs `.yml`).
      });

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
