/**
 * A pipeline on a self-managed GitLab (survey 300f §1, sikt-no on gitlab.sikt.no): npm trusted
 * publishing accepts ID tokens from GitLab.com only (docs/domain.md §1.8), so the findings that say
 * what trusted publishing still needs (`oidcOnly` rules) are info at most there, say so, and their
 * fixes are only offered (src/engine/token-fallback-cap.ts); no-long-lived-token says the token
 * cannot be replaced there. The host comes from the inferred publisher (a git remote on another
 * GitLab's host) or a declared publisher's `host:`.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers.js';

const remote = (host: string): Record<string, string> => ({ '.git/config': `[remote "origin"]\n\turl = https://${host}/acme/widget.git\n` });
/** The pipeline and a package.json without `repository` (one naming gitlab.com would make the project GitLab.com's). */
const gitlabRepo = (ci: string): Record<string, string> => ({ 'package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0' }), '.gitlab-ci.yml': ci });
const CI = ['publish:', '  image: node:20', '  tags: [build]', '  script:', '    - npm publish', ''].join('\n');
const OIDC_RULES = ['gitlab-npm-id-token', 'npm-supports-oidc', 'require-hosted-runner'];

type Found = Awaited<ReturnType<typeof lintFiles>>;
const oidc = (found: Found): string[] => found.filter((d) => OIDC_RULES.includes(d.ruleId)).map((d) => `${d.ruleId} ${d.severity}`).sort();

describe('GitLab: trusted publishing on a self-managed GitLab', () => {
  it('a git remote on another GitLab host: the oidc-only findings are infos that say why, with no automatic fix', async () => {
    const found = await lintFiles({ ...gitlabRepo(CI), ...remote('gitlab.example.org') });
    expect(oidc(found)).toEqual(['gitlab-npm-id-token info', 'npm-supports-oidc info', 'require-hosted-runner info']);
    const token = found.find((d) => d.ruleId === 'gitlab-npm-id-token');
    expect(token?.why).toContain('The pipeline appears to run on a self-managed GitLab (gitlab.example.org), and npm trusted publishing accepts ID tokens from GitLab.com only');
    expect(token?.fix).toBe('Only on GitLab.com (trusted publishing is not available on gitlab.example.org): add `id_tokens: { NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" } }` to the job `publish`');
    expect(token?.autofix).toBeUndefined();
    expect(token?.suggestions?.length).toBe(1);
  });
  it('control: the same pipeline on gitlab.com keeps its errors and the automatic fix', async () => {
    const found = await lintFiles({ ...gitlabRepo(CI), ...remote('gitlab.com') });
    expect(oidc(found)).toEqual(['gitlab-npm-id-token error', 'npm-supports-oidc error', 'require-hosted-runner warning']);
    const token = found.find((d) => d.ruleId === 'gitlab-npm-id-token');
    expect(token?.why).not.toContain('self-managed');
    expect(token?.autofix).toBeDefined();
  });
  it('a declared publisher with a `host:` other than gitlab.com (publisher-config-valid reports the host itself)', async () => {
    const config = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n    host: gitlab.example.org\n';
    const found = await lintFiles({ ...gitlabRepo(CI), 'tp-doctor.yml': config });
    expect(oidc(found)).toEqual(['gitlab-npm-id-token info', 'npm-supports-oidc info', 'require-hosted-runner info']);
    expect(found.filter((d) => d.ruleId === 'publisher-config-valid').map((d) => `${d.messageId} ${d.severity}`)).toEqual(['gitlabHost error']);
    // Control: `host: gitlab.com` is GitLab.com.
    const onCom = await lintFiles({ ...gitlabRepo(CI), 'tp-doctor.yml': config.replace('gitlab.example.org', 'gitlab.com') });
    expect(oidc(onCom)).toEqual(['gitlab-npm-id-token error', 'npm-supports-oidc error', 'require-hosted-runner warning']);
  });
  it('no-long-lived-token says the token cannot be replaced there, at info', async () => {
    const write = CI.replace('  script:\n', '  before_script:\n    - echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\n  script:\n');
    const token = (await lintFiles({ ...gitlabRepo(write), ...remote('gitlab.example.org') })).find((d) => d.ruleId === 'no-long-lived-token');
    expect(`${token?.messageId} ${token?.severity}`).toBe('gitlabSelfManaged info');
    expect(token?.message).toContain('on a self-managed GitLab (gitlab.example.org), where npm trusted publishing is not available');
    // Control: on gitlab.com the token is what trusted publishing replaces.
    const onCom = (await lintFiles({ ...gitlabRepo(write), ...remote('gitlab.com') })).find((d) => d.ruleId === 'no-long-lived-token');
    expect(`${onCom?.messageId} ${onCom?.severity}`).toBe('gitlabScriptWrite warning');
  });
});
