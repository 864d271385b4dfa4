/**
 * trusted-workflow-exists: a job's `uses:` of a local reusable workflow whose file is not in the
 * repository (./called-workflow.ts over src/model/github/missing-calls.ts). GitHub fails every run
 * that includes the call before any job starts: an error when those runs publish (or are the
 * declared publisher's), a warning otherwise. Judged only when an existing workflow has the name
 * but for the extension, the case or the folder.
 */
import { describe, expect, it } from 'vitest';
import { fixSync } from '../../src/autofix.js';
import { MemoryFs } from '../../src/fs/source.js';
import { GITHUB_PKG, lintFiles, publisherConfig } from '../../test/helpers.js';
import { ruleTester } from '../../test/rule-tester.js';
import rule from './trusted-workflow-exists.js';

const RULE = 'trusted-workflow-exists';

/** A workflow whose job `call` (line 5) calls `target`; the `uses:` value is on line 8, from column 11. */
const caller = (target: string, on = 'push'): string =>
  [`on: ${on}`, 'permissions:', '  id-token: write', 'jobs:', '  call:', '    permissions:', '      id-token: write', `    uses: ${target}`, ''].join('\n');

/** A called workflow whose job publishes (its `npm publish` on line 9). */
const PUBLISH = ['on:', '  workflow_call:', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - run: npm publish', ''].join('\n');
/** A called workflow that only tests. */
const LINT = PUBLISH.replace('npm publish', 'npm test').replace('  publish:', '  lint:');
/** A top-level workflow with a publishing job `release` (line 4) and the job `call` (line 9) calling `target` at line 10, column 11. */
const releaseWith = (target: string): string =>
  ['on: push', 'permissions: {}', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    permissions: { id-token: write }', '    steps:', '      - run: npm publish', '  call:', `    uses: ${target}`, ''].join('\n');

const files = (workflows: Record<string, string>, config?: string): Record<string, string> => ({
  'package.json': GITHUB_PKG,
  ...Object.fromEntries(Object.entries(workflows).map(([name, text]) => [name.includes('/') ? name : `.github/workflows/${name}`, text])),
  ...(config !== undefined ? { 'tp-doctor.yml': config } : {}),
});

const at = (target: string, line = 8): string => `${line}:11-${line}:${11 + target.length}`;

describe(`${RULE}: local reusable workflows that do not exist`, () => {
  ruleTester.run(RULE, {
    valid: [
      { name: 'the called workflow exists', files: files({ 'ci.yml': caller('./.github/workflows/publish.yml'), 'publish.yml': PUBLISH }) },
      { name: 'the `$/` form of an existing workflow', files: files({ 'ci.yml': caller('$/.github/workflows/publish.yml'), 'publish.yml': PUBLISH }) },
      { name: 'another repository: not judged', files: files({ 'ci.yml': caller('acme/shared/.github/workflows/missing.yml@v1'), 'publish.yml': PUBLISH }) },
      {
        name: 'this repository at a ref: the file is read at that ref, not judged',
        files: { ...files({ 'ci.yml': caller('acme/pkg/.github/workflows/missing.yml@main') }), 'package.json': JSON.stringify({ name: 'pkg', version: '1.0.0', repository: { type: 'git', url: 'https://github.com/acme/pkg' } }) },
      },
      { name: 'a path that leaves the repository: not judged', files: files({ 'ci.yml': caller('./../other/.github/workflows/x.yml') }) },
      {
        // A file that is only absent is more often one tp-doctor was not given (a partial copy of the
        // workflows, a sparse checkout) than one missing from the commit: nothing is said.
        name: 'the declared publisher workflow calls a file that is absent, no workflow it misnames: not judged',
        files: files({ 'release.yml': caller('./.github/workflows/npm-publish.yml'), 'lint.yml': LINT }, publisherConfig({})),
      },
      {
        name: 'a name a small edit away from an existing workflow (`lnt.yml`, `lint.yml`): no evidence of a typo, not judged',
        files: files({ 'release.yml': releaseWith('./.github/workflows/lnt.yml'), 'lint.yml': LINT }),
      },
    ],
    invalid: [
      {
        name: '`.yml` for the `.yaml` file that publishes: the publish never runs, an error at the `uses:` value',
        files: files({ 'ci.yml': caller('./.github/workflows/publish.yml'), 'publish.yaml': PUBLISH }),
        errors: [
          {
            messageId: 'calledWorkflowMissing',
            at: at('./.github/workflows/publish.yml'),
            file: '.github/workflows/ci.yml',
            severity: 'error',
            message:
              'Job "call" calls "./.github/workflows/publish.yml", which does not exist; ".github/workflows/publish.yaml" exists, with another extension; every run of "ci.yml" fails before any job starts, so job "publish" in publish.yaml does not publish in them',
            fix: 'Set `jobs.call.uses` to "./.github/workflows/publish.yaml"',
            related: ['.github/workflows/publish.yaml:1:1 existing workflow ".github/workflows/publish.yaml"', '.github/workflows/publish.yaml:9:14 publish of job "publish" in publish.yaml'],
          },
        ],
      },
      {
        name: 'a case difference, in a workflow whose own job publishes: an error naming that job',
        files: files({ 'release.yml': releaseWith('./.github/workflows/Lint.yml'), 'lint.yml': LINT }),
        errors: [
          {
            messageId: 'calledWorkflowMissing',
            at: at('./.github/workflows/Lint.yml', 10),
            severity: 'error',
            data: { near: '; ".github/workflows/lint.yml" exists, differing only in case', blocked: 'job "release" in release.yml does not publish in them' },
          },
        ],
      },
      {
        name: 'a workflow that publishes nothing calls one in the wrong folder: a warning with the file of that name',
        files: files({ 'ci.yml': caller('./.github/workflow/lint.yml'), 'lint.yml': LINT }),
        errors: [
          {
            messageId: 'calledWorkflowMissingNoPublish',
            at: at('./.github/workflow/lint.yml'),
            severity: 'warning',
            message: 'Job "call" calls "./.github/workflow/lint.yml", which does not exist; ".github/workflows/lint.yml" has that name; every run of "ci.yml" fails before any job starts',
            fix: 'Set `jobs.call.uses` to "./.github/workflows/lint.yml"',
          },
        ],
      },
      {
        name: 'a case difference, nested: the runs of the outer entry fail too, and its publish with them',
        files: files({
          'release.yml': releaseWith('./.github/workflows/mid.yml'),
          'mid.yml': caller('./.github/workflows/LINT.yml', '\n  workflow_call:').replace('on: \n', 'on:\n'),
          'lint.yml': LINT,
        }),
        errors: [
          {
            messageId: 'calledWorkflowMissing',
            file: '.github/workflows/mid.yml',
            at: at('./.github/workflows/LINT.yml', 9),
            severity: 'error',
            data: { entries: '"release.yml"', near: '; ".github/workflows/lint.yml" exists, differing only in case' },
          },
        ],
      },
    ],
    notCovered: Object.fromEntries(
      Object.keys(rule.meta.messages)
        .filter((id) => !id.startsWith('calledWorkflow'))
        .map((id) => [id, 'the trusted publisher checks: trusted-workflow-exists.test.ts and circleci.test.ts']),
    ),
  });
});

describe(`${RULE}: the fix of a misnamed local call`, () => {
  const fixed = (workflows: Record<string, string>): { texts: Record<string, string>; applied: string[] } => {
    const outcome = fixSync({ fs: new MemoryFs(files(workflows)), rules: [rule], ruleIds: new Set([RULE]) });
    if (!outcome.ok) throw new Error('config errors');
    return { texts: Object.fromEntries(outcome.files.map((f) => [f.file, f.after])), applied: outcome.applied.map((a) => `${a.messageId}: ${a.description}`) };
  };

  it('another extension: `--fix` points `uses:` at the existing file, and the finding is gone', () => {
    const { texts, applied } = fixed({ 'ci.yml': caller('./.github/workflows/publish.yml'), 'publish.yaml': PUBLISH });
    expect(applied).toEqual(['calledWorkflowMissing: Set `jobs.call.uses` to "./.github/workflows/publish.yaml"']);
    expect(texts['.github/workflows/ci.yml']).toBe(caller('./.github/workflows/publish.yaml'));
  });

  it('another case, the quoting kept', () => {
    const { texts } = fixed({ 'release.yml': releaseWith('"./.github/workflows/Lint.yml"'), 'lint.yml': LINT });
    expect(texts['.github/workflows/release.yml']).toBe(releaseWith('"./.github/workflows/lint.yml"'));
  });

  it('a file of that name in another folder is only probably the one meant: a suggestion, not applied', async () => {
    const [d] = await lintFiles(files({ 'ci.yml': caller('./.github/workflow/lint.yml'), 'lint.yml': LINT }), { rule: RULE });
    expect([d?.messageId, d?.autofix ?? undefined, d?.suggestions?.map((s) => s.description)]).toEqual([
      'calledWorkflowMissingNoPublish',
      undefined,
      ['Set `jobs.call.uses` to "./.github/workflows/lint.yml"'],
    ]);
    expect(fixed({ 'ci.yml': caller('./.github/workflow/lint.yml'), 'lint.yml': LINT }).applied).toEqual([]);
  });
});
