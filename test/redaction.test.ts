/**
 * Secrets never reach any output. `redact` itself (what it masks and keeps, linear time), then the
 * boundary: every fixture repository through every output format of the CLI (and the GitHub step
 * summary), and the ESLint plugin, must print nothing that looks like a token. The fixture
 * `redaction-literal-tokens` holds literal (fake, all-zero) tokens in every place a message quotes a
 * value. Tokens in the unit tests are built at run time so this file holds none.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { holdsSecret, redact, redactDiagnostic } from '../src/diagnostics/redact.js';
import plugin from '../src/eslint-plugin/index.js';
import { formatNames } from '../src/formatters/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures/repos');
const TOKEN_FIXTURE = path.join(FIXTURES, 'redaction-literal-tokens');

/** A token-shaped string of `length` characters after `prefix`, different each call site. */
function fake(prefix: string, length: number, alphabet = 'aB3dE5gH7jK9'): string {
  let body = '';
  for (let i = 0; body.length < length; i++) body += alphabet[i % alphabet.length];
  return prefix + body;
}

const NPM = fake('npm_', 36);
const GHP = fake('ghp_', 36);
const GHO = fake('gho_', 36);
const GHU = fake('ghu_', 36);
const GHS = fake('ghs_', 36);
const GHR = fake('ghr_', 36);
const PAT = `github_pat_${fake('', 22)}_${fake('', 59)}`;
const GLPAT = fake('glpat-', 20);

/**
 * The oracle, written independently of `redact`: anything that looks like a token or a
 * credential value in printed text. After a credential key, an environment reference (`${...}`,
 * `$NAME`), a mask (`****`, `npm_****`) and the rule pages' placeholder (`…`) are fine.
 */
const NOT_A_VALUE = '(?!\\$|…|undefined|XXXXX-|(?:npm_|gh[pousr]_|github_pat_|glpat-)?\\*{4})';
const LEAK = new RegExp(
  [
    'npm_[A-Za-z0-9]{36}',
    'gh[pousr]_[A-Za-z0-9]{30}',
    'github_pat_[A-Za-z0-9_]{20}',
    'glpat-[A-Za-z0-9_-]{20}',
    `_(authToken|auth|password)\\s*=\\s*["'\\\\]*${NOT_A_VALUE}[^\\s"'\`\\\\]`,
    `Bearer\\s+${NOT_A_VALUE}[^\\s"'\`\\\\]`,
  ].join('|'),
  'i',
);

describe('redact', () => {
  const cases: [string, string, string][] = [
    ['an npm token', `token ${NPM} here`, 'token npm_**** here'],
    ['a classic GitHub token', `uses ${GHP}`, 'uses ghp_****'],
    ['an OAuth GitHub token', GHO, 'gho_****'],
    ['a user-to-server GitHub token', GHU, 'ghu_****'],
    ['a server-to-server GitHub token', `"${GHS}"`, '"ghs_****"'],
    ['a refresh GitHub token', GHR, 'ghr_****'],
    ['a fine-grained GitHub token', `x ${PAT} y`, 'x github_pat_**** y'],
    ['a GitLab token, keeping a full stop', `token ${GLPAT}.`, 'token glpat-****.'],
    ['an npmrc _authToken', `//registry.npmjs.org/:_authToken=${NPM}`, '//registry.npmjs.org/:_authToken=npm_****'],
    ['an npmrc _authToken that is no known token', '//r.example/:_authToken=abc123', '//r.example/:_authToken=****'],
    ['a quoted _authToken with blanks around =', '_authToken = "s3cr3t-value"', '_authToken = "****"'],
    ['an _auth value', '//registry.npmjs.org/:_auth=dXNlcjpwYXNz', '//registry.npmjs.org/:_auth=****'],
    ['a single-quoted _password', "_password='cGFzcw=='", "_password='****'"],
    ['an npm_config environment variable', 'NPM_CONFIG__AUTHTOKEN=abc', 'NPM_CONFIG__AUTHTOKEN=****'],
    ['an Authorization Bearer header', 'curl -H "Authorization: Bearer eyJhbGciOi.x.y"', 'curl -H "Authorization: Bearer ****"'],
    ['an Authorization header in any case', 'authorization:bearer abc', 'authorization:bearer ****'],
    ['a Basic header', 'Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic ****'],
  ];
  for (const [name, input, output] of cases) {
    it(`masks ${name}`, () => {
      expect(redact(input)).toBe(output);
      expect(LEAK.test(redact(input))).toBe(false);
      expect(redact(redact(input))).toBe(redact(input)); // idempotent
    });
  }

  const kept: [string, string][] = [
    ['an environment reference', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
    ['a shell variable', '_authToken=$NODE_AUTH_TOKEN'],
    ['a GitHub expression', 'Authorization: Bearer ${{ secrets.NPM_TOKEN }}'],
    ['a short npm_ word', 'npm_config_registry and npm_package_version'],
    ['a key without a value', 'set `_authToken` in .npmrc'],
    ['what an unset secret becomes', 'which becomes `_authToken=undefined` without the secret'],
    ["setup-node's placeholder", '//registry.npmjs.org/:_authToken=XXXXX-XXXXX-XXXXX-XXXXX'],
    ['an ellipsis', '`//registry.npmjs.org/:_authToken=…`'],
    ['ordinary text', 'Job "publish" publishes to npm but has no `id-token: write`'],
  ];
  for (const [name, input] of kept) {
    it(`keeps ${name}`, () => {
      expect(redact(input)).toBe(input);
      expect(holdsSecret(input)).toBe(false);
    });
  }

  it('keeps text without any marker the same string', () => {
    const text = 'nothing to see';
    expect(redact(text)).toBe(text);
  });

  // Hostile inputs of about a megabyte each; a backtracking pattern takes minutes on these.
  // The generous timeout only catches a hang; speed is measured in bench/, not here.
  it('runs in linear time on adversarial input', { timeout: 20_000 }, () => {
    const inputs = [
      '_auth'.repeat(200_000),
      '_authToken='.repeat(100_000),
      `_authToken=${' '.repeat(1_000_000)}`,
      `_authToken${' \t'.repeat(500_000)}`,
      `${'npm_'.repeat(50_000)}${'a'.repeat(35)}`,
      `npm_${'a'.repeat(1_000_000)}`,
      `${'glpat-'.repeat(100_000)}x`,
      `Authorization:${' '.repeat(1_000_000)}Bearer`,
      `authorization: bearer${' '.repeat(1_000_000)}`,
      'github_pat_'.repeat(100_000),
    ];
    for (const input of inputs) {
      const out = redact(input);
      expect(typeof out).toBe('string');
    }
  });

  it('redacts every text field of a diagnostic', () => {
    const d: Diagnostic = {
      ruleId: 'r',
      messageId: 'm',
      severity: 'error',
      message: `runner "${NPM}"`,
      why: `because ${GHP}`,
      fix: `remove _authToken=${NPM}`,
      file: '.github/workflows/release.yml',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
      related: [{ file: '.npmrc', start: { line: 1, column: 1 }, end: { line: 1, column: 2 }, label: `value ${GLPAT}` }],
      docsUrl: 'https://example.invalid',
      data: { label: NPM, count: 3 },
    };
    const r = redactDiagnostic(d);
    expect(LEAK.test(JSON.stringify(r))).toBe(false);
    expect(r).toMatchObject({
      message: 'runner "npm_****"',
      why: 'because ghp_****',
      fix: 'remove _authToken=npm_****',
      data: { label: 'npm_****', count: 3 },
      file: d.file,
    });
    expect(r.related[0]?.label).toBe('value glpat-****');
  });
});

// --- the boundary ---------------------------------------------------------------------------------

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await run(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      out += t;
    },
    env,
    isTTY: false,
    cwd: ROOT,
  });
  return { code, out };
}

const scenarios = readdirSync(FIXTURES).filter((name) => statSync(path.join(FIXTURES, name)).isDirectory());

describe('no output format prints a token', () => {
  it('the token fixture holds literal tokens in its files (the oracle sees them)', () => {
    const files = ['.npmrc', '.nvmrc', '.github/workflows/release.yml'].map((f) => readFileSync(path.join(TOKEN_FIXTURE, f), 'utf8'));
    for (const text of files) expect(LEAK.test(text)).toBe(true);
  });

  it('the oracle catches what the old output printed', () => {
    expect(LEAK.test(`Runner label "${NPM}" of job "x"`)).toBe(true);
    expect(LEAK.test('"//registry.npmjs.org/:_authToken=abc" is not a Node version')).toBe(true);
    expect(LEAK.test('"//registry.npmjs.org/:_authToken=npm_****" is not a Node version')).toBe(false);
  });

  for (const scenario of scenarios) {
    it(scenario, { timeout: 60_000 }, async () => {
      const dir = path.join('fixtures/repos', scenario);
      for (const format of formatNames) {
        const summaryDir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-redaction-'));
        temps.push(summaryDir);
        const summary = path.join(summaryDir, 'summary.md');
        const { code, out } = await cli([dir, '--no-root-search', '--format', format], { GITHUB_STEP_SUMMARY: summary });
        expect(code, `${scenario} --format ${format}:\n${out}`).toBeLessThan(2);
        const leaked = LEAK.exec(out);
        expect(leaked?.[0], `${scenario} --format ${format} prints a token`).toBeUndefined();
        if (format === 'github') {
          const md = readFileSync(summary, 'utf8');
          expect(LEAK.exec(md)?.[0], `${scenario} step summary prints a token`).toBeUndefined();
        }
      }
    });
  }

  it('still reports every finding of the token fixture, with the secret masked', async () => {
    const { out } = await cli(['fixtures/repos/redaction-literal-tokens', '--no-root-search', '--format', 'json']);
    const report = JSON.parse(out.slice(out.indexOf('{'))) as { diagnostics: { ruleId: string; message: string }[] };
    const messages = report.diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain('Runner label "npm_****"');
    expect(messages).toContain('Environment "ghp_****"');
    expect(messages).toContain('"//registry.npmjs.org/:_authToken=npm_****');
    expect(messages).toContain('npm install -g npm@npm_****');
    expect(messages).toContain('matrix-value": "npm_****" is not a Node version');
  });

  it('the ESLint plugin hands ESLint no token', async () => {
    const eslint = new ESLint({ cwd: TOKEN_FIXTURE, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const file = path.join(TOKEN_FIXTURE, '.github/workflows/release.yml');
    const [result] = await eslint.lintText(readFileSync(file, 'utf8'), { filePath: file });
    const messages = result!.messages.map((m) => m.message);
    expect(messages.length).toBeGreaterThanOrEqual(5);
    for (const m of messages) expect(LEAK.exec(m)?.[0], m).toBeUndefined();
    expect(messages.join('\n')).toContain('npm_****');
  });
});
