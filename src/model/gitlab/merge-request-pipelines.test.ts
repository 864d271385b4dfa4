/**
 * A GitLab job that runs only in merge-request pipelines (./merge-request-pipelines.ts) has no
 * publish site for semantic-release, which publishes nothing there (docs/domain.md A.36).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';
import { requiresMergeRequest } from './merge-request-pipelines.js';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'git+https://gitlab.com/o/widget.git' } });
const MR = '$CI_PIPELINE_SOURCE == "merge_request_event"';

/** The commands of the publish sites of the `.gitlab-ci.yml` `before` + job `release` (its `keys` lines, then `command`). */
function sites(keys: string, command = 'npx semantic-release', before = '', files: Record<string, string> = {}): string[] {
  const ci = `${before}release:\n  image: node:24\n${keys}  script:\n    - ${command}\n`;
  const project = loadProject(new MemoryFs({ 'package.json': PKG, '.gitlab-ci.yml': ci, ...files }));
  return project.gitlab.flatMap((p) => p.jobs.flatMap((job) => project.facts.jobSites(job).map((s) => `${job.name}: ${s.publish.match.label}`)));
}

const KEPT = ['release: semantic-release'];

describe('requiresMergeRequest', () => {
  it.each([MR, "'merge_request_event' == $CI_PIPELINE_SOURCE", '$CI_MERGE_REQUEST_IID', '${CI_MERGE_REQUEST_ID}', `$CI_COMMIT_BRANCH && ${MR}`, `(${MR}) && $X == "1"`, '$CI_MERGE_REQUEST_TARGET_BRANCH_NAME == "main"'])(
    '%s: only in merge-request pipelines',
    (condition) => expect(requiresMergeRequest(condition)).toBe(true),
  );
  it.each([undefined, '$CI_COMMIT_TAG', `${MR} || $CI_COMMIT_TAG`, '$CI_PIPELINE_SOURCE != "merge_request_event"', '$CI_MERGE_REQUEST_IID == ""', '$CI_PIPELINE_SOURCE =~ /merge/'])(
    '%s: not only there',
    (condition) => expect(requiresMergeRequest(condition)).toBe(false),
  );
});

describe('GitLab semantic-release sites in merge-request pipelines', () => {
  it.each([
    ['`rules:` that need a merge-request pipeline', `  rules:\n    - if: ${MR}\n`],
    ['a `when: never` rule, then merge-request rules', `  rules:\n    - if: $CI_COMMIT_TAG\n      when: never\n    - if: ${MR}\n      when: manual\n`],
    ['`only: [merge_requests]`', '  only:\n    - merge_requests\n'],
    ['`only: refs: [merge_requests]`', '  only:\n    refs: [merge_requests]\n'],
  ])('%s: no site', (_name, keys) => {
    expect(sites(keys)).toEqual([]);
  });

  it('`workflow:rules` that start only merge-request pipelines: no site', () => {
    expect(sites('', undefined, `workflow:\n  rules:\n    - if: ${MR}\n`)).toEqual([]);
  });

  it('rules from a template through `extends:`: no site', () => {
    expect(sites('  extends: .mr\n', undefined, `.mr:\n  rules:\n    - if: ${MR}\n`)).toEqual([]);
  });

  it.each([
    ['a rule for tags beside the merge-request one', `  rules:\n    - if: ${MR}\n    - if: $CI_COMMIT_TAG\n`],
    ['a rule without `if:`', `  rules:\n    - if: ${MR}\n    - when: manual\n`],
    ['`||` in the `if:`', `  rules:\n    - if: ${MR} || $CI_COMMIT_TAG\n`],
    ['`only: [merge_requests, main]`', '  only:\n    - merge_requests\n    - main\n'],
    ['no `rules:` (branch pipelines)', ''],
    ['a job that sets `CI_MERGE_REQUEST_ID` itself', `  variables:\n    CI_MERGE_REQUEST_ID: ""\n  rules:\n    - if: ${MR}\n`],
  ])('%s: the site stays', (_name, keys) => {
    expect(sites(keys)).toEqual(KEPT);
  });

  it('`workflow:rules` that also start branch pipelines: the site stays', () => {
    expect(sites('', undefined, `workflow:\n  rules:\n    - if: ${MR}\n    - if: $CI_COMMIT_BRANCH\n`)).toEqual(KEPT);
  });

  it.each([
    ['--no-ci', 'npx semantic-release --no-ci'],
    ['a word only known at run time', 'npx semantic-release $SR_ARGS'],
    ['CI_MERGE_REQUEST_ID emptied before the command (env-ci reads isPr from it)', 'CI_MERGE_REQUEST_ID= npx semantic-release'],
  ])('merge-request rules with %s: the site stays', (_name, command) => {
    expect(sites(`  rules:\n    - if: ${MR}\n`, command)).toEqual(KEPT);
  });

  it('merge-request rules with `ci: false` in the configuration: the site stays', () => {
    expect(sites(`  rules:\n    - if: ${MR}\n`, undefined, '', { '.releaserc.json': '{"ci": false}' })).toEqual(KEPT);
  });

  it('npm publish in a merge-request job stays a site', () => {
    expect(sites(`  rules:\n    - if: ${MR}\n`, 'npm publish')).toEqual(['release: npm publish']);
  });
});
