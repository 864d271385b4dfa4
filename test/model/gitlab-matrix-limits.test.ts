import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers.js';
import { MemoryFs } from '../../src/fs/source.js';
import { loadGitlabPipeline } from '../../src/model/gitlab/pipeline.js';
import { MAX_PIPELINE_MATRIX_JOBS } from '../../src/model/gitlab/matrix.js';

const PKG = JSON.stringify({ name: '@acme/lib', version: '1.0.0', repository: { type: 'git', url: 'git+https://gitlab.com/acme/lib.git' } });
const PUBLISH = '  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - npm publish\n';

describe('GitLab parallel: matrix: rules that read a matrix value', () => {
  it('a combination the rules may drop (`if: $V == "20"`, `when: never`) is judged as a guess: a warning', async () => {
    const ci = `publish:\n  image: node:$V\n  parallel:\n    matrix:\n      - V: ["20", "24"]\n  rules:\n    - if: $V == "20"\n      when: never\n    - when: on_success\n${PUBLISH}`;
    const found = await lintFiles({ 'package.json': PKG, '.gitlab-ci.yml': ci }, { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@warning']);
  });
  it('control: rules that do not read the matrix keep the error', async () => {
    const ci = `publish:\n  image: node:$V\n  parallel:\n    matrix:\n      - V: ["20", "24"]\n  rules:\n    - if: $CI_COMMIT_TAG\n${PUBLISH}`;
    const found = await lintFiles({ 'package.json': PKG, '.gitlab-ci.yml': ci }, { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@error']);
  });
});

describe('GitLab parallel: matrix: a pipeline expands at most MAX_PIPELINE_MATRIX_JOBS jobs', () => {
  it('the jobs past the budget are read once, without their matrix', () => {
    const values = Array.from({ length: 200 }, (_, i) => `"v${i}"`).join(', ');
    const job = (n: number): string => `job${n}:\n  image: node:24\n  parallel:\n    matrix:\n      - V: [${values}]\n  script:\n    - echo $V\n`;
    const ci = [0, 1, 2].map(job).join('');
    const { pipeline } = loadGitlabPipeline(new MemoryFs({ '.gitlab-ci.yml': ci }), '.gitlab-ci.yml');
    const count = (name: string): number => pipeline!.jobs.filter((j) => j.name === name).length;
    expect(MAX_PIPELINE_MATRIX_JOBS).toBe(400);
    expect([count('job0'), count('job1'), count('job2')]).toEqual([200, 200, 1]);
    expect(pipeline!.jobs.find((j) => j.name === 'job2')?.matrix).toBeUndefined();
  });
});
