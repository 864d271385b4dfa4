/**
 * `tp-doctor diagnose`: the log fixtures in ./logs (written for these tests from the real messages
 * named in src/runtime/log-patterns.ts), the recognition table, and the ranking of static findings
 * against a temporary repository, end to end through the CLI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { cleanLine, cleanLog } from '../../src/runtime/log-clean.js';
import { LOG_PATTERNS } from '../../src/runtime/log-patterns.js';
import { matchLog } from '../../src/runtime/diagnose.js';
import { cleanup, cli, repo, tempDir, WIDGET_PKG } from './helpers.js';

afterAll(cleanup);

const LOGS = path.resolve(import.meta.dirname, 'logs');
const log = (name: string): string => readFileSync(path.join(LOGS, name), 'utf8');

/** Fixture → the failures and clues it must produce, in table order. */
const EXPECTED: Record<string, { failures: string[]; clues: string[] }> = {
  'github-npm-e404.log': { failures: ['e404-put', 'token-expired'], clues: [] },
  'github-npm10-provenance.log': { failures: ['e404-put'], clues: ['npm-version-too-old', 'provenance-signed'] },
  'github-exchange-not-found.log': { failures: ['eneedauth', 'exchange-package-not-found'], clues: ['npm-version-ok'] },
  'gitlab-eneedauth.log': { failures: ['eneedauth'], clues: ['oidc-no-id-token'] },
  'semantic-release.log': { failures: ['semantic-release-enonpmtoken'], clues: [] },
  'semantic-release-invalid.log': { failures: ['semantic-release-einvalidnpmtoken'], clues: [] },
  'yarn-berry.log': { failures: ['yarn-no-auth'], clues: [] },
  'pnpm-placeholder.log': { failures: ['e404-put'], clues: ['pnpm-placeholder-token'] },
  'changesets-403.log': { failures: ['oidc-permission-denied'], clues: ['oidc-exchanged', 'changesets-oidc'] },
  'provenance-e422.log': { failures: ['e422-repository-url'], clues: ['provenance-signed'] },
  'private-e422.log': { failures: ['e422-visibility'], clues: [] },
  'circleci-provenance.log': { failures: ['provenance-unsupported-provider'], clues: [] },
  'npm-upgrade-ebadengine.log': { failures: ['npm-ebadengine'], clues: [] },
  'github-startup-failure.log': { failures: ['nested-id-token'], clues: [] },
  'exchange-unauthorized.log': { failures: ['exchange-unauthorized'], clues: ['oidc-no-permission'] },
  'clean-success.log': { failures: [], clues: ['npm-version-ok'] },
};

describe('log cleaning', () => {
  it('strips GitHub timestamps and commands, ANSI colours and GitLab section markers', () => {
    expect(cleanLine('2026-11-20T10:00:15.1234582Z \u001b[31mnpm error\u001b[39m code E404')).toBe('npm error code E404');
    expect(cleanLine('2026-11-20T10:00:00.1234567Z ##[group]Run npm publish')).toBe('Run npm publish');
    expect(cleanLine('section_start:1763632800:step_script\r\u001b[0K\u001b[0K\u001b[36;1mExecuting "step_script"\u001b[0;m')).toBe('Executing "step_script"');
    expect(cleanLine('section_end:1763632800:step_script\r\u001b[0K')).toBe('');
    expect(cleanLine('2026-11-20T10:00:00.123456Z 01O $ npm publish')).toBe('$ npm publish');
    expect(cleanLog('a\r\nb\n')).toEqual(['a', 'b', '']);
  });
});

describe('the message table', () => {
  const ids = new Set(rules.map((r) => r.id));

  it('names a source for every row, real rule ids, and unique ids', () => {
    expect(new Set(LOG_PATTERNS.map((p) => p.id)).size).toBe(LOG_PATTERNS.length);
    for (const p of LOG_PATTERNS) {
      expect(p.source.length, p.id).toBeGreaterThan(10);
      for (const id of [...p.explainedBy, ...(p.contradicts ?? [])]) expect(ids.has(id), `${p.id} names unknown rule ${id}`).toBe(true);
      if (p.kind === 'failure') expect(p.explainedBy.length, p.id).toBeGreaterThan(0);
    }
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`recognises ${file}`, () => {
      const matches = matchLog(log(file));
      expect(matches.filter((m) => m.pattern.kind === 'failure').map((m) => m.pattern.id)).toEqual(expected.failures);
      expect(matches.filter((m) => m.pattern.kind === 'clue').map((m) => m.pattern.id)).toEqual(expected.clues);
    });
  }

  it('is exercised by the fixtures row by row', () => {
    const seen = new Set(Object.values(EXPECTED).flatMap((e) => [...e.failures, ...e.clues]));
    expect(LOG_PATTERNS.map((p) => p.id).filter((id) => !seen.has(id))).toEqual([]);
  });

  it('reports the line numbers of the original file', () => {
    const e404 = matchLog(log('github-npm-e404.log')).find((m) => m.pattern.id === 'e404-put')!;
    expect(e404.lines).toEqual([16]);
    expect(e404.text).toBe('npm error 404 Not Found - PUT https://registry.npmjs.org/widget - Not found');
  });

  it('is listed in docs/diagnose.md with its source', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/diagnose.md'), 'utf8');
    for (const p of LOG_PATTERNS) expect(doc, p.id).toContain(`\`${p.id}\``);
  });

  it('redacts tokens in quoted lines', () => {
    const token = `npm_${'a1B2'.repeat(9)}`;
    const m = matchLog(`npm error 404 Not Found - PUT https://registry.npmjs.org/x - Not found ${token}\n`)[0]!;
    expect(m.text).not.toContain(token);
    expect(m.text).toContain('npm_****');
  });
});

const WORKFLOW_LEFTOVER_TOKEN = [
  'name: Release',
  'on:',
  '  push:',
  "    tags: ['v*']",
  'permissions:',
  '  contents: read',
  'jobs:',
  '  publish:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v5',
  '      - uses: actions/setup-node@v5',
  '        with:',
  '          node-version: NODE',
  '          registry-url: https://registry.npmjs.org',
  '      - run: npm ci',
  '      - run: npm publish',
  '        env:',
  '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
  '',
].join('\n');

function leftoverRepo(node = '24'): string {
  return repo({
    'package.json': WIDGET_PKG,
    '.github/workflows/release.yml': WORKFLOW_LEFTOVER_TOKEN.replace('NODE', node),
    'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n',
  });
}

interface JsonDiagnosis {
  failures: { id: string; lines: number[] }[];
  clues: { id: string }[];
  findings: { rank: number; ruleId: string; messageId: string; explains: string[]; doubtedBy: string[]; severity: string; noRun?: boolean }[];
  repository: { linted: boolean } | null;
  summary: { failures: number; explaining: number };
}

describe('diagnose end to end', () => {
  it('(c) ranks the missing `id-token: write` first for an E404 with a leftover NODE_AUTH_TOKEN', async () => {
    const dir = leftoverRepo();
    const logFile = path.join(tempDir(), 'publish.log');
    writeFileSync(logFile, 'npm notice Publishing to https://registry.npmjs.org/ with tag latest\nnpm error code E404\nnpm error 404 Not Found - PUT https://registry.npmjs.org/@acme%2fwidget - Not found\n');
    const result = await cli(['diagnose', logFile, '--repo', dir, '-f', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonDiagnosis;
    expect(report.failures.map((f) => f.id)).toEqual(['e404-put']);
    expect(report.failures[0]!.lines).toEqual([3]);
    const ruleIds = report.findings.map((f) => f.ruleId);
    expect(ruleIds).toContain('no-long-lived-token');
    expect(report.findings[0]).toMatchObject({ rank: 1, ruleId: 'require-id-token-write', explains: ['e404-put'] });
    expect(ruleIds.indexOf('require-id-token-write')).toBeLessThan(ruleIds.indexOf('no-long-lived-token'));

    const text = await cli(['diagnose', logFile, '--repo', dir], { cwd: dir });
    const lines = text.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('Findings in the repository that explain it'));
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/^ {2}1\. \.github\/workflows\/release\.yml:\d+:\d+ .*require-id-token-write$/);
    expect(text.stdout).toContain('explains: E404 Not Found - PUT');
  });

  it('does not rank a finding whose file GitHub refuses to start (`id-token: read`) as explaining an E404 or ENEEDAUTH', async () => {
    // GitHub rejects the whole workflow file and runs none of its jobs: the publish log cannot come from it.
    const dir = repo({
      'package.json': WIDGET_PKG,
      '.github/workflows/release.yml': WORKFLOW_LEFTOVER_TOKEN.replace('NODE', '24').replace('  contents: read', '  contents: read\n  id-token: read'),
      'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n',
    });
    for (const file of ['github-npm-e404.log', 'github-exchange-not-found.log']) {
      const report = JSON.parse((await cli(['diagnose', path.join(LOGS, file), '--repo', dir, '-f', 'json'], { cwd: dir })).stdout) as JsonDiagnosis;
      const invalid = report.findings.find((f) => f.ruleId === 'require-id-token-write' && f.messageId === 'invalidIdToken');
      expect(invalid, file).toMatchObject({ explains: [], noRun: true, severity: 'error' });
      // Listed after every finding that explains the failure.
      const explaining = report.findings.filter((f) => f.explains.length > 0);
      expect(explaining.every((f) => f.rank < invalid!.rank), file).toBe(true);
      expect(report.summary.explaining, file).toBe(explaining.length);
    }
    const text = (await cli(['diagnose', path.join(LOGS, 'github-npm-e404.log'), '--repo', dir], { cwd: dir })).stdout;
    const other = text.indexOf('Other findings:');
    expect(other).toBeGreaterThan(0);
    const at = text.indexOf('`id-token: read` is not a valid access level');
    expect(at).toBeGreaterThan(other);
    expect(text.slice(at)).toMatch(/^[^\n]*\n(?: {6}.*\n)*? {6}not the cause: GitHub refuses to start a run of this file, so the log cannot come from it/);
  });

  it('puts npm first and doubts the permission when the log shows provenance was signed with npm 10', async () => {
    const dir = leftoverRepo('20');
    const withClue = JSON.parse((await cli(['diagnose', path.join(LOGS, 'github-npm10-provenance.log'), '--repo', dir, '-f', 'json'], { cwd: dir })).stdout) as JsonDiagnosis;
    expect(withClue.findings[0]!.ruleId).toBe('npm-supports-oidc');
    const permission = withClue.findings.find((f) => f.ruleId === 'require-id-token-write')!;
    expect(permission.doubtedBy).toEqual(['provenance-signed']);
    // The same repository against a bare E404: the permission comes first again.
    const bare = JSON.parse((await cli(['diagnose', path.join(LOGS, 'github-npm-e404.log'), '--repo', dir, '-f', 'json'], { cwd: dir })).stdout) as JsonDiagnosis;
    expect(bare.findings[0]!.ruleId).toBe('require-id-token-write');
    expect(bare.findings[0]!.doubtedBy).toEqual([]);
  });

  it('reads standard input and the working directory as the repository when it has package.json', async () => {
    const dir = leftoverRepo();
    const result = await cli(['diagnose', '-', '-f', 'json'], { cwd: dir, stdin: log('gitlab-eneedauth.log') });
    const report = JSON.parse(result.stdout) as JsonDiagnosis;
    expect(report.repository?.linted).toBe(true);
    expect(report.failures.map((f) => f.id)).toEqual(['eneedauth']);
    const noRepo = JSON.parse((await cli(['diagnose', '-', '--no-repo', '-f', 'json'], { cwd: dir, stdin: log('gitlab-eneedauth.log') })).stdout) as JsonDiagnosis;
    expect(noRepo.repository).toBeNull();
    const elsewhere = JSON.parse((await cli(['diagnose', '-', '-f', 'json'], { cwd: tempDir(), stdin: 'nothing here\n' })).stdout) as JsonDiagnosis;
    expect(elsewhere.repository).toBeNull();
    expect(elsewhere.summary.failures).toBe(0);
  });

  it('exits 0 on a log with no known failure and no repository errors', async () => {
    const result = await cli(['diagnose', path.join(LOGS, 'clean-success.log'), '--no-repo'], { cwd: tempDir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No known trusted-publishing failure');
  });

  it('rejects what it cannot read with exit 2', async () => {
    const dir = tempDir();
    const zip = path.join(dir, 'logs.zip');
    writeFileSync(zip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    const cases: [string[], RegExp][] = [
      [['diagnose'], /expected a log file/],
      [['diagnose', path.join(dir, 'missing.log')], /does not exist/],
      [['diagnose', zip], /zip archive/],
      [['diagnose', dir], /not a file/],
      [['diagnose', path.join(LOGS, 'yarn-berry.log'), '--repo', path.join(dir, 'nope')], /does not exist/],
      [['diagnose', path.join(LOGS, 'yarn-berry.log'), '-f', 'sarif'], /unknown format/],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(argv, { cwd: dir });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
