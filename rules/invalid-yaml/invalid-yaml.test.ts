import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../index.js';
import { lint } from '../../src/api.js';
import { DiskFs, MemoryFs } from '../../src/fs/source.js';
import { brief } from '../../test/helpers.js';
import { lintRule, ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';

const RULE = 'invalid-yaml';

const W = '.github/workflows/';
const GL = '.gitlab-ci.yml';
const GITLAB_CLEAN = 'test:\n  image: node:24\n  script: npm test\n';
const CLEAN = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';

/** The "billion laughs" document: 9 levels, each a list of 9 aliases to the level before. */
function aliasBomb(): string {
  const names = 'abcdefghi';
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

interface Case {
  name: string;
  files: Record<string, string | Uint8Array>;
  /** `messageId@line:col-endLine:endCol`, in report order. */
  want: string[];
  /** The file each diagnostic is in (default: the workflow `a.yml`). */
  file?: string;
  /** `data` of the first diagnostic. */
  data?: Record<string, string | number>;
  severity?: string;
}

const cases: Case[] = [
  // syntax
  {
    name: 'an unclosed flow sequence is reported where the parser gives up (end of file)',
    files: { [`${W}a.yml`]: 'on: push\njobs:\n  a: [\n' },
    want: ['syntax@4:1-4:1'],
    data: { detail: 'Flow sequence in block collection must be sufficiently indented and end with a ]' },
  },
  {
    name: 'an unclosed double quote',
    files: { [`${W}a.yml`]: 'name: "release\non: push\njobs: {}\n' },
    want: ['syntax@4:1-4:1'],
    data: { detail: 'Missing closing "quote' },
  },
  {
    name: 'a tab used as indentation points at the tab',
    files: { [`${W}a.yml`]: 'on: push\njobs:\n\tbuild:\n    runs-on: ubuntu-latest\n' },
    want: ['syntax@3:1-3:2'],
    data: { detail: 'Tabs are not allowed as indentation' },
  },
  {
    name: 'a mapping entry indented one space short',
    files: { [`${W}a.yml`]: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n   steps: []\n' },
    want: ['syntax@5:1-5:2'],
    data: { detail: 'All mapping items must start at the same column' },
  },
  {
    // survey800c P1: the parser's recovery gave 14 follow-on errors for this one mistake.
    name: 'one syntax error is one diagnostic: the follow-on errors of an unclosed `[` in a job are dropped',
    files: {
      [`${W}a.yml`]:
        'on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n   bad: [\n    environment: npm\n    steps:\n      - uses: actions/checkout@v5\n      - run: npm ci\n      - run: npm publish\n',
    },
    want: ['syntax@5:1-5:2'],
    data: { detail: 'All mapping items must start at the same column' },
  },
  {
    name: 'a syntax error and a repeated key before it are both reported',
    files: { [`${W}a.yml`]: 'on: push\non: pull_request\njobs:\n  a: [\n' },
    want: ['duplicateKey@2:1-2:3', 'syntax@5:1-5:1'],
  },
  {
    name: 'a .yaml workflow is checked like a .yml one',
    files: { [`${W}b.yaml`]: 'on: [push\n' },
    file: `${W}b.yaml`,
    want: ['syntax@2:1-2:1'],
  },
  {
    name: 'a local composite action used by a workflow is checked too',
    files: {
      [`${W}a.yml`]: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/pub\n',
      '.github/actions/pub/action.yml': 'runs:\n  using: composite\n  steps: [\n',
    },
    file: '.github/actions/pub/action.yml',
    want: ['syntax@4:1-4:1'],
  },
  // duplicateKey
  {
    name: 'a repeated key in a job covers the second key',
    files: {
      [`${W}a.yml`]: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    runs-on: windows-latest\n    steps: []\n',
    },
    want: ['duplicateKey@5:5-5:12'],
    data: { detail: '"runs-on" is repeated in the same mapping; keys must be unique' },
  },
  {
    name: 'a quoted repeat of a plain key is the same key',
    files: { [`${W}a.yml`]: 'on: push\n"on": pull_request\njobs: {}\n' },
    want: ['duplicateKey@2:1-2:5'],
    data: { detail: '"on" is repeated in the same mapping; keys must be unique' },
  },
  // multipleDocuments
  {
    name: 'a second document points at its `---` line',
    files: { [`${W}a.yml`]: 'on: push\njobs: {}\n---\non: pull_request\n' },
    want: ['multipleDocuments@3:1-3:4'],
    data: {},
  },
  // aliasBomb
  {
    name: 'an alias bomb points at the alias that crosses the limit, without expanding it',
    files: { [`${W}a.yml`]: aliasBomb() },
    want: ['aliasBomb@6:17-6:19'],
    data: { detail: 'aliases expand the document to more than 200,000 nodes' },
  },
  // tooDeep
  {
    name: 'nesting past 128 levels points at the first bracket beyond it',
    files: { [`${W}a.yml`]: `on: push\njobs: ${'['.repeat(200)}${']'.repeat(200)}\n` },
    want: ['tooDeep@2:134-2:135'],
    data: { detail: 'collections nest more than 128 levels deep' },
  },
  {
    name: 'nesting of exactly 128 levels is accepted',
    files: { [`${W}a.yml`]: `on: push\nenv:\n  X: ${'['.repeat(126)}${']'.repeat(126)}\njobs: {}\n` },
    want: [],
  },
  // tooManyValues
  {
    name: 'more than 200,000 keys and values in one file: not parsed, said so',
    files: { [`${W}a.yml`]: `on: push\nenv: [${'a,'.repeat(200_000)}a]\njobs: {}\n` },
    want: ['tooManyValues@1:1-1:1'],
    data: { detail: 'the file holds more than 200,000 YAML keys and values, where tp-doctor reads at most that many; the file was not checked' },
  },
  {
    name: 'a large file of exactly 200,000 values is read as usual',
    files: { [`${W}a.yml`]: `on: push\nenv: [${'a,'.repeat(199_995)}a]\njobs: {}\n` },
    want: [],
  },
  // empty
  {
    name: 'an empty file',
    files: { [`${W}a.yml`]: '' },
    want: ['emptyWorkflow@1:1-1:1'],
    data: {},
  },
  {
    // huntabyte/bits-ui, medusajs/medusa: a commented-out workflow is how one is switched off; no
    // declared publisher names it, so an info (audit908a P4).
    name: 'a file with only a comment is empty: an info',
    files: { [`${W}a.yml`]: '# TODO: release workflow\n' },
    want: ['emptyWorkflow@1:1-1:1'],
    severity: 'info',
  },
  {
    name: 'a commented-out workflow beside a declared publisher naming another workflow: still an info',
    files: { [`${W}a.yml`]: '# on: push\n', 'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n' },
    want: ['emptyWorkflow@1:1-1:1'],
    severity: 'info',
  },
  {
    name: 'control: the declared trusted publisher names the empty workflow: a warning (its publishes never run)',
    files: { [`${W}a.yml`]: '# on: push\n', 'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: a.yml\n' },
    want: ['empty@1:1-1:1'],
    severity: 'warning',
  },
  {
    name: 'a lone `---` is empty, reported at the start of the file',
    files: { [`${W}a.yml`]: '---\n' },
    want: ['emptyWorkflow@1:1-1:1'],
  },
  // notAMapping
  {
    name: 'a workflow that is a list covers the list',
    files: { [`${W}a.yml`]: '- on: push\n- jobs: {}\n' },
    want: ['notAMapping@1:1-3:1'],
    data: {},
  },
  {
    name: 'a workflow that is a single string',
    files: { [`${W}a.yml`]: 'just some text\n' },
    want: ['notAMapping@1:1-1:15'],
  },
  // workflowShape / workflowShapeNoPublish: `jobs:` not a mapping, `steps:` not a list (GitHub's wording)
  {
    name: '`jobs:` written as a list: a warning when no publisher names the workflow, at the list',
    files: { [`${W}a.yml`]: 'on: push\njobs:\n  - build:\n      runs-on: ubuntu-latest\n' },
    want: ['workflowShapeNoPublish@3:3-5:1'],
    data: { path: 'jobs', actual: 'a list', expected: 'a mapping of job ids to jobs', how: 'each job as a `<job-id>:` key under `jobs:`, with no `- ` before it', github: 'A sequence was not expected', cut: '', file: `${W}a.yml`, line: '3', column: '3' },
    severity: 'warning',
  },
  {
    name: '`jobs:` a list in the declared trusted publisher\'s workflow: an error',
    files: {
      [`${W}release.yml`]: 'on: push\njobs:\n  - publish:\n      runs-on: ubuntu-latest\n      steps:\n        - run: npm publish\n',
      'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n',
    },
    file: `${W}release.yml`,
    want: ['workflowShape@3:3-7:1'],
    severity: 'error',
  },
  {
    name: '`jobs:` a plain value: GitHub\'s "Unexpected value"',
    files: { [`${W}a.yml`]: 'on: push\njobs: build\n' },
    want: ['workflowShapeNoPublish@2:7-2:12'],
    data: { path: 'jobs', actual: 'the plain value "build"', expected: 'a mapping of job ids to jobs', how: 'each job as a `<job-id>:` key under `jobs:`, with no `- ` before it', github: "Unexpected value 'build'", cut: '', file: `${W}a.yml`, line: '2', column: '7' },
  },
  {
    name: 'a job\'s `steps:` written as a string, beside a job that certainly publishes (the declared publisher names another workflow): an error naming that publish',
    files: {
      'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n',
      [`${W}a.yml`]: [
        'on: push',
        'permissions:',
        '  id-token: write',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps: npm test',
        '  publish:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: npm publish',
        '',
      ].join('\n'),
    },
    want: ['workflowShape@7:12-7:20'],
    data: {
      path: 'jobs.test.steps',
      actual: 'the plain value "npm test"',
      expected: 'a list of steps',
      how: 'each step as a `- ` item under `steps:` (`- run: npm test`, `- uses: actions/checkout@v5`)',
      github: "Unexpected value 'npm test'",
      cut: '',
      file: `${W}a.yml`,
      line: '7',
      column: '12',
      consequence: 'the publish of job "publish" never runs',
    },
    severity: 'error',
  },
  {
    name: 'the same without a declaration: the inferred publisher names the workflow, an error saying so',
    files: { [`${W}a.yml`]: 'on: push\npermissions:\n  id-token: write\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: npm test\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n' },
    want: ['workflowShape@7:12-7:20'],
    severity: 'error',
  },
  {
    name: 'a long or multi-line plain value: GitHub\'s words quoted as they start, the cut said after the quote',
    files: { [`${W}a.yml`]: `on: push\njobs: |\n  ${'x'.repeat(250)}\n  second line\n` },
    want: ['workflowShapeNoPublish@2:7-5:1'],
    data: { path: 'jobs', actual: `the plain value "${'x'.repeat(200)}" (its start)`, expected: 'a mapping of job ids to jobs', how: 'each job as a `<job-id>:` key under `jobs:`, with no `- ` before it', github: `Unexpected value '${'x'.repeat(200)}`, cut: " (cut here: GitHub's message goes on with the rest of the value, 63 more characters)", file: `${W}a.yml`, line: '2', column: '7' },
  },
  {
    name: 'a job\'s `steps:` written as a mapping: "A mapping was not expected"',
    files: { [`${W}a.yml`]: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      run: npm test\n' },
    want: ['workflowShapeNoPublish@6:7-7:1'],
    data: { path: 'jobs.build.steps', actual: 'a mapping', expected: 'a list of steps', how: 'each step as a `- ` item under `steps:` (`- run: npm test`, `- uses: actions/checkout@v5`)', github: 'A mapping was not expected', cut: '', file: `${W}a.yml`, line: '6', column: '7' },
    severity: 'warning',
  },
  {
    name: 'control: an empty `jobs:` and a job without `steps:` are not this finding',
    files: { [`${W}a.yml`]: 'on: push\njobs:\n', [`${W}b.yml`]: 'on: push\njobs:\n  call:\n    uses: ./.github/workflows/c.yml\n' },
    want: [],
  },
  // gitlabScriptShape: a job's `script:` written as a mapping (GitLab rejects the configuration)
  {
    name: 'GitLab: a job\'s `script:` written as a mapping: a warning when no publisher names the CI file',
    files: { [GL]: 'test:\n  image: node:24\n  script:\n    run: npm test\n' },
    file: GL,
    want: ['gitlabScriptShapeNoPublish@4:5-5:1'],
    data: { section: 'script', job: 'test' },
    severity: 'warning',
  },
  {
    name: 'GitLab: the same in the CI file the declared GitLab publisher names: an error',
    files: {
      [GL]: 'publish:\n  image: node:24\n  before_script:\n    install: npm ci\n  script:\n    - npm publish\n',
      'tp-doctor.yml': 'publishers:\n  - provider: gitlab\n    project: acme/widget\n',
    },
    file: GL,
    want: ['gitlabScriptShape@4:5-5:1'],
    data: { section: 'before_script', job: 'publish', consequence: 'the declared trusted publisher\'s CI file ".gitlab-ci.yml" never publishes' },
    severity: 'error',
  },
  // circleciShape: `jobs:` a list, a job's `steps:` a string
  {
    name: 'CircleCI: `jobs:` written as a list: a warning when nothing publishes',
    files: { '.circleci/config.yml': 'version: 2.1\njobs:\n  - build:\n      docker:\n        - image: cimg/node:22.0\n' },
    file: '.circleci/config.yml',
    want: ['circleciShapeNoPublish@3:3-6:1'],
    data: { path: 'jobs', actual: 'not a mapping', expected: 'a mapping of job names to jobs' },
    severity: 'warning',
  },
  {
    name: 'CircleCI: a job\'s `steps:` written as a string beside a job that certainly publishes: an error',
    files: {
      '.circleci/config.yml': [
        'version: 2.1',
        'jobs:',
        '  test:',
        '    docker:',
        '      - image: cimg/node:24.0',
        '    steps: npm test',
        '  publish:',
        '    docker:',
        '      - image: cimg/node:24.0',
        '    steps:',
        '      - checkout',
        '      - run: npm publish',
        'workflows:',
        '  release:',
        '    jobs:',
        '      - test',
        '      - publish',
        '',
      ].join('\n'),
    },
    file: '.circleci/config.yml',
    want: ['circleciShape@6:12-6:20'],
    data: { path: 'jobs.test.steps', actual: 'not a list', expected: 'a list of steps', consequence: 'the inferred CircleCI trusted publisher\'s configuration ".circleci/config.yml" never publishes' },
    severity: 'error',
  },
  // unreadable (in memory: the byte checks are shared with the disk)
  {
    name: 'Latin-1 bytes name the offset of the first invalid byte',
    files: { [`${W}a.yml`]: Buffer.from('name: caf\xe9\non: push\njobs: {}\n', 'latin1') },
    want: ['unreadable@1:1-1:1'],
    data: { file: `${W}a.yml`, detail: 'the file is not valid UTF-8 (first bad byte at offset 9)' },
    severity: 'warning',
  },
  {
    name: 'a PNG named like a workflow is binary',
    files: { [`${W}a.yml`]: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
    want: ['unreadable@1:1-1:1'],
    data: { file: `${W}a.yml`, detail: 'the file contains NUL bytes (binary data), not YAML text' },
    severity: 'warning',
  },
  {
    name: 'a file just over 2 MiB gives both sizes in bytes',
    files: { [`${W}a.yml`]: `on: push\n#${'x'.repeat(2 * 1024 * 1024)}\n` },
    want: ['unreadable@1:1-1:1'],
    data: {
      file: `${W}a.yml`,
      detail: 'the file is 2,097,163 bytes; tp-doctor reads files up to 2,097,152 bytes',
    },
    severity: 'warning',
  },
  // GitLab CI files
  {
    name: 'gitlab: a syntax error in .gitlab-ci.yml',
    files: { [GL]: 'publish:\n  script: [npm publish\n' },
    file: GL,
    want: ['syntax@3:1-3:1'],
  },
  {
    name: 'gitlab: a duplicate job name says what GitLab does with it',
    files: { [GL]: 'publish:\n  script: npm test\npublish:\n  script: npm publish\n' },
    file: GL,
    want: ['ciFileDuplicateKey@3:1-3:8'],
    data: { detail: '"publish" is repeated in the same mapping; keys must be unique' },
  },
  // CircleCI
  {
    name: 'circleci: a syntax error in .circleci/config.yml',
    files: { '.circleci/config.yml': 'version: 2.1\njobs: [\n' },
    file: '.circleci/config.yml',
    want: ['syntax@3:1-3:1'],
  },
  {
    name: 'circleci: a duplicate job name is a warning (what CircleCI does with it is not documented)',
    files: { '.circleci/config.yml': 'version: 2.1\njobs:\n  a:\n    steps: [checkout]\n  a:\n    steps: [checkout]\n' },
    file: '.circleci/config.yml',
    want: ['circleciDuplicateKey@5:3-5:4'],
    data: { detail: '"a" is repeated in the same mapping; keys must be unique' },
  },
  {
    name: 'circleci: a .circleci/config.yml that is a list is said in CircleCI terms, not as a workflow',
    files: { '.circleci/config.yml': '- x\n' },
    file: '.circleci/config.yml',
    want: ['circleciNotAMapping@1:1-2:1'],
    data: {},
  },
  {
    name: 'circleci: an empty .circleci/config.yml is a warning, said in CircleCI terms',
    files: { '.circleci/config.yml': '# nothing yet\n' },
    file: '.circleci/config.yml',
    want: ['circleciEmpty@1:1-1:1'],
    data: {},
  },
  {
    name: 'gitlab: an empty .gitlab-ci.yml',
    files: { [GL]: '# nothing yet\n' },
    file: GL,
    want: ['ciFileEmpty@1:1-1:1'],
    data: {},
  },
  {
    name: 'gitlab: a .gitlab-ci.yml that is a list',
    files: { [GL]: '- publish\n- test\n' },
    file: GL,
    want: ['ciFileNotAMapping@1:1-3:1'],
    data: {},
  },
  {
    name: 'gitlab: a broken local include is reported in the included file',
    files: { [GL]: `include: ci/release.yml\n${GITLAB_CLEAN}`, 'ci/release.yml': 'release:\n  script: [\n' },
    file: 'ci/release.yml',
    want: ['syntax@3:1-3:1'],
  },
  {
    name: 'gitlab: an empty local include',
    files: { [GL]: `include:\n  - local: ci/empty.yml\n${GITLAB_CLEAN}`, 'ci/empty.yml': '' },
    file: 'ci/empty.yml',
    want: ['ciFileEmpty@1:1-1:1'],
  },
  {
    name: 'gitlab: a declared ciFile is the file read',
    files: { 'ci/main.yml': 'publish: [\n', 'tp-doctor.yml': 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: ci/main.yml\n' },
    file: 'ci/main.yml',
    want: ['syntax@2:1-2:1'],
  },
  { name: 'gitlab: a valid .gitlab-ci.yml', files: { [GL]: GITLAB_CLEAN }, want: [] },
  // tags
  {
    name: 'unsupportedTag: a JavaScript function tag in a workflow',
    files: { [`${W}a.yml`]: 'on: push\njobs:\n  a:\n    runs-on: !!js/function "function () {}"\n' },
    want: ['unsupportedTag@4:14-4:44'],
    data: { detail: 'the tag `!!js/function` is not a standard YAML tag (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are)' },
    severity: 'warning',
  },
  {
    name: "unsupportedTag: GitLab's !reference in a GitHub workflow",
    files: { [`${W}a.yml`]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: !reference [.x, steps]\n' },
    want: ['unsupportedTag@5:12-5:34'],
  },
  {
    name: 'unsupportedTag: a custom tag in a local composite action',
    files: {
      [`${W}a.yml`]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/x\n',
      '.github/actions/x/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: !shell echo hi\n',
    },
    file: '.github/actions/x/action.yml',
    want: ['unsupportedTag@4:12-4:26'],
  },
  {
    name: 'standard tags are fine',
    files: { [`${W}a.yml`]: 'on: push\nenv:\n  A: !!str 1\n  B: !!int "2"\njobs: !!map\n  a:\n    runs-on: ubuntu-latest\n    steps: !!seq\n      - run: echo\n' },
    want: [],
  },
  { name: 'gitlab: !reference is GitLab syntax', files: { [GL]: `.x:\n  script: [a]\ntest:\n  script: !reference [.x, script]\n` }, want: [] },
  // limits
  {
    name: 'limit: more steps in one job than tp-doctor reads (2,000)',
    files: { [`${W}a.yml`]: `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${'      - run: echo\n'.repeat(2001)}` },
    want: ['limit@5:5-5:10'],
    data: { what: 'Too many steps in one job of this workflow', count: '2,001', max: '2,000', skipped: 'the workflow was not checked' },
    severity: 'warning',
  },
  {
    name: 'limit: more jobs than tp-doctor reads (1,000)',
    files: { [`${W}a.yml`]: `on: push\njobs:\n${Array.from({ length: 1001 }, (_, i) => `  j${i}:\n    runs-on: ubuntu-latest\n`).join('')}` },
    want: ['limit@2:1-2:5'],
    data: { what: 'Too many jobs in this workflow', count: '1,001', max: '1,000', skipped: 'the workflow was not checked' },
  },
  // silent
  { name: 'a valid workflow', files: { [`${W}a.yml`]: CLEAN }, want: [] },
  {
    name: 'files in the workflow folder that are not .yml/.yaml are not read',
    files: { [`${W}a.yml`]: CLEAN, [`${W}README.md`]: 'on: [push\n' },
    want: [],
  },
  {
    name: 'a broken composite action that no workflow uses is not read',
    files: { [`${W}a.yml`]: CLEAN, '.github/actions/old/action.yml': 'runs: [\n' },
    want: [],
  },
  {
    name: 'a file listed under `ignore:` is not read',
    files: {
      [`${W}a.yml`]: CLEAN,
      [`${W}broken.yml`]: 'on: [push\n',
      'tp-doctor.yml': 'ignore:\n  - .github/workflows/broken.yml\n',
    },
    want: [],
  },
  {
    name: 'a configured severity applies to every message',
    files: { [`${W}a.yml`]: 'on: [push\n', 'tp-doctor.yml': 'rules:\n  invalid-yaml: warning\n' },
    want: ['syntax@2:1-2:1'],
    severity: 'warning',
  },
];

/** Each finding of a row in its file (default the workflow a.yml); the row's data (exactly) and severity on the first. */
const errorsOf = (c: Case): ExpectedFinding[] =>
  c.want.map((w, i) => {
    const [messageId = '', at = ''] = w.split('@');
    return {
      messageId,
      at,
      file: c.file ?? `${W}a.yml`,
      ...(i === 0 ? { exactData: c.data, severity: c.severity as ExpectedFinding['severity'] } : {}),
    };
  });

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
/** A temporary repository with an empty `.github/workflows` folder. */
const tempRepo = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-invalid-yaml-'));
  made.push(dir);
  mkdirSync(path.join(dir, W), { recursive: true });
  return dir;
};
/** A file system over a temporary repository that `build` fills. */
const onDisk =
  (build: (dir: string) => void) =>
  (): DiskFs => {
    const dir = tempRepo();
    build(dir);
    return new DiskFs(dir);
  };

describe('invalid-yaml', () => {
  ruleTester.run(RULE, {
    valid: [
      ...cases.filter((c) => c.want.length === 0).map((c) => ({ name: c.name, files: c.files })),
      {
        name: 'on disk: a symbolic link inside the repository is followed',
        files: {},
        fs: onDisk((dir) => {
          writeFileSync(path.join(dir, 'shared.yml'), CLEAN);
          symlinkSync('../../shared.yml', path.join(dir, W, 'release.yml'));
        }),
      },
    ],
    invalid: [
      ...cases.filter((c) => c.want.length > 0).map((c) => ({ name: c.name, files: c.files, errors: errorsOf(c) })),
      {
        name: 'renders the full message, why and fix',
        files: { [`${W}a.yml`]: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    runs-on: windows-latest\n' },
        errors: [
          {
            messageId: 'duplicateKey',
            at: '5:5-5:12',
            message: 'Duplicate key: "runs-on" is repeated in the same mapping; keys must be unique',
            why: expect.stringMatching(/^GitHub rejects a workflow with a repeated key/),
            fix: 'Remove or rename one of the repeated keys',
            severity: 'error',
          },
        ],
      },
      {
        name: 'reports one problem per file and keeps checking the other files',
        files: { [`${W}a.yml`]: 'on: [push\n', [`${W}b.yml`]: '', [`${W}c.yml`]: CLEAN },
        errors: [
          { messageId: 'syntax', at: '2:1-2:1', file: `${W}a.yml` },
          { messageId: 'emptyWorkflow', at: '1:1-1:1', file: `${W}b.yml` },
        ],
      },
      {
        name: 'unreadable: a .github/workflows folder that cannot be listed is a finding, not an empty folder',
        files: { [`${W}a.yml`]: CLEAN },
        fs: (files) => new MemoryFs(files, { unreadable: ['.github/workflows'] }),
        errors: [{ messageId: 'unreadable', at: '1:1-1:1', file: '.github/workflows', severity: 'warning', data: { detail: 'the folder cannot be read (EACCES)' } }],
      },
      {
        name: 'on disk: outsideRoot: a symbolic link out of the repository is not followed (warning)',
        files: {},
        fs: () => {
          const outside = tempRepo();
          writeFileSync(path.join(outside, 'secret.yml'), CLEAN);
          const dir = tempRepo();
          symlinkSync(path.join(outside, 'secret.yml'), path.join(dir, W, 'release.yml'));
          return new DiskFs(dir);
        },
        errors: [
          {
            messageId: 'outsideRoot',
            at: '1:1-1:1',
            file: `${W}release.yml`,
            severity: 'warning',
            data: { detail: 'it is a symbolic link that points outside the repository; tp-doctor does not follow it' },
          },
        ],
      },
      {
        name: 'on disk: outsideRoot: a .github/workflows folder that is a link out of the repository is not listed',
        files: {},
        fs: () => {
          const outside = tempRepo();
          writeFileSync(path.join(outside, 'leak.yml'), CLEAN);
          const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-invalid-yaml-'));
          made.push(dir);
          mkdirSync(path.join(dir, '.github'));
          symlinkSync(path.join(outside, W), path.join(dir, '.github/workflows'));
          return new DiskFs(dir);
        },
        errors: [
          {
            messageId: 'outsideRoot',
            at: '1:1-1:1',
            file: '.github/workflows',
            severity: 'warning',
            data: { detail: 'the folder ".github/workflows" is a symbolic link that points outside the repository; tp-doctor does not follow it' },
          },
        ],
      },
      {
        name: 'on disk: unreadable: a loop of symbolic links says so instead of "does not exist"',
        files: {},
        fs: onDisk((dir) => {
          symlinkSync('b.yml', path.join(dir, W, 'a.yml'));
          symlinkSync('a.yml', path.join(dir, W, 'b.yml'));
        }),
        errors: [`${W}a.yml`, `${W}b.yml`].map((file) => ({
          messageId: 'unreadable',
          at: '1:1-1:1',
          file,
          severity: 'warning' as const,
          data: { detail: 'the file cannot be read (a loop of symbolic links, ELOOP)' },
        })),
      },
      {
        name: 'on disk: unreadable: a dangling symbolic link',
        files: {},
        fs: onDisk((dir) => symlinkSync('gone.yml', path.join(dir, W, 'a.yml'))),
        errors: [
          {
            messageId: 'unreadable',
            at: '1:1-1:1',
            file: `${W}a.yml`,
            severity: 'warning',
            data: { detail: 'the file cannot be read (a symbolic link to a file that does not exist)' },
          },
        ],
      },
      {
        name: 'GitLab: renders the GitLab wording for an empty CI file',
        files: { '.gitlab-ci.yml': '' },
        errors: [
          {
            messageId: 'ciFileEmpty',
            at: '1:1-1:1',
            message: 'The GitLab CI file is empty; expected a mapping of jobs and keywords such as `stages:`',
            why: expect.stringMatching(/^GitLab refuses an empty CI file/),
            severity: 'error',
          },
        ],
      },
      {
        name: 'GitLab: a workflow file keeps the GitHub wording next to a GitLab file',
        files: { [`${W}a.yml`]: '', '.gitlab-ci.yml': '' },
        errors: [
          { messageId: 'emptyWorkflow', at: '1:1-1:1', file: `${W}a.yml` },
          { messageId: 'ciFileEmpty', at: '1:1-1:1', file: '.gitlab-ci.yml' },
        ],
      },
    ],
    notCovered: { actionOutsideRepository: 'a `uses:` of a local action outside the repository: action-outside.test.ts' },
  });

  it('limit: more than 2,000 workflow files, all kept (no streaming): the first 2,000 in name order are read, the rest reported', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2003; i++) files[`${W}w${String(i).padStart(5, '0')}.yml`] = i === 2001 ? 'on: [push\n' : CLEAN;
    const outcome = await lint({ fs: new MemoryFs(files), rules, stream: false });
    if (!outcome.ok) throw new Error('config error');
    const found = outcome.diagnostics.filter((d) => d.ruleId === RULE);
    // The broken file is number 2,002: beyond the limit, so not read (and not reported as broken).
    expect(found.map((d) => `${d.file} ${brief(d)} ${d.severity}`)).toEqual(['.github/workflows limit@1:1-1:1 warning']);
    expect(found[0]?.message).toBe(
      'Too many workflow files in `.github/workflows`: 2,003 where tp-doctor reads at most 2,000; the files after the first in name order were not checked',
    );
    expect(outcome.project.workflows).toHaveLength(2000);
  });

  it('limit: streaming (the default) reads every file: 2,003 workflows that publish nothing are all checked', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2003; i++) files[`${W}w${String(i).padStart(5, '0')}.yml`] = i === 2001 ? 'on: [push\n' : CLEAN;
    const outcome = await lint({ fs: new MemoryFs(files), rules });
    if (!outcome.ok) throw new Error('config error');
    const found = outcome.diagnostics.filter((d) => d.ruleId === RULE);
    // The broken file, number 2,002, is read and reported.
    expect(found.map((d) => `${d.file} ${brief(d)}`)).toEqual([`${W}w02001.yml syntax@2:1-2:1`]);
    expect(outcome.project.streamed).toHaveLength(2002);
    expect(outcome.project.workflows).toHaveLength(0);
  });

  it('limit: past 64 MiB of workflow text, the files after are reported, not read', async () => {
    const files: Record<string, string> = {};
    // 34 files of just under 2 MiB each (a long comment: cheap to parse), the last one broken.
    const big = `# ${'x'.repeat(2 * 1024 * 1024 - 100)}\n${CLEAN}`;
    for (let i = 0; i < 34; i++) files[`${W}w${String(i).padStart(2, '0')}.yml`] = i === 33 ? 'on: [push\n' : big;
    const outcome = await lint({ fs: new MemoryFs(files), rules });
    if (!outcome.ok) throw new Error('config error');
    const found = outcome.diagnostics.filter((d) => d.ruleId === RULE);
    // The 33rd file takes the text read past 64 MiB: the 34th (broken) is not read.
    expect(found.map((d) => `${d.file} ${brief(d)} ${d.severity}`)).toEqual(['.github/workflows limit@1:1-1:1 warning']);
    expect(found[0]?.message).toBe(
      'Too much workflow text in `.github/workflows` (MiB read): 66 where tp-doctor reads at most 64; the files after those in name order were not checked',
    );
    expect(outcome.project.streamed).toHaveLength(33);
  });

  it('limit: more than 2,000 workflows that must be kept (publishing): the first 2,000 are checked, the rest reported', async () => {
    const files: Record<string, string> = {};
    const publishing = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n';
    for (let i = 0; i < 2003; i++) files[`${W}w${String(i).padStart(5, '0')}.yml`] = i === 1 ? CLEAN : publishing;
    const outcome = await lint({ fs: new MemoryFs(files), rules });
    if (!outcome.ok) throw new Error('config error');
    const found = outcome.diagnostics.filter((d) => d.ruleId === RULE);
    expect(found.map((d) => `${d.file} ${brief(d)} ${d.severity}`)).toEqual(['.github/workflows limit@1:1-1:1 warning']);
    expect(found[0]?.message).toBe(
      'Too many workflows in `.github/workflows` that publish, call a reusable workflow or can be called: 2,002 where tp-doctor reads at most 2,000; those after the first in name order were not checked (the other workflows were)',
    );
    expect(outcome.project.workflows).toHaveLength(2000);
    expect(outcome.project.streamed).toEqual([`${W}w00001.yml`]);
  });

  it('leaves a broken config file to the config loader (exit 2), not to this rule', async () => {
    const outcome = await lint({
      fs: new MemoryFs({ [`${W}a.yml`]: CLEAN, 'tp-doctor.yml': 'rules: [\n' }),
      rules,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.configErrors[0]?.message).toMatch(/^`tp-doctor.yml` is not valid YAML: /);
    expect(outcome.configErrors[0]?.location?.file).toBe('tp-doctor.yml');
  });

  it.skipIf(process.getuid?.() === 0)('on disk: unreadable: a .github/workflows folder without permissions (chmod 000; skipped as root)', async () => {
    const dir = tempRepo();
    writeFileSync(path.join(dir, W, 'a.yml'), CLEAN);
    chmodSync(path.join(dir, W), 0o000);
    try {
      const found = await lintRule(RULE, {}, { fs: () => new DiskFs(dir) });
      expect(found.map((d) => ({ brief: brief(d), file: d.file, severity: d.severity, detail: d.data.detail }))).toEqual([
        { brief: 'unreadable@1:1-1:1', file: '.github/workflows', severity: 'warning', detail: 'the folder cannot be read (EACCES)' },
      ]);
    } finally {
      chmodSync(path.join(dir, W), 0o755);
    }
  });
});
