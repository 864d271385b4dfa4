/**
 * A job chosen by `rules: - if: $USE_TOKEN == "true"`, beside a job with `NPM_ID_TOKEN` under the
 * opposite rule (audit1207 g02, docs/domain.md A.64): `USE_TOKEN` is set, if at all, in the
 * project's settings, which the repository does not show. The legacy job's missing token is a
 * warning naming the `rules: if:` and the other job. A job without rules, or with a rule that holds
 * in some pipeline, stays an error.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'git+https://gitlab.com/acme/widget.git' } });
const CONFIG = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
const oidc = (condition: string): string => `publish-oidc:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" }\n  rules:\n    - if: ${condition}\n  script: [npm publish]\n`;
const legacy = (rules: string): string => `publish-legacy:\n  image: node:24\n${rules}  script: [npm publish]\n`;

async function found(ci: string): Promise<{ severity: string; message: string; related: string[] }[]> {
  const ds = await lintFiles({ 'package.json': PKG, 'tp-doctor.yml': CONFIG, '.gitlab-ci.yml': ci }, { rule: 'gitlab-npm-id-token' });
  return ds.map((d) => ({ severity: d.severity, message: d.message, related: d.related.map((r) => `${r.start.line}:${r.start.column} ${r.label}`) }));
}

describe('gitlab-npm-id-token: a job chosen by rules: tp-doctor cannot evaluate (A.64)', () => {
  it('probe g02: `$USE_TOKEN == "true"` beside the job with the token: a warning naming the if: and that job', async () => {
    expect(await found(`${oidc('$USE_TOKEN != "true"')}${legacy('  rules:\n    - if: $USE_TOKEN == "true"\n')}`)).toEqual([
      {
        severity: 'warning',
        message: 'Job "publish-legacy" may publish to npm but has no `id_tokens`; expected `NPM_ID_TOKEN` with `aud: "npm:registry.npmjs.org"`',
        related: [
          "11:7 the job's `rules: if:`, which reads a variable no file sets (project settings are not in the repository), decides whether it runs",
          '1:1 job "publish-oidc" also publishes, with `NPM_ID_TOKEN`',
        ],
      },
    ]);
  });
  it('control: a job without rules runs in every pipeline: the error', async () => {
    expect((await found(`${oidc('$USE_TOKEN != "true"')}${legacy('')}`)).map((d) => d.severity)).toEqual(['error']);
  });
  it('control: `rules: - if: $CI_COMMIT_TAG` holds in every tag pipeline: the error', async () => {
    expect((await found(`${oidc('$CI_COMMIT_BRANCH')}${legacy('  rules:\n    - if: $CI_COMMIT_TAG\n')}`)).map((d) => d.severity)).toEqual(['error']);
  });
  it('control: a variable the file sets is read: `variables: USE_TOKEN: "true"` makes the rule hold, the error', async () => {
    expect((await found(`variables:\n  USE_TOKEN: "true"\n${oidc('$USE_TOKEN != "true"')}${legacy('  rules:\n    - if: $USE_TOKEN == "true"\n')}`)).map((d) => d.severity)).toEqual(['error']);
  });
  it('probe g01: a `when: manual`, `allow_failure: true` job without the token beside a tag job with it stays an error: when someone runs it, it certainly fails (A.64)', async () => {
    const manual = 'publish-legacy:\n  image: node:24\n  when: manual\n  allow_failure: true\n  script: [npm publish]\n';
    expect((await found(`${oidc('$CI_COMMIT_TAG')}${manual}`)).map((d) => d.severity)).toEqual(['error']);
  });
  it('control: no job with the token beside it: whichever runs fails, the error', async () => {
    expect((await found(legacy('  rules:\n    - if: $USE_TOKEN == "true"\n'))).map((d) => d.severity)).toEqual(['error']);
  });
});
