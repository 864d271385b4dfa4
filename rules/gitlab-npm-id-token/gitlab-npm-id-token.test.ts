import { describe, expect, it } from 'vitest';
import { lintRule, publisherConfig, ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';

const RULE = 'gitlab-npm-id-token';
const PKG = JSON.stringify({ name: '@acme/widget', repository: { url: 'git+https://gitlab.com/acme/widget.git' } });
const GITLAB = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
const NPM = '"npm:registry.npmjs.org"';

interface Case {
  name: string;
  ci: string;
  files?: Record<string, string>;
  config?: string;
  want: string[];
  data?: Record<string, string>[];
  /** `line:col label` of each related location of the first diagnostic. */
  related?: string[];
}

const cases: Case[] = [
  {
    name: "npm's documented pattern is silent",
    ci: `publish:
  image: node:24
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM}
    SIGSTORE_ID_TOKEN:
      aud: sigstore
  script:
    - npm publish
`,
    want: [],
  },
  {
    name: 'no id_tokens at all',
    ci: 'publish:\n  image: node:24\n  script:\n    - npm publish\n',
    want: ['noIdTokens@1:1-1:8'],
    data: [{ job: 'publish', publishes: 'publishes', path: 'publish' }],
  },
  {
    name: 'an include tp-doctor cannot read could declare the token under default: a warning that names it',
    ci: 'include:\n  - project: acme/ci-templates\n    file: npm.yml\npublish:\n  image: node:24\n  script:\n    - npm publish\n',
    want: ['noIdTokensUnseen@4:1-4:8'],
    data: [{ job: 'publish', include: '"acme/ci-templates: npm.yml"' }],
  },
  {
    name: "GitLab's scanner templates hold no default: still an error",
    ci: 'include:\n  - template: Security/SAST.gitlab-ci.yml\npublish:\n  image: node:24\n  script:\n    - npm publish\n',
    want: ['noIdTokens@3:1-3:8'],
  },
  {
    name: "a job that publishes to GitLab's own package registry is not a trusted-publishing job",
    ci: `publish:
  image: node:24
  script:
    - echo "\${CI_API_V4_URL#https?}/projects/\${CI_PROJECT_ID}/packages/npm/:_authToken=\${CI_JOB_TOKEN}" > .npmrc
    - npm publish --registry \${CI_API_V4_URL}/projects/\${CI_PROJECT_ID}/packages/npm/
`,
    want: [],
  },
  {
    name: 'a heuristic publish says "appears to publish"',
    ci: 'release:\n  script:\n    - npm run release\n',
    want: ['noIdTokens@1:1-1:8'],
    data: [{ job: 'release', publishes: 'appears to publish' }],
  },
  {
    name: 'npm audience under another name (8.13)',
    ci: `publish:
  id_tokens:
    ID_TOKEN:
      aud: ${NPM}
  script: npm publish
`,
    want: ['otherName@3:5-3:13'],
    data: [{ name: 'ID_TOKEN', aud: 'npm:registry.npmjs.org', path: 'publish' }],
  },
  {
    name: 'npm audience under another name, even with a wrong spelling of the audience',
    ci: 'publish:\n  id_tokens:\n    GITLAB_OIDC_TOKEN:\n      aud: https://registry.npmjs.org\n  script: npm publish\n',
    want: ['otherName@3:5-3:22'],
    data: [{ name: 'GITLAB_OIDC_TOKEN', aud: 'https://registry.npmjs.org' }],
  },
  {
    name: 'another name exported as NPM_ID_TOKEN before the publish',
    ci: `publish:
  id_tokens:
    ID_TOKEN:
      aud: ${NPM}
  before_script:
    - export NPM_ID_TOKEN="\${ID_TOKEN}"
  script:
    - npm publish
`,
    want: [],
  },
  {
    name: 'another name passed inline to the publish command',
    ci: `publish:
  id_tokens:
    ID_TOKEN:
      aud: ${NPM}
  script:
    - NPM_ID_TOKEN=$ID_TOKEN npm publish
`,
    want: [],
  },
  {
    name: 'an export after the publish, or in after_script, does not count',
    ci: `publish:
  id_tokens:
    ID_TOKEN:
      aud: ${NPM}
  script:
    - npm publish
    - export NPM_ID_TOKEN=$ID_TOKEN
  after_script:
    - export NPM_ID_TOKEN=$ID_TOKEN
`,
    want: ['otherName@3:5-3:13'],
  },
  {
    name: 'id_tokens at the top level (8.13): reported once, with the job related',
    ci: `id_tokens:
  NPM_ID_TOKEN:
    aud: ${NPM}
publish:
  script: npm publish
other:
  script: npm publish --tag next
`,
    want: ['topLevel@1:1-1:10'],
    data: [{ file: '.gitlab-ci.yml' }],
    related: ['4:1 publishing job "publish"', '6:1 publishing job "other"'],
  },
  {
    name: "a job's own id_tokens replace default's",
    ci: `default:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM}
publish:
  id_tokens:
    SIGSTORE_ID_TOKEN:
      aud: sigstore
  script: npm publish
`,
    want: ['replacesDefault@6:3-6:12'],
    data: [{ path: 'publish' }],
    related: ['3:5 `NPM_ID_TOKEN` under `default:`'],
  },
  {
    name: "a template's id_tokens replace default's: reported at the template, jobs related",
    ci: `default:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM}
.release:
  id_tokens:
    SIGSTORE_ID_TOKEN:
      aud: sigstore
publish-a:
  extends: .release
  script: npm publish
publish-b:
  extends: .release
  script: npm publish
`,
    want: ['replacesDefault@6:3-6:12'],
    data: [{ path: '.release' }],
    related: ['3:5 `NPM_ID_TOKEN` under `default:`', '9:1 publishing job "publish-a"', '12:1 publishing job "publish-b"'],
  },
  {
    // The surveyor asked whether this can be an error when domain.md tagged it [inf]: GitLab
    // documents it (keyword reference, `default`: a default keyword is used only by jobs that do not
    // define it; `extends`: the template's keys are merged into the job), and its configuration code
    // resolves `extends:` before it applies `default:`. So an error, like a job's own block.
    name: "the survey's case: `.base`'s id_tokens replace default's (documented: an error)",
    ci: `default:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM}
.base:
  id_tokens:
    SIGSTORE_ID_TOKEN:
      aud: sigstore
publish:
  extends: .base
  script: npm publish
`,
    want: ['replacesDefault@6:3-6:12'],
    data: [{ path: '.base', entry: 'NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" }' }],
    related: ['3:5 `NPM_ID_TOKEN` under `default:`', '9:1 publishing job "publish"'],
  },
  {
    name: 'inherit: default: false drops the default token',
    ci: `default:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM}
publish:
  inherit:
    default: false
  script: npm publish
`,
    want: ['inheritDropped@7:14-7:19'],
    data: [{ value: 'false', path: 'publish' }],
    related: ['3:5 `NPM_ID_TOKEN` under `default:`'],
  },
  {
    name: 'inherit: default: [list] without id_tokens drops it',
    ci: `default:
  image: node:24
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM}
publish:
  inherit:
    default: [image]
  script: npm publish
`,
    want: ['inheritDropped@8:14-8:21'],
    data: [{ value: '[image]' }],
  },
  {
    name: 'inherit: default: [list] with id_tokens keeps it',
    ci: `default:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM}
publish:
  inherit:
    default: [id_tokens]
  script: npm publish
`,
    want: [],
  },
  {
    name: 'a job with other tokens only',
    ci: 'publish:\n  id_tokens:\n    VAULT_ID_TOKEN:\n      aud: https://vault.example.com\n  script: npm publish\n',
    want: ['notListed@2:3-2:12'],
    data: [{ path: 'publish', tokens: '`VAULT_ID_TOKEN`' }],
  },
  {
    name: 'default: id_tokens without NPM_ID_TOKEN: reported under default:, the job related',
    ci: 'default:\n  id_tokens:\n    SIGSTORE_ID_TOKEN:\n      aud: sigstore\npublish:\n  script: npm publish\n',
    want: ['notListed@2:3-2:12'],
    data: [{ path: 'default', tokens: '`SIGSTORE_ID_TOKEN`' }],
    related: ['5:1 publishing job "publish"'],
  },
  {
    name: 'extends chain of three with the token in the middle template',
    ci: `.base:
  image: node:24
.tokens:
  extends: .base
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM}
.release:
  extends: .tokens
publish:
  extends: .release
  script: npm publish
`,
    want: [],
  },
  {
    name: '!reference to a token block',
    ci: `.tokens:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM}
publish:
  id_tokens: !reference [.tokens, id_tokens]
  script: npm publish
`,
    want: [],
  },
  {
    name: 'the publishing job in a local include, the token in the including file',
    ci: `include: ci/publish.yml
publish:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM}
`,
    files: { 'ci/publish.yml': 'publish:\n  script:\n    - npm publish\n' },
    want: [],
  },
  {
    // `extends:` merges hashes: the job's own `id_tokens` and its template's are one map.
    name: "a job's id_tokens and its template's are merged",
    ci: `.base:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${NPM}
publish:
  extends: .base
  id_tokens:
    SIGSTORE_ID_TOKEN:
      aud: sigstore
  script: npm publish
`,
    want: [],
  },
  {
    // A possible publish (its script comes from a template in a project include): the token may be
    // declared there too, so nothing is said (gitlab-config-resolvable names what was not read).
    name: 'a job whose script comes from a template tp-doctor cannot read is skipped',
    ci: 'include:\n  - project: acme/ci-templates\n    file: /semantic-release/template.yml\npublish-to-npm:\n  extends: .semantic-release\n',
    want: [],
  },
  {
    name: 'a job whose template tp-doctor cannot read is skipped',
    ci: 'include:\n  - remote: https://example.com/ci.yml\npublish:\n  extends: .npm-publish\n  script: npm publish\n',
    want: [],
  },
  {
    name: 'jobs that do not publish, or only dry-run',
    ci: 'test:\n  script: npm test\npack:\n  script: npm publish --dry-run\n',
    want: [],
  },
  {
    name: 'a publish to another registry is not trusted publishing',
    ci: 'publish:\n  script:\n    - npm config set registry "https://gitlab.example.com/api/v4/projects/1/packages/npm/"\n    - npm publish\n',
    want: [],
  },
  {
    name: 'a GitHub publisher only: the GitLab file is not checked',
    ci: 'publish:\n  script: npm publish\n',
    config: publisherConfig({}),
    want: [],
  },
];

const filesOf = (c: Pick<Case, 'ci' | 'files' | 'config'>): Record<string, string> => ({
  'package.json': PKG,
  'tp-doctor.yml': c.config ?? GITLAB,
  '.gitlab-ci.yml': c.ci,
  ...c.files,
});

/** Each finding of a row with its data by position; the related locations of the first. */
const errorsOf = (c: Case): ExpectedFinding[] =>
  c.want.map((w, i) => {
    const [messageId = '', at = ''] = w.split('@');
    return { messageId, at, data: c.data?.[i], related: i === 0 ? c.related : undefined };
  });

const INCLUDED = {
  'package.json': PKG,
  'tp-doctor.yml': GITLAB,
  '.gitlab-ci.yml': 'include: ci/templates.yml\npublish:\n  extends: .release\n  script: npm publish\n',
  'ci/templates.yml': '.release:\n  id_tokens:\n    ID_TOKEN:\n      aud: npm:registry.npmjs.org\n',
};

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: cases.filter((c) => c.want.length === 0).map((c) => ({ name: c.name, files: filesOf(c) })),
    invalid: [
      ...cases.filter((c) => c.want.length > 0).map((c) => ({ name: c.name, files: filesOf(c), errors: errorsOf(c) })),
      {
        name: 'renders the missing-token message with the YAML to add',
        files: filesOf({ ci: 'publish:\n  script: npm publish\n' }),
        errors: [
          {
            messageId: 'noIdTokens',
            at: '1:1-1:8',
            severity: 'error',
            message: 'Job "publish" publishes to npm but has no `id_tokens`; expected `NPM_ID_TOKEN` with `aud: "npm:registry.npmjs.org"`',
            fix: 'Add `id_tokens: { NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" } }` to the job `publish`',
            why: expect.stringContaining('ENEEDAUTH'),
          },
        ],
      },
      {
        name: "renders the template's replacement of default's block as an error",
        files: filesOf({ ci: `default:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: ${NPM}\n.base:\n  id_tokens:\n    SIGSTORE_ID_TOKEN:\n      aud: sigstore\npublish:\n  extends: .base\n  script: npm publish\n` }),
        errors: [
          {
            messageId: 'replacesDefault',
            at: '6:3-6:12',
            severity: 'error',
            message: 'This `id_tokens:` of `.base` replaces the one in `default:` and has no `NPM_ID_TOKEN`',
            why: expect.stringContaining('replaces `default: id_tokens` entirely'),
          },
        ],
      },
      {
        name: 'renders the other-name fix with the export alternative',
        files: filesOf({ ci: `publish:\n  id_tokens:\n    ID_TOKEN:\n      aud: ${NPM}\n  script: npm publish\n` }),
        errors: [
          {
            messageId: 'otherName',
            at: '3:5-3:13',
            message: 'ID token `ID_TOKEN` has the npm audience "npm:registry.npmjs.org" but npm reads only `NPM_ID_TOKEN`',
            fix: 'Rename `ID_TOKEN` to `NPM_ID_TOKEN` under `publish.id_tokens` (or run `export NPM_ID_TOKEN="$ID_TOKEN"` before the publish)',
          },
        ],
      },
      {
        name: 'reports in an included file where the template is written',
        files: INCLUDED,
        errors: [{ messageId: 'otherName', at: '3:5-3:13', file: 'ci/templates.yml', related: ['.gitlab-ci.yml:2:1 publishing job "publish"'] }],
      },
    ],
  });

  it('an included template: the related publishing job, with its whole range', async () => {
    const [d] = await lintRule(RULE, INCLUDED);
    expect(d?.related).toEqual([{ file: '.gitlab-ci.yml', start: { line: 2, column: 1 }, end: { line: 2, column: 8 }, label: 'publishing job "publish"' }]);
  });
});
