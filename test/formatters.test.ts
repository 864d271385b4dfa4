import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { formatNames, isFormatName, loadFormatter } from '../src/formatters/index.js';
import type { FormatInput, FormatOptions, RuleMetaSummary } from '../src/formatters/index.js';
import { json, toJsonReport } from '../src/formatters/json.js';
import { displayWidth, stylish, wrap } from '../src/formatters/stylish.js';
import { expectGolden } from './golden.js';
import type { PublishSummary } from '../src/model/sites.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

const DOCS = 'https://github.com/tp-doctor/tp-doctor/blob/main/rules';

function diag(overrides: Partial<Diagnostic> & Pick<Diagnostic, 'ruleId' | 'file' | 'line' | 'column'>): Diagnostic {
  return {
    messageId: 'default',
    severity: 'error',
    message: 'message',
    why: 'why',
    fix: 'fix',
    endLine: overrides.line,
    endColumn: overrides.column + 1,
    related: [],
    docsUrl: `${DOCS}/${overrides.ruleId}/${overrides.ruleId}.md`,
    data: {},
    ...overrides,
  };
}

const RULES: RuleMetaSummary[] = [
  {
    id: 'require-id-token-write',
    severity: 'error',
    summary: 'Publishing jobs can request an OIDC token',
    docsUrl: `${DOCS}/require-id-token-write/require-id-token-write.md`,
    providers: ['github'],
  },
];

/** Fixed multi-finding input, deliberately out of order: formatters must sort. */
const SAMPLE: FormatInput = {
  toolVersion: '0.1.0',
  rules: RULES,
  notes: ['publisher inferred from git remote'],
  diagnostics: [
    diag({
      ruleId: 'engines-npm-version',
      messageId: 'tooOld',
      severity: 'info',
      message: '`engines.npm` allows "^9.0.0" but trusted publishing needs npm >= 11.5.1',
      why: 'Consumers are not affected; this only documents which npm the release job must run.',
      fix: 'Raise `engines.npm` to ">=11.5.1"',
      file: 'package.json',
      line: 14,
      column: 12,
      endLine: 14,
      endColumn: 20,
      data: { actual: '^9.0.0', expected: '>=11.5.1' },
    }),
    diag({
      ruleId: 'setup-node-registry-url',
      messageId: 'missing',
      severity: 'warning',
      message: 'Step "actions/setup-node" does not set `registry-url`',
      why: 'Without a registry URL setup-node writes no .npmrc, and npm publishes to whatever registry the runner defaults to.',
      fix: 'Add `registry-url: "https://registry.npmjs.org"` under `jobs.publish.steps[1].with`',
      file: '.github/workflows/release.yml',
      line: 21,
      column: 9,
      endLine: 21,
      endColumn: 31,
      data: { step: 'actions/setup-node' },
    }),
    diag({
      ruleId: 'require-id-token-write',
      messageId: 'missing',
      severity: 'error',
      message: 'Job "publish" publishes to npm but its permissions do not grant `id-token: write`',
      why: 'npm trades the job OIDC token for a publish token; without the permission there is no token and npm falls back to stored credentials, which fails when none are configured.',
      fix: 'Add `id-token: write` under `jobs.publish.permissions`',
      file: '.github/workflows/release.yml',
      line: 9,
      column: 5,
      endLine: 9,
      endColumn: 16,
      data: { job: 'publish', path: 'jobs.publish.permissions' },
    }),
    diag({
      ruleId: 'publisher-mismatch',
      messageId: 'workflowName',
      severity: 'error',
      message: 'Workflow file is "release.yml" but the trusted publisher expects "publish.yml"',
      why: 'npm compares the workflow file name in the OIDC token with the trusted publisher and rejects the publish with a 404.',
      fix: 'Rename the workflow to `.github/workflows/publish.yml` or update the trusted publisher on npmjs.com',
      file: '.github/workflows/release.yml',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 14,
      related: [
        {
          file: 'tp-doctor.config.json',
          start: { line: 3, column: 17 },
          end: { line: 3, column: 30 },
          label: 'trusted publisher declared here',
        },
        {
          file: 'package.json',
          start: { line: 2, column: 11 },
          end: { line: 2, column: 22 },
          label: 'package name',
        },
      ],
      data: { actual: 'release.yml', expected: 'publish.yml' },
    }),
  ],
};

const EMPTY: FormatInput = { toolVersion: '0.1.0', rules: RULES, diagnostics: [] };
const PLAIN: FormatOptions = { color: false };
const COLOR: FormatOptions = { color: true, paint: new Chalk({ level: 1 }) };

describe('formatter registry', () => {
  it('lists and loads every format', async () => {
    expect(formatNames).toEqual(['stylish', 'json', 'sarif', 'github', 'gitlab']);
    expect(await loadFormatter('stylish')).toBe(stylish);
    expect(await loadFormatter('json')).toBe(json);
  });

  it('isFormatName accepts only registered names', () => {
    expect(isFormatName('stylish')).toBe(true);
    expect(isFormatName('json')).toBe(true);
    expect(isFormatName('xml')).toBe(false);
    expect(isFormatName('toString')).toBe(false);
    expect(isFormatName('__proto__')).toBe(false);
  });
});

describe('goldens', () => {
  it('stylish (no colour)', () => {
    expectGolden('stylish.txt', stylish(SAMPLE, { color: false, cwdPrefix: 'fixtures/repos/x/' }));
  });

  it('stylish (colour)', () => {
    expectGolden('stylish-color.txt', stylish(SAMPLE, { ...COLOR, cwdPrefix: 'fixtures/repos/x/' }));
  });

  it('json', () => {
    expectGolden('json.json', json(SAMPLE, PLAIN));
  });
});

describe('stylish', () => {
  it('prints nothing at all without diagnostics, even with notes', () => {
    expect(stylish(EMPTY, PLAIN)).toBe('');
    expect(stylish(EMPTY, COLOR)).toBe('');
    expect(stylish({ ...EMPTY, notes: ['publisher inferred from git remote'] }, COLOR)).toBe('');
  });

  it('contains no ANSI codes without colour, and some with colour', () => {
    expect(stylish(SAMPLE, PLAIN)).not.toMatch(ANSI);
    expect(stylish(SAMPLE, COLOR)).toMatch(ANSI);
  });

  it('colour does not change the text, only decorates it', () => {
    // eslint-disable-next-line no-control-regex
    const stripped = stylish(SAMPLE, COLOR).replace(/\u001b\[[0-9;]*m/g, '');
    expect(stripped).toBe(stylish(SAMPLE, PLAIN));
  });

  it('groups by file, sorted, and summarises with correct plurals', () => {
    const out = stylish(SAMPLE, PLAIN);
    const lines = out.split('\n');
    expect(lines[0]).toBe('.github/workflows/release.yml');
    expect(out.indexOf('package.json\n')).toBeGreaterThan(out.indexOf('release.yml\n'));
    expect(out).toContain('✖ 4 problems (2 errors, 1 warning, 1 info)\n');
    expect(out.endsWith('note: publisher inferred from git remote\n')).toBe(true);
    // Within the file: line 1 before line 9 before line 21.
    expect(out.indexOf('publisher-mismatch')).toBeLessThan(out.indexOf('require-id-token-write'));
    expect(out.indexOf('require-id-token-write')).toBeLessThan(out.indexOf('setup-node-registry-url'));
  });

  it('uses a distinct symbol per severity and for the summary', () => {
    const only = (severity: Diagnostic['severity']): string =>
      stylish({ ...EMPTY, diagnostics: [diag({ ruleId: 'r', file: 'a.yml', line: 1, column: 1, severity })] }, PLAIN);
    expect(only('error')).toContain('✖ error');
    expect(only('warning')).toContain('⚠ warning');
    expect(only('info')).toContain('ℹ info');
    expect(only('info')).toContain('ℹ 1 problem (0 errors, 0 warnings, 1 info)');
    expect(only('warning')).toContain('⚠ 1 problem (0 errors, 1 warning, 0 infos)');
  });

  it('aligns rule ids in one column within a file group', () => {
    const out = stylish(SAMPLE, PLAIN);
    const rows = out.split('\n').filter((l) => /^ {2}\s*\d+:\d+/.test(l));
    const releaseRows = rows.slice(0, 3);
    const ends = releaseRows.map((l) => l.length - (l.split(' ').pop() ?? '').length);
    expect(new Set(ends).size).toBe(1);
  });

  it('never leaves trailing whitespace and keeps wrapped lines within the fixed width', () => {
    let wrapped = 0;
    for (const line of stylish(SAMPLE, PLAIN).split('\n')) {
      expect(line).not.toMatch(/\s$/);
      if (!/^\s+(why|fix): |^\s{10,}\S/.test(line)) continue;
      wrapped++;
      expect(displayWidth(line)).toBeLessThanOrEqual(100);
    }
    // The sample has why/fix texts long enough to wrap: the width check above ran on them.
    expect(wrapped).toBeGreaterThan(3);
  });

  it('keeps %, newlines and unicode intact', () => {
    const input: FormatInput = {
      ...EMPTY,
      diagnostics: [
        diag({
          ruleId: 'odd-text',
          file: 'dossier/çà/ワークフロー.yml',
          line: 3,
          column: 2,
          message: 'Value "100%s %d %%" is not "✓ 名前 👍🏽"\nsecond line',
          why: 'Line one\nline two with 😀',
          fix: 'Use `%{job}` — not "$%"',
        }),
      ],
    };
    const out = stylish(input, PLAIN);
    expect(out).toContain('Value "100%s %d %%" is not "✓ 名前 👍🏽"');
    expect(out).toContain('dossier/çà/ワークフロー.yml');
    expect(out).toMatch(/\n {10,}second line\n/);
    expect(out).toContain('why: Line one\n');
    expect(out).toMatch(/\n {10,}line two with 😀\n/);
    expect(out).toContain('fix: Use `%{job}` — not "$%"');
  });

  it('neutralises escape sequences and bidi overrides coming from repository text', () => {
    const input: FormatInput = {
      ...EMPTY,
      diagnostics: [
        diag({
          ruleId: 'r',
          file: 'a\u001b[2J.yml',
          line: 1,
          column: 1,
          message: 'job "\u001b[31mred\u001b[0m" \u202Eevil',
          why: 'tab\there',
          related: [{ file: 'b.yml', start: { line: 1, column: 1 }, end: { line: 1, column: 2 }, label: 'x\ny' }],
        }),
      ],
    };
    for (const options of [PLAIN, COLOR]) {
      const out = stylish(input, options);
      // eslint-disable-next-line no-control-regex
      expect(out.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u001b\u202e\t]/);
    }
    const out = stylish(input, PLAIN);
    expect(out).toContain('job "\\x1b[31mred\\x1b[0m" \\u202eevil');
    expect(out).toContain('b.yml:1:1 x\\ny');
    expect(out).toContain('why: tab here');
  });

  it('prefixes file and related paths with cwdPrefix', () => {
    const out = stylish(SAMPLE, { color: false, cwdPrefix: 'fixtures/repos/x/' });
    expect(out.split('\n')[0]).toBe('fixtures/repos/x/.github/workflows/release.yml');
    expect(out).toContain('↳ fixtures/repos/x/tp-doctor.config.json:3:17 trusted publisher declared here');
  });

  it('shows a file outside the repository (an absolute --config) as it is, in every format', async () => {
    const outside = '/etc/tp-doctor/shared.yml';
    const input: FormatInput = {
      ...SAMPLE,
      diagnostics: SAMPLE.diagnostics.map((d) => ({ ...d, related: d.related.map((r) => ({ ...r, file: outside })) })),
    };
    const prefix = 'fixtures/repos/x/';
    const out = stylish(input, { color: false, cwdPrefix: prefix });
    expect(out).toContain(`↳ ${outside}:3:17`);
    expect(out).not.toContain(`${prefix}${outside}`);
    for (const name of ['github', 'gitlab'] as const) {
      const text = (await loadFormatter(name))(input, { color: false, cwdPrefix: prefix });
      expect(text, name).toContain(`See ${outside}:3:17`);
      expect(text, name).not.toContain(`${prefix}${outside}`);
    }
    const sarif = JSON.parse((await loadFormatter('sarif'))(input, { color: false, cwdPrefix: prefix })) as { runs: { results: { relatedLocations?: { physicalLocation: { artifactLocation: unknown } }[] }[] }[] };
    const related = sarif.runs[0]!.results.flatMap((r) => r.relatedLocations ?? []).map((r) => r.physicalLocation.artifactLocation);
    expect(related).toContainEqual({ uri: `file://${outside}` });
  });

  it('shows a primary location outside the repository as it is, too (a finding on an absolute --config)', async () => {
    const outside = '/etc/tp-doctor/a #1.yml';
    const input: FormatInput = { ...SAMPLE, diagnostics: [{ ...SAMPLE.diagnostics[0]!, file: outside }] };
    const prefix = 'fixtures/repos/x/';
    expect(stylish(input, { color: false, cwdPrefix: prefix }).split('\n')[0]).toBe(outside);
    const github = (await loadFormatter('github'))(input, { color: false, cwdPrefix: prefix });
    expect(github).toContain(`file=${outside}`);
    const gitlab = JSON.parse((await loadFormatter('gitlab'))(input, { color: false, cwdPrefix: prefix })) as { location: { path: string } }[];
    expect(gitlab[0]!.location.path).toBe(outside);
    const sarif = JSON.parse((await loadFormatter('sarif'))(input, { color: false, cwdPrefix: prefix })) as { runs: { results: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[] }[] };
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'file:///etc/tp-doctor/a%20%231.yml' });
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(SAMPLE);
    stylish(SAMPLE, COLOR);
    json(SAMPLE, PLAIN);
    expect(JSON.stringify(SAMPLE)).toBe(before);
  });
});

describe('wrap', () => {
  it('wraps greedily, keeps paragraphs and long words whole', () => {
    expect(wrap('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrap('x https://example.com/very/long/url y', 10)).toEqual(['x', 'https://example.com/very/long/url', 'y']);
    expect(wrap('one\ntwo', 80)).toEqual(['one', 'two']);
  });

  it('measures wide characters as two columns', () => {
    expect(displayWidth('名前')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('😀')).toBe(2);
  });
});

const PUBLISH: PublishSummary = {
  provider: 'github',
  ciFile: '.github/workflows/release.yml',
  job: 'publish',
  command: '"./scripts/release.sh"',
  tool: 'other',
  file: '.github/workflows/release.yml',
  line: 30,
  column: 14,
  endLine: 30,
  endColumn: 35,
  certainty: 'possible',
  because: 'the job gets `NPM_TOKEN`',
  registry: 'npmjs',
  registrySource: null,
  directory: '',
  targets: 'unknown',
  packages: ['@acme/widget'],
};

describe('json', () => {
  it('lists every publish in `publishes`, in the contract key order, and [] without any', () => {
    const report = toJsonReport({ ...SAMPLE, publishes: [PUBLISH] });
    expect(report.publishes).toEqual([PUBLISH]);
    expect(Object.keys(report.publishes[0]!)).toEqual(Object.keys(PUBLISH));
    expect(toJsonReport(SAMPLE).publishes).toEqual([]);
  });

  it('is pretty-printed with 2 spaces and a trailing newline', () => {
    const out = json(SAMPLE, PLAIN);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out).toBe(`${JSON.stringify(JSON.parse(out), null, 2)}\n`);
    expect(out.split('\n')[1]).toBe('  "version": 1,');
  });

  it('parses and round-trips', () => {
    const out = json(SAMPLE, PLAIN);
    const parsed: unknown = JSON.parse(out);
    expect(parsed).toEqual(toJsonReport(SAMPLE));
    expect(json(SAMPLE, COLOR)).toBe(out);
  });

  it('uses the contract key order', () => {
    const report = JSON.parse(json(SAMPLE, PLAIN)) as Record<string, unknown> & {
      diagnostics: Record<string, unknown>[];
    };
    expect(Object.keys(report)).toEqual(['version', 'tool', 'diagnostics', 'summary', 'notes', 'publishes', 'errors', 'maxWarnings']);
    expect(Object.keys(report.tool as object)).toEqual(['name', 'version']);
    expect(Object.keys(report.summary as object)).toEqual(['errors', 'warnings', 'infos']);
    for (const d of report.diagnostics) {
      expect(Object.keys(d)).toEqual([
        'ruleId',
        'messageId',
        'severity',
        'message',
        'why',
        'fix',
        'file',
        'line',
        'column',
        'endLine',
        'endColumn',
        'related',
        'docsUrl',
        'data',
        'autofix',
        'suggestions',
      ]);
      for (const r of d.related as Record<string, unknown>[]) {
        expect(Object.keys(r)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'label']);
      }
    }
  });

  it('sorts diagnostics and counts the summary', () => {
    const report = toJsonReport(SAMPLE);
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual([
      '.github/workflows/release.yml:1',
      '.github/workflows/release.yml:9',
      '.github/workflows/release.yml:21',
      'package.json:14',
    ]);
    expect(report.summary).toEqual({ errors: 2, warnings: 1, infos: 1 });
    expect(report.tool).toEqual({ name: 'tp-doctor', version: '0.1.0' });
  });

  it('is valid with a zero summary when there is nothing to report', () => {
    const parsed = JSON.parse(json(EMPTY, PLAIN)) as unknown;
    expect(parsed).toEqual({
      version: 1,
      tool: { name: 'tp-doctor', version: '0.1.0' },
      diagnostics: [],
      summary: { errors: 0, warnings: 0, infos: 0 },
      notes: [],
      publishes: [],
      errors: [],
      maxWarnings: null,
    });
  });

  it('keeps %, newlines, control characters and unicode exactly', () => {
    const message = 'Value "100%s %d %%"\nnext line\t✓ 名前 👍🏽 \u001b[31m';
    const input: FormatInput = {
      ...EMPTY,
      diagnostics: [diag({ ruleId: 'r', file: 'ワ.yml', line: 1, column: 1, message, data: { v: '%s\n' } })],
    };
    const out = json(input, COLOR);
    expect(out).not.toMatch(ANSI);
    const report = JSON.parse(out) as { diagnostics: { message: string; file: string; data: unknown }[] };
    expect(report.diagnostics[0]?.message).toBe(message);
    expect(report.diagnostics[0]?.file).toBe('ワ.yml');
    expect(report.diagnostics[0]?.data).toEqual({ v: '%s\n' });
  });
});
