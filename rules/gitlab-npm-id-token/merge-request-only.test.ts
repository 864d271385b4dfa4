/**
 * semantic-release publishes nothing in a merge-request pipeline (docs/domain.md A.36): a GitLab job
 * that only runs in merge-request pipelines does not publish with it
 * (src/model/gitlab/merge-request-pipelines.ts), so it needs no `NPM_ID_TOKEN`. A job that also runs
 * in branch or tag pipelines, or a command line that may turn the check off, keeps the finding.
 */
import { describe, expect, it } from 'vitest';
import { brief, lintFiles } from '../../test/helpers.js';

const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'git+https://gitlab.com/acme/widget.git' } });
const CONFIG = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
const MR = '    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n';

/** Job `release` (line 1) with `rules`, running npm ci and `command`; no `id_tokens:`. */
const ci = (rules: string, command = 'npx semantic-release'): string => `release:\n  image: node:24\n  rules:\n${rules}  script:\n    - npm ci\n    - ${command}\n`;

async function found(rules: string, command?: string): Promise<string[]> {
  const files = { 'package.json': PKG, 'tp-doctor.yml': CONFIG, '.gitlab-ci.yml': ci(rules, command) };
  return (await lintFiles(files, { rule: 'gitlab-npm-id-token' })).map(brief);
}

describe('gitlab-npm-id-token: semantic-release in merge-request pipelines', () => {
  it('rules that only match merge-request pipelines: silent', async () => {
    expect(await found(MR)).toEqual([]);
  });

  it('a rule for tags beside the merge-request one: reported (it publishes in tag pipelines)', async () => {
    expect(await found(`${MR}    - if: $CI_COMMIT_TAG\n`)).toEqual(['noIdTokens@1:1-1:8']);
  });

  it.each(['npx semantic-release $SR_ARGS', 'npx semantic-release --no-ci'])('merge-request rules with `%s`: reported (it may publish there)', async (command) => {
    expect(await found(MR, command)).toEqual(['noIdTokens@1:1-1:8']);
  });
});
