import { describe, expect, it } from 'vitest';
import { publisherConfig, ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'gitlab-sigstore-token';
const PKG = { name: '@acme/widget', repository: { url: 'git+https://gitlab.com/acme/widget.git' } };
const GITLAB = 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
const PRIVATE = `${GITLAB}repository:\n  visibility: private\n`;
const NPM_TOKEN = '    NPM_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n';

/** A publishing job with NPM_ID_TOKEN and the given extra tokens (lines 2–4 hold id_tokens and NPM_ID_TOKEN). */
const job = (tokens: string, script = 'npm publish', extra = ''): string => `publish:
  id_tokens:
${NPM_TOKEN}${tokens}  script: ${script}
${extra}`;

interface Case {
  name: string;
  ci: string;
  config?: string;
  files?: Record<string, string>;
  pkg?: Record<string, unknown>;
  want: string[];
  severities?: ExpectedFinding['severity'][];
  data?: Record<string, string>[];
  related?: string[];
}

/** A package `lib` of a pnpm workspace, with a root `.npmrc` that switches provenance off. */
const LIB = { 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n', 'packages/lib/package.json': JSON.stringify({ name: '@acme/lib', version: '1.0.0' }), '.npmrc': 'provenance=false\n' };

const cases: Case[] = [
  { name: "npm's documented pattern", ci: job('    SIGSTORE_ID_TOKEN:\n      aud: sigstore\n'), want: [] },
  { name: 'sigstore in a list of audiences', ci: job('    SIGSTORE_ID_TOKEN:\n      aud: [sigstore]\n'), want: [] },
  {
    name: 'no SIGSTORE_ID_TOKEN: info at the id_tokens block',
    ci: job(''),
    want: ['missing@2:3-2:12'],
    severities: ['info'],
    data: [{ job: 'publish', publishes: 'publishes', path: 'publish' }],
  },
  {
    name: 'no id_tokens at all: info at the job',
    ci: 'publish:\n  script: npm publish\n',
    want: ['missing@1:1-1:8'],
    severities: ['info'],
  },
  {
    name: '--provenance forces it: error, the command related',
    ci: job('', 'npm publish --provenance --access public'),
    want: ['missingForced@2:3-2:12'],
    severities: ['error'],
    data: [{ how: '`--provenance`' }],
    related: ['5:11 provenance forced by `--provenance`'],
  },
  {
    name: 'NPM_CONFIG_PROVENANCE: "true" in the global variables forces it',
    ci: `variables:\n  NPM_CONFIG_PROVENANCE: "true"\n${job('')}`,
    want: ['missingForced@4:3-4:12'],
    severities: ['error'],
    data: [{ how: '`NPM_CONFIG_PROVENANCE: "true"`' }],
    related: ['2:3 provenance forced by `NPM_CONFIG_PROVENANCE: "true"`'],
  },
  {
    name: 'publishConfig.provenance: true forces it',
    ci: job(''),
    pkg: { ...PKG, publishConfig: { provenance: true } },
    want: ['missingForced@2:3-2:12'],
    severities: ['error'],
  },
  {
    name: 'provenance=true in .npmrc forces it',
    ci: job(''),
    files: { '.npmrc': 'provenance=true\n' },
    want: ['missingForced@2:3-2:12'],
  },
  {
    name: '`export NPM_CONFIG_PROVENANCE=true` before the publish in the job\'s shell forces it',
    ci: job('', '\n    - export NPM_CONFIG_PROVENANCE=true\n    - npm publish'),
    want: ['missingForced@2:3-2:12'],
    severities: ['error'],
    data: [{ how: '`NPM_CONFIG_PROVENANCE=true` earlier in its script' }],
  },
  {
    name: 'a package.json script\'s `NPM_CONFIG_PROVENANCE=true` forces it',
    ci: job('', 'npm run release'),
    pkg: { ...PKG, scripts: { release: 'NPM_CONFIG_PROVENANCE=true npm publish' } },
    want: ['missingForced@2:3-2:12'],
    data: [{ how: '`NPM_CONFIG_PROVENANCE=true` in the `release` script' }],
  },
  {
    name: '`NPM_CONFIG_PROVENANCE=false` on the command wins over the job\'s `variables:` "true": switched off, nothing to say',
    ci: job('', 'NPM_CONFIG_PROVENANCE=false npm publish', '  variables:\n    NPM_CONFIG_PROVENANCE: "true"\n'),
    want: [],
  },
  // npm's environment config counts only for a publish that runs the npm CLI (A.13): Yarn Berry reads its own `npmPublishProvenance`.
  {
    name: '`NPM_CONFIG_PROVENANCE=true yarn npm publish`: Yarn Berry does not read it, as plain `yarn npm publish`',
    ci: job('', 'NPM_CONFIG_PROVENANCE=true yarn npm publish'),
    pkg: { ...PKG, packageManager: 'yarn@4.12.0' },
    want: ['missing@2:3-2:12'],
    severities: ['info'],
  },
  {
    name: '`NPM_CONFIG_PROVENANCE: "true"` in `variables:` of `yarn npm publish`: Yarn Berry does not read it',
    ci: job('', 'yarn npm publish', '  variables:\n    NPM_CONFIG_PROVENANCE: "true"\n'),
    pkg: { ...PKG, packageManager: 'yarn@4.12.0' },
    want: ['missing@2:3-2:12'],
    severities: ['info'],
  },
  {
    name: '`NPM_CONFIG_PROVENANCE=true npm publish` (control): forced',
    ci: job('', 'NPM_CONFIG_PROVENANCE=true npm publish'),
    want: ['missingForced@2:3-2:12'],
    severities: ['error'],
  },
  { name: '`NPM_CONFIG_PROVENANCE=true npm publish --no-provenance`: the flag wins, nothing to say', ci: job('', 'NPM_CONFIG_PROVENANCE=true npm publish --no-provenance'), want: [] },
  { name: '--no-provenance: nothing to say', ci: job('', 'npm publish --no-provenance'), want: [] },
  { name: 'NPM_CONFIG_PROVENANCE: false in the job: nothing to say', ci: job('', 'npm publish', '  variables:\n    NPM_CONFIG_PROVENANCE: "false"\n'), want: [] },
  { name: 'provenance=false in .npmrc: nothing to say', ci: job(''), files: { '.npmrc': 'provenance=false\n' }, want: [] },
  // The `.npmrc` files the publish reads, as for its registry: `npm publish` its local prefix's only.
  {
    name: 'root provenance=false is not read by npm publish in a package of a pnpm workspace',
    ci: job('', 'cd packages/lib && npm publish'),
    files: LIB,
    want: ['missing@2:3-2:12'],
  },
  { name: 'the package\'s own provenance=false, npm publish in it', ci: job('', 'cd packages/lib && npm publish'), files: { ...LIB, '.npmrc': '', 'packages/lib/.npmrc': 'provenance=false\n' }, want: [] },
  {
    name: 'the package\'s provenance=true, npm publish in it: forced',
    ci: job('', 'cd packages/lib && npm publish'),
    files: { ...LIB, '.npmrc': '', 'packages/lib/.npmrc': 'provenance=true\n' },
    want: ['missingForced@2:3-2:12'],
    data: [{ how: '`provenance=true` in packages/lib/.npmrc' }],
  },
  { name: 'root provenance=false, pnpm publish in the package reads it', ci: job('', 'cd packages/lib && pnpm publish'), files: LIB, want: [] },
  { name: 'a private repository gets no automatic provenance anyway', ci: job(''), config: PRIVATE, want: [] },
  {
    name: 'a private repository that forces provenance is still reported',
    ci: job('', 'npm publish --provenance'),
    config: PRIVATE,
    want: ['missingForced@2:3-2:12'],
  },
  {
    name: 'a wrong audience: warning',
    ci: job('    SIGSTORE_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n'),
    want: ['wrongAud@6:12-6:36'],
    severities: ['warning'],
    data: [{ value: 'npm:registry.npmjs.org', path: 'publish' }],
  },
  {
    name: 'a wrong audience with forced provenance: error',
    ci: job('    SIGSTORE_ID_TOKEN:\n      aud: https://sigstore.dev\n', 'npm publish --provenance'),
    want: ['wrongAudForced@6:12-6:32'],
    severities: ['error'],
  },
  { name: 'an audience from an unknown variable', ci: job('    SIGSTORE_ID_TOKEN:\n      aud: $SIGSTORE_AUD\n'), want: [] },
  {
    name: 'a template shared by two jobs: reported once at the template, the jobs related',
    ci: `.release:
  id_tokens:
${NPM_TOKEN}a:
  extends: .release
  script: npm publish
b:
  extends: .release
  script: npm publish --tag next
`,
    want: ['missing@2:3-2:12'],
    data: [{ path: '.release' }],
    related: ['5:1 publishing job "a"', '8:1 publishing job "b"'],
  },
  { name: 'a GitHub publisher only', ci: job(''), config: publisherConfig({}), want: [] },
];

const filesOf = (c: Case): Record<string, string> => ({ 'package.json': JSON.stringify(c.pkg ?? PKG), 'tp-doctor.yml': c.config ?? GITLAB, '.gitlab-ci.yml': c.ci, ...c.files });

/** Each finding of a row: its brief, and its severity and data when the row gives them; the related locations of the first. */
const errorsOf = (c: Case): ExpectedFinding[] =>
  c.want.map((w, i) => {
    const [messageId = '', at = ''] = w.split('@');
    return { messageId, at, severity: c.severities?.[i], data: c.data?.[i], related: i === 0 ? c.related : undefined };
  });

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: cases.filter((c) => c.want.length === 0).map((c) => ({ name: c.name, files: filesOf(c) })),
    invalid: [
      ...cases.filter((c) => c.want.length > 0).map((c) => ({ name: c.name, files: filesOf(c), errors: errorsOf(c) })),
      {
        name: 'renders the forced message',
        files: filesOf({ name: '', ci: job('', 'npm publish --provenance'), want: [] }),
        errors: [
          {
            messageId: 'missingForced',
            at: '2:3-2:12',
            message: 'Job "publish" forces provenance with `--provenance` but has no `SIGSTORE_ID_TOKEN` ID token',
            fix: 'Add `SIGSTORE_ID_TOKEN: { aud: sigstore }` under `publish.id_tokens`, or drop `--provenance`',
            why: expect.stringContaining('EUSAGE'),
          },
        ],
      },
    ],
  });
});

/**
 * A job chosen by `rules: - if: $FAST == "true"` that forces provenance without `SIGSTORE_ID_TOKEN`,
 * beside a job with the token (audit1208 gs01, docs/domain.md A.64): `FAST` is set, if at all, in
 * the project's settings, so the forced case is a warning naming the `rules: if:` and the other job.
 */
describe('a job chosen by rules: tp-doctor cannot evaluate (A.64)', () => {
  const SIG = '    SIGSTORE_ID_TOKEN:\n      aud: sigstore\n';
  const signed = (condition: string, sig = SIG): string => `publish:\n  id_tokens:\n${NPM_TOKEN}${sig}  script: npm publish --provenance\n  rules:\n    - if: ${condition}\n`;
  const fast = (rules: string, sig = ''): string => `publish-fast:\n  id_tokens:\n${NPM_TOKEN}${sig}  script: npm publish --provenance\n${rules}`;
  async function found(ci: string): Promise<{ severity: string; messageId: string; related: string[] }[]> {
    const ds = await lintFiles({ 'package.json': JSON.stringify(PKG), 'tp-doctor.yml': GITLAB, '.gitlab-ci.yml': ci }, { rule: RULE });
    return ds.map((d) => ({ severity: d.severity, messageId: d.messageId ?? '', related: d.related.map((r) => `${r.start.line}:${r.start.column} ${r.label}`) }));
  }
  it('probe gs01: `$CI_COMMIT_TAG && $FAST == "true"` beside the job with the token: a warning naming the if: and that job', async () => {
    expect(await found(`${signed('$CI_COMMIT_TAG && $FAST != "true"')}${fast('  rules:\n    - if: $CI_COMMIT_TAG && $FAST == "true"\n')}`)).toEqual([
      {
        severity: 'warning',
        messageId: 'missingForced',
        related: [
          '14:11 provenance forced by `--provenance`',
          "16:7 the job's `rules: if:`, which reads a variable no file sets (project settings are not in the repository), decides whether it runs",
          '1:1 job "publish" also publishes, with `SIGSTORE_ID_TOKEN` (aud `sigstore`)',
        ],
      },
    ]);
  });
  it('a wrong audience under such a rule beside the job with the token: a warning too', async () => {
    const ci = `${signed('$FAST != "true"')}${fast('  rules:\n    - if: $FAST == "true"\n', '    SIGSTORE_ID_TOKEN:\n      aud: npm\n')}`;
    expect((await found(ci)).map((d) => `${d.messageId}@${d.severity}`)).toEqual(['wrongAudForced@warning']);
  });
  it('control: a job without rules runs in every pipeline: the error', async () => {
    expect((await found(`${signed('$FAST != "true"')}${fast('')}`)).map((d) => d.severity)).toEqual(['error']);
  });
  it('control: `rules: - if: $CI_COMMIT_TAG` holds in every tag pipeline: the error', async () => {
    expect((await found(`${signed('$CI_COMMIT_BRANCH')}${fast('  rules:\n    - if: $CI_COMMIT_TAG\n')}`)).map((d) => d.severity)).toEqual(['error']);
  });
  it('control: neither job has the token: whichever runs fails, two errors', async () => {
    expect((await found(`${signed('$FAST != "true"', '')}${fast('  rules:\n    - if: $FAST == "true"\n')}`)).map((d) => `${d.messageId}@${d.severity}`)).toEqual(['missingForced@error', 'missingForced@error']);
  });
});
