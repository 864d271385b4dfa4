import { describe, expect, it } from 'vitest';
import { GITHUB_PKG, GITLAB_PKG, lintFiles, publisherConfig } from '../../test/helpers.js';
import { ruleTester, textWith } from '../../test/rule-tester.js';

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

const repo = (workflow: string, config: string | undefined = publisherConfig({}), extra: Record<string, string> = {}): Record<string, string> => {
  const files: Record<string, string> = { 'package.json': GITHUB_PKG, '.github/workflows/release.yml': workflow, ...extra };
  if (config !== undefined) files['tp-doctor.yml'] = config;
  return files;
};

const callee = wf().replace("on:\n  push:\n    tags: ['v*']\n", 'on: workflow_call\n');
const caller = "on:\n  push:\n    tags: ['v*']\njobs:\n  call:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/publish.yml\n";

const GITLAB_PUBLISH = 'publish:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script: npm publish\n';
const gitlabConfig = (environment?: string): string =>
  `publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n${environment ? `    environment: ${environment}\n` : ''}`;
const gitlabRepo = (ci: string, config?: string): Record<string, string> => {
  const files: Record<string, string> = { 'package.json': GITLAB_PKG, '.gitlab-ci.yml': ci };
  if (config !== undefined) files['tp-doctor.yml'] = config;
  return files;
};

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: [
      { name: '`environment: npm` is satisfied', files: repo(wf('    environment: npm\n')) },
      { name: '`environment: { name: npm }` is satisfied', files: repo(wf('    environment:\n      name: npm\n      url: https://www.npmjs.com/package/widget\n')) },
      { name: 'an environment expression is satisfied', files: repo(wf('    environment: ${{ inputs.env }}\n')) },
      { name: 'a declared publisher that names an environment leaves the job to environment-matches-publisher', files: repo(wf(), publisherConfig({ environment: 'npm' })) },
      { name: 'a job that does not publish is silent', files: repo(wf('', 'npm test')) },
      { name: 'GitLab: `environment:` on the job is satisfied', files: gitlabRepo(`${GITLAB_PUBLISH}  environment: npm\n`) },
      { name: 'GitLab: `environment:` from a template is satisfied', files: gitlabRepo(`.release:\n  environment:\n    name: npm\n${GITLAB_PUBLISH}  extends: .release\n`) },
      { name: 'GitLab: a declared publisher that names an environment is left to environment-matches-publisher', files: gitlabRepo(GITLAB_PUBLISH, gitlabConfig('npm')) },
    ],
    invalid: [
      {
        name: 'a publishing job without an environment: info at the job',
        files: repo(wf()),
        errors: [
          {
            messageId: 'missing',
            at: '5:3-5:10',
            severity: 'info',
            message: 'Job "publish" publishes to npm without an `environment`, so no required reviewer or branch rule can hold the publish',
            why: textWith('"release.yml"', 'cannot be read from the files'),
          },
        ],
      },
      {
        name: "a reusable workflow names its callers' files",
        files: { 'package.json': GITHUB_PKG, '.github/workflows/release.yml': caller, '.github/workflows/publish.yml': callee },
        errors: [{ messageId: 'missing', at: '3:3-3:10', file: '.github/workflows/publish.yml', data: { workflow: '"release.yml"' } }],
      },
      {
        name: 'a possible publish stays info and says "may publish"',
        files: repo(
          wf('', './scripts/release.sh\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}').replace(
            '      - uses: actions/checkout@v5\n',
            '      - uses: actions/checkout@v5\n      - uses: actions/setup-node@v5\n        with:\n          registry-url: https://registry.npmjs.org\n',
          ),
        ),
        errors: [{ messageId: 'missing', at: '5:3-5:10', severity: 'info', message: expect.stringContaining('may publish') }],
      },
      {
        name: 'GitLab: a publishing job without an environment',
        files: gitlabRepo(GITLAB_PUBLISH),
        errors: [{ messageId: 'gitlabMissing', at: '1:1-1:8', severity: 'info', why: expect.stringContaining('".gitlab-ci.yml"') }],
      },
      {
        name: 'GitLab: a declared GitLab publisher without an environment',
        files: gitlabRepo(GITLAB_PUBLISH, gitlabConfig()),
        errors: [{ messageId: 'gitlabMissing', at: '1:1-1:8' }],
      },
    ],
  });

  it('a declared publisher that names an environment: environment-matches-publisher reports instead', async () => {
    const all = await lintFiles(repo(wf(), publisherConfig({ environment: 'npm' })));
    expect(all.map((d) => d.ruleId)).toContain('environment-matches-publisher');
  });
});
