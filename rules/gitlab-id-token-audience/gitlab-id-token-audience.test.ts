import { describe, expect, it } from 'vitest';
import { ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';
import { lintFiles } from '../../test/helpers.js';
import { classifyAudience } from './audience.js';

const RULE = 'gitlab-id-token-audience';
const PKG = JSON.stringify({ name: '@acme/widget', repository: { url: 'git+https://gitlab.com/acme/widget.git' } });
const GITLAB = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';

/** A publishing job whose NPM_ID_TOKEN has the given `aud:` text (line 4 holds the aud). */
const job = (aud: string, extra = ''): string => `publish:
  id_tokens:
    NPM_ID_TOKEN:
      aud: ${aud}
  script: npm publish
${extra}`;

interface Case {
  name: string;
  ci: string;
  want: string[];
  data?: Record<string, string>[];
  related?: string[];
  severity?: ExpectedFinding['severity'];
}

const cases: Case[] = [
  { name: 'exact, plain', ci: job('npm:registry.npmjs.org'), want: [] },
  { name: 'exact, quoted', ci: job('"npm:registry.npmjs.org"'), want: [] },
  { name: 'a list containing it', ci: job('[sigstore, "npm:registry.npmjs.org"]'), want: [] },
  {
    name: 'the registry URL (8.13)',
    ci: job('https://registry.npmjs.org'),
    want: ['url@4:12-4:38'],
    data: [{ name: 'NPM_ID_TOKEN', value: 'https://registry.npmjs.org', path: 'publish.id_tokens.NPM_ID_TOKEN.aud' }],
  },
  { name: 'the URL with a trailing slash is still a URL', ci: job('"https://registry.npmjs.org/"'), want: ['url@4:12-4:41'] },
  { name: 'the host without npm:', ci: job('registry.npmjs.org'), want: ['noPrefix@4:12-4:30'], data: [{ value: 'registry.npmjs.org' }] },
  { name: 'wrong case', ci: job('"NPM:Registry.npmjs.org"'), want: ['wrongCase@4:12-4:36'] },
  { name: 'a blank after the audience (kept by the quotes)', ci: job('"npm:registry.npmjs.org "'), want: ['whitespace@4:12-4:37'] },
  { name: 'a blank inside the audience', ci: job('"npm: registry.npmjs.org"'), want: ['whitespace@4:12-4:37'] },
  { name: 'a trailing slash', ci: job('npm:registry.npmjs.org/'), want: ['trailingSlash@4:12-4:35'] },
  { name: 'another registry host', ci: job('npm:npm.pkg.github.com'), want: ['otherHost@4:12-4:34'], data: [{ value: 'npm:npm.pkg.github.com' }] },
  { name: 'another URL', ci: job('https://gitlab.com'), want: ['otherHost@4:12-4:30'] },
  { name: 'something else entirely', ci: job('sigstore'), want: ['other@4:12-4:20'], data: [{ value: 'sigstore' }] },
  {
    name: 'a list without it: points at the near miss',
    ci: job('\n        - sigstore\n        - https://registry.npmjs.org'),
    want: ['url@6:11-6:37'],
  },
  {
    name: 'no aud',
    ci: 'publish:\n  id_tokens:\n    NPM_ID_TOKEN: {}\n  script: npm publish\n',
    want: ['missingAud@3:5-3:17'],
    data: [{ name: 'NPM_ID_TOKEN', path: 'publish' }],
  },
  { name: 'the audience written as the token value', ci: 'publish:\n  id_tokens:\n    NPM_ID_TOKEN: npm:registry.npmjs.org\n  script: npm publish\n', want: ['missingAud@3:5-3:17'] },
  { name: 'an empty aud', ci: job(''), want: ['missingAud@4:7-4:10'] },
  {
    name: 'a variable tp-doctor cannot resolve is info',
    ci: job('$NPM_AUDIENCE'),
    want: ['unresolved@4:12-4:25'],
    data: [{ value: '$NPM_AUDIENCE' }],
    severity: 'info',
  },
  { name: 'a global variable with the right value', ci: `variables:\n  AUD: npm:registry.npmjs.org\n${job('$AUD')}`, want: [] },
  {
    name: 'a variable with a wrong value: reported at its definition, the aud related',
    ci: `variables:\n  AUD: https://registry.npmjs.org\n${job('${AUD}')}`,
    want: ['variableWrong@2:8-2:34'],
    data: [{ variable: 'AUD', value: 'https://registry.npmjs.org', problem: 'a URL instead of `npm:` and the host name' }],
    related: ['6:7 `NPM_ID_TOKEN` audience using `AUD`', '3:1 publishing job "publish"'],
  },
  {
    name: 'a variable through a variable: the final definition',
    ci: `variables:\n  AUD: $HOST\n  HOST: registry.npmjs.org\n${job('$AUD')}`,
    want: ['variableWrong@3:9-3:27'],
    data: [{ variable: 'HOST', problem: 'the host name without the `npm:` prefix' }],
  },
  {
    name: 'a job variable wins over the global one',
    ci: `variables:\n  AUD: npm:registry.npmjs.org\n${job('$AUD', '  variables:\n    AUD: npm:registry.npmjs.org/\n')}`,
    want: ['variableWrong@9:10-9:33'],
  },
  {
    name: 'mixed text with a variable: reported at the aud',
    ci: `variables:\n  HOST: registry.npmjs.com\n${job('npm:$HOST')}`,
    want: ['otherHost@6:12-6:21'],
    data: [{ value: 'npm:registry.npmjs.com' }],
  },
  {
    name: 'a wrong aud in the middle template of an extends chain: the template line, the jobs related',
    ci: `.base:
  image: node:24
.tokens:
  extends: .base
  id_tokens:
    NPM_ID_TOKEN:
      aud: https://registry.npmjs.org
.release:
  extends: .tokens
publish:
  extends: .release
  script: npm publish
publish-next:
  extends: .release
  script: npm publish --tag next
`,
    want: ['url@7:12-7:38'],
    data: [{ path: '.tokens.id_tokens.NPM_ID_TOKEN.aud' }],
    related: ['10:1 publishing job "publish"', '13:1 publishing job "publish-next"'],
  },
  {
    name: 'a !reference to a wrong token block: the block, the job related',
    ci: `.tokens:
  id_tokens:
    NPM_ID_TOKEN:
      aud: registry.npmjs.org
publish:
  id_tokens: !reference [.tokens, id_tokens]
  script: npm publish
`,
    want: ['noPrefix@4:12-4:30'],
    related: ['5:1 publishing job "publish"'],
  },
  {
    name: 'a token copied into NPM_ID_TOKEN is checked under its own name',
    ci: `publish:
  id_tokens:
    ID_TOKEN:
      aud: https://registry.npmjs.org
  script:
    - export NPM_ID_TOKEN=$ID_TOKEN
    - npm publish
`,
    want: ['url@4:12-4:38'],
    data: [{ name: 'ID_TOKEN' }],
    related: ['6:7 `NPM_ID_TOKEN` copied from `ID_TOKEN` here'],
  },
  { name: 'a job that does not publish', ci: 'build:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: https://registry.npmjs.org\n  script: npm pack\n', want: [] },
];

const filesOf = (ci: string): Record<string, string> => ({ 'package.json': PKG, 'tp-doctor.yml': GITLAB, '.gitlab-ci.yml': ci });

/** Each finding of a row with its data (by position) and severity (the row's, else error); the related locations of the first. */
const errorsOf = (c: Case): ExpectedFinding[] =>
  c.want.map((w, i) => {
    const [messageId = '', at = ''] = w.split('@');
    return { messageId, at, data: c.data?.[i], severity: c.severity ?? 'error', related: i === 0 ? c.related : undefined };
  });

/** A local include of `ci/publish.yml`, whose audience is the input `audience` (line 6 of that file holds the aud). */
const INPUTS_TEMPLATE = (spec: string): string => `spec:\n  inputs:\n    audience:${spec}\n---\npublish:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: $[[ inputs.audience ]]\n  script: npm publish\n`;
const withInputs = (given: string, spec: string): Record<string, string> => ({
  ...filesOf(`include:\n  - local: ci/publish.yml${given}\n`),
  'ci/publish.yml': INPUTS_TEMPLATE(spec),
});

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: [
      ...cases.filter((c) => c.want.length === 0).map((c) => ({ name: c.name, files: filesOf(c.ci) })),
      {
        name: 'an include input gives the audience: it wins over a wrong default',
        files: withInputs('\n    inputs:\n      audience: "npm:registry.npmjs.org"', '\n      default: sigstore'),
      },
      { name: "an included file's own default gives the audience", files: withInputs('', '\n      default: "npm:registry.npmjs.org"') },
    ],
    invalid: [
      ...cases.filter((c) => c.want.length > 0).map((c) => ({ name: c.name, files: filesOf(c.ci), errors: errorsOf(c) })),
      {
        name: 'a wrong audience given as an include input is as certain as a literal one',
        files: withInputs('\n    inputs:\n      audience: https://registry.npmjs.org', ''),
        errors: [{ messageId: 'url', file: 'ci/publish.yml', at: '8:12-8:34', data: { value: 'https://registry.npmjs.org' }, severity: 'error' }],
      },
      {
        name: "the top-level file's own input default, which a pipeline run may override, stays unresolved (info)",
        files: {
          ...filesOf(`spec:\n  inputs:\n    audience:\n      default: sigstore\n---\n${job('$[[ inputs.audience ]]')}`),
        },
        errors: [{ messageId: 'unresolved', at: '9:12-9:34', severity: 'info' }],
      },
      {
        name: 'renders the URL message',
        files: filesOf(job('https://registry.npmjs.org')),
        errors: [
          {
            messageId: 'url',
            at: '4:12-4:38',
            message: 'The `NPM_ID_TOKEN` audience "https://registry.npmjs.org" is a URL; expected "npm:registry.npmjs.org"',
            fix: 'Set `aud: "npm:registry.npmjs.org"` under `publish.id_tokens.NPM_ID_TOKEN.aud`',
            why: expect.stringContaining('ENEEDAUTH'),
          },
        ],
      },
    ],
  });
});

describe(`${RULE}: an audience from an include input`, () => {
  it('is not rewritten in the shared template by --fix: the change is a suggestion', async () => {
    const found = await lintFiles(withInputs('\n    inputs:\n      audience: https://registry.npmjs.org', ''), { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`)).toEqual(['url@error ci/publish.yml:8']);
    expect(found[0]?.autofix ?? undefined).toBeUndefined();
    expect(found[0]?.suggestions?.length).toBe(1);
  });
});

describe('classifyAudience', () => {
  const rows: [string, string | undefined][] = [
    ['npm:registry.npmjs.org', undefined],
    ['https://registry.npmjs.org', 'url'],
    ['http://registry.npmjs.org/', 'url'],
    ['https://npm.pkg.github.com', 'otherHost'],
    ['registry.npmjs.org', 'noPrefix'],
    ['registry.npmjs.org/', 'noPrefix'],
    ['npmjs.org', 'noPrefix'],
    ['npm:Registry.NPMJS.org', 'wrongCase'],
    [' npm:registry.npmjs.org', 'whitespace'],
    ['npm: registry.npmjs.org', 'whitespace'],
    [' NPM:registry.npmjs.org', 'wrongCase'],
    ['npm:registry.npmjs.org/', 'trailingSlash'],
    ['npm:registry.npmjs.com', 'otherHost'],
    ['sigstore', 'other'],
    ['', 'other'],
  ];
  it.each(rows)('%s → %s', (value, problem) => {
    expect(classifyAudience(value)).toBe(problem);
  });
});

/**
 * A job chosen by `rules: - if: $LEGACY == "true"` with a wrong audience, beside a job with the
 * right one (audit1208 gl02, docs/domain.md A.64): `LEGACY` is set, if at all, in the project's
 * settings, so the wrong audience is a warning naming the `rules: if:` and the other job.
 */
describe('a job chosen by rules: tp-doctor cannot evaluate (A.64)', () => {
  const right = (condition: string): string => `publish:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n  script: npm publish\n  rules:\n    - if: ${condition}\n`;
  const wrong = (rules: string, aud = 'https://registry.npmjs.org'): string => `publish-legacy:\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "${aud}"\n  script: npm publish\n${rules}`;
  async function found(ci: string): Promise<{ severity: string; messageId: string; related: string[] }[]> {
    const ds = await lintFiles({ 'package.json': PKG, 'tp-doctor.yml': GITLAB, '.gitlab-ci.yml': ci }, { rule: RULE });
    return ds.map((d) => ({ severity: d.severity, messageId: d.messageId ?? '', related: d.related.map((r) => `${r.start.line}:${r.start.column} ${r.label}`) }));
  }
  it('probe gl02: `$CI_COMMIT_TAG && $LEGACY == "true"` beside the job with the right audience: a warning naming the if: and that job', async () => {
    expect(await found(`${right('$CI_COMMIT_TAG && $LEGACY != "true"')}${wrong('  rules:\n    - if: $CI_COMMIT_TAG && $LEGACY == "true"\n')}`)).toEqual([
      {
        severity: 'warning',
        messageId: 'url',
        related: [
          "14:7 the job's `rules: if:`, which reads a variable no file sets (project settings are not in the repository), decides whether it runs",
          '1:1 job "publish" also publishes, with the `NPM_ID_TOKEN` audience "npm:registry.npmjs.org"',
        ],
      },
    ]);
  });
  it('control: a job without rules runs in every pipeline: the error', async () => {
    expect((await found(`${right('$LEGACY != "true"')}${wrong('')}`)).map((d) => d.severity)).toEqual(['error']);
  });
  it('control: `rules: - if: $CI_COMMIT_TAG` holds in every tag pipeline: the error', async () => {
    expect((await found(`${right('$CI_COMMIT_BRANCH')}${wrong('  rules:\n    - if: $CI_COMMIT_TAG\n')}`)).map((d) => d.severity)).toEqual(['error']);
  });
  it('control: both jobs have a wrong audience: whichever runs fails, two errors', async () => {
    const ci = `${right('$LEGACY != "true"').replace('"npm:registry.npmjs.org"', 'registry.npmjs.org')}${wrong('  rules:\n    - if: $LEGACY == "true"\n')}`;
    expect((await found(ci)).map((d) => `${d.messageId}@${d.severity}`)).toEqual(['noPrefix@error', 'url@error']);
  });
});
