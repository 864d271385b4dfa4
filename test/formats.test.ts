/**
 * The CI-facing formats: SARIF (GitHub code scanning), GitHub workflow-command annotations and
 * GitLab Code Quality. Goldens for a fixed multi-finding input (rewritten only with
 * UPDATE_GOLDEN=1), SARIF validated against the official SARIF 2.1.0 schema plus the code-scanning
 * requirements the schema does not cover, fingerprints stable across line shifts, the CLI's exit
 * codes and step summary.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { rules as registry } from '../rules/index.js';
import { run } from '../src/cli/main.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { fingerprints } from '../src/formatters/fingerprint.js';
import { escapeData, escapeProperty, github, stepSummary } from '../src/formatters/github.js';
import { GITLAB_SEVERITY, gitlab, toCodeQuality } from '../src/formatters/gitlab.js';
import { formatNames, loadFormatter } from '../src/formatters/index.js';
import type { FormatInput, FormatOptions, RuleMetaSummary } from '../src/formatters/index.js';
import { FINGERPRINT_KEY, pageLead, sarif, toRelativeUri, toSarifLog } from '../src/formatters/sarif.js';
import { expectGolden, readGolden } from './golden.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

// --- SARIF schema (draft 2020-12) ---------------------------------------------------------------

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function compileSarifSchema() {
  const schema = JSON.parse(readFileSync(path.join(HERE, 'sarif-schema/sarif-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // The formats the schema uses (ajv-formats is not a dependency; these are strict enough here).
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s) && URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s) && URL.canParse(s, 'https://base.invalid/dir/'));
  ajv.addFormat('date-time', (s: string) => RFC3339.test(s) && !Number.isNaN(Date.parse(s)));
  ajv.addFormat('uuid', (s: string) => UUID.test(s));
  return ajv.compile(schema);
}

const validateSarif = compileSarifSchema();

function schemaErrors(log: unknown): string[] {
  if (validateSarif(log)) return [];
  return (validateSarif.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- walking untyped SARIF JSON */
/**
 * What GitHub code scanning needs beyond the schema (docs: "SARIF support for code scanning"):
 * relative URIs with a base id, every rule described (short, full, help text and Markdown, help
 * URI), `security-severity` as a numeric string on security rules, results tied to their rule by
 * index, full regions, numbered related locations with a message, a partial fingerprint.
 */
function codeScanningProblems(log: any): string[] {
  const problems: string[] = [];
  const runs: any[] = log?.runs ?? [];
  if (runs.length !== 1) problems.push(`expected one run, got ${runs.length}`);
  for (const run of runs) {
    const driver = run?.tool?.driver ?? {};
    if (driver.name !== 'tp-doctor') problems.push('driver.name');
    if (!/^\d+\.\d+\.\d+/.test(driver.semanticVersion ?? '')) problems.push('driver.semanticVersion');
    if (!/^https:\/\//.test(driver.informationUri ?? '')) problems.push('driver.informationUri');
    const rules: any[] = driver.rules ?? [];
    const ids = new Set<string>();
    rules.forEach((r, i) => {
      const at = `rules[${i}] ${r?.id}`;
      if (ids.has(r.id)) problems.push(`${at}: duplicate id`);
      ids.add(r.id);
      for (const key of ['shortDescription', 'fullDescription'] as const) {
        if (!r[key]?.text?.trim()) problems.push(`${at}: ${key}.text missing`);
      }
      if (!r.help?.text?.trim()) problems.push(`${at}: help.text missing`);
      if (!r.help?.markdown?.trim()) problems.push(`${at}: help.markdown missing`);
      if (!/^https:\/\//.test(r.helpUri ?? '')) problems.push(`${at}: helpUri missing or not absolute`);
      if (!['error', 'warning', 'note'].includes(r.defaultConfiguration?.level)) problems.push(`${at}: default level`);
      const props = r.properties ?? {};
      if (!Array.isArray(props.tags)) problems.push(`${at}: tags missing`);
      if ('security-severity' in props) {
        const s = props['security-severity'];
        if (typeof s !== 'string' || !/^\d+(\.\d+)?$/.test(s) || Number(s) > 10) problems.push(`${at}: security-severity "${s}"`);
        if (!props.tags?.includes('security')) problems.push(`${at}: security-severity without the security tag`);
      }
    });
    const checkLocation = (loc: any, at: string): void => {
      const a = loc?.physicalLocation?.artifactLocation;
      if (typeof a?.uri !== 'string' || a.uri === '') problems.push(`${at}: uri missing`);
      else if (/^[a-z][a-z0-9+.-]*:/i.test(a.uri) || a.uri.startsWith('/') || a.uri.startsWith('./')) {
        problems.push(`${at}: uri "${a.uri}" is not repository-relative`);
      }
      if (a?.uriBaseId !== '%SRCROOT%') problems.push(`${at}: uriBaseId`);
      const r = loc?.physicalLocation?.region;
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
        if (!Number.isInteger(r?.[key]) || r[key] < 1) problems.push(`${at}: region.${key}`);
      }
      if (r && (r.endLine < r.startLine || (r.endLine === r.startLine && r.endColumn < r.startColumn))) {
        problems.push(`${at}: region ends before it starts`);
      }
    };
    (run.results ?? []).forEach((res: any, i: number) => {
      const at = `results[${i}]`;
      if (!Number.isInteger(res.ruleIndex) || rules[res.ruleIndex]?.id !== res.ruleId) problems.push(`${at}: ruleIndex does not name ruleId`);
      if (!['error', 'warning', 'note'].includes(res.level)) problems.push(`${at}: level`);
      if (!res.message?.text?.trim()) problems.push(`${at}: message.text`);
      if (res.locations?.length !== 1) problems.push(`${at}: expected one location`);
      for (const loc of res.locations ?? []) checkLocation(loc, `${at}.locations`);
      (res.relatedLocations ?? []).forEach((loc: any, k: number) => {
        checkLocation(loc, `${at}.relatedLocations[${k}]`);
        if (!Number.isInteger(loc.id)) problems.push(`${at}.relatedLocations[${k}]: id`);
        if (!loc.message?.text) problems.push(`${at}.relatedLocations[${k}]: message`);
      });
      const fp = res.partialFingerprints?.[FINGERPRINT_KEY];
      if (typeof fp !== 'string' || !/^[0-9a-f]{64}$/.test(fp)) problems.push(`${at}: partialFingerprints`);
    });
  }
  return problems;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

// --- a fixed multi-finding input ------------------------------------------------------------------

const DOCS = 'https://github.com/tp-doctor/tp-doctor/blob/main/rules';

const FILES: Record<string, string> = {
  '.github/workflows/release.yml': [
    'name: release',
    'on:',
    '  push:',
    "    tags: ['v*']",
    'jobs:',
    '  publish:',
    '    runs-on: self-hosted',
    '    permissions:',
    '      id-token: read',
    '    steps:',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 24',
    '      - run: npm publish',
    '        env:',
    '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
    '',
  ].join('\n'),
  'package.json': '{\n  "name": "widget",\n  "version": "1.0.0",\n  "engines": { "npm": "^9.0.0" }\n}\n',
  'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: publish.yml\n',
};

function sourceLinesOf(files: Record<string, string>): NonNullable<FormatInput['sourceLines']> {
  return (file, line) => files[file]?.split('\n')[line - 1];
}

function diag(d: Partial<Diagnostic> & Pick<Diagnostic, 'ruleId' | 'file' | 'line' | 'column'>): Diagnostic {
  return {
    messageId: 'default',
    severity: 'error',
    message: 'message',
    why: 'why',
    fix: 'fix',
    endLine: d.line,
    endColumn: d.column + 1,
    related: [],
    docsUrl: `${DOCS}/${d.ruleId}/${d.ruleId}.md`,
    data: {},
    ...d,
  };
}

const PAGE = `# require-hosted-runner

Publishing jobs run on GitHub-hosted runners.

Default severity: \`error\`. Providers: GitHub Actions.

## What it checks

The \`runs-on\` of every publishing job.
`;

const RULES: RuleMetaSummary[] = [
  {
    id: 'require-hosted-runner',
    severity: 'error',
    summary: 'Publishing jobs run on GitHub-hosted runners',
    docsUrl: `${DOCS}/require-hosted-runner/require-hosted-runner.md`,
    providers: ['github'],
    securitySeverity: 4,
    tags: ['runner'],
    helpMarkdown: PAGE,
  },
  {
    id: 'require-id-token-write',
    severity: 'error',
    summary: 'Publishing jobs grant `id-token: write`',
    docsUrl: `${DOCS}/require-id-token-write/require-id-token-write.md`,
    providers: ['github'],
    securitySeverity: 3,
    helpMarkdown: '# require-id-token-write\n\nA publishing job must grant `id-token: write`.\n',
  },
  {
    id: 'no-long-lived-token',
    severity: 'warning',
    summary: 'No long-lived npm token next to trusted publishing',
    docsUrl: `${DOCS}/no-long-lived-token/no-long-lived-token.md`,
    providers: ['github', 'gitlab'],
    securitySeverity: 5.5,
  },
  {
    // No page and no security severity: the SARIF rule still gets descriptions and help.
    id: 'engines-npm-version',
    severity: 'info',
    summary: '`engines.npm` allows an npm that supports trusted publishing',
    docsUrl: `${DOCS}/engines-npm-version/engines-npm-version.md`,
    providers: ['package'],
  },
];

const SAMPLE: FormatInput = {
  toolVersion: '0.1.0',
  rules: RULES,
  notes: ['no trusted publisher declared; inferred one from the package.json `repository`'],
  sourceLines: sourceLinesOf(FILES),
  // Deliberately out of order: every format sorts.
  diagnostics: [
    diag({
      ruleId: 'engines-npm-version',
      messageId: 'tooOld',
      severity: 'info',
      message: '`engines.npm` allows "^9.0.0" but trusted publishing needs npm >= 11.5.1',
      why: 'Consumers are not affected; this only documents which npm the release job must run.',
      fix: 'Raise `engines.npm` to ">=11.5.1"',
      file: 'package.json',
      line: 4,
      column: 25,
      endLine: 4,
      endColumn: 33,
      data: { actual: '^9.0.0', expected: '>=11.5.1' },
    }),
    diag({
      ruleId: 'no-long-lived-token',
      messageId: 'tokenInEnv',
      severity: 'warning',
      message: 'Long-lived npm token secrets.NPM_TOKEN in `NODE_AUTH_TOKEN` reaches job "publish", 100% avoidable: remove it',
      why: 'Whenever the OIDC exchange fails, npm silently falls back to the token,\nand the real cause turns into E404.',
      fix: 'Remove `jobs.publish.steps[1].env.NODE_AUTH_TOKEN`',
      file: '.github/workflows/release.yml',
      line: 16,
      column: 11,
      endLine: 16,
      endColumn: 26,
      related: [
        { file: '.github/workflows/release.yml', start: { line: 14, column: 14 }, end: { line: 14, column: 25 }, label: 'the publish command' },
      ],
      data: { source: 'secrets.NPM_TOKEN', name: 'NODE_AUTH_TOKEN', job: 'publish' },
    }),
    diag({
      ruleId: 'require-id-token-write',
      messageId: 'invalidIdToken',
      message: '`id-token: read` is not a valid access level; expected `write` or `none`',
      why: 'GitHub rejects the whole workflow file as invalid and runs none of its jobs',
      fix: 'Use `id-token: write` for a job that publishes to npm',
      file: '.github/workflows/release.yml',
      line: 9,
      column: 17,
      endLine: 9,
      endColumn: 21,
      data: { value: 'read' },
    }),
    diag({
      ruleId: 'require-hosted-runner',
      messageId: 'selfHosted',
      message: 'Job "publish" publishes on a self-hosted runner ("self-hosted"); npm trusted publishing needs a GitHub-hosted runner',
      why: 'npm accepts ID tokens only from GitHub-hosted runners',
      fix: 'Set `jobs.publish.runs-on` to a GitHub-hosted label such as `ubuntu-latest`',
      file: '.github/workflows/release.yml',
      line: 6,
      column: 3,
      endLine: 7,
      endColumn: 25,
      related: [{ file: 'tp-doctor.yml', start: { line: 2, column: 5 }, end: { line: 4, column: 26 }, label: 'trusted publisher declared here' }],
      data: { job: 'publish', label: 'self-hosted' },
    }),
  ],
};

const EMPTY: FormatInput = { toolVersion: '0.1.0', rules: RULES, diagnostics: [] };
const PLAIN: FormatOptions = { color: false };

// --- CLI harness ---------------------------------------------------------------------------------

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function writeRepo(files: Record<string, string>, dir?: string): string {
  const root = dir ?? mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-formats-'));
  if (!dir) temps.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

async function cli(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run([...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    isTTY: false,
    cwd: dir,
  });
  return { code, stdout, stderr };
}

/** A repository with errors and a warning from real rules (hosted runner, id-token, token). */
const BROKEN_RELEASE = `name: release
on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  publish:
    runs-on: self-hosted
    permissions:
      contents: read
      id-token: read
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const BROKEN_REPO: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget' }, null, 2)}\n`,
  '.github/workflows/release.yml': BROKEN_RELEASE,
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    runs-on: ubuntu-24.04\n    steps:\n      - run: npm test\n',
};

/** Every rule lowered to warning: a run with findings but no errors, whatever the rules find. */
const ALL_WARNINGS = registry.flatMap((r) => ['--rule', `${r.id}:warning`]);

/* eslint-disable @typescript-eslint/no-explicit-any -- parsed report JSON */
type AnyJson = any;

// --- tests ---------------------------------------------------------------------------------------

describe('format registry', () => {
  it('registers sarif, github and gitlab', async () => {
    expect(formatNames).toEqual(expect.arrayContaining(['stylish', 'json', 'sarif', 'github', 'gitlab']));
    expect(await loadFormatter('sarif')).toBe(sarif);
    expect(await loadFormatter('github')).toBe(github);
    expect(await loadFormatter('gitlab')).toBe(gitlab);
  });

  it('formatters are pure: same input, same output, whatever the options say about colour', () => {
    for (const f of [sarif, github, gitlab]) {
      expect(f(SAMPLE, PLAIN)).toBe(f(SAMPLE, { color: true }));
      expect(f(SAMPLE, PLAIN)).not.toMatch(/\u001b\[/); // eslint-disable-line no-control-regex
    }
  });
});

describe('goldens', () => {
  it('sarif', () => expectGolden('sarif.json', sarif(SAMPLE, PLAIN)));
  it('github', () => expectGolden('github.txt', github(SAMPLE, PLAIN)));
  it('gitlab', () => expectGolden('gitlab.json', gitlab(SAMPLE, PLAIN)));

  it('the SARIF golden passes the official schema and the code-scanning checks', () => {
    const log = JSON.parse(readGolden('sarif.json')) as unknown;
    expect(schemaErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
  });

  it('the GitLab golden is a Code Quality array without BOM', () => {
    const text = readGolden('gitlab.json');
    expect(text.charCodeAt(0)).toBe('['.charCodeAt(0));
    const issues = JSON.parse(text) as AnyJson[];
    expect(issues).toHaveLength(4);
  });
});

describe('SARIF schema and code-scanning checks can fail', () => {
  it('the schema copy is the unmodified file its README names', () => {
    const hash = createHash('sha256').update(readFileSync(path.join(HERE, 'sarif-schema/sarif-2.1.0.json'))).digest('hex');
    expect(readFileSync(path.join(HERE, 'sarif-schema/README.md'), 'utf8')).toContain(hash);
  });

  it('the schema rejects a log without version and with a bad level', () => {
    const log = toSarifLog(SAMPLE) as AnyJson;
    expect(schemaErrors(log)).toEqual([]);
    delete log.version;
    log.runs[0].results[0].level = 'fatal';
    const errors = schemaErrors(log);
    expect(errors.some((e) => e.includes("must have required property 'version'"))).toBe(true);
    expect(errors.some((e) => e.startsWith('/runs/0/results/0/level'))).toBe(true);
  });

  it('the code-scanning checks catch what the schema allows', () => {
    const log = toSarifLog(SAMPLE) as AnyJson;
    log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'file:///home/me/repo/release.yml';
    log.runs[0].results[1].ruleIndex = 0;
    delete log.runs[0].tool.driver.rules[3].fullDescription;
    log.runs[0].tool.driver.rules[0].properties['security-severity'] = 4;
    delete log.runs[0].results[2].partialFingerprints;
    expect(schemaErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([
      'rules[0] require-hosted-runner: security-severity "4"',
      'rules[3] engines-npm-version: fullDescription.text missing',
      'results[0].locations: uri "file:///home/me/repo/release.yml" is not repository-relative',
      'results[1]: ruleIndex does not name ruleId',
      'results[2]: partialFingerprints',
    ]);
  });
});

describe('sarif', () => {
  const log = toSarifLog(SAMPLE) as AnyJson;
  const run0 = log.runs[0];

  it('describes the tool and every rule a result names, including rules without a page', () => {
    expect(run0.tool.driver).toMatchObject({ name: 'tp-doctor', version: '0.1.0', semanticVersion: '0.1.0' });
    expect(run0.tool.driver.rules.map((r: AnyJson) => r.id)).toEqual(RULES.map((r) => r.id));
    const hosted = run0.tool.driver.rules[0];
    expect(hosted).toMatchObject({
      name: 'RequireHostedRunner',
      shortDescription: { text: 'Publishing jobs run on GitHub-hosted runners' },
      fullDescription: { text: 'Publishing jobs run on GitHub-hosted runners.' },
      help: {
        markdown: `# require-hosted-runner\n\nPublishing jobs run on GitHub-hosted runners.\n\n## What it checks\n\nThe \`runs-on\` of every publishing job.\n\nThe [rule page](${DOCS}/require-hosted-runner/require-hosted-runner.md) has examples and configuration.`,
        text: `Publishing jobs run on GitHub-hosted runners.\n\nWhat it checks:\n\nThe \`runs-on\` of every publishing job.\n\nDocumentation (examples and configuration): ${DOCS}/require-hosted-runner/require-hosted-runner.md`,
      },
      helpUri: `${DOCS}/require-hosted-runner/require-hosted-runner.md`,
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'github', 'runner'], 'security-severity': '4.0' },
    });
    const noPage = run0.tool.driver.rules[3];
    expect(noPage.fullDescription.text).toBe(RULES[3]!.summary);
    expect(noPage.help.markdown).toContain(`[rule documentation](${RULES[3]!.docsUrl})`);
    expect(noPage.defaultConfiguration.level).toBe('note');
    expect(noPage.properties).toEqual({ tags: ['package'] });
    expect(run0.tool.driver.rules[2].properties['security-severity']).toBe('5.5');
  });

  it('maps severities to levels and keeps file order', () => {
    expect(run0.results.map((r: AnyJson) => `${r.ruleId}:${r.level}`)).toEqual([
      'require-hosted-runner:error',
      'require-id-token-write:error',
      'no-long-lived-token:warning',
      'engines-npm-version:note',
    ]);
  });

  it('gives full regions, relative URIs with %SRCROOT% and numbered related locations', () => {
    const first = run0.results[0];
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: '.github/workflows/release.yml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 6, startColumn: 3, endLine: 7, endColumn: 25 },
    });
    expect(first.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'tp-doctor.yml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 5, endLine: 4, endColumn: 26 },
        },
        message: { text: 'trusted publisher declared here' },
      },
    ]);
    expect(run0.results[1].relatedLocations).toBeUndefined();
    expect(first.message.text).toBe(
      `${SAMPLE.diagnostics[3]!.message}\n\nWhy: npm accepts ID tokens only from GitHub-hosted runners\n\nFix: Set \`jobs.publish.runs-on\` to a GitHub-hosted label such as \`ubuntu-latest\``,
    );
    expect(first.properties).toEqual({ messageId: 'selfHosted', why: expect.any(String), fix: expect.any(String), data: { job: 'publish', label: 'self-hosted' } });
  });

  it('prefixes URIs with the linted directory and percent-encodes odd characters', () => {
    const prefixed = toSarifLog(SAMPLE, 'packages/web/') as AnyJson;
    expect(prefixed.runs[0].results[3].locations[0].physicalLocation.artifactLocation.uri).toBe('packages/web/package.json');
    expect(toRelativeUri('dir with space/ワ#1.yml')).toBe('dir%20with%20space/%E3%83%AF%231.yml');
    const odd: FormatInput = { ...EMPTY, diagnostics: [diag({ ruleId: 'require-id-token-write', file: 'a b/#x?.yml', line: 1, column: 1 })] };
    const oddLog = toSarifLog(odd);
    expect(schemaErrors(oddLog)).toEqual([]);
    expect(codeScanningProblems(oddLog)).toEqual([]);
  });

  it('describes no rule that no result names: only those a result or a rule failure names, in the rule list order', () => {
    const two = toSarifLog({ ...SAMPLE, diagnostics: SAMPLE.diagnostics.filter((d) => d.ruleId === 'engines-npm-version' || d.ruleId === 'require-hosted-runner') }) as AnyJson;
    expect(two.runs[0].tool.driver.rules.map((r: AnyJson) => r.id)).toEqual(['require-hosted-runner', 'engines-npm-version']);
    expect(two.runs[0].results.map((r: AnyJson) => r.ruleIndex)).toEqual([0, 1]);
    expect(codeScanningProblems(two)).toEqual([]);
    const failed = toSarifLog({ ...EMPTY, errors: [{ kind: 'internal', ruleId: 'no-long-lived-token', message: 'boom' }] }) as AnyJson;
    expect(failed.runs[0].tool.driver.rules.map((r: AnyJson) => r.id)).toEqual(['no-long-lived-token']);
    expect(failed.runs[0].invocations[0].toolExecutionNotifications[0].associatedRule).toEqual({ id: 'no-long-lived-token', index: 0 });
    expect(schemaErrors(failed)).toEqual([]);
  });

  it('keeps rule descriptions within the 1,024 characters GitHub shows', () => {
    const long = 'word '.repeat(400).trim();
    const log = toSarifLog({ ...SAMPLE, rules: [{ ...RULES[0]!, summary: long, helpMarkdown: `# require-hosted-runner\n\n${long}\n` }] }) as AnyJson;
    const rule = log.runs[0].tool.driver.rules[0];
    expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.fullDescription.text.endsWith('…')).toBe(true);
  });

  it('is valid SARIF for an empty run, with notes, and for a rule the list does not know', () => {
    const empty = toSarifLog(EMPTY) as AnyJson;
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].tool.driver.rules).toEqual([]);
    expect(schemaErrors(empty)).toEqual([]);
    expect(empty.runs[0].properties).toBeUndefined();
    expect(run0.properties).toEqual({ notes: SAMPLE.notes });
    const unknown = toSarifLog({ ...EMPTY, diagnostics: [diag({ ruleId: 'not-registered', file: 'x.yml', line: 2, column: 1 })] }) as AnyJson;
    expect(unknown.runs[0].results[0].ruleIndex).toBe(0);
    expect(schemaErrors(unknown)).toEqual([]);
    expect(codeScanningProblems(unknown)).toEqual([]);
  });

  it('clamps degenerate positions into a valid region', () => {
    const bad = toSarifLog({
      ...EMPTY,
      diagnostics: [diag({ ruleId: 'require-id-token-write', file: 'x.yml', line: 0, column: 0, endLine: 0, endColumn: 0 })],
    });
    expect(schemaErrors(bad)).toEqual([]);
    expect(codeScanningProblems(bad)).toEqual([]);
  });

  it('takes the full description from the first paragraph of the rule page', () => {
    expect(pageLead('# x\n\nFirst line\nsecond line.\n\nMore.')).toBe('First line second line.');
    expect(pageLead('# x\n\n## What it checks\n')).toBeUndefined();
    expect(pageLead('no heading')).toBeUndefined();
    expect(pageLead(undefined)).toBeUndefined();
  });
});

describe('fingerprints', () => {
  it('do not depend on line numbers, only on the offending text', () => {
    const a = diag({ ruleId: 'r', file: 'f.yml', line: 2, column: 3, data: { job: 'x' } });
    const shifted = { ...a, line: 12, endLine: 12 };
    const lines = (offset: number) => (file: string, line: number) => (line === 2 + offset ? '  runs-on: self-hosted' : 'other');
    expect(fingerprints([a], lines(0)).get(a)).toBe(fingerprints([shifted], lines(10)).get(shifted));
    expect(fingerprints([a], () => '    runs-on: self-hosted   ').get(a)).toBe(fingerprints([a], lines(0)).get(a)); // re-indented
    expect(fingerprints([a], () => 'runs-on: [self-hosted]').get(a)).not.toBe(fingerprints([a], lines(0)).get(a));
    expect(fingerprints([{ ...a, data: { job: 'y' } }], lines(0)).values().next().value).not.toBe(fingerprints([a], lines(0)).get(a));
    expect(fingerprints([{ ...a, messageId: 'other' }], lines(0)).values().next().value).not.toBe(fingerprints([a], lines(0)).get(a));
  });

  it('tell apart identical findings with an occurrence counter', () => {
    const one = diag({ ruleId: 'r', file: 'f.yml', line: 3, column: 1 });
    const two = diag({ ruleId: 'r', file: 'f.yml', line: 9, column: 1 });
    const prints = fingerprints([two, one], () => '- uses: actions/checkout@v5');
    expect(new Set(prints.values()).size).toBe(2);
    // Position order decides the counter, not input order.
    expect(fingerprints([one, two], () => '- uses: actions/checkout@v5').get(one)).toBe(prints.get(one));
  });

  it('hash every line of a multi-line region, not the line after an exclusive end', () => {
    const d = diag({ ruleId: 'r', file: 'f.yml', line: 1, column: 1, endLine: 3, endColumn: 1 });
    const base = fingerprints([d], (_f, l) => `line ${l}`).get(d);
    expect(fingerprints([d], (_f, l) => (l === 3 ? 'changed' : `line ${l}`)).get(d)).toBe(base);
    expect(fingerprints([d], (_f, l) => (l === 2 ? 'changed' : `line ${l}`)).get(d)).not.toBe(base);
  });

  it('survive blank lines inserted above the findings in a real run (SARIF and GitLab)', async () => {
    const before = writeRepo(BROKEN_REPO);
    const after = writeRepo({
      ...BROKEN_REPO,
      '.github/workflows/release.yml': `# Release workflow\n\n\n${BROKEN_RELEASE}`,
      'package.json': `\n\n${BROKEN_REPO['package.json']}`,
    });
    const sarifOf = async (dir: string) => JSON.parse((await cli(dir, ['--format', 'sarif'])).stdout).runs[0].results as AnyJson[];
    const a = await sarifOf(before);
    const b = await sarifOf(after);
    const release = (results: AnyJson[]) => results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri.endsWith('release.yml'));
    expect(release(a).length).toBeGreaterThanOrEqual(2);
    expect(release(b).map((r) => r.locations[0].physicalLocation.region.startLine)).toEqual(
      release(a).map((r) => r.locations[0].physicalLocation.region.startLine + 3),
    );
    expect(b.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).toEqual(a.map((r) => r.partialFingerprints[FINGERPRINT_KEY]));
    expect(new Set(a.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).size).toBe(a.length);

    const gitlabOf = async (dir: string) => JSON.parse((await cli(dir, ['--format', 'gitlab'])).stdout) as AnyJson[];
    const ga = await gitlabOf(before);
    const gb = await gitlabOf(after);
    expect(gb.map((i) => i.fingerprint)).toEqual(ga.map((i) => i.fingerprint));
    expect(gb.map((i) => i.fingerprint)).toEqual(a.map((r) => r.partialFingerprints[FINGERPRINT_KEY]));

    // Changing the offending line changes that finding's fingerprint, and only that one.
    const edited = writeRepo({ ...BROKEN_REPO, '.github/workflows/release.yml': BROKEN_RELEASE.replace('runs-on: self-hosted', 'runs-on: [self-hosted, linux]') });
    const c = await sarifOf(edited);
    const byRule = (results: AnyJson[]) => new Map(results.map((r) => [`${r.ruleId}/${r.properties.messageId}`, r.partialFingerprints[FINGERPRINT_KEY]]));
    const changed = [...byRule(a)].filter(([k, v]) => byRule(c).get(k) !== v).map(([k]) => k);
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.every((k) => k.startsWith('require-hosted-runner/'))).toBe(true);
  });
});

describe('github annotations', () => {
  const out = github(SAMPLE, PLAIN);
  const lines = out.trimEnd().split('\n');

  it('escapes data and properties like @actions/core', () => {
    expect(escapeData('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab: c, d');
    expect(escapeProperty('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab%3A c%2C d');
    expect(escapeProperty('%3A')).toBe('%253A');
  });

  it('puts errors first, then warnings, then notices, one command per line', () => {
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::error', '::error', '::warning', '::notice', 'tp-doctor:']);
    expect(lines[4]).toBe('tp-doctor: 2 errors, 1 warning, 1 info');
  });

  it('sends col/endColumn only for single-line regions', () => {
    expect(lines[0]).toMatch(/^::error file=\.github\/workflows\/release\.yml,line=6,endLine=7,title=tp-doctor\/require-hosted-runner::/);
    expect(lines[1]).toMatch(/^::error file=\.github\/workflows\/release\.yml,line=9,endLine=9,col=17,endColumn=21,title=tp-doctor\/require-id-token-write::/);
  });

  it('keeps repository text from breaking out of the command', () => {
    const evil: FormatInput = {
      ...EMPTY,
      diagnostics: [
        diag({
          ruleId: 'r',
          file: 'odd, name: x%.yml',
          line: 1,
          column: 1,
          message: 'job "a\n::error file=x::fake" 100%',
          why: 'w\r\nx',
          fix: 'f',
        }),
      ],
    };
    const text = github(evil, PLAIN);
    const [first, summary, ...rest] = text.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(summary).toBe('tp-doctor: 1 error, 0 warnings, 0 infos');
    expect(first).toBe(
      '::error file=odd%2C name%3A x%25.yml,line=1,endLine=1,col=1,endColumn=2,title=tp-doctor/r::' +
        'job "a%0A::error file=x::fake" 100%25%0A%0AWhy: w%0D%0Ax%0AFix: f%0ADocs: https://github.com/tp-doctor/tp-doctor/blob/main/rules/r/r.md',
    );
  });

  it('prints nothing without findings', () => {
    expect(github(EMPTY, PLAIN)).toBe('');
  });

  it('writes a step summary table with every finding, escaped', () => {
    const md = stepSummary(SAMPLE);
    expect(md.startsWith('## tp-doctor\n\n4 problems (2 errors, 1 warning, 1 info)\n\n| Severity | Location | Problem | Rule |\n|---|---|---|---|\n')).toBe(true);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Severity'));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('`.github/workflows/release.yml:6:3`');
    expect(rows[3]).toContain('ℹ️ info');
    expect(stepSummary({ ...EMPTY, diagnostics: [diag({ ruleId: 'r', file: 'a|b.yml', line: 1, column: 1, message: '<b>x</b> | y\nz' })] })).toContain(
      '| ❌ error | `a\\|b.yml:1:1` | &lt;b&gt;x&lt;/b&gt; \\| y<br>z<br>**Fix:** fix |',
    );
    expect(stepSummary(EMPTY)).toBe('## tp-doctor\n\nNo problems found.\n');
  });
});

describe('gitlab code quality', () => {
  const issues = toCodeQuality(SAMPLE) as AnyJson[];

  it('has the fields GitLab reads, with the documented severity mapping', () => {
    expect(GITLAB_SEVERITY).toEqual({ error: 'critical', warning: 'major', info: 'info' });
    expect(issues.map((i) => `${i.check_name}:${i.severity}:${i.location.path}:${i.location.lines.begin}`)).toEqual([
      'require-hosted-runner:critical:.github/workflows/release.yml:6',
      'require-id-token-write:critical:.github/workflows/release.yml:9',
      'no-long-lived-token:major:.github/workflows/release.yml:16',
      'engines-npm-version:info:package.json:4',
    ]);
    for (const i of issues) {
      expect(Object.keys(i)).toEqual(['description', 'check_name', 'fingerprint', 'severity', 'location', 'categories', 'type', 'content']);
      expect(i.description).not.toBe('');
      expect(i.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues[0].location.lines).toEqual({ begin: 6, end: 7 });
    expect(issues[3].categories).toEqual(['Bug Risk']);
    expect(issues[0].categories).toEqual(['Security']);
  });

  it('uses the same fingerprints as SARIF', () => {
    const log = toSarifLog(SAMPLE) as AnyJson;
    expect(issues.map((i) => i.fingerprint)).toEqual(log.runs[0].results.map((r: AnyJson) => r.partialFingerprints[FINGERPRINT_KEY]));
  });

  it('is an empty array when clean, without BOM', () => {
    expect(gitlab(EMPTY, PLAIN)).toBe('[]\n');
    expect(gitlab(SAMPLE, PLAIN).charCodeAt(0)).not.toBe(0xfeff);
  });
});

describe('CLI', () => {
  it('--format sarif with errors exits 1, and the output passes the schema and code-scanning checks', async () => {
    const dir = writeRepo(BROKEN_REPO);
    const { code, stdout } = await cli(dir, ['--format', 'sarif']);
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as AnyJson;
    expect(schemaErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
    expect(log.runs[0].results.some((r: AnyJson) => r.level === 'error')).toBe(true);
    // The rules the results name are described (in the registry's order), each with its page's essentials as help (every rule has one: test/meta.test.ts).
    const named = new Set((log.runs[0].results as AnyJson[]).map((r) => r.ruleId as string));
    expect(log.runs[0].tool.driver.rules.map((r: AnyJson) => r.id)).toEqual(registry.map((r) => r.id).filter((id) => named.has(id)));
    for (const rule of log.runs[0].tool.driver.rules as AnyJson[]) {
      const page = path.join(ROOT, 'rules', rule.id, `${rule.id}.md`);
      expect(existsSync(page), page).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(rule.help.markdown).toMatch(new RegExp(`^# ${rule.id}\n\n${pageLead(text)!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n\n## What it checks\n`));
      expect(rule.help.markdown).toContain(`\n## Why it matters\n`);
      expect(rule.help.markdown).toContain(`\n## How to fix\n`);
      expect(rule.help.markdown).not.toContain('\n## Examples\n');
      expect(rule.help.markdown.endsWith(`(${rule.helpUri}) has every case it reads, examples and configuration.`) || rule.help.markdown.endsWith(`(${rule.helpUri}) has examples and configuration.`)).toBe(true);
      const meta = registry.find((r) => r.id === rule.id)!.meta;
      expect(rule.properties?.['security-severity']).toBe(meta.securitySeverity === undefined ? undefined : meta.securitySeverity.toFixed(1));
    }
  });

  it('--output writes the SARIF file and still exits 1', async () => {
    const dir = writeRepo(BROKEN_REPO);
    const { code, stdout } = await cli(dir, ['--format', 'sarif', '--output', 'tp-doctor.sarif']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const log = JSON.parse(readFileSync(path.join(dir, 'tp-doctor.sarif'), 'utf8')) as unknown;
    expect(schemaErrors(log)).toEqual([]);
  });

  it('github and gitlab formats exit 1 on errors too', async () => {
    const dir = writeRepo(BROKEN_REPO);
    const gh = await cli(dir, ['--format', 'github']);
    expect(gh.code).toBe(1);
    expect(gh.stdout.split('\n')[0]).toMatch(/^::error file=\.github\/workflows\//);
    const gl = await cli(dir, ['--format', 'gitlab']);
    expect(gl.code).toBe(1);
    expect((JSON.parse(gl.stdout) as AnyJson[]).some((i) => i.severity === 'critical')).toBe(true);
  });

  it('warnings alone exit 0 in SARIF, and 1 with --max-warnings 0', async () => {
    const dir = writeRepo(BROKEN_REPO);
    const lenient = await cli(dir, ['--format', 'sarif', ...ALL_WARNINGS]);
    expect(lenient.code).toBe(0);
    const results = (JSON.parse(lenient.stdout) as AnyJson).runs[0].results as AnyJson[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.level === 'warning')).toBe(true);
    expect((await cli(dir, ['--format', 'sarif', '--max-warnings', '0', ...ALL_WARNINGS])).code).toBe(1);
    expect((await cli(dir, ['--format', 'gitlab', '--max-warnings', '0', ...ALL_WARNINGS])).code).toBe(1);
  });

  it('--quiet keeps only errors in SARIF and still exits 1', async () => {
    const dir = writeRepo(BROKEN_REPO);
    const { code, stdout } = await cli(dir, ['--format', 'sarif', '--quiet']);
    expect(code).toBe(1);
    const results = (JSON.parse(stdout) as AnyJson).runs[0].results as AnyJson[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.level === 'error')).toBe(true);
  });

  it('a clean repository gives valid empty reports and exit 0', async () => {
    const dir = writeRepo({
      'package.json': '{ "name": "widget", "version": "1.0.0" }\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
    });
    const s = await cli(dir, ['--format', 'sarif']);
    expect(s.code).toBe(0);
    expect(schemaErrors(JSON.parse(s.stdout))).toEqual([]);
    expect((await cli(dir, ['--format', 'gitlab'])).stdout).toBe('[]\n');
    expect((await cli(dir, ['--format', 'github'])).stdout).toBe('');
  });

  it('--format github appends a table of all findings to GITHUB_STEP_SUMMARY', async () => {
    const dir = writeRepo(BROKEN_REPO);
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, 'previous step\n');
    const { code, stdout } = await cli(dir, ['--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
    expect(code).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('previous step\n## tp-doctor\n')).toBe(true);
    const annotations = stdout.split('\n').filter((l) => l.startsWith('::'));
    const rows = text.split('\n').filter((l) => /^\| (❌|⚠️|ℹ️)/.test(l));
    expect(rows).toHaveLength(annotations.length);
    // Other formats leave it alone; an unwritable summary is reported but does not change the exit code.
    await cli(dir, ['--format', 'sarif'], { GITHUB_STEP_SUMMARY: summary });
    expect(readFileSync(summary, 'utf8')).toBe(text);
    const broken = await cli(dir, ['--format', 'github'], { GITHUB_STEP_SUMMARY: path.join(dir, 'missing-dir', 'x.md') });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('cannot write the step summary');
  });

  it('paths are relative to the working directory when linting a sub-directory', async () => {
    const parent = writeRepo({});
    writeRepo(BROKEN_REPO, path.join(parent, 'packages', 'web'));
    const { stdout } = await cli(parent, ['packages/web', '--format', 'sarif']);
    const uris = (JSON.parse(stdout) as AnyJson).runs[0].results.map((r: AnyJson) => r.locations[0].physicalLocation.artifactLocation.uri) as string[];
    expect(uris.length).toBeGreaterThan(0);
    expect(uris.every((u) => u.startsWith('packages/web/'))).toBe(true);
  });
});

describe('run errors in machine formats', () => {
  // A config with a schema error at tp-doctor.yml:2:17, next to a broken workflow: nothing is linted.
  const CONFIG_ERROR: Record<string, string> = {
    '.github/workflows/ci.yml': 'on: [push\n',
    'tp-doctor.yml': 'rules:\n  invalid-yaml: loud\n',
  };
  const MESSAGE = '`rules.invalid-yaml` must be one of "error", "warning", "info", "off" (got "loud")';
  const STDERR = `tp-doctor: config error: tp-doctor.yml:2:17: ${MESSAGE}\n`;

  it('json: an errors array with the location; exit 2', async () => {
    const r = await cli(writeRepo(CONFIG_ERROR), ['--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(STDERR);
    const report = JSON.parse(r.stdout) as AnyJson;
    expect(report.diagnostics).toEqual([]);
    expect(report.errors).toEqual([
      { kind: 'config', message: MESSAGE, ruleId: null, file: 'tp-doctor.yml', line: 2, column: 17, endLine: 2, endColumn: 21 },
    ]);
  });

  it('sarif: executionSuccessful false and an error notification with its location, still valid SARIF', async () => {
    const r = await cli(writeRepo(CONFIG_ERROR), ['--format', 'sarif']);
    expect(r.code).toBe(2);
    const log = JSON.parse(r.stdout) as AnyJson;
    expect(schemaErrors(log)).toEqual([]);
    expect(codeScanningProblems(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: `Config error: ${MESSAGE}` },
            descriptor: { id: 'config-error' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'tp-doctor.yml', uriBaseId: '%SRCROOT%' },
                  region: { startLine: 2, startColumn: 17, endLine: 2, endColumn: 21 },
                },
              },
            ],
          },
        ],
      },
    ]);
  });

  it('sarif: a config error without a location is still valid', async () => {
    const r = await cli(writeRepo({ '.github/workflows/ci.yml': 'on: push\n' }), ['--format', 'sarif', '--config', 'missing.yml']);
    expect(r.code).toBe(2);
    const log = JSON.parse(r.stdout) as AnyJson;
    expect(schemaErrors(log)).toEqual([]);
    const [n] = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(n.message.text).toMatch(/^Config error: cannot read the config file `missing\.yml`/);
  });

  it('gitlab: a blocker issue on the config line', async () => {
    const r = await cli(writeRepo(CONFIG_ERROR), ['--format', 'gitlab']);
    expect(r.code).toBe(2);
    const issues = JSON.parse(r.stdout) as AnyJson[];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      description: `tp-doctor config error: ${MESSAGE}`,
      check_name: 'tp-doctor/config-error',
      severity: 'blocker',
      location: { path: 'tp-doctor.yml', lines: { begin: 2, end: 2 } },
      type: 'issue',
    });
    expect(issues[0].fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('github: an ::error annotation on the config line, and the step summary says nothing was checked', async () => {
    const dir = writeRepo(CONFIG_ERROR);
    const summary = path.join(dir, 'summary.md');
    const r = await cli(dir, ['--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      `::error file=tp-doctor.yml,line=2,endLine=2,col=17,endColumn=21,title=tp-doctor config error::${escapeData(`config error: tp-doctor.yml:2:17: ${MESSAGE}`)}\n`,
    );
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('config error: tp-doctor.yml:2:17');
    expect(md).toContain('Nothing was checked.');
  });

  it('--output writes the machine report; stylish keeps the error on stderr only', async () => {
    const dir = writeRepo(CONFIG_ERROR);
    const r = await cli(dir, ['--format', 'sarif', '--output', 'tp-doctor.sarif']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: STDERR });
    const log = JSON.parse(readFileSync(path.join(dir, 'tp-doctor.sarif'), 'utf8')) as AnyJson;
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(await cli(dir, [])).toEqual({ code: 2, stdout: '', stderr: STDERR });
  });

  it('an internal error (a rule that throws) is carried too, and exits 2', () => {
    const input: FormatInput = {
      ...SAMPLE,
      errors: [{ kind: 'internal', ruleId: 'require-hosted-runner', file: '.github/workflows/release.yml', message: 'boom' }],
    };
    const log = toSarifLog(input);
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0].invocations[0]).toMatchObject({
      executionSuccessful: false,
      toolExecutionNotifications: [
        {
          level: 'error',
          descriptor: { id: 'internal-error' },
          associatedRule: { id: 'require-hosted-runner', index: 0 },
          locations: [{ physicalLocation: { artifactLocation: { uri: '.github/workflows/release.yml' } } }],
        },
      ],
    });
    expect(toCodeQuality(input)[0]).toMatchObject({ check_name: 'tp-doctor/internal-error', severity: 'blocker' });
    expect(github(input, PLAIN).split('\n')[0]).toMatch(/^::error file=\.github\/workflows\/release\.yml,title=tp-doctor internal error::/);
  });
});

describe('many findings', () => {
  // 100,000 findings in one file: no formatter may overflow the stack (a spread of an unbounded
  // array did in stylish) or take forever. The timeout only catches a hang.
  const many: Diagnostic[] = [];
  for (let i = 0; i < 100_000; i++) {
    many.push(
      diag({
        ruleId: i % 2 === 0 ? 'require-hosted-runner' : 'require-id-token-write',
        severity: i % 3 === 0 ? 'error' : i % 3 === 1 ? 'warning' : 'info',
        file: '.github/workflows/release.yml',
        line: i + 1,
        column: 1 + (i % 7),
        message: `finding ${i}`,
        related: i % 10 === 0 ? [{ file: 'package.json', start: { line: 1, column: 1 }, end: { line: 1, column: 2 }, label: 'x' }] : [],
      }),
    );
  }
  const input: FormatInput = {
    ...SAMPLE,
    diagnostics: many,
    warningLimit: { maxWarnings: 0, warnings: 33_333, quiet: false },
  };
  for (const name of ['stylish', 'json', 'sarif', 'github', 'gitlab'] as const) {
    it(`${name} formats 100,000 findings in one file`, { timeout: 120_000 }, async () => {
      const out = (await loadFormatter(name))(input, { color: false });
      // Booleans, not toContain: a failure must not print a 50 MB diff.
      expect(out.includes('finding 99999')).toBe(true);
      // GitLab Code Quality has no place for a run-level remark; every other format says it.
      expect(out.includes('33333 warnings exceed --max-warnings 0')).toBe(name !== 'gitlab');
    });
  }
  it('the step summary too', { timeout: 120_000 }, () => {
    expect(stepSummary(input).includes('finding 99999')).toBe(true);
  });
});

/* eslint-enable @typescript-eslint/no-explicit-any */

describe('documentation', () => {
  const START = '<!-- security-severity:start -->';
  const END = '<!-- security-severity:end -->';

  function severityTable(): string {
    const rows = [...registry]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((r) => {
        const s = r.meta.securitySeverity;
        const band = s === undefined ? '—' : s >= 9 ? 'critical' : s >= 7 ? 'high' : s >= 4 ? 'medium' : s > 0 ? 'low' : 'none';
        return `| \`${r.id}\` | \`${r.meta.severity}\` | ${s === undefined ? '—' : s.toFixed(1)} | ${band} |`;
      });
    return ['| rule | level | security-severity | GitHub shows |', '|---|---|---|---|', ...rows].join('\n');
  }

  it('the security-severity table lists every rule (UPDATE_DOCS=1 rewrites it)', () => {
    const files = ['README.md'].map((f) => path.join(ROOT, f)).filter((f) => existsSync(f) && readFileSync(f, 'utf8').includes(START));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const start = text.indexOf(START);
      const end = text.indexOf(END);
      expect(end).toBeGreaterThan(start);
      const current = text.slice(start + START.length, end).trim();
      const wanted = severityTable();
      if (current !== wanted && process.env.UPDATE_DOCS === '1') {
        writeFileSync(file, `${text.slice(0, start + START.length)}\n${wanted}\n${text.slice(end)}`);
        continue;
      }
      expect(current, `${path.relative(ROOT, file)}: security-severity table is stale; run UPDATE_DOCS=1 npx vitest run test/formats.test.ts`).toBe(wanted);
    }
  });
});
