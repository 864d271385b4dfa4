import { describe, expect, it } from 'vitest';
import { rules } from '../index.js';
import { lint } from '../../src/api.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { MemoryFs } from '../../src/fs/source.js';
import { GITHUB_PKG, GITLAB_PKG, lintFiles, publisherConfig } from '../../test/helpers.js';
import { fromRuleCases, ruleTester, type RuleCase } from '../../test/rule-tester.js';
import { editDistance, findNearMiss } from '../../src/model/core/near-miss.js';

const RULE = 'trusted-workflow-exists';

const WORKFLOW = `name: Release
on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - run: npm publish
`;

function repo(workflowFiles: string[], config?: string): Record<string, string> {
  const files: Record<string, string> = { 'package.json': GITHUB_PKG };
  for (const name of workflowFiles) files[`.github/workflows/${name}`] = WORKFLOW;
  if (config !== undefined) files['tp-doctor.yml'] = config;
  return files;
}

// `workflow: <value>` is line 4 of publisherConfig(); the value starts at column 15.
const span = (value: string): string => `4:15-4:${15 + value.length}`;

const cases: RuleCase[] = [
  { name: 'declared file exists', files: repo(['ci.yml', 'release.yml'], publisherConfig({})), want: [] },
  {
    name: 'declared .yaml file exists',
    files: repo(['release.yaml'], publisherConfig({ workflow: 'release.yaml' })),
    want: [],
  },
  {
    name: 'no file with that name or anything close',
    files: repo(['ci.yml', 'docs.yml'], publisherConfig({ workflow: 'publish-npm.yml' })),
    want: [`missing@${span('publish-npm.yml')}`],
    data: { workflow: 'publish-npm.yml', available: '"ci.yml", "docs.yml"', path: 'publishers[0].workflow' },
  },
  {
    name: 'same name, other extension',
    files: repo(['publish.yaml'], publisherConfig({ workflow: 'publish.yml' })),
    want: [`otherExtension@${span('publish.yml')}`],
    data: { workflow: 'publish.yml', actual: 'publish.yaml' },
  },
  {
    name: 'same name, .yml on disk while .yaml is declared',
    files: repo(['publish.yml', 'ci.yml'], publisherConfig({ workflow: 'publish.yaml' })),
    want: [`otherExtension@${span('publish.yaml')}`],
    data: { actual: 'publish.yml' },
  },
  {
    name: 'case-only difference',
    files: repo(['publish.yml'], publisherConfig({ workflow: 'Publish.yml' })),
    want: [`caseMismatch@${span('Publish.yml')}`],
    data: { workflow: 'Publish.yml', actual: 'publish.yml' },
  },
  {
    name: 'typo within edit distance 2',
    files: repo(['ci.yml', 'release.yml'], publisherConfig({ workflow: 'relase.yml' })),
    want: [`similar@${span('relase.yml')}`],
    data: { workflow: 'relase.yml', actual: 'release.yml' },
  },
  {
    name: 'the closest of several similar names is suggested',
    files: repo(['publish-a.yml', 'publish.yml'], publisherConfig({ workflow: 'publsh.yml' })),
    want: [`similar@${span('publsh.yml')}`],
    data: { actual: 'publish.yml' },
  },
  {
    name: 'no .github/workflows directory',
    files: { 'package.json': GITHUB_PKG, 'tp-doctor.yml': publisherConfig({}) },
    want: [`noWorkflows@${span('release.yml')}`],
    data: { workflow: 'release.yml' },
  },
  {
    name: 'workflows directory without workflow files',
    files: { 'package.json': GITHUB_PKG, '.github/workflows/README.md': '# notes\n', 'tp-doctor.yml': publisherConfig({}) },
    want: [`noWorkflows@${span('release.yml')}`],
  },
  {
    name: 'second publisher: path names its index',
    files: repo(
      ['release.yml'],
      `${publisherConfig({})}  - provider: github\n    repository: acme/widget\n    workflow: deploy.yml\n`,
    ),
    want: ['missing@7:15-7:25'],
    data: { path: 'publishers[1].workflow' },
  },
  { name: 'inferred publisher: silent', files: repo(['ci.yml']), want: [] },
  {
    name: 'a path is left to publisher-config-valid',
    files: repo(['release.yml'], publisherConfig({ workflow: '.github/workflows/relase.yml' })),
    want: [],
  },
  {
    name: 'an upper-case extension is left to publisher-config-valid',
    files: repo(['release.yml'], publisherConfig({ workflow: 'release.YML' })),
    want: [],
  },
  {
    name: 'a name without YAML extension is left to publisher-config-valid',
    files: repo(['release.yml'], publisherConfig({ workflow: 'relase' })),
    want: [],
  },
];

describe(RULE, () => {

  it('renders the message and points at the existing file', async () => {
    const [d] = await lintFiles(repo(['publish.yaml'], publisherConfig({ workflow: 'publish.yml' })), { rule: RULE });
    expect(d?.file).toBe('tp-doctor.yml');
    expect(d?.message).toBe('Trusted workflow "publish.yml" does not exist; the file is "publish.yaml", with another extension');
    expect(d?.fix).toContain('rename `.github/workflows/publish.yaml` to "publish.yml"');
    expect(d?.related).toEqual([
      {
        file: '.github/workflows/publish.yaml',
        start: { line: 1, column: 1 },
        end: { line: 1, column: 1 },
        label: 'existing workflow "publish.yaml"',
      },
    ]);
  });

  it('lists at most five existing files', async () => {
    const names = ['a.yml', 'b.yml', 'c.yml', 'd.yml', 'e.yml', 'f.yml', 'g.yml'];
    const [d] = await lintFiles(repo(names, publisherConfig({ workflow: 'publish-to-npm.yml' })), { rule: RULE });
    expect(d?.data.available).toBe('"a.yml", "b.yml", "c.yml", "d.yml", "e.yml", and 2 more');
  });
});

describe('near-miss helpers', () => {
  it.each([
    ['release.yml', 'release.yml', 0],
    ['relase.yml', 'release.yml', 1],
    ['Publish.yaml', 'publish.yml', 2],
    ['ci.yml', 'release.yml', 7],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('stops early past the limit', () => {
    expect(editDistance('ci.yml', 'release.yml', 2)).toBe(3);
  });

  it('prefers the other extension over a case or typo match', () => {
    expect(findNearMiss('publish.yml', ['Publish.yml', 'publish.yaml'])).toEqual({ kind: 'otherExtension', name: 'publish.yaml' });
    expect(findNearMiss('publish.yml', ['publisj.yml', 'Publish.yml'])).toEqual({ kind: 'caseMismatch', name: 'Publish.yml' });
    expect(findNearMiss('publish.yml', ['deploy.yml'])).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// GitLab: the declared `ciFile`

const GITLAB_CI = `publish:
  image: node:24
  id_tokens:
    NPM_ID_TOKEN:
      aud: "npm:registry.npmjs.org"
  script:
    - npm publish
`;

/**
 * MemoryFs cannot list the repository root (`list('')` is undefined), which the near-miss search
 * needs; this one can. Everything else is MemoryFs.
 */
class RootListingFs extends MemoryFs {
  constructor(private readonly names: Record<string, string>) {
    super(names);
  }

  override list(dir: string): { name: string; isDir: boolean }[] | undefined {
    if (dir !== '' && dir !== '.') return super.list(dir);
    const out = new Map<string, boolean>();
    for (const name of Object.keys(this.names)) {
      const slash = name.indexOf('/');
      out.set(slash < 0 ? name : name.slice(0, slash), slash >= 0 || (out.get(name) ?? false));
    }
    return [...out].map(([name, isDir]) => ({ name, isDir })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }
}

async function lintGitlab(files: Record<string, string>): Promise<Diagnostic[]> {
  const outcome = await lint({ fs: new RootListingFs(files), rules });
  if (!outcome.ok) throw new Error(outcome.configErrors.map((e) => e.message).join('; '));
  expect(outcome.internalErrors).toEqual([]);
  return outcome.diagnostics.filter((d) => d.ruleId === RULE);
}

/** `ciFile: <value>` is line 4; the value starts at column 13. Without `ciFile` the entry (2:5) is the place. */
function gitlabConfig(ciFile?: string): string {
  return `publishers:\n  - provider: gitlab\n    project: acme/widget\n${ciFile !== undefined ? `    ciFile: ${ciFile}\n` : ''}`;
}

const ciSpan = (value: string): string => `4:13-4:${13 + value.length}`;

function gitlabRepo(ciFiles: string[], ciFile?: string, extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = { 'package.json': GITLAB_PKG, 'tp-doctor.yml': gitlabConfig(ciFile), ...extra };
  for (const name of ciFiles) files[name] = GITLAB_CI;
  return files;
}

const gitlabCases: RuleCase[] = [
  {
    name: 'gitlab: the declared CI file exists but no job of it publishes (survey800c M3)',
    files: { ...gitlabRepo([], '.gitlab-ci.yml'), '.gitlab-ci.yml': 'test:\n  image: node:24\n  script:\n    - npm test\n' },
    want: [`ciFileNoPublish@${ciSpan('.gitlab-ci.yml')}`],
    data: { ciFile: '.gitlab-ci.yml', path: 'publishers[0].ciFile' },
  },
  {
    name: 'gitlab: no job publishes, but a remote include is not read: an info',
    files: { ...gitlabRepo([], '.gitlab-ci.yml'), '.gitlab-ci.yml': "include:\n  - remote: 'https://example.com/publish.yml'\ntest:\n  script:\n    - npm test\n" },
    want: [`ciFileNoPublishUnreadable@${ciSpan('.gitlab-ci.yml')}`],
    data: { ciFile: '.gitlab-ci.yml', includes: '"remote: https://example.com/publish.yml"' },
  },
  { name: 'gitlab: declared .gitlab-ci.yml exists', files: gitlabRepo(['.gitlab-ci.yml'], '.gitlab-ci.yml'), want: [] },
  { name: 'gitlab: the default CI file exists', files: gitlabRepo(['.gitlab-ci.yml']), want: [] },
  { name: 'gitlab: a CI file in a sub-directory exists', files: gitlabRepo(['ci/release.yml'], 'ci/release.yml'), want: [] },
  { name: 'gitlab: a leading ./ names the same file', files: gitlabRepo(['ci/release.yml'], './ci/release.yml'), want: [] },
  {
    name: 'gitlab: .gitlab-ci.yaml declared, .gitlab-ci.yml on disk',
    files: gitlabRepo(['.gitlab-ci.yml'], '.gitlab-ci.yaml'),
    want: [`ciFileOtherExtension@${ciSpan('.gitlab-ci.yaml')}`],
    data: { ciFile: '.gitlab-ci.yaml', actual: '.gitlab-ci.yml', path: 'publishers[0].ciFile', remedy: 'Set `publishers[0].ciFile` (and the trusted publisher on npmjs.com) to ".gitlab-ci.yml"' },
  },
  {
    name: 'gitlab: .gitlab-ci.yml declared, .gitlab-ci.yaml on disk: rename the file',
    files: gitlabRepo(['.gitlab-ci.yaml'], '.gitlab-ci.yml'),
    want: [`ciFileOtherExtension@${ciSpan('.gitlab-ci.yml')}`],
    data: { actual: '.gitlab-ci.yaml' },
  },
  {
    name: 'gitlab: case-only difference',
    files: gitlabRepo(['.GitLab-ci.yml'], '.gitlab-ci.yml'),
    want: [`ciFileCase@${ciSpan('.gitlab-ci.yml')}`],
    data: { ciFile: '.gitlab-ci.yml', actual: '.GitLab-ci.yml' },
  },
  {
    name: 'gitlab: a directory differs in case',
    files: gitlabRepo(['CI/release.yml'], 'ci/release.yml'),
    want: [`ciFileCase@${ciSpan('ci/release.yml')}`],
    data: { actual: 'CI/release.yml' },
  },
  {
    name: 'gitlab: the default is missing, the file has a typo',
    files: gitlabRepo(['.gitlab-ci.yml.orig', 'gitlab-ci.yml']),
    want: ['ciFileSimilar@2:5-4:1'],
    data: { ciFile: '.gitlab-ci.yml', actual: 'gitlab-ci.yml', path: 'publishers[0].ciFile' },
  },
  {
    name: 'gitlab: same name in another directory',
    files: gitlabRepo(['ci/.gitlab-ci.yml'], '.gitlab-ci.yml'),
    want: [`ciFileOtherDirectory@${ciSpan('.gitlab-ci.yml')}`],
    data: { actual: 'ci/.gitlab-ci.yml' },
  },
  {
    name: 'gitlab: declared in a directory, the file is at the root',
    files: gitlabRepo(['.gitlab-ci.yml'], '.gitlab/ci/.gitlab-ci.yml'),
    want: [`ciFileOtherDirectory@${ciSpan('.gitlab/ci/.gitlab-ci.yml')}`],
    data: { actual: '.gitlab-ci.yml' },
  },
  {
    name: 'gitlab: nothing close, other GitLab CI files are listed',
    files: gitlabRepo(['.gitlab-ci.yml', '.gitlab/ci/build.yml'], 'ci/publish.yml'),
    want: [`ciFileMissing@${ciSpan('ci/publish.yml')}`],
    data: { ciFile: 'ci/publish.yml', available: '".gitlab-ci.yml", ".gitlab/ci/build.yml"' },
  },
  {
    name: 'gitlab: no GitLab CI file at all',
    files: gitlabRepo([], undefined, { '.github/workflows/ci.yml': WORKFLOW }),
    want: ['noCiFile@2:5-4:1'],
    data: { ciFile: '.gitlab-ci.yml' },
  },
  {
    name: 'gitlab: a CI file in another project is left to publisher-config-valid',
    files: gitlabRepo([], '.gitlab-ci.yml@acme/ci-config'),
    want: [],
  },
  {
    name: 'gitlab: inferred publisher (gitlab.com remote): silent',
    files: { 'package.json': GITLAB_PKG, '.git/config': '[remote "origin"]\n\turl = https://gitlab.com/acme/widget.git\n', 'ci.yml': GITLAB_CI },
    want: [],
  },
];

describe(`${RULE} (GitLab)`, () => {
  it('renders the message and points at the existing file', async () => {
    const [d] = await lintGitlab(gitlabRepo(['.gitlab-ci.yml'], '.gitlab-ci.yaml'));
    expect(d?.file).toBe('tp-doctor.yml');
    expect(d?.message).toBe('CI file ".gitlab-ci.yaml" does not exist; the file is ".gitlab-ci.yml", with another extension');
    expect(d?.why).toMatch(/^npm matches the path of the top-level CI file in the job's ID token exactly/);
    expect(d?.related).toEqual([
      { file: '.gitlab-ci.yml', start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, label: 'existing CI file ".gitlab-ci.yml"' },
    ]);
  });

  it('the .yaml → .yml direction asks to rename the file', async () => {
    const [d] = await lintGitlab(gitlabRepo(['.gitlab-ci.yaml'], '.gitlab-ci.yml'));
    expect(d?.fix).toBe('Rename ".gitlab-ci.yaml" to ".gitlab-ci.yml" (npm accepts only a `.yml` CI file) and set it as the CI configuration file in the project\'s CI/CD settings');
  });

  it('with the stock in-memory repository an existing root CI file is still found', async () => {
    expect(await lintFiles(gitlabRepo(['.gitlab-ci.yml'], '.gitlab-ci.yml'), { rule: RULE })).toEqual([]);
  });
});

describe(`${RULE}: rule tester`, () => {
  const rootListing = (files: Record<string, string | Uint8Array>): MemoryFs => new RootListingFs(files as Record<string, string>);
  const github = fromRuleCases(cases);
  const gitlab = fromRuleCases(gitlabCases, { fs: rootListing });
  ruleTester.run(RULE, {
    valid: [...github.valid, ...gitlab.valid],
    invalid: [...github.invalid, ...gitlab.invalid],
    notCovered: Object.fromEntries(
      [
        ...['calledWorkflowMissing', 'calledWorkflowMissingNoPublish'].map((id) => [id, 'local reusable workflows: called-workflow.test.ts']),
        ...['circleciConfigMissing', 'circleciConfigDefaultMissing', 'circleciConfigNearMiss', 'circleciConfigNearMissDefault', 'circleciConfigNoPublish', 'circleciConfigNoPublishUnreadable', 'circleciNoContext'].map(
          (id) => [id, 'CircleCI publishers: the rule tester run of circleci.test.ts'],
        ),
      ],
    ),
  });
});
