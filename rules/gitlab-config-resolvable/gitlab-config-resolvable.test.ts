import { describe } from 'vitest';
import { publisherConfig, ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';

const RULE = 'gitlab-config-resolvable';
const PKG = JSON.stringify({ name: '@acme/widget', repository: { url: 'git+https://gitlab.com/acme/widget.git' } });
const GITLAB = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
const PUBLISH = 'publish:\n  script: npm publish\n';

interface Case {
  name: string;
  ci: string;
  files?: Record<string, string | Uint8Array>;
  config?: string;
  /** `messageId@range severity`. */
  want: string[];
  data?: Record<string, string>[];
}

function chain(n: number): string {
  let yaml = 'publish:\n  extends: .t1\n  script: npm publish\n';
  for (let i = 1; i <= n; i++) yaml += i < n ? `.t${i}:\n  extends: .t${i + 1}\n` : `.t${i}:\n  stage: deploy\n`;
  return yaml;
}

const manyIncludes = (): Record<string, string> => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 151; i++) files[`ci/f${i}.yml`] = `.t${i}:\n  stage: x\n`;
  return files;
};

const cases: Case[] = [
  { name: 'a configuration that resolves', ci: `include: ci/a.yml\n.t:\n  image: node:24\npublish:\n  extends: .t\n  script: npm publish\n`, files: { 'ci/a.yml': '.u:\n  stage: x\n' }, want: [] },
  {
    name: 'an extends cycle',
    ci: 'publish:\n  extends: .a\n  script: npm publish\n.a:\n  extends: .b\n.b:\n  extends: [.c, .a]\n.c:\n  stage: x\n',
    want: ['extendsCycle@7:17-7:19 error'],
    data: [{ job: 'publish', target: '.a', chain: 'publish → .a → .b → .a' }],
  },
  {
    name: 'a missing template',
    ci: 'publish:\n  extends:\n    - .missing\n  script: npm publish\n',
    want: ['extendsMissing@3:7-3:15 error'],
    data: [{ job: 'publish', target: '.missing' }],
  },
  {
    name: 'a missing template that may come from a remote include',
    ci: 'include:\n  - remote: https://example.com/ci.yml\npublish:\n  extends: .npm-publish\n  script: npm publish\n',
    want: ['includeRemote@2:13-2:39 info', 'incomplete@3:1-3:8 info', 'extendsMissingRemote@4:12-4:24 info'],
    data: [
      { what: 'remote file', include: 'https://example.com/ci.yml' },
      { job: 'publish', publishes: 'publishes', missing: 'template `.npm-publish`, which tp-doctor cannot read' },
      { job: 'publish', target: '.npm-publish' },
    ],
  },
  { name: 'eleven levels of extends are allowed', ci: chain(11), want: [] },
  { name: 'a twelfth is not', ci: chain(12), want: ['extendsDepth@25:12-25:16 error'], data: [{ job: 'publish' }] },
  {
    // The survey's case (gitlab-ui's publish_to_npm): no script of its own, and the template that
    // gives it is in a project include. Named for npm, the job is a possible publish (info), so
    // what could not be read is said about it.
    name: 'a job named for npm whose script comes from a template in a project include',
    ci: 'include:\n  - project: acme/ci-templates\n    file: /semantic-release/template.yml\ndefault:\n  image: node:22.12\n.publish:\n  extends: .semantic-release\n  stage: deploy\npublish-to-npm:\n  extends: .publish\n',
    want: ['includeRemote@2:14-2:31 info', 'extendsMissingRemote@7:12-7:29 info', 'incomplete@9:1-9:15 info'],
    data: [
      { what: 'project file', include: 'acme/ci-templates: /semantic-release/template.yml' },
      { job: '.publish', target: '.semantic-release' },
      { job: 'publish-to-npm', publishes: 'may publish', missing: 'template `.semantic-release`, which tp-doctor cannot read' },
    ],
  },
  {
    name: 'the same through a `!reference` in the script of a job with an npm token',
    ci: 'include:\n  - remote: https://example.com/ci.yml\npublish_to_npm:\n  variables:\n    NPM_TOKEN: $CI_NPM_TOKEN\n  script:\n    - !reference [.npm-release, script]\n',
    want: ['includeRemote@2:13-2:39 info', 'incomplete@3:1-3:15 info', 'referenceMissingRemote@7:7-7:40 info'],
    data: [{}, { job: 'publish_to_npm', publishes: 'may publish', missing: 'a template or `!reference` tp-doctor cannot read' }, { target: '.npm-release, script' }],
  },
  {
    name: 'a missing !reference target',
    ci: 'publish:\n  script:\n    - !reference [.setup, script]\n    - npm publish\n',
    want: ['referenceMissing@3:7-3:34 error'],
    data: [{ target: '.setup, script' }],
  },
  {
    name: 'a missing !reference target that may come from a template include',
    ci: 'include:\n  - template: Custom/Release.gitlab-ci.yml\npublish:\n  script:\n    - !reference [.setup, script]\n    - npm publish\n',
    want: ['includeRemote@2:15-2:43 info', 'incomplete@3:1-3:8 info', 'referenceMissingRemote@5:7-5:34 info'],
    data: [{ what: 'GitLab template' }, { missing: 'a template or `!reference` tp-doctor cannot read' }, { target: '.setup, script' }],
  },
  {
    name: '!reference nested more than ten times',
    ci: `${PUBLISH}  cache: !reference [.r11, x]\n.r0:\n  x: end\n${Array.from({ length: 11 }, (_, i) => `.r${i + 1}:\n  x: !reference [.r${i}, x]\n`).join('')}`,
    want: ['referenceDepth@27:6-27:26 error'],
  },
  {
    name: 'referenceCycle: two templates referencing each other',
    ci: 'ref-a:\n  script:\n    - !reference [ref-b, script]\nref-b:\n  script:\n    - !reference [ref-a, script]\npublish:\n  script:\n    - !reference [ref-a, script]\n    - npm publish\n',
    want: ['referenceCycle@6:7-6:33 error'],
    data: [{ target: 'ref-a, script', chain: '[ref-a, script] → [ref-b, script] → [ref-a, script]' }],
  },
  {
    name: 'referenceCycle: a job referencing its own script',
    ci: 'publish:\n  script:\n    - npm publish\n    - !reference [publish, script]\n',
    want: ['referenceCycle@4:7-4:35 error'],
    data: [{ target: 'publish, script', chain: '[publish, script] → [publish, script]' }],
  },
  {
    name: 'referenceCycle: a cycle through a nested key is named once, where it closes',
    ci: '.a:\n  x:\n    y: !reference [.b, z]\n.b:\n  z: !reference [.a, x]\npublish:\n  script: npm publish\n  cache: !reference [.a, x]\n',
    want: ['referenceCycle@5:6-5:24 error'],
    data: [{ target: '.a, x', chain: '[.a, x] → [.b, z] → [.a, x]' }],
  },
  {
    name: 'a reference used by many jobs is not a cycle',
    ci: '.setup:\n  script: [npm ci]\n.both:\n  script:\n    - !reference [.setup, script]\n    - !reference [.setup, script]\npublish:\n  script:\n    - !reference [.both, script]\n    - !reference [.setup, script]\n    - npm publish\n',
    want: [],
  },
  {
    // The publishing job is fully readable: what the includes add does not change its checks.
    name: 'project and component includes next to a readable publishing job: nothing to say',
    ci: `include:\n  - project: group/ci\n    file: [a.yml, b.yml]\n  - component: $CI_SERVER_FQDN/g/c/release@1\n${PUBLISH}`,
    want: [],
  },
  {
    name: 'GitLab security templates never publish: nothing to say',
    ci: 'include:\n  - template: Jobs/SAST.gitlab-ci.yml\n  - template: Security/Secret-Detection.gitlab-ci.yml\npublish:\n  extends: .release\n',
    want: ['extendsMissingRemote@5:12-5:20 info'],
  },
  {
    name: 'project and component includes when no job visibly publishes: one info each',
    ci: `include:\n  - project: group/ci\n    file: [a.yml, b.yml]\n  - component: $CI_SERVER_FQDN/g/c/release@1\nbuild:\n  script: [make]\n`,
    want: ['includeRemote@2:14-2:22 info', 'includeRemote@4:16-4:45 info'],
    data: [
      { what: 'project file', include: 'group/ci: a.yml, b.yml' },
      { what: 'CI/CD component', include: '$CI_SERVER_FQDN/g/c/release@1' },
    ],
  },
  { name: 'a missing local file', ci: `include: ci/missing.yml\n${PUBLISH}`, want: ['includeMissing@1:10-1:24 error'], data: [{ include: 'ci/missing.yml' }] },
  {
    name: 'a missing local file under `rules: if:`: GitLab reads it only when a rule passes, a warning',
    ci: `include:\n  - local: ci/nightly.yml\n    rules:\n      - if: $CI_PIPELINE_SOURCE == "schedule"\n${PUBLISH}`,
    want: ['includeMissingConditional@2:12-2:26 warning'],
    data: [{ include: 'ci/nightly.yml' }],
  },
  {
    name: 'a missing local file under `rules: exists:` naming itself: GitLab leaves it out, nothing to say',
    ci: `include:\n  - local: /ci/optional.yml\n    rules:\n      - exists: [ci/optional.yml]\n${PUBLISH}`,
    want: [],
  },
  {
    name: 'a missing local file under `rules: exists:` (scalar form) and a `when: never` rule: left out, nothing to say',
    ci: `include:\n  - local: ci/optional.yml\n    rules:\n      - if: $SKIP\n        when: never\n      - exists: ci/optional.yml\n${PUBLISH}`,
    want: [],
  },
  {
    name: 'a missing local file under `rules: exists:` naming another file: may be included, a warning',
    ci: `include:\n  - local: ci/optional.yml\n    rules:\n      - exists: [package.json]\n${PUBLISH}`,
    want: ['includeMissingConditional@2:12-2:27 warning'],
  },
  {
    name: 'control: an empty `rules:` list reads like no rules, the error stays',
    ci: `include:\n  - local: ci/optional.yml\n    rules: []\n${PUBLISH}`,
    want: ['includeMissing@2:12-2:27 error'],
  },
  { name: 'a pattern that matches nothing', ci: `include: 'ci/*.yml'\n${PUBLISH}`, want: ['includeNoMatch@1:10-1:20 warning'] },
  { name: 'not a YAML file', ci: `include: ci/notes.txt\n${PUBLISH}`, want: ['includeNotYaml@1:10-1:22 error'] },
  { name: 'outside the repository', ci: `include: ../shared.yml\n${PUBLISH}`, want: ['includeOutside@1:10-1:23 warning'] },
  { name: 'a variable in the path', ci: `include:\n  - local: $CI_DIR/a.yml\n${PUBLISH}`, want: ['includeVariable@2:12-2:25 info'] },
  {
    name: 'an included file that cannot be read',
    ci: `include: ci/a.yml\n${PUBLISH}`,
    files: { 'ci/a.yml': new Uint8Array([0, 1, 2]) },
    want: ['includeUnreadable@1:10-1:18 info'],
    data: [{ include: 'ci/a.yml', detail: 'the file contains NUL bytes (binary data), not YAML text' }],
  },
  {
    name: "more than GitLab's 150 includes",
    ci: `include: 'ci/*.yml'\n${PUBLISH}`,
    files: manyIncludes(),
    want: ['includeLimit@1:10-1:20 error'],
  },
  {
    name: 'a dynamic child pipeline (trigger: include: artifact:) when no job visibly publishes: an info at the artifact',
    ci: 'generate:\n  image: alpine\n  script:\n    - ./ci/gen.sh > child.yml\n  artifacts:\n    paths: [child.yml]\nrelease:\n  trigger:\n    include:\n      - artifact: child.yml\n        job: generate\n',
    want: ['childGenerated@10:19-10:28 info'],
    data: [{ job: 'release', source: 'artifact "child.yml" of job "generate"' }],
  },
  {
    name: 'control: a dynamic child pipeline beside a job that visibly publishes: nothing to say',
    ci: `${PUBLISH}release:\n  trigger:\n    include:\n      - artifact: child.yml\n        job: generate\n`,
    want: [],
  },
  {
    name: 'control: a committed child pipeline (trigger: include: local:) is read, no childGenerated',
    ci: 'release:\n  trigger:\n    include:\n      - local: ci/child.yml\n',
    files: { 'ci/child.yml': 'build:\n  script: make\n' },
    want: [],
  },
  {
    name: 'nothing publishes and no GitLab publisher: not our business',
    ci: 'build:\n  extends: .missing\n',
    config: publisherConfig({}),
    want: [],
  },
  {
    name: 'a declared GitLab publisher: broken templates are reported even when nothing publishes',
    ci: 'build:\n  extends: .missing\n  script: make\n',
    want: ['extendsMissing@2:12-2:20 error'],
  },
];

const filesOf = (c: Pick<Case, 'ci' | 'files' | 'config'>): Record<string, string | Uint8Array> => ({
  'package.json': PKG,
  'tp-doctor.yml': c.config ?? GITLAB,
  '.gitlab-ci.yml': c.ci,
  ...c.files,
});

/** A row's `messageId@range severity` strings (and data, by position) as expected findings. */
const errorsOf = (c: Case): ExpectedFinding[] =>
  c.want.map((w, i) => {
    const [brief = '', severity] = w.split(' ');
    const [messageId = '', at = ''] = brief.split('@');
    return { messageId, at, severity: severity as ExpectedFinding['severity'], data: c.data?.[i] };
  });

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: cases.filter((c) => c.want.length === 0).map((c) => ({ name: c.name, files: filesOf(c) })),
    invalid: [
      ...cases.filter((c) => c.want.length > 0).map((c) => ({ name: c.name, files: filesOf(c), errors: errorsOf(c) })),
      {
        name: 'renders the remote include message',
        files: filesOf({ ci: `include:\n  - template: Custom/Release.gitlab-ci.yml\npublish:\n  extends: .release\n` }),
        errors: [
          {
            messageId: 'includeRemote',
            at: '2:15-2:43',
            severity: 'info',
            message: 'Included GitLab template "Custom/Release.gitlab-ci.yml" cannot be read offline; it was not checked',
          },
          { messageId: 'extendsMissingRemote', at: '4:12-4:20' },
        ],
      },
      {
        // `.release` may hold the publish command itself, but nothing in the job names npm or shows
        // a sign of it (a token, an npm ID token, an npm upgrade): the job is not known to publish,
        // so there is no `incomplete` finding, only the include and the template it may define.
        name: 'cannot know that a job publishes through a template it cannot read',
        files: filesOf({ ci: 'include:\n  - remote: https://example.com/ci.yml\npublish:\n  extends: .release\n' }),
        errors: ['includeRemote@2:13-2:39', 'extendsMissingRemote@4:12-4:20'],
      },
    ],
  });
});
