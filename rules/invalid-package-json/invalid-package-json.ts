import { defineRule } from '../../src/engine/define-rule.js';
import { describeReadFailure } from '../../src/model/core/problems.js';
import { PUBLISH_FIELDS } from '../../src/model/data/publish-fields.js';

const NPM_FAILS = 'npm reads package.json with `JSON.parse` before it does anything: every npm command in this directory, `npm publish` included, stops with EJSONPARSE (or ENOENT/EACCES when it cannot read the file), and tp-doctor cannot check the package fields either';

export default defineRule({
  id: 'invalid-package-json',
  meta: {
    severity: 'error',
    providers: ['github', 'gitlab', 'circleci'],
    summary: 'package.json must be strict JSON that npm can read, without repeated keys',
    // Low: a broken manifest breaks the publish (availability) but exposes nothing.
    securitySeverity: 2.0,
    messages: {
      syntax: {
        text: '"{file}" is not valid JSON: {detail}',
        why: NPM_FAILS,
        fix: 'Correct the JSON at this position (a trailing comma, a missing comma or quote, single quotes, comments or YAML syntax are the usual causes)',
      },
      notAnObject: {
        text: '"{file}" is valid JSON but not an object; npm expects an object with `name` and `version`',
        why: 'npm needs the manifest to be a JSON object: with a list, a string or `null` it finds no name or version and refuses to publish',
        fix: 'Make the top level an object with at least `name` and `version`',
      },
      duplicateKey: {
        text: 'Duplicate key "{key}" in "{file}"; npm uses the last value',
        why: 'npm (JSON.parse) keeps only the last of two equal keys, so the first value, the one a reader sees first, is silently ignored: a `"private": false` followed by `"private": true` is private',
        fix: 'Delete one of the two `{key}` keys so the file says what npm does',
        severity: 'warning',
      },
      // A key under a field npm and the publish do not read (`prettier`, `resolutions`): worth
      // knowing, not a publish risk (src/model/data/publish-fields.ts).
      duplicateOtherKey: {
        text: 'Duplicate key "{key}" in "{file}"{under}; npm uses the last value, but the publish does not read it',
        why: 'npm (JSON.parse) keeps only the last of two equal keys, so the first value is silently ignored; {field} is not a field npm or the publish reads (its name, version, files, scripts, dependencies, publishConfig…), so the publish is not affected',
        fix: 'Delete one of the two `{key}` keys so the file says what the tool that reads {field} does',
        severity: 'info',
      },
      unreadable: {
        text: '"{file}" was not checked: {detail}',
        why: 'tp-doctor can only check a package.json it can read as UTF-8 text up to its size limit; npm may still read it',
        fix: 'Make the file a readable UTF-8 text file, or exclude the publishing files with `ignore:` in the tp-doctor config',
        severity: 'warning',
      },
      outsideRoot: {
        text: '"{file}" was not checked: {detail}',
        why: 'Following a path or link out of the repository could read files that are not part of it',
        fix: 'Keep the package inside the repository instead of linking to it',
        severity: 'warning',
      },
    },
  },
  hooks: {
    project(_project, ctx) {
      for (const problem of ctx.facts.packageJsonProblems) {
        const file = problem.file;
        switch (problem.kind) {
          case 'read': {
            const at = { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
            const detail = describeReadFailure(problem.failure);
            const outside = problem.failure.reason === 'outside-root' || problem.failure.reason === 'invalid-path';
            ctx.report({ messageId: outside ? 'outsideRoot' : 'unreadable', data: { file, detail }, at });
            break;
          }
          case 'json':
            ctx.report({ messageId: 'syntax', data: { file, detail: problem.message }, at: { file, ...problem.span } });
            break;
          case 'not-an-object':
            ctx.report({ messageId: 'notAnObject', data: { file }, at: { file, ...problem.span } });
            break;
          case 'duplicate-key': {
            const top = problem.topKey;
            const related = [{ at: { file, ...problem.first }, label: `first "${problem.key}", ignored by npm` }];
            if (top === undefined || PUBLISH_FIELDS.has(top)) {
              ctx.report({ messageId: 'duplicateKey', data: { file, key: problem.key }, at: { file, ...problem.span }, related });
              break;
            }
            const under = top === problem.key ? '' : ` (under "${top}")`;
            const field = `\`${top}\``;
            ctx.report({ messageId: 'duplicateOtherKey', data: { file, key: problem.key, under, field }, at: { file, ...problem.span }, related });
            break;
          }
        }
      }
    },
  },
});
