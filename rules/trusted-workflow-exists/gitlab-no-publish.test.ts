/**
 * `ciFileNoPublish` (survey800c M3): a declared GitLab CI file that exists but publishes nothing, as
 * `circleciConfigNoPublish` for a CircleCI configuration and publish-from-trusted-workflow's
 * `noPublishFound` for a GitHub workflow: a warning.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = { rule: 'trusted-workflow-exists' };
const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'git+https://gitlab.com/acme/widget.git' } });
const CONFIG = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
const ID = '  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n';
const lint = (ci: string, extra: Record<string, string> = {}) => lintFiles({ 'package.json': PKG, 'tp-doctor.yml': CONFIG, '.gitlab-ci.yml': ci, ...extra }, RULE);
const summary = (found: { severity: string; messageId: string }[]): string[] => found.map((d) => `${d.severity} ${d.messageId}`);

describe('trusted-workflow-exists ciFileNoPublish', () => {
  it('p800c/gl-rules-never: the only publishing job has `rules: - when: never`: a warning at the declared ciFile', async () => {
    const ci = `publish:\n  image: node:24\n${ID}  rules:\n    - when: never\n  script:\n    - npm ci\n    - npm publish\n`;
    const found = await lint(ci);
    expect(summary(found)).toEqual(['warning ciFileNoPublish']);
    expect(found[0]).toMatchObject({ file: 'tp-doctor.yml', line: 4 });
    expect(found[0]!.message).toBe('CI file ".gitlab-ci.yml" has no job that publishes to registry.npmjs.org');
    expect(found[0]!.fix).toBe('Add the publishing job to ".gitlab-ci.yml", or set `publishers[0].ciFile` to the CI file that publishes');
  });

  it('a CI file with only a test job: a warning', async () => {
    expect(summary(await lint('test:\n  image: node:24\n  script:\n    - npm ci\n    - npm test\n'))).toEqual(['warning ciFileNoPublish']);
  });

  it('a publish dry run only: a warning', async () => {
    expect(summary(await lint(`publish:\n  image: node:24\n${ID}  script:\n    - npm publish --dry-run\n`))).toEqual(['warning ciFileNoPublish']);
  });

  it('an include tp-doctor cannot read may hold the publish: an info naming it', async () => {
    const found = await lint("include:\n  - remote: 'https://example.com/ci/publish.yml'\ntest:\n  script:\n    - npm test\n");
    expect(summary(found)).toEqual(['info ciFileNoPublishUnreadable']);
    expect(found[0]!.message).toContain('("remote: https://example.com/ci/publish.yml")');
  });

  it('control: a job that publishes', async () => {
    expect(await lint(`publish:\n  image: node:24\n${ID}  script:\n    - npm publish\n`)).toEqual([]);
  });

  it('control: the publish is in a local include', async () => {
    const ci = "include:\n  - local: ci/publish.yml\ntest:\n  script:\n    - npm test\n";
    expect(await lint(ci, { 'ci/publish.yml': `publish:\n  image: node:24\n${ID}  script:\n    - npm publish\n` })).toEqual([]);
  });

  it('control: a publish behind `rules: - if:` may run', async () => {
    const ci = `publish:\n  image: node:24\n${ID}  rules:\n    - if: $CI_COMMIT_TAG\n  script:\n    - npm publish\n`;
    expect(await lint(ci)).toEqual([]);
  });

  it('control: a script tp-doctor cannot read that says publish (a possible publish) counts', async () => {
    const ci = `release:\n  image: node:24\n${ID}  script:\n    - ./scripts/publish-to-npm.sh\n`;
    expect(summary(await lint(ci))).toEqual([]);
  });
});
