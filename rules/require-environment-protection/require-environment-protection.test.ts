import { describe, expect, it } from 'vitest';
import { brief, GITHUB_PKG, GITLAB_PKG, lintFiles, publisherConfig } from '../../test/helpers.js';

const RULE = 'require-environment-protection';

/** A release workflow whose `publish` job (line 4) has `jobExtra` and runs `npm publish` (or `publish`). */
const wf = (jobExtra = '', publish = 'npm publish'): string => `on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
${jobExtra}    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v5
      - run: ${publish}
`;

const lint = (workflow: string, config: string | undefined = publisherConfig({}), extra: Record<string, string> = {}) => {
  const files: Record<string, string> = { 'package.json': GITHUB_PKG, '.github/workflows/release.yml': workflow, ...extra };
  if (config !== undefined) files['tp-doctor.yml'] = config;
  return lintFiles(files, { rule: RULE });
};

describe(RULE, () => {
  it('a publishing job without an environment: info at the job', async () => {
    const got = await lint(wf());
    expect(got.map(brief)).toEqual(['missing@5:3-5:10']);
    expect(got[0]?.severity).toBe('info');
    expect(got[0]?.message).toBe(
      'Job "publish" publishes to npm without an `environment`, so no required reviewer or branch rule can hold the publish',
    );
    expect(got[0]?.why).toContain('"release.yml"');
    expect(got[0]?.why).toContain('cannot be read from the files');
  });

  it('`environment: npm`, `environment: { name: npm }` and an expression are satisfied', async () => {
    expect(await lint(wf('    environment: npm\n'))).toEqual([]);
    expect(await lint(wf('    environment:\n      name: npm\n      url: https://www.npmjs.com/package/widget\n'))).toEqual([]);
    expect(await lint(wf('    environment: ${{ inputs.env }}\n'))).toEqual([]);
  });

  it('a declared publisher that names an environment leaves the job to environment-matches-publisher', async () => {
    expect(await lint(wf(), publisherConfig({ environment: 'npm' }))).toEqual([]);
    const all = await lintFiles({ 'package.json': GITHUB_PKG, 'tp-doctor.yml': publisherConfig({ environment: 'npm' }), '.github/workflows/release.yml': wf() });
    expect(all.map((d) => d.ruleId)).toContain('environment-matches-publisher');
  });

  it('a job that does not publish is silent', async () => {
    expect(await lint(wf('', 'npm test'))).toEqual([]);
  });

  it('a reusable workflow names its callers\' files', async () => {
    const callee = wf().replace("on:\n  push:\n    tags: ['v*']\n", 'on: workflow_call\n');
    const caller = "on:\n  push:\n    tags: ['v*']\njobs:\n  call:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/publish.yml\n";
    const got = await lintFiles({ 'package.json': GITHUB_PKG, '.github/workflows/release.yml': caller, '.github/workflows/publish.yml': callee }, { rule: RULE });
    expect(got.map((d) => `${d.file} ${brief(d)} ${String(d.data.workflow)}`)).toEqual(['.github/workflows/publish.yml missing@3:3-3:10 "release.yml"']);
  });

  it('a possible publish stays info and says "may publish"', async () => {
    const got = await lint(
      wf('', './scripts/release.sh\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}').replace(
        '      - uses: actions/checkout@v5\n',
        '      - uses: actions/checkout@v5\n      - uses: actions/setup-node@v5\n        with:\n          registry-url: https://registry.npmjs.org\n',
      ),
    );
    expect(got.map((d) => `${d.messageId} ${d.severity}`)).toEqual(['missing info']);
    expect(got[0]?.message).toContain('may publish');
  });
});

describe(`${RULE} on GitLab`, () => {
  const publish = 'publish:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script: npm publish\n';
  const gitlabConfig = (environment?: string): string =>
    `publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n${environment ? `    environment: ${environment}\n` : ''}`;
  const lint = (ci: string, config?: string) => {
    const files: Record<string, string> = { 'package.json': GITLAB_PKG, '.gitlab-ci.yml': ci };
    if (config !== undefined) files['tp-doctor.yml'] = config;
    return lintFiles(files, { rule: RULE });
  };

  it('a publishing job without an environment', async () => {
    const got = await lint(publish);
    expect(got.map((d) => `${brief(d)} ${d.severity}`)).toEqual(['gitlabMissing@1:1-1:8 info']);
    expect(got[0]?.why).toContain('".gitlab-ci.yml"');
  });

  it('`environment:` on the job, or from a template, is satisfied', async () => {
    expect(await lint(`${publish}  environment: npm\n`)).toEqual([]);
    expect(await lint(`.release:\n  environment:\n    name: npm\n${publish}  extends: .release\n`)).toEqual([]);
  });

  it('a declared GitLab publisher that names an environment is left to environment-matches-publisher', async () => {
    expect(await lint(publish, gitlabConfig('npm'))).toEqual([]);
    expect((await lint(publish, gitlabConfig())).map((d) => d.messageId)).toEqual(['gitlabMissing']);
  });
});
