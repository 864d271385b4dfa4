import { describe, expect, it } from 'vitest';
import { publisherConfig, ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'publisher-config-valid';

const WORKFLOW = `on: push
permissions:
  id-token: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
`;

const PKG = '{ "name": "widget", "repository": { "type": "git", "url": "git+https://github.com/acme/widget.git" } }\n';

function repo(config: string): Record<string, string> {
  return { '.github/workflows/release.yml': WORKFLOW, 'package.json': PKG, 'tp-doctor.yml': config };
}

/** `brief` of a one-line value: line, first column, length. */
function span(id: string, line: number, column: number, length: number): string {
  return `${id}@${line}:${column}-${line}:${column + length}`;
}

interface Case {
  name: string;
  config: string;
  expected: string[];
  data?: Record<string, string>[];
}

const ORG = '8b4e1c2a-1111-4a5b-9c3d-0123456789ab';
const PROJECT = '5f6a7b8c-2222-4d5e-8f90-abcdef012345';
const PIPELINE = '0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3';
const CONTEXT = 'c0ffee00-4444-4abc-8def-0123456789ab';

/**
 * A CircleCI publisher: organizationId on line 3 (value at column 21), projectId on line 4 (16),
 * pipelineDefinitionId on line 5 (27), vcsOrigin on line 6 (16), then `extra` lines.
 */
function circleciConfig(fields: { org?: string; project?: string; pipeline?: string; vcs?: string; extra?: string } = {}): string {
  return [
    'publishers:',
    '  - provider: circleci',
    `    organizationId: ${fields.org ?? ORG}`,
    `    projectId: ${fields.project ?? PROJECT}`,
    `    pipelineDefinitionId: ${fields.pipeline ?? PIPELINE}`,
    `    vcsOrigin: ${fields.vcs ?? 'github.com/acme/widget'}`,
    ...(fields.extra ? [fields.extra] : []),
    '',
  ].join('\n');
}

// publisherConfig() writes repository on line 3 (value at column 17), workflow on line 4 (column
// 15), environment on line 5 (column 18).
const cases: Case[] = [
  { name: 'valid GitHub publisher', config: publisherConfig({ environment: 'npm' }), expected: [] },
  { name: '.yaml extension is fine', config: publisherConfig({ workflow: 'publish.yaml' }), expected: [] },
  { name: 'repository with dots, underscores and hyphens', config: publisherConfig({ repository: 'my-org/my_lib.js' }), expected: [] },
  {
    name: 'workflow given as a path',
    config: publisherConfig({ workflow: '.github/workflows/release.yml' }),
    expected: [span('workflowPath', 4, 15, 29)],
    data: [{ value: '.github/workflows/release.yml', suggestion: 'release.yml', path: 'publishers[0].workflow' }],
  },
  {
    name: 'workflow without extension',
    config: publisherConfig({ workflow: 'release' }),
    expected: [span('workflowExtension', 4, 15, 7)],
    data: [{ suggestion: 'release.yml' }],
  },
  {
    name: 'workflow with a wrong extension',
    config: publisherConfig({ workflow: 'release.json' }),
    expected: [span('workflowExtension', 4, 15, 12)],
    data: [{ suggestion: 'release.yml' }],
  },
  {
    name: 'upper-case extension',
    config: publisherConfig({ workflow: 'Release.YML' }),
    expected: [span('workflowExtensionCase', 4, 15, 11)],
    data: [{ extension: '.YML', suggestion: 'Release.yml' }],
  },
  {
    name: 'whitespace in the workflow name (quoted)',
    config: publisherConfig({ workflow: '"release .yml"' }),
    expected: [span('workflowWhitespace', 4, 15, 14)],
    data: [{ value: 'release .yml', suggestion: 'release-.yml' }],
  },
  {
    name: 'repository as an https URL',
    config: publisherConfig({ repository: 'https://github.com/acme/widget.git' }),
    expected: [span('repositoryUrl', 3, 17, 34)],
    data: [{ suggestion: 'acme/widget', path: 'publishers[0].repository' }],
  },
  {
    name: 'repository as an SSH address',
    config: publisherConfig({ repository: 'git@github.com:acme/widget.git' }),
    expected: [span('repositoryUrl', 3, 17, 30)],
    data: [{ suggestion: 'acme/widget' }],
  },
  {
    name: 'repository with .git suffix',
    config: publisherConfig({ repository: 'acme/widget.git' }),
    expected: [span('repositoryGitSuffix', 3, 17, 15)],
    data: [{ suggestion: 'acme/widget' }],
  },
  { name: 'repository without owner', config: publisherConfig({ repository: 'widget' }), expected: [span('repositoryShape', 3, 17, 6)] },
  {
    name: 'repository with three segments',
    config: publisherConfig({ repository: 'acme/widget/packages' }),
    expected: [span('repositoryShape', 3, 17, 20)],
  },
  {
    name: 'owner with an invalid character',
    config: publisherConfig({ repository: 'acme.inc/widget' }),
    expected: [span('repositoryCharacters', 3, 17, 15)],
    data: [{ part: 'owner', segment: 'acme.inc' }],
  },
  {
    name: 'repository name with a space',
    config: publisherConfig({ repository: '"acme/my widget"' }),
    expected: [span('repositoryCharacters', 3, 17, 16)],
    data: [{ part: 'repository name', segment: 'my widget' }],
  },
  {
    name: 'environment as an expression',
    config: publisherConfig({ environment: "'${{ inputs.env }}'" }),
    expected: [span('environmentExpression', 5, 18, 19)],
    data: [{ value: '${{ inputs.env }}', path: 'publishers[0].environment' }],
  },
  {
    name: 'environment with a trailing space',
    config: publisherConfig({ environment: '"npm "' }),
    expected: [span('environmentWhitespace', 5, 18, 6)],
    data: [{ suggestion: 'npm' }],
  },
  {
    name: 'several problems in one entry',
    config: publisherConfig({ repository: 'acme/widget.git', workflow: 'ci/release.yml', environment: '" npm"' }),
    expected: [span('repositoryGitSuffix', 3, 17, 15), span('workflowPath', 4, 15, 14), span('environmentWhitespace', 5, 18, 6)],
  },
  {
    name: 'valid GitLab publisher',
    config: 'publishers:\n  - provider: gitlab\n    project: group/sub/widget\n    ciFile: ci/release.yml\n    host: gitlab.com\n',
    expected: [],
  },
  {
    name: 'GitLab CI file ending .yaml',
    config: 'publishers:\n  - provider: gitlab\n    project: group/widget\n    ciFile: .gitlab-ci.yaml\n',
    expected: [span('gitlabCiFile', 4, 13, 15)],
    data: [{ value: '.gitlab-ci.yaml', path: 'publishers[0].ciFile' }],
  },
  {
    name: 'GitLab project as a URL',
    config: 'publishers:\n  - provider: gitlab\n    project: https://gitlab.com/group/widget.git\n',
    expected: [span('gitlabProjectUrl', 3, 14, 35)],
    data: [{ suggestion: 'group/widget' }],
  },
  {
    name: 'GitLab project with .git',
    config: 'publishers:\n  - provider: gitlab\n    project: group/widget.git\n',
    expected: [span('gitlabProjectUrl', 3, 14, 16)],
    data: [{ suggestion: 'group/widget' }],
  },
  {
    name: 'GitLab project without namespace',
    config: 'publishers:\n  - provider: gitlab\n    project: widget\n',
    expected: [span('gitlabProjectShape', 3, 14, 6)],
  },
  {
    name: 'self-managed GitLab host',
    config: 'publishers:\n  - provider: gitlab\n    project: group/widget\n    host: gitlab.example.com\n',
    expected: [span('gitlabHost', 4, 11, 18)],
    data: [{ value: 'gitlab.example.com', path: 'publishers[0].host' }],
  },
  {
    name: 'GitLab host written as a URL',
    config: 'publishers:\n  - provider: gitlab\n    project: group/widget\n    host: https://gitlab.com/\n',
    expected: [span('gitlabHostUrl', 4, 11, 19)],
  },
  {
    name: 'valid CircleCI publisher, with contexts and allowed actions',
    config: circleciConfig({ extra: `    contextIds: [${CONTEXT}]\n    allowedActions: [publish, stage-publish]` }),
    expected: [],
  },
  { name: 'CircleCI: npm accepts upper-case UUIDs', config: circleciConfig({ org: ORG.toUpperCase() }), expected: [] },
  { name: 'CircleCI: any VCS host', config: circleciConfig({ vcs: 'bitbucket.org/acme/widget' }), expected: [] },
  {
    name: 'CircleCI organization slug instead of its ID',
    config: circleciConfig({ org: 'gh/acme' }),
    expected: [span('circleciId', 3, 21, 7)],
    data: [{ value: 'gh/acme', label: 'organization ID', flag: 'org-id', path: 'publishers[0].organizationId', where: 'Organization Settings > Overview' }],
  },
  {
    name: 'CircleCI project ID with a character that is not hexadecimal',
    config: circleciConfig({ project: '5f6a7b8c-2222-4d5e-8f90-abcdef01234z' }),
    expected: [span('circleciId', 4, 16, 36)],
    data: [{ label: 'project ID', flag: 'project-id', path: 'publishers[0].projectId' }],
  },
  {
    name: 'CircleCI pipeline definition ID cut short',
    config: circleciConfig({ pipeline: '0a1b2c3d-3333-4e5f-a6b7' }),
    expected: [span('circleciId', 5, 27, 23)],
    data: [{ label: 'pipeline definition ID', flag: 'pipeline-definition-id' }],
  },
  {
    name: 'CircleCI id with surrounding spaces (quoted)',
    config: circleciConfig({ pipeline: `" ${PIPELINE} "` }),
    expected: [span('circleciIdWhitespace', 5, 27, 40)],
    data: [{ suggestion: PIPELINE }],
  },
  {
    name: 'CircleCI context id that is a context name, pointed at exactly',
    config: circleciConfig({ extra: `    contextIds: [${CONTEXT}, npm-publishing]` }),
    expected: [span('circleciId', 7, 56, 14)],
    data: [{ value: 'npm-publishing', label: 'context ID', flag: 'context-id', path: 'publishers[0].contextIds[1]' }],
  },
  {
    name: 'VCS origin with a scheme',
    config: circleciConfig({ vcs: 'https://github.com/acme/widget.git' }),
    expected: [span('vcsOriginScheme', 6, 16, 34)],
    data: [{ suggestion: 'github.com/acme/widget', path: 'publishers[0].vcsOrigin' }],
  },
  {
    name: 'VCS origin without a host',
    config: circleciConfig({ vcs: 'acme/widget' }),
    expected: [span('vcsOriginShape', 6, 16, 11)],
    data: [{ example: 'github.com/acme/widget' }],
  },
  {
    name: 'VCS origin as an SSH address',
    config: circleciConfig({ vcs: 'git@github.com:acme/widget.git' }),
    expected: [span('vcsOriginScpForm', 6, 16, 30)],
    data: [{ suggestion: 'github.com/acme/widget' }],
  },
  {
    name: 'VCS origin ending in .git',
    config: circleciConfig({ vcs: 'github.com/acme/widget.git' }),
    expected: [span('vcsOriginGitSuffix', 6, 16, 26)],
    data: [{ suggestion: 'github.com/acme/widget' }],
  },
  {
    name: 'VCS origin with surrounding whitespace',
    config: circleciConfig({ vcs: '" github.com/acme/widget"' }),
    expected: [span('vcsOriginWhitespace', 6, 16, 25)],
    data: [{ suggestion: 'github.com/acme/widget' }],
  },
  {
    name: 'VCS origin copied from a page of the repository (GitHub repositories are owner/repo)',
    config: circleciConfig({ vcs: 'github.com/acme/widget/tree/main' }),
    expected: [span('vcsOriginExtraPath', 6, 16, 32)],
    data: [{ host: 'github.com', suggestion: 'github.com/acme/widget' }],
  },
  { name: 'VCS origin of a GitLab subgroup project', config: circleciConfig({ vcs: 'gitlab.com/acme/tools/widget' }), expected: [] },
  {
    // A `..` path is a configuration error before any rule runs (test/hardening/outside-root.test.ts);
    // an absolute path or a URL reaches the rule.
    name: 'CircleCI configFile outside the repository (warning)',
    config: circleciConfig({ extra: '    configFile: https://example.com/circleci/config.yml' }),
    expected: [span('circleciConfigFilePath', 7, 17, 39)],
    data: [{ path: 'publishers[0].configFile' }],
  },
  { name: 'CircleCI configFile inside the repository', config: circleciConfig({ extra: '    configFile: ./.circleci/release.yml' }), expected: [] },
  {
    name: 'empty allowedActions on a CircleCI publisher',
    config: circleciConfig({ extra: '    allowedActions: []' }),
    expected: [span('allowedActionsEmpty', 7, 21, 2)],
    data: [{ path: 'publishers[0].allowedActions' }],
  },
  {
    name: 'empty allowedActions on GitHub and GitLab publishers',
    config:
      'publishers:\n' +
      '  - { provider: github, repository: acme/widget, workflow: a.yml, packages: [a], allowedActions: [] }\n' +
      '  - { provider: gitlab, project: acme/widget, packages: [b], allowedActions: [] }\n',
    expected: [span('allowedActionsEmpty', 2, 98, 2), span('allowedActionsEmpty', 3, 78, 2)],
  },
  {
    name: 'a GitHub and a CircleCI publisher for the same packages',
    config: `${publisherConfig({})}${circleciConfig().replace('publishers:\n', '')}`,
    expected: [span('duplicatePublisher', 8, 27, 36)],
    data: [{ first: 'publishers[0]', second: 'publishers[1]' }],
  },
  {
    name: 'two publishers without packages',
    config: `${publisherConfig({})}  - provider: github\n    repository: acme/widget\n    workflow: publish.yml\n`,
    expected: [span('duplicatePublisher', 7, 15, 11)],
    data: [{ first: 'publishers[0]', second: 'publishers[1]', packages: 'every package of the repository' }],
  },
  {
    name: 'two publishers with the same package glob',
    config:
      'publishers:\n' +
      '  - { provider: github, repository: acme/widget, workflow: a.yml, packages: ["@acme/*"] }\n' +
      '  - { provider: github, repository: acme/widget, workflow: b.yml, packages: ["@acme/cli", "@acme/*"] }\n',
    expected: [span('duplicatePublisher', 3, 77, 24)],
    data: [{ packages: '"@acme/*"' }],
  },
  {
    name: 'a glob covering a package named by the other publisher',
    config:
      'publishers:\n' +
      '  - { provider: github, repository: acme/widget, workflow: a.yml, packages: ["@acme/*"] }\n' +
      '  - { provider: gitlab, project: acme/widget, packages: ["@acme/cli"] }\n',
    expected: [span('duplicatePublisher', 3, 57, 13)],
    data: [{ packages: '"@acme/cli"' }],
  },
  {
    name: 'a publisher without packages and one with packages',
    config:
      'publishers:\n' +
      '  - { provider: github, repository: acme/widget, workflow: a.yml }\n' +
      '  - { provider: github, repository: acme/widget, workflow: b.yml, packages: ["@acme/cli"] }\n',
    expected: [span('duplicatePublisher', 3, 77, 13)],
  },
  {
    // npm allows up to 10 trusted publishers per package since September 2026 (npm/documentation#2034).
    name: 'eleven publishers covering one package',
    config: 'publishers:\n' + Array.from({ length: 11 }, (_, i) => `  - { provider: github, repository: acme/widget, workflow: w${i}.yml }\n`).join(''),
    expected: [...Array.from({ length: 9 }, (_, i) => span('duplicatePublisher', i + 3, 60, 6)), span('tooManyPublishers', 12, 60, 7), span('duplicatePublisher', 12, 60, 7)],
  },
  {
    name: 'disjoint packages',
    config:
      'publishers:\n' +
      '  - { provider: github, repository: acme/widget, workflow: a.yml, packages: ["@acme/cli"] }\n' +
      '  - { provider: gitlab, project: acme/widget, packages: ["@acme/core", "@other/*"] }\n',
    expected: [],
  },
];

/** Each finding of a row, in tp-doctor.yml, with the row's data by position. */
const errorsOf = (c: Case): ExpectedFinding[] =>
  c.expected.map((w, i) => {
    const [messageId = '', at = ''] = w.split('@');
    return { messageId, at, file: 'tp-doctor.yml', data: c.data?.[i] };
  });

const TPDOCTOR_PKG = [
  '{',
  '  "name": "widget",',
  '  "repository": { "type": "git", "url": "git+https://github.com/acme/widget.git" },',
  '  "tpDoctor": {',
  '    "publishers": [',
  '      { "provider": "github", "repository": "https://github.com/acme/widget", "workflow": "release.yml" }',
  '    ]',
  '  }',
  '}',
  '',
].join('\n');

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: [
      ...cases.filter((c) => c.expected.length === 0).map((c) => ({ name: c.name, files: repo(c.config) })),
      { name: 'stays quiet on an inferred publisher', files: repo('rules: {}\n') },
    ],
    invalid: [
      ...cases.filter((c) => c.expected.length > 0).map((c) => ({ name: c.name, files: repo(c.config), errors: errorsOf(c) })),
      {
        name: 'renders the full message',
        files: repo(publisherConfig({ workflow: '.github/workflows/release.yml' })),
        errors: [
          {
            messageId: 'workflowPath',
            at: '4:15-4:44',
            severity: 'error',
            message: 'Workflow ".github/workflows/release.yml" is a path; expected the bare file name "release.yml"',
            fix: 'Set `publishers[0].workflow` to "release.yml" (and register the file name alone on npmjs.com)',
            why: expect.stringContaining('ENEEDAUTH'),
          },
        ],
      },
      {
        name: 'points the duplicate at the first publisher as related',
        files: repo(`${publisherConfig({})}  - provider: github\n    repository: acme/widget\n    workflow: publish.yml\n`),
        errors: [{ messageId: 'duplicatePublisher', at: '7:15-7:26' }],
        check: (found) =>
          expect(found[0]?.related).toEqual([
            { file: 'tp-doctor.yml', start: { line: 4, column: 15 }, end: { line: 4, column: 26 }, label: 'the other publisher, publishers[0]' },
          ]),
      },
      {
        name: "renders the CircleCI organization ID message with npm's own words",
        files: repo(circleciConfig({ org: 'gh/acme' })),
        errors: [
          {
            messageId: 'circleciId',
            at: '3:21-3:28',
            severity: 'error',
            message: 'CircleCI organization ID "gh/acme" is not a UUID',
            why: expect.stringContaining('"org-id must be a valid UUID"'),
            fix: 'Set `publishers[0].organizationId` to the organization ID UUID that CircleCI shows under Organization Settings > Overview',
          },
        ],
      },
      {
        name: "renders the CircleCI scheme message with npm's own words",
        files: repo(circleciConfig({ vcs: 'https://github.com/acme/widget' })),
        errors: [
          {
            messageId: 'vcsOriginScheme',
            at: '6:16-6:46',
            message: 'VCS origin "https://github.com/acme/widget" includes a scheme; expected "github.com/acme/widget"',
            why: expect.stringContaining('"vcs-origin must not include a scheme"'),
          },
        ],
      },
      {
        name: 'a CircleCI VCS origin with .git is a warning',
        files: repo(circleciConfig({ vcs: 'github.com/acme/widget.git' })),
        errors: [{ messageId: 'vcsOriginGitSuffix', at: '6:16-6:42', severity: 'warning' }],
      },
      {
        name: "renders the CircleCI empty-actions message with npm's own words",
        files: repo(circleciConfig({ extra: '    allowedActions: []' })),
        errors: [
          {
            messageId: 'allowedActionsEmpty',
            at: '7:21-7:23',
            message: '`publishers[0].allowedActions` is empty; a trusted publisher allows at least one action',
            why: expect.stringContaining('At least one permission flag is required'),
          },
        ],
      },
      {
        name: 'reports positions in package.json for the tpDoctor key',
        files: { '.github/workflows/release.yml': WORKFLOW, 'package.json': TPDOCTOR_PKG },
        errors: [
          {
            messageId: 'repositoryUrl',
            at: span('repositoryUrl', 6, 45, 32).split('@')[1]!,
            file: 'package.json',
            data: { path: 'tpDoctor.publishers[0].repository', suggestion: 'acme/widget' },
          },
        ],
      },
    ],
  });
});

describe('publisher-config-valid: several publishers for one package (npm/documentation#2034)', () => {
  /** `n` GitHub publishers, each naming its own workflow, with an optional `packages` list. */
  const many = (n: number, packages?: string): string =>
    'publishers:\n' + Array.from({ length: n }, (_, i) => `  - { provider: github, repository: acme/widget, workflow: w${i}.yml${packages ? `, packages: ${packages}` : ''} }\n`).join('');
  const run = async (config: string) => (await lintFiles(repo(config), { rule: RULE })).map((d) => `${d.messageId} ${d.severity} ${d.line}`);

  it('two publishers for one package are valid since September 2026: an info, not an error', async () => {
    expect(await run(many(2))).toEqual(['duplicatePublisher info 3']);
  });

  it('ten publishers are the most npm allows: no warning', async () => {
    expect((await run(many(10))).filter((f) => f.startsWith('tooMany'))).toEqual([]);
  });

  it('eleven publishers covering the package: a warning at the eleventh', async () => {
    const found = await lintFiles(repo(many(11)), { rule: RULE });
    const too = found.filter((d) => d.messageId === 'tooManyPublishers');
    expect(too.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['warning', 12, '11 publishers cover package "widget", `publishers[0]` to `publishers[10]`; npm allows at most 10 trusted publishers per package'],
    ]);
  });

  it('control: eleven publishers of which one covers another package only', async () => {
    const config = many(10) + '  - { provider: github, repository: acme/widget, workflow: other.yml, packages: ["@acme/other"] }\n';
    expect((await run(config)).filter((f) => f.startsWith('tooMany'))).toEqual([]);
  });
});
